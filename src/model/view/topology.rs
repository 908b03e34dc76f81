//! The live picture of the pods: who listens where in each pod's network
//! namespace, which container reaches which over localhost, which volume is
//! mounted where, and which pods are clients of which. Derived from the
//! cluster each time, so the diagram can never tell a different story from
//! the model.

use std::net::IpAddr;

use crate::model::base::i18n::{Arg, Key, Msg, Text};
use crate::model::lang::kube::objects::VolumeSourceSpec;
use crate::model::sim::cluster::files::Io;
use crate::model::sim::cluster::{CState, Cluster, Pod, VolumeData};
use crate::model::sim::images::Lookup;
use crate::model::sim::programs::{haproxy, nginx};
use crate::model::tools::kubectl;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    Running,
    Waiting,
    Failed,
    Done,
}

impl Health {
    pub fn class(self) -> &'static str {
        match self {
            Health::Running => "running",
            Health::Waiting => "waiting",
            Health::Failed => "failed",
            Health::Done => "done",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerView {
    pub name: String,
    pub image: String,
    /// What runs in it, in a few words: the program's name, or podlab's.
    pub program: Text,
    pub health: Health,
    /// The state as `kubectl describe` words it.
    pub state: String,
    /// Its main process's PID, while it runs.
    pub pid: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListenerView {
    pub container: usize,
    pub ip: IpAddr,
    pub port: u16,
    /// Declared as a `containerPort` of its container.
    pub declared: bool,
}

impl ListenerView {
    pub fn loopback_only(&self) -> bool {
        self.ip.is_loopback()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountView {
    pub container: usize,
    pub path: String,
    pub read_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeView {
    pub name: String,
    /// `configMap`, `emptyDir`, ...
    pub kind: String,
    /// The ConfigMap it comes from, for configMap volumes.
    pub source: Option<String>,
    /// The ConfigMap does not exist (yet).
    pub missing: bool,
    pub mounts: Vec<MountView>,
    /// Containers that have written to it, and that have read from it (or
    /// serve it: nginx's document root), as the model saw them do.
    pub writers: Vec<usize>,
    pub readers: Vec<usize>,
}

/// A multi-container pattern recognised in a pod, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternView {
    /// `ambassador`, `sidecar` or `adapter`.
    pub name: &'static str,
    /// The helper container the pattern is named after.
    pub helper: usize,
    /// The container it helps.
    pub main: usize,
    /// One line: what the model saw that makes it so.
    pub why: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodView {
    pub name: String,
    pub ip: Option<String>,
    pub status: String,
    pub ready: String,
    pub containers: Vec<ContainerView>,
    pub volumes: Vec<VolumeView>,
    pub listeners: Vec<ListenerView>,
    pub shared_pid: bool,
    pub patterns: Vec<PatternView>,
}

impl PodView {
    /// Container names, comma-separated.
    pub fn names(&self, ids: &[usize]) -> String {
        ids.iter()
            .filter_map(|&i| self.containers.get(i))
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A pod that listens nowhere is drawn as a client.
    pub fn is_client(&self) -> bool {
        self.listeners.is_empty() && self.volumes.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// A client pod can reach a listener of another pod at that pod's IP.
    /// `declared`: the port is a declared containerPort (drawn solid).
    Client {
        from: usize,
        to: usize,
        listener: usize,
        declared: bool,
    },
    /// A container's proxy connects over the pod's localhost; `to` is the
    /// container listening there, if any.
    Local {
        pod: usize,
        from: usize,
        to: Option<usize>,
        addr: String,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Topology {
    pub pods: Vec<PodView>,
    pub links: Vec<Link>,
}

fn health(c: &crate::model::sim::cluster::Container) -> (Health, String) {
    match &c.state {
        CState::Running { .. } => (Health::Running, "Running".into()),
        CState::Waiting { reason, .. } if reason.failed() => (Health::Failed, reason.to_string()),
        CState::Waiting { reason, .. } => (Health::Waiting, reason.to_string()),
        CState::Terminated(t) if t.exit_code == 0 => {
            (Health::Done, format!("Terminated: {} (exit 0)", t.reason))
        }
        CState::Terminated(t) => (
            Health::Failed,
            format!("Terminated: {} (exit {})", t.reason, t.exit_code),
        ),
    }
}

fn program(c: &crate::model::sim::cluster::Container) -> Text {
    use crate::model::sim::images::Kind;
    match &c.image {
        Lookup::Known(img) if img.kind == Kind::FruitService => {
            Text::Own(Key::DiagProgramFruit.msg())
        }
        Lookup::Known(img) => Text::Verbatim(img.kind.label()),
        Lookup::NearMiss { .. } => Text::Own(Key::DiagImageNotFound.msg()),
        Lookup::Unknown => Text::Own(Key::DiagNotModelled.msg()),
    }
}

fn pod_view(cluster: &Cluster, pod: &Pod) -> PodView {
    let containers = pod
        .containers
        .iter()
        .map(|c| {
            let (h, state) = health(c);
            ContainerView {
                name: c.spec.name.clone(),
                image: c.spec.image.clone(),
                program: program(c),
                health: h,
                state,
                pid: c
                    .process
                    .as_ref()
                    .filter(|_| matches!(c.state, CState::Running { .. }))
                    .map(|p| p.pid),
            }
        })
        .collect();
    let mut listeners = Vec::new();
    if let Some(ns) = pod.netns {
        for (addr, l) in cluster.net.get(ns).listeners() {
            let declared = pod.containers[l.container]
                .spec
                .ports
                .iter()
                .any(|p| p.port == addr.port);
            listeners.push(ListenerView {
                container: l.container,
                ip: addr.ip,
                port: addr.port,
                declared,
            });
        }
    }
    crate::model::base::sort::sort_by_key(&mut listeners, |l| (l.container, l.port));
    // One badge per port: nginx's `listen [::]:80` beside `listen 80`.
    listeners.dedup_by_key(|l| (l.container, l.port));
    let volumes = pod
        .obj
        .spec
        .volumes
        .iter()
        .map(|v| {
            let (kind, source) = match &v.source {
                VolumeSourceSpec::ConfigMap { name, .. } => {
                    ("configMap".to_string(), Some(name.clone()))
                }
                VolumeSourceSpec::EmptyDir { .. } => ("emptyDir".to_string(), None),
                VolumeSourceSpec::Unmodelled(k) => ((*k).to_string(), None),
            };
            let missing = match &v.source {
                VolumeSourceSpec::ConfigMap {
                    name,
                    optional: false,
                    ..
                } => !cluster
                    .config_maps
                    .contains_key(&(pod.namespace.clone(), name.clone())),
                _ => false,
            } && !matches!(pod.volumes.get(&v.name), Some(VolumeData::Files(_)));
            let mounts = pod
                .containers
                .iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    c.spec
                        .mounts
                        .iter()
                        .filter(|m| m.volume == v.name)
                        .map(move |m| MountView {
                            container: i,
                            path: m.path.clone(),
                            read_only: m.read_only,
                        })
                })
                .collect();
            let who = |io: Io| -> Vec<usize> {
                pod.io
                    .iter()
                    .filter(|(name, _, x)| *name == v.name && *x == io)
                    .map(|(_, c, _)| *c)
                    .collect()
            };
            let writers = who(Io::Writes);
            let mut readers = who(Io::Reads);
            // nginx serves its document root whether or not a request came.
            for (i, c) in pod.containers.iter().enumerate() {
                if nginx::serves_volume(c, &v.name) && !readers.contains(&i) {
                    readers.push(i);
                }
            }
            readers.sort_unstable();
            VolumeView {
                name: v.name.clone(),
                kind,
                source,
                missing,
                mounts,
                writers,
                readers,
            }
        })
        .collect();
    let (ready, total) = pod.ready_count();
    PodView {
        name: pod.name().to_string(),
        ip: pod.ip.map(|ip| ip.to_string()),
        status: kubectl::pod_status(pod),
        ready: format!("{ready}/{total}"),
        containers,
        volumes,
        listeners,
        shared_pid: pod.obj.spec.share_process_namespace,
        patterns: Vec::new(),
    }
}

fn outward_ports(p: &PodView, c: usize) -> Vec<u16> {
    p.listeners
        .iter()
        .filter(|l| l.container == c && !l.loopback_only())
        .map(|l| l.port)
        .collect()
}

fn ports_text(ports: &[u16]) -> String {
    ports
        .iter()
        .map(|p| format!(":{p}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an ambassador proxies: the pod's outward ports of container `c`,
/// or its clients.
fn input(v: &PodView, c: usize) -> Msg {
    let ports = outward_ports(v, c);
    if ports.is_empty() {
        Key::WhyItsClients.msg()
    } else {
        Key::WhyPodPorts.msg().arg("ports", ports_text(&ports))
    }
}

/// Name the patterns a pod shows, from what runs in it: an ambassador
/// proxies the pod's input over localhost; a sidecar shares a volume or the
/// output of the main container; an adapter transforms output for
/// consumers outside the pod.
fn recognise(pod: &Pod, v: &PodView, links: &[Link], pi: usize) -> Vec<PatternView> {
    let mut out: Vec<PatternView> = Vec::new();
    let mut push = |p: PatternView| {
        if !out.iter().any(|o| o.name == p.name && o.helper == p.helper) {
            out.push(p);
        }
    };
    for l in links {
        let Link::Local {
            pod: lp,
            from,
            to,
            addr,
        } = l
        else {
            continue;
        };
        if *lp != pi || Some(*from) == *to {
            continue;
        }
        let Some(to) = to else {
            // Proxying to a localhost port where nothing listens: an
            // ambassador all the same, with nothing behind it.
            push(PatternView {
                name: "ambassador",
                helper: *from,
                main: *from,
                why: Key::WhyAmbassadorNothing
                    .msg()
                    .arg("helper", &v.containers[*from].name)
                    .arg_msg("input", input(v, *from))
                    .arg("addr", addr),
            });
            continue;
        };
        push(PatternView {
            name: "ambassador",
            helper: *from,
            main: *to,
            why: Key::WhyAmbassador
                .msg()
                .arg("helper", &v.containers[*from].name)
                .arg_msg("input", input(v, *from))
                .arg("main", &v.containers[*to].name)
                .arg("addr", addr),
        });
    }
    for vol in &v.volumes {
        for &w in &vol.writers {
            for &r in vol.readers.iter().filter(|&&r| r != w) {
                let ports = outward_ports(v, r);
                let serves_files = nginx::serves_files(&pod.containers[r]);
                if !ports.is_empty() && serves_files {
                    push(PatternView {
                        name: "sidecar",
                        helper: w,
                        main: r,
                        why: Key::WhySidecarServes
                            .msg()
                            .arg("writer", &v.containers[w].name)
                            .arg("volume", &vol.name)
                            .arg("reader", &v.containers[r].name)
                            .arg("ports", ports_text(&ports)),
                    });
                } else if !ports.is_empty() {
                    push(PatternView {
                        name: "adapter",
                        helper: r,
                        main: w,
                        why: Key::WhyAdapter
                            .msg()
                            .arg("reader", &v.containers[r].name)
                            .arg("writer", &v.containers[w].name)
                            .arg("volume", &vol.name)
                            .arg("ports", ports_text(&ports)),
                    });
                } else {
                    let streams = !pod.containers[r].logs.is_empty();
                    push(PatternView {
                        name: "sidecar",
                        helper: r,
                        main: w,
                        why: Key::WhySidecarReads
                            .msg()
                            .arg("reader", &v.containers[r].name)
                            .arg("writer", &v.containers[w].name)
                            .arg("volume", &vol.name)
                            .arg_any(
                                "streams",
                                if streams {
                                    Arg::Msg(Key::WhyStreams.msg())
                                } else {
                                    Arg::Text(String::new())
                                },
                            ),
                    });
                }
            }
        }
    }
    out
}

/// The picture of every pod in `namespace`.
pub fn derive(cluster: &Cluster, namespace: &str) -> Topology {
    let pods: Vec<&Pod> = cluster
        .pods
        .values()
        .filter(|p| p.namespace == namespace)
        .collect();
    let views: Vec<PodView> = pods.iter().map(|p| pod_view(cluster, p)).collect();
    let mut links = Vec::new();
    for (from, v) in views.iter().enumerate() {
        if !v.is_client() {
            continue;
        }
        for (to, w) in views.iter().enumerate() {
            if to == from || w.ip.is_none() {
                continue;
            }
            // Declared containerPorts first.
            let mut reach: Vec<(usize, &ListenerView)> = w
                .listeners
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.loopback_only())
                .collect();
            crate::model::base::sort::sort_by_key(&mut reach, |(_, l)| (!l.declared, l.port));
            for (li, l) in reach {
                links.push(Link::Client {
                    from,
                    to,
                    listener: li,
                    declared: l.declared,
                });
            }
        }
    }
    for (pi, pod) in pods.iter().enumerate() {
        for (ci, c) in pod.containers.iter().enumerate() {
            {
                for (host, port) in haproxy::servers(c) {
                    let local = host == "localhost"
                        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
                        || Some(host) == views[pi].ip.as_deref()
                        || host == pod.name();
                    if !local {
                        continue;
                    }
                    let to = views[pi]
                        .listeners
                        .iter()
                        .find(|l| l.port == port && (l.ip.is_unspecified() || l.ip.is_loopback()))
                        .map(|l| l.container);
                    links.push(Link::Local {
                        pod: pi,
                        from: ci,
                        to,
                        addr: format!("{host}:{port}"),
                    });
                }
            }
        }
    }
    let mut views = views;
    for (pi, pod) in pods.iter().enumerate() {
        views[pi].patterns = recognise(pod, &views[pi], &links, pi);
    }
    Topology { pods: views, links }
}
