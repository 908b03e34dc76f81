//! The Checks panel: the exercise's objectives, each with the command that
//! checks it, pass or fail, and a hint on failure; a button runs them all
//! (their lines and output show in the console).

use std::rc::Rc;

use yew::prelude::*;

use crate::model::project::checks::Row;

/// The panel's own words, in one place (the lead translates).
mod text {
    pub const HEADING: &str = "Checks";
    pub const RUN: &str = "Check my work";
    pub const RUNNING: &str = "Checking…";
    pub const HOW: &str = "Each check runs its command in the console, after the pods settle.";
    pub const EMPTY: &str = "This exercise has no checks.";
    pub const PASSED: &str = "passed";
    pub const FAILED: &str = "failed";
    pub const NOT_RUN: &str = "not checked yet";
    pub fn summary(passed: usize, of: usize) -> String {
        format!("{passed} of {of} checks pass.")
    }
}

#[derive(Properties, PartialEq)]
pub struct ChecklistPanelProps {
    pub rows: Rc<Vec<Row>>,
    /// A run is under way.
    pub running: bool,
    /// Whether the list has run since it or the files changed.
    pub ran: bool,
    pub onrun: Callback<()>,
}

#[component]
pub fn ChecklistPanel(props: &ChecklistPanelProps) -> Html {
    let onclick = props.onrun.reform(|_: MouseEvent| ());
    let passed = props.rows.iter().filter(|r| r.passed == Some(true)).count();
    html! {
        <section class="panel checklist" data-testid="checklist" aria-labelledby="checklist-heading">
            <div class="check-head">
                <h2 id="checklist-heading">{ text::HEADING }</h2>
                <button class="btn primary" data-testid="checks-run" disabled={props.running} {onclick}>
                    { if props.running { text::RUNNING } else { text::RUN } }
                </button>
            </div>
            <p class="muted">{ text::HOW }</p>
            if props.rows.is_empty() {
                <p class="muted">{ text::EMPTY }</p>
            }
            <ul class="check-items">
                { for props.rows.iter().map(|r| {
                    let (mark, class, label) = match r.passed {
                        Some(true) => ("✔", "ok", text::PASSED),
                        Some(false) => ("✘", "bad", text::FAILED),
                        None => ("○", "pending", text::NOT_RUN),
                    };
                    html! {
                        <li key={r.id.clone()} class={classes!("check-item", class)} data-testid="check-item"
                            data-id={r.id.clone()} data-passed={(r.passed == Some(true)).to_string()}>
                            <span class="mark" aria-label={label} role="img">{ mark }</span>
                            <span class="title">{ r.title.clone() }</span>
                            <code class="command">{ r.command.clone() }</code>
                            if r.passed == Some(false) {
                                <div class="hint" data-testid="check-hint">
                                    { format!("{} {}", r.detail, r.hint) }
                                </div>
                            } else if !r.detail.is_empty() {
                                <div class="hint muted">{ r.detail.clone() }</div>
                            }
                        </li>
                    }
                }) }
            </ul>
            if props.ran && !props.running {
                <p class="check-summary" data-testid="checks-summary" role="status">{ text::summary(passed, props.rows.len()) }</p>
            }
        </section>
    }
}
