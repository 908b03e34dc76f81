//! The kubelet's part: schedule, mount volumes, create the sandbox, pull
//! images and start containers in spec order, notice exits and restart with
//! back-off. Timings and messages follow the kubelet's (sources inline).

use std::net::Ipv4Addr;

use super::process::Started;
use super::{
    CState, Cluster, Key, NODE_NAME, POD_CIDR_BASE, Phase, Terminated, TerminatedReason, Timer,
    VolumeData, WaitingReason,
};
use crate::model::base::fs;
use crate::model::base::net::NetNs;
use crate::model::base::time::SimDuration;
use crate::model::lang::kube::objects::{PullPolicy, VolumeSourceSpec};
use crate::model::sim::images::Lookup;
use crate::model::sim::programs;

/// Kubelet's crash-loop back-off: 10 s, doubling, capped at 5 min
/// (pkg/kubelet/kubelet.go: `backOffPeriod`, `MaxContainerBackOff`, fed to
/// client-go's `flowcontrol.NewBackOff`). The first crash has no back-off
/// entry yet, so the first restart is immediate (kubernetes/kubernetes#133472,
/// still open). The pod worker requeues the pod exactly when the back-off
/// ends since kubernetes/kubernetes#133066 (merged in 2025), as podlab does.
pub const BACKOFF_INITIAL: SimDuration = SimDuration::from_secs(10);
pub const BACKOFF_MAX: SimDuration = SimDuration::from_secs(300);
/// A back-off entry not moved on for twice the cap (10 min) has expired and
/// starts again from 10 s (client-go util/flowcontrol/backoff.go:
/// `hasExpired`, `eventTime.Sub(lastUpdate) > maxDuration*2`).
const BACKOFF_EXPIRY: SimDuration = SimDuration::from_secs(600);
/// PLEG notices a container's exit within its relist period
/// (pkg/kubelet/pleg/generic.go: `relistPeriod`, 1 s).
pub const PLEG_RELIST: SimDuration = SimDuration::from_secs(1);
/// Volume mount retries back off from 500 ms, doubling, up to 2m2s
/// (pkg/util/goroutinemap/exponentialbackoff).
const MOUNT_RETRY_INITIAL: SimDuration = SimDuration::from_millis(500);
const MOUNT_RETRY_MAX: SimDuration = SimDuration::from_secs(122);
/// `WaitForAttachAndMount` gives up after 2m3s and reports it.
const MOUNT_TIMEOUT: SimDuration = SimDuration::from_secs(123);
/// Creating the sandbox (pause container, network) takes this long here.
const SANDBOX_SETUP: SimDuration = SimDuration::from_millis(200);
/// Image pull back-off: the kubelet's image manager uses a second
/// `flowcontrol.NewBackOff(backOffPeriod, MaxContainerBackOff)` (10 s doubling
/// to 5 min, pkg/kubelet/kubelet.go), keyed by pod and image.
const PULL_BACKOFF_INITIAL: SimDuration = BACKOFF_INITIAL;
/// How long the registry takes to say a tag does not exist (podlab's figure).
const PULL_NOT_FOUND: SimDuration = SimDuration::from_millis(900);

impl Cluster {
    /// The kubelet's `Pulling` event for a container's image.
    fn pulling(&mut self, key: &Key, image: &str) {
        let (ns, name) = key.clone();
        self.event(
            &ns,
            &format!("pod/{name}"),
            false,
            "Pulling",
            "kubelet",
            format!("Pulling image \"{image}\""),
        );
    }

    pub(super) fn schedule(&mut self, key: &Key) {
        let Some(pod) = self.pods.get_mut(key) else {
            return;
        };
        pod.scheduled = true;
        let (ns, name) = key.clone();
        self.event(
            &ns,
            &format!("pod/{name}"),
            false,
            "Scheduled",
            "default-scheduler",
            format!("Successfully assigned {ns}/{name} to {NODE_NAME}"),
        );
        let t = self.now + super::KUBELET_DELAY;
        self.at(t, Timer::Sync(key.clone()));
    }

