//! Phase two: turn raw API types into checked objects, the way the API server
//! defaults and validates them (pkg/apis/core/validation). Errors are
//! `field.Error`s, printed as the API server prints them, each with the span
//! of the offending value.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::names;
use super::objects::*;
use super::path::FieldPath;
use super::raw;
use crate::model::base::diag::{Span, Spanned};

/// A bad value as the API server prints it after `Invalid value: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadValue {
    Str(String),
    Int(i64),
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadValue::Str(s) => f.write_str(&go_quote(s)),
            BadValue::Int(i) => write!(f, "{i}"),
        }
    }
}

/// Go's `%q` for the strings a manifest holds.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldErrorKind {
    Required(String),
    Invalid(BadValue, String),
    NotFound(BadValue),
    Duplicate(BadValue),
    NotSupported(BadValue, Vec<&'static str>),
    Forbidden(String),
}

/// apimachinery's `field.Error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: FieldPath,
    pub kind: FieldErrorKind,
    pub span: Span,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.path)?;
        let with_detail = |f: &mut fmt::Formatter<'_>, head: String, detail: &str| {
            if detail.is_empty() {
                f.write_str(&head)
            } else {
                write!(f, "{head}: {detail}")
            }
        };
        match &self.kind {
            FieldErrorKind::Required(d) => with_detail(f, "Required value".into(), d),
            FieldErrorKind::Invalid(v, d) => with_detail(f, format!("Invalid value: {v}"), d),
            FieldErrorKind::NotFound(v) => write!(f, "Not found: {v}"),
            FieldErrorKind::Duplicate(v) => write!(f, "Duplicate value: {v}"),
            FieldErrorKind::NotSupported(v, supported) => {
                let list: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
                write!(
                    f,
                    "Unsupported value: {v}: supported values: {}",
                    list.join(", ")
                )
            }
            FieldErrorKind::Forbidden(d) => with_detail(f, "Forbidden".into(), d),
        }
    }
}

#[derive(Default)]
struct Errors {
    errs: Vec<FieldError>,
}

impl Errors {
    fn push(&mut self, path: FieldPath, kind: FieldErrorKind, span: Span) {
        self.errs.push(FieldError { path, kind, span });
    }
    fn required(&mut self, path: FieldPath, span: Span) {
        self.push(path, FieldErrorKind::Required(String::new()), span);
    }
    fn invalid_name(&mut self, path: FieldPath, value: &Spanned<String>, msgs: Vec<String>) {
        for m in msgs {
            self.push(
                path.clone(),
                FieldErrorKind::Invalid(BadValue::Str(value.value.clone()), m),
                value.span,
            );
        }
    }
}

fn text(s: &Option<Spanned<String>>) -> &str {
    s.as_ref().map_or("", |s| s.value.as_str())
}

fn span_or(s: &Option<Spanned<String>>, fallback: Span) -> Span {
    s.as_ref().map_or(fallback, |s| s.span)
}

/// `ValidateObjectMeta` with the given name rule. A cluster-scoped object's
/// `metadata.namespace` is cleared before validation (`rest.BeforeCreate`),
/// so only namespaced kinds have theirs checked.
fn object_meta(
    e: &mut Errors,
    meta: &raw::ObjectMeta,
    name_rule: fn(&str) -> Vec<String>,
    namespaced: bool,
) {
    let at = FieldPath::root().field("metadata");
    if let Some(g) = &meta.generate_name
        && !g.value.is_empty()
    {
        // generateName is validated with a suffix appended.
        let msgs = name_rule(&format!("{}x", g.value));
        e.invalid_name(at.field("generateName"), g, msgs);
    }
    match &meta.name {
        Some(n) if !n.value.is_empty() => e.invalid_name(at.field("name"), n, name_rule(&n.value)),
        _ => e.push(
            at.field("name"),
            FieldErrorKind::Required("name or generateName is required".into()),
            span_or(&meta.name, meta.span),
        ),
    }
    if let Some(ns) = &meta.namespace
        && !ns.value.is_empty()
        && namespaced
    {
        e.invalid_name(at.field("namespace"), ns, names::dns1123_label(&ns.value));
    }
    // ValidateLabels: every error is reported at `metadata.labels`, for the
    // key or the value. Go walks the map in random order; podlab in the
    // manifest's.
    for (k, v) in &meta.labels {
        e.invalid_name(at.field("labels"), k, names::qualified_name(&k.value));
        e.invalid_name(at.field("labels"), v, names::label_value(&v.value));
    }
}

