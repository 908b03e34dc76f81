//! Checked exercises: each preset's objectives as a checklist of data, each
//! item a real console line (`kubectl get … -o jsonpath=…`, `kubectl exec …
//! curl …`) and a typed expectation of what it prints, so a learner sees in
//! the console how each item was checked. The checklist runs after the pods
//! settle on the simulated clock as `podlab run` lets them
//! ([`cli::SETTLE_MAX`]). A course can replace a preset's items with its own
//! (`podlab.setChecks`), parsed here from `{title, command, expect}`.

use serde_json::Value;

use crate::model::base::i18n::{Key, Lang, Msg, Text};
use crate::model::project::cli;
use crate::model::project::workspace::File;
use crate::model::sim::cluster::Cluster;
use crate::model::sim::programs::fruit;
use crate::model::tools::console::{self, Entry, MAX_LINE};

/// What an item's command must print, or how it must exit.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// The output (both streams, as the terminal shows them) is exactly
    /// this, ignoring one final newline on either side.
    Equals(String),
    /// The output holds this text.
    Contains(String),
    /// Each of these is a whitespace-separated word of the output (the
    /// order does not matter; `80` is not a word of `8080`).
    Words(Vec<String>),
    /// The command exits with this status.
    ExitCode(i32),
    /// The command exits 0 and its stdout is JSON equal to this value.
    Json(Value),
}

/// One objective: a title, the console line that checks it, what the line
/// must print, and a hint shown when it does not.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckItem {
    pub id: String,
    /// A preset's: podlab's words, in the language shown; a course's: as
    /// the course wrote it.
    pub title: Text,
    pub command: String,
    pub expect: Expect,
    pub hint: Text,
}

/// Why an item failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    /// The output is not the text expected.
    Differs,
    /// The output does not hold the text expected.
    Lacks(String),
    /// This word is not in the output.
    NoWord(String),
    ExitCode {
        want: i32,
        got: i32,
    },
    /// The command failed before printing JSON.
    Failed(i32),
    /// Stdout is not JSON.
    NotJson,
    /// JSON, but not the value expected.
    OtherJson,
}

/// An item's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail(Miss),
    /// The run stopped (Ctrl-C, an edit) before this item ran.
    NotRun,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        *self == Verdict::Pass
    }
}

/// The most items a checklist holds (a course's list is cut there).
pub const MAX_ITEMS: usize = 50;

/// The longest title or hint kept, in bytes (cut at a char boundary).
pub const MAX_TEXT: usize = 1024;

/// Judge what an item's console line printed.
pub fn judge(expect: &Expect, e: &Entry) -> Verdict {
    let text = e.text();
    let miss = match expect {
        Expect::Equals(want) => (text.strip_suffix('\n').unwrap_or(&text)
            != want.strip_suffix('\n').unwrap_or(want))
        .then_some(Miss::Differs),
        Expect::Contains(want) => {
            (!text.contains(want.as_str())).then(|| Miss::Lacks(want.clone()))
        }
        Expect::Words(words) => words
            .iter()
            .find(|w| !text.split_whitespace().any(|t| t == w.as_str()))
            .map(|w| Miss::NoWord(w.clone())),
        Expect::ExitCode(want) => (e.code != *want).then_some(Miss::ExitCode {
            want: *want,
            got: e.code,
        }),
        Expect::Json(want) => {
            if e.code != 0 {
                Some(Miss::Failed(e.code))
            } else {
                match serde_json::from_str::<Value>(&e.stdout()) {
                    Err(_) => Some(Miss::NotJson),
                    Ok(v) => (v != *want).then_some(Miss::OtherJson),
                }
            }
        }
    };
    miss.map_or(Verdict::Pass, Verdict::Fail)
}

/// Let the pods settle as `podlab run` does: every container running or
/// done, or [`cli::SETTLE_MAX`] passed, in half-second steps.
pub fn settle(cl: &mut Cluster) {
    cli::settle(cl);
}

