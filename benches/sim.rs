//! The native benchmark: `cargo bench --bench sim` prints how long the
//! model takes for what a learner does most: a preset's files applied and
//! settled, an edit's re-simulation at simulated t = 1 h, a few console
//! lines on the settled lab, and `haproxy -c` of the lab's haproxy.cfg.
//! Figures only: nothing here is asserted (tests assert budgets, never
//! speed). The README quotes the figures beside this command.

use divan::Bencher;

use podlab::model::base::time::{SimDuration, WallClock};
use podlab::model::lang::haproxy::cli as haproxy_cli;
use podlab::model::project::workspace::{self, File};
use podlab::model::project::{cli, presets};
use podlab::model::sim::cluster::Cluster;
use podlab::model::tools::console;
use podlab::state::{Action, State};

fn main() {
    divan::main();
}

/// Every preset, by id.
const PRESETS: &[&str] = &[
    "ambassador",
    "sidecar",
    "adapter",
    "shared-volume",
    "process-namespace",
];

const HOUR: SimDuration = SimDuration::from_secs(3600);

fn files(id: &str) -> Vec<File> {
    presets::by_id(id).expect("a preset").files
}

/// `podlab run`'s first half: analyse the files, apply them to a fresh
/// cluster and let the pods settle.
#[divan::bench(args = PRESETS)]
fn apply_and_settle(bencher: Bencher, id: &str) {
    let files = files(id);
    bencher.bench_local(|| {
        let mut cl = workspace::build(&workspace::analyze(&files), WallClock::TEST);
        cli::settle(&mut cl);
        cl
    });
}

/// The app's state for a preset, an hour of simulated time in.
fn at_one_hour(id: &str) -> State {
    let p = presets::by_id(id).expect("a preset");
    State::for_preset(p, None, WallClock::TEST).apply(Action::Skip(HOUR))
}

/// An edit at t = 1 h that changes no object: a comment added to the
/// first file.
#[divan::bench(args = PRESETS, sample_count = 20)]
fn edit_comment_at_1h(bencher: Bencher, id: &str) {
    let s = at_one_hour(id);
    let text = format!("# edited\n{}", s.files[0].text);
    bencher
        .with_inputs(|| {
            (
                s.clone(),
                Action::Edit {
                    file: 0,
                    text: text.clone(),
                },
            )
        })
        .bench_local_values(|(s, a)| s.apply(a));
}

/// An edit at t = 1 h that changes the first pod: a label added to it.
#[divan::bench(args = PRESETS, sample_count = 20)]
fn edit_label_at_1h(bencher: Bencher, id: &str) {
    let s = at_one_hour(id);
    let first = &s.files[0].text;
    let at = first.find("\n  name: ").expect("a pod's name");
    let end = at + 1 + first[at + 1..].find('\n').expect("its line's end");
    let text = format!(
        "{}\n  labels:\n    edited: \"yes\"{}",
        &first[..end],
        &first[end..]
    );
    bencher
        .with_inputs(|| {
            (
                s.clone(),
                Action::Edit {
                    file: 0,
                    text: text.clone(),
                },
            )
        })
        .bench_local_values(|(s, a)| s.apply(a));
}

/// An edit of the lab's haproxy.cfg at t = 1 h (`maxconn 256` to 255).
#[divan::bench(sample_count = 20)]
fn edit_haproxy_cfg_at_1h(bencher: Bencher) {
    let s = at_one_hour("ambassador");
    let cfg = s.analysis.cfg.as_ref().expect("haproxy.cfg");
    let value = cfg.binding.value.replace("maxconn 256", "maxconn 255");
    bencher
        .with_inputs(|| (s.clone(), Action::EditCfg(value.clone())))
        .bench_local_values(|(s, a)| s.apply(a));
}

/// Console lines on the settled lab, each on its own copy of the cluster.
const LINES: &[&str] = &[
    "kubectl get pods -o wide",
    "kubectl describe pod fruit-service",
    workspace::CHECK_COMMAND,
    "for i in 1 2 3; do echo $((i * 7)); done | grep 1",
];

#[divan::bench(args = LINES)]
fn console_line(bencher: Bencher, line: &str) {
    let files = workspace::seed();
    let mut cl: Cluster = workspace::build(&workspace::analyze(&files), WallClock::TEST);
    cli::settle(&mut cl);
    bencher
        .with_inputs(|| cl.clone())
        .bench_local_refs(|cl| console::run(cl, &files, line));
}

/// `haproxy -c -f haproxy.cfg` on the lab's configuration.
#[divan::bench]
fn haproxy_check(bencher: Bencher) {
    let s = State::new(workspace::seed(), 0, WallClock::TEST);
    let cfg = s
        .analysis
        .cfg
        .as_ref()
        .expect("haproxy.cfg")
        .binding
        .value
        .clone();
    let args: Vec<String> = ["-c", "-f", "haproxy.cfg"].map(String::from).to_vec();
    bencher.bench_local(|| haproxy_cli::run(&args, &mut |_| Ok(cfg.clone())));
}
