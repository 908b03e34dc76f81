//! HAProxy in a container: the official image's entrypoint, its start
//! (read the configuration files, check them, bind, run, with the lines it
//! logs), and the connections it handles, forwarded through the pod's
//! network.

use std::net::IpAddr;

use crate::model::base::fs::{self, Stat};
use crate::model::base::net::NetNsId;
use crate::model::base::net::conn::{Reply, Upstream, fmt_addr};
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::haproxy::Version;
use crate::model::lang::haproxy::check as hcheck;
use crate::model::lang::haproxy::config as hconfig;
use crate::model::lang::haproxy::message::{Level, Printer};
use crate::model::lang::haproxy::runtime::Running;
use crate::model::sim::cluster::files::{etc_hosts, list, read_noting, resolve_hosts, stat};
use crate::model::sim::cluster::process::{
    EXIT_AFTER, Process, Program, Started, basename, log, set_process,
};
use crate::model::sim::cluster::wire::{Hop, Route, bind};
use crate::model::sim::cluster::{Cluster, Container, Key, Stream};

/// The image's `docker-entrypoint.sh`: a first argument that is an option
/// means haproxy; `haproxy` runs in the foreground, in master-worker mode
/// from 1.8 on, through haproxy-systemd-wrapper before.
pub fn entrypoint(v: Version, mut argv: Vec<String>) -> Vec<String> {
    if !matches!(
        argv.first().map(String::as_str),
        Some("/docker-entrypoint.sh" | "docker-entrypoint.sh")
    ) {
        return argv;
    }
    argv.remove(0);
    if argv.first().is_some_and(|a| a.starts_with('-')) {
        argv.insert(0, "haproxy".into());
    }
    if argv.first().map(String::as_str) == Some("haproxy") {
        argv.remove(0);
        let mut new: Vec<String> = if v.at_least(1, 8) {
            vec!["haproxy".into(), "-W".into(), "-db".into()]
        } else {
            vec![
                "/usr/local/sbin/haproxy-systemd-wrapper".into(),
                "-p".into(),
                "/run/haproxy.pid".into(),
                "-db".into(),
            ]
        };
        new.extend(argv);
        argv = new;
    }
    argv
}

/// The haproxy:1.7 entrypoint runs `$(which haproxy-systemd-wrapper)` before
/// exec-ing the wrapper, so the haproxy process it forks is not PID 2: the
/// lab's transcript shows `(10)` (fidelity.md).
const HAPROXY_1_7_CHILD_PID: u32 = 10;
/// HAProxy 2.x's master-worker mode forks its worker as PID 8 in a fresh
/// container (`New worker (8) forked` in the official image's logs).
const HAPROXY_2_WORKER_PID: u32 = 8;

