//! The README's samples are the tool's output: every `$ kgraph ...` line of a README code block
//! is run (in a folder holding a copy of the project's `data/`, with this build's kgraph first
//! on the PATH) and what it prints, stdout then stderr, must be the lines that follow it. A
//! command reading `../shared` (the workplace's gold data, not in the project) runs only when
//! that folder is beside the checkout; the others always run. `BLESS=1 cargo test --test readme`
//! writes what the tool prints into the README instead of comparing.
mod common;

use std::path::Path;

/// The `$ ` commands of the README's code blocks, each with the lines printed after it.
fn samples(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push((cmd.to_string(), Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(line.to_string());
        }
    }
    out
}

#[test]
fn every_readme_sample_is_what_the_tool_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let cases = samples(&readme);
    assert!(cases.len() >= 6, "the tour has its six commands: {cases:?}");
    let d = tempfile::tempdir().unwrap();
    let work = d.path().join("kgraph");
    common::copy_dir(&root.join("data"), &work.join("data"));
    // ../shared beside the copy, when it is beside the checkout
    let shared = common::link_shared(d.path());
    let path = common::path_with_kgraph();
    let bless = std::env::var_os("BLESS").is_some();
    let mut blessed: Vec<(String, Vec<String>)> = Vec::new();
    let mut ran = 0;
    for (cmd, expected) in cases {
        if cmd.contains("../shared") && !shared.exists() {
            eprintln!("not run (../shared is not beside this checkout): {cmd}");
            continue;
        }
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{cmd} 2>../stderr; cat ../stderr"))
            .current_dir(&work)
            .env("PATH", &path)
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&o.stdout);
        let got: Vec<&str> = got.lines().collect();
        if bless {
            blessed.push((cmd, got.iter().map(|l| l.to_string()).collect()));
            ran += 1;
            continue;
        }
        assert_eq!(
            got, expected,
            "`{cmd}` prints otherwise than the README says"
        );
        ran += 1;
    }
    assert!(ran >= 5, "{ran} samples run");
    if bless {
        std::fs::write(
            root.join("README.md"),
            common::rewrite_samples(&readme, &blessed),
        )
        .unwrap();
    }
}
