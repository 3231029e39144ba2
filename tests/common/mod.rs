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
