//! The embedding API's protocol (issue 11): JSON-RPC 2.0 messages between
//! podlab in an iframe and its parent page, read into typed requests and
//! written from typed results. Pure: the browser's `postMessage` glue is in
//! `embed::bridge`, and the state changes in the app. The method names and
//! shapes are fixed by issue 11 and documented in README.md.
//!
//! JSON-RPC 2.0 (<https://www.jsonrpc.org/specification>): a request
//! without an `id` is a notification and gets no answer, not even an
//! error; a message that is not JSON gets -32700 and one that is not a
//! request -32600, both with `"id": null`.

use serde_json::{Map, Value, json};

use super::params::Theme;
use crate::model::base::files::File;
use crate::model::project::checks::{self, BadItems, CheckItem};
use crate::model::tools::console;

/// The API's version, sent in `podlab.ready`.
pub const VERSION: u32 = 1;

/// The largest message read; a longer one gets -32600 (bounded input).
pub const MAX_MESSAGE: usize = 8 * 1024 * 1024;
/// At most this many files in `podlab.setFiles`.
pub const MAX_FILES: usize = 64;
/// The longest file name in `podlab.setFiles`, in bytes (ext4's limit).
pub const MAX_NAME: usize = 255;

/// JSON-RPC 2.0's error codes (§5.1), and one of podlab's in the range the
/// specification leaves to servers (-32000 to -32099).
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;
pub const METHOD_NOT_FOUND: i32 = -32601;
pub const INVALID_PARAMS: i32 = -32602;
/// `podlab.run`'s line never ran: Ctrl-C discarded it while it waited
/// behind another, or the workspace was replaced.
pub const NOT_RUN: i32 = -32000;

/// A request the page sent, its params read.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    GetFiles,
    SetFiles(Vec<File>),
    Run(String),
    /// Run the checklist; answered with its report when the run ends.
    Check,
    Reset,
    SetTheme(Theme),
    /// A course's checklist, read by [`checks::parse_items`].
    SetChecks(Vec<CheckItem>),
}

/// A request and the id to answer it with (`None`: a notification).
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub id: Option<Value>,
    pub request: Request,
}

/// An error answer: JSON-RPC's code and podlab's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcError {
    pub code: i32,
    pub message: String,
}

impl RpcError {
    pub fn new(code: i32, message: impl Into<String>) -> RpcError {
        RpcError {
            code,
            message: message.into(),
        }
    }
}

/// What a message turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Call(Call),
    /// Answer with this error (`id: None`: a notification, no answer).
    Error {
        id: Option<Value>,
        error: RpcError,
    },
}

/// The messages' text: podlab's own, English (the lead translates).
mod text {
    pub const NOT_JSON: &str = "Parse error: the message is not JSON";
    pub const TOO_LONG: &str = "Invalid Request: the message is too long";
    pub const BATCH: &str =
        "Invalid Request: podlab does not take batches; send one request at a time";
    pub const NOT_REQUEST: &str = "Invalid Request: expected {\"jsonrpc\":\"2.0\",\"method\":…}";
    pub const BAD_ID: &str = "Invalid Request: id must be a string, a number or null";
    pub const BAD_PARAMS_TYPE: &str = "Invalid Request: params must be an object or an array";
    pub const UNKNOWN_METHOD: &str = "Method not found";
    pub const NOT_RUN: &str = "The line never ran: Ctrl-C discarded it while it waited";
}

/// Read one message's text.
pub fn parse(message: &str) -> Incoming {
    let fail = |id: Option<Value>, code, message: &str| Incoming::Error {
        id,
        error: RpcError::new(code, message),
    };
    if message.len() > MAX_MESSAGE {
        return fail(Some(Value::Null), INVALID_REQUEST, text::TOO_LONG);
    }
    let Ok(v) = serde_json::from_str::<Value>(message) else {
        return fail(Some(Value::Null), PARSE_ERROR, text::NOT_JSON);
    };
    let Value::Object(mut m) = v else {
        let why = if v.is_array() {
            text::BATCH
        } else {
            text::NOT_REQUEST
        };
        return fail(Some(Value::Null), INVALID_REQUEST, why);
    };
    // The id, when it is one a reply can carry, even if the rest is bad.
    let id = match m.remove("id") {
        None => None,
        Some(id @ (Value::String(_) | Value::Number(_) | Value::Null)) => Some(id),
        Some(_) => return fail(Some(Value::Null), INVALID_REQUEST, text::BAD_ID),
    };
    let reply_id = Some(id.clone().unwrap_or(Value::Null));
    let (Some(Value::String(v)), Some(Value::String(method))) = (m.get("jsonrpc"), m.get("method"))
    else {
        return fail(reply_id, INVALID_REQUEST, text::NOT_REQUEST);
    };
    if v != "2.0" {
        return fail(reply_id, INVALID_REQUEST, text::NOT_REQUEST);
    }
    let params = match m.get("params") {
        None => None,
        Some(p @ (Value::Object(_) | Value::Array(_))) => Some(p),
        Some(_) => return fail(reply_id, INVALID_REQUEST, text::BAD_PARAMS_TYPE),
    };
    match request(method, params) {
        Ok(request) => Incoming::Call(Call { id, request }),
        Err(error) => Incoming::Error { id, error },
    }
}