    /// One pass of the kubelet's SyncPod for a pod.
    pub(super) fn sync(&mut self, key: &Key) {
        let Some(pod) = self.pods.get(key) else {
            return;
        };
        if pod.netns.is_none() {
            if !self.mount(key) {
                return;
            }
            self.sandbox(key);
            let t = self.now + SANDBOX_SETUP;
            self.at(t, Timer::Sync(key.clone()));
            return;
        }
        let n = self.pods[key].containers.len();
        for i in 0..n {
            let c = &self.pods[key].containers[i];
            if !c.created {
                // Containers start one after another: wait for this one.
                self.create_container(key, i);
                if !self.pods[key].containers[i].created {
                    self.update_phase(key);
                    return;
                }
                continue;
            }
            if c.repull.is_some() {
                continue;
            }
            let dead = match &c.state {
                CState::Terminated(t) => Some(t.clone()),
                CState::Waiting {
                    reason: WaitingReason::CrashLoopBackOff,
                    ..
                } => c.last.clone(),
                _ => None,
            };
            if let Some(t) = dead {
                self.maybe_restart(key, i, &t);
            }
        }
        self.update_phase(key);
    }

    /// Mount every volume, or record why not. Returns whether all mounted.
    fn mount(&mut self, key: &Key) -> bool {
        let (ns, name) = key.clone();
        let pod = &self.pods[key];
        let stamp = fs::atomic_dir_name(&self.wall.civil(self.now));
        let mut volumes = std::collections::BTreeMap::new();
        let mut missing = Vec::new();
        for v in &pod.obj.spec.volumes {
            match &v.source {
                VolumeSourceSpec::ConfigMap {
                    name: cm,
                    items,
                    optional,
                } => match self.config_maps.get(&(ns.clone(), cm.clone())) {
                    Some((obj, _)) => {
                        volumes.insert(
                            v.name.clone(),
                            VolumeData::Files(fs::config_map_tree(&obj.data, items, &stamp)),
                        );
                    }
                    None if *optional => {
                        volumes.insert(v.name.clone(), VolumeData::Files(fs::Tree::default()));
                    }
                    None => missing.push((v.name.clone(), cm.clone())),
                },
                VolumeSourceSpec::EmptyDir { .. } => {
                    volumes.insert(v.name.clone(), VolumeData::Files(fs::Tree::default()));
                }
                VolumeSourceSpec::Unmodelled(kind) => {
                    volumes.insert(v.name.clone(), VolumeData::Unmodelled(kind));
                }
            }
        }
        if missing.is_empty() {
            self.pods.get_mut(key).expect("pod").volumes = volumes;
            return true;
        }
        for (vol, cm) in &missing {
            self.event(
                &ns,
                &format!("pod/{name}"),
                true,
                "FailedMount",
                "kubelet",
                format!(
                    "MountVolume.SetUp failed for volume \"{vol}\" : configmap \"{cm}\" not found"
                ),
            );
        }
        let pod = self.pods.get_mut(key).expect("pod");
        pod.mount_failures += 1;
        let failures = pod.mount_failures;
        if failures == 1 {
            let t = self.now + MOUNT_TIMEOUT;
            self.at(t, Timer::MountTimeout(key.clone()));
        }
        let delay = MOUNT_RETRY_INITIAL
            .saturating_mul(1u64 << (failures - 1).min(20))
            .min(MOUNT_RETRY_MAX);
        let t = self.now + delay;
        self.at(t, Timer::Sync(key.clone()));
        false
    }

    pub(super) fn mount_timeout(&mut self, key: &Key) {
        let Some(pod) = self.pods.get(key) else {
            return;
        };
        if pod.netns.is_some() {
            return;
        }
        let (ns, name) = key.clone();
        let unmounted: Vec<String> = pod
            .obj
            .spec
            .volumes
            .iter()
            .filter(|v| matches!(&v.source, VolumeSourceSpec::ConfigMap { name: cm, optional: false, .. } if !self.config_maps.contains_key(&(ns.clone(), cm.clone()))))
            .map(|v| v.name.clone())
            .collect();
        self.event(
            &ns,
            &format!("pod/{name}"),
            true,
            "FailedMount",
            "kubelet",
            format!(
                "Unable to attach or mount volumes: unmounted volumes=[{}], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition",
                unmounted.join(" ")
            ),
        );
        let t = self.now + MOUNT_TIMEOUT;
        self.at(t, Timer::MountTimeout(key.clone()));
    }

