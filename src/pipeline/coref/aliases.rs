//! The merges of coreference that read the names themselves: a name written with its
//! country's alias spelt out, an acronym and its full name, a short name in brackets, an
//! organisation's first word, and a second name the text states ("born X", "known as X"); each
//! merge with its reason.
use crate::doc::{Document, Entity, EntityType};
use crate::lexicon::{phrase_key, Lexicon, WordClass};
use std::collections::{HashMap, HashSet};

/// A second name of a person that the text states right after the first: "Ginger Baker was
/// born Peter Edward Baker", "Jane Roe (née Smith)", "John Doe, known as Johnny D": the second
/// name's entity joins the first's.
pub(super) fn stated_aliases(doc: &mut Document, lx: &Lexicon) {
    let mut into: Vec<Option<usize>> = vec![None; doc.entities.len()];
    for (k, m) in doc.mentions.iter().enumerate() {
        let (Some(e2), true) = (m.entity, m.kind == EntityType::PER) else {
            continue;
        };
        let start = doc.sentences[m.sentence].tokens.start;
        let mut t = m.tokens.start;
        if t == start {
            continue;
        }
        let trigger = doc.token_text(t - 1).to_lowercase();
        if trigger == "as" && t >= start + 2 && doc.token_text(t - 2).eq_ignore_ascii_case("known")
        {
            t -= 2;
        } else if lx.in_class(WordClass::AliasTrigger, &trigger) && trigger != "known" {
            t -= 1;
        } else {
            continue;
        }
        // the person named just before: "X was", "X,", "X (", "X, also"
        let first = doc.mentions[..k].iter().rev().find(|p| {
            p.sentence == m.sentence
                && p.kind == EntityType::PER
                && p.tokens.end <= t
                && (p.tokens.end..t).all(|i| {
                    matches!(
                        doc.token_text(i).to_lowercase().as_str(),
                        "," | "(" | "was" | "is" | "also" | "better" | "professionally"
                    )
                })
        });
        if let Some(e1) = first.and_then(|p| p.entity) {
            if e1 != e2 && into[e1].is_none() {
                into[e2] = Some(e1);
            }
        }
    }
    merge_into(doc, &into, |from, to| {
        format!("\"{from}\" is another name of {to}, as the text states")
    });
}

/// A one-word name that is the first word of exactly one organisation's name in the article
/// ("Ford" of "Ford Motor Company") is that organisation, unless a person of the article bears
/// the word in their name ("James Ford"), the word is a first name ("Melinda" of the "Melinda
/// Gates Foundation" is a person) or mostly an adjective ("Islamic") and the organisation is not a
/// party ("Conservative" of "Conservative Party" is the party).
pub(super) fn organisation_short_names(doc: &mut Document, lx: &Lexicon) {
    let n = doc.entities.len();
    let mut into: Vec<Option<usize>> = vec![None; n];
    {
        // the words of the people's names, and the organisations' names by their first word
        // (indexed once: looked up for every one-word name)
        let mut person_words: HashSet<&str> = HashSet::new();
        let mut orgs_by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (b, e) in doc.entities.iter().enumerate() {
            if !e.name.contains(' ') {
                continue;
            }
            match e.kind {
                EntityType::PER => person_words.extend(e.name.split(' ')),
                EntityType::ORG => {
                    let first = e.name.split(' ').next().unwrap_or("");
                    orgs_by_first.entry(first).or_default().push(b);
                }
                _ => {}
            }
        }
        for (a, target) in into.iter_mut().enumerate() {
            let short = &doc.entities[a];
            if short.name.contains(' ')
                || matches!(short.kind, EntityType::GPE | EntityType::LOC)
                || short.name.chars().count() < 3
            {
                continue;
            }
            let word = short.name.as_str();
            let lower = word.to_lowercase();
            let first_name = lx
                .open_classes(&lower)
                .is_some_and(|c| c.split(',').any(|x| x == "first"));
            let adjective = lx
                .readings(&lower)
                .first()
                .is_some_and(|r| r.pos == crate::doc::Pos::ADJ);
            if first_name || person_words.contains(word) {
                continue;
            }
            if let Some([b]) = orgs_by_first.get(word).map(Vec::as_slice) {
                // an adjective names a party by itself ("Conservative" of "Conservative
                // Party"), not any other body ("Islamic" of "Islamic State")
                if !adjective || lx.ends_with_party_word(&doc.entities[*b].name) {
                    *target = Some(*b);
                }
            }
        }
    }
    merge_into(doc, &into, |from, to| {
        format!("\"{from}\" is a short form of the organisation {to}")
    });
}

