//! `kubectl exec`: a command run in a running container, through the same
//! userland as its processes, until it ends.

use std::collections::BTreeMap;

use super::wire::Hop;
use super::{Cluster, Key};
use crate::model::lang::shell::budget::{Budget, CTRL_C};
use crate::model::lang::shell::drive::{Stop, Waited, drive};
use crate::model::lang::shell::syntax;
use crate::model::lang::shell::vm::{Output, Shell};
use crate::model::sim::images::{Kind, Lookup};
use crate::model::sim::programs::busybox::ContainerSys;

impl Cluster {
    /// `kubectl exec`: run `argv` in a running container until it ends. The
    /// clock moves on while it sleeps or waits on the network.
    pub fn exec(&mut self, key: &Key, i: usize, argv: &[String]) -> ExecResult {
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
        let mut out = Output::default();
        let mut budget = EXEC_BUDGET;
        let deadline = self.now + budget.time_left();
        let mut sys = ContainerSys::new(self, key.clone(), i);
        sys.deadline = Some(deadline);
        let stop = drive(&mut sh, &mut sys, &mut out, &mut budget, |s, t| {
            s.cl.advance_to(t);
            if s.cl.pods.contains_key(&s.key) {
                Waited::Reached
            } else {
                Waited::Gone
            }
        });
        result.trace = sys.trace;
        result.stdout = out.out;
        result.stderr = out.err;
        match stop {
            Stop::Exited { code, .. } => result.code = code,
            Stop::Blocked(_) => result.blocked = true,
            Stop::Gone => result.code = 137,
            // Stopped as Ctrl-C would, with one note saying why.
            Stop::Spent { limit, .. } => {
                result.stderr.extend_from_slice(CTRL_C.as_bytes());
                result.stderr.extend_from_slice(limit.note().as_bytes());
                result.code = 130;
            }
            Stop::Wake(_) => {}
        }
        result
    }
}

/// What a `kubectl exec` may spend: a typed command's budget.
const EXEC_BUDGET: Budget = Budget::INTERACTIVE;

/// What `kubectl exec` got back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    pub trace: Vec<Hop>,
    /// The command never ends (`tail -f`): podlab stopped waiting.
    pub blocked: bool,
}
