//! `kubectl version [--client]`.

use super::util::{Ctx, Output};

/// The flags of `kubectl version` podlab acts on.
pub(super) const FLAGS: &[&str] = &["client", "output"];

/// The kubectl podlab answers as: the v1.32 client (the one on podlab's
/// machines prints `v1.32.4-dispatcher`, a vendor's build of upstream
/// v1.32.4, whose embedded kustomize is v5.5.0), and a cluster of the same
/// release.
const CLIENT: &str = "v1.32.4";
const KUSTOMIZE: &str = "v5.5.0";
const SERVER: &str = "v1.32.4";

impl Ctx<'_> {
    pub(super) fn version(&mut self) -> Output {
        let mut o = Output::default();
        o.out(&format!(
            "Client Version: {CLIENT}\nKustomize Version: {KUSTOMIZE}\n"
        ));
        if !self.p.on("client") {
            o.out(&format!("Server Version: {SERVER}\n"));
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use crate::model::base::time::WallClock;
    use crate::model::lang::shell::budget::Budget;
    use crate::model::sim::cluster::Cluster;
    use crate::model::tools::kubectl::cli;

    #[test]
    fn version_names_the_v1_32_client_and_cluster() {
        let mut cl = Cluster::new(WallClock::TEST);
        let run = |cl: &mut Cluster, args: &[&str]| {
            let argv: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            String::from_utf8(
                cli::run(cl, &[], &argv, &mut Budget::INTERACTIVE.clone())
                    .io
                    .out,
            )
            .unwrap()
        };
        assert_eq!(
            run(&mut cl, &["version", "--client"]),
            "Client Version: v1.32.4\nKustomize Version: v5.5.0\n"
        );
        assert_eq!(
            run(&mut cl, &["version"]),
            "Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n"
        );
    }
}
