//! The root component: one `use_reducer` holding [`State`], side effects
//! (localStorage, the clock's interval) in `use_effect_with`, and the layout
//! of the panes. Everything it shows comes from the model through the state.

use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::components::app_header::AppHeader;
use crate::components::check_panel::CheckPanel;
use crate::components::code_editor::CodeEditor;
use crate::components::console_pane::ConsolePane;
use crate::components::diagnostics_list::Item;
use crate::components::file_tabs::{FileTabs, Tab};
use crate::components::pod_status::{ApplyReport, PodDetail, PodStatus};
use crate::components::preset_gallery::{Card, PresetGallery};
use crate::components::topology_view::TopologyView;
use crate::model::base::diag::{Diagnostic, LineIndex, Span};
use crate::model::base::time::{SimDuration, SimTime, WallClock};
use crate::model::lang::haproxy::keywords;
use crate::model::project::presets;
use crate::model::project::workspace::{self, CfgView};
use crate::model::sim::cluster::{CState, Cluster, DEFAULT_NAMESPACE};
use crate::model::tools::console::{self, Completion};
use crate::model::tools::kubectl;
use crate::model::view::highlight::Lang;
use crate::model::view::layout;
use crate::state::{Action, Saved, State};

/// How often the clock advances while playing (real time = simulated time).
const TICK_MS: u32 = 250;

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

