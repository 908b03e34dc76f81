//! The Kubernetes API as podlab models it: decode a YAML document the way the
//! API server decodes kubectl's JSON (phase one, [`decode`] into [`raw`]),
//! then default and validate it (phase two, [`validate`] into [`objects`]).
//! The result says what a real cluster would answer, with a span for every
//! message.

pub mod decode;
pub mod image;
pub mod names;
pub mod objects;
pub mod path;
pub mod quantity;
pub mod raw;
pub mod validate;

use decode::{Decoder, TypeError, UnknownField, Unmodelled};
use objects::{Object, Source};
use validate::FieldError;

use crate::model::base::diag::{Diagnostic, FileId, Label, Origin, Span};
use crate::model::base::i18n::{Key, Msg};
use crate::model::base::yaml::{Document, Node};

/// Why the API (or kubectl before it) refused a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    /// kubectl: `Object 'Kind' is missing in '{...}'`.
    MissingKind { json: String },
    /// kubectl, for a document that is a list or a scalar: `json: cannot
    /// unmarshal array into Go value of type unstructured.detector`.
    NotAnObject { json_type: &'static str },
    /// kubectl, for metadata that does not decode into ObjectMeta:
    /// `json: cannot unmarshal string into Go struct field
    /// metadataOnlyObject.metadata of type v1.ObjectMeta`.
    BadMetadata(Box<TypeError>),
    /// kubectl: `no matches for kind "Pods" in version "v1"`.
    NoMatch { kind: String, version: String },
    /// A real kind that podlab does not simulate.
    Unmodelled { kind: String },
    /// 400 BadRequest: a type mismatch, or unknown fields under strict
    /// decoding (kubectl's default since 1.25).
    BadRequest {
        kind: String,
        version: String,
        type_error: Option<Box<TypeError>>,
        unknown: Vec<UnknownField>,
    },
    /// 422 Invalid: validation failed.
    Invalid {
        kind: String,
        name: String,
        causes: Vec<FieldError>,
    },
}

impl Rejection {
    /// podlab's word on a kind it does not model.
    fn unmodelled(kind: &str) -> Msg {
        Key::KindUnmodelled.msg().arg("kind", format!("{kind:?}"))
    }

    /// The API server's message body, e.g.
    /// `Pod in version "v1" cannot be handled as a Pod: strict decoding error: ...`
    /// or `Pod "x" is invalid: spec...: Not found: "y"`.
    pub fn api_message(&self) -> String {
        match self {
            Rejection::MissingKind { json } => format!("Object 'Kind' is missing in '{json}'"),
            Rejection::BadMetadata(t) => t.message(),
            Rejection::NotAnObject { json_type } => format!(
                "json: cannot unmarshal {json_type} into Go value of type unstructured.detector"
            ),
            Rejection::NoMatch { kind, version } => {
                format!("no matches for kind {kind:?} in version {version:?}")
            }
            Rejection::Unmodelled { kind } => Rejection::unmodelled(kind).en(),
            Rejection::BadRequest {
                kind,
                version,
                type_error,
                unknown,
            } => {
                let reason = match type_error {
                    Some(t) => t.message(),
                    None => strict_message(unknown),
                };
                format!("{kind} in version {version:?} cannot be handled as a {kind}: {reason}")
            }
            Rejection::Invalid { kind, name, causes } => {
                let list: Vec<String> = causes.iter().map(ToString::to_string).collect();
                let body = if list.len() == 1 {
                    list[0].clone()
                } else {
                    format!("[{}]", list.join(", "))
                };
                format!("{kind} {name:?} is invalid: {body}")
            }
        }
    }
}

fn strict_message(unknown: &[UnknownField]) -> String {
    let list: Vec<String> = unknown
        .iter()
        .map(|u| format!("unknown field \"{}\"", u.path))
        .collect();
    format!("strict decoding error: {}", list.join(", "))
}

