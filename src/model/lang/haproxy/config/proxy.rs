//! The keywords of `defaults`, `listen`, `frontend` and `backend`, as
//! HAProxy's src/cfgparse-listen.c reads them (`cfg_parse_listen()`): which
//! section may hold which keyword, `mode`, `retries`, `option`,
//! `default_backend` and `use_backend`; `bind` with its addresses
//! (`str2listener()` in src/cfgparse.c) and options (src/listener.c);
//! `timeout` (`proxy_parse_timeout()` in src/proxy.c) and `balance`
//! (`backend_parse_balance()` in src/backend.c). Servers, ACLs and HTTP rules
//! have their own files, as in HAProxy.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Balance, Bind, BindAddr, LogFormat, Mode, Parser, Proxy, ProxyKind, UseBackend, atoi};
use crate::model::lang::haproxy::keywords::{self, BE};
use crate::model::lang::haproxy::lex::Line;
use crate::model::lang::haproxy::message::Form;

impl Parser<'_> {
    pub(super) fn proxy_keyword(&mut self, px: &mut Proxy, line: &Line) {
        let kw = line.arg(0);
        if kw == "no" && line.arg(1) == "option" {
            // `no option X` turns an option off (`KWM_NO` in src/cfgparse.c).
            self.option(px, line, true);
            return;
        }
        if kw == "no" && line.arg(1) == "log" {
            // `no log`: no log address, also none inherited from `defaults`.
            px.log_address = false;
            return;
        }
        if let Some((_, since, text)) = keywords::REMOVED.iter().find(|(k, ..)| *k == kw) {
            if self.version.at_least(since.0, since.1) {
                self.alert(Form::Parsing, line, line.span_of(0), text.to_string());
            } else if let Some(slot) = match kw {
                // Before 2.1, the old names of `timeout client/connect/server`.
                "clitimeout" => Some(&mut px.timeouts.client),
                "contimeout" => Some(&mut px.timeouts.connect),
                "srvtimeout" => Some(&mut px.timeouts.server),
                _ => None,
            } {
                match self.time(line, line.arg(1)) {
                    Ok(t) => *slot = Some(t),
                    Err(c) => self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(1),
                        format!("unexpected character '{c}' in '{kw}'"),
                    ),
                }
            } else {
                self.unmodelled(line, format!("'{kw}'"));
            }
            return;
        }
        if kw == "monitor-net" || kw == "grace" {
            // Removed in 2.4 and 2.5, with their own wording (a run of 2.6).
            let since = if kw == "grace" { (2, 5) } else { (2, 4) };
            if !self.version.at_least(since.0, since.1) {
                self.unmodelled(line, format!("'{kw}'"));
            } else if kw == "grace" {
                self.alert(
                    Form::ParsingTight,
                    line,
                    line.span_of(0),
                    "the 'grace' keyword is not supported any more since HAProxy version 2.5."
                        .into(),
                );
            } else {
                self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(0),
                    format!(
                        "'monitor-net' doesn't exist anymore. Please use 'http-request return status 200 if {{ src {} }}' instead.",
                        line.arg(1)
                    ),
                );
            }
            return;
        }
        let Some(def) = keywords::PROXY_KEYWORDS.iter().find(|k| k.name == kw) else {
            let hint = if self.version.at_least(2, 0) {
                keywords::best_match(
                    kw,
                    keywords::PROXY_KEYWORDS
                        .iter()
                        .map(|k| k.name)
                        .chain(keywords::PROXY_COMMON.iter().copied()),
                )
            } else {
                None
            };
            self.unknown_keyword(line, px.kind.keyword(), hint);
            return;
        };
        let caps = px.kind.caps();
        if def.caps & caps == 0 {
            match px.kind {
                // 2.6 takes HTTP rules in a named `defaults` section.
                ProxyKind::Defaults
                    if self.version.at_least(2, 6)
                        && matches!(
                            kw,
                            "http-request" | "http-response" | "http-after-response"
                        ) =>
                {
                    if px.name.is_empty() {
                        self.alert(
                            Form::Parsing,
                            line,
                            line.span_of(0),
                            format!("'{kw}' not allowed in anonymous 'defaults' section."),
                        );
                    } else {
                        self.unmodelled(line, format!("'{kw}' in a named 'defaults' section"));
                    }
                    return;
                }
                ProxyKind::Defaults => self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(0),
                    format!("'{kw}' not allowed in 'defaults' section."),
                ),
                _ if def.caps & BE != 0 => self.backend_keyword_in_frontend(px, line),
                kind => {
                    let hint = if kw == "maxconn" {
                        " Maybe you want 'fullconn' instead ?"
                    } else {
                        ""
                    };
                    self.warn(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        format!(
                            "'{kw}' ignored because {} '{}' has no frontend capability.{hint}",
                            kind.type_str(),
                            px.name
                        ),
                    )
                }
            }
            // `warnifnotcap()` only warns, and the keyword still takes
            // effect (a run of 2.6: a `bind` in a backend listens, and its
            // `default_backend` is still checked).
            let warned = px.kind != ProxyKind::Defaults && def.caps & BE == 0;
            if !warned {
                return;
            }
            if kw == "bind" {
                self.unmodelled(
                    line,
                    "'bind' in a backend (HAProxy listens there and never answers)".into(),
                );
            }
        }
        // What only HTTP mode uses, for the checks after reading.
        match kw {
            "cookie" => px.http_only.cookie = true,
            "monitor-uri" => px.http_only.monitor_uri = true,
            "http-response" => px.http_only.http_response = true,
            "http-after-response" => px.http_only.http_after_response = true,
            "stats" if STATS_PAGE.contains(&line.arg(1)) => px.http_only.stats = true,
            _ => {}
        }
        if !def.modelled {
            self.unmodelled(line, format!("'{kw}'"));
            return;
        }
        match kw {
            "mode" => match line.arg(1) {
                "http" => px.mode = Mode::Http,
                "tcp" => px.mode = Mode::Tcp,
                "health" if self.version.at_least(2, 4) => self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(1),
                    "'mode health' doesn't exist anymore. Please use 'http-request return status 200' instead.".into(),
                ),
                other => self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(1),
                    format!("unknown proxy mode '{other}'."),
                ),
            },
            "bind" => self.bind(px, line),
            "server" => self.server(px, line),
            "default-server" => self.default_server(px, line),
            "timeout" => self.timeout(px, line),
            "retries" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'retries' expects an integer value".into(),
                    );
                } else {
                    px.retries = atoi(line.arg(1)).max(0) as u32;
                }
            }
            "maxconn" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'maxconn' expects an integer argument.".into(),
                    );
                } else {
                    px.maxconn = Some(atoi(line.arg(1)).max(0) as u32);
                }
            }
            "balance" => self.balance(px, line),
            "default_backend" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'default_backend' expects a backend name.".into(),
                    );
                } else {
                    px.default_backend = Some((line.arg(1).to_string(), line.number));
                    // `alertif_too_many_args_idx(1, 0)`, once the name is set.
                    if !line.arg(2).is_empty() {
                        self.alert(
                            Form::Parsing,
                            line,
                            line.span_of(2),
                            format!(
                                "'default_backend' cannot handle unexpected argument '{}'.",
                                line.arg(2)
                            ),
                        );
                    }
                }
            }
            "use_backend" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'use_backend' expects a backend name.".into(),
                    );
                    return;
                }
                match self.cond(
                    px,
                    line,
                    2,
                    ("error detected while parsing switching rule : ", false),
                ) {
                    Ok(cond) => px.use_backends.push(UseBackend {
                        backend: line.arg(1).to_string(),
                        cond,
                        line: line.number,
                        span: line.span_of(1),
                    }),
                    Err(e) => self.alert(Form::Parsing, line, line.span, e),
                }
            }
            "acl" => self.acl(px, line),
            "http-request" => self.http_request(px, line),
            "redirect" => self.redirect(px, line),
            "option" => self.option(px, line, false),
            "disabled" | "enabled" => {
                if !line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(1),
                        format!(
                            "'{kw}' cannot handle unexpected argument '{}'.",
                            line.arg(1)
                        ),
                    );
                    return;
                }
                px.disabled = kw == "disabled";
            }
            "log" => {
                if line.arg(1) == "global" {
                    px.log_address = self.cfg.global.log;
                } else {
                    px.log_address = true;
                }
                self.unmodelled(line, format!("'{kw}'"));
            }
            "log-format" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        format!("{kw} expects an argument."),
                    );
                    return;
                }
                if !line.arg(2).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(2),
                        format!("{kw} expects only one argument, don't forget to escape spaces!"),
                    );
                    return;
                }
                self.set_log_format(px, line, LogFormat::Custom, "log-format");
                self.log_format_in_backend(px, line, "log-format");
                self.unmodelled(line, format!("'{kw}'"));
            }
            "description" => {}
            _ => self.unmodelled(line, format!("'{kw}'")),
        }
    }

    /// A backend keyword in a proxy without the backend capability: most
    /// warn and are ignored (`warnifnotcap()`), the server lines are refused
    /// (`failifnotcap()` in src/server.c), and a few have wordings of their
    /// own (a run of 2.6 for each).
    fn backend_keyword_in_frontend(&mut self, px: &Proxy, line: &Line) {
        let kw = line.arg(0);
        let (ty, name) = (px.kind.type_str(), px.name.as_str());
        let span = line.span_of(0);
        match kw {
            "server" | "default-server" | "server-template" => self.alert(
                Form::LocatedParsing,
                line,
                span,
                format!("'{kw}' not allowed because {ty} '{name}' has no backend capability."),
            ),
            "retry-on" | "use-fcgi-app" => self.alert(
                Form::Parsing,
                line,
                span,
                format!("'{kw}' only available in backend or listen section"),
            ),
            "tcp-response" => self.alert(
                Form::Parsing,
                line,
                span,
                format!(
                    "tcp-response {} is only allowed in 'backend' sections or 'defaults' section with a name",
                    line.arg(1)
                ),
            ),
            "srvtcpka-cnt" | "srvtcpka-idle" | "srvtcpka-intvl" | "max-keep-alive-queue" => self
                .warn(
                    Form::Parsing,
                    line,
                    span,
                    format!("{kw} will be ignored because {ty} '{name}' has no backend capability"),
                ),
            // Taken without a word at this point.
            "persist" | "external-check" => self.unmodelled(line, format!("'{kw}'")),
            _ => {
                let hint = if kw == "fullconn" {
                    " Maybe you want 'maxconn' instead ?"
                } else {
                    ""
                };
                self.warn(
                    Form::Parsing,
                    line,
                    span,
                    format!(
                        "'{kw}' ignored because {ty} '{name}' has no backend capability.{hint}"
                    ),
                );
            }
        }
    }

    pub(super) fn bind(&mut self, px: &mut Proxy, line: &Line) {
        let spec = line.arg(1);
        if spec.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                "'bind' expects {<path>|[addr1]:port1[-end1]}{,[addr]:port[-end]}... as arguments."
                    .into(),
            );
            return;
        }
        let mut addrs = Vec::new();
        for part in spec.split(',') {
            match parse_bind_addr(part) {
                Ok(mut a) => addrs.append(&mut a),
                Err(e) => {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(1),
                        format!("'bind' : {e}"),
                    );
                    return;
                }
            }
        }
        let mut bind = Bind {
            line: line.number,
            span: line.span,
            text: spec.to_string(),
            addrs,
            v4v6: false,
            v6only: false,
        };
        let mut i = 2;
        while i < line.words.len() {
            let opt = line.arg(i);
            match opt {
                "v4v6" => bind.v4v6 = true,
                "v6only" => bind.v6only = true,
                "name" => i += 1,
                _ => match keywords::BIND_KEYWORDS.iter().find(|(k, _)| *k == opt) {
                    Some((_, takes_arg)) => {
                        self.unmodelled(line, format!("bind option '{opt}'"));
                        if *takes_arg {
                            i += 1;
                        }
                    }
                    None => {
                        let hint = keywords::best_match(
                            opt,
                            keywords::BIND_KEYWORDS.iter().map(|(k, _)| *k),
                        );
                        let section = px.kind.keyword();
                        let text = match hint {
                            Some(h) if self.version.at_least(2, 0) => format!(
                                "'bind {spec}' in section '{section}': unknown keyword '{opt}'; did you mean '{h}' maybe ?"
                            ),
                            _ => format!(
                                "'bind {spec}' in section '{section}': unknown keyword '{opt}'."
                            ),
                        };
                        self.alert(Form::Parsing, line, line.span_of(i), text);
                        return;
                    }
                },
            }
            i += 1;
        }
        px.binds.push(bind);
    }

    pub(super) fn timeout(&mut self, px: &mut Proxy, line: &Line) {
        let which = line.arg(1);
        if !keywords::TIMEOUTS.contains(&which) {
            let list = keywords::TIMEOUTS
                .iter()
                .map(|t| format!("'{t}'"))
                .collect::<Vec<_>>();
            let (last, head) = list.split_last().expect("non-empty");
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!(
                    "'timeout' supports {} and {last} (got '{which}')",
                    head.join(", ")
                ),
            );
            return;
        }
        let value = line.arg(2);
        if value.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!("'timeout {which}' expects an integer value (in milliseconds)"),
            );
            return;
        }
        if !line.arg(3).is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(3),
                format!(
                    "'timeout {which}' : unexpected extra argument '{}' after value '{value}'.",
                    line.arg(3)
                ),
            );
            return;
        }
        let t = match self.time(line, value) {
            Ok(t) => t,
            Err(c) => {
                self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(2),
                    format!("unexpected character '{c}' in 'timeout {which}'"),
                );
                return;
            }
        };
        if let Some(range) = super::timer_out_of_range(value) {
            let text = match range {
                super::TimerRange::Over => format!(
                    "timer overflow in argument '{value}' to 'timeout {which}' (maximum value is 2147483647 ms or ~24.8 days)"
                ),
                super::TimerRange::Under => format!(
                    "timer underflow in argument '{value}' to 'timeout {which}' (minimum non-null value is 1 ms)"
                ),
            };
            self.alert(Form::Parsing, line, line.span_of(2), text);
            return;
        }
        let fe_only = which == "client"
            || which == "client-fin"
            || which == "http-request"
            || which == "http-keep-alive";
        let be_only = matches!(
            which,
            "connect" | "server" | "queue" | "check" | "tunnel" | "server-fin"
        );
        if (fe_only && !px.kind.is_frontend() && px.kind != ProxyKind::Defaults)
            || (be_only && !px.kind.is_backend() && px.kind != ProxyKind::Defaults)
        {
            let (cap, _) = if fe_only {
                ("frontend", 0)
            } else {
                ("backend", 0)
            };
            self.warn(
                Form::Parsing,
                line,
                line.span_of(1),
                format!(
                    "'timeout {which}' will be ignored because {} '{}' has no {cap} capability",
                    px.kind.type_str(),
                    px.name
                ),
            );
            return;
        }
        // HAProxy keeps the timer in milliseconds, and 0 is TICK_ETERNITY:
        // no timeout set (so `timeout client 0` is a missing timeout).
        let t = match super::c_timer_ms(value) {
            Some((_, 0)) => None,
            Some((_, ms)) => Some(crate::model::base::time::SimDuration::from_millis(ms)),
            None => Some(t),
        };
        match which {
            "connect" => px.timeouts.connect = t,
            "client" => px.timeouts.client = t,
            "server" => px.timeouts.server = t,
            "queue" => px.timeouts.queue = t,
            "check" => px.timeouts.check = t,
            other => self.unmodelled(line, format!("'timeout {other}'")),
        }
    }

    pub(super) fn balance(&mut self, px: &mut Proxy, line: &Line) {
        let a = line.arg(1);
        px.http_only.l7_hash = a == "uri" || a == "url_param" || a.starts_with("hdr(");
        px.balance = match line.arg(1) {
            "roundrobin" => Balance::RoundRobin,
            "static-rr" => Balance::StaticRr,
            "leastconn" => Balance::LeastConn,
            "first" => Balance::First,
            a if a == "source"
                || a == "uri"
                || a == "url_param"
                || a == "random"
                || a.starts_with("hdr(")
                || a.starts_with("rdp-cookie") =>
            {
                self.unmodelled(line, format!("'balance {a}'"));
                Balance::Other
            }
            _ => {
                self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(1),
                    "balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.".into(),
                );
                return;
            }
        };
    }
}

