//! Named-entity recogniser: a greedy left-to-right averaged perceptron over BILOU tags for PER,
//! ORG and LOC, with word, shape, affix, context, POS, previous-label and gazetteer features.
use super::perceptron::{best, feat, feat2, Model, Rng, Trainer};
use super::text::{prefix, suffix, Words};
use crate::doc::Pos;
use crate::lexicon::Lexicon;

/// Entity types the recogniser predicts.
pub const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// The BILOU classes: O, then B/I/L/U for each type.
pub fn classes() -> Vec<String> {
    let mut c = vec!["O".to_string()];
    for t in TYPES {
        for p in ["B", "I", "L", "U"] {
            c.push(format!("{p}-{t}"));
        }
    }
    c
}

/// The longest phrase of `min` to `max` words starting at word `i` that `lookup` knows (its
/// length and entry), trying the lower-case words joined by spaces in `key`.
fn longest<T>(
    w: &Words,
    i: usize,
    min: usize,
    max: usize,
    key: &mut String,
    lookup: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    for l in (min..=max.min(w.len() - i)).rev() {
        key.clear();
        for k in i..i + l {
            if k > i {
                key.push(' ');
            }
            key.push_str(w.lower(k));
        }
        if let Some(x) = lookup(key) {
            return Some((l, x));
        }
    }
    None
}

/// Gazetteer and title marks of each token of a sentence ("B-GPE", "I-ORG", "TITLE", ...).
pub fn gazetteer_marks(lx: &Lexicon, w: &Words) -> Vec<&'static str> {
    let n = w.len();
    let mut marks = vec![""; n];
    let mut i = 0;
    let mut key = String::new();
    while i < n {
        let found = longest(w, i, 1, lx.gazetteer_len(w.lower(i)), &mut key, |k| {
            lx.gazetteer(k)
        });
        match found {
            Some((l, g)) => {
                let ty = if g.demonym {
                    "DEM"
                } else if g.capital {
                    "CAP"
                } else {
                    g.kind.as_str()
                };
                for (k, m) in marks[i..i + l].iter_mut().enumerate() {
                    *m = mark(k == 0, ty);
                }
                i += l;
            }
            None => {
                if lx.title_len(w.lower(i)) > 0 && lx.is_title(w.lower(i)) {
                    marks[i] = "TITLE";
                }
                i += 1;
            }
        }
    }
    marks
}

fn mark(first: bool, ty: &str) -> &'static str {
    match (first, ty) {
        (true, "GPE") => "B-GPE",
        (false, "GPE") => "I-GPE",
        (true, "ORG") => "B-ORG",
        (false, "ORG") => "I-ORG",
        (true, "LOC") => "B-LOC",
        (false, "LOC") => "I-LOC",
        (true, "DEM") => "B-DEM",
        (false, "DEM") => "I-DEM",
        (true, "CAP") => "B-CAP",
        (false, "CAP") => "I-CAP",
        (true, _) => "B-MISC",
        (false, _) => "I-MISC",
    }
}

/// Open-gazetteer view of each token: the classes of the word alone ("first,last1"), and the
/// position ("B", "I", "L") and classes of a place name of two or more words covering it.
pub fn open_marks(lx: &Lexicon, w: &Words) -> Vec<OpenMark> {
    let n = w.len();
    let mut out: Vec<OpenMark> = (0..n)
        .map(|i| OpenMark {
            word: lx.open_classes(w.lower(i)).unwrap_or(""),
            ..Default::default()
        })
        .collect();
    let mut key = String::new();
    let mut i = 0;
    while i < n {
        let found = longest(w, i, 2, lx.open_len(w.lower(i)), &mut key, |k| {
            lx.open_classes(k)
        });
        match found {
            Some((l, c)) => {
                for (k, o) in out[i..i + l].iter_mut().enumerate() {
                    o.phrase = c;
                    o.part = if k == 0 {
                        "B"
                    } else if k + 1 == l {
                        "L"
                    } else {
                        "I"
                    };
                }
                i += l;
            }
            None => i += 1,
        }
    }
    out
}

