//! Differential test of kubectl's command line: every case of
//! tests/kubectl/cmd/ is one mistyped console line (typos of commands and
//! flags, missing and bad values, wrong or missing arguments, global flags
//! in odd places, non-ASCII, `--`). It runs through real kubectl
//! (/usr/bin/kubectl, v1.32, no cluster: `bash -c LINE` in a directory
//! holding the seed's files) and through podlab's console on the seed's
//! cluster, and stdout, stderr and exit code must agree byte for byte,
//! except that kubectl's `error:`/`Error:` prefix is compared
//! case-insensitively (kubectl prints both for the same kind of error).
//!
//! kubectl without a cluster stops at its first request with a connection
//! error to localhost:8080. Such a case "needs a server" and is not
//! comparable; podlab must then not refuse the line with a flag or usage
//! error (cobra's `Error:` or a `See 'kubectl …` hint).
//!
//! A podlab answer that says plainly that podlab does not model something
//! (`podlab: … not modelled`) is counted as honest, not wrong, up to 5 %.
//!
//! What kubectl said is recorded in each case file, so the test runs where
//! kubectl is absent; with `PODLAB_BLESS=1` the records are rewritten from
//! a live run, and with `PODLAB_RECORDED=1` they are used even where
//! kubectl is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use podlab::model::base::time::WallClock;
use podlab::model::project::workspace;
use podlab::model::tools::console;

const KUBECTL: &str = "/usr/bin/kubectl";

/// What one run printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Record {
    server: bool,
    code: i32,
    stdout: String,
    stderr: String,
}

struct Case {
    name: String,
    path: PathBuf,
    line: String,
    recorded: Option<Record>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Stream text as stored: each line behind `| `, and a `\ no newline at
/// end` marker when the last line has none.
fn store(s: &str) -> String {
    let mut out = String::new();
    for l in s.split_inclusive('\n') {
        out.push_str("| ");
        out.push_str(l);
    }
    if !s.is_empty() && !s.ends_with('\n') {
        out.push_str("\n\\ no newline at end\n");
    }
    out
}

fn format_case(line: &str, r: &Record) -> String {
    format!(
        "line: {line}\nserver: {}\nexit: {}\nstdout:\n{}stderr:\n{}",
        if r.server { "needed" } else { "no" },
        r.code,
        store(&r.stdout),
        store(&r.stderr)
    )
}

fn parse_case(name: &str, path: &Path, text: &str) -> Case {
    let mut line = None;
    let mut r = Record::default();
    let mut have = false;
    let (mut out, mut err) = (String::new(), String::new());
    let mut in_err = false;
    for l in text.split_inclusive('\n') {
        if let Some(rest) = l.strip_prefix("| ") {
            if in_err {
                err.push_str(rest);
            } else {
                out.push_str(rest);
            }
            continue;
        }
        let l = l.trim_end_matches('\n');
        if l == "\\ no newline at end" {
            let s = if in_err { &mut err } else { &mut out };
            s.pop();
        } else if let Some(v) = l.strip_prefix("line: ") {
            line = Some(v.to_string());
        } else if let Some(v) = l.strip_prefix("server: ") {
            r.server = v == "needed";
            have = true;
        } else if let Some(v) = l.strip_prefix("exit: ") {
            r.code = v.parse().expect("exit code");
        } else if l == "stdout:" {
            in_err = false;
        } else if l == "stderr:" {
            in_err = true;
        }
    }
    r.stdout = out;
    r.stderr = err;
    Case {
        name: name.to_string(),
        path: path.to_path_buf(),
        line: line.unwrap_or_else(|| panic!("{name}: no `line:`")),
        recorded: have.then_some(r),
    }
}

fn corpus() -> Vec<Case> {
    let dir = root().join("tests/kubectl/cmd");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/kubectl/cmd")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            parse_case(&name, p, &std::fs::read_to_string(p).expect("read case"))
        })
        .collect()
}

/// Whether kubectl got as far as its first request.
fn needed_server(stderr: &str) -> bool {
    stderr.contains("localhost:8080")
}

/// klog's line headers (`E1128 22:24:30.937006   27675 memcache.go:265]`)
/// with the time and PID zeroed, so that records do not churn.
fn klog_stable(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|l| {
            let b = l.as_bytes();
            let klog = b.len() > 30
                && matches!(b[0], b'E' | b'W' | b'I')
                && b[1..5].iter().all(u8::is_ascii_digit)
                && b[5] == b' ';
            match l.find(".go:").filter(|_| klog) {
                Some(go) => {
                    let file = l[..go].rsplit(' ').next().unwrap_or("");
                    format!("{}0000 00:00:00.000000       0 {file}{}", &l[..1], &l[go..])
                }
                None => l.to_string(),
            }
        })
        .collect()
}

