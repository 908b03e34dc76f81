//! Placement: where every box of a [`Topology`] goes. Clients are stacked
//! on the left; each other pod is a box on the right with its containers
//! (their listening ports as badges on the top edge), the shared localhost
//! band (taller when localhost links run along it), the shared process band
//! and its volumes. What routing needs to draw the lines between them is
//! returned as a [`Placement`].

use super::{
    BADGE_H, BADGE_W, BAND_H, CLIENT_H, CLIENT_W, CONTAINER_H, GAP, Geometry, HEAD_LINE, LANE,
    LINK_ROW, LOCAL_LANE, MARGIN, NodeG, NodeKind, POD_HEAD, POD_PAD, Say, VOLUME_H, VOLUME_W,
    WIDTH, container_id, fit, port_id, say_text, wrap,
};
use crate::model::base::i18n::Key;
use crate::model::view::topology::{Link, PodView, Topology};

/// Where placement put a server pod's parts, for routing.
pub(super) struct PodPlace {
    /// Index of the pod in the topology.
    pub pod: usize,
    /// Width of each container box.
    pub cw: f64,
    /// Top of the container boxes.
    pub cont_y: f64,
    /// Top of the localhost band.
    pub band_y: f64,
    /// Each volume's box: x, y, width.
    pub volumes: Vec<(f64, f64, f64)>,
}

/// What routing needs of the placement.
pub(super) struct Placement {
    /// Left edge of the pods' column.
    pub x0: f64,
    /// The client pods, top to bottom.
    pub clients: Vec<usize>,
    pub pods: Vec<PodPlace>,
    /// Each listener's badge: pod, listener, x of its middle, its top.
    pub badges: Vec<(usize, usize, f64, f64)>,
    /// Each pod's rows for incoming client links: pod, y.
    pub link_rows: Vec<(usize, f64)>,
    /// Where the next client and the next pod would go.
    pub clients_bottom: f64,
    pub pods_bottom: f64,
}

/// Put every node of `t` into `g`.
pub(super) fn place(t: &Topology, g: &mut Geometry, say: Say) -> Placement {
    let clients: Vec<usize> = (0..t.pods.len())
        .filter(|&i| t.pods[i].is_client())
        .collect();
    let servers: Vec<usize> = (0..t.pods.len())
        .filter(|&i| !t.pods[i].is_client())
        .collect();
    let x0 = if clients.is_empty() {
        MARGIN
    } else {
        MARGIN + CLIENT_W + LANE
    };
    let pod_w = WIDTH - x0 - MARGIN;
    // Clients, stacked on the left.
    let cy = clients_column(t, &clients, g, say);
    let mut y = MARGIN;
    // Where each listener's badge is, for the links, and each pod's rows
    // for incoming client links.
    let mut badges: Vec<(usize, usize, f64, f64)> = Vec::new();
    let mut link_rows: Vec<(usize, f64)> = Vec::new();
    let mut pods = Vec::new();
    for &pi in &servers {
        let p = &t.pods[pi];
        let n = p.containers.len().max(1) as f64;
        let inner = pod_w - 2.0 * POD_PAD;
        let cw = (inner - (n - 1.0) * GAP) / n;
        let incoming = t
            .links
            .iter()
            .filter(|l| matches!(l, Link::Client { to, .. } if *to == pi))
            .count();
        let pattern_lines: Vec<String> = p
            .patterns
            .iter()
            .flat_map(|pt| {
                let line = Key::DiagPattern
                    .msg()
                    .arg("name", pt.name)
                    .arg_msg("why", pt.why.clone());
                wrap(&say(&line), pod_w)
            })
            .collect();
        let head = POD_HEAD + pattern_lines.len() as f64 * HEAD_LINE;
        for k in 0..incoming {
            link_rows.push((pi, y + head + 8.0 + k as f64 * LINK_ROW));
        }
        let cont_y = y + head + incoming as f64 * LINK_ROW + BADGE_H + 6.0;
        let band_y = cont_y + CONTAINER_H + 26.0;
        // Localhost links run along the band, above its title.
        let local = t
            .links
            .iter()
            .any(|l| matches!(l, Link::Local { pod, .. } if *pod == pi));
        let band_h = if local { BAND_H + LOCAL_LANE } else { BAND_H };
        let pid_y = band_y + band_h + 8.0;
        let bands_end = if p.shared_pid {
            pid_y + BAND_H
        } else {
            band_y + band_h
        };
        let vol_y = bands_end + 40.0;
        // One or two volumes get half the pod each; more go three to a row.
        let per_row = if p.volumes.len() <= 2 { 2 } else { 3 };
        let rows = p.volumes.len().div_ceil(per_row);
        let bottom = if p.volumes.is_empty() {
            bands_end
        } else {
            vol_y + rows as f64 * (VOLUME_H + 14.0) - 14.0
        };
        let pod_h = bottom + POD_PAD - y;
        g.nodes.push(NodeG {
            texts: Vec::new(),
            id: format!("pod/{}", p.name),
            kind: NodeKind::Pod,
            x: x0,
            y,
            w: pod_w,
            h: pod_h,
            title: say(&Key::DiagPodTitle.msg().arg("name", &p.name)),
            lines: std::iter::once(fit(
                &format!(
                    "IP {} · {} · {}",
                    p.ip.clone().unwrap_or_else(|| "<none>".into()),
                    p.ready,
                    p.status
                ),
                pod_w,
            ))
            .chain(pattern_lines)
            .collect(),
            class: p.status.to_ascii_lowercase(),
        });
        containers(p, pi, (x0, cw, cont_y), g, &mut badges, say);
        bands(p, x0, inner, (band_y, band_h), pid_y, g, say);
        // Volumes, below the bands.
        let volumes = volumes(p, x0, inner, per_row, vol_y, g, say);
        pods.push(PodPlace {
            pod: pi,
            cw,
            cont_y,
            band_y,
            volumes,
        });
        y += pod_h + GAP;
    }
    Placement {
        x0,
        clients,
        pods,
        badges,
        link_rows,
        clients_bottom: cy,
        pods_bottom: y,
    }
}

