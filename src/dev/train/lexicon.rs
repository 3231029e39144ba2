//! Derives `data/lexicon/words.tsv` (tags and lemmas of words) from UD treebanks and
//! `data/lexicon/names.tsv` (how often a token is part of a PER/ORG/LOC name) from IOB2 files.
use super::conllu::{read_conllu, read_iob};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Builds the text of `words.tsv` from CoNLL-U files: one line per lower-cased form seen at least
/// `min_count` times, with its readings `UPOS lemma count`, most frequent first. Where treebanks
/// disagree on a lemma, the first file's convention wins (a lemma it saw counts 1000 times more).
pub fn words_tsv(conllu: &[&Path], min_count: u32) -> Result<String> {
    let mut counts: BTreeMap<String, BTreeMap<(String, String), u32>> = BTreeMap::new();
    // votes for the lemma of a (form, tag): the first file's count weighs more
    let mut votes: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for (fi, p) in conllu.iter().enumerate() {
        for sent in read_conllu(p)? {
            for r in sent {
                let form = r.form.to_lowercase();
                if form.contains(['\t', ' ']) {
                    continue;
                }
                // lemmas keep the treebank's case ("I", "Palestinian")
                let mut lemma = r.lemma.clone();
                if lemma.is_empty() || lemma == "_" || lemma.contains([' ', '\t']) {
                    lemma = form.clone();
                }
                *votes
                    .entry((form.clone(), r.upos.clone(), lemma.clone()))
                    .or_default() += if fi == 0 { 1000 } else { 1 };
                *counts
                    .entry(form)
                    .or_default()
                    .entry((r.upos.clone(), lemma))
                    .or_default() += 1;
            }
        }
    }
    let mut out = String::from(
        "# Derived by `kgraph train lexicon` from UD English-EWT train and GUM (CC BY-SA 4.0 / CC BY).\n\
         # form <TAB> readings \"UPOS lemma count\", most frequent first\n",
    );
    for (form, readings) in counts {
        let total: u32 = readings.values().sum();
        if total < min_count {
            continue;
        }
        // one reading per tag: its total count, with the most frequent (then shortest) lemma
        let mut per_tag: BTreeMap<String, (u32, String, u64)> = BTreeMap::new();
        for ((p, l), c) in readings {
            let v = votes
                .get(&(form.clone(), p.clone(), l.clone()))
                .copied()
                .unwrap_or(0);
            let e = per_tag.entry(p).or_insert((0, String::new(), 0));
            e.0 += c;
            if v > e.2 || (v == e.2 && (l.len(), &l) < (e.1.len(), &e.1)) {
                e.1 = l;
                e.2 = v;
            }
        }
        let mut r: Vec<((String, String), u32)> = per_tag
            .into_iter()
            .map(|(p, (c, l, _))| ((p, l), c))
            .collect();
        r.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let keep: Vec<String> = r
            .into_iter()
            .filter(|(_, c)| *c * 100 >= total)
            .map(|((p, l), c)| format!("{p} {l} {c}"))
            .collect();
        out.push_str(&form);
        for k in keep {
            out.push('\t');
            out.push_str(&k);
        }
        out.push('\n');
    }
    Ok(out)
}

/// Builds the text of `names.tsv` from IOB2 files: capitalised tokens inside PER/ORG/LOC names,
/// with their counts per type.
pub fn names_tsv(iob: &[&Path]) -> Result<String> {
    let mut counts: BTreeMap<String, [u32; 3]> = BTreeMap::new();
    for p in iob {
        for sent in read_iob(p, 1, 2)? {
            for (w, t) in sent {
                let ty = match t.get(2..) {
                    Some("PER") => 0,
                    Some("ORG") => 1,
                    Some("LOC") => 2,
                    _ => continue,
                };
                if w.chars().next().is_some_and(char::is_uppercase) {
                    counts.entry(w).or_default()[ty] += 1;
                }
            }
        }
    }
    if counts.is_empty() {
        return Err(Error::Data {
            path: iob.first().map(|p| p.to_path_buf()).unwrap_or_default(),
            line: 0,
            reason: "no entity tokens found".into(),
        });
    }
    let mut out = String::from(
        "# Derived by `kgraph train lexicon` from UNER English-EWT train (CC BY-SA 4.0).\n\
         # token <TAB> times in a PER name <TAB> ORG <TAB> LOC\n",
    );
    for (w, c) in counts {
        out.push_str(&format!("{w}\t{}\t{}\t{}\n", c[0], c[1], c[2]));
    }
    Ok(out)
}
