//! `kubectl` as a learner types it: the commands the seed lab and the
//! pattern examples use, on the simulated cluster and the workspace's files
//! (the editor tabs are the files `-f` names). Every answer — output, error
//! wording, exit code — is kubectl's; what podlab does not model it says so
//! with a `podlab:` prefix, never in kubectl's voice.

use crate::model::base::diag::FileId;
use crate::model::base::time::SimDuration;
use crate::model::base::yaml;
use crate::model::lang::kube::{self, objects::Object};
use crate::model::lang::shell::vm;
use crate::model::project::workspace::{APPLY_GAP, File};
use crate::model::sim::cluster::process::Program;
use crate::model::sim::cluster::wire::Hop;
use crate::model::sim::cluster::{CState, Cluster, Pod};
use crate::model::tools::kubectl::flags::{self, Flag, Parsed, boolean, value};
use crate::model::tools::kubectl::{apply, describe, object, pod_row, table};

/// The source of objects typed on the command line (no file).
const TYPED: kube::objects::Source = kube::objects::Source {
    file: FileId(u32::MAX - 1),
    doc: 0,
    span: crate::model::base::diag::Span { start: 0, end: 0 },
};

/// What one kubectl invocation printed (both streams, and their order, as
/// the shell's [`vm::Output`] keeps them) and returned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub io: vm::Output,
    pub code: i32,
    /// Hops of any request a `kubectl exec` made.
    pub trace: Vec<Hop>,
}

impl Output {
    fn write(&mut self, fd: u8, bytes: &[u8]) {
        self.io.write(fd, bytes);
    }
    fn out(&mut self, s: &str) {
        self.write(1, s.as_bytes());
    }
    fn err(&mut self, s: &str) {
        self.write(2, s.as_bytes());
        if !s.ends_with('\n') {
            self.write(2, b"\n");
        }
    }
    fn fail(mut self, s: &str) -> Self {
        self.err(s);
        self.code = 1;
        self
    }
}

/// The commands podlab's kubectl knows, for `kubectl help` and completion.
pub const COMMANDS: &[&str] = &[
    "apply", "create", "delete", "describe", "exec", "get", "logs", "version",
];

/// The resource types `get`/`delete` accept, with their aliases.
const RESOURCES: &[(&str, &[&str])] = &[
    ("pods", &["pods", "pod", "po"]),
    ("configmaps", &["configmaps", "configmap", "cm"]),
    ("namespaces", &["namespaces", "namespace", "ns"]),
];

/// Real resource types podlab does not simulate (`kubectl get svc` etc.).
const UNMODELLED: &[&str] = &[
    "services",
    "service",
    "svc",
    "deployments",
    "deployment",
    "deploy",
    "replicasets",
    "rs",
    "nodes",
    "node",
    "no",
    "events",
    "ev",
    "secrets",
    "secret",
    "all",
    "endpoints",
    "ep",
    "jobs",
    "job",
    "serviceaccounts",
    "sa",
];

fn resource(word: &str) -> Option<&'static str> {
    RESOURCES
        .iter()
        .find(|(_, aliases)| aliases.contains(&word.to_ascii_lowercase().as_str()))
        .map(|(r, _)| *r)
}

/// How long kubelet waits for a process that ignores SIGTERM before it
/// kills it: the pod's `terminationGracePeriodSeconds`, default 30 s
/// (k8s.io/api core/v1 `DefaultTerminationGracePeriodSeconds`).
pub const GRACE_PERIOD: SimDuration = SimDuration::from_secs(30);
/// How long a process that handles SIGTERM takes to go.
const PROMPT_EXIT: SimDuration = SimDuration::from_millis(500);

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
        "get" => &[
            value("output", Some('o')),
            boolean("no-headers", None),
            boolean("all-namespaces", Some('A')),
            boolean("watch", Some('w')),
            boolean("show-labels", None),
            value("selector", Some('l')),
        ],
        "describe" => &[boolean("show-events", None)],
        "logs" => &[
            value("container", Some('c')),
            boolean("previous", Some('p')),
            boolean("follow", Some('f')),
            value("tail", None),
            boolean("timestamps", None),
            boolean("all-containers", None),
        ],
        "exec" => &[
            value("container", Some('c')),
            boolean("stdin", Some('i')),
            boolean("tty", Some('t')),
            boolean("quiet", Some('q')),
        ],
        "apply" | "create" => &[
            value("filename", Some('f')),
            value("dry-run", None),
            boolean("validate", None),
        ],
        "delete" => &[
            value("filename", Some('f')),
            boolean("now", None),
            boolean("force", None),
            value("grace-period", None),
            boolean("wait", None),
        ],
        "version" => &[boolean("client", None), value("output", Some('o'))],
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

