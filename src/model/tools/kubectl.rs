//! What kubectl prints: tables ([`table`]) and the pod views built on them.

pub mod apply;
pub mod cli;
pub mod cobra;
pub mod describe;
pub mod flags;
pub mod object;
pub mod table;

use crate::model::base::time::{SimDuration, SimTime};
use crate::model::sim::cluster::{CState, Cluster, Pod, TerminatedReason};

/// How long ago `t` was, as kubectl works it out: the API stores its
/// timestamps (creationTimestamp, finishedAt, an event's first and last
/// times) as RFC 3339 in whole seconds, so `t` is cut to its wall-clock
/// second before kubectl subtracts it from its own, exact, now.
pub fn since(cluster: &Cluster, t: SimTime) -> SimDuration {
    let stamp = api_seconds(cluster, t) * 1000;
    let now = cluster.wall.unix_ms(cluster.now);
    SimDuration::from_millis(u64::try_from(now - stamp).unwrap_or(0))
}

/// `t` as the API stores it: whole Unix seconds.
fn api_seconds(cluster: &Cluster, t: SimTime) -> i64 {
    cluster.wall.unix_ms(t).div_euclid(1000)
}

/// The STATUS column, by kubectl's `printPod`: the pod phase, overridden by
/// the first container (in status order, which the kubelet sorts by name)
/// that is waiting or terminated with a reason.
pub fn pod_status(pod: &Pod) -> String {
    if !pod.scheduled {
        return "Pending".into();
    }
    let mut reason = pod.phase.as_str().to_string();
    let mut order: Vec<usize> = (0..pod.containers.len()).collect();
    crate::model::base::sort::sort_by(&mut order, |&a, &b| {
        pod.containers[a]
            .spec
            .name
            .cmp(&pod.containers[b].spec.name)
    });
    let mut has_running = false;
    let mut completed = false;
    for &i in order.iter().rev() {
        let c = &pod.containers[i];
        match &c.state {
            CState::Waiting { reason: r, .. } => {
                reason = r.to_string();
                completed = false;
            }
            CState::Terminated(t) => {
                reason = t.reason.to_string();
                completed = t.reason == TerminatedReason::Completed;
            }
            CState::Running { .. } => has_running = true,
        }
    }
    if completed && has_running {
        reason = "NotReady".into();
    }
    reason
}

/// `kubectl get pods [-o wide]` for one namespace; `None` when there are no
/// pods (kubectl then says `No resources found in <ns> namespace.` on stderr).
pub fn get_pods(
    cluster: &Cluster,
    namespace: &str,
    names: &[String],
    wide: bool,
) -> Option<String> {
    let mut rows = vec![{
        let mut h: Vec<String> = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
            .map(String::from)
            .to_vec();
        if wide {
            h.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"].map(String::from));
        }
        h
    }];
    for pod in cluster.pods.values().filter(|p| p.namespace == namespace) {
        if !names.is_empty() && !names.iter().any(|n| n == pod.name()) {
            continue;
        }
        rows.push(pod_row(cluster, pod, wide));
    }
    (rows.len() > 1).then(|| table::render(&rows))
}

pub fn pod_row(cluster: &Cluster, pod: &Pod, wide: bool) -> Vec<String> {
    let (ready, total) = pod.ready_count();
    let restarts = pod.restarts();
    let last_restart = pod
        .containers
        .iter()
        .filter_map(|c| c.last.as_ref().map(|t| t.finished))
        .max();
    let restarts = match last_restart {
        Some(t) if restarts > 0 => format!(
            "{restarts} ({} ago)",
            table::human_duration(since(cluster, t))
        ),
        _ => restarts.to_string(),
    };
    let mut row = vec![
        pod.name().to_string(),
        format!("{ready}/{total}"),
        pod_status(pod),
        restarts,
        table::human_duration(since(cluster, pod.created)),
    ];
    if wide {
        row.push(pod.ip.map_or("<none>".into(), |ip| ip.to_string()));
        row.push(if pod.scheduled {
            crate::model::sim::cluster::NODE_NAME.into()
        } else {
            "<none>".into()
        });
        row.push("<none>".into());
        row.push("<none>".into());
    }
    row
}

/// The Events table of `kubectl describe pod`: `Type Reason Age From Message`,
/// with repeats as `3s (x4 over 7s)`.
pub fn describe_events(cluster: &Cluster, namespace: &str, pod: &str) -> Option<String> {
    let object = format!("pod/{pod}");
    let events: Vec<&crate::model::sim::cluster::Event> = cluster
        .events
        .iter()
        .filter(|e| e.namespace == namespace && e.object == object)
        .collect();
    if events.is_empty() {
        return None;
    }
    let mut rows = vec![
        ["Type", "Reason", "Age", "From", "Message"]
            .map(String::from)
            .to_vec(),
        ["----", "------", "----", "----", "-------"]
            .map(String::from)
            .to_vec(),
    ];
    // kubectl's SortableEvents: by last timestamp (whole seconds), ties in
    // the order the API lists them, which is the order they were created.
    let mut sorted = events;
    crate::model::base::sort::sort_by_key(&mut sorted, |e| api_seconds(cluster, e.last));
    for e in sorted {
        let age = table::human_duration(since(cluster, e.last));
        let age = if e.count > 1 {
            format!(
                "{age} (x{} over {})",
                e.count,
                table::human_duration(since(cluster, e.first))
            )
        } else {
            age
        };
        rows.push(vec![
            if e.warning {
                "Warning".into()
            } else {
                "Normal".into()
            },
            e.reason.clone(),
            age,
            e.from.clone(),
            e.message.clone(),
        ]);
    }
    Some(table::render_with(&rows, 2, "  "))
}
