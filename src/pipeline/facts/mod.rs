//! Pipeline stage after the relations: candidate facts beyond the named patterns (two entities
//! joined by a short dependency path), then the learned confidence of every fact: the confidence
//! model's probability that it is right, from the pattern that made it, the path between its
//! ends, their types and more ([`features`]). Facts below the minimum confidence are dropped.
mod candidates;
mod features;
mod paths;
pub mod patterns;

pub use features::features;

use crate::doc::Document;
use crate::hash::FastSet;
use crate::lexicon::Lexicon;
use crate::model::confidence::FactModel;
use crate::pipeline::clauses::Parsed;

/// Scores every fact with the confidence model and keeps those of at least `min_confidence`
/// (None: the model's default, chosen by cross-validation). With a model, the path candidates
/// are added first; without one (an empty model) the patterns' own confidences stand and no
/// candidate is added, as candidates are worth only what a model says of them.
pub fn score(doc: &mut Document, lx: &Lexicon, model: &FactModel, min_confidence: Option<f32>) {
    score_parsed(doc, lx, model, min_confidence, Vec::new());
}

/// [`score`] with the sentences' trees and clauses the relations were found with (those not
/// given are built again).
pub(crate) fn score_parsed(
    doc: &mut Document,
    lx: &Lexicon,
    model: &FactModel,
    min_confidence: Option<f32>,
    parsed: Vec<Parsed>,
) {
    if !model.is_empty() {
        let trees = add_candidates_keeping_trees(doc, lx, parsed);
        let ps = features::probabilities(doc, lx, model, trees);
        for (r, p) in doc.relations.iter_mut().zip(ps) {
            r.confidence = (p * 100.0).round() / 100.0;
        }
    }
    let min = min_confidence.unwrap_or(if model.is_empty() {
        0.0
    } else {
        model.threshold
    });
    doc.relations.retain(|r| r.confidence >= min);
}

/// Adds the path candidates of every sentence: one per pair of entities that no pattern related
/// in that sentence, in the order of the relations (by sentence).
pub fn add_candidates(doc: &mut Document, lx: &Lexicon) {
    add_candidates_keeping_trees(doc, lx, Vec::new());
}

/// [`add_candidates`] with the sentences' trees and clauses the relations were found with.
pub(crate) fn add_candidates_parsed(doc: &mut Document, lx: &Lexicon, parsed: Vec<Parsed>) {
    add_candidates_keeping_trees(doc, lx, parsed);
}

