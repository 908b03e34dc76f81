//! What simulated time costs in wall time: `cargo run --release --example
//! simcost` prints, for containers that spin (a busy loop, a loop that
//! prints, a loop around `sleep 0`) and for quiet ones (`sleep inf`, a
//! loop around `sleep 3600`), how long advancing the clock by 1 s, 1 min,
//! 1 h and 1 day takes, how long an edit's rebuild at t = 1 day takes, and
//! how long `podlab run` takes on hostile manifests. A figure that would
//! take more than `LIMIT` is stopped and printed as a projection. Figures
//! only: nothing here is asserted (tests assert budgets, never speed).

use std::time::{Duration, Instant};

use podlab::model::base::time::{SimDuration, SimTime, WallClock};
use podlab::model::project::cli;
use podlab::model::project::workspace::{self, File};
use podlab::model::sim::cluster::Cluster;

/// Wall time after which a measurement stops and projects.
const LIMIT: Duration = Duration::from_secs(5);

fn pod(command: &str) -> Vec<File> {
    vec![File {
        name: "pod.yml".into(),
        text: format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ['sh', '-c', {command:?}]\n"
        ),
    }]
}

fn build(files: &[File]) -> Cluster {
    workspace::build(&workspace::analyze(files), WallClock::TEST)
}

/// A fresh cluster whose containers have started (the image pulled).
fn started(files: &[File]) -> Cluster {
    let mut cl = build(files);
    while cl.now < SimTime::from_secs(60)
        && !cl
            .pods
            .values()
            .flat_map(|p| &p.containers)
            .all(|c| c.process.is_some())
    {
        cl.advance(SimDuration::from_millis(100));
    }
    cl
}

/// Advance a cluster whose containers have started by `d`, in steps of at
/// most a second (so a slow run can be stopped), and say how long it took.
fn advance(files: &[File], d: SimDuration) -> String {
    let mut cl = started(files);
    let start = Instant::now();
    let end = cl.now + d;
    while cl.now < end {
        let step = SimDuration::from_secs(1).min(end.since(cl.now));
        cl.advance(step);
        let spent = start.elapsed();
        if spent > LIMIT && cl.now < end {
            let done = cl.now.elapsed().as_secs_f64();
            let projected = spent.as_secs_f64() * d.as_secs_f64() / done.max(1e-6);
            return format!(
                "stopped after {:.0} s simulated in {spent:.1?}: projected {projected:.0} s",
                done
            );
        }
    }
    format!("{:.1?} (log {} bytes)", start.elapsed(), log_bytes(&cl))
}

fn log_bytes(cl: &Cluster) -> usize {
    cl.pods
        .values()
        .flat_map(|p| &p.containers)
        .map(|c| c.logs.iter().map(|l| l.bytes.len()).sum::<usize>())
        .sum()
}

fn rebuild_at(files: &[File], t: SimTime) -> String {
    let start = Instant::now();
    let mut cl = build(files);
    while cl.now < t {
        cl.advance(SimDuration::from_secs(1).min(t.since(cl.now)));
        if start.elapsed() > LIMIT && cl.now < t {
            let done = cl.now.elapsed().as_secs_f64();
            let projected = start.elapsed().as_secs_f64() * t.elapsed().as_secs_f64() / done;
            return format!("stopped: projected {projected:.0} s");
        }
    }
    format!("{:.1?}", start.elapsed())
}

fn seed_with_cfg(edit: impl Fn(&str) -> String) -> Vec<File> {
    let mut files = workspace::seed();
    files[1].text = edit(&files[1].text);
    files
}

fn main() {
    // An argument picks the scenarios whose name contains it.
    let only = std::env::args().nth(1).unwrap_or_default();
    let loops = [
        ("busy loop", "while :; do :; done"),
        ("echo loop", "while :; do echo x; done"),
        ("sleep 0 loop", "while :; do sleep 0; done"),
        ("sleep 3600 loop", "while :; do sleep 3600; done"),
        ("sleep inf", "sleep inf"),
    ];
    let spans = [
        ("1 s", SimDuration::from_secs(1)),
        ("1 min", SimDuration::from_secs(60)),
        ("1 h", SimDuration::from_secs(3600)),
        ("1 day", SimDuration::from_secs(86_400)),
    ];
    for (name, command) in loops {
        if !name.contains(only.as_str()) {
            continue;
        }
        let files = pod(command);
        for (span, d) in spans {
            println!("{name:16} advanced {span:6} {}", advance(&files, d));
        }
        println!(
            "{name:16} rebuilt at 1 day  {}",
            rebuild_at(&files, SimTime::from_secs(86_400))
        );
    }
    let runs: Vec<(&str, Vec<File>, &str)> = vec![
        (
            "run: busy loop",
            pod("while :; do :; done"),
            "kubectl get pods",
        ),
        (
            "run: echo loop, logs",
            pod("while :; do echo x; done"),
            "kubectl logs p | tail -n 1",
        ),
        (
            "run: exec echo loop",
            pod("sleep inf"),
            "kubectl exec p -- sh -c 'while :; do echo hello; done'",
        ),
        (
            "run: retries 2147483647",
            seed_with_cfg(|t| {
                t.replace(
                    "timeout connect 5000ms",
                    "timeout connect 24d\n    retries 2147483647",
                )
                .replace("8775", "8776")
            }),
            "kubectl exec busybox -- curl -s $(kubectl get pod fruit-service -o jsonpath={.status.podIP})",
        ),
    ];
    for (name, files, command) in runs {
        if !name.contains(only.as_str()) {
            continue;
        }
        let start = Instant::now();
        let o = cli::run(&files, command, WallClock::TEST);
        let tail: String = o
            .stdout
            .lines()
            .last()
            .unwrap_or("")
            .chars()
            .take(90)
            .collect();
        println!(
            "{name:24} {:.1?} exit {} {} bytes; last line: {tail}",
            start.elapsed(),
            o.code,
            o.stdout.len()
        );
    }
}
