//! The diagnostics under an editor: `line:col`, who says it, and what; a
//! click puts the cursor there (from the keyboard: the `line:col` button).
//! The list scrolls, so it takes the focus, under its name.

use std::rc::Rc;

use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;

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

#[component]
pub fn DiagnosticsList(props: &DiagnosticsListProps) -> Html {
    let lang = use_lang();
    if props.items.is_empty() {
        return html! { <div class="diagnostics empty" data-testid={props.testid.clone()}>{ Key::NoProblems.text(lang) }</div> };
    }
    html! {
        <ul class="diagnostics" data-testid={props.testid.clone()} tabindex="0" aria-label={props.label.clone()}>
            { for props.items.iter().enumerate().map(|(i, d)| {
                let offset = d.offset;
                let onclick = props.onjump.reform(move |_: MouseEvent| offset);
                let sev = d.severity.as_str();
                html! {
                    <li key={i} class={classes!("diag", sev)} {onclick} title={Key::GoToLine.text(lang)}>
                        <button type="button" class="where" title={Key::GoToLine.text(lang)}>
                            <span class="sr-only">{ Key::GoToLineNumber.text(lang) }</span>{ format!("{}:{}", d.line, d.col) }
                        </button>
                        <span class={classes!("origin", d.origin.as_str())}>{ d.origin.as_str() }</span>
                        <span class="message">{ d.message.render(lang) }</span>
                        { for d.notes.iter().map(|n| html! { <span class="note">{ n.render(lang) }</span> }) }
                    </li>
                }
            }) }
        </ul>
    }
}
