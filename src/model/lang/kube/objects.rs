//! Checked ("high") API objects: what the API server stores once decoding and
//! validation passed, with defaults applied. The cluster only ever sees these.

use std::collections::BTreeMap;

use crate::model::base::diag::{FileId, Span};

/// Where an object came from: file, document index and the document's span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub file: FileId,
    pub doc: usize,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Pod(PodObject),
    ConfigMap(ConfigMapObject),
    Namespace(NamespaceObject),
}

impl Object {
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Pod(_) => "Pod",
            Object::ConfigMap(_) => "ConfigMap",
            Object::Namespace(_) => "Namespace",
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Object::Pod(p) => &p.name,
            Object::ConfigMap(c) => &c.name,
            Object::Namespace(n) => &n.name,
        }
    }

    /// The namespace the manifest names, if any (Namespaces have none).
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Object::Pod(p) => p.namespace.as_deref(),
            Object::ConfigMap(c) => c.namespace.as_deref(),
            Object::Namespace(_) => None,
        }
    }

    pub fn source(&self) -> Source {
        match self {
            Object::Pod(p) => p.source,
            Object::ConfigMap(c) => c.source,
            Object::Namespace(n) => n.source,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PodObject {
    pub name: String,
    pub namespace: Option<String>,
    pub labels: Vec<(String, String)>,
    pub spec: PodSpec,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestartPolicy {
    Always,
    OnFailure,
    Never,
}

impl RestartPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            RestartPolicy::Always => "Always",
            RestartPolicy::OnFailure => "OnFailure",
            RestartPolicy::Never => "Never",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PodSpec {
    pub containers: Vec<ContainerSpec>,
    pub init_containers: Vec<ContainerSpec>,
    pub volumes: Vec<VolumeSpec>,
    pub restart_policy: RestartPolicy,
    pub share_process_namespace: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    Tcp,
    Udp,
    Sctp,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
        }
    }
}

/// `imagePullPolicy`, defaulted as `SetDefaults_Container` does: `Always`
/// for a `:latest` (or untagged) image, else `IfNotPresent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PullPolicy {
    Always,
    IfNotPresent,
    Never,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContainerSpec {
    pub name: String,
    pub image: String,
    pub command: Option<Vec<String>>,
    pub args: Option<Vec<String>>,
    pub working_dir: Option<String>,
    pub ports: Vec<PortSpec>,
    pub env: Vec<(String, String)>,
    pub mounts: Vec<MountSpec>,
    pub pull_policy: PullPolicy,
    pub span: Span,
    pub image_span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PortSpec {
    pub port: u16,
    pub protocol: Protocol,
    pub name: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MountSpec {
    pub volume: String,
    pub path: String,
    pub sub_path: Option<String>,
    pub read_only: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VolumeSpec {
    pub name: String,
    pub source: VolumeSourceSpec,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum VolumeSourceSpec {
    ConfigMap {
        name: String,
        /// `items`: key to relative path; empty means every key as a file.
        items: Vec<(String, String)>,
        optional: bool,
    },
    /// `size_limit`: the `sizeLimit` it states, in bytes.
    EmptyDir { size_limit: Option<u64> },
    /// A real volume type podlab does not simulate (its field name).
    Unmodelled(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConfigMapObject {
    pub name: String,
    pub namespace: Option<String>,
    pub data: BTreeMap<String, String>,
    pub source: Source,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NamespaceObject {
    pub name: String,
    pub source: Source,
}
