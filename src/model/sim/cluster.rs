//! The cluster: one node, the API's objects, and a kubelet that brings pods
//! up on a simulated clock. Everything happens through [`Cluster`]'s methods
//! with an explicit time; nothing reads a clock or does I/O. Timers live in a
//! `BTreeMap` keyed by (time, sequence), so runs are deterministic.

pub mod exec;
pub mod files;
mod kubelet;
pub mod process;
pub mod wire;

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use crate::model::base::fs::Tree;
use crate::model::base::net::{NetNsId, Network};
use crate::model::base::time::{SimDuration, SimTime, WallClock};
use crate::model::lang::kube::objects::{ConfigMapObject, ContainerSpec, Object, PodObject};
use crate::model::sim::images::Lookup;

pub use process::{Pace, Process};

/// The namespace objects land in when the manifest names none.
pub const DEFAULT_NAMESPACE: &str = "default";
/// The one node's name.
pub const NODE_NAME: &str = "node01";
/// Pod IPs come from this node's pod CIDR, 10.244.1.0/24 (flannel's
/// default network), from .2 on; .1 is the bridge.
pub const POD_CIDR_BASE: [u8; 3] = [10, 244, 1];

/// A pod or ConfigMap, by namespace and name.
pub type Key = (String, String);

/// What `kubectl describe` lists under Events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub namespace: String,
    /// e.g. `pod/fruit-service`.
    pub object: String,
    pub warning: bool,
    pub reason: String,
    pub from: String,
    pub message: String,
    pub first: SimTime,
    pub last: SimTime,
    pub count: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// A chunk of a container's output, with the time it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogChunk {
    pub at: SimTime,
    pub stream: Stream,
    pub bytes: Vec<u8>,
}

/// Why a container waits (`state.waiting.reason`); Display gives the
/// API's text, which kubectl prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitingReason {
    ContainerCreating,
    /// Its image is being pulled: the API still says ContainerCreating.
    Pulling,
    ErrImagePull,
    ImagePullBackOff,
    ErrImageNeverPull,
    CrashLoopBackOff,
}

impl WaitingReason {
    /// A reason that means the container failed (red on the diagram), not
    /// one it passes through on its way up.
    pub fn failed(self) -> bool {
        match self {
            WaitingReason::ContainerCreating | WaitingReason::Pulling => false,
            WaitingReason::ErrImagePull
            | WaitingReason::ImagePullBackOff
            | WaitingReason::ErrImageNeverPull
            | WaitingReason::CrashLoopBackOff => true,
        }
    }
}

impl std::fmt::Display for WaitingReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            // pkg/kubelet/kuberuntime: the kubelet reports ContainerCreating
            // until the container starts, pull or no pull.
            WaitingReason::ContainerCreating | WaitingReason::Pulling => "ContainerCreating",
            WaitingReason::ErrImagePull => "ErrImagePull",
            WaitingReason::ImagePullBackOff => "ImagePullBackOff",
            WaitingReason::ErrImageNeverPull => "ErrImageNeverPull",
            WaitingReason::CrashLoopBackOff => "CrashLoopBackOff",
        })
    }
}

/// Why a container's run ended (`state.terminated.reason`): the runtime
/// says Completed for exit 0 and Error otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TerminatedReason {
    Completed,
    Error,
}

impl TerminatedReason {
    /// The reason the runtime gives for an exit code.
    pub fn of_exit(code: i32) -> Self {
        if code == 0 {
            TerminatedReason::Completed
        } else {
            TerminatedReason::Error
        }
    }
}

impl std::fmt::Display for TerminatedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TerminatedReason::Completed => "Completed",
            TerminatedReason::Error => "Error",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terminated {
    pub exit_code: i32,
    pub reason: TerminatedReason,
    pub started: SimTime,
    pub finished: SimTime,
}

