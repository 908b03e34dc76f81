//! The root component: one `use_reducer` holding [`State`], side effects
//! (localStorage, the clock's interval) in `use_effect_with`, and the layout
//! of the panes. It only wires: what each pane shows is computed by the pure
//! selectors (`selectors`, `model::view::panes`), memoised on what they
//! read, and the callbacks are made once, so a clock tick re-renders only
//! the components whose data it changed.

use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::components::app_header::AppHeader;
use crate::components::check_panel::CheckPanel;
use crate::components::checklist_panel::ChecklistPanel;
use crate::components::code_editor::CodeEditor;
use crate::components::console_pane::ConsolePane;
use crate::components::embed_bar::EmbedBar;
use crate::components::embed_tabs::EmbedTabs;
use crate::components::file_tabs::FileTabs;
use crate::components::notice_bar::NoticeBar;
use crate::components::pod_status::PodStatus;
use crate::components::preset_gallery::PresetGallery;
use crate::components::share_panel::SharePanel;
use crate::components::topology_view::TopologyView;
use crate::crash::{self, Pending};
use crate::embed::{api::use_embed_api, bridge};
use crate::lang::{self, Shown};
use crate::model::base::i18n::{Key, Lang as Language};
use crate::model::base::time::{SimDuration, WallClock};
use crate::model::project::presets;
use crate::model::tools::console::{self, Completion};
use crate::model::view::highlight::Lang;
use crate::model::view::panes;
use crate::persist::{self, Crash, NoticeAction, SaveError, Unreadable};
use crate::savepack;
use crate::saving;
use crate::selectors::{self, CfgPane, EditorsKey, Same, SameOpt, SavedKey, TraceKey};
use crate::state::{Action, Aside, Saved, State};

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
    bridge::url_params().preset
}

fn default_key() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    format!("podlab:v1:{path}")
}

/// Read saved work of any known format version. A save this podlab cannot
/// open (a newer podlab's, garbled, or one that crashed podlab while being
/// opened after a crash) is kept aside under `<key>:unreadable` (`:2`, `:3`…
/// when that holds another text), never overwritten.
fn load(key: &str, crash: Option<Crash>) -> (Option<Saved>, Option<Aside>) {
    let Some(s) = storage() else {
        return (None, None);
    };
    let Some(raw) = s.get_item(key).ok().flatten() else {
        return (None, None);
    };
    let why = match crash {
        Some(Crash::Opening) => Unreadable::Crashed,
        _ => match persist::migrate(&raw) {
            Ok(saved) => return (Some(saved), None),
            Err(why) => why,
        },
    };
    let at = persist::aside_key(key, &raw, |k| s.get_item(k).ok().flatten())
        .filter(|at| s.set_item(at, &raw).is_ok());
    (None, Some(Aside { at, why }))
}

/// Write the save; a refusal is named by the thrown `DOMException`'s name.
fn save(key: &str, json: &str) -> Result<(), SaveError> {
    let s = storage().ok_or(SaveError::Unavailable)?;
    s.set_item(key, json).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(web_sys::DomException::name);
        persist::name_write_error(name.as_deref(), json.len())
    })
}

/// Set or clear the crash flag of the workspace under `key`.
fn set_crash_flag(key: &str, flag: Option<Crash>) {
    if let Some(s) = storage() {
        let k = persist::crash_key(key);
        let _ = match flag {
            Some(c) => s.set_item(&k, c.as_str()),
            None => s.remove_item(&k),
        };
    }
}

/// Open the workspace under `key`: its save (or the seed), the preset the
/// URL names, and after a crash the clock paused.
fn open(key: &str) -> State {
    let wall = WallClock {
        epoch_ms: js_sys::Date::now() as i64,
    };
    let crash = Crash::parse(
        storage()
            .and_then(|s| s.get_item(&persist::crash_key(key)).ok().flatten())
            .as_deref(),
    );
    let (saved, aside) = load(key, crash);
    let mut s = crash::opening(key, crash.is_some(), || {
        let s = State::from_saved(saved, wall);
        match url_preset() {
            Some(id) => s.apply(Action::LoadPreset(id)),
            None => s,
        }
    });
    s.aside = aside.map(Rc::new);
    if crash.is_some() {
        // Opened: a crash from here on is a crash while running.
        set_crash_flag(key, Some(Crash::Running));
        s.playing = false;
        s.after_crash = true;
    }
    s
}

