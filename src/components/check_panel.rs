//! The lab's check: a button that runs the busybox curl to the
//! fruit-service pod IP on port 80, its output as a terminal shows it, and
//! the path the request took.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::lab::{self, CheckResult};

#[derive(Properties, PartialEq)]
pub struct CheckPanelProps {
    pub result: Option<Rc<CheckResult>>,
    pub onrun: Callback<()>,
}

#[component]
pub fn CheckPanel(props: &CheckPanelProps) -> Html {
    let onclick = props.onrun.reform(|_: MouseEvent| ());
    html! {
        <section class="panel check">
            <h2>{ "The lab's check" }</h2>
            <div class="check-head">
                <code class="command">{ lab::CHECK_COMMAND }</code>
                <button class="btn primary" data-testid="check-run" {onclick}>{ "Run check" }</button>
            </div>
            <div class="terminal" data-testid="check-output">
                { match &props.result {
                    None => html! { <div class="placeholder">{ "Press “Run check” to curl the fruit service from busybox." }</div> },
                    Some(r) => {
                        let ok = r.code == 0 && r.stdout.contains("\"fruits\"");
                        html! {
                            <>
                                <div class="prompt">{ format!("$ {}", r.command) }</div>
                                <pre class="out stdout">{ r.stdout.clone() }</pre>
                                <pre class="out stderr">{ lab::terminal_text(&r.stderr) }</pre>
                                <div class={classes!("verdict", if ok { "ok" } else { "bad" })} data-testid="check-verdict">
                                    { if ok { "✔ JSON listing fruit: the ambassador works." } else { "✘ No fruit: see the output and the path below." } }
                                </div>
                                if !r.trace.is_empty() {
                                    <ol class="trace" data-testid="check-trace">
                                        { for r.trace.iter().enumerate().map(|(i, h)| {
                                            let ms = h.at.since(r.started).as_micros() as f64 / 1000.0;
                                            html! {
                                                <li key={i} class={classes!(if h.ok { "ok" } else { "bad" })}>
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
