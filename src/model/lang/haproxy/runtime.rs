//! A running HAProxy: what it does with a connection that reaches one of its
//! listeners. Sans-IO: the connection's bytes come in, the answer's bytes go
//! out with the simulated time it took, and every connection HAProxy opens
//! itself goes through an [`Upstream`] that the caller supplies (the pod's
//! network namespace in the cluster, a fake in tests; see
//! [`crate::model::base::net::conn`]).

use crate::model::base::i18n::{Key, Msg};
use crate::model::base::outcome::Outcome;
use std::collections::BTreeMap;
use std::net::IpAddr;

use super::config::{Balance, Cond, Config, HttpRequestAction, Mode, Proxy, Server};
use super::error_pages::{error_page, error_page_v2};
use crate::model::base::http::{Request, Response};
use crate::model::base::net::conn::{Reply, Upstream, fmt_addr};
use crate::model::base::time::{SimDuration, SimTime};

/// One step HAProxy took, for the request trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Time since the connection was accepted.
    pub at: SimDuration,
    /// The caption, in podlab's words (the tool's words inside as values).
    pub text: Msg,
    pub outcome: Outcome,
}

/// How a connection ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handled {
    /// The bytes sent back; empty when HAProxy closed without answering.
    pub bytes: Vec<u8>,
    pub elapsed: SimDuration,
    pub steps: Vec<Step>,
}

/// The wait between two connection attempts: `min(timeout connect, 1s)`
/// (fidelity.md, measured on 1.7.0 and 2.6).
const RETRY_DELAY_CAP: SimDuration = SimDuration::from_secs(1);

/// How many connection attempts the trace shows one by one; the rest,
/// which meet the same answer, are one step (podlab's choice: `retries 3`,
/// HAProxy's default, shows all four).
const SHOWN_ATTEMPTS: u64 = 8;

/// A running HAProxy process.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub config: Config,
    pub started: SimTime,
    /// Round-robin position per backend.
    rr: BTreeMap<String, usize>,
}

impl Running {
    pub fn new(config: Config, started: SimTime) -> Self {
        Running {
            config,
            started,
            rr: BTreeMap::new(),
        }
    }

    /// The frontend (listen or frontend section) that owns a local address;
    /// a disabled one owns none.
    pub fn frontend_for(&self, ip: IpAddr, port: u16) -> Option<&Proxy> {
        self.config.proxies.iter().find(|p| {
            !p.disabled
                && p.binds.iter().any(|b| {
                    b.addrs
                        .iter()
                        .any(|a| a.port == port && (a.ip == ip || a.ip.is_unspecified()))
                })
        })
    }

