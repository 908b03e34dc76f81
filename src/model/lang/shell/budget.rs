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
}

/// What a shell run may still spend. See the module's paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Ops left in all, the current slice's included.
    ops: u64,
    /// Ops left in the current slice.
    left: u64,
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
        }
    }
}

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
        true
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

    /// How deep shells may nest inside one another: each level is a Rust
    /// call chain, and the browser's wasm stack is 1 MiB (tested in
    /// lang/shell/tests.rs on a thread with that much stack). Matches
    /// [`TOO_DEEP`]'s text.
    pub const MAX_DEPTH: u32 = 64;

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
            slice_cpu: SimDuration::ZERO,
            bytes: u64::MAX,
            time: SimDuration(u64::MAX),
            refused: false,
            depth: 0,
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
    }

    /// Count `n` bytes of output.
    pub fn write(&mut self, n: usize) {
        self.bytes = self.bytes.saturating_sub(n as u64);
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

    /// The limit of ops or bytes reached, if one is. (Time runs out only
    /// when a wait would go past it: see [`Budget::wait`].)
    pub fn spent(&self) -> Option<Limit> {
        if self.ops == 0 {
            Some(Limit::Ops)
        } else if self.bytes == 0 {
            Some(Limit::Bytes)
        } else {
            None
        }
    }
}
