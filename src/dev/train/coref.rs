//! Training the coreference model on GUM: each document is annotated by kgraph up to its names'
//! coreference; every anaphor kgraph finds (pronoun or definite description) is labelled by
//! GUM's chains: a candidate entity is right when one of its names lies in the anaphor's gold
//! chain. The walk is teacher-forced (a right link counts as the entity's latest mention). The
//! linking thresholds are chosen on the held-out links of a cross-validation by document.
use crate::error::Result;
pub use crate::eval::coref::split_files;
use crate::eval::coref::{read_gum, token_words, GoldDoc};
use crate::model::confidence::{FactModel, TrainOptions};
use crate::pipeline::anaphora::{walk, Anaphor, AnaphorKind};
use crate::Pipeline;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// One anaphor's candidates: features, whether each is right, and the kind of anaphor.
pub struct Decision {
    /// Pronoun or description.
    pub kind: AnaphorKind,
    /// Each candidate's features, and whether it is the gold antecedent.
    pub candidates: Vec<(Vec<String>, bool)>,
}

/// The gold chain of each mention span, and for each end word the mentions ending there.
struct GoldIndex {
    ending: HashMap<usize, Vec<(usize, usize)>>,
    starting: HashMap<usize, Vec<(usize, usize)>>,
}

impl GoldIndex {
    fn new(g: &GoldDoc) -> GoldIndex {
        let mut ending: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        let mut starting: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for (c, spans) in g.chains.values().enumerate() {
            for &(a, b) in spans {
                ending.entry(b).or_default().push((a, c));
                starting.entry(a).or_default().push((b, c));
            }
        }
        GoldIndex { ending, starting }
    }
    /// The chain of the tightest gold mention that ends where (x, y) ends and contains it.
    fn name_chain(&self, (x, y): (usize, usize)) -> Option<usize> {
        self.ending
            .get(&y)?
            .iter()
            .filter(|&&(a, _)| a <= x)
            .max_by_key(|&&(a, c)| (a, std::cmp::Reverse(c)))
            .map(|&(_, c)| c)
    }
    /// The chain of the tightest gold mention that starts at `x` and contains word `h`.
    fn anaphor_chain(&self, x: usize, h: usize) -> Option<usize> {
        self.starting
            .get(&x)?
            .iter()
            .filter(|&&(b, _)| b >= h)
            .min_by_key(|&&(b, c)| (b, c))
            .map(|&(_, c)| c)
    }
}

/// The decisions of one GUM document, labelled by its chains: those of the walk over the
/// entities, and those of the walk over the unnamed things the anaphors left unlinked open
/// (teacher-forced: an anaphor with a right entity is linked, and one of a turn's speakers).
pub fn decisions(p: &Pipeline, g: &GoldDoc) -> [Vec<Decision>; 2] {
    let (text, at) = g.running_text();
    let mut doc = crate::ingest::from_text(&g.name, &text);
    p.annotate_mentions(&mut doc);
    let words = token_words(&doc, &at);
    let index = GoldIndex::new(g);
    // the gold chains of each entity's names
    let mut chains: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); doc.entities.len()];
    for m in &doc.mentions {
        if let Some(e) = m.entity {
            let span = (words[m.tokens.start].0, words[m.tokens.end - 1].1);
            if let Some(c) = index.name_chain(span) {
                chains[e].insert(c);
            }
        }
    }
    let lx = p.lexicon();
    let ans = crate::pipeline::anaphora::anaphors(&doc, lx);
    let turns = crate::pipeline::anaphora::turns(&doc, true);
    let mut linked: Vec<bool> = ans
        .iter()
        .map(|a| crate::pipeline::anaphora::turn_person(&turns, a).is_some())
        .collect();
    let mut out: [Vec<Decision>; 2] = [Vec::new(), Vec::new()];
    // the walk over the entities, then the walk of unnamed things over the anaphors it left
    // unlinked and the noun phrases that open chains
    let openers = crate::pipeline::anaphora::openers(&doc, &ans);
    for (pass, decided) in out.iter_mut().enumerate() {
        let (all, skip) = if pass == 0 {
            (ans.clone(), None)
        } else {
            let (all, skip) =
                crate::pipeline::anaphora::unnamed_walk(&ans, &linked, openers.clone());
            (all, Some(skip))
        };
        // the gold chain of each (an unnamed thing's chain is its opener's)
        let gold_of: Vec<Option<usize>> = all
            .iter()
            .map(|a| index.anaphor_chain(words[a.tokens.start].0, words[a.head].0))
            .collect();
        let at = |a: &Anaphor| {
            all.partition_point(|x| (x.head, x.tokens.start) < (a.head, a.tokens.start))
        };
        walk(&doc, lx, &all, skip.as_deref(), |a, cands, pairs| {
            let gold = gold_of[at(a)];
            let right: Vec<bool> = cands
                .iter()
                .map(|c| match pairs.founder(c) {
                    Some((f, _)) => gold.is_some() && gold_of[f] == gold,
                    None => gold.is_some_and(|g| chains[c.entity].contains(&g)),
                })
                .collect();
            decided.push(Decision {
                kind: a.kind,
                candidates: cands
                    .iter()
                    .map(|c| pairs.list(a, c))
                    .zip(right.iter().copied())
                    .collect(),
            });
            let k = right.iter().position(|&r| r);
            if pass == 0 && k.is_some() {
                linked[at(a)] = true;
            }
            k
        });
    }
    out
}

