//! What HAProxy checks once the whole file is read
//! (`check_config_validity()` in src/cfgparse.c, then server address
//! resolution), and the output of `haproxy -c`.

use std::net::IpAddr;

use super::config::{Config, LogFormat, Mode, Proxy};
use super::keywords::{self, BE, FE};
use super::message::{Form, Level, Message, Printer, Stage};

/// Resolves a server's host name as the container would (its /etc/hosts).
pub type Resolver<'a> = &'a dyn Fn(&str) -> Option<IpAddr>;

/// Add the post-parse messages to `cfg`. Returns whether a listener exists.
pub fn validity(cfg: &mut Config, resolve: Resolver<'_>) {
    if cfg.has_errors() {
        // HAProxy stops after a failed read, before these checks.
        return;
    }
    let mut found = Vec::new();
    // One proxy after the other, each with its checks in HAProxy's order;
    // a disabled proxy is skipped.
    for px in cfg.proxies.iter().filter(|p| !p.disabled) {
        if px.mode == Mode::Tcp {
            // `proxy_cfg_ensure_no_http()` (src/proxy.c), at the line that
            // set the format.
            let fallback = match px.log_format {
                Some((LogFormat::Http | LogFormat::HttpClf, line)) => Some(("httplog", line)),
                Some((LogFormat::Https, line)) => Some(("httpslog", line)),
                _ => None,
            };
            let ignored = |what: &str| {
                Message::warning(
                    Form::Plain,
                    Some(px.line),
                    px.span,
                    format!(
                        "{what} for {} '{}' (needs 'mode http').",
                        px.kind.type_str(),
                        px.name
                    ),
                )
            };
            if px.http_only.cookie {
                found.push(ignored("cookie will be ignored"));
            }
            if px.http_only.monitor_uri {
                found.push(ignored("monitor-uri will be ignored"));
            }
            if px.http_only.l7_hash && px.is_backend() {
                found.push(Message::warning(
                    Form::Plain,
                    Some(px.line),
                    px.span,
                    format!(
                        "Layer 7 hash not possible for {} '{}' (needs 'mode http'). Falling back to round robin.",
                        px.kind.type_str(),
                        px.name
                    ),
                ));
            }
            if let Some((option, line)) = fallback {
                found.push(Message::warning(
                    Form::Parsing,
                    Some(line),
                    px.span,
                    format!(
                        "'option {option}' not usable with {} '{}' (needs 'mode http'). Falling back to 'option tcplog'.",
                        px.kind.type_str(),
                        px.name
                    ),
                ));
            }
        }
        if px.is_frontend() && px.binds.is_empty() {
            found.push(Message::warning(
                Form::Plain,
                Some(px.line),
                px.span,
                format!(
                    "{} '{}' has no 'bind' directive. Please declare it as a backend if this was intended.",
                    px.kind.type_str(),
                    px.name
                ),
            ));
        }
        // Also in a backend, where `default_backend` was "ignored" with a
        // warning but is still checked (a run of 2.6).
        if let Some((name, line)) = &px.default_backend {
            let text = match cfg.backend(name) {
                None => Some(format!(
                    "Proxy '{}': unable to find required default_backend: '{name}'.",
                    px.name
                )),
                Some(be) if be.name == px.name => Some(format!(
                    "Proxy '{}': loop detected for default_backend: '{name}'.",
                    px.name
                )),
                Some(be) if incompatible(px, be) => Some(format!(
                    "{} as its default backend (see 'mode').",
                    uses_incompatible(px, be)
                )),
                Some(_) => {
                    if !px.servers.is_empty() {
                        found.push(Message::warning(
                            Form::Plain,
                            Some(*line),
                            px.span,
                            format!(
                                "In proxy '{}', the 'default_backend' rule always has precedence over the servers, which will never be used.",
                                px.name
                            ),
                        ));
                    }
                    None
                }
            };
            if let Some(text) = text {
                found.push(Message::alert(Form::Plain, Some(*line), px.span, text));
            }
        }
        for ub in &px.use_backends {
            if ub.backend.contains('%') {
                continue;
            }
            let text = match cfg.backend(&ub.backend) {
                None => format!(
                    "Proxy '{}': unable to find required use_backend: '{}'.",
                    px.name, ub.backend
                ),
                Some(be) if be.name == px.name => format!(
                    "Proxy '{}': loop detected for use_backend: '{}'.",
                    px.name, ub.backend
                ),
                Some(be) if incompatible(px, be) => format!(
                    "{} in a 'use_backend' rule (see 'mode').",
                    uses_incompatible(px, be)
                ),
                Some(_) => continue,
            };
            found.push(Message::alert(Form::Plain, Some(ub.line), ub.span, text));
        }
        let fe_missing = px.is_frontend() && px.timeouts.client.is_none();
        let be_missing = px.is_backend()
            && !px.servers.is_empty()
            && (px.timeouts.connect.is_none() || px.timeouts.server.is_none());
        if fe_missing || be_missing {
            found.push(Message::warning(
                Form::Plain,
                Some(px.line),
                px.span,
                format!(
                    "missing timeouts for {} '{}'.\n   | While not properly invalid, you will certainly encounter various problems\n   | with such a configuration. To fix this, please ensure that all following\n   | timeouts are set to a non-zero value: 'client', 'connect', 'server'.",
                    px.kind.type_str(),
                    px.name
                ),
            ));
        }
        // `check_config_validity()`: the first earlier server of the same
        // name, for each server.
        for (i, s) in px.servers.iter().enumerate() {
            if let Some(other) = px.servers[..i].iter().find(|o| o.name == s.name) {
                found.push(Message::alert(
                    Form::Parsing,
                    Some(s.line),
                    s.span,
                    format!(
                        "{} '{}', another server named '{}' was already defined at line {}, please use distinct names.",
                        px.kind.type_str(),
                        px.name,
                        s.name,
                        other.line
                    ),
                ));
            }
        }
        if px.is_frontend() && !px.log_address && px.log_format.is_some() {
            found.push(Message::warning(
                Form::Plain,
                Some(px.line),
                px.span,
                format!(
                    "log format ignored for {} '{}' since it has no log address.",
                    px.kind.type_str(),
                    px.name
                ),
            ));
        }
        if px.mode == Mode::Tcp {
            found.extend(
                http_mode_only(px)
                    .into_iter()
                    .map(|text| Message::warning(Form::Plain, Some(px.line), px.span, text)),
            );
        }
    }
    cfg.messages
        .extend(found.into_iter().map(|m| m.at_stage(Stage::Check)));
    if cfg.has_errors() {
        return;
    }
    let mut unresolved = Vec::new();
    // `srv_init_addr()` in src/server.c: enabled backends only.
    for px in cfg.proxies.iter().filter(|p| p.is_backend() && !p.disabled) {
        for s in &px.servers {
            if s.host.parse::<IpAddr>().is_err() && resolve(&s.host).is_none() {
                unresolved.push(Message::alert(
                    Form::Located,
                    Some(s.line),
                    s.span,
                    format!(
                        "'server {}/{}' : could not resolve address '{}'.",
                        px.name, s.name, s.host
                    ),
                ));
            }
        }
    }
    if !unresolved.is_empty() {
        cfg.messages
            .extend(unresolved.into_iter().map(|m| m.at_stage(Stage::Resolve)));
        cfg.messages.push(
            Message::alert(
                Form::Plain,
                None,
                Default::default(),
                "Failed to initialize server(s) addr.".into(),
            )
            .at_stage(Stage::Resolve),
        );
    }
}

