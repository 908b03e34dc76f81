//! Objects as the API server returns them, for `-o yaml`, `-o name`,
//! `-o jsonpath` and `-o custom-columns`: the live pod (spec with the API's
//! defaults, status from the kubelet) as a JSON value, printed as
//! sigs.k8s.io/yaml prints it (go-yaml v2: keys sorted, lists at their key's
//! indent, strings that would read as another type double-quoted), and a
//! small JSONPath evaluator for the field paths kubectl users write.
//!
//! What is left out, and said so in ARCHITECTURE.md: managedFields (kubectl
//! hides them by default), the last-applied-configuration annotation, and the
//! projected service-account token volume's source details.

use serde_json::{Map, Value, json};

use crate::model::base::time::SimTime;
use crate::model::lang::kube::objects::{ConfigMapObject, VolumeSourceSpec};
use crate::model::sim::cluster::{CState, Cluster, NODE_NAME, Pod};
use crate::model::sim::images;

/// The node's InternalIP, the pods' `hostIP`.
pub const NODE_IP: &str = "172.18.0.2";

fn ts(cl: &Cluster, t: SimTime) -> Value {
    Value::String(cl.wall.civil(t).rfc3339())
}

/// The name of the projected service-account volume the API adds to every
/// pod (`kube-api-access-` and five characters from the pod's uid).
pub fn api_access_volume(pod: &Pod) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h: u64 = 1469598103934665603;
    for b in pod.uid.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(1099511628211);
    }
    let s: String = (0..5)
        .map(|i| ALPHABET[((h >> (i * 8)) % ALPHABET.len() as u64) as usize] as char)
        .collect();
    format!("kube-api-access-{s}")
}

/// Where the service-account token is mounted in every container.
pub const SA_MOUNT: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// `imagePullPolicy`'s default: Always for `:latest` or no tag, else
/// IfNotPresent (k8s.io/kubernetes pkg/apis/core/v1/defaults.go).
pub fn pull_policy(image: &str) -> &'static str {
    if images::split(image).1 == "latest" {
        "Always"
    } else {
        "IfNotPresent"
    }
}

fn container_state(s: &CState, cl: &Cluster) -> Value {
    match s {
        CState::Waiting { reason, message } => {
            let mut m = Map::new();
            if let Some(msg) = message {
                m.insert("message".into(), msg.clone().into());
            }
            m.insert("reason".into(), reason.to_string().into());
            json!({ "waiting": m })
        }
        CState::Running { started } => json!({ "running": { "startedAt": ts(cl, *started) } }),
        CState::Terminated(t) => json!({ "terminated": {
            "containerID": "",
            "exitCode": t.exit_code,
            "finishedAt": ts(cl, t.finished),
            "reason": t.reason.to_string(),
            "startedAt": ts(cl, t.started),
        }}),
    }
}

