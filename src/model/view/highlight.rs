//! Syntax highlighting as data: a text becomes lines of segments, each with
//! a token class and, where a diagnostic points, a mark. Pure, so the editor
//! component only maps segments to `<span>`s.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Yaml,
    Haproxy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Token {
    Plain,
    Comment,
    Key,
    Str,
    Number,
    Keyword,
    Section,
    Punct,
    Addr,
}

impl Token {
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Comment => "tok-comment",
            Token::Key => "tok-key",
            Token::Str => "tok-str",
            Token::Number => "tok-num",
            Token::Keyword => "tok-kw",
            Token::Section => "tok-section",
            Token::Punct => "tok-punct",
            Token::Addr => "tok-addr",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Error,
    Warning,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub token: Token,
    pub mark: Option<Mark>,
}

/// Highlight `text`, marking the byte ranges in `marks` (a zero-width range
/// marks the rest of its line, or the line before it at a line end).
pub fn highlight(text: &str, lang: Lang, marks: &[(Range<usize>, Mark)]) -> Vec<Vec<Segment>> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut in_block: Option<usize> = None;
    for line in text.split('\n') {
        let toks = match lang {
            Lang::Yaml => yaml_line(line, &mut in_block),
            Lang::Haproxy => haproxy_line(line),
        };
        let range = offset..offset + line.len();
        let line_marks: Vec<(Range<usize>, Mark)> = marks
            .iter()
            .filter_map(|(r, m)| {
                let r = if r.is_empty() {
                    // Zero width: the whole line it sits on.
                    if r.start >= range.start && r.start <= range.end {
                        range.clone()
                    } else {
                        return None;
                    }
                } else {
                    r.clone()
                };
                let s = r.start.max(range.start);
                let e = r.end.min(range.end);
                (s < e || (s == e && line.is_empty() && r.start == range.start))
                    .then(|| (s - offset..e - offset, *m))
            })
            .collect();
        out.push(segments(line, &toks, &line_marks));
        offset += line.len() + 1;
    }
    out
}

