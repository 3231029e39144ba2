//! Writing a graph in the formats asked for: each format's bytes (SVG by calling Graphviz), the
//! files of a format (CSV is two), and the loop that writes every format or reports it.
use anyhow::{Context, Result};
use kgraph::export::{self, triples, Format};
use kgraph::graph::Graph;
use std::io::Write;
use std::path::{Path, PathBuf};

fn dot_available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn render_svg(dot: &[u8]) -> Result<Vec<u8>> {
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .context("cannot run Graphviz dot")?;
    let mut stdin = child.stdin.take().context("no stdin for dot")?;
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().context("Graphviz dot failed")?;
    let fed = writer
        .join()
        .map_err(|_| anyhow::anyhow!("writer thread panicked"))?;
    // dot's own message first: when it stops reading early the write fails with a broken pipe,
    // which must not pass for a closed stdout
    if !out.status.success() {
        anyhow::bail!(
            "Graphviz dot failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    if let Err(e) = fed {
        anyhow::bail!("cannot feed Graphviz dot: {e}");
    }
    Ok(out.stdout)
}

fn format_bytes(g: &Graph, f: Format) -> Result<Vec<u8>> {
    Ok(match f {
        Format::Json => export::json::to_bytes(g),
        Format::Dot => export::dot::to_bytes(g),
        Format::Svg => render_svg(&export::dot::to_bytes(g))?,
        Format::Jsonl => triples::to_jsonl(&triples::triples(g)),
        Format::Tsv => triples::to_tsv(&triples::triples(g)),
        Format::Graphml => export::xml::graphml(g),
        Format::Gexf => export::xml::gexf(g),
        Format::Mermaid => export::mermaid::to_bytes(g),
        Format::Nt => export::rdf::to_ntriples(g),
        Format::Ttl => export::rdf::to_turtle(g),
        Format::Cypher => export::cypher::to_bytes(g),
        Format::Csv => anyhow::bail!("csv writes two files (nodes and edges), not one"),
    })
}

/// The files of one format: (path, bytes). CSV is two files, NAME.nodes.csv and NAME.edges.csv.
fn format_files(g: &Graph, f: Format, dir: &Path, name: &str) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    Ok(match f {
        Format::Csv => vec![
            (dir.join(format!("{name}.nodes.csv")), export::csv::nodes(g)),
            (dir.join(format!("{name}.edges.csv")), export::csv::edges(g)),
        ],
        _ => vec![(
            dir.join(format!("{name}.{}", f.extension())),
            format_bytes(g, f)?,
        )],
    })
}

/// Writes a graph in the formats asked for (default json, dot, and svg when Graphviz is
/// installed) into `output` as NAME.EXT, or one format to stdout for `-`. Every format is written
/// or reported; one that fails does not stop the others, and the error says how many failed.
pub(crate) fn write_graph(
    graph: &Graph,
    requested: &[Format],
    output: &Path,
    name: &str,
    what: &str,
) -> Result<()> {
    let have_dot = dot_available();
    let mut formats = requested.to_vec();
    let explicit = !formats.is_empty();
    if !explicit {
        formats = vec![Format::Json, Format::Dot];
        if have_dot {
            formats.push(Format::Svg);
        }
    }
    formats.sort();
    formats.dedup();
    if output.as_os_str() == "-" {
        let f = if explicit { formats[0] } else { Format::Json };
        if formats.len() > 1 && explicit {
            anyhow::bail!("-o - writes one format to stdout; choose one with --format");
        }
        let bytes = format_bytes(graph, f)?;
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .context("cannot write to stdout")?;
        return Ok(());
    }
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for f in &formats {
        let path = output.join(format!("{name}.{}", f.extension()));
        if *f == Format::Svg && !have_dot {
            eprintln!(
                "kgraph: {} not written: Graphviz `dot` is not installed (apt install graphviz)",
                path.display()
            );
            if explicit {
                failed.push(path);
            }
            continue;
        }
        let files = format_files(graph, *f, output, name).and_then(|files| {
            for (p, b) in &files {
                export::write_atomic(p, b)?;
            }
            Ok(files)
        });
        match files {
            Ok(files) => written.extend(files.into_iter().map(|(p, _)| p)),
            Err(e) => {
                eprintln!("kgraph: error: {} not written: {e:#}", path.display());
                failed.push(path);
            }
        }
    }
    eprintln!(
        "kgraph: {what}: {} entities, {} relations -> {}",
        graph.node_count(),
        graph.edge_count(),
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !failed.is_empty() {
        anyhow::bail!(
            "{} of {} output file(s) not written (see the messages above)",
            failed.len(),
            formats.len()
        );
    }
    if !have_dot && !explicit {
        let dot = output.join(format!("{name}.dot"));
        eprintln!(
            "kgraph: to draw it, install Graphviz and run: dot -Tsvg {} -o {}",
            dot.display(),
            dot.with_extension("svg").display()
        );
    }
    Ok(())
}
