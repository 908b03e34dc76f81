//! curl 7.35.0, as `radial/busyboxplus:curl` ships it: its options, the
//! request it sends, and what it prints, including the progress meter it
//! writes to stderr when stdout is not a terminal (lib/progress.c).

use crate::model::base::http::Response;
use crate::model::base::time::SimDuration;

/// The curl version in radial/busyboxplus:curl (its README).
pub const VERSION: &str = "7.35.0";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    pub silent: bool,
    pub show_error: bool,
    pub verbose: bool,
    pub head: bool,
    pub include: bool,
    pub fail: bool,
    pub output: Option<String>,
    pub write_out: Option<String>,
    pub method: Option<String>,
    pub headers: Vec<String>,
    pub url: String,
}

/// Parse curl's command line; `Err((code, message))` as curl reports it.
pub fn parse_args(argv: &[String]) -> Result<Args, (i32, String)> {
    let mut a = Args::default();
    let mut it = argv.iter().skip(1).peekable();
    let mut url = None;
    while let Some(arg) = it.next() {
        let mut take = |name: &str| -> Result<String, (i32, String)> {
            it.next().cloned().ok_or((2, format!("curl: option {name}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information")))
        };
        let unknown = |s: &str| {
            (
                2,
                format!(
                    "curl: option {s}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"
                ),
            )
        };
        // Long options, then short ones, which curl lets you group (`-sI`,
        // `-so FILE`, `-w%{http_code}`).
        let long = match arg.as_str() {
            "--silent" => Some("s"),
            "--show-error" => Some("S"),
            "--verbose" => Some("v"),
            "--head" => Some("I"),
            "--include" => Some("i"),
            "--fail" => Some("f"),
            "--output" => Some("o"),
            "--write-out" => Some("w"),
            "--request" => Some("X"),
            "--header" => Some("H"),
            "--max-time" | "--connect-timeout" => Some("m"),
            s if s.starts_with("--") => return Err(unknown(s)),
            _ => None,
        };
        let letters: Vec<char> = match long {
            Some(l) => l.chars().collect(),
            None if arg.starts_with('-') && arg.len() > 1 => arg[1..].chars().collect(),
            None => {
                url = Some(arg.to_string());
                continue;
            }
        };
        let mut j = 0;
        while j < letters.len() {
            let c = letters[j];
            j += 1;
            match c {
                's' => a.silent = true,
                'S' => a.show_error = true,
                'v' => a.verbose = true,
                'I' => a.head = true,
                'i' => a.include = true,
                'f' => a.fail = true,
                'o' | 'w' | 'X' | 'H' | 'm' => {
                    let rest: String = letters[j..].iter().collect();
                    let v = if rest.is_empty() { take(arg)? } else { rest };
                    match c {
                        'o' => a.output = Some(v),
                        'w' => a.write_out = Some(v),
                        'X' => a.method = Some(v),
                        'H' => a.headers.push(v),
                        _ => {}
                    }
                    break;
                }
                _ => return Err(unknown(arg)),
            }
        }
    }

    match url {
        Some(u) => {
            a.url = u;
            Ok(a)
        }
        None => Err((2, "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information".into())),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    pub host: String,
    pub port: u16,
    pub path: String,
    /// Whether the URL gave no path (curl 7.35 says "Rebuilt URL to: ...").
    pub rebuilt: bool,
    /// The URL as given.
    pub original: String,
}

/// Parse an http URL the way curl does, scheme optional.
pub fn parse_url(s: &str) -> Result<Url, (i32, String)> {
    let rest = match s.split_once("://") {
        Some(("http", r)) => r,
        Some((scheme, _)) => {
            return Err((
                1,
                format!("curl: (1) Protocol {scheme} not supported or disabled in libcurl"),
            ));
        }
        None => s,
    };
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() => match p.parse::<u16>() {
            Ok(port) => (h, port),
            Err(_) => {
                return Err((
                    3,
                    "curl: (3) Port number ended with an invalid character".into(),
                ));
            }
        },
        _ => (hostport, 80),
    };
    if host.is_empty() {
        return Err((3, "curl: (3) <url> malformed".into()));
    }
    Ok(Url {
        host: host.to_string(),
        port,
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
        rebuilt: path.is_empty(),
        original: s.to_string(),
    })
}

