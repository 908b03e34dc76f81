//! Shell patterns, as `case` and `${v#pat}` use them (POSIX 2.13, as
//! BusyBox ash reads them): `*`, `?`, bracket expressions (`[abc]`,
//! `[a-z]`, `[!x]` or `[^x]`, a leading `]` taken literally,
//! `[[:alpha:]]` and the other classes) and `\` quoting the next
//! character. A `[` with no closing `]` is itself.
//!
//! Matching never backtracks: a whole match is the classic two-pointer
//! walk (it only retries the last `*`), and prefix and suffix matches run
//! the pattern as a set of states over the text once. Either costs at most
//! the text's length times the pattern's, where ash's recursive matcher
//! takes exponential time on `*a*a*a…b` (issue 10: a 48-character `case`
//! ran for minutes).

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Char(char),
    /// `?`
    Any,
    /// `*`
    Star,
    /// `[...]`: negated, and its items.
    Class(bool, Vec<Item>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Char(char),
    Range(char, char),
    /// `[:name:]`
    Named(Named),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    Alnum,
    Alpha,
    Blank,
    Cntrl,
    Digit,
    Graph,
    Lower,
    Print,
    Punct,
    Space,
    Upper,
    Xdigit,
}

impl Named {
    fn parse(name: &str) -> Option<Named> {
        Some(match name {
            "alnum" => Named::Alnum,
            "alpha" => Named::Alpha,
            "blank" => Named::Blank,
            "cntrl" => Named::Cntrl,
            "digit" => Named::Digit,
            "graph" => Named::Graph,
            "lower" => Named::Lower,
            "print" => Named::Print,
            "punct" => Named::Punct,
            "space" => Named::Space,
            "upper" => Named::Upper,
            "xdigit" => Named::Xdigit,
            _ => return None,
        })
    }

    /// The C locale's classes.
    fn has(self, c: char) -> bool {
        match self {
            Named::Alnum => c.is_ascii_alphanumeric(),
            Named::Alpha => c.is_ascii_alphabetic(),
            Named::Blank => c == ' ' || c == '\t',
            Named::Cntrl => c.is_ascii_control(),
            Named::Digit => c.is_ascii_digit(),
            Named::Graph => c.is_ascii_graphic(),
            Named::Lower => c.is_ascii_lowercase(),
            Named::Print => c.is_ascii_graphic() || c == ' ',
            Named::Punct => c.is_ascii_punctuation(),
            Named::Space => matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'),
            Named::Upper => c.is_ascii_uppercase(),
            Named::Xdigit => c.is_ascii_hexdigit(),
        }
    }
}

impl Tok {
    /// Whether this single-character element matches `c`.
    fn matches(&self, c: char) -> bool {
        match self {
            Tok::Char(x) => *x == c,
            Tok::Any => true,
            Tok::Star => false,
            Tok::Class(neg, items) => {
                let hit = items.iter().any(|i| match i {
                    Item::Char(x) => *x == c,
                    Item::Range(a, b) => *a <= c && c <= *b,
                    Item::Named(n) => n.has(c),
                });
                hit != *neg
            }
        }
    }
}

/// The bracket expression opening at `p[at]` (a `[`): its element and the
/// index after its `]`, or None when it does not close.
fn class(p: &[char], at: usize) -> Option<(Tok, usize)> {
    let mut i = at + 1;
    let neg = matches!(p.get(i), Some('!' | '^'));
    if neg {
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let c = *p.get(i)?;
        if c == ']' && !first {
            return Some((Tok::Class(neg, items), i + 1));
        }
        first = false;
        if c == '[' && p.get(i + 1) == Some(&':') {
            // `[:name:]`, when it closes; else `[` is itself.
            let rest = &p[i + 2..];
            if let Some(end) = rest.windows(2).position(|w| w == [':', ']']) {
                let name: String = rest[..end].iter().collect();
                if let Some(n) = Named::parse(&name) {
                    items.push(Item::Named(n));
                }
                i += 2 + end + 2;
                continue;
            }
        }
        let (lo, next) = if c == '\\' && i + 1 < p.len() {
            (p[i + 1], i + 2)
        } else {
            (c, i + 1)
        };
        // `a-z`, unless the `-` is last (`[a-]`).
        if p.get(next) == Some(&'-') && p.get(next + 1).is_some_and(|&h| h != ']') {
            let (hi, after) = if p[next + 1] == '\\' && next + 2 < p.len() {
                (p[next + 2], next + 3)
            } else {
                (p[next + 1], next + 2)
            };
            items.push(Item::Range(lo, hi));
            i = after;
        } else {
            items.push(Item::Char(lo));
            i = next;
        }
    }
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    toks: Vec<Tok>,
}

