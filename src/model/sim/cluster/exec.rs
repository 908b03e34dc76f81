//! `kubectl exec`: a command run in a running container, through the same
//! userland as its processes, until it ends, on the budget of the console
//! line that runs it.

use std::collections::BTreeMap;

use super::wire::Hop;
use super::{Cluster, Key};
use crate::model::lang::shell::budget::{Budget, Limit, TOO_DEEP};
use crate::model::lang::shell::drive::{Stop, Waited, drive};
use crate::model::lang::shell::syntax;
use crate::model::lang::shell::vm::{Output, Shell};
use crate::model::sim::images::{Kind, Lookup};
use crate::model::sim::programs::busybox::ContainerSys;

impl Cluster {
    /// `kubectl exec`: run `argv` in a running container until it ends. The
    /// clock moves on while it sleeps or waits on the network. It draws on
    /// `budget`, the budget of the console line that runs it (ops,
    /// simulated time; its output is counted where it lands, in the
    /// console): when that runs out the command is stopped as Ctrl-C would
    /// (status 130, [`ExecResult::interrupted`]) and the budget says so to
    /// the line around it, which stops too.
    pub fn exec(
        &mut self,
        key: &Key,
        i: usize,
        argv: &[String],
        budget: &mut Budget,
    ) -> ExecResult {
        let mut result = ExecResult::default();
        let kind = match &self.pods[key].containers[i].image {
            Lookup::Known(img) => Some(img.kind),
            _ => None,
        };
        let exe = argv
            .first()
            .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
            .unwrap_or_default();
        match kind {
            // The legacy fruit service's image contents are unknown
            // (fidelity.md): podlab models its server, not its files.
            None | Some(Kind::FruitService) => {
                result.stderr = format!(
                    "podlab does not model the commands inside the image \"{}\", so it cannot run them\n",
                    self.pods[key].containers[i].spec.image
                )
                .into_bytes();
                result.code = 126;
                return result;
            }
            Some(k) if !k.has_executable(&exe) => {
                result.stderr = format!(
                    "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown\n",
                    argv.first().map_or("", String::as_str)
                )
                .into_bytes();
                result.code = 126;
                return result;
            }
            _ => {}
        }
        let script = match argv {
            [sh, c, script, ..]
                if matches!(sh.rsplit('/').next(), Some("sh" | "bash" | "ash")) && c == "-c" =>
            {
                script.clone()
            }
            _ => argv
                .iter()
                .map(|a| syntax::quote(a))
                .collect::<Vec<_>>()
                .join(" "),
        };
        let mut sh = match Shell::new(&script, BTreeMap::new()) {
            Ok(s) => s,
            Err(e) => {
                result.stderr = format!("{e}\n").into_bytes();
                result.code = 2;
                return result;
            }
        };
        // The exec'd shell is one more level of shells on the line's stack.
        if !budget.nest() {
            result.stderr = TOO_DEEP.as_bytes().to_vec();
            result.code = 139;
            return result;
        }
        let bytes_before = budget.bytes_left();
        let mut out = Output::default();
        let deadline = self.now + budget.time_left();
        let mut sys = ContainerSys::new(self, key.clone(), i);
        sys.deadline = Some(deadline);
        let stop = drive(&mut sh, &mut sys, &mut out, budget, |s, t| {
            s.cl.advance_to(t);
            if s.cl.pods.contains_key(&s.key) {
                Waited::Reached
            } else {
                Waited::Gone
            }
        });
        budget.unnest();
        // Its output is counted where it lands (the console's shell counts
        // it there), as a nested shell's is; a limit it reached stays.
        budget.refund(bytes_before.saturating_sub(budget.bytes_left()));
        if out.cut() {
            budget.interrupt(Limit::Output);
        }
        result.trace = sys.trace;
        result.stdout = out.out;
        result.stderr = out.err;
        match stop {
            Stop::Exited { code, .. } => result.code = code,
            Stop::Blocked(_) => result.blocked = true,
            Stop::Gone => result.code = 137,
            // Stopped as Ctrl-C would: the caller, whose budget says so,
            // shows the one `^C` and note for the whole line.
            Stop::Spent { limit, .. } => {
                result.code = 130;
                result.interrupted = Some(limit);
            }
            Stop::Wake(_) => {}
        }
        result
    }
}

/// What `kubectl exec` got back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    pub trace: Vec<Hop>,
    /// The command never ends (`tail -f`): podlab stopped waiting.
    pub blocked: bool,
    /// The budget ran out and the command was stopped as Ctrl-C would,
    /// for this reason: a terminal's `kubectl exec` (no `-t`) dies of the
    /// SIGINT and prints nothing more.
    pub interrupted: Option<Limit>,
}
