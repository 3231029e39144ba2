//! Part-of-speech tagger: a greedy left-to-right averaged perceptron over UPOS tags, with word,
//! affix, shape, context-word, previous-tag and lexicon-ambiguity features.
use super::perceptron::{best, feat, feat2, Model, Rng, Trainer};
use super::text::{prefix, suffix, Words};
use crate::doc::Pos;
use crate::lexicon::Lexicon;

/// Feature hashes for token `i`, given the two previous predicted tags and, in the second pass,
/// the first pass's tags of the next two tokens; `amb`: each word's lexicon ambiguity ("NOUN VERB").
pub fn features(
    amb: &[&str],
    w: &Words,
    i: usize,
    p1: &str,
    p2: &str,
    right: Option<(&str, &str)>,
    out: &mut Vec<u64>,
) {
    out.clear();
    if let Some((n1, n2)) = right {
        out.push(feat(21, n1));
        out.push(feat2(22, n1, n2));
        out.push(feat2(23, n1, w.lower(i)));
        out.push(feat2(24, n1, p1));
    }
    let lower = w.lower(i);
    let n = w.len();
    let amb = |j: usize| amb[j];
    out.push(feat(0, ""));
    out.push(feat(1, lower));
    out.push(feat(2, suffix(lower, 3)));
    out.push(feat(3, suffix(lower, 2)));
    out.push(feat(4, prefix(w.word(i), 1)));
    out.push(feat(5, w.shape(i)));
    out.push(feat(6, p1));
    out.push(feat2(7, p1, p2));
    out.push(feat2(8, p1, lower));
    out.push(feat(16, suffix(lower, 4)));
    out.push(feat(25, suffix(lower, 5)));
    out.push(feat(28, w.word(i)));
    if i >= 1 {
        out.push(feat2(29, w.lower(i - 1), lower));
        out.push(feat(30, w.shape(i - 1)));
    }
    out.push(feat(26, prefix(lower, 3)));
    if i + 1 < w.len() {
        out.push(feat(27, w.shape(i + 1)));
    }
    out.push(feat(17, amb(i)));
    out.push(feat2(19, amb(i), p1));
    if i == 0 {
        out.push(feat(15, w.shape(i)));
    }
    if i >= 1 {
        out.push(feat(9, w.lower(i - 1)));
        out.push(feat(10, suffix(w.lower(i - 1), 3)));
    } else {
        out.push(feat(9, "<s>"));
    }
    if i >= 2 {
        out.push(feat(11, w.lower(i - 2)));
    }
    if i + 1 < n {
        out.push(feat(12, w.lower(i + 1)));
        out.push(feat(13, suffix(w.lower(i + 1), 3)));
        out.push(feat(18, amb(i + 1)));
        out.push(feat2(20, lower, w.lower(i + 1)));
    } else {
        out.push(feat(12, "</s>"));
    }
    if i + 2 < n {
        out.push(feat(14, w.lower(i + 2)));
    }
}

/// The class of a word the treebank always tagged the same way, if it was seen often enough.
fn unambiguous(lx: &Lexicon, lower: &str) -> Option<usize> {
    match lx.readings(lower) {
        [r] if r.count >= 50 => Pos::ALL.iter().position(|p| *p == r.pos),
        _ => None,
    }
}

/// The tags a word was seen with in the lexicon, as one string ("NOUN VERB"), or "?".
fn ambiguity<'a>(lx: &'a Lexicon, lower: &str) -> &'a str {
    lx.ambiguity(lower).unwrap_or("?")
}

/// What the lexicon says of each word of a sentence, looked up once for both passes: its
/// [`ambiguity`] and its [`unambiguous`] class.
struct Lookups<'a> {
    amb: Vec<&'a str>,
    unambiguous: Vec<Option<usize>>,
}

