//! Training commands for the statistical models: read the treebank or entity files, train with a
//! fixed seed, and return the model bytes (same data and seed, same bytes).
use super::conllu::read_conllu;
use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::model::{lemmatizer, ner, oracle::Tree, tagger, text::Words};
use crate::Pipeline;
use std::path::Path;

/// Trains the tagger; returns the bytes of both passes and the lemma rules file.
/// `lx`: the word lists whose tag ambiguity classes are features.
pub fn tagger(
    lx: &Lexicon,
    files: &[&Path],
    iterations: usize,
    seed: u64,
) -> Result<(Vec<u8>, Vec<u8>, String)> {
    let mut sents = Vec::new();
    let mut triples = Vec::new();
    for f in files {
        for s in read_conllu(f)? {
            let words: Vec<String> = s.iter().map(|r| r.form.clone()).collect();
            let tags: Vec<String> = s.iter().map(|r| r.upos.clone()).collect();
            triples.extend(
                s.iter()
                    .map(|r| (r.form.clone(), r.upos.clone(), r.lemma.clone())),
            );
            sents.push((words, tags));
        }
    }
    let (first, second) = tagger::train(lx, &sents, iterations, seed);
    Ok((
        first.to_bytes(),
        second.to_bytes(),
        lemmatizer::rules_tsv(&triples),
    ))
}

/// Trains the entity recogniser on IOB2 files (tag in the third column for UNER, last otherwise)
/// and GUM CoNLL-U files (named entities from `Entity=`), with POS tags from the pipeline's tagger
/// and features from its word lists. `lowercase`: train on every sentence lower-cased (tagged
/// again), for the recogniser of text written without capitals.
pub fn ner(
    p: &Pipeline,
    files: &[&Path],
    iterations: usize,
    seed: u64,
    lowercase: bool,
) -> Result<Vec<u8>> {
    let (m, lx) = (p.models(), p.lexicon());
    let mut data = Vec::new();
    let mut w = Words::default();
    for f in files {
        let sentences = if f.extension().is_some_and(|e| e == "conllu") {
            super::conllu::gum_entities(f)?
        } else {
            super::conllu::read_iob_auto(f)?
        };
        for s in sentences {
            let words: Vec<String> = s
                .iter()
                .map(|(w, _)| {
                    if lowercase {
                        w.to_lowercase()
                    } else {
                        w.clone()
                    }
                })
                .collect();
            let gold: Vec<String> = s.iter().map(|(_, t)| t.clone()).collect();
            w.fill(words.iter().map(String::as_str));
            let mut tags = Vec::new();
            m.tagger.tag(lx, &w, &mut tags);
            data.push((words, tags, gold));
        }
    }
    Ok(ner::train(lx, &data, iterations, seed).to_bytes())
}

/// Trains the greedy parser and its labeller on CoNLL-U files: (parser.kgm, labeler.kgm) bytes.
pub fn parser(
    lx: &Lexicon,
    files: &[&Path],
    iterations: usize,
    seed: u64,
    prune: u32,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let trees = parser_trees(lx, files, seed)?;
    let (moves, labels) = crate::model::oracle::train(&trees, iterations, seed, prune);
    Ok((moves.to_bytes(), labels.to_bytes()))
}

/// Trains the transition model for beam search of width `beam` ([`crate::model::beam`]) on
/// CoNLL-U files: parser-beam.kgm bytes. Arcs are labelled by the greedy parser's labeller of the
/// pipeline's models.
pub fn beam_parser(
    p: &Pipeline,
    files: &[&Path],
    iterations: usize,
    seed: u64,
    prune: u32,
    beam: usize,
) -> Result<Vec<u8>> {
    let trees = parser_trees(p.lexicon(), files, seed)?;
    let labels = &p.models().parser.labels;
    Ok(crate::model::beam::train(&trees, iterations, seed, prune, beam, labels).to_bytes())
}

/// The parsers' training trees from CoNLL-U files. Their POS tags come from taggers trained on the
/// other half of the data (2-fold jackknifing), so the parser learns with the kind of tagging
/// errors it will meet on new text.
fn parser_trees(lx: &Lexicon, files: &[&Path], seed: u64) -> Result<Vec<Tree>> {
    let mut sents = Vec::new();
    for f in files {
        sents.extend(read_conllu(f)?);
    }
    let tagged: Vec<tagger::Tagged> = sents
        .iter()
        .map(|s| {
            (
                s.iter().map(|r| r.form.clone()).collect(),
                s.iter().map(|r| r.upos.clone()).collect(),
            )
        })
        .collect();
    let half = tagged.len() / 2;
    let (ta, tb) = tagged.split_at(half);
    let (a1, a2) = tagger::train(lx, ta, 10, seed);
    let (b1, b2) = tagger::train(lx, tb, 10, seed);
    let (tag_a, tag_b) = (tagger::Tagger::new(a1, a2), tagger::Tagger::new(b1, b2));
    let mut trees = Vec::new();
    let mut w = Words::default();
    for (k, s) in sents.iter().enumerate() {
        let n = s.len();
        let words: Vec<String> = s.iter().map(|r| r.form.clone()).collect();
        w.fill(words.iter().map(String::as_str));
        let (mut tags, mut alts) = (Vec::new(), Vec::new());
        if k < half { &tag_b } else { &tag_a }.tag_alt(lx, &w, &mut tags, &mut alts);
        let heads: Vec<usize> = s
            .iter()
            .map(|r| {
                if r.head == 0 || r.head > n {
                    n
                } else {
                    r.head - 1
                }
            })
            .collect();
        let labels: Vec<String> = s.iter().map(|r| r.deprel.clone()).collect();
        trees.push((words, tags, heads, labels, alts));
    }
    Ok(trees)
}
