//! Black-box tests of the kgraph binary: build, extract, bad inputs, golden JSON and DOT files of
//! the sample article, and loading the outputs with Graphviz and networkx.
mod common;

use common::{kgraph, sample, stderr_of, stdout_of};
use std::path::Path;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Compares `actual` with the golden file, or rewrites it when BLESS=1.
fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with BLESS=1", path.display()));
    if expected != actual {
        let a = String::from_utf8_lossy(actual);
        let e = String::from_utf8_lossy(&expected);
        let line = a
            .lines()
            .zip(e.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "{name} differs from the golden file at line {}:\n  expected: {}\n  actual:   {}\n(run BLESS=1 cargo test to accept)",
            line + 1,
            e.lines().nth(line).unwrap_or(""),
            a.lines().nth(line).unwrap_or("")
        );
    }
}

fn build_sample(dir: &Path) {
    kgraph()
        .args(["build", "--format", "json,dot,jsonl,tsv", "-o"])
        .arg(dir)
        .arg(sample())
        .assert()
        .success();
}

#[test]
fn build_writes_json_and_dot_matching_golden_files() {
    let d = tmp();
    build_sample(d.path());
    let json = std::fs::read(d.path().join("graph.json")).unwrap();
    let dot = std::fs::read(d.path().join("graph.dot")).unwrap();
    golden("nato-china-russia.json", &json);
    golden("nato-china-russia.dot", &dot);
    assert!(d.path().join("graph.jsonl").exists());
    assert!(d.path().join("graph.tsv").exists());
}

#[test]
fn build_is_deterministic() {
    let (a, b) = (tmp(), tmp());
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for d in [&a, &b] {
        kgraph()
            .args(["build", "--format", "json,dot", "-o"])
            .arg(d.path())
            .arg(&data)
            .assert()
            .success();
    }
    for f in ["graph.json", "graph.dot"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn beam_parsing_is_deterministic_and_keeps_the_sample_facts() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nato-china-russia.txt");
    let run = || {
        stdout_of(
            kgraph()
                .args(["extract", "--beam", "8", "--format", "tsv"])
                .arg(&sample),
        )
    };
    let a = run();
    assert_eq!(a, run());
    // the headline facts survive the other parser
    assert!(a.contains("\tChina\tGPE\tsupply arm to\tRussia\t"), "{a}");
    assert!(a.contains("\twarn\tChina\t"), "{a}");
}

#[test]
fn graph_json_has_the_key_facts_of_the_sample() {
    let d = tmp();
    build_sample(d.path());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("graph.json")).unwrap()).unwrap();
    let label = |id: &str| {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["label"].as_str().unwrap().to_string())
            .unwrap()
    };
    let facts: Vec<(String, String, String, bool)> = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                label(e["source"].as_str().unwrap()),
                e["predicate"].as_str().unwrap().to_string(),
                label(e["target"].as_str().unwrap()),
                e["negated"].as_bool().unwrap(),
            )
        })
        .collect();
    let has = |s: &str, p: &str, o: &str, neg: bool| {
        facts
            .iter()
            .any(|f| f.0 == s && f.1 == p && f.2 == o && f.3 == neg)
    };
    assert!(has("Jens Stoltenberg", "warn", "China", false), "{facts:?}");
    assert!(has(
        "Jens Stoltenberg",
        "secretary general of",
        "North Atlantic Treaty Organization",
        false
    ));
    assert!(has(
        "Antony Blinken",
        "secretary of state of",
        "United States",
        false
    ));
    assert!(has("Russia", "invade", "Ukraine", false));
    assert!(has("Pedro Sanchez", "prime minister of", "Spain", false));
    // "We have not seen any lethal aid supplies from China to Russia": negated, never positive
    assert!(has("China", "supply", "Russia", true));
    assert!(!has("China", "supply", "Russia", false));
    // one node for Stoltenberg, with the short form as alias and a reason
    let js = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["label"] == "Jens Stoltenberg")
        .unwrap();
    assert!(js["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "Stoltenberg"));
    assert!(!js["merge_reasons"].as_array().unwrap().is_empty());
    // Beijing as the one warned is China, with the reason on the evidence
    let warn = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["predicate"] == "warn" && label(e["source"].as_str().unwrap()) == "Jens Stoltenberg"
        })
        .unwrap();
    assert!(warn["evidence"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("Beijing"));
    // hedged: "China is considering supplying arms to Russia"
    assert!(v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["predicate"] == "supply arm to" && e["hedged"] == true));
    // no date or byline entities
    for n in v["nodes"].as_array().unwrap() {
        let l = n["label"].as_str().unwrap();
        assert!(
            !["Thursday", "admin", "February", "By admin"].contains(&l),
            "{l}"
        );
    }
}

