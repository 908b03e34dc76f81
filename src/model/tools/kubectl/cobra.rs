//! kubectl's command layer, as spf13/cobra (and kubectl's own wrapping of
//! it) decides before any request: which command a line names (cobra's
//! `Find` with `stripFlags`, global flags in any position), the `unknown
//! command` error with cobra's "Did you mean this?" (Levenshtein distance
//! at most 2, or a prefix, in kubectl's command order), kubectl's plugin
//! check (`flags cannot be placed before plugin name`), flag errors wrapped
//! as `Error: …` / `See 'kubectl get --help' for usage.`, and each modelled
//! command's usage errors (its `Complete`/`Validate` up to the first call to
//! the API server), worded as kubectl 1.32 prints them.
//!
//! Pure: a command line in, an [`Outcome`] out. The commands themselves run
//! in `cli.rs`.

mod others;

use crate::model::tools::kubectl::flags::{
    self, Flag, FlagError, Kind, Parsed, boolean, flag, optional, value,
};

/// One kubectl command.
#[derive(Clone, Copy, Debug)]
pub struct Command {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Its own flags, every one kubectl 1.32 declares (`kubectl CMD
    /// --help`), typed; `None` where podlab knows only the name.
    pub flags: Option<&'static [Flag]>,
    pub subs: &'static [Command],
    /// cobra's `SuggestFor`: words that suggest this command although they
    /// are not close to its name.
    pub suggest_for: &'static [&'static str],
    /// podlab runs it (else its flags, when known, are only checked).
    pub modelled: bool,
}

const fn unmodelled(name: &'static str) -> Command {
    Command {
        name,
        aliases: &[],
        flags: None,
        subs: &[],
        suggest_for: &[],
        modelled: false,
    }
}

/// cobra's help flag, on every command.
const HELP: &[Flag] = &[boolean("help", Some('h'))];

/// The flags `-f`/`-k`/`-R` bring (kubectl's `FilenameOptions`).
const fn filename() -> Flag {
    flag("filename", Some('f'), Kind::StringSlice)
}

const GET: &[Flag] = &[
    boolean("all-namespaces", Some('A')),
    boolean("allow-missing-template-keys", None),
    flag("chunk-size", None, Kind::Int),
    value("field-selector", None),
    filename(),
    boolean("ignore-not-found", None),
    value("kustomize", Some('k')),
    flag("label-columns", Some('L'), Kind::StringSlice),
    boolean("no-headers", None),
    value("output", Some('o')),
    boolean("output-watch-events", None),
    value("raw", None),
    boolean("recursive", Some('R')),
    value("selector", Some('l')),
    boolean("server-print", None),
    boolean("show-kind", None),
    boolean("show-labels", None),
    boolean("show-managed-fields", None),
    value("sort-by", None),
    value("subresource", None),
    value("template", None),
    boolean("watch", Some('w')),
    boolean("watch-only", None),
];

const DESCRIBE: &[Flag] = &[
    boolean("all-namespaces", Some('A')),
    flag("chunk-size", None, Kind::Int),
    filename(),
    value("kustomize", Some('k')),
    boolean("recursive", Some('R')),
    value("selector", Some('l')),
    boolean("show-events", None),
];

const LOGS: &[Flag] = &[
    boolean("all-containers", None),
    boolean("all-pods", None),
    value("container", Some('c')),
    boolean("follow", Some('f')),
    boolean("ignore-errors", None),
    boolean("insecure-skip-tls-verify-backend", None),
    flag("limit-bytes", None, Kind::Int),
    flag("max-log-requests", None, Kind::Int),
    flag("pod-running-timeout", None, Kind::Duration),
    boolean("prefix", None),
    boolean("previous", Some('p')),
    value("selector", Some('l')),
    flag("since", None, Kind::Duration),
    value("since-time", None),
    flag("tail", None, Kind::Int),
    boolean("timestamps", None),
];

const EXEC: &[Flag] = &[
    value("container", Some('c')),
    filename(),
    flag("pod-running-timeout", None, Kind::Duration),
    boolean("quiet", Some('q')),
    boolean("stdin", Some('i')),
    boolean("tty", Some('t')),
];

const APPLY: &[Flag] = &[
    boolean("all", None),
    boolean("allow-missing-template-keys", None),
    optional("cascade", "background"),
    optional("dry-run", "unchanged"),
    value("field-manager", None),
    filename(),
    boolean("force", None),
    boolean("force-conflicts", None),
    flag("grace-period", None, Kind::Int),
    value("kustomize", Some('k')),
    boolean("openapi-patch", None),
    value("output", Some('o')),
    boolean("overwrite", None),
    boolean("prune", None),
    flag("prune-allowlist", None, Kind::StringArray),
    boolean("recursive", Some('R')),
    value("selector", Some('l')),
    boolean("server-side", None),
    boolean("show-managed-fields", None),
    value("subresource", None),
    value("template", None),
    flag("timeout", None, Kind::Duration),
    optional("validate", "strict"),
    boolean("wait", None),
];

const DELETE: &[Flag] = &[
    boolean("all", None),
    boolean("all-namespaces", Some('A')),
    optional("cascade", "background"),
    optional("dry-run", "unchanged"),
    value("field-selector", None),
    filename(),
    boolean("force", None),
    flag("grace-period", None, Kind::Int),
    boolean("ignore-not-found", None),
    boolean("interactive", Some('i')),
    value("kustomize", Some('k')),
    boolean("now", None),
    value("output", Some('o')),
    value("raw", None),
    boolean("recursive", Some('R')),
    value("selector", Some('l')),
    flag("timeout", None, Kind::Duration),
    boolean("wait", None),
];

