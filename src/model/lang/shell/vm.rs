//! A resumable shell. A script is compiled to a flat list of [`Op`]s with
//! jumps, so a process can stop at a blocking command (`sleep`, `tail -F`)
//! and resume at the same place when the simulated clock gets there: the
//! state is just a program counter, variables and loop iterators.
//!
//! Commands that are not shell builtins go to the [`Sys`] the caller gives:
//! a container's applets, or kubectl in the console. This file holds the
//! types; `vm/compile.rs` turns a script into ops, `vm/run.rs` steps
//! through them, `vm/expand.rs` expands words and `vm/builtins.rs` holds
//! the commands the shell runs itself.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::budget::{self, Budget, STREAM_CAP};
use super::syntax::{self, Cmd, Redir, Word};
use crate::model::base::time::{SimDuration, SimTime};

mod builtins;
mod compile;
pub(super) mod expand;
mod run;

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
    /// stderr (fd 2) to `output` in the order it writes them. A command
    /// that runs a shell of its own (the console's `kubectl exec`) runs it
    /// on `budget`, the one its caller's line draws on: a console line is
    /// one budget however its work nests.
    fn exec(
        &mut self,
        argv: &[String],
        env: &BTreeMap<String, String>,
        stdin: &[u8],
        output: &mut Output,
        budget: &mut Budget,
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
    /// The functions defined so far.
    funcs: BTreeMap<String, Rc<Cmd>>,
    /// The positional parameters, `$1` on.
    args: Vec<String>,
    /// Runs a function's body: `return` ends it, and `exit` is left for
    /// the shell that called it.
    function: bool,
    /// Whether the note on nesting too deep was written: shared with the
    /// shells nested in this one, so a recursion that branches (`f() { f;
    /// f; }`) says so once, not at each of its thousands of leaves.
    deep_noted: Rc<Cell<bool>>,
}

/// Output of a run step: what the shell wrote to its stdout and stderr.
/// It never holds more than its cap, [`STREAM_CAP`] unless made smaller
/// with [`Output::capped`]: a write past it is cut at a character
/// boundary, and [`Output::cut`] says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
    /// Both streams in the order they were written, as a terminal shows
    /// them: (fd, bytes), adjacent writes to one fd merged.
    pub log: Vec<(u8, Vec<u8>)>,
    /// The most bytes it holds, both streams.
    cap: usize,
    /// A write was cut at the cap.
    cut: bool,
}

impl Default for Output {
    fn default() -> Output {
        Output::capped(STREAM_CAP)
    }
}

impl Output {
    /// An empty output that holds at most `cap` bytes.
    pub fn capped(cap: usize) -> Output {
        Output {
            out: Vec::new(),
            err: Vec::new(),
            log: Vec::new(),
            cap,
            cut: false,
        }
    }

    /// Whether a write was cut at the cap.
    pub fn cut(&self) -> bool {
        self.cut
    }

    /// Raise the cap to `cap` (to add podlab's note after a cut).
    pub fn raise_cap(&mut self, cap: usize) {
        self.cap = self.cap.max(cap);
    }

    /// Write to stdout (fd 1) or stderr (fd 2), as much as the cap leaves
    /// room for.
    pub fn write(&mut self, fd: u8, data: &[u8]) {
        let room = self.cap.saturating_sub(self.written());
        let data = if data.len() > room {
            self.cut = true;
            &data[..char_floor(data, room)]
        } else {
            data
        };
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

    /// Append what `other` wrote, in its order (and that it was cut).
    pub fn extend(&mut self, other: &Output) {
        for (fd, data) in &other.log {
            self.write(*fd, data);
        }
        self.cut |= other.cut;
    }

    /// What a terminal shows: both streams interleaved.
    pub fn terminal(&self) -> Vec<u8> {
        self.log
            .iter()
            .flat_map(|(_, b)| b.iter().copied())
            .collect()
    }
}

/// The largest `n <= at` where `data[..n]` does not end inside a UTF-8
/// character (bytes that are not UTF-8 are cut anywhere).
fn char_floor(data: &[u8], at: usize) -> usize {
    let mut n = at.min(data.len());
    // At most three continuation bytes precede a character's end.
    for _ in 0..3 {
        if n == 0 || n == data.len() || data[n] & 0xC0 != 0x80 {
            break;
        }
        n -= 1;
    }
    n
}

/// How much time owed to slow commands (`Exec::Took`) makes a run step
/// yield, so the clock catches up before the script goes on.
const DEBT_SLICE: SimDuration = SimDuration::from_millis(10);

impl Shell {
    /// `sh -c SCRIPT`; a syntax error is reported as ash reports it.
    pub fn new(script: &str, vars: BTreeMap<String, String>) -> Result<Shell, String> {
        Shell::with_name(script, vars, "sh")
    }

    /// [`Shell::new`] for a shell called `name` (`$0`, and its messages).
    pub fn with_name(
        script: &str,
        vars: BTreeMap<String, String>,
        name: &str,
    ) -> Result<Shell, String> {
        let cmd = syntax::parse(script).map_err(|e| e.message(name))?;
        let mut sh = Shell::from_cmd(&cmd, vars);
        sh.name = name.to_string();
        Ok(sh)
    }

    pub fn from_cmd(cmd: &Cmd, vars: BTreeMap<String, String>) -> Shell {
        Shell {
            ops: Rc::new(compile::compile(cmd)),
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
            funcs: BTreeMap::new(),
            args: Vec::new(),
            function: false,
            deep_noted: Rc::new(Cell::new(false)),
        }
    }

    /// Say once (for this shell and those nested in it) that shells nest
    /// too deep.
    fn too_deep(&self, output: &mut Output) {
        if !self.deep_noted.replace(true) {
            output.write(2, budget::TOO_DEEP.as_bytes());
        }
    }

    /// Time spent in commands that took time without blocking (network
    /// requests) and has not yet been added to a sleep.
    pub(super) fn take_debt(&mut self) -> SimDuration {
        std::mem::take(&mut self.debt)
    }
}