/// Run a checklist natively, to its end: settle, then each item's line in
/// turn on the same cluster; the console entries and their verdicts.
pub fn run(cl: &mut Cluster, files: &[File], items: &[CheckItem]) -> Vec<(Entry, Verdict)> {
    settle(cl);
    items
        .iter()
        .map(|it| {
            let e = console::run(cl, files, &it.command);
            let v = judge(&it.expect, &e);
            (e, v)
        })
        .collect()
}

/// A checklist as the app holds it: its items (a preset's or a course's)
/// and its last run, which runs item by item as console lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checklist {
    pub items: Vec<CheckItem>,
    /// A course's items replaced the preset's.
    pub custom: bool,
    /// The verdicts of the current or last run, one per item run so far.
    /// Empty when the list has not run since it or the files changed.
    pub verdicts: Vec<Verdict>,
    /// A run is under way: item `verdicts.len()` is the console's line.
    pub running: bool,
    /// How many runs have ended (stopped ones included): the embed API
    /// notifies `podlab.checked` when it moves.
    pub runs: u64,
}

/// One item as the Checks panel shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub title: Text,
    pub command: String,
    /// `None` until the item has run.
    pub passed: Option<bool>,
    /// Why it failed (or that it did not run); `None` when it passed or
    /// has not run.
    pub detail: Option<Msg>,
    pub hint: Text,
}

impl Checklist {
    pub fn of_preset(id: &str) -> Checklist {
        Checklist {
            items: for_preset(id),
            ..Checklist::default()
        }
    }

    /// A course's items, in place of the preset's.
    pub fn custom(items: Vec<CheckItem>) -> Checklist {
        Checklist {
            items,
            custom: true,
            ..Checklist::default()
        }
    }

    /// Start a run: the first item's command, or `None` for an empty list
    /// (the run is then over at once).
    pub fn start(&mut self) -> Option<String> {
        self.verdicts.clear();
        self.running = true;
        self.next()
    }

    /// The command of the item to run next, or `None` when the run ended.
    fn next(&mut self) -> Option<String> {
        match self.items.get(self.verdicts.len()) {
            Some(it) => Some(it.command.clone()),
            None => {
                self.running = false;
                self.runs = self.runs.wrapping_add(1);
                None
            }
        }
    }

    /// The running item's line ended with `e`: judge it; the next command.
    pub fn record(&mut self, e: &Entry) -> Option<String> {
        let it = self.items.get(self.verdicts.len())?;
        self.verdicts.push(judge(&it.expect, e));
        self.next()
    }

    /// The run was stopped: the items not judged yet did not run.
    pub fn stop(&mut self) {
        if self.running {
            self.verdicts.resize(self.items.len(), Verdict::NotRun);
            self.running = false;
            self.runs = self.runs.wrapping_add(1);
        }
    }

    /// The run's verdicts no longer hold (the files changed).
    pub fn forget(&mut self) {
        self.stop();
        self.verdicts.clear();
    }

    /// Whether the last run ended with every item passing.
    pub fn passed(&self) -> bool {
        !self.running
            && self.verdicts.len() == self.items.len()
            && self.verdicts.iter().all(Verdict::passed)
    }

    /// What the Checks panel shows, item by item.
    pub fn rows(&self) -> Vec<Row> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let v = self.verdicts.get(i);
                let detail = match v {
                    Some(Verdict::Fail(m)) => Some(text::miss(m)),
                    Some(Verdict::NotRun) => Some(text::NOT_RUN.msg()),
                    _ => None,
                };
                Row {
                    id: it.id.clone(),
                    title: it.title.clone(),
                    command: it.command.clone(),
                    passed: v.filter(|v| **v != Verdict::NotRun).map(Verdict::passed),
                    detail,
                    hint: it.hint.clone(),
                }
            })
            .collect()
    }

    /// The result of the embed API's `podlab.check`:
    /// `{passed, items:[{id,title,passed,detail}]}`, a failed item's detail
    /// being why it failed and its hint, in `lang`.
    pub fn report(&self, lang: Lang) -> Value {
        let items: Vec<Value> = self
            .rows()
            .into_iter()
            .map(|r| {
                let why = r.detail.map(|m| m.render(lang)).unwrap_or_default();
                let detail = match r.passed {
                    Some(true) => String::new(),
                    Some(false) => format!("{why} {}", r.hint.render(lang)),
                    None => why,
                };
                serde_json::json!({
                    "id": r.id,
                    "title": r.title.render(lang),
                    "passed": r.passed == Some(true),
                    "detail": detail,
                })
            })
            .collect();
        serde_json::json!({ "passed": self.passed(), "items": items })
    }
}

