//! HAProxy's keywords: which section takes which, and HAProxy's own
//! "did you mean" (`cfg_find_best_match()` in src/cfgparse.c, built on
//! `make_word_fingerprint()` in src/tools.c), so podlab suggests exactly what
//! HAProxy 2.x suggests.

use crate::model::base::i18n::Key;

/// Proxy capabilities, as HAProxy's `PR_CAP_*`.
pub const DEF: u8 = 1;
pub const FE: u8 = 2;
pub const BE: u8 = 4;
pub const LISTEN: u8 = FE | BE;

/// A proxy-section keyword: where it is allowed, and whether podlab
/// simulates it (others are accepted and reported as not modelled).
pub struct ProxyKw {
    pub name: &'static str,
    pub caps: u8,
    pub modelled: bool,
}

const fn kw(name: &'static str, caps: u8, modelled: bool) -> ProxyKw {
    ProxyKw {
        name,
        caps,
        modelled,
    }
}

/// The proxy keywords of HAProxy 2.6 (configuration.txt, section 4.1's
/// keyword matrix).
pub const PROXY_KEYWORDS: &[ProxyKw] = &[
    kw("acl", FE | BE, true),
    kw("backlog", DEF | FE, false),
    kw("balance", DEF | BE, true),
    kw("bind", FE, true),
    kw("capture", FE, false),
    kw("compression", DEF | FE | BE, false),
    kw("clitcpka-cnt", DEF | FE, false),
    kw("clitcpka-idle", DEF | FE, false),
    kw("clitcpka-intvl", DEF | FE, false),
    kw("cookie", DEF | BE, false),
    kw("declare", FE | BE, false),
    kw("default-server", DEF | BE, true),
    kw("default_backend", DEF | FE, true),
    kw("description", FE | BE, true),
    kw("disabled", DEF | FE | BE, true),
    kw("dynamic-cookie-key", DEF | BE, false),
    kw("dispatch", BE, false),
    kw("email-alert", DEF | FE | BE, false),
    kw("enabled", DEF | FE | BE, true),
    kw("errorfile", DEF | FE | BE, false),
    kw("errorfiles", DEF | FE | BE, false),
    kw("errorloc", DEF | FE | BE, false),
    kw("errorloc302", DEF | FE | BE, false),
    kw("errorloc303", DEF | FE | BE, false),
    kw("force-persist", FE | BE, false),
    kw("filter", FE | BE, false),
    kw("external-check", DEF | BE, false),
    kw("fullconn", DEF | BE, false),
    kw("hash-type", DEF | BE, false),
    kw("http-after-response", FE | BE, false),
    kw("http-check", DEF | BE, false),
    kw("http-error", DEF | FE | BE, false),
    kw("http-request", FE | BE, true),
    kw("http-response", FE | BE, false),
    kw("http-reuse", DEF | BE, false),
    kw("http-send-name-header", BE, false),
    kw("id", FE | BE, false),
    kw("ignore-persist", BE, false),
    kw("load-server-state-from-file", DEF | BE, false),
    kw("log", DEF | FE | BE, true),
    kw("log-format", DEF | FE | BE, true),
    kw("log-format-sd", DEF | FE | BE, false),
    kw("log-tag", DEF | FE | BE, false),
    kw("max-keep-alive-queue", DEF | BE, false),
    kw("maxconn", DEF | FE, true),
    kw("mode", DEF | FE | BE, true),
    kw("monitor", FE, false),
    kw("monitor-uri", DEF | FE, false),
    kw("option", DEF | FE | BE, true),
    kw("persist", DEF | BE, false),
    kw("rate-limit", DEF | FE, false),
    kw("redirect", FE | BE, true),
    kw("retries", DEF | BE, true),
    kw("retry-on", DEF | BE, false),
    kw("server", BE, true),
    kw("server-state-file-name", DEF | BE, false),
    kw("server-template", BE, false),
    kw("source", DEF | BE, false),
    kw("srvtcpka-cnt", DEF | BE, false),
    kw("srvtcpka-idle", DEF | BE, false),
    kw("srvtcpka-intvl", DEF | BE, false),
    kw("stats", DEF | FE | BE, false),
    kw("stick", BE, false),
    kw("stick-table", FE | BE, false),
    kw("tcp-check", DEF | BE, false),
    kw("tcp-request", FE | BE, false),
    kw("tcp-response", BE, false),
    kw("timeout", DEF | FE | BE, true),
    kw("transparent", DEF | BE, false),
    kw("unique-id-format", DEF | FE, false),
    kw("unique-id-header", DEF | FE, false),
    kw("use-server", BE, false),
    kw("use-fcgi-app", BE, false),
    kw("use_backend", FE, true),
];

/// The options of `cfg_opts[]` and `cfg_opts2[]` in HAProxy 2.6's
/// src/proxy.c (Debian's build, with transparent proxying and splicing),
/// in HAProxy's order, with the capability each needs.
pub const OPTION_FLAGS: &[(&str, u8)] = &[
    ("abortonclose", BE),
    ("allbackups", BE),
    ("checkcache", BE),
    ("clitcpka", FE),
    ("contstats", FE),
    ("dontlognull", FE),
    ("http-buffer-request", FE | BE),
    ("http-ignore-probes", FE),
    ("idle-close-on-response", FE),
    ("prefer-last-server", BE),
    ("logasap", FE),
    ("nolinger", FE | BE),
    ("persist", BE),
    ("srvtcpka", BE),
    ("transparent", BE),
    ("splice-request", FE | BE),
    ("splice-response", FE | BE),
    ("splice-auto", FE | BE),
    ("accept-invalid-http-request", FE),
    ("accept-invalid-http-response", BE),
    ("dontlog-normal", FE),
    ("log-separate-errors", FE),
    ("log-health-checks", BE),
    ("socket-stats", FE),
    ("tcp-smart-accept", FE),
    ("tcp-smart-connect", BE),
    ("independent-streams", FE | BE),
    ("http-use-proxy-header", FE),
    ("http-pretend-keepalive", BE),
    ("http-no-delay", FE | BE),
    ("h1-case-adjust-bogus-client", FE),
    ("h1-case-adjust-bogus-server", BE),
    ("disable-h2-upgrade", FE),
];

