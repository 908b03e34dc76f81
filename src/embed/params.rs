//! The page's URL parameters (issue 11): `embed=1`, `preset=`, `theme=`,
//! `lang=`, `key=` and `allow=`, read from the query string by one pure
//! function. Values are percent-decoded as the browser's `URLSearchParams`
//! decodes them (`+` is a space); an unknown parameter is ignored, and so
//! is a bad value (the parameter keeps its default). A scalar parameter
//! given twice takes its first good value, as `URLSearchParams.get` reads
//! the first; `allow` collects every one.

use crate::model::base::i18n::Lang;
use crate::model::project::presets;

/// The longest query string read; the rest is ignored (bounded input).
pub const MAX_QUERY: usize = 8 * 1024;
/// The longest `key=` name kept; a longer one is ignored.
pub const MAX_KEY: usize = 64;
/// At most this many `allow` origins are kept.
pub const MAX_ALLOW: usize = 16;
/// The longest origin accepted in `allow`.
const MAX_ORIGIN: usize = 256;

pub use crate::theme::Theme;

/// What the URL asks for; `Params::default()` is a URL with none.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Params {
    /// `embed=1`: the compact layout for an iframe.
    pub embed: bool,
    /// `preset=ID`: a preset that exists.
    pub preset: Option<String>,
    pub theme: Theme,
    /// `lang=`; `None`: the browser's languages decide.
    pub lang: Option<Lang>,
    /// `key=NAME`: the storage slot's name.
    pub key: Option<String>,
    /// `allow=ORIGIN[,ORIGIN…]`: the origins whose messages the API
    /// accepts, each as a browser writes `MessageEvent.origin`. Empty: the
    /// API is off.
    pub allow: Vec<String>,
}

impl Params {
    /// Read a query string (`location.search`, with or without its `?`).
    pub fn parse(search: &str) -> Params {
        let search = cut(search, MAX_QUERY);
        let search = search.strip_prefix('?').unwrap_or(search);
        let mut p = Params::default();
        let (mut embed, mut theme) = (None, None);
        for pair in search.split('&').filter(|s| !s.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match decode(name).as_str() {
                "embed" if embed.is_none() => embed = parse_bool(&value),
                "preset" if p.preset.is_none() => {
                    p.preset = presets::by_id(&value).map(|p| p.id.to_string());
                }
                "theme" if theme.is_none() => theme = Theme::parse(&value),
                "lang" if p.lang.is_none() => p.lang = Lang::from_tag(&value),
                "key" if p.key.is_none() => p.key = parse_key(&value),
                "allow" => {
                    for o in value.split(',').filter_map(parse_origin) {
                        if p.allow.len() < MAX_ALLOW && !p.allow.contains(&o) {
                            p.allow.push(o);
                        }
                    }
                }
                _ => {}
            }
        }
        p.embed = embed.unwrap_or(false);
        p.theme = theme.unwrap_or_default();
        p
    }

    /// The localStorage key of the workspace: `default` (one per page path)
    /// or, with `key=NAME`, that slot under it. `?` cannot occur in a path,
    /// so a named slot never meets another path's default.
    pub fn storage_key(&self, default: &str) -> String {
        match &self.key {
            Some(name) => format!("{default}?key={name}"),
            None => default.to_string(),
        }
    }

    /// Whether the API accepts a message from `origin`.
    pub fn allows(&self, origin: &str) -> bool {
        self.allow.iter().any(|o| o == origin)
    }
}

/// The longest prefix of `s` of at most `max` bytes, cut at a char boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// A slot name: 1 to [`MAX_KEY`] characters, none of them a control.
fn parse_key(s: &str) -> Option<String> {
    let ok = !s.is_empty() && s.chars().count() <= MAX_KEY && !s.chars().any(char::is_control);
    ok.then(|| s.to_string())
}

