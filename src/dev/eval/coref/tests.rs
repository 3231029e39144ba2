//! Tests of the coreference scorer: MUC, B³, CEAF-e, named-antecedent accuracy and its misses.
use super::*;

#[test]
fn the_misses_are_counted_by_kind_chain_and_form() {
    let miss = |kind: &'static str, form: &str, chained: bool| CorefMiss {
        kind,
        form: form.into(),
        chained,
        line: String::new(),
    };
    let misses = [
        miss("pronoun", "it", false),
        miss("pronoun", "it", true),
        miss("pronoun", "they", false),
        miss("description", "the company", true),
    ];
    assert_eq!(
        miss_summary(&misses),
        "pronouns missed 3: 2 in no chain, 1 in another chain; by form: it 2, they 1\n\
         descriptions missed 1: 0 in no chain, 1 in another chain\n"
    );
}

fn set(v: &[Span]) -> BTreeSet<Span> {
    v.iter().copied().collect()
}

#[test]
fn the_metrics_of_a_textbook_example() {
    // key {a b c} {d e}; response {a b} {c d e}
    let (a, b, c, d, e) = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4));
    let key = [set(&[a, b, c]), set(&[d, e])];
    let resp = [set(&[a, b]), set(&[c, d, e])];
    let s = sums(&key, &resp);
    let muc = prf(s.muc[0], s.muc[1], s.muc[2], s.muc[3]);
    assert_eq!((muc.recall, muc.precision), (2.0 / 3.0, 2.0 / 3.0));
    let b3 = prf(s.b3[0], s.b3[1], s.b3[2], s.b3[3]);
    // recall (4/3 + 1/3 + 4/2) / 5, precision (4/2 + 1/3 + 4/3) / 5
    assert!((b3.recall - (4.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0).abs() < 1e-12);
    assert!((b3.precision - b3.recall).abs() < 1e-12);
    // best alignment: {a b c}-{a b} (0.8) and {d e}-{c d e} (0.8)
    assert!((s.ceafe[0] - 1.6).abs() < 1e-12);
}

/// A document of `(word, upos, head)` rows (head: a word index, or `usize::MAX`) with one
/// gold chain.
fn doc(rows: &[(&str, &str, usize)], chain: &[Span]) -> GoldDoc {
    GoldDoc {
        words: rows.iter().map(|r| r.0.to_string()).collect(),
        upos: rows.iter().map(|r| r.1.to_string()).collect(),
        heads: rows.iter().map(|r| r.2).collect(),
        chains: [("1".to_string(), chain.to_vec())].into_iter().collect(),
        ..Default::default()
    }
}

#[test]
fn a_proper_name_is_a_mention_headed_by_a_name_not_one_that_merely_holds_one() {
    const R: usize = usize::MAX;
    let rows = [
        // 0-3: "a score of Symphony": headed by "score"
        ("a", "DET", 1),
        ("score", "NOUN", R),
        ("of", "ADP", 3),
        ("Symphony", "PROPN", 1),
        // 4-7: "Canada spokeswoman Sujata Raisinghani": a name flat on its title
        ("Canada", "PROPN", 5),
        ("spokeswoman", "NOUN", R),
        ("Sujata", "PROPN", 5),
        ("Raisinghani", "PROPN", 6),
        // 8-10: "[the Union] blockade": the determiner hangs on "blockade" too
        ("the", "DET", 10),
        ("Union", "PROPN", 10),
        ("blockade", "NOUN", R),
    ];
    let mut g = doc(&rows, &[]);
    g.deps = [
        "det", "root", "case", "nmod", "compound", "root", "flat", "flat", "det", "compound",
        "root",
    ]
    .map(String::from)
    .to_vec();
    assert!(!is_proper_name(&g, (0, 3)), "a phrase holding a name");
    assert!(is_proper_name(&g, (4, 7)), "a title with its holder's name");
    assert!(is_proper_name(&g, (8, 9)), "a name inside a larger phrase");
    assert!(
        !is_proper_name(&g, (8, 10)),
        "a phrase headed by a common noun"
    );
    // the old measure took any mention holding a proper noun
    assert!(is_name(&g, (0, 3)));
}

#[test]
fn a_pronoun_not_linked_to_its_named_antecedent_is_listed_with_its_context_and_chain() {
    let lx = crate::lexicon::Lexicon::embedded();
    const R: usize = usize::MAX;
    let mut g = doc(
        &[
            ("Ana", "PROPN", 1),
            ("Ruiz", "PROPN", 2),
            ("left", "VERB", R),
            ("Tomas", "PROPN", 4),
            ("Vidal", "PROPN", R),
            ("stayed", "VERB", R),
            ("She", "PRON", R),
            ("won", "VERB", R),
        ],
        &[(0, 1), (6, 6)],
    );
    g.name = "d".into();
    // kgraph put "She" with "Tomas Vidal": a miss, listed
    let mut misses = Vec::new();
    let counts = named_antecedents(&g, &lx, &[vec![(3, 4), (6, 6)]], &mut misses);
    assert_eq!(counts[0], (0, 1));
    assert_eq!(
        misses,
        [CorefMiss {
            kind: "pronoun",
            form: "she".into(),
            chained: true,
            line: "d\tpronoun\tAna Ruiz left Tomas Vidal stayed [She] won\tgold: Ana Ruiz\tkgraph: Tomas Vidal".into()
        }]
    );
    // linked to "Ana Ruiz": no miss
    let mut misses = Vec::new();
    named_antecedents(&g, &lx, &[vec![(0, 1), (6, 6)]], &mut misses);
    assert!(misses.is_empty(), "{misses:?}");
}

