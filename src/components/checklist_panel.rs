//! The Checks panel: the exercise's objectives, each with the command that
//! checks it, pass or fail, and a hint on failure; a button runs them all
//! (their lines and output show in the console).

use std::rc::Rc;

use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::model::project::checks::Row;

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
    let lang = use_lang();
    let onclick = props.onrun.reform(|_: MouseEvent| ());
    let passed = props.rows.iter().filter(|r| r.passed == Some(true)).count();
    html! {
        <section class="panel checklist" data-testid="checklist" aria-labelledby="checklist-heading">
            <div class="check-head">
                <h2 id="checklist-heading">{ Key::PaneChecks.text(lang) }</h2>
                <button class="btn primary" data-testid="checks-run" disabled={props.running} {onclick}>
                    { if props.running { Key::ChecksRunning } else { Key::ChecksRun }.text(lang) }
                </button>
            </div>
            <p class="muted">{ Key::ChecksHow.text(lang) }</p>
            if props.rows.is_empty() {
                <p class="muted">{ Key::ChecksEmpty.text(lang) }</p>
            }
            <ul class="check-items">
                { for props.rows.iter().map(|r| {
                    let (mark, class, label) = match r.passed {
                        Some(true) => ("✔", "ok", Key::CheckPassed),
                        Some(false) => ("✘", "bad", Key::CheckFailed),
                        None => ("○", "pending", Key::CheckPending),
                    };
                    html! {
                        <li key={r.id.clone()} class={classes!("check-item", class)} data-testid="check-item"
                            data-id={r.id.clone()} data-passed={(r.passed == Some(true)).to_string()}>
                            <span class="mark" aria-label={label.text(lang)} role="img">{ mark }</span>
                            <span class="title">{ r.title.render(lang) }</span>
                            <code class="command">{ r.command.clone() }</code>
                            if r.passed == Some(false) {
                                <div class="hint" data-testid="check-hint">
                                    { format!("{} {}", r.detail.as_ref().map(|d| d.render(lang)).unwrap_or_default(), r.hint.render(lang)) }
                                </div>
                            } else if let Some(d) = &r.detail {
                                <div class="hint muted">{ d.render(lang) }</div>
                            }
                        </li>
                    }
                }) }
            </ul>
            if props.ran && !props.running {
                <p class="check-summary" data-testid="checks-summary" role="status">{ Key::ChecksSummary.msg().arg("passed", passed).arg("of", props.rows.len()).render(lang) }</p>
            }
        </section>
    }
}
