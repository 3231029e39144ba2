//! Names the recogniser cut into pieces, joined back into one: a known party's name ("Law and
//! Justice Party"), a body's name over "and" ("the House Oversight and Reform Committee") or with
//! a common noun's possessive inside ("People's Protection Units", "Fishmongers' Hall").
use super::{capitalised, lower_of, mention};
use crate::doc::{Document, EntityType, Mention, MentionSource};
use crate::lexicon::{Lexicon, WordClass};
use std::ops::Range;

/// "the conservative Law and Justice Party": a known party's name of two words or more (as
/// `parties_open.tsv` spells it), with "Party" after it or not, is one organisation, whatever
/// pieces the recogniser cut it into ("Law", "Justice Party").
pub(super) fn join_party_names(doc: &mut Document, lx: &Lexicon) {
    const LONGEST: usize = 6;
    let mut joined: Vec<(usize, Range<usize>, EntityType)> = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        let mut i = a;
        while i < b {
            let found = capitalised(doc, i)
                .then(|| {
                    (2..=LONGEST.min(b - i)).rev().find(|&l| {
                        capitalised(doc, i + l - 1)
                            && !lx.parties_named(doc.span_text(i..i + l)).is_empty()
                    })
                })
                .flatten();
            let Some(l) = found else {
                i += 1;
                continue;
            };
            let mut e = i + l;
            if e < b && capitalised(doc, e) && lower_of(doc, e) == "party" {
                e += 1;
            }
            if pieces(doc, i..e).is_some() {
                joined.push((s, i..e, EntityType::ORG));
            }
            i = e;
        }
    }
    join_spans(doc, joined);
}

/// "the House Oversight and Reform Committee", "the Search and Rescue Agency": after "the",
/// capitalised words joined by "and" (or "&", and "of" / "for" inside) up to a last word that
/// ends organisations' names (`org_suffix`: "Committee", "Agency", "Foundation") are one
/// organisation, however the recogniser cut them. A run that opens with a place's name ("the
/// United States and European Union") stays apart.
pub(super) fn join_and_org_names(doc: &mut Document, lx: &Lexicon) {
    const LONGEST: usize = 9;
    let word = |doc: &Document, k: usize| {
        capitalised(doc, k) && doc.token_text(k).chars().all(char::is_alphabetic)
    };
    let mut joined: Vec<(usize, Range<usize>, EntityType)> = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        let mut i = a + 1;
        while i < b {
            if !word(doc, i) || !doc.token_text(i - 1).eq_ignore_ascii_case("the") {
                i += 1;
                continue;
            }
            // the run of capitalised words and joining words, and its last organisation word
            let (mut k, mut and, mut end) = (i, false, None);
            while k < b && k - i < LONGEST {
                let t = lower_of(doc, k);
                if word(doc, k) {
                    if and && lx.in_class(WordClass::OrgSuffix, &t) {
                        end = Some(k + 1);
                    }
                } else if matches!(t.as_str(), "and" | "&" | "of" | "for")
                    && k > i
                    && k + 1 < b
                    && word(doc, k + 1)
                {
                    and |= matches!(t.as_str(), "and" | "&");
                } else {
                    break;
                }
                k += 1;
            }
            let Some(e) = end else {
                i = k.max(i + 1);
                continue;
            };
            let place_first = |ms: &[&Mention]| {
                ms.first().is_some_and(|m| {
                    m.tokens.start == i && matches!(m.kind, EntityType::GPE | EntityType::LOC)
                })
            };
            if pieces(doc, i..e).is_some_and(|ms| !ms.is_empty() && !place_first(&ms)) {
                joined.push((s, i..e, EntityType::ORG));
            }
            i = e;
        }
    }
    join_spans(doc, joined);
}

/// The mentions that overlap `span`, when all lie inside it and they are not already one mention
/// of exactly that span: only pieces inside a name are joined (a longer name holding it, "Syrian
/// Democratic Forces", stays, and so does a name that is already whole). None otherwise.
fn pieces(doc: &Document, span: Range<usize>) -> Option<Vec<&Mention>> {
    let overlapping: Vec<&Mention> = doc
        .mentions
        .iter()
        .filter(|m| m.tokens.start < span.end && span.start < m.tokens.end)
        .collect();
    let inside = overlapping
        .iter()
        .all(|m| span.start <= m.tokens.start && m.tokens.end <= span.end);
    let whole = overlapping.len() == 1 && overlapping[0].tokens == span;
    (inside && !whole).then_some(overlapping)
}

