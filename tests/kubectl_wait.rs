//! `kubectl wait --for=condition=…` in the console (issue 12): the clock
//! runs ahead until the condition holds, with kubectl 1.32's output and
//! errors for what needs a server (`tests/kubectl/cmd/` has the rows that
//! kubectl decides offline).

use podlab::model::base::time::{SimDuration, WallClock};
use podlab::model::project::workspace;
use podlab::model::tools::console;

/// The seed lab as applied (its pods still starting), `edit` made to
/// its busybox manifest: what `line` prints, its status, and how far
/// the clock ran.
fn check(edit: &str, line: &str, expect: &str, code: i32, ran: impl Into<Option<SimDuration>>) {
    let mut files = workspace::seed();
    if !edit.is_empty() {
        files[2].text = files[2].text.replace("radial/busyboxplus:curl", edit);
    }
    let mut cl = workspace::build(&workspace::analyze(&files), WallClock::TEST);
    let start = cl.now;
    let e = console::run(&mut cl, &files, line);
    assert_eq!((e.text().as_str(), e.code), (expect, code), "{line}");
    if let Some(ran) = ran.into() {
        assert_eq!(cl.now.since(start), ran, "{line}: the clock");
    }
}

const READY: &str = "kubectl wait --for=condition=Ready";

#[test]
fn it_runs_the_clock_until_the_condition_holds() {
    // busybox is up 1.614 s into the lab, 1.464 s after its apply.
    let up = SimDuration::from_micros(1_464_000);
    check(
        "",
        &format!("{READY} pod/busybox"),
        "pod/busybox condition met\n",
        0,
        up,
    );
    check(
        "",
        &format!("{READY} pods/busybox -o name"),
        "pod/busybox\n",
        0,
        up,
    );
    check(
        "",
        &format!("{READY}=TRUE pod busybox"),
        "pod/busybox condition met\n",
        0,
        up,
    );
    check(
        "",
        &format!("{READY} pod/busybox pod/fruit-service"),
        "pod/busybox condition met\npod/fruit-service condition met\n",
        0,
        // fruit-service's haproxy:1.7 pull ends later.
        SimDuration::from_micros(4_100_000),
    );
    // Ready=False holds as soon as the pod is scheduled.
    check(
        "",
        "kubectl wait --for=condition=ready=false pod/busybox",
        "pod/busybox condition met\n",
        0,
        SimDuration::ZERO,
    );
}

#[test]
fn its_timeouts_are_kubectls() {
    let s = SimDuration::from_secs;
    check(
        "",
        &format!("{READY} pod/busybox --timeout=1s"),
        "error: timed out waiting for the condition on pods/busybox\n",
        1,
        s(1),
    );
    check(
        "",
        &format!("{READY} pod/busybox --timeout=0"),
        "error: condition not met for pods/busybox\n",
        1,
        SimDuration::ZERO,
    );
    // An image that is not there: 30 s by default, then the error.
    check(
        "radial/busyboxplus:curll",
        &format!("{READY} pod/busybox"),
        "error: timed out waiting for the condition on pods/busybox\n",
        1,
        s(30),
    );
    // A negative timeout waits a week: the line's hour stops it.
    check(
        "radial/busyboxplus:curll",
        &format!("{READY} pod/busybox --timeout=-1s"),
        &format!(
            "^C\n{}",
            podlab::model::lang::shell::budget::Limit::Time.note()
        ),
        130,
        None,
    );
}

#[test]
fn what_it_cannot_find() {
    check(
        "",
        &format!("{READY} pod/nope"),
        "Error from server (NotFound): pods \"nope\" not found\n",
        1,
        SimDuration::ZERO,
    );
    check(
        "",
        &format!("{READY} deploy/x"),
        "podlab: `kubectl wait deploy` is not modelled: podlab simulates pods, configmaps and namespaces\n",
        1,
        SimDuration::ZERO,
    );
    check(
        "",
        &format!("{READY} busybox"),
        "error: the server doesn't have a resource type \"busybox\"\n",
        1,
        SimDuration::ZERO,
    );
    check(
        "",
        "kubectl wait --for=delete pod/busybox",
        "podlab: `kubectl wait --for=delete` is not modelled; podlab waits for --for=condition=NAME[=VALUE]\n",
        1,
        SimDuration::ZERO,
    );
}
