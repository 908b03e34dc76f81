//! `option` and `no option`, as the `option` branch of HAProxy 2.6's
//! src/cfgparse-listen.c reads them: the flag options of `cfg_opts[]` and
//! `cfg_opts2[]` (src/proxy.c) with the capability each needs, the options
//! parsed by name (the HTTP connection modes, `redispatch`, the log formats),
//! the options 2.x removed, and HAProxy's "did you mean" for the others
//! (`proxy_find_best_option()`).

use super::{LogFormat, Parser, Proxy, ProxyKind};
use crate::model::lang::haproxy::keywords::{self, BE, FE};
use crate::model::lang::haproxy::lex::Line;
use crate::model::lang::haproxy::message::Form;

/// Options podlab accepts as simulated: `redispatch` changes where retries
/// go; the logging and connection-mode ones change nothing podlab shows.
const MODELLED_OPTIONS: &[&str] = &[
    "httplog",
    "tcplog",
    "dontlognull",
    "forwardfor",
    "http-server-close",
    "httpclose",
    "redispatch",
    "http-keep-alive",
];

/// Options 2.x no longer takes: the name, the version that removed it, and
/// HAProxy 2.6's alert.
const REMOVED_OPTIONS: &[(&str, (u8, u8), &str)] = &[
    (
        "forceclose",
        (2, 0),
        "option 'forceclose' is not supported any more since HAProxy 2.0, please just remove it, or use 'option httpclose' if absolutely needed.",
    ),
    (
        "http-tunnel",
        (2, 1),
        "option 'http-tunnel' is not supported any more since HAProxy 2.1, please just remove it, it shouldn't be needed.",
    ),
    (
        "http_proxy",
        (2, 5),
        "option 'http_proxy' is not supported any more since HAProxy 2.5. This option stopped working in HAProxy 1.9 and usually had nasty side effects. It can be more reliably implemented with combinations of 'http-request set-dst' and 'http-request set-uri', and even 'http-request do-resolve' if DNS resolution is desired.",
    ),
];

/// The words HAProxy quotes for a log format in its "overrides previous"
/// warning.
fn log_format_name(f: LogFormat) -> &'static str {
    match f {
        LogFormat::Http => "option httplog",
        LogFormat::HttpClf => "option httplog clf",
        LogFormat::Https => "option httpslog",
        LogFormat::Tcp => "option tcplog",
        LogFormat::Custom => "log-format",
    }
}

