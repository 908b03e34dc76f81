//! Differential test: learner mistakes go through the real kubectl (the
//! v1.32 client at /usr/bin/kubectl, no cluster) and through podlab's
//! kubectl, and the two must agree, in the spirit of `haproxy_diff.rs`.
//!
//! The corpus is `tests/kubectl/corpus/`, one case per file, of two kinds:
//! - a manifest (`*.yml`, `*.yaml`, `*.json`): kubectl runs
//!   `kubectl apply --dry-run=client --validate=false -f NAME` in the corpus
//!   folder; podlab runs `kubectl apply -f NAME` in its console on an empty
//!   cluster, as `podlab apply NAME` does. Without a cluster kubectl stops at
//!   every document that needs the server (`unable to recognize "NAME": Get
//!   "http://localhost:8080/…"`): such documents "parse". A file whose every
//!   document parses is recorded as `parses`, and podlab must agree that
//!   every document gets past kubectl's own reading (what the API server
//!   then answers is tested elsewhere). Any other answer is compared byte
//!   for byte: stdout, stderr and the exit code. A file with both (good
//!   documents, then a bad one) is "mixed": the number of documents that
//!   parse must agree, and each of kubectl's own error lines must be among
//!   podlab's (the `error: ` prefix aside, which kubectl prints only when
//!   there is one error in all, and the server's answers count).
//! - a command line (`*.cmd`, the first line after `kubectl `): both run it
//!   and answer byte for byte (podlab's console, on an empty cluster with
//!   the corpus's manifests as its files).
//!
//! Each manifest runs twice: with `--validate=false`, and with kubectl's
//! default client-side validation (which, without a server, stops at the
//! first document it would ask the server about: that file "parses" as far
//! as can be told, and podlab must agree that its first document gets past
//! the client-side checks).
//!
//! kubectl v1.32 prints some errors as `error:` and now and then `Error:`:
//! that one prefix of a line is compared without case, nothing else.
//!
//! kubectl's answers are recorded next to each case (`NAME.out`), so podlab
//! is checked where kubectl is absent; `PODLAB_BLESS=1` rewrites the records
//! from a live run. The corpus comes from `tests/kubectl/make_corpus.py`,
//! which mangles the seed's three files and the presets'.

use std::path::{Path, PathBuf};
use std::process::Command;

use podlab::model::base::diag::FileId;
use podlab::model::base::time::WallClock;
use podlab::model::base::yaml;
use podlab::model::lang::kube::{self, Rejection};
use podlab::model::project::workspace::File;
use podlab::model::sim::cluster::Cluster;
use podlab::model::tools::console;

const KUBECTL: &str = "/usr/bin/kubectl";
/// The least number of cases the corpus must hold.
const MIN_CASES: usize = 150;
/// How many kubectl processes run at once.
const PARALLEL: usize = 4;

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Manifest,
    Command(String),
}

struct Case {
    name: String,
    path: PathBuf,
    kind: Kind,
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/kubectl/corpus")
}

fn corpus() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["yml", "yaml", "json", "cmd"].contains(&e.to_str().unwrap_or("")))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let kind = if name.ends_with(".cmd") {
                let text = std::fs::read_to_string(&path).expect("read cmd");
                let line = text.lines().next().unwrap_or("").trim().to_string();
                assert!(line.starts_with("kubectl "), "{name}: not a kubectl line");
                Kind::Command(line)
            } else {
                Kind::Manifest
            };
            Case { name, path, kind }
        })
        .collect()
}

/// What one side answered, as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Record {
    /// Documents that got past kubectl's reading to the server.
    server_docs: usize,
    code: i32,
    stdout: String,
    /// stderr without the lines about the server kubectl could not reach.
    stderr: String,
}

impl Record {
    fn parses(&self) -> bool {
        self.server_docs > 0 && self.stderr.is_empty() && self.stdout.is_empty()
    }

