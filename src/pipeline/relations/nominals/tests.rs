//! Tests of the relations of role and event nouns.
use super::super::tests::{has, rels, rels_of_parse};

#[test]
fn appositions_give_roles_and_relatives() {
    let f = rels("Eric Trump, son of Donald Trump, visited Scotland.");
    assert!(has(&f, "Eric Trump", "son of", "Donald Trump"), "{f:?}");
}

#[test]
fn an_as_phrase_gives_the_subject_its_role() {
    let f = rels(
        "The United Kingdom and France met in the United Kingdom. Kevin Rudd, who \
         succeeded him as Foreign Secretary, met the delegation. Anne Hall served as \
         ambassador to Japan.",
    );
    assert!(
        has(&f, "Kevin Rudd", "foreign secretary of", "United Kingdom"),
        "{f:?}"
    );
    assert!(has(&f, "Anne Hall", "ambassador to", "Japan"), "{f:?}");
    // the possessor is the one the envoy is of, the "to" phrase where it is sent
    let f = rels("Ola Dahl was sworn in as Norway's new envoy to Japan.");
    assert!(has(&f, "Ola Dahl", "envoy of", "Norway"), "{f:?}");
    assert!(!has(&f, "Ola Dahl", "envoy to", "Norway"), "{f:?}");
}

#[test]
fn infinitives_and_participles_of_role_verbs_give_roles() {
    let f = rels(
        "Labour Party members voted on Tuesday to elect Keir Starmer as the new Labour \
         leader. Anna Berg moved to Berlin when elected in 2001 as a member of the Bundestag.",
    );
    assert!(has(&f, "Labour Party", "elect", "Keir Starmer"), "{f:?}");
    assert!(
        has(&f, "Keir Starmer", "leader of", "Labour Party"),
        "{f:?}"
    );
    assert!(has(&f, "Anna Berg", "member of", "Bundestag"), "{f:?}");
}

#[test]
fn a_purpose_infinitive_shares_polarity_and_from_gerunds_state_nothing() {
    let f = rels(
        "The Green Party did not vote to expel Tom Hale. \
         The Green Party withdrew from backing Tom Hale. \
         The Green Party voted against supporting Anna Berg.",
    );
    assert!(
        f.iter().any(|r| r.1 == "expel" && r.2 == "Tom Hale" && r.3),
        "negated: {f:?}"
    );
    assert!(
        !f.iter().any(|r| r.1 == "back" || r.1 == "support"),
        "{f:?}"
    );
}

#[test]
fn a_copula_with_from_gives_where_a_person_comes_from() {
    let f = rels("Tom Reed is from Lyon. Anna Berg, who is from Kenya, spoke.");
    assert!(has(&f, "Tom Reed", "come from", "Lyon"), "{f:?}");
    // the relative clause is not a second subject of "spoke"
    assert!(!f.iter().any(|r| r.1.starts_with("speak")), "{f:?}");
}

#[test]
fn a_member_noun_in_apposition_is_the_person_and_members_act_for_the_body() {
    let f = rels(
        "Tom Reed, a founding Green Alliance member, is from Lyon. \
         Green Alliance members voted to expel Anna Berg.",
    );
    assert!(has(&f, "Tom Reed", "member of", "Green Alliance"), "{f:?}");
    assert!(has(&f, "Green Alliance", "expel", "Anna Berg"), "{f:?}");
}

#[test]
fn copulas_give_roles() {
    let f = rels("Olaf Scholz is the leader of the Social Democratic Party.");
    assert!(
        f.iter().any(|r| r.0 == "Olaf Scholz" && r.1 == "leader of"),
        "{f:?}"
    );
}

#[test]
fn a_party_in_apposition_or_after_a_copula_is_membership() {
    let f = rels("Chuck Schumer, a Democrat, voted yes. Mitt Romney is a Republican.");
    assert!(
        has(&f, "Chuck Schumer", "member of", "Democratic Party"),
        "{f:?}"
    );
    assert!(
        has(&f, "Mitt Romney", "member of", "Republican Party"),
        "{f:?}"
    );
}

#[test]
fn a_role_in_apposition_with_no_owner_takes_the_default_and_a_party_is_not_an_owner() {
    let f = rels(
        "Britain and the United Kingdom were named. British officials met. \
         Dominic Raab, the foreign secretary, spoke. \
         Keir Starmer, the Labour leader of the opposition, answered.",
    );
    assert!(
        has(&f, "Dominic Raab", "foreign secretary of", "United Kingdom"),
        "{f:?}"
    );
    assert!(
        !f.iter()
            .any(|r| r.0 == "Keir Starmer" && r.2 == "Labour Party" && r.1 != "member of"),
        "{f:?}"
    );
}

#[test]
fn on_a_hand_built_parse_an_apposition_gives_a_relative() {
    use crate::doc::Pos::*;
    // "Eric Trump , son of Donald Trump , spoke ."
    let rs = rels_of_parse(&[
        ("Eric", PROPN, "Eric", 10, "nsubj"),
        ("Trump", PROPN, "Trump", 1, "flat"),
        (",", PUNCT, ",", 4, "punct"),
        ("son", NOUN, "son", 1, "appos"),
        ("of", ADP, "of", 6, "case"),
        ("Donald", PROPN, "Donald", 4, "nmod"),
        ("Trump", PROPN, "Trump", 6, "flat"),
        (",", PUNCT, ",", 4, "punct"),
        ("later", ADV, "later", 10, "advmod"),
        ("spoke", VERB, "speak", 0, "root"),
        (".", PUNCT, ".", 10, "punct"),
    ]);
    assert!(
        rs.contains(&("Eric Trump".into(), "son of".into(), "Donald Trump".into())),
        "{rs:?}"
    );
}

#[test]
fn a_role_verb_gives_its_person_the_role_and_a_stray_by_phrase_is_the_agent() {
    let f = rels(
        "The United States Congress met. U.S. officials spoke. \
         Nancy Pelosi was elected Speaker by the House of Representatives on Thursday.",
    );
    assert!(
        has(
            &f,
            "Nancy Pelosi",
            "speaker of",
            "United States House of Representatives"
        ),
        "{f:?}"
    );
    assert!(
        has(&f, "House of Representatives", "elect", "Nancy Pelosi"),
        "{f:?}"
    );
}

#[test]
fn a_kin_noun_with_a_possessor_before_a_name_gives_a_relative() {
    let f = rels(
        "Princess Sirindhorn spoke on Monday. Princess Sirindhorn thanked the crowd. \
         Her brother King Maha Vajiralongkorn objected.",
    );
    assert!(
        has(&f, "Maha Vajiralongkorn", "brother of", "Sirindhorn")
            || has(
                &f,
                "Maha Vajiralongkorn",
                "brother of",
                "Princess Sirindhorn"
            ),
        "{f:?}"
    );
    let f = rels("Donald Trump's son Eric Trump visited Scotland.");
    assert!(has(&f, "Eric Trump", "son of", "Donald Trump"), "{f:?}");
    // the name in apposition after a comma, the possessor a pronoun
    let f = rels("Reporters asked about Joe Biden and his son, Hunter Biden.");
    assert!(has(&f, "Hunter Biden", "son of", "Joe Biden"), "{f:?}");
}
