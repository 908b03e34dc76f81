//! The demonstration: a button that runs the preset's command (the lab's
//! busybox curl, `kubectl logs`, `ps` …) against the live model, its output
//! as a terminal shows it, a verdict, and the path the request took.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::project::workspace::{self, CommandRun};

#[derive(Properties, PartialEq)]
pub struct CheckPanelProps {
    pub result: Option<Rc<CommandRun>>,
    pub onrun: Callback<()>,
    /// The command, as a person types it.
    pub command: AttrValue,
    /// Whether the result shows the pattern working.
    #[prop_or_default]
    pub works: bool,
    pub works_text: AttrValue,
    pub fails_text: AttrValue,
}

/// podlab's own words added for screen readers (English; the translations
/// are kept elsewhere): the scrolling output's name.
fn output_label() -> &'static str {
    "Output of the command"
}

#[component]
pub fn CheckPanel(props: &CheckPanelProps) -> Html {
    let onclick = props.onrun.reform(|_: MouseEvent| ());
    html! {
        <section class="panel check" aria-labelledby="check-heading">
            <h2 id="check-heading">{ "Try it" }</h2>
            <div class="check-head">
                <code class="command" data-testid="check-command">{ props.command.clone() }</code>
                <button class="btn primary" data-testid="check-run" {onclick}>{ "Run" }</button>
            </div>
            <div class="terminal" data-testid="check-output" role="region" tabindex="0" aria-label={output_label()}>
                { match &props.result {
                    None => html! { <div class="placeholder">{ "Press “Run” to run this command against the pods." }</div> },
                    Some(r) => {
                        let ok = props.works;
                        html! {
                            <>
                                <div class="prompt">{ format!("$ {}", r.command) }</div>
                                <pre class="out stdout">{ r.stdout.clone() }</pre>
                                <pre class="out stderr">{ workspace::terminal_text(&r.stderr) }</pre>
                                <div class={classes!("verdict", if ok { "ok" } else { "bad" })} data-testid="check-verdict">
                                    { if ok { format!("✔ {}", props.works_text) } else { format!("✘ {}", props.fails_text) } }
                                </div>
                                if !r.trace.is_empty() {
                                    <ol class="trace" data-testid="check-trace">
                                        { for r.trace.iter().enumerate().map(|(i, h)| {
                                            let ms = h.at.since(r.started).as_micros() as f64 / 1000.0;
                                            html! {
                                                <li key={i} class={classes!(if h.ok() { "ok" } else { "bad" })}>
                                                    <span class="t">{ format!("+{ms:.1} ms") }</span>
                                                    <span class="who">{ format!("{}/{}", h.pod, h.container.as_deref().unwrap_or("")) }</span>
                                                    <span class="what">{ h.text.clone() }</span>
                                                </li>
                                            }
                                        }) }
                                    </ol>
                                }
                            </>
                        }
                    }
                } }
            </div>
        </section>
    }
}
