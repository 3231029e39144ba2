//! graph.html: one self-contained interactive page (no network when it is viewed): the graph
//! drawn by Cytoscape.js (vendored, MIT, `data/vendor/`), its most central entities first with a
//! control to widen, search by name, filters by type, predicate, date and confidence, and the
//! evidence sentences of a clicked entity or fact with the names highlighted.
use crate::graph::Graph;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Cytoscape.js 3.35.0 from the npm registry (`npm pack cytoscape@3.35.0`, dist/cytoscape.min.js)
/// and its licence, in the page as they are.
const CYTOSCAPE: &str = include_str!("../../data/vendor/cytoscape.min.js");
const CYTOSCAPE_LICENSE: &str = include_str!("../../data/vendor/cytoscape.LICENSE");
const PAGE_JS: &str = include_str!("html/page.js");
const PAGE_CSS: &str = include_str!("html/page.css");

/// Entities drawn when the page opens (the most central by PageRank); "show more" doubles it.
pub const DEFAULT_LIMIT: usize = 150;
/// Most evidence sentences a fact carries into the page (graph.json has them all).
const EVIDENCE_PER_FACT: usize = 20;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page's data: nodes (index = position) and edges, as the script reads them.
fn data(g: &Graph) -> Value {
    let nodes: Vec<Value> = g
        .graph
        .node_indices()
        .map(|i| {
            let n = &g.graph[i];
            json!({
                "label": n.label,
                "type": n.kind.as_str(),
                "aliases": n.aliases,
                "mentions": n.mentions,
                "docs": n.documents.len(),
                "reasons": n.merge_reasons,
                "link": n.link,
                "rank": n.pagerank,
            })
        })
        .collect();
    let edges: Vec<Value> = g
        .graph
        .edge_indices()
        .enumerate()
        .map(|(k, e)| {
            let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
            let edge = &g.graph[e];
            let docs: BTreeSet<&str> = edge.evidence.iter().map(|v| v.doc.as_str()).collect();
            let ev: Vec<Value> = edge
                .evidence
                .iter()
                .take(EVIDENCE_PER_FACT)
                .map(|v| {
                    json!({
                        "doc": v.doc,
                        "sentence": v.sentence,
                        "text": v.text,
                        "conf": v.confidence,
                        "rule": v.rule,
                        "attributed": v.attributed_to,
                    })
                })
                .collect();
            json!({
                "i": k,
                "s": s.index(),
                "t": t.index(),
                "p": edge.predicate,
                "neg": edge.negated,
                "hedged": edge.hedged,
                "conf": edge.confidence,
                "docs": docs.len().max(1),
                "first": edge.first_seen,
                "last": edge.last_seen,
                "ev": ev,
                "more": edge.evidence.len().saturating_sub(EVIDENCE_PER_FACT),
            })
        })
        .collect();
    let max_rank = g
        .graph
        .node_weights()
        .map(|n| n.pagerank)
        .fold(f64::MIN_POSITIVE, f64::max);
    json!({ "nodes": nodes, "edges": edges, "limit": DEFAULT_LIMIT, "maxRank": max_rank })
}

/// The page's heading: the counts and the date range of the facts.
fn title(g: &Graph) -> String {
    let mut t = format!(
        "kgraph: {} entities, {} facts, {} article(s)",
        g.node_count(),
        g.edge_count(),
        g.documents.len()
    );
    if let Some((a, b)) = g.date_range() {
        t.push_str(&format!(", {a} to {b}"));
    }
    t
}

/// Serialises the graph as one HTML page.
pub fn to_bytes(g: &Graph) -> Vec<u8> {
    // `<` written as \u003c: no "</script>" in a name or sentence can end the data early
    let json = serde_json::to_string(&data(g))
        .expect("graph data serialises")
        .replace('<', "\\u003c");
    let title = esc(&title(g));
    let mut out = String::with_capacity(CYTOSCAPE.len() + json.len() + 8192);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"generator\" content=\"kgraph\">\n");
    out.push_str(&format!(
        "<title>{title}</title>\n<style>\n{PAGE_CSS}</style>\n</head>\n<body>\n"
    ));
    out.push_str(&format!(
        r#"<header>
<h1>{title}</h1>
<div class="controls">
<label>find <input id="search" type="search" placeholder="a name or alias"></label><button id="searchbtn">find</button>
<span id="types" class="legend"></span>
<label>predicate <input id="pred" type="text" placeholder="e.g. meet"></label>
<label>from <input id="from" type="text" size="10" placeholder="YYYY-MM-DD"></label>
<label>to <input id="to" type="text" size="10" placeholder="YYYY-MM-DD"></label>
<label>confidence &ge; <input id="conf" type="range" min="0" max="1" step="0.05" value="0"> <span id="confv">0.00</span></label>
<span id="count"></span> <button id="more">show more</button>
<span class="legend"><span style="color:#d62728">- - negated</span> <span>&middot;&middot;&middot; hedged</span> <span>thicker: more articles</span></span>
</div>
</header>
<main><div id="cy"></div><div id="panel"><p>Click an entity or a fact to read its evidence; find an entity by name above.</p></div></main>
"#
    ));
    out.push_str("<script type=\"application/json\" id=\"kgraph-data\">");
    out.push_str(&json);
    out.push_str("</script>\n<script>\n/*\nCytoscape.js 3.35.0\n");
    out.push_str(&CYTOSCAPE_LICENSE.replace("*/", "* /"));
    out.push_str("*/\n");
    out.push_str(CYTOSCAPE);
    out.push_str("\n</script>\n<script>\n");
    out.push_str(PAGE_JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_self_contained_and_carries_every_fact_with_its_evidence() {
        let g = crate::graph::tests_support::sample_graph();
        let page = String::from_utf8(to_bytes(&g)).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        // no script, style or image is fetched: nothing names a source or a link to load
        for bad in ["<script src", "<link ", "<img ", "@import", "fetch("] {
            assert!(!page.contains(bad), "{bad}");
        }
        let start = page.find("id=\"kgraph-data\">").unwrap() + 17;
        let end = start + page[start..].find("</script>").unwrap();
        let v: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(v["nodes"].as_array().unwrap().len(), g.node_count());
        assert_eq!(v["edges"].as_array().unwrap().len(), g.edge_count());
        let e = &v["edges"][0];
        assert!(!e["ev"][0]["text"].as_str().unwrap().is_empty());
    }

    #[test]
    fn a_script_end_tag_in_the_text_cannot_end_the_data() {
        let mut g = crate::graph::tests_support::sample_graph();
        let i = g.graph.node_indices().next().unwrap();
        g.graph[i].label = "</script><script>alert(1)</script>".into();
        let page = String::from_utf8(to_bytes(&g)).unwrap();
        assert_eq!(
            page.matches("</script>").count(),
            3,
            "only the page's own three scripts end"
        );
        assert!(page.contains("\\u003c/script>\\u003cscript>alert(1)"));
    }
}
