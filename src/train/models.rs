//! Training commands for the statistical models: read the treebank or entity files, train with a
//! fixed seed, and return the model bytes (same data and seed, same bytes).
use super::conllu::read_conllu;
use crate::error::Result;
use crate::model::{lemmatizer, tagger};
use std::path::Path;

/// Trains the tagger; returns the bytes of both passes and the lemma rules file.
pub fn tagger(files: &[&Path], iterations: usize, seed: u64) -> Result<(Vec<u8>, Vec<u8>, String)> {
    let mut sents = Vec::new();
    let mut triples = Vec::new();
    for f in files {
        for s in read_conllu(f)? {
            let words: Vec<String> = s.iter().map(|r| r.form.clone()).collect();
            let tags: Vec<String> = s.iter().map(|r| r.upos.clone()).collect();
            triples.extend(s.iter().map(|r| (r.form.clone(), r.upos.clone(), r.lemma.clone())));
            sents.push((words, tags));
        }
    }
    let (first, second) = tagger::train(&sents, iterations, seed);
    Ok((first.to_bytes(), second.to_bytes(), lemmatizer::rules_tsv(&triples)))
}
