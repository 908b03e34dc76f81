//! What podlab keeps in the browser's localStorage, decided without touching
//! it: reading a save of any format version ([`migrate`]), where a save this
//! podlab cannot open is kept aside ([`aside_key`], never over an earlier
//! copy), the crash flag the panic hook leaves ([`Crash`]), how a failed
//! write is named ([`SaveError`], from the `DOMException`'s name, typed), and
//! whether another tab's write of this workspace conflicts with this one
//! ([`changed_elsewhere`]). `app.rs` and `crash.rs` do the reading and
//! writing; every decision and every notice's wording is here, natively
//! tested. The wording is the catalogue's (`model::base::i18n`): a notice
//! holds a [`Msg`], rendered in the language shown.

use serde_json::Value;

use crate::model::base::i18n::{Key, Msg};
use crate::state::{SAVE_VERSION, Saved, State};

/// Why a save is not opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Written by a newer podlab, in this format version.
    Newer(u64),
    /// Not a save this podlab knows: not JSON, no version number, an older
    /// version no migration reads, or fields of the wrong shape.
    Garbled,
    /// podlab crashed while opening it, right after a crash.
    Crashed,
}

/// Read a save of any known format version as today's [`Saved`].
///
/// The seam for format changes: a save of version `v` older than
/// [`SAVE_VERSION`] goes through [`upgrade`] one version at a time; a save
/// from a newer podlab is refused (never guessed at), so that the caller
/// keeps it aside instead of overwriting it.
pub fn migrate(raw: &str) -> Result<Saved, Unreadable> {
    // A save too large for localStorage as JSON is packed (`savepack`).
    let raw = crate::savepack::decode(raw).ok_or(Unreadable::Garbled)?;
    let mut value: Value = serde_json::from_str(&raw).map_err(|_| Unreadable::Garbled)?;
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(Unreadable::Garbled)?;
    if version > u64::from(SAVE_VERSION) {
        return Err(Unreadable::Newer(version));
    }
    let mut v = version;
    while v < u64::from(SAVE_VERSION) {
        value = upgrade(v, value)?;
        v += 1;
    }
    serde_json::from_value(value).map_err(|_| Unreadable::Garbled)
}

/// Lift a save of format `from` to format `from + 1`. Format 1 is the first
/// podlab wrote, so there is nothing to lift yet: a format 2 adds the arm
/// `1 => …` here (and its test) and bumps [`SAVE_VERSION`].
fn upgrade(_from: u64, _value: Value) -> Result<Value, Unreadable> {
    // Version 0 never existed.
    Err(Unreadable::Garbled)
}

/// The suffix of the key a save that cannot be opened is kept under.
pub const UNREADABLE: &str = ":unreadable";

/// How many copies are kept aside for one workspace before podlab gives up
/// (and then stops saving rather than overwrite one).
pub const ASIDE_MAX: u32 = 100;

/// Where to keep `raw` aside: `<key>:unreadable`, or when that holds
/// another text, `<key>:unreadable:2`, `:3`, …; a slot already holding the
/// very same text is reused, so a reload does not copy it again. `None` when
/// all [`ASIDE_MAX`] slots hold other texts. An earlier copy is never
/// overwritten.
pub fn aside_key(key: &str, raw: &str, get: impl Fn(&str) -> Option<String>) -> Option<String> {
    (1..=ASIDE_MAX)
        .map(|n| match n {
            1 => format!("{key}{UNREADABLE}"),
            n => format!("{key}{UNREADABLE}:{n}"),
        })
        .find(|k| get(k).is_none_or(|held| held == raw))
}

/// The key of the crash flag for the workspace saved under `key`.
pub fn crash_key(key: &str) -> String {
    format!("{key}:crashed")
}

/// What the crash flag says about the last session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crash {
    /// podlab hit an internal error while running.
    Running,
    /// It hit another while opening the saved files after a crash: those
    /// files are kept aside and the preset's own open instead.
    Opening,
}

impl Crash {
    /// The flag's text in localStorage.
    pub fn as_str(self) -> &'static str {
        match self {
            Crash::Running => "running",
            Crash::Opening => "opening",
        }
    }

    /// Read the flag; any text that is not `opening` counts as a crash
    /// while running (the careful reading).
    pub fn parse(flag: Option<&str>) -> Option<Crash> {
        flag.map(|f| match f {
            "opening" => Crash::Opening,
            _ => Crash::Running,
        })
    }
}

/// The one line the panic hook shows.
pub const CRASH_NOTICE: Key = Key::CrashNotice;

/// The notice after a reload that followed a crash.
pub const RECOVERED_NOTICE: Key = Key::RecoveredNotice;

