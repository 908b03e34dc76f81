//! Delivery: a connection from a namespace to an address reaches the
//! program that listens there, which answers it (its own file says how).

use std::net::IpAddr;

use super::{fruit, haproxy, nc, nginx};
use crate::model::base::net::conn::{self, Reply};
use crate::model::base::net::{ConnectError, NetNsId};
use crate::model::base::time::SimTime;
use crate::model::sim::cluster::Cluster;
use crate::model::sim::cluster::process::Program;
use crate::model::sim::cluster::wire::{Hop, LOOPBACK_RTT, POD_RTT};

/// Open a TCP connection from `from` to `ip:port`, send `bytes`, and
/// return what comes back: the program that listens there answers (a
/// [`Route`], handed to programs that connect on in turn).
pub fn exchange(
    cl: &mut Cluster,
    from: NetNsId,
    ip: IpAddr,
    port: u16,
    bytes: &[u8],
    at: SimTime,
    trace: &mut Vec<Hop>,
) -> Reply {
    let (to, container) = match cl.net.connect(from, ip, port) {
        Ok((to, l)) => (to, l.container),
        Err(ConnectError::Refused) => return Reply::Refused,
        Err(ConnectError::Unreachable) => return Reply::Unreachable,
    };
    let rtt = if to == from { LOOPBACK_RTT } else { POD_RTT };
    let Some(key) = cl.pod_of_ns(to) else {
        return Reply::Refused;
    };
    let addr = conn::fmt_addr(ip, port);
    let program = cl.pods[&key].containers[container]
        .process
        .as_ref()
        .map(|p| p.program.clone());
    match program {
        Some(Program::Fruit) => fruit::answer(cl, &key, container, &addr, bytes, at, rtt, trace),
        Some(Program::Haproxy { .. }) => haproxy::answer(
            cl, &key, container, ip, port, bytes, at, rtt, trace, exchange,
        ),
        Some(Program::Busy) => Reply::Loop,
        Some(Program::Nginx { .. }) => {
            let from_ip = cl.net.get(from).pod_ip.map(IpAddr::V4);
            let from_ip = if to == from { Some(ip) } else { from_ip };
            nginx::answer(cl, from_ip, &key, container, &addr, bytes, at, rtt, trace)
        }
        Some(Program::Shell(_)) if nc::listening(cl, &key, container, port) => {
            nc::answer(cl, &key, container, &addr, bytes, at, rtt, trace)
        }
        _ => Reply::Refused,
    }
}
