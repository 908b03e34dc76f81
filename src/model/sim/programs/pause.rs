//! The sandbox's `/pause` process: PID 1 of a pod that shares its PID
//! namespace (`shareProcessNamespace: true`), after which every container's
//! processes are numbered; in a private namespace each container's main
//! process is PID 1 itself.

use crate::model::sim::cluster::{Cluster, Key};

/// The pause process's PID in a shared namespace.
pub const PID: u32 = 1;
/// Its command line, as `ps` shows it.
pub const COMMAND: &str = "/pause";

/// The PID a new process gets: the next one in the pod's shared namespace,
/// or `private` when the container has a namespace of its own.
pub fn pid(cl: &mut Cluster, key: &Key, private: u32) -> u32 {
    let Some(pod) = cl.pods.get_mut(key) else {
        return private;
    };
    if !pod.obj.spec.share_process_namespace {
        return private;
    }
    pod.next_pid += 1;
    pod.next_pid
}

/// The row `ps` shows for it.
pub fn ps_row() -> (u32, &'static str, String) {
    (PID, "root", COMMAND.into())
}
