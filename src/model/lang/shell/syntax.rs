//! POSIX `sh` syntax as busybox's ash reads it: words with quoting and
//! expansions, simple commands with redirections, pipelines, `&&`/`||`
//! lists, the compound commands `if`, `while`/`until`, `for`, `case`,
//! `{ }` and `( )`, and function definitions. Parse errors read as ash's.

use std::fmt;
use std::rc::Rc;

/// A piece of a word, before expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Unquoted text (subject to field splitting and globbing).
    Lit(String),
    /// Quoted text, taken literally.
    Quoted(String),
    /// `$name` / `${name}`; `quoted` when inside double quotes.
    Var { name: String, quoted: bool },
    /// `${name:-word}` and friends: (operator, word).
    Param {
        name: String,
        op: String,
        word: Vec<Part>,
        quoted: bool,
    },
    /// `$(...)` or backquotes, with its source.
    Command { source: String, quoted: bool },
    /// `$((...))`.
    Arith { expr: String, quoted: bool },
}

pub type Word = Vec<Part>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `>`
    Out,
    /// `>>`
    Append,
    /// `<`
    In,
    /// `>&` (dup), e.g. `2>&1`
    Dup,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redir {
    pub fd: u32,
    pub op: RedirOp,
    pub target: Word,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cmd {
    Simple {
        assigns: Vec<(String, Word)>,
        words: Vec<Word>,
        redirs: Vec<Redir>,
    },
    Pipeline {
        negate: bool,
        stages: Vec<Cmd>,
    },
    /// `a && b || c …`: the first pipeline, then each `&&` (true) or `||`
    /// (false) with the next, flat so a long chain is no deep tree.
    AndOr(Box<Cmd>, Vec<(bool, Cmd)>),
    Seq(Vec<Cmd>),
    Background(Box<Cmd>),
    If {
        branches: Vec<(Cmd, Cmd)>,
        otherwise: Option<Box<Cmd>>,
    },
    Loop {
        until: bool,
        cond: Box<Cmd>,
        body: Box<Cmd>,
    },
    For {
        var: String,
        items: Option<Vec<Word>>,
        body: Box<Cmd>,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, Cmd)>,
    },
    Group(Box<Cmd>, Vec<Redir>),
    Subshell(Box<Cmd>, Vec<Redir>),
    /// `name() command`: defines a function.
    Function {
        name: String,
        body: Rc<Cmd>,
    },
}

/// Why a script does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// ash's message (`syntax error: unexpected "do"`), which the shell
    /// prints after its name.
    Ash(String),
    /// Nested past [`MAX_NESTING`]: podlab's [`TOO_DEEP`] note.
    TooDeep,
}

impl SyntaxError {
    /// What the shell called `shell` prints, without the newline.
    pub fn message(&self, shell: &str) -> String {
        match self {
            SyntaxError::Ash(m) => format!("{shell}: {m}"),
            SyntaxError::TooDeep => TOO_DEEP.trim_end().to_string(),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxError::Ash(m) => f.write_str(m),
            SyntaxError::TooDeep => f.write_str(TOO_DEEP.trim_end()),
        }
    }
}

/// How deep commands may nest inside one another (`{ { …`, `( ( …`,
/// `if if …`, `while`, `for`, `case`) and `${…}` inside `${…}`: each level
/// is a few Rust calls while parsing and compiling, and 100 levels fit the
/// browser's 1 MiB wasm stack in a debug build (tested in
/// lang/shell/tests.rs). No lab nests a tenth as deep.
pub const MAX_NESTING: usize = 100;

/// podlab's note for a script nested past [`MAX_NESTING`]. BusyBox ash
/// reads 10 000 levels (compared on the host) and crashes only when its
/// stack runs out.
pub const TOO_DEEP: &str = "podlab: commands nested more than 100 deep are not modelled; podlab stopped this script before running it (ash reads deeper nesting, until its stack runs out)\n";

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(Word, String),
    Op(&'static str),
    Redir(u32, RedirOp),
    Newline,
}

