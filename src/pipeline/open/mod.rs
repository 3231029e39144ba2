//! Open triples: every clause of the clause layer as (subject phrase, relation phrase, object
//! phrase, further arguments), in the words of the sentence, whether or not its arguments are
//! named entities ("the French people | rejected | the treaty"). Used by `extract --open` and
//! scored on the CaRB benchmark (`eval carb`).
use crate::doc::Dep;
use crate::doc::{Document, Pos};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::clauses::{clauses, Clause, Link, SubjectVia, Tree};
use std::ops::Range;

mod nouns;
use nouns::{apposition_facts, noun_facts, title_facts};

/// One open triple: phrases are text of the sentence, arguments in order.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFact {
    /// The sentence's index.
    pub sentence: usize,
    /// The subject phrase.
    pub subject: String,
    /// The relation phrase: auxiliaries, negation, the verb and its particle ("has not seen").
    pub relation: String,
    /// The object phrase, then every oblique with its preposition ("to Russia").
    pub args: Vec<String>,
    /// Whether the clause is negated.
    pub negated: bool,
    /// Whether the clause is hedged.
    pub hedged: bool,
    /// Higher for a clause with its own subject and a direct object, lower for a shared subject,
    /// a long argument or a clause without an object.
    pub confidence: f32,
}

/// The token range of the phrase headed by `h`: its subtree, without relative clauses,
/// appositions and punctuation at its edges, cut to one contiguous run around `h`.
fn phrase(doc: &Document, t: &Tree, h: usize, skip: &[usize]) -> Range<usize> {
    let mut lo = h;
    let mut hi = h + 1;
    let mut stack = vec![h];
    while let Some(x) = stack.pop() {
        lo = lo.min(x);
        hi = hi.max(x + 1);
        for &k in t.kids(x) {
            let d = doc.tokens[k].dep;
            if skip.contains(&k)
                || d.is(Dep::Acl)
                || d.is(Dep::Appos)
                || (x == h && matches!(d, Dep::Punct | Dep::Cc | Dep::Parataxis))
                || (x == h && d.is(Dep::Conj))
            {
                continue;
            }
            stack.push(k);
        }
    }
    while lo < hi && doc.tokens[lo].pos == Pos::PUNCT {
        lo += 1;
    }
    // a closing quote stays when the phrase opens one ("`` Northern Territories ''")
    let quote = |k: usize| matches!(doc.token_text(k), "'" | "\"" | "''");
    let opened = (lo..hi).filter(|&k| quote(k)).count() % 2 == 0;
    while hi > lo && doc.tokens[hi - 1].pos == Pos::PUNCT && !(quote(hi - 1) && opened) {
        hi -= 1;
    }
    lo..hi
}