/// The clients' boxes, stacked on the left; returns where the next would go.
fn clients_column(t: &Topology, clients: &[usize], g: &mut Geometry, say: Say) -> f64 {
    let mut cy = MARGIN + 24.0;
    for &ci in clients {
        let p = &t.pods[ci];
        let c = p.containers.first();
        g.nodes.push(NodeG {
            texts: Vec::new(),
            id: format!("pod/{}", p.name),
            kind: NodeKind::Client,
            x: MARGIN,
            y: cy,
            w: CLIENT_W,
            h: CLIENT_H,
            title: p.name.clone(),
            lines: vec![
                format!("IP {}", p.ip.clone().unwrap_or_else(|| "<none>".into())),
                format!("{} · {}", p.ready, p.status),
                c.map_or(String::new(), |c| {
                    fit(
                        &format!("{} ({})", c.name, say_text(say, &c.program)),
                        CLIENT_W,
                    )
                }),
            ],
            class: c.map_or("waiting", |c| c.health.class()).to_string(),
        });
        cy += CLIENT_H + GAP;
    }
    cy
}

/// A pod's container boxes, `cw` wide from `x0`, and the badges of their
/// listening ports on their top edge (recorded in `badges` for the links).
fn containers(
    p: &PodView,
    pi: usize,
    (x0, cw, cont_y): (f64, f64, f64),
    g: &mut Geometry,
    badges: &mut Vec<(usize, usize, f64, f64)>,
    say: Say,
) {
    for (ci, c) in p.containers.iter().enumerate() {
        let cx = x0 + POD_PAD + ci as f64 * (cw + GAP);
        g.nodes.push(NodeG {
            texts: Vec::new(),
            id: container_id(&p.name, &c.name),
            kind: NodeKind::Container,
            x: cx,
            y: cont_y,
            w: cw,
            h: CONTAINER_H,
            title: fit(&c.name, cw + 12.0),
            lines: vec![
                fit(&c.image, cw),
                fit(&format!("{} · {}", say_text(say, &c.program), c.state), cw),
            ],
            class: c.health.class().into(),
        });
        for (k, (li, l)) in p
            .listeners
            .iter()
            .enumerate()
            .filter(|(_, l)| l.container == ci)
            .enumerate()
        {
            let bx = cx + 12.0 + k as f64 * (BADGE_W + 8.0);
            let by = cont_y - BADGE_H / 2.0;
            let host = if l.ip.is_unspecified() {
                "*".to_string()
            } else {
                l.ip.to_string()
            };
            g.nodes.push(NodeG {
                texts: Vec::new(),
                id: port_id(&p.name, &c.name, l.port),
                kind: NodeKind::Port,
                x: bx,
                y: by,
                w: BADGE_W,
                h: BADGE_H,
                title: format!(":{}", l.port),
                lines: vec![format!("{host}:{}", l.port)],
                class: if l.loopback_only() {
                    "loopback".into()
                } else if l.declared {
                    "declared".into()
                } else {
                    "undeclared".into()
                },
            });
            badges.push((pi, li, bx + BADGE_W / 2.0, by));
        }
    }
}

