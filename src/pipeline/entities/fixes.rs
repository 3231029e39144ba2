//! Corrections to the mentions after the recogniser: a party glued to a person's name is split
//! off, and a single word that is part of a person's name elsewhere is that person.
use super::{capitalised, lower_of, mention, replace_mentions};
use crate::doc::{Document, EntityType, Mention, MentionSource};
use crate::lexicon::{Lexicon, WordClass};

/// "Republican Larry Hogan", "United Nations Nikki Haley": a party's or an organisation's name
/// glued to a person's name is two mentions, the organisation and the person (the recogniser
/// reads the run as one organisation).
pub(super) fn split_party_prefix(doc: &mut Document, lx: &Lexicon) {
    let mut added = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if m.tokens.len() < 3 || m.source == MentionSource::Demonym || m.kind == EntityType::PER {
            continue;
        }
        let a = m.tokens.start;
        // the longest known name at the start that leaves at least two words
        let prefix = (1..=m.tokens.len() - 2).rev().find_map(|l| {
            let key = crate::lexicon::phrase_key(doc.span_text(a..a + l));
            lx.gazetteer(&key)
                .filter(|g| {
                    (g.kind == EntityType::ORG && (l > 1 || lx.is_party(g.name)))
                        || (g.kind == EntityType::GPE && l > 1 && !g.demonym)
                })
                .map(|g| (l, g.kind))
        });
        let Some((l, kind)) = prefix else { continue };
        // the rest is a person's name: it opens with a known first name
        let next = lower_of(doc, a + l);
        let first_name = lx
            .open_classes(&next)
            .is_some_and(|c| c.split(',').any(|x| x.starts_with("first")));
        if !first_name || !capitalised(doc, a + l) {
            continue;
        }
        added.push((i, kind, l));
    }
    if added.is_empty() {
        return;
    }
    let mut all: Vec<(usize, Mention)> = Vec::new();
    for (i, m) in doc.mentions.drain(..).enumerate() {
        if let Some(&(_, kind, l)) = added.iter().find(|(x, _, _)| *x == i) {
            let a = m.tokens.start;
            all.push((
                usize::MAX,
                mention(m.sentence, a..a + l, kind, MentionSource::Gazetteer, None),
            ));
            let mut person = m;
            person.tokens = a + l..person.tokens.end;
            person.kind = EntityType::PER;
            person.source = MentionSource::Name;
            all.push((i, person));
        } else {
            all.push((i, m));
        }
    }
    replace_mentions(doc, all);
}

/// "Commerzbank", "Rabobank", "NationsBank": a one-word name that ends in an organisation's word
/// (`org_word_end` in classes.tsv) after three letters or more is an organisation, whatever type
/// the recogniser gave it.
pub(super) fn retype_org_word_ends(doc: &mut Document, lx: &Lexicon) {
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        if m.tokens.len() != 1 || m.kind == EntityType::ORG || m.source == MentionSource::Gazetteer
        {
            continue;
        }
        let w = lower_of(doc, m.tokens.start);
        let ends = (3..w.len())
            .filter(|&k| w.is_char_boundary(k))
            .any(|k| lx.in_class(WordClass::OrgWordEnd, &w[k..]));
        if ends {
            doc.mentions[i].kind = EntityType::ORG;
        }
    }
}

/// A single-word name that is the first or last word of a person's name elsewhere in the document
/// is that person ("Zelenskiy" after "Volodymyr Zelenskiy").
pub(super) fn retype_short_names(doc: &mut Document, lx: &Lexicon) {
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
    let last_names: std::collections::HashSet<String> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::PER && m.tokens.len() > 1)
        .map(|m| doc.token_text(m.tokens.end - 1).to_string())
        .collect();
    for m in doc.mentions.iter_mut() {
        if m.source != MentionSource::Name || m.kind == EntityType::PER {
            continue;
        }
        let text = |i: usize| &doc.text[doc.tokens[i].start..doc.tokens[i].end];
        if m.tokens.len() == 1 && per_parts.contains(text(m.tokens.start)) {
            m.kind = EntityType::PER;
        }
        // "Yingluck Shinawatra" beside "Thaksin Shinawatra": a two-word name ending in a
        // person's last name is a relative's name, unless its first word is a known name
        if m.tokens.len() == 2
            && last_names.contains(text(m.tokens.end - 1))
            && lx.gazetteer(&text(m.tokens.start).to_lowercase()).is_none()
            && text(m.tokens.start)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && doc.tokens[m.tokens.start].pos == crate::doc::Pos::PROPN
            && !lx.in_class(
                crate::lexicon::WordClass::TitleModifier,
                &text(m.tokens.start).to_lowercase(),
            )
            && !lx.is_title(&text(m.tokens.start).to_lowercase())
        {
            m.kind = EntityType::PER;
        }
    }
}