    fn format(&self) -> String {
        if self.parses() {
            return "parses\n".into();
        }
        format!(
            "server-docs {}\nexit {}\n-- stdout\n{}-- stderr\n{}",
            self.server_docs, self.code, self.stdout, self.stderr
        )
    }

    fn parse(s: &str) -> Record {
        if s == "parses\n" {
            return Record {
                server_docs: 1,
                ..Record::default()
            };
        }
        let mut r = Record::default();
        let (head, rest) = s.split_once("-- stdout\n").expect("record: -- stdout");
        let (out, err) = rest.split_once("-- stderr\n").expect("record: -- stderr");
        for l in head.lines() {
            if let Some(n) = l.strip_prefix("server-docs ") {
                r.server_docs = n.parse().expect("server-docs");
            } else if let Some(c) = l.strip_prefix("exit ") {
                r.code = c.parse().expect("exit");
            }
        }
        r.stdout = out.to_string();
        r.stderr = err.to_string();
        r
    }
}

/// The modes a case runs in: a manifest both, a command line as written.
fn modes(case: &Case) -> Vec<Mode> {
    match case.kind {
        Kind::Manifest => MODES.to_vec(),
        Kind::Command(_) => vec![Mode::Validation],
    }
}

/// A case's record: one answer per mode, each under its label.
fn format_records(case: &Case, records: &[Record]) -> String {
    let mut s = String::new();
    for (mode, r) in modes(case).iter().zip(records) {
        if case.kind == Kind::Manifest {
            s.push_str(mode.label());
        }
        s.push_str(&r.format());
    }
    s
}

fn parse_records(s: &str) -> Vec<Record> {
    if !s.starts_with("-- validate") {
        return vec![Record::parse(s)];
    }
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(r) = rest
        .strip_prefix("-- validate=false\n")
        .or_else(|| rest.strip_prefix("-- validate\n"))
    {
        let end = r.find("\n-- validate").map_or(r.len(), |i| i + 1);
        out.push(Record::parse(&r[..end]));
        rest = &r[end..];
    }
    out
}

/// klog's lines (`E1128 22:09:47.396220   15338 memcache.go:265] …`).
fn is_klog(l: &str) -> bool {
    let b = l.as_bytes();
    b.len() > 6
        && matches!(b[0], b'E' | b'W' | b'I' | b'F')
        && b[1..5].iter().all(u8::is_ascii_digit)
        && b[5] == b' '
}

/// A document kubectl handed to the server it could not reach.
fn is_unreachable(l: &str) -> bool {
    let l = l.strip_prefix("error: ").unwrap_or(l);
    (l.starts_with("unable to recognize \"") || l.starts_with("error validating \""))
        && l.contains("localhost:8080")
}

/// The two ways a manifest is applied.
const MODES: [Mode; 2] = [Mode::NoValidation, Mode::Validation];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    NoValidation,
    Validation,
}

impl Mode {
    fn flags(self) -> &'static [&'static str] {
        match self {
            Mode::NoValidation => &["--validate=false"],
            Mode::Validation => &[],
        }
    }
    fn label(self) -> &'static str {
        match self {
            Mode::NoValidation => "-- validate=false\n",
            Mode::Validation => "-- validate\n",
        }
    }
}

fn real(case: &Case, mode: Mode) -> Option<Record> {
    let mut cmd = match &case.kind {
        Kind::Manifest => {
            let mut c = Command::new(KUBECTL);
            c.args(["apply", "--dry-run=client"])
                .args(mode.flags())
                .args(["-f", &case.name]);
            c
        }
        Kind::Command(line) => {
            let mut c = Command::new("sh");
            c.args(["-c", line]);
            c
        }
    };
    // No kubeconfig: kubectl talks to localhost:8080, where nothing listens,
    // never to a cluster the machine may know.
    let home = std::env::temp_dir().join("podlab-kubectl-diff-home");
    let o = cmd
        .current_dir(corpus_dir())
        .env("HOME", &home)
        .env("KUBECONFIG", home.join("none"))
        .env("PATH", "/usr/bin:/bin")
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&o.stderr);
    let mut r = Record {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        ..Record::default()
    };
    for l in stderr.split_inclusive('\n') {
        if is_klog(l) {
            continue;
        }
        if is_unreachable(l) {
            r.server_docs += 1;
        } else {
            r.stderr.push_str(l);
        }
    }
    Some(r)
}