/// The pod as `kubectl get pod NAME -o yaml` shows it.
pub fn pod(cl: &Cluster, pod: &Pod) -> Value {
    let o = &pod.obj;
    let sa = api_access_volume(pod);
    let mut meta = Map::new();
    meta.insert("creationTimestamp".into(), ts(cl, pod.created));
    if !o.labels.is_empty() {
        // Inserted one by one, not collected: `collect` into a map sorts
        // first, with a sort of its own in the wasm (base::sort).
        let mut labels = Map::new();
        for (k, v) in &o.labels {
            labels.insert(k.clone(), v.clone().into());
        }
        meta.insert("labels".into(), labels.into());
    }
    meta.insert("name".into(), o.name.clone().into());
    meta.insert("namespace".into(), pod.namespace.clone().into());
    meta.insert(
        "resourceVersion".into(),
        resource_version(pod.created).into(),
    );
    meta.insert("uid".into(), pod.uid.clone().into());

    let containers: Vec<Value> = o
        .spec
        .containers
        .iter()
        .map(|c| {
            let mut m = Map::new();
            if let Some(a) = &c.args {
                m.insert("args".into(), a.clone().into());
            }
            if let Some(a) = &c.command {
                m.insert("command".into(), a.clone().into());
            }
            if !c.env.is_empty() {
                let env: Vec<Value> = c
                    .env
                    .iter()
                    .map(|(k, v)| json!({ "name": k, "value": v }))
                    .collect();
                m.insert("env".into(), env.into());
            }
            m.insert("image".into(), c.image.clone().into());
            m.insert("imagePullPolicy".into(), pull_policy(&c.image).into());
            m.insert("name".into(), c.name.clone().into());
            if !c.ports.is_empty() {
                let ports: Vec<Value> = c
                    .ports
                    .iter()
                    .map(|p| {
                        let mut pm = Map::new();
                        pm.insert("containerPort".into(), p.port.into());
                        if let Some(n) = &p.name {
                            pm.insert("name".into(), n.clone().into());
                        }
                        pm.insert("protocol".into(), p.protocol.as_str().into());
                        Value::Object(pm)
                    })
                    .collect();
                m.insert("ports".into(), ports.into());
            }
            m.insert("resources".into(), json!({}));
            m.insert(
                "terminationMessagePath".into(),
                "/dev/termination-log".into(),
            );
            m.insert("terminationMessagePolicy".into(), "File".into());
            let mut mounts: Vec<Value> = c
                .mounts
                .iter()
                .map(|v| {
                    let mut mm = Map::new();
                    mm.insert("mountPath".into(), v.path.clone().into());
                    mm.insert("name".into(), v.volume.clone().into());
                    if v.read_only {
                        mm.insert("readOnly".into(), true.into());
                    }
                    if let Some(s) = &v.sub_path {
                        mm.insert("subPath".into(), s.clone().into());
                    }
                    Value::Object(mm)
                })
                .collect();
            mounts.push(json!({ "mountPath": SA_MOUNT, "name": sa, "readOnly": true }));
            m.insert("volumeMounts".into(), mounts.into());
            if let Some(w) = &c.working_dir {
                m.insert("workingDir".into(), w.clone().into());
            }
            Value::Object(m)
        })
        .collect();
    let mut volumes: Vec<Value> = o
        .spec
        .volumes
        .iter()
        .map(|v| {
            let mut m = Map::new();
            match &v.source {
                VolumeSourceSpec::ConfigMap {
                    name,
                    items,
                    optional,
                } => {
                    let mut cm = Map::new();
                    cm.insert("defaultMode".into(), 420.into());
                    if !items.is_empty() {
                        let it: Vec<Value> = items
                            .iter()
                            .map(|(k, p)| json!({ "key": k, "path": p }))
                            .collect();
                        cm.insert("items".into(), it.into());
                    }
                    cm.insert("name".into(), name.clone().into());
                    if *optional {
                        cm.insert("optional".into(), true.into());
                    }
                    m.insert("configMap".into(), cm.into());
                }
                VolumeSourceSpec::EmptyDir { .. } => {
                    m.insert("emptyDir".into(), json!({}));
                }
                VolumeSourceSpec::Unmodelled(field) => {
                    m.insert((*field).into(), json!({}));
                }
            }
            m.insert("name".into(), v.name.clone().into());
            Value::Object(m)
        })
        .collect();
    volumes.push(json!({ "name": sa, "projected": { "defaultMode": 420, "sources": [
        { "serviceAccountToken": { "expirationSeconds": 3607, "path": "token" } },
        { "configMap": { "items": [ { "key": "ca.crt", "path": "ca.crt" } ], "name": "kube-root-ca.crt" } },
        { "downwardAPI": { "items": [ { "fieldRef": { "apiVersion": "v1", "fieldPath": "metadata.namespace" }, "path": "namespace" } ] } }
    ]}}));
    let mut spec = Map::new();
    spec.insert("containers".into(), containers.into());
    spec.insert("dnsPolicy".into(), "ClusterFirst".into());
    spec.insert("enableServiceLinks".into(), true.into());
    if pod.scheduled {
        spec.insert("nodeName".into(), NODE_NAME.into());
    }
    spec.insert("preemptionPolicy".into(), "PreemptLowerPriority".into());
    spec.insert("priority".into(), 0.into());
    spec.insert(
        "restartPolicy".into(),
        o.spec.restart_policy.as_str().into(),
    );
    spec.insert("schedulerName".into(), "default-scheduler".into());
    spec.insert("securityContext".into(), json!({}));
    spec.insert("serviceAccount".into(), "default".into());
    spec.insert("serviceAccountName".into(), "default".into());
    if o.spec.share_process_namespace {
        spec.insert("shareProcessNamespace".into(), true.into());
    }
    spec.insert("terminationGracePeriodSeconds".into(), 30.into());
    spec.insert(
        "tolerations".into(),
        json!([
            { "effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300 },
            { "effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300 }
        ]),
    );
    spec.insert("volumes".into(), volumes.into());

    let mut status = Map::new();
    if pod.scheduled {
        let t = pod.started.unwrap_or(pod.created);
        let cond = |ty: &str, ok: bool| {
            let mut m = Map::new();
            m.insert("lastProbeTime".into(), Value::Null);
            m.insert("lastTransitionTime".into(), ts(cl, t));
            if !ok {
                let not_ready: Vec<&str> = pod
                    .containers
                    .iter()
                    .filter(|c| !c.ready())
                    .map(|c| c.spec.name.as_str())
                    .collect();
                m.insert(
                    "message".into(),
                    format!("containers with unready status: [{}]", not_ready.join(" ")).into(),
                );
                m.insert("reason".into(), "ContainersNotReady".into());
            }
            m.insert("status".into(), if ok { "True" } else { "False" }.into());
            m.insert("type".into(), ty.into());
            Value::Object(m)
        };
        status.insert(
            "conditions".into(),
            conditions(pod)
                .into_iter()
                .map(|(ty, ok)| cond(ty, ok))
                .collect::<Vec<_>>()
                .into(),
        );
        // The kubelet sorts containerStatuses by name.
        let mut cs: Vec<&crate::model::sim::cluster::Container> = pod.containers.iter().collect();
        crate::model::base::sort::sort_by(&mut cs, |a, b| a.spec.name.cmp(&b.spec.name));
        let statuses: Vec<Value> = cs
            .iter()
            .map(|c| {
                let mut m = Map::new();
                let started = matches!(c.state, CState::Running { .. });
                if started || c.restarts > 0 {
                    m.insert("containerID".into(), container_id(pod, &c.spec.name).into());
                }
                m.insert("image".into(), qualified(&c.spec.image).into());
                m.insert("imageID".into(), "".into());
                m.insert(
                    "lastState".into(),
                    match &c.last {
                        Some(t) => container_state(&CState::Terminated(t.clone()), cl),
                        None => json!({}),
                    },
                );
                m.insert("name".into(), c.spec.name.clone().into());
                m.insert("ready".into(), c.ready().into());
                m.insert("restartCount".into(), c.restarts.into());
                m.insert("started".into(), started.into());
                m.insert("state".into(), container_state(&c.state, cl));
                Value::Object(m)
            })
            .collect();
        status.insert("containerStatuses".into(), statuses.into());
        status.insert("hostIP".into(), NODE_IP.into());
        status.insert("hostIPs".into(), json!([{ "ip": NODE_IP }]));
    } else {
        status.insert(
            "conditions".into(),
            json!([{ "lastProbeTime": null, "lastTransitionTime": ts(cl, pod.created), "status": "False", "type": "PodScheduled" }]),
        );
    }
    status.insert("phase".into(), pod.phase.as_str().into());
    if let Some(ip) = pod.ip {
        status.insert("podIP".into(), ip.to_string().into());
        status.insert("podIPs".into(), json!([{ "ip": ip.to_string() }]));
    }
    status.insert("qosClass".into(), "BestEffort".into());
    if pod.scheduled {
        status.insert(
            "startTime".into(),
            ts(cl, pod.started.unwrap_or(pod.created)),
        );
    }
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": spec,
        "status": status,
    })
}

/// An image reference as the runtime reports it: `haproxy:1.7` is
/// `docker.io/library/haproxy:1.7`.
/// A pod's `status.conditions`, type and whether it is `True`, in the
/// order the API lists them: only `PodScheduled` (False) until the
/// scheduler binds it.
pub fn conditions(pod: &Pod) -> Vec<(&'static str, bool)> {
    if !pod.scheduled {
        return vec![("PodScheduled", false)];
    }
    let (ready, total) = pod.ready_count();
    let all_ready = ready == total;
    vec![
        ("PodReadyToStartContainers", pod.ip.is_some()),
        ("Initialized", true),
        ("Ready", all_ready),
        ("ContainersReady", all_ready),
        ("PodScheduled", true),
    ]
}

