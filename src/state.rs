//! The app's one state and its pure reducer. Every action delegates to the
//! model: an edit re-analyses the files and rebuilds the cluster at the same
//! simulated time, a tick advances the clock. Nothing here touches the
//! browser; side effects live in `app.rs`'s `use_effect_with`.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::model::cfgsync;
use crate::model::cluster::Cluster;
use crate::model::console::{self, Entry};
use crate::model::lab::{self, Analysis, CheckResult, File};
use crate::model::layout::{self, Geometry};
use crate::model::time::{SimDuration, SimTime, WallClock};
use crate::model::topology;

/// What is saved in localStorage: only the user's text and where they were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub files: Vec<SavedFile>,
    pub active: usize,
    /// Console lines, newest last (absent in saves from before the console).
    #[serde(default)]
    pub history: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFile {
    pub name: String,
    pub text: String,
}

/// The format of [`Saved`].
pub const SAVE_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub files: Vec<File>,
    pub active: usize,
    pub analysis: Rc<Analysis>,
    pub cluster: Rc<Cluster>,
    pub geometry: Rc<Geometry>,
    pub playing: bool,
    pub check: Option<Rc<CheckResult>>,
    pub wall: WallClock,
    /// The console's transcript and its history of lines.
    pub console: Rc<Vec<Entry>>,
    pub history: Rc<Vec<String>>,
}

/// How many console lines are kept in the history (and saved).
pub const HISTORY_MAX: usize = 200;

/// The console's note when an edit rebuilds the cluster.
pub const REBUILT_NOTE: &str =
    "podlab: the files changed, so the cluster was rebuilt from them; changes made here are gone\n";

pub enum Action {
    /// A manifest's text changed.
    Edit {
        file: usize,
        text: String,
    },
    /// The haproxy.cfg pane changed: rewrite the ConfigMap's value.
    EditCfg(String),
    SelectFile(usize),
    /// Real time passed while playing.
    Tick(SimDuration),
    /// Jump ahead on the simulated clock.
    Skip(SimDuration),
    TogglePlay,
    RunCheck,
    /// A console line was entered.
    Console(String),
    /// Back to the seed lab (the text is replaced; the reducer is pure, so
    /// the app asks first).
    Reset,
}

impl State {
    pub fn new(files: Vec<File>, active: usize, wall: WallClock) -> Self {
        let analysis = lab::analyze(&files);
        let cluster = lab::build(&analysis, wall);
        let geometry = layout::layout(&topology::derive(&cluster, "default"));
        State {
            active: active.min(files.len().saturating_sub(1)),
            files,
            analysis: Rc::new(analysis),
            cluster: Rc::new(cluster),
            geometry: Rc::new(geometry),
            playing: true,
            check: None,
            wall,
            console: Rc::new(Vec::new()),
            history: Rc::new(Vec::new()),
        }
    }

    /// Restore saved files; anything unreadable falls back to the seed.
    pub fn from_saved(saved: Option<Saved>, wall: WallClock) -> Self {
        match saved {
            Some(s) if s.version == SAVE_VERSION && !s.files.is_empty() => {
                let files = s
                    .files
                    .into_iter()
                    .map(|f| File {
                        name: f.name,
                        text: f.text,
                    })
                    .collect();
                let mut st = State::new(files, s.active, wall);
                st.history = Rc::new(s.history);
                st
            }
            _ => State::new(lab::seed(), 0, wall),
        }
    }

    pub fn saved(&self) -> Saved {
        Saved {
            version: SAVE_VERSION,
            files: self
                .files
                .iter()
                .map(|f| SavedFile {
                    name: f.name.clone(),
                    text: f.text.clone(),
                })
                .collect(),
            active: self.active,
            history: self.history.to_vec(),
        }
    }

    pub fn now(&self) -> SimTime {
        self.cluster.now
    }

    /// Re-analyse and rebuild the cluster at the current time.
    fn rebuilt(mut self) -> Self {
        let now = self.cluster.now;
        let analysis = lab::analyze(&self.files);
        let mut cluster = lab::build(&analysis, self.wall);
        cluster.advance_to(now);
        self.analysis = Rc::new(analysis);
        self.cluster = Rc::new(cluster);
        self.check = None;
        let noted = self
            .console
            .last()
            .is_none_or(|e| e.line.is_empty() && e.text == REBUILT_NOTE);
        if !noted {
            let mut c = (*self.console).clone();
            c.push(Entry {
                at: now,
                text: REBUILT_NOTE.into(),
                stderr: REBUILT_NOTE.into(),
                ..Entry::default()
            });
            self.console = Rc::new(c);
        }
        self.redraw()
    }

    fn redraw(mut self) -> Self {
        self.geometry = Rc::new(layout::layout(&topology::derive(&self.cluster, "default")));
        self
    }

    fn advanced(mut self, d: SimDuration) -> Self {
        let mut c = (*self.cluster).clone();
        c.advance(d);
        self.cluster = Rc::new(c);
        self.redraw()
    }