/// Why a write to localStorage failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's storage quota is full; `bytes` is what podlab tried to
    /// write.
    Quota { bytes: usize },
    /// No localStorage, or the browser refuses it (blocked cookies, a
    /// sandboxed frame).
    Unavailable,
}

/// The names a full quota throws under: the HTML standard's
/// `QuotaExceededError` (WHATWG HTML, "The Storage interface", setItem), and
/// the name Firefox used before it followed the standard
/// (`NS_ERROR_DOM_QUOTA_REACHED`, MDN "Storage quotas and eviction
/// criteria").
pub const QUOTA_NAMES: [&str; 2] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"];

/// Name a failed `setItem` by the thrown `DOMException`'s name (`None`
/// when it threw something else).
pub fn name_write_error(exception_name: Option<&str>, bytes: usize) -> SaveError {
    match exception_name {
        Some(n) if QUOTA_NAMES.contains(&n) => SaveError::Quota { bytes },
        _ => SaveError::Unavailable,
    }
}

impl SaveError {
    /// The notice shown while saving fails.
    pub fn notice(self) -> Msg {
        match self {
            SaveError::Quota { bytes } => Key::SaveQuota.msg().arg("kb", bytes.div_ceil(1024)),
            SaveError::Unavailable => Key::SaveUnavailable.msg(),
        }
    }
}

/// Whether a `storage` event (another tab or frame wrote `event_key`) means
/// this workspace was changed elsewhere: it names this workspace's key,
/// holds a value (a removal or `clear()` loses nothing this tab could
/// overwrite), and differs from what this tab last wrote. Returns their
/// text.
pub fn changed_elsewhere(
    key: &str,
    event_key: Option<&str>,
    theirs: Option<&str>,
    ours: Option<&str>,
) -> Option<String> {
    if event_key != Some(key) {
        return None;
    }
    let theirs = theirs?;
    (Some(theirs) != ours).then(|| theirs.to_string())
}

/// The notice when the save under `key` was kept aside under `aside`.
pub fn aside_notice(key: &str, aside: Option<&str>, why: &Unreadable) -> Msg {
    let what = match why {
        Unreadable::Newer(v) => Key::AsideNewer
            .msg()
            .arg("found", v)
            .arg("reads", SAVE_VERSION),
        Unreadable::Garbled => Key::AsideGarbled.msg(),
        Unreadable::Crashed => Key::AsideCrashed.msg(),
    };
    match aside {
        Some(a) => Key::AsideKept.msg().arg("at", a),
        None => Key::AsideNotKept
            .msg()
            .arg("slot", format!("{key}{UNREADABLE}")),
    }
    .arg_msg("what", what)
    .arg("key", key)
}

/// The notice while another tab's write is waiting for a choice.
pub fn elsewhere_notice(readable: bool) -> Key {
    if readable {
        Key::ElsewhereReadable
    } else {
        Key::ElsewhereUnreadable
    }
}

/// The notice after a reset, with the replaced files one click away.
pub const RESET_NOTICE: Key = Key::ResetNotice;

/// What a notice's button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    UndoReset,
    DismissUndo,
    DismissAside,
    LoadTheirs,
    KeepMine,
}

impl NoticeAction {
    pub fn label(self) -> Key {
        match self {
            NoticeAction::UndoReset => Key::Undo,
            NoticeAction::DismissUndo | NoticeAction::DismissAside => Key::Dismiss,
            NoticeAction::LoadTheirs => Key::LoadTheirs,
            NoticeAction::KeepMine => Key::KeepMine,
        }
    }

    pub fn testid(self) -> &'static str {
        match self {
            NoticeAction::UndoReset => "undo-reset",
            NoticeAction::DismissUndo => "dismiss-undo",
            NoticeAction::DismissAside => "dismiss-aside",
            NoticeAction::LoadTheirs => "load-theirs",
            NoticeAction::KeepMine => "keep-mine",
        }
    }
}

/// A warning, or news of something the user did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Warn,
    Info,
}

/// One notice above the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub testid: &'static str,
    pub text: Msg,
    pub actions: Vec<NoticeAction>,
}

