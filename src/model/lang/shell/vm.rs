//! A resumable shell. A script is compiled to a flat list of [`Op`]s with
//! jumps, so a process can stop at a blocking command (`sleep`, `tail -F`)
//! and resume at the same place when the simulated clock gets there: the
//! state is just a program counter, variables and loop iterators.
//!
//! Commands that are not shell builtins go to the [`Sys`] the caller gives:
//! a container's applets, or kubectl in the console.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::arith;
use super::budget::Budget;
use super::syntax::{self, Cmd, Part, Redir, RedirOp, Word};
use crate::model::base::time::{SimDuration, SimTime};

/// What an external command did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exec {
    /// Finished with this status.
    Done(i32),
    /// Blocks: sleeps this long, then finishes with status 0.
    Sleep(SimDuration),
    /// Blocks for good (a server, `tail -F`): the process never ends.
    Forever(Follow),
    /// Finished with this status after taking this long (a network request).
    Took(i32, SimDuration),
}

/// What a command that never ends keeps doing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Follow {
    /// Nothing visible (a server loop, `sleep infinity`).
    Idle,
    /// `tail -F`: print what is appended to these files.
    Tail { files: Vec<(String, usize)> },
    /// `nc -l -p PORT`: wait for one connection, send it `reply` (what came
    /// down the pipe), then go on (the caller sets the state back to Ready).
    Serve { port: u16, reply: Vec<u8> },
}

/// The world a shell runs in.
pub trait Sys {
    fn now(&self) -> SimTime;
    /// Run an external command with `stdin`, writing its stdout (fd 1) and
    /// stderr (fd 2) to `output` in the order it writes them.
    fn exec(
        &mut self,
        argv: &[String],
        env: &BTreeMap<String, String>,
        stdin: &[u8],
        output: &mut Output,
    ) -> Exec;
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String>;
    fn write_file(&mut self, path: &str, data: &[u8], append: bool) -> Result<(), String>;
    /// Bytes appended to a followed file since `offset` (for `tail -F`).
    fn read_from(&mut self, path: &str, offset: usize) -> Vec<u8> {
        self.read_file(path)
            .map(|d| d.get(offset..).map(<[u8]>::to_vec).unwrap_or_default())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Op {
    Run(Rc<Cmd>),
    Not,
    Jump(usize),
    JumpIfFail(usize),
    JumpIfOk(usize),
    ForInit {
        var: String,
        items: Option<Vec<Word>>,
    },
    ForNext {
        end: usize,
    },
    ForPop,
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, usize)>,
        end: usize,
    },
    Redirect(Vec<Redir>),
    RedirectPop,
    SaveEnv,
    RestoreEnv,
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
            Cmd::Simple { .. } | Cmd::Pipeline { .. } | Cmd::Background(_) => {
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
            Cmd::And(a, b) => {
                self.cmd(a);
                let j = self.emit(Op::JumpIfFail(0));
                self.cmd(b);
                let end = self.ops.len();
                self.patch(j, end);
            }
            Cmd::Or(a, b) => {
                self.cmd(a);
                let j = self.emit(Op::JumpIfOk(0));
                self.cmd(b);
                let end = self.ops.len();
                self.patch(j, end);
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

/// Why a shell is not running right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Ready to run its next op.
    Ready,
    /// In `sleep` until then.
    Sleeping(SimTime),
    /// In a command that never ends.
    Blocked(Follow),
    /// Finished, with this exit status.
    Exited(i32),
}

/// Where a file descriptor's bytes go.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Sink {
    /// The process's own stdout (1) or stderr (2).
    Std(u32),
    File {
        path: String,
    },
}

/// A shell process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    ops: Rc<Vec<Op>>,
    pc: usize,
    pub vars: BTreeMap<String, String>,
    saved: Vec<BTreeMap<String, String>>,
    iters: Vec<(String, Vec<String>, usize)>,
    redirs: Vec<Vec<(u32, Sink)>>,
    pub status: i32,
    pub state: State,
    /// Sleep that happened where the shell cannot stop (inside `$(...)` or
    /// a pipeline): added to the next stop.
    debt: SimDuration,
    /// The name `$0` and messages use.
    pub name: String,
    /// An expansion failed (e.g. bad arithmetic): ash abandons the command,
    /// and a non-interactive shell exits with status 2.
    abort: bool,
    /// An interactive shell (the console) only abandons the command line.
    pub interactive: bool,
    /// Run inside another shell's command (`$(…)`, a compound command in a
    /// pipeline): it cannot stop, so it runs on past the end of its slice
    /// and its sleeps become time owed, as slow commands' are.
    nested: bool,
}

