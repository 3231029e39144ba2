//! Output formats: each module writes a [`Graph`] to bytes; this module names
//! the formats, writes any of them to a writer ([`write()`]) and writes files atomically (temp file
//! in the same folder, then rename).
use crate::error::{Error, Result};
use crate::graph::Graph;
use std::io::Write;

mod atomic;
pub mod conllu;
pub mod csv;
pub mod cypher;
pub mod dot;
pub mod html;
pub mod json;
pub mod mermaid;
pub mod open;
pub mod rdf;
pub mod svg;
pub mod triples;
pub mod xml;

/// A graph output format of `kgraph build` (and of [`write()`] for library users).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// networkx node-link JSON (graph.json)
    Json,
    /// Graphviz DOT (graph.dot)
    Dot,
    /// SVG rendered by Graphviz `dot` when it is installed (graph.svg)
    Svg,
    /// one triple per line (graph.jsonl)
    Jsonl,
    /// one triple per line, tab-separated (graph.tsv)
    Tsv,
    /// nodes and edges as two CSV files (graph.nodes.csv, graph.edges.csv)
    Csv,
    /// GraphML with typed attributes (graph.graphml)
    Graphml,
    /// GEXF 1.2 for Gephi (graph.gexf)
    Gexf,
    /// Mermaid flowchart for Markdown pages (graph.mmd)
    Mermaid,
    /// RDF N-Triples, facts with reified provenance (graph.nt)
    Nt,
    /// RDF Turtle, the same triples with prefixes (graph.ttl)
    Ttl,
    /// Cypher script for Neo4j, Memgraph and Kùzu (graph.cypher)
    Cypher,
    /// one self-contained interactive HTML page (graph.html)
    Html,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 13] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Jsonl,
        Format::Tsv,
        Format::Csv,
        Format::Graphml,
        Format::Gexf,
        Format::Mermaid,
        Format::Nt,
        Format::Ttl,
        Format::Cypher,
        Format::Html,
    ];

    /// The format's name on the command line ("json", "graphml").
    pub fn name(self) -> &'static str {
        match self {
            Format::Mermaid => "mermaid",
            f => f.extension(),
        }
    }

    /// One line saying what the format is and who reads it.
    pub fn description(self) -> &'static str {
        match self {
            Format::Json => "networkx node-link JSON (graph.json)",
            Format::Dot => "Graphviz DOT (graph.dot)",
            Format::Svg => "SVG rendered by Graphviz dot when it is installed (graph.svg)",
            Format::Jsonl => "one triple per line (graph.jsonl)",
            Format::Tsv => "one triple per line, tab-separated (graph.tsv)",
            Format::Csv => "nodes and edges as two CSV files (graph.nodes.csv, graph.edges.csv)",
            Format::Graphml => "GraphML with typed attributes (graph.graphml)",
            Format::Gexf => "GEXF 1.2 for Gephi (graph.gexf)",
            Format::Mermaid => "Mermaid flowchart for Markdown pages (graph.mmd)",
            Format::Nt => "RDF N-Triples, facts with reified provenance (graph.nt)",
            Format::Ttl => "RDF Turtle, the same triples with prefixes (graph.ttl)",
            Format::Cypher => "Cypher script for Neo4j, Memgraph and Kùzu (graph.cypher)",
            Format::Html => {
                "one self-contained interactive page: search, filters, evidence (graph.html)"
            }
        }
    }

    /// File extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Jsonl => "jsonl",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Mermaid => "mmd",
            Format::Nt => "nt",
            Format::Ttl => "ttl",
            Format::Cypher => "cypher",
            Format::Html => "html",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format {s:?} (one of {})", names.join(", "))
            })
    }
}

/// The bytes of a graph in one format. CSV is two files: use [`csv::nodes`] and [`csv::edges`];
/// SVG runs Graphviz `dot` ([`svg::render`]).
pub fn to_bytes(g: &Graph, f: Format) -> Result<Vec<u8>> {
    Ok(match f {
        Format::Json => json::to_bytes(g),
        Format::Dot => dot::to_bytes(g),
        Format::Svg => svg::render(&dot::to_bytes(g), svg::timeout())?,
        Format::Jsonl => triples::to_jsonl(&triples::triples(g)),
        Format::Tsv => triples::to_tsv(&triples::triples(g)),
        Format::Graphml => xml::graphml(g),
        Format::Gexf => xml::gexf(g),
        Format::Mermaid => mermaid::to_bytes(g),
        Format::Nt => rdf::to_ntriples(g),
        Format::Ttl => rdf::to_turtle(g),
        Format::Cypher => cypher::to_bytes(g),
        Format::Html => html::to_bytes(g),
        Format::Csv => {
            return Err(Error::Export {
                format: "csv",
                reason: "csv is two files (nodes and edges), not one".into(),
            })
        }
    })
}

/// Writes a graph in one format to any writer (a file, stdout, a buffer, a socket).
///
/// ```
/// let pipeline = kgraph::Pipeline::new();
/// let doc = pipeline.annotate("a", "Jens Stoltenberg warned China.");
/// let graph = pipeline.graph(&[doc]);
/// let mut out = Vec::new();
/// kgraph::export::write(&graph, kgraph::export::Format::Graphml, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("Jens Stoltenberg"));
/// ```
pub fn write(g: &Graph, f: Format, w: &mut impl Write) -> Result<()> {
    let bytes = to_bytes(g, f)?;
    w.write_all(&bytes).map_err(|e| Error::Write {
        path: format!("<{} writer>", f.name()).into(),
        source: e,
    })
}

pub use atomic::{write_atomic, Staged};