/// The labelled decisions of every document, in file order (see [`decisions`]).
pub fn corpus(p: &Pipeline, files: &[PathBuf]) -> Result<Vec<[Vec<Decision>; 2]>> {
    let docs: Vec<GoldDoc> = files.iter().map(|f| read_gum(f)).collect::<Result<_>>()?;
    Ok(docs.par_iter().map(|g| decisions(p, g)).collect())
}

/// Each anaphor's best candidate (its probability, whether it is right), and how many of the
/// anaphors have a right candidate at all.
type BestLinks = (Vec<(f32, bool)>, usize);

/// The [`BestLinks`] of decisions by `model`.
fn best_links<'a>(model: &FactModel, data: impl Iterator<Item = &'a Decision>) -> BestLinks {
    let mut best: Vec<(f32, bool)> = Vec::new();
    let mut linkable = 0usize;
    for d in data {
        if d.candidates.iter().any(|c| c.1) {
            linkable += 1;
        }
        let b = d
            .candidates
            .iter()
            .map(|(f, r)| (model.probability(f), *r))
            .fold((0f32, false), |acc, x| if x.0 > acc.0 { x } else { acc });
        best.push(b);
    }
    (best, linkable)
}

/// A link curve: (threshold, precision, recall, F1) at each threshold.
pub type Curve = Vec<(f32, f64, f64, f64)>;

/// Link precision, recall and F1 at each threshold (0.05 steps) of the anaphors' best links
/// ([`best_links`]).
fn curve_of(best: &[(f32, bool)], linkable: usize) -> Vec<(f32, f64, f64, f64)> {
    (1..20)
        .map(|k| {
            let t = k as f32 * 0.05;
            let linked: Vec<bool> = best.iter().filter(|b| b.0 >= t).map(|b| b.1).collect();
            let right = linked.iter().filter(|&&r| r).count() as f64;
            let p = if linked.is_empty() {
                0.0
            } else {
                right / linked.len() as f64
            };
            let r = right / linkable.max(1) as f64;
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            (t, p, r, f)
        })
        .collect()
}

/// The held-out link curves (threshold, precision, recall, F1 at each 0.05) of a `k`-fold
/// cross-validation by document: each document's decisions are scored by a model trained on the
/// other folds' documents (document `i` is in fold `i % k`; each fold's model is trained once),
/// and the folds' best links are pooled; one curve for each of `kinds`, over the anaphors of
/// that kind only, or all (`None`).
pub fn cross_validated_curves(
    data: &[&Vec<Decision>],
    k: usize,
    kinds: &[Option<AnaphorKind>],
) -> Vec<Vec<(f32, f64, f64, f64)>> {
    held_out_curves(data, &fold_models(data, k), kinds)
}