    /// Handle one connection to the local `ip:port`, carrying `bytes`.
    pub fn handle(
        &mut self,
        ip: IpAddr,
        port: u16,
        bytes: &[u8],
        at: SimTime,
        up: &mut dyn Upstream,
    ) -> Handled {
        let mut steps = Vec::new();
        let Some(fe) = self.frontend_for(ip, port).cloned() else {
            return Handled {
                bytes: Vec::new(),
                elapsed: SimDuration::ZERO,
                steps,
            };
        };
        if !fe.is_frontend() {
            // A `bind` in a backend listens, but nothing handles what
            // arrives: HAProxy 2.6 closes the connection with no bytes.
            steps.push(step(
                SimDuration::ZERO,
                Key::HopNoFrontend.msg().arg("name", &fe.name),
                Outcome::Closed,
            ));
            return Handled {
                bytes: Vec::new(),
                elapsed: SimDuration::ZERO,
                steps,
            };
        }
        steps.push(Step {
            at: SimDuration::ZERO,
            text: Key::HopAccepts
                .msg()
                .arg("proxy", proxy_label(&fe))
                .arg("addr", fmt_addr(ip, port)),
            outcome: Outcome::Passed,
        });
        if fe.mode == Mode::Tcp {
            let be = fe
                .default_backend
                .as_ref()
                .and_then(|(n, _)| self.config.backend(n).cloned());
            // `default_backend` wins over the proxy's own servers (a run
            // of 2.6).
            let be = be.or_else(|| fe.is_backend().then(|| fe.clone()));
            let Some(be) = be else {
                steps.push(step(
                    SimDuration::ZERO,
                    Key::HopNoBackendClosed.msg(),
                    Outcome::Closed,
                ));
                return Handled {
                    bytes: Vec::new(),
                    elapsed: SimDuration::ZERO,
                    steps,
                };
            };
            let (out, elapsed) = self.forward(&be, port, bytes, at, up, &mut steps);
            return Handled {
                bytes: match out {
                    Forwarded::Reply(b) => b,
                    // tcp mode: a dead backend means the client connection is
                    // closed with no bytes (curl: "Empty reply from server").
                    Forwarded::Failed | Forwarded::TimedOut => Vec::new(),
                },
                elapsed,
                steps,
            };
        }
        let v2 = self.config.version.at_least(2, 0);
        let Some(req) = Request::parse(bytes) else {
            steps.push(step(
                SimDuration::ZERO,
                Key::HopInvalidRequest.msg(),
                Outcome::Http(400),
            ));
            return Handled {
                bytes: if v2 {
                    error_page_v2(400, true)
                } else {
                    error_page(400)
                },
                elapsed: SimDuration::ZERO,
                steps,
            };
        };
        let closes = client_closes(&req);
        let page = |status: u16| {
            if v2 {
                error_page_v2(status, closes)
            } else {
                error_page(status)
            }
        };
        for rule in &fe.http_request {
            if !cond_matches(&fe, rule.cond.as_ref(), &req) {
                continue;
            }
            match &rule.action {
                HttpRequestAction::Deny { status } => {
                    steps.push(step(
                        SimDuration::ZERO,
                        Key::HopDeny
                            .msg()
                            .arg("line", rule.line)
                            .arg("status", status),
                        Outcome::Http(*status),
                    ));
                    return Handled {
                        bytes: page(*status),
                        elapsed: SimDuration::ZERO,
                        steps,
                    };
                }
                HttpRequestAction::Return {
                    status,
                    content_type,
                    body,
                } => {
                    steps.push(step(
                        SimDuration::ZERO,
                        Key::HopReturn
                            .msg()
                            .arg("line", rule.line)
                            .arg("status", status),
                        Outcome::Http(*status),
                    ));
                    let mut r = Response::new("HTTP/1.1", *status, reason_phrase(*status))
                        .with_header("content-length", &body.len().to_string());
                    if let Some(ct) = content_type {
                        r = r.with_header("content-type", ct);
                    }
                    if closes {
                        r = r.with_header("connection", "close");
                    }
                    return Handled {
                        bytes: r.with_body(body.as_bytes().to_vec()).to_bytes(),
                        elapsed: SimDuration::ZERO,
                        steps,
                    };
                }
                HttpRequestAction::Other(_) => {}
            }
        }
        for r in &fe.redirects {
            if cond_matches(&fe, r.cond.as_ref(), &req) {
                let location = match r.kind.as_str() {
                    "prefix" => format!("{}{}", r.target.trim_end_matches('/'), req.target),
                    "scheme" => format!(
                        "{}://{}{}",
                        r.target,
                        req.header("host").unwrap_or(""),
                        req.target
                    ),
                    _ => r.target.clone(),
                };
                steps.push(step(
                    SimDuration::ZERO,
                    Key::HopRedirect
                        .msg()
                        .arg("kind", &r.kind)
                        .arg("line", r.line)
                        .arg("code", r.code)
                        .arg("location", &location),
                    Outcome::Http(r.code),
                ));
                let mut resp = Response::new("HTTP/1.1", r.code, reason_phrase(r.code))
                    .with_header("content-length", "0")
                    .with_header("location", &location);
                // 301 and 308 may be cached; the others are marked not to be
                // (a run of 2.6).
                if !matches!(r.code, 301 | 308) {
                    resp = resp.with_header("cache-control", "no-cache");
                }
                if v2 && closes {
                    resp = resp.with_header("connection", "close");
                }
                return Handled {
                    bytes: resp.to_bytes(),
                    elapsed: SimDuration::ZERO,
                    steps,
                };
            }
        }
        let mut backend = None;
        for ub in &fe.use_backends {
            if cond_matches(&fe, ub.cond.as_ref(), &req) {
                backend = self.config.backend(&ub.backend).cloned();
                if backend.is_some() {
                    steps.push(step(
                        SimDuration::ZERO,
                        Key::HopUseBackend
                            .msg()
                            .arg("backend", &ub.backend)
                            .arg("line", ub.line),
                        Outcome::Passed,
                    ));
                    break;
                }
            }
        }
        if backend.is_none()
            && let Some((name, _)) = &fe.default_backend
        {
            backend = self.config.backend(name).cloned();
            if backend.is_some() {
                steps.push(step(
                    SimDuration::ZERO,
                    Key::HopDefaultBackend.msg().arg("backend", name),
                    Outcome::Passed,
                ));
            }
        }
        if backend.is_none() && fe.is_backend() {
            backend = Some(fe.clone());
        }
        let Some(be) = backend else {
            steps.push(step(
                SimDuration::ZERO,
                Key::HopNoBackendMatched.msg(),
                Outcome::Http(503),
            ));
            return Handled {
                bytes: page(503),
                elapsed: SimDuration::ZERO,
                steps,
            };
        };
        let request = req.to_bytes();
        let (out, elapsed) = self.forward(&be, port, &request, at, up, &mut steps);
        let bytes = match out {
            Forwarded::Reply(b) if Response::parse(&b).is_some() => {
                if v2 {
                    reencode(&b)
                } else {
                    b
                }
            }
            Forwarded::Reply(_) => {
                steps.push(step(elapsed, Key::HopNotHttp.msg(), Outcome::Http(502)));
                page(502)
            }
            Forwarded::Failed => page(503),
            Forwarded::TimedOut => page(504),
        };
        Handled {
            bytes,
            elapsed,
            steps,
        }
    }

