//! One TCP connection as the program that opens it sees it: the program
//! hands its bytes to an [`Upstream`] (the pod's network namespace in the
//! cluster, a fake in tests) and gets a [`Reply`] back, with the simulated
//! time the exchange took. HAProxy's connections to its servers and curl's
//! to a pod both go this way.

use std::net::IpAddr;

use crate::model::base::time::{SimDuration, SimTime};

/// What came back from a connection a program opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The server answered these bytes, after this long.
    Bytes(Vec<u8>, SimDuration),
    /// RST: nothing listens there.
    Refused,
    /// No host has that address: the SYN goes unanswered.
    Unreachable,
    /// The connection reached this same HAProxy again (a server with no port
    /// in front of its own bind): it would loop until its limits stop it.
    Loop,
}

/// The network as a program that opens connections sees it (HAProxy's view
/// of its servers), supplied by the caller.
pub trait Upstream {
    /// Connect to `ip:port` from the program's namespace and send `request`.
    fn exchange(&mut self, ip: IpAddr, port: u16, request: &[u8], at: SimTime) -> Reply;
    /// Resolve a server host name as the container does (/etc/hosts).
    fn resolve(&self, host: &str) -> Option<IpAddr>;
    /// Whether something listens at `ip:port` right now (for health checks).
    fn listening(&self, ip: IpAddr, port: u16) -> bool;
}

/// `ip:port` as the tools print an address: IPv6 in brackets.
pub fn fmt_addr(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}:{port}"),
        IpAddr::V6(v6) => format!("[{v6}]:{port}"),
    }
}