pub fn qualified(image: &str) -> String {
    let (repo, tag) = images::split(image);
    let first = repo.split('/').next().unwrap_or("");
    let has_registry =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_registry {
        format!("{repo}:{tag}")
    } else if repo.contains('/') {
        format!("docker.io/{repo}:{tag}")
    } else {
        format!("docker.io/library/{repo}:{tag}")
    }
}

/// A deterministic stand-in for the container runtime's id.
pub fn container_id(pod: &Pod, name: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in pod.uid.bytes().chain(name.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
    }
    let mut s = String::from("containerd://");
    for k in 0..4 {
        s.push_str(&format!("{:016x}", h.rotate_left(k * 16) ^ (k as u64)));
    }
    s
}

/// The resourceVersion of an object written at `t` (etcd's revision grows
/// with every write; podlab derives one from the time).
fn resource_version(t: SimTime) -> String {
    (1000 + t.0 / 10_000).to_string()
}

pub fn config_map(cl: &Cluster, cm: &ConfigMapObject, ns: &str, created: SimTime) -> Value {
    let mut data = Map::new();
    for (k, v) in &cm.data {
        data.insert(k.clone(), v.clone().into());
    }
    json!({
        "apiVersion": "v1",
        "data": data,
        "kind": "ConfigMap",
        "metadata": {
            "creationTimestamp": ts(cl, created),
            "name": cm.name,
            "namespace": ns,
            "resourceVersion": resource_version(created),
            "uid": format!("{:08x}-0000-4000-8000-{:012x}", 0xc0f1_0000u32 + (created.0 % 0xffff) as u32, created.0),
        }
    })
}

pub fn namespace(cl: &Cluster, name: &str, created: SimTime) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "creationTimestamp": ts(cl, created),
            "labels": { "kubernetes.io/metadata.name": name },
            "name": name,
            "resourceVersion": resource_version(created),
        },
        "spec": { "finalizers": ["kubernetes"] },
        "status": { "phase": "Active" },
    })
}

/// A list as `kubectl get pods -o yaml` prints it.
pub fn list(items: Vec<Value>) -> Value {
    json!({
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": { "resourceVersion": "" },
    })
}

