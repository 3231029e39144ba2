//! The layering of docs/ARCHITECTURE.md, checked on the source: every `crate::` path in the
//! library's code (tests left out) names a module of the same layer or one below. A module that
//! reaches up (the tokenizer case: the word lists importing a pipeline stage) fails here.
use std::collections::BTreeMap;
use std::path::Path;

/// The library's top-level modules by layer, lowest first (docs/ARCHITECTURE.md).
const LAYERS: &[&[&str]] = &[
    &["hash", "error", "doc", "tokens"],
    &["clean", "html", "lexicon"],
    &["ingest", "model"],
    &["pipeline"],
    &["graph"],
    &["link"],
    &["export"],
    &["eval", "train"],
];

/// Imports that break a rule of the architecture and are still to be removed, each with why.
/// (Today: none.)
const KNOWN: &[(&str, &str)] = &[];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The code of a file without its test module.
fn code(text: &str) -> &str {
    match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    }
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    let mut up: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &files {
        let rel = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // the machinery under dev/ (model, train, eval) keeps the layers of its own modules
        let mut parts = rel.split('/');
        let mut top = parts.next().unwrap().trim_end_matches(".rs").to_string();
        if top == "dev" {
            match parts.next() {
                Some(m) if m != "mod.rs" => top = m.trim_end_matches(".rs").to_string(),
                _ => continue,
            }
        }
        // the binary's command line and the crate root sit above every layer
        let Some(own) = layer_of(&top) else { continue };
        if rel.ends_with("/tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (k, _) in code(&text).match_indices("crate::") {
            let rest = &code(&text)[k + 7..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if let Some(l) = layer_of(&name) {
                if l > own && !KNOWN.contains(&(top.as_str(), name.as_str())) {
                    up.entry(format!("{rel} -> {name}"))
                        .or_default()
                        .push(name.clone());
                }
            }
        }
    }
    assert!(
        up.is_empty(),
        "imports from a higher layer: {:?}",
        up.keys()
    );
}

#[test]
fn every_module_of_the_library_has_a_layer() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line
            .trim()
            .strip_prefix("pub mod ")
            .or(line.trim().strip_prefix("pub(crate) mod "))
            .or(line.trim().strip_prefix("mod "))
        {
            let m = m.trim_end_matches(';').trim_end_matches(" {");
            if m == "testing" || m == "dev" {
                continue;
            }
            assert!(
                layer_of(m).is_some(),
                "module {m} has no layer in docs/ARCHITECTURE.md"
            );
        }
    }
}

#[test]
fn the_graph_model_knows_no_word_list() {
    // resolution and linking are handed to the builder (`graph::Resolver`, implemented in
    // `link`): the graph's own code names neither the lexicon nor the linking step
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/graph");
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    assert!(!files.is_empty());
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for banned in ["crate::lexicon", "crate::link", "Lexicon"] {
            if code(&text).contains(banned) {
                bad.push(format!("{} names {banned}", f.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}
