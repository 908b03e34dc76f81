//! The raw ("low") API types: what a manifest says, field by field, with
//! spans and nothing checked yet. [`decode`] fills them from a YAML document;
//! [`super::validate`] turns them into checked objects.
//!
//! The known-field lists are the core/v1 API's (Kubernetes 1.31); podlab
//! accepts every one of them and simulates those in the `MODELLED` lists.

use super::decode::{At, Decoder, Fields};
use crate::model::base::diag::{Span, Spanned};
use crate::model::base::yaml::{Node, NodeKind};

type S = Spanned<String>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectMeta {
    pub name: Option<S>,
    pub generate_name: Option<S>,
    pub namespace: Option<S>,
    pub labels: Vec<(S, S)>,
    pub annotations: Vec<(S, S)>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pod {
    pub meta: ObjectMeta,
    pub spec: PodSpec,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodSpec {
    pub containers: Vec<Container>,
    pub containers_span: Option<Span>,
    pub init_containers: Vec<Container>,
    pub volumes: Vec<Volume>,
    pub restart_policy: Option<S>,
    pub share_process_namespace: Option<Spanned<bool>>,
    pub node_name: Option<S>,
    pub hostname: Option<S>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    pub name: Option<S>,
    pub image: Option<S>,
    pub command: Option<Spanned<Vec<String>>>,
    pub args: Option<Spanned<Vec<String>>>,
    pub working_dir: Option<S>,
    pub ports: Vec<ContainerPort>,
    pub env: Vec<EnvVar>,
    pub volume_mounts: Vec<VolumeMount>,
    pub image_pull_policy: Option<S>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerPort {
    pub container_port: Option<Spanned<i64>>,
    pub name: Option<S>,
    pub protocol: Option<S>,
    pub host_port: Option<Spanned<i64>>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnvVar {
    pub name: Option<S>,
    pub value: Option<S>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct VolumeMount {
    pub name: Option<S>,
    pub mount_path: Option<S>,
    pub sub_path: Option<S>,
    pub read_only: Option<Spanned<bool>>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Volume {
    pub name: Option<S>,
    /// Every volume source the manifest names, in order; the API requires
    /// exactly one.
    pub sources: Vec<(Spanned<&'static str>, VolumeSource)>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VolumeSource {
    ConfigMap(ConfigMapVolume),
    EmptyDir(EmptyDirVolume),
    /// A real volume type that podlab does not simulate.
    Unmodelled,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigMapVolume {
    pub name: Option<S>,
    pub items: Vec<KeyToPath>,
    pub optional: Option<Spanned<bool>>,
    pub default_mode: Option<Spanned<i64>>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyToPath {
    pub key: Option<S>,
    pub path: Option<S>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmptyDirVolume {
    pub medium: Option<S>,
    /// `sizeLimit` in bytes, when it reads as a quantity (else it is noted
    /// as not modelled).
    pub size_limit: Option<u64>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigMap {
    pub meta: ObjectMeta,
    pub data: Vec<(S, S)>,
    pub data_span: Option<Span>,
    pub binary_data_keys: Vec<S>,
    pub immutable: Option<Spanned<bool>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Namespace {
    pub meta: ObjectMeta,
}

const OBJECT_META: &[&str] = &[
    "annotations",
    "creationTimestamp",
    "deletionGracePeriodSeconds",
    "deletionTimestamp",
    "finalizers",
    "generateName",
    "generation",
    "labels",
    "managedFields",
    "name",
    "namespace",
    "ownerReferences",
    "resourceVersion",
    "selfLink",
    "uid",
];
const OBJECT_META_MODELLED: &[&str] =
    &["annotations", "generateName", "labels", "name", "namespace"];

pub const POD: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];
const POD_MODELLED: &[&str] = &["apiVersion", "kind", "metadata", "spec"];

pub const POD_SPEC: &[&str] = &[
    "activeDeadlineSeconds",
    "affinity",
    "automountServiceAccountToken",
    "containers",
    "dnsConfig",
    "dnsPolicy",
    "enableServiceLinks",
    "ephemeralContainers",
    "hostAliases",
    "hostIPC",
    "hostNetwork",
    "hostPID",
    "hostUsers",
    "hostname",
    "imagePullSecrets",
    "initContainers",
    "nodeName",
    "nodeSelector",
    "os",
    "overhead",
    "preemptionPolicy",
    "priority",
    "priorityClassName",
    "readinessGates",
    "resourceClaims",
    "resources",
    "restartPolicy",
    "runtimeClassName",
    "schedulerName",
    "schedulingGates",
    "securityContext",
    "serviceAccount",
    "serviceAccountName",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "subdomain",
    "terminationGracePeriodSeconds",
    "tolerations",
    "topologySpreadConstraints",
    "volumes",
];
const POD_SPEC_MODELLED: &[&str] = &[
    "containers",
    "hostname",
    "initContainers",
    "nodeName",
    "restartPolicy",
    "shareProcessNamespace",
    "volumes",
    // Accepted with no effect in a one-node cluster without quotas.
    "terminationGracePeriodSeconds",
    "dnsPolicy",
];

pub const CONTAINER: &[&str] = &[
    "args",
    "command",
    "env",
    "envFrom",
    "image",
    "imagePullPolicy",
    "lifecycle",
    "livenessProbe",
    "name",
    "ports",
    "readinessProbe",
    "resizePolicy",
    "resources",
    "restartPolicy",
    "securityContext",
    "startupProbe",
    "stdin",
    "stdinOnce",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "tty",
    "volumeDevices",
    "volumeMounts",
    "workingDir",
];
const CONTAINER_MODELLED: &[&str] = &[
    "args",
    "command",
    "env",
    "image",
    "imagePullPolicy",
    "name",
    "ports",
    "volumeMounts",
    "workingDir",
    // Requests and limits do not change what a one-pod lab observes.
    "resources",
    "stdin",
    "tty",
];

const CONTAINER_PORT: &[&str] = &["containerPort", "hostIP", "hostPort", "name", "protocol"];
const CONTAINER_PORT_MODELLED: &[&str] = &["containerPort", "hostPort", "name", "protocol"];
const ENV_VAR: &[&str] = &["name", "value", "valueFrom"];
const ENV_VAR_MODELLED: &[&str] = &["name", "value"];
const VOLUME_MOUNT: &[&str] = &[
    "mountPath",
    "mountPropagation",
    "name",
    "readOnly",
    "recursiveReadOnly",
    "subPath",
    "subPathExpr",
];
const VOLUME_MOUNT_MODELLED: &[&str] = &["mountPath", "name", "readOnly", "subPath"];

pub const VOLUME: &[&str] = &[
    "awsElasticBlockStore",
    "azureDisk",
    "azureFile",
    "cephfs",
    "cinder",
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "fc",
    "flexVolume",
    "flocker",
    "gcePersistentDisk",
    "gitRepo",
    "glusterfs",
    "hostPath",
    "image",
    "iscsi",
    "name",
    "nfs",
    "persistentVolumeClaim",
    "photonPersistentDisk",
    "portworxVolume",
    "projected",
    "quobyte",
    "rbd",
    "scaleIO",
    "secret",
    "storageos",
    "vsphereVolume",
];
/// The order in which `validateVolumeSource` looks at volume types; the
/// second one it finds is the one reported as "more than 1 volume type".
const VOLUME_CHECK_ORDER: &[&str] = &[
    "emptyDir",
    "hostPath",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "quobyte",
    "cinder",
    "cephfs",
    "downwardAPI",
    "fc",
    "azureFile",
    "flexVolume",
    "configMap",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "vsphereVolume",
    "csi",
    "ephemeral",
    "image",
];
const CONFIG_MAP_VOLUME: &[&str] = &["defaultMode", "items", "name", "optional"];
const KEY_TO_PATH: &[&str] = &["key", "mode", "path"];
const KEY_TO_PATH_MODELLED: &[&str] = &["key", "path"];
const EMPTY_DIR: &[&str] = &["medium", "sizeLimit"];

pub const CONFIG_MAP: &[&str] = &[
    "apiVersion",
    "binaryData",
    "data",
    "immutable",
    "kind",
    "metadata",
];
pub const NAMESPACE: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];
const NAMESPACE_MODELLED: &[&str] = &["apiVersion", "kind", "metadata"];

fn meta(d: &mut Decoder, f: &mut Fields<'_>) -> ObjectMeta {
    let Some((node, at)) = f.take("metadata") else {
        // No metadata at all: its errors point at the document.
        let start = f.span().start;
        return ObjectMeta {
            span: Span::new(start, start),
            ..ObjectMeta::default()
        };
    };
    let Some(mut m) = d.fields(
        node,
        &at,
        "ObjectMeta",
        "v1.ObjectMeta",
        OBJECT_META,
        OBJECT_META_MODELLED,
    ) else {
        return ObjectMeta {
            span: node.span,
            ..ObjectMeta::default()
        };
    };
    let mut out = ObjectMeta {
        span: m.span(),
        ..ObjectMeta::default()
    };
    if let Some((n, at)) = m.take("name") {
        out.name = d.string(n, &at);
    }
    if let Some((n, at)) = m.take("generateName") {
        out.generate_name = d.string(n, &at);
    }
    if let Some((n, at)) = m.take("namespace") {
        out.namespace = d.string(n, &at);
    }
    if let Some((n, at)) = m.take("labels") {
        out.labels = d.string_map(n, &at);
    }
    if let Some((n, at)) = m.take("annotations") {
        out.annotations = d.string_map(n, &at);
    }
    d.finish(m);
    out
}

/// The top-level fields every kind has; `apiVersion` and `kind` were read
/// before the kind was known, so they are only marked as taken here.
fn top<'n>(
    d: &mut Decoder,
    root: &'n Node,
    go: &'static str,
    known: &'static [&'static str],
    modelled: &'static [&'static str],
) -> Option<Fields<'n>> {
    let mut f = d.fields(root, &At::root(go), go, go, known, modelled)?;
    f.take("apiVersion");
    f.take("kind");
    Some(f)
}

pub fn decode_pod(d: &mut Decoder, root: &Node) -> Pod {
    let Some(mut f) = top(d, root, "Pod", POD, POD_MODELLED) else {
        return Pod::default();
    };
    let meta = meta(d, &mut f);
    let spec = match f.take("spec") {
        Some((node, at)) => pod_spec(d, node, &at),
        // No spec at all: its errors point at the document.
        None => PodSpec {
            span: Span::new(root.span.start, root.span.start),
            ..PodSpec::default()
        },
    };
    d.finish(f);
    Pod { meta, spec }
}

fn pod_spec(d: &mut Decoder, node: &Node, at: &At) -> PodSpec {
    let Some(mut f) = d.fields(
        node,
        at,
        "PodSpec",
        "v1.PodSpec",
        POD_SPEC,
        POD_SPEC_MODELLED,
    ) else {
        return PodSpec {
            span: node.span,
            ..PodSpec::default()
        };
    };
    let mut spec = PodSpec {
        span: f.span(),
        ..PodSpec::default()
    };
    if let Some((n, at)) = f.take("containers") {
        spec.containers_span = Some(n.span);
        spec.containers = containers(d, n, &at);
    }
    if let Some((n, at)) = f.take("initContainers") {
        spec.init_containers = containers(d, n, &at);
    }
    if let Some((n, at)) = f.take("volumes") {
        for (i, item) in d
            .seq(n, &at, "[]v1.Volume")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            spec.volumes.push(volume(d, item, &at.index(i)));
        }
    }
    if let Some((n, at)) = f.take("restartPolicy") {
        spec.restart_policy = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("shareProcessNamespace") {
        spec.share_process_namespace = d.bool(n, &at);
    }
    if let Some((n, at)) = f.take("nodeName") {
        spec.node_name = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("hostname") {
        spec.hostname = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("terminationGracePeriodSeconds") {
        d.int(n, &at, "int64");
    }
    if let Some((n, at)) = f.take("dnsPolicy") {
        d.string(n, &at);
    }
    d.finish(f);
    spec
}

fn containers(d: &mut Decoder, node: &Node, at: &At) -> Vec<Container> {
    d.seq(node, at, "[]v1.Container")
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, item)| container(d, item, &at.index(i)))
        .collect()
}

fn container(d: &mut Decoder, node: &Node, at: &At) -> Container {
    let mut c = Container {
        span: node.span,
        ..Container::default()
    };
    let Some(mut f) = d.fields(
        node,
        at,
        "Container",
        "v1.Container",
        CONTAINER,
        CONTAINER_MODELLED,
    ) else {
        return c;
    };
    if let Some((n, at)) = f.take("name") {
        c.name = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("image") {
        c.image = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("command") {
        c.command = d.strings(n, &at);
    }
    if let Some((n, at)) = f.take("args") {
        c.args = d.strings(n, &at);
    }
    if let Some((n, at)) = f.take("workingDir") {
        c.working_dir = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("imagePullPolicy") {
        c.image_pull_policy = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("ports") {
        for (i, item) in d
            .seq(n, &at, "[]v1.ContainerPort")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            c.ports.push(container_port(d, item, &at.index(i)));
        }
    }
    if let Some((n, at)) = f.take("env") {
        for (i, item) in d
            .seq(n, &at, "[]v1.EnvVar")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            c.env.push(env_var(d, item, &at.index(i)));
        }
    }
    if let Some((n, at)) = f.take("volumeMounts") {
        for (i, item) in d
            .seq(n, &at, "[]v1.VolumeMount")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            c.volume_mounts.push(volume_mount(d, item, &at.index(i)));
        }
    }
    for name in ["stdin", "tty"] {
        if let Some((n, at)) = f.take(name) {
            d.bool(n, &at);
        }
    }
    // `resources` is accepted as a whole; its quantities are not simulated.
    f.take("resources");
    d.finish(f);
    c
}

fn container_port(d: &mut Decoder, node: &Node, at: &At) -> ContainerPort {
    let mut p = ContainerPort {
        span: node.span,
        ..ContainerPort::default()
    };
    let Some(mut f) = d.fields(
        node,
        at,
        "ContainerPort",
        "v1.ContainerPort",
        CONTAINER_PORT,
        CONTAINER_PORT_MODELLED,
    ) else {
        return p;
    };
    if let Some((n, at)) = f.take("containerPort") {
        p.container_port = d.int(n, &at, "int32");
    }
    if let Some((n, at)) = f.take("name") {
        p.name = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("protocol") {
        p.protocol = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("hostPort") {
        p.host_port = d.int(n, &at, "int32");
    }
    d.finish(f);
    p
}

fn env_var(d: &mut Decoder, node: &Node, at: &At) -> EnvVar {
    let mut e = EnvVar {
        span: node.span,
        ..EnvVar::default()
    };
    let Some(mut f) = d.fields(node, at, "EnvVar", "v1.EnvVar", ENV_VAR, ENV_VAR_MODELLED) else {
        return e;
    };
    if let Some((n, at)) = f.take("name") {
        e.name = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("value") {
        e.value = d.string(n, &at);
    }
    d.finish(f);
    e
}

fn volume_mount(d: &mut Decoder, node: &Node, at: &At) -> VolumeMount {
    let mut m = VolumeMount {
        span: node.span,
        ..VolumeMount::default()
    };
    let Some(mut f) = d.fields(
        node,
        at,
        "VolumeMount",
        "v1.VolumeMount",
        VOLUME_MOUNT,
        VOLUME_MOUNT_MODELLED,
    ) else {
        return m;
    };
    if let Some((n, at)) = f.take("name") {
        m.name = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("mountPath") {
        m.mount_path = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("subPath") {
        m.sub_path = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("readOnly") {
        m.read_only = d.bool(n, &at);
    }
    d.finish(f);
    m
}

fn volume(d: &mut Decoder, node: &Node, at: &At) -> Volume {
    let mut v = Volume {
        span: node.span,
        ..Volume::default()
    };
    let Some(mut f) = d.fields(node, at, "Volume", "v1.Volume", VOLUME, &["name"]) else {
        return v;
    };
    if let Some((n, at)) = f.take("name") {
        v.name = d.string(n, &at);
    }
    for &kind in VOLUME_CHECK_ORDER {
        let Some(key_span) = f.key_span(kind) else {
            continue;
        };
        let Some((n, at)) = f.take(kind) else {
            continue;
        };
        if matches!(n.kind, crate::model::base::yaml::NodeKind::Null) {
            // Volume sources are pointers in Go: `emptyDir: {}` sets one,
            // `emptyDir:` (null) leaves it nil, i.e. no volume type at all.
            continue;
        }
        let source = match kind {
            "configMap" => VolumeSource::ConfigMap(config_map_volume(d, n, &at)),
            "emptyDir" => VolumeSource::EmptyDir(empty_dir(d, n, &at)),
            _ => VolumeSource::Unmodelled,
        };
        v.sources.push((Spanned::new(kind, key_span), source));
    }
    d.finish(f);
    v
}

fn config_map_volume(d: &mut Decoder, node: &Node, at: &At) -> ConfigMapVolume {
    let mut c = ConfigMapVolume {
        span: node.span,
        ..ConfigMapVolume::default()
    };
    let Some(mut f) = d.fields(
        node,
        at,
        "ConfigMapVolumeSource",
        "v1.ConfigMapVolumeSource",
        CONFIG_MAP_VOLUME,
        CONFIG_MAP_VOLUME,
    ) else {
        return c;
    };
    if let Some((n, at)) = f.take("name") {
        c.name = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("optional") {
        c.optional = d.bool(n, &at);
    }
    if let Some((n, at)) = f.take("defaultMode") {
        c.default_mode = d.int(n, &at, "int32");
    }
    if let Some((n, at)) = f.take("items") {
        for (i, item) in d
            .seq(n, &at, "[]v1.KeyToPath")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let at = at.index(i);
            let mut k = KeyToPath {
                span: item.span,
                ..KeyToPath::default()
            };
            if let Some(mut kf) = d.fields(
                item,
                &at,
                "KeyToPath",
                "v1.KeyToPath",
                KEY_TO_PATH,
                KEY_TO_PATH_MODELLED,
            ) {
                if let Some((n, at)) = kf.take("key") {
                    k.key = d.string(n, &at);
                }
                if let Some((n, at)) = kf.take("path") {
                    k.path = d.string(n, &at);
                }
                d.finish(kf);
            }
            c.items.push(k);
        }
    }
    d.finish(f);
    c
}

fn empty_dir(d: &mut Decoder, node: &Node, at: &At) -> EmptyDirVolume {
    let mut e = EmptyDirVolume {
        span: node.span,
        ..EmptyDirVolume::default()
    };
    let Some(mut f) = d.fields(
        node,
        at,
        "EmptyDirVolumeSource",
        "v1.EmptyDirVolumeSource",
        EMPTY_DIR,
        &["medium", "sizeLimit"],
    ) else {
        return e;
    };
    if let Some((n, at)) = f.take("medium") {
        e.medium = d.string(n, &at);
    }
    if let Some((n, at)) = f.take("sizeLimit") {
        let text = match &n.kind {
            NodeKind::Int(i) => Some(i.to_string()),
            NodeKind::Str(s) => Some(s.clone()),
            _ => None,
        };
        e.size_limit = text.as_deref().and_then(super::quantity::bytes);
        if e.size_limit.is_none() {
            // A quantity podlab cannot read (or one the API server would
            // refuse): said so, never guessed at.
            let key_span = f.key_span("sizeLimit").unwrap_or(n.span);
            d.unmodelled.push(super::decode::Unmodelled {
                path: at.path,
                key_span,
            });
        }
    }
    d.finish(f);
    e
}

pub fn decode_config_map(d: &mut Decoder, root: &Node) -> ConfigMap {
    let Some(mut f) = top(d, root, "ConfigMap", CONFIG_MAP, CONFIG_MAP) else {
        return ConfigMap::default();
    };
    let mut cm = ConfigMap {
        meta: meta(d, &mut f),
        ..ConfigMap::default()
    };
    if let Some((n, at)) = f.take("data") {
        cm.data_span = Some(n.span);
        cm.data = d.string_map(n, &at);
    }
    if let Some((n, at)) = f.take("binaryData") {
        cm.binary_data_keys = d.string_map(n, &at).into_iter().map(|(k, _)| k).collect();
    }
    if let Some((n, at)) = f.take("immutable") {
        cm.immutable = d.bool(n, &at);
    }
    d.finish(f);
    cm
}

pub fn decode_namespace(d: &mut Decoder, root: &Node) -> Namespace {
    let Some(mut f) = top(d, root, "Namespace", NAMESPACE, NAMESPACE_MODELLED) else {
        return Namespace::default();
    };
    let ns = Namespace {
        meta: meta(d, &mut f),
    };
    d.finish(f);
    ns
}
