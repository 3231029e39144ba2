//! Coreference of pronouns and descriptions: links "he", "its", "we" and "the company", "the
//! president" to an entity of the document with a mention-ranking model (logistic regression
//! over features of the anaphor and each candidate entity, trained on GUM by `kgraph train
//! coref`), and writes the links onto [`Document::referents`] for the relation layer to read.
mod classes;
mod grammar;
mod mentions;
mod turns;
mod walk;

pub use mentions::{anaphors, head_of, openers, phrase, quoted, Anaphor, AnaphorKind};
pub use turns::{turns, Turn};
pub use walk::{walk, Candidate, FeatureSink, Pairs, Score};

use crate::doc::{Dep, Document, EntityType, Referent};
use crate::lexicon::{Lexicon, WordClass};
use crate::model::confidence::FactModel;
use std::collections::HashMap;
use std::ops::Range;

/// Pipeline stage: fills `doc.referents` (reads: tokens, parse, mentions, entities), and with
/// `unnamed` (the second model) `doc.nominal_chains`. With an empty model no anaphor is linked.
pub fn resolve(doc: &mut Document, lx: &Lexicon, model: &FactModel, unnamed: Option<&FactModel>) {
    doc.referents.clear();
    doc.nominal_chains.clear();
    if model.is_empty() {
        return;
    }
    let (ans, named) = mentions::anaphors_and_named_descriptions(doc, lx);
    doc.referents = link(doc, lx, model, &ans);
    speakers(doc, lx, &ans);
    copula_predicates(doc, lx, &ans);
    // a description a name is inside is what its sentence says it is, and nothing else
    copula_predicates(doc, lx, &named);
    if let Some(unnamed) = unnamed {
        let open = openers(doc, &ans);
        let (chains, predicates) = link_unnamed(doc, lx, unnamed, &ans, open);
        doc.nominal_chains = chains;
        // "X is a ship": the phrase is X's (no fact reads a noun's link)
        doc.referents.extend(predicates);
        doc.referents.sort_by_key(|r| r.head);
    }
}

/// Relinks the first and second person of `ans` to the speakers of quotations and of transcript
/// turns, over the model's links in `doc.referents`.
pub fn speakers(doc: &mut Document, lx: &Lexicon, ans: &[Anaphor]) {
    speakers_of_quotes(doc, lx, ans);
    speakers_of_turns(doc, ans);
}

/// The first person of a transcript's turn ("Christopher Hill: I am ...") is its speaker and the
/// second person the one addressed, outside quotations (those are the quoted speaker's).
fn speakers_of_turns(doc: &mut Document, ans: &[Anaphor]) {
    let turns = turns::turns(doc, true);
    for a in ans {
        let Some(e) = turn_person(&turns, a) else {
            continue;
        };
        let speaker = turns[a.sentence].is_some_and(|t| t.speaker == e);
        let role = if speaker { "speaker" } else { "one addressed" };
        let reason = format!(
            "\"{}\" is the turn's {role}, {}",
            doc.token_text(a.head),
            doc.entities[e].name
        );
        set_link(doc, a, e, reason);
    }
}

/// The entity a first or second person outside quotations stands for in a transcript's turn:
/// the speaker ("I", "my") or the one addressed ("you"); `turns` as [`turns`] gives them.
pub fn turn_person(turns: &[Option<Turn>], a: &Anaphor) -> Option<usize> {
    let t = turns[a.sentence].filter(|_| !a.quoted)?;
    match a.form.as_str() {
        "i" | "me" | "my" | "mine" | "myself" => Some(t.speaker),
        "you" | "your" | "yours" | "yourself" => t.addressee,
        _ => None,
    }
}

/// Links anaphor `a` to entity `e` whatever the model linked, keeping the links sorted by head
/// ([`Document::referent`] searches them).
fn set_link(doc: &mut Document, a: &Anaphor, e: usize, reason: String) {
    let link = link_of(a, e, 1.0, reason);
    match doc.referents.binary_search_by_key(&a.head, |r| r.head) {
        Ok(k) => doc.referents[k] = link,
        Err(k) => doc.referents.insert(k, link),
    }
}

/// The link of anaphor `a` to entity `e`, with its score and reason.
fn link_of(a: &Anaphor, e: usize, score: f32, reason: String) -> Referent {
    Referent {
        tokens: a.tokens.clone(),
        head: a.head,
        sentence: a.sentence,
        entity: e,
        score,
        reason,
    }
}

