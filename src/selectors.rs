//! What the app's panes show, computed from the UI's [`State`] by pure
//! functions (the ones that need only model values are in
//! `model::view::panes`). `app.rs` memoises them on [`Same`] keys, so a
//! clock tick recomputes, and re-renders, only what the tick changed.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::AttrValue;

use crate::components::pod_status::ApplyReport;
use crate::model::base::i18n::{Lang, Msg};
use crate::model::project::presets::Preset;
use crate::model::project::workspace::{Analysis, CommandRun, File};
use crate::model::tools::console::Entry;
use crate::model::view::layout::{Geometry, TraceStep};
use crate::model::view::panes::{self, Mark, Tab, TraceView};
use crate::state::State;

/// An `Rc` compared by address: a memo's key that says "this very value",
/// without comparing what it holds.
#[derive(Debug)]
pub struct Same<T>(pub Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// An optional `Rc` compared by address.
#[derive(Debug, Clone, PartialEq)]
pub struct SameOpt<T>(pub Option<Same<T>>);

impl<T> SameOpt<T> {
    pub fn of(v: &Option<Rc<T>>) -> Self {
        SameOpt(v.clone().map(Same))
    }
}

/// One editor's text and its diagnostics.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorView {
    pub text: AttrValue,
    pub marks: Rc<Vec<Mark>>,
}

/// The haproxy.cfg pane: the editor with the line saying where the text
/// lives, or the notice saying why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum CfgPane {
    Editor { source: Msg, editor: EditorView },
    Missing([Msg; 2]),
}

/// Everything the two editor panes show. It depends only on the files
/// (through their analysis, rebuilt on every edit), the open tab and the
/// preset: [`EditorsKey`].
#[derive(Clone, Debug, PartialEq)]
pub struct Editors {
    pub name: AttrValue,
    pub tabs: Rc<Vec<Tab>>,
    pub manifest: EditorView,
    pub cfg: CfgPane,
}

/// What [`editors`] reads, by address: equal keys, equal editors.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorsKey {
    analysis: Same<Analysis>,
    preset: Same<Preset>,
    active: usize,
}

impl EditorsKey {
    pub fn of(s: &State) -> Self {
        EditorsKey {
            analysis: Same(s.analysis.clone()),
            preset: Same(s.preset.clone()),
            active: s.active,
        }
    }
}

pub fn editors(s: &State) -> Editors {
    let file = &s.files[s.active];
    let a = &s.analysis;
    let cfg = match &a.cfg {
        Some(cfg) => CfgPane::Editor {
            source: panes::cfg_source(cfg, &s.files),
            editor: EditorView {
                text: AttrValue::from(cfg.binding.value.clone()),
                marks: Rc::new(panes::marks(&cfg.diagnostics)),
            },
        },
        None => CfgPane::Missing(panes::cfg_missing(&s.files, &s.preset)),
    };
    Editors {
        name: AttrValue::from(file.name.clone()),
        tabs: Rc::new(panes::tabs(&s.files, a)),
        manifest: EditorView {
            text: AttrValue::from(file.text.clone()),
            marks: Rc::new(panes::manifest_marks(a, s.active, &file.text)),
        },
        cfg,
    }
}

/// What [`State::saved`] reads, by address: equal keys, equal saves.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedKey {
    files: Same<Vec<File>>,
    active: usize,
    history: Same<Vec<String>>,
    preset: Same<Preset>,
    workspaces: Same<BTreeMap<String, Vec<File>>>,
}

impl SavedKey {
    pub fn of(s: &State) -> Self {
        SavedKey {
            files: Same(s.files.clone()),
            active: s.active,
            history: Same(s.history.clone()),
            preset: Same(s.preset.clone()),
            workspaces: Same(s.workspaces.clone()),
        }
    }
}

/// What `kubectl apply -f` said for each tab.
pub fn apply_reports(s: &State) -> Vec<ApplyReport> {
    s.files
        .iter()
        .zip(s.answers.iter())
        .map(|(f, answers)| ApplyReport {
            file: f.name.clone().into(),
            answers: answers.clone(),
        })
        .collect()
}

