//! Splitting haproxy.cfg into lines of words, by HAProxy 2.x's rules
//! (`parse_line()` in src/tools.c): spaces and tabs separate words, `#`
//! starts a comment, `"…"` and `'…'` quote, backslash escapes outside single
//! quotes, and `${VAR}` expands inside double quotes and bare words. CR before
//! LF is dropped. Every word keeps the byte span it came from.

use crate::model::base::diag::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    /// `unmatched quote at position N` (1-based, within the line).
    UnmatchedQuote { position: usize },
    /// `truncated or invalid hexadecimal sequence at position N`.
    BadHex { position: usize },
    /// `unmatched brace in environment variable name at position N`.
    UnmatchedBrace { position: usize },
    /// `too many words, truncating after word 64, position N: <WORD>.`:
    /// the line has 64 word separators (`MAX_LINE_ARGS`); `position` is
    /// where the 64th word starts in parse_line's output (each word and
    /// its terminating NUL), 1-based.
    TooMany { position: usize, word: String },
}

/// HAProxy's `MAX_LINE_ARGS` (include/haproxy/defaults.h).
pub const MAX_LINE_ARGS: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number.
    pub number: u32,
    /// The whole line, without its line ending.
    pub span: Span,
    pub words: Vec<Word>,
    pub error: Option<LexError>,
}

impl Line {
    pub fn arg(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.text.as_str())
    }

    pub fn span_of(&self, i: usize) -> Span {
        self.words.get(i).map_or(self.span, |w| w.span)
    }
}

/// The outcome of splitting a whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lexed {
    /// Lines with at least one word, or a lexing error.
    pub lines: Vec<Line>,
    /// Set when the file does not end with a line feed: (line, position just
    /// past its last byte, 1-based), for 2.4+'s `Missing LF on last line` alert.
    pub missing_lf: Option<(u32, usize)>,
    /// A NUL byte ends its line for HAProxy's `fgets`/`strlen`: the line is
    /// read up to it, and when another line follows, HAProxy says `Stray
    /// NUL character at position N.` (line, N) and reads no further.
    pub stray_nul: Option<(u32, usize)>,
}

/// Environment of the HAProxy process, for `${VAR}` expansion.
pub type Env<'a> = &'a [(&'a str, &'a str)];

pub fn lex(text: &str, env: Env<'_>) -> Lexed {
    let mut lines = Vec::new();
    let mut offset = 0usize;
    let mut number = 0u32;
    // The line the last NUL cut, and the NUL's 1-based position in it.
    let mut cut_at: Option<(u32, usize)> = None;
    for raw in text.split_inclusive('\n') {
        if let Some(nul) = cut_at {
            return Lexed {
                lines,
                missing_lf: None,
                stray_nul: Some(nul),
            };
        }
        number += 1;
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = match content.find('\0') {
            Some(k) => {
                cut_at = Some((number, k + 1));
                &content[..k]
            }
            None => content.strip_suffix('\r').unwrap_or(content),
        };
        let line = lex_line(content, offset, number, env);
        if !line.words.is_empty() || line.error.is_some() {
            lines.push(line);
        }
        offset += raw.len();
    }
    let last_line_len = text.len() - text.rfind('\n').map_or(0, |i| i + 1);
    let missing_lf = match cut_at {
        Some(nul) => Some(nul),
        None => (!text.is_empty() && !text.ends_with('\n')).then_some((number, last_line_len + 1)),
    };
    Lexed {
        lines,
        missing_lf,
        stray_nul: None,
    }
}