/// podlab's own words for the checklist, in one place (the lead translates).
pub mod text {
    use super::Miss;
    use crate::model::base::i18n::{Key, Msg};

    /// Why an item failed, in a sentence.
    pub fn miss(m: &Miss) -> Msg {
        match m {
            Miss::Differs => Key::MissDiffers.msg(),
            Miss::Lacks(t) => Key::MissLacks.msg().arg("text", format!("{t:?}")),
            Miss::NoWord(w) => Key::MissNoWord.msg().arg("word", format!("{w:?}")),
            Miss::ExitCode { want, got } => {
                Key::MissExitCode.msg().arg("got", got).arg("want", want)
            }
            Miss::Failed(code) => Key::MissFailed.msg().arg("code", code),
            Miss::NotJson => Key::MissNotJson.msg(),
            Miss::OtherJson => Key::MissOtherJson.msg(),
        }
    }

    /// The console's note as a run starts (console output, in English as
    /// the transcript's other `podlab:` notes).
    pub fn starting(n: usize) -> String {
        format!("podlab: checking the exercise: {n} commands, each shown below\n")
    }

    // podlab's words for the checklist: the catalogue's (model::base::i18n).
    pub const DEFAULT_HINT: Key = Key::CheckDefaultHint;
    pub const NOT_RUN: Key = Key::CheckNotRun;
    pub const CFG_KEY: Key = Key::CheckCfgKey;
    pub const CFG_KEY_HINT: Key = Key::CheckCfgKeyHint;
    pub const IMAGES: Key = Key::CheckImages;
    pub const IMAGES_HINT: Key = Key::CheckImagesHint;
    pub const MOUNT: Key = Key::CheckMount;
    pub const MOUNT_HINT: Key = Key::CheckMountHint;
    pub const PORT: Key = Key::CheckPort;
    pub const PORT_HINT: Key = Key::CheckPortHint;
    pub const FRUIT: Key = Key::CheckFruit;
    pub const FRUIT_HINT: Key = Key::CheckFruitHint;
    pub const LOG1: Key = Key::CheckLog1;
    pub const LOG1_HINT: Key = Key::CheckLog1Hint;
    pub const LOG2: Key = Key::CheckLog2;
    pub const LOG2_HINT: Key = Key::CheckLog2Hint;
    pub const SHARED_LOGS: Key = Key::CheckSharedLogs;
    pub const SHARED_LOGS_HINT: Key = Key::CheckSharedLogsHint;
    pub const METRICS: Key = Key::CheckMetrics;
    pub const METRICS_HINT: Key = Key::CheckMetricsHint;
    pub const METRICS_PORT: Key = Key::CheckMetricsPort;
    pub const METRICS_PORT_HINT: Key = Key::CheckMetricsPortHint;
    pub const STATUS: Key = Key::CheckStatus;
    pub const STATUS_HINT: Key = Key::CheckStatusHint;
    pub const PAGE: Key = Key::CheckPage;
    pub const PAGE_HINT: Key = Key::CheckPageHint;
    pub const INDEX: Key = Key::CheckIndex;
    pub const INDEX_HINT: Key = Key::CheckIndexHint;
    pub const SHARED_PID: Key = Key::CheckSharedPid;
    pub const SHARED_PID_HINT: Key = Key::CheckSharedPidHint;
    pub const PAUSE: Key = Key::CheckPause;
    pub const PAUSE_HINT: Key = Key::CheckPauseHint;
    pub const SEES_NGINX: Key = Key::CheckSeesNginx;
    pub const SEES_NGINX_HINT: Key = Key::CheckSeesNginxHint;
}

