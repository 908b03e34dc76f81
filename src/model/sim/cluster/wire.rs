//! What crosses the wire: one connection from a namespace to an address,
//! delivered to the program that listens there (which may open connections
//! of its own, as HAProxy does), every step recorded as a [`Hop`]. Also the
//! shell's view of a container ([`ContainerSys`]) with its utilities, and
//! `kubectl exec`.

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::process::{self, Program};
use super::{Cluster, Key};
use crate::model::base::fs::Stat;
use crate::model::base::net::{ConnectError, NetNsId};
use crate::model::base::textutil;
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::haproxy::runtime::{self, Reply, Upstream};
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::drive::{Stop, Waited, drive};
use crate::model::lang::shell::vm::{Exec, Follow, Output, Shell, Sys};
use crate::model::sim::curl;
use crate::model::sim::fruit;
use crate::model::sim::images::{Kind, Lookup};

/// A round trip over the pod's loopback.
pub const LOOPBACK_RTT: SimDuration = SimDuration::from_micros(40);
/// A round trip between two pods on the node (veth pair and bridge).
pub const POD_RTT: SimDuration = SimDuration::from_micros(120);
/// How long a SYN to an address no one has goes unanswered before the
/// client sees "No route to host" (the neighbour table's ARP timeout, 3 s).
pub const ARP_TIMEOUT: SimDuration = SimDuration::from_secs(3);

/// nginx's default index.html (the official image's).
pub const NGINX_WELCOME: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

/// One step of a request's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    pub at: SimTime,
    /// Where the step happens: pod and container.
    pub pod: String,
    pub container: Option<String>,
    pub text: String,
    pub ok: bool,
}

impl Cluster {
    /// The pod whose network namespace this is.
    pub fn pod_of_ns(&self, ns: NetNsId) -> Option<Key> {
        self.pods
            .iter()
            .find(|(_, p)| p.netns == Some(ns))
            .map(|(k, _)| k.clone())
    }

    fn hop(
        &self,
        trace: &mut Vec<Hop>,
        at: SimTime,
        key: &Key,
        container: Option<usize>,
        text: String,
        ok: bool,
    ) {
        let pod = &self.pods[key];
        trace.push(Hop {
            at,
            pod: pod.obj.name.clone(),
            container: container.map(|i| pod.containers[i].spec.name.clone()),
            text,
            ok,
        });
    }

    /// Open a TCP connection from `from` to `ip:port`, send `bytes`, and
    /// return what comes back.
    pub fn exchange(
        &mut self,
        from: NetNsId,
        ip: IpAddr,
        port: u16,
        bytes: &[u8],
        at: SimTime,
        trace: &mut Vec<Hop>,
    ) -> Reply {
        let (to, container) = match self.net.connect(from, ip, port) {
            Ok((to, l)) => (to, l.container),
            Err(ConnectError::Refused) => return Reply::Refused,
            Err(ConnectError::Unreachable) => return Reply::Unreachable,
        };
        let rtt = if to == from { LOOPBACK_RTT } else { POD_RTT };
        let Some(key) = self.pod_of_ns(to) else {
            return Reply::Refused;
        };
        let addr = runtime::fmt_addr(ip, port);
        let program = self.pods[&key].containers[container]
            .process
            .as_ref()
            .map(|p| p.program.clone());
        match program {
            Some(Program::Fruit) => {
                let req = runtime::parse_request(bytes);
                let method = req.as_ref().map_or("GET", |r| r.method.as_str());
                let resp = fruit::respond(method);
                let took = rtt + fruit::LATENCY;
                self.hop(
                    trace,
                    at,
                    &key,
                    Some(container),
                    format!(
                        "legacy-fruit-service on {addr}: {} {}",
                        method,
                        req.as_ref().map_or("/", |r| r.target.as_str())
                    ),
                    true,
                );
                self.hop(
                    trace,
                    at + took,
                    &key,
                    Some(container),
                    format!(
                        "legacy-fruit-service answers {} {} ({} bytes)",
                        resp.status,
                        resp.reason,
                        resp.body.len()
                    ),
                    true,
                );
                Reply::Bytes(resp.to_bytes(), took)
            }
            Some(Program::Haproxy { .. }) => {
                let Some(Program::Haproxy {
                    mut running,
                    wrapper,
                }) = self.take_program(&key, container)
                else {
                    return Reply::Refused;
                };
                let netns = self.pods[&key].netns.expect("a listener means a sandbox");
                let hosts = process::etc_hosts(self, &key);
                let start = trace.len();
                let handled = {
                    let mut up = PodUpstream {
                        cl: self,
                        ns: netns,
                        hosts,
                        trace,
                        at,
                    };
                    running.handle(ip, port, bytes, at + rtt, &mut up)
                };
                self.put_program(&key, container, Program::Haproxy { running, wrapper });
                // HAProxy's own steps go before what its connections led to
                // at the same moment.
                let nested = trace.split_off(start);
                let mut ours = Vec::new();
                for s in &handled.steps {
                    let ok = !s.text.contains("refused")
                        && !s.text.contains("503")
                        && !s.text.contains("no answer")
                        && !s.text.contains("loops");
                    self.hop(
                        &mut ours,
                        at + rtt + s.at,
                        &key,
                        Some(container),
                        s.text.clone(),
                        ok,
                    );
                }
                let mut nested = nested.into_iter().peekable();
                for h in ours {
                    while nested.peek().is_some_and(|n| n.at < h.at) {
                        trace.extend(nested.next());
                    }
                    trace.push(h);
                }
                trace.extend(nested);
                if handled.bytes.is_empty() {
                    return Reply::Bytes(Vec::new(), rtt + handled.elapsed);
                }
                Reply::Bytes(handled.bytes, rtt + handled.elapsed)
            }
            Some(Program::Busy) => Reply::Loop,
            Some(Program::Nginx { .. }) => {
                let from_ip = self.net.get(from).pod_ip.map(IpAddr::V4);
                let from_ip = if to == from { Some(ip) } else { from_ip };
                self.nginx_answer(from_ip, &key, container, &addr, bytes, at, rtt, trace)
            }
            Some(Program::Shell(_)) if self.nc_listening(&key, container, port) => {
                self.nc_answer(&key, container, &addr, bytes, at, rtt, trace)
            }
            _ => Reply::Refused,
        }
    }