impl Pattern {
    pub fn new(pat: &str) -> Pattern {
        let p: Vec<char> = pat.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < p.len() {
            match p[i] {
                '*' => {
                    // `**` is `*`.
                    if toks.last() != Some(&Tok::Star) {
                        toks.push(Tok::Star);
                    }
                    i += 1;
                }
                '?' => {
                    toks.push(Tok::Any);
                    i += 1;
                }
                '\\' if i + 1 < p.len() => {
                    toks.push(Tok::Char(p[i + 1]));
                    i += 2;
                }
                '[' => match class(&p, i) {
                    Some((t, next)) => {
                        toks.push(t);
                        i = next;
                    }
                    None => {
                        toks.push(Tok::Char('['));
                        i += 1;
                    }
                },
                c => {
                    toks.push(Tok::Char(c));
                    i += 1;
                }
            }
        }
        Pattern { toks }
    }

    /// Whether the whole of `s` matches: the two-pointer walk, retrying
    /// only from the last `*`.
    pub fn matches(&self, s: &str) -> bool {
        let s: Vec<char> = s.chars().collect();
        self.matches_chars(&s)
    }

    fn matches_chars(&self, s: &[char]) -> bool {
        let t = &self.toks;
        let (mut p, mut i) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while i < s.len() {
            if t.get(p) == Some(&Tok::Star) {
                star = Some((p, i));
                p += 1;
            } else if t.get(p).is_some_and(|tok| tok.matches(s[i])) {
                p += 1;
                i += 1;
            } else if let Some((sp, si)) = star {
                // The last `*` takes one more character.
                star = Some((sp, si + 1));
                p = sp + 1;
                i = si + 1;
            } else {
                return false;
            }
        }
        t[p..].iter().all(|tok| *tok == Tok::Star)
    }

    /// For each `k` in `0..=s.len()`, whether `s[..k]` matches: the pattern
    /// run as a set of states over `s`, once.
    fn prefixes(toks: &[Tok], s: &[char]) -> Vec<bool> {
        let m = toks.len();
        let close = |on: &mut Vec<bool>| {
            for i in 0..m {
                if on[i] && toks[i] == Tok::Star {
                    on[i + 1] = true;
                }
            }
        };
        let mut on = vec![false; m + 1];
        on[0] = true;
        close(&mut on);
        let mut out = Vec::with_capacity(s.len() + 1);
        out.push(on[m]);
        for &c in s {
            let mut next = vec![false; m + 1];
            let mut any = false;
            for i in 0..m {
                if !on[i] {
                    continue;
                }
                if toks[i] == Tok::Star {
                    next[i] = true;
                    any = true;
                } else if toks[i].matches(c) {
                    next[i + 1] = true;
                    any = true;
                }
            }
            if !any {
                break;
            }
            close(&mut next);
            out.push(next[m]);
            on = next;
        }
        out.resize(s.len() + 1, false);
        out
    }

    /// `${v#pat}` (shortest) and `${v##pat}` (longest): the char index
    /// where the matched prefix ends, if some prefix matches.
    fn prefix_end(&self, s: &[char], longest: bool) -> Option<usize> {
        let hits = Pattern::prefixes(&self.toks, s);
        let mut ks = (0..hits.len()).filter(|&k| hits[k]);
        if longest { ks.next_back() } else { ks.next() }
    }

    /// `${v%pat}` (shortest) and `${v%%pat}` (longest): the char index
    /// where the matched suffix starts, if some suffix matches.
    fn suffix_start(&self, s: &[char], longest: bool) -> Option<usize> {
        let rev_toks: Vec<Tok> = self.toks.iter().rev().cloned().collect();
        let rev: Vec<char> = s.iter().rev().copied().collect();
        let hits = Pattern::prefixes(&rev_toks, &rev);
        let mut lens = (0..hits.len()).filter(|&k| hits[k]);
        let len = if longest {
            lens.next_back()
        } else {
            lens.next()
        }?;
        Some(s.len() - len)
    }
}

