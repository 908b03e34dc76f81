//! HAProxy's messages: what it says and how each version prints it.
//!
//! 2.x: `[ALERT]    (7) : config : parsing [haproxy.cfg:12] : ...`
//! 1.7: `[ALERT] 126/201110 (7) : parsing [haproxy.cfg:12] : ...`
//!
//! The body is shared; the prefix depends on the version and the process.

use crate::model::base::diag::Span;
use crate::model::base::time::Civil;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Alert,
    Warning,
    Notice,
}

/// How the location is written before the text; HAProxy is not uniform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `parsing [F:L] : text`
    Parsing,
    /// `parsing [F:L]: text`
    ParsingTight,
    /// `Parsing [F:L]: text`
    ParsingCap,
    /// `[F:L] : text`
    Located,
    /// `[F:L] : parsing [F:L] : text`
    LocatedParsing,
    /// `text`
    Plain,
}

/// When HAProxy says it: while reading the file, in the checks after it, or
/// while resolving server addresses. Each stage has its own closing line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Parse,
    Check,
    Resolve,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub stage: Stage,
    pub level: Level,
    pub form: Form,
    pub line: Option<u32>,
    pub span: Span,
    /// The body; `{file}` stands for the configuration file's path.
    pub text: String,
    /// Whether it stops HAProxy from starting.
    pub fatal: bool,
    /// Whether parsing stops right there (`ERR_ABORT`): HAProxy then skips
    /// its later checks.
    pub abort: bool,
}

impl Message {
    pub fn alert(form: Form, line: Option<u32>, span: Span, text: String) -> Self {
        Message {
            stage: Stage::Parse,
            level: Level::Alert,
            form,
            line,
            span,
            text,
            fatal: true,
            abort: false,
        }
    }

    pub fn warning(form: Form, line: Option<u32>, span: Span, text: String) -> Self {
        Message {
            stage: Stage::Parse,
            level: Level::Warning,
            form,
            line,
            span,
            text,
            fatal: false,
            abort: false,
        }
    }

    pub fn notice(text: String) -> Self {
        Message {
            stage: Stage::Parse,
            level: Level::Notice,
            form: Form::Plain,
            line: None,
            span: Span::default(),
            text,
            fatal: false,
            abort: false,
        }
    }

    pub fn at_stage(mut self, stage: Stage) -> Self {
        self.stage = stage;
        self
    }

    /// The message body with its location, as printed after the prefix.
    pub fn body(&self, file: &str) -> String {
        let text = self.text.replace("{file}", file);
        let line = self.line.unwrap_or(0);
        match self.form {
            Form::Parsing => format!("parsing [{file}:{line}] : {text}"),
            Form::ParsingTight => format!("parsing [{file}:{line}]: {text}"),
            Form::ParsingCap => format!("Parsing [{file}:{line}]: {text}"),
            Form::Located => format!("[{file}:{line}] : {text}"),
            Form::LocatedParsing => format!("[{file}:{line}] : parsing [{file}:{line}] : {text}"),
            Form::Plain => text,
        }
    }
}

/// Who prints, and when: needed for the prefix.
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    pub version: super::Version,
    pub pid: u32,
    /// Wall-clock time, for 1.7's `DDD/HHMMSS` stamp.
    pub at: Civil,
}

impl Printer {
    pub fn prefix(&self, level: Level) -> String {
        self.prefix_in(
            level,
            if level == Level::Notice {
                None
            } else {
                Some("config")
            },
        )
    }

    /// The prefix with HAProxy 2.4+'s context (`config : ` while reading the
    /// configuration, none at start-up); 1.7 and 2.0-2.3 have no context.
    pub fn prefix_in(&self, level: Level, context: Option<&str>) -> String {
        let tag = match level {
            Level::Alert => "[ALERT]",
            Level::Warning => "[WARNING]",
            Level::Notice => "[NOTICE]",
        };
        if self.version.at_least(2, 4) {
            // The tag padded to 10, then ` (pid) : `, then the context.
            let context = context.map_or(String::new(), |c| format!("{c} : "));
            format!("{tag:<10} ({}) : {context}", self.pid)
        } else if self.version.at_least(2, 0) {
            format!("{tag:<10} ({}) : ", self.pid)
        } else {
            format!(
                "{tag} {:03}/{:02}{:02}{:02} ({}) : ",
                self.at.yday, self.at.hour, self.at.minute, self.at.second, self.pid
            )
        }
    }

    /// Every line HAProxy writes to stderr for one message.
    pub fn lines(&self, m: &Message, file: &str) -> Vec<String> {
        let mut body = m.body(file);
        if !self.version.at_least(2, 0) {
            // 1.7 has no "did you mean".
            if let Some(i) = body.find("; did you mean") {
                body.truncate(i);
            }
            if let Some(i) = body.find(" Did you mean") {
                body.truncate(i);
            }
        }
        let mut out = Vec::new();
        for (i, part) in body.split('\n').enumerate() {
            if i == 0 {
                out.push(format!("{}{part}", self.prefix(m.level)));
            } else {
                out.push(part.to_string());
            }
        }
        out
    }
}
