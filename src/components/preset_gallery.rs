//! The gallery of presets: one button per pattern or shared resource, the
//! active one marked, with what it shows and where it comes from.

use std::rc::Rc;

use yew::prelude::*;

pub use crate::model::view::panes::Card;

#[derive(Properties, PartialEq)]
pub struct PresetGalleryProps {
    pub cards: Rc<Vec<Card>>,
    pub active: AttrValue,
    pub onselect: Callback<AttrValue>,
}

/// podlab's own words added for screen readers (English; the translations
/// are kept elsewhere): the gallery's landmark name.
fn nav_label() -> &'static str {
    "Preset gallery"
}

#[component]
pub fn PresetGallery(props: &PresetGalleryProps) -> Html {
    let current = props.cards.iter().find(|c| c.id == props.active.as_str());
    html! {
        <nav class="panel presets" data-testid="preset-gallery" aria-label={nav_label()}>
            <div class="preset-buttons" role="tablist" aria-label="Presets">
                { for props.cards.iter().map(|c| {
                    let active = c.id == props.active.as_str();
                    let onclick = {
                        let id = AttrValue::from(c.id);
                        props.onselect.reform(move |_: MouseEvent| id.clone())
                    };
                    html! {
                        <button key={c.id.to_string()} class={classes!("preset", active.then_some("active"))}
                            role="tab" aria-selected={active.to_string()}
                            data-testid={format!("preset-{}", c.id)} title={c.summary} {onclick}>
                            <span class="pattern">{ c.pattern }</span>
                            <span class="name">{ c.title }</span>
                        </button>
                    }
                }) }
            </div>
            if let Some(c) = current {
                <p class="preset-summary" data-testid="preset-summary">
                    { c.summary }
                    <span class="muted">{ format!(" Source: {}. Each preset keeps your edits; Reset restores its own files.", c.source) }</span>
                </p>
            }
        </nav>
    }
}