/// Print a value as kubectl's `-o yaml` does.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => emit_map(m, 0, &mut out),
        Value::Array(a) if !a.is_empty() => emit_list(a, 0, &mut out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn emit_map(m: &Map<String, Value>, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for (k, v) in m {
        out.push_str(&pad);
        out.push_str(&string(k));
        out.push(':');
        emit_value(v, indent, true, out);
    }
}

fn emit_list(a: &[Value], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for v in a {
        out.push_str(&pad);
        out.push('-');
        match v {
            Value::Object(m) if !m.is_empty() => {
                // The first key goes on the dash's line.
                let mut first = String::new();
                emit_map(m, indent + 2, &mut first);
                out.push(' ');
                out.push_str(&first[indent + 2..]);
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                emit_list(inner, indent + 2, out);
            }
            other => emit_value(other, indent, false, out),
        }
    }
}

/// After `key:` or `-`: a nested block or ` scalar`.
fn emit_value(v: &Value, indent: usize, in_map: bool, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            emit_map(m, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            // go-yaml v2 puts a map's list at the key's own indent.
            emit_list(a, if in_map { indent } else { indent + 2 }, out);
        }
        Value::String(s) if s.contains('\n') => {
            let chomp = if s.ends_with('\n') { "" } else { "-" };
            out.push_str(&format!(" |{chomp}\n"));
            let body = s.strip_suffix('\n').unwrap_or(s);
            for line in body.split('\n') {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    out.push_str(&" ".repeat(indent + 2));
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string as go-yaml v2 writes it: double-quoted when YAML would read it
/// as something else, single-quoted when plain style is not allowed, else
/// plain.
fn string(s: &str) -> String {
    if s.is_empty() || resolves_to_non_string(s) {
        return format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    }
    if plain_allowed(s) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~",
        ".inf", ".Inf", ".INF", "-.inf", ".nan", ".NaN",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let numeric = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    let hex = body.starts_with("0x")
        && body.len() > 2
        && body[2..].chars().all(|c| c.is_ascii_hexdigit());
    let exp = body.contains(['e', 'E'])
        && body.split(['e', 'E']).count() == 2
        && body.split(['e', 'E']).all(|p| {
            !p.is_empty()
                && p.trim_start_matches(['-', '+'])
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.')
        });
    // Bytes, not `&s[..]`: `2024-01-0é` must not be cut inside the `é`.
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let timestamp = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10);
    numeric || hex || exp || timestamp
}

fn plain_allowed(s: &str) -> bool {
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        let second = s.chars().nth(1);
        let ok_dash = matches!(first, '-' | '?' | ':') && second.is_some_and(|c| c != ' ');
        if !ok_dash {
            return false;
        }
    }
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    !(s.contains(": ") || s.contains(" #") || s.contains('\t') || s.chars().any(|c| c.is_control()))
}

/// client-go's JSONPath parser (`util/jsonpath/parser.go`), for its
/// errors: kubectl parses an `-o jsonpath=` template before it asks the API
/// anything and refuses a bad one with `error parsing jsonpath TEMPLATE,
/// PROBLEM`. The Go parser recurses once per token (`parseInsideAction`
/// calls itself); this port loops, so no template can overflow the stack,
/// and the nested `parseAction` it runs for unions, dictionary keys and
/// filters reads a part cut before a `]` or `)`, so it nests at most twice.
pub fn check_jsonpath(template: &str) -> Result<(), String> {
    JsonPathParser::new(template).text()
}

struct JsonPathParser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    width: usize,
}

impl<'a> JsonPathParser<'a> {
    fn new(input: &'a str) -> Self {
        JsonPathParser {
            input,
            pos: 0,
            start: 0,
            width: 0,
        }
    }

    /// The next character, `None` at the end (Go's `eof`).
    fn next(&mut self) -> Option<char> {
        let c = self.input[self.pos..].chars().next();
        self.width = c.map_or(0, char::len_utf8);
        self.pos += self.width;
        c
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    fn peek(&mut self) -> Option<char> {
        let c = self.next();
        self.backup();
        c
    }

    fn consume(&mut self) -> &'a str {
        let v = &self.input[self.start..self.pos];
        self.start = self.pos;
        v
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    /// `parseText`, then every action to the end (`parseRightDelim` goes
    /// back to `parseText`).
    fn text(mut self) -> Result<(), String> {
        loop {
            if self.rest().starts_with('{') {
                self.pos += 1;
                self.consume();
                self.action()?;
                continue;
            }
            if self.next().is_none() {
                return Ok(());
            }
        }
    }

    /// `parseInsideAction` up to its right delimiter.
    fn action(&mut self) -> Result<(), String> {
        // Whether the last node appended was `..` (`invalid multiple
        // recursive descent`).
        let mut recursive = false;
        loop {
            let rest = self.rest();
            if rest.starts_with('}') {
                self.pos += 1;
                self.consume();
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.filter()?;
                recursive = false;
                continue;
            }
            if rest.starts_with("..") {
                if recursive {
                    return Err("invalid multiple recursive descent".into());
                }
                self.pos += 2;
                self.consume();
                recursive = true;
                if self.peek().is_some_and(alnum) {
                    self.field();
                    recursive = false;
                }
                continue;
            }
            match self.next() {
                None | Some('\r' | '\n') => return Err("unclosed action".into()),
                Some(' ' | '@' | '$') => {
                    self.consume();
                    continue;
                }
                Some('[') => self.array()?,
                Some(q @ ('"' | '\'')) => self.quote(q)?,
                Some('.') => self.field(),
                Some(c) if c == '+' || c == '-' || c.is_numeric() => {
                    self.backup();
                    self.number()?;
                }
                Some(c) if alnum(c) => {
                    self.backup();
                    while self.next().is_some_and(|c| !terminator(c)) {}
                    if self.width > 0 {
                        self.backup();
                    }
                    self.consume();
                }
                Some(c) => return Err(format!("unrecognized character in action: {}", go_u(c))),
            }
            recursive = false;
        }
    }

    fn field(&mut self) {
        self.consume();
        loop {
            match self.next() {
                Some('\\') => {
                    self.next();
                }
                Some(c) if !terminator(c) => {}
                Some(_) => {
                    self.backup();
                    break;
                }
                None => break,
            }
        }
        self.consume();
    }

    fn number(&mut self) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        while self.next().is_some_and(|c| c == '.' || c.is_numeric()) {}
        if self.width > 0 {
            self.backup();
        }
        let value = self.consume();
        let ascii = value
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.".contains(&b));
        if ascii && (value.parse::<i64>().is_ok() || value.parse::<f64>().is_ok()) {
            Ok(())
        } else {
            Err(format!("cannot parse number {value}"))
        }
    }

    fn array(&mut self) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                Some(_) => {}
            }
        }
        let text = self.consume();
        let text = &text[1..text.len() - 1];
        let text = if text == "*" { ":" } else { text };
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            for part in parts {
                sub_action(&format!("[{}]", part.trim_matches(' ')))?;
            }
            return Ok(());
        }
        if let Some(key) = text
            .strip_prefix('\'')
            .and_then(|t| t.strip_suffix('\''))
            .filter(|k| !k.contains('\''))
        {
            return sub_action(&format!(".{key}"));
        }
        // `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`, then strconv.Atoi of each.
        let groups: Vec<&str> = text.split(':').collect();
        let shape = groups.len() <= 3
            && groups.iter().all(|g| {
                let d = g.strip_prefix('-').unwrap_or(g);
                d.bytes().all(|b| b.is_ascii_digit())
            });
        if !shape {
            return Err(format!("invalid array index {text}"));
        }
        for (i, g) in groups.iter().enumerate() {
            if (i == 0 && g.is_empty()) || (i > 0 && g.is_empty()) {
                continue;
            }
            if g.parse::<i64>().is_err() {
                return Err(format!("array index {g} is not a number"));
            }
        }
        Ok(())
    }

    fn filter(&mut self) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let (mut begin, mut end) = (false, false);
        let mut pair = ' ';
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".into()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    let escaped =
                        self.input.as_bytes().get(self.pos.wrapping_sub(2)) == Some(&b'\\');
                    if !escaped && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                Some(_) => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let text = self.consume();
        let text = &text[..text.len() - 2];
        match split_filter(text) {
            None => sub_action(text),
            Some((left, right)) => {
                sub_action(left)?;
                sub_action(right)
            }
        }
    }

    fn quote(&mut self, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some(c) if c == end => {
                    if self.input.as_bytes().get(self.pos.wrapping_sub(2)) != Some(&b'\\') {
                        break;
                    }
                }
                Some(_) => {}
            }
        }
        let value = self.consume();
        unquote(value).map_err(|e| format!("unquote string {value} error {e}"))
    }
}

/// `parseAction`: a part parsed as the action `{TEXT}`.
fn sub_action(text: &str) -> Result<(), String> {
    JsonPathParser::new(&format!("{{{text}}}")).text()
}

/// The filter's `^([^!<>=]+)([!<>=~]+)(.+?)$`: its left and right sides.
fn split_filter(text: &str) -> Option<(&str, &str)> {
    let op = |c: char| "!<>=~".contains(c);
    let first = text.find(['!', '<', '>', '=']).unwrap_or(text.len());
    // The left side ends at the first of `!<>=`, or earlier at a `~`
    // (the regexp backtracks into the run of `~` before it).
    let mut j = first;
    while j > 0 {
        if text[j..].starts_with(op) {
            let run = text[j..]
                .find(|c: char| !op(c))
                .map_or(text.len(), |r| j + r);
            let k = if run < text.len() { run } else { run - 1 };
            if k > j && k < text.len() && !text[k..].contains('\n') {
                return Some((&text[..j], &text[k..]));
            }
        }
        j = text[..j].char_indices().next_back().map_or(0, |(i, _)| i);
        if !text[j..].starts_with('~') && j < first {
            break;
        }
    }
    None
}

