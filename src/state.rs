//! The app's one state and its pure reducer. Every action delegates to the
//! model: an edit re-analyses the files and rebuilds the cluster at the same
//! simulated time, a tick advances the clock. Nothing here touches the
//! browser; side effects live in `app.rs`'s `use_effect_with`.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::embed::runs::Runs;
use crate::model::base::time::{SimDuration, SimTime, WallClock};
use crate::model::project::cfgsync;
use crate::model::project::checks::{self, CheckItem, Checklist};
use crate::model::project::presets::{self, Preset};
use crate::model::project::workspace::{self, Analysis, CommandRun, File};
use crate::model::sim::cluster::Cluster;
use crate::model::tools::console::{self, Entry, Running, Step};
use crate::model::tools::kubectl::apply::Answer;
use crate::model::view::layout::{self, Geometry};
use crate::model::view::topology;
use crate::persist::{self, Unreadable};

/// What is saved in localStorage: only the user's text and where they were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub files: Vec<SavedFile>,
    pub active: usize,
    /// Console lines, newest last (absent in saves from before the console).
    #[serde(default)]
    pub history: Vec<String>,
    /// The preset `files` belong to (saves before presets: the lab's).
    #[serde(default = "default_preset")]
    pub preset: String,
    /// The other presets' workspaces, as the user left them.
    #[serde(default)]
    pub workspaces: BTreeMap<String, Vec<SavedFile>>,
    /// The files the last reset replaced (absent when there are none; an
    /// older podlab ignores it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undo: Option<SavedUndo>,
}

/// The files a reset replaced, and the preset they belong to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedUndo {
    pub preset: String,
    pub files: Vec<SavedFile>,
    /// A share link's files replaced them, not a reset.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_link: bool,
}

fn default_preset() -> String {
    presets::DEFAULT.to_string()
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
    pub files: Rc<Vec<File>>,
    pub active: usize,
    pub analysis: Rc<Analysis>,
    /// What the cluster answered to `kubectl apply -f` for each file when
    /// the workspace was built.
    pub answers: Rc<Vec<Vec<Answer>>>,
    pub cluster: Rc<Cluster>,
    /// The cluster the files alone make, at (or before) the live cluster's
    /// time: the live cluster itself (the same `Rc`) until a console line
    /// or Try it changes that, then kept beside it. An edit that changes no
    /// object (a comment, a blank line) takes it as the full replay from
    /// t = 0 it equals ([`Cluster::same_but_sources`]) instead of
    /// simulating from t = 0 again.
    pub replay: Rc<Cluster>,
    /// The cluster as the files' apply left it, before the clock ran on:
    /// what the next edit's apply is compared with.
    pub applied: Rc<Cluster>,
    pub geometry: Rc<Geometry>,
    pub playing: bool,
    pub check: Option<Rc<CommandRun>>,
    pub wall: WallClock,
    /// The console's transcript and its history of lines.
    pub console: Rc<Vec<Entry>>,
    pub history: Rc<Vec<String>>,
    /// The console line still running: it runs in stretches of the
    /// browser's time ([`Action::ConsoleResume`]), so a runaway loop never
    /// holds the page, and Ctrl-C ([`Action::Interrupt`]) stops it.
    pub running: Option<Rc<Running>>,
    /// Lines entered while one runs, run after it, as a terminal's
    /// typeahead (Ctrl-C discards them, as the terminal's driver does).
    pub typeahead: Rc<Vec<String>>,
    /// The preset this workspace is.
    pub preset: Rc<Preset>,
    /// The other presets' workspaces, kept while another is loaded.
    pub workspaces: Rc<BTreeMap<String, Vec<File>>>,
    /// Opened after podlab crashed: the clock starts paused and the console
    /// empty, until the user presses play (then the crash flag goes).
    pub after_crash: bool,
    /// The save found at load that this podlab could not open, and where
    /// it was kept aside.
    pub aside: Option<Rc<Aside>>,
    /// Another tab or frame wrote this workspace: their text, waiting for
    /// the user to load it or keep these files. Saving stops meanwhile.
    pub elsewhere: Option<Rc<Elsewhere>>,
    /// The files the last reset replaced, one click from coming back.
    pub undo: Option<Rc<Undo>>,
    /// The embedding page's console lines (`podlab.run`) and their ends.
    pub runs: Rc<Runs>,
    /// The exercise's checklist (the preset's, or a course's) and its
    /// last run, whose lines run in the console.
    pub checks: Rc<Checklist>,
}

/// A save kept aside rather than overwritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aside {
    /// Where it is kept; `None` when every slot was taken (then podlab does
    /// not save, leaving it under the workspace's own key).
    pub at: Option<String>,
    pub why: Unreadable,
}

/// Another tab's save of this workspace, read once when it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elsewhere {
    pub raw: String,
    pub theirs: Result<Saved, Unreadable>,
}

/// The files a reset replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    pub preset: String,
    pub files: Vec<File>,
    /// A share link's files replaced them, not a reset.
    pub by_link: bool,
}

/// How many console lines are kept in the history (and saved).
pub const HISTORY_MAX: usize = 200;

/// The console's note when an edit rebuilds the cluster.
pub const REBUILT_NOTE: &str =
    "podlab: the files changed, so the cluster was rebuilt from them; changes made here are gone\n";

/// The console's note when the other tab's save is loaded.
pub const LOADED_THEIRS_NOTE: &str =
    "podlab: loaded the files saved in another tab or frame; the cluster was built from them\n";

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
    /// Run the preset's demonstration command on the live cluster.
    RunCheck,
    /// A console line was entered: it starts (or waits behind the line
    /// still running) and runs to its first yield.
    Console(String),
    /// The running console line goes on until `yield_now` says the
    /// browser's main thread has other work (the app passes a deadline).
    ConsoleResume(YieldNow),
    /// Ctrl-C in the console: the running line stops, status 130.
    Interrupt,
    /// Back to the preset's own files; the replaced files are kept in
    /// [`State::undo`] (no confirmation: sandboxed frames block `confirm()`).
    Reset,
    /// Put back the files the last reset replaced.
    UndoReset,
    /// Forget the files the last reset replaced (the notice goes).
    DismissUndo,
    /// The notice about a save kept aside was read.
    DismissAside,
    /// Another tab or frame wrote this workspace's save (their text).
    ChangedElsewhere(String),
    /// Open the other tab's save instead of these files.
    LoadTheirs,
    /// Keep these files: saving resumes, over the other tab's save.
    KeepMine,
    /// Switch to another preset's workspace: this one's text is kept and
    /// comes back when the user switches back; a preset never opened before
    /// starts from its own files.
    LoadPreset(String),
    /// The embedding page's `podlab.run`: a console line as if typed, its
    /// end kept under `tag` in [`State::runs`] for the app to answer.
    Run {
        line: String,
        tag: u64,
    },
    /// The app answered these runs (their ends are forgotten).
    Collected(Vec<u64>),
    /// The embedding page's `podlab.setFiles`: these files replace the
    /// workspace's (the preset stays), and the cluster is rebuilt.
    SetFiles(Vec<File>),
    /// Run the checklist: the pods settle as `podlab run` lets them, then
    /// each item's command runs as a console line and is judged.
    RunChecks,
    /// A course's checklist replaces the preset's (`podlab.setChecks`;
    /// parse it with `checks::parse_items`).
    SetChecks(Vec<CheckItem>),
    /// A share link was opened: its preset with its files. The files the
    /// preset had are kept in [`State::undo`], one click from coming back;
    /// another preset's files are kept as [`Action::LoadPreset`] keeps them.
    OpenShared {
        preset: String,
        files: Vec<File>,
    },
}