    /// The pod sandbox: a network namespace with the next pod IP.
    fn sandbox(&mut self, key: &Key) {
        let ip = Ipv4Addr::new(
            POD_CIDR_BASE[0],
            POD_CIDR_BASE[1],
            POD_CIDR_BASE[2],
            self.next_ip,
        );
        self.next_ip = self.next_ip.wrapping_add(1).max(2);
        let id = self.net.add(NetNs::new(Some(ip)));
        let now = self.now;
        let pod = self.pods.get_mut(key).expect("pod");
        pod.ip = Some(ip);
        pod.netns = Some(id);
        pod.started = Some(now);
    }

    /// Pull (if needed), create and start container `i`.
    fn create_container(&mut self, key: &Key, i: usize) {
        let (ns, name) = key.clone();
        let c = &self.pods[key].containers[i];
        let image = c.spec.image.clone();
        let object = format!("pod/{name}");
        if let CState::Waiting {
            reason: WaitingReason::Pulling,
            ..
        } = &c.state
        {
            return;
        }
        match &c.image {
            Lookup::NearMiss { .. } => {
                self.pulling(key, &image);
                self.set_state(
                    key,
                    i,
                    CState::Waiting {
                        reason: WaitingReason::Pulling,
                        message: None,
                    },
                );
                let t = self.now + PULL_NOT_FOUND;
                self.at(t, Timer::Pulled(key.clone(), i));
            }
            _ if c.spec.pull_policy == PullPolicy::Never && !self.pulled.contains(&image) => {
                // The image manager refuses to pull (the real kubelet repeats this on
                // every sync; the image never comes, so podlab says it once).
                let msg =
                    format!("Container image \"{image}\" is not present with pull policy of Never");
                self.event(
                    &ns,
                    &object,
                    true,
                    "ErrImageNeverPull",
                    "kubelet",
                    msg.clone(),
                );
                self.event(
                    &ns,
                    &object,
                    true,
                    "Failed",
                    "kubelet",
                    "Error: ErrImageNeverPull".into(),
                );
                self.set_state(
                    key,
                    i,
                    CState::Waiting {
                        reason: WaitingReason::ErrImageNeverPull,
                        message: Some(msg),
                    },
                );
                // The kubelet goes on with the other containers.
                self.pods.get_mut(key).expect("pod").containers[i].created = true;
            }
            _ => {
                let always = c.spec.pull_policy == PullPolicy::Always;
                if self.pulled.contains(&image) && !always {
                    self.event(
                        &ns,
                        &object,
                        false,
                        "Pulled",
                        "kubelet",
                        format!("Container image \"{image}\" already present on machine"),
                    );
                    self.start(key, i);
                } else {
                    self.pulling(key, &image);
                    self.set_state(
                        key,
                        i,
                        CState::Waiting {
                            reason: WaitingReason::Pulling,
                            message: None,
                        },
                    );
                    let pull = self.pull_time(key, i);
                    let t = self.now + pull;
                    self.at(t, Timer::Pulled(key.clone(), i));
                }
            }
        }
    }

    fn pull_time(&self, key: &Key, i: usize) -> SimDuration {
        match &self.pods[key].containers[i].image {
            Lookup::Known(img) if self.pulled.contains(&img.reference) => {
                SimDuration::from_millis(512)
            }
            Lookup::Known(img) => img.pull,
            _ => SimDuration::from_millis(2048),
        }
    }

    fn set_state(&mut self, key: &Key, i: usize, state: CState) {
        if let Some(p) = self.pods.get_mut(key) {
            p.containers[i].state = state;
        }
    }