const OPS: &[&str] = &["&&", "||", ";;", ";", "&", "|", "(", ")"];

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// How many `${…}` words this one is inside.
    depth: usize,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn tokens(mut self) -> Result<Vec<Tok>, SyntaxError> {
        let mut out = Vec::new();
        loop {
            while matches!(self.peek(), Some(' ' | '\t')) {
                self.bump();
            }
            let Some(c) = self.peek() else { break };
            if c == '#' {
                while !matches!(self.peek(), None | Some('\n')) {
                    self.bump();
                }
                continue;
            }
            if c == '\n' {
                self.bump();
                out.push(Tok::Newline);
                continue;
            }
            if c == '\\' && self.src[self.pos..].starts_with("\\\n") {
                self.pos += 2;
                continue;
            }
            // IO number: digits directly followed by < or >.
            let digits: String = self.src[self.pos..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let after = self.src[self.pos + digits.len()..].chars().next();
            if matches!(after, Some('<' | '>')) {
                let fd = if digits.is_empty() {
                    None
                } else {
                    digits.parse().ok()
                };
                self.pos += digits.len();
                out.push(self.redir(fd)?);
                continue;
            }
            if let Some(op) = OPS.iter().find(|op| self.src[self.pos..].starts_with(**op)) {
                self.pos += op.len();
                out.push(Tok::Op(op));
                continue;
            }
            let start = self.pos;
            let word = self.word()?;
            out.push(Tok::Word(word, self.src[start..self.pos].to_string()));
        }
        Ok(out)
    }

    fn redir(&mut self, fd: Option<u32>) -> Result<Tok, SyntaxError> {
        let rest = &self.src[self.pos..];
        let (op, len, default_fd) = if rest.starts_with(">>") {
            (RedirOp::Append, 2, 1)
        } else if rest.starts_with(">&") {
            (RedirOp::Dup, 2, 1)
        } else if rest.starts_with('>') {
            (RedirOp::Out, 1, 1)
        } else {
            (RedirOp::In, 1, 0)
        };
        self.pos += len;
        Ok(Tok::Redir(fd.unwrap_or(default_fd), op))
    }

    fn word(&mut self) -> Result<Word, SyntaxError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>' => break,
                '\\' => {
                    self.bump();
                    match self.bump() {
                        Some('\n') | None => {}
                        Some(n) => {
                            flush(&mut lit, &mut parts);
                            parts.push(Part::Quoted(n.to_string()));
                        }
                    }
                }
                '\'' => {
                    self.bump();
                    flush(&mut lit, &mut parts);
                    let start = self.pos;
                    let Some(end) = self.src[start..].find('\'') else {
                        return Err(unterminated("'"));
                    };
                    parts.push(Part::Quoted(self.src[start..start + end].to_string()));
                    self.pos = start + end + 1;
                }
                '"' => {
                    self.bump();
                    flush(&mut lit, &mut parts);
                    self.double_quoted(&mut parts)?;
                }
                '$' => {
                    flush(&mut lit, &mut parts);
                    self.dollar(&mut parts, false)?;
                }
                '`' => {
                    self.bump();
                    flush(&mut lit, &mut parts);
                    let start = self.pos;
                    let Some(end) = self.src[start..].find('`') else {
                        return Err(unterminated("`"));
                    };
                    parts.push(Part::Command {
                        source: self.src[start..start + end].to_string(),
                        quoted: false,
                    });
                    self.pos = start + end + 1;
                }
                _ => {
                    lit.push(c);
                    self.bump();
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok(parts)
    }

    fn double_quoted(&mut self, parts: &mut Vec<Part>) -> Result<(), SyntaxError> {
        self.quoted_text(parts, true)
    }

    /// Text as inside double quotes, up to the closing `"` when `closed`,
    /// else to the end.
    fn quoted_text(&mut self, parts: &mut Vec<Part>, closed: bool) -> Result<(), SyntaxError> {
        let mut text = String::new();
        let mut any = false;
        loop {
            let Some(c) = self.bump() else {
                if closed {
                    return Err(unterminated("\""));
                }
                break;
            };
            match c {
                '"' if closed => break,
                '\\' => match self.peek() {
                    Some(n @ ('$' | '`' | '"' | '\\')) => {
                        self.bump();
                        text.push(n);
                    }
                    Some('\n') => {
                        self.bump();
                    }
                    _ => text.push('\\'),
                },
                '$' => {
                    self.pos -= 1;
                    if !text.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut text)));
                    }
                    self.dollar(parts, true)?;
                    any = true;
                }
                '`' => {
                    if !text.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut text)));
                    }
                    let start = self.pos;
                    let Some(end) = self.src[start..].find('`') else {
                        return Err(unterminated("`"));
                    };
                    parts.push(Part::Command {
                        source: self.src[start..start + end].to_string(),
                        quoted: true,
                    });
                    self.pos = start + end + 1;
                    any = true;
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() || !any {
            parts.push(Part::Quoted(text));
        }
        Ok(())
    }

    /// `$name`, `${...}`, `$(...)`, `$((...))`, `$?` and friends.
    fn dollar(&mut self, parts: &mut Vec<Part>, quoted: bool) -> Result<(), SyntaxError> {
        self.bump(); // $
        let rest = &self.src[self.pos..];
        // ash reads `$((` as arithmetic, to the first `)` that closes no
        // `(` of its own, which must be followed by another `)`: anything
        // else (`$((1)x)`, `$((echo hi); (echo ho))`) is `missing '))'`,
        // as BusyBox ash 1.35 says on the host.
        let arith_end = rest.starts_with("((").then(|| arith_close(rest));
        if let Some(None) = arith_end {
            return Err(unterminated("$(("));
        }
        let arith_end = arith_end.flatten();
        if let Some(end) = arith_end {
            let inner = &rest[2..end - 1];
            parts.push(Part::Arith {
                expr: inner.to_string(),
                quoted,
            });
            self.pos += end + 1;
        } else if rest.starts_with('(') {
            let end = matching(rest, 0).ok_or_else(|| unterminated("$("))?;
            parts.push(Part::Command {
                source: rest[1..end].to_string(),
                quoted,
            });
            self.pos += end + 1;
        } else if rest.starts_with('{') {
            let end = closing_brace(rest).ok_or_else(|| unterminated("${"))?;
            let inner = &rest[1..end];
            self.pos += end + 1;
            let name_len = inner
                .char_indices()
                .find(|&(i, c)| {
                    !(c.is_ascii_alphanumeric() || c == '_' || (i == 0 && "?#$!@*".contains(c)))
                })
                .map_or(inner.len(), |(i, _)| i);
            let (name, rest) = inner.split_at(name_len);
            if rest.is_empty() {
                parts.push(Part::Var {
                    name: name.to_string(),
                    quoted,
                });
            } else {
                // The operators of `${name OP word}`; anything else (an
                // empty or non-ASCII name, an unknown operator) is what
                // ash calls a bad substitution.
                const OPS: [&str; 12] = [
                    ":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%",
                ];
                let Some(op_len) = OPS
                    .iter()
                    .find(|op| rest.starts_with(**op))
                    .map(|op| op.len())
                    .filter(|_| !name.is_empty())
                else {
                    return Err(SyntaxError::Ash("syntax error: bad substitution".into()));
                };
                if self.depth >= MAX_NESTING {
                    return Err(SyntaxError::TooDeep);
                }
                let word = Lexer {
                    src: &rest[op_len..],
                    pos: 0,
                    depth: self.depth + 1,
                }
                .word()?;
                parts.push(Part::Param {
                    name: name.to_string(),
                    op: rest[..op_len].to_string(),
                    word,
                    quoted,
                });
            }
        } else {
            let c = rest.chars().next();
            match c {
                Some(c) if "?#$!@*0123456789".contains(c) => {
                    self.pos += 1;
                    parts.push(Part::Var {
                        name: c.to_string(),
                        quoted,
                    });
                }
                Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                    let len = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    parts.push(Part::Var {
                        name: rest[..len].to_string(),
                        quoted,
                    });
                    self.pos += len;
                }
                _ => parts.push(if quoted {
                    Part::Quoted("$".into())
                } else {
                    Part::Lit("$".into())
                }),
            }
        }
        Ok(())
    }
}