/// The request curl 7.35 sends.
pub fn request(args: &Args, url: &Url) -> Vec<u8> {
    let method = args.method.clone().unwrap_or_else(|| {
        if args.head {
            "HEAD".into()
        } else {
            "GET".into()
        }
    });
    let host = if url.port == 80 {
        url.host.clone()
    } else {
        format!("{}:{}", url.host, url.port)
    };
    let mut s = format!(
        "{method} {} HTTP/1.1\r\nUser-Agent: curl/{VERSION}\r\nHost: {host}\r\nAccept: */*\r\n",
        url.path
    );
    for h in &args.headers {
        s.push_str(h);
        s.push_str("\r\n");
    }
    s.push_str("\r\n");
    s.into_bytes()
}

/// How the transfer went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered (the raw bytes), after `elapsed`.
    Answered {
        bytes: Vec<u8>,
        elapsed: SimDuration,
    },
    /// Connected, then the server closed without a byte.
    Empty { elapsed: SimDuration },
    /// RST on connect.
    Refused,
    /// No answer to the SYN: the kernel gave up.
    TimedOut { elapsed: SimDuration },
    /// `Couldn't resolve host`.
    Unresolved,
}

/// What curl printed and returned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Printed {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    /// `-o FILE`: what to write there.
    pub file: Option<(String, Vec<u8>)>,
    pub elapsed: SimDuration,
}

/// `max5data()`: a size or speed in five characters.
pub fn max5(n: u64) -> String {
    const K: u64 = 1024;
    const M: u64 = 1024 * K;
    if n < 100_000 {
        format!("{n:>5}")
    } else if n < 10_000 * K {
        format!("{:>4}k", n / K)
    } else if n < 100 * M {
        format!("{:>2}.{}M", n / M, (n % M) / (M / 10))
    } else {
        format!("{:>4}M", n / M)
    }
}

/// `time2str()`: `--:--:--` for zero, else ` H:MM:SS`.
pub fn time2str(secs: u64) -> String {
    if secs == 0 {
        return "--:--:--".into();
    }
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h <= 99 {
        format!("{h:>2}:{m:02}:{s:02}")
    } else {
        format!("{:>3}d {:02}h", secs / 86400, (secs % 86400) / 3600)
    }
}

/// The two header lines of the meter.
pub const METER_HEADER: &str = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";

/// One meter line, without its leading `\r`.
fn meter_line(expected: Option<u64>, got: u64, t: f64, current: u64) -> String {
    let total = expected.unwrap_or(got);
    let pct = |part: u64, whole: u64| {
        if whole == 0 {
            0
        } else if whole > 10_000 {
            part / (whole / 100)
        } else {
            part * 100 / whole
        }
    };
    let dlspeed = if t > 0.0 {
        (got as f64 / t) as u64
    } else {
        got
    };
    let dl_pct = if expected.is_some() && dlspeed > 0 {
        pct(got, total)
    } else {
        0
    };
    let spent = t as u64;
    let estimate = match expected {
        Some(size) if dlspeed > 0 => size / dlspeed,
        _ => 0,
    };
    let left = if estimate > 0 {
        estimate.saturating_sub(spent)
    } else {
        0
    };
    format!(
        "{:>3} {}  {:>3} {}  {:>3} {}  {}  {} {} {} {} {}",
        pct(got, total),
        max5(total),
        dl_pct,
        max5(got),
        0,
        max5(0),
        max5(dlspeed),
        max5(0),
        time2str(estimate),
        time2str(spent),
        time2str(left),
        max5(current)
    )
}

/// How many of the meter's once-a-second updates podlab writes: an
/// hour's (3600 lines of 79 bytes, 284 KiB, past the console's output
/// budget). A transfer that waits longer (HAProxy retrying for days) has
/// the updates after its first hour left out, and the final one written:
/// each update overwrites the one before on a terminal, so a terminal
/// shows the same; a pipe would count fewer bytes (podlab's choice, to keep
/// the work and the text of a long wait bounded).
pub const METER_UPDATES: u64 = 3600;

/// The meter: updates at the start, once per second, and the final one.
/// `connect` is when the first update happened (after the connection).
/// Each line is computed from its second, so the work is one line's per
/// line written, and at most [`METER_UPDATES`] lines are.
fn meter(
    expected: Option<u64>,
    got: u64,
    elapsed: SimDuration,
    connect: SimDuration,
    finished: bool,
) -> String {
    let total = elapsed.as_secs_f64();
    let mut s = String::from(METER_HEADER);
    s.push('\r');
    s.push_str(&meter_line(None, 0, 0.0, 0));
    for sec in 1..=elapsed.as_secs().min(METER_UPDATES) {
        if sec as f64 >= total && finished {
            break;
        }
        s.push('\r');
        s.push_str(&meter_line(None, 0, sec as f64, 0));
    }
    if finished {
        let span_ms = (elapsed.as_micros().saturating_sub(connect.as_micros()) / 1000).max(1);
        let current = got * 1000 / span_ms;
        s.push('\r');
        s.push_str(&meter_line(expected, got, total, current));
    }
    s
}

