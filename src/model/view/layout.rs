//! Where everything of a [`Topology`] goes in the diagram: a pure function
//! from the topology to boxes, badges, polylines and texts in SVG user
//! units, with no text crossing a line or another text. The topology
//! component only maps this geometry to elements.

use crate::model::base::i18n::{Msg, Text};
use crate::model::view::topology::Topology;

mod place;
mod route;
mod text;

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
/// What the localhost band grows by when localhost links run along it: their
/// line and label, above its title.
const LOCAL_LANE: f64 = 14.0;
const VOLUME_H: f64 = 62.0;
/// Height of one line of a pod's head (a recognised pattern).
const HEAD_LINE: f64 = 16.0;
const VOLUME_W: f64 = 230.0;
/// Vertical room per client link above a pod's containers.
const LINK_ROW: f64 = 18.0;
/// Air kept between a text that had to move and what it moved away from.
const AIR: f64 = 4.0;
/// Width of one character of the diagram's small monospace text.
const CHAR_W: f64 = 6.9;

/// The East Asian Wide and Fullwidth ranges of Unicode's UAX #11 ("East
/// Asian Width"), in short: Hangul Jamo, the CJK radicals, punctuation,
/// kana, ideographs and Yi (U+2E80–A4CF), Hangul syllables, CJK
/// compatibility ideographs, vertical and compatibility forms, and the
/// fullwidth forms. A character of these takes two columns of text.
const WIDE: [(char, char); 7] = [
    ('\u{1100}', '\u{115F}'),
    ('\u{2E80}', '\u{A4CF}'),
    ('\u{AC00}', '\u{D7A3}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FE30}', '\u{FE4F}'),
    ('\u{FF00}', '\u{FF60}'),
    ('\u{FFE0}', '\u{FFE6}'),
];

/// The columns a character takes: 2 for East Asian Wide and Fullwidth
/// ([`WIDE`]), else 1.
fn char_cols(c: char) -> usize {
    if WIDE.iter().any(|&(a, b)| (a..=b).contains(&c)) {
        2
    } else {
        1
    }
}

/// The columns `s` takes: what the diagram measures text in (a column is
/// one character of Latin text; CJK characters are about twice as wide).
pub fn cols(s: &str) -> usize {
    s.chars().map(char_cols).sum()
}

/// The longest start of `s` within `max` columns.
fn take_cols(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_cols(c);
        if used > max {
            return &s[..i];
        }
    }
    s
}

/// Cut `s` to fit `width` units of small text, with an ellipsis.
fn fit(s: &str, width: f64) -> String {
    let max = ((width - 20.0) / CHAR_W).max(4.0) as usize;
    if cols(s) <= max {
        s.to_string()
    } else {
        let mut t = take_cols(s, max - 1).to_string();
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
        // Chinese text breaks between any two wide characters; a word of
        // Latin letters only at its spaces.
        for (j, piece) in pieces(w).into_iter().enumerate() {
            let sep = if j == 0 { 1 } else { 0 };
            if !cur.is_empty() && cols(&cur) + sep + cols(piece) > max {
                lines.push(std::mem::take(&mut cur));
                cur.push_str("  ");
            } else if !cur.is_empty() && sep == 1 {
                cur.push(' ');
            }
            cur.push_str(piece);
        }
    }
    if !cur.trim().is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .map(|l| {
            if cols(&l) <= max {
                l
            } else {
                let mut t = take_cols(&l, max - 1).to_string();
                t.push('…');
                t
            }
        })
        .collect()
}

/// A word cut where a line may break inside it: before and after each wide
/// character (a run of narrow ones stays whole; closing punctuation such as
/// `，` stays with what it closes, and the last character with the one
/// before it, so neither starts a line alone).
fn pieces(w: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_wide = false;
    for (i, c) in w.char_indices() {
        let wide = char_cols(c) == 2;
        let closing = matches!(
            c,
            '，' | '。' | '、' | '：' | '；' | '）' | '」' | '！' | '？'
        );
        if i > start && (wide || prev_wide) && !closing {
            out.push(&w[start..i]);
            start = i;
        }
        prev_wide = wide;
    }
    // A word's last character does not go to a line of its own ("提供"
    // stays whole).
    if w[start..].chars().count() == 1
        && prev_wide
        && let Some(p) = out.pop()
    {
        start -= p.len();
    }
    out.push(&w[start..]);
    out
}