/// Output of a run step: what the shell wrote to its stdout and stderr.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
    /// Both streams in the order they were written, as a terminal shows
    /// them: (fd, bytes), adjacent writes to one fd merged.
    pub log: Vec<(u8, Vec<u8>)>,
}

impl Output {
    /// Write to stdout (fd 1) or stderr (fd 2).
    pub fn write(&mut self, fd: u8, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        if fd == 2 {
            self.err.extend_from_slice(data);
        } else {
            self.out.extend_from_slice(data);
        }
        match self.log.last_mut() {
            Some((f, b)) if *f == fd => b.extend_from_slice(data),
            _ => self.log.push((fd, data.to_vec())),
        }
    }

    /// How many bytes were written, both streams.
    pub fn written(&self) -> usize {
        self.out.len() + self.err.len()
    }

    /// Append what `other` wrote, in its order.
    pub fn extend(&mut self, other: &Output) {
        for (fd, data) in &other.log {
            self.write(*fd, data);
        }
    }

    /// What a terminal shows: both streams interleaved.
    pub fn terminal(&self) -> Vec<u8> {
        self.log
            .iter()
            .flat_map(|(_, b)| b.iter().copied())
            .collect()
    }
}

/// How much time owed to slow commands (`Exec::Took`) makes a run step
/// yield, so the clock catches up before the script goes on.
const DEBT_SLICE: SimDuration = SimDuration::from_millis(10);

impl Shell {
    /// `sh -c SCRIPT`; a syntax error is reported as ash reports it.
    pub fn new(script: &str, vars: BTreeMap<String, String>) -> Result<Shell, String> {
        let cmd = syntax::parse(script).map_err(|e| format!("sh: {e}"))?;
        Ok(Shell::from_cmd(&cmd, vars))
    }

    pub fn from_cmd(cmd: &Cmd, vars: BTreeMap<String, String>) -> Shell {
        let mut c = Compiler {
            ops: Vec::new(),
            loops: Vec::new(),
        };
        c.cmd(cmd);
        Shell {
            ops: Rc::new(c.ops),
            pc: 0,
            vars,
            saved: Vec::new(),
            iters: Vec::new(),
            redirs: Vec::new(),
            status: 0,
            state: State::Ready,
            debt: SimDuration::ZERO,
            name: "sh".into(),
            abort: false,
            interactive: false,
            nested: false,
        }
    }

    /// Time spent in commands that took time without blocking (network
    /// requests) and has not yet been added to a sleep.
    pub fn take_debt(&mut self) -> SimDuration {
        std::mem::take(&mut self.debt)
    }

    /// Run until the shell stops (ends, sleeps, blocks), yields (its slice
    /// of `budget` is spent, or its commands took time) or runs out of
    /// budget. [`super::drive::drive`] runs it to its end.
    pub fn run(&mut self, sys: &mut dyn Sys, output: &mut Output, budget: &mut Budget) {
        let mut counted = output.written();
        self.run_ops(sys, output, budget, &mut counted);
        // A nested shell's output is counted where it lands.
        if !self.nested {
            budget.write(output.written() - counted);
        }
    }

