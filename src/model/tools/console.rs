//! The console: a shell on the learner's machine, outside the cluster, with
//! kubectl on its PATH. A line runs in podlab's resumable shell (quoting,
//! `$(…)`, `;`, `&&`, `||`, `|`, variables, `$((…))`); commands that are not
//! shell builtins are kubectl, a few text tools for pipes, and `sleep`,
//! which lets the simulated clock run. Also here: Tab completion and the
//! history walk, both pure so the UI only shows them.

use std::collections::BTreeMap;

use crate::model::base::files::File;
use crate::model::base::textutil;
use crate::model::base::time::SimTime;
use crate::model::lang::shell::budget::{Budget, CTRL_C, FOREVER, Limit, NOTE_ROOM, OUTPUT_CAP};
use crate::model::lang::shell::drive::{Stop, Waited, drive};
use crate::model::lang::shell::vm::{Exec, Output, Shell, Sys};
use crate::model::sim::cluster::Cluster;
use crate::model::sim::cluster::wire::Hop;
use crate::model::tools::kubectl::cli;

/// One command line and what it printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The simulated time the line was entered.
    pub at: SimTime,
    pub line: String,
    /// What it wrote, both streams and their order.
    pub io: Output,
    pub code: i32,
    /// Every request the line made, hop by hop.
    pub trace: Vec<Hop>,
    /// `clear` was run: the UI empties the transcript.
    pub clear: bool,
    /// This is podlab's note that this many earlier entries were dropped
    /// from the transcript ([`cap_transcript`]); 0 for every other entry.
    pub dropped: usize,
}

impl Entry {
    /// A line of podlab's own on stderr, not typed by anyone.
    pub fn note(at: SimTime, message: &str) -> Entry {
        let mut e = Entry {
            at,
            ..Entry::default()
        };
        e.io.write(2, message.as_bytes());
        e
    }

    /// Both streams interleaved, as a terminal shows them.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.io.terminal()).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.io.out).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.io.err).into_owned()
    }
}

/// The commands the console knows besides shell builtins.
pub const HOST_COMMANDS: &[&str] = &[
    "kubectl", "sleep", "date", "cat", "ls", "grep", "head", "tail", "wc", "clear", "help", "echo",
    "printf", "true", "false", "test", "export",
];

/// What a line may spend ([`Budget::INTERACTIVE`]), so that a runaway
/// loop (`while true; do :; done`) or a `sleep inf` ends the line instead
/// of hanging the page. It is the line's one budget: its nested shells,
/// `$(…)`, `eval`, pipelines and every `kubectl exec` it runs draw on it.
const BUDGET: Budget = Budget::INTERACTIVE;

/// The longest console line podlab runs: 256 KiB, as the longest file it
/// reads (`workspace::MAX_READ`). A real shell reads longer lines; parsing
/// a 5 MB paste would hold the page for seconds, so podlab says so and runs
/// nothing (the line stays in the transcript and the history).
pub const MAX_LINE: usize = 256 * 1024;

/// podlab's note on a line longer than [`MAX_LINE`].
fn too_long_note(len: usize) -> String {
    format!(
        "podlab: this line is {:.1} MB; podlab runs console lines up to 256 KiB, so it did not run this one\n",
        len as f64 / 1e6
    )
}

/// Run one console line on the cluster, to its end, on a line's budget
/// ([`BUDGET`]).
pub fn run(cl: &mut Cluster, files: &[File], line: &str) -> Entry {
    run_on(cl, files, line, &mut BUDGET.clone())
}

/// [`run`] on `budget`, which the whole line draws on (tests hand in a
/// small one, and read what is left of it).
pub fn run_on(cl: &mut Cluster, files: &[File], line: &str, budget: &mut Budget) -> Entry {
    let mut step = start_on(cl, line, *budget);
    loop {
        match step {
            Step::Done(e) => return e,
            Step::Running(r) => step = resume_with(*r, cl, files, &mut || false, budget),
        }
    }
}

