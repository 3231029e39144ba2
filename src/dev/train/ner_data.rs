//! Entity training files from other open corpora (`kgraph train ner-data`): reads CoNLL/IOB files
//! of any tag set (wikigold, the Broad Twitter Corpus, UNER PUD, CrossNER) and Re-DocRED's JSON,
//! maps their types to PER/ORG/LOC (everything else is outside a name), and writes IOB2 in UNER's
//! layout with every tenth sentence held out as a development part.
use super::conllu::{read_iob_auto, IobSentence};
use crate::error::{Error, Result};
use std::path::Path;

/// Our type for a corpus's entity type, if any: people of every trade ("politician",
/// "scientist", "musicalartist") are PER; "politicalparty", "organisation", "university", "band",
/// "magazine" and WNUT's "corporation" and "group" ORG; "country", "location" and "GPE" LOC.
pub fn map_type(ty: &str) -> Option<&'static str> {
    match ty.to_ascii_lowercase().as_str() {
        "per" | "person" | "politician" | "pers" | "scientist" | "writer" | "musicalartist"
        | "researcher" => Some("PER"),
        "org" | "organisation" | "organization" | "politicalparty" | "party" | "university"
        | "band" | "corporation" | "group" | "magazine" => Some("ORG"),
        "loc" | "location" | "country" | "gpe" | "place" => Some("LOC"),
        _ => None,
    }
}

/// An IOB2 sentence with its types mapped (unmapped names become O, I- after O becomes B-).
fn mapped(s: IobSentence) -> IobSentence {
    let mut out: IobSentence = Vec::with_capacity(s.len());
    let mut prev: Option<&'static str> = None;
    for (w, t) in s {
        let (prefix, ty) = match t.split_once('-') {
            Some((p, ty)) if matches!(p, "B" | "I" | "S" | "E" | "L" | "U") => (p, map_type(ty)),
            _ => ("O", None),
        };
        let tag = match ty {
            None => {
                prev = None;
                "O".to_string()
            }
            Some(ty) => {
                let begins = matches!(prefix, "B" | "S" | "U") || prev != Some(ty);
                prev = Some(ty);
                format!("{}-{ty}", if begins { "B" } else { "I" })
            }
        };
        out.push((w, tag));
    }
    out
}

/// The sentences of a Re-DocRED (or DocRED) JSON file: each document's `sents` with the
/// mentions of its `vertexSet` as tags (the first of overlapping mentions wins).
fn docred(path: &Path) -> Result<Vec<IobSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |reason: &str| Error::Data {
        path: path.into(),
        line: 0,
        reason: reason.into(),
    };
    let docs: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(&format!("not DocRED JSON: {e}")))?;
    let docs = docs
        .as_array()
        .ok_or_else(|| bad("expected a list of documents"))?;
    let mut out = Vec::new();
    for d in docs {
        let sents = d["sents"]
            .as_array()
            .ok_or_else(|| bad("a document without sents"))?;
        let mut tags: Vec<Vec<String>> = sents
            .iter()
            .map(|s| vec!["O".to_string(); s.as_array().map_or(0, Vec::len)])
            .collect();
        for entity in d["vertexSet"].as_array().into_iter().flatten() {
            for m in entity.as_array().into_iter().flatten() {
                let Some(ty) = m["type"].as_str().and_then(map_type) else {
                    continue;
                };
                let (Some(s), Some(a), Some(b)) = (
                    m["sent_id"].as_u64(),
                    m["pos"][0].as_u64(),
                    m["pos"][1].as_u64(),
                ) else {
                    continue;
                };
                let Some(row) = tags.get_mut(s as usize) else {
                    continue;
                };
                let (a, b) = (a as usize, b as usize);
                if a >= b || b > row.len() || row[a..b].iter().any(|t| t != "O") {
                    continue;
                }
                row[a] = format!("B-{ty}");
                for t in &mut row[a + 1..b] {
                    *t = format!("I-{ty}");
                }
            }
        }
        for (s, t) in sents.iter().zip(tags) {
            let words = s.as_array().into_iter().flatten();
            out.push(
                words
                    .zip(t)
                    .map(|(w, t)| (w.as_str().unwrap_or("_").to_string(), t))
                    .collect(),
            );
        }
    }
    Ok(out)
}

