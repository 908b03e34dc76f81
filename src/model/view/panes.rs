//! What each pane shows, computed from model values by pure functions: an
//! editor's diagnostics as underlines, gutter marks and a sorted list, the
//! file tabs, the preset cards, the Pods pane's details, the haproxy.cfg
//! pane's caption and notices, the clock's text and the newest request's
//! path on the diagram. The components only turn these into elements.
//! podlab's own words here are [`Key`]s and [`Msg`]s, which the UI renders
//! in the language shown.

use std::ops::Range;

use crate::model::base::diag::{Diagnostic, LineIndex, Origin, Severity, Span};
use crate::model::base::i18n::{Key, Msg, Text};
use crate::model::base::time::SimTime;
use crate::model::lang::haproxy::keywords;
use crate::model::project::presets::{self, Preset};
use crate::model::project::workspace::{self, Analysis, CfgView, CommandRun, File};
use crate::model::sim::cluster::wire::Hop;
use crate::model::sim::cluster::{CState, Cluster, DEFAULT_NAMESPACE};
use crate::model::tools::console::Entry;
use crate::model::tools::kubectl;
use crate::model::view::highlight;
use crate::model::view::layout::{self, Geometry, TraceStep};

/// A diagnostic placed on an editor's text: its byte range and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    pub origin: Origin,
    pub message: Text,
    pub notes: Vec<Text>,
}

fn mark(d: &Diagnostic, span: Span) -> Mark {
    Mark {
        start: span.start as usize,
        end: span.end as usize,
        severity: d.severity,
        origin: d.origin,
        message: d.message_text(),
        notes: d.note_texts(),
    }
}

/// The diagnostics that point into a text, at their primary label.
pub fn marks(diagnostics: &[Diagnostic]) -> Vec<Mark> {
    diagnostics
        .iter()
        .filter_map(|d| d.primary().map(|l| mark(d, l.span)))
        .collect()
}

/// HAProxy's diagnostics mapped onto the ConfigMap's YAML lines: line N of a
/// literal block is YAML line `first_line + N`, shifted by its indentation.
pub fn cfg_marks_in_yaml(cfg: &CfgView, yaml: &str) -> Vec<Mark> {
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
            Some(mark(
                d,
                Span::new(start, (start + len).min(yaml.len() as u32)),
            ))
        })
        .collect()
}

/// The marks of manifest tab `file`: its own diagnostics, and HAProxy's
/// when the ConfigMap holding haproxy.cfg is in it.
pub fn manifest_marks(analysis: &Analysis, file: usize, text: &str) -> Vec<Mark> {
    let mut out = analysis
        .reports
        .get(file)
        .map(|r| marks(&r.diagnostics))
        .unwrap_or_default();
    if let Some(cfg) = analysis.cfg.as_ref().filter(|c| c.file == file) {
        out.extend(cfg_marks_in_yaml(cfg, text));
    }
    out
}

/// The highlighter's mark for a severity.
pub fn mark_of(s: Severity) -> highlight::Mark {
    match s {
        Severity::Error => highlight::Mark::Error,
        Severity::Warning => highlight::Mark::Warning,
        Severity::Note => highlight::Mark::Note,
    }
}

/// The underlined ranges, for the highlighter.
pub fn underlines(marks: &[Mark]) -> Vec<(Range<usize>, highlight::Mark)> {
    marks
        .iter()
        .map(|m| (m.start..m.end, mark_of(m.severity)))
        .collect()
}

/// One line of the gutter: the worst mark on it and what the marks say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GutterLine {
    pub mark: Option<highlight::Mark>,
    pub messages: Vec<Text>,
}

/// The gutter of a text of `lines` lines: a mark at each line a diagnostic
/// starts on.
pub fn gutter(text: &str, marks: &[Mark], lines: usize) -> Vec<GutterLine> {
    let index = LineIndex::new(text);
    let mut out = vec![GutterLine::default(); lines];
    for m in marks {
        let (line, _) = index.line_col(text, m.start as u32);
        if let Some(g) = line.checked_sub(1).and_then(|l| out.get_mut(l)) {
            let k = mark_of(m.severity);
            g.mark = Some(g.mark.map_or(k, |o| o.min(k)));
            g.messages.push(m.message.clone());
        }
    }
    out
}

/// A diagnostic ready to list under an editor: its position as a line and
/// column (1-based), and the byte offset a click jumps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub line: usize,
    pub col: usize,
    pub offset: usize,
    pub severity: Severity,
    pub origin: Origin,
    pub message: Text,
    pub notes: Vec<Text>,
}

