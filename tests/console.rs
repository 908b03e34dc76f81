//! Console transcripts: `$ ` lines are typed, the lines after them are what
//! the console shows (stdout, then stderr), as a terminal would. The
//! console is a tool; these tests run it on the seed lab's workspace and the
//! presets, which sit in the project layer above it, so they live here.

use podlab::model::base::time::{SimDuration, WallClock};
use podlab::model::project::workspace::{self, seed};
use podlab::model::sim::cluster::Cluster;
use podlab::model::tools::console::{complete, run};

/// Start from an empty cluster (the seed's files in the workspace), type
/// each `$ ` line of `transcript` and compare everything shown.
fn check(transcript: &str) {
    check_on(&mut Cluster::new(WallClock::TEST), transcript);
}

/// The same on the seed lab, applied and settled for `settle` seconds.
fn check_settled(settle: u64, transcript: &str) {
    let analysis = workspace::analyze(&seed());
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(settle));
    check_on(&mut cl, transcript);
}

fn check_on(cl: &mut Cluster, transcript: &str) {
    let files = seed();
    let mut got = String::new();
    for line in transcript.lines().filter_map(|l| l.strip_prefix("$ ")) {
        let e = run(cl, &files, line);
        got.push_str(&format!(
            "$ {line}\n{}",
            workspace::terminal_text(&e.text())
        ));
        if !got.ends_with('\n') {
            got.push('\n');
        }
    }
    let want = transcript.trim_start_matches('\n');
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn the_seed_lab_verbatim() {
    check(
        r#"
$ kubectl apply -f fruit-service-ambassador-config.yml
configmap/fruit-service-ambassador-config created
$ kubectl apply -f fruit-service.yml
pod/fruit-service created
$ kubectl apply -f busybox.yml
pod/busybox created
$ kubectl get pods
NAME            READY   STATUS              RESTARTS   AGE
busybox         0/1     ContainerCreating   0          0s
fruit-service   0/2     ContainerCreating   0          0s
$ sleep 20
$ kubectl get pods -o wide
NAME            READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
busybox         1/1     Running   0          20s   10.244.1.3   node01   <none>           <none>
fruit-service   2/2     Running   0          20s   10.244.1.2   node01   <none>           <none>
$ kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers
10.244.1.2
$ kubectl exec busybox -- curl $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80 | grep -c '"'
  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                 Dload  Upload   Total   Spent    Left  Speed
100  1360  100  1360    0     0   362k      0 --:--:-- --:--:-- --:--:--  442k
83
$ kubectl create namespace ch-4
namespace/ch-4 created
$ kubectl get namespaces
NAME              STATUS   AGE
ch-4              Active   0s
default           Active   20s
kube-node-lease   Active   20s
kube-public       Active   20s
kube-system       Active   20s
"#,
    );
}

#[test]
fn the_check_prints_the_body_then_curls_meter() {
    let analysis = workspace::analyze(&seed());
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(30));
    let e = run(&mut cl, &seed(), workspace::CHECK_COMMAND);
    let shown = workspace::terminal_text(&e.text());
    assert!(
        shown.starts_with("{\n  \"description\": \"A list of fruits.\","),
        "{shown}"
    );
    assert!(shown.ends_with("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100  1360  100  1360    0     0   362k      0 --:--:-- --:--:-- --:--:--  442k\n"), "{shown}");
    assert_eq!(e.code, 0);
    assert!(
        e.trace.iter().any(|h| h.text.en().contains("8775")),
        "{:?}",
        e.trace
    );
}

#[test]
fn errors_read_as_kubectl_and_bash_print_them() {
    check_settled(
        30,
        r#"
$ kubectl get pod nope
Error from server (NotFound): pods "nope" not found
$ kubectl get pods -n ch-4
No resources found in ch-4 namespace.
$ kubectl get foo
error: the server doesn't have a resource type "foo"
$ kubectl gte pods
Error: unknown command "gte" for "kubectl"

Did you mean this?
	get

$ kubectl get pods --wide
Error: unknown flag: --wide
See 'kubectl get --help' for usage.
$ kubectl get pods -o table
error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml
$ kubectl logs fruit-service -c nope
Error from server (BadRequest): container nope is not valid for pod fruit-service
$ kubectl exec busybox curl 10.244.1.2
error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead
See 'kubectl exec -h' for help and examples
$ kubectl exec busybox -- nosuch
OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown
command terminated with exit code 126
$ kubectl apply -f nosuch.yml
error: the path "nosuch.yml" does not exist
$ kubectl create namespace Ch_4
The Namespace "Ch_4" is invalid: metadata.name: Invalid value: "Ch_4": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
$ kubectl create namespace default
Error from server (AlreadyExists): namespaces "default" already exists
$ kubectl create -f busybox.yml
Error from server (AlreadyExists): error when creating "busybox.yml": pods "busybox" already exists
$ nosuch; echo "after: $?"
bash: nosuch: command not found
after: 127
$ echo 'unterminated
bash: syntax error: unterminated quoted string
"#,
    );
}

