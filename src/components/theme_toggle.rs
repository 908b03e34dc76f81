//! The theme toggle: a labelled select of auto (the system's choice), light
//! and dark. It sets the theme through `theme::set_theme` and shows the
//! choice, whoever made it (the URL, the embed API or itself).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::theme::{self, Theme};

#[component]
pub fn ThemeToggle() -> Html {
    let lang = use_lang();
    let chosen = use_state(theme::current);
    {
        let chosen = chosen.setter();
        use_effect_with((), move |_| {
            chosen.set(theme::current());
            let sub = {
                let chosen = chosen.clone();
                theme::subscribe(Callback::from(move |t| chosen.set(t)))
            };
            move || drop(sub)
        });
    }
    let onchange = Callback::from(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(t) = Theme::parse(&select.value()) {
            theme::set_theme(t);
        }
    });
    html! {
        <label class="theme-toggle">
            <span class="theme-label">{ Key::Theme.text(lang) }</span>
            <select class="btn" data-testid="theme-select" {onchange}>
                { for Theme::ALL.iter().map(|&t| html! {
                    <option value={t.as_str()} selected={*chosen == t}>{ match t { Theme::Auto => Key::ThemeAuto, Theme::Light => Key::ThemeLight, Theme::Dark => Key::ThemeDark }.text(lang) }</option>
                }) }
            </select>
        </label>
    }
}