/// A container's state, as in `containerStatuses[].state`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CState {
    Waiting {
        reason: WaitingReason,
        message: Option<String>,
    },
    Running {
        started: SimTime,
    },
    Terminated(Terminated),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    pub spec: ContainerSpec,
    pub image: Lookup,
    pub state: CState,
    pub last: Option<Terminated>,
    pub restarts: u32,
    pub logs: Vec<LogChunk>,
    /// The bytes in `logs`.
    pub(crate) log_size: usize,
    pub previous_logs: Vec<LogChunk>,
    pub process: Option<Process>,
    /// The current crash-loop back-off window, once the container has
    /// crashed and been restarted.
    backoff: Option<SimDuration>,
    /// When the back-off was last moved on (flowcontrol's `lastUpdate`).
    backoff_updated: SimTime,
    /// A restart waiting for its image pull (`Always`): the run it replaces.
    repull: Option<Terminated>,
    /// Whether its start has been reached in this sync (containers start in
    /// spec order).
    created: bool,
    /// Files written outside volumes (the container's writable layer).
    pub scratch: BTreeMap<String, String>,
}

impl Container {
    pub fn ready(&self) -> bool {
        matches!(self.state, CState::Running { .. })
    }

    pub fn logs_text(&self, previous: bool) -> String {
        let chunks = if previous {
            &self.previous_logs
        } else {
            &self.logs
        };
        let mut out = Vec::new();
        for c in chunks {
            out.extend_from_slice(&c.bytes);
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
        }
    }
}

/// A volume's contents in a running pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VolumeData {
    Files(Tree),
    /// A volume type podlab does not simulate.
    Unmodelled(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pod {
    pub obj: PodObject,
    pub namespace: String,
    pub uid: String,
    pub created: SimTime,
    pub scheduled: bool,
    pub ip: Option<Ipv4Addr>,
    pub netns: Option<NetNsId>,
    pub volumes: BTreeMap<String, VolumeData>,
    pub containers: Vec<Container>,
    pub phase: Phase,
    pub started: Option<SimTime>,
    /// Failed mount attempts so far.
    mount_failures: u32,
    /// PIDs handed out in the pod's (shared) PID namespace.
    pub(crate) next_pid: u32,
    /// Which container has read or written which volume, so far.
    pub io: BTreeSet<(String, usize, files::Io)>,
}

impl Pod {
    pub fn name(&self) -> &str {
        &self.obj.name
    }

    pub fn container(&self, name: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.spec.name == name)
    }

    /// READY column: `ready/total`.
    pub fn ready_count(&self) -> (usize, usize) {
        (
            self.containers.iter().filter(|c| c.ready()).count(),
            self.containers.len(),
        )
    }

    pub fn restarts(&self) -> u32 {
        self.containers.iter().map(|c| c.restarts).sum()
    }
}

/// What the kubelet does next for a pod.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Timer {
    Schedule(Key),
    Sync(Key),
    /// A container's image pull finished.
    Pulled(Key, usize),
    /// A process wakes up (from `sleep`) or exits.
    Wake(Key, usize),
    /// The periodic volume mount timeout event.
    MountTimeout(Key),
}

/// The whole cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub now: SimTime,
    pub wall: WallClock,
    pub namespaces: BTreeMap<String, SimTime>,
    pub pods: BTreeMap<Key, Pod>,
    pub config_maps: BTreeMap<Key, (ConfigMapObject, SimTime)>,
    pub events: Vec<Event>,
    pub net: Network,
    /// Images already on the node.
    pulled: BTreeSet<String>,
    timers: BTreeMap<(SimTime, u64), Timer>,
    seq: u64,
    /// The simulated CPU the node's processes have had lately, together.
    pub(crate) cpu: Pace,
    next_ip: u8,
    next_uid: u64,
}

/// How the API answered a create or apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    Created,
    Configured,
    Unchanged,
}

/// An error from the API for an object that decoded and validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// `namespaces "ch-4" not found`.
    NamespaceNotFound(String),
    /// `pods "x" already exists` (create).
    AlreadyExists {
        resource: &'static str,
        name: String,
    },
    /// A pod's spec changed in a field that cannot be updated.
    Forbidden(String),
}

impl ApiError {
    /// The body after `Error from server (...)`.
    pub fn message(&self) -> String {
        match self {
            ApiError::NamespaceNotFound(ns) => format!("namespaces \"{ns}\" not found"),
            ApiError::AlreadyExists { resource, name } => {
                format!("{resource} \"{name}\" already exists")
            }
            ApiError::Forbidden(m) => m.clone(),
        }
    }

    /// The reason in parentheses, e.g. `NotFound`.
    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NamespaceNotFound(_) => "NotFound",
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Forbidden(_) => "Invalid",
        }
    }
}

