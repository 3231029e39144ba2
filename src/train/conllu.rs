//! Readers for the training formats: CoNLL-U treebanks and IOB2/IOB1 entity files.
use crate::error::{Error, Result};
use std::path::Path;

/// One token row of a CoNLL-U file (multi-word token ranges and empty nodes are skipped).
#[derive(Debug, Clone)]
pub struct Row {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub head: usize,
    pub deprel: String,
}

/// Reads the sentences of a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<Vec<Row>>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 8 {
            return Err(Error::Data {
                path: path.into(),
                line: n + 1,
                reason: format!("expected 10 columns, found {}", c.len()),
            });
        }
        if c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        cur.push(Row {
            form: c[1].to_string(),
            lemma: c[2].to_string(),
            upos: c[3].to_string(),
            xpos: c[4].to_string(),
            head: c[6].parse().unwrap_or(0),
            deprel: c[7].to_string(),
        });
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads an entity file with one `token ... tag` line per token (the tag in `tag_col`), blank
/// lines between sentences; IOB1 tags are converted to IOB2. Lines starting with `#` or
/// `-DOCSTART-` are skipped.
pub fn read_iob(path: &Path, tag_col: isize) -> Result<Vec<Vec<(String, String)>>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.is_empty() {
                out.push(iob1_to_iob2(std::mem::take(&mut cur)));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split(['\t', ' ']).collect();
        let idx = if tag_col < 0 {
            c.len() as isize + tag_col
        } else {
            tag_col
        };
        let word_col = if c.len() >= 3 && c[0].chars().all(|x| x.is_ascii_digit()) {
            1
        } else {
            0
        };
        let (Some(w), Some(t)) = (c.get(word_col), c.get(idx.max(0) as usize)) else {
            return Err(Error::Data {
                path: path.into(),
                line: n + 1,
                reason: "expected a token and a tag".into(),
            });
        };
        cur.push((w.to_string(), t.to_string()));
    }
    if !cur.is_empty() {
        out.push(iob1_to_iob2(cur));
    }
    Ok(out)
}

fn iob1_to_iob2(mut s: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut prev = String::from("O");
    for (_, t) in s.iter_mut() {
        if let Some(ty) = t.strip_prefix("I-") {
            let prev_ty = prev.get(2..).unwrap_or("");
            if prev == "O" || prev_ty != ty {
                *t = format!("B-{ty}");
            }
        }
        prev = t.clone();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_becomes_iob2() {
        let s = vec![
            ("EU".to_string(), "I-ORG".to_string()),
            ("rejects".into(), "O".into()),
            ("German".into(), "I-MISC".into()),
        ];
        let t: Vec<String> = iob1_to_iob2(s).into_iter().map(|x| x.1).collect();
        assert_eq!(t, vec!["B-ORG", "O", "B-MISC"]);
    }
}