/// The options HAProxy 2.6 parses by name in src/cfgparse-listen.c (the
/// `strcmp(args[1], …)` chain of `option`).
pub const OPTION_NAMED: &[&str] = &[
    "external-check",
    "forwardfor",
    "http-keep-alive",
    "http-restrict-req-hdr-names",
    "http-server-close",
    "httpchk",
    "httpclose",
    "httplog",
    "httpslog",
    "ldap-check",
    "mysql-check",
    "originalto",
    "pgsql-check",
    "redis-check",
    "redispatch",
    "smtpchk",
    "spop-check",
    "ssl-hello-chk",
    "tcp-check",
    "tcpka",
    "tcplog",
];

/// A release of HAProxy as (major, minor).
pub type Release = (u8, u8);

/// Options other releases take and 2.6 does not: the name and the releases
/// that know it, from the first to the one before it was gone (None: still
/// there). From src/proxy.c and src/cfgparse-listen.c at each release's tag.
pub const OPTION_OTHER_RELEASES: &[(&str, Release, Option<Release>)] = &[
    ("independant-streams", (1, 0), Some((2, 1))),
    ("http-use-htx", (1, 9), Some((2, 5))),
    ("forwarded", (2, 8), None),
];

/// `common_options[]` in HAProxy 2.6's src/cfgparse-listen.c: offered after
/// the flag options in "did you mean" (`proxy_find_best_option()`), with
/// its `original-to`, which `option` itself does not take.
pub const OPTION_COMMON: &[&str] = &[
    "httpclose",
    "http-server-close",
    "http-keep-alive",
    "redispatch",
    "httplog",
    "tcplog",
    "tcpka",
    "httpchk",
    "ssl-hello-chk",
    "smtpchk",
    "pgsql-check",
    "redis-check",
    "mysql-check",
    "ldap-check",
    "spop-check",
    "tcp-check",
    "external-check",
    "forwardfor",
    "original-to",
];

/// Global-section keywords of HAProxy 2.6; podlab simulates `daemon` and
/// `maxconn`, and everything else is accepted as not modelled.
pub const GLOBAL_KEYWORDS: &[&str] = &[
    "busy-polling",
    "close-spread-time",
    "default-path",
    "expose-experimental-directives",
    "fd-hard-limit",
    "grace",
    "h1-accept-payload-with-any-method",
    "h1-case-adjust-file",
    "httpclient.resolvers.id",
    "httpclient.resolvers.prefer",
    "httpclient.ssl.ca-file",
    "httpclient.ssl.verify",
    "issuers-chain-path",
    "lua-load-per-thread",
    "lua-prepend-path",
    "max-spread-checks",
    "no-memory-trimming",
    "noevports",
    "nokqueue",
    "numa-cpu-mapping",
    "pp2-never-send-local",
    "profiling.tasks",
    "set-dumpable",
    "set-var",
    "set-var-fmt",
    "strict-limits",
    "thread-group",
    "thread-groups",
    "ca-base",
    "chroot",
    "cpu-map",
    "crt-base",
    "daemon",
    "description",
    "external-check",
    "gid",
    "group",
    "h1-case-adjust",
    "hard-stop-after",
    "insecure-fork-wanted",
    "insecure-setuid-wanted",
    "localpeer",
    "log",
    "log-send-hostname",
    "log-tag",
    "lua-load",
    "master-worker",
    "maxcompcpuusage",
    "maxcomprate",
    "maxconn",
    "maxconnrate",
    "maxpipes",
    "maxsessrate",
    "maxsslconn",
    "maxsslrate",
    "maxzlibmem",
    "mworker-max-reloads",
    "nbproc",
    "nbthread",
    "node",
    "noepoll",
    "nogetaddrinfo",
    "nopoll",
    "noreuseport",
    "nosplice",
    "pidfile",
    "presetenv",
    "quiet",
    "resetenv",
    "server-state-base",
    "server-state-file",
    "setenv",
    "spread-checks",
    "ssl-default-bind-ciphers",
    "ssl-default-bind-ciphersuites",
    "ssl-default-bind-options",
    "ssl-default-server-ciphers",
    "ssl-default-server-ciphersuites",
    "ssl-default-server-options",
    "ssl-dh-param-file",
    "ssl-server-verify",
    "stats",
    "tune.bufsize",
    "tune.http.maxhdr",
    "tune.maxrewrite",
    "tune.ssl.default-dh-param",
    "uid",
    "ulimit-n",
    "unix-bind",
    "unsetenv",
    "user",
    "zero-warning",
];

