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
        e.trace.iter().any(|h| h.text.contains("8775")),
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
/// separator wider than a byte (U+0085, or a non-breaking space pasted
/// from a course page) cut the line inside that character.
#[test]
fn tab_completion_after_a_multibyte_space_cuts_at_a_char_boundary() {
    let analysis = workspace::analyze(&seed());
    let cl = workspace::build(&analysis, WallClock::TEST);
    let files = seed();
    for (line, expect) in [
        (
            "\u{85}",
            "\u{85}|cat,clear,date,echo,export,false,grep,head,help,kubectl,ls,printf,sleep,tail,test,true,wc",
        ),
        ("kubectl\u{a0}ex", "kubectl\u{a0}exec |"),
        ("kubectl get\u{3000}po", "kubectl get\u{3000}pods |"),
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