/// An organisation named with an alias of its country in front ("US Senate", "U.S. Navy") is
/// named with the country's name ("United States Senate"), the written name kept as an alias, so
/// that every spelling is one node; an entity of that name in the article takes its mentions.
pub(super) fn country_prefixes(doc: &mut Document, lx: &Lexicon) {
    let n = doc.entities.len();
    let mut into: Vec<Option<usize>> = vec![None; n];
    let mut renamed_any = false;
    for e in 0..n {
        let ent = &doc.entities[e];
        if ent.kind != EntityType::ORG {
            continue;
        }
        let words: Vec<&str> = ent.name.split(' ').collect();
        let renamed = (1..words.len().min(3)).find_map(|k| {
            let prefix = words[..k].join(" ");
            let rest = words[k..].join(" ");
            let g = lx.gazetteer(&phrase_key(&prefix))?;
            let is_alias =
                g.kind == EntityType::GPE && g.name != prefix && !g.demonym && !g.capital;
            let named = rest.chars().next().is_some_and(char::is_uppercase);
            (is_alias && named).then(|| format!("{} {rest}", g.name))
        });
        let Some(name) = renamed else { continue };
        let old = std::mem::replace(&mut doc.entities[e].name, name.clone());
        let ent = &mut doc.entities[e];
        ent.aliases.retain(|a| *a != name);
        if !ent.aliases.contains(&old) {
            ent.aliases.push(old.clone());
            ent.aliases.sort();
        }
        ent.reasons.push(format!(
            "\"{old}\" is written with an alias of its country: {name}"
        ));
        ent.reasons.sort();
        renamed_any = true;
    }
    if !renamed_any {
        return;
    }
    // "US Senate" renamed where "United States Senate" is named too: one entity, the first
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (e, ent) in doc.entities.iter().enumerate() {
        match first.get(ent.name.as_str()) {
            Some(&b) => into[e] = Some(b),
            None => {
                first.insert(&ent.name, e);
            }
        }
    }
    merge_into(doc, &into, |_, _| String::new());
}

/// Words an acronym may leave out ("Cooperative Institute for Research in Environmental
/// Sciences" is CIRES).
const ACRONYM_SKIPS: &[&str] = &["of", "for", "and", "the", "in", "on", "at", "to", "&"];

/// The initials of a name: its words' first letters, upper case, with and without the small
/// words ("United States Coast Guard" → USCG).
pub(super) fn initials(name: &str) -> [String; 2] {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let first = |w: &&str| w.chars().next().map(|c| c.to_uppercase().to_string());
    [
        words
            .iter()
            .filter(|w| !ACRONYM_SKIPS.contains(&w.to_lowercase().as_str()))
            .filter_map(first)
            .collect(),
        words.iter().filter_map(first).collect(),
    ]
}

/// An entity named by an acronym ("NTSB") is the one entity of the document (not a person)
/// whose name's initials spell it ("National Transportation Safety Board"): its mentions join
/// that entity, with the reason.
pub(super) fn merge_acronyms(doc: &mut Document) {
    let n = doc.entities.len();
    let mut into: Vec<Option<usize>> = vec![None; n];
    {
        // the names of several words (not people's) by their initials, computed once
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
        for (b, e) in doc.entities.iter().enumerate() {
            if e.kind == EntityType::PER || !e.name.contains(' ') {
                continue;
            }
            let [short, long] = initials(&e.name);
            if short != long {
                by_initials.entry(long).or_default().push(b);
            }
            by_initials.entry(short).or_default().push(b);
        }
        for (a, target) in into.iter_mut().enumerate() {
            let name = &doc.entities[a].name;
            let letters: String = name.chars().filter(|c| *c != '.').collect();
            let is_acronym = (2..=6).contains(&letters.chars().count())
                && letters.chars().all(|c| c.is_ascii_uppercase() || c == '&');
            if !is_acronym || doc.entities[a].kind == EntityType::PER {
                continue;
            }
            if let Some([b]) = by_initials.get(&letters).map(Vec::as_slice) {
                *target = Some(*b);
            }
        }
    }
    merge_into(doc, &into, |from, to| {
        format!("\"{from}\" is the acronym of {to}")
    });
}