#[test]
fn extract_prints_jsonl_triples_with_evidence() {
    let text = stdout_of(kgraph().arg("extract").arg(sample()));
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.len() >= 10);
    for r in &rows {
        for k in [
            "doc",
            "subject",
            "subject_type",
            "predicate",
            "object",
            "object_type",
            "negated",
            "hedged",
            "sentence",
            "evidence",
            "span",
            "confidence",
        ] {
            assert!(r.get(k).is_some(), "missing {k} in {r}");
        }
        assert_eq!(r["doc"], "nato-china-russia.txt");
    }
    // the span points at the evidence sentence in the cleaned text
    let tell = rows.iter().find(|r| r["predicate"] == "tell").unwrap();
    assert_eq!(tell["object"], "Reuters");
    assert!(tell["evidence"]
        .as_str()
        .unwrap()
        .contains("Stoltenberg told Reuters"));
    let span = tell["span"].as_array().unwrap();
    assert!(span[1].as_u64().unwrap() > span[0].as_u64().unwrap());
}

#[test]
fn min_confidence_keeps_only_surer_facts_and_rejects_values_outside_0_to_1() {
    let rows = |c: &str| -> Vec<serde_json::Value> {
        stdout_of(
            kgraph()
                .args(["extract", "--min-confidence", c])
                .arg(sample()),
        )
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
    };
    let all = rows("0");
    let sure = rows("0.8");
    assert!(
        !sure.is_empty() && sure.len() < all.len(),
        "{} {}",
        sure.len(),
        all.len()
    );
    assert!(sure
        .iter()
        .all(|r| r["confidence"].as_f64().unwrap() >= 0.8 - 1e-6));
    kgraph()
        .args(["extract", "--min-confidence", "1.5"])
        .arg(sample())
        .assert()
        .code(2);
}

#[test]
fn extract_open_writes_clauses_with_noun_phrase_arguments_and_carb_rows() {
    let dir = tmp();
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "The French farmers have not accepted the new trade agreement.\n",
    )
    .unwrap();
    let text = stdout_of(kgraph().args(["extract", "--open"]).arg(&f));
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let r = rows
        .iter()
        .find(|r| r["subject"] == "The French farmers")
        .expect("the clause's triple");
    assert_eq!(r["predicate"], "have not accepted");
    assert_eq!(r["object"], "the new trade agreement");
    assert_eq!(r["negated"], true);
    let carb = stdout_of(kgraph().args(["extract", "--format", "carb"]).arg(&f));
    assert!(carb.lines().any(|l| l
        == "The French farmers have not accepted the new trade agreement.\t0.90\thave not accepted\tThe French farmers\tthe new trade agreement"), "{carb}");
}

#[test]
fn extract_tsv_has_a_header_and_rows() {
    let text = stdout_of(kgraph().args(["extract", "--format", "tsv"]).arg(sample()));
    assert!(text.starts_with("doc\tsubject\t"));
    assert!(text.lines().count() > 10);
    assert!(text.lines().all(|l| l.split('\t').count() == 11));
}

#[test]
fn stdin_html_jsonl_and_markdown_inputs() {
    let d = tmp();
    let html = d.path().join("a.html");
    std::fs::write(&html, "<html><head><title>x</title><script>Blinken warned Iran.</script></head><body><nav>Menu</nav><p>U.S. Secretary of State Antony Blinken warned China on Friday.</p></body></html>").unwrap();
    let s = stdout_of(kgraph().arg("extract").arg(&html));
    assert!(s.contains("\"object\":\"China\""), "{s}");
    assert!(!s.contains("Iran"), "script text must be ignored: {s}");

    let jsonl = "{\"id\":\"one\",\"text\":\"Russia's invasion of Ukraine began.\"}\n{\"id\":\"two\",\"text\":\"NATO Secretary General Jens Stoltenberg spoke.\",\"title\":\"T\"}\n";
    let s = stdout_of(kgraph().args(["extract", "-"]).write_stdin(jsonl));
    assert!(s.contains("\"doc\":\"one\""), "{s}");
    assert!(s.contains("\"doc\":\"two\""), "{s}");

    let md = d.path().join("b.md");
    std::fs::write(
        &md,
        "# News\n\n**Spanish Prime Minister Pedro Sanchez** visited [Kyiv](http://x).\n",
    )
    .unwrap();
    assert!(stdout_of(kgraph().arg("extract").arg(&md)).contains("prime minister of"));
}

#[test]
fn build_to_stdout() {
    let v: serde_json::Value = serde_json::from_str(&stdout_of(
        kgraph()
            .args(["build", "-o", "-", "--format", "json"])
            .arg(sample()),
    ))
    .unwrap();
    assert_eq!(v["directed"], true);
}

