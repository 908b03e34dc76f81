//! `haproxy -c` as podlab prints it, against what HAProxy 2.6 printed for the
//! same files (PIDs fixed to 1). The differential suite in tests/ runs the
//! real program on a larger corpus.

use std::net::{IpAddr, Ipv4Addr};

use super::Version;
use super::check::{self, check_mode};
use super::config::parse;
use super::error_pages::{error_page, error_page_v2};
use super::message::Printer;
use super::runtime::Running;
use crate::model::base::net::conn::{Reply, Upstream};
use crate::model::base::time::{SimDuration, SimTime, civil_from_unix};

fn resolve(host: &str) -> Option<IpAddr> {
    (host == "localhost").then_some(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// `haproxy -c -f t.cfg` with HAProxy `version`: stderr, stdout, exit code.
fn run_check(cfg: &str, version: Version) -> String {
    let mut config = parse(cfg, version);
    check::validity(&mut config, &resolve);
    let printer = Printer {
        version,
        pid: 1,
        at: civil_from_unix(0),
    };
    let out = check_mode(&config, &printer, "t.cfg", "2.6.12-1+deb12u4");
    let mut s = String::new();
    for l in out.stderr.iter().chain(&out.stdout) {
        s.push_str(l);
        s.push('\n');
    }
    s.push_str(&format!("exit {}", out.exit_code));
    s
}

fn check(cfg: &str, expect: &str) {
    let got = run_check(cfg, Version::V2_6);
    assert_eq!(got.trim(), expect.trim(), "\n{got}");
}

const NOTICES: &str = "[NOTICE]   (1) : haproxy version is 2.6.12-1+deb12u4\n[NOTICE]   (1) : path to executable is /usr/sbin/haproxy";

#[test]
fn the_lab_config_is_valid() {
    let cfg = include_str!("../../project/workspace/fruit-service-ambassador-config.yml");
    let body: String = cfg
        .lines()
        .skip_while(|l| !l.contains("haproxy.cfg: |"))
        .skip(1)
        .map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l)))
        .collect();
    check(&body, "Configuration file is valid\nexit 0");
}

#[test]
fn unknown_keyword_with_suggestion() {
    check(
        "listen a\n  bnd *:80\n",
        &format!(
            "{NOTICES}\n[ALERT]    (1) : config : parsing [t.cfg:2] : unknown keyword 'bnd' in 'listen' section; did you mean 'bind' maybe ?\n[ALERT]    (1) : config : Error(s) found in configuration file : t.cfg\n[ALERT]    (1) : config : Fatal errors found in configuration.\nexit 1"
        ),
    );
}