/// Index of the `)` that closes the `(` at `open` (skipping nested parens
/// and quotes).
fn matching(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(open) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Index of the `}` that closes the `${` at the start of `s` (skipping
/// nested `${…}` and quotes), as ash reads `${x:-${y:-z}}`.
fn closing_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '{') if i == 0 || prev == '$' => depth += 1,
            (None, '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

fn flush(lit: &mut String, parts: &mut Vec<Part>) {
    if !lit.is_empty() {
        parts.push(Part::Lit(std::mem::take(lit)));
    }
}

/// ash's message for text that ends inside a construct (BusyBox 1.35's
/// `sh -c`, compared on the host).
fn unterminated(what: &str) -> SyntaxError {
    let what = match what {
        "'" | "\"" => "unterminated quoted string",
        "`" => "EOF in backquote substitution",
        "$(" => "unexpected end of file (expecting \")\")",
        "$((" => "missing '))'",
        _ => "missing '}'",
    };
    SyntaxError::Ash(format!("syntax error: {what}"))
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    /// How many compound commands the current one is inside.
    depth: usize,
}

/// The text of a token, for ash's `syntax error: unexpected "x"`.
fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Word(_, raw) => raw.clone(),
        Tok::Op(o) => (*o).to_string(),
        Tok::Redir(..) => "redirection".into(),
        Tok::Newline => "newline".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(_, raw)) if raw == w)
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(o)) if *o == op)
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) {
            self.pos += 1;
        }
    }

    fn unexpected(&self) -> SyntaxError {
        match self.peek() {
            Some(t) => SyntaxError::Ash(format!("syntax error: unexpected \"{}\"", tok_text(t))),
            None => SyntaxError::Ash("syntax error: unexpected end of file".into()),
        }
    }

    fn expect_word(&mut self, w: &str) -> Result<(), SyntaxError> {
        self.skip_newlines();
        if self.is_word(w) {
            self.pos += 1;
            Ok(())
        } else {
            Err(match self.peek() {
                None => SyntaxError::Ash(format!(
                    "syntax error: unexpected end of file (expecting \"{w}\")"
                )),
                Some(_) => self.unexpected(),
            })
        }
    }

    /// A list up to one of `stops` (reserved words) or the end.
    fn list(&mut self, stops: &[&str]) -> Result<Cmd, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            if self.peek().is_none()
                || stops.iter().any(|s| self.is_word(s))
                || self.is_op(")")
                || self.is_op(";;")
            {
                break;
            }
            let mut item = self.and_or()?;
            match self.peek() {
                Some(Tok::Op("&")) => {
                    self.pos += 1;
                    item = Cmd::Background(Box::new(item));
                }
                Some(Tok::Op(";")) | Some(Tok::Newline) => self.pos += 1,
                None => {}
                Some(_)
                    if stops.iter().any(|s| self.is_word(s))
                        || self.is_op(")")
                        || self.is_op(";;") => {}
                Some(_) => return Err(self.unexpected()),
            }
            items.push(item);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one")
        } else {
            Cmd::Seq(items)
        })
    }

    fn and_or(&mut self) -> Result<Cmd, SyntaxError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let and = if self.is_op("&&") {
                true
            } else if self.is_op("||") {
                false
            } else {
                break;
            };
            self.pos += 1;
            self.skip_newlines();
            rest.push((and, self.pipeline()?));
        }
        Ok(if rest.is_empty() {
            first
        } else {
            Cmd::AndOr(Box::new(first), rest)
        })
    }

    fn pipeline(&mut self) -> Result<Cmd, SyntaxError> {
        let negate = self.is_word("!");
        if negate {
            self.pos += 1;
        }
        let mut stages = vec![self.command()?];
        while self.is_op("|") {
            self.pos += 1;
            self.skip_newlines();
            stages.push(self.command()?);
        }
        Ok(if stages.len() == 1 && !negate {
            stages.pop().expect("one")
        } else {
            Cmd::Pipeline { negate, stages }
        })
    }

    fn redirs(&mut self) -> Result<Vec<Redir>, SyntaxError> {
        let mut out = Vec::new();
        while let Some(Tok::Redir(fd, op)) = self.peek().cloned() {
            self.pos += 1;
            match self.peek().cloned() {
                Some(Tok::Word(target, _)) => {
                    self.pos += 1;
                    out.push(Redir { fd, op, target });
                }
                _ => return Err(self.unexpected()),
            }
        }
        Ok(out)
    }

    /// A command; a compound one counts against [`MAX_NESTING`].
    fn command(&mut self) -> Result<Cmd, SyntaxError> {
        if self.depth >= MAX_NESTING {
            return Err(SyntaxError::TooDeep);
        }
        self.depth += 1;
        let cmd = self.command_at_depth();
        self.depth -= 1;
        cmd
    }

    fn command_at_depth(&mut self) -> Result<Cmd, SyntaxError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.unexpected());
        };
        match tok {
            Tok::Word(_, raw) => match raw.as_str() {
                "if" => self.if_cmd(),
                "while" | "until" => {
                    self.pos += 1;
                    let cond = self.list(&["do"])?;
                    self.expect_word("do")?;
                    let body = self.list(&["done"])?;
                    self.expect_word("done")?;
                    Ok(Cmd::Loop {
                        until: raw == "until",
                        cond: Box::new(cond),
                        body: Box::new(body),
                    })
                }
                "for" => self.for_cmd(),
                "case" => self.case_cmd(),
                "{" => {
                    self.pos += 1;
                    let body = self.list(&["}"])?;
                    self.expect_word("}")?;
                    let redirs = self.redirs()?;
                    Ok(Cmd::Group(Box::new(body), redirs))
                }
                "then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}" | "in" => {
                    Err(self.unexpected())
                }
                _ => self.simple(),
            },
            Tok::Op("(") => {
                self.pos += 1;
                let body = self.list(&[])?;
                if !self.is_op(")") {
                    return Err(self.unexpected());
                }
                self.pos += 1;
                let redirs = self.redirs()?;
                Ok(Cmd::Subshell(Box::new(body), redirs))
            }
            Tok::Redir(..) => self.simple(),
            _ => Err(self.unexpected()),
        }
    }

    fn if_cmd(&mut self) -> Result<Cmd, SyntaxError> {
        self.pos += 1;
        let mut branches = Vec::new();
        let cond = self.list(&["then"])?;
        self.expect_word("then")?;
        let body = self.list(&["elif", "else", "fi"])?;
        branches.push((cond, body));
        let mut otherwise = None;
        loop {
            self.skip_newlines();
            if self.is_word("elif") {
                self.pos += 1;
                let c = self.list(&["then"])?;
                self.expect_word("then")?;
                let b = self.list(&["elif", "else", "fi"])?;
                branches.push((c, b));
            } else if self.is_word("else") {
                self.pos += 1;
                otherwise = Some(Box::new(self.list(&["fi"])?));
            } else {
                self.expect_word("fi")?;
                break;
            }
        }
        Ok(Cmd::If {
            branches,
            otherwise,
        })
    }

    fn for_cmd(&mut self) -> Result<Cmd, SyntaxError> {
        self.pos += 1;
        let var = match self.peek().cloned() {
            Some(Tok::Word(_, raw))
                if raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                raw
            }
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        self.skip_newlines();
        let mut items = None;
        if self.is_word("in") {
            self.pos += 1;
            let mut words = Vec::new();
            while let Some(Tok::Word(w, _)) = self.peek().cloned() {
                self.pos += 1;
                words.push(w);
            }
            items = Some(words);
            if self.is_op(";") || matches!(self.peek(), Some(Tok::Newline)) {
                self.pos += 1;
            }
        } else if self.is_op(";") {
            self.pos += 1;
        }
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(Cmd::For {
            var,
            items,
            body: Box::new(body),
        })
    }

    fn case_cmd(&mut self) -> Result<Cmd, SyntaxError> {
        self.pos += 1;
        let word = match self.peek().cloned() {
            Some(Tok::Word(w, _)) => w,
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            if self.is_word("esac") {
                self.pos += 1;
                break;
            }
            if self.is_op("(") {
                self.pos += 1;
            }
            let mut pats = Vec::new();
            loop {
                match self.peek().cloned() {
                    Some(Tok::Word(w, _)) => {
                        self.pos += 1;
                        pats.push(w);
                    }
                    _ => return Err(self.unexpected()),
                }
                if self.is_op("|") {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            if !self.is_op(")") {
                return Err(self.unexpected());
            }
            self.pos += 1;
            let body = self.list(&["esac"])?;
            arms.push((pats, body));
            self.skip_newlines();
            if self.is_op(";;") {
                self.pos += 1;
            }
        }
        Ok(Cmd::Case { word, arms })
    }

    fn simple(&mut self) -> Result<Cmd, SyntaxError> {
        // `name() command`: a function definition.
        if let Some(Tok::Word(_, name)) = self.peek()
            && matches!(self.toks.get(self.pos + 1), Some(Tok::Op("(")))
            && matches!(self.toks.get(self.pos + 2), Some(Tok::Op(")")))
            && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            let name = name.clone();
            self.pos += 3;
            self.skip_newlines();
            let body = self.command()?;
            return Ok(Cmd::Function {
                name,
                body: Rc::new(body),
            });
        }
        let mut assigns = Vec::new();
        let mut words = Vec::new();
        let mut redirs = Vec::new();
        loop {
            match self.peek().cloned() {
                Some(Tok::Word(w, raw)) => {
                    if words.is_empty()
                        && let Some((name, _)) = raw.split_once('=')
                        && !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !name.starts_with(|c: char| c.is_ascii_digit())
                    {
                        self.pos += 1;
                        assigns.push((name.to_string(), strip_assign_prefix(&w, name.len() + 1)));
                        continue;
                    }
                    self.pos += 1;
                    words.push(w);
                }
                Some(Tok::Redir(..)) => redirs.extend(self.redirs()?),
                _ => break,
            }
        }
        if assigns.is_empty() && words.is_empty() && redirs.is_empty() {
            return Err(self.unexpected());
        }
        Ok(Cmd::Simple {
            assigns,
            words,
            redirs,
        })
    }
}

