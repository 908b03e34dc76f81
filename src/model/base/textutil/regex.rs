//! POSIX regular expressions as grep reads them: basic (BRE, with GNU's
//! `\+`, `\?` and `\|`, which glibc and busybox accept) and extended (ERE),
//! compiled to a Thompson NFA and run as a Pike VM, so that matching takes
//! time linear in the line whatever the pattern. No back-references.

use std::fmt;

/// Patterns nest groups at most this deep (parsing recurses on them).
const MAX_DEPTH: usize = 64;
/// A compiled program has at most this many instructions (`{n,m}` copies
/// its atom): past it the pattern is refused as too big.
const MAX_PROGRAM: usize = 20_000;
/// Quantifiers stacked on one atom (`a***`) at most.
const MAX_STACKED: usize = 16;
/// glibc's RE_DUP_MAX: the largest count in `{n,m}`.
const DUP_MAX: u32 = 32_767;

/// Why a pattern does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegexError {
    /// `(` or `\(` without its close.
    UnmatchedOpen,
    /// `\)` (BRE) without its open.
    UnmatchedClose,
    /// `[` without its `]`.
    UnmatchedBracket,
    /// The pattern ends in a lone `\`.
    TrailingBackslash,
    /// `{n,m}` with m < n, or a count past RE_DUP_MAX.
    BadInterval,
    /// Nested or repeated past podlab's bounds.
    TooBig,
}

