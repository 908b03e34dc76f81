//! The console lines the embedding page runs (`podlab.run`): each waits in
//! the console like a typed line, and its answer is what the line wrote
//! when it ended. Every line given to the console is numbered in order;
//! lines start (or Ctrl-C discards them) in that order, so the line that
//! ends is always the last one started. Kept in the state by the pure
//! reducer; the app answers the page from [`Runs::ended`].

use std::collections::BTreeMap;

use crate::model::tools::console::Entry;

/// How a page's line came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It ran: both streams as the console shows them, and its status.
    Ended { output: String, code: i32 },
    /// Ctrl-C discarded it while it waited behind another line.
    Discarded,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Runs {
    /// Lines given to the console so far (typed, typed ahead, or the page's).
    entered: u64,
    /// Lines started or discarded so far: the running line is this one.
    started: u64,
    /// The page's lines not ended yet: line number → the page's tag.
    waiting: BTreeMap<u64, u64>,
    /// The page's lines that ended, by tag, until the app collects them.
    pub ended: BTreeMap<u64, Outcome>,
}

impl Runs {
    /// A line was given to the console; `tag`: the page's, to answer.
    pub fn enter(&mut self, tag: Option<u64>) {
        self.entered = self.entered.wrapping_add(1);
        if let Some(t) = tag {
            self.waiting.insert(self.entered, t);
        }
    }

    /// The next line starts.
    pub fn start(&mut self) {
        self.started = self.started.wrapping_add(1);
    }

    /// The running line ended with `e`.
    pub fn end(&mut self, e: &Entry) {
        if let Some(t) = self.waiting.remove(&self.started) {
            self.ended.insert(
                t,
                Outcome::Ended {
                    output: e.text(),
                    code: e.code,
                },
            );
        }
    }

    /// Ctrl-C dropped the `n` lines waiting behind the running one.
    pub fn discard(&mut self, n: usize) {
        for _ in 0..n {
            self.start();
            if let Some(t) = self.waiting.remove(&self.started) {
                self.ended.insert(t, Outcome::Discarded);
            }
        }
    }

    /// Whether the page's line `tag` still waits to end.
    pub fn waits(&self, tag: u64) -> bool {
        self.waiting.values().any(|&t| t == tag)
    }

    /// The app answered these: forget them. `false`: none was there.
    pub fn collect(&mut self, tags: &[u64]) -> bool {
        let before = self.ended.len();
        self.ended.retain(|t, _| !tags.contains(t));
        self.ended.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str, code: i32) -> Entry {
        let mut e = Entry {
            code,
            ..Entry::default()
        };
        e.io.write(1, text.as_bytes());
        e
    }

    #[test]
    fn lines_end_in_order_and_the_pages_are_kept() {
        let mut r = Runs::default();
        r.enter(None); // typed: starts
        r.start();
        r.enter(Some(7)); // the page's, typed ahead
        r.enter(None);
        r.enter(Some(8));
        assert!(r.waits(7) && r.waits(8));
        r.end(&entry("a\n", 0));
        assert!(r.ended.is_empty());
        r.start();
        r.end(&entry("b\n", 2));
        assert_eq!(
            r.ended.get(&7),
            Some(&Outcome::Ended {
                output: "b\n".into(),
                code: 2
            })
        );
        r.start();
        // Ctrl-C on the third: the fourth, the page's, is discarded.
        r.end(&entry("^C", 130));
        r.discard(1);
        assert_eq!(r.ended.get(&8), Some(&Outcome::Discarded));
        assert!(!r.waits(7) && !r.waits(8));
        assert!(r.collect(&[7, 8]));
        assert!(!r.collect(&[7]));
        assert_eq!(r.ended.len(), 0);
    }
}
