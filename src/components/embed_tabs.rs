//! The embedded layout (`?embed=1`): no page header or gallery; the panes
//! (Files, Diagram, Console, Checks) in tabs, one shown at a time, sized
//! to fit an 800×600 iframe with no sideways scroll. The tabs follow the
//! WAI-ARIA tabs pattern: arrow keys, Home and End move between them.
//! Hidden panes stay mounted, so an editor or the console keeps its state.

use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;

/// The panes, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Files,
    Diagram,
    Console,
    Checks,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Files, Pane::Diagram, Pane::Console, Pane::Checks];

    /// The tab's label (podlab's own text, English; the lead translates).
    pub fn key(self) -> Key {
        match self {
            Pane::Files => Key::PaneFiles,
            Pane::Diagram => Key::PaneDiagram,
            Pane::Console => Key::Console,
            Pane::Checks => Key::PaneChecks,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Pane::Files => "files",
            Pane::Diagram => "diagram",
            Pane::Console => "console",
            Pane::Checks => "checks",
        }
    }

    /// The pane a key moves to from this one, if the key moves.
    pub fn after_key(self, key: &str) -> Option<Pane> {
        let i = Pane::ALL.iter().position(|p| *p == self)?;
        let n = Pane::ALL.len();
        let j = match key {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return None,
        };
        Some(Pane::ALL[j])
    }
}

/// The tab list's accessible name.

#[derive(Properties, PartialEq)]
pub struct EmbedTabsProps {
    /// Shown above the tabs (the notices).
    pub notices: Html,
    /// Beside the tabs (the clock).
    pub bar: Html,
    pub files: Html,
    pub diagram: Html,
    pub console: Html,
    pub checks: Html,
}

#[component]
pub fn EmbedTabs(props: &EmbedTabsProps) -> Html {
    let lang = use_lang();
    let active = use_state(|| Pane::Files);
    let onkeydown = {
        let active = active.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = active.after_key(&e.key()) {
                e.prevent_default();
                active.set(next);
                if let Some(tab) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("embed-tab-{}", next.slug())))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
                {
                    let _ = tab.focus();
                }
            }
        })
    };
    let tab = |p: Pane| {
        let selected = *active == p;
        let onclick = {
            let active = active.clone();
            Callback::from(move |_: MouseEvent| active.set(p))
        };
        html! {
            <button role="tab" class={classes!("embed-tab", selected.then_some("active"))}
                id={format!("embed-tab-{}", p.slug())} aria-selected={selected.to_string()}
                aria-controls={format!("embed-panel-{}", p.slug())}
                tabindex={if selected { "0" } else { "-1" }}
                data-testid={format!("embed-tab-{}", p.slug())} {onclick}>
                { p.key().text(lang) }
            </button>
        }
    };
    let panel = |p: Pane, content: &Html| {
        html! {
            <div role="tabpanel" class={classes!("embed-panel", format!("embed-{}", p.slug()))}
                id={format!("embed-panel-{}", p.slug())}
                aria-labelledby={format!("embed-tab-{}", p.slug())}
                hidden={*active != p}
                data-testid={format!("embed-panel-{}", p.slug())}>
                { content.clone() }
            </div>
        }
    };
    html! {
        <div class="embed" data-testid="embed">
            // The page's one heading, for screen readers (the layout has no
            // header to show it in).
            <h1 class="sr-only">{ "podlab" }</h1>
            { props.notices.clone() }
            <div class="embed-bar">
                <div class="embed-tabs" role="tablist" aria-label={Key::EmbedPanes.text(lang)} {onkeydown}>
                    { for Pane::ALL.into_iter().map(tab) }
                </div>
                { props.bar.clone() }
            </div>
            { panel(Pane::Files, &props.files) }
            { panel(Pane::Diagram, &props.diagram) }
            { panel(Pane::Console, &props.console) }
            { panel(Pane::Checks, &props.checks) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_between_tabs() {
        for (from, key, expect) in [
            (Pane::Files, "ArrowRight", Some(Pane::Diagram)),
            (Pane::Checks, "ArrowRight", Some(Pane::Files)),
            (Pane::Files, "ArrowLeft", Some(Pane::Checks)),
            (Pane::Console, "Home", Some(Pane::Files)),
            (Pane::Diagram, "End", Some(Pane::Checks)),
            (Pane::Diagram, "Enter", None),
        ] {
            assert_eq!(from.after_key(key), expect, "{from:?} {key}");
        }
    }
}
