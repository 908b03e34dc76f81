//! Processes in containers: what a process is running, how an image's
//! entrypoint and the pod spec's `command`/`args` become its argv, and its
//! log, and the [`Pace`] that holds a process (and the node) to its share
//! of the simulated CPU. What each program does lives in `sim::programs`,
//! one file each.

use std::collections::BTreeMap;

use super::{Cluster, Key, LogChunk, Stream};
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::haproxy::runtime::Running;
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::vm::Shell;
use crate::model::sim::images::Image;

/// What a process is running.
#[derive(Clone, Debug, PartialEq)]
pub enum Program {
    /// The legacy fruit service.
    Fruit,
    /// HAProxy, with the wrapper's pid when started through
    /// haproxy-systemd-wrapper (1.7 images).
    Haproxy {
        running: Box<Running>,
        wrapper: bool,
    },
    Shell(Box<Shell>),
    /// A process that idles until killed (`sleep 3600`, pause).
    Idle,
    /// An image podlab does not simulate.
    Opaque,
    /// Taken out while it handles a connection (a connection that reaches
    /// it again is a loop).
    Busy,
    /// nginx's master process, with its worker's pid.
    Nginx {
        worker: u32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Process {
    pub pid: u32,
    pub argv: Vec<String>,
    pub program: Program,
    /// Set when the process has decided to exit (at its Wake timer).
    pub exit_code: Option<i32>,
    /// The simulated CPU it has had lately.
    pub pace: Pace,
}

impl Process {
    /// A process that runs `program` as PID `pid` and has not decided to
    /// exit.
    pub fn new(pid: u32, argv: Vec<String>, program: Program) -> Process {
        Process {
            pid,
            argv,
            program,
            exit_code: None,
            pace: Pace::default(),
        }
    }

    /// The process name `ps` and `netstat` show.
    pub fn comm(&self) -> String {
        let a0 = self.argv.first().map_or("", String::as_str);
        a0.rsplit('/')
            .next()
            .unwrap_or(a0)
            .chars()
            .take(15)
            .collect()
    }
}

/// What starting (or resuming) a process led to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Started {
    /// It runs; wake it at this time if set.
    Running { wake: Option<SimTime> },
    /// It exits with this code at this time.
    Exits { code: i32, at: SimTime },
}

/// How long a failing start takes to exit (config parsing, etc.).
pub const EXIT_AFTER: SimDuration = SimDuration::from_millis(30);

/// `command`/`args` over the image's ENTRYPOINT/CMD, as the kubelet combines
/// them (a `command` drops the image's CMD).
pub fn argv(
    image: Option<&Image>,
    command: &Option<Vec<String>>,
    args: &Option<Vec<String>>,
) -> Vec<String> {
    let owned = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let (ep, cmd) = image.map_or((Vec::new(), Vec::new()), |i| {
        (owned(i.entrypoint), owned(i.cmd))
    });
    match (command, args) {
        (Some(c), Some(a)) => c.iter().chain(a).cloned().collect(),
        (Some(c), None) => c.clone(),
        (None, Some(a)) => ep.into_iter().chain(a.iter().cloned()).collect(),
        (None, None) => ep.into_iter().chain(cmd).collect(),
    }
}

pub fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

pub fn shell_env(cl: &Cluster, key: &Key, i: usize) -> BTreeMap<String, String> {
    let pod = &cl.pods[key];
    let mut env = BTreeMap::from([
        (
            "PATH".to_string(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string(),
        ),
        ("HOSTNAME".to_string(), pod.obj.name.clone()),
        ("HOME".to_string(), "/root".to_string()),
    ]);
    for (k, v) in &pod.containers[i].spec.env {
        env.insert(k.clone(), v.clone());
    }
    env
}

pub fn set_process(cl: &mut Cluster, key: &Key, i: usize, p: Process) {
    if let Some(pod) = cl.pods.get_mut(key) {
        pod.containers[i].process = Some(p);
    }
}

/// Append to a container's log.
pub fn log(cl: &mut Cluster, key: &Key, i: usize, stream: Stream, bytes: Vec<u8>) {
    if bytes.is_empty() {
        return;
    }
    let at = cl.now;
    if let Some(pod) = cl.pods.get_mut(key) {
        let c = &mut pod.containers[i];
        c.log_size = c.log_size.saturating_add(bytes.len());
        c.logs.push(LogChunk { at, stream, bytes });
        // The runtime rotates the log file past containerLogMaxSize and
        // `kubectl logs` reads the current file: drop the oldest chunks
        // (the size is kept as the log grows, so a long log costs no more
        // to append to than a short one).
        let mut drop = 0;
        while c.log_size > LOG_MAX && drop + 1 < c.logs.len() {
            c.log_size -= c.logs[drop].bytes.len();
            drop += 1;
        }
        c.logs.drain(..drop);
    }
}

/// The kubelet's `containerLogMaxSize` default, 10 MiB
/// (KubeletConfiguration, pkg/kubelet/apis/config/v1beta1/defaults.go).
pub const LOG_MAX: usize = 10 * 1024 * 1024;

/// How much simulated CPU a process (or the whole node) has had lately, in
/// ops of its shell (a [`Budget::SLICE`] of ops stands for 20 ms of CPU),
/// so that a container that spins without sleeping costs the learner's
/// browser a bounded amount of work however far the clock moves.
///
/// Time is cut into windows. In each window a process may run [`QUOTA`]
/// of ops (the node, [`NODE_QUOTA`] for all its processes together); once
/// it has, its next run waits for the end of the window. A window whose
/// quota was used up is followed by one [`GROWTH`] times longer, so a
/// process that never stops spinning runs one slice at 0 s, 1 s, 9 s,
/// 73 s, 585 s, 1.3 h, 10.4 h, 3.5 days…: advancing the clock by D costs
/// O(log D) slices, not D × a million ops. A window that ended with quota
/// to spare (the process slept, waited or blocked) is followed by a fresh
/// [`WINDOW`]: a program that sleeps between short bursts of work runs as
/// it always did. What a spinning process would have printed in the time
/// it is held back is not printed (its output is dropped, not
/// extrapolated): it behaves as a process starved of CPU would.
///
/// The windows are simulated time, decided from the process's own history,
/// so the clock advanced in one step or in many gives the same cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pace {
    /// When the current window began.
    start: SimTime,
    /// Its length; zero before the first run.
    len: SimDuration,
    /// Ops charged in it (what a previous window overran included).
    used: u64,
}

/// The first window, and the one after a window with quota to spare: a
/// second, so a process that spins for a moment runs at once.
pub const WINDOW: SimDuration = SimDuration::from_secs(1);
/// How much longer a window is than the one before it whose quota was used
/// up: 8, so a day of spinning is 7 windows.
pub const GROWTH: u64 = 8;
/// A process's ops per window: one slice (20 ms of CPU), which a loop that
/// prints a line per iteration turns into some 6000 lines.
pub const QUOTA: u64 = Budget::SLICE;
/// The node's ops per window, for all its processes: four slices, so four
/// spinning containers run as one does, and a fifth and more (a pod with
/// hundreds of them) wait their turn rather than cost more.
pub const NODE_QUOTA: u64 = 4 * Budget::SLICE;
/// What a run that ended in a wait (a `sleep`, a read that blocks, its
/// exit) is charged over its ops, for the work of the event itself: 1% of a
/// slice, so a loop around `sleep 1` is never held back and one around
/// `sleep 0` is after 100 runs in a window.
pub const EVENT_COST: u64 = Budget::SLICE / 100;

impl Pace {
    /// When a run asked for at `now` may go, with `quota` ops per window:
    /// `None` for now, or the end of the window whose quota is used up.
    pub fn admit(&mut self, now: SimTime, quota: u64) -> Option<SimTime> {
        let end = self.start + self.len;
        if self.len == SimDuration::ZERO {
            *self = Pace {
                start: now,
                len: WINDOW,
                used: 0,
            };
        } else if now >= end {
            // Quota used up, and the run came at the window's end (not
            // after a quiet window): the next one is longer, and starts
            // with what this one overran.
            let over = self.used >= quota && now < end + self.len;
            *self = if over {
                Pace {
                    start: now,
                    len: self.len.saturating_mul(GROWTH),
                    used: self.used - quota,
                }
            } else {
                Pace {
                    start: now,
                    len: WINDOW,
                    used: 0,
                }
            };
        }
        (self.used >= quota).then_some(self.start + self.len)
    }

