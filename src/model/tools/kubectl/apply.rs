//! `kubectl apply -f FILE` and `kubectl create -f FILE`: what they print
//! for each document, success or failure.

use crate::model::lang::kube::{Decoded, Rejection};
use crate::model::sim::cluster::{ApiError, Applied};

/// The resource name kubectl prints (`pod/x`, `configmap/x`).
pub fn resource(kind: &str) -> String {
    kind.to_ascii_lowercase()
}

pub fn success(kind: &str, name: &str, applied: &Applied) -> String {
    let verb = match applied {
        Applied::Created => "created",
        Applied::Configured => "configured",
        Applied::Unchanged => "unchanged",
    };
    format!("{}/{name} {verb}", resource(kind))
}

/// The line kubectl prints when the API refuses a document.
pub fn rejection(file: &str, d: &Decoded, create: bool) -> String {
    let name = d.name.clone().unwrap_or_default();
    let r = d.result.as_ref().expect_err("a rejection");
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
pub fn api_error(file: &str, e: &ApiError, create: bool) -> String {
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
