//! `kubectl delete (-f FILE… | TYPE NAME…)`: pods (with their grace
//! period), configmaps and namespaces (with everything in them).

use super::util::{Ctx, Output, resource};
use crate::model::base::diag::FileId;
use crate::model::base::time::SimDuration;
use crate::model::base::yaml;
use crate::model::lang::kube::{self, objects::Object};
use crate::model::lang::shell::budget::Limit;
use crate::model::sim::cluster::process::Program;

/// How long kubelet waits for a process that ignores SIGTERM before it
/// kills it: the pod's `terminationGracePeriodSeconds`, default 30 s
/// (k8s.io/api core/v1 `DefaultTerminationGracePeriodSeconds`).
pub const GRACE_PERIOD: SimDuration = SimDuration::from_secs(30);
/// How long a process that handles SIGTERM takes to go.
const PROMPT_EXIT: SimDuration = SimDuration::from_millis(500);

/// The flags of `kubectl delete` podlab acts on.
pub(super) const FLAGS: &[&str] = &["filename", "now", "force", "grace-period", "wait"];

/// How long `kubectl delete` waits for the objects to go: with no
/// `--timeout`, "a week" (kubectl's delete.go: `effectiveTimeout = 168 *
/// time.Hour` when the timeout is 0). A longer grace period ends the wait
/// with the wait's error (wait.go: `extendErrWaitTimeout`).
const WAIT_MAX: SimDuration = SimDuration::from_secs(168 * 3600);

/// What a delete stopped in its wait prints: the deletion was accepted
/// (kubectl prints `deleted` before it waits), then the Ctrl-C ends
/// kubectl with status 130 and nothing more; the console shows the one
/// `^C` and note for the whole line.
fn stopped(mut o: Output, singular: &str, name: &str) -> Output {
    o.out(&format!("{singular} \"{name}\" deleted\n"));
    o.code = 130;
    o
}

impl Ctx<'_> {
    pub(super) fn delete(&mut self) -> Output {
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
            let (docs, _) = yaml::parse(FileId::Workspace(fi), &f.text);
            for (di, doc) in docs.iter().enumerate() {
                let d = kube::decode_document(FileId::Workspace(fi), di, doc);
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
        let args = self.p.all_args();
        if files.is_empty() {
            // cobra::validate made sure of a resource.
            let Some(first) = args.first() else {
                return o;
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
            let mut timed_out = false;
            match kind {
                "pods" => {
                    let wait = self.grace(&ns, &name);
                    self.cl.delete_pod(&ns, &name);
                    timed_out = wait > WAIT_MAX;
                    if !self.wait(wait.min(WAIT_MAX)) {
                        return stopped(o, singular, &name);
                    }
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
                    timed_out = wait > WAIT_MAX;
                    if !self.wait(wait.min(WAIT_MAX)) {
                        return stopped(o, singular, &name);
                    }
                }
            }
            o.out(&format!("{singular} \"{name}\" deleted\n"));
            if timed_out {
                o.err(&format!(
                    "error: timed out waiting for the condition on {kind}/{name}"
                ));
                o.code = 1;
            }
        }
        o
    }

    /// kubectl's wait for the deleted objects to go, `d` of simulated time,
    /// drawn on the budget of the console line that runs it (its hour):
    /// false, with the clock not moved and the line's budget stopped as
    /// Ctrl-C would ([`Limit::Time`]), when `d` is more than the budget has
    /// left, as the shell's `sleep` is (lang/shell/drive.rs).
    fn wait(&mut self, d: SimDuration) -> bool {
        if !self.budget.wait(d) {
            self.budget.interrupt(Limit::Time);
            return false;
        }
        self.cl.advance(d);
        true
    }

    /// How long `kubectl delete` waits for a pod to go: its processes get
    /// SIGTERM; a shell or `sleep` running as PID 1 has no handler and the
    /// kernel ignores the signal for PID 1, so the kubelet waits out the
    /// grace period before SIGKILL.
    fn grace(&self, ns: &str, name: &str) -> SimDuration {
        if self.p.on("now") || self.p.int("grace-period") == Some(0) {
            return SimDuration::ZERO;
        }
        if let Some(g) = self
            .p
            .int("grace-period")
            .and_then(|g| u64::try_from(g).ok())
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
