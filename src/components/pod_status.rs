//! The pods' status as kubectl shows it: what `kubectl apply` said for each
//! tab, `kubectl get pods -o wide`, and, for pods that are not all running,
//! their events and the logs of their failing containers.

use std::rc::Rc;

use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::model::tools::kubectl::apply::Answer;

/// What `kubectl apply -f FILE` answered, document by document.
#[derive(Clone, PartialEq)]
pub struct ApplyReport {
    pub file: AttrValue,
    pub answers: Vec<Answer>,
}

pub use crate::model::view::panes::PodDetail;

#[derive(Properties, PartialEq)]
pub struct PodStatusProps {
    pub apply: Rc<Vec<ApplyReport>>,
    pub table: AttrValue,
    pub details: Rc<Vec<PodDetail>>,
}

#[component]
pub fn PodStatus(props: &PodStatusProps) -> Html {
    let lang = use_lang();
    html! {
        <section class="panel pod-status" data-testid="pod-status" aria-labelledby="pods-heading">
            <h2 id="pods-heading">{ Key::Pods.text(lang) }</h2>
            <div class="terminal" role="region" tabindex="0" aria-label={Key::PodsOutput.text(lang)}>
                { for props.apply.iter().map(|a| html! {
                    <div key={a.file.to_string()} class="cmd-block">
                        <div class="prompt">{ format!("$ kubectl apply -f {}", a.file) }</div>
                        { for a.answers.iter().map(|l| html! {
                            <div class={classes!("out", l.failed().then_some("err"))}>{ l.to_string() }</div>
                        }) }
                    </div>
                }) }
                <div class="prompt">{ "$ kubectl get pods -o wide" }</div>
                <pre class="out" data-testid="get-pods">{ props.table.clone() }</pre>
            </div>
            { for props.details.iter().map(|d| html! {
                <details key={d.pod.to_string()} class="pod-detail" open=true>
                    <summary>{ Key::WhyNotReady.msg().arg("pod", &d.pod).render(lang) }</summary>
                    if let Some(ev) = &d.events {
                        <div class="prompt">{ format!("$ kubectl describe pod {}   # Events:", d.pod) }</div>
                        <pre class="out" role="region" tabindex="0" aria-label={Key::EventsOf.msg().arg("pod", &d.pod).render(lang)}>{ ev.clone() }</pre>
                    }
                    { for d.logs.iter().map(|(cmd, out)| html! {
                        <>
                            <div class="prompt">{ format!("$ {cmd}") }</div>
                            <pre class="out" role="region" tabindex="0" aria-label={cmd.clone()}>{ out.clone() }</pre>
                        </>
                    }) }
                </details>
            }) }
        </section>
    }
}