/// A console line that has not ended yet, between two stretches of the
/// browser's time: its shell, what it may still spend and what it has
/// written so far. [`resume`] runs it on; how it is cut into stretches
/// changes nothing in what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Running {
    /// The line and what it has written so far.
    pub entry: Entry,
    sh: Shell,
    budget: Budget,
    /// The simulated time the shell goes on at.
    wake: SimTime,
}

/// Where a console line is after [`start`] or [`resume`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Done(Entry),
    Running(Box<Running>),
}

/// Start a console line: parse it and run it until it ends or until
/// `resume` is first asked to yield (see [`resume`]).
pub fn start(cl: &Cluster, line: &str) -> Step {
    start_on(cl, line, BUDGET)
}

/// [`start`] on `budget`.
fn start_on(cl: &Cluster, line: &str, budget: Budget) -> Step {
    let mut e = Entry {
        at: cl.now,
        line: line.to_string(),
        // An entry holds at most OUTPUT_CAP bytes, podlab's note included.
        io: Output::capped(OUTPUT_CAP - NOTE_ROOM),
        ..Entry::default()
    };
    if line.trim().is_empty() {
        return Step::Done(e);
    }
    if line.len() > MAX_LINE {
        e.io.write(2, too_long_note(line.len()).as_bytes());
        e.code = 2;
        return Step::Done(e);
    }
    let mut sh = match Shell::with_name(line, BTreeMap::new(), "bash") {
        Ok(s) => s,
        Err(msg) => {
            e.io.write(2, format!("{msg}\n").as_bytes());
            e.code = 2;
            return Step::Done(e);
        }
    };
    sh.interactive = true;
    Step::Running(Box::new(Running {
        wake: cl.now,
        entry: e,
        sh,
        budget,
    }))
}

/// Run a line on: each time its shell has run a slice of its ops or is
/// about to let simulated time pass, `yield_now` is asked whether to stop
/// there for now (the browser's main thread has other work); the line then
/// comes back [`Step::Running`], to be resumed later on the same cluster.
pub fn resume(
    r: Running,
    cl: &mut Cluster,
    files: &[File],
    yield_now: &mut dyn FnMut() -> bool,
) -> Step {
    resume_with(r, cl, files, yield_now, &mut BUDGET.clone())
}

/// [`resume`], leaving in `left` what the line's budget has left.
fn resume_with(
    r: Running,
    cl: &mut Cluster,
    files: &[File],
    yield_now: &mut dyn FnMut() -> bool,
    left: &mut Budget,
) -> Step {
    let Running {
        mut entry,
        mut sh,
        mut budget,
        wake,
    } = r;
    // Already there, unless something else moved the clock meanwhile.
    cl.advance_to(wake);
    let mut host = Host {
        cl,
        files,
        trace: std::mem::take(&mut entry.trace),
        clear: entry.clear,
    };
    let stop = drive(&mut sh, &mut host, &mut entry.io, &mut budget, |h, t| {
        h.cl.advance_to(t);
        if yield_now() {
            Waited::Later
        } else {
            Waited::Reached
        }
    });
    entry.trace = host.trace;
    entry.clear = host.clear;
    match stop {
        // It printed past the cap in one go: cut there, stopped.
        _ if entry.io.cut() => interrupt_cut(&mut entry),
        Stop::Exited { code, .. } => entry.code = code,
        // Stopped as Ctrl-C would: the terminal's `^C`, one note, 130.
        Stop::Blocked(_) => interrupt(&mut entry, FOREVER),
        Stop::Spent {
            limit: Limit::Output,
            ..
        } => interrupt_cut(&mut entry),
        Stop::Spent { limit, .. } => interrupt(&mut entry, limit.note()),
        Stop::Wake(wake) => {
            *left = budget;
            return Step::Running(Box::new(Running {
                entry,
                sh,
                budget,
                wake,
            }));
        }
        // The console's world never goes away.
        Stop::Gone => interrupt(&mut entry, Limit::Ops.note()),
    }
    *left = budget;
    Step::Done(entry)
}

/// The learner pressed Ctrl-C while the line ran: the terminal echoes
/// `^C` and the status is 130 (128 + SIGINT).
pub fn stop(r: Running) -> Entry {
    let mut e = r.entry;
    e.io.write(2, CTRL_C.as_bytes());
    e.code = 130;
    e
}

