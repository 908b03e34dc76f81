//! Phase one: decode a YAML tree into the raw API types of [`super::raw`],
//! the way the API server decodes the JSON that kubectl sends it.
//!
//! - Unknown fields are collected, all of them, for kubectl's
//!   `strict decoding error: unknown field "spec.containers[1].volumeMount"`.
//! - The first type mismatch is kept, worded as Go's encoding/json words it:
//!   "first" in the JSON kubectl sends, whose keys are sorted (it marshals a
//!   `map[string]interface{}`); unknown fields are listed in that order too.
//!   A type error wins over unknown fields, as in apimachinery's serializer.
//!   `json: cannot unmarshal string into Go struct field
//!   ContainerPort.spec.containers.ports.containerPort of type int32`.
//! - A field the real API has but podlab does not model is accepted and
//!   reported as "not modelled", never as an error.
//!
//! Every decoded value keeps its span, so phase two (validation) can anchor
//! its messages.

use super::path::FieldPath;
use crate::model::base::diag::{Span, Spanned};
use crate::model::base::yaml::{Document, Node, NodeKind};

/// A field the API server does not know.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField {
    pub path: FieldPath,
    pub key_span: Span,
    /// The fields that struct does have, for a "did you mean" hint.
    pub known: &'static [&'static str],
}

/// Go's `UnmarshalTypeError`, kept for the first mismatch only, as
/// encoding/json keeps only the first.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeError {
    /// `string`, `number 99999999999`, `object`, ...
    pub value: String,
    /// Go struct that holds the field, e.g. `ContainerPort`.
    pub go_struct: &'static str,
    pub path: FieldPath,
    /// Go type, e.g. `int32`, `[]v1.Container`.
    pub go_type: &'static str,
    pub span: Span,
}

impl TypeError {
    pub fn message(&self) -> String {
        format!(
            "json: cannot unmarshal {} into Go struct field {}.{} of type {}",
            self.value,
            self.go_struct,
            self.path.go_fields(),
            self.go_type
        )
    }
}

/// A real API field that podlab accepts but does not simulate.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmodelled {
    pub path: FieldPath,
    pub key_span: Span,
}

#[derive(Debug, Default)]
pub struct Decoder {
    pub unknown: Vec<UnknownField>,
    pub type_error: Option<TypeError>,
    pub unmodelled: Vec<Unmodelled>,
}

/// Where a value sits: its path and the Go struct whose field it is.
#[derive(Clone, Debug)]
pub struct At {
    pub path: FieldPath,
    pub owner: &'static str,
}

impl At {
    pub fn root(owner: &'static str) -> Self {
        At {
            path: FieldPath::root(),
            owner,
        }
    }
    pub fn index(&self, i: usize) -> At {
        At {
            path: self.path.index(i),
            owner: self.owner,
        }
    }
    pub fn key(&self, k: &str) -> At {
        At {
            path: self.path.key(k),
            owner: self.owner,
        }
    }
}

/// The fields of one mapping that a struct decodes, with the set it knows.
pub struct Fields<'n> {
    node: &'n Node,
    used: Vec<bool>,
    at: At,
    go_struct: &'static str,
    known: &'static [&'static str],
    modelled: &'static [&'static str],
}

impl<'n> Fields<'n> {
    pub fn span(&self) -> Span {
        self.node.span
    }

    /// The value of a field and where it sits. `known` must list it.
    pub fn take(&mut self, name: &'static str) -> Option<(&'n Node, At)> {
        debug_assert!(self.known.contains(&name), "{name} not in known fields");
        let pairs = self.node.as_map()?;
        let mut found = None;
        for (i, (k, v)) in pairs.iter().enumerate() {
            if k.as_str() == Some(name) {
                self.used[i] = true;
                found = Some(v);
            }
        }
        let at = At {
            path: self.at.path.field(name),
            owner: self.go_struct,
        };
        found.map(|v| (v, at))
    }

