//! Part-of-speech tags and lemmas: the trained tagger and lemmatizer (`model::tagger`), or, when no
//! model is available, the lexicon derived from UD treebanks with context rules (capitalised
//! mid-sentence words are proper nouns; after a determiner a noun, after "to" or a modal a verb).
use crate::doc::{Document, Pos};
use crate::lexicon::VerbClass;
use crate::lexicon::{Lexicon, Reading};
use crate::model::{text::Words, Models};
use std::borrow::Cow;

/// Pipeline stage: assigns `pos` and `lemma` to every token (reads: tokens, sentences).
pub fn tag(doc: &mut Document, m: &Models, lx: &Lexicon) {
    if m.tagger.is_empty() {
        return tag_with_rules(doc, lx);
    }
    let mut w = Words::default();
    let (mut tags, mut alts) = (Vec::new(), Vec::new());
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        w.fill(
            range
                .clone()
                .map(|i| &doc.text[doc.tokens[i].start..doc.tokens[i].end]),
        );
        m.tagger.tag_alt(lx, &w, &mut tags, &mut alts);
        for (k, i) in range.enumerate() {
            // a picture is a symbol whatever the model makes of a character it never saw
            let t = &doc.text[doc.tokens[i].start..doc.tokens[i].end];
            let pos = if super::tokenize::is_picture(t) {
                tags[k] = Pos::SYM;
                Pos::SYM
            } else {
                tags[k]
            };
            doc.tokens[i].pos = pos;
            doc.tokens[i].pos_alt = alts[k];
            doc.tokens[i].lemma = m.lemmatizer.lemma_text_at(lx, &w, k, &tags);
        }
    }
}

fn has(readings: &[Reading], pos: Pos) -> Option<&Reading> {
    readings.iter().find(|r| r.pos == pos)
}

const SUBJECT_PRONOUNS: &[&str] = &[
    "i", "you", "he", "she", "we", "they", "it", "who", "which", "that",
];
const MODALS: &[&str] = &[
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "to",
];

/// The rule tagger used when no trained model is embedded.
pub fn tag_with_rules(doc: &mut Document, lx: &Lexicon) {
    let mut lower = String::new();
    let mut prev_lower = String::new();
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        let mut prev = Pos::X;
        for i in range.clone() {
            let t = &doc.text[doc.tokens[i].start..doc.tokens[i].end];
            lower.clear();
            lower.extend(t.chars().flat_map(char::to_lowercase));
            let first = t.chars().next().unwrap_or(' ');
            let initial =
                i == range.start || matches!(prev_lower.as_str(), "\"" | "'" | "(" | ":" | "-");
            let readings = lx.readings(&lower);
            let (pos, lemma): (Pos, Option<&'static str>) = if !t.chars().any(char::is_alphanumeric)
            {
                (
                    if readings.is_empty() {
                        if "$%#&@+=<>".contains(first) {
                            Pos::SYM
                        } else {
                            Pos::PUNCT
                        }
                    } else {
                        readings[0].pos
                    },
                    None,
                )
            } else if first.is_ascii_digit() {
                (Pos::NUM, None)
            } else if first.is_uppercase()
                && lower != "i"
                && (!initial
                    || readings.is_empty()
                    || has(readings, Pos::PROPN).is_some_and(|r| r.count * 2 >= readings[0].count))
            {
                match readings.first() {
                    Some(r) if r.pos == Pos::ADJ && !initial => (Pos::ADJ, None),
                    Some(r) if initial && r.pos != Pos::PROPN && r.pos != Pos::NOUN => {
                        (r.pos, Some(r.lemma))
                    }
                    _ => (Pos::PROPN, None),
                }
            } else if readings.is_empty() {
                guess(&lower)
            } else {
                let top = readings[0];
                let verb = has(readings, Pos::VERB);
                let noun = has(readings, Pos::NOUN);
                let r = match (verb, noun) {
                    (Some(v), Some(n)) => {
                        if matches!(prev, Pos::DET | Pos::ADJ | Pos::NUM)
                            || (prev == Pos::PRON
                                && !SUBJECT_PRONOUNS.contains(&prev_lower.as_str()))
                            || (prev.is_verbal() && !matches!(prev_lower.as_str(), "to"))
                                && !(prev == Pos::AUX
                                    || lx.verb_class(&prev_lower) == Some(VerbClass::Hedge)
                                    || prev_lower.ends_with("ing"))
                        {
                            *n
                        } else if MODALS.contains(&prev_lower.as_str())
                            || prev == Pos::PROPN
                            || (prev == Pos::PRON
                                && SUBJECT_PRONOUNS.contains(&prev_lower.as_str()))
                            || prev == Pos::AUX
                        {
                            *v
                        } else {
                            top
                        }
                    }
                    _ => top,
                };
                (
                    r.pos,
                    if r.lemma == lower {
                        None
                    } else {
                        Some(r.lemma)
                    },
                )
            };
            doc.tokens[i].pos = pos;
            doc.tokens[i].lemma = lemma.map(Cow::Borrowed);
            prev = pos;
            std::mem::swap(&mut prev_lower, &mut lower);
        }
    }
}

