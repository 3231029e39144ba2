//! `kgraph eval facts` and `kgraph train facts`: the fact scorer's figures (against the reference
//! scorer facts.py where the workplace's gold is present), per pattern, extraction from articles,
//! the cross-validated confidence model and its reproducible training.
mod common;
use common::{kgraph, stdout_of};
use std::path::{Path, PathBuf};

/// A gold folder and an article folder with two invented articles.
fn fixture(dir: &Path) -> (PathBuf, PathBuf) {
    let gold = dir.join("gold");
    let arts = dir.join("articles");
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&arts).unwrap();
    let articles = [
        (
            "a",
            "Norwegian Prime Minister Ola Dahl met German Chancellor Anna Berg in Oslo on Monday. \
             Dahl warned Russia about the pipeline. Berg did not criticise China.\n",
            "# a\nOla Dahl|Dahl\tprime minister\tNorway\t\n\
             Anna Berg|Berg\tchancellor\tGermany\t\n\
             Ola Dahl|Dahl\tmeet\tAnna Berg|Berg\tsym\n\
             Ola Dahl|Dahl\twarn\tRussia\t\n\
             Anna Berg|Berg\tcriticise\tChina\tneg\n",
        ),
        (
            "b",
            "Acme Corp chief executive Jane Roe visited Lagos. \
             Lucy Fischer, a reporter for the Daily Courier, interviewed Roe in Paris.\n",
            "# b\nJane Roe|Roe\tchief executive|head\tAcme Corp|Acme\t\n\
             Jane Roe|Roe\tvisit\tLagos\t\n\
             Lucy Fischer|Fischer\treporter|work\tDaily Courier\t\n\
             Lucy Fischer|Fischer\tinterview\tJane Roe|Roe\t\n",
        ),
    ];
    for (name, text, facts) in articles {
        std::fs::write(arts.join(format!("{name}.txt")), text).unwrap();
        std::fs::write(gold.join(format!("{name}.facts.tsv")), facts).unwrap();
    }
    (gold, arts)
}