/// Render what curl prints for an outcome: the transfer, then `-w`'s text,
/// which curl writes whatever the transfer came to (tool_operate.c calls
/// `ourWriteOut` after the transfer; `%{http_code}` is `000` when no
/// response came).
pub fn print(
    args: &Args,
    url: &Url,
    outcome: &Outcome,
    stdout_is_tty: bool,
    connect: SimDuration,
) -> Printed {
    let (mut p, status, size) = transfer(args, url, outcome, stdout_is_tty, connect);
    if let Some(w) = &args.write_out {
        p.stdout
            .extend_from_slice(write_out(w, status, p.elapsed, size).as_bytes());
    }
    p
}

/// What curl has printed when it is interrupted `after` into a transfer
/// that had not ended (Ctrl-C, or podlab stopping the command as Ctrl-C
/// would): the `-v` lines up to the connection and the meter's updates so
/// far, nothing on stdout; the status is the interrupt's.
pub fn interrupted(
    args: &Args,
    url: &Url,
    outcome: &Outcome,
    stdout_is_tty: bool,
    after: SimDuration,
) -> Printed {
    let mut p = Printed {
        code: 130,
        elapsed: after,
        ..Printed::default()
    };
    if args.verbose {
        p.stderr
            .extend_from_slice(verbose_connect(url, outcome).as_bytes());
    }
    if !args.silent && (!stdout_is_tty || args.output.is_some()) {
        p.stderr
            .extend_from_slice(meter(None, 0, after, SimDuration::ZERO, false).as_bytes());
    }
    p
}

/// `-w FORMAT` with the variables podlab knows, as curl 7.35 prints them
/// (src/tool_writeout.c: `%03ld` for the code, `%.3f` for times).
fn write_out(format: &str, status: u16, elapsed: SimDuration, size: usize) -> String {
    format
        .replace("%{http_code}", &format!("{status:03}"))
        .replace("%{response_code}", &format!("{status:03}"))
        .replace("%{time_total}", &format!("{:.3}", elapsed.as_secs_f64()))
        .replace("%{size_download}", &size.to_string())
        .replace("\\n", "\n")
}