    /// The key's span, for a field that is present.
    pub fn key_span(&self, name: &str) -> Option<Span> {
        self.node
            .as_map()?
            .iter()
            .rev()
            .find(|(k, _)| k.as_str() == Some(name))
            .map(|(k, _)| k.span)
    }
}

impl Decoder {
    /// Open a mapping as the Go struct `go_struct` (Go type `go_type`).
    /// `known` lists every field the real API has; `modelled` those podlab
    /// simulates. Null decodes to nothing, as in Go.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        at: &At,
        go_struct: &'static str,
        go_type: &'static str,
        known: &'static [&'static str],
        modelled: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        match &node.kind {
            NodeKind::Map(pairs) => Some(Fields {
                node,
                used: vec![false; pairs.len()],
                at: at.clone(),
                go_struct,
                known,
                modelled,
            }),
            NodeKind::Null => None,
            _ => {
                self.mismatch(node, at, go_type);
                None
            }
        }
    }

    /// Close a mapping: report the keys nobody took.
    pub fn finish(&mut self, f: Fields<'_>) {
        let Some(pairs) = f.node.as_map() else { return };
        for ((k, _), used) in pairs.iter().zip(&f.used) {
            if *used {
                continue;
            }
            let name = k.key_text().unwrap_or_default();
            let path = f.at.path.field(&name);
            if f.known.contains(&name.as_str()) {
                if !f.modelled.contains(&name.as_str()) {
                    self.unmodelled.push(Unmodelled {
                        path,
                        key_span: k.span,
                    });
                }
            } else {
                self.unknown.push(UnknownField {
                    path,
                    key_span: k.span,
                    known: f.known,
                });
            }
        }
    }

    /// Sort what was found into the order the API server meets it.
    pub fn sort(&mut self) {
        crate::model::base::sort::sort_by(&mut self.unknown, |a, b| a.path.cmp(&b.path));
    }

    fn mismatch(&mut self, node: &Node, at: &At, go_type: &'static str) {
        // encoding/json reports the earliest mismatch in the document.
        if self.type_error.as_ref().is_some_and(|t| t.path <= at.path) {
            return;
        }
        // encoding/json's literalStore names the number only when it fails
        // to parse into an integer field; into anything else it is "number".
        let int = go_type.starts_with("int");
        let value = match &node.kind {
            NodeKind::Int(i) if int => format!("number {i}"),
            NodeKind::Float(f) if int => format!("number {f}"),
            k => k.json_type().to_string(),
        };
        self.type_error = Some(TypeError {
            value,
            go_struct: at.owner,
            path: at.path.clone(),
            go_type,
            span: node.span,
        });
    }

    pub fn string(&mut self, node: &Node, at: &At) -> Option<Spanned<String>> {
        match &node.kind {
            NodeKind::Str(s) => Some(Spanned::new(s.clone(), node.span)),
            NodeKind::Null => None,
            _ => {
                self.mismatch(node, at, "string");
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node, at: &At) -> Option<Spanned<bool>> {
        match &node.kind {
            NodeKind::Bool(b) => Some(Spanned::new(*b, node.span)),
            NodeKind::Null => None,
            _ => {
                self.mismatch(node, at, "bool");
                None
            }
        }
    }

    /// An integer of Go type `go_type` (`int32` or `int64`).
    pub fn int(&mut self, node: &Node, at: &At, go_type: &'static str) -> Option<Spanned<i64>> {
        let (lo, hi) = if go_type == "int32" {
            (i64::from(i32::MIN), i64::from(i32::MAX))
        } else {
            (i64::MIN, i64::MAX)
        };
        match &node.kind {
            NodeKind::Int(i) if (lo..=hi).contains(i) => Some(Spanned::new(*i, node.span)),
            // YAML to JSON prints a whole float without its fraction.
            NodeKind::Float(f) if f.fract() == 0.0 && *f >= lo as f64 && *f <= hi as f64 => {
                Some(Spanned::new(*f as i64, node.span))
            }
            NodeKind::Null => None,
            _ => {
                self.mismatch(node, at, go_type);
                None
            }
        }
    }

    /// `[]string`, e.g. command and args.
    pub fn strings(&mut self, node: &Node, at: &At) -> Option<Spanned<Vec<String>>> {
        let items = self.seq(node, at, "[]string")?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // Go decodes null into a string element as "".
            match &item.kind {
                NodeKind::Null => out.push(String::new()),
                _ => out.push(self.string(item, &at.index(i)).map(|s| s.value)?),
            }
        }
        Some(Spanned::new(out, node.span))
    }

    /// A sequence of Go type `go_type`; null decodes to nothing.
    pub fn seq<'n>(
        &mut self,
        node: &'n Node,
        at: &At,
        go_type: &'static str,
    ) -> Option<&'n [Node]> {
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            NodeKind::Null => None,
            _ => {
                self.mismatch(node, at, go_type);
                None
            }
        }
    }

    /// `map[string]string`, e.g. labels and ConfigMap data, in source order.
    pub fn string_map(&mut self, node: &Node, at: &At) -> Vec<(Spanned<String>, Spanned<String>)> {
        let pairs = match &node.kind {
            NodeKind::Map(pairs) => pairs,
            NodeKind::Null => return Vec::new(),
            _ => {
                self.mismatch(node, at, "map[string]string");
                return Vec::new();
            }
        };
        let mut out: Vec<(Spanned<String>, Spanned<String>)> = Vec::new();
        for (k, v) in pairs {
            let key = k.key_text().unwrap_or_default();
            let value = match &v.kind {
                NodeKind::Null => Spanned::new(String::new(), v.span),
                _ => match self.string(v, &At { ..at.clone() }) {
                    Some(s) => s,
                    None => continue,
                },
            };
            out.push((Spanned::new(key, k.span), value));
        }
        // A later duplicate key replaces the earlier one, as JSON objects
        // do: keep each key's last pair, in the order of those. (Removing
        // the earlier one key by key was quadratic: 24 000 keys, 8 s.)
        let mut last = std::collections::BTreeMap::new();
        for (i, (k, _)) in out.iter().enumerate() {
            last.insert(k.value.clone(), i);
        }
        out.into_iter()
            .enumerate()
            .filter(|(i, (k, _))| last.get(&k.value) == Some(i))
            .map(|(_, pair)| pair)
            .collect()
    }
}

