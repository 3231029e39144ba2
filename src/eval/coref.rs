//! Coreference against GUM's chains (the CoNLL-U MISC `Entity=` column): kgraph's own mentions
//! and chains (its entities, and the pronouns it resolves) scored with MUC, B³ and CEAF-e and
//! their mean (the CoNLL F1), over the chains of two or more mentions (singletons removed from
//! both sides, as in CoNLL-2012); and the figure facts depend on, named-antecedent accuracy: of
//! the pronouns and definite descriptions whose gold chain holds a proper name before them, the
//! share kgraph puts in a chain with one of that chain's names.
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::Pipeline;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// A mention: the first and last word (inclusive) of the document's gold words.
pub type Span = (usize, usize);

/// The chains of one document, each a set of mentions.
pub type Chains = Vec<BTreeSet<Span>>;

/// One GUM document: its words and the gold chains.
#[derive(Debug, Clone, Default)]
pub struct GoldDoc {
    pub name: String,
    pub words: Vec<String>,
    /// Whether a space follows each word.
    pub space_after: Vec<bool>,
    pub upos: Vec<String>,
    /// Chains by GUM entity id, each its mentions in order.
    pub chains: BTreeMap<String, Vec<Span>>,
    /// GUM's entity type of each chain ("person", "place", "organization", ...).
    pub kinds: BTreeMap<String, String>,
}

impl GoldDoc {
    /// The text of the words (a space after each unless `SpaceAfter=No`; a line break between
    /// sentences) and the character offset where each word starts and ends.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut at = Vec::with_capacity(self.words.len());
        let mut chars = 0;
        for (w, &sp) in self.words.iter().zip(&self.space_after) {
            let n = w.chars().count();
            at.push((chars, chars + n));
            text.push_str(w);
            chars += n;
            if sp {
                text.push(' ');
                chars += 1;
            }
        }
        (text, at)
    }
}

/// Reads the documents of GUM CoNLL-U files (one document per file).
pub fn read_gum(path: &Path) -> Result<GoldDoc> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut d = GoldDoc {
        name: path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        ..Default::default()
    };
    // open mentions by entity id: their first words (a stack: nested mentions of one entity)
    let mut open: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if let Some(last) = d.space_after.last_mut() {
                *last = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::Data {
                path: path.into(),
                line: n + 1,
                reason: "a CoNLL-U line has 10 columns".into(),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let i = d.words.len();
        d.words.push(cols[1].to_string());
        d.upos.push(cols[3].to_string());
        let misc = cols[9];
        d.space_after
            .push(!misc.split('|').any(|f| f == "SpaceAfter=No"));
        if let Some(ent) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) {
            parse_entity(ent, i, &mut open, &mut d.chains, &mut d.kinds);
        }
    }
    for spans in d.chains.values_mut() {
        spans.sort_unstable();
        spans.dedup();
    }
    Ok(d)
}

/// Reads one `Entity=` value at word `i`: "(1-person-...-Name" opens, "1)" closes, "(1-...)"
/// opens and closes.
fn parse_entity(
    ent: &str,
    i: usize,
    open: &mut HashMap<String, Vec<usize>>,
    chains: &mut BTreeMap<String, Vec<Span>>,
    kinds: &mut BTreeMap<String, String>,
) {
    let b = ent.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'(' {
            let rest = &ent[k + 1..];
            let end = rest.find(['(', ')']).unwrap_or(rest.len());
            let mut fields = rest[..end].split('-');
            let id = fields.next().unwrap_or("").to_string();
            if let Some(kind) = fields.next() {
                kinds.entry(id.clone()).or_insert_with(|| kind.to_string());
            }
            if rest[end..].starts_with(')') {
                chains.entry(id).or_default().push((i, i));
                k += 1 + end + 1;
            } else {
                open.entry(id).or_default().push(i);
                k += 1 + end;
            }
        } else if b[k] == b')' {
            k += 1;
        } else {
            let rest = &ent[k..];
            let end = rest.find(')').unwrap_or(rest.len());
            let id = rest[..end].to_string();
            if let Some(start) = open.get_mut(&id).and_then(Vec::pop) {
                chains.entry(id).or_default().push((start, i));
            }
            k += end + 1;
        }
    }
}