/// The outcome of sending one document to the API server.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub source: Source,
    pub api_version: String,
    pub kind: String,
    pub name: Option<String>,
    pub result: Result<Object, Rejection>,
    pub warnings: Vec<(String, Span)>,
    pub unmodelled: Vec<Unmodelled>,
    /// Span of the `kind` value, or of the document.
    pub kind_span: Span,
}

/// Real kinds podlab knows of but does not simulate, by apiVersion.
const REAL_KINDS: &[(&str, &[&str])] = &[
    (
        "v1",
        &[
            "Service",
            "Secret",
            "ServiceAccount",
            "PersistentVolumeClaim",
            "PersistentVolume",
            "Endpoints",
            "LimitRange",
            "ResourceQuota",
            "ReplicationController",
            "Event",
            "Node",
        ],
    ),
    (
        "apps/v1",
        &[
            "Deployment",
            "ReplicaSet",
            "StatefulSet",
            "DaemonSet",
            "ControllerRevision",
        ],
    ),
    ("batch/v1", &["Job", "CronJob"]),
    (
        "networking.k8s.io/v1",
        &["Ingress", "NetworkPolicy", "IngressClass"],
    ),
];

pub fn decode_document(file: FileId, doc: usize, document: &Document) -> Decoded {
    let root = &document.root;
    let source = Source {
        file,
        doc,
        span: root.span,
    };
    let text_of = |key: &str| -> (String, Option<Span>) {
        match root.get(key) {
            Some(n) => (n.as_str().unwrap_or_default().to_string(), Some(n.span)),
            None => (String::new(), None),
        }
    };
    let (api_version, version_span) = text_of("apiVersion");
    let (kind, kind_span) = text_of("kind");
    let kind_span = kind_span
        .or(version_span)
        .unwrap_or(Span::new(root.span.start, root.span.start));
    let name = root
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Node::as_str)
        .map(str::to_string);
    let mut out = Decoded {
        source,
        api_version: api_version.clone(),
        kind: kind.clone(),
        name: name.clone(),
        result: Err(Rejection::MissingKind {
            json: document.json(),
        }),
        warnings: Vec::new(),
        unmodelled: Vec::new(),
        kind_span,
    };
    if root.as_map().is_none() {
        out.result = Err(Rejection::NotAnObject {
            json_type: root.kind.json_type(),
        });
        return out;
    }
    if kind.is_empty() || !decode::group_version_parses(&api_version) {
        return out;
    }
    if let Some(t) = decode::metadata_type_error(document) {
        out.result = Err(Rejection::BadMetadata(Box::new(t)));
        return out;
    }
    let mut d = Decoder::default();
    let result = match (api_version.as_str(), kind.as_str()) {
        ("v1", "Pod") => {
            let raw = raw::decode_pod(&mut d, root);
            finish(&mut d, &kind, &api_version).and_then(|()| {
                let o = validate::pod(&raw, source);
                out.warnings = o.warnings;
                o.pod
                    .map(Object::Pod)
                    .ok_or_else(|| invalid(&kind, &name, o.errors))
            })
        }
        ("v1", "ConfigMap") => {
            let raw = raw::decode_config_map(&mut d, root);
            finish(&mut d, &kind, &api_version).and_then(|()| {
                let o = validate::config_map(&raw, source);
                o.config_map
                    .map(Object::ConfigMap)
                    .ok_or_else(|| invalid(&kind, &name, o.errors))
            })
        }
        ("v1", "Namespace") => {
            let raw = raw::decode_namespace(&mut d, root);
            finish(&mut d, &kind, &api_version).and_then(|()| {
                let (ns, errors) = validate::namespace(&raw, source);
                ns.map(Object::Namespace)
                    .ok_or_else(|| invalid(&kind, &name, errors))
            })
        }
        (v, k)
            if REAL_KINDS
                .iter()
                .any(|(av, ks)| *av == v && ks.contains(&k)) =>
        {
            Err(Rejection::Unmodelled { kind: kind.clone() })
        }
        _ => Err(Rejection::NoMatch {
            kind: kind.clone(),
            version: api_version.clone(),
        }),
    };
    out.unmodelled = d.unmodelled;
    out.result = result;
    out
}

