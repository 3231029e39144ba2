//! graph.dot: Graphviz DOT written with dot-writer. Node colour and shape by type, edge labels are
//! predicates, negated edges dashed and red, hedged edges dotted, evidence as tooltip.
use crate::doc::EntityType;
use crate::graph::Graph;
use dot_writer::{Attributes, DotWriter};

/// Escapes a string for a quoted DOT attribute.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn style_of(kind: EntityType) -> (&'static str, &'static str) {
    match kind {
        EntityType::PER => ("ellipse", "#cfe2ff"),
        EntityType::ORG => ("box", "#ffe5b4"),
        EntityType::GPE => ("hexagon", "#d4edda"),
        EntityType::LOC => ("octagon", "#e2f0d9"),
        EntityType::MISC => ("note", "#eeeeee"),
    }
}

/// Serialises the graph as DOT.
pub fn to_bytes(g: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = DotWriter::from(&mut out);
        w.set_pretty_print(true);
        let mut dg = w.digraph();
        dg.graph_attributes()
            .set("rankdir", "LR", false)
            .set("fontname", "Helvetica", true);
        dg.node_attributes()
            .set("style", "filled", false)
            .set("fontname", "Helvetica", true);
        dg.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "10", false);
        let ids: Vec<String> = g
            .graph
            .node_indices()
            .map(|i| format!("n{}", i.index()))
            .collect();
        for i in g.graph.node_indices() {
            let n = &g.graph[i];
            let (shape, fill) = style_of(n.kind);
            let mut tip = format!(
                "{} ({}), {} mention(s)",
                n.label,
                n.kind.as_str(),
                n.mentions
            );
            if !n.aliases.is_empty() {
                tip.push_str(&format!(
                    "; also: {}",
                    n.aliases.iter().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            dg.node_named(ids[i.index()].clone())
                .set("label", &esc(&n.label), true)
                .set("shape", shape, false)
                .set("fillcolor", fill, true)
                .set("tooltip", &esc(&tip), true);
        }
        for e in g.graph.edge_indices() {
            let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
            let edge = &g.graph[e];
            let label = super::json::edge_key(edge);
            let tip: Vec<String> = edge
                .evidence
                .iter()
                .map(|ev| format!("[{}#{}] {}", ev.doc, ev.sentence, ev.text))
                .collect();
            let mut attrs = dg.edge(&ids[s.index()], &ids[t.index()]).attributes();
            attrs
                .set("label", &esc(&label), true)
                .set("tooltip", &esc(&tip.join(" | ")), true);
            if edge.negated {
                attrs
                    .set("style", "dashed", false)
                    .set("color", "red", false)
                    .set("fontcolor", "red", false);
            } else if edge.hedged {
                attrs.set("style", "dotted", false);
            }
            if edge.count > 1 {
                attrs.set(
                    "penwidth",
                    &format!("{:.1}", 1.0 + (edge.count as f32).ln()),
                    false,
                );
            }
        }
    }
    out
}
