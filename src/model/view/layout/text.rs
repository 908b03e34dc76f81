//! Text: where each box's title and lines are written, and where the texts
//! that may slide along their line go, so that no text crosses an edge or
//! another text. The boxes' own texts stay where their box puts them; an
//! edge's label slides within its pod, a band's title and line within the
//! band, each to the free place nearest the one routing or placement chose.

use super::{AIR, Anchor, Font, Geometry, LabelG, NodeG, NodeKind, POD_PAD, Rect, Segment};

/// Write every box's texts into `g`, then settle the edges' labels and the
/// bands' texts.
pub(super) fn place(g: &mut Geometry) {
    for n in &mut g.nodes {
        n.texts = texts_of(n);
    }
    let segments: Vec<Segment> = g.edges.iter().flat_map(|e| e.segments()).collect();
    let band = |n: &NodeG| matches!(n.kind, NodeKind::Localhost | NodeKind::Pids);
    let mut taken: Vec<Rect> = g
        .nodes
        .iter()
        .filter(|n| !band(n))
        .flat_map(|n| n.texts.iter().map(LabelG::bbox))
        .collect();
    // An edge's label may slide within the pod its edge goes to.
    let rooms: Vec<Option<(f64, f64)>> = g
        .edges
        .iter()
        .map(|e| {
            let to = g.node(&e.to)?;
            g.nodes
                .iter()
                .find(|p| p.kind == NodeKind::Pod && p.contains(to))
                .map(|p| (p.x + POD_PAD, p.x + p.w - POD_PAD))
        })
        .collect();
    for (e, room) in g.edges.iter_mut().zip(rooms) {
        if let (Some(l), Some(room)) = (&mut e.label, room) {
            settle(l, room, &segments, &mut taken);
        }
    }
    for n in g.nodes.iter_mut().filter(|n| band(n)) {
        let room = band_room(n);
        for t in &mut n.texts {
            settle(t, room, &segments, &mut taken);
        }
    }
}

/// Where a band's texts may go: its width but for its ends.
pub(super) fn band_room(n: &NodeG) -> (f64, f64) {
    (n.x + 10.0, n.x + n.w - 10.0)
}

/// A box's title and lines where its kind writes them.
pub(super) fn texts_of(n: &NodeG) -> Vec<LabelG> {
    let text = |text: &str, x: f64, y: f64, anchor: Anchor, font: Font| LabelG {
        text: text.to_string(),
        x,
        y,
        anchor,
        font,
    };
    match n.kind {
        // A badge shows its port; its line is for readers of the geometry.
        NodeKind::Port => vec![text(
            &n.title,
            n.x + n.w / 2.0,
            n.y + 14.0,
            Anchor::Middle,
            Font::PortTitle,
        )],
        // A band's title sits at its bottom right (the localhost links run
        // above it), the process band's detail on its left on the same
        // line; the localhost band's detail line is not drawn.
        NodeKind::Localhost | NodeKind::Pids => {
            let y = n.y + n.h - 9.0;
            let title = text(&n.title, n.x + n.w - 10.0, y, Anchor::End, Font::BandTitle);
            let lines = n
                .lines
                .iter()
                .filter(|_| n.kind == NodeKind::Pids)
                .map(|l| text(l, n.x + 10.0, y, Anchor::Start, Font::BandSub));
            std::iter::once(title).chain(lines).collect()
        }
        _ => {
            // A container's title is below the port badges on its top edge.
            let y = n.y
                + if n.kind == NodeKind::Container {
                    25.0
                } else {
                    18.0
                };
            let title = text(&n.title, n.x + 10.0, y, Anchor::Start, Font::Title);
            let lines = n.lines.iter().enumerate().map(|(i, l)| {
                // A pod's lines after its first are its patterns.
                let font = if n.kind == NodeKind::Pod && i > 0 {
                    Font::Pattern
                } else {
                    Font::Sub
                };
                text(
                    l,
                    n.x + 10.0,
                    y + 16.0 * (i as f64 + 1.0),
                    Anchor::Start,
                    font,
                )
            });
            std::iter::once(title).chain(lines).collect()
        }
    }
}

/// Leave `l` where it is if it crosses no segment and no taken box, else
/// slide it along its baseline to the nearest free place within `room`
/// (left and right ends); if there is none it stays. Its box is then taken.
fn settle(l: &mut LabelG, room: (f64, f64), segments: &[Segment], taken: &mut Vec<Rect>) {
    let b = l.bbox();
    let free = |b: &Rect| {
        !segments.iter().any(|&(p, q)| b.hit_by(p, q)) && !taken.iter().any(|t| t.overlaps(b))
    };
    if !free(&b) {
        // What blocks the text's rows, as spans of x.
        let mut blocked: Vec<(f64, f64)> = segments
            .iter()
            .filter_map(|&(p, q)| span_within(p, q, b.y0, b.y1))
            .chain(
                taken
                    .iter()
                    .filter(|t| t.y0 < b.y1 && b.y0 < t.y1)
                    .map(|t| (t.x0, t.x1)),
            )
            .map(|(x0, x1)| (x0 - AIR, x1 + AIR))
            .collect();
        crate::model::base::sort::sort_by(&mut blocked, |a, b| a.0.total_cmp(&b.0));
        let w = b.x1 - b.x0;
        let mut best: Option<f64> = None;
        let mut from = room.0;
        let mut consider = |lo: f64, hi: f64| {
            if hi - lo >= w {
                let x = b.x0.clamp(lo, hi - w);
                if best.is_none_or(|bx| (x - b.x0).abs() < (bx - b.x0).abs()) {
                    best = Some(x);
                }
            }
        };
        for &(x0, x1) in &blocked {
            consider(from, x0.min(room.1));
            from = from.max(x1);
        }
        consider(from, room.1);
        if let Some(x) = best {
            l.x += x - b.x0;
        }
    }
    taken.push(l.bbox());
}

/// The span of x the segment from `p` to `q` covers between heights `y0`
/// and `y1`, if it passes there.
fn span_within(p: (f64, f64), q: (f64, f64), y0: f64, y1: f64) -> Option<(f64, f64)> {
    let (lo, hi) = (p.1.min(q.1), p.1.max(q.1));
    if hi < y0 || lo > y1 {
        return None;
    }
    if hi == lo {
        return Some((p.0.min(q.0), p.0.max(q.0)));
    }
    // The x at the two heights where the segment enters and leaves.
    let at = |y: f64| p.0 + (q.0 - p.0) * (y.clamp(lo, hi) - p.1) / (q.1 - p.1);
    let (a, b) = (at(y0), at(y1));
    Some((a.min(b), a.max(b)))
}