/// Proxy keywords that HAProxy removed, with the release that removed them
/// and the alert it prints from then on (the wording of a run of 2.6,
/// typos included). Before that release they are valid, and podlab reports
/// them as not modelled.
pub const REMOVED: &[(&str, (u8, u8), &str)] = &[
    (
        "reqadd",
        (2, 1),
        "The 'reqadd' directive is not supported anymore since HAProxy 2.1. Use 'http-request add-header' instead.",
    ),
    (
        "reqrep",
        (2, 1),
        "The 'reqrep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header' instead.",
    ),
    (
        "reqirep",
        (2, 1),
        "The 'reqirep' directive is not supported anymore since HAProxy 2.1. Use 'http-request replace-header' instead.",
    ),
    (
        "reqdel",
        (2, 1),
        "The 'reqdel' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead.",
    ),
    (
        "reqidel",
        (2, 1),
        "The 'reqidel' directive is not supported anymore since HAProxy 2.1. Use 'http-request del-header' instead.",
    ),
    (
        "reqdeny",
        (2, 1),
        "The 'reqdeny' not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.",
    ),
    (
        "reqideny",
        (2, 1),
        "The 'reqideny' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' instead.",
    ),
    (
        "reqpass",
        (2, 1),
        "The 'reqpass' not supported anymore since HAProxy 2.1.",
    ),
    (
        "reqipass",
        (2, 1),
        "The 'reqipass' directive is not supported anymore since HAProxy 2.1.",
    ),
    (
        "reqallow",
        (2, 1),
        "The 'reqallow' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead.",
    ),
    (
        "reqiallow",
        (2, 1),
        "The 'reqiallow' directive is not supported anymore since HAProxy 2.1. Use 'http-request allow' instead.",
    ),
    (
        "reqtarpit",
        (2, 1),
        "The 'reqtarpit' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead.",
    ),
    (
        "reqitarpit",
        (2, 1),
        "The 'reqitarpit' directive is not supported anymore since HAProxy 2.1. Use 'http-request tarpit' instead.",
    ),
    (
        "rspadd",
        (2, 1),
        "The 'rspadd' directive is not supported anymore since HAProxy 2.1. Use 'http-response add-header' instead.",
    ),
    (
        "rsprep",
        (2, 1),
        "The 'rsprep' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.",
    ),
    (
        "rspirep",
        (2, 1),
        "The 'rspirep' directive is not supported anymore since HAProxy 2.1. Use 'http-response replace-header' instead.",
    ),
    (
        "rspdel",
        (2, 1),
        "The 'rspdel' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' .",
    ),
    (
        "rspidel",
        (2, 1),
        "The 'rspidel' directive is not supported anymore since HAProxy 2.1. Use 'http-response del-header' instead.",
    ),
    (
        "rspdeny",
        (2, 1),
        "The 'rspdeny' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead.",
    ),
    (
        "rspideny",
        (2, 1),
        "The 'rspideny' directive is not supported anymore since HAProxy 2.1. Use 'http-response deny' instead.",
    ),
    (
        "block",
        (2, 1),
        "The 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax.",
    ),
    (
        "clitimeout",
        (2, 1),
        "the 'clitimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout client'.",
    ),
    (
        "contimeout",
        (2, 1),
        "the 'contimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout connect'.",
    ),
    (
        "srvtimeout",
        (2, 1),
        "the 'srvtimeout' directive is not supported anymore since HAProxy 2.1. Use 'timeout server'.",
    ),
    (
        "redisp",
        (2, 1),
        "keyword 'redisp' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'.",
    ),
    (
        "redispatch",
        (2, 1),
        "keyword 'redispatch' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'.",
    ),
];

/// Section keywords: a line starting with one opens a new section.
pub const SECTIONS: &[&str] = &[
    "global",
    "defaults",
    "listen",
    "frontend",
    "backend",
    "userlist",
    "peers",
    "resolvers",
    "mailers",
    "http-errors",
    "ring",
    "cache",
    "program",
    "log-forward",
    "fcgi-app",
];

/// Extra words HAProxy offers as suggestions in proxy sections
/// (`common_kw_list` in src/cfgparse-listen.c).
pub const PROXY_COMMON: &[&str] = &["listen", "frontend", "backend", "defaults"];

/// Extra words for the global section (`common_kw_list` in
/// src/cfgparse-global.c).
pub const GLOBAL_COMMON: &[&str] = &[
    "global",
    "defaults",
    "listen",
    "frontend",
    "backend",
    "peers",
    "resolvers",
];

/// `timeout` sub-keywords in HAProxy's order of its error message.
pub const TIMEOUTS: &[&str] = &[
    "client",
    "server",
    "connect",
    "check",
    "queue",
    "http-keep-alive",
    "http-request",
    "tunnel",
    "tarpit",
    "client-fin",
    "server-fin",
];

/// Server keywords of HAProxy 2.6 (`haproxy -dKcfg`), each with whether it
/// takes an argument. podlab simulates check, no-check, backup, disabled,
/// enabled, maxconn, weight, inter, rise and fall; the rest are accepted as
/// not modelled.
pub const SERVER_KEYWORDS: &[(&str, bool)] = &[
    ("addr", true),
    ("agent-addr", true),
    ("agent-check", false),
    ("agent-inter", true),
    ("agent-port", true),
    ("agent-send", true),
    ("allow-0rtt", false),
    ("alpn", true),
    ("backup", false),
    ("ca-file", true),
    ("check", false),
    ("check-alpn", true),
    ("check-proto", true),
    ("check-send-proxy", false),
    ("check-sni", true),
    ("check-ssl", false),
    ("check-via-socks4", false),
    ("ciphers", true),
    ("ciphersuites", true),
    ("cookie", true),
    ("crl-file", true),
    ("crt", true),
    ("disabled", false),
    ("downinter", true),
    ("enabled", false),
    ("error-limit", true),
    ("fall", true),
    ("fastinter", true),
    ("force-sslv3", false),
    ("force-tlsv10", false),
    ("force-tlsv11", false),
    ("force-tlsv12", false),
    ("force-tlsv13", false),
    ("id", true),
    ("init-addr", true),
    ("inter", true),
    ("log-proto", true),
    ("max-reuse", true),
    ("maxconn", true),
    ("maxqueue", true),
    ("minconn", true),
    ("namespace", true),
    ("no-agent-check", false),
    ("no-backup", false),
    ("no-check", false),
    ("no-check-send-proxy", false),
    ("no-check-ssl", false),
    ("no-send-proxy", false),
    ("no-send-proxy-v2", false),
    ("no-send-proxy-v2-ssl", false),
    ("no-send-proxy-v2-ssl-cn", false),
    ("no-ssl", false),
    ("no-ssl-reuse", false),
    ("no-sslv3", false),
    ("no-tfo", false),
    ("no-tls-tickets", false),
    ("no-tlsv10", false),
    ("no-tlsv11", false),
    ("no-tlsv12", false),
    ("no-tlsv13", false),
    ("non-stick", false),
    ("npn", true),
    ("observe", true),
    ("on-error", true),
    ("on-marked-down", true),
    ("on-marked-up", true),
    ("pool-low-conn", true),
    ("pool-max-conn", true),
    ("pool-purge-delay", true),
    ("port", true),
    ("proto", true),
    ("proxy-v2-options", true),
    ("redir", true),
    ("resolve-net", true),
    ("resolve-opts", true),
    ("resolve-prefer", true),
    ("resolvers", true),
    ("rise", true),
    ("send-proxy", false),
    ("send-proxy-v2", false),
    ("send-proxy-v2-ssl", false),
    ("send-proxy-v2-ssl-cn", false),
    ("slowstart", true),
    ("sni", true),
    ("socks4", true),
    ("source", true),
    ("ssl", false),
    ("ssl-max-ver", true),
    ("ssl-min-ver", true),
    ("ssl-reuse", false),
    ("stick", false),
    ("tcp-ut", true),
    ("tfo", false),
    ("tls-tickets", false),
    ("track", true),
    ("usesrc", false),
    ("verify", true),
    ("verifyhost", true),
    ("weight", true),
    ("ws", true),
];