/// See [`open_marks`].
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenMark {
    /// The open-gazetteer classes of the word alone ("first,last1").
    pub word: &'static str,
    /// The word's position in a place name of two or more words covering it ("B", "I", "L").
    pub part: &'static str,
    /// The classes of that place name.
    pub phrase: &'static str,
}

/// What the features of a sentence's tokens read besides the words: gazetteer marks, open-list
/// marks and the capitalised run around each token, computed once per sentence.
pub struct SentMarks {
    /// The gazetteer marks of each word.
    pub marks: Vec<&'static str>,
    /// The open-gazetteer marks of each word.
    pub open: Vec<OpenMark>,
    /// (start, end) of the run of capitalised words (with "of", "&", "'s", "for", "de"
    /// between two of them) that holds each token, or (i, i) for a token outside any run.
    pub runs: Vec<(usize, usize)>,
    /// word classes (coarse, fine) of each token learnt from unlabelled text ("" when unknown)
    pub clusters: Vec<(&'static str, &'static str)>,
}

impl SentMarks {
    /// The marks of a sentence.
    pub fn new(lx: &Lexicon, w: &Words) -> SentMarks {
        SentMarks {
            marks: gazetteer_marks(lx, w),
            open: open_marks(lx, w),
            runs: cap_runs(w),
            clusters: clusters(lx, w),
        }
    }
}

/// The word classes of each token (see [`SentMarks::clusters`]).
fn clusters(lx: &Lexicon, w: &Words) -> Vec<(&'static str, &'static str)> {
    let mut key = String::new();
    (0..w.len())
        .map(|i| {
            let lower = w.lower(i);
            let found = if lower.bytes().any(|b| b.is_ascii_digit()) {
                key.clear();
                key.extend(
                    lower
                        .chars()
                        .map(|c| if c.is_ascii_digit() { '0' } else { c }),
                );
                lx.clusters(&key)
            } else {
                lx.clusters(lower)
            };
            found.unwrap_or(("", ""))
        })
        .collect()
}

