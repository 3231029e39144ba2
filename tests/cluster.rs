//! Shard and merge on a real engine: tests/cluster/dask_build.py builds the Wikinews articles on a
//! local Dask cluster of two worker processes (each shard through `kgraph build`, the graphs
//! reduced by `kgraph merge`), and the result must be byte-identical to one `kgraph build`.
mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn a_dask_cluster_builds_the_same_graph_as_one_machine() {
    common::require_python(
        "dask.distributed",
        "python3 -m pip install 'dask[distributed]'",
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("data/wikinews");
    let d = tempfile::tempdir().unwrap();
    let merged = d.path().join("merged.json");
    let out = Command::new("python3")
        .arg(root.join("tests/cluster/dask_build.py"))
        .arg("--input")
        .arg(&corpus)
        .arg("--out")
        .arg(&merged)
        .args([
            "--shards",
            "5",
            "--workers",
            "2",
            "--kgraph",
            env!("CARGO_BIN_EXE_kgraph"),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let one = common::kgraph()
        .arg("build")
        .arg(&corpus)
        .args(["--format", "json", "-o", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let distributed = std::fs::read(&merged).unwrap();
    assert!(distributed.len() > 100_000);
    assert!(
        distributed == one,
        "the merged graph differs from one build"
    );
}