/// What [`trace`] reads, by address.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceKey {
    geometry: Same<Geometry>,
    check: SameOpt<CommandRun>,
    console: Same<Vec<Entry>>,
}

impl TraceKey {
    pub fn of(s: &State) -> Self {
        TraceKey {
            geometry: Same(s.geometry.clone()),
            check: SameOpt::of(&s.check),
            console: Same(s.console.clone()),
        }
    }
}

/// The newest request's path on the diagram, as the diagram's props.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub steps: Rc<Vec<TraceStep>>,
    pub run: AttrValue,
}

pub fn trace(s: &State) -> Trace {
    let TraceView { steps, run } = panes::newest_trace(&s.geometry, s.check.as_deref(), &s.console);
    Trace {
        steps: Rc::new(steps),
        run: run.into(),
    }
}

/// The most lines of one console entry's output the transcript shows, as
/// a terminal's scrollback keeps a bounded number (xterm's `saveLines`
/// resource is 1024 by default): a loop that printed 256 KiB of `hello`
/// would otherwise lay out 43 000 lines on every render.
pub const SHOWN_LINES: usize = 1024;

/// What the console shows of an entry's output: how many earlier lines it
/// leaves out, and the last [`SHOWN_LINES`] lines.
pub fn output_tail(text: &str) -> (usize, &str) {
    let body = text.strip_suffix('\n').unwrap_or(text);
    match body.rmatch_indices('\n').nth(SHOWN_LINES - 1) {
        Some((cut, _)) => (body[..=cut].matches('\n').count(), &text[cut + 1..]),
        None => (0, text),
    }
}

/// What [`shown_geometry`] reads: the diagram as laid out in English (a
/// new one exactly when the pictured topology changed) and the language.
#[derive(Clone, Debug, PartialEq)]
pub struct GeometryKey {
    geometry: Same<Geometry>,
    lang: Lang,
}

impl GeometryKey {
    pub fn of(s: &State, lang: Lang) -> Self {
        GeometryKey {
            geometry: Same(s.geometry.clone()),
            lang,
        }
    }
}

