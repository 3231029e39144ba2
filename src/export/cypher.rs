//! graph.cypher: a Cypher script that creates the graph (Neo4j, Memgraph; Kùzu once the two
//! tables in its header exist): one `CREATE` per entity, one `MATCH ... CREATE` per fact, with the
//! same properties as the CSV files.
use crate::graph::Graph;

/// The Kùzu schema the script's statements fit (Neo4j and Memgraph need none).
pub const KUZU_SCHEMA: [&str; 2] = [
    "CREATE NODE TABLE Entity(id STRING, label STRING, type STRING, mentions INT64, link STRING, aliases STRING, documents STRING, pagerank DOUBLE, community INT64, PRIMARY KEY(id))",
    "CREATE REL TABLE Fact(FROM Entity TO Entity, key STRING, predicate STRING, negated BOOLEAN, hedged BOOLEAN, count INT64, confidence DOUBLE, documents STRING, evidence STRING)",
];

/// A single-quoted Cypher string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The script: a comment header with the Kùzu schema, then one statement a line.
pub fn to_bytes(g: &Graph) -> Vec<u8> {
    let mut out = String::from(
        "// kgraph graph as Cypher: run it in Neo4j or Memgraph as it is; in Kùzu create the two\n\
         // tables first:\n",
    );
    for s in KUZU_SCHEMA {
        out.push_str(&format!("//   {s};\n"));
    }
    for n in g.graph.node_weights() {
        out.push_str(&format!(
            "CREATE (:Entity {{id: {}, label: {}, type: {}, mentions: {}, link: {}, aliases: {}, documents: {}, pagerank: {:?}, community: {}}});\n",
            quote(&n.id),
            quote(&n.label),
            quote(n.kind.as_str()),
            n.mentions,
            quote(n.link.as_deref().unwrap_or("")),
            quote(&super::csv::join(&n.aliases)),
            quote(&super::csv::join(&n.documents)),
            n.pagerank,
            n.community,
        ));
    }
    for e in g.graph.edge_indices() {
        let (a, b) = g.graph.edge_endpoints(e).expect("edge has endpoints");
        let edge = &g.graph[e];
        out.push_str(&format!(
            "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) CREATE (a)-[:Fact {{key: {}, predicate: {}, negated: {}, hedged: {}, count: {}, confidence: {}, documents: {}, evidence: {}}}]->(b);\n",
            quote(&g.graph[a].id),
            quote(&g.graph[b].id),
            quote(&super::json::edge_key(edge)),
            quote(&edge.predicate),
            edge.negated,
            edge.hedged,
            edge.count,
            edge.confidence,
            quote(&super::csv::edge_documents(edge)),
            quote(edge.evidence.first().map_or("", |ev| ev.text.as_str())),
        ));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_escaped() {
        assert_eq!(quote("it's a \\ test\n"), "'it\\'s a \\\\ test\\n'");
    }
}
