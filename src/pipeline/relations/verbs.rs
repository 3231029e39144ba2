//! Verb relations read off the clauses: for every content verb, its subject against each of its
//! objects and obliques, with a predicate built from the parse (verb + particle + the object noun
//! of a verb whose second argument is behind a preposition + preposition), so that "imposed
//! sanctions on Russia", "pulled out of the treaty", "held talks with Japan" and "launched an
//! inquiry into Boeing" become `impose sanction on`, `pull out of`, `hold talk with`,
//! `launch inquiry into`. Passives with a by-agent are turned around ("X was elected by Y": Y
//! elect X); coordinated subjects of a reciprocal verb relate to each other ("X and Y signed a
//! deal": X sign deal with Y).
use super::{as_actor, push, Arg, Ctx, Flags};
use crate::doc::Dep;
use crate::doc::{Document, EntityType, Pos};
use crate::lexicon::{NominalKind, VerbClass, WordClass};
use crate::pipeline::clauses::{Clause, Link, SubjectVia, Tree};

/// One candidate object of a clause: the predicate it takes and its arguments.
struct Object {
    predicate: String,
    args: Vec<Arg>,
    /// The agent of a passive ("by Y").
    agent: bool,
    /// Confidence of the construction.
    confidence: f32,
    /// The construction, as the fact's pattern id: "verb obj", "verb iobj", "verb agent",
    /// "verb oblique", "verb noun of" (an argument of the object noun), "verb possessor".
    rule: &'static str,
}

/// Whether a clause qualifies another verb rather than stating a relation itself: a hedge verb
/// with a complement ("considering supplying"), or a light verb.
fn qualifies_only(cx: &Ctx, cs: &[Clause], c: usize) -> bool {
    let class = cx.lx.verb_class(&cs[c].lemma);
    match class {
        Some(VerbClass::Hedge) => cs
            .iter()
            .any(|k| k.parent == Some(c) && k.link == Link::Xcomp),
        _ => false,
    }
}

pub(super) fn verbs(doc: &mut Document, cx: &mut Ctx, t: &Tree, cs: &[Clause]) {
    let lx = cx.lx;
    for (c, cl) in cs.iter().enumerate() {
        if cl.copula || qualifies_only(cx, cs, c) {
            continue;
        }
        let class = lx.verb_class(&cl.lemma);
        let light = class == Some(VerbClass::Light);
        let base = cl.verb_phrase();
        let subjects: Vec<Arg> = cl
            .subjects
            .iter()
            .flat_map(|&s| cx.args(doc, s))
            .map(|a| match cl.subject_via {
                SubjectVia::Own => a,
                _ => Arg {
                    indirect: true,
                    ..a
                },
            })
            .collect();
        if subjects.is_empty() {
            continue;
        }
        let flags = Flags {
            negated: cl.negated,
            hedged: cl.hedged,
            attributed: cx.attribution(doc, cs, c),
        };
        let objects = objects(doc, cx, t, cl, light);
        let mut any = false;
        for o in &objects {
            for s in &subjects {
                for a in &o.args {
                    let (x, y) = match (cl.passive, o.agent) {
                        (true, true) => (a.clone(), s.clone()),
                        (true, false) => continue,
                        (false, true) => continue,
                        _ => (s.clone(), a.clone()),
                    };
                    let x = if x.indirect {
                        x
                    } else {
                        as_actor(doc, lx, x, Some(&cl.lemma))
                    };
                    let y = if o.predicate == base {
                        as_actor(doc, lx, y, Some(&cl.lemma))
                    } else {
                        y
                    };
                    push(cx, &x, o.predicate.clone(), &y, flags, o.confidence, o.rule);
                    any = true;
                }
            }
        }
        // "X and Y signed a partnership": X sign partnership with Y
        if !any && subjects.len() >= 2 && class == Some(VerbClass::Reciprocal) && !cl.passive {
            let noun = cl
                .objects
                .iter()
                .find(|&&o| doc.tokens[o].pos == Pos::NOUN)
                .map(|&o| doc.lemma(o).into_owned());
            let pred = match noun {
                Some(n) => format!("{base} {n} with"),
                None => format!("{base} with"),
            };
            push(
                cx,
                &subjects[0].clone(),
                pred,
                &subjects[1].clone(),
                flags,
                0.6,
                "reciprocal",
            );
        }
    }
}

/// Whether every argument is a place (a GPE or LOC).
fn places(doc: &Document, args: &[Arg]) -> bool {
    args.iter().all(|a| {
        matches!(
            doc.entities[a.entity].kind,
            EntityType::GPE | EntityType::LOC
        )
    })
}

