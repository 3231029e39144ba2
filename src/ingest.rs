//! Reading inputs: files, folders (recursive), stdin and JSONL; checks each for emptiness, binary
//! content, invalid UTF-8 and size, extracts HTML text and cleans it into a [`Document`].
use crate::clean::{clean, Markup};
use crate::doc::Document;
use crate::error::{Error, Result};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// File extensions read when a folder is given.
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "jsonl"];

/// Default largest input accepted, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// One input named on the command line, expanded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file and its document id: its path relative to the input that named it (its file name
    /// when the file itself was named, "sub/a.txt" for a file found in the folder named).
    File(PathBuf, String),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The name used in messages and as the document id.
    pub fn display(&self) -> String {
        match self {
            Source::File(p, _) => p.display().to_string(),
            Source::Stdin => "<stdin>".into(),
        }
    }
}

/// The documents of every source, each file's document with its stable id (the same file gets
/// the same id whatever else is given). A file whose id another file of the batch already has
/// ("x/a.txt" and "y/a.txt" both "a.txt") is reported and skipped: naming their common folder
/// instead gives them ids that differ ("x/a.txt", "y/a.txt"). JSONL records that share an id
/// get "#2", "#3" in input order.
pub fn unique_ids(batches: Vec<(Source, Vec<Document>)>) -> (Vec<Document>, Vec<Error>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut files: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    for (source, docs) in batches {
        if let Source::File(p, id) = &source {
            if docs.len() == 1 {
                if let Some(first) = files.get(id) {
                    errors.push(Error::bad(
                        p,
                        format!(
                            "its document id {id} is already the id of {}; name the folder that \
                             holds both so that their ids are their paths in it",
                            first.display()
                        ),
                    ));
                    continue;
                }
                files.insert(id.clone(), p.clone());
            }
        }
        out.extend(docs);
    }
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in &mut out {
        let n = seen.entry(d.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            d.id = format!("{}#{n}", d.id);
        }
    }
    (out, errors)
}

/// Expands inputs: a file stays, a folder becomes its accepted files (sorted, recursive), `-` is
/// stdin. Paths that do not exist are returned as errors.
pub fn expand(inputs: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    expand_except(inputs, None)
}

/// [`expand`], not walking into folder `skip` (a build's output folder inside its input folder:
/// kgraph's own files are no articles).
pub fn expand_except(inputs: &[PathBuf], skip: Option<&Path>) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    // folders and files already reached (by their real paths): a symbolic link back into a
    // folder is not walked again, and a file reached twice is read once
    let mut seen = Seen::default();
    if let Some(real) = skip.and_then(|s| std::fs::canonicalize(s).ok()) {
        seen.dirs.insert(real);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            // stdin is read once: a second "-" would read it again from another thread
            if sources.iter().any(|s| matches!(s, Source::Stdin)) {
                errors.push(Error::bad(
                    "-",
                    "stdin (-) is given more than once; it is read once",
                ));
            } else {
                sources.push(Source::Stdin);
            }
            continue;
        }
        match std::fs::metadata(input) {
            Err(e) => errors.push(Error::io(input, e)),
            Ok(m) if m.is_dir() => {
                let (before, errors_before) = (sources.len(), errors.len());
                walk(input, input, &mut sources, &mut errors, &mut seen);
                // a folder whose parts could not be read has its errors already
                if sources.len() == before && errors.len() == errors_before {
                    errors.push(Error::bad(
                        input,
                        "folder holds no .txt, .md, .html, .htm or .jsonl files",
                    ));
                }
            }
            Ok(_) => {
                if seen.first_file(input) {
                    let id = input.file_name().map_or_else(
                        || input.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    sources.push(Source::File(input.clone(), id));
                }
            }
        }
    }
    (sources, errors)
}

/// The real paths of the folders and files reached while expanding inputs.
#[derive(Default)]
struct Seen {
    dirs: std::collections::HashSet<PathBuf>,
    files: std::collections::HashSet<PathBuf>,
}