/// The last instant: times saturate there, and nothing due then happens.
pub const END_OF_TIME: SimTime = SimTime(u64::MAX);

/// Delay between the API accepting a pod and the scheduler binding it.
const SCHEDULE_DELAY: SimDuration = SimDuration::from_millis(10);
/// Delay between binding and the kubelet's first sync of the pod.
const KUBELET_DELAY: SimDuration = SimDuration::from_millis(100);

impl Cluster {
    pub fn new(wall: WallClock) -> Self {
        let mut namespaces = BTreeMap::new();
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            namespaces.insert(ns.to_string(), SimTime::ZERO);
        }
        Cluster {
            now: SimTime::ZERO,
            wall,
            namespaces,
            pods: BTreeMap::new(),
            config_maps: BTreeMap::new(),
            events: Vec::new(),
            net: Network::default(),
            pulled: BTreeSet::new(),
            timers: BTreeMap::new(),
            seq: 0,
            cpu: Pace::default(),
            next_ip: 2,
            next_uid: 1,
        }
    }

    fn at(&mut self, t: SimTime, timer: Timer) {
        self.seq += 1;
        self.timers.insert((t, self.seq), timer);
    }

    /// Wake container `i`'s process at `t` (a program that unblocks it).
    pub(crate) fn wake_at(&mut self, t: SimTime, key: &Key, i: usize) {
        self.at(t, Timer::Wake(key.clone(), i));
    }

    fn uid(&mut self) -> String {
        // A UUID-shaped, deterministic identifier.
        let n = self.next_uid;
        self.next_uid += 1;
        format!(
            "{:08x}-0000-4000-8000-{:012x}",
            0x5eed_0000u32 + n as u32,
            n
        )
    }

    /// Record an event, folding a repeat into the previous one as the event
    /// recorder does (same object, reason and message: count + 1).
    pub(crate) fn event(
        &mut self,
        namespace: &str,
        object: &str,
        warning: bool,
        reason: &str,
        from: &str,
        message: String,
    ) {
        let now = self.now;
        if let Some(e) = self.events.iter_mut().find(|e| {
            e.namespace == namespace
                && e.object == object
                && e.reason == reason
                && e.message == message
        }) {
            e.count += 1;
            e.last = now;
            return;
        }
        self.events.push(Event {
            namespace: namespace.to_string(),
            object: object.to_string(),
            warning,
            reason: reason.to_string(),
            from: from.to_string(),
            message,
            first: now,
            last: now,
            count: 1,
        });
    }

    /// Create or update an object that passed validation (kubectl apply).
    pub fn apply(&mut self, obj: &Object, default_ns: &str) -> Result<Applied, ApiError> {
        self.put(obj, default_ns, false)
    }

    /// Create an object (kubectl create): fails if it exists.
    pub fn create(&mut self, obj: &Object, default_ns: &str) -> Result<Applied, ApiError> {
        self.put(obj, default_ns, true)
    }

    fn put(
        &mut self,
        obj: &Object,
        default_ns: &str,
        create_only: bool,
    ) -> Result<Applied, ApiError> {
        let ns = obj.namespace().unwrap_or(default_ns).to_string();
        match obj {
            Object::Namespace(n) => {
                if self.namespaces.contains_key(&n.name) {
                    if create_only {
                        return Err(ApiError::AlreadyExists {
                            resource: "namespaces",
                            name: n.name.clone(),
                        });
                    }
                    return Ok(Applied::Unchanged);
                }
                self.namespaces.insert(n.name.clone(), self.now);
                Ok(Applied::Created)
            }
            Object::ConfigMap(cm) => {
                if !self.namespaces.contains_key(&ns) {
                    return Err(ApiError::NamespaceNotFound(ns));
                }
                let key = (ns, cm.name.clone());
                match self.config_maps.get_mut(&key) {
                    Some(_) if create_only => Err(ApiError::AlreadyExists {
                        resource: "configmaps",
                        name: cm.name.clone(),
                    }),
                    Some((existing, _)) if existing.data == cm.data => Ok(Applied::Unchanged),
                    Some((existing, _)) => {
                        *existing = cm.clone();
                        Ok(Applied::Configured)
                    }
                    None => {
                        self.config_maps.insert(key, (cm.clone(), self.now));
                        Ok(Applied::Created)
                    }
                }
            }
            Object::Pod(p) => {
                if !self.namespaces.contains_key(&ns) {
                    return Err(ApiError::NamespaceNotFound(ns));
                }
                let key = (ns.clone(), p.name.clone());
                if let Some(existing) = self.pods.get(&key) {
                    if create_only {
                        return Err(ApiError::AlreadyExists {
                            resource: "pods",
                            name: p.name.clone(),
                        });
                    }
                    // Where the spec sits in its file is no part of it.
                    if unspanned(&existing.obj.spec) != unspanned(&p.spec) {
                        return Err(ApiError::Forbidden(pod_update_forbidden(&existing.obj, p)));
                    }
                    if existing.obj.labels == p.labels {
                        return Ok(Applied::Unchanged);
                    }
                    // Labels may change on a running pod.
                    let pod = self.pods.get_mut(&key).expect("pod");
                    pod.obj.labels = p.labels.clone();
                    return Ok(Applied::Configured);
                }
                let uid = self.uid();
                let pod = Pod {
                    obj: p.clone(),
                    namespace: ns,
                    uid,
                    created: self.now,
                    scheduled: false,
                    ip: None,
                    netns: None,
                    volumes: BTreeMap::new(),
                    containers: p
                        .spec
                        .containers
                        .iter()
                        .map(|c| Container {
                            spec: c.clone(),
                            image: crate::model::sim::images::lookup(&c.image),
                            state: CState::Waiting {
                                reason: WaitingReason::ContainerCreating,
                                message: None,
                            },
                            last: None,
                            restarts: 0,
                            logs: Vec::new(),
                            log_size: 0,
                            previous_logs: Vec::new(),
                            process: None,
                            backoff: None,
                            backoff_updated: SimTime::ZERO,
                            repull: None,
                            created: false,
                            scratch: BTreeMap::new(),
                        })
                        .collect(),
                    phase: Phase::Pending,
                    started: None,
                    mount_failures: 0,
                    next_pid: 1,
                    io: BTreeSet::new(),
                };
                self.pods.insert(key.clone(), pod);
                let t = self.now + SCHEDULE_DELAY;
                self.at(t, Timer::Schedule(key));
                Ok(Applied::Created)
            }
        }
    }

    /// Delete a pod at once (podlab does not model the grace period).
    pub fn delete_pod(&mut self, ns: &str, name: &str) -> bool {
        let key = (ns.to_string(), name.to_string());
        let Some(pod) = self.pods.remove(&key) else {
            return false;
        };
        if let Some(id) = pod.netns {
            self.net.get_mut(id).clear();
        }
        self.timers.retain(|_, t| !matches!(t, Timer::Schedule(k) | Timer::Sync(k) | Timer::Pulled(k, _) | Timer::Wake(k, _) | Timer::MountTimeout(k) if *k == key));
        self.events
            .retain(|e| !(e.namespace == ns && e.object == format!("pod/{name}")));
        true
    }

    pub fn delete_config_map(&mut self, ns: &str, name: &str) -> bool {
        self.config_maps
            .remove(&(ns.to_string(), name.to_string()))
            .is_some()
    }

    pub fn pod(&self, ns: &str, name: &str) -> Option<&Pod> {
        self.pods.get(&(ns.to_string(), name.to_string()))
    }

    /// Run every timer due up to `t`, then set the clock to `t`. A timer at
    /// the end of time (`sleep inf`, or anything set once the clock got
    /// there: times saturate) never fires: else a container restarted at
    /// the end of time would be restarted again at the same instant, for
    /// ever.
    pub fn advance_to(&mut self, t: SimTime) {
        while let Some((&(when, seq), _)) = self.timers.iter().next() {
            if when > t || when == END_OF_TIME {
                break;
            }
            let timer = self.timers.remove(&(when, seq)).expect("timer present");
            self.now = self.now.max(when);
            self.fire(timer);
        }
        self.now = self.now.max(t);
    }

    pub fn advance(&mut self, d: SimDuration) {
        let t = self.now + d;
        self.advance_to(t);
    }

    /// The next time something is due, if anything is.
    pub fn next_timer(&self) -> Option<SimTime> {
        self.timers.keys().next().map(|(t, _)| *t)
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::Schedule(key) => self.schedule(&key),
            Timer::Sync(key) => self.sync(&key),
            Timer::Pulled(key, i) => self.pulled(&key, i),
            Timer::Wake(key, i) => self.wake(&key, i),
            Timer::MountTimeout(key) => self.mount_timeout(&key),
        }
    }
}

