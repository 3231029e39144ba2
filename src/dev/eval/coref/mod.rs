//! Coreference against GUM's chains (the CoNLL-U MISC `Entity=` column): kgraph's own mentions
//! and chains (its entities, and the pronouns and descriptions linked to them) scored with MUC, B³ and CEAF-e and
//! their mean (the CoNLL F1), over the chains of two or more mentions (singletons removed from
//! both sides, as in CoNLL-2012); and the figure facts depend on, named-antecedent accuracy: of
//! the pronouns and definite descriptions whose gold chain holds a proper name before them, the
//! share kgraph puts in a chain with one of that chain's names.
use crate::error::Result;
use crate::Pipeline;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

mod gum;
mod response;

pub use gum::{gum_files, read_gum, split_files, token_words, GoldDoc};
pub use response::{response, response_gold_mentions};

/// A mention: the first and last word (inclusive) of the document's gold words.
pub type Span = (usize, usize);

/// The chains of one document, each a set of mentions.
pub type Chains = Vec<BTreeSet<Span>>;

/// Recall, precision and F1 of one metric, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Recall.
    pub recall: f64,
    /// Precision.
    pub precision: f64,
}

impl Prf {
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (r, p) = (self.recall, self.precision);
        if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        }
    }
}

/// Numerators and denominators of the metrics, added up over documents.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    muc: [f64; 4],
    b3: [f64; 4],
    ceafe: [f64; 3],
}

fn prf(n_r: f64, d_r: f64, n_p: f64, d_p: f64) -> Prf {
    Prf {
        recall: if d_r > 0.0 { n_r / d_r } else { 0.0 },
        precision: if d_p > 0.0 { n_p / d_p } else { 0.0 },
    }
}

/// The parts of a cluster that the other clustering makes (mentions it lacks each their own).
fn partitions(c: &BTreeSet<Span>, other: &[BTreeSet<Span>]) -> usize {
    let mut covered = 0;
    let mut parts = 0;
    for o in other {
        let n = c.intersection(o).count();
        if n > 0 {
            parts += 1;
            covered += n;
        }
    }
    parts + (c.len() - covered)
}

fn sums(key: &[BTreeSet<Span>], resp: &[BTreeSet<Span>]) -> Sums {
    let mut s = Sums::default();
    for k in key {
        s.muc[0] += (k.len() - partitions(k, resp)) as f64;
        s.muc[1] += (k.len() - 1) as f64;
    }
    for r in resp {
        s.muc[2] += (r.len() - partitions(r, key)) as f64;
        s.muc[3] += (r.len() - 1) as f64;
    }
    let mut sim = vec![vec![0f64; resp.len()]; key.len()];
    for (i, k) in key.iter().enumerate() {
        for (j, r) in resp.iter().enumerate() {
            let n = k.intersection(r).count() as f64;
            if n > 0.0 {
                s.b3[0] += n * n / k.len() as f64;
                s.b3[2] += n * n / r.len() as f64;
                sim[i][j] = 2.0 * n / (k.len() + r.len()) as f64;
            }
        }
    }
    s.b3[1] = key.iter().map(|k| k.len() as f64).sum();
    s.b3[3] = resp.iter().map(|r| r.len() as f64).sum();
    s.ceafe = [best_assignment(&sim), key.len() as f64, resp.len() as f64];
    s
}

/// The largest total similarity of a one-to-one matching of rows to columns (Kuhn-Munkres).
pub fn best_assignment(sim: &[Vec<f64>]) -> f64 {
    let rows = sim.len();
    let cols = sim.first().map_or(0, Vec::len);
    let n = rows.max(cols);
    if n == 0 {
        return 0.0;
    }
    // minimise cost = max - sim on a square matrix (padding costs max)
    let max = sim.iter().flatten().copied().fold(0.0, f64::max);
    let cost = |i: usize, j: usize| {
        if i < rows && j < cols {
            max - sim[i][j]
        } else {
            max
        }
    };
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| p[j] >= 1 && p[j] <= rows && j <= cols)
        .map(|j| sim[p[j] - 1][j - 1])
        .sum()
}

/// The figures of `kgraph eval coref`.
#[derive(Debug, Clone, Default)]
pub struct CorefScores {
    /// Documents scored.
    pub documents: usize,
    /// Chains of the key (gold).
    pub key_chains: usize,
    /// Chains of the response (kgraph).
    pub response_chains: usize,
    /// MUC (links).
    pub muc: Prf,
    /// B³ (mentions).
    pub b3: Prf,
    /// CEAF-e (entities).
    pub ceafe: Prf,
    /// (linked to a name of their chain, asked) for pronouns and for definite descriptions.
    pub pronouns: (usize, usize),
    /// Definite descriptions with a named gold antecedent: (linked to that chain, all).
    pub descriptions: (usize, usize),
    /// The same two with every gold mention holding a proper noun taken as a name, as the
    /// measure was until the eighteenth session ("a score of his First Symphony", a clause
    /// holding "Environment Canada"): pronouns, then descriptions.
    pub holding_a_name: [(usize, usize); 2],
}

