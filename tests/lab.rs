//! The reference lab end to end, natively: the seed's manifests, applied in
//! order, settle into running pods, and the lab's check returns the fruit.
//! Each failure the foundation issue names behaves as on a real cluster.

use podlab::model::base::time::{SimTime, WallClock};
use podlab::model::project::workspace::{self, File};
use podlab::model::sim::cluster::Cluster;
use podlab::model::sim::programs::fruit;
use podlab::model::tools::kubectl;

/// The seed files with `edit` applied to the file named `name`.
fn files(edit: &[(&str, &str, &str)]) -> Vec<File> {
    let mut files = workspace::seed();
    for (name, from, to) in edit {
        let f = files.iter_mut().find(|f| f.name == *name).expect("file");
        assert!(f.text.contains(from), "{from:?} not in {name}");
        f.text = f.text.replace(from, to);
    }
    files
}

fn cluster_at(files: &[File], secs: u64) -> Cluster {
    let analysis = workspace::analyze(files);
    let mut c = workspace::build(&analysis, WallClock::TEST);
    c.advance_to(SimTime::from_secs(secs));
    c
}

fn get_pods(c: &Cluster) -> String {
    kubectl::get_pods(c, "default", &[], true).unwrap_or_default()
}

/// `kubectl describe`-style event lines for a pod: `Type Reason Message`.
fn events(c: &Cluster, pod: &str) -> String {
    c.events
        .iter()
        .filter(|e| e.object == format!("pod/{pod}"))
        .map(|e| {
            format!(
                "{} {} {}\n",
                if e.warning { "Warning" } else { "Normal" },
                e.reason,
                e.message
            )
        })
        .collect()
}

#[test]
fn the_lab_runs_end_to_end() {
    let mut c = cluster_at(&workspace::seed(), 30);
    assert_eq!(
        get_pods(&c),
        "NAME            READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n\
         busybox         1/1     Running   0          30s   10.244.1.3   node01   <none>           <none>\n\
         fruit-service   2/2     Running   0          30s   10.244.1.2   node01   <none>           <none>\n"
    );
    let r = workspace::check(&mut c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, fruit::body());
    let meter = workspace::terminal_text(&r.stderr);
    assert!(meter.starts_with(
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
    ));
    assert!(
        meter.contains("\n100  1360  100  1360    0     0 "),
        "{meter}"
    );
    // busybox → pod IP:80 → haproxy → 127.0.0.1:8775 → legacy app, and back.
    let path: Vec<String> = r
        .trace
        .iter()
        .map(|h| {
            format!(
                "{}/{}: {}",
                h.pod,
                h.container.as_deref().unwrap_or("-"),
                h.text.en()
            )
        })
        .collect();
    assert_eq!(
        path,
        [
            "busybox/myapp-container: connect to 10.244.1.2:80",
            "fruit-service/fruit-service-ambassador: haproxy listen http-in accepts on 10.244.1.2:80",
            "fruit-service/fruit-service-ambassador: haproxy listen http-in → server server1 127.0.0.1:8775",
            "fruit-service/legacy-fruit-service: legacy-fruit-service on 127.0.0.1:8775: GET /",
            "fruit-service/legacy-fruit-service: legacy-fruit-service answers 200 OK (1360 bytes)",
            "busybox/myapp-container: receives 200 OK",
        ]
    );
    let ev = events(&c, "fruit-service");
    assert!(ev.starts_with("Normal Scheduled Successfully assigned default/fruit-service to node01\nNormal Pulling Pulling image \"linuxacademycontent/legacy-fruit-service:1\"\nNormal Pulled Successfully pulled image \"linuxacademycontent/legacy-fruit-service:1\" in 1.628s (1.628s including waiting)\nNormal Created Created container: legacy-fruit-service\nNormal Started Started container legacy-fruit-service\nNormal Pulling Pulling image \"haproxy:1.7\""), "{ev}");
    let logs = c
        .pod("default", "fruit-service")
        .unwrap()
        .container("fruit-service-ambassador")
        .unwrap()
        .logs_text(false);
    assert_eq!(
        logs,
        "<7>haproxy-systemd-wrapper: executing /usr/local/sbin/haproxy -p /run/haproxy.pid -db -f /usr/local/etc/haproxy/haproxy.cfg -Ds \n"
    );
}

#[test]
fn a_wrong_backend_port_gets_haproxys_503() {
    let mut c = cluster_at(
        &files(&[(
            "fruit-service-ambassador-config.yml",
            "127.0.0.1:8775",
            "127.0.0.1:8776",
        )]),
        30,
    );
    let r = workspace::check(&mut c);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n"
    );
    assert!(
        workspace::terminal_text(&r.stderr).ends_with(
            "100   107    0   107    0     0     35      0 --:--:--  0:00:03 --:--:--    35\n"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.trace
            .iter()
            .any(|h| h.text.en() == "127.0.0.1:8776: Connection refused"
                && !h.ok()
                && h.outcome == podlab::model::base::outcome::Outcome::Refused)
    );
}

