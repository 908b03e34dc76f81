//! The topology diagram: maps the pure layout's boxes and polylines to SVG,
//! one keyed element per node and edge.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::layout::{Geometry, NodeKind};

#[derive(Properties, PartialEq)]
pub struct TopologyViewProps {
    pub geometry: Rc<Geometry>,
}

fn kind_class(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Client => "client",
        NodeKind::Pod => "pod",
        NodeKind::Container => "container",
        NodeKind::Port => "port",
        NodeKind::Localhost => "localhost",
        NodeKind::Volume => "volume",
    }
}

#[component]
pub fn TopologyView(props: &TopologyViewProps) -> Html {
    let g = &props.geometry;
    let view_box = format!("0 0 {} {}", g.width, g.height);
    html! {
        <section class="panel topology">
            <h2>{ "Topology" }<span class="muted">{ " drawn from the running model" }</span></h2>
            <svg data-testid="topology" viewBox={view_box} style={format!("max-width: {}px", g.width)} role="img" aria-label="Pods, containers, ports and volumes">
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                </defs>
                { for g.nodes.iter().map(|n| {
                    let class = classes!("node", kind_class(n.kind), n.class.clone());
                    let (tx, ty, anchor) = match n.kind {
                        NodeKind::Port => (n.x + n.w / 2.0, n.y + 14.0, "middle"),
                        NodeKind::Localhost => (n.x + n.w - 10.0, n.y + 17.0, "end"),
                        _ => (n.x + 10.0, n.y + 18.0, "start"),
                    };
                    html! {
                        <g key={n.id.clone()} {class} data-node={n.id.clone()}>
                            <rect x={n.x.to_string()} y={n.y.to_string()} width={n.w.to_string()} height={n.h.to_string()} rx="6" />
                            <text class="title" x={tx.to_string()} y={ty.to_string()} text-anchor={anchor}>{ n.title.clone() }</text>
                            if n.kind != NodeKind::Port {
                                { for n.lines.iter().enumerate().map(|(i, l)| html! {
                                    <text class="sub" x={tx.to_string()} y={(ty + 16.0 * (i as f64 + 1.0)).to_string()}>{ l.clone() }</text>
                                }) }
                            }
                        </g>
                    }
                }) }
                { for g.edges.iter().map(|e| html! {
                    <g key={e.id.clone()} class={classes!("edge", e.class.clone())} data-edge={e.id.clone()}>
                        <polyline points={e.points_attr()} marker-end="url(#arrow)" />
                        if let Some(l) = &e.label {
                            <text class="label" x={l.x.to_string()} y={l.y.to_string()} text-anchor={l.anchor.as_str()}>{ l.text.clone() }</text>
                        }
                    </g>
                }) }
            </svg>
        </section>
    }
}
