//! What one run of a shell may spend: operations, output bytes and
//! simulated time, as one [`Budget`] value the caller hands in. Ops are
//! spent in slices: a shell runs at most one slice of ops before it yields
//! so the clock can move (a loop without `sleep` stops there and goes on
//! later), and a slice that ends in a wait is used up. Nested shells
//! (`$(…)`, `eval`, a compound command in a pipeline) draw from the same
//! value as the shell that runs them; they cannot yield, so they go on past
//! the end of a slice and their parent yields after them.

use crate::model::base::time::SimDuration;

/// Which limit of a [`Budget`] a run reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// It ran all the operations it was given.
    Ops,
    /// It wrote all the output it was given.
    Bytes,
    /// It would wait past the simulated time it was given.
    Time,
    /// Output passed a cap in one go: a console line's [`OUTPUT_CAP`] (a
    /// `kubectl logs` of a big log, `cat` of a big file) or a stream's
    /// [`STREAM_CAP`]; what was written was cut there.
    Output,
}

/// What a shell run may still spend. See the module's paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Ops left in all, the current slice's included.
    ops: u64,
    /// Ops left in the current slice.
    left: u64,
    /// Ops [`Budget::work`] charged in the current slice.
    worked: u64,
    /// The CPU time one slice stands for: how much later a shell that ran
    /// its whole slice without waiting goes on.
    slice_cpu: SimDuration,
    /// Output bytes left (to the terminal, a log or a file).
    bytes: u64,
    /// Simulated time the driver may still let pass while the shell waits.
    time: SimDuration,
    /// An op was asked for and refused: some command was cut short.
    refused: bool,
    /// How many shells run nested inside this one right now.
    depth: u32,
    /// The run was stopped as by Ctrl-C, for this reason: every later op is
    /// refused, however deep the shell that asks (see [`Budget::interrupt`]).
    stopped: Option<Limit>,
}

impl Limit {
    /// podlab's one note when a command typed at a terminal reached this
    /// limit of [`Budget::INTERACTIVE`] (whose figures it states).
    pub fn note(self) -> &'static str {
        match self {
            Limit::Ops => {
                "podlab: the command ran a million shell steps without ending; podlab stopped it as Ctrl-C would\n"
            }
            Limit::Bytes => {
                "podlab: the command wrote 256 KiB without ending; podlab stopped it as Ctrl-C would\n"
            }
            Limit::Time => {
                "podlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would\n"
            }
            Limit::Output => {
                "podlab: the command's output passed podlab's cap (1 MiB on a console line, 16 MiB in a pipe or $(…)); podlab cut it there and stopped it as Ctrl-C would\n"
            }
        }
    }
}

/// podlab's cap on what a console line shows (and `podlab run` prints):
/// 1 MiB, podlab's notes included (see [`NOTE_ROOM`]). Output past it is
/// cut (at a character boundary) and the line is stopped as Ctrl-C would
/// ([`Limit::Output`], whose note states the figure). A line that prints
/// in a loop meets [`Budget::INTERACTIVE`]'s 256 KiB first; this cap is for
/// one command that prints a lot at once (`kubectl logs` of a log near the
/// kubelet's 10 MiB, `cat` of a big file).
pub const OUTPUT_CAP: usize = 1024 * 1024;

/// podlab's cap on what any one stream holds in memory (an
/// [`Output`](super::vm::Output): a pipe, a `$(…)`, one command's output):
/// 16 MiB, room for a whole file of a full emptyDir (8 MiB) or a log at
/// the kubelet's 10 MiB. Past it the stream is cut and the run stopped as
/// Ctrl-C would ([`Limit::Output`]).
pub const STREAM_CAP: usize = 16 * 1024 * 1024;

/// Room kept under [`OUTPUT_CAP`] for the `^C` and the one note podlab
/// adds when it stops a line (the longest note is under 250 bytes).
pub const NOTE_ROOM: usize = 1024;

/// What a terminal shows when its user presses Ctrl-C.
pub const CTRL_C: &str = "^C\n";

/// podlab's note when a typed command would wait for ever (a server,
/// `tail -f`) and podlab stops it as Ctrl-C would.
pub const FOREVER: &str =
    "podlab: the command waits for ever (a server, tail -f); podlab stopped it as Ctrl-C would\n";

