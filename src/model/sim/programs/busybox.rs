//! The userland of a container, as its shell sees it ([`ContainerSys`]):
//! the busybox applets (and the Debian images' coreutils where they behave
//! the same) over the container's files, processes and network, plus the
//! `curl` client of the images that ship it.

use std::collections::BTreeMap;

use super::{deliver, haproxy, nc, nginx, pause};
use crate::model::base::fs::Stat;
use crate::model::base::i18n::Key as Say;
use crate::model::base::net::conn::{self, Reply};
use crate::model::base::outcome::Outcome as HopOutcome;
use crate::model::base::textutil;
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::shell::budget::Budget;
use crate::model::lang::shell::vm::{Exec, Follow, Output, Sys};
use crate::model::sim::cluster::files::{etc_hosts, list, read_noting, resolve_hosts, stat, write};
use crate::model::sim::cluster::process::Program;
use crate::model::sim::cluster::wire::{ARP_TIMEOUT, Hop, LOOPBACK_RTT, POD_RTT};
use crate::model::sim::cluster::{CState, Cluster, Key};
use crate::model::sim::curl;
use crate::model::sim::images::{Kind, Lookup};

/// The world as a container's shell sees it.
pub struct ContainerSys<'a> {
    pub cl: &'a mut Cluster,
    pub key: Key,
    pub i: usize,
    pub trace: Vec<Hop>,
    /// When whoever waits for this shell stops it as Ctrl-C would (a typed
    /// command's simulated-time budget): a transfer that would end later
    /// prints only what curl had printed by then. `None` for a container's
    /// own processes, which nobody interrupts.
    pub deadline: Option<SimTime>,
}