pub struct PodOutcome {
    pub pod: Option<PodObject>,
    pub errors: Vec<FieldError>,
    /// API warnings (`Warning: ...` lines kubectl prints), with spans.
    pub warnings: Vec<(String, Span)>,
}

pub fn pod(raw: &raw::Pod, source: Source) -> PodOutcome {
    let mut e = Errors::default();
    object_meta(&mut e, &raw.meta, names::dns1123_subdomain, true);
    let spec_at = FieldPath::root().field("spec");
    let (volumes, volume_names) = volumes(&mut e, &raw.spec.volumes, &spec_at.field("volumes"));
    let containers_at = spec_at.field("containers");
    if raw.spec.containers.is_empty() {
        e.required(
            containers_at.clone(),
            raw.spec.containers_span.unwrap_or(raw.spec.span),
        );
    }
    // ValidatePodSpec checks the containers, then the init containers, whose
    // names must differ from every regular container's too.
    let mut seen_names = BTreeSet::new();
    let containers: Vec<ContainerSpec> = raw
        .spec
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            container(
                &mut e,
                c,
                &volume_names,
                &containers_at.index(i),
                &mut seen_names,
                false,
            )
        })
        .collect();
    let init = raw
        .spec
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            container(
                &mut e,
                c,
                &volume_names,
                &spec_at.field("initContainers").index(i),
                &mut seen_names,
                true,
            )
        })
        .collect();
    let restart_policy = match raw.spec.restart_policy.as_ref().map(|s| s.value.as_str()) {
        None | Some("") | Some("Always") => RestartPolicy::Always,
        Some("OnFailure") => RestartPolicy::OnFailure,
        Some("Never") => RestartPolicy::Never,
        Some(other) => {
            e.push(
                spec_at.field("restartPolicy"),
                FieldErrorKind::NotSupported(
                    BadValue::Str(other.into()),
                    vec!["Always", "OnFailure", "Never"],
                ),
                span_or(&raw.spec.restart_policy, raw.spec.span),
            );
            RestartPolicy::Always
        }
    };
    let warnings = port_warnings(&raw.spec.containers, &containers_at);
    let errors = e.errs;
    let pod = errors.is_empty().then(|| PodObject {
        name: text(&raw.meta.name).to_string(),
        namespace: raw
            .meta
            .namespace
            .as_ref()
            .map(|n| n.value.clone())
            .filter(|n| !n.is_empty()),
        labels: raw
            .meta
            .labels
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect(),
        spec: PodSpec {
            containers,
            init_containers: init,
            volumes,
            restart_policy,
            share_process_namespace: raw
                .spec
                .share_process_namespace
                .as_ref()
                .is_some_and(|b| b.value),
        },
        source,
    });
    PodOutcome {
        pod,
        errors,
        warnings,
    }
}

/// `ValidateVolumes`: a volume with any error is left out of the set that
/// mounts may name, exactly as the API server leaves it out.
fn volumes(
    e: &mut Errors,
    vols: &[raw::Volume],
    at: &FieldPath,
) -> (Vec<VolumeSpec>, BTreeSet<String>) {
    let mut names = BTreeSet::new();
    let mut out = Vec::new();
    for (i, v) in vols.iter().enumerate() {
        let vat = at.index(i);
        let mut el = Errors::default();
        let source = volume_source(&mut el, v, &vat);
        let name_at = vat.field("name");
        let name = text(&v.name).to_string();
        if name.is_empty() {
            el.required(name_at.clone(), span_or(&v.name, v.span));
        } else if let Some(n) = &v.name {
            el.invalid_name(name_at.clone(), n, names::dns1123_label(&name));
        }
        if names.contains(&name) {
            el.push(
                name_at,
                FieldErrorKind::Duplicate(BadValue::Str(name.clone())),
                span_or(&v.name, v.span),
            );
        }
        if el.errs.is_empty() {
            names.insert(name.clone());
            if let Some(source) = source {
                out.push(VolumeSpec {
                    name,
                    source,
                    span: v.span,
                });
            }
        } else {
            e.errs.extend(el.errs);
        }
    }
    (out, names)
}