/// Stop a line as a user's Ctrl-C would: the terminal echoes `^C`, podlab
/// says why in one note, and the status is 130 (128 + SIGINT).
fn interrupt(e: &mut Entry, note: &str) {
    e.io.raise_cap(OUTPUT_CAP);
    e.io.write(2, CTRL_C.as_bytes());
    e.io.write(2, note.as_bytes());
    e.code = 130;
}

/// Stop a line whose output podlab cut at a cap ([`Limit::Output`]) as
/// [`interrupt`] does. The cut is podlab's, anywhere in a line (a 5 MB
/// `echo` is one line), so the cut text is ended with a line break first:
/// the `^C` and the note stand on lines of their own, as after every other
/// stop.
fn interrupt_cut(e: &mut Entry) {
    e.io.raise_cap(OUTPUT_CAP);
    let open =
        e.io.log
            .last()
            .is_some_and(|(_, b)| b.last().is_some_and(|&c| c != b'\n'));
    if open {
        e.io.write(2, b"\n");
    }
    interrupt(e, Limit::Output.note());
}

struct Host<'a> {
    cl: &'a mut Cluster,
    files: &'a [File],
    trace: Vec<Hop>,
    clear: bool,
}

impl Host<'_> {
    fn file(&self, path: &str) -> Option<&File> {
        let p = path.strip_prefix("./").unwrap_or(path);
        self.files.iter().find(|f| f.name == p)
    }
}

impl Sys for Host<'_> {
    fn now(&self) -> SimTime {
        self.cl.now
    }

    fn exec(
        &mut self,
        argv: &[String],
        _env: &BTreeMap<String, String>,
        stdin: &[u8],
        output: &mut Output,
        budget: &mut Budget,
    ) -> Exec {
        let args = &argv[1..];
        // What it reads from a pipe is work, in proportion to its bytes.
        budget.work(stdin.len());
        match argv[0].as_str() {
            "kubectl" => {
                let o = cli::run(self.cl, self.files, args, budget);
                budget.work(o.io.written());
                output.extend(&o.io);
                self.trace.extend(o.trace);
                Exec::Done(o.code)
            }
            "date" => {
                output.write(
                    1,
                    format!("{}\n", self.cl.wall.civil(self.cl.now).date_cmd()).as_bytes(),
                );
                Exec::Done(0)
            }
            "ls" => {
                for f in self.files {
                    output.write(1, format!("{}\n", f.name).as_bytes());
                }
                Exec::Done(0)
            }
            "cat" => {
                if args.is_empty() {
                    output.write(1, stdin);
                    return Exec::Done(0);
                }
                let mut code = 0;
                for a in args {
                    match self.file(a) {
                        Some(f) => {
                            budget.work(f.text.len());
                            output.write(1, f.text.as_bytes());
                        }
                        None => {
                            output.write(
                                2,
                                format!("cat: {a}: No such file or directory\n").as_bytes(),
                            );
                            code = 1;
                        }
                    }
                }
                Exec::Done(code)
            }
            "grep" | "head" | "tail" | "wc" => {
                let (o, e, code) = textutil::run(&argv[0], args, stdin);
                output.write(1, &o);
                output.write(2, &e);
                Exec::Done(code)
            }
            "clear" => {
                self.clear = true;
                Exec::Done(0)
            }
            "help" => {
                output.write(1, HELP.as_bytes());
                Exec::Done(0)
            }
            "curl" | "wget" | "ping" | "nc" => {
                output.write(2, format!("podlab: this console is your machine, outside the cluster network, so {} cannot reach pod IPs; run it in a pod: kubectl exec busybox -- {}\n", argv[0], argv.join(" ")).as_bytes());
                Exec::Done(1)
            }
            other => {
                output.write(2, format!("bash: {other}: command not found\n").as_bytes());
                Exec::Done(127)
            }
        }
    }

    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.file(path)
            .map(|f| f.text.clone().into_bytes())
            .ok_or_else(|| "No such file or directory".to_string())
    }

    fn write_file(&mut self, path: &str, _data: &[u8], _append: bool) -> Result<(), String> {
        if path == "/dev/null" {
            return Ok(());
        }
        Err("podlab: the console does not write files; edit them in the editor".into())
    }
}

