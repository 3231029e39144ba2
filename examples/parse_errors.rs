//! Prints attachment errors by gold relation on a CoNLL-U file (a development aid).
use kgraph::dev::model::text::Words;
use std::collections::BTreeMap;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: parse_errors FILE.conllu [BEAM]");
    let beam: usize = std::env::args()
        .nth(2)
        .and_then(|b| b.parse().ok())
        .unwrap_or(1);
    let sents =
        kgraph::dev::train::conllu::read_conllu(std::path::Path::new(&path)).expect("readable");
    let pipeline = kgraph::Pipeline::new();
    let (m, lx) = (pipeline.models(), pipeline.lexicon());
    let mut w = Words::default();
    let (mut tags, mut alts) = (Vec::new(), Vec::new());
    // relation -> (tokens, wrong head, right head but wrong label)
    let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut total = 0;
    for s in &sents {
        w.fill(s.iter().map(|r| r.form.as_str()));
        m.tagger.tag_alt(lx, &w, &mut tags, &mut alts);
        let (heads, labels) = m.parse(&w, &tags, &alts, beam);
        for (i, r) in s.iter().enumerate() {
            total += 1;
            let gold = if r.head == 0 { s.len() } else { r.head - 1 };
            let rel = r.deprel.split(':').next().unwrap_or("").to_string();
            let e = by.entry(rel.clone()).or_default();
            e.0 += 1;
            if heads[i] != gold {
                e.1 += 1;
            } else {
                let p = &m.parser.labels.classes[labels[i]];
                if p.split(':').next() != Some(rel.as_str()) {
                    e.2 += 1;
                }
            }
        }
    }
    let mut v: Vec<_> = by.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1 .1));
    println!("relation\ttokens\twrong head (% of all tokens)\twrong label");
    for (rel, (n, wh, wl)) in v.iter().take(25) {
        println!(
            "{rel}\t{n}\t{wh} ({:.2}%)\t{wl}",
            100.0 * *wh as f64 / total as f64
        );
    }
}