#[test]
fn messages_of_haproxy_2_6() {
    let cases = [
        (
            "defaults\n  bind *:80\n",
            "parsing [t.cfg:2] : 'bind' not allowed in 'defaults' section.",
        ),
        (
            "listen a\n  bind *:99999\n",
            "parsing [t.cfg:2] : 'bind' : invalid port '99999'",
        ),
        (
            "listen a\n  mode htp\n",
            "parsing [t.cfg:2] : unknown proxy mode 'htp'.",
        ),
        (
            "defaults\n timeout connect 5a00ms\n",
            "parsing [t.cfg:2] : unexpected character 'a' in 'timeout connect'",
        ),
        (
            "listen a\n bind 80\n",
            "parsing [t.cfg:2] : 'bind' : missing port specification in '80'",
        ),
        (
            "glob\n",
            "parsing [t.cfg:1]: unknown keyword 'glob' out of section.",
        ),
        (
            "listen a\n bind :80\n timeout conect 5s\n",
            "parsing [t.cfg:3] : 'timeout' supports 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive', 'http-request', 'tunnel', 'tarpit', 'client-fin' and 'server-fin' (got 'conect')",
        ),
        (
            "listen a\n bind :80\n balance roundrobn\n",
            "parsing [t.cfg:3] : balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.",
        ),
        (
            "listen a\n bind :80\nlisten a\n bind :81\n",
            "Parsing [t.cfg:3]: proxy 'a' has the same name as proxy 'a' declared at t.cfg:1.",
        ),
        (
            "frontend f\n bind :80\n server s 127.0.0.1:1\n",
            "[t.cfg:3] : parsing [t.cfg:3] : 'server' not allowed because frontend 'f' has no backend capability.",
        ),
        (
            "listen a\n bind :80\n server s1 127.0.0.1:1 maxcon 3\n",
            "[t.cfg:3] : 'server a/s1' : unknown keyword 'maxcon'; did you mean 'maxconn' maybe ?",
        ),
        (
            "listen a\n bind :80\n default-server zzzzzzzzzzzz\n",
            "[t.cfg:3] : unknown keyword 'zzzzzzzzzzzz'. Hint: no address was expected for this server.",
        ),
        (
            "listen a\n bind :80 v4vv6\n",
            "parsing [t.cfg:2] : 'bind :80' in section 'listen': unknown keyword 'v4vv6'; did you mean 'v4v6' maybe ?",
        ),
        (
            "frontend f\n bind :80\n http-request deny deny_status 418\n",
            "parsing [t.cfg:3] : error detected in frontend 'f' while parsing 'http-request deny' rule : status code '418' not handled by default with 'default-errorfiles' argument..",
        ),
        (
            "listen a\n    bind \"*:80\n",
            "parsing [t.cfg:2]: unmatched quote at position 10:\n  bind \"*:80\n       ^",
        ),
        (
            "frontend f\n bind :80\n acl api\n",
            "parsing [t.cfg:3] : error detected while parsing ACL 'api' : missing fetch method in ACL expression ''.",
        ),
        (
            "frontend f\n bind :80\n redirect to /new\n",
            "parsing [t.cfg:3] : error detected in frontend 'f' while parsing redirect rule : expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was 'to').",
        ),
        (
            "listen a\n bind :80\n clitimeout 50000\n",
            "parsing [t.cfg:3] : the 'clitimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'.",
        ),
        (
            "listen a *:80\n server s1 127.0.0.1:1\n",
            "parsing [t.cfg:1] : please use the 'bind' keyword for listening addresses.\n[ALERT]    (1) : config : parsing [t.cfg:2] : 'listen' or 'defaults' expected.",
        ),
        (
            "defaults\n timeout connect 5 s\n",
            "parsing [t.cfg:2] : 'timeout connect' : unexpected extra argument 's' after value '5'.",
        ),
        (
            "listen a\n bind :80\n server s1 127.0.0.1:1 check inter 2x\n",
            "[t.cfg:3] : 'server a/s1' : unexpected character 'x' in 'agent-inter' argument of server s1..",
        ),
        (
            "frontend f\n bind :80\n acl api path_bg /api\n",
            "parsing [t.cfg:3] : error detected while parsing ACL 'api' : unknown fetch method 'path_bg' in ACL expression 'path_bg'.",
        ),
        (
            "frontend f\n bind :80\n http-request deny if admin\n acl admin path_beg /admin\n",
            "parsing [t.cfg:3] : error detected while parsing an 'http-request deny' condition : no such ACL : 'admin'.",
        ),
        (
            "frontend f\n bind :80\n redirect location /new if is_old\n",
            "parsing [t.cfg:3] : error detected in frontend 'f' while parsing redirect rule : error in condition: no such ACL : 'is_old'.",
        ),
        (
            "listen a\n bind :80\n server s1\n",
            "[t.cfg:3] : 'server' expects <name> and <addr>[:<port>] as arguments.",
        ),
    ];
    for (cfg, msg) in cases {
        let got = run_check(cfg, Version::V2_6);
        let line = format!("[ALERT]    (1) : config : {msg}\n");
        assert!(got.contains(&line), "{cfg:?}\n{got}");
        assert!(got.ends_with("exit 1"), "{cfg:?}\n{got}");
    }
}

#[test]
fn check_stage_messages() {
    check(
        "defaults\n mode http\n timeout connect 1s\n timeout client 1s\n timeout server 1s\nfrontend f\n bind :80\n default_backend fruits\n use_backend nope if TRUE\n",
        &format!(
            "{NOTICES}\n[ALERT]    (1) : config : Proxy 'f': unable to find required default_backend: 'fruits'.\n[ALERT]    (1) : config : Proxy 'f': unable to find required use_backend: 'nope'.\n[ALERT]    (1) : config : Fatal errors found in configuration.\nexit 1"
        ),
    );
    check(
        "listen a\n bind :80\n server s1 nosuchhost:80\n",
        &format!(
            "{NOTICES}\n[WARNING]  (1) : config : missing timeouts for proxy 'a'.\n   | While not properly invalid, you will certainly encounter various problems\n   | with such a configuration. To fix this, please ensure that all following\n   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.\n[ALERT]    (1) : config : [t.cfg:3] : 'server a/s1' : could not resolve address 'nosuchhost'.\n[ALERT]    (1) : config : Failed to initialize server(s) addr.\nexit 1"
        ),
    );
    check(
        "listen\n bind :80\n",
        &format!(
            "{NOTICES}\n[ALERT]    (1) : config : parsing [t.cfg:1] : 'listen' expects an <id> argument\n[ALERT]    (1) : config : Error(s) found in configuration file : t.cfg\nexit 1"
        ),
    );
    check(
        "global\n daemon\n",
        "Configuration file has no error but will not start (no listener) => exit(2).\nexit 2",
    );
}

