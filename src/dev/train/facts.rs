//! Training and cross-validating the fact confidence model on gold articles: every candidate fact
//! of an article (the patterns' facts and the path candidates) is labelled by matching it to the
//! article's gold facts as the scorer does; folds are whole articles, so no article ever scores
//! itself; the default minimum confidence is chosen on the held-out curve.
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::eval::facts::{self, FactScores, Gold, SystemTriple, Verdict};
use crate::model::confidence::{FactModel, TrainOptions};
use crate::pipeline::facts::features;
use crate::Pipeline;
use rayon::prelude::*;
use std::path::PathBuf;

/// The annotated gold articles with every candidate, its features and its label.
pub struct Corpus {
    /// Articles sorted by key, annotated with every candidate in `relations`.
    pub docs: Vec<Document>,
    /// For each article, each relation's features and whether it is correct.
    pub examples: Vec<Vec<(Vec<String>, bool)>>,
    /// The gold facts of the articles.
    pub gold: Gold,
}

/// Reads the articles among `inputs` that have a gold file and annotates them with `pipeline`
/// up to the confidence model (every candidate is kept, with the patterns' own confidences).
pub fn corpus(pipeline: &Pipeline, gold: Gold, inputs: &[PathBuf]) -> Result<Corpus> {
    let (sources, errors) = crate::ingest::expand(inputs);
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    let mut docs = Vec::new();
    for s in &sources {
        let read = crate::ingest::read(s, crate::ingest::DEFAULT_MAX_BYTES)?;
        docs.extend(
            read.docs
                .into_iter()
                .filter(|d| gold.contains_key(&facts::doc_key(&d.id))),
        );
    }
    if docs.is_empty() {
        return Err(Error::bad(
            inputs.first().cloned().unwrap_or_default(),
            "no article here has a gold file (article a.txt goes with a.facts.tsv)",
        ));
    }
    docs.sort_by_key(|d| facts::doc_key(&d.id));
    let lx = pipeline.lexicon();
    docs.par_iter_mut()
        .for_each(|d| pipeline.annotate_candidates(d));
    let examples = docs
        .iter()
        .map(|d| {
            let key = facts::doc_key(&d.id);
            let gf = &gold[&key];
            features(d, lx)
                .into_iter()
                .zip(&d.relations)
                .map(|(f, r)| {
                    let t = triple(d, r);
                    (f, facts::verdict(gf, &t) == Verdict::Correct)
                })
                .collect()
        })
        .collect();
    Ok(Corpus {
        docs,
        examples,
        gold,
    })
}

/// A document relation as the scorer sees it (the article's names and aliases of its ends).
fn triple(d: &Document, r: &crate::doc::Relation) -> SystemTriple {
    let (s, o) = (&d.entities[r.subject], &d.entities[r.object]);
    SystemTriple::new(
        &d.id,
        &s.name,
        &s.aliases,
        &r.predicate,
        &o.name,
        &o.aliases,
        r.negated,
    )
}

/// Held-out figures: for every candidate of every article, the probability a model trained
/// without that article's fold gives it.
pub struct CrossValidation {
    /// How many folds were used.
    pub folds: usize,
    /// Per article, per relation.
    pub probabilities: Vec<Vec<f32>>,
}

/// The fold of the article at this position (articles sorted by key).
pub fn fold_of(i: usize, k: usize) -> usize {
    i % k
}

/// The order of `n` articles in repeat `seed` of a cross-validation: repeat 0 keeps the sorted
/// order; the others are a fixed shuffle (Fisher–Yates over xorshift64*), so that the folds and
/// the order the training sees the examples in both change. The same seed gives the same order.
pub fn article_order(n: usize, seed: u64) -> Vec<usize> {
    crate::model::confidence::shuffled(n, seed)
}

/// Trains one model per fold on the other folds' articles and scores the fold's (articles in
/// their sorted order: repeat 0 of [`cross_validate_repeat`]).
pub fn cross_validate(c: &Corpus, k: usize, opt: TrainOptions) -> CrossValidation {
    cross_validate_repeat(c, k, opt, 0)
}

/// [`cross_validate`] with the articles in the order of repeat `seed` ([`article_order`]): the
/// article at position `j` of that order is in fold `j % k`, and each model sees its training
/// articles' examples in that order.
pub fn cross_validate_repeat(
    c: &Corpus,
    k: usize,
    opt: TrainOptions,
    seed: u64,
) -> CrossValidation {
    let k = k.clamp(2, c.docs.len().max(2));
    let order = article_order(c.docs.len(), seed);
    let mut fold = vec![0; c.docs.len()];
    for (j, &i) in order.iter().enumerate() {
        fold[i] = fold_of(j, k);
    }
    let models: Vec<FactModel> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<(Vec<String>, bool)> = order
                .iter()
                .filter(|&&i| fold[i] != f)
                .flat_map(|&i| c.examples[i].iter().cloned())
                .collect();
            FactModel::train(&train, opt)
        })
        .collect();
    let probabilities = c
        .examples
        .iter()
        .enumerate()
        .map(|(i, ex)| {
            let m = &models[fold[i]];
            ex.iter().map(|(f, _)| m.probability(f)).collect()
        })
        .collect();
    CrossValidation {
        folds: k,
        probabilities,
    }
}