const HELP: &str = "podlab console: a shell on your machine with kubectl.\n\
  kubectl get pods [-o wide]         kubectl describe pod NAME\n\
  kubectl apply -f FILE              kubectl logs POD [-c CONTAINER]\n\
  kubectl exec POD -- COMMAND        kubectl create namespace NAME\n\
  sleep N        let N seconds pass on the simulated clock\n\
  ls, cat FILE   the workspace's files (the editor tabs)\n\
  clear          clear the console\n\
Up/Down walk the history; Tab completes commands, pod names and file names.\n";

/// podlab's cap on the console transcript's entries: 500, room for a long
/// session's lines while the page stays quick to draw.
pub const TRANSCRIPT_ENTRIES: usize = 500;

/// podlab's cap on the bytes the console transcript holds (typed lines and
/// their output): 4 MiB, four lines at [`OUTPUT_CAP`]. The newest entry is
/// always kept.
pub const TRANSCRIPT_BYTES: usize = 4 * 1024 * 1024;

/// The transcript within [`TRANSCRIPT_ENTRIES`] and [`TRANSCRIPT_BYTES`]:
/// the oldest entries go, and one podlab note at the top says how many
/// have gone in all (it replaces the note of an earlier cut). Returns the
/// same entries when nothing needs to go.
pub fn cap_transcript(mut entries: Vec<Entry>) -> Vec<Entry> {
    let size = |e: &Entry| e.line.len() + e.io.written();
    let earlier = match entries.first() {
        Some(first) if first.dropped > 0 => first.dropped,
        _ => 0,
    };
    let body = if earlier > 0 {
        &entries[1..]
    } else {
        &entries[..]
    };
    let total = body.iter().fold(0usize, |n, e| n.saturating_add(size(e)));
    if entries.len() <= TRANSCRIPT_ENTRIES && total <= TRANSCRIPT_BYTES {
        return entries;
    }
    // Keep the newest entries that fit beside the note.
    let mut keep = 0;
    let mut bytes = 0usize;
    for e in body.iter().rev() {
        let more = bytes.saturating_add(size(e));
        if keep > 0 && (keep + 1 >= TRANSCRIPT_ENTRIES || more > TRANSCRIPT_BYTES) {
            break;
        }
        keep += 1;
        bytes = more;
    }
    let cut = body.len() - keep;
    let dropped = earlier.saturating_add(cut);
    let kept = entries.split_off(entries.len() - keep);
    let at = kept.first().map_or(SimTime::ZERO, |e| e.at);
    let mut note = Entry::note(
        at,
        &format!(
            "podlab: {dropped} earlier console {} dropped; the console keeps its last {TRANSCRIPT_ENTRIES} entries and 4 MiB\n",
            if dropped == 1 {
                "entry was"
            } else {
                "entries were"
            }
        ),
    );
    note.dropped = dropped;
    let mut out = Vec::with_capacity(kept.len() + 1);
    out.push(note);
    out.extend(kept);
    out
}

/// The characters that separate words for Tab: the blanks of bash's
/// default COMP_WORDBREAKS (`" \t\n\"'><=;|&(:"`, bash(1)), ASCII only.
const BLANKS: &[char] = &[' ', '\t', '\n'];

/// What Tab offers at the end of `line`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The line with the word completed as far as all candidates agree.
    pub line: String,
    /// The candidates, when more than one remains.
    pub candidates: Vec<String>,
}

