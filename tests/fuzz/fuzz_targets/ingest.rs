//! Fuzz target: any bytes as a text, HTML, Markdown or JSONL input: an error or documents whose
//! cleaned text maps back into the original, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for name in ["a.txt", "a.html", "a.md", "a.jsonl", "stdin"] {
        if let Ok(read) = kgraph::ingest::parse(Path::new(name), data) {
            for d in &read.docs {
                assert_eq!(d.offsets.len(), d.text.len() + 1);
                for &o in &d.offsets {
                    assert!(o as usize <= d.original.len());
                }
            }
        }
    }
});
