//! graph.mmd: a Mermaid flowchart (GitHub renders it in Markdown inside a ```mermaid block): one
//! node per entity, labelled and shaped by type, one arrow per edge labelled with its predicate.
use crate::doc::EntityType;
use crate::graph::Graph;

/// Text safe inside a quoted Mermaid label: quotes and the characters Mermaid reads as markup
/// become HTML entity codes (`#quot;`), line breaks spaces.
fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Serialises the graph as a Mermaid flowchart (left to right).
pub fn to_bytes(g: &Graph) -> Vec<u8> {
    let mut out = String::from("flowchart LR\n");
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        let text = label(&n.label);
        let (open, close) = match n.kind {
            EntityType::PER => ("([", "])"),
            EntityType::ORG => ("[", "]"),
            EntityType::GPE | EntityType::LOC => ("{{", "}}"),
            EntityType::MISC => ("[/", "/]"),
        };
        out.push_str(&format!("  n{}{open}\"{text}\"{close}\n", i.index()));
    }
    for e in g.graph.edge_indices() {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
        let edge = &g.graph[e];
        let arrow = if edge.negated { "-.->" } else { "-->" };
        out.push_str(&format!(
            "  n{} {arrow}|\"{}\"| n{}\n",
            s.index(),
            label(&super::json::edge_key(edge)),
            t.index()
        ));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_node_or_an_edge_with_quoted_labels() {
        let g = crate::graph::tests_support::sample_graph();
        let text = String::from_utf8(to_bytes(&g)).unwrap();
        let node = regex::Regex::new(
            r#"^  n\d+(\(\["[^"]*"\]\)|\["[^"]*"\]|\{\{"[^"]*"\}\}|\[/"[^"]*"/\])$"#,
        )
        .unwrap();
        let edge = regex::Regex::new(r#"^  n\d+ (-->|-\.->)\|"[^"|]*"\| n\d+$"#).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("flowchart LR"));
        let (mut nodes, mut edges) = (0, 0);
        for l in lines {
            if node.is_match(l) {
                nodes += 1;
            } else if edge.is_match(l) {
                edges += 1;
            } else {
                panic!("not Mermaid: {l:?}");
            }
        }
        assert_eq!(nodes, g.node_count());
        assert_eq!(edges, g.edge_count());
        assert!(edges > 0);
        assert_eq!(label("say \"no\" | #1"), "say #quot;no#quot; #124; #35;1");
    }
}