/// Asked at each yield point of a running console line: stop here for now?
pub type YieldNow = Rc<dyn Fn() -> bool>;

fn to_saved(files: &[File]) -> Vec<SavedFile> {
    files
        .iter()
        .map(|f| SavedFile {
            name: f.name.clone(),
            text: f.text.clone(),
        })
        .collect()
}

fn from_saved(files: Vec<SavedFile>) -> Vec<File> {
    files
        .into_iter()
        .map(|f| File {
            name: f.name,
            text: f.text,
        })
        .collect()
}

impl State {
    pub fn new(files: Vec<File>, active: usize, wall: WallClock) -> Self {
        let analysis = workspace::analyze(&files);
        let built = workspace::apply(&analysis, wall);
        let cluster = Rc::new(built.cluster);
        let geometry = layout::layout(&topology::derive(&cluster, "default"));
        State {
            active: active.min(files.len().saturating_sub(1)),
            files: Rc::new(files),
            analysis: Rc::new(analysis),
            answers: Rc::new(built.answers),
            replay: cluster.clone(),
            applied: cluster.clone(),
            cluster,
            geometry: Rc::new(geometry),
            playing: true,
            check: None,
            wall,
            console: Rc::new(Vec::new()),
            history: Rc::new(Vec::new()),
            running: None,
            typeahead: Rc::new(Vec::new()),
            preset: Rc::new(presets::by_id(presets::DEFAULT).expect("the default preset")),
            workspaces: Rc::new(BTreeMap::new()),
            after_crash: false,
            aside: None,
            elsewhere: None,
            undo: None,
            runs: Rc::new(Runs::default()),
            checks: Rc::new(Checklist::of_preset(presets::DEFAULT)),
        }
    }

