//! Dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron, trained with
//! a dynamic oracle (it learns to recover from its own mistakes), then a labeller that gives each
//! arc its Universal Dependencies relation.
use super::perceptron::{best, fnv, Model};
use super::text::Words;
use crate::doc::Pos;

pub(super) const SHIFT: usize = 0;
pub(super) const RIGHT: usize = 1;
pub(super) const LEFT: usize = 2;

/// Children seen so far of one token: count and the two most recent on each side.
#[derive(Clone, Copy, Default)]
struct Kids {
    nl: u8,
    l1: Option<usize>,
    l2: Option<usize>,
    nr: u8,
    r1: Option<usize>,
    r2: Option<usize>,
}

/// A parse state over `n` words plus the root at index `n`.
#[derive(Clone)]
pub(super) struct State {
    pub(super) n: usize,
    pub(super) i: usize,
    pub(super) stack: Vec<usize>,
    pub(super) heads: Vec<usize>,
    kids: Vec<Kids>,
    /// Label index of each attached token (given when it is attached).
    pub(super) labels: Vec<usize>,
}

impl State {
    pub(super) fn new(n: usize) -> State {
        State {
            n,
            i: 0,
            stack: Vec::with_capacity(n),
            heads: vec![n; n + 1],
            kids: vec![Kids::default(); n + 1],
            labels: vec![NO_LABEL; n + 1],
        }
    }
    /// Makes this state a copy of `o`, reusing its own memory (the beam copies states at every
    /// step).
    pub(super) fn copy_from(&mut self, o: &State) {
        self.n = o.n;
        self.i = o.i;
        self.stack.clone_from(&o.stack);
        self.heads.clone_from(&o.heads);
        self.kids.clone_from(&o.kids);
        self.labels.clone_from(&o.labels);
    }
    /// Feature value of the label of token `i`.
    fn label(&self, i: Option<usize>) -> u64 {
        match i {
            Some(i) if self.labels[i] != NO_LABEL => (self.labels[i] as u64) << 32 | 0x1abe1,
            _ => NONE,
        }
    }
    /// The finished parse: heads (index, or `n` for the root) and relation indices of the words.
    pub(super) fn into_parse(self) -> (Vec<usize>, Vec<usize>) {
        let (mut heads, mut labels) = (self.heads, self.labels);
        heads.truncate(self.n);
        labels.truncate(self.n);
        for l in labels.iter_mut().filter(|l| **l == NO_LABEL) {
            *l = 0;
        }
        (heads, labels)
    }
    pub(super) fn done(&self) -> bool {
        self.stack.is_empty() && self.i >= self.n
    }
    pub(super) fn valid(&self, out: &mut [bool; 3]) {
        out[SHIFT] = self.i < self.n;
        out[RIGHT] = self.stack.len() >= 2;
        out[LEFT] = !self.stack.is_empty();
    }
    fn add(&mut self, head: usize, child: usize) {
        self.heads[child] = head;
        let k = &mut self.kids[head];
        if child < head {
            k.nl = k.nl.saturating_add(1);
            k.l2 = k.l1;
            k.l1 = Some(child);
        } else {
            k.nr = k.nr.saturating_add(1);
            k.r2 = k.r1;
            k.r1 = Some(child);
        }
    }
    /// Applies a move; returns the (head, dependent) arc it made, if any.
    pub(super) fn apply(&mut self, m: usize) -> Option<(usize, usize)> {
        match m {
            SHIFT => {
                self.stack.push(self.i);
                self.i += 1;
                None
            }
            RIGHT => {
                let s0 = self.stack.pop().expect("valid move");
                let s1 = *self.stack.last().expect("valid move");
                self.add(s1, s0);
                Some((s1, s0))
            }
            _ => {
                let s0 = self.stack.pop().expect("valid move");
                self.add(self.i, s0);
                Some((self.i, s0))
            }
        }
    }
}

/// The move, when only one is valid: a forced move needs no scoring.
pub(super) fn forced(valid: &[bool; 3]) -> Option<usize> {
    let mut ok = (0..3).filter(|&m| valid[m]);
    match (ok.next(), ok.next()) {
        (Some(m), None) => Some(m),
        _ => None,
    }
}