#[test]
fn a_triples_file_is_scored_with_the_reference_rules() {
    let d = tempfile::tempdir().unwrap();
    let (gold, _) = fixture(d.path());
    let sys = d.path().join("sys.jsonl");
    std::fs::write(
        &sys,
        concat!(
            r#"{"doc":"x/a.txt","subject":"Dahl","predicate":"prime minister of","object":"Norway","rule":"title"}"#,
            "\n",
            r#"{"doc":"a.txt","subject":"Anna Berg","predicate":"meets","object":"Ola Dahl","rule":"verb"}"#,
            "\n",
            r#"{"doc":"a.txt","subject":"Anna Berg","predicate":"criticise","object":"China","negated":false,"rule":"verb"}"#,
            "\n",
            r#"{"doc":"b.txt","subject":"Roe","predicate":"visit","object":"Paris","rule":"verb"}"#,
            "\n",
            r#"{"doc":"c.txt","subject":"Roe","predicate":"visit","object":"Paris"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = stdout_of(
        kgraph()
            .args(["eval", "facts", "--by-pattern", "--gold"])
            .arg(&gold)
            .arg("--system")
            .arg(&sys),
    );
    // 9 required facts, 2 found (title and sym meeting); 4 triples of scored articles, 2 correct, one
    // polarity error; the article without gold is ignored
    assert!(
        out.contains("documents 2  required facts 9  found 2  system triples 4  correct 2  polarity errors 1"),
        "{out}"
    );
    assert!(
        out.contains("recall 0.222 precision 0.500 f1 0.308 polarity_errors 1"),
        "{out}"
    );
    assert!(out.contains("verb\t3\t1\t0.333\t1"), "{out}");
    assert!(out.contains("title\t1\t1\t1.000\t1"), "{out}");
    // with a minimum confidence, the file's triples below it are not scored but say why a fact
    // was missed; with --verbose each miss has its reason and the misses are counted by reason
    std::fs::write(
        &sys,
        concat!(
            r#"{"doc":"a.txt","subject":"Ola Dahl","predicate":"warn","object":"Russia","confidence":0.3}"#,
            "\n",
            r#"{"doc":"a.txt","subject":"Anna Berg","predicate":"meets","object":"Ola Dahl","confidence":0.9}"#,
            "\n",
            r#"{"doc":"b.txt","subject":"Roe","predicate":"met","object":"Acme","confidence":0.9}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = stdout_of(
        kgraph()
            .args([
                "eval",
                "facts",
                "--verbose",
                "--min-confidence",
                "0.5",
                "--gold",
            ])
            .arg(&gold)
            .arg("--system")
            .arg(&sys),
    );
    assert!(
        out.contains("found 1  system triples 2  correct 1"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("MISSED")
            && l.contains("warn\tRussia")
            && l.ends_with("[a candidate below the minimum confidence (0.30 \"warn\")]")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("MISSED")
            && l.contains("chief executive")
            && l.ends_with("[the two related otherwise (\"met\")]")),
        "{out}"
    );
    assert!(
        out.contains("missed 8: 1 with a candidate below the minimum confidence, 1 with the two entities related otherwise, 6 with no candidate relating them"),
        "{out}"
    );
    // a malformed line names the file and line
    std::fs::write(&sys, "{\"doc\": 1}\n").unwrap();
    kgraph()
        .args(["eval", "facts", "--gold"])
        .arg(&gold)
        .arg("--system")
        .arg(&sys)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("sys.jsonl:1: not a triple"));
}

#[test]
fn articles_are_extracted_and_scored_and_verbose_lists_misses() {
    let d = tempfile::tempdir().unwrap();
    let (gold, arts) = fixture(d.path());
    let out = stdout_of(
        kgraph()
            .args(["eval", "facts", "--verbose", "--gold"])
            .arg(&gold)
            .arg(&arts),
    );
    let last = out.lines().last().unwrap();
    let recall: f64 = last.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(recall > 0.3, "{out}");
    // what extract gives is what is scored
    let triples = stdout_of(kgraph().arg("extract").arg(&arts));
    let n = triples.lines().count();
    assert!(
        out.contains(&format!("system triples {n}")),
        "{out}\n{triples}"
    );
    assert!(out.contains("MISSED") || recall == 1.0, "{out}");
}

#[test]
fn training_cross_validates_by_article_and_writes_the_same_bytes_twice() {
    let d = tempfile::tempdir().unwrap();
    let (gold, arts) = fixture(d.path());
    let mut files = Vec::new();
    for run in ["m1", "m2"] {
        let out = d.path().join(run);
        std::fs::create_dir_all(&out).unwrap();
        let a = kgraph()
            .args(["train", "facts", "--folds", "2", "--gold"])
            .arg(&gold)
            .arg("--data")
            .arg(&arts)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert!(err.contains("2 articles in 2 folds"), "{err}");
        assert!(err.contains("reliability"), "{err}");
        files.push(std::fs::read(out.join("facts.tsv")).unwrap());
    }
    assert_eq!(files[0], files[1]);
    let text = String::from_utf8(files[0].clone()).unwrap();
    assert!(text.lines().any(|l| l.starts_with("threshold\t")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("rule=")), "{text}");
    // the trained model is read from KGRAPH_MODELS and scores every fact
    let m = d.path().join("m1");
    let out = stdout_of(
        kgraph()
            .env("KGRAPH_MODELS", &m)
            .args(["extract", "--min-confidence", "0"])
            .arg(arts.join("a.txt")),
    );
    assert!(!out.is_empty());
    // cross-validation alone prints the held-out curve
    let cv = stdout_of(
        kgraph()
            .args(["eval", "facts", "--cross-validate", "2", "--gold"])
            .arg(&gold)
            .arg(&arts),
    );
    assert!(
        cv.contains("min-confidence\trecall\tprecision\tf1\ttriples"),
        "{cv}"
    );
    // by default 8 runs with the articles shuffled, pooled, and each run's figures
    assert!(cv.contains("8 runs, the articles shuffled"), "{cv}");
    assert!(cv.contains("over 8 runs: mean"), "{cv}");
    // one run is the sorted order only, with no spread
    let one = stdout_of(
        kgraph()
            .args([
                "eval",
                "facts",
                "--cross-validate",
                "2",
                "--repeats",
                "1",
                "--gold",
            ])
            .arg(&gold)
            .arg(&arts),
    );
    assert!(!one.contains("runs"), "{one}");
    assert!(one.contains("default min-confidence"), "{one}");
}

#[test]
fn eval_facts_without_gold_or_input_is_a_usage_error() {
    kgraph().args(["eval", "facts"]).assert().code(2);
    let d = tempfile::tempdir().unwrap();
    let (gold, _) = fixture(d.path());
    kgraph()
        .args(["eval", "facts", "--gold"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("INPUT"));
}

/// The workplace's gold articles and reference scorer, when this checkout sits beside them.
fn shared() -> Option<PathBuf> {
    let s = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let ok = s.join("eval/facts.py").exists()
        && s.join("gold").is_dir()
        && std::process::Command::new("python3")
            .arg("--version")
            .output()
            .is_ok();
    ok.then_some(s)
}

#[test]
fn the_scorer_agrees_with_facts_py_on_the_shared_gold() {
    let Some(s) = shared() else {
        eprintln!("skipped: ../shared (gold and facts.py) is not beside this checkout");
        return;
    };
    let d = tempfile::tempdir().unwrap();
    let sys = d.path().join("sys.jsonl");
    let triples = stdout_of(
        kgraph()
            .args(["extract", "--min-confidence", "0.3"])
            .arg(s.join("data/articles")),
    );
    std::fs::write(&sys, &triples).unwrap();
    let py = std::process::Command::new("python3")
        .arg(s.join("eval/facts.py"))
        .arg(s.join("gold"))
        .arg(&sys)
        .output()
        .unwrap();
    assert!(py.status.success());
    let ours = stdout_of(
        kgraph()
            .args(["eval", "facts", "--gold"])
            .arg(s.join("gold"))
            .arg("--system")
            .arg(&sys),
    );
    assert_eq!(ours, String::from_utf8(py.stdout).unwrap());
}

#[test]
fn conll04_reads_facts_as_its_relation_types() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("dev.json");
    std::fs::write(
        &f,
        r#"[{"tokens": ["Toyota", "of", "Japan", "reported", "a", "loss", "."],
             "entities": [{"type": "Org", "start": 0, "end": 1}, {"type": "Loc", "start": 2, "end": 3}],
             "relations": [{"head": 0, "tail": 1, "type": "OrgBased_In"}]},
            {"tokens": ["Protesters", "marched", "through", "Lyon", ",", "France", ",", "on", "Monday", "."],
             "entities": [{"type": "Loc", "start": 3, "end": 4}, {"type": "Loc", "start": 5, "end": 6}],
             "relations": [{"head": 0, "tail": 1, "type": "Located_In"}]},
            {"tokens": ["Protesters", "marched", "through", "Lyon", ",", "France."],
             "entities": [{"type": "Loc", "start": 3, "end": 4}, {"type": "Loc", "start": 5, "end": 6}],
             "relations": [{"head": 0, "tail": 1, "type": "Located_In"}]},
            {"tokens": ["In", "1830", ",", "poet", "Emily", "Dickinson", "was", "born", "in", "Amherst", ",", "Mass.", ",", "and", "died", "there", "."],
             "entities": [{"type": "Peop", "start": 4, "end": 6}, {"type": "Loc", "start": 9, "end": 12}],
             "relations": [{"head": 0, "tail": 1, "type": "Live_In"}]}]"#,
    )
    .unwrap();
    let out = stdout_of(
        kgraph()
            .args(["eval", "conll04", "--min-confidence", "0", "--data"])
            .arg(&f),
    );
    // the third: CoNLL04's last token keeps the sentence's period ("France."), the name ends
    // before it; the fourth: the gold place "Amherst , Mass." is kgraph's "Amherst" placed in
    // Massachusetts
    assert!(out.starts_with("sentences 4  gold 4  "), "{out}");
    assert!(
        out.contains("  Live_In: gold 1  predicted 1  correct 1"),
        "{out}"
    );
    assert!(
        out.contains("  OrgBased_In: gold 1  predicted 1  correct 1"),
        "{out}"
    );
    // "Amherst –in→ Massachusetts" is a relation the gold has no names for
    assert!(
        out.contains("  Located_In: gold 2  predicted 3  correct 2"),
        "{out}"
    );
    assert!(
        out.contains("  Kill: gold 0  predicted 0  correct 0"),
        "{out}"
    );
    std::fs::write(&f, "[{\"tokens\": 3}]").unwrap();
    kgraph()
        .args(["eval", "conll04", "--data"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not CoNLL04 JSON"));
}