impl<'a> Lookups<'a> {
    fn of(lx: &'a Lexicon, w: &Words) -> Lookups<'a> {
        Lookups {
            amb: ambiguities(lx, w),
            unambiguous: (0..w.len()).map(|j| unambiguous(lx, w.lower(j))).collect(),
        }
    }
}

/// Each word's [`ambiguity`] (training reads only these).
fn ambiguities<'a>(lx: &'a Lexicon, w: &Words) -> Vec<&'a str> {
    (0..w.len()).map(|j| ambiguity(lx, w.lower(j))).collect()
}

/// A trained tagger: a first left-to-right pass, then a second pass that also sees the first
/// pass's tags of the words to the right.
pub struct Tagger {
    /// The first pass's model.
    pub first: Model,
    /// The second pass's model (it sees the first pass's tags).
    pub second: Model,
    tags: Vec<Pos>,
}

fn decode(model: &Model, lx: &Lookups, w: &Words, right: Option<&[usize]>, out: &mut Vec<usize>) {
    decode_alt(model, lx, w, right, out, None);
}

/// Greedy decoding; with `alts`, also the runner-up class of each word when it came close
/// (the word's own class when the choice was clear or made by the lexicon).
fn decode_alt(
    model: &Model,
    lx: &Lookups,
    w: &Words,
    right: Option<&[usize]>,
    out: &mut Vec<usize>,
    mut alts: Option<&mut Vec<usize>>,
) {
    out.clear();
    if let Some(a) = alts.as_mut() {
        a.clear();
    }
    let mut f = Vec::with_capacity(40);
    let mut scores = vec![0f32; model.n_classes()];
    let (mut p1, mut p2) = ("<s>", "<s>");
    let name = |r: &[usize], j: usize| r.get(j).map_or("</s>", |&c| model.classes[c].as_str());
    for i in 0..w.len() {
        // frequent words with one tag need no scoring ("the", ",", "said")
        let (c, alt) = match lx.unambiguous[i] {
            Some(c) => (c, c),
            None => {
                let ctx = right.map(|r| (name(r, i + 1), name(r, i + 2)));
                features(&lx.amb, w, i, p1, p2, ctx, &mut f);
                let c = model.predict(&f, &mut scores, None);
                let mut alt = c;
                if alts.is_some() {
                    let top = scores[c];
                    for (k, &x) in scores.iter().enumerate() {
                        if k != c && (alt == c || x > scores[alt]) {
                            alt = k;
                        }
                    }
                    if top - scores[alt] > ALT_MARGIN * (top.abs() + scores[alt].abs()) {
                        alt = c;
                    }
                }
                (c, alt)
            }
        };
        out.push(c);
        if let Some(a) = alts.as_mut() {
            a.push(alt);
        }
        p2 = p1;
        p1 = model.classes[c].as_str();
    }
}

/// How close (relative to the two scores) a runner-up tag must come to be reported.
const ALT_MARGIN: f32 = 0.2;

impl Tagger {
    /// Wraps the two passes (classes are UPOS tag names, in the same order).
    pub fn new(first: Model, second: Model) -> Tagger {
        let tags = first
            .classes
            .iter()
            .map(|c| Pos::parse(c).unwrap_or(Pos::X))
            .collect();
        Tagger {
            first,
            second,
            tags,
        }
    }
    /// Whether no trained tagger is available.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
    /// Class indices of a sentence's words from both passes (the second sees the first's tags to
    /// the right); with `alts`, also the last pass's runner-up classes.
    fn decode_passes(&self, lx: &Lexicon, w: &Words, alts: Option<&mut Vec<usize>>) -> Vec<usize> {
        let mut out = Vec::with_capacity(w.len());
        let lx = &Lookups::of(lx, w);
        if self.second.is_empty() {
            decode_alt(&self.first, lx, w, None, &mut out, alts);
        } else {
            let mut first = Vec::with_capacity(w.len());
            decode(&self.first, lx, w, None, &mut first);
            decode_alt(&self.second, lx, w, Some(&first), &mut out, alts);
        }
        out
    }
    /// Tags a sentence (every word `X` without a trained model).
    pub fn tag(&self, lx: &Lexicon, w: &Words, out: &mut Vec<Pos>) {
        out.clear();
        if self.is_empty() {
            out.resize(w.len(), Pos::X);
            return;
        }
        let a = self.decode_passes(lx, w, None);
        out.extend(a.iter().map(|&c| self.tags[c]));
    }
    /// Tags and, for each word, the runner-up tag when it came close (else the tag itself): the
    /// parser learns how far to trust a tag.
    pub fn tag_alt(&self, lx: &Lexicon, w: &Words, out: &mut Vec<Pos>, alts: &mut Vec<Pos>) {
        if self.is_empty() {
            self.tag(lx, w, out);
            alts.clone_from(out);
            return;
        }
        let mut r = Vec::with_capacity(w.len());
        let a = self.decode_passes(lx, w, Some(&mut r));
        out.clear();
        out.extend(a.iter().map(|&c| self.tags[c]));
        alts.clear();
        alts.extend(r.iter().map(|&c| self.tags[c]));
    }
}