    fn take_program(&mut self, key: &Key, i: usize) -> Option<Program> {
        let p = self.pods.get_mut(key)?.containers[i].process.as_mut()?;
        Some(std::mem::replace(&mut p.program, Program::Busy))
    }

    fn put_program(&mut self, key: &Key, i: usize, program: Program) {
        if let Some(p) = self
            .pods
            .get_mut(key)
            .and_then(|p| p.containers[i].process.as_mut())
        {
            p.program = program;
        }
    }

    /// `kubectl exec`: run `argv` in a running container until it ends. The
    /// clock moves on while it sleeps or waits on the network.
    pub fn exec(&mut self, key: &Key, i: usize, argv: &[String]) -> ExecResult {
        let mut result = ExecResult::default();
        let kind = match &self.pods[key].containers[i].image {
            Lookup::Known(img) => Some(img.kind),
            _ => None,
        };
        let exe = argv
            .first()
            .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
            .unwrap_or_default();
        match kind {
            // The legacy fruit service's image contents are unknown
            // (fidelity.md): podlab models its server, not its files.
            None | Some(Kind::FruitService) => {
                result.stderr = format!(
                    "podlab does not model the commands inside the image \"{}\", so it cannot run them\n",
                    self.pods[key].containers[i].spec.image
                )
                .into_bytes();
                result.code = 126;
                return result;
            }
            Some(k) if !process::has_executable(k, &exe) => {
                result.stderr = format!(
                    "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown\n",
                    argv.first().map_or("", String::as_str)
                )
                .into_bytes();
                result.code = 126;
                return result;
            }
            _ => {}
        }
        let script = match argv {
            [sh, c, script, ..]
                if matches!(sh.rsplit('/').next(), Some("sh" | "bash" | "ash")) && c == "-c" =>
            {
                script.clone()
            }
            _ => argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" "),
        };
        let mut sh = match Shell::new(&script, BTreeMap::new()) {
            Ok(s) => s,
            Err(e) => {
                result.stderr = format!("{e}\n").into_bytes();
                result.code = 2;
                return result;
            }
        };
        let mut out = Output::default();
        let mut budget = EXEC_BUDGET;
        let mut sys = ContainerSys::new(self, key.clone(), i);
        let stop = drive(&mut sh, &mut sys, &mut out, &mut budget, |s, t| {
            s.cl.advance_to(t);
            if s.cl.pods.contains_key(&s.key) {
                Waited::Reached
            } else {
                Waited::Gone
            }
        });
        result.trace = sys.trace;
        result.stdout = out.out;
        result.stderr = out.err;
        match stop {
            Stop::Exited { code, .. } => result.code = code,
            Stop::Blocked(_) => result.blocked = true,
            Stop::Gone => result.code = 137,
            Stop::Spent { .. } | Stop::Wake(_) => {}
        }
        result
    }
}

