//! `kubectl apply -f FILE` and `kubectl create -f FILE`: the one path by
//! which a file's documents reach the cluster — the console's kubectl, the
//! workspace's build (the Pods pane) and `podlab apply` all go through
//! [`send`] — and the typed [`Answer`] for each document, which prints as
//! kubectl's line.

use std::fmt;

use crate::model::base::diag::FileId;
use crate::model::base::time::SimDuration;
use crate::model::base::yaml;
use crate::model::lang::kube::{self, Decoded, Rejection};
use crate::model::sim::cluster::{ApiError, Applied, Cluster};

/// The gap between two documents of an apply: one API round trip.
pub const APPLY_GAP: SimDuration = SimDuration::from_millis(50);

/// The resource name kubectl prints (`pod/x`, `configmap/x`).
pub fn resource(kind: &str) -> String {
    kind.to_ascii_lowercase()
}

/// How the documents are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    /// `kubectl create -f`: an object that exists is an error.
    pub create: bool,
    /// The namespace of objects that name none.
    pub namespace: &'a str,
    /// `--namespace` was given: an object in another namespace is refused.
    pub namespace_flag: bool,
    /// How far the clock moves per document sent: [`APPLY_GAP`], or zero
    /// where the caller steps the clock itself (a test's script).
    pub round_trip: SimDuration,
}

impl Request<'static> {
    /// `kubectl apply -f FILE` in the default namespace, as the workspace
    /// applies its tabs.
    pub const APPLY: Request<'static> = Request {
        create: false,
        namespace: crate::model::sim::cluster::DEFAULT_NAMESPACE,
        namespace_flag: false,
        round_trip: APPLY_GAP,
    };
}

/// What kubectl answered for one document of a file (or for the file, when
/// it does not parse).
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The API stored the object: `pod/x created`, `configured` or
    /// `unchanged`.
    Done {
        kind: &'static str,
        name: String,
        how: Applied,
    },
    /// A warning the API returned with the document: `Warning: …`.
    Warning(String),
    /// The YAML or JSON does not parse here: kubectl sent the documents
    /// before it and stops reading the file.
    Unparsed { path: String, message: String },
    /// kubectl's client-side validation refused a document (`--validate`,
    /// on by default): it sent the documents before it and stops there.
    Invalid { path: String, problem: String },
    /// No file held any object: `error: no objects passed to apply`.
    NoObjects { create: bool },
    /// kubectl or the API refused the document as written (decoding or
    /// validation).
    Rejected {
        path: String,
        name: String,
        rejection: Rejection,
        create: bool,
    },
    /// The API refused a valid object: `Error from server (NotFound): …`.
    Refused {
        path: String,
        error: ApiError,
        create: bool,
    },
    /// The object names another namespace than `--namespace`: kubectl
    /// refuses before sending.
    NamespaceMismatch { object: String, flag: String },
}

impl Answer {
    /// kubectl exits 1 and the line is an error.
    pub fn failed(&self) -> bool {
        !matches!(self, Answer::Done { .. } | Answer::Warning(_))
    }

    /// The stream kubectl prints the line on: 1 for stdout, 2 for stderr.
    pub fn fd(&self) -> u8 {
        match self {
            Answer::Done { .. } => 1,
            _ => 2,
        }
    }
}

/// The line kubectl prints, without its final newline.
impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Done { kind, name, how } => f.write_str(&success(kind, name, how)),
            Answer::Warning(w) => write!(f, "Warning: {w}"),
            Answer::Unparsed { path, message } => {
                write!(f, "error: error parsing {path}: {message}")
            }
            Answer::Invalid { path, problem } => {
                f.write_str(&kube::decode::validation_message(path, problem))
            }
            Answer::NoObjects { create } => write!(
                f,
                "error: no objects passed to {}",
                if *create { "create" } else { "apply" }
            ),
            Answer::Rejected {
                path,
                name,
                rejection,
                create,
            } => f.write_str(&refusal(path, name, rejection, *create)),
            Answer::Refused {
                path,
                error,
                create,
            } => f.write_str(&api_error(path, error, *create)),
            Answer::NamespaceMismatch { object, flag } => write!(
                f,
                "error: the namespace from the provided object \"{object}\" does not match the namespace \"{flag}\". You must pass '--namespace={object}' to perform this operation."
            ),
        }
    }
}

/// What kubectl reads from one file: the documents it decoded, in order, up
/// to where it stopped, and why it stopped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    pub docs: Vec<Decoded>,
    pub stop: Option<Stopped>,
}

/// Why kubectl stopped reading a file (after sending the documents before).
#[derive(Clone, Debug, PartialEq)]
pub enum Stopped {
    /// The YAML or JSON does not parse: go-yaml's or encoding/json's message.
    Unparsed(String),
    /// Client-side validation refused the next document: its problem.
    Invalid(String),
}