#[test]
fn missing_final_newline_depends_on_version() {
    let cfg = "listen a\n bind :80\n timeout client 1s";
    assert!(run_check(cfg, Version::V2_6).contains(
        "[ALERT]    (1) : config : parsing [t.cfg:3]: Missing LF on last line, file might have been truncated at position 19."
    ));
    assert_eq!(
        run_check(cfg, Version::V1_7),
        "Configuration file is valid\nexit 0"
    );
}

#[test]
fn version_1_7_prints_its_own_prefix_and_no_suggestion() {
    let got = run_check("listen a\n  bnd *:80\n", Version::V1_7);
    assert!(got.starts_with("[ALERT] 000/000000 (1) : parsing [t.cfg:2] : unknown keyword 'bnd' in 'listen' section\n"), "{got}");
}

/// A fake network: the fruit service on 127.0.0.1:8775 and nothing else.
struct Fake {
    log: Vec<String>,
}

impl Upstream for Fake {
    fn exchange(&mut self, ip: IpAddr, port: u16, _request: &[u8], _at: SimTime) -> Reply {
        self.log.push(format!("{ip}:{port}"));
        if ip == IpAddr::V4(Ipv4Addr::LOCALHOST) && port == 8775 {
            Reply::Bytes(
                b"HTTP/1.0 200 OK\r\n\r\nfruit".to_vec(),
                SimDuration::from_millis(3),
            )
        } else if port == 80 {
            Reply::Loop
        } else {
            Reply::Refused
        }
    }
    fn resolve(&self, host: &str) -> Option<IpAddr> {
        resolve(host)
    }
    fn listening(&self, ip: IpAddr, port: u16) -> bool {
        ip == IpAddr::V4(Ipv4Addr::LOCALHOST) && port == 8775
    }
}

fn serve(cfg: &str, path: &str) -> (String, u64, Vec<String>) {
    let config = parse(cfg, Version::V2_6);
    assert!(!config.has_errors(), "{:?}", config.messages);
    let mut hx = Running::new(config, SimTime::ZERO);
    let mut up = Fake { log: Vec::new() };
    let req = format!("GET {path} HTTP/1.1\r\nHost: 10.244.1.4\r\n\r\n");
    let ip = IpAddr::V4(Ipv4Addr::new(10, 244, 1, 4));
    let h = hx.handle(ip, 80, req.as_bytes(), SimTime::from_secs(60), &mut up);
    (
        String::from_utf8_lossy(&h.bytes).into_owned(),
        h.elapsed.as_millis(),
        up.log,
    )
}

const HTTP: &str =
    "defaults\n mode http\n timeout connect 5000ms\n timeout client 50s\n timeout server 50s\n";

#[test]
fn proxies_to_the_legacy_app() {
    let (body, ms, log) = serve(
        &format!("{HTTP}listen http-in\n bind *:80\n server s1 127.0.0.1:8775 maxconn 32\n"),
        "/",
    );
    assert_eq!(body, "HTTP/1.0 200 OK\r\n\r\nfruit");
    assert_eq!(ms, 3);
    assert_eq!(log, ["127.0.0.1:8775"]);
}

#[test]
fn dead_backend_is_a_503_after_three_retries() {
    let (body, ms, log) = serve(
        &format!("{HTTP}listen http-in\n bind *:80\n server s1 127.0.0.1:8776\n"),
        "/",
    );
    assert_eq!(body.as_bytes(), error_page_v2(503, false).as_slice());
    assert_eq!(ms, 3000, "retries 3, min(timeout connect, 1s) apart");
    assert_eq!(log.len(), 4);
}

