//! Tests of the learned coreference stage: the links of pronouns and descriptions, the rules over
//! the model's candidates, the speakers and the chains of unnamed things.
use crate::doc::{Document, Referent};
use crate::ingest::from_text;

/// The link of the first token whose text is `word`, if it has one.
fn link_of<'d>(d: &'d Document, word: &str) -> Option<&'d Referent> {
    d.referents.iter().find(|r| d.token_text(r.head) == word)
}

/// Hangs the first token `word` from the first token `head` by `dep`, as a parse may have it,
/// and links the descriptions again by what their sentences say they are (the links of
/// [`super::copula_predicates`] alone).
fn rehang_and_relink(d: &mut Document, word: &str, dep: crate::doc::Dep, head: &str) {
    let at = |w: &str| (0..d.tokens.len()).find(|&i| d.token_text(i) == w).unwrap();
    let (w, h) = (at(word), at(head));
    d.tokens[w].dep = dep;
    d.tokens[w].head = Some(h as u32);
    let lx = crate::testing::lexicon();
    let ans = super::anaphors(d, lx);
    d.referents.clear();
    super::copula_predicates(d, lx, &ans);
}

/// The name of the entity the first token `word` is linked to, and the link's reason; panics
/// when it is linked to none.
fn linked(d: &Document, word: &str) -> (String, String) {
    let r = link_of(d, word).unwrap_or_else(|| panic!("{word} unresolved: {:?}", d.referents));
    (d.entities[r.entity].name.clone(), r.reason.clone())
}

#[test]
fn pronouns_and_descriptions_link_to_the_entity_they_stand_for() {
    let mut d = from_text(
        "t",
        "Acme Corp said on Monday that it would close a factory. Jane Roe, who runs the \
         company, said she regretted the decision.",
    );
    crate::testing::annotate(&mut d);
    let name = |head: &str| {
        let (name, why) = linked(&d, head);
        assert!(why.contains("score"), "{why}");
        name
    };
    assert_eq!(name("it"), "Acme Corp");
    assert_eq!(name("company"), "Acme Corp");
    assert_eq!(name("she"), "Jane Roe");
    // sorted by head, so lookups by token work
    for r in &d.referents {
        assert_eq!(d.referent(r.head).map(|x| x.entity), Some(r.entity));
    }
}

#[test]
fn a_description_a_copula_predicates_of_a_name_or_a_linked_pronoun_is_its_subject() {
    let mut d = from_text(
        "t",
        "Antonin Dvorak entered a prize competition in Vienna. Although Dvorak was not aware \
         of it, Johannes Brahms was the leading member of the jury and was highly impressed.",
    );
    crate::testing::annotate(&mut d);
    let (who, why) = linked(&d, "member");
    assert_eq!(who, "Johannes Brahms");
    assert!(why.contains("what the copula says it is"), "{why}");
    // the phrase is the noun's, not the clause's conjunct
    let phrase = super::phrase(&d, link_of(&d, "member").unwrap().tokens.clone());
    assert_eq!(d.span_text(phrase), "the leading member of the jury");
    let mut d = from_text(
        "t",
        "Maria Lopez spoke at the meeting on Monday. She was the first speaker to mention \
         the prize.",
    );
    crate::testing::annotate(&mut d);
    assert_eq!(linked(&d, "speaker").0, "Maria Lopez");
    // a conjunct of the predicate is predicated too ("the leader" hung on "the mayor", as the
    // parse may or may not have it), not a conjunct with a copula of its own
    let mut d = from_text(
        "t",
        "Pedro Soto was the mayor of the city and the leader of the party. Ana Ruiz was a \
         lawyer and the rival was a banker.",
    );
    crate::testing::annotate(&mut d);
    rehang_and_relink(&mut d, "leader", crate::doc::Dep::Conj, "mayor");
    assert_eq!(linked(&d, "mayor").0, "Pedro Soto");
    let (who, why) = linked(&d, "leader");
    assert_eq!(who, "Pedro Soto");
    assert!(why.contains("what the copula says it is"), "{why}");
    assert!(link_of(&d, "rival").is_none());
}

#[test]
fn a_description_in_apposition_or_a_copula_with_a_name_is_that_name() {
    let text = "Tomasz Kubiak, the fire service spokesman, told reporters the man was hurt. \
                The boat, Conception, caught fire overnight. The nearest settlement to the \
                base is Rachel.";
    let mut d = from_text("t", text);
    crate::testing::annotate(&mut d);
    let (who, why) = linked(&d, "spokesman");
    assert_eq!(who, "Tomasz Kubiak");
    assert!(why.contains("the phrase it is in apposition to"), "{why}");
    let (what, why) = linked(&d, "boat");
    assert_eq!(what, "Conception");
    assert!(why.contains("the phrase in apposition to it"), "{why}");
    let (place, why) = linked(&d, "settlement");
    assert_eq!(place, "Rachel");
    assert!(why.contains("what the copula says it is"), "{why}");
}