const CREATE: &[Flag] = &[
    boolean("allow-missing-template-keys", None),
    optional("dry-run", "unchanged"),
    boolean("edit", None),
    value("field-manager", None),
    filename(),
    value("kustomize", Some('k')),
    value("output", Some('o')),
    value("raw", None),
    boolean("recursive", Some('R')),
    value("selector", Some('l')),
    boolean("save-config", None),
    boolean("show-managed-fields", None),
    value("template", None),
    optional("validate", "strict"),
    boolean("windows-line-endings", None),
];

const CREATE_NAMESPACE: &[Flag] = &[
    boolean("allow-missing-template-keys", None),
    optional("dry-run", "unchanged"),
    value("field-manager", None),
    value("output", Some('o')),
    boolean("save-config", None),
    boolean("show-managed-fields", None),
    value("template", None),
    optional("validate", "strict"),
];

const VERSION: &[Flag] = &[boolean("client", None), value("output", Some('o'))];

const SECRET_SUBS: &[Command] = &[
    checked("docker-registry", others::CREATE_SECRET_DOCKER_REGISTRY),
    checked("generic", others::CREATE_SECRET_GENERIC),
    checked("tls", others::CREATE_SECRET_TLS),
];

const SERVICE_SUBS: &[Command] = &[
    checked("clusterip", others::CREATE_SERVICE_CLUSTERIP),
    checked("externalname", others::CREATE_SERVICE_EXTERNALNAME),
    checked("loadbalancer", others::CREATE_SERVICE_LOADBALANCER),
    checked("nodeport", others::CREATE_SERVICE_NODEPORT),
];

const SET_SUBS: &[Command] = &[
    checked("env", others::SET_ENV),
    checked("image", others::SET_IMAGE),
    checked("resources", others::SET_RESOURCES),
    checked("selector", others::SET_SELECTOR),
    Command {
        aliases: &["sa"],
        ..checked("serviceaccount", others::SET_SERVICEACCOUNT)
    },
    checked("subject", others::SET_SUBJECT),
];

const ROLLOUT_SUBS: &[Command] = &[
    checked("history", others::ROLLOUT_HISTORY),
    checked("pause", others::ROLLOUT_PAUSE),
    checked("restart", others::ROLLOUT_RESTART),
    checked("resume", others::ROLLOUT_RESUME),
    checked("status", others::ROLLOUT_STATUS),
    checked("undo", others::ROLLOUT_UNDO),
];

const TOP_SUBS: &[Command] = &[
    Command {
        aliases: &["nodes", "no"],
        ..checked("node", others::TOP_NODE)
    },
    Command {
        aliases: &["pods", "po"],
        ..checked("pod", others::TOP_POD)
    },
];

const AUTH_SUBS: &[Command] = &[
    checked("can-i", others::AUTH_CAN_I),
    checked("reconcile", others::AUTH_RECONCILE),
    checked("whoami", others::AUTH_WHOAMI),
];

const CONFIG_SUBS: &[Command] = &[
    checked("current-context", others::CONFIG_CURRENT_CONTEXT),
    checked("delete-cluster", others::CONFIG_DELETE_CLUSTER),
    checked("delete-context", others::CONFIG_DELETE_CONTEXT),
    checked("delete-user", others::CONFIG_DELETE_USER),
    checked("get-clusters", others::CONFIG_GET_CLUSTERS),
    checked("get-contexts", others::CONFIG_GET_CONTEXTS),
    checked("get-users", others::CONFIG_GET_USERS),
    checked("rename-context", others::CONFIG_RENAME_CONTEXT),
    checked("set", others::CONFIG_SET),
    checked("set-cluster", others::CONFIG_SET_CLUSTER),
    checked("set-context", others::CONFIG_SET_CONTEXT),
    checked("set-credentials", others::CONFIG_SET_CREDENTIALS),
    checked("unset", others::CONFIG_UNSET),
    Command {
        aliases: &["use"],
        ..checked("use-context", others::CONFIG_USE_CONTEXT)
    },
    checked("view", others::CONFIG_VIEW),
];

const PLUGIN_SUBS: &[Command] = &[checked("list", others::PLUGIN_LIST)];

/// `kubectl apply`'s subcommands.
const APPLY_SUBS: &[Command] = &[
    checked("edit-last-applied", others::APPLY_EDIT_LAST_APPLIED),
    checked("set-last-applied", others::APPLY_SET_LAST_APPLIED),
    checked("view-last-applied", others::APPLY_VIEW_LAST_APPLIED),
];

