//! haproxy.cfg to a [`Config`], with HAProxy's own messages. Parsing follows
//! src/cfgparse*.c: a line's first word either opens a section or is a
//! keyword of the current one. The checks HAProxy runs once the file is read
//! (`check_config_validity()`) are in [`check`](super::check). A keyword
//! HAProxy accepts but podlab does not simulate is kept and reported as not
//! modelled, never as wrong.
//!
//! This file holds the parsed types and the section dispatcher
//! (`readcfgfile()` in src/cfgparse.c). The sections' keywords follow
//! HAProxy's own split: `global` (src/cfgparse-global.c), `proxy`
//! (src/cfgparse-listen.c, its `option` keyword in `option`), `server`
//! (src/server.c), `acl` (src/acl.c) and `http_rules` (src/http_rules.c),
//! one file each in config/.

mod acl;
mod global;
mod http_rules;
mod option;
mod proxy;
mod server;

use std::collections::BTreeMap;
use std::net::IpAddr;

use self::proxy::parse_bind_addr;
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

impl HttpRequestAction {
    /// Whether the action ends the `http-request` list, so that 2.6 warns
    /// about the rules after it (`ACT_FLAG_FINAL`, src/http_act.c).
    pub fn is_final(&self) -> bool {
        match self {
            HttpRequestAction::Deny { .. } | HttpRequestAction::Return { .. } => true,
            // Not `reject` nor `silent-drop` (a run of 2.6).
            HttpRequestAction::Other(a) => {
                matches!(a.as_str(), "allow" | "auth" | "redirect" | "tarpit")
            }
        }
    }
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
    /// `disabled` (`PR_FL_DISABLED`): HAProxy skips the proxy's checks and
    /// never binds its listeners.
    pub disabled: bool,
    /// Whether the proxy has a log address (`logsrvs`): a `log` line of its
    /// own or of its `defaults`, or `log global` with one in `global`.
    pub log_address: bool,
    /// The log format (`conf.logformat_string`) and the line that set it
    /// (`conf.lfs_line`).
    pub log_format: Option<(LogFormat, u32)>,
    /// What only HTTP mode uses, which a tcp proxy ignores with a warning.
    pub http_only: HttpOnly,
    default_server: ServerDefaults,
}

/// Settings podlab does not simulate but whose presence HAProxy checks
/// against the proxy's mode (`proxy_cfg_ensure_no_http()` in src/proxy.c
/// and `check_config_validity()`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HttpOnly {
    pub cookie: bool,
    pub monitor_uri: bool,
    /// `balance uri`, `url_param` or `hdr()` (`BE_LB_NEED_HTTP`).
    pub l7_hash: bool,
    /// A `stats` line that sets up the statistics page (`uri_auth`).
    pub stats: bool,
    pub http_response: bool,
    pub http_after_response: bool,
}

/// Which log format a proxy logs with: HAProxy's built-in ones (`option
/// httplog`, `option httplog clf`, `option httpslog`, `option tcplog`) or a
/// `log-format` of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Http,
    HttpClf,
    Https,
    Tcp,
    Custom,
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
            disabled: false,
            log_address: false,
            log_format: None,
            http_only: HttpOnly::default(),
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
            // `proxy_defproxy_cpy()` in src/proxy.c: the disabled flag and
            // the log addresses go to every proxy, the log format only to
            // those that can be frontends.
            p.disabled = d.disabled;
            p.log_address = d.log_address;
            if kind.is_frontend() {
                p.maxconn = d.maxconn;
                p.default_backend = d.default_backend.clone();
            }
            if kind.is_frontend() || kind == ProxyKind::Defaults {
                p.log_format = d.log_format;
            }
            let (fe, be) = (
                kind.is_frontend() || kind == ProxyKind::Defaults,
                kind.is_backend() || kind == ProxyKind::Defaults,
            );
            p.http_only = HttpOnly {
                cookie: d.http_only.cookie && be,
                monitor_uri: d.http_only.monitor_uri && fe,
                l7_hash: d.http_only.l7_hash && be,
                stats: d.http_only.stats,
                http_response: false,
                http_after_response: false,
            };
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
    /// Whether `global` has a `log` line (for a proxy's `log global`).
    pub log: bool,
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
    /// The last `defaults` section (`last_defproxy`).
    defaults: Option<Proxy>,
    /// The `defaults` a new `defaults` section starts from
    /// (`curr_defproxy` in src/cfgparse-listen.c): set only when a regular
    /// proxy opens, so a `defaults` right after another starts afresh.
    curr_defaults: Option<Proxy>,
    cfg: Config,
    /// Where each name is in `cfg.proxies`, for the clash check (a linear
    /// search per section made 100 000 backends take minutes).
    by_name: BTreeMap<String, Vec<usize>>,
}

