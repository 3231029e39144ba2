//! Corrections of places after the recogniser: "of" and a place after a company's legal form end
//! the company's name ("Acme Inc. of New York"), and a name set off by a comma before a state or
//! a country is a place ("of Bethany, Conn.").
use super::{lower_of, mention, replace_mentions};
use crate::doc::{Document, EntityType, Mention, MentionSource};
use crate::lexicon::{Lexicon, WordClass};

/// "Manufacturers Hanover Trust Co. of New York", "Acme Inc. of St. Petersburg": "of" and a
/// known place after a company's legal form end the company's name; the place is a mention of
/// its own (where the company is based), as CoNLL-2003 marks such names.
pub(super) fn split_form_of_place(doc: &mut Document, lx: &Lexicon) {
    let mut cuts: Vec<(usize, usize, usize, EntityType)> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.kind != EntityType::ORG || m.tokens.len() < 4 {
            continue;
        }
        let b = m.tokens.end;
        let cut = (m.tokens.start + 1..b - 2).find_map(|j| {
            if !lx.in_class(WordClass::CorporateForm, &lower_of(doc, j))
                || lower_of(doc, j + 1) != "of"
            {
                return None;
            }
            let at = if lower_of(doc, j + 2) == "the" {
                j + 3
            } else {
                j + 2
            };
            let key = crate::lexicon::phrase_key(doc.span_text(at..b));
            lx.gazetteer(&key)
                .filter(|g| g.kind.coarse() == EntityType::LOC && !g.demonym)
                .map(|g| (j + 1, at, g.kind))
        });
        if let Some((end, at, kind)) = cut {
            cuts.push((i, end, at, kind));
        }
    }
    if cuts.is_empty() {
        return;
    }
    let mut all: Vec<(usize, Mention)> = Vec::new();
    for (i, mut m) in doc.mentions.drain(..).enumerate() {
        match cuts.iter().find(|c| c.0 == i) {
            Some(&(_, end, at, kind)) => {
                let (sentence, b) = (m.sentence, m.tokens.end);
                m.tokens = m.tokens.start..end;
                all.push((i, m));
                all.push((
                    usize::MAX,
                    mention(sentence, at..b, kind, MentionSource::Gazetteer, None),
                ));
            }
            None => all.push((i, m)),
        }
    }
    replace_mentions(doc, all);
}

/// "Marie Ferraro, 50, of Bethany, Conn.", "a plant in Paris, Texas": a name set off by a comma
/// before a state or a country that closes the phrase is a place, whatever type the recogniser
/// gave it ("Bethany" is a first name too). A person's full name stays a person.
pub(super) fn retype_place_before_region(doc: &mut Document, lx: &Lexicon) {
    let mut retype = Vec::new();
    for (k, w) in doc.mentions.windows(2).enumerate() {
        let (m, next) = (&w[0], &w[1]);
        let b = m.tokens.end;
        let sentence_end = doc.sentences[m.sentence].tokens.end;
        if matches!(m.kind, EntityType::LOC | EntityType::GPE)
            || m.source == MentionSource::Gazetteer
            || m.title.is_some()
            || next.tokens.start != b + 1
            || doc.token_text(b) != ","
            || (m.tokens.len() > 1 && lx.first_name_sex(&lower_of(doc, m.tokens.start)).is_some())
        {
            continue;
        }
        let region = lx
            .gazetteer(&crate::lexicon::phrase_key(
                doc.span_text(next.tokens.clone()),
            ))
            .is_some_and(|g| lx.is_state(g.name) || lx.country_code(g.name).is_some());
        // the region closes the phrase: punctuation or the sentence's end after it
        let closes = next.tokens.end >= sentence_end
            || doc.tokens[next.tokens.end].pos == crate::doc::Pos::PUNCT;
        if region && closes {
            retype.push(k);
        }
    }
    for k in retype {
        doc.mentions[k].kind = EntityType::LOC;
    }
}