/// The notices for the workspace saved under `key`, most urgent first.
pub fn notices(key: &str, s: &State, save: Option<SaveError>) -> Vec<Notice> {
    let mut out = Vec::new();
    let mut push = |kind, testid, text: Msg, actions: Vec<NoticeAction>| {
        out.push(Notice {
            kind,
            testid,
            text,
            actions,
        })
    };
    if s.after_crash {
        push(
            NoticeKind::Warn,
            "crash-recovered-notice",
            RECOVERED_NOTICE.msg(),
            vec![],
        );
    }
    if let Some(e) = &s.elsewhere {
        let readable = e.theirs.is_ok();
        let actions = if readable {
            vec![NoticeAction::LoadTheirs, NoticeAction::KeepMine]
        } else {
            vec![NoticeAction::KeepMine]
        };
        push(
            NoticeKind::Warn,
            "elsewhere-notice",
            elsewhere_notice(readable).msg(),
            actions,
        );
    }
    if let Some(a) = &s.aside {
        push(
            NoticeKind::Warn,
            "aside-notice",
            aside_notice(key, a.at.as_deref(), &a.why),
            if a.at.is_some() {
                vec![NoticeAction::DismissAside]
            } else {
                vec![]
            },
        );
    }
    if let Some(e) = save {
        push(NoticeKind::Warn, "save-notice", e.notice(), vec![]);
    }
    if let Some(u) = s.undo_here() {
        push(
            NoticeKind::Info,
            "reset-notice",
            if u.by_link {
                Key::ShareOpened
            } else {
                RESET_NOTICE
            }
            .msg(),
            vec![NoticeAction::UndoReset, NoticeAction::DismissUndo],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn check_migrate(raw: &str, expect: Result<(&str, &str), Unreadable>) {
        let got = migrate(raw).map(|s| (s.preset, s.files[0].text.clone()));
        let expect = expect.map(|(p, t)| (p.to_string(), t.to_string()));
        assert_eq!(got, expect, "{raw}");
    }

    #[test]
    fn migrate_reads_known_versions_and_refuses_the_others() {
        check_migrate(
            r#"{"version":1,"files":[{"name":"a.yml","text":"x: 1"}],"active":0}"#,
            Ok(("ambassador", "x: 1")),
        );
        check_migrate(
            r#"{"version":1,"files":[{"name":"a","text":"é"}],"active":0,"preset":"sidecar","future":true}"#,
            Ok(("sidecar", "é")),
        );
        check_migrate(
            r#"{"version":2,"files":[{"name":"a","text":"x"}],"active":0}"#,
            Err(Unreadable::Newer(2)),
        );
        check_migrate(
            r#"{"version":99,"anything":[]}"#,
            Err(Unreadable::Newer(99)),
        );
        check_migrate(r#"{"version":0,"files":[]}"#, Err(Unreadable::Garbled));
        check_migrate(r#"{"files":[]}"#, Err(Unreadable::Garbled));
        check_migrate(r#"{"version":"1"}"#, Err(Unreadable::Garbled));
        check_migrate(r#"{"version":1,"files":"no"}"#, Err(Unreadable::Garbled));
        check_migrate("garbage: [", Err(Unreadable::Garbled));
        check_migrate("", Err(Unreadable::Garbled));
    }

    #[test]
    fn what_podlab_writes_migrates_back_to_itself() {
        let saved = Saved {
            version: SAVE_VERSION,
            files: vec![crate::state::SavedFile {
                name: "a".into(),
                text: "b\u{0}\r\n".into(),
            }],
            active: 0,
            history: vec!["echo hi".into()],
            preset: "sidecar".into(),
            workspaces: BTreeMap::new(),
            undo: None,
        };
        let raw = serde_json::to_string(&saved).unwrap();
        assert_eq!(migrate(&raw), Ok(saved));
    }

    fn check_aside(held: &[(&str, &str)], raw: &str, expect: Option<&str>) {
        let held: BTreeMap<String, String> = held
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let got = aside_key("w", raw, |k| held.get(k).cloned());
        assert_eq!(got.as_deref(), expect, "{held:?}");
    }

    #[test]
    fn an_earlier_unreadable_copy_is_never_overwritten() {
        check_aside(&[], "new", Some("w:unreadable"));
        check_aside(&[("w:unreadable", "old")], "new", Some("w:unreadable:2"));
        check_aside(&[("w:unreadable", "new")], "new", Some("w:unreadable"));
        check_aside(
            &[("w:unreadable", "a"), ("w:unreadable:2", "b")],
            "new",
            Some("w:unreadable:3"),
        );
        check_aside(
            &[("w:unreadable", "a"), ("w:unreadable:2", "new")],
            "new",
            Some("w:unreadable:2"),
        );
        let full: Vec<(String, String)> = (1..=ASIDE_MAX)
            .map(|n| match n {
                1 => ("w:unreadable".to_string(), "x".to_string()),
                n => (format!("w:unreadable:{n}"), "x".to_string()),
            })
            .collect();
        let full: Vec<(&str, &str)> = full.iter().map(|(k, v)| (&**k, &**v)).collect();
        check_aside(&full, "new", None);
    }

    #[test]
    fn the_crash_flag_reads_carefully() {
        assert_eq!(Crash::parse(None), None);
        for c in [Crash::Running, Crash::Opening] {
            assert_eq!(Crash::parse(Some(c.as_str())), Some(c));
        }
        assert_eq!(Crash::parse(Some("1")), Some(Crash::Running));
        assert_eq!(crash_key("podlab:v1:/"), "podlab:v1:/:crashed");
    }

    #[test]
    fn a_full_quota_is_named_by_the_exceptions_name() {
        let check = |name: Option<&str>, expect: SaveError| {
            assert_eq!(name_write_error(name, 3000), expect, "{name:?}");
        };
        check(Some("QuotaExceededError"), SaveError::Quota { bytes: 3000 });
        check(
            Some("NS_ERROR_DOM_QUOTA_REACHED"),
            SaveError::Quota { bytes: 3000 },
        );
        check(Some("SecurityError"), SaveError::Unavailable);
        check(Some("quotaexceedederror"), SaveError::Unavailable);
        check(None, SaveError::Unavailable);
        assert!(
            SaveError::Quota { bytes: 3000 }
                .notice()
                .en()
                .starts_with("podlab's saved work is over the browser's storage quota (3 KB): ")
        );
        assert_eq!(
            SaveError::Unavailable.notice().en(),
            "This browser does not let podlab save to localStorage: your edits will be lost on reload."
        );
    }

    #[test]
    fn only_a_different_write_of_this_workspace_is_a_change_elsewhere() {
        let check = |ev: Option<&str>, theirs: Option<&str>, ours: Option<&str>, expect: bool| {
            assert_eq!(
                changed_elsewhere("w", ev, theirs, ours),
                expect.then(|| theirs.unwrap().to_string()),
                "{ev:?} {theirs:?} {ours:?}"
            );
        };
        check(Some("w"), Some("b"), Some("a"), true);
        check(Some("w"), Some("b"), None, true);
        check(Some("w"), Some("a"), Some("a"), false);
        check(Some("w"), None, Some("a"), false);
        check(Some("w:crashed"), Some("running"), Some("a"), false);
        check(Some("other"), Some("b"), Some("a"), false);
        check(None, None, Some("a"), false);
    }

    #[test]
    fn the_aside_notice_says_where_and_how_to_get_it_back() {
        let n = aside_notice("k", Some("k:unreadable:2"), &Unreadable::Newer(2)).en();
        assert!(n.starts_with("The work saved here was written by a newer podlab (save format 2; this page reads format 1)"), "{n}");
        assert!(n.contains("under \"k:unreadable:2\""), "{n}");
        assert!(n.contains("copy that value into \"k\""), "{n}");
        let n = aside_notice("k", None, &Unreadable::Garbled).en();
        assert!(n.contains("so it does not save here"), "{n}");
    }

    #[test]
    fn the_notices_offer_what_each_case_allows() {
        use crate::model::base::time::WallClock;
        use crate::model::project::workspace;
        use crate::state::{Action, Aside};
        use std::rc::Rc;

        let check = |s: &State, save: Option<SaveError>, expect: &[(&str, &[NoticeAction])]| {
            let got: Vec<(&str, Vec<NoticeAction>)> = notices("k", s, save)
                .into_iter()
                .map(|n| (n.testid, n.actions))
                .collect();
            let expect: Vec<(&str, Vec<NoticeAction>)> =
                expect.iter().map(|(t, a)| (*t, a.to_vec())).collect();
            assert_eq!(got, expect);
        };
        let plain = State::new(workspace::seed(), 0, WallClock::TEST);
        check(&plain, None, &[]);
        check(
            &plain,
            Some(SaveError::Unavailable),
            &[("save-notice", &[])],
        );
        let mut s = plain
            .clone()
            .apply(Action::Edit {
                file: 0,
                text: "x".into(),
            })
            .apply(Action::Reset)
            .apply(Action::ChangedElsewhere(r#"{"version":2}"#.into()));
        s.after_crash = true;
        s.aside = Some(Rc::new(Aside {
            at: None,
            why: Unreadable::Newer(3),
        }));
        use NoticeAction::*;
        check(
            &s,
            Some(SaveError::Quota { bytes: 1 }),
            &[
                ("crash-recovered-notice", &[]),
                ("elsewhere-notice", &[KeepMine]),
                ("aside-notice", &[]),
                ("save-notice", &[]),
                ("reset-notice", &[UndoReset, DismissUndo]),
            ],
        );
        let theirs = serde_json::to_string(&plain.saved()).unwrap();
        let mut s = plain.apply(Action::ChangedElsewhere(theirs));
        s.aside = Some(Rc::new(Aside {
            at: Some("k:unreadable".into()),
            why: Unreadable::Garbled,
        }));
        check(
            &s,
            None,
            &[
                ("elsewhere-notice", &[LoadTheirs, KeepMine]),
                ("aside-notice", &[DismissAside]),
            ],
        );
    }
}