#[test]
fn namespaces_logs_yaml_and_delete() {
    check_settled(
        30,
        r#"
$ kubectl create namespace ch-4 && kubectl apply -f busybox.yml --namespace=ch-4 && sleep 10
namespace/ch-4 created
pod/busybox created
$ kubectl get pods --all-namespaces --no-headers
ch-4      busybox         1/1   Running   0     10s
default   busybox         1/1   Running   0     40s
default   fruit-service   2/2   Running   0     40s
$ kubectl get pod busybox -n ch-4 -o name
pod/busybox
$ kubectl get pod busybox -n ch-4 -o jsonpath='{.spec.containers[*].image} {.status.phase}'
radial/busyboxplus:curl Running
$ kubectl logs fruit-service -c fruit-service-ambassador
<7>haproxy-systemd-wrapper: executing /usr/local/sbin/haproxy -p /run/haproxy.pid -db -f /usr/local/etc/haproxy/haproxy.cfg -Ds 
$ kubectl delete namespace ch-4
namespace "ch-4" deleted
$ kubectl get ns ch-4
Error from server (NotFound): namespaces "ch-4" not found
"#,
    );
}

#[test]
fn tab_completes_commands_pods_and_files() {
    let analysis = workspace::analyze(&seed());
    let cl = workspace::build(&analysis, WallClock::TEST);
    let files = seed();
    let c = |line: &str| {
        let r = complete(&cl, &files, line);
        format!("{}|{}", r.line, r.candidates.join(","))
    };
    assert_eq!(c("kub"), "kubectl |");
    assert_eq!(c("kubectl ex"), "kubectl exec |");
    assert_eq!(c("kubectl exec b"), "kubectl exec busybox |");
    assert_eq!(
        c("kubectl logs fruit-service -c fruit-service-a"),
        "kubectl logs fruit-service -c fruit-service-ambassador |"
    );
    assert_eq!(
        c("kubectl apply -f fruit"),
        "kubectl apply -f fruit-service|fruit-service-ambassador-config.yml,fruit-service.yml"
    );
    assert_eq!(c("kubectl get po"), "kubectl get pods |");
    assert_eq!(c("kubectl get pods -o w"), "kubectl get pods -o wide |");
    assert_eq!(
        c("echo $(kubectl get pod f"),
        "echo $(kubectl get pod fruit-service |"
    );
    assert_eq!(c("zzz"), "zzz|");
}

/// Found by the console fuzzer (fuzz/regressions/console/): Tab after a
/// space wider than a byte (U+0085, or a non-breaking space pasted from a
/// course page) cut the line inside that character. readline splits words
/// on ASCII blanks only, so each of these is part of the word: nothing
/// completes, and the line stays as it was.
#[test]
fn tab_completion_after_a_multibyte_space_cuts_at_a_char_boundary() {
    let analysis = workspace::analyze(&seed());
    let cl = workspace::build(&analysis, WallClock::TEST);
    let files = seed();
    for (line, expect) in [
        ("\u{85}", "\u{85}|"),
        ("kubectl\u{a0}ex", "kubectl\u{a0}ex|"),
        ("kubectl get\u{3000}po", "kubectl get\u{3000}po|"),
    ] {
        let r = complete(&cl, &files, line);
        let got = format!("{}|{}", r.line, r.candidates.join(","));
        assert_eq!(got, expect, "{line:?}");
    }
}

