//! Network namespaces as socket tables, in the manner of turmoil's
//! `SocketTable`. Each pod has one namespace with its pod IP and loopback,
//! shared by all its containers: a listener is keyed by (protocol, address,
//! port), a second conflicting bind gets `EADDRINUSE`, and 127.0.0.1 is only
//! reachable from inside the namespace. `Display` prints `netstat -tlnp`.
//! What a program that opens a connection sees of it is in [`conn`].

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub mod conn;

/// A network namespace, by index into [`Network`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NetNsId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Proto {
    Tcp,
    Udp,
}

/// Linux errno values a socket call here can fail with, with `strerror`'s
/// text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Errno {
    /// 98
    AddrInUse,
    /// 99
    AddrNotAvail,
    /// 13
    Access,
    /// 111
    ConnRefused,
    /// 113
    HostUnreach,
}

impl Errno {
    pub fn code(self) -> i32 {
        match self {
            Errno::AddrInUse => 98,
            Errno::AddrNotAvail => 99,
            Errno::Access => 13,
            Errno::ConnRefused => 111,
            Errno::HostUnreach => 113,
        }
    }

    pub fn strerror(self) -> &'static str {
        match self {
            Errno::AddrInUse => "Address already in use",
            Errno::AddrNotAvail => "Cannot assign requested address",
            Errno::Access => "Permission denied",
            Errno::ConnRefused => "Connection refused",
            Errno::HostUnreach => "No route to host",
        }
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.strerror())
    }
}

/// The key of a listening socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SocketAddr {
    pub proto: Proto,
    pub ip: IpAddr,
    pub port: u16,
}

impl SocketAddr {
    pub fn tcp(ip: IpAddr, port: u16) -> Self {
        SocketAddr {
            proto: Proto::Tcp,
            ip,
            port,
        }
    }
}

/// Who holds a listening socket: a container of the pod and a process in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listener {
    /// Index of the container in the pod's spec.
    pub container: usize,
    /// PID as seen inside the container.
    pub pid: u32,
    /// `comm`, as netstat shows it.
    pub program: String,
    /// IPV6_V6ONLY: a `::` listener without it also takes IPv4.
    pub v6only: bool,
}

/// One network namespace: its addresses and listening sockets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetNs {
    /// The pod IP, once the sandbox has one.
    pub pod_ip: Option<Ipv4Addr>,
    sockets: BTreeMap<SocketAddr, Listener>,
}

/// Ports below this need root (CAP_NET_BIND_SERVICE): Linux's default
/// `net.ipv4.ip_unprivileged_port_start`. The reference lab shows it: haproxy
/// images from 2.4 run as user haproxy and fail to bind :80 with
/// "Permission denied" (../shared/reference/fidelity.md).
pub const UNPRIVILEGED_PORT_START: u16 = 1024;

impl NetNs {
    pub fn new(pod_ip: Option<Ipv4Addr>) -> Self {
        NetNs {
            pod_ip,
            sockets: BTreeMap::new(),
        }
    }

    /// Whether `ip` is an address of this namespace.
    pub fn is_local(&self, ip: IpAddr) -> bool {
        ip.is_unspecified()
            || ip.is_loopback()
            || matches!(ip, IpAddr::V4(v4) if Some(v4) == self.pod_ip)
    }

    /// bind(2) + listen(2), with Linux's rules for listeners that set
    /// SO_REUSEADDR (as HAProxy and nginx do): a wildcard and a specific
    /// address on the same port conflict, two specific addresses do not, and a
    /// dual-stack `::` conflicts with any IPv4 listener on its port.
    /// `privileged`: the process runs as root, so it may take ports below
    /// [`UNPRIVILEGED_PORT_START`].
    pub fn bind(
        &mut self,
        addr: SocketAddr,
        listener: Listener,
        privileged: bool,
    ) -> Result<(), Errno> {
        if !self.is_local(addr.ip) {
            return Err(Errno::AddrNotAvail);
        }
        if addr.port < UNPRIVILEGED_PORT_START && !privileged {
            return Err(Errno::Access);
        }
        let conflict = self.sockets.iter().any(|(k, l)| {
            k.proto == addr.proto
                && k.port == addr.port
                && overlaps(k.ip, l.v6only, addr.ip, listener.v6only)
        });
        if conflict {
            return Err(Errno::AddrInUse);
        }
        self.sockets.insert(addr, listener);
        Ok(())
    }

    /// Close every socket (the pod is gone).
    pub fn clear(&mut self) {
        self.sockets.clear();
        self.pod_ip = None;
    }

    /// Close every socket a container holds (its process exited).
    pub fn release_container(&mut self, container: usize) {
        self.sockets.retain(|_, l| l.container != container);
    }