/// "King Charles III", "Queen Elizabeth II": a Roman numeral right after a person's name is part
/// of it.
pub(super) fn extend_regnal_numbers(doc: &mut Document) {
    let starts: std::collections::HashSet<usize> =
        doc.mentions.iter().map(|m| m.tokens.start).collect();
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        let e = m.tokens.end;
        let sentence_end = doc.sentences[m.sentence].tokens.end;
        if m.kind != EntityType::PER || e >= sentence_end || starts.contains(&e) {
            continue;
        }
        let t = &doc.text[doc.tokens[e].start..doc.tokens[e].end];
        let roman = (2..=5).contains(&t.len()) && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
        if roman && doc.tokens[e].start == doc.tokens[e - 1].end + 1 {
            doc.mentions[i].tokens.end = e + 1;
        }
    }
}

/// "Martin Luther King Jr.", "Cal Ripken Sr.": a name suffix after a person's name ends it, with
/// the words between them even when they read as a title ("King" of "King Jr." is the surname,
/// not a king named "Jr."). A mention that is the suffix alone goes into the person's.
pub(super) fn join_name_suffixes(doc: &mut Document, lx: &Lexicon) {
    let suffix = |doc: &Document, k: usize| {
        lx.in_class(WordClass::NameSuffix, &lower_of(doc, k)) && capitalised(doc, k)
    };
    let mut dropped = vec![false; doc.mentions.len()];
    for i in 0..doc.mentions.len() {
        let (e, s) = (doc.mentions[i].tokens.end, doc.mentions[i].sentence);
        if doc.mentions[i].kind != EntityType::PER {
            continue;
        }
        let end = doc.sentences[s].tokens.end;
        // at most one capitalised word between the name and the suffix, no punctuation
        let Some(k) = (e..end.min(e + 2))
            .take_while(|&k| capitalised(doc, k))
            .find(|&k| suffix(doc, k))
        else {
            continue;
        };
        // the mentions over the words up to the suffix: only the suffix alone may be one
        let over: Vec<usize> = (i + 1..doc.mentions.len())
            .take_while(|&j| doc.mentions[j].tokens.start <= k)
            .collect();
        if over.iter().any(|&j| doc.mentions[j].tokens != (k..k + 1)) {
            continue;
        }
        over.iter().for_each(|&j| dropped[j] = true);
        doc.mentions[i].tokens.end = k + 1;
    }
    super::sort_mentions(doc, &dropped);
}

/// "the archbishop of Lyon, Philippe Barbarin, ...": a name of two to four capitalised words set
/// off by a comma after a person's title and its "of" phrase is a person, whatever type the
/// recogniser gave it.
pub(super) fn retype_titled_appositions(doc: &mut Document, lx: &Lexicon) {
    // the start of the first mention ending at each token
    let mut ends: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for m in &doc.mentions {
        ends.entry(m.tokens.end).or_insert(m.tokens.start);
    }
    let lower = |doc: &Document, i: usize| lower_of(doc, i);
    let mut retype = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        let s = doc.sentences[m.sentence].tokens.start;
        let a = m.tokens.start;
        if m.kind == EntityType::PER
            || m.source != MentionSource::Name
            || !(2..=4).contains(&m.tokens.len())
            || !m.tokens.clone().all(|k| capitalised(doc, k))
            || a < s + 4
            || doc.token_text(a - 1) != ","
            || lx
                .gazetteer(&crate::lexicon::phrase_key(doc.span_text(m.tokens.clone())))
                .is_some()
        {
            continue;
        }
        // the owner before the comma, then [the] [Demonym] "of", then the title
        let Some(&xs) = ends.get(&(a - 1)) else {
            continue;
        };
        let mut k = xs;
        while k > s && (lower(doc, k - 1) == "the" || capitalised(doc, k - 1)) && k + 2 > xs {
            k -= 1;
        }
        if k <= s || lower(doc, k - 1) != "of" {
            continue;
        }
        let of = k - 1;
        if super::title_ending_at(doc, lx, s, of).is_some() {
            retype.push(i);
        }
    }
    for i in retype {
        doc.mentions[i].kind = EntityType::PER;
    }
}