impl Parser<'_> {
    /// `option NAME`, or `no option NAME` when `no` (the name is then word 2).
    pub(super) fn option(&mut self, px: &mut Proxy, line: &Line, no: bool) {
        let at = if no { 2 } else { 1 };
        let name = line.arg(at);
        if name.is_empty() {
            self.alert(
                Form::ParsingTight,
                line,
                line.span_of(0),
                "'option' expects an option name.".into(),
            );
            return;
        }
        // A `defaults` section has both capabilities (`PR_CAP_LISTEN`).
        let caps = if px.kind == ProxyKind::Defaults {
            FE | BE
        } else {
            px.kind.caps()
        };
        let flag = keywords::OPTION_FLAGS.iter().find(|(n, _)| *n == name);
        if let Some((_, need)) = flag {
            if self.too_many_option_args(line, at, 0) {
                return;
            }
            if caps & need == 0 {
                self.option_not_capable(px, line, at, *need);
                return;
            }
            self.set_option(px, line, name, no);
            return;
        }
        if let Some((_, since, text)) = REMOVED_OPTIONS.iter().find(|(n, ..)| *n == name) {
            if self.version.at_least(since.0, since.1) {
                self.alert(Form::ParsingTight, line, line.span_of(at), text.to_string());
            } else {
                self.set_option(px, line, name, no);
            }
            return;
        }
        // An option of another release, in a release that has it.
        let v = self.version;
        if keywords::OPTION_OTHER_RELEASES
            .iter()
            .any(|(n, from, until)| {
                *n == name
                    && v.at_least(from.0, from.1)
                    && until.is_none_or(|u| !v.at_least(u.0, u.1))
            })
        {
            self.set_option(px, line, name, no);
            return;
        }
        match name {
            "httpclose" | "http-server-close" | "http-keep-alive" => {
                if !self.too_many_option_args(line, at, 0) {
                    self.set_option(px, line, name, no);
                }
                return;
            }
            "redispatch" => {
                if caps & BE == 0 {
                    self.option_not_capable(px, line, at, BE);
                } else {
                    self.set_option(px, line, name, no);
                }
                return;
            }
            _ => {}
        }
        if no {
            self.alert(
                Form::ParsingTight,
                line,
                line.span_of(at),
                format!("negation/default is not supported for option '{name}'."),
            );
            return;
        }
        match name {
            "httplog" => {
                let format = match line.arg(at + 1) {
                    "" => LogFormat::Http,
                    "clf" => {
                        if self.too_many_option_args(line, at, 1) {
                            return;
                        }
                        LogFormat::HttpClf
                    }
                    _ => {
                        self.alert(
                            Form::Parsing,
                            line,
                            line.span_of(at + 1),
                            "keyword 'httplog' only supports option 'clf'.".into(),
                        );
                        return;
                    }
                };
                let what = if format == LogFormat::HttpClf {
                    "option httplog clf"
                } else {
                    "option httplog"
                };
                self.set_log_format(px, line, format, what);
                self.log_format_in_backend(px, line, "option httplog");
            }
            "tcplog" => {
                self.set_log_format(px, line, LogFormat::Tcp, "option tcplog");
                // HAProxy sets the format before it looks at the words after.
                if self.too_many_option_args(line, at, 0) {
                    return;
                }
                self.log_format_in_backend(px, line, "option tcplog");
            }
            "httpslog" => {
                // 2.6 names 'option httplog' in its "overrides" warning here.
                self.set_log_format(px, line, LogFormat::Https, "option httplog");
                self.log_format_in_backend(px, line, "option httpslog");
            }
            n if keywords::OPTION_NAMED.contains(&n) => {}
            _ => {
                let hint = keywords::best_match(
                    name,
                    keywords::OPTION_FLAGS
                        .iter()
                        .map(|(n, _)| *n)
                        .chain(keywords::OPTION_COMMON.iter().copied()),
                );
                let text = match hint {
                    Some(h) => format!("unknown option '{name}'; did you mean '{h}' maybe ?"),
                    None => format!("unknown option '{name}'."),
                };
                self.alert(Form::Parsing, line, line.span_of(at), text);
                return;
            }
        }
        self.set_option(px, line, name, false);
    }

    /// Turn an option on (`no`: off), noting it when podlab does not
    /// simulate it.
    fn set_option(&mut self, px: &mut Proxy, line: &Line, name: &str, no: bool) {
        px.options.retain(|o| o != name);
        if !no {
            px.options.push(name.to_string());
        }
        if !MODELLED_OPTIONS.contains(&name) {
            let no = if no { "no " } else { "" };
            self.unmodelled(line, format!("'{no}option {name}'"));
        }
    }

    /// `alertif_too_many_args_idx(max, 1)`: words after the option's own
    /// `max` arguments.
    fn too_many_option_args(&mut self, line: &Line, at: usize, max: usize) -> bool {
        let extra = line.arg(at + max + 1);
        if extra.is_empty() {
            return false;
        }
        // HAProxy quotes `option NAME` only (its `index` is 1).
        self.alert(
            Form::Parsing,
            line,
            line.span_of(at + max + 1),
            format!(
                "'option {}' cannot handle unexpected argument '{extra}'.",
                line.arg(at)
            ),
        );
        true
    }

    /// `warnifnotcap()` for an option the proxy cannot use.
    fn option_not_capable(&mut self, px: &Proxy, line: &Line, at: usize, need: u8) {
        let what = match need {
            BE => "no backend",
            FE => "no frontend",
            _ => "neither frontend nor backend",
        };
        self.warn(
            Form::Parsing,
            line,
            line.span_of(at),
            format!(
                "'{}' ignored because {} '{}' has {what} capability.",
                line.arg(at),
                px.kind.type_str(),
                px.name
            ),
        );
    }

    /// A log format line: `defaults` warns when it replaces one.
    pub(super) fn set_log_format(
        &mut self,
        px: &mut Proxy,
        line: &Line,
        format: LogFormat,
        what: &str,
    ) {
        if px.kind == ProxyKind::Defaults
            && let Some((old, _)) = px.log_format
        {
            self.warn(
                Form::ParsingTight,
                line,
                line.span_of(0),
                format!(
                    "'{what}' overrides previous '{}' in 'defaults' section.",
                    log_format_name(old)
                ),
            );
        }
        px.log_format = Some((format, line.number));
    }

    /// A backend keeps a log format but never logs with it.
    pub(super) fn log_format_in_backend(&mut self, px: &Proxy, line: &Line, what: &str) {
        if px.kind != ProxyKind::Defaults && !px.is_frontend() {
            self.warn(
                Form::Parsing,
                line,
                line.span_of(0),
                format!(
                    "backend '{}' : '{what}' directive is ignored in backends.",
                    px.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::lang::haproxy::Version;
    use crate::model::lang::haproxy::config::parse;

    /// `option` lines in a listen section read by `version`: the message
    /// texts, one a line ("" when HAProxy says nothing).
    fn check(version: Version, lines: &str, expect: &str) {
        let text = format!("listen l\n    bind *:80\n{lines}\n");
        let cfg = parse(&text, version);
        let got: Vec<String> = cfg.messages.iter().map(|m| m.text.clone()).collect();
        assert_eq!(got.join("\n"), expect, "{version}: {lines}");
    }

    #[test]
    fn options_per_release() {
        // 2.6's answers are in tests/haproxy/corpus/107-109.
        check(
            Version::V2_6,
            "    option forwarded",
            "unknown option 'forwarded'; did you mean 'forwardfor' maybe ?",
        );
        check(Version::new(2, 8, 14), "    option forwarded", "");
        check(Version::new(2, 4, 28), "    option http-use-htx", "");
        check(
            Version::V1_7,
            "    option http-tunnel\n    option forceclose",
            "",
        );
        // 1.7 prints no "did you mean" (`Printer::lines` drops it).
        check(
            Version::new(2, 2, 33),
            "    option http-tunnel",
            "option 'http-tunnel' is not supported any more since HAProxy 2.1, please just remove it, it shouldn't be needed.",
        );
        check(
            Version::V1_7,
            "    option forwardfro",
            "unknown option 'forwardfro'; did you mean 'forwardfor' maybe ?",
        );
    }
}