/// Drop `name=` from the front of an assignment word.
fn strip_assign_prefix(w: &Word, mut n: usize) -> Word {
    let mut out = Vec::new();
    for p in w {
        if n == 0 {
            out.push(p.clone());
            continue;
        }
        match p {
            Part::Lit(s) if s.len() <= n => n -= s.len(),
            Part::Lit(s) => {
                out.push(Part::Lit(s[n..].to_string()));
                n = 0;
            }
            other => {
                out.push(other.clone());
                n = 0;
            }
        }
    }
    out
}

pub fn parse(src: &str) -> Result<Cmd, SyntaxError> {
    let toks = Lexer {
        src,
        pos: 0,
        depth: 0,
    }
    .tokens()?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let cmd = p.list(&[])?;
    if p.peek().is_some() {
        return Err(p.unexpected());
    }
    Ok(cmd)
}

/// Where `$((…))` ends in `rest` (which starts at its `((`): the index of
/// its last `)`, or None when its first unmatched `)` is not doubled or
/// the text ends first (ash's arithmetic mode counts parentheses only).
fn arith_close(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut level = 0usize;
    for i in 2..b.len() {
        match b[i] {
            b'(' => level += 1,
            b')' if level > 0 => level -= 1,
            b')' => return (b.get(i + 1) == Some(&b')')).then_some(i + 1),
            _ => {}
        }
    }
    None
}