/// The transfer's output, with the response code and body size `-w` reads
/// (0 and 0 when no response came).
fn transfer(
    args: &Args,
    url: &Url,
    outcome: &Outcome,
    stdout_is_tty: bool,
    connect: SimDuration,
) -> (Printed, u16, usize) {
    let show_meter = !args.silent && (!stdout_is_tty || args.output.is_some());
    let show_error = !args.silent || args.show_error;
    let mut p = Printed::default();
    if args.verbose {
        p.stderr
            .extend_from_slice(verbose_connect(url, outcome).as_bytes());
    }
    let fail = |p: &mut Printed, code: i32, msg: String, meter_text: Option<String>| {
        if show_meter && let Some(m) = meter_text {
            p.stderr.extend_from_slice(m.as_bytes());
        }
        if show_error {
            p.stderr
                .extend_from_slice(format!("curl: ({code}) {msg}\n").as_bytes());
        }
        p.code = code;
    };
    let (mut status, mut size) = (0, 0);
    match outcome {
        Outcome::Unresolved => {
            fail(
                &mut p,
                6,
                format!("Couldn't resolve host '{}'", url.host),
                None,
            );
        }
        Outcome::Refused => {
            let m = meter(None, 0, SimDuration::ZERO, SimDuration::ZERO, false);
            fail(
                &mut p,
                7,
                format!(
                    "Failed to connect to {} port {}: Connection refused",
                    url.host, url.port
                ),
                Some(m),
            );
        }
        Outcome::TimedOut { elapsed } => {
            p.elapsed = *elapsed;
            let m = meter(None, 0, *elapsed, SimDuration::ZERO, false);
            fail(
                &mut p,
                7,
                format!(
                    "Failed to connect to {} port {}: Connection timed out",
                    url.host, url.port
                ),
                Some(m),
            );
        }
        Outcome::Empty { elapsed } => {
            p.elapsed = *elapsed;
            let mut m = meter(None, 0, *elapsed, connect, true);
            m.push('\n');
            fail(&mut p, 52, "Empty reply from server".into(), Some(m));
        }
        Outcome::Answered { bytes, elapsed } => {
            p.elapsed = *elapsed;
            let Some(resp) = Response::parse(bytes) else {
                // HTTP/0.9-style: the bytes are the body.
                p.stdout = bytes.clone();
                return (p, 0, bytes.len());
            };
            let head = resp.head_bytes();
            let body = if args.head {
                Vec::new()
            } else {
                resp.body.clone()
            };
            let expected = resp
                .header("content-length")
                .and_then(|v| v.parse::<u64>().ok());
            if args.fail && resp.status >= 400 {
                let m = meter(expected, 0, *elapsed, connect, false);
                fail(
                    &mut p,
                    22,
                    format!("The requested URL returned error: {}", resp.status),
                    Some(m),
                );
                return (p, resp.status, 0);
            }
            if args.verbose {
                for line in String::from_utf8_lossy(&request(args, url)).split("\r\n") {
                    if !line.is_empty() {
                        p.stderr
                            .extend_from_slice(format!("> {line}\r\n").as_bytes());
                    }
                }
                p.stderr.extend_from_slice(b"> \r\n");
                for line in String::from_utf8_lossy(&head).split("\r\n") {
                    if !line.is_empty() {
                        p.stderr
                            .extend_from_slice(format!("< {line}\r\n").as_bytes());
                    }
                }
                p.stderr.extend_from_slice(b"< \r\n");
            }
            let mut out = Vec::new();
            if args.head || args.include {
                out.extend_from_slice(&head);
            }
            out.extend_from_slice(&body);
            if show_meter {
                let got = if args.head { 0 } else { body.len() as u64 };
                let mut m = meter(
                    if args.head { None } else { expected },
                    got,
                    *elapsed,
                    connect,
                    true,
                );
                m.push('\n');
                p.stderr.extend_from_slice(m.as_bytes());
            }
            match &args.output {
                Some(path) => p.file = Some((path.clone(), out)),
                None => p.stdout = out,
            }
            status = resp.status;
            size = body.len();
            if args.verbose {
                if resp.version == "HTTP/1.0" || resp.header("connection") == Some("close") {
                    p.stderr.extend_from_slice(b"* Closing connection 0\n");
                } else {
                    p.stderr.extend_from_slice(
                        format!("* Connection #0 to host {} left intact\n", url.host).as_bytes(),
                    );
                }
            }
        }
    }
    (p, status, size)
}

