//! Routing: the lines between the boxes placement put down. Mounts run
//! from a volume up to its containers (a writer's arrow points into the
//! volume), crossing the bands clear of their texts, and are labelled below
//! the bands; localhost links run along the pod's localhost band, above its
//! title; and each client's link to a listener gets its own lane left of
//! the pods and its own row above the pod's containers.

use super::Say;
use super::place::{Placement, PodPlace};
use super::text;
use super::{
    AIR, Anchor, CHAR_W, CLIENT_H, CLIENT_W, CONTAINER_H, EdgeG, GAP, Geometry, MARGIN, POD_PAD,
    WIDTH, container_id, label, port_id,
};
use crate::model::base::i18n::Key;
use crate::model::view::topology::{Link, PodView, Topology};

/// The localhost links' line, below the localhost band's top: their label
/// above it, the band's title below.
const LOCAL_LINE: f64 = 15.0;
/// Height of a mount's turn above its volume.
const MOUNT_TURN: f64 = 16.0;

/// Draw every edge of `t` into `g`, in the order: per pod its mounts then
/// its localhost links, then the client links.
pub(super) fn route(t: &Topology, at: &Placement, g: &mut Geometry, say: Say) {
    for pp in &at.pods {
        mounts(t, &t.pods[pp.pod], pp, at.x0, g, say);
        local_links(t, pp, at.x0, g, say);
    }
    client_links(t, at, g, say);
}

/// Where a localhost link leaves or enters container `c`.
fn local_x(x0: f64, cw: f64, c: usize) -> f64 {
    x0 + POD_PAD + c as f64 * (cw + GAP) + cw * 0.35
}

/// Distance between two mounts' lines on one container.
const MOUNT_STEP: f64 = 12.0;

/// Where each mount's line rises into its container, per volume and mount.
/// It crosses the bands on the way, so it keeps clear of their texts: each
/// text keeps its place if the mounts can go round it, else takes the
/// nearest place where they can. Each line then takes the free place
/// nearest to its own (the container's right, mount by mount leftwards),
/// clear of the texts, of the localhost links and of its other mounts.
fn mount_xs(t: &Topology, p: &PodView, pp: &PodPlace, x0: f64, g: &Geometry) -> Vec<Vec<f64>> {
    let cw = pp.cw;
    let span = |c: usize| {
        let cx = x0 + POD_PAD + c as f64 * (cw + GAP);
        (cx + 12.0, cx + cw - 12.0)
    };
    let mut need = vec![0usize; p.containers.len()];
    for m in p.volumes.iter().flat_map(|v| &v.mounts) {
        need[m.container] += 1;
    }
    // The localhost links' lines to keep off.
    let mut avoid: Vec<(f64, f64)> = Vec::new();
    for l in &t.links {
        if let Link::Local { pod, from, to, .. } = l
            && *pod == pp.pod
        {
            for c in std::iter::once(*from).chain(*to) {
                let x = local_x(x0, cw, c);
                avoid.push((x - AIR, x + AIR));
            }
        }
    }
    // The free stretches of a container's span.
    let free = |c: usize, avoid: &[(f64, f64)]| -> Vec<(f64, f64)> {
        let (lo, hi) = span(c);
        let mut out: Vec<(f64, f64)> = vec![(lo, hi)];
        out.retain(|(lo, hi)| hi >= lo);
        for &(a, b) in avoid {
            out = out
                .into_iter()
                .flat_map(|(lo, hi)| [(lo, hi.min(a)), (lo.max(b), hi)])
                .filter(|(lo, hi)| hi >= lo)
                .collect();
        }
        out
    };
    let room_for = |avoid: &[(f64, f64)]| {
        (0..p.containers.len()).all(|c| {
            let spots: usize = free(c, avoid)
                .iter()
                .map(|(lo, hi)| ((hi - lo) / MOUNT_STEP) as usize + 1)
                .sum();
            spots >= need[c]
        })
    };
    let bands = [format!("localhost/{}", p.name), format!("pids/{}", p.name)];
    if need.iter().any(|&n| n > 0) {
        for n in bands.iter().filter_map(|id| g.node(id)) {
            let (lo, hi) = text::band_room(n);
            for l in text::texts_of(n) {
                let b = l.bbox();
                let w = b.x1 - b.x0;
                // Places one unit apart, nearest first.
                let mut at: Vec<f64> = (0..=((hi - lo - w).max(0.0) as usize))
                    .map(|i| lo + i as f64)
                    .collect();
                crate::model::base::sort::sort_by(&mut at, |a, c| {
                    (a - b.x0).abs().total_cmp(&(c - b.x0).abs())
                });
                let place = std::iter::once(b.x0)
                    .chain(at)
                    .map(|x| (x - AIR, x + w + AIR))
                    .find(|&win| {
                        let mut with = avoid.clone();
                        with.push(win);
                        room_for(&with)
                    });
                avoid.extend(place);
            }
        }
    }
    let mut taken: Vec<Vec<f64>> = vec![Vec::new(); p.containers.len()];
    let mut out = Vec::new();
    for v in &p.volumes {
        let mut xs = Vec::new();
        for (mi, m) in v.mounts.iter().enumerate() {
            let c = m.container;
            let (_, hi) = span(c);
            let want = hi + 12.0 - 24.0 - mi as f64 * MOUNT_STEP;
            let ok = |x: f64| {
                free(c, &avoid)
                    .iter()
                    .any(|&(lo, hi)| (lo..=hi).contains(&x))
                    && taken[c].iter().all(|y| (x - y).abs() >= MOUNT_STEP)
            };
            // Places one unit apart, nearest first.
            let mut near: Vec<f64> = free(c, &avoid)
                .into_iter()
                .flat_map(|(lo, hi)| (0..=((hi - lo) as usize)).map(move |i| lo + i as f64))
                .collect();
            crate::model::base::sort::sort_by(&mut near, |a, b| {
                (a - want).abs().total_cmp(&(b - want).abs())
            });
            let x = std::iter::once(want)
                .chain(near)
                .find(|&x| ok(x))
                .unwrap_or(want);
            taken[c].push(x);
            xs.push(x);
        }
        out.push(xs);
    }
    out
}