    /// The listener a connection to `dst` reaches, if any. `from_inside` is
    /// whether the caller is in this namespace: loopback is only reachable
    /// from inside.
    pub fn accept(
        &self,
        proto: Proto,
        dst: IpAddr,
        port: u16,
        from_inside: bool,
    ) -> Option<&Listener> {
        if dst.is_loopback() && !from_inside {
            return None;
        }
        self.sockets
            .iter()
            .filter(|(k, _)| k.proto == proto && k.port == port)
            .find(|(k, l)| k.ip == dst || accepts_wildcard(k.ip, l.v6only, dst))
            .map(|(_, l)| l)
    }

    pub fn listeners(&self) -> impl Iterator<Item = (&SocketAddr, &Listener)> {
        self.sockets.iter()
    }
}

fn is_v4_side(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V4(_))
}

/// Whether two bound addresses on one port conflict.
fn overlaps(a: IpAddr, a_v6only: bool, b: IpAddr, b_v6only: bool) -> bool {
    if a == b {
        return true;
    }
    let covers = |wild: IpAddr, wild_v6only: bool, other: IpAddr| -> bool {
        if !wild.is_unspecified() {
            return false;
        }
        match wild {
            IpAddr::V4(_) => is_v4_side(other),
            IpAddr::V6(_) => !is_v4_side(other) || !wild_v6only,
        }
    };
    covers(a, a_v6only, b) || covers(b, b_v6only, a)
}

fn accepts_wildcard(bound: IpAddr, v6only: bool, dst: IpAddr) -> bool {
    match bound {
        IpAddr::V4(v4) => v4.is_unspecified() && is_v4_side(dst),
        IpAddr::V6(v6) => v6 == Ipv6Addr::UNSPECIFIED && (!is_v4_side(dst) || !v6only),
    }
}

impl fmt::Display for NetNs {
    /// `netstat -tlnp`, as net-tools prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Active Internet connections (only servers)")?;
        writeln!(
            f,
            "Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name"
        )?;
        for (k, l) in &self.sockets {
            let (proto, foreign) = match (k.proto, k.ip) {
                (Proto::Tcp, IpAddr::V4(_)) => ("tcp", "0.0.0.0:*"),
                (Proto::Tcp, IpAddr::V6(_)) => ("tcp6", ":::*"),
                (Proto::Udp, IpAddr::V4(_)) => ("udp", "0.0.0.0:*"),
                (Proto::Udp, IpAddr::V6(_)) => ("udp6", ":::*"),
            };
            let local = match k.ip {
                IpAddr::V4(v4) => format!("{v4}:{}", k.port),
                IpAddr::V6(v6) => format!("{v6}:{}", k.port),
            };
            let state = if k.proto == Proto::Tcp { "LISTEN" } else { "" };
            writeln!(
                f,
                "{proto:<5} {:>6} {:>6} {local:<23} {foreign:<23} {state:<11} {}/{}",
                0, 0, l.pid, l.program
            )?;
        }
        Ok(())
    }
}

/// All namespaces of the cluster, and which pod IP belongs to which.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    namespaces: Vec<NetNs>,
}

/// Why a TCP connection failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectError {
    /// RST: nothing listens there.
    Refused,
    /// No host has that address.
    Unreachable,
}

impl Network {
    pub fn add(&mut self, ns: NetNs) -> NetNsId {
        self.namespaces.push(ns);
        NetNsId((self.namespaces.len() - 1) as u32)
    }

