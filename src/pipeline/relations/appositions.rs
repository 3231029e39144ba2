//! Titles set beside a name by punctuation and word order, read from the tokens because the
//! parse often misattaches them: "the archbishop of Lyon, Philippe Barbarin," (before the name),
//! "Tom Brand, who is the secretary of state" and "Donald Tusk, former Prime Minister of Poland"
//! (after it), "US Ambassador to Japan Bill Hagerty" (the title's phrase between title and name).
use super::roles::default_owner;
use super::{arg, ent_of, push, Arg, Ctx, Flags};
use crate::doc::{Document, EntityType};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::entities::{title_at, title_ending_at, title_key};

/// A title (or "member") in `k..end`, possibly after a few capitalised modifiers ("Special
/// Presidential Envoy"): the title and the token after it.
fn title_in(doc: &Document, lx: &Lexicon, k: usize, end: usize) -> Option<(String, usize)> {
    for j in k..(k + 4).min(end) {
        if let Some(e) = title_at(doc, lx, j, end) {
            return Some((title_key(doc, lx, j, e), e));
        }
        if doc.token_text(j).eq_ignore_ascii_case("member") {
            return Some(("member".to_string(), j + 1));
        }
        // only modifiers may come before the title
        let t = doc.token_text(j);
        if !t.chars().next().is_some_and(char::is_uppercase)
            && !lx.in_class(WordClass::AppositionFiller, &t.to_lowercase())
        {
            return None;
        }
    }
    None
}

/// After a title at token `k`: "of [the] X" or "to [the] X" with X a mention that is not a
/// person ("the mayor of the Polish city of Gdańsk" skips to the city). Returns the preposition
/// and the mention.
fn owner_after(
    doc: &Document,
    lx: &Lexicon,
    cx: &Ctx,
    k: usize,
    end: usize,
) -> Option<(&'static str, usize)> {
    if k + 1 >= end {
        return None;
    }
    let prep = match doc.token_text(k).to_lowercase().as_str() {
        "of" => "of",
        "to" => "to",
        _ => return None,
    };
    let mut a = k + 1;
    if a < end && doc.token_text(a).eq_ignore_ascii_case("the") {
        a += 1;
    }
    if a + 2 < end
        && lx
            .gazetteer(&doc.token_text(a).to_lowercase())
            .is_some_and(|g| g.demonym)
        && lx.in_class(WordClass::PlaceNoun, &doc.token_text(a + 1).to_lowercase())
        && doc.token_text(a + 2).eq_ignore_ascii_case("of")
    {
        a += 3;
    }
    let m = cx.mention_covering(a)?;
    (doc.mentions[m].tokens.start == a && doc.mentions[m].kind != EntityType::PER)
        .then_some((prep, m))
}

