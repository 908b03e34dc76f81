//! The commands the shell runs itself, as busybox ash does: `echo`,
//! `printf`, `test`/`[`, `sleep`, `eval`, `exit`, `return`, `shift`, `export`
//! and the no-ops; calls of the script's functions; anything else goes to
//! the [`Sys`].

use std::collections::BTreeMap;
use std::num::IntErrorKind;

use super::{Exec, Output, Shell, State, Sys};
use crate::model::base::time::SimDuration;
use crate::model::lang::shell::budget::{Budget, Limit};
use crate::model::lang::shell::syntax;

impl Shell {
    /// Run `argv` as a builtin, or else as the world's command.
    pub(super) fn builtin(
        &mut self,
        argv: &[String],
        env: &BTreeMap<String, String>,
        stdin: &[u8],
        o: &mut Output,
        sys: &mut dyn Sys,
        budget: &mut Budget,
    ) -> Exec {
        let args = &argv[1..];
        if self.funcs.contains_key(&argv[0]) && !SPECIAL.contains(&argv[0].as_str()) {
            return self.call(argv, o, sys, budget);
        }
        match argv[0].as_str() {
            ":" | "true" => Exec::Done(0),
            "false" => Exec::Done(1),
            "echo" => {
                let (mut newline, mut escapes, mut rest) = (true, false, args);
                while let Some(flag) = rest.first().filter(|a| {
                    a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "neE".contains(c))
                }) {
                    newline &= !flag.contains('n');
                    escapes = flag.contains('e') || (escapes && !flag.contains('E'));
                    rest = &rest[1..];
                }
                let mut text = rest.join(" ");
                if escapes {
                    text = text.replace("\\n", "\n").replace("\\t", "\t");
                }
                if newline {
                    text.push('\n');
                }
                o.write(1, text.as_bytes());
                Exec::Done(0)
            }
            "printf" => {
                let Some(fmt) = args.first() else {
                    o.write(2, b"printf: usage: printf FORMAT [ARGUMENT...]\n");
                    return Exec::Done(1);
                };
                let (text, bad) = printf(fmt, &args[1..]);
                for a in &bad {
                    o.write(
                        2,
                        format!("{}: invalid number '{a}'\n", self.name).as_bytes(),
                    );
                }
                o.write(1, text.as_bytes());
                Exec::Done(i32::from(!bad.is_empty()))
            }
            "export" => {
                for a in args {
                    if let Some((k, v)) = a.split_once('=') {
                        self.vars.insert(k.to_string(), v.to_string());
                    }
                }
                Exec::Done(0)
            }
            "unset" => {
                for a in args {
                    self.vars.remove(a);
                }
                Exec::Done(0)
            }
            "exit" | "return" | "shift" => {
                let n = match args.first() {
                    None => None,
                    Some(a) => match ash_number(a) {
                        Some(n) => Some(n),
                        None => {
                            o.write(
                                2,
                                format!(
                                    "{}: {}: line 0: Illegal number: {a}\n",
                                    self.name, argv[0]
                                )
                                .as_bytes(),
                            );
                            self.abort = true;
                            return Exec::Done(2);
                        }
                    },
                };
                match argv[0].as_str() {
                    // ash exits with a negative number's status as 0.
                    "exit" => {
                        let code = n.map_or(self.status, |n| if n < 0 { 0 } else { n & 255 });
                        self.vars.insert("\u{0}exit".into(), code.to_string());
                        Exec::Done(code)
                    }
                    "return" => {
                        let code = n.map_or(self.status, |n| n & 255);
                        if self.function {
                            self.vars.insert("\u{0}return".into(), code.to_string());
                        }
                        Exec::Done(code)
                    }
                    _ => {
                        let n = n.unwrap_or(1);
                        match usize::try_from(n) {
                            Ok(k) if k > self.args.len() => Exec::Done(1),
                            Ok(k) => {
                                self.args.drain(..k);
                                Exec::Done(0)
                            }
                            Err(_) => Exec::Done(0),
                        }
                    }
                }
            }
            "test" | "[" => {
                let mut a: Vec<&str> = args.iter().map(String::as_str).collect();
                if argv[0] == "[" {
                    if a.last() != Some(&"]") {
                        o.write(2, b"sh: [: missing ]\n");
                        return Exec::Done(2);
                    }
                    a.pop();
                }
                match test(&a, sys) {
                    Ok(b) => Exec::Done(i32::from(!b)),
                    Err(e) => {
                        o.write(2, format!("sh: {e}\n").as_bytes());
                        Exec::Done(2)
                    }
                }
            }
            "sleep" => match args.first().map(|a| parse_sleep(a)) {
                Some(Ok(d)) => Exec::Sleep(d),
                Some(Err(e)) => {
                    o.write(2, e.as_bytes());
                    Exec::Done(1)
                }
                None => {
                    o.write(2, b"BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n");
                    Exec::Done(1)
                }
            },
            "cd" | "set" | "read" | "wait" | "trap" | "umask" => Exec::Done(0),
            "eval" => {
                if !budget.op() {
                    return Exec::Done(130);
                }
                if !budget.nest() {
                    self.too_deep(o);
                    return Exec::Done(139);
                }
                let src = args.join(" ");
                let r = match syntax::parse(&src) {
                    Ok(cmd) => self.run_cmd(&cmd, sys, o, budget, stdin),
                    Err(e) => {
                        o.write(2, format!("{}\n", e.message(&self.name)).as_bytes());
                        Exec::Done(2)
                    }
                };
                budget.unnest();
                r
            }
            _ => {
                let r = sys.exec(argv, env, stdin, o, budget);
                // It printed past the cap: cut there, stopped as Ctrl-C.
                if o.cut() {
                    budget.interrupt(Limit::Output);
                }
                r
            }
        }
    }
}

