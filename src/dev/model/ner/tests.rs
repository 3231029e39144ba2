//! Tests of the statistical entity recogniser.
use super::*;

#[test]
fn spans_do_not_end_on_punctuation_or_lower_case_modifiers() {
    let mut w = Words::default();
    w.fill(["5.", "Boris", "Johnson", "—", "former", "minister"].into_iter());
    let tags = [
        Pos::NUM,
        Pos::PROPN,
        Pos::PROPN,
        Pos::PUNCT,
        Pos::ADJ,
        Pos::NOUN,
    ];
    assert_eq!(trim(&w, &tags, 0, 5), Some((1, 3)));
    assert_eq!(trim(&w, &tags, 3, 5), None);
    // cut before a dash inside
    assert_eq!(trim(&w, &tags, 1, 5), Some((1, 3)));
    // a lower-case noun may end a name ("Boris Johnson minister" is the model's to decide)
    w.fill(["Boris", "Johnson", "minister"].into_iter());
    assert_eq!(
        trim(&w, &[Pos::PROPN, Pos::PROPN, Pos::NOUN], 0, 3),
        Some((0, 3))
    );
}

#[test]
fn capitalised_runs_take_of_and_ampersand_between_capitals() {
    let mut w = Words::default();
    w.fill(
        [
            "the", "Bank", "of", "England", "and", "Procter", "&", "Gamble", "of",
        ]
        .into_iter(),
    );
    let r = cap_runs(&w);
    assert_eq!(r[0], (0, 0));
    assert_eq!(r[1], (1, 4));
    assert_eq!(r[3], (1, 4));
    assert_eq!(r[4], (4, 4), "'and' between names is no part of a run");
    assert_eq!(r[7], (5, 8));
    assert_eq!(r[8], (8, 8), "a trailing 'of' is not");
}

#[test]
fn casing_tells_text_without_capitals_and_text_in_capitals_from_news() {
    let c = |text: &str| casing(text.split(" . ").map(|s| s.split(' ')));
    assert_eq!(
        c("Yesterday i flew to london with kim . We met anna there"),
        Casing::Lower
    );
    assert_eq!(
        c("I think I saw it . I did"),
        Casing::Lower,
        "\"I\" is no name"
    );
    assert_eq!(
        c("BARACK OBAMA MET ANGELA MERKEL IN BERLIN . THEY TALKED"),
        Casing::Upper
    );
    assert_eq!(
        c("Barack Obama met Angela Merkel in Berlin on Monday . They talked"),
        Casing::Mixed
    );
    // one capitalised word in a hundred is still lower case; two are not
    let mut words = vec!["Some"; 1];
    words.extend(std::iter::repeat_n("word", 99));
    words.push("Kim");
    assert_eq!(casing([words.iter().copied()]), Casing::Lower);
    words.push("Lee");
    assert_eq!(casing([words.iter().copied()]), Casing::Mixed);
    assert_eq!(c(""), Casing::Mixed, "no words: as written");
}

#[test]
fn bilou_round_trip() {
    let c = classes();
    let tags: Vec<String> = ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let b = iob_to_bilou(&tags, &c);
    assert_eq!(to_spans(&b), vec![(0, 2, 0), (3, 4, 2), (4, 7, 1)]);
}
