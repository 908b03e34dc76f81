//! Differential tests: every config of tests/haproxy/corpus/ goes through
//! real HAProxy (Debian's /usr/sbin/haproxy 2.6) and through podlab's model,
//! and the two must agree.
//!
//! - Check mode: `haproxy -c -f FILE` against `podlab::model::lang::haproxy::cli::run`
//!   with the same arguments: same stdout, stderr and exit code, with PIDs and
//!   the package version normalised.
//! - Run time, for configs whose header lists `# request:` lines: real
//!   HAProxy runs in a private network namespace (`unshare --net`, this test
//!   binary re-executed inside it) with the legacy fruit service on
//!   127.0.0.1:8775, served by a thread from podlab's own `fruit::respond`,
//!   and the client aims at 127.0.0.2 (the pod IP). podlab answers the same
//!   requests through `haproxy::runtime::Running`. Bytes must match, and the
//!   time taken within a tolerance.
//!
//! What real HAProxy said is recorded next to each config (`NN-name.out`),
//! so podlab is checked even where HAProxy cannot run; `PODLAB_BLESS=1`
//! rewrites the records from a live run. Where HAProxy, root or `unshare`
//! are missing, the live part says that it skips and why, and passes.
//!
//! A header line `# podlab: not modelled X` asserts podlab's "not modelled"
//! note for something it deliberately does not simulate.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use podlab::model::base::diag::Origin;
use podlab::model::base::net::conn::{Reply, Upstream};
use podlab::model::base::time::{SimDuration, SimTime};
use podlab::model::lang::haproxy::runtime::Running;
use podlab::model::lang::haproxy::{Version, check, cli, config};
use podlab::model::project::workspace;
use podlab::model::sim::programs::fruit;

/// The pod IP the client aims at inside the namespace.
const POD_IP: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
/// When the first request is sent after HAProxy starts.
const FIRST_REQUEST_AFTER: Duration = Duration::from_millis(500);
/// How far podlab's simulated time may be from the measured one.
const TIME_TOLERANCE_MS: i64 = 600;
/// How much later than podlab's simulated time a real answer may come: a
/// loaded machine adds scheduling delay, it never removes any.
const LATE_TOLERANCE_MS: i64 = 1000;
/// How many namespaces run at once.
const PARALLEL_RUNS: usize = 8;
/// How long a client waits for an answer before giving up.
const CLIENT_WAIT: Duration = Duration::from_secs(12);

struct Entry {
    name: String,
    path: PathBuf,
    /// The path as given to `haproxy -c -f`, relative to the crate root.
    rel: String,
    text: String,
    requests: Vec<Req>,
    not_modelled: Vec<String>,
}

#[derive(Clone, Debug)]
struct Req {
    method: String,
    path: String,
    host: String,
    port: u16,
    /// How long the client waits before sending it.
    wait_ms: u64,
}

impl Req {
    fn parse(s: &str) -> Req {
        let w: Vec<&str> = s.split_whitespace().collect();
        let mut r = Req {
            method: w.first().unwrap_or(&"GET").to_string(),
            path: w.get(1).unwrap_or(&"/").to_string(),
            host: POD_IP.to_string(),
            port: 80,
            wait_ms: 0,
        };
        let mut i = 2;
        while i + 1 < w.len() {
            match w[i] {
                "host" => r.host = w[i + 1].to_string(),
                "port" => r.port = w[i + 1].parse().expect("port"),
                "wait" => r.wait_ms = w[i + 1].parse().expect("wait"),
                other => panic!("unknown request option {other}"),
            }
            i += 2;
        }
        r
    }

