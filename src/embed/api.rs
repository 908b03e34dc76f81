//! The embedding API in the app: one hook, [`use_embed_api`], that shows
//! the URL's theme and language, answers the parent's JSON-RPC requests
//! (read by [`rpc`]) with the app's state and actions, sends
//! `podlab.ready` once mounted and `podlab.change` after the files change,
//! and answers each `podlab.run` when its console line ends.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use serde_json::Value;
use yew::prelude::*;

use super::bridge::{self, Form, Listener, Message};
use super::params::Params;
use super::rpc::{self, Call, Incoming, Request};
use super::runs::Outcome;
use crate::model::base::files::File;
use crate::selectors::Same;
use crate::state::{Action, State};

/// `podlab.change` goes at most this long after the files changed (issue
/// 11 promises 500 ms): changes meanwhile go in the same notification.
const CHANGE_MS: u32 = 250;

/// A `podlab.run` waiting for its line to end: whom to answer.
struct Waiting {
    id: Option<Value>,
    origin: String,
    form: Form,
}

/// Answer a request (a notification gets none).
fn answer(id: &Option<Value>, origin: &str, form: Form, r: Result<Value, rpc::RpcError>) {
    let Some(id) = id else { return };
    let json = match r {
        Ok(v) => rpc::result(id, v),
        Err(e) => rpc::error(id, &e),
    };
    bridge::post(&json, origin, form);
}

#[hook]
pub fn use_embed_api(state: &UseReducerHandle<State>, params: Rc<Params>) {
    // What the page's requests read: the state as last rendered.
    let latest = use_mut_ref(|| (**state).clone());
    *latest.borrow_mut() = (**state).clone();
    let waiting = use_mut_ref(BTreeMap::<u64, Waiting>::new);
    // `podlab.check`s waiting for the checklist's run to end.
    let checking = use_mut_ref(Vec::<Waiting>::new);

    // The parent's messages, and `podlab.ready` once listening.
    {
        let params = params.clone();
        let dispatcher = state.dispatcher();
        let latest = latest.clone();
        let waiting = waiting.clone();
        let checking = checking.clone();
        use_effect_with((), move |_| {
            let next_tag = Cell::new(0u64);
            let preset = latest.borrow().preset.id;
            let on = move |m: Message| {
                let Call { id, request } = match rpc::parse(&m.text) {
                    Incoming::Call(c) => c,
                    Incoming::Error { id, error } => {
                        answer(&id, &m.origin, m.form, Err(error));
                        return;
                    }
                };
                let reply = |r| answer(&id, &m.origin, m.form, r);
                match request {
                    Request::GetFiles => {
                        let s = latest.borrow();
                        let r = rpc::files_result(&s.files, s.preset.id);
                        drop(s);
                        reply(Ok(r));
                    }
                    Request::SetFiles(files) => {
                        dispatcher.dispatch(Action::SetFiles(files));
                        reply(Ok(rpc::done()));
                    }
                    Request::Run(line) => {
                        let tag = next_tag.get();
                        next_tag.set(tag.wrapping_add(1));
                        waiting.borrow_mut().insert(
                            tag,
                            Waiting {
                                id: id.clone(),
                                origin: m.origin.clone(),
                                form: m.form,
                            },
                        );
                        dispatcher.dispatch(Action::Run { line, tag });
                    }
                    Request::Reset => {
                        dispatcher.dispatch(Action::Reset);
                        reply(Ok(rpc::done()));
                    }
                    Request::SetTheme(t) => {
                        crate::theme::set_theme(t);
                        reply(Ok(rpc::done()));
                    }
                    // The checklist runs (a console line still running is
                    // stopped first, as Ctrl-C would: the page asked for
                    // the check now); the answer goes when the run ends.
                    Request::Check => {
                        checking.borrow_mut().push(Waiting {
                            id: id.clone(),
                            origin: m.origin.clone(),
                            form: m.form,
                        });
                        let s = latest.borrow();
                        let (line, run) = (s.running.is_some(), s.checks.running);
                        drop(s);
                        if line && !run {
                            dispatcher.dispatch(Action::Interrupt);
                        }
                        if !run {
                            dispatcher.dispatch(Action::RunChecks);
                        }
                    }
                    Request::SetChecks(items) => {
                        dispatcher.dispatch(Action::SetChecks(items));
                        reply(Ok(rpc::done()));
                    }
                }
            };
            let listener = Listener::new((*params).clone(), on);
            if listener.is_some() {
                bridge::notify(&params, &rpc::ready(preset));
            }
            move || drop(listener)
        });
    }

    // `podlab.run`'s answers, as their lines end.
    {
        let dispatcher = state.dispatcher();
        let waiting = waiting.clone();
        use_effect_with(Same(state.runs.clone()), move |runs| {
            let ended: Vec<u64> = runs.0.ended.keys().copied().collect();
            for (tag, outcome) in &runs.0.ended {
                let Some(w) = waiting.borrow_mut().remove(tag) else {
                    continue;
                };
                let r = match outcome {
                    Outcome::Ended { output, code } => Ok(rpc::run_result(output, *code)),
                    Outcome::Discarded => Err(rpc::not_run()),
                };
                answer(&w.id, &w.origin, w.form, r);
            }
            if !ended.is_empty() {
                dispatcher.dispatch(Action::Collected(ended));
            }
        });
    }

    // A checklist run ended: answer the waiting `podlab.check`s with its
    // report, and send `podlab.checked` to each allowed origin.
    {
        let latest = latest.clone();
        let params = params.clone();
        let seen = use_mut_ref(|| state.checks.runs);
        use_effect_with(state.checks.runs, move |runs| {
            if *seen.borrow() == *runs {
                return;
            }
            *seen.borrow_mut() = *runs;
            let report = latest.borrow().checks.report(bridge::shown_lang());
            for w in checking.borrow_mut().drain(..) {
                answer(&w.id, &w.origin, w.form, Ok(report.clone()));
            }
            if bridge::api_on(&params) {
                bridge::notify(&params, &rpc::checked(report));
            }
        });
    }

    // `podlab.change`, at most CHANGE_MS after the files changed.
    {
        let sent = use_mut_ref(|| state.files.clone());
        let timer = use_mut_ref(|| None::<Timeout>);
        let scheduled = use_mut_ref(|| Rc::new(Cell::new(false)));
        let latest = latest.clone();
        use_effect_with(Same(state.files.clone()), move |files| {
            let scheduled = scheduled.borrow().clone();
            if **sent.borrow() == *files.0 || scheduled.get() || !bridge::api_on(&params) {
                return;
            }
            scheduled.set(true);
            let sent = sent.clone();
            let latest = latest.clone();
            let t = Timeout::new(CHANGE_MS, move || {
                scheduled.set(false);
                let files: Rc<Vec<File>> = latest.borrow().files.clone();
                if *sent.borrow() != files {
                    bridge::notify(&params, &rpc::change(&files));
                    *sent.borrow_mut() = files;
                }
            });
            *timer.borrow_mut() = Some(t);
        });
    }
}
