//! The diagnostics under an editor: `line:col`, who says it, and what; a
//! click puts the cursor there (from the keyboard: the `line:col` button).
//! The list scrolls, so it takes the focus, under its name.

use std::rc::Rc;

use yew::prelude::*;

pub use crate::model::view::panes::Item;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsListProps {
    pub items: Rc<Vec<Item>>,
    pub onjump: Callback<usize>,
    pub testid: AttrValue,
    /// What the list is named, for assistive technology.
    #[prop_or_default]
    pub label: AttrValue,
}

/// podlab's own words added for keyboard access (English; the
/// translations are kept elsewhere): the `line:col` button's tooltip, and
/// the words before `line:col` in its name (visually hidden).
mod text {
    pub const GO_TO: &str = "Go to this line";
    pub const GO_TO_LINE: &str = "Go to line ";
}

#[component]
pub fn DiagnosticsList(props: &DiagnosticsListProps) -> Html {
    if props.items.is_empty() {
        return html! { <div class="diagnostics empty" data-testid={props.testid.clone()}>{ "No problems." }</div> };
    }
    html! {
        <ul class="diagnostics" data-testid={props.testid.clone()} tabindex="0" aria-label={props.label.clone()}>
            { for props.items.iter().enumerate().map(|(i, d)| {
                let offset = d.offset;
                let onclick = props.onjump.reform(move |_: MouseEvent| offset);
                let sev = d.severity.as_str();
                html! {
                    <li key={i} class={classes!("diag", sev)} {onclick} title="Go to this line">
                        <button type="button" class="where" title={text::GO_TO}>
                            <span class="sr-only">{ text::GO_TO_LINE }</span>{ format!("{}:{}", d.line, d.col) }
                        </button>
                        <span class={classes!("origin", d.origin.as_str())}>{ d.origin.as_str() }</span>
                        <span class="message">{ d.message.clone() }</span>
                        { for d.notes.iter().map(|n| html! { <span class="note">{ n.clone() }</span> }) }
                    </li>
                }
            }) }
        </ul>
    }
}