/// The list under an editor, in the order of the text.
pub fn items(text: &str, marks: &[Mark]) -> Vec<Item> {
    let index = LineIndex::new(text);
    let mut out: Vec<Item> = marks
        .iter()
        .map(|m| {
            let (line, col) = index.line_col(text, m.start as u32);
            Item {
                line,
                col,
                offset: m.start,
                severity: m.severity,
                origin: m.origin,
                message: m.message.clone(),
                notes: m.notes.clone(),
            }
        })
        .collect();
    crate::model::base::sort::sort_by_key(&mut out, |i| (i.line, i.col));
    out
}

/// One tab per manifest file, with a count of its errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    pub name: String,
    pub errors: usize,
}

pub fn tabs(files: &[File], analysis: &Analysis) -> Vec<Tab> {
    files
        .iter()
        .zip(&analysis.reports)
        .map(|(f, r)| Tab {
            name: f.name.clone(),
            errors: r.diagnostics.iter().filter(|d| d.is_error()).count(),
        })
        .collect()
}

/// One preset as the gallery shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub id: &'static str,
    pub title: Key,
    pub pattern: Key,
    pub summary: Key,
    pub source: Key,
}

pub fn cards(presets: &[Preset]) -> Vec<Card> {
    presets
        .iter()
        .map(|p| Card {
            id: p.id,
            title: p.title,
            pattern: p.pattern.key(),
            summary: p.summary,
            source: p.source,
        })
        .collect()
}

/// Why a pod is not ready: its events and its failing containers' logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodDetail {
    pub pod: String,
    pub events: Option<String>,
    /// (the kubectl logs command, its output)
    pub logs: Vec<(String, String)>,
}

/// Events and logs for each pod of the default namespace that is not all
/// running; for a container with no log since its restart, its previous
/// one (`--previous`).
pub fn pod_details(c: &Cluster) -> Vec<PodDetail> {
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
                        (cmd, text)
                    })
                })
                .collect();
            PodDetail {
                pod: p.name().to_string(),
                events: kubectl::describe_events(c, DEFAULT_NAMESPACE, p.name()),
                logs,
            }
        })
        .collect()
}

/// `kubectl get pods -o wide` of the default namespace, as the pane shows it.
pub fn pods_table(c: &Cluster) -> String {
    kubectl::get_pods(c, DEFAULT_NAMESPACE, &[], true)
        .unwrap_or_else(|| "No resources found in default namespace.".into())
}

/// `12.3 s`, `2 min 05 s`.
pub fn clock_text(t: SimTime) -> Msg {
    let ms = t.elapsed().as_millis();
    if ms < 120_000 {
        Key::ClockSeconds
            .msg()
            .arg("s", format!("{:.1}", ms as f64 / 1000.0))
    } else {
        let s = ms / 1000;
        Key::ClockMinutes
            .msg()
            .arg("m", s / 60)
            .arg("s", format!("{:02}", s % 60))
    }
}

/// The line over the haproxy.cfg editor: where the text lives and who reads it.
pub fn cfg_source(cfg: &CfgView, files: &[File]) -> Msg {
    let reader = match &cfg.image {
        None => Key::CfgReaderNone.msg(),
        Some(i) => Key::CfgReaderImage.msg().arg("image", i),
    }
    .arg("version", cfg.version);
    Key::CfgSource
        .msg()
        .arg("key", &cfg.binding.key)
        .arg("file", files.get(cfg.file).map_or("", |f| f.name.as_str()))
        .arg_msg("reader", reader)
}

/// What the haproxy.cfg pane says when there is no haproxy.cfg to edit:
/// none in the workspace at all, or one whose ConfigMap does not parse.
pub fn cfg_missing(files: &[File], preset: &Preset) -> [Msg; 2] {
    if files.iter().any(|f| f.text.contains(workspace::CFG_KEY)) {
        [Key::CfgUnparsed.msg(), Key::CfgUnparsedFix.msg()]
    } else {
        [
            Key::CfgNone.msg().arg_msg("pattern", preset.pattern.key()),
            Key::CfgNoneAdd.msg(),
        ]
    }
}

/// The keyword under the caret in haproxy.cfg and its short explanation.
/// ([`Key::KeywordNoHelp`] when podlab has none for it.)
pub fn keyword_help(cfg: &str, caret: Option<usize>) -> Option<(String, Key)> {
    let k = keywords::keyword_at(cfg, caret?)?;
    Some((k.keyword, k.help.unwrap_or(Key::KeywordNoHelp)))
}

/// The newest request's path on the diagram, and an id that changes with
/// every run so the path lights up again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TraceView {
    pub steps: Vec<TraceStep>,
    pub run: String,
}

