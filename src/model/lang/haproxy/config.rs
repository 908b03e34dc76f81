//! haproxy.cfg to a [`Config`], with HAProxy's own messages. Parsing follows
//! src/cfgparse*.c: a line's first word either opens a section or is a
//! keyword of the current one. The checks HAProxy runs once the file is read
//! (`check_config_validity()`) are in [`check`]. A keyword HAProxy accepts
//! but podlab does not simulate is kept and reported as not modelled, never
//! as wrong.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Version;
use super::keywords::{self, BE, DEF, FE};
use super::lex::{self, LexError, Line};
use super::message::{Form, Message};
use crate::model::base::diag::Span;
use crate::model::base::time::SimDuration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Tcp,
    Http,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyKind {
    Defaults,
    Listen,
    Frontend,
    Backend,
}

impl ProxyKind {
    pub fn keyword(self) -> &'static str {
        match self {
            ProxyKind::Defaults => "defaults",
            ProxyKind::Listen => "listen",
            ProxyKind::Frontend => "frontend",
            ProxyKind::Backend => "backend",
        }
    }

    fn caps(self) -> u8 {
        match self {
            ProxyKind::Defaults => DEF,
            ProxyKind::Listen => FE | BE,
            ProxyKind::Frontend => FE,
            ProxyKind::Backend => BE,
        }
    }

    /// `proxy_type_str()`: what HAProxy calls it in messages.
    pub fn type_str(self) -> &'static str {
        match self {
            ProxyKind::Listen => "proxy",
            ProxyKind::Frontend => "frontend",
            ProxyKind::Backend => "backend",
            ProxyKind::Defaults => "defaults",
        }
    }

    pub fn is_frontend(self) -> bool {
        self.caps() & FE != 0
    }

    pub fn is_backend(self) -> bool {
        self.caps() & BE != 0
    }
}

/// One address of a `bind` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindAddr {
    pub ip: IpAddr,
    pub port: u16,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bind {
    pub line: u32,
    pub span: Span,
    pub text: String,
    pub addrs: Vec<BindAddr>,
    pub v4v6: bool,
    pub v6only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub name: String,
    pub line: u32,
    pub span: Span,
    /// The address as written (a name or an IP).
    pub host: String,
    /// None: no port, so the client's destination port is used.
    pub port: Option<u16>,
    pub maxconn: Option<u32>,
    pub check: bool,
    pub backup: bool,
    pub disabled: bool,
    pub inter: SimDuration,
    pub weight: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Option<SimDuration>,
    pub client: Option<SimDuration>,
    pub server: Option<SimDuration>,
    pub queue: Option<SimDuration>,
    pub check: Option<SimDuration>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    RoundRobin,
    StaticRr,
    LeastConn,
    First,
    Other,
}

