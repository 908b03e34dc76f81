//! `kubectl apply -f FILE…` (and `create -f`): each file's documents sent
//! by kubectl's apply path, each answer printed on its stream.

use super::util::{Ctx, Output};
use crate::model::base::diag::FileId;
use crate::model::tools::kubectl::apply::Answer;
use crate::model::tools::kubectl::apply::{self, APPLY_GAP};
use crate::model::tools::kubectl::cobra;

/// The flags of `kubectl apply` (and `create -f`) podlab acts on
/// (`--dry-run` to say that it does not model it).
pub(super) const FLAGS: &[&str] = &["filename", "dry-run", "validate"];

impl Ctx<'_> {
    pub(super) fn apply(&mut self, create: bool) -> Output {
        let mut o = Output::default();
        let names: Vec<String> = self
            .p
            .all("filename")
            .into_iter()
            .map(String::from)
            .collect();
        let req = apply::Request {
            create,
            namespace: &self.ns,
            namespace_flag: self.p.get("namespace").is_some(),
            round_trip: APPLY_GAP,
        };
        let validate = !cobra::validation_off(&self.p);
        let mut empty = true;
        for name in &names {
            let Some((fi, f)) = self.file(&mut o, name) else {
                return o;
            };
            let read = apply::read(FileId::Workspace(fi), &f.text, validate);
            empty &= read.is_empty();
            for a in apply::send(self.cl, name, &read, &req) {
                o.answer(&a);
            }
        }
        if empty {
            o.answer(&Answer::NoObjects { create });
        }
        o
    }
}
