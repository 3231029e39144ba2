//! The features of a candidate fact that the confidence model weighs: the pattern that made it
//! and its own confidence, the predicate and its words, the entity types, how each end was
//! resolved (its name, a pronoun, a default owner), the dependency path between the two ends,
//! their distance, the sentence's position and crowding, and how often the article repeats it.
use super::candidates::{covered, ends, End, EndSource, LONG_PATH, PATH};
use super::paths::path;
use crate::doc::{Document, Relation};
use crate::lexicon::Lexicon;
use crate::pipeline::clauses::Tree;
use std::collections::HashMap;

fn bucket(n: usize, edges: &[usize]) -> usize {
    edges.iter().take_while(|&&e| n >= e).count()
}

/// The kind of a resolution reason ("\"he\" refers to ...", "... acts for ...").
fn reason_kind(reason: &str) -> &'static str {
    if reason.contains("refers to") {
        "pronoun"
    } else if reason.contains("is the speaker") {
        "speaker"
    } else if reason.contains("stands for") {
        "stands-for"
    } else if reason.contains("acts for") {
        "capital"
    } else if reason.contains("with no owner") {
        "default-owner"
    } else if reason.contains("named before") {
        "anaphor"
    } else {
        "other"
    }
}

/// The shape of a dependency path (`top`: the index of its highest token), as relations (↑
/// towards the top, ↓ away from it) and the tags of the tokens in between: "nsubj↑VERB↓obj".
fn path_shape(doc: &Document, p: &[usize], top: usize) -> String {
    if p.len() > 6 {
        return "long".into();
    }
    let mut out = String::new();
    for (k, &i) in p.iter().enumerate() {
        if k > 0 && k < p.len() - 1 {
            out.push_str(doc.tokens[i].pos.as_str());
        }
        if k < top {
            out.push_str(doc.tokens[i].dep.as_str());
            out.push('↑');
        } else if k < p.len() - 1 {
            out.push('↓');
            out.push_str(doc.tokens[p[k + 1]].dep.as_str());
        }
    }
    out
}

/// Feature strings of every relation of a document, in the order of `doc.relations`.
pub fn features(doc: &Document, lx: &Lexicon) -> Vec<Vec<String>> {
    let mut trees: Vec<Option<(Tree, Vec<End>)>> = Vec::new();
    trees.resize_with(doc.sentences.len(), || None);
    let mut mentions = vec![0usize; doc.entities.len()];
    for m in &doc.mentions {
        if let Some(e) = m.entity {
            mentions[e] += 1;
        }
    }
    let mut repeats: HashMap<(usize, &str, usize), usize> = HashMap::new();
    let mut pairs: HashMap<(usize, usize, usize), usize> = HashMap::new();
    for r in &doc.relations {
        *repeats
            .entry((r.subject, r.predicate.as_str(), r.object))
            .or_default() += 1;
        *pairs.entry(pair_key(r)).or_default() += 1;
    }
    let counts = Counts { repeats, pairs };
    let mut out = Vec::with_capacity(doc.relations.len());
    for r in &doc.relations {
        let s = r.sentence;
        if trees[s].is_none() {
            let range = doc.sentences[s].tokens.clone();
            let t = Tree::new(doc, range.start, range.end);
            let e = ends(doc, lx, &t, s, &covered(doc, &t, s));
            trees[s] = Some((t, e));
        }
        let (t, es) = trees[s].as_ref().expect("filled above");
        out.push(one(doc, lx, r, (t, es.as_slice()), &mentions, &counts));
    }
    out
}

/// How often each (subject, predicate, object) occurs in the article, and how many relations
/// each sentence gives each pair of entities.
struct Counts<'a> {
    repeats: HashMap<(usize, &'a str, usize), usize>,
    pairs: HashMap<(usize, usize, usize), usize>,
}

fn pair_key(r: &Relation) -> (usize, usize, usize) {
    (r.sentence, r.subject.min(r.object), r.subject.max(r.object))
}