/// Whether all of `s` matches the pattern `pat`.
pub fn glob_match(pat: &str, s: &str) -> bool {
    Pattern::new(pat).matches(s)
}

/// `${v#pat}`, `${v##pat}`, `${v%pat}`, `${v%%pat}`: `v` without the
/// shortest or longest prefix or suffix matching `pat` (`v` itself when
/// none does).
pub fn strip(v: &str, op: &str, pat: &str) -> String {
    let p = Pattern::new(pat);
    let chars: Vec<char> = v.chars().collect();
    let from_char = |k: usize| -> usize { v.char_indices().nth(k).map_or(v.len(), |(b, _)| b) };
    match op {
        "#" | "##" => match p.prefix_end(&chars, op == "##") {
            Some(k) => v[from_char(k)..].to_string(),
            None => v.to_string(),
        },
        _ => match p.suffix_start(&chars, op == "%%") {
            Some(k) => v[..from_char(k)].to_string(),
            None => v.to_string(),
        },
    }
}

/// `s` as a pattern that matches just `s`: each character that means
/// something in a pattern gets a `\` (for quoted text in a pattern word).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row: pattern, text, whether BusyBox ash 1.35 matched it in
    /// `case TEXT in PATTERN)` on the host.
    #[test]
    fn patterns_match_as_ash_matches_them() {
        for (pat, s, want) in [
            ("h*", "hello", true),
            ("*", "", true),
            ("?", "", false),
            ("a?c", "abc", true),
            ("[^a]", "b", true),
            ("[!a]", "a", false),
            ("[]a]", "]", true),
            ("[!]a]", "b", true),
            ("[a-]", "-", true),
            ("[!a-]", "-", false),
            ("[[:alpha:]]", "b", true),
            ("[[:alpha:]]", "1", false),
            ("\\*", "*", true),
            ("\\*", "x", false),
            ("[", "[", true),
            ("[a", "[a", true),
            ("[a", "a", false),
            ("a[]b", "ab", false),
            ("[a-c]", "b", true),
            ("[a-c]", "B", false),
            ("[\\x]", "x", true),
            ("[a]]", "a]", true),
            ("[c-a]", "c", false),
            ("x\\", "x\\", true),
            ("*.log", "/var/log/1.log", true),
            ("*a*b", "aaab", true),
            ("*a*b", "aaa", false),
            ("**", "x", true),
        ] {
            assert_eq!(glob_match(pat, s), want, "{pat} ~ {s}");
        }
    }

    /// Issue 10: `*a*a*…*b` against 48 `a`s backtracked for minutes; it is
    /// one pass now, as are prefix and suffix removal on long texts.
    #[test]
    fn many_stars_do_not_backtrack() {
        let text = "a".repeat(48);
        let pat = format!("{}b", "*a".repeat(12));
        assert!(!glob_match(&pat, &text));
        let long = "a".repeat(100_000);
        assert_eq!(strip(&long, "%%", "a*b"), long);
        assert_eq!(strip(&long, "##", "*a"), "");
        assert_eq!(strip(&long, "#", "*a"), "a".repeat(99_999));
    }

    #[test]
    fn prefix_and_suffix_removal() {
        for (v, op, pat, want) in [
            ("requests=42", "%%", "=*", "requests"),
            ("requests=42", "#", "*=", "42"),
            ("/a/b/c.log", "##", "*/", "c.log"),
            ("/a/b/c.log", "%", "/*", "/a/b"),
            ("/a/b/c.log", "#", "/*/", "b/c.log"),
            ("/a/b/c.log", "%", ".*", "/a/b/c"),
            ("/a/b/c.log", "#", "zz", "/a/b/c.log"),
            ("café.txt", "%", ".*", "café"),
            ("éé", "#", "?", "é"),
            ("abc", "%", "", "abc"),
            ("abc", "%%", "*", ""),
            ("abc", "%", "*", "abc"),
        ] {
            assert_eq!(strip(v, op, pat), want, "${{{v}{op}{pat}}}");
        }
    }
}
