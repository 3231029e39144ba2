//! Entity mentions: titles are split off names ("NATO Secretary General Jens Stoltenberg" is NATO,
//! a title, and the person Jens Stoltenberg), capitalised runs and gazetteer phrases become typed
//! mentions (PER, ORG, GPE, LOC, MISC), demonyms point at their country, and "Russian forces" or
//! "the Ukrainian capital" become mentions of Russia and Kyiv.
use crate::doc::{Document, EntityType, Mention, MentionSource, Pos};
use crate::lexicon::WordClass;
use crate::lexicon::{phrase_key, Lexicon};
use crate::model::ner::Ner;

mod fixes;
mod joins;
use joins::{
    join_and_org_names, join_org_complements, join_party_names, join_place_and_name,
    join_possessive_names,
};
mod places;
mod statistical;
mod types;
pub(crate) use fixes::speaker_label;
use fixes::{
    extend_regnal_numbers, join_hyphenated, join_name_particles, join_name_suffixes,
    retype_org_word_ends, retype_short_names, retype_speaker_labels, retype_teams_in_results,
    retype_titled_appositions, split_party_prefix,
};
use places::{retype_place_before_region, split_form_of_place};
use statistical::apply_statistical;
use types::{is_name_word, name_type, suffix_type};

/// Words after which "of" may continue a name ("University of Gdańsk", "Republic of Poland").
const OF_HEADS: &[&str] = &[
    "republic",
    "kingdom",
    "state",
    "states",
    "bank",
    "house",
    "ministry",
    "minister",
    "secretary",
    "department",
    "university",
    "court",
    "league",
    "people",
    "museum",
    "church",
    "archdiocese",
];

fn lower_of(doc: &Document, i: usize) -> String {
    doc.token_text(i).to_lowercase()
}

/// The lower-cased words of tokens `a..b`, joined by spaces (the key of the word lists).
pub(crate) fn key_of(doc: &Document, a: usize, b: usize) -> String {
    let mut k = String::new();
    for i in a..b {
        if i > a {
            k.push(' ');
        }
        k.extend(doc.token_text(i).chars().flat_map(char::to_lowercase));
    }
    k
}

fn capitalised(doc: &Document, i: usize) -> bool {
    let text = doc.token_text(i);
    text.chars().next().is_some_and(char::is_uppercase) || elided_name(text)
}

/// A name with an elided particle, written with a small letter ("d'Estaing", "l'Aquila").
fn elided_name(text: &str) -> bool {
    let mut c = text.chars();
    matches!(c.next(), Some('d' | 'l'))
        && matches!(c.next(), Some('\'' | '\u{2019}'))
        && c.next().is_some_and(char::is_uppercase)
}

/// Whether a token can be part of a name.
fn name_like(doc: &Document, lx: &Lexicon, i: usize) -> bool {
    let t = &doc.tokens[i];
    let text = doc.token_text(i);
    let first = text.chars().next();
    elided_name(text)
        || (capitalised(doc, i)
            && (matches!(t.pos, Pos::PROPN | Pos::ADJ | Pos::NOUN | Pos::X)
                // a capitalised word that starts a gazetteer name, whatever its tag ("United States")
                || lx.gazetteer_len(&lower_of(doc, i)) > 1)
            && text != "I")
        || (t.pos == Pos::PROPN
            && first.is_some_and(char::is_alphabetic)
            && !first.is_some_and(char::is_lowercase))
}

/// The title of tokens `a..b` as the word lists write it, abbreviations spelt out:
/// "prime-minister" (tokenised "prime - minister") is "prime minister", "Lt. Gen." is
/// "lieutenant general".
pub(crate) fn title_key(doc: &Document, lx: &Lexicon, a: usize, b: usize) -> String {
    lx.spell_title(&key_of(doc, a, b).replace(" - ", " "))
}

/// Longest title starting at token `i` (end index), if any.
pub(crate) fn title_at(doc: &Document, lx: &Lexicon, i: usize, end: usize) -> Option<usize> {
    let max = lx.title_len(&lower_of(doc, i));
    (1..=max.min(end - i))
        .rev()
        .map(|l| i + l)
        .find(|&e| lx.is_title(&key_of(doc, i, e)))
}

/// Longest title ending right before token `end` and starting at `lo` or later (its start index),
/// if any: the title before "of" in "the archbishop of Lyon".
pub(crate) fn title_ending_at(
    doc: &Document,
    lx: &Lexicon,
    lo: usize,
    end: usize,
) -> Option<usize> {
    let lo = lo.max(end.saturating_sub(lx.titles_max));
    (lo..end).find(|&j| lx.is_title(&key_of(doc, j, end)))
}

