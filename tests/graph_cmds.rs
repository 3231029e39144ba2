//! `kgraph export`, `query` and `stats` on a graph built from the sample article.
mod common;

use common::{kgraph, stdout_of};
use std::path::Path;

fn built() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    kgraph()
        .args(["build", "--format", "json", "-o"])
        .arg(d.path())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nato-china-russia.txt"))
        .assert()
        .success();
    d
}

#[test]
fn export_writes_the_same_graph_in_other_formats() {
    let d = built();
    let json = d.path().join("graph.json");
    let out = d.path().join("again");
    kgraph()
        .arg("export")
        .arg(&json)
        .args(["--format", "json,graphml,mermaid", "-o"])
        .arg(&out)
        .assert()
        .success();
    // read back and written again: the same bytes
    assert_eq!(
        std::fs::read(&json).unwrap(),
        std::fs::read(out.join("graph.json")).unwrap()
    );
    assert!(std::fs::read_to_string(out.join("graph.graphml"))
        .unwrap()
        .contains("Jens Stoltenberg"));
    // a file that is not a graph: exit 2, the file named
    let bad = d.path().join("bad.json");
    std::fs::write(&bad, "[1, 2]").unwrap();
    let o = kgraph().arg("export").arg(&bad).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json"));
}

#[test]
fn query_prints_the_neighbourhood_and_paths() {
    let d = built();
    let json = d.path().join("graph.json");
    let table = stdout_of(
        kgraph()
            .arg("query")
            .arg(&json)
            .args(["--entity", "stoltenberg"]),
    );
    assert!(
        table.starts_with("subject\tpredicate\tobject\tcount\tnegated\n"),
        "{table}"
    );
    assert!(
        table.contains("Jens Stoltenberg\twarn\tChina\t1\tfalse"),
        "{table}"
    );
    let only = stdout_of(kgraph().arg("query").arg(&json).args([
        "--entity",
        "Jens Stoltenberg",
        "--relation",
        "warn",
    ]));
    assert_eq!(only.lines().count(), 2, "{only}");
    let path = stdout_of(
        kgraph()
            .arg("query")
            .arg(&json)
            .args(["--path", "Stoltenberg", "China"]),
    );
    assert!(path.starts_with("Jens Stoltenberg -- China\n"), "{path}");
    let dot = stdout_of(
        kgraph()
            .arg("query")
            .arg(&json)
            .args(["--entity", "China", "--format", "dot", "-o", "-"]),
    );
    assert!(
        dot.starts_with("digraph kgraph {") && dot.contains("China"),
        "{dot}"
    );
    let o = kgraph()
        .arg("query")
        .arg(&json)
        .args(["--entity", "Nobody At All"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no entity named"));
}

#[test]
fn stats_counts_ranks_and_groups() {
    let d = built();
    let json = d.path().join("graph.json");
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let s: serde_json::Value = serde_json::from_str(&stdout_of(
        kgraph().arg("stats").arg(&json).args(["--format", "json"]),
    ))
    .unwrap();
    assert_eq!(s["entities"], g["nodes"].as_array().unwrap().len());
    assert_eq!(s["relations"], g["edges"].as_array().unwrap().len());
    let central = s["central"].as_array().unwrap();
    assert_eq!(central.len(), 10);
    assert_eq!(central[0]["label"], "China", "{central:?}");
    let sum: usize = s["types"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap() as usize)
        .sum();
    assert_eq!(s["entities"], sum);
    let text = stdout_of(kgraph().arg("stats").arg(&json));
    assert!(text.contains("communities (Louvain)") && text.contains("most frequent predicates"));
}

#[test]
fn max_nodes_keeps_the_most_central_entities() {
    let d = built();
    let json = d.path().join("graph.json");
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let mut ranks: Vec<(f64, String)> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["pagerank"].as_f64().unwrap(),
                n["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    ranks.sort_by(|a, b| b.0.total_cmp(&a.0));
    let small: serde_json::Value =
        serde_json::from_str(&stdout_of(kgraph().arg("export").arg(&json).args([
            "--max-nodes",
            "5",
            "--format",
            "json",
            "-o",
            "-",
        ])))
        .unwrap();
    let mut kept: Vec<String> = small["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect();
    kept.sort();
    let mut top: Vec<String> = ranks.into_iter().take(5).map(|(_, id)| id).collect();
    top.sort();
    assert_eq!(kept, top);
    for e in small["edges"].as_array().unwrap() {
        assert!(kept.contains(&e["source"].as_str().unwrap().to_string()));
    }
}

#[test]
fn graphs_built_apart_merge_into_the_graph_of_one_build() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let wikinews = common::wikinews_files();
    let (a, b) = (&wikinews[..3], &wikinews[3..6]);
    let d = tempfile::tempdir().unwrap();
    let build = |out: &str, files: &[std::path::PathBuf]| {
        kgraph()
            .args(["build", "--format", "json", "-o"])
            .arg(d.path().join(out))
            .args(files)
            .arg(data.join("nato-china-russia.txt"))
            .assert()
            .success();
    };
    // shard 1 holds the sample article too, shard 2 only Wikinews
    build("one", a);
    kgraph()
        .args(["build", "--format", "json", "-o"])
        .arg(d.path().join("two"))
        .args(b)
        .assert()
        .success();
    let mut all: Vec<std::path::PathBuf> = wikinews[..6].to_vec();
    all.push(data.join("nato-china-russia.txt"));
    kgraph()
        .args(["build", "--format", "json", "-o"])
        .arg(d.path().join("all"))
        .args(&all)
        .assert()
        .success();
    let merged = stdout_of(
        kgraph()
            .arg("merge")
            .arg(d.path().join("two/graph.json"))
            .arg(d.path().join("one/graph.json"))
            .args(["-o", "-"]),
    );
    let whole = std::fs::read_to_string(d.path().join("all/graph.json")).unwrap();
    assert!(
        merged == whole,
        "the merge differs from one build of all documents"
    );
    // a document in two graphs is refused
    let o = kgraph()
        .arg("merge")
        .arg(d.path().join("one/graph.json"))
        .arg(d.path().join("one/graph.json"))
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("in graphs 1 and 2"));
}

#[test]
fn update_adds_articles_without_reading_the_old_ones_and_replaces_an_id_seen_before() {
    let d = tempfile::tempdir().unwrap();
    let files = common::wikinews_files();
    let (a, b, all) = (d.path().join("a"), d.path().join("b"), d.path().join("all"));
    for dir in [&a, &b, &all] {
        std::fs::create_dir(dir).unwrap();
    }
    for (i, f) in files.iter().take(12).enumerate() {
        let name = f.file_name().unwrap();
        std::fs::copy(f, if i < 8 { a.join(name) } else { b.join(name) }).unwrap();
        std::fs::copy(f, all.join(name)).unwrap();
    }
    let build = |input: &Path, out: &Path, update: Option<&Path>| {
        let mut c = kgraph();
        c.arg("build")
            .arg(input)
            .args(["--format", "json", "-o"])
            .arg(out);
        if let Some(u) = update {
            c.arg("--update").arg(u);
        }
        c.assert().success();
        std::fs::read(out.join("graph.json")).unwrap()
    };
    let old = d.path().join("old");
    build(&a, &old, None);
    // the old articles are not read again: remove them before the update
    std::fs::remove_dir_all(&a).unwrap();
    let updated = build(&b, &d.path().join("new"), Some(&old.join("graph.json")));
    let one = build(&all, &d.path().join("one"), None);
    assert!(
        updated == one,
        "update differs from one build of all articles"
    );
    // an article given again with other text replaces the old one: counted once
    let first = files[0].file_name().unwrap();
    let changed = d.path().join("changed");
    std::fs::create_dir(&changed).unwrap();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    std::fs::write(
        changed.join(first),
        format!("{text}\nAnna Berg met Carla Diaz in Oslo.\n"),
    )
    .unwrap();
    let replaced = build(
        &changed,
        &d.path().join("r"),
        Some(&d.path().join("one/graph.json")),
    );
    std::fs::write(
        all.join(first),
        format!("{text}\nAnna Berg met Carla Diaz in Oslo.\n"),
    )
    .unwrap();
    let rebuilt = build(&all, &d.path().join("one2"), None);
    assert!(
        replaced == rebuilt,
        "replacing an article differs from a fresh build"
    );
    let g: serde_json::Value = serde_json::from_slice(&replaced).unwrap();
    assert_eq!(g["graph"]["documents"].as_array().unwrap().len(), 12);
    // a graph without parts cannot be updated: exit 2, said plainly
    let sub = d.path().join("sub.json");
    std::fs::write(
        &sub,
        r#"{"graph":{"documents":["x"]},"nodes":[],"edges":[]}"#,
    )
    .unwrap();
    kgraph()
        .arg("build")
        .arg(&changed)
        .args(["--format", "json", "-o"])
        .arg(d.path().join("s"))
        .arg("--update")
        .arg(&sub)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no build parts"));
}

#[test]
fn nodes_and_edges_carry_the_first_and_last_dates_of_their_articles() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("news.jsonl");
    std::fs::write(
        &p,
        concat!(
            "{\"id\":\"a\",\"date\":\"2024-03-01\",\"text\":\"Jens Stoltenberg warned China on Monday.\"}\n",
            "{\"id\":\"b\",\"date\":\"2024-05-09\",\"text\":\"Jens Stoltenberg warned China again.\"}\n",
            "{\"id\":\"c\",\"text\":\"Antony Blinken visited Paris.\"}\n",
        ),
    )
    .unwrap();
    let out = stdout_of(
        kgraph()
            .arg("build")
            .arg(&p)
            .args(["--format", "json", "-o", "-"]),
    );
    let g: serde_json::Value = serde_json::from_str(&out).unwrap();
    let node = |label: &str| {
        g["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["label"] == label)
            .cloned()
            .unwrap()
    };
    let js = node("Jens Stoltenberg");
    assert_eq!(
        (js["first_seen"].as_str(), js["last_seen"].as_str()),
        (Some("2024-03-01"), Some("2024-05-09"))
    );
    // an article without a date gives none
    assert!(node("Paris").get("first_seen").is_none());
    let warn = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["predicate"] == "warn")
        .unwrap();
    assert_eq!(warn["first_seen"], "2024-03-01");
    assert_eq!(warn["last_seen"], "2024-05-09");
}
