//! The second round of real-world input and misuse: hard-wrapped text, a slow Graphviz, outputs
//! that would overwrite inputs, stable document ids, kgraph's own output folder, ids that RDF
//! and XML cannot hold, malformed build parts, decomposed accents, emoji, empty JSONL records,
//! thread counts, dates and queries. Each test failed before its fix.
mod common;

use common::{kgraph, sample, stderr_of, stdout_of};
use std::path::Path;

/// The triples `extract` gives for a text, as "subject|predicate|object" lines.
fn triples(text: &str, name: &str) -> Vec<String> {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join(name);
    std::fs::write(&f, text).unwrap();
    let out = stdout_of(kgraph().args(["extract", "--format", "jsonl"]).arg(&f));
    out.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{}|{}|{}", v["subject"], v["predicate"], v["object"]).replace('"', "")
        })
        .collect()
}

/// The labels of the nodes of a graph built from one text.
fn labels(text: &[u8], name: &str) -> Vec<String> {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join(name);
    std::fs::write(&f, text).unwrap();
    let out = d.path().join("out");
    kgraph()
        .arg("build")
        .arg(&f)
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .success();
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap();
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_hard_wrapped_text_is_read_as_paragraphs() {
    let wrapped = "German Chancellor Angela\nMerkel met French President Emmanuel Macron in\nParis on Monday.\n";
    let t = triples(wrapped, "wrapped.txt");
    assert!(
        t.contains(&"Angela Merkel|meet|Emmanuel Macron".to_string()),
        "{t:?}"
    );
    assert!(!labels(wrapped.as_bytes(), "w.md").contains(&"Angela".to_string()));
    // a blank line still ends a paragraph, and one line per paragraph stays as it is
    let paragraphs = "Merkel visits Paris\n\nAngela Merkel met Emmanuel Macron.\nXi Jinping met Vladimir Putin.\n";
    let t = triples(paragraphs, "p.txt");
    assert!(
        t.contains(&"Xi Jinping|meet|Vladimir Putin".to_string()),
        "{t:?}"
    );
}

#[test]
fn graphviz_that_runs_too_long_is_stopped_and_the_other_files_are_written() {
    let d = tempfile::tempdir().unwrap();
    // a fake `dot` that never finishes, first on the PATH
    let bin = d.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let dot = bin.join("dot");
    std::fs::write(
        &dot,
        "#!/bin/sh\nif [ \"$1\" = -V ]; then exit 0; fi\nsleep 30\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = d.path().join("out");
    let start = std::time::Instant::now();
    let a = kgraph()
        .env("PATH", path)
        .env("KGRAPH_DOT_TIMEOUT", "1")
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(&out)
        .assert()
        .failure();
    assert!(start.elapsed().as_secs() < 20, "dot was not stopped");
    let err = stderr_of(&a);
    assert!(err.contains("KGRAPH_DOT_TIMEOUT"), "{err}");
    assert!(err.contains("--max-nodes"), "{err}");
    assert!(out.join("graph.json").exists() && out.join("graph.dot").exists());
    assert!(!out.join("graph.svg").exists());
}

#[test]
fn export_never_overwrites_its_input() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("output");
    kgraph()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .success();
    let graph = out.join("graph.json");
    let before = std::fs::read(&graph).unwrap();
    let a = kgraph()
        .current_dir(d.path())
        .args(["export", "output/graph.json", "--max-nodes", "3"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&a).contains("is also an input"),
        "{}",
        stderr_of(&a)
    );
    assert_eq!(std::fs::read(&graph).unwrap(), before);
    // merge into one of its inputs neither
    kgraph()
        .arg("merge")
        .arg(&graph)
        .arg(&graph)
        .arg("-o")
        .arg(&graph)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&graph).unwrap(), before);
}