/// A pod's shared localhost band (top and height), and its shared process
/// band if it has one.
fn bands(
    p: &PodView,
    x0: f64,
    inner: f64,
    band: (f64, f64),
    pid_y: f64,
    g: &mut Geometry,
    say: Say,
) {
    let (band_y, band_h) = band;
    // The ports bound in the pod's localhost, for the band's title and
    // detail line.
    let bound = if p.listeners.is_empty() {
        String::new()
    } else {
        let ports: Vec<String> = p.listeners.iter().map(|l| format!(":{}", l.port)).collect();
        say(&Key::DiagBound.msg().arg("ports", ports.join(" ")))
    };
    g.nodes.push(NodeG {
        texts: Vec::new(),
        id: format!("localhost/{}", p.name),
        kind: NodeKind::Localhost,
        x: x0 + POD_PAD,
        y: band_y,
        w: inner,
        h: band_h,
        // Its title says which ports are bound in it; the detail line is
        // for readers of the geometry (a localhost link crosses the band).
        title: say(&Key::DiagLocalhost.msg().arg("bound", &bound)),
        lines: vec![fit(
            &format!(
                "{} · 127.0.0.1{bound}",
                p.ip.clone().unwrap_or_else(|| say(&Key::DiagNoIpYet.msg())),
            ),
            inner - 230.0,
        )],
        class: "localhost".into(),
    });
    if p.shared_pid {
        let procs: Vec<String> = p
            .containers
            .iter()
            .filter_map(|c| c.pid.map(|pid| format!("{} {pid}", c.name)))
            .collect();
        g.nodes.push(NodeG {
            texts: Vec::new(),
            id: format!("pids/{}", p.name),
            kind: NodeKind::Pids,
            x: x0 + POD_PAD,
            y: pid_y,
            w: inner,
            h: BAND_H,
            title: say(&Key::DiagPids.msg()),
            lines: vec![fit(
                &format!("PID 1 /pause · {}", procs.join(" · ")),
                inner - 260.0,
            )],
            class: "pids".into(),
        });
    }
}

/// A pod's volumes, `per_row` to a row from `vol_y`; returns each one's
/// x, y and width.
fn volumes(
    p: &PodView,
    x0: f64,
    inner: f64,
    per_row: usize,
    vol_y: f64,
    g: &mut Geometry,
    say: Say,
) -> Vec<(f64, f64, f64)> {
    let vw = if per_row == 2 {
        (2.0 * VOLUME_W).min((inner - GAP) / 2.0)
    } else {
        VOLUME_W.min((inner - 2.0 * GAP) / 3.0)
    };
    let mut volumes = Vec::new();
    for (vi, v) in p.volumes.iter().enumerate() {
        let vx = x0 + POD_PAD + (vi % per_row) as f64 * (vw + GAP);
        let vy = vol_y + (vi / per_row) as f64 * (VOLUME_H + 14.0);
        g.nodes.push(NodeG {
            texts: Vec::new(),
            id: format!("volume/{}/{}", p.name, v.name),
            kind: NodeKind::Volume,
            x: vx,
            y: vy,
            w: vw,
            h: VOLUME_H,
            title: fit(&v.name, vw + 12.0),
            lines: vec![
                fit(
                    &match &v.source {
                        Some(s) => format!(
                            "{}: {s}{}",
                            v.kind,
                            if v.missing {
                                say(&Key::DiagNotFound.msg())
                            } else {
                                String::new()
                            }
                        ),
                        None => v.kind.clone(),
                    },
                    vw,
                ),
                fit(
                    &match (v.writers.is_empty(), v.readers.is_empty()) {
                        (true, true) => say(&Key::DiagNoIo.msg()),
                        (false, true) => {
                            say(&Key::DiagWrittenBy.msg().arg("names", p.names(&v.writers)))
                        }
                        (true, false) => {
                            say(&Key::DiagReadBy.msg().arg("names", p.names(&v.readers)))
                        }
                        (false, false) => {
                            format!("{} → {}", p.names(&v.writers), p.names(&v.readers))
                        }
                    },
                    vw,
                ),
            ],
            class: if v.missing {
                "missing".into()
            } else {
                "volume".into()
            },
        });
        volumes.push((vx, vy, vw));
    }
    volumes
}