/// Whether the shell runs `name` itself (see [`Shell::builtin`]).
pub(super) fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        ":" | "true"
            | "false"
            | "echo"
            | "printf"
            | "export"
            | "unset"
            | "exit"
            | "test"
            | "["
            | "sleep"
            | "cd"
            | "set"
            | "shift"
            | "return"
            | "read"
            | "wait"
            | "trap"
            | "umask"
            | "eval"
    )
}

/// `sleep N`: seconds, with busybox's optional s/m/h/d suffix and fractions.
/// The special builtins, which a function of the same name does not hide
/// (POSIX 2.14).
const SPECIAL: &[&str] = &[
    ":", "break", "continue", ".", "eval", "exec", "exit", "export", "readonly", "return", "set",
    "shift", "times", "trap", "unset",
];

/// ash's `number()` for `exit`, `return` and `shift`: digits only (else
/// None, `Illegal number`), read as C's `atoi` reads them: saturating at
/// the 64-bit maximum, then cut to a 32-bit int (so `exit 4294967297` is
/// `exit 1`, as BusyBox ash 1.35 does on the host).
fn ash_number(a: &str) -> Option<i32> {
    if a.is_empty() || !a.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let wide = a.parse::<i64>().unwrap_or(i64::MAX);
    let low = wide.to_le_bytes();
    Some(i32::from_le_bytes([low[0], low[1], low[2], low[3]]))
}

impl Shell {
    /// Call the function `argv[0]` with `argv[1..]` as `$1`…: its body runs
    /// to its end in a nested shell on this shell's budget (within
    /// [`Budget::MAX_DEPTH`], as `eval`), and what it assigns stays.
    fn call(
        &mut self,
        argv: &[String],
        o: &mut Output,
        sys: &mut dyn Sys,
        budget: &mut Budget,
    ) -> Exec {
        if !budget.op() {
            return Exec::Done(130);
        }
        if !budget.nest() {
            self.too_deep(o);
            return Exec::Done(139);
        }
        let body = self.funcs[&argv[0]].clone();
        let mut sub = Shell::from_cmd(&body, std::mem::take(&mut self.vars));
        sub.name = self.name.clone();
        sub.status = self.status;
        sub.nested = true;
        sub.function = true;
        sub.funcs = std::mem::take(&mut self.funcs);
        sub.args = argv[1..].to_vec();
        sub.deep_noted = self.deep_noted.clone();
        sub.run(sys, o, budget);
        budget.unnest();
        self.debt += sub.take_debt();
        self.vars = sub.vars;
        self.funcs = sub.funcs;
        match sub.state {
            State::Exited(code) => Exec::Done(code),
            State::Blocked(f) => Exec::Forever(f),
            // The budget ran out: cut short, as by Ctrl-C.
            _ => Exec::Done(130),
        }
    }
}