#[test]
fn a_document_id_does_not_depend_on_the_other_inputs() {
    let d = tempfile::tempdir().unwrap();
    for sub in ["x", "y"] {
        std::fs::create_dir(d.path().join(sub)).unwrap();
    }
    std::fs::copy(sample(), d.path().join("x/a.txt")).unwrap();
    std::fs::write(d.path().join("y/a.txt"), "Xi Jinping met Vladimir Putin.\n").unwrap();
    let docs = |args: &[&str]| -> Vec<String> {
        let out = d.path().join("o");
        let _ = std::fs::remove_dir_all(&out);
        kgraph()
            .current_dir(d.path())
            .args(["build", "-o", "o", "--format", "json"])
            .args(args)
            .output()
            .expect("kgraph runs");
        let g: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("graph.json")).unwrap()).unwrap();
        let mut v: Vec<String> = g["graph"]["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(docs(&["x/a.txt"]), ["a.txt"]);
    // the same file, given with another: the same id; the second a.txt is reported and skipped
    let a = kgraph()
        .current_dir(d.path())
        .args([
            "build", "-o", "o2", "--format", "json", "x/a.txt", "y/a.txt",
        ])
        .assert()
        .code(1);
    assert!(
        stderr_of(&a).contains("already the id of"),
        "{}",
        stderr_of(&a)
    );
    assert_eq!(docs(&["x/a.txt", "y/a.txt"]), ["a.txt"]);
    // their folder given: ids are their paths in it
    assert_eq!(docs(&["."]), ["x/a.txt", "y/a.txt"]);
}

#[test]
fn a_rebuild_does_not_read_its_own_output() {
    let d = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), d.path().join("a.txt")).unwrap();
    for _ in 0..2 {
        kgraph()
            .current_dir(d.path())
            .args(["build", ".", "--format", "json,jsonl"])
            .assert()
            .code(0);
    }
}

/// Builds the sample into a folder and returns its graph.json text.
fn sample_graph(dir: &Path) -> String {
    kgraph()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(dir)
        .args(["--format", "json"])
        .assert()
        .success();
    std::fs::read_to_string(dir.join("graph.json")).unwrap()
}

#[test]
fn ids_rdf_and_xml_cannot_hold_are_encoded_in_every_format() {
    let d = tempfile::tempdir().unwrap();
    let text = sample_graph(&d.path().join("g"));
    // a node id with a space and braces, a label with characters XML 1.0 forbids
    let g: serde_json::Value = serde_json::from_str(&text).unwrap();
    let id = g["nodes"][0]["id"].as_str().unwrap().to_string();
    let label = g["nodes"][0]["label"].as_str().unwrap().to_string();
    let edited = text
        .replace(&format!("\"{id}\""), "\"ab{c} d\"")
        .replace(&format!("\"{label}\""), "\"bad\\u000b\\u001b\\u0000name\"");
    let f = d.path().join("edited.json");
    std::fs::write(&f, edited).unwrap();
    for format in [
        "nt", "ttl", "graphml", "gexf", "json", "jsonl", "csv", "dot", "cypher", "mermaid",
    ] {
        let out = d.path().join(format);
        kgraph()
            .arg("export")
            .arg(&f)
            .arg("-o")
            .arg(&out)
            .args(["--format", format])
            .assert()
            .success();
    }
    for (format, ext) in [("graphml", "graphml"), ("gexf", "gexf")] {
        let xml =
            std::fs::read_to_string(d.path().join(format).join(format!("graph.{ext}"))).unwrap();
        assert!(!xml.contains('\u{b}') && !xml.contains('\u{0}'), "{format}");
        let mut r = quick_xml::Reader::from_str(&xml);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{format} is not well-formed: {e}"),
            }
        }
    }
    let nt = std::fs::read(d.path().join("nt/graph.nt")).unwrap();
    for t in oxttl::NTriplesParser::new().for_slice(&nt) {
        t.expect("valid N-Triples");
    }
    let nt = String::from_utf8(nt).unwrap();
    assert!(nt.contains("ab%7Bc%7D%20d"), "the id is percent-encoded");
}

#[test]
fn malformed_build_parts_are_refused_on_reading_with_their_place() {
    let d = tempfile::tempdir().unwrap();
    let text = sample_graph(&d.path().join("g"));
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit); 3] = [
        ("out of range", |g| {
            g["parts"][0]["edges"][0]["subject"] = 999.into()
        }),
        ("twice", |g| {
            let p = g["parts"][0].clone();
            g["parts"].as_array_mut().unwrap().push(p);
        }),
        ("not kgraph's build parts", |g| {
            g["parts"][0]["nodes"] = "x".into()
        }),
    ];
    for (why, edit) in cases {
        let mut g: serde_json::Value = serde_json::from_str(&text).unwrap();
        edit(&mut g);
        let f = d.path().join("bad.json");
        std::fs::write(&f, g.to_string()).unwrap();
        let out = d.path().join("out");
        let a = kgraph()
            .arg("export")
            .arg(&f)
            .arg("-o")
            .arg(&out)
            .args(["--format", "json"])
            .assert()
            .code(2);
        let err = stderr_of(&a);
        assert!(
            err.contains(why) && err.contains("bad.json"),
            "{why}: {err}"
        );
        assert!(!err.contains(":0:") && !err.contains("DocParts"), "{err}");
        assert!(!out.join("graph.json").exists());
    }
}