/// The short explanation of the haproxy.cfg keyword under the caret.
fn keyword_help(found: &Option<(String, Key)>, lang: Language) -> Html {
    match found {
        Some((keyword, help)) => html! {
            <div class="keyword-help" data-testid="keyword-help">
                <code>{ keyword.clone() }</code>
                { " — " }
                { help.text(lang) }
            </div>
        },
        None => html! {
            <div class="keyword-help muted" data-testid="keyword-help">
                { Key::KeywordHelpEmpty.text(lang) }
            </div>
        },
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // The URL's parameters (src/embed/params.rs): `key=` names the slot.
    let params = use_memo((), |_| bridge::url_params());
    let key = props
        .storage_key
        .as_ref()
        .map_or_else(|| params.storage_key(&default_key()), |k| k.to_string());
    let state = {
        let key = key.clone();
        use_reducer(move || open(&key))
    };
    // The embedding API (src/embed): theme, language, postMessage.
    use_embed_api(&state, params.clone());
    // The panic hook saves what is shown (crash.rs).
    crash::showing(&key, &state);
    {
        let key = key.clone();
        use_effect_with(key, |key| {
            let key = key.clone();
            move || crash::closed(&key)
        });
    }
    // The theme the URL chooses, shown on <html data-theme> (theme.rs).
    use_effect_with((), |_| crate::theme::init());
    let save_error = use_state(|| None::<SaveError>);
    // What this tab last wrote, to tell another tab's write from its echo.
    let written = use_mut_ref(|| None::<String>);
    // Where the caret is in the haproxy.cfg pane (UI only: it picks the
    // keyword whose help is shown).
    let caret = use_state(|| None::<usize>);
    // The language shown (`lang.rs`): chosen once, changed by the switch,
    // said on the page, and given to the components through a context.
    let language = use_state(lang::initial);
    use_effect_with(*language, |l| lang::show(*l));
    let onlanguage = {
        let set = language.setter();
        use_callback((), move |l: Language, _| {
            lang::remember(l);
            set.set(l);
        })
    };
    let shown = Shown {
        lang: *language,
        onchange: onlanguage,
    };
    let lang = *language;

    // Save every change of the text (and the open tab, the history, the
    // preset): keyed by address, so a tick neither copies nor compares text.
    // Not while another tab's save waits for the user's choice. A save
    // holding a long paste waits until the typing pauses (`saving`); one
    // waiting is written when the page goes away, and never when it has not
    // changed since the last write.
    let save_waiting = use_mut_ref(|| None::<State>);
    let save_timer = use_mut_ref(|| None::<Timeout>);
    let write: Rc<dyn Fn(&State)> = {
        let key = key.clone();
        let save_error = save_error.clone();
        let written = written.clone();
        let last_error = use_mut_ref(|| None::<SaveError>);
        Rc::new(move |s: &State| {
            let result = serde_json::to_string(&s.saved())
                .map_err(|_| SaveError::Unavailable)
                .and_then(|json| {
                    let raw = savepack::encode(json);
                    if written.borrow().as_deref() == Some(raw.as_str()) {
                        return Ok(());
                    }
                    save(&key, &raw)?;
                    *written.borrow_mut() = Some(raw);
                    Ok(())
                });
            if *last_error.borrow() != result.err() {
                *last_error.borrow_mut() = result.err();
                save_error.set(result.err());
            }
        })
    };
    {
        let s = state.clone();
        let waiting = save_waiting.clone();
        let timer = save_timer.clone();
        let write = write.clone();
        use_effect_with((SavedKey::of(&state), state.may_save()), move |(_, may)| {
            // A newer state replaces the save waiting.
            timer.borrow_mut().take();
            waiting.borrow_mut().take();
            if *may {
                if saving::at_once(&s) {
                    write(&s);
                } else {
                    *waiting.borrow_mut() = Some((*s).clone());
                    let waiting = waiting.clone();
                    *timer.borrow_mut() = Some(Timeout::new(saving::SAVE_IDLE_MS, move || {
                        let s = waiting.borrow_mut().take();
                        if let Some(s) = s {
                            write(&s);
                        }
                    }));
                }
            }
        });
    }
    // The save waiting is written when the page goes away (or is hidden:
    // mobile browsers may end a hidden page without `pagehide`) or the app
    // unmounts.
    {
        let waiting = save_waiting.clone();
        let write = write.clone();
        use_effect_with(key.clone(), move |_| {
            let flush = Rc::new(move || {
                let s = waiting.borrow_mut().take();
                if let Some(s) = s {
                    write(&s);
                }
            });
            let listener = {
                let flush = flush.clone();
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| flush())
            };
            let window = web_sys::window();
            if let Some(w) = &window {
                for event in ["pagehide", "visibilitychange"] {
                    let _ = w
                        .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(w) = &window {
                    for event in ["pagehide", "visibilitychange"] {
                        let _ = w.remove_event_listener_with_callback(
                            event,
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                }
                drop(listener);
                flush();
            }
        });
    }
    // Another tab or frame writing this workspace's save: saving stops
    // until the user loads theirs or keeps these files.
    {
        let key = key.clone();
        let dispatcher = state.dispatcher();
        let written = written.clone();
        use_effect_with(key, move |key| {
            let key = key.clone();
            let listener = Closure::<dyn FnMut(web_sys::StorageEvent)>::new(
                move |e: web_sys::StorageEvent| {
                    let ours = written.borrow().clone();
                    if let Some(theirs) = persist::changed_elsewhere(
                        &key,
                        e.key().as_deref(),
                        e.new_value().as_deref(),
                        ours.as_deref(),
                    ) {
                        dispatcher.dispatch(Action::ChangedElsewhere(theirs));
                    }
                    // Written (or removed, or cleared) elsewhere: the next
                    // save is not skipped as unchanged.
                    let ours_there = e.key().is_some_and(|k| k != key)
                        || e.new_value().as_deref() == ours.as_deref();
                    if !ours_there {
                        *written.borrow_mut() = None;
                    }
                },
            );
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w
                    .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "storage",
                        listener.as_ref().unchecked_ref(),
                    );
                }
                drop(listener);
            }
        });
    }
    // The crash flag goes once the user pressed play after a crash.
    {
        let key = key.clone();
        use_effect_with(state.after_crash, move |after| {
            if !*after {
                set_crash_flag(&key, None);
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
        use_callback((), move |(), _| d.dispatch(Action::Reset))
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
        use_callback((active, key.clone()), move |text: String, (active, key)| {
            crash::editing(
                key,
                Pending::Manifest {
                    file: *active,
                    text: text.clone(),
                },
            );
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
        use_callback(key.clone(), move |text: String, key| {
            crash::editing(key, Pending::Cfg(text.clone()));
            d.dispatch(Action::EditCfg(text))
        })
    };
    let onnotice = {
        let d = dispatcher.clone();
        use_callback((), move |a: NoticeAction, _| {
            d.dispatch(match a {
                NoticeAction::UndoReset => Action::UndoReset,
                NoticeAction::DismissUndo => Action::DismissUndo,
                NoticeAction::DismissAside => Action::DismissAside,
                NoticeAction::LoadTheirs => Action::LoadTheirs,
                NoticeAction::KeepMine => Action::KeepMine,
            })
        })
    };
    let onchecks = {
        let d = dispatcher.clone();
        use_callback((), move |(), _| d.dispatch(Action::RunChecks))
    };
    let onshared = {
        let d = dispatcher.clone();
        use_callback((), move |(preset, files), _| {
            d.dispatch(Action::OpenShared { preset, files })
        })
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
    // The diagram in the language shown (laid out again only when the
    // picture or the language changes).
    let shown_geometry = {
        let s = state.clone();
        use_memo(selectors::GeometryKey::of(&state, lang), move |_| {
            selectors::shown_geometry(&s, lang)
        })
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
    let check_rows = use_memo(Same(state.checks.clone()), |list| list.0.rows());
    let preset = &state.preset;
    let works = panes::works(preset, state.check.as_deref());

    let cfg_pane = match &editors.cfg {
        CfgPane::Editor { source, editor } => html! {
            <>
                <div class="pane-sub">{ source.render(lang) }</div>
                <CodeEditor text={editor.text.clone()} lang={Lang::Haproxy} marks={editor.marks.clone()}
                    oninput={oncfg} testid="haproxy-editor" label="haproxy.cfg" oncaret={Some(oncaret)} />
                { keyword_help(&help, lang) }
            </>
        },
        CfgPane::Missing([first, second]) => html! {
            <div class="notice" data-testid="haproxy-editor-missing">
                { first.render(lang) }
                { second.render(lang) }
            </div>
        },
    };

    // Each pane once; the layouts below only place them.
    let notices = html! { <NoticeBar notices={Rc::new(persist::notices(&key, &state, *save_error))} onaction={onnotice} /> };
    let clock = AttrValue::from(panes::clock_text(state.now()).render(lang));
    let file_tabs = html! { <FileTabs tabs={editors.tabs.clone()} {active} {onselect} /> };
    let manifest_editor = html! {
        <CodeEditor key={editors.name.to_string()} text={editors.manifest.text.clone()} lang={Lang::Yaml} marks={editors.manifest.marks.clone()}
            oninput={onedit} testid="manifest-editor" label={editors.name.clone()} />
    };
    let cfg_section = html! {
        <section class="pane cfg">
            <div class="pane-head"><h2>{ "haproxy.cfg" }</h2></div>
            { cfg_pane }
        </section>
    };
    let pod_status = html! {
        <PodStatus {apply} table={AttrValue::from(panes::pods_table(&state.cluster))} details={Rc::new(panes::pod_details(&state.cluster))} />
    };
    let check_panel = html! {
        <CheckPanel result={state.check.clone()} {onrun} command={AttrValue::from(presets::command(&preset.demo))}
            {works} works_text={preset.works} fails_text={preset.fails} />
    };
    let checklist = html! {
        <ChecklistPanel rows={check_rows} running={state.checks.running} ran={!state.checks.verdicts.is_empty()} onrun={onchecks} />
    };
    let console = html! {
        <ConsolePane entries={state.console.clone()} history={state.history.clone()} onrun={onconsole} {oncomplete}
            running={state.running.clone()} typeahead={state.typeahead.clone()} {oninterrupt} />
    };
    let topology = html! { <TopologyView geometry={(*shown_geometry).clone()} trace={trace.steps.clone()} run={trace.run.clone()} /> };

    // `?embed=1`: the compact layout for an iframe (src/components/embed_tabs.rs).
    if params.embed {
        return html! {
            <ContextProvider<Shown> context={shown}>
            <EmbedTabs
                {notices}
                bar={html! { <EmbedBar {clock} playing={state.playing} {ontoggle} {onskip} {onreset} /> }}
                files={html! { <>
                    <section class="pane manifests">
                        { file_tabs }
                        { manifest_editor }
                    </section>
                    { cfg_section }
                </> }}
                diagram={topology}
                {console}
                checks={html! { <div class="run">
                    { checklist }
                    { check_panel }
                    { pod_status }
                </div> }}
            />
            </ContextProvider<Shown>>
        };
    }

    html! {
        <ContextProvider<Shown> context={shown}>
        <div class="app">
            <AppHeader {clock} playing={state.playing} {ontoggle} {onskip} {onreset} />
            { notices }
            <SharePanel preset={AttrValue::from(preset.id)} files={Same(state.files.clone())} onopen={onshared} />
            <PresetGallery {cards} active={AttrValue::from(preset.id)} onselect={onpreset} />
            <main class="workspace">
                <section class="pane manifests">
                    <div class="pane-head"><h2>{ Key::Manifests.text(lang) }</h2><span class="muted">{ Key::AppliedInTabOrder.text(lang) }</span></div>
                    { file_tabs }
                    { manifest_editor }
                </section>
                { cfg_section }
            </main>
            <div class="run">
                { pod_status }
                { check_panel }
                { checklist }
            </div>
            { console }
            { topology }
            <footer class="footer">
                { Key::FooterPrivacy.text(lang) }
                { Key::FooterMarkedBefore.text(lang) }<span class="origin podlab">{ "podlab" }</span>{ Key::FooterMarkedAfter.text(lang) }
            </footer>
        </div>
        </ContextProvider<Shown>>
    }
}

/// Mount the app on the page body (the trunk entry point).
pub fn start() {
    crate::theme::init();
    yew::Renderer::<App>::new().render();
}