impl Read {
    /// The file held no document at all (kubectl's `no objects passed`).
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty() && self.stop.is_none()
    }

    /// From a file's parsed documents, all of them decoded, and the parse
    /// error after them if any: kubectl reads up to the first document its
    /// validation refuses (with `validate`), else to the parse error.
    pub fn of(
        docs: &[yaml::Document],
        mut decoded: Vec<Decoded>,
        unparsed: Option<String>,
        validate: bool,
    ) -> Read {
        let invalid = docs.iter().enumerate().find_map(|(i, d)| {
            validate
                .then(|| kube::decode::validation_problem(d))
                .flatten()
                .map(|p| (i, p))
        });
        let stop = match invalid {
            Some((i, problem)) => {
                decoded.truncate(i);
                Some(Stopped::Invalid(problem))
            }
            None => unparsed.map(Stopped::Unparsed),
        };
        Read {
            docs: decoded,
            stop,
        }
    }
}

/// What kubectl reads from a file before it sends anything, as
/// `kubectl apply -f` reads it (`validate`: without `--validate=false`).
pub fn read(id: FileId, text: &str, validate: bool) -> Read {
    let (docs, diags) = yaml::parse(id, text);
    let decoded = docs
        .iter()
        .enumerate()
        .map(|(di, doc)| kube::decode_document(id, di, doc))
        .collect();
    Read::of(
        &docs,
        decoded,
        diags.first().map(|d| d.message.clone()),
        validate,
    )
}

/// `kubectl apply -f FILE` for one file: its documents sent, and kubectl's
/// `no objects passed` when it holds none.
pub fn apply_file(cl: &mut Cluster, path: &str, read: &Read, req: &Request<'_>) -> Vec<Answer> {
    let mut answers = send(cl, path, read, req);
    if read.is_empty() {
        answers.push(Answer::NoObjects { create: req.create });
    }
    answers
}

/// Send a file's documents (`path` as the command line names it) to the
/// API in order, one round trip (`req.round_trip`) each, and say what came
/// back. `read` is what [`read`] made of the file.
pub fn send(cl: &mut Cluster, path: &str, read: &Read, req: &Request<'_>) -> Vec<Answer> {
    let mut out = Vec::new();
    for d in &read.docs {
        out.extend(d.warnings.iter().map(|(w, _)| Answer::Warning(w.clone())));
        match &d.result {
            Ok(obj) => {
                if let Some(mns) = obj.namespace()
                    && req.namespace_flag
                    && mns != req.namespace
                {
                    out.push(Answer::NamespaceMismatch {
                        object: mns.to_string(),
                        flag: req.namespace.to_string(),
                    });
                    continue;
                }
                let r = if req.create {
                    cl.create(obj, req.namespace)
                } else {
                    cl.apply(obj, req.namespace)
                };
                out.push(match r {
                    Ok(how) => Answer::Done {
                        kind: obj.kind(),
                        name: obj.name().to_string(),
                        how,
                    },
                    Err(error) => Answer::Refused {
                        path: path.to_string(),
                        error,
                        create: req.create,
                    },
                });
            }
            Err(rejection) => out.push(Answer::Rejected {
                path: path.to_string(),
                name: d.name.clone().unwrap_or_default(),
                rejection: rejection.clone(),
                create: req.create,
            }),
        }
        cl.advance(req.round_trip);
    }
    let path = path.to_string();
    out.extend(read.stop.clone().map(|s| match s {
        Stopped::Unparsed(message) => Answer::Unparsed { path, message },
        Stopped::Invalid(problem) => Answer::Invalid { path, problem },
    }));
    out
}

fn success(kind: &str, name: &str, applied: &Applied) -> String {
    let verb = match applied {
        Applied::Created => "created",
        Applied::Configured => "configured",
        Applied::Unchanged => "unchanged",
    };
    format!("{}/{name} {verb}", resource(kind))
}

/// The line kubectl prints when it or the API refuses a document.
fn refusal(file: &str, name: &str, r: &Rejection, create: bool) -> String {
    match r {
        Rejection::MissingKind { .. }
        | Rejection::NotAnObject { .. }
        | Rejection::BadMetadata(_) => {
            format!("error: unable to decode \"{file}\": {}", r.api_message())
        }
        Rejection::NoMatch { kind, version } => format!(
            "error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{file}\": no matches for kind \"{kind}\" in version \"{version}\"\nensure CRDs are installed first"
        ),
        Rejection::Unmodelled { .. } => format!("podlab: {}", r.api_message()),
        Rejection::BadRequest { .. } => format!(
            "Error from server (BadRequest): error when creating \"{file}\": {}",
            r.api_message()
        ),
        Rejection::Invalid { kind, causes, .. } if create => {
            let list: Vec<String> = causes.iter().map(ToString::to_string).collect();
            if list.len() == 1 {
                format!("The {kind} \"{name}\" is invalid: {}", list[0])
            } else {
                format!(
                    "The {kind} \"{name}\" is invalid: \n* {}",
                    list.join("\n* ")
                )
            }
        }
        Rejection::Invalid { .. } => format!(
            "Error from server (Invalid): error when creating \"{file}\": {}",
            r.api_message()
        ),
    }
}

/// An API error for a valid document.
fn api_error(file: &str, e: &ApiError, create: bool) -> String {
    match e {
        ApiError::AlreadyExists { .. } if create => format!(
            "Error from server (AlreadyExists): error when creating \"{file}\": {}",
            e.message()
        ),
        ApiError::Forbidden(m) => format!("The {m}"),
        _ => format!(
            "Error from server ({}): error when creating \"{file}\": {}",
            e.reason(),
            e.message()
        ),
    }
}
