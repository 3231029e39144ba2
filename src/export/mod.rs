//! Output formats: each module writes a [`Graph`](crate::graph::Graph) to bytes; this module names
//! the formats and writes files atomically (temp file in the same folder, then rename).
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

pub mod conllu;
pub mod csv;
pub mod cypher;
pub mod dot;
pub mod json;
pub mod mermaid;
pub mod open;
pub mod rdf;
pub mod triples;
pub mod xml;

/// A graph output format of `kgraph build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
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
}

impl Format {
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
        }
    }
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, synced, then renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let err = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kgraph-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // temp files are private; a written output is an ordinary file
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