#[test]
fn bad_inputs_are_reported_and_skipped_while_good_ones_are_processed() {
    let d = tmp();
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(sample(), dir.join("good.txt")).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 1, 2, 3, 255, 0, 7]).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 society met in Paris.").unwrap();
    std::fs::write(dir.join("huge.txt"), "word ".repeat(10 * 1024 * 1024)).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling.txt")).unwrap();
    let out = d.path().join("out");
    let a = kgraph()
        .arg("build")
        .arg("-o")
        .arg(&out)
        .arg(&dir)
        .arg(d.path().join("missing.txt"))
        .assert()
        .code(1);
    let err = stderr_of(&a);
    for (file, cause) in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("latin1.txt", "invalid UTF-8 at byte 3"),
        ("huge.txt", "file too large"),
        ("missing.txt", "No such file"),
        ("dangling.txt", "No such file"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no error for {file} in:\n{err}"));
        assert!(line.contains(cause), "{line}");
    }
    // one line per problem, and the good article still made a graph
    assert!(!err.contains("panicked"));
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap();
    assert!(v["nodes"].as_array().unwrap().len() > 5);
}

#[test]
fn a_run_with_nothing_readable_fails_and_leaves_old_outputs_alone() {
    let d = tmp();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("graph.json"), "previous").unwrap();
    std::fs::write(d.path().join("empty.txt"), "  \n").unwrap();
    let a = kgraph()
        .arg("build")
        .arg("-o")
        .arg(&out)
        .arg(d.path().join("empty.txt"))
        .assert()
        .code(2);
    assert!(stderr_of(&a).contains("empty.txt: empty file"));
    assert_eq!(
        std::fs::read_to_string(out.join("graph.json")).unwrap(),
        "previous"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "no temp files left behind"
    );
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let d = tmp();
    let blocker = d.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let a = kgraph()
        .arg("build")
        .arg("-o")
        .arg(blocker.join("sub"))
        .arg(sample())
        .assert()
        .code(2);
    let err = stderr_of(&a);
    assert!(
        err.contains("cannot write") && err.contains("graph"),
        "{err}"
    );
}

#[test]
fn a_folder_with_no_articles_is_an_error() {
    let d = tmp();
    let a = kgraph().arg("extract").arg(d.path()).assert().code(2);
    assert!(stderr_of(&a).contains("folder holds no"));
}

#[test]
fn help_teaches_and_usage_errors_exit_2() {
    let a = kgraph().arg("--help").assert().success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("build") && out.contains("extract") && out.contains("Examples"));
    kgraph().arg("frobnicate").assert().code(2);
    kgraph()
        .args(["build", "--format", "png", "x"])
        .assert()
        .code(2);
}

#[test]
fn dot_renders_with_graphviz_without_warnings() {
    common::require_tool("dot", "-V", "apt install graphviz");
    let d = tmp();
    kgraph()
        .args(["build", "--format", "dot", "-o"])
        .arg(d.path())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .assert()
        .success();
    let o = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(d.path().join("graph.dot"))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        o.stderr.is_empty(),
        "Graphviz warned: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("<svg"));
}

