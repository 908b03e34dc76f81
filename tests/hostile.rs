//! Issue 10's hostile-input table, run natively the way its hidden check
//! runs inputs: console lines through `podlab run` (`cli::run` on the seed
//! files), manifests and configs through `podlab apply` (`cli::apply`), and
//! some through the app's reducer (`State::apply`) and Tab completion. The
//! rows are data, in tests/hostile/table.txt.
//!
//! Each row runs in a child process of this test binary (so a stack
//! overflow, which aborts, costs one row and not the run), on a thread with
//! the browser's 1 MiB wasm stack, under `catch_unwind`. Every row must
//! end without a panic, print at most 1 MiB, and print what the row states
//! (the real tool's words, or podlab's note, or its Ctrl-C stop). Every row
//! runs before the test fails, and each failing row prints one line. A child
//! that has not ended after `guard()` of wall time is killed and reported:
//! that is a hang guard, ten times the hidden check's 2 s, not a timing
//! assertion.

#[path = "hostile/table.rs"]
mod table;

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use podlab::model::base::time::{SimDuration, WallClock};
use podlab::model::project::cli;
use podlab::model::project::workspace::{self, File};
use podlab::model::tools::console;
use podlab::state::{Action, State};
use table::{Expect, Row, Step, Via};

/// The browser's wasm stack: each row runs on a thread with this much.
const STACK: usize = 1 << 20;

/// The hidden check's cap on a row's output.
const MAX_OUTPUT: usize = 1 << 20;

