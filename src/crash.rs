//! The panic hook, for whatever still panics. Release builds abort on a
//! panic (the WebAssembly traps right after the hook returns, and yew with
//! it), so the hook does its work with plain DOM calls: it logs the message
//! to the browser's console, sets each open workspace's crash flag
//! (`persist::crash_key`), shows a one-line notice with a Reload link (a
//! class from style.css: no inline style or script, the page runs under a
//! Content-Security-Policy), and writes each workspace's files as they were
//! last shown, with the edit being reduced when the panic came (so the text
//! typed last is saved too). The next load opens paused, with the console
//! empty (`app.rs`); a second crash while opening keeps the files aside.
//!
//! `app.rs` tells this module what is on screen ([`showing`]), which edit is
//! being reduced ([`editing`]) and which workspace is being opened after a
//! crash ([`opening`]); [`crashed`] is what the hook runs, public so that the
//! browser tests can run it with a made-up message (a real panic would end
//! the test's WebAssembly too).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use crate::model::project::cfgsync;
use crate::state::{Saved, State};

/// An edit handed to the reducer, not yet shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A manifest tab's new text.
    Manifest { file: usize, text: String },
    /// The haproxy.cfg pane's new text.
    Cfg(String),
}

struct Live {
    state: State,
    pending: Option<Pending>,
}

thread_local! {
    static LIVE: RefCell<BTreeMap<String, Live>> = const { RefCell::new(BTreeMap::new()) };
    static OPENING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static RUNS: Cell<u32> = const { Cell::new(0) };
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The workspace under `key` shows `state` (its pending edit is in it).
pub fn showing(key: &str, state: &State) {
    LIVE.with(|l| {
        l.borrow_mut().insert(
            key.to_string(),
            Live {
                state: state.clone(),
                pending: None,
            },
        );
    });
}

/// An edit of the workspace under `key` is about to be reduced.
pub fn editing(key: &str, edit: Pending) {
    LIVE.with(|l| {
        if let Some(live) = l.borrow_mut().get_mut(key) {
            live.pending = Some(edit);
        }
    });
}

/// The workspace under `key` is no longer on the page.
pub fn closed(key: &str) {
    LIVE.with(|l| l.borrow_mut().remove(key));
}

/// Run `open` (building the workspace under `key` from its save); when
/// `after_crash`, a panic meanwhile marks the flag [`Crash::Opening`], so
/// the next load keeps those files aside instead of crashing again.
///
/// [`Crash::Opening`]: crate::persist::Crash::Opening
pub fn opening<T>(key: &str, after_crash: bool, open: impl FnOnce() -> T) -> T {
    if !after_crash {
        return open();
    }
    OPENING.with(|o| o.borrow_mut().push(key.to_string()));
    let out = open();
    OPENING.with(|o| o.borrow_mut().retain(|k| k != key));
    out
}

/// What the hook writes for a workspace: its files as last shown with the
/// pending edit in them; `None` when the state may not be saved (another
/// tab's save waits for a choice, or one could not be kept aside).
fn to_save(state: &State, pending: Option<&Pending>) -> Option<Saved> {
    if !state.may_save() {
        return None;
    }
    let mut saved = state.saved();
    match pending {
        Some(Pending::Manifest { file, text }) => {
            if let Some(f) = saved.files.get_mut(*file) {
                f.text.clone_from(text);
            }
        }
        Some(Pending::Cfg(value)) => {
            if let Some(view) = &state.analysis.cfg
                && let Some(f) = saved.files.get_mut(view.file)
            {
                f.text = cfgsync::set(&f.text, &view.binding, value);
            }
        }
        None => {}
    }
    Some(saved)
}

/// Install the hook (main.rs, before the app starts). The previous hook
/// runs first. Through yew's `set_custom_panic_hook`: yew replaces any
/// hook set with `std::panic::set_hook` by its own when an app is rendered.
pub fn install() {
    let previous = std::panic::take_hook();
    yew::set_custom_panic_hook(Box::new(move |info| {
        previous(info);
        crashed(&info.to_string());
    }));
}

/// How many times [`crashed`] ran on this thread, and its last message.
pub fn runs() -> (u32, String) {
    (
        RUNS.with(Cell::get),
        LAST.with(|l| l.try_borrow().map(|s| s.clone()).unwrap_or_default()),
    )
}

/// What the hook does: flag, notice, save. Never panics itself (a panic
/// inside a panic hook aborts at once): every step that can fail is
/// skipped on failure.
pub fn crashed(message: &str) {
    RUNS.with(|r| r.set(r.get().saturating_add(1)));
    LAST.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            message.clone_into(&mut l);
        }
    });
    // Natively there is no page (and web-sys would panic inside the hook).
    if cfg!(target_arch = "wasm32") {
        web::report(message);
    }
}

mod web {
    use crate::model::base::i18n::{Key, Lang};
    use crate::persist::{self, Crash};

