//! The pod lifecycle on the simulated clock, data-driven: each test is a
//! terminal-like script (`$ apply` or `$ create` with the manifest below
//! it, `$ at 12s`,
//! `$ get`, `$ describe POD`, `$ logs POD CONTAINER`, `$ delete configmap
//! NAME`) and the transcript it must print: kubectl's answers to applies, the
//! `kubectl get pods` table and the Events of `kubectl describe pod`.

use podlab::model::base::diag::FileId;
use podlab::model::base::time::{SimDuration, SimTime, WallClock};
use podlab::model::sim::cluster::{CState, Cluster, DEFAULT_NAMESPACE};
use podlab::model::tools::kubectl;

/// `1m30s`, `12s`, `1.5s` or `250ms` as an instant from the start.
fn instant(s: &str) -> SimTime {
    let micros = |n: &str, unit: f64| (n.parse::<f64>().expect("a number") * unit) as u64;
    let us = if let Some(ms) = s.strip_suffix("ms") {
        micros(ms, 1e3)
    } else if let Some((m, rest)) = s.split_once('m') {
        micros(m, 60e6) + rest.strip_suffix('s').map_or(0, |s| micros(s, 1e6))
    } else {
        micros(s.strip_suffix('s').expect("a unit"), 1e6)
    };
    SimTime(us)
}

/// What `kubectl apply -f fruit-service.yml` (or `create`) prints for a
/// YAML text: API warnings, then one line per document. The script moves
/// the clock itself (`$ at`), so the apply takes no time.
fn apply(c: &mut Cluster, text: &str, create: bool) -> String {
    const FILE: &str = "fruit-service.yml";
    let read = kubectl::apply::read(FileId::Workspace(0), text, true);
    let req = kubectl::apply::Request {
        create,
        round_trip: SimDuration::ZERO,
        ..kubectl::apply::Request::APPLY
    };
    let answers = kubectl::apply::send(c, FILE, &read, &req);
    answers.iter().map(|a| format!("{a}\n")).collect()
}

fn run(script: &str) -> String {
    let mut c = Cluster::new(WallClock::TEST);
    let mut out = String::new();
    let mut lines = script.trim().lines().peekable();
    while let Some(line) = lines.next() {
        let cmd = line.strip_prefix("$ ").expect("a `$ ` command line");
        out.push_str(line);
        out.push('\n');
        let words: Vec<&str> = cmd.split_whitespace().collect();
        match words.as_slice() {
            [verb @ ("apply" | "create")] => {
                let mut text = String::new();
                while let Some(l) = lines.next_if(|l| !l.starts_with("$ ")) {
                    text.push_str(l);
                    text.push('\n');
                }
                out.push_str(&apply(&mut c, &text, *verb == "create"));
            }
            ["at", t] => c.advance_to(instant(t)),
            ["get"] => out.push_str(
                &kubectl::get_pods(&c, DEFAULT_NAMESPACE, &[], false)
                    .unwrap_or("No resources found in default namespace.\n".into()),
            ),
            ["get", "-o", "wide"] => out.push_str(
                &kubectl::get_pods(&c, DEFAULT_NAMESPACE, &[], true)
                    .unwrap_or("No resources found in default namespace.\n".into()),
            ),
            ["describe", pod] => out.push_str(
                &kubectl::describe_events(&c, DEFAULT_NAMESPACE, pod)
                    .map_or("Events:  <none>\n".into(), |t| format!("Events:\n{t}")),
            ),
            ["state", pod, container] => {
                let p = c.pod(DEFAULT_NAMESPACE, pod).expect("pod");
                let ct = p.container(container).expect("container");
                let s = match &ct.state {
                    CState::Waiting { reason, message } => format!(
                        "Waiting {reason}{}",
                        message.as_ref().map_or(String::new(), |m| format!(": {m}"))
                    ),
                    CState::Running { .. } => "Running".into(),
                    CState::Terminated(t) => {
                        format!("Terminated {} (exit code {})", t.reason, t.exit_code)
                    }
                };
                out.push_str(&format!("{s}; restarts {}\n", ct.restarts));
            }
            ["logs", pod, container, rest @ ..] => {
                let p = c.pod(DEFAULT_NAMESPACE, pod).expect("pod");
                let ct = p.container(container).expect("container");
                out.push_str(&ct.logs_text(rest == ["-p"]));
            }
            ["delete", "configmap", name] => {
                let ok = c.delete_config_map(DEFAULT_NAMESPACE, name);
                out.push_str(&format!("configmap \"{name}\" deleted: {ok}\n"));
            }
            other => panic!("unknown command {other:?}"),
        }
    }
    out
}

