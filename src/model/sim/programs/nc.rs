//! busybox `nc -l -p PORT`: a one-shot server. It binds the port and
//! blocks its shell; the first connection gets what came down its pipe,
//! what the client sent goes to its stdout, and the shell goes on.

use std::net::{IpAddr, Ipv4Addr};

use crate::model::base::net::conn::Reply;
use crate::model::base::net::{Listener, SocketAddr};
use crate::model::base::outcome::Outcome;
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::shell::vm::{Exec, Follow, State};
use crate::model::sim::cluster::process::{Program, log};
use crate::model::sim::cluster::wire::Hop;
use crate::model::sim::cluster::{Cluster, Key, Stream};

/// How long `nc` takes to copy its pipe's bytes to the connection here.
const NC_LATENCY: SimDuration = SimDuration::from_micros(200);

/// `nc -l -p PORT`: listen, and block until a connection comes.
pub fn listen(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    args: &[String],
    stdin: &[u8],
    err: &mut Vec<u8>,
) -> Exec {
    let listen = args.iter().any(|a| a == "-l" || a == "-lk" || a == "-lp");
    let port = args
        .iter()
        .position(|a| a == "-p" || a == "-lp")
        .and_then(|p| args.get(p + 1))
        .and_then(|p| p.parse::<u16>().ok());
    let (true, Some(port)) = (listen, port) else {
        err.extend_from_slice(b"podlab: only `nc -l -p PORT` (a one-shot server) is modelled\n");
        return Exec::Done(1);
    };
    let pid = cl.pods[key].containers[i]
        .process
        .as_ref()
        .map_or(1, |p| p.pid);
    if let Some(id) = cl.pods[key].netns {
        let l = Listener {
            container: i,
            pid,
            program: "nc".into(),
            v6only: false,
        };
        let ns = cl.net.get_mut(id);
        if let Err(e) = ns.bind(
            SocketAddr::tcp(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port),
            l,
            true,
        ) {
            err.extend_from_slice(format!("nc: bind: {}\n", e.strerror()).as_bytes());
            return Exec::Done(1);
        }
    }
    Exec::Forever(Follow::Serve {
        port,
        reply: stdin.to_vec(),
    })
}

/// Whether container `i` is a shell blocked in `nc -l` on `port`.
pub fn listening(cl: &Cluster, key: &Key, i: usize, port: u16) -> bool {
    matches!(
        cl.pods[key].containers[i].process.as_ref().map(|p| &p.program),
        Some(Program::Shell(sh)) if matches!(&sh.state, State::Blocked(Follow::Serve { port: p, .. }) if *p == port)
    )
}

/// `nc -l` takes the connection: it sends what came down its pipe,
/// prints what it received, closes, and its shell goes on.
#[allow(clippy::too_many_arguments)]
pub fn answer(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    addr: &str,
    bytes: &[u8],
    at: SimTime,
    rtt: SimDuration,
    trace: &mut Vec<Hop>,
) -> Reply {
    let mut reply = Vec::new();
    if let Some(Program::Shell(sh)) = cl
        .pods
        .get_mut(key)
        .and_then(|p| p.containers[i].process.as_mut())
        .map(|p| &mut p.program)
        && let State::Blocked(Follow::Serve { reply: r, .. }) = &mut sh.state
    {
        reply = std::mem::take(r);
        sh.state = State::Ready;
    }
    if let Some(id) = cl.pods[key].netns {
        cl.net.get_mut(id).release_container(i);
    }
    log(cl, key, i, Stream::Stdout, bytes.to_vec());
    let pod = &cl.pods[key];
    trace.push(Hop {
        at,
        pod: pod.obj.name.clone(),
        container: Some(pod.containers[i].spec.name.clone()),
        text: crate::model::base::i18n::Key::HopNcSends
            .msg()
            .arg("addr", addr)
            .arg("n", reply.len()),
        outcome: if reply.is_empty() {
            Outcome::Closed
        } else {
            Outcome::Bytes(reply.len())
        },
        volume: None,
    });
    let done = at + rtt + NC_LATENCY;
    cl.wake_at(done, key, i);
    Reply::Bytes(reply, rtt + NC_LATENCY)
}
