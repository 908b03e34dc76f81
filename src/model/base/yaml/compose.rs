//! One YAML document as go-yaml v2 reads it for kubectl (`yaml.Unmarshal`
//! into `interface{}` inside sigs.k8s.io/yaml's YAMLToJSON): libyaml's
//! events, from [`super::libyaml`] (libyaml-safer, a port of libyaml 0.2.5,
//! whose scanner and parser go-yaml v2 ports too, patched where go-yaml
//! differs), composed into a spanned [`Node`] tree.
//!
//! Errors are worded as go-yaml words them:
//! - a syntax error is `yaml: line N: PROBLEM`, where N is the problem
//!   mark's 0-based line, plus one for scanner errors; the context mark's
//!   line when the problem mark is on line 0; no line at all when both are
//!   (go-yaml's `parser.fail`). The span is where libyaml saw the problem.
//! - an alias to an anchor not yet defined fails at once, without a line:
//!   `yaml: unknown anchor 'x' referenced`;
//! - the decoder's own errors (`anchor 'x' value contains itself`, a merge
//!   of something other than mappings, a tagged value of the wrong kind)
//!   come only once the whole document parsed.
//!
//! Only the first document of the text is read, as `yaml.Unmarshal` does.

use std::collections::BTreeMap;

use super::libyaml::{
    ErrorKind, Event, EventData, MappingStyle, Parser, ScalarStyle, SequenceStyle,
};

use super::resolve::{self, Scalar};
use super::{MAX_DEPTH, MAX_NODES, Node, NodeKind};
use crate::model::base::diag::Span;

/// Why the document cannot be read: go-yaml's message (from `yaml: `) and
/// the span, in the composed text's byte offsets, of the real problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Fail {
    pub message: String,
    pub span: Span,
}

enum Frame {
    Seq {
        anchor: Option<String>,
        start: u32,
        flow: bool,
        items: Vec<Node>,
    },
    Map {
        anchor: Option<String>,
        start: u32,
        flow: bool,
        pairs: Vec<(Node, Node)>,
        key: Option<(Node, bool)>,
    },
}

enum Anchor {
    /// A collection still being read.
    Open,
    Done(Node, usize),
}

struct Composer {
    stack: Vec<Frame>,
    anchors: BTreeMap<String, Anchor>,
    root: Option<Node>,
    nodes: usize,
    /// The decoder's first error, reported once the document parsed.
    decode_error: Option<Fail>,
}

fn size(n: &Node) -> usize {
    1 + match &n.kind {
        NodeKind::Seq(items) => items.iter().map(size).sum(),
        NodeKind::Map(pairs) => pairs.iter().map(|(k, v)| size(k) + size(v)).sum(),
        _ => 0,
    }
}

/// The tag as go-yaml's `shortTag` writes it.
fn short_tag(tag: &str) -> String {
    match tag.strip_prefix("tag:yaml.org,2002:") {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_string(),
    }
}

fn span_of(ev: &Event) -> Span {
    Span::new(ev.start_mark.index as u32, ev.end_mark.index as u32)
}