    pub(super) fn pulled(&mut self, key: &Key, i: usize) {
        let Some(pod) = self.pods.get(key) else {
            return;
        };
        let (ns, name) = key.clone();
        let object = format!("pod/{name}");
        let c = &pod.containers[i];
        let image = c.spec.image.clone();
        if let Lookup::NearMiss { .. } = &c.image {
            let full = full_reference(&image);
            // flowcontrol's Next: a first failure starts at 10 s, each further
            // one doubles it, up to the cap.
            let backoff = match c.backoff {
                Some(b) if self.now.since(c.backoff_updated) <= BACKOFF_EXPIRY => {
                    b.saturating_mul(2).min(BACKOFF_MAX)
                }
                _ => PULL_BACKOFF_INITIAL,
            };
            let why = format!(
                "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
            );
            self.event(
                &ns,
                &object,
                true,
                "Failed",
                "kubelet",
                format!("Failed to pull image \"{image}\": {why}"),
            );
            self.event(
                &ns,
                &object,
                true,
                "Failed",
                "kubelet",
                "Error: ErrImagePull".into(),
            );
            let pod = self.pods.get_mut(key).expect("pod");
            pod.containers[i].state = CState::Waiting {
                reason: WaitingReason::ErrImagePull,
                message: Some(why),
            };
            pod.containers[i].backoff = Some(backoff);
            pod.containers[i].backoff_updated = self.now;
            pod.containers[i].created = true;
            // The kubelet goes on with the other containers, and retries the
            // pull after the back-off, showing ImagePullBackOff meanwhile.
            let t = self.now + PLEG_RELIST;
            self.at(t, Timer::Wake(key.clone(), i));
            self.sync(key);
            return;
        }
        let took = self.pull_time(key, i);
        self.pulled.insert(image.clone());
        self.event(
            &ns,
            &object,
            false,
            "Pulled",
            "kubelet",
            // fidelity.md's wording. Newer kubelets append `Image size: N
            // bytes.`; podlab knows no real image sizes, so it leaves it out
            // rather than invent them.
            format!("Successfully pulled image \"{image}\" in {took} ({took} including waiting)"),
        );
        let repull = self
            .pods
            .get_mut(key)
            .and_then(|p| p.containers[i].repull.take());
        match repull {
            Some(t) => self.restart_now(key, i, &t),
            None => self.start(key, i),
        }
        self.sync(key);
    }

    /// Create and start container `i`'s process.
    fn start(&mut self, key: &Key, i: usize) {
        let (ns, name) = key.clone();
        let object = format!("pod/{name}");
        let cname = self.pods[key].containers[i].spec.name.clone();
        self.event(
            &ns,
            &object,
            false,
            "Created",
            "kubelet",
            format!("Created container: {cname}"),
        );
        self.event(
            &ns,
            &object,
            false,
            "Started",
            "kubelet",
            format!("Started container {cname}"),
        );
        let now = self.now;
        {
            let pod = self.pods.get_mut(key).expect("pod");
            let c = &mut pod.containers[i];
            c.created = true;
            c.state = CState::Running { started: now };
        }
        let started = programs::start(self, key, i);
        self.after_start(key, i, started);
    }

    pub(super) fn after_start(&mut self, key: &Key, i: usize, started: Started) {
        match started {
            Started::Running { wake } => {
                if let Some(t) = wake {
                    self.at(t, Timer::Wake(key.clone(), i));
                }
            }
            Started::Exits { code, at } => {
                self.at(at, Timer::Wake(key.clone(), i));
                if let Some(p) = self.pods.get_mut(key)
                    && let Some(pr) = p.containers[i].process.as_mut()
                {
                    pr.exit_code = Some(code);
                }
            }
        }
        self.update_phase(key);
    }

