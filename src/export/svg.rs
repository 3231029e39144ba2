//! graph.svg: the DOT drawing rendered by Graphviz `dot`, when it is installed (the one format
//! that needs a program outside kgraph).
use crate::error::{Error, Result};
use std::io::Write;

/// Whether Graphviz `dot` is installed (it can be started; a `dot` that starts and then fails
/// is reported with its own exit status when it draws, not as missing).
pub fn available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// How long `dot` may run by default, in seconds (`KGRAPH_DOT_TIMEOUT` sets another limit).
pub const DEFAULT_TIMEOUT_SECS: u64 = 60;

/// The time limit of `dot`: `KGRAPH_DOT_TIMEOUT` seconds when set to a number, else the default.
pub fn timeout() -> std::time::Duration {
    let secs = std::env::var("KGRAPH_DOT_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    std::time::Duration::from_secs(secs)
}

/// Renders DOT text as SVG with `dot -Tsvg`, stopping `dot` when it runs longer than `limit`.
/// When dot fails, its own message is the error (the broken pipe of a dot that stopped reading
/// is not reported instead).
pub fn render(dot: &[u8], limit: std::time::Duration) -> Result<Vec<u8>> {
    use std::io::Read;
    let fail = |reason: String| Error::Export {
        format: "svg",
        reason,
    };
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("cannot run Graphviz dot: {e}")))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| fail("no stdin for dot".into()))?;
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    // read what dot writes while it runs, so that a full pipe never blocks it
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| fail("no stdout for dot".into()))?;
    let mut stderr = child
        .stderr
        .take()
        .ok_or_else(|| fail("no stderr for dot".into()))?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let err_reader = std::thread::spawn(move || {
        let mut err = Vec::new();
        let _ = stderr.read_to_end(&mut err);
        err
    });
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "Graphviz dot did not finish in {} s (the graph is too big to draw whole); \
                     draw its central part with --max-nodes 200, or allow more time with \
                     KGRAPH_DOT_TIMEOUT=SECONDS",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
            Err(e) => return Err(fail(format!("Graphviz dot failed: {e}"))),
        }
    };
    let out = reader
        .join()
        .map_err(|_| fail("the thread reading dot panicked".into()))?
        .map_err(|e| fail(format!("cannot read Graphviz dot's output: {e}")))?;
    let err = err_reader.join().unwrap_or_default();
    let fed = writer
        .join()
        .map_err(|_| fail("the thread feeding dot panicked".into()))?;
    if !status.success() {
        let msg = String::from_utf8_lossy(&err).trim().to_string();
        return Err(fail(match status.code() {
            Some(code) => format!("Graphviz dot exited with status {code}: {msg}"),
            None => format!("Graphviz dot was stopped by a signal: {msg}"),
        }));
    }
    fed.map_err(|e| fail(format!("cannot feed Graphviz dot: {e}")))?;
    Ok(out)
}
