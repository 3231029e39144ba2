//! The type a name not in the gazetteers gets from its own words: a suffix ("... University" an
//! organisation, "... River" a place, "Labor Day" neither), an acronym (an organisation), or how
//! often its words are first names, organisation words or place words in the open lists.
use super::lower_of;
use crate::doc::{Document, EntityType};
use crate::lexicon::{Lexicon, WordClass};

/// Whether a single capitalised word can be a name by itself: not one letter, not a function word
/// ("At", "The" after a quote).
pub(super) fn is_name_word(doc: &Document, lx: &Lexicon, i: usize) -> bool {
    let t = doc.token_text(i);
    if t.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    !lx.is_function_word(&t.to_lowercase())
}

/// The type a name's own words give it: "... University" is an organisation, "... River" a place.
pub(super) fn suffix_type(doc: &Document, lx: &Lexicon, a: usize, b: usize) -> Option<EntityType> {
    // "Labor Day", "Christmas Eve": named days are no people, places or organisations
    if b - a > 1 && lx.in_class(WordClass::MiscSuffix, &lower_of(doc, b - 1)) {
        return Some(EntityType::MISC);
    }
    if b - a > 1
        && (a..b).any(|k| {
            lx.in_class(WordClass::OrgSuffix, &lower_of(doc, k)) || doc.token_text(k) == "&"
        })
    {
        return Some(EntityType::ORG);
    }
    if b - a > 1 && lx.in_class(WordClass::LocSuffix, &lower_of(doc, b - 1)) {
        return Some(EntityType::LOC);
    }
    None
}

/// The type of a name that is not in the gazetteer.
pub(super) fn name_type(doc: &Document, lx: &Lexicon, a: usize, b: usize) -> EntityType {
    if let Some(t) = suffix_type(doc, lx, a, b) {
        return t;
    }
    if (a..b).any(|k| {
        doc.token_text(k)
            .chars()
            .filter(|c| c.is_uppercase())
            .count()
            >= 2
            && doc.token_text(k).chars().count() <= 6
    }) {
        // acronyms: organisations more often than anything else
        return EntityType::ORG;
    }
    let mut c = [0u32; 3];
    for k in a..b {
        let n = lx.name_counts(doc.token_text(k));
        for j in 0..3 {
            c[j] += n[j];
        }
    }
    let total: u32 = c.iter().sum();
    if total >= 2 {
        let best = (0..3).max_by_key(|&j| (c[j], 2 - j)).unwrap_or(0);
        if c[best] * 3 >= total * 2 || b - a == 1 {
            return [EntityType::PER, EntityType::ORG, EntityType::LOC][best];
        }
    }
    if (2..=4).contains(&(b - a)) {
        EntityType::PER
    } else {
        EntityType::MISC
    }
}
