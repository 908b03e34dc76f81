//! The language switch: one button per language, short (EN, 中文) and named
//! in itself (English, 繁體中文) for its title and screen readers (the name
//! starts with what the button shows, WCAG 2.5.3 "label in name"), the one
//! shown pressed. It reads and changes the
//! language through the context `lang.rs` provides.

use yew::prelude::*;

use crate::lang::Shown;
use crate::model::base::i18n::{Key, Lang};

#[component]
pub fn LangSwitch() -> Html {
    let Some(shown) = use_context::<Shown>() else {
        return html! {};
    };
    html! {
        <div class="lang-switch" role="group" aria-label={Key::Language.text(shown.lang)} data-testid="lang-switch">
            { for Lang::ALL.into_iter().map(|l| {
                let onclick = shown.onchange.reform(move |_: MouseEvent| l);
                let pressed = l == shown.lang;
                html! {
                    <button key={l.tag()} class={classes!("btn", "subtle", pressed.then_some("active"))} lang={l.tag()}
                        aria-pressed={pressed.to_string()} data-testid={format!("lang-{}", l.tag())} {onclick}
                        title={l.endonym()} aria-label={format!("{} — {}", l.short(), l.endonym())}>
                        { l.short() }
                    </button>
                }
            }) }
        </div>
    }
}
