//! The lab as podlab runs it: a workspace of manifest files (the seed's by
//! default), what the API and HAProxy say about them, the cluster they make
//! when applied in order by kubectl's apply path (with what it answered for
//! each file, which the Pods pane prints), and the lab's check — the busybox
//! curl to the fruit-service pod IP on port 80.

use crate::model::base::diag::{Diagnostic, FileId, Label, Origin, Span};
use crate::model::base::i18n::Key;
use crate::model::base::time::{SimDuration, SimTime, WallClock};
use crate::model::base::yaml;
use crate::model::lang::haproxy::{Version, check as hcheck, config as hconfig};
use crate::model::lang::kube;
use crate::model::lang::kube::objects::{Object, VolumeSourceSpec};
use crate::model::project::cfgsync::{self, Binding};
use crate::model::project::hints;
use crate::model::sim::cluster::Cluster;
use crate::model::sim::images::{self, Kind, Lookup};
use crate::model::tools::kubectl::apply::{self, Answer, Read};

pub use crate::model::base::files::File;

/// The seed lab's three manifests, as the lab writes them.
pub fn seed() -> Vec<File> {
    [
        (
            "fruit-service.yml",
            include_str!("workspace/fruit-service.yml"),
        ),
        (
            "fruit-service-ambassador-config.yml",
            include_str!("workspace/fruit-service-ambassador-config.yml"),
        ),
        ("busybox.yml", include_str!("workspace/busybox.yml")),
    ]
    .into_iter()
    .map(|(n, t)| File {
        name: n.to_string(),
        text: t.to_string(),
    })
    .collect()
}

/// The ConfigMap key HAProxy's image reads.
pub const CFG_KEY: &str = "haproxy.cfg";
/// Where the haproxy image reads its configuration.
pub const CFG_PATH: &str = "/usr/local/etc/haproxy/haproxy.cfg";

/// The haproxy.cfg pane: which file holds it and what HAProxy says of it.
#[derive(Clone, Debug, PartialEq)]
pub struct CfgView {
    /// Index of the YAML file holding the ConfigMap.
    pub file: usize,
    pub binding: Binding,
    /// The HAProxy version of the container that mounts it.
    pub version: Version,
    pub image: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything said about one file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    /// The file's name, as `kubectl apply -f` names it.
    pub name: String,
    /// The file is longer than [`MAX_READ`]: podlab neither reads nor
    /// applies it (a note says so), and keeps its text as it is.
    pub too_large: bool,
    /// What `kubectl apply -f` reads from the file: its documents, decoded,
    /// up to the YAML error or the validation problem it stops at.
    pub read: Read,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub reports: Vec<FileReport>,
    pub cfg: Option<CfgView>,
    /// Accepted objects with the index of their file, in apply order.
    pub objects: Vec<(usize, Object)>,
}

/// The longest file podlab reads, checks, applies and highlights: 256 KiB.
/// Every keystroke reads every file again, and in the browser a file this
/// long already takes tens of milliseconds (scripts/bench-browser.sh), so
/// a 5 MB paste would hold the page for seconds on each key. Real
/// manifests are far shorter: the API server refuses a ConfigMap over
/// 1 MiB (`ValidateConfigMap` against `core.MaxSecretSize`, in
/// k8s.io/kubernetes pkg/apis/core/validation).
pub const MAX_READ: usize = 256 * 1024;

/// podlab's note on a file longer than [`MAX_READ`].
pub fn too_large_note(id: FileId, len: usize) -> Diagnostic {
    Diagnostic::note(Origin::Podlab)
        .with_msg(
            Key::TooLarge
                .msg()
                .arg("mb", format!("{:.1}", len as f64 / 1e6)),
        )
        .with_label(Label::primary(id, Span { start: 0, end: 0 }))
}