/// Whether a word starts with a capital letter.
fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// The capitalised run holding each token (see [`SentMarks::runs`]).
pub fn cap_runs(w: &Words) -> Vec<(usize, usize)> {
    let n = w.len();
    let mut runs: Vec<(usize, usize)> = (0..n).map(|i| (i, i)).collect();
    let mut i = 0;
    while i < n {
        if !capitalised(w.word(i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < n && capitalised(w.word(j)) {
                j += 1;
            } else if j + 1 < n
                && matches!(w.lower(j), "of" | "&" | "'s" | "for" | "de")
                && capitalised(w.word(j + 1))
            {
                j += 2;
            } else {
                break;
            }
        }
        for r in &mut runs[i..j] {
            *r = (i, j);
        }
        i = j;
    }
    runs
}

/// Feature hashes for token `i`.
pub fn features(
    w: &Words,
    tags: &[Pos],
    sm: &SentMarks,
    i: usize,
    p1: &str,
    p2: &str,
    out: &mut Vec<u64>,
) {
    let (marks, open) = (&sm.marks[..], &sm.open[..]);
    out.clear();
    let n = w.len();
    let lower = w.lower(i);
    let shape = w.shape(i);
    let caps = if w.all_caps { "C" } else { "" };
    out.push(feat(0, caps));
    out.push(feat(1, lower));
    out.push(feat(2, w.word(i)));
    out.push(feat2(3, shape, caps));
    out.push(feat(4, prefix(lower, 3)));
    out.push(feat(5, suffix(lower, 3)));
    out.push(feat(6, suffix(lower, 2)));
    out.push(feat(7, tags[i].as_str()));
    out.push(feat(8, p1));
    out.push(feat2(9, p1, p2));
    out.push(feat2(10, p1, shape));
    out.push(feat2(11, p1, lower));
    out.push(feat(12, marks[i]));
    out.push(feat2(13, marks[i], shape));
    out.push(feat(14, suffix(lower, 4)));
    if i == 0 {
        out.push(feat2(15, shape, lower));
    }
    if i >= 1 {
        out.push(feat(16, w.lower(i - 1)));
        out.push(feat(17, w.shape(i - 1)));
        out.push(feat2(18, tags[i - 1].as_str(), tags[i].as_str()));
        out.push(feat(19, marks[i - 1]));
        out.push(feat2(20, w.lower(i - 1), shape));
    } else {
        out.push(feat(16, "<s>"));
    }
    if i >= 2 {
        out.push(feat(21, w.lower(i - 2)));
    }
    if i + 1 < n {
        out.push(feat(22, w.lower(i + 1)));
        out.push(feat(23, w.shape(i + 1)));
        out.push(feat(24, tags[i + 1].as_str()));
        out.push(feat(25, marks[i + 1]));
        out.push(feat2(26, shape, w.shape(i + 1)));
    } else {
        out.push(feat(22, "</s>"));
    }
    if i + 2 < n {
        out.push(feat(27, w.lower(i + 2)));
    }
    let o = &open[i];
    out.push(feat(28, o.word));
    out.push(feat2(29, o.word, shape));
    if !o.part.is_empty() {
        out.push(feat2(30, o.part, o.phrase));
    }
    out.push(feat(31, if i >= 1 { open[i - 1].word } else { "<s>" }));
    out.push(feat(32, if i + 1 < n { open[i + 1].word } else { "</s>" }));
    let (a, b) = sm.runs[i];
    let before = if a > 0 { w.lower(a - 1) } else { "<s>" };
    let after = if b < n { w.lower(b) } else { "</s>" };
    if b > a + 1 && !w.all_caps {
        let part = if i == a {
            "B"
        } else if i + 1 == b {
            "L"
        } else {
            "I"
        };
        let len = match b - a {
            2 => "2",
            3 => "3",
            _ => "4",
        };
        out.push(feat2(33, part, w.lower(b - 1)));
        out.push(feat2(34, part, w.lower(a)));
        out.push(feat2(35, part, len));
        out.push(feat(36, before));
        out.push(feat(37, after));
    } else if b == a + 1 && !w.all_caps {
        out.push(feat2(38, before, after));
    }
    let cl = &sm.clusters;
    let none = ("<s>", "<s>");
    let (c0, cp, cn) = (
        cl[i],
        if i > 0 { cl[i - 1] } else { none },
        cl.get(i + 1).copied().unwrap_or(none),
    );
    out.push(feat(39, c0.0));
    out.push(feat(40, c0.1));
    out.push(feat2(41, c0.0, shape));
    out.push(feat(42, cp.1));
    out.push(feat(43, cn.1));
    out.push(feat2(44, cp.0, cn.0));
    if b > a + 1 {
        out.push(feat(45, cl[b - 1].1));
    }
}

/// Which classes may follow `prev` under BILOU.
fn allowed(classes: &[String], prev: &str, out: &mut Vec<bool>) {
    out.clear();
    let open = prev.starts_with("B-") || prev.starts_with("I-");
    let open_ty = prev.get(2..).unwrap_or("");
    for c in classes {
        let ok = if open {
            (c.starts_with("I-") || c.starts_with("L-")) && &c[2..] == open_ty
        } else {
            !(c.starts_with("I-") || c.starts_with("L-"))
        };
        out.push(ok);
    }
}

/// A span `a..b` without the edge tokens no name starts or ends with: no letter ("5." before a
/// runner's name), a lower-case function word ("for", "since"), or at the end a lower-case
/// adjective, adverb or verb ("Boris Johnson - former" read as one name); and cut before a dash
/// ("–", "—") inside it, or in a capitalised name before a lower-case adjective, adverb, verb,
/// pronoun or subordinator.
/// None when nothing is left.
fn trim(w: &Words, tags: &[Pos], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let edge_ok = |i: usize| {
        let word = w.word(i);
        word.chars().any(char::is_alphabetic)
            && (word.starts_with(char::is_uppercase)
                || !matches!(
                    tags[i],
                    Pos::ADP | Pos::DET | Pos::CCONJ | Pos::SCONJ | Pos::PART | Pos::AUX
                ))
    };
    while a < b && !edge_ok(a) {
        a += 1;
    }
    // a name does not run over a dash ("–", "—"; a hyphen joins "al - Qaeda" in some
    // treebanks' tokens), nor a capitalised name over a lower-case
    // adjective, adverb, verb, pronoun or subordinator ("Parliament - as the new Conservative";
    // "burger king" is lower case throughout): it ends before it
    let capitalised_name = a < b && w.word(a).starts_with(char::is_uppercase);
    if let Some(k) = (a + 1..b).find(|&k| {
        let word = w.word(k);
        matches!(word, "–" | "—" | "--")
            || capitalised_name
                && !word.starts_with(char::is_uppercase)
                && matches!(
                    tags[k],
                    Pos::ADJ | Pos::ADV | Pos::VERB | Pos::PRON | Pos::AUX | Pos::SCONJ
                )
    }) {
        b = k;
    }
    while b > a
        && (!edge_ok(b - 1)
            || !w.word(b - 1).starts_with(char::is_uppercase)
                && matches!(tags[b - 1], Pos::ADJ | Pos::ADV | Pos::VERB | Pos::PRON))
    {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// How a text is cased, from its words that start with a letter and do not open a sentence
/// ("I" aside): [`Casing::Lower`] when at most one in a hundred is capitalised ("flew to london
/// with kim"), [`Casing::Upper`] when nine in ten or more are in capitals throughout (a text
/// written in capitals), else [`Casing::Mixed`] (news, where names are capitalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// Ordinary text, with capitals.
    Mixed,
    /// Text written in lower case.
    Lower,
    /// Text written in capitals.
    Upper,
}

/// The [`Casing`] of a text given as its sentences' words.
pub fn casing<'a, S, W>(sentences: S) -> Casing
where
    S: IntoIterator<Item = W>,
    W: IntoIterator<Item = &'a str>,
{
    let (mut words, mut capitalised, mut upper) = (0usize, 0usize, 0usize);
    for s in sentences {
        for w in s.into_iter().skip(1) {
            let Some(c) = w.chars().next() else { continue };
            if !c.is_alphabetic() || w == "I" {
                continue;
            }
            words += 1;
            capitalised += c.is_uppercase() as usize;
            upper += !w.chars().any(char::is_lowercase) as usize;
        }
    }
    if words > 0 && capitalised * 100 <= words {
        Casing::Lower
    } else if words >= 3 && upper * 10 >= words * 9 {
        Casing::Upper
    } else {
        Casing::Mixed
    }
}

/// A trained recogniser.
pub struct Ner {
    /// The model's weights.
    pub model: Model,
}

impl Ner {
    /// Whether no trained model is available.
    pub fn is_empty(&self) -> bool {
        self.model.is_empty()
    }
    /// Entity spans (start, end, type index into [`TYPES`]) of a tagged sentence. A span never
    /// starts or ends with a token without a letter ("5." before a runner's name) or with a
    /// lower-case function word, and never ends with a lower-case adjective, adverb or verb.
    pub fn spans(&self, lx: &Lexicon, w: &Words, tags: &[Pos]) -> Vec<(usize, usize, usize)> {
        let labels = decode(&self.model, lx, w, tags);
        to_spans(&labels)
            .into_iter()
            .filter_map(|(a, b, ty)| trim(w, tags, a, b).map(|(a, b)| (a, b, ty)))
            .collect()
    }
    /// IOB2 labels of a tagged sentence (from [`Ner::spans`]).
    pub fn labels(&self, lx: &Lexicon, w: &Words, tags: &[Pos]) -> Vec<String> {
        let mut out = vec!["O".to_string(); w.len()];
        for (a, b, ty) in self.spans(lx, w, tags) {
            for (k, l) in out[a..b].iter_mut().enumerate() {
                *l = format!("{}-{}", if k == 0 { "B" } else { "I" }, TYPES[ty]);
            }
        }
        out
    }
}

fn decode(model: &Model, lx: &Lexicon, w: &Words, tags: &[Pos]) -> Vec<usize> {
    let sm = SentMarks::new(lx, w);
    let mut f = Vec::with_capacity(48);
    let mut scores = vec![0f32; model.n_classes()];
    let mut valid = Vec::new();
    let mut out = Vec::with_capacity(w.len());
    let (mut p1, mut p2) = ("O", "O");
    for i in 0..w.len() {
        features(w, tags, &sm, i, p1, p2, &mut f);
        allowed(&model.classes, p1, &mut valid);
        // the last word cannot open an entity
        if i + 1 == w.len() {
            for (v, c) in valid.iter_mut().zip(&model.classes) {
                *v &= !(c.starts_with("B-") || c.starts_with("I-"));
            }
        }
        let c = model.predict(&f, &mut scores, Some(&valid));
        out.push(c);
        p2 = p1;
        p1 = model.classes[c].as_str();
    }
    out
}

/// Spans from BILOU class indices (classes in the order of [`classes`]).
pub fn to_spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in labels.iter().enumerate() {
        if c == 0 {
            start = None;
            continue;
        }
        let (ty, part) = ((c - 1) / 4, (c - 1) % 4);
        match part {
            0 => start = Some(i),
            3 => out.push((i, i + 1, ty)),
            2 => {
                if let Some(s) = start.take() {
                    out.push((s, i + 1, ty));
                }
            }
            _ => {}
        }
    }
    out
}

/// IOB2 tags to BILOU class indices.
pub fn iob_to_bilou(tags: &[String], classes: &[String]) -> Vec<usize> {
    let n = tags.len();
    let ty = |t: &str| t.get(2..).and_then(|x| TYPES.iter().position(|y| *y == x));
    (0..n)
        .map(|i| {
            let Some(t) = ty(&tags[i]) else { return 0 };
            let begins = tags[i].starts_with("B-") || i == 0 || ty(&tags[i - 1]) != Some(t);
            let continues =
                i + 1 < n && tags[i + 1].starts_with("I-") && ty(&tags[i + 1]) == Some(t);
            let p = match (begins, continues) {
                (true, false) => "U",
                (true, true) => "B",
                (false, true) => "I",
                (false, false) => "L",
            };
            classes
                .iter()
                .position(|c| *c == format!("{p}-{}", TYPES[t]))
                .unwrap_or(0)
        })
        .collect()
}

/// Sentences as words, predicted POS tags and gold IOB2 tags.
pub type Example = (Vec<String>, Vec<Pos>, Vec<String>);

/// Trains the recogniser; deterministic for a seed.
pub fn train(lx: &Lexicon, data: &[Example], iterations: usize, seed: u64) -> Model {
    let classes = classes();
    let mut t = Trainer::new(classes.clone());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut w = Words::default();
    let mut f = Vec::new();
    let mut scores = vec![0f32; classes.len()];
    let mut valid = Vec::new();
    for it in 0..iterations {
        rng.shuffle(&mut order);
        let (mut ok, mut total) = (0usize, 0usize);
        for &s in &order {
            let (words, tags, gold) = &data[s];
            w.fill(words.iter().map(String::as_str));
            let sm = SentMarks::new(lx, &w);
            let truth = iob_to_bilou(gold, &classes);
            let (mut p1, mut p2) = ("O".to_string(), "O".to_string());
            for i in 0..words.len() {
                features(&w, tags, &sm, i, &p1, &p2, &mut f);
                allowed(&classes, &p1, &mut valid);
                t.tick();
                t.score_into(&f, &mut scores);
                let g = best(&scores, Some(&valid));
                t.update(&f, truth[i], g);
                ok += (g == truth[i]) as usize;
                total += 1;
                // follow the gold path so the label history stays consistent
                p2 = std::mem::replace(&mut p1, classes[truth[i]].clone());
            }
        }
        eprintln!(
            "ner iteration {}: training accuracy {:.4}",
            it + 1,
            ok as f64 / total.max(1) as f64
        );
    }
    t.finish(1, 0.05)
}

#[cfg(test)]
mod tests;