/// Go's strconv.UnquoteChar rules, as `UnquoteExtend` applies them.
fn unquote(s: &str) -> Result<(), &'static str> {
    const SYNTAX: &str = "invalid syntax";
    let quote = s.chars().next().ok_or(SYNTAX)?;
    let body = s
        .get(1..s.len() - 1)
        .filter(|_| s.len() >= 2 && s.ends_with(quote))
        .ok_or(SYNTAX)?;
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == quote {
            return Err(SYNTAX);
        }
        if c != '\\' {
            continue;
        }
        let hex = |n: usize, chars: &mut std::str::Chars| {
            (0..n).all(|_| chars.next().is_some_and(|c| c.is_ascii_hexdigit()))
        };
        let ok = match chars.next() {
            Some('a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '\\') => true,
            Some(q @ ('\'' | '"')) => q == quote,
            Some('x') => hex(2, &mut chars),
            Some('u') => hex(4, &mut chars),
            Some('U') => hex(8, &mut chars),
            // Three octal digits, at most \377.
            Some('0'..='3') => {
                (0..2).all(|_| chars.next().is_some_and(|c| ('0'..='7').contains(&c)))
            }
            _ => false,
        };
        if !ok {
            return Err(SYNTAX);
        }
    }
    Ok(())
}

/// `isAlphaNumeric`: `_`, a letter or a digit.
fn alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// `isTerminator`: what ends a field or an identifier.
fn terminator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
    )
}

/// Go's `%#U`: `U+007B '{'`, without the quoted character when it is not
/// printable.
fn go_u(c: char) -> String {
    let printable = c == ' ' || !(c.is_control() || c.is_whitespace());
    if printable {
        format!("U+{:04X} '{c}'", c as u32)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

/// A step of a field path such as `.spec.containers[*].name`.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Field(String),
    Index(usize),
    All,
}

/// Parse a JSONPath field expression: `.a.b[0].c`, `.a[*].b`, optionally
/// wrapped in `{}`.
fn parse_path(expr: &str) -> Result<Vec<Step>, String> {
    let e = expr.trim();
    let e = e
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(e);
    let e = e.strip_prefix('$').unwrap_or(e);
    let mut steps = Vec::new();
    let mut rest = e;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end > 0 {
                steps.push(Step::Field(r[..end].to_string()));
            }
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| format!("unterminated array in {expr}"))?;
            let idx = &r[..end];
            if idx == "*" {
                steps.push(Step::All);
            } else {
                steps.push(Step::Index(
                    idx.parse()
                        .map_err(|_| format!("invalid array index {idx}"))?,
                ));
            }
            rest = &r[end + 1..];
        } else {
            return Err(format!("unrecognized identifier {rest}"));
        }
    }
    Ok(steps)
}

/// Every value a path reaches.
pub fn select<'a>(v: &'a Value, expr: &str) -> Result<Vec<&'a Value>, String> {
    let steps = parse_path(expr)?;
    let mut cur = vec![v];
    for s in &steps {
        let mut next = Vec::new();
        for c in cur {
            match (s, c) {
                (Step::Field(f), Value::Object(m)) => next.extend(m.get(f)),
                (Step::Index(i), Value::Array(a)) => next.extend(a.get(*i)),
                (Step::All, Value::Array(a)) => next.extend(a.iter()),
                _ => {}
            }
        }
        cur = next;
    }
    Ok(cur)
}

/// A value as jsonpath prints it: strings bare, anything else as JSON.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A decoded object as Go's `%#v` prints it (`map[string]interface {}{…}`
/// with sorted keys, `[]interface {}{…}`, strings quoted as
/// `strconv.Quote` does): what kubectl's JSONPath printer shows as the
/// "object given to jsonpath engine". Written without recursion: an
/// object's depth is up to the learner.
pub fn go_sharp_v(v: &Value) -> String {
    enum Job<'a> {
        Value(&'a Value),
        Text(&'static str),
        Key(&'a str),
    }
    let mut out = String::new();
    let mut jobs = vec![Job::Value(v)];
    while let Some(job) = jobs.pop() {
        match job {
            Job::Text(t) => out.push_str(t),
            Job::Key(k) => {
                out.push_str(&go_quote(k));
                out.push(':');
            }
            Job::Value(Value::Object(m)) => {
                out.push_str("map[string]interface {}{");
                jobs.push(Job::Text("}"));
                // Pushed in reverse, popped in key order.
                let mut first = true;
                for (k, x) in m.iter().rev() {
                    if !first {
                        jobs.push(Job::Text(", "));
                    }
                    first = false;
                    jobs.push(Job::Value(x));
                    jobs.push(Job::Key(k));
                }
            }
            Job::Value(Value::Array(a)) => {
                out.push_str("[]interface {}{");
                jobs.push(Job::Text("}"));
                let mut first = true;
                for x in a.iter().rev() {
                    if !first {
                        jobs.push(Job::Text(", "));
                    }
                    first = false;
                    jobs.push(Job::Value(x));
                }
            }
            Job::Value(Value::String(s)) => out.push_str(&go_quote(s)),
            Job::Value(Value::Null) => out.push_str("interface {}(nil)"),
            Job::Value(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            Job::Value(Value::Number(n)) => out.push_str(&n.to_string()),
        }
    }
    out
}

/// Go's `strconv.Quote`: printable characters as they are, the others
/// escaped (`\n`, `\x7f`, `\u00a0`, `\U000e0001`).
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if go_printable(c) => out.push(c),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Go's `unicode.IsPrint`, near enough: not a control, not a space other
/// than ASCII's, not a format character, not private use.
fn go_printable(c: char) -> bool {
    let u = c as u32;
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(
            u,
            0xad | 0x600..=0x605
                | 0x61c
                | 0x6dd
                | 0x70f
                | 0x180e
                | 0x200b..=0x200f
                | 0x202a..=0x202e
                | 0x2060..=0x206f
                | 0xfeff
                | 0xfff9..=0xfffb
                | 0xe000..=0xf8ff
                | 0xe0000..=0xe007f
                | 0xf0000..
        ))
}

/// A value as client-go's `PrintResults` prints it: strings bare, maps and
/// lists as Go's `json.Marshal` writes them (which escapes `<`, `>`, `&`,
/// U+2028 and U+2029, and these occur only inside strings).
fn go_text(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => {
            let mut out = String::new();
            for c in v.to_string().chars() {
                match c {
                    '<' => out.push_str("\\u003c"),
                    '>' => out.push_str("\\u003e"),
                    '&' => out.push_str("\\u0026"),
                    '\u{2028}' => out.push_str("\\u2028"),
                    '\u{2029}' => out.push_str("\\u2029"),
                    c => out.push(c),
                }
            }
            out
        }
        other => text(other),
    }
}

/// A node of a JSONPath template as client-go's executor walks it: a text
/// node, or an action's list of nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Text(String),
    Action(Vec<Act>),
}

