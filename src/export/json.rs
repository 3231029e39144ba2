//! graph.json: networkx node-link JSON (`networkx.node_link_graph(data)` loads it as a directed
//! multigraph), nodes and edges in a stable order with all their attributes.
use crate::graph::{Edge, Graph, Node};
use serde::Serialize;

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
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("graph serialises");
    out.push(b'\n');
    out
}