/// The text of `$((…))` as ash expands it before evaluating it: `$…` and
/// backquotes as inside double quotes, the rest as it is.
pub fn arith_word(src: &str) -> Result<Word, SyntaxError> {
    let mut parts = Vec::new();
    Lexer {
        src,
        pos: 0,
        depth: 0,
    }
    .quoted_text(&mut parts, false)?;
    Ok(parts)
}

/// `a` as one word of a script sh reads back as `a`: as it is when it holds
/// only characters sh leaves alone, else in single quotes (each `'` as
/// `'\''`). How podlab turns an argv (`kubectl exec -- …`, a container's
/// command) into the script its shell runs.
pub fn quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, expect: &str) {
        let got = match parse(src) {
            Ok(c) => format!("{c:?}"),
            Err(e) => format!("error: {e}"),
        };
        assert!(got.contains(expect), "{src:?}\n{got}");
    }

    #[test]
    fn the_lab_loops_parse() {
        check("while true; do sleep 3600; done", "Loop { until: false");
        check(
            r#"i=0; while true; do echo "$i: $(date)" >> /var/log/1.log; echo "$(date) INFO $i" >> /var/log/2.log; i=$((i+1)); sleep 1; done"#,
            "Arith { expr: \"i+1\"",
        );
        check(
            "echo Hello from the debian container > /pod-data/index.html",
            "op: Out",
        );
        check("tail -n+1 -F /var/log/1.log", "Simple");
        check(
            "curl -s $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80",
            "Command { source: \"kubectl get pod",
        );
        check(
            "a && b || c | d",
            "AndOr(Simple { assigns: [], words: [[Lit(\"a\")]], redirs: [] }, [(true, Simple",
        );
        check("a && b || c | d", "(false, Pipeline");
        check("for f in a b; do echo $f; done", "For { var: \"f\"");
        check(
            "if [ -f x ]; then echo y; elif true; then :; else echo n; fi",
            "If {",
        );
        check("case $x in a|b) echo 1;; *) echo 2;; esac", "Case {");
        check("cat x 2>&1 >/dev/null", "fd: 2, op: Dup");
    }

    #[test]
    fn quoted_words_read_back_as_themselves() {
        for (word, quoted) in [
            ("curl", "curl"),
            ("10.244.1.2:80", "10.244.1.2:80"),
            ("", "''"),
            ("a b", "'a b'"),
            ("it's", "'it'\\''s'"),
            ("$(date)", "'$(date)'"),
            ("é", "'é'"),
        ] {
            assert_eq!(quote(word), quoted);
            let Ok(Cmd::Simple { words, .. }) = parse(&format!("echo {quoted}")) else {
                panic!("{quoted} does not parse as a simple command");
            };
            assert_eq!(words.len(), 2, "{quoted}");
        }
    }

    #[test]
    fn syntax_errors_read_as_ash() {
        check(
            "while true; do sleep 1",
            "error: syntax error: unexpected end of file (expecting \"done\")",
        );
        check("echo 'x", "error: unterminated quoted string");
        check("do", "error: syntax error: unexpected \"do\"");
        check("a | | b", "error: syntax error: unexpected \"|\"");
    }
}
