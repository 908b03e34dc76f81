//! Running a [`Shell`]'s ops: a step runs until the shell ends, sleeps,
//! blocks, yields (its slice of the [`Budget`] is spent, or its commands
//! took time) or runs out of budget; redirections route each write to the
//! terminal or a file; pipelines, simple commands and nested compound
//! commands (which run to their end on the same budget) are carried out
//! here.

use super::{DEBT_SLICE, Exec, Follow, Op, Output, Shell, Sink, State, Sys};
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::glob::glob_match;
use crate::model::lang::shell::syntax::{Cmd, Redir, RedirOp, Word};

impl Shell {
    /// Run until the shell stops (ends, sleeps, blocks), yields (its slice
    /// of `budget` is spent, or its commands took time) or runs out of
    /// budget. Only the driver ([`crate::model::lang::shell::drive`]) and
    /// nested shells call it.
    pub(in crate::model::lang::shell) fn run(
        &mut self,
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) {
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
                        let code = code.parse().unwrap_or(self.status);
                        if self.function {
                            // The shell that called the function exits too.
                            self.vars.insert("\u{0}exit".into(), code.to_string());
                        }
                        self.state = State::Exited(code);
                        return;
                    }
                    if let Some(code) = self.vars.remove("\u{0}return") {
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
                            let pat = self.expand_pattern(p, sys, output, budget);
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
        // A command cut short when the budget ran out was not the end of
        // the script: it stops there, as if interrupted.
        if budget.refused() {
            return;
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

    /// Write `data` where `sink` points; false when a file write failed
    /// (its filesystem is full), which `who` reports as busybox does.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        who: &str,
        sink: &Sink,
        data: &[u8],
        sys: &mut dyn Sys,
        output: &mut Output,
        budget: &mut Budget,
    ) -> bool {
        if data.is_empty() {
            return true;
        }
        match sink {
            Sink::Std(2) => output.write(2, data),
            Sink::Std(_) => output.write(1, data),
            Sink::File { path } => {
                if path != "/dev/null" {
                    budget.write(data.len());
                }
                if let Err(e) = sys.write_file(path, data, true) {
                    output.write(2, format!("{who}: write error: {e}\n").as_bytes());
                    return false;
                }
            }
        }
        true
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
                self.emit(&self.name, &sink, data, sys, output, budget);
            }
        }
    }

    pub(super) fn run_cmd(
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
            Cmd::Function { name, body } => {
                self.funcs.insert(name.clone(), body.clone());
                Exec::Done(0)
            }
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
                (sub.funcs, sub.args) = (self.funcs.clone(), self.args.clone());
                sub.deep_noted = self.deep_noted.clone();
                if !budget.nest() {
                    self.too_deep(output);
                    return Exec::Done(139);
                }
                let mut o = Output::default();
                sub.run(sys, &mut o, budget);
                budget.unnest();
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
        // Ctrl-C came while its words were expanded (a `kubectl exec` in
        // `$(…)` ran out the budget): the command does not run.
        if budget.stopped().is_some() {
            return Exec::Done(130);
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
        // A write that fails (a full filesystem) ends the command with
        // status 1 and busybox's `write error` line: the shell's name for
        // a builtin's, the applet's for an applet's.
        let who = if super::builtins::is_builtin(&argv[0]) || self.funcs.contains_key(&argv[0]) {
            self.name.clone()
        } else {
            argv[0].rsplit('/').next().unwrap_or_default().to_string()
        };
        let mut failed = false;
        for (fd, data) in &o.log {
            let sink = if *fd == 2 { &err_sink } else { &out_sink };
            if failed && *fd != 2 {
                continue;
            }
            failed |= !self.emit(&who, sink, data, sys, output, budget);
        }
        match r {
            Exec::Done(_) if failed => Exec::Done(1),
            Exec::Took(_, d) if failed => Exec::Took(1, d),
            r => r,
        }
    }
}