impl CorefScores {
    /// The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1.
    pub fn conll(&self) -> f64 {
        (self.muc.f1() + self.b3.f1() + self.ceafe.f1()) / 3.0
    }
}

/// Chains of two or more mentions, as sets.
pub fn non_singletons(chains: &[Vec<Span>]) -> Chains {
    chains
        .iter()
        .map(|c| c.iter().copied().collect::<BTreeSet<Span>>())
        .filter(|c| c.len() > 1)
        .collect()
}

/// Whether a gold mention is a proper name (one of its words is a PROPN).
pub(crate) fn is_name(g: &GoldDoc, (a, b): Span) -> bool {
    (a..=b).any(|i| g.upos[i] == "PROPN")
}

/// Whether a gold mention is a proper name: its head (the word the others hang on) is a PROPN
/// ("the University of Copenhagen", "Space Shuttle Atlantis, which is being prepped ..."), or a
/// PROPN hangs on its head as its holder's name ("Environment Canada spokeswoman Sujata
/// Raisinghani", GUM's `flat`, or `appos`); not a phrase or a clause that merely holds a name
/// ("a score of his First Symphony", "the Union cause", "a sensitive Environment Canada
/// document was found ...").
pub(crate) fn is_proper_name(g: &GoldDoc, m: Span) -> bool {
    // a mention inside a larger phrase may have its determiner hang outside it as well ("[the
    // Union] naval blockade"): the head is the first other word that does
    let outside = |i: usize| g.heads.get(i).is_none_or(|&h| h < m.0 || h > m.1);
    let head = (m.0..=m.1)
        .find(|&i| g.upos[i] != "DET" && outside(i))
        .unwrap_or_else(|| g.head_of(m));
    g.upos[head] == "PROPN"
        || (m.0..=m.1).any(|i| {
            g.upos[i] == "PROPN"
                && g.heads[i] == head
                && g.deps.get(i).is_some_and(|d| d == "flat" || d == "appos")
        })
}

/// A pronoun or definite description not linked to its named antecedent.
#[derive(Debug, Clone, PartialEq)]
pub struct CorefMiss {
    /// "pronoun" or "description".
    pub kind: &'static str,
    /// The anaphor's words, lower case.
    pub form: String,
    /// Whether kgraph put it in a chain (another one than its antecedent's) or in none.
    pub chained: bool,
    /// The line `--verbose` prints: the document, the kind, the anaphor in brackets with the
    /// words around it, the gold names before it and the other mentions of kgraph's chain.
    pub line: String,
}

/// Named-antecedent counts of one document: for pronouns and definite descriptions whose gold
/// chain has a name before them, (linked, asked).
fn named_antecedents(
    g: &GoldDoc,
    lx: &crate::lexicon::Lexicon,
    resp: &[Vec<Span>],
    misses: &mut Vec<CorefMiss>,
) -> [(usize, usize); 2] {
    named_antecedents_by(g, lx, resp, misses, is_proper_name)
}