impl fmt::Display for RegexError {
    /// GNU grep 3.8's message (glibc's regerror texts).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RegexError::UnmatchedOpen => "Unmatched ( or \\(",
            RegexError::UnmatchedClose => "Unmatched ) or \\)",
            RegexError::UnmatchedBracket => "Invalid regular expression",
            RegexError::TrailingBackslash => "Trailing backslash",
            RegexError::BadInterval => "Invalid content of \\{\\}",
            RegexError::TooBig => "Regular expression too big",
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
enum ClassItem {
    Range(char, char),
    /// `[:alpha:]` and the like, by name.
    Named(&'static str),
}

/// The POSIX character classes, in the C locale.
const CLASSES: &[&str] = &[
    "alpha", "digit", "alnum", "upper", "lower", "space", "blank", "punct", "xdigit", "cntrl",
    "print", "graph",
];

fn in_class(name: &str, c: char) -> bool {
    match name {
        "alpha" => c.is_ascii_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_ascii_alphanumeric(),
        "upper" => c.is_ascii_uppercase(),
        "lower" => c.is_ascii_lowercase(),
        "space" => c.is_ascii_whitespace() || c == '\u{b}',
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "xdigit" => c.is_ascii_hexdigit(),
        "cntrl" => c.is_ascii_control(),
        "print" => (' '..='~').contains(&c),
        "graph" => ('!'..='~').contains(&c),
        _ => false,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Char(char),
    Any,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, u32, Option<u32>),
}

#[derive(Clone, Debug, PartialEq)]
enum Inst {
    Char(char),
    Any,
    Class(bool, Vec<ClassItem>),
    Start,
    End,
    Split(usize, usize),
    Jmp(usize),
    Match,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Regex {
    prog: Vec<Inst>,
    icase: bool,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    extended: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn peek2(&self) -> Option<char> {
        self.chars.get(self.pos + 1).copied()
    }

    /// Whether the parser stands at the end of a branch: `|`/`\|`, a
    /// close, or the end.
    fn at_branch_end(&self, depth: usize) -> bool {
        match (self.peek(), self.peek2()) {
            (None, _) => true,
            (Some('|'), _) if self.extended => true,
            (Some(')'), _) if self.extended && depth > 0 => true,
            (Some('\\'), Some('|')) if !self.extended => true,
            (Some('\\'), Some(')')) if !self.extended && depth > 0 => true,
            _ => false,
        }
    }

    fn alternation(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, RegexError> {
        if depth > MAX_DEPTH {
            return Err(RegexError::TooBig);
        }
        let mut branches = vec![self.branch(depth)?];
        loop {
            match (self.peek(), self.peek2()) {
                (Some('|'), _) if self.extended => self.pos += 1,
                (Some('\\'), Some('|')) if !self.extended => self.pos += 2,
                _ => break,
            }
            branches.push(self.branch(depth)?);
        }
        Ok(branches)
    }

    fn branch(&mut self, depth: usize) -> Result<Vec<Node>, RegexError> {
        let mut seq: Vec<Node> = Vec::new();
        while !self.at_branch_end(depth) {
            let first = seq.is_empty();
            let atom = self.atom(depth, first)?;
            let atom = self.quantified(atom)?;
            seq.push(atom);
        }
        Ok(seq)
    }

    fn atom(&mut self, depth: usize, first: bool) -> Result<Node, RegexError> {
        let c = self.peek().expect("not at the end");
        self.pos += 1;
        Ok(match c {
            '.' => Node::Any,
            '[' => self.bracket()?,
            '^' if self.extended || first => Node::Start,
            '$' if self.extended || self.at_branch_end(depth) => Node::End,
            // A BRE `*` that starts a branch is literal.
            '*' if first && !self.extended => Node::Char('*'),
            '(' if self.extended => self.group(depth)?,
            '\\' => {
                let Some(e) = self.peek() else {
                    return Err(RegexError::TrailingBackslash);
                };
                self.pos += 1;
                match e {
                    '(' if !self.extended => self.group(depth)?,
                    ')' if !self.extended => return Err(RegexError::UnmatchedClose),
                    _ => Node::Char(e),
                }
            }
            c => Node::Char(c),
        })
    }

    fn group(&mut self, depth: usize) -> Result<Node, RegexError> {
        let alts = self.alternation(depth + 1)?;
        match (self.peek(), self.peek2()) {
            (Some(')'), _) if self.extended => self.pos += 1,
            (Some('\\'), Some(')')) if !self.extended => self.pos += 2,
            _ => return Err(RegexError::UnmatchedOpen),
        }
        Ok(Node::Group(alts))
    }

    fn quantified(&mut self, mut atom: Node) -> Result<Node, RegexError> {
        let mut stacked = 0;
        loop {
            let (min, max) = match (self.peek(), self.peek2()) {
                (Some('*'), _) => {
                    self.pos += 1;
                    (0, None)
                }
                (Some('+'), _) if self.extended => {
                    self.pos += 1;
                    (1, None)
                }
                (Some('?'), _) if self.extended => {
                    self.pos += 1;
                    (0, Some(1))
                }
                (Some('\\'), Some('+')) if !self.extended => {
                    self.pos += 2;
                    (1, None)
                }
                (Some('\\'), Some('?')) if !self.extended => {
                    self.pos += 2;
                    (0, Some(1))
                }
                (Some('{'), _) if self.extended => match self.interval(1)? {
                    Some(r) => r,
                    // glibc reads an ERE `{` that starts no interval as itself.
                    None => return Ok(atom),
                },
                (Some('\\'), Some('{')) if !self.extended => match self.interval(2)? {
                    Some(r) => r,
                    None => return Err(RegexError::BadInterval),
                },
                _ => return Ok(atom),
            };
            if matches!(atom, Node::Start | Node::End) {
                return Ok(atom);
            }
            // `a**…` nests repeats; compiling them recurses, so bound it.
            stacked += 1;
            if stacked > MAX_STACKED {
                return Err(RegexError::TooBig);
            }
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` (ERE) or `\{…\}` (BRE) after an atom; the
    /// opening is `open` chars long. None when it is not an interval.
    fn interval(&mut self, open: usize) -> Result<Option<(u32, Option<u32>)>, RegexError> {
        let start = self.pos;
        let mut i = self.pos + open;
        let num = |i: &mut usize, chars: &[char]| -> Option<u32> {
            let s = *i;
            while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            if *i == s {
                return None;
            }
            Some(
                chars[s..*i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(u32::MAX),
            )
        };
        let Some(min) = num(&mut i, &self.chars) else {
            return Ok(None);
        };
        let max = if self.chars.get(i) == Some(&',') {
            i += 1;
            num(&mut i, &self.chars)
        } else {
            Some(min)
        };
        let close = if self.extended { "}" } else { "\\}" };
        let closes = close
            .chars()
            .enumerate()
            .all(|(k, c)| self.chars.get(i + k) == Some(&c));
        if !closes {
            self.pos = start;
            return Ok(None);
        }
        if min > DUP_MAX || max.is_some_and(|m| m < min || m > DUP_MAX) {
            return Err(RegexError::BadInterval);
        }
        self.pos = i + close.len();
        Ok(Some((min, max)))
    }

    fn bracket(&mut self) -> Result<Node, RegexError> {
        let mut negated = false;
        if self.peek() == Some('^') {
            negated = true;
            self.pos += 1;
        }
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(RegexError::UnmatchedBracket);
            };
            self.pos += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.peek() == Some(':') {
                let rest: String = self.chars[self.pos + 1..].iter().collect();
                let Some(end) = rest.find(":]") else {
                    return Err(RegexError::UnmatchedBracket);
                };
                let name = &rest[..end];
                let Some(&known) = CLASSES.iter().find(|k| **k == name) else {
                    return Err(RegexError::UnmatchedBracket);
                };
                items.push(ClassItem::Named(known));
                self.pos += 1 + name.chars().count() + 2;
                continue;
            }
            if self.peek() == Some('-') && self.peek2().is_some_and(|e| e != ']') {
                let hi = self.peek2().expect("checked");
                self.pos += 2;
                items.push(ClassItem::Range(c, hi));
            } else {
                items.push(ClassItem::Range(c, c));
            }
        }
        Ok(Node::Class { negated, items })
    }
}

fn emit(node: &Node, prog: &mut Vec<Inst>) -> Result<(), RegexError> {
    if prog.len() > MAX_PROGRAM {
        return Err(RegexError::TooBig);
    }
    match node {
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Class { negated, items } => prog.push(Inst::Class(*negated, items.clone())),
        Node::Start => prog.push(Inst::Start),
        Node::End => prog.push(Inst::End),
        Node::Group(alts) => emit_alts(alts, prog)?,
        Node::Repeat(atom, min, max) => {
            for _ in 0..*min {
                emit(atom, prog)?;
            }
            match max {
                None => {
                    // L: split body, out; body; jmp L
                    let l = prog.len();
                    prog.push(Inst::Split(0, 0));
                    emit(atom, prog)?;
                    prog.push(Inst::Jmp(l));
                    let out = prog.len();
                    prog[l] = Inst::Split(l + 1, out);
                }
                Some(max) => {
                    let mut holes = Vec::new();
                    for _ in *min..*max {
                        let l = prog.len();
                        prog.push(Inst::Split(0, 0));
                        holes.push(l);
                        emit(atom, prog)?;
                    }
                    let out = prog.len();
                    for l in holes {
                        prog[l] = Inst::Split(l + 1, out);
                    }
                }
            }
        }
    }
    Ok(())
}

fn emit_alts(alts: &[Vec<Node>], prog: &mut Vec<Inst>) -> Result<(), RegexError> {
    let mut jumps = Vec::new();
    for (k, seq) in alts.iter().enumerate() {
        let split = if k + 1 < alts.len() {
            let l = prog.len();
            prog.push(Inst::Split(0, 0));
            Some(l)
        } else {
            None
        };
        for n in seq {
            emit(n, prog)?;
        }
        if let Some(l) = split {
            jumps.push(prog.len());
            prog.push(Inst::Jmp(0));
            let next = prog.len();
            prog[l] = Inst::Split(l + 1, next);
        }
    }
    let end = prog.len();
    for j in jumps {
        prog[j] = Inst::Jmp(end);
    }
    Ok(())
}

fn fold(c: char, icase: bool) -> char {
    if icase {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

impl Regex {
    /// Compile `pattern` as a BRE, or an ERE when `extended`.
    pub fn new(pattern: &str, extended: bool, icase: bool) -> Result<Regex, RegexError> {
        let mut p = Parser {
            chars: pattern.chars().map(|c| fold(c, icase)).collect(),
            pos: 0,
            extended,
        };
        // At the top an ERE `)` is an ordinary character (glibc), so the
        // alternation reads the whole pattern.
        let alts = p.alternation(0)?;
        let mut prog = Vec::new();
        emit_alts(&alts, &mut prog)?;
        prog.push(Inst::Match);
        Ok(Regex { prog, icase })
    }

    fn class_has(items: &[ClassItem], c: char, icase: bool) -> bool {
        let test = |c: char| {
            items.iter().any(|i| match i {
                ClassItem::Range(lo, hi) => (*lo..=*hi).contains(&c),
                ClassItem::Named(name) => in_class(name, c),
            })
        };
        test(c) || (icase && c.to_uppercase().any(test))
    }

    /// Whether the pattern matches anywhere in `line`.
    pub fn is_match(&self, line: &str) -> bool {
        let chars: Vec<char> = line.chars().map(|c| fold(c, self.icase)).collect();
        let n = self.prog.len();
        let mut clist: Vec<usize> = Vec::new();
        let mut nlist: Vec<usize> = Vec::new();
        let mut seen = vec![usize::MAX; n];
        for pos in 0..=chars.len() {
            // A new thread starts at every position: grep matches anywhere.
            if self.add(&mut clist, &mut seen, 0, pos, chars.len()) {
                return true;
            }
            let Some(&c) = chars.get(pos) else { break };
            nlist.clear();
            for &pc in &clist {
                let next = match &self.prog[pc] {
                    Inst::Char(x) => *x == c,
                    Inst::Any => true,
                    Inst::Class(neg, items) => Self::class_has(items, c, self.icase) != *neg,
                    _ => false,
                };
                if next && self.add(&mut nlist, &mut seen, pc + 1, pos + 1, chars.len()) {
                    return true;
                }
            }
            std::mem::swap(&mut clist, &mut nlist);
        }
        false
    }

    /// Follow the empty transitions from `pc` at `pos`; true on Match.
    fn add(
        &self,
        list: &mut Vec<usize>,
        seen: &mut [usize],
        pc: usize,
        pos: usize,
        len: usize,
    ) -> bool {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == pos {
                continue;
            }
            seen[pc] = pos;
            match &self.prog[pc] {
                Inst::Match => return true,
                Inst::Jmp(t) => stack.push(*t),
                Inst::Split(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Start => {
                    if pos == 0 {
                        stack.push(pc + 1);
                    }
                }
                Inst::End => {
                    if pos == len {
                        stack.push(pc + 1);
                    }
                }
                _ => list.push(pc),
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (pattern, extended, line, matches); the answers are GNU grep 3.8's
    /// and BusyBox 1.35's on this machine.
    #[test]
    fn matches_as_grep_does() {
        let check = |pat: &str, ere: bool, line: &str, expect: bool| {
            let re = Regex::new(pat, ere, false).unwrap();
            assert_eq!(re.is_match(line), expect, "{pat} (ere {ere}) on {line:?}");
        };
        check("fruit", false, "fruit-service 2/2", true);
        check("f.uit", false, "fruit", true);
        check("^b", false, "busybox 1/1", true);
        check("^b", false, "a busybox", false);
        check("1/1$", false, "busybox 1/1", true);
        check("fruit+", false, "fruit-service", false);
        check("fruit+", true, "fruit-service", true);
        check("fru\\+it", false, "fruit", true);
        check("fr(u|x)it", false, "fruit", false);
        check("fr(u|x)it", true, "frxit", true);
        check("fr\\(u\\)it", false, "fruit", true);
        check("a\\|b", false, "b", true);
        check("[[:upper:]]", true, "NAME", true);
        check("[[:upper:]]", true, "busybox", false);
        check("[^a-z ]", false, "abc def", false);
        check("[^a-z ]", false, "abc 1", true);
        check("[]x]", false, "]", true);
        check("a{2}", true, "a", false);
        check("a{2}", true, "baab", true);
        check("a\\{2,3\\}", false, "aa", true);
        check("a{1", true, "a{1", true);
        check("*a", false, "*a", true);
        check("x*", false, "", true);
        check("a)", true, "a)", true);
        check("", false, "anything", true);
        check("(a|)b$", true, "xb", true);
    }

    #[test]
    fn errors_read_as_gnu_grep_prints_them() {
        let check = |pat: &str, ere: bool, expect: &str| {
            assert_eq!(Regex::new(pat, ere, false).unwrap_err().to_string(), expect);
        };
        check("[", false, "Invalid regular expression");
        check("\\(", false, "Unmatched ( or \\(");
        check("(", true, "Unmatched ( or \\(");
        check("\\)", false, "Unmatched ) or \\)");
        check("a\\", false, "Trailing backslash");
        check("a{2,1}", true, "Invalid content of \\{\\}");
    }

    #[test]
    fn case_folds_and_stays_linear() {
        assert!(Regex::new("FRUIT", false, true).unwrap().is_match("fruit"));
        assert!(Regex::new("[A-Z]x", false, true).unwrap().is_match("ax"));
        // A pattern that backtracking would take exponential time on.
        let re = Regex::new("(a*)*b", true, false).unwrap();
        assert!(!re.is_match(&"a".repeat(5_000)));
        assert_eq!(
            Regex::new(&"(".repeat(100), true, false).unwrap_err(),
            RegexError::TooBig
        );
        assert_eq!(
            Regex::new("(a{1000}){1000}", true, false).unwrap_err(),
            RegexError::TooBig
        );
        assert!(Regex::new("a**", false, false).unwrap().is_match("b"));
        assert_eq!(
            Regex::new(&format!("a{}", "*".repeat(100_000)), false, false).unwrap_err(),
            RegexError::TooBig
        );
    }
}
