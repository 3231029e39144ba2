//! graph.nodes.csv and graph.edges.csv: one row per node and per edge with flat cells (lists
//! joined by "|"), RFC 4180 quoting of every cell that is not a number, for Neo4j's and Kùzu's
//! CSV import, pandas and spreadsheets.
use crate::graph::{Edge, Graph};

/// A CSV writer that quotes every cell that is not a number, so that readers which guess the
/// dialect from the first lines (Kùzu's `COPY FROM`) see the quoting in use.
fn writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(out)
}

/// The documents an edge's evidence comes from, sorted, in one cell.
pub fn edge_documents(e: &Edge) -> String {
    let mut docs: Vec<&String> = e.evidence.iter().map(|ev| &ev.doc).collect();
    docs.sort();
    docs.dedup();
    join(docs)
}

/// Joins a list into one cell.
pub fn join<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items
        .into_iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("|")
}

/// The nodes: `id,label,type,mentions,link,aliases,documents,pagerank,community`.
pub fn nodes(g: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = writer(&mut out);
        w.write_record([
            "id",
            "label",
            "type",
            "mentions",
            "link",
            "aliases",
            "documents",
            "pagerank",
            "community",
        ])
        .expect("write to memory");
        for n in g.graph.node_weights() {
            w.write_record([
                n.id.as_str(),
                &n.label,
                n.kind.as_str(),
                &n.mentions.to_string(),
                n.link.as_deref().unwrap_or(""),
                &join(&n.aliases),
                &join(&n.documents),
                &n.pagerank.to_string(),
                &n.community.to_string(),
            ])
            .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}

/// The edges: `source,target,key,predicate,negated,hedged,count,confidence,documents,evidence`
/// (`evidence` is the first supporting sentence).
pub fn edges(g: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = writer(&mut out);
        w.write_record([
            "source",
            "target",
            "key",
            "predicate",
            "negated",
            "hedged",
            "count",
            "confidence",
            "documents",
            "evidence",
        ])
        .expect("write to memory");
        for e in g.graph.edge_indices() {
            let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
            let edge = &g.graph[e];
            w.write_record([
                g.graph[s].id.as_str(),
                &g.graph[t].id,
                &super::json::edge_key(edge),
                &edge.predicate,
                &edge.negated.to_string(),
                &edge.hedged.to_string(),
                &edge.count.to_string(),
                &edge.confidence.to_string(),
                &edge_documents(edge),
                edge.evidence.first().map_or("", |ev| ev.text.as_str()),
            ])
            .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}
