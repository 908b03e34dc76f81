//! HAProxy's keywords: which section takes which, and HAProxy's own
//! "did you mean" (`cfg_find_best_match()` in src/cfgparse.c, built on
//! `make_word_fingerprint()` in src/tools.c), so podlab suggests exactly what
//! HAProxy 2.x suggests.

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
    kw("cookie", DEF | BE, false),
    kw("declare", FE | BE, false),
    kw("default-server", DEF | BE, true),
    kw("default_backend", DEF | FE, true),
    kw("description", FE | BE, true),
    kw("disabled", DEF | FE | BE, false),
    kw("dispatch", BE, false),
    kw("email-alert", DEF | FE | BE, false),
    kw("enabled", DEF | FE | BE, false),
    kw("errorfile", DEF | FE | BE, false),
    kw("errorfiles", DEF | FE | BE, false),
    kw("errorloc", DEF | FE | BE, false),
    kw("errorloc302", DEF | FE | BE, false),
    kw("errorloc303", DEF | FE | BE, false),
    kw("force-persist", FE | BE, false),
    kw("filter", FE | BE, false),
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
    kw("ignore-persist", FE | BE, false),
    kw("load-server-state-from-file", DEF | BE, false),
    kw("log", DEF | FE | BE, false),
    kw("log-format", DEF | FE | BE, false),
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
    kw("use_backend", FE, true),
];

/// Global-section keywords of HAProxy 2.6; podlab simulates `daemon` and
/// `maxconn`, and everything else is accepted as not modelled.
pub const GLOBAL_KEYWORDS: &[&str] = &[
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

/// Server keywords HAProxy 2.6 knows (a subset that learners meet); podlab
/// simulates the ones marked true.
pub const SERVER_KEYWORDS: &[(&str, bool)] = &[
    ("backup", true),
    ("check", true),
    ("disabled", true),
    ("enabled", true),
    ("fall", true),
    ("inter", true),
    ("maxconn", true),
    ("rise", true),
    ("weight", true),
    ("agent-check", false),
    ("check-ssl", false),
    ("cookie", false),
    ("downinter", false),
    ("fastinter", false),
    ("id", false),
    ("init-addr", false),
    ("maxqueue", false),
    ("minconn", false),
    ("no-check", false),
    ("observe", false),
    ("on-error", false),
    ("port", false),
    ("resolvers", false),
    ("send-proxy", false),
    ("slowstart", false),
    ("ssl", false),
    ("track", false),
    ("verify", false),
];

/// Bind keywords HAProxy 2.6 knows (a subset); podlab simulates `v4v6`,
/// `v6only` and `name`.
pub const BIND_KEYWORDS: &[(&str, bool)] = &[
    ("v4v6", true),
    ("v6only", true),
    ("name", true),
    ("accept-proxy", false),
    ("alpn", false),
    ("backlog", false),
    ("crt", false),
    ("defer-accept", false),
    ("interface", false),
    ("maxconn", false),
    ("mode", false),
    ("namespace", false),
    ("process", false),
    ("ssl", false),
    ("tfo", false),
    ("transparent", false),
];

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
}
