//! `podlab`, the command line for course authors' CI: the same model as the
//! app, reading files from disk. `podlab haproxy -c -f FILE` answers as
//! HAProxy's check mode would. See `podlab --help` and the README; the logic
//! is the model's (`model::cli`, `model::haproxy::cli`), this file only reads
//! files and prints.

use std::process::ExitCode;

use podlab::model::base::time::WallClock;
use podlab::model::lang::haproxy::cli as haproxy_cli;
use podlab::model::project::cli;
use podlab::model::project::workspace::File;

const USAGE: &str = "usage:
  podlab apply FILES...             validate as the API server and HAProxy would; exit 1 on errors
  podlab run FILES... -- 'COMMAND'  apply, let the pods settle, run one console line
  podlab haproxy -c -f FILE         check a haproxy.cfg as HAProxy 2.6's `haproxy -c -f FILE`
";

fn read(paths: &[String]) -> Result<Vec<File>, String> {
    paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .map(|text| File {
                    name: p.clone(),
                    text,
                })
                .map_err(|e| format!("podlab: {p}: {e}"))
        })
        .collect()
}

fn finish(o: cli::Outcome) -> ExitCode {
    print!("{}", o.stdout);
    eprint!("{}", o.stderr);
    ExitCode::from(o.code.clamp(0, 255) as u8)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("--help", &[][..]),
    };
    match cmd {
        "apply" if !rest.is_empty() => match read(rest) {
            Ok(files) => finish(cli::apply(&files)),
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        "run" => {
            let Some(dash) = rest.iter().position(|a| a == "--") else {
                eprint!("podlab run: missing -- 'COMMAND'\n{USAGE}");
                return ExitCode::from(2);
            };
            let command = rest[dash + 1..].join(" ");
            match read(&rest[..dash]) {
                Ok(files) => {
                    // The wall clock is the real one here: podlab's model
                    // takes time as a value, the binary may read it.
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_millis() as i64);
                    finish(cli::run(&files, &command, WallClock { epoch_ms: now }))
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
            }
        }
        "haproxy" => ExitCode::from(haproxy_cmd(rest).clamp(0, 255) as u8),
        "--help" | "-h" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprint!("podlab: unknown command '{other}'\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `podlab haproxy ARGS…`: HAProxy's check mode, reading files from disk.
fn haproxy_cmd(args: &[String]) -> i32 {
    let mut read = |path: &str| -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| {
            // strerror's text, without Rust's " (os error N)".
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        })
    };
    let out = haproxy_cli::run(args, &mut read);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    out.code
}