fn check(script: &str, expect: &str) {
    let got = run(script);
    assert_eq!(
        got.trim_end(),
        expect.trim(),
        "\n--- got ---\n{got}\n--- end ---"
    );
}

const CONFIG_MAP: &str =
    include_str!("../src/model/project/workspace/fruit-service-ambassador-config.yml");
const FRUIT_SERVICE: &str = include_str!("../src/model/project/workspace/fruit-service.yml");

fn script(parts: &[&str]) -> String {
    parts.concat()
}

#[test]
fn pending_then_creating_then_running() {
    check(
        &script(&[
            "$ apply\n",
            CONFIG_MAP,
            "$ apply\n",
            FRUIT_SERVICE,
            "$ get\n",
            "$ at 0.05s\n",
            "$ get -o wide\n",
            "$ at 2s\n",
            "$ get\n",
            "$ at 5s\n",
            "$ get -o wide\n",
            "$ describe fruit-service\n",
        ]),
        r#"
$ apply
configmap/fruit-service-ambassador-config created
$ apply
pod/fruit-service created
$ get
NAME            READY   STATUS    RESTARTS   AGE
fruit-service   0/2     Pending   0          0s
$ at 0.05s
$ get -o wide
NAME            READY   STATUS              RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
fruit-service   0/2     ContainerCreating   0          0s    <none>   node01   <none>           <none>
$ at 2s
$ get
NAME            READY   STATUS              RESTARTS   AGE
fruit-service   1/2     ContainerCreating   0          2s
$ at 5s
$ get -o wide
NAME            READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
fruit-service   2/2     Running   0          5s    10.244.1.2   node01   <none>           <none>
$ describe fruit-service
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  5s    default-scheduler  Successfully assigned default/fruit-service to node01
  Normal  Pulling    5s    kubelet            Pulling image "linuxacademycontent/legacy-fruit-service:1"
  Normal  Pulled     4s    kubelet            Successfully pulled image "linuxacademycontent/legacy-fruit-service:1" in 1.628s (1.628s including waiting)
  Normal  Created    4s    kubelet            Created container: legacy-fruit-service
  Normal  Started    4s    kubelet            Started container legacy-fruit-service
  Normal  Pulling    4s    kubelet            Pulling image "haproxy:1.7"
  Normal  Pulled     1s    kubelet            Successfully pulled image "haproxy:1.7" in 2.312s (2.312s including waiting)
  Normal  Created    1s    kubelet            Created container: fruit-service-ambassador
  Normal  Started    1s    kubelet            Started container fruit-service-ambassador
"#,
    );
}

/// FailedMount retries back off from 500 ms to 2m2s, so the pod starts at
/// the first retry after the ConfigMap appears (here at about 250 s).
#[test]
fn a_missing_config_map_then_created() {
    check(
        &script(&[
            "$ apply\n",
            FRUIT_SERVICE,
            "$ at 30s\n",
            "$ get -o wide\n",
            "$ describe fruit-service\n",
            "$ at 130s\n",
            "$ describe fruit-service\n",
            "$ apply\n",
            CONFIG_MAP,
            "$ at 200s\n",
            "$ get\n",
            "$ at 260s\n",
            "$ get -o wide\n",
        ]),
        r#"
$ apply
pod/fruit-service created
$ at 30s
$ get -o wide
NAME            READY   STATUS              RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES
fruit-service   0/2     ContainerCreating   0          30s   <none>   node01   <none>           <none>
$ describe fruit-service
Events:
  Type     Reason       Age                From               Message
  ----     ------       ----               ----               -------
  Normal   Scheduled    30s                default-scheduler  Successfully assigned default/fruit-service to node01
  Warning  FailedMount  15s (x6 over 30s)  kubelet            MountVolume.SetUp failed for volume "fruit-service-volume" : configmap "fruit-service-ambassador-config" not found
$ at 130s
$ describe fruit-service
Events:
  Type     Reason       Age                 From               Message
  ----     ------       ----                ----               -------
  Normal   Scheduled    2m10s               default-scheduler  Successfully assigned default/fruit-service to node01
  Warning  FailedMount  7s                  kubelet            Unable to attach or mount volumes: unmounted volumes=[fruit-service-volume], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition
  Warning  FailedMount  3s (x9 over 2m10s)  kubelet            MountVolume.SetUp failed for volume "fruit-service-volume" : configmap "fruit-service-ambassador-config" not found
$ apply
configmap/fruit-service-ambassador-config created
$ at 200s
$ get
NAME            READY   STATUS              RESTARTS   AGE
fruit-service   0/2     ContainerCreating   0          3m20s
$ at 260s
$ get -o wide
NAME            READY   STATUS    RESTARTS   AGE     IP           NODE     NOMINATED NODE   READINESS GATES
fruit-service   2/2     Running   0          4m20s   10.244.1.2   node01   <none>           <none>
"#,
    );
}