/// `kubectl create`'s subcommands, in kubectl's order.
const CREATE_SUBS: &[Command] = &[
    checked("clusterrole", others::CREATE_CLUSTERROLE),
    checked("clusterrolebinding", others::CREATE_CLUSTERROLEBINDING),
    Command {
        aliases: &["cm"],
        ..checked("configmap", others::CREATE_CONFIGMAP)
    },
    Command {
        aliases: &["cj"],
        ..checked("cronjob", others::CREATE_CRONJOB)
    },
    Command {
        aliases: &["deploy"],
        ..checked("deployment", others::CREATE_DEPLOYMENT)
    },
    Command {
        aliases: &["ing"],
        ..checked("ingress", others::CREATE_INGRESS)
    },
    checked("job", others::CREATE_JOB),
    Command {
        name: "namespace",
        aliases: &["ns"],
        flags: Some(CREATE_NAMESPACE),
        subs: &[],
        suggest_for: &[],
        modelled: true,
    },
    Command {
        aliases: &["pdb"],
        ..checked("poddisruptionbudget", others::CREATE_PODDISRUPTIONBUDGET)
    },
    Command {
        aliases: &["pc"],
        ..checked("priorityclass", others::CREATE_PRIORITYCLASS)
    },
    Command {
        aliases: &["resourcequota"],
        ..checked("quota", others::CREATE_QUOTA)
    },
    checked("role", others::CREATE_ROLE),
    checked("rolebinding", others::CREATE_ROLEBINDING),
    group("secret", SECRET_SUBS),
    Command {
        aliases: &["svc"],
        ..group("service", SERVICE_SUBS)
    },
    Command {
        aliases: &["sa"],
        ..checked("serviceaccount", others::CREATE_SERVICEACCOUNT)
    },
    checked("token", others::CREATE_TOKEN),
];

const fn modelled(name: &'static str, flags: &'static [Flag]) -> Command {
    Command {
        name,
        aliases: &[],
        flags: Some(flags),
        subs: &[],
        suggest_for: &[],
        modelled: true,
    }
}

/// A command podlab does not run, with its flags so that their errors are
/// kubectl's.
const fn checked(name: &'static str, flags: &'static [Flag]) -> Command {
    Command {
        name,
        aliases: &[],
        flags: Some(flags),
        subs: &[],
        suggest_for: &[],
        modelled: false,
    }
}

/// A command that only groups subcommands (kubectl's
/// `DefaultSubCommandRun`): no flags of its own, and any word that is not
/// one of its subcommands is refused as an unknown command.
const fn group(name: &'static str, subs: &'static [Command]) -> Command {
    Command {
        name,
        aliases: &[],
        flags: Some(&[]),
        subs,
        suggest_for: &[],
        modelled: false,
    }
}

/// kubectl's top-level commands in the order kubectl adds them, which is
/// the order of cobra's suggestions (probed: `kubectl e` suggests expose,
/// set, explain, get, edit, exec, cp, events). `help` and the hidden
/// `alpha` are never suggested.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create",
        aliases: &[],
        flags: Some(CREATE),
        subs: CREATE_SUBS,
        suggest_for: &[],
        modelled: true,
    },
    checked("expose", others::EXPOSE),
    checked("run", others::RUN),
    group("set", SET_SUBS),
    checked("explain", others::EXPLAIN),
    Command {
        suggest_for: &["list", "ps"],
        ..modelled("get", GET)
    },
    checked("edit", others::EDIT),
    Command {
        suggest_for: &["rm"],
        ..modelled("delete", DELETE)
    },
    group("rollout", ROLLOUT_SUBS),
    checked("scale", others::SCALE),
    checked("autoscale", others::AUTOSCALE),
    unmodelled("certificate"),
    unmodelled("cluster-info"),
    group("top", TOP_SUBS),
    checked("cordon", others::CORDON),
    checked("uncordon", others::UNCORDON),
    checked("drain", others::DRAIN),
    checked("taint", others::TAINT),
    modelled("describe", DESCRIBE),
    modelled("logs", LOGS),
    checked("attach", others::ATTACH),
    modelled("exec", EXEC),
    checked("port-forward", others::PORT_FORWARD),
    unmodelled("proxy"),
    checked("cp", others::CP),
    group("auth", AUTH_SUBS),
    checked("debug", others::DEBUG),
    checked("events", others::EVENTS),
    checked("diff", others::DIFF),
    Command {
        subs: APPLY_SUBS,
        ..modelled("apply", APPLY)
    },
    checked("patch", others::PATCH),
    checked("replace", others::REPLACE),
    Command {
        suggest_for: &["list", "ps"],
        ..modelled("wait", others::WAIT)
    },
    checked("kustomize", others::KUSTOMIZE),
    checked("label", others::LABEL),
    checked("annotate", others::ANNOTATE),
    checked("completion", others::COMPLETION),
    group("config", CONFIG_SUBS),
    group("plugin", PLUGIN_SUBS),
    modelled("version", VERSION),
    checked("api-versions", others::API_VERSIONS),
    checked("api-resources", others::API_RESOURCES),
    checked("options", others::OPTIONS),
];

/// What `kubectl` prints without a command (and for `kubectl help`,
/// `kubectl -h`): kubectl 1.32's root help, verbatim from `/usr/bin/kubectl`
/// with no plugins installed.
pub const ROOT_HELP: &str = r#"kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
"#;