/// kgraph's chains on a document: each entity's mentions and the pronouns resolved to it, as
/// spans of the gold words.
pub fn response(p: &Pipeline, gold: &GoldDoc) -> Vec<Vec<Span>> {
    let (text, at) = gold.text();
    let doc = p.annotate(&gold.name, &text);
    // the gold word at each character
    let word_at = |c: usize| at.partition_point(|&(_, e)| e <= c).min(at.len() - 1);
    let span = |a: usize, b: usize| {
        let (ca, cb) = doc.source_span(doc.tokens[a].start, doc.tokens[b].end);
        (word_at(ca), word_at(cb.saturating_sub(1).max(ca)))
    };
    let mut chains: BTreeMap<usize, BTreeSet<Span>> = BTreeMap::new();
    for m in &doc.mentions {
        if let Some(e) = m.entity {
            chains
                .entry(e)
                .or_default()
                .insert(span(m.tokens.start, m.tokens.end - 1));
        }
    }
    for r in &doc.referents {
        chains
            .entry(r.entity)
            .or_default()
            .insert(span(r.tokens.start, r.tokens.end - 1));
    }
    chains
        .into_values()
        .map(|c| c.into_iter().collect())
        .collect()
}

/// The gold words each token starts and ends in.
pub fn token_words(doc: &Document, gold: &GoldDoc) -> Vec<(usize, usize)> {
    let (_, at) = gold.text();
    // the character index of each byte of the original text
    let mut char_of = vec![0u32; doc.original.len() + 1];
    let mut c = 0u32;
    for (b, ch) in doc.original.char_indices() {
        for k in 0..ch.len_utf8() {
            char_of[b + k] = c;
        }
        c += 1;
    }
    char_of[doc.original.len()] = c;
    let word_at = |c: usize| {
        at.partition_point(|&(_, e)| e <= c)
            .min(at.len().saturating_sub(1))
    };
    doc.tokens
        .iter()
        .map(|t| {
            let (a, b) = doc.source_bytes(t.start, t.end);
            let (ca, cb) = (char_of[a] as usize, char_of[b.max(a)] as usize);
            (word_at(ca), word_at(cb.saturating_sub(1).max(ca)))
        })
        .collect()
}

