//! Tests of the entity stage: titles, demonyms, gazetteer names and the fixes after the recogniser.
use crate::doc::{EntityType, MentionSource};
use crate::ingest::from_text;
use crate::pipeline::{sentences, tagger, tokenize};

fn ents(text: &str) -> Vec<(String, EntityType, Option<String>)> {
    let mut d = from_text("t", text);
    tokenize::tokenize(&mut d);
    sentences::split(&mut d);
    let p = crate::testing::pipeline();
    tagger::tag(&mut d, p.models(), p.lexicon());
    super::recognise(&mut d, p.models(), p.lexicon());
    d.mentions
        .iter()
        .map(|m| {
            (
                d.span_text(m.tokens.clone()).to_string(),
                m.kind,
                m.title.clone(),
            )
        })
        .collect()
}

/// Fails unless the mentions hold `name` as an entity of type `kind`.
#[track_caller]
fn assert_has(e: &[(String, EntityType, Option<String>)], name: &str, kind: EntityType) {
    assert!(e.iter().any(|m| m.0 == name && m.1 == kind), "{e:?}");
}

#[test]
fn titles_are_not_part_of_names() {
    let e = ents("NATO Secretary General Jens Stoltenberg said on Thursday that it rained.");
    assert_eq!(e[0], ("NATO".into(), EntityType::ORG, None));
    assert_eq!(
        e[1],
        (
            "Jens Stoltenberg".into(),
            EntityType::PER,
            Some("secretary general".into())
        )
    );
    assert_eq!(e.len(), 2, "{e:?}");
}

#[test]
fn a_title_before_one_word_that_ends_organisations_names_is_part_of_the_name() {
    let e = ents("Zelensky went to New York City to attend the United Nations General Assembly.");
    assert_has(&e, "United Nations General Assembly", EntityType::ORG);
    assert!(!e.iter().any(|m| m.0 == "Assembly"), "{e:?}");
    // a title before a name is still a title
    let e = ents("General Mark Milley and Secretary General Antonio Guterres met.");
    assert!(
        e.iter()
            .any(|m| m.0 == "Mark Milley" && m.2.as_deref() == Some("general")),
        "{e:?}"
    );
}

#[test]
fn demonyms_groups_and_capitals() {
    let mut d = from_text("t", "Spanish Prime Minister Pedro Sanchez visited the Ukrainian capital as Russian forces left.");
    tokenize::tokenize(&mut d);
    sentences::split(&mut d);
    let p = crate::testing::pipeline();
    tagger::tag(&mut d, p.models(), p.lexicon());
    super::recognise(&mut d, p.models(), p.lexicon());
    let m = &d.mentions;
    assert_eq!(m[0].source, MentionSource::Demonym);
    assert_eq!(m[0].refers_to.as_deref(), Some("Spain"));
    assert_eq!(m[1].title_of, Some(0));
    let cap = m
        .iter()
        .find(|m| m.source == MentionSource::Capital)
        .unwrap();
    assert_eq!(cap.refers_to.as_deref(), Some("Kyiv"));
    let grp = m.iter().find(|m| m.source == MentionSource::Group).unwrap();
    assert_eq!(d.span_text(grp.tokens.clone()), "Russian forces");
}

