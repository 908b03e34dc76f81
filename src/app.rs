//! The root component: one `use_reducer` holding [`State`], side effects
//! (localStorage, the clock's interval) in `use_effect_with`, and the layout
//! of the panes. It only wires: what each pane shows is computed by the pure
//! selectors (`selectors`, `model::view::panes`), memoised on what they
//! read, and the callbacks are made once, so a clock tick re-renders only
//! the components whose data it changed.

use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use yew::prelude::*;

use crate::components::app_header::AppHeader;
use crate::components::check_panel::CheckPanel;
use crate::components::code_editor::CodeEditor;
use crate::components::console_pane::ConsolePane;
use crate::components::file_tabs::FileTabs;
use crate::components::pod_status::PodStatus;
use crate::components::preset_gallery::PresetGallery;
use crate::components::topology_view::TopologyView;
use crate::model::base::time::{SimDuration, WallClock};
use crate::model::project::presets;
use crate::model::tools::console::{self, Completion};
use crate::model::view::highlight::Lang;
use crate::model::view::panes;
use crate::selectors::{self, CfgPane, EditorsKey, Same, SameOpt, SavedKey, TraceKey};
use crate::state::{Action, Saved, State};

/// How often the clock advances while playing (real time = simulated time).
const TICK_MS: u32 = 250;

/// How long a running console line runs in one go before the page gets
/// the main thread back: half of the 50 ms at which browsers call a task
/// long, so that with the render after it a stretch stays well under the
/// 100 ms a user notices (issue 10). The overshoot is at most one slice
/// of the shell's ops (`Budget::SLICE`).
const STRETCH_MS: f64 = 25.0;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// localStorage key for the user's files. Defaults to one per page path,
    /// so course pages that embed podlab keep separate work.
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// `?preset=<id>` in the page's URL: the preset to open (course pages can
/// link or embed one directly).
fn url_preset() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("preset="))
        .map(str::to_string)
}

fn default_key() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("podlab:v1:{path}")
}

/// Read saved work; unreadable text is kept aside under `<key>:unreadable`
/// rather than overwritten.
fn load(key: &str) -> Option<Saved> {
    let s = storage()?;
    let raw = s.get_item(key).ok()??;
    match serde_json::from_str::<Saved>(&raw) {
        Ok(saved) => Some(saved),
        Err(_) => {
            let _ = s.set_item(&format!("{key}:unreadable"), &raw);
            None
        }
    }
}

fn save(key: &str, saved: &Saved) -> bool {
    let Some(s) = storage() else { return false };
    let Ok(json) = serde_json::to_string(saved) else {
        return false;
    };
    s.set_item(key, &json).is_ok()
}

