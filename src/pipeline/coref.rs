//! Coreference: merges mentions into document entities ("Stoltenberg" is "Jens Stoltenberg",
//! "U.S." is "United States", "Spanish" and "Russian forces" point at their country, "the Ukrainian
//! capital" is Kyiv), each merge with its reason. Pronouns and descriptions are linked after it
//! by the learned model of [`super::anaphora`].
use crate::doc::{Document, Entity, EntityType, MentionSource};
use crate::lexicon::{phrase_key, Lexicon, WordClass};
use std::collections::{HashMap, HashSet};

/// Pipeline stage: fills `doc.entities` and `Mention::entity` (reads: mentions).
pub fn resolve(doc: &mut Document, lx: &Lexicon) {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    // longest person names first, so short forms can attach to them
    let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
    order.sort_by_key(|&m| {
        (
            doc.mentions[m].kind != EntityType::PER,
            std::cmp::Reverse(doc.mentions[m].tokens.len()),
            m,
        )
    });
    let mut per_full: Vec<(usize, Vec<String>)> = Vec::new();
    // positions in per_full of the names with each last word, and with each first word
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    let mut votes: HashMap<(usize, EntityType), u32> = HashMap::new();
    for m in order {
        let mention = &doc.mentions[m];
        let surface = doc.span_text(mention.tokens.clone()).to_string();
        let key = phrase_key(&surface);
        let (name, kind, reason): (String, EntityType, Option<String>) = match mention.source {
            MentionSource::Demonym => {
                let c = mention.refers_to.clone().unwrap_or_else(|| surface.clone());
                let r = format!("demonym \"{surface}\" refers to {c}");
                (c, EntityType::GPE, Some(r))
            }
            MentionSource::Group => {
                let c = mention.refers_to.clone().unwrap_or_else(|| surface.clone());
                let r = format!("\"{surface}\" acts for {c} (demonym + group noun)");
                (c, EntityType::GPE, Some(r))
            }
            MentionSource::Capital => {
                let c = mention.refers_to.clone().unwrap_or_else(|| surface.clone());
                let r = format!("\"{surface}\" is {c} (capital in the gazetteer)");
                (c, EntityType::GPE, Some(r))
            }
            _ => match lx.gazetteer(&key) {
                Some(g) if g.name != surface => (
                    g.name.to_string(),
                    g.kind,
                    Some(format!(
                        "\"{surface}\" is an alias of {} in the gazetteer",
                        g.name
                    )),
                ),
                Some(g) => (g.name.to_string(), g.kind, None),
                None => (surface.clone(), mention.kind, None),
            },
        };
        let canon_key = phrase_key(&name);
        let mut reason = reason;
        let mut idx = by_key.get(&canon_key).copied();
        if idx.is_none() && kind == EntityType::PER {
            // a short form of a longer name: same last (or first) words
            let words: Vec<String> = canon_key.split(' ').map(str::to_string).collect();
            // the first longer name (in the order they came) that ends or starts with these
            // words: only the names sharing the last or first word can
            let mut candidates: Vec<usize> = [
                words.last().and_then(|w| by_last.get(w)),
                words.first().and_then(|w| by_first.get(w)),
            ]
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
            candidates.sort_unstable();
            let hit = candidates
                .into_iter()
                .map(|k| &per_full[k])
                .find(|(_, full)| {
                    full.len() > words.len() && (full.ends_with(&words) || full.starts_with(&words))
                });
            if let Some(&(e, _)) = hit {
                reason = Some(format!(
                    "\"{surface}\" is a short form of {}",
                    entities[e].name
                ));
                idx = Some(e);
            }
        }
        let e = match idx {
            Some(e) => e,
            None => {
                entities.push(Entity {
                    name: name.clone(),
                    kind,
                    aliases: Vec::new(),
                    mentions: 0,
                    reasons: Vec::new(),
                });
                let e = entities.len() - 1;
                by_key.insert(canon_key.clone(), e);
                if kind == EntityType::PER {
                    let full: Vec<String> = canon_key.split(' ').map(str::to_string).collect();
                    for (map, w) in [(&mut by_last, full.last()), (&mut by_first, full.first())] {
                        if let Some(w) = w {
                            map.entry(w.clone()).or_default().push(per_full.len());
                        }
                    }
                    per_full.push((e, full));
                }
                e
            }
        };
        let ent = &mut entities[e];
        ent.mentions += 1;
        if surface != ent.name && !ent.aliases.contains(&surface) {
            ent.aliases.push(surface);
        }
        if let Some(r) = reason {
            if !ent.reasons.contains(&r) {
                ent.reasons.push(r);
            }
        }
        // a type seen with a title wins over a guess
        if ent.kind == EntityType::MISC && kind != EntityType::MISC {
            ent.kind = kind;
        }
        if mention.source == MentionSource::Name {
            let weight = if mention.title.is_some() { 3 } else { 1 };
            *votes.entry((e, kind)).or_insert(0) += weight;
        }
        doc.mentions[m].entity = Some(e);
    }
    // a name typed differently across the document takes its most frequent type (PER, ORG,
    // LOC or GPE; ties keep the first); gazetteer entries keep theirs
    let mut best: HashMap<usize, (u32, EntityType)> = HashMap::new();
    let mut sorted: Vec<_> = votes.iter().map(|(&ek, &n)| (ek, n)).collect();
    sorted.sort_by_key(|&((e, k), _)| (e, k));
    for ((e, k), n) in sorted {
        if k == EntityType::MISC {
            continue;
        }
        let b = best.entry(e).or_insert((0, k));
        if n > b.0 {
            *b = (n, k);
        }
    }
    for (e, (n, k)) in best {
        let gazetteer = lx.gazetteer(&phrase_key(&entities[e].name)).is_some();
        let current = votes.get(&(e, entities[e].kind)).copied().unwrap_or(0);
        if !gazetteer && n > current {
            entities[e].kind = k;
        }
    }
    for e in entities.iter_mut() {
        e.aliases.sort();
        e.reasons.sort();
    }
    doc.entities = entities;
    country_prefixes(doc, lx);
    merge_acronyms(doc);
    bracketed_aliases(doc);
    organisation_short_names(doc, lx);
    stated_aliases(doc, lx);
}

