//! The library as other programs use it: pipelines that hold their own models (no process-wide
//! state), models read from a folder, and a pipeline shared by threads.
use kgraph::dev::model::Models;
use kgraph::lexicon::Lexicon;
use kgraph::pipeline::Options;
use kgraph::{EntityType, Pipeline};

const TEXT: &str = "NATO Secretary General Jens Stoltenberg warned China on Monday.";

fn names(d: &kgraph::Document) -> Vec<(String, EntityType)> {
    d.entities
        .iter()
        .map(|e| (e.name.clone(), e.kind))
        .collect()
}

#[test]
fn two_pipelines_with_different_models_live_side_by_side() {
    let trained = Pipeline::new();
    let rules = Pipeline::from_parts(Lexicon::embedded(), Models::none(), Options::default());
    let before = trained.annotate("a", TEXT);
    let r = rules.annotate("a", TEXT);
    // the rules pipeline has no parser: nothing is attached; the trained one parses
    assert!(r
        .tokens
        .iter()
        .all(|t| t.head.is_none() && t.dep == kgraph::doc::Dep::None));
    assert!(before.tokens.iter().any(|t| t.head.is_some()));
    // the rules still find the names
    assert!(names(&r).contains(&("Jens Stoltenberg".to_string(), EntityType::PER)));
    // using one pipeline does not change the other
    let after = trained.annotate("a", TEXT);
    assert_eq!(
        format!("{:?}", before.tokens),
        format!("{:?}", after.tokens)
    );
    assert_eq!(names(&before), names(&after));
}

#[test]
fn models_from_a_folder_replace_only_the_files_it_holds() {
    let d = tempfile::tempdir().unwrap();
    // an empty folder: every model is the embedded one
    let same = Pipeline::from_parts(
        Lexicon::embedded(),
        Models::from_dir(d.path()).unwrap(),
        Options::default(),
    );
    let a = same.annotate("a", TEXT);
    let b = Pipeline::new().annotate("a", TEXT);
    assert_eq!(format!("{:?}", a.relations), format!("{:?}", b.relations));
    // a file there that is not a model is an error naming it
    std::fs::write(d.path().join("ner.kgm"), b"not a model").unwrap();
    let e = Models::from_dir(d.path())
        .err()
        .expect("a bad model is refused");
    assert!(e.to_string().contains("ner.kgm"), "{e}");
}

#[test]
fn one_pipeline_serves_many_threads_and_options_are_per_pipeline() {
    fn shareable<T: Send + Sync + Clone>(_: &T) {}
    let p = Pipeline::new();
    shareable(&p);
    let beam = p.with(Options {
        beam: 8,
        ..Default::default()
    });
    assert_eq!(beam.options().beam, 8);
    assert_eq!(p.options().beam, 1);
    let docs: Vec<kgraph::Document> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|i| {
                let p = if i % 2 == 0 { &p } else { &beam };
                s.spawn(move || p.annotate(&format!("d{i}"), TEXT))
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let g = p.graph(&docs);
    let warn = g
        .graph
        .edge_weights()
        .find(|e| e.predicate == "warn")
        .expect("the warn fact");
    assert_eq!(warn.count, 4);
}

/// "he", "she", "her" stand for a person: on every article of data/wikinews, no such pronoun is
/// linked to a place or an organisation (the model alone had linked the Thai article's "her"
/// and "she", the princess's, to Thailand).
#[test]
fn gendered_pronouns_are_linked_to_people_only() {
    let p = Pipeline::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wikinews");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/wikinews")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut linked = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("article");
        let d = p.annotate("a", &text);
        for r in &d.referents {
            let form = d.token_text(r.head).to_lowercase();
            if ["he", "him", "his", "she", "her", "hers"].contains(&form.as_str()) {
                linked += 1;
                assert_eq!(
                    d.entities[r.entity].kind,
                    EntityType::PER,
                    "{}: {form:?} linked to {}",
                    f.display(),
                    d.entities[r.entity].name
                );
            }
        }
    }
    assert!(linked > 50, "only {linked} gendered pronouns linked");
}

/// The index of the first token of `d` that reads `w`.
#[track_caller]
fn token_at(d: &kgraph::Document, w: &str) -> usize {
    (0..d.tokens.len())
        .find(|&i| d.token_text(i) == w)
        .unwrap_or_else(|| panic!("no token {w:?}"))
}

/// An indefinite phrase after a name and a comma, which the parse hangs beside the name (an
/// oblique of the verb), is mended into the name's apposition ("Chad, a country in central
/// Africa": "country" hangs from "Chad").
#[test]
fn a_phrase_after_a_name_and_a_comma_hung_beside_it_is_its_apposition() {
    let p = Pipeline::new();
    let d = p.annotate(
        "a",
        "Aid workers are fighting hunger in Chad, a country in central Africa.",
    );
    let (chad, country) = (token_at(&d, "Chad"), token_at(&d, "country"));
    assert_eq!(d.tokens[country].dep, kgraph::doc::Dep::Appos);
    assert_eq!(d.tokens[country].head, Some(chad as u32));
}

/// A past-tense verb that the parse coordinates with an infinitive below another past-tense verb
/// is mended to go with that verb ("urged the embassy to reconsider and spoke with ...": "spoke"
/// goes with "urged").
#[test]
fn a_past_verb_coordinated_with_an_infinitive_goes_with_the_verb_above() {
    let p = Pipeline::new();
    let d = p.annotate(
        "a",
        "Ana Ruiz urged the embassy to reconsider and spoke with Tomas Vidal about the case.",
    );
    assert_eq!(
        d.tokens[token_at(&d, "spoke")].head,
        Some(token_at(&d, "urged") as u32)
    );
    assert_eq!(d.tokens[token_at(&d, "spoke")].dep, kgraph::doc::Dep::Conj);
}

/// A title after an organisation and its acronym in brackets is that organisation's
/// ("Organisation of Islamic Cooperation (OIC) head Yousef Al-Othaimeen"): the name's title
/// belongs to the organisation's mention.
#[test]
fn a_title_after_an_organisation_and_its_bracketed_acronym_is_the_organisation_s() {
    let p = Pipeline::new();
    let d = p.annotate(
        "a",
        "Statements came from the Baltic Grain Council (BGC) head Tomas Vidal and others.",
    );
    let m = d
        .mentions
        .iter()
        .find(|m| {
            m.entity
                .is_some_and(|e| d.entities[e].name == "Tomas Vidal")
        })
        .expect("Tomas Vidal");
    assert_eq!(m.title.as_deref(), Some("head"));
    let owner = m.title_of.expect("the title has an owner");
    let e = d.mentions[owner].entity.expect("an entity");
    assert_eq!(d.entities[e].name, "Baltic Grain Council");
}

/// A country has one president, so another holder named in the article takes the default owner
/// of "President X" away; a former holder does not ("Former president of France Ana Ruiz ...
/// under President Tomas Vidal": Vidal was president of France).
#[test]
fn a_former_holder_of_a_title_leaves_the_default_owner_to_the_next() {
    let p = Pipeline::new();
    let d = p.annotate(
        "a",
        "Former president of France Ana Ruiz dies aged 86\n\nAna Ruiz, former president of \
         France, died on Thursday in Paris. She served as prime minister under President Tomas \
         Vidal. France mourned her.\n",
    );
    assert!(d
        .relations
        .iter()
        .any(|r| d.entities[r.subject].name == "Tomas Vidal"
            && r.predicate == "president of"
            && d.entities[r.object].name == "France"));
}
