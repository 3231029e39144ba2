//! The pipeline: each stage is a function over a [`Document`] that reads some annotations and adds
//! its own; [`annotate`] runs them all in order.
//!
//! tokenize → sentences → tagger → parser → entities → coref → relations
use crate::doc::Document;

pub mod coref;
pub mod entities;
pub mod parser;
pub mod relations;
pub mod sentences;
pub mod tagger;
pub mod tokenize;
pub mod units;

/// Runs every stage on a cleaned document.
pub fn annotate(doc: &mut Document) {
    tokenize::tokenize(doc);
    sentences::split(doc);
    tagger::tag(doc);
    parser::parse(doc);
    entities::recognise(doc);
    coref::resolve(doc);
    relations::extract(doc);
}