/// The verb (and kind) of an event noun (`nominalizations.tsv`, kinds `poss` and `pair`) after a
/// support verb (word class `support_verb`: "have", "hold", "launch") that carries no meaning of
/// its own.
fn support_event(
    lx: &crate::lexicon::Lexicon,
    prefix: &str,
    noun: &str,
) -> Option<(&'static str, NominalKind)> {
    let verb = prefix.split(' ').next_back()?;
    if !lx.in_class(WordClass::SupportVerb, verb) {
        return None;
    }
    lx.nominal(noun)
        .filter(|(_, k)| matches!(k, NominalKind::Possessive | NominalKind::Pair))
}

/// Entities in the prepositional phrases of a non-entity noun, with the predicate that reaches
/// them: `prefix` + the noun + the preposition ("hold majority in", "launch inquiry into",
/// "support war" for a possessor). Phrases of phrases are not followed: their predicates were
/// mostly noise ("show in after position in") in the articles read.
fn noun_paths(
    doc: &Document,
    cx: &Ctx,
    t: &Tree,
    n: usize,
    prefix: &str,
    light: bool,
    out: &mut Vec<Object>,
) {
    let lx = cx.lx;
    let noun = doc.lemma(n).into_owned();
    for k in t.with(doc, n, Dep::Nmod) {
        let p = crate::pipeline::clauses::preposition(doc, t, k);
        // "trade with Ghana and Nigeria": each conjunct is an argument
        let args: Vec<_> = t
            .conjuncts(doc, k)
            .into_iter()
            .flat_map(|c| cx.args(doc, c))
            .collect();
        let possessive = doc.tokens[k].dep == Dep::NmodPoss;
        if args.is_empty() {
            continue;
        }
        let confidence = 0.6;
        if possessive {
            // "support Russia's war": support war (of) Russia
            if !light {
                out.push(Object {
                    predicate: format!("{prefix} {noun}"),
                    args,
                    agent: false,
                    confidence,
                    rule: "verb possessor",
                });
            }
            continue;
        }
        if p.is_empty() {
            continue;
        }
        let last = p.rsplit(' ').next().unwrap_or(&p);
        // "has not seen any plans from China": the source of the noun, not a party to the verb
        if last == "from" {
            continue;
        }
        // a place behind in/at/near is where the thing is, not a party to it
        if lx.in_class(WordClass::LocPrep, last) && places(doc, &args) {
            continue;
        }
        // "had disagreements with", "launched an attack on": a support verb with an event
        // noun says the noun's verb; the object of an act is the verb's ("attack"), a party to
        // a shared one keeps its preposition ("disagree with")
        let predicate = match support_event(lx, prefix, &doc.token_text(n).to_lowercase()) {
            Some((verb, NominalKind::Possessive)) => verb.to_string(),
            Some((verb, _)) if verb.contains(' ') => verb.to_string(),
            Some((verb, _)) => format!("{verb} {p}"),
            None => format!("{prefix} {noun} {p}"),
        };
        out.push(Object {
            predicate,
            args,
            agent: false,
            confidence: if p == "of" {
                confidence - 0.05
            } else {
                confidence
            },
            rule: "verb noun of",
        });
    }
}

