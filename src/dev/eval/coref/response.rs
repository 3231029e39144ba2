//! kgraph's chains on a GUM document, with its own mentions or with GUM's.
use super::gum::token_words;
use super::{is_name, GoldDoc, Span};
use crate::Pipeline;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// kgraph's chains on a document: each entity's mentions and the pronouns resolved to it, as
/// spans of the gold words.
pub fn response(p: &Pipeline, gold: &GoldDoc) -> Vec<Vec<Span>> {
    let (text, at) = gold.text();
    let doc = p.annotate(&gold.name, &text);
    let words = token_words(&doc, &at);
    let span = |a: usize, b: usize| (words[a].0, words[b].1);
    // a speaker's label is no gold word: its mention is not scored
    let label = |t: usize| words[t].0 == usize::MAX;
    let mut chains: BTreeMap<usize, BTreeSet<Span>> = BTreeMap::new();
    for m in &doc.mentions {
        if let Some(e) = m.entity.filter(|_| !label(m.tokens.start)) {
            chains
                .entry(e)
                .or_default()
                .insert(span(m.tokens.start, m.tokens.end - 1));
        }
    }
    // a description's or noun phrase's mention is its whole phrase, as GUM marks it ("the
    // islands of Vava'u", not "the islands")
    let phrase = |t: &std::ops::Range<usize>| {
        let x = crate::pipeline::anaphora::phrase(&doc, t.clone());
        span(x.start, x.end - 1)
    };
    for r in &doc.referents {
        chains
            .entry(r.entity)
            .or_default()
            .insert(phrase(&r.tokens));
    }
    // a phrase reaching into a speaker's label has no gold words to be scored by
    let scored = |s: &Span| s.0 != usize::MAX && s.1 != usize::MAX;
    chains
        .into_values()
        .map(|c| c.into_iter().filter(scored).collect())
        .chain(doc.nominal_chains.iter().map(|c| {
            c.iter()
                .map(phrase)
                .filter(scored)
                .collect::<BTreeSet<Span>>()
                .into_iter()
                .collect()
        }))
        .collect()
}

/// The name a mention holding a proper noun is, as kgraph reads it: the capitalised words around
/// the phrase's head ("his native Bohemia" is Bohemia, "the United States Air Force" United
/// States Air Force, "Columbia University in New York" Columbia University), or none when the
/// phrase's head is a common noun ("a professor at the University of Copenhagen": a noun phrase
/// that may open a chain, not a name).
fn name_in(
    doc: &crate::doc::Document,
    r: std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    use crate::doc::Pos;
    let cap = |i: usize| doc.token_text(i).starts_with(char::is_uppercase);
    let h = crate::pipeline::anaphora::head_of(doc, r.clone());
    if !cap(h) {
        return None;
    }
    // a hyphen between two words of the name, or a number after it, is part of it ("STS-135",
    // "Udvar-Hazy Center", "Launch Pad 39A", as GUM's words split them)
    let hyphen = |i: usize| doc.token_text(i) == "-";
    let number = |i: usize| doc.token_text(i).starts_with(|c: char| c.is_ascii_digit());
    let mut start = h;
    // "The Union", "His Majesty": the determiner is no part of the name
    while start > r.start {
        let joined = start >= r.start + 2 && hyphen(start - 1) && cap(start - 2);
        if joined {
            start -= 2;
        } else if cap(start - 1) && !matches!(doc.tokens[start - 1].pos, Pos::DET | Pos::PRON) {
            start -= 1;
        } else {
            break;
        }
    }
    let mut end = h + 1;
    while end < r.end {
        if cap(end) || number(end) {
            end += 1;
        } else if end + 1 < r.end && hyphen(end) && (cap(end + 1) || number(end + 1)) {
            end += 2;
        } else {
            break;
        }
    }
    Some(start..end)
}

