//! Simulated time in proportion to events, not to seconds (issue 10): a
//! container that spins without sleeping runs a bounded number of slices
//! however far the clock moves, a loop that sleeps runs as it always did,
//! and the clock moved at once or in steps gives the same cluster. Budgets
//! are asserted (runs, log chunks), never speed; `examples/simcost.rs`
//! prints the wall time.

use podlab::model::base::time::{SimDuration, SimTime, WallClock};
use podlab::model::project::workspace::{self, File};
use podlab::model::sim::cluster::Cluster;

/// One pod whose containers run `sh -c COMMAND`, one per command.
fn pod(commands: &[&str]) -> Vec<File> {
    let mut text =
        String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n");
    for (i, c) in commands.iter().enumerate() {
        text.push_str(&format!(
            "  - name: c{i}\n    image: busybox\n    command: ['sh', '-c', {c:?}]\n"
        ));
    }
    vec![File {
        name: "pod.yml".into(),
        text,
    }]
}

/// The cluster the files make, once every container has started; and when
/// the last one did.
fn started(files: &[File]) -> (Cluster, SimTime) {
    let mut cl = workspace::build(&workspace::analyze(files), WallClock::TEST);
    while !cl
        .pods
        .values()
        .flat_map(|p| &p.containers)
        .all(|c| c.process.is_some())
    {
        let next = cl.next_timer().expect("something to wait for");
        cl.advance_to(next);
    }
    let now = cl.now;
    (cl, now)
}

/// When each container's log chunks were written, in seconds after `t0`
/// (a run of a shell writes one chunk).
fn runs(cl: &Cluster, t0: SimTime) -> Vec<Vec<u64>> {
    cl.pod("default", "p")
        .expect("pod")
        .containers
        .iter()
        .map(|c| c.logs.iter().map(|l| l.at.since(t0).as_secs()).collect())
        .collect()
}

const DAY: SimDuration = SimDuration::from_secs(86_400);
const HOUR: SimDuration = SimDuration::from_secs(3600);

/// A container that prints in a loop and never sleeps runs one slice (20
/// ms of CPU, some 6000 lines) per window, the windows growing eightfold:
/// a day of it is seven runs, not 4.3 million.
#[test]
fn a_spinning_container_runs_a_bounded_number_of_slices() {
    let (mut cl, t0) = started(&pod(&["while :; do echo x; done"]));
    cl.advance(DAY);
    assert_eq!(runs(&cl, t0), [[0, 1, 9, 73, 585, 4681, 37449]]);
    let log = &cl.pod("default", "p").expect("pod").containers[0].logs;
    assert!(log.iter().all(|l| l.bytes.starts_with(b"x\nx\n")));
}

/// The windows are simulated time: the clock moved in a thousand steps
/// gives the cluster it gives in one (an edit's rebuild at the same time
/// is the ticked cluster).
#[test]
fn the_clock_moved_in_steps_or_at_once_gives_the_same_cluster() {
    let files = pod(&[
        "while :; do echo x; done",
        "while :; do date; sleep 1; done",
        "while :; do echo $(while :; do :; done)y; done",
    ]);
    let (mut once, _) = started(&files);
    let mut steps = once.clone();
    once.advance(HOUR);
    for _ in 0..3600 {
        steps.advance(SimDuration::from_secs(1));
    }
    assert!(once == steps, "the two clusters differ");
}

/// A loop that sleeps a second between lines is never held back.
#[test]
fn a_loop_around_sleep_1_runs_every_second() {
    let (mut cl, t0) = started(&pod(&["while :; do echo x; sleep 1; done"]));
    cl.advance(SimDuration::from_secs(600));
    let runs = &runs(&cl, t0)[0];
    assert_eq!(runs.len(), 601, "{runs:?}");
    assert!(runs.iter().enumerate().all(|(i, &t)| t == i as u64));
}

/// `sleep 0` in a loop asked to run again at the same instant for ever:
/// advancing the clock never returned. Each run is charged as an event, so
/// it is held back after a hundred in a window.
#[test]
fn a_loop_around_sleep_0_is_held_back_after_a_hundred_runs() {
    let (mut cl, t0) = started(&pod(&["while :; do echo x; sleep 0; done"]));
    cl.advance(HOUR);
    let runs = &runs(&cl, t0)[0];
    // Windows at 0, 1, 9, 73 and 585 s, each with 100 runs at its start.
    assert_eq!(runs.len(), 500, "{runs:?}");
    assert_eq!(runs.iter().filter(|&&t| t == 73).count(), 100);
}