/// What a tcp proxy ignores because it needs HTTP mode, in the order of
/// `check_config_validity()` (src/cfgparse.c).
fn http_mode_only(px: &Proxy) -> Vec<String> {
    let (ty, name) = (px.kind.type_str(), &px.name);
    let mut out = Vec::new();
    if px.http_only.stats {
        out.push(format!(
            "'stats' statement ignored for {ty} '{name}' as it requires HTTP mode."
        ));
    }
    for (set, what) in [
        (!px.http_request.is_empty(), "http-request"),
        (px.http_only.http_response, "http-response"),
        (px.http_only.http_after_response, "http-after-response"),
        (!px.redirects.is_empty(), "redirect"),
    ] {
        if set {
            out.push(format!(
                "'{what}' rules ignored for {ty} '{name}' as they require HTTP mode."
            ));
        }
    }
    let has = |o: &str| px.options.iter().any(|x| x == o);
    let caps = (if px.is_frontend() { FE } else { 0 }) | (if px.is_backend() { BE } else { 0 });
    let http_flags = keywords::OPTION_FLAGS
        .iter()
        .filter(|(n, cap)| HTTP_MODE_OPTIONS.contains(n) && caps & cap != 0)
        .map(|(n, _)| *n);
    for option in ["forwardfor", "originalto"].into_iter().chain(http_flags) {
        if has(option) {
            out.push(format!(
                "'option {option}' ignored for {ty} '{name}' as it requires HTTP mode."
            ));
        }
    }
    out
}