    use super::{LIVE, OPENING, to_save};

    pub(super) fn report(message: &str) {
        web_sys::console::error_1(&message.into());
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        let flag = |key: &str, c: Crash| {
            if let Some(s) = &storage {
                let _ = s.set_item(&persist::crash_key(key), c.as_str());
            }
        };
        let live: Vec<(String, Option<String>)> = LIVE.with(|l| {
            l.try_borrow()
                .map(|l| {
                    l.iter()
                        .map(|(k, live)| {
                            let json = to_save(&live.state, live.pending.as_ref())
                                .and_then(|s| serde_json::to_string(&s).ok())
                                .map(crate::savepack::encode);
                            (k.clone(), json)
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        for (key, _) in &live {
            flag(key, Crash::Running);
        }
        OPENING.with(|o| {
            if let Ok(o) = o.try_borrow() {
                for key in o.iter() {
                    flag(key, Crash::Opening);
                }
            }
        });
        show_notice();
        if let Some(s) = &storage {
            for (key, json) in &live {
                if let Some(json) = json {
                    let _ = s.set_item(key, json);
                }
            }
        }
    }

    /// The notice: `<div class="crash-notice" role="alert">` with the line
    /// and a Reload link, first in the body. A link, not a button with a
    /// listener: it works without the WebAssembly that just trapped.
    fn show_notice() -> Option<()> {
        let window = web_sys::window()?;
        let doc = window.document()?;
        if doc.get_element_by_id(super::NOTICE_ID).is_some() {
            return Some(());
        }
        let body = doc.body()?;
        let div = doc.create_element("div").ok()?;
        div.set_id(super::NOTICE_ID);
        div.set_class_name("crash-notice");
        div.set_attribute("role", "alert").ok()?;
        div.set_attribute("data-testid", "crash-notice").ok()?;
        // In the language shown: the one `<html lang>` names (app.rs sets it).
        let lang = doc
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|t| Lang::from_tag(&t))
            .unwrap_or_default();
        let text = doc.create_element("span").ok()?;
        text.set_text_content(Some(persist::CRASH_NOTICE.text(lang)));
        let reload = doc.create_element("a").ok()?;
        reload.set_class_name("btn");
        reload.set_text_content(Some(Key::CrashReload.text(lang)));
        reload.set_attribute("data-testid", "crash-reload").ok()?;
        // The page's own address without its fragment: following it loads
        // the page again (the same address with a fragment would only
        // scroll).
        let href = window.location().href().ok()?;
        let href = href.split('#').next().unwrap_or_default();
        reload.set_attribute("href", href).ok()?;
        div.append_child(&text).ok()?;
        div.append_child(&reload).ok()?;
        body.insert_before(&div, body.first_child().as_ref()).ok()?;
        Some(())
    }
}

/// The id of the notice's element.
pub const NOTICE_ID: &str = "podlab-crash";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::time::WallClock;
    use crate::model::project::workspace;
    use crate::state::Action;

    #[test]
    fn the_hook_is_installed_and_runs_on_a_panic() {
        install();
        let before = runs().0;
        let r = std::panic::catch_unwind(|| panic!("podlab test panic"));
        assert!(r.is_err());
        let (n, last) = runs();
        assert_eq!(n, before + 1);
        assert!(last.contains("podlab test panic"), "{last}");
    }

    #[test]
    fn the_hook_saves_the_edit_being_reduced() {
        let s = State::new(workspace::seed(), 0, WallClock::TEST);
        assert_eq!(to_save(&s, None), Some(s.saved()));
        let edit = Pending::Manifest {
            file: 2,
            text: "typed last".into(),
        };
        let saved = to_save(&s, Some(&edit)).unwrap();
        assert_eq!(saved.files[2].text, "typed last");
        assert_eq!(saved.files[0], s.saved().files[0]);
        // Out of range: the files as shown.
        let edit = Pending::Manifest {
            file: 9,
            text: "x".into(),
        };
        assert_eq!(to_save(&s, Some(&edit)), Some(s.saved()));
        // The cfg pane's text lands in its ConfigMap, as the reducer would.
        let cfg = s.analysis.cfg.as_ref().unwrap().binding.value.clone() + "# mine\n";
        let saved = to_save(&s, Some(&Pending::Cfg(cfg.clone()))).unwrap();
        let reduced = s.clone().apply(Action::EditCfg(cfg));
        assert_eq!(saved.files, reduced.saved().files);
        // Another tab's save waiting for a choice is not overwritten.
        let waiting = s.apply(Action::ChangedElsewhere("theirs".into()));
        assert_eq!(to_save(&waiting, None), None);
    }

    #[test]
    fn opening_runs_the_build_either_way() {
        assert_eq!(opening("k", false, || 1), 1);
        assert_eq!(opening("k", true, || 2), 2);
        OPENING.with(|o| assert!(o.borrow().is_empty()));
    }
}