/// Read the first document of `text`. `Ok(None)` when there is none.
pub fn document(text: &str) -> Result<Option<Node>, Fail> {
    // go-yaml's newParser: an empty input reads as one line break.
    let bytes = if text.is_empty() { "\n" } else { text };
    let mut input = bytes.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    let mut c = Composer {
        stack: Vec::new(),
        anchors: BTreeMap::new(),
        root: None,
        nodes: 0,
        decode_error: None,
    };
    loop {
        let ev = parser.parse().map_err(|e| syntax(&e, text))?;
        match &ev.data {
            EventData::StreamStart { .. } | EventData::DocumentStart { .. } => {}
            EventData::StreamEnd | EventData::DocumentEnd { .. } => break,
            EventData::Alias { anchor } => {
                let node = match c.anchors.get(anchor) {
                    None => {
                        return Err(Fail {
                            message: format!("yaml: unknown anchor '{anchor}' referenced"),
                            span: span_of(&ev),
                        });
                    }
                    Some(Anchor::Open) => {
                        c.decode(
                            format!("yaml: anchor '{anchor}' value contains itself"),
                            span_of(&ev),
                        );
                        Node {
                            span: span_of(&ev),
                            kind: NodeKind::Null,
                        }
                    }
                    Some(Anchor::Done(node, n)) => {
                        c.nodes += n;
                        if c.nodes > MAX_NODES {
                            return Err(Fail {
                                message: "yaml: document contains excessive aliasing".into(),
                                span: span_of(&ev),
                            });
                        }
                        node.clone()
                    }
                };
                c.push(node, false)?;
            }
            EventData::Scalar {
                anchor,
                tag,
                value,
                style,
                ..
            } => {
                let mut span = span_of(&ev);
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    span.start = block_content_start(text, span);
                }
                let (kind, merge) = c.scalar(tag.as_deref(), value, *style, span);
                let node = Node { span, kind };
                if let Some(a) = anchor {
                    c.anchors.insert(a.clone(), Anchor::Done(node.clone(), 1));
                }
                c.push(node, merge)?;
            }
            EventData::SequenceStart { anchor, .. } | EventData::MappingStart { anchor, .. } => {
                if c.stack.len() >= MAX_DEPTH {
                    return Err(Fail {
                        message: format!(
                            "podlab: YAML nested deeper than {MAX_DEPTH} levels is not modelled"
                        ),
                        span: span_of(&ev),
                    });
                }
                if let Some(a) = anchor {
                    c.anchors.insert(a.clone(), Anchor::Open);
                }
                let start = ev.start_mark.index as u32;
                let anchor = anchor.clone();
                c.stack.push(match &ev.data {
                    EventData::SequenceStart { style, .. } => Frame::Seq {
                        anchor,
                        start,
                        flow: *style == SequenceStyle::Flow,
                        items: Vec::new(),
                    },
                    EventData::MappingStart { style, .. } => Frame::Map {
                        anchor,
                        start,
                        flow: *style == MappingStyle::Flow,
                        pairs: Vec::new(),
                        key: None,
                    },
                    _ => unreachable!("a collection's start"),
                });
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                let flow_end = ev.end_mark.index as u32;
                let (anchor, node) = match c.stack.pop() {
                    Some(Frame::Seq {
                        anchor,
                        start,
                        flow,
                        items,
                    }) => {
                        let end = items.last().map_or(start, |n| n.span.end);
                        let end = if flow { flow_end } else { end };
                        (anchor, collection(start, end, NodeKind::Seq(items)))
                    }
                    Some(Frame::Map {
                        anchor,
                        start,
                        flow,
                        pairs,
                        ..
                    }) => {
                        let end = pairs.last().map_or(start, |(_, v)| v.span.end);
                        let end = if flow { flow_end } else { end };
                        (anchor, collection(start, end, NodeKind::Map(pairs)))
                    }
                    None => continue,
                };
                if let Some(a) = anchor {
                    let n = size(&node);
                    c.anchors.insert(a, Anchor::Done(node.clone(), n));
                }
                c.push(node, false)?;
            }
        }
    }
    if let Some(e) = c.decode_error {
        return Err(e);
    }
    Ok(c.root)
}

/// A collection's span: from its start to its last child (a block
/// collection's end event sits at the next token, past comments and blank
/// lines), or to its closing bracket for a flow collection.
fn collection(start: u32, end: u32, kind: NodeKind) -> Node {
    Node {
        span: Span::new(start, end.max(start)),
        kind,
    }
}

impl Composer {
    fn decode(&mut self, message: String, span: Span) {
        if self.decode_error.is_none() {
            self.decode_error = Some(Fail { message, span });
        }
    }