/// HAProxy's `sanitize_for_printing()` (src/tools.c): about `width` bytes
/// of `line` around byte `pos`, with `...` where cut; blanks print as
/// spaces and any other byte that is not printable ASCII (each byte of a
/// UTF-8 character) as `?`. Returns the text and `pos` within it.
fn sanitize_for_printing(line: &str, pos: usize, width: usize) -> (String, usize) {
    let bytes = line.as_bytes();
    let (mut out, from, room, shift) = if pos >= width {
        let shift = pos - width / 2;
        (String::from("..."), shift + 3, width - 6, shift)
    } else {
        (String::new(), 0, width, 0)
    };
    for &b in bytes.iter().skip(from).take(room) {
        out.push(match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => ' ',
            0x21..=0x7e => b as char,
            _ => '?',
        });
    }
    if shift > 0 || pos >= width {
        out.push_str("...");
    }
    (out, pos - shift)
}

/// Parse haproxy.cfg as the given HAProxy version would.
pub fn parse(text: &str, version: Version) -> Config {
    let lexed = lex::lex(text, &[]);
    let mut p = Parser {
        version,
        text,
        section: Section::None,
        defaults: None,
        curr_defaults: None,
        cfg: Config {
            version,
            global: Global::default(),
            proxies: Vec::new(),
            messages: Vec::new(),
            unmodelled: Vec::new(),
        },
        by_name: BTreeMap::new(),
    };
    for line in &lexed.lines {
        // Only this line's messages (and the one before, which a line may
        // mark) can abort: looking at all of them per line was quadratic.
        let before = p.cfg.messages.len().saturating_sub(1);
        p.line(line);
        if p.cfg.messages[before..].iter().any(|m| m.abort) {
            break;
        }
    }
    if let Some((number, pos)) = lexed.stray_nul {
        let line = Line {
            number,
            span: Span::new(text.len() as u32, text.len() as u32),
            words: Vec::new(),
            error: None,
        };
        p.alert(
            Form::ParsingTight,
            &line,
            line.span,
            format!("Stray NUL character at position {pos}."),
        );
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

    /// A time value, with 2.6's warning for what follows a valid unit.
    fn time(&mut self, line: &Line, value: &str) -> Result<SimDuration, char> {
        let (t, trailing) = parse_time_err(value)?;
        if let Some(c) = trailing
            && self.version.at_least(2, 0)
        {
            self.warn(
                Form::Plain,
                line,
                line.span,
                format!(
                    "unexpected character '{c}' after the timer value '{value}', only (us=microseconds,ms=milliseconds,s=seconds,m=minutes,h=hours,d=days) are supported. This will be reported as an error in next versions."
                ),
            );
        }
        Ok(t)
    }

    fn unmodelled(&mut self, line: &Line, what: String) {
        self.cfg
            .unmodelled
            .push((line.number, line.span_of(0), what));
    }

    fn line(&mut self, line: &Line) {
        if let Some(LexError::TooMany { position, word }) = &line.error {
            self.alert(
                Form::ParsingTight,
                line,
                line.span,
                format!(
                    "too many words, truncating after word {}, position {position}: <{word}>.",
                    lex::MAX_LINE_ARGS
                ),
            );
            return;
        }
        if let Some(err) = &line.error {
            let (what, pos) = match err {
                LexError::UnmatchedQuote { position } => ("unmatched quote", *position),
                LexError::BadHex { position } => {
                    ("truncated or invalid hexadecimal sequence", *position)
                }
                LexError::UnmatchedBrace { position } => {
                    ("unmatched brace in environment variable name", *position)
                }
                LexError::TooMany { .. } => return,
            };
            // HAProxy shows the line from its first non-blank character,
            // with the caret under the offending one.
            let full = &self.text[line.span.range()];
            let text = full.trim_start_matches([' ', '\t']);
            let blanks = full.len() - text.len();
            let (text, at) = sanitize_for_printing(text, pos.saturating_sub(1 + blanks), 80);
            let caret = format!("{}^", " ".repeat(at));
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
        if kind != ProxyKind::Defaults
            && let Some(c) = invalid_char(&name)
        {
            self.alert(
                Form::Parsing,
                line,
                line.span_of(1),
                format!("character '{c}' is not permitted in '{kw}' name '{name}'."),
            );
        }
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
                self.curr_defaults.as_ref(),
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
        // A frontend's name clashes with a frontend's, a backend's with a
        // backend's (`proxy_fe_by_name()`/`proxy_be_by_name()`).
        let clash = |p: &&Proxy| {
            p.name == name
                && if kind.is_frontend() {
                    p.is_frontend()
                } else {
                    p.is_backend()
                }
        };
        let same_name = self.by_name.get(&name).map_or(&[][..], Vec::as_slice);
        if let Some(prev) = same_name.iter().map(|&i| &self.cfg.proxies[i]).find(clash) {
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
        self.curr_defaults = self.defaults.clone();
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
        self.by_name
            .entry(px.name.clone())
            .or_default()
            .push(self.cfg.proxies.len());
        self.cfg.proxies.push(px);
        self.section = Section::Proxy(self.cfg.proxies.len() - 1);
    }

    fn unknown_keyword(&mut self, line: &Line, section: &str, hint: Option<&str>) {
        let kw = line.arg(0);
        let mut text = format!("unknown keyword '{kw}' in '{section}' section");
        if let Some(h) = hint {
            text.push_str(&format!("; did you mean '{h}' maybe ?"));
        }
        self.alert(Form::Parsing, line, line.span_of(0), text);
    }
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

/// Where a timer in milliseconds (`TIME_UNIT_MS`) falls outside what
/// HAProxy 2.6's `parse_time_err()` accepts: its `PARSE_TIME_OVER` (2^31 ms
/// or more) and `PARSE_TIME_UNDER` (not zero, but under 1 ms), computed as
/// its C does, in `unsigned long long` that wraps. `None` when in range or
/// not a valid time (the caller reports that).
pub fn timer_out_of_range(s: &str) -> Option<TimerRange> {
    let (value, result) = c_timer_ms(s)?;
    if result >= 0x8000_0000 {
        Some(TimerRange::Over)
    } else if result == 0 && value != 0 {
        Some(TimerRange::Under)
    } else {
        None
    }
}

/// What `parse_time_err()` makes of a timer in milliseconds: the number as
/// read (wrapping) and the result in milliseconds (wrapping too, rounded
/// up from microseconds). `None` when it is not a valid time.
pub fn c_timer_ms(s: &str) -> Option<(u64, u64)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let value = s.as_bytes()[..digits].iter().fold(0u64, |v, d| {
        v.wrapping_mul(10).wrapping_add(u64::from(d - b'0'))
    });
    let unit = &s[digits..];
    // (multiplier, divisor) to milliseconds, reduced as parse_time_err does.
    let (mul, div): (u64, u64) = if unit.is_empty() || unit.starts_with("ms") {
        (1, 1)
    } else if unit.starts_with("us") {
        (1, 1000)
    } else if unit.starts_with('s') {
        (1000, 1)
    } else if unit.starts_with('m') {
        (60_000, 1)
    } else if unit.starts_with('h') {
        (3_600_000, 1)
    } else if unit.starts_with('d') {
        (86_400_000, 1)
    } else {
        return None;
    };
    Some((value, value.wrapping_mul(mul).wrapping_add(div - 1) / div))
}

/// Why [`timer_out_of_range`] refused a timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerRange {
    Over,
    Under,
}

/// HAProxy's time format: a number with an optional unit (us, ms, s, m, h,
/// d; ms when none). Returns the first unexpected character on error.
pub fn parse_time(s: &str) -> Result<SimDuration, char> {
    parse_time_err(s).map(|(t, _)| t)
}

/// `parse_time_err()` in HAProxy 2.6's src/tools.c: digits, then a unit.
/// A character that is no unit is an error; anything after a valid unit is
/// ignored, and returned so that the caller can warn as 2.6 does.
pub fn parse_time_err(s: &str) -> Result<(SimDuration, Option<char>), char> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(s.chars().next().unwrap_or(' '));
    }
    let n: u64 = digits.parse().unwrap_or(u64::MAX);
    let unit = &s[digits.len()..];
    let (per, rest) = if unit.is_empty() {
        (1000, "")
    } else if let Some(r) = unit.strip_prefix("us") {
        (1, r)
    } else if let Some(r) = unit.strip_prefix("ms") {
        (1000, r)
    } else if let Some(r) = unit.strip_prefix('s') {
        (1_000_000, r)
    } else if let Some(r) = unit.strip_prefix('m') {
        (60_000_000, r)
    } else if let Some(r) = unit.strip_prefix('h') {
        (3_600_000_000, r)
    } else if let Some(r) = unit.strip_prefix('d') {
        (86_400_000_000, r)
    } else {
        return Err(unit.chars().next().unwrap_or(' '));
    };
    Ok((
        SimDuration::from_micros(n.saturating_mul(per)),
        rest.chars().next(),
    ))
}

/// The first character of a proxy or server name outside HAProxy's set
/// (`invalid_char()` in src/tools.c: ASCII letters and digits, '.', '-',
/// '_', ':'), as HAProxy's `'%c'` prints it: a character's first byte alone,
/// which for a non-ASCII character is not UTF-8 and reads as U+FFFD (as a
/// UTF-8 terminal shows it).
pub(super) fn invalid_char(name: &str) -> Option<char> {
    name.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':')))
        .map(|c| {
            if c.is_ascii() {
                c
            } else {
                char::REPLACEMENT_CHARACTER
            }
        })
}
