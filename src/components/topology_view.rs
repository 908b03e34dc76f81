//! The topology diagram: maps the pure layout's boxes and polylines to SVG,
//! one keyed element per node and edge. After a run, the request's hops
//! light up in order, each with its one-line explanation. The drawing is
//! an image named by its `aria-label` and described, box by box, in its
//! `<desc>` (`a11y::diagram_description`).

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::model::view::a11y;
use crate::model::view::layout::{Geometry, NodeKind, TraceStep};

/// How long each hop stays the current one while the path lights up.
const STEP_MS: u32 = 650;

#[derive(Properties, PartialEq)]
pub struct TopologyViewProps {
    pub geometry: Rc<Geometry>,
    /// The last run's path on this diagram (empty when there is none).
    #[prop_or_default]
    pub trace: Rc<Vec<TraceStep>>,
    /// Changes with every run, so the path lights up again.
    #[prop_or_default]
    pub run: AttrValue,
}

fn kind_class(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Client => "client",
        NodeKind::Pod => "pod",
        NodeKind::Container => "container",
        NodeKind::Port => "port",
        NodeKind::Localhost => "localhost",
        NodeKind::Pids => "pids",
        NodeKind::Volume => "volume",
    }
}

/// `lit` for a part the first `shown` steps reached (`bad` if a failed hop
/// did), `current` for the last of them.
fn lit(trace: &[TraceStep], shown: usize, id: &str, edge: bool) -> Classes {
    let hits = |s: &TraceStep| {
        if edge {
            s.edges.iter().any(|e| e == id)
        } else {
            s.node.as_deref() == Some(id)
        }
    };
    let seen = &trace[..shown.min(trace.len())];
    let mut c = Classes::new();
    if seen.iter().any(hits) {
        c.push("lit");
        if seen.iter().any(|s| hits(s) && !s.ok) {
            c.push("bad");
        }
        if seen.last().is_some_and(hits) {
            c.push("current");
        }
    }
    c
}

#[component]
pub fn TopologyView(props: &TopologyViewProps) -> Html {
    let lang = use_lang();
    let g = &props.geometry;
    let shown = use_state(|| 0usize);
    {
        let shown = shown.clone();
        let len = props.trace.len();
        use_effect_with((props.run.clone(), len), move |_| {
            shown.set(usize::from(len > 0));
            let n = Rc::new(Cell::new(1usize));
            let interval = (len > 1).then(|| {
                Interval::new(STEP_MS, move || {
                    if n.get() < len {
                        n.set(n.get() + 1);
                        shown.set(n.get());
                    }
                })
            });
            move || drop(interval)
        });
    }
    let trace = &props.trace;
    let k = (*shown).min(trace.len());
    let view_box = format!("0 0 {} {}", g.width, g.height);
    // The diagram in words, for its <desc>: written again only when the
    // drawing changed.
    let desc = use_memo(crate::selectors::Same(g.clone()), |g| {
        a11y::diagram_description(&g.0)
    });
    html! {
        <section class="panel topology" aria-labelledby="topology-heading">
            <h2 id="topology-heading">{ Key::Topology.text(lang) }<span class="muted">{ Key::TopologyHint.text(lang) }</span></h2>
            if k > 0 {
                <div class={classes!("trace-caption", (!trace[k - 1].ok).then_some("bad"))} data-testid="trace-caption">
                    <span class="step">{ Key::Hop.msg().arg("k", k).arg("n", trace.len()).render(lang) }</span>
                    <span class="who">{ trace[k - 1].who.clone() }</span>
                    <span class="what">{ trace[k - 1].text.render(lang) }</span>
                </div>
            }
            <svg data-testid="topology" viewBox={view_box} width={g.width.to_string()} role="img" aria-label={Key::TopologyLabel.text(lang)}
                aria-describedby="topology-desc">
                <title>{ Key::DiagramTitle.text(lang) }</title>
                <desc id="topology-desc" data-testid="topology-desc">{ a11y::render(&desc, lang) }</desc>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                </defs>
                { for g.nodes.iter().map(|n| {
                    let class = classes!("node", kind_class(n.kind), n.class.clone(), lit(trace, k, &n.id, false));
                    html! {
                        <g key={n.id.clone()} {class} data-node={n.id.clone()}>
                            <rect x={n.x.to_string()} y={n.y.to_string()} width={n.w.to_string()} height={n.h.to_string()} rx="6" />
                            { for n.texts.iter().map(|t| html! {
                                <text class={t.font.class()} x={t.x.to_string()} y={t.y.to_string()} text-anchor={t.anchor.as_str()}>{ t.text.clone() }</text>
                            }) }
                        </g>
                    }
                }) }
                { for g.edges.iter().map(|e| html! {
                    <g key={e.id.clone()} class={classes!("edge", e.class.clone(), lit(trace, k, &e.id, true))} data-edge={e.id.clone()}>
                        <polyline points={e.points_attr()} marker-end="url(#arrow)" />
                        if let Some(l) = &e.label {
                            <text class={l.font.class()} x={l.x.to_string()} y={l.y.to_string()} text-anchor={l.anchor.as_str()}>{ l.text.clone() }</text>
                        }
                    </g>
                }) }
            </svg>
        </section>
    }
}
