//! Each preset of the gallery, natively: its manifests apply cleanly, its
//! pods settle as on a real cluster, and its demonstration command shows
//! the outcome the docs show (logs, curl output, a ps listing).

use podlab::model::base::time::{SimTime, WallClock};
use podlab::model::lang::shell::budget::Budget;
use podlab::model::project::presets::{self, Preset};
use podlab::model::project::workspace::{self, CommandRun};
use podlab::model::sim::cluster::Cluster;
use podlab::model::tools::kubectl;

fn preset(id: &str) -> Preset {
    presets::by_id(id).unwrap_or_else(|| panic!("no preset {id}"))
}

/// The preset's workspace (with `edit` applied to every file), applied and
/// run for `secs` simulated seconds.
fn cluster(id: &str, edit: Option<(&str, &str)>, secs: u64) -> Cluster {
    let mut files = preset(id).files;
    if let Some((from, to)) = edit {
        let mut hit = false;
        for f in &mut files {
            hit |= f.text.contains(from);
            f.text = f.text.replace(from, to);
        }
        assert!(hit, "{from:?} is in no file");
    }
    let analysis = workspace::analyze(&files);
    for r in &analysis.reports {
        assert!(
            r.diagnostics.iter().all(|d| !d.is_error()),
            "{:?}",
            r.diagnostics
        );
    }
    let mut c = workspace::build(&analysis, WallClock::TEST);
    c.advance_to(SimTime::from_secs(secs));
    c
}

fn get_pods(c: &Cluster) -> String {
    kubectl::get_pods(c, "default", &[], false).unwrap_or_default()
}

/// The demonstration's terminal: `$ command`, stdout, stderr as shown.
fn shown(r: &CommandRun) -> String {
    format!(
        "$ {}\n{}{}",
        r.command,
        r.stdout,
        workspace::terminal_text(&r.stderr)
    )
}

fn check(id: &str, edit: Option<(&str, &str)>, secs: u64, pods: &str, expect: &str) -> CommandRun {
    let mut c = cluster(id, edit, secs);
    assert_eq!(get_pods(&c), pods.trim_start(), "kubectl get pods");
    let p = preset(id);
    let r = presets::demonstrate(&p.demo, &mut c);
    assert_eq!(shown(&r).trim_end(), expect.trim(), "\n{}", shown(&r));
    r
}

#[test]
fn every_preset_reaches_its_outcome() {
    for p in presets::all() {
        let mut c = cluster(p.id, None, 20);
        let r = presets::demonstrate(&p.demo, &mut c);
        assert!(presets::works(&p, &r), "{}:\n{}", p.id, shown(&r));
    }
}

#[test]
fn ambassador_is_the_lab_check() {
    let mut a = cluster("ambassador", None, 30);
    let mut b = a.clone();
    let r = presets::demonstrate(&preset("ambassador").demo, &mut a);
    let l = workspace::check(&mut b);
    assert_eq!(r, l);
}

#[test]
fn sidecar_streams_the_log_as_it_grows() {
    check(
        "sidecar",
        None,
        4,
        r#"
NAME      READY   STATUS    RESTARTS   AGE
counter   3/3     Running   0          4s
"#,
        r#"
$ kubectl logs counter count-log-1
0: Mon Jan  1 00:00:01 UTC 2001
1: Mon Jan  1 00:00:02 UTC 2001
2: Mon Jan  1 00:00:03 UTC 2001
"#,
    );
}

#[test]
fn adapter_serves_prometheus_text_as_of_the_previous_scrape() {
    let r = check(
        "adapter",
        None,
        20,
        r#"
NAME         READY   STATUS    RESTARTS   AGE
busybox      1/1     Running   0          20s
status-app   2/2     Running   0          20s
"#,
        r#"
$ kubectl exec busybox -- curl -s $(kubectl get pod status-app -o=custom-columns=IP:.status.podIP --no-headers):9100/metrics
# TYPE app_uptime_seconds gauge
app_uptime_seconds 0
# TYPE app_requests_total counter
app_requests_total 0
# TYPE app_errors_total counter
app_errors_total 0
"#,
    );
    let path: Vec<String> = r.trace.iter().map(|h| h.text.en()).collect();
    assert_eq!(
        path,
        [
            "connect to 10.244.1.2:9100",
            "nc -l on 10.244.1.2:9100 sends what its pipeline wrote (219 bytes) and closes",
            "receives 200 OK",
        ]
    );
    // nc prepared its next answer when it listened again: a second scrape
    // shows the status as of the first one.
    let mut c = cluster("adapter", None, 20);
    let demo = preset("adapter").demo;
    presets::demonstrate(&demo, &mut c);
    c.advance(podlab::model::base::time::SimDuration::from_secs(5));
    let r = presets::demonstrate(&demo, &mut c);
    assert!(r.stdout.contains("app_uptime_seconds 18\n"), "{}", r.stdout);
    assert!(r.stdout.contains("app_requests_total 54\n"), "{}", r.stdout);
    assert!(r.stdout.contains("app_errors_total 1\n"), "{}", r.stdout);
    // What nc received is on the adapter's stdout.
    let logs = c.pod("default", "status-app").unwrap().containers[1].logs_text(false);
    assert!(logs.starts_with("GET /metrics HTTP/1.1\r\n"), "{logs}");
}

