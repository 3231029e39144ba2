//! Training the greedy parser: Goldberg and Nivre's dynamic oracle for arc-hybrid (which moves
//! lose no reachable gold arc) and the perceptron training that follows it, then its own mistakes.
use super::parser::{features, label_features, State, View, LEFT, RIGHT, SHIFT};
use super::perceptron::{best, Model, Rng, Trainer};
use super::text::Words;
use crate::doc::Pos;

/// A training sentence: words, tags, gold heads (`n` = root), gold labels and the tagger's
/// runner-up tags.
pub type Tree = (Vec<String>, Vec<Pos>, Vec<usize>, Vec<String>, Vec<Pos>);

fn deps_between(target: usize, others: impl Iterator<Item = usize>, gold: &[usize]) -> bool {
    for w in others {
        if gold[w] == target || gold[target] == w {
            return true;
        }
    }
    false
}

/// The moves that lose no reachable gold arc (Goldberg and Nivre's dynamic oracle for arc-hybrid).
pub(super) fn oracle(st: &State, gold: &[usize], valid: &[bool; 3]) -> [bool; 3] {
    let n0 = st.i;
    let mut ok = *valid;
    let s0 = st.stack.last().copied();
    if s0.is_none() || (valid[SHIFT] && gold[n0] == s0.unwrap_or(usize::MAX)) {
        return [true, false, false];
    }
    let s0 = s0.unwrap_or(0);
    if gold[s0] == n0 {
        return [false, false, true];
    }
    if st.stack.len() >= 2 && gold[s0] == st.stack[st.stack.len() - 2] {
        ok[LEFT] = false;
    }
    if ok[SHIFT] && deps_between(n0, st.stack.iter().copied(), gold) {
        ok[SHIFT] = false;
    }
    // the buffer beyond its front, the root (index n) included
    if deps_between(s0, n0 + 1..=st.n, gold) {
        ok[LEFT] = false;
        ok[RIGHT] = false;
    }
    if !ok.iter().any(|&x| x) {
        return *valid;
    }
    ok
}

/// Trains the transition model and the labeller; deterministic for a seed. `prune`: features
/// updated fewer times than this are dropped, and so are small averaged weights (keeps the model
/// file a few MB; 0 keeps everything).
#[allow(clippy::needless_range_loop)]
pub fn train(trees: &[Tree], iterations: usize, seed: u64, prune: u32) -> (Model, Model) {
    let mut t = Trainer::new(vec!["SHIFT".into(), "RIGHT".into(), "LEFT".into()]);
    let mut labels: Vec<String> = trees.iter().flat_map(|x| x.3.iter().cloned()).collect();
    labels.sort();
    labels.dedup();
    let mut lt = Trainer::new(labels.clone());
    let mut order: Vec<usize> = (0..trees.len()).collect();
    let mut rng = Rng::new(seed);
    let mut w = Words::default();
    let mut f = Vec::new();
    let mut scores = [0f32; 3];
    let mut lscores = vec![0f32; labels.len()];
    for it in 0..iterations {
        rng.shuffle(&mut order);
        let (mut correct, mut total, mut lok, mut larcs) = (0usize, 0usize, 0usize, 0usize);
        for &s in &order {
            let (words, tags, gold, glabels, alts) = &trees[s];
            let n = words.len();
            w.fill(words.iter().map(String::as_str));
            let v = View::new(&w, tags, alts, n);
            let mut gold_r = gold.clone();
            gold_r.push(n);
            let mut st = State::new(n);
            let mut valid = [false; 3];
            while !st.done() {
                features(&v, &st, &mut f);
                st.valid(&mut valid);
                t.tick();
                t.score_into(&f, &mut scores);
                let guess = best(&scores, Some(&valid));
                let ok = oracle(&st, &gold_r, &valid);
                let target = best(&scores, Some(&ok));
                t.update(&f, target, guess);
                // the first pass follows the oracle; later passes explore the model's own mistakes
                let arc = st.apply(if it == 0 { target } else { guess });
                // the labeller learns on the arcs it is asked about, as they are made; later moves
                // see the relation it chose, as they will when parsing new text
                if let Some((hd, d)) = arc {
                    label_features(&v, &st, hd, d, &mut f);
                    lt.tick();
                    lt.score_into(&f, &mut lscores);
                    let g = best(&lscores, None);
                    if hd == gold_r[d] {
                        let truth = labels.binary_search(&glabels[d]).unwrap_or(0);
                        lt.update(&f, truth, g);
                        lok += (g == truth) as usize;
                        larcs += 1;
                    }
                    st.labels[d] = g;
                }
            }
            for d in 0..n {
                correct += (st.heads[d] == gold[d]) as usize;
                total += 1;
            }
        }
        eprintln!(
            "parser iteration {}: training UAS {:.4}, label accuracy {:.4}",
            it + 1,
            correct as f64 / total.max(1) as f64,
            lok as f64 / larcs.max(1) as f64
        );
    }
    if prune == 0 {
        return (t.finish(1, 0.0), lt.finish(1, 0.0));
    }
    (t.finish(prune, 0.5), lt.finish(prune.min(2), 0.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parser::Parser;

    #[test]
    fn learns_a_tiny_treebank() {
        // "dogs bark" / "cats sleep": subject attached to the verb, verb to the root
        let tree = |a: &str, b: &str| -> Tree {
            (
                vec![a.into(), b.into()],
                vec![Pos::NOUN, Pos::VERB],
                vec![1, 2],
                vec!["nsubj".into(), "root".into()],
                vec![],
            )
        };
        let trees = vec![
            tree("dogs", "bark"),
            tree("cats", "sleep"),
            tree("birds", "sing"),
        ];
        let (m, l) = train(&trees, 5, 1, 0);
        let p = Parser {
            moves: m,
            labels: l,
        };
        let mut w = Words::default();
        w.fill(["fish", "swim"].into_iter());
        let (heads, labels) = p.parse(&w, &[Pos::NOUN, Pos::VERB], &[]);
        assert_eq!(heads, vec![1, 2]);
        assert_eq!(p.labels.classes[labels[0]], "nsubj");
        assert_eq!(p.labels.classes[labels[1]], "root");
    }
}
