//! `haproxy -c -f FILE` as a pure function: the arguments in, what HAProxy
//! 2.6 prints on stdout and stderr and its exit code out. The caller supplies
//! the file reader, so the same code serves `podlab haproxy` on a terminal
//! and the differential tests. Only check mode is modelled; anything else is
//! said to be podlab's limit, never passed off as HAProxy's answer.

use std::net::{IpAddr, Ipv4Addr};

use super::Version;
use super::check::{self, check_mode};
use super::config::parse;
use super::message::{Level, Printer};
use crate::model::base::time::civil_from_unix;

/// The package `podlab haproxy` stands for: Debian bookworm's haproxy, the
/// one scripts/setup.sh installs for the differential tests (`haproxy -v`).
pub const VERSION_STRING: &str = "2.6.12-1+deb12u3";
/// Its release date, from the same `haproxy -v`.
pub const RELEASE_DATE: &str = "2025/10/03";
/// The PID podlab prints in HAProxy's prefixes. A real run prints its own
/// PID; podlab picks a fixed one so that output is deterministic.
pub const PID: u32 = 8;

/// What the command printed, and its exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CliOutput {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// HAProxy 2.6's usage text (`usage()` in src/haproxy.c), printed on bad
/// arguments with exit code 1.
pub const USAGE: &str =
    "Usage : haproxy [-f <cfgfile|cfgdir>]* [ -vdVD ] [ -n <maxconn> ] [ -N <maxpconn> ]
        [ -p <pidfile> ] [ -m <max megs> ] [ -C <dir> ] [-- <cfgfile>*]
        -v displays version ; -vv shows known build options.
        -d enters debug mode ; -db only disables background mode.
        -dM[<byte>,help,...] debug memory (default: poison with <byte>/0x50)
        -V enters verbose mode (disables quiet mode)
        -D goes daemon ; -C changes to <dir> before loading files.
        -W master-worker mode.
        -Ws master-worker mode with systemd notify support.
        -q quiet mode : don't display messages
        -c check mode : only check config files and exit
        -cc check condition : evaluate a condition and exit
        -n sets the maximum total # of connections (uses ulimit -n)
        -m limits the usable amount of memory (in MB)
        -N sets the default, per-proxy maximum # of connections (0)
        -L set local peer name (default to hostname)
        -p writes pids of all children to this file
        -de disables epoll() usage even when available
        -dp disables poll() usage even when available
        -dS disables splice usage (broken on old kernels)
        -dG disables getaddrinfo() usage
        -dR disables SO_REUSEPORT usage
        -dL dumps loaded object files after config checks
        -dK{class[,...]} dump registered keywords (use 'help' for list)
        -dr ignores server address resolution failures
        -dV disables SSL verify on servers side
        -dW fails if any warning is emitted
        -dD diagnostic mode : warn about suspicious configuration statements
        -sf/-st [pid ]* finishes/terminates old pids.
        -x <unix_socket> get listening sockets from a unix socket
        -S <bind>[,<bind options>...] new master CLI
";

/// `haproxy -v`.
pub fn version_text() -> String {
    format!(
        "HAProxy version {VERSION_STRING} {RELEASE_DATE} - https://haproxy.org/\nStatus: long-term supported branch - will stop receiving fixes around Q2 2027.\nKnown bugs: http://www.haproxy.org/bugs/bugs-2.6.12.html\n"
    )
}

