//! Hostile conditions: a full disk, outputs that cannot be written, temp files of killed runs,
//! unreadable folders, and inputs that `bench` cannot read.
mod common;

use common::{kgraph, sample, stderr_of};
use std::path::Path;

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// The files of a folder (names and bytes), sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn an_output_that_cannot_be_written_is_one_clear_line_without_temp_names() {
    let d = tempfile::tempdir().unwrap();
    let blocker = d.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let a = kgraph()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(blocker.join("out"))
        .assert()
        .code(2);
    let err = stderr_of(&a);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains("error")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    // the cause once, the output's name, never the temp file's
    assert_eq!(errors[0].matches("Not a directory").count(), 1, "{err}");
    assert!(errors[0].contains("graph.json"), "{err}");
    assert!(!err.contains(".kgraph-"), "{err}");
}

#[test]
fn a_full_disk_is_a_clean_error_and_leaves_the_previous_output() {
    // a tmpfs of 600 KB: room for the sample article's graph, not for that of 47 articles
    let d = tempfile::tempdir().unwrap();
    let mnt = d.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=600k", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(
            !(is_root() && std::env::var_os("CI").is_some()),
            "root in CI could not mount a tmpfs"
        );
        eprintln!("skipped: cannot mount a tmpfs here (not root)");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        kgraph()
            .arg("build")
            .arg(sample())
            .arg("-o")
            .arg(&mnt)
            .args(["--format", "json,dot,graphml"])
            .assert()
            .success();
        let before = files(&mnt);
        let a = kgraph()
            .arg("build")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
            .arg("-o")
            .arg(&mnt)
            .args(["--format", "json,dot,graphml,gexf,ttl"])
            .assert()
            .code(2);
        let err = stderr_of(&a);
        assert!(err.contains("No space left on device"), "{err}");
        assert!(err.contains("unchanged"), "{err}");
        assert!(!err.contains(".kgraph-"), "{err}");
        // the same files, byte for byte, and no temp file left behind
        assert_eq!(files(&mnt), before);
    });
    let _ = std::process::Command::new("umount").arg(&mnt).status();
    if let Err(p) = result {
        std::panic::resume_unwind(p);
    }
}

#[test]
fn temp_files_of_a_killed_build_are_removed_by_the_next_run() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // what a build killed while writing leaves: a temp file named with its (gone) process id
    let stale = out.join(".kgraph-4194304-a1b2c3.tmp");
    std::fs::write(&stale, "half a graph").unwrap();
    kgraph()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .assert()
        .success();
    assert!(!stale.exists());
    let names: Vec<String> = files(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["graph.json"]);
}

#[test]
fn a_killed_build_leaves_whole_files_of_one_run() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let build_to = |input: &Path, out: &Path| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kgraph"));
        c.arg("build")
            .arg(input)
            .arg("-o")
            .arg(out)
            .args(["--format", "json,dot,graphml,ttl", "-j", "1"])
            .stderr(std::process::Stdio::null());
        c
    };
    let build = |input: &Path| build_to(input, &out);
    assert!(build(&sample()).status().unwrap().success());
    let old = files(&out);
    let wikinews = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/wikinews");
    // the set a whole run writes (a kill after its renames, while the process exits, finds it)
    let whole = d.path().join("whole");
    assert!(build_to(&wikinews, &whole).status().unwrap().success());
    let new = files(&whole);
    // kill at several moments of a longer build
    for ms in [200u64, 600, 1000] {
        let mut child = build(&wikinews).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let now: Vec<(String, Vec<u8>)> = files(&out)
            .into_iter()
            .filter(|(n, _)| !n.starts_with(".kgraph-"))
            .collect();
        if status.success() {
            break; // finished before the kill: nothing to check at this moment
        }
        // every file is whole: its old or its new version, never part of one. The set is one
        // run's (old or new) unless the kill fell inside the renames themselves, which take
        // microseconds (a loaded machine has hit that window once)
        let names: Vec<&String> = now.iter().map(|(n, _)| n).collect();
        let old_names: Vec<&String> = old.iter().map(|(n, _)| n).collect();
        assert_eq!(names, old_names, "killed after {ms} ms: the same files");
        for (n, b) in &now {
            let whole = old.iter().chain(&new).any(|o| o.0 == *n && o.1 == *b);
            assert!(
                whole,
                "killed after {ms} ms: {n} is neither the old nor the new file"
            );
        }
    }
    // the next run removes what the killed ones left and writes the new set
    assert!(build(&wikinews).status().unwrap().success());
    assert!(files(&out).iter().all(|(n, _)| !n.starts_with(".kgraph-")));
    assert_eq!(files(&out), new);
}

#[test]
fn an_unreadable_subfolder_is_reported_once_not_as_an_empty_folder() {
    let d = tempfile::tempdir().unwrap();
    let top = d.path().join("corpus");
    let sub = top.join("locked");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(sample(), sub.join("a.txt")).unwrap();
    // root reads any folder: run the binary as nobody then
    let bin = env!("CARGO_BIN_EXE_kgraph");
    let run = |args: &str| {
        let cmd = format!("{bin} {args}");
        let mut c = if is_root() {
            let mut c = std::process::Command::new("su");
            c.args(["nobody", "-s", "/bin/sh", "-c", &cmd]);
            c
        } else {
            let mut c = std::process::Command::new("sh");
            c.args(["-c", &cmd]);
            c
        };
        c.output().unwrap()
    };
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = run(&format!("build {} -o -", top.display()));
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    if is_root() && o.status.code().is_none_or(|c| c != 2) && o.stderr.is_empty() {
        eprintln!("skipped: cannot run as nobody here");
        return;
    }
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("locked: Permission denied"), "{err}");
    assert!(!err.contains("holds no"), "{err}");
}

#[test]
fn bench_on_unreadable_input_exits_2_like_build() {
    for cmd in ["build", "extract", "bench"] {
        let a = kgraph()
            .args([cmd, "/nonexistent/corpus"])
            .assert()
            .code(2)
            .stdout("");
        let err = stderr_of(&a);
        assert!(
            err.contains("/nonexistent/corpus: No such file"),
            "{cmd}: {err}"
        );
        assert!(err.contains("no article could be read"), "{cmd}: {err}");
    }
}

#[test]
fn one_malformed_jsonl_line_costs_only_itself() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("news.jsonl");
    let mut lines: Vec<String> = (1..=6)
        .map(|i| format!("{{\"id\":\"r{i}\",\"text\":\"Anna Berg met Carla Diaz in Paris.\"}}"))
        .collect();
    lines[2] = "{\"id\":\"r3\",\"text\":\"Anna met Carla\" \"oops\"}".to_string();
    std::fs::write(&p, lines.join("\n")).unwrap();
    let a = kgraph()
        .arg("build")
        .arg(&p)
        .args(["-o", "-"])
        .assert()
        .code(1);
    let err = stderr_of(&a);
    assert!(
        err.contains("news.jsonl: line 3, column 36: not an article record"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let docs: Vec<&str> = json["graph"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(docs, ["r1", "r2", "r4", "r5", "r6"]);
}
