//! Training and evaluation commands on tiny fixtures the tests write: models are reproducible
//! (same data and seed, same bytes) and score well on the data they learnt.
mod common;

use common::{kgraph, stdout_of};
use std::path::Path;

/// A tiny treebank: simple subject-verb-object sentences in CoNLL-U.
fn treebank(dir: &Path) -> std::path::PathBuf {
    let subjects = [
        ("Anna", "PROPN"),
        ("The dog", "DET NOUN"),
        ("Boris", "PROPN"),
        ("The cat", "DET NOUN"),
    ];
    let verbs = ["sees", "likes", "warned", "met"];
    let objects = [
        ("Carla", "PROPN"),
        ("the ball", "DET NOUN"),
        ("Paris", "PROPN"),
    ];
    let mut out = String::new();
    let mut n = 0;
    for (s, st) in subjects {
        for v in verbs {
            for (o, ot) in objects {
                n += 1;
                out.push_str(&format!("# sent_id = {n}\n"));
                let mut rows: Vec<(String, String, String, usize, String)> = Vec::new();
                let sw: Vec<&str> = s.split(' ').collect();
                let stg: Vec<&str> = st.split(' ').collect();
                let ow: Vec<&str> = o.split(' ').collect();
                let otg: Vec<&str> = ot.split(' ').collect();
                let verb_id = sw.len() + 1;
                for (k, (w, t)) in sw.iter().zip(&stg).enumerate() {
                    let last = k + 1 == sw.len();
                    rows.push((
                        w.to_string(),
                        w.to_lowercase(),
                        t.to_string(),
                        if last { verb_id } else { sw.len() },
                        if last { "nsubj".into() } else { "det".into() },
                    ));
                }
                rows.push((
                    v.to_string(),
                    v.trim_end_matches('s').to_string(),
                    "VERB".into(),
                    0,
                    "root".into(),
                ));
                let obj_head = verb_id + ow.len();
                for (k, (w, t)) in ow.iter().zip(&otg).enumerate() {
                    let last = k + 1 == ow.len();
                    rows.push((
                        w.to_string(),
                        w.to_lowercase(),
                        t.to_string(),
                        if last { verb_id } else { obj_head },
                        if last { "obj".into() } else { "det".into() },
                    ));
                }
                rows.push((
                    ".".into(),
                    ".".into(),
                    "PUNCT".into(),
                    verb_id,
                    "punct".into(),
                ));
                for (i, r) in rows.iter().enumerate() {
                    out.push_str(&format!(
                        "{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t_\n",
                        i + 1,
                        r.0,
                        r.1,
                        r.2,
                        r.3,
                        r.4
                    ));
                }
                out.push('\n');
            }
        }
    }
    let p = dir.join("tiny.conllu");
    std::fs::write(&p, out).unwrap();
    p
}

/// A tiny entity file in UNER's IOB2 layout (index, token, tag).
fn entities(dir: &Path) -> std::path::PathBuf {
    let people = ["Anna Smith", "Boris Petrov", "Carla Gomez"];
    let places = ["Paris", "Lagos", "Oslo"];
    let orgs = ["Acme Corp", "Red Cross"];
    let mut out = String::new();
    for p in people {
        for l in places {
            for o in orgs {
                let mut rows: Vec<(String, String)> = Vec::new();
                let mut add = |text: &str, ty: &str| {
                    for (k, w) in text.split(' ').enumerate() {
                        let tag = if ty == "O" {
                            "O".to_string()
                        } else {
                            format!("{}-{ty}", if k == 0 { "B" } else { "I" })
                        };
                        rows.push((w.to_string(), tag));
                    }
                };
                add(p, "PER");
                add("flew to", "O");
                add(l, "LOC");
                add("for", "O");
                add(o, "ORG");
                add(".", "O");
                for (i, (w, t)) in rows.iter().enumerate() {
                    out.push_str(&format!("{}\t{w}\t{t}\t-\t-\n", i + 1));
                }
                out.push('\n');
            }
        }
    }
    let p = dir.join("tiny.iob2");
    std::fs::write(&p, out).unwrap();
    p
}