/// kgraph's chains on a document when it is given GUM's mentions: the names (a mention holding
/// a proper noun) become the document's mentions, typed by GUM's entity type, and are merged by
/// the names' coreference stage; the pronouns and definite descriptions among GUM's mentions
/// are linked by the coreference model. Other mentions stay alone.
pub fn response_gold_mentions(p: &Pipeline, gold: &GoldDoc) -> Vec<Vec<Span>> {
    use crate::doc::{EntityType, Mention, MentionSource};
    use crate::pipeline::anaphora::{head_of, Anaphor, AnaphorKind};
    let (text, _) = gold.text();
    let mut doc = crate::ingest::from_text(&gold.name, &text);
    p.annotate_mentions(&mut doc);
    let lx = p.lexicon();
    let words = token_words(&doc, gold);
    // the tokens of each gold word
    let mut first_tok: HashMap<usize, usize> = HashMap::new();
    let mut last_tok: HashMap<usize, usize> = HashMap::new();
    for (t, &(a, b)) in words.iter().enumerate() {
        first_tok.entry(a).or_insert(t);
        last_tok.insert(b, t);
    }
    let sentence_of = |t: usize| doc.sentences.partition_point(|s| s.tokens.end <= t);
    let mut mentions: Vec<(Mention, Span)> = Vec::new();
    let mut anaphors: Vec<(Anaphor, Span)> = Vec::new();
    for (id, spans) in &gold.chains {
        let kind = match gold.kinds.get(id).map(String::as_str) {
            Some("person") => EntityType::PER,
            Some("organization") => EntityType::ORG,
            Some("place") => EntityType::GPE,
            _ => EntityType::MISC,
        };
        for &(a, b) in spans {
            let (Some(&x), Some(&y)) = (first_tok.get(&a), last_tok.get(&b)) else {
                continue;
            };
            if y < x {
                continue;
            }
            let s = sentence_of(x);
            let lower = gold.words[a].to_lowercase();
            if is_name(gold, (a, b)) {
                mentions.push((
                    Mention {
                        tokens: x..y + 1,
                        sentence: s,
                        kind,
                        entity: None,
                        title: None,
                        title_span: None,
                        title_of: None,
                        source: MentionSource::Name,
                        refers_to: None,
                    },
                    (a, b),
                ));
            } else if a == b
                && gold.upos[a] == "PRON"
                && lx.in_class(crate::lexicon::WordClass::AnaphoricPronoun, &lower)
            {
                let a_ = Anaphor {
                    tokens: x..y + 1,
                    head: x,
                    sentence: s,
                    kind: AnaphorKind::Pronoun,
                    form: lower,
                    quoted: false,
                };
                anaphors.push((a_, (a, b)));
            } else if lower == "the" {
                let head = head_of(&doc, x..y + 1);
                let a_ = Anaphor {
                    tokens: x..y + 1,
                    head,
                    sentence: s,
                    kind: AnaphorKind::Description,
                    form: doc.lemma(head).to_lowercase(),
                    quoted: false,
                };
                anaphors.push((a_, (a, b)));
            }
        }
    }
    mentions.sort_by_key(|(m, _)| (m.tokens.start, m.tokens.end));
    anaphors.sort_by_key(|(a, _)| (a.head, a.tokens.start));
    let spans: Vec<Span> = mentions.iter().map(|(_, s)| *s).collect();
    doc.mentions = mentions.into_iter().map(|(m, _)| m).collect();
    crate::pipeline::coref::resolve(&mut doc, lx);
    let ans: Vec<Anaphor> = anaphors.iter().map(|(a, _)| a.clone()).collect();
    let links = crate::pipeline::anaphora::link(&doc, lx, &p.models().coref, &ans);
    let mut chains: BTreeMap<usize, BTreeSet<Span>> = BTreeMap::new();
    for (m, &span) in doc.mentions.iter().zip(&spans) {
        if let Some(e) = m.entity {
            chains.entry(e).or_default().insert(span);
        }
    }
    for r in &links {
        if let Some((_, span)) = anaphors
            .iter()
            .find(|(a, _)| a.head == r.head && a.tokens == r.tokens)
        {
            chains.entry(r.entity).or_default().insert(*span);
        }
    }
    chains
        .into_values()
        .map(|c| c.into_iter().collect())
        .collect()
}

/// Recall, precision and F1 of one metric, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub recall: f64,
    pub precision: f64,
}

impl Prf {
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
    pub documents: usize,
    pub key_chains: usize,
    pub response_chains: usize,
    pub muc: Prf,
    pub b3: Prf,
    pub ceafe: Prf,
    /// (linked to a name of their chain, asked) for pronouns and for definite descriptions.
    pub pronouns: (usize, usize),
    pub descriptions: (usize, usize),
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
fn is_name(g: &GoldDoc, (a, b): Span) -> bool {
    (a..=b).any(|i| g.upos[i] == "PROPN")
}

/// Named-antecedent counts of one document: for pronouns and definite descriptions whose gold
/// chain has a name before them, (linked, asked).
fn named_antecedents(g: &GoldDoc, resp: &[Vec<Span>]) -> [(usize, usize); 2] {
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
            // president of the club"): same first word, ending inside it
            let linked = chain_of
                .range((m.0, m.0)..=(m.0, m.1))
                .any(|(_, &c)| resp[c].iter().any(|r| names.contains(r)));
            out[kind].0 += linked as usize;
        }
    }
    out
}

/// The GUM documents a path names: a CoNLL-U file, or a folder (the documents its `files.test`
/// lists, else all of its `.conllu` files).
pub fn gum_files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let list = path.join("files.test");
    let mut out: Vec<PathBuf> = if list.exists() {
        std::fs::read_to_string(&list)
            .map_err(|e| Error::io(&list, e))?
            .lines()
            .map(|n| path.join(format!("{}.conllu", n.trim())))
            .filter(|p| p.exists())
            .collect()
    } else {
        std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
            .collect()
    };
    out.sort();
    Ok(out)
}

