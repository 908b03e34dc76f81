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
use crate::model::lang::shell::budget::{Budget, CTRL_C, FOREVER, Limit};
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
/// of hanging the page.
const BUDGET: Budget = Budget::INTERACTIVE;

/// Run one console line on the cluster.
pub fn run(cl: &mut Cluster, files: &[File], line: &str) -> Entry {
    let mut e = Entry {
        at: cl.now,
        line: line.to_string(),
        ..Entry::default()
    };
    if line.trim().is_empty() {
        return e;
    }
    let mut sh = match Shell::new(line, BTreeMap::new()) {
        Ok(s) => s,
        Err(msg) => {
            let msg = msg.strip_prefix("sh: ").unwrap_or(&msg);
            e.io.write(2, format!("bash: {msg}\n").as_bytes());
            e.code = 2;
            return e;
        }
    };
    sh.name = "bash".into();
    sh.interactive = true;
    let mut host = Host {
        cl,
        files,
        trace: Vec::new(),
        clear: false,
    };
    let mut budget = BUDGET;
    let stop = drive(&mut sh, &mut host, &mut e.io, &mut budget, |h, t| {
        h.cl.advance_to(t);
        Waited::Reached
    });
    match stop {
        Stop::Exited { code, .. } => e.code = code,
        // Stopped as Ctrl-C would: the terminal's `^C`, one note, 130.
        Stop::Blocked(_) => interrupt(&mut e, FOREVER),
        Stop::Spent { limit, .. } => interrupt(&mut e, limit.note()),
        // The console's world always reaches the time its shell waits for,
        // and never goes away.
        Stop::Wake(_) | Stop::Gone => interrupt(&mut e, Limit::Ops.note()),
    }
    e.trace = host.trace;
    e.clear = host.clear;
    e
}

/// Stop a line as a user's Ctrl-C would: the terminal echoes `^C`, podlab
/// says why in one note, and the status is 130 (128 + SIGINT).
fn interrupt(e: &mut Entry, note: &str) {
    e.io.write(2, CTRL_C.as_bytes());
    e.io.write(2, note.as_bytes());
    e.code = 130;
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
    ) -> Exec {
        let args = &argv[1..];
        match argv[0].as_str() {
            "kubectl" => {
                let o = cli::run(self.cl, self.files, args);
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
                        Some(f) => output.write(1, f.text.as_bytes()),
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
    // The word starts after the last separator, which may be wider than
    // a byte (a non-breaking space pasted from a web page).
    let start = line
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == ';' || c == '|' || c == '&')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, word) = line.split_at(start);
    let words: Vec<&str> = head
        .rsplit(['(', ';', '|', '&'])
        .next()
        .unwrap_or("")
        .split_whitespace()
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
    matches.sort();
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
