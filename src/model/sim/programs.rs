//! The programs containers run, one file each: every program owns its
//! start, the connections it answers, what it logs and how `ps` shows it.
//! This file picks the program an image's command starts, and runs a
//! container's shell (PID 1 or `sh -c`) until it stops again.
//!
//! Files only import downwards: `busybox` (the container's userland)
//! reaches the others through `deliver`, which hands itself to HAProxy as
//! the route for the connections it opens; none of them imports this file.

pub mod busybox;
pub mod deliver;
pub mod fruit;
pub mod haproxy;
pub mod nc;
pub mod nginx;
pub mod pause;

use std::collections::BTreeMap;

use crate::model::base::time::SimDuration;
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::drive::{Stop, Waited, drive};
use crate::model::lang::shell::syntax;
use crate::model::lang::shell::vm::{Output, Shell};
use crate::model::sim::cluster::process::{
    EVENT_COST, EXIT_AFTER, NODE_QUOTA, Process, Program, QUOTA, Started, argv, basename, log,
    set_process, shell_env,
};
use crate::model::sim::cluster::{Cluster, Key, Stream};
use crate::model::sim::images::{Kind, Lookup};
use busybox::ContainerSys;

/// What a shell process runs per wake-up: one slice of ops
/// (`Budget::SLICE`, 20 000), which stands for 20 ms of CPU at about a
/// microsecond per op of busybox ash: a loop of builtins runs that long
/// between wake-ups. A command it cannot stop in (`$(…)`, a loop in a
/// pipeline) may go on for one more slice; there the budget cuts it short
/// as it would a console line, and the script goes on after it at its
/// next run. (It was 1000 slices, twenty million ops for one wake-up.)
/// How often a process runs at all is its
/// [`Pace`](crate::model::sim::cluster::Pace)'s to say.
const SPIN_BUDGET: Budget = Budget::slices(2).with_slice_cpu(SimDuration::from_millis(20));

/// Start container `i`'s main process.
pub fn start(cl: &mut Cluster, key: &Key, i: usize) -> Started {
    let pod = &cl.pods[key];
    let c = &pod.containers[i];
    let image = match &c.image {
        Lookup::Known(img) => Some(img.clone()),
        _ => None,
    };
    let mut argv = argv(image.as_ref(), &c.spec.command, &c.spec.args);
    // PID 1 is the sandbox's pause process when the namespace is shared.
    let pid = pause::pid(cl, key, 1);
    let Some(image) = image else {
        set_process(cl, key, i, Process::new(pid, argv, Program::Opaque));
        return Started::Running { wake: None };
    };
    // Image entrypoint scripts that rewrite the command.
    argv = match image.kind {
        Kind::Haproxy(v) => haproxy::entrypoint(v, argv),
        Kind::Nginx => nginx::entrypoint(argv),
        _ => argv,
    };
    let exe = argv
        .first()
        .map(|a| basename(a).to_string())
        .unwrap_or_default();
    match (image.kind, exe.as_str()) {
        (Kind::Nginx, "nginx") => nginx::start(cl, key, i, pid, argv),
        (Kind::FruitService, "legacy-fruit-service") => fruit::start(cl, key, i, pid, argv),
        (Kind::Haproxy(v), "haproxy-systemd-wrapper" | "haproxy") => {
            haproxy::start(cl, key, i, pid, argv, v, image.root)
        }
        (_, "sh" | "ash" | "bash" | "dash") => {
            let script = match argv.iter().position(|a| a == "-c") {
                Some(p) => argv.get(p + 1).cloned(),
                None => None,
            };
            let Some(script) = script else {
                // No script and no terminal: the shell reads EOF and exits.
                set_process(cl, key, i, Process::new(pid, argv, Program::Idle));
                return Started::Exits {
                    code: 0,
                    at: cl.now + EXIT_AFTER,
                };
            };
            let name = argv[0].clone();
            match Shell::new(&script, shell_env(cl, key, i)) {
                Ok(mut sh) => {
                    sh.name = basename(&name).to_string();
                    run_shell(cl, key, i, pid, argv, sh)
                }
                Err(e) => {
                    log(cl, key, i, Stream::Stderr, format!("{e}\n").into_bytes());
                    set_process(cl, key, i, Process::new(pid, argv, Program::Idle));
                    Started::Exits {
                        code: 2,
                        at: cl.now + EXIT_AFTER,
                    }
                }
            }
        }
        (_, "sleep") => {
            let secs: f64 = argv.get(1).and_then(|a| a.parse().ok()).unwrap_or(0.0);
            set_process(cl, key, i, Process::new(pid, argv, Program::Idle));
            Started::Exits {
                code: 0,
                at: cl.now + SimDuration::from_micros((secs * 1e6) as u64),
            }
        }
        _ if image.kind.has_executable(&exe) => {
            // Any other single utility: run it once as a one-line script.
            let script = argv
                .iter()
                .map(|a| syntax::quote(a))
                .collect::<Vec<_>>()
                .join(" ");
            let sh = Shell::new(&script, shell_env(cl, key, i))
                .unwrap_or_else(|_| Shell::new("false", BTreeMap::new()).expect("valid"));
            run_shell(cl, key, i, pid, argv, sh)
        }
        _ => {
            // runc cannot find the executable: the container fails to start.
            let msg = format!(
                "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown",
                argv.first().map_or("", String::as_str)
            );
            let (ns, name) = key.clone();
            cl.event(
                &ns,
                &format!("pod/{name}"),
                true,
                "Failed",
                "kubelet",
                format!("Error: {msg}"),
            );
            set_process(
                cl,
                key,
                i,
                Process {
                    exit_code: Some(128),
                    ..Process::new(pid, argv, Program::Idle)
                },
            );
            Started::Exits {
                code: 128,
                at: cl.now,
            }
        }
    }
}

