//! Writing a graph in the formats asked for: each format's bytes (SVG by calling Graphviz), the
//! files of a format (CSV is two), and the loop that writes every format or reports it.
use anyhow::{Context, Result};
use kgraph::export::{self, Format};
use kgraph::graph::Graph;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A graph output format on the command line: [`Format`] with its name and description, so
/// that the library's type does not depend on the command-line crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatArg(pub Format);

static FORMAT_ARGS: std::sync::LazyLock<Vec<FormatArg>> =
    std::sync::LazyLock::new(|| Format::ALL.into_iter().map(FormatArg).collect());

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        &FORMAT_ARGS
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.description()))
    }
}

/// The library formats of command-line format arguments.
pub fn formats(args: &[FormatArg]) -> Vec<Format> {
    args.iter().map(|f| f.0).collect()
}

/// Whether two paths name the same file (the second may not exist yet).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
            _ => std::env::current_dir().ok()?,
        };
        Some(parent.join(p.file_name()?))
    };
    matches!((canon(a), canon(b)), (Some(x), Some(y)) if x == y)
}

/// Refuses to write over a file the command reads: an error naming it and what to do.
pub(crate) fn refuse_overwriting(inputs: &[&Path], outputs: &[PathBuf]) -> Result<()> {
    for o in outputs {
        if let Some(i) = inputs.iter().find(|i| same_file(i, o)) {
            anyhow::bail!(
                "{} is also an input: writing would overwrite it; choose another folder or file with -o",
                i.display()
            );
        }
    }
    Ok(())
}

/// The files `write_graph` would write for these formats (the defaults when none is asked).
pub(crate) fn output_files(requested: &[Format], output: &Path, name: &str) -> Vec<PathBuf> {
    if output.as_os_str() == "-" {
        return Vec::new();
    }
    let formats: Vec<Format> = if requested.is_empty() {
        vec![Format::Json, Format::Dot, Format::Svg]
    } else {
        requested.to_vec()
    };
    formats
        .iter()
        .flat_map(|&f| format_paths(f, output, name))
        .collect()
}

/// The most entities the default build draws whole as SVG; a bigger graph gets a message that
/// says how to draw its central part.
const SVG_MAX_NODES: usize = 1500;

fn dot_available() -> bool {
    export::svg::available()
}

fn format_bytes(g: &Graph, f: Format, draw: &export::dot::DotOptions) -> Result<Vec<u8>> {
    Ok(match f {
        Format::Dot => export::dot::to_bytes_with(g, draw),
        Format::Svg => {
            export::svg::render(&export::dot::to_bytes_with(g, draw), export::svg::timeout())?
        }
        _ => export::to_bytes(g, f)?,
    })
}

/// The paths of one format's files: NAME.EXT, or for CSV NAME.nodes.csv and NAME.edges.csv.
fn format_paths(f: Format, dir: &Path, name: &str) -> Vec<PathBuf> {
    match f {
        Format::Csv => vec![
            dir.join(format!("{name}.nodes.csv")),
            dir.join(format!("{name}.edges.csv")),
        ],
        _ => vec![dir.join(format!("{name}.{}", f.extension()))],
    }
}

/// The files of one format: (path, bytes), in the order of [`format_paths`].
fn format_files(
    g: &Graph,
    f: Format,
    dir: &Path,
    name: &str,
    draw: &export::dot::DotOptions,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let bytes = match f {
        Format::Csv => vec![export::csv::nodes(g), export::csv::edges(g)],
        _ => vec![format_bytes(g, f, draw)?],
    };
    Ok(format_paths(f, dir, name).into_iter().zip(bytes).collect())
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
    draw: &export::dot::DotOptions,
) -> Result<()> {
    if output.as_os_str() != "-" && output.exists() && !output.is_dir() {
        anyhow::bail!(
            "{} is a file, not a folder: -o takes the folder to write {name}.json and the other files into",
            output.display()
        );
    }
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
        let bytes = format_bytes(graph, f, draw)?;
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .context("cannot write to stdout")?;
        return Ok(());
    }
    let mut staged = export::Staged::new();
    let mut failed = Vec::new();
    // the drawing last, on its own: every other file is written before Graphviz runs (it can
    // take long on a big graph, and has a time limit)
    let drawing = formats.contains(&Format::Svg);
    formats.retain(|f| *f != Format::Svg);
    let mut written = Vec::new();
    for f in formats.iter().chain(drawing.then_some(&Format::Svg)) {
        let path = output.join(format!("{name}.{}", f.extension()));
        if *f == Format::Svg {
            written.extend(staged.commit()?);
            staged = export::Staged::new();
            if !explicit && graph.node_count() > SVG_MAX_NODES {
                eprintln!(
                    "kgraph: {} not drawn: {} entities are too many to draw whole; draw the central \
                     part with: kgraph export {} --format svg --max-nodes 200",
                    path.display(),
                    graph.node_count(),
                    output.join(format!("{name}.json")).display()
                );
                continue;
            }
        }
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
        // every file goes to a temp file first; all are renamed together at the end, so a run
        // that is killed or fails leaves the previous set of outputs whole
        let files = format_files(graph, *f, output, name, draw).and_then(|files| {
            let mut s = export::Staged::new();
            for (p, b) in &files {
                s.add(p, b)?;
            }
            Ok(s)
        });
        match files {
            Ok(s) => staged.append(s),
            // the disk or folder fails (full, read-only, not a folder): nothing is replaced, the
            // previous outputs stay whole (the temp files are removed when `staged` drops)
            Err(e)
                if written.is_empty()
                    && e.downcast_ref::<kgraph::Error>()
                        .is_some_and(|k| matches!(k, kgraph::Error::Write { .. })) =>
            {
                eprintln!(
                    "kgraph: nothing written; the files already in {} are unchanged",
                    output.display()
                );
                return Err(e);
            }
            // one format cannot be made (Graphviz fails): the others are still written
            Err(e) => {
                eprintln!("kgraph: error: {} not written: {e}", path.display());
                failed.push(path);
            }
        }
    }
    written.extend(staged.commit()?);
    let formats_asked = formats.len() + usize::from(drawing);
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
            formats_asked
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