/// Issue 10: `retries 2147483647` with the backend down ran for minutes
/// and ran out of memory (two trace steps per attempt). The attempts past
/// the first few meet the same refusal and are summed: the answer comes
/// after 2^31 - 1 seconds of retries, from a bounded amount of work.
#[test]
fn huge_retries_are_summed_not_made_one_by_one() {
    let check = |retries: &str, connect: &str, secs: u64| {
        let cfg = format!(
            "defaults\n mode http\n timeout connect {connect}\n retries {retries}\nlisten http-in\n bind *:80\n server s1 127.0.0.1:8776\n"
        );
        let config = parse(&cfg, Version::V2_6);
        let mut hx = Running::new(config, SimTime::ZERO);
        let mut up = Fake { log: Vec::new() };
        let req = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        let ip = IpAddr::V4(Ipv4Addr::new(10, 244, 1, 4));
        let h = hx.handle(ip, 80, req, SimTime::ZERO, &mut up);
        assert_eq!(h.bytes, error_page_v2(503, false), "retries {retries}");
        assert_eq!(h.elapsed.as_secs(), secs, "retries {retries}");
        assert!(up.log.len() <= 8, "{} attempts made", up.log.len());
        assert!(h.steps.len() <= 20, "{} steps", h.steps.len());
    };
    check("2147483647", "24d", 2_147_483_647);
    check("4294967295", "5s", 4_294_967_295);
    check("7", "500ms", 3);
    // A few are still made one by one, as before.
    check("3", "5s", 3);
}

#[test]
fn server_without_port_loops_to_itself() {
    let (body, ms, _) = serve(
        &format!("{HTTP}listen http-in\n bind *:80\n server s1 127.0.0.1 maxconn 32\n"),
        "/",
    );
    assert!(body.starts_with("HTTP/1.1 503"));
    assert_eq!(ms, 5000, "timeout queue defaults to timeout connect");
}

#[test]
fn rules_deny_redirect_and_use_backend() {
    let cfg = format!(
        "{HTTP}frontend f\n bind :80\n acl admin path_beg /admin\n acl old path /old\n http-request deny if admin\n redirect location /new if old\n use_backend fruits if {{ path_beg /api }}\n default_backend fruits\nbackend fruits\n server s1 127.0.0.1:8775\n"
    );
    assert!(
        serve(&cfg, "/admin/x")
            .0
            .starts_with("HTTP/1.1 403 Forbidden\r\n")
    );
    assert!(serve(&cfg, "/old").0.contains("location: /new\r\n"));
    assert!(serve(&cfg, "/").0.ends_with("fruit"));
}

#[test]
fn roundrobin_skips_nothing_without_checks() {
    let config = parse(
        &format!(
            "{HTTP}listen a\n bind :80\n balance roundrobin\n server s1 127.0.0.1:8775\n server s2 127.0.0.1:9999\n"
        ),
        Version::V2_6,
    );
    let mut hx = Running::new(config, SimTime::ZERO);
    let mut up = Fake { log: Vec::new() };
    let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let statuses: Vec<String> = (0..4)
        .map(|_| {
            let h = hx.handle(ip, 80, b"GET / HTTP/1.1\r\n\r\n", SimTime::ZERO, &mut up);
            String::from_utf8_lossy(&h.bytes[..12]).into_owned()
        })
        .collect();
    assert_eq!(
        statuses,
        [
            "HTTP/1.0 200",
            "HTTP/1.1 503",
            "HTTP/1.0 200",
            "HTTP/1.1 503"
        ]
    );
    // With `check`, the dead server goes DOWN after fall × inter and is skipped.
    let config = parse(
        &format!(
            "{HTTP}listen a\n bind :80\n server s1 127.0.0.1:8775 check\n server s2 127.0.0.1:9999 check\n"
        ),
        Version::V2_6,
    );
    let mut hx = Running::new(config, SimTime::ZERO);
    let ok = (0..4).all(|_| {
        let h = hx.handle(
            ip,
            80,
            b"GET / HTTP/1.1\r\n\r\n",
            SimTime::from_secs(60),
            &mut up,
        );
        h.bytes.starts_with(b"HTTP/1.0 200")
    });
    assert!(ok);
}

#[test]
fn error_pages_per_version() {
    // 1.7 sends the raw HTTP/1.0 message; 2.x re-encodes it (a run of 2.6).
    let cfg = format!("{HTTP}listen a\n bind :80\n server s1 127.0.0.1:8776\n");
    let c17 = parse(&cfg, Version::V1_7);
    let mut hx = Running::new(c17, SimTime::ZERO);
    let mut up = Fake { log: Vec::new() };
    let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let req = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    let h = hx.handle(ip, 80, req, SimTime::ZERO, &mut up);
    assert_eq!(h.bytes, error_page(503));
    let mut hx = Running::new(parse(&cfg, Version::V2_6), SimTime::ZERO);
    let h = hx.handle(ip, 80, b"GET / HTTP/1.0\r\n\r\n", SimTime::ZERO, &mut up);
    assert_eq!(
        String::from_utf8(h.bytes).unwrap(),
        "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 107\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n"
    );
}

