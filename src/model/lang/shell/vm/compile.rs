//! From a parsed script to the flat list of [`Op`]s a [`super::Shell`]
//! steps through: loops and conditionals become jumps, `break`/`continue`
//! jumps to their loop's ends (dropping inner `for` iterators), and the
//! commands themselves stay whole, to be expanded when they run.

use std::rc::Rc;

use super::Op;
use crate::model::lang::shell::syntax::{Cmd, Part, Word};

/// Compile `cmd` into ops.
pub(super) fn compile(cmd: &Cmd) -> Vec<Op> {
    let mut c = Compiler {
        ops: Vec::new(),
        loops: Vec::new(),
    };
    c.cmd(cmd);
    c.ops
}

struct Compiler {
    ops: Vec<Op>,
    /// For each enclosing loop: (continue target, break jumps to patch,
    /// whether it is a `for` with an iterator to pop).
    loops: Vec<(usize, Vec<usize>, bool)>,
}

impl Compiler {
    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.ops.len() - 1
    }

    fn patch(&mut self, at: usize, to: usize) {
        match &mut self.ops[at] {
            Op::Jump(t) | Op::JumpIfFail(t) | Op::JumpIfOk(t) => *t = to,
            Op::ForNext { end } => *end = to,
            Op::Case { end, .. } => *end = to,
            _ => {}
        }
    }

    fn cmd(&mut self, c: &Cmd) {
        match c {
            Cmd::Simple {
                words,
                assigns,
                redirs,
            } if assigns.is_empty()
                && redirs.is_empty()
                && words.len() <= 2
                && is_literal(words, &["break", "continue"]) =>
            {
                let name = literal(&words[0]).unwrap_or_default();
                let depth = words
                    .get(1)
                    .and_then(literal)
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1);
                let Some(idx) = self.loops.len().checked_sub(depth) else {
                    // Outside a loop, break and continue do nothing.
                    self.emit(Op::Run(Rc::new(Cmd::Simple {
                        assigns: vec![],
                        words: vec![vec![Part::Lit("true".into())]],
                        redirs: vec![],
                    })));
                    return;
                };
                // Leaving inner `for` loops drops their iterators.
                let inner_fors = self.loops[idx + 1..].iter().filter(|l| l.2).count();
                for _ in 0..inner_fors {
                    self.emit(Op::ForPop);
                }
                if name == "continue" {
                    let target = self.loops[idx].0;
                    self.emit(Op::Jump(target));
                } else {
                    if self.loops[idx].2 {
                        self.emit(Op::ForPop);
                    }
                    let j = self.emit(Op::Jump(0));
                    self.loops[idx].1.push(j);
                }
            }
            Cmd::Simple { .. }
            | Cmd::Pipeline { .. }
            | Cmd::Background(_)
            | Cmd::Function { .. } => {
                if let Cmd::Pipeline {
                    negate: true,
                    stages,
                } = c
                    && stages.len() == 1
                {
                    self.cmd(&stages[0]);
                    self.emit(Op::Not);
                    return;
                }
                self.emit(Op::Run(Rc::new(c.clone())));
            }
            Cmd::AndOr(first, rest) => {
                self.cmd(first);
                for (and, next) in rest {
                    let j = self.emit(if *and {
                        Op::JumpIfFail(0)
                    } else {
                        Op::JumpIfOk(0)
                    });
                    self.cmd(next);
                    let end = self.ops.len();
                    self.patch(j, end);
                }
            }
            Cmd::Seq(items) => items.iter().for_each(|i| self.cmd(i)),
            Cmd::If {
                branches,
                otherwise,
            } => {
                let mut ends = Vec::new();
                for (cond, body) in branches {
                    self.cmd(cond);
                    let skip = self.emit(Op::JumpIfFail(0));
                    self.cmd(body);
                    ends.push(self.emit(Op::Jump(0)));
                    let next = self.ops.len();
                    self.patch(skip, next);
                }
                if let Some(o) = otherwise {
                    self.cmd(o);
                }
                let end = self.ops.len();
                for e in ends {
                    self.patch(e, end);
                }
            }
            Cmd::Loop { until, cond, body } => {
                let top = self.ops.len();
                self.cmd(cond);
                let exit = self.emit(if *until {
                    Op::JumpIfOk(0)
                } else {
                    Op::JumpIfFail(0)
                });
                self.loops.push((top, vec![exit], false));
                self.cmd(body);
                self.emit(Op::Jump(top));
                let end = self.ops.len();
                let (_, breaks, _) = self.loops.pop().expect("loop");
                for b in breaks {
                    self.patch(b, end);
                }
            }
            Cmd::For { var, items, body } => {
                self.emit(Op::ForInit {
                    var: var.clone(),
                    items: items.clone(),
                });
                let next = self.emit(Op::ForNext { end: 0 });
                self.loops.push((next, vec![next], true));
                self.cmd(body);
                self.emit(Op::Jump(next));
                let end = self.ops.len();
                let (_, breaks, _) = self.loops.pop().expect("loop");
                for b in breaks {
                    self.patch(b, end);
                }
            }
            Cmd::Case { word, arms } => {
                let case = self.emit(Op::Case {
                    word: word.clone(),
                    arms: Vec::new(),
                    end: 0,
                });
                let mut targets = Vec::new();
                let mut ends = Vec::new();
                for (pats, body) in arms {
                    targets.push((pats.clone(), self.ops.len()));
                    self.cmd(body);
                    ends.push(self.emit(Op::Jump(0)));
                }
                let end = self.ops.len();
                for e in ends {
                    self.patch(e, end);
                }
                if let Op::Case { arms, end: e, .. } = &mut self.ops[case] {
                    *arms = targets;
                    *e = end;
                }
            }
            Cmd::Group(body, redirs) => {
                if !redirs.is_empty() {
                    self.emit(Op::Redirect(redirs.clone()));
                }
                self.cmd(body);
                if !redirs.is_empty() {
                    self.emit(Op::RedirectPop);
                }
            }
            Cmd::Subshell(body, redirs) => {
                self.emit(Op::SaveEnv);
                if !redirs.is_empty() {
                    self.emit(Op::Redirect(redirs.clone()));
                }
                self.cmd(body);
                if !redirs.is_empty() {
                    self.emit(Op::RedirectPop);
                }
                self.emit(Op::RestoreEnv);
            }
        }
    }
}

fn literal(w: &Word) -> Option<String> {
    match w.as_slice() {
        [Part::Lit(s)] => Some(s.clone()),
        _ => None,
    }
}

fn is_literal(words: &[Word], names: &[&str]) -> bool {
    words
        .first()
        .and_then(literal)
        .is_some_and(|w| names.contains(&w.as_str()))
}
