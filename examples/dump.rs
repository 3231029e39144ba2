//! Prints each token of a text with its tag, head, relation and entity, then each mention with
//! its title and the mention that title belongs to (a development aid).
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let text = std::fs::read_to_string(&path).expect("readable");
    let p = kgraph::Pipeline::new();
    let d = p.annotate("d", &text);
    for (i, t) in d.tokens.iter().enumerate() {
        let m = d
            .mentions
            .iter()
            .find(|m| m.tokens.contains(&i))
            .map(|m| format!("{:?}", m.entity))
            .unwrap_or_default();
        println!(
            "{i}\t{}\t{:?}\t{}\t{:?}\t{}",
            &d.text[t.start..t.end],
            t.pos,
            t.head.map(|h| h as i64).unwrap_or(-1),
            t.dep,
            m
        );
    }
    for m in &d.mentions {
        println!(
            "mention {:?} {:?} entity {:?} title {:?} of {:?}",
            m.tokens, m.kind, m.entity, m.title, m.title_of
        );
    }
}