/// How the diagram writes podlab's own words: each message rendered in the
/// language shown, by the caller (the layout itself never picks a
/// language). [`layout`] writes English.
pub type Say<'a> = &'a dyn Fn(&Msg) -> String;

/// A text that is either a tool's or a program's name (as written) or
/// podlab's own words (as `say` renders them).
fn say_text(say: Say, t: &Text) -> String {
    match t {
        Text::Verbatim(s) => s.clone(),
        Text::Own(m) => say(m),
    }
}

fn label(text: String, x: f64, y: f64, anchor: Anchor) -> Option<LabelG> {
    Some(LabelG {
        text,
        x,
        y,
        anchor,
        font: Font::Label,
    })
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
    /// The title and lines as drawn, title first (a band's hidden detail
    /// line and a badge's line are not drawn).
    pub texts: Vec<LabelG>,
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
    Middle,
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// What a text is, and so its font, as `static/style.css` sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// A box's title: 600 13px sans.
    Title,
    /// A port badge's title: 600 11.5px mono.
    PortTitle,
    /// A band's title: 600 11px sans.
    BandTitle,
    /// A box's detail line: 11.5px mono.
    Sub,
    /// The process band's detail line: 11px mono.
    BandSub,
    /// A pod's pattern line: 600 11.5px sans.
    Pattern,
    /// An edge's label: 11.5px mono.
    Label,
}

impl Font {
    /// Font size in SVG user units.
    pub fn size(self) -> f64 {
        match self {
            Font::Title => 13.0,
            Font::BandTitle | Font::BandSub => 11.0,
            Font::PortTitle | Font::Sub | Font::Pattern | Font::Label => 11.5,
        }
    }

    /// Estimated width of one character: [`CHAR_W`] and [`SANS_W`] are
    /// those of 11.5px text, scaled to this font's size.
    pub fn char_w(self) -> f64 {
        let at_11_5 = match self {
            Font::PortTitle | Font::Sub | Font::BandSub | Font::Label => CHAR_W,
            Font::Title | Font::BandTitle | Font::Pattern => SANS_W,
        };
        at_11_5 * self.size() / 11.5
    }

    /// The `<text>` element's CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Font::Title | Font::PortTitle | Font::BandTitle => "title",
            Font::Sub | Font::BandSub => "sub",
            Font::Pattern => "sub pattern",
            Font::Label => "label",
        }
    }
}

/// A rectangle: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether the segment from `a` to `b` enters the rectangle
    /// (Liang–Barsky clipping).
    pub fn hit_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 <= t1
    }
}

/// A text in the diagram, at its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelG {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub font: Font,
}

impl LabelG {
    /// Estimated width: characters times the font's character width.
    pub fn width(&self) -> f64 {
        cols(&self.text) as f64 * self.font.char_w()
    }

    /// The box the text is estimated to cover: from its ascent above the
    /// baseline to its descent below.
    pub fn bbox(&self) -> Rect {
        let w = self.width();
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        let size = self.font.size();
        Rect {
            x0,
            y0: self.y - 0.8 * size,
            x1: x0 + w,
            y1: self.y + 0.25 * size,
        }
    }
}

/// A straight piece of a line, from one point to the next.
pub type Segment = ((f64, f64), (f64, f64));

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

    /// The straight pieces of the line.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.points.windows(2).map(|w| (w[0], w[1]))
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

    /// Every text drawn: the boxes' titles and lines, then the edges'
    /// labels.
    pub fn texts(&self) -> impl Iterator<Item = &LabelG> {
        self.nodes
            .iter()
            .flat_map(|n| &n.texts)
            .chain(self.edges.iter().filter_map(|e| e.label.as_ref()))
    }
}

fn container_id(pod: &str, c: &str) -> String {
    format!("container/{pod}/{c}")
}

fn port_id(pod: &str, container: &str, port: u16) -> String {
    format!("port/{pod}/{container}/{port}")
}

/// Lay the topology out: place the boxes, route the lines between them,
/// then write the texts where no line crosses them.
pub fn layout(t: &Topology) -> Geometry {
    layout_in(t, &Msg::en)
}

