//! The programs the multi-container patterns need beyond the lab's: nginx
//! serving a directory, busybox `nc -l` answering one connection with what
//! came down its pipe, `ps` in a private or shared PID namespace, and the
//! record of which container reads or writes which volume (for the diagram,
//! which draws who writes and who reads from what really happened).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::process::{self, Process, Program, Started};
use super::wire::{ContainerSys, Hop};
use super::{CState, Cluster, Key, Stream, Timer};
use crate::model::base::fs;
use crate::model::base::http::{Request, Response};
use crate::model::base::net::conn::{self, Reply};
use crate::model::base::net::{Listener, SocketAddr};
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::lang::shell::vm::{Exec, Follow, State};

/// nginx's version in the `nginx` images podlab knows (the `Server` header).
pub const NGINX_VERSION: &str = "nginx/1.27.2";
/// nginx retries a failed bind 5 times, 500 ms apart, then gives up with
/// "still could not bind()" (src/core/ngx_connection.c,
/// `ngx_open_listening_sockets`: `tries = 5`, `ngx_msleep(500)`).
const NGINX_BIND_TRIES: u64 = 5;
const NGINX_BIND_RETRY: SimDuration = SimDuration::from_millis(500);
/// The official nginx image runs its workers as user nginx, uid 101
/// (its Dockerfile: `adduser --system ... --uid 101 nginx`); busybox's `ps`
/// in another container has no name for it and shows the number.
pub const NGINX_WORKER_UID: &str = "101";
/// How long nginx takes to read and send a small static file here.
const NGINX_LATENCY: SimDuration = SimDuration::from_micros(300);
/// How long `nc` takes to copy its pipe's bytes to the connection here.
const NC_LATENCY: SimDuration = SimDuration::from_micros(200);

/// Whether a container reads or writes a volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Io {
    Reads,
    Writes,
}

/// The volume a path of container `i` lies in, if any.
pub fn volume_of(cl: &Cluster, key: &Key, i: usize, path: &str) -> Option<String> {
    let path = fs::normalize(path);
    let pod = cl.pods.get(key)?;
    pod.containers[i]
        .spec
        .mounts
        .iter()
        .filter(|m| {
            let mp = fs::normalize(&m.path);
            path == mp || mp == "/" || path.starts_with(&format!("{mp}/"))
        })
        .max_by_key(|m| fs::normalize(&m.path).len())
        .map(|m| m.volume.clone())
}

/// Record that container `i` read or wrote `path`, when it is in a volume.
pub fn note_io(cl: &mut Cluster, key: &Key, i: usize, path: &str, io: Io) {
    if let Some(v) = volume_of(cl, key, i, path)
        && let Some(pod) = cl.pods.get_mut(key)
    {
        pod.io.insert((v, i, io));
    }
}

/// Read a file as container `i`, recording a read of a volume.
pub fn read_noting(cl: &mut Cluster, key: &Key, i: usize, path: &str) -> Result<Vec<u8>, String> {
    let r = process::read(cl, key, i, path);
    if r.is_ok() {
        note_io(cl, key, i, path, Io::Reads);
    }
    r
}

/// Start nginx (`nginx -g 'daemon off;'`, the image's CMD): bind port 80 on
/// IPv4 and IPv6 (the image's `10-listen-on-ipv6-by-default.sh` adds
/// `listen [::]:80`), and serve /usr/share/nginx/html.
pub(super) fn nginx(cl: &mut Cluster, key: &Key, i: usize, pid: u32, argv: Vec<String>) -> Started {
    let worker = if cl.pods[key].obj.spec.share_process_namespace {
        let p = cl.pods.get_mut(key).expect("pod");
        p.next_pid += 1;
        p.next_pid
    } else {
        pid + 1
    };
    let mut bound = Ok(());
    if let Some(id) = cl.pods[key].netns {
        let ns = cl.net.get_mut(id);
        for (ip, v6only) in [
            (IpAddr::V4(Ipv4Addr::UNSPECIFIED), false),
            (IpAddr::V6(Ipv6Addr::UNSPECIFIED), true),
        ] {
            let l = Listener {
                container: i,
                pid,
                program: "nginx".into(),
                v6only,
            };
            if let Err(e) = ns.bind(SocketAddr::tcp(ip, 80), l, true) {
                ns.release_container(i);
                bound = Err((ip, e));
                break;
            }
        }
    }
    match bound {
        Ok(()) => {
            set_process(cl, key, i, pid, argv, Program::Nginx { worker });
            Started::Running { wake: None }
        }
        Err((ip, e)) => {
            let addr = conn::fmt_addr(ip, 80);
            let mut text = String::new();
            for _ in 0..NGINX_BIND_TRIES {
                text.push_str(&format!(
                    "nginx: [emerg] bind() to {addr} failed ({}: {})\n",
                    e.code(),
                    e.strerror()
                ));
            }
            text.push_str("nginx: [emerg] still could not bind()\n");
            process::log(cl, key, i, Stream::Stderr, text.into_bytes());
            set_process(cl, key, i, pid, argv, Program::Idle);
            Started::Exits {
                code: 1,
                at: cl.now + NGINX_BIND_RETRY.saturating_mul(NGINX_BIND_TRIES - 1),
            }
        }
    }
}

