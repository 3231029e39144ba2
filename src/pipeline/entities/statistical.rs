//! The trained recogniser over a document's sentences, merged with the rules' mentions: which of
//! the names the rules found it types, which it joins or trims, and which names it adds.
use super::*;
use crate::lexicon::WordClass;

/// The trained recogniser's view of the names: it types the names the rules found (a name it
/// does not see keeps the rules' type), and adds the names the rules missed. `lower`: the
/// recogniser reads the words lower-cased (a text in capitals, for the lower-case recogniser);
/// `mixed`: the document is ordinary text, with capitals and small letters.
pub(super) fn apply_statistical(
    doc: &mut Document,
    ner: &Ner,
    lower: bool,
    mixed: bool,
    lx: &Lexicon,
) {
    if ner.is_empty() {
        return;
    }
    let mut w = crate::model::text::Words::default();
    let mut tags = Vec::new();
    let mut covered = vec![false; doc.tokens.len()];
    let mut title_tokens = vec![false; doc.tokens.len()];
    for men in &doc.mentions {
        men.tokens.clone().for_each(|k| covered[k] = true);
        if let Some(t) = &men.title_span {
            t.clone().for_each(|k| covered[k] = true);
            t.clone().for_each(|k| title_tokens[k] = true);
        }
    }
    let mut added = Vec::new();
    // rule mentions the recogniser saw as an entity; the other capitalised runs become MISC
    let mut seen = vec![false; doc.mentions.len()];
    let mut dropped = vec![false; doc.mentions.len()];
    for s in 0..doc.sentences.len() {
        let r = doc.sentences[s].tokens.clone();
        if lower {
            w.fill_lower(r.clone().map(|i| doc.token_text(i)));
        } else {
            w.fill(r.clone().map(|i| doc.token_text(i)));
        }
        tags.clear();
        tags.extend(r.clone().map(|i| doc.tokens[i].pos));
        for (a, b, ty) in ner.spans(lx, &w, &tags) {
            let (a, mut b) = (r.start + a, r.start + b);
            // a name does not run on over a preposition or another function word and small
            // words after it ("the United States Air Force for ten years"; "Bank of America"
            // and "Chakri dynasty" stay whole)
            if !lower {
                let tail = (a + 1..b)
                    .rev()
                    .take_while(|&k| small_or_number(doc.token_text(k)))
                    .last();
                if let Some(k) =
                    tail.and_then(|t| (t..b).find(|&k| doc.tokens[k].pos.is_function()))
                {
                    b = k;
                }
            }
            // a title by itself is no name ("former Foreign Secretary" read as an organisation);
            // in text with capitals, nor are words without one ("states sue U.S. President
            // Trump": "sue" is no person)
            if lx.is_title(&key_of(doc, a, b))
                || (mixed && (a..b).all(|k| without_capital(doc.token_text(k))))
            {
                continue;
            }
            let kind = [EntityType::PER, EntityType::ORG, EntityType::LOC][ty];
            // "The" opening a sentence before a name the rules found without it is no part of
            // it ("The Air Force later promoted him"), as the rules read it
            let a = if b > a + 1
                && lower_of(doc, a) == "the"
                // inside a sentence a capital says "The" is part of the name ("The Times")
                && (a == r.start || doc.token_text(a) == "the")
                && doc
                    .mentions_in(s)
                    .any(|k| doc.mentions[k].tokens == (a + 1..b))
            {
                a + 1
            } else {
                a
            };
            // the rules' mentions come sentence by sentence: this one's by binary search
            let overlapping: Vec<usize> = doc
                .mentions_in(s)
                .filter(|&k| {
                    let men = &doc.mentions[k];
                    men.tokens.start < b && a < men.tokens.end
                })
                .collect();
            // where the recogniser's span covers the rules' and more ("Air France" for "Air" and
            // "France"; "Burger King" for "Burger"), its span wins, unless a title is involved
            let same = overlapping.len() == 1 && doc.mentions[overlapping[0]].tokens == (a..b);
            let redraw = !same && (a..b).all(|k| !title_tokens[k]);
            let untitled = |men: &Mention| men.title.is_none() && men.title_of.is_none();
            let joins = redraw
                && !overlapping.is_empty()
                && overlapping.iter().all(|&k| {
                    let men = &doc.mentions[k];
                    matches!(men.source, MentionSource::Name | MentionSource::Gazetteer)
                        && untitled(men)
                        && men.tokens.start >= a
                        && men.tokens.end <= b
                });
            // a capitalised run longer than the recogniser's name is cut to it ("Hank Green
            // Awesome"), unless institution words hold it together ("Medical University of
            // Gdansk")
            let trims = redraw && overlapping.len() == 1 && {
                let men = &doc.mentions[overlapping[0]];
                men.source == MentionSource::Name
                    && untitled(men)
                    && men.tokens.start <= a
                    && men.tokens.end >= b
                    && men.tokens.clone().all(|k| {
                        let w = lower_of(doc, k);
                        w != "of"
                            && w != "&"
                            && !lx.in_class(WordClass::OrgSuffix, &w)
                            && !lx.in_class(WordClass::LocSuffix, &w)
                    })
            };
            if joins || trims {
                for &k in &overlapping {
                    dropped[k] = true;
                }
                added.push(mention(s, a..b, kind, MentionSource::Name, None));
                continue;
            }
            for &k in &overlapping {
                seen[k] = true;
                let men = &doc.mentions[k];
                let own = suffix_type(doc, lx, men.tokens.start, men.tokens.end);
                if men.source == MentionSource::Name && men.title.is_none() && own.is_none() {
                    doc.mentions[k].kind = kind;
                }
            }
            if overlapping.is_empty() && (a..b).all(|k| !covered[k]) {
                added.push(mention(s, a..b, kind, MentionSource::Name, None));
            }
        }
    }
    for (k, &was_seen) in seen.iter().enumerate() {
        let men = &doc.mentions[k];
        let titled = men.title.is_some() || men.title_of.is_some();
        if !was_seen
            && men.source == MentionSource::Name
            && !titled
            && suffix_type(doc, lx, men.tokens.start, men.tokens.end).is_none()
        {
            if lower {
                // in a text in capitals every word is a "capitalised run": only the
                // recogniser's names count
                dropped[k] = true;
            } else {
                doc.mentions[k].kind = EntityType::MISC;
            }
        }
    }
    if !added.is_empty() || dropped.contains(&true) {
        // keep mentions in text order, without the ones a joined name replaced; title_of
        // indices follow their mentions
        dropped.resize(doc.mentions.len() + added.len(), false);
        doc.mentions.extend(added);
        super::sort_mentions(doc, &dropped);
    }
}

/// Whether a word has no capital letter ("sue", "for", "10"; not "al-Assad").
fn without_capital(t: &str) -> bool {
    !t.chars().any(char::is_uppercase)
}

/// Whether a word is written in small letters or digits only ("for", "years", "10"; not
/// "al-Assad").
fn small_or_number(t: &str) -> bool {
    without_capital(t) && t.chars().any(char::is_alphanumeric)
}