/// Named-antecedent counts of pronouns, (linked, asked), when kgraph's one chain is `chain`.
fn pronouns_linked(g: &GoldDoc, chain: &[Span]) -> (usize, usize) {
    let lx = crate::testing::lexicon();
    named_antecedents(g, lx, &[chain.to_vec()], &mut Vec::new())[0]
}

#[test]
fn a_name_found_inside_the_phrase_gum_marks_is_that_name_but_not_one_of_a_list() {
    const R: usize = usize::MAX;
    // "Environment Minister John Baird spoke . I ..." with "Baird" the phrase's head
    let g = doc(
        &[
            ("Environment", "PROPN", 3),
            ("Minister", "PROPN", 3),
            ("John", "PROPN", 3),
            ("Baird", "PROPN", 4),
            ("spoke", "VERB", R),
            ("I", "PRON", R),
        ],
        &[(0, 3), (5, 5)],
    );
    // kgraph's mention "John Baird" linked to "I"
    assert_eq!(pronouns_linked(&g, &[(2, 3), (5, 5)]), (1, 1));
    // "Party nominee Terry McAuliffe spoke . He ...": the phrase is a name by its holder's
    // name, flat on "nominee"; kgraph's "Terry McAuliffe" is that name, "Party" is not
    let mut g = doc(
        &[
            ("Party", "PROPN", 1),
            ("nominee", "NOUN", 4),
            ("Terry", "PROPN", 1),
            ("McAuliffe", "PROPN", 2),
            ("spoke", "VERB", R),
            ("He", "PRON", R),
        ],
        &[(0, 3), (5, 5)],
    );
    g.deps = ["compound", "nsubj", "flat", "flat", "root", "nsubj"]
        .map(String::from)
        .to_vec();
    assert_eq!(pronouns_linked(&g, &[(2, 3), (5, 5)]), (1, 1));
    assert_eq!(pronouns_linked(&g, &[(0, 0), (5, 5)]), (0, 1));
    // "West Oakland" is not "Oakland"
    let g = doc(
        &[
            ("West", "PROPN", 1),
            ("Oakland", "PROPN", R),
            ("its", "PRON", R),
        ],
        &[(0, 1), (2, 2)],
    );
    assert_eq!(pronouns_linked(&g, &[(1, 1), (2, 2)]), (0, 1));
    // nor is "Endeavour" the list "Endeavour and Atlantis"
    let g = doc(
        &[
            ("Endeavour", "PROPN", R),
            ("and", "CCONJ", 2),
            ("Atlantis", "PROPN", 0),
            ("their", "PRON", R),
        ],
        &[(0, 2), (3, 3)],
    );
    assert_eq!(pronouns_linked(&g, &[(0, 0), (3, 3)]), (0, 1));
}

#[test]
fn kgraph_s_phrase_may_run_past_gum_s_unless_gum_marks_the_longer_one() {
    const R: usize = usize::MAX;
    // "Copenhagen University hired him . He led the university in 1920 ."
    let rows = [
        ("Copenhagen", "PROPN", 1),
        ("University", "PROPN", 2),
        ("hired", "VERB", R),
        ("him", "PRON", 2),
        (".", "PUNCT", 2),
        ("He", "PRON", 6),
        ("led", "VERB", R),
        ("the", "DET", 8),
        ("university", "NOUN", 6),
        ("in", "ADP", 10),
        ("1920", "NUM", 8),
    ];
    let lx = crate::testing::lexicon();
    let descriptions = |g: &GoldDoc, chain: &[Span]| {
        named_antecedents(g, lx, &[chain.to_vec()], &mut Vec::new())[1]
    };
    let g = doc(&rows, &[(0, 1), (7, 8)]);
    // kgraph's "the university in 1920" linked to the name: GUM's "the university"
    assert_eq!(descriptions(&g, &[(0, 1), (7, 10)]), (1, 1));
    assert_eq!(descriptions(&g, &[(0, 1), (7, 8)]), (1, 1));
    // a phrase from another word is not it
    assert_eq!(descriptions(&g, &[(0, 1), (8, 10)]), (0, 1));
    // GUM marks "the university in 1920" as a mention of its own: kgraph's is that one
    let mut g = doc(&rows, &[(0, 1), (7, 8)]);
    g.chains.insert("2".into(), vec![(7, 10)]);
    assert_eq!(descriptions(&g, &[(0, 1), (7, 10)]), (0, 1));
}

#[test]
fn the_assignment_is_the_best_one() {
    let sim = vec![vec![0.9, 0.8], vec![0.85, 0.0], vec![0.0, 0.1]];
    assert!((best_assignment(&sim) - (0.85 + 0.8)).abs() < 1e-12);
    assert_eq!(best_assignment(&[]), 0.0);
}