#[test]
fn networkx_loads_graph_json_without_conversion_code() {
    common::require_python("networkx", "python3 -m pip install networkx");
    let d = tmp();
    build_sample(d.path());
    let script = "import json,sys,networkx as nx\n\
        g = nx.node_link_graph(json.load(open(sys.argv[1])))\n\
        assert g.is_directed() and g.is_multigraph()\n\
        assert g.nodes['jens-stoltenberg']['label'] == 'Jens Stoltenberg'\n\
        assert any(d['predicate'] == 'warn' for _, _, d in g.out_edges('jens-stoltenberg', data=True))\n\
        print(g.number_of_nodes(), g.number_of_edges())\n";
    let o = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(d.path().join("graph.json"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `kgraph extract data/ | head -0`: the reader goes away before kgraph writes
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for args in [vec!["extract"], vec!["bench", "--repeat", "1"]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kgraph"))
            .args(&args)
            .arg(&data)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn hostile_flags_are_refused_and_stdin_is_read_once() {
    // a beam width outside 1..=64
    for beam in ["0", "1000"] {
        let o = kgraph()
            .args(["extract", "--beam", beam])
            .arg(sample())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "--beam {beam}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("beam width"));
    }
    // a base name that would leave -o
    let d = tmp();
    for name in ["../escape", "a/b", ".hidden", ""] {
        let o = kgraph()
            .args(["build", "--name", name, "-o"])
            .arg(d.path().join("out"))
            .arg(sample())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "--name {name:?}");
    }
    assert!(!d.path().join("escape.json").exists() && !d.path().join("out").exists());
    // "-" twice: stdin is read once, the second is reported, the output is the one of "-" once
    let text = std::fs::read(sample()).unwrap();
    let once = kgraph()
        .args(["extract", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    for _ in 0..3 {
        let twice = kgraph()
            .args(["extract", "-", "-"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        assert_eq!(twice.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&twice.stderr).contains("more than once"));
        assert_eq!(twice.stdout, once.stdout);
    }
}

#[test]
fn files_of_the_same_name_in_different_folders_are_two_documents() {
    let d = tmp();
    for (dir, text) in [
        ("a", "Jens Stoltenberg warned China on Monday."),
        ("b", "Antony Blinken met Wang Yi in Munich."),
    ] {
        std::fs::create_dir_all(d.path().join(dir)).unwrap();
        std::fs::write(d.path().join(dir).join("news.txt"), text).unwrap();
    }
    // their common folder given, each is named by its path in it
    let out = d.path().join("out");
    kgraph()
        .args(["build", "--format", "json", "-o"])
        .arg(&out)
        .arg(d.path())
        .assert()
        .success();
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap();
    let docs = g["graph"]["documents"].as_array().unwrap();
    assert_eq!(docs, &["a/news.txt", "b/news.txt"], "{docs:?}");
    // given apart, both would be "news.txt": the second is reported and skipped
    kgraph()
        .args(["build", "--format", "json", "-o"])
        .arg(d.path().join("out2"))
        .arg(d.path().join("a"))
        .arg(d.path().join("b"))
        .assert()
        .code(1);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_walked_once() {
    let d = tmp();
    let l = d.path().join("L");
    std::fs::create_dir_all(&l).unwrap();
    std::fs::copy(sample(), l.join("nato.txt")).unwrap();
    std::os::unix::fs::symlink(".", l.join("a")).unwrap();
    std::os::unix::fs::symlink(".", l.join("b")).unwrap();
    std::os::unix::fs::symlink(l.join("nato.txt"), l.join("again.txt")).unwrap();
    let out = d.path().join("out");
    kgraph()
        .args(["build", "--format", "json", "-o"])
        .arg(&out)
        .arg(&l)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap();
    let docs = g["graph"]["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "one file, read once: {docs:?}");
}

#[test]
fn the_drawing_shows_the_connected_graph_with_a_title_and_a_legend() {
    let d = tmp();
    let dot_of = |extra: &[&str]| {
        let out = d.path().join(format!("o{}", extra.len()));
        kgraph()
            .args(["build", "--format", "dot,json", "-o"])
            .arg(&out)
            .args(extra)
            .arg(sample())
            .assert()
            .success();
        std::fs::read_to_string(out.join("graph.dot")).unwrap()
    };
    let dot = dot_of(&[]);
    assert!(dot.starts_with("digraph kgraph {"), "{dot}");
    assert!(dot.contains("label=\"kgraph: "), "a title");
    assert!(dot.contains("label=legend"), "a legend");
    let all = dot_of(&["--isolated"]);
    // the sample has entities without a fact: drawn only when asked
    let nodes = |s: &str| {
        s.lines()
            .filter(|l| l.trim_start().starts_with('n') && l.contains("[label="))
            .count()
    };
    assert!(nodes(&all) > nodes(&dot), "{} {}", nodes(&all), nodes(&dot));
}

#[test]
fn kgraph_data_reads_changed_word_lists_and_patterns_without_a_rebuild() {
    // a country the embedded lists do not know, added to a copy of countries.tsv
    let d = tempfile::tempdir().unwrap();
    let lexicon = d.path().join("lexicon");
    std::fs::create_dir_all(&lexicon).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut countries = std::fs::read_to_string(root.join("data/lexicon/countries.tsv")).unwrap();
    countries.push_str("Freedonia\tFreedonian Republic\tFreedonian\tFredville\n");
    std::fs::write(lexicon.join("countries.tsv"), countries).unwrap();
    let article = d.path().join("a.txt");
    std::fs::write(
        &article,
        "The Freedonian army entered Fredville on Monday. Rufus Firefly met officials in Fredville.",
    )
    .unwrap();
    let fact = "Freedonia\tGPE\tenter\tFredville";
    let plain = stdout_of(
        kgraph()
            .arg("extract")
            .arg(&article)
            .args(["--format", "tsv"]),
    );
    assert!(!plain.contains(fact), "{plain}");
    let changed = stdout_of(
        kgraph()
            .env("KGRAPH_DATA", d.path())
            .arg("extract")
            .arg(&article)
            .args(["--format", "tsv"]),
    );
    assert!(changed.contains(fact), "{changed}");
    // a pattern file that does not compile is refused, naming the file and the line
    std::fs::create_dir_all(d.path().join("patterns")).unwrap();
    std::fs::write(d.path().join("patterns/relations.kgp"), "not a pattern\n").unwrap();
    let a = kgraph()
        .env("KGRAPH_DATA", d.path())
        .arg("extract")
        .arg(&article)
        .assert()
        .code(2);
    let err = stderr_of(&a);
    assert!(
        err.contains("relations.kgp") && err.contains("line 1"),
        "{err}"
    );
}