/// The sentences of every file, types mapped, in the given order.
pub fn read(files: &[&Path]) -> Result<Vec<IobSentence>> {
    let mut out = Vec::new();
    for f in files {
        let sentences = if f.extension().is_some_and(|e| e == "json") {
            docred(f)?
        } else {
            read_iob_auto(f)?.into_iter().map(mapped).collect()
        };
        // a token with white space in it would break the line format
        out.extend(sentences.into_iter().filter(|s| !s.is_empty()).map(|s| {
            s.into_iter()
                .map(|(w, t)| (w.split_whitespace().collect::<Vec<_>>().join("_"), t))
                .filter(|(w, _)| !w.is_empty())
                .collect::<IobSentence>()
        }));
    }
    out.retain(|s| !s.is_empty());
    Ok(out)
}

/// IOB2 text in UNER's layout (`index token tag - -`), after a `# source` comment line.
pub fn to_iob2(sentences: &[IobSentence], source: &str) -> String {
    let mut out = format!("# source: {}\n", source.replace('\n', " "));
    for s in sentences {
        for (i, (w, t)) in s.iter().enumerate() {
            out.push_str(&format!("{}\t{w}\t{t}\t-\t-\n", i + 1));
        }
        out.push('\n');
    }
    out
}

/// The training and development parts: every tenth sentence is held out.
pub fn split(sentences: Vec<IobSentence>) -> (Vec<IobSentence>, Vec<IobSentence>) {
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    for (i, s) in sentences.into_iter().enumerate() {
        if i % 10 == 9 {
            dev.push(s);
        } else {
            train.push(s);
        }
    }
    (train, dev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_tag_sets_map_to_ours() {
        let s: IobSentence = [
            ("United", "B-politicalparty"),
            ("Russia", "I-politicalparty"),
            ("won", "O"),
            ("the", "O"),
            ("election", "B-election"),
            ("in", "O"),
            ("Russia", "I-country"),
        ]
        .iter()
        .map(|(w, t)| (w.to_string(), t.to_string()))
        .collect();
        let tags: Vec<String> = mapped(s).into_iter().map(|(_, t)| t).collect();
        assert_eq!(tags, ["B-ORG", "I-ORG", "O", "O", "O", "O", "B-LOC"]);
    }

    #[test]
    fn docred_mentions_become_tags_and_every_tenth_sentence_is_held_out() {
        let dir = std::env::temp_dir().join(format!("kgraph-docred-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("d.json");
        let sents: Vec<Vec<&str>> = (0..10)
            .map(|_| vec!["Ann", "Lee", "joined", "Acme", "."])
            .collect();
        let doc = serde_json::json!([{
            "title": "t", "sents": sents,
            "vertexSet": [[{"type": "PER", "pos": [0, 2], "sent_id": 0}],
                          [{"type": "ORG", "pos": [3, 4], "sent_id": 0},
                           {"type": "TIME", "pos": [3, 4], "sent_id": 1}]]
        }]);
        std::fs::write(&p, doc.to_string()).unwrap();
        let s = read(&[p.as_path()]).unwrap();
        let tags: Vec<&str> = s[0].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(tags, ["B-PER", "I-PER", "O", "B-ORG", "O"]);
        assert!(s[1].iter().all(|(_, t)| t == "O"));
        let (train, dev) = split(s);
        assert_eq!((train.len(), dev.len()), (9, 1));
        let text = to_iob2(&dev, "test");
        assert!(text.starts_with("# source: test\n1\tAnn\tO\t-\t-\n"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