/// What a shell nested past [`Budget::MAX_DEPTH`] says, once, before it
/// stops (status 139, as the real shell's crash would leave).
pub const TOO_DEEP: &str = "podlab: shells nested more than 64 deep (eval, $(…), a compound command in a pipeline) are not modelled; podlab stopped this one. A real shell that recurses for ever runs out of stack and crashes (Segmentation fault).\n";

impl Budget {
    /// Enter a nested shell; false when that would nest past
    /// [`Budget::MAX_DEPTH`]. Each `nest` that returned true is paired
    /// with an [`unnest`](Budget::unnest).
    pub fn nest(&mut self) -> bool {
        if self.depth >= Budget::MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        self.charge(Budget::NEST_OPS);
        true
    }

    /// Count `n` ops of work at once.
    fn charge(&mut self, n: u64) {
        self.ops = self.ops.saturating_sub(n);
        self.left = self.left.saturating_sub(n);
        self.worked = self.worked.saturating_add(n);
    }

    /// Leave a nested shell.
    pub fn unnest(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// How many ops a slice has: how long a shell runs without the clock
    /// moving. A loop with no `sleep` in it would spin for ever; it is
    /// stopped there and resumed later (ARCHITECTURE.md, "A busy loop").
    pub const SLICE: u64 = 20_000;

    /// What a command typed at a terminal may spend (a console line, and
    /// each `kubectl exec` it runs) before podlab stops it as Ctrl-C would:
    /// 50 slices, a million ops (about a tenth of a second of the
    /// browser's time: `while :; do :; done` takes that long natively in
    /// a debug build), 256 KiB of output, and an hour of simulated time.
    /// [`Limit::note`] states these figures.
    pub const INTERACTIVE: Budget = Budget::slices(50)
        .with_bytes(256 * 1024)
        .with_time(SimDuration::from_secs(3600));

    /// How many bytes a command moves for one op's cost ([`Budget::work`]):
    /// 64, so a slice's 20 000 ops move 1.25 MiB, and a container's shell
    /// copies about 64 MB per simulated second of its CPU
    /// ([`Budget::slice_cost`]): a disk's speed, not a tmpfs's, which keeps
    /// the browser's cost of a copying loop near a few hundred MB of
    /// memory traffic per simulated second.
    pub const BYTES_PER_OP: u64 = 64;

    /// How deep shells may nest inside one another: each level is a Rust
    /// call chain, and the browser's wasm stack is 1 MiB (tested in
    /// lang/shell/tests.rs on a thread with that much stack). Matches
    /// [`TOO_DEEP`]'s text.
    pub const MAX_DEPTH: u32 = 64;

    /// What entering a nested shell costs ([`Budget::nest`]): `eval`,
    /// `$(…)`, a function call, a compound stage of a pipeline set up a
    /// shell of their own, which is about 50 loop steps of host work (a
    /// recursion of `eval`s cost 13 µs per op at one op each, against
    /// 0.3 µs for `while :; do :; done`'s steps, natively in a debug
    /// build). Charging it keeps a branching recursion
    /// (`x='eval $x; eval $x'; eval $x`) within the same wall time as a
    /// plain loop on the same budget.
    pub const NEST_OPS: u64 = 50;

    /// `n` slices of [`Budget::SLICE`] ops, a slice costing no simulated
    /// time, and no limit on output bytes or on simulated time.
    pub const fn slices(n: u64) -> Budget {
        let ops = n.saturating_mul(Budget::SLICE);
        Budget {
            ops,
            left: if ops < Budget::SLICE {
                ops
            } else {
                Budget::SLICE
            },
            worked: 0,
            slice_cpu: SimDuration::ZERO,
            bytes: u64::MAX,
            time: SimDuration(u64::MAX),
            refused: false,
            depth: 0,
            stopped: None,
        }
    }

    /// Charge `cpu` of simulated time for each slice run to its end without
    /// waiting (a container's process, whose ops stand for CPU time).
    pub const fn with_slice_cpu(self, cpu: SimDuration) -> Budget {
        Budget {
            slice_cpu: cpu,
            ..self
        }
    }

    /// At most `n` bytes of output.
    pub const fn with_bytes(self, n: u64) -> Budget {
        Budget { bytes: n, ..self }
    }

    /// At most `d` of simulated time spent waiting.
    pub const fn with_time(self, d: SimDuration) -> Budget {
        Budget { time: d, ..self }
    }

    /// Ops left in all.
    pub fn ops_left(&self) -> u64 {
        self.ops
    }

    /// Simulated time the driver may still let pass.
    pub fn time_left(&self) -> SimDuration {
        self.time
    }

    /// The CPU time one slice stands for.
    pub fn slice_cpu(&self) -> SimDuration {
        self.slice_cpu
    }

    /// The CPU time the current slice stands for: [`Budget::slice_cpu`],
    /// and one more for each [`Budget::SLICE`] ops of bytes moved in it
    /// ([`Budget::work`]): a command that copies a big file takes its
    /// time. (A nested shell that ran past the slice's end costs the one
    /// slice.)
    pub fn slice_cost(&self) -> SimDuration {
        self.slice_cpu
            .saturating_mul(1 + self.worked / Budget::SLICE)
    }

    /// Whether the current slice is used up (the shell should yield).
    pub fn slice_spent(&self) -> bool {
        self.left == 0
    }

    /// Spend one op; false when none is left (or another limit was reached).
    /// Past the end of the slice an op still comes out of the total: a
    /// nested shell cannot yield.
    pub fn op(&mut self) -> bool {
        if self.spent().is_some() {
            self.refused = true;
            return false;
        }
        self.ops -= 1;
        self.left = self.left.saturating_sub(1);
        true
    }

    /// Whether an op was refused, the run cut short somewhere.
    pub fn refused(&self) -> bool {
        self.refused
    }

    /// The shell waits: what is left of the slice is used up, and the next
    /// slice begins.
    pub fn next_slice(&mut self) {
        self.ops -= self.left;
        self.left = self.ops.min(Budget::SLICE);
        self.worked = 0;
    }

    /// Count `n` bytes of output, and the work of writing them
    /// ([`Budget::work`]).
    pub fn write(&mut self, n: usize) {
        self.bytes = self.bytes.saturating_sub(n as u64);
        self.work(n);
    }

    /// Count the work of a command that moved `n` bytes (read a file, wrote
    /// its output): one op per [`Budget::BYTES_PER_OP`] bytes, so a loop
    /// that copies a big file (`while :; do cat f >> f; done`) costs in
    /// proportion to what it copies, not one op per pass.
    pub fn work(&mut self, n: usize) {
        self.charge((n as u64) / Budget::BYTES_PER_OP);
    }

    /// Output bytes left.
    pub fn bytes_left(&self) -> u64 {
        self.bytes
    }

    /// Give back `n` bytes counted twice: a `kubectl exec`'s shell counts
    /// what it writes, and the console's shell counts it again where it
    /// lands. (Saturates at the budget's own figure's end, `u64::MAX`.)
    pub fn refund(&mut self, n: u64) {
        self.bytes = self.bytes.saturating_add(n);
    }

    /// Stop the whole run as Ctrl-C would, for `limit`: a run nested in
    /// another (a `kubectl exec` in a console line, a command that wrote
    /// past [`OUTPUT_CAP`]) ends its caller's run too, as the terminal's
    /// Ctrl-C ends the foreground job and the shell's loop with it. Every
    /// later op is refused and [`Budget::spent`] answers `limit` (the
    /// first reason given stays).
    pub fn interrupt(&mut self, limit: Limit) {
        self.refused = true;
        if self.stopped.is_none() {
            self.stopped = Some(limit);
        }
    }

    /// Why the run was stopped by [`Budget::interrupt`], if it was.
    pub fn stopped(&self) -> Option<Limit> {
        self.stopped
    }

    /// Count a wait of `d`; false (and nothing counted) when that is more
    /// than the time left.
    pub fn wait(&mut self, d: SimDuration) -> bool {
        if d > self.time {
            return false;
        }
        self.time = SimDuration(self.time.0 - d.0);
        true
    }

    /// The limit the run was stopped for ([`Budget::interrupt`]), or else
    /// the limit of ops or bytes reached, if one is. (Time runs out only
    /// when a wait would go past it: see [`Budget::wait`].)
    pub fn spent(&self) -> Option<Limit> {
        if self.stopped.is_some() {
            self.stopped
        } else if self.ops == 0 {
            Some(Limit::Ops)
        } else if self.bytes == 0 {
            Some(Limit::Bytes)
        } else {
            None
        }
    }
}
