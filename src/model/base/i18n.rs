//! podlab's own words in two languages, English and Traditional Chinese as
//! written in Taiwan (zh-TW): the [`Lang`] shown, how it is chosen from the
//! page's `?lang=` and the browser's languages ([`Lang::choose`]), and the
//! catalogue (`i18n/catalogue.rs`), where every [`Key`] has both texts side
//! by side, so a key without a translation does not compile and an empty one
//! fails `every_key_has_both_texts`. A text may hold named placeholders
//! (`{pod}`), filled by a [`Msg`]; both languages name the same ones.
//!
//! The seam with the model: the model never takes a language. What it says
//! in podlab's own voice and the UI shows (preset texts, podlab's hints and
//! notes, pane captions) it returns as a [`Key`] or a [`Msg`]; the UI renders
//! it in the language shown, and the command line and the tests in English
//! ([`Msg::en`]). Tool output (kubectl, the API server, HAProxy, curl, sh)
//! is never a key: it is printed as the tool prints it.

mod catalogue;

use std::fmt;

pub use catalogue::Key;

/// A language podlab is shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhTw,
}

impl Lang {
    /// Every language, in the switch's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhTw];

    /// The switch's short label: `EN`, `中文` (its title and accessible
    /// name are the [`Lang::endonym`]).
    pub fn short(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::ZhTw => "中文",
        }
    }

    /// The BCP 47 tag: `<html lang>` and `?lang=`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// The language's name in itself, for the switch (the same in every
    /// language shown, as language pickers do).
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhTw => "繁體中文",
        }
    }

    /// A `?lang=` value: exactly one of the two tags, ASCII case ignored
    /// (BCP 47 tags are case-insensitive).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// What one browser language (an entry of `navigator.languages`) asks
    /// for: `en…` English; `zh-Hant…`, `zh-TW`, `zh-HK`, `zh-MO` and a bare
    /// `zh` Traditional Chinese. Simplified Chinese (`zh-Hans…`, `zh-CN`,
    /// `zh-SG`, `zh-MY`) is no match, so a reader who lists English next
    /// gets English; see [`Lang::choose`] for one who lists none.
    fn from_browser(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let simplified = rest
                    .iter()
                    .any(|p| matches!(*p, "hans" | "cn" | "sg" | "my"));
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                (traditional || !simplified).then_some(Lang::ZhTw)
            }
            _ => None,
        }
    }

    /// The language to show: `?lang=` when it names one of the two (any
    /// other value is ignored), else the first of the browser's languages
    /// that matches one ([`Lang::from_browser`]); else Traditional Chinese
    /// when the browser listed only Simplified Chinese among languages
    /// podlab lacks (the nearer of the two for its reader), else English.
    pub fn choose(search: &str, browser: &[String]) -> Lang {
        if let Some(l) = lang_param(search).and_then(Lang::from_tag) {
            return l;
        }
        if let Some(l) = browser.iter().find_map(|t| Lang::from_browser(t)) {
            return l;
        }
        let chinese = browser.iter().any(|t| {
            let t = t.trim().to_ascii_lowercase();
            t == "zh" || t.starts_with("zh-") || t.starts_with("zh_")
        });
        if chinese { Lang::ZhTw } else { Lang::En }
    }
}

/// The value of `lang` in a URL's query (`?a=1&lang=zh-TW`), the first one.
/// Percent-escapes are not decoded: both tags are plain ASCII.
pub fn lang_param(search: &str) -> Option<&str> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
}

/// A URL's query with `lang=` set to `lang` (replacing every `lang=`
/// already there, keeping the other parameters in order), so that a reload
/// after the switch shows the language chosen.
pub fn with_lang_param(search: &str, lang: Lang) -> String {
    let mut parts: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
        .map(str::to_string)
        .collect();
    parts.push(format!("lang={}", lang.tag()));
    format!("?{}", parts.join("&"))
}

impl Key {
    /// The text in `lang`, placeholders unfilled.
    pub fn text(self, lang: Lang) -> &'static str {
        let [en, zh] = self.texts();
        match lang {
            Lang::En => en,
            Lang::ZhTw => zh,
        }
    }

    /// The English text.
    pub fn en(self) -> &'static str {
        self.text(Lang::En)
    }

    /// A message of this key, to fill with [`Msg::arg`].
    pub fn msg(self) -> Msg {
        Msg {
            key: self,
            args: Vec::new(),
        }
    }
}

/// One of podlab's messages with its values: a [`Key`] and what its
/// placeholders stand for. Plain data, so the model can return it and the
/// UI render it in the language shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub key: Key,
    pub args: Vec<(&'static str, Arg)>,
}

/// A placeholder's value: text as written (a name, a path, a number),
/// another message, or a list of values joined by the language's separator
/// ([`Key::ListSep`]), each rendered in the same language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Msg(Msg),
    List(Vec<Arg>),
}

impl Arg {
    fn render_into(&self, lang: Lang, out: &mut String) {
        match self {
            Arg::Text(t) => out.push_str(t),
            Arg::Msg(m) => out.push_str(&m.render(lang)),
            Arg::List(items) => {
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(Key::ListSep.text(lang));
                    }
                    a.render_into(lang, out);
                }
            }
        }
    }
}

impl Msg {
    /// Fill placeholder `{name}` with `value` as written.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Fill placeholder `{name}` with another message.
    pub fn arg_msg(mut self, name: &'static str, value: impl Into<Msg>) -> Msg {
        self.args.push((name, Arg::Msg(value.into())));
        self
    }

