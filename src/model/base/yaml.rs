//! A manifest file read exactly as `kubectl apply -f` reads it, into a
//! spanned tree. The file is split into documents by apimachinery's rules,
//! a JSON file (first non-space `{`) goes through Go's encoding/json
//! ([`json`]), and each YAML document through go-yaml v2's reading of
//! libyaml's events ([`compose`], [`resolve`]). Every key and value keeps
//! its byte span, so later phases (strict decoding, validation, the
//! ConfigMap editor) can point at the exact text. Parsing never fails: the
//! first error becomes a [`Diagnostic`] carrying kubectl's words (line
//! number included, even where kubectl's line is off by one) and a label
//! where the problem really is; the documents before it are returned.

mod compose;
mod json;
mod libyaml;
mod resolve;

use crate::model::base::diag::{Diagnostic, FileId, Label, Origin, Span};

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

    /// A mapping's pairs as encoding/json meets them in the map kubectl
    /// holds: keys sorted, the last of duplicate keys kept. Empty for
    /// anything but a mapping.
    pub fn json_pairs(&self) -> Vec<(String, &Node)> {
        let mut pairs: Vec<(String, &Node)> = self
            .as_map()
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k.key_text().unwrap_or_default(), v))
            .collect();
        // A stable sort keeps duplicate keys in document order; the last
        // of each run wins. (Removing earlier duplicates key by key was
        // quadratic: 24 000 keys took 24 s.)
        crate::model::base::sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        let mut sorted: Vec<(String, &Node)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match sorted.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => sorted.push(pair),
            }
        }
        sorted
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
            NodeKind::Map(_) => {
                out.push('{');
                for (i, (k, v)) in self.json_pairs().iter().enumerate() {
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

/// One document of a file, as kubectl holds it before sending it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub root: Node,
    /// The document's own text when the file is JSON: kubectl keeps a JSON
    /// document's bytes as they are, and converts a YAML one.
    pub json: Option<String>,
}

impl Document {
    /// The JSON kubectl holds for the document (what it quotes in
    /// `Object 'Kind' is missing in '…'`).
    pub fn json(&self) -> String {
        self.json.clone().unwrap_or_else(|| self.root.to_json())
    }
}

/// Limits against hostile input (alias bombs, deep nesting). The values are
/// far above any manifest a learner writes; kubectl's own are higher
/// (go-yaml's depth limit is 10000), so podlab says past them that it does
/// not model the document.
const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 50_000;

/// apimachinery's `separator`, and how far `GuessJSONStream` looks.
const SEPARATOR: &str = "---";
const JSON_PEEK: usize = 4096;

/// Read a file as `kubectl apply -f` does (apimachinery's
/// YAMLOrJSONDecoder, then sigs.k8s.io/yaml's YAMLToJSON): every document up
/// to the first one that fails, and that failure as a diagnostic whose
/// message is kubectl's text after `error parsing FILE: ` and whose label
/// marks where the problem really is. Documents that read as null (empty,
/// only comments) are skipped, as kubectl skips them.
pub fn parse(file: FileId, text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
    let fail = |message: String, span: Span| {
        let origin = if message.starts_with("podlab:") {
            Origin::Podlab
        } else {
            Origin::Yaml
        };
        vec![
            Diagnostic::error(origin)
                .with_message(message)
                .with_label(Label::primary(file, span)),
        ]
    };
    if is_json(text) {
        let (values, err) = json::stream(text);
        let docs = values
            .into_iter()
            .filter(|(n, _)| n.kind != NodeKind::Null)
            .map(|(root, span)| Document {
                root,
                json: Some(text[span.range()].to_string()),
            })
            .collect();
        return match err {
            Some(e) => (docs, fail(e.message, e.span)),
            None => (docs, Vec::new()),
        };
    }
    let mut docs = Vec::new();
    for chunk in split(text) {
        let chunk = match chunk {
            Ok(c) => c,
            Err((message, span)) => return (docs, fail(message, span)),
        };
        match compose::document(&chunk.text) {
            Ok(None) => {}
            Ok(Some(mut root)) => {
                chunk.remap(&mut root);
                if root.kind == NodeKind::Null {
                    continue;
                }
                if let Some((value, span)) = first_null_key(&root) {
                    return (
                        docs,
                        fail(
                            format!(
                                "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: {}",
                                go_syntax_top(value)
                            ),
                            span,
                        ),
                    );
                }
                if let Some((f, span)) = first_non_finite(&root) {
                    let v = if f.is_nan() {
                        "NaN"
                    } else if f > 0.0 {
                        "+Inf"
                    } else {
                        "-Inf"
                    };
                    return (
                        docs,
                        fail(
                            format!("error converting YAML to JSON: json: unsupported value: {v}"),
                            span,
                        ),
                    );
                }
                docs.push(Document { root, json: None });
            }
            Err(e) => {
                let span = Span::new(chunk.map(e.span.start), chunk.map(e.span.end));
                let message = if e.message.starts_with("podlab:") {
                    e.message
                } else {
                    format!("error converting YAML to JSON: {}", e.message)
                };
                return (docs, fail(message, span));
            }
        }
    }
    (docs, Vec::new())
}

/// apimachinery's `hasJSONPrefix` on what `GuessJSONStream` peeks: the
/// first non-space character is `{` (Go's unicode.IsSpace).
fn is_json(text: &str) -> bool {
    let mut end = JSON_PEEK.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{85}')
        .starts_with('{')
}

/// One document's text as apimachinery's YAMLReader hands it to go-yaml:
/// its lines, each ended by one `\n` (Go's `ReadLine` drops `\n` or
/// `\r\n`), with where each line starts in the file.
struct Chunk {
    text: String,
    /// (offset in `text`, offset in the file, length of the line's content).
    lines: Vec<(u32, u32, u32)>,
    file_len: u32,
}

impl Chunk {
    fn map(&self, off: u32) -> u32 {
        let i = self.lines.partition_point(|l| l.0 <= off).max(1) - 1;
        match self.lines.get(i) {
            Some(&(c, f, len)) => (f + (off - c).min(len + 1)).min(self.file_len),
            None => off.min(self.file_len),
        }
    }

    fn remap(&self, node: &mut Node) {
        node.span = Span::new(self.map(node.span.start), self.map(node.span.end));
        match &mut node.kind {
            NodeKind::Seq(items) => items.iter_mut().for_each(|n| self.remap(n)),
            NodeKind::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
                self.remap(k);
                self.remap(v);
            }),
            _ => {}
        }
    }
}

