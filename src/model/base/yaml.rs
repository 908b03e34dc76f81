//! YAML to a spanned tree. serde-saphyr deserializes each document into
//! [`Node`]s that keep the byte span of every key and value, so later phases
//! (strict decoding, validation, the ConfigMap editor) can point at the exact
//! text. Parsing never fails: a syntax error becomes a [`Diagnostic`] and the
//! documents before it are still returned when the parser got that far.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::base::diag::{Diagnostic, FileId, Label, LineIndex, Origin, Span};

/// A YAML node with the byte span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl NodeKind {
    /// The JSON type name, as Go's encoding/json names it in
    /// `cannot unmarshal <type> into Go struct field ...`.
    pub fn json_type(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "bool",
            NodeKind::Int(_) | NodeKind::Float(_) => "number",
            NodeKind::Str(_) => "string",
            NodeKind::Seq(_) => "array",
            NodeKind::Map(_) => "object",
        }
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The value under a string key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .rev()
            .find(|(k, _)| k.key_text().as_deref() == Some(key))
            .map(|(_, v)| v)
    }

    /// The text a key stands for once converted to JSON (kubectl's YAML to
    /// JSON step turns scalar keys into strings).
    pub fn key_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Int(i) => Some(i.to_string()),
            NodeKind::Float(f) => Some(f.to_string()),
            NodeKind::Bool(b) => Some(b.to_string()),
            NodeKind::Null => Some("null".into()),
            NodeKind::Seq(_) | NodeKind::Map(_) => None,
        }
    }
}

impl Node {
    /// Compact JSON with keys sorted, as Go's encoding/json marshals the
    /// `map[string]interface{}` kubectl holds (it escapes `<`, `>` and `&`).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match &self.kind {
            NodeKind::Null => out.push_str("null"),
            NodeKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            NodeKind::Int(i) => out.push_str(&i.to_string()),
            NodeKind::Float(f) => out.push_str(&f.to_string()),
            NodeKind::Str(s) => json_string(s, out),
            NodeKind::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            NodeKind::Map(pairs) => {
                let mut sorted: Vec<(String, &Node)> = Vec::new();
                for (k, v) in pairs {
                    let key = k.key_text().unwrap_or_default();
                    sorted.retain(|(existing, _)| *existing != key);
                    sorted.push((key, v));
                }
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                out.push('{');
                for (i, (k, v)) in sorted.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One YAML document of a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub root: Node,
}

/// Limits against hostile input (alias bombs, deep nesting). The values are
/// far above any manifest a learner writes; kubectl itself has no such limit.
const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 50_000;

/// Parse every document of `text`. Empty documents are skipped, as kubectl
/// skips them.
pub fn parse(file: FileId, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        // podlab anchors its own diagnostics: no rendered snippets, so that
        // machinery stays out of the wasm.
        with_snippet: false,
    };
    match serde_saphyr::from_multiple_with_options::<serde_saphyr::Spanned<Raw>>(text, options) {
        Ok(docs) => {
            let index = LineIndex::new(text);
            let docs = docs
                .into_iter()
                .map(|d| Document {
                    root: convert(d, text, &index),
                })
                .collect();
            (docs, Vec::new())
        }
        Err(err) => (Vec::new(), vec![syntax_error(file, text, &err)]),
    }
}

fn syntax_error(file: FileId, text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::MessageFormatter as _;
    let plain = serde_saphyr::DefaultMessageFormatter.format_message(err.without_snippet());
    let message = strip_location_suffix(&plain);
    let (line, span) = match err.location() {
        Some(loc) if loc.line() > 0 => {
            let index = LineIndex::new(text);
            let line = loc.line() as usize;
            let start = index.offset(text, line, loc.column() as usize);
            let end = next_char_end(text, start);
            (line, Span::new(start, end))
        }
        _ => (1, Span::new(0, 0)),
    };
    // kubectl reports YAML syntax errors from its YAML-to-JSON conversion.
    Diagnostic::error(Origin::Yaml)
        .with_message(format!(
            "error converting YAML to JSON: yaml: line {line}: {message}"
        ))
        .with_label(Label::primary(file, span))
}

fn next_char_end(text: &str, start: u32) -> u32 {
    let s = start as usize;
    let len = text
        .get(s..)
        .and_then(|t| t.chars().next())
        .map_or(0, char::len_utf8);
    (s + len) as u32
}