    /// Count `ops` against the current window.
    pub fn charge(&mut self, ops: u64) {
        self.used = self.used.saturating_add(ops);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When a process that charges `cost` ops per run, and asks to run
    /// again `gap` after each run, runs within `span`, in seconds.
    fn runs(cost: u64, gap: SimDuration, span: SimDuration) -> Vec<f64> {
        let mut pace = Pace::default();
        let mut now = SimTime::ZERO;
        let mut out = Vec::new();
        while now < SimTime::ZERO + span {
            if let Some(later) = pace.admit(now, QUOTA) {
                assert!(later > now, "held back to a later time");
                now = later;
                continue;
            }
            out.push(now.elapsed().as_secs_f64());
            pace.charge(cost);
            now += gap;
        }
        out
    }

    #[test]
    fn a_spinning_process_runs_once_per_growing_window() {
        let day = SimDuration::from_secs(86_400);
        let slice = SimDuration::from_millis(20);
        assert_eq!(
            runs(QUOTA, slice, day),
            [0.0, 1.0, 9.0, 73.0, 585.0, 4681.0, 37449.0]
        );
        // One that overruns by a slice uses up the next window too.
        assert_eq!(runs(2 * QUOTA, slice, day), [0.0, 9.0, 585.0, 37449.0]);
    }

    #[test]
    fn a_process_that_waits_between_runs_is_not_held_back() {
        let minute = SimDuration::from_secs(60);
        // A loop around `sleep 1`, and one around `sleep 0.1`.
        let every = |gap: SimDuration| runs(EVENT_COST, gap, minute).len();
        assert_eq!(every(SimDuration::from_secs(1)), 60);
        assert_eq!(every(SimDuration::from_millis(100)), 600);
        // Around `sleep 0`: a hundred runs per window.
        let zero = runs(EVENT_COST, SimDuration::ZERO, minute);
        assert_eq!(zero.len(), 300, "windows at 0, 1 and 9 s");
        // A spin of half a second, then sleeps: full speed again after it.
        let mut pace = Pace::default();
        assert_eq!(pace.admit(SimTime::ZERO, QUOTA), None);
        pace.charge(QUOTA);
        assert_eq!(
            pace.admit(SimTime::from_millis(20), QUOTA),
            Some(SimTime::from_secs(1))
        );
        assert_eq!(pace.admit(SimTime::from_secs(1), QUOTA), None);
        assert_eq!(pace.admit(SimTime::from_secs(30), QUOTA), None);
        pace.charge(EVENT_COST);
        assert_eq!(pace.admit(SimTime::from_millis(30_500), QUOTA), None);
    }

    /// The log keeps its size as it grows and drops its oldest chunks past
    /// `LOG_MAX`, as the runtime's rotation does.
    #[test]
    fn the_log_is_rotated_at_ten_mebibytes() {
        use crate::model::base::diag::FileId;
        use crate::model::base::time::WallClock;
        use crate::model::base::yaml;
        use crate::model::lang::kube;
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ['sleep', 'inf']\n";
        let (docs, _) = yaml::parse(FileId::Workspace(0), text);
        let pod = kube::decode_document(FileId::Workspace(0), 0, &docs[0])
            .result
            .expect("a pod");
        let mut cl = Cluster::new(WallClock::TEST);
        cl.apply(&pod, "default").expect("applied");
        cl.advance(SimDuration::from_secs(60));
        let key = (String::from("default"), String::from("p"));
        let mib = 1024 * 1024;
        for n in 0..25 {
            log(
                &mut cl,
                &key,
                0,
                Stream::Stdout,
                vec![b'a' + n % 26; mib / 2],
            );
        }
        let c = &cl.pods[&key].containers[0];
        let size: usize = c.logs.iter().map(|l| l.bytes.len()).sum();
        assert_eq!((c.log_size, size, c.logs.len()), (10 * mib, 10 * mib, 20));
        assert_eq!(c.logs[0].bytes[0], b'f', "the first five chunks went");
        // One chunk larger than the cap is kept whole (it is the newest).
        log(&mut cl, &key, 0, Stream::Stderr, vec![b'z'; 11 * mib]);
        let c = &cl.pods[&key].containers[0];
        assert_eq!((c.log_size, c.logs.len()), (11 * mib, 1));
    }
}