#[test]
fn a_time_a_place_or_a_list_is_not_what_a_description_is() {
    let text = "The first attack was in Al Noor Mosque. The towns damaged were Carrascal, \
                Cantilan and Madrid. The decree was signed by the leader of Roman Catholic \
                Christianity, priests said.";
    let mut d = from_text("t", text);
    crate::testing::annotate(&mut d);
    let name = |w: &str| link_of(&d, w).map(|r| d.entities[r.entity].name.clone());
    assert_ne!(name("attack").as_deref(), Some("Al Noor Mosque"));
    assert_ne!(name("towns").as_deref(), Some("Carrascal"));
    assert_ne!(
        name("leader").as_deref(),
        Some("Roman Catholic Christianity")
    );
    // a time: "the day" in apposition to a name, as a parse may have it, is not that name;
    // "the envoy" so parsed is
    for (noun, linked) in [("day", false), ("envoy", true)] {
        let mut d = from_text("t", &format!("On the same {noun} Kurt Volker resigned."));
        crate::testing::annotate(&mut d);
        rehang_and_relink(&mut d, noun, crate::doc::Dep::Appos, "Kurt");
        assert_eq!(
            link_of(&d, noun).is_some(),
            linked,
            "{noun}: {:?}",
            d.referents
        );
    }
}

#[test]
fn a_quoted_we_of_one_titled_by_an_organisation_is_the_organisation() {
    let mut d = from_text(
        "t",
        "Environment Canada spokeswoman Sujata Raisinghani spoke on Monday. \"We take \
         document security seriously, and I will look into it,\" she said.",
    );
    crate::testing::annotate(&mut d);
    let (who, why) = linked(&d, "We");
    assert_eq!(who, "Environment Canada", "{why}");
    assert!(why.contains("the speaker's organisation"), "{why}");
    // "I" is still the speaker herself
    assert_eq!(linked(&d, "I").0, "Sujata Raisinghani");
}

#[test]
fn the_subject_it_of_a_subordinate_clause_is_the_subject_of_the_clause_above() {
    let mut d = from_text(
        "t",
        "NASA flew five orbiters. Space Shuttle Challenger was lost when it exploded 73 \
         seconds after liftoff.",
    );
    crate::testing::annotate(&mut d);
    let (who, why) = linked(&d, "it");
    assert!(who.contains("Challenger"), "{why}");
    assert!(why.contains("the subject of the clause above"), "{why}");
    // no conjunction opens "however it is dressed up": the model decides, not the rule
    let mut d = from_text(
        "t",
        "The European Union rejected the plan. However it is dressed up, it is a bad deal.",
    );
    crate::testing::annotate(&mut d);
    assert!(
        !d.referents
            .iter()
            .any(|r| r.reason.contains("the subject of the clause above")),
        "{:?}",
        d.referents
    );
}

#[test]
fn the_country_and_the_city_are_a_country_and_a_city_when_one_is_a_candidate() {
    let mut d = from_text(
        "t",
        "The tradition began in the United States long ago. George Washington sought no \
         third term. Franklin Roosevelt, who led the country during the war, served more \
         than two. Mayor Anna Kowalska of Warsaw spoke on Monday. She condemned the \
         vandalism in the city.",
    );
    crate::testing::annotate(&mut d);
    let link = |head: &str| link_of(&d, head).map(|r| d.entities[r.entity].name.clone());
    assert_eq!(
        link("country").as_deref(),
        Some("United States"),
        "{:?}",
        d.referents
    );
    // never a person: "the city" is Warsaw or no one
    assert!(
        link("city").is_none_or(|c| c == "Warsaw"),
        "{:?}",
        d.referents
    );
    // nor are "the states" anyone with a first name
    let mut d = from_text(
        "t",
        "Senator Ted Cruz proposed an amendment to the Constitution on Thursday. \"I urge my \
         colleagues to submit this constitutional amendment to the states for speedy \
         ratification,\" Cruz said.",
    );
    crate::testing::annotate(&mut d);
    assert!(
        !d.referents
            .iter()
            .any(|r| d.token_text(r.head) == "states" && d.entities[r.entity].name == "Ted Cruz"),
        "{:?}",
        d.referents
    );
}

