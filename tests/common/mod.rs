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