impl Seen {
    fn real(p: &Path) -> PathBuf {
        std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
    }
    fn first_dir(&mut self, p: &Path) -> bool {
        self.dirs.insert(Seen::real(p))
    }
    fn first_file(&mut self, p: &Path) -> bool {
        self.files.insert(Seen::real(p))
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<Error>, seen: &mut Seen) {
    if !seen.first_dir(dir) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(Error::io(dir, e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(root, &p, out, errors, seen);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            && seen.first_file(&p)
        {
            // the path inside the folder named, with "/" between its parts on every system
            let id = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push(Source::File(p, id));
        }
    }
}

/// Reads one source into its documents (one, or one per JSONL line). A JSONL line that is not
/// an article is reported in [`Read::skipped`] with its line and column; the others are read.
pub fn read(source: &Source, max_bytes: u64) -> Result<Read> {
    let (name, bytes) = match source {
        Source::File(p, _) => {
            let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
            let len = f.metadata().map_err(|e| Error::io(p, e))?.len();
            if len > max_bytes {
                return Err(Error::bad(
                    p,
                    format!(
                        "file too large ({len} bytes; the limit is {max_bytes}, see --max-bytes)"
                    ),
                ));
            }
            let mut buf = Vec::with_capacity(len as usize);
            f.take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| Error::io(p, e))?;
            (p.clone(), buf)
        }
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(max_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| Error::io("<stdin>", e))?;
            (PathBuf::from("<stdin>"), buf)
        }
    };
    if bytes.len() as u64 > max_bytes {
        return Err(Error::bad(
            &name,
            format!("input too large (over {max_bytes} bytes, see --max-bytes)"),
        ));
    }
    let mut read = parse(&name, &bytes)?;
    if let Source::File(p, id) = source {
        // a text file's document (named by its file name in `parse`) takes the stable id
        let file_name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        for d in &mut read.docs {
            if Some(&d.id) == file_name.as_ref() {
                d.id = id.clone();
            }
        }
    }
    Ok(read)
}

/// The documents of an input's bytes, by its name's extension (`.html`, `.md`, `.jsonl`; else by
/// how the text starts): checks that they are text, strips the markup, cleans the text.
pub fn parse(name: &Path, bytes: &[u8]) -> Result<Read> {
    let name = name.to_path_buf();
    let text = check_text(&name, bytes)?;
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let id = name
        .file_name()
        .map_or_else(|| "stdin".to_string(), |n| n.to_string_lossy().into_owned());
    let looks_jsonl = ext == "jsonl" || (ext.is_empty() && text.trim_start().starts_with('{'));
    let looks_html = matches!(ext.as_str(), "html" | "htm")
        || (ext.is_empty() && text.trim_start().starts_with('<'));
    if looks_jsonl {
        let (docs, skipped) = read_jsonl(&name, text);
        if docs.is_empty() {
            let why = match skipped.first() {
                Some(Error::BadInput { reason, .. }) => format!(
                    "no articles with text ({} malformed line(s); the first: {reason})",
                    skipped.len()
                ),
                _ => "no articles with text".to_string(),
            };
            return Err(Error::bad(&name, why));
        }
        return Ok(Read { docs, skipped });
    }
    let (title, body) = if looks_html {
        crate::html::to_text(text)
    } else {
        (None, text.to_string())
    };
    let markup = if looks_html {
        Markup::Html
    } else if ext == "md" {
        Markup::Markdown
    } else {
        Markup::Plain
    };
    let doc = document(id, title, None, None, body, markup);
    if doc.text.trim().is_empty() {
        return Err(Error::bad(
            &name,
            "no article text (only markup or boilerplate)",
        ));
    }
    Ok(Read {
        docs: vec![doc],
        skipped: Vec::new(),
    })
}

/// Checks that bytes are non-empty UTF-8 text and returns them as text.
fn check_text<'a>(name: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad(name, "empty file"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(Error::bad(name, "binary file, not text"));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::bad(name, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// The article records of a JSONL text, and the lines that are not one (each an error naming the
/// file, line and column, to be reported and skipped: one bad record costs only itself).
fn read_jsonl(name: &Path, text: &str) -> (Vec<Document>, Vec<Error>) {
    let mut docs = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: JsonArticle = match serde_json::from_str(line) {
            Ok(a) => a,
            Err(e) => {
                // serde_json places the error in the one line it was given: "at line 1 column C"
                let what = e.to_string();
                let what = what
                    .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
                    .unwrap_or(&what);
                bad.push(Error::bad(
                    name,
                    format!(
                        "line {}, column {}: not an article record ({what}); line skipped",
                        n + 1,
                        e.column()
                    ),
                ));
                continue;
            }
        };
        let id = match a.id {
            serde_json::Value::String(s) => s,
            v => v.to_string(),
        };
        let body = match &a.title {
            // the title is part of what the article says: keep it as the first line
            Some(t) if !a.text.starts_with(t.as_str()) => format!("{t}\n\n{}", a.text),
            _ => a.text,
        };
        let doc = document(id, a.title, a.date, a.url, body, Markup::Plain);
        if doc.text.trim().is_empty() {
            bad.push(Error::bad(
                name,
                format!(
                    "line {}: record {} has no article text; line skipped",
                    n + 1,
                    doc.id
                ),
            ));
        } else {
            docs.push(doc);
        }
    }
    (docs, bad)
}

