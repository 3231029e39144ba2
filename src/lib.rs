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
pub mod clean;
pub mod doc;
pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod hash;
pub mod html;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod train;

pub use doc::{Document, EntityType};
pub use error::{Error, Result};

/// The annotation pipeline with its models and word lists loaded: build one, share it across
/// threads, annotate articles and merge them into a graph.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pipeline {
    options: pipeline::Options,
}

impl Pipeline {
    /// A pipeline with the default options (the greedy parser), models loaded now.
    pub fn new() -> Pipeline {
        Pipeline::with_options(pipeline::Options::default())
    }

    /// A pipeline with these options (`beam: 8` for the most accurate parse), models loaded now.
    pub fn with_options(options: pipeline::Options) -> Pipeline {
        let _ = (lexicon::get(), model::get());
        Pipeline { options }
    }

    /// The options in use.
    pub fn options(&self) -> pipeline::Options {
        self.options
    }

    /// Cleans and annotates one article: tokens, sentences, tags, parse, entities, coreference
    /// and relations, all as character spans into `text`.
    pub fn annotate(&self, id: &str, text: &str) -> Document {
        let mut doc = ingest::from_text(id, text);
        pipeline::annotate_with(&mut doc, &self.options);
        doc
    }

    /// Merges annotated articles into one graph (in any order: the result is sorted).
    pub fn graph(&self, docs: &[Document]) -> graph::Graph {
        graph::Graph::from_documents(docs)
    }
}