fn lex_line(line: &str, base: usize, number: u32, env: Env<'_>) -> Line {
    let bytes = line.as_bytes();
    let span_at = |a: usize, b: usize| Span::new((base + a) as u32, (base + b) as u32);
    let mut words = Vec::new();
    let mut error = None;
    let mut i = 0;
    // parse_line's argument separators: each run of blanks after a word
    // (trailing blanks too).
    let mut separators = 0usize;
    'words: loop {
        let blanks_from = i;
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if i > blanks_from && !words.is_empty() {
            separators += 1;
        }
        if i >= bytes.len() || bytes[i] == b'#' {
            break;
        }
        let start = i;
        let mut word: Vec<u8> = Vec::new();
        let mut quote: Option<u8> = None;
        let mut quote_at = 0;
        while i < bytes.len() {
            let c = bytes[i];
            match (quote, c) {
                (None, b' ' | b'\t') => break,
                (None, b'#') => break,
                (None, b'"' | b'\'') => {
                    quote = Some(c);
                    quote_at = i;
                    i += 1;
                }
                (Some(q), c) if c == q => {
                    quote = None;
                    i += 1;
                }
                (Some(b'\''), _) => {
                    word.push(c);
                    i += 1;
                }
                (_, b'\\') if i + 1 < bytes.len() => {
                    let n = bytes[i + 1];
                    match n {
                        b' ' | b'#' | b'\\' | b'\'' | b'"' => {
                            word.push(n);
                            i += 2;
                        }
                        b'r' => {
                            word.push(b'\r');
                            i += 2;
                        }
                        b'n' => {
                            word.push(b'\n');
                            i += 2;
                        }
                        b't' => {
                            word.push(b'\t');
                            i += 2;
                        }
                        b'x' => {
                            let hex = line
                                .get(i + 2..i + 4)
                                .and_then(|h| u8::from_str_radix(h, 16).ok());
                            match hex {
                                Some(h) => {
                                    word.push(h);
                                    i += 4;
                                }
                                None => {
                                    error = Some(LexError::BadHex { position: i + 1 });
                                    break 'words;
                                }
                            }
                        }
                        _ => {
                            // Unknown escapes are kept as they are.
                            word.push(b'\\');
                            i += 1;
                        }
                    }
                }
                (_, b'$') if bytes.get(i + 1) == Some(&b'{') => {
                    let Some(close) = line[i + 2..].find('}') else {
                        error = Some(LexError::UnmatchedBrace { position: i + 1 });
                        break 'words;
                    };
                    let name = &line[i + 2..i + 2 + close];
                    let value = env.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| *v);
                    word.extend_from_slice(value.as_bytes());
                    i += close + 3;
                }
                _ => {
                    word.push(c);
                    i += 1;
                }
            }
        }
        if quote.is_some() {
            error = Some(LexError::UnmatchedQuote {
                position: quote_at + 1,
            });
            break;
        }
        words.push(Word {
            text: String::from_utf8_lossy(&word).into_owned(),
            span: span_at(start, i),
        });
    }
    if error.is_none() && separators >= MAX_LINE_ARGS {
        let before: usize = words[..MAX_LINE_ARGS - 1]
            .iter()
            .map(|w| w.text.len() + 1)
            .sum();
        error = Some(LexError::TooMany {
            position: before + 1,
            word: words[MAX_LINE_ARGS - 1].text.clone(),
        });
    }
    Line {
        number,
        span: span_at(0, line.len()),
        words,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let lexed = lex(text, &[("PORT", "8775")]);
        let mut out = String::new();
        for l in &lexed.lines {
            let words: Vec<String> = l.words.iter().map(|w| format!("{:?}", w.text)).collect();
            out.push_str(&format!("{}: {}", l.number, words.join(" ")));
            if let Some(e) = &l.error {
                out.push_str(&format!(" !{e:?}"));
            }
            out.push('\n');
        }
        if let Some((line, pos)) = lexed.missing_lf {
            out.push_str(&format!("no LF after line {line} at {pos}\n"));
        }
        assert_eq!(out.trim_end(), expect.trim(), "\n{out}");
    }

    #[test]
    fn words_comments_and_quotes() {
        check(
            "global\n  daemon # run in background\n\n\tmaxconn\t256\r\n# only a comment\n",
            r#"
1: "global"
2: "daemon"
4: "maxconn" "256"
"#,
        );
        check(
            "acl a hdr(host) \"my host\" 'x y' a\\ b \\#c\n",
            r##"1: "acl" "a" "hdr(host)" "my host" "x y" "a b" "#c""##,
        );
        check(
            "server s1 127.0.0.1:${PORT} \"${PORT}\" '${PORT}'\n",
            r#"1: "server" "s1" "127.0.0.1:8775" "8775" "${PORT}""#,
        );
    }

    #[test]
    fn errors() {
        check(
            "bind \"*:80\n",
            "1: \"bind\" !UnmatchedQuote { position: 6 }",
        );
        check(
            "global\n  daemon",
            "1: \"global\"\n2: \"daemon\"\nno LF after line 2 at 9",
        );
    }
}