/// curl 7.35's `-v` lines up to the connection (lib/connect.c, lib/url.c).
fn verbose_connect(url: &Url, outcome: &Outcome) -> String {
    let mut v = String::new();
    if url.rebuilt {
        v.push_str(&format!("* Rebuilt URL to: {}/\n", url.original));
    }
    v.push_str("* Hostname was NOT found in DNS cache\n");
    if matches!(outcome, Outcome::Unresolved) {
        v.push_str(&format!(
            "* Could not resolve host: {}\n* Closing connection 0\n",
            url.host
        ));
        return v;
    }
    v.push_str(&format!("*   Trying {}...\n", url.host));
    match outcome {
        Outcome::Refused | Outcome::TimedOut { .. } => {
            let why = if matches!(outcome, Outcome::Refused) {
                "Connection refused"
            } else {
                "Connection timed out"
            };
            v.push_str(&format!(
                "* connect to {h} port {p} failed: {why}\n* Failed to connect to {h} port {p}: {why}\n* Closing connection 0\n",
                h = url.host,
                p = url.port
            ));
        }
        _ => v.push_str(&format!(
            "* Connected to {h} ({h}) port {p} (#0)\n",
            h = url.host,
            p = url.port
        )),
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meter_fields() {
        assert_eq!(max5(1360), " 1360");
        assert_eq!(max5(379_000), " 370k");
        assert_eq!(max5(1_258_291), "1228k");
        assert_eq!(max5(12_582_912), "12.0M");
        assert_eq!(time2str(0), "--:--:--");
        assert_eq!(time2str(3), " 0:00:03");
        assert_eq!(time2str(36_000), "10:00:00");
        // The line of the lab's transcript: 1360 bytes in 3.59 ms, the
        // last update 3 ms after the first.
        assert_eq!(
            meter_line(Some(1360), 1360, 0.00359, 1360 * 1000 / 3),
            "100  1360  100  1360    0     0   369k      0 --:--:-- --:--:-- --:--:--  442k"
        );
    }

    #[test]
    fn urls() {
        let u = parse_url("10.244.1.2:80").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str(), u.rebuilt),
            ("10.244.1.2", 80, "/", true)
        );
        let u = parse_url("http://fruit:8775/x").unwrap();
        assert_eq!((u.port, u.path.as_str()), (8775, "/x"));
        assert!(parse_url("ftp://x").is_err());
    }

    fn render(outcome: Outcome) -> (String, String, i32) {
        let args = parse_args(&["curl".into(), "10.244.1.2:80".into()]).unwrap();
        let url = parse_url(&args.url).unwrap();
        let p = print(&args, &url, &outcome, false, SimDuration::from_micros(200));
        (
            String::from_utf8(p.stdout).unwrap(),
            String::from_utf8(p.stderr).unwrap(),
            p.code,
        )
    }

    /// `curl -s -o /dev/null -w FORMAT` on an outcome: (stdout, exit code).
    fn check_write_out(format: &str, outcome: Outcome, expect: (&str, i32)) {
        let argv: Vec<String> = [
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "-w",
            format,
            "10.244.1.2:80",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let args = parse_args(&argv).unwrap();
        let url = parse_url(&args.url).unwrap();
        let p = print(&args, &url, &outcome, false, SimDuration::from_micros(200));
        assert_eq!(
            (String::from_utf8(p.stdout).unwrap().as_str(), p.code),
            expect,
            "-w {format:?} on {outcome:?}"
        );
    }

    /// Issue 9: curl writes `-w` whatever the transfer came to, `000` when
    /// no response came (checked against curl 7.88 on the host, which
    /// behaves as 7.35 here).
    #[test]
    fn write_out_is_written_on_failure_too() {
        let page = crate::model::lang::haproxy::error_pages::error_page(503);
        let answered = |bytes: Vec<u8>| Outcome::Answered {
            bytes,
            elapsed: SimDuration::from_micros(3590),
        };
        check_write_out("%{http_code}", Outcome::Refused, ("000", 7));
        check_write_out("%{http_code}", Outcome::Unresolved, ("000", 6));
        check_write_out(
            "%{http_code}\\n",
            Outcome::TimedOut {
                elapsed: SimDuration::from_secs(3),
            },
            ("000\n", 7),
        );
        check_write_out(
            "%{http_code} %{size_download}",
            Outcome::Empty {
                elapsed: SimDuration::from_millis(1),
            },
            ("000 0", 52),
        );
        check_write_out("%{http_code}", answered(page.clone()), ("503", 0));
        check_write_out(
            "x%{http_code}y%{time_total}z",
            answered(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}".to_vec()),
            ("x200y0.004z", 0),
        );
    }

    #[test]
    fn refused_glues_the_error_to_the_meter() {
        let (out, err, code) = render(Outcome::Refused);
        assert_eq!(out, "");
        assert_eq!(code, 7);
        assert_eq!(
            err,
            format!(
                "{METER_HEADER}\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (7) Failed to connect to 10.244.1.2 port 80: Connection refused\n"
            )
        );
    }

    /// Issue 10: an answer after 68 years of HAProxy retries wrote a
    /// meter line per second, 2^31 of them. The updates past the first
    /// hour are left out; the final one still says how long it took.
    #[test]
    fn a_long_wait_writes_an_hour_of_meter_updates() {
        let page = crate::model::lang::haproxy::error_pages::error_page(503);
        let (_, err, _) = render(Outcome::Answered {
            bytes: page,
            elapsed: SimDuration::from_secs(2_147_483_647),
        });
        assert_eq!(
            err.matches('\r').count(),
            1 + 3600 + 1,
            "start, an hour, final"
        );
        let last = err.rsplit('\r').next().unwrap();
        assert_eq!(
            last,
            "100   107    0   107    0     0      0      0 --:--:-- 24855d 03h --:--:--     0\n"
        );
        let (_, err, _) = render(Outcome::TimedOut {
            elapsed: SimDuration::from_secs(u64::MAX / 1_000_000),
        });
        assert_eq!(err.matches('\r').count(), 1 + 3600);
    }

    #[test]
    fn a_503_after_three_seconds() {
        let page = crate::model::lang::haproxy::error_pages::error_page(503);
        let (out, err, code) = render(Outcome::Answered {
            bytes: page,
            elapsed: SimDuration::from_millis(3002),
        });
        assert!(out.starts_with("<html><body><h1>503 Service Unavailable</h1>"));
        assert_eq!(code, 0);
        let last = err.rsplit('\r').next().unwrap();
        assert_eq!(
            last,
            "100   107    0   107    0     0     35      0 --:--:--  0:00:03 --:--:--    35\n"
        );
        assert_eq!(err.matches('\r').count(), 5, "start, 1 s, 2 s, 3 s, final");
    }
}