#[test]
fn nothing_on_port_80_is_connection_refused() {
    let mut c = cluster_at(
        &files(&[(
            "fruit-service-ambassador-config.yml",
            "bind *:80",
            "bind *:81",
        )]),
        30,
    );
    let r = workspace::check(&mut c);
    assert_eq!(r.code, 7);
    assert!(workspace::terminal_text(&r.stderr).ends_with(
        "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (7) Failed to connect to 10.244.1.2 port 80: Connection refused\ncommand terminated with exit code 7\n"
    ), "{}", r.stderr);
}

#[test]
fn a_missing_config_map_keeps_the_pod_creating() {
    let mut files = workspace::seed();
    files.retain(|f| f.name != "fruit-service-ambassador-config.yml");
    let mut c = cluster_at(&files, 60);
    assert!(
        get_pods(&c).contains(
            "fruit-service   0/2     ContainerCreating   0          60s   <none>       node01"
        ),
        "{}",
        get_pods(&c)
    );
    let ev = events(&c, "fruit-service");
    assert!(ev.contains("Warning FailedMount MountVolume.SetUp failed for volume \"fruit-service-volume\" : configmap \"fruit-service-ambassador-config\" not found\n"), "{ev}");
    let failed = c.events.iter().find(|e| e.reason == "FailedMount").unwrap();
    assert!(failed.count >= 6, "retried with back-off: {}", failed.count);
    let r = workspace::check(&mut c);
    assert!(
        r.stderr
            .contains("curl: (6) Couldn't resolve host '<none>'"),
        "{}",
        r.stderr
    );
    // Creating the ConfigMap lets the pod start on its own.
    let cm = workspace::analyze(&workspace::seed())
        .objects
        .into_iter()
        .find(|(_, o)| o.kind() == "ConfigMap")
        .unwrap()
        .1;
    c.apply(&cm, "default").unwrap();
    c.advance_to(SimTime::from_secs(200));
    assert!(
        get_pods(&c).contains("fruit-service   2/2     Running"),
        "{}",
        get_pods(&c)
    );
}

#[test]
fn a_mount_path_that_hides_the_config_crashes_haproxy() {
    let mut c = cluster_at(
        &files(&[(
            "fruit-service.yml",
            "mountPath: \"/usr/local/etc/haproxy/\"",
            "mountPath: \"/etc/haproxy/\"",
        )]),
        45,
    );
    let pods = get_pods(&c);
    // Restarts at once, then after 10 s, then after 20 s (kubelet back-off).
    assert!(
        pods.contains("fruit-service   1/2     CrashLoopBackOff   3 (10s ago)"),
        "{pods}"
    );
    let pod = c.pod("default", "fruit-service").unwrap();
    let logs = pod
        .container("fruit-service-ambassador")
        .unwrap()
        .logs_text(true);
    let lines: Vec<&str> = logs.lines().collect();
    assert_eq!(
        lines[0],
        "<7>haproxy-systemd-wrapper: executing /usr/local/sbin/haproxy -p /run/haproxy.pid -db -f /usr/local/etc/haproxy/haproxy.cfg -Ds "
    );
    assert!(lines[1].starts_with("[ALERT] 000/0000"), "{}", lines[1]);
    assert!(lines[1].ends_with(" (10) : Cannot open configuration file/directory /usr/local/etc/haproxy/haproxy.cfg : No such file or directory"), "{}", lines[1]);
    assert_eq!(lines[2], "<5>haproxy-systemd-wrapper: exit, haproxy RC=1");
    let ev = events(&c, "fruit-service");
    assert!(ev.contains("Warning BackOff Back-off restarting failed container fruit-service-ambassador in pod fruit-service_default("), "{ev}");
    let r = workspace::check(&mut c);
    assert!(r.stderr.contains("Connection refused"), "{}", r.stderr);
}

#[test]
fn mounting_at_the_file_path_still_works_as_a_directory() {
    let mut c = cluster_at(
        &files(&[(
            "fruit-service.yml",
            "mountPath: \"/usr/local/etc/haproxy/\"",
            "mountPath: \"/usr/local/etc/haproxy/haproxy.cfg\"",
        )]),
        30,
    );
    assert_eq!(workspace::check(&mut c).stdout, fruit::body());
}

#[test]
fn the_run_is_deterministic() {
    let a = cluster_at(&workspace::seed(), 40);
    let b = cluster_at(&workspace::seed(), 40);
    assert_eq!(a, b);
}

#[test]
fn container_port_is_informational() {
    // Declaring another port (or none) changes nothing: HAProxy still binds
    // :80 and the legacy app, which declares no port, still answers on 8775.
    for to in [
        "- containerPort: 8080",
        "- containerPort: 80\n            name: http",
    ] {
        let mut c = cluster_at(
            &files(&[("fruit-service.yml", "- containerPort: 80", to)]),
            30,
        );
        assert_eq!(workspace::check(&mut c).stdout, fruit::body(), "{to}");
    }
}
