//! Training commands for the statistical models: read the treebank or entity files, train with a
//! fixed seed, and return the model bytes (same data and seed, same bytes).
use super::conllu::read_conllu;
use crate::error::Result;
use crate::model::{self, lemmatizer, ner, tagger, text::Words};
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

/// Trains the entity recogniser on IOB2 files (tag in the third column for UNER, last otherwise)
/// and GUM CoNLL-U files (named entities from `Entity=`), with POS tags from the trained tagger.
pub fn ner(files: &[&Path], iterations: usize, seed: u64) -> Result<Vec<u8>> {
    let m = model::get();
    let mut data = Vec::new();
    let mut w = Words::default();
    for f in files {
        let sentences = if f.extension().is_some_and(|e| e == "conllu") {
            super::conllu::gum_entities(f)?
        } else {
            let text = std::fs::read_to_string(f).map_err(|e| crate::Error::io(*f, e))?;
            let uner = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).is_some_and(|l| l.split('\t').next().is_some_and(|c| c.chars().all(|x| x.is_ascii_digit())));
            super::conllu::read_iob(f, if uner { 2 } else { -1 })?
        };
        for s in sentences {
            let words: Vec<String> = s.iter().map(|(w, _)| w.clone()).collect();
            let gold: Vec<String> = s.iter().map(|(_, t)| t.clone()).collect();
            w.fill(words.iter().map(String::as_str));
            let mut tags = Vec::new();
            m.tagger.tag(&w, &mut tags);
            data.push((words, tags, gold));
        }
    }
    Ok(ner::train(&data, iterations, seed).to_bytes())
}