/// Every manifest of the corpus, for the console's `-f`.
fn files(cases: &[Case]) -> Vec<File> {
    cases
        .iter()
        .filter(|c| c.kind == Kind::Manifest)
        .filter_map(|c| {
            Some(File {
                name: c.name.clone(),
                text: std::fs::read_to_string(&c.path).ok()?,
            })
        })
        .collect()
}

/// podlab's answer: its console's, and for a manifest, how many documents
/// get past kubectl's reading, by the model's typed verdicts.
fn ours(case: &Case, all: &[File], mode: Mode) -> Record {
    let line = match &case.kind {
        Kind::Manifest => format!("kubectl apply {} -f {}", mode.flags().join(" "), case.name),
        Kind::Command(l) => l.clone(),
    };
    let mut cl = Cluster::new(WallClock::TEST);
    let e = console::run(&mut cl, all, &line);
    let mut r = Record {
        server_docs: 0,
        code: e.code,
        stdout: e.stdout(),
        stderr: e.stderr(),
    };
    if case.kind == Kind::Manifest {
        let text = &all.iter().find(|f| f.name == case.name).expect("file").text;
        let (docs, diags) = yaml::parse(FileId::Workspace(0), text);
        if mode == Mode::Validation {
            // Without a server kubectl stops at the first document that
            // passes the client-side checks.
            if let Some(first) = docs.first()
                && kube::decode::validation_error(&case.name, first).is_none()
            {
                return Record {
                    server_docs: 1,
                    ..Record::default()
                };
            }
            return r;
        }
        let client = |d: &kube::Decoded| {
            matches!(
                d.result,
                Err(Rejection::MissingKind { .. }
                    | Rejection::NotAnObject { .. }
                    | Rejection::BadMetadata(_))
            )
        };
        r.server_docs = docs
            .iter()
            .enumerate()
            .filter(|(i, d)| !client(&kube::decode_document(FileId::Workspace(0), *i, d)))
            .count();
        if r.server_docs > 0 && diags.is_empty() && docs.len() == r.server_docs {
            return Record {
                server_docs: r.server_docs,
                ..Record::default()
            };
        }
    }
    r
}

/// A line's leading `error:` compared without case.
fn fold_prefix(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|l| match l.get(..6) {
            Some(p) if p.eq_ignore_ascii_case("error:") => format!("error:{}", &l[6..]),
            _ => l.to_string(),
        })
        .collect()
}

fn without_error_prefix(l: &str) -> &str {
    match l.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("error: ") => &l[7..],
        _ => l,
    }
}

fn compare(case: &Case, real: &Record, ours: &Record) -> Option<String> {
    let show = |r: &Record| r.format();
    if real.parses() || ours.parses() {
        return (real.parses() != ours.parses()).then(|| {
            format!(
                "{}:\n--- kubectl\n{}--- podlab\n{}",
                case.name,
                show(real),
                show(ours)
            )
        });
    }
    if case.kind == Kind::Manifest && real.server_docs > 0 {
        // Mixed: documents that parse, then kubectl's own errors.
        let theirs: Vec<&str> = ours.stderr.lines().map(without_error_prefix).collect();
        let missing: Vec<&str> = real
            .stderr
            .lines()
            .map(without_error_prefix)
            .filter(|l| !theirs.contains(l))
            .collect();
        if real.server_docs == ours.server_docs && missing.is_empty() && real.code == ours.code {
            return None;
        }
        return Some(format!(
            "{} (mixed):\n--- kubectl\n{}--- podlab\n{}",
            case.name,
            show(real),
            show(ours)
        ));
    }
    let same = real.code == ours.code
        && fold_prefix(&real.stdout) == fold_prefix(&ours.stdout)
        && fold_prefix(&real.stderr) == fold_prefix(&ours.stderr);
    (!same).then(|| {
        format!(
            "{}:\n--- kubectl\n{}--- podlab\n{}",
            case.name,
            show(real),
            show(ours)
        )
    })
}