/// The flag options marked `PR_MODE_HTTP` in `cfg_opts[]` and `cfg_opts2[]`
/// (HAProxy 2.6's src/proxy.c).
const HTTP_MODE_OPTIONS: &[&str] = &[
    "checkcache",
    "http-buffer-request",
    "http-ignore-probes",
    "idle-close-on-response",
    "prefer-last-server",
    "accept-invalid-http-request",
    "accept-invalid-http-response",
    "http-use-proxy-header",
    "http-pretend-keepalive",
    "http-no-delay",
    "h1-case-adjust-bogus-client",
    "h1-case-adjust-bogus-server",
    "disable-h2-upgrade",
];

/// A backend whose mode the proxy cannot hand its traffic to: anything but
/// the same mode, or tcp to http.
fn incompatible(px: &Proxy, be: &Proxy) -> bool {
    px.mode != be.mode && !(px.mode == Mode::Tcp && be.mode == Mode::Http)
}

/// The start of HAProxy's "tries to use incompatible" alert.
fn uses_incompatible(px: &Proxy, be: &Proxy) -> String {
    let mode = |m: Mode| match m {
        Mode::Tcp => "tcp",
        Mode::Http => "http",
    };
    format!(
        "{} {} '{}' ({{file}}:{}) tries to use incompatible {} {} '{}' ({{file}}:{})",
        mode(px.mode),
        px.kind.type_str(),
        px.name,
        px.line,
        mode(be.mode),
        be.kind.type_str(),
        be.name,
        be.line
    )
}

/// Whether an enabled proxy has a listener (src/haproxy.c, `-c`'s last test).
pub fn has_listener(cfg: &Config) -> bool {
    cfg.proxies
        .iter()
        .any(|p| !p.disabled && !p.binds.is_empty())
}

/// What HAProxy printed and its exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: Vec<String>,
    pub stderr: Vec<String>,
    pub exit_code: i32,
}

/// The stderr lines for the messages of a read, each stage closed with
/// HAProxy's own line, as in src/haproxy.c's `init()`.
pub fn report(cfg: &Config, printer: &Printer, file: &str) -> Vec<String> {
    let mut out = Vec::new();
    let alert_line = |text: &str| format!("{}{text}", printer.prefix(Level::Alert));
    let of = |stage: Stage| cfg.messages.iter().filter(move |m| m.stage == stage);
    for m in of(Stage::Parse) {
        out.extend(printer.lines(m, file));
    }
    if of(Stage::Parse).any(|m| m.fatal) {
        out.push(alert_line(&format!(
            "Error(s) found in configuration file : {file}"
        )));
        // An aborted read exits at once; a failed one skips the checks.
        if !cfg.messages.iter().any(|m| m.abort) {
            out.push(alert_line("Fatal errors found in configuration."));
        }
        return out;
    }
    for m in of(Stage::Check) {
        out.extend(printer.lines(m, file));
    }
    if of(Stage::Parse).chain(of(Stage::Check)).any(|m| m.fatal) {
        out.push(alert_line("Fatal errors found in configuration."));
        return out;
    }
    for m in of(Stage::Resolve) {
        out.extend(printer.lines(m, file));
    }
    out
}

/// `haproxy -c -f FILE`.
pub fn check_mode(cfg: &Config, printer: &Printer, file: &str, version_string: &str) -> Output {
    let mut out = Output::default();
    let has_messages = !cfg.messages.is_empty();
    if has_messages && printer.version.at_least(2, 4) {
        for notice in [
            format!("haproxy version is {version_string}"),
            "path to executable is /usr/sbin/haproxy".to_string(),
        ] {
            out.stderr
                .extend(printer.lines(&Message::notice(notice), file));
        }
    }
    out.stderr.extend(report(cfg, printer, file));
    if cfg.has_errors() {
        out.exit_code = 1;
        return out;
    }
    if cfg.messages.iter().any(|m| m.level == Level::Warning) {
        out.stdout.push("Warnings were found.".into());
    }
    if has_listener(cfg) {
        out.stdout.push("Configuration file is valid".into());
    } else {
        out.stdout.push(
            "Configuration file has no error but will not start (no listener) => exit(2).".into(),
        );
        out.exit_code = 2;
    }
    out
}