fn item(id: &str, title: Key, command: &str, expect: Expect, hint: Key) -> CheckItem {
    CheckItem {
        id: id.into(),
        title: Text::Own(title.msg()),
        command: command.into(),
        expect,
        hint: Text::Own(hint.msg()),
    }
}

fn words(w: &[&str]) -> Expect {
    Expect::Words(w.iter().map(|s| s.to_string()).collect())
}

/// A preset's own checklist: its objectives, in order.
pub fn for_preset(id: &str) -> Vec<CheckItem> {
    use text::*;
    let ip = |pod: &str| format!("$(kubectl get pod {pod} -o jsonpath='{{.status.podIP}}')");
    match id {
        "ambassador" => vec![
            item(
                "cfg-key",
                CFG_KEY,
                "kubectl get configmap fruit-service-ambassador-config -o jsonpath='{.data}'",
                Expect::Contains("\"haproxy.cfg\":".into()),
                CFG_KEY_HINT,
            ),
            item(
                "images",
                IMAGES,
                "kubectl get pod fruit-service -o jsonpath='{.spec.containers[*].image}'",
                words(&["linuxacademycontent/legacy-fruit-service:1", "haproxy:1.7"]),
                IMAGES_HINT,
            ),
            item(
                "mount",
                MOUNT,
                "kubectl exec fruit-service -c fruit-service-ambassador -- cat /usr/local/etc/haproxy/haproxy.cfg",
                Expect::ExitCode(0),
                MOUNT_HINT,
            ),
            item(
                "port",
                PORT,
                "kubectl get pod fruit-service -o jsonpath='{.spec.containers[*].ports[*].containerPort}'",
                words(&["80"]),
                PORT_HINT,
            ),
            item(
                "fruit",
                FRUIT,
                &format!("kubectl exec busybox -- curl -s {}:80", ip("fruit-service")),
                Expect::Json(serde_json::from_str(&fruit::body()).expect("the fruit JSON")),
                FRUIT_HINT,
            ),
        ],
        "sidecar" => vec![
            item(
                "log-1",
                LOG1,
                "kubectl logs counter count-log-1",
                Expect::Contains("0: ".into()),
                LOG1_HINT,
            ),
            item(
                "log-2",
                LOG2,
                "kubectl logs counter count-log-2",
                Expect::Contains(" INFO 0".into()),
                LOG2_HINT,
            ),
            item(
                "shared",
                SHARED_LOGS,
                "kubectl exec counter -c count-log-1 -- ls /var/log",
                words(&["1.log", "2.log"]),
                SHARED_LOGS_HINT,
            ),
        ],
        "adapter" => vec![
            item(
                "metrics",
                METRICS,
                &format!(
                    "kubectl exec busybox -- curl -s {}:9100/metrics",
                    ip("status-app")
                ),
                Expect::Contains("app_requests_total ".into()),
                METRICS_HINT,
            ),
            item(
                "port",
                METRICS_PORT,
                "kubectl get pod status-app -o jsonpath='{.spec.containers[*].ports[*].containerPort}'",
                words(&["9100"]),
                METRICS_PORT_HINT,
            ),
            item(
                "status",
                STATUS,
                "kubectl exec status-app -c prometheus-adapter -- cat /status/app.status",
                Expect::Contains("uptime=".into()),
                STATUS_HINT,
            ),
        ],
        "shared-volume" => vec![
            item(
                "page",
                PAGE,
                &format!("kubectl exec busybox -- curl -s {}", ip("two-containers")),
                Expect::Equals("Hello from the debian container".into()),
                PAGE_HINT,
            ),
            item(
                "index",
                INDEX,
                "kubectl exec two-containers -c nginx-container -- cat /usr/share/nginx/html/index.html",
                Expect::Equals("Hello from the debian container".into()),
                INDEX_HINT,
            ),
        ],
        "process-namespace" => vec![
            item(
                "shared-pid",
                SHARED_PID,
                "kubectl get pod nginx -o jsonpath='{.spec.shareProcessNamespace}'",
                Expect::Equals("true".into()),
                SHARED_PID_HINT,
            ),
            item(
                "pause",
                PAUSE,
                "kubectl exec nginx -c shell -- ps ax",
                Expect::Contains("    1 root      0:00 /pause".into()),
                PAUSE_HINT,
            ),
            item(
                "sees-nginx",
                SEES_NGINX,
                "kubectl exec nginx -c shell -- ps ax",
                Expect::Contains("nginx: master process".into()),
                SEES_NGINX_HINT,
            ),
        ],
        _ => Vec::new(),
    }
}