    /// What the client sends: curl's request, closing after the answer.
    fn bytes(&self) -> Vec<u8> {
        format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: curl/7.35.0\r\nAccept: */*\r\nConnection: close\r\n\r\n",
            self.method, self.path, self.host
        )
        .into_bytes()
    }

    fn label(&self) -> String {
        format!(
            "{} {} host {} port {}",
            self.method, self.path, self.host, self.port
        )
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<Entry> {
    let dir = root().join("tests/haproxy/corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cfg"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read cfg");
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let mut requests = Vec::new();
            let mut not_modelled = Vec::new();
            for l in text.lines() {
                let l = l.trim_end_matches('\r');
                if let Some(r) = l.strip_prefix("# request: ") {
                    requests.push(Req::parse(r));
                } else if let Some(n) = l.strip_prefix("# podlab: not modelled ") {
                    not_modelled.push(n.to_string());
                }
            }
            Entry {
                rel: format!("tests/haproxy/corpus/{name}.cfg"),
                name,
                path,
                text,
                requests,
                not_modelled,
            }
        })
        .collect()
}

/// Replace what differs between runs: PIDs in `(1234) :`, 1.7's
/// `DDD/HHMMSS` stamp and the Debian package revision in the version notice.
fn normalise(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let mut l = line.to_string();
        if let Some(close) = l.find("] ")
            && l.starts_with('[')
        {
            let stamp = l.get(close + 2..close + 12).unwrap_or("");
            let b = stamp.as_bytes();
            if b.len() == 10
                && b[3] == b'/'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 3 || c.is_ascii_digit())
            {
                l.replace_range(close + 2..close + 12, "DDD/HHMMSS");
            }
        }
        if l.starts_with('[')
            && let (Some(a), Some(b)) = (l.find(" ("), l.find(") : "))
            && a < b
            && l[a + 2..b].bytes().all(|c| c.is_ascii_digit())
        {
            l.replace_range(a + 2..b, "PID");
        }
        if let Some(i) = l.find("haproxy version is ") {
            l.truncate(i + "haproxy version is ".len());
            l.push_str("VERSION");
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// One request's outcome, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    /// `refused`, or the answer's bytes (possibly empty).
    refused: bool,
    bytes: Vec<u8>,
    ms: i64,
}

/// The record of one config: check output and request outcomes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Record {
    check: String,
    outcomes: Vec<Outcome>,
}

fn format_check(o: &cli::CliOutput) -> String {
    format!(
        "exit {}\n-- stdout\n{}-- stderr\n{}",
        o.code,
        normalise(&o.stdout),
        normalise(&o.stderr)
    )
}

fn escape(b: &[u8]) -> String {
    b.escape_ascii().to_string()
}

fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'x' => {
                    let h = u8::from_str_radix(&s[i + 2..i + 4], 16).expect("hex");
                    out.push(h);
                    i += 2;
                }
                c => out.push(c),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn format_record(r: &Record) -> String {
    let mut s = r.check.clone();
    for o in &r.outcomes {
        // Times to the nearest 100 ms, so that records do not churn.
        let o = &Outcome {
            ms: (o.ms + 50) / 100 * 100,
            ..o.clone()
        };
        if o.refused {
            writeln!(s, "-- request refused {}ms", o.ms).unwrap();
        } else {
            writeln!(s, "-- request {}ms {}", o.ms, escape(&o.bytes)).unwrap();
        }
    }
    s
}

fn parse_record(s: &str) -> Record {
    let mut r = Record::default();
    for l in s.split_inclusive('\n') {
        if let Some(rest) = l.strip_prefix("-- request ") {
            let rest = rest.trim_end_matches('\n');
            if let Some(ms) = rest.strip_prefix("refused ") {
                r.outcomes.push(Outcome {
                    refused: true,
                    bytes: Vec::new(),
                    ms: ms.trim_end_matches("ms").parse().unwrap(),
                });
            } else {
                let (ms, bytes) = rest.split_once(' ').unwrap_or((rest, ""));
                r.outcomes.push(Outcome {
                    refused: false,
                    bytes: unescape(bytes),
                    ms: ms.trim_end_matches("ms").parse().unwrap(),
                });
            }
        } else {
            r.check.push_str(l);
        }
    }
    r
}

// ---------------------------------------------------------------- podlab

fn podlab_check(e: &Entry) -> String {
    let args: Vec<String> = ["-c", "-f", &e.rel].iter().map(|s| s.to_string()).collect();
    let path = e.path.clone();
    let mut read = |f: &str| {
        assert_eq!(f, e.rel);
        std::fs::read_to_string(&path).map_err(|e| e.to_string())
    };
    format_check(&cli::run(&args, &mut read))
}

/// The private namespace as podlab sees it: the fruit service on
/// 127.0.0.1:8775, HAProxy's own listeners, nothing else.
struct Netns<'a> {
    cfg: &'a config::Config,
}

impl Netns<'_> {
    fn own(&self, ip: IpAddr, port: u16) -> bool {
        self.cfg.proxies.iter().any(|p| {
            p.binds.iter().any(|b| {
                b.addrs.iter().any(|a| {
                    a.port == port && (a.ip == ip || (a.ip.is_unspecified() && ip.is_loopback()))
                })
            })
        })
    }
}

impl Upstream for Netns<'_> {
    fn exchange(&mut self, ip: IpAddr, port: u16, request: &[u8], _at: SimTime) -> Reply {
        if ip == IpAddr::V4(Ipv4Addr::LOCALHOST) && port == fruit::PORT {
            let method = request
                .split(|b| *b == b' ')
                .next()
                .map(|m| String::from_utf8_lossy(m).into_owned())
                .unwrap_or_default();
            Reply::Bytes(fruit::respond(&method).to_bytes(), fruit::LATENCY)
        } else if self.own(ip, port) {
            Reply::Loop
        } else {
            Reply::Refused
        }
    }
    fn resolve(&self, host: &str) -> Option<IpAddr> {
        (host == "localhost").then_some(IpAddr::V4(Ipv4Addr::LOCALHOST))
    }
    fn listening(&self, ip: IpAddr, port: u16) -> bool {
        (ip == IpAddr::V4(Ipv4Addr::LOCALHOST) && port == fruit::PORT) || self.own(ip, port)
    }
}

fn podlab_outcomes(e: &Entry) -> Vec<Outcome> {
    let mut cfg = config::parse(&e.text, Version::V2_6);
    check::validity(&mut cfg, &|h| {
        (h == "localhost").then_some(IpAddr::V4(Ipv4Addr::LOCALHOST))
    });
    assert!(
        !cfg.has_errors(),
        "{}: requests on an invalid config",
        e.name
    );
    let net_cfg = cfg.clone();
    let mut net = Netns { cfg: &net_cfg };
    let mut hx = Running::new(cfg, SimTime::ZERO);
    let mut at = SimTime::from_millis(FIRST_REQUEST_AFTER.as_millis() as u64);
    let mut out = Vec::new();
    for r in &e.requests {
        let ip = IpAddr::V4(POD_IP);
        at += SimDuration::from_millis(r.wait_ms);
        if hx.frontend_for(ip, r.port).is_none() {
            out.push(Outcome {
                refused: true,
                bytes: Vec::new(),
                ms: 0,
            });
            continue;
        }
        let h = hx.handle(ip, r.port, &r.bytes(), at, &mut net);
        at += h.elapsed;
        out.push(Outcome {
            refused: false,
            bytes: h.bytes,
            ms: h.elapsed.as_millis() as i64,
        });
    }
    out
}

// ---------------------------------------------------------- real HAProxy

fn have(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Why the live runs cannot happen here, if they cannot.
fn live_check_skip() -> Option<String> {
    if !have("haproxy", &["-v"]) {
        return Some("no `haproxy` on PATH (scripts/setup.sh installs it)".into());
    }
    None
}

fn live_run_skip() -> Option<String> {
    if let Some(s) = live_check_skip() {
        return Some(s);
    }
    if !have("ip", &["-V"]) {
        return Some("no `ip` (iproute2)".into());
    }
    if !have("unshare", &["--net", "true"]) {
        return Some("cannot create a network namespace (`unshare --net` needs root)".into());
    }
    None
}

/// `haproxy -c -f FILE`; inside an empty network namespace when one can be
/// made, so that no name resolves through the host's DNS.
fn real_check(e: &Entry, isolated: bool) -> String {
    let mut cmd = if isolated {
        let mut c = Command::new("unshare");
        c.args(["--net", "haproxy"]);
        c
    } else {
        Command::new("haproxy")
    };
    let o = cmd
        .args(["-c", "-f", &e.rel])
        .current_dir(root())
        .output()
        .expect("run haproxy");
    format_check(&cli::CliOutput {
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        code: o.status.code().unwrap_or(-1),
    })
}

/// Start the re-executed test binary inside a fresh network namespace.
fn spawn_inner(e: &Entry, out: &Path) -> std::process::Child {
    let exe = std::env::current_exe().expect("current exe");
    Command::new("unshare")
        .arg("--net")
        .arg(exe)
        .env("PODLAB_DIFF_INNER", &e.path)
        .env("PODLAB_DIFF_OUT", out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn unshare")
}

/// Inside the namespace: loopback up, the fruit service, HAProxy, the
/// requests; the outcomes go to the file PODLAB_DIFF_OUT names.
fn inner(cfg_path: &str, out_path: &str) {
    let text = std::fs::read_to_string(cfg_path).expect("cfg");
    let e = Entry {
        name: String::new(),
        path: cfg_path.into(),
        rel: cfg_path.into(),
        text: text.clone(),
        requests: text
            .lines()
            .filter_map(|l| l.trim_end_matches('\r').strip_prefix("# request: "))
            .map(Req::parse)
            .collect(),
        not_modelled: Vec::new(),
    };
    let ok = Command::new("ip")
        .args(["link", "set", "lo", "up"])
        .status()
        .expect("ip");
    assert!(ok.success(), "ip link set lo up");
    let listener = TcpListener::bind("127.0.0.1:8775").expect("bind 8775");
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let Ok(mut s) = s else { continue };
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let method =
                    String::from_utf8_lossy(buf.split(|b| *b == b' ').next().unwrap()).into_owned();
                std::thread::sleep(Duration::from_micros(fruit::LATENCY.as_micros()));
                let _ = s.write_all(&fruit::respond(&method).to_bytes());
                let _ = s.shutdown(Shutdown::Both);
            });
        }
    });
    let mut hx = Command::new("haproxy")
        .args(["-db", "-f", cfg_path])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("haproxy");
    wait_for_listeners();
    std::thread::sleep(FIRST_REQUEST_AFTER);
    let mut outcomes = Vec::new();
    for r in &e.requests {
        std::thread::sleep(Duration::from_millis(r.wait_ms));
        let t0 = Instant::now();
        let outcome = match TcpStream::connect((POD_IP, r.port)) {
            Err(_) => Outcome {
                refused: true,
                bytes: Vec::new(),
                ms: 0,
            },
            Ok(mut s) => {
                s.set_read_timeout(Some(CLIENT_WAIT)).unwrap();
                s.write_all(&r.bytes()).unwrap();
                let mut bytes = Vec::new();
                let _ = s.read_to_end(&mut bytes);
                Outcome {
                    refused: false,
                    bytes,
                    ms: t0.elapsed().as_millis() as i64,
                }
            }
        };
        outcomes.push(outcome);
    }
    let _ = hx.kill();
    let _ = hx.wait();
    let rec = Record {
        check: String::new(),
        outcomes,
    };
    std::fs::write(out_path, format_record(&rec)).expect("write outcome");
}

/// Wait until HAProxy listens: a LISTEN socket other than the fruit
/// service's appears in this namespace's /proc/net/tcp{,6}.
fn wait_for_listeners() {
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(10) {
        let mut found = false;
        for f in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for l in text.lines().skip(1) {
                let w: Vec<&str> = l.split_whitespace().collect();
                // local address `IP:PORT` in hex, state 0A is LISTEN.
                if w.len() > 3 && w[3] == "0A" && !w[1].ends_with(":2247") {
                    found = true;
                }
            }
        }
        if found {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------- compare

/// A short account of an outcome: the head escaped, the body's length and
/// whether it is the fruit list.
fn brief(o: &Outcome) -> String {
    if o.refused {
        return "connection refused".into();
    }
    let end = o
        .bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(o.bytes.len(), |i| i + 4);
    let body = &o.bytes[end..];
    let tail = if body == fruit::body().as_bytes() {
        "<the fruit JSON>".to_string()
    } else {
        escape(body)
    };
    format!("{}{tail}", escape(&o.bytes[..end]))
}

fn compare_outcomes(name: &str, reqs: &[Req], real: &[Outcome], ours: &[Outcome]) -> Vec<String> {
    let mut fails = Vec::new();
    for (i, (r, (a, b))) in reqs.iter().zip(real.iter().zip(ours)).enumerate() {
        let what = format!("{name}: request {} ({})", i + 1, r.label());
        if a.refused != b.refused || a.bytes != b.bytes {
            fails.push(format!(
                "{what}:\n  haproxy: {}\n  podlab:  {}",
                brief(a),
                brief(b),
            ));
        } else if a.ms - b.ms > LATE_TOLERANCE_MS || b.ms - a.ms > TIME_TOLERANCE_MS {
            fails.push(format!(
                "{what}: haproxy took {}ms, podlab {}ms",
                a.ms, b.ms
            ));
        }
    }
    if real.len() != ours.len() {
        fails.push(format!("{name}: {} outcomes vs {}", real.len(), ours.len()));
    }
    fails
}

fn main() {
    if let (Ok(cfg), Ok(out)) = (
        std::env::var("PODLAB_DIFF_INNER"),
        std::env::var("PODLAB_DIFF_OUT"),
    ) {
        inner(&cfg, &out);
        return;
    }
    let bless = std::env::var_os("PODLAB_BLESS").is_some();
    let entries = corpus();
    assert!(
        entries.len() >= 50,
        "the corpus has {} configs",
        entries.len()
    );
    let check_skip = live_check_skip();
    let run_skip = live_run_skip();
    if let Some(why) = &check_skip {
        println!("haproxy_diff: live `haproxy -c` skipped: {why}; comparing with the records");
    }
    if let Some(why) = &run_skip {
        println!("haproxy_diff: live runs skipped: {why}; comparing with the records");
    }
    // Live runs, all at once: each config in its own namespace.
    let tmp = std::env::temp_dir().join(format!("podlab-haproxy-diff-{}", std::process::id()));
    let mut live: Vec<Option<Record>> = vec![None; entries.len()];
    if check_skip.is_none() {
        for (i, e) in entries.iter().enumerate() {
            live[i] = Some(Record {
                check: real_check(e, run_skip.is_none()),
                outcomes: Vec::new(),
            });
        }
        let mut runs = Vec::new();
        if run_skip.is_none() {
            std::fs::create_dir_all(&tmp).unwrap();
            for (i, e) in entries.iter().enumerate() {
                if !e.requests.is_empty() {
                    runs.push((i, e, tmp.join(format!("{}.out", e.name))));
                }
            }
        }
        // A few namespaces at a time, so that load does not skew the times.
        let mut done = Vec::new();
        for batch in runs.chunks(PARALLEL_RUNS) {
            let children: Vec<_> = batch
                .iter()
                .map(|(i, e, out)| (*i, spawn_inner(e, out), out.clone()))
                .collect();
            for (i, child, out) in children {
                done.push((i, child.wait_with_output().expect("inner"), out));
            }
        }
        for (i, o, out) in done {
            let text = std::fs::read_to_string(&out).unwrap_or_else(|_| {
                panic!(
                    "{}: the run in the namespace failed:\n{}",
                    entries[i].name,
                    String::from_utf8_lossy(&o.stderr)
                )
            });
            live[i].as_mut().unwrap().outcomes = parse_record(&text).outcomes;
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }
    let mut fails = Vec::new();
    let (mut checked, mut requests) = (0, 0);
    for (e, live) in entries.iter().zip(&live) {
        let rec_path = e.path.with_extension("out");
        let recorded = std::fs::read_to_string(&rec_path)
            .ok()
            .map(|s| parse_record(&s));
        let mut real = match (live, &recorded) {
            (Some(l), _) => l.clone(),
            (None, Some(r)) => r.clone(),
            (None, None) => {
                fails.push(format!("{}: no record and no haproxy to make one", e.name));
                continue;
            }
        };
        if real.outcomes.is_empty()
            && let Some(r) = &recorded
        {
            // The check ran live, the requests could not: use the record.
            real.outcomes = r.outcomes.clone();
        }
        if bless && live.is_some() {
            std::fs::write(&rec_path, format_record(&real)).unwrap();
        }
        let ours = podlab_check(e);
        checked += 1;
        if ours != real.check {
            fails.push(format!(
                "{}: `haproxy -c -f` differs\n--- haproxy\n{}--- podlab\n{}",
                e.name, real.check, ours
            ));
        }
        if !e.requests.is_empty() {
            if real.outcomes.len() != e.requests.len() {
                fails.push(format!("{}: no record of the requests' outcomes", e.name));
            } else {
                requests += e.requests.len();
                let ours = podlab_outcomes(e);
                fails.extend(compare_outcomes(
                    &e.name,
                    &e.requests,
                    &real.outcomes,
                    &ours,
                ));
            }
        }
        // podlab's "not modelled" notes, as the editor shows them.
        if !e.not_modelled.is_empty() {
            let diags = workspace::cfg_diagnostics(&e.text, Version::V2_6, None);
            for what in &e.not_modelled {
                let found = diags.iter().any(|d| {
                    d.origin == Origin::Podlab
                        && d.message.contains(what.as_str())
                        && d.message.contains("not modelled")
                });
                if !found {
                    fails.push(format!("{}: no \"not modelled\" note for {what}", e.name));
                }
            }
        }
    }
    println!(
        "haproxy_diff: {} configs, {checked} checks compared, {requests} requests compared{}",
        entries.len(),
        if live.iter().any(Option::is_some) {
            " against live haproxy"
        } else {
            " against the records"
        }
    );
    if !fails.is_empty() {
        for f in &fails {
            eprintln!("\n{f}");
        }
        eprintln!("\nhaproxy_diff: {} disagreement(s)", fails.len());
        std::process::exit(1);
    }
}
