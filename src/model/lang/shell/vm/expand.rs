//! Word expansion: variables and `${…}` forms, `$(…)` (run to its end in
//! a nested shell on the caller's budget), `$((…))`, field splitting, and
//! pattern words for `case` and `${v#pat}` (matched by [`glob`]).

use super::{Output, Shell, State, Sys};
use crate::model::lang::shell::arith::{self, ArithError};
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::glob;
use crate::model::lang::shell::syntax::{self, Part, Word};

/// The largest word podlab expands: 1 MiB. Real shells grow a variable
/// until memory runs out (`x=$x$x` in a loop doubles it); podlab stops the
/// command there, as [`TOO_LARGE`] says.
pub const WORD_MAX: usize = 1 << 20;

/// podlab's note when a word would grow past [`WORD_MAX`].
pub const TOO_LARGE: &str = "podlab: a word grew past 1 MiB; podlab does not model values that large and stopped the command (a real shell goes on until memory runs out)\n";

impl Shell {
    /// Expand a word: parameters, `$(...)`, `$((...))`; unquoted results are
    /// split into fields when `split`.
    pub(super) fn expand_word(
        &mut self,
        w: &Word,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
        split: bool,
    ) -> Vec<String> {
        let mut fields: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut have = false;
        let push_split = |text: &str,
                          quoted: bool,
                          fields: &mut Vec<String>,
                          cur: &mut String,
                          have: &mut bool| {
            if quoted || !split {
                cur.push_str(text);
                *have = true;
                return;
            }
            for (i, piece) in text.split([' ', '\t', '\n']).enumerate() {
                if i > 0 && (*have || !cur.is_empty()) {
                    fields.push(std::mem::take(cur));
                    *have = false;
                }
                if !piece.is_empty() {
                    cur.push_str(piece);
                    *have = true;
                }
            }
        };
        for part in w {
            if fields.iter().map(String::len).sum::<usize>() + cur.len() > WORD_MAX {
                output.write(2, TOO_LARGE.as_bytes());
                self.abort = true;
                return Vec::new();
            }
            match part {
                Part::Lit(s) => {
                    cur.push_str(s);
                    have = true;
                }
                Part::Quoted(s) => {
                    cur.push_str(s);
                    have = true;
                }
                Part::Var { name, quoted } => {
                    let v = self.var(name);
                    push_split(&v, *quoted, &mut fields, &mut cur, &mut have);
                    if *quoted {
                        have = true;
                    }
                }
                Part::Param {
                    name,
                    op,
                    word,
                    quoted,
                } => {
                    let value = match name.parse::<usize>() {
                        // `${1:-x}`: a positional parameter.
                        Ok(_) if name != "0" => {
                            Some(self.var(name)).filter(|_| self.positional_set(name))
                        }
                        _ => self.vars.get(name).cloned(),
                    };
                    let empty = value.as_deref().is_none_or(str::is_empty);
                    let alt = || -> bool { op.starts_with(':') };
                    let unset_or = |e: bool| if alt() { e } else { value.is_none() };
                    let text = match op.trim_start_matches(':') {
                        "-" if unset_or(empty) => {
                            self.expand_word(word, sys, output, budget, false).join(" ")
                        }
                        "=" if unset_or(empty) => {
                            let v = self.expand_word(word, sys, output, budget, false).join(" ");
                            self.vars.insert(name.clone(), v.clone());
                            v
                        }
                        "+" if !unset_or(empty) => {
                            self.expand_word(word, sys, output, budget, false).join(" ")
                        }
                        "+" => String::new(),
                        op @ ("#" | "##" | "%" | "%%") => {
                            let pat = self.expand_pattern(word, sys, output, budget);
                            glob::strip(&value.unwrap_or_default(), op, &pat)
                        }
                        _ => value.unwrap_or_default(),
                    };
                    push_split(&text, *quoted, &mut fields, &mut cur, &mut have);
                }
                Part::Command { source, quoted } => {
                    let text = self.substitute(source, sys, output, budget);
                    push_split(&text, *quoted, &mut fields, &mut cur, &mut have);
                }
                Part::Arith { expr, quoted } => {
                    let text = match self.expand_arith(expr, sys, output, budget) {
                        Some(expanded) => match arith::eval(&expanded, &mut self.vars) {
                            Ok(v) => v.to_string(),
                            Err(ArithError::Ash(e)) => {
                                output.write(2, format!("{}: {e}\n", self.name).as_bytes());
                                self.abort = true;
                                String::new()
                            }
                            Err(ArithError::TooDeep) => {
                                output.write(2, arith::TOO_DEEP.as_bytes());
                                self.abort = true;
                                String::new()
                            }
                        },
                        None => {
                            self.abort = true;
                            String::new()
                        }
                    };
                    push_split(&text, *quoted, &mut fields, &mut cur, &mut have);
                }
            }
        }
        let total = fields.iter().map(String::len).sum::<usize>() + cur.len();
        if total > WORD_MAX {
            output.write(2, TOO_LARGE.as_bytes());
            self.abort = true;
            return Vec::new();
        }
        // Building the word moved its bytes: a loop that grows a word a
        // little at a time (`x=/x$x`) costs in proportion to what it
        // copies, not one op per pass (a fuzzer's input copied 50 GB).
        budget.work(total);
        if have || !cur.is_empty() {
            fields.push(cur);
        }
        if !split && fields.is_empty() {
            fields.push(String::new());
        }
        fields
    }