/// The words of a token range as the original text has them (spacing collapsed), so that quotes
/// and symbols the cleaner normalised come out as written.
fn words(doc: &Document, r: Range<usize>) -> String {
    if r.is_empty() {
        return String::new();
    }
    let (a, b) = original_bytes(doc, doc.tokens[r.start].start, doc.tokens[r.end - 1].end);
    doc.original[a..b]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Byte range in the original text of a byte range of the cleaned text, or an empty one when
/// it cannot be sliced.
fn original_bytes(doc: &Document, start: usize, end: usize) -> (usize, usize) {
    let (a, b) = doc.source_bytes(start, end);
    if a <= b
        && b <= doc.original.len()
        && doc.original.is_char_boundary(a)
        && doc.original.is_char_boundary(b)
    {
        (a, b)
    } else {
        (0, 0)
    }
}

/// One token as the original text has it.
fn token_word(doc: &Document, k: usize) -> &str {
    let (a, b) = original_bytes(doc, doc.tokens[k].start, doc.tokens[k].end);
    if a == b {
        doc.token_text(k)
    } else {
        &doc.original[a..b]
    }
}

/// Whether a token is a negation adverb.
fn negation(doc: &Document, lx: &Lexicon, k: usize) -> bool {
    lx.in_class(WordClass::Negation, &doc.token_text(k).to_lowercase())
}

/// The relation tokens of a clause: auxiliaries, copula, negation, particle, the adverbs inside
/// the verb group ("were generally separated") and the verb, in sentence order.
fn relation_tokens(doc: &Document, lx: &Lexicon, t: &Tree, c: &Clause) -> Vec<usize> {
    let h = c.head;
    let first_aux = t
        .kids(h)
        .iter()
        .copied()
        .filter(|&k| doc.tokens[k].dep.is(Dep::Aux) || doc.tokens[k].dep.is(Dep::Cop))
        .min()
        .unwrap_or(h);
    let mut toks: Vec<usize> = t
        .kids(h)
        .iter()
        .copied()
        .filter(|&k| {
            let d = doc.tokens[k].dep;
            d.is(Dep::Aux)
                || d.is(Dep::Cop)
                || (d == Dep::Advmod && (negation(doc, lx, k) || (k > first_aux && k < h)))
                || d == Dep::CompoundPrt
        })
        .collect();
    if !c.copula {
        toks.push(h);
    }
    toks.sort_unstable();
    toks
}

fn text_of(doc: &Document, toks: &[usize]) -> String {
    toks.iter()
        .map(|&k| token_word(doc, k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `case` word of an oblique that comes before it ("to" in "to Florida").
fn leading_case(doc: &Document, t: &Tree, o: usize, phrase: &Range<usize>) -> Option<usize> {
    t.with(doc, o, Dep::Case)
        .filter(|&k| k == phrase.start)
        .min()
}

/// The open triples of a document: one per clause and object, one per apposition, one per
/// title in front of a name.
pub fn extract(doc: &Document, lx: &Lexicon) -> Vec<OpenFact> {
    let mut out = Vec::new();
    for s in 0..doc.sentences.len() {
        let r = doc.sentences[s].tokens.clone();
        if r.is_empty() {
            continue;
        }
        let t = Tree::new(doc, r.start, r.end);
        let cs = clauses(doc, lx, &t);
        for ci in 0..cs.len() {
            clause_facts(doc, lx, &t, &cs, ci, s, &mut out);
        }
        apposition_facts(doc, &t, r.clone(), s, &mut out);
        title_facts(doc, lx, s, &mut out);
        noun_facts(doc, &t, r, s, &mut out);
    }
    out
}

/// The triples of clause `ci` of sentence `s`: its subject phrase, its relation (a governing
/// control verb first: "wants to meet"), and each object conjunct with the obliques.
fn clause_facts(
    doc: &Document,
    lx: &Lexicon,
    t: &Tree,
    cs: &[Clause],
    ci: usize,
    s: usize,
    out: &mut Vec<OpenFact>,
) {
    let c = &cs[ci];
    let Some(&subj) = c.subjects.first() else {
        return;
    };
    // a verb that only governs a complement reads as one relation with it ("wants to meet"):
    // the complement's clause speaks for both
    let has_xcomp = cs
        .iter()
        .any(|k| k.parent == Some(ci) && k.link == Link::Xcomp && !k.copula);
    if has_xcomp && c.objects.is_empty() && c.obliques.is_empty() {
        return;
    }
    let Some(sp) = subject_phrase(doc, t, c, subj) else {
        return;
    };
    // relation: a governing verb of a control chain comes first ("wants to meet")
    let mut rel_toks = Vec::new();
    if c.link == Link::Xcomp {
        if let Some(p) = c.parent {
            if cs[p].objects.is_empty() && !cs[p].copula {
                rel_toks.extend(relation_tokens(doc, lx, t, &cs[p]));
                rel_toks.extend(t.with(doc, c.head, Dep::Mark).filter(|&k| k < c.head));
            }
        }
    }
    rel_toks.extend(relation_tokens(doc, lx, t, c));
    let mut objects = object_phrases(doc, lx, t, c);
    let mut obliques: Vec<(Option<usize>, Range<usize>)> = c
        .obliques
        .iter()
        .map(|ob| {
            let pr = phrase(doc, t, ob.token, &[]);
            (leading_case(doc, t, ob.token, &pr), pr)
        })
        .filter(|(_, pr)| !pr.is_empty())
        .collect();
    obliques.sort_by_key(|(_, pr)| pr.start);
    // with no object, the first oblique's preposition joins the relation ("relocates to | She |
    // Florida")
    let mut rel = text_of(doc, &rel_toks);
    if objects.is_empty() {
        // the first oblique after the verb: a fronted one ("At the end of 2008 it was
        // established by ...") stays an argument
        let after = obliques.iter().position(|(_, pr)| pr.start > c.head);
        let first = (!obliques.is_empty()).then(|| obliques.remove(after.unwrap_or(0)));
        if let Some((case, pr)) = first {
            if let Some(k) = case {
                rel.push(' ');
                rel.push_str(token_word(doc, k));
                objects.push(words(doc, k + 1..pr.end));
            } else {
                objects.push(words(doc, pr));
            }
        }
    }
    let rest: Vec<String> = obliques.into_iter().map(|(_, pr)| words(doc, pr)).collect();
    let subject = words(doc, sp);
    let mut conf = clause_confidence(c);
    if objects.is_empty() {
        conf -= 0.3;
        objects.push(String::new());
    }
    // each conjunct of the object its own triple
    for (k, o) in objects.iter().enumerate() {
        let mut args: Vec<String> = Vec::new();
        if !o.is_empty() {
            args.push(o.clone());
        }
        args.extend(rest.iter().cloned());
        let long = args.iter().map(|a| a.split(' ').count()).sum::<usize>();
        let mut conf = conf;
        if long > 12 {
            conf -= 0.1;
        }
        if k > 0 {
            conf -= 0.05;
        }
        out.push(OpenFact {
            sentence: s,
            subject: subject.clone(),
            relation: rel.clone(),
            args,
            negated: c.negated,
            hedged: c.hedged,
            confidence: (conf.max(0.05) * 100.0).round() / 100.0,
        });
    }
}

/// The subject phrase: the subject and its conjuncts, without the clause itself; none when it
/// is empty or holds the predicate.
fn subject_phrase(doc: &Document, t: &Tree, c: &Clause, subj: usize) -> Option<Range<usize>> {
    let skip = [c.head];
    let mut sp = phrase(doc, t, subj, &skip);
    if let Some(&last) = c.subjects.last() {
        if last > subj && c.subject_via == SubjectVia::Own {
            let lp = phrase(doc, t, last, &skip);
            if lp.end > sp.end && lp.end <= c.head {
                sp = sp.start..lp.end;
            }
        }
    }
    (!(sp.is_empty() || sp.contains(&c.head))).then_some(sp)
}

/// The object phrases: a copula's predicate noun or adjective with its dependents, or the
/// direct and indirect objects.
fn object_phrases(doc: &Document, lx: &Lexicon, t: &Tree, c: &Clause) -> Vec<String> {
    if c.copula {
        let mut skip: Vec<usize> = c.subjects.clone();
        skip.extend(t.kids(c.head).iter().copied().filter(|&k| {
            let d = doc.tokens[k].dep;
            d.is(Dep::Cop)
                || d.is(Dep::Nsubj)
                || d.is(Dep::Aux)
                || d == Dep::Punct
                || d == Dep::Advmod && negation(doc, lx, k)
        }));
        return vec![words(doc, phrase(doc, t, c.head, &skip))];
    }
    let mut out: Vec<String> = c
        .objects
        .iter()
        .chain(&c.iobjects)
        .map(|&o| words(doc, phrase(doc, t, o, &[])))
        .collect();
    if out.is_empty() {
        // a predicate noun or adjective of "become", "remain" ("became a regular in the side"),
        // else the clause said or thought ("said it signed an agreement"): its words whole
        let kid = |dep: Dep, nominal: bool| {
            t.kids(c.head).iter().copied().find(|&k| {
                (k > c.head || dep == Dep::Ccomp)
                    && doc.tokens[k].dep == dep
                    && (!nominal || matches!(doc.tokens[k].pos, Pos::NOUN | Pos::ADJ | Pos::PROPN))
            })
        };
        if let Some(k) = kid(Dep::Xcomp, true) {
            out.push(words(doc, phrase(doc, t, k, &[])));
        } else if let Some(k) = kid(Dep::Ccomp, false) {
            out.push(words(doc, subtree(doc, t, k)));
        }
    }
    out
}

/// The whole subtree of `h`, without punctuation at its edges.
fn subtree(doc: &Document, t: &Tree, h: usize) -> Range<usize> {
    let (mut lo, mut hi) = (h, h + 1);
    let mut stack = vec![h];
    while let Some(x) = stack.pop() {
        lo = lo.min(x);
        hi = hi.max(x + 1);
        stack.extend(t.kids(x).iter().copied());
    }
    while lo < hi && doc.tokens[lo].pos == Pos::PUNCT {
        lo += 1;
    }
    while hi > lo && doc.tokens[hi - 1].pos == Pos::PUNCT {
        hi -= 1;
    }
    lo..hi
}

/// A clause's confidence before its arguments are weighed: lower for a shared subject, no
/// object, a subordinate clause or a hedge.
fn clause_confidence(c: &Clause) -> f32 {
    let mut conf: f32 = 0.9;
    if c.subject_via != SubjectVia::Own {
        conf -= 0.15;
    }
    if c.objects.is_empty() && !c.copula {
        conf -= 0.1;
    }
    if matches!(c.link, Link::Relcl | Link::Acl | Link::Advcl) {
        conf -= 0.05;
    }
    if c.hedged {
        conf -= 0.05;
    }
    conf
}

#[cfg(test)]
mod tests {
    use crate::ingest::from_text;
    use crate::testing::annotate;

    fn open(text: &str) -> Vec<(String, String, Vec<String>)> {
        let mut d = from_text("t", text);
        annotate(&mut d);
        super::extract(&d, crate::testing::lexicon())
            .into_iter()
            .map(|f| (f.subject, f.relation, f.args))
            .collect()
    }

    #[test]
    fn clauses_become_triples_with_noun_phrase_arguments() {
        let f = open("The French farmers have not accepted the new trade agreement.");
        assert!(
            f.iter().any(|x| x.0 == "The French farmers"
                && x.1 == "have not accepted"
                && x.2 == ["the new trade agreement"]),
            "{f:?}"
        );
    }

    #[test]
    fn without_an_object_the_first_preposition_joins_the_relation() {
        let f = open("The old bridge was built in 1890 by local workers. The mayor is a doctor.");
        assert!(
            f.iter().any(|x| x.0 == "The old bridge"
                && x.1 == "was built in"
                && x.2 == ["1890", "by local workers"]),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == "The mayor" && x.1 == "is" && x.2 == ["a doctor"]),
            "{f:?}"
        );
    }

    #[test]
    fn control_chains_read_as_one_relation_and_object_conjuncts_split() {
        let f = open("The farmers want to sell wheat and barley.");
        assert!(
            f.iter()
                .any(|x| x.0 == "The farmers" && x.1 == "want to sell" && x.2 == ["wheat"]),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == "The farmers" && x.1 == "want to sell" && x.2 == ["barley"]),
            "{f:?}"
        );
    }

    #[test]
    fn quotes_come_out_as_written() {
        let f = open("They are also known in Japan as `` Northern Territories '' .");
        assert!(
            f.iter().any(|x| x.1 == "are also known in"
                && x.2.iter().any(|a| a.contains("`` Northern Territories ''"))),
            "{f:?}"
        );
    }

    #[test]
    fn appositions_are_be_triples_one_per_conjunct() {
        use crate::doc::Pos::*;
        // "Constant , a writer and a philosopher , spoke ." (a hand-built parse)
        let d = crate::pipeline::clauses::tests::parsed(&[
            ("Constant", PROPN, "Constant", 10, "nsubj"),
            (",", PUNCT, ",", 4, "punct"),
            ("a", DET, "a", 4, "det"),
            ("writer", NOUN, "writer", 1, "appos"),
            ("and", CCONJ, "and", 7, "cc"),
            ("a", DET, "a", 7, "det"),
            ("philosopher", NOUN, "philosopher", 4, "conj"),
            (",", PUNCT, ",", 4, "punct"),
            ("then", ADV, "then", 10, "advmod"),
            ("spoke", VERB, "speak", 0, "root"),
            (".", PUNCT, ".", 10, "punct"),
        ]);
        let f: Vec<(String, String, Vec<String>)> = super::extract(&d, crate::testing::lexicon())
            .into_iter()
            .map(|f| (f.subject, f.relation, f.args))
            .collect();
        for x in ["a writer", "a philosopher"] {
            assert!(
                f.iter()
                    .any(|t| t.0 == "Constant" && t.1 == "be" && t.2 == [x]),
                "{x} {f:?}"
            );
        }
    }

    #[test]
    fn a_reported_clause_or_a_predicate_of_become_is_the_object() {
        let f = open("The machine can run old software, the company said. Thomas soon became a regular in the side.");
        assert!(
            f.iter().any(|x| x.0 == "the company"
                && x.1 == "said"
                && x.2 == ["The machine can run old software"]),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == "Thomas" && x.1 == "became" && x.2 == ["a regular in the side"]),
            "{f:?}"
        );
    }

    #[test]
    fn a_possessor_has_and_a_noun_modifier_places() {
        let f = open("The deal bolsters Acme's growing portfolio of investments in Ohio.");
        assert!(
            f.iter().any(|x| x.0 == "Acme"
                && x.1 == "has"
                && x.2 == ["growing portfolio of investments in Ohio"]),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.1 == "be in" && x.2 == ["Ohio"] && x.0.ends_with("investments")),
            "{f:?}"
        );
    }

    #[test]
    fn a_courtesy_title_is_no_triple() {
        let f = open("Mr. Baker met President Joe Biden on Monday.");
        assert!(!f.iter().any(|t| t.0 == "Baker" && t.1 == "be"), "{f:?}");
        assert!(
            f.iter()
                .any(|t| t.0 == "Joe Biden" && t.1 == "be" && t.2 == ["President"]),
            "{f:?}"
        );
    }

    #[test]
    fn a_title_before_a_name_is_a_be_triple() {
        let f = open("The plan was announced by President Joe Biden on Monday.");
        assert!(
            f.iter()
                .any(|t| t.0 == "Joe Biden" && t.1 == "be" && t.2 == ["President"]),
            "{f:?}"
        );
    }
}
