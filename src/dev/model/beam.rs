//! Beam-search parsing: the arc-hybrid parser keeps the `k` best partial parses instead of one,
//! with a transition model trained globally (early update: learn from the whole sequences when the
//! gold parse falls out of the beam), so that the scores of whole sequences are comparable. Arcs
//! get their relations from the greedy parser's labeller, in training as in use.
use super::oracle::{oracle, Tree};
use super::parser::{features, forced, label_features, State, View, LEFT, NO_LABEL, RIGHT, SHIFT};
use super::perceptron::{Model, Rng, Trainer};
use super::text::Words;
use crate::doc::Pos;

/// One partial parse in the beam: its score, state and the moves (with the relation given to the
/// dependent of each arc) that led to it.
#[derive(Clone)]
struct Item {
    score: f32,
    state: State,
    moves: Vec<(u8, u16)>,
}

/// The valid moves of a state, and the move when only one is.
fn valid_moves(st: &State) -> ([bool; 3], Option<usize>) {
    let mut v = [false; 3];
    st.valid(&mut v);
    (v, forced(&v))
}

/// Expands every item of `beam` by its valid moves and keeps the best `k`: (score, item, move).
fn expand(
    beam: &[Item],
    k: usize,
    v: &View,
    score: &mut dyn FnMut(&[u64], &mut [f32; 3]),
    f: &mut Vec<u64>,
) -> Vec<(f32, usize, usize)> {
    let mut cand = Vec::with_capacity(beam.len() * 3);
    let mut scores = [0f32; 3];
    for (bi, it) in beam.iter().enumerate() {
        let (valid, only) = valid_moves(&it.state);
        if let Some(m) = only {
            cand.push((it.score, bi, m));
            continue;
        }
        features(v, &it.state, f);
        score(f, &mut scores);
        for m in [SHIFT, RIGHT, LEFT] {
            if valid[m] {
                cand.push((it.score + scores[m], bi, m));
            }
        }
    }
    // best first; ties by item then move, so the result does not depend on the sort
    cand.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    cand.truncate(k);
    cand
}

/// Applies move `m` to `st`, labelling a new arc with `label` (the labeller's choice); the label
/// given, or `u16::MAX` for a move that makes no arc.
fn apply_labelled(
    st: &mut State,
    m: usize,
    mut label: impl FnMut(&State, usize, usize) -> usize,
) -> u16 {
    match st.apply(m) {
        Some((hd, d)) => {
            let x = label(st, hd, d);
            st.labels[d] = x;
            x as u16
        }
        None => u16::MAX,
    }
}

/// Applies move `m` to a copy of `it` ([`apply_labelled`]) and extends the copy's list of moves
/// (training replays them).
fn step(it: &Item, score: f32, m: usize, label: impl FnMut(&State, usize, usize) -> usize) -> Item {
    let mut st = it.state.clone();
    let l = apply_labelled(&mut st, m, label);
    let mut moves = Vec::with_capacity(it.moves.len() + 1);
    moves.extend_from_slice(&it.moves);
    moves.push((m as u8, l));
    Item {
        score,
        state: st,
        moves,
    }
}

/// Beam-search parse of a tagged sentence with a transition model trained by [`train`] and the
/// labeller `labels`: heads (index, or `n` for the root) and relation indices.
pub fn parse(
    moves: &Model,
    labels: &Model,
    w: &Words,
    tags: &[Pos],
    alts: &[Pos],
    k: usize,
) -> (Vec<usize>, Vec<usize>) {
    let n = w.len();
    let v = View::new(w, tags, alts, n);
    let mut f = Vec::with_capacity(160);
    let mut lf = Vec::with_capacity(40);
    let mut lscores = vec![0f32; labels.n_classes()];
    let mut label = |st: &State, hd: usize, d: usize| {
        label_features(&v, st, hd, d, &mut lf);
        labels.predict(&lf, &mut lscores, None)
    };
    let mut beam = vec![Item {
        score: 0.0,
        state: State::new(n),
        moves: Vec::new(),
    }];
    // states of dropped items, whose memory the next copies reuse
    let mut pool: Vec<State> = Vec::new();
    let mut next: Vec<Item> = Vec::with_capacity(k);
    while !beam[0].state.done() {
        let cand = expand(&beam, k, &v, &mut |f, s| moves.score_into(f, s), &mut f);
        for &(sc, bi, m) in &cand {
            let mut state = pool.pop().unwrap_or_else(|| State::new(n));
            state.copy_from(&beam[bi].state);
            apply_labelled(&mut state, m, &mut label);
            next.push(Item {
                score: sc,
                state,
                moves: Vec::new(),
            });
        }
        pool.extend(beam.drain(..).map(|it| it.state));
        std::mem::swap(&mut beam, &mut next);
    }
    beam.swap_remove(0).state.into_parse()
}

/// Replays `moves` from the start, calling `visit` with the features and move of every scored
/// (not forced) step.
fn replay(v: &View, n: usize, moves: &[(u8, u16)], mut visit: impl FnMut(&[u64], usize)) {
    let mut st = State::new(n);
    let mut f = Vec::with_capacity(160);
    for &(m, l) in moves {
        if valid_moves(&st).1.is_none() {
            features(v, &st, &mut f);
            visit(&f, m as usize);
        }
        if let Some((_, d)) = st.apply(m as usize) {
            st.labels[d] = if l == u16::MAX { NO_LABEL } else { l as usize };
        }
    }
}

