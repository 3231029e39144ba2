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
