//! Processes in containers: what a process is running, how an image's
//! entrypoint and the pod spec's `command`/`args` become its argv, and its
//! log. What each program does lives in `sim::programs`, one file each.

use std::collections::BTreeMap;

use super::{Cluster, Key, LogChunk, Stream};
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::haproxy::runtime::Running;
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
        let logs = &mut pod.containers[i].logs;
        logs.push(LogChunk { at, stream, bytes });
        // The runtime rotates the log file past containerLogMaxSize and
        // `kubectl logs` reads the current file: drop the oldest chunks.
        let mut total: usize = logs.iter().map(|c| c.bytes.len()).sum();
        while total > LOG_MAX && logs.len() > 1 {
            total -= logs.remove(0).bytes.len();
        }
    }
}

/// The kubelet's `containerLogMaxSize` default, 10 MiB
/// (KubeletConfiguration, pkg/kubelet/apis/config/v1beta1/defaults.go).
pub const LOG_MAX: usize = 10 * 1024 * 1024;