/// The predicate and owner of a title whose phrase names one, else the possessor's, else the
/// article's default for the title.
fn role(
    doc: &mut Document,
    cx: &mut Ctx,
    person: usize,
    title: &str,
    owner: Option<(&'static str, usize)>,
    possessor: Option<usize>,
) -> Option<(String, Arg)> {
    if let Some((prep, m)) = owner {
        // "member of" a party is membership, as everywhere
        return Some((format!("{title} {prep}"), arg(ent_of(doc, m)?)));
    }
    if title == "member" {
        return None;
    }
    if let Some(p) = possessor.and_then(|p| ent_of(doc, p)) {
        return Some((format!("{title} of"), arg(p)));
    }
    let o = default_owner(doc, cx, person, title)?;
    Some((format!("{title} of"), o))
}

/// "The Syrian Army, whose commander-in-chief is President Bashar al-Assad": the person named
/// after "whose TITLE is" holds the title of the body before "whose".
fn whose_title(doc: &mut Document, cx: &mut Ctx, flags: Flags) {
    let lx = cx.lx;
    let sent = doc.sentences[cx.s].tokens.clone();
    for w in sent.clone() {
        if !doc.token_text(w).eq_ignore_ascii_case("whose") || w < sent.start + 2 {
            continue;
        }
        let mut x_end = w;
        if matches!(doc.token_text(w - 1), "," | "-" | "—" | "(") {
            x_end -= 1;
        }
        let Some(x) = cx.mention_covering(x_end - 1) else {
            continue;
        };
        if doc.mentions[x].tokens.end != x_end || doc.mentions[x].kind == EntityType::PER {
            continue;
        }
        let Some((title, after)) = title_in(doc, lx, w + 1, sent.end) else {
            continue;
        };
        if after + 1 >= sent.end
            || !lx.in_class(WordClass::BeAfterWho, &doc.token_text(after).to_lowercase())
        {
            continue;
        }
        let person = (after + 1..(after + 4).min(sent.end)).find_map(|k| {
            cx.mention_covering(k)
                .filter(|&m| doc.mentions[m].kind == EntityType::PER)
        });
        if let (Some(p), Some(o)) = (person.and_then(|m| ent_of(doc, m)), ent_of(doc, x)) {
            push(
                cx,
                &arg(p),
                format!("{title} of"),
                &arg(o),
                flags,
                0.8,
                "apposition whose title",
            );
        }
    }
}

/// Titles beside a person's name in sentence `cx.s`.
/// A fact of a construction: pattern id, predicate, object, confidence.
type Found = (&'static str, String, Arg, f32);

pub(super) fn appositions(doc: &mut Document, cx: &mut Ctx) {
    // the sentence's mentions (a few: searched in order), and its people
    let here: Vec<usize> = doc.mentions_in(cx.s).collect();
    let ms: Vec<usize> = here
        .iter()
        .copied()
        .filter(|&m| doc.mentions[m].kind == EntityType::PER)
        .collect();
    let flags = Flags {
        negated: false,
        hedged: false,
        attributed: None,
    };
    whose_title(doc, cx, flags);
    for &m in &ms {
        let Some(p) = ent_of(doc, m) else { continue };
        let mut found: Vec<Found> = Vec::new();
        title_after(doc, cx, m, p, &mut found);
        of_organisation(doc, cx, m, &mut found);
        possessive_office(doc, cx, m, p, &mut found);
        title_before(doc, cx, m, p, &here, &mut found);
        for (rule, pred, o, conf) in found {
            if o.entity != p {
                push(cx, &arg(p), pred, &o, flags, conf, rule);
            }
        }
    }
}

/// A title set off after the name: "NAME, [who is] [the|former] [X's] TITLE [of|to X]".
fn title_after(doc: &mut Document, cx: &mut Ctx, m: usize, p: usize, found: &mut Vec<Found>) {
    let lx = cx.lx;
    let sent = doc.sentences[cx.s].tokens.clone();
    let e = doc.mentions[m].tokens.end;
    // after: "NAME, [who is] [the|former] [X's] TITLE [of|to X]"
    let comma = e + 1 < sent.end && doc.token_text(e) == ",";
    let who = e + 1 < sent.end && doc.token_text(e).eq_ignore_ascii_case("who");
    if comma || who {
        let mut k = if comma { e + 1 } else { e };
        if doc.token_text(k).eq_ignore_ascii_case("who") {
            k += 1;
            while k < sent.end
                && lx.in_class(WordClass::BeAfterWho, &doc.token_text(k).to_lowercase())
            {
                k += 1;
            }
        }
        while k < sent.end
            && lx.in_class(
                WordClass::AppositionFiller,
                &doc.token_text(k).to_lowercase(),
            )
        {
            k += 1;
        }
        // a possessor: "Obama's special envoy"
        let mut possessor = None;
        if let Some(pm) = cx.mention_covering(k) {
            let pe = doc.mentions[pm].tokens.end;
            if doc.mentions[pm].tokens.start == k
                && pe < sent.end
                && matches!(doc.token_text(pe), "'s" | "’s")
            {
                possessor = Some(pm);
                k = pe + 1;
            }
        }
        if let Some((title, after)) = title_in(doc, lx, k, sent.end) {
            let owner = owner_after(doc, lx, cx, after, sent.end);
            // the apposition closes after the title and its phrase ("NAME, the Queen
            // suspended ..." is a new subject, not an apposition)
            let close = owner.map_or(after, |(_, o)| doc.mentions[o].tokens.end);
            let closed = close >= sent.end
                || matches!(
                    doc.token_text(close),
                    "," | "." | ")" | "-" | "—" | ";" | ":"
                );
            if closed {
                if let Some((pred, o)) = role(doc, cx, p, &title, owner, possessor) {
                    found.push(("apposition title after", pred, o, 0.8));
                }
            }
        }
    }
}

/// "Kaczyński of the conservative Law and Justice Party": a person of an organisation is its member.
fn of_organisation(doc: &Document, cx: &Ctx, m: usize, found: &mut Vec<Found>) {
    let sent = doc.sentences[cx.s].tokens.clone();
    let e = doc.mentions[m].tokens.end;
    // "Kaczyński of the conservative Law and Justice Party": a person of an organisation
    // is its member (a title's own "of" is read by the roles)
    if e + 1 < sent.end
        && doc.token_text(e).eq_ignore_ascii_case("of")
        && (doc.mentions[m].title.is_none() || doc.mentions[m].title_of.is_some())
    {
        let mut k = e + 1;
        // "the" is skipped unless it opens the name ("Lucy Fischer of The Times")
        let named_the = cx
            .mention_covering(k)
            .is_some_and(|o| doc.mentions[o].tokens.start == k);
        if doc.token_text(k).eq_ignore_ascii_case("the") && !named_the {
            k += 1;
        }
        while k < sent.end
            && k < e + 5
            && doc.tokens[k].pos == crate::doc::Pos::ADJ
            && !doc
                .token_text(k)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            k += 1;
        }
        if let Some(o) = cx.mention_covering(k) {
            if doc.mentions[o].tokens.start == k && doc.mentions[o].kind == EntityType::ORG {
                if let Some(oe) = ent_of(doc, o) {
                    found.push((
                        "apposition of organisation",
                        "member of".into(),
                        arg(oe),
                        0.7,
                    ));
                }
            }
        }
    }
}

/// "Adamowicz's former party, Civic Platform": membership; "Ben Ali's presidency": the office's title.
fn possessive_office(doc: &mut Document, cx: &mut Ctx, m: usize, p: usize, found: &mut Vec<Found>) {
    let lx = cx.lx;
    let sent = doc.sentences[cx.s].tokens.clone();
    let e = doc.mentions[m].tokens.end;
    // "Adamowicz's former party, Civic Platform": membership; "Ben Ali's presidency": the
    // title of the office
    if e + 2 < sent.end && matches!(doc.token_text(e), "'s" | "’s") {
        let mut k = e + 1;
        if lx.in_class(
            WordClass::AppositionFiller,
            &doc.token_text(k).to_lowercase(),
        ) {
            k += 1;
        }
        let noun = doc.lemma(k).to_lowercase();
        if noun == "party" {
            let mut a = k + 1;
            while a < sent.end && matches!(doc.token_text(a), "," | "the" | "The") {
                a += 1;
            }
            if let Some(o) = cx.mention_covering(a) {
                if doc.mentions[o].tokens.start == a
                    && matches!(doc.mentions[o].kind, EntityType::ORG | EntityType::MISC)
                {
                    if let Some(oe) = ent_of(doc, o) {
                        found.push(("apposition possessive", "member of".into(), arg(oe), 0.75));
                    }
                }
            }
        } else if lx.in_class(WordClass::OfficeNoun, &noun) {
            let title = noun
                .strip_suffix("ship")
                .map(str::to_string)
                .or_else(|| noun.strip_suffix("cy").map(|x| format!("{x}t")))
                .filter(|t| lx.is_title(t));
            if let Some(title) = title {
                let owner = owner_after(doc, lx, cx, k + 1, sent.end);
                if let Some((pred, o)) = role(doc, cx, p, &title, owner, None) {
                    found.push(("apposition possessive", pred, o, 0.7));
                }
            }
        }
    }
}

/// A title before the name: "[the] TITLE of [the] X, NAME" and "TITLE to X NAME".
fn title_before(
    doc: &mut Document,
    cx: &mut Ctx,
    m: usize,
    p: usize,
    here: &[usize],
    found: &mut Vec<Found>,
) {
    let lx = cx.lx;
    let sent = doc.sentences[cx.s].tokens.clone();
    // before: "[the] TITLE of [the] X, NAME" and "TITLE to X NAME"
    let start = doc.mentions[m]
        .title_span
        .as_ref()
        .map_or(doc.mentions[m].tokens.start, |t| {
            t.start.min(doc.mentions[m].tokens.start)
        });
    let comma = start > sent.start && doc.token_text(start - 1) == ",";
    let x_end = if comma { start - 1 } else { start };
    let x = here
        .iter()
        .copied()
        .find(|&x| doc.mentions[x].tokens.end == x_end);
    if let Some(x) = x.filter(|_| x_end > sent.start) {
        let xs = doc.mentions[x].tokens.start;
        let mut k = xs;
        // "the Kenyan Red Cross": a demonym or "the" before the owner's name
        while k > sent.start
            && k + 2 > xs
            && (doc.token_text(k - 1).eq_ignore_ascii_case("the")
                || lx
                    .gazetteer(&doc.token_text(k - 1).to_lowercase())
                    .is_some_and(|g| g.demonym))
        {
            k -= 1;
        }
        let prep = k
            .checked_sub(1)
            .filter(|&i| i >= sent.start)
            .map(|i| doc.token_text(i).to_lowercase());
        let ok = match prep.as_deref() {
            Some("of") => comma,
            Some("to") => !comma || doc.mentions[m].title.is_none(),
            _ => false,
        };
        if ok && doc.mentions[x].kind != EntityType::PER && doc.mentions[m].title_of.is_none() {
            let of = k - 1;
            let title = title_ending_at(doc, lx, sent.start, of)
                .map(|j| title_key(doc, lx, j, of))
                .or_else(|| {
                    (of > sent.start && doc.token_text(of - 1).eq_ignore_ascii_case("member"))
                        .then(|| "member".to_string())
                });
            if let Some(title) = title {
                let prep = if prep.as_deref() == Some("to") {
                    "to"
                } else {
                    "of"
                };
                if let Some((pred, o)) = role(doc, cx, p, &title, Some((prep, x)), None) {
                    found.push(("apposition title before", pred, o, 0.8));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, rels};

    #[test]
    fn a_title_with_its_owner_before_the_name_is_the_names() {
        let f = rels(
            "The chairman of the Kenyan Red Cross, Peter Mwangi, said the roads were closed. \
             A member of the Bundestag, Anna Keller said the law was wrong.",
        );
        assert!(has(&f, "Peter Mwangi", "chairman of", "Red Cross"), "{f:?}");
        assert!(has(&f, "Anna Keller", "member of", "Bundestag"), "{f:?}");
    }

    #[test]
    fn a_role_noun_subject_is_the_person_named_after_it_between_commas() {
        // the parse may hang the name from the noun, from its "of" phrase or from nothing; the
        // verb's subject is the person all the same, and the role noun is no word of the fact
        let f = rels(
            "The president of Acme, John Smith, told Reuters that the plan was bad. \
             The minister's spokesperson, Tim Wu, criticised Acme. \
             The chief executive of Globex, Jane Roe, met Tim Wu in Paris.",
        );
        assert!(has(&f, "John Smith", "tell", "Reuters"), "{f:?}");
        assert!(has(&f, "Tim Wu", "criticise", "Acme"), "{f:?}");
        assert!(has(&f, "Jane Roe", "meet", "Tim Wu"), "{f:?}");
        // a name that goes on past the comma is not the noun's ("the president of Acme, John
        // Smith and Tim Wu met")
        let f = rels("The president of Acme, John Smith and Tim Wu met Jane Roe in Paris.");
        assert!(!has(&f, "John Smith", "meet", "Jane Roe"), "{f:?}");
    }

    #[test]
    fn a_title_after_the_name_takes_its_owner_its_possessor_or_the_default() {
        let f = rels(
            "The United States and Canada met in the United States. \
             Mark Dunne, who was Obama's special envoy until May, criticized the plan. \
             Lucy Carter often argued with Tom Brand who is the secretary of state. \
             Donald Tusk, former Prime Minister of Poland, spoke.",
        );
        assert!(has(&f, "Mark Dunne", "special envoy of", "Obama"), "{f:?}");
        assert!(
            has(&f, "Tom Brand", "secretary of state of", "United States"),
            "{f:?}"
        );
        assert!(
            has(&f, "Donald Tusk", "prime minister of", "Poland"),
            "{f:?}"
        );
        // a title opening the next clause is not in apposition
        let f = rels(
            "The United Kingdom and France met in the United Kingdom. At the request of \
             Boris Johnson, the Queen suspended parliament.",
        );
        assert!(
            !f.iter()
                .any(|r| r.0 == "Boris Johnson" && r.1 == "queen of"),
            "{f:?}"
        );
    }

    #[test]
    fn an_organisation_after_of_a_party_after_a_possessive_and_an_office() {
        let f = rels(
            "Paul Martin of the international Oxfam Foundation spoke. Mark Hale praised Anna \
             Berg's former party, the Green Alliance, on Monday. Egypt voted. The riots in \
             Egypt began during President Hosni Mubarak's presidency.",
        );
        assert!(
            has(&f, "Paul Martin", "member of", "Oxfam Foundation"),
            "{f:?}"
        );
        assert!(has(&f, "Anna Berg", "member of", "Green Alliance"), "{f:?}");
        assert!(has(&f, "Hosni Mubarak", "president of", "Egypt"), "{f:?}");
        // a "The" that opens the organisation's name
        let f = rels("Paul Martin of The Oxfam Foundation spoke on Monday.");
        assert!(
            has(&f, "Paul Martin", "member of", "The Oxfam Foundation"),
            "{f:?}"
        );
    }

    #[test]
    fn whose_title_is_names_the_holder() {
        let f = rels(
            "The Kenyan Army, whose commander-in-chief is President William Ruto, entered \
             the town.",
        );
        assert!(
            f.iter().any(|r| r.0 == "William Ruto"
                && r.1 == "commander in chief of"
                && r.2.contains("Army")),
            "{f:?}"
        );
    }

    #[test]
    fn a_title_to_a_body_before_the_name() {
        let f =
            rels("Former US Ambassador to Japan Bill Hagerty wrote on Twitter that it was good.");
        assert!(has(&f, "Bill Hagerty", "ambassador to", "Japan"), "{f:?}");
    }
}