/// "Bashar al-Assad", "Ursula von der Leyen": a person's name goes on over lower-case particles
/// (and a hyphen written without spaces) to the capitalised word after them; a mention that
/// starts there is part of the name. The particles are the lexicon's class `name_particle`. A
/// one-word name the recogniser typed MISC ("Arnel" MISC, "dela", "Vega" MISC) is a first name
/// when a person's or another MISC name follows the particles.
pub(super) fn join_name_particles(doc: &mut Document, lx: &Lexicon) {
    let mut i = 0;
    while i < doc.mentions.len() {
        let m = &doc.mentions[i];
        let end = doc.sentences[m.sentence].tokens.end;
        if !matches!(m.kind, EntityType::PER | EntityType::MISC) {
            i += 1;
            continue;
        }
        let mut k = m.tokens.end;
        let mut particles = 0;
        while k < end && particles < 3 && lx.in_class(WordClass::NameParticle, doc.token_text(k)) {
            k += 1;
            particles += 1;
            // "al-Assad": a hyphen touching both words
            if k + 1 < end
                && doc.token_text(k) == "-"
                && doc.tokens[k].start == doc.tokens[k - 1].end
                && doc.tokens[k + 1].start == doc.tokens[k].end
            {
                k += 1;
            }
        }
        if particles == 0 || k >= end || !capitalised(doc, k) {
            i += 1;
            continue;
        }
        // the rest of the name: a mention starting there, else the one word
        let next = doc.mentions.iter().position(|x| x.tokens.start == k);
        // a one-word name the recogniser called MISC is a first name before a person's or
        // another MISC name ("Arnel dela Vega"), never before an organisation or a place, and
        // never a common noun ("the Hotel del Coronado")
        let first = doc.mentions[i].tokens.start;
        if doc.mentions[i].kind != EntityType::PER
            && !(doc.mentions[i].tokens.len() == 1
                && doc.tokens[first].pos == crate::doc::Pos::PROPN
                && (first == 0 || doc.tokens[first - 1].pos != crate::doc::Pos::DET)
                && next.is_some_and(|n| {
                    matches!(doc.mentions[n].kind, EntityType::PER | EntityType::MISC)
                }))
        {
            i += 1;
            continue;
        }
        let new_end = next.map_or(k + 1, |n| doc.mentions[n].tokens.end);
        if doc
            .mentions
            .iter()
            .any(|x| x.tokens.start > doc.mentions[i].tokens.start && x.tokens.start < k)
        {
            i += 1;
            continue;
        }
        doc.mentions[i].tokens.end = new_end;
        doc.mentions[i].kind = EntityType::PER;
        if let Some(n) = next {
            doc.mentions.remove(n);
            // keep title owners pointing at the same mentions
            for x in doc.mentions.iter_mut() {
                x.title_of = match x.title_of {
                    Some(o) if o == n => None,
                    Some(o) if o > n => Some(o - 1),
                    o => o,
                };
            }
            if n < i {
                i -= 1;
            }
        }
        i += 1;
    }
}

/// "Agence France-Presse", "John Rhys-Davies": two names joined by a hyphen written without
/// spaces are one name (the first one's type), whatever pieces the recogniser cut it into; not
/// two places ("the Ukraine-China meeting", "US-China talks": a pair of them).
/// Reads the mentions in order (after [`super::sort_mentions`]); keeps them so.
pub(super) fn join_hyphenated(doc: &mut Document) {
    let mut i = 0;
    while i + 1 < doc.mentions.len() {
        let (a, b) = (&doc.mentions[i], &doc.mentions[i + 1]);
        let h = a.tokens.end;
        let place = |k: EntityType| matches!(k, EntityType::GPE | EntityType::LOC);
        let joined = a.sentence == b.sentence
            && !(place(a.kind) && place(b.kind))
            && b.tokens.start == h + 1
            && doc.token_text(h) == "-"
            && doc.tokens[h].start == doc.tokens[h - 1].end
            && doc.tokens[h + 1].start == doc.tokens[h].end
            && capitalised(doc, h + 1);
        if !joined {
            i += 1;
            continue;
        }
        doc.mentions[i].tokens.end = doc.mentions[i + 1].tokens.end;
        let n = i + 1;
        doc.mentions.remove(n);
        // keep title owners pointing at the same mentions (the joined one for the second part)
        for x in doc.mentions.iter_mut() {
            x.title_of = match x.title_of {
                Some(o) if o == n => Some(i),
                Some(o) if o > n => Some(o - 1),
                o => o,
            };
        }
    }
}

/// Whether a token is a score or a count of a results table: "3", "174", "4-38", "1-1".
fn is_score(t: &str) -> bool {
    let part = |p: &str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    match t.split_once('-') {
        Some((a, b)) => part(a) && part(b),
        None => part(t),
    }
}