/// A volume's mounts, from the volume up to each container.
fn mounts(t: &Topology, p: &PodView, pp: &PodPlace, x0: f64, g: &mut Geometry, say: Say) {
    let cont_y = pp.cont_y;
    let xs = mount_xs(t, p, pp, x0, g);
    for ((v, &(vx, vy, vw)), xs) in p.volumes.iter().zip(&pp.volumes).zip(xs) {
        let id = format!("volume/{}/{}", p.name, v.name);
        for (m, tx) in v.mounts.iter().zip(xs) {
            let c = &p.containers[m.container];
            let sx = vx + vw / 2.0;
            let turn_y = vy - MOUNT_TURN;
            let mut points = vec![
                (sx, vy),
                (sx, turn_y),
                (tx, turn_y),
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
                (true, true) => say(&Key::DiagReadsWrites.msg()),
                (true, false) => say(&Key::DiagWrites.msg()),
                (false, true) => say(&Key::DiagReads.msg()),
                (false, false) => String::new(),
            };
            g.edges.push(EdgeG {
                id: format!("mount/{}/{}/{}", p.name, v.name, c.name),
                from,
                to,
                // Below the bands, left of the line, above its turn: the
                // localhost links between the containers and the band
                // leave no room for it there.
                label: label(
                    format!(
                        "{}{}{io}",
                        m.path,
                        if m.read_only {
                            say(&Key::DiagReadOnly.msg())
                        } else {
                            String::new()
                        }
                    ),
                    tx - 6.0,
                    turn_y - 5.0,
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
fn local_links(t: &Topology, pp: &PodPlace, x0: f64, g: &mut Geometry, say: Say) {
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
        let fx = local_x(x0, cw, *from);
        let line_y = band_y + LOCAL_LINE;
        let (tx, to_id, class) = match to {
            Some(t) => (
                local_x(x0, cw, *t),
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
                    say(&Key::DiagNothingListens.msg().arg("addr", addr)),
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
/// left of the pod and its own row above the pod's containers, its label
/// above its row. A link's drop to its badge crosses the rows below its
/// own, so the rows go from the rightmost badge down (no line crosses
/// another), except that a label with no room between the drops above it
/// takes the top row. The top row gets the outermost lane.
fn client_links(t: &Topology, at: &Placement, g: &mut Geometry, say: Say) {
    let (clients, badges, x0) = (&at.clients, &at.badges, at.x0);
    // Each link that can be drawn: its client, pod, listener, label, and
    // its badge's middle and top.
    struct Pending {
        ci: usize,
        from: usize,
        to: usize,
        listener: usize,
        declared: bool,
        text: String,
        bx: f64,
        by: f64,
    }
    let mut pending: Vec<Pending> = Vec::new();
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
        let p = &t.pods[*to];
        let port = p.listeners[*listener].port;
        let ip = p.ip.clone().unwrap_or_default();
        pending.push(Pending {
            ci,
            from: *from,
            to: *to,
            listener: *listener,
            declared: *declared,
            text: if *declared {
                format!("curl {ip}:{port}")
            } else {
                say(&Key::DiagReachableToo
                    .msg()
                    .arg("addr", format!("{ip}:{port}")))
            },
            bx,
            by,
        });
    }
    // Each pod's rows, top down, and the link on each.
    let room = (x0 + POD_PAD, WIDTH - MARGIN - POD_PAD);
    let mut rows: Vec<(f64, usize)> = Vec::new();
    let mut pods: Vec<usize> = at.link_rows.iter().map(|&(p, _)| p).collect();
    pods.dedup();
    for pod in pods {
        let mut order: Vec<usize> = (0..pending.len())
            .filter(|&i| pending[i].to == pod)
            .collect();
        crate::model::base::sort::sort_by(&mut order, |&a, &b| {
            pending[b].bx.total_cmp(&pending[a].bx)
        });
        for _ in 0..order.len() {
            let unfit = (1..order.len()).find(|&k| {
                let drops: Vec<f64> = order[..k].iter().map(|&i| pending[i].bx).collect();
                let w = super::cols(&pending[order[k]].text) as f64 * CHAR_W;
                !fits(w, &drops, room)
            });
            let Some(k) = unfit else { break };
            let i = order.remove(k);
            order.insert(0, i);
        }
        let ys = at.link_rows.iter().filter(|&&(p, _)| p == pod);
        rows.extend(ys.zip(order).map(|(&(_, y), i)| (y, i)));
    }
    crate::model::base::sort::sort_by(&mut rows, |a, b| a.0.total_cmp(&b.0));
    // The edges go in the topology's order.
    let mut at_row: Vec<Option<(usize, f64)>> = vec![None; pending.len()];
    for (k, &(row_y, i)) in rows.iter().enumerate() {
        at_row[i] = Some((k, row_y));
    }
    let n = rows.len();
    for (l, at_row) in pending.iter().zip(at_row) {
        let Some((k, row_y)) = at_row else { continue };
        let src_y = MARGIN + 24.0 + l.ci as f64 * (CLIENT_H + GAP) + CLIENT_H / 2.0 - 12.0
            + k as f64 * 12.0;
        let lane_x = MARGIN + CLIENT_W + 18.0 + (n - 1 - k) as f64 * 14.0;
        let p = &t.pods[l.to];
        let port = p.listeners[l.listener].port;
        let c = &p.containers[p.listeners[l.listener].container];
        let row_y = row_y + 6.0;
        g.edges.push(EdgeG {
            id: format!("client/{}/{}/{port}", t.pods[l.from].name, p.name),
            from: format!("pod/{}", t.pods[l.from].name),
            to: port_id(&p.name, &c.name, port),
            points: vec![
                (MARGIN + CLIENT_W, src_y),
                (lane_x, src_y),
                (lane_x, row_y),
                (l.bx, row_y),
                (l.bx, l.by),
            ],
            label: label(l.text.clone(), x0 + POD_PAD, row_y - 4.0, Anchor::Start),
            class: if l.declared {
                "client".into()
            } else {
                "client undeclared".into()
            },
        });
    }
}

/// Whether a label `w` wide fits in `room` between the drops at `xs`
/// (with the air the text pass keeps).
fn fits(w: f64, xs: &[f64], room: (f64, f64)) -> bool {
    let mut xs = xs.to_vec();
    crate::model::base::sort::sort_by(&mut xs, f64::total_cmp);
    let mut from = room.0;
    for x in xs {
        if x - AIR - from >= w {
            return true;
        }
        from = from.max(x + AIR);
    }
    room.1 - from >= w
}
