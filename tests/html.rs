//! The interactive page (`--format html`) in a real browser: headless Chromium (Debian's
//! package) driven by Playwright (`tests/browser/check.mjs`) loads it with no console error and
//! no network request, draws the expected entities, shows the evidence of a clicked entity, finds
//! one by name; and a graph of 10,000 articles opens and answers a click.
mod common;

use common::kgraph;
use std::path::{Path, PathBuf};

const INSTALL: &str = "apt-get install chromium && npm ci --prefix tests/browser";

fn check(page: &Path, expected: &str, shot: Option<&Path>) -> serde_json::Value {
    common::require_tool("/usr/bin/chromium", "--version", INSTALL);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "playwright-core is not installed; this test needs it: {INSTALL} (CI installs it)"
    );
    let mut cmd = std::process::Command::new("node");
    cmd.arg(dir.join("check.mjs")).arg(page).arg(expected);
    if let Some(s) = shot {
        cmd.arg(s);
    }
    let o = cmd.output().expect("node runs (CI installs it)");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "the page failed in Chromium: {}{out}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(out.trim()).expect("check.mjs prints its report")
}

#[test]
fn the_sample_page_draws_its_connected_entities_and_a_click_shows_the_evidence() {
    let d = tempfile::tempdir().unwrap();
    kgraph()
        .arg("build")
        .arg(common::sample())
        .args(["--format", "json,html", "-o"])
        .arg(d.path())
        .assert()
        .success();
    let g: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("graph.json")).unwrap()).unwrap();
    let mut connected = std::collections::BTreeSet::new();
    for e in g["edges"].as_array().unwrap() {
        connected.insert(e["source"].as_str().unwrap().to_string());
        connected.insert(e["target"].as_str().unwrap().to_string());
    }
    assert!(connected.len() > 5 && connected.len() < g["nodes"].as_array().unwrap().len());
    // KGRAPH_SCREENSHOT=docs/html.png keeps a picture of it (the README's)
    let shot = std::env::var_os("KGRAPH_SCREENSHOT").map(PathBuf::from);
    let r = check(
        &d.path().join("graph.html"),
        &connected.len().to_string(),
        shot.as_deref(),
    );
    assert_eq!(r["errors"].as_array().unwrap().len(), 0, "{r}");
    assert!(r["panel"]["evidence"].as_u64().unwrap() > 0, "{r}");
    assert!(r["panel"]["marked"].as_u64().unwrap() > 0, "{r}");
}

/// A node-link graph.json of `docs` articles with six facts each among `docs * 3` entities.
fn synthetic_graph(docs: usize) -> serde_json::Value {
    use serde_json::json;
    let kinds = ["PER", "ORG", "GPE", "LOC", "MISC"];
    let ids: Vec<String> = (0..docs)
        .map(|i| format!("2019-{:02}-{:02}_{i:05}.txt", 1 + i % 12, 1 + i % 28))
        .collect();
    let n = docs * 3;
    let nodes: Vec<_> = (0..n)
        .map(|i| {
            json!({"id": format!("e{i}"), "label": format!("Entity {i}"), "type": kinds[i % 5],
                   "aliases": [], "mentions": 2, "documents": [ids[i % docs]], "merge_reasons": [],
                   "pagerank": 1.0 / (1.0 + i as f64), "community": i % 40})
        })
        .collect();
    // a few hubs and a long tail, as news has: entity i links to i/7 and to a pseudo-random one
    let mut edges = Vec::new();
    let mut x: u64 = 7;
    for i in 1..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        for (j, p) in [(i / 7, "meet"), ((x >> 33) as usize % n, "warn")] {
            if j == i {
                continue;
            }
            let doc = &ids[(i + j) % docs];
            edges.push(
                json!({"source": format!("e{i}"), "target": format!("e{j}"), "key": p,
                "predicate": p, "negated": false, "hedged": false, "count": 1, "confidence": 0.7,
                "evidence": [{"doc": doc, "sentence": 1, "span": [0, 40], "source_span": [0, 40],
                    "text": format!("Entity {i} did {p} Entity {j} on Monday, officials said."),
                    "negated": false, "hedged": false, "attributed_to": null, "confidence": 0.7,
                    "rule": "path", "reason": null}]}),
            );
        }
    }
    json!({"directed": true, "multigraph": true,
           "graph": {"generator": "kgraph 0.1.0", "documents": ids}, "nodes": nodes, "edges": edges})
}

#[test]
fn a_page_of_ten_thousand_articles_opens_with_its_central_part_and_answers_a_click() {
    let d = tempfile::tempdir().unwrap();
    let json = d.path().join("big.json");
    std::fs::write(&json, serde_json::to_vec(&synthetic_graph(10_000)).unwrap()).unwrap();
    kgraph()
        .arg("export")
        .arg(&json)
        .args(["--format", "html", "-o"])
        .arg(d.path().join("out"))
        .assert()
        .success();
    // the central 150 entities (kgraph::export::html::DEFAULT_LIMIT), those with a fact among them
    let r = check(&d.path().join("out/graph.html"), "20-150", None);
    assert_eq!(r["errors"].as_array().unwrap().len(), 0, "{r}");
    // responsive: generous bounds for a loaded two-core CI machine (docs/formats.md has the
    // figures of `node tests/browser/check.mjs` on such a page)
    assert!(r["loadMs"].as_u64().unwrap() < 30_000, "{r}");
    assert!(r["clickMs"].as_u64().unwrap() < 3_000, "{r}");
}