#[test]
fn busybox_commands_in_a_container() {
    check_settled(
        30,
        r#"
$ IP=$(kubectl get pod fruit-service -o jsonpath='{.status.podIP}'); kubectl exec busybox -- curl -s -o /dev/null -w '%{http_code}' $IP:80
200
$ kubectl exec busybox -- curl -s -o /dev/null -w '%{http_code}' 10.244.1.2:81
000command terminated with exit code 7
$ IP=10.244.1.2; kubectl exec busybox -- curl -sI $IP
HTTP/1.0 200 OK
Content-Type: application/json
Content-Length: 1360

$ kubectl exec busybox -- curl -sv 10.244.1.2:80 | head -2
* Rebuilt URL to: 10.244.1.2:80/
* Hostname was NOT found in DNS cache
*   Trying 10.244.1.2...
* Connected to 10.244.1.2 (10.244.1.2) port 80 (#0)
> GET / HTTP/1.1
> User-Agent: curl/7.35.0
> Host: 10.244.1.2
> Accept: */*
> 
< HTTP/1.0 200 OK
< Content-Type: application/json
< Content-Length: 1360
< 
* Closing connection 0
{
  "description": "A list of fruits.",
$ kubectl exec busybox -- wget -qO- 10.244.1.2:80 | tail -2
  ]
}
$ kubectl exec busybox -- ps
PID   USER     TIME  COMMAND
    1 root      0:00 sh -c while true; do sleep 3600; done
    2 root      0:00 ps
$ kubectl exec busybox -- date
Mon Jan  1 00:00:30 UTC 2001
$ kubectl exec busybox -- sh -c 'echo hi $((6*7)); sleep 2; date'
hi 42
Mon Jan  1 00:00:32 UTC 2001
$ kubectl exec fruit-service -c fruit-service-ambassador -- cat /usr/local/etc/haproxy/haproxy.cfg | head -3
global
daemon
maxconn 256
$ kubectl exec busybox -- curl 10.244.1.2:8775 -s | wc -c
1360
$ kubectl exec busybox -- curl -s 127.0.0.1:80
command terminated with exit code 7
"#,
    );
}

#[test]
fn kubectls_own_lines_come_before_the_commands_output() {
    let p = podlab::model::project::presets::by_id("process-namespace").unwrap();
    let mut cl = workspace::build(&workspace::analyze(&p.files), WallClock::TEST);
    cl.advance(SimDuration::from_secs(30));
    let e = run(&mut cl, &p.files, "kubectl exec nginx -- echo hi");
    assert_eq!(
        e.text(),
        "Defaulted container \"nginx\" out of: nginx, shell\nhi\n"
    );
}

/// A change to one file's text.
type Edit = fn(&str) -> String;

/// One apply path: for each file, the Pods pane (the workspace's build)
/// shows what `kubectl apply -f FILE` prints in the console, line for line,
/// and a failed answer is where kubectl exits 1.
#[test]
fn the_pods_pane_and_the_console_print_the_same_answers() {
    let edits: [(usize, Edit); 4] = [
        (0, |t| {
            t.replace(
                "  name: fruit-service\n",
                "  name: fruit-service\n  namespace: nope\n",
            )
        }),
        (2, |t| format!("{t}---\n{t}")),
        (1, |t| format!("{t}---\n{}", t.replace("256", "512"))),
        (2, |t| t.replace("kind: Pod", "kind: Pods")),
    ];
    for (i, edit) in edits {
        let mut files = seed();
        files[i].text = edit(&files[i].text);
        let built = workspace::apply(&workspace::analyze(&files), WallClock::TEST);
        let mut cl = Cluster::new(WallClock::TEST);
        for (f, answers) in files.iter().zip(&built.answers) {
            let e = run(&mut cl, &files, &format!("kubectl apply -f {}", f.name));
            let pane: String = answers.iter().map(|a| format!("{a}\n")).collect();
            assert_eq!(pane, e.text(), "{}", f.name);
            assert_eq!(
                answers.iter().any(|a| a.failed()),
                e.code == 1,
                "{}",
                f.name
            );
        }
        assert_eq!(cl, built.cluster);
    }
}

/// Issue 9: a bad flag value is refused before any request, so nothing is
/// deleted; global flags work before the command; `--` ends the flags.
#[test]
fn refused_lines_change_nothing() {
    check_settled(
        20,
        r#"
$ kubectl delete pod fruit-service --grace-period=abc
Error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl delete --help' for usage.
$ kubectl -n default get pods fruit-service --no-headers
fruit-service   2/2   Running   0     20s
$ kubectl logs busybox --tail=abc
Error: invalid argument "abc" for "--tail" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl logs --help' for usage.
$ kubectl get --no-headers -- pods busybox
busybox   1/1   Running   0     20s
"#,
    );
}

/// Regression: the console's own loop woke a sleeping line without the
/// sleep's status, so `$?` after `sleep` still read the command before it.
/// One driver wakes every shell the same way.
#[test]
fn a_sleep_ends_with_status_zero() {
    check(
        r#"
$ false; sleep 1; echo $?
0
$ false; kubectl exec nope -- sleep 1; echo $?
Error from server (NotFound): pods "nope" not found
1
"#,
    );
}

/// Regression: the shell's own errors (bad arithmetic, a file it cannot
/// write) went to stderr but not into the ordered output the terminal
/// shows, so the console printed nothing.
#[test]
fn the_shells_own_errors_show_in_the_terminal() {
    check(
        r#"
$ echo $((1+)); echo after
bash: arithmetic syntax error
$ echo $((1+)) | cat
bash: arithmetic syntax error
"#,
    );
}

/// Issue 10: a runaway line is stopped as Ctrl-C would (`^C`, one podlab
/// note naming the limit, status 130), within its budget: a million shell
/// steps, 256 KiB of output, an hour of simulated time.
#[test]
fn runaway_lines_stop_as_ctrl_c_would() {
    check_settled(
        30,
        r#"
$ while :; do :; done; echo after
^C
podlab: the command ran a million shell steps without ending; podlab stopped it as Ctrl-C would
$ while :; do : $(while :; do :; done); done
^C
podlab: the command ran a million shell steps without ending; podlab stopped it as Ctrl-C would
$ sleep inf
^C
podlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would
$ sleep 999999999; echo after
^C
podlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would
$ x=a; while :; do x=$x$x; done; echo after
podlab: a word grew past 1 MiB; podlab does not model values that large and stopped the command (a real shell goes on until memory runs out)
"#,
    );
    // Output: the line stops once it wrote 256 KiB, in the console and in
    // a container alike.
    let analysis = workspace::analyze(&seed());
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(30));
    for line in [
        "while :; do echo hello; done",
        "kubectl exec busybox -- sh -c 'while :; do echo hello; done'",
    ] {
        let e = run(&mut cl, &seed(), line);
        let err = e.stderr();
        assert_eq!(e.code, 130, "{line}: {err}");
        assert!(
            err.contains("^C\npodlab: the command wrote 256 KiB without ending; podlab stopped it as Ctrl-C would\n"),
            "{line}: {err}"
        );
        let out = e.stdout().len();
        assert!(
            (256 * 1024..300 * 1024).contains(&out),
            "{line}: {out} bytes"
        );
    }
}

/// Issue 10: a console line is one budget. Every `kubectl exec` it runs,
/// in a loop, in `$(…)`, in a pipeline or under `eval`, draws on it, so a
/// loop of spinning execs stops once, as one Ctrl-C: one `^C`, one note,
/// status 130, and no `command terminated with exit code` line (kubectl
/// exec without -t dies of the SIGINT and prints nothing more). With a
/// budget per exec, each pass of the loop would print its number and its
/// own `^C`.
#[test]
fn kubectl_exec_draws_on_the_lines_budget() {
    let spin = r#"kubectl exec busybox -- sh -c "while :; do :; done""#;
    let steps = "^C\npodlab: the command ran a million shell steps without ending; podlab stopped it as Ctrl-C would\n";
    let mut transcript = String::from("\n");
    for line in [
        format!("for i in 1 2 3 4 5 6 7 8 9 10; do echo $i; {spin}; done; echo after"),
        format!("for i in 1 2 3; do echo $i; x=$({spin}); done"),
        format!("for i in 1 2 3; do echo $i; {spin} | cat; done"),
        format!("for i in 1 2 3; do echo $i; eval '{spin}'; done"),
        format!("for i in 1 2 3; do echo $i; echo $(echo $({spin})); done"),
    ] {
        transcript.push_str(&format!("$ {line}\n1\n{steps}"));
    }
    transcript.push_str(&format!("$ {spin}\n{steps}"));
    check_settled(30, &transcript);

    // The status of the line is 130.
    let analysis = workspace::analyze(&seed());
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(30));
    let e = run(&mut cl, &seed(), &format!("{spin}; {spin}"));
    assert_eq!(e.code, 130);
    assert_eq!(e.stderr().matches("^C").count(), 1, "{}", e.stderr());
}

/// Issue 10: the line's simulated time and output bytes are one budget
/// too. Two `kubectl exec … sleep 3000` would each fit an hour of their
/// own; on the line's hour the second is stopped, and the clock moves no
/// more than the hour. Two execs printing for ever stop once, at the
/// line's 256 KiB.
#[test]
fn kubectl_execs_share_the_lines_time_and_bytes() {
    let analysis = workspace::analyze(&seed());
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(30));
    let start = cl.now;
    let e = run(
        &mut cl,
        &seed(),
        "kubectl exec busybox -- sleep 3000; kubectl exec busybox -- sleep 3000; echo after",
    );
    assert_eq!(
        e.text(),
        "^C\npodlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would\n"
    );
    assert_eq!(e.code, 130);
    assert!(
        cl.now.since(start) <= SimDuration::from_secs(3600),
        "{:?}",
        cl.now.since(start)
    );

    let e = run(
        &mut cl,
        &seed(),
        "for i in 1 2; do kubectl exec busybox -- sh -c 'while :; do echo hello; done'; done",
    );
    assert_eq!(e.code, 130);
    let err = e.stderr();
    assert_eq!(
        err,
        "^C\npodlab: the command wrote 256 KiB without ending; podlab stopped it as Ctrl-C would\n"
    );
    let out = e.stdout().len();
    assert!((256 * 1024..300 * 1024).contains(&out), "{out} bytes");
}

/// A lab of the seed's files and one pod `vol` running `script`, with an
/// emptyDir `d` at /d (`empty_dir` is its source), settled `secs` seconds.
fn vol_lab(
    script: &str,
    empty_dir: &str,
    secs: u64,
) -> (Cluster, Vec<podlab::model::base::files::File>) {
    let mut files = seed();
    files.push(podlab::model::base::files::File {
        name: "vol.yml".into(),
        text: format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: vol\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ['sh', '-c', '{script}']\n    volumeMounts:\n    - name: d\n      mountPath: /d\n  volumes:\n  - name: d\n    emptyDir: {empty_dir}\n"
        ),
    });
    let analysis = workspace::analyze(&files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(secs));
    (cl, files)
}

/// Issue 10: an emptyDir is a filesystem of a stated size: its
/// `sizeLimit` (a tmpfs of that size for `medium: Memory`). A file that
/// copies itself onto its end fills it and then every write fails as the
/// kernel's ENOSPC does, in busybox's words (`cat: write error: No space
/// left on device`, status 1); the exec'd loop ends at the line's budget.
#[test]
fn an_empty_dir_fills_to_its_size_limit_then_writes_fail() {
    let (mut cl, files) = vol_lab("sleep 3600", "{medium: Memory, sizeLimit: 64Ki}", 20);
    let e = run(
        &mut cl,
        &files,
        "kubectl exec vol -- sh -c 'echo hello > /d/f; while :; do cat /d/f >> /d/f; done'",
    );
    assert_eq!(e.code, 130);
    let err = e.stderr();
    assert!(
        err.starts_with(
            "cat: write error: No space left on device\ncat: write error: No space left on device\n"
        ),
        "{}",
        &err[..err.len().min(300)]
    );
    assert!(err.ends_with("^C\npodlab: the command wrote 256 KiB without ending; podlab stopped it as Ctrl-C would\n"), "{}", &err[err.len().saturating_sub(300)..]);
    assert_eq!(err.matches("^C").count(), 1);
    assert!(e.io.written() <= 300 * 1024, "{}", e.io.written());
    assert_eq!(stored(&cl, "/d/f"), 65536);
    // A builtin's failed write is the shell's; `>` frees the file first.
    // (kubectl exec's stdout shows before its stderr.)
    let e = run(
        &mut cl,
        &files,
        "kubectl exec vol -- sh -c 'echo x >> /d/f; echo $?; echo y > /d/f; cat /d/f'",
    );
    assert_eq!(e.text(), "1\ny\nsh: write error: No space left on device\n");
}

/// Issue 10: without a `sizeLimit`, an emptyDir holds podlab's cap (8 MiB,
/// `EMPTY_DIR_CAP`) and a container's writable layer the same
/// (`WRITABLE_LAYER_CAP`): a container whose own command copies a file onto
/// itself for ever fills it, then keeps failing writes without growing, and
/// its log stays within the kubelet's 10 MiB.
#[test]
fn a_container_copying_a_file_onto_itself_stops_growing_at_the_cap() {
    use podlab::model::sim::cluster::files::{EMPTY_DIR_CAP, WRITABLE_LAYER_CAP};
    use podlab::model::sim::cluster::process::LOG_MAX;
    for (path, cap) in [("/d/f", EMPTY_DIR_CAP), ("/tmp/f", WRITABLE_LAYER_CAP)] {
        let (mut cl, files) = vol_lab(
            &format!("echo hello > {path}; while :; do cat {path} >> {path}; done"),
            "{}",
            20,
        );
        assert_eq!(stored(&cl, path), cap, "{path}");
        let pod = cl.pod("default", "vol").unwrap();
        let logs = pod.containers[0].logs_text(false);
        assert!(
            logs.starts_with("cat: write error: No space left on device\n"),
            "{path}: {}",
            &logs[..logs.len().min(200)]
        );
        let log_bytes: usize = pod.containers[0].logs.iter().map(|c| c.bytes.len()).sum();
        assert!(log_bytes <= LOG_MAX, "{log_bytes}");
        cl.advance(SimDuration::from_secs(5));
        assert_eq!(stored(&cl, path), cap, "{path}");
        let e = run(&mut cl, &files, &format!("kubectl exec vol -- cat {path}"));
        assert_eq!(e.code, 130);
        assert!(e.io.written() <= 1024 * 1024, "{}", e.io.written());
        assert!(e.stderr().ends_with("^C\npodlab: the command's output passed podlab's cap (1 MiB on a console line, 16 MiB in a pipe or $(…)); podlab cut it there and stopped it as Ctrl-C would\n"), "{}", e.stderr());
    }
}

/// The bytes of `vol`'s file at `path` (/d/… in its emptyDir, else its
/// writable layer).
fn stored(cl: &Cluster, path: &str) -> u64 {
    use podlab::model::sim::cluster::VolumeData;
    let c = &cl.pod("default", "vol").unwrap();
    match path.strip_prefix("/d/") {
        Some(rel) => match &c.volumes["d"] {
            VolumeData::Files(t) => t.get(rel).map_or(0, |f| f.len() as u64),
            VolumeData::Unmodelled(_) => 0,
        },
        None => c.containers[0]
            .scratch
            .get(path)
            .map_or(0, |f| f.len() as u64),
    }
}

/// Issue 10: no line prints more than `OUTPUT_CAP` (1 MiB), in the
/// console or through `podlab run`, whatever prints it: kubectl's printers
/// in a loop, `kubectl logs` of a log at the kubelet's 10 MiB, `cat` of a
/// big file, `kubectl exec … cat`. Past the cap (or the line's 256 KiB of
/// output, for loops) the line is stopped as Ctrl-C would, with one note
/// naming the limit.
#[test]
fn no_line_prints_more_than_the_output_cap() {
    use podlab::model::base::files::File;
    use podlab::model::lang::shell::budget::OUTPUT_CAP;
    use podlab::model::project::cli;
    use podlab::model::sim::cluster::process::LOG_MAX;
    let cap_note = "^C\npodlab: the command's output passed podlab's cap (1 MiB on a console line, 16 MiB in a pipe or $(…)); podlab cut it there and stopped it as Ctrl-C would\n";
    let bytes_note =
        "^C\npodlab: the command wrote 256 KiB without ending; podlab stopped it as Ctrl-C would\n";
    let mut files = seed();
    files.push(File {
        name: "chatty.yml".into(),
        text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: chatty\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ['sh', '-c', 'while :; do echo 0123456789012345678901234567890123456789012345678901234567890123456789; done']\n".into(),
    });
    files.push(File {
        name: "big.txt".into(),
        text: "é123456789\n".repeat(300_000),
    });
    let analysis = workspace::analyze(&files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    // A container spinning without a sleep runs at a paced share of CPU
    // (sim/cluster/process.rs); by ten minutes its log is past the cap.
    cl.advance(SimDuration::from_secs(600));
    let log: usize = cl.pod("default", "chatty").unwrap().containers[0]
        .logs
        .iter()
        .map(|c| c.bytes.len())
        .sum();
    assert!((OUTPUT_CAP + 1..=LOG_MAX).contains(&log), "{log}");
    for (line, note) in [
        ("kubectl logs chatty", cap_note),
        ("kubectl logs chatty | cat", cap_note),
        ("cat big.txt", cap_note),
        ("cat big.txt big.txt | grep 1", cap_note),
        ("while :; do kubectl get pods -o yaml; done", bytes_note),
        (
            "kubectl exec busybox -- sh -c 'while :; do cat /etc/hosts; done'",
            bytes_note,
        ),
    ] {
        let e = run(&mut cl, &files, line);
        let text = e.text();
        assert!(
            e.io.written() <= OUTPUT_CAP,
            "{line}: {} bytes",
            e.io.written()
        );
        assert!(
            text.ends_with(note),
            "{line}: {}",
            &text[text.len().saturating_sub(300)..]
        );
        assert_eq!(text.matches("^C").count(), 1, "{line}");
        assert_eq!(e.code, 130, "{line}");
    }
    // The same through `podlab run`, which prints the console's text.
    let o = cli::run(
        &files[..3],
        "cat /dev/null; kubectl get pods -o yaml; while :; do kubectl get pods -o yaml; done",
        WallClock::TEST,
    );
    assert!(o.stdout.len() <= OUTPUT_CAP);
    assert!(
        o.stdout.ends_with(bytes_note),
        "{}",
        &o.stdout[o.stdout.len().saturating_sub(300)..]
    );
    let mut big = seed();
    big.push(files[4].clone());
    let o = cli::run(&big, "cat big.txt", WallClock::TEST);
    assert!(o.stdout.len() <= OUTPUT_CAP, "{}", o.stdout.len());
    assert!(o.stdout.ends_with(cap_note));
}

/// Issue 10: a console line's work is one budget across every kind of
/// nesting: a loop, `eval`, `$(…)`, a pipeline and the `kubectl exec` inside
/// them all draw on the budget handed in. The exec'd loop counts its passes
/// in a file: on a budget of five slices (100 000 ops, each pass at least
/// three) it makes fewer than 33 334, the line stops once, and the budget
/// is spent. With a budget of its own the exec would run a million ops, and
/// the outer loop would go round three times.
#[test]
fn a_lines_work_is_one_budget_across_every_kind_of_nesting() {
    use podlab::model::lang::shell::budget::{Budget, Limit};
    use podlab::model::tools::console::run_on;
    let analysis = workspace::analyze(&seed());
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    cl.advance(SimDuration::from_secs(30));
    let mut budget = Budget::slices(5);
    let e = run_on(
        &mut cl,
        &seed(),
        r#"for i in 1 2 3; do echo $i; eval 'x=$(kubectl exec busybox -- sh -c "while :; do echo . >> /tmp/n; done" | cat)'; done; echo after"#,
        &mut budget,
    );
    assert_eq!(
        e.text(),
        format!("1\n^C\n{}", Limit::Ops.note()),
        "{}",
        e.text()
    );
    assert_eq!(e.code, 130);
    assert_eq!(budget.ops_left(), 0);
    assert_eq!(budget.stopped(), Some(Limit::Ops));
    let passes = cl.pod("default", "busybox").unwrap().containers[0]
        .scratch
        .get("/tmp/n")
        .map_or(0, |n| n.lines().count());
    assert!((1000..100_000 / 3).contains(&passes), "{passes} passes");
}

/// Issue 10: non-ASCII anywhere in a line (`é`, a no-break space pasted
/// from a course page, a 4-byte emoji) never panics: each char is put at
/// every char boundary of each line, which then runs on the seed lab, and
/// Tab completes at every cursor position of it.
#[test]
fn non_ascii_at_every_position_never_panics() {
    let analysis = workspace::analyze(&seed());
    let mut settled = workspace::build(&analysis, WallClock::TEST);
    settled.advance(SimDuration::from_secs(30));
    let files = seed();
    let lines = [
        "kubectl get po busybox -o yaml",
        r#"echo ${x:-y} $((1+2)) $(echo hi) `echo b` 'q' "d" \z"#,
        "case ab in a*) echo y;; [!b]?) echo n;; esac",
        "x=12; echo ${x#1} ${#x} $x ${x%%2*}",
        "f() { echo $1; return 2; }; f a; echo $?",
        "echo $((i=1, i<<2 ? 3 : 4)) $((64#z))",
        "kubectl exec busybox -- sh -c 'echo hi | wc -c'",
        "for i in 1 2; do echo $i; done | grep 1",
        "kubectl logs fruit-service -c fruit",
    ];
    for c in ['é', '\u{a0}', '😀'] {
        for line in lines {
            for (at, _) in line.char_indices().chain([(line.len(), ' ')]) {
                let mangled = format!("{}{c}{}", &line[..at], &line[at..]);
                let mut cl = settled.clone();
                run(&mut cl, &files, &mangled);
                for (k, _) in mangled.char_indices().chain([(mangled.len(), ' ')]) {
                    complete(&cl, &files, &mangled[..k]);
                }
            }
        }
    }
}

/// Issue 10: 10 000-deep nesting in a console line overflowed the stack
/// (`podlab run` aborted); on the browser's 1 MiB stack each line ends
/// with podlab's note or ash's answer.
#[test]
fn deep_lines_end_within_a_small_stack() {
    let n = 10_000;
    let r = |s: &str, k: usize| s.repeat(k);
    let cases = [
        (
            format!("{}echo{}", r("{ ", n), r("; }", n)),
            "podlab: commands nested more than 100 deep are not modelled",
        ),
        (format!("echo $(({}1{}))", r("(", n), r(")", n)), "1\n"),
        (format!("echo $(({}1))", r("-", n + 1)), "-1\n"),
        (
            "f() { f; }; f".to_string(),
            "podlab: shells nested more than 64 deep",
        ),
        (
            format!(
                "case {} in {}b) echo y;; *) echo n;; esac",
                r("a", 48),
                r("*a", 12)
            ),
            "n\n",
        ),
    ];
    for (line, want) in cases {
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                let mut cl = Cluster::new(WallClock::TEST);
                let e = run(&mut cl, &seed(), &line);
                assert!(e.text().contains(want), "{}…: {}", &line[..20], e.text());
            })
            .unwrap()
            .join()
            .expect("ends within a 1 MiB stack");
    }
}

/// Issue 10: huge counts in a container read as BusyBox 1.35 reads them
/// (compared on the host); `seq` near the 64-bit maximum overflowed.
#[test]
fn huge_counts_in_a_container() {
    check_settled(
        30,
        r#"
$ kubectl exec busybox -- sh -c 'echo a | head -n 99999999999999999999; echo $?'
1
head: invalid number '99999999999999999999'
$ kubectl exec busybox -- sh -c 'echo a | tail -n x; echo $?'
1
tail: invalid number 'x'
$ kubectl exec busybox -- sh -c 'exit 4294967297'
command terminated with exit code 1
$ kubectl exec busybox -- sh -c 'echo $((2**63)) $((1<<64)); echo $((1/0))'
-9223372036854775808 1
sh: divide by zero
command terminated with exit code 2
$ kubectl exec busybox -- seq 9223372036854775806 9223372036854775807
9223372036854775806
9223372036854775807
"#,
    );
}

/// A JSONPath template kubectl cannot parse is refused with client-go's
/// parser's words once the object is found (it printed the whole object as
/// an execution error); a name not found still fails first.
#[test]
fn a_jsonpath_kubectl_cannot_parse() {
    check_settled(
        30,
        r#"
$ kubectl get pod fruit-service -o jsonpath='{.status.podIP}{{{{{{{'
error: error parsing jsonpath {.status.podIP}{{{{{{{, unrecognized character in action: U+007B '{'
$ kubectl get pods -o jsonpath='{.items[x]}'
error: error parsing jsonpath {.items[x]}, invalid array index x
$ kubectl get pod nope -o jsonpath='{'
Error from server (NotFound): pods "nope" not found
"#,
    );
}

/// `kubectl get -o jsonpath` allows missing keys unless told
/// `--allow-missing-template-keys=false` (kubectl v1.32: a missing key and
/// a range over a missing field print nothing, exit 0); `{range}…{end}`
/// runs its body once per value. It printed podlab's "is not found" error
/// and the whole object.
#[test]
fn jsonpath_allows_missing_keys() {
    check_settled(
        30,
        r#"
$ kubectl get pod busybox -o jsonpath={.metadata.é}; echo $?
0
$ kubectl get pod busybox -o jsonpath='{range .spec.nope[*]}[{.name}]{end}'
$ kubectl get pod busybox -o jsonpath='{range .spec.containers[*]}[{.name}:{.nope}]{end}'
[myapp-container:]
$ kubectl get pod busybox -o jsonpath='{.metadata.nope}' --allow-missing-template-keys=false 2>/dev/null; echo $?
1
$ kubectl get pod busybox -o jsonpath='{.spec.containers[3]}' 2>&1 | head -1
error: error executing jsonpath "{.spec.containers[3]}": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:
"#,
    );
}
