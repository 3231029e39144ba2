//! The fuzzing seeds (`tests/fuzz/seeds/`) and every input that ever crashed or stalled a fuzz
//! target (`tests/fuzz/regressions/`, when there is one), run through the same checks as the
//! targets: reading them as each input kind, and the whole pipeline with two exports.
use std::path::Path;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut out = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            out.push((
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn fuzz_seeds_and_regressions_read_and_annotate_without_panic() {
    let all = inputs();
    assert!(all.len() >= 4, "the seeds are there");
    let pipeline = kgraph::Pipeline::new();
    for (name, bytes) in &all {
        for kind in ["a.txt", "a.html", "a.md", "a.jsonl", "stdin"] {
            if let Ok(read) = kgraph::ingest::parse(Path::new(kind), bytes) {
                for d in &read.docs {
                    assert_eq!(d.offsets.len(), d.text.len() + 1, "{name} as {kind}");
                }
            }
        }
        let text = String::from_utf8_lossy(bytes);
        let d = pipeline.annotate(name, &text);
        for r in &d.relations {
            assert!(
                r.subject < d.entities.len() && r.object < d.entities.len(),
                "{name}"
            );
            assert!(r.sentence < d.sentences.len(), "{name}");
        }
        let g = pipeline.graph(&[d]);
        let mut out = Vec::new();
        kgraph::export::write(&g, kgraph::export::Format::Json, &mut out).unwrap();
        kgraph::export::write(&g, kgraph::export::Format::Dot, &mut out).unwrap();
    }
}