/// What kubectl decides about a command line before it talks to a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Run the command `path` (`["create", "namespace"]`) with these flags
    /// and arguments: every check kubectl makes without a server passed.
    Run {
        path: Vec<&'static str>,
        parsed: Parsed,
    },
    /// kubectl would print the help of `path` (empty: kubectl's own) and
    /// exit 0.
    Help { path: Vec<&'static str> },
    /// A command podlab does not simulate (its path).
    NotModelled { path: Vec<&'static str> },
    /// kubectl refuses: exactly this on stderr, exit 1.
    Refused(String),
}

/// cobra's `stripFlags`: the words of `args` that are neither flags nor,
/// by the flags' declared types, their values.
fn strip_flags(args: &[String], sets: &[&[Flag]]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let s = &args[i];
        i += 1;
        if s == "--" {
            break;
        }
        if takes_next(s, sets) {
            if args.len() - i <= 1 {
                break;
            }
            i += 1;
            continue;
        }
        if !s.is_empty() && !s.starts_with('-') {
            out.push(s.clone());
        }
    }
    out
}

/// Whether cobra takes the word after `s` as `s`'s value when it looks for
/// a subcommand: `--name` without `=` whose flag has no `NoOptDefVal`
/// (unknown flags count as taking one), or `-x` likewise.
fn takes_next(s: &str, sets: &[&[Flag]]) -> bool {
    if s.contains('=') {
        return false;
    }
    if let Some(name) = s.strip_prefix("--") {
        return flags::find_long(sets, name).is_none_or(|f| f.no_opt.is_none());
    }
    if s.len() == 2 && s.starts_with('-') {
        return flags::find_short(sets, s.as_bytes()[1]).is_none_or(|f| f.no_opt.is_none());
    }
    false
}

/// cobra's `argsMinusFirstX`: `args` without the first plain word `x`.
fn args_minus_first(args: &[String], x: &str, sets: &[&[Flag]]) -> Vec<String> {
    let mut pos = 0;
    while pos < args.len() {
        let s = &args[pos];
        if s == "--" {
            break;
        }
        if takes_next(s, sets) {
            pos += 2;
            continue;
        }
        if !s.starts_with('-') && s == x {
            let mut v = args.to_vec();
            v.remove(pos);
            return v;
        }
        pos += 1;
    }
    args.to_vec()
}

fn find_next<'a>(cmds: &'a [Command], name: &str) -> Option<&'a Command> {
    cmds.iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// The flag sets a command sees: its own, cobra's help, the global ones.
fn sets(c: Option<&Command>) -> Vec<&'static [Flag]> {
    let own = c.and_then(|c| c.flags).unwrap_or(&[]);
    vec![own, HELP, flags::GLOBAL]
}

/// cobra's Levenshtein distance (`ld`), on bytes, case folded.
pub fn distance(a: &str, b: &str) -> usize {
    let a = a.to_lowercase().into_bytes();
    let b = b.to_lowercase().into_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j]
            } else {
                1 + prev[j].min(prev[j + 1]).min(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// cobra's `SuggestionsFor`: the commands within distance 2 of `typed`, or
/// that start with it (case folded), or that name it in their
/// `SuggestFor`, in kubectl's order (a command can come twice, as in cobra).
pub fn suggestions(typed: &str) -> Vec<&'static str> {
    let low = typed.to_lowercase();
    let mut out = Vec::new();
    for c in COMMANDS {
        if distance(typed, c.name) <= 2 || c.name.starts_with(&low) {
            out.push(c.name);
        }
        for s in c.suggest_for {
            if s.eq_ignore_ascii_case(typed) {
                out.push(c.name);
            }
        }
    }
    out
}

/// `Error: unknown command "X" for "kubectl"` and cobra's suggestions.
fn unknown_command(typed: &str) -> String {
    let mut s = format!(
        "Error: unknown command {} for \"kubectl\"",
        flags::quote(typed)
    );
    let sug = suggestions(typed);
    if !sug.is_empty() {
        s.push_str("\n\nDid you mean this?\n");
        for c in sug {
            s.push_str(&format!("\t{c}\n"));
        }
    }
    s.push('\n');
    s
}

/// A flag error as kubectl prints it: pflag's text after cobra's `Error:`,
/// then kubectl's `See '… --help' for usage.` naming the command.
pub fn flag_error(path: &[&str], e: &FlagError) -> String {
    format!(
        "Error: {e}\nSee '{} --help' for usage.\n",
        command_path(path)
    )
}

/// `kubectl get`, `kubectl create namespace`, `kubectl`.
pub fn command_path(path: &[&str]) -> String {
    let mut s = "kubectl".to_string();
    for p in path {
        s.push(' ');
        s.push_str(p);
    }
    s
}

/// kubectl's `UsageErrorf` as `CheckErr` prints it.
pub fn usage_error(path: &[&str], msg: &str) -> String {
    format!(
        "error: {msg}\nSee '{} -h' for help and examples\n",
        command_path(path)
    )
}

/// Decide a whole kubectl command line (the words after `kubectl`).
pub fn resolve(argv: &[String]) -> Outcome {
    let root_sets = sets(None);
    // cobra's Find: walk down the command tree by the words that are not
    // flags or flag values.
    let mut path: Vec<&'static str> = Vec::new();
    let mut cmd: Option<&'static Command> = None;
    let mut args: Vec<String> = argv.to_vec();
    loop {
        let subs: &'static [Command] = match cmd {
            None => COMMANDS,
            Some(c) => c.subs,
        };
        // cobra adds the help flag after it has found the command, so
        // `-h` does not count as a boolean here.
        let here = [cmd.and_then(|c| c.flags).unwrap_or(&[]), flags::GLOBAL];
        let words = strip_flags(&args, &here);
        let Some(next) = words.first() else { break };
        if cmd.is_none() && next == "help" {
            // cobra's own `help` command (never suggested): the help of
            // the command the next words name.
            let mut path = Vec::new();
            let mut subs = COMMANDS;
            for w in &words[1..] {
                match find_next(subs, w) {
                    Some(c) => {
                        path.push(c.name);
                        subs = c.subs;
                    }
                    None if path.is_empty() => return Outcome::Help { path: vec!["help"] },
                    None => break,
                }
            }
            return Outcome::Help { path };
        }
        let Some(c) = find_next(subs, next) else {
            if cmd.is_none() {
                // Unknown at the top: kubectl looks for a plugin first,
                // and refuses a flag before the plugin's name.
                if argv[0].starts_with('-') {
                    return Outcome::Refused(format!(
                        "Error: flags cannot be placed before plugin name: {}\n",
                        argv[0]
                    ));
                }
                return Outcome::Refused(unknown_command(next));
            }
            break;
        };
        args = args_minus_first(&args, next, &here);
        path.push(c.name);
        cmd = Some(c);
    }
    let Some(c) = cmd else {
        // The root command: parse its flags, then print kubectl's help.
        return match flags::parse_args(&args, &root_sets) {
            Err(e) => Outcome::Refused(flag_error(&[], &e)),
            Ok(_) => Outcome::Help { path },
        };
    };
    if c.flags.is_none() {
        return Outcome::NotModelled { path };
    }
    let parsed = match flags::parse_args(&args, &sets(Some(c))) {
        Ok(p) => p,
        Err(e) => return Outcome::Refused(flag_error(&path, &e)),
    };
    if parsed.on("help") {
        return Outcome::Help { path };
    }
    if !c.modelled {
        let args = parsed.all_args();
        if !c.subs.is_empty() && !args.is_empty() {
            return Outcome::Refused(usage_error(
                &path,
                &format!("unknown command {}", flags::quote(&args.join(" "))),
            ));
        }
        return Outcome::NotModelled { path };
    }
    if let Err(e) = check(&path, &parsed) {
        return Outcome::Refused(e);
    }
    Outcome::Run { path, parsed }
}