/// [`add_candidates`] (given the sentences' trees and clauses where known), returning each
/// sentence's tree and entity ends, which the features of its facts read again.
fn add_candidates_keeping_trees(
    doc: &mut Document,
    lx: &Lexicon,
    parsed: Vec<Parsed>,
) -> features::Trees {
    let mut parsed = parsed.into_iter();
    let mut related: FastSet<(usize, usize, usize)> = doc
        .relations
        .iter()
        .map(|r| (r.sentence, r.subject.min(r.object), r.subject.max(r.object)))
        .collect();
    let trees = (0..doc.sentences.len())
        .map(|s| candidates::add(doc, lx, s, &mut related, parsed.next()))
        .collect();
    doc.relations.sort_by(|a, b| {
        (a.sentence, a.subject, &a.predicate, a.object, a.negated).cmp(&(
            b.sentence,
            b.subject,
            &b.predicate,
            b.object,
            b.negated,
        ))
    });
    trees
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;
    use crate::testing::{lexicon, pipeline};

    fn named(d: &Document) -> Vec<(String, String, String, &'static str)> {
        d.relations
            .iter()
            .map(|r| {
                (
                    d.entities[r.subject].name.clone(),
                    r.predicate.clone(),
                    d.entities[r.object].name.clone(),
                    r.rule,
                )
            })
            .collect()
    }

    /// The candidates of a text (patterns' and paths'), named as [`named`] names them.
    fn candidates_of(text: &str) -> Vec<(String, String, String, &'static str)> {
        let mut d = from_text("t", text);
        pipeline().annotate_candidates(&mut d);
        named(&d)
    }

    #[test]
    fn a_path_through_a_passive_verb_and_prepositions_is_a_candidate() {
        let rs = candidates_of("Ana Ruiz was taken to a clinic in Lima on Monday.");
        assert!(
            rs.iter().any(|r| r.0 == "Ana Ruiz"
                && r.1 == "taken to clinic in"
                && r.2 == "Lima"
                && r.3 == "path"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_path_does_not_pass_through_a_person_to_what_hangs_from_that_person() {
        let rs = candidates_of(
            "Tim Gunn met Mickey Hart, drummer of the Grateful Dead. Robert Hunter worked with \
             Bob Dylan and Bruce Hornsby.",
        );
        assert!(
            !rs.iter()
                .any(|r| r.0 == "Tim Gunn" && r.2 == "Grateful Dead"),
            "{rs:?}"
        );
        // a list of names goes on through them
        assert!(
            rs.iter()
                .any(|r| r.0 == "Robert Hunter" && r.2 == "Bruce Hornsby"),
            "{rs:?}"
        );
    }

    #[test]
    fn the_agent_of_a_passive_verb_is_the_subject_of_the_path() {
        let rs =
            candidates_of("Jo Swinson was defeated in Dunbartonshire East by an SNP candidate.");
        assert!(
            rs.iter()
                .any(|r| r.0 == "SNP" && r.1.contains("defeated") && r.2 == "Jo Swinson"),
            "{rs:?}"
        );
        assert!(
            !rs.iter().any(|r| r.0 == "Jo Swinson" && r.2 == "SNP"),
            "{rs:?}"
        );
    }

    #[test]
    fn the_source_of_according_to_is_the_subject_of_the_path() {
        let rs = candidates_of(
            "According to Prime Minister Ana Ruiz, Tomas Vidal had a licence for the rifle.",
        );
        assert!(
            rs.iter()
                .any(|r| r.0 == "Ana Ruiz" && r.1 == "according to" && r.2 == "Tomas Vidal"),
            "{rs:?}"
        );
        assert!(
            !rs.iter().any(|r| r.0 == "Tomas Vidal" && r.2 == "Ana Ruiz"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_passive_s_agent_hung_from_a_noun_by_the_parse_is_still_the_subject() {
        // the parse hangs "by Ana Ruiz" from "building"; the passive's subject is at the other
        // end, so the "by" phrase is its agent, and the verb alone is the predicate
        let rs = candidates_of(
            "Tomas Vidal was shot in the courtyard of his apartment building by Ana Ruiz, a \
             former neighbour.",
        );
        assert!(
            rs.iter()
                .any(|r| r.0 == "Ana Ruiz" && r.1 == "shot" && r.2 == "Tomas Vidal"),
            "{rs:?}"
        );
        assert!(
            !rs.iter().any(|r| r.0 == "Tomas Vidal" && r.2 == "Ana Ruiz"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_birth_is_born_in_a_participle_clause_as_in_a_passive() {
        // the treebanks' lemma of "born" is "bear"; a fact names a birth "born" either way
        for text in [
            "Born in Lahore, Ana Ruiz moved to Karachi in 1990.",
            "Ana Ruiz was born in Lahore and moved to Karachi in 1990.",
        ] {
            let rs = candidates_of(text);
            assert!(
                rs.iter()
                    .any(|r| r.0 == "Ana Ruiz" && r.1 == "born in" && r.2 == "Lahore"),
                "{text}: {rs:?}"
            );
        }
    }

    #[test]
    fn a_titled_name_s_path_starts_at_its_title_and_a_second_verb_keeps_the_subject() {
        // the parse makes "Secretary" the head of both names; the subject of "urged" is the
        // subject of the coordinated "spoke", whose words alone make the predicate
        let rs = candidates_of(
            "Foreign Secretary Dominic Raab urged the embassy to reconsider and spoke with US \
             Secretary of State Mike Pompeo about the case.",
        );
        assert!(
            rs.iter()
                .any(|r| r.0 == "Dominic Raab" && r.1 == "speak with" && r.2 == "Mike Pompeo"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_participle_clause_s_subject_is_its_main_clause_s() {
        // "telling" has no subject of its own: Mark Amodei tells, and the predicate is "tell",
        // not "voice tell"; a clause with its own subject or an "after" keeps the first verb
        let rs = candidates_of(
            "Mark Amodei has publicly voiced support for the inquiry, telling Reuters that he \
             is a fan.",
        );
        assert!(
            rs.iter()
                .any(|r| r.0 == "Mark Amodei" && r.1 == "tell" && r.2 == "Reuters"),
            "{rs:?}"
        );
        let rs = candidates_of("Mark Amodei voiced support after meeting Ana Ruiz in Lima.");
        assert!(
            rs.iter()
                .any(|r| r.0 == "Mark Amodei" && r.1 == "voice meet in" && r.2 == "Lima"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_path_from_a_name_into_a_noun_coordinated_with_it_relates_nothing() {
        use crate::doc::Pos::*;
        use crate::pipeline::clauses::Tree;
        // "She met designer Ana Ruiz and drummer Tom Brand": "drummer" is the list's second
        // item, so Ana Ruiz is no drummer of Tom Brand's; She met Ana Ruiz
        let d = crate::pipeline::clauses::tests::parsed(&[
            ("She", PRON, "she", 2, "nsubj"),
            ("met", VERB, "meet", 0, "root"),
            ("designer", NOUN, "designer", 2, "obj"),
            ("Ana", PROPN, "Ana", 3, "appos"),
            ("Ruiz", PROPN, "Ruiz", 4, "flat"),
            ("and", CCONJ, "and", 7, "cc"),
            ("drummer", NOUN, "drummer", 4, "conj"),
            ("Tom", PROPN, "Tom", 7, "appos"),
            ("Brand", PROPN, "Brand", 8, "flat"),
        ]);
        let t = Tree::new(&d, 0, d.tokens.len());
        let (p, _) = paths::path(&d, &t, 3, 7).unwrap();
        assert_eq!(p, [3, 6, 7]);
        assert!(paths::into_a_coordinate(&d, &t, &p));
        let (p, _) = paths::path(&d, &t, 0, 3).unwrap();
        assert!(!paths::into_a_coordinate(&d, &t, &p));
    }

    #[test]
    fn a_country_s_adjective_makes_its_forces_act_for_it_but_not_its_banks() {
        let rs = candidates_of("French banks such as BNP Paribas have left Russia.");
        assert!(
            !rs.iter().any(|r| r.0 == "France" && r.2 == "Russia"),
            "{rs:?}"
        );
        let rs = candidates_of("Some Iraqi militias associated with Iran made threats.");
        assert!(!rs.iter().any(|r| r.0 == "Iraq" && r.2 == "Iran"), "{rs:?}");
        let rs = candidates_of("Russian forces attacked Ukraine on Monday.");
        assert!(
            rs.iter()
                .any(|r| r.0 == "Russia" && r.1 == "attack" && r.2 == "Ukraine"),
            "{rs:?}"
        );
    }

    #[test]
    fn paths_of_five_or_six_edges_are_long_paths_and_seven_make_none() {
        let rs = candidates_of(
            "Ana Ruiz developed a model of how oxygen dissolves in the soil of Chile.",
        );
        assert!(
            rs.iter().any(|r| r.0 == "Ana Ruiz"
                && r.1 == "develop model dissolve in soil of"
                && r.2 == "Chile"
                && r.3 == "path long"),
            "{rs:?}"
        );
        let rs = candidates_of(
            "Ana Ruiz developed a model of how oxygen dissolves in the soil of the hills of Chile.",
        );
        assert!(
            rs.iter()
                .any(|r| r.0 == "Ana Ruiz" && r.2 == "Chile" && r.3 == "path long"),
            "{rs:?}"
        );
        let rs = candidates_of(
            "Ana Ruiz developed a model of how oxygen dissolves in the soil of the hills of the \
             coast of Chile.",
        );
        assert!(!rs.iter().any(|r| r.2 == "Chile"), "{rs:?}");
    }

    #[test]
    fn a_role_noun_takes_its_compounds_and_its_holder_is_the_subject() {
        let text = "According to Yale University political historian Ann Lee, the treaty failed. \
                    Tim Wu, a vice president at Acme Corp, said the plant would close. \
                    Democrat Ruiz, a teacher and former Navy captain, was elected in 2012.";
        let rs = candidates_of(text);
        let has = |s: &str, p: &str, o: &str| rs.iter().any(|r| r.0 == s && r.1 == p && r.2 == o);
        assert!(has("Ann Lee", "historian of", "Yale University"), "{rs:?}");
        assert!(has("Tim Wu", "vice president at", "Acme Corp"), "{rs:?}");
        // "captain", tagged as a name but no mention's, is a word of the predicate
        assert!(has("Ruiz", "teacher captain of", "Navy"), "{rs:?}");
    }

    #[test]
    fn an_organisation_s_pronoun_is_an_end_through_coreference() {
        let text = "Acme Corp cut 500 jobs on Monday. It plans to open a factory in Lima.";
        let mut d = from_text("t", text);
        pipeline().annotate_candidates(&mut d);
        let it = d.referent(
            d.tokens
                .iter()
                .position(|t| &text[t.start..t.end] == "It")
                .unwrap(),
        );
        assert_eq!(
            it.map(|r| d.entities[r.entity].name.as_str()),
            Some("Acme Corp")
        );
        let path = d
            .relations
            .iter()
            .find(|r| {
                r.rule == "path" && r.sentence == 1 && d.entities[r.subject].name == "Acme Corp"
            })
            .unwrap_or_else(|| panic!("{:?}", named(&d)));
        assert_eq!(d.entities[path.object].name, "Lima");
        assert!(path
            .reason
            .as_deref()
            .unwrap_or("")
            .contains("\"it\" refers to Acme Corp"));
    }

    #[test]
    fn a_title_or_a_nationality_names_a_path_of_prepositions_only() {
        let rs = candidates_of(
            "Professor Ann Lee at Deakin University said the plan failed. \
             An Australian, Brenton Tarrant, appeared in court. Pedro Soto, a Chilean \
             national, was arrested.",
        );
        // the path's word, in lower case whatever the capital of its lemma
        assert!(
            rs.iter()
                .any(|r| r.0 == "Pedro Soto" && r.1 == "national of" && r.2 == "Chile"),
            "{rs:?}"
        );
        // no title: a person's demonym is the nationality
        assert!(
            rs.iter()
                .any(|r| r.0 == "Brenton Tarrant" && r.1 == "national of" && r.2 == "Australia"),
            "{rs:?}"
        );
        assert!(
            rs.iter().any(|r| r.0 == "Ann Lee"
                && r.1 == "professor at"
                && r.2 == "Deakin University"
                && r.3 == "path"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_name_and_an_indefinite_phrase_between_commas_are_an_apposition_not_a_coordination() {
        // the parser reads both as "conj" with no "and"
        let mut d = from_text(
            "t",
            "Since then, a Republican, Mark Amodei, has voiced support for the inquiry.",
        );
        pipeline().annotate_candidates(&mut d);
        let rs = named(&d);
        assert!(
            rs.iter()
                .any(|r| r.0 == "Mark Amodei" && r.1 == "member of" && r.2 == "Republican Party"),
            "{rs:?}"
        );
        let amodei = d
            .tokens
            .iter()
            .position(|t| &d.text[t.start..t.end] == "Mark");
        assert_eq!(
            amodei.map(|i| d.tokens[i].dep),
            Some(crate::doc::Dep::Appos)
        );
    }

    #[test]
    fn an_event_noun_s_agent_is_the_subject() {
        // an event noun of nominalizations.tsv: the data pattern, with the noun's verb
        let rs = candidates_of("The recognition of Kosovo by Serbia remains unlikely.");
        assert!(
            rs.iter().any(|r| r.0 == "Serbia"
                && r.1 == "recognize"
                && r.2 == "Kosovo"
                && r.3 == "event-noun-agent"),
            "{rs:?}"
        );
        // any other noun: the path candidate, ordered by its "by" phrase
        let rs = candidates_of("The description of Kosovo by Serbia remains unlikely.");
        assert!(
            rs.iter()
                .any(|r| r.0 == "Serbia" && r.1 == "description of" && r.2 == "Kosovo"),
            "{rs:?}"
        );
    }

    #[test]
    fn a_pair_a_pattern_relates_gets_no_second_candidate() {
        let rs = candidates_of("Jens Stoltenberg warned China on Monday.");
        assert_eq!(rs.len(), 1, "{rs:?}");
        assert_eq!(rs[0].1, "warn");
    }

    #[test]
    fn without_a_model_the_patterns_stand_and_with_one_its_probability_is_the_confidence() {
        let text = "Ana Ruiz was taken to a clinic in Lima. Jens Stoltenberg warned China.";
        let mut d = from_text("t", text);
        pipeline().annotate_relations(&mut d);
        let before: Vec<f32> = d.relations.iter().map(|r| r.confidence).collect();
        let mut plain = d.clone();
        score(&mut plain, lexicon(), &FactModel::default(), None);
        assert_eq!(
            plain
                .relations
                .iter()
                .map(|r| r.confidence)
                .collect::<Vec<_>>(),
            before
        );
        assert!(plain.relations.iter().all(|r| r.rule != "path"));
        // a model that trusts verbs and distrusts path candidates
        let m = FactModel::from_tsv("bias\t0\nthreshold\t0.5\nfamily=verb\t3\nrule=path\t-3\n")
            .unwrap();
        let mut all = d.clone();
        score(&mut all, lexicon(), &m, Some(0.0));
        let path = all.relations.iter().find(|r| r.rule == "path").unwrap();
        assert!(path.confidence < 0.1, "{}", path.confidence);
        let verb = all
            .relations
            .iter()
            .find(|r| r.rule.starts_with("verb"))
            .unwrap();
        assert!(verb.confidence > 0.9, "{}", verb.confidence);
        // the model's threshold drops the path candidate by default
        score(&mut d, lexicon(), &m, None);
        assert!(d.relations.iter().all(|r| r.rule != "path"));
        assert!(d.relations.iter().any(|r| r.rule.starts_with("verb")));
    }
}