/// The objects of a clause with their predicates.
fn objects(doc: &Document, cx: &Ctx, t: &Tree, cl: &Clause, light: bool) -> Vec<Object> {
    let lx = cx.lx;
    let base = cl.verb_phrase();
    let says = cl.lemma == "say";
    let mut out = Vec::new();
    // a non-entity direct object becomes part of the predicate ("supply arms to", "hold talks
    // with"); entities in its own prepositional phrases are objects of that phrase
    let mut noun: Option<String> = None;
    for &o in &cl.objects {
        let args = cx.args(doc, o);
        if !args.is_empty() {
            // "said California Attorney General Xavier Becerra" names the speaker
            if !says && !light {
                out.push(Object {
                    predicate: base.clone(),
                    args,
                    agent: false,
                    confidence: 0.7,
                    rule: "verb obj",
                });
            }
            continue;
        }
        if doc.tokens[o].pos != Pos::NOUN {
            continue;
        }
        let n = doc.lemma(o).into_owned();
        // an event noun's own arguments ("supplies from China to Russia") are the event
        // nouns' relation, not the verb's
        let event = lx
            .nominal(&doc.token_text(o).to_lowercase())
            .is_some_and(|(_, k)| k == NominalKind::Flow);
        if !event {
            noun_paths(doc, cx, t, o, &base, light, &mut out);
        }
        noun.get_or_insert(n);
    }
    for &o in &cl.iobjects {
        let args = cx.args(doc, o);
        if !args.is_empty() && !light {
            out.push(Object {
                predicate: base.clone(),
                args,
                agent: false,
                confidence: 0.7,
                rule: "verb iobj",
            });
        }
    }
    for ob in &cl.obliques {
        let p = ob.prep.as_str();
        if p.is_empty() {
            continue;
        }
        let args = cx.args(doc, ob.token);
        if args.is_empty() {
            // "said in an interview with the BBC", "took part in talks with Japan": the
            // entities in the phrases of an oblique speech or event noun
            let n = doc.lemma(ob.token).to_lowercase();
            let speech_or_event =
                lx.in_class(WordClass::SpeechNoun, &n) || lx.nominal(&n).is_some();
            if doc.tokens[ob.token].pos == Pos::NOUN && !cl.passive && speech_or_event {
                noun_paths(
                    doc,
                    cx,
                    t,
                    ob.token,
                    &format!("{base} {p}"),
                    light,
                    &mut out,
                );
            }
            continue;
        }
        if p == "by" {
            if cl.passive {
                out.push(Object {
                    predicate: base.clone(),
                    args,
                    agent: true,
                    confidence: 0.7,
                    rule: "verb agent",
                });
            }
            continue;
        }
        // a place preposition gives where, not whom: kept for verbs of place ("died in"), and
        // for organisations and people ("invested in Tesla")
        let last = p.rsplit(' ').next().unwrap_or(p);
        if lx.in_class(WordClass::LocPrep, last) && last != "from" {
            let place = places(doc, &args);
            if place && !lx.in_class(WordClass::PlaceVerb, &cl.lemma) {
                continue;
            }
            if !place && !matches!(last, "in" | "at") {
                continue;
            }
        } else if !lx.in_class(WordClass::VerbPrep, last) && !p.contains(' ') && last != "of" {
            continue;
        }
        if light && noun.is_none() {
            continue;
        }
        let predicate = match &noun {
            Some(n) => format!("{base} {n} {p}"),
            None => format!("{base} {p}"),
        };
        out.push(Object {
            predicate,
            args,
            agent: false,
            confidence: if noun.is_some() { 0.6 } else { 0.65 },
            rule: if noun.is_some() {
                "verb noun oblique"
            } else {
                "verb oblique"
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, rels, rels_of_parse};

    #[test]
    fn a_coordinated_verb_shares_the_subject_far_away() {
        let rs = rels(
            "Prime Minister Theresa May on Monday sharply criticised the European Commission, \
             and later met Angela Merkel in Berlin.",
        );
        assert!(has(&rs, "Theresa May", "meet", "Angela Merkel"), "{rs:?}");
    }

    #[test]
    fn hedge_verbs_are_no_predicates() {
        let rs = rels("China is considering supplying arms to Russia.");
        assert!(rs.iter().all(|r| !r.1.starts_with("consider")), "{rs:?}");
        assert!(
            rs.iter().any(|r| r.0 == "China" && r.2 == "Russia" && r.4),
            "{rs:?}"
        );
    }

    #[test]
    fn a_title_is_not_the_subject() {
        let rs = rels("U.S. Secretary of State Antony Blinken warned China.");
        assert!(has(&rs, "Antony Blinken", "warn", "China"), "{rs:?}");
        assert!(!has(&rs, "United States", "warn", "China"), "{rs:?}");
    }

    #[test]
    fn particles_and_object_nouns_make_the_predicate() {
        let rs = rels("Canada imposed sanctions on Venezuela on Monday.");
        assert!(
            has(&rs, "Canada", "impose sanction on", "Venezuela"),
            "{rs:?}"
        );
        let rs = rels("In 2018, Hungary pulled out of the Council of Europe.");
        assert!(
            has(&rs, "Hungary", "pull out of", "Council of Europe"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_support_verb_lends_its_clause_to_the_event_noun() {
        let rs = rels("Peru held talks with Chile. Bolivia launched an attack on Paraguay.");
        assert!(has(&rs, "Peru", "talk with", "Chile"), "{rs:?}");
        assert!(has(&rs, "Bolivia", "attack", "Paraguay"), "{rs:?}");
        let rs = rels("Peru filed a lawsuit against Chile.");
        assert!(has(&rs, "Peru", "sue", "Chile"), "{rs:?}");
        // a verb of its own keeps the noun ("imposed sanctions on" above, "criticized talks")
        let rs = rels("Peru welcomed talks with Chile.");
        assert!(has(&rs, "Peru", "welcome talk with", "Chile"), "{rs:?}");
    }

    #[test]
    fn a_passive_agent_is_the_subject() {
        let rs = rels("Jacinda Ardern was praised by Amnesty International.");
        assert!(
            has(&rs, "Amnesty International", "praise", "Jacinda Ardern"),
            "{rs:?}"
        );
    }

    #[test]
    fn places_only_for_verbs_of_place() {
        let rs = rels("Walter Munk died in San Diego. Angela Merkel spoke in Paris.");
        assert!(has(&rs, "Walter Munk", "die in", "San Diego"), "{rs:?}");
        assert!(!rs.iter().any(|r| r.2 == "Paris"), "{rs:?}");
    }

    #[test]
    fn the_organisation_a_definite_noun_stands_for_when_only_one_was_named() {
        let rs = rels("NATO held a summit in Vilnius on Monday. The alliance later warned Russia.");
        assert!(
            has(&rs, "North Atlantic Treaty Organization", "warn", "Russia"),
            "{rs:?}"
        );
        let rs =
            rels("NATO and the European Union held a summit. The alliance later warned Russia.");
        assert!(!rs.iter().any(|r| r.1 == "warn"), "{rs:?}");
    }

    #[test]
    fn place_and_group_nouns_stand_for_their_names() {
        let rs = rels("The Syrian Army entered the town of Manbij on Monday.");
        assert!(has(&rs, "Syrian Army", "enter", "Manbij"), "{rs:?}");
        let rs = rels("California sued the Trump administration over the declaration.");
        assert!(
            rs.iter()
                .any(|r| r.0 == "California" && r.1 == "sue" && r.2.contains("Trump")),
            "{rs:?}"
        );
    }

    #[test]
    fn a_passive_subject_with_an_object_is_read_as_active() {
        let rs = rels("Turkey, which has banned the PKK, launched an offensive.");
        assert!(rs.iter().any(|r| r.0 == "Turkey" && r.1 == "ban"), "{rs:?}");
    }

    #[test]
    fn what_is_asked_for_is_hedged_and_the_asking_is_not() {
        let rs = rels("Donald Trump asked Volodymyr Zelensky to investigate Joe Biden.");
        assert!(
            rs.iter().any(|r| r.0 == "Donald Trump"
                && r.1 == "ask"
                && r.2 == "Volodymyr Zelensky"
                && !r.4),
            "{rs:?}"
        );
        assert!(
            rs.iter().any(|r| r.0 == "Volodymyr Zelensky"
                && r.1 == "investigate"
                && r.2 == "Joe Biden"
                && r.4),
            "{rs:?}"
        );
    }

    #[test]
    fn a_party_noun_stands_for_the_name_in_front_of_it() {
        let rs = rels("Donald Tusk founded the Civic Platform party in 2001.");
        assert!(has(&rs, "Donald Tusk", "found", "Civic Platform"), "{rs:?}");
    }

    #[test]
    fn on_a_hand_built_parse_an_object_noun_joins_the_predicate() {
        use crate::doc::Pos::*;
        // "Canada imposed sanctions on Venezuela ."
        let rs = rels_of_parse(&[
            ("Canada", PROPN, "Canada", 2, "nsubj"),
            ("imposed", VERB, "impose", 0, "root"),
            ("sanctions", NOUN, "sanction", 2, "obj"),
            ("on", ADP, "on", 5, "case"),
            ("Venezuela", PROPN, "Venezuela", 2, "obl"),
            (".", PUNCT, ".", 2, "punct"),
        ]);
        assert!(
            rs.contains(&(
                "Canada".into(),
                "impose sanction on".into(),
                "Venezuela".into()
            )),
            "{rs:?}"
        );
    }

    #[test]
    fn on_a_hand_built_parse_a_relative_clause_relates_the_noun_it_modifies() {
        use crate::doc::Pos::*;
        // "Pedro Sanchez , who visited Kyiv , spoke ."
        let rs = rels_of_parse(&[
            ("Pedro", PROPN, "Pedro", 8, "nsubj"),
            ("Sanchez", PROPN, "Sanchez", 1, "flat"),
            (",", PUNCT, ",", 5, "punct"),
            ("who", PRON, "who", 5, "nsubj"),
            ("visited", VERB, "visit", 1, "acl:relcl"),
            ("Kyiv", PROPN, "Kyiv", 5, "obj"),
            (",", PUNCT, ",", 5, "punct"),
            ("spoke", VERB, "speak", 0, "root"),
            (".", PUNCT, ".", 8, "punct"),
        ]);
        assert!(
            rs.contains(&("Pedro Sanchez".into(), "visit".into(), "Kyiv".into())),
            "{rs:?}"
        );
    }

    #[test]
    fn a_programme_stands_for_its_outlet_and_coordinated_speakers_speak_with_each_other() {
        let rs = rels("Lindsey Graham told the Fox News program that the move was a mistake.");
        assert!(has(&rs, "Lindsey Graham", "tell", "Fox News"), "{rs:?}");
        let rs = rels("Donald Trump and Recep Tayyip Erdogan spoke by phone on Sunday.");
        assert!(
            has(&rs, "Donald Trump", "speak with", "Recep Tayyip Erdogan"),
            "{rs:?}"
        );
    }
}