/// Longest gazetteer phrase starting at token `i` (end index and entry), if any.
fn gaz_at<'a>(
    doc: &Document,
    lx: &'a Lexicon,
    i: usize,
    end: usize,
) -> Option<(usize, &'a crate::lexicon::GazEntry)> {
    if !capitalised(doc, i) {
        return None;
    }
    let max = lx.gazetteer_len(&lower_of(doc, i));
    (1..=max.min(end - i))
        .rev()
        .map(|l| i + l)
        .find_map(|e| lx.gazetteer(&key_of(doc, i, e)).map(|g| (e, g)))
        .filter(|&(e, _)| capitalised(doc, e - 1) || doc.token_text(e - 1).contains('.'))
}

/// How a document is cased ([`crate::model::ner::casing`]): text without capitals or in
/// capitals throughout is for the recogniser trained on lower-cased text
/// ([`crate::model::Models::ner_for`]).
pub fn casing(doc: &Document) -> crate::model::ner::Casing {
    crate::model::ner::casing(
        doc.sentences
            .iter()
            .map(|s| s.tokens.clone().map(|i| doc.token_text(i))),
    )
}

/// Pipeline stage: fills `doc.mentions` (reads: tokens, tags, sentences).
/// The trained recogniser is picked by the document's casing ([`casing`]).
pub fn recognise(doc: &mut Document, models: &crate::model::Models, lx: &Lexicon) {
    let mut mentions = Vec::new();
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        sentence_mentions(doc, lx, s, range.start, range.end, &mut mentions);
    }
    doc.mentions = mentions;
    let cased = casing(doc);
    let (ner, lower) = models.ner_for(cased);
    apply_statistical(
        doc,
        ner,
        lower,
        cased == crate::model::ner::Casing::Mixed,
        lx,
    );
    split_party_prefix(doc, lx);
    split_form_of_place(doc, lx);
    join_party_names(doc, lx);
    join_and_org_names(doc, lx);
    join_org_complements(doc, lx);
    join_possessive_names(doc, lx);
    join_place_and_name(doc, lx);
    retype_teams_in_results(doc, lx);
    extend_regnal_numbers(doc);
    join_name_suffixes(doc, lx);
    join_name_particles(doc, lx);
    retype_titled_appositions(doc, lx);
    retype_place_before_region(doc, lx);
    retype_org_word_ends(doc, lx);
    retype_short_names(doc, lx);
    sort_mentions(doc, &[]);
    join_hyphenated(doc);
    retype_speaker_labels(doc, lx);
}