/// A command it cannot stop in (`$(…)`) ran up to 1000 slices, twenty
/// million ops, per run. Now one more slice, cut there as a console line
/// is, and the overrun counts against its windows.
#[test]
fn a_spin_inside_a_command_substitution_is_cut_and_held_back() {
    let (mut cl, t0) = started(&pod(&["while :; do echo $(while :; do :; done)y; done"]));
    cl.advance(DAY);
    let runs = &runs(&cl, t0)[0];
    // Each run is two slices: it uses up two windows.
    assert_eq!(runs, &[0, 9, 585, 37449]);
    assert!(
        cl.pod("default", "p").expect("pod").containers[0]
            .logs_text(false)
            .starts_with("y\n")
    );
}

/// Forty containers that spin share the node's quota of four slices per
/// window: an hour of them is a few dozen runs in all, not 40 × 5.
#[test]
fn many_spinning_containers_share_the_nodes_quota() {
    let commands = vec!["while :; do echo x; done"; 40];
    let (mut cl, t0) = started(&pod(&commands));
    cl.advance(HOUR);
    let runs: usize = runs(&cl, t0).iter().map(Vec::len).sum();
    // Five node windows (0, 1, 9, 73, 585 s), four runs in each, give or
    // take where the containers' own windows fall.
    assert!((16..=24).contains(&runs), "{runs} runs");
}

/// Times saturate at the end of time, where `sleep inf` would end and the
/// kubelet restart the container at the same instant, for ever. Nothing
/// due at the end of time happens.
#[test]
fn the_end_of_time_is_quiet() {
    use podlab::model::sim::cluster::{CState, END_OF_TIME};
    let mut files = pod(&["sleep inf", "sleep inf"]);
    files[0].text = files[0]
        .text
        .replacen("'sh', '-c', \"sleep inf\"", "'sleep', 'inf'", 1);
    assert!(
        files[0].text.contains("['sleep', 'inf']"),
        "{}",
        files[0].text
    );
    let (mut cl, _) = started(&files);
    cl.advance_to(END_OF_TIME);
    let p = cl.pod("default", "p").expect("pod");
    assert!(
        p.containers
            .iter()
            .all(|c| matches!(c.state, CState::Running { .. }) && c.restarts == 0),
        "{:?}",
        p.containers
            .iter()
            .map(|c| (&c.state, c.restarts))
            .collect::<Vec<_>>()
    );
}

/// `kubectl delete --grace-period=9223372036854775807` overflowed the
/// seconds, and any long grace period moved the clock that far. kubectl
/// waits a week at most, then says it timed out; the pod is gone. The
/// wait draws on the line's budget: here one with two weeks of simulated
/// time, so the week is kubectl's own cap (a console line's hour stops it
/// as Ctrl-C would first: the hostile table's row "kubectl delete with a
/// grace period of 2^63-1 s", and below).
#[test]
fn kubectl_delete_waits_a_week_at_most() {
    use podlab::model::lang::shell::budget::Budget;
    use podlab::model::project::cli;
    use podlab::model::tools::console;
    let files = [
        pod(&["while :; do sleep 3600; done", "while :; do echo x; done"]),
        workspace::seed(),
    ]
    .concat();
    let weeks = Budget::INTERACTIVE.with_time(SimDuration::from_secs(14 * 86_400));
    let run = |line: &str| {
        let (mut cl, _) = started(&files);
        let mut budget = weeks;
        console::run_on(&mut cl, &files, line, &mut budget).text()
    };
    for grace in ["9223372036854775807", "604801"] {
        assert_eq!(
            run(&format!(
                "kubectl delete pod busybox --grace-period={grace}; kubectl get pod p"
            )),
            "pod \"busybox\" deleted\nerror: timed out waiting for the condition on pods/busybox\nNAME   READY   STATUS    RESTARTS   AGE\np      2/2     Running   0          7d\n"
        );
    }
    assert_eq!(
        run("kubectl delete pod busybox --grace-period=604800; kubectl get pod p"),
        "pod \"busybox\" deleted\nNAME   READY   STATUS    RESTARTS   AGE\np      2/2     Running   0          7d\n"
    );
    // On a console line's own budget (an hour) the wait is stopped as
    // Ctrl-C would, and the clock has not moved a week.
    let o = cli::run(
        &files,
        "kubectl delete pod busybox --grace-period=604800; kubectl get pod p",
        WallClock::TEST,
    );
    assert_eq!(
        (o.stdout.as_str(), o.code),
        (
            "pod \"busybox\" deleted\n^C\npodlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would\n",
            130
        )
    );
}

/// A container that exits at once, restarted for a day: the kubelet's
/// back-off doubles to its 5-minute cap, so a day is some 290 restarts,
/// each a handful of events.
#[test]
fn a_crash_loop_for_a_day_is_a_few_hundred_restarts() {
    let files = pod(&["echo bye; exit 1"]);
    let mut cl = workspace::build(&workspace::analyze(&files), WallClock::TEST);
    cl.advance(DAY);
    let c = &cl.pod("default", "p").expect("pod").containers[0];
    assert!((280..=300).contains(&c.restarts), "{} restarts", c.restarts);
    assert_eq!(c.logs_text(true), "bye\n");
}