/// What a `kubectl exec` may spend: 100 000 slices of shell ops.
const EXEC_BUDGET: Budget = Budget::slices(100_000);

fn quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

/// What `kubectl exec` got back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    pub trace: Vec<Hop>,
    /// The command never ends (`tail -f`): podlab stopped waiting.
    pub blocked: bool,
}

/// HAProxy's view of the network from its pod.
struct PodUpstream<'a> {
    cl: &'a mut Cluster,
    ns: NetNsId,
    hosts: String,
    trace: &'a mut Vec<Hop>,
    at: SimTime,
}

impl Upstream for PodUpstream<'_> {
    fn exchange(&mut self, ip: IpAddr, port: u16, request: &[u8], at: SimTime) -> Reply {
        let _ = self.at;
        self.cl.exchange(self.ns, ip, port, request, at, self.trace)
    }
    fn resolve(&self, host: &str) -> Option<IpAddr> {
        process::resolve_hosts(&self.hosts, host)
    }
    fn listening(&self, ip: IpAddr, port: u16) -> bool {
        self.cl.net.connect(self.ns, ip, port).is_ok()
    }
}

/// The world as a container's shell sees it.
pub struct ContainerSys<'a> {
    pub cl: &'a mut Cluster,
    pub key: Key,
    pub i: usize,
    pub trace: Vec<Hop>,
}

impl<'a> ContainerSys<'a> {
    pub fn new(cl: &'a mut Cluster, key: Key, i: usize) -> Self {
        ContainerSys {
            cl,
            key,
            i,
            trace: Vec::new(),
        }
    }

    fn kind(&self) -> Option<Kind> {
        match &self.cl.pods[&self.key].containers[self.i].image {
            Lookup::Known(img) => Some(img.kind),
            _ => None,
        }
    }

    fn curl(&mut self, argv: &[String], out: &mut Vec<u8>, err: &mut Vec<u8>) -> Exec {
        let args = match curl::parse_args(argv) {
            Ok(a) => a,
            Err((code, msg)) => {
                err.extend_from_slice(format!("{msg}\n").as_bytes());
                return Exec::Done(code);
            }
        };
        let url = match curl::parse_url(&args.url) {
            Ok(u) => u,
            Err((code, msg)) => {
                err.extend_from_slice(format!("{msg}\n").as_bytes());
                return Exec::Done(code);
            }
        };
        let (outcome, connect) = self.fetch(&url, &curl::request(&args, &url));
        let p = curl::print(&args, &url, &outcome, false, connect);
        out.extend_from_slice(&p.stdout);
        err.extend_from_slice(&p.stderr);
        if let Some((path, data)) = p.file {
            let _ = self.write_file(&path, &data, false);
        }
        Exec::Took(p.code, p.elapsed)
    }

