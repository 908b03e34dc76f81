//! `kubectl create namespace NAME`, and `kubectl create -f FILE` by the
//! apply path.

use super::util::{Ctx, Output, TYPED};
use crate::model::lang::kube::{self, objects::Object};
use crate::model::tools::kubectl::apply::APPLY_GAP;

impl Ctx<'_> {
    pub(super) fn create(&mut self) -> Output {
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
}