const CRASHING: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "echo starting; exit 1"]
"#;

/// Restart at once, then after 10 s, 20 s, 40 s … capped at 5 min; the
/// container shows `Error` until the kubelet's next sync, then
/// `CrashLoopBackOff`.
#[test]
fn a_crashing_container_backs_off() {
    check(
        &script(&[
            "$ apply\n",
            CRASHING,
            "$ at 3s\n",
            "$ get\n",
            "$ state crasher app\n",
            "$ at 14s\n",
            "$ get\n",
            "$ at 40s\n",
            "$ get\n",
            "$ at 20m\n",
            "$ get\n",
            "$ state crasher app\n",
            "$ describe crasher\n",
        ]),
        r#"
$ apply
pod/crasher created
$ at 3s
$ get
NAME      READY   STATUS   RESTARTS     AGE
crasher   0/1     Error    1 (2s ago)   3s
$ state crasher app
Terminated Error (exit code 1); restarts 1
$ at 14s
$ get
NAME      READY   STATUS             RESTARTS     AGE
crasher   0/1     CrashLoopBackOff   2 (2s ago)   14s
$ at 40s
$ get
NAME      READY   STATUS             RESTARTS     AGE
crasher   0/1     CrashLoopBackOff   3 (8s ago)   40s
$ at 20m
$ get
NAME      READY   STATUS             RESTARTS        AGE
crasher   0/1     CrashLoopBackOff   8 (4m48s ago)   20m
$ state crasher app
Waiting CrashLoopBackOff: back-off 5m0s restarting failed container=app pod=crasher_default(5eed0001-0000-4000-8000-000000000001); restarts 8
$ describe crasher
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  20m                  default-scheduler  Successfully assigned default/crasher to node01
  Normal   Pulling    20m                  kubelet            Pulling image "busybox:1.36"
  Normal   Pulled     19m                  kubelet            Successfully pulled image "busybox:1.36" in 977ms (977ms including waiting)
  Normal   Created    4m48s (x9 over 19m)  kubelet            Created container: app
  Normal   Started    4m48s (x9 over 19m)  kubelet            Started container app
  Normal   Pulled     4m48s (x8 over 19m)  kubelet            Container image "busybox:1.36" already present on machine
  Warning  BackOff    4m47s (x8 over 19m)  kubelet            Back-off restarting failed container app in pod crasher_default(5eed0001-0000-4000-8000-000000000001)
"#,
    );
}

#[test]
fn back_off_resets_after_ten_minutes_of_running() {
    check(
        &script(&[
            "$ apply\n",
            &CRASHING.replace("echo starting; exit 1", "sleep 700; exit 1"),
            "$ at 703s\n",
            "$ get\n",
            "$ at 1405s\n",
            "$ get\n",
            "$ state crasher app\n",
        ]),
        r#"
$ apply
pod/crasher created
$ at 703s
$ get
NAME      READY   STATUS    RESTARTS     AGE
crasher   1/1     Running   1 (2s ago)   11m
$ at 1405s
$ get
NAME      READY   STATUS    RESTARTS     AGE
crasher   1/1     Running   2 (3s ago)   23m
$ state crasher app
Running; restarts 2
"#,
    );
}

const TWO_ON_80: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: fruit-service
spec:
  containers:
  - name: first
    image: haproxy:1.7
    ports:
    - containerPort: 80
    volumeMounts:
    - name: cfg
      mountPath: /usr/local/etc/haproxy
  - name: second
    image: haproxy:1.7
    ports:
    - containerPort: 80
    volumeMounts:
    - name: cfg
      mountPath: /usr/local/etc/haproxy
  volumes:
  - name: cfg
    configMap:
      name: fruit-service-ambassador-config
