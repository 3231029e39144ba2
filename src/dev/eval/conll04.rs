//! Relations between named entities on CoNLL04 (SpERT's JSON: tokens, typed entity spans, typed
//! relations): each sentence goes through the whole pipeline, and its facts are read as the five
//! relation types (Kill, Work_For, Live_In, OrgBased_In, Located_In) by the mapping fixed in
//! `data/eval/conll04_relations.tsv`. A fact's end matches a gold entity when the two spans
//! overlap and end on the same character (the same head word; where CoNLL04's last token keeps
//! the sentence's period, "Studies.", the name may also end before it). CoNLL04 writes a place
//! with its region as one name ("Lubbock , Texas"): kgraph's place before the comma matches it
//! when kgraph also places that place in the region ("Lubbock –in→ Texas"), as the two facts
//! together say what the one gold relation says.
use crate::doc::EntityType;
use crate::error::{Error, Result};
use crate::Pipeline;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The mapping kgraph's own copy of, embedded.
pub const MAPPING: &str = include_str!("../../../data/eval/conll04_relations.tsv");

/// One row of the mapping.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The relation type (Kill, Work_For, Live_In, OrgBased_In, Located_In).
    pub kind: String,
    subjects: Vec<EntityType>,
    objects: Vec<EntityType>,
    words: Vec<String>,
}

/// Reads the mapping (`type`, subject types, object types, predicate words).
pub fn parse_mapping(text: &str) -> std::result::Result<Vec<Rule>, String> {
    let types = |s: &str, n: usize| -> std::result::Result<Vec<EntityType>, String> {
        s.split(',')
            .map(|t| EntityType::parse(t.trim()).ok_or(format!("line {n}: unknown type {t:?}")))
            .collect()
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 4 {
            return Err(format!("line {}: expected 4 tab-separated columns", i + 1));
        }
        out.push(Rule {
            kind: c[0].to_string(),
            subjects: types(c[1], i + 1)?,
            objects: types(c[2], i + 1)?,
            words: c[3].split_whitespace().map(str::to_lowercase).collect(),
        });
    }
    Ok(out)
}

/// The relation type of a fact, if any row maps it.
pub fn relation_type<'a>(
    rules: &'a [Rule],
    subject: EntityType,
    predicate: &str,
    object: EntityType,
) -> Option<&'a str> {
    let words: Vec<String> = predicate
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let hit = |w: &str| {
        words.iter().any(|x| match w.strip_suffix('*') {
            Some(prefix) => x.starts_with(prefix),
            None => x == w,
        })
    };
    rules
        .iter()
        .find(|r| {
            r.subjects.contains(&subject)
                && r.objects.contains(&object)
                && r.words.iter().any(|w| hit(w))
        })
        .map(|r| r.kind.as_str())
}

#[derive(serde::Deserialize)]
struct Sentence {
    tokens: Vec<String>,
    entities: Vec<Span>,
    relations: Vec<Rel>,
}

#[derive(serde::Deserialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(serde::Deserialize)]
struct Rel {
    head: usize,
    tail: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// Relations of one sentence: (type, head entity, tail entity).
type Relations = BTreeSet<(String, usize, usize)>;

/// Gold, predicted and correct relations of each type.
#[derive(Debug, Clone, Default)]
pub struct Conll04Scores {
    /// Sentences scored.
    pub sentences: usize,
    /// Per relation type: gold, predicted and correct relations.
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
}

impl Conll04Scores {
    /// Micro-averaged (gold, predicted, correct) over the types.
    pub fn total(&self) -> (usize, usize, usize) {
        self.per_type
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    }
}

/// Precision, recall and F1 of (gold, predicted, correct).
pub fn prf((g, p, c): (usize, usize, usize)) -> (f64, f64, f64) {
    let pr = if p > 0 { c as f64 / p as f64 } else { 0.0 };
    let rc = if g > 0 { c as f64 / g as f64 } else { 0.0 };
    let f = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f)
}