/// Why a course's checklist was refused (JSON-RPC's `-32602`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadItems {
    /// `items` is missing or not an array.
    NotAList,
    /// Item `n` (from 0) is not an object with a string `title` and
    /// `command`, or its `expect` is not one of the known shapes.
    BadItem(usize),
    /// More than [`MAX_ITEMS`].
    TooMany(usize),
}

/// Cut `s` to at most `max` bytes, at a char boundary.
fn cut(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// Read an `expect`: `{"equals": S}`, `{"contains": S}`, `{"words": [S…]}`,
/// `{"exitCode": N}` or `{"json": V}`, exactly one key; a bare string means
/// `contains`.
pub fn parse_expect(v: &Value) -> Option<Expect> {
    if let Some(s) = v.as_str() {
        return Some(Expect::Contains(s.into()));
    }
    let o = v.as_object()?;
    if o.len() != 1 {
        return None;
    }
    let (k, v) = o.iter().next()?;
    match k.as_str() {
        "equals" => Some(Expect::Equals(v.as_str()?.into())),
        "contains" => Some(Expect::Contains(v.as_str()?.into())),
        "words" => v
            .as_array()?
            .iter()
            .map(|w| w.as_str().map(String::from))
            .collect::<Option<Vec<_>>>()
            .filter(|w| !w.is_empty())
            .map(Expect::Words),
        "exitCode" => Some(Expect::ExitCode(i32::try_from(v.as_i64()?).ok()?)),
        "json" => Some(Expect::Json(v.clone())),
        _ => None,
    }
}

/// Read a course's checklist, `{items:[{title, command, expect, hint?,
/// id?}]}` (the params of `podlab.setChecks`). Ids default to `check-N`
/// (from 1); titles and hints are cut at [`MAX_TEXT`] bytes.
pub fn parse_items(params: &Value) -> Result<Vec<CheckItem>, BadItems> {
    let list = params
        .get("items")
        .and_then(Value::as_array)
        .ok_or(BadItems::NotAList)?;
    if list.len() > MAX_ITEMS {
        return Err(BadItems::TooMany(list.len()));
    }
    list.iter()
        .enumerate()
        .map(|(n, v)| {
            let s = |k: &str| v.get(k).and_then(Value::as_str);
            let (Some(title), Some(command)) = (s("title"), s("command")) else {
                return Err(BadItems::BadItem(n));
            };
            if command.len() > MAX_LINE {
                return Err(BadItems::BadItem(n));
            }
            let expect = v
                .get("expect")
                .and_then(parse_expect)
                .ok_or(BadItems::BadItem(n))?;
            Ok(CheckItem {
                id: s("id").map_or_else(|| format!("check-{}", n + 1), |i| cut(i, MAX_TEXT)),
                title: Text::Verbatim(cut(title, MAX_TEXT)),
                command: command.into(),
                expect,
                hint: s("hint").map_or(Text::Own(text::DEFAULT_HINT.msg()), |h| {
                    Text::Verbatim(cut(h, MAX_TEXT))
                }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
