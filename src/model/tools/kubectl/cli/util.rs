//! What every command shares, as kubectl's `cmdutil` is: the output and
//! exit code, the invocation's context (cluster, files, namespace, parsed
//! flags), the resource types and their aliases, and finding the file `-f`
//! names or the pod and container `logs` and `exec` name.

use crate::model::base::diag::FileId;
use crate::model::base::files::File;
use crate::model::lang::kube;
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::vm;
use crate::model::sim::cluster::Cluster;
use crate::model::sim::cluster::wire::Hop;
use crate::model::tools::kubectl::apply;
use crate::model::tools::kubectl::flags::Parsed;

/// The source of objects typed on the command line (no file).
pub(super) const TYPED: kube::objects::Source = kube::objects::Source {
    file: FileId::CommandLine,
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
    pub(super) fn write(&mut self, fd: u8, bytes: &[u8]) {
        self.io.write(fd, bytes);
    }
    pub(super) fn out(&mut self, s: &str) {
        self.write(1, s.as_bytes());
    }
    pub(super) fn err(&mut self, s: &str) {
        self.write(2, s.as_bytes());
        if !s.ends_with('\n') {
            self.write(2, b"\n");
        }
    }
    /// Print an apply answer on its stream; a failed one makes kubectl
    /// exit 1.
    pub(super) fn answer(&mut self, a: &apply::Answer) {
        match a.fd() {
            1 => self.out(&format!("{a}\n")),
            _ => self.err(&a.to_string()),
        }
        if a.failed() {
            self.code = 1;
        }
    }
    pub(super) fn fail(mut self, s: &str) -> Self {
        self.err(s);
        self.code = 1;
        self
    }
}

/// The resource types `get`/`delete` accept, with their aliases.
pub(super) const RESOURCES: &[(&str, &[&str])] = &[
    ("pods", &["pods", "pod", "po"]),
    ("configmaps", &["configmaps", "configmap", "cm"]),
    ("namespaces", &["namespaces", "namespace", "ns"]),
];

/// Real resource types podlab does not simulate (`kubectl get svc` etc.).
pub(super) const UNMODELLED: &[&str] = &[
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

pub(super) fn resource(word: &str) -> Option<&'static str> {
    RESOURCES
        .iter()
        .find(|(_, aliases)| aliases.contains(&word.to_ascii_lowercase().as_str()))
        .map(|(r, _)| *r)
}

/// kubectl's builder refuses the `-f` paths that do not exist before it
/// reads any, all at once (one error reads `error: …`, several one a line).
pub(super) fn missing_paths(files: &[File], p: &Parsed) -> Option<String> {
    let missing: Vec<String> = p
        .all("filename")
        .into_iter()
        .filter(|n| {
            let n = n.strip_prefix("./").unwrap_or(n);
            !files.iter().any(|f| f.name == n)
        })
        .map(|n| format!("the path \"{n}\" does not exist\n"))
        .collect();
    match missing.len() {
        0 => None,
        1 => Some(format!("error: {}", missing[0])),
        _ => Some(missing.concat()),
    }
}

pub(super) struct Ctx<'a> {
    pub(super) cl: &'a mut Cluster,
    pub(super) files: &'a [File],
    pub(super) ns: String,
    pub(super) p: Parsed,
    /// The console line's budget, which a `kubectl exec` draws on.
    pub(super) budget: &'a mut Budget,
}

impl<'a> Ctx<'a> {
    pub(super) fn namespace_exists(&self) -> bool {
        self.cl.namespaces.contains_key(&self.ns)
    }

    /// Find the pod and container a `logs`/`exec` names, printing kubectl's
    /// complaints.
    pub(super) fn target(
        &self,
        o: &mut Output,
        pod: &str,
        container: Option<&str>,
    ) -> Option<usize> {
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

    pub(super) fn file(&self, o: &mut Output, name: &str) -> Option<(usize, &'a File)> {
        let n = name.strip_prefix("./").unwrap_or(name);
        let files: &'a [File] = self.files;
        match files.iter().enumerate().find(|(_, f)| f.name == n) {
            Some(f) => Some(f),
            None => {
                o.err(&format!("error: the path \"{name}\" does not exist"));
                o.code = 1;
                None
            }
        }
    }
}
