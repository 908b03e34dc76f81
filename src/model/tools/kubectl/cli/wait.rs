//! `kubectl wait --for=condition=NAME[=VALUE] (TYPE/NAME… | TYPE NAME…)
//! [--timeout=D] [-o name]`: the clock runs ahead, one event of the
//! cluster at a time, until each object's `status.conditions` holds the
//! condition (as `kubectl get -o yaml` shows them), or the timeout passes
//! (kubectl 1.32's pkg/cmd/wait: a 30 s default, 0 to look once, a
//! negative one for a week). The wait draws on the console line's
//! simulated hour as `sleep` does.

use super::util::{Ctx, Output, UNMODELLED, resource};
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::shell::budget::Limit;
use crate::model::tools::kubectl::object;

/// The flags of `kubectl wait` podlab acts on.
pub(super) const FLAGS: &[&str] = &["for", "timeout", "output"];

/// kubectl's default `--timeout` (`NewWaitFlags`).
const DEFAULT_TIMEOUT: SimDuration = SimDuration::from_secs(30);
/// What a negative `--timeout` stands for: `168 * time.Hour`.
const WEEK: SimDuration = SimDuration::from_secs(168 * 3600);

impl Ctx<'_> {
    pub(super) fn wait_for(&mut self) -> Output {
        let mut o = Output::default();
        let cond = self.p.get("for").unwrap_or("").to_string();
        // cobra::validate refused what kubectl refuses before its requests.
        let Some(rest) = cond.strip_prefix("condition=") else {
            return o.fail(&format!(
                "podlab: `kubectl wait --for={cond}` is not modelled; podlab waits for --for=condition=NAME[=VALUE]"
            ));
        };
        let (name, value) = rest.split_once('=').unwrap_or((rest, "true"));
        let name = name.to_string();
        let value = value.to_string();
        let name_only = match self.p.get("output") {
            None | Some("") => false,
            Some("name") => true,
            Some(other) => {
                return o.fail(&format!(
                    "podlab: `kubectl wait -o {other}` is not modelled; podlab prints kubectl's default line or -o name"
                ));
            }
        };
        let timeout = match self.p.duration("timeout") {
            None => DEFAULT_TIMEOUT,
            Some(n) if n < 0 => WEEK,
            Some(n) => SimDuration::from_micros((n / 1000) as u64),
        };
        let args = self.p.all_args();
        let Some(first) = args.first().cloned() else {
            return o;
        };
        let (kind_word, mut names): (String, Vec<String>) = match first.split_once('/') {
            Some((k, n)) => (k.to_string(), vec![n.to_string()]),
            None => (first.clone(), Vec::new()),
        };
        names.extend(
            args[1..]
                .iter()
                .map(|a| a.split_once('/').map_or(a.clone(), |(_, n)| n.to_string())),
        );
        let Some(kind) = resource(&kind_word) else {
            if UNMODELLED.contains(&kind_word.to_ascii_lowercase().as_str()) {
                return o.fail(&format!(
                    "podlab: `kubectl wait {kind_word}` is not modelled: podlab simulates pods, configmaps and namespaces"
                ));
            }
            return o.fail(&format!(
                "error: the server doesn't have a resource type \"{kind_word}\""
            ));
        };
        if names.is_empty() {
            // Every object of the type, as the builder lists them.
            names = match kind {
                "pods" => self
                    .cl
                    .pods
                    .values()
                    .filter(|p| p.namespace == self.ns)
                    .map(|p| p.name().to_string())
                    .collect(),
                "configmaps" => self
                    .cl
                    .config_maps
                    .keys()
                    .filter(|(n, _)| *n == self.ns)
                    .map(|(_, c)| c.clone())
                    .collect(),
                _ => self.cl.namespaces.keys().cloned().collect(),
            };
            if names.is_empty() {
                return o.fail("error: no matching resources found");
            }
        }
        let singular = kind.trim_end_matches('s');
        let deadline = self.cl.now + timeout;
        for n in names {
            // Each object is a request: a line of many names draws on the
            // line's ops as a loop would.
            if !self.budget.op() {
                return o;
            }
            if !self.exists(kind, &n) {
                return o.fail(&format!(
                    "Error from server (NotFound): {kind} \"{n}\" not found"
                ));
            }
            if timeout == SimDuration::ZERO {
                if !self.condition(kind, &n, &name, &value) {
                    return o.fail(&format!("error: condition not met for {kind}/{n}"));
                }
            } else {
                loop {
                    if self.condition(kind, &n, &name, &value) {
                        break;
                    }
                    if self.cl.now >= deadline {
                        return o.fail(&format!(
                            "error: timed out waiting for the condition on {kind}/{n}"
                        ));
                    }
                    let next = self
                        .cl
                        .next_timer()
                        .filter(|t| *t <= deadline)
                        .unwrap_or(deadline);
                    if !self.run_to(next) {
                        return o;
                    }
                }
            }
            if name_only {
                o.out(&format!("{singular}/{n}\n"));
            } else {
                o.out(&format!("{singular}/{n} condition met\n"));
            }
        }
        o
    }

    fn exists(&self, kind: &str, name: &str) -> bool {
        match kind {
            "pods" => self.cl.pod(&self.ns, name).is_some(),
            "configmaps" => self
                .cl
                .config_maps
                .contains_key(&(self.ns.clone(), name.to_string())),
            _ => self.cl.namespaces.contains_key(name),
        }
    }

    /// Whether the object's `status.conditions` has the condition `name`
    /// with `value`, compared as kubectl does (`strings.EqualFold`). Only
    /// pods have conditions among the objects podlab simulates.
    fn condition(&self, kind: &str, pod: &str, name: &str, value: &str) -> bool {
        if kind != "pods" {
            return false;
        }
        let Some(p) = self.cl.pod(&self.ns, pod) else {
            return false;
        };
        let fold = |s: &str| s.to_lowercase();
        object::conditions(p)
            .into_iter()
            .find(|(ty, _)| fold(ty) == fold(name))
            .is_some_and(|(_, ok)| fold(if ok { "True" } else { "False" }) == fold(value))
    }

    /// Let the clock run to `t`, drawn on the line's simulated hour: false,
    /// with the line stopped as Ctrl-C would ([`Limit::Time`]), when that
    /// is more than it has left.
    fn run_to(&mut self, t: SimTime) -> bool {
        let d = t.since(self.cl.now);
        if !self.budget.wait(d) {
            self.budget.interrupt(Limit::Time);
            return false;
        }
        self.cl.advance_to(t);
        true
    }
}
