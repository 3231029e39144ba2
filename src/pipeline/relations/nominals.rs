//! Relations inside noun phrases and copulas, read off the parse: an apposition or a copula that
//! gives a person a role or a relative ("Donald Trump Jr., son of Donald Trump"; "the
//! committee's chairwoman, Maxine Waters"; "Kaczynski is the leader of Law and Justice"), and
//! party membership ("Republican Kevin McCarthy", "McCarthy, a Republican", "X is a Democrat").
use super::roles::default_owner;
use super::{arg, push, Arg, Ctx, Flags};
use crate::doc::Dep;
use crate::doc::{Document, EntityType, Pos};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::clauses::{preposition, Clause, Tree};

/// Whether a noun is a role or kin noun ("son", "chairwoman", "foreign minister").
fn role_noun(doc: &Document, cx: &Ctx, t: &Tree, n: usize) -> Option<String> {
    if doc.tokens[n].pos != Pos::NOUN && doc.tokens[n].pos != Pos::PROPN {
        return None;
    }
    let lemma = doc.lemma(n).to_lowercase();
    // a compound in front makes the title: "foreign minister"
    let compound: Vec<String> = t
        .with(doc, n, Dep::Compound)
        .chain(t.with(doc, n, Dep::Amod))
        .filter(|&k| k + 1 == n)
        .map(|k| doc.token_text(k).to_lowercase())
        .collect();
    if let Some(c) = compound.first() {
        let two = format!("{c} {lemma}");
        if cx.lx.is_title(&two) {
            return Some(two);
        }
    }
    (cx.lx.is_title(&lemma)
        || cx.lx.in_class(WordClass::KinNoun, &lemma)
        || cx.lx.in_class(WordClass::MemberNoun, &lemma))
    .then_some(lemma)
}

/// The owner of a role noun: its "of" phrase or its possessor ("son of X", "X's chairwoman"), or
/// a name or demonym in front of it ("the Polish interior minister", "a BBC correspondent").
fn owner(doc: &Document, cx: &Ctx, t: &Tree, n: usize) -> Vec<Arg> {
    for k in t.with(doc, n, Dep::Nmod) {
        let possessive = doc.tokens[k].dep == Dep::NmodPoss;
        if possessive || matches!(preposition(doc, t, k).as_str(), "of" | "for" | "to") {
            let a = cx.args(doc, k);
            if !a.is_empty() {
                return a;
            }
        }
    }
    // a party in front is membership, not the title's owner ("Republican senator"), except for
    // a party's own offices ("the Conservative leader"); not when the office is of another body
    // ("the Labour leader of the opposition" leads the opposition; "Green council leader" leads
    // the council)
    let party_role = cx
        .lx
        .in_class(WordClass::PartyRole, &doc.lemma(n).to_lowercase())
        && !t
            .with(doc, n, Dep::Nmod)
            .any(|k| preposition(doc, t, k) == "of")
        && !other_body(doc, t, n);
    for k in t
        .with(doc, n, Dep::Compound)
        .chain(t.with(doc, n, Dep::Amod))
        .filter(|&k| k < n)
    {
        let a: Vec<Arg> = cx
            .args(doc, k)
            .into_iter()
            .filter(|a| party_role || !party(doc, cx.lx, a.entity))
            .collect();
        if !a.is_empty() {
            return a;
        }
        // a demonym is a mention whose entity is the country
        if let Some(m) = doc.mentions[doc.mentions_in(cx.s)]
            .iter()
            .find(|m| m.tokens.contains(&k) && m.source == crate::doc::MentionSource::Demonym)
        {
            if let Some(e) = m.entity {
                return vec![arg(e)];
            }
        }
    }
    Vec::new()
}

/// Whether a common noun in front of a role noun names the body it is held in ("council" of
/// "Green council leader").
fn other_body(doc: &Document, t: &Tree, n: usize) -> bool {
    t.with(doc, n, Dep::Compound)
        .any(|k| k < n && doc.tokens[k].pos == Pos::NOUN)
}

/// The parties in front of a role noun ("Republican" of "Republican council leader"): the
/// person is their member.
fn party_modifiers(doc: &Document, cx: &Ctx, t: &Tree, n: usize) -> Vec<Arg> {
    t.with(doc, n, Dep::Compound)
        .chain(t.with(doc, n, Dep::Amod))
        .filter(|&k| k < n)
        .flat_map(|k| cx.args(doc, k))
        .filter(|a| party(doc, cx.lx, a.entity))
        .collect()
}

/// The mentions of sentence `s`.
fn ms_of(doc: &Document, s: usize) -> Vec<usize> {
    doc.mentions_in(s).collect()
}

