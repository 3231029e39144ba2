//! kgraph: a fast, offline knowledge-graph builder for news articles.
//!
//! Articles are read and cleaned ([`ingest`]), annotated by the pipeline stages ([`pipeline`]:
//! tokens, sentences, tags, entities, coreference, relations), merged into one [`graph::Graph`],
//! and written by the [`export`] modules (JSON, DOT, JSONL/TSV triples).
//!
//! ```
//! let mut doc = kgraph::ingest::from_text("example", "U.S. Secretary of State Antony Blinken warned China.");
//! kgraph::pipeline::annotate(&mut doc);
//! let graph = kgraph::graph::Graph::from_documents(&[doc]);
//! let triples = kgraph::export::triples::triples(&graph);
//! assert!(triples.iter().any(|t| t.subject == "Antony Blinken" && t.predicate == "warn" && t.object == "China"));
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
