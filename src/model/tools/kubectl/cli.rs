//! `kubectl` as a learner types it: the commands the seed lab and the
//! pattern examples use, on the simulated cluster and the workspace's files
//! (the editor tabs are the files `-f` names). Every answer — output, error
//! wording, exit code — is kubectl's; what podlab does not model it says so
//! with a `podlab:` prefix, never in kubectl's voice.
//!
//! One file per command, as kubectl's `pkg/cmd` is; this one finds the
//! command, parses its flags and hands over.

mod apply;
mod create;
mod delete;
mod describe;
mod exec;
mod get;
mod logs;
mod util;
mod version;

pub use delete::GRACE_PERIOD;
pub use util::Output;

use util::Ctx;

use crate::model::base::files::File;
use crate::model::sim::cluster::Cluster;
use crate::model::tools::kubectl::flags::{self, Flag};

/// The commands podlab's kubectl knows, for `kubectl help` and completion.
pub const COMMANDS: &[&str] = &[
    "apply", "create", "delete", "describe", "exec", "get", "logs", "version",
];

/// Run `kubectl ARGV…` (without the word `kubectl`).
pub fn run(cl: &mut Cluster, files: &[File], argv: &[String]) -> Output {
    // The command is the first word that is neither a flag nor a global
    // flag's value.
    let mut i = 0;
    let mut cmd = None;
    while i < argv.len() {
        let a = &argv[i];
        if a.starts_with('-') && a.len() > 1 {
            let takes = flags::GLOBAL.iter().any(|f| {
                f.value
                    && !a.contains('=')
                    && (a == &format!("--{}", f.long)
                        || f.short.is_some_and(|c| a == &format!("-{c}")))
            });
            i += if takes { 2 } else { 1 };
            continue;
        }
        cmd = Some(i);
        break;
    }
    let Some(ci) = cmd else {
        return Output::default().fail(&help());
    };
    let rest: Vec<String> = argv[..ci].iter().chain(&argv[ci + 1..]).cloned().collect();
    let name = argv[ci].as_str();
    let spec: &[Flag] = match name {
        "get" => get::FLAGS,
        "describe" => describe::FLAGS,
        "logs" => logs::FLAGS,
        "exec" => exec::FLAGS,
        "apply" | "create" => apply::FLAGS,
        "delete" => delete::FLAGS,
        "version" => version::FLAGS,
        "help" | "--help" | "-h" => {
            let mut o = Output::default();
            o.out(&help());
            return o;
        }
        other => {
            let mut o = Output::default();
            let hint = COMMANDS
                .iter()
                .find(|c| crate::model::lang::kube::decode::edit_distance(c, other) <= 2)
                .map(|c| format!("\n\nDid you mean this?\n\t{c}\n"))
                .unwrap_or_default();
            o.err(&format!(
                "error: unknown command \"{other}\" for \"kubectl\"{hint}\nRun 'kubectl --help' for usage."
            ));
            o.code = 1;
            return o;
        }
    };
    let p = match flags::parse(name, &rest, spec) {
        Ok(p) => p,
        Err(e) => return Output::default().fail(&e),
    };
    for unsupported in ["kubeconfig", "context", "cluster", "user", "server"] {
        if p.get(unsupported).is_some() {
            return Output::default().fail(&format!(
                "podlab: --{unsupported} is not modelled: podlab has one cluster"
            ));
        }
    }
    if let Some(d) = p.get("dry-run") {
        return Output::default().fail(&format!("podlab: --dry-run={d} is not modelled"));
    }
    let ns = p.get("namespace").unwrap_or("default").to_string();
    let mut ctx = Ctx { cl, files, ns, p };
    match name {
        "get" => ctx.get(),
        "describe" => ctx.describe(),
        "logs" => ctx.logs(),
        "exec" => ctx.exec(),
        "apply" => ctx.apply(false),
        "create" => ctx.create(),
        "delete" => ctx.delete(),
        "version" => ctx.version(),
        _ => unreachable!("listed above"),
    }
}

pub fn help() -> String {
    "kubectl controls the Kubernetes cluster manager.\n\n\
     podlab's kubectl models these commands:\n  \
     apply -f FILE        Apply a configuration to a resource by file name\n  \
     create -f FILE       Create a resource from a file\n  \
     create namespace NAME\n  \
     delete (-f FILE | TYPE NAME)\n  \
     describe pod NAME    Show details of a pod\n  \
     exec POD [-c C] -- COMMAND [args...]\n  \
     get TYPE [NAME] [-o wide|yaml|name|jsonpath=…|custom-columns=…] [--no-headers]\n  \
     logs POD [-c C] [-p]\n\n\
     Global: -n/--namespace NS\n"
        .to_string()
}
