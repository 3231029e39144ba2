//! Reading the scorer's inputs: gold facts (`.facts.tsv` files or folders of them) and system
//! triples (JSON Lines as `kgraph extract` writes them), each bad line reported with its file and
//! line.
use super::{doc_key, norm_entity, words, Gold, GoldFact, SystemTriple};
use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The gold files named: `.facts.tsv` files, or folders whose `.facts.tsv` files are all read.
pub fn gold_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut names: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.to_string_lossy().ends_with(".facts.tsv"))
                .collect();
            names.sort();
            out.extend(names);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads gold facts (files or folders of `.facts.tsv` files).
pub fn load_gold(paths: &[PathBuf]) -> Result<Gold> {
    let mut gold = Gold::new();
    for path in gold_files(paths)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        gold.insert(doc_key(&name), parse_gold(&name, &text, &path)?);
    }
    Ok(gold)
}

/// The facts of one gold file's text.
pub fn parse_gold(name: &str, text: &str, path: &Path) -> Result<Vec<GoldFact>> {
    let mut facts = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(Error::Data {
                path: path.to_path_buf(),
                line: n + 1,
                reason: "expected at least 3 tab-separated columns".into(),
            });
        }
        let names = |c: &str| -> BTreeSet<String> {
            c.split('|')
                .filter(|a| !a.trim().is_empty())
                .map(norm_entity)
                .collect()
        };
        let flags: BTreeSet<&str> = cols
            .get(3)
            .map_or("", |f| *f)
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        facts.push(GoldFact {
            subjects: names(cols[0]),
            predicates: cols[1]
                .split('|')
                .filter(|p| !p.trim().is_empty())
                .map(words)
                .collect(),
            objects: names(cols[2]),
            optional: flags.contains("opt"),
            negated: flags.contains("neg"),
            symmetric: flags.contains("sym"),
            line: format!("{name}:{}: {line}", n + 1),
        });
    }
    Ok(facts)
}

/// Reads triples from JSON Lines (`doc`, `subject`, `predicate`, `object`, optional `negated`,
/// `subject_aliases`, `object_aliases`, `rule`, `confidence`).
pub fn read_triples(path: &Path, text: &str) -> Result<Vec<SystemTriple>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| Error::Data {
            path: path.to_path_buf(),
            line: n + 1,
            reason: format!("not a triple ({reason})"),
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let field = |k: &str| -> Result<String> {
            v.get(k)
                .and_then(|x| x.as_str())
                .map(str::to_string)
                .ok_or_else(|| bad(format!("no text field {k:?}")))
        };
        let aliases = |k: &str| -> Vec<String> {
            v.get(k)
                .and_then(|x| x.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut t = SystemTriple::new(
            v.get("doc").and_then(|x| x.as_str()).unwrap_or(""),
            &field("subject")?,
            &aliases("subject_aliases"),
            &field("predicate")?,
            &field("object")?,
            &aliases("object_aliases"),
            v.get("negated").and_then(|x| x.as_bool()).unwrap_or(false),
        );
        t.pattern = v.get("rule").and_then(|x| x.as_str()).map(str::to_string);
        t.confidence = v.get("confidence").and_then(|x| x.as_f64()).unwrap_or(1.0) as f32;
        out.push(t);
    }
    Ok(out)
}