/// `Invalid dry-run value` (kubectl's `GetDryRunStrategy`). Boolean values
/// are deprecated spellings kubectl still accepts.
fn dry_run(p: &Parsed) -> Result<(), String> {
    match p.get("dry-run") {
        None | Some("unchanged" | "client" | "server" | "none") => Ok(()),
        Some(v) if flags::parse_bool(v).is_ok() => Ok(()),
        Some(v) => Err(format!(
            "error: Invalid dry-run value ({v}). Must be \"none\", \"server\", or \"client\".\n"
        )),
    }
}

/// kubectl's `GetValidationDirective`: `--validate` is strict, warn or
/// ignore, or a boolean (true is strict, false ignore).
fn validation(p: &Parsed) -> Result<(), String> {
    match p.get("validate") {
        None | Some("strict" | "warn" | "ignore") => Ok(()),
        Some(v) if flags::parse_bool(v).is_ok() => Ok(()),
        Some(v) => Err(format!(
            "error: invalid - validate option {}; must be one of: strict (or true), warn, ignore (or false)\n",
            flags::quote(v)
        )),
    }
}

/// Whether `--validate` turns kubectl's client-side validation off.
pub fn validation_off(p: &Parsed) -> bool {
    match p.get("validate") {
        Some("ignore") => true,
        Some(v) => flags::parse_bool(v) == Ok(false),
        None => false,
    }
}

/// kubectl's `RequireFilenameOrKustomize`.
fn filename_or_kustomize(p: &Parsed) -> Result<(), String> {
    let files = p.changed("filename");
    let kustomize = p.get("kustomize").is_some_and(|k| !k.is_empty());
    if !files && !kustomize {
        return Err("error: must specify one of -f and -k\n".into());
    }
    if files && kustomize {
        return Err("error: only one of -f or -k can be specified\n".into());
    }
    Ok(())
}

/// client-go's `ParseTimeout` of `--request-timeout`, checked when kubectl
/// builds its client configuration.
fn request_timeout(p: &Parsed) -> Result<(), String> {
    match p.get("request-timeout") {
        None | Some("") => Ok(()),
        Some(t) if flags::parse_int(t, false, 64).is_ok_and(|i| i >= 0) => Ok(()),
        Some(t) if flags::parse_duration(t).is_ok() => Ok(()),
        Some(_) => Err("error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n".into()),
    }
}

/// What `--dry-run` asks for: `client`, `server` or `none`.
fn dry_run_strategy(p: &Parsed) -> &'static str {
    match p.get("dry-run") {
        Some("unchanged" | "client") => "client",
        Some("server") => "server",
        Some(v) if flags::parse_bool(v) == Ok(true) => "client",
        _ => "none",
    }
}