    /// The text of `$((…))` with its `$…` and backquotes expanded, as ash
    /// reads it before evaluating; None (having said why) when that failed.
    /// `$((…))` inside `$((…))` nests like a shell, within
    /// [`Budget::MAX_DEPTH`].
    fn expand_arith(
        &mut self,
        expr: &str,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) -> Option<String> {
        if !expr.contains(['$', '`']) {
            return Some(expr.to_string());
        }
        let word = match syntax::arith_word(expr) {
            Ok(w) => w,
            Err(e) => {
                output.write(2, format!("{}\n", e.message(&self.name)).as_bytes());
                return None;
            }
        };
        if !budget.nest() {
            output.write(2, arith::TOO_DEEP.as_bytes());
            return None;
        }
        let text = self
            .expand_word(&word, sys, output, budget, false)
            .join(" ");
        budget.unnest();
        Some(text)
    }

    /// Expand a pattern word (`case` arms, `${v#pat}`): what was quoted
    /// matches itself, so its `*`, `?`, `[` get a `\`.
    pub(super) fn expand_pattern(
        &mut self,
        w: &Word,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) -> String {
        let mut pat = String::new();
        for part in w {
            let quoted = match part {
                Part::Lit(_) => false,
                Part::Quoted(_) => true,
                Part::Var { quoted, .. }
                | Part::Param { quoted, .. }
                | Part::Command { quoted, .. }
                | Part::Arith { quoted, .. } => *quoted,
            };
            let text = self
                .expand_word(&vec![part.clone()], sys, output, budget, false)
                .join(" ");
            if quoted {
                pat.push_str(&glob::escape(&text));
            } else {
                pat.push_str(&text);
            }
        }
        pat
    }

    /// Whether the positional parameter `name` (`1`, `2`, …) is set.
    fn positional_set(&self, name: &str) -> bool {
        name.parse::<usize>()
            .is_ok_and(|n| n >= 1 && n <= self.args.len())
    }

    fn var(&self, name: &str) -> String {
        match name {
            "?" => self.status.to_string(),
            "0" => self.name.clone(),
            "$" => "1".into(),
            "#" => self.args.len().to_string(),
            "@" | "*" => self.args.join(" "),
            _ if name.bytes().all(|b| b.is_ascii_digit()) => name
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| self.args.get(i))
                .cloned()
                .unwrap_or_default(),
            // `${#name}`: the value's length in characters (BusyBox ash
            // counts `é` as one).
            _ if name.len() > 1 && name.starts_with('#') => {
                self.var(&name[1..]).chars().count().to_string()
            }
            _ => self.vars.get(name).cloned().unwrap_or_default(),
        }
    }

    /// `$(...)`: run to the end in a subshell on this shell's budget,
    /// capturing stdout without the trailing newlines.
    fn substitute(
        &mut self,
        source: &str,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) -> String {
        let mut sub = match Shell::with_name(source, self.vars.clone(), &self.name) {
            Ok(s) => s,
            Err(e) => {
                output.write(2, format!("{e}\n").as_bytes());
                return String::new();
            }
        };
        sub.name = self.name.clone();
        sub.status = self.status;
        sub.nested = true;
        (sub.funcs, sub.args) = (self.funcs.clone(), self.args.clone());
        sub.deep_noted = self.deep_noted.clone();
        if !budget.nest() {
            self.too_deep(output);
            self.status = 139;
            return String::new();
        }
        let mut o = Output::default();
        sub.run(sys, &mut o, budget);
        budget.unnest();
        self.debt += sub.take_debt();
        if let State::Exited(code) = sub.state {
            self.status = code;
        }
        output.write(2, &o.err);
        let mut s = String::from_utf8_lossy(&o.out).into_owned();
        while s.ends_with('\n') {
            s.pop();
        }
        s
    }
}