#[test]
fn what_names_no_entity_is_chained_when_asked_and_no_entity_link_changes() {
    let text = "A sensitive government document was found on a road in Ottawa on Monday. The \
                document had been lost by an official of the ministry. It contained the names \
                of informants, and the papers were handed to the police. They have since been \
                returned.";
    let p = crate::testing::pipeline();
    let plain = p.annotate("t", text);
    assert!(plain.nominal_chains.is_empty(), "off by default");
    let with = p.with(crate::pipeline::Options {
        unnamed_chains: true,
        ..p.options()
    });
    let d = with.annotate("t", text);
    let words = |c: &Vec<std::ops::Range<usize>>| -> Vec<String> {
        c.iter()
            .map(|t| d.span_text(t.clone()).to_string())
            .collect()
    };
    let chains: Vec<Vec<String>> = d.nominal_chains.iter().map(words).collect();
    assert!(
        chains.contains(&vec![
            "A sensitive government document".to_string(),
            "The document".to_string(),
            "It".to_string()
        ]),
        "{chains:?}"
    );
    assert!(
        chains
            .iter()
            .any(|c| c.contains(&"the papers".to_string()) && c.contains(&"They".to_string())),
        "{chains:?}"
    );
    // the links to entities, and so the facts, are the same either way
    assert_eq!(
        d.referents
            .iter()
            .map(|r| (r.head, r.entity))
            .collect::<Vec<_>>(),
        plain
            .referents
            .iter()
            .map(|r| (r.head, r.entity))
            .collect::<Vec<_>>()
    );
    assert_eq!(d.relations.len(), plain.relations.len());
    // CoNLL-U shows them
    let mut out = String::new();
    crate::export::conllu::write(&d, &mut out);
    assert!(
        out.contains("\tIt\tit\tPRON") && out.contains("Chain=1"),
        "{out}"
    );
}

#[test]
fn what_a_copula_says_a_name_or_a_chain_is_belongs_to_it() {
    let p = crate::testing::pipeline();
    let with = p.with(crate::pipeline::Options {
        unnamed_chains: true,
        ..p.options()
    });
    let d = with.annotate(
        "t",
        "Acme Corp is a chip maker based in Lagos. A new factory opened on Monday. The \
         factory is a large building near the port.",
    );
    let (maker, why) = linked(&d, "maker");
    assert_eq!(maker, "Acme Corp");
    assert!(why.contains("copula"), "{why}");
    let chains: Vec<Vec<&str>> = d
        .nominal_chains
        .iter()
        .map(|c| c.iter().map(|t| d.span_text(t.clone())).collect())
        .collect();
    assert!(
        chains
            .iter()
            .any(|c| c.contains(&"The factory") && c.contains(&"a large building")),
        "{chains:?}"
    );
}

#[test]
fn an_object_pronoun_is_not_its_own_verbs_subject() {
    let mut d = from_text(
        "t",
        "Tomas Vidal won the vote on Monday and thanked his party. Vidal will replace Ana \
         Ruiz. Vidal said he admired her.",
    );
    crate::testing::annotate(&mut d);
    assert_eq!(linked(&d, "her").0, "Ana Ruiz");
    // nor is a name in apposition to the subject
    let mut d = from_text(
        "t",
        "Maria Lopez left the party in May. The leader, Carlos Vidal, thanked her on Monday.",
    );
    crate::testing::annotate(&mut d);
    assert!(
        !d.referents
            .iter()
            .any(|r| d.token_text(r.head) == "her" && d.entities[r.entity].name == "Carlos Vidal"),
        "{:?}",
        d.referents
    );
}

#[test]
fn a_reflexive_is_the_subject_of_its_clause() {
    let mut d = from_text(
        "t",
        "Ana Ruiz praised the Senate on Monday. Tomas Vidal said the Senate had proven itself \
         useless. Maria Lopez wanted to prove herself to Ana Ruiz.",
    );
    crate::testing::annotate(&mut d);
    let (itself, why) = linked(&d, "itself");
    assert_eq!(itself, "Senate", "{why}");
    assert!(why.contains("the subject of its clause"), "{why}");
    // the subject of the clause above one with none of its own ("wanted to prove")
    assert_eq!(linked(&d, "herself").0, "Maria Lopez");
}

#[test]
fn an_it_that_stands_for_a_clause_is_no_anaphor() {
    let mut d = from_text(
        "t",
        "Acme Corp cut jobs. It is hard to say what will happen. It was reported that the \
         plant closed. It seems that the firm lost. It plans to open a factory.",
    );
    crate::testing::annotate(&mut d);
    let its: Vec<usize> = super::anaphors(&d, crate::testing::lexicon())
        .iter()
        .filter(|a| a.form == "it")
        .map(|a| a.sentence)
        .collect();
    // only the "it" of "It plans to open a factory" (sentence 4) stands for an entity
    assert_eq!(its, vec![4]);
}

