//! The `podlab` command's logic for course authors' CI, as pure functions
//! over file texts: `podlab apply FILES…` validates as the API server and
//! HAProxy would, and `podlab run FILES… -- 'COMMAND'` runs one console
//! line on the settled cluster. `src/bin/podlab.rs` only reads the files and
//! prints.

use crate::model::base::diag::{Diagnostic, FileId, LineIndex, Rendered, Severity};
use crate::model::base::time::{SimDuration, WallClock};
use crate::model::project::workspace::{self, File};
use crate::model::sim::cluster::{CState, Cluster, TerminatedReason};
use crate::model::tools::console;
use crate::model::tools::kubectl::apply;

/// What a subcommand prints and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Every diagnostic of the files and of their haproxy.cfg, anchored as
/// `FILE:LINE:COL`, one per line as `podlab apply` prints them; and whether
/// any is an error.
pub fn diagnostics(files: &[File], analysis: &workspace::Analysis) -> (String, bool) {
    let mut out = String::new();
    let mut failed = false;
    let mut render = |ds: &[Diagnostic], file_name: &str, text: &str| {
        let index = LineIndex::new(text);
        for d in ds {
            out.push_str(&format!(
                "{}\n",
                Rendered {
                    diagnostic: d,
                    file_name,
                    text,
                    index: &index,
                }
            ));
            failed |= d.severity == Severity::Error;
        }
    };
    for (f, report) in files.iter().zip(&analysis.reports) {
        render(&report.diagnostics, &f.name, &f.text);
    }
    if let Some(cfg) = &analysis.cfg {
        let name = format!("{} ({})", files[cfg.file].name, workspace::CFG_KEY);
        render(&cfg.diagnostics, &name, &cfg.binding.value);
    }
    (out, failed)
}

/// `podlab apply FILES…`: every diagnostic, anchored as `FILE:LINE:COL`,
/// then what `kubectl apply -f` prints for the files, on an empty cluster.
/// Exits 1 when the API would refuse a document or HAProxy its config.
pub fn apply(files: &[File]) -> Outcome {
    let analysis = workspace::analyze(files);
    let (diagnostics, failed) = diagnostics(files, &analysis);
    let mut o = Outcome {
        stderr: diagnostics,
        code: i32::from(failed),
        ..Outcome::default()
    };
    // What `kubectl apply --validate=false -f FILE` prints for each file in
    // turn on an empty cluster (the oracle tests/kubectl_diff.rs records):
    // kubectl's own apply path, as the console and the Pods pane use it.
    let mut cl = Cluster::new(WallClock::TEST);
    for (i, f) in files.iter().enumerate() {
        // A file past workspace::MAX_READ is not applied, as in the app;
        // its note above says so.
        if analysis.reports[i].too_large {
            continue;
        }
        let read = apply::read(FileId::Workspace(i), &f.text, false);
        for answer in apply::apply_file(&mut cl, &f.name, &read, &apply::Request::APPLY) {
            let line = format!("{answer}\n");
            match answer.fd() {
                1 => o.stdout.push_str(&line),
                _ => o.stderr.push_str(&line),
            }
            if answer.failed() {
                o.code = 1;
            }
        }
    }
    cap(&mut o, OUTPUT_MAX);
    o
}

/// The most `podlab apply` prints, both streams together: a 10 MB name
/// is echoed by every message that quotes it.
pub const OUTPUT_MAX: usize = 1 << 20;

/// Cut what a subcommand prints to `max` bytes in all, at character
/// boundaries, stdout keeping at least half when both are long, and say so
/// on stderr.
fn cap(o: &mut Outcome, max: usize) {
    let note = format!("podlab: output cut at {max} bytes\n");
    if o.stdout.len() + o.stderr.len() <= max {
        return;
    }
    // The note starts a line of its own.
    let budget = max.saturating_sub(note.len() + 1);
    let out = o.stdout.len().min(budget - o.stderr.len().min(budget / 2));
    let err = budget - out;
    cut(&mut o.stdout, out);
    cut(&mut o.stderr, err);
    if !o.stderr.is_empty() && !o.stderr.ends_with('\n') {
        o.stderr.push('\n');
    }
    o.stderr.push_str(&note);
}