/// `sleep N` as BusyBox 1.35's sleep reads it (compared on the host):
/// `inf`/`infinity` in any case; else whole seconds as an unsigned 64-bit
/// number (larger is an invalid number), or with a `.` a decimal
/// fraction, and then an optional `s`, `m`, `h` or `d`. No sign, no
/// spaces, no exponent. Long durations saturate: podlab's clock stops them
/// as Ctrl-C would.
fn parse_sleep(a: &str) -> Result<SimDuration, String> {
    if a.eq_ignore_ascii_case("inf") || a.eq_ignore_ascii_case("infinity") {
        // For ever: it wakes at the end of time, where nothing fires.
        return Ok(SimDuration(u64::MAX));
    }
    let invalid = |s: &str| Err(format!("sleep: invalid number '{s}'\n"));
    let suffix = |rest: &str| -> Option<u64> {
        match rest {
            "" | "s" => Some(1),
            "m" => Some(60),
            "h" => Some(3600),
            "d" => Some(86400),
            _ => None,
        }
    };
    if a.contains('.') {
        let len = a
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(a.len());
        let (num, rest) = a.split_at(len);
        let Ok(n) = num.parse::<f64>() else {
            return invalid(a);
        };
        let Some(mult) = suffix(rest) else {
            // BusyBox names the suffix with a 1 before it.
            return invalid(&format!("1{rest}"));
        };
        // A float's `as` saturates: a huge sleep is the longest one.
        return Ok(SimDuration::from_micros((n * mult as f64 * 1e6) as u64));
    }
    let len = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
    let (num, rest) = a.split_at(len);
    match (num.parse::<u64>(), suffix(rest)) {
        (Ok(n), Some(mult)) => Ok(SimDuration::from_micros(
            n.saturating_mul(mult).saturating_mul(1_000_000),
        )),
        _ => invalid(a),
    }
}

/// The `test` builtin.
fn test(a: &[&str], sys: &mut dyn Sys) -> Result<bool, String> {
    Ok(match a {
        [] => false,
        ["!", rest @ ..] => !test(rest, sys)?,
        [s] => !s.is_empty(),
        ["-n", s] => !s.is_empty(),
        ["-z", s] => s.is_empty(),
        ["-e" | "-f" | "-r" | "-s", p] => sys
            .read_file(p)
            .is_ok_and(|d| a[0] != "-s" || !d.is_empty()),
        ["-d", p] => sys.read_file(&format!("{p}/.")).is_ok(),
        [x, "=" | "==", y] => x == y,
        [x, "!=", y] => x != y,
        [x, op @ ("-eq" | "-ne" | "-lt" | "-gt" | "-le" | "-ge"), y] => {
            // BusyBox 1.35 on the host: digits past 64 bits are out of
            // range, anything else not a number is a bad number.
            let p = |s: &str| {
                s.trim().parse::<i64>().map_err(|e| match e.kind() {
                    IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => {
                        format!("{s}: out of range")
                    }
                    _ => format!("{s}: bad number"),
                })
            };
            let (x, y) = (p(x)?, p(y)?);
            match *op {
                "-eq" => x == y,
                "-ne" => x != y,
                "-lt" => x < y,
                "-gt" => x > y,
                "-le" => x <= y,
                _ => x >= y,
            }
        }
        _ => return Err(format!("{}: unknown operand", a.join(" "))),
    })
}

/// `printf` with %s, %d, %%, \n and \t: the text, and the arguments of
/// `%d` that are no 64-bit number (BusyBox prints 0 for each and exits 1).
fn printf(fmt: &str, args: &[String]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut bad = Vec::new();
    let mut args = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push('\\'),
            },
            '%' => match chars.next() {
                Some('s') => out.push_str(args.next().map_or("", String::as_str)),
                Some('d') | Some('i') => {
                    let n = args.next().map_or(0, |a| {
                        a.trim().parse::<i64>().unwrap_or_else(|_| {
                            bad.push(a.clone());
                            0
                        })
                    });
                    out.push_str(&n.to_string());
                }
                Some('%') => out.push('%'),
                Some(o) => {
                    out.push('%');
                    out.push(o);
                }
                None => out.push('%'),
            },
            c => out.push(c),
        }
    }
    (out, bad)
}
