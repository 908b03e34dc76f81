//! Routing: the lines between the boxes placement put down. Mounts run
//! from a volume up to its containers (a writer's arrow points into the
//! volume), localhost links cross the pod's localhost band, and each
//! client's link to a listener gets its own lane left of the pods and its
//! own row above the pod's containers.

use super::place::{Placement, PodPlace};
use super::{
    Anchor, BAND_H, CLIENT_H, CLIENT_W, CONTAINER_H, EdgeG, GAP, Geometry, MARGIN, POD_PAD,
    container_id, label, port_id,
};
use crate::model::view::topology::{Link, PodView, Topology};

/// Draw every edge of `t` into `g`, in the order: per pod its mounts then
/// its localhost links, then the client links.
pub(super) fn route(t: &Topology, at: &Placement, g: &mut Geometry) {
    for pp in &at.pods {
        mounts(&t.pods[pp.pod], pp, at.x0, g);
        local_links(t, pp, at.x0, g);
    }
    client_links(t, at, g);
}

/// A volume's mounts, from the volume up to each container.
fn mounts(p: &PodView, pp: &PodPlace, x0: f64, g: &mut Geometry) {
    let (cw, cont_y) = (pp.cw, pp.cont_y);
    for (v, &(vx, vy, vw)) in p.volumes.iter().zip(&pp.volumes) {
        let id = format!("volume/{}/{}", p.name, v.name);
        for (mi, m) in v.mounts.iter().enumerate() {
            let c = &p.containers[m.container];
            let cx = x0 + POD_PAD + m.container as f64 * (cw + GAP);
            let tx = cx + cw - 24.0 - mi as f64 * 12.0;
            let sx = vx + vw / 2.0;
            let mut points = vec![
                (sx, vy),
                (sx, vy - 16.0),
                (tx, vy - 16.0),
                (tx, cont_y + CONTAINER_H),
            ];
            let writes = v.writers.contains(&m.container);
            let reads = v.readers.contains(&m.container);
            let (mut from, mut to) = (id.clone(), container_id(&p.name, &c.name));
            // A writer's arrow points into the volume.
            if writes && !reads {
                points.reverse();
                std::mem::swap(&mut from, &mut to);
            }
            let io = match (writes, reads) {
                (true, true) => " · reads, writes",
                (true, false) => " · writes",
                (false, true) => " · reads",
                (false, false) => "",
            };
            g.edges.push(EdgeG {
                id: format!("mount/{}/{}/{}", p.name, v.name, c.name),
                from,
                to,
                label: label(
                    format!("{}{}{io}", m.path, if m.read_only { " (ro)" } else { "" }),
                    tx - 6.0,
                    cont_y + CONTAINER_H + 14.0,
                    Anchor::End,
                ),
                points,
                class: format!(
                    "mount{}{}{}",
                    if v.missing { " missing" } else { "" },
                    if writes { " writes" } else { "" },
                    if reads { " reads" } else { "" }
                ),
            });
        }
    }
}

/// Container to container over localhost.
fn local_links(t: &Topology, pp: &PodPlace, x0: f64, g: &mut Geometry) {
    let pi = pp.pod;
    let p = &t.pods[pi];
    let (cw, cont_y, band_y) = (pp.cw, pp.cont_y, pp.band_y);
    for link in &t.links {
        let Link::Local {
            pod,
            from,
            to,
            addr,
        } = link
        else {
            continue;
        };
        if *pod != pi {
            continue;
        }
        let fx = x0 + POD_PAD + *from as f64 * (cw + GAP) + cw * 0.35;
        let line_y = band_y + BAND_H / 2.0;
        let (tx, to_id, class) = match to {
            Some(t) => (
                x0 + POD_PAD + *t as f64 * (cw + GAP) + cw * 0.35,
                container_id(&p.name, &p.containers[*t].name),
                "local",
            ),
            None => (fx + 90.0, format!("localhost/{}", p.name), "local broken"),
        };
        let mut points = vec![(fx, cont_y + CONTAINER_H), (fx, line_y)];
        points.push((tx, line_y));
        if to.is_some() {
            points.push((tx, cont_y + CONTAINER_H));
        }
        let label_x = (fx + tx) / 2.0;
        g.edges.push(EdgeG {
            id: format!("local/{}/{}/{addr}", p.name, p.containers[*from].name),
            from: container_id(&p.name, &p.containers[*from].name),
            to: to_id,
            points,
            // A broken link's longer label reads leftwards from its stub,
            // inside the pod.
            label: if to.is_some() {
                label(
                    addr.clone(),
                    label_x.min(tx) + 6.0,
                    line_y - 5.0,
                    Anchor::Start,
                )
            } else {
                label(
                    format!("{addr}: nothing listens"),
                    fx - 6.0,
                    line_y - 5.0,
                    Anchor::End,
                )
            },
            class: class.into(),
        });
    }
}

/// Clients to the listeners they can reach: each link has its own lane
/// left of the pod and its own row above the pod's containers.
fn client_links(t: &Topology, at: &Placement, g: &mut Geometry) {
    let (clients, badges, x0) = (&at.clients, &at.badges, at.x0);
    let mut link_rows = at.link_rows.clone();
    let mut lane = 0.0;
    for link in &t.links {
        let Link::Client {
            from,
            to,
            listener,
            declared,
        } = link
        else {
            continue;
        };
        let Some(ci) = clients.iter().position(|c| c == from) else {
            continue;
        };
        let Some(&(_, _, bx, by)) = badges.iter().find(|(p, l, _, _)| p == to && l == listener)
        else {
            continue;
        };
        let Some(row) = link_rows.iter().position(|(p, _)| p == to) else {
            continue;
        };
        let (_, row_y) = link_rows.remove(row);
        let src_y =
            MARGIN + 24.0 + ci as f64 * (CLIENT_H + GAP) + CLIENT_H / 2.0 - 12.0 + lane * 12.0;
        let lane_x = MARGIN + CLIENT_W + 18.0 + lane * 14.0;
        lane += 1.0;
        let p = &t.pods[*to];
        let l = &p.listeners[*listener];
        let c = &p.containers[l.container];
        let ip = p.ip.clone().unwrap_or_default();
        let row_y = row_y + 6.0;
        g.edges.push(EdgeG {
            id: format!("client/{}/{}/{}", t.pods[*from].name, p.name, l.port),
            from: format!("pod/{}", t.pods[*from].name),
            to: port_id(&p.name, &c.name, l.port),
            points: vec![
                (MARGIN + CLIENT_W, src_y),
                (lane_x, src_y),
                (lane_x, row_y),
                (bx, row_y),
                (bx, by),
            ],
            label: label(
                if *declared {
                    format!("curl {ip}:{}", l.port)
                } else {
                    format!(
                        "{ip}:{} reachable too: containerPort is informational",
                        l.port
                    )
                },
                x0 + POD_PAD,
                row_y - 4.0,
                Anchor::Start,
            ),
            class: if *declared {
                "client".into()
            } else {
                "client undeclared".into()
            },
        });
    }
}