fn number_after(text: &str, key: &str) -> f64 {
    let rest = &text[text
        .find(key)
        .unwrap_or_else(|| panic!("no {key} in {text}"))
        + key.len()..];
    rest.trim_start()
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn tagger_training_is_reproducible_and_learns() {
    let d = tempfile::tempdir().unwrap();
    let tb = treebank(d.path());
    for out in ["a", "b"] {
        kgraph()
            .args(["train", "tagger", "--iterations", "3", "--data"])
            .arg(&tb)
            .arg("--out")
            .arg(d.path().join(out))
            .assert()
            .success();
    }
    for f in ["tagger.kgm", "tagger2.kgm", "lemma_rules.tsv"] {
        assert_eq!(
            std::fs::read(d.path().join("a").join(f)).unwrap(),
            std::fs::read(d.path().join("b").join(f)).unwrap(),
            "{f} differs"
        );
    }
    let text = stdout_of(
        kgraph()
            .env("KGRAPH_MODELS", d.path().join("a"))
            .args(["eval", "pos", "--data"])
            .arg(&tb),
    );
    assert!(number_after(&text, "upos") >= 95.0, "{text}");
}

#[test]
fn parser_training_learns_the_tiny_treebank() {
    let d = tempfile::tempdir().unwrap();
    let tb = treebank(d.path());
    let m = d.path().join("m");
    kgraph()
        .args(["train", "tagger", "--iterations", "3", "--data"])
        .arg(&tb)
        .arg("--out")
        .arg(&m)
        .assert()
        .success();
    kgraph()
        .env("KGRAPH_MODELS", &m)
        .args([
            "train",
            "parser",
            "--iterations",
            "5",
            "--prune",
            "0",
            "--data",
        ])
        .arg(&tb)
        .arg("--out")
        .arg(&m)
        .assert()
        .success();
    let text = stdout_of(
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(["eval", "parse", "--data"])
            .arg(&tb),
    );
    assert!(number_after(&text, "UAS") >= 90.0, "{text}");
    assert!(number_after(&text, "LAS") >= 85.0, "{text}");

    // the parser for beam search: it labels with the greedy parser's labeller just trained, is
    // reproducible, and writes its parses as CoNLL-U
    for out in ["b1", "b2"] {
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(["train", "parser", "--beam", "4", "--iterations", "5"])
            .args(["--prune", "0", "--data"])
            .arg(&tb)
            .arg("--out")
            .arg(d.path().join(out))
            .assert()
            .success();
    }
    let beam = std::fs::read(d.path().join("b1").join("parser-beam.kgm")).unwrap();
    assert_eq!(
        beam,
        std::fs::read(d.path().join("b2").join("parser-beam.kgm")).unwrap()
    );
    assert!(!d.path().join("b1").join("labeler.kgm").exists());
    std::fs::write(m.join("parser-beam.kgm"), beam).unwrap();
    let pred = d.path().join("p.conllu");
    let text = stdout_of(
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(["eval", "parse", "--beam", "4", "--data"])
            .arg(&tb)
            .arg("--predictions")
            .arg(&pred),
    );
    assert!(number_after(&text, "UAS") >= 90.0, "{text}");
    let conllu = std::fs::read_to_string(&pred).unwrap();
    let gold = std::fs::read_to_string(&tb).unwrap();
    let rows = |t: &str| {
        t.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count()
    };
    assert_eq!(rows(&conllu), rows(&gold));
    assert!(conllu
        .lines()
        .all(|l| l.is_empty() || l.split('\t').count() == 10));
}

/// A folder `models` in `dir` for KGRAPH_MODELS holding one model file, `name`, with `bytes`
/// (every other model falls back to the embedded one).
fn model_folder(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let m = dir.join("models");
    std::fs::create_dir(&m).unwrap();
    std::fs::write(m.join(name), bytes).unwrap();
    m
}

#[test]
fn beam_parser_training_needs_the_greedy_labeller() {
    let d = tempfile::tempdir().unwrap();
    let tb = treebank(d.path());
    // an empty model folder: no labeller to read
    let empty = model_folder(d.path(), "labeler.kgm", b"");
    kgraph()
        .env("KGRAPH_MODELS", &empty)
        .args(["train", "parser", "--beam", "4", "--data"])
        .arg(&tb)
        .arg("--out")
        .arg(&empty)
        .assert()
        .failure()
        .stderr(predicates::str::contains("train the greedy parser first"));
}

#[test]
fn ner_training_learns_the_tiny_file_and_writes_predictions() {
    let d = tempfile::tempdir().unwrap();
    let f = entities(d.path());
    let m = d.path().join("m");
    kgraph()
        .args(["train", "ner", "--iterations", "5", "--data"])
        .arg(&f)
        .arg("--out")
        .arg(&m)
        .assert()
        .success();
    let preds = d.path().join("p.txt");
    let text = stdout_of(
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(["eval", "ner", "--data"])
            .arg(&f)
            .arg("--predictions")
            .arg(&preds),
    );
    assert!(number_after(&text, "f1") >= 0.9, "{text}");
    // the recogniser alone scores too
    let alone = stdout_of(
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(["eval", "ner", "--model-only", "--data"])
            .arg(&f),
    );
    assert!(number_after(&alone, "f1") >= 0.9, "{alone}");
    let p = std::fs::read_to_string(&preds).unwrap();
    assert!(
        p.lines().next().unwrap().split(' ').count() == 3,
        "TOKEN GOLD PRED lines"
    );
}

#[test]
fn lowercase_recogniser_is_trained_apart_and_reads_text_without_capitals_or_in_capitals() {
    let d = tempfile::tempdir().unwrap();
    let f = entities(d.path());
    let m = d.path().join("m");
    for lowercase in [false, true] {
        let mut c = kgraph();
        c.args(["train", "ner", "--iterations", "5", "--data"])
            .arg(&f)
            .arg("--out")
            .arg(&m);
        if lowercase {
            c.arg("--lowercase");
        }
        c.assert().success();
    }
    assert!(m.join("ner.kgm").exists() && m.join("ner-lower.kgm").exists());
    for case in ["as-is", "lower", "upper"] {
        let text = stdout_of(
            kgraph()
                .env("KGRAPH_MODELS", &m)
                .args(["eval", "ner", "--case", case, "--data"])
                .arg(&f),
        );
        assert!(number_after(&text, "f1") >= 0.9, "{case}: {text}");
    }
    // lower-cased text goes to the lower-case model: one trained with people and places
    // swapped gets them wrong on lower-cased words only
    let swapped = d.path().join("swapped.iob2");
    let text = std::fs::read_to_string(&f).unwrap();
    let text = text
        .replace("-PER", "-TMP")
        .replace("-LOC", "-PER")
        .replace("-TMP", "-LOC");
    std::fs::write(&swapped, text).unwrap();
    kgraph()
        .args(["train", "ner", "--lowercase", "--iterations", "5", "--data"])
        .arg(&swapped)
        .arg("--out")
        .arg(&m)
        .assert()
        .success();
    for (case, good) in [("as-is", true), ("lower", false), ("upper", false)] {
        let text = stdout_of(
            kgraph()
                .env("KGRAPH_MODELS", &m)
                .args(["eval", "ner", "--model-only", "--case", case, "--data"])
                .arg(&f),
        );
        assert_eq!(number_after(&text, "f1") >= 0.9, good, "{case}: {text}");
    }
}

#[test]
fn ner_data_converts_another_tag_set_into_training_files() {
    let d = tempfile::tempdir().unwrap();
    let src = d.path().join("politics.txt");
    let mut text = String::new();
    for _ in 0..10 {
        text.push_str(
            "Ann\tB-politician\nLee\tI-politician\nled\tO\nUnited\tB-politicalparty\n\
             Russia\tI-politicalparty\nin\tO\n2010\tB-election\n\n",
        );
    }
    std::fs::write(&src, text).unwrap();
    let out = d.path().join("out");
    kgraph()
        .args([
            "train",
            "ner-data",
            "--name",
            "pol",
            "--source",
            "test data, MIT",
            "--data",
        ])
        .arg(&src)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let train = std::fs::read_to_string(out.join("pol.train.iob2")).unwrap();
    let dev = std::fs::read_to_string(out.join("pol.dev.iob2")).unwrap();
    assert!(train.starts_with("# source: test data, MIT\n"), "{train}");
    assert_eq!(train.matches("\tB-PER\t").count(), 9);
    assert_eq!(dev.matches("\tB-ORG\t").count(), 1);
    assert!(!train.contains("election") && train.contains("4\tUnited\tB-ORG\t-\t-"));
    // the converted file trains the recogniser
    let m = d.path().join("m");
    kgraph()
        .args(["train", "ner", "--iterations", "2", "--data"])
        .arg(out.join("pol.train.iob2"))
        .arg("--out")
        .arg(&m)
        .assert()
        .success();
    // the three flags are needed
    kgraph()
        .args(["train", "ner-data", "--data"])
        .arg(&src)
        .assert()
        .failure();
}

#[test]
fn gazetteer_is_derived_from_census_and_geonames_files() {
    let d = tempfile::tempdir().unwrap();
    let census = d.path().join("census");
    let geo = d.path().join("geo");
    std::fs::create_dir_all(&census).unwrap();
    std::fs::create_dir_all(&geo).unwrap();
    let w = |dir: &Path, name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    w(
        &census,
        "dist.male.first",
        "JAMES 3.318 3.318 1\nJOHN 3.271 6.589 2\n",
    );
    w(&census, "dist.female.first", "MARY 2.629 2.629 1\n");
    w(
        &census,
        "dist.all.last",
        "SMITH 1.006 1.006 1\nPARIS 0.001 50.0 2\n",
    );
    w(
        &geo,
        "cities15000.json",
        r#"{"1": {"geonameid": 2988507, "countrycode": "FR", "name": "Paris", "population": 2138551},
            "2": {"geonameid": 5392171, "countrycode": "US", "name": "San Jose", "population": 1026908},
            "3": {"geonameid": 9, "countrycode": "US", "name": "Smallton", "population": 20000},
            "4": {"geonameid": 4717560, "countrycode": "US", "name": "Paris", "population": 25171}}"#,
    );
    w(&geo, "countries.json", r#"{"FR": {"name": "France"}}"#);
    w(&geo, "us_states.json", r#"{"CA": {"name": "California"}}"#);
    w(&geo, "continents.json", r#"{"EU": {"name": "Europe"}}"#);
    let out = d.path().join("out");
    let run = || {
        kgraph()
            .args(["train", "gazetteer", "--data"])
            .arg(&census)
            .arg(&geo)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        std::fs::read_to_string(out.join("open_gazetteer.tsv")).unwrap()
    };
    let first = run();
    for line in [
        "james\tfirst",
        "paris\tcity1,city3,last1",
        "san jose\tcity1",
        "smallton\tcity3",
        "france\tcountry",
        "california\tstate",
        "europe\tcontinent",
    ] {
        assert!(first.lines().any(|l| l == line), "{line:?} in\n{first}");
    }
    assert_eq!(first, run(), "same input, same bytes");
    // the cities with their GeoNames ids: the most populous of a name, the next one's size
    let cities = std::fs::read_to_string(out.join("cities_open.tsv")).unwrap();
    assert!(
        cities.contains("Paris\t2988507\tFR\t2138551\t25171\n"),
        "{cities}"
    );
    assert!(
        cities.contains("San Jose\t5392171\tUS\t1026908\t0\n"),
        "{cities}"
    );
    assert!(!cities.contains("Smallton"), "{cities}");
    // a folder without the files is a clear error
    kgraph()
        .args(["train", "gazetteer", "--data"])
        .arg(d.path().join("nothing"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
}

#[test]
fn eval_reports_a_missing_file() {
    kgraph()
        .args(["eval", "pos", "--data", "/nonexistent/x.conllu"])
        .assert()
        .code(2);
}

#[test]
fn an_unusable_model_in_kgraph_models_is_refused_with_its_name_and_cause() {
    let d = tempfile::tempdir().unwrap();
    let tb = treebank(d.path());
    // a model folder whose tagger is of a format this version does not read
    let m = model_folder(d.path(), "tagger.kgm", b"KGPM1\x01\x00\x00\x00");
    let text = d.path().join("a.txt");
    std::fs::write(&text, "Anna met Carla in Paris on Monday.\n").unwrap();
    for args in [
        vec!["eval", "pos", "--data", tb.to_str().unwrap()],
        vec!["eval", "parse", "--data", tb.to_str().unwrap()],
        vec!["extract", text.to_str().unwrap()],
    ] {
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains("tagger.kgm: unusable model"))
            .stderr(predicates::str::contains("an older model file"));
    }
}

#[test]
fn eval_carb_scores_open_triples_against_a_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.tsv");
    std::fs::write(
        &gold,
        "The farmers sold the wheat .\tsold\tThe farmers\tthe wheat\n\
         The mayor visited the school in May .\tvisited\tThe mayor\tthe school\tin May\n",
    )
    .unwrap();
    let pred = dir.path().join("pred.tsv");
    let out = stdout_of(
        kgraph()
            .args(["eval", "carb", "--data"])
            .arg(&gold)
            .arg("--predictions")
            .arg(&pred),
    );
    assert!(out.contains("sentences 2  gold 2"), "{out}");
    // both clauses are read exactly as the gold has them
    assert!(number_after(&out, "F1") > 0.99, "{out}");
    let written = std::fs::read_to_string(&pred).unwrap();
    assert!(
        written.contains("The farmers sold the wheat .\t0.90\tsold\tThe farmers\tthe wheat"),
        "{written}"
    );
    // a file with no extractions is an error naming it
    let empty = dir.path().join("empty.tsv");
    std::fs::write(&empty, "no tabs here\n").unwrap();
    let a = kgraph()
        .args(["eval", "carb", "--data"])
        .arg(&empty)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("empty.tsv"), "{err}");
}