/// A node inside an action.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Act {
    /// `range`, `end` or another identifier (`unrecognized identifier`).
    Ident(String),
    Step(Step),
}

/// Split a template (already accepted by [`check_jsonpath`]) into text and
/// actions; an action ends at the first `}` outside quotes.
fn template_nodes(template: &str) -> Result<Vec<Node>, String> {
    let mut nodes = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            nodes.push(Node::Text(rest[..open].to_string()));
        }
        let body = &rest[open + 1..];
        let mut quote = None;
        let mut escaped = false;
        let mut close = None;
        for (i, c) in body.char_indices() {
            match (quote, c) {
                (Some(_), _) if escaped => escaped = false,
                (Some(_), '\\') => escaped = true,
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '}') => {
                    close = Some(i);
                    break;
                }
                (None, _) => {}
            }
        }
        let close = close.ok_or_else(|| format!("unclosed action in {template}"))?;
        nodes.push(Node::Action(action_nodes(&body[..close])?));
        rest = &body[close + 1..];
    }
    if !rest.is_empty() {
        nodes.push(Node::Text(rest.to_string()));
    }
    Ok(nodes)
}

/// An action's nodes: identifiers such as `range` and `end`, then a path.
fn action_nodes(action: &str) -> Result<Vec<Act>, String> {
    let mut acts = Vec::new();
    let mut rest = action.trim_start_matches([' ', '@', '$']);
    while rest.starts_with(alnum) {
        let end = rest.find(terminator).unwrap_or(rest.len());
        acts.push(Act::Ident(rest[..end].to_string()));
        rest = rest[end..].trim_start_matches([' ', '@', '$']);
    }
    acts.extend(parse_path(rest)?.into_iter().map(Act::Step));
    Ok(acts)
}

/// Go's type name of a decoded JSON value, for `… is not array or slice`.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::Array(_) => "[]interface {}",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::Null => "interface {}",
    }
}

/// What the walk holds: a value, or the nil a range with no results walks
/// its body over (`reflect.ValueOf(nil)`, which matches nothing).
type Cur<'a> = Vec<Option<&'a Value>>;

/// client-go's `evalList` over one action's nodes.
fn walk<'a>(
    cur: Cur<'a>,
    acts: &[Act],
    allow_missing: bool,
    ranges: &mut Ranges,
) -> Result<Cur<'a>, String> {
    let mut cur = cur;
    for act in acts {
        cur = match act {
            Act::Ident(id) if id == "range" => {
                ranges.begin += 1;
                cur
            }
            Act::Ident(id) if id == "end" => {
                if ranges.inside == 0 {
                    return Err("not in range, nothing to end".into());
                }
                ranges.end += 1;
                cur
            }
            Act::Ident(id) => return Err(format!("unrecognized identifier {id}")),
            Act::Step(Step::Field(f)) => {
                // `evalField`: no input, no output (and no error).
                if cur.is_empty() {
                    continue;
                }
                let next: Cur = cur
                    .iter()
                    .filter_map(|v| match v {
                        Some(Value::Object(m)) => m.get(f).map(Some),
                        _ => None,
                    })
                    .collect();
                if next.is_empty() && !allow_missing {
                    return Err(format!("{f} is not found"));
                }
                next
            }
            Act::Step(step) => {
                // `evalArray`: a nil value is skipped; an index must exist.
                let mut next = Vec::new();
                for v in cur.into_iter().flatten() {
                    match (step, v) {
                        (_, Value::Null) => {}
                        (Step::All, Value::Array(a)) => next.extend(a.iter().map(Some)),
                        (Step::Index(i), Value::Array(a)) => match a.get(*i) {
                            Some(x) => next.push(Some(x)),
                            None => {
                                return Err(format!(
                                    "array index out of bounds: index {i}, length {}",
                                    a.len()
                                ));
                            }
                        },
                        (_, other) => {
                            return Err(format!("{} is not array or slice", go_type(other)));
                        }
                    }
                }
                next
            }
        };
    }
    Ok(cur)
}

/// client-go's range bookkeeping (`beginRange`, `inRange`, `endRange`,
/// `lastEndNode`).
#[derive(Default)]
struct Ranges {
    begin: usize,
    inside: usize,
    end: usize,
    last_end: Option<usize>,
}

/// One pending `FindResults` call: the template's nodes from `i`, over
/// `data`, its output kept or (the body of a range with no results)
/// discarded.
struct Call<'a> {
    i: usize,
    data: Option<&'a Value>,
    silent: bool,
    /// A range being run: its node, and the values still to run it over.
    range: Option<(usize, std::vec::IntoIter<Option<&'a Value>>, bool)>,
}