/// HAProxy's start: read the configuration, check it, bind, run.
pub fn start(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    pid: u32,
    argv: Vec<String>,
    v: Version,
    root: bool,
) -> Started {
    let wrapper = basename(&argv[0]) == "haproxy-systemd-wrapper";
    let args: Vec<String> = argv[1..].to_vec();
    let hpid = if wrapper { HAPROXY_1_7_CHILD_PID } else { pid };
    let master_worker = args.iter().any(|a| a == "-W");
    let foreground = wrapper || args.iter().any(|a| a == "-db" || a == "-Ds");
    if wrapper {
        let line = format!(
            "<7>haproxy-systemd-wrapper: executing /usr/local/sbin/haproxy {} -Ds \n",
            args.join(" ")
        );
        log(cl, key, i, Stream::Stderr, line.into_bytes());
    }
    let printer = Printer {
        version: v,
        pid: hpid,
        at: cl.wall.civil(cl.now),
    };
    let exe = if wrapper {
        "/usr/local/sbin/haproxy".to_string()
    } else {
        argv[0].clone()
    };
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "-f"
            && let Some(f) = it.next()
        {
            files.push(f.clone());
        }
    }
    let exit = |cl: &mut Cluster, code: i32, lines: Vec<String>| -> Started {
        let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        if wrapper {
            text.push_str(&format!(
                "<5>haproxy-systemd-wrapper: exit, haproxy RC={code}\n"
            ));
        }
        log(cl, key, i, Stream::Stderr, text.into_bytes());
        set_process(cl, key, i, Process::new(pid, argv.clone(), Program::Idle));
        Started::Exits {
            code,
            at: cl.now + EXIT_AFTER,
        }
    };
    if files.is_empty() {
        let line = format!(
            "{}No configuration file specified.",
            printer.prefix_in(Level::Alert, None)
        );
        return exit(cl, 1, vec![line]);
    }
    // -f may name a directory: every *.cfg in it, dotfiles skipped.
    let mut sources: Vec<(String, String)> = Vec::new();
    for f in &files {
        match stat(cl, key, i, f) {
            Stat::File => sources.push((
                f.clone(),
                String::from_utf8_lossy(&read_noting(cl, key, i, f).unwrap_or_default())
                    .into_owned(),
            )),
            Stat::Dir => {
                for name in list(cl, key, i, f) {
                    if name.starts_with('.') || !name.ends_with(".cfg") {
                        continue;
                    }
                    let p = fs::join(f, &name);
                    if stat(cl, key, i, &p) == Stat::File {
                        sources.push((
                            p.clone(),
                            String::from_utf8_lossy(
                                &read_noting(cl, key, i, &p).unwrap_or_default(),
                            )
                            .into_owned(),
                        ));
                    }
                }
            }
            Stat::Missing => {
                let line = format!(
                    "{}Cannot open configuration file/directory {f} : No such file or directory",
                    printer.prefix(Level::Alert)
                );
                return exit(cl, 1, vec![line]);
            }
        }
    }
    let hosts = etc_hosts(cl, key);
    let resolve = |h: &str| resolve_hosts(&hosts, h);
    let mut lines = Vec::new();
    let mut cfg: Option<hconfig::Config> = None;
    for (file, text) in &sources {
        let mut c = hconfig::parse(text, v);
        hcheck::validity(&mut c, &resolve);
        lines.extend(hcheck::report(&c, &printer, file));
        cfg = Some(match cfg {
            None => c,
            Some(mut acc) => {
                acc.proxies.extend(c.proxies);
                acc.messages.extend(c.messages);
                acc
            }
        });
    }
    let Some(cfg) = cfg else {
        let line = format!(
            "{}[{exe}.main()] No enabled listener found (check for 'bind' directives) ! Exiting.",
            printer.prefix_in(Level::Alert, None)
        );
        return exit(cl, 1, vec![line]);
    };
    if cfg.has_errors() {
        return exit(cl, 1, lines);
    }
    if !hcheck::has_listener(&cfg) {
        lines.push(format!(
            "{}[{exe}.main()] No enabled listener found (check for 'bind' directives) ! Exiting.",
            printer.prefix_in(Level::Alert, None)
        ));
        return exit(cl, 1, lines);
    }
    for px in cfg.proxies.iter().filter(|p| !p.disabled) {
        for b in &px.binds {
            let v6only = b.v6only;
            let addrs: Vec<(IpAddr, u16)> = b.addrs.iter().map(|a| (a.ip, a.port)).collect();
            if let Err((ip, port, e)) = bind(cl, key, i, hpid, "haproxy", &addrs, root, v6only) {
                let why = if v.at_least(2, 0) {
                    format!("({e}) ")
                } else {
                    String::new()
                };
                lines.push(format!(
                    "{}Starting {} {}: cannot bind socket {why}[{}]",
                    printer.prefix_in(Level::Alert, None),
                    px.kind.type_str(),
                    px.name,
                    fmt_addr(ip, port)
                ));
                lines.push(format!(
                    "{}[{exe}.main()] Some protocols failed to start their listeners! Exiting.",
                    printer.prefix_in(Level::Alert, None)
                ));
                return exit(cl, 1, lines);
            }
        }
    }
    if !foreground && cfg.global.daemon {
        // `daemon` without -db/-Ds: HAProxy forks into the background and the
        // container's main process exits 0 (fidelity.md).
        if let Some(id) = cl.pods[key].netns {
            cl.net.get_mut(id).release_container(i);
        }
        return exit(cl, 0, lines);
    }
    if master_worker && v.at_least(2, 4) {
        lines.push(format!(
            "{}New worker ({HAPROXY_2_WORKER_PID}) forked",
            printer.prefix_in(Level::Notice, None)
        ));
        lines.push(format!(
            "{}Loading success.",
            printer.prefix_in(Level::Notice, None)
        ));
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    log(cl, key, i, Stream::Stderr, text.into_bytes());
    let running = Running::new(cfg, cl.now);
    set_process(
        cl,
        key,
        i,
        Process::new(
            pid,
            argv,
            Program::Haproxy {
                running: Box::new(running),
                wrapper,
            },
        ),
    );
    Started::Running { wake: None }
}

