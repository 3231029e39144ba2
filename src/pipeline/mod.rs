//! The pipeline: each stage is a function over a [`Document`] that reads some annotations and adds
//! its own; [`annotate`] runs them all in order.
//!
//! tokenize → sentences → tagger → parser → entities → coref → relations
use crate::doc::Document;

pub mod clauses;
pub mod coref;
pub mod entities;
pub mod open;
pub mod parser;
pub mod relations;
pub mod sentences;
pub mod tagger;
pub mod tokenize;
pub mod units;

/// Choices that trade speed for accuracy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Beam width of the dependency parser: 1 parses greedily (fastest); above 1 the parser
    /// trained for beam search keeps that many candidate parses (more accurate, slower).
    pub beam: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { beam: 1 }
    }
}

/// Runs every stage on a cleaned document, with the default [`Options`].
pub fn annotate(doc: &mut Document) {
    annotate_with(doc, &Options::default());
}

/// Runs every stage on a cleaned document.
pub fn annotate_with(doc: &mut Document, options: &Options) {
    tokenize::tokenize(doc);
    sentences::split(doc);
    tagger::tag(doc);
    parser::parse(doc, options.beam);
    entities::recognise(doc);
    coref::resolve(doc);
    relations::extract(doc);
}