    /// Resolve, connect and exchange one request from this container.
    fn fetch(&mut self, url: &curl::Url, request: &[u8]) -> (curl::Outcome, SimDuration) {
        let hosts = process::etc_hosts(self.cl, &self.key);
        let Some(ip) = process::resolve_hosts(&hosts, &url.host) else {
            return (curl::Outcome::Unresolved, SimDuration::ZERO);
        };
        let Some(ns) = self.cl.pods[&self.key].netns else {
            return (curl::Outcome::Refused, SimDuration::ZERO);
        };
        let now = self.cl.now;
        let cname = self.cl.pods[&self.key].containers[self.i].spec.name.clone();
        let pod = self.cl.pods[&self.key].obj.name.clone();
        self.trace.push(Hop {
            at: now,
            pod: pod.clone(),
            container: Some(cname.clone()),
            text: format!("connect to {}", runtime::fmt_addr(ip, url.port)),
            ok: true,
        });
        let mut trace = Vec::new();
        let reply = self.cl.exchange(ns, ip, url.port, request, now, &mut trace);
        self.trace.append(&mut trace);
        let connect = if self.cl.route_is_local(ns, ip) {
            LOOPBACK_RTT
        } else {
            POD_RTT
        };
        let (outcome, note, ok) = match reply {
            Reply::Bytes(b, took) if b.is_empty() => (
                curl::Outcome::Empty { elapsed: took },
                "the connection closed with no reply".to_string(),
                false,
            ),
            Reply::Bytes(b, took) => {
                let status = crate::model::base::http::Response::parse(&b)
                    .map_or("a reply".to_string(), |r| {
                        format!("{} {}", r.status, r.reason)
                    });
                let ok = !status.starts_with('5') && !status.starts_with('4');
                (
                    curl::Outcome::Answered {
                        bytes: b,
                        elapsed: took,
                    },
                    format!("receives {status}"),
                    ok,
                )
            }
            Reply::Refused | Reply::Loop => (
                curl::Outcome::Refused,
                format!("{}: Connection refused", runtime::fmt_addr(ip, url.port)),
                false,
            ),
            Reply::Unreachable => (
                curl::Outcome::TimedOut {
                    elapsed: ARP_TIMEOUT,
                },
                format!(
                    "{}: no host has this address",
                    runtime::fmt_addr(ip, url.port)
                ),
                false,
            ),
        };
        let took = match &outcome {
            curl::Outcome::Answered { elapsed, .. }
            | curl::Outcome::Empty { elapsed }
            | curl::Outcome::TimedOut { elapsed } => *elapsed,
            _ => SimDuration::ZERO,
        };
        self.trace.push(Hop {
            at: now + took,
            pod,
            container: Some(cname),
            text: note,
            ok,
        });
        (outcome, connect)
    }

    fn ls(&mut self, args: &[String], out: &mut Vec<u8>, err: &mut Vec<u8>) -> i32 {
        let all = args.iter().any(|a| a.starts_with('-') && a.contains('a'));
        let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        let paths = if paths.is_empty() {
            vec![&"/".to_string()]
                .into_iter()
                .cloned()
                .collect::<Vec<String>>()
        } else {
            paths.into_iter().cloned().collect()
        };
        let mut code = 0;
        for p in &paths {
            match process::stat(self.cl, &self.key, self.i, p) {
                Stat::File => out.extend_from_slice(format!("{p}\n").as_bytes()),
                Stat::Dir => {
                    if paths.len() > 1 {
                        out.extend_from_slice(format!("{p}:\n").as_bytes());
                    }
                    let names = process::list(self.cl, &self.key, self.i, p);
                    for n in names.iter().filter(|n| all || !n.starts_with('.')) {
                        out.extend_from_slice(format!("{n}\n").as_bytes());
                    }
                }
                Stat::Missing => {
                    err.extend_from_slice(
                        format!("ls: {p}: No such file or directory\n").as_bytes(),
                    );
                    code = 1;
                }
            }
        }
        code
    }
}

impl Cluster {
    fn route_is_local(&self, from: NetNsId, ip: IpAddr) -> bool {
        self.net.route(from, ip) == Some(from)
    }
}

/// What a failed fork-and-exec costs ash: about a millisecond, so a loop
/// of missing commands logs about a thousand lines a second, not millions.
const EXEC_COST: SimDuration = SimDuration::from_millis(1);