/// `kubectl apply`'s `Validate`.
fn apply_validate(p: &Parsed) -> Result<(), String> {
    let server_side = p.on("server-side");
    let force = p.on("force");
    let all = p.on("all");
    let selector = p.get("selector").is_some_and(|s| !s.is_empty());
    let dry = dry_run_strategy(p);
    let fail = |m: &str| Err(format!("error: {m}\n"));
    if p.on("force-conflicts") && !server_side {
        return fail("--force-conflicts only works with --server-side");
    }
    if dry == "client" && server_side {
        return fail(
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
        );
    }
    if server_side && force {
        return fail("--force cannot be used with --server-side");
    }
    if dry == "server" && force {
        return fail("--dry-run=server cannot be used with --force");
    }
    if all && selector {
        return fail("cannot set --all and --selector at the same time");
    }
    if p.on("prune") {
        if force {
            return fail("--force cannot be used with --prune");
        }
        if !all && !selector {
            return fail(
                "all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector",
            );
        }
        if server_side {
            return fail(
                "--prune is in alpha and doesn't currently work on objects created by server-side apply",
            );
        }
    }
    if p.get("subresource").is_some_and(|s| !s.is_empty()) && !server_side {
        return fail("--subresource can only be specified for --server-side");
    }
    Ok(())
}

/// Go's `%v` of a `[]string`.
fn go_list(v: &[String]) -> String {
    format!("[{}]", v.join(" "))
}

/// The checks each modelled command makes before its first request, in
/// kubectl's order (its `Complete`, then `Validate`).
pub fn validate(path: &[&'static str], p: &Parsed) -> Result<(), String> {
    let args = p.all_args();
    let files = p.changed("filename") || p.get("kustomize").is_some_and(|k| !k.is_empty());
    match path {
        ["get"] => {
            if p.get("raw").is_some_and(|r| !r.is_empty()) {
                return Ok(());
            }
            if !p.on("watch") && !p.on("watch-only") && args.is_empty() && !files {
                return Err(format!(
                    "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n{}",
                    usage_error(
                        path,
                        "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods)."
                    )
                ));
            }
            let output = p.get("output").unwrap_or("");
            if p.on("show-labels") && !output.is_empty() && output != "wide" {
                return Err(format!(
                    "error: --show-labels option cannot be used with {output} printer\n"
                ));
            }
            if p.on("output-watch-events") && !(p.on("watch") || p.on("watch-only")) {
                return Err("error: --output-watch-events option can only be used with --watch or --watch-only\n".into());
            }
            Ok(())
        }
        ["describe"] => {
            if args.is_empty() && !files {
                return Err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n".into());
            }
            Ok(())
        }
        ["logs"] => {
            const USAGE: &str = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
            let selector = p.get("selector").is_some_and(|s| !s.is_empty());
            match args.len() {
                0 if !selector => Err(usage_error(path, USAGE)),
                1 if selector => Err(usage_error(
                    path,
                    "only a selector (-l) or a POD name is allowed",
                )),
                2 if selector => Err(
                    "error: selectors and the all flag cannot be used when passing resource/name arguments\n"
                        .into(),
                ),
                0..=2 => Ok(()),
                _ => Err(usage_error(path, USAGE)),
            }
        }
        ["exec"] => {
            let dash = p.command.as_ref().map(|_| p.args.len());
            let pod = !args.is_empty() && dash != Some(0);
            let command_given = match dash {
                Some(d) => args.len() > d,
                None => {
                    if args.len() > 1 || (!args.is_empty() && p.changed("filename")) {
                        return Err(usage_error(
                            path,
                            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
                        ));
                    }
                    false
                }
            };
            if p.changed("pod-running-timeout")
                && p.duration("pod-running-timeout").is_some_and(|d| d <= 0)
            {
                return Err(usage_error(
                    path,
                    "--pod-running-timeout must be higher than zero",
                ));
            }
            request_timeout(p)?;
            if !pod && !p.changed("filename") {
                return Err("error: pod, type/name or --filename must be specified\n".into());
            }
            if !command_given {
                return Err(
                    "error: you must specify at least one command for the container\n".into(),
                );
            }
            Ok(())
        }
        ["apply"] => {
            if !args.is_empty() {
                return Err(usage_error(
                    path,
                    &format!("Unexpected args: {}", go_list(&args)),
                ));
            }
            dry_run(p)?;
            request_timeout(p)?;
            filename_or_kustomize(p)?;
            validation(p)?;
            apply_validate(p)
        }
        ["create"] => {
            if !args.is_empty() {
                return Err(usage_error(
                    path,
                    &format!("Unexpected args: {}", go_list(&args)),
                ));
            }
            dry_run(p)?;
            validation(p)?;
            filename_or_kustomize(p)?;
            if p.get("raw").is_some_and(|r| !r.is_empty()) {
                let fail = |m: &str| Err(format!("error: {m}\n"));
                if p.on("edit") {
                    return fail("--raw and --edit are mutually exclusive");
                }
                let files = p.all("filename");
                if files.len() != 1 {
                    return fail("--raw can only use a single local file or stdin");
                }
                if files[0].starts_with("http://") || files[0].starts_with("https://") {
                    return fail("--raw cannot read from a url");
                }
                if p.on("recursive") {
                    return fail("--raw and --recursive are mutually exclusive");
                }
                if p.get("selector").is_some_and(|s| !s.is_empty()) {
                    return fail("--raw and --selector (-l) are mutually exclusive");
                }
                if p.get("output").is_some_and(|s| !s.is_empty()) {
                    return fail("--raw and --output are mutually exclusive");
                }
            }
            Ok(())
        }
        ["create", "namespace"] => {
            if args.len() != 1 {
                return Err(usage_error(
                    path,
                    &format!("exactly one NAME is required, got {}", args.len()),
                ));
            }
            dry_run(p)?;
            validation(p)
        }
        ["delete"] => {
            if p.on("now") && p.int("grace-period").unwrap_or(-1) != -1 {
                return Err(
                    "error: --now and --grace-period cannot be specified together\n".into(),
                );
            }
            dry_run(p)?;
            if p.get("raw").is_some_and(|r| !r.is_empty()) {
                // kubectl skips its builder for --raw.
                if p.on("interactive") {
                    return Err("error: --interactive can not be used with --raw\n".into());
                }
                return Ok(());
            }
            let selector = p.on("all")
                || p.get("selector").is_some_and(|s| !s.is_empty())
                || p.get("field-selector").is_some_and(|s| !s.is_empty());
            if p.changed("filename") {
                return Ok(());
            }
            match args.first() {
                None if selector => {
                    Err("error: at least one resource must be specified to use a selector\n".into())
                }
                None => Err(NO_RESOURCES.into()),
                Some(_) if selector && (args.len() > 1 || args[0].contains('/')) => {
                    Err("error: name cannot be provided when a selector is specified\n".into())
                }
                Some(_) => Ok(()),
            }
        }
        ["wait"] => {
            // pkg/cmd/wait ToOptions: the printer, then the condition, then
            // (RunWait) the resources.
            printer(p.get("output").unwrap_or(""))?;
            wait_condition(p.get("for").unwrap_or(""))?;
            let selector = p.on("all")
                || p.get("selector").is_some_and(|s| !s.is_empty())
                || p.get("field-selector").is_some_and(|s| !s.is_empty());
            if args.is_empty() && !files {
                return Err(if selector && p.changed("selector") {
                    "error: at least one resource must be specified to use a selector\n".into()
                } else {
                    NO_RESOURCES.into()
                });
            }
            Ok(())
        }
        ["version"] => {
            if !args.is_empty() {
                return Err(format!("error: extra arguments: {}\n", go_list(&args)));
            }
            match p.get("output") {
                None | Some("" | "yaml" | "json") => Ok(()),
                Some(_) => Err("error: --output must be 'yaml' or 'json'\n".into()),
            }
        }
        _ => Ok(()),
    }
}

/// The resource builder's error for a command given no resources.
const NO_RESOURCES: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/// `PrintFlags.ToPrinter` of `kubectl wait` (cli-runtime's name, JSON/YAML
/// and template printers): an unknown `-o` and a template format without
/// its template.
fn printer(output: &str) -> Result<(), String> {
    const TEMPLATES: &[&str] = &[
        "go-template",
        "go-template-file",
        "jsonpath",
        "jsonpath-as-json",
        "jsonpath-file",
        "template",
        "templatefile",
    ];
    match output.split_once('=') {
        _ if matches!(output, "" | "name" | "json" | "yaml") => Ok(()),
        None if TEMPLATES.contains(&output) => {
            Err("error: template format specified but no template given\n".into())
        }
        Some((f, _)) if TEMPLATES.contains(&f) => Ok(()),
        _ => Err(format!(
            "error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"
        )),
    }
}

/// `conditionFuncFor` of pkg/cmd/wait: what `--for` may be, and the errors
/// of its JSONPath form that need no server.
fn wait_condition(cond: &str) -> Result<(), String> {
    let lower = cond.to_lowercase();
    if lower == "delete" || lower == "create" || cond.starts_with("condition=") {
        return Ok(());
    }
    let Some(input) = cond.strip_prefix("jsonpath=") else {
        return Err(format!(
            "error: unrecognized condition: {}\n",
            crate::model::tools::kubectl::object::go_quote(cond)
        ));
    };
    // splitJSONPathInput: single `=` splits, `==` does not.
    let mut parts = vec![String::new()];
    let b = input.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b.get(i + 1) == Some(&b'=') {
                parts.last_mut().expect("one").push_str("==");
                i += 2;
                continue;
            }
            parts.push(String::new());
            i += 1;
            continue;
        }
        let c = input[i..].chars().next().expect("in bounds");
        parts.last_mut().expect("one").push(c);
        i += c.len_utf8();
    }
    if parts.len() > 2 {
        return Err("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n".into());
    }
    if parts.len() == 2 && parts[1].trim_matches(|c| c == '\'' || c == '"').is_empty() {
        return Err("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n".into());
    }
    if parts[0].is_empty() {
        return Err("error: jsonpath expression cannot be empty\n".into());
    }
    Ok(())
}

