//! Keyboard and screen-reader access as pure functions: what Tab does in an
//! editor or the console (indents or completes, but after Escape leaves:
//! [`Keys`]), and what assistive technology is told: the console's new
//! output for its polite live region (only what is new since the last
//! announcement, cut at [`ANNOUNCE_CHARS`]), and the topology diagram as a
//! sentence per box and arrow, for the SVG's `<desc>`.

use crate::model::base::i18n::{Arg, Key, Lang, Msg};
use crate::model::project::workspace;
use crate::model::tools::console::Entry;
use crate::model::view::layout::{Geometry, NodeKind};

/// The most characters of console output one announcement reads out: a
/// screen reader reads a live region's text whole, so a long output is cut
/// here (the transcript keeps all of it, and can be read by moving into
/// it). 500 characters is about half a minute of speech.
pub const ANNOUNCE_CHARS: usize = 500;

/// podlab's own words in this file: the catalogue's (model::base::i18n).
mod text {
    use super::NodeKind;
    use crate::model::base::i18n::Key;

    /// A box's kind, where its title does not say it already.
    pub fn kind(k: NodeKind) -> Option<Key> {
        use NodeKind::*;
        match k {
            Client => Some(Key::DiagramClientPod),
            Container => Some(Key::DiagramContainer),
            Port => Some(Key::DiagramPort),
            Volume => Some(Key::DiagramVolume),
            Pod | Localhost | Pids => None,
        }
    }
}

/// What Tab does in an editor or the console: it indents (or completes), unless Escape came just
/// before it (with no other key between, modifiers aside), when it is left
/// to the browser, which moves the focus on (CodeMirror's
/// `temporarilySetTabFocusMode`, without its two-second limit; leaving the
/// field ends it too: the components start afresh on blur).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    escaped: bool,
}

/// What the editor or the console does with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAction {
    /// Indent (the console: complete), and keep the focus.
    Indent,
    /// Leave the key to the browser.
    Pass,
}

impl Keys {
    /// A key went down (`KeyboardEvent.key`, and whether Shift, Ctrl, Alt
    /// or Meta was held).
    pub fn key(&mut self, key: &str, modified: bool) -> KeyAction {
        if matches!(key, "Shift" | "Control" | "Alt" | "Meta") {
            return KeyAction::Pass;
        }
        let escaped = std::mem::replace(&mut self.escaped, key == "Escape");
        if key == "Tab" && !modified && !escaped {
            KeyAction::Indent
        } else {
            KeyAction::Pass
        }
    }
}

/// How many entries the transcript has shown since it was last cleared:
/// its entries, and those [`console::cap_transcript`] dropped from its top
/// (counted in the note it leaves there, which is not itself counted).
///
/// [`console::cap_transcript`]: crate::model::tools::console::cap_transcript
pub fn seen(entries: &[Entry]) -> usize {
    match entries.first() {
        Some(first) if first.dropped > 0 => first.dropped.saturating_add(entries.len() - 1),
        _ => entries.len(),
    }
}

/// What to announce of a transcript that had shown `before` entries (its
/// [`seen`] then) and now is `entries`: the output of the entries added
/// since, as the console shows it, cut at [`ANNOUNCE_CHARS`] characters.
/// `None` when nothing new was written. A transcript that went back
/// (`clear`, then new lines) is new from its start.
/// What the console's live region reads out: the output (the tools'
/// words, verbatim), and podlab's note when it was cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Announcement {
    pub said: String,
    pub cut: Option<Msg>,
}

impl Announcement {
    pub fn render(&self, lang: Lang) -> String {
        match &self.cut {
            None => self.said.clone(),
            Some(m) => format!("{}{}", self.said, m.render(lang)),
        }
    }

    /// In English (the tests' language).
    pub fn en(&self) -> String {
        self.render(Lang::En)
    }
}