impl<'a> ContainerSys<'a> {
    pub fn new(cl: &'a mut Cluster, key: Key, i: usize) -> Self {
        ContainerSys {
            cl,
            key,
            i,
            trace: Vec::new(),
            deadline: None,
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
        let start = self.cl.now;
        let (outcome, connect) = self.fetch(&url, &curl::request(&args, &url));
        let mut p = curl::print(&args, &url, &outcome, false, connect);
        // Curl 7.35 has no time limit of its own: a transfer that ends after
        // the command is stopped (HAProxy retrying for days) has printed
        // only its meter by then, and the stop's status is the driver's.
        if let Some(deadline) = self.deadline
            && start + p.elapsed > deadline
        {
            // It still takes its whole time, so that the driver, which
            // cannot wait that long, stops the command there.
            let elapsed = p.elapsed;
            p = curl::interrupted(&args, &url, &outcome, false, deadline.since(start));
            p.elapsed = elapsed;
        }
        out.extend_from_slice(&p.stdout);
        err.extend_from_slice(&p.stderr);
        if let Some((path, data)) = p.file {
            let _ = self.write_file(&path, &data, false);
        }
        Exec::Took(p.code, p.elapsed)
    }

    /// Resolve, connect and exchange one request from this container.
    fn fetch(&mut self, url: &curl::Url, request: &[u8]) -> (curl::Outcome, SimDuration) {
        let hosts = etc_hosts(self.cl, &self.key);
        let Some(ip) = resolve_hosts(&hosts, &url.host) else {
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
            text: Say::HopConnect
                .msg()
                .arg("addr", conn::fmt_addr(ip, url.port)),
            outcome: HopOutcome::Connected,
            volume: None,
        });
        let mut trace = Vec::new();
        let reply = deliver::exchange(self.cl, ns, ip, url.port, request, now, &mut trace);
        self.trace.append(&mut trace);
        let connect = if self.cl.route_is_local(ns, ip) {
            LOOPBACK_RTT
        } else {
            POD_RTT
        };
        let (outcome, note, verdict) = match reply {
            Reply::Bytes(b, took) if b.is_empty() => (
                curl::Outcome::Empty { elapsed: took },
                Say::HopClosedNoReply.msg(),
                HopOutcome::Closed,
            ),
            Reply::Bytes(b, took) => {
                let (status, verdict) = match crate::model::base::http::Response::parse(&b) {
                    Some(r) => (
                        Say::HopReceives
                            .msg()
                            .arg("status", format!("{} {}", r.status, r.reason)),
                        HopOutcome::Http(r.status),
                    ),
                    None => (
                        Say::HopReceives.msg().arg_msg("status", Say::HopAReply),
                        HopOutcome::Bytes(b.len()),
                    ),
                };
                (
                    curl::Outcome::Answered {
                        bytes: b,
                        elapsed: took,
                    },
                    status,
                    verdict,
                )
            }
            Reply::Refused | Reply::Loop => (
                curl::Outcome::Refused,
                Say::HopRefused
                    .msg()
                    .arg("addr", conn::fmt_addr(ip, url.port)),
                HopOutcome::Refused,
            ),
            Reply::Unreachable => (
                curl::Outcome::TimedOut {
                    elapsed: ARP_TIMEOUT,
                },
                Say::HopNoHost
                    .msg()
                    .arg("addr", conn::fmt_addr(ip, url.port)),
                HopOutcome::TimedOut,
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
            outcome: verdict,
            volume: None,
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
            match stat(self.cl, &self.key, self.i, p) {
                Stat::File => out.extend_from_slice(format!("{p}\n").as_bytes()),
                Stat::Dir => {
                    if paths.len() > 1 {
                        out.extend_from_slice(format!("{p}:\n").as_bytes());
                    }
                    let names = list(self.cl, &self.key, self.i, p);
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

    /// A file read by a command in this container.
    fn read_noting(&mut self, path: &str) -> Result<Vec<u8>, String> {
        read_noting(self.cl, &self.key, self.i, path)
    }

    /// `ps`: the pause process and every container's processes when the
    /// pod shares its PID namespace; otherwise this container's only.
    fn ps(&self, argv: &[String], out: &mut Vec<u8>) {
        let pod = &self.cl.pods[&self.key];
        out.extend_from_slice(b"PID   USER     TIME  COMMAND\n");
        let mut rows: Vec<(u32, &str, String)> = Vec::new();
        let shared = pod.obj.spec.share_process_namespace;
        if shared {
            rows.push(pause::ps_row());
        }
        for (j, c) in pod.containers.iter().enumerate() {
            if !shared && j != self.i {
                continue;
            }
            let (Some(p), CState::Running { .. }) = (&c.process, &c.state) else {
                continue;
            };
            match &p.program {
                Program::Nginx { worker } => rows.extend(nginx::ps_rows(p, *worker)),
                _ => rows.push((p.pid, "root", p.argv.join(" "))),
            }
        }
        crate::model::base::sort::sort_by_key(&mut rows, |r| r.0);
        let me = rows.iter().map(|r| r.0).max().unwrap_or(1) + 1;
        rows.push((me, "root", argv.join(" ")));
        for (pid, user, cmd) in rows {
            out.extend_from_slice(format!("{pid:>5} {user:<8} {:>5} {cmd}\n", "0:00").as_bytes());
        }
    }
}

/// A file an applet read: its name (None for standard input) and its bytes,
/// or why it could not be read.
type ReadFile = (Option<String>, Result<Vec<u8>, String>);

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
        let known = self.kind().is_some_and(|k| k.has_executable(&exe));
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
            "nc" => nc::listen(self.cl, &self.key, self.i, args, stdin, err),
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
                        let digits = if from_start && exe == "tail" {
                            &v[1..]
                        } else {
                            &v[..]
                        };
                        // BusyBox 1.35 on the host: `head -n 99999999999999999999`
                        // and `head -n x` say this and exit 1.
                        match digits.parse::<i64>() {
                            Ok(k) => n = Some(k),
                            Err(_) => {
                                err.extend_from_slice(
                                    format!("{exe}: invalid number '{digits}'\n").as_bytes(),
                                );
                                return Exec::Done(1);
                            }
                        }
                    } else if !a.starts_with('-') {
                        files.push(a.clone());
                    }
                }
                let lines_of = |data: &[u8]| -> Vec<u8> {
                    let k = usize::try_from(n.unwrap_or(10).max(0)).unwrap_or(usize::MAX);
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
                let g = match textutil::Grep::parse(args, textutil::Flavor::Busybox) {
                    Ok(g) => g,
                    Err((e, code)) => {
                        err.extend_from_slice(&e);
                        return Exec::Done(code);
                    }
                };
                // Read every file first (a read is recorded on its volume).
                let stdin_only = [String::from("-")];
                let names: &[String] = if g.files.is_empty() {
                    &stdin_only
                } else {
                    &g.files
                };
                let files: Vec<ReadFile> = names
                    .iter()
                    .map(|f| match f.as_str() {
                        "-" => (None, Ok(stdin.to_vec())),
                        _ => (Some(f.clone()), self.read_noting(f)),
                    })
                    .collect();
                let inputs: Vec<textutil::Input> = files
                    .iter()
                    .map(|(name, data)| textutil::Input {
                        name: name.as_deref(),
                        data: data.as_deref().map_err(Clone::clone),
                    })
                    .collect();
                let (o, e, code) = g.run(&inputs);
                out.extend_from_slice(&o);
                err.extend_from_slice(&e);
                Exec::Done(code)
            }
            "touch" => {
                for f in args {
                    if stat(self.cl, &self.key, self.i, f) == Stat::Missing {
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
                for k in a..=b.min(a.saturating_add(100_000)) {
                    out.extend_from_slice(format!("{k}\n").as_bytes());
                }
                ok
            }
            "nginx" => Exec::Done(nginx::exec_again(err)),
            "haproxy" => Exec::Done(haproxy::exec_by_hand(err)),
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
        budget: &mut Budget,
    ) -> Exec {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let r = self.applet(argv, env, stdin, &mut out, &mut err);
        budget.work(stdin.len() + out.len() + err.len());
        output.write(1, &out);
        output.write(2, &err);
        r
    }

    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.read_noting(path)
    }

    fn write_file(&mut self, path: &str, data: &[u8], append: bool) -> Result<(), String> {
        write(self.cl, &self.key, self.i, path, data, append)
    }

    fn read_from(&mut self, path: &str, offset: usize) -> Vec<u8> {
        crate::model::sim::cluster::files::read_from(self.cl, &self.key, self.i, path, offset)
            .unwrap_or_default()
    }
}
