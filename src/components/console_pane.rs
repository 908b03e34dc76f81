//! The console: a transcript of command lines and their output, and a
//! prompt with history (Up/Down) and Tab completion. Running a line and
//! completing one are the model's (`model::console`); this only shows them
//! and keeps what is being typed. A line that is still running shows what
//! it printed so far and a Stop button; Ctrl-C stops it too.
//!
//! Tab completes, so that it does not trap the keyboard, Escape then Tab
//! leaves the input (`a11y::Keys`, as in the editors), as the line under the
//! transcript says; the transcript is a focusable, named region, and what
//! the lines print is announced politely (`console_announcer`).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::console_announcer::ConsoleAnnouncer;
use crate::lang::use_lang;
use crate::model::base::i18n::{Key, Lang};
use crate::model::project::workspace;
use crate::model::tools::console::{self, Completion, Entry, Running};
use crate::model::view::a11y::{KeyAction, Keys};
use crate::selectors;

#[derive(Properties, PartialEq)]
pub struct ConsolePaneProps {
    pub entries: Rc<Vec<Entry>>,
    pub history: Rc<Vec<String>>,
    pub onrun: Callback<String>,
    pub oncomplete: Callback<String, Completion>,
    /// The line still running, if one is.
    #[prop_or_default]
    pub running: Option<Rc<Running>>,
    /// Lines typed while it runs, to run after it.
    #[prop_or_default]
    pub typeahead: Rc<Vec<String>>,
    /// Ctrl-C or the Stop button.
    #[prop_or_default]
    pub oninterrupt: Callback<()>,
}

/// A line and what it printed.
fn entry(e: &Entry, lang: Lang) -> Html {
    html! {
        <>
            if !e.line.is_empty() {
                <div class="prompt">{ format!("$ {}", e.line) }</div>
            }
            if !e.io.log.is_empty() {
                <pre class={classes!("out", (e.code != 0).then_some("failed"))}>{ output(e, lang) }</pre>
            }
        </>
    }
}

/// An entry's output, its last lines only when it is long (with a note).
fn output(e: &Entry, lang: Lang) -> Html {
    let text = workspace::terminal_text(&e.text());
    match selectors::output_tail(&text) {
        (0, _) => html! { { text } },
        (skipped, tail) => html! {
            <>
                <span class="origin podlab">{ Key::ConsoleSkipped.msg().arg("skipped", skipped).arg("kept", selectors::SHOWN_LINES).render(lang) }</span>
                { tail.to_string() }
            </>
        },
    }
}

