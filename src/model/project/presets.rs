//! The gallery of presets: one workspace per multi-container pattern or
//! shared resource, each with the manifests it loads into the editors and
//! the command that shows its outcome, run against the live model as
//! kubectl would run it (`kubectl exec … --` or `kubectl logs`).

use crate::model::base::i18n::{Key, Msg};
use crate::model::base::time::SimDuration;
use crate::model::project::workspace::{self, CommandRun, File};
use crate::model::sim::cluster::{CState, Cluster, TerminatedReason};

/// What a preset demonstrates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    Ambassador,
    Sidecar,
    Adapter,
    SharedVolume,
    SharedProcessNamespace,
}

impl Pattern {
    /// The pattern's name, in the catalogue.
    pub fn key(self) -> Key {
        match self {
            Pattern::Ambassador => Key::PatternAmbassador,
            Pattern::Sidecar => Key::PatternSidecar,
            Pattern::Adapter => Key::PatternAdapter,
            Pattern::SharedVolume => Key::PatternSharedVolume,
            Pattern::SharedProcessNamespace => Key::PatternSharedProcessNamespace,
        }
    }

    /// The pattern's name in English.
    pub fn label(self) -> &'static str {
        self.key().en()
    }
}

/// The command that shows a preset's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// `kubectl exec POD [-c CONTAINER] -- ARGV…`. An argument `{ip:NAME}`
    /// stands for pod NAME's IP, written in the command as the lab writes it
    /// (`$(kubectl get pod NAME -o=custom-columns=IP:.status.podIP --no-headers)`).
    Exec {
        pod: &'static str,
        container: Option<&'static str>,
        argv: &'static [&'static str],
    },
    /// `kubectl logs POD CONTAINER`.
    Logs {
        pod: &'static str,
        container: &'static str,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable id: `data-testid="preset-<id>"` and the saved workspace's key.
    pub id: &'static str,
    pub title: Key,
    pub pattern: Pattern,
    /// One sentence: what the pods do.
    pub summary: Key,
    /// Where it comes from.
    pub source: Key,
    pub files: Vec<File>,
    pub demo: Demo,
    /// Text the demonstration's output holds when the pattern works.
    pub expect: &'static str,
    /// The verdicts shown under the output.
    pub works: Key,
    pub fails: Key,
}

/// The preset the app starts with: the seed lab.
pub const DEFAULT: &str = "ambassador";

fn files(list: &[(&str, &str)]) -> Vec<File> {
    list.iter()
        .map(|(n, t)| File {
            name: n.to_string(),
            text: t.to_string(),
        })
        .collect()
}

const BUSYBOX: (&str, &str) = ("busybox.yml", include_str!("workspace/busybox.yml"));

/// Every preset, in gallery order.
pub fn all() -> Vec<Preset> {
    vec![
        Preset {
            id: "ambassador",
            title: Key::AmbassadorTitle,
            pattern: Pattern::Ambassador,
            summary: Key::AmbassadorSummary,
            source: Key::AmbassadorSource,
            files: workspace::seed(),
            demo: Demo::Exec {
                pod: "busybox",
                container: None,
                argv: &["curl", "{ip:fruit-service}:80"],
            },
            expect: "\"fruits\"",
            works: Key::AmbassadorWorks,
            fails: Key::AmbassadorFails,
        },
        Preset {
            id: "sidecar",
            title: Key::SidecarTitle,
            pattern: Pattern::Sidecar,
            summary: Key::SidecarSummary,
            source: Key::SidecarSource,
            files: files(&[("counter.yml", include_str!("presets/counter.yml"))]),
            demo: Demo::Logs {
                pod: "counter",
                container: "count-log-1",
            },
            expect: "0: ",
            works: Key::SidecarWorks,
            fails: Key::SidecarFails,
        },
        Preset {
            id: "adapter",
            title: Key::AdapterTitle,
            pattern: Pattern::Adapter,
            summary: Key::AdapterSummary,
            source: Key::AdapterSource,
            files: files(&[
                ("status-app.yml", include_str!("presets/status-app.yml")),
                BUSYBOX,
            ]),
            demo: Demo::Exec {
                pod: "busybox",
                container: None,
                argv: &["curl", "-s", "{ip:status-app}:9100/metrics"],
            },
            expect: "app_requests_total ",
            works: Key::AdapterWorks,
            fails: Key::AdapterFails,
        },
        Preset {
            id: "shared-volume",
            title: Key::SharedVolumeTitle,
            pattern: Pattern::SharedVolume,
            summary: Key::SharedVolumeSummary,
            source: Key::SharedVolumeSource,
            files: files(&[
                (
                    "two-containers.yml",
                    include_str!("presets/two-containers.yml"),
                ),
                BUSYBOX,
            ]),
            demo: Demo::Exec {
                pod: "busybox",
                container: None,
                argv: &["curl", "-s", "{ip:two-containers}"],
            },
            expect: "Hello from the debian container",
            works: Key::SharedVolumeWorks,
            fails: Key::SharedVolumeFails,
        },
        Preset {
            id: "process-namespace",
            title: Key::ProcessNamespaceTitle,
            pattern: Pattern::SharedProcessNamespace,
            summary: Key::ProcessNamespaceSummary,
            source: Key::ProcessNamespaceSource,
            files: files(&[(
                "share-process-namespace.yml",
                include_str!("presets/share-process-namespace.yml"),
            )]),
            demo: Demo::Exec {
                pod: "nginx",
                container: Some("shell"),
                argv: &["ps", "ax"],
            },
            expect: "/pause",
            works: Key::ProcessNamespaceWorks,
            fails: Key::ProcessNamespaceFails,
        },
    ]
}