/// [`validate`], then the client configuration every modelled command
/// builds before its first request.
pub fn check(path: &[&'static str], p: &Parsed) -> Result<(), String> {
    validate(path, p)?;
    if path != ["version"] {
        request_timeout(p)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What kubectl prints for `line` (words split on spaces), as
    /// `stderr` or `run PATH args [flags]`.
    fn check(line: &str, expect: &str) {
        let argv: Vec<String> = if line.is_empty() {
            Vec::new()
        } else {
            line.split(' ').map(String::from).collect()
        };
        let got = match resolve(&argv) {
            Outcome::Run { path, parsed } => {
                format!("run {path:?} {:?} {:?}", parsed.all_args(), parsed.flags)
            }
            Outcome::Help { path } => format!("help {path:?}"),
            Outcome::NotModelled { path } => format!("not modelled {path:?}"),
            Outcome::Refused(s) => s,
        };
        assert_eq!(got, expect, "kubectl {line}");
    }

    #[test]
    fn suggestions_in_kubectl_order() {
        for (typed, want) in [
            ("gt", "set get cp"),
            ("e", "expose set explain get edit exec cp events"),
            ("ap", "top cp apply api-versions api-resources"),
            (
                "c",
                "create certificate cluster-info cordon cp completion config",
            ),
            ("o", "top cp options"),
            ("DESCRIBE", "describe"),
            ("ps", "get cp wait"),
            ("list", "get wait"),
            ("rm", "run delete cp"),
            ("zzzzzz", ""),
        ] {
            assert_eq!(suggestions(typed).join(" "), want, "{typed}");
        }
    }

    #[test]
    fn finding_the_command() {
        check(
            "gt pods",
            "Error: unknown command \"gt\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n\tcp\n\n",
        );
        check(
            "zzzzzz",
            "Error: unknown command \"zzzzzz\" for \"kubectl\"\n",
        );
        check(
            "--foo get pods",
            "Error: flags cannot be placed before plugin name: --foo\n",
        );
        check(
            "-n x gt pods",
            "Error: flags cannot be placed before plugin name: -n\n",
        );
        check(
            "-n",
            "Error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n",
        );
        check(
            "-x get",
            "Error: unknown shorthand flag: 'x' in -x\nSee 'kubectl --help' for usage.\n",
        );
        check("-n x", "help []");
        check("help", "help []");
        check("-h get", "help []");
        check("help create ns", "help [\"create\", \"namespace\"]");
        check("help gt", "help [\"help\"]");
        check("", "help []");
        check("get pods -h", "help [\"get\"]");
        check(
            "-n x get pods",
            r#"run ["get"] ["pods"] [("namespace", "x")]"#,
        );
        check(
            "get -n x pods",
            r#"run ["get"] ["pods"] [("namespace", "x")]"#,
        );
        check(
            "--foo=1 get pods",
            "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
        );
        check("create ns a", r#"run ["create", "namespace"] ["a"] []"#);
        check(
            "create -f x namespace a",
            "Error: unknown shorthand flag: 'f' in -f\nSee 'kubectl create namespace --help' for usage.\n",
        );
        check("run x --image=y", "not modelled [\"run\"]");
        check(
            "create deployment x",
            "not modelled [\"create\", \"deployment\"]",
        );
    }

    #[test]
    fn validate_flag() {
        for (line, off) in [
            ("apply -f x", false),
            ("apply -f x --validate", false),
            ("apply -f x --validate=false", true),
            ("apply -f x --validate=0", true),
            ("apply -f x --validate=ignore", true),
            ("apply -f x --validate=warn", false),
        ] {
            let argv: Vec<String> = line.split(' ').map(String::from).collect();
            let Outcome::Run { parsed, .. } = resolve(&argv) else {
                panic!("{line} refused");
            };
            assert_eq!(validation_off(&parsed), off, "{line}");
        }
    }

    #[test]
    fn usage_errors() {
        let get = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n";
        let logs = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";
        for (line, want) in [
            ("get", get),
            ("get -o wide", get),
            (
                "get --show-labels -o yaml pods",
                "error: --show-labels option cannot be used with yaml printer\n",
            ),
            (
                "describe",
                "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n",
            ),
            ("logs", logs),
            ("logs -p", logs),
            ("logs a b c", logs),
            (
                "logs -l app=x a",
                "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
            ),
            (
                "exec",
                "error: pod, type/name or --filename must be specified\n",
            ),
            (
                "exec -it",
                "error: pod, type/name or --filename must be specified\n",
            ),
            (
                "exec -- ls",
                "error: pod, type/name or --filename must be specified\n",
            ),
            (
                "exec busybox",
                "error: you must specify at least one command for the container\n",
            ),
            (
                "exec busybox --",
                "error: you must specify at least one command for the container\n",
            ),
            (
                "exec busybox ls",
                "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
            ),
            (
                "exec --pod-running-timeout=0s busybox -- ls",
                "error: --pod-running-timeout must be higher than zero\nSee 'kubectl exec -h' for help and examples\n",
            ),
            ("apply", "error: must specify one of -f and -k\n"),
            (
                "apply -f -k x",
                "error: Unexpected args: [x]\nSee 'kubectl apply -h' for help and examples\n",
            ),
            (
                "apply -k x -f y",
                "error: only one of -f or -k can be specified\n",
            ),
            (
                "apply -f x --dry-run=bad",
                "error: Invalid dry-run value (bad). Must be \"none\", \"server\", or \"client\".\n",
            ),
            (
                "apply -f x --force-conflicts",
                "error: --force-conflicts only works with --server-side\n",
            ),
            ("create", "error: must specify one of -f and -k\n"),
            (
                "create foo",
                "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n",
            ),
            (
                "create namespace",
                "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
            ),
            (
                "create ns a b",
                "error: exactly one NAME is required, got 2\nSee 'kubectl create namespace -h' for help and examples\n",
            ),
            (
                "delete",
                "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
            ),
            (
                "delete --all",
                "error: at least one resource must be specified to use a selector\n",
            ),
            (
                "delete pod --all x",
                "error: name cannot be provided when a selector is specified\n",
            ),
            (
                "delete pod x --now --grace-period=5",
                "error: --now and --grace-period cannot be specified together\n",
            ),
            (
                "delete pod x --grace-period=abc",
                "Error: invalid argument \"abc\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl delete --help' for usage.\n",
            ),
        ] {
            check(line, want);
        }
    }
}