/// The params as an object (absent and `[]` are an empty one).
fn object<'a>(
    params: Option<&'a Value>,
    empty: &'a Map<String, Value>,
) -> Result<&'a Map<String, Value>, RpcError> {
    match params {
        None => Ok(empty),
        Some(Value::Object(m)) => Ok(m),
        Some(Value::Array(a)) if a.is_empty() => Ok(empty),
        Some(_) => Err(bad("params must be an object")),
    }
}

fn bad(why: &str) -> RpcError {
    RpcError::new(INVALID_PARAMS, format!("Invalid params: {why}"))
}

fn string<'a>(m: &'a Map<String, Value>, key: &str) -> Result<&'a str, RpcError> {
    m.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| bad(&format!("{key} must be a string")))
}

/// A console line: one line, no longer than the console reads.
fn line(s: &str, key: &str) -> Result<String, RpcError> {
    if s.contains(['\n', '\r']) {
        return Err(bad(&format!("{key} must be one line")));
    }
    if s.len() > console::MAX_LINE {
        return Err(bad(&format!(
            "{key} is longer than {} bytes",
            console::MAX_LINE
        )));
    }
    Ok(s.to_string())
}

fn request(method: &str, params: Option<&Value>) -> Result<Request, RpcError> {
    let empty = Map::new();
    let p = || object(params, &empty);
    Ok(match method {
        "podlab.getFiles" => {
            p()?;
            Request::GetFiles
        }
        "podlab.setFiles" => Request::SetFiles(files(p()?.get("files"))?),
        "podlab.run" => Request::Run(line(string(p()?, "command")?, "command")?),
        "podlab.check" => {
            p()?;
            Request::Check
        }
        "podlab.reset" => {
            p()?;
            Request::Reset
        }
        "podlab.setTheme" => Request::SetTheme(
            Theme::parse(string(p()?, "theme")?)
                .ok_or_else(|| bad("theme must be light, dark or auto"))?,
        ),
        "podlab.setChecks" => Request::SetChecks(
            checks::parse_items(&Value::Object(p()?.clone())).map_err(|e| bad(&bad_items(&e)))?,
        ),
        _ => return Err(RpcError::new(METHOD_NOT_FOUND, text::UNKNOWN_METHOD)),
    })
}

/// `setFiles`' files: 1 to [`MAX_FILES`] of `{name, text}`, names unique,
/// non-empty, without `/` or control characters.
fn files(v: Option<&Value>) -> Result<Vec<File>, RpcError> {
    let Some(Value::Array(list)) = v else {
        return Err(bad("files must be an array of {name, text}"));
    };
    if list.is_empty() || list.len() > MAX_FILES {
        return Err(bad(&format!("files must hold 1 to {MAX_FILES} files")));
    }
    let mut out: Vec<File> = Vec::with_capacity(list.len());
    for f in list {
        let Value::Object(m) = f else {
            return Err(bad("each file must be {name, text}"));
        };
        let (name, text) = (string(m, "name")?, string(m, "text")?);
        if name.is_empty()
            || name.len() > MAX_NAME
            || name.contains('/')
            || name.chars().any(char::is_control)
        {
            return Err(bad(&format!(
                "a file name must be 1 to {MAX_NAME} bytes, without / or control characters"
            )));
        }
        if out.iter().any(|o| o.name == name) {
            return Err(bad(&format!("two files are named {name:?}")));
        }
        out.push(File {
            name: name.to_string(),
            text: text.to_string(),
        });
    }
    Ok(out)
}

/// Why `setChecks`' items were refused.
fn bad_items(e: &BadItems) -> String {
    match e {
        BadItems::NotAList => "items must be an array of {title, command, expect}".into(),
        BadItems::BadItem(n) => format!(
            "items[{n}] must be {{title, command, expect}}: strings, a one-line command, and expect a string or one of {{equals}}, {{contains}}, {{words}}, {{exitCode}}, {{json}}"
        ),
        BadItems::TooMany(n) => {
            format!("items holds {n} checks; at most {}", checks::MAX_ITEMS)
        }
    }
}

