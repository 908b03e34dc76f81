//! A text too long for the page to hold in one textarea, shown a part at a
//! time. Chromium lays out a textarea's whole text again on every change, so
//! a keystroke costs in proportion to what the textarea holds: measured in
//! headless Chromium on this machine (a bare textarea, `wrap=off`), one
//! keystroke blocked the page for seconds with 5.7 MB in it, for 200 to
//! 380 ms with 287 KiB, and for what any task costs (about 60 ms on the
//! loaded machine) with 71 KiB or less. The editor of a file over
//! `workspace::MAX_READ` therefore holds at most [`PART`] bytes, cut at line
//! ends, and an edit there is spliced into the whole text, which is kept and
//! saved as typed. These functions say which part, and where an edit went.

use std::ops::Range;

/// The most bytes of a long text the editor's textarea holds at once: small
/// enough that Chromium lays it out well within a frame (see above), large
/// enough for about 1 500 lines of a manifest.
pub const PART: usize = 64 * 1024;

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest char boundary of `text` at or above `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    let at = floor_boundary(text, at);
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The part of `text` shown from the line holding byte `at`: from that
/// line's start (or from `at` itself, when the line starts more than
/// [`PART`] bytes before it) to the end of the last whole line within
/// [`PART`] bytes; a line longer than that is cut at a char boundary. Never
/// empty unless it starts at the end of the text.
pub fn part_at(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at);
    let start = match line_start(text, at) {
        s if at - s < PART => s,
        _ => at,
    };
    let limit = start.saturating_add(PART);
    if limit >= text.len() {
        return start..text.len();
    }
    let cut = floor_boundary(text, limit);
    match text[start..cut].rfind('\n') {
        Some(i) => start..start + i + 1,
        None => start..ceil_boundary(text, cut.max(start + 1)),
    }
}

/// The part that ends where the part at `start` begins: its start is the
/// first line start within [`PART`] bytes before `start` (or a char
/// boundary, inside a longer line).
pub fn part_before(text: &str, start: usize) -> Range<usize> {
    let start = floor_boundary(text, start);
    let low = start.saturating_sub(PART);
    let begin = if low == 0 {
        0
    } else {
        match text.as_bytes()[low - 1..start]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(i) if low + i < start => low + i,
            _ => ceil_boundary(text, low),
        }
    };
    begin..start
}

/// The part shown after an edit that ended at byte `at`: the one that ends
/// with the line holding `at` (after a paste at the end, its last lines),
/// or that starts there when `at` is within the first part.
pub fn part_holding(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    part_at(text, part_before(text, end).start)
}

/// `text` with `range` replaced by `with`.
pub fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() - range.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

/// Where an edit from `old` to `new` ends in `new`: after the longest
/// common prefix and before the longest common suffix (that fits beside
/// it), at a char boundary. The part shown after a large paste or a
/// programmatic change is the one holding it.
pub fn changed_end(old: &str, new: &str) -> usize {
    let prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    ceil_boundary(new, new.len() - suffix)
}

/// The 1-based lines a part spans, and the text's line count (a text's
/// last line is counted when it has any character).
pub fn lines(text: &str, part: &Range<usize>) -> (usize, usize, usize) {
    let count = |s: &str| s.bytes().filter(|&b| b == b'\n').count();
    let first = count(&text[..part.start]) + 1;
    let inside = text[part.clone()].trim_end_matches('\n');
    let last = first + count(inside);
    let total = count(text) + usize::from(!text.is_empty() && !text.ends_with('\n'));
    (first, last, total.max(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` lines of `w` bytes each (the newline included).
    fn text(n: usize, w: usize) -> String {
        (0..n).map(|_| format!("{}\n", "x".repeat(w - 1))).collect()
    }

    #[test]
    fn parts_end_at_line_ends_and_cover_the_text() {
        let check = |t: &str| {
            let mut at = 0;
            let mut parts = Vec::new();
            while at < t.len() {
                let p = part_at(t, at);
                assert_eq!(p.start, at, "each part starts where the last ended");
                assert!(p.end > p.start, "never empty");
                assert!(p.len() <= PART || !t[p.clone()].contains('\n'));
                assert!(t.is_char_boundary(p.end));
                if p.end < t.len() && t[p.clone()].contains('\n') {
                    assert!(t[p.clone()].ends_with('\n'), "cut at a line end");
                }
                parts.push(p.clone());
                at = p.end;
            }
            // Walking back gives the same parts, when they are whole lines.
            for w in parts.windows(2) {
                let back = part_before(t, w[1].start);
                assert_eq!(back.end, w[1].start);
                assert!(back.len() <= PART);
            }
            parts.len()
        };
        assert_eq!(check(&text(10, 40)), 1);
        assert_eq!(
            check(&text(150_000, 38)),
            150_000 * 38 / (PART / 38 * 38) + 1
        );
        // A line longer than a part is cut at char boundaries.
        let long = "é".repeat(PART);
        assert_eq!(check(&long), 2);
        assert_eq!(check(&format!("a\n{long}\nb\n")), 4);
        assert_eq!(check(""), 0);
    }

    #[test]
    fn a_part_starts_at_the_line_holding_a_byte() {
        let t = text(5, 10);
        assert_eq!(part_at(&t, 0), 0..50);
        assert_eq!(part_at(&t, 25), 20..50);
        assert_eq!(part_at(&t, 50), 50..50);
        assert_eq!(part_at(&t, 999), 50..50);
        let big = text(10_000, 10);
        assert_eq!(part_at(&big, 15), 10..10 + PART / 10 * 10);
        assert_eq!(part_before(&big, 10), 0..10);
        assert_eq!(part_before(&big, 0), 0..0);
        let back = part_before(&big, 90_000);
        assert_eq!(back.end, 90_000);
        assert_eq!(back.start, 90_000 - PART / 10 * 10);
    }

    #[test]
    fn after_an_edit_the_part_holds_where_it_ended() {
        let t = text(20_000, 10);
        let check = |at: usize| {
            let p = part_holding(&t, at);
            assert!(p.contains(&at) || p.end == at, "{at}: {p:?}");
            assert!(p.len() <= PART && p.len() > PART - 10, "{at}: {p:?}");
            p
        };
        assert_eq!(check(0), 0..PART / 10 * 10);
        assert_eq!(check(t.len()).end, t.len(), "a paste at the end");
        assert_eq!(check(50_005), 0..PART / 10 * 10);
        assert_eq!(check(100_005).end, 100_010);
        assert_eq!(part_holding("", 0), 0..0);
        assert_eq!(part_holding("a\nb", 3), 0..3);
    }

    #[test]
    fn splice_replaces_a_range() {
        assert_eq!(splice("abcdef", 2..4, "XYZ"), "abXYZef");
        assert_eq!(splice("abc", 3..3, "d"), "abcd");
        assert_eq!(splice("abc", 0..3, ""), "");
    }

    #[test]
    fn changed_end_is_after_the_edit() {
        let check = |old: &str, new: &str, end: usize| {
            assert_eq!(changed_end(old, new), end, "{old:?} -> {new:?}");
        };
        check("abc", "abc", 3);
        check("abc", "abcdef", 6);
        check("abc", "xyzabc", 3);
        check("abcabc", "abcXabc", 4);
        check("aaaa", "aaaaa", 5);
        check("abc", "", 0);
        check("", "héllo", 6);
        // Never inside a character.
        check("aé", "aè", 3);
    }

    #[test]
    fn lines_of_a_part() {
        let t = text(100, 10);
        assert_eq!(lines(&t, &(0..50)), (1, 5, 100));
        assert_eq!(lines(&t, &(50..1000)), (6, 100, 100));
        assert_eq!(lines("a\nb", &(2..3)), (2, 2, 2));
        assert_eq!(lines("", &(0..0)), (1, 1, 1));
    }
}
