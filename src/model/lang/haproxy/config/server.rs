//! `server` and `default-server` lines, as HAProxy's src/server.c reads them
//! (`parse_server()` and the `srv_parse_*` keywords): the address and port,
//! the options podlab simulates (check, backup, disabled, maxconn, weight,
//! inter), the others kept as not modelled, and 2.6's wording for the wrong
//! ones.

use super::{DEFAULT_WEIGHT, Parser, Proxy, Server, ServerDefaults, atoi};
use crate::model::lang::haproxy::Version;
use crate::model::lang::haproxy::keywords;
use crate::model::lang::haproxy::lex::Line;
use crate::model::lang::haproxy::message::Form;

impl Parser<'_> {
    pub(super) fn server(&mut self, px: &mut Proxy, line: &Line) {
        let (name, addr) = (line.arg(1), line.arg(2));
        if name.is_empty() || addr.is_empty() {
            self.alert(
                Form::Located,
                line,
                line.span_of(0),
                "'server' expects <name> and <addr>[:<port>] as arguments.".into(),
            );
            return;
        }
        if let Some(c) = super::invalid_char(name) {
            self.alert(
                Form::Located,
                line,
                line.span_of(1),
                format!("character '{c}' is not permitted in server name '{name}'."),
            );
            return;
        }
        if self.version.at_least(2, 0)
            && let Some(e) = port_error(addr)
        {
            self.alert(
                Form::Located,
                line,
                line.span_of(2),
                format!("'server {}/{name}' : {e}", px.name),
            );
            return;
        }
        let (host, port) = split_host_port(addr, self.version);
        let d = px.default_server;
        let mut srv = Server {
            name: name.to_string(),
            line: line.number,
            span: line.span,
            host,
            port,
            maxconn: d.maxconn,
            check: d.check,
            backup: false,
            disabled: false,
            inter: d.inter,
            weight: DEFAULT_WEIGHT,
        };
        if let Err(e) = self.server_options(&mut srv, line, 3, Some(&px.name)) {
            self.alert(Form::Located, line, line.span, e);
            return;
        }
        px.servers.push(srv);
    }

    pub(super) fn default_server(&mut self, px: &mut Proxy, line: &Line) {
        let mut srv = Server {
            name: String::new(),
            line: line.number,
            span: line.span,
            host: String::new(),
            port: None,
            maxconn: px.default_server.maxconn,
            check: px.default_server.check,
            backup: false,
            disabled: false,
            inter: px.default_server.inter,
            weight: DEFAULT_WEIGHT,
        };
        if let Err(e) = self.server_options(&mut srv, line, 1, None) {
            self.alert(Form::Located, line, line.span, e);
            return;
        }
        px.default_server = ServerDefaults {
            inter: srv.inter,
            maxconn: srv.maxconn,
            check: srv.check,
        };
    }

    /// The options after a server's address; `owner` is the proxy's name,
    /// `None` for `default-server`.
    pub(super) fn server_options(
        &mut self,
        srv: &mut Server,
        line: &Line,
        start: usize,
        owner: Option<&str>,
    ) -> Result<(), String> {
        let mut i = start;
        while i < line.words.len() {
            let opt = line.arg(i);
            let value = line.arg(i + 1);
            match opt {
                "check" => srv.check = true,
                "no-check" => srv.check = false,
                "backup" => srv.backup = true,
                "disabled" => srv.disabled = true,
                "enabled" => srv.disabled = false,
                "maxconn" => {
                    srv.maxconn = Some(atoi(value).max(0) as u32);
                    i += 1;
                }
                "weight" => {
                    let w = atoi(value);
                    if let Some(px) = owner
                        && !(0..=256).contains(&w)
                    {
                        return Err(format!(
                            "'server {px}/{0}' : weight of server {0} is not within 0 and 256 ({w})..",
                            srv.name
                        ));
                    }
                    srv.weight = w.clamp(0, 256) as u32;
                    i += 1;
                }
                "inter" => {
                    if value.is_empty()
                        && let Some(px) = owner
                    {
                        return Err(format!(
                            "'server {px}/{}' : 'inter' expects a delay as argument..",
                            srv.name
                        ));
                    }
                    match self.time(line, value) {
                        Ok(t) => srv.inter = t,
                        Err(c) => {
                            // 2.6 names the wrong keyword and doubles the
                            // period (a run of 2.6).
                            return Err(match owner {
                                Some(px) => format!(
                                    "'server {px}/{0}' : unexpected character '{c}' in 'agent-inter' argument of server {0}..",
                                    srv.name
                                ),
                                None => format!(
                                    "unexpected character '{c}' in 'inter' argument of server {}.",
                                    srv.name
                                ),
                            });
                        }
                    }
                    i += 1;
                }
                "rise" | "fall" => {
                    // `srv_parse_rise()`/`srv_parse_fall()` (src/check.c).
                    if let Some(px) = owner {
                        let why = if value.is_empty() {
                            Some("expects an integer argument.")
                        } else if atoi(value) <= 0 {
                            Some("has to be > 0.")
                        } else {
                            None
                        };
                        if let Some(why) = why {
                            return Err(format!("'server {px}/{}' : '{opt}' {why}.", srv.name));
                        }
                    }
                    i += 1;
                }
                _ => match keywords::SERVER_KEYWORDS.iter().find(|(k, _)| *k == opt) {
                    Some((_, takes_arg)) => {
                        self.unmodelled(line, format!("server option '{opt}'"));
                        if *takes_arg {
                            i += 1;
                        }
                    }
                    None => {
                        let hint = keywords::best_match(
                            opt,
                            keywords::SERVER_KEYWORDS.iter().map(|(k, _)| *k),
                        )
                        .filter(|_| self.version.at_least(2, 0));
                        let mut text = format!("unknown keyword '{opt}'");
                        match hint {
                            Some(h) => text.push_str(&format!("; did you mean '{h}' maybe ?")),
                            None => text.push('.'),
                        }
                        // HAProxy 2.6's wording: the server named with its
                        // proxy, and default-server's odd hint about addresses.
                        return Err(match owner {
                            Some(px) => format!("'server {px}/{}' : {text}", srv.name),
                            None => {
                                format!("{text} Hint: no address was expected for this server.")
                            }
                        });
                    }
                },
            }
            i += 1;
        }
        Ok(())
    }
}