/// The error answer for a `podlab.run` whose line never ran.
pub fn not_run() -> RpcError {
    RpcError::new(NOT_RUN, text::NOT_RUN)
}

/// A success answer.
pub fn result(id: &Value, result: Value) -> String {
    json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string()
}

/// An error answer.
pub fn error(id: &Value, e: &RpcError) -> String {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": e.code, "message": e.message}}).to_string()
}

fn notification(method: &str, params: Value) -> String {
    json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string()
}

fn file_list(files: &[File]) -> Value {
    Value::Array(
        files
            .iter()
            .map(|f| json!({"name": f.name, "text": f.text}))
            .collect(),
    )
}

/// `podlab.ready`, sent once mounted.
pub fn ready(preset: &str) -> String {
    notification(
        "podlab.ready",
        json!({"version": VERSION, "preset": preset}),
    )
}

/// `podlab.change`, sent after an edit or `setFiles`.
pub fn change(files: &[File]) -> String {
    notification("podlab.change", json!({"files": file_list(files)}))
}

/// `podlab.getFiles`' result.
pub fn files_result(files: &[File], preset: &str) -> Value {
    json!({"files": file_list(files), "preset": preset})
}

/// `podlab.run`'s result: what the line wrote (both streams, as the
/// console shows them) and its exit status.
pub fn run_result(output: &str, exit_code: i32) -> Value {
    json!({"output": output, "exitCode": exit_code})
}

/// The empty result of `setFiles`, `reset` and `setTheme`.
pub fn done() -> Value {
    json!({})
}

