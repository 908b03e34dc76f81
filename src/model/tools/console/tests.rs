//! The console's pure helpers. Transcripts of whole console sessions need a
//! workspace (the project layer, above the tools) and live in
//! `tests/console.rs`.

use super::*;

#[test]
fn history_walks_up_and_back_down_to_the_draft() {
    let h = vec!["a".to_string(), "b".to_string()];
    assert_eq!(walk(&h, 2, -1, "dr"), (1, "b".into()));
    assert_eq!(walk(&h, 1, -1, "dr"), (0, "a".into()));
    assert_eq!(walk(&h, 0, -1, "dr"), (0, "a".into()));
    assert_eq!(walk(&h, 0, 1, "dr"), (1, "b".into()));
    assert_eq!(walk(&h, 1, 1, "dr"), (2, "dr".into()));
    assert_eq!(walk(&[], 0, -1, "dr"), (0, "dr".into()));
}
