//! Word classes learnt from unlabelled text (`kgraph train clusters`): the exchange algorithm
//! (Kneser and Ney 1993, Martin et al. 1998) puts each word in the class that best predicts its
//! neighbours under a class bigram model, at two granularities, so that the recogniser can tell
//! that an unseen name keeps the company of names of one kind ("shares in X", "X said").
use super::conllu::{read_conllu, read_iob_auto};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// The token sequences of training and text files: CoNLL-U word forms, the first column of
/// IOB files, and in a folder its `.conllu` files and every line of its `.txt` articles
/// (tokenised as the pipeline does).
pub fn read(paths: &[&Path]) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for &p in paths {
        if p.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "txt" || x == "conllu"))
                .collect();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|x| x == "conllu") {
                    for s in read_conllu(&f)? {
                        out.push(s.into_iter().map(|r| r.form).collect());
                    }
                    continue;
                }
                let text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
                for line in text.lines() {
                    let toks: Vec<String> = crate::pipeline::tokenize::tokenize_str(line)
                        .into_iter()
                        .map(|(a, b, _)| line[a..b].to_string())
                        .collect();
                    if !toks.is_empty() {
                        out.push(toks);
                    }
                }
            }
        } else if p.extension().is_some_and(|x| x == "conllu") {
            for s in read_conllu(p)? {
                out.push(s.into_iter().map(|r| r.form).collect());
            }
        } else {
            for s in read_iob_auto(p)? {
                out.push(s.into_iter().map(|(w, _)| w).collect());
            }
        }
    }
    Ok(out)
}

/// The form a word is clustered under: lower case, digits as 0.
pub fn key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// The words seen at least `min_count` times, most frequent first (ties by spelling), with the
/// bigram counts between them (index `vocab.len()` stands for every other word and the sentence
/// edges).
struct Counts {
    vocab: Vec<String>,
    freq: Vec<f64>,
    /// successors and predecessors of each word with counts (sorted by word index)
    next: Vec<Vec<(u32, f64)>>,
    prev: Vec<Vec<(u32, f64)>>,
}

fn count(sentences: &[Vec<String>], min_count: usize) -> Counts {
    let mut freq: HashMap<String, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *freq.entry(key(w)).or_default() += 1;
        }
    }
    let mut vocab: Vec<(String, usize)> =
        freq.into_iter().filter(|(_, n)| *n >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i as u32))
        .collect();
    let other = vocab.len() as u32;
    let mut pairs: HashMap<(u32, u32), f64> = HashMap::new();
    for s in sentences {
        let ids: Vec<u32> = s
            .iter()
            .map(|w| index.get(key(w).as_str()).copied().unwrap_or(other))
            .collect();
        let mut last = other;
        for &id in ids.iter().chain(std::iter::once(&other)) {
            *pairs.entry((last, id)).or_default() += 1.0;
            last = id;
        }
    }
    let n = vocab.len() + 1;
    let (mut next, mut prev) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    let mut sorted: Vec<((u32, u32), f64)> = pairs.into_iter().collect();
    sorted.sort_by_key(|&(k, _)| k);
    let mut freq = vec![0f64; n];
    for ((a, b), c) in sorted {
        next[a as usize].push((b, c));
        prev[b as usize].push((a, c));
        freq[a as usize] += c;
    }
    Counts {
        vocab: vocab.into_iter().map(|(w, _)| w).collect(),
        freq,
        next,
        prev,
    }
}