impl Cluster {
    /// Whether `self` and `other` are the same cluster but for where their
    /// objects sit in their files (spans and sources), which the simulation
    /// never reads: two such clusters, advanced alike, stay the same but
    /// for those (an edit that changes no object, such as a comment).
    pub fn same_but_sources(&self, other: &Cluster) -> bool {
        let unsourced = |cl: &Cluster| {
            let mut c = cl.clone();
            let nowhere = |s: &mut crate::model::lang::kube::objects::Source| {
                s.doc = 0;
                s.file = crate::model::base::diag::FileId::CommandLine;
                s.span = crate::model::base::diag::Span::default();
            };
            for p in c.pods.values_mut() {
                p.obj.spec = unspanned(&p.obj.spec);
                nowhere(&mut p.obj.source);
                for ci in &mut p.containers {
                    unspan_container(&mut ci.spec);
                }
            }
            for (cm, _) in c.config_maps.values_mut() {
                nowhere(&mut cm.source);
            }
            c
        };
        self.pods.len() == other.pods.len()
            && self.config_maps.len() == other.config_maps.len()
            && unsourced(self) == unsourced(other)
    }

    /// Take the objects' spans and sources from `from` (a cluster
    /// [`Cluster::same_but_sources`] as this one's), so that this cluster
    /// is the one `from`'s files make.
    pub fn take_sources(&mut self, from: &Cluster) {
        for (key, p) in self.pods.iter_mut() {
            if let Some(q) = from.pods.get(key) {
                p.obj = q.obj.clone();
                for (c, d) in p.containers.iter_mut().zip(&q.containers) {
                    c.spec = d.spec.clone();
                }
            }
        }
        for (key, (cm, _)) in self.config_maps.iter_mut() {
            if let Some((c, _)) = from.config_maps.get(key) {
                *cm = c.clone();
            }
        }
    }
}

