//! `kubectl version [--client]`.

use super::util::{Ctx, Output};

/// The flags of `kubectl version` podlab acts on.
pub(super) const FLAGS: &[&str] = &["client", "output"];

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
