//! The hostile-input table, `tests/hostile/table.txt`, parsed into rows.
//! One table feeds the native test (tests/hostile.rs), the browser test
//! (tests/browser.rs), scripts/hostile.sh (through the native test's dump)
//! and the README's Robustness section, so they never drift. Std only: the
//! browser test compiles this for wasm32 too.
//!
//! The format, one row per block (see the table's head for the same text):
//! `[Class]` starts a class of rows; `== NAME` starts a row; `via:` is
//! `run` (a console line through `podlab run` on the seed files), `apply`
//! (files through `podlab apply`), `ui` (the app's reducer) or `complete`
//! (Tab completion); `line:` the console line; `file NAME` then `| text`
//! lines, or `file NAME = TEXT`, a file; `do:` a reducer step; the rest
//! are expectations. `«…»` are generators: `«rep N TEXT»` (TEXT with `\n`,
//! `\t`, `\r`, `\\` escapes), `«nul»`, `«bom»`, `«cr»`, `«lf»`, `«tab»`,
//! `«nbsp»`, `«zwj»`, `«rtl»`, `«fffd»`, `«U+XXXX»`.

#![allow(dead_code)]

/// How a row's input reaches podlab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `podlab run FILES… -- LINE` (`cli::run`), on the seed files plus the
    /// row's (a row's file with a seed file's name replaces it).
    Run,
    /// `podlab apply FILES…` (`cli::apply`) on the row's files.
    Apply,
    /// The app's reducer (`State::apply`): the row's files as edits, then
    /// its steps.
    Ui,
    /// Tab completion (`console::complete`) of `line` on the settled seed.
    Complete,
}

/// One reducer step of a `ui` row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Console(String),
    /// Replace the seed file of this name with the row's file of that name.
    Edit(String),
    /// The haproxy.cfg pane's text becomes the row's file `haproxy.cfg`.
    Cfg,
    /// A clock tick of this many seconds while playing.
    Tick(u64),
    /// The clock jumps this many seconds.
    Skip(u64),
}

/// What a row expects of what came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The exit status.
    Code(i32),
    /// Any status but 0.
    Failed,
    /// The whole output (stdout then stderr), exactly.
    Out(String),
    /// The first line, exactly.
    First(String),
    /// The first line starts with this.
    FirstStarts(String),
    /// The last line, exactly.
    Last(String),
    /// The output contains this.
    Has(String),
    /// The output does not contain this.
    Lacks(String),
    /// Stopped as Ctrl-C would: status 130, one `^C` line, and the output
    /// ends with it and one `podlab:` note.
    Stopped,
    /// Some line is a `podlab:` note.
    Note,
    /// At most this many bytes of output (every row: at most 1 MiB).
    MaxBytes(usize),
    /// `ui` rows: the simulated clock is at most this many seconds.
    ClockAtMost(u64),
    /// `ui` rows: the transcript's oldest entry is a `podlab:` note (the
    /// transcript was cut and says so).
    OldestIsNote,
}

#[derive(Clone, Debug)]
pub struct Row {
    /// The line of `== NAME` in table.txt.
    pub at: usize,
    pub class: String,
    pub name: String,
    pub via: Via,
    pub line: String,
    pub files: Vec<(String, String)>,
    pub steps: Vec<Step>,
    pub expect: Vec<Expect>,
    /// The browser test runs this row too.
    pub browser: bool,
}

/// The table's text.
pub const TABLE: &str = include_str!("table.txt");

