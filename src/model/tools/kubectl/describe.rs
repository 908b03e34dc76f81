//! `kubectl describe pod`: kubectl's PodDescriber, written through one Go
//! tabwriter (min width 0, padding 2), so each run of tabbed lines aligns on
//! its own — the odd-looking column jumps in real output come from that.

use crate::model::base::time::SimTime;
use crate::model::lang::kube::objects::VolumeSourceSpec;
use crate::model::sim::cluster::{CState, Cluster, NODE_NAME, Pod, Terminated};
use crate::model::tools::kubectl::object::{self, NODE_IP, SA_MOUNT};
use crate::model::tools::kubectl::{describe_events, table};

/// kubectl describe's tabwriter padding (`describe.go`: `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`).
const PADDING: usize = 2;

fn when(cl: &Cluster, t: SimTime) -> String {
    cl.wall.civil(t).rfc1123z()
}

fn state_lines(w: &mut String, cl: &Cluster, label: &str, s: &CState) {
    match s {
        CState::Waiting { reason, .. } => {
            w.push_str(&format!("    {label}:\tWaiting\n"));
            w.push_str(&format!("      Reason:\t{reason}\n"));
        }
        CState::Running { started } => {
            w.push_str(&format!("    {label}:\tRunning\n"));
            w.push_str(&format!("      Started:\t{}\n", when(cl, *started)));
        }
        CState::Terminated(t) => terminated(w, cl, label, t),
    }
}

fn terminated(w: &mut String, cl: &Cluster, label: &str, t: &Terminated) {
    w.push_str(&format!("    {label}:\tTerminated\n"));
    w.push_str(&format!("      Reason:\t{}\n", t.reason));
    w.push_str(&format!("      Exit Code:\t{}\n", t.exit_code));
    w.push_str(&format!("      Started:\t{}\n", when(cl, t.started)));
    w.push_str(&format!("      Finished:\t{}\n", when(cl, t.finished)));
}