/// Puts one mention over each of `joined` (sentence, tokens, type): it takes the place of its
/// first piece, the pieces inside it go, and the title owners' indices follow their mentions (a
/// piece that was an owner hands the role to the joined name). A name with no recognised piece
/// at all is added, and the mentions are put back in order.
fn join_spans(doc: &mut Document, joined: Vec<(usize, Range<usize>, EntityType)>) {
    if joined.is_empty() {
        return;
    }
    let mut emitted: Vec<Option<usize>> = vec![None; joined.len()];
    let mut remap = vec![usize::MAX; doc.mentions.len()];
    let mut out: Vec<Mention> = Vec::with_capacity(doc.mentions.len());
    for (old, m) in doc.mentions.drain(..).enumerate() {
        let within = |r: &Range<usize>| r.start <= m.tokens.start && m.tokens.end <= r.end;
        match joined.iter().position(|(_, r, _)| within(r)) {
            Some(k) => match emitted[k] {
                Some(at) => remap[old] = at,
                None => {
                    emitted[k] = Some(out.len());
                    remap[old] = out.len();
                    let (s, r, kind) = joined[k].clone();
                    out.push(mention(s, r, kind, MentionSource::Gazetteer, None));
                }
            },
            None => {
                remap[old] = out.len();
                out.push(m);
            }
        }
    }
    for (k, (s, r, kind)) in joined.into_iter().enumerate() {
        if emitted[k].is_none() {
            out.push(mention(s, r, kind, MentionSource::Gazetteer, None));
        }
    }
    for m in &mut out {
        m.title_of = m.title_of.map(|o| remap[o]).filter(|&o| o != usize::MAX);
    }
    doc.mentions = out;
    super::sort_mentions(doc, &[]);
}

/// "the House Committee on Foreign Affairs", "the American Society for Biochemistry and Molecular
/// Biology": a body's name whose last word ends organisations' names (`org_suffix`), then "on",
/// "for" or "of" and capitalised words (with "and", "&" or "of" between them), is one
/// organisation, however the recogniser cut it (a weekday or a month ends the run: "the Court on
/// Monday"). An "of" phrase that is a place's name alone ("the Foreign Ministry of Russia") stays
/// apart, and so does a run that holds a person's name.
pub(super) fn join_org_complements(doc: &mut Document, lx: &Lexicon) {
    const LONGEST: usize = 6;
    let word = |doc: &Document, k: usize| {
        capitalised(doc, k)
            && doc
                .token_text(k)
                .chars()
                .all(|c| c.is_alphabetic() || c == '-')
    };
    let mut joined: Vec<(usize, Range<usize>, EntityType)> = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        for p in a + 1..b.saturating_sub(1) {
            let prep = lower_of(doc, p);
            let h = p - 1;
            if !matches!(prep.as_str(), "on" | "for" | "of")
                || !word(doc, h)
                || !lx.in_class(WordClass::OrgSuffix, &lower_of(doc, h))
                || joined.last().is_some_and(|(_, r, _)| r.contains(&h))
            {
                continue;
            }
            let ms = &doc.mentions[doc.mentions_in(s)];
            let head = ms.iter().find(|m| m.tokens.start <= h && h < m.tokens.end);
            if head.is_some_and(|m| m.tokens.end != p || m.kind == EntityType::PER) {
                continue;
            }
            let start = head.map_or(h, |m| m.tokens.start);
            let (mut k, mut end) = (p + 1, None);
            while k < b && k - p <= LONGEST {
                if word(doc, k) && !lx.is_nonentity(&lower_of(doc, k)) {
                    end = Some(k + 1);
                } else if !(matches!(lower_of(doc, k).as_str(), "and" | "&" | "of")
                    && k + 1 < b
                    && word(doc, k + 1))
                {
                    break;
                }
                k += 1;
            }
            let Some(e) = end else { continue };
            let after: Vec<&Mention> = ms
                .iter()
                .filter(|m| m.tokens.start < e && p < m.tokens.end)
                .collect();
            let person = after.iter().any(|m| m.kind == EntityType::PER);
            let place_alone = prep == "of"
                && after.len() == 1
                && after[0].tokens == (p + 1..e)
                && matches!(after[0].kind, EntityType::GPE | EntityType::LOC);
            if !person && !place_alone && pieces(doc, start..e).is_some() {
                joined.push((s, start..e, EntityType::ORG));
            }
        }
    }
    join_spans(doc, joined);
}