/// Make `sh` container `i`'s process and run it until it stops.
fn run_shell(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    pid: u32,
    argv: Vec<String>,
    sh: Shell,
) -> Started {
    set_process(
        cl,
        key,
        i,
        Process::new(pid, argv, Program::Shell(Box::new(sh))),
    );
    resume(cl, key, i)
}

/// Run a shell process until it stops again, if its
/// [`Pace`](crate::model::sim::cluster::Pace) and the node's let it run
/// now; else it runs when they do.
pub fn resume(cl: &mut Cluster, key: &Key, i: usize) -> Started {
    let now = cl.now;
    let Some(pod) = cl.pods.get_mut(key) else {
        return Started::Running { wake: None };
    };
    let Some(proc_) = pod.containers[i].process.as_mut() else {
        return Started::Running { wake: None };
    };
    let Program::Shell(_) = &proc_.program else {
        return Started::Running { wake: None };
    };
    let held = proc_
        .pace
        .admit(now, QUOTA)
        .or(cl.cpu.admit(now, NODE_QUOTA));
    if let Some(later) = held {
        return Started::Running { wake: Some(later) };
    }
    let Some(proc_) = cl
        .pods
        .get_mut(key)
        .and_then(|p| p.containers[i].process.as_mut())
    else {
        return Started::Running { wake: None };
    };
    let Program::Shell(mut sh) = std::mem::replace(&mut proc_.program, Program::Busy) else {
        unreachable!("checked above")
    };
    let mut out = Output::default();
    let mut budget = SPIN_BUDGET;
    let stop = {
        let mut sys = ContainerSys::new(cl, key.clone(), i);
        drive(&mut sh, &mut sys, &mut out, &mut budget, |_, _| {
            Waited::Later
        })
    };
    log(cl, key, i, Stream::Stdout, out.out);
    log(cl, key, i, Stream::Stderr, out.err);
    let cpu_yield = matches!(stop, Stop::Wake(w) | Stop::Spent { wake: w, .. }
        if w == now + SPIN_BUDGET.slice_cpu());
    let cost = cost(&sh, cpu_yield, SPIN_BUDGET.ops_left() - budget.ops_left());
    cl.cpu.charge(cost);
    if let Some(p) = cl
        .pods
        .get_mut(key)
        .and_then(|p| p.containers[i].process.as_mut())
    {
        p.pace.charge(cost);
        p.program = Program::Shell(sh);
    }
    match stop {
        Stop::Exited { code, at } => Started::Exits { code, at },
        // It waits: for a sleep, for the time its commands took, or, if it
        // only ran builtins, for the CPU time its slice stands for.
        Stop::Wake(wake) | Stop::Spent { wake, .. } => Started::Running { wake: Some(wake) },
        Stop::Blocked(crate::model::lang::shell::vm::Follow::Tail { .. }) => Started::Running {
            wake: Some(cl.now + SimDuration::from_secs(1)),
        },
        Stop::Blocked(_) | Stop::Gone => Started::Running { wake: None },
    }
}

/// What a run of `sh` that took `spent` ops of its budget is charged
/// against its [`Pace`](crate::model::sim::cluster::Pace). A run that ran
/// its slice out and yielded for the CPU time it stands for (`cpu_yield`)
/// is charged its ops. One that ended in a wait (a `sleep`, the time its
/// commands took, a read that blocks, its exit) had the rest of its slice
/// written off by the budget, which is not CPU it used: it is charged
/// [`EVENT_COST`] for the event, plus what a nested command overran.
fn cost(sh: &Shell, cpu_yield: bool, spent: u64) -> u64 {
    use crate::model::lang::shell::vm::State;
    match sh.state {
        State::Ready if cpu_yield => spent,
        State::Ready | State::Sleeping(_) => spent.saturating_sub(Budget::SLICE) + EVENT_COST,
        State::Blocked(_) | State::Exited(_) => spent + EVENT_COST,
    }
}