fn volume_source(e: &mut Errors, v: &raw::Volume, at: &FieldPath) -> Option<VolumeSourceSpec> {
    match v.sources.as_slice() {
        [] => {
            e.push(
                at.clone(),
                FieldErrorKind::Required("must specify a volume type".into()),
                v.span,
            );
            None
        }
        [(kind, source)] => Some(match source {
            raw::VolumeSource::ConfigMap(cm) => config_map_source(e, cm, &at.field("configMap")),
            raw::VolumeSource::EmptyDir(ed) => VolumeSourceSpec::EmptyDir {
                size_limit: ed.size_limit,
            },
            raw::VolumeSource::Unmodelled => VolumeSourceSpec::Unmodelled(kind.value),
        }),
        [_, rest @ ..] => {
            for (kind, _) in rest {
                e.push(
                    at.field(kind.value),
                    FieldErrorKind::Forbidden("may not specify more than 1 volume type".into()),
                    kind.span,
                );
            }
            None
        }
    }
}

fn config_map_source(
    e: &mut Errors,
    cm: &raw::ConfigMapVolume,
    at: &FieldPath,
) -> VolumeSourceSpec {
    if text(&cm.name).is_empty() {
        e.required(at.field("name"), span_or(&cm.name, cm.span));
    }
    if let Some(mode) = &cm.default_mode
        && !(0..=0o777).contains(&mode.value)
    {
        e.push(
            at.field("defaultMode"),
            FieldErrorKind::Invalid(
                BadValue::Int(mode.value),
                "must be a number between 0 and 0777 (octal), both inclusive".into(),
            ),
            mode.span,
        );
    }
    let mut items = Vec::new();
    for (i, item) in cm.items.iter().enumerate() {
        let iat = at.field("items").index(i);
        if text(&item.key).is_empty() {
            e.required(iat.field("key"), span_or(&item.key, item.span));
        }
        let path = text(&item.path);
        if path.is_empty() {
            e.required(iat.field("path"), span_or(&item.path, item.span));
        } else if let Some(p) = &item.path {
            for msg in local_path_errors(path) {
                e.push(
                    iat.field("path"),
                    FieldErrorKind::Invalid(BadValue::Str(path.into()), msg),
                    p.span,
                );
            }
        }
        items.push((text(&item.key).to_string(), path.to_string()));
    }
    VolumeSourceSpec::ConfigMap {
        name: text(&cm.name).to_string(),
        items,
        optional: cm.optional.as_ref().is_some_and(|b| b.value),
    }
}

/// `validateLocalNonReservedPath`.
fn local_path_errors(p: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if p.starts_with('/') {
        errs.push("must be a relative path".into());
    }
    if p.split('/').any(|s| s == "..") {
        errs.push("must not contain '..'".into());
    }
    if p.starts_with("..") {
        errs.push("must not start with '..'".into());
    }
    errs
}

fn container(
    e: &mut Errors,
    c: &raw::Container,
    volume_names: &BTreeSet<String>,
    at: &FieldPath,
    seen_names: &mut BTreeSet<String>,
    init: bool,
) -> ContainerSpec {
    let name = text(&c.name).to_string();
    if name.is_empty() {
        e.required(at.field("name"), span_or(&c.name, c.span));
    } else if let Some(n) = &c.name {
        e.invalid_name(at.field("name"), n, names::dns1123_label(&name));
    }
    let image = text(&c.image).to_string();
    if image.is_empty() {
        e.required(at.field("image"), span_or(&c.image, c.span));
    }
    let ports = container_ports(e, &c.ports, &at.field("ports"));
    let mut env = Vec::new();
    for (i, v) in c.env.iter().enumerate() {
        if text(&v.name).is_empty() {
            e.required(
                at.field("env").index(i).field("name"),
                span_or(&v.name, v.span),
            );
        }
        env.push((text(&v.name).to_string(), text(&v.value).to_string()));
    }
    let mounts = volume_mounts(e, &c.volume_mounts, volume_names, &at.field("volumeMounts"));
    if let Some(p) = &c.image_pull_policy
        && !["Always", "IfNotPresent", "Never"].contains(&p.value.as_str())
    {
        e.push(
            at.field("imagePullPolicy"),
            FieldErrorKind::NotSupported(
                BadValue::Str(p.value.clone()),
                vec!["Always", "IfNotPresent", "Never"],
            ),
            p.span,
        );
    }
    // validateContainers marks even a second empty name as a duplicate;
    // validateInitContainers remembers only non-empty ones.
    if seen_names.contains(&name) {
        e.push(
            at.field("name"),
            FieldErrorKind::Duplicate(BadValue::Str(name.clone())),
            span_or(&c.name, c.span),
        );
    } else if !init || !name.is_empty() {
        seen_names.insert(name.clone());
    }
    let pull_policy = match c.image_pull_policy.as_ref().map(|p| p.value.as_str()) {
        Some("Always") => PullPolicy::Always,
        Some("Never") => PullPolicy::Never,
        Some("IfNotPresent") => PullPolicy::IfNotPresent,
        // SetDefaults_Container: the tag ParseImageName finds, `latest` when
        // there is neither tag nor digest.
        _ if !image.contains('@') && super::image::split(&image).1 == "latest" => {
            PullPolicy::Always
        }
        _ => PullPolicy::IfNotPresent,
    };
    ContainerSpec {
        pull_policy,
        name,
        image,
        command: c.command.as_ref().map(|s| s.value.clone()),
        args: c.args.as_ref().map(|s| s.value.clone()),
        working_dir: c.working_dir.as_ref().map(|s| s.value.clone()),
        ports,
        env,
        mounts,
        span: c.span,
        image_span: span_or(&c.image, c.span),
    }
}

