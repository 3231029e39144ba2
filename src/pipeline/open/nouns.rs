//! Open triples that a noun phrase states without a verb: an apposition ("Jacques Chirac, the
//! former president" → be), a possessor or a prepositional modifier of a noun ("Du Pont's
//! portfolio" → has; "the building in downtown Milwaukee" → be in), and a title in front of a
//! name ("President Bush" → be).
use super::{leading_case, phrase, token_word, words, OpenFact};
use crate::doc::Dep;
use crate::doc::{Document, Pos};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::clauses::Tree;
use std::ops::Range;

/// Appositions: "Jacques Chirac, the former president, ..." → be (the lemma: the text does not
/// say the tense); each conjunct of the apposition its own triple.
pub(super) fn apposition_facts(
    doc: &Document,
    t: &Tree,
    r: Range<usize>,
    s: usize,
    out: &mut Vec<OpenFact>,
) {
    for i in r {
        if !doc.tokens[i].dep.is(Dep::Appos) {
            continue;
        }
        let Some(h) = t.head(doc, i) else { continue };
        // without the head's preposition ("the son of German immigrants Daniel")
        let case: Vec<usize> = t.with(doc, h, Dep::Case).collect();
        let a = phrase(doc, t, h, &[&[i], &case[..]].concat());
        if a.is_empty() {
            continue;
        }
        for (k, b) in t.conjuncts(doc, i).into_iter().enumerate() {
            let b = phrase(doc, t, b, &[]);
            if b.is_empty() {
                continue;
            }
            out.push(OpenFact {
                sentence: s,
                subject: words(doc, a.clone()),
                relation: "be".to_string(),
                args: vec![words(doc, b)],
                negated: false,
                hedged: false,
                confidence: if k == 0 { 0.7 } else { 0.65 },
            });
        }
    }
}

/// What a noun phrase says of its head without a verb, at a low confidence: a possessor has
/// the thing ("Du Pont's portfolio" → Du Pont | has | portfolio) and a prepositional modifier
/// places it ("the building in downtown Milwaukee" → the building | be in | downtown Milwaukee;
/// "be" stands for any tense).
pub(super) fn noun_facts(
    doc: &Document,
    t: &Tree,
    r: Range<usize>,
    s: usize,
    out: &mut Vec<OpenFact>,
) {
    let nominal = |k: usize| matches!(doc.tokens[k].pos, Pos::NOUN | Pos::PROPN);
    for i in r {
        let d = doc.tokens[i].dep;
        let Some(h) = t.head(doc, i) else { continue };
        if !nominal(h) || !nominal(i) || i > h && d == Dep::NmodPoss || i < h && d == Dep::Nmod {
            continue;
        }
        // the modifier's phrase with its case word; the head's phrase on the other side of it
        let m = phrase(doc, t, i, &[]);
        let case: Vec<usize> = t.with(doc, h, Dep::Case).collect();
        let whole = phrase(doc, t, h, &case);
        let (subject, relation, arg, confidence) = if d == Dep::NmodPoss {
            let case: Vec<usize> = t.with(doc, i, Dep::Case).collect();
            let owner = phrase(doc, t, i, &case);
            (owner, "has".to_string(), m.end..whole.end, 0.45)
        } else if d == Dep::Nmod {
            let Some(c) = leading_case(doc, t, i, &m) else {
                continue;
            };
            let rel = format!("be {}", token_word(doc, c));
            (whole.start..m.start, rel, c + 1..m.end, 0.4)
        } else {
            continue;
        };
        if subject.is_empty() || arg.is_empty() {
            continue;
        }
        out.push(OpenFact {
            sentence: s,
            subject: words(doc, subject),
            relation,
            args: vec![words(doc, arg)],
            negated: false,
            hedged: false,
            confidence,
        });
    }
}

/// A title in front of a name: "President Bush" → Bush | be | President (not a courtesy title:
/// "Mr. Baker").
pub(super) fn title_facts(doc: &Document, lx: &Lexicon, s: usize, out: &mut Vec<OpenFact>) {
    for m in doc.mentions.iter().filter(|m| m.sentence == s) {
        let Some(ts) = m.title_span.clone() else {
            continue;
        };
        if ts.is_empty()
            || m.tokens.is_empty()
            || lx.in_class(
                WordClass::CourtesyTitle,
                &words(doc, ts.clone()).to_lowercase(),
            )
        {
            continue;
        }
        out.push(OpenFact {
            sentence: s,
            subject: words(doc, m.tokens.clone()),
            relation: "be".to_string(),
            args: vec![words(doc, ts)],
            negated: false,
            hedged: false,
            confidence: 0.6,
        });
    }
}
