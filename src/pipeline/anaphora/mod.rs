//! Coreference of pronouns and descriptions: links "he", "its", "we" and "the company", "the
//! president" to an entity of the document with a mention-ranking model (logistic regression
//! over features of the anaphor and each candidate entity, trained on GUM by `kgraph train
//! coref`), and writes the links onto [`Document::referents`] for the relation layer to read.
mod mentions;
mod turns;
mod walk;

pub use mentions::{anaphors, head_of, openers, phrase, quoted, Anaphor, AnaphorKind};
pub use turns::{turns, Turn};
pub use walk::{walk, Candidate, FeatureSink, Pairs, Score};

use crate::doc::{Dep, Document, EntityType, Referent};
use crate::lexicon::{Lexicon, WordClass};
use crate::model::confidence::FactModel;
use std::ops::Range;

/// Pipeline stage: fills `doc.referents` (reads: tokens, parse, mentions, entities), and with
/// `unnamed` (the second model) `doc.nominal_chains`. With an empty model no anaphor is linked.
pub fn resolve(doc: &mut Document, lx: &Lexicon, model: &FactModel, unnamed: Option<&FactModel>) {
    doc.referents.clear();
    doc.nominal_chains.clear();
    if model.is_empty() {
        return;
    }
    let ans = anaphors(doc, lx);
    doc.referents = link(doc, lx, model, &ans);
    speakers(doc, lx, &ans);
    copula_predicates(doc, &ans);
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
    for a in ans.iter().filter(|a| a.quoted || inside[a.head]) {
        let first_person = matches!(
            a.form.as_str(),
            "i" | "me" | "my" | "mine" | "myself" | "we" | "us" | "our" | "ours" | "ourselves"
        );
        let Some(e) = speakers[a.sentence].filter(|_| first_person) else {
            continue;
        };
        let plural = matches!(a.form.as_str(), "we" | "us" | "our" | "ours" | "ourselves");
        let reason = match speaker_organisation(doc, lx, e).filter(|_| plural) {
            Some(org) => {
                let reason = format!(
                    "\"{}\" is the speaker's organisation, {} of {}",
                    doc.token_text(a.head),
                    doc.entities[org].name,
                    doc.entities[e].name
                );
                set_link(doc, a, org, reason);
                continue;
            }
            None => format!(
                "\"{}\" is the speaker, {}",
                doc.token_text(a.head),
                doc.entities[e].name
            ),
        };
        set_link(doc, a, e, reason);
    }
}