/// Cut a line at every token and mark boundary.
fn segments(
    line: &str,
    toks: &[(Range<usize>, Token)],
    marks: &[(Range<usize>, Mark)],
) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![0, line.len()];
    for (r, _) in toks {
        cuts.extend([r.start, r.end]);
    }
    for (r, _) in marks {
        cuts.extend([r.start, r.end]);
    }
    if line.is_empty() {
        // An empty line still shows its mark.
        let mark = marks.iter().map(|(_, m)| *m).min();
        return mark.map_or_else(Vec::new, |m| {
            vec![Segment {
                text: String::new(),
                token: Token::Plain,
                mark: Some(m),
            }]
        });
    }
    cuts.retain(|&c| c <= line.len() && line.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let token = toks
            .iter()
            .find(|(r, _)| r.start <= a && b <= r.end)
            .map_or(Token::Plain, |(_, t)| *t);
        let mark = marks
            .iter()
            .filter(|(r, _)| r.start <= a && b <= r.end)
            .map(|(_, m)| *m)
            .min();
        match out.last_mut() {
            Some(Segment {
                text,
                token: t,
                mark: m,
            }) if *t == token && *m == mark => text.push_str(&line[a..b]),
            _ => out.push(Segment {
                text: line[a..b].to_string(),
                token,
                mark,
            }),
        }
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn scalar_token(v: &str) -> Token {
    let t = v.trim();
    if t.starts_with('"') || t.starts_with('\'') {
        Token::Str
    } else if t.parse::<f64>().is_ok() {
        Token::Number
    } else if matches!(t, "true" | "false" | "null" | "~" | "yes" | "no") {
        Token::Keyword
    } else {
        Token::Plain
    }
}

/// One YAML line. `block` tracks a block scalar's indentation across lines.
fn yaml_line(line: &str, block: &mut Option<usize>) -> Vec<(Range<usize>, Token)> {
    let ind = indent_of(line);
    if let Some(b) = *block {
        if line.trim().is_empty() || ind > b {
            return vec![(0..line.len(), Token::Str)];
        }
        *block = None;
    }
    let mut toks = Vec::new();
    let body = &line[ind..];
    if body.starts_with('#') {
        return vec![(ind..line.len(), Token::Comment)];
    }
    if body == "---" || body == "..." {
        return vec![(ind..line.len(), Token::Punct)];
    }
    let mut i = ind;
    let mut rest = body;
    while let Some(r) = rest.strip_prefix("- ") {
        toks.push((i..i + 1, Token::Punct));
        i += 2;
        rest = r;
    }
    // A comment after a space, outside quotes.
    let comment_at = {
        let mut q: Option<char> = None;
        let mut at = None;
        let mut prev = ' ';
        for (k, c) in rest.char_indices() {
            match q {
                Some(x) if c == x => q = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => q = Some(c),
                None if c == '#' && prev == ' ' => {
                    at = Some(k);
                    break;
                }
                None => {}
            }
            prev = c;
        }
        at
    };
    let content = comment_at.map_or(rest, |c| &rest[..c]);
    let key_end = content
        .find(": ")
        .or_else(|| content.strip_suffix(':').map(|s| s.len()));
    let value_start = match key_end {
        Some(k) if !content.starts_with('"') || content[..k].ends_with('"') => {
            toks.push((i..i + k, Token::Key));
            toks.push((i + k..i + k + 1, Token::Punct));
            k + 1
        }
        _ => 0,
    };
    let value = &content[value_start..];
    let vt = value.trim_start();
    let vstart = i + value_start + (value.len() - vt.len());
    if vt.starts_with('|') || vt.starts_with('>') {
        toks.push((vstart..vstart + vt.trim_end().len(), Token::Punct));
        *block = Some(ind + if line[ind..].starts_with("- ") { 2 } else { 0 });
    } else if !vt.trim().is_empty() {
        toks.push((vstart..vstart + vt.trim_end().len(), scalar_token(vt)));
    }
    if let Some(c) = comment_at {
        toks.push((i + c..line.len(), Token::Comment));
    }
    toks
}

fn haproxy_line(line: &str) -> Vec<(Range<usize>, Token)> {
    const SECTIONS: &[&str] = &[
        "global",
        "defaults",
        "listen",
        "frontend",
        "backend",
        "userlist",
        "peers",
        "resolvers",
    ];
    let mut toks = Vec::new();
    let mut first = true;
    let mut i = 0;
    let b = line.as_bytes();
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'\t' {
            i += 1;
            continue;
        }
        if b[i] == b'#' {
            toks.push((i..line.len(), Token::Comment));
            break;
        }
        let start = i;
        if b[i] == b'"' || b[i] == b'\'' {
            let q = b[i];
            i += 1;
            while i < b.len() && b[i] != q {
                i += 1;
            }
            i = (i + 1).min(b.len());
            toks.push((start..i, Token::Str));
            first = false;
            continue;
        }
        while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
            i += 1;
        }
        let w = &line[start..i];
        let tok = if first {
            if SECTIONS.contains(&w) {
                Token::Section
            } else {
                Token::Keyword
            }
        } else if w.contains(':')
            && w.rsplit(':')
                .next()
                .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
        {
            Token::Addr
        } else if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            Token::Number
        } else {
            Token::Plain
        };
        toks.push((start..i, tok));
        first = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Print segments as `text` with `[class!mark]` suffixes.
    fn check(text: &str, lang: Lang, marks: &[(Range<usize>, Mark)], expect: &str) {
        let lines = highlight(text, lang, marks);
        let mut out = String::new();
        for l in lines {
            for s in l {
                out.push_str(&s.text);
                let cls = s.token.class().trim_start_matches("tok-");
                match (cls.is_empty(), s.mark) {
                    (true, None) => {}
                    (_, m) => out.push_str(&format!(
                        "[{cls}{}]",
                        m.map_or(String::new(), |m| format!("!{m:?}"))
                    )),
                }
            }
            out.push('\n');
        }
        assert_eq!(out.trim_end(), expect.trim(), "\n{out}");
    }

    #[test]
    fn yaml() {
        check(
            "kind: Pod # c\nspec:\n  - name: \"a\"\n    port: 80\n  cfg: |\n    global\n      daemon\n  x: true\n",
            Lang::Yaml,
            &[],
            r#"
kind[key]:[punct] Pod # c[comment]
spec[key]:[punct]
  -[punct] name[key]:[punct] "a"[str]
    port[key]:[punct] 80[num]
  cfg[key]:[punct] |[punct]
    global[str]
      daemon[str]
  x[key]:[punct] true[kw]
"#,
        );
    }

    #[test]
    fn haproxy_with_marks() {
        check(
            "listen http-in\n    bnd *:80\n    server s1 127.0.0.1:8775 maxconn 32 # x\n",
            Lang::Haproxy,
            &[(19..22, Mark::Error), (72..72, Mark::Warning)],
            r#"
listen[section] http-in
    bnd[kw!Error] *:80[addr]
    server[kw] s1 127.0.0.1:8775[addr] maxconn 32[num] # x[comment]
[!Warning]
"#,
        );
    }
}