struct Ctx<'a> {
    cl: &'a mut Cluster,
    files: &'a [File],
    ns: String,
    p: Parsed,
}

impl Ctx<'_> {
    fn namespace_exists(&self) -> bool {
        self.cl.namespaces.contains_key(&self.ns)
    }

    fn version(&mut self) -> Output {
        let mut o = Output::default();
        o.out("Client Version: v1.31.0\nKustomize Version: v5.4.2\n");
        if !self.p.on("client") {
            o.out("Server Version: v1.31.0\n");
        }
        o
    }

    // ---- get ------------------------------------------------------------

    fn get(&mut self) -> Output {
        let mut o = Output::default();
        if self.p.on("watch") {
            return o.fail("podlab: --watch is not modelled; the pods panel shows status live");
        }
        if self.p.get("selector").is_some() {
            return o.fail("podlab: label selectors (-l) are not modelled");
        }
        let Some(first) = self.p.args.first().cloned() else {
            return o.fail(
                "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples",
            );
        };
        // `pod/name` form.
        let (kind_word, mut names): (String, Vec<String>) = match first.split_once('/') {
            Some((k, n)) => (k.to_string(), vec![n.to_string()]),
            None => (first.clone(), Vec::new()),
        };
        names.extend(self.p.args[1..].iter().cloned());
        let Some(kind) = resource(&kind_word) else {
            if UNMODELLED.contains(&kind_word.to_ascii_lowercase().as_str()) {
                return o.fail(&format!(
                    "podlab: `kubectl get {kind_word}` is not modelled: podlab simulates pods, configmaps and namespaces"
                ));
            }
            return o.fail(&format!(
                "error: the server doesn't have a resource type \"{kind_word}\""
            ));
        };
        let all_ns = self.p.on("all-namespaces");
        if !all_ns && kind != "namespaces" && !self.namespace_exists() && names.is_empty() {
            o.err(&format!("No resources found in {} namespace.", self.ns));
            return o;
        }
        let format = self.p.get("output").unwrap_or("").to_string();
        let (fmt, arg) = match format.split_once('=') {
            Some((f, a)) => (f.to_string(), a.to_string()),
            None => (format.clone(), String::new()),
        };
        // Gather (namespace, name, value, row).
        let mut found: Vec<(String, String, serde_json::Value, Vec<String>)> = Vec::new();
        let mut missing = Vec::new();
        let header: Vec<String>;
        let wide = fmt == "wide";
        match kind {
            "pods" => {
                header = get_pods_header(wide);
                let pods: Vec<&Pod> = self
                    .cl
                    .pods
                    .values()
                    .filter(|p| all_ns || p.namespace == self.ns)
                    .collect();
                self.select(
                    &names,
                    &pods,
                    |p| p.name().to_string(),
                    &mut missing,
                    |p| {
                        (
                            p.namespace.clone(),
                            p.name().to_string(),
                            object::pod(self.cl, p),
                            pod_row(self.cl, p, wide),
                        )
                    },
                    &mut found,
                );
            }
            "configmaps" => {
                header = ["NAME", "DATA", "AGE"].map(String::from).to_vec();
                let mut cms: Vec<(String, String, serde_json::Value, Vec<String>)> = Vec::new();
                for (nsname, created) in &self.cl.namespaces {
                    if !(all_ns || *nsname == self.ns) {
                        continue;
                    }
                    // Every namespace holds the cluster's CA bundle
                    // (the root-ca-cert-publisher controller).
                    let root = kube::objects::ConfigMapObject {
                        name: "kube-root-ca.crt".into(),
                        namespace: Some(nsname.clone()),
                        data: [("ca.crt".to_string(), "-----BEGIN CERTIFICATE-----\n(podlab: not a real certificate)\n-----END CERTIFICATE-----\n".to_string())].into_iter().collect(),
                        source: TYPED,
                    };
                    let mut here: Vec<(
                        &kube::objects::ConfigMapObject,
                        crate::model::base::time::SimTime,
                    )> = vec![(&root, *created)];
                    for ((cns, _), (cm, t)) in &self.cl.config_maps {
                        if cns == nsname {
                            here.push((cm, *t));
                        }
                    }
                    here.sort_by(|a, b| a.0.name.cmp(&b.0.name));
                    for (cm, t) in here {
                        cms.push((
                            nsname.clone(),
                            cm.name.clone(),
                            object::config_map(self.cl, cm, nsname, t),
                            vec![
                                cm.name.clone(),
                                cm.data.len().to_string(),
                                table::human_duration(self.cl.now.since(t)),
                            ],
                        ));
                    }
                }
                self.select_rows(&names, cms, &mut missing, &mut found);
            }
            _ => {
                header = ["NAME", "STATUS", "AGE"].map(String::from).to_vec();
                let rows = self
                    .cl
                    .namespaces
                    .iter()
                    .map(|(n, t)| {
                        (
                            String::new(),
                            n.clone(),
                            object::namespace(self.cl, n, *t),
                            vec![
                                n.clone(),
                                "Active".into(),
                                table::human_duration(self.cl.now.since(*t)),
                            ],
                        )
                    })
                    .collect();
                self.select_rows(&names, rows, &mut missing, &mut found);
            }
        }
        let singular = kind.trim_end_matches('s');
        let show_ns = all_ns && kind != "namespaces";
        match fmt.as_str() {
            "" | "wide" => {
                if !found.is_empty() {
                    let mut rows = Vec::new();
                    if !self.p.on("no-headers") {
                        let mut h = header.clone();
                        if show_ns {
                            h.insert(0, "NAMESPACE".into());
                        }
                        if self.p.on("show-labels") {
                            h.push("LABELS".into());
                        }
                        rows.push(h);
                    }
                    for (n, _, v, r) in &found {
                        let mut r = r.clone();
                        if show_ns {
                            r.insert(0, n.clone());
                        }
                        if self.p.on("show-labels") {
                            r.push(labels_of(v));
                        }
                        rows.push(r);
                    }
                    o.out(&table::render(&rows));
                }
            }
            "yaml" => {
                if !found.is_empty() {
                    let v = if names.is_empty() || found.len() > 1 {
                        object::list(found.iter().map(|f| f.2.clone()).collect())
                    } else {
                        found[0].2.clone()
                    };
                    o.out(&object::to_yaml(&v));
                }
            }
            "name" => {
                for (_, n, _, _) in &found {
                    o.out(&format!("{singular}/{n}\n"));
                }
            }
            "jsonpath" => {
                let tpl = unquote(&arg);
                let v = if names.is_empty() {
                    object::list(found.iter().map(|f| f.2.clone()).collect())
                } else if let Some(f) = found.first() {
                    f.2.clone()
                } else {
                    serde_json::Value::Null
                };
                if !found.is_empty() || names.is_empty() {
                    match object::jsonpath(&v, &tpl) {
                        Ok(s) => o.out(&s),
                        Err(e) => {
                            o.err(&format!(
                                "error: error executing jsonpath \"{tpl}\": Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{tpl}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n",
                                serde_json::to_string(&v).unwrap_or_default()
                            ));
                            o.code = 1;
                            return o;
                        }
                    }
                }
            }
            "custom-columns" => {
                let cols = match parse_columns(&arg) {
                    Ok(c) => c,
                    Err(e) => return o.fail(&e),
                };
                let mut rows = Vec::new();
                if !self.p.on("no-headers") {
                    rows.push(cols.iter().map(|c| c.0.clone()).collect());
                }
                for (_, _, v, _) in &found {
                    let mut row = Vec::new();
                    for (_, path) in &cols {
                        let vals = match object::select(v, path) {
                            Ok(v) => v,
                            Err(e) => return o.fail(&format!("error: {e}")),
                        };
                        row.push(if vals.is_empty() {
                            "<none>".to_string()
                        } else {
                            vals.iter()
                                .map(|x| object::text(x))
                                .collect::<Vec<_>>()
                                .join(",")
                        });
                    }
                    rows.push(row);
                }
                if !rows.is_empty() {
                    o.out(&table::render(&rows));
                }
            }
            "json" | "go-template" | "jsonpath-as-json" | "template" => {
                return o.fail(&format!(
                    "podlab: -o {fmt} is not modelled; -o yaml shows the same object"
                ));
            }
            other => {
                return o.fail(&format!(
                    "error: unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
                ));
            }
        }
        for n in &missing {
            o.err(&format!(
                "Error from server (NotFound): {kind} \"{n}\" not found"
            ));
            o.code = 1;
        }
        if found.is_empty() && missing.is_empty() {
            if all_ns || kind == "namespaces" {
                o.err("No resources found");
            } else {
                o.err(&format!("No resources found in {} namespace.", self.ns));
            }
        }
        o
    }

    #[allow(clippy::too_many_arguments)]
    fn select<T>(
        &self,
        names: &[String],
        items: &[T],
        name_of: impl Fn(&T) -> String,
        missing: &mut Vec<String>,
        make: impl Fn(&T) -> (String, String, serde_json::Value, Vec<String>),
        found: &mut Vec<(String, String, serde_json::Value, Vec<String>)>,
    ) {
        if names.is_empty() {
            found.extend(items.iter().map(&make));
            return;
        }
        for n in names {
            match items.iter().find(|i| &name_of(i) == n) {
                Some(i) => found.push(make(i)),
                None => missing.push(n.clone()),
            }
        }
    }

    fn select_rows(
        &self,
        names: &[String],
        rows: Vec<(String, String, serde_json::Value, Vec<String>)>,
        missing: &mut Vec<String>,
        found: &mut Vec<(String, String, serde_json::Value, Vec<String>)>,
    ) {
        self.select(names, &rows, |r| r.1.clone(), missing, Clone::clone, found);
    }

    // ---- describe -------------------------------------------------------

    fn describe(&mut self) -> Output {
        let mut o = Output::default();
        let args = self.p.args.clone();
        let Some(first) = args.first() else {
            return o.fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\nerror: Required resource not specified.");
        };
        let (kind_word, names): (String, Vec<String>) = match first.split_once('/') {
            Some((k, n)) => (k.into(), vec![n.into()]),
            None => (first.clone(), args[1..].to_vec()),
        };
        match resource(&kind_word) {
            Some("pods") => {}
            Some(_) => {
                return o.fail(&format!(
                    "podlab: `kubectl describe {kind_word}` is not modelled; try kubectl get {kind_word} -o yaml"
                ));
            }
            None => {
                return o.fail(&format!(
                    "error: the server doesn't have a resource type \"{kind_word}\""
                ));
            }
        }
        let pods: Vec<&Pod> = if names.is_empty() {
            self.cl
                .pods
                .values()
                .filter(|p| p.namespace == self.ns)
                .collect()
        } else {
            let mut v = Vec::new();
            for n in &names {
                match self.cl.pod(&self.ns, n) {
                    Some(p) => v.push(p),
                    None => {
                        o.err(&format!(
                            "Error from server (NotFound): pods \"{n}\" not found"
                        ));
                        o.code = 1;
                    }
                }
            }
            v
        };
        if pods.is_empty() && names.is_empty() {
            o.err(&format!("No resources found in {} namespace.", self.ns));
        }
        let texts: Vec<String> = pods.iter().map(|p| describe::pod(self.cl, p)).collect();
        o.out(&texts.join("\n\n"));
        o
    }

    // ---- logs -----------------------------------------------------------

    /// Find the pod and container a `logs`/`exec` names, printing kubectl's
    /// complaints.
    fn target(&self, o: &mut Output, pod: &str, container: Option<&str>) -> Option<usize> {
        let pod = pod
            .strip_prefix("pod/")
            .or_else(|| pod.strip_prefix("pods/"))
            .unwrap_or(pod);
        let Some(p) = self.cl.pod(&self.ns, pod) else {
            o.err(&format!(
                "Error from server (NotFound): pods \"{pod}\" not found"
            ));
            o.code = 1;
            return None;
        };
        match container {
            Some(c) => match p.containers.iter().position(|x| x.spec.name == c) {
                Some(i) => Some(i),
                None => {
                    o.err(&format!(
                        "Error from server (BadRequest): container {c} is not valid for pod {pod}"
                    ));
                    o.code = 1;
                    None
                }
            },
            None => {
                if p.containers.len() > 1 {
                    o.err(&format!(
                        "Defaulted container \"{}\" out of: {}",
                        p.containers[0].spec.name,
                        p.containers
                            .iter()
                            .map(|c| c.spec.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                Some(0)
            }
        }
    }

    fn logs(&mut self) -> Output {
        let mut o = Output::default();
        let args = self.p.args.clone();
        let Some(pod) = args.first() else {
            return o.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
        };
        if args.len() > 2 {
            return o.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
        }
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
        let text = match self.p.get("tail").and_then(|t| t.parse::<i64>().ok()) {
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

    // ---- exec -----------------------------------------------------------

    fn exec(&mut self) -> Output {
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

    // ---- apply / create / delete ----------------------------------------

    fn file(&self, o: &mut Output, name: &str) -> Option<(usize, &File)> {
        let n = name.strip_prefix("./").unwrap_or(name);
        match self.files.iter().enumerate().find(|(_, f)| f.name == n) {
            Some(f) => Some(f),
            None => {
                o.err(&format!("error: the path \"{name}\" does not exist"));
                o.code = 1;
                None
            }
        }
    }

    fn apply(&mut self, create: bool) -> Output {
        let mut o = Output::default();
        let names: Vec<String> = self
            .p
            .all("filename")
            .into_iter()
            .map(String::from)
            .collect();
        if names.is_empty() {
            let verb = if create { "create" } else { "apply" };
            return o.fail(&format!(
                "error: must specify one of -f and -k\n\nSee 'kubectl {verb} -h' for help and examples"
            ));
        }
        let mut read = 0;
        for name in &names {
            let Some((fi, f)) = self.file(&mut o, name) else {
                return o;
            };
            let (docs, diags) = yaml::parse(FileId(fi as u32), &f.text);
            read += docs.len() + diags.len();
            let validate = !matches!(self.p.get("validate"), Some("false" | "ignore"));
            let mut stopped = false;
            for (di, doc) in docs.iter().enumerate() {
                if let Some(e) = validate
                    .then(|| kube::decode::validation_error(name, doc))
                    .flatten()
                {
                    o.err(&e);
                    o.code = 1;
                    stopped = true;
                    break;
                }
                let d = kube::decode_document(FileId(fi as u32), di, doc);
                for (w, _) in &d.warnings {
                    o.err(&format!("Warning: {w}"));
                }
                match &d.result {
                    Ok(obj) => {
                        if let Some(mns) = obj.namespace()
                            && self.p.get("namespace").is_some()
                            && mns != self.ns
                        {
                            o.err(&format!(
                                "error: the namespace from the provided object \"{mns}\" does not match the namespace \"{}\". You must pass '--namespace={mns}' to perform this operation.",
                                self.ns
                            ));
                            o.code = 1;
                            continue;
                        }
                        let r = if create {
                            self.cl.create(obj, &self.ns)
                        } else {
                            self.cl.apply(obj, &self.ns)
                        };
                        match r {
                            Ok(a) => {
                                o.out(&format!("{}\n", apply::success(obj.kind(), obj.name(), &a)))
                            }
                            Err(e) => {
                                o.err(&apply::api_error(name, &e, create));
                                o.code = 1;
                            }
                        }
                    }
                    Err(_) => {
                        o.err(&apply::rejection(name, &d, create));
                        o.code = 1;
                    }
                }
                self.cl.advance(APPLY_GAP);
            }
            if let Some(d) = diags.first().filter(|_| !stopped) {
                o.err(&kube::decode::parse_error(name, d));
                o.code = 1;
            }
        }
        if read == 0 {
            let verb = if create { "create" } else { "apply" };
            return o.fail(&format!("error: no objects passed to {verb}"));
        }
        o
    }

    fn create(&mut self) -> Output {
        let args = self.p.args.clone();
        match args.first().map(String::as_str) {
            None => self.apply(true),
            Some("namespace" | "ns") => {
                let mut o = Output::default();
                let Some(name) = args.get(1) else {
                    return o.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples");
                };
                if args.len() > 2 {
                    return o.fail(&format!("error: exactly one NAME is required, got {}\nSee 'kubectl create namespace -h' for help and examples", args.len() - 1));
                }
                let problems = kube::names::dns1123_label(name);
                if !problems.is_empty() {
                    return o.fail(&format!(
                        "The Namespace \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": {}",
                        problems.join(", ")
                    ));
                }
                let obj = Object::Namespace(kube::objects::NamespaceObject {
                    name: name.clone(),
                    source: TYPED,
                });
                match self.cl.create(&obj, "default") {
                    Ok(_) => o.out(&format!("namespace/{name} created\n")),
                    Err(e) => {
                        return o.fail(&format!("Error from server ({}): {}", e.reason(), e.message()));
                    }
                }
                self.cl.advance(APPLY_GAP);
                o
            }
            Some(other) => Output::default().fail(&format!(
                "podlab: `kubectl create {other}` is not modelled; write it as a manifest and use kubectl create -f FILE"
            )),
        }
    }

    fn delete(&mut self) -> Output {
        let mut o = Output::default();
        let mut targets: Vec<(&'static str, String, String)> = Vec::new();
        let files: Vec<String> = self
            .p
            .all("filename")
            .into_iter()
            .map(String::from)
            .collect();
        for name in &files {
            let Some((fi, f)) = self.file(&mut o, name) else {
                return o;
            };
            let (docs, _) = yaml::parse(FileId(fi as u32), &f.text);
            for (di, doc) in docs.iter().enumerate() {
                let d = kube::decode_document(FileId(fi as u32), di, doc);
                if let Ok(obj) = &d.result {
                    let kind = match obj {
                        Object::Pod(_) => "pods",
                        Object::ConfigMap(_) => "configmaps",
                        Object::Namespace(_) => "namespaces",
                    };
                    let ns = obj.namespace().unwrap_or(&self.ns).to_string();
                    targets.push((kind, ns, obj.name().to_string()));
                }
            }
        }
        let args = self.p.args.clone();
        if files.is_empty() {
            let Some(first) = args.first() else {
                return o.fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
            };
            let (kind_word, names): (String, Vec<String>) = match first.split_once('/') {
                Some((k, n)) => (k.into(), vec![n.into()]),
                None => (first.clone(), args[1..].to_vec()),
            };
            let Some(kind) = resource(&kind_word) else {
                return o.fail(&format!(
                    "error: the server doesn't have a resource type \"{kind_word}\""
                ));
            };
            if names.is_empty() {
                return o.fail("error: resource(s) were provided, but no name was specified");
            }
            for n in names {
                targets.push((kind, self.ns.clone(), n));
            }
        }
        for (kind, ns, name) in targets {
            let singular = kind.trim_end_matches('s');
            let exists = match kind {
                "pods" => self.cl.pod(&ns, &name).is_some(),
                "configmaps" => self
                    .cl
                    .config_maps
                    .contains_key(&(ns.clone(), name.clone())),
                _ => self.cl.namespaces.contains_key(&name),
            };
            if !exists {
                o.err(&format!(
                    "Error from server (NotFound): {kind} \"{name}\" not found"
                ));
                o.code = 1;
                continue;
            }
            match kind {
                "pods" => {
                    let wait = self.grace(&ns, &name);
                    self.cl.delete_pod(&ns, &name);
                    self.cl.advance(wait);
                }
                "configmaps" => {
                    self.cl.delete_config_map(&ns, &name);
                }
                _ => {
                    if ["default", "kube-system", "kube-public", "kube-node-lease"]
                        .contains(&name.as_str())
                    {
                        o.err(&format!("Error from server (Forbidden): namespaces \"{name}\" is forbidden: this namespace may not be deleted"));
                        o.code = 1;
                        continue;
                    }
                    let pods: Vec<String> = self
                        .cl
                        .pods
                        .values()
                        .filter(|p| p.namespace == name)
                        .map(|p| p.name().to_string())
                        .collect();
                    let wait = pods
                        .iter()
                        .map(|p| self.grace(&name, p))
                        .max()
                        .unwrap_or(SimDuration::ZERO);
                    for p in pods {
                        self.cl.delete_pod(&name, &p);
                    }
                    self.cl.config_maps.retain(|(n, _), _| *n != name);
                    self.cl.namespaces.remove(&name);
                    self.cl.advance(wait);
                }
            }
            o.out(&format!("{singular} \"{name}\" deleted\n"));
        }
        o
    }

    /// How long `kubectl delete` waits for a pod to go: its processes get
    /// SIGTERM; a shell or `sleep` running as PID 1 has no handler and the
    /// kernel ignores the signal for PID 1, so the kubelet waits out the
    /// grace period before SIGKILL.
    fn grace(&self, ns: &str, name: &str) -> SimDuration {
        if self.p.on("now") || self.p.get("grace-period") == Some("0") {
            return SimDuration::ZERO;
        }
        if let Some(g) = self
            .p
            .get("grace-period")
            .and_then(|g| g.parse::<u64>().ok())
        {
            return SimDuration::from_secs(g);
        }
        let Some(pod) = self.cl.pod(ns, name) else {
            return SimDuration::ZERO;
        };
        let ignores = !pod.obj.spec.share_process_namespace
            && pod.containers.iter().any(|c| {
                c.process
                    .as_ref()
                    .is_some_and(|p| matches!(p.program, Program::Shell(_) | Program::Idle))
            });
        if ignores { GRACE_PERIOD } else { PROMPT_EXIT }
    }
}

fn get_pods_header(wide: bool) -> Vec<String> {
    let mut h: Vec<String> = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
        .map(String::from)
        .to_vec();
    if wide {
        h.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"].map(String::from));
    }
    h
}

fn labels_of(v: &serde_json::Value) -> String {
    match v.pointer("/metadata/labels").and_then(|l| l.as_object()) {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| format!("{k}={}", object::text(v)))
            .collect::<Vec<_>>()
            .join(","),
        _ => "<none>".into(),
    }
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['\'', '"'] {
        if let Some(x) = t.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return x.to_string();
        }
    }
    t.to_string()
}

/// `-o custom-columns=HEADER:PATH,…`.
fn parse_columns(spec: &str) -> Result<Vec<(String, String)>, String> {
    if spec.is_empty() {
        return Err("error: custom-columns format specified but no custom columns given".into());
    }
    spec.split(',')
        .map(|col| match col.split_once(':') {
            Some((h, p)) if !h.is_empty() => Ok((h.to_string(), p.to_string())),
            _ => Err(format!(
                "error: unexpected custom-columns spec: {col}, expected <header>:<json-path-expr>"
            )),
        })
        .collect()
}