/// `12.3 s`, `2 min 05 s`.
fn clock_text(t: SimTime) -> String {
    let ms = t.elapsed().as_millis();
    if ms < 120_000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        let s = ms / 1000;
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

fn item(d: &Diagnostic, span: Span) -> (usize, usize, Item) {
    (
        span.start as usize,
        span.end as usize,
        Item {
            line: 0,
            col: 0,
            offset: span.start as usize,
            severity: d.severity,
            origin: d.origin,
            message: d.message.clone().into(),
            notes: Rc::new(d.notes.iter().map(|n| AttrValue::from(n.clone())).collect()),
        },
    )
}

/// HAProxy's diagnostics mapped onto the ConfigMap's YAML lines: line N of a
/// literal block is YAML line `first_line + N`, shifted by its indentation.
fn cfg_marks_in_yaml(cfg: &CfgView, yaml: &str) -> Vec<(usize, usize, Item)> {
    let Some(block) = cfg.binding.block else {
        return Vec::new();
    };
    let ci = LineIndex::new(&cfg.binding.value);
    let yi = LineIndex::new(yaml);
    cfg.diagnostics
        .iter()
        .filter_map(|d| {
            let l = d.primary()?;
            let (line, col) = ci.line_col(&cfg.binding.value, l.span.start);
            let start = yi.offset(yaml, block.first_line + line, col + block.indent);
            let len = l.span.end.saturating_sub(l.span.start);
            Some(item(
                d,
                Span::new(start, (start + len).min(yaml.len() as u32)),
            ))
        })
        .collect()
}

/// Events and logs for each pod that is not all running.
fn pod_details(c: &Cluster) -> Vec<PodDetail> {
    c.pods
        .values()
        .filter(|p| p.namespace == DEFAULT_NAMESPACE)
        .filter(|p| {
            p.containers
                .iter()
                .any(|c| !matches!(c.state, CState::Running { .. }))
        })
        .map(|p| {
            let logs = p
                .containers
                .iter()
                .filter(|c| !matches!(c.state, CState::Running { .. }))
                .filter_map(|c| {
                    let previous = c.logs.is_empty() && !c.previous_logs.is_empty();
                    let text = c.logs_text(previous);
                    (!text.is_empty()).then(|| {
                        let cmd = format!(
                            "kubectl logs {} -c {}{}",
                            p.name(),
                            c.spec.name,
                            if previous { " --previous" } else { "" }
                        );
                        (AttrValue::from(cmd), AttrValue::from(text))
                    })
                })
                .collect();
            PodDetail {
                pod: p.name().to_string().into(),
                events: kubectl::describe_events(c, DEFAULT_NAMESPACE, p.name())
                    .map(AttrValue::from),
                logs,
            }
        })
        .collect()
}

/// The short explanation of the haproxy.cfg keyword under the caret.
fn keyword_help(cfg: &str, caret: Option<usize>) -> Html {
    let found = caret.and_then(|c| keywords::keyword_at(cfg, c));
    match found {
        Some(k) => html! {
            <div class="keyword-help" data-testid="keyword-help">
                <code>{ k.keyword.clone() }</code>
                { " — " }
                { k.help.unwrap_or("no help text in podlab for this keyword; see HAProxy's configuration manual") }
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

    // Save every change of the text (and the open tab).
    {
        let key = key.clone();
        let saved_ok = saved_ok.clone();
        use_effect_with(state.saved(), move |saved| {
            let ok = save(&key, saved);
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

    let dispatch = |f: fn(()) -> Action| {
        let s = state.clone();
        Callback::from(move |()| s.dispatch(f(())))
    };
    let ontoggle = dispatch(|_| Action::TogglePlay);
    let onrun = dispatch(|_| Action::RunCheck);
    let onreset = {
        let s = state.clone();
        Callback::from(move |()| {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message("Replace every tab with this preset's own files?")
                        .ok()
                })
                .unwrap_or(false);
            if sure {
                s.dispatch(Action::Reset);
            }
        })
    };
    let onskip = {
        let s = state.clone();
        Callback::from(move |d| s.dispatch(Action::Skip(d)))
    };
    let onselect = {
        let s = state.clone();
        Callback::from(move |i| s.dispatch(Action::SelectFile(i)))
    };
    let active = state.active;
    let onedit = {
        let s = state.clone();
        Callback::from(move |text| s.dispatch(Action::Edit { file: active, text }))
    };
    let oncaret = {
        let caret = caret.clone();
        Callback::from(move |at: usize| caret.set(Some(at)))
    };
    let onconsole = {
        let s = state.clone();
        Callback::from(move |line| s.dispatch(Action::Console(line)))
    };
    let oncomplete = {
        let s = state.clone();
        Callback::from(move |line: String| -> Completion {
            console::complete(&s.cluster, &s.files, &line)
        })
    };
    let oncfg = {
        let s = state.clone();
        Callback::from(move |text| s.dispatch(Action::EditCfg(text)))
    };
    let onpreset = {
        let s = state.clone();
        Callback::from(move |id: AttrValue| s.dispatch(Action::LoadPreset(id.to_string())))
    };
    let cards: Vec<Card> = presets::all()
        .into_iter()
        .map(|p| Card {
            id: p.id.into(),
            title: p.title.into(),
            pattern: p.pattern.label().into(),
            summary: p.summary.into(),
            source: p.source.into(),
        })
        .collect();
    let preset = &state.preset;
    let works = state
        .check
        .as_ref()
        .is_some_and(|r| presets::works(preset, r));
    // The newest request path: the Try-it run's, or a console line's.
    let from_check = state
        .check
        .as_ref()
        .map(|r| (r.started, r.command.clone(), r.trace.clone()));
    let from_console = state
        .console
        .iter()
        .rev()
        .find(|e| !e.trace.is_empty())
        .map(|e| (e.at, e.line.clone(), e.trace.clone()));
    let newest = match (from_check, from_console) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
        (a, b) => a.or(b),
    };
    let trace = Rc::new(
        newest
            .as_ref()
            .map(|(_, _, t)| layout::trace_steps(&state.geometry, t))
            .unwrap_or_default(),
    );
    let run = AttrValue::from(
        newest
            .as_ref()
            .map(|(at, line, _)| format!("{}:{line}", at.elapsed().as_micros()))
            .unwrap_or_default(),
    );

    let analysis = &state.analysis;
    let tabs: Vec<Tab> = state
        .files
        .iter()
        .zip(&analysis.reports)
        .map(|(f, r)| Tab {
            name: f.name.clone().into(),
            errors: r.diagnostics.iter().filter(|d| d.is_error()).count(),
        })
        .collect();
    let file = &state.files[active];
    let mut marks: Vec<(usize, usize, Item)> = analysis.reports[active]
        .diagnostics
        .iter()
        .filter_map(|d| d.primary().map(|l| item(d, l.span)))
        .collect();
    if let Some(cfg) = analysis.cfg.as_ref().filter(|c| c.file == active) {
        marks.extend(cfg_marks_in_yaml(cfg, &file.text));
    }
    let cfg_pane = match &analysis.cfg {
        Some(cfg) => {
            let cfg_marks: Vec<(usize, usize, Item)> = cfg
                .diagnostics
                .iter()
                .filter_map(|d| d.primary().map(|l| item(d, l.span)))
                .collect();
            let source = format!(
                "data.{} of the ConfigMap in {} · read by {}",
                cfg.binding.key,
                state.files[cfg.file].name,
                cfg.image.clone().map_or_else(
                    || format!("HAProxy {} (no haproxy container mounts it)", cfg.version),
                    |i| format!("{i} (HAProxy {})", cfg.version)
                ),
            );
            html! {
                <>
                    <div class="pane-sub">{ source }</div>
                    <CodeEditor text={AttrValue::from(cfg.binding.value.clone())} lang={Lang::Haproxy} marks={Rc::new(cfg_marks)}
                        oninput={oncfg} testid="haproxy-editor" label="haproxy.cfg" oncaret={Some(oncaret.clone())} />
                    { keyword_help(&cfg.binding.value, *caret) }
                </>
            }
        }
        None if !state
            .files
            .iter()
            .any(|f| f.text.contains(workspace::CFG_KEY)) =>
        {
            html! {
                <div class="notice" data-testid="haproxy-editor-missing">
                    { format!("There is no haproxy.cfg in this workspace: the {} preset runs no HAProxy. ", preset.pattern.label()) }
                    { "Add a ConfigMap with a data key haproxy.cfg to edit it here." }
                </div>
            }
        }
        None => html! {
            <div class="notice" data-testid="haproxy-editor-missing">
                { "No ConfigMap with a data key haproxy.cfg parses in these tabs. " }
                { "Fix the YAML of the ConfigMap (see its tab's errors), or add the key, to edit haproxy.cfg here." }
            </div>
        },
    };
    let apply: Vec<ApplyReport> = state
        .files
        .iter()
        .zip(state.answers.iter())
        .map(|(f, answers)| ApplyReport {
            file: f.name.clone().into(),
            answers: answers.clone(),
        })
        .collect();
    let table = kubectl::get_pods(&state.cluster, DEFAULT_NAMESPACE, &[], true)
        .unwrap_or_else(|| "No resources found in default namespace.".into());

    html! {
        <div class="app">
            <AppHeader clock={AttrValue::from(clock_text(state.now()))} playing={state.playing} {ontoggle} {onskip} {onreset} />
            if !*saved_ok {
                <div class="notice warn">{ "This browser does not let podlab save to localStorage: your edits will be lost on reload." }</div>
            }
            <PresetGallery cards={Rc::new(cards)} active={AttrValue::from(preset.id)} onselect={onpreset} />
            <main class="workspace">
                <section class="pane manifests">
                    <div class="pane-head"><h2>{ "Manifests" }</h2><span class="muted">{ "applied in tab order" }</span></div>
                    <FileTabs tabs={Rc::new(tabs)} {active} {onselect} />
                    <CodeEditor key={file.name.clone()} text={AttrValue::from(file.text.clone())} lang={Lang::Yaml} marks={Rc::new(marks)}
                        oninput={onedit} testid="manifest-editor" label={AttrValue::from(file.name.clone())} />
                </section>
                <section class="pane cfg">
                    <div class="pane-head"><h2>{ "haproxy.cfg" }</h2></div>
                    { cfg_pane }
                </section>
            </main>
            <div class="run">
                <PodStatus apply={Rc::new(apply)} table={AttrValue::from(table)} details={Rc::new(pod_details(&state.cluster))} />
                <CheckPanel result={state.check.clone()} {onrun} command={AttrValue::from(presets::command(&preset.demo))}
                    {works} works_text={preset.works} fails_text={preset.fails} />
            </div>
            <ConsolePane entries={state.console.clone()} history={state.history.clone()} onrun={onconsole} {oncomplete} />
            <TopologyView geometry={state.geometry.clone()} {trace} {run} />
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