/// The model of each fold of a `k`-fold cross-validation by document (`k` at least 2 and at most
/// the number of documents), trained on the other folds' documents: document `i` is in fold
/// `i % k`.
pub fn fold_models(data: &[&Vec<Decision>], k: usize) -> Vec<FactModel> {
    let k = k.clamp(2, data.len().max(2));
    (0..k)
        .into_par_iter()
        .map(|f| fit(&fold_of(data, k, f)))
        .collect()
}

/// The curves of [`cross_validated_curves`] with the fold models given ([`fold_models`]).
pub fn held_out_curves(
    data: &[&Vec<Decision>],
    models: &[FactModel],
    kinds: &[Option<AnaphorKind>],
) -> Vec<Vec<(f32, f64, f64, f64)>> {
    pooled_curves(&fold_best_links(data, models, kinds), kinds.len())
}

/// [`held_out_curves`], and per kind, at each of its thresholds, the standard error of the link
/// F1 over the folds (the spread of the folds' own F1, over the square root of their number):
/// how far apart two thresholds' pooled F1 may be by the luck of the folds alone. The folds'
/// links are scored once for both.
pub fn held_out_curves_and_errors(
    data: &[&Vec<Decision>],
    models: &[FactModel],
    kinds: &[Option<AnaphorKind>],
) -> (Vec<Curve>, Vec<Vec<f64>>) {
    let folds = fold_best_links(data, models, kinds);
    let k = folds.len() as f64;
    let errors = (0..kinds.len())
        .map(|j| {
            let curves: Vec<Curve> = folds.iter().map(|f| curve_of(&f[j].0, f[j].1)).collect();
            (0..curves[0].len())
                .map(|t| {
                    let mean = curves.iter().map(|c| c[t].3).sum::<f64>() / k;
                    let var =
                        curves.iter().map(|c| (c[t].3 - mean).powi(2)).sum::<f64>() / (k - 1.0);
                    (var / k).sqrt()
                })
                .collect()
        })
        .collect();
    (pooled_curves(&folds, kinds.len()), errors)
}

/// Per kind, the curve of the folds' best links pooled.
fn pooled_curves(folds: &[Vec<BestLinks>], kinds: usize) -> Vec<Curve> {
    (0..kinds)
        .map(|j| {
            let linkable = folds.iter().map(|f| f[j].1).sum();
            let best: Vec<(f32, bool)> = folds.iter().flat_map(|f| f[j].0.clone()).collect();
            curve_of(&best, linkable)
        })
        .collect()
}

/// Per fold, per kind: the held-out best links and how many anaphors have a right one.
fn fold_best_links(
    data: &[&Vec<Decision>],
    models: &[FactModel],
    kinds: &[Option<AnaphorKind>],
) -> Vec<Vec<BestLinks>> {
    let k = models.len();
    models
        .par_iter()
        .enumerate()
        .map(|(f, model)| {
            kinds
                .iter()
                .map(|kind| {
                    let held = data
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % k == f)
                        .flat_map(|(_, d)| d.iter())
                        .filter(|d| kind.is_none_or(|k| d.kind == k));
                    best_links(model, held)
                })
                .collect()
        })
        .collect()
}

/// The lowest threshold whose link F1 is within one standard error (over the folds, `errors`)
/// of the best: near its top the curve is flat, differences smaller than the folds' own spread
/// are luck, and there the lower threshold links more (the facts' model weighs each link again).
pub fn lowest_near_best(curve: &[(f32, f64, f64, f64)], errors: &[f64]) -> f32 {
    let (best, top) =
        curve.iter().enumerate().fold(
            (0, 0f64),
            |(b, t), (i, c)| if c.3 > t { (i, c.3) } else { (b, t) },
        );
    let margin = errors.get(best).copied().unwrap_or(0.0);
    curve
        .iter()
        .find(|c| c.3 >= top - margin)
        .map_or(0.5, |c| c.0)
}