/// apimachinery's YAMLReader: documents end at a line that starts with
/// `---`; anything but spaces or a comment after it is an error. A
/// separator that comes first is part of the next document.
fn split(text: &str) -> Vec<Result<Chunk, (String, Span)>> {
    let mut out = Vec::new();
    let new = || Chunk {
        text: String::new(),
        lines: Vec::new(),
        file_len: text.len() as u32,
    };
    let mut cur = new();
    let mut at = 0usize;
    for raw in text.split_inclusive('\n') {
        let content = raw
            .strip_suffix("\r\n")
            .or_else(|| raw.strip_suffix('\n'))
            .unwrap_or(raw);
        if let Some(rest) = content.strip_prefix(SEPARATOR) {
            let trimmed = rest.trim_matches(|c: char| c.is_whitespace() || c == '\u{85}');
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                let span = Span::new(at as u32, (at + content.len()) as u32);
                out.push(Err((
                    format!("invalid Yaml document separator: {trimmed}"),
                    span,
                )));
                return out;
            }
            if !cur.text.is_empty() {
                out.push(Ok(std::mem::replace(&mut cur, new())));
                at += raw.len();
                continue;
            }
        }
        cur.lines
            .push((cur.text.len() as u32, at as u32, content.len() as u32));
        cur.text.push_str(content);
        cur.text.push('\n');
        at += raw.len();
    }
    if !cur.text.is_empty() {
        out.push(Ok(cur));
    }
    out
}

/// sigs.k8s.io/yaml's conversion to JSON takes string, number and bool
/// keys; the first null key (in document order: Go walks a map in no fixed
/// order) fails it.
fn first_null_key(node: &Node) -> Option<(&Node, Span)> {
    match &node.kind {
        NodeKind::Seq(items) => items.iter().find_map(first_null_key),
        NodeKind::Map(pairs) => pairs.iter().find_map(|(k, v)| {
            if k.kind == NodeKind::Null {
                Some((v, k.span))
            } else {
                first_null_key(v)
            }
        }),
        _ => None,
    }
}

/// Go's `%+#v` of a decoded YAML value at the top of a message.
fn go_syntax_top(node: &Node) -> String {
    match node.kind {
        NodeKind::Null => "<nil>".into(),
        _ => go_syntax(node),
    }
}

/// Go's `%#v` of the `interface{}` go-yaml decodes a node to.
fn go_syntax(node: &Node) -> String {
    match &node.kind {
        NodeKind::Null => "interface {}(nil)".into(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::Float(f) => f.to_string(),
        NodeKind::Str(s) => format!("{s:?}"),
        NodeKind::Seq(items) => format!(
            "[]interface {{}}{{{}}}",
            items.iter().map(go_syntax).collect::<Vec<_>>().join(", ")
        ),
        NodeKind::Map(pairs) => {
            let mut kv: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (go_syntax(k), go_syntax(v)))
                .collect();
            crate::model::base::sort::sort(&mut kv);
            let body: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", body.join(", "))
        }
    }
}

