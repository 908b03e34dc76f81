//! Processes in containers: how an image's entrypoint and the pod spec's
//! `command`/`args` become a program, what each program does when it
//! starts, and the files a container sees.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Cluster, Key, LogChunk, Stream, VolumeData};
use crate::model::base::fs::{self, Stat};
use crate::model::base::net::{Listener, SocketAddr};
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::haproxy::Version;
use crate::model::lang::haproxy::check as hcheck;
use crate::model::lang::haproxy::config as hconfig;
use crate::model::lang::haproxy::message::{Level, Printer};
use crate::model::lang::haproxy::runtime::{Running, fmt_addr};
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::drive::{Stop, Waited, drive};
use crate::model::lang::shell::vm::{Output, Shell};
use crate::model::sim::images::{Image, Kind, Lookup};

/// What a process is running.
#[derive(Clone, Debug, PartialEq)]
pub enum Program {
    /// The legacy fruit service.
    Fruit,
    /// HAProxy, with the wrapper's pid when started through
    /// haproxy-systemd-wrapper (1.7 images).
    Haproxy {
        running: Box<Running>,
        wrapper: bool,
    },
    Shell(Box<Shell>),
    /// A process that idles until killed (`sleep 3600`, pause).
    Idle,
    /// An image podlab does not simulate.
    Opaque,
    /// Taken out while it handles a connection (a connection that reaches
    /// it again is a loop).
    Busy,
    /// nginx's master process, with its worker's pid.
    Nginx {
        worker: u32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Process {
    pub pid: u32,
    pub argv: Vec<String>,
    pub program: Program,
    /// Set when the process has decided to exit (at its Wake timer).
    pub exit_code: Option<i32>,
}

impl Process {
    /// The process name `ps` and `netstat` show.
    pub fn comm(&self) -> String {
        let a0 = self.argv.first().map_or("", String::as_str);
        a0.rsplit('/')
            .next()
            .unwrap_or(a0)
            .chars()
            .take(15)
            .collect()
    }
}

/// What starting (or resuming) a process led to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Started {
    /// It runs; wake it at this time if set.
    Running { wake: Option<SimTime> },
    /// It exits with this code at this time.
    Exits { code: i32, at: SimTime },
}

/// How long a failing start takes to exit (config parsing, etc.).
const EXIT_AFTER: SimDuration = SimDuration::from_millis(30);
/// The haproxy:1.7 entrypoint runs `$(which haproxy-systemd-wrapper)` before
/// exec-ing the wrapper, so the haproxy process it forks is not PID 2: the
/// lab's transcript shows `(10)` (fidelity.md).
const HAPROXY_1_7_CHILD_PID: u32 = 10;
/// HAProxy 2.x's master-worker mode forks its worker as PID 8 in a fresh
/// container (`New worker (8) forked` in the official image's logs).
const HAPROXY_2_WORKER_PID: u32 = 8;

/// `command`/`args` over the image's ENTRYPOINT/CMD, as the kubelet combines
/// them (a `command` drops the image's CMD).
pub fn argv(
    image: Option<&Image>,
    command: &Option<Vec<String>>,
    args: &Option<Vec<String>>,
) -> Vec<String> {
    let owned = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let (ep, cmd) = image.map_or((Vec::new(), Vec::new()), |i| {
        (owned(i.entrypoint), owned(i.cmd))
    });
    match (command, args) {
        (Some(c), Some(a)) => c.iter().chain(a).cloned().collect(),
        (Some(c), None) => c.clone(),
        (None, Some(a)) => ep.into_iter().chain(a.iter().cloned()).collect(),
        (None, None) => ep.into_iter().chain(cmd).collect(),
    }
}

fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// Start container `i`'s main process.
pub fn start(cl: &mut Cluster, key: &Key, i: usize) -> Started {
    let pod = &cl.pods[key];
    let c = &pod.containers[i];
    let image = match &c.image {
        Lookup::Known(img) => Some(img.clone()),
        _ => None,
    };
    let mut argv = argv(image.as_ref(), &c.spec.command, &c.spec.args);
    let pid = if pod.obj.spec.share_process_namespace {
        let p = cl.pods.get_mut(key).expect("pod");
        // PID 1 is the sandbox's pause process.
        p.next_pid += 1;
        p.next_pid
    } else {
        1
    };
    let Some(image) = image else {
        set_process(
            cl,
            key,
            i,
            Process {
                pid,
                argv,
                program: Program::Opaque,
                exit_code: None,
            },
        );
        return Started::Running { wake: None };
    };
    // Image entrypoint scripts that rewrite the command.
    if let Kind::Haproxy(v) = image.kind
        && matches!(
            argv.first().map(String::as_str),
            Some("/docker-entrypoint.sh" | "docker-entrypoint.sh")
        )
    {
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
    }
    // The nginx image's entrypoint runs its set-up scripts, then execs the
    // command.
    if image.kind == Kind::Nginx
        && argv
            .first()
            .is_some_and(|a| basename(a) == "docker-entrypoint.sh")
    {
        argv.remove(0);
    }
    let exe = argv
        .first()
        .map(|a| basename(a).to_string())
        .unwrap_or_default();
    match (image.kind, exe.as_str()) {
        (Kind::Nginx, "nginx") => super::programs::nginx(cl, key, i, pid, argv),
        (Kind::FruitService, "legacy-fruit-service") => {
            let started = bind(
                cl,
                key,
                i,
                pid,
                "legacy-fruit-s",
                &[(
                    IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                    crate::model::sim::fruit::PORT,
                )],
                true,
                false,
            );
            let program = if started.is_ok() {
                Program::Fruit
            } else {
                Program::Idle
            };
            set_process(
                cl,
                key,
                i,
                Process {
                    pid,
                    argv,
                    program,
                    exit_code: None,
                },
            );
            match started {
                Ok(()) => Started::Running { wake: None },
                Err(_) => Started::Exits {
                    code: 1,
                    at: cl.now + EXIT_AFTER,
                },
            }
        }
        (Kind::Haproxy(v), "haproxy-systemd-wrapper" | "haproxy") => {
            haproxy(cl, key, i, pid, argv, v, image.root)
        }
        (_, "sh" | "ash" | "bash" | "dash") => {
            let script = match argv.iter().position(|a| a == "-c") {
                Some(p) => argv.get(p + 1).cloned(),
                None => None,
            };
            let Some(script) = script else {
                // No script and no terminal: the shell reads EOF and exits.
                set_process(
                    cl,
                    key,
                    i,
                    Process {
                        pid,
                        argv,
                        program: Program::Idle,
                        exit_code: None,
                    },
                );
                return Started::Exits {
                    code: 0,
                    at: cl.now + EXIT_AFTER,
                };
            };
            let name = argv[0].clone();
            match Shell::new(&script, shell_env(cl, key, i)) {
                Ok(mut sh) => {
                    sh.name = basename(&name).to_string();
                    set_process(
                        cl,
                        key,
                        i,
                        Process {
                            pid,
                            argv,
                            program: Program::Shell(Box::new(sh)),
                            exit_code: None,
                        },
                    );
                    resume(cl, key, i)
                }
                Err(e) => {
                    log(cl, key, i, Stream::Stderr, format!("{e}\n").into_bytes());
                    set_process(
                        cl,
                        key,
                        i,
                        Process {
                            pid,
                            argv,
                            program: Program::Idle,
                            exit_code: None,
                        },
                    );
                    Started::Exits {
                        code: 2,
                        at: cl.now + EXIT_AFTER,
                    }
                }
            }
        }
        (_, "sleep") => {
            let secs: f64 = argv.get(1).and_then(|a| a.parse().ok()).unwrap_or(0.0);
            set_process(
                cl,
                key,
                i,
                Process {
                    pid,
                    argv,
                    program: Program::Idle,
                    exit_code: None,
                },
            );
            Started::Exits {
                code: 0,
                at: cl.now + SimDuration::from_micros((secs * 1e6) as u64),
            }
        }
        _ if has_executable(image.kind, &exe) => {
            // Any other single utility: run it once as a one-line script.
            let script = argv
                .iter()
                .map(|a| shell_quote(a))
                .collect::<Vec<_>>()
                .join(" ");
            let sh = Shell::new(&script, shell_env(cl, key, i))
                .unwrap_or_else(|_| Shell::new("false", BTreeMap::new()).expect("valid"));
            set_process(
                cl,
                key,
                i,
                Process {
                    pid,
                    argv,
                    program: Program::Shell(Box::new(sh)),
                    exit_code: None,
                },
            );
            resume(cl, key, i)
        }
        _ => {
            // runc cannot find the executable: the container fails to start.
            let msg = format!(
                "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown",
                argv.first().map_or("", String::as_str)
            );
            let (ns, name) = key.clone();
            cl.event(
                &ns,
                &format!("pod/{name}"),
                true,
                "Failed",
                "kubelet",
                format!("Error: {msg}"),
            );
            set_process(
                cl,
                key,
                i,
                Process {
                    pid,
                    argv,
                    program: Program::Idle,
                    exit_code: Some(128),
                },
            );
            Started::Exits {
                code: 128,
                at: cl.now,
            }
        }
    }
}

fn shell_quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

/// Executables podlab knows to be in an image.
pub fn has_executable(kind: Kind, exe: &str) -> bool {
    const BUSYBOX: &[&str] = &[
        "sh", "ash", "cat", "ls", "echo", "ps", "sleep", "date", "wget", "hostname", "env",
        "netstat", "tail", "head", "wc", "grep", "true", "false", "printf", "test", "[", "mkdir",
        "touch", "rm", "pwd", "id", "whoami", "uname", "nslookup", "expr", "seq", "nc",
    ];
    const DEBIAN: &[&str] = &[
        "sh", "bash", "dash", "cat", "ls", "echo", "sleep", "date", "hostname", "env", "tail",
        "head", "wc", "grep", "true", "false", "printf", "test", "[", "mkdir", "touch", "rm",
        "pwd", "id", "whoami", "uname", "expr", "seq",
    ];
    match kind {
        Kind::Busybox { curl } => BUSYBOX.contains(&exe) || (curl && exe == "curl"),
        Kind::Debian | Kind::Nginx => {
            DEBIAN.contains(&exe) || (kind == Kind::Nginx && exe == "nginx")
        }
        Kind::Haproxy(_) => DEBIAN.contains(&exe) || exe == "haproxy",
        Kind::FruitService => false,
    }
}

fn shell_env(cl: &Cluster, key: &Key, i: usize) -> BTreeMap<String, String> {
    let pod = &cl.pods[key];
    let mut env = BTreeMap::from([
        (
            "PATH".to_string(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string(),
        ),
        ("HOSTNAME".to_string(), pod.obj.name.clone()),
        ("HOME".to_string(), "/root".to_string()),
    ]);
    for (k, v) in &pod.containers[i].spec.env {
        env.insert(k.clone(), v.clone());
    }
    env
}

fn set_process(cl: &mut Cluster, key: &Key, i: usize, p: Process) {
    if let Some(pod) = cl.pods.get_mut(key) {
        pod.containers[i].process = Some(p);
    }
}

/// Append to a container's log.
pub fn log(cl: &mut Cluster, key: &Key, i: usize, stream: Stream, bytes: Vec<u8>) {
    if bytes.is_empty() {
        return;
    }
    let at = cl.now;
    if let Some(pod) = cl.pods.get_mut(key) {
        let logs = &mut pod.containers[i].logs;
        logs.push(LogChunk { at, stream, bytes });
        // The runtime rotates the log file past containerLogMaxSize and
        // `kubectl logs` reads the current file: drop the oldest chunks.
        let mut total: usize = logs.iter().map(|c| c.bytes.len()).sum();
        while total > LOG_MAX && logs.len() > 1 {
            total -= logs.remove(0).bytes.len();
        }
    }
}

/// The kubelet's `containerLogMaxSize` default, 10 MiB
/// (KubeletConfiguration, pkg/kubelet/apis/config/v1beta1/defaults.go).
pub const LOG_MAX: usize = 10 * 1024 * 1024;
/// What a shell process runs per wake-up: one slice of ops
/// (`Budget::SLICE`, 20 000), which stands for 20 ms of CPU at about a
/// microsecond per op of busybox ash: a loop of builtins runs that long
/// between wake-ups. A command it cannot stop in (`$(…)`, a loop in a
/// pipeline) may go on for up to 1000 slices.
const SPIN_BUDGET: Budget = Budget::slices(1000).with_slice_cpu(SimDuration::from_millis(20));

/// Bind listening sockets for a process; on failure, nothing stays bound.
#[allow(clippy::too_many_arguments)]
fn bind(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    pid: u32,
    comm: &str,
    addrs: &[(IpAddr, u16)],
    root: bool,
    v6only: bool,
) -> Result<(), (IpAddr, u16, crate::model::base::net::Errno)> {
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

/// HAProxy's start: read the configuration, check it, bind, run.
fn haproxy(
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
        set_process(
            cl,
            key,
            i,
            Process {
                pid,
                argv: argv.clone(),
                program: Program::Idle,
                exit_code: None,
            },
        );
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
                String::from_utf8_lossy(
                    &super::programs::read_noting(cl, key, i, f).unwrap_or_default(),
                )
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
                                &super::programs::read_noting(cl, key, i, &p).unwrap_or_default(),
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
    for px in &cfg.proxies {
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
        Process {
            pid,
            argv,
            program: Program::Haproxy {
                running: Box::new(running),
                wrapper,
            },
            exit_code: None,
        },
    );
    Started::Running { wake: None }
}

/// Run a shell process until it stops again.
pub fn resume(cl: &mut Cluster, key: &Key, i: usize) -> Started {
    let Some(pod) = cl.pods.get_mut(key) else {
        return Started::Running { wake: None };
    };
    let Some(proc_) = pod.containers[i].process.as_mut() else {
        return Started::Running { wake: None };
    };
    let Program::Shell(_) = &proc_.program else {
        return Started::Running { wake: None };
    };
    let Program::Shell(mut sh) = std::mem::replace(&mut proc_.program, Program::Busy) else {
        unreachable!("checked above")
    };
    let mut out = Output::default();
    let stop = {
        let mut sys = super::wire::ContainerSys::new(cl, key.clone(), i);
        drive(
            &mut sh,
            &mut sys,
            &mut out,
            &mut SPIN_BUDGET.clone(),
            |_, _| Waited::Later,
        )
    };
    log(cl, key, i, Stream::Stdout, out.out);
    log(cl, key, i, Stream::Stderr, out.err);
    if let Some(p) = cl
        .pods
        .get_mut(key)
        .and_then(|p| p.containers[i].process.as_mut())
    {
        p.program = Program::Shell(sh);
    }
    match stop {
        Stop::Exited { code, at } => Started::Exits { code, at },
        // It waits: for a sleep, for the time its commands took, or, if it
        // only ran builtins, for the CPU time its slice stands for.
        Stop::Wake(wake) | Stop::Spent { wake, .. } => Started::Running { wake: Some(wake) },
        Stop::Blocked(crate::model::lang::shell::vm::Follow::Tail { .. }) => Started::Running {
            wake: Some(cl.now + SimDuration::from_secs(1)),
        },
        Stop::Blocked(_) | Stop::Gone => Started::Running { wake: None },
    }
}

/// /etc/hosts as kubelet writes it for the pod.
pub fn etc_hosts(cl: &Cluster, key: &Key) -> String {
    let pod = &cl.pods[key];
    fs::etc_hosts(pod.ip, &pod.obj.name)
}

/// Look a host name up in an /etc/hosts text.
pub fn resolve_hosts(hosts: &str, name: &str) -> Option<IpAddr> {
    if let Ok(ip) = name.parse::<IpAddr>() {
        return Some(ip);
    }
    for line in hosts.lines() {
        let mut f = line.split_whitespace();
        let Some(ip) = f.next() else { continue };
        if ip.starts_with('#') {
            continue;
        }
        if f.any(|n| n == name)
            && let Ok(ip) = ip.parse::<IpAddr>()
        {
            if ip == IpAddr::V6(Ipv6Addr::LOCALHOST) && name == "localhost" {
                continue;
            }
            return Some(ip);
        }
    }
    None
}

/// Where a path of a container lives: a volume (and the path inside it), or
/// the image.
enum Place<'a> {
    Volume(&'a VolumeData, String),
    Hosts,
    Image,
}

fn place<'a>(cl: &'a Cluster, key: &Key, i: usize, path: &str) -> Place<'a> {
    let path = fs::normalize(path);
    if path == "/etc/hosts" {
        return Place::Hosts;
    }
    let pod = &cl.pods[key];
    let mut best: Option<(&crate::model::lang::kube::objects::MountSpec, usize)> = None;
    for m in &pod.containers[i].spec.mounts {
        let mp = fs::normalize(&m.path);
        let inside = path == mp || mp == "/" || path.starts_with(&format!("{mp}/"));
        if inside && best.is_none_or(|(_, l)| mp.len() > l) {
            best = Some((m, mp.len()));
        }
    }
    let Some((m, len)) = best else {
        return Place::Image;
    };
    let Some(data) = pod.volumes.get(&m.volume) else {
        return Place::Image;
    };
    let rest = &path[len.min(path.len())..];
    let inner = match &m.sub_path {
        Some(sp) => fs::join(&format!("/{sp}"), rest.trim_start_matches('/')),
        None => fs::normalize(rest),
    };
    Place::Volume(data, inner)
}

/// Image directories podlab knows exist (so that listings are honest about
/// the rest).
fn image_dir(cl: &Cluster, key: &Key, i: usize, path: &str) -> bool {
    let kind = match &cl.pods[key].containers[i].image {
        Lookup::Known(img) => img.kind,
        _ => return false,
    };
    let common = [
        "/",
        "/etc",
        "/tmp",
        "/var",
        "/var/log",
        "/usr",
        "/usr/local",
        "/root",
        "/bin",
        "/proc",
    ];
    common.contains(&path)
        || match kind {
            Kind::Haproxy(_) => [
                "/usr/local/etc",
                "/usr/local/etc/haproxy",
                "/usr/local/sbin",
                "/run",
            ]
            .contains(&path),
            Kind::Nginx => [
                "/usr/share",
                "/usr/share/nginx",
                "/usr/share/nginx/html",
                "/etc/nginx",
            ]
            .contains(&path),
            _ => false,
        }
}

pub fn stat(cl: &Cluster, key: &Key, i: usize, path: &str) -> Stat {
    let path = fs::normalize(path);
    match place(cl, key, i, &path) {
        Place::Hosts => Stat::File,
        Place::Volume(VolumeData::Files(t), inner) => {
            if t.get(&inner).is_some() {
                Stat::File
            } else if t.is_dir(&inner) {
                Stat::Dir
            } else {
                Stat::Missing
            }
        }
        Place::Volume(VolumeData::Unmodelled(_), _) => Stat::Dir,
        Place::Image => {
            if image_dir(cl, key, i, &path) {
                Stat::Dir
            } else if cl.image_files(key, i).contains_key(&path) {
                Stat::File
            } else {
                Stat::Missing
            }
        }
    }
}

pub fn read(cl: &Cluster, key: &Key, i: usize, path: &str) -> Result<Vec<u8>, String> {
    match place(cl, key, i, path) {
        Place::Hosts => Ok(etc_hosts(cl, key).into_bytes()),
        Place::Volume(VolumeData::Files(t), inner) => match t.get(&inner) {
            Some(d) => Ok(d.to_vec()),
            None if t.is_dir(&inner) => Err("Is a directory".into()),
            None => Err("No such file or directory".into()),
        },
        Place::Volume(VolumeData::Unmodelled(kind), _) => {
            Err(format!("podlab does not model {kind} volumes"))
        }
        Place::Image => {
            let p = fs::normalize(path);
            match cl.image_files(key, i).get(&p) {
                Some(d) => Ok(d.clone().into_bytes()),
                None if image_dir(cl, key, i, &p) => Err("Is a directory".into()),
                None => Err("No such file or directory".into()),
            }
        }
    }
}

pub fn list(cl: &Cluster, key: &Key, i: usize, path: &str) -> Vec<String> {
    let path = fs::normalize(path);
    let mut names = match place(cl, key, i, &path) {
        Place::Volume(VolumeData::Files(t), inner) => t.list(&inner),
        _ => Vec::new(),
    };
    // Mount points directly under this directory.
    for m in &cl.pods[key].containers[i].spec.mounts {
        let mp = fs::normalize(&m.path);
        if let Some(rest) = mp.strip_prefix(&format!("{}/", path.trim_end_matches('/')))
            && !rest.is_empty()
            && !rest.contains('/')
            && !names.contains(&rest.to_string())
        {
            names.push(rest.to_string());
        }
    }
    names.sort();
    names
}

pub fn write(
    cl: &mut Cluster,
    key: &Key,
    i: usize,
    path: &str,
    data: &[u8],
    append: bool,
) -> Result<(), String> {
    let path = fs::normalize(path);
    if path == "/dev/null" {
        return Ok(());
    }
    let pod = &cl.pods[key];
    let mut target: Option<(String, String)> = None;
    let mut best = 0;
    for m in &pod.containers[i].spec.mounts {
        let mp = fs::normalize(&m.path);
        if (path.starts_with(&format!("{mp}/")) || mp == "/") && mp.len() >= best {
            if m.read_only {
                return Err("Read-only file system".into());
            }
            best = mp.len();
            target = Some((m.volume.clone(), fs::normalize(&path[mp.len()..])));
        }
    }
    match target {
        Some((vol, inner)) => {
            let pod = cl.pods.get_mut(key).expect("pod");
            match pod.volumes.get_mut(&vol) {
                Some(VolumeData::Files(t)) => {
                    let is_cm = pod.obj.spec.volumes.iter().any(|v| {
                        v.name == vol
                            && matches!(
                                v.source,
                                crate::model::lang::kube::objects::VolumeSourceSpec::ConfigMap { .. }
                            )
                    });
                    if is_cm {
                        return Err("Read-only file system".into());
                    }
                    pod.io.insert((vol.clone(), i, super::programs::Io::Writes));
                    match t.get_mut(&inner) {
                        Some(f) if append => f.extend_from_slice(data),
                        _ => {
                            let mut content = if append {
                                t.get(&inner).map(<[u8]>::to_vec).unwrap_or_default()
                            } else {
                                Vec::new()
                            };
                            content.extend_from_slice(data);
                            t.insert(&inner, content);
                        }
                    }
                    Ok(())
                }
                _ => Err("podlab does not model writes to this volume".into()),
            }
        }
        None => {
            let pod = cl.pods.get_mut(key).expect("pod");
            let files = &mut pod.containers[i].scratch;
            let f = files.entry(path).or_default();
            if !append {
                f.clear();
            }
            f.push_str(&String::from_utf8_lossy(data));
            Ok(())
        }
    }
}

impl Cluster {
    /// Files of the container's own layer: what the image ships that podlab
    /// knows of, plus what processes wrote outside volumes.
    pub fn image_files(&self, key: &Key, i: usize) -> BTreeMap<String, String> {
        let c = &self.pods[key].containers[i];
        let mut m = c.scratch.clone();
        if let Lookup::Known(img) = &c.image
            && let Kind::Nginx = img.kind
        {
            m.entry("/usr/share/nginx/html/index.html".into())
                .or_insert_with(|| crate::model::sim::cluster::wire::NGINX_WELCOME.to_string());
        }
        m
    }
}