pub fn announcement(entries: &[Entry], before: usize) -> Option<Announcement> {
    let now = seen(entries);
    let body = match entries.first() {
        Some(first) if first.dropped > 0 => &entries[1..],
        _ => entries,
    };
    let fresh = if now >= before {
        now - before
    } else {
        body.len()
    };
    let from = body.len().saturating_sub(fresh);
    let all: String = body[from..]
        .iter()
        .map(|e| workspace::terminal_text(&e.text()))
        .collect();
    let said = all.trim_end();
    if said.is_empty() {
        return None;
    }
    let total = said.chars().count();
    Some(match said.char_indices().nth(ANNOUNCE_CHARS) {
        None => Announcement {
            said: said.to_string(),
            cut: None,
        },
        Some((cut, _)) => Announcement {
            said: said[..cut].to_string(),
            cut: Some(
                Key::AnnouncementCut
                    .msg()
                    .arg("n", ANNOUNCE_CHARS)
                    .arg("rest", total - ANNOUNCE_CHARS),
            ),
        },
    })
}

/// The diagram in words: one sentence per box (its kind, title and lines)
/// and per arrow (its ends, and its label).
pub fn diagram_description(g: &Geometry) -> Vec<Msg> {
    if g.nodes.is_empty() {
        return vec![Key::DiagramEmpty.msg()];
    }
    fn title<'a>(g: &'a Geometry, id: &'a str) -> &'a str {
        g.node(id).map_or(id, |n| n.title.as_str())
    }
    let mut out = Vec::new();
    for n in &g.nodes {
        let m = match text::kind(n.kind) {
            Some(kind) => Key::DiagramNodeOfKind.msg().arg_msg("kind", kind),
            None => Key::DiagramNode.msg(),
        }
        .arg("title", &n.title);
        out.push(if n.lines.is_empty() {
            Key::DiagramSentence.msg().arg_msg("s", m)
        } else {
            Key::DiagramWithLines.msg().arg_msg("node", m).arg_list(
                "lines",
                n.lines.iter().map(|l| Arg::Text(l.clone())).collect(),
            )
        });
    }
    for e in &g.edges {
        let m = Key::DiagramArrow
            .msg()
            .arg("from", title(g, &e.from))
            .arg("to", title(g, &e.to));
        out.push(match &e.label {
            Some(l) => Key::DiagramArrowLabelled
                .msg()
                .arg_msg("arrow", m)
                .arg("label", &l.text),
            None => Key::DiagramSentence.msg().arg_msg("s", m),
        });
    }
    out
}