impl ContainerSys<'_> {
    /// Run a command of the container's image, writing to `out` and `err`.
    fn applet(
        &mut self,
        argv: &[String],
        env: &BTreeMap<String, String>,
        stdin: &[u8],
        out: &mut Vec<u8>,
        err: &mut Vec<u8>,
    ) -> Exec {
        let exe = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_string();
        let known = self
            .kind()
            .is_some_and(|k| process::has_executable(k, &exe));
        if !known {
            err.extend_from_slice(format!("sh: {}: not found\n", argv[0]).as_bytes());
            return Exec::Took(127, EXEC_COST);
        }
        let args = &argv[1..];
        let ok = Exec::Done(0);
        match exe.as_str() {
            "date" => {
                let c = self.cl.wall.civil(self.cl.now);
                let text = match args.first().map(String::as_str) {
                    Some("+%s") => (self.cl.wall.unix_ms(self.cl.now) / 1000).to_string(),
                    Some(f) if f.starts_with('+') => f[1..]
                        .replace("%H", &format!("{:02}", c.hour))
                        .replace("%M", &format!("{:02}", c.minute))
                        .replace("%S", &format!("{:02}", c.second))
                        .replace("%Y", &format!("{:04}", c.year))
                        .replace("%m", &format!("{:02}", c.month))
                        .replace("%d", &format!("{:02}", c.day)),
                    _ => c.date_cmd(),
                };
                out.extend_from_slice(format!("{text}\n").as_bytes());
                ok
            }
            "cat" => {
                if args.is_empty() {
                    out.extend_from_slice(stdin);
                    return ok;
                }
                let mut code = 0;
                for p in args {
                    match self.read_noting(p) {
                        Ok(d) => out.extend_from_slice(&d),
                        Err(e) => {
                            err.extend_from_slice(
                                format!("cat: can't open '{p}': {e}\n").as_bytes(),
                            );
                            code = 1;
                        }
                    }
                }
                Exec::Done(code)
            }
            "ls" => Exec::Done(self.ls(args, out, err)),
            "hostname" => {
                out.extend_from_slice(format!("{}\n", self.cl.pods[&self.key].obj.name).as_bytes());
                ok
            }
            "env" => {
                for (k, v) in env {
                    out.extend_from_slice(format!("{k}={v}\n").as_bytes());
                }
                ok
            }
            "id" => {
                out.extend_from_slice(b"uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
                ok
            }
            "whoami" => {
                out.extend_from_slice(b"root\n");
                ok
            }
            "pwd" => {
                out.extend_from_slice(b"/\n");
                ok
            }
            "uname" => {
                out.extend_from_slice(b"Linux\n");
                ok
            }
            "ps" => {
                self.ps(argv, out);
                ok
            }
            "nc" => self.nc(args, stdin, err),
            "netstat" => {
                if let Some(ns) = self.cl.pods[&self.key].netns {
                    out.extend_from_slice(self.cl.net.get(ns).to_string().as_bytes());
                }
                ok
            }
            "curl" => self.curl(argv, out, err),
            "wget" => {
                let url = args
                    .iter()
                    .rfind(|a| !a.starts_with('-'))
                    .cloned()
                    .unwrap_or_default();
                let quiet_stdout = args.iter().any(|a| a == "-qO-" || a == "-O-" || a == "-q");
                let u = match curl::parse_url(&url) {
                    Ok(u) => u,
                    Err(_) => {
                        err.extend_from_slice(b"wget: bad address\n");
                        return Exec::Done(1);
                    }
                };
                let req = format!(
                    "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n",
                    u.path, u.host
                );
                let (outcome, _) = self.fetch(&u, req.as_bytes());
                match outcome {
                    curl::Outcome::Answered { bytes, elapsed } => {
                        match crate::model::base::http::Response::parse(&bytes) {
                            Some(r) if r.status < 400 => {
                                if !quiet_stdout {
                                    err.extend_from_slice(
                                        format!("Connecting to {url} ({}:{})\n", u.host, u.port)
                                            .as_bytes(),
                                    );
                                }
                                out.extend_from_slice(&r.body);
                                Exec::Took(0, elapsed)
                            }
                            Some(r) => {
                                err.extend_from_slice(
                                    format!(
                                        "wget: server returned error: HTTP/1.1 {} {}\n",
                                        r.status, r.reason
                                    )
                                    .as_bytes(),
                                );
                                Exec::Took(1, elapsed)
                            }
                            None => Exec::Took(1, elapsed),
                        }
                    }
                    curl::Outcome::Refused => {
                        err.extend_from_slice(
                            format!(
                                "wget: can't connect to remote host ({}): Connection refused\n",
                                u.host
                            )
                            .as_bytes(),
                        );
                        Exec::Done(1)
                    }
                    curl::Outcome::Unresolved => {
                        err.extend_from_slice(
                            format!("wget: bad address '{}'\n", u.host).as_bytes(),
                        );
                        Exec::Done(1)
                    }
                    _ => {
                        err.extend_from_slice(b"wget: error getting response\n");
                        Exec::Done(1)
                    }
                }
            }
            "tail" | "head" => {
                let follow = args.iter().any(|a| a == "-f" || a == "-F");
                let mut n: Option<i64> = None;
                let mut from_start = false;
                let mut files = Vec::new();
                let mut it = args.iter();
                while let Some(a) = it.next() {
                    if let Some(v) = a.strip_prefix("-n") {
                        let v = if v.is_empty() {
                            it.next().cloned().unwrap_or_default()
                        } else {
                            v.to_string()
                        };
                        from_start = v.starts_with('+');
                        n = v.trim_start_matches('+').parse().ok();
                    } else if !a.starts_with('-') {
                        files.push(a.clone());
                    }
                }
                let lines_of = |data: &[u8]| -> Vec<u8> {
                    let k = n.unwrap_or(10).max(0) as usize;
                    textutil::pick_lines(
                        &String::from_utf8_lossy(data),
                        exe == "head",
                        k,
                        from_start,
                    )
                    .into_bytes()
                };
                if files.is_empty() {
                    out.extend_from_slice(&lines_of(stdin));
                    return ok;
                }
                let mut follows = Vec::new();
                for f in &files {
                    match self.read_noting(f) {
                        Ok(d) => {
                            out.extend_from_slice(&lines_of(&d));
                            follows.push((f.clone(), d.len()));
                        }
                        Err(e) => {
                            if follow && args.iter().any(|a| a == "-F") {
                                err.extend_from_slice(
                                    format!("tail: can't open '{f}': {e}\n").as_bytes(),
                                );
                                follows.push((f.clone(), 0));
                            } else {
                                err.extend_from_slice(
                                    format!("{exe}: can't open '{f}': {e}\n").as_bytes(),
                                );
                                return Exec::Done(1);
                            }
                        }
                    }
                }
                if follow && exe == "tail" {
                    return Exec::Forever(Follow::Tail { files: follows });
                }
                ok
            }
            "wc" => {
                let data = match args.iter().find(|a| !a.starts_with('-')) {
                    Some(f) => self.read_noting(f).unwrap_or_default(),
                    None => stdin.to_vec(),
                };
                let lines = data.iter().filter(|&&b| b == b'\n').count();
                if args.iter().any(|a| a == "-l") {
                    out.extend_from_slice(format!("{lines}\n").as_bytes());
                } else {
                    let words = String::from_utf8_lossy(&data).split_whitespace().count();
                    out.extend_from_slice(
                        format!("{lines:>9} {words:>9} {:>9}\n", data.len()).as_bytes(),
                    );
                }
                ok
            }
            "grep" => {
                let pat = args
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .cloned()
                    .unwrap_or_default();
                let file = args.iter().filter(|a| !a.starts_with('-')).nth(1);
                let data = match file {
                    Some(f) => self.read_noting(f).unwrap_or_default(),
                    None => stdin.to_vec(),
                };
                let text = String::from_utf8_lossy(&data);
                let mut found = false;
                for l in text.lines().filter(|l| l.contains(pat.as_str())) {
                    found = true;
                    out.extend_from_slice(format!("{l}\n").as_bytes());
                }
                Exec::Done(i32::from(!found))
            }
            "touch" => {
                for f in args {
                    if process::stat(self.cl, &self.key, self.i, f) == Stat::Missing {
                        let _ = self.write_file(f, b"", true);
                    }
                }
                ok
            }
            "mkdir" | "rm" => ok,
            "seq" => {
                let nums: Vec<i64> = args.iter().filter_map(|a| a.parse().ok()).collect();
                let (a, b) = match nums.as_slice() {
                    [b] => (1, *b),
                    [a, b, ..] => (*a, *b),
                    _ => (1, 0),
                };
                for k in a..=b.min(a + 100_000) {
                    out.extend_from_slice(format!("{k}\n").as_bytes());
                }
                ok
            }
            "nginx" => {
                err.extend_from_slice(
                    b"nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n",
                );
                Exec::Done(1)
            }
            "haproxy" => {
                err.extend_from_slice(b"podlab: run `haproxy -c` with the podlab command; exec'ing haproxy in a container is not modelled\n");
                Exec::Done(1)
            }
            other => {
                err.extend_from_slice(format!("podlab: {other} is not modelled\n").as_bytes());
                Exec::Done(127)
            }
        }
    }
}

impl Sys for ContainerSys<'_> {
    fn now(&self) -> SimTime {
        self.cl.now
    }

    /// Inside one container command, stdout shows before stderr
    /// (ARCHITECTURE.md, "Console output order").
    fn exec(
        &mut self,
        argv: &[String],
        env: &BTreeMap<String, String>,
        stdin: &[u8],
        output: &mut Output,
    ) -> Exec {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let r = self.applet(argv, env, stdin, &mut out, &mut err);
        output.write(1, &out);
        output.write(2, &err);
        r
    }

    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.read_noting(path)
    }

    fn write_file(&mut self, path: &str, data: &[u8], append: bool) -> Result<(), String> {
        process::write(self.cl, &self.key, self.i, path, data, append)
    }
}
