//! Evaluation against standard files: POS and lemma accuracy and parse attachment scores on
//! CoNLL-U with gold tokenisation, and entity precision/recall/F1 (conlleval rules) on IOB files.
use crate::doc::Pos;
use crate::error::Result;
use crate::model::{self, lemmatizer::Lemma, text::Words};
use crate::train::conllu::read_conllu;
use std::path::Path;

/// POS tagging and lemma figures.
#[derive(Debug, Clone, Copy)]
pub struct PosScores {
    pub tokens: usize,
    pub upos: f64,
    pub lemma: f64,
}

/// Tags and lemmatises a CoNLL-U file with gold tokens and scores the result.
pub fn pos(path: &Path) -> Result<PosScores> {
    let sents = read_conllu(path)?;
    let m = model::get();
    let mut w = Words::default();
    let mut tags = Vec::new();
    let (mut n, mut ok_pos, mut ok_lemma) = (0usize, 0usize, 0usize);
    for s in &sents {
        w.fill(s.iter().map(|r| r.form.as_str()));
        m.tagger.tag(&w, &mut tags);
        for (i, r) in s.iter().enumerate() {
            n += 1;
            ok_pos += (tags[i].as_str() == r.upos) as usize;
            let lemma = lemma_string(&w, i, tags[i]);
            ok_lemma += (lemma == r.lemma) as usize;
        }
    }
    let d = n.max(1) as f64;
    Ok(PosScores { tokens: n, upos: ok_pos as f64 / d, lemma: ok_lemma as f64 / d })
}

/// The lemma of word `i` as a string (as the pipeline would give it).
pub fn lemma_string(w: &Words, i: usize, pos: Pos) -> String {
    match model::get().lemmatizer.lemma(w.word(i), w.lower(i), pos, i == 0) {
        Some(Lemma::AsWritten) => w.word(i).to_string(),
        Some(Lemma::Lexicon(l)) => l.to_string(),
        Some(Lemma::Rule(l)) => l,
        None => w.lower(i).to_string(),
    }
}

/// Lemma errors of a CoNLL-U file as (form, gold tag, predicted tag, gold lemma, predicted lemma).
pub fn lemma_errors(path: &Path) -> Result<Vec<(String, String, String, String, String)>> {
    let sents = read_conllu(path)?;
    let m = model::get();
    let mut w = Words::default();
    let mut tags = Vec::new();
    let mut out = Vec::new();
    for s in &sents {
        w.fill(s.iter().map(|r| r.form.as_str()));
        m.tagger.tag(&w, &mut tags);
        for (i, r) in s.iter().enumerate() {
            let lemma = lemma_string(&w, i, tags[i]);
            if lemma != r.lemma {
                out.push((r.form.clone(), r.upos.clone(), tags[i].as_str().to_string(), r.lemma.clone(), lemma));
            }
        }
    }
    Ok(out)
}
