//! `kubectl exec POD [-c CONTAINER] -- COMMAND [args…]`: one command in a
//! running container, its output and exit code.

use super::util::{Ctx, Output};
use crate::model::sim::cluster::CState;

/// The flags of `kubectl exec` podlab acts on.
pub(super) const FLAGS: &[&str] = &["container", "stdin", "tty", "quiet"];

impl Ctx<'_> {
    pub(super) fn exec(&mut self) -> Output {
        let mut o = Output::default();
        let args = self.p.args.clone();
        // cobra::validate made sure of a pod and a command (kubectl execs
        // in the first word before `--` and ignores any others).
        let (Some(pod), Some(command)) = (
            args.first().cloned(),
            self.p.command.clone().filter(|c| !c.is_empty()),
        ) else {
            return o.fail("error: you must specify at least one command for the container");
        };
        let container = self.p.get("container").map(str::to_string);
        let pod = pod.strip_prefix("pod/").unwrap_or(&pod).to_string();
        let Some(i) = self.target(&mut o, &pod, container.as_deref()) else {
            return o;
        };
        let p = self.cl.pod(&self.ns, &pod).expect("target found it");
        if matches!(
            p.phase,
            crate::model::sim::cluster::Phase::Succeeded
                | crate::model::sim::cluster::Phase::Failed
        ) {
            return o.fail(&format!(
                "error: cannot exec into a container in a completed pod; current phase is {}",
                p.phase.as_str()
            ));
        }
        let c = &p.containers[i];
        if !matches!(c.state, CState::Running { .. }) {
            return o.fail(&format!(
                "error: unable to upgrade connection: container not found (\"{}\")",
                c.spec.name
            ));
        }
        if self.p.on("tty") {
            o.err("Unable to use a TTY - input is not a terminal or the right kind of file");
        }
        let interactive_shell = command.len() == 1
            && matches!(command[0].rsplit('/').next(), Some("sh" | "bash" | "ash"));
        if interactive_shell {
            return o.fail(&format!(
                "podlab: interactive shells are not modelled; run one command at a time, e.g. kubectl exec {pod} -- sh -c 'ls /'"
            ));
        }
        let key = (self.ns.clone(), pod.clone());
        let res = self.cl.exec(&key, i, &command, self.budget);
        o.write(1, &res.stdout);
        o.write(2, &res.stderr);
        o.trace = res.trace;
        // The line's budget ran out and podlab pressed Ctrl-C: kubectl exec
        // without -t dies of the SIGINT and prints nothing more (no
        // `command terminated with exit code`); the shell sees 130. The
        // console shows the one `^C` and note for the whole line.
        if res.interrupted.is_some() {
            o.code = 130;
            return o;
        }
        if res.blocked {
            o.err("podlab: the command would run on forever (it follows or waits); the console stopped waiting for it");
            o.code = 130;
            return o;
        }
        if res.code != 0 {
            o.err(&format!("command terminated with exit code {}", res.code));
        }
        o.code = res.code;
        o
    }
}