/// `-o jsonpath=TEMPLATE` as client-go's `JSONPath.Execute` runs it:
/// literal text, `{path}` actions (several results joined by spaces) and
/// `{range path}…{end}`. A key that is not there prints nothing when
/// `allow_missing` (kubectl's `--allow-missing-template-keys`, true by
/// default) and is `KEY is not found` otherwise. client-go recurses once
/// per range; here the calls are kept on an explicit stack, so a template
/// 2 500 ranges deep needs no deep call stack.
pub fn jsonpath(v: &Value, template: &str, allow_missing: bool) -> Result<String, String> {
    let nodes = template_nodes(template)?;
    let mut out = String::new();
    let mut ranges = Ranges::default();
    let mut calls = vec![Call {
        i: 0,
        data: Some(v),
        silent: false,
        range: None,
    }];
    while let Some(call) = calls.last_mut() {
        if let Some((node, items, silent)) = &mut call.range {
            let (node, silent) = (*node, *silent);
            if let Some(item) = items.next() {
                calls.push(Call {
                    i: node + 1,
                    data: item,
                    silent,
                    range: None,
                });
                continue;
            }
            // Every value done: go on after the most recent `end` met.
            ranges.inside = ranges.inside.saturating_sub(1);
            call.range = None;
            call.i = match ranges.last_end {
                Some(k) if k > node => k + 1,
                _ => node + 1,
            };
            continue;
        }
        let Some(node) = nodes.get(call.i) else {
            calls.pop();
            continue;
        };
        let results: Vec<Option<Result<&Value, &str>>> = match node {
            Node::Text(t) => vec![Some(Err(t.as_str()))],
            Node::Action(acts) => walk(vec![call.data], acts, allow_missing, &mut ranges)?
                .into_iter()
                .map(|v| v.map(Ok))
                .collect(),
        };
        if ranges.end > 0 && ranges.end <= ranges.inside {
            ranges.end -= 1;
            ranges.last_end = Some(call.i);
            calls.pop();
            continue;
        }
        if ranges.begin > 0 {
            ranges.begin -= 1;
            ranges.inside += 1;
            // A range with no results still walks its body once, over nil,
            // to find its `end`; what that prints is dropped.
            let (items, silent) = if results.is_empty() {
                (vec![None], true)
            } else {
                let values = results.into_iter().map(|r| r.and_then(Result::ok));
                (values.collect(), call.silent)
            };
            call.range = Some((call.i, items.into_iter(), silent));
            continue;
        }
        if !call.silent {
            let texts: Vec<String> = results
                .into_iter()
                .flatten()
                .map(|r| r.map_or_else(str::to_string, go_text))
                .collect();
            out.push_str(&texts.join(" "));
        }
        call.i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The object kubectl's JSONPath printer shows on an execution error,
    /// and `{.metadata}` printed as JSON: both as kubectl v1.32 printed them
    /// (`kubectl label --local -f q.yml x=y -o jsonpath=…`).
    #[test]
    fn go_formats_of_an_object() {
        let v: Value = serde_json::from_str(
            r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"annotations": {"a": "q\"b\\c\n\t\u00a0é😀\u007f\u200d<&>"}, "creationTimestamp": null, "labels": {"x": "y"}, "name": "q"}, "spec": {"containers": [], "hostNetwork": true, "terminationGracePeriodSeconds": 30}}"#,
        )
        .unwrap();
        assert_eq!(
            go_sharp_v(&v),
            r#"map[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"annotations":map[string]interface {}{"a":"q\"b\\c\n\t\u00a0é😀\x7f\u200d<&>"}, "creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"x":"y"}, "name":"q"}, "spec":map[string]interface {}{"containers":[]interface {}{}, "hostNetwork":true, "terminationGracePeriodSeconds":30}}"#
        );
        assert_eq!(
            jsonpath(
                &v,
                "{.metadata}{.spec.containers}{.spec.terminationGracePeriodSeconds}",
                true
            )
            .unwrap(),
            "{\"annotations\":{\"a\":\"q\\\"b\\\\c\\n\\t\u{a0}é😀\u{7f}\u{200d}\\u003c\\u0026\\u003e\"},\"creationTimestamp\":null,\"labels\":{\"x\":\"y\"},\"name\":\"q\"}[]30"
        );
    }

    /// client-go's executor on a two-container pod, as kubectl v1.32 ran
    /// it (`kubectl label --local -f pod.yml x=y -o jsonpath=T`, with and
    /// without `--allow-missing-template-keys=false`): `Ok` what it printed,
    /// `Err` the error it executed into.
    #[test]
    fn jsonpath_executes_as_client_go() {
        let v: Value = serde_json::from_str(
            r#"{"kind":"Pod","metadata":{"name":"busybox"},"spec":{"containers":[{"name":"c"},{"name":"d"}]}}"#,
        )
        .unwrap();
        let cases: &[(&str, bool, Result<&str, &str>)] = &[
            ("{.metadata.é}", true, Ok("")),
            ("a{.metadata.x}b", true, Ok("ab")),
            ("{.metadata.x}", false, Err("x is not found")),
            ("{range .spec.x}[{.name}]{end}", true, Ok("")),
            (
                "{range .spec.x}[{.name}]{end}",
                false,
                Err("x is not found"),
            ),
            ("{range .spec.containers}[{.name}]{end}", true, Ok("[]")),
            (
                "{range .spec.containers[*]}[{.name}:{.foo}]{end}",
                true,
                Ok("[c:][d:]"),
            ),
            (
                "{range .spec.containers[*]}[{.name}:{.foo}]{end}",
                false,
                Err("foo is not found"),
            ),
            (
                "{.spec.containers[5].name}",
                true,
                Err("array index out of bounds: index 5, length 2"),
            ),
            ("{.spec.containers[*].x}", true, Ok("")),
            ("{.spec.containers[*].x}", false, Err("x is not found")),
            ("{.metadata.name.x}", true, Ok("")),
            ("{.metadata.name.x}", false, Err("x is not found")),
            (
                "{.metadata[*]}",
                true,
                Err("map[string]interface {} is not array or slice"),
            ),
            (
                "{range .spec.containers[*]}{.name}{range .x[*]}-{end};{end}",
                true,
                Ok("c;d;"),
            ),
            (
                "{range .spec.containers[*]}{.name}{end} {.kind}",
                true,
                Ok("cd Pod"),
            ),
            ("{range .spec.containers[*]}[{.name}]", true, Ok("[c][d][]")),
            (
                "{range .spec.containers[*]}{range .x}a{end}[{.name}]",
                true,
                Ok("[c][d][]"),
            ),
            ("{.kind}{end}", true, Err("not in range, nothing to end")),
        ];
        for (tpl, allow, expect) in cases {
            let got = jsonpath(&v, tpl, *allow);
            assert_eq!(
                got.as_deref().map_err(String::as_str),
                *expect,
                "{tpl} allow={allow}"
            );
        }
    }

    /// Ranges nested 2 500 deep run on a small stack (client-go recurses
    /// once per range).
    #[test]
    fn jsonpath_ranges_are_not_recursive() {
        let v: Value = serde_json::from_str(r#"{"items":[{"kind":"Pod"}]}"#).unwrap();
        let tpl = format!(
            "{}{{.kind}}{}",
            "{range .items}".repeat(2500),
            "{end}".repeat(2500)
        );
        let tpl2 = format!(
            "{}{{.kind}}{}",
            "{range .items[*]}".repeat(2500),
            "{end}".repeat(2500)
        );
        let got = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || (jsonpath(&v, &tpl, true), jsonpath(&v, &tpl2, true)))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(got, (Ok(String::new()), Ok(String::new())));
    }

    fn check(v: Value, expect: &str) {
        assert_eq!(to_yaml(&v), expect.trim_start_matches('\n'));
    }

    #[test]
    fn yaml_as_kubectl_prints_it() {
        check(
            json!({"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "x", "resourceVersion": "123"},
                   "spec": {"containers": [{"name": "a", "args": ["-c", "echo $i: hi"], "resources": {}}], "volumes": []}}),
            r#"
apiVersion: v1
kind: Pod
metadata:
  name: x
  resourceVersion: "123"
spec:
  containers:
  - args:
    - -c
    - 'echo $i: hi'
    name: a
    resources: {}
  volumes: []
"#,
        );
        check(
            json!({"data": {"haproxy.cfg": "global\n  daemon\n", "empty": "", "n": "80", "t": "yes", "y": 1}}),
            r#"
data:
  empty: ""
  haproxy.cfg: |
    global
      daemon
  "n": "80"
  t: "yes"
  "y": 1
"#,
        );
    }

    #[test]
    fn paths() {
        let v = json!({"status": {"podIP": "10.244.1.2"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]}});
        assert_eq!(jsonpath(&v, "{.status.podIP}", true).unwrap(), "10.244.1.2");
        assert_eq!(
            jsonpath(&v, "{.spec.containers[*].name}", true).unwrap(),
            "a b"
        );
        assert_eq!(
            jsonpath(&v, "ip={.status.podIP}!", true).unwrap(),
            "ip=10.244.1.2!"
        );
        assert_eq!(
            jsonpath(&v, "{.status.hostIP}", false).unwrap_err(),
            "hostIP is not found"
        );
        assert_eq!(
            select(&v, ".spec.containers[1].name").unwrap(),
            vec![&json!("b")]
        );
    }
    /// client-go's parser's answers, recorded from kubectl 1.32
    /// (`kubectl create configmap x --from-literal=a=b --dry-run=client -o
    /// jsonpath=T`, which parses without a cluster): `Ok` where it parsed.
    #[test]
    fn jsonpath_parse_errors_are_client_gos() {
        let cases: &[(&str, Result<(), &str>)] = &[
            (
                "{.status.podIP}{{{{{{{",
                Err("unrecognized character in action: U+007B '{'"),
            ),
            ("{.status.podIP", Err("unclosed action")),
            ("{.a[?(@.b", Err("unterminated filter")),
            ("{.a[?(@.b)}", Err("unclosed array expect ]")),
            ("{..}", Ok(())),
            ("{....}", Err("invalid multiple recursive descent")),
            ("{.. ..}", Err("invalid multiple recursive descent")),
            (
                "{.a[99999999999999999999]}",
                Err("array index 99999999999999999999 is not a number"),
            ),
            ("{.a[x]}", Err("invalid array index x")),
            (
                "{\"a\\q\"}",
                Err("unquote string \"a\\q\" error invalid syntax"),
            ),
            ("{\"a\\377\"}", Ok(())),
            (
                "{\"a\\477\"}",
                Err("unquote string \"a\\477\" error invalid syntax"),
            ),
            ("{'a\"'}", Ok(())),
            ("{1.2.3}", Err("cannot parse number 1.2.3")),
            ("{99999999999999999999}", Ok(())),
            ("{+}", Err("cannot parse number +")),
            ("{١}", Err("cannot parse number ١")),
            ("{é}", Ok(())),
            ("{.a}{ü", Err("unclosed action")),
            ("{€}", Err("unrecognized character in action: U+20AC '€'")),
            ("{\t}", Err("unrecognized character in action: U+0009")),
            ("{.a[-]}", Err("array index - is not a number")),
            ("{.a[1:2:3:4]}", Err("invalid array index 1:2:3:4")),
            ("{.a[1:2:3]}", Ok(())),
            ("{.a[?(@.b==\"x\")]}", Ok(())),
            ("{.a[?(@.b~x)]}", Ok(())),
            (
                "{.a[?(=x)]}",
                Err("unrecognized character in action: U+003D '='"),
            ),
            ("{.a['b']}", Ok(())),
            ("{.a['b',c]}", Err("invalid array index c")),
            ("{.a[b,[c]}", Err("invalid array index b")),
            ("{range .a}{range .b}{end}{end}", Ok(())),
            ("{.a[?(@.b)x]}", Err("unclosed array expect ]")),
            ("{.a}}", Ok(())),
            ("{\n}", Err("unclosed action")),
            ("{#}", Err("unrecognized character in action: U+0023 '#'")),
            ("{.a\\}b}", Ok(())),
            ("{@.a$.b}", Ok(())),
            ("{ }", Ok(())),
            ("{true}", Ok(())),
            ("{.a[]}", Ok(())),
            ("{.a[*]}", Ok(())),
            ("{[?(@.x<\"a)\")]}", Ok(())),
            ("{\"\\u00e9\"}", Ok(())),
            ("{\"\\U0010FFFF\"}", Ok(())),
            (
                "{\"\\x4\"}",
                Err("unquote string \"\\x4\" error invalid syntax"),
            ),
        ];
        for (tpl, expect) in cases {
            let got = check_jsonpath(tpl);
            assert_eq!(
                got.as_ref().map_err(String::as_str),
                expect.as_ref().map_err(|e| *e),
                "{tpl:?}"
            );
        }
    }

    /// Deep or long templates end in bounded time without recursion.
    #[test]
    fn jsonpath_parse_is_not_recursive() {
        let deep = "{".repeat(100_000);
        let ranges = "{range .a}".repeat(10_000) + &"{end}".repeat(10_000);
        let dots = format!("{{{}}}", ".a".repeat(100_000));
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                assert_eq!(
                    check_jsonpath(&deep).unwrap_err(),
                    "unrecognized character in action: U+007B '{'"
                );
                assert_eq!(check_jsonpath(&ranges), Ok(()));
                assert_eq!(check_jsonpath(&dots), Ok(()));
            })
            .unwrap()
            .join()
            .unwrap();
    }

    /// `-o yaml` of `2024-01-0é` cut the `é` in half while deciding
    /// whether the string reads as a timestamp.
    #[test]
    fn yaml_strings_near_a_timestamp() {
        check(
            json!({"a": "2024-01-0é", "b": "2024-01-01", "c": "é2024-01-01"}),
            "a: 2024-01-0é\nb: \"2024-01-01\"\nc: é2024-01-01\n",
        );
    }
}