/// The diagram in the language shown: the state's own (English) geometry,
/// or the topology laid out again with podlab's words in `lang` (their
/// widths differ, so the boxes and the labels' places do). Memoised on
/// [`GeometryKey`], it is laid out once per change of the picture or of
/// the language, never per tick.
pub fn shown_geometry(s: &State, lang: Lang) -> Rc<Geometry> {
    if lang == Lang::En {
        return s.geometry.clone();
    }
    let t = crate::model::view::topology::derive(&s.cluster, "default");
    Rc::new(crate::model::view::layout::layout_in(&t, &|m| {
        m.render(lang)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::time::{SimDuration, WallClock};
    use crate::model::project::workspace;
    use crate::state::Action;

    fn state() -> State {
        State::new(workspace::seed(), 0, WallClock::TEST)
    }

    /// After `action`, whether each memo key is unchanged: (editors,
    /// trace, save).
    fn check(before: &State, action: Action, expect: (bool, bool, bool)) -> State {
        let after = before.clone().apply(action);
        let got = (
            EditorsKey::of(before) == EditorsKey::of(&after),
            TraceKey::of(before) == TraceKey::of(&after),
            SavedKey::of(before) == SavedKey::of(&after),
        );
        assert_eq!(got, expect);
        if got.0 {
            assert_eq!(
                editors(before),
                editors(&after),
                "equal keys, equal editors"
            );
        }
        if got.1 {
            assert_eq!(trace(before), trace(&after), "equal keys, equal trace");
        }
        if got.2 {
            assert_eq!(before.saved(), after.saved(), "equal keys, equal saves");
        } else {
            assert_ne!(before.saved(), after.saved(), "a save only when it differs");
        }
        after
    }

    #[test]
    fn a_long_output_shows_its_last_lines() {
        let check = |n: usize, skipped: usize| {
            let text: String = (1..=n).map(|i| format!("{i}\n")).collect();
            let (s, tail) = output_tail(&text);
            assert_eq!(s, skipped, "{n} lines");
            assert_eq!(tail.lines().count(), n - skipped);
            assert!(text.ends_with(tail));
            assert_eq!(
                tail.lines().next(),
                Some(format!("{}", skipped + 1).as_str())
            );
        };
        check(1, 0);
        check(SHOWN_LINES, 0);
        check(SHOWN_LINES + 1, 1);
        check(43_690, 43_690 - SHOWN_LINES);
        assert_eq!(output_tail("no newline"), (0, "no newline"));
        assert_eq!(output_tail(""), (0, ""));
    }

    /// The diagram in Chinese is laid out from the same picture: the same
    /// boxes and lines by id, its own words; English is the state's.
    #[test]
    fn the_shown_geometry_follows_the_language() {
        let s = state().apply(Action::Skip(SimDuration::from_secs(20)));
        assert!(Rc::ptr_eq(&shown_geometry(&s, Lang::En), &s.geometry));
        let zh = shown_geometry(&s, Lang::ZhTw);
        let ids = |g: &Geometry| -> Vec<String> {
            g.nodes
                .iter()
                .map(|n| n.id.clone())
                .chain(g.edges.iter().map(|e| e.id.clone()))
                .collect()
        };
        assert_eq!(ids(&zh), ids(&s.geometry));
        assert!(zh.nodes.iter().any(|n| n.title.contains("共享")), "{zh:?}");
        assert_ne!(
            GeometryKey::of(&s, Lang::En),
            GeometryKey::of(&s, Lang::ZhTw)
        );
        let after = s.clone().apply(Action::Tick(SimDuration::from_millis(250)));
        assert_eq!(
            GeometryKey::of(&s, Lang::ZhTw),
            GeometryKey::of(&after, Lang::ZhTw)
        );
    }

    #[test]
    fn a_tick_keeps_the_editors_the_trace_and_the_save() {
        let tick = || Action::Tick(SimDuration::from_millis(250));
        let s = state();
        // Let the pods come up, so the diagram stops changing.
        let s = check(
            &s,
            Action::Skip(SimDuration::from_secs(20)),
            (true, false, true),
        );
        let s = check(&s, tick(), (true, true, true));
        let s = check(&s, Action::RunCheck, (true, false, true));
        let s = check(&s, tick(), (true, true, true));
        let s = check(&s, Action::SelectFile(1), (false, true, false));
        let s = check(&s, Action::TogglePlay, (true, true, true));
        let line = Action::Console("kubectl get pods".into());
        let s = check(&s, line, (true, false, false));
        let text = s.files[2].text.replace("busybox", "busybox2");
        check(&s, Action::Edit { file: 2, text }, (false, false, false));
    }

    #[test]
    fn the_editors_show_the_open_tab_and_haproxy_cfg() {
        let s = state().apply(Action::SelectFile(1));
        let e = editors(&s);
        assert_eq!(e.name, "fruit-service-ambassador-config.yml");
        assert_eq!(e.tabs.len(), 3);
        assert!(e.manifest.text.contains("haproxy.cfg"));
        let CfgPane::Editor { source, editor } = &e.cfg else {
            panic!("the seed has a haproxy.cfg: {:?}", e.cfg)
        };
        assert!(
            source.en().contains("fruit-service-ambassador-config.yml"),
            "{source:?}"
        );
        assert!(editor.text.starts_with("global\n"));
        assert!(editor.marks.is_empty());
        let s = s.apply(Action::LoadPreset("sidecar".into()));
        assert!(matches!(editors(&s).cfg, CfgPane::Missing(_)));
        let reports = apply_reports(&s);
        assert_eq!(reports.len(), s.files.len());
        assert_eq!(reports[0].file, s.files[0].name.as_str());
    }
}