/// `podlab.checked`, after any checklist run, with the run's report
/// ([`checks::Checklist::report`]: `podlab.check`'s result too).
pub fn checked(report: Value) -> String {
    notification("podlab.checked", report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(message: &str, expect: Incoming) {
        assert_eq!(parse(message), expect, "{message}");
    }

    fn call(id: Value, request: Request) -> Incoming {
        Incoming::Call(Call {
            id: Some(id),
            request,
        })
    }

    fn code_of(message: &str) -> (Option<Value>, i32) {
        match parse(message) {
            Incoming::Error { id, error } => (id, error.code),
            other => panic!("{message}: {other:?}"),
        }
    }

    fn file(name: &str, text: &str) -> File {
        File {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn requests() {
        check(
            r#"{"jsonrpc":"2.0","id":1,"method":"podlab.getFiles"}"#,
            call(json!(1), Request::GetFiles),
        );
        check(
            r#"{"jsonrpc":"2.0","id":"a","method":"podlab.getFiles","params":[]}"#,
            call(json!("a"), Request::GetFiles),
        );
        check(
            r#"{"jsonrpc":"2.0","id":2,"method":"podlab.setFiles","params":{"files":[{"name":"a.yml","text":"x: 1\n"},{"name":"b.yml","text":""}]}}"#,
            call(
                json!(2),
                Request::SetFiles(vec![file("a.yml", "x: 1\n"), file("b.yml", "")]),
            ),
        );
        check(
            r#"{"jsonrpc":"2.0","id":null,"method":"podlab.run","params":{"command":"kubectl get pods"}}"#,
            call(Value::Null, Request::Run("kubectl get pods".into())),
        );
        check(
            r#"{"jsonrpc":"2.0","id":3,"method":"podlab.setTheme","params":{"theme":"dark"}}"#,
            call(json!(3), Request::SetTheme(Theme::Dark)),
        );
        check(
            r#"{"jsonrpc":"2.0","id":4,"method":"podlab.reset","params":{}}"#,
            call(json!(4), Request::Reset),
        );
        check(
            r#"{"jsonrpc":"2.0","id":5,"method":"podlab.check"}"#,
            call(json!(5), Request::Check),
        );
        check(
            r#"{"jsonrpc":"2.0","id":6,"method":"podlab.setChecks","params":{"items":[{"title":"up","command":"kubectl get pods","expect":"Running"}]}}"#,
            call(
                json!(6),
                Request::SetChecks(vec![CheckItem {
                    id: "check-1".into(),
                    title: "up".into(),
                    command: "kubectl get pods".into(),
                    expect: checks::Expect::Contains("Running".into()),
                    hint: crate::model::base::i18n::Text::Own(checks::text::DEFAULT_HINT.msg()),
                }]),
            ),
        );
        // A notification: no id.
        check(
            r#"{"jsonrpc":"2.0","method":"podlab.reset"}"#,
            Incoming::Call(Call {
                id: None,
                request: Request::Reset,
            }),
        );
    }

    #[test]
    fn errors() {
        for (message, id, code) in [
            ("{", Some(Value::Null), PARSE_ERROR),
            ("", Some(Value::Null), PARSE_ERROR),
            ("[]", Some(Value::Null), INVALID_REQUEST),
            (
                r#"[{"jsonrpc":"2.0","id":1,"method":"podlab.reset"}]"#,
                Some(Value::Null),
                INVALID_REQUEST,
            ),
            ("1", Some(Value::Null), INVALID_REQUEST),
            (
                r#"{"jsonrpc":"2.0","id":{},"method":"podlab.reset"}"#,
                Some(Value::Null),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"1.0","id":7,"method":"podlab.reset"}"#,
                Some(json!(7)),
                INVALID_REQUEST,
            ),
            (
                r#"{"id":7,"method":"podlab.reset"}"#,
                Some(json!(7)),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":7,"method":5}"#,
                Some(json!(7)),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":7,"method":"podlab.reset","params":"x"}"#,
                Some(json!(7)),
                INVALID_REQUEST,
            ),
            (
                r#"{"jsonrpc":"2.0","id":8,"method":"podlab.nope"}"#,
                Some(json!(8)),
                METHOD_NOT_FOUND,
            ),
            (
                r#"{"jsonrpc":"2.0","method":"podlab.nope"}"#,
                None,
                METHOD_NOT_FOUND,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.run"}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.run","params":{"command":1}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.run","params":{"command":"a\nb"}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.run","params":["ls"]}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setFiles","params":{}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setFiles","params":{"files":[]}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setFiles","params":{"files":[{"name":"a"}]}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setFiles","params":{"files":[{"name":"","text":""}]}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setFiles","params":{"files":[{"name":"a/b","text":""}]}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setFiles","params":{"files":[{"name":"a","text":""},{"name":"a","text":"x"}]}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setTheme","params":{"theme":"blue"}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.setChecks","params":{"items":[{"title":"t","command":"ls"}]}}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
            (
                r#"{"jsonrpc":"2.0","id":9,"method":"podlab.getFiles","params":[1]}"#,
                Some(json!(9)),
                INVALID_PARAMS,
            ),
        ] {
            assert_eq!(code_of(message), (id, code), "{message}");
        }
        let many = (0..=MAX_FILES)
            .map(|i| format!(r#"{{"name":"f{i}","text":""}}"#))
            .collect::<Vec<_>>()
            .join(",");
        let m = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"podlab.setFiles","params":{{"files":[{many}]}}}}"#
        );
        assert_eq!(code_of(&m), (Some(json!(1)), INVALID_PARAMS));
        let long = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"podlab.run","params":{{"command":"{}"}}}}"#,
            "x".repeat(console::MAX_LINE + 1)
        );
        assert_eq!(code_of(&long), (Some(json!(1)), INVALID_PARAMS));
        let huge = "x".repeat(MAX_MESSAGE + 1);
        assert_eq!(code_of(&huge), (Some(Value::Null), INVALID_REQUEST));
    }

    #[test]
    fn answers() {
        let files = [file("a.yml", "x: \"1\"\n")];
        assert_eq!(
            result(&json!(1), files_result(&files, "ambassador")),
            r#"{"id":1,"jsonrpc":"2.0","result":{"files":[{"name":"a.yml","text":"x: \"1\"\n"}],"preset":"ambassador"}}"#
        );
        assert_eq!(
            error(&Value::Null, &RpcError::new(PARSE_ERROR, "p")),
            r#"{"error":{"code":-32700,"message":"p"},"id":null,"jsonrpc":"2.0"}"#
        );
        assert_eq!(
            ready("sidecar"),
            r#"{"jsonrpc":"2.0","method":"podlab.ready","params":{"preset":"sidecar","version":1}}"#
        );
        assert_eq!(
            change(&files),
            r#"{"jsonrpc":"2.0","method":"podlab.change","params":{"files":[{"name":"a.yml","text":"x: \"1\"\n"}]}}"#
        );
        assert_eq!(
            result(&json!("r"), run_result("ok\n", 3)),
            r#"{"id":"r","jsonrpc":"2.0","result":{"exitCode":3,"output":"ok\n"}}"#
        );
        let report = json!({"passed": false, "items": []});
        assert_eq!(
            checked(report),
            r#"{"jsonrpc":"2.0","method":"podlab.checked","params":{"items":[],"passed":false}}"#
        );
    }
}