/// The person "his" or "her" at token `i` refers to: the nearest person named before it in the
/// sentence, else the person the article names most (its subject); never `not` (the person the
/// phrase names). The nearest person of earlier sentences was wrong too often in the articles
/// read ("His wife Mary said ..." after a colleague's quotation).
fn possessive_antecedent(doc: &Document, s: usize, i: usize, not: usize) -> Option<usize> {
    let person = |m: &crate::doc::Mention| {
        (m.kind == EntityType::PER)
            .then_some(m.entity)
            .flatten()
            .filter(|&e| e != not)
    };
    doc.mentions[doc.mentions_in(s)]
        .iter()
        .rev()
        .filter(|m| m.tokens.end <= i)
        .find_map(person)
        .or_else(|| {
            (0..doc.entities.len())
                .filter(|&e| e != not && doc.entities[e].kind == EntityType::PER)
                .max_by_key(|&e| (doc.entities[e].mentions, std::cmp::Reverse(e)))
        })
}

/// Whether an entity is a political party.
fn party(doc: &Document, lx: &Lexicon, e: usize) -> bool {
    doc.entities[e].kind == EntityType::ORG && lx.is_party(&doc.entities[e].name)
}

/// A fact found by one of the constructions: subject, predicate, object, pattern id.
type Found = (Arg, String, Arg, &'static str);

pub(super) fn nominals(doc: &mut Document, cx: &mut Ctx, t: &Tree, cs: &[Clause]) {
    let flags = Flags {
        negated: false,
        hedged: false,
        attributed: None,
    };
    let mut found: Vec<Found> = Vec::new();
    apposition_roles(doc, cx, t, &mut found);
    copula_roles(doc, cx, t, cs, &mut found);
    role_verbs(doc, cx, t, cs, &mut found);
    as_roles(doc, cx, t, cs, &mut found);
    kin_nouns(doc, cx, &mut found);
    party_before_name(doc, cx, &mut found);
    for (s, p, o, rule) in found {
        push(cx, &s, p, &o, flags, 0.8, rule);
    }
}

/// Appositions, in either order: PERSON, ROLE of X / ROLE of X, PERSON.
fn apposition_roles(doc: &mut Document, cx: &Ctx, t: &Tree, found: &mut Vec<Found>) {
    let r = doc.sentences[cx.s].tokens.clone();
    // appositions, in either order: PERSON, ROLE of X / ROLE of X, PERSON
    for i in r.clone() {
        if !doc.tokens[i].dep.is(Dep::Appos) {
            continue;
        }
        let Some(h) = t.head(doc, i) else { continue };
        for (person, noun) in [(h, i), (i, h)] {
            let people: Vec<Arg> = cx
                .args(doc, person)
                .into_iter()
                .filter(|a| doc.entities[a.entity].kind == EntityType::PER)
                .collect();
            if people.is_empty() || !cx.args(doc, noun).is_empty() {
                // "McCarthy, a Republican": the noun is a party
                if !people.is_empty() {
                    for o in cx.args(doc, noun) {
                        if party(doc, cx.lx, o.entity) {
                            found.push((
                                people[0].clone(),
                                "member of".into(),
                                o,
                                "apposition party",
                            ));
                        }
                    }
                }
                continue;
            }
            let Some(role) = role_noun(doc, cx, t, noun) else {
                continue;
            };
            let owners = owner(doc, cx, t, noun);
            // "Republican council leader Ann Lee": a member of the party
            for o in party_modifiers(doc, cx, t, noun) {
                if !owners.iter().any(|x| x.entity == o.entity) {
                    for p in &people {
                        found.push((p.clone(), "member of".into(), o.clone(), "apposition party"));
                    }
                }
            }
            if owners.is_empty() {
                // "Jeremy Hunt, the foreign secretary": the title's default owner
                for p in &people {
                    if let Some(o) = default_owner(doc, cx, p.entity, &role) {
                        found.push((
                            p.clone(),
                            format!("{role} of"),
                            o,
                            "apposition role default owner",
                        ));
                    }
                }
            }
            for o in owners {
                for p in &people {
                    found.push((
                        p.clone(),
                        format!("{role} of"),
                        o.clone(),
                        "apposition role",
                    ));
                }
            }
        }
    }
}

/// Copulas: "X is the leader of Y", "X is a Democrat".
fn copula_roles(doc: &mut Document, cx: &Ctx, t: &Tree, cs: &[Clause], found: &mut Vec<Found>) {
    // copulas: "X is the leader of Y", "X is a Democrat"
    for c in cs.iter().filter(|c| c.copula && !c.negated) {
        let subjects: Vec<Arg> = c.subjects.iter().flat_map(|&s| cx.args(doc, s)).collect();
        if subjects.is_empty() {
            continue;
        }
        let parties: Vec<Arg> = cx
            .args(doc, c.head)
            .into_iter()
            .filter(|o| party(doc, cx.lx, o.entity))
            .collect();
        for o in parties {
            for s in &subjects {
                found.push((s.clone(), "member of".into(), o.clone(), "copula party"));
            }
        }
        // "Tusk is from Gdańsk": where a person comes from
        if preposition(doc, t, c.head) == "from" {
            let places: Vec<Arg> = cx
                .args(doc, c.head)
                .into_iter()
                .filter(|o| {
                    matches!(
                        doc.entities[o.entity].kind,
                        EntityType::GPE | EntityType::LOC
                    )
                })
                .collect();
            for o in places {
                for s in subjects
                    .iter()
                    .filter(|s| doc.entities[s.entity].kind == EntityType::PER)
                {
                    found.push((s.clone(), "come from".into(), o.clone(), "copula from"));
                }
            }
        }
        if let Some(role) = role_noun(doc, cx, t, c.head) {
            let owners = owner(doc, cx, t, c.head);
            if owners.is_empty() {
                for s in &subjects {
                    if doc.entities[s.entity].kind == EntityType::PER {
                        if let Some(o) = default_owner(doc, cx, s.entity, &role) {
                            found.push((
                                s.clone(),
                                format!("{role} of"),
                                o,
                                "copula role default owner",
                            ));
                        }
                    }
                }
            }
            for o in owners {
                for s in &subjects {
                    found.push((s.clone(), format!("{role} of"), o.clone(), "copula role"));
                }
            }
        }
    }
}

/// A role verb ("was elected Speaker") gives the person the role its noun names.
fn role_verbs(doc: &mut Document, cx: &Ctx, t: &Tree, cs: &[Clause], found: &mut Vec<Found>) {
    // "was elected Speaker", "Trump named him national security adviser": a role verb gives
    // the person the role its predicate noun names
    for c in cs.iter().filter(|c| !c.negated && !c.copula) {
        if !cx.lx.in_class(WordClass::RoleVerb, &c.lemma) {
            continue;
        }
        let (people, nouns): (Vec<usize>, Vec<usize>) = if c.passive {
            (c.subjects.clone(), c.objects.clone())
        } else {
            (c.objects.clone(), t.with(doc, c.head, Dep::Xcomp).collect())
        };
        let people: Vec<Arg> = people
            .iter()
            .flat_map(|&p| cx.args(doc, p))
            .filter(|a| doc.entities[a.entity].kind == EntityType::PER)
            .collect();
        for &n in &nouns {
            if !cx.args(doc, n).is_empty() {
                continue;
            }
            let Some(role) = role_noun(doc, cx, t, n) else {
                continue;
            };
            if !cx.lx.is_title(&role) {
                continue;
            }
            let owners = owner(doc, cx, t, n);
            for p in &people {
                if owners.is_empty() {
                    if let Some(o) = default_owner(doc, cx, p.entity, &role) {
                        found.push((
                            p.clone(),
                            format!("{role} of"),
                            o,
                            "role verb default owner",
                        ));
                    }
                }
                for o in &owners {
                    found.push((p.clone(), format!("{role} of"), o.clone(), "role verb"));
                }
            }
        }
    }
}

/// An "as" phrase ("served as ambassador to France") gives the subject the role.
fn as_roles(doc: &mut Document, cx: &Ctx, t: &Tree, cs: &[Clause], found: &mut Vec<Found>) {
    // "who succeeded him as Foreign Secretary", "served as ambassador to France": the subject
    // takes the role an "as" phrase names
    for c in cs.iter().filter(|c| !c.negated && !c.copula && !c.hedged) {
        // "elected Boris Johnson as the new leader": an active role verb's object takes it
        let active_role = cx.lx.in_class(WordClass::RoleVerb, &c.lemma) && !c.passive;
        let holders = if active_role { &c.objects } else { &c.subjects };
        let people: Vec<Arg> = holders
            .iter()
            .flat_map(|&p| cx.args(doc, p))
            .filter(|a| doc.entities[a.entity].kind == EntityType::PER)
            .collect();
        // the "as" phrase as an oblique, or hung from the verb by another relation
        let mut nouns: Vec<usize> = c
            .obliques
            .iter()
            .filter(|o| o.prep == "as")
            .map(|o| o.token)
            .collect();
        let hung: Vec<usize> = t
            .kids(c.head)
            .iter()
            .copied()
            .filter(|&k| {
                !nouns.contains(&k)
                    && matches!(doc.tokens[k].dep, Dep::Parataxis | Dep::Conj | Dep::Advcl)
                    && t.with(doc, k, Dep::Case)
                        .any(|x| x < k && doc.token_text(x).eq_ignore_ascii_case("as"))
            })
            .collect();
        nouns.extend(hung);
        for n in nouns {
            if !cx.args(doc, n).is_empty() {
                continue;
            }
            let Some(role) = role_noun(doc, cx, t, n) else {
                continue;
            };
            let owners = owner(doc, cx, t, n);
            // "as a member of Parliament": a member noun needs its owner
            if !cx.lx.is_title(&role)
                && (owners.is_empty() || !cx.lx.in_class(WordClass::MemberNoun, &role))
            {
                continue;
            }
            // "ambassador to Japan" keeps its preposition; the possessor of "Norway's envoy to
            // Japan" is the one the envoy is of
            let to: Vec<usize> = t
                .with(doc, n, Dep::Nmod)
                .filter(|&k| preposition(doc, t, k) == "to")
                .flat_map(|k| cx.args(doc, k))
                .map(|a| a.entity)
                .collect();
            for p in &people {
                if owners.is_empty() {
                    if let Some(o) = default_owner(doc, cx, p.entity, &role) {
                        found.push((
                            p.clone(),
                            format!("{role} of"),
                            o,
                            "role verb as default owner",
                        ));
                    }
                }
                for o in &owners {
                    let prep = if to.contains(&o.entity) { "to" } else { "of" };
                    found.push((
                        p.clone(),
                        format!("{role} {prep}"),
                        o.clone(),
                        "role verb as",
                    ));
                }
            }
        }
    }
}

/// A relative named after a kin noun with a possessor ("Trump's son Eric Trump", "his son,
/// Hunter Biden").
fn kin_nouns(doc: &mut Document, cx: &Ctx, found: &mut Vec<Found>) {
    let r = doc.sentences[cx.s].tokens.clone();
    // "her brother King Maha Vajiralongkorn", "Trump's son Eric Trump", "his son, Hunter Biden":
    // a relative named after a kin noun with a possessor
    for &m in &ms_of(doc, cx.s) {
        if doc.mentions[m].kind != EntityType::PER {
            continue;
        }
        let Some(person) = doc.mentions[m].entity else {
            continue;
        };
        let start = doc.mentions[m]
            .title_span
            .as_ref()
            .map_or(doc.mentions[m].tokens.start, |t| {
                t.start.min(doc.mentions[m].tokens.start)
            });
        if start < r.start + 2 {
            continue;
        }
        // the kin noun right before the name, or before the comma that opens it as an
        // apposition ("Joe Biden and his son, Hunter Biden")
        let k = if doc.token_text(start - 1) == "," && start >= r.start + 3 {
            start - 2
        } else {
            start - 1
        };
        let kin = doc.lemma(k).to_lowercase();
        if !cx.lx.in_class(WordClass::KinNoun, &kin) {
            continue;
        }
        let before = doc.token_text(k - 1).to_lowercase();
        let owner = if matches!(before.as_str(), "his" | "her") {
            possessive_antecedent(doc, cx.s, k - 1, person)
        } else if matches!(before.as_str(), "'s" | "’s") && k >= 2 {
            doc.mentions[doc.mentions_in(cx.s)]
                .iter()
                .find(|x| x.tokens.end == k - 1 && x.kind == EntityType::PER)
                .and_then(|x| x.entity)
        } else {
            None
        };
        if let Some(o) = owner.filter(|&o| o != person) {
            found.push((arg(person), format!("{kin} of"), arg(o), "kin noun"));
        }
    }
}

/// A party's name right before a person's ("Republican Kevin McCarthy").
fn party_before_name(doc: &mut Document, cx: &Ctx, found: &mut Vec<Found>) {
    // "Republican Kevin McCarthy": a party's name right before a person's
    let ms: Vec<usize> = doc.mentions_in(cx.s).collect();
    for &a in &ms {
        let Some(pa) = doc.mentions[a].entity else {
            continue;
        };
        if !party(doc, cx.lx, pa) {
            continue;
        }
        let end = doc.mentions[a].tokens.end;
        if let Some(b) = ms.iter().copied().find(|&b| {
            doc.mentions[b].tokens.start == end
                && doc.mentions[b].kind == EntityType::PER
                && doc.mentions[b].title.is_none()
        }) {
            if let Some(pe) = doc.mentions[b].entity {
                found.push((arg(pe), "member of".into(), arg(pa), "party before name"));
            }
        }
    }
}

#[cfg(test)]
mod tests;
