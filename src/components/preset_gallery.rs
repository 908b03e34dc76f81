//! The gallery of presets: one button per pattern or shared resource, the
//! active one marked, with what it shows and where it comes from.

use std::rc::Rc;

use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;
pub use crate::model::view::panes::Card;

#[derive(Properties, PartialEq)]
pub struct PresetGalleryProps {
    pub cards: Rc<Vec<Card>>,
    pub active: AttrValue,
    pub onselect: Callback<AttrValue>,
}

#[component]
pub fn PresetGallery(props: &PresetGalleryProps) -> Html {
    let lang = use_lang();
    let current = props.cards.iter().find(|c| c.id == props.active.as_str());
    html! {
        <nav class="panel presets" data-testid="preset-gallery" aria-label={Key::PresetGallery.text(lang)}>
            <div class="preset-buttons" role="tablist" aria-label={Key::Presets.text(lang)}>
                { for props.cards.iter().map(|c| {
                    let active = c.id == props.active.as_str();
                    let onclick = {
                        let id = AttrValue::from(c.id);
                        props.onselect.reform(move |_: MouseEvent| id.clone())
                    };
                    html! {
                        <button key={c.id.to_string()} class={classes!("preset", active.then_some("active"))}
                            role="tab" aria-selected={active.to_string()}
                            data-testid={format!("preset-{}", c.id)} title={c.summary.text(lang)} {onclick}>
                            <span class="pattern">{ c.pattern.text(lang) }</span>
                            <span class="name">{ c.title.text(lang) }</span>
                        </button>
                    }
                }) }
            </div>
            if let Some(c) = current {
                <p class="preset-summary" data-testid="preset-summary">
                    { c.summary.text(lang) }
                    <span class="muted">{ Key::PresetSource.msg().arg_msg("source", c.source).render(lang) }</span>
                </p>
            }
        </nav>
    }
}