"#;

#[test]
fn two_containers_on_one_port() {
    check(
        &script(&[
            "$ apply\n",
            CONFIG_MAP,
            "$ apply\n",
            TWO_ON_80,
            "$ at 8s\n",
            "$ get\n",
            "$ logs fruit-service second -p\n",
            "$ state fruit-service second\n",
        ]),
        r#"
$ apply
configmap/fruit-service-ambassador-config created
$ apply
Warning: spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]
pod/fruit-service created
$ at 8s
$ get
NAME            READY   STATUS             RESTARTS     AGE
fruit-service   1/2     CrashLoopBackOff   1 (5s ago)   8s
$ logs fruit-service second -p
<7>haproxy-systemd-wrapper: executing /usr/local/sbin/haproxy -p /run/haproxy.pid -db -f /usr/local/etc/haproxy/haproxy.cfg -Ds 
[ALERT] 000/000002 (10) : Starting proxy http-in: cannot bind socket [0.0.0.0:80]
[ALERT] 000/000002 (10) : [/usr/local/sbin/haproxy.main()] Some protocols failed to start their listeners! Exiting.
<5>haproxy-systemd-wrapper: exit, haproxy RC=1
$ state fruit-service second
Waiting CrashLoopBackOff: back-off 10s restarting failed container=second pod=fruit-service_default(5eed0001-0000-4000-8000-000000000001); restarts 1
"#,
    );
}

#[test]
fn a_near_miss_image_fails_to_pull() {
    check(
        &script(&[
            "$ apply\n",
            CONFIG_MAP,
            "$ apply\n",
            &FRUIT_SERVICE.replace("haproxy:1.7", "haproxy:1.77"),
            "$ at 3s\n",
            "$ get\n",
            "$ state fruit-service fruit-service-ambassador\n",
            "$ at 5s\n",
            "$ get\n",
            "$ state fruit-service fruit-service-ambassador\n",
            "$ at 2m\n",
            "$ get\n",
            "$ describe fruit-service\n",
        ]),
        r#"
$ apply
configmap/fruit-service-ambassador-config created
$ apply
pod/fruit-service created
$ at 3s
$ get
NAME            READY   STATUS         RESTARTS   AGE
fruit-service   1/2     ErrImagePull   0          3s
$ state fruit-service fruit-service-ambassador
Waiting ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/haproxy:1.77": failed to resolve reference "docker.io/library/haproxy:1.77": docker.io/library/haproxy:1.77: not found; restarts 0
$ at 5s
$ get
NAME            READY   STATUS             RESTARTS   AGE
fruit-service   1/2     ImagePullBackOff   0          5s
$ state fruit-service fruit-service-ambassador
Waiting ImagePullBackOff: Back-off pulling image "haproxy:1.77": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/haproxy:1.77": failed to resolve reference "docker.io/library/haproxy:1.77": docker.io/library/haproxy:1.77: not found; restarts 0
$ at 2m
$ get
NAME            READY   STATUS             RESTARTS   AGE
fruit-service   1/2     ImagePullBackOff   0          2m
$ describe fruit-service
Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  2m                  default-scheduler  Successfully assigned default/fruit-service to node01
  Normal   Pulling    2m                  kubelet            Pulling image "linuxacademycontent/legacy-fruit-service:1"
  Normal   Pulled     119s                kubelet            Successfully pulled image "linuxacademycontent/legacy-fruit-service:1" in 1.628s (1.628s including waiting)
  Normal   Created    119s                kubelet            Created container: legacy-fruit-service
  Normal   Started    119s                kubelet            Started container legacy-fruit-service
  Normal   Pulling    46s (x4 over 119s)  kubelet            Pulling image "haproxy:1.77"
  Warning  Failed     45s (x4 over 118s)  kubelet            Failed to pull image "haproxy:1.77": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/haproxy:1.77": failed to resolve reference "docker.io/library/haproxy:1.77": docker.io/library/haproxy:1.77: not found
  Warning  Failed     45s (x4 over 118s)  kubelet            Error: ErrImagePull
  Normal   BackOff    44s (x4 over 117s)  kubelet            Back-off pulling image "haproxy:1.77"
  Warning  Failed     44s (x4 over 117s)  kubelet            Error: ImagePullBackOff
"#,
    );
}