/// Puts `all` in place of the document's mentions, in its order, each with the index it had
/// before (`usize::MAX` for a mention added): the indices mentions hold (`title_of`) keep
/// pointing at the same mentions.
pub(super) fn replace_mentions(doc: &mut Document, all: Vec<(usize, Mention)>) {
    let mut remap = vec![0usize; all.len()];
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

/// Puts the mentions in the order of their first token (and last), as the later stages expect
/// ([`Document::mentions_in`]), leaving out those marked in `dropped` (a shorter slice drops none
/// past its end); the indices mentions hold (`title_of`) follow, and point nowhere when their
/// mention was dropped. The rules and the recogniser nearly always leave them sorted: then, with
/// nothing dropped, this only checks.
pub(super) fn sort_mentions(doc: &mut Document, dropped: &[bool]) {
    let key = |m: &Mention| (m.tokens.start, m.tokens.end);
    let is_dropped = |i: usize| dropped.get(i).copied().unwrap_or(false);
    if !dropped.contains(&true) && doc.mentions.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut order: Vec<usize> = (0..doc.mentions.len())
        .filter(|&i| !is_dropped(i))
        .collect();
    order.sort_by_key(|&i| key(&doc.mentions[i]));
    let mut new_index = vec![None; doc.mentions.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = Some(new);
    }
    let mut slots: Vec<Option<Mention>> = std::mem::take(&mut doc.mentions)
        .into_iter()
        .map(Some)
        .collect();
    doc.mentions = order
        .iter()
        .map(|&i| slots[i].take().expect("each mention once"))
        .collect();
    for m in doc.mentions.iter_mut() {
        m.title_of = m.title_of.and_then(|t| new_index[t]);
    }
}

struct Pending {
    title: Option<(usize, usize)>,
    title_of: Option<usize>,
}

fn sentence_mentions(
    doc: &Document,
    lx: &Lexicon,
    s: usize,
    a: usize,
    b: usize,
    out: &mut Vec<Mention>,
) {
    let first = out.len();
    let mut i = a;
    let mut pending = Pending {
        title: None,
        title_of: None,
    };
    let mut last_org_or_gpe: Option<usize> = None;
    while i < b {
        // "former", "current", "Ex-" before a title are not names
        if lx.in_class(WordClass::TitleModifier, &lower_of(doc, i)) {
            let mut k = i + 1;
            if k < b && doc.token_text(k) == "-" {
                k += 1;
            }
            if k < b && title_at(doc, lx, k, b).is_some() {
                i = k;
                continue;
            }
        }
        // a title before a name: remember it for the name that follows
        if let Some(te) = title_at(doc, lx, i, b) {
            let mut after = te;
            // "Prime Minister of Poland Mateusz Morawiecki"
            let mut of_target = None;
            if after + 1 < b && lower_of(doc, after) == "of" {
                let start = if lower_of(doc, after + 1) == "the" {
                    after + 2
                } else {
                    after + 1
                };
                if let Some((ge, g)) = (start < b).then(|| gaz_at(doc, lx, start, b)).flatten() {
                    if ge < b && name_like(doc, lx, ge) && !g.demonym {
                        out.push(mention(
                            s,
                            start..ge,
                            g.kind,
                            MentionSource::Gazetteer,
                            None,
                        ));
                        of_target = Some(out.len() - 1);
                        after = ge;
                    }
                } else if start + 1 < b
                    && capitalised(doc, start)
                    && doc.tokens[start].pos == Pos::PROPN
                    && lx.first_name_sex(&lower_of(doc, start + 1)).is_some()
                    && name_like(doc, lx, start + 1)
                {
                    // "Secretary of Justice Wanda Vázquez", "Minister of Health Ana Ruiz": the
                    // office's one capitalised word is the title's, the first name starts the name
                    after = start + 1;
                }
            }
            // further titles ("Deputy Prime Minister", "former President")
            while let Some(te2) = (after < b).then(|| title_at(doc, lx, after, b)).flatten() {
                after = te2;
            }
            if after < b
                && name_like(doc, lx, after)
                && title_at(doc, lx, after, b).is_none()
                && !org_word_after(doc, lx, after, b)
            {
                // the owner named right before the title, or its acronym in brackets there
                // ("Organisation of Islamic Cooperation (OIC) head Yousef Al-Othaimeen")
                let title_of = of_target.or(last_org_or_gpe.filter(|&m| {
                    let end = out[m].tokens.end;
                    end == i || end + 1 == i && doc.token_text(end) == ")"
                }));
                pending = Pending {
                    title: Some((i, te)),
                    title_of,
                };
                i = after;
                continue;
            }
            if capitalised(doc, i) {
                // a capitalised title with no name after it ("Speaker", "President") is no entity
                i = te;
                continue;
            }
        }
        if !name_like(doc, lx, i) || lx.is_nonentity(&lower_of(doc, i)) {
            i += 1;
            pending = Pending {
                title: None,
                title_of: None,
            };
            continue;
        }
        // a capitalised run, joined by "of (the)" after institution words
        let start = i;
        let mut end = i + 1;
        loop {
            // a date word may continue a name ("Theresa May") but never starts one
            let continues_name = end < b
                && doc.tokens[end].pos == Pos::PROPN
                && !lx.is_nonentity(&lower_of(doc, end - 1))
                && !(end + 1 < b
                    && doc
                        .token_text(end + 1)
                        .starts_with(|c: char| c.is_ascii_digit()));
            if end < b
                && name_like(doc, lx, end)
                && title_at(doc, lx, end, b)
                    .is_none_or(|te| end == start || org_word_after(doc, lx, te, b))
                && (!lx.is_nonentity(&lower_of(doc, end)) || continues_name)
            {
                end += 1;
                continue;
            }
            // "Douglas & Lomason", "Standard & Poor's": a firm's name joined by "&"
            if end + 1 < b && doc.token_text(end) == "&" && name_like(doc, lx, end + 1) {
                end += 2;
                continue;
            }
            if end + 1 < b && lower_of(doc, end) == "of" {
                let head = lower_of(doc, end - 1);
                let nxt = if lower_of(doc, end + 1) == "the" {
                    end + 2
                } else {
                    end + 1
                };
                if nxt < b
                    && name_like(doc, lx, nxt)
                    && (OF_HEADS.contains(&head.as_str())
                        || lx.in_class(WordClass::OrgSuffix, &head)
                        || lx.in_class(WordClass::LocSuffix, &head))
                {
                    end = nxt + 1;
                    continue;
                }
            }
            break;
        }
        let title = pending.title.take();
        let title_of = pending.title_of.take();
        let before = out.len();
        segment(doc, lx, s, start, end, out);
        // the title belongs to the last mention of the run (the name)
        if let Some((ta, tb)) = title {
            if out.len() > before {
                let m = out.last_mut().expect("a mention was added");
                m.title = Some(title_key(doc, lx, ta, tb));
                m.title_span = Some(ta..tb);
                m.title_of = title_of;
                if m.kind != EntityType::ORG || m.source != MentionSource::Gazetteer {
                    m.kind = EntityType::PER;
                }
            }
        }
        last_org_or_gpe = out[before..]
            .iter()
            .rposition(|m| {
                matches!(m.kind, EntityType::ORG | EntityType::GPE | EntityType::LOC)
                    || m.source == MentionSource::Demonym
            })
            .map(|p| before + p)
            .filter(|&m| out[m].tokens.end == end);
        i = end;
    }
    // demonyms followed by a group noun or "capital" (the mentions before `first` are those of
    // earlier sentences)
    for m in out[first..]
        .iter_mut()
        .filter(|m| m.source == MentionSource::Demonym)
    {
        let e = m.tokens.end;
        let country = m.refers_to.clone().unwrap_or_default();
        let two = (e + 1 < b).then(|| key_of(doc, e, e + 2));
        let one = (e < b).then(|| lower_of(doc, e));
        let group_len = if two
            .as_deref()
            .is_some_and(|k| lx.in_class(WordClass::Group, k))
        {
            2
        } else if one
            .as_deref()
            .is_some_and(|k| lx.in_class(WordClass::Group, k))
        {
            1
        } else {
            0
        };
        if group_len > 0 {
            m.tokens.end = e + group_len;
            m.kind = EntityType::GPE;
            m.source = MentionSource::Group;
        } else if one
            .as_deref()
            .is_some_and(|k| lx.in_class(WordClass::Capital, k))
        {
            if let Some(cap) = lx.capital_of(&country) {
                m.tokens.end = e + 1;
                m.kind = EntityType::GPE;
                m.source = MentionSource::Capital;
                m.refers_to = Some(cap.to_string());
            }
        }
    }
}

/// Whether token `k` is one word that ends organisations' names and ends the name run ("General
/// Assembly" of "the United Nations General Assembly": no general named Assembly).
fn org_word_after(doc: &Document, lx: &Lexicon, k: usize, b: usize) -> bool {
    k < b
        && capitalised(doc, k)
        && lx.in_class(WordClass::OrgSuffix, &lower_of(doc, k))
        && (k + 1 >= b || !name_like(doc, lx, k + 1))
}

fn mention(
    s: usize,
    tokens: std::ops::Range<usize>,
    kind: EntityType,
    source: MentionSource,
    refers_to: Option<String>,
) -> Mention {
    Mention {
        tokens,
        sentence: s,
        kind,
        entity: None,
        title: None,
        title_span: None,
        title_of: None,
        source,
        refers_to,
    }
}

/// Splits a capitalised run into mentions: gazetteer phrases, demonyms and names, and types them.
fn segment(
    doc: &Document,
    lx: &Lexicon,
    s: usize,
    start: usize,
    end: usize,
    out: &mut Vec<Mention>,
) {
    let mut i = start;
    while i < end {
        if let Some((ge, g)) = gaz_at(doc, lx, i, end) {
            // a place opening an institution's name is part of it ("Chicago Board of Trade")
            let rest_is_suffix =
                ge < end && (ge..end).any(|k| lx.in_class(WordClass::OrgSuffix, &lower_of(doc, k)));
            if !rest_is_suffix || g.demonym && ge < end && title_at(doc, lx, ge, end).is_some() {
                let (kind, source, refers) = if g.demonym {
                    (
                        EntityType::MISC,
                        MentionSource::Demonym,
                        g.country.map(str::to_string),
                    )
                } else if g.capital {
                    (
                        g.kind,
                        MentionSource::Gazetteer,
                        g.country.map(str::to_string),
                    )
                } else {
                    (g.kind, MentionSource::Gazetteer, None)
                };
                out.push(mention(s, i..ge, kind, source, refers));
                i = ge;
                continue;
            }
        }
        // "The" opening a run is not part of the name ("The State Department")
        if i == start && end - i > 1 && lower_of(doc, i) == "the" {
            i += 1;
            continue;
        }
        // a name runs to the end of the segment, or to the next gazetteer phrase
        let mut e = i + 1;
        while e < end
            && (matches!(lower_of(doc, e - 1).as_str(), "of" | "the")
                || !gaz_at(doc, lx, e, end).is_some_and(|(ge, g)| {
                    ge == end
                        && !g.demonym
                        && !lx.in_class(WordClass::OrgSuffix, &lower_of(doc, end - 1))
                }))
        {
            e += 1;
        }
        if (e - i == 1 && !is_name_word(doc, lx, i))
            || (i..e).all(|k| {
                lx.is_nonentity(&lower_of(doc, k)) || title_at(doc, lx, k, k + 1).is_some()
            })
        {
            i = e;
            continue;
        }
        let kind = name_type(doc, lx, i, e);
        out.push(mention(s, i..e, kind, MentionSource::Name, None));
        i = e;
    }
}

/// Lower-cased key of a mention's words (for matching across mentions).
pub fn mention_key(doc: &Document, m: &Mention) -> String {
    phrase_key(doc.span_text(m.tokens.clone()))
}

#[cfg(test)]
mod tests;