/// Bind keywords of HAProxy 2.6 (`haproxy -dKcfg`, the ssl ones included),
/// each with whether it takes an argument. podlab simulates `v4v6`, `v6only`
/// and `name`.
pub const BIND_KEYWORDS: &[(&str, bool)] = &[
    ("accept-netscaler-cip", true),
    ("accept-proxy", false),
    ("allow-0rtt", false),
    ("alpn", true),
    ("backlog", true),
    ("ca-file", true),
    ("ca-ignore-err", true),
    ("ca-sign-file", true),
    ("ca-sign-pass", true),
    ("ca-verify-file", true),
    ("ciphers", true),
    ("ciphersuites", true),
    ("crl-file", true),
    ("crt", true),
    ("crt-ignore-err", true),
    ("crt-list", true),
    ("curves", true),
    ("defer-accept", false),
    ("ecdhe", true),
    ("expose-fd", true),
    ("force-sslv3", false),
    ("force-tlsv10", false),
    ("force-tlsv11", false),
    ("force-tlsv12", false),
    ("force-tlsv13", false),
    ("generate-certificates", false),
    ("gid", true),
    ("group", true),
    ("id", true),
    ("interface", true),
    ("level", true),
    ("maxconn", true),
    ("mode", true),
    ("mss", true),
    ("name", true),
    ("namespace", true),
    ("nice", true),
    ("no-ca-names", false),
    ("no-sslv3", false),
    ("no-tls-tickets", false),
    ("no-tlsv10", false),
    ("no-tlsv11", false),
    ("no-tlsv12", false),
    ("no-tlsv13", false),
    ("npn", true),
    ("prefer-client-ciphers", false),
    ("process", true),
    ("proto", true),
    ("severity-output", true),
    ("shards", true),
    ("ssl-max-ver", true),
    ("ssl-min-ver", true),
    ("strict-sni", false),
    ("tcp-ut", true),
    ("tfo", false),
    ("thread", true),
    ("tls-ticket-keys", true),
    ("transparent", false),
    ("uid", true),
    ("user", true),
    ("v4v6", false),
    ("v6only", false),
    ("verify", true),
];

/// Where a help text applies: a section kind, or the options of a `server`
/// or `bind` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpScope {
    /// Section keywords themselves (`global`, `listen`, ...).
    Section,
    Global,
    /// defaults, listen, frontend and backend.
    Proxy,
    Server,
    Bind,
}

/// Short explanations, paraphrasing HAProxy 2.6's configuration manual
/// (doc/configuration.txt, sections 3, 4 and 5); their texts, in English
/// and Traditional Chinese, are the catalogue's (`base::i18n`).
const HELP: &[(HelpScope, &str, Key)] = &[
    (HelpScope::Section, "global", Key::HelpSectionGlobal),
    (HelpScope::Section, "defaults", Key::HelpSectionDefaults),
    (HelpScope::Section, "listen", Key::HelpSectionListen),
    (HelpScope::Section, "frontend", Key::HelpSectionFrontend),
    (HelpScope::Section, "backend", Key::HelpSectionBackend),
    (HelpScope::Section, "userlist", Key::HelpSectionUserlist),
    (HelpScope::Section, "peers", Key::HelpSectionPeers),
    (HelpScope::Section, "resolvers", Key::HelpSectionResolvers),
    (HelpScope::Global, "daemon", Key::HelpGlobalDaemon),
    (HelpScope::Global, "maxconn", Key::HelpGlobalMaxconn),
    (HelpScope::Global, "log", Key::HelpGlobalLog),
    (HelpScope::Global, "user", Key::HelpGlobalUser),
    (HelpScope::Global, "group", Key::HelpGlobalGroup),
    (HelpScope::Global, "chroot", Key::HelpGlobalChroot),
    (HelpScope::Global, "pidfile", Key::HelpGlobalPidfile),
    (HelpScope::Global, "nbthread", Key::HelpGlobalNbthread),
    (HelpScope::Global, "stats", Key::HelpGlobalStats),
    (HelpScope::Proxy, "mode", Key::HelpProxyMode),
    (HelpScope::Proxy, "bind", Key::HelpProxyBind),
    (HelpScope::Proxy, "server", Key::HelpProxyServer),
    (
        HelpScope::Proxy,
        "default-server",
        Key::HelpProxyDefaultServer,
    ),
    (HelpScope::Proxy, "timeout", Key::HelpProxyTimeout),
    (
        HelpScope::Proxy,
        "timeout connect",
        Key::HelpProxyTimeoutConnect,
    ),
    (
        HelpScope::Proxy,
        "timeout client",
        Key::HelpProxyTimeoutClient,
    ),
    (
        HelpScope::Proxy,
        "timeout server",
        Key::HelpProxyTimeoutServer,
    ),
    (
        HelpScope::Proxy,
        "timeout queue",
        Key::HelpProxyTimeoutQueue,
    ),
    (
        HelpScope::Proxy,
        "timeout check",
        Key::HelpProxyTimeoutCheck,
    ),
    (HelpScope::Proxy, "retries", Key::HelpProxyRetries),
    (HelpScope::Proxy, "maxconn", Key::HelpProxyMaxconn),
    (HelpScope::Proxy, "balance", Key::HelpProxyBalance),
    (
        HelpScope::Proxy,
        "default_backend",
        Key::HelpProxyDefaultBackend,
    ),
    (HelpScope::Proxy, "use_backend", Key::HelpProxyUseBackend),
    (HelpScope::Proxy, "acl", Key::HelpProxyAcl),
    (HelpScope::Proxy, "http-request", Key::HelpProxyHttpRequest),
    (HelpScope::Proxy, "redirect", Key::HelpProxyRedirect),
    (HelpScope::Proxy, "option", Key::HelpProxyOption),
    (HelpScope::Proxy, "log", Key::HelpProxyLog),
    (HelpScope::Proxy, "description", Key::HelpProxyDescription),
    (HelpScope::Proxy, "errorfile", Key::HelpProxyErrorfile),
    (HelpScope::Proxy, "stats", Key::HelpProxyStats),
    (HelpScope::Server, "check", Key::HelpServerCheck),
    (HelpScope::Server, "maxconn", Key::HelpServerMaxconn),
    (HelpScope::Server, "backup", Key::HelpServerBackup),
    (HelpScope::Server, "disabled", Key::HelpServerDisabled),
    (HelpScope::Server, "inter", Key::HelpServerInter),
    (HelpScope::Server, "weight", Key::HelpServerWeight),
    (HelpScope::Server, "rise", Key::HelpServerRise),
    (HelpScope::Server, "fall", Key::HelpServerFall),
    (HelpScope::Bind, "v4v6", Key::HelpBindV4v6),
    (HelpScope::Bind, "v6only", Key::HelpBindV6only),
    (HelpScope::Bind, "ssl", Key::HelpBindSsl),
];