/// [`named_antecedents`] with `is_name` telling which gold mentions are names.
fn named_antecedents_by(
    g: &GoldDoc,
    lx: &crate::lexicon::Lexicon,
    resp: &[Vec<Span>],
    misses: &mut Vec<CorefMiss>,
    is_name: fn(&GoldDoc, Span) -> bool,
) -> [(usize, usize); 2] {
    let mut out = [(0, 0); 2];
    let chain_of: BTreeMap<Span, usize> = resp
        .iter()
        .enumerate()
        .flat_map(|(c, ms)| ms.iter().map(move |&m| (m, c)))
        .collect();
    for spans in g.chains.values() {
        for (k, &m) in spans.iter().enumerate() {
            let kind = if m.0 == m.1 && g.upos[m.0] == "PRON" {
                0
            } else if g.words[m.0].eq_ignore_ascii_case("the") && !is_name(g, m) {
                1
            } else {
                continue;
            };
            let names: Vec<Span> = spans[..k]
                .iter()
                .copied()
                .filter(|&x| is_name(g, x))
                .collect();
            if names.is_empty() {
                continue;
            }
            out[kind].1 += 1;
            // a description may be found shorter than GUM marks it ("the president" of "the
            // president of the club"): same first word, ending inside it; a name may be found
            // without the words GUM puts before it that are not names ("Civil War" of "the
            // Civil War"): same last word, all its proper nouns; or inside the phrase GUM marks
            // around it, with the phrase's head and no other name in front ("John Baird" of
            // "Environment Minister John Baird", "Rotus" of "Rotus, who's a seasoned ...", not
            // "Oakland" of "West Oakland"), the phrase no list ("Endeavour and Atlantis"); or
            // the holder's name that makes a title's phrase a name ("Terry McAuliffe" of
            // "Democratic Party nominee Terry McAuliffe", `flat` on "nominee": see
            // `is_proper_name`)
            let inside = |n: &Span, r: &Span| {
                let before = r.0.checked_sub(1).filter(|&i| i >= n.0);
                let (head, rh) = (g.head_of(*n), g.head_of(*r));
                let holder = g.upos[rh] == "PROPN"
                    && g.heads[rh] == head
                    && g.deps.get(rh).is_some_and(|d| d == "flat" || d == "appos");
                n.0 <= r.0
                    && r.1 <= n.1
                    && ((r.0..=r.1).contains(&head) || holder)
                    && (n.0..=n.1).all(|i| g.upos[i] != "CCONJ")
                    && before.is_none_or(|i| {
                        g.upos[i] != "PROPN" || lx.is_title(&g.words[i].to_lowercase())
                    })
            };
            let is_the_name = |r: &Span| {
                names.iter().any(|n| {
                    (n.1 == r.1 && n.0 <= r.0 && (n.0..r.0).all(|i| g.upos[i] != "PROPN"))
                        || inside(n, r)
                })
            };
            // kgraph's phrase may run past GUM's ("[the university] in 1920-21", "the next
            // Czech composer [to achieve worldwide recognition]"): from the same first word it is
            // the same phrase, unless GUM marks a longer one there itself ("[the university's]
            // rector")
            let longer_gold = |end: usize| {
                g.chains
                    .values()
                    .flatten()
                    .any(|x| x.0 == m.0 && x.1 > m.1 && x.1 <= end)
            };
            let linked = chain_of
                .range((m.0, m.0)..=(m.0, usize::MAX))
                .filter(|((_, end), _)| *end <= m.1 || !longer_gold(*end))
                .any(|(_, &c)| resp[c].iter().any(is_the_name));
            out[kind].0 += linked as usize;
            if !linked {
                misses.push(describe_miss(g, m, &names, resp, &chain_of, kind));
            }
        }
    }
    out
}

/// A pronoun or description not linked to its named antecedent, with its line: the document,
/// the anaphor with the words around it, the gold names before it and the chain kgraph put it in.
fn describe_miss(
    g: &GoldDoc,
    m: Span,
    names: &[Span],
    resp: &[Vec<Span>],
    chain_of: &BTreeMap<Span, usize>,
    kind: usize,
) -> CorefMiss {
    let text = |(a, b): Span| g.words[a..=b].join(" ");
    let lo = m.0.saturating_sub(12);
    let hi = (m.1 + 8).min(g.words.len() - 1);
    let context = format!(
        "{} [{}] {}",
        g.words[lo..m.0].join(" "),
        text(m),
        g.words[m.1 + 1..=hi].join(" ")
    );
    let mut gold: Vec<String> = names.iter().map(|&n| text(n)).collect();
    gold.dedup();
    let linked = chain_of
        .range((m.0, m.0)..=(m.0, m.1))
        .next()
        .map(|(_, &c)| {
            let ms: Vec<String> = resp[c]
                .iter()
                .filter(|&&x| x != m)
                .map(|&x| text(x))
                .collect();
            ms.join(" | ")
        })
        .unwrap_or_default();
    let kind = ["pronoun", "description"][kind];
    let line = format!(
        "{}\t{kind}\t{}\tgold: {}\tkgraph: {}",
        g.name,
        context.trim(),
        gold.join(" | "),
        if linked.is_empty() { "-" } else { &linked }
    );
    CorefMiss {
        kind,
        form: text(m).to_lowercase(),
        chained: !linked.is_empty(),
        line,
    }
}

/// A summary of the misses ([`CorefRun`]`::misses`): for pronouns and for descriptions, how
/// many kgraph left in no chain and how many it put in another one, and the pronouns missed by
/// form (lower case, most missed first, ties alphabetical).
pub fn miss_summary(misses: &[CorefMiss]) -> String {
    let mut out = String::new();
    for kind in ["pronoun", "description"] {
        let mine: Vec<&CorefMiss> = misses.iter().filter(|m| m.kind == kind).collect();
        let chained = mine.iter().filter(|m| m.chained).count();
        out.push_str(&format!(
            "{kind}s missed {}: {} in no chain, {chained} in another chain",
            mine.len(),
            mine.len() - chained
        ));
        if kind == "pronoun" && !mine.is_empty() {
            let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &mine {
                *forms.entry(m.form.as_str()).or_default() += 1;
            }
            let mut by: Vec<(&str, usize)> = forms.into_iter().collect();
            by.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let list: Vec<String> = by.iter().map(|(f, n)| format!("{f} {n}")).collect();
            out.push_str(&format!("; by form: {}", list.join(", ")));
        }
        out.push('\n');
    }
    out
}