    /// A process timer: it wakes from sleep, or it exits now.
    pub(super) fn wake(&mut self, key: &Key, i: usize) {
        let Some(pod) = self.pods.get(key) else {
            return;
        };
        let c = &pod.containers[i];
        if let CState::Waiting { reason, .. } = &c.state {
            if *reason == WaitingReason::ErrImagePull {
                let b = c.backoff.unwrap_or(PULL_BACKOFF_INITIAL);
                let image = c.spec.image.clone();
                // The status message carries the last pull error after the
                // event's text (seen: `Back-off pulling image "…": ErrImagePull: rpc error: …`).
                let last = match &c.state {
                    CState::Waiting {
                        message: Some(m), ..
                    } => format!(": ErrImagePull: {m}"),
                    _ => String::new(),
                };
                let (ns, name) = key.clone();
                self.event(
                    &ns,
                    &format!("pod/{name}"),
                    false,
                    "BackOff",
                    "kubelet",
                    format!("Back-off pulling image \"{image}\""),
                );
                self.event(
                    &ns,
                    &format!("pod/{name}"),
                    true,
                    "Failed",
                    "kubelet",
                    "Error: ImagePullBackOff".into(),
                );
                self.set_state(
                    key,
                    i,
                    CState::Waiting {
                        reason: WaitingReason::ImagePullBackOff,
                        message: Some(format!("Back-off pulling image \"{image}\"{last}")),
                    },
                );
                let t = self.now
                    + SimDuration::from_micros(
                        b.as_micros().saturating_sub(PLEG_RELIST.as_micros()),
                    );
                self.at(t, Timer::Wake(key.clone(), i));
                return;
            }
            if *reason == WaitingReason::ImagePullBackOff {
                let image = self.pods[key].containers[i].spec.image.clone();
                self.pulling(key, &image);
                let t = self.now + PULL_NOT_FOUND;
                self.at(t, Timer::Pulled(key.clone(), i));
                return;
            }
        }
        let exit = pod.containers[i].process.as_ref().and_then(|p| p.exit_code);
        if let Some(code) = exit {
            self.exited(key, i, code);
            return;
        }
        let r = programs::resume(self, key, i);
        self.after_start(key, i, r);
    }

    /// The container's main process ended with `code`.
    fn exited(&mut self, key: &Key, i: usize, code: i32) {
        let now = self.now;
        let pod = self.pods.get_mut(key).expect("pod");
        let c = &mut pod.containers[i];
        let started = match c.state {
            CState::Running { started } => started,
            _ => now,
        };
        c.process = None;
        c.state = CState::Terminated(Terminated {
            exit_code: code,
            reason: TerminatedReason::of_exit(code),
            started,
            finished: now,
        });
        if let Some(id) = pod.netns {
            self.net.get_mut(id).release_container(i);
        }
        self.update_phase(key);
        let t = now + PLEG_RELIST;
        self.at(t, Timer::Sync(key.clone()));
    }

    /// Restart a terminated container if the policy says so, with back-off.
    fn maybe_restart(&mut self, key: &Key, i: usize, t: &Terminated) {
        use crate::model::lang::kube::objects::RestartPolicy;
        let pod = &self.pods[key];
        let restart = match pod.obj.spec.restart_policy {
            RestartPolicy::Always => true,
            RestartPolicy::OnFailure => t.exit_code != 0,
            RestartPolicy::Never => false,
        };
        if !restart {
            return;
        }
        let c = &pod.containers[i];
        let (ns, name) = key.clone();
        let uid = pod.uid.clone();
        let cname = c.spec.name.clone();
        // IsInBackOffSince: an entry that expired no longer holds it back.
        let expired = t.finished.since(c.backoff_updated) > BACKOFF_EXPIRY;
        if let Some(b) = c.backoff
            && !expired
            && self.now.since(t.finished) < b
        {
            // IsInBackOffSince: wait out the window.
            self.event(
                &ns,
                &format!("pod/{name}"),
                true,
                "BackOff",
                "kubelet",
                format!("Back-off restarting failed container {cname} in pod {name}_{ns}({uid})"),
            );
            let until = t.finished + b;
            let pod = self.pods.get_mut(key).expect("pod");
            pod.containers[i].last = Some(t.clone());
            pod.containers[i].state = CState::Waiting {
                reason: WaitingReason::CrashLoopBackOff,
                message: Some(format!(
                    "back-off {b} restarting failed container={cname} pod={name}_{ns}({uid})"
                )),
            };
            self.at(until, Timer::Sync(key.clone()));
            return;
        }
        // backOff.Next: a new or expired entry starts at 10 s, else doubles.
        let next = match c.backoff {
            Some(b) if !expired => b.saturating_mul(2).min(BACKOFF_MAX),
            _ => BACKOFF_INITIAL,
        };
        let now = self.now;
        let pod = self.pods.get_mut(key).expect("pod");
        let c = &mut pod.containers[i];
        c.backoff = Some(next);
        c.backoff_updated = now;
        let image = c.spec.image.clone();
        if c.spec.pull_policy == PullPolicy::Always {
            // Pulled again before every start; the old run shows meanwhile.
            c.repull = Some(t.clone());
            self.pulling(key, &image);
            let pull = self.pull_time(key, i);
            let at = self.now + pull;
            self.at(at, Timer::Pulled(key.clone(), i));
            return;
        }
        self.event(
            &ns,
            &format!("pod/{name}"),
            false,
            "Pulled",
            "kubelet",
            format!("Container image \"{image}\" already present on machine"),
        );
        self.restart_now(key, i, t);
    }