/// No label yet.
pub(super) const NO_LABEL: usize = usize::MAX;

/// Per-token hashes of the parser's context strings, computed once per sentence.
pub(super) struct View<'a> {
    w: &'a Words,
    n: usize,
    words: Vec<u64>,
    tagh: Vec<u64>,
    suf: Vec<u64>,
    /// The tagger's runner-up tag where it came close (`NONE` where it was sure).
    alt: Vec<u64>,
    /// Verbs and punctuation marks before each position (prefix counts, `n + 1` of each).
    verbs: Vec<u16>,
    puncts: Vec<u16>,
}

const NONE: u64 = 0x51_7cc1_b727_220a;
const ROOT: u64 = 0x2545_f491_4f6c_dd1d;

impl<'a> View<'a> {
    pub(super) fn new(w: &'a Words, tags: &'a [Pos], alts: &[Pos], n: usize) -> View<'a> {
        let alt = (0..n)
            .map(|i| match alts.get(i) {
                Some(a) if *a != tags[i] => fnv(6, a.as_str().as_bytes()),
                _ => NONE ^ 6,
            })
            .collect();
        let words = (0..n).map(|i| fnv(1, w.lower(i).as_bytes())).collect();
        let tagh = (0..n)
            .map(|i| fnv(2, tags[i].as_str().as_bytes()))
            .collect();
        let suf = (0..n)
            .map(|i| fnv(3, super::text::suffix(w.lower(i), 2).as_bytes()))
            .collect();
        let (mut verbs, mut puncts) = (Vec::with_capacity(n + 1), Vec::with_capacity(n + 1));
        let (mut cv, mut cp) = (0u16, 0u16);
        for t in &tags[..n] {
            verbs.push(cv);
            puncts.push(cp);
            cv = cv.saturating_add((*t == Pos::VERB) as u16);
            cp = cp.saturating_add((*t == Pos::PUNCT) as u16);
        }
        verbs.push(cv);
        puncts.push(cp);
        View {
            w,
            n,
            words,
            tagh,
            suf,
            alt,
            verbs,
            puncts,
        }
    }
    /// Feature value of the verbs and punctuation marks strictly between positions `a` < `b`.
    fn between(&self, a: Option<usize>, b: Option<usize>) -> u64 {
        match (a, b) {
            (Some(a), Some(b)) if a < b => {
                let v = (self.verbs[b] - self.verbs[a + 1]).min(2) as usize;
                let p = (self.puncts[b] - self.puncts[a + 1]).min(2) as usize;
                NUM[v] << 8 | NUM[p]
            }
            _ => NONE,
        }
    }
    fn word(&self, i: Option<usize>) -> u64 {
        match i {
            Some(i) if i < self.n => self.words[i],
            Some(_) => ROOT,
            None => NONE,
        }
    }
    fn tag(&self, i: Option<usize>) -> u64 {
        match i {
            Some(i) if i < self.n => self.tagh[i],
            Some(_) => ROOT ^ 1,
            None => NONE,
        }
    }
    fn alt(&self, i: Option<usize>) -> u64 {
        match i {
            Some(i) if i < self.n => self.alt[i],
            _ => NONE,
        }
    }
    fn suffix(&self, i: Option<usize>) -> u64 {
        match i {
            Some(i) if i < self.n => self.suf[i],
            _ => NONE,
        }
    }
}

