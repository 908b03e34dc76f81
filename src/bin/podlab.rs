//! The `podlab` command line. `podlab haproxy ARGS…` answers as
//! `haproxy ARGS…` would in check mode (`haproxy -c -f FILE`); the logic is
//! the model's pure `haproxy::cli::run`, this file only reads files and
//! prints.

use std::process::ExitCode;

use podlab::model::haproxy::cli;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("haproxy") => haproxy_cmd(&args[1..]),
        _ => {
            eprintln!("usage: podlab haproxy -c -f FILE");
            2
        }
    };
    ExitCode::from(code.clamp(0, 255) as u8)
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
    let out = cli::run(args, &mut read);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    out.code
}
