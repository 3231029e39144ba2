//! Tests of the clause layer on hand-built parses, and the `parsed` fixture the relation tests use.
use super::*;
use crate::doc::{Sentence, Token};

/// A document with a hand-built parse: (word, pos, lemma, head (1-based, 0 root), dep); the
/// text is its own original.
pub(crate) fn parsed(words: &[(&str, Pos, &str, u32, &'static str)]) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for &(w, pos, lemma, head, dep) in words {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        tokens.push(Token {
            start,
            end: text.len(),
            pos,
            pos_alt: pos,
            lemma: (lemma != w.to_lowercase()).then(|| lemma.to_string().into()),
            head: (head > 0).then(|| head - 1),
            dep: crate::doc::dep_label(dep),
            newline_after: false,
        });
    }
    let n = tokens.len();
    Document {
        original: text.clone(),
        offsets: (0..=text.len() as u32).collect(),
        sentences: vec![Sentence {
            tokens: 0..n,
            start: 0,
            end: text.len(),
            headline: false,
        }],
        text,
        tokens,
        ..Document::default()
    }
}

fn words(d: &Document, ts: &[usize]) -> Vec<String> {
    ts.iter().map(|&t| d.token_text(t).to_string()).collect()
}

#[test]
fn coordinated_verbs_share_the_subject_and_objects_split() {
    use Pos::*;
    // "Kenya and Uganda signed the deal and pulled out of the bloc."
    let d = parsed(&[
        ("Kenya", PROPN, "Kenya", 4, "nsubj"),
        ("and", CCONJ, "and", 1, "cc"),
        ("Uganda", PROPN, "Uganda", 1, "conj"),
        ("signed", VERB, "sign", 0, "root"),
        ("the", DET, "the", 6, "det"),
        ("deal", NOUN, "deal", 4, "obj"),
        ("and", CCONJ, "and", 8, "cc"),
        ("pulled", VERB, "pull", 4, "conj"),
        ("out", ADP, "out", 8, "compound:prt"),
        ("of", ADP, "of", 12, "case"),
        ("the", DET, "the", 12, "det"),
        ("bloc", NOUN, "bloc", 8, "obl"),
    ]);
    let cs = clauses(
        &d,
        crate::testing::lexicon(),
        &Tree::new(&d, 0, d.tokens.len()),
    );
    assert_eq!(cs.len(), 2);
    assert_eq!(words(&d, &cs[0].subjects), ["Kenya", "Uganda"]);
    assert_eq!(cs[1].subject_via, SubjectVia::Shared);
    assert_eq!(words(&d, &cs[1].subjects), ["Kenya", "Uganda"]);
    assert_eq!(cs[1].verb_phrase(), "pull out");
    assert_eq!(cs[1].obliques[0].prep, "of");
}

#[test]
fn a_list_dependent_with_its_own_and_is_a_conjunct_and_one_without_is_not() {
    use Pos::*;
    // "President Ana Ruiz and Chilean President Tomas Vidal spoke", the second name hung as
    // "list" with the "and" on its modifier; "Ana Ruiz, Tomas Vidal spoke" has no "and"
    let with_and = parsed(&[
        ("President", PROPN, "President", 2, "nmod:desc"),
        ("Ruiz", PROPN, "Ruiz", 7, "nsubj"),
        ("and", CCONJ, "and", 4, "cc"),
        ("Chilean", ADJ, "Chilean", 5, "amod"),
        ("President", PROPN, "President", 6, "nmod:desc"),
        ("Vidal", PROPN, "Vidal", 2, "list"),
        ("spoke", VERB, "speak", 0, "root"),
    ]);
    let cs = clauses(
        &with_and,
        crate::testing::lexicon(),
        &Tree::new(&with_and, 0, with_and.tokens.len()),
    );
    assert_eq!(words(&with_and, &cs[0].subjects), ["Ruiz", "Vidal"]);
    let without = parsed(&[
        ("Ruiz", PROPN, "Ruiz", 4, "nsubj"),
        (",", PUNCT, ",", 3, "punct"),
        ("Vidal", PROPN, "Vidal", 1, "list"),
        ("spoke", VERB, "speak", 0, "root"),
    ]);
    let cs = clauses(
        &without,
        crate::testing::lexicon(),
        &Tree::new(&without, 0, without.tokens.len()),
    );
    assert_eq!(words(&without, &cs[0].subjects), ["Ruiz"]);
}