pub fn analyze(files: &[File]) -> Analysis {
    let mut reports = Vec::new();
    let mut objects = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        let id = FileId::Workspace(fi);
        if f.text.len() > MAX_READ {
            reports.push(FileReport {
                name: f.name.clone(),
                too_large: true,
                read: Read::of(&[], Vec::new(), None, true),
                diagnostics: vec![too_large_note(id, f.text.len())],
            });
            continue;
        }
        let (docs, mut diagnostics) = yaml::parse(id, &f.text);
        let unparsed = diagnostics.first().map(|d| d.message.clone());
        let mut decoded = Vec::new();
        for (di, doc) in docs.iter().enumerate() {
            let d = kube::decode_document(id, di, doc);
            diagnostics.extend(d.diagnostics());
            if let Ok(obj) = &d.result {
                if let Object::Pod(p) = obj {
                    diagnostics.extend(hints::image_notes(id, p));
                }
                objects.push((fi, obj.clone()));
            }
            decoded.push(d);
        }
        reports.push(FileReport {
            name: f.name.clone(),
            too_large: false,
            read: Read::of(&docs, decoded, unparsed, true),
            diagnostics,
        });
    }
    let cfg = cfg_view(files, &objects);
    Analysis {
        reports,
        cfg,
        objects,
    }
}

/// Find haproxy.cfg: the ConfigMap key an haproxy container mounts, or else
/// the first ConfigMap with a `haproxy.cfg` key.
fn cfg_view(files: &[File], objects: &[(usize, Object)]) -> Option<CfgView> {
    let (fi, binding) = files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.text.len() <= MAX_READ)
        .find_map(|(i, f)| cfgsync::find(&f.text, CFG_KEY).map(|b| (i, b)))?;
    let cm_name = yaml::parse(FileId::Workspace(0), &files[fi].text)
        .0
        .get(binding.doc)
        .and_then(|d| {
            d.root
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(|n| n.as_str().map(str::to_string))
        });
    // The haproxy container that mounts this ConfigMap decides the version.
    let mut version = None;
    let mut image = None;
    let mut pod_name = None;
    let mut mounted_by = None;
    for (_, obj) in objects {
        let Object::Pod(p) = obj else { continue };
        let vols: Vec<&str> = p
            .spec
            .volumes
            .iter()
            .filter(|v| matches!(&v.source, VolumeSourceSpec::ConfigMap { name, .. } if Some(name) == cm_name.as_ref()))
            .map(|v| v.name.as_str())
            .collect();
        for (ci, c) in p.spec.containers.iter().enumerate() {
            if let Lookup::Known(img) = images::lookup(&c.image)
                && let Kind::Haproxy(v) = img.kind
                && (c.mounts.iter().any(|m| vols.contains(&m.volume.as_str())) || version.is_none())
            {
                version = Some(v);
                image = Some(c.image.clone());
                pod_name = Some(p.name.clone());
                mounted_by = Some((p, ci));
            }
        }
    }
    let version = version.unwrap_or(Version::V2_6);
    let mut diagnostics = cfg_diagnostics(&binding.value, version, pod_name.as_deref());
    // podlab's own cross-checks against the pod that runs HAProxy.
    if let (Some((pod, container)), Some(cm)) = (mounted_by, cm_name.as_deref()) {
        let ctx = hints::Context {
            pod,
            container,
            configmap: cm,
            key: CFG_KEY,
            default_path: CFG_PATH,
        };
        diagnostics.extend(hints::cfg_hints(
            &binding.value,
            version,
            &ctx,
            FileId::HaproxyCfg,
        ));
    }
    Some(CfgView {
        file: fi,
        binding,
        version,
        image,
        diagnostics,
    })
}