    fn scalar(
        &mut self,
        tag: Option<&str>,
        value: &str,
        style: ScalarStyle,
        span: Span,
    ) -> (NodeKind, bool) {
        let resolved = match tag {
            None if style == ScalarStyle::Plain => resolve::plain(value),
            None => Scalar::Str,
            Some(t) => {
                let short = short_tag(t);
                match short.as_str() {
                    "!!str" | "!!timestamp" => Scalar::Str,
                    "!!bool" | "!!int" | "!!float" | "!!null" => {
                        let r = resolve::plain(value);
                        let rtag = match r {
                            Scalar::Null => "!!null",
                            Scalar::Bool(_) => "!!bool",
                            Scalar::Int(_) | Scalar::Uint(_) => "!!int",
                            Scalar::Float(_) => "!!float",
                            Scalar::Str => "!!str",
                        };
                        match (short.as_str(), r) {
                            (s, r) if s == rtag => r,
                            ("!!float", Scalar::Int(i)) => Scalar::Float(i as f64),
                            ("!!float", Scalar::Uint(u)) => Scalar::Float(u as f64),
                            _ => {
                                self.decode(
                                    format!("yaml: cannot decode {rtag} `{value}` as a {short}"),
                                    span,
                                );
                                Scalar::Str
                            }
                        }
                    }
                    // Tags go-yaml does not resolve keep the text.
                    _ => Scalar::Str,
                }
            }
        };
        let kind = match resolved {
            Scalar::Null => NodeKind::Null,
            Scalar::Bool(b) => NodeKind::Bool(b),
            Scalar::Int(i) => NodeKind::Int(i),
            Scalar::Uint(u) => NodeKind::Float(u as f64),
            Scalar::Float(f) => NodeKind::Float(f),
            Scalar::Str => NodeKind::Str(value.to_string()),
        };
        // go-yaml's isMerge: the text `<<`, plain and untagged (or `!`), or
        // tagged `!!merge`.
        let implicit = (tag.is_none() && style == ScalarStyle::Plain) || tag == Some("!");
        let merge = value == "<<" && (implicit || tag.map(short_tag).as_deref() == Some("!!merge"));
        (kind, merge)
    }

    /// Hand a finished node to its parent.
    fn push(&mut self, node: Node, merge: bool) -> Result<(), Fail> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Fail {
                message: format!(
                    "podlab: a document of more than {MAX_NODES} nodes is not modelled"
                ),
                span: node.span,
            });
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { pairs, key, .. }) => match key.take() {
                None => {
                    let bad_key =
                        matches!(node.kind, NodeKind::Seq(_) | NodeKind::Map(_)).then(|| {
                            (
                                format!("yaml: invalid map key: {}", super::go_syntax(&node)),
                                node.span,
                            )
                        });
                    *key = Some((node, merge));
                    if let Some((message, span)) = bad_key {
                        self.decode(message, span);
                    }
                }
                Some((k, false)) => pairs.push((k, node)),
                Some((_, true)) => {
                    // go-yaml's merge: later keys win; of a sequence of
                    // mappings, the earlier ones win.
                    let ok = match &node.kind {
                        NodeKind::Map(m) => {
                            pairs.extend(m.iter().cloned());
                            true
                        }
                        NodeKind::Seq(items)
                            if items.iter().all(|i| matches!(i.kind, NodeKind::Map(_))) =>
                        {
                            for i in items.iter().rev() {
                                if let NodeKind::Map(m) = &i.kind {
                                    pairs.extend(m.iter().cloned());
                                }
                            }
                            true
                        }
                        _ => false,
                    };
                    if !ok {
                        self.decode(
                            "yaml: map merge requires map or sequence of maps as the value".into(),
                            node.span,
                        );
                    }
                }
            },
        }
        Ok(())
    }
}

/// Where a block scalar's content starts: the line after its `|` or `>`
/// header, past the indentation (the editor binds the content, not the
/// header).
fn block_content_start(text: &str, span: Span) -> u32 {
    let (start, end) = (span.start as usize, (span.end as usize).min(text.len()));
    let Some(nl) = text.get(start..end).and_then(|t| t.find('\n')) else {
        return span.end;
    };
    let line = start + nl + 1;
    let indent = text[line..end].bytes().take_while(|&b| b == b' ').count();
    (line + indent) as u32
}

/// go-yaml's `parser.fail`: the problem, and a line number by its rule.
fn syntax(e: &super::libyaml::Error, text: &str) -> Fail {
    let problem = e.problem();
    let pm = e.problem_mark();
    let cm = e.context_mark();
    let line = match pm {
        Some(m) if m.line != 0 => m.line + u64::from(e.kind() == ErrorKind::Scanner),
        _ => cm.map_or(0, |m| m.line),
    };
    let message = if line != 0 {
        format!("yaml: line {line}: {problem}")
    } else {
        format!("yaml: {problem}")
    };
    let at = match pm.or(cm) {
        Some(m) => m.index as usize,
        // A reader error: the first character libyaml does not accept.
        None => text
            .char_indices()
            .find(|&(_, c)| !printable(c))
            .map_or(0, |(i, _)| i),
    };
    let at = at.min(text.len());
    let end = text
        .get(at..)
        .and_then(|t| t.chars().next())
        .map_or(at, |c| at + c.len_utf8());
    Fail {
        message,
        span: Span::new(at as u32, end as u32),
    }
}

/// libyaml's reader: the characters YAML allows in a stream.
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}