/// The whole `kubectl describe pod NAME` output.
pub fn pod(cl: &Cluster, pod: &Pod) -> String {
    let o = &pod.obj;
    let sa = object::api_access_volume(pod);
    let mut w = String::new();
    w.push_str(&format!("Name:\t{}\n", o.name));
    w.push_str(&format!("Namespace:\t{}\n", pod.namespace));
    w.push_str("Priority:\t0\n");
    w.push_str("Service Account:\tdefault\n");
    if pod.scheduled {
        w.push_str(&format!("Node:\t{NODE_NAME}/{NODE_IP}\n"));
        w.push_str(&format!(
            "Start Time:\t{}\n",
            when(cl, pod.started.unwrap_or(pod.created))
        ));
    } else {
        w.push_str("Node:\t<none>\n");
    }
    if o.labels.is_empty() {
        w.push_str("Labels:\t<none>\n");
    } else {
        for (i, (k, v)) in o.labels.iter().enumerate() {
            let head = if i == 0 { "Labels:" } else { "" };
            w.push_str(&format!("{head}\t{k}={v}\n"));
        }
    }
    w.push_str("Annotations:\t<none>\n");
    w.push_str(&format!("Status:\t{}\n", pod.phase.as_str()));
    match pod.ip {
        Some(ip) => {
            w.push_str(&format!("IP:\t{ip}\n"));
            w.push_str(&format!("IPs:\n  IP:\t{ip}\n"));
        }
        None => {
            w.push_str("IP:\t\n");
            w.push_str("IPs:\t<none>\n");
        }
    }
    w.push_str("Containers:\n");
    for c in &pod.containers {
        let s = &c.spec;
        w.push_str(&format!("  {}:\n", s.name));
        let has_status = pod.scheduled;
        if has_status {
            let id = if matches!(c.state, CState::Running { .. }) || c.restarts > 0 {
                object::container_id(pod, &s.name)
            } else {
                String::new()
            };
            w.push_str(&format!("    Container ID:\t{id}\n"));
        }
        w.push_str(&format!("    Image:\t{}\n", s.image));
        if has_status {
            w.push_str("    Image ID:\t\n");
        }
        let ports: Vec<String> = s
            .ports
            .iter()
            .map(|p| format!("{}/{}", p.port, p.protocol.as_str()))
            .collect();
        match ports.len() {
            0 => w.push_str("    Port:\t<none>\n    Host Port:\t<none>\n"),
            1 => w.push_str(&format!(
                "    Port:\t{}\n    Host Port:\t0/{}\n",
                ports[0],
                s.ports[0].protocol.as_str()
            )),
            _ => {
                let hp: Vec<String> = s
                    .ports
                    .iter()
                    .map(|p| format!("0/{}", p.protocol.as_str()))
                    .collect();
                w.push_str(&format!(
                    "    Ports:\t{}\n    Host Ports:\t{}\n",
                    ports.join(", "),
                    hp.join(", ")
                ));
            }
        }
        for (label, words) in [("Command", &s.command), ("Args", &s.args)] {
            if let Some(words) = words {
                w.push_str(&format!("    {label}:\n"));
                for a in words {
                    for line in a.split('\n') {
                        w.push_str(&format!("      {line}\n"));
                    }
                }
            }
        }
        if has_status {
            state_lines(&mut w, cl, "State", &c.state);
            if let Some(t) = &c.last {
                terminated(&mut w, cl, "Last State", t);
            }
            w.push_str(&format!(
                "    Ready:\t{}\n",
                if c.ready() { "True" } else { "False" }
            ));
            w.push_str(&format!("    Restart Count:\t{}\n", c.restarts));
        }
        if s.env.is_empty() {
            w.push_str("    Environment:\t<none>\n");
        } else {
            w.push_str("    Environment:\n");
            for (k, v) in &s.env {
                w.push_str(&format!("      {k}:\t{v}\n"));
            }
        }
        w.push_str("    Mounts:\n");
        let mut mounts: Vec<(String, String, bool)> = s
            .mounts
            .iter()
            .map(|m| {
                let path = match &m.sub_path {
                    Some(sp) => format!("{} from {} (rw,path=\"{sp}\")", m.path, m.volume),
                    None => format!(
                        "{} from {} ({})",
                        m.path,
                        m.volume,
                        if m.read_only { "ro" } else { "rw" }
                    ),
                };
                (m.path.clone(), path, m.read_only)
            })
            .collect();
        mounts.push((SA_MOUNT.into(), format!("{SA_MOUNT} from {sa} (ro)"), true));
        // kubectl sorts mounts by path.
        crate::model::base::sort::sort_by(&mut mounts, |a, b| a.0.cmp(&b.0));
        for (_, line, _) in mounts {
            w.push_str(&format!("      {line}\n"));
        }
    }
    w.push_str("Conditions:\n  Type\tStatus\n");
    if pod.scheduled {
        let (ready, total) = pod.ready_count();
        let all = if ready == total { "True" } else { "False" };
        let sandbox = if pod.ip.is_some() { "True" } else { "False" };
        for (ty, st) in [
            ("PodReadyToStartContainers", sandbox),
            ("Initialized", "True"),
            ("Ready", all),
            ("ContainersReady", all),
            ("PodScheduled", "True"),
        ] {
            w.push_str(&format!("  {ty} \t{st} \n"));
        }
    } else {
        w.push_str("  PodScheduled \tFalse \n");
    }
    w.push_str("Volumes:\n");
    for v in &o.spec.volumes {
        w.push_str(&format!("  {}:\n", v.name));
        match &v.source {
            VolumeSourceSpec::ConfigMap { name, optional, .. } => {
                w.push_str("    Type:\tConfigMap (a volume populated by a ConfigMap)\n");
                w.push_str(&format!("    Name:\t{name}\n"));
                w.push_str(&format!("    Optional:\t{optional}\n"));
            }
            VolumeSourceSpec::EmptyDir { .. } => {
                w.push_str(
                    "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n",
                );
                w.push_str("    Medium:\t\n");
                w.push_str("    SizeLimit:\t<unset>\n");
            }
            VolumeSourceSpec::Unmodelled(kind) => {
                w.push_str(&format!(
                    "    Type:\t{kind} (podlab does not model this volume type)\n"
                ));
            }
        }
    }
    w.push_str(&format!("  {sa}:\n"));
    w.push_str(
        "    Type:\tProjected (a volume that contains injected data from multiple sources)\n",
    );
    w.push_str("    TokenExpirationSeconds:\t3607\n");
    w.push_str("    ConfigMapName:\tkube-root-ca.crt\n");
    w.push_str("    ConfigMapOptional:\t<nil>\n");
    w.push_str("    DownwardAPI:\ttrue\n");
    w.push_str("QoS Class:\tBestEffort\n");
    w.push_str("Node-Selectors:\t<none>\n");
    w.push_str("Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n");
    w.push_str("\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
    let events = describe_events(cl, &pod.namespace, &o.name);
    if events.is_none() {
        w.push_str("Events:\t<none>\n");
    }
    let mut out = table::tabwrite(&w, 0, PADDING);
    if let Some(e) = events {
        out.push_str("Events:\n");
        out.push_str(&e);
    }
    out
}