#[inline]
fn h(out: &mut Vec<u64>, t: u64, parts: &[u64]) {
    let mut x = (t + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &p in parts {
        x = (x ^ p).wrapping_mul(0x100_0000_01b3).rotate_left(29) ^ (x >> 17);
    }
    // every input bit reaches the top 48 bits, which identify a feature (table::KEY_SHIFT)
    x = (x ^ (x >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    out.push(x ^ (x >> 33));
}

/// Small numbers as feature values.
const NUM: [u64; 8] = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];

/// The transition features of a state.
pub(super) fn features(v: &View, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let d = st.stack.len();
    let s = |k: usize| (d > k).then(|| st.stack[d - 1 - k]);
    let (s0, s1, s2) = (s(0), s(1), s(2));
    let b = |k: usize| (st.i + k <= st.n).then_some(st.i + k);
    let (n0, n1, n2) = (b(0), b(1).filter(|&x| x < st.n), b(2).filter(|&x| x < st.n));
    let kid = |x: Option<usize>| x.map(|x| st.kids[x]).unwrap_or_default();
    let (ks0, kn0) = (kid(s0), kid(n0));
    let (wn0, wn1, wn2, ws0, ws1, ws2) = (
        v.word(n0),
        v.word(n1),
        v.word(n2),
        v.word(s0),
        v.word(s1),
        v.word(s2),
    );
    let (tn0, tn1, tn2, ts0, ts1, ts2) = (
        v.tag(n0),
        v.tag(n1),
        v.tag(n2),
        v.tag(s0),
        v.tag(s1),
        v.tag(s2),
    );
    let (wn0b1, wn0b2, ws0b1, ws0b2, ws0f1, ws0f2) = (
        v.word(kn0.l1),
        v.word(kn0.l2),
        v.word(ks0.l1),
        v.word(ks0.l2),
        v.word(ks0.r1),
        v.word(ks0.r2),
    );
    let (tn0b1, tn0b2, ts0b1, ts0b2, ts0f1, ts0f2) = (
        v.tag(kn0.l1),
        v.tag(kn0.l2),
        v.tag(ks0.l1),
        v.tag(ks0.l2),
        v.tag(ks0.r1),
        v.tag(ks0.r2),
    );
    let dist = match (s0, n0) {
        (Some(a), Some(b)) => NUM[(b - a).min(5)],
        _ => NONE,
    };
    let (vn0b, vs0b, vs0f) = (
        NUM[kn0.nl.min(3) as usize],
        NUM[ks0.nl.min(3) as usize],
        NUM[ks0.nr.min(3) as usize],
    );
    h(out, 0, &[]);
    // one feature per word and per tag of the positions the moves look at
    for (base, values) in [
        (
            1,
            [
                wn0, wn1, wn2, ws0, ws1, ws2, wn0b1, wn0b2, ws0b1, ws0b2, ws0f1, ws0f2,
            ],
        ),
        (
            20,
            [
                tn0, tn1, tn2, ts0, ts1, ts2, tn0b1, tn0b2, ts0b1, ts0b2, ts0f1, ts0f2,
            ],
        ),
    ] {
        for (i, &x) in values.iter().enumerate() {
            if x != NONE {
                h(out, base + i as u64, &[x]);
            }
        }
    }
    for (i, (w, t)) in [(wn0, tn0), (wn1, tn1), (wn2, tn2), (ws0, ts0), (ws1, ts1)]
        .iter()
        .enumerate()
    {
        h(out, 40 + i as u64, &[*w, *t]);
    }
    h(out, 50, &[ws0, wn0]);
    h(out, 51, &[wn0, tn0, ws0]);
    h(out, 52, &[wn0, tn0, ts0]);
    h(out, 53, &[ws0, ts0, wn0]);
    h(out, 54, &[ws0, ts0, tn0]);
    h(out, 55, &[ws0, ts0, wn0, tn0]);
    h(out, 56, &[ts0, tn0]);
    h(out, 57, &[tn0, tn1]);
    h(out, 58, &[ws1, ts1, ws0, ts0]);
    h(out, 59, &[ts1, ts0, tn0, wn0]);
    for (i, (a, b, c)) in [
        (tn0, tn1, tn2),
        (ts0, tn0, tn1),
        (ts0, ts1, tn0),
        (ts0, ts0f1, tn0),
        (ts0, tn0, tn0b1),
        (ts0, ts0b1, ts0b2),
        (ts0, ts0f1, ts0f2),
        (tn0, tn0b1, tn0b2),
        (ts0, ts1, ts2),
        (ts1, ts0, ts0b1),
    ]
    .iter()
    .enumerate()
    {
        h(out, 60 + i as u64, &[*a, *b, *c]);
    }
    for (i, (a, b)) in [
        (ws0, vs0f),
        (ws0, vs0b),
        (wn0, vn0b),
        (ts0, vs0f),
        (ts0, vs0b),
        (tn0, vn0b),
    ]
    .iter()
    .enumerate()
    {
        h(out, 80 + i as u64, &[*a, *b]);
    }
    for (i, a) in [ws0, wn0, ts0, tn0].iter().enumerate() {
        h(out, 90 + i as u64, &[*a, dist]);
    }
    h(out, 95, &[tn0, ts0, dist]);
    h(out, 96, &[wn0, ws0, dist]);
    // word endings stand in for fine tags (VBD/VBN/VBG/NNS)
    let (xs0, xn0, xn1, xs1) = (v.suffix(s0), v.suffix(n0), v.suffix(n1), v.suffix(s1));
    h(out, 100, &[ts0, xs0]);
    h(out, 101, &[tn0, xn0]);
    h(out, 102, &[tn1, xn1]);
    h(out, 103, &[ts1, xs1]);
    h(out, 104, &[ts0, xs0, tn0, xn0]);
    let ks1 = kid(s1);
    let (ts1f1, ts1b1) = (v.tag(ks1.r1), v.tag(ks1.l1));
    h(out, 105, &[ts1, ts1f1, ts0]);
    h(out, 106, &[ts1, ts1b1, ts0]);
    h(out, 107, &[wn0b1, tn0b1, wn0]);
    h(out, 108, &[ws0b1, ts0b1, ws0]);
    h(out, 109, &[ws0f1, ts0f1, ws0]);
    h(out, 110, &[ws0, wn0, tn1]);
    h(out, 111, &[ws1, ws0, tn0]);
    h(out, 112, &[ts1, ts0, tn0, tn1]);
    h(out, 113, &[wn0, wn1]);
    h(out, 114, &[ts0, tn0, vs0f, vn0b]);
    h(out, 115, &[ws0, tn0, tn1]);
    h(out, 116, &[ts0, wn0, tn1]);
    // relations of the children found so far
    let (ls0l1, ls0l2, ls0r1, ls0r2, ln0l1, ln0l2) = (
        st.label(ks0.l1),
        st.label(ks0.l2),
        st.label(ks0.r1),
        st.label(ks0.r2),
        st.label(kn0.l1),
        st.label(kn0.l2),
    );
    let ls1r1 = st.label(ks1.r1);
    h(out, 120, &[ls0l1]);
    h(out, 121, &[ls0r1]);
    h(out, 122, &[ln0l1]);
    h(out, 123, &[ts0, ls0l1, ls0r1]);
    h(out, 124, &[tn0, ln0l1, ln0l2]);
    h(out, 125, &[ws0, ls0l1]);
    h(out, 126, &[ws0, ls0r1]);
    h(out, 127, &[ts0, ls0l1, ls0l2]);
    h(out, 128, &[ts0, ls0r1, ls0r2]);
    h(out, 129, &[ts1, ls1r1, ts0]);
    h(out, 130, &[wn0, ln0l1]);
    h(out, 131, &[ts0, ls0l1, tn0, ln0l1]);
    // verbs and commas in between: a clause already closed off, a list going on
    h(out, 132, &[ts0, tn0, v.between(s0, n0)]);
    h(out, 133, &[ts1, ts0, v.between(s1, s0)]);
    // the tag the tagger nearly chose
    let (an0, as0, an1, as1) = (v.alt(n0), v.alt(s0), v.alt(n1), v.alt(s1));
    h(out, 134, &[tn0, an0]);
    h(out, 135, &[ts0, as0]);
    h(out, 136, &[ts0, as0, tn0, an0]);
    h(out, 137, &[tn1, an1]);
    h(out, 138, &[ts1, as1, ts0]);
    h(out, 139, &[wn0, an0]);
}

/// A trained parser: transition model and arc labeller.
pub struct Parser {
    /// The transition model.
    pub moves: Model,
    /// The arc label model.
    pub labels: Model,
}

impl Parser {
    /// Whether no trained parser is available.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty()
    }
    /// Greedy parse: heads (index, or `n` for the root) and label indices of a tagged sentence;
    /// `alts` are the tagger's runner-up tags (may be empty).
    pub fn parse(&self, w: &Words, tags: &[Pos], alts: &[Pos]) -> (Vec<usize>, Vec<usize>) {
        let n = w.len();
        let v = View::new(w, tags, alts, n);
        let mut st = State::new(n);
        let mut f = Vec::with_capacity(128);
        let mut scores = [0f32; 3];
        let mut lscores = vec![0f32; self.labels.n_classes()];
        let mut valid = [false; 3];
        while !st.done() {
            st.valid(&mut valid);
            let m = match forced(&valid) {
                Some(m) => m,
                None => {
                    features(&v, &st, &mut f);
                    self.moves.score_into(&f, &mut scores);
                    best(&scores, Some(&valid))
                }
            };
            if let Some((hd, d)) = st.apply(m) {
                // the relation is chosen when the arc is made: every child of the dependent is
                // known by then, and the relation informs later moves
                label_features(&v, &st, hd, d, &mut f);
                st.labels[d] = self.labels.predict(&f, &mut lscores, None);
            }
        }
        st.into_parse()
    }
}

/// Features of the relation of dependent `d` to head `hd`, when the arc is made.
pub(super) fn label_features(v: &View, st: &State, hd: usize, d: usize, out: &mut Vec<u64>) {
    out.clear();
    let dir = if hd == v.n {
        NUM[7]
    } else if hd < d {
        NUM[5]
    } else {
        NUM[6]
    };
    let dist = if hd == v.n {
        ROOT
    } else {
        NUM[hd.abs_diff(d).min(6)]
    };
    let (wd, td, wh, th) = (
        v.word(Some(d)),
        v.tag(Some(d)),
        v.word(Some(hd)),
        v.tag(Some(hd)),
    );
    let k = st.kids[d];
    // leftmost and rightmost children (arc-hybrid attaches left children right to left and
    // right children left to right, so the latest on each side is the outermost)
    let (lm, rm) = (k.l1, k.r1);
    let (lc, rc) = (v.tag(lm), v.tag(rm));
    let (lw, rw) = (v.word(lm), v.word(rm));
    let (ll, rl) = (st.label(k.l1), st.label(k.r1));
    let prev = v.tag(d.checked_sub(1));
    let next = v.tag(Some(d + 1).filter(|&x| x < v.n));
    let kh = st.kids[hd];
    h(out, 0, &[]);
    h(out, 1, &[wd]);
    h(out, 2, &[td]);
    h(out, 3, &[td, th, dir]);
    h(out, 4, &[wd, th, dir]);
    h(out, 5, &[td, wh, dir]);
    h(out, 6, &[wd, wh]);
    h(out, 7, &[td, th, dist]);
    h(out, 8, &[td, lc, rc]);
    h(out, 9, &[td, lw]);
    h(out, 11, &[prev, td, next]);
    h(out, 12, &[wd, dir]);
    h(out, 13, &[td, fnv(4, v.w.shape(d).as_bytes())]);
    h(out, 14, &[wh, td]);
    h(out, 15, &[td, th, lc]);
    h(out, 16, &[td, NUM[(k.nl + k.nr).min(3) as usize], dir]);
    h(out, 17, &[td, rw]);
    h(out, 18, &[th, wd, dist]);
    h(out, 19, &[td, ll, rl]);
    h(out, 20, &[td, th, ll]);
    h(out, 21, &[td, th, rl]);
    // relations the head already gave out on the same side ("nsubj" taken, so "obj")
    let sib = if d < hd { kh.l2 } else { kh.r2 };
    h(out, 22, &[td, th, dir, st.label(sib)]);
    h(out, 23, &[td, v.suffix(Some(d)), th]);
    // the preposition or marker in front of the dependent and the head's kind ("obl" or "nmod")
    h(out, 24, &[lw, th, dir]);
    h(out, 25, &[td, th, dir, dist]);
    h(out, 26, &[wd, td, th]);
    h(out, 27, &[lw, wh]);
}
