//! `kubectl create namespace NAME` (`kubectl create -f FILE` goes the
//! apply path).

use super::util::{Ctx, Output, TYPED};
use crate::model::lang::kube::{self, objects::Object};
use crate::model::tools::kubectl::apply::APPLY_GAP;

/// The flags of `kubectl create namespace` podlab acts on.
pub(super) const NAMESPACE_FLAGS: &[&str] = &[];

impl Ctx<'_> {
    /// `kubectl create namespace NAME` (cobra found the subcommand and
    /// checked that there is one name).
    pub(super) fn create_namespace(&mut self) -> Output {
        let mut o = Output::default();
        let Some(name) = self.p.all_args().first().cloned() else {
            return o;
        };
        let problems = kube::names::dns1123_label(&name);
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
                return o.fail(&format!(
                    "Error from server ({}): {}",
                    e.reason(),
                    e.message()
                ));
            }
        }
        self.cl.advance(APPLY_GAP);
        o
    }
}