fn set_process(cl: &mut Cluster, key: &Key, i: usize, pid: u32, argv: Vec<String>, p: Program) {
    if let Some(pod) = cl.pods.get_mut(key) {
        pod.containers[i].process = Some(Process {
            pid,
            argv,
            program: p,
            exit_code: None,
        });
    }
}

/// The type nginx sends for a file, from the image's mime.types (a few
/// common ones); anything else gets `default_type application/octet-stream`
/// from its nginx.conf.
fn mime_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" | "shtml" => "text/html",
        "txt" => "text/plain",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "xml" => "text/xml",
        "svg" | "svgz" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn month(m: u32) -> &'static str {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    M[(m.clamp(1, 12) - 1) as usize]
}

impl Cluster {
    #[allow(clippy::too_many_arguments)]
    /// nginx answers a request from a file under /usr/share/nginx/html and
    /// logs it to stdout in the image's `main` format.
    pub(super) fn nginx_answer(
        &mut self,
        from_ip: Option<IpAddr>,
        key: &Key,
        i: usize,
        addr: &str,
        bytes: &[u8],
        at: SimTime,
        rtt: SimDuration,
        trace: &mut Vec<Hop>,
    ) -> Reply {
        let req = Request::parse(bytes);
        let path = req
            .as_ref()
            .map_or("/".to_string(), |r| r.path().to_string());
        let file = if path.ends_with('/') {
            format!("/usr/share/nginx/html{path}index.html")
        } else {
            format!("/usr/share/nginx/html{path}")
        };
        let resp = match read_noting(self, key, i, &file) {
            Ok(body) => Response::new("HTTP/1.1", 200, "OK")
                .with_header("Server", NGINX_VERSION)
                .with_header("Content-Type", mime_type(&file))
                .with_header("Content-Length", &body.len().to_string())
                .with_body(body),
            Err(_) => {
                // A directory without its index file is forbidden
                // (autoindex is off in the image's default.conf).
                let dir = format!("/usr/share/nginx/html{path}");
                let (status, reason) =
                    if path.ends_with('/') && process::stat(self, key, i, &dir) == fs::Stat::Dir {
                        (403, "Forbidden")
                    } else {
                        (404, "Not Found")
                    };
                let body = format!(
                    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>{NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n"
                );
                Response::new("HTTP/1.1", status, reason)
                    .with_header("Server", NGINX_VERSION)
                    .with_header("Content-Type", "text/html")
                    .with_header("Content-Length", &body.len().to_string())
                    .with_body(body)
            }
        };
        let vol = volume_of(self, key, i, &file);
        let whence = match &vol {
            Some(v) => format!("{file} (volume {v})"),
            None => file.clone(),
        };
        let pod = &self.pods[key];
        trace.push(Hop {
            at,
            pod: pod.obj.name.clone(),
            container: Some(pod.containers[i].spec.name.clone()),
            text: format!(
                "nginx on {addr}: GET {path} → {whence}: {} {}",
                resp.status, resp.reason
            ),
            ok: resp.status < 400,
        });
        // log_format main (the image's nginx.conf), access.log → stdout.
        let c = self.wall.civil(at);
        let ua = req
            .as_ref()
            .and_then(|r| {
                r.headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("user-agent"))
                    .map(|(_, v)| v.clone())
            })
            .unwrap_or_else(|| "-".into());
        let line = req.as_ref().map_or(String::new(), |r| {
            format!("{} {} {}", r.method, r.target, r.version)
        });
        let log = format!(
            "{} - - [{:02}/{}/{:04}:{:02}:{:02}:{:02} +0000] \"{line}\" {} {} \"-\" \"{ua}\" \"-\"\n",
            from_ip.map_or("-".to_string(), |ip| ip.to_string()),
            c.day,
            month(c.month),
            c.year,
            c.hour,
            c.minute,
            c.second,
            resp.status,
            if req.as_ref().is_some_and(|r| r.method == "HEAD") {
                0
            } else {
                resp.body.len()
            },
        );
        process::log(self, key, i, Stream::Stdout, log.into_bytes());
        // HEAD gets the same headers and no body.
        let bytes = if req.as_ref().is_some_and(|r| r.method == "HEAD") {
            resp.head_bytes()
        } else {
            resp.to_bytes()
        };
        Reply::Bytes(bytes, rtt + NGINX_LATENCY)
    }

