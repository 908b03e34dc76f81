//! `kubectl version [--client]`.

use super::util::{Ctx, Output};
use crate::model::tools::kubectl::flags::{Flag, boolean, value};

/// `kubectl version`'s own flags.
pub(super) const FLAGS: &[Flag] = &[boolean("client", None), value("output", Some('o'))];

impl Ctx<'_> {
    pub(super) fn version(&mut self) -> Output {
        let mut o = Output::default();
        o.out("Client Version: v1.31.0\nKustomize Version: v5.4.2\n");
        if !self.p.on("client") {
            o.out("Server Version: v1.31.0\n");
        }
        o
    }
}
