//! Diagnostics as plain data, in the shape of codespan-reporting's `Diagnostic`
//! and `Label`: a severity, who would have said it, a message, and labels that
//! point at byte ranges of a source file. Nothing here knows about lines; a
//! [`LineIndex`] turns a byte offset into a line and column only when a
//! diagnostic is shown.

use std::fmt;
use std::ops::Range;

use crate::model::base::i18n::{Msg, Text};

/// A byte range in one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    pub fn from_range(r: Range<usize>) -> Self {
        Span::new(clamp_u32(r.start), clamp_u32(r.end.max(r.start)))
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A value together with the span of the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub const fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One source text that diagnostics can point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileId {
    /// The workspace's file at this index: an editor tab in the app, a file
    /// named on `podlab`'s command line.
    Workspace(usize),
    /// haproxy.cfg as the haproxy.cfg pane shows it: the value of its
    /// ConfigMap key, with spans into that value, not into the YAML.
    HaproxyCfg,
    /// Words typed on kubectl's command line (`kubectl create namespace
    /// x`): an object with no file behind it.
    CommandLine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Who says it. podlab repeats what a real program would print and marks its
/// own hints as its own, so a learner can tell HAProxy's words from podlab's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// The YAML parser, in the words of kubectl's YAML-to-JSON step.
    Yaml,
    /// kubectl's own client-side checks.
    Kubectl,
    /// The API server (decoding and validation), as kubectl prints it.
    ApiServer,
    /// HAProxy's configuration parser.
    Haproxy,
    /// podlab itself: hints, cross-checks and "not modelled" notices.
    Podlab,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Yaml => "yaml",
            Origin::Kubectl => "kubectl",
            Origin::ApiServer => "kube-apiserver",
            Origin::Haproxy => "haproxy",
            Origin::Podlab => "podlab",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelStyle {
    Primary,
    Secondary,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub style: LabelStyle,
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn primary(file: FileId, span: Span) -> Self {
        Label {
            style: LabelStyle::Primary,
            file,
            span,
            message: String::new(),
        }
    }

    pub fn secondary(file: FileId, span: Span) -> Self {
        Label {
            style: LabelStyle::Secondary,
            ..Label::primary(file, span)
        }
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub origin: Origin,
    /// What it says, in English (a tool's words as the tool prints them).
    pub message: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    /// podlab's own words typed, for the UI to show in the language shown
    /// (`message` and `notes` hold them in English): set by
    /// [`Diagnostic::with_msg`] and [`Diagnostic::with_note_msg`].
    pub own: Option<Box<Own>>,
}

/// A diagnostic's message and notes as catalogue messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Own {
    pub message: Msg,
    /// One per entry of the diagnostic's `notes`.
    pub notes: Vec<Text>,
}

impl Diagnostic {
    pub fn new(severity: Severity, origin: Origin) -> Self {
        Diagnostic {
            severity,
            origin,
            message: String::new(),
            labels: Vec::new(),
            notes: Vec::new(),
            own: None,
        }
    }

    pub fn error(origin: Origin) -> Self {
        Diagnostic::new(Severity::Error, origin)
    }

    pub fn warning(origin: Origin) -> Self {
        Diagnostic::new(Severity::Warning, origin)
    }

    pub fn note(origin: Origin) -> Self {
        Diagnostic::new(Severity::Note, origin)
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// podlab's own message: the English in `message`, the typed message
    /// for the UI.
    pub fn with_msg(mut self, msg: Msg) -> Self {
        self.message = msg.en();
        let notes = self.notes.iter().cloned().map(Text::Verbatim).collect();
        self.own = Some(Box::new(Own {
            message: msg,
            notes,
        }));
        self
    }

    /// podlab's own note, as [`Diagnostic::with_msg`] for the message.
    pub fn with_note_msg(mut self, msg: Msg) -> Self {
        self.notes.push(msg.en());
        if let Some(own) = &mut self.own {
            own.notes.push(Text::Own(msg));
        }
        self
    }

    /// The message as the UI shows it: podlab's own words typed, a tool's
    /// as it printed them.
    pub fn message_text(&self) -> Text {
        match &self.own {
            Some(o) => Text::Own(o.message.clone()),
            None => Text::Verbatim(self.message.clone()),
        }
    }

    /// The notes as the UI shows them.
    pub fn note_texts(&self) -> Vec<Text> {
        match &self.own {
            Some(o) => o.notes.clone(),
            _ => self.notes.iter().cloned().map(Text::Verbatim).collect(),
        }
    }

    pub fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        let note = note.into();
        if let Some(own) = &mut self.own {
            own.notes.push(Text::Verbatim(note.clone()));
        }
        self.notes.push(note);
        self
    }

    /// The primary label, if any: where the diagnostic is anchored.
    pub fn primary(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.style == LabelStyle::Primary)
            .or(self.labels.first())
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Line starts of one text, to turn byte offsets into 1-based lines and
/// columns (columns count characters, as editors do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| clamp_u32(i + 1)),
        );
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: u32) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// 1-based line and character column of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: u32) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1] as usize;
        let end = (offset as usize).min(text.len()).max(start);
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line, col + 1)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// Byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset(&self, text: &str, line: usize, col: usize) -> u32 {
        let Some(start) = self.line_start(line) else {
            return clamp_u32(text.len());
        };
        let rest = &text[start as usize..];
        let line_text = rest.split('\n').next().unwrap_or("");
        let chars = col.saturating_sub(1);
        let within = line_text
            .char_indices()
            .nth(chars)
            .map_or(line_text.len(), |(i, _)| i);
        start + clamp_u32(within)
    }
}

/// A diagnostic rendered for a person: `file:line:col: severity: message`.
pub struct Rendered<'a> {
    pub diagnostic: &'a Diagnostic,
    pub file_name: &'a str,
    pub text: &'a str,
    /// The text's line index, made once per file (made per diagnostic,
    /// 3 000 diagnostics of a 30 KB file took seconds).
    pub index: &'a LineIndex,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        match d.primary() {
            Some(label) => {
                let (line, col) = self.index.line_col(self.text, label.span.start);
                write!(f, "{}:{line}:{col}: ", self.file_name)?;
            }
            None => write!(f, "{}: ", self.file_name)?,
        }
        write!(f, "{}: {}", d.severity.as_str(), d.message)?;
        for note in &d.notes {
            write!(f, "\n  = {note}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, offset: u32, expect: (usize, usize)) {
        assert_eq!(
            LineIndex::new(text).line_col(text, offset),
            expect,
            "{text:?} @ {offset}"
        );
    }

    #[test]
    fn line_col() {
        check("", 0, (1, 1));
        check("ab\ncd", 0, (1, 1));
        check("ab\ncd", 2, (1, 3));
        check("ab\ncd", 3, (2, 1));
        check("ab\ncd", 5, (2, 3));
        check("é\nx", 2, (1, 2));
        check("a\n\nb", 3, (3, 1));
    }

    #[test]
    fn offset_round_trips() {
        let text = "global\n  dæmon\nx";
        let idx = LineIndex::new(text);
        for off in [0u32, 3, 7, 9, 10, 12, 16] {
            let (l, c) = idx.line_col(text, off);
            assert_eq!(idx.offset(text, l, c), off);
        }
    }
}
