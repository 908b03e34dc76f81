//! When the app writes the save. Writing it costs in proportion to the
//! text: `serde_json` turns the whole workspace into one string and
//! localStorage takes it whole. A save of the files podlab reads (each at
//! most `workspace::MAX_READ`) costs a few milliseconds and is written at
//! once, so a closed tab loses nothing; a save holding a long paste would
//! hold the page on every keystroke, so it is written once the typing
//! pauses ([`SAVE_IDLE_MS`]), and at once when the page goes away
//! (`pagehide`, or the app unmounting). `app.rs` does the writing; this
//! module decides, and says what a save weighs.

use crate::model::project::workspace::MAX_READ;
use crate::state::State;

/// The most text a save may hold and still be written on every change:
/// what podlab reads of one file ([`MAX_READ`]).
pub const SAVE_AT_ONCE: usize = MAX_READ;

/// How long after the last change a larger save is written: longer than
/// the gap between a typist's keystrokes (about 200 ms at 60 words a
/// minute), so a burst of typing costs one write, not one per key.
pub const SAVE_IDLE_MS: u32 = 500;

/// The bytes of text a save of `s` holds: its files, the other presets'
/// workspaces, the reset's undo and the console history.
pub fn text_bytes(s: &State) -> usize {
    let files = |f: &[crate::model::project::workspace::File]| -> usize {
        f.iter()
            .map(|f| f.name.len().saturating_add(f.text.len()))
            .fold(0, usize::saturating_add)
    };
    [
        files(&s.files),
        s.workspaces
            .values()
            .map(|w| files(w))
            .fold(0, usize::saturating_add),
        s.undo.as_ref().map_or(0, |u| files(&u.files)),
        s.history
            .iter()
            .map(String::len)
            .fold(0, usize::saturating_add),
    ]
    .into_iter()
    .fold(0, usize::saturating_add)
}

/// Whether a save of `s` is written at once, or once the typing pauses.
pub fn at_once(s: &State) -> bool {
    text_bytes(s) <= SAVE_AT_ONCE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::time::WallClock;
    use crate::model::project::workspace;
    use crate::state::Action;

    #[test]
    fn small_saves_at_once_and_a_long_paste_when_typing_pauses() {
        let s = State::new(workspace::seed(), 0, WallClock::TEST);
        let seed: usize = s.files.iter().map(|f| f.name.len() + f.text.len()).sum();
        assert_eq!(text_bytes(&s), seed);
        assert!(at_once(&s));
        let check = |extra: usize, now: bool| {
            let text = format!("{}{}", s.files[2].text, "#".repeat(extra));
            let t = s.clone().apply(Action::Edit { file: 2, text });
            assert_eq!(text_bytes(&t), seed + extra);
            assert_eq!(at_once(&t), now, "{extra} bytes more");
            t
        };
        check(SAVE_AT_ONCE - seed, true);
        let big = check(SAVE_AT_ONCE - seed + 1, false);
        // Stashed in another preset's workspace, it still weighs.
        let other = big.apply(Action::LoadPreset("sidecar".into()));
        assert!(text_bytes(&other) > SAVE_AT_ONCE);
        assert!(!at_once(&other));
        // The console history counts too.
        let lines = s.apply(Action::Console("echo hello".into()));
        assert_eq!(text_bytes(&lines), seed + "echo hello".len());
    }
}
