//! Coreference: merges mentions into document entities ("Stoltenberg" is "Jens Stoltenberg",
//! "U.S." is "United States", "Spanish" and "Russian forces" point at their country, "the Ukrainian
//! capital" is Kyiv), each merge with its reason. Pronouns and descriptions are linked after it
//! by the learned model of [`super::anaphora`].
use crate::doc::{Document, Entity, EntityType, MentionSource};
use crate::lexicon::{phrase_key, Lexicon};
mod aliases;

use aliases::{
    bracketed_aliases, country_prefixes, merge_acronyms, organisation_short_names, stated_aliases,
};
use std::collections::HashMap;

/// Pipeline stage: fills `doc.entities` and `Mention::entity` (reads: mentions).
pub fn resolve(doc: &mut Document, lx: &Lexicon) {
    // longest person names first, so short forms can attach to them
    let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
    order.sort_by_key(|&m| {
        (
            doc.mentions[m].kind != EntityType::PER,
            std::cmp::Reverse(doc.mentions[m].tokens.len()),
            m,
        )
    });
    let mut ix = NameIndex::default();
    let mut votes: HashMap<(usize, EntityType), u32> = HashMap::new();
    for m in order {
        let mention = &doc.mentions[m];
        let surface = doc.span_text(mention.tokens.clone()).to_string();
        let (name, kind, mut reason) = canonical(lx, mention, &surface);
        let canon_key = phrase_key(&name);
        let mut idx = ix.by_key.get(&canon_key).copied();
        if idx.is_none() && kind == EntityType::PER {
            if let Some(e) = ix.longer_name(&canon_key) {
                reason = Some(format!(
                    "\"{surface}\" is a short form of {}",
                    ix.entities[e].name
                ));
                idx = Some(e);
            }
        }
        let e = idx.unwrap_or_else(|| ix.add(name, kind, canon_key));
        let ent = &mut ix.entities[e];
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
    let mut entities = ix.entities;
    vote_types(lx, &mut entities, &votes);
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

/// A mention's canonical name, type and reason: a demonym's, a group's or a capital's country,
/// a gazetteer alias's entry, else its own words.
fn canonical(
    lx: &Lexicon,
    mention: &crate::doc::Mention,
    surface: &str,
) -> (String, EntityType, Option<String>) {
    let referred = || {
        mention
            .refers_to
            .clone()
            .unwrap_or_else(|| surface.to_string())
    };
    match mention.source {
        MentionSource::Demonym => {
            let c = referred();
            let r = format!("demonym \"{surface}\" refers to {c}");
            (c, EntityType::GPE, Some(r))
        }
        MentionSource::Group => {
            let c = referred();
            let r = format!("\"{surface}\" acts for {c} (demonym + group noun)");
            (c, EntityType::GPE, Some(r))
        }
        MentionSource::Capital => {
            let c = referred();
            let r = format!("\"{surface}\" is {c} (capital in the gazetteer)");
            (c, EntityType::GPE, Some(r))
        }
        _ => match lx.gazetteer(&phrase_key(surface)) {
            Some(g) if g.name != surface => (
                g.name.to_string(),
                g.kind,
                Some(format!(
                    "\"{surface}\" is an alias of {} in the gazetteer",
                    g.name
                )),
            ),
            Some(g) => (g.name.to_string(), g.kind, None),
            None => (surface.to_string(), mention.kind, None),
        },
    }
}

/// The entities made so far, by their names' keys, and the people's names by their last and
/// first words (positions in `per_full`), so that a short form finds its longer name.
#[derive(Default)]
struct NameIndex {
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    per_full: Vec<(usize, Vec<String>)>,
    by_last: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    /// The first longer person's name (in the order they came) that ends or starts with these
    /// words: only the names sharing the last or first word can.
    fn longer_name(&self, canon_key: &str) -> Option<usize> {
        let words: Vec<String> = canon_key.split(' ').map(str::to_string).collect();
        let mut candidates: Vec<usize> = [
            words.last().and_then(|w| self.by_last.get(w)),
            words.first().and_then(|w| self.by_first.get(w)),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .copied()
        .collect();
        candidates.sort_unstable();
        candidates
            .into_iter()
            .map(|k| &self.per_full[k])
            .find(|(_, full)| {
                full.len() > words.len() && (full.ends_with(&words) || full.starts_with(&words))
            })
            .map(|&(e, _)| e)
    }

    /// A new entity, indexed by its key (and a person's by its last and first words).
    fn add(&mut self, name: String, kind: EntityType, canon_key: String) -> usize {
        self.entities.push(Entity {
            name,
            kind,
            aliases: Vec::new(),
            mentions: 0,
            reasons: Vec::new(),
        });
        let e = self.entities.len() - 1;
        if kind == EntityType::PER {
            let full: Vec<String> = canon_key.split(' ').map(str::to_string).collect();
            for (map, w) in [
                (&mut self.by_last, full.last()),
                (&mut self.by_first, full.first()),
            ] {
                if let Some(w) = w {
                    map.entry(w.clone()).or_default().push(self.per_full.len());
                }
            }
            self.per_full.push((e, full));
        }
        self.by_key.insert(canon_key, e);
        e
    }
}

/// A name typed differently across the document takes its most frequent type (PER, ORG, LOC or
/// GPE; ties keep the first); gazetteer entries keep theirs.
fn vote_types(lx: &Lexicon, entities: &mut [Entity], votes: &HashMap<(usize, EntityType), u32>) {
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
            super::aliases::initials(
                "Cooperative Institute for Research in Environmental Sciences"
            )[0],
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
    fn an_adjective_is_the_party_it_opens_but_no_other_body() {
        let mut d = from_text(
            "t",
            "The Conservative Party won the election. Conservative leader Boris Johnson spoke.",
        );
        crate::testing::annotate(&mut d);
        let party = d
            .entities
            .iter()
            .find(|e| e.name == "Conservative Party")
            .unwrap();
        assert!(
            party.aliases.contains(&"Conservative".to_string()),
            "{:?}",
            d.entities
        );
        assert!(
            party.reasons.iter().any(|r| r.contains("short form")),
            "{:?}",
            party.reasons
        );
        let mut d = from_text(
            "t",
            "The Islamic State claimed the attack. Islamic leaders condemned it.",
        );
        crate::testing::annotate(&mut d);
        assert!(
            !d.entities
                .iter()
                .any(|e| e.name == "Islamic State" && e.aliases.contains(&"Islamic".to_string())),
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