/// The newest request: the Try-it run's, or a console line's, whichever
/// started later (the run on a tie).
pub fn newest_request<'a>(
    check: Option<&'a CommandRun>,
    console: &'a [Entry],
) -> Option<(SimTime, &'a str, &'a [Hop])> {
    let from_check = check.map(|r| (r.started, r.command.as_str(), r.trace.as_slice()));
    let from_console = console
        .iter()
        .rev()
        .find(|e| !e.trace.is_empty())
        .map(|e| (e.at, e.line.as_str(), e.trace.as_slice()));
    match (from_check, from_console) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

pub fn newest_trace(g: &Geometry, check: Option<&CommandRun>, console: &[Entry]) -> TraceView {
    newest_request(check, console).map_or_else(TraceView::default, |(at, line, hops)| TraceView {
        steps: layout::trace_steps(g, hops),
        run: format!("{}:{line}", at.elapsed().as_micros()),
    })
}

/// Whether the demonstration's result shows the preset's pattern working.
pub fn works(preset: &Preset, check: Option<&CommandRun>) -> bool {
    check.is_some_and(|r| presets::works(preset, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::diag::{FileId, Label};
    use crate::model::base::time::{SimDuration, WallClock};
    use crate::model::tools::console;

    fn diag(sev: Severity, msg: &str, span: (u32, u32)) -> Diagnostic {
        Diagnostic::new(sev, Origin::Kubectl)
            .with_message(msg)
            .with_label(Label::primary(
                FileId::Workspace(0),
                Span::new(span.0, span.1),
            ))
    }

    /// (line, col, message) of each listed item, and each gutter line's
    /// mark, for a text with its diagnostics.
    fn check(
        text: &str,
        diags: &[Diagnostic],
        items_expect: &[(usize, usize, &str)],
        gutter_expect: &[Option<highlight::Mark>],
    ) {
        let m = marks(diags);
        let got: Vec<(usize, usize, String)> = items(text, &m)
            .into_iter()
            .map(|i| (i.line, i.col, i.message.en()))
            .collect();
        let want: Vec<(usize, usize, String)> = items_expect
            .iter()
            .map(|(l, c, s)| (*l, *c, s.to_string()))
            .collect();
        assert_eq!(got, want, "items of {text:?}");
        let lines = text.split('\n').count();
        let g: Vec<Option<highlight::Mark>> = gutter(text, &m, lines)
            .into_iter()
            .map(|g| g.mark)
            .collect();
        assert_eq!(g, gutter_expect, "gutter of {text:?}");
        assert_eq!(underlines(&m).len(), diags.len());
    }

    #[test]
    fn editor_marks_are_listed_in_text_order_and_the_gutter_shows_the_worst() {
        use highlight::Mark::{Error, Warning};
        check("a: 1\n", &[], &[], &[None, None]);
        check(
            "a: 1\nb: 2\nc: 3",
            &[
                diag(Severity::Warning, "w", (12, 13)),
                diag(Severity::Error, "e", (5, 6)),
                diag(Severity::Error, "e2", (13, 14)),
            ],
            &[(2, 1, "e"), (3, 3, "w"), (3, 4, "e2")],
            &[None, Some(Error), Some(Error)],
        );
        check(
            "x: é\ny",
            &[diag(Severity::Warning, "after é", (6, 7))],
            &[(2, 1, "after é")],
            &[None, Some(Warning)],
        );
    }

    #[test]
    fn haproxy_marks_land_on_the_configmap_lines() {
        let files = workspace::seed();
        let mut files2 = files.clone();
        files2[1].text = files2[1].text.replace("maxconn 256", "maxconnn 256");
        let a = workspace::analyze(&files2);
        let cfg = a.cfg.as_ref().unwrap();
        assert_eq!(cfg.file, 1);
        let m = manifest_marks(&a, 1, &files2[1].text);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(&files2[1].text[m[0].start..m[0].end], "maxconnn");
        assert!(manifest_marks(&a, 0, &files2[0].text).is_empty());
        assert_eq!(marks(&cfg.diagnostics).len(), 1);
        assert_eq!(
            &cfg.binding.value[marks(&cfg.diagnostics)[0].start..][..8],
            "maxconnn"
        );
    }

    #[test]
    fn tabs_count_errors_per_file() {
        let mut files = workspace::seed();
        files[2].text = "garbage: [".into();
        let got: Vec<(String, usize)> = tabs(&files, &workspace::analyze(&files))
            .into_iter()
            .map(|t| (t.name, t.errors))
            .collect();
        assert_eq!(
            got,
            [
                ("fruit-service.yml".to_string(), 0),
                ("fruit-service-ambassador-config.yml".to_string(), 0),
                ("busybox.yml".to_string(), 1),
            ]
        );
    }

    #[test]
    fn cards_name_each_preset() {
        let all = presets::all();
        let c = cards(&all);
        assert_eq!(c.len(), all.len());
        let amb = c.iter().find(|c| c.id == "ambassador").unwrap();
        assert_eq!(amb.pattern.en(), "ambassador");
        assert!(!amb.summary.en().is_empty() && !amb.source.en().is_empty());
    }

    #[test]
    fn clock_text_switches_to_minutes_at_two() {
        for (ms, want) in [
            (0, "0.0 s"),
            (12_345, "12.3 s"),
            (119_999, "120.0 s"),
            (120_000, "2 min 00 s"),
            (125_400, "2 min 05 s"),
        ] {
            assert_eq!(clock_text(SimTime::from_millis(ms)).en(), want, "{ms} ms");
        }
    }

    fn cluster(files: &[File], secs: u64) -> Cluster {
        let mut c = workspace::build(&workspace::analyze(files), WallClock::TEST);
        c.advance(SimDuration::from_secs(secs));
        c
    }

    #[test]
    fn pod_details_show_events_and_logs_of_pods_not_running() {
        let c = cluster(&workspace::seed(), 20);
        assert_eq!(pod_details(&c), [], "everything runs");
        assert!(pods_table(&c).contains("fruit-service   2/2     Running"));
        let mut files = workspace::seed();
        files[1].text = files[1].text.replace("maxconn 256", "maxconnn 256");
        let c = cluster(&files, 20);
        let d = pod_details(&c);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pod, "fruit-service");
        assert!(
            d[0].events.as_deref().unwrap_or("").contains("Back-off"),
            "{d:?}"
        );
        assert!(
            d[0].logs.iter().any(
                |(cmd, out)| cmd.starts_with("kubectl logs fruit-service -c ")
                    && out.contains("maxconnn")
            ),
            "{d:?}"
        );
        let empty = cluster(&[], 0);
        assert_eq!(
            pods_table(&empty),
            "No resources found in default namespace."
        );
    }

    #[test]
    fn the_cfg_pane_says_why_there_is_nothing_to_edit() {
        let sidecar = presets::by_id("sidecar").unwrap();
        let [a, _] = cfg_missing(&sidecar.files, &sidecar);
        let a = a.en();
        assert!(
            a.starts_with("There is no haproxy.cfg in this workspace: the sidecar preset"),
            "{a}"
        );
        let amb = presets::by_id("ambassador").unwrap();
        let mut files = amb.files.clone();
        files[1].text.push_str("\n  : [");
        let [a, _] = cfg_missing(&files, &amb);
        let a = a.en();
        assert!(
            a.starts_with("No ConfigMap with a data key haproxy.cfg parses"),
            "{a}"
        );
        let an = workspace::analyze(&workspace::seed());
        let s = cfg_source(an.cfg.as_ref().unwrap(), &workspace::seed()).en();
        assert!(
            s.starts_with("data.haproxy.cfg of the ConfigMap in fruit-service-ambassador-config.yml · read by "),
            "{s}"
        );
    }

    #[test]
    fn keyword_help_follows_the_caret() {
        let cfg = "listen http-in\n  bind *:80\n";
        assert_eq!(keyword_help(cfg, None), None);
        let (k, help) = keyword_help(cfg, cfg.find("bind")).unwrap();
        assert_eq!(k, "bind");
        assert_ne!(help, Key::KeywordNoHelp);
        assert!(help.en().starts_with("Listen on [address]:port."));
        assert_eq!(keyword_help(cfg, Some(cfg.len() - 1)), None);
    }

    #[test]
    fn the_newest_trace_is_the_later_of_the_run_and_the_console() {
        let files = workspace::seed();
        let mut c = cluster(&files, 20);
        let g = layout::layout(&crate::model::view::topology::derive(&c, "default"));
        assert_eq!(newest_trace(&g, None, &[]), TraceView::default());
        let r = workspace::check(&mut c);
        let first = newest_trace(&g, Some(&r), &[]);
        assert!(!first.steps.is_empty());
        assert!(
            first.run.ends_with(&format!(":{}", r.command)),
            "{}",
            first.run
        );
        // A later console line with a request is newer than the run.
        c.advance(SimDuration::from_secs(1));
        let entries = [console::run(&mut c, &files, workspace::CHECK_COMMAND)];
        assert!(!entries[0].trace.is_empty());
        let later = newest_trace(&g, Some(&r), &entries);
        assert!(later.run.ends_with(workspace::CHECK_COMMAND));
        assert_ne!(
            later.run, first.run,
            "a new run id: the path lights up again"
        );
        assert_eq!(newest_request(Some(&r), &entries).unwrap().0, entries[0].at);
        // A console line without a request does not count.
        let quiet = [Entry::note(SimTime::from_secs(99), "x\n")];
        assert_eq!(newest_request(Some(&r), &quiet).unwrap().1, r.command);
        assert_eq!(newest_request(None, &quiet), None);
    }
}
