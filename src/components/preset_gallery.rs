//! The gallery of presets: one button per pattern or shared resource, the
//! active one marked, with what it shows and where it comes from.

use std::rc::Rc;

use yew::prelude::*;

/// One preset as the gallery shows it.
#[derive(Clone, PartialEq)]
pub struct Card {
    pub id: AttrValue,
    pub title: AttrValue,
    pub pattern: AttrValue,
    pub summary: AttrValue,
    pub source: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct PresetGalleryProps {
    pub cards: Rc<Vec<Card>>,
    pub active: AttrValue,
    pub onselect: Callback<AttrValue>,
}

#[component]
pub fn PresetGallery(props: &PresetGalleryProps) -> Html {
    let current = props.cards.iter().find(|c| c.id == props.active);
    html! {
        <section class="panel presets" data-testid="preset-gallery">
            <div class="preset-buttons" role="tablist" aria-label="Presets">
                { for props.cards.iter().map(|c| {
                    let active = c.id == props.active;
                    let onclick = {
                        let id = c.id.clone();
                        props.onselect.reform(move |_: MouseEvent| id.clone())
                    };
                    html! {
                        <button key={c.id.to_string()} class={classes!("preset", active.then_some("active"))}
                            role="tab" aria-selected={active.to_string()}
                            data-testid={format!("preset-{}", c.id)} title={c.summary.clone()} {onclick}>
                            <span class="pattern">{ c.pattern.clone() }</span>
                            <span class="name">{ c.title.clone() }</span>
                        </button>
                    }
                }) }
            </div>
            if let Some(c) = current {
                <p class="preset-summary" data-testid="preset-summary">
                    { c.summary.clone() }
                    <span class="muted">{ format!(" Source: {}. Each preset keeps your edits; Reset restores its own files.", c.source) }</span>
                </p>
            }
        </section>
    }
}
