//! graph.dot: Graphviz DOT written with dot-writer. Node colour and shape by type, label size by
//! PageRank, outline colour by community, edge labels are
//! predicates, negated edges dashed and red, hedged edges dotted, evidence as tooltip (the first
//! five sentences of 300 characters at most, so that any graph renders).
use crate::doc::EntityType;
use crate::graph::Graph;
use dot_writer::{Attributes, DotWriter};

/// Most evidence sentences an edge's tooltip lists, and most characters of each (Graphviz fails on
/// a string of more than 16,384 characters; a tooltip stays well below it).
const TIP_SENTENCES: usize = 5;
const TIP_CHARS: usize = 300;
/// Most aliases a node's tooltip lists.
const TIP_ALIASES: usize = 20;

/// The first `n` characters of `s`, with "..." when it was longer.
fn cap(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

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

/// The outline colour of a community: twelve distinct colours for the largest twelve, grey for
/// the rest.
fn community_colour(c: usize) -> &'static str {
    const PALETTE: [&str; 12] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf", "#393b79", "#637939",
    ];
    PALETTE.get(c).copied().unwrap_or("#bbbbbb")
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
        let max_rank = g
            .graph
            .node_weights()
            .map(|n| n.pagerank)
            .fold(f64::MIN_POSITIVE, f64::max);
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
                let shown: Vec<String> = n
                    .aliases
                    .iter()
                    .take(TIP_ALIASES)
                    .map(|a| cap(a, TIP_CHARS))
                    .collect();
                tip.push_str(&format!("; also: {}", shown.join(", ")));
                if n.aliases.len() > TIP_ALIASES {
                    tip.push_str(&format!(" and {} more", n.aliases.len() - TIP_ALIASES));
                }
            }
            // size by PageRank (the most central node's label is three times the smallest), the
            // outline's colour by community
            let size = 10.0 + 20.0 * (n.pagerank / max_rank).sqrt();
            dg.node_named(ids[i.index()].clone())
                .set("label", &esc(&cap(&n.label, TIP_CHARS)), true)
                .set("fontsize", &format!("{size:.1}"), false)
                .set("color", community_colour(n.community), true)
                .set("penwidth", "2", false)
                .set("shape", shape, false)
                .set("fillcolor", fill, true)
                .set("tooltip", &esc(&tip), true);
        }
        for e in g.graph.edge_indices() {
            let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
            let edge = &g.graph[e];
            let label = super::json::edge_key(edge);
            let mut tip: Vec<String> = edge
                .evidence
                .iter()
                .take(TIP_SENTENCES)
                .map(|ev| {
                    cap(
                        &format!("[{}#{}] {}", ev.doc, ev.sentence, ev.text),
                        TIP_CHARS,
                    )
                })
                .collect();
            if edge.evidence.len() > TIP_SENTENCES {
                tip.push(format!(
                    "and {} more sentence(s)",
                    edge.evidence.len() - TIP_SENTENCES
                ));
            }
            let mut attrs = dg.edge(&ids[s.index()], &ids[t.index()]).attributes();
            attrs.set("label", &esc(&cap(&label, TIP_CHARS)), true).set(
                "tooltip",
                &esc(&tip.join(" | ")),
                true,
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltips_stay_far_below_graphviz_limit_however_much_evidence() {
        let mut g = crate::graph::tests_support::sample_graph();
        let e = g.graph.edge_indices().next().expect("an edge");
        let long = "word ".repeat(2_000);
        let first = g.graph[e].evidence[0].clone();
        for k in 0..500 {
            let mut ev = first.clone();
            ev.sentence = k;
            ev.text = long.clone();
            g.graph[e].evidence.push(ev);
        }
        let text = String::from_utf8(to_bytes(&g)).unwrap();
        let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest < 4_000, "a line of {longest} characters");
        assert!(text.contains("and 496 more sentence(s)"));
        assert_eq!(cap("abcdef", 3), "abc...");
        assert_eq!(cap("abc", 3), "abc");
    }
}