/// The Go types of ObjectMeta's fields, for kubectl's check that a
/// document's metadata decodes (k8s.io/apimachinery's
/// `metav1.ObjectMeta`). The timestamps are not checked: podlab does not
/// model Go's time parsing.
const OBJECT_META: &[(&str, &str)] = &[
    ("name", "string"),
    ("generateName", "string"),
    ("namespace", "string"),
    ("selfLink", "string"),
    ("uid", "types.UID"),
    ("resourceVersion", "string"),
    ("generation", "int64"),
    ("deletionGracePeriodSeconds", "int64"),
    ("labels", "map[string]string"),
    ("annotations", "map[string]string"),
    ("ownerReferences", "[]v1.OwnerReference"),
    ("finalizers", "[]string"),
    ("managedFields", "[]v1.ManagedFieldsEntry"),
];

/// kubectl's `metadataValidatingDecoder`: before anything goes to the
/// server, the document is decoded with encoding/json into
/// `metadataOnlyObject` (TypeMeta and ObjectMeta), and the first type
/// mismatch refuses it: `json: cannot unmarshal string into Go struct field
/// metadataOnlyObject.metadata of type v1.ObjectMeta`. encoding/json meets
/// the keys in the order of the JSON kubectl holds: sorted for a YAML
/// document (converted from a map), as written for a JSON one.
pub fn metadata_type_error(doc: &Document) -> Option<TypeError> {
    let sorted = doc.json.is_none();
    let top = At::root("metadataOnlyObject");
    for (k, v) in pairs_in_json_order(&doc.root, sorted) {
        let err = match k.as_str() {
            "apiVersion" | "kind" => scalar_error(v, &top.key_at(&k), "string"),
            "metadata" => match &v.kind {
                NodeKind::Map(_) => {
                    let at = At {
                        path: FieldPath::root().field("metadata"),
                        owner: "ObjectMeta",
                    };
                    pairs_in_json_order(v, sorted)
                        .into_iter()
                        .find_map(|(k, v)| {
                            let (_, go_type) = OBJECT_META.iter().find(|(n, _)| *n == k)?;
                            field_error(v, &at.key_at(&k), go_type)
                        })
                }
                NodeKind::Null => None,
                _ => mismatch_of(v, &top.key_at("metadata"), "v1.ObjectMeta"),
            },
            _ => None,
        };
        if err.is_some() {
            return err;
        }
    }
    None
}