/// Truncate to at most `n` bytes, at a character boundary.
fn cut(s: &mut String, n: usize) {
    if s.len() <= n {
        return;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
}

/// How long `podlab run` lets pods settle at most: long enough for pulls
/// and a first crash-loop back-off (10 s) to show.
pub const SETTLE_MAX: SimDuration = SimDuration::from_secs(60);

/// `podlab run FILES… -- 'COMMAND'`: apply the files, let the pods settle
/// (every container running, or done, or `SETTLE_MAX` passed), run the line
/// and print it as the console shows it.
pub fn run(files: &[File], command: &str, wall: WallClock) -> Outcome {
    let analysis = workspace::analyze(files);
    let mut cl = workspace::build(&analysis, wall);
    settle(&mut cl);
    let e = console::run(&mut cl, files, command);
    Outcome {
        stdout: workspace::terminal_text(&e.text()),
        stderr: String::new(),
        code: e.code,
    }
}

/// Let the pods settle as `podlab run` does: half a second at a time until
/// every container runs or is done, or [`SETTLE_MAX`] passed.
pub fn settle(cl: &mut Cluster) {
    let deadline = cl.now + SETTLE_MAX;
    while cl.now < deadline && !settled(cl) {
        cl.advance(SimDuration::from_millis(500));
    }
}

/// Whether every container is running, or done.
pub fn settled(cl: &Cluster) -> bool {
    cl.pods.values().all(|p| {
        p.containers.iter().all(|c| {
            matches!(c.state, CState::Running { .. })
                || matches!(&c.state, CState::Terminated(t) if t.reason == TerminatedReason::Completed)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(edit: impl Fn(&mut Vec<File>)) -> Vec<File> {
        let mut f = workspace::seed();
        edit(&mut f);
        f
    }

    fn check(o: Outcome, expect: &str) {
        let got = format!("{}{}[exit {}]", o.stdout, o.stderr, o.code);
        assert_eq!(got, expect.trim_start_matches('\n'), "\n--- got ---\n{got}");
    }

    /// What `podlab apply` prints is cut at a stated size, at character
    /// boundaries (a 10 MB name was printed three times over).
    #[test]
    fn output_is_capped() {
        let (e20, a30, b30) = ("é".repeat(20), "a".repeat(30), "b".repeat(30));
        let cases: &[(&str, &str, usize, &str, &str)] = &[
            ("short", "err", 100, "short", "err"),
            ("", &e20, 36, "", "éé\npodlab: output cut at 36 bytes\n"),
            (
                &a30,
                &b30,
                52,
                &a30[..10],
                "bbbbbbbbbb\npodlab: output cut at 52 bytes\n",
            ),
            (
                "x",
                &b30.repeat(2),
                52,
                "x",
                "bbbbbbbbbbbbbbbbbbb\npodlab: output cut at 52 bytes\n",
            ),
        ];
        for (out, err, max, want_out, want_err) in cases {
            let mut o = Outcome {
                stdout: out.to_string(),
                stderr: err.to_string(),
                code: 1,
            };
            cap(&mut o, *max);
            assert_eq!(
                (o.stdout.as_str(), o.stderr.as_str()),
                (*want_out, *want_err)
            );
            assert!(o.stdout.len() + o.stderr.len() <= *max);
        }
    }

    #[test]
    fn apply_accepts_the_seed() {
        check(
            apply(&workspace::seed()),
            r#"
pod/fruit-service created
configmap/fruit-service-ambassador-config created
pod/busybox created
[exit 0]"#,
        );
    }

    /// Issue 8: the NotFound line, like every line, ends with a newline.
    #[test]
    fn apply_prints_the_clusters_answers_each_on_its_line() {
        let f = files(|f| {
            f[0].text = f[0].text.replace(
                "  name: fruit-service\n",
                "  name: fruit-service\n  namespace: nope\n",
            );
            f[2].text = format!("{}---\n{}", f[2].text, f[2].text);
        });
        check(
            apply(&f),
            r#"
configmap/fruit-service-ambassador-config created
pod/busybox created
pod/busybox unchanged
Error from server (NotFound): error when creating "fruit-service.yml": namespaces "nope" not found
[exit 1]"#,
        );
        assert!(apply(&f).stderr.ends_with("not found\n"));
    }

    #[test]
    fn apply_anchors_a_rejection_and_fails() {
        let f = files(|f| f[0].text = f[0].text.replace("volumeMounts:", "volumeMount:"));
        let o = apply(&f);
        assert_eq!(o.code, 1);
        assert!(
            o.stderr.starts_with(
                "fruit-service.yml:11:7: error: strict decoding error: unknown field \"spec.containers[1].volumeMount\""
            ),
            "{}",
            o.stderr
        );
        assert!(o.stderr.contains("Error from server (BadRequest): error when creating \"fruit-service.yml\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[1].volumeMount\""), "{}", o.stderr);
    }

    #[test]
    fn run_settles_then_runs_the_labs_check() {
        let o = run(
            &workspace::seed(),
            workspace::CHECK_COMMAND,
            WallClock::TEST,
        );
        assert_eq!(o.code, 0);
        assert!(
            o.stdout
                .starts_with("{\n  \"description\": \"A list of fruits.\"")
        );
        let broken = files(|f| f[1].text = f[1].text.replace("8775", "8776"));
        let o = run(
            &broken,
            "kubectl exec busybox -- curl -s $(kubectl get pod fruit-service -o jsonpath='{.status.podIP}')",
            WallClock::TEST,
        );
        assert!(o.stdout.contains("503 Service Unavailable"), "{}", o.stdout);
    }

    /// Issue 10: `retries 2147483647` with the backend down ran for
    /// minutes. HAProxy would retry for 68 years and curl 7.35 has no time
    /// limit: the console's hour of simulated time stops it as Ctrl-C
    /// would, with curl's meter so far and no page it never got.
    #[test]
    fn run_stops_a_curl_that_haproxy_keeps_waiting() {
        let dead = files(|f| {
            f[1].text = f[1]
                .text
                .replace(
                    "timeout connect 5000ms",
                    "timeout connect 24d\n        retries 2147483647",
                )
                .replace("8775", "8776")
        });
        let ip = "$(kubectl get pod fruit-service -o jsonpath={.status.podIP})";
        let o = run(
            &dead,
            &format!("kubectl exec busybox -- curl -s {ip}"),
            WallClock::TEST,
        );
        check(
            o,
            r#"
^C
podlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would
[exit 130]"#,
        );
        // Without -s, the meter's header and an update each second, each
        // over the last on the terminal, until the line's hour is up: the
        // `^C` lands after the last update (the meter's own bound is
        // tested in sim/curl.rs).
        let o = run(
            &dead,
            &format!("kubectl exec busybox -- curl {ip}"),
            WallClock::TEST,
        );
        assert_eq!(o.code, 130);
        assert!(
            o.stdout.starts_with(crate::model::sim::curl::METER_HEADER),
            "{}",
            o.stdout
        );
        assert!(
            o.stdout.ends_with(" 1:00:00 --:--:--     0^C\npodlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would\n"),
            "{}",
            &o.stdout[o.stdout.len().saturating_sub(300)..]
        );
    }
}