/// serde-saphyr appends ` at line N, column M`; the label carries that.
fn strip_location_suffix(s: &str) -> String {
    let s = s.trim();
    match s.rfind(" at line ") {
        Some(i) if s[i..].contains("column") => s[..i].to_string(),
        _ => s.to_string(),
    }
}

/// What serde-saphyr hands us: a value whose children carry locations.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<Raw>>),
    Map(Vec<(serde_saphyr::Spanned<Raw>, serde_saphyr::Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            pairs.push((key, value));
        }
        Ok(Raw::Map(pairs))
    }
}

/// serde-saphyr locations give byte offsets for string input; fall back to
/// the line and column where it does not.
fn span_of(loc: &serde_saphyr::Location, text: &str, index: &LineIndex) -> Span {
    let s = loc.span();
    if let (Some(off), Some(len)) = (s.byte_offset(), s.byte_len()) {
        let start = off.min(text.len() as u64) as u32;
        let end = (off + len).min(text.len() as u64) as u32;
        return Span::new(start, end);
    }
    let start = index.offset(text, loc.line() as usize, loc.column() as usize);
    Span::new(start, start)
}

fn convert(raw: serde_saphyr::Spanned<Raw>, text: &str, index: &LineIndex) -> Node {
    let mut span = span_of(&raw.referenced, text, index);
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool(b) => NodeKind::Bool(b),
        Raw::Int(i) => NodeKind::Int(i),
        Raw::Float(f) => NodeKind::Float(f),
        Raw::Str(s) => NodeKind::Str(s),
        Raw::Seq(items) => {
            let items: Vec<Node> = items.into_iter().map(|i| convert(i, text, index)).collect();
            if let Some(last) = items.last() {
                span = span.cover(last.span);
            }
            NodeKind::Seq(items)
        }
        Raw::Map(pairs) => {
            let pairs: Vec<(Node, Node)> = pairs
                .into_iter()
                .map(|(k, v)| (convert(k, text, index), convert(v, text, index)))
                .collect();
            if let Some((k, v)) = pairs.last() {
                span = span.cover(k.span).cover(v.span);
            }
            NodeKind::Map(pairs)
        }
    };
    Node { span, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(node: &Node, text: &str, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        match &node.kind {
            NodeKind::Map(pairs) => {
                for (k, v) in pairs {
                    out.push_str(&format!("{pad}{}:\n", &text[k.span.range()]));
                    dump(v, text, out, depth + 1);
                }
            }
            NodeKind::Seq(items) => {
                for i in items {
                    out.push_str(&format!("{pad}-\n"));
                    dump(i, text, out, depth + 1);
                }
            }
            other => out.push_str(&format!("{pad}{other:?} {:?}\n", &text[node.span.range()])),
        }
    }

    fn check(text: &str, expect: &str) {
        let (docs, diags) = parse(FileId::Workspace(0), text);
        let mut out = String::new();
        for d in &docs {
            out.push_str("---\n");
            dump(&d.root, text, &mut out, 0);
        }
        for d in &diags {
            let label = d.primary().unwrap();
            let (l, c) = LineIndex::new(text).line_col(text, label.span.start);
            out.push_str(&format!("{l}:{c}: {}\n", d.message));
        }
        assert_eq!(out.trim_end(), expect.trim(), "\n{out}");
    }

    #[test]
    fn scalars_keep_type_and_span() {
        check(
            r#"
a: 80
b: "80"
c: yes
d: ~
e: 1.5
"#,
            r#"
---
a:
  Int(80) "80"
b:
  Str("80") "\"80\""
c:
  Bool(true) "yes"
d:
  Null "~"
e:
  Float(1.5) "1.5"
"#,
        );
    }

    #[test]
    fn several_documents() {
        check(
            "a: [1, x]\n---\n---\nb: {c: d}\n",
            r#"
---
a:
  -
    Int(1) "1"
  -
    Str("x") "x"
---
b:
  c:
    Str("d") "d"
"#,
        );
    }

    #[test]
    fn syntax_error_points_at_its_line() {
        check(
            "metadata:\n  name: x\n  bad: : y\n",
            "3:8: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
        );
    }

    #[test]
    fn tabs_in_indentation() {
        check(
            "a:\n\t- b\n",
            "2:2: error converting YAML to JSON: yaml: line 2: tabs disallowed within this context (block indentation)",
        );
    }

    #[test]
    fn alias_bomb_is_refused_not_expanded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let (docs, diags) = parse(FileId::Workspace(0), &text);
        assert!(docs.is_empty());
        assert_eq!(diags.len(), 1);
    }
}