/// A `bind` address: `*:80`, `:80`, `0.0.0.0:80`, `127.0.0.1:80`, `:::80`,
/// with `a-b` port ranges. Ports are read as HAProxy 2.x does (digits first,
/// junk after them ignored, 1-65535).
pub(super) fn parse_bind_addr(s: &str) -> Result<Vec<BindAddr>, String> {
    let Some(colon) = s.rfind(':') else {
        return Err(format!("missing port specification in '{s}'"));
    };
    let (host, ports) = (&s[..colon], &s[colon + 1..]);
    // `str2sa_range()` (src/tools.c) reads the port before the address.
    match ports.chars().next() {
        Some('+' | '-') => return Err(format!("port offset not permitted here in '{s}'")),
        Some(c) if !c.is_ascii_digit() => {
            return Err(format!(
                "invalid character '{c}' in port number '{ports}' in '{s}'"
            ));
        }
        _ => {}
    }
    let ip: IpAddr = match host {
        "" | "*" | "0.0.0.0" => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        "::" | "[::]" => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
        h => match h
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            Ok(ip) => ip,
            Err(_) if h == "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
            Err(_) => return Err(format!("invalid address: '{h}' in '{s}'")),
        },
    };
    let (lo, hi) = match ports.split_once('-') {
        Some((a, b)) => (atoi(a), atoi(b)),
        None => (atoi(ports), atoi(ports)),
    };
    if ports.is_empty() {
        return Err(format!("missing port specification in '{s}'"));
    }
    for p in [lo, hi] {
        if !(1..=65535).contains(&p) {
            return Err(format!(
                "invalid port '{}'",
                if lo == hi {
                    ports.to_string()
                } else {
                    p.to_string()
                }
            ));
        }
    }
    if hi < lo {
        return Err(format!("invalid port range '{ports}'"));
    }
    Ok((lo..=hi)
        .map(|port| BindAddr {
            ip,
            port: port as u16,
        })
        .collect())
}

/// The `stats` words that set up the statistics page (`stats_set_*()` on
/// the proxy's `uri_auth`, src/cfgparse-listen.c).
const STATS_PAGE: &[&str] = &[
    "admin",
    "auth",
    "enable",
    "hide-version",
    "http-request",
    "realm",
    "refresh",
    "scope",
    "show-desc",
    "show-legends",
    "show-node",
    "uri",
];