fn container_ports(e: &mut Errors, ports: &[raw::ContainerPort], at: &FieldPath) -> Vec<PortSpec> {
    let mut names = BTreeSet::new();
    let mut out = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let pat = at.index(i);
        if let Some(n) = p.name.as_ref().filter(|n| !n.value.is_empty()) {
            let msgs = names::port_name(&n.value);
            if !msgs.is_empty() {
                e.invalid_name(pat.field("name"), n, msgs);
            } else if !names.insert(n.value.clone()) {
                e.push(
                    pat.field("name"),
                    FieldErrorKind::Duplicate(BadValue::Str(n.value.clone())),
                    n.span,
                );
            }
        }
        let port = p.container_port.as_ref().map_or(0, |v| v.value);
        let port_span = p.container_port.as_ref().map_or(p.span, |v| v.span);
        if port == 0 {
            e.required(pat.field("containerPort"), port_span);
        } else if !(1..=65535).contains(&port) {
            e.push(
                pat.field("containerPort"),
                FieldErrorKind::Invalid(
                    BadValue::Int(port),
                    "must be between 1 and 65535, inclusive".into(),
                ),
                port_span,
            );
        }
        if let Some(h) = p.host_port.as_ref().filter(|h| h.value != 0)
            && !(1..=65535).contains(&h.value)
        {
            e.push(
                pat.field("hostPort"),
                FieldErrorKind::Invalid(
                    BadValue::Int(h.value),
                    "must be between 1 and 65535, inclusive".into(),
                ),
                h.span,
            );
        }
        let protocol = match p.protocol.as_ref().map(|s| s.value.as_str()) {
            None | Some("") | Some("TCP") => Protocol::Tcp,
            Some("UDP") => Protocol::Udp,
            Some("SCTP") => Protocol::Sctp,
            Some(other) => {
                e.push(
                    pat.field("protocol"),
                    FieldErrorKind::NotSupported(
                        BadValue::Str(other.into()),
                        vec!["SCTP", "TCP", "UDP"],
                    ),
                    span_or(&p.protocol, p.span),
                );
                Protocol::Tcp
            }
        };
        if let Ok(port) = u16::try_from(port) {
            out.push(PortSpec {
                port,
                protocol,
                name: p.name.as_ref().map(|n| n.value.clone()),
                span: p.span,
            });
        }
    }
    out
}