    pub fn get(&self, id: NetNsId) -> &NetNs {
        &self.namespaces[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: NetNsId) -> &mut NetNs {
        &mut self.namespaces[id.0 as usize]
    }

    /// Which namespace owns an address, seen from `from`: loopback is the
    /// caller's own.
    pub fn route(&self, from: NetNsId, dst: IpAddr) -> Option<NetNsId> {
        if dst.is_loopback() || dst.is_unspecified() {
            return Some(from);
        }
        let IpAddr::V4(v4) = dst else { return None };
        self.namespaces
            .iter()
            .position(|ns| ns.pod_ip == Some(v4))
            .map(|i| NetNsId(i as u32))
    }

    /// connect(2) from namespace `from` to `dst:port`.
    pub fn connect(
        &self,
        from: NetNsId,
        dst: IpAddr,
        port: u16,
    ) -> Result<(NetNsId, &Listener), ConnectError> {
        let to = self.route(from, dst).ok_or(ConnectError::Unreachable)?;
        let dst = if dst.is_unspecified() {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        } else {
            dst
        };
        self.get(to)
            .accept(Proto::Tcp, dst, port, to == from)
            .map(|l| (to, l))
            .ok_or(ConnectError::Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD_IP: Ipv4Addr = Ipv4Addr::new(10, 244, 1, 4);

    fn listener(container: usize, v6only: bool) -> Listener {
        Listener {
            container,
            pid: 1,
            program: format!("prog{container}"),
            v6only,
        }
    }

    fn addr(s: &str) -> (IpAddr, u16) {
        let (ip, port) = s.rsplit_once(':').unwrap();
        let ip = ip.trim_start_matches('[').trim_end_matches(']');
        (ip.parse().unwrap(), port.parse().unwrap())
    }

    /// Bind each address in turn (`!` suffix: IPV6_V6ONLY) and print the
    /// outcome of each, then the table.
    fn check(binds: &[&str], expect: &str) {
        let mut ns = NetNs::new(Some(POD_IP));
        let mut out = String::new();
        for (i, b) in binds.iter().enumerate() {
            let (spec, v6only) = match b.strip_suffix('!') {
                Some(s) => (s, true),
                None => (*b, false),
            };
            let (ip, port) = addr(spec);
            let r = ns.bind(SocketAddr::tcp(ip, port), listener(i, v6only), true);
            out.push_str(&format!(
                "{b}: {}\n",
                r.map_or_else(|e| e.to_string(), |()| "ok".into())
            ));
        }
        out.push_str(&ns.to_string());
        assert_eq!(out.trim_end(), expect.trim(), "\n{out}");
    }

    #[test]
    fn second_bind_is_in_use() {
        check(
            &[
                "0.0.0.0:80",
                "0.0.0.0:80",
                "127.0.0.1:80",
                "0.0.0.0:8775",
                "10.0.0.9:81",
            ],
            r#"
0.0.0.0:80: ok
0.0.0.0:80: Address already in use
127.0.0.1:80: Address already in use
0.0.0.0:8775: ok
10.0.0.9:81: Cannot assign requested address
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/prog0
tcp        0      0 0.0.0.0:8775            0.0.0.0:*               LISTEN      1/prog3
"#,
        );
    }

    #[test]
    fn specific_addresses_share_a_port() {
        check(
            &["127.0.0.1:80", "10.244.1.4:80", "[::]:80"],
            r#"
127.0.0.1:80: ok
10.244.1.4:80: ok
[::]:80: Address already in use
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 10.244.1.4:80           0.0.0.0:*               LISTEN      1/prog1
tcp        0      0 127.0.0.1:80            0.0.0.0:*               LISTEN      1/prog0
"#,
        );
        check(
            &["127.0.0.1:80", "[::]:80!"],
            r#"
127.0.0.1:80: ok
[::]:80!: ok
Active Internet connections (only servers)
Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name
tcp        0      0 127.0.0.1:80            0.0.0.0:*               LISTEN      1/prog0
tcp6       0      0 :::80                   :::*                    LISTEN      1/prog1
"#,
        );
    }

    #[test]
    fn loopback_is_private_to_the_pod() {
        let mut net = Network::default();
        let app = net.add(NetNs::new(Some(POD_IP)));
        let client = net.add(NetNs::new(Some(Ipv4Addr::new(10, 244, 1, 5))));
        let lo = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let pod = IpAddr::V4(POD_IP);
        net.get_mut(app)
            .bind(SocketAddr::tcp(lo, 80), listener(0, false), true)
            .unwrap();
        net.get_mut(app)
            .bind(
                SocketAddr::tcp(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 8775),
                listener(1, false),
                false,
            )
            .unwrap();
        net.get_mut(app)
            .bind(
                SocketAddr::tcp(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 9000),
                listener(2, false),
                false,
            )
            .unwrap();
        let unprivileged = net.get_mut(app).bind(
            SocketAddr::tcp(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 81),
            listener(3, false),
            false,
        );
        assert_eq!(unprivileged, Err(Errno::Access));
        let who = |from, ip, port| net.connect(from, ip, port).map(|(_, l)| l.container);
        assert_eq!(who(app, lo, 80), Ok(0));
        assert_eq!(who(client, pod, 80), Err(ConnectError::Refused));
        assert_eq!(
            who(client, lo, 80),
            Err(ConnectError::Refused),
            "the client's own loopback"
        );
        assert_eq!(
            who(client, pod, 8775),
            Ok(1),
            "containerPort is informational"
        );
        assert_eq!(
            who(client, pod, 9000),
            Ok(2),
            "a dual-stack :: listener takes IPv4"
        );
        let nowhere = IpAddr::V4(Ipv4Addr::new(10, 244, 9, 9));
        assert_eq!(who(client, nowhere, 80), Err(ConnectError::Unreachable));
    }
}
