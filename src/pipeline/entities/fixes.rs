//! Corrections to the mentions after the recogniser: a party glued to a person's name is split
//! off, and a single word that is part of a person's name elsewhere is that person.
use super::{capitalised, lower_of, mention};
use crate::doc::{Document, EntityType, Mention, MentionSource};
use crate::lexicon::Lexicon;

/// "Republican Larry Hogan", "Democrat Chuck Schumer": a party's name glued to a person's name
/// is two mentions, the party and the person (the recogniser reads the run as one organisation).
pub(super) fn split_party_prefix(doc: &mut Document, lx: &Lexicon) {
    let mut added = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.tokens.len() < 3 || m.source == MentionSource::Demonym {
            continue;
        }
        let first = lower_of(doc, m.tokens.start);
        let party = lx
            .gazetteer(&first)
            .filter(|g| g.kind == EntityType::ORG && lx.is_party(g.name));
        let Some(party) = party else { continue };
        // the rest is a person's name: it opens with a known first name
        let next = lower_of(doc, m.tokens.start + 1);
        let first_name = lx
            .open_classes(&next)
            .is_some_and(|c| c.split(',').any(|x| x.starts_with("first")));
        if !first_name || !capitalised(doc, m.tokens.start + 1) {
            continue;
        }
        added.push((i, party.kind));
    }
    if added.is_empty() {
        return;
    }
    let mut all: Vec<(usize, Mention)> = Vec::new();
    for (i, m) in doc.mentions.drain(..).enumerate() {
        if let Some(&(_, kind)) = added.iter().find(|(x, _)| *x == i) {
            let a = m.tokens.start;
            all.push((
                usize::MAX,
                mention(m.sentence, a..a + 1, kind, MentionSource::Gazetteer, None),
            ));
            let mut person = m;
            person.tokens = a + 1..person.tokens.end;
            person.kind = EntityType::PER;
            person.source = MentionSource::Name;
            all.push((i, person));
        } else {
            all.push((i, m));
        }
    }
    // keep the document order, and the title owners' indices pointing at the same mentions
    let mut remap = vec![0usize; all.len() + added.len()];
    for (new, (old, _)) in all.iter().enumerate() {
        if *old != usize::MAX {
            remap[*old] = new;
        }
    }
    doc.mentions = all
        .into_iter()
        .map(|(_, mut m)| {
            m.title_of = m.title_of.map(|o| remap[o]);
            m
        })
        .collect();
}

/// A single-word name that is the first or last word of a person's name elsewhere in the document
/// is that person ("Zelenskiy" after "Volodymyr Zelenskiy").
pub(super) fn retype_short_names(doc: &mut Document) {
    let per_parts: std::collections::HashSet<String> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::PER && m.tokens.len() > 1)
        .flat_map(|m| {
            [
                doc.token_text(m.tokens.start).to_string(),
                doc.token_text(m.tokens.end - 1).to_string(),
            ]
        })
        .collect();
    for m in doc.mentions.iter_mut() {
        if m.tokens.len() == 1 && m.source == MentionSource::Name && m.kind != EntityType::PER {
            let t = &doc.text[doc.tokens[m.tokens.start].start..doc.tokens[m.tokens.start].end];
            if per_parts.contains(t) {
                m.kind = EntityType::PER;
            }
        }
    }
}
