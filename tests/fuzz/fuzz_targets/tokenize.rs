//! Fuzz target: any text through the tokenizer and the sentence splitter: tokens and sentences
//! are ordered, non-overlapping spans on character boundaries, never a panic.
#![no_main]
use kgraph::pipeline::{sentences, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut d = kgraph::ingest::from_text("f", text);
    tokenize::tokenize(&mut d);
    sentences::split(&mut d);
    let mut end = 0;
    for t in &d.tokens {
        assert!(t.start >= end && t.start < t.end && t.end <= d.text.len());
        assert!(d.text.is_char_boundary(t.start) && d.text.is_char_boundary(t.end));
        end = t.end;
    }
    let mut next = 0;
    for s in &d.sentences {
        assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    assert!(d.sentences.is_empty() || next == d.tokens.len());
});