/// The line through real kubectl, in a scratch directory holding the
/// seed's files, with no kubeconfig.
fn real(line: &str, dir: &Path) -> Record {
    let o = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", line])
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir)
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run bash");
    let stderr = klog_stable(&String::from_utf8_lossy(&o.stderr));
    Record {
        server: needed_server(&stderr),
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr,
    }
}

/// The line through podlab's console, on the seed's cluster.
fn podlab(line: &str) -> Record {
    let files = workspace::seed();
    let analysis = workspace::analyze(&files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    let e = console::run(&mut cl, &files, line);
    Record {
        server: false,
        code: e.code,
        stdout: e.stdout(),
        stderr: e.stderr(),
    }
}

/// kubectl's one inconsistency, ignored: `error:` or `Error:` at a line's
/// start.
fn fold_prefix(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|l| match l.strip_prefix("Error:") {
            Some(rest) => format!("error:{rest}"),
            None => l.to_string(),
        })
        .collect()
}

fn refuses_usage(r: &Record) -> bool {
    r.stderr.lines().any(|l| l.starts_with("Error: ")) || r.stderr.contains("See 'kubectl ")
}

fn not_modelled(r: &Record) -> bool {
    r.stderr.starts_with("podlab: ") && r.stderr.contains("not modelled")
}

fn main() {
    let bless = std::env::var_os("PODLAB_BLESS").is_some();
    let cases = corpus();
    assert!(cases.len() >= 80, "the corpus has {} cases", cases.len());
    // PODLAB_RECORDED=1 compares with the records even where kubectl is.
    let live = Path::new(KUBECTL).exists() && std::env::var_os("PODLAB_RECORDED").is_none();
    let scratch = std::env::temp_dir().join(format!("podlab-kubectl-cmd-{}", std::process::id()));
    if live {
        std::fs::create_dir_all(&scratch).unwrap();
        for f in workspace::seed() {
            std::fs::write(scratch.join(&f.name), &f.text).unwrap();
        }
    } else {
        println!(
            "kubectl_cmd_diff: no {KUBECTL} (or PODLAB_RECORDED set); comparing with the records"
        );
    }
    let mut fails = Vec::new();
    let (mut same, mut server, mut honest) = (0, 0, Vec::new());
    for c in &cases {
        let theirs = if live {
            let r = real(&c.line, &scratch);
            if bless {
                std::fs::write(&c.path, format_case(&c.line, &r)).unwrap();
            } else if c.recorded.as_ref().is_some_and(|rec| *rec != r) {
                println!(
                    "kubectl_cmd_diff: {}: kubectl's answer differs from the record",
                    c.name
                );
            }
            r
        } else {
            match &c.recorded {
                Some(r) => r.clone(),
                None => {
                    fails.push(format!("{}: no record and no kubectl to make one", c.name));
                    continue;
                }
            }
        };
        let ours = podlab(&c.line);
        if theirs.server {
            server += 1;
            if refuses_usage(&ours) {
                fails.push(format!(
                    "{}: `{}` gets past kubectl's checks, but podlab refuses it:\n{}",
                    c.name, c.line, ours.stderr
                ));
            }
            continue;
        }
        if not_modelled(&ours) {
            honest.push(c.name.clone());
            continue;
        }
        if theirs.code == ours.code
            && theirs.stdout == ours.stdout
            && fold_prefix(&theirs.stderr) == fold_prefix(&ours.stderr)
        {
            same += 1;
        } else {
            fails.push(format!(
                "{}: `{}`\n--- kubectl (exit {})\n{}{}--- podlab (exit {})\n{}{}",
                c.name,
                c.line,
                theirs.code,
                theirs.stdout,
                theirs.stderr,
                ours.code,
                ours.stdout,
                ours.stderr
            ));
        }
    }
    if live {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    println!(
        "kubectl_cmd_diff: {} lines: {same} the same, {server} need a server (podlab does not refuse them), {} honestly not modelled{}, {} different; against {}",
        cases.len(),
        honest.len(),
        if honest.is_empty() {
            String::new()
        } else {
            format!(" ({})", honest.join(", "))
        },
        fails.len(),
        if live { "live kubectl" } else { "the records" }
    );
    if honest.len() * 20 > cases.len() {
        fails.push(format!(
            "{} of {} lines are not modelled: more than 5 %",
            honest.len(),
            cases.len()
        ));
    }
    if !fails.is_empty() {
        for f in &fails {
            eprintln!("\n{f}");
        }
        eprintln!("\nkubectl_cmd_diff: {} disagreement(s)", fails.len());
        std::process::exit(1);
    }
}