    /// [`Shell::run`], with the output counted against the budget up to
    /// `counted` bytes.
    fn run_ops(
        &mut self,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
        counted: &mut usize,
    ) {
        if let State::Sleeping(until) = self.state {
            if sys.now() < until {
                return;
            }
            self.state = State::Ready;
            self.status = 0;
        }
        if let State::Blocked(Follow::Tail { files }) = &mut self.state {
            for (path, offset) in files.iter_mut() {
                let new = sys.read_from(path, *offset);
                *offset += new.len();
                output.write(1, &new);
            }
            return;
        }
        if self.state != State::Ready {
            return;
        }
        while self.pc < self.ops.len() {
            if !self.nested {
                budget.write(output.written() - *counted);
                *counted = output.written();
            }
            if (budget.slice_spent() && !self.nested) || !budget.op() {
                return;
            }
            let op = self.ops[self.pc].clone();
            self.pc += 1;
            match op {
                Op::Run(cmd) => {
                    let r = self.run_cmd(&cmd, sys, output, budget, &[]);
                    match r {
                        Exec::Done(s) => self.status = s,
                        Exec::Took(s, d) => {
                            self.status = s;
                            self.debt += d;
                            if self.debt >= DEBT_SLICE && !self.nested {
                                return;
                            }
                        }
                        Exec::Sleep(d) if self.nested => {
                            self.debt += d;
                            self.status = 0;
                        }
                        Exec::Sleep(d) => {
                            let d = d + std::mem::take(&mut self.debt);
                            self.state = State::Sleeping(sys.now() + d);
                            return;
                        }
                        Exec::Forever(f) => {
                            self.state = State::Blocked(f);
                            return;
                        }
                    }
                    if let Some(code) = self.vars.remove("\u{0}exit") {
                        self.state = State::Exited(code.parse().unwrap_or(self.status));
                        return;
                    }
                    if std::mem::take(&mut self.abort) {
                        self.status = 2;
                        if !self.interactive {
                            self.state = State::Exited(2);
                            return;
                        }
                        self.pc = self.ops.len();
                    }
                }
                Op::Not => self.status = i32::from(self.status == 0),
                Op::Jump(t) => self.pc = t,
                Op::JumpIfFail(t) => {
                    if self.status != 0 {
                        self.pc = t;
                    }
                }
                Op::JumpIfOk(t) => {
                    if self.status == 0 {
                        self.pc = t;
                    }
                }
                Op::ForInit { var, items } => {
                    let values = match items {
                        Some(words) => {
                            let mut v = Vec::new();
                            for w in &words {
                                v.extend(self.expand_word(w, sys, output, budget, true));
                            }
                            v
                        }
                        None => Vec::new(),
                    };
                    self.iters.push((var, values, 0));
                }
                Op::ForNext { end } => {
                    let Some((var, values, i)) = self.iters.last_mut() else {
                        self.pc = end;
                        continue;
                    };
                    if *i < values.len() {
                        let v = values[*i].clone();
                        *i += 1;
                        let var = var.clone();
                        self.vars.insert(var, v);
                    } else {
                        self.iters.pop();
                        self.pc = end;
                        self.status = 0;
                    }
                }
                Op::ForPop => {
                    self.iters.pop();
                }
                Op::Case { word, arms, end } => {
                    let value = self
                        .expand_word(&word, sys, output, budget, false)
                        .join(" ");
                    self.pc = end;
                    self.status = 0;
                    'arms: for (pats, target) in &arms {
                        for p in pats {
                            let pat = self.expand_word(p, sys, output, budget, false).join(" ");
                            if glob_match(&pat, &value) {
                                self.pc = *target;
                                break 'arms;
                            }
                        }
                    }
                }
                Op::Redirect(redirs) => {
                    let mut frame = Vec::new();
                    for r in &redirs {
                        if let Some((fd, sink)) = self.open(r, sys, output, budget) {
                            frame.push((fd, sink));
                        }
                    }
                    self.redirs.push(frame);
                }
                Op::RedirectPop => {
                    self.redirs.pop();
                }
                Op::SaveEnv => self.saved.push(self.vars.clone()),
                Op::RestoreEnv => {
                    if let Some(v) = self.saved.pop() {
                        self.vars = v;
                    }
                }
            }
        }
        let code = self.status;
        self.state = State::Exited(code);
    }

    /// Where fd 1 or 2 goes now, given the active redirections.
    fn route(&self, fd: u32) -> Sink {
        for frame in self.redirs.iter().rev() {
            for (f, sink) in frame.iter().rev() {
                if *f == fd {
                    return sink.clone();
                }
            }
        }
        Sink::Std(fd)
    }

    fn emit(
        &self,
        sink: &Sink,
        data: &[u8],
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) {
        if data.is_empty() {
            return;
        }
        match sink {
            Sink::Std(2) => output.write(2, data),
            Sink::Std(_) => output.write(1, data),
            Sink::File { path } => {
                if path != "/dev/null" {
                    budget.write(data.len());
                }
                if let Err(e) = sys.write_file(path, data, true) {
                    output.write(2, format!("{}: {e}\n", self.name).as_bytes());
                }
            }
        }
    }

    /// Open a redirection: truncate the file for `>`.
    fn open(
        &mut self,
        r: &Redir,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) -> Option<(u32, Sink)> {
        let target = self
            .expand_word(&r.target, sys, output, budget, false)
            .join(" ");
        match r.op {
            RedirOp::Out | RedirOp::Append => {
                if target == "/dev/null" {
                    return Some((
                        r.fd,
                        Sink::File {
                            path: "/dev/null".into(),
                        },
                    ));
                }
                let res = if r.op == RedirOp::Out {
                    sys.write_file(&target, b"", false)
                } else {
                    sys.write_file(&target, b"", true)
                };
                if let Err(e) = res {
                    output.write(
                        2,
                        format!("{}: can't create {target}: {e}\n", self.name).as_bytes(),
                    );
                    return None;
                }
                Some((r.fd, Sink::File { path: target }))
            }
            RedirOp::Dup => {
                let to: u32 = target.parse().ok()?;
                Some((r.fd, self.route(to)))
            }
            RedirOp::In => None,
        }
    }

    /// Pass on what a pipeline's last stage or a nested shell wrote, in its
    /// order: its stderr as written, its stdout where fd 1 points now.
    fn pass_on(&self, o: &Output, sys: &mut dyn Sys, output: &mut Output, budget: &mut Budget) {
        let sink = self.route(1);
        for (fd, data) in &o.log {
            if *fd == 2 {
                output.write(2, data);
            } else {
                self.emit(&sink, data, sys, output, budget);
            }
        }
    }

    fn run_cmd(
        &mut self,
        cmd: &Cmd,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
        stdin: &[u8],
    ) -> Exec {
        match cmd {
            Cmd::Pipeline { negate, stages } => {
                let mut input = stdin.to_vec();
                let mut status = 0;
                for (i, stage) in stages.iter().enumerate() {
                    let last = i + 1 == stages.len();
                    let mut sub = Output::default();
                    let r = self.run_cmd(stage, sys, &mut sub, budget, &input);
                    if !last {
                        output.write(2, &sub.err);
                    }
                    status = match r {
                        Exec::Done(s) => s,
                        Exec::Took(s, d) => {
                            self.debt += d;
                            s
                        }
                        Exec::Sleep(d) => {
                            self.debt += d;
                            0
                        }
                        // A server at the end of a pipeline (`... | nc -l`)
                        // blocks the pipeline; elsewhere it is cut short.
                        Exec::Forever(f) if last => {
                            self.pass_on(&sub, sys, output, budget);
                            return Exec::Forever(f);
                        }
                        Exec::Forever(_) => 0,
                    };
                    if last {
                        self.pass_on(&sub, sys, output, budget);
                    } else {
                        input = sub.out;
                    }
                }
                Exec::Done(if *negate {
                    i32::from(status == 0)
                } else {
                    status
                })
            }
            Cmd::Simple {
                assigns,
                words,
                redirs,
            } => self.simple(assigns, words, redirs, sys, output, budget, stdin),
            Cmd::Background(inner) => {
                output.write(
                    2,
                    b"podlab: background jobs (&) are not modelled; running it in the foreground\n",
                );
                self.run_cmd(inner, sys, output, budget, stdin)
            }
            other => {
                // A compound command inside a pipeline: run it to the end
                // here, on this shell's budget.
                let mut sub = Shell::from_cmd(other, self.vars.clone());
                sub.name = self.name.clone();
                sub.nested = true;
                let mut o = Output::default();
                sub.run(sys, &mut o, budget);
                self.debt += sub.take_debt();
                match sub.state {
                    State::Blocked(_) => Exec::Forever(Follow::Idle),
                    state => {
                        self.pass_on(&o, sys, output, budget);
                        match state {
                            State::Exited(code) => Exec::Done(code),
                            // The budget ran out: cut short, as by Ctrl-C.
                            _ => Exec::Done(130),
                        }
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn simple(
        &mut self,
        assigns: &[(String, Word)],
        words: &[Word],
        redirs: &[Redir],
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
        stdin: &[u8],
    ) -> Exec {
        let mut argv = Vec::new();
        for w in words {
            argv.extend(self.expand_word(w, sys, output, budget, true));
        }
        let mut values = Vec::new();
        for (name, w) in assigns {
            values.push((
                name.clone(),
                self.expand_word(w, sys, output, budget, false).join(" "),
            ));
        }
        if self.abort {
            return Exec::Done(2);
        }
        if argv.is_empty() {
            for (n, v) in values {
                self.vars.insert(n, v);
            }
            // Redirections alone still create files (`> file`).
            for r in redirs {
                self.open(r, sys, output, budget);
            }
            return Exec::Done(0);
        }
        // Redirections for this command only.
        let mut frame = Vec::new();
        let mut input = stdin.to_vec();
        for r in redirs {
            if r.op == RedirOp::In {
                let path = self
                    .expand_word(&r.target, sys, output, budget, false)
                    .join(" ");
                match sys.read_file(&path) {
                    Ok(d) => input = d,
                    Err(e) => {
                        output.write(
                            2,
                            format!("{}: can't open '{path}': {e}\n", self.name).as_bytes(),
                        );
                        return Exec::Done(1);
                    }
                }
                continue;
            }
            self.redirs.push(std::mem::take(&mut frame));
            let opened = self.open(r, sys, output, budget);
            frame = self.redirs.pop().unwrap_or_default();
            match opened {
                Some(s) => frame.push(s),
                None => return Exec::Done(1),
            }
        }
        self.redirs.push(frame);
        let mut env = self.vars.clone();
        for (n, v) in &values {
            env.insert(n.clone(), v.clone());
        }
        // The command writes both streams in order; each write then goes
        // where its descriptor points.
        let mut o = Output::default();
        let r = self.builtin(&argv, &env, &input, &mut o, sys, budget);
        let (out_sink, err_sink) = (self.route(1), self.route(2));
        self.redirs.pop();
        for (fd, data) in &o.log {
            let sink = if *fd == 2 { &err_sink } else { &out_sink };
            self.emit(sink, data, sys, output, budget);
        }
        r
    }

    fn builtin(
        &mut self,
        argv: &[String],
        env: &BTreeMap<String, String>,
        stdin: &[u8],
        o: &mut Output,
        sys: &mut dyn Sys,
        budget: &mut Budget,
    ) -> Exec {
        let args = &argv[1..];
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
                o.write(1, printf(fmt, &args[1..]).as_bytes());
                Exec::Done(0)
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
            "exit" => {
                let code = args
                    .first()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(self.status);
                self.vars.insert("\u{0}exit".into(), code.to_string());
                Exec::Done(code)
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
                Some(Err(())) => {
                    o.write(
                        2,
                        format!("sleep: invalid number '{}'\n", args[0]).as_bytes(),
                    );
                    Exec::Done(1)
                }
                None => {
                    o.write(2, b"BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n");
                    Exec::Done(1)
                }
            },
            "cd" | "set" | "shift" | "read" | "wait" | "trap" | "umask" => Exec::Done(0),
            "eval" => {
                if !budget.op() {
                    return Exec::Done(130);
                }
                let src = args.join(" ");
                match syntax::parse(&src) {
                    Ok(cmd) => self.run_cmd(&cmd, sys, o, budget, stdin),
                    Err(e) => {
                        o.write(2, format!("sh: {e}\n").as_bytes());
                        Exec::Done(2)
                    }
                }
            }
            _ => sys.exec(argv, env, stdin, o),
        }
    }

    /// Expand a word: parameters, `$(...)`, `$((...))`; unquoted results are
    /// split into fields when `split`.
    fn expand_word(
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
                    let value = self.vars.get(name).cloned();
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
                            let pat = self.expand_word(word, sys, output, budget, false).join(" ");
                            strip(&value.unwrap_or_default(), op, &pat)
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
                    let expanded = self.expand_arith(expr, sys, output, budget);
                    let text = match arith::eval(&expanded, &self.vars) {
                        Ok(v) => v.to_string(),
                        Err(e) => {
                            output.write(2, format!("{}: {e}\n", self.name).as_bytes());
                            self.abort = true;
                            String::new()
                        }
                    };
                    push_split(&text, *quoted, &mut fields, &mut cur, &mut have);
                }
            }
        }
        if have || !cur.is_empty() {
            fields.push(cur);
        }
        if !split && fields.is_empty() {
            fields.push(String::new());
        }
        fields
    }

    fn expand_arith(
        &mut self,
        expr: &str,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) -> String {
        if !expr.contains("$(") {
            return expr.to_string();
        }
        let w = syntax::parse(&format!("x {expr}"))
            .ok()
            .and_then(|c| match c {
                Cmd::Simple { words, .. } => Some(words[1..].to_vec()),
                _ => None,
            })
            .unwrap_or_default();
        w.iter()
            .flat_map(|w| self.expand_word(w, sys, output, budget, false))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn var(&self, name: &str) -> String {
        match name {
            "?" => self.status.to_string(),
            "0" => self.name.clone(),
            "$" => "1".into(),
            "#" => "0".into(),
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
        let mut sub = match Shell::new(source, self.vars.clone()) {
            Ok(s) => s,
            Err(e) => {
                output.write(2, format!("{e}\n").as_bytes());
                return String::new();
            }
        };
        sub.name = self.name.clone();
        sub.status = self.status;
        sub.nested = true;
        let mut o = Output::default();
        sub.run(sys, &mut o, budget);
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

/// `sleep N`: seconds, with busybox's optional s/m/h/d suffix and fractions.
fn parse_sleep(a: &str) -> Result<SimDuration, ()> {
    if a == "infinity" {
        return Ok(SimDuration::from_secs(u64::MAX / 2_000_000));
    }
    let (num, mult) = match a.chars().last() {
        Some('s') => (&a[..a.len() - 1], 1.0),
        Some('m') => (&a[..a.len() - 1], 60.0),
        Some('h') => (&a[..a.len() - 1], 3600.0),
        Some('d') => (&a[..a.len() - 1], 86400.0),
        _ => (a, 1.0),
    };
    let n: f64 = num.parse().map_err(|_| ())?;
    if n.is_nan() || n < 0.0 {
        return Err(());
    }
    Ok(SimDuration::from_micros((n * mult * 1e6) as u64))
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
            let p = |s: &str| {
                s.trim()
                    .parse::<i64>()
                    .map_err(|_| format!("{s}: bad number"))
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

/// `printf` with %s, %d, %%, \n and \t.
fn printf(fmt: &str, args: &[String]) -> String {
    let mut out = String::new();
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
                Some('d') | Some('i') => out.push_str(
                    &args
                        .next()
                        .map_or(0, |a| a.trim().parse::<i64>().unwrap_or(0))
                        .to_string(),
                ),
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
    out
}

/// `${v#pat}`, `${v##pat}`, `${v%pat}`, `${v%%pat}`: remove the shortest or
/// longest prefix or suffix matching the pattern.
fn strip(v: &str, op: &str, pat: &str) -> String {
    let cuts: Vec<usize> = v
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(v.len()))
        .collect();
    let found = match op {
        "#" => cuts
            .iter()
            .find(|&&k| glob_match(pat, &v[..k]))
            .map(|&k| v[k..].to_string()),
        "##" => cuts
            .iter()
            .rev()
            .find(|&&k| glob_match(pat, &v[..k]))
            .map(|&k| v[k..].to_string()),
        "%" => cuts
            .iter()
            .rev()
            .find(|&&k| glob_match(pat, &v[k..]))
            .map(|&k| v[..k].to_string()),
        _ => cuts
            .iter()
            .find(|&&k| glob_match(pat, &v[k..]))
            .map(|&k| v[..k].to_string()),
    };
    found.unwrap_or_else(|| v.to_string())
}

/// Shell pattern matching (`case`, globs): `*`, `?` and `[...]`.
pub fn glob_match(pat: &str, s: &str) -> bool {
    fn m(p: &[char], s: &[char]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some('*'), _) => m(&p[1..], s) || (!s.is_empty() && m(p, &s[1..])),
            (Some('?'), Some(_)) => m(&p[1..], &s[1..]),
            (Some('['), Some(c)) => match p.iter().position(|&x| x == ']') {
                Some(end) if end > 1 => {
                    let set = &p[1..end];
                    let (neg, set) = if set[0] == '!' {
                        (true, &set[1..])
                    } else {
                        (false, set)
                    };
                    let mut hit = false;
                    let mut i = 0;
                    while i < set.len() {
                        if i + 2 < set.len() && set[i + 1] == '-' {
                            hit |= set[i] <= *c && *c <= set[i + 2];
                            i += 3;
                        } else {
                            hit |= set[i] == *c;
                            i += 1;
                        }
                    }
                    hit != neg && m(&p[end + 1..], &s[1..])
                }
                _ => *c == '[' && m(&p[1..], &s[1..]),
            },
            (Some(a), Some(b)) => a == b && m(&p[1..], &s[1..]),
            _ => false,
        }
    }
    let p: Vec<char> = pat.chars().collect();
    let s: Vec<char> = s.chars().collect();
    m(&p, &s)
}