/// Key and response chains of every document (for an outside scorer), and the scores.
pub struct CorefRun {
    pub scores: CorefScores,
    /// Per document: name, key chains, response chains (non-singleton).
    pub chains: Vec<(String, Chains, Chains)>,
}

/// Scores kgraph's coreference on GUM documents, with kgraph's own mentions or (`gold_mentions`)
/// with GUM's.
pub fn coref(p: &Pipeline, files: &[PathBuf], gold_mentions: bool) -> Result<CorefRun> {
    let docs: Vec<GoldDoc> = files.iter().map(|f| read_gum(f)).collect::<Result<_>>()?;
    let per: Vec<_> = docs
        .par_iter()
        .map(|g| {
            let resp = if gold_mentions {
                response_gold_mentions(p, g)
            } else {
                response(p, g)
            };
            let key: Vec<Vec<Span>> = g.chains.values().cloned().collect();
            let (k, r) = (non_singletons(&key), non_singletons(&resp));
            let s = sums(&k, &r);
            let na = named_antecedents(g, &resp);
            (g.name.clone(), k, r, s, na)
        })
        .collect();
    let mut total = Sums::default();
    let mut sc = CorefScores {
        documents: docs.len(),
        ..Default::default()
    };
    let mut chains = Vec::new();
    for (name, k, r, s, na) in per {
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
    Ok(CorefRun { scores: sc, chains })
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
mod tests {
    use super::*;

    fn set(v: &[Span]) -> BTreeSet<Span> {
        v.iter().copied().collect()
    }

    #[test]
    fn the_metrics_of_a_textbook_example() {
        // key {a b c} {d e}; response {a b} {c d e}
        let (a, b, c, d, e) = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4));
        let key = [set(&[a, b, c]), set(&[d, e])];
        let resp = [set(&[a, b]), set(&[c, d, e])];
        let s = sums(&key, &resp);
        let muc = prf(s.muc[0], s.muc[1], s.muc[2], s.muc[3]);
        assert_eq!((muc.recall, muc.precision), (2.0 / 3.0, 2.0 / 3.0));
        let b3 = prf(s.b3[0], s.b3[1], s.b3[2], s.b3[3]);
        // recall (4/3 + 1/3 + 4/2) / 5, precision (4/2 + 1/3 + 4/3) / 5
        assert!((b3.recall - (4.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0).abs() < 1e-12);
        assert!((b3.precision - b3.recall).abs() < 1e-12);
        // best alignment: {a b c}-{a b} (0.8) and {d e}-{c d e} (0.8)
        assert!((s.ceafe[0] - 1.6).abs() < 1e-12);
    }

    #[test]
    fn the_assignment_is_the_best_one() {
        let sim = vec![vec![0.9, 0.8], vec![0.85, 0.0], vec![0.0, 0.1]];
        assert!((best_assignment(&sim) - (0.85 + 0.8)).abs() < 1e-12);
        assert_eq!(best_assignment(&[]), 0.0);
    }

    #[test]
    fn gum_entity_brackets_open_close_and_nest() {
        let mut open = HashMap::new();
        let mut chains = BTreeMap::new();
        let mut kinds = BTreeMap::new();
        parse_entity(
            "(1-person-new-x-Name",
            0,
            &mut open,
            &mut chains,
            &mut kinds,
        );
        parse_entity(
            "(2-place-new-x-Paris)",
            1,
            &mut open,
            &mut chains,
            &mut kinds,
        );
        parse_entity("1)", 2, &mut open, &mut chains, &mut kinds);
        parse_entity(
            "(1-person-giv-x-Name)",
            4,
            &mut open,
            &mut chains,
            &mut kinds,
        );
        assert_eq!(kinds["2"], "place");
        assert_eq!(chains["1"], vec![(0, 2), (4, 4)]);
        assert_eq!(chains["2"], vec![(1, 1)]);
    }
}
