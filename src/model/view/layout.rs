//! Where everything of a [`Topology`] goes in the diagram: a pure function
//! from the topology to boxes, badges and polylines in SVG user units. The
//! topology component only maps this geometry to elements.

use crate::model::view::topology::Topology;

mod place;
mod route;

/// Width of the diagram (SVG user units).
pub const WIDTH: f64 = 860.0;
const MARGIN: f64 = 16.0;
const CLIENT_W: f64 = 170.0;
const CLIENT_H: f64 = 96.0;
const LANE: f64 = 76.0;
const POD_HEAD: f64 = 46.0;
const POD_PAD: f64 = 20.0;
const GAP: f64 = 28.0;
const CONTAINER_H: f64 = 74.0;
const BADGE_W: f64 = 64.0;
const BADGE_H: f64 = 20.0;
const BAND_H: f64 = 26.0;
const VOLUME_H: f64 = 62.0;
/// Height of one line of a pod's head (a recognised pattern).
const HEAD_LINE: f64 = 16.0;
const VOLUME_W: f64 = 230.0;
/// Vertical room per client link above a pod's containers.
const LINK_ROW: f64 = 18.0;
/// Width of one character of the diagram's small monospace text.
const CHAR_W: f64 = 6.9;

/// Cut `s` to fit `width` units of small text, with an ellipsis.
fn fit(s: &str, width: f64) -> String {
    let max = ((width - 20.0) / CHAR_W).max(4.0) as usize;
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// Width of one character of the diagram's small sans-serif text (pattern
/// lines), on average.
const SANS_W: f64 = 7.0;

/// Break `s` into lines that fit `width` units of small sans-serif text.
fn wrap(s: &str, width: f64) -> Vec<String> {
    let max = ((width - 20.0) / SANS_W).max(8.0) as usize;
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for w in s.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > max {
            lines.push(std::mem::take(&mut cur));
            cur.push_str("  ");
        } else if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.trim().is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .map(|l| {
            if l.chars().count() <= max {
                l
            } else {
                l.chars()
                    .take(max - 1)
                    .chain(std::iter::once('…'))
                    .collect()
            }
        })
        .collect()
}

fn label(text: String, x: f64, y: f64, anchor: Anchor) -> Option<LabelG> {
    Some(LabelG { text, x, y, anchor })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A pod drawn as a client (it listens nowhere).
    Client,
    /// A pod's boundary.
    Pod,
    Container,
    /// A listening port on a container's top edge.
    Port,
    /// The pod's shared network namespace (its localhost).
    Localhost,
    /// The pod's shared PID namespace, when `shareProcessNamespace` is set.
    Pids,
    Volume,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeG {
    /// Stable identity, for `key`s and tests: e.g. `pod/fruit-service`,
    /// `container/fruit-service/legacy-fruit-service`, `port/fruit-service/80`.
    pub id: String,
    pub kind: NodeKind,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub title: String,
    pub lines: Vec<String>,
    /// CSS class: health or state.
    pub class: String,
}

impl NodeG {
    pub fn contains(&self, o: &NodeG) -> bool {
        o.x >= self.x - 0.01
            && o.y >= self.y - 0.01
            && o.x + o.w <= self.x + self.w + 0.01
            && o.y + o.h <= self.y + self.h + 0.01
    }

    pub fn overlaps(&self, o: &NodeG) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// Where a label's text is anchored, as SVG's `text-anchor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::End => "end",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LabelG {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EdgeG {
    pub id: String,
    pub from: String,
    pub to: String,
    pub points: Vec<(f64, f64)>,
    pub label: Option<LabelG>,
    pub class: String,
}

impl EdgeG {
    /// The SVG `points` attribute.
    pub fn points_attr(&self) -> String {
        self.points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeG>,
    pub edges: Vec<EdgeG>,
}

impl Geometry {
    pub fn node(&self, id: &str) -> Option<&NodeG> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

fn container_id(pod: &str, c: &str) -> String {
    format!("container/{pod}/{c}")
}

fn port_id(pod: &str, container: &str, port: u16) -> String {
    format!("port/{pod}/{container}/{port}")
}

/// Lay the topology out: place the boxes, then route the lines between
/// them.
pub fn layout(t: &Topology) -> Geometry {
    let mut g = Geometry {
        width: WIDTH,
        ..Geometry::default()
    };
    let at = place::place(t, &mut g);
    route::route(t, &at, &mut g);
    g.height = (at.pods_bottom - GAP + MARGIN)
        .max(at.clients_bottom - GAP + MARGIN)
        .max(120.0);
    g
}

/// One step of a request's path, as the diagram lights it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceStep {
    /// The box where the step happens (a container, or a client pod).
    pub node: Option<String>,
    /// The lines it travelled along to get there, and the mount it read.
    pub edges: Vec<String>,
    /// `pod/container`.
    pub who: String,
    pub text: String,
    pub ok: bool,
}

/// Map a request's hops onto the diagram: each hop's box, and the edge
/// from the box of the hop before to it (a reply coming back lights no
/// edge: it travels back along the lines already lit). A hop that read a
/// volume (its `volume`) lights that mount.
pub fn trace_steps(g: &Geometry, hops: &[crate::model::sim::cluster::wire::Hop]) -> Vec<TraceStep> {
    let mut out: Vec<TraceStep> = Vec::new();
    let mut prev: Option<String> = None;
    for h in hops {
        let cname = h.container.as_deref().unwrap_or("");
        let cid = container_id(&h.pod, cname);
        let node = if g.node(&cid).is_some() {
            Some(cid)
        } else {
            Some(format!("pod/{}", h.pod)).filter(|id| g.node(id).is_some())
        };
        let ends_at = |end: &str, n: &str| {
            end == n
                || n.strip_prefix("container/")
                    .is_some_and(|rest| end.starts_with(&format!("port/{rest}/")))
        };
        let mut edges: Vec<String> = match (&prev, &node) {
            (Some(a), Some(b)) if a != b => g
                .edges
                .iter()
                .find(|e| ends_at(&e.from, a) && ends_at(&e.to, b))
                .map(|e| e.id.clone())
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        if let Some(v) = &h.volume {
            let id = format!("mount/{}/{v}/{cname}", h.pod);
            edges.extend(g.edges.iter().filter(|e| e.id == id).map(|e| e.id.clone()));
        }
        out.push(TraceStep {
            node: node.clone(),
            edges,
            who: format!("{}/{}", h.pod, cname),
            text: h.text.clone(),
            ok: h.ok(),
        });
        if node.is_some() {
            prev = node;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::base::time::{SimTime, WallClock};
    use crate::model::project::presets;
    use crate::model::project::workspace;
    use crate::model::view::topology::derive;

    fn lab_geometry(edit: Option<(&str, &str)>) -> Geometry {
        let mut files = workspace::seed();
        if let Some((from, to)) = edit {
            for f in &mut files {
                f.text = f.text.replace(from, to);
            }
        }
        let mut c = workspace::build(&workspace::analyze(&files), WallClock::TEST);
        c.advance_to(SimTime::from_secs(30));
        layout(&derive(&c, "default"))
    }

    #[test]
    fn the_ambassador_lab() {
        let g = lab_geometry(None);
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "pod/busybox",
                "pod/fruit-service",
                "container/fruit-service/legacy-fruit-service",
                "port/fruit-service/legacy-fruit-service/8775",
                "container/fruit-service/fruit-service-ambassador",
                "port/fruit-service/fruit-service-ambassador/80",
                "localhost/fruit-service",
                "volume/fruit-service/fruit-service-volume",
            ]
        );
        let edges: Vec<(&str, Option<&str>, &str)> = g
            .edges
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    e.label.as_ref().map(|l| l.text.as_str()),
                    e.class.as_str(),
                )
            })
            .collect();
        assert_eq!(
            edges,
            [
                (
                    "mount/fruit-service/fruit-service-volume/fruit-service-ambassador",
                    Some("/usr/local/etc/haproxy/ · reads"),
                    "mount reads"
                ),
                (
                    "local/fruit-service/fruit-service-ambassador/127.0.0.1:8775",
                    Some("127.0.0.1:8775"),
                    "local"
                ),
                (
                    "client/busybox/fruit-service/80",
                    Some("curl 10.244.1.2:80"),
                    "client"
                ),
                (
                    "client/busybox/fruit-service/8775",
                    Some("10.244.1.2:8775 reachable too: containerPort is informational"),
                    "client undeclared"
                ),
            ]
        );
        assert_eq!(
            g.node("pod/fruit-service").unwrap().lines,
            [
                "IP 10.244.1.2 · 2/2 · Running",
                "ambassador: fruit-service-ambassador proxies the pod's :80 to",
                "  legacy-fruit-service over localhost (127.0.0.1:8775)",
            ]
        );
    }

    /// Every box on the canvas and inside its pod, containers, volumes and
    /// clients apart, every edge ending on the box it names.
    fn assert_sound(g: &Geometry) {
        for n in &g.nodes {
            assert!(
                n.x >= 0.0 && n.y >= 0.0 && n.x + n.w <= g.width && n.y + n.h <= g.height,
                "{} off canvas",
                n.id
            );
            if let Some(pod) = n.id.split('/').nth(1).filter(|_| !n.id.starts_with("pod/"))
                && let Some(p) = g.node(&format!("pod/{pod}"))
            {
                assert!(p.contains(n), "{} outside its pod", n.id);
            }
        }
        let boxes: Vec<&NodeG> = g
            .nodes
            .iter()
            .filter(|n| {
                matches!(
                    n.kind,
                    NodeKind::Container
                        | NodeKind::Volume
                        | NodeKind::Client
                        | NodeKind::Pids
                        | NodeKind::Localhost
                )
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{} overlaps {}", a.id, b.id);
            }
        }
        let mut ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        ids.extend(g.edges.iter().map(|e| e.id.as_str()));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique (they are keys)");
        for e in &g.edges {
            let to = g
                .node(&e.to)
                .unwrap_or_else(|| panic!("{} ends nowhere", e.id));
            let (x, y) = *e.points.last().unwrap();
            assert!(
                x >= to.x - 0.5
                    && x <= to.x + to.w + 0.5
                    && y >= to.y - 0.5
                    && y <= to.y + to.h + 0.5,
                "{} misses {}",
                e.id,
                e.to
            );
            assert!(g.node(&e.from).is_some(), "{} starts nowhere", e.id);
        }
    }

    #[test]
    fn geometry_is_sound() {
        for edit in [
            None,
            Some(("8775 maxconn", "8776 maxconn")),
            Some(("/usr/local/etc/haproxy/\"", "/etc/haproxy/\"")),
        ] {
            assert_sound(&lab_geometry(edit));
        }
        for p in presets::all() {
            let (g, _) = preset_geometry(p.id, None, true);
            assert_sound(&g);
        }
    }

    /// A preset's diagram at 20 s, after its demonstration if `run`.
    fn preset_geometry(
        id: &str,
        edit: Option<(&str, &str)>,
        run: bool,
    ) -> (Geometry, Option<workspace::CommandRun>) {
        let p = presets::by_id(id).unwrap();
        let mut files = p.files.clone();
        if let Some((from, to)) = edit {
            for f in &mut files {
                f.text = f.text.replace(from, to);
            }
        }
        let mut c = workspace::build(&workspace::analyze(&files), WallClock::TEST);
        c.advance_to(SimTime::from_secs(20));
        let r = run.then(|| presets::demonstrate(&p.demo, &mut c));
        (layout(&derive(&c, "default")), r)
    }

    /// The pod's lines after its IP line: the patterns and why.
    fn patterns(g: &Geometry, pod: &str) -> String {
        g.node(&format!("pod/{pod}")).unwrap().lines[1..].join("\n")
    }

    fn edge<'a>(g: &'a Geometry, id: &str) -> (&'a str, &'a str, String, &'a str) {
        let e = g
            .edges
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no {id}"));
        (
            e.from.as_str(),
            e.to.as_str(),
            e.label.as_ref().map_or(String::new(), |l| l.text.clone()),
            e.class.as_str(),
        )
    }

    #[test]
    fn the_streaming_sidecars() {
        let (g, _) = preset_geometry("sidecar", None, false);
        assert_eq!(
            patterns(&g, "counter"),
            "sidecar: count-log-1 reads what count writes to volume varlog and streams it to its own stdout\n\
             sidecar: count-log-2 reads what count writes to volume varlog and streams it to its own stdout"
        );
        assert_eq!(
            g.node("volume/counter/varlog").unwrap().lines,
            ["emptyDir", "count → count-log-1, count-log-2"]
        );
        assert_eq!(
            edge(&g, "mount/counter/varlog/count"),
            (
                "container/counter/count",
                "volume/counter/varlog",
                "/var/log · writes".into(),
                "mount writes"
            )
        );
        assert_eq!(
            edge(&g, "mount/counter/varlog/count-log-1"),
            (
                "volume/counter/varlog",
                "container/counter/count-log-1",
                "/var/log · reads".into(),
                "mount reads"
            )
        );
        assert!(g.node("pids/counter").is_none());
        assert!(g.nodes.iter().all(|n| n.kind != NodeKind::Client));
    }

    #[test]
    fn the_adapter() {
        let (g, _) = preset_geometry("adapter", None, false);
        assert_eq!(
            patterns(&g, "status-app"),
            "adapter: prometheus-adapter reads what app writes to volume status and serves\n  it, transformed, on :9100"
        );
        assert_eq!(
            edge(&g, "client/busybox/status-app/9100"),
            (
                "pod/busybox",
                "port/status-app/prometheus-adapter/9100",
                "curl 10.244.1.2:9100".into(),
                "client"
            )
        );
        assert_eq!(
            g.node("localhost/status-app").unwrap().lines,
            ["10.244.1.2 · 127.0.0.1 · bound :9100"]
        );
        assert_eq!(
            g.node("localhost/status-app").unwrap().title,
            "shared network namespace (localhost) · bound :9100"
        );
        // With the adapter's port changed to one that is not declared, the
        // diagram says it is reachable all the same.
        let (g, _) = preset_geometry("adapter", Some(("-p 9100", "-p 9200")), false);
        assert_eq!(
            edge(&g, "client/busybox/status-app/9200").3,
            "client undeclared"
        );
    }

    #[test]
    fn the_shared_volume() {
        let (before, _) = preset_geometry("shared-volume", None, false);
        let (g, _) = preset_geometry("shared-volume", None, true);
        for g in [&before, &g] {
            assert_eq!(
                patterns(g, "two-containers"),
                "sidecar: debian-container writes into volume shared-data, which nginx-container\n  serves on :80"
            );
        }
        // nginx listens on 0.0.0.0:80 and [::]:80: one badge.
        let ports: Vec<&str> = g
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Port && n.id.contains("/two-containers/"))
            .map(|n| n.id.as_str())
            .collect();
        assert_eq!(ports, ["port/two-containers/nginx-container/80"]);
        assert_eq!(
            g.node("container/two-containers/debian-container")
                .unwrap()
                .class,
            "done"
        );
        assert_eq!(
            g.node("pod/two-containers").unwrap().lines[0],
            "IP 10.244.1.2 · 1/2 · NotReady"
        );
    }

    #[test]
    fn the_shared_process_namespace() {
        let (g, _) = preset_geometry("process-namespace", None, false);
        let pids = g.node("pids/nginx").expect("the PID namespace is drawn");
        assert_eq!(pids.lines, ["PID 1 /pause · nginx 2 · shell 4"]);
        assert!(g.node("localhost/nginx").unwrap().y + BAND_H <= pids.y);
        let (g, _) = preset_geometry(
            "process-namespace",
            Some((
                "shareProcessNamespace: true",
                "shareProcessNamespace: false",
            )),
            false,
        );
        assert!(g.node("pids/nginx").is_none());
    }

    #[test]
    fn the_trace_lights_each_hop_in_order() {
        let (g, r) = preset_geometry("ambassador", None, true);
        let steps = trace_steps(&g, &r.unwrap().trace);
        let got: Vec<(Option<&str>, Option<&str>, bool)> = steps
            .iter()
            .map(|s| (s.node.as_deref(), s.edges.first().map(String::as_str), s.ok))
            .collect();
        assert_eq!(
            got,
            [
                (Some("pod/busybox"), None, true),
                (
                    Some("container/fruit-service/fruit-service-ambassador"),
                    Some("client/busybox/fruit-service/80"),
                    true
                ),
                (
                    Some("container/fruit-service/fruit-service-ambassador"),
                    None,
                    true
                ),
                (
                    Some("container/fruit-service/legacy-fruit-service"),
                    Some("local/fruit-service/fruit-service-ambassador/127.0.0.1:8775"),
                    true
                ),
                (
                    Some("container/fruit-service/legacy-fruit-service"),
                    None,
                    true
                ),
                (Some("pod/busybox"), None, true),
            ]
        );
        assert_eq!(
            steps[2].text,
            "haproxy listen http-in → server server1 127.0.0.1:8775"
        );
        assert_eq!(steps[2].who, "fruit-service/fruit-service-ambassador");
        // nginx reading the volume lights the mount.
        let (g, r) = preset_geometry("shared-volume", None, true);
        let steps = trace_steps(&g, &r.unwrap().trace);
        assert_eq!(
            steps[1].edges,
            [
                "client/busybox/two-containers/80",
                "mount/two-containers/shared-data/nginx-container"
            ]
        );
        assert_eq!(steps.len(), 3);
    }

    /// Regression (issue 8): the mount a hop lights comes from its typed
    /// volume, not from parsing "(volume " out of its caption.
    #[test]
    fn a_hop_lights_the_mount_of_its_volume_not_of_its_text() {
        let (g, r) = preset_geometry("shared-volume", None, true);
        let mut hops = r.unwrap().trace;
        let nginx = hops.iter().position(|h| h.volume.is_some()).unwrap();
        assert_eq!(hops[nginx].volume.as_deref(), Some("shared-data"));
        let mount = "mount/two-containers/shared-data/nginx-container";
        hops[nginx].text = "nginx served a file".into();
        let steps = trace_steps(&g, &hops);
        assert!(steps[nginx].edges.iter().any(|e| e == mount), "{steps:?}");
        hops[nginx].text = "nginx: GET / → /x (volume shared-data): 200 OK".into();
        hops[nginx].volume = None;
        let steps = trace_steps(&g, &hops);
        assert!(!steps[nginx].edges.iter().any(|e| e == mount), "{steps:?}");
    }

    #[test]
    fn a_failed_request_shows_where() {
        let (g, r) = preset_geometry(
            "ambassador",
            Some(("127.0.0.1:8775", "127.0.0.1:8776")),
            true,
        );
        let steps = trace_steps(&g, &r.unwrap().trace);
        let bad: Vec<(&str, &str)> = steps
            .iter()
            .filter(|s| !s.ok)
            .map(|s| (s.who.as_str(), s.text.as_str()))
            .collect();
        assert!(
            bad.iter()
                .any(|(who, _)| *who == "fruit-service/fruit-service-ambassador"),
            "{bad:?}"
        );
        assert_eq!(bad.last().unwrap().1, "receives 503 Service Unavailable");
    }

    #[test]
    fn a_dead_backend_is_drawn_broken() {
        let g = lab_geometry(Some(("127.0.0.1:8775", "127.0.0.1:8776")));
        let e = g.edges.iter().find(|e| e.id.starts_with("local/")).unwrap();
        assert_eq!(e.class, "local broken");
        assert_eq!(
            e.label.as_ref().unwrap().text,
            "127.0.0.1:8776: nothing listens"
        );
        assert_eq!(
            patterns(&g, "fruit-service"),
            "ambassador: fruit-service-ambassador proxies the pod's :80 to 127.0.0.1:8776\n  over localhost, where nothing listens"
        );
        let l = e.label.as_ref().unwrap();
        let pod = g.node("pod/fruit-service").unwrap();
        assert!(
            l.anchor == Anchor::End && l.x - 31.0 * CHAR_W > pod.x,
            "{l:?}"
        );
    }

    #[test]
    fn a_crashing_ambassador_has_no_port() {
        let g = lab_geometry(Some(("/usr/local/etc/haproxy/\"", "/etc/haproxy/\"")));
        assert!(
            g.node("port/fruit-service/fruit-service-ambassador/80")
                .is_none()
        );
        assert_eq!(
            g.node("container/fruit-service/fruit-service-ambassador")
                .unwrap()
                .class,
            "failed"
        );
    }
}
