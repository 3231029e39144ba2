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
        dot.starts_with("digraph {") && dot.contains("China"),
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