#[test]
fn an_unknown_image_runs_opaque() {
    check(
        &script(&[
            "$ apply\n",
            &CRASHING
                .replace("busybox:1.36", "redis:7")
                .replace("    command: [sh, -c, \"echo starting; exit 1\"]\n", ""),
            "$ at 5s\n",
            "$ get\n",
            "$ logs crasher app\n",
        ]),
        r#"
$ apply
pod/crasher created
$ at 5s
$ get
NAME      READY   STATUS    RESTARTS   AGE
crasher   1/1     Running   0          5s
$ logs crasher app
"#,
    );
}

#[test]
fn the_api_server_frames_its_refusals() {
    let bad_port = FRUIT_SERVICE.replace("containerPort: 80", "containerPort: 70000");
    let two_errors = bad_port.replace(
        "name: fruit-service-volume\n          mountPath",
        "name: fruit-service-vol\n          mountPath",
    );
    check(
        &script(&[
            "$ create\n",
            &bad_port,
            "$ apply\n",
            &bad_port,
            "$ create\n",
            &two_errors,
            "$ apply\n",
            &FRUIT_SERVICE.replace("containerPort: 80", "containerPort: \"80\""),
            "$ apply\n",
            &FRUIT_SERVICE.replace("apiVersion: v1", "apiVersion: apps/v1"),
            "$ get\n",
        ]),
        r#"
$ create
The Pod "fruit-service" is invalid: spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive
$ apply
Error from server (Invalid): error when creating "fruit-service.yml": Pod "fruit-service" is invalid: spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive
$ create
The Pod "fruit-service" is invalid: 
* spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive
* spec.containers[1].volumeMounts[0].name: Not found: "fruit-service-vol"
$ apply
Error from server (BadRequest): error when creating "fruit-service.yml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32
$ apply
error: resource mapping not found for name: "fruit-service" namespace: "" from "fruit-service.yml": no matches for kind "Pod" in version "apps/v1"
ensure CRDs are installed first
$ get
No resources found in default namespace.
"#,
    );
}

/// The bind fails in the process whatever the pod declares: without any
/// containerPort there is no API warning, and the second HAProxy still
/// cannot bind :80.
#[test]
fn two_containers_on_one_port_without_declaring_it() {
    check(
        &script(&[
            "$ apply\n",
            CONFIG_MAP,
            "$ apply\n",
            &TWO_ON_80.replace("    ports:\n    - containerPort: 80\n", ""),
            "$ at 8s\n",
            "$ get\n",
            "$ state fruit-service first\n",
            "$ state fruit-service second\n",
        ]),
        r#"
$ apply
configmap/fruit-service-ambassador-config created
$ apply
pod/fruit-service created
$ at 8s
$ get
NAME            READY   STATUS             RESTARTS     AGE
fruit-service   1/2     CrashLoopBackOff   1 (5s ago)   8s
$ state fruit-service first
Running; restarts 0
$ state fruit-service second
Waiting CrashLoopBackOff: back-off 10s restarting failed container=second pod=fruit-service_default(5eed0001-0000-4000-8000-000000000001); restarts 1
"#,
    );
}

const ONE_SHOT: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:
  restartPolicy: Never
  containers:
  - name: server
    image: busybox:1.36
    command: [sh, -c, "sleep 3600"]
  - name: writer
    image: busybox:1.36
    command: [sh, -c, "echo Hello from the writer"]
"#;

/// A container that finishes beside one that runs: `NotReady`, no restart
/// under `Never`; alone under `OnFailure`, the pod completes.
#[test]
fn completed_containers_and_restart_policies() {
    check(
        &script(&[
            "$ apply\n",
            ONE_SHOT,
            "$ at 30s\n",
            "$ get\n",
            "$ state two-containers writer\n",
            "$ logs two-containers writer\n",
            "$ apply\n",
            &CRASHING
                .replace("echo starting; exit 1", "exit 0")
                .replace("spec:\n", "spec:\n  restartPolicy: OnFailure\n"),
            "$ at 60s\n",
            "$ get\n",
        ]),
        r#"
$ apply
pod/two-containers created
$ at 30s
$ get
NAME             READY   STATUS     RESTARTS   AGE
two-containers   1/2     NotReady   0          30s
$ state two-containers writer
Terminated Completed (exit code 0); restarts 0
$ logs two-containers writer
Hello from the writer
$ apply
pod/crasher created
$ at 60s
$ get
NAME             READY   STATUS      RESTARTS   AGE
crasher          0/1     Completed   0          30s
two-containers   1/2     NotReady    0          60s
"#,
    );
}