/// Sentences as (words, gold tags).
pub type Tagged = (Vec<String>, Vec<String>);

// the training loops index several parallel arrays by position
#[allow(clippy::needless_range_loop)]
fn train_pass(
    lx: &Lexicon,
    sentences: &[Tagged],
    right: Option<&[Vec<usize>]>,
    iterations: usize,
    seed: u64,
) -> Model {
    let classes: Vec<String> = Pos::ALL.iter().map(|p| p.as_str().to_string()).collect();
    let mut t = Trainer::new(classes.clone());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng::new(seed);
    let mut w = Words::default();
    let mut f = Vec::new();
    let mut scores = vec![0f32; classes.len()];
    for it in 0..iterations {
        rng.shuffle(&mut order);
        let (mut right_n, mut total) = (0usize, 0usize);
        for &s in &order {
            let (words, gold) = &sentences[s];
            w.fill(words.iter().map(String::as_str));
            let amb = ambiguities(lx, &w);
            let (mut p1, mut p2) = (String::from("<s>"), String::from("<s>"));
            let name = |j: usize| {
                right
                    .and_then(|r| r[s].get(j))
                    .map_or("</s>", |&c| classes[c].as_str())
            };
            for i in 0..words.len() {
                let ctx = right.map(|_| (name(i + 1), name(i + 2)));
                features(&amb, &w, i, &p1, &p2, ctx, &mut f);
                t.tick();
                t.score_into(&f, &mut scores);
                let g = best(&scores, None);
                let truth = classes
                    .iter()
                    .position(|c| *c == gold[i])
                    .unwrap_or(classes.len() - 1);
                t.update(&f, truth, g);
                right_n += (g == truth) as usize;
                total += 1;
                p2 = std::mem::replace(&mut p1, classes[g].clone());
            }
        }
        let pass = if right.is_some() { 2 } else { 1 };
        eprintln!(
            "tagger pass {pass} iteration {}: training accuracy {:.4}",
            it + 1,
            right_n as f64 / total.max(1) as f64
        );
    }
    t.finish(1, 0.05)
}

/// Trains both passes; the second pass learns from first-pass tags made by 2-fold jackknifing, so
/// it sees first-pass errors as they happen on unseen text. Deterministic for a seed.
pub fn train(lx: &Lexicon, sentences: &[Tagged], iterations: usize, seed: u64) -> (Model, Model) {
    let first = train_pass(lx, sentences, None, iterations, seed);
    let half = sentences.len() / 2;
    let (a, b) = sentences.split_at(half);
    let ma = train_pass(lx, a, None, iterations, seed);
    let mb = train_pass(lx, b, None, iterations, seed);
    let mut w = Words::default();
    let mut predicted = Vec::with_capacity(sentences.len());
    for (i, (words, _)) in sentences.iter().enumerate() {
        w.fill(words.iter().map(String::as_str));
        let mut out = Vec::new();
        let lookups = Lookups::of(lx, &w);
        decode(
            if i < half { &mb } else { &ma },
            &lookups,
            &w,
            None,
            &mut out,
        );
        predicted.push(out);
    }
    let second = train_pass(lx, sentences, Some(&predicted), iterations, seed);
    (first, second)
}