/// Whether a one-word name can be the short form of a longer one: an acronym of two or more
/// capitals ("PKK" of "Kurdistan Workers' Party", "PG&E"), or its letters in order in the name
/// from its first letter on ("Phivolcs" of "Philippine Institute of Volcanology and
/// Seismology").
fn short_form(short: &str, name: &str) -> bool {
    let letters: Vec<char> = short.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.len() < 2 || short.contains(' ') {
        return false;
    }
    if letters.iter().filter(|c| c.is_uppercase()).count() >= 2 {
        return true;
    }
    let lower: Vec<char> = name.to_lowercase().chars().collect();
    let want: Vec<char> = short
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    if lower.first() != want.first() {
        return false;
    }
    let mut it = lower.iter();
    want.iter().all(|c| it.any(|x| x == c))
}

/// A short name the text gives in brackets right after an organisation's full name: "the
/// Kurdistan Workers' Party (PKK)", "Philippine Institute of Volcanology and Seismology
/// (Phivolcs)": the short name's entity joins the organisation, with the reason.
pub(super) fn bracketed_aliases(doc: &mut Document) {
    let mut into: Vec<Option<usize>> = vec![None; doc.entities.len()];
    for w in doc.mentions.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (Some(ea), Some(eb)) = (a.entity, b.entity) else {
            continue;
        };
        let bracketed = a.sentence == b.sentence
            && b.tokens.start == a.tokens.end + 1
            && doc.token_text(a.tokens.end) == "("
            && b.tokens.end < doc.tokens.len()
            && doc.token_text(b.tokens.end) == ")"
            && b.tokens.len() == 1;
        if !bracketed || ea == eb || a.kind != EntityType::ORG || into[ea].is_some() {
            continue;
        }
        let full = &doc.entities[ea].name;
        let short = doc.token_text(b.tokens.start);
        if full.contains(' ') && short_form(short, full) && doc.entities[eb].name == short {
            into[eb] = Some(ea);
        }
    }
    merge_into(doc, &into, |from, to| {
        format!("\"{from}\" is the short name of {to} the text gives in brackets")
    });
}

/// Merges each entity `e` with `into[e]` set into that entity (which must not itself merge):
/// its mentions, name and aliases join it, with the reason `why(name, target name)`.
fn merge_into(doc: &mut Document, into: &[Option<usize>], why: impl Fn(&str, &str) -> String) {
    let n = doc.entities.len();
    if into.iter().all(Option::is_none) {
        return;
    }
    // the entities that stay, renumbered
    let mut new_index = vec![0; n];
    let mut kept = 0;
    for (e, target) in into.iter().enumerate() {
        if target.is_none() {
            new_index[e] = kept;
            kept += 1;
        }
    }
    let old = std::mem::take(&mut doc.entities);
    let mut entities: Vec<Entity> = Vec::with_capacity(kept);
    let mut merged: Vec<(usize, Entity)> = Vec::new();
    for (e, ent) in old.into_iter().enumerate() {
        match into[e] {
            None => entities.push(ent),
            Some(b) => merged.push((b, ent)),
        }
    }
    for (b, ent) in merged {
        let t = &mut entities[new_index[b]];
        t.mentions += ent.mentions;
        for a in std::iter::once(ent.name.clone()).chain(ent.aliases) {
            if a != t.name && !t.aliases.contains(&a) {
                t.aliases.push(a);
            }
        }
        let reason = why(&ent.name, &t.name);
        if !reason.is_empty() {
            t.reasons.push(reason);
        }
        t.reasons.extend(ent.reasons);
        t.reasons.dedup();
        t.aliases.sort();
        t.reasons.sort();
    }
    for m in doc.mentions.iter_mut() {
        if let Some(e) = m.entity {
            m.entity = Some(match into[e] {
                Some(b) => new_index[b],
                None => new_index[e],
            });
        }
    }
    doc.entities = entities;
}