impl At {
    /// A struct field's place, as encoding/json names it in its errors.
    fn key_at(&self, name: &str) -> At {
        At {
            path: self.path.field(name),
            owner: self.owner,
        }
    }
}

/// A mapping's pairs as encoding/json meets them: keys sorted and the last
/// of duplicates kept when the JSON came from a map, else as written.
fn pairs_in_json_order(node: &Node, sorted: bool) -> Vec<(String, &Node)> {
    if sorted {
        return node.json_pairs();
    }
    node.as_map()
        .unwrap_or_default()
        .iter()
        .map(|(k, v)| (k.key_text().unwrap_or_default(), v))
        .collect()
}

fn mismatch_of(node: &Node, at: &At, go_type: &'static str) -> Option<TypeError> {
    let int = go_type.starts_with("int");
    let value = match &node.kind {
        NodeKind::Float(f) if int => format!("number {f}"),
        k => k.json_type().to_string(),
    };
    Some(TypeError {
        value,
        go_struct: at.owner,
        path: at.path.clone(),
        go_type,
        span: node.span,
    })
}

fn scalar_error(node: &Node, at: &At, go_type: &'static str) -> Option<TypeError> {
    let ok = match &node.kind {
        NodeKind::Null => true,
        NodeKind::Str(_) => matches!(go_type, "string" | "types.UID"),
        NodeKind::Int(_) => go_type.starts_with("int"),
        NodeKind::Float(f) => go_type.starts_with("int") && f.fract() == 0.0,
        _ => false,
    };
    if ok {
        None
    } else {
        mismatch_of(node, at, go_type)
    }
}

fn field_error(node: &Node, at: &At, go_type: &'static str) -> Option<TypeError> {
    match go_type {
        "map[string]string" => match &node.kind {
            NodeKind::Null => None,
            // A map's values report at the map's own place.
            NodeKind::Map(pairs) => pairs
                .iter()
                .find_map(|(_, v)| scalar_error(v, at, "string")),
            _ => mismatch_of(node, at, go_type),
        },
        "[]string" => match &node.kind {
            NodeKind::Null => None,
            NodeKind::Seq(items) => items.iter().find_map(|v| scalar_error(v, at, "string")),
            _ => mismatch_of(node, at, go_type),
        },
        t if t.starts_with("[]") => match &node.kind {
            NodeKind::Null | NodeKind::Seq(_) => None,
            _ => mismatch_of(node, at, go_type),
        },
        _ => scalar_error(node, at, go_type),
    }
}

/// kubectl's client-side validation, on unless `--validate=false` (or
/// `=ignore`): its paramVerifyingSchema reads the document's kind before it
/// asks the server whether it validates fields itself, so these come
/// without a server, and stop the file as a parse error does:
/// `error: error validating "F": error validating data: kind not set; if you
/// choose to ignore these errors, turn validation off with --validate=false`.
pub fn validation_error(file: &str, doc: &Document) -> Option<String> {
    validation_problem(doc).map(|problem| validation_message(file, &problem))
}

