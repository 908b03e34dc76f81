//! The lab as podlab runs it: a workspace of manifest files (the seed's by
//! default), what the API and HAProxy say about them, the cluster they make
//! when applied in order, and the lab's check — the busybox curl to the
//! fruit-service pod IP on port 80.

use crate::model::base::diag::{Diagnostic, FileId, Label, Origin, Span};
use crate::model::base::time::{SimTime, WallClock};
use crate::model::base::yaml;
use crate::model::lang::haproxy::{Version, check as hcheck, config as hconfig};
use crate::model::lang::kube::objects::{Object, VolumeSourceSpec};
use crate::model::lang::kube::{self, Decoded};
use crate::model::project::cfgsync::{self, Binding};
use crate::model::project::hints;
use crate::model::sim::cluster::{Cluster, DEFAULT_NAMESPACE};
use crate::model::sim::images::{self, Kind, Lookup};
use crate::model::tools::kubectl;

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
    pub docs: Vec<Decoded>,
    pub diagnostics: Vec<Diagnostic>,
    /// What `kubectl apply -f <file>` prints.
    pub apply: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub reports: Vec<FileReport>,
    pub cfg: Option<CfgView>,
    /// Accepted objects with the index of their file, in apply order.
    pub objects: Vec<(usize, Object)>,
}

pub fn analyze(files: &[File]) -> Analysis {
    let mut reports = Vec::new();
    let mut objects = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        let id = FileId::Workspace(fi);
        let (docs, mut diagnostics) = yaml::parse(id, &f.text);
        let mut apply = Vec::new();
        if let Some(d) = diagnostics.first() {
            apply.push(format!("error: error parsing {}: {}", f.name, d.message));
        }
        let mut decoded = Vec::new();
        for (di, doc) in docs.iter().enumerate() {
            let d = kube::decode_document(id, di, doc);
            diagnostics.extend(d.diagnostics());
            if let Ok(Object::Pod(p)) = &d.result {
                diagnostics.extend(hints::image_notes(id, p));
            }
            match &d.result {
                Ok(obj) => {
                    objects.push((fi, obj.clone()));
                    apply.push(kubectl::apply::success(
                        obj.kind(),
                        obj.name(),
                        &crate::model::sim::cluster::Applied::Created,
                    ));
                }
                Err(_) => apply.push(kubectl::apply::rejection(&f.name, &d, false)),
            }
            decoded.push(d);
        }
        reports.push(FileReport {
            docs: decoded,
            diagnostics,
            apply,
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
            format!("HAProxy {version} refuses it (see its alert)")
        } else {
            format!("HAProxy {version} accepts it, but 2.4 and later refuse it")
        };
        out.push(
            Diagnostic::warning(Origin::Podlab)
                .with_message(format!("haproxy.cfg does not end with a newline: {fate}"))
                .with_label(Label::primary(FileId::HaproxyCfg, Span::new(end, end)))
                .with_note("a YAML `|-` block drops the final newline; `|` keeps it"),
        );
    }
    for (line, span, what) in &cfg.unmodelled {
        let _ = line;
        out.push(
            Diagnostic::note(Origin::Podlab)
                .with_message(format!(
                    "{what} is valid HAProxy but not modelled by podlab"
                ))
                .with_label(Label::primary(FileId::HaproxyCfg, *span)),
        );
    }
    out
}

/// A fresh cluster with every accepted object applied, file by file, from
/// `SimTime::ZERO`.
pub fn build(analysis: &Analysis, wall: WallClock) -> Cluster {
    let mut cluster = Cluster::new(wall);
    for (_, obj) in &analysis.objects {
        let _ = cluster.apply(obj, DEFAULT_NAMESPACE);
        cluster.advance(kubectl::apply::APPLY_GAP);
    }
    cluster
}

/// The lab's check, run as the lab says:
/// `kubectl exec busybox -- curl $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckResult {
    pub command: String,
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    pub trace: Vec<crate::model::sim::cluster::wire::Hop>,
    pub started: SimTime,
}

pub const CHECK_COMMAND: &str = "kubectl exec busybox -- curl $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80";

pub fn check(cluster: &mut Cluster) -> CheckResult {
    run_command(cluster, CHECK_COMMAND)
}

/// Run a command line on the live cluster as the console does (kubectl and
/// the shell on the learner's machine), keeping stdout and stderr apart.
pub fn run_command(cluster: &mut Cluster, command: &str) -> CheckResult {
    let started = cluster.now;
    let e = crate::model::tools::console::run(cluster, &[], command);
    CheckResult {
        command: command.into(),
        stdout: e.stdout(),
        stderr: e.stderr(),
        code: e.code,
        trace: e.trace,
        started,
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
