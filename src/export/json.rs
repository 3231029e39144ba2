//! graph.json: networkx node-link JSON (`networkx.node_link_graph(data)` loads it as a directed
//! multigraph), nodes and edges in a stable order with all their attributes; and reading it back
//! (`kgraph export`, `query`, `stats`).
use crate::error::{Error, Result};
use crate::graph::{Edge, Graph, Node};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize)]
struct Meta<'a> {
    generator: &'static str,
    documents: &'a [String],
}

#[derive(Serialize)]
struct Link<'a> {
    source: &'a str,
    target: &'a str,
    /// Unique among the edges between the same two nodes: the predicate, "not " in front when negated.
    key: String,
    #[serde(flatten)]
    edge: &'a Edge,
}

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: Meta<'a>,
    nodes: Vec<&'a Node>,
    edges: Vec<Link<'a>>,
    /// What the graph was built from, for `kgraph merge` (networkx ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<&'a Vec<crate::graph::parts::DocParts>>,
}

/// The edge key used in JSON and DOT.
pub fn edge_key(e: &Edge) -> String {
    if e.negated {
        format!("not {}", e.predicate)
    } else {
        e.predicate.clone()
    }
}

/// Serialises the graph as pretty-printed node-link JSON (ends with a newline).
pub fn to_bytes(g: &Graph) -> Vec<u8> {
    let doc = NodeLink {
        directed: true,
        multigraph: true,
        graph: Meta {
            generator: concat!("kgraph ", env!("CARGO_PKG_VERSION")),
            documents: &g.documents,
        },
        nodes: g.graph.node_weights().collect(),
        edges: g
            .graph
            .edge_indices()
            .map(|e| {
                let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
                Link {
                    source: &g.graph[s].id,
                    target: &g.graph[t].id,
                    key: edge_key(&g.graph[e]),
                    edge: &g.graph[e],
                }
            })
            .collect(),
        parts: g.parts.as_ref(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("graph serialises");
    out.push(b'\n');
    out
}

#[derive(Deserialize)]
struct InMeta {
    #[serde(default)]
    documents: Vec<String>,
}

#[derive(Deserialize)]
struct InLink {
    source: String,
    target: String,
    #[serde(flatten)]
    edge: Edge,
}

#[derive(Deserialize)]
struct InNodeLink {
    graph: InMeta,
    nodes: Vec<Node>,
    edges: Vec<InLink>,
    /// Per-document parts; an older graph.json's aggregated parts (an object) read as none.
    #[serde(default)]
    parts: Option<serde_json::Value>,
}

/// Reads a graph written by [`to_bytes`]; the error names the file and what is wrong (not JSON,
/// not kgraph's node-link layout, an edge naming a node that is not there).
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Graph> {
    let bad = |reason: String| Error::bad(path, reason);
    // serde's words for kgraph's own types are no user's words
    let plain = |e: &serde_json::Error| {
        e.to_string()
            .replace("struct InNodeLink", "a graph object")
            .replace("struct DocParts", "a document's parts")
            .replace("struct PartNode", "a node")
            .replace("struct PartEdge", "an edge")
    };
    let doc: InNodeLink = serde_json::from_slice(bytes)
        .map_err(|e| bad(format!("not a kgraph graph.json: {}", plain(&e))))?;
    let parts = match doc.parts {
        None => None,
        Some(v) => Some(
            serde_json::from_value::<Vec<crate::graph::parts::DocParts>>(v).map_err(|e| {
                bad(format!(
                    "its \"parts\" are not kgraph's build parts: {}",
                    plain(&e)
                ))
            })?,
        ),
    };
    if let Some(ps) = &parts {
        let mut seen = std::collections::HashSet::new();
        for (k, d) in ps.iter().enumerate() {
            if !seen.insert(d.doc.as_str()) {
                return Err(bad(format!(
                    "parts[{k}]: document {:?} has parts twice",
                    d.doc
                )));
            }
            let n = d.parts.nodes.len();
            for (j, e) in d.parts.edges.iter().enumerate() {
                if e.subject >= n || e.object >= n {
                    return Err(bad(format!(
                        "parts[{k}].edges[{j}]: node index {} is out of range (the document has {n} nodes)",
                        e.subject.max(e.object)
                    )));
                }
            }
        }
    }
    let mut g = Graph {
        documents: doc.graph.documents,
        parts,
        ..Default::default()
    };
    let mut index = std::collections::HashMap::new();
    for n in doc.nodes {
        let id = n.id.clone();
        let i = g.graph.add_node(n);
        if index.insert(id.clone(), i).is_some() {
            return Err(bad(format!("node id {id:?} appears twice")));
        }
    }
    for l in doc.edges {
        let (Some(&s), Some(&t)) = (index.get(&l.source), index.get(&l.target)) else {
            return Err(bad(format!(
                "an edge from {:?} to {:?} names a node that is not in the file",
                l.source, l.target
            )));
        };
        g.graph.add_edge(s, t, l.edge);
    }
    Ok(g)
}

/// Reads a graph.json file.
pub fn read(path: &Path) -> Result<Graph> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    from_bytes(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_read_back_writes_the_same_bytes() {
        let g = crate::graph::tests_support::sample_graph();
        let bytes = to_bytes(&g);
        let back = from_bytes(Path::new("g.json"), &bytes).unwrap();
        assert_eq!(to_bytes(&back), bytes);
        let err = from_bytes(Path::new("g.json"), b"{\"nodes\": 3}").unwrap_err();
        assert!(err.to_string().contains("g.json"), "{err}");
    }
}
