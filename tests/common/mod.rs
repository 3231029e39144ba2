//! Helpers shared by the black-box test binaries.
#![allow(dead_code)]
use assert_cmd::Command;

/// The kgraph binary built by cargo.
pub fn kgraph() -> Command {
    Command::cargo_bin("kgraph").expect("binary builds")
}

/// Runs a command that must succeed and returns its stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8 output")
}

/// The Wikinews articles of `data/wikinews`, sorted.
pub fn wikinews_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wikinews");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("data/wikinews")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// Fails the test, naming the one command that installs them, when python3 cannot import these
/// modules: a test of a real tool never passes without running it.
pub fn require_python(modules: &str, install: &str) {
    let ok = std::process::Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "python3 cannot import {modules}; this test needs it: {install} (CI installs it)"
    );
}

/// Fails the test, naming the install command, when a program cannot be run.
pub fn require_tool(program: &str, arg: &str, install: &str) {
    let ok = std::process::Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{program} is not installed; this test needs it: {install} (CI installs it)"
    );
}

/// The sample article of `data/`.
pub fn sample() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nato-china-russia.txt")
}

/// What a finished command wrote to stderr.
pub fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// A PATH with this build's kgraph first, for commands run through `sh`.
pub fn path_with_kgraph() -> String {
    let bin = assert_cmd::cargo::cargo_bin("kgraph");
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Links the workplace's `../shared` (when it is beside the checkout) as `dir/shared`, so that
/// commands run in `dir/kgraph` find it at `../shared`; the path of `../shared`.
pub fn link_shared(dir: &std::path::Path) -> std::path::PathBuf {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if shared.exists() {
        std::os::unix::fs::symlink(shared.canonicalize().unwrap(), dir.join("shared")).unwrap();
    }
    shared
}

/// A Markdown text with the lines after each blessed `$ ` command of its code blocks replaced by
/// what the command printed (`BLESS=1` in `tests/readme.rs` and `tests/docs_samples.rs`).
pub fn rewrite_samples(readme: &str, blessed: &[(String, Vec<String>)]) -> String {
    let mut out = String::new();
    let mut in_block = false;
    let mut skipping = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            skipping = false;
        } else if in_block {
            if let Some(cmd) = line.strip_prefix("$ ") {
                out.push_str(line);
                out.push('\n');
                skipping = false;
                if let Some((_, got)) = blessed.iter().find(|(c, _)| c == cmd) {
                    for g in got {
                        out.push_str(g);
                        out.push('\n');
                    }
                    skipping = true;
                }
                continue;
            }
            if skipping {
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