/// The description in `lang`: its sentences, spaced as the language
/// writes them.
pub fn render(sentences: &[Msg], lang: Lang) -> String {
    let sep = match lang {
        Lang::En => " ",
        Lang::ZhTw => "",
    };
    sentences
        .iter()
        .map(|m| m.render(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::time::SimTime;
    use crate::model::tools::console::{TRANSCRIPT_ENTRIES, cap_transcript};

    fn entry(out: &str) -> Entry {
        let mut e = Entry {
            line: "echo".into(),
            ..Entry::default()
        };
        e.io.write(1, out.as_bytes());
        e
    }

    fn check(entries: &[Entry], before: usize, expect: Option<&str>) {
        assert_eq!(
            announcement(entries, before).map(|a| a.en()).as_deref(),
            expect
        );
    }

    #[test]
    fn only_the_new_entries_are_announced() {
        let t = vec![entry("one\n"), entry("two\n"), entry("three\n")];
        check(&t, 0, Some("one\ntwo\nthree"));
        check(&t, 2, Some("three"));
        check(&t, 3, None);
        // Cleared and written again: new from the start.
        check(&t[..1], 3, Some("one"));
        // A line that printed nothing announces nothing.
        check(&[entry("one\n"), entry("")], 1, None);
        check(&[], 0, None);
    }

    #[test]
    fn a_capped_transcript_counts_what_it_dropped() {
        let t: Vec<Entry> = (0..TRANSCRIPT_ENTRIES + 3)
            .map(|i| entry(&format!("{i}\n")))
            .collect();
        let capped = cap_transcript(t);
        assert!(capped[0].dropped > 0);
        assert_eq!(seen(&capped), TRANSCRIPT_ENTRIES + 3);
        let last = format!("{}", TRANSCRIPT_ENTRIES + 2);
        check(&capped, TRANSCRIPT_ENTRIES + 2, Some(&last));
        // The note at the top is never announced as new output.
        assert!(!announcement(&capped, 0).unwrap().en().contains("dropped"));
        let mut note = Entry::note(SimTime::ZERO, "x\n");
        note.dropped = 7;
        assert_eq!(seen(&[note, entry("a\n")]), 8);
    }

    #[test]
    fn a_long_output_is_cut_at_a_char_boundary_with_a_note() {
        let long = "é".repeat(ANNOUNCE_CHARS + 40);
        let said = announcement(&[entry(&long)], 0).unwrap().en();
        let (head, note) = said.split_at(said.find(" … ").unwrap());
        assert_eq!(head, "é".repeat(ANNOUNCE_CHARS));
        assert!(note.contains(&format!("cut at {ANNOUNCE_CHARS} characters; 40 more")));
        let exact = "a".repeat(ANNOUNCE_CHARS);
        check(&[entry(&exact)], 0, Some(&exact));
    }

    #[test]
    fn the_seed_labs_diagram_is_described_box_by_box() {
        use crate::model::base::time::WallClock;
        use crate::model::view::{layout, topology};
        let files = workspace::seed();
        let built = workspace::apply(&workspace::analyze(&files), WallClock { epoch_ms: 0 });
        let g = layout::layout(&topology::derive(&built.cluster, "default"));
        let d = render(&diagram_description(&g), Lang::En);
        assert!(d.starts_with("Client pod busybox: "), "{d}");
        assert!(d.contains(". pod fruit-service: IP "), "{d}");
        assert!(d.contains("Container legacy-fruit-service"), "{d}");
        assert!(d.contains("Container fruit-service-ambassador"), "{d}");
        assert!(d.contains("Volume "), "{d}");
        assert!(d.contains("Arrow from "), "{d}");
        let empty = diagram_description(&Geometry {
            width: 0.0,
            height: 0.0,
            nodes: vec![],
            edges: vec![],
        });
        assert_eq!(render(&empty, Lang::En), "No pods yet.");
        assert_eq!(render(&empty, Lang::ZhTw), "還沒有 Pod。");
        // In Chinese: the same boxes, the sentences run together.
        let zh = render(&diagram_description(&g), Lang::ZhTw);
        assert!(zh.starts_with("用戶端 Pod busybox："), "{zh}");
        assert!(!zh.contains(". "), "{zh}");
    }

    /// Keys in order, and what the editor does with each.
    fn check_keys(keys: &[(&str, bool)], expect: &[KeyAction]) {
        let mut k = Keys::default();
        let got: Vec<KeyAction> = keys.iter().map(|&(key, m)| k.key(key, m)).collect();
        assert_eq!(got, expect, "{keys:?}");
    }

    #[test]
    fn tab_indents_and_escape_then_tab_leaves() {
        use KeyAction::{Indent, Pass};
        check_keys(&[("Tab", false), ("Tab", false)], &[Indent, Indent]);
        check_keys(
            &[("Escape", false), ("Tab", false), ("Tab", false)],
            &[Pass, Pass, Indent],
        );
        // Another key between: Tab indents again.
        check_keys(
            &[("Escape", false), ("a", false), ("Tab", false)],
            &[Pass, Pass, Indent],
        );
        // Shift-Tab always leaves (backwards); Shift's own keydown does
        // not end Escape's effect.
        check_keys(&[("Tab", true)], &[Pass]);
        check_keys(
            &[
                ("Escape", false),
                ("Shift", true),
                ("Tab", true),
                ("Tab", false),
            ],
            &[Pass, Pass, Pass, Indent],
        );
        check_keys(
            &[("Escape", false), ("Escape", false), ("Tab", false)],
            &[Pass, Pass, Pass],
        );
    }
}