#[test]
fn decomposed_accents_are_the_composed_letters() {
    let nfd = "Franc\u{327}ois Hollande visited Zu\u{308}rich and Gdan\u{301}sk on Monday.";
    let nfc = "François Hollande visited Zürich and Gdańsk on Monday.";
    assert_eq!(
        labels(nfd.as_bytes(), "a.txt"),
        labels(nfc.as_bytes(), "a.txt")
    );
    assert!(labels(nfd.as_bytes(), "a.txt").contains(&"François Hollande".to_string()));
}

#[test]
fn emoji_and_the_ideographic_full_stop_leave_the_facts_whole() {
    let text = "Emmanuel Macron visited Kyiv \u{1F64F}\u{1F3FD}. Xi Jinping met Vladimir Putin\u{3002}Joe Biden visited Kyiv \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} today.";
    let t = triples(text, "e.txt");
    for want in [
        "Emmanuel Macron|visit|Kyiv",
        "Xi Jinping|meet|Vladimir Putin",
        "Joe Biden|visit|Kyiv",
    ] {
        assert!(t.contains(&want.to_string()), "{want}: {t:?}");
    }
    assert!(!labels(text.as_bytes(), "e.txt")
        .iter()
        .any(|l| l.contains('\u{1F3FD}')));
}

#[test]
fn a_jsonl_record_without_text_is_reported() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("a.jsonl");
    std::fs::write(
        &f,
        "{\"id\": \"1\", \"text\": \"Xi Jinping met Vladimir Putin.\"}\n{\"id\": \"2\", \"text\": \"  \"}\n",
    )
    .unwrap();
    let a = kgraph()
        .arg("build")
        .arg(&f)
        .arg("-o")
        .arg(d.path().join("o"))
        .args(["--format", "json"])
        .assert()
        .code(1);
    assert!(stderr_of(&a).contains("line 2"), "{}", stderr_of(&a));
}

#[test]
fn too_many_threads_are_capped() {
    let a = kgraph()
        .arg("build")
        .arg(sample())
        .args(["-j", "100000", "--format", "json", "-o", "-"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    assert!(stderr_of(&a).contains("four threads per core"));
}

#[test]
fn query_takes_dates_and_shows_the_entitys_own_facts() {
    let d = tempfile::tempdir().unwrap();
    sample_graph(&d.path().join("g"));
    let g = d.path().join("g/graph.json");
    let a = kgraph()
        .arg("query")
        .arg(&g)
        .args(["--entity", "Jens Stoltenberg", "--since", "yesterday"])
        .assert()
        .code(2);
    assert!(stderr_of(&a).contains("not a date"));
    let out = stdout_of(kgraph().arg("query").arg(&g).args(["--entity", "China"]));
    for line in out.lines().skip(1) {
        assert!(line.contains("China"), "not China's own fact: {line}");
    }
    let a = kgraph()
        .arg("query")
        .arg(&g)
        .args(["--entity", "China", "--relation", "no-such-relation"])
        .assert()
        .success();
    assert!(stderr_of(&a).contains("no facts"));
}

#[test]
fn messages_name_the_cause_in_the_users_terms() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("somefile");
    std::fs::write(&file, "x").unwrap();
    let a = kgraph()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(&file)
        .assert()
        .code(2);
    let err = stderr_of(&a);
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    sample_graph(&d.path().join("g"));
    let g = d.path().join("g/graph.json");
    let a = kgraph()
        .arg("merge")
        .arg(&g)
        .arg(&g)
        .arg("-o")
        .arg(d.path())
        .assert()
        .code(2);
    assert!(stderr_of(&a).contains("is a folder"), "{}", stderr_of(&a));
}