#[test]
fn a_checked_dead_server_goes_down_at_its_first_probe() {
    // Two checked servers: the second is first probed at inter × 1/2 = 1 s.
    let cfg = format!(
        "{HTTP}listen a\n bind :80\n server s1 127.0.0.1:8775 check\n server s2 127.0.0.1:9999 check\n"
    );
    let mut hx = Running::new(parse(&cfg, Version::V2_6), SimTime::ZERO);
    let up = Fake { log: Vec::new() };
    let s2 = hx.config.proxies[0].servers[1].clone();
    assert!(hx.server_is_up(&s2, SimTime::from_millis(999), &up));
    assert!(!hx.server_is_up(&s2, SimTime::from_millis(1000), &up));
    let mut up = up;
    let h = hx.handle(
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        80,
        b"GET / HTTP/1.1\r\n\r\n",
        SimTime::from_secs(2),
        &mut up,
    );
    assert!(h.bytes.starts_with(b"HTTP/1.0 200"));
}

#[test]
fn a_slow_server_past_timeout_server_is_a_504() {
    let cfg = "defaults\n mode http\n timeout connect 5s\n timeout client 5s\n timeout server 1ms\nlisten a\n bind :80\n server s1 127.0.0.1:8775\n";
    let (body, ms, _) = serve(cfg, "/");
    assert!(
        body.starts_with("HTTP/1.1 504 Gateway Time-out\r\n"),
        "{body}"
    );
    assert_eq!(ms, 1);
}

#[test]
fn a_bind_in_a_backend_still_listens() {
    let got = run_check(
        "defaults\n timeout connect 1s\n timeout server 1s\nbackend b\n bind :80\n server s1 127.0.0.1:8775\n",
        Version::V2_6,
    );
    assert!(got.contains("'bind' ignored because backend 'b' has no frontend capability."));
    assert!(
        got.ends_with("Configuration file is valid\nexit 0"),
        "{got}"
    );
}

#[test]
fn a_default_backend_in_a_backend_is_still_checked() {
    let got = run_check(
        "defaults\n timeout connect 1s\n timeout server 1s\n timeout client 1s\nbackend b\n default_backend other\n server s1 127.0.0.1:8775\nfrontend f\n bind :80\n default_backend b\n",
        Version::V2_6,
    );
    assert!(
        got.contains("'default_backend' ignored because backend 'b' has no frontend capability."),
        "{got}"
    );
    assert!(
        got.contains("Proxy 'b': unable to find required default_backend: 'other'."),
        "{got}"
    );
    assert!(got.ends_with("exit 1"), "{got}");
}

#[test]
fn version_1_7_takes_what_2_x_refuses() {
    // `listen name addr:port` and the pre-2.1 timeouts were valid in 1.7.
    assert_eq!(
        run_check(
            "listen a *:80\n contimeout 5000\n clitimeout 5000\n srvtimeout 5000\n",
            Version::V1_7
        ),
        "Configuration file is valid\nexit 0"
    );
}

#[test]
fn anonymous_acls_redirect_codes_and_redispatch() {
    // Each was a disagreement with a run of 2.6 (corpus 84, 86, 88, 91).
    let cfg = format!(
        "{HTTP}frontend f\n bind :80\n redirect location /new code 301 if {{ path /old }}\n http-request deny if {{ path_beg /admin }}\n default_backend b\nbackend b\n server s1 127.0.0.1:8775\n"
    );
    assert_eq!(
        serve(&cfg, "/old").0,
        "HTTP/1.1 301 Moved Permanently\r\ncontent-length: 0\r\nlocation: /new\r\n\r\n"
    );
    assert!(
        serve(&cfg, "/admin/x")
            .0
            .starts_with("HTTP/1.1 403 Forbidden")
    );
    assert!(serve(&cfg, "/").0.ends_with("fruit"));
    // The dead s2 comes second: with `option redispatch` its retry goes at
    // once to s1; `no option redispatch` turns that off again.
    let two = "listen a\n bind :80\n server s1 127.0.0.1:8775\n server s2 127.0.0.1:8776\n";
    let second = |extra: &str| {
        let cfg = format!(
            "{HTTP} option redispatch\n{}",
            two.replace(" bind :80\n", &format!(" bind :80\n{extra}"))
        );
        let mut hx = Running::new(parse(&cfg, Version::V2_6), SimTime::ZERO);
        let mut up = Fake { log: Vec::new() };
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let _ = hx.handle(ip, 80, b"GET / HTTP/1.1\r\n\r\n", SimTime::ZERO, &mut up);
        let h = hx.handle(ip, 80, b"GET / HTTP/1.1\r\n\r\n", SimTime::ZERO, &mut up);
        (
            String::from_utf8_lossy(&h.bytes[..12]).into_owned(),
            h.elapsed.as_millis(),
        )
    };
    assert_eq!(second(""), ("HTTP/1.0 200".to_string(), 3));
    assert_eq!(
        second(" no option redispatch\n"),
        ("HTTP/1.1 503".to_string(), 3000)
    );
}