/// "Leicestershire 22 points, Somerset 4", "Puchon 2 Chonbuk 1", "Lotte 6 Hyundai 2": in a line of
/// sports results (a third of its tokens or more are numbers), a name right before a score is a
/// team, an organisation, even when it is a town's or a county's name; a country's name stays a
/// place (a national side), and people ("A. Dale 69") are left as they are. A line qualifies with
/// two names before scores, or one that opens it followed by three counts (a standings row).
pub(super) fn retype_teams_in_results(doc: &mut Document, lx: &Lexicon) {
    let mut teams: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.start, sent.tokens.end);
        let numeric = (a..b)
            .filter(|&i| {
                let t = doc.token_text(i);
                t.bytes().any(|c| c.is_ascii_digit())
                    && t.bytes()
                        .all(|c| c.is_ascii_digit() || b".,:-/".contains(&c))
            })
            .count();
        if numeric < 2 || numeric * 3 < b - a {
            continue;
        }
        let initial = |i: usize| {
            let t = doc.token_text(i);
            t.len() <= 3 && t.ends_with('.')
        };
        let mut found = Vec::new();
        let mut i = a;
        while i < b {
            if !capitalised(doc, i) || initial(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < b && capitalised(doc, j) && !initial(j) {
                j += 1;
            }
            let after_initial = i > a && initial(i - 1);
            if j < b && is_score(doc.token_text(j)) && !after_initial {
                found.push(i..j);
            }
            i = j;
        }
        let standings = found.first().is_some_and(|r| {
            r.start == a
                && (r.end..b.min(r.end + 3)).all(|k| is_score(doc.token_text(k)))
                && b - r.end >= 3
        });
        if found.len() < 2 && !standings {
            continue;
        }
        for r in found {
            let key = crate::lexicon::phrase_key(doc.span_text(r.clone()));
            let country = lx
                .gazetteer(&key)
                .is_some_and(|g| g.kind == EntityType::GPE && lx.country_code(g.name).is_some());
            let words_ok = r.clone().all(|k| !lx.is_nonentity(&lower_of(doc, k)));
            if !country && words_ok {
                teams.push((s, r));
            }
        }
    }
    for (s, r) in teams {
        let overlapping: Vec<usize> = (0..doc.mentions.len())
            .filter(|&m| {
                let t = &doc.mentions[m].tokens;
                t.start < r.end && r.start < t.end
            })
            .collect();
        match overlapping[..] {
            [] => doc
                .mentions
                .push(mention(s, r, EntityType::ORG, MentionSource::Name, None)),
            [m] if doc.mentions[m].tokens == r && doc.mentions[m].kind != EntityType::PER => {
                doc.mentions[m].kind = EntityType::ORG;
            }
            _ => {}
        }
    }
}

/// The mention a transcript's speaker label holds, when sentence `s` opens a line with one: a
/// name of at most [`MAX_LABEL`] tokens followed by ":" ("Christopher Hill: I am ...").
pub(crate) fn speaker_label(doc: &Document, s: usize) -> Option<usize> {
    let sent = &doc.sentences[s];
    let f = sent.tokens.start;
    if sent.tokens.is_empty() || (f > 0 && !doc.tokens[f - 1].newline_after) {
        return None;
    }
    let m = doc.mentions_starting_in(f..f + 1).next()?;
    let colon = doc.mentions[m].tokens.end;
    (doc.mentions[m].tokens.len() <= MAX_LABEL
        && colon < sent.tokens.end
        && doc.token_text(colon) == ":")
        .then_some(m)
}

/// The longest speaker label, in tokens.
const MAX_LABEL: usize = 4;

/// "Miles: Well, I ...", "Doris: No.": in a transcript (two lines or more open with a name and a
/// colon), a speaker's label the recogniser took for a thing (MISC: "Miles") is a person when it
/// opens with a first name (not a table's field: "ISSUER: Bay Co Building Authority").
pub(super) fn retype_speaker_labels(doc: &mut Document, lx: &Lexicon) {
    let labels: Vec<usize> = (0..doc.sentences.len())
        .filter_map(|s| speaker_label(doc, s))
        .collect();
    if labels.len() < 2 {
        return;
    }
    for m in labels {
        let first = doc.mentions[m].tokens.start;
        let named = lx
            .first_name_sex(&doc.token_text(first).to_lowercase())
            .is_some();
        if doc.mentions[m].kind == EntityType::MISC && named {
            doc.mentions[m].kind = EntityType::PER;
        }
    }
}