/// What HAProxy says of the configuration, as editor diagnostics, plus
/// podlab's own hint about the missing final newline.
pub fn cfg_diagnostics(text: &str, version: Version, pod_name: Option<&str>) -> Vec<Diagnostic> {
    let mut cfg = hconfig::parse(text, version);
    let resolve = |h: &str| {
        (h == "localhost" || Some(h) == pod_name)
            .then_some(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
    };
    hcheck::validity(&mut cfg, &resolve);
    let mut out = Vec::new();
    let index = crate::model::base::diag::LineIndex::new(text);
    for m in &cfg.messages {
        let span = match m.line {
            Some(l) if m.span == Span::default() || m.span.end as usize > text.len() => {
                let s = index.line_start(l as usize).unwrap_or(0);
                Span::new(s, s)
            }
            _ => m.span,
        };
        let mut body = m.body(CFG_PATH);
        if !version.at_least(2, 0)
            && let Some(i) = body.find("; did you mean")
        {
            body.truncate(i);
        }
        let d = if m.fatal {
            Diagnostic::error(Origin::Haproxy)
        } else {
            Diagnostic::warning(Origin::Haproxy)
        };
        out.push(
            d.with_message(body)
                .with_label(Label::primary(FileId::HaproxyCfg, span)),
        );
    }
    if !text.is_empty() && !text.ends_with('\n') {
        let end = text.len() as u32;
        let fate = if version.at_least(2, 4) {
            Key::NoFinalNewlineRefused
        } else {
            Key::NoFinalNewlineAccepted
        };
        out.push(
            Diagnostic::warning(Origin::Podlab)
                .with_msg(
                    Key::NoFinalNewline
                        .msg()
                        .arg_msg("fate", fate.msg().arg("version", version)),
                )
                .with_label(Label::primary(FileId::HaproxyCfg, Span::new(end, end)))
                .with_note_msg(Key::NoFinalNewlineNote.msg()),
        );
    }
    for (line, span, what) in &cfg.unmodelled {
        let _ = line;
        out.push(
            Diagnostic::note(Origin::Podlab)
                .with_msg(Key::HaproxyUnmodelled.msg().arg("what", what))
                .with_label(Label::primary(FileId::HaproxyCfg, *span)),
        );
    }
    out
}

/// The workspace applied to a fresh cluster: the cluster, and what it
/// answered for each file.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    pub cluster: Cluster,
    /// What `kubectl apply -f FILE` printed for each file, in tab order.
    pub answers: Vec<Vec<Answer>>,
}

/// Apply the workspace to a fresh cluster from `SimTime::ZERO` as
/// `kubectl apply -f FILE` for each tab in order, through kubectl's own
/// apply path.
pub fn apply(analysis: &Analysis, wall: WallClock) -> Built {
    let mut cluster = Cluster::new(wall);
    let answers = analysis
        .reports
        .iter()
        .map(|r| {
            if r.too_large {
                return Vec::new();
            }
            apply::apply_file(&mut cluster, &r.name, &r.read, &apply::Request::APPLY)
        })
        .collect();
    Built { cluster, answers }
}

/// The cluster [`apply`] makes, for callers that need only the cluster.
pub fn build(analysis: &Analysis, wall: WallClock) -> Cluster {
    apply(analysis, wall).cluster
}

/// A command line run on a workspace's cluster (a preset's Try it, the
/// lab's check): what it printed on each stream, its status, the hops its
/// requests took, and when it started on the simulated clock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommandRun {
    pub command: String,
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    pub trace: Vec<crate::model::sim::cluster::wire::Hop>,
    pub started: SimTime,
    /// How far the clock ran ahead first, for the pods the command needs
    /// to come up (Try it pressed while they start; see
    /// `presets::run_ahead`).
    pub waited: SimDuration,
}

/// The lab's check, as the lab writes it.
pub const CHECK_COMMAND: &str = "kubectl exec busybox -- curl $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80";

pub fn check(cluster: &mut Cluster) -> CommandRun {
    run_command(cluster, CHECK_COMMAND)
}

/// Run a command line on the live cluster as the console does (kubectl and
/// the shell on the learner's machine), keeping stdout and stderr apart.
pub fn run_command(cluster: &mut Cluster, command: &str) -> CommandRun {
    let started = cluster.now;
    let e = crate::model::tools::console::run(cluster, &[], command);
    CommandRun {
        command: command.into(),
        stdout: e.stdout(),
        stderr: e.stderr(),
        code: e.code,
        trace: e.trace,
        started,
        waited: SimDuration::ZERO,
    }
}