/// [`layout`] with podlab's own words rendered by `say` (e.g. in the
/// language shown): every text is measured as written, so the boxes, the
/// lines and the labels' places fit that language's words.
pub fn layout_in(t: &Topology, say: Say) -> Geometry {
    let mut g = Geometry {
        width: WIDTH,
        ..Geometry::default()
    };
    let at = place::place(t, &mut g, say);
    route::route(t, &at, &mut g, say);
    text::place(&mut g);
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
    /// The hop's caption, rendered in the language shown.
    pub text: crate::model::base::i18n::Msg,
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
    use crate::model::base::i18n::Lang;
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
        preset_geometry_in(id, edit, run, Lang::En)
    }

    /// [`preset_geometry`] with podlab's words in `lang`.
    fn preset_geometry_in(
        id: &str,
        edit: Option<(&str, &str)>,
        run: bool,
        lang: Lang,
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
        (layout_in(&derive(&c, "default"), &|m| m.render(lang)), r)
    }

    /// What crosses what in `g`: each text whose box a segment of an edge
    /// enters, and each two texts whose boxes overlap.
    fn crossings(g: &Geometry) -> Vec<String> {
        let texts: Vec<&LabelG> = g.texts().collect();
        let mut out = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let b = t.bbox();
            for e in &g.edges {
                if e.segments().any(|(p, q)| b.hit_by(p, q)) {
                    out.push(format!("{:?} crosses edge {}", t.text, e.id));
                }
            }
            for u in &texts[i + 1..] {
                if b.overlaps(&u.bbox()) {
                    out.push(format!("{:?} overlaps {:?}", t.text, u.text));
                }
            }
        }
        out
    }

    /// The rule for the diagram: no text crosses an edge or another text,
    /// on every preset, settled and after its demonstration, and on the
    /// lab broken in the ways a learner breaks it; in each language (the
    /// Chinese labels measured with their wide characters).
    #[test]
    fn no_text_crosses_an_edge_or_another_text() {
        for lang in Lang::ALL {
            no_text_crosses_in(lang);
        }
    }

    fn no_text_crosses_in(lang: Lang) {
        let check = |id: &str, edit: Option<(&str, &str)>, run: bool| {
            if let Some((from, _)) = edit {
                let p = presets::by_id(id).unwrap();
                assert!(p.files.iter().any(|f| f.text.contains(from)), "{from:?}");
            }
            let (g, _) = preset_geometry_in(id, edit, run, lang);
            assert!(g.texts().count() > 4, "{id}: texts are drawn");
            let found = crossings(&g);
            assert!(
                found.is_empty(),
                "{lang:?} {id} {edit:?} run={run}:\n{}",
                found.join("\n")
            );
            assert_sound(&g);
            let over = overflowing(&g);
            assert!(
                over.is_empty(),
                "{lang:?} {id} {edit:?} run={run}:\n{}",
                over.join("\n")
            );
        };
        for p in presets::all() {
            check(p.id, None, false);
            check(p.id, None, true);
        }
        for edit in [
            // A containerPort that is not where HAProxy binds.
            ("containerPort: 80", "containerPort: 8080"),
            // HAProxy binding another port than the declared one.
            ("bind *:80", "bind *:81"),
            // haproxy.cfg's server where nothing listens.
            ("127.0.0.1:8775 maxconn", "127.0.0.1:8776 maxconn"),
            // The pod's volume names a ConfigMap that does not exist.
            (
                "configMap:\n        name: fruit-service-ambassador-config",
                "configMap:\n        name: no-such-config",
            ),
        ] {
            check("ambassador", Some(edit), false);
            check("ambassador", Some(edit), true);
        }
        // The adapter serving a port it does not declare.
        check("adapter", Some(("-p 9100", "-p 9200")), true);
    }

    /// Each box's texts that reach past its right edge (a box's own title
    /// and lines, as measured; a band's texts slide inside it).
    fn overflowing(g: &Geometry) -> Vec<String> {
        let mut out = Vec::new();
        for n in &g.nodes {
            for t in &n.texts {
                let b = t.bbox();
                if b.x1 > n.x + n.w + 0.5 || b.x0 < n.x - 0.5 {
                    out.push(format!("{:?} leaves {}", t.text, n.id));
                }
            }
        }
        out
    }

    /// The measure counts a wide character as two columns (UAX #11), so
    /// Chinese text is cut and wrapped at its drawn width; Latin text as
    /// before.
    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(cols("count-log-1"), 11);
        assert_eq!(cols("共享的 network"), 14);
        assert_eq!(cols("ＡＢ"), 4);
        // 10 columns fit `fit(…, 20 + 10 × CHAR_W)`.
        let w = 20.0 + 10.0 * CHAR_W;
        assert_eq!(fit("abcdefghij", w), "abcdefghij");
        assert_eq!(fit("abcdefghijk", w), "abcdefghi…");
        assert_eq!(fit("由 count 讀取資料", w), "由 count …");
        assert_eq!(fit("讀取讀取讀取", w), "讀取讀取…");
        // Wrapping breaks between Chinese characters, never before `，`.
        let lines = wrap(
            "sidecar：count-log-1 讀取 count 寫入 volume varlog 的內容，並串流輸出到自己的 stdout",
            20.0 + 24.0 * SANS_W,
        );
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(cols(l) <= 24, "{l:?}");
            assert!(!l.trim_start().starts_with('，'), "{l:?}");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            "sidecar：count-log-1讀取count寫入volumevarlog的內容，並串流輸出到自己的stdout"
        );
        assert_eq!(pieces("在提供"), ["在", "提供"]);
        assert_eq!(pieces("內容，並串流"), ["內", "容，", "並", "串流"]);
        assert_eq!(pieces("count-log-1"), ["count-log-1"]);
    }

    /// The diagram's own words in Chinese: its bands, volumes, patterns.
    #[test]
    fn the_diagram_speaks_chinese() {
        let (g, _) = preset_geometry_in("sidecar", None, true, Lang::ZhTw);
        let pod = g.nodes.iter().find(|n| n.kind == NodeKind::Pod).unwrap();
        assert!(pod.title.starts_with("Pod "), "{}", pod.title);
        let head = pod.lines[1..].join(" ");
        assert!(
            head.contains("sidecar：count-log-1 讀取 count 寫入 volume"),
            "{head}"
        );
        let band = g
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::Localhost)
            .unwrap();
        assert_eq!(band.title, "共享 network namespace（localhost）");
        let texts: Vec<&str> = g.texts().map(|t| t.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.ends_with(" · 讀取")), "{texts:?}");
        assert!(texts.iter().any(|t| t.ends_with(" · 寫入")), "{texts:?}");
        // The overflow check sees a text wider than its box: the
        // container's title written twenty times over, in Chinese.
        let mut g = g;
        assert_eq!(overflowing(&g), Vec::<String>::new());
        let c = g
            .nodes
            .iter_mut()
            .find(|n| n.kind == NodeKind::Container)
            .unwrap();
        c.texts[0].text = "讀取".repeat(20);
        assert_eq!(overflowing(&g).len(), 1);
    }

    /// The check itself sees a label on an edge, and two texts on top of
    /// each other.
    #[test]
    fn crossings_are_found() {
        let (mut g, _) = preset_geometry("ambassador", None, false);
        assert_eq!(crossings(&g), Vec::<String>::new());
        let e = g.edges.iter().find(|e| e.id.starts_with("local/")).unwrap();
        let (x, y) = e.points[2];
        let l = LabelG {
            text: "on the line".into(),
            x,
            y: y + 3.0,
            anchor: Anchor::Middle,
            font: Font::Label,
        };
        g.edges[0].label = Some(l.clone());
        g.nodes[0].texts.push(LabelG { x: x + 5.0, ..l });
        let found = crossings(&g);
        assert!(
            found.contains(&"\"on the line\" crosses edge local/fruit-service/fruit-service-ambassador/127.0.0.1:8775".to_string())
                && found.contains(&"\"on the line\" overlaps \"on the line\"".to_string()),
            "{found:?}"
        );
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
            steps[2].text.en(),
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
        hops[nginx].text = crate::model::base::i18n::Key::HopAReply.msg();
        let steps = trace_steps(&g, &hops);
        assert!(steps[nginx].edges.iter().any(|e| e == mount), "{steps:?}");
        // A caption that names the volume: "/x (volume shared-data)".
        hops[nginx].text = crate::model::base::i18n::Key::HopNginxVolume
            .msg()
            .arg("file", "/x")
            .arg("volume", "shared-data");
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
        let bad: Vec<(&str, String)> = steps
            .iter()
            .filter(|s| !s.ok)
            .map(|s| (s.who.as_str(), s.text.en()))
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