fn one(
    doc: &Document,
    lx: &Lexicon,
    r: &Relation,
    (t, ends): (&Tree, &[End]),
    mentions: &[usize],
    counts: &Counts,
) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(32);
    let rule = r.rule;
    let (st, ot) = (
        doc.entities[r.subject].kind.as_str(),
        doc.entities[r.object].kind.as_str(),
    );
    let pred = r.predicate.to_lowercase();
    f.push(format!("rule={rule}"));
    // the family of the construction ("verb" of "verb oblique"), so that rare ones share what
    // their family learnt
    let family = rule.split([' ', '-']).next().unwrap_or(rule);
    f.push(format!("family={family}"));
    f.push(format!("family-types={family}|{st}>{ot}"));
    if rule != PATH && rule != LONG_PATH {
        f.push(format!("rconf={:.1}", r.confidence));
    }
    f.push(format!("types={st}>{ot}"));
    f.push(format!("rule-types={rule}|{st}>{ot}"));
    // the words of a long path's predicate are weighed apart: most long paths are wrong, and
    // their words would take the trust of the same words on short paths ("born in")
    let lex = if rule == LONG_PATH { "long-" } else { "" };
    f.push(format!("{lex}pred={pred}"));
    let words: Vec<&str> = pred.split_whitespace().collect();
    for w in &words {
        f.push(format!("{lex}pw={w}"));
    }
    f.push(format!("pn={}", bucket(words.len(), &[2, 3, 4])));
    // a role noun in the predicate ("scholar", "vice president at"): a fact of who holds which
    // role where, whatever the noun
    if words.iter().any(|w| lx.is_title(w)) {
        f.push(format!("{lex}role-types={st}>{ot}"));
    }
    if let Some(first) = words.first() {
        if let Some(c) = lx.verb_class(first) {
            f.push(format!("{lex}vclass={c:?}"));
        }
        f.push(format!("{lex}p1-types={first}|{st}>{ot}"));
    }
    if let Some(last) = words.last() {
        f.push(format!("{lex}plast={last}"));
    }
    if r.negated {
        f.push("negated".into());
    }
    if r.hedged {
        f.push("hedged".into());
    }
    if r.attributed_to.is_some() {
        f.push("attributed".into());
    }
    if let Some(reason) = &r.reason {
        for part in reason.split("; ") {
            f.push(format!("why={}", reason_kind(part)));
        }
    }
    let sent = &doc.sentences[r.sentence];
    f.push(format!("sent={}", bucket(r.sentence, &[1, 2, 5, 10])));
    if sent.headline {
        f.push("headline".into());
    }
    f.push(format!("ends={}", bucket(ends.len(), &[3, 4, 6, 9])));
    for (e, side) in [(r.subject, "s"), (r.object, "o")] {
        f.push(format!(
            "{side}men={}",
            bucket(mentions.get(e).copied().unwrap_or(0), &[1, 2, 4, 8])
        ));
        let name = &doc.entities[e].name;
        if !name.contains(' ') {
            f.push(format!("{side}oneword"));
        }
    }
    // the two ends in the sentence nearest each other
    let best = ends
        .iter()
        .filter(|a| a.entity == r.subject)
        .flat_map(|a| {
            ends.iter()
                .filter(|b| b.entity == r.object)
                .map(move |b| (a, b))
        })
        .min_by_key(|(a, b)| a.head.abs_diff(b.head));
    match best {
        None => {
            let sin = ends.iter().any(|a| a.entity == r.subject);
            let oin = ends.iter().any(|a| a.entity == r.object);
            f.push(format!("absent={}{}", !sin as u8, !oin as u8));
        }
        Some((a, b)) => {
            f.push(format!(
                "dist={}",
                bucket(a.head.abs_diff(b.head), &[2, 4, 8, 16])
            ));
            f.push(format!(
                "order={}",
                if a.head < b.head { "so" } else { "os" }
            ));
            for (e, side) in [(a, "s"), (b, "o")] {
                if let Some(m) = e.found_by(doc) {
                    f.push(format!("{side}found={m:?}"));
                }
                match e.source {
                    EndSource::Pronoun => f.push(format!("{side}pron")),
                    EndSource::Demonym => f.push(format!("{side}demonym")),
                    EndSource::ThingPronoun => f.push(format!("{side}itpron")),
                    EndSource::Name => {}
                }
            }
            if let Some((p, top)) = path(doc, t, a.top, b.top) {
                let shape = path_shape(doc, &p, top);
                f.push(format!("rule-path={rule}|{shape}"));
                f.push(format!("path={shape}"));
                // the path's length, which a rare shape shares with the others of its length
                let edges = (p.len() - 1).min(7);
                f.push(format!("edges={edges}"));
                f.push(format!("rule-edges={rule}|{edges}"));
            }
        }
    }
    let repeats = counts
        .repeats
        .get(&(r.subject, r.predicate.as_str(), r.object))
        .copied()
        .unwrap_or(1);
    f.push(format!("repeat={}", bucket(repeats, &[2, 3])));
    let pair = counts.pairs.get(&pair_key(r)).copied().unwrap_or(1);
    f.push(format!("pair={}", bucket(pair, &[2, 3])));
    f
}