#[component]
pub fn ConsolePane(props: &ConsolePaneProps) -> Html {
    let lang = use_lang();
    let draft = use_state(String::new);
    // Position in the history; `history.len()` is the line being typed.
    let pos = use_state(|| usize::MAX);
    let saved_draft = use_state(String::new);
    let candidates = use_state(Vec::<String>::new);
    let output = use_node_ref();
    let input = use_node_ref();

    // Keep the newest output in view.
    {
        let output = output.clone();
        let shown = (
            props.entries.len(),
            props.running.as_ref().map(|r| r.entry.io.log.len()),
        );
        use_effect_with(shown, move |_| {
            if let Some(el) = output.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    let oninput = {
        let draft = draft.clone();
        let candidates = candidates.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
            candidates.set(Vec::new());
        })
    };
    // What Tab does (`a11y::Keys`); leaving the input ends Escape's effect.
    let keys = use_mut_ref(Keys::default);
    let onblur = {
        let keys = keys.clone();
        Callback::from(move |_: FocusEvent| *keys.borrow_mut() = Keys::default())
    };
    let onkeydown = {
        let draft = draft.clone();
        let pos = pos.clone();
        let saved_draft = saved_draft.clone();
        let candidates = candidates.clone();
        let history = props.history.clone();
        let onrun = props.onrun.clone();
        let oncomplete = props.oncomplete.clone();
        let oninterrupt = props.oninterrupt.clone();
        let running = props.running.is_some();
        Callback::from(move |e: KeyboardEvent| {
            let modified = e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key();
            let tab = keys.borrow_mut().key(&e.key(), modified);
            match e.key().as_str() {
                // Ctrl-C stops the running line (with nothing running it is
                // left alone: it copies a selection).
                "c" if e.ctrl_key() && running => {
                    e.prevent_default();
                    oninterrupt.emit(());
                }
                "Enter" => {
                    e.prevent_default();
                    onrun.emit((*draft).clone());
                    draft.set(String::new());
                    pos.set(usize::MAX);
                    candidates.set(Vec::new());
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let step = if e.key() == "ArrowUp" { -1 } else { 1 };
                    let at = (*pos).min(history.len());
                    if at == history.len() {
                        saved_draft.set((*draft).clone());
                    }
                    let keep = if at == history.len() {
                        (*draft).clone()
                    } else {
                        (*saved_draft).clone()
                    };
                    let (next, text) = console::walk(&history, at, step, &keep);
                    pos.set(next);
                    draft.set(text);
                }
                // After Escape (or with Shift), Tab leaves the input.
                "Tab" if tab == KeyAction::Indent => {
                    e.prevent_default();
                    let c = oncomplete.emit((*draft).clone());
                    draft.set(c.line);
                    candidates.set(c.candidates);
                }
                "l" if e.ctrl_key() => {
                    e.prevent_default();
                    onrun.emit("clear".into());
                }
                _ => {}
            }
        })
    };

    // A click in the terminal puts the cursor at the prompt, unless it
    // selected text to copy.
    let onclick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting && let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.focus();
            }
        })
    };

    html! {
        <section class="panel console" data-testid="console" aria-labelledby="console-heading">
            <h2 id="console-heading">{ Key::Console.text(lang) }<span class="muted">{ Key::ConsoleHint.text(lang) }</span></h2>
            <div class="terminal" ref={output} data-testid="console-output" {onclick}
                role="region" tabindex="0" aria-label={Key::ConsoleTranscript.text(lang)}>
                { for props.entries.iter().enumerate().map(|(i, e)| html! {
                    <div class="entry" key={i}>{ entry(e, lang) }</div>
                }) }
                if let Some(r) = &props.running {
                    <div class="entry running" key="running" data-testid="console-running">
                        { entry(&r.entry, lang) }
                        <div class="running-note">
                            <span class="muted">{ Key::ConsoleRunning.text(lang) }</span>
                            <button class="btn subtle" data-testid="console-stop" title={Key::ConsoleStopTitle.text(lang)}
                                onclick={props.oninterrupt.reform(|_: MouseEvent| ())}>{ Key::ConsoleStop.text(lang) }</button>
                        </div>
                        { for props.typeahead.iter().map(|l| html! {
                            <div class="prompt typeahead muted" title={Key::ConsoleTypeahead.text(lang)}>{ format!("$ {l}") }</div>
                        }) }
                    </div>
                }
                if !candidates.is_empty() {
                    <pre class="out candidates" data-testid="console-candidates">{ candidates.join("  ") }</pre>
                }
                <div class="prompt-line">
                    <span class="ps1">{ "$ " }</span>
                    <input ref={input} type="text" class="console-input" data-testid="console-input" aria-label={Key::ConsoleInput.text(lang)} aria-describedby="console-hint"
                        spellcheck="false" autocomplete="off" placeholder={Key::ConsolePlaceholder.text(lang)} value={(*draft).clone()} {oninput} {onkeydown} {onblur} />
                </div>
            </div>
            <p class="editor-hint" id="console-hint" data-testid="console-hint">{ Key::ConsoleKeysHint.text(lang) }</p>
            <ConsoleAnnouncer entries={props.entries.clone()} />
        </section>
    }
}
