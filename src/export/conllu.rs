//! The annotated text as CoNLL-U for `kgraph extract --format conllu`: one block per sentence with
//! each token's lemma, universal POS tag, head and relation, its entity tag in MISC
//! (`NER=B-PER`) and, on a pronoun or description coreference resolved, the entity it stands for
//! (`Ref=Jens_Stoltenberg`), or the chain of an unnamed thing it belongs to (`Chain=2`: "the
//! document ... it"), so a parse can be read, diffed or loaded by CoNLL-U tools (conllu,
//! UDPipe, Stanza).
use crate::doc::Dep;
use crate::doc::Document;
use std::fmt::Write;

/// The entity tag of every token in BIO form (`O` outside a mention).
fn bio(doc: &Document) -> Vec<String> {
    let mut tags = vec![String::from("O"); doc.tokens.len()];
    for m in &doc.mentions {
        for (k, t) in m.tokens.clone().enumerate() {
            if let Some(slot) = tags.get_mut(t) {
                let p = if k == 0 { "B" } else { "I" };
                *slot = format!("{p}-{}", m.kind.as_str());
            }
        }
    }
    tags
}

/// A token's form with tabs and line breaks (never inside a token, but be safe) made spaces.
fn form(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Writes one document as CoNLL-U: `# doc_id`, then per sentence `# sent_id` and `# text`.
pub fn write(doc: &Document, out: &mut String) {
    let tags = bio(doc);
    // the head token of each anaphor in a chain of an unnamed thing, and the chain's number
    let chain: std::collections::HashMap<usize, usize> = doc
        .nominal_chains
        .iter()
        .enumerate()
        .flat_map(|(n, c)| c.iter().map(move |t| (t.end - 1, n + 1)))
        .collect();
    let _ = writeln!(out, "# newdoc id = {}", form(&doc.id));
    for (si, s) in doc.sentences.iter().enumerate() {
        let _ = writeln!(out, "# sent_id = {}-{}", form(&doc.id), si + 1);
        let _ = writeln!(out, "# text = {}", form(doc.sentence_text(si)));
        for i in s.tokens.clone() {
            let t = &doc.tokens[i];
            let head = match t.head {
                Some(h) if s.tokens.contains(&(h as usize)) => h as usize + 1 - s.tokens.start,
                _ => 0,
            };
            let dep = if t.dep == Dep::None {
                if head == 0 {
                    "root"
                } else {
                    "dep"
                }
            } else {
                t.dep.as_str()
            };
            let mut misc = vec![format!("NER={}", tags[i])];
            // a pronoun's or a description's head: the entity coreference linked it to
            if let Some(r) = doc.referent(i) {
                misc.push(format!(
                    "Ref={}",
                    doc.entities[r.entity].name.replace(' ', "_")
                ));
            } else if let Some(n) = chain.get(&i) {
                misc.push(format!("Chain={n}"));
            }
            let next = doc.tokens.get(i + 1).filter(|_| i + 1 < s.tokens.end);
            if next.is_some_and(|n| n.start == t.end) {
                misc.push("SpaceAfter=No".into());
            }
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t{}",
                i + 1 - s.tokens.start,
                form(doc.token_text(i)),
                form(&doc.lemma(i)),
                t.pos.as_str(),
                head,
                dep,
                misc.join("|")
            );
        }
        out.push('\n');
    }
}

/// Every document as CoNLL-U bytes, in the given order.
pub fn to_bytes(docs: &[Document]) -> Vec<u8> {
    let mut out = String::new();
    for d in docs {
        write(d, &mut out);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_has_ten_columns_and_one_root_per_sentence() {
        let mut doc =
            crate::ingest::from_text("t", "Jens Stoltenberg visited Paris. He met Macron.");
        crate::testing::annotate(&mut doc);
        let text = String::from_utf8(to_bytes(&[doc])).unwrap();
        let blocks: Vec<&str> = text.split("\n\n").filter(|b| b.contains('\t')).collect();
        assert_eq!(blocks.len(), 2);
        for b in blocks {
            let rows: Vec<Vec<&str>> = b
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.split('\t').collect())
                .collect();
            assert!(rows.iter().all(|r| r.len() == 10));
            assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{b}");
            let n = rows.len();
            assert!(rows.iter().all(|r| r[6].parse::<usize>().unwrap() <= n));
        }
        assert!(text.contains("Stoltenberg\tStoltenberg\tPROPN"), "{text}");
        assert!(text.contains("NER=B-PER") && text.contains("NER=I-PER"));
        assert!(text.contains("# text = He met Macron."));
        let paris: Vec<&str> = text
            .lines()
            .find(|l| l.contains("\tParis\t"))
            .unwrap()
            .split('\t')
            .collect();
        assert_eq!(paris[6], "3", "Paris hangs from 'visited': {text}");
        assert!(paris[9].contains("NER=B-") && paris[9].ends_with("SpaceAfter=No"));
        // the pronoun names the entity coreference linked it to
        let he = text.lines().find(|l| l.contains("\tHe\t")).unwrap();
        assert!(he.ends_with("NER=O|Ref=Jens_Stoltenberg"), "{he}");
    }
}