    /// Fill placeholder `{name}` with any value.
    pub fn arg_any(mut self, name: &'static str, value: Arg) -> Msg {
        self.args.push((name, value));
        self
    }

    /// Fill placeholder `{name}` with a list.
    pub fn arg_list(mut self, name: &'static str, items: Vec<Arg>) -> Msg {
        self.args.push((name, Arg::List(items)));
        self
    }

    /// The message in `lang`: each `{name}` of the text replaced by its
    /// value; a brace that opens no known placeholder stays as written.
    pub fn render(&self, lang: Lang) -> String {
        let text = self.key.text(lang);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let named = after.find('}').and_then(|close| {
                let name = &after[..close];
                self.args
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (close, v))
            });
            match named {
                Some((close, v)) => {
                    v.render_into(lang, &mut out);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The message in English (the command line's and the tests' language).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

/// A text the UI shows: a tool's words, verbatim in every language, or
/// podlab's own, rendered in the language shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    Verbatim(String),
    Own(Msg),
}

impl Text {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Verbatim(t) => t.clone(),
            Text::Own(m) => m.render(lang),
        }
    }

    /// In English (the command line's and the tests' language).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

impl From<&str> for Text {
    /// Text as written: the same in every language.
    fn from(t: &str) -> Text {
        Text::Verbatim(t.to_string())
    }
}

impl From<Key> for Msg {
    fn from(key: Key) -> Msg {
        key.msg()
    }
}

/// The placeholders a text names: each `{name}` whose name is lower-case
/// ASCII letters, digits or `_`, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') =>
            {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_texts() {
        let mut empty = Vec::new();
        let mut differ = Vec::new();
        for &k in Key::ALL {
            let [en, zh] = k.texts();
            if en.trim().is_empty() || zh.trim().is_empty() {
                empty.push(k);
            }
            let mut a = placeholders(en);
            let mut b = placeholders(zh);
            a.sort_unstable();
            b.sort_unstable();
            if a != b {
                differ.push((k, a, b));
            }
        }
        assert!(empty.is_empty(), "keys without a text: {empty:?}");
        assert!(
            differ.is_empty(),
            "keys whose languages name other placeholders: {differ:?}"
        );
    }

    /// Chinese text is written with full-width punctuation: no ASCII comma,
    /// full stop, colon, semicolon, question or exclamation mark right after
    /// a Chinese character.
    #[test]
    fn chinese_text_uses_full_width_punctuation() {
        let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        let mut bad = Vec::new();
        for &k in Key::ALL {
            let zh = k.text(Lang::ZhTw);
            let chars: Vec<char> = zh.chars().collect();
            if chars
                .windows(2)
                .any(|w| is_han(w[0]) && matches!(w[1], ',' | '.' | ':' | ';' | '?' | '!' | '('))
            {
                bad.push((k, zh));
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn every_key_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for &k in Key::ALL {
            assert!(seen.insert(k), "{k:?} twice");
        }
    }

    #[test]
    fn messages_fill_their_placeholders_in_either_language() {
        let m = Key::WhyNotReady.msg().arg("pod", "fruit-service");
        assert_eq!(m.en(), "Why is fruit-service not ready?");
        assert_eq!(m.render(Lang::ZhTw), "fruit-service 為什麼還沒就緒？");
        // A value is never read as a placeholder; an unknown brace stays.
        let m = Key::WhyNotReady.msg().arg("pod", "{pod}");
        assert_eq!(m.en(), "Why is {pod} not ready?");
        assert_eq!(Key::WhyNotReady.msg().en(), "Why is {pod} not ready?");
        assert_eq!(placeholders("a {b} {c_1} {D} {} {"), ["b", "c_1"]);
    }

    fn check_choose(search: &str, browser: &[&str], expect: Lang) {
        let browser: Vec<String> = browser.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            Lang::choose(search, &browser),
            expect,
            "{search:?} {browser:?}"
        );
    }

    #[test]
    fn the_language_comes_from_the_url_then_the_browser() {
        use Lang::*;
        check_choose("", &[], En);
        check_choose("?lang=zh-TW", &["en-US"], ZhTw);
        check_choose("?preset=sidecar&lang=zh-tw", &[], ZhTw);
        check_choose("?lang=en", &["zh-TW"], En);
        check_choose("?lang=fr", &["zh-TW"], ZhTw);
        check_choose("?lang=zh", &["en"], En);
        check_choose("", &["zh-TW", "en"], ZhTw);
        check_choose("", &["zh-Hant-HK"], ZhTw);
        check_choose("", &["zh-HK"], ZhTw);
        check_choose("", &["zh"], ZhTw);
        check_choose("", &["fr-FR", "en-GB", "zh-TW"], En);
        check_choose("", &["fr-FR", "zh-TW", "en-GB"], ZhTw);
        check_choose("", &["zh-CN", "en"], En);
        check_choose("", &["zh-Hans-CN", "ja"], ZhTw);
        check_choose("", &["zh-CN"], ZhTw);
        check_choose("", &["ja", "de"], En);
        assert_eq!(Lang::from_tag("ZH-tw"), Some(ZhTw));
        assert_eq!(with_lang_param("", ZhTw), "?lang=zh-TW");
        assert_eq!(
            with_lang_param("?preset=sidecar&lang=en&embed=1&lang=x", ZhTw),
            "?preset=sidecar&embed=1&lang=zh-TW"
        );
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
    }
}
