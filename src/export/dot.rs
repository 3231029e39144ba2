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

/// How a graph is drawn.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Draw the entities that have no fact too (by default only the connected graph is drawn).
    pub isolated: bool,
}

/// Serialises the graph as DOT: the entities with a fact and their facts, a title and a legend.
pub fn to_bytes(g: &Graph) -> Vec<u8> {
    to_bytes_with(g, &DotOptions::default())
}

/// The drawing's title: the counts and the date range of the articles.
fn title(g: &Graph, drawn: usize) -> String {
    let mut t = format!(
        "kgraph: {drawn} of {} entities, {} facts, {} article(s)",
        g.node_count(),
        g.edge_count(),
        g.documents.len()
    );
    if let Some((a, b)) = g.date_range() {
        t.push_str(&format!(", {a} to {b}"));
    }
    t
}

/// The legend: a box with one sample node per type and one sample edge per style.
fn legend(dg: &mut dot_writer::Scope<'_, '_>) {
    let mut c = dg.cluster();
    c.graph_attributes()
        .set("label", "legend", false)
        .set("fontsize", "12", false)
        .set("color", "grey", true);
    for kind in [
        EntityType::PER,
        EntityType::ORG,
        EntityType::GPE,
        EntityType::LOC,
        EntityType::MISC,
    ] {
        let (shape, fill) = style_of(kind);
        c.node_named(format!("legend_{}", kind.as_str()))
            .set("label", kind.as_str(), false)
            .set("shape", shape, false)
            .set("fillcolor", fill, true)
            .set("fontsize", "10", false);
    }
    for (a, b, label, style, colour, width) in [
        ("legend_a1", "legend_b1", "fact", "solid", "black", "1"),
        ("legend_a2", "legend_b2", "negated", "dashed", "red", "1"),
        ("legend_a3", "legend_b3", "hedged", "dotted", "black", "1"),
        (
            "legend_a4",
            "legend_b4",
            "in several articles",
            "solid",
            "black",
            "3",
        ),
    ] {
        for n in [a, b] {
            c.node_named(n)
                .set("label", "", true)
                .set("shape", "point", false)
                .set("width", "0.05", false);
        }
        c.edge(a, b)
            .attributes()
            .set("label", label, true)
            .set("style", style, false)
            .set("color", colour, false)
            .set("fontcolor", colour, false)
            .set("penwidth", width, false);
    }
}

/// Serialises the graph as DOT with these options.
pub fn to_bytes_with(g: &Graph, opt: &DotOptions) -> Vec<u8> {
    let connected: Vec<bool> = g
        .graph
        .node_indices()
        .map(|i| opt.isolated || g.graph.neighbors_undirected(i).next().is_some())
        .collect();
    let drawn = connected.iter().filter(|&&c| c).count();
    let mut out = Vec::new();
    {
        let mut w = DotWriter::from(&mut out);
        w.set_pretty_print(true);
        let mut dg = w.digraph();
        dg.graph_attributes()
            .set("rankdir", "LR", false)
            .set("fontname", "Helvetica", true)
            .set("label", &esc(&title(g, drawn)), true)
            .set("labelloc", "t", false)
            .set("fontsize", "20", false);
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
        legend(&mut dg);
        for i in g.graph.node_indices() {
            if !connected[i.index()] {
                continue;
            }
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
    // a named graph: Graphviz titles the SVG with it (an anonymous one is "%3")
    if out.starts_with(b"digraph {") {
        out.splice(0..9, b"digraph kgraph {".iter().copied());
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