/// A condition: `if`/`unless` followed by ACL names (optionally `!`),
/// all of which must match (HAProxy's implicit AND; `||` is OR).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cond {
    pub negate: bool,
    /// Terms OR-ed together, each a list of (negated, acl name) AND-ed.
    pub terms: Vec<Vec<(bool, String)>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acl {
    pub name: String,
    pub line: u32,
    pub criterion: String,
    pub flags: Vec<String>,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UseBackend {
    pub backend: String,
    pub cond: Option<Cond>,
    pub line: u32,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HttpRequestAction {
    Deny {
        status: u16,
    },
    Return {
        status: u16,
        content_type: Option<String>,
        body: String,
    },
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequestRule {
    pub action: HttpRequestAction,
    pub cond: Option<Cond>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// `location`, `prefix` or `scheme`.
    pub kind: String,
    pub target: String,
    pub code: u16,
    pub cond: Option<Cond>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Proxy {
    pub kind: ProxyKind,
    pub name: String,
    pub line: u32,
    pub span: Span,
    pub mode: Mode,
    pub binds: Vec<Bind>,
    pub servers: Vec<Server>,
    pub timeouts: Timeouts,
    pub retries: u32,
    pub maxconn: Option<u32>,
    pub balance: Balance,
    pub default_backend: Option<(String, u32)>,
    pub use_backends: Vec<UseBackend>,
    pub acls: Vec<Acl>,
    pub http_request: Vec<HttpRequestRule>,
    pub redirects: Vec<Redirect>,
    pub options: Vec<String>,
    default_server: ServerDefaults,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ServerDefaults {
    inter: SimDuration,
    maxconn: Option<u32>,
    check: bool,
}

/// HAProxy's default for `retries` (`CONN_RETRIES` in include/haproxy/defaults.h).
pub const DEFAULT_RETRIES: u32 = 3;
/// Default health-check interval `inter` (`DEF_CHKINTR`, 2000 ms).
pub const DEFAULT_INTER: SimDuration = SimDuration::from_millis(2000);
/// Default server weight.
pub const DEFAULT_WEIGHT: u32 = 1;

impl Proxy {
    fn new(kind: ProxyKind, name: String, line: u32, span: Span, from: Option<&Proxy>) -> Proxy {
        let mut p = Proxy {
            kind,
            name,
            line,
            span,
            mode: Mode::Tcp,
            binds: Vec::new(),
            servers: Vec::new(),
            timeouts: Timeouts::default(),
            retries: DEFAULT_RETRIES,
            maxconn: None,
            balance: Balance::RoundRobin,
            default_backend: None,
            use_backends: Vec::new(),
            acls: Vec::new(),
            http_request: Vec::new(),
            redirects: Vec::new(),
            options: Vec::new(),
            default_server: ServerDefaults {
                inter: DEFAULT_INTER,
                maxconn: None,
                check: false,
            },
        };
        // A proxy starts as a copy of the `defaults` section before it.
        if let Some(d) = from {
            p.mode = d.mode;
            p.timeouts = d.timeouts;
            p.retries = d.retries;
            p.balance = d.balance;
            p.options = d.options.clone();
            p.default_server = d.default_server;
            if kind.is_frontend() {
                p.maxconn = d.maxconn;
                p.default_backend = d.default_backend.clone();
            }
        }
        p
    }

    pub fn is_frontend(&self) -> bool {
        self.kind.is_frontend()
    }

    pub fn is_backend(&self) -> bool {
        self.kind.is_backend()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Global {
    pub daemon: bool,
    pub maxconn: Option<u32>,
}

/// A parsed configuration and everything HAProxy said about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The HAProxy version that read it: it decides run-time details too
    /// (1.7's raw HTTP/1.0 error pages, 2.x's re-encoded messages).
    pub version: Version,
    pub global: Global,
    /// listen, frontend and backend sections (not defaults), in order.
    pub proxies: Vec<Proxy>,
    pub messages: Vec<Message>,
    /// Keywords podlab accepted without simulating: (line, span, keyword).
    pub unmodelled: Vec<(u32, Span, String)>,
}

impl Config {
    pub fn has_errors(&self) -> bool {
        self.messages.iter().any(|m| m.fatal)
    }

    pub fn proxy(&self, name: &str) -> Option<&Proxy> {
        self.proxies.iter().find(|p| p.name == name)
    }

    pub fn backend(&self, name: &str) -> Option<&Proxy> {
        self.proxies
            .iter()
            .find(|p| p.name == name && p.is_backend())
    }
}

enum Section {
    None,
    Global,
    Proxy(usize),
    Defaults,
    /// A section podlab does not simulate (userlist, peers, ...).
    Other,
    /// A proxy section HAProxy refused to open: each keyword in it is an
    /// error of its own.
    Failed,
}

struct Parser<'a> {
    version: Version,
    text: &'a str,
    section: Section,
    defaults: Option<Proxy>,
    cfg: Config,
}

/// Parse haproxy.cfg as the given HAProxy version would.
pub fn parse(text: &str, version: Version) -> Config {
    let lexed = lex::lex(text, &[]);
    let mut p = Parser {
        version,
        text,
        section: Section::None,
        defaults: None,
        cfg: Config {
            version,
            global: Global::default(),
            proxies: Vec::new(),
            messages: Vec::new(),
            unmodelled: Vec::new(),
        },
    };
    for line in &lexed.lines {
        p.line(line);
        if p.cfg.messages.iter().any(|m| m.abort) {
            break;
        }
    }
    if let Some((line, pos)) = lexed.missing_lf
        && version.at_least(2, 4)
    {
        let end = text.len() as u32;
        p.cfg.messages.push(Message::alert(
            Form::ParsingTight,
            Some(line),
            Span::new(end, end),
            format!("Missing LF on last line, file might have been truncated at position {pos}."),
        ));
    }
    p.cfg
}

impl Parser<'_> {
    fn alert(&mut self, form: Form, line: &Line, span: Span, text: String) {
        self.cfg
            .messages
            .push(Message::alert(form, Some(line.number), span, text));
    }

    fn warn(&mut self, form: Form, line: &Line, span: Span, text: String) {
        self.cfg
            .messages
            .push(Message::warning(form, Some(line.number), span, text));
    }

    fn unmodelled(&mut self, line: &Line, what: String) {
        self.cfg
            .unmodelled
            .push((line.number, line.span_of(0), what));
    }

    fn line(&mut self, line: &Line) {
        if let Some(err) = &line.error {
            let (what, pos) = match err {
                LexError::UnmatchedQuote { position } => ("unmatched quote", *position),
                LexError::BadHex { position } => {
                    ("truncated or invalid hexadecimal sequence", *position)
                }
                LexError::UnmatchedBrace { position } => {
                    ("unmatched brace in environment variable name", *position)
                }
            };
            // HAProxy shows the line from its first non-blank character,
            // with the caret under the offending one.
            let full = &self.text[line.span.range()];
            let text = full.trim_start_matches([' ', '\t']);
            let blanks = full.len() - text.len();
            let caret = format!("{}^", " ".repeat(pos.saturating_sub(1 + blanks)));
            self.alert(
                Form::ParsingTight,
                line,
                line.span,
                format!("{what} at position {pos}:\n  {text}\n  {caret}"),
            );
            return;
        }
        let kw = line.arg(0);
        if keywords::SECTIONS.contains(&kw) {
            self.open_section(line);
            return;
        }
        match self.section {
            Section::None => {
                self.alert(
                    Form::ParsingTight,
                    line,
                    line.span_of(0),
                    format!("unknown keyword '{kw}' out of section."),
                );
            }
            Section::Global => self.global(line),
            Section::Defaults => {
                let mut d = self.defaults.take().expect("defaults section open");
                self.proxy_keyword(&mut d, line);
                self.defaults = Some(d);
            }
            Section::Proxy(i) => {
                let mut px = std::mem::replace(
                    &mut self.cfg.proxies[i],
                    Proxy::new(ProxyKind::Listen, String::new(), 0, Span::default(), None),
                );
                self.proxy_keyword(&mut px, line);
                self.cfg.proxies[i] = px;
            }
            Section::Other => {}
            Section::Failed => self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                "'listen' or 'defaults' expected.".into(),
            ),
        }
    }

    fn open_section(&mut self, line: &Line) {
        let kw = line.arg(0);
        let kind = match kw {
            "global" => {
                self.section = Section::Global;
                return;
            }
            "defaults" => ProxyKind::Defaults,
            "listen" => ProxyKind::Listen,
            "frontend" => ProxyKind::Frontend,
            "backend" => ProxyKind::Backend,
            other => {
                self.section = Section::Other;
                self.unmodelled(line, format!("'{other}' section"));
                return;
            }
        };
        let name = line.arg(1).to_string();
        let inline_addr = kind.is_frontend() && !line.arg(2).is_empty() && line.arg(2) != "from";
        if inline_addr && self.version.at_least(2, 0) {
            // 1.x's `listen name addr:port`; 2.x wants a `bind` line.
            self.alert(
                Form::Parsing,
                line,
                line.span_of(2),
                "please use the 'bind' keyword for listening addresses.".into(),
            );
            self.section = Section::Failed;
            return;
        }
        if kind == ProxyKind::Defaults {
            self.defaults = Some(Proxy::new(
                kind,
                name,
                line.number,
                line.span,
                self.defaults.as_ref(),
            ));
            self.section = Section::Defaults;
            return;
        }
        if name.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                format!("'{kw}' expects an <id> argument"),
            );
            if let Some(m) = self.cfg.messages.last_mut() {
                m.abort = true;
            }
            self.section = Section::Other;
            return;
        }
        if let Some(prev) = self.cfg.proxies.iter().find(|p| p.name == name) {
            let prev_line = prev.line;
            self.alert(
                Form::ParsingCap,
                line,
                line.span_of(1),
                format!(
                    "{} '{name}' has the same name as {} '{name}' declared at {{file}}:{prev_line}.",
                    kind.type_str(),
                    prev.kind.type_str()
                ),
            );
        }
        let mut px = Proxy::new(kind, name, line.number, line.span, self.defaults.as_ref());
        if inline_addr {
            // 1.x still takes `listen <name> <address>:<port>` (1.7's
            // configuration manual, section 4.2).
            let addrs: Result<Vec<Vec<BindAddr>>, String> =
                line.arg(2).split(',').map(parse_bind_addr).collect();
            match addrs {
                Ok(a) => px.binds.push(Bind {
                    line: line.number,
                    span: line.span_of(2),
                    text: line.arg(2).to_string(),
                    addrs: a.into_iter().flatten().collect(),
                    v4v6: false,
                    v6only: false,
                }),
                Err(e) => self.alert(Form::Parsing, line, line.span_of(2), e),
            }
        }
        self.cfg.proxies.push(px);
        self.section = Section::Proxy(self.cfg.proxies.len() - 1);
    }

    fn global(&mut self, line: &Line) {
        let kw = line.arg(0);
        match kw {
            "daemon" => self.cfg.global.daemon = true,
            "maxconn" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'maxconn' expects an integer argument.".into(),
                    );
                } else {
                    self.cfg.global.maxconn = Some(atoi(line.arg(1)).max(0) as u32);
                }
            }
            _ if keywords::GLOBAL_KEYWORDS.contains(&kw)
                || kw.starts_with("tune.")
                || kw.starts_with("ssl-") =>
            {
                self.unmodelled(line, format!("'{kw}' in 'global'"));
            }
            _ => {
                let hint = if self.version.at_least(2, 0) {
                    keywords::best_match(
                        kw,
                        keywords::GLOBAL_KEYWORDS
                            .iter()
                            .chain(keywords::GLOBAL_COMMON)
                            .copied(),
                    )
                } else {
                    None
                };
                self.unknown_keyword(line, "global", hint);
            }
        }
    }

    fn unknown_keyword(&mut self, line: &Line, section: &str, hint: Option<&str>) {
        let kw = line.arg(0);
        let mut text = format!("unknown keyword '{kw}' in '{section}' section");
        if let Some(h) = hint {
            text.push_str(&format!("; did you mean '{h}' maybe ?"));
        }
        self.alert(Form::Parsing, line, line.span_of(0), text);
    }

    fn proxy_keyword(&mut self, px: &mut Proxy, line: &Line) {
        let kw = line.arg(0);
        if kw == "no" && line.arg(1) == "option" {
            // `no option X` turns an option off (`KWM_NO` in src/cfgparse.c).
            let name = line.arg(2);
            px.options.retain(|o| o != name);
            if !MODELLED_OPTIONS.contains(&name) {
                self.unmodelled(line, format!("'no option {name}'"));
            }
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
                match parse_time(line.arg(1)) {
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
                ProxyKind::Defaults => self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(0),
                    format!("'{kw}' not allowed in 'defaults' section."),
                ),
                kind if def.caps & BE != 0 => self.alert(
                    Form::LocatedParsing,
                    line,
                    line.span_of(0),
                    format!(
                        "'{kw}' not allowed because {} '{}' has no backend capability.",
                        kind.type_str(),
                        px.name
                    ),
                ),
                kind => self.warn(
                    Form::Parsing,
                    line,
                    line.span_of(0),
                    format!(
                        "'{kw}' ignored because {} '{}' has no frontend capability.",
                        kind.type_str(),
                        px.name
                    ),
                ),
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
        if !def.modelled {
            self.unmodelled(line, format!("'{kw}'"));
            return;
        }
        match kw {
            "mode" => match line.arg(1) {
                "http" => px.mode = Mode::Http,
                "tcp" => px.mode = Mode::Tcp,
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
                        "'default_backend' requires a backend name.".into(),
                    );
                } else {
                    px.default_backend = Some((line.arg(1).to_string(), line.number));
                }
            }
            "use_backend" => {
                if line.arg(1).is_empty() {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(0),
                        "'use_backend' requires a backend name.".into(),
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
            "option" => {
                let name = if line.arg(1) == "no" {
                    line.arg(2)
                } else {
                    line.arg(1)
                };
                px.options.push(name.to_string());
                if !MODELLED_OPTIONS.contains(&name) {
                    self.unmodelled(line, format!("'option {name}'"));
                }
            }
            "description" => {}
            _ => self.unmodelled(line, format!("'{kw}'")),
        }
    }

    fn bind(&mut self, px: &mut Proxy, line: &Line) {
        let spec = line.arg(1);
        if spec.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                "'bind' : missing address.".into(),
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

    fn server(&mut self, px: &mut Proxy, line: &Line) {
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

    fn default_server(&mut self, px: &mut Proxy, line: &Line) {
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
    fn server_options(
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
                    srv.weight = atoi(value).clamp(0, 256) as u32;
                    i += 1;
                }
                "inter" => {
                    match parse_time(value) {
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
                "rise" | "fall" => i += 1,
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

    fn timeout(&mut self, px: &mut Proxy, line: &Line) {
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
        let t = match parse_time(value) {
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
        match which {
            "connect" => px.timeouts.connect = Some(t),
            "client" => px.timeouts.client = Some(t),
            "server" => px.timeouts.server = Some(t),
            "queue" => px.timeouts.queue = Some(t),
            "check" => px.timeouts.check = Some(t),
            other => self.unmodelled(line, format!("'timeout {other}'")),
        }
    }

    fn balance(&mut self, px: &mut Proxy, line: &Line) {
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

    fn acl(&mut self, px: &mut Proxy, line: &Line) {
        let name = line.arg(1);
        let criterion = line.arg(2);
        if !name.is_empty() && criterion.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!(
                    "error detected while parsing ACL '{name}' : missing fetch method in ACL expression ''."
                ),
            );
            return;
        }
        if name.is_empty() || criterion.is_empty() {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(0),
                "'acl' expects an ACL name and a criterion.".into(),
            );
            return;
        }
        let mut flags = Vec::new();
        let mut values = Vec::new();
        for w in &line.words[3..] {
            if w.text.starts_with('-') && values.is_empty() {
                flags.push(w.text.clone());
            } else {
                values.push(w.text.clone());
            }
        }
        if let Some(e) = unknown_fetch(criterion) {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(2),
                format!("error detected while parsing ACL '{name}' : {e}"),
            );
            return;
        }
        if !acl_criterion_modelled(criterion) {
            self.unmodelled(line, format!("ACL criterion '{criterion}'"));
        }
        px.acls.push(Acl {
            name: name.to_string(),
            line: line.number,
            criterion: criterion.to_string(),
            flags,
            values,
        });
    }

    fn http_request(&mut self, px: &mut Proxy, line: &Line) {
        let action = line.arg(1);
        let mut i = 2;
        let parsed = match action {
            "deny" => {
                let mut status = 403;
                if line.arg(i) == "deny_status" {
                    status = atoi(line.arg(i + 1)).clamp(0, 999) as u16;
                    if self.version.at_least(2, 0) && !super::error_pages::has_error_page(status) {
                        self.alert(
                            Form::Parsing,
                            line,
                            line.span_of(i + 1),
                            format!(
                                "error detected in {} '{}' while parsing 'http-request deny' rule : status code '{status}' not handled by default with 'default-errorfiles' argument..",
                                px.kind.type_str(),
                                px.name
                            ),
                        );
                        // 2.6 stops reading the file there (no "Fatal
                        // errors found" line follows).
                        if let Some(m) = self.cfg.messages.last_mut() {
                            m.abort = true;
                        }
                        return;
                    }
                    i += 2;
                }
                HttpRequestAction::Deny { status }
            }
            "return" => {
                if !self.version.at_least(2, 2) {
                    self.alert(
                        Form::Parsing,
                        line,
                        line.span_of(1),
                        format!("'http-request' expects 'allow', 'deny', 'auth', 'redirect', 'tarpit', 'add-header', 'set-header', 'replace-header', 'replace-value', 'set-nice', 'set-tos', 'set-mark', 'set-log-level', 'add-acl', 'del-acl', 'del-map', 'set-map', 'set-var', 'sc-inc-gpc0', 'sc-set-gpt0', 'silent-drop', but got '{action}'."),
                    );
                    return;
                }
                let mut status = 200;
                let mut content_type = None;
                let mut body = String::new();
                while i < line.words.len() && !matches!(line.arg(i), "if" | "unless") {
                    match line.arg(i) {
                        "status" => {
                            status = atoi(line.arg(i + 1)).clamp(0, 999) as u16;
                            i += 2;
                        }
                        "content-type" => {
                            content_type = Some(line.arg(i + 1).to_string());
                            i += 2;
                        }
                        "string" | "lf-string" => {
                            body = line.arg(i + 1).to_string();
                            i += 2;
                        }
                        other => {
                            self.unmodelled(line, format!("'http-request return {other}'"));
                            i += 2;
                        }
                    }
                }
                HttpRequestAction::Return {
                    status,
                    content_type,
                    body,
                }
            }
            "" => {
                self.alert(
                    Form::Parsing,
                    line,
                    line.span_of(0),
                    "'http-request' expects an action.".into(),
                );
                return;
            }
            other => {
                self.unmodelled(line, format!("'http-request {other}'"));
                while i < line.words.len() && !matches!(line.arg(i), "if" | "unless") {
                    i += 1;
                }
                HttpRequestAction::Other(other.to_string())
            }
        };
        // The three wordings, and which stops the read, are 2.6's (a run).
        let what = format!("error detected while parsing an 'http-request {action}' condition : ");
        match self.cond(px, line, i, (&what, true)) {
            Ok(cond) => px.http_request.push(HttpRequestRule {
                action: parsed,
                cond,
                line: line.number,
            }),
            Err(e) => self.alert(Form::Parsing, line, line.span, e),
        }
    }

    fn redirect(&mut self, px: &mut Proxy, line: &Line) {
        let kind = line.arg(1);
        if !matches!(kind, "location" | "prefix" | "scheme") {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!(
                    "error detected in {} '{}' while parsing redirect rule : expects 'code', 'prefix', 'location', 'scheme', 'set-cookie', 'clear-cookie', 'drop-query', 'ignore-empty' or 'append-slash' (was '{kind}').",
                    px.kind.type_str(),
                    px.name
                ),
            );
            return;
        }
        let target = line.arg(2).to_string();
        let mut code = 302;
        let mut i = 3;
        while i < line.words.len() && !matches!(line.arg(i), "if" | "unless") {
            if line.arg(i) == "code" {
                code = atoi(line.arg(i + 1)).clamp(0, 999) as u16;
                i += 1;
            }
            i += 1;
        }
        let what = format!(
            "error detected in {} '{}' while parsing redirect rule : error in condition: ",
            px.kind.type_str(),
            px.name
        );
        match self.cond(px, line, i, (&what, false)) {
            Ok(cond) => px.redirects.push(Redirect {
                kind: kind.to_string(),
                target,
                code,
                cond,
                line: line.number,
            }),
            Err(e) => self.alert(Form::Parsing, line, line.span, e),
        }
    }

    /// `if`/`unless` and ACL names from word `i` on; an anonymous ACL
    /// `{ criterion values }` becomes an ACL of `px` named after its line
    /// and position.
    fn cond(
        &mut self,
        px: &mut Proxy,
        line: &Line,
        i: usize,
        (what, abort): (&str, bool),
    ) -> Result<Option<Cond>, String> {
        let negate = match line.arg(i) {
            "" => return Ok(None),
            "if" => false,
            "unless" => true,
            other => {
                return Err(format!(
                    "unexpected keyword '{other}'. Expects 'if' or 'unless'."
                ));
            }
        };
        let mut terms = vec![Vec::new()];
        let mut j = i + 1;
        while j < line.words.len() {
            let w = &line.words[j];
            j += 1;
            match w.text.as_str() {
                "||" | "or" => terms.push(Vec::new()),
                t @ ("{" | "!{") => {
                    let start = j;
                    while j < line.words.len() && line.arg(j) != "}" {
                        j += 1;
                    }
                    let inner = &line.words[start..j];
                    j += 1;
                    let name = format!("{{anonymous {}:{start}}}", line.number);
                    let Some((criterion, rest)) = inner.split_first() else {
                        continue;
                    };
                    let mut flags = Vec::new();
                    let mut values = Vec::new();
                    for v in rest {
                        if v.text.starts_with('-') && values.is_empty() {
                            flags.push(v.text.clone());
                        } else {
                            values.push(v.text.clone());
                        }
                    }
                    if !acl_criterion_modelled(&criterion.text) {
                        self.unmodelled(line, format!("ACL criterion '{}'", criterion.text));
                    }
                    px.acls.push(Acl {
                        name: name.clone(),
                        line: line.number,
                        criterion: criterion.text.clone(),
                        flags,
                        values,
                    });
                    terms.last_mut().expect("one term").push((t == "!{", name));
                }
                t => {
                    let (neg, name) = match t.strip_prefix('!') {
                        Some(n) => (true, n),
                        None => (false, t),
                    };
                    terms
                        .last_mut()
                        .expect("one term")
                        .push((neg, name.to_string()));
                }
            }
        }
        // Every named ACL must exist by now (src/acl.c's
        // `build_acl_cond()`); 2.6 stops reading at the first that does not.
        let missing = terms.iter().flatten().find(|(_, n)| {
            !n.starts_with("{anonymous ")
                && !PREDEFINED_ACLS.contains(&n.as_str())
                && !px.acls.iter().any(|a| a.name == *n)
        });
        if let Some((_, n)) = missing {
            self.alert(
                Form::Parsing,
                line,
                line.span,
                format!("{what}no such ACL : '{n}'."),
            );
            if let Some(m) = self.cfg.messages.last_mut() {
                m.abort = abort;
            }
        }
        Ok(Some(Cond { negate, terms }))
    }
}

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

/// `unknown fetch method 'x' in ACL expression 'x'.` when HAProxy 2.6 has
/// no such ACL keyword or sample fetch (the name before `(` or `,`).
fn unknown_fetch(criterion: &str) -> Option<String> {
    let name = criterion.split(['(', ',']).next().unwrap_or(criterion);
    (!keywords::FETCHES.contains(&name))
        .then(|| format!("unknown fetch method '{name}' in ACL expression '{name}'."))
}

/// ACLs every proxy has (`default_acl_list` in src/acl.c).
const PREDEFINED_ACLS: &[&str] = &[
    "FALSE",
    "HTTP",
    "HTTP_1.0",
    "HTTP_1.1",
    "HTTP_2.0",
    "HTTP_3.0",
    "HTTP_CONTENT",
    "HTTP_URL_ABS",
    "HTTP_URL_SLASH",
    "HTTP_URL_STAR",
    "LOCALHOST",
    "METH_CONNECT",
    "METH_DELETE",
    "METH_GET",
    "METH_HEAD",
    "METH_OPTIONS",
    "METH_POST",
    "METH_PUT",
    "METH_TRACE",
    "RDP_COOKIE",
    "REQ_CONTENT",
    "TRUE",
    "WAIT_END",
];

/// ACL criteria podlab evaluates.
pub fn acl_criterion_modelled(c: &str) -> bool {
    matches!(
        c,
        "path"
            | "path_beg"
            | "path_end"
            | "path_sub"
            | "path_reg"
            | "method"
            | "hdr(host)"
            | "hdr_beg(host)"
            | "hdr_end(host)"
            | "src"
            | "always_true"
            | "always_false"
    )
}

/// C's `atoi`: leading spaces, optional sign, then digits; the rest ignored.
/// HAProxy reads ports and `maxconn` this way, so `87a5` is 87.
pub fn atoi(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i64, |acc, d| {
            acc.saturating_mul(10).saturating_add(i64::from(d - b'0'))
        });
    if neg { -n } else { n }
}

/// HAProxy's time format: a number with an optional unit (us, ms, s, m, h,
/// d; ms when none). Returns the first unexpected character on error.
pub fn parse_time(s: &str) -> Result<SimDuration, char> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(s.chars().next().unwrap_or(' '));
    }
    let n: u64 = digits.parse().unwrap_or(u64::MAX);
    let unit = &s[digits.len()..];
    let us = match unit {
        "" | "ms" => n.saturating_mul(1000),
        "us" => n,
        "s" => n.saturating_mul(1_000_000),
        "m" => n.saturating_mul(60_000_000),
        "h" => n.saturating_mul(3_600_000_000),
        "d" => n.saturating_mul(86_400_000_000),
        other => {
            // HAProxy reports the first character it cannot take as a unit.
            let c = other
                .chars()
                .find(|c| !"umshd".contains(*c))
                .or_else(|| other.chars().next());
            return Err(c.unwrap_or(' '));
        }
    };
    Ok(SimDuration::from_micros(us))
}

/// A `bind` address: `*:80`, `:80`, `0.0.0.0:80`, `127.0.0.1:80`, `:::80`,
/// with `a-b` port ranges. Ports are read as HAProxy 2.x does (digits first,
/// junk after them ignored, 1-65535).
fn parse_bind_addr(s: &str) -> Result<Vec<BindAddr>, String> {
    let Some(colon) = s.rfind(':') else {
        return Err(format!("missing port specification in '{s}'"));
    };
    let (host, ports) = (&s[..colon], &s[colon + 1..]);
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
