//! `kubectl logs POD [-c CONTAINER] [-p] [--tail N]`: a container's log,
//! or the previous run's.

use super::util::{Ctx, Output};
use crate::model::sim::cluster::CState;

/// The flags of `kubectl logs` podlab acts on.
pub(super) const FLAGS: &[&str] = &[
    "container",
    "previous",
    "follow",
    "tail",
    "timestamps",
    "all-containers",
];

impl Ctx<'_> {
    pub(super) fn logs(&mut self) -> Output {
        let mut o = Output::default();
        let args = self.p.all_args();
        // cobra::validate made sure of one pod (and at most a container).
        let Some(pod) = args.first() else {
            return o;
        };
        let container = self
            .p
            .get("container")
            .map(str::to_string)
            .or(args.get(1).cloned());
        let pod = pod.strip_prefix("pod/").unwrap_or(pod).to_string();
        let Some(i) = self.target(&mut o, &pod, container.as_deref()) else {
            return o;
        };
        let p = self.cl.pod(&self.ns, &pod).expect("target found it");
        let c = &p.containers[i];
        let previous = self.p.on("previous");
        let text = if previous {
            if c.last.is_none() {
                o.err(&format!(
                    "Error from server (BadRequest): previous terminated container \"{}\" in pod \"{pod}\" not found",
                    c.spec.name
                ));
                o.code = 1;
                return o;
            }
            c.logs_text(true)
        } else {
            match &c.state {
                CState::Waiting { reason, .. } if c.restarts == 0 && c.last.is_none() => {
                    o.err(&format!(
                        "Error from server (BadRequest): container \"{}\" in pod \"{pod}\" is waiting to start: {reason}",
                        c.spec.name
                    ));
                    o.code = 1;
                    return o;
                }
                // In back-off the log is the last run's.
                CState::Waiting { .. } => c.logs_text(true),
                _ => c.logs_text(false),
            }
        };
        let text = match self.p.int("tail") {
            Some(n) if n >= 0 => {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                lines[lines.len().saturating_sub(n as usize)..].concat()
            }
            _ => text,
        };
        o.out(&text);
        if self.p.on("follow") {
            o.err("podlab: the console shows the log so far and does not follow (-f); run it again, or `sleep N` first, to see more");
        }
        o
    }
}