/// HAProxy handles a connection to `ip:port`; the connections it opens go
/// out through `route`.
#[allow(clippy::too_many_arguments)]
pub fn answer(
    cl: &mut Cluster,
    key: &Key,
    container: usize,
    ip: IpAddr,
    port: u16,
    bytes: &[u8],
    at: SimTime,
    rtt: SimDuration,
    trace: &mut Vec<Hop>,
    route: Route,
) -> Reply {
    let Some(Program::Haproxy {
        mut running,
        wrapper,
    }) = cl.take_program(key, container)
    else {
        return Reply::Refused;
    };
    let netns = cl.pods[key].netns.expect("a listener means a sandbox");
    let hosts = etc_hosts(cl, key);
    let start = trace.len();
    let handled = {
        let mut up = PodUpstream {
            cl,
            route,
            ns: netns,
            hosts,
            trace,
            at,
        };
        running.handle(ip, port, bytes, at + rtt, &mut up)
    };
    cl.put_program(key, container, Program::Haproxy { running, wrapper });
    // HAProxy's own steps go before what its connections led to
    // at the same moment.
    let nested = trace.split_off(start);
    let mut ours = Vec::new();
    for s in &handled.steps {
        cl.hop(
            &mut ours,
            at + rtt + s.at,
            key,
            Some(container),
            s.text.clone(),
            s.outcome,
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

/// `haproxy` run by hand in a container whose HAProxy already runs.
pub fn exec_by_hand(err: &mut Vec<u8>) -> i32 {
    err.extend_from_slice(b"podlab: run `haproxy -c` with the podlab command; exec'ing haproxy in a container is not modelled\n");
    1
}

/// HAProxy's view of the network from its pod.
struct PodUpstream<'a> {
    cl: &'a mut Cluster,
    route: Route,
    ns: NetNsId,
    hosts: String,
    trace: &'a mut Vec<Hop>,
    at: SimTime,
}

impl Upstream for PodUpstream<'_> {
    fn exchange(&mut self, ip: IpAddr, port: u16, request: &[u8], at: SimTime) -> Reply {
        let _ = self.at;
        (self.route)(self.cl, self.ns, ip, port, request, at, self.trace)
    }
    fn resolve(&self, host: &str) -> Option<IpAddr> {
        resolve_hosts(&self.hosts, host)
    }
    fn listening(&self, ip: IpAddr, port: u16) -> bool {
        self.cl.net.connect(self.ns, ip, port).is_ok()
    }
}

/// For the diagram: the servers of a running HAProxy's backends that name a
/// port, as (host, port).
pub fn servers(c: &Container) -> Vec<(&str, u16)> {
    let Some(Program::Haproxy { running, .. }) = c.process.as_ref().map(|p| &p.program) else {
        return Vec::new();
    };
    running
        .config
        .proxies
        .iter()
        .filter(|p| p.is_backend())
        .flat_map(|px| &px.servers)
        .filter_map(|s| Some((s.host.as_str(), s.port?)))
        .collect()
}
