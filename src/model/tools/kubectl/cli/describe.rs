//! `kubectl describe pod [NAME…]`.

use super::util::{Ctx, Output, resource};
use crate::model::sim::cluster::Pod;
use crate::model::tools::kubectl::describe;

/// The flags of `kubectl describe` podlab acts on.
pub(super) const FLAGS: &[&str] = &["show-events"];

impl Ctx<'_> {
    pub(super) fn describe(&mut self) -> Output {
        let mut o = Output::default();
        let args = self.p.all_args();
        // cobra::validate made sure of a resource.
        let Some(first) = args.first() else {
            return o;
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
}