#[test]
fn shared_volume_nginx_serves_what_debian_wrote() {
    let r = check(
        "shared-volume",
        None,
        20,
        r#"
NAME             READY   STATUS     RESTARTS   AGE
busybox          1/1     Running    0          20s
two-containers   1/2     NotReady   0          20s
"#,
        r#"
$ kubectl exec busybox -- curl -s $(kubectl get pod two-containers -o=custom-columns=IP:.status.podIP --no-headers)
Hello from the debian container
"#,
    );
    assert_eq!(
        r.trace[1].text.en(),
        "nginx on 10.244.1.2:80: GET / → /usr/share/nginx/html/index.html (volume shared-data): 200 OK"
    );
    // Without the debian container's write, the volume has no index.html:
    // nginx forbids listing the directory.
    let mut c = cluster(
        "shared-volume",
        Some((
            "echo Hello from the debian container > /pod-data/index.html",
            "true",
        )),
        20,
    );
    let r = presets::demonstrate(&preset("shared-volume").demo, &mut c);
    assert!(r.stdout.contains("<h1>403 Forbidden</h1>"), "{}", r.stdout);
}

#[test]
fn nginx_logs_each_request_and_binds_both_families() {
    let mut c = cluster("shared-volume", None, 20);
    presets::demonstrate(&preset("shared-volume").demo, &mut c);
    let pod = c.pod("default", "two-containers").unwrap();
    assert_eq!(
        pod.containers[0].logs_text(false),
        "10.244.1.3 - - [01/Jan/2001:00:00:20 +0000] \"GET / HTTP/1.1\" 200 32 \"-\" \"curl/7.35.0\" \"-\"\n"
    );
    // The type comes from the file's extension, as mime.types says.
    let key = ("default".to_string(), "busybox".to_string());
    let ip = pod.ip.unwrap();
    let mut c2 = c.clone();
    let r = c2.exec(
        &key,
        0,
        &[
            "curl".into(),
            "-s".into(),
            "-i".into(),
            format!("{ip}/index.html"),
        ],
        &mut Budget::INTERACTIVE.clone(),
    );
    let head = String::from_utf8_lossy(&r.stdout).into_owned();
    assert!(head.contains("Content-Type: text/html\r\n"), "{head}");
    assert!(
        head.ends_with("\r\n\r\nHello from the debian container\n"),
        "{head}"
    );
    let r = c2.exec(
        &key,
        0,
        &["curl".into(), "-s".into(), "-I".into(), format!("{ip}/")],
        &mut Budget::INTERACTIVE.clone(),
    );
    let head = String::from_utf8_lossy(&r.stdout).into_owned();
    assert!(
        head.starts_with("HTTP/1.1 200 OK\r\n") && head.ends_with("Content-Length: 32\r\n\r\n"),
        "{head}"
    );
    let ns = c.net.get(pod.netns.unwrap()).to_string();
    assert!(ns.contains("0.0.0.0:80"), "{ns}");
    assert!(ns.contains(":::80"), "{ns}");
}

#[test]
fn two_nginx_on_one_port_cannot_both_bind() {
    let mut c = cluster(
        "process-namespace",
        Some((
            "    image: busybox:1.28\n    command: [\"sleep\", \"3600\"]",
            "    image: nginx",
        )),
        3,
    );
    c.advance_to(SimTime::from_secs(8));
    let pod = c.pod("default", "nginx").unwrap();
    assert_eq!(
        pod.containers[1].logs_text(false),
        "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n".repeat(5)
            + "nginx: [emerg] still could not bind()\n"
    );
}