/// The short explanation of the haproxy.cfg keyword under the caret.
fn keyword_help(found: &Option<(String, &'static str)>) -> Html {
    match found {
        Some((keyword, help)) => html! {
            <div class="keyword-help" data-testid="keyword-help">
                <code>{ keyword.clone() }</code>
                { " — " }
                { *help }
            </div>
        },
        None => html! {
            <div class="keyword-help muted" data-testid="keyword-help">
                { "Put the cursor on a keyword for a short explanation." }
            </div>
        },
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let key = props
        .storage_key
        .as_ref()
        .map_or_else(default_key, |k| k.to_string());
    let state = {
        let key = key.clone();
        use_reducer(move || {
            let wall = WallClock {
                epoch_ms: js_sys::Date::now() as i64,
            };
            let s = State::from_saved(load(&key), wall);
            match url_preset() {
                Some(id) => s.apply(Action::LoadPreset(id)),
                None => s,
            }
        })
    };
    let saved_ok = use_state(|| true);
    // Where the caret is in the haproxy.cfg pane (UI only: it picks the
    // keyword whose help is shown).
    let caret = use_state(|| None::<usize>);

    // Save every change of the text (and the open tab, the history, the
    // preset): keyed by address, so a tick neither copies nor compares text.
    {
        let key = key.clone();
        let saved_ok = saved_ok.clone();
        let s = state.clone();
        use_effect_with(SavedKey::of(&state), move |_| {
            let ok = save(&key, &s.saved());
            if *saved_ok != ok {
                saved_ok.set(ok);
            }
        });
    }
    // Real time moves the simulated clock while playing.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.playing, move |playing| {
            let interval = playing.then(|| {
                Interval::new(TICK_MS, move || {
                    dispatcher.dispatch(Action::Tick(SimDuration::from_millis(u64::from(TICK_MS))))
                })
            });
            move || drop(interval)
        });
    }

    // A running console line goes on in stretches, each in a task of its
    // own, so input and rendering get the main thread between them.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(SameOpt::of(&state.running), move |running| {
            let next = running.0.as_ref().map(|_| {
                Timeout::new(0, move || {
                    let deadline = js_sys::Date::now() + STRETCH_MS;
                    dispatcher.dispatch(Action::ConsoleResume(Rc::new(move || {
                        js_sys::Date::now() >= deadline
                    })))
                })
            });
            move || drop(next)
        });
    }

    // Callbacks made once (or when what they read changes), so that a
    // component whose data a tick does not change is not re-rendered.
    let dispatcher = state.dispatcher();
    let ontoggle = {
        let d = dispatcher.clone();
        use_callback((), move |(), _| d.dispatch(Action::TogglePlay))
    };
    let onrun = {
        let d = dispatcher.clone();
        use_callback((), move |(), _| d.dispatch(Action::RunCheck))
    };
    let onreset = {
        let d = dispatcher.clone();
        use_callback((), move |(), _| {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message("Replace every tab with this preset's own files?")
                        .ok()
                })
                .unwrap_or(false);
            if sure {
                d.dispatch(Action::Reset);
            }
        })
    };
    let onskip = {
        let d = dispatcher.clone();
        use_callback((), move |dt, _| d.dispatch(Action::Skip(dt)))
    };
    let onselect = {
        let d = dispatcher.clone();
        use_callback((), move |i, _| d.dispatch(Action::SelectFile(i)))
    };
    let active = state.active;
    let onedit = {
        let d = dispatcher.clone();
        use_callback(active, move |text, active| {
            d.dispatch(Action::Edit {
                file: *active,
                text,
            })
        })
    };
    let oncaret = {
        let set = caret.setter();
        use_callback((), move |at: usize, _| set.set(Some(at)))
    };
    let onconsole = {
        let d = dispatcher.clone();
        use_callback((), move |line, _| d.dispatch(Action::Console(line)))
    };
    let oninterrupt = {
        let d = dispatcher.clone();
        use_callback((), move |(), _| d.dispatch(Action::Interrupt))
    };
    // Completion reads the state as it is when Tab is pressed.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let oncomplete = use_callback((), move |line: String, _| -> Completion {
        let s = latest.borrow();
        console::complete(&s.cluster, &s.files, &line)
    });
    let oncfg = {
        let d = dispatcher.clone();
        use_callback((), move |text, _| d.dispatch(Action::EditCfg(text)))
    };
    let onpreset = {
        let d = dispatcher;
        use_callback((), move |id: AttrValue, _| {
            d.dispatch(Action::LoadPreset(id.to_string()))
        })
    };

    // What the panes show, recomputed only when what it reads changed.
    let cards = use_memo((), |_| panes::cards(&presets::all()));
    let editors = {
        let s = state.clone();
        use_memo(EditorsKey::of(&state), move |_| selectors::editors(&s))
    };
    let trace = {
        let s = state.clone();
        use_memo(TraceKey::of(&state), move |_| selectors::trace(&s))
    };
    let apply = {
        let s = state.clone();
        use_memo(Same(state.answers.clone()), move |_| {
            selectors::apply_reports(&s)
        })
    };
    // The keyword under the caret: lexed again only when the text or the
    // caret moved, not on a tick.
    let help = {
        let text = match &editors.cfg {
            CfgPane::Editor { editor, .. } => Some(editor.text.clone()),
            CfgPane::Missing(_) => None,
        };
        use_memo((text, *caret), |(text, caret)| {
            text.as_ref().and_then(|t| panes::keyword_help(t, *caret))
        })
    };
    let preset = &state.preset;
    let works = panes::works(preset, state.check.as_deref());

    let cfg_pane = match &editors.cfg {
        CfgPane::Editor { source, editor } => html! {
            <>
                <div class="pane-sub">{ source.clone() }</div>
                <CodeEditor text={editor.text.clone()} lang={Lang::Haproxy} marks={editor.marks.clone()}
                    oninput={oncfg} testid="haproxy-editor" label="haproxy.cfg" oncaret={Some(oncaret)} />
                { keyword_help(&help) }
            </>
        },
        CfgPane::Missing([first, second]) => html! {
            <div class="notice" data-testid="haproxy-editor-missing">
                { first.clone() }
                { second.clone() }
            </div>
        },
    };

    html! {
        <div class="app">
            <AppHeader clock={AttrValue::from(panes::clock_text(state.now()))} playing={state.playing} {ontoggle} {onskip} {onreset} />
            if !*saved_ok {
                <div class="notice warn">{ "This browser does not let podlab save to localStorage: your edits will be lost on reload." }</div>
            }
            <PresetGallery {cards} active={AttrValue::from(preset.id)} onselect={onpreset} />
            <main class="workspace">
                <section class="pane manifests">
                    <div class="pane-head"><h2>{ "Manifests" }</h2><span class="muted">{ "applied in tab order" }</span></div>
                    <FileTabs tabs={editors.tabs.clone()} {active} {onselect} />
                    <CodeEditor key={editors.name.to_string()} text={editors.manifest.text.clone()} lang={Lang::Yaml} marks={editors.manifest.marks.clone()}
                        oninput={onedit} testid="manifest-editor" label={editors.name.clone()} />
                </section>
                <section class="pane cfg">
                    <div class="pane-head"><h2>{ "haproxy.cfg" }</h2></div>
                    { cfg_pane }
                </section>
            </main>
            <div class="run">
                <PodStatus {apply} table={AttrValue::from(panes::pods_table(&state.cluster))} details={Rc::new(panes::pod_details(&state.cluster))} />
                <CheckPanel result={state.check.clone()} {onrun} command={AttrValue::from(presets::command(&preset.demo))}
                    {works} works_text={preset.works} fails_text={preset.fails} />
            </div>
            <ConsolePane entries={state.console.clone()} history={state.history.clone()} onrun={onconsole} {oncomplete}
                running={state.running.clone()} typeahead={state.typeahead.clone()} {oninterrupt} />
            <TopologyView geometry={state.geometry.clone()} trace={trace.steps.clone()} run={trace.run.clone()} />
            <footer class="footer">
                { "podlab models pods, kubectl and HAProxy in your browser; nothing is sent anywhere. " }
                { "Messages marked " }<span class="origin podlab">{ "podlab" }</span>{ " are podlab's own hints, not a real program's." }
            </footer>
        </div>
    }
}

/// Mount the app on the page body (the trunk entry point).
pub fn start() {
    yew::Renderer::<App>::new().render();
}