/// A short explanation of `keyword` in `scope`.
pub fn help(scope: HelpScope, keyword: &str) -> Option<Key> {
    HELP.iter()
        .find(|(s, k, _)| *s == scope && *k == keyword)
        .map(|(_, _, k)| *k)
}

/// The keyword under a byte offset of haproxy.cfg, with its help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeywordAt {
    pub scope: HelpScope,
    /// The keyword as it is looked up (`timeout connect`, `check`).
    pub keyword: String,
    /// The word under the offset.
    pub span: crate::model::base::diag::Span,
    pub help: Option<Key>,
}

/// Find the keyword under `offset` in `text`: a section name, a section's
/// keyword (with its sub-keyword for `timeout`), or an option of a `server`
/// or `bind` line. `None` off any word, or on an argument that is not a
/// keyword.
pub fn keyword_at(text: &str, offset: usize) -> Option<KeywordAt> {
    let lexed = super::lex::lex(text, &[]);
    let mut in_global = false;
    for line in &lexed.lines {
        let first = line.arg(0);
        let opens = SECTIONS.contains(&first);
        if opens {
            in_global = first == "global";
        }
        let Some(i) = line
            .words
            .iter()
            .position(|w| (w.span.start as usize) <= offset && offset <= (w.span.end as usize))
        else {
            continue;
        };
        let span = line.words[i].span;
        let word = line.words[i].text.as_str();
        let found = |scope, keyword: String| {
            let help = help(scope, &keyword);
            Some(KeywordAt {
                scope,
                keyword,
                span,
                help,
            })
        };
        let scope = if in_global {
            HelpScope::Global
        } else {
            HelpScope::Proxy
        };
        return match (i, first) {
            (0, _) if opens => found(HelpScope::Section, word.to_string()),
            (0, "timeout") if !in_global && !line.arg(1).is_empty() => {
                let both = format!("timeout {}", line.arg(1));
                if help(scope, &both).is_some() {
                    found(scope, both)
                } else {
                    found(scope, first.to_string())
                }
            }
            (0, _) => found(scope, word.to_string()),
            (1, "timeout") if !in_global => found(scope, format!("timeout {word}")),
            (i, "server" | "default-server") if !in_global && i >= 2 => SERVER_KEYWORDS
                .iter()
                .any(|(k, _)| *k == word)
                .then(|| found(HelpScope::Server, word.to_string()))
                .flatten(),
            (i, "bind") if !in_global && i >= 2 => BIND_KEYWORDS
                .iter()
                .any(|(k, _)| *k == word)
                .then(|| found(HelpScope::Bind, word.to_string()))
                .flatten(),
            _ => None,
        };
    }
    None
}