/// "the People's Protection Units", "Fishmongers' Hall", "the Kurdistan Workers' Party": a
/// capitalised common noun ("People", "Workers"; or a word no treebank has, in a plural's "s'"),
/// its possessive and the name after it are one name, however the recogniser cut them. A name's
/// possessive stays apart ("Britain's Labour Party", "Wikinews' Nicholas Moreau"), and so does a
/// word that ends a longer name ("the United States' National Science Foundation"). The name
/// is typed by its last word's class, else by the name after the possessive, else as an
/// organisation.
pub(super) fn join_possessive_names(doc: &mut Document, lx: &Lexicon) {
    let mut joined: Vec<(usize, Range<usize>, EntityType)> = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        for k in a..b.saturating_sub(2) {
            let poss = doc.token_text(k + 1);
            if !capitalised(doc, k) || !matches!(poss, "'s" | "'" | "’s" | "’") {
                continue;
            }
            let lower = lower_of(doc, k);
            let noun = match lx.readings(&lower).first() {
                Some(r) => r.pos == crate::doc::Pos::NOUN,
                None => !poss.ends_with('s') && lower.ends_with('s'),
            };
            if !noun {
                continue;
            }
            let ms = &doc.mentions[doc.mentions_in(s)];
            let own = ms.iter().find(|m| m.tokens.contains(&k));
            if own.is_some_and(|m| m.tokens != (k..k + 1)) {
                continue;
            }
            let Some(after) = ms.iter().find(|m| m.tokens.start == k + 2) else {
                continue;
            };
            if after.kind == EntityType::PER
                || lx.gazetteer(&super::mention_key(doc, after)).is_some()
            {
                continue;
            }
            let span = k..after.tokens.end;
            let kind = super::suffix_type(doc, lx, span.start, span.end)
                .or((after.kind != EntityType::MISC).then_some(after.kind))
                .unwrap_or(EntityType::ORG);
            if pieces(doc, span.clone()).is_some() {
                joined.push((s, span, kind));
            }
        }
    }
    join_spans(doc, joined);
}

/// "the U.S. Constitution", "the Iraq War", "the Chicago Marathon": a place right before a MISC
/// name, with nothing between them, is the first word of that name, however the recogniser and
/// the gazetteer cut it ("U.S." a country, "Constitution" a name). A people, a place or a known
/// party after the place stays apart ("Turkey Kurds", "Paris France"), and so do names that hold
/// or stand before a title ("U.S. Assistant Secretary"); the name is typed by its words' class,
/// else MISC. And a place the recogniser cut after an organisation's "of" goes back into it
/// whole ("the National Police Agency of South" and "Korea"). Not in a headline in capitals.
pub(super) fn join_place_and_name(doc: &mut Document, lx: &Lexicon) {
    let mut joined: Vec<(usize, Range<usize>, EntityType)> = Vec::new();
    let untitled =
        |m: &Mention| m.title.is_none() && m.title_of.is_none() && m.title_span.is_none();
    for (s, sent) in doc.sentences.iter().enumerate() {
        // a headline in capitals sets every word apart alike ("SOCCER - FRANCE LEAGUE")
        let small = sent
            .tokens
            .clone()
            .filter(|&k| doc.token_text(k).chars().any(char::is_lowercase))
            .count();
        if small * 2 < sent.tokens.len() {
            continue;
        }
        let ms = &doc.mentions[doc.mentions_in(s)];
        for w in ms.windows(2) {
            let (first, second) = (&w[0], &w[1]);
            // "the National Police Agency of South" and "Korea": a place cut by the organisation
            // before it, after that organisation's "of", goes back into it whole
            if first.tokens.end == second.tokens.start
                && first.kind == EntityType::ORG
                && matches!(second.kind, EntityType::GPE | EntityType::LOC)
                && (first.tokens.start + 2..first.tokens.end).any(|j| {
                    lower_of(doc, j - 1) == "of"
                        && !lx.in_class(WordClass::CorporateForm, &lower_of(doc, j - 2))
                        && lx
                            .gazetteer(&crate::lexicon::phrase_key(
                                doc.span_text(j..second.tokens.end),
                            ))
                            .is_some()
                })
            {
                joined.push((s, first.tokens.start..second.tokens.end, EntityType::ORG));
                continue;
            }
            if first.tokens.end != second.tokens.start
                || !matches!(first.kind, EntityType::GPE | EntityType::LOC)
                || second.kind != EntityType::MISC
                || !untitled(first)
                || !untitled(second)
                || !capitalised(doc, second.tokens.start)
                || joined
                    .last()
                    .is_some_and(|(_, r, _)| r.end > first.tokens.start)
            {
                continue;
            }
            let key = super::mention_key(doc, second);
            let people = second.tokens.len() == 1 && key.ends_with('s');
            // "U.S. Assistant Secretary", "Hong Kong Financial Secretary": a title's words
            let titled = lx.is_title(&lower_of(doc, second.tokens.start))
                || (second.tokens.end < sent.tokens.end
                    && lx.is_title(&lower_of(doc, second.tokens.end)));
            if people
                || titled
                || lx.gazetteer(&key).is_some()
                || !lx
                    .parties_named(doc.span_text(second.tokens.clone()))
                    .is_empty()
            {
                continue;
            }
            let span = first.tokens.start..second.tokens.end;
            let kind = super::suffix_type(doc, lx, span.start, span.end).unwrap_or(second.kind);
            joined.push((s, span, kind));
        }
    }
    join_spans(doc, joined);
}