/// Key and response chains of every document (for an outside scorer), and the scores.
pub struct CorefRun {
    /// The scores.
    pub scores: CorefScores,
    /// Per document: name, key chains, response chains (non-singleton).
    pub chains: Vec<(String, Chains, Chains)>,
    /// Each pronoun or description not linked to its named antecedent, with its line
    /// (document, kind, the anaphor in brackets with the words around it, the gold names,
    /// kgraph's chain).
    pub misses: Vec<CorefMiss>,
}

/// Scores kgraph's coreference on GUM documents, with kgraph's own mentions or (`gold_mentions`)
/// with GUM's; transcripts written with their speakers' labels (`speakers`) or as running text.
pub fn coref(
    p: &Pipeline,
    files: &[PathBuf],
    gold_mentions: bool,
    speakers: bool,
) -> Result<CorefRun> {
    coref_by(|_| p, files, gold_mentions, speakers)
}

/// [`coref`] with each document annotated by a pipeline of its own (`pipeline_of(i)` for the
/// `i`th file): a cross-validation scores each fold's documents with the model trained without
/// them, and pools the figures.
pub fn coref_by<'a>(
    pipeline_of: impl Fn(usize) -> &'a Pipeline + Sync,
    files: &[PathBuf],
    gold_mentions: bool,
    speakers: bool,
) -> Result<CorefRun> {
    let mut docs: Vec<GoldDoc> = files.iter().map(|f| read_gum(f)).collect::<Result<_>>()?;
    if !speakers {
        docs.iter_mut().for_each(|d| d.turns.clear());
    }
    let per: Vec<_> = docs
        .par_iter()
        .enumerate()
        .map(|(i, g)| {
            let p = pipeline_of(i);
            let resp = if gold_mentions {
                response_gold_mentions(p, g)
            } else {
                response(p, g)
            };
            let key: Vec<Vec<Span>> = g.chains.values().cloned().collect();
            let (k, r) = (non_singletons(&key), non_singletons(&resp));
            let s = sums(&k, &r);
            let mut misses = Vec::new();
            let na = named_antecedents(g, p.lexicon(), &resp, &mut misses);
            let old = named_antecedents_by(g, p.lexicon(), &resp, &mut Vec::new(), is_name);
            (g.name.clone(), k, r, s, (na, old), misses)
        })
        .collect();
    let mut total = Sums::default();
    let mut sc = CorefScores {
        documents: docs.len(),
        ..Default::default()
    };
    let mut chains = Vec::new();
    let mut misses = Vec::new();
    for (name, k, r, s, (na, old), m) in per {
        misses.extend(m);
        for i in 0..4 {
            total.muc[i] += s.muc[i];
            total.b3[i] += s.b3[i];
        }
        for i in 0..3 {
            total.ceafe[i] += s.ceafe[i];
        }
        sc.key_chains += k.len();
        sc.response_chains += r.len();
        sc.pronouns.0 += na[0].0;
        sc.pronouns.1 += na[0].1;
        sc.descriptions.0 += na[1].0;
        sc.descriptions.1 += na[1].1;
        for (sum, (ok, n)) in sc.holding_a_name.iter_mut().zip(old) {
            sum.0 += ok;
            sum.1 += n;
        }
        chains.push((name, k, r));
    }
    sc.muc = prf(total.muc[0], total.muc[1], total.muc[2], total.muc[3]);
    sc.b3 = prf(total.b3[0], total.b3[1], total.b3[2], total.b3[3]);
    sc.ceafe = prf(
        total.ceafe[0],
        total.ceafe[1],
        total.ceafe[0],
        total.ceafe[2],
    );
    Ok(CorefRun {
        scores: sc,
        chains,
        misses,
    })
}

/// Key or response chains of every document as scorch's JSON (`{"type": "clusters", ...}`),
/// mentions named `doc:first-last`: one file scores the corpus as the sums above do.
pub fn scorch_json(chains: &[(String, Chains)]) -> String {
    let mut clusters = serde_json::Map::new();
    for (doc, cs) in chains {
        for (i, c) in cs.iter().enumerate() {
            let ms: Vec<serde_json::Value> = c
                .iter()
                .map(|(a, b)| serde_json::Value::String(format!("{doc}:{a}-{b}")))
                .collect();
            clusters.insert(format!("{doc}:{i}"), serde_json::Value::Array(ms));
        }
    }
    serde_json::json!({"type": "clusters", "clusters": clusters}).to_string()
}

#[cfg(test)]
mod tests;
