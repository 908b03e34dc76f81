//! The shell against a fake world: a clock, a file table and `date`/`cat`.

use std::collections::BTreeMap;

use super::budget::Budget;
use super::drive::{Waited, drive};
use super::vm::{Exec, Output, Shell, Sys};
use crate::model::base::time::{SimDuration, SimTime, WallClock};

#[derive(Default)]
struct Fake {
    now: SimTime,
    files: BTreeMap<String, Vec<u8>>,
}

impl Sys for Fake {
    fn now(&self) -> SimTime {
        self.now
    }
    fn exec(
        &mut self,
        argv: &[String],
        _env: &BTreeMap<String, String>,
        stdin: &[u8],
        out: &mut Vec<u8>,
        err: &mut Vec<u8>,
    ) -> Exec {
        match argv[0].as_str() {
            "date" => {
                out.extend_from_slice(WallClock::TEST.civil(self.now).date_cmd().as_bytes());
                out.push(b'\n');
                Exec::Done(0)
            }
            "cat" if argv.len() == 1 => {
                out.extend_from_slice(stdin);
                Exec::Done(0)
            }
            "cat" => match self.files.get(&argv[1]) {
                Some(d) => {
                    out.extend_from_slice(d);
                    Exec::Done(0)
                }
                None => {
                    err.extend_from_slice(
                        format!("cat: can't open '{}': No such file or directory\n", argv[1])
                            .as_bytes(),
                    );
                    Exec::Done(1)
                }
            },
            "wc" => {
                out.extend_from_slice(
                    format!("{}\n", stdin.iter().filter(|&&b| b == b'\n').count()).as_bytes(),
                );
                Exec::Done(0)
            }
            other => {
                err.extend_from_slice(format!("sh: {other}: not found\n").as_bytes());
                Exec::Done(127)
            }
        }
    }
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| "No such file or directory".into())
    }
    fn write_file(&mut self, path: &str, data: &[u8], append: bool) -> Result<(), String> {
        let f = self.files.entry(path.to_string()).or_default();
        if !append {
            f.clear();
        }
        f.extend_from_slice(data);
        Ok(())
    }
}

/// Run `script` for `secs` simulated seconds; print stdout, stderr (as
/// `!`-prefixed lines), files and the final state.
fn check(script: &str, secs: u64, expect: &str) {
    let mut sys = Fake::default();
    let mut out = Output::default();
    match Shell::new(script, BTreeMap::new()) {
        Err(e) => out.err.extend_from_slice(e.as_bytes()),
        Ok(mut sh) => {
            let end = SimTime::from_secs(secs);
            let mut budget = Budget::slices(u64::MAX).with_slice_cpu(SimDuration::from_millis(1));
            drive(&mut sh, &mut sys, &mut out, &mut budget, |sys, t| {
                if t <= end {
                    sys.now = sys.now.max(t);
                    Waited::Reached
                } else {
                    Waited::Later
                }
            });
            out.err
                .extend_from_slice(format!("[{:?}]", sh.state).as_bytes());
        }
    }
    let mut got = String::from_utf8_lossy(&out.out).into_owned();
    for l in String::from_utf8_lossy(&out.err).lines() {
        match l.strip_prefix('[') {
            Some(state) => got.push_str(&format!("[{state}\n")),
            None => got.push_str(&format!("!{l}\n")),
        }
    }
    for (k, v) in &sys.files {
        got.push_str(&format!("{k}:\n{}", String::from_utf8_lossy(v)));
    }
    assert_eq!(got.trim_end(), expect.trim(), "\n{got}");
}

#[test]
fn busybox_idle_loop_sleeps_for_ever() {
    check(
        "while true; do sleep 3600; done",
        10_000,
        "[Sleeping(SimTime(10800000000))]",
    );
}

#[test]
fn the_logging_docs_counter_loop() {
    check(
        r#"i=0; while true; do echo "$i: $(date)" >> /var/log/1.log; echo "$(date) INFO $i" >> /var/log/2.log; i=$((i+1)); sleep 1; done"#,
        2,
        r#"
[Sleeping(SimTime(3000000))]
/var/log/1.log:
0: Mon Jan  1 00:00:00 UTC 2001
1: Mon Jan  1 00:00:01 UTC 2001
2: Mon Jan  1 00:00:02 UTC 2001
/var/log/2.log:
Mon Jan  1 00:00:00 UTC 2001 INFO 0
Mon Jan  1 00:00:01 UTC 2001 INFO 1
Mon Jan  1 00:00:02 UTC 2001 INFO 2
"#,
    );
}

#[test]
fn control_flow() {
    check(
        "for x in a b c; do if [ $x = b ]; then continue; fi; echo $x; done; n=0; while [ $n -lt 10 ]; do n=$((n+1)); [ $n -eq 3 ] && break; done; echo n=$n",
        1,
        "a\nc\nn=3\n[Exited(0)]",
    );
    check(
        "case hello in h*) echo yes;; *) echo no;; esac",
        1,
        "yes\n[Exited(0)]",
    );
    check(
        "echo a | cat | wc; false || echo ok; true && false; echo $?",
        1,
        "1\nok\n1\n[Exited(0)]",
    );
    check(
        "x=${UNSET:-default}; echo \"$x\" '$x' \\$x",
        1,
        "default $x $x\n[Exited(0)]",
    );
    check("echo one; exit 3; echo two", 1, "one\n[Exited(3)]");
}

#[test]
fn redirections_and_errors() {
    check(
        "echo Hello from the debian container > /pod-data/index.html; cat /nope 2>&1; nosuch",
        1,
        "cat: can't open '/nope': No such file or directory\n!sh: nosuch: not found\n[Exited(127)]\n/pod-data/index.html:\nHello from the debian container",
    );
    check(
        "while true; do sleep 1",
        1,
        "!sh: syntax error: unexpected end of file (expecting \"done\")",
    );
    check(
        "echo $((1+)); echo after",
        1,
        "!sh: arithmetic syntax error\n[Exited(2)]",
    );
}

#[test]
fn prefix_and_suffix_removal() {
    check(
        r#"kv=requests=42; echo "${kv%%=*} ${kv#*=}"; p=/a/b/c.log; echo ${p##*/} ${p%/*} ${p#/*/} ${p%.*}; echo ${p#zz}"#,
        1,
        "requests 42\nc.log /a/b b/c.log /a/b/c\n/a/b/c.log\n[Exited(0)]",
    );
    check(r#"printf 'HTTP/1.0 200 OK\r\n' | wc"#, 1, "1\n[Exited(0)]");
}
