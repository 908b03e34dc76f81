//! One source of truth for haproxy.cfg: the ConfigMap's YAML text. The
//! haproxy.cfg editor shows the value of the ConfigMap's `data` key, and an
//! edit there rewrites just that value in the YAML (as a literal block
//! scalar, keeping the indentation and blank lines around it), so the two
//! panes can never disagree.

use crate::model::base::diag::{FileId, Span};
use crate::model::base::yaml::{self, Node, NodeKind};

/// Where a ConfigMap key's value sits in a YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// Index of the document in the file.
    pub doc: usize,
    pub key: String,
    /// The key's span (the value follows its `:`).
    pub key_span: Span,
    pub value_span: Span,
    /// The decoded value.
    pub value: String,
    /// For a literal block scalar: the line (0-based) and byte offset where
    /// its content starts, and its indentation, so that line N of the value
    /// is line `first_line + N` of the YAML.
    pub block: Option<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub first_line: usize,
    pub indent: usize,
}

/// Find the first ConfigMap in `text` whose `data` has `key`.
pub fn find(text: &str, key: &str) -> Option<Binding> {
    let (docs, diags) = yaml::parse(FileId::Workspace(0), text);
    if !diags.is_empty() {
        return None;
    }
    for (i, d) in docs.iter().enumerate() {
        if d.root.get("kind").and_then(Node::as_str) != Some("ConfigMap") {
            continue;
        }
        let Some(data) = d.root.get("data").and_then(Node::as_map) else {
            continue;
        };
        let Some((k, v)) = data.iter().rev().find(|(k, _)| k.as_str() == Some(key)) else {
            continue;
        };
        let NodeKind::Str(value) = &v.kind else {
            continue;
        };
        return Some(Binding {
            doc: i,
            key: key.to_string(),
            key_span: k.span,
            value_span: v.span,
            value: value.clone(),
            block: block_of(text, k.span, v.span),
        });
    }
    None
}

/// Keys of ConfigMap `data` in `text`, in order (for choosing what to edit).
pub fn keys(text: &str) -> Vec<String> {
    let (docs, _) = yaml::parse(FileId::Workspace(0), text);
    let mut out = Vec::new();
    for d in &docs {
        if d.root.get("kind").and_then(Node::as_str) != Some("ConfigMap") {
            continue;
        }
        if let Some(data) = d.root.get("data").and_then(Node::as_map) {
            out.extend(
                data.iter()
                    .filter_map(|(k, _)| k.as_str().map(str::to_string)),
            );
        }
    }
    out
}