/// kgraph's chains on a document when it is given GUM's mentions: the names (a mention holding
/// a proper noun) become the document's mentions, typed by GUM's entity type, and are merged by
/// the names' coreference stage; the pronouns and definite descriptions among GUM's mentions
/// are linked by the coreference models; every other mention may open the chain of an unnamed
/// thing that those link to.
pub fn response_gold_mentions(p: &Pipeline, gold: &GoldDoc) -> Vec<Vec<Span>> {
    use crate::doc::{EntityType, Mention};
    use crate::pipeline::anaphora::{head_of, quoted, Anaphor, AnaphorKind};
    let (text, at) = gold.text();
    let mut doc = crate::ingest::from_text(&gold.name, &text);
    p.annotate_mentions(&mut doc);
    let lx = p.lexicon();
    let words = token_words(&doc, &at);
    // the tokens of each gold word
    let mut first_tok: HashMap<usize, usize> = HashMap::new();
    let mut last_tok: HashMap<usize, usize> = HashMap::new();
    for (t, &(a, b)) in words.iter().enumerate() {
        first_tok.entry(a).or_insert(t);
        last_tok.insert(b, t);
    }
    let sentence_of = |t: usize| doc.sentences.partition_point(|s| s.tokens.end <= t);
    let quotes = quoted(&doc);
    let mut mentions: Vec<(Mention, Span)> = Vec::new();
    let mut anaphors: Vec<(Anaphor, Span)> = Vec::new();
    let mut openers: Vec<(Anaphor, Span)> = Vec::new();
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
            let name = if is_name(gold, (a, b)) {
                name_in(&doc, x..y + 1)
            } else {
                None
            };
            if let Some(n) = name {
                mentions.push((Mention::name(n, s, kind), (a, b)));
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
                    quoted: quotes[x],
                };
                anaphors.push((a_, (a, b)));
            } else {
                let head = head_of(&doc, x..y + 1);
                let a_ = Anaphor {
                    tokens: x..y + 1,
                    head,
                    sentence: s,
                    kind: AnaphorKind::Description,
                    form: doc.lemma(head).to_lowercase(),
                    quoted: quotes[x],
                };
                // a definite description is an anaphor; any other mention ("a group of
                // islands", "his wife") may open the chain of an unnamed thing
                if lower == "the" {
                    anaphors.push((a_, (a, b)));
                } else {
                    openers.push((a_, (a, b)));
                }
            }
        }
    }
    // kgraph's own mentions of the speakers' labels (no gold words, not scored)
    let own = std::mem::take(&mut doc.mentions);
    for m in own {
        if words[m.tokens.start].0 == usize::MAX && m.entity.is_some() {
            mentions.push((m, (usize::MAX, usize::MAX)));
        }
    }
    mentions.sort_by_key(|(m, _)| (m.tokens.start, m.tokens.end));
    anaphors.sort_by_key(|(a, _)| (a.head, a.tokens.start));
    let spans: Vec<Span> = mentions.iter().map(|(_, s)| *s).collect();
    doc.mentions = mentions.into_iter().map(|(m, _)| m).collect();
    crate::pipeline::coref::resolve(&mut doc, lx);
    let ans: Vec<Anaphor> = anaphors.iter().map(|(a, _)| a.clone()).collect();
    doc.referents = crate::pipeline::anaphora::link(&doc, lx, &p.models().coref, &ans);
    crate::pipeline::anaphora::speakers(&mut doc, lx, &ans);
    crate::pipeline::anaphora::copula_predicates(&mut doc, lx, &ans);
    openers.sort_by_key(|(a, _)| (a.head, a.tokens.start));
    let (chains, predicates) = crate::pipeline::anaphora::link_unnamed(
        &doc,
        lx,
        &p.models().coref_unnamed,
        &ans,
        openers.iter().map(|(a, _)| a.clone()).collect(),
    );
    doc.nominal_chains = chains;
    let mut links = std::mem::take(&mut doc.referents);
    links.extend(predicates);
    let gold_span = |t: &std::ops::Range<usize>| {
        anaphors
            .iter()
            .chain(&openers)
            .find(|(a, _)| a.tokens == *t)
            .map(|(_, span)| *span)
    };
    let nominal: Vec<Vec<Span>> = doc
        .nominal_chains
        .iter()
        .map(|c| c.iter().filter_map(gold_span).collect())
        .collect();
    let mut chains: BTreeMap<usize, BTreeSet<Span>> = BTreeMap::new();
    for (m, &span) in doc.mentions.iter().zip(&spans) {
        if let Some(e) = m.entity.filter(|_| span.0 != usize::MAX) {
            chains.entry(e).or_default().insert(span);
        }
    }
    for r in &links {
        if let Some((_, span)) = anaphors
            .iter()
            .chain(&openers)
            .find(|(a, _)| a.head == r.head && a.tokens == r.tokens)
        {
            chains.entry(r.entity).or_default().insert(*span);
        }
    }
    chains
        .into_values()
        .map(|c| c.into_iter().collect())
        .chain(nominal)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::name_in;

    /// The name `name_in` reads in the phrase `phrase` of `text`, as text.
    fn name(text: &str, phrase: &str) -> Option<String> {
        let doc = crate::testing::pipeline().annotate("t", text);
        let at = text.find(phrase).expect("the phrase is in the text");
        let first = doc
            .tokens
            .iter()
            .position(|t| t.start >= at)
            .expect("a token");
        let last = doc
            .tokens
            .iter()
            .rposition(|t| t.end <= at + phrase.len())
            .expect("a token");
        name_in(&doc, first..last + 1).map(|r| doc.span_text(r).to_string())
    }

    #[test]
    fn a_gold_mention_s_name_is_its_head_s_capitalised_words() {
        let text = "He went back to his native Bohemia. The Union held the line. \
                    He was a professor at the University of Copenhagen.";
        assert_eq!(name(text, "his native Bohemia").as_deref(), Some("Bohemia"));
        assert_eq!(name(text, "The Union").as_deref(), Some("Union"));
        assert_eq!(
            name(text, "a professor at the University of Copenhagen"),
            None
        );
        // a hyphen and a number are the name's still
        let text = "Atlantis will fly STS-135 to the Udvar-Hazy Center.";
        assert_eq!(name(text, "STS-135").as_deref(), Some("STS-135"));
        assert_eq!(
            name(text, "the Udvar-Hazy Center").as_deref(),
            Some("Udvar-Hazy Center")
        );
    }
}