#[test]
fn dates_and_bylines_are_not_entities() {
    let e = ents("On Thursday, February 24, the admin said so.");
    assert!(e.is_empty(), "{e:?}");
    // the abbreviated months of news style ("Feb. 5, 1907")
    let e = ents("He was born on Feb. 5, 1907, and died on Sept. 3.");
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn firms_joined_by_ampersand_and_named_days() {
    let e = ents("Shares of Douglas & Lomason rose before Labor Day, analysts said.");
    assert_has(&e, "Douglas & Lomason", EntityType::ORG);
    assert!(
        e.iter()
            .all(|x| !(x.0.contains("Labor") && x.1 != EntityType::MISC)),
        "{e:?}"
    );
}

#[test]
fn a_name_may_end_the_document() {
    let e = ents("The statement was signed by John Smith");
    assert_eq!(e.last().map(|x| x.0.as_str()), Some("John Smith"));
}

#[test]
fn institutions_with_of() {
    let e = ents("He was taken to the Medical University of Gdansk yesterday.");
    assert_eq!(e[0].0, "Medical University of Gdansk");
    assert_eq!(e[0].1, EntityType::ORG);
}

#[test]
fn a_party_glued_to_a_persons_name_is_two_mentions() {
    let e = ents("The governor of Maryland, Republican Larry Hogan, signed the bill.");
    assert!(
        e.contains(&("Republican".into(), EntityType::ORG, None)),
        "{e:?}"
    );
    assert_has(&e, "Larry Hogan", EntityType::PER);
}

#[test]
fn a_regnal_number_is_part_of_the_name() {
    let e = ents("King Charles III visited Kenya with Queen Camilla.");
    assert_has(&e, "Charles III", EntityType::PER);
}

#[test]
fn a_name_after_a_title_and_its_of_phrase_is_a_person() {
    let e = ents("The archbishop of Lyon, Philippe Barbarin, visited the hospital.");
    assert_has(&e, "Philippe Barbarin", EntityType::PER);
    // a place after a place is not retyped
    let e = ents("The mayor of Gdansk, Poland, was stabbed.");
    assert!(e.iter().all(|m| m.1 != EntityType::PER), "{e:?}");
}

#[test]
fn an_office_after_a_title_and_of_is_the_title_s_not_the_name_s() {
    for (text, name) in [
        (
            "Secretary of Justice Wanda Vázquez Garced was sworn in on Friday.",
            "Wanda Vázquez Garced",
        ),
        (
            "Minister of Health Ana Ruiz said the plan would fail.",
            "Ana Ruiz",
        ),
    ] {
        let e = ents(text);
        assert!(
            e.iter().any(|m| m.0 == name && m.1 == EntityType::PER),
            "{text}: {e:?}"
        );
    }
}

#[test]
fn a_name_with_an_elided_particle_is_one_name() {
    let e = ents("He served under President Valéry Giscard d'Estaing and met Conan O'Brien.");
    for name in ["Valéry Giscard d'Estaing", "Conan O'Brien"] {
        assert!(
            e.iter().any(|m| m.0 == name && m.1 == EntityType::PER),
            "{name}: {e:?}"
        );
    }
}

#[test]
fn an_organisation_glued_to_a_persons_name_is_split() {
    let e = ents("Former Ambassador to the United Nations Nikki Haley wrote a letter.");
    assert_has(&e, "Nikki Haley", EntityType::PER);
    assert!(e.iter().any(|m| m.0 == "United Nations"), "{e:?}");
}

#[test]
fn a_two_word_name_with_a_persons_last_name_is_a_person() {
    let e = ents("Senator Tom Ramirez met reporters. Later his brother Tulio Ramirez spoke.");
    assert_has(&e, "Tulio Ramirez", EntityType::PER);
}

#[test]
fn a_name_goes_on_over_lower_case_particles() {
    let e = ents("President Bashar al-Assad met Ursula von der Leyen in Damascus.");
    for name in ["Bashar al-Assad", "Ursula von der Leyen"] {
        assert!(
            e.iter().any(|m| m.0 == name && m.1 == EntityType::PER),
            "{name}: {e:?}"
        );
    }
}

#[test]
fn a_first_name_typed_otherwise_joins_the_person_after_its_particle() {
    // the recogniser typed "Arnel" MISC and "Vega" a person: one person over "dela"
    let e = ents("Arnel dela Vega of the army said the group was behind the attack.");
    assert_has(&e, "Arnel dela Vega", EntityType::PER);
    // a particle before a name that is no person's joins nothing
    let e = ents("The talks at La Paz ended and the Hotel del Coronado closed.");
    assert!(!e.iter().any(|m| m.0.contains(" del ")), "{e:?}");
}

#[test]
fn a_bodys_name_over_and_is_one_organisation() {
    let e = ents(
        "Cummings chairs the House Oversight and Reform Committee. Yesterday the Search and \
         Rescue Agency told reporters the ship was lost.",
    );
    assert_has(&e, "House Oversight and Reform Committee", EntityType::ORG);
    assert_has(&e, "Search and Rescue Agency", EntityType::ORG);
    // a place's name opening the run keeps the two apart
    let e = ents("Talks between the United States and European Union resumed.");
    assert!(!e.iter().any(|m| m.0.contains(" and ")), "{e:?}");
}

#[test]
fn a_title_alone_is_never_a_name() {
    let e = ents(
        "Members voted to elect Boris Johnson - former Foreign Secretary, mayor of London - \
         as the new leader.",
    );
    assert!(
        e.iter()
            .all(|m| m.0 != "Foreign Secretary" && !m.0.contains("former")),
        "{e:?}"
    );
    assert!(e.iter().any(|m| m.0 == "Boris Johnson"), "{e:?}");
}

#[test]
fn a_known_partys_name_is_one_organisation() {
    let e = ents("Jaroslaw Kaczynski of the conservative Law and Justice Party spoke on Sunday.");
    assert!(
        e.iter()
            .any(|(t, k, _)| t == "Law and Justice Party" && *k == EntityType::ORG),
        "{e:?}"
    );
    assert!(
        !e.iter().any(|(t, _, _)| t == "Law" || t == "Justice Party"),
        "{e:?}"
    );
    // a longer name holding a party's name stays whole ("Democratic Forces" is a party)
    let e = ents("The Syrian Democratic Forces took the town.");
    assert!(
        e.iter().any(|(t, _, _)| t == "Syrian Democratic Forces"),
        "{e:?}"
    );
}

#[test]
fn a_name_does_not_run_over_a_dash() {
    let e = ents("They elected Boris Johnson — former Foreign Secretary and member of Parliament — as the new Conservative leader.");
    assert!(!e.iter().any(|(t, _, _)| t.contains('—')), "{e:?}");
}

#[test]
fn towns_before_scores_in_a_results_line_are_teams() {
    let e = ents("Puchon 2 Chonbuk 1 (halftime 1-1)\nLeicestershire 296, Somerset 83 and 174.\n");
    for team in ["Puchon", "Chonbuk", "Leicestershire", "Somerset"] {
        assert!(
            e.iter().any(|(t, k, _)| t == team && *k == EntityType::ORG),
            "{team}: {e:?}"
        );
    }
    // a country before a score is a national side, a place; people stay people
    let e = ents("Japan 2 Syria 1\nA. Dale 69, H. Morris 69.\n");
    assert!(!e.iter().any(|(_, k, _)| *k == EntityType::ORG), "{e:?}");
    // prose with a number or two is no results line
    let e = ents("Somerset lost 4 games in 2019.");
    assert!(
        !e.iter()
            .any(|(t, k, _)| t == "Somerset" && *k == EntityType::ORG),
        "{e:?}"
    );
}

#[test]
fn text_without_capitals_or_in_capitals_goes_to_the_lower_case_recogniser() {
    let names = |e: &[(String, EntityType, Option<String>)]| {
        e.iter()
            .map(|(s, k, _)| (s.to_lowercase(), *k))
            .collect::<Vec<_>>()
    };
    let text = "jens stoltenberg warned china on thursday. he spoke at the airport in brussels.";
    let lower = ents(text);
    for want in [
        ("jens stoltenberg".to_string(), EntityType::PER),
        ("brussels".to_string(), EntityType::LOC),
    ] {
        assert!(names(&lower).contains(&want), "{want:?} in {lower:?}");
    }
    // in capitals, the same names; the other words are no "capitalised names" (MISC)
    let upper = ents(&text.to_uppercase());
    assert!(
        names(&upper).contains(&("jens stoltenberg".to_string(), EntityType::PER)),
        "{upper:?}"
    );
    assert!(
        upper.iter().all(|(_, k, _)| *k != EntityType::MISC),
        "{upper:?}"
    );
}

#[test]
fn names_joined_by_a_hyphen_without_spaces_stay_whole() {
    let e = ents("Agence France-Presse said John Rhys-Davies met Jens Stoltenberg in Oslo.");
    for name in ["Agence France-Presse", "John Rhys-Davies"] {
        assert!(e.iter().any(|m| m.0 == name), "{name}: {e:?}");
    }
    assert!(
        !e.iter().any(|m| m.0 == "Presse" || m.0 == "Davies"),
        "{e:?}"
    );
    // with spaces around it, a dash separates; two places joined are a pair
    let e = ents("Jens Stoltenberg - NATO's chief - spoke in Oslo.");
    assert!(e.iter().any(|m| m.0 == "Jens Stoltenberg"), "{e:?}");
    let e = ents("The Ukraine-China meeting was held in Kyiv.");
    assert!(e.iter().any(|m| m.0 == "Ukraine"), "{e:?}");
    assert!(e.iter().any(|m| m.0 == "China"), "{e:?}");
}

#[test]
fn a_companys_legal_form_then_of_and_a_place_ends_its_name() {
    let e = ents("The bank hired Morgan Stanley Inc. of New York as adviser.");
    assert_has(&e, "Morgan Stanley Inc.", EntityType::ORG);
    assert_has(&e, "New York", EntityType::GPE);
    // not after a word that is no legal form: "Bank of America" stays whole
    let e = ents("Bank of America said it will file a plan.");
    assert!(e.iter().any(|x| x.0 == "Bank of America"), "{e:?}");
}

#[test]
fn a_name_before_a_comma_and_a_state_is_a_place() {
    let e = ents("Marie Ferraro, 50, of Bethany, Conn., was shot on Thursday.");
    assert_has(&e, "Bethany", EntityType::LOC);
    assert_has(&e, "Marie Ferraro", EntityType::PER);
    // a person's full name stays a person
    let e = ents("The seat went to Tyler Johnson, Texas, on Monday.");
    assert_has(&e, "Tyler Johnson", EntityType::PER);
}

#[test]
fn a_sea_named_after_a_people_is_one_place_not_their_country() {
    let e = ents("Madagascar is an island nation in the Indian Ocean.");
    assert_has(&e, "Indian Ocean", EntityType::LOC);
    assert!(!e.iter().any(|x| x.0 == "Indian"), "{e:?}");
}

#[test]
fn a_one_word_name_ending_in_bank_is_an_organisation() {
    let e = ents("Shares of the Frankfurt-based Commerzbank fell on Monday.");
    assert_has(&e, "Commerzbank", EntityType::ORG);
}

#[test]
fn a_bodys_name_with_its_on_or_for_phrase_is_one_organisation() {
    let e = ents(
        "Eliot Engel chairs the House Committee on Foreign Affairs. The study was presented to \
         the American Society for Biochemistry and Molecular Biology. The Commission on \
         Elections counted the votes.",
    );
    assert_has(&e, "House Committee on Foreign Affairs", EntityType::ORG);
    assert_has(
        &e,
        "American Society for Biochemistry and Molecular Biology",
        EntityType::ORG,
    );
    assert_has(&e, "Commission on Elections", EntityType::ORG);
    // a weekday ends the run
    let e = ents("The Supreme Court on Monday heard the case.");
    assert!(!e.iter().any(|m| m.0.contains("Monday")), "{e:?}");
}

#[test]
fn a_name_suffix_ends_the_name_over_a_word_that_reads_as_a_title() {
    let e = ents("Martin Luther King Jr. was killed in Memphis in 1968.");
    assert_has(&e, "Martin Luther King Jr.", EntityType::PER);
    assert!(
        !e.iter().any(|m| m.0 == "Jr." || m.0 == "Martin Luther"),
        "{e:?}"
    );
}

#[test]
fn a_name_stops_before_a_preposition_and_small_words_and_a_sentence_s_the() {
    let e = ents("He served in the United States Air Force for ten years.");
    assert_has(&e, "Air Force", EntityType::ORG);
    assert!(e.iter().all(|m| !m.0.contains("years")), "{e:?}");
    let e = ents("The Air Force later promoted him.");
    assert_has(&e, "Air Force", EntityType::ORG);
    // inside a sentence a capital "The" is part of the name; "of" before a capital is too
    let e = ents("He wrote for The Times and the Bank of America.");
    assert!(e.iter().any(|m| m.0 == "The Times"), "{e:?}");
    assert!(e.iter().any(|m| m.0 == "Bank of America"), "{e:?}");
}

#[test]
fn a_common_noun_s_possessive_inside_a_name_is_part_of_it() {
    let e = ents("The People's Protection Units fought on. He was stabbed at Fishmongers' Hall.");
    assert_has(&e, "People's Protection Units", EntityType::ORG);
    assert!(e.iter().any(|m| m.0 == "Fishmongers' Hall"), "{e:?}");
    // a name's possessive stays apart
    let e = ents("Britain's Labour Party met. Wikinews' Nicholas Moreau asked.");
    assert_has(&e, "Labour Party", EntityType::ORG);
    assert_has(&e, "Nicholas Moreau", EntityType::PER);
}

#[test]
fn in_text_with_capitals_a_word_without_one_is_no_name() {
    // a headline's verb before a title and a name ("sue" is also a first name)
    let e = ents("Sixteen states sue U.S. President Trump to stop the wall\n\nThe states sued.");
    assert!(e.iter().all(|m| m.0 != "sue"), "{e:?}");
    assert!(e.iter().any(|m| m.0 == "Trump"), "{e:?}");
}

#[test]
fn a_place_right_before_a_name_is_its_first_word_and_a_place_after_of_stays_whole() {
    let e = ents("The Iraq War ended. Ted Cruz proposed an amendment to the U.S. Constitution.");
    assert!(e.iter().any(|m| m.0 == "Iraq War"), "{e:?}");
    assert!(e.iter().any(|m| m.0 == "U.S. Constitution"), "{e:?}");
    assert!(
        e.iter().all(|m| m.0 != "Constitution" && m.0 != "Iraq"),
        "{e:?}"
    );
    let e = ents("He was identified by the National Police Agency of South Korea.");
    assert_has(&e, "National Police Agency of South Korea", EntityType::ORG);
    // a person, a people, a title's words and a headline in capitals stay apart
    let e = ents("Mayor of London Sadiq Khan spoke. U.S. Assistant Secretary Ann Lee came.");
    assert!(e.iter().any(|m| m.0 == "London"), "{e:?}");
    assert!(
        e.iter().all(|m| !m.0.starts_with("U.S. Assistant")),
        "{e:?}"
    );
    let e = ents("Turkey Kurds clash. SOCCER - FRANCE LEAGUE RESULTS\n\nFrance won.");
    assert!(e.iter().all(|m| m.0 != "Turkey Kurds"), "{e:?}");
    assert!(e.iter().all(|m| m.0 != "FRANCE LEAGUE"), "{e:?}");
}