/// The articles with each relation's confidence set to `probs` and those below `min` dropped.
pub fn with_confidences(c: &Corpus, probs: &[Vec<f32>], min: f32) -> Vec<Document> {
    c.docs
        .iter()
        .zip(probs)
        .map(|(d, p)| {
            let mut d = d.clone();
            let mut i = 0;
            d.relations.retain_mut(|r| {
                r.confidence = (p[i] * 100.0).round() / 100.0;
                i += 1;
                r.confidence >= min
            });
            d
        })
        .collect()
}

/// The end-to-end figures of the articles with each relation's confidence set to `probs` and
/// those below `min` dropped: the graph is built and its triples scored, as `extract` and the
/// scorer would.
pub fn score_at(
    c: &Corpus,
    probs: &[Vec<f32>],
    min: f32,
    lx: &crate::lexicon::Lexicon,
) -> FactScores {
    let docs = with_confidences(c, probs, min);
    facts::score(&c.gold, &graph_triples(&docs, lx)).scores
}

/// The triples of the graph of these documents, as the scorer reads them.
pub fn graph_triples(docs: &[Document], lx: &crate::lexicon::Lexicon) -> Vec<SystemTriple> {
    let g = crate::graph::Graph::from_documents(docs, lx);
    crate::export::triples::triples(&g)
        .into_iter()
        .map(SystemTriple::from)
        .collect()
}

/// One point of the held-out curve.
#[derive(Debug, Clone)]
pub struct CurvePoint {
    /// The minimum confidence.
    pub min: f32,
    /// The held-out figures at it.
    pub scores: FactScores,
}

/// The held-out figures at every minimum confidence from 0.01 to 0.99 by 0.01 (the default is
/// chosen on this fine grid; reports print every fifth point).
pub fn curve(c: &Corpus, cv: &CrossValidation, lx: &crate::lexicon::Lexicon) -> Vec<CurvePoint> {
    (1..100)
        .into_par_iter()
        .map(|i| {
            let min = i as f32 / 100.0;
            CurvePoint {
                min,
                scores: score_at(c, &cv.probabilities, min, lx),
            }
        })
        .collect()
}

/// The curves of several runs pooled, point by point: their counts added (each run scores every
/// article once).
pub fn pool(runs: &[Vec<CurvePoint>]) -> Vec<CurvePoint> {
    let mut out = runs.first().cloned().unwrap_or_default();
    for run in runs.iter().skip(1) {
        for (p, q) in out.iter_mut().zip(run) {
            p.scores += &q.scores;
        }
    }
    out
}

/// Reliability: for each tenth of confidence, the candidates in it and the share correct,
/// pooled over the repeats `cvs`.
pub fn reliability(c: &Corpus, cvs: &[CrossValidation]) -> Vec<(f32, usize, f64)> {
    let mut bands = vec![(0usize, 0usize); 10];
    for cv in cvs {
        for (ex, ps) in c.examples.iter().zip(&cv.probabilities) {
            for ((_, y), p) in ex.iter().zip(ps) {
                let b = ((p * 10.0) as usize).min(9);
                bands[b].0 += 1;
                bands[b].1 += *y as usize;
            }
        }
    }
    bands
        .into_iter()
        .enumerate()
        .map(|(b, (n, ok))| {
            (
                b as f32 / 10.0,
                n,
                if n > 0 { ok as f64 / n as f64 } else { 0.0 },
            )
        })
        .collect()
}

/// The held-out precision the default minimum confidence must keep: four facts in five right.
pub const MIN_PRECISION: f64 = 0.80;

/// The minimum confidence of best held-out F1 among those of held-out precision at least
/// `min_precision` (the lower one on a tie; the best F1 of all when none reaches it).
pub fn choose_threshold(curve: &[CurvePoint], min_precision: f64) -> f32 {
    let precise: Vec<CurvePoint> = curve
        .iter()
        .filter(|c| c.scores.precision() >= min_precision)
        .cloned()
        .collect();
    best_threshold(if precise.is_empty() { curve } else { &precise })
}

/// The minimum confidence of best held-out F1 (the lower one on a tie).
pub fn best_threshold(curve: &[CurvePoint]) -> f32 {
    curve
        .iter()
        .fold(None::<&CurvePoint>, |best, p| match best {
            Some(b) if b.scores.f1() >= p.scores.f1() => Some(b),
            _ => Some(p),
        })
        .map_or(0.5, |p| p.min)
}

/// The model trained on every article, with the default minimum confidence `threshold`.
pub fn train_all(c: &Corpus, opt: TrainOptions, threshold: f32) -> FactModel {
    let all: Vec<(Vec<String>, bool)> = c.examples.iter().flatten().cloned().collect();
    let mut m = FactModel::train(&all, opt);
    m.threshold = threshold;
    m
}

#[cfg(test)]
mod tests {
    use super::article_order;

    #[test]
    fn the_first_run_keeps_the_order_and_the_others_shuffle_it_the_same_way_each_time() {
        assert_eq!(article_order(6, 0), vec![0, 1, 2, 3, 4, 5]);
        for seed in 1..5 {
            let a = article_order(37, seed);
            assert_eq!(a, article_order(37, seed));
            let mut sorted = a.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..37).collect::<Vec<_>>());
            assert_ne!(a, sorted, "seed {seed} left the order as it was");
        }
        assert_ne!(article_order(37, 1), article_order(37, 2));
    }
}