/// A second name of a person that the text states right after the first: "Ginger Baker was
/// born Peter Edward Baker", "Jane Roe (née Smith)", "John Doe, known as Johnny D": the second
/// name's entity joins the first's.
fn stated_aliases(doc: &mut Document, lx: &Lexicon) {
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
/// Gates Foundation" is a person) or mostly an adjective ("Islamic").
fn organisation_short_names(doc: &mut Document, lx: &Lexicon) {
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
            if first_name || adjective || person_words.contains(word) {
                continue;
            }
            if let Some([b]) = orgs_by_first.get(word).map(Vec::as_slice) {
                *target = Some(*b);
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
fn country_prefixes(doc: &mut Document, lx: &Lexicon) {
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
fn initials(name: &str) -> [String; 2] {
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
fn merge_acronyms(doc: &mut Document) {
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
fn bracketed_aliases(doc: &mut Document) {
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

#[cfg(test)]
mod tests {
    use crate::ingest::from_text;

    #[test]
    fn a_short_name_in_brackets_joins_the_organisation_before_it() {
        let text = "Turkey fought the Kurdistan Workers' Party (PKK) for decades. The PKK denied \
                    it. The Philippine Institute of Volcanology and Seismology (Phivolcs) warned \
                    of ash. Phivolcs said more would fall.";
        let annotated = |t: &str| {
            let mut d = from_text("t", t);
            crate::testing::annotate(&mut d);
            d
        };
        let d = annotated(text);
        for (short, full) in [
            ("PKK", "Kurdistan Workers' Party"),
            (
                "Phivolcs",
                "Philippine Institute of Volcanology and Seismology",
            ),
        ] {
            let e = d.entities.iter().find(|e| e.name == full).expect(full);
            assert!(e.aliases.iter().any(|a| a == short), "{:?}", d.entities);
            assert!(
                !d.entities.iter().any(|e| e.name == short),
                "{:?}",
                d.entities
            );
        }
        // a place before a bracketed credit is no alias
        let d = annotated("Moscow (AFP) Russia warned Ukraine on Monday.");
        let moscow = d.entities.iter().find(|e| e.name == "Moscow").unwrap();
        assert!(moscow.aliases.is_empty(), "{:?}", moscow.aliases);
    }

    #[test]
    fn an_acronym_joins_the_one_name_it_abbreviates() {
        let mut d = from_text(
            "t",
            "The National Transportation Safety Board (NTSB) opened an inquiry. The NTSB said \
             the United States Coast Guard helped. USCG boats searched the bay.",
        );
        crate::testing::annotate(&mut d);
        let find = |n: &str| d.entities.iter().find(|e| e.name == n);
        let ntsb = find("National Transportation Safety Board").expect("full name");
        assert!(
            ntsb.aliases.contains(&"NTSB".to_string()),
            "{:?}",
            ntsb.aliases
        );
        assert!(ntsb.reasons.iter().any(|r| r.contains("acronym")));
        assert!(find("NTSB").is_none());
        let uscg = find("United States Coast Guard").expect("full name");
        assert!(
            uscg.aliases.contains(&"USCG".to_string()),
            "{:?}",
            uscg.aliases
        );
        // every mention points at an entity that exists
        assert!(d
            .mentions
            .iter()
            .all(|m| m.entity.is_none_or(|e| e < d.entities.len())));
        assert_eq!(
            super::initials("Cooperative Institute for Research in Environmental Sciences")[0],
            "CIRES"
        );
    }

    #[test]
    fn a_word_of_one_organisation_is_it_unless_a_person_bears_it() {
        let mut d = from_text(
            "t",
            "Ford Motor Company recalled cars. Ford said the fault was rare.",
        );
        crate::testing::annotate(&mut d);
        let ford = d
            .entities
            .iter()
            .find(|e| e.name == "Ford Motor Company")
            .unwrap();
        assert!(
            ford.aliases.contains(&"Ford".to_string()),
            "{:?}",
            ford.aliases
        );
        let mut d = from_text(
            "t",
            "Ford Motor Company recalled cars. James Ford said the fault was rare. Ford left.",
        );
        crate::testing::annotate(&mut d);
        let ford = d
            .entities
            .iter()
            .find(|e| e.name == "Ford Motor Company")
            .unwrap();
        assert!(
            !ford.aliases.contains(&"Ford".to_string()),
            "{:?}",
            ford.aliases
        );
        // a first name alone is a person
        let mut d = from_text(
            "t",
            "The Melinda Gates Foundation gave money. Melinda said it would help.",
        );
        crate::testing::annotate(&mut d);
        assert!(
            d.entities.iter().any(|e| e.name == "Melinda"),
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_country_alias_in_front_of_an_organisation_is_spelt_out() {
        let mut d = from_text(
            "t",
            "The US Senate voted. The United States Senate and the U.S. Navy agreed.",
        );
        crate::testing::annotate(&mut d);
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"United States Senate"), "{names:?}");
        assert!(names.contains(&"United States Navy"), "{names:?}");
        assert!(!names.contains(&"US Senate"), "{names:?}");
        let senate = d
            .entities
            .iter()
            .find(|e| e.name == "United States Senate")
            .unwrap();
        assert_eq!(senate.mentions, 2);
        assert!(senate.aliases.contains(&"US Senate".to_string()));
        assert!(d
            .mentions
            .iter()
            .all(|m| m.entity.is_none_or(|e| e < d.entities.len())));
    }

    #[test]
    fn short_names_and_aliases_merge() {
        let mut d = from_text("t", "U.S. Secretary of State Antony Blinken met Secretary General Jens Stoltenberg. Stoltenberg thanked the United States.");
        crate::testing::annotate(&mut d);
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"United States"), "{names:?}");
        let js = d
            .entities
            .iter()
            .find(|e| e.name == "Jens Stoltenberg")
            .unwrap();
        assert_eq!(js.mentions, 2);
        assert!(js.reasons[0].contains("short form"), "{:?}", js.reasons);
        assert_eq!(
            d.entities
                .iter()
                .filter(|e| e.name == "United States")
                .count(),
            1
        );
    }

    #[test]
    fn a_name_takes_its_most_frequent_type() {
        use crate::doc::{EntityType, Mention};
        use crate::pipeline::{sentences, tokenize};
        let mut d = from_text("t", "Zorbia won. Zorbia lost. Zorbia drew.");
        tokenize::tokenize(&mut d);
        sentences::split(&mut d);
        let at: Vec<usize> = (0..d.tokens.len())
            .filter(|&i| d.token_text(i) == "Zorbia")
            .collect();
        for (k, (&i, kind)) in at
            .iter()
            .zip([EntityType::LOC, EntityType::ORG, EntityType::ORG])
            .enumerate()
        {
            d.mentions.push(Mention::name(i..i + 1, k, kind));
        }
        super::resolve(&mut d, crate::testing::lexicon());
        assert_eq!(d.entities.len(), 1);
        assert_eq!(d.entities[0].kind, EntityType::ORG);
    }

    #[test]
    fn a_birth_name_the_text_states_is_the_same_person() {
        let mut d = from_text(
            "t",
            "Ginger Baker was born Peter Edward Baker in London. Kim Lee, known as Kimmy Lee, sang.",
        );
        crate::testing::annotate(&mut d);
        let find = |n: &str| d.entities.iter().find(|e| e.name == n);
        let baker = find("Ginger Baker").expect("the first name stays");
        assert!(baker.aliases.contains(&"Peter Edward Baker".to_string()));
        assert!(baker
            .reasons
            .iter()
            .any(|r| r.contains("as the text states")));
        assert!(find("Peter Edward Baker").is_none());
        let kim = find("Kim Lee").expect("the first name stays");
        assert!(kim.aliases.contains(&"Kimmy Lee".to_string()), "{:?}", kim);
    }

    #[test]
    fn pronouns_find_the_person() {
        let mut d = from_text(
            "t",
            "Ukrainian President Volodymyr Zelenskiy spoke. He said so.",
        );
        crate::testing::annotate(&mut d);
        let he = (0..d.tokens.len())
            .find(|&i| d.token_text(i) == "He")
            .unwrap();
        let r = d.referent(he).expect("resolved by the coreference model");
        assert_eq!(d.entities[r.entity].name, "Volodymyr Zelenskiy");
    }
}