/// The header after the key (`: |`, `: |-`, ...) if the value is a literal
/// block scalar, with its content's first line and indentation.
fn block_of(text: &str, key: Span, value: Span) -> Option<Block> {
    let between = &text[key.end as usize..value.start as usize];
    let header_line = between.lines().next().unwrap_or("");
    let h = header_line.trim_start_matches(':').trim();
    if !h.starts_with('|') {
        return None;
    }
    let first_line = text[..value.start as usize].matches('\n').count();
    let line_start = text[..value.start as usize]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = value.start as usize - line_start;
    Some(Block { first_line, indent })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end_incl(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// Indentation of the line holding the key.
fn key_indent(text: &str, key: Span) -> usize {
    let s = line_start(text, key.start as usize);
    key.start as usize - s
}

/// Render `value` as a literal block scalar whose content is indented by
/// `indent` under a key indented by `parent`.
fn literal(value: &str, indent: usize, parent: usize) -> Option<String> {
    if value.contains('\r')
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return None;
    }
    let body = value.trim_end_matches('\n');
    let trailing = value.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    // A value whose first line starts with a space or tab needs an explicit
    // indentation indicator.
    let indicator = if first.starts_with(' ') || first.starts_with('\t') {
        (indent - parent).to_string()
    } else {
        String::new()
    };
    let mut s = format!(" |{indicator}{chomp}\n");
    if !body.is_empty() {
        for line in body.split('\n') {
            if line.is_empty() {
                s.push('\n');
            } else {
                s.push_str(&" ".repeat(indent));
                s.push_str(line);
                s.push('\n');
            }
        }
    }
    for _ in 1..trailing {
        s.push('\n');
    }
    Some(s)
}

/// A double-quoted scalar that says exactly `value`.
fn quoted(value: &str) -> String {
    let mut s = String::from(" \"");
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push_str("\"\n");
    s
}

/// Rewrite the value bound by `b` in `text` to `value`. The result parses
/// back to exactly `value`; everything outside the value is kept.
pub fn set(text: &str, b: &Binding, value: &str) -> String {
    let colon = text[b.key_span.end as usize..]
        .find(':')
        .map_or(b.key_span.end as usize, |i| b.key_span.end as usize + i);
    let vend = b.value_span.end as usize;
    // A block scalar's span runs to the next token; cut at that token's line.
    // Other scalars end where their text ends; cut after their line.
    let (end, kept_blank) = if b.block.is_some() {
        let end = if vend >= text.len() {
            text.len()
        } else {
            line_start(text, vend)
        };
        let region = &text[colon + 1..end];
        let blank = region
            .trim_end_matches(' ')
            .chars()
            .rev()
            .take_while(|c| *c == '\n' || *c == ' ')
            .filter(|c| *c == '\n')
            .count();
        (end, blank.saturating_sub(1))
    } else {
        (line_end_incl(text, vend), 0)
    };
    let parent = key_indent(text, b.key_span);
    let indent = b.block.map_or(parent + 2, |bl| bl.indent.max(parent + 1));
    let trailing_newlines = value.len() - value.trim_end_matches('\n').len();
    let keep = if trailing_newlines <= 1 {
        kept_blank
    } else {
        0
    };
    let rendered = literal(value, indent, parent).map(|mut s| {
        s.push_str(&"\n".repeat(keep));
        s
    });
    let attempt = |rep: &str| -> String {
        let mut out = String::with_capacity(text.len() + rep.len());
        out.push_str(&text[..colon + 1]);
        out.push_str(rep);
        out.push_str(&text[end..]);
        out
    };
    if let Some(rep) = rendered {
        let candidate = attempt(&rep);
        if find(&candidate, &b.key).is_some_and(|nb| nb.value == value) {
            return candidate;
        }
    }
    attempt(&quoted(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("workspace/fruit-service-ambassador-config.yml");

    #[test]
    fn finds_the_seed_value() {
        let b = find(SEED, "haproxy.cfg").unwrap();
        assert!(
            b.value
                .starts_with("global\ndaemon\nmaxconn 256\n\ndefaults\n    mode http\n")
        );
        assert!(
            b.value
                .ends_with("server server1 127.0.0.1:8775 maxconn 32\n")
        );
        assert_eq!(
            b.block,
            Some(Block {
                first_line: 6,
                indent: 4
            })
        );
    }

    #[test]
    fn an_edit_changes_only_the_value() {
        let b = find(SEED, "haproxy.cfg").unwrap();
        let edited = b.value.replace("8775", "8776");
        let text = set(SEED, &b, &edited);
        assert_eq!(text, SEED.replace("127.0.0.1:8775", "127.0.0.1:8776"));
        assert_eq!(set(SEED, &b, &b.value), SEED, "no edit, no change");
    }

    /// Every value round-trips: set, then find again, gives it back, and the
    /// YAML around it is unchanged.
    #[test]
    fn round_trips() {
        let tail = "  other: x\n";
        let yaml = format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  haproxy.cfg: |\n    global\n\n{tail}"
        );
        let b = find(&yaml, "haproxy.cfg").unwrap();
        let values = [
            "",
            "\n",
            "global",
            "global\n",
            "global\n\n\n",
            "  leading spaces\nx\n",
            "\tTabbed\n",
            "a\n\n\nb\n",
            "quote \" and # hash: colon\n",
            "carriage\r\nreturn\n",
            "- dash\n? q\n",
            "ünïcode ✓\n",
        ];
        for v in values {
            let t = set(&yaml, &b, v);
            let nb =
                find(&t, "haproxy.cfg").unwrap_or_else(|| panic!("{v:?} broke the YAML:\n{t}"));
            assert_eq!(nb.value, v, "\n{t}");
            assert!(t.ends_with(tail), "{v:?}: the rest is kept:\n{t}");
            assert!(t.starts_with("apiVersion: v1\nkind: ConfigMap\n"));
        }
    }

    #[test]
    fn last_key_and_quoted_values() {
        let yaml = "kind: ConfigMap\ndata:\n  haproxy.cfg: \"global\\n\"\n";
        let b = find(yaml, "haproxy.cfg").unwrap();
        assert_eq!(b.value, "global\n");
        let t = set(yaml, &b, "global\n  daemon\n");
        assert_eq!(
            t,
            "kind: ConfigMap\ndata:\n  haproxy.cfg: |\n    global\n      daemon\n"
        );
        let b = find(&t, "haproxy.cfg").unwrap();
        assert_eq!(
            set(&t, &b, "x"),
            "kind: ConfigMap\ndata:\n  haproxy.cfg: |-\n    x\n"
        );
    }
}
