//! The shell against a fake world: a clock, a file table, `date`/`cat`,
//! `tick`, which counts how often it ran (to see what a budget let run), and
//! `mix`, which writes stdout, stderr, stdout.

use std::collections::BTreeMap;

use super::budget::Budget;
use super::budget::Limit;
use super::drive::{Stop, Waited, drive};
use super::vm::{Exec, Output, Shell, Sys};
use crate::model::base::time::{SimDuration, SimTime, WallClock};

#[derive(Default)]
struct Fake {
    now: SimTime,
    files: BTreeMap<String, Vec<u8>>,
    ticks: u64,
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
        output: &mut Output,
        _budget: &mut Budget,
    ) -> Exec {
        match argv[0].as_str() {
            "tick" => {
                self.ticks += 1;
                Exec::Done(0)
            }
            "mix" => {
                output.write(1, b"out1\n");
                output.write(2, b"err\n");
                output.write(1, b"out2\n");
                Exec::Done(0)
            }
            "date" => {
                let date = WallClock::TEST.civil(self.now).date_cmd();
                output.write(1, format!("{date}\n").as_bytes());
                Exec::Done(0)
            }
            "cat" if argv.len() == 1 => {
                output.write(1, stdin);
                Exec::Done(0)
            }
            "cat" => match self.files.get(&argv[1]) {
                Some(d) => {
                    output.write(1, d);
                    Exec::Done(0)
                }
                None => {
                    output.write(
                        2,
                        format!("cat: can't open '{}': No such file or directory\n", argv[1])
                            .as_bytes(),
                    );
                    Exec::Done(1)
                }
            },
            "wc" => {
                output.write(
                    1,
                    format!("{}\n", stdin.iter().filter(|&&b| b == b'\n').count()).as_bytes(),
                );
                Exec::Done(0)
            }
            other => {
                output.write(2, format!("sh: {other}: not found\n").as_bytes());
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
    let got = transcript(script, secs);
    assert_eq!(got.trim_end(), expect.trim(), "\n{got}");
}

/// What [`check`] compares.
fn transcript(script: &str, secs: u64) -> String {
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
    got
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

/// Run `script` on `budget` in a world whose clock goes wherever the shell
/// waits: how it stopped, what it printed, and the world after.
fn spend(script: &str, budget: &mut Budget) -> (Stop, String, Fake) {
    let mut sys = Fake::default();
    let mut out = Output::default();
    let mut sh = Shell::new(script, BTreeMap::new()).expect("a valid script");
    let stop = drive(&mut sh, &mut sys, &mut out, budget, |sys, t| {
        sys.now = sys.now.max(t);
        Waited::Reached
    });
    let text = String::from_utf8_lossy(&out.terminal()).into_owned();
    (stop, text, sys)
}

/// The ops a script that ends takes from a budget.
fn ops_of(script: &str) -> u64 {
    let mut budget = Budget::slices(10);
    let (stop, _, _) = spend(script, &mut budget);
    assert!(matches!(stop, Stop::Exited { .. }), "{script}: {stop:?}");
    Budget::slices(10).ops_left() - budget.ops_left()
}

fn spent_ops(stop: &Stop) -> bool {
    matches!(
        stop,
        Stop::Spent {
            limit: Limit::Ops,
            ..
        }
    )
}

#[test]
fn a_substitution_spends_its_parents_ops() {
    // One slice, no wait: what `$(…)` runs comes out of the same count.
    let inner = ops_of("tick; tick; tick");
    assert_eq!(inner, 3);
    // Each nested shell also costs Budget::NEST_OPS to set up.
    let nest = Budget::NEST_OPS;
    assert_eq!(ops_of("x=$(tick; tick; tick)"), ops_of("x=") + nest + inner);
    assert_eq!(
        ops_of("x=$(y=$(tick; tick; tick))"),
        ops_of("x=") + ops_of("y=") + 2 * nest + inner
    );
}

/// Issue 10: a branching recursion of `eval`s, functions or `$(…)` pays
/// for each shell it sets up, so the budget stops it as soon as a plain
/// loop: `x='eval $x; eval $x'; eval $x` ran 13 µs per op at one op per
/// eval (13 s on a million ops) before nesting cost `Budget::NEST_OPS`.
#[test]
fn a_branching_recursion_pays_for_each_nested_shell() {
    // Each leaf ticks once: on one slice, at most a slice's worth of
    // nested shells (SLICE / NEST_OPS) were set up, not SLICE / 3.
    for script in [
        "x='tick; eval $x; eval $x'; eval $x",
        "f() { tick; f; f; }; f",
        "x='tick; echo $(eval $x)$(eval $x)'; eval $x",
    ] {
        let (stop, _, sys) = spend(script, &mut Budget::slices(1));
        assert!(matches!(stop, Stop::Spent { .. }), "{script}: {stop:?}");
        assert!(
            sys.ticks > 0 && sys.ticks <= Budget::SLICE / Budget::NEST_OPS,
            "{script}: {} ticks",
            sys.ticks
        );
    }
}

#[test]
fn a_substitution_in_a_loop_draws_on_the_loops_budget() {
    // Each `$(…)` spins until the one budget is gone, so it runs once; with
    // a budget of its own each, the loop would go round and round.
    let (stop, _, sys) = spend(
        "while :; do x=$(while :; do tick; done); done",
        &mut Budget::slices(1),
    );
    assert!(spent_ops(&stop), "{stop:?}");
    assert!(
        sys.ticks > 0 && sys.ticks < Budget::SLICE / 4,
        "{}",
        sys.ticks
    );
}

#[test]
fn eval_inside_eval_draws_on_one_budget() {
    let (stop, _, sys) = spend(
        r#"while :; do eval 'eval "while :; do tick; done"'; done"#,
        &mut Budget::slices(1),
    );
    assert!(spent_ops(&stop), "{stop:?}");
    assert!(
        sys.ticks > 0 && sys.ticks < Budget::SLICE / 4,
        "{}",
        sys.ticks
    );
    // Each eval is an op of its own, and a nested shell's set-up.
    assert_eq!(
        ops_of("eval 'eval :'"),
        ops_of(":") + 2 + 2 * Budget::NEST_OPS
    );
}

#[test]
fn a_loop_in_a_pipeline_draws_on_the_pipelines_budget() {
    let (stop, _, sys) = spend(
        "while :; do while :; do tick; done | cat; done",
        &mut Budget::slices(1),
    );
    assert!(spent_ops(&stop), "{stop:?}");
    assert!(
        sys.ticks > 0 && sys.ticks < Budget::SLICE / 4,
        "{}",
        sys.ticks
    );
}

#[test]
fn output_bytes_are_one_budget_across_nesting() {
    let (stop, text, _) = spend(
        "while :; do echo hello; done",
        &mut Budget::slices(1000).with_bytes(60),
    );
    assert!(
        matches!(
            stop,
            Stop::Spent {
                limit: Limit::Bytes,
                ..
            }
        ),
        "{stop:?}"
    );
    assert_eq!(text, "hello\n".repeat(10));
    // Bytes written to a file from inside `$(…)` count too.
    let (stop, text, sys) = spend(
        "while :; do : $(echo hello >> /f); done",
        &mut Budget::slices(1000).with_bytes(60),
    );
    assert!(
        matches!(
            stop,
            Stop::Spent {
                limit: Limit::Bytes,
                ..
            }
        ),
        "{stop:?}"
    );
    assert_eq!(text, "");
    assert_eq!(sys.files["/f"], "hello\n".repeat(10).into_bytes());
}

#[test]
fn simulated_time_is_one_budget_across_nesting() {
    let five = SimDuration::from_secs(5);
    let (stop, _, sys) = spend(
        "while :; do sleep 1; tick; done",
        &mut Budget::slices(1000).with_time(five),
    );
    assert_eq!(
        stop,
        Stop::Spent {
            limit: Limit::Time,
            wake: SimTime::from_secs(6)
        }
    );
    assert_eq!((sys.now, sys.ticks), (SimTime::from_secs(5), 5));
    // A sleep inside `$(…)` is owed by the shell around it.
    let (stop, text, sys) = spend(
        "x=$(sleep 10); sleep 1; echo after",
        &mut Budget::slices(1000).with_time(five),
    );
    assert_eq!(
        stop,
        Stop::Spent {
            limit: Limit::Time,
            wake: SimTime::from_secs(11)
        }
    );
    assert_eq!((text.as_str(), sys.now), ("", SimTime::ZERO));
}

#[test]
fn a_busy_substitution_finishes_and_its_shell_yields_after_it() {
    // A container's process: a slice of ops stands for 20 ms. The `$(…)`
    // runs past the end of the slice (it cannot stop), then the shell waits
    // for the CPU time before it goes on.
    let mut budget = Budget::slices(1000).with_slice_cpu(SimDuration::from_millis(20));
    let (stop, text, _) = spend(
        "x=$(i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done; echo $i); echo $x",
        &mut budget,
    );
    assert_eq!(
        stop,
        Stop::Exited {
            code: 0,
            at: SimTime::ZERO + SimDuration::from_millis(20)
        }
    );
    assert_eq!(text, "10000\n");
}

#[test]
fn a_commands_writes_keep_their_order_wherever_they_go() {
    let check = |script: &str, terminal: &str, file: &str| {
        let (stop, text, sys) = spend(script, &mut Budget::slices(1));
        assert!(matches!(stop, Stop::Exited { code: 0, .. }), "{stop:?}");
        assert_eq!(text, terminal, "{script}");
        let f = sys
            .files
            .get("/f")
            .map(|d| String::from_utf8_lossy(d).into_owned());
        assert_eq!(f.unwrap_or_default(), file, "{script}");
    };
    check("mix", "out1\nerr\nout2\n", "");
    check("mix > /f 2>&1", "", "out1\nerr\nout2\n");
    check("mix 2>&1 > /f", "err\n", "out1\nout2\n");
    check("mix 2>/f", "out1\nout2\n", "err\n");
    // eval's commands write through the same ordered output.
    check("eval 'echo a; echo b >&2; echo c'", "a\nb\nc\n", "");
    check("eval mix > /f 2>&1", "", "out1\nerr\nout2\n");
}

#[test]
fn a_pipelines_last_stage_keeps_its_order_and_its_errors() {
    let (stop, text, _) = spend("echo $((1+)) | cat", &mut Budget::slices(1));
    assert!(matches!(stop, Stop::Exited { code: 2, .. }), "{stop:?}");
    assert_eq!(text, "sh: arithmetic syntax error\n");
    // An earlier stage's stderr shows as it ends; the last stage's writes
    // keep their order.
    let (_, text, _) = spend("mix | cat; echo | mix", &mut Budget::slices(1));
    assert_eq!(text, "err\nout1\nout2\nout1\nerr\nout2\n");
}

/// Regression: a nested command cut short by the budget as the script's
/// last command made the script end normally (status 0 after `| cat`), so
/// the console never said it stopped the line.
#[test]
fn a_script_whose_last_command_was_cut_short_did_not_end() {
    for script in [
        "while :; do :; done | cat",
        "eval 'while :; do :; done'",
        "x=$(while :; do :; done)",
    ] {
        let (stop, _, _) = spend(script, &mut Budget::slices(1));
        assert!(spent_ops(&stop), "{script}: {stop:?}");
    }
}

/// Issue 10's crashes: user text is cut only at character boundaries. Each
/// message is BusyBox ash's (1.35, compared on the host).
#[test]
fn non_ascii_in_expansions_is_a_syntax_error_not_a_panic() {
    check("echo ${é}", 1, "!sh: syntax error: bad substitution");
    check("echo ${café:-x}", 1, "!sh: syntax error: bad substitution");
    check("echo ${x:-é}", 1, "é\n[Exited(0)]");
    check("echo ${:-x}", 1, "!sh: syntax error: bad substitution");
    check("echo ${x", 1, "!sh: syntax error: missing '}'");
    check("echo $((1+2)", 1, "!sh: syntax error: missing '))'");
    check(
        "echo `ls",
        1,
        "!sh: syntax error: EOF in backquote substitution",
    );
    check(
        "echo 'a",
        1,
        "!sh: syntax error: unterminated quoted string",
    );
    // `$((1)é)`: ash reads `$((` as arithmetic and wants `))` (BusyBox
    // 1.35 on the host; the line before it on the same line never runs).
    check("echo a; echo $((1)é)", 1, "!sh: syntax error: missing '))'");
    check(
        "echo $((echo hi); (echo ho))",
        1,
        "!sh: syntax error: missing '))'",
    );
    check("echo $((2*(3+4)))", 1, "14\n[Exited(0)]");
}

/// Issue 10: `x='eval $x'; eval $x` overflowed the stack (real bash and ash
/// crash too). Each way of nesting stops at `Budget::MAX_DEPTH` with one
/// note and status 139, on a thread with the browser's 1 MiB wasm stack.
#[test]
fn endless_nesting_stops_at_the_depth_limit_within_a_small_stack() {
    let too_deep = super::budget::TOO_DEEP.trim_end();
    let cases: Vec<(&str, String)> = vec![
        (
            "x='eval $x'; eval $x; echo $?",
            format!("139\n!{too_deep}\n[Exited(0)]"),
        ),
        (
            "echo start; x='echo $(eval $x)'; eval $x; echo done",
            format!("start\n\ndone\n!{too_deep}\n[Exited(0)]"),
        ),
        (
            // A pipeline's status is its last stage's: cat's.
            "f='{ eval $f; } | cat'; eval $f; echo $?",
            format!("0\n!{too_deep}\n[Exited(0)]"),
        ),
        ("eval eval eval echo ok", "ok\n[Exited(0)]".to_string()),
    ];
    for (script, expect) in cases {
        on_small_stack(script, move || check(script, 1, &expect));
    }
}

/// Run `f` on a thread with the browser's 1 MiB wasm stack; `what` names
/// it if it fails or overflows.
pub(crate) fn on_small_stack(what: &str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|_| {
            let what: String = what.chars().take(80).collect();
            panic!("{what}… failed or overflowed a 1 MiB stack")
        });
}

/// Issue 10: `{ ` 10 000 deep and `$((` with 10 000 parentheses overflowed
/// the stack. Commands nest up to `syntax::MAX_NESTING`, then the script
/// stops before it runs with one note (status 2, as a script that does
/// not parse); arithmetic has no recursion left, so any nesting of
/// parentheses or unary operators evaluates, as in ash (BusyBox 1.35 on
/// the host prints 1 for 10 000 parentheses and for 10 001 `-`, -1);
/// `$((…))` inside `$((…))` and `${x:-${x:-…}}` stop at their limits.
#[test]
fn deep_nesting_stops_with_a_note_within_a_small_stack() {
    let deep = super::syntax::TOO_DEEP.trim_end().to_string();
    let arith_deep = super::arith::TOO_DEEP.trim_end().to_string();
    let n = 10_000;
    let r = |s: &str, k: usize| s.repeat(k);
    let cases: Vec<(String, String)> = vec![
        (
            format!("{}echo hi{}", r("{ ", n), r("; }", n)),
            format!("!{deep}"),
        ),
        (
            format!("{}echo hi{}", r("( ", n), r(" )", n)),
            format!("!{deep}"),
        ),
        (
            format!("{}true{}; echo ok", r("if ", n), r("; then :; fi", n)),
            format!("!{deep}"),
        ),
        (
            format!("{}:{}", r("while ", n), r("; do :; done", n)),
            format!("!{deep}"),
        ),
        (
            format!("echo ${{x:-{}y{}", r("${x:-", n), r("}", n + 1)),
            format!("!{deep}"),
        ),
        // 99 groups and a command are 100 deep: still read.
        (
            format!("{}echo hi{}", r("{ ", 99), r("; }", 99)),
            "hi\n[Exited(0)]".into(),
        ),
        (
            format!("echo $(({}1{}))", r("(", n), r(")", n)),
            "1\n[Exited(0)]".into(),
        ),
        (
            format!(
                "echo $(({}1)) $(({}1)) $(({}1))",
                r("-", n + 1),
                r("!", n),
                r("~", n)
            ),
            "-1 1 1\n[Exited(0)]".into(),
        ),
        (
            format!("echo $(({}1{}))", r("$((", n), r("))", n)),
            format!("!{arith_deep}\n[Exited(2)]"),
        ),
        (
            format!("true{}; echo ok", r(" && true", n)),
            "ok\n[Exited(0)]".into(),
        ),
        (
            // `$(` ten thousand deep: shells nest up to Budget::MAX_DEPTH.
            format!("echo x {}echo hi{}; echo $?", r("$(", n), r(")", n)),
            format!("x\n0\n!{}\n[Exited(0)]", super::budget::TOO_DEEP.trim_end()),
        ),
        (format!("echo x {}", r("`", n)), "x\n[Exited(0)]".into()),
    ];
    for (script, expect) in cases {
        let what = script.clone();
        on_small_stack(&what, move || check(&script, 1, &expect));
    }
}

/// Regression: `${#name}` printed nothing; it is the value's length in
/// characters (BusyBox ash 1.35 on the host: 6, 1, 0).
#[test]
fn length_of_a_variable() {
    check(
        "x=ab; x=$x$x$x; y=é; echo ${#x} ${#y} ${#nope}",
        1,
        "6 1 0\n[Exited(0)]",
    );
}

/// Issue 10: `x=$x$x` in a loop doubled a string until memory ran out.
/// A word stops at `WORD_MAX` (1 MiB) with one note; the shell exits 2, as
/// on an expansion error.
#[test]
fn a_doubling_variable_stops_at_the_word_limit() {
    let note = super::vm::expand::TOO_LARGE.trim_end();
    check(
        "x=a; while :; do x=$x$x; done; echo never",
        1,
        &format!("!{note}\n[Exited(2)]"),
    );
    check(
        "x=0123456789abcdef; i=0; while [ $i -lt 10 ]; do x=$x$x; i=$((i+1)); done; echo ${#x}",
        1,
        "16384\n[Exited(0)]",
    );
}

/// Issue 10: a run stopped by `Budget::interrupt` (a `kubectl exec` inside
/// it ran out, a command printed past a cap) stops every shell on that
/// budget at once, with the first reason given.
#[test]
fn an_interrupted_budget_stops_every_run_on_it() {
    let mut budget = Budget::slices(10);
    budget.interrupt(Limit::Output);
    budget.interrupt(Limit::Ops);
    assert_eq!(budget.spent(), Some(Limit::Output));
    let (stop, text, sys) = spend("tick; echo $(tick); tick | tick", &mut budget);
    assert!(
        matches!(
            stop,
            Stop::Spent {
                limit: Limit::Output,
                ..
            }
        ),
        "{stop:?}"
    );
    assert_eq!((text.as_str(), sys.ticks), ("", 0));
    // A run that reaches a limit records it, for the run around it.
    let mut budget = Budget::slices(1);
    spend("while :; do :; done", &mut budget);
    assert_eq!(budget.stopped(), Some(Limit::Ops));
}

/// Issue 10: the bytes a command moves cost ops, one per
/// `Budget::BYTES_PER_OP`, and a slice in which they were moved stands for
/// that much more CPU time.
#[test]
fn bytes_moved_cost_ops_and_cpu_time() {
    let mut budget = Budget::slices(10).with_slice_cpu(SimDuration::from_millis(20));
    let two_slices = (2 * Budget::SLICE * Budget::BYTES_PER_OP) as usize;
    budget.work(two_slices);
    assert_eq!(budget.ops_left(), 8 * Budget::SLICE);
    assert!(budget.slice_spent());
    assert_eq!(budget.slice_cost(), SimDuration::from_millis(60));
    budget.next_slice();
    assert_eq!(budget.slice_cost(), SimDuration::from_millis(20));
    // Output counts as bytes and as work.
    budget.write(two_slices);
    assert_eq!(budget.ops_left(), 6 * Budget::SLICE);
}

/// Issue 10: an `Output` holds at most its cap, cut at a character's
/// boundary, and says it was cut.
#[test]
fn an_output_holds_at_most_its_cap() {
    let mut o = Output::capped(5);
    o.write(1, "abcdé".as_bytes());
    assert_eq!((o.out.as_slice(), o.cut()), (&b"abcd"[..], true));
    o.write(2, b"x");
    assert_eq!(o.written(), 5);
    let mut fine = Output::capped(6);
    fine.write(1, "abcdé".as_bytes());
    assert!(!fine.cut());
    let mut big = Output::default();
    big.extend(&o);
    assert!(big.cut());
    // The default cap is STREAM_CAP.
    let mut stream = Output::default();
    stream.write(1, &vec![b'x'; super::budget::STREAM_CAP + 1]);
    assert_eq!(
        (stream.written(), stream.cut()),
        (super::budget::STREAM_CAP, true)
    );
}
/// Issue 10: sh arithmetic is ash's, 64-bit and wrapping. Each row is
/// `x=9223372036854775807; a=b; b=a; echo $((EXPR)); echo x=$x` and what
/// BusyBox ash 1.35 printed for it on the host (stdout, `!` stderr, exit
/// status). `2**63` was `arithmetic syntax error`, `1/0` said `division by
/// zero`, and `99999999999999999999` refused; `$((x=x+1))` did not parse.
#[test]
fn arithmetic_is_ashs_and_wraps() {
    let rows: &[(&str, &str)] = &[
        (
            "2**63",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        ("2**64", "0\nx=9223372036854775807\n[Exited(0)]"),
        (
            "3**999999999",
            "3071716933406393003\nx=9223372036854775807\n[Exited(0)]",
        ),
        ("2**-1", "!sh: exponent less than 0\n[Exited(2)]"),
        ("1<<64", "1\nx=9223372036854775807\n[Exited(0)]"),
        (
            "1<<63",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "1<<-1",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        ("-1>>70", "-1\nx=9223372036854775807\n[Exited(0)]"),
        (
            "-9223372036854775808/-1",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "-9223372036854775808%-1",
            "0\nx=9223372036854775807\n[Exited(0)]",
        ),
        ("1/0", "!sh: divide by zero\n[Exited(2)]"),
        ("1%0", "!sh: divide by zero\n[Exited(2)]"),
        ("x/=0", "!sh: divide by zero\n[Exited(2)]"),
        (
            "99999999999999999999",
            "0\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "18446744073709551615",
            "-1\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "9999999999999999999",
            "-8446744073709551617\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "9223372036854775808",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "10#99999999999999999999",
            "7766279631452241919\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "x=x+1",
            "-9223372036854775808\nx=-9223372036854775808\n[Exited(0)]",
        ),
        (
            "x+=2",
            "-9223372036854775807\nx=-9223372036854775807\n[Exited(0)]",
        ),
        (
            "++x",
            "-9223372036854775808\nx=-9223372036854775808\n[Exited(0)]",
        ),
        (
            "x++",
            "9223372036854775807\nx=-9223372036854775808\n[Exited(0)]",
        ),
        (
            "x-- -1",
            "9223372036854775806\nx=9223372036854775806\n[Exited(0)]",
        ),
        (
            "-(-9223372036854775808)",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        ("0x10", "16\nx=9223372036854775807\n[Exited(0)]"),
        ("0X1f", "31\nx=9223372036854775807\n[Exited(0)]"),
        ("010", "8\nx=9223372036854775807\n[Exited(0)]"),
        ("08", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("0x", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("2#101", "5\nx=9223372036854775807\n[Exited(0)]"),
        ("64#z", "35\nx=9223372036854775807\n[Exited(0)]"),
        ("64#@", "62\nx=9223372036854775807\n[Exited(0)]"),
        ("64#_", "63\nx=9223372036854775807\n[Exited(0)]"),
        ("64#Z", "61\nx=9223372036854775807\n[Exited(0)]"),
        ("64#[", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("2#3", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("2#", "0\nx=9223372036854775807\n[Exited(0)]"),
        ("37#1", "1\nx=9223372036854775807\n[Exited(0)]"),
        ("65#1", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("1?2:3", "2\nx=9223372036854775807\n[Exited(0)]"),
        ("0?1:0?2:3", "3\nx=9223372036854775807\n[Exited(0)]"),
        ("1:2", "!sh: malformed ?: operator\n[Exited(2)]"),
        ("1?2", "!sh: malformed ?: operator\n[Exited(2)]"),
        ("1 ? 2 : 1/0", "!sh: divide by zero\n[Exited(2)]"),
        ("0 && 1/0", "!sh: divide by zero\n[Exited(2)]"),
        ("~0", "-1\nx=9223372036854775807\n[Exited(0)]"),
        ("1,2", "2\nx=9223372036854775807\n[Exited(0)]"),
        ("y=5,y*2", "10\nx=9223372036854775807\n[Exited(0)]"),
        ("a", "!sh: expression recursion loop detected\n[Exited(2)]"),
        ("1 2", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("!!!1", "0\nx=9223372036854775807\n[Exited(0)]"),
        ("-----1", "-1\nx=9223372036854775807\n[Exited(0)]"),
        ("--1", "1\nx=9223372036854775807\n[Exited(0)]"),
        ("+-+1", "-1\nx=9223372036854775807\n[Exited(0)]"),
        ("- -+- -1", "1\nx=9223372036854775807\n[Exited(0)]"),
        ("q++ + ++q", "2\nx=9223372036854775807\n[Exited(0)]"),
        ("7+++q", "8\nx=9223372036854775807\n[Exited(0)]"),
        ("(q)++", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("(q)=3", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("q**=3", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("1=2", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("-2**2", "4\nx=9223372036854775807\n[Exited(0)]"),
        ("2**3**2", "512\nx=9223372036854775807\n[Exited(0)]"),
        ("3>2>1", "0\nx=9223372036854775807\n[Exited(0)]"),
        ("7>>1", "3\nx=9223372036854775807\n[Exited(0)]"),
        ("1&3|4^1", "5\nx=9223372036854775807\n[Exited(0)]"),
        ("é", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("1é", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("1 ~", "!sh: arithmetic syntax error\n[Exited(2)]"),
        (",7", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("7,", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("()", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("(1)(2)", "!sh: arithmetic syntax error\n[Exited(2)]"),
        ("", "0\nx=9223372036854775807\n[Exited(0)]"),
        (" ", "0\nx=9223372036854775807\n[Exited(0)]"),
        (
            "$x+1",
            "-9223372036854775808\nx=9223372036854775807\n[Exited(0)]",
        ),
        (
            "${x}-1",
            "9223372036854775806\nx=9223372036854775807\n[Exited(0)]",
        ),
        ("$(echo 2)*3", "6\nx=9223372036854775807\n[Exited(0)]"),
        ("$((1+1))*2", "4\nx=9223372036854775807\n[Exited(0)]"),
        ("`echo 4`+1", "5\nx=9223372036854775807\n[Exited(0)]"),
        ("x = 3", "3\nx=3\n[Exited(0)]"),
        ("b", "!sh: expression recursion loop detected\n[Exited(2)]"),
    ];
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(expr, expect)| {
            let script = format!("x=9223372036854775807; a=b; b=a; echo $(({expr})); echo x=$x");
            let got = transcript(&script, 1);
            (got.trim_end() != *expect)
                .then(|| format!("{expr}\n  got  {got:?}\n  want {expect:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Issue 10: `case` with `*a*a*…*b` against 48 `a`s backtracked for
/// minutes. And quoted text in a pattern matches itself (`'*'` matched
/// anything). Expectations are BusyBox ash 1.35's on the host.
#[test]
fn case_patterns_do_not_backtrack_and_quoting_counts() {
    check(
        &format!(
            "case {} in {}b) echo y;; *) echo n;; esac",
            "a".repeat(48),
            "*a".repeat(12)
        ),
        1,
        "n\n[Exited(0)]",
    );
    check(
        r#"x=\*; case '*' in $x) echo y1;; esac; case ab in $x) echo y2;; esac; y='[a]'; case a in "$y") echo q;; $y) echo u;; esac; case x in '*') echo star;; *) echo other;; esac; case 'a*' in "a"*) echo pre;; esac; p=/a/b.c; echo ${p%.*} ${p#"/a"} "${p%"."*}" ${p#/*} ${p%[.]c}"#,
        1,
        "y1\ny2\nu\nother\npre\n/a/b /b.c /a/b a/b.c /a/b\n[Exited(0)]",
    );
    let x = "x".repeat(4000);
    check(
        &format!("v={x}; echo ${{#v}} ${{v%%*x*y}} | wc"),
        1,
        "1\n[Exited(0)]",
    );
}

/// Issue 10: `f() { f; }; f` said `syntax error: unexpected "("`; ash has
/// functions. Each row's expectation is BusyBox ash 1.35's on the host,
/// except the endless recursion, where ash crashes (Segmentation fault,
/// status 139) and podlab stops at `Budget::MAX_DEPTH` with its note.
#[test]
fn shell_functions() {
    for (script, expect) in [
        (
            r#"f() { echo "a$1b"; return 3; echo no; }; f x y; echo $?"#,
            "axb\n3\n[Exited(0)]",
        ),
        (
            r#"f() { echo $# $1 $2 "$@"; shift; echo $1; }; f a b c; echo $# $1"#,
            "3 a b a b c\nb\n0\n[Exited(0)]",
        ),
        ("f() { x=1; }; f; echo $x", "1\n[Exited(0)]"),
        ("f() { exit 4; echo no; }; f; echo after", "[Exited(4)]"),
        ("f() echo hi; f", "hi\n[Exited(0)]"),
        (
            "f() { echo in; } > /o; f; echo $?",
            "0\n[Exited(0)]\n/o:\nin",
        ),
        ("f() { g() { echo g; }; }; f; g", "g\n[Exited(0)]"),
        ("f() { return 300; }; f; echo $?", "44\n[Exited(0)]"),
        ("f() { return; }; false; f; echo $?", "1\n[Exited(0)]"),
        (
            "f() { return 99999999999999999999; }; f; echo $?",
            "255\n[Exited(0)]",
        ),
        ("f(){ echo $0; }; f", "sh\n[Exited(0)]"),
        ("echo() { printf 'mine\\n'; }; echo x", "mine\n[Exited(0)]"),
        ("exit 4294967297", "[Exited(1)]"),
        ("exit 2147483903", "[Exited(0)]"),
        ("exit 99999999999999999999", "[Exited(0)]"),
        (
            "shift x; echo no",
            "!sh: shift: line 0: Illegal number: x\n[Exited(2)]",
        ),
        (
            "set -- ; shift 99999999999999999999; echo $?",
            "0\n[Exited(0)]",
        ),
        ("f() { shift 2; echo $? $#; }; f a", "1 1\n[Exited(0)]"),
    ] {
        check(script, 1, expect);
    }
    let too_deep = super::budget::TOO_DEEP.trim_end();
    let expect = format!("139\n!{too_deep}\n[Exited(0)]");
    on_small_stack("f() { f; }", move || {
        check("f() { f; }; f; echo $?", 1, &expect)
    });
    // A function that calls itself twice in a pipeline doubles at each
    // level; the one budget stops it.
    on_small_stack("f() { f | f; }", || {
        let (stop, _, _) = spend("f() { f | f; }; f", &mut Budget::slices(1));
        assert!(spent_ops(&stop), "{stop:?}");
    });
}

/// Issue 10: counts the shell reads. `sleep` reads as BusyBox 1.35's sleep
/// on the host (an unsigned 64-bit count, a decimal fraction, a suffix);
/// a sleep longer than the clock saturates instead of overflowing.
#[test]
fn sleep_reads_its_number_as_busybox() {
    for (script, expect) in [
        (
            "sleep 99999999999999999999",
            "!sleep: invalid number '99999999999999999999'\n[Exited(1)]",
        ),
        ("sleep 1.5e3", "!sleep: invalid number '1e3'\n[Exited(1)]"),
        ("sleep +1", "!sleep: invalid number '+1'\n[Exited(1)]"),
        ("sleep nan", "!sleep: invalid number 'nan'\n[Exited(1)]"),
        ("sleep 1x", "!sleep: invalid number '1x'\n[Exited(1)]"),
        ("sleep 0.5s; sleep .5; sleep 1m; echo ok", "ok\n[Exited(0)]"),
        (
            "sleep 18446744073709551615",
            "[Sleeping(SimTime(18446744073709551615))]",
        ),
        (
            "sleep 99999999999999999999.5",
            "[Sleeping(SimTime(18446744073709551615))]",
        ),
        ("sleep INF", "[Sleeping(SimTime(18446744073709551615))]"),
    ] {
        check(script, 100, expect);
    }
}

/// Issue 10: `printf %d` and `test`'s numbers past 64 bits read as BusyBox
/// ash 1.35's on the host (`printf` printed 0 silently, `test` said `bad
/// number`).
#[test]
fn printf_and_test_refuse_numbers_as_ash() {
    for (script, expect) in [
        (
            r#"printf '%d-%s\n' 99999999999999999999 y; echo $?"#,
            "0-y\n1\n!sh: invalid number '99999999999999999999'\n[Exited(0)]",
        ),
        (
            r#"printf '%d\n' -9223372036854775808"#,
            "-9223372036854775808\n[Exited(0)]",
        ),
        (
            "[ 99999999999999999999 -eq 1 ]; echo $?",
            "2\n!sh: 99999999999999999999: out of range\n[Exited(0)]",
        ),
        ("[ x -eq 1 ]; echo $?", "2\n!sh: x: bad number\n[Exited(0)]"),
        ("[ 9223372036854775807 -gt 1 ]; echo $?", "0\n[Exited(0)]"),
    ] {
        check(script, 1, expect);
    }
}

/// Regression: a recursion that branches (`f() { f; f; }`, `eval` twice)
/// reaches the depth limit at each of its leaves, and wrote the note each
/// time: megabytes of the same line. It is said once.
#[test]
fn a_branching_recursion_says_too_deep_once() {
    for script in ["f() { f; f; }; f", "x='eval $x; eval $x'; eval $x"] {
        on_small_stack(script, move || {
            let (stop, text, _) = spend(script, &mut Budget::slices(5));
            assert!(spent_ops(&stop), "{script}: {stop:?}");
            assert_eq!(text, super::budget::TOO_DEEP, "{script}");
        });
    }
}

/// `${1:-x}` and friends read the positional parameters (BusyBox ash 1.35
/// on the host: `a x`).
#[test]
fn positional_parameters_in_braces() {
    check("f() { echo ${1:-d} ${2:-x}; }; f a", 1, "a x\n[Exited(0)]");
}
