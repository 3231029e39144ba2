//! kgraph: a fast, offline knowledge-graph builder for news articles.
//!
//! Articles are read and cleaned ([`ingest`]), annotated by the pipeline stages ([`pipeline`]:
//! tokens, sentences, tags, entities, coreference, relations), merged into one [`graph::Graph`],
//! and written by the [`export`] modules (JSON, DOT/SVG, JSONL/TSV triples, CSV, GraphML, GEXF,
//! RDF, Cypher, Mermaid) to files or any writer.
//!
//! A [`Pipeline`] loads the models and word lists once and can be shared by threads:
//!
//! ```
//! use kgraph::{export, Pipeline};
//!
//! let pipeline = Pipeline::new();
//! let texts = [
//!     ("a", "U.S. Secretary of State Antony Blinken warned China."),
//!     ("b", "NATO Secretary General Jens Stoltenberg met Blinken in Brussels."),
//! ];
//! // annotate in parallel: the pipeline is Sync
//! let docs: Vec<kgraph::Document> = std::thread::scope(|s| {
//!     let handles: Vec<_> = texts
//!         .iter()
//!         .map(|(id, text)| s.spawn(|| pipeline.annotate(id, text)))
//!         .collect();
//!     handles.into_iter().map(|h| h.join().unwrap()).collect()
//! });
//! let graph = pipeline.graph(&docs);
//! let triples = export::triples::triples(&graph);
//! assert!(triples.iter().any(|t| t.subject == "Antony Blinken" && t.predicate == "warn" && t.object == "China"));
//!
//! // any format to any writer
//! let mut turtle = Vec::new();
//! export::write(&graph, export::Format::Ttl, &mut turtle).unwrap();
//! assert!(String::from_utf8(turtle).unwrap().contains("rdfs:label \"Antony Blinken\""));
//! ```
#![warn(missing_docs)]

pub mod dev;
pub mod doc;
pub mod error;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod lexicon;
pub mod link;
pub mod pipeline;

pub(crate) mod clean;
pub(crate) mod hash;
pub(crate) mod html;
pub(crate) mod tokens;

// the machinery's modules, by the short paths the stages use (`crate::model::...`)
use dev::{eval, model, train};

pub use dev::model::Models;
pub use doc::{Document, EntityType};
pub use error::{Error, Result};
pub use export::Format;
pub use graph::{Graph, GraphBuilder, NoResolver, Resolver};
pub use lexicon::Lexicon;
pub use pipeline::Pipeline;

/// What the crate's own tests share: one pipeline with the embedded models, loaded once.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{lexicon::Lexicon, Document, Pipeline};
    use std::sync::OnceLock;

    /// The embedded pipeline (default options).
    pub fn pipeline() -> &'static Pipeline {
        static P: OnceLock<Pipeline> = OnceLock::new();
        P.get_or_init(Pipeline::new)
    }

    /// The embedded word lists.
    pub fn lexicon() -> &'static Lexicon {
        pipeline().lexicon()
    }

    /// Runs every stage up to the relations on a document made by `ingest::from_text`: the named
    /// patterns' facts, before the confidence model weighs them (the stage tests test patterns).
    pub fn annotate(doc: &mut Document) {
        pipeline().annotate_relations(doc);
    }
}
