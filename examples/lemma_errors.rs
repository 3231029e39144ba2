//! Prints the most frequent lemma errors on a CoNLL-U file (a development aid).
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: lemma_errors FILE.conllu");
    let errs =
        kgraph::dev::eval::lemma_errors(&kgraph::Pipeline::new(), std::path::Path::new(&path))
            .expect("readable file");
    let mut counts = std::collections::BTreeMap::new();
    for e in &errs {
        *counts
            .entry(format!("{}\t{}\t{}\t{}\t{}", e.0, e.1, e.2, e.3, e.4))
            .or_insert(0) += 1;
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (k, c) in v.iter().take(
        std::env::args()
            .nth(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(60),
    ) {
        println!("{c}\t{k}");
    }
}