/// What a terminal shows for bytes with carriage returns: each `\r` returns
/// to the start of the line, so only the last update of a line stays.
pub fn terminal_text(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            // Each segment after a `\r` overwrites the line from its start;
            // an empty one (`\r\n`) overwrites nothing.
            let mut shown: Vec<char> = Vec::new();
            for seg in line.split('\r') {
                for (i, c) in seg.chars().enumerate() {
                    match shown.get_mut(i) {
                        Some(x) => *x = c,
                        None => shown.push(c),
                    }
                }
            }
            shown.into_iter().collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed with `edit` applied to the file named `name`, built: what the
    /// Pods pane shows for each file, a failed answer (red in the pane)
    /// marked `!`.
    fn check(name: &str, edit: impl Fn(&str) -> String, expect: &str) {
        let mut files = seed();
        let f = files.iter_mut().find(|f| f.name == name).expect("file");
        f.text = edit(&f.text);
        let built = apply(&analyze(&files), WallClock::TEST);
        let mut got = String::new();
        for (f, answers) in files.iter().zip(&built.answers) {
            got.push_str(&format!("$ kubectl apply -f {}\n", f.name));
            for a in answers {
                let mark = if a.failed() { "! " } else { "" };
                got.push_str(&format!("{mark}{a}\n"));
            }
        }
        assert_eq!(got, expect.trim_start(), "\n--- got ---\n{got}");
    }

    /// Issue 8: the pane said `pod/fruit-service created` for a pod the API
    /// refuses; it shows what the console shows.
    #[test]
    fn a_pod_in_a_namespace_that_does_not_exist_is_refused_in_the_pane() {
        check(
            "fruit-service.yml",
            |t| {
                t.replace(
                    "  name: fruit-service\n",
                    "  name: fruit-service\n  namespace: nope\n",
                )
            },
            r#"
$ kubectl apply -f fruit-service.yml
! Error from server (NotFound): error when creating "fruit-service.yml": namespaces "nope" not found
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f busybox.yml
pod/busybox created
"#,
        );
    }

    #[test]
    fn the_same_object_twice_is_unchanged_or_configured() {
        check(
            "busybox.yml",
            |t| format!("{t}---\n{t}"),
            r#"
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f busybox.yml
pod/busybox created
pod/busybox unchanged
"#,
        );
        check(
            "fruit-service-ambassador-config.yml",
            |t| format!("{t}---\n{}", t.replace("maxconn 256", "maxconn 512")),
            r#"
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
configmap/fruit-service-ambassador-config configured
$ kubectl apply -f busybox.yml
pod/busybox created
"#,
        );
        check(
            "busybox.yml",
            |t| {
                let labelled = t.replace(
                    "  name: busybox\n",
                    "  name: busybox\n  labels:\n    app: b\n",
                );
                format!("{t}---\n{labelled}")
            },
            r#"
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f busybox.yml
pod/busybox created
pod/busybox configured
"#,
        );
    }

    /// Every kind of answer keeps kubectl's stream and exit status.
    #[test]
    fn parse_errors_rejections_and_warnings() {
        check(
            "busybox.yml",
            |_| "kind: Pod\n  bad: : y\n".into(),
            r#"
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f busybox.yml
! error: error parsing busybox.yml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context
"#,
        );
        check(
            "busybox.yml",
            |t| t.replace("kind: Pod", "kind: Pods"),
            r#"
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f busybox.yml
! error: resource mapping not found for name: "busybox" namespace: "" from "busybox.yml": no matches for kind "Pods" in version "v1"
ensure CRDs are installed first
"#,
        );
        check(
            "busybox.yml",
            |t| {
                t.replace(
                    "    command:",
                    "    ports:\n    - containerPort: 80\n    - containerPort: 80\n    command:",
                )
            },
            r#"
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f busybox.yml
Warning: spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]
pod/busybox created
"#,
        );
    }
}
