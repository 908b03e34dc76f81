//! What crosses the wire: the hops a request takes, the round trips of the
//! node's links, and the sockets a process binds. Which program answers a
//! connection is decided in `sim::programs::deliver`, which hands itself
//! down as a [`Route`] to a program that opens connections of its own
//! (HAProxy), so that programs need not import the router.

use std::net::IpAddr;

use super::process::Program;
use super::{Cluster, Key};
use crate::model::base::i18n::Msg;
use crate::model::base::net::conn::Reply;
use crate::model::base::net::{Errno, Listener, NetNsId, SocketAddr};
use crate::model::base::outcome::Outcome;
use crate::model::base::time::{SimDuration, SimTime};

/// Open a TCP connection from a namespace to `ip:port`, send the bytes, and
/// return what comes back, recording each step.
pub type Route = fn(&mut Cluster, NetNsId, IpAddr, u16, &[u8], SimTime, &mut Vec<Hop>) -> Reply;

/// A round trip over the pod's loopback.
pub const LOOPBACK_RTT: SimDuration = SimDuration::from_micros(40);
/// A round trip between two pods on the node (veth pair and bridge).
pub const POD_RTT: SimDuration = SimDuration::from_micros(120);
/// How long a SYN to an address no one has goes unanswered before the
/// client sees "No route to host" (the neighbour table's ARP timeout, 3 s).
pub const ARP_TIMEOUT: SimDuration = SimDuration::from_secs(3);

/// One step of a request's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    pub at: SimTime,
    /// Where the step happens: pod and container.
    pub pod: String,
    pub container: Option<String>,
    /// What the step says, for the trace's caption (display only), in
    /// podlab's words: the UI renders it in the language shown.
    pub text: Msg,
    /// What the step came to: its colour is decided from this.
    pub outcome: Outcome,
    /// The volume the step read or wrote, if any (the diagram lights that
    /// mount).
    pub volume: Option<String>,
}

impl Hop {
    /// Whether the request got through this step.
    pub fn ok(&self) -> bool {
        self.outcome.ok()
    }
}

impl Cluster {
    /// The pod whose network namespace this is.
    pub fn pod_of_ns(&self, ns: NetNsId) -> Option<Key> {
        self.pods
            .iter()
            .find(|(_, p)| p.netns == Some(ns))
            .map(|(k, _)| k.clone())
    }

    /// Record a step taken in a pod (and container).
    pub fn hop(
        &self,
        trace: &mut Vec<Hop>,
        at: SimTime,
        key: &Key,
        container: Option<usize>,
        text: Msg,
        outcome: Outcome,
    ) {
        let pod = &self.pods[key];
        trace.push(Hop {
            at,
            pod: pod.obj.name.clone(),
            container: container.map(|i| pod.containers[i].spec.name.clone()),
            text,
            outcome,
            volume: None,
        });
    }

    pub fn take_program(&mut self, key: &Key, i: usize) -> Option<Program> {
        let p = self.pods.get_mut(key)?.containers[i].process.as_mut()?;
        Some(std::mem::replace(&mut p.program, Program::Busy))
    }

    pub fn put_program(&mut self, key: &Key, i: usize, program: Program) {
        if let Some(p) = self
            .pods
            .get_mut(key)
            .and_then(|p| p.containers[i].process.as_mut())
        {
            p.program = program;
        }
    }
}

impl Cluster {
    pub fn route_is_local(&self, from: NetNsId, ip: IpAddr) -> bool {
        self.net.route(from, ip) == Some(from)
    }
}

/// Bind listening sockets for a process; on failure, nothing stays bound.
#[allow(clippy::too_many_arguments)]
pub fn bind(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    pid: u32,
    comm: &str,
    addrs: &[(IpAddr, u16)],
    root: bool,
    v6only: bool,
) -> Result<(), (IpAddr, u16, Errno)> {
    let Some(id) = cl.pods[key].netns else {
        return Ok(());
    };
    let ns = cl.net.get_mut(id);
    for &(ip, port) in addrs {
        let l = Listener {
            container: i,
            pid,
            program: comm.to_string(),
            v6only,
        };
        if let Err(e) = ns.bind(SocketAddr::tcp(ip, port), l, root) {
            ns.release_container(i);
            return Err((ip, port, e));
        }
    }
    Ok(())
}