/// How long a child may run before it counts as hung (see the module doc);
/// `PODLAB_HOSTILE_GUARD_SECS` changes it on a loaded machine.
fn guard() -> Duration {
    let secs = std::env::var("PODLAB_HOSTILE_GUARD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    Duration::from_secs(secs)
}

/// The environment variable that makes this binary run one row.
const ROW_ENV: &str = "PODLAB_HOSTILE_ROW";

/// What one row gave.
#[derive(Debug, Default)]
struct Got {
    out: String,
    code: i32,
    /// `ui` rows: the clock in whole seconds at the end.
    clock: Option<u64>,
    /// `ui` rows: whether the transcript's oldest entry is a podlab note.
    oldest_is_note: Option<bool>,
}

fn files_for(row: &Row) -> Vec<File> {
    let mut files = match row.via {
        Via::Apply => Vec::new(),
        _ => workspace::seed(),
    };
    for (name, text) in &row.files {
        match files.iter_mut().find(|f| &f.name == name) {
            Some(f) => f.text = text.clone(),
            None => files.push(File {
                name: name.clone(),
                text: text.clone(),
            }),
        }
    }
    files
}

/// What the app shows for its files: each file's diagnostics as
/// `podlab apply` anchors them, then what the cluster answered.
fn ui_apply_text(s: &State) -> String {
    let (mut out, _) = cli::diagnostics(&s.files, &s.analysis);
    for answers in s.answers.iter() {
        for a in answers {
            out.push_str(&format!("{a}\n"));
        }
    }
    out
}

fn run_ui(row: &Row) -> Got {
    let mut s = State::new(workspace::seed(), 0, WallClock::TEST);
    let mut out = String::new();
    let mut code = 0;
    for step in &row.steps {
        match step {
            Step::Console(line) => {
                s = s.apply(Action::Console(line.clone())).finish_lines();
                let e = s.console.last().expect("an entry");
                out = e.text();
                code = e.code;
            }
            Step::Edit(name) => {
                let file = s
                    .files
                    .iter()
                    .position(|f| &f.name == name)
                    .unwrap_or_else(|| panic!("no seed file {name}"));
                let text = row
                    .files
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_else(|| panic!("row has no file {name}"));
                s = s.apply(Action::Edit { file, text });
                out = ui_apply_text(&s);
                code = 0;
            }
            Step::Cfg => {
                let text = row
                    .files
                    .iter()
                    .find(|(n, _)| n == "haproxy.cfg")
                    .map(|(_, t)| t.clone())
                    .expect("row has a file haproxy.cfg");
                s = s.apply(Action::EditCfg(text));
                out = ui_apply_text(&s);
                code = 0;
            }
            Step::Tick(secs) => {
                s = s.apply(Action::Tick(SimDuration::from_secs(*secs)));
            }
            Step::Skip(secs) => {
                s = s.apply(Action::Skip(SimDuration::from_secs(*secs)));
            }
        }
    }
    // The app answers the next command.
    let clock = s.now().elapsed().as_secs();
    let oldest_is_note = s
        .console
        .first()
        .map(|e| e.line.is_empty() && e.text().starts_with("podlab: "));
    let s = s
        .apply(Action::Console("echo still here".into()))
        .finish_lines();
    let next = s.console.last().map(|e| e.text()).unwrap_or_default();
    if next != "still here\n" {
        out.push_str(&format!(
            "\n[the next command `echo still here` printed {next:?}]\n"
        ));
        code = -1;
    }
    Got {
        out,
        code,
        clock: Some(clock),
        oldest_is_note: Some(oldest_is_note.unwrap_or(false)),
    }
}

fn run_complete(row: &Row) -> Got {
    let files = workspace::seed();
    let analysis = workspace::analyze(&files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(20));
    let c = console::complete(&cl, &files, &row.line);
    let mut out = format!("{}\n", c.line);
    for cand in &c.candidates {
        out.push_str(cand);
        out.push('\n');
    }
    Got {
        out,
        ..Got::default()
    }
}

/// Run one row as the hidden check would.
fn run_row(row: &Row) -> Got {
    match row.via {
        Via::Run => {
            let o = cli::run(&files_for(row), &row.line, WallClock::TEST);
            Got {
                out: format!("{}{}", o.stdout, o.stderr),
                code: o.code,
                ..Got::default()
            }
        }
        Via::Apply => {
            let o = cli::apply(&files_for(row));
            Got {
                out: format!("{}{}", o.stdout, o.stderr),
                code: o.code,
                ..Got::default()
            }
        }
        Via::Ui => run_ui(row),
        Via::Complete => run_complete(row),
    }
}

/// What is wrong with what a row gave; empty when nothing is.
fn problems(row: &Row, got: &Got) -> Vec<String> {
    let mut p = Vec::new();
    let lines: Vec<&str> = got.out.lines().collect();
    let first = lines.first().copied().unwrap_or("");
    let last = lines.last().copied().unwrap_or("");
    let mut cap = MAX_OUTPUT;
    for e in &row.expect {
        if let Expect::MaxBytes(n) = e {
            cap = cap.min(*n);
        }
    }
    if got.out.len() > cap {
        p.push(format!(
            "at most {cap} bytes of output, got {}",
            got.out.len()
        ));
    }
    for e in &row.expect {
        let bad = match e {
            Expect::Code(c) => (got.code != *c).then(|| format!("exit status {c}")),
            Expect::Failed => (got.code == 0).then(|| "a non-zero exit status".to_string()),
            Expect::Out(o) => (got.out != *o).then(|| format!("output {}", table::short(o, 160))),
            Expect::First(l) => {
                (first != l).then(|| format!("first line {}", table::short(l, 160)))
            }
            Expect::FirstStarts(l) => (!first.starts_with(l.as_str()))
                .then(|| format!("first line starting {}", table::short(l, 160))),
            Expect::Last(l) => (last != l).then(|| format!("last line {}", table::short(l, 160))),
            Expect::Has(s) => (!got.out.contains(s.as_str()))
                .then(|| format!("output containing {}", table::short(s, 160))),
            Expect::Lacks(s) => got
                .out
                .contains(s.as_str())
                .then(|| format!("output without {}", table::short(s, 160))),
            Expect::Stopped => {
                let n = lines.len();
                let ok = got.code == 130
                    && n >= 2
                    && lines[n - 2] == "^C"
                    && lines[n - 1].starts_with("podlab: ")
                    && lines.iter().filter(|l| **l == "^C").count() == 1;
                (!ok).then(|| {
                    "a Ctrl-C stop: status 130, one `^C` line, then one `podlab:` note at the end"
                        .to_string()
                })
            }
            Expect::Note => (!lines.iter().any(|l| l.starts_with("podlab: ")))
                .then(|| "a `podlab:` note".to_string()),
            Expect::MaxBytes(_) => None,
            Expect::ClockAtMost(s) => match got.clock {
                Some(c) if c <= *s => None,
                Some(_) | None => Some(format!("the clock at most {s} s")),
            },
            Expect::OldestIsNote => (got.oldest_is_note != Some(true))
                .then(|| "the transcript's oldest entry a `podlab:` note".to_string()),
        };
        p.extend(bad);
    }
    p
}

fn describe_got(got: &Got) -> String {
    let mut s = format!(
        "status {}, {} bytes: {}",
        got.code,
        got.out.len(),
        table::short(&got.out, 200)
    );
    if let Some(c) = got.clock {
        s.push_str(&format!(", clock {c} s"));
    }
    s
}

/// Run `row` on a 1 MiB thread under `catch_unwind`: `Ok(problems)` or
/// `Err(panic message)`.
fn run_guarded(row: Row) -> Result<(Vec<String>, Got), String> {
    std::thread::Builder::new()
        .name(format!("row {}", row.name))
        .stack_size(STACK)
        .spawn(move || {
            catch_unwind(AssertUnwindSafe(|| {
                let got = run_row(&row);
                (problems(&row, &got), got)
            }))
            .map_err(|e| {
                e.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "a panic".into())
            })
        })
        .expect("spawn a row thread")
        .join()
        .unwrap_or_else(|_| Err("the row's thread died".into()))
}

