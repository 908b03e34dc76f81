//! The colour theme. `?theme=light|dark|auto` in the page's URL chooses it
//! (auto when absent or not one of those), auto follows the system's
//! `prefers-color-scheme` and its changes, and `<html data-theme="light">`
//! or `"dark"` says which is shown; static/style.css draws each. The page's
//! toggle (`components::theme_toggle`) and the embed API call
//! [`set_theme`]. Choosing and resolving are pure ([`Theme::from_query`],
//! [`Theme::shown`]); the rest is the page's side: the attribute, the media
//! query's listener and who is told of a change.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::Callback;

/// What the URL, the toggle or the embed API chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Light or dark as the system prefers (`prefers-color-scheme`).
    #[default]
    Auto,
}

/// What is shown: `<html data-theme>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Light,
    Dark,
}

impl Shown {
    pub fn as_str(self) -> &'static str {
        match self {
            Shown::Light => "light",
            Shown::Dark => "dark",
        }
    }
}

impl Theme {
    /// In the order the toggle offers them.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// `light`, `dark` or `auto` (any case); anything else is no theme.
    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    /// The theme a URL's query (`location.search`, with or without its
    /// `?`) chooses: its first `theme=` parameter, as `URLSearchParams.get`
    /// reads it; auto when there is none or it names no theme.
    pub fn from_query(search: &str) -> Theme {
        crate::embed::params::Params::parse(search).theme
    }

    /// What is shown when the system prefers dark (or not).
    pub fn shown(self, prefers_dark: bool) -> Shown {
        match self {
            Theme::Light => Shown::Light,
            Theme::Dark => Shown::Dark,
            Theme::Auto if prefers_dark => Shown::Dark,
            Theme::Auto => Shown::Light,
        }
    }
}

/// The media query auto follows.
const PREFERS_DARK: &str = "(prefers-color-scheme: dark)";

#[derive(Default)]
struct Page {
    choice: Theme,
    /// The media query's change listener, installed once.
    watching: Option<(web_sys::MediaQueryList, Closure<dyn FnMut()>)>,
    /// Who is told of a change of choice, by subscription number.
    listeners: Vec<(u64, Callback<Theme>)>,
    next: u64,
}

thread_local! {
    static PAGE: RefCell<Page> = RefCell::default();
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(PREFERS_DARK).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Put what is shown on `<html data-theme>`.
fn show() {
    let shown = current().shown(prefers_dark());
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        && html.get_attribute("data-theme").as_deref() != Some(shown.as_str())
    {
        let _ = html.set_attribute("data-theme", shown.as_str());
    }
}

/// Take the theme from the page's URL and show it, and from then on follow
/// the system's preference while the choice is auto. Called as the app
/// mounts; each call reads the URL again.
pub fn init() {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    PAGE.with(|p| {
        let mut p = p.borrow_mut();
        p.choice = Theme::from_query(&search);
        if p.watching.is_none()
            && let Some(m) =
                web_sys::window().and_then(|w| w.match_media(PREFERS_DARK).ok().flatten())
        {
            let on_change = Closure::<dyn FnMut()>::new(show);
            let _ =
                m.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            p.watching = Some((m, on_change));
        }
    });
    show();
    notify();
}

/// The theme chosen now.
pub fn current() -> Theme {
    PAGE.with(|p| p.borrow().choice)
}

/// Choose a theme (the toggle, the embed API's `podlab.setTheme`): it is
/// shown at once, and the toggle shows the choice.
pub fn set_theme(theme: Theme) {
    let changed = PAGE.with(|p| {
        let mut p = p.borrow_mut();
        let changed = p.choice != theme;
        p.choice = theme;
        changed
    });
    show();
    if changed {
        notify();
    }
}

fn notify() {
    let (theme, listeners) = PAGE.with(|p| {
        let p = p.borrow();
        let l: Vec<Callback<Theme>> = p.listeners.iter().map(|(_, cb)| cb.clone()).collect();
        (p.choice, l)
    });
    for cb in listeners {
        cb.emit(theme);
    }
}

/// A subscription to changes of the choice; dropping it ends it.
pub struct Subscription(u64);

/// Be told of every change of the chosen theme.
pub fn subscribe(cb: Callback<Theme>) -> Subscription {
    PAGE.with(|p| {
        let mut p = p.borrow_mut();
        let id = p.next;
        p.next += 1;
        p.listeners.push((id, cb));
        Subscription(id)
    })
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        PAGE.with(|p| p.borrow_mut().listeners.retain(|(i, _)| *i != id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_chooses_the_theme() {
        let check =
            |search: &str, expect: Theme| assert_eq!(Theme::from_query(search), expect, "{search}");
        check("", Theme::Auto);
        check("?theme=dark", Theme::Dark);
        check("?theme=light", Theme::Light);
        check("?theme=auto", Theme::Auto);
        check("?theme=DARK", Theme::Dark);
        check("?embed=1&theme=dark&lang=zh-TW", Theme::Dark);
        check("theme=light", Theme::Light);
        check("?theme=blue", Theme::Auto);
        check("?theme=", Theme::Auto);
        check("?xtheme=dark", Theme::Auto);
        // The first one counts, as URLSearchParams.get reads it.
        check("?theme=light&theme=dark", Theme::Light);
    }

    #[test]
    fn auto_follows_the_system() {
        assert_eq!(Theme::Auto.shown(true), Shown::Dark);
        assert_eq!(Theme::Auto.shown(false), Shown::Light);
        assert_eq!(Theme::Light.shown(true), Shown::Light);
        assert_eq!(Theme::Dark.shown(false), Shown::Dark);
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), Some(t));
        }
    }
}
