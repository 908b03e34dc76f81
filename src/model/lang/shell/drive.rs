//! The one loop that runs a shell to its end: [`drive`] runs a [`Shell`]
//! slice after slice, lets the caller's world move the clock while the
//! shell waits (a `sleep`, time its commands took, the CPU time a busy
//! slice stands for), and stops when the shell ends, blocks for good, must
//! wait in a world that moves its clock later, or runs out of its
//! [`Budget`]. The console, `kubectl exec` and a container's processes all
//! run their shells through it; they differ only in the budget they hand
//! in and in what their world does with a wait ([`Waited`]).

use super::budget::{Budget, Limit};
use super::vm::{Follow, Output, Shell, State, Sys};
use crate::model::base::time::{SimDuration, SimTime};

/// What a world did when its shell had to wait until some time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waited {
    /// The clock got there: the shell goes on.
    Reached,
    /// This world moves its clock later, by itself (a container's process
    /// is woken by the kubelet's timers): the driver stops with
    /// [`Stop::Wake`].
    Later,
    /// The shell's world went away meanwhile (its pod was deleted).
    Gone,
}

/// Why [`drive`] stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The script ended with this status, at this time (after the time its
    /// last commands took).
    Exited { code: i32, at: SimTime },
    /// It waits for good: a server, `tail -F`.
    Blocked(Follow),
    /// It goes on at this time, which the world will bring.
    Wake(SimTime),
    /// The budget ran out before the script ended; it would go on at `wake`.
    Spent { limit: Limit, wake: SimTime },
    /// Its world went away while it waited.
    Gone,
}

/// Run `sh` until it ends, blocks, or reaches a wait its world does not
/// serve now, drawing on `budget`. When the budget runs out the run is
/// stopped with [`Budget::interrupt`], so a caller whose own run draws on
/// the same budget (the console around a `kubectl exec`) stops too. `wait` is asked to bring the clock to a
/// time the shell waits for; it also hears of the time the last commands
/// took when the shell ends or blocks (its answer does not matter then).
pub fn drive<S: Sys>(
    sh: &mut Shell,
    sys: &mut S,
    output: &mut Output,
    budget: &mut Budget,
    mut wait: impl FnMut(&mut S, SimTime) -> Waited,
) -> Stop {
    loop {
        sh.run(sys, output, budget);
        let debt = sh.take_debt();
        let now = sys.now();
        let wake = match &sh.state {
            State::Exited(code) => {
                let (code, at) = (*code, now + debt);
                wait(sys, at);
                return Stop::Exited { code, at };
            }
            State::Blocked(follow) => {
                let follow = follow.clone();
                wait(sys, now + debt);
                return Stop::Blocked(follow);
            }
            State::Sleeping(until) => *until,
            // It yielded: after the time its commands took, or, if it only
            // ran builtins, after the CPU time its slice stands for.
            State::Ready if debt > SimDuration::ZERO => now + debt,
            State::Ready => now + budget.slice_cost(),
        };
        budget.next_slice();
        // A run nested in this one was stopped as by Ctrl-C: so is this one.
        if let Some(limit) = budget.stopped() {
            return Stop::Spent { limit, wake };
        }
        if !budget.wait(wake.since(now)) {
            budget.interrupt(Limit::Time);
            return Stop::Spent {
                limit: Limit::Time,
                wake,
            };
        }
        if let Some(limit) = budget.spent() {
            budget.interrupt(limit);
            return Stop::Spent { limit, wake };
        }
        match wait(sys, wake) {
            Waited::Reached => {}
            Waited::Later => return Stop::Wake(wake),
            Waited::Gone => return Stop::Gone,
        }
    }
}
