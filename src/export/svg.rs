//! graph.svg: the DOT drawing rendered by Graphviz `dot`, when it is installed (the one format
//! that needs a program outside kgraph).
use crate::error::{Error, Result};
use std::io::Write;

/// Whether Graphviz `dot` can be run.
pub fn available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Renders DOT text as SVG with `dot -Tsvg`. When dot fails, its own message is the error (the
/// broken pipe of a dot that stopped reading is not reported instead).
pub fn render(dot: &[u8]) -> Result<Vec<u8>> {
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
    let out = child
        .wait_with_output()
        .map_err(|e| fail(format!("Graphviz dot failed: {e}")))?;
    let fed = writer
        .join()
        .map_err(|_| fail("the thread feeding dot panicked".into()))?;
    if !out.status.success() {
        return Err(fail(format!(
            "Graphviz dot failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    fed.map_err(|e| fail(format!("cannot feed Graphviz dot: {e}")))?;
    Ok(out.stdout)
}