/// `busybox` means `busybox:latest`, so `imagePullPolicy` defaults to
/// `Always`: every restart pulls again. `Never` with an image the node lacks
/// never starts.
#[test]
fn pull_policies() {
    check(
        &script(&[
            "$ apply\n",
            &CRASHING.replace("busybox:1.36", "busybox"),
            "$ at 40s\n",
            "$ get\n",
            "$ describe crasher\n",
            "$ apply\n",
            &CRASHING
                .replace("crasher", "never")
                .replace("    command:", "    imagePullPolicy: Never\n    command:")
                .replace("busybox:1.36", "busybox:1.28"),
            "$ at 50s\n",
            "$ get\n",
            "$ describe never\n",
        ]),
        r#"
$ apply
pod/crasher created
$ at 40s
$ get
NAME      READY   STATUS             RESTARTS     AGE
crasher   0/1     CrashLoopBackOff   3 (7s ago)   40s
$ describe crasher
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  40s               default-scheduler  Successfully assigned default/crasher to node01
  Normal   Pulled     39s               kubelet            Successfully pulled image "busybox" in 977ms (977ms including waiting)
  Normal   Pulling    7s (x4 over 40s)  kubelet            Pulling image "busybox"
  Normal   Created    7s (x4 over 39s)  kubelet            Created container: app
  Normal   Started    7s (x4 over 39s)  kubelet            Started container app
  Normal   Pulled     7s (x3 over 38s)  kubelet            Successfully pulled image "busybox" in 512ms (512ms including waiting)
  Warning  BackOff    6s (x3 over 37s)  kubelet            Back-off restarting failed container app in pod crasher_default(5eed0001-0000-4000-8000-000000000001)
$ apply
pod/never created
$ at 50s
$ get
NAME      READY   STATUS              RESTARTS      AGE
crasher   0/1     CrashLoopBackOff    3 (17s ago)   50s
never     0/1     ErrImageNeverPull   0             10s
$ describe never
Events:
  Type     Reason             Age   From               Message
  ----     ------             ----  ----               -------
  Normal   Scheduled          10s   default-scheduler  Successfully assigned default/never to node01
  Warning  ErrImageNeverPull  10s   kubelet            Container image "busybox:1.28" is not present with pull policy of Never
  Warning  Failed             10s   kubelet            Error: ErrImageNeverPull
"#,
    );
}

/// Re-applying: moving the spec in its file changes nothing, a label may
/// change, the spec may not.
#[test]
fn applying_a_running_pod_again() {
    check(
        &script(&[
            "$ apply\n",
            CRASHING,
            "$ apply\n",
            &format!("# moved down\n\n{CRASHING}"),
            "$ apply\n",
            &CRASHING.replace(
                "  name: crasher\n",
                "  name: crasher\n  labels:\n    app: crash\n",
            ),
            "$ apply\n",
            &CRASHING.replace("exit 1", "exit 2"),
        ]),
        r#"
$ apply
pod/crasher created
$ apply
pod/crasher unchanged
$ apply
pod/crasher configured
$ apply
The Pod "crasher" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
"#,
    );
}

/// Regression (issue 8): while its image is pulled a container waits with
/// the API's reason, ContainerCreating, in `describe` and `-o yaml` alike
/// (podlab's internal "Pulling" used to leak into describe's Reason line).
#[test]
fn a_pulling_container_waits_as_container_creating() {
    let mut c = Cluster::new(WallClock::TEST);
    apply(&mut c, CONFIG_MAP, false);
    apply(&mut c, FRUIT_SERVICE, false);
    c.advance_to(instant("2s"));
    let pod = c.pod(DEFAULT_NAMESPACE, "fruit-service").unwrap();
    assert!(matches!(
        &pod.containers[1].state,
        CState::Waiting { reason, .. } if reason.to_string() == "ContainerCreating"
    ));
    let text = kubectl::describe::pod(&c, pod);
    let reasons: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("Reason:"))
        .collect();
    assert_eq!(reasons.len(), 1, "{text}");
    assert!(reasons[0].ends_with(" ContainerCreating"), "{text}");
}