    /// Whether container `i` is a shell blocked in `nc -l` on `port`.
    pub(super) fn nc_listening(&self, key: &Key, i: usize, port: u16) -> bool {
        matches!(
            self.pods[key].containers[i].process.as_ref().map(|p| &p.program),
            Some(Program::Shell(sh)) if matches!(&sh.state, State::Blocked(Follow::Serve { port: p, .. }) if *p == port)
        )
    }

    #[allow(clippy::too_many_arguments)]
    /// `nc -l` takes the connection: it sends what came down its pipe,
    /// prints what it received, closes, and its shell goes on.
    pub(super) fn nc_answer(
        &mut self,
        key: &Key,
        i: usize,
        addr: &str,
        bytes: &[u8],
        at: SimTime,
        rtt: SimDuration,
        trace: &mut Vec<Hop>,
    ) -> Reply {
        let mut reply = Vec::new();
        if let Some(Program::Shell(sh)) = self
            .pods
            .get_mut(key)
            .and_then(|p| p.containers[i].process.as_mut())
            .map(|p| &mut p.program)
            && let State::Blocked(Follow::Serve { reply: r, .. }) = &mut sh.state
        {
            reply = std::mem::take(r);
            sh.state = State::Ready;
        }
        if let Some(id) = self.pods[key].netns {
            self.net.get_mut(id).release_container(i);
        }
        process::log(self, key, i, Stream::Stdout, bytes.to_vec());
        let pod = &self.pods[key];
        trace.push(Hop {
            at,
            pod: pod.obj.name.clone(),
            container: Some(pod.containers[i].spec.name.clone()),
            text: format!(
                "nc -l on {addr} sends what its pipeline wrote ({} bytes) and closes",
                reply.len()
            ),
            ok: !reply.is_empty(),
        });
        let done = at + rtt + NC_LATENCY;
        self.at(done, Timer::Wake(key.clone(), i));
        Reply::Bytes(reply, rtt + NC_LATENCY)
    }
}

impl ContainerSys<'_> {
    /// `nc -l -p PORT`: listen, and block until a connection comes.
    pub(super) fn nc(&mut self, args: &[String], stdin: &[u8], err: &mut Vec<u8>) -> Exec {
        let listen = args.iter().any(|a| a == "-l" || a == "-lk" || a == "-lp");
        let port = args
            .iter()
            .position(|a| a == "-p" || a == "-lp")
            .and_then(|p| args.get(p + 1))
            .and_then(|p| p.parse::<u16>().ok());
        let (true, Some(port)) = (listen, port) else {
            err.extend_from_slice(
                b"podlab: only `nc -l -p PORT` (a one-shot server) is modelled\n",
            );
            return Exec::Done(1);
        };
        let pid = self.cl.pods[&self.key].containers[self.i]
            .process
            .as_ref()
            .map_or(1, |p| p.pid);
        if let Some(id) = self.cl.pods[&self.key].netns {
            let l = Listener {
                container: self.i,
                pid,
                program: "nc".into(),
                v6only: false,
            };
            let ns = self.cl.net.get_mut(id);
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

    /// A file read by a command in this container.
    pub(super) fn read_noting(&mut self, path: &str) -> Result<Vec<u8>, String> {
        read_noting(self.cl, &self.key, self.i, path)
    }

    /// `ps`: the pause process and every container's processes when the
    /// pod shares its PID namespace; otherwise this container's only.
    pub(super) fn ps(&self, argv: &[String], out: &mut Vec<u8>) {
        let pod = &self.cl.pods[&self.key];
        out.extend_from_slice(b"PID   USER     TIME  COMMAND\n");
        let mut rows: Vec<(u32, &str, String)> = Vec::new();
        let shared = pod.obj.spec.share_process_namespace;
        if shared {
            rows.push((1, "root", "/pause".into()));
        }
        for (j, c) in pod.containers.iter().enumerate() {
            if !shared && j != self.i {
                continue;
            }
            let (Some(p), CState::Running { .. }) = (&c.process, &c.state) else {
                continue;
            };
            match &p.program {
                Program::Nginx { worker } => {
                    rows.push((
                        p.pid,
                        "root",
                        format!("nginx: master process {}", p.argv.join(" ")),
                    ));
                    rows.push((*worker, NGINX_WORKER_UID, "nginx: worker process".into()));
                }
                _ => rows.push((p.pid, "root", p.argv.join(" "))),
            }
        }
        rows.sort_by_key(|r| r.0);
        let me = rows.iter().map(|r| r.0).max().unwrap_or(1) + 1;
        rows.push((me, "root", argv.join(" ")));
        for (pid, user, cmd) in rows {
            out.extend_from_slice(format!("{pid:>5} {user:<8} {:>5} {cmd}\n", "0:00").as_bytes());
        }
    }
}