/// ACL criteria HAProxy 2.6 knows: its ACL keywords (`haproxy -dKacl`) and
/// sample fetch functions (`haproxy -dKsmp`). Anything else is "unknown
/// fetch method". Asked through [`FETCHES_PACKED`].
pub const FETCHES: &[&str] = &[
    "always_false",
    "always_true",
    "avg_queue",
    "base",
    "base32",
    "base32+src",
    "base_beg",
    "base_dir",
    "base_dom",
    "base_end",
    "base_len",
    "base_reg",
    "base_sub",
    "baseq",
    "bc_dst",
    "bc_dst_port",
    "bc_err",
    "bc_err_str",
    "bc_http_major",
    "bc_src",
    "bc_src_port",
    "be_conn",
    "be_conn_free",
    "be_id",
    "be_name",
    "be_server_timeout",
    "be_sess_rate",
    "be_tunnel_timeout",
    "bin",
    "bool",
    "capture.req.hdr",
    "capture.req.method",
    "capture.req.uri",
    "capture.req.ver",
    "capture.res.hdr",
    "capture.res.ver",
    "connslots",
    "cook",
    "cook_beg",
    "cook_cnt",
    "cook_dir",
    "cook_dom",
    "cook_end",
    "cook_len",
    "cook_reg",
    "cook_sub",
    "cook_val",
    "cookie",
    "cpu_calls",
    "cpu_ns_avg",
    "cpu_ns_tot",
    "cur_server_timeout",
    "cur_tunnel_timeout",
    "date",
    "date_us",
    "distcc_body",
    "distcc_param",
    "dst",
    "dst_conn",
    "dst_is_local",
    "dst_port",
    "env",
    "fc_dst",
    "fc_dst_is_local",
    "fc_dst_port",
    "fc_err",
    "fc_err_str",
    "fc_fackets",
    "fc_http_major",
    "fc_lost",
    "fc_pp_authority",
    "fc_pp_unique_id",
    "fc_rcvd_proxy",
    "fc_reordering",
    "fc_retrans",
    "fc_rtt",
    "fc_rttvar",
    "fc_sacked",
    "fc_src",
    "fc_src_is_local",
    "fc_src_port",
    "fc_unacked",
    "fcgi.docroot",
    "fcgi.index",
    "fe_client_timeout",
    "fe_conn",
    "fe_defbe",
    "fe_id",
    "fe_name",
    "fe_req_rate",
    "fe_sess_rate",
    "hdr",
    "hdr_beg",
    "hdr_cnt",
    "hdr_dir",
    "hdr_dom",
    "hdr_end",
    "hdr_ip",
    "hdr_len",
    "hdr_reg",
    "hdr_sub",
    "hdr_val",
    "hostname",
    "http_auth",
    "http_auth_bearer",
    "http_auth_group",
    "http_auth_pass",
    "http_auth_type",
    "http_auth_user",
    "http_first_req",
    "int",
    "internal.htx.data",
    "internal.htx.free",
    "internal.htx.free_data",
    "internal.htx.has_eom",
    "internal.htx.nbblks",
    "internal.htx.size",
    "internal.htx.used",
    "internal.htx_blk.data",
    "internal.htx_blk.hdrname",
    "internal.htx_blk.hdrval",
    "internal.htx_blk.size",
    "internal.htx_blk.start_line",
    "internal.htx_blk.type",
    "internal.strm.is_htx",
    "ipv4",
    "ipv6",
    "last_rule_file",
    "last_rule_line",
    "lat_ns_avg",
    "lat_ns_tot",
    "meth",
    "method",
    "nbproc",
    "nbsrv",
    "path",
    "path_beg",
    "path_dir",
    "path_dom",
    "path_end",
    "path_len",
    "path_reg",
    "path_sub",
    "pathq",
    "payload",
    "payload_lv",
    "prio_class",
    "prio_offset",
    "proc",
    "query",
    "queue",
    "rand",
    "rdp_cookie",
    "rdp_cookie_cnt",
    "rep_ssl_hello_type",
    "req.body",
    "req.body_len",
    "req.body_param",
    "req.body_size",
    "req.cook",
    "req.cook_cnt",
    "req.cook_val",
    "req.fhdr",
    "req.fhdr_cnt",
    "req.hdr",
    "req.hdr_cnt",
    "req.hdr_ip",
    "req.hdr_names",
    "req.hdr_val",
    "req.hdrs",
    "req.hdrs_bin",
    "req.len",
    "req.payload",
    "req.payload_lv",
    "req.proto_http",
    "req.rdp_cookie",
    "req.rdp_cookie_cnt",
    "req.ssl_alpn",
    "req.ssl_ec_ext",
    "req.ssl_hello_type",
    "req.ssl_sni",
    "req.ssl_st_ext",
    "req.ssl_ver",
    "req.ver",
    "req_len",
    "req_proto_http",
    "req_rdp_cookie",
    "req_rdp_cookie_cnt",
    "req_ssl_hello_type",
    "req_ssl_sni",
    "req_ssl_ver",
    "req_ver",
    "res.body",
    "res.body_len",
    "res.body_size",
    "res.cache_hit",
    "res.cache_name",
    "res.comp",
    "res.comp_algo",
    "res.cook",
    "res.cook_cnt",
    "res.cook_val",
    "res.fhdr",
    "res.fhdr_cnt",
    "res.hdr",
    "res.hdr_cnt",
    "res.hdr_ip",
    "res.hdr_names",
    "res.hdr_val",
    "res.hdrs",
    "res.hdrs_bin",
    "res.len",
    "res.payload",
    "res.payload_lv",
    "res.ssl_hello_type",
    "res.ver",
    "resp_ver",
    "sc0_bytes_in_rate",
    "sc0_bytes_out_rate",
    "sc0_clr_gpc0",
    "sc0_clr_gpc1",
    "sc0_conn_cnt",
    "sc0_conn_cur",
    "sc0_conn_rate",
    "sc0_get_gpc0",
    "sc0_get_gpc1",
    "sc0_get_gpt0",
    "sc0_gpc0_rate",
    "sc0_gpc1_rate",
    "sc0_http_err_cnt",
    "sc0_http_err_rate",
    "sc0_http_fail_cnt",
    "sc0_http_fail_rate",
    "sc0_http_req_cnt",
    "sc0_http_req_rate",
    "sc0_inc_gpc0",
    "sc0_inc_gpc1",
    "sc0_kbytes_in",
    "sc0_kbytes_out",
    "sc0_sess_cnt",
    "sc0_sess_rate",
    "sc0_tracked",
    "sc0_trackers",
    "sc1_bytes_in_rate",
    "sc1_bytes_out_rate",
    "sc1_clr_gpc",
    "sc1_clr_gpc0",
    "sc1_clr_gpc1",
    "sc1_conn_cnt",
    "sc1_conn_cur",
    "sc1_conn_rate",
    "sc1_get_gpc0",
    "sc1_get_gpc1",
    "sc1_get_gpt0",
    "sc1_gpc0_rate",
    "sc1_gpc1_rate",
    "sc1_http_err_cnt",
    "sc1_http_err_rate",
    "sc1_http_fail_cnt",
    "sc1_http_fail_rate",
    "sc1_http_req_cnt",
    "sc1_http_req_rate",
    "sc1_inc_gpc0",
    "sc1_inc_gpc1",
    "sc1_kbytes_in",
    "sc1_kbytes_out",
    "sc1_sess_cnt",
    "sc1_sess_rate",
    "sc1_tracked",
    "sc1_trackers",
    "sc2_bytes_in_rate",
    "sc2_bytes_out_rate",
    "sc2_clr_gpc0",
    "sc2_clr_gpc1",
    "sc2_conn_cnt",
    "sc2_conn_cur",
    "sc2_conn_rate",
    "sc2_get_gpc0",
    "sc2_get_gpc1",
    "sc2_get_gpt0",
    "sc2_gpc0_rate",
    "sc2_gpc1_rate",
    "sc2_http_err_cnt",
    "sc2_http_err_rate",
    "sc2_http_fail_cnt",
    "sc2_http_fail_rate",
    "sc2_http_req_cnt",
    "sc2_http_req_rate",
    "sc2_inc_gpc0",
    "sc2_inc_gpc1",
    "sc2_kbytes_in",
    "sc2_kbytes_out",
    "sc2_sess_cnt",
    "sc2_sess_rate",
    "sc2_tracked",
    "sc2_trackers",
    "sc_bytes_in_rate",
    "sc_bytes_out_rate",
    "sc_clr_gpc",
    "sc_clr_gpc0",
    "sc_clr_gpc1",
    "sc_conn_cnt",
    "sc_conn_cur",
    "sc_conn_rate",
    "sc_get_gpc",
    "sc_get_gpc0",
    "sc_get_gpc1",
    "sc_get_gpt",
    "sc_get_gpt0",
    "sc_gpc0_rate",
    "sc_gpc1_rate",
    "sc_gpc_rate",
    "sc_http_err_cnt",
    "sc_http_err_rate",
    "sc_http_fail_cnt",
    "sc_http_fail_rate",
    "sc_http_req_cnt",
    "sc_http_req_rate",
    "sc_inc_gpc",
    "sc_inc_gpc0",
    "sc_inc_gpc1",
    "sc_kbytes_in",
    "sc_kbytes_out",
    "sc_sess_cnt",
    "sc_sess_rate",
    "sc_tracked",
    "sc_trackers",
    "scook",
    "scook_beg",
    "scook_cnt",
    "scook_dir",
    "scook_dom",
    "scook_end",
    "scook_len",
    "scook_reg",
    "scook_sub",
    "scook_val",
    "shdr",
    "shdr_beg",
    "shdr_cnt",
    "shdr_dir",
    "shdr_dom",
    "shdr_end",
    "shdr_ip",
    "shdr_len",
    "shdr_reg",
    "shdr_sub",
    "shdr_val",
    "so_id",
    "so_name",
    "src",
    "src_bytes_in_rate",
    "src_bytes_out_rate",
    "src_clr_gpc",
    "src_clr_gpc0",
    "src_clr_gpc1",
    "src_conn_cnt",
    "src_conn_cur",
    "src_conn_rate",
    "src_get_gpc",
    "src_get_gpc0",
    "src_get_gpc1",
    "src_get_gpt",
    "src_get_gpt0",
    "src_gpc0_rate",
    "src_gpc1_rate",
    "src_gpc_rate",
    "src_http_err_cnt",
    "src_http_err_rate",
    "src_http_fail_cnt",
    "src_http_fail_rate",
    "src_http_req_cnt",
    "src_http_req_rate",
    "src_inc_gpc",
    "src_inc_gpc0",
    "src_inc_gpc1",
    "src_is_local",
    "src_kbytes_in",
    "src_kbytes_out",
    "src_port",
    "src_sess_cnt",
    "src_sess_rate",
    "src_updt_conn_cnt",
    "srv_conn",
    "srv_conn_free",
    "srv_id",
    "srv_is_up",
    "srv_iweight",
    "srv_name",
    "srv_queue",
    "srv_sess_rate",
    "srv_uweight",
    "srv_weight",
    "ssl_bc",
    "ssl_bc_alg_keysize",
    "ssl_bc_alpn",
    "ssl_bc_cipher",
    "ssl_bc_client_random",
    "ssl_bc_err",
    "ssl_bc_err_str",
    "ssl_bc_is_resumed",
    "ssl_bc_npn",
    "ssl_bc_protocol",
    "ssl_bc_server_random",
    "ssl_bc_session_id",
    "ssl_bc_session_key",
    "ssl_bc_unique_id",
    "ssl_bc_use_keysize",
    "ssl_c_ca_err",
    "ssl_c_ca_err_depth",
    "ssl_c_chain_der",
    "ssl_c_der",
    "ssl_c_err",
    "ssl_c_i_dn",
    "ssl_c_key_alg",
    "ssl_c_notafter",
    "ssl_c_notbefore",
    "ssl_c_s_dn",
    "ssl_c_serial",
    "ssl_c_sha1",
    "ssl_c_sig_alg",
    "ssl_c_used",
    "ssl_c_verify",
    "ssl_c_version",
    "ssl_f_der",
    "ssl_f_i_dn",
    "ssl_f_key_alg",
    "ssl_f_notafter",
    "ssl_f_notbefore",
    "ssl_f_s_dn",
    "ssl_f_serial",
    "ssl_f_sha1",
    "ssl_f_sig_alg",
    "ssl_f_version",
    "ssl_fc",
    "ssl_fc_alg_keysize",
    "ssl_fc_alpn",
    "ssl_fc_cipher",
    "ssl_fc_cipherlist_bin",
    "ssl_fc_cipherlist_hex",
    "ssl_fc_cipherlist_str",
    "ssl_fc_cipherlist_xxh",
    "ssl_fc_client_early_traffic_secret",
    "ssl_fc_client_handshake_traffic_secret",
    "ssl_fc_client_random",
    "ssl_fc_client_traffic_secret_0",
    "ssl_fc_early_exporter_secret",
    "ssl_fc_ecformats_bin",
    "ssl_fc_eclist_bin",
    "ssl_fc_err",
    "ssl_fc_err_str",
    "ssl_fc_exporter_secret",
    "ssl_fc_extlist_bin",
    "ssl_fc_has_crt",
    "ssl_fc_has_early",
    "ssl_fc_has_sni",
    "ssl_fc_is_resumed",
    "ssl_fc_npn",
    "ssl_fc_protocol",
    "ssl_fc_protocol_hello_id",
    "ssl_fc_server_handshake_traffic_secret",
    "ssl_fc_server_random",
    "ssl_fc_server_traffic_secret_0",
    "ssl_fc_session_id",
    "ssl_fc_session_key",
    "ssl_fc_sni",
    "ssl_fc_sni_end",
    "ssl_fc_sni_reg",
    "ssl_fc_unique_id",
    "ssl_fc_use_keysize",
    "ssl_s_chain_der",
    "ssl_s_der",
    "ssl_s_i_dn",
    "ssl_s_key_alg",
    "ssl_s_notafter",
    "ssl_s_notbefore",
    "ssl_s_s_dn",
    "ssl_s_serial",
    "ssl_s_sha1",
    "ssl_s_sig_alg",
    "ssl_s_version",
    "status",
    "stopping",
    "str",
    "table_avl",
    "table_cnt",
    "thread",
    "unique-id",
    "url",
    "url32",
    "url32+src",
    "url_beg",
    "url_dir",
    "url_dom",
    "url_end",
    "url_ip",
    "url_len",
    "url_param",
    "url_port",
    "url_reg",
    "url_sub",
    "urlp",
    "urlp_beg",
    "urlp_dir",
    "urlp_dom",
    "urlp_end",
    "urlp_len",
    "urlp_reg",
    "urlp_sub",
    "urlp_val",
    "uuid",
    "var",
    "wait_end",
];