/// The first float JSON cannot hold, in the order Go's json.Marshal meets
/// it (keys sorted, the last of duplicate keys).
fn first_non_finite(node: &Node) -> Option<(f64, Span)> {
    match &node.kind {
        NodeKind::Float(f) if !f.is_finite() => Some((*f, node.span)),
        NodeKind::Seq(items) => items.iter().find_map(first_non_finite),
        NodeKind::Map(_) => node
            .json_pairs()
            .into_iter()
            .find_map(|(_, v)| first_non_finite(v)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::diag::LineIndex;

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
            "2:1: error converting YAML to JSON: yaml: line 2: found character that cannot start any token",
        );
    }

    /// Only the diagnostics: kubectl's message, and the line:column the
    /// editor marks.
    fn check_error(text: &str, expect: &str) {
        let (_, diags) = parse(FileId::Workspace(0), text);
        let got: Vec<String> = diags
            .iter()
            .map(|d| {
                let at = d.primary().unwrap().span.start;
                let (l, c) = LineIndex::new(text).line_col(text, at);
                format!("{l}:{c}: {}", d.message)
            })
            .collect();
        assert_eq!(got.join("\n"), expect, "{text:?}");
    }

    #[test]
    fn kubectl_lines_and_real_places() {
        // A parser error: go-yaml prints the 0-based line of the problem,
        // the editor marks the real one.
        check_error(
            "a:\n  - b\n  c: d\n",
            "3:3: error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator",
        );
        // The problem is at the end, on the (0-based) line 1.
        check_error(
            "a: [1\n",
            "2:1: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'",
        );
        check_error(
            "a: *x\n",
            "1:4: error converting YAML to JSON: yaml: unknown anchor 'x' referenced",
        );
        // Lines count from the document's own start, after a `---`.
        check_error(
            "a: 1\n---\nb: [\n",
            "4:1: error converting YAML to JSON: yaml: line 1: did not find expected node content",
        );
        check_error("a: 1\n--- b\n", "2:1: invalid Yaml document separator: b");
        // CRLF: kubectl's lines, and spans back in the file's own bytes.
        check_error(
            "a:\r\n  b: c\r\n d: e\r\n",
            "3:2: error converting YAML to JSON: yaml: line 2: did not find expected key",
        );
        check_error(
            "a: .nan\n",
            "1:4: error converting YAML to JSON: json: unsupported value: NaN",
        );
        check_error(
            "{\"a\": 1,}\n",
            "1:9: json: offset 9: invalid character '}' looking for beginning of object key string",
        );
    }

    #[test]
    fn documents_before_an_error_are_kept() {
        let (docs, diags) = parse(
            FileId::Workspace(0),
            "a: 1\n---\n# only a comment\n---\nb: [\n",
        );
        assert_eq!(docs.len(), 1);
        assert_eq!(diags.len(), 1);
        let (docs, diags) = parse(FileId::Workspace(0), "");
        assert!(docs.is_empty() && diags.is_empty());
    }

    #[test]
    fn json_documents_keep_their_own_text() {
        let (docs, diags) = parse(FileId::Workspace(0), " { \"kind\" : \"Pod\" }\n[1]\n");
        assert!(diags.is_empty());
        assert_eq!(docs[0].json(), "{ \"kind\" : \"Pod\" }");
        assert_eq!(docs[1].root.kind.json_type(), "array");
        let (docs, _) = parse(FileId::Workspace(0), "b: 1\na: [x, {c: ~}]\n");
        assert_eq!(docs[0].json(), r#"{"a":["x",{"c":null}],"b":1}"#);
    }

    /// Keys resolve as YAML 1.1 too: kubectl sends `y: n` as
    /// `{"true":false}`.
    #[test]
    fn merge_keys_and_aliases_as_go_yaml() {
        let (docs, diags) = parse(
            FileId::Workspace(0),
            "base: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3\nq: \"<<\"\ny: n\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            docs[0].json(),
            r#"{"base":{"x":1,"z":2},"m":{"x":1,"z":3},"q":"\u003c\u003c","true":false}"#
        );
        check_error(
            "a: &a [*a]\n",
            "1:8: error converting YAML to JSON: yaml: anchor 'a' value contains itself",
        );
    }

    /// libyaml-safer panicked on a tag ended by `,` in a flow collection;
    /// go-yaml takes the `,` into the tag.
    #[test]
    fn a_tag_before_a_comma_is_go_yamls() {
        let (docs, diags) = parse(FileId::Workspace(0), "a: [!foo, b]\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(docs[0].json(), r#"{"a":["b"]}"#);
        check_error(
            "a: [!foo]\n",
            "2:1: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'",
        );
    }

    /// go-yaml reads its input 512 bytes at a time: a control character
    /// further on is not seen before a syntax error near the start
    /// (libyaml-safer decoded the whole input first). A stream opening with
    /// 0xEF that is not a BOM (U+FFFD) is UTF-8, not an invalid byte order
    /// marker; a BOM counts in the spans.
    #[test]
    fn reader_errors_come_as_go_yaml_reads() {
        let far = format!("a: b: c\n{}\n\u{0}\n", "#".repeat(2000));
        check_error(
            &far,
            "1:5: error converting YAML to JSON: yaml: mapping values are not allowed in this context",
        );
        let near = format!("a: b: c\n{}\n\u{0}\n", "#".repeat(100));
        check_error(
            &near,
            "3:1: error converting YAML to JSON: yaml: control characters are not allowed",
        );
        check("\u{fffd}a: 1\n", "---\n\u{fffd}a:\n  Int(1) \"1\"");
        check("\u{feff}a: 1\n", "---\na:\n  Int(1) \"1\"");
        check_error(
            "\u{feff}kind: Pod\nb: c: d\n",
            "2:5: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context",
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