pub fn by_id(id: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.id == id)
}

const IP_OF: &str = "{ip:";

/// The command as a person types it.
pub fn command(demo: &Demo) -> String {
    match demo {
        Demo::Exec {
            pod,
            container,
            argv,
        } => {
            let args: Vec<String> = argv
                .iter()
                .map(|a| match a.strip_prefix(IP_OF).and_then(|r| r.split_once('}')) {
                    Some((name, rest)) => format!(
                        "$(kubectl get pod {name} -o=custom-columns=IP:.status.podIP --no-headers){rest}"
                    ),
                    None => a.to_string(),
                })
                .collect();
            let c = container.map_or(String::new(), |c| format!(" -c {c}"));
            format!("kubectl exec {pod}{c} -- {}", args.join(" "))
        }
        Demo::Logs { pod, container } => format!("kubectl logs {pod} {container}"),
    }
}

/// Run a preset's demonstration on the live cluster: the command as a
/// person types it, through the console's shell and kubectl.
pub fn demonstrate(demo: &Demo, cluster: &mut Cluster) -> CommandRun {
    workspace::run_command(cluster, &command(demo))
}

/// How far Try it runs the simulated clock ahead at most for the pods its
/// command needs: a minute, as long as `podlab run` lets pods settle
/// (`cli::SETTLE_MAX`), long enough for every preset's image pulls and a
/// first crash-loop back-off. Past it the command runs as it would then
/// (a pod still pulling answers as kubectl does at that point).
pub const RUN_AHEAD_MAX: SimDuration = SimDuration::from_secs(60);

/// The pods a demonstration needs: the one it runs in or reads, and those
/// whose IP it asks for.
pub fn pods(demo: &Demo) -> Vec<&'static str> {
    match demo {
        Demo::Exec { pod, argv, .. } => std::iter::once(*pod)
            .chain(argv.iter().filter_map(|a| {
                a.strip_prefix(IP_OF)
                    .and_then(|r| r.split_once('}'))
                    .map(|(name, _)| name)
            }))
            .collect(),
        Demo::Logs { pod, .. } => vec![pod],
    }
}

/// Whether every container of pod `name` runs or has completed, as
/// `podlab run` waits for (a pod that does not exist has nothing to wait
/// for).
fn settled(cl: &Cluster, name: &str) -> bool {
    cl.pod(crate::model::sim::cluster::DEFAULT_NAMESPACE, name)
        .is_none_or(|p| {
            p.containers.iter().all(|c| match &c.state {
                CState::Running { .. } => true,
                CState::Terminated(t) => t.reason == TerminatedReason::Completed,
                CState::Waiting { .. } => false,
            })
        })
}

/// Run the clock ahead, one event at a time, until the pods the
/// demonstration needs have come up, at most [`RUN_AHEAD_MAX`]: how far it
/// ran. Nothing else changes: it is the clock playing faster.
pub fn run_ahead(demo: &Demo, cl: &mut Cluster) -> SimDuration {
    let start = cl.now;
    let deadline = start + RUN_AHEAD_MAX;
    let needed = pods(demo);
    while !needed.iter().all(|p| settled(cl, p)) {
        match cl.next_timer() {
            Some(t) if t <= deadline => cl.advance_to(t),
            _ => {
                cl.advance_to(deadline);
                break;
            }
        }
    }
    cl.now.since(start)
}

/// podlab's line above a command that waited for its pods (English; the
/// lead translates podlab's own text).
pub fn waited_text(d: SimDuration) -> Msg {
    Key::WaitedForPods
        .msg()
        .arg("s", format!("{:.1}", d.as_micros() as f64 / 1e6))
}

/// Whether a demonstration's output shows the pattern working.
pub fn works(p: &Preset, r: &CommandRun) -> bool {
    r.code == 0 && r.stdout.contains(p.expect)
}