/// `host[:port]` of a server line. The port is read with `atoi`, as both
/// 1.7 and 2.x read it: `127.0.0.1:87a5` is port 87.
fn split_host_port(addr: &str, _version: Version) -> (String, Option<u16>) {
    // An IPv6 address in brackets, or a bare one with several colons.
    if let Some(rest) = addr.strip_prefix('[')
        && let Some((h, p)) = rest.split_once(']')
    {
        let port = p.strip_prefix(':').map(|p| atoi(p).clamp(0, 65535) as u16);
        return (h.to_string(), port);
    }
    if addr.matches(':').count() > 1 {
        return (addr.to_string(), None);
    }
    match addr.split_once(':') {
        Some((h, p)) => (h.to_string(), Some(atoi(p).clamp(0, 65535) as u16)),
        None => (addr.to_string(), None),
    }
}

/// What HAProxy 2.x's `str2sa_range()` (src/tools.c) says of a server
/// address's port, with a server's options (a port, an offset or none; no
/// range): digits first (read with `atoi`, junk after them ignored), a `+`
/// or `-` offset, or nothing. The port is after the last colon that comes
/// after any `]`. The invalid-character message ends with a newline, so
/// HAProxy prints an empty line after it (a run of 2.6).
fn port_error(addr: &str) -> Option<String> {
    let sep = addr
        .char_indices()
        .skip(1)
        .filter(|(_, c)| *c == ':' || *c == ']')
        .last()?;
    if sep.1 != ':' {
        return None;
    }
    let port = &addr[sep.0 + 1..];
    let first = port.chars().next()?;
    if first.is_ascii_digit() {
        if port.contains('-') {
            return Some(format!("port range not permitted here in '{addr}'"));
        }
        if atoi(port) > 65535 {
            return Some(format!("invalid port '{port}'"));
        }
        return None;
    }
    if first == '+' || first == '-' {
        return None;
    }
    Some(format!(
        "invalid character '{first}' in port number '{port}' in '{addr}'\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::port_error;

    /// A server address and what 2.6 says of its port (a run of 2.6:
    /// tests/haproxy/corpus/111-server-port-forms.cfg).
    fn check(addr: &str, expect: Option<&str>) {
        assert_eq!(port_error(addr).as_deref(), expect, "{addr}");
    }

    #[test]
    fn server_ports_as_haproxy_reads_them() {
        check("127.0.0.1:8775", None);
        check("127.0.0.1:8775a", None);
        check("127.0.0.1", None);
        check("127.0.0.1:", None);
        check("127.0.0.1:+1", None);
        check("127.0.0.1:-abc", None);
        check("[::1]", None);
        check(
            "127.0.0.1:80-90",
            Some("port range not permitted here in '127.0.0.1:80-90'"),
        );
        check("127.0.0.1:65536", Some("invalid port '65536'"));
        check(
            "[::1]:abc",
            Some("invalid character 'a' in port number 'abc' in '[::1]:abc'\n"),
        );
    }
}