#[test]
fn a_relative_clause_takes_the_noun_it_modifies_and_passive_agents_are_obliques() {
    use Pos::*;
    // "Ortiz, who was elected by voters, visited Lima."
    let d = parsed(&[
        ("Ortiz", PROPN, "Ortiz", 9, "nsubj"),
        (",", PUNCT, ",", 1, "punct"),
        ("who", PRON, "who", 5, "nsubj:pass"),
        ("was", AUX, "be", 5, "aux:pass"),
        ("elected", VERB, "elect", 1, "acl:relcl"),
        ("by", ADP, "by", 7, "case"),
        ("voters", NOUN, "voter", 5, "obl"),
        (",", PUNCT, ",", 1, "punct"),
        ("visited", VERB, "visit", 0, "root"),
        ("Lima", PROPN, "Lima", 9, "obj"),
    ]);
    let cs = clauses(
        &d,
        crate::testing::lexicon(),
        &Tree::new(&d, 0, d.tokens.len()),
    );
    let elect = cs.iter().find(|c| c.lemma == "elect").unwrap();
    assert!(elect.passive);
    assert_eq!(elect.link, Link::Relcl);
    assert_eq!(words(&d, &elect.subjects), ["Ortiz"]);
    assert_eq!(elect.obliques[0].prep, "by");
    let visit = cs.iter().find(|c| c.lemma == "visit").unwrap();
    assert_eq!(words(&d, &visit.objects), ["Lima"]);
}

#[test]
fn negation_and_hedges_carry_down_control_chains() {
    use Pos::*;
    // "Peru did not agree to sell arms." / "Chile may plan to buy ships."
    let d = parsed(&[
        ("Peru", PROPN, "Peru", 4, "nsubj"),
        ("did", AUX, "do", 4, "aux"),
        ("not", PART, "not", 4, "advmod"),
        ("agree", VERB, "agree", 0, "root"),
        ("to", PART, "to", 6, "mark"),
        ("sell", VERB, "sell", 4, "xcomp"),
        ("arms", NOUN, "arm", 6, "obj"),
    ]);
    let cs = clauses(
        &d,
        crate::testing::lexicon(),
        &Tree::new(&d, 0, d.tokens.len()),
    );
    let sell = cs.iter().find(|c| c.lemma == "sell").unwrap();
    assert!(sell.negated);
    assert_eq!(words(&d, &sell.subjects), ["Peru"]);
    let d = parsed(&[
        ("Chile", PROPN, "Chile", 2, "nsubj"),
        ("plans", VERB, "plan", 0, "root"),
        ("to", PART, "to", 4, "mark"),
        ("buy", VERB, "buy", 2, "xcomp"),
        ("ships", NOUN, "ship", 4, "obj"),
    ]);
    let cs = clauses(
        &d,
        crate::testing::lexicon(),
        &Tree::new(&d, 0, d.tokens.len()),
    );
    let buy = cs.iter().find(|c| c.lemma == "buy").unwrap();
    assert!(buy.hedged && !buy.negated);
    assert_eq!(words(&d, &buy.subjects), ["Chile"]);
}

#[test]
fn a_denial_verbs_finite_complement_is_negated_unless_the_denial_is() {
    use Pos::*;
    // "Peru denied that it sold arms." / "Peru did not deny that it sold arms."
    let denied = |negated: bool| {
        let mut w = vec![("Peru", PROPN, "Peru", 2, "nsubj")];
        if negated {
            w = vec![
                ("Peru", PROPN, "Peru", 4, "nsubj"),
                ("did", AUX, "do", 4, "aux"),
                ("not", PART, "not", 4, "advmod"),
            ];
        }
        let h = w.len() as u32 + 1;
        w.extend([
            ("denied", VERB, "deny", 0, "root"),
            ("that", SCONJ, "that", h + 3, "mark"),
            ("it", PRON, "it", h + 3, "nsubj"),
            ("sold", VERB, "sell", h, "ccomp"),
            ("arms", NOUN, "arm", h + 3, "obj"),
        ]);
        let d = parsed(&w);
        let cs = clauses(
            &d,
            crate::testing::lexicon(),
            &Tree::new(&d, 0, d.tokens.len()),
        );
        cs.iter().find(|c| c.lemma == "sell").unwrap().negated
    };
    assert!(denied(false));
    assert!(!denied(true));
}