/// The organisation a person speaks for: the one named right before their title in front of
/// one of their names ("NASA Administrator Charles Bolden", "Environment Canada spokeswoman
/// Sujata Raisinghani"), when there is one such organisation.
fn speaker_organisation(doc: &Document, lx: &Lexicon, e: usize) -> Option<usize> {
    if doc.entities[e].kind != EntityType::PER {
        return None;
    }
    let org_ending_at = |end: usize| {
        doc.mentions
            .iter()
            .find(|m| m.tokens.end == end && m.kind == EntityType::ORG)
            .and_then(|m| m.entity)
    };
    let mut found = None;
    for m in doc.mentions.iter().filter(|m| m.entity == Some(e)) {
        let start = m.tokens.start;
        let org = (1..=2).filter(|&n| n < start).find_map(|n| {
            let title = (start - n..start)
                .map(|k| doc.token_text(k).to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            lx.is_title(&title)
                .then(|| org_ending_at(start - n))
                .flatten()
        });
        match (org, found) {
            (Some(o), None) => found = Some(o),
            (Some(o), Some(f)) if o != f => return None,
            _ => {}
        }
    }
    found
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
        let reflexive = walk::reflexive_subject(doc, a, cands)
            .filter(|&k| !gendered || pairs.entity_kind(&cands[k]) == Some(EntityType::PER));
        // "X was the leading member of the jury": what the copula says its subject is
        let copula = copula_entity(doc, a).and_then(|e| cands.iter().position(|c| c.entity == e));
        // "X was lost when it exploded": the subject of the clause above
        let subordinate = walk::subordinate_subject(doc, a, cands);
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
                    !walk::object_of_its_subject(doc, a, c)
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
/// subject's head token), when the phrase's noun has a copula and a subject.
fn copula_subject(doc: &Document, a: &Anaphor) -> Option<usize> {
    if a.kind != AnaphorKind::Description {
        return None;
    }
    let kids = |dep: Dep| {
        let sent = &doc.sentences[a.sentence].tokens;
        sent.clone()
            .find(|&k| doc.tokens[k].head == Some(a.head as u32) && doc.tokens[k].dep.base() == dep)
    };
    kids(Dep::Cop)?;
    kids(Dep::Nsubj)
}

/// The entity a description is the predicate of a copula of, when its subject is a name:
/// "Brahms was the leading member of the jury" (a pronoun subject's is set after the speakers'
/// links: [`copula_predicates`]).
fn copula_entity(doc: &Document, a: &Anaphor) -> Option<usize> {
    let subj = copula_subject(doc, a)?;
    doc.mentions[doc.mentions_in(a.sentence)]
        .iter()
        .find(|m| m.tokens.contains(&subj))
        .and_then(|m| m.entity)
}

/// A description a copula predicates of a linked pronoun is that pronoun's entity ("he was the
/// next Czech composer"; "\"I am the president of an independent state,\" Zelensky said": the
/// speaker's), over the model's link; run after the speakers' links, which the pronoun may have.
pub fn copula_predicates(doc: &mut Document, ans: &[Anaphor]) {
    for a in ans {
        let Some(subj) = copula_subject(doc, a) else {
            continue;
        };
        let Some(e) = doc.referent(subj).map(|r| r.entity) else {
            continue;
        };
        let reason = stands_for(doc, a, e, "what the copula says it is");
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
    let subjects: Vec<Option<usize>> = all.iter().map(|a| copula_subject(doc, a)).collect();
    // a predicate of a named subject is that entity
    let mut predicates = Vec::new();
    for (n, a) in all.iter().enumerate() {
        let Some(subj) = subjects[n].filter(|_| !linked[n]) else {
            continue;
        };
        let named = doc.mentions[doc.mentions_in(a.sentence)]
            .iter()
            .find(|m| m.tokens.contains(&subj))
            .and_then(|m| m.entity);
        if let Some(e) = named {
            linked[n] = true;
            let reason = stands_for(doc, a, e, "what the copula says it is");
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
    // a predicate of an unnamed subject joins the subject's chain
    for n in 0..all.len() {
        let Some(subj) = subjects[n].filter(|_| !linked[n]) else {
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
mod tests {
    use crate::ingest::from_text;

    #[test]
    fn pronouns_and_descriptions_link_to_the_entity_they_stand_for() {
        let mut d = from_text(
            "t",
            "Acme Corp said on Monday that it would close a factory. Jane Roe, who runs the \
             company, said she regretted the decision.",
        );
        crate::testing::annotate(&mut d);
        let name = |head: &str| {
            let r = d
                .referents
                .iter()
                .find(|r| d.token_text(r.head) == head)
                .unwrap_or_else(|| panic!("{head} unresolved: {:?}", d.referents));
            assert!(r.reason.contains("score"), "{}", r.reason);
            d.entities[r.entity].name.clone()
        };
        assert_eq!(name("it"), "Acme Corp");
        assert_eq!(name("company"), "Acme Corp");
        assert_eq!(name("she"), "Jane Roe");
        // sorted by head, so lookups by token work
        for r in &d.referents {
            assert_eq!(d.referent(r.head).map(|x| x.entity), Some(r.entity));
        }
    }

    #[test]
    fn a_description_a_copula_predicates_of_a_name_or_a_linked_pronoun_is_its_subject() {
        let mut d = from_text(
            "t",
            "Antonin Dvorak entered a prize competition in Vienna. Although Dvorak was not aware \
             of it, Johannes Brahms was the leading member of the jury and was highly impressed.",
        );
        crate::testing::annotate(&mut d);
        let link = |head: &str| {
            let r = d
                .referents
                .iter()
                .find(|r| d.token_text(r.head) == head)
                .unwrap_or_else(|| panic!("{head} unresolved: {:?}", d.referents));
            (d.entities[r.entity].name.clone(), r.reason.clone())
        };
        let (who, why) = link("member");
        assert_eq!(who, "Johannes Brahms");
        assert!(why.contains("what the copula says it is"), "{why}");
        // the phrase is the noun's, not the clause's conjunct
        let r = d
            .referents
            .iter()
            .find(|r| d.token_text(r.head) == "member");
        let phrase = super::phrase(&d, r.unwrap().tokens.clone());
        assert_eq!(d.span_text(phrase), "the leading member of the jury");
        let mut d = from_text(
            "t",
            "Maria Lopez spoke at the meeting on Monday. She was the first speaker to mention \
             the prize.",
        );
        crate::testing::annotate(&mut d);
        let r = d
            .referents
            .iter()
            .find(|r| d.token_text(r.head) == "speaker");
        let r = r.unwrap_or_else(|| panic!("{:?}", d.referents));
        assert_eq!(d.entities[r.entity].name, "Maria Lopez");
    }

    #[test]
    fn a_quoted_we_of_one_titled_by_an_organisation_is_the_organisation() {
        let mut d = from_text(
            "t",
            "Environment Canada spokeswoman Sujata Raisinghani spoke on Monday. \"We take \
             document security seriously, and I will look into it,\" she said.",
        );
        crate::testing::annotate(&mut d);
        let link = |form: &str| {
            let r = d
                .referents
                .iter()
                .find(|r| d.token_text(r.head) == form)
                .unwrap_or_else(|| panic!("{form} unresolved: {:?}", d.referents));
            (d.entities[r.entity].name.clone(), r.reason.clone())
        };
        let (who, why) = link("We");
        assert_eq!(who, "Environment Canada", "{why}");
        assert!(why.contains("the speaker's organisation"), "{why}");
        // "I" is still the speaker herself
        assert_eq!(link("I").0, "Sujata Raisinghani");
    }

    #[test]
    fn the_subject_it_of_a_subordinate_clause_is_the_subject_of_the_clause_above() {
        let mut d = from_text(
            "t",
            "NASA flew five orbiters. Space Shuttle Challenger was lost when it exploded 73 \
             seconds after liftoff.",
        );
        crate::testing::annotate(&mut d);
        let r = d.referents.iter().find(|r| d.token_text(r.head) == "it");
        let r = r.unwrap_or_else(|| panic!("{:?}", d.referents));
        assert!(
            d.entities[r.entity].name.contains("Challenger"),
            "{}",
            r.reason
        );
        assert!(
            r.reason.contains("the subject of the clause above"),
            "{}",
            r.reason
        );
        // no conjunction opens "however it is dressed up": the model decides, not the rule
        let mut d = from_text(
            "t",
            "The European Union rejected the plan. However it is dressed up, it is a bad deal.",
        );
        crate::testing::annotate(&mut d);
        assert!(
            !d.referents
                .iter()
                .any(|r| r.reason.contains("the subject of the clause above")),
            "{:?}",
            d.referents
        );
    }

    #[test]
    fn the_country_and_the_city_are_a_country_and_a_city_when_one_is_a_candidate() {
        let mut d = from_text(
            "t",
            "The tradition began in the United States long ago. George Washington sought no \
             third term. Franklin Roosevelt, who led the country during the war, served more \
             than two. Mayor Anna Kowalska of Warsaw spoke on Monday. She condemned the \
             vandalism in the city.",
        );
        crate::testing::annotate(&mut d);
        let link = |head: &str| {
            d.referents
                .iter()
                .find(|r| d.token_text(r.head) == head)
                .map(|r| d.entities[r.entity].name.clone())
        };
        assert_eq!(
            link("country").as_deref(),
            Some("United States"),
            "{:?}",
            d.referents
        );
        // never a person: "the city" is Warsaw or no one
        assert!(
            link("city").is_none_or(|c| c == "Warsaw"),
            "{:?}",
            d.referents
        );
        // nor are "the states" anyone with a first name
        let mut d = from_text(
            "t",
            "Senator Ted Cruz proposed an amendment to the Constitution on Thursday. \"I urge my \
             colleagues to submit this constitutional amendment to the states for speedy \
             ratification,\" Cruz said.",
        );
        crate::testing::annotate(&mut d);
        assert!(
            !d.referents.iter().any(
                |r| d.token_text(r.head) == "states" && d.entities[r.entity].name == "Ted Cruz"
            ),
            "{:?}",
            d.referents
        );
    }

    #[test]
    fn what_names_no_entity_is_chained_when_asked_and_no_entity_link_changes() {
        let text = "A sensitive government document was found on a road in Ottawa on Monday. The \
                    document had been lost by an official of the ministry. It contained the names \
                    of informants, and the papers were handed to the police. They have since been \
                    returned.";
        let p = crate::testing::pipeline();
        let plain = p.annotate("t", text);
        assert!(plain.nominal_chains.is_empty(), "off by default");
        let with = p.with(crate::pipeline::Options {
            unnamed_chains: true,
            ..p.options()
        });
        let d = with.annotate("t", text);
        let words = |c: &Vec<std::ops::Range<usize>>| -> Vec<String> {
            c.iter()
                .map(|t| d.span_text(t.clone()).to_string())
                .collect()
        };
        let chains: Vec<Vec<String>> = d.nominal_chains.iter().map(words).collect();
        assert!(
            chains.contains(&vec![
                "A sensitive government document".to_string(),
                "The document".to_string(),
                "It".to_string()
            ]),
            "{chains:?}"
        );
        assert!(
            chains
                .iter()
                .any(|c| c.contains(&"the papers".to_string()) && c.contains(&"They".to_string())),
            "{chains:?}"
        );
        // the links to entities, and so the facts, are the same either way
        assert_eq!(
            d.referents
                .iter()
                .map(|r| (r.head, r.entity))
                .collect::<Vec<_>>(),
            plain
                .referents
                .iter()
                .map(|r| (r.head, r.entity))
                .collect::<Vec<_>>()
        );
        assert_eq!(d.relations.len(), plain.relations.len());
        // CoNLL-U shows them
        let mut out = String::new();
        crate::export::conllu::write(&d, &mut out);
        assert!(
            out.contains("\tIt\tit\tPRON") && out.contains("Chain=1"),
            "{out}"
        );
    }

    #[test]
    fn what_a_copula_says_a_name_or_a_chain_is_belongs_to_it() {
        let p = crate::testing::pipeline();
        let with = p.with(crate::pipeline::Options {
            unnamed_chains: true,
            ..p.options()
        });
        let d = with.annotate(
            "t",
            "Acme Corp is a chip maker based in Lagos. A new factory opened on Monday. The \
             factory is a large building near the port.",
        );
        let maker = d
            .referents
            .iter()
            .find(|r| d.token_text(r.head) == "maker")
            .unwrap_or_else(|| panic!("{:?}", d.referents));
        assert_eq!(d.entities[maker.entity].name, "Acme Corp");
        assert!(maker.reason.contains("copula"), "{}", maker.reason);
        let chains: Vec<Vec<&str>> = d
            .nominal_chains
            .iter()
            .map(|c| c.iter().map(|t| d.span_text(t.clone())).collect())
            .collect();
        assert!(
            chains
                .iter()
                .any(|c| c.contains(&"The factory") && c.contains(&"a large building")),
            "{chains:?}"
        );
    }

    #[test]
    fn an_object_pronoun_is_not_its_own_verbs_subject() {
        let mut d = from_text(
            "t",
            "Tomas Vidal won the vote on Monday and thanked his party. Vidal will replace Ana \
             Ruiz. Vidal said he admired her.",
        );
        crate::testing::annotate(&mut d);
        let her = d
            .referents
            .iter()
            .find(|r| d.token_text(r.head) == "her")
            .unwrap_or_else(|| panic!("her unresolved: {:?}", d.referents));
        assert_eq!(d.entities[her.entity].name, "Ana Ruiz");
        // nor is a name in apposition to the subject
        let mut d = from_text(
            "t",
            "Maria Lopez left the party in May. The leader, Carlos Vidal, thanked her on Monday.",
        );
        crate::testing::annotate(&mut d);
        assert!(
            !d.referents
                .iter()
                .any(|r| d.token_text(r.head) == "her"
                    && d.entities[r.entity].name == "Carlos Vidal"),
            "{:?}",
            d.referents
        );
    }

    #[test]
    fn a_reflexive_is_the_subject_of_its_clause() {
        let mut d = from_text(
            "t",
            "Ana Ruiz praised the Senate on Monday. Tomas Vidal said the Senate had proven itself \
             useless. Maria Lopez wanted to prove herself to Ana Ruiz.",
        );
        crate::testing::annotate(&mut d);
        let of = |w: &str| {
            let r = d
                .referents
                .iter()
                .find(|r| d.token_text(r.head) == w)
                .unwrap_or_else(|| panic!("{w} unresolved: {:?}", d.referents));
            (d.entities[r.entity].name.clone(), r.reason.clone())
        };
        let (itself, why) = of("itself");
        assert_eq!(itself, "Senate", "{why}");
        assert!(why.contains("the subject of its clause"), "{why}");
        // the subject of the clause above one with none of its own ("wanted to prove")
        assert_eq!(of("herself").0, "Maria Lopez");
    }

    #[test]
    fn an_it_that_stands_for_a_clause_is_no_anaphor() {
        let mut d = from_text(
            "t",
            "Acme Corp cut jobs. It is hard to say what will happen. It was reported that the \
             plant closed. It seems that the firm lost. It plans to open a factory.",
        );
        crate::testing::annotate(&mut d);
        let its: Vec<usize> = super::anaphors(&d, crate::testing::lexicon())
            .iter()
            .filter(|a| a.form == "it")
            .map(|a| a.sentence)
            .collect();
        // only the "it" of "It plans to open a factory" (sentence 4) stands for an entity
        assert_eq!(its, vec![4]);
    }

    #[test]
    fn the_first_person_in_a_quotation_is_its_speaker() {
        let mut d = from_text(
            "t",
            "Jens Stoltenberg spoke on Monday. \"We will not let Russia win,\" said Ursula von \
             der Leyen. \"I have asked China to help.\"",
        );
        crate::testing::annotate(&mut d);
        let i = d
            .tokens
            .iter()
            .position(|t| &d.text[t.start..t.end] == "I")
            .expect("an I");
        let r = d.referent(i).expect("\"I\" is linked");
        // the quotation with no speaker of its own goes on from the one before it
        assert_eq!(
            d.entities[r.entity].name, "Ursula von der Leyen",
            "{}",
            r.reason
        );
        assert!(r.reason.contains("is the speaker"), "{}", r.reason);
    }

    #[test]
    fn the_speaker_of_a_quotation_over_sentences_is_found_behind_a_title_or_a_statement() {
        // the first person of every sentence of a quotation to its closing mark, the speaker a
        // name after a title with "of" (parsed with the title as the subject), or the owner
        // of the statement that says it
        let speaker_of_each_i = |text: &str| {
            let mut d = from_text("t", text);
            crate::testing::annotate(&mut d);
            d.tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| &d.text[t.start..t.end] == "I")
                .map(|(i, _)| {
                    let r = d.referent(i).expect("\"I\" is linked");
                    assert!(r.reason.contains("is the speaker"), "{}", r.reason);
                    d.entities[r.entity].name.clone()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            speaker_of_each_i(
                "Ana Ruiz arrived on Monday. In a statement, Governor of Washington Chris \
                 Gregoire said, \"The museum put effort into it. Seattle would have been a \
                 perfect fit. I am disappointed that NASA did not choose it.\""
            ),
            ["Chris Gregoire"]
        );
        assert_eq!(
            speaker_of_each_i(
                "Ana Ruiz arrived on Monday. Senator John Cornyn's statement added, \"There is \
                 no question. Today's announcement is an affront, and I am disappointed.\""
            ),
            ["John Cornyn"]
        );
    }

    #[test]
    fn a_transcripts_i_is_the_speaker_and_you_the_one_addressed() {
        let mut d = from_text(
            "t",
            "Wikinews: Which candidates have you supported?\nChristopher Hill: I supported Buddy \
             Roemer, and I \"thank you,\" he said.\nWikinews: Thank you.\n",
        );
        crate::testing::annotate(&mut d);
        let linked = |k: usize| {
            let i = (0..d.tokens.len())
                .filter(|&i| matches!(d.token_text(i), "I" | "you"))
                .nth(k)
                .expect("a first or second person");
            let r = d
                .referent(i)
                .map(|r| (d.entities[r.entity].name.clone(), r.reason.clone()));
            (d.token_text(i).to_string(), r)
        };
        // "you" of the question is the one who answers it
        let (w, r) = linked(0);
        assert_eq!(
            (w.as_str(), r.map(|r| r.0)),
            ("you", Some("Christopher Hill".into()))
        );
        let (w, r) = linked(1);
        let (who, why) = r.expect("I is linked");
        assert_eq!((w.as_str(), who.as_str()), ("I", "Christopher Hill"));
        assert!(why.contains("turn's speaker"), "{why}");
        // inside a quotation the first and second person are the quotation's, not the turn's
        let (w, r) = linked(3);
        assert_eq!(w, "you");
        assert!(r.as_ref().is_none_or(|r| !r.1.contains("turn")), "{r:?}");
    }

    #[test]
    fn short_replies_do_not_push_a_pronouns_antecedent_out_of_reach() {
        let mut d = from_text(
            "t",
            "Reg Barr came over to our table last night. Oh? Yeah. Mhm. Right. Sure. Well, he \
             said hello to everyone.",
        );
        crate::testing::annotate(&mut d);
        let he = (0..d.tokens.len())
            .find(|&i| d.token_text(i) == "he")
            .expect("a he");
        let r = d.referent(he).expect("\"he\" is linked");
        assert_eq!(d.entities[r.entity].name, "Reg Barr", "{}", r.reason);
    }
}