/// The child's side: run the row `PODLAB_HOSTILE_ROW` names, print one
/// `HOSTILE-OK` or `HOSTILE-FAIL …` line. Does nothing in a normal run.
#[test]
fn row_in_child() {
    let Ok(i) = std::env::var(ROW_ENV) else {
        return;
    };
    let rows = table::rows();
    let row = rows[i.parse::<usize>().expect("a row index")].clone();
    match run_guarded(row) {
        Ok((p, _)) if p.is_empty() => println!("HOSTILE-OK"),
        Ok((p, got)) => println!(
            "HOSTILE-FAIL expected {}; got {}",
            p.join("; "),
            describe_got(&got)
        ),
        Err(panic) => println!("HOSTILE-FAIL panicked: {}", table::short(&panic, 300)),
    }
}

/// Run row `i` in a child process; `None` when it passed, else one line.
fn run_child(i: usize) -> Option<String> {
    let exe = std::env::current_exe().expect("this test binary");
    let mut child = Command::new(exe)
        .args(["row_in_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(ROW_ENV, i.to_string())
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run a row in a child");
    // Drain both pipes on threads so a chatty child cannot block.
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let guard = guard();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for a row") {
            break Some(st);
        }
        if start.elapsed() > guard {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    let Some(status) = status else {
        return Some(format!(
            "expected an end within the budget; got no end after {} s of wall time (killed): no budget stopped it",
            guard.as_secs()
        ));
    };
    // libtest prints `test row_in_child ... ` before the row's line.
    if out.lines().any(|l| l.ends_with("HOSTILE-OK")) {
        return None;
    }
    if let Some(l) = out
        .lines()
        .find_map(|l| l.split_once("HOSTILE-FAIL ").map(|(_, r)| r))
    {
        return Some(l.to_string());
    }
    let why = err
        .lines()
        .find(|l| l.contains("overflowed its stack"))
        .map(|l| format!("{} (the 1 MiB stack of the browser's wasm)", l.trim()))
        .unwrap_or_else(|| table::short(err.trim(), 300));
    Some(format!(
        "expected no crash; the row crashed ({status}): {why}"
    ))
}

/// Every row of the table: no panic, a clear message, at most 1 MiB, an
/// end within its budget. One line per failing row, then one failure.
#[test]
fn every_hostile_input_ends_with_a_clear_message() {
    if std::env::var(ROW_ENV).is_ok() {
        return;
    }
    let rows = table::rows();
    let only = std::env::var("PODLAB_HOSTILE_ONLY").ok();
    let picked: Vec<usize> = (0..rows.len())
        .filter(|&i| only.as_deref().is_none_or(|o| rows[i].name.contains(o)))
        .collect();
    // Two children at a time: the machine's cores are shared.
    let next = std::sync::Mutex::new(picked.clone().into_iter());
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some(i) = next.lock().unwrap().next() else {
                        break;
                    };
                    let r = run_child(i);
                    results.lock().unwrap().push((i, r));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    let mut failed = 0;
    for (i, r) in &results {
        if let Some(why) = r {
            failed += 1;
            let row = &rows[*i];
            println!(
                "FAIL table.txt:{} [{}] {}: input {}: {}",
                row.at,
                row.class,
                row.name,
                table::short(
                    if row.line.is_empty() {
                        &row.name
                    } else {
                        &row.line
                    },
                    80
                ),
                why
            );
        }
    }
    println!(
        "{} of {} hostile rows passed",
        picked.len() - failed,
        picked.len()
    );
    assert_eq!(
        failed, 0,
        "{failed} hostile rows failed (each printed above)"
    );
}

/// The README's Robustness section names every row.
#[test]
fn the_readme_lists_every_row() {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n## Robustness")
        .nth(1)
        .expect("README.md has a Robustness section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let missing: Vec<String> = table::rows()
        .into_iter()
        .filter(|r| !section.contains(&format!("`{}`", readme_name(&r.name))))
        .map(|r| r.name)
        .collect();
    assert!(
        missing.is_empty(),
        "README's Robustness section lacks {missing:?}"
    );
}

/// A row's name as the README lists it (backticks inside become quotes).
fn readme_name(name: &str) -> String {
    name.replace('`', "'")
}

/// scripts/hostile.sh's input: with PODLAB_HOSTILE_DUMP=DIR, each `run`
/// and `apply` row is written to DIR/NNN/ (`via`, `name`, the files under
/// `files/` with their order in `files.list`, and for `run` rows the
/// console line as NUL-separated words in `argv`, split at spaces so that
/// no argument passes the kernel's 128 KiB limit; `argv-has-nul` when the
/// line holds a NUL, which argv cannot carry), and DIR/README.md gets
/// the README's list of rows.
#[test]
fn dump_for_the_script() {
    let Ok(dir) = std::env::var("PODLAB_HOSTILE_DUMP") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let rows = table::rows();
    for (i, row) in rows.iter().enumerate() {
        let d = dir.join(format!("{i:03}"));
        std::fs::create_dir_all(d.join("files")).unwrap();
        let via = match row.via {
            Via::Run => "run",
            Via::Apply => "apply",
            Via::Ui => "ui",
            Via::Complete => "complete",
        };
        std::fs::write(d.join("via"), via).unwrap();
        std::fs::write(d.join("name"), &row.name).unwrap();
        let files = files_for(row);
        let mut list = String::new();
        for f in &files {
            // Under its own name, so podlab's messages name it as the
            // test's run does.
            let path = f.name.replace('/', "_");
            std::fs::write(d.join("files").join(&path), &f.text).unwrap();
            list.push_str(&path);
            list.push('\n');
        }
        std::fs::write(d.join("files.list"), list).unwrap();
        if row.via == Via::Run {
            let argv: Vec<u8> = row
                .line
                .split(' ')
                .flat_map(|w| w.bytes().chain([0]))
                .collect();
            std::fs::write(d.join("argv"), argv).unwrap();
            if row.line.contains('\0') {
                std::fs::write(d.join("argv-has-nul"), "").unwrap();
            }
        }
    }
    std::fs::write(dir.join("README.md"), readme_list(&rows)).unwrap();
}

/// The README's list of rows, class by class.
fn readme_list(rows: &[Row]) -> String {
    let mut out = String::new();
    let mut class = "";
    for r in rows {
        if r.class != class {
            class = &r.class;
            out.push_str(&format!("\n**{class}.**\n"));
        }
        out.push_str(&format!("- `{}`\n", readme_name(&r.name)));
    }
    out
}