/// An origin as `MessageEvent.origin` spells it (the HTML standard's
/// serialization of a tuple origin): `http` or `https`, the host in lower
/// case, the port only when it is not the scheme's default. A trailing `/`
/// is allowed; a path, query, user or `*` is not (`null` neither: every
/// sandboxed frame has that origin).
pub fn parse_origin(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_ORIGIN {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://")?;
    let default_port = match scheme {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let host_ok = |h: &str| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
    };
    // An IPv6 literal keeps its colons inside the brackets.
    let (host, port) = match rest.rfind(':') {
        Some(i) if !rest[i..].contains(']') => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if !host_ok(host) || (host.contains(':') && !host.starts_with('[')) {
        return None;
    }
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(p) => {
            let n: u16 = p
                .parse()
                .ok()
                .filter(|_| p.chars().all(|c| c.is_ascii_digit()))?;
            if n.to_string() == default_port {
                Some(format!("{scheme}://{host}"))
            } else {
                Some(format!("{scheme}://{host}:{n}"))
            }
        }
    }
}

/// `application/x-www-form-urlencoded` decoding, as `URLSearchParams`
/// does it: `+` is a space, `%XX` a byte, a `%` not followed by two hex
/// digits stays as it is, and bytes that are not UTF-8 become U+FFFD.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() && hex(b[i + 1]).is_some() && hex(b[i + 2]).is_some() => {
                let (h, l) = (hex(b[i + 1]).unwrap_or(0), hex(b[i + 2]).unwrap_or(0));
                out.push(h * 16 + l);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(search: &str, expect: Params) {
        assert_eq!(Params::parse(search), expect, "{search}");
    }

    #[test]
    fn parameters() {
        check("", Params::default());
        check("?", Params::default());
        check(
            "?embed=1&preset=sidecar&theme=dark&lang=zh-TW&key=lab%201&allow=https%3A%2F%2Fcourse.example",
            Params {
                embed: true,
                preset: Some("sidecar".into()),
                theme: Theme::Dark,
                lang: Some(Lang::ZhTw),
                key: Some("lab 1".into()),
                allow: vec!["https://course.example".into()],
            },
        );
        // Bad values keep the default; unknown parameters are ignored.
        check(
            "embed=yes&preset=nope&theme=blue&lang=fr&key=&allow=*,null,ftp://x,https://a.example/path&x=1",
            Params::default(),
        );
        // The first good value wins; allow collects, once each.
        check(
            "theme=&theme=LIGHT&theme=dark&embed=true&embed=0&key=a&key=b&allow=http://a:8000,http://b&allow=http://a:8000/",
            Params {
                embed: true,
                theme: Theme::Light,
                key: Some("a".into()),
                allow: vec!["http://a:8000".into(), "http://b".into()],
                ..Params::default()
            },
        );
        check(
            &format!("lang=EN&key={}", "k".repeat(MAX_KEY + 1)),
            Params {
                lang: Some(Lang::En),
                ..Params::default()
            },
        );
        check("key=a%0Ab&embed", Params::default());
    }

    #[test]
    fn origins() {
        for (input, expect) in [
            ("https://Course.Example", Some("https://course.example")),
            (
                "https://course.example:443/",
                Some("https://course.example"),
            ),
            ("http://127.0.0.1:80", Some("http://127.0.0.1")),
            ("http://127.0.0.1:8001", Some("http://127.0.0.1:8001")),
            ("http://[::1]:8001", Some("http://[::1]:8001")),
            ("http://[::1]", Some("http://[::1]")),
            ("http://host:99999", None),
            ("http://host:+1", None),
            ("http://", None),
            ("http://user@host", None),
            ("https://a.example/x", None),
            ("https://a.example?x", None),
            ("*", None),
            ("null", None),
            ("file:///tmp/x.html", None),
        ] {
            assert_eq!(parse_origin(input).as_deref(), expect, "{input}");
        }
    }

    #[test]
    fn decoding() {
        for (input, expect) in [
            ("a+b%20c", "a b c"),
            ("%E8%AA%B2", "課"),
            ("100%", "100%"),
            ("%zz%4", "%zz%4"),
            ("%FF", "\u{FFFD}"),
            ("%2B", "+"),
        ] {
            assert_eq!(decode(input), expect, "{input}");
        }
    }

    #[test]
    fn a_long_query_is_cut_at_a_char_boundary() {
        let q = format!("theme=dark&x={}", "課".repeat(MAX_QUERY));
        assert_eq!(Params::parse(&q).theme, Theme::Dark);
    }

    #[test]
    fn storage_keys_and_themes() {
        let p = Params::parse("key=left");
        assert_eq!(p.storage_key("podlab:v1:/"), "podlab:v1:/?key=left");
        assert_eq!(Params::default().storage_key("podlab:v1:/"), "podlab:v1:/");
        assert_eq!(Theme::Auto.shown(true).as_str(), "dark");
        assert_eq!(Theme::Auto.shown(false).as_str(), "light");
        assert_eq!(Theme::Light.shown(true).as_str(), "light");
        assert_eq!(Lang::ZhTw.tag(), "zh-TW");
        assert!(Params::parse("allow=http://a:1").allows("http://a:1"));
        assert!(!Params::parse("allow=http://a:1").allows("http://a:2"));
    }
}