/// A link's reason: `"the company" = Acme Corp: ` and why.
fn stands_for(doc: &Document, a: &Anaphor, e: usize, why: &str) -> String {
    format!(
        "\"{}\" = {}: {why}",
        doc.span_text(a.tokens.clone()),
        doc.entities[e].name
    )
}

/// The first person inside a quotation is its speaker, whatever the model linked: "I" and "we"
/// of a sentence whose quotation `"...," X said` attributes (or that goes on from one) are X.
fn speakers_of_quotes(doc: &mut Document, lx: &Lexicon, ans: &[Anaphor]) {
    let speakers = crate::pipeline::relations::quote_speakers(doc, lx);
    // a quotation's sentences after its first are the speaker's too, though the model reads
    // each sentence's quotation marks alone
    let inside = mentions::quotations(doc, true);
    let organisations = speaker_organisations(doc, lx);
    for a in ans.iter().filter(|a| a.quoted || inside[a.head]) {
        let first_person = matches!(
            a.form.as_str(),
            "i" | "me" | "my" | "mine" | "myself" | "we" | "us" | "our" | "ours" | "ourselves"
        );
        let Some(e) = speakers[a.sentence].filter(|_| first_person) else {
            continue;
        };
        let plural = matches!(a.form.as_str(), "we" | "us" | "our" | "ours" | "ourselves");
        let word = doc.token_text(a.head);
        let (to, reason) = match organisations.get(&e).copied().filter(|_| plural) {
            Some(org) => (
                org,
                format!(
                    "\"{word}\" is the speaker's organisation, {} of {}",
                    doc.entities[org].name, doc.entities[e].name
                ),
            ),
            None => (
                e,
                format!("\"{word}\" is the speaker, {}", doc.entities[e].name),
            ),
        };
        set_link(doc, a, to, reason);
    }
}