    /// A new run of container `i` replaces the one that ended as `t`.
    fn restart_now(&mut self, key: &Key, i: usize, t: &Terminated) {
        let pod = self.pods.get_mut(key).expect("pod");
        let c = &mut pod.containers[i];
        c.last = Some(t.clone());
        c.restarts += 1;
        c.previous_logs = std::mem::take(&mut c.logs);
        c.log_size = 0;
        self.start(key, i);
    }

    /// Pod phase from its containers (pkg/kubelet/kubelet_pods.go, getPhase).
    pub(super) fn update_phase(&mut self, key: &Key) {
        let Some(pod) = self.pods.get_mut(key) else {
            return;
        };
        let all_created = pod.containers.iter().all(|c| {
            c.created
                && !matches!(
                    &c.state,
                    CState::Waiting {
                        reason: WaitingReason::ContainerCreating | WaitingReason::Pulling,
                        ..
                    }
                )
        });
        let running = pod
            .containers
            .iter()
            .filter(|c| matches!(c.state, CState::Running { .. }))
            .count();
        let waiting = pod
            .containers
            .iter()
            .filter(|c| matches!(c.state, CState::Waiting { .. }))
            .count();
        let terminated: Vec<&Terminated> = pod
            .containers
            .iter()
            .filter_map(|c| match &c.state {
                CState::Terminated(t) => Some(t),
                _ => None,
            })
            .collect();
        use crate::model::lang::kube::objects::RestartPolicy;
        let policy = pod.obj.spec.restart_policy;
        pod.phase = if pod.netns.is_none() || !all_created {
            if running > 0 {
                Phase::Running
            } else {
                Phase::Pending
            }
        } else if running > 0
            || (waiting > 0
                && pod
                    .containers
                    .iter()
                    .any(|c| c.restarts > 0 || c.last.is_some()))
        {
            Phase::Running
        } else if waiting > 0 {
            Phase::Pending
        } else if terminated.len() == pod.containers.len() {
            match policy {
                RestartPolicy::Always => Phase::Running,
                _ if terminated.iter().all(|t| t.exit_code == 0) => Phase::Succeeded,
                RestartPolicy::Never => Phase::Failed,
                RestartPolicy::OnFailure => Phase::Running,
            }
        } else {
            Phase::Running
        };
    }
}

/// `haproxy:1.77` → `docker.io/library/haproxy:1.77`, as containerd names it.
fn full_reference(image: &str) -> String {
    let (name, tag) = crate::model::sim::images::split(image);
    let name = if name.contains('/') {
        name
    } else {
        format!("library/{name}")
    };
    let name = if name
        .split('/')
        .next()
        .is_some_and(|h| h.contains('.') || h.contains(':'))
    {
        name
    } else {
        format!("docker.io/{name}")
    };
    format!("{name}:{tag}")
}