/// The class of each word of `c.vocab` among `k` classes after `passes` exchange passes.
fn exchange(c: &Counts, k: usize, passes: usize) -> Vec<usize> {
    let n = c.vocab.len();
    // the "other" token keeps a class of its own (index k)
    let kk = k + 1;
    let mut class: Vec<usize> = (0..n).map(|i| i % k).chain(std::iter::once(k)).collect();
    let mut m = vec![0f64; kk * kk];
    let mut size = vec![0f64; kk];
    for (a, row) in c.next.iter().enumerate() {
        size[class[a]] += c.freq[a];
        for &(b, x) in row {
            m[class[a] * kk + class[b as usize]] += x;
        }
    }
    let (mut right, mut left) = (vec![0f64; kk], vec![0f64; kk]);
    let (mut rnz, mut lnz) = (Vec::new(), Vec::new());
    for pass in 0..passes {
        let mut moved = 0;
        for w in 0..n {
            let a = class[w];
            let mut own = 0.0;
            for &(v, x) in &c.next[w] {
                if v as usize == w {
                    own += x;
                } else {
                    let cv = class[v as usize];
                    if right[cv] == 0.0 {
                        rnz.push(cv);
                    }
                    right[cv] += x;
                }
            }
            for &(u, x) in &c.prev[w] {
                if u as usize != w {
                    let cu = class[u as usize];
                    if left[cu] == 0.0 {
                        lnz.push(cu);
                    }
                    left[cu] += x;
                }
            }
            // take w out of its class
            for &cv in &rnz {
                m[a * kk + cv] -= right[cv];
            }
            for &cu in &lnz {
                m[cu * kk + a] -= left[cu];
            }
            m[a * kk + a] -= own;
            size[a] -= c.freq[w];
            let gain = |b: usize| {
                let mut g = 0.0;
                for &cv in &rnz {
                    if cv != b {
                        let x = m[b * kk + cv];
                        g += xlogx(x + right[cv]) - xlogx(x);
                    }
                }
                for &cu in &lnz {
                    if cu != b {
                        let x = m[cu * kk + b];
                        g += xlogx(x + left[cu]) - xlogx(x);
                    }
                }
                let x = m[b * kk + b];
                g += xlogx(x + right[b] + left[b] + own) - xlogx(x);
                g - 2.0 * (xlogx(size[b] + c.freq[w]) - xlogx(size[b]))
            };
            let mut best = (a, gain(a));
            for b in 0..k {
                if b != a {
                    let g = gain(b);
                    if g > best.1 + 1e-9 {
                        best = (b, g);
                    }
                }
            }
            let b = best.0;
            for &cv in &rnz {
                m[b * kk + cv] += right[cv];
            }
            for &cu in &lnz {
                m[cu * kk + b] += left[cu];
            }
            m[b * kk + b] += own;
            size[b] += c.freq[w];
            if b != a {
                class[w] = b;
                moved += 1;
            }
            for &cv in &rnz {
                right[cv] = 0.0;
            }
            for &cu in &lnz {
                left[cu] = 0.0;
            }
            rnz.clear();
            lnz.clear();
        }
        eprintln!("clusters k={k} pass {}: {moved} words moved", pass + 1);
        if moved == 0 {
            break;
        }
    }
    class.truncate(n);
    class
}

/// The clusters file: a header naming the source, then `word<TAB>coarse<TAB>fine` for each word
/// seen at least `min_count` times, in the order of the vocabulary (most frequent first).
pub fn clusters_tsv(
    sentences: &[Vec<String>],
    min_count: usize,
    sizes: (usize, usize),
    passes: usize,
    source: &str,
) -> String {
    let c = count(sentences, min_count);
    let coarse = exchange(&c, sizes.0, passes);
    let fine = exchange(&c, sizes.1, passes);
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut out = format!(
        "# word classes (exchange algorithm, {} and {} classes, {passes} passes at most) of the {} words seen {min_count} times or more in {words} words of {source}\n",
        sizes.0,
        sizes.1,
        c.vocab.len()
    );
    for (i, w) in c.vocab.iter().enumerate() {
        out.push_str(&format!("{w}\t{}\t{}\n", coarse[i], fine[i]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut sents = Vec::new();
        for (x, y) in [("acme", "rome"), ("globex", "paris"), ("initech", "oslo")] {
            for _ in 0..5 {
                sents.push(vec!["shares".into(), "in".into(), x.into(), "rose".into()]);
                sents.push(vec![
                    "he".into(),
                    "flew".into(),
                    "to".into(),
                    y.into(),
                    ".".into(),
                ]);
            }
        }
        let c = count(&sents, 2);
        let cl = exchange(&c, 4, 20);
        let of = |w: &str| cl[c.vocab.iter().position(|v| v == w).unwrap()];
        assert_eq!(of("acme"), of("globex"));
        assert_eq!(of("rome"), of("paris"));
        assert_ne!(of("acme"), of("rome"));
        // deterministic
        assert_eq!(exchange(&c, 4, 20), cl);
    }
}