/// Expand the `«…»` generators in `s`.
pub fn expand(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('«') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '«'.len_utf8()..];
        let Some(j) = after.find('»') else {
            panic!("table.txt: unclosed « in {s:?}");
        };
        out.push_str(&generate(&after[..j]));
        rest = &after[j + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn generate(g: &str) -> String {
    if let Some(r) = g.strip_prefix("rep ") {
        let (n, text) = r.split_once(' ').unwrap_or((r, ""));
        let n: usize = n
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("table.txt: bad count in «{g}»"));
        return unescape(text).repeat(n);
    }
    if let Some(hex) = g.strip_prefix("U+") {
        let c = u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or_else(|| panic!("table.txt: bad «{g}»"));
        return c.to_string();
    }
    match g {
        "nul" => "\0",
        "bom" => "\u{feff}",
        "cr" => "\r",
        "lf" => "\n",
        "tab" => "\t",
        "nbsp" => "\u{a0}",
        "zwj" => "\u{200d}",
        "rtl" => "\u{202e}",
        "fffd" => "\u{fffd}",
        _ => panic!("table.txt: unknown generator «{g}»"),
    }
    .to_string()
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('s') => out.push(' '),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// Every row of the table, in order.
pub fn rows() -> Vec<Row> {
    parse(TABLE)
}

pub fn parse(text: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut class = String::new();
    // The file a `| ` line belongs to, or the exact output being built.
    enum Block {
        None,
        File,
        Out,
    }
    let mut block = Block::None;
    for (n, raw) in text.lines().enumerate() {
        let n = n + 1;
        if raw.starts_with('#') || raw.trim().is_empty() {
            if raw.trim().is_empty() {
                block = Block::None;
            }
            continue;
        }
        if let Some(c) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            class = c.to_string();
            continue;
        }
        if let Some(name) = raw.strip_prefix("== ") {
            rows.push(Row {
                at: n,
                class: class.clone(),
                name: name.to_string(),
                via: Via::Run,
                line: String::new(),
                files: Vec::new(),
                steps: Vec::new(),
                expect: Vec::new(),
                browser: false,
            });
            block = Block::None;
            continue;
        }
        let Some(row) = rows.last_mut() else {
            panic!("table.txt:{n}: a field before the first row");
        };
        if raw == "|" || raw.starts_with("| ") {
            let line = expand(raw.get(2..).unwrap_or(""));
            match block {
                Block::File => {
                    let f = &mut row.files.last_mut().expect("a file").1;
                    f.push_str(&line);
                    f.push('\n');
                }
                _ => panic!("table.txt:{n}: a `| ` line outside a file"),
            }
            continue;
        }
        if raw == "out|" || raw.starts_with("out| ") {
            let line = expand(raw.get(5..).unwrap_or(""));
            match (&block, row.expect.last_mut()) {
                (Block::Out, Some(Expect::Out(o))) => {
                    o.push_str(&line);
                    o.push('\n');
                }
                _ => {
                    row.expect.push(Expect::Out(format!("{line}\n")));
                    block = Block::Out;
                }
            }
            continue;
        }
        block = Block::None;
        if let Some(f) = raw.strip_prefix("file ") {
            match f.split_once(" = ") {
                Some((name, text)) => row.files.push((name.to_string(), expand(text))),
                None => {
                    row.files.push((f.to_string(), String::new()));
                    block = Block::File;
                }
            }
            continue;
        }
        let (key, value) = match raw.split_once(':') {
            Some((k, v)) => (k, v.strip_prefix(' ').unwrap_or(v)),
            None => (raw, ""),
        };
        let v = expand(value);
        let num = |v: &str| -> u64 {
            v.parse()
                .unwrap_or_else(|_| panic!("table.txt:{n}: not a number: {v}"))
        };
        match key {
            "via" => {
                row.via = match value {
                    "run" => Via::Run,
                    "apply" => Via::Apply,
                    "ui" => Via::Ui,
                    "complete" => Via::Complete,
                    _ => panic!("table.txt:{n}: unknown via {value}"),
                }
            }
            "line" => row.line = v,
            "browser" => row.browser = true,
            "do" => row.steps.push(match v.split_once(' ') {
                Some(("console", l)) => Step::Console(l.to_string()),
                Some(("edit", f)) => Step::Edit(f.to_string()),
                Some(("tick", s)) => Step::Tick(num(s)),
                Some(("skip", s)) => Step::Skip(num(s)),
                _ if v == "cfg" => Step::Cfg,
                _ => panic!("table.txt:{n}: unknown step {v}"),
            }),
            "code" => row
                .expect
                .push(Expect::Code(v.parse().unwrap_or_else(|_| {
                    panic!("table.txt:{n}: not a status: {v}")
                }))),
            "failed" => row.expect.push(Expect::Failed),
            "empty" => row.expect.push(Expect::Out(String::new())),
            "first" => row.expect.push(Expect::First(v)),
            "first^" => row.expect.push(Expect::FirstStarts(v)),
            "last" => row.expect.push(Expect::Last(v)),
            "has" => row.expect.push(Expect::Has(v)),
            "lacks" => row.expect.push(Expect::Lacks(v)),
            "stopped" => row.expect.push(Expect::Stopped),
            "note" => row.expect.push(Expect::Note),
            "max" => row.expect.push(Expect::MaxBytes(num(&v) as usize)),
            "clock<=" => row.expect.push(Expect::ClockAtMost(num(&v))),
            "oldest-note" => row.expect.push(Expect::OldestIsNote),
            _ => panic!("table.txt:{n}: unknown field {key}"),
        }
    }
    for r in &rows {
        assert!(
            !r.expect.is_empty(),
            "table.txt:{}: {} expects nothing",
            r.at,
            r.name
        );
        assert!(
            r.expect
                .iter()
                .any(|e| !matches!(e, Expect::Code(_) | Expect::Failed | Expect::MaxBytes(_))),
            "table.txt:{}: {} must state a message, not only a status",
            r.at,
            r.name
        );
    }
    rows
}

/// `s` shortened for one line of a report: escaped, long middles cut.
pub fn short(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cut = if chars.len() > max {
        let head: String = chars[..max * 2 / 3].iter().collect();
        let tail: String = chars[chars.len() - max / 3..].iter().collect();
        format!("{head}…[{} chars]…{tail}", chars.len())
    } else {
        s.to_string()
    };
    format!("{cut:?}")
}