    /// A preset's workspace: its files as the user left them, or its own.
    pub fn for_preset(p: Preset, files: Option<Vec<File>>, wall: WallClock) -> Self {
        let files = files
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| p.files.clone());
        State {
            checks: Rc::new(Checklist::of_preset(p.id)),
            preset: Rc::new(p),
            ..State::new(files, 0, wall)
        }
    }

    /// Restore saved files; anything unreadable falls back to the seed.
    pub fn from_saved(saved: Option<Saved>, wall: WallClock) -> Self {
        match saved {
            Some(s) if s.version == SAVE_VERSION && !s.files.is_empty() => {
                let preset = presets::by_id(&s.preset)
                    .unwrap_or_else(|| presets::by_id(presets::DEFAULT).expect("default"));
                let mut st = State::for_preset(preset, Some(from_saved(s.files)), wall);
                st.active = s.active.min(st.files.len().saturating_sub(1));
                st.history = Rc::new(s.history);
                st.workspaces = Rc::new(crate::model::base::sort::btree_map(
                    s.workspaces
                        .into_iter()
                        .filter(|(id, _)| presets::by_id(id).is_some())
                        .map(|(id, f)| (id, from_saved(f))),
                ));
                st.undo = s
                    .undo
                    .filter(|u| presets::by_id(&u.preset).is_some() && !u.files.is_empty())
                    .map(|u| {
                        Rc::new(Undo {
                            preset: u.preset,
                            files: from_saved(u.files),
                            by_link: u.by_link,
                        })
                    });
                st
            }
            _ => State::new(workspace::seed(), 0, wall),
        }
    }

    pub fn saved(&self) -> Saved {
        Saved {
            version: SAVE_VERSION,
            files: to_saved(&self.files),
            active: self.active,
            history: self.history.to_vec(),
            preset: self.preset.id.to_string(),
            workspaces: crate::model::base::sort::btree_map(
                self.workspaces
                    .iter()
                    .map(|(id, f)| (id.clone(), to_saved(f))),
            ),
            undo: self.undo.as_ref().map(|u| SavedUndo {
                preset: u.preset.clone(),
                files: to_saved(&u.files),
                by_link: u.by_link,
            }),
        }
    }

    /// Whether the app may write this state's save: not while another
    /// tab's write waits for a choice, nor over a save that could not be
    /// kept aside.
    pub fn may_save(&self) -> bool {
        self.elsewhere.is_none() && self.aside.as_ref().is_none_or(|a| a.at.is_some())
    }

    /// The reset's replaced files, when they belong to the preset shown.
    pub fn undo_here(&self) -> Option<&Undo> {
        self.undo.as_deref().filter(|u| u.preset == self.preset.id)
    }

    /// A new workspace keeps what the notices are about.
    fn carry_notices(mut self, old: &State) -> Self {
        self.after_crash = old.after_crash;
        self.aside = old.aside.clone();
        self.elsewhere = old.elsewhere.clone();
        self.undo = old.undo.clone();
        self
    }

    pub fn now(&self) -> SimTime {
        self.cluster.now
    }

    /// A new workspace keeps the console's transcript and history, with a
    /// note that the cluster under it is new.
    fn carry_console(mut self, old: &State) -> Self {
        self.history = old.history.clone();
        self.runs = old.runs.clone();
        let mut c = (*old.console).clone();
        if !c.is_empty() {
            let note = format!(
                "podlab: the {} preset is loaded; the cluster was built from its files\n",
                self.preset.id
            );
            c.push(Entry::note(self.cluster.now, &note));
        }
        self.console = Rc::new(c);
        self
    }

    /// A transcript entry is done: keep it (or clear the transcript).
    fn push_entry(&mut self, e: Entry) {
        if e.clear {
            self.console = Rc::new(Vec::new());
        } else {
            let mut c = (*self.console).clone();
            c.push(e);
            self.console = Rc::new(console::cap_transcript(c));
        }
    }

    /// Where a console line got to: done, it joins the transcript and the
    /// next typed-ahead line starts; else it is the running line.
    fn line_step(mut self, step: Step) -> Self {
        match step {
            Step::Running(r) => {
                self.running = Some(Rc::new(*r));
                self
            }
            Step::Done(e) => {
                self.running = None;
                Rc::make_mut(&mut self.runs).end(&e);
                // A checklist's line: judged, and the next item goes
                // before any line typed meanwhile.
                let next = if self.checks.running {
                    Rc::make_mut(&mut self.checks).record(&e)
                } else {
                    None
                };
                self.push_entry(e);
                if let Some(line) = next {
                    return self.queue_line(line);
                }
                if self.typeahead.is_empty() {
                    return self;
                }
                let next = Rc::make_mut(&mut self.typeahead).remove(0);
                self.start_line(next)
            }
        }
    }

    /// Start a console line on the live cluster and run it to its first
    /// yield point (a short line ends there).
    fn start_line(mut self, line: String) -> Self {
        Rc::make_mut(&mut self.runs).start();
        let step = match console::start(&self.cluster, &line) {
            Step::Running(r) => {
                let c = Rc::make_mut(&mut self.cluster);
                console::resume(*r, c, &self.files, &mut || true)
            }
            done => done,
        };
        self.line_step(step)
    }

    /// A console line entered (`tag`: the embedding page's run): it starts,
    /// or waits behind the line still running.
    fn entered(&self, line: String, tag: Option<u64>) -> Self {
        let mut s = self.clone();
        Rc::make_mut(&mut s.runs).enter(tag);
        let history = Rc::make_mut(&mut s.history);
        if !line.trim().is_empty() && history.last() != Some(&line) {
            history.push(line.clone());
            let over = history.len().saturating_sub(HISTORY_MAX);
            history.drain(..over);
        }
        if s.running.is_some() {
            Rc::make_mut(&mut s.typeahead).push(line);
            return s;
        }
        s.start_line(line).rejoined().redraw()
    }

    /// Make a line the running one without running it yet: it runs when
    /// the app next resumes it, in a task of its own (a checklist's items
    /// each get the main thread anew).
    fn queue_line(self, line: String) -> Self {
        match console::start(&self.cluster, &line) {
            Step::Running(r) => State {
                running: Some(Rc::new(*r)),
                ..self
            },
            done => self.line_step(done),
        }
    }

    /// Ctrl-C: the running line stops and typed-ahead lines are dropped.
    fn interrupted(mut self) -> Self {
        if let Some(r) = self.running.take() {
            let e = console::stop((*r).clone());
            let runs = Rc::make_mut(&mut self.runs);
            runs.end(&e);
            runs.discard(self.typeahead.len());
            self.push_entry(e);
            self.typeahead = Rc::new(Vec::new());
        }
        if self.checks.running {
            Rc::make_mut(&mut self.checks).stop();
        }
        self
    }

    /// Re-analyse and rebuild the cluster at the current time: the files
    /// applied to a fresh cluster at t = 0 and the clock run to now. When
    /// the apply makes the cluster the last one made, but for where the
    /// objects sit in their files, that replay is the one kept in
    /// [`State::replay`] with the new places, and is not run again.
    fn rebuilt(mut self) -> Self {
        // The running line's cluster is gone: it stops first.
        self = self.interrupted();
        let now = self.cluster.now;
        let analysis = workspace::analyze(&self.files);
        let built = workspace::apply(&analysis, self.wall);
        let mut cluster = if built.cluster.same_but_sources(&self.applied) {
            let mut c = (*self.replay).clone();
            c.take_sources(&built.cluster);
            c
        } else {
            built.cluster.clone()
        };
        cluster.advance_to(now);
        self.applied = Rc::new(built.cluster);
        self.analysis = Rc::new(analysis);
        self.answers = Rc::new(built.answers);
        self.cluster = Rc::new(cluster);
        self.replay = self.cluster.clone();
        self.check = None;
        if !self.checks.verdicts.is_empty() {
            Rc::make_mut(&mut self.checks).forget();
        }
        let noted = self
            .console
            .last()
            .is_none_or(|e| e.line.is_empty() && e.text() == REBUILT_NOTE);
        if !noted {
            let mut c = (*self.console).clone();
            c.push(Entry::note(now, REBUILT_NOTE));
            self.console = Rc::new(c);
        }
        self.redraw()
    }

    /// After a console line or Try it that left the live cluster as the
    /// files alone make it (`kubectl get`, `logs`), the two are one again,
    /// so ticks advance one cluster.
    fn rejoined(mut self) -> Self {
        if self.running.is_none()
            && !Rc::ptr_eq(&self.replay, &self.cluster)
            && *self.replay == *self.cluster
        {
            self.replay = self.cluster.clone();
        }
        self
    }

    /// Lay the diagram out again; an unchanged drawing keeps its `Rc`, so
    /// the diagram is not re-rendered.
    fn redraw(mut self) -> Self {
        let g = layout::layout(&topology::derive(&self.cluster, "default"));
        if *self.geometry != g {
            self.geometry = Rc::new(g);
        }
        self
    }

    fn advanced(mut self, d: SimDuration) -> Self {
        let mut c = (*self.cluster).clone();
        c.advance(d);
        // `kubectl logs` shown in the panel follows the log as it grows
        // (reading logs takes no time and changes nothing).
        if self.check.is_some() && matches!(self.preset.demo, presets::Demo::Logs { .. }) {
            let mut r = presets::demonstrate(&self.preset.demo, &mut c);
            r.waited = self.check.as_ref().map_or(SimDuration::ZERO, |c| c.waited);
            if self.check.as_deref() != Some(&r) {
                self.check = Some(Rc::new(r));
            }
        }
        let shared = Rc::ptr_eq(&self.replay, &self.cluster);
        self.cluster = Rc::new(c);
        self.replay = if shared {
            self.cluster.clone()
        } else {
            // The files' own cluster keeps up with the live one's clock.
            let mut r = (*self.replay).clone();
            r.advance_to(self.cluster.now);
            Rc::new(r)
        };
        self.redraw()
    }

    /// The pure transition, `None` when the action changes nothing (the
    /// reducer then keeps the same `Rc`, and nothing re-renders).
    pub fn step(&self, action: Action) -> Option<State> {
        match action {
            Action::Edit { file, text } => {
                if self.files.get(file)?.text == text {
                    return None;
                }
                let mut s = self.clone();
                Rc::make_mut(&mut s.files)[file].text = text;
                Some(s.rebuilt())
            }
            Action::EditCfg(value) => {
                let view = self.analysis.cfg.as_ref()?;
                let old = &self.files[view.file].text;
                let text = cfgsync::set(old, &view.binding, &value);
                if text == *old {
                    return None;
                }
                let mut s = self.clone();
                Rc::make_mut(&mut s.files)[view.file].text = text;
                Some(s.rebuilt())
            }
            Action::SelectFile(i) => {
                let active = i.min(self.files.len().saturating_sub(1));
                (active != self.active).then(|| State {
                    active,
                    ..self.clone()
                })
            }
            // A running line moves the clock itself, as `sleep` does.
            Action::Tick(_) if self.running.is_some() => None,
            Action::Tick(d) if self.playing => Some(self.clone().advanced(d)),
            Action::Tick(_) => None,
            Action::Skip(d) => Some(self.clone().advanced(d)),
            Action::TogglePlay => Some(State {
                playing: !self.playing,
                // Pressing play after a crash is the user's go-ahead.
                after_crash: self.after_crash && self.playing,
                ..self.clone()
            }),
            Action::RunCheck => {
                // The check runs on the live cluster: time moves on by what
                // the request took, as it would for a real curl.
                // Pressed while the pods start, it runs the clock ahead until
                // they are up (at most `presets::RUN_AHEAD_MAX`) and says how far.
                let mut c = (*self.cluster).clone();
                let waited = presets::run_ahead(&self.preset.demo, &mut c);
                let mut r = presets::demonstrate(&self.preset.demo, &mut c);
                r.waited = waited;
                Some(
                    State {
                        cluster: Rc::new(c),
                        check: Some(Rc::new(r)),
                        ..self.clone()
                    }
                    .rejoined()
                    .redraw(),
                )
            }
            Action::Console(line) => Some(self.entered(line, None)),
            Action::Run { line, tag } => Some(self.entered(line, Some(tag))),
            Action::Collected(tags) => {
                let mut s = self.clone();
                Rc::make_mut(&mut s.runs).collect(&tags).then_some(s)
            }
            Action::SetFiles(files) => {
                if files.is_empty() || *self.files == files {
                    return None;
                }
                let mut s = self.clone();
                s.active = s.active.min(files.len() - 1);
                s.files = Rc::new(files);
                Some(s.rebuilt())
            }
            Action::ConsoleResume(yield_now) => {
                let r = (**self.running.as_ref()?).clone();
                let mut s = self.clone();
                let mut c = (*self.cluster).clone();
                let step = console::resume(r, &mut c, &self.files, &mut || yield_now());
                s.cluster = Rc::new(c);
                // The diagram is laid out again when the line ends, not
                // after every stretch.
                let s = s.line_step(step);
                Some(if s.running.is_some() {
                    s
                } else {
                    s.rejoined().redraw()
                })
            }
            Action::Interrupt => {
                self.running.as_ref()?;
                Some(self.clone().interrupted())
            }
            Action::Reset => {
                let old = self.clone().interrupted();
                let mut s = State::for_preset((*self.preset).clone(), None, self.wall);
                s.playing = self.playing;
                s.workspaces = self.workspaces.clone();
                let mut s = s.carry_console(&old).carry_notices(self).carry_checks(self);
                // Resetting the preset's own files again keeps the files
                // the first reset replaced.
                if *self.files != *s.files {
                    s.undo = Some(Rc::new(Undo {
                        preset: self.preset.id.to_string(),
                        files: (*self.files).clone(),
                        by_link: false,
                    }));
                }
                Some(s)
            }
            Action::UndoReset => {
                let undo = self.undo_here()?;
                let mut s =
                    State::for_preset((*self.preset).clone(), Some(undo.files.clone()), self.wall);
                s.playing = self.playing;
                s.workspaces = self.workspaces.clone();
                let mut s = s
                    .carry_console(&self.clone().interrupted())
                    .carry_notices(self)
                    .carry_checks(self);
                s.undo = None;
                Some(s)
            }
            Action::DismissUndo => self.undo.is_some().then(|| State {
                undo: None,
                ..self.clone()
            }),
            // A save that could not be kept aside stays guarded: its
            // notice stays, and nothing is saved over it.
            Action::DismissAside => {
                self.aside
                    .as_ref()
                    .is_some_and(|a| a.at.is_some())
                    .then(|| State {
                        aside: None,
                        ..self.clone()
                    })
            }
            Action::ChangedElsewhere(raw) => {
                if self.elsewhere.as_ref().is_some_and(|e| e.raw == raw) {
                    return None;
                }
                let theirs = persist::migrate(&raw);
                Some(State {
                    elsewhere: Some(Rc::new(Elsewhere { raw, theirs })),
                    ..self.clone()
                })
            }
            Action::LoadTheirs => {
                let theirs = self.elsewhere.as_ref()?.theirs.clone().ok()?;
                let mut s = State::from_saved(Some(theirs), self.wall);
                s.playing = self.playing;
                s.after_crash = self.after_crash;
                s.aside = self.aside.clone();
                // Their history and undo come with their files; a running
                // line stops first.
                let old = self.clone().interrupted();
                let mut c = (*old.console).clone();
                c.push(Entry::note(s.cluster.now, LOADED_THEIRS_NOTE));
                s.console = Rc::new(c);
                s.runs = old.runs.clone();
                Some(s)
            }
            Action::KeepMine => self.elsewhere.is_some().then(|| State {
                elsewhere: None,
                ..self.clone()
            }),
            Action::LoadPreset(id) => {
                let p = presets::by_id(&id)?;
                if p.id == self.preset.id {
                    return None;
                }
                let mut stash = (*self.workspaces).clone();
                stash.insert(self.preset.id.to_string(), (*self.files).clone());
                let mine = stash.remove(p.id);
                let mut s = State::for_preset(p, mine, self.wall);
                s.playing = self.playing;
                s.workspaces = Rc::new(stash);
                Some(
                    s.carry_console(&self.clone().interrupted())
                        .carry_notices(self),
                )
            }
            Action::RunChecks => {
                if self.running.is_some() || self.checks.running {
                    return None;
                }
                let mut s = self.clone();
                let mut c = (*s.cluster).clone();
                checks::settle(&mut c);
                s.cluster = Rc::new(c);
                let mut list = (*s.checks).clone();
                let first = list.start();
                s.checks = Rc::new(list);
                s.push_entry(Entry::note(
                    s.cluster.now,
                    &checks::text::starting(s.checks.items.len()),
                ));
                Some(
                    match first {
                        Some(line) => s.queue_line(line),
                        None => s,
                    }
                    .redraw(),
                )
            }
            Action::OpenShared { preset, files } => {
                let p = presets::by_id(&preset)?;
                if files.is_empty() {
                    return None;
                }
                let mut stash = (*self.workspaces).clone();
                let theirs = if p.id == self.preset.id {
                    (*self.files).clone()
                } else {
                    stash.insert(self.preset.id.to_string(), (*self.files).clone());
                    stash.remove(p.id).unwrap_or_else(|| p.files.clone())
                };
                if p.id == self.preset.id && theirs == files {
                    return None;
                }
                let id = p.id.to_string();
                let mut s = State::for_preset(p, Some(files), self.wall);
                s.playing = self.playing;
                s.workspaces = Rc::new(stash);
                let old = self.clone().interrupted();
                let mut s = s.carry_notices(self);
                s.history = old.history.clone();
                let mut c = (*old.console).clone();
                c.push(Entry::note(s.cluster.now, crate::share::text::OPENED_NOTE));
                s.console = Rc::new(c);
                if *s.files != theirs {
                    s.undo = Some(Rc::new(Undo {
                        preset: id,
                        files: theirs,
                        by_link: true,
                    }));
                }
                Some(s)
            }
            Action::SetChecks(items) => {
                // A run of the old list stops; a line of the learner's runs on.
                let mut s = if self.checks.running {
                    self.clone().interrupted()
                } else {
                    self.clone()
                };
                s.checks = Rc::new(Checklist {
                    runs: self.checks.runs,
                    ..Checklist::custom(items)
                });
                Some(s)
            }
        }
    }

    /// A course's checklist stays with the files it checks across a reset.
    fn carry_checks(mut self, old: &State) -> Self {
        if old.checks.custom {
            self.checks = Rc::new(Checklist::custom(old.checks.items.clone()));
        }
        self
    }

    /// [`State::step`], keeping this state when nothing changes.
    pub fn apply(self, action: Action) -> State {
        self.step(action).unwrap_or(self)
    }

    /// Run the console's running line, and any typed ahead, to their ends
    /// without yielding, as `podlab run` does; the app instead resumes a
    /// line stretch by stretch on its timer. Each pass ends one line (its
    /// budget ends it), so the loop is bounded by the lines waiting.
    pub fn finish_lines(mut self) -> State {
        let go_on: YieldNow = Rc::new(|| false);
        while self.running.is_some() {
            self = self.apply(Action::ConsoleResume(go_on.clone()));
        }
        self
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.step(action) {
            Some(s) => Rc::new(s),
            None => self,
        }
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
        assert_eq!(
            s.console.last().unwrap().text(),
            "pod \"busybox\" deleted\n"
        );
        assert!(s.cluster.pod("default", "busybox").is_none());
        let s = s
            .apply(Action::Console(
                "kubectl get pods --no-headers | wc -l".into(),
            ))
            .apply(Action::Console(
                "kubectl get pods --no-headers | wc -l".into(),
            ));
        assert_eq!(s.console.last().unwrap().text(), "1\n");
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
        assert_eq!(s.console.last().unwrap().text(), REBUILT_NOTE);
        assert_eq!(
            s.console
                .iter()
                .filter(|e| e.text() == REBUILT_NOTE)
                .count(),
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
        State::new(workspace::seed(), 0, WallClock::TEST)
    }

    /// Resume the running line, a stretch of one slice at a time, until it
    /// ends; how many stretches it took.
    fn finish(mut s: State) -> (State, usize) {
        let mut n = 0;
        while s.running.is_some() {
            s = s.apply(Action::ConsoleResume(Rc::new(|| true)));
            n += 1;
        }
        (s, n)
    }

    /// `finish_lines` runs the running line and the lines typed ahead to
    /// their ends, as `podlab run` would run each.
    #[test]
    fn finish_lines_runs_every_waiting_line_to_its_end() {
        let s = state()
            .apply(Action::Console("while :; do :; done".into()))
            .apply(Action::Console("echo after".into()));
        assert!(s.running.is_some());
        assert_eq!(s.typeahead.len(), 1);
        let s = s.finish_lines();
        assert!(s.running.is_none() && s.typeahead.is_empty());
        let last: Vec<(String, i32)> = s
            .console
            .iter()
            .rev()
            .take(2)
            .map(|e| (e.text(), e.code))
            .collect();
        assert_eq!(last[0], ("after\n".to_string(), 0));
        assert_eq!(last[1].1, 130);
    }

    #[test]
    fn a_console_line_cut_into_stretches_answers_as_one_run() {
        let s = state().apply(Action::Skip(SimDuration::from_secs(20)));
        for line in [
            "kubectl get pods",
            "sleep 3; kubectl get pods -o wide; date",
            "while :; do :; done",
            "while :; do echo hello; done",
            "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo $i",
            "kubectl exec busybox -- sh -c 'sleep 2; echo hi'",
            "sleep inf",
            "clear",
        ] {
            let mut c = (*s.cluster).clone();
            let whole = console::run(&mut c, &s.files, line);
            let (cut, _) = finish(s.clone().apply(Action::Console(line.into())));
            if whole.clear {
                assert!(cut.console.is_empty(), "{line}");
            } else {
                assert_eq!(cut.console.last(), Some(&whole), "{line}");
            }
            assert_eq!(*cut.cluster, c, "{line}: the same cluster after");
        }
    }

    #[test]
    fn a_paste_past_max_read_is_kept_saved_and_noted_but_not_applied() {
        let s = state();
        let big: String = (0..200_000).map(|i| format!("  k{i}: v\n")).collect();
        let text = format!("{}---\nkind: ConfigMap\ndata:\n{big}", s.files[2].text);
        assert!(text.len() > workspace::MAX_READ);
        let t = s.clone().apply(Action::Edit {
            file: 2,
            text: text.clone(),
        });
        assert_eq!(t.files[2].text, text, "never cut");
        assert_eq!(t.saved().files[2].text, text, "saved as written");
        let r = &t.analysis.reports[2];
        assert!(r.too_large);
        assert!(
            r.diagnostics[0].message.contains("up to 256 KiB"),
            "{:?}",
            r.diagnostics
        );
        assert!(t.answers[2].is_empty(), "not applied");
        assert_eq!(t.answers[0], s.answers[0], "the other files are");
        // Back under the cap, it is read again.
        let u = t.apply(Action::Edit {
            file: 2,
            text: s.files[2].text.clone(),
        });
        assert!(!u.analysis.reports[2].too_large);
        assert_eq!(u.answers, s.answers);
    }

    #[test]
    fn a_runaway_line_runs_in_stretches_and_ctrl_c_stops_it() {
        let s = state().apply(Action::Console("while :; do :; done".into()));
        assert!(s.running.is_some(), "it yields after its first slice");
        let at = s.now();
        // A tick does not move the clock under a running line; a line
        // typed meanwhile waits behind it.
        let s = s
            .apply(Action::Tick(SimDuration::from_millis(250)))
            .apply(Action::Console("echo next".into()));
        assert_eq!(s.now(), at);
        assert_eq!(*s.typeahead, ["echo next"]);
        // Left alone it ends on its budget, as Ctrl-C would, and the line
        // typed after it is answered.
        let (done, stretches) = finish(s.clone());
        assert!(stretches > 10, "{stretches} stretches");
        let n = done.console.len();
        let runaway = &done.console[n - 2];
        assert_eq!(runaway.code, 130);
        assert!(
            runaway.text().starts_with("^C\npodlab: "),
            "{}",
            runaway.text()
        );
        assert_eq!(done.console[n - 1].text(), "next\n");
        assert!(done.typeahead.is_empty() && done.running.is_none());
        // Ctrl-C stops it at once, and drops what was typed ahead.
        let stopped = s.apply(Action::Interrupt);
        assert!(stopped.running.is_none() && stopped.typeahead.is_empty());
        let last = stopped.console.last().unwrap();
        assert_eq!((last.text().as_str(), last.code), ("^C\n", 130));
        // An edit rebuilds the cluster under a running line: it stops.
        let s = state().apply(Action::Console("while :; do :; done".into()));
        let text = s.files[2].text.clone() + "\n";
        let s = s.apply(Action::Edit { file: 2, text });
        assert!(s.running.is_none());
        let n = s.console.len();
        assert_eq!(s.console[n - 2].text(), "^C\n");
        assert_eq!(s.console[n - 1].text(), REBUILT_NOTE);
    }

    /// Reduce `action` on `s`: whether the reducer kept the very same `Rc`
    /// (nothing changed, nothing re-renders).
    fn check(s: &Rc<State>, action: Action, same: bool) -> Rc<State> {
        let next = s.clone().reduce(action);
        assert_eq!(Rc::ptr_eq(s, &next), same);
        if same {
            assert_eq!(**s, *next);
        }
        next
    }

    #[test]
    fn actions_that_change_nothing_keep_the_same_rc() {
        let s = Rc::new(state());
        let text = s.files[0].text.clone();
        let cfg = s.analysis.cfg.as_ref().unwrap().binding.value.clone();
        check(&s, Action::SelectFile(0), true);
        check(&s, Action::SelectFile(99), false); // the last tab
        let last = check(&s, Action::SelectFile(2), false);
        check(&last, Action::SelectFile(99), true);
        check(
            &s,
            Action::Edit {
                file: 0,
                text: text.clone(),
            },
            true,
        );
        check(
            &s,
            Action::Edit {
                file: 7,
                text: text.clone(),
            },
            true,
        );
        check(
            &s,
            Action::Edit {
                file: 0,
                text: text + "\n",
            },
            false,
        );
        check(&s, Action::EditCfg(cfg.clone()), true);
        check(&s, Action::EditCfg(cfg + "\n# more\n"), false);
        check(&s, Action::LoadPreset("ambassador".into()), true);
        check(&s, Action::LoadPreset("nope".into()), true);
        check(&s, Action::LoadPreset("sidecar".into()), false);
        check(&s, Action::Tick(SimDuration::from_millis(250)), false);
        // Paused, a tick changes nothing; toggling twice is two changes.
        let paused = check(&s, Action::TogglePlay, false);
        check(&paused, Action::Tick(SimDuration::from_millis(250)), true);
        let playing = check(&paused, Action::TogglePlay, false);
        assert!(playing.playing);
        check(&paused, Action::Skip(SimDuration::from_secs(1)), false);
        check(&s, Action::RunCheck, false);
        check(&s, Action::Console("true".into()), false);
        // With no line running, neither Ctrl-C nor a resume changes anything.
        check(&s, Action::Interrupt, true);
        check(&s, Action::ConsoleResume(Rc::new(|| true)), true);
        check(&s, Action::Reset, false);
    }

    #[test]
    fn a_tick_keeps_the_text_analysis_and_an_unchanged_drawing() {
        let s = Rc::new(state().apply(Action::Skip(SimDuration::from_secs(20))));
        let t = check(&s, Action::Tick(SimDuration::from_millis(250)), false);
        assert!(t.now() > s.now());
        assert!(Rc::ptr_eq(&s.analysis, &t.analysis), "no re-analysis");
        assert!(Rc::ptr_eq(&s.preset, &t.preset));
        assert!(Rc::ptr_eq(&s.console, &t.console));
        assert!(
            Rc::ptr_eq(&s.geometry, &t.geometry),
            "the pods are up: same drawing"
        );
        assert!(Rc::ptr_eq(&s.files, &t.files), "no copy of the text");
        assert_eq!(s.active, t.active);
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

    /// Try it pressed as the page opens runs the clock ahead until the
    /// pods it needs are up, then answers as the pattern works; the answer
    /// is the one the command gives at that time.
    #[test]
    fn try_it_before_the_pods_are_up_runs_the_clock_ahead() {
        for p in presets::all() {
            let id = p.id;
            let s = State::for_preset(p.clone(), None, WallClock::TEST);
            let t = s.clone().apply(Action::RunCheck);
            let r = t.check.clone().expect("a run");
            assert!(presets::works(&p, &r), "{id}: {}{}", r.stdout, r.stderr);
            assert!(
                r.waited > SimDuration::ZERO && r.waited < presets::RUN_AHEAD_MAX,
                "{id}: {:?}",
                r.waited
            );
            assert_eq!(r.started, s.now() + r.waited, "{id}");
            // The same as letting the clock play there and pressing it.
            let mut c = (*s.cluster).clone();
            c.advance_to(r.started);
            let mut same = presets::demonstrate(&p.demo, &mut c);
            same.waited = r.waited;
            assert_eq!(r, Rc::new(same), "{id}");
            // Once they are up, it does not wait.
            let again = t.apply(Action::RunCheck).check.expect("a run");
            assert_eq!(again.waited, SimDuration::ZERO, "{id}");
        }
        assert_eq!(
            presets::waited_text(SimDuration::from_millis(4_440)).en(),
            "waiting for pods… 4.4 s simulated"
        );
    }

    /// A pod that never comes up: the run-ahead stops at its cap and the
    /// command answers as it would then.
    #[test]
    fn try_it_waits_at_most_its_cap() {
        let mut files = workspace::seed();
        files[2].text = files[2]
            .text
            .replace("busyboxplus:curl", "busyboxplus:curll");
        let s = State::new(files, 0, WallClock::TEST);
        let t = s.clone().apply(Action::RunCheck);
        let r = t.check.clone().expect("a run");
        assert_eq!(r.waited, presets::RUN_AHEAD_MAX);
        let mut c = (*s.cluster).clone();
        c.advance_to(s.now() + presets::RUN_AHEAD_MAX);
        let mut same = presets::demonstrate(&t.preset.demo, &mut c);
        same.waited = presets::RUN_AHEAD_MAX;
        assert_eq!(*r, same);
        assert_eq!(r.code, 1, "{}", r.stderr);
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
                preset: "sidecar".into(),
                workspaces: BTreeMap::new(),
                undo: None,
            }),
            WallClock::TEST,
        );
        assert_eq!(*fallback.files, workspace::seed());
        // A save from before presets is the lab's workspace.
        let old: Saved = serde_json::from_str(
            r#"{"version":1,"files":[{"name":"a.yml","text":"x: 1"}],"active":0}"#,
        )
        .unwrap();
        let restored = State::from_saved(Some(old), WallClock::TEST);
        assert_eq!(restored.preset.id, "ambassador");
        assert_eq!(restored.files[0].name, "a.yml");
    }

    #[test]
    fn presets_keep_their_own_workspaces() {
        let edited = state().apply(Action::Edit {
            file: 2,
            text: "# mine\n".into(),
        });
        let s = edited.clone().apply(Action::LoadPreset("sidecar".into()));
        assert_eq!(s.preset.id, "sidecar");
        assert_eq!(*s.files, presets::by_id("sidecar").unwrap().files);
        assert!(s.analysis.cfg.is_none(), "no haproxy.cfg in this workspace");
        let s = s
            .apply(Action::Skip(SimDuration::from_secs(3)))
            .apply(Action::RunCheck);
        let shown = s.check.clone().unwrap();
        assert_eq!(shown.command, "kubectl logs counter count-log-1");
        assert!(shown.stdout.starts_with("0: "), "{}", shown.stdout);
        let s = s.apply(Action::Skip(SimDuration::from_secs(2)));
        let later = s.check.clone().unwrap();
        assert!(
            later.stdout.len() > shown.stdout.len(),
            "the logs follow the clock"
        );
        // Back to the lab: the edit is still there, and survives a save.
        let back = s.apply(Action::LoadPreset("ambassador".into()));
        assert_eq!(back.files, edited.files);
        let restored = State::from_saved(Some(back.saved()), WallClock::TEST);
        assert_eq!(restored.files, edited.files);
        assert!(restored.workspaces.contains_key("sidecar"));
        // Reset gives the preset's own files back, and keeps the others.
        let reset = restored.apply(Action::Reset);
        assert_eq!(*reset.files, workspace::seed());
        assert!(reset.workspaces.contains_key("sidecar"));
        // An unknown preset changes nothing.
        let same = reset.clone().apply(Action::LoadPreset("nope".into()));
        assert_eq!(same.files, reset.files);
    }

    #[test]
    fn reset_keeps_the_replaced_files_one_click_away() {
        let edited = state().apply(Action::Edit {
            file: 2,
            text: "# mine\n".into(),
        });
        let reset = edited.clone().apply(Action::Reset);
        assert_eq!(*reset.files, workspace::seed());
        assert_eq!(reset.undo_here().unwrap().files, *edited.files);
        // Resetting the preset's own files again keeps the first undo.
        let again = reset.clone().apply(Action::Reset);
        assert_eq!(again.undo_here().unwrap().files, *edited.files);
        // A reload keeps it.
        let restored = State::from_saved(Some(again.saved()), WallClock::TEST);
        assert_eq!(restored.undo, again.undo);
        // Another preset does not offer it; back there, it is offered again.
        let other = restored.apply(Action::LoadPreset("sidecar".into()));
        assert!(other.undo_here().is_none());
        let s = Rc::new(other.clone());
        check(&s, Action::UndoReset, true);
        let back = other.apply(Action::LoadPreset("ambassador".into()));
        let undone = back.apply(Action::UndoReset);
        assert_eq!(undone.files, edited.files, "byte for byte");
        assert!(undone.undo.is_none());
        let s = Rc::new(undone);
        check(&s, Action::UndoReset, true);
        check(&s, Action::DismissUndo, true);
        let dismissed = state()
            .apply(Action::Edit {
                file: 0,
                text: "x".into(),
            })
            .apply(Action::Reset)
            .apply(Action::DismissUndo);
        assert!(dismissed.undo.is_none());
        // Reset of files never edited offers nothing to undo.
        assert!(state().apply(Action::Reset).undo.is_none());
    }

    #[test]
    fn another_tabs_save_stops_saving_until_the_user_chooses() {
        let mine = state().apply(Action::Edit {
            file: 2,
            text: "# mine\n".into(),
        });
        let theirs = state().apply(Action::Edit {
            file: 2,
            text: "# theirs\n".into(),
        });
        let raw = serde_json::to_string(&theirs.saved()).unwrap();
        let s = Rc::new(mine.clone());
        let waiting = check(&s, Action::ChangedElsewhere(raw.clone()), false);
        assert!(!waiting.may_save());
        check(&waiting, Action::ChangedElsewhere(raw.clone()), true);
        // Switching presets meanwhile keeps the choice open.
        let switched = (*waiting)
            .clone()
            .apply(Action::LoadPreset("sidecar".into()));
        assert!(!switched.may_save());
        let kept = check(&waiting, Action::KeepMine, false);
        assert!(kept.may_save());
        assert_eq!(kept.files, mine.files);
        check(&kept, Action::KeepMine, true);
        check(&kept, Action::LoadTheirs, true);
        let loaded = check(&waiting, Action::LoadTheirs, false);
        assert!(loaded.may_save());
        assert_eq!(loaded.files, theirs.files);
        assert_eq!(loaded.console.last().unwrap().text(), LOADED_THEIRS_NOTE);
        // A newer podlab's save cannot be loaded, only kept from harm.
        let newer = (*s)
            .clone()
            .apply(Action::ChangedElsewhere(r#"{"version":2}"#.into()));
        assert_eq!(
            newer.elsewhere.as_ref().unwrap().theirs,
            Err(Unreadable::Newer(2))
        );
        let newer = Rc::new(newer);
        check(&newer, Action::LoadTheirs, true);
        assert!(check(&newer, Action::KeepMine, false).may_save());
    }

    #[test]
    fn after_a_crash_play_is_the_go_ahead() {
        let mut s = state();
        s.playing = false;
        s.after_crash = true;
        let s = s.apply(Action::Skip(SimDuration::from_secs(1)));
        assert!(s.after_crash, "skipping is not resuming");
        let s = s.apply(Action::LoadPreset("sidecar".into()));
        assert!(s.after_crash && !s.playing, "a preset switch stays paused");
        let s = s.apply(Action::TogglePlay);
        assert!(s.playing && !s.after_crash);
        let s = s.apply(Action::TogglePlay);
        assert!(!s.playing && !s.after_crash);
    }

    #[test]
    fn a_save_that_could_not_be_kept_aside_is_not_overwritten() {
        let mut s = state();
        s.aside = Some(Rc::new(Aside {
            at: None,
            why: Unreadable::Newer(2),
        }));
        assert!(!s.may_save());
        let guarded = Rc::new(s.clone());
        check(&guarded, Action::DismissAside, true);
        s.aside = Some(Rc::new(Aside {
            at: Some("k:unreadable".into()),
            why: Unreadable::Newer(2),
        }));
        assert!(s.may_save());
        assert!(s.apply(Action::DismissAside).aside.is_none());
    }

    /// The embedding page's `podlab.run`: a line as if typed, shown in the
    /// console, its end kept for the app under the page's tag, in order
    /// behind the lines before it; Ctrl-C discards the ones waiting.
    #[test]
    fn the_pages_runs_end_with_their_lines() {
        use crate::embed::runs::Outcome;
        let ended = |s: &State, tag| s.runs.ended.get(&tag).cloned();
        let s = state().apply(Action::Run {
            line: "kubectl get pod nope".into(),
            tag: 1,
        });
        assert_eq!(
            ended(&s, 1),
            Some(Outcome::Ended {
                output: "Error from server (NotFound): pods \"nope\" not found\n".into(),
                code: 1
            })
        );
        assert_eq!(s.console.last().unwrap().line, "kubectl get pod nope");
        assert_eq!(s.history.last().unwrap(), "kubectl get pod nope");
        let s = s.apply(Action::Collected(vec![1]));
        assert!(s.runs.ended.is_empty());
        // Behind a long line typed first, and one typed after it.
        let s = s
            .apply(Action::Console("while :; do :; done".into()))
            .apply(Action::Run {
                line: "echo two".into(),
                tag: 2,
            })
            .apply(Action::Console("echo three".into()))
            .apply(Action::Run {
                line: "echo four".into(),
                tag: 3,
            });
        assert!(s.running.is_some() && s.runs.waits(2));
        let s = s.apply(Action::Interrupt);
        assert_eq!(ended(&s, 2), Some(Outcome::Discarded));
        assert_eq!(ended(&s, 3), Some(Outcome::Discarded));
        let s = s
            .apply(Action::Run {
                line: "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo $i".into(),
                tag: 4,
            })
            .apply(Action::Run {
                line: "echo after".into(),
                tag: 5,
            });
        let (s, _) = finish(s);
        assert_eq!(
            ended(&s, 4),
            Some(Outcome::Ended {
                output: "3000\n".into(),
                code: 0
            })
        );
        assert_eq!(
            ended(&s, 5),
            Some(Outcome::Ended {
                output: "after\n".into(),
                code: 0
            })
        );
        // A reset stops the running line; its end is still answered.
        let s = s
            .apply(Action::Run {
                line: "while :; do :; done".into(),
                tag: 6,
            })
            .apply(Action::Reset);
        assert!(matches!(
            ended(&s, 6),
            Some(Outcome::Ended { code: 130, .. })
        ));
    }

    /// `podlab.setFiles`: the files replace the workspace's, the preset
    /// stays, the cluster is rebuilt from them; the same files change
    /// nothing.
    #[test]
    fn set_files_replaces_the_workspace() {
        let files = vec![File {
            name: "pod.yml".into(),
            text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n".into(),
        }];
        let s = state().apply(Action::SelectFile(2));
        let s = s.apply(Action::SetFiles(files.clone()));
        assert_eq!(*s.files, files);
        assert_eq!(s.active, 0);
        assert_eq!(s.preset.id, presets::DEFAULT);
        assert!(s.cluster.pod("default", "web").is_some());
        assert!(s.cluster.pod("default", "busybox").is_none());
        assert!(s.step(Action::SetFiles(files)).is_none());
        assert!(s.step(Action::SetFiles(Vec::new())).is_none());
    }
}

/// The checklist in the app: its lines run in the console, item by item.
#[cfg(test)]
mod checklist_tests {
    use super::*;
    use crate::model::project::checks::{Expect, Miss, Verdict};

    fn state() -> State {
        State::new(workspace::seed(), 0, WallClock::TEST)
    }

    fn item(command: &str, expect: Expect) -> CheckItem {
        CheckItem {
            id: command.into(),
            title: command.into(),
            command: command.into(),
            expect,
            hint: "h".into(),
        }
    }

    #[test]
    fn the_labs_checks_run_in_the_console_after_the_pods_settle() {
        let s = state().apply(Action::RunChecks).finish_lines();
        assert!(s.checks.passed(), "{:?}", s.checks.verdicts);
        assert_eq!(s.checks.runs, 1);
        assert!(s.now() > SimTime::from_secs(3), "the pods settled first");
        // The note, then each item's command and what it printed.
        let n = s.checks.items.len();
        let shown = &s.console[s.console.len() - n - 1..];
        assert_eq!(shown[0].text(), checks::text::starting(n));
        for (e, it) in shown[1..].iter().zip(&s.checks.items) {
            assert_eq!(e.line, it.command);
        }
        assert!(s.checks.rows().iter().all(|r| r.passed == Some(true)));
        // An edit makes the verdicts stale: they go.
        let text = s.files[1].text.replace("8775", "8776");
        let t = s.apply(Action::Edit { file: 1, text });
        assert!(t.checks.verdicts.is_empty());
        let t = t.apply(Action::RunChecks).finish_lines();
        assert!(!t.checks.passed());
        let fruit = t
            .checks
            .rows()
            .into_iter()
            .find(|r| r.id == "fruit")
            .unwrap();
        assert_eq!(fruit.passed, Some(false));
        assert_eq!(fruit.detail, Some(checks::text::miss(&Miss::NotJson)));
        assert_eq!(
            t.checks.report(crate::model::base::i18n::Lang::En)["passed"],
            false
        );
        assert_eq!(t.checks.runs, 2);
    }

    #[test]
    fn a_courses_checks_replace_the_presets_and_ctrl_c_stops_them() {
        let items = vec![
            item("while :; do :; done", Expect::ExitCode(0)),
            item("echo hi", Expect::Equals("hi".into())),
        ];
        let s = state().apply(Action::SetChecks(items.clone()));
        assert!(s.checks.custom && s.checks.items == items);
        let s = s.apply(Action::RunChecks);
        assert!(s.running.is_some() && s.checks.running);
        // Another run waits for this one; a typed line waits too.
        let same = Rc::new(s.clone());
        check_same(&same, Action::RunChecks);
        let stopped = s.clone().apply(Action::Interrupt);
        assert!(!stopped.checks.running);
        assert_eq!(stopped.checks.verdicts, [Verdict::NotRun, Verdict::NotRun]);
        assert!(stopped.checks.rows().iter().all(|r| r.passed.is_none()));
        assert_eq!(stopped.checks.runs, 1);
        // Left to run, the loop spends its budget and fails; the next item
        // runs before the line typed meanwhile.
        let done = s.apply(Action::Console("echo typed".into())).finish_lines();
        assert_eq!(
            done.checks.verdicts,
            [
                Verdict::Fail(Miss::ExitCode { want: 0, got: 130 }),
                Verdict::Pass
            ]
        );
        let n = done.console.len();
        assert_eq!(done.console[n - 2].line, "echo hi");
        assert_eq!(done.console[n - 1].line, "echo typed");
        // A reset keeps the course's list; another preset has its own.
        let reset = done.clone().apply(Action::Reset);
        assert_eq!(reset.checks.items, items);
        let other = done.apply(Action::LoadPreset("sidecar".into()));
        assert!(!other.checks.custom);
        assert_eq!(other.checks.items, checks::for_preset("sidecar"));
    }

    #[test]
    fn an_empty_checklist_runs_at_once() {
        let s = state()
            .apply(Action::SetChecks(Vec::new()))
            .apply(Action::RunChecks);
        assert!(!s.checks.running && s.checks.passed());
        assert_eq!(s.checks.runs, 1);
    }

    fn check_same(s: &Rc<State>, action: Action) {
        let next = s.clone().reduce(action);
        assert!(Rc::ptr_eq(s, &next));
    }
}

/// A share link's files open without losing the ones they replace.
#[cfg(test)]
mod share_tests {
    use super::*;

    fn state() -> State {
        State::new(workspace::seed(), 0, WallClock::TEST)
    }

    fn shared(text: &str) -> Vec<File> {
        vec![File {
            name: "mine.yml".into(),
            text: text.into(),
        }]
    }

    #[test]
    fn a_share_link_keeps_the_files_it_replaces_one_click_away() {
        let mine = state().apply(Action::Edit {
            file: 2,
            text: "# mine\r\n\té\n".into(),
        });
        let link = shared("kind: Pod\r\n\tname: 中文\n");
        let opened = mine.clone().apply(Action::OpenShared {
            preset: "ambassador".into(),
            files: link.clone(),
        });
        assert_eq!(*opened.files, link, "byte for byte");
        let undo = opened.undo_here().unwrap();
        assert!(undo.by_link);
        assert_eq!(undo.files, *mine.files);
        assert_eq!(
            opened.console.last().unwrap().text(),
            crate::share::text::OPENED_NOTE
        );
        // A reload keeps the way back; it brings the files back.
        let restored = State::from_saved(Some(opened.saved()), WallClock::TEST);
        assert_eq!(restored.undo, opened.undo);
        let back = restored.apply(Action::UndoReset);
        assert_eq!(back.files, mine.files);
        // The same files again change nothing; an unknown preset or no
        // files neither.
        let same = Rc::new(opened.clone());
        for a in [
            Action::OpenShared {
                preset: "ambassador".into(),
                files: link.clone(),
            },
            Action::OpenShared {
                preset: "nope".into(),
                files: link.clone(),
            },
            Action::OpenShared {
                preset: "ambassador".into(),
                files: vec![],
            },
        ] {
            assert!(Rc::ptr_eq(&same, &same.clone().reduce(a)));
        }
    }

    #[test]
    fn a_link_to_another_preset_keeps_both_workspaces() {
        let mine = state().apply(Action::Edit {
            file: 2,
            text: "# mine\n".into(),
        });
        let link = shared("# shared counter\n");
        let opened = mine.clone().apply(Action::OpenShared {
            preset: "sidecar".into(),
            files: link.clone(),
        });
        assert_eq!(opened.preset.id, "sidecar");
        assert_eq!(*opened.files, link);
        assert_eq!(opened.workspaces["ambassador"], *mine.files);
        // The sidecar's own files (never opened) are the way back.
        let undo = opened.undo_here().unwrap();
        assert_eq!(undo.files, presets::by_id("sidecar").unwrap().files);
        let back = opened.apply(Action::LoadPreset("ambassador".into()));
        assert_eq!(back.files, mine.files);
    }
}
