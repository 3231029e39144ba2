//! Readers for the training formats: CoNLL-U treebanks and IOB2/IOB1 entity files.
use crate::error::{Error, Result};
use std::path::Path;

/// One token row of a CoNLL-U file (multi-word token ranges and empty nodes are skipped).
#[derive(Debug, Clone)]
pub struct Row {
    /// The word form.
    pub form: String,
    /// The lemma.
    pub lemma: String,
    /// The universal POS tag.
    pub upos: String,
    /// The language-specific tag.
    pub xpos: String,
    /// The head's position (1-based; 0 for the root).
    pub head: usize,
    /// The dependency relation.
    pub deprel: String,
    /// The MISC column.
    pub misc: String,
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
            misc: c.get(9).unwrap_or(&"_").to_string(),
        });
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A sentence of an entity file: (word, IOB2 tag) pairs.
pub type IobSentence = Vec<(String, String)>;

/// Reads an entity file in either layout: UNER's `index token tag ...` (tag in the third column) or
/// CoNLL's `token ... tag` (tag last, IOB1), told apart by a numeric first column.
pub fn read_iob_auto(path: &Path) -> Result<Vec<IobSentence>> {
    Ok(read_iob_docs(path)?.into_iter().flatten().collect())
}

/// Like [`read_iob_auto`], with the sentences grouped into documents (`-DOCSTART-` or
/// `# newdoc` lines start a document).
pub fn read_iob_docs(path: &Path) -> Result<Vec<Vec<IobSentence>>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let uner = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .is_some_and(|l| {
            l.split('\t')
                .next()
                .is_some_and(|c| c.chars().all(|x| x.is_ascii_digit()))
        });
    if uner {
        parse_iob(path, &text, 1, 2)
    } else {
        parse_iob(path, &text, 0, -1)
    }
}

/// Reads an entity file with one `token ... tag` line per token (the word in column `word_col`,
/// the tag in `tag_col`; a negative column counts from the end of the line), blank
/// lines between sentences; IOB1 tags are converted to IOB2. Lines starting with `#` or
/// `-DOCSTART-` are skipped.
pub fn read_iob(path: &Path, word_col: usize, tag_col: isize) -> Result<Vec<IobSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(parse_iob(path, &text, word_col, tag_col)?
        .into_iter()
        .flatten()
        .collect())
}

fn parse_iob(
    path: &Path,
    text: &str,
    word_col: usize,
    tag_col: isize,
) -> Result<Vec<Vec<IobSentence>>> {
    let mut docs: Vec<Vec<IobSentence>> = vec![Vec::new()];
    let mut cur: IobSentence = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        let new_doc = line.starts_with("-DOCSTART-") || line.starts_with("# newdoc");
        if line.is_empty() || new_doc {
            if !cur.is_empty() {
                docs.last_mut()
                    .expect("one document")
                    .push(iob1_to_iob2(std::mem::take(&mut cur)));
            }
            if new_doc && !docs.last().expect("one document").is_empty() {
                docs.push(Vec::new());
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
        docs.last_mut()
            .expect("one document")
            .push(iob1_to_iob2(cur));
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
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

/// Named PER/ORG/LOC entities of a GUM CoNLL-U file as IOB2 sentences: entity spans of type
/// person, organization or place (from the MISC `Entity=` annotation) whose words, after a leading
/// "the", are proper nouns (or "of"/"and" between them); the outermost such span wins.
pub fn gum_entities(path: &Path) -> Result<Vec<Vec<(String, String)>>> {
    let sents = read_conllu(path)?;
    let mut out = Vec::new();
    for s in sents {
        let n = s.len();
        let mut open: Vec<(String, usize, String)> = Vec::new();
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        for (i, r) in s.iter().enumerate() {
            let Some(ent) = r.misc.split('|').find_map(|m| m.strip_prefix("Entity=")) else {
                continue;
            };
            let b = ent.as_bytes();
            let mut k = 0;
            while k < b.len() {
                if b[k] == b'(' {
                    let end = ent[k + 1..]
                        .find(['(', ')'])
                        .map_or(ent.len(), |e| k + 1 + e);
                    let info = &ent[k + 1..end];
                    let mut parts = info.split('-');
                    let id = parts.next().unwrap_or("").to_string();
                    let ty = parts.next().unwrap_or("").to_string();
                    if end < b.len() && b[end] == b')' {
                        spans.push((i, i + 1, ty));
                        k = end + 1;
                    } else {
                        open.push((id, i, ty));
                        k = end;
                    }
                } else {
                    let end = ent[k..].find(['(', ')']).map_or(ent.len(), |e| k + e);
                    let id = &ent[k..end];
                    if end < b.len() && b[end] == b')' {
                        if let Some(p) = open.iter().rposition(|(x, _, _)| x == id) {
                            let (_, st, ty) = open.remove(p);
                            spans.push((st, i + 1, ty));
                        }
                        k = end + 1;
                    } else {
                        k = end.max(k + 1);
                    }
                }
            }
        }
        let mut tags = vec!["O".to_string(); n];
        spans.sort_by_key(|(a, b, _)| (std::cmp::Reverse(b - a), *a));
        for (a, b, ty) in spans {
            let label = match ty.as_str() {
                "person" => "PER",
                "organization" => "ORG",
                "place" => "LOC",
                _ => continue,
            };
            let mut a = a;
            if a < b && s[a].upos == "DET" {
                a += 1;
            }
            if a >= b || b - a > 8 || s[a].upos != "PROPN" || s[b - 1].upos != "PROPN" {
                continue;
            }
            let named = (a..b).all(|k| {
                s[k].upos == "PROPN"
                    || matches!(
                        s[k].form.as_str(),
                        "of" | "and" | "&" | "-" | "'s" | "for" | "de"
                    )
            });
            if !named || (a..b).any(|k| tags[k] != "O") {
                continue;
            }
            for (k, t) in tags[a..b].iter_mut().enumerate() {
                *t = format!("{}-{label}", if k == 0 { "B" } else { "I" });
            }
        }
        out.push(s.into_iter().map(|r| r.form).zip(tags).collect());
    }
    Ok(out)
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