#[test]
fn http_rules_in_tcp_mode_and_weight_zero() {
    let got = run_check(
        "defaults\n timeout connect 1s\n timeout client 1s\n timeout server 1s\nfrontend f\n mode tcp\n bind :80\n http-request deny\n default_backend b\nbackend b\n server s1 127.0.0.1:8775\n",
        Version::V2_6,
    );
    assert!(got.contains("[WARNING]  (1) : config : 'http-request' rules ignored for frontend 'f' as they require HTTP mode.\n"), "{got}");
    let (body, ms, log) = serve(
        &format!("{HTTP}listen a\n bind :80\n server s1 127.0.0.1:8775 weight 0\n"),
        "/",
    );
    assert!(body.starts_with("HTTP/1.1 503"), "{body}");
    assert_eq!((ms, log.len()), (0, 0));
}

/// Each step of a handled request carries its outcome as data (issue 8:
/// the trace's colours used to come from searching the step's text).
#[test]
fn steps_carry_typed_outcomes() {
    use crate::model::base::outcome::Outcome;
    let check = |servers: &str, expect: &[Outcome]| {
        let config = parse(
            &format!("{HTTP}listen http-in\n bind *:80\n{servers}"),
            Version::V2_6,
        );
        let mut hx = Running::new(config, SimTime::ZERO);
        let mut up = Fake { log: Vec::new() };
        let ip = IpAddr::V4(Ipv4Addr::new(10, 244, 1, 4));
        let h = hx.handle(ip, 80, b"GET / HTTP/1.1\r\n\r\n", SimTime::ZERO, &mut up);
        let got: Vec<Outcome> = h.steps.iter().map(|s| s.outcome).collect();
        assert_eq!(got, expect, "{servers}: {:?}", h.steps);
    };
    use Outcome::*;
    check(" server s1 127.0.0.1:8775\n", &[Passed, Passed]);
    check(
        " retries 1\n server s1 127.0.0.1:8776\n",
        &[Passed, Passed, Refused, Passed, Refused, Http(503)],
    );
    check(" server s1 127.0.0.1\n", &[Passed, Passed, Loop]);
    // Text that says neither "refused" nor "503" is a failure all the same.
    check(" server s1 nowhere.invalid:80\n", &[Passed, Unresolved]);
    check(" server s1 127.0.0.1:8775 weight 0\n", &[Passed, NoServer]);
}

/// build_acl_cond(): every `!` toggles the negation, a lone `!` carries it
/// to the next word (podlab took one `!` and looked for an ACL named
/// `!!…a`).
#[test]
fn every_bang_toggles_the_negation() {
    let cases = [
        ("admin", true),
        ("!admin", false),
        ("!!admin", true),
        ("! admin", false),
        ("! ! admin", true),
        ("!!!{ path_beg /admin }", false),
    ];
    for (cond, denied) in cases {
        let cfg = format!(
            "{HTTP}frontend f\n bind :80\n acl admin path_beg /admin\n http-request deny if {cond}\n default_backend fruits\nbackend fruits\n server s1 127.0.0.1:8775\n"
        );
        let answer = serve(&cfg, "/admin/x").0;
        assert_eq!(answer.starts_with("HTTP/1.1 403"), denied, "{cond}");
    }
    let bangs = format!("{}admin", "!".repeat(10_000));
    assert!(serve(&format!("{HTTP}frontend f\n bind :80\n acl admin path_beg /admin\n http-request deny if {bangs}\n default_backend fruits\nbackend fruits\n server s1 127.0.0.1:8775\n"), "/admin").0.starts_with("HTTP/1.1 403"));
}