/// [`FETCHES`] as the wasm stores it: the names' letters with a length byte
/// each, not a table of 513 pointers (`base::words`).
pub static FETCHES_PACKED: [u8; crate::model::base::words::packed_len(FETCHES)] =
    crate::model::base::words::pack(FETCHES);

/// `make_word_fingerprint()`: counts of transitions between character
/// classes (a-z: 0..25, digit: 26, other: 27, begin: 28, end: 29).
fn fingerprint(word: &str) -> [u8; 1024] {
    let mut fp = [0u8; 1024];
    let mut from = 28usize;
    for c in word.bytes() {
        let c = c.to_ascii_lowercase();
        let to = match c {
            b'a'..=b'z' => (c - b'a') as usize,
            b'0'..=b'9' => 26,
            _ => 27,
        };
        fp[32 * from + to] = fp[32 * from + to].wrapping_add(1);
        from = to;
    }
    fp[32 * from + 29] = fp[32 * from + 29].wrapping_add(1);
    fp
}

fn distance(a: &[u8; 1024], b: &[u8; 1024]) -> usize {
    a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as usize).sum()
}

/// HAProxy's best match among `candidates`: the first with the smallest
/// fingerprint distance, unless that distance is over twice the length of
/// either word.
pub fn best_match<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let sig = fingerprint(word);
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        let d = distance(&sig, &fingerprint(c));
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    let (c, d) = best?;
    (d <= 2 * word.len() && d <= 2 * c.len()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy_match(word: &str) -> Option<&'static str> {
        best_match(
            word,
            PROXY_KEYWORDS
                .iter()
                .map(|k| k.name)
                .chain(PROXY_COMMON.iter().copied()),
        )
    }

    #[test]
    fn suggestions_like_haproxy() {
        assert_eq!(proxy_match("bnd"), Some("bind"));
        assert_eq!(proxy_match("sever"), Some("server"));
        assert_eq!(proxy_match("mdoe"), Some("mode"));
        assert_eq!(proxy_match("zzzzzzzzzzzz"), None);
    }

    /// `keyword_at` at the `|` in `marked`: scope, keyword, and whether
    /// there is help.
    fn check(marked: &str, expect: &str) {
        let offset = marked.find('|').expect("a | marks the cursor");
        let text = marked.replacen('|', "", 1);
        let got = match keyword_at(&text, offset) {
            Some(k) => format!(
                "{:?} {} {}",
                k.scope,
                k.keyword,
                if k.help.is_some() { "help" } else { "no help" }
            ),
            None => "none".to_string(),
        };
        assert_eq!(got, expect, "{marked:?}");
    }

    #[test]
    fn the_keyword_under_the_cursor() {
        let cfg = "global\n  dae|mon\ndefaults\n  timeout conn|ect 5s\nlisten a\n  bind *:80 v4v6\n  server s1 127.0.0.1:1 check\n";
        check(cfg, "Global daemon help");
        check(
            &cfg.replace("dae|mon", "daemon")
                .replace("conn|ect", "|connect"),
            "Proxy timeout connect help",
        );
        check(
            &cfg.replace("dae|mon", "daemon")
                .replace("conn|ect", "connect")
                .replace("check", "ch|eck"),
            "Server check help",
        );
        check(
            &cfg.replace("dae|mon", "daemon")
                .replace("conn|ect", "connect")
                .replace("v4v6", "v4|v6"),
            "Bind v4v6 help",
        );
        check(
            &cfg.replace("dae|mon", "daemon")
                .replace("conn|ect", "connect")
                .replace("listen a", "lis|ten a"),
            "Section listen help",
        );
        check(
            &cfg.replace("dae|mon", "daemon")
                .replace("conn|ect", "connect")
                .replace("*:80", "*:|80"),
            "none",
        );
        check(
            &cfg.replace("dae|mon", "daemon")
                .replace("conn|ect", "connect")
                .replace("bind", "b|nd"),
            "Proxy bnd no help",
        );
        check("global\n  max|conn 10\n", "Global maxconn help");
        check("listen a\n  max|conn 10\n", "Proxy maxconn help");
        check("|", "none");
    }
}