/// A pod spec with every span cleared, to compare what two manifests say.
fn unspanned(
    spec: &crate::model::lang::kube::objects::PodSpec,
) -> crate::model::lang::kube::objects::PodSpec {
    use crate::model::base::diag::Span;
    let mut s = spec.clone();
    for c in s.containers.iter_mut().chain(s.init_containers.iter_mut()) {
        unspan_container(c);
    }
    for v in &mut s.volumes {
        v.span = Span::default();
    }
    s
}

/// A container's spec with every span cleared.
fn unspan_container(c: &mut ContainerSpec) {
    use crate::model::base::diag::Span;
    c.span = Span::default();
    c.image_span = Span::default();
    for p in &mut c.ports {
        p.span = Span::default();
    }
    for m in &mut c.mounts {
        m.span = Span::default();
    }
}

/// The API's answer to changing a running pod's spec: the Status message,
/// `Pod "x" is invalid: spec: Forbidden: …` (podlab leaves out the diff of
/// the two specs that follows it).
fn pod_update_forbidden(old: &PodObject, new: &PodObject) -> String {
    let _ = old;
    format!("Pod {:?} is invalid: {}", new.name, POD_UPDATE_FORBIDDEN)
}

/// pkg/apis/core/validation: `ValidatePodUpdate`'s message.
const POD_UPDATE_FORBIDDEN: &str = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_as_the_api_writes_them() {
        let check = |r: WaitingReason, text: &str, failed: bool| {
            assert_eq!((r.to_string().as_str(), r.failed()), (text, failed));
        };
        check(WaitingReason::ContainerCreating, "ContainerCreating", false);
        // While the image is pulled the API says ContainerCreating.
        check(WaitingReason::Pulling, "ContainerCreating", false);
        check(WaitingReason::ErrImagePull, "ErrImagePull", true);
        check(WaitingReason::ImagePullBackOff, "ImagePullBackOff", true);
        check(WaitingReason::ErrImageNeverPull, "ErrImageNeverPull", true);
        check(WaitingReason::CrashLoopBackOff, "CrashLoopBackOff", true);
        assert_eq!(TerminatedReason::of_exit(0).to_string(), "Completed");
        assert_eq!(TerminatedReason::of_exit(1).to_string(), "Error");
        assert_eq!(TerminatedReason::of_exit(137).to_string(), "Error");
    }
}