    /// Pick a server and exchange the bytes with it, with HAProxy's retries.
    fn forward(
        &mut self,
        be: &Proxy,
        client_port: u16,
        bytes: &[u8],
        at: SimTime,
        up: &mut dyn Upstream,
        steps: &mut Vec<Step>,
    ) -> (Forwarded, SimDuration) {
        let Some(mut server) = self.pick(be, at, up) else {
            steps.push(step(
                SimDuration::ZERO,
                Key::HopNoServer.msg().arg("name", &be.name),
                Outcome::NoServer,
            ));
            return (Forwarded::Failed, SimDuration::ZERO);
        };
        let connect_timeout = be.timeouts.connect.unwrap_or(SimDuration::ZERO);
        let retry_delay = if connect_timeout == SimDuration::ZERO {
            RETRY_DELAY_CAP
        } else {
            connect_timeout.min(RETRY_DELAY_CAP)
        };
        let redispatch = be.options.iter().any(|o| o == "redispatch");
        let mut redispatched = false;
        let mut elapsed = SimDuration::ZERO;
        // `retries` is the learner's number, up to 2^32 - 1.
        let attempts = u64::from(be.retries) + 1;
        for attempt in 0..attempts {
            let port = server.port.unwrap_or(client_port);
            let Some(ip) = server
                .host
                .parse::<IpAddr>()
                .ok()
                .or_else(|| up.resolve(&server.host))
            else {
                steps.push(step(
                    elapsed,
                    Key::HopCannotResolve
                        .msg()
                        .arg("backend", &be.name)
                        .arg("server", &server.name)
                        .arg("host", &server.host),
                    Outcome::Unresolved,
                ));
                return (Forwarded::Failed, elapsed);
            };
            let addr = fmt_addr(ip, port);
            let note = if server.port.is_none() {
                Key::HopToServerNoPort.msg().arg("port", port)
            } else {
                Key::HopToServer.msg()
            };
            let note = note
                .arg("proxy", proxy_label(be))
                .arg("server", &server.name)
                .arg("addr", &addr);
            steps.push(step(elapsed, note, Outcome::Passed));
            match up.exchange(ip, port, bytes, at + elapsed) {
                Reply::Bytes(b, took) => {
                    if let Some(t) = be.timeouts.server
                        && took > t
                    {
                        elapsed += t;
                        steps.push(step(
                            elapsed,
                            Key::HopNoAnswerServer.msg().arg("addr", &addr),
                            Outcome::TimedOut,
                        ));
                        return (Forwarded::TimedOut, elapsed);
                    }
                    elapsed += took;
                    return (Forwarded::Reply(b), elapsed);
                }
                Reply::Refused => {
                    steps.push(step(
                        elapsed,
                        Key::HopRefused.msg().arg("addr", &addr),
                        Outcome::Refused,
                    ));
                    // `option redispatch`: the retry goes at once to another
                    // server (a run of 2.6 logs `+1` redispatches and no delay).
                    if redispatch
                        && !redispatched
                        && attempt + 1 < attempts
                        && let Some(next) = self.pick(be, at + elapsed, up)
                        && next.name != server.name
                    {
                        steps.push(step(
                            elapsed,
                            Key::HopRedispatch.msg().arg("server", &next.name),
                            Outcome::Passed,
                        ));
                        server = next;
                        redispatched = true;
                        continue;
                    }
                    if attempt + 1 < attempts {
                        elapsed += retry_delay;
                    }
                    // Every attempt left goes to this server again and meets
                    // the same refusal (nothing in the cluster changes while
                    // HAProxy waits): past the first few they are summed,
                    // not made one by one, so `retries 2147483647` costs what
                    // `retries 3` does.
                    let left = attempts - attempt - 1;
                    if (!redispatch || redispatched) && attempt + 1 >= SHOWN_ATTEMPTS && left > 0 {
                        let more = left - 1;
                        elapsed += retry_delay.saturating_mul(more);
                        steps.push(step(
                            elapsed,
                            Key::HopRefusedMore
                                .msg()
                                .arg("addr", &addr)
                                .arg("left", left)
                                .arg("delay", retry_delay),
                            Outcome::Refused,
                        ));
                        break;
                    }
                }
                Reply::Unreachable => {
                    let t = if connect_timeout == SimDuration::ZERO {
                        RETRY_DELAY_CAP
                    } else {
                        connect_timeout
                    };
                    elapsed += t;
                    steps.push(step(
                        elapsed,
                        Key::HopNoAnswerConnect.msg().arg("addr", &addr),
                        Outcome::TimedOut,
                    ));
                    // As for a refusal: the attempts left all time out alike.
                    let left = attempts - attempt - 1;
                    if attempt + 1 >= SHOWN_ATTEMPTS && left > 0 {
                        elapsed += t.saturating_mul(left);
                        steps.push(step(
                            elapsed,
                            Key::HopNoAnswerConnectMore
                                .msg()
                                .arg("addr", &addr)
                                .arg("left", left),
                            Outcome::TimedOut,
                        ));
                        break;
                    }
                }
                Reply::Loop => {
                    // The connection comes back to this HAProxy, which sends it
                    // on again, until the server's maxconn fills and the next
                    // one waits in the queue past `timeout queue` (which
                    // defaults to `timeout connect`).
                    let queue = be
                        .timeouts
                        .queue
                        .or(be.timeouts.connect)
                        .unwrap_or(RETRY_DELAY_CAP);
                    elapsed += queue;
                    steps.push(step(
                        elapsed,
                        Key::HopLoops.msg().arg("addr", &addr),
                        Outcome::Loop,
                    ));
                    return (Forwarded::Failed, elapsed);
                }
            }
        }
        steps.push(step(
            elapsed,
            Key::HopRetriesLeft.msg().arg("retries", be.retries),
            Outcome::Http(503),
        ));
        (Forwarded::Failed, elapsed)
    }