/// What kubectl's client-side validation finds wrong with a document, if
/// anything (the part of [`validation_error`] after `error validating data:`).
pub fn validation_problem(doc: &Document) -> Option<String> {
    match doc.root.as_map() {
        None => Some("invalid object to validate".to_string()),
        Some(_) => kind_problem(&doc.root),
    }
}

/// kubectl's line for a validation problem in `file`.
pub fn validation_message(file: &str, problem: &str) -> String {
    format!(
        "error: error validating \"{file}\": error validating data: {problem}; if you choose to ignore these errors, turn validation off with --validate=false"
    )
}

/// apimachinery's `schema.ParseGroupVersion` accepts `v`: at most one `/`
/// (or exactly `/`). kubectl cannot tell a document's kind when it does not.
pub fn group_version_parses(v: &str) -> bool {
    v == "/" || v.matches('/').count() <= 1
}

/// The validator's `getObjectKind`: one problem with apiVersion and one
/// with kind, both reported (`[apiVersion not set, kind not set]`).
fn kind_problem(root: &Node) -> Option<String> {
    let field = |name: &str| root.get(name).filter(|n| n.kind != NodeKind::Null);
    let mut problems = Vec::new();
    match field("apiVersion").map(Node::as_str) {
        None => problems.push("apiVersion not set".to_string()),
        Some(None) => problems.push("apiVersion isn't string type".to_string()),
        Some(Some(v)) if !group_version_parses(v) => {
            problems.push(format!("unexpected GroupVersion string: {v}"));
        }
        Some(Some(_)) => {}
    }
    match field("kind").map(Node::as_str) {
        None => problems.push("kind not set".to_string()),
        Some(None) => problems.push("kind isn't string type".to_string()),
        Some(Some(_)) => {}
    }
    match problems.len() {
        0 => None,
        1 => problems.pop(),
        _ => Some(format!("[{}]", problems.join(", "))),
    }
}

/// The closest known name to a misspelt one, for podlab's "did you mean":
/// one edit away for short names, two for longer ones, case ignored.
pub fn did_you_mean<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= if k.len() <= 5 { 1 } else { 2 })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance: Levenshtein plus adjacent swaps.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_validation(text: &str, expect: Option<&str>) {
        let (docs, _) =
            crate::model::base::yaml::parse(crate::model::base::diag::FileId::Workspace(0), text);
        let got = validation_error("f.yml", &docs[0]);
        let problem = got.as_deref().map(|m| {
            m.trim_start_matches("error: error validating \"f.yml\": error validating data: ")
                .trim_end_matches("; if you choose to ignore these errors, turn validation off with --validate=false")
        });
        assert_eq!(problem, expect, "{text:?}");
    }

    /// Checked against kubectl v1.32's `kubectl apply -f` without a server.
    #[test]
    fn client_side_validation() {
        check_validation("apiVersion: v1\nkind: Pod\n", None);
        check_validation("- a\n", Some("invalid object to validate"));
        check_validation("kind: Pod\n", Some("apiVersion not set"));
        check_validation("apiVersion: v1\nkind: ~\n", Some("kind not set"));
        check_validation(
            "apiVersion: 5\nkind: [a]\n",
            Some("[apiVersion isn't string type, kind isn't string type]"),
        );
        check_validation(
            "apiVersion: a/b/c\n",
            Some("[unexpected GroupVersion string: a/b/c, kind not set]"),
        );
        check_validation("apiVersion: v1\nkind: \"\"\n", None);
    }

    #[test]
    fn suggestions() {
        let known = &[
            "volumeMounts",
            "volumes",
            "ports",
            "image",
            "imagePullPolicy",
        ];
        assert_eq!(did_you_mean("volumeMount", known), Some("volumeMounts"));
        assert_eq!(did_you_mean("imgae", known), Some("image"));
        assert_eq!(did_you_mean("port", known), Some("ports"));
        assert_eq!(did_you_mean("frobnicate", known), None);
    }
}