/// What one input gave: its articles, and the parts of it that were skipped (malformed JSONL
/// lines), each an error to report.
#[derive(Debug, Default)]
pub struct Read {
    /// The documents read.
    pub docs: Vec<Document>,
    /// The inputs skipped, each with its error.
    pub skipped: Vec<Error>,
}

/// Builds a cleaned document from text.
pub fn document(
    id: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    original: String,
    markup: Markup,
) -> Document {
    let c = clean(&original, markup);
    Document {
        id,
        title,
        date,
        url,
        original,
        text: c.text,
        offsets: c.offsets,
        ..Document::default()
    }
}

/// Builds a document from plain text (for library users and tests).
pub fn from_text(id: &str, text: &str) -> Document {
    document(id.into(), None, None, None, text.into(), Markup::Plain)
}

/// Reads every input (files, folders walked recursively, "-" for stdin) in parallel on the
/// current rayon pool, skipping `skip` (an output folder inside an input folder): the documents,
/// cleaned and named apart (a second file claiming an id is skipped), sorted by id, and every
/// input skipped with its error. The same reading `kgraph build` and `extract` do.
pub fn read_all(
    inputs: &[PathBuf],
    skip: Option<&Path>,
    max_bytes: u64,
) -> (Vec<Document>, Vec<Error>) {
    use rayon::prelude::*;
    let (sources, mut errors) = expand_except(inputs, skip);
    let results: Vec<(Source, Result<Read>)> = sources
        .par_iter()
        .map(|s| (s.clone(), read(s, max_bytes)))
        .collect();
    let mut batches = Vec::new();
    for (s, r) in results {
        match r {
            Ok(read) => {
                errors.extend(read.skipped);
                batches.push((s, read.docs));
            }
            Err(e) => errors.push(e),
        }
    }
    let (mut docs, clashes) = unique_ids(batches);
    errors.extend(clashes);
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    (docs, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_bytes() {
        let p = Path::new("x.txt");
        assert!(check_text(p, b"")
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(check_text(p, b"a\0b")
            .unwrap_err()
            .to_string()
            .contains("binary"));
        assert!(check_text(p, b"ab\xff")
            .unwrap_err()
            .to_string()
            .contains("invalid UTF-8 at byte 2"));
        assert_eq!(check_text(p, "\u{FEFF}hi".as_bytes()).unwrap(), "hi");
    }

    #[test]
    fn jsonl_records_become_documents() {
        let (docs, bad) = read_jsonl(
            Path::new("a.jsonl"),
            "{\"id\": 7, \"text\": \"Body.\", \"title\": \"T\"}\n\n{\"id\":\"b\",\"text\":\"X.\"}\n",
        );
        assert!(bad.is_empty());
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "7");
        assert_eq!(docs[0].text, "T\n\nBody.");
    }

    #[test]
    fn a_malformed_jsonl_line_is_skipped_with_its_line_and_column() {
        let rec = |i: usize| format!("{{\"id\":\"r{i}\",\"text\":\"Anna met Carla in Paris.\"}}");
        let mut lines: Vec<String> = (1..=6).map(rec).collect();
        lines[2] = "{\"id\":\"r3\",\"text\":\"Anna met Carla\" \"oops\"}".to_string();
        let (docs, bad) = read_jsonl(Path::new("a.jsonl"), &lines.join("\n"));
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["r1", "r2", "r4", "r5", "r6"]);
        assert_eq!(bad.len(), 1);
        let msg = bad[0].to_string();
        assert!(msg.starts_with("a.jsonl: line 3, column 36:"), "{msg}");
        assert!(!msg.contains("line 1"), "{msg}");
        // a record without its text is malformed too; a file with no good line is an error
        let (docs, bad) = read_jsonl(Path::new("a.jsonl"), "{\"id\":1}\n");
        assert!(docs.is_empty());
        assert!(bad[0].to_string().contains("line 1, column"), "{}", bad[0]);
    }
}