/// The documents' decisions outside fold `f` of `k` (document `i` is in fold `i % k`).
fn fold_of<'a>(data: &[&'a Vec<Decision>], k: usize, f: usize) -> Vec<&'a Vec<Decision>> {
    data.iter()
        .enumerate()
        .filter(|(i, _)| i % k != f)
        .map(|(_, d)| *d)
        .collect()
}

/// The model of the documents' decisions (every candidate a pair example).
fn fit(data: &[&Vec<Decision>]) -> FactModel {
    let examples: Vec<(Vec<String>, bool)> = data
        .iter()
        .flat_map(|d| d.iter())
        .flat_map(|d| d.candidates.iter().cloned())
        .collect();
    FactModel::train(&examples, options())
}

/// The free-running figures of a cross-validation by document: the documents of `files` in
/// fold `i % k` are annotated and scored as `kgraph eval coref` does (kgraph's own mentions), by
/// a pipeline whose two coreference models are that fold's (`named` and `unnamed`, from
/// [`fold_models`] over the same documents in the same order), at `thresholds` (pronouns,
/// descriptions, unnamed links); the folds' figures are pooled. Unlike the link curves of
/// [`cross_validated_curves`], each anaphor sees the links the model made before it, right or
/// wrong, so these are the figures of `kgraph eval coref` over every training and development
/// document rather than the 16 test documents.
pub fn free_running(
    p: &Pipeline,
    files: &[PathBuf],
    named: &[FactModel],
    unnamed: &[FactModel],
    thresholds: [f32; 3],
) -> Result<crate::eval::coref::CorefScores> {
    let k = named.len();
    assert_eq!(k, unnamed.len(), "one model of each kind per fold");
    let options = crate::pipeline::Options {
        unnamed_chains: true,
        ..p.options()
    };
    let pipelines: Vec<Pipeline> = named
        .par_iter()
        .zip(unnamed)
        .map(|(n, u)| {
            let mut models = crate::model::Models::embedded();
            models.coref = n.clone();
            models.coref.threshold = thresholds[0];
            models.coref.kind_thresholds.insert(
                crate::pipeline::anaphora::DESCRIPTION_THRESHOLD.into(),
                thresholds[1],
            );
            models.coref_unnamed = u.clone();
            models.coref_unnamed.threshold = thresholds[2];
            p.with_models(models).with(options)
        })
        .collect();
    let run = crate::eval::coref::coref_by(|i| &pipelines[i % k], files, false, true)?;
    Ok(run.scores)
}

/// The training options of the coreference model.
pub fn options() -> TrainOptions {
    TrainOptions {
        epochs: 10,
        l2: 1e-4,
        rate: 0.05,
        orders: 1,
    }
}