    /// The next server by the backend's balance algorithm, skipping servers
    /// that are disabled or that health checks have marked DOWN.
    fn pick(&mut self, be: &Proxy, at: SimTime, up: &dyn Upstream) -> Option<Server> {
        // A server of weight 0 takes no traffic (a run of 2.6: 503 at once).
        let up_now = |s: &Server| !s.disabled && s.weight > 0 && self.server_is_up(s, at, up);
        let active: Vec<&Server> = be
            .servers
            .iter()
            .filter(|s| !s.backup && up_now(s))
            .collect();
        let pool = if active.is_empty() {
            be.servers
                .iter()
                .filter(|s| s.backup && up_now(s))
                .take(1)
                .collect()
        } else {
            active
        };
        if pool.is_empty() {
            return None;
        }
        let i = match be.balance {
            Balance::First => 0,
            _ => {
                let pos = self.rr.entry(be.name.clone()).or_insert(0);
                let i = *pos % pool.len();
                *pos += 1;
                i
            }
        };
        Some(pool[i].clone())
    }

    /// A server without `check` is always UP. With `check`, HAProxy starts
    /// it UP with its health at `rise`, so the first failed probe marks it
    /// DOWN (a run of 2.6: "Server http-in/s2 is DOWN" about one second in).
    /// The first probes are spread over the smallest `inter`: the n-th of N
    /// checked servers is first probed at `inter × n / N` (`start_checks()`
    /// in src/check.c, without `spread-checks`).
    pub fn server_is_up(&self, s: &Server, at: SimTime, up: &dyn Upstream) -> bool {
        if !s.check {
            return true;
        }
        let Some(ip) = s
            .host
            .parse::<IpAddr>()
            .ok()
            .or_else(|| up.resolve(&s.host))
        else {
            return false;
        };
        let Some(port) = s.port else { return true };
        if up.listening(ip, port) {
            return true;
        }
        at.since(self.started) < self.first_check(s)
    }

