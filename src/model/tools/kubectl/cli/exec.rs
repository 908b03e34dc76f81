//! `kubectl exec POD [-c CONTAINER] -- COMMAND [args…]`: one command in a
//! running container, its output and exit code.

use super::util::{Ctx, Output};
use crate::model::sim::cluster::CState;
use crate::model::tools::kubectl::flags::{Flag, boolean, value};

/// `kubectl exec`'s own flags.
pub(super) const FLAGS: &[Flag] = &[
    value("container", Some('c')),
    boolean("stdin", Some('i')),
    boolean("tty", Some('t')),
    boolean("quiet", Some('q')),
];

impl Ctx<'_> {
    pub(super) fn exec(&mut self) -> Output {
        let mut o = Output::default();
        let args = self.p.args.clone();
        let usage = "error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples";
        let Some(pod) = args.first().cloned() else {
            return o.fail(usage);
        };
        let Some(command) = self.p.command.clone() else {
            if args.len() > 1 {
                return o.fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
            }
            return o.fail("error: you must specify at least one command for the container");
        };
        if command.is_empty() {
            return o.fail("error: you must specify at least one command for the container");
        }
        if args.len() > 1 {
            return o.fail(usage);
        }
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
        let res = self.cl.exec(&key, i, &command);
        o.write(1, &res.stdout);
        o.write(2, &res.stderr);
        o.trace = res.trace;
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