fn volume_mounts(
    e: &mut Errors,
    mounts: &[raw::VolumeMount],
    volume_names: &BTreeSet<String>,
    at: &FieldPath,
) -> Vec<MountSpec> {
    let mut points = BTreeSet::new();
    let mut out = Vec::new();
    for (i, m) in mounts.iter().enumerate() {
        let mat = at.index(i);
        let name = text(&m.name);
        if name.is_empty() {
            e.required(mat.field("name"), span_or(&m.name, m.span));
        }
        if !volume_names.contains(name) {
            e.push(
                mat.field("name"),
                FieldErrorKind::NotFound(BadValue::Str(name.into())),
                span_or(&m.name, m.span),
            );
        }
        let path = text(&m.mount_path);
        if path.is_empty() {
            e.required(mat.field("mountPath"), span_or(&m.mount_path, m.span));
        }
        if !points.insert(path.to_string()) {
            e.push(
                mat.field("mountPath"),
                FieldErrorKind::Invalid(BadValue::Str(path.into()), "must be unique".into()),
                span_or(&m.mount_path, m.span),
            );
        }
        if let Some(sp) = m.sub_path.as_ref().filter(|s| !s.value.is_empty()) {
            let mut errs = Vec::new();
            if sp.value.starts_with('/') {
                errs.push("must be a relative path".to_string());
            }
            if sp.value.split('/').any(|s| s == "..") {
                errs.push("must not contain '..'".to_string());
            }
            // The API server reports these at `volumeMounts.subPath`, without
            // the mount's index (ValidateVolumeMounts passes fldPath, not idxPath).
            for msg in errs {
                e.push(
                    at.field("subPath"),
                    FieldErrorKind::Invalid(BadValue::Str(sp.value.clone()), msg),
                    sp.span,
                );
            }
        }
        out.push(MountSpec {
            volume: name.to_string(),
            path: path.to_string(),
            sub_path: m
                .sub_path
                .as_ref()
                .map(|s| s.value.clone())
                .filter(|s| !s.is_empty()),
            read_only: m.read_only.as_ref().is_some_and(|b| b.value),
            span: m.span,
        });
    }
    out
}

/// The API server's warnings for duplicate `containerPort`s
/// (pkg/api/pod/warnings.go), e.g.
/// `spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]`.
fn port_warnings(containers: &[raw::Container], at: &FieldPath) -> Vec<(String, Span)> {
    type Key = (i64, String, i64);
    let mut seen: BTreeMap<Key, Vec<FieldPath>> = BTreeMap::new();
    let mut out = Vec::new();
    for (ci, c) in containers.iter().enumerate() {
        for (pi, p) in c.ports.iter().enumerate() {
            let Some(port) = &p.container_port else {
                continue;
            };
            let protocol = p
                .protocol
                .as_ref()
                .map_or("TCP".to_string(), |s| s.value.clone());
            let host = p.host_port.as_ref().map_or(0, |h| h.value);
            let here = at.index(ci).field("ports").index(pi);
            let others = seen.entry((port.value, protocol, host)).or_default();
            for other in others.iter() {
                out.push((
                    format!("{here}: duplicate port definition with {other}"),
                    p.span,
                ));
            }
            others.push(here);
        }
    }
    out
}

pub struct ConfigMapOutcome {
    pub config_map: Option<ConfigMapObject>,
    pub errors: Vec<FieldError>,
}

pub fn config_map(raw: &raw::ConfigMap, source: Source) -> ConfigMapOutcome {
    let mut e = Errors::default();
    object_meta(&mut e, &raw.meta, names::dns1123_subdomain, true);
    for (k, _) in &raw.data {
        let msgs = names::config_map_key(&k.value);
        e.invalid_name(FieldPath::root().field("data").key(&k.value), k, msgs);
    }
    for k in &raw.binary_data_keys {
        if raw.data.iter().any(|(d, _)| d.value == k.value) {
            e.push(
                FieldPath::root().field("data").key(&k.value),
                FieldErrorKind::Invalid(
                    BadValue::Str(k.value.clone()),
                    "duplicate of key present in binaryData".into(),
                ),
                k.span,
            );
        }
    }
    let errors = e.errs;
    let config_map = errors.is_empty().then(|| ConfigMapObject {
        name: text(&raw.meta.name).to_string(),
        namespace: raw
            .meta
            .namespace
            .as_ref()
            .map(|n| n.value.clone())
            .filter(|n| !n.is_empty()),
        data: crate::model::base::sort::btree_map(
            raw.data
                .iter()
                .map(|(k, v)| (k.value.clone(), v.value.clone())),
        ),
        source,
    });
    ConfigMapOutcome { config_map, errors }
}

pub fn namespace(
    raw: &raw::Namespace,
    source: Source,
) -> (Option<NamespaceObject>, Vec<FieldError>) {
    let mut e = Errors::default();
    object_meta(&mut e, &raw.meta, names::dns1123_label, false);
    let errors = e.errs;
    let ns = errors.is_empty().then(|| NamespaceObject {
        name: text(&raw.meta.name).to_string(),
        source,
    });
    (ns, errors)
}
