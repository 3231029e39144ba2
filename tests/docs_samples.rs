//! Every command block of the manual runs: each line of a code block in `docs/*.md` that calls
//! `kgraph` is run (in a folder holding a copy of the project's `data/` and the files the manual's
//! examples name: `a.txt`, `news/`, `article.txt`, `articles.jsonl`, shards, with `$S` the
//! workplace's `../shared/data`) and must exit 0. A `$ ` line's printed lines must be the block's
//! next lines, as in the README (`tests/readme.rs`; it runs on a fresh build of `data/`, and
//! `BLESS=1` writes what it prints into the manual). Shell blocks only (untagged, `sh`,
//! `console`), not JSON or SQL samples. A block the line before marks `<!-- not run: REASON -->`
//! is skipped with its reason (training that takes minutes, corpora not in the project); a
//! command reading `../shared` or `$S` runs only when that folder is beside the checkout.
mod common;

use std::path::{Path, PathBuf};

/// One command of a block: its text, whether it is a `$ ` sample, and the lines it must print.
struct Sample {
    file: String,
    cmd: String,
    expected: Option<Vec<String>>,
}

/// The commands of every code block of a Markdown text, and the blocks skipped with reasons.
fn commands(file: &str, text: &str) -> (Vec<Sample>, Vec<String>) {
    let mut out: Vec<Sample> = Vec::new();
    let mut skipped = Vec::new();
    let mut in_block = false;
    let mut skip_block = false;
    let mut prev = "";
    let mut pending = String::new();
    let starts = regex::Regex::new(r"(^|[|;&(]\s*|\$\()kgraph\s").unwrap();
    for line in text.lines() {
        if let Some(tag) = line.strip_prefix("```") {
            in_block = !in_block;
            if in_block {
                let shell = matches!(tag.trim(), "" | "sh" | "bash" | "console" | "shell");
                skip_block = !shell || prev.trim_start().starts_with("<!-- not run:");
                if shell && skip_block {
                    skipped.push(format!("{file}: {}", prev.trim()));
                }
            }
            prev = line;
            continue;
        }
        prev = line;
        if !in_block || skip_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Sample {
                file: file.into(),
                cmd: cmd.into(),
                expected: Some(Vec::new()),
            });
            continue;
        }
        if let Some(Sample {
            expected: Some(lines),
            ..
        }) = out.last_mut()
        {
            if !starts.is_match(line.trim_start()) || !pending.is_empty() {
                lines.push(line.to_string());
                continue;
            }
        }
        // a shell line, perhaps continued with a backslash; comments after `#` dropped
        let l = line.split(" #").next().unwrap_or("").trim_end();
        if let Some(head) = l.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        let full = format!("{pending}{l}");
        pending.clear();
        if starts.is_match(full.trim_start()) && !full.trim_start().starts_with('#') {
            out.push(Sample {
                file: file.into(),
                cmd: full.trim().to_string(),
                expected: None,
            });
        }
    }
    (out, skipped)
}

/// The folder the manual's examples run in: `data/`, the files they name, and a first build.
fn workspace(root: &Path, dir: &Path) {
    common::copy_dir(&root.join("data"), &dir.join("data"));
    let sample = std::fs::read_to_string(root.join("data/nato-china-russia.txt")).unwrap();
    for f in ["a.txt", "article.txt"] {
        std::fs::write(dir.join(f), &sample).unwrap();
    }
    let wiki = common::wikinews_files();
    for (folder, files) in [
        ("news", &wiki[..4]),
        ("todays-news", &wiki[4..6]),
        ("big-corpus", &wiki[..]),
        ("shard1", &wiki[..3]),
        ("shard2", &wiki[3..6]),
    ] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for f in files {
            std::fs::copy(f, dir.join(folder).join(f.file_name().unwrap())).unwrap();
        }
    }
    let jsonl: String = wiki[..3]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let id = f.file_stem().unwrap().to_string_lossy().to_string();
            format!("{}\n", serde_json::json!({"id": id, "text": text}))
        })
        .collect();
    std::fs::write(dir.join("articles.jsonl"), jsonl).unwrap();
}

#[test]
fn every_command_block_of_the_manual_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let d = tempfile::tempdir().unwrap();
    let work = d.path().join("kgraph");
    workspace(root, &work);
    let shared = common::link_shared(d.path());
    let bin: PathBuf = assert_cmd::cargo::cargo_bin("kgraph");
    let path = common::path_with_kgraph();
    // the graph most examples read
    let ok = std::process::Command::new(&bin)
        .args(["build", "data/", "--format", "json"])
        .current_dir(&work)
        .output()
        .unwrap();
    assert!(ok.status.success());
    let bless = std::env::var_os("BLESS").is_some();
    let (mut ran, mut failures, mut skipped_blocks) = (0, Vec::new(), Vec::new());
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let (samples, skipped) = commands(&name, &text);
        skipped_blocks.extend(skipped);
        let mut blessed: Vec<(String, Vec<String>)> = Vec::new();
        for s in samples {
            if (s.cmd.contains("../shared") || s.cmd.contains("$S")) && !shared.exists() {
                continue;
            }
            if s.expected.is_some() {
                // a sample shows the graph of `data/` as the README builds it
                let fresh = std::process::Command::new(&bin)
                    .args(["build", "data/", "--format", "json"])
                    .current_dir(&work)
                    .output()
                    .unwrap();
                assert!(fresh.status.success());
            }
            let o = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "{} 2>../stderr; echo \"exit $?\" >../status; cat ../stderr",
                    s.cmd
                ))
                .current_dir(&work)
                .env("PATH", &path)
                .env("S", "../shared/data")
                .output()
                .unwrap();
            let status = std::fs::read_to_string(d.path().join("status")).unwrap_or_default();
            let got = String::from_utf8_lossy(&o.stdout).to_string();
            ran += 1;
            if status.trim() != "exit 0" && !s.cmd.contains("|| true") {
                failures.push(format!(
                    "{}: `{}`: {}: {}",
                    s.file,
                    s.cmd,
                    status.trim(),
                    got.trim()
                ));
            } else if let Some(expected) = &s.expected {
                let got: Vec<&str> = got.lines().collect();
                if bless {
                    blessed.push((s.cmd.clone(), got.iter().map(|l| l.to_string()).collect()));
                } else if got != *expected {
                    failures.push(format!(
                        "{}: `{}` prints otherwise than the manual says:\n{}\n--- the manual:\n{}",
                        s.file,
                        s.cmd,
                        got.join("\n"),
                        expected.join("\n")
                    ));
                }
            }
        }
        if bless && !blessed.is_empty() {
            std::fs::write(f, common::rewrite_samples(&text, &blessed)).unwrap();
        }
    }
    eprintln!("{ran} commands run; blocks not run: {skipped_blocks:#?}");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(ran >= 20, "{ran} commands run");
}