fn live_skip() -> Option<String> {
    if !Path::new(KUBECTL).exists() {
        return Some(format!("no {KUBECTL}"));
    }
    None
}

#[test]
fn podlab_reads_manifests_as_kubectl_does() {
    let bless = std::env::var_os("PODLAB_BLESS").is_some();
    let cases = corpus();
    assert!(
        cases.len() >= MIN_CASES,
        "the corpus has {} cases",
        cases.len()
    );
    let skip = live_skip();
    if let Some(why) = &skip {
        println!("kubectl_diff: live kubectl skipped: {why}; comparing with the records");
    }
    let all = files(&cases);
    // kubectl starts in some 100 ms; run a few at once.
    let mut lives: Vec<Option<Vec<Record>>> = vec![None; cases.len()];
    if skip.is_none() {
        let per = cases.len().div_ceil(PARALLEL);
        std::thread::scope(|s| {
            for (slots, chunk) in lives.chunks_mut(per).zip(cases.chunks(per)) {
                s.spawn(move || {
                    for (slot, case) in slots.iter_mut().zip(chunk) {
                        *slot = modes(case)
                            .iter()
                            .map(|m| real(case, *m))
                            .collect::<Option<Vec<_>>>();
                    }
                });
            }
        });
    }
    let mut fails = Vec::new();
    let mut parses = 0;
    let mut compared = 0;
    for (case, live) in cases.iter().zip(lives) {
        let rec_path = case.path.with_file_name(format!("{}.out", case.name));
        let recorded = std::fs::read_to_string(&rec_path)
            .ok()
            .map(|s| parse_records(&s));
        let real = match (&live, &recorded) {
            (Some(l), _) => l.clone(),
            (None, Some(r)) => r.clone(),
            (None, None) => {
                fails.push(format!(
                    "{}: no record and no kubectl to make one",
                    case.name
                ));
                continue;
            }
        };
        let ms = modes(case);
        if real.len() != ms.len() {
            fails.push(format!(
                "{}: the record has {} answers, not {}",
                case.name,
                real.len(),
                ms.len()
            ));
            continue;
        }
        if let (Some(l), Some(r)) = (&live, &recorded)
            && !bless
            && format_records(case, l) != format_records(case, r)
        {
            fails.push(format!(
                "{}: kubectl now answers otherwise than recorded (PODLAB_BLESS=1 re-records)\n--- recorded\n{}--- live\n{}",
                case.name,
                format_records(case, r),
                format_records(case, l)
            ));
        }
        if bless && live.is_some() {
            std::fs::write(&rec_path, format_records(case, &real)).expect("write record");
        }
        for (mode, real) in ms.iter().zip(&real) {
            compared += 1;
            if real.parses() {
                parses += 1;
            }
            if let Some(f) = compare(case, real, &ours(case, &all, *mode)) {
                let label = mode.label().trim_start_matches("-- ").trim_end();
                fails.push(format!("[{label}] {f}"));
            }
        }
    }
    println!(
        "kubectl_diff: {} cases, {compared} answers compared ({parses} parse), {} agree, against {}",
        cases.len(),
        compared - fails.len(),
        if skip.is_none() {
            "live kubectl"
        } else {
            "the records"
        }
    );
    if !fails.is_empty() {
        for f in &fails {
            eprintln!("\n{f}");
        }
        panic!("kubectl_diff: {} disagreement(s)", fails.len());
    }
}