/// The (type, head, tail) relations kgraph finds in one sentence: ends as gold entity indices
/// when they match one, else as `usize::MAX - entity` (a relation no gold pair can match).
fn predicted(p: &Pipeline, rules: &[Rule], s: &Sentence) -> Relations {
    let text = s.tokens.join(" ");
    let mut starts = Vec::with_capacity(s.tokens.len());
    let mut at = 0;
    for t in &s.tokens {
        starts.push((at, at + t.chars().count()));
        at += t.chars().count() + 1;
    }
    // (start, end, end without the sentence's period): a gold name whose last token carries the
    // sentence's final period ("Studies." of CoNLL04's tokens) also ends before that period,
    // where the name itself ends
    let gold: Vec<(usize, usize, usize)> = s
        .entities
        .iter()
        .filter(|e| e.start < e.end && e.end <= starts.len())
        .map(|e| {
            let last = &s.tokens[e.end - 1];
            let period = e.end == s.tokens.len()
                && last.len() > 1
                && last.ends_with('.')
                && !last[..last.len() - 1].contains('.');
            let end = starts[e.end - 1].1;
            (starts[e.start].0, end, end - usize::from(period))
        })
        .collect();
    let d = p.annotate("s", &text);
    let spans = |e: usize| -> Vec<(usize, usize)> {
        d.mentions
            .iter()
            .filter(|m| m.entity == Some(e))
            .map(|m| {
                let a = &d.tokens[m.tokens.start];
                let b = &d.tokens[m.tokens.end - 1];
                d.source_span(a.start, b.end)
            })
            .collect()
    };
    // a comma token right after character `b`
    let comma_after = |b: usize| {
        starts
            .iter()
            .zip(&s.tokens)
            .any(|(&(ta, _), t)| ta == b + 1 && t == ",")
    };
    // whether the document places entity `e` in a place ending where a gold name ends
    let placed_in = |e: usize, ends: (usize, usize)| {
        d.relations.iter().any(|r| {
            r.subject == e
                && r.predicate == "in"
                && !r.negated
                && spans(r.object)
                    .iter()
                    .any(|&(_, rb)| rb == ends.0 || rb == ends.1)
        })
    };
    let find = |e: usize| -> usize {
        spans(e)
            .iter()
            .find_map(|&(a, b)| {
                gold.iter()
                    .position(|&(ga, gb, gc)| (gb == b || gc == b) && ga < b && a < gb)
                    .or_else(|| {
                        // CoNLL04 writes a place with its region as one name ("Lubbock ,
                        // Texas"): kgraph's place ("Lubbock") matches it when kgraph also
                        // places it in that region (Lubbock –in→ Texas)
                        gold.iter().position(|&(ga, gb, gc)| {
                            ga == a && b < gb && comma_after(b) && placed_in(e, (gb, gc))
                        })
                    })
            })
            .unwrap_or(usize::MAX - e)
    };
    d.relations
        .iter()
        .filter_map(|r| {
            let k = relation_type(
                rules,
                d.entities[r.subject].kind,
                &r.predicate,
                d.entities[r.object].kind,
            )?;
            (!r.negated).then(|| (k.to_string(), find(r.subject), find(r.object)))
        })
        .collect()
}

/// Scores the pipeline's facts on a CoNLL04 file (SpERT JSON) with the mapping given.
pub fn conll04(p: &Pipeline, path: &Path, mapping: &str) -> Result<Conll04Scores> {
    let rules = parse_mapping(mapping).map_err(|e| Error::bad("conll04 mapping", e))?;
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let sents: Vec<Sentence> = serde_json::from_str(&text).map_err(|e| Error::Data {
        path: path.into(),
        line: e.line(),
        reason: format!("not CoNLL04 JSON (SpERT format): {e}"),
    })?;
    let results: Vec<(Relations, Relations)> = sents
        .par_iter()
        .map(|s| {
            let gold = s
                .relations
                .iter()
                .map(|r| (r.kind.clone(), r.head, r.tail))
                .collect();
            (gold, predicted(p, &rules, s))
        })
        .collect();
    let mut out = Conll04Scores {
        sentences: sents.len(),
        ..Default::default()
    };
    for r in &rules {
        out.per_type.entry(r.kind.clone()).or_default();
    }
    for (gold, pred) in &results {
        for g in gold {
            let e = out.per_type.entry(g.0.clone()).or_default();
            e.0 += 1;
            e.2 += pred.contains(g) as usize;
        }
        for x in pred {
            out.per_type.entry(x.0.clone()).or_default().1 += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_reads_types_and_word_prefixes() {
        let rules = parse_mapping(MAPPING).unwrap();
        assert_eq!(rules.len(), 5);
        let t = |s, p, o| relation_type(&rules, s, p, o);
        assert_eq!(
            t(EntityType::PER, "assassinated", EntityType::PER),
            Some("Kill")
        );
        assert_eq!(
            t(EntityType::PER, "spokesman for", EntityType::ORG),
            Some("Work_For")
        );
        assert_eq!(
            t(EntityType::ORG, "based in", EntityType::GPE),
            Some("OrgBased_In")
        );
        assert_eq!(
            t(EntityType::GPE, "in", EntityType::GPE),
            Some("Located_In")
        );
        assert_eq!(t(EntityType::PER, "warn", EntityType::GPE), None);
        assert!(parse_mapping("Kill\tPER\n").is_err());
        assert!(parse_mapping("Kill\tPER\tXYZ\tkill\n").is_err());
    }
}