/// The organisation each person speaks for: the one named right before their title in front of
/// one of their names ("NASA Administrator Charles Bolden", "Environment Canada spokeswoman
/// Sujata Raisinghani"), when their titles name one such organisation. One pass over the
/// mentions.
fn speaker_organisations(doc: &Document, lx: &Lexicon) -> HashMap<usize, usize> {
    let org_ending_at: HashMap<usize, usize> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::ORG)
        .filter_map(|m| Some((m.tokens.end, m.entity?)))
        .collect();
    // person -> their organisation, None once two differ
    let mut found: HashMap<usize, Option<usize>> = HashMap::new();
    for m in &doc.mentions {
        let Some(e) = m
            .entity
            .filter(|&e| doc.entities[e].kind == EntityType::PER)
        else {
            continue;
        };
        let start = m.tokens.start;
        let org = (1..=2).filter(|&n| n < start).find_map(|n| {
            let title = (start - n..start)
                .map(|k| doc.token_text(k).to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            lx.is_title(&title)
                .then(|| org_ending_at.get(&(start - n)).copied())
                .flatten()
        });
        if let Some(o) = org {
            let f = found.entry(e).or_insert(Some(o));
            if *f != Some(o) {
                *f = None;
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(e, o)| Some((e, o?)))
        .collect()
}

/// The candidate of `cands` that `allowed` lets through and `model` scores highest for anaphor
/// `a`, with its probability (None and 0 when none is let through).
fn best_candidate(
    model: &FactModel,
    pairs: &Pairs,
    a: &Anaphor,
    cands: &[Candidate],
    allowed: impl Fn(&Candidate) -> bool,
) -> (Option<usize>, f32) {
    cands
        .iter()
        .enumerate()
        .filter(|(_, c)| allowed(c))
        .map(|(k, c)| {
            let mut score = Score {
                model,
                z: model.bias(),
            };
            pairs.each(a, c, &mut score);
            (k, crate::model::confidence::sigmoid(score.z))
        })
        .fold(
            (None, 0f32),
            |(b, bp), (k, p)| {
                if p > bp {
                    (Some(k), p)
                } else {
                    (b, bp)
                }
            },
        )
}

/// The name of the descriptions' own threshold in the coreference model (`threshold:description`
/// in `coref.tsv`); pronouns take the model's threshold.
pub const DESCRIPTION_THRESHOLD: &str = "description";

/// Links each of `ans` (in token order) to the candidate entity the model scores highest, when
/// its probability reaches the model's threshold (the descriptions': [`DESCRIPTION_THRESHOLD`]);
/// the links sorted by head token.
pub fn link(doc: &Document, lx: &Lexicon, model: &FactModel, ans: &[Anaphor]) -> Vec<Referent> {
    let mut out: Vec<Referent> = Vec::new();
    walk(doc, lx, ans, None, |a, cands, pairs| {
        // "he", "her" stand for a person (the model is trained on every candidate and learns
        // it as a weight; at run time it is a rule)
        let gendered =
            a.kind == AnaphorKind::Pronoun && lx.in_class(WordClass::GenderedPronoun, &a.form);
        // a reflexive is its clause's subject: a rule of grammar, not the model's to weigh
        let reflexive = grammar::reflexive_subject(doc, a, cands)
            .filter(|&k| !gendered || pairs.entity_kind(&cands[k]) == Some(EntityType::PER));
        // "X was the leading member of the jury": what the copula says its subject is
        let copula = copula_entity(doc, a).and_then(|e| cands.iter().position(|c| c.entity == e));
        // "X was lost when it exploded": the subject of the clause above
        let subordinate = grammar::subordinate_subject(doc, lx, a, cands);
        let (k, p, why) = match reflexive.or(copula).or(subordinate) {
            Some(k) if reflexive.is_some() => (k, 1.0, "the subject of its clause".to_string()),
            Some(k) if copula.is_some() => (k, 1.0, "what the copula says it is".to_string()),
            Some(k) => (k, 1.0, "the subject of the clause above".to_string()),
            None => {
                // "the country", "the city": a country or a city the gazetteers know, when one
                // is a candidate
                let known = |c: &Candidate| place_of_its_kind(doc, lx, a, c.entity);
                let of_kind = cands.iter().any(|c| known(c) == Some(true));
                // a place noun is no one with a first name
                let place_noun = a.kind == AnaphorKind::Description
                    && lx.in_class(WordClass::RegionNoun, &a.form);
                let allowed = |c: &Candidate| {
                    if of_kind && known(c) != Some(true) {
                        return false;
                    }
                    if place_noun && known_person(doc, lx, c.entity) {
                        return false;
                    }
                    if gendered && pairs.entity_kind(c) != Some(EntityType::PER) {
                        return false;
                    }
                    // nor is an object pronoun its own verb's subject
                    !grammar::object_of_its_subject(doc, a, c)
                };
                let (best, p) = best_candidate(model, pairs, a, cands, allowed);
                let threshold = match a.kind {
                    AnaphorKind::Description => model.threshold_of(DESCRIPTION_THRESHOLD),
                    AnaphorKind::Pronoun => model.threshold,
                };
                let k = best.filter(|_| p >= threshold)?;
                (k, p, cands[k].why(a, doc))
            }
        };
        let e = cands[k].entity;
        let reason = stands_for(doc, a, e, &format!("{why}, score {p:.2}"));
        out.push(link_of(a, e, p, reason));
        Some(k)
    });
    out.sort_by_key(|r| r.head);
    out
}

/// Whether entity `e` is a person whose name opens with a first name of `first_names.tsv` ("Ted
/// Cruz", not "Sultan Kudarat" or "Utu Vava'u", places the recogniser may type PER).
fn known_person(doc: &Document, lx: &Lexicon, e: usize) -> bool {
    let ent = &doc.entities[e];
    ent.kind == EntityType::PER
        && ent
            .name
            .split_whitespace()
            .next()
            .is_some_and(|w| lx.first_name_sex(&w.to_lowercase()).is_some())
}

/// For a description "the country" or "the nation", whether entity `e` is a country the
/// gazetteer knows; for "the city", whether it is a city of `cities_open.tsv`; None for other
/// anaphors.
fn place_of_its_kind(doc: &Document, lx: &Lexicon, a: &Anaphor, e: usize) -> Option<bool> {
    if a.kind != AnaphorKind::Description {
        return None;
    }
    let name = &doc.entities[e].name;
    match a.form.as_str() {
        "country" | "nation" => Some(lx.country_code(name).is_some()),
        "city" => Some(lx.open_city(name).is_some()),
        _ => None,
    }
}

/// The anaphors of the walk of unnamed things, in token order: `ans` and the noun phrases
/// [`openers`] finds, and whether each is `linked` to an entity already (an opener is not).
pub fn unnamed_walk(
    ans: &[Anaphor],
    linked: &[bool],
    openers: Vec<Anaphor>,
) -> (Vec<Anaphor>, Vec<bool>) {
    let mut all: Vec<(Anaphor, bool)> = ans
        .iter()
        .cloned()
        .zip(linked.iter().copied())
        .chain(openers.into_iter().map(|a| (a, false)))
        .collect();
    all.sort_by_key(|(a, _)| (a.head, a.tokens.start));
    all.into_iter().unzip()
}

/// The subject a noun phrase is the predicate of ("AIS is a ship-to-ship safety system": the
/// subject's head token), when the phrase's noun, or the noun it is a conjunct of ("he was a
/// composer and the director of the conservatory"), has a copula and a subject.
fn copula_subject(doc: &Document, a: &Anaphor) -> Option<usize> {
    if a.kind != AnaphorKind::Description {
        return None;
    }
    // a conjunct of the predicate is predicated too: "I am the only candidate born here, and
    // the only candidate who has studied law"
    let t = &doc.tokens[a.head];
    let p = match t.head.map(|h| h as usize) {
        Some(h)
            if t.dep.base() == Dep::Conj
                && doc.tokens[h].pos == t.pos
                && child(doc, a, a.head, Dep::Cop).is_none() =>
        {
            h
        }
        _ => a.head,
    };
    child(doc, a, p, Dep::Cop)?;
    child(doc, a, p, Dep::Nsubj)
}

/// The first token of `a`'s sentence hanging on token `h` by relation `dep` (or a subtype).
fn child(doc: &Document, a: &Anaphor, h: usize, dep: Dep) -> Option<usize> {
    doc.sentences[a.sentence]
        .tokens
        .clone()
        .find(|&k| doc.tokens[k].head == Some(h as u32) && doc.tokens[k].dep.base() == dep)
}

/// Whether no preposition stands between tokens `x` and `y`, as none stands between the two
/// phrases of an apposition ("the leader of Roman Catholic Christianity" is no apposition,
/// however the parse has it).
fn no_adposition_between(doc: &Document, x: usize, y: usize) -> bool {
    !(x.min(y) + 1..x.max(y)).any(|k| doc.tokens[k].pos == crate::doc::Pos::ADP)
}

/// What the sentence says a description is, as a token, with the construction: its copula's
/// subject ("X was [the leading member of the jury]"), the phrase it stands in apposition to
/// ("Terry McAuliffe, [the former chairman]"), the phrase in apposition to it ("[his publisher],
/// Simrock"), or the predicate of a copula it is the subject of ("[the most successful of the
/// operas] is Rusalka").
fn said_to_be(doc: &Document, lx: &Lexicon, a: &Anaphor) -> Option<(usize, &'static str)> {
    // "This morning Jacques Chirac died": no one is a time, however the parse joins them
    if a.kind != AnaphorKind::Description || lx.in_class(WordClass::TimeNoun, &a.form) {
        return None;
    }
    let t = &doc.tokens[a.head];
    let no_adposition = |x: usize| no_adposition_between(doc, x, a.head);
    let found = if let Some(s) = copula_subject(doc, a) {
        (s, "what the copula says it is")
    } else if let Some(g) = t
        .head
        .map(|g| g as usize)
        .filter(|&g| t.dep == Dep::Appos && no_adposition(g))
    {
        (g, "the phrase it is in apposition to")
    } else if let Some(d) = child(doc, a, a.head, Dep::Appos).filter(|&d| no_adposition(d)) {
        (d, "the phrase in apposition to it")
    } else {
        let p = t
            .head
            .map(|p| p as usize)
            .filter(|_| t.dep.is(Dep::Nsubj))?;
        child(doc, a, p, Dep::Cop)?;
        (p, "what the copula says it is")
    };
    // a place ("the attack was in Al Noor Mosque") or a list ("his parents, X and Y") is not
    // what the phrase is
    let h = found.0;
    (child(doc, a, h, Dep::Case).is_none() && child(doc, a, h, Dep::Conj).is_none())
        .then_some(found)
}

/// The entity a description is the predicate of a copula of, when its subject is a name:
/// "Brahms was the leading member of the jury" (a pronoun subject's is set after the speakers'
/// links: [`copula_predicates`]).
fn copula_entity(doc: &Document, a: &Anaphor) -> Option<usize> {
    named_at(doc, a.sentence, copula_subject(doc, a)?)
}

/// The entity of the name covering token `i` of sentence `s`, if any.
fn named_at(doc: &Document, s: usize, i: usize) -> Option<usize> {
    doc.mentions[doc.mentions_in(s)]
        .iter()
        .find(|m| m.tokens.contains(&i))
        .and_then(|m| m.entity)
}

/// A description is what its sentence says it is (`said_to_be`) when that is a name or a
/// linked pronoun: "he was the next Czech composer"; "\"I am the president of an independent
/// state,\" Zelensky said" (the speaker's); "Terry McAuliffe, the former chairman"; "his
/// publisher, Simrock". Over the model's link; run after the speakers' links, which the pronoun
/// may have.
pub fn copula_predicates(doc: &mut Document, lx: &Lexicon, ans: &[Anaphor]) {
    for a in ans {
        let Some((t, why)) = said_to_be(doc, lx, a) else {
            continue;
        };
        let Some(e) = named_at(doc, a.sentence, t).or_else(|| doc.referent(t).map(|r| r.entity))
        else {
            continue;
        };
        let reason = stands_for(doc, a, e, why);
        set_link(doc, a, e, reason);
    }
}

/// The chains of unnamed things: the anaphors `doc.referents` leaves unlinked and the noun
/// phrases `openers` ([`openers`]: "a document", "his wife"), in token order, each linked to the
/// chain opened before it that the second model (`coref-unnamed.tsv`) scores highest when its
/// probability reaches that model's threshold, else opening one ("a document ... the document
/// ... it"). A phrase a copula says its subject is ("X is a ship") is the subject's: the named
/// entity's (returned as links, beside the chains) or the subject's chain. Chains of two or
/// more mentions, each a list of token ranges in text order.
pub fn link_unnamed(
    doc: &Document,
    lx: &Lexicon,
    model: &FactModel,
    ans: &[Anaphor],
    openers: Vec<Anaphor>,
) -> (Vec<Vec<Range<usize>>>, Vec<Referent>) {
    if model.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let linked: Vec<bool> = ans.iter().map(|a| doc.referent(a.head).is_some()).collect();
    let (all, mut linked) = unnamed_walk(ans, &linked, openers);
    let subjects: Vec<Option<(usize, &str)>> = all.iter().map(|a| said_to_be(doc, lx, a)).collect();
    // a phrase the sentence says is a name is that entity
    let mut predicates = Vec::new();
    for (n, a) in all.iter().enumerate() {
        let Some((subj, why)) = subjects[n].filter(|_| !linked[n]) else {
            continue;
        };
        if let Some(e) = named_at(doc, a.sentence, subj) {
            linked[n] = true;
            let reason = stands_for(doc, a, e, why);
            predicates.push(link_of(a, e, 1.0, reason));
        }
    }
    let at =
        |h: usize, start: usize| all.partition_point(|x| (x.head, x.tokens.start) < (h, start));
    // each one's chain: the index of what opened it
    let mut founder_of: Vec<usize> = (0..all.len()).collect();
    walk(doc, lx, &all, Some(&linked), |a, cands, pairs| {
        let (best, p) = best_candidate(model, pairs, a, cands, |_| true);
        let k = best.filter(|_| p >= model.threshold)?;
        let (f, _) = pairs.founder(&cands[k])?;
        founder_of[at(a.head, a.tokens.start)] = f;
        Some(k)
    });
    // a phrase the sentence says is an unnamed thing joins that thing's chain
    for n in 0..all.len() {
        let Some((subj, _)) = subjects[n].filter(|_| !linked[n]) else {
            continue;
        };
        let Some(s) = all
            .iter()
            .position(|x| x.head == subj)
            .filter(|&s| !linked[s])
        else {
            continue;
        };
        let (from, to) = (founder_of[n], founder_of[s]);
        if from != to {
            for f in founder_of.iter_mut().filter(|f| **f == from) {
                *f = to;
            }
        }
    }
    let mut chains: std::collections::BTreeMap<usize, Vec<Range<usize>>> = Default::default();
    for (n, &f) in founder_of.iter().enumerate() {
        if !linked[n] {
            chains.entry(f).or_default().push(all[n].tokens.clone());
        }
    }
    let chains = chains.into_values().filter(|c| c.len() > 1).collect();
    (chains, predicates)
}

#[cfg(test)]
mod tests;
