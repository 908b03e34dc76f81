//! `kubectl` as a learner types it: the commands the seed lab and the
//! pattern examples use, on the simulated cluster and the workspace's files
//! (the editor tabs are the files `-f` names). Every answer — output, error
//! wording, exit code — is kubectl's; what podlab does not model it says so
//! with a `podlab:` prefix, never in kubectl's voice.
//!
//! One file per command, as kubectl's `pkg/cmd` is; this one finds the
//! command (`cobra.rs` decides what kubectl would refuse before any
//! request) and hands over.

mod apply;
mod create;
mod delete;
mod describe;
mod exec;
mod get;
mod logs;
mod util;
mod version;
mod wait;

pub use delete::GRACE_PERIOD;
pub use util::Output;

use util::Ctx;

use crate::model::base::files::File;
use crate::model::lang::shell::budget::Budget;
use crate::model::sim::cluster::Cluster;
use crate::model::tools::kubectl::cobra;

/// The commands podlab's kubectl knows, for completion.
pub const COMMANDS: &[&str] = &[
    "apply", "create", "delete", "describe", "exec", "get", "logs", "version", "wait",
];

/// The global flags podlab acts on (the kubeconfig ones to say that podlab
/// has one cluster; `-v` and `--request-timeout` change nothing it shows).
const GLOBAL_FLAGS: &[&str] = &[
    "namespace",
    "kubeconfig",
    "context",
    "cluster",
    "user",
    "server",
    "request-timeout",
    "v",
];

/// Run `kubectl ARGV…` (without the word `kubectl`), on the budget of the
/// console line that runs it (a `kubectl exec` draws on it).
pub fn run(cl: &mut Cluster, files: &[File], argv: &[String], budget: &mut Budget) -> Output {
    // What kubectl decides before any request: cobra's and pflag's layer.
    let (path, p) = match cobra::resolve(argv) {
        cobra::Outcome::Run { path, parsed } => (path, parsed),
        cobra::Outcome::Refused(text) => {
            let mut o = Output::default();
            o.write(2, text.as_bytes());
            o.code = 1;
            return o;
        }
        cobra::Outcome::Help { path } if path.is_empty() => {
            let mut o = Output::default();
            o.out(cobra::ROOT_HELP);
            return o;
        }
        cobra::Outcome::Help { path } => {
            return Output::default().fail(&format!(
                "podlab: the help text of `{}` is not modelled; `kubectl` alone lists kubectl's commands, and the console's `help` what podlab runs",
                cobra::command_path(&path)
            ));
        }
        cobra::Outcome::NotModelled { path } => {
            return Output::default().fail(&format!(
                "podlab: `{}` is not modelled; podlab's kubectl runs apply, create (-f, namespace), delete, describe, exec, get, logs, version and wait",
                cobra::command_path(&path)
            ));
        }
    };
    let name = path[0];
    if matches!(name, "apply" | "create" | "delete")
        && let Some(e) = util::missing_paths(files, &p)
    {
        let mut o = Output::default();
        o.write(2, e.as_bytes());
        o.code = 1;
        return o;
    }
    let acts_on: &[&str] = match (name, path.len()) {
        ("get", _) => get::FLAGS,
        ("describe", _) => describe::FLAGS,
        ("logs", _) => logs::FLAGS,
        ("exec", _) => exec::FLAGS,
        ("apply", _) | ("create", 1) => apply::FLAGS,
        ("create", _) => create::NAMESPACE_FLAGS,
        ("delete", _) => delete::FLAGS,
        ("wait", _) => wait::FLAGS,
        _ => version::FLAGS,
    };
    if let Some((f, _)) = p
        .flags
        .iter()
        .find(|(f, _)| !acts_on.contains(f) && !GLOBAL_FLAGS.contains(f))
    {
        return Output::default().fail(&format!(
            "podlab: `{} --{f}` is not modelled",
            cobra::command_path(&path)
        ));
    }
    for unsupported in ["kubeconfig", "context", "cluster", "user", "server"] {
        if p.get(unsupported).is_some() {
            return Output::default().fail(&format!(
                "podlab: --{unsupported} is not modelled: podlab has one cluster"
            ));
        }
    }
    match p.get("dry-run") {
        None => {}
        // Given bare: pflag's NoOptDefVal.
        Some("unchanged") => return Output::default().fail("podlab: --dry-run is not modelled"),
        Some(d) => {
            return Output::default().fail(&format!("podlab: --dry-run={d} is not modelled"));
        }
    }
    let ns = p.get("namespace").unwrap_or("default").to_string();
    let mut ctx = Ctx {
        cl,
        files,
        ns,
        p,
        budget,
    };
    match name {
        "get" => ctx.get(),
        "describe" => ctx.describe(),
        "logs" => ctx.logs(),
        "exec" => ctx.exec(),
        "apply" => ctx.apply(false),
        "create" if path.len() > 1 => ctx.create_namespace(),
        "create" => ctx.apply(true),
        "delete" => ctx.delete(),
        "wait" => ctx.wait_for(),
        _ => ctx.version(),
    }
}
