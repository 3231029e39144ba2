//! The CaRB Open IE benchmark (Bhardwaj et al., 2019), scored as its published scorer does:
//! every extraction is reduced to (arg1, relation, rest of the arguments joined); a system
//! extraction and a gold one match by the words they share (whitespace tokens, case kept) in the
//! relation (at least one, "be" matching any form of it) and in each argument, giving a precision
//! and a recall per pair; per sentence, precision pairs each gold extraction with at most one
//! system extraction (greedily, best precision first) and recall takes each gold extraction's best
//! recall; the curve over confidence thresholds gives the best F1 and the area under it.
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

pub use crate::export::open::{tab_line, Extraction};

/// Benchmark figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CarbScores {
    /// Sentences scored.
    pub sentences: usize,
    /// Gold extractions.
    pub gold: usize,
    /// Predicted extractions.
    pub predicted: usize,
    /// Precision, recall and F1 at the threshold with the best F1.
    pub precision: f64,
    /// Recall at the best F1.
    pub recall: f64,
    /// The best F1 over the confidence curve.
    pub f1: f64,
    /// Area under the precision-recall curve (with the point recall 0, precision 1 added).
    pub auc: f64,
}

/// A sentence as the scorer keys it: without spaces and punctuation, brackets unescaped.
pub fn sentence_key(s: &str) -> String {
    let s = s
        .replace("-LRB-", "(")
        .replace("-RRB-", ")")
        .replace("-LSB-", "[")
        .replace("-RSB-", "]")
        .replace("-LCB-", "{")
        .replace("-RCB-", "}");
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .collect()
}

/// Reads a gold file: `sentence \t relation \t arg1 \t arg2 ...` per line (fields trimmed;
/// context arguments marked "C: " left out, as CaRB's reader does).
pub fn read_gold(path: &Path) -> Result<Vec<(String, Vec<Extraction>)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut order: Vec<String> = Vec::new();
    let mut by: HashMap<String, Vec<Extraction>> = HashMap::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.trim().split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        // as CaRB's reader: fields trimmed, context arguments ("C: ...") left out
        let key = cols[0].trim().to_string();
        if !by.contains_key(&key) {
            order.push(key.clone());
        }
        by.entry(key).or_default().push(Extraction {
            relation: cols[1].trim().to_string(),
            args: cols[2..]
                .iter()
                .filter(|a| !a.contains("C: "))
                .map(|s| s.trim().to_string())
                .collect(),
            confidence: 1.0,
        });
    }
    Ok(order
        .into_iter()
        .map(|k| {
            let v = by.remove(&k).unwrap_or_default();
            (k, v)
        })
        .collect())
}

/// Words of `gold` found in `predicted`, each predicted word used once.
fn shared(gold: &str, predicted: &str) -> (usize, usize, usize) {
    let mut pred: Vec<&str> = predicted.split_whitespace().collect();
    let n_pred = pred.len();
    let mut n_gold = 0;
    let mut hits = 0;
    for w in gold.split_whitespace() {
        n_gold += 1;
        if let Some(p) = pred.iter().position(|x| *x == w) {
            pred.remove(p);
            hits += 1;
        }
    }
    (hits, n_gold, n_pred)
}

/// Reduces an extraction to two arguments: the first, and the rest joined.
fn binary(args: &[String]) -> Vec<String> {
    if args.len() >= 2 {
        vec![args[0].clone(), args[1..].join(" ")]
    } else {
        args.to_vec()
    }
}

