//! The demonstration: a button that runs the preset's command (the lab's
//! busybox curl, `kubectl logs`, `ps` …) against the live model, its output
//! as a terminal shows it, a verdict, and the path the request took.

use std::rc::Rc;

use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;
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
    pub works_text: Key,
    pub fails_text: Key,
}

#[component]
pub fn CheckPanel(props: &CheckPanelProps) -> Html {
    let lang = use_lang();
    let onclick = props.onrun.reform(|_: MouseEvent| ());
    html! {
        <section class="panel check" aria-labelledby="check-heading">
            <h2 id="check-heading">{ Key::TryIt.text(lang) }</h2>
            <div class="check-head">
                <code class="command" data-testid="check-command">{ props.command.clone() }</code>
                <button class="btn primary" data-testid="check-run" {onclick}>{ Key::Run.text(lang) }</button>
            </div>
            <div class="terminal" data-testid="check-output" role="region" tabindex="0" aria-label={Key::CommandOutput.text(lang)}>
                { match &props.result {
                    None => html! { <div class="placeholder">{ Key::RunPlaceholder.text(lang) }</div> },
                    Some(r) => {
                        let ok = props.works;
                        html! {
                            <>
                                if r.waited > crate::model::base::time::SimDuration::ZERO {
                                    <div class="waited" data-testid="check-waited">{ crate::model::project::presets::waited_text(r.waited).render(lang) }</div>
                                }
                                <div class="prompt">{ format!("$ {}", r.command) }</div>
                                <pre class="out stdout">{ r.stdout.clone() }</pre>
                                <pre class="out stderr">{ workspace::terminal_text(&r.stderr) }</pre>
                                <div class={classes!("verdict", if ok { "ok" } else { "bad" })} data-testid="check-verdict">
                                    { if ok { format!("✔ {}", props.works_text.text(lang)) } else { format!("✘ {}", props.fails_text.text(lang)) } }
                                </div>
                                if !r.trace.is_empty() {
                                    <ol class="trace" data-testid="check-trace">
                                        { for r.trace.iter().enumerate().map(|(i, h)| {
                                            let ms = h.at.since(r.started).as_micros() as f64 / 1000.0;
                                            html! {
                                                <li key={i} class={classes!(if h.ok() { "ok" } else { "bad" })}>
                                                    <span class="t">{ format!("+{ms:.1} ms") }</span>
                                                    <span class="who">{ format!("{}/{}", h.pod, h.container.as_deref().unwrap_or("")) }</span>
                                                    <span class="what">{ h.text.render(lang) }</span>
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