#[test]
fn the_first_person_in_a_quotation_is_its_speaker() {
    let mut d = from_text(
        "t",
        "Jens Stoltenberg spoke on Monday. \"We will not let Russia win,\" said Ursula von \
         der Leyen. \"I have asked China to help.\"",
    );
    crate::testing::annotate(&mut d);
    let i = d
        .tokens
        .iter()
        .position(|t| &d.text[t.start..t.end] == "I")
        .expect("an I");
    let r = d.referent(i).expect("\"I\" is linked");
    // the quotation with no speaker of its own goes on from the one before it
    assert_eq!(
        d.entities[r.entity].name, "Ursula von der Leyen",
        "{}",
        r.reason
    );
    assert!(r.reason.contains("is the speaker"), "{}", r.reason);
}

#[test]
fn the_speaker_of_a_quotation_over_sentences_is_found_behind_a_title_or_a_statement() {
    // the first person of every sentence of a quotation to its closing mark, the speaker a
    // name after a title with "of" (parsed with the title as the subject), or the owner
    // of the statement that says it
    let speaker_of_each_i = |text: &str| {
        let mut d = from_text("t", text);
        crate::testing::annotate(&mut d);
        d.tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| &d.text[t.start..t.end] == "I")
            .map(|(i, _)| {
                let r = d.referent(i).expect("\"I\" is linked");
                assert!(r.reason.contains("is the speaker"), "{}", r.reason);
                d.entities[r.entity].name.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        speaker_of_each_i(
            "Ana Ruiz arrived on Monday. In a statement, Governor of Washington Chris \
             Gregoire said, \"The museum put effort into it. Seattle would have been a \
             perfect fit. I am disappointed that NASA did not choose it.\""
        ),
        ["Chris Gregoire"]
    );
    assert_eq!(
        speaker_of_each_i(
            "Ana Ruiz arrived on Monday. Senator John Cornyn's statement added, \"There is \
             no question. Today's announcement is an affront, and I am disappointed.\""
        ),
        ["John Cornyn"]
    );
}

#[test]
fn a_transcripts_i_is_the_speaker_and_you_the_one_addressed() {
    let mut d = from_text(
        "t",
        "Wikinews: Which candidates have you supported?\nChristopher Hill: I supported Buddy \
         Roemer, and I \"thank you,\" he said.\nWikinews: Thank you.\n",
    );
    crate::testing::annotate(&mut d);
    let linked = |k: usize| {
        let i = (0..d.tokens.len())
            .filter(|&i| matches!(d.token_text(i), "I" | "you"))
            .nth(k)
            .expect("a first or second person");
        let r = d
            .referent(i)
            .map(|r| (d.entities[r.entity].name.clone(), r.reason.clone()));
        (d.token_text(i).to_string(), r)
    };
    // "you" of the question is the one who answers it
    let (w, r) = linked(0);
    assert_eq!(
        (w.as_str(), r.map(|r| r.0)),
        ("you", Some("Christopher Hill".into()))
    );
    let (w, r) = linked(1);
    let (who, why) = r.expect("I is linked");
    assert_eq!((w.as_str(), who.as_str()), ("I", "Christopher Hill"));
    assert!(why.contains("turn's speaker"), "{why}");
    // inside a quotation the first and second person are the quotation's, not the turn's
    let (w, r) = linked(3);
    assert_eq!(w, "you");
    assert!(r.as_ref().is_none_or(|r| !r.1.contains("turn")), "{r:?}");
}

#[test]
fn short_replies_do_not_push_a_pronouns_antecedent_out_of_reach() {
    let mut d = from_text(
        "t",
        "Reg Barr came over to our table last night. Oh? Yeah. Mhm. Right. Sure. Well, he \
         said hello to everyone.",
    );
    crate::testing::annotate(&mut d);
    let he = (0..d.tokens.len())
        .find(|&i| d.token_text(i) == "he")
        .expect("a he");
    let r = d.referent(he).expect("\"he\" is linked");
    assert_eq!(d.entities[r.entity].name, "Reg Barr", "{}", r.reason);
}

#[test]
fn a_description_a_name_is_inside_is_only_what_its_sentence_says_it_is() {
    // invented sentences: the apposition says who the chairman is
    let mut d = from_text(
        "t",
        "Ana Ruiz trailed Peter Lund, the former Green Party chairman, by ten points.",
    );
    crate::testing::annotate(&mut d);
    let (name, why) = linked(&d, "chairman");
    assert_eq!(name, "Peter Lund");
    assert!(why.contains("apposition"), "{why}");
    // no sentence says who this one is, and the model does not weigh such phrases
    let mut d = from_text(
        "t",
        "Ana Ruiz met Peter Lund. The Green Party chairman spoke first.",
    );
    crate::testing::annotate(&mut d);
    assert!(link_of(&d, "chairman").is_none(), "{:?}", d.referents);
}