/// Names a host resolves outside any pod: only `localhost` (/etc/hosts).
fn resolve(host: &str) -> Option<IpAddr> {
    (host == "localhost").then_some(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

fn printer() -> Printer {
    Printer {
        version: Version::V2_6,
        pid: PID,
        at: civil_from_unix(0),
    }
}

fn lines(v: &[String]) -> String {
    v.iter().map(|l| format!("{l}\n")).collect()
}

/// Run `haproxy ARGS…` (without the program name). `read` returns a file's
/// text, or the system's error text (`No such file or directory`).
pub fn run(args: &[String], read: &mut dyn FnMut(&str) -> Result<String, String>) -> CliOutput {
    let mut check = false;
    let mut quiet = false;
    let mut files: Vec<String> = Vec::new();
    let mut it = args.iter();
    let usage = |out: &mut CliOutput| {
        out.stdout = version_text();
        out.stderr = USAGE.to_string();
        out.code = 1;
    };
    let mut out = CliOutput::default();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-c" => check = true,
            "-q" => quiet = true,
            "-V" => quiet = false,
            "-v" => {
                out.stdout = version_text();
                return out;
            }
            "-f" => match it.next() {
                Some(f) => files.push(f.clone()),
                None => {
                    usage(&mut out);
                    return out;
                }
            },
            "--" => files.extend(it.by_ref().cloned()),
            a if a.starts_with('-') => {
                out.stderr = format!(
                    "podlab: `haproxy {a}` is not modelled; podlab models `haproxy -c -f FILE` (with -q, -V, -v)\n"
                );
                out.code = 1;
                return out;
            }
            _ => {
                usage(&mut out);
                return out;
            }
        }
    }
    if files.is_empty() {
        usage(&mut out);
        return out;
    }
    if !check {
        out.stderr = "podlab: only check mode is modelled here: `podlab haproxy -c -f FILE`; HAProxy itself runs inside the pod\n".into();
        out.code = 1;
        return out;
    }
    if files.len() > 1 {
        out.stderr =
            "podlab: several configuration files at once are not modelled; give one -f FILE\n"
                .into();
        out.code = 1;
        return out;
    }
    let file = &files[0];
    let p = printer();
    let result = match read(file) {
        Ok(text) => {
            let mut cfg = parse(&text, Version::V2_6);
            check::validity(&mut cfg, &resolve);
            let o = check_mode(&cfg, &p, file, VERSION_STRING);
            CliOutput {
                stdout: lines(&o.stdout),
                stderr: lines(&o.stderr),
                code: o.exit_code,
            }
        }
        Err(e) if e == "Is a directory" => {
            return CliOutput {
                stdout: String::new(),
                stderr: format!(
                    "podlab: {file} is a directory; HAProxy would load each *.cfg file in it, which podlab does not model: give one file\n"
                ),
                code: 1,
            };
        }
        Err(e) => {
            let mut err = Vec::new();
            for n in [
                format!("haproxy version is {VERSION_STRING}"),
                "path to executable is /usr/sbin/haproxy".to_string(),
            ] {
                err.push(format!("{}{n}", p.prefix(Level::Notice)));
            }
            err.push(format!(
                "{}Cannot open configuration file/directory {file} : {e}",
                p.prefix(Level::Alert)
            ));
            CliOutput {
                stdout: String::new(),
                stderr: lines(&err),
                code: 1,
            }
        }
    };
    if quiet {
        // `-q`: HAProxy prints nothing at all, the exit code says it.
        return CliOutput {
            code: result.code,
            ..CliOutput::default()
        };
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &str, files: &[(&str, &str)], expect: &str) {
        let args: Vec<String> = args.split_whitespace().map(str::to_string).collect();
        let mut read = |f: &str| {
            files
                .iter()
                .find(|(n, _)| *n == f)
                .map(|(_, t)| t.to_string())
                .ok_or_else(|| "No such file or directory".to_string())
        };
        let o = run(&args, &mut read);
        let got = format!("{}--\n{}exit {}", o.stdout, o.stderr, o.code);
        assert_eq!(got.trim(), expect.trim(), "\n{got}");
    }

    const OK: &str = "listen a\n bind :80\n timeout client 1s\n";

    #[test]
    fn check_mode_prints_as_haproxy() {
        check(
            "-c -f ok.cfg",
            &[("ok.cfg", OK)],
            "Configuration file is valid\n--\nexit 0",
        );
        check(
            "-c -f /etc/x/bad.cfg",
            &[("/etc/x/bad.cfg", "listen a\n bnd :80\n")],
            "--
[NOTICE]   (8) : haproxy version is 2.6.12-1+deb12u3
[NOTICE]   (8) : path to executable is /usr/sbin/haproxy
[ALERT]    (8) : config : parsing [/etc/x/bad.cfg:2] : unknown keyword 'bnd' in 'listen' section; did you mean 'bind' maybe ?
[ALERT]    (8) : config : Error(s) found in configuration file : /etc/x/bad.cfg
[ALERT]    (8) : config : Fatal errors found in configuration.
exit 1",
        );
        check(
            "-f empty.cfg -c",
            &[("empty.cfg", "")],
            "Configuration file has no error but will not start (no listener) => exit(2).\n--\nexit 2",
        );
    }

    #[test]
    fn missing_file_quiet_and_usage() {
        check(
            "-c -f nofile.cfg",
            &[],
            "--
[NOTICE]   (8) : haproxy version is 2.6.12-1+deb12u3
[NOTICE]   (8) : path to executable is /usr/sbin/haproxy
[ALERT]    (8) : config : Cannot open configuration file/directory nofile.cfg : No such file or directory
exit 1",
        );
        check(
            "-c -q -f a.cfg",
            &[("a.cfg", "listen a\n bnd\n")],
            "--\nexit 1",
        );
        check("-c -q -f a.cfg", &[("a.cfg", OK)], "--\nexit 0");
        let o = run(&["-c".to_string()], &mut |_| Err(String::new()));
        assert_eq!(o.code, 1);
        assert!(o.stdout.starts_with("HAProxy version 2.6.12-1+deb12u3 "));
        assert!(
            o.stderr
                .starts_with("Usage : haproxy [-f <cfgfile|cfgdir>]*")
        );
        check(
            "-c -- ok.cfg",
            &[("ok.cfg", OK)],
            "Configuration file is valid\n--\nexit 0",
        );
    }

    #[test]
    fn what_podlab_does_not_model_is_said_to_be_podlabs() {
        let o = run(&["-f".into(), "ok.cfg".into()], &mut |_| Ok(OK.into()));
        assert_eq!(o.code, 1);
        assert!(o.stderr.starts_with("podlab: only check mode"), "{o:?}");
        let o = run(
            &["-c".into(), "-f".into(), "/etc/haproxy".into()],
            &mut |_| Err("Is a directory".into()),
        );
        assert!(
            o.stderr.starts_with("podlab: /etc/haproxy is a directory"),
            "{o:?}"
        );
        let o = run(&["-c".into(), "-W".into()], &mut |_| Ok(OK.into()));
        assert!(
            o.stderr.starts_with("podlab: `haproxy -W` is not modelled"),
            "{o:?}"
        );
    }
}