/// Complete the last word of `line`: commands first, then kubectl's
/// subcommands, resource types, pod names (for logs/exec/describe/delete),
/// container names after `-c`, and file names after `-f`.
pub fn complete(cl: &Cluster, files: &[File], line: &str) -> Completion {
    // After the last separator. Like readline (bash's COMP_WORDBREAKS),
    // only ASCII blanks separate words: a no-break space pasted from a
    // course page is part of the word, which then matches nothing. Every
    // separator is one ASCII byte, so `start` is a char boundary.
    let start = line
        .rfind(|c: char| BLANKS.contains(&c) || matches!(c, '(' | ';' | '|' | '&'))
        .map_or(0, |i| i + 1);
    let (head, word) = line.split_at(start);
    let words: Vec<&str> = head
        .rsplit(['(', ';', '|', '&'])
        .next()
        .unwrap_or("")
        .split(BLANKS)
        .filter(|w| !w.is_empty())
        .collect();
    let ns = words
        .windows(2)
        .find(|w| w[0] == "-n" || w[0] == "--namespace")
        .map_or("default", |w| w[1]);
    let pods = || -> Vec<String> {
        cl.pods
            .values()
            .filter(|p| p.namespace == ns)
            .map(|p| p.name().to_string())
            .collect()
    };
    let options: Vec<String> = match words.as_slice() {
        [] => HOST_COMMANDS.iter().map(|s| s.to_string()).collect(),
        ["kubectl"] => cli::COMMANDS.iter().map(|s| s.to_string()).collect(),
        [.., "-f" | "--filename"] | ["cat", ..] => files.iter().map(|f| f.name.clone()).collect(),
        [.., "-n" | "--namespace"] => cl.namespaces.keys().cloned().collect(),
        [.., "-c" | "--container"] => {
            let pod = words
                .iter()
                .skip(2)
                .find(|w| !w.starts_with('-') && cl.pod(ns, w).is_some());
            pod.and_then(|p| cl.pod(ns, p))
                .map(|p| p.containers.iter().map(|c| c.spec.name.clone()).collect())
                .unwrap_or_default()
        }
        [.., "-o" | "--output"] => ["wide", "yaml", "name", "jsonpath=", "custom-columns="]
            .map(String::from)
            .to_vec(),
        ["kubectl", "get" | "delete" | "describe"] => ["pods", "configmaps", "namespaces"]
            .map(String::from)
            .to_vec(),
        ["kubectl", "create"] => ["namespace", "-f"].map(String::from).to_vec(),
        ["kubectl", "get" | "delete" | "describe", kind, ..] => match *kind {
            "pods" | "pod" | "po" => pods(),
            "configmaps" | "configmap" | "cm" => cl
                .config_maps
                .keys()
                .filter(|(n, _)| n == ns)
                .map(|(_, name)| name.clone())
                .collect(),
            "namespaces" | "namespace" | "ns" => cl.namespaces.keys().cloned().collect(),
            _ => Vec::new(),
        },
        ["kubectl", "logs" | "exec", ..] => pods(),
        [.., "--"] => ["curl", "cat", "ls", "ps", "sh", "wget", "env", "date"]
            .map(String::from)
            .to_vec(),
        _ => Vec::new(),
    };
    let mut matches: Vec<String> = options
        .into_iter()
        .filter(|o| o.starts_with(word))
        .collect();
    crate::model::base::sort::sort(&mut matches);
    matches.dedup();
    match matches.as_slice() {
        [] => Completion {
            line: line.to_string(),
            candidates: Vec::new(),
        },
        [one] => {
            let space = if one.ends_with('=') { "" } else { " " };
            Completion {
                line: format!("{head}{one}{space}"),
                candidates: Vec::new(),
            }
        }
        many => {
            let common = many.iter().skip(1).fold(many[0].clone(), |acc, m| {
                acc.chars()
                    .zip(m.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect()
            });
            Completion {
                line: format!(
                    "{head}{}",
                    if common.len() > word.len() {
                        &common
                    } else {
                        word
                    }
                ),
                candidates: many.to_vec(),
            }
        }
    }
}

/// Walk the history: `pos` is the index shown (`history.len()` = the line
/// being typed, `draft`). Up is `-1`, down `+1`. Returns the new position and
/// the text to show.
pub fn walk(history: &[String], pos: usize, step: isize, draft: &str) -> (usize, String) {
    let pos = pos.min(history.len());
    let next = (pos as isize + step).clamp(0, history.len() as isize) as usize;
    let text = history
        .get(next)
        .cloned()
        .unwrap_or_else(|| draft.to_string());
    (next, text)
}

#[cfg(test)]
mod tests;