/// Tag and lemma of a word the lexicon does not know, from its suffix.
fn guess(lower: &str) -> (Pos, Option<&'static str>) {
    let pos = if lower.ends_with("ly") {
        Pos::ADV
    } else if lower.ends_with("ing")
        || lower.ends_with("ed")
        || lower.ends_with("ize")
        || lower.ends_with("ise")
    {
        Pos::VERB
    } else if lower.ends_with("ous")
        || lower.ends_with("ful")
        || lower.ends_with("ive")
        || lower.ends_with("able")
        || lower.ends_with("ic")
        || lower.ends_with("al")
    {
        Pos::ADJ
    } else {
        Pos::NOUN
    };
    (pos, None)
}

/// Lemma of a verb form the lexicon does not know ("supplied" → "supply").
pub fn verb_lemma(lx: &Lexicon, lower: &str) -> String {
    if let Some(r) = lx.readings(lower).iter().find(|r| r.pos.is_verbal()) {
        return r.lemma.to_string();
    }
    for (suf, rep) in [
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ] {
        if let Some(stem) = lower.strip_suffix(suf) {
            if stem.len() >= 3 {
                return format!("{stem}{rep}");
            }
        }
    }
    lower.to_string()
}

#[cfg(test)]
mod tests {
    use crate::doc::Pos;
    use crate::ingest::from_text;
    use crate::pipeline::{sentences, tokenize};

    fn tags(text: &str) -> Vec<(String, Pos, String)> {
        let mut d = from_text("t", text);
        tokenize::tokenize(&mut d);
        sentences::split(&mut d);
        let p = crate::testing::pipeline();
        super::tag(&mut d, p.models(), p.lexicon());
        (0..d.tokens.len())
            .map(|i| {
                (
                    d.token_text(i).to_string(),
                    d.tokens[i].pos,
                    d.lemma(i).into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn verbs_nouns_and_names() {
        let t = tags("The minister warned China about the supplies and was carrying arms.");
        assert_eq!(t[2].1, Pos::VERB);
        assert_eq!(t[2].2, "warn");
        assert_eq!(t[3].1, Pos::PROPN);
        assert_eq!(t[6].1, Pos::NOUN);
        assert_eq!(t[9].2, "carry");
        assert_eq!(t[10].1, Pos::NOUN);
    }

    #[test]
    fn signs_after_a_verb_are_a_noun() {
        let t = tags("NATO has seen signs that China signed it.");
        assert_eq!(t[3].1, Pos::NOUN, "{t:?}");
        assert_eq!(t[6].1, Pos::VERB, "{t:?}");
    }
}