#[test]
fn ps_sees_the_other_container_only_when_the_namespace_is_shared() {
    check(
        "process-namespace",
        None,
        20,
        r#"
NAME    READY   STATUS    RESTARTS   AGE
nginx   2/2     Running   0          20s
"#,
        r#"
$ kubectl exec nginx -c shell -- ps ax
PID   USER     TIME  COMMAND
    1 root      0:00 /pause
    2 root      0:00 nginx: master process nginx -g daemon off;
    3 101       0:00 nginx: worker process
    4 root      0:00 sleep 3600
    5 root      0:00 ps ax
"#,
    );
    check(
        "process-namespace",
        Some((
            "shareProcessNamespace: true",
            "shareProcessNamespace: false",
        )),
        20,
        r#"
NAME    READY   STATUS    RESTARTS   AGE
nginx   2/2     Running   0          20s
"#,
        r#"
$ kubectl exec nginx -c shell -- ps ax
PID   USER     TIME  COMMAND
    1 root      0:00 sleep 3600
    2 root      0:00 ps ax
"#,
    );
}

#[test]
fn a_missing_pod_or_container_reads_as_kubectl() {
    let mut c = cluster("sidecar", Some(("count-log-1", "count-log-one")), 5);
    let r = presets::demonstrate(&preset("sidecar").demo, &mut c);
    assert_eq!(
        shown(&r),
        "$ kubectl logs counter count-log-1\nError from server (BadRequest): container count-log-1 is not valid for pod counter\n"
    );
    let mut c = cluster("adapter", Some(("name: busybox", "name: client")), 5);
    let r = presets::demonstrate(&preset("adapter").demo, &mut c);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .ends_with("Error from server (NotFound): pods \"busybox\" not found\n"),
        "{}",
        r.stderr
    );
}

/// No mangled preset panics: a few hundred edits of each preset's files go
/// through what the app runs (analysis, cluster, clock, the demonstration,
/// the diagram and its trace). Deterministic (a fixed LCG).
#[test]
fn mangled_presets_never_panic() {
    const JUNK: &[&str] = &[
        "",
        " ",
        "\n",
        ":",
        "- ",
        "{",
        "[",
        "'",
        "\"",
        "|",
        ">",
        "#",
        "0",
        "-1",
        "true",
        "${X}",
        "$((",
        "done",
        "do",
        ";",
        "&",
        "|",
        "nc -l -p 80",
        "sleep",
        "\\",
    ];
    let mut state: u64 = 0x9e37_79b9;
    let mut next = |n: usize| {
        // Knuth's MMIX constants.
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % n.max(1) as u64) as usize
    };
    for p in presets::all() {
        for _ in 0..120 {
            let mut files = p.files.clone();
            let f = next(files.len());
            let mut chars: Vec<char> = files[f].text.chars().collect();
            for _ in 0..1 + next(3) {
                let at = next(chars.len() + 1);
                match next(3) {
                    0 => {
                        let end = (at + next(12)).min(chars.len());
                        chars.drain(at..end);
                    }
                    1 => {
                        for (k, c) in JUNK[next(JUNK.len())].chars().enumerate() {
                            chars.insert(at + k, c);
                        }
                    }
                    _ => chars.truncate(at),
                }
            }
            files[f].text = chars.into_iter().collect();
            let mut c = workspace::build(&workspace::analyze(&files), WallClock::TEST);
            c.advance_to(SimTime::from_secs(15));
            let r = presets::demonstrate(&p.demo, &mut c);
            let g = podlab::model::view::layout::layout(&podlab::model::view::topology::derive(
                &c, "default",
            ));
            let _ = podlab::model::view::layout::trace_steps(&g, &r.trace);
            assert!(g.height > 0.0);
        }
    }
}

/// Regression (issue 8): busybox `grep` in a container honours its options;
/// `grep -v x` used to print the matching lines.
#[test]
fn grep_in_a_container_honours_its_options() {
    let mut c = cluster("shared-volume", None, 20);
    let key = ("default".to_string(), "busybox".to_string());
    let check = |c: &mut Cluster, script: &str, expect: &str| {
        let r = c.exec(
            &key,
            0,
            &["sh".into(), "-c".into(), script.into()],
            &mut Budget::INTERACTIVE.clone(),
        );
        let got = format!(
            "{}{}[{}]",
            String::from_utf8_lossy(&r.stdout),
            String::from_utf8_lossy(&r.stderr),
            r.code
        );
        assert_eq!(got, expect, "{script}");
    };
    check(&mut c, "printf 'x1\\ny2\\nx3\\n' | grep -v x", "y2\n[0]");
    check(&mut c, "printf 'x1\\ny2\\nx3\\n' | grep -cv y", "2\n[0]");
    check(&mut c, "printf 'x1\\ny2\\n' | grep -n '^y'", "2:y2\n[0]");
    check(
        &mut c,
        "grep 127.0.0.1 /etc/hosts /nosuch",
        "/etc/hosts:127.0.0.1\tlocalhost\ngrep: /nosuch: No such file or directory\n[2]",
    );
}