/// Trains the transition model for beam width `k` with early update; arcs are labelled by
/// `labels` (the greedy parser's trained labeller). Deterministic for a seed.
pub fn train(
    trees: &[Tree],
    iterations: usize,
    seed: u64,
    prune: u32,
    k: usize,
    labels: &Model,
) -> Model {
    let mut t = Trainer::new(vec!["SHIFT".into(), "RIGHT".into(), "LEFT".into()]);
    let mut order: Vec<usize> = (0..trees.len()).collect();
    let mut rng = Rng::new(seed);
    let mut w = Words::default();
    let mut f = Vec::new();
    let mut lf = Vec::new();
    let mut lscores = vec![0f32; labels.n_classes()];
    for it in 0..iterations {
        rng.shuffle(&mut order);
        let (mut early, mut wrong) = (0usize, 0usize);
        for &s in &order {
            let (words, tags, gold, _, alts) = &trees[s];
            let n = words.len();
            w.fill(words.iter().map(String::as_str));
            let v = View::new(&w, tags, alts, n);
            let mut gold_r = gold.clone();
            gold_r.push(n);
            let mut label = |st: &State, hd: usize, d: usize| {
                label_features(&v, st, hd, d, &mut lf);
                labels.predict(&lf, &mut lscores, None)
            };
            let mut beam = vec![Item {
                score: 0.0,
                state: State::new(n),
                moves: Vec::new(),
            }];
            // the gold sequence: at each step the oracle's first zero-cost move (a reduce before
            // a shift), and the position of its item in the beam while it is there
            let mut g = beam[0].clone();
            let mut g_at = Some(0);
            while !g.state.done() {
                let (valid, _) = valid_moves(&g.state);
                let ok = oracle(&g.state, &gold_r, &valid);
                let gm = [LEFT, RIGHT, SHIFT]
                    .into_iter()
                    .find(|&m| ok[m])
                    .unwrap_or(SHIFT);
                t.tick();
                let cand = expand(&beam, k, &v, &mut |f, s| t.score_into(f, s), &mut f);
                g_at = cand
                    .iter()
                    .position(|&(_, bi, m)| Some(bi) == g_at && m == gm);
                beam = cand
                    .iter()
                    .map(|&(sc, bi, m)| step(&beam[bi], sc, m, &mut label))
                    .collect();
                g = step(&g, 0.0, gm, &mut label);
                if g_at.is_none() {
                    break;
                }
            }
            // early update when the gold sequence fell out of the beam, or, at the end, when
            // another parse scored higher: towards every move of the gold sequence so far, away
            // from those of the best one in the beam
            if g_at != Some(0) {
                early += g_at.is_none() as usize;
                wrong += 1;
                replay(&v, n, &g.moves, |f, m| t.update_one(f, m, 1.0));
                replay(&v, n, &beam[0].moves, |f, m| t.update_one(f, m, -1.0));
            }
        }
        eprintln!(
            "beam parser iteration {}: updates in {:.4} of sentences ({:.4} early)",
            it + 1,
            wrong as f64 / trees.len().max(1) as f64,
            early as f64 / trees.len().max(1) as f64
        );
    }
    if prune == 0 {
        return t.finish(1, 0.0);
    }
    t.finish(prune, MIN_WEIGHT)
}

/// Averaged weights smaller than this are dropped from a pruned model: the beam model's weights
/// are sums over whole sequences, larger than the greedy model's.
const MIN_WEIGHT: f32 = 2.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_tiny_treebank_with_a_beam() {
        // "dogs chase cats" and "birds sing": subject and object attached to the verb
        let trees: Vec<Tree> = vec![
            (
                vec!["dogs".into(), "chase".into(), "cats".into()],
                vec![Pos::NOUN, Pos::VERB, Pos::NOUN],
                vec![1, 3, 1],
                vec!["nsubj".into(), "root".into(), "obj".into()],
                vec![],
            ),
            (
                vec!["birds".into(), "sing".into()],
                vec![Pos::NOUN, Pos::VERB],
                vec![1, 2],
                vec!["nsubj".into(), "root".into()],
                vec![],
            ),
            (
                vec!["cats".into(), "like".into(), "fish".into()],
                vec![Pos::NOUN, Pos::VERB, Pos::NOUN],
                vec![1, 3, 1],
                vec!["nsubj".into(), "root".into(), "obj".into()],
                vec![],
            ),
        ];
        let (_, labels) = super::super::oracle::train(&trees, 5, 1, 0);
        let moves = train(&trees, 10, 1, 0, 4, &labels);
        assert!(!moves.is_empty());
        let mut w = Words::default();
        w.fill(["cows", "eat", "grass"].into_iter());
        let (heads, rels) = parse(
            &moves,
            &labels,
            &w,
            &[Pos::NOUN, Pos::VERB, Pos::NOUN],
            &[],
            4,
        );
        assert_eq!(heads, vec![1, 3, 1]);
        let name = |i: usize| labels.classes[rels[i]].as_str();
        assert_eq!((name(0), name(1), name(2)), ("nsubj", "root", "obj"));
        // the same data and seed give the same model bytes
        assert_eq!(
            moves.to_bytes(),
            train(&trees, 10, 1, 0, 4, &labels).to_bytes()
        );
    }
}