    /// The pure transition.
    pub fn apply(self, action: Action) -> State {
        match action {
            Action::Edit { file, text } => {
                let mut s = self;
                match s.files.get_mut(file) {
                    Some(f) if f.text != text => f.text = text,
                    _ => return s,
                }
                s.rebuilt()
            }
            Action::EditCfg(value) => {
                let Some(view) = self.analysis.cfg.clone() else {
                    return self;
                };
                let mut s = self;
                let f = &mut s.files[view.file];
                let text = cfgsync::set(&f.text, &view.binding, &value);
                if text == f.text {
                    return s;
                }
                f.text = text;
                s.rebuilt()
            }
            Action::SelectFile(i) => State {
                active: i.min(self.files.len().saturating_sub(1)),
                ..self
            },
            Action::Tick(d) if self.playing => self.advanced(d),
            Action::Tick(_) => self,
            Action::Skip(d) => self.advanced(d),
            Action::TogglePlay => State {
                playing: !self.playing,
                ..self
            },
            Action::RunCheck => {
                // The check runs on the live cluster: time moves on by what
                // the request took, as it would for a real curl.
                let mut c = (*self.cluster).clone();
                let r = lab::check(&mut c);
                State {
                    cluster: Rc::new(c),
                    check: Some(Rc::new(r)),
                    ..self
                }
                .redraw()
            }
            Action::Console(line) => {
                let mut c = (*self.cluster).clone();
                let e = console::run(&mut c, &self.files, &line);
                let mut entries = if e.clear {
                    Vec::new()
                } else {
                    (*self.console).clone()
                };
                if !e.clear {
                    entries.push(e);
                }
                let mut history = (*self.history).clone();
                if !line.trim().is_empty() && history.last() != Some(&line) {
                    history.push(line);
                    let over = history.len().saturating_sub(HISTORY_MAX);
                    history.drain(..over);
                }
                State {
                    cluster: Rc::new(c),
                    console: Rc::new(entries),
                    history: Rc::new(history),
                    ..self
                }
                .redraw()
            }
            Action::Reset => {
                let mut s = State::new(lab::seed(), 0, self.wall);
                s.playing = self.playing;
                s
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_console_runs_on_the_live_cluster_and_keeps_history() {
        let s = state()
            .apply(Action::Skip(SimDuration::from_secs(20)))
            .apply(Action::Console("kubectl delete pod busybox".into()));
        assert_eq!(s.console.last().unwrap().text, "pod \"busybox\" deleted\n");
        assert!(s.cluster.pod("default", "busybox").is_none());
        let s = s
            .apply(Action::Console(
                "kubectl get pods --no-headers | wc -l".into(),
            ))
            .apply(Action::Console(
                "kubectl get pods --no-headers | wc -l".into(),
            ));
        assert_eq!(s.console.last().unwrap().text, "1\n");
        assert_eq!(s.history.len(), 2, "a repeated line is kept once");
        // An edit rebuilds the cluster, and the console says so once.
        let text = s.files[2].text.replace("busybox", "busybox2");
        let s = s
            .apply(Action::Edit {
                file: 2,
                text: text.clone(),
            })
            .apply(Action::Edit {
                file: 2,
                text: text + "\n",
            });
        assert_eq!(s.console.last().unwrap().text, REBUILT_NOTE);
        assert_eq!(
            s.console.iter().filter(|e| e.text == REBUILT_NOTE).count(),
            1
        );
        assert_eq!(
            State::from_saved(Some(s.saved()), WallClock::TEST).history,
            s.history
        );
        let s = s.apply(Action::Console("clear".into()));
        assert!(s.console.is_empty());
    }

    fn state() -> State {
        State::new(lab::seed(), 0, WallClock::TEST)
    }

    #[test]
    fn edits_keep_the_clock_and_rebuild() {
        let s = state().apply(Action::Skip(SimDuration::from_secs(30)));
        let t = s.now();
        assert!(t >= SimTime::from_secs(30));
        let cfg = s
            .analysis
            .cfg
            .clone()
            .unwrap()
            .binding
            .value
            .replace("8775", "8776");
        let s = s.apply(Action::EditCfg(cfg));
        assert_eq!(s.now(), t, "an edit keeps the clock");
        assert!(
            s.files[1].text.contains("127.0.0.1:8776"),
            "one source of truth: the ConfigMap YAML"
        );
        let s = s.apply(Action::RunCheck);
        assert!(
            s.check
                .as_ref()
                .unwrap()
                .stdout
                .contains("503 Service Unavailable")
        );
        assert!(
            s.now() > SimTime::from_secs(32),
            "the 503 took HAProxy's retries"
        );
    }

    #[test]
    fn ticks_only_while_playing() {
        let s = state()
            .apply(Action::TogglePlay)
            .apply(Action::Tick(SimDuration::from_secs(5)));
        assert_eq!(s.now(), SimTime::from_millis(150));
    }

    #[test]
    fn saved_state_round_trips_and_bad_saves_fall_back() {
        let s = state()
            .apply(Action::Edit {
                file: 2,
                text: "garbage: [".into(),
            })
            .apply(Action::SelectFile(2));
        let restored = State::from_saved(Some(s.saved()), WallClock::TEST);
        assert_eq!(restored.files, s.files);
        assert_eq!(restored.active, 2);
        let fallback = State::from_saved(
            Some(Saved {
                version: 99,
                files: vec![],
                active: 0,
                history: vec![],
            }),
            WallClock::TEST,
        );
        assert_eq!(fallback.files, lab::seed());
    }
}
