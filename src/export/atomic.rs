//! Files written whole or not at all: each output goes to a temp file in its folder, is synced,
//! and is renamed over the old file only when every file of the set is ready; temp files left by
//! a run that was killed are removed by the next run.
use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Temp files are named `.kgraph-<pid>-<random>.tmp`, so a later run can tell whose they are.
const PREFIX: &str = ".kgraph-";
const SUFFIX: &str = ".tmp";

/// An I/O error without the temp file's name that `tempfile` adds to it: the message names the
/// output the user asked for, not the temp file.
fn plain(e: std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(e.kind(), e.kind().to_string()),
    }
}

fn write_error(path: &Path, e: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: plain(e),
    }
}

/// A set of output files written together: [`Staged::add`] writes each to a synced temp file
/// beside its destination, [`Staged::commit`] renames them all; dropped before the commit, the
/// temp files are removed and the old outputs stay as they were.
#[derive(Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl Staged {
    /// An empty set.
    pub fn new() -> Staged {
        Staged::default()
    }

    /// Writes `bytes` to a temp file beside `path` (creating the folder), to be renamed to `path`
    /// by [`Staged::commit`]. Temp files of killed runs in that folder are removed first.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| write_error(path, e))?;
        remove_stale(dir);
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .suffix(SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| write_error(path, e))?;
        // the file's own writer: its errors are the system's, without the temp file's name
        tmp.as_file_mut()
            .write_all(bytes)
            .map_err(|e| write_error(path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // temp files are private; a written output is an ordinary file
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(|e| write_error(path, e))?;
        }
        tmp.as_file().sync_all().map_err(|e| write_error(path, e))?;
        self.files.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Adds the files of another set (to be renamed with these).
    pub fn append(&mut self, other: Staged) {
        self.files.extend(other.files);
    }

    /// Renames every temp file to its destination, in the order they were added; returns the
    /// destinations.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let mut done = Vec::with_capacity(self.files.len());
        for (tmp, path) in self.files {
            tmp.persist(&path)
                .map_err(|e| write_error(&path, e.error))?;
            done.push(path);
        }
        Ok(done)
    }
}

/// Writes `bytes` to `path` atomically: a temp file in the same folder, synced, then renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut s = Staged::new();
    s.add(path, bytes)?;
    s.commit().map(|_| ())
}

/// Removes the temp files in `dir` of kgraph runs that no longer exist (killed while writing).
/// A temp file of a live process (another kgraph writing now) is left alone; where processes
/// cannot be looked up, a temp file is stale after a day.
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = name
            .strip_prefix(PREFIX)
            .filter(|n| n.ends_with(SUFFIX))
            .and_then(|n| n.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !alive(pid, &e) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether the process that made a temp file may still be writing it.
fn alive(pid: u32, e: &std::fs::DirEntry) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    let day = std::time::Duration::from_secs(86_400);
    e.metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_files_leave_the_old_outputs_and_no_temp_files() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("g.json"), d.path().join("g.dot"));
        write_atomic(&a, b"old a").unwrap();
        write_atomic(&b, b"old b").unwrap();
        {
            let mut s = Staged::new();
            s.add(&a, b"new a").unwrap();
            s.add(&b, b"new b").unwrap();
            // dropped without commit: a failure later in the run
        }
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(std::fs::read(&b).unwrap(), b"old b");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 2);
        let mut s = Staged::new();
        s.add(&a, b"new a").unwrap();
        s.add(&b, b"new b").unwrap();
        // nothing is replaced before the commit
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        s.commit().unwrap();
        assert_eq!(std::fs::read(&b).unwrap(), b"new b");
    }

    #[test]
    fn temp_files_of_dead_runs_are_removed_and_live_ones_kept() {
        let d = tempfile::tempdir().unwrap();
        // pid 4194304 is above Linux's limit: no such process; pid 1 always lives
        let dead = d.path().join(".kgraph-4194304-abc.tmp");
        let live = d.path().join(".kgraph-1-abc.tmp");
        let other = d.path().join(".kgraph-notes.tmp");
        for p in [&dead, &live, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        write_atomic(&d.path().join("g.json"), b"{}").unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists());
        }
        assert!(live.exists() && other.exists());
    }
}
