//! An edit's re-simulation equals a full replay from t = 0 (issue 12): for
//! every preset, edits that change no object (a comment), haproxy.cfg, a
//! manifest field, a container's command and a broken file, made at
//! several simulated times (0, 10 s, 10 min, 1 h), after the console or Try
//! it changed the live cluster or not, give the cluster the edited files
//! make when applied at t = 0 and run to the same time: the same model,
//! byte for byte the same console answers, and the same 10 minutes after.

use podlab::model::base::time::{SimDuration, WallClock};
use podlab::model::project::{presets, workspace};
use podlab::model::sim::cluster::Cluster;
use podlab::model::tools::console;
use podlab::state::{Action, State};

/// What a learner sees of a cluster: pods, each pod described, each
/// container's log, events.
fn observed(cl: &Cluster) -> String {
    let mut c = cl.clone();
    let mut lines = vec![
        "kubectl get pods -o wide".to_string(),
        "kubectl get configmaps".into(),
    ];
    for p in cl.pods.values() {
        lines.push(format!("kubectl describe pod {}", p.name()));
        for ct in &p.containers {
            lines.push(format!("kubectl logs {} -c {}", p.name(), ct.spec.name));
        }
    }
    let mut out = String::new();
    for l in lines {
        let e = console::run(&mut c, &[], &l);
        out.push_str(&format!("$ {l}\n{}[{}]\n", e.text(), e.code));
    }
    out
}

/// The edited files applied to a fresh cluster at t = 0, run to `s`'s time.
fn full_replay(s: &State) -> Cluster {
    let mut cl = workspace::build(&workspace::analyze(&s.files), WallClock::TEST);
    cl.advance_to(s.now());
    cl
}

/// `s`, once edited, is the full replay; and so it stays as time goes on.
fn check(what: &str, s: State) {
    let replay = full_replay(&s);
    assert_eq!(observed(&s.cluster), observed(&replay), "{what}");
    assert!(*s.cluster == replay, "{what}: the same model");
    let later = s.apply(Action::Skip(SimDuration::from_secs(600)));
    let mut replay = replay;
    replay.advance_to(later.now());
    assert_eq!(observed(&later.cluster), observed(&replay), "{what}, later");
    assert!(*later.cluster == replay, "{what}: the same model later");
}

/// A preset's file by name, as the `Edit` action that replaces `from` by
/// `to` in it.
fn replace(s: &State, name: &str, from: &str, to: &str) -> Action {
    let file = s.files.iter().position(|f| f.name == name).expect(name);
    let text = &s.files[file].text;
    assert!(text.contains(from), "{name}: {from:?}");
    Action::Edit {
        file,
        text: text.replacen(from, to, 1),
    }
}

/// Each preset's edits: (what, the action).
fn edits(id: &str, s: &State) -> Vec<(&'static str, Action)> {
    let first = &s.files[0];
    let mut out = vec![
        (
            "a comment",
            Action::Edit {
                file: 0,
                text: format!("# a comment\n{}", first.text),
            },
        ),
        (
            "a blank line at the end",
            Action::Edit {
                file: 0,
                text: format!("{}\n", first.text),
            },
        ),
        (
            "a label (a manifest field)",
            replace(
                s,
                &first.name,
                "metadata:\n  name: ",
                "metadata:\n  labels:\n    edited: \"yes\"\n  name: ",
            ),
        ),
        (
            "a broken file",
            Action::Edit {
                file: 0,
                text: format!("{}\n  bad: : y\n", first.text),
            },
        ),
    ];
    let command = match id {
        "ambassador" => replace(s, "busybox.yml", "sleep 3600", "sleep 60"),
        "sidecar" => replace(s, "counter.yml", "sleep 1;", "sleep 2;"),
        "adapter" => replace(s, "status-app.yml", "sleep 1\n", "sleep 3\n"),
        "shared-volume" => replace(s, "two-containers.yml", "Hello from", "Hi from"),
        "process-namespace" => replace(s, "share-process-namespace.yml", "\"3600\"", "\"60\""),
        other => panic!("a preset without a command edit: {other}"),
    };
    out.push(("a container's command", command));
    if let Some(cfg) = &s.analysis.cfg {
        let v = cfg.binding.value.replace("maxconn 256", "maxconn 255");
        out.push(("haproxy.cfg", Action::EditCfg(v)));
    }
    out
}

const TIMES: &[(&str, u64)] = &[("0 s", 0), ("10 s", 10), ("10 min", 600), ("1 h", 3600)];

#[test]
fn an_edit_at_any_time_equals_the_full_replay_of_the_edited_files() {
    for p in presets::all() {
        let id = p.id;
        let start = State::for_preset(p, None, WallClock::TEST);
        for &(when, secs) in TIMES {
            let s = start
                .clone()
                .apply(Action::Skip(SimDuration::from_secs(secs)));
            for (what, edit) in edits(id, &s) {
                check(&format!("{id} at {when}: {what}"), s.clone().apply(edit));
            }
        }
    }
}

/// The console and Try it change the live cluster; an edit rebuilds from
/// the files alone, as if they had never run.
#[test]
fn an_edit_after_the_console_changed_the_cluster_forgets_those_changes() {
    for p in presets::all() {
        let id = p.id;
        let pod = p.files[0]
            .text
            .lines()
            .find_map(|l| l.strip_prefix("  name: "))
            .expect("a pod")
            .to_string();
        let s = State::for_preset(p, None, WallClock::TEST)
            .apply(Action::Skip(SimDuration::from_secs(20)))
            .apply(Action::RunCheck)
            .apply(Action::Console(format!("kubectl delete pod {pod}")))
            .finish_lines()
            .apply(Action::Console("sleep 7".into()))
            .finish_lines()
            .apply(Action::Skip(SimDuration::from_secs(600)));
        assert!(
            s.cluster.pod("default", &pod).is_none(),
            "{id}: {pod} deleted"
        );
        for (what, edit) in edits(id, &s) {
            check(
                &format!("{id} after the console: {what}"),
                s.clone().apply(edit),
            );
        }
    }
}

/// The replay is reused only when the apply makes the same cluster but for
/// where its objects sit: a comment or a blank line, not a field.
#[test]
fn only_an_edit_that_changes_no_object_reuses_the_replay() {
    let seed = workspace::seed();
    let built = |edit: &dyn Fn(&mut Vec<workspace::File>)| {
        let mut f = seed.clone();
        edit(&mut f);
        workspace::build(&workspace::analyze(&f), WallClock::TEST)
    };
    let base = built(&|_| {});
    let check = |what: &str, edit: &dyn Fn(&mut Vec<workspace::File>), same: bool| {
        assert_eq!(base.same_but_sources(&built(edit)), same, "{what}");
    };
    check("nothing", &|_| {}, true);
    check("a comment", &|f| f[0].text.insert_str(0, "# c\n"), true);
    check("a blank line", &|f| f[2].text.push('\n'), true);
    check(
        "a label",
        &|f| {
            f[2].text = f[2]
                .text
                .replace("  name: busybox\n", "  name: busybox\n  labels: {a: b}\n")
        },
        false,
    );
    check(
        "haproxy.cfg",
        &|f| f[1].text = f[1].text.replace("maxconn 256", "maxconn 255"),
        false,
    );
    check(
        "a command",
        &|f| f[2].text = f[2].text.replace("sleep 3600", "sleep 60"),
        false,
    );
    check(
        "a broken file",
        &|f| f[2].text.push_str("  bad: : y\n"),
        false,
    );
}
