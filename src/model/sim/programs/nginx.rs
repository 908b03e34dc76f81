//! nginx in a container (the official image): its entrypoint, its start
//! (bind port 80 on IPv4 and IPv6, with nginx's retries when the port is
//! taken), the static files it serves with its access log, and how `ps`
//! shows its master and worker.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::model::base::fs;
use crate::model::base::http::Request;
use crate::model::base::http::Response;
use crate::model::base::i18n::{Arg, Key as Say};
use crate::model::base::net::conn::{Reply, fmt_addr};
use crate::model::base::net::{Listener, SocketAddr};
use crate::model::base::outcome::Outcome;
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::sim::cluster::files::{read_noting, stat, volume_of};
use crate::model::sim::cluster::process::{Process, Program, Started, basename, log, set_process};
use crate::model::sim::cluster::wire::Hop;
use crate::model::sim::cluster::{Cluster, Container, Key, Stream};
use crate::model::sim::programs::pause;

/// The document root of the image's default.conf (`root /usr/share/nginx/html`).
pub const DOCROOT: &str = "/usr/share/nginx/html";
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

/// Start nginx (`nginx -g 'daemon off;'`, the image's CMD): bind port 80 on
/// IPv4 and IPv6 (the image's `10-listen-on-ipv6-by-default.sh` adds
/// `listen [::]:80`), and serve /usr/share/nginx/html.
pub fn start(cl: &mut Cluster, key: &Key, i: usize, pid: u32, argv: Vec<String>) -> Started {
    let worker = pause::pid(cl, key, pid + 1);
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
            set_process(
                cl,
                key,
                i,
                Process::new(pid, argv, Program::Nginx { worker }),
            );
            Started::Running { wake: None }
        }
        Err((ip, e)) => {
            let addr = fmt_addr(ip, 80);
            let mut text = String::new();
            for _ in 0..NGINX_BIND_TRIES {
                text.push_str(&format!(
                    "nginx: [emerg] bind() to {addr} failed ({}: {})\n",
                    e.code(),
                    e.strerror()
                ));
            }
            text.push_str("nginx: [emerg] still could not bind()\n");
            log(cl, key, i, Stream::Stderr, text.into_bytes());
            set_process(cl, key, i, Process::new(pid, argv, Program::Idle));
            Started::Exits {
                code: 1,
                at: cl.now + NGINX_BIND_RETRY.saturating_mul(NGINX_BIND_TRIES - 1),
            }
        }
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

/// The image's `docker-entrypoint.sh` runs its set-up scripts, then execs
/// the command.
pub fn entrypoint(mut argv: Vec<String>) -> Vec<String> {
    if argv
        .first()
        .is_some_and(|a| basename(a) == "docker-entrypoint.sh")
    {
        argv.remove(0);
    }
    argv
}

/// nginx answers a request from a file under /usr/share/nginx/html and
/// logs it to stdout in the image's `main` format.
#[allow(clippy::too_many_arguments)]
pub fn answer(
    cl: &mut Cluster,
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
        format!("{DOCROOT}{path}index.html")
    } else {
        format!("{DOCROOT}{path}")
    };
    let resp = match read_noting(cl, key, i, &file) {
        Ok(body) => Response::new("HTTP/1.1", 200, "OK")
            .with_header("Server", NGINX_VERSION)
            .with_header("Content-Type", mime_type(&file))
            .with_header("Content-Length", &body.len().to_string())
            .with_body(body),
        Err(_) => {
            // A directory without its index file is forbidden
            // (autoindex is off in the image's default.conf).
            let dir = format!("{DOCROOT}{path}");
            let (status, reason) = if path.ends_with('/') && stat(cl, key, i, &dir) == fs::Stat::Dir
            {
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
    let vol = volume_of(cl, key, i, &file);
    let whence = match &vol {
        Some(v) => Arg::Msg(
            Say::HopNginxVolume
                .msg()
                .arg("file", &file)
                .arg("volume", v),
        ),
        None => Arg::Text(file.clone()),
    };
    let pod = &cl.pods[key];
    trace.push(Hop {
        at,
        pod: pod.obj.name.clone(),
        container: Some(pod.containers[i].spec.name.clone()),
        text: Say::HopNginx
            .msg()
            .arg("addr", addr)
            .arg("path", &path)
            .arg_any("whence", whence)
            .arg("status", format!("{} {}", resp.status, resp.reason)),
        outcome: Outcome::Http(resp.status),
        volume: vol,
    });
    // log_format main (the image's nginx.conf), access.log → stdout.
    let c = cl.wall.civil(at);
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
    let line = format!(
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
    log(cl, key, i, Stream::Stdout, line.into_bytes());
    // HEAD gets the same headers and no body.
    let bytes = if req.as_ref().is_some_and(|r| r.method == "HEAD") {
        resp.head_bytes()
    } else {
        resp.to_bytes()
    };
    Reply::Bytes(bytes, rtt + NGINX_LATENCY)
}

/// The rows `ps` shows for nginx: its master, then its worker.
pub fn ps_rows(p: &Process, worker: u32) -> [(u32, &'static str, String); 2] {
    [
        (
            p.pid,
            "root",
            format!("nginx: master process {}", p.argv.join(" ")),
        ),
        (worker, NGINX_WORKER_UID, "nginx: worker process".into()),
    ]
}

/// `nginx` run again in its container: the port is taken.
pub fn exec_again(err: &mut Vec<u8>) -> i32 {
    err.extend_from_slice(
        b"nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n",
    );
    1
}

/// For the diagram: whether this container runs nginx serving `volume` (it
/// is mounted at the document root), whether or not a request came.
pub fn serves_volume(c: &Container, volume: &str) -> bool {
    matches!(
        c.process.as_ref().map(|p| &p.program),
        Some(Program::Nginx { .. })
    ) && c
        .spec
        .mounts
        .iter()
        .any(|m| m.volume == volume && fs::normalize(&m.path) == DOCROOT)
}

/// For the diagram: whether this container runs nginx (it serves files).
pub fn serves_files(c: &Container) -> bool {
    matches!(
        c.process.as_ref().map(|p| &p.program),
        Some(Program::Nginx { .. })
    )
}