/// Precision and recall of one system extraction against one gold extraction (CaRB's lenient
/// tuple match over binary extractions).
fn lenient(gold_rel: &str, gold_args: &[String], rel: &str, args: &[String]) -> (f64, f64) {
    let (mut hits, n_gold, n_pred) = shared(gold_rel, rel);
    let (mut p_num, mut p_den, mut r_num, mut r_den) = (0usize, n_pred, 0usize, n_gold);
    // "be" in the system relation matches any form of it in the gold one
    let be_left = {
        let mut pred: Vec<&str> = rel.split_whitespace().collect();
        for w in gold_rel.split_whitespace() {
            if let Some(p) = pred.iter().position(|x| *x == w) {
                pred.remove(p);
            }
        }
        pred.contains(&"be")
    };
    if be_left
        && gold_rel.split_whitespace().any(|w| {
            matches!(
                w,
                "be" | "is" | "am" | "are" | "was" | "were" | "been" | "being"
            )
        })
    {
        hits += 1;
    }
    if hits == 0 {
        return (0.0, 0.0);
    }
    p_num += hits;
    r_num += hits;
    for (i, g) in gold_args.iter().enumerate() {
        let n = g.split_whitespace().count();
        r_den += n;
        let Some(a) = args.get(i) else {
            if i < 2 {
                return (0.0, 0.0);
            }
            continue;
        };
        let (h, _, np) = shared(g, a);
        p_den += np;
        p_num += h;
        r_num += h;
    }
    let p = if p_den == 0 {
        0.0
    } else {
        p_num as f64 / p_den as f64
    };
    let r = if r_den == 0 {
        0.0
    } else {
        r_num as f64 / r_den as f64
    };
    (p, r)
}

/// The match score of a pair, as CaRB's binary lenient match: for a gold relation of saying
/// ("said", "told"), the system's arguments may also come in the other order.
fn score(gold: &Extraction, ex: &Extraction) -> (f64, f64) {
    let ga = binary(&gold.args);
    let ea = binary(&ex.args);
    let straight = lenient(&gold.relation, &ga, &ex.relation, &ea);
    let said = ["said", "told", "added", "adds", "says"]
        .iter()
        .any(|w| gold.relation.contains(w));
    if !said || ea.len() < 2 {
        return straight;
    }
    let rev = vec![ea[1].clone(), ea[0].clone()];
    let reverse = lenient(&gold.relation, &ga, &ex.relation, &rev);
    // Python compares the lists element by element
    if reverse.0 > straight.0 || (reverse.0 == straight.0 && reverse.1 > straight.1) {
        reverse
    } else {
        straight
    }
}