    /// When a checked server is first probed, after start.
    fn first_check(&self, s: &Server) -> SimDuration {
        let checked: Vec<&Server> = self
            .config
            .proxies
            .iter()
            .flat_map(|p| &p.servers)
            .filter(|x| x.check)
            .collect();
        let min_inter = checked.iter().map(|x| x.inter).min().unwrap_or(s.inter);
        let pos = checked.iter().position(|x| x.line == s.line).unwrap_or(0) as u64;
        let n = checked.len().max(1) as u64;
        SimDuration::from_micros(min_inter.as_micros() * pos / n)
    }
}

enum Forwarded {
    Reply(Vec<u8>),
    Failed,
    /// The server said nothing within `timeout server`.
    TimedOut,
}

fn step(at: SimDuration, text: Msg, outcome: Outcome) -> Step {
    Step { at, text, outcome }
}

fn proxy_label(p: &Proxy) -> String {
    format!("haproxy {} {}", p.kind.keyword(), p.name)
}

pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Whether the client asked to close after this answer: HTTP/1.0 without
/// keep-alive, or `Connection: close`.
fn client_closes(req: &Request) -> bool {
    let conn = req.header("connection").unwrap_or("").to_ascii_lowercase();
    if req.version == "HTTP/1.0" {
        !conn.contains("keep-alive")
    } else {
        conn.contains("close")
    }
}

/// A server's answer as HAProxy 2.x forwards it: parsed into HTX and written
/// out again, which lower-cases header names (a run of 2.6: the fruit
/// service's `Content-Type` arrives as `content-type`). The status line and
/// body pass unchanged.
fn reencode(bytes: &[u8]) -> Vec<u8> {
    let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return bytes.to_vec();
    };
    let mut out = Vec::with_capacity(bytes.len());
    for (i, line) in bytes[..end].split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            if let Some(colon) = line.iter().position(|b| *b == b':') {
                out.extend(line[..colon].iter().map(u8::to_ascii_lowercase));
                out.extend_from_slice(&line[colon..]);
                continue;
            }
        }
        out.extend_from_slice(line);
    }
    out.extend_from_slice(&bytes[end..]);
    out
}

/// Evaluate an `if`/`unless` condition against a request.
fn cond_matches(px: &Proxy, cond: Option<&Cond>, req: &Request) -> bool {
    let Some(cond) = cond else { return true };
    let any = cond.terms.iter().any(|term| {
        term.iter()
            .all(|(neg, name)| acl_matches(px, name, req) != *neg)
    });
    any != cond.negate
}

fn acl_matches(px: &Proxy, name: &str, req: &Request) -> bool {
    match name {
        "TRUE" => return true,
        "FALSE" => return false,
        "METH_GET" => return req.method == "GET" || req.method == "HEAD",
        "METH_POST" => return req.method == "POST",
        "HTTP" => return true,
        _ => {}
    }
    // Several `acl` lines with the same name are OR-ed.
    px.acls.iter().filter(|a| a.name == name).any(|a| {
        let host = req
            .header("host")
            .unwrap_or("")
            .split(':')
            .next()
            .unwrap_or("");
        let ci = a.flags.iter().any(|f| f == "-i");
        let eq = |x: &str, v: &str| {
            if ci {
                x.eq_ignore_ascii_case(v)
            } else {
                x == v
            }
        };
        let path = req.path();
        a.values.iter().any(|v| match a.criterion.as_str() {
            "path" => eq(path, v),
            "path_beg" => path.starts_with(v.as_str()),
            "path_end" => path.ends_with(v.as_str()),
            "path_sub" => path.contains(v.as_str()),
            "method" => req.method == *v,
            "hdr(host)" => eq(host, v),
            "hdr_beg(host)" => host.starts_with(v.as_str()),
            "hdr_end(host)" => host.ends_with(v.as_str()),
            _ => false,
        }) || a.criterion == "always_true"
    })
}
