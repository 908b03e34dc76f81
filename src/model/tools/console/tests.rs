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

/// Issue 10: the transcript keeps its newest entries within its caps, and
/// one podlab note at the top counts, in all, the entries that went.
#[test]
fn the_transcript_drops_its_oldest_entries_with_one_note() {
    let line = |n: usize| Entry {
        line: format!("echo {n}"),
        ..Entry::default()
    };
    let lines = |v: &[Entry]| -> Vec<String> { v.iter().map(|e| e.line.clone()).collect() };
    // Within the caps: unchanged.
    let full: Vec<Entry> = (0..TRANSCRIPT_ENTRIES).map(line).collect();
    assert_eq!(cap_transcript(full.clone()), full);
    // One over: two go (room for the note), and the note says so.
    let mut over = full.clone();
    over.push(line(TRANSCRIPT_ENTRIES));
    let capped = cap_transcript(over);
    assert_eq!(capped.len(), TRANSCRIPT_ENTRIES);
    assert_eq!(capped[0].dropped, 2);
    assert_eq!(
        capped[0].text(),
        "podlab: 2 earlier console entries were dropped; the console keeps its last 500 entries and 4 MiB\n"
    );
    assert_eq!(capped[1].line, "echo 2");
    assert_eq!(
        capped.last().unwrap().line,
        format!("echo {TRANSCRIPT_ENTRIES}")
    );
    // Another line: the note is replaced, counting all that went.
    let mut more = capped;
    more.push(line(TRANSCRIPT_ENTRIES + 1));
    let capped = cap_transcript(more);
    assert_eq!(capped.len(), TRANSCRIPT_ENTRIES);
    assert_eq!(capped[0].dropped, 3);
    assert_eq!(capped.iter().filter(|e| e.dropped > 0).count(), 1);
    assert_eq!(capped[1].line, "echo 3");
    // Bytes: of five entries of nearly 1 MiB the newest four fit in 4 MiB;
    // and the newest always stays, however big.
    let big = |n: usize| {
        let mut e = line(n);
        e.io.write(1, &vec![b'x'; 1024 * 1024 - 16]);
        e
    };
    let capped = cap_transcript((0..5).map(big).collect());
    assert_eq!(
        lines(&capped[1..]),
        ["echo 1", "echo 2", "echo 3", "echo 4"]
    );
    assert_eq!(capped[0].dropped, 1);
    assert_eq!(
        capped[0].text(),
        "podlab: 1 earlier console entry was dropped; the console keeps its last 500 entries and 4 MiB\n"
    );
    let mut huge = line(9);
    huge.io = Output::capped(8 * 1024 * 1024);
    huge.io.write(1, &vec![b'y'; 5 * 1024 * 1024]);
    let capped = cap_transcript(vec![line(1), huge]);
    assert_eq!(lines(&capped[1..]), ["echo 9"]);
}