fn finish(d: &mut Decoder, kind: &str, version: &str) -> Result<(), Rejection> {
    d.sort();
    if d.type_error.is_none() && d.unknown.is_empty() {
        return Ok(());
    }
    Err(Rejection::BadRequest {
        kind: kind.to_string(),
        version: version.to_string(),
        type_error: d.type_error.take().map(Box::new),
        unknown: std::mem::take(&mut d.unknown),
    })
}

fn invalid(kind: &str, name: &Option<String>, causes: Vec<FieldError>) -> Rejection {
    Rejection::Invalid {
        kind: kind.to_string(),
        name: name.clone().unwrap_or_default(),
        causes,
    }
}

impl Decoded {
    /// Diagnostics for the editor, each anchored where the API would point.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let file = self.source.file;
        let mut out = Vec::new();
        match &self.result {
            Ok(_) => {}
            Err(Rejection::MissingKind { .. }) => out.push(
                Diagnostic::error(Origin::Kubectl)
                    .with_message("Object 'Kind' is missing")
                    .with_label(Label::primary(file, Span::new(self.source.span.start, self.source.span.start)))
                    .with_note("every manifest needs `apiVersion:` and `kind:`, e.g. `apiVersion: v1` and `kind: Pod`"),
            ),
            Err(r @ Rejection::BadMetadata(t)) => out.push(
                Diagnostic::error(Origin::Kubectl)
                    .with_message(r.api_message())
                    .with_label(Label::primary(file, t.span)),
            ),
            Err(r @ Rejection::NotAnObject { .. }) => out.push(
                Diagnostic::error(Origin::Kubectl)
                    .with_message(r.api_message())
                    .with_label(Label::primary(file, self.source.span))
                    .with_note("a manifest is a mapping, with `apiVersion:` and `kind:` at its top"),
            ),
            Err(r @ Rejection::NoMatch { .. }) => out.push(
                Diagnostic::error(Origin::Kubectl)
                    .with_message(r.api_message())
                    .with_label(Label::primary(file, self.kind_span)),
            ),
            Err(Rejection::Unmodelled { kind }) => out.push(
                Diagnostic::error(Origin::Podlab)
                    .with_msg(Rejection::unmodelled(kind))
                    .with_label(Label::primary(file, self.kind_span)),
            ),
            Err(Rejection::BadRequest {
                type_error, unknown, ..
            }) => {
                if let Some(t) = type_error {
                    out.push(
                        Diagnostic::error(Origin::ApiServer)
                            .with_message(t.message())
                            .with_label(Label::primary(file, t.span)),
                    );
                } else {
                    for u in unknown {
                        let mut d = Diagnostic::error(Origin::ApiServer)
                            .with_message(format!("strict decoding error: unknown field \"{}\"", u.path))
                            .with_label(Label::primary(file, u.key_span));
                        let leaf = match u.path.0.last() {
                            Some(path::Seg::Field(f)) => f.as_str(),
                            _ => "",
                        };
                        if let Some(s) = decode::did_you_mean(leaf, u.known) {
                            d = d.with_note(format!("podlab: did you mean `{s}`?"));
                        }
                        out.push(d);
                    }
                }
            }
            Err(Rejection::Invalid { causes, .. }) => {
                for c in causes {
                    out.push(
                        Diagnostic::error(Origin::ApiServer)
                            .with_message(c.to_string())
                            .with_label(Label::primary(file, c.span)),
                    );
                }
            }
        }
        for (w, span) in &self.warnings {
            out.push(
                Diagnostic::warning(Origin::ApiServer)
                    .with_message(format!("Warning: {w}"))
                    .with_label(Label::primary(file, *span)),
            );
        }
        for u in &self.unmodelled {
            out.push(
                Diagnostic::note(Origin::Podlab)
                    .with_msg(Key::KubeUnmodelled.msg().arg("path", &u.path))
                    .with_label(Label::primary(file, u.key_span)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests;