/// Trains on the decisions (every candidate a pair example) with the threshold given.
pub fn train(data: &[Vec<Decision>], threshold: f32) -> FactModel {
    let examples: Vec<(Vec<String>, bool)> = data
        .iter()
        .flatten()
        .flat_map(|d| d.candidates.iter().cloned())
        .collect();
    let mut m = FactModel::train(&examples, options());
    m.threshold = threshold;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of anaphors of one kind, each with a right candidate ("near") and a wrong one.
    fn doc(kind: AnaphorKind, n: usize) -> Vec<Decision> {
        (0..n)
            .map(|i| Decision {
                kind,
                candidates: vec![
                    (vec!["near".to_string(), format!("x={}", i % 3)], true),
                    (vec!["far".to_string(), format!("x={}", i % 3)], false),
                ],
            })
            .collect()
    }

    /// "Anna Berg visited Oslo . She met Ola Dahl there ." in GUM's format, with the chains
    /// Anna Berg / She and Oslo / there (the fixture of `tests/coref_eval.rs`).
    const DOC: &str = include_str!("../../../tests/data/invented_gum_format.conllu");

    #[test]
    fn the_threshold_is_the_lowest_within_one_standard_error_of_the_best() {
        let curve = [
            (0.05, 0.5, 0.9, 0.60),
            (0.10, 0.6, 0.8, 0.69),
            (0.15, 0.7, 0.7, 0.70),
            (0.20, 0.8, 0.6, 0.68),
        ];
        assert_eq!(lowest_near_best(&curve, &[0.0, 0.0, 0.015, 0.0]), 0.10);
        assert_eq!(lowest_near_best(&curve, &[0.0, 0.0, 0.005, 0.0]), 0.15);
        assert_eq!(lowest_near_best(&curve, &[0.0; 4]), 0.15);
    }

    #[test]
    fn folds_that_agree_have_no_spread_and_folds_that_differ_have_some() {
        // every fold's best candidate is right: the same F1 in each, no spread
        let docs: Vec<Vec<Decision>> = (0..10).map(|_| doc(AnaphorKind::Pronoun, 20)).collect();
        let refs: Vec<&Vec<Decision>> = docs.iter().collect();
        let models = fold_models(&refs, 5);
        let errors = held_out_curves_and_errors(&refs, &models, &[None]).1;
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].len(), 19);
        assert!(errors[0].iter().all(|&e| e < 1e-9), "{errors:?}");
        // half the folds' documents have the wrong candidate marked right: their F1 falls
        let mixed: Vec<Vec<Decision>> = (0..10)
            .map(|i| {
                let mut d = doc(AnaphorKind::Pronoun, 20);
                if i % 5 < 2 {
                    for x in d.iter_mut() {
                        x.candidates[0].1 = false;
                        x.candidates[1].1 = true;
                    }
                }
                d
            })
            .collect();
        let refs: Vec<&Vec<Decision>> = mixed.iter().collect();
        let models = fold_models(&refs, 5);
        let errors = held_out_curves_and_errors(&refs, &models, &[None]).1;
        assert!(errors[0].iter().any(|&e| e > 0.01), "{errors:?}");
    }

    #[test]
    fn free_running_scores_each_fold_with_models_trained_without_it() {
        let d = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..4)
            .map(|i| {
                let f = d.path().join(format!("GUM_news_t{i}.conllu"));
                std::fs::write(&f, DOC.replace("GUM_news_test", &format!("GUM_news_t{i}")))
                    .unwrap();
                f
            })
            .collect();
        let p = Pipeline::new();
        let data = corpus(&p, &files).unwrap();
        let named: Vec<&Vec<Decision>> = data.iter().map(|d| &d[0]).collect();
        let unnamed: Vec<&Vec<Decision>> = data.iter().map(|d| &d[1]).collect();
        // every "She" is asked for; a model trained on the other fold's documents links each
        // to Anna Berg when any link is taken, and none above every probability
        let (named, unnamed) = (fold_models(&named, 2), fold_models(&unnamed, 2));
        let run = |t: f32| free_running(&p, &files, &named, &unnamed, [t, t, t]).unwrap();
        let low = run(0.0);
        assert_eq!(low.documents, 4);
        assert_eq!(low.pronouns, (4, 4));
        assert_eq!(run(1.01).pronouns, (0, 4));
    }

    #[test]
    fn the_held_out_curve_scores_each_fold_by_a_model_trained_without_it() {
        let docs: Vec<Vec<Decision>> = (0..10)
            .map(|d| {
                let kind = if d % 2 == 0 {
                    AnaphorKind::Pronoun
                } else {
                    AnaphorKind::Description
                };
                doc(kind, 20)
            })
            .collect();
        let refs: Vec<&Vec<Decision>> = docs.iter().collect();
        let kinds = [None, Some(AnaphorKind::Pronoun)];
        let curves = cross_validated_curves(&refs, 5, &kinds);
        let all = &curves[0];
        assert_eq!(all.len(), 19);
        // every anaphor's best candidate is the right one: precision 1 wherever any is linked,
        // and recall falls as the threshold rises
        assert!(all.iter().all(|c| c.1 == 0.0 || c.1 == 1.0), "{all:?}");
        assert!(all[0].2 >= all[18].2);
        assert_eq!(all[0].2, 1.0, "{all:?}");
        // one kind only: its own anaphors, the same curve here
        assert_eq!(curves[1][0].2, 1.0);
        assert_eq!(&cross_validated_curves(&refs, 5, &[None])[0], all);
    }
}