/// Scores system extractions (keyed by sentence text) against the gold ones.
pub fn score_all(
    gold: &[(String, Vec<Extraction>)],
    predicted: &HashMap<String, Vec<Extraction>>,
) -> CarbScores {
    let predicted: HashMap<String, &Vec<Extraction>> = predicted
        .iter()
        .map(|(k, v)| (sentence_key(k), v))
        .collect();
    // every distinct confidence is a threshold
    let mut thresholds: Vec<f32> = predicted
        .values()
        .flat_map(|v| v.iter().map(|e| e.confidence))
        .collect();
    thresholds.sort_by(f32::total_cmp);
    thresholds.dedup();
    let n = thresholds.len();
    let (mut p, mut pl, mut r, mut rl) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    // as CaRB's scorer: sentences are keyed without spaces and punctuation, and of two gold
    // sentences with one key the later one's extractions stand
    let mut keyed: Vec<(String, &Vec<Extraction>)> = Vec::new();
    for (sent, golds) in gold {
        let k = sentence_key(sent);
        match keyed.iter_mut().find(|(x, _)| *x == k) {
            Some(slot) => slot.1 = golds,
            None => keyed.push((k, golds)),
        }
    }
    let mut n_gold = 0;
    let mut n_pred = 0;
    let empty = Vec::new();
    for (key, golds) in &keyed {
        let golds: &Vec<Extraction> = golds;
        n_gold += golds.len();
        let preds = predicted.get(key).copied().unwrap_or(&empty);
        n_pred += preds.len();
        let scores: Vec<Vec<(f64, f64)>> = golds
            .iter()
            .map(|g| preds.iter().map(|e| score(g, e)).collect())
            .collect();
        let mut confs: Vec<f32> = preds.iter().map(|e| e.confidence).collect();
        confs.sort_by(f32::total_cmp);
        let mut prev = 0usize;
        for &conf in &confs {
            let c = thresholds
                .iter()
                .position(|&t| t == conf)
                .expect("a threshold of every confidence");
            if c < prev {
                continue;
            }
            let cols: Vec<usize> = (0..preds.len())
                .filter(|&j| preds[j].confidence >= conf)
                .collect();
            let recall: f64 = scores
                .iter()
                .map(|row| cols.iter().map(|&j| row[j].1).fold(0.0, f64::max))
                .sum();
            // greedy global match on precision
            let mut used_rows = vec![false; golds.len()];
            let mut used_cols = vec![false; preds.len()];
            let mut precision = 0.0;
            for _ in 0..golds.len().min(cols.len()) {
                let mut best: Option<(usize, usize, f64)> = None;
                for (i, row) in scores.iter().enumerate() {
                    if used_rows[i] {
                        continue;
                    }
                    for &j in &cols {
                        if used_cols[j] {
                            continue;
                        }
                        if best.is_none_or(|b| row[j].0 > b.2) {
                            best = Some((i, j, row[j].0));
                        }
                    }
                }
                if let Some((i, j, v)) = best {
                    used_rows[i] = true;
                    used_cols[j] = true;
                    precision += v;
                }
            }
            for k in prev..=c {
                p[k] += precision;
                pl[k] += cols.len() as f64;
                r[k] += recall;
                rl[k] += golds.len() as f64;
            }
            prev = c + 1;
        }
        for x in rl.iter_mut().skip(prev) {
            *x += golds.len() as f64;
        }
    }
    let prec: Vec<f64> = p
        .iter()
        .zip(&pl)
        .map(|(a, b)| if *b > 0.0 { a / b } else { 1.0 })
        .collect();
    let rec: Vec<f64> = r
        .iter()
        .zip(&rl)
        .map(|(a, b)| if *b > 0.0 { a / b } else { 0.0 })
        .collect();
    let f1 = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let mut best = (0.0, 0.0, 0.0);
    for (&pp, &rr) in prec.iter().zip(&rec) {
        let f = f1(pp, rr);
        if f > best.2 {
            best = (pp, rr, f);
        }
    }
    // trapezoids over the curve in threshold order, with (recall 0, precision 1) at the end
    let mut xs = rec.clone();
    let mut ys = prec.clone();
    xs.push(0.0);
    ys.push(1.0);
    let mut auc = 0.0;
    for k in 1..xs.len() {
        auc += (xs[k] - xs[k - 1]) * (ys[k] + ys[k - 1]) / 2.0;
    }
    CarbScores {
        sentences: keyed.len(),
        gold: n_gold,
        predicted: n_pred,
        precision: best.0,
        recall: best.1,
        f1: best.2,
        auc: auc.abs(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(rel: &str, args: &[&str], conf: f32) -> Extraction {
        Extraction {
            relation: rel.into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            confidence: conf,
        }
    }

    #[test]
    fn word_overlap_gives_precision_and_recall() {
        let g = ex("made an offer on", &["Bush", "the wage"], 1.0);
        let (p, r) = score(&g, &ex("made", &["Bush", "an offer on the wage"], 0.9));
        // relation 1 of 1 predicted word, args 1/1 and 2/5: precision 4/7
        assert!((p - 4.0 / 7.0).abs() < 1e-9, "{p}");
        // recall: 1 of 4 relation words, 1/1, 2/2: 4/7
        assert!((r - 4.0 / 7.0).abs() < 1e-9, "{r}");
        // no shared relation word: no match
        assert_eq!(
            score(&g, &ex("refused", &["Bush", "the wage"], 0.9)),
            (0.0, 0.0)
        );
        // "be" matches "is"
        let g = ex("is", &["Bush", "President"], 1.0);
        assert_eq!(
            score(&g, &ex("be", &["Bush", "President"], 0.9)),
            (1.0, 1.0)
        );
    }

    #[test]
    fn the_curve_gives_the_best_f1_and_its_area() {
        let gold = vec![("A saw B .".to_string(), vec![ex("saw", &["A", "B"], 1.0)])];
        let mut pred = HashMap::new();
        pred.insert(
            "A saw B.".to_string(),
            vec![ex("saw", &["A", "B"], 0.9), ex("saw", &["B", "A"], 0.5)],
        );
        let s = score_all(&gold, &pred);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        // threshold 0.5: P 0.5 R 1; threshold 0.9: P 1 R 1; then (0, 1)
        assert!((s.auc - 1.0).abs() < 1e-9, "{}", s.auc);
    }
}
