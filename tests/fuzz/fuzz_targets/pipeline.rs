//! Fuzz target: any text through the whole pipeline, the graph and two exports: never a panic;
//! every relation's entities and sentence exist.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static kgraph::Pipeline {
    static P: OnceLock<kgraph::Pipeline> = OnceLock::new();
    P.get_or_init(kgraph::Pipeline::new)
}

fuzz_target!(
    init: {
        // the models load before the first input, so that -timeout measures one input's work
        let m = pipeline().models();
        m.ner_for(kgraph::dev::model::ner::Casing::Lower);
    },
    |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let p = pipeline();
        let d = p.annotate("f", text);
        for r in &d.relations {
            assert!(r.subject < d.entities.len() && r.object < d.entities.len());
            assert!(r.sentence < d.sentences.len());
        }
        let g = p.graph(&[d]);
        let mut out = Vec::new();
        kgraph::export::write(&g, kgraph::export::Format::Json, &mut out).unwrap();
        kgraph::export::write(&g, kgraph::export::Format::Dot, &mut out).unwrap();
    }
);
