//! Open triples as rows for `kgraph extract --open`: JSON Lines, TSV, and CaRB's tab format
//! (sentence, confidence, relation, subject, arguments), in document and sentence order.
use crate::doc::Document;
use crate::pipeline::open::OpenFact;
use serde::Serialize;

/// One open triple with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct OpenRow {
    /// The document id.
    pub doc: String,
    /// The subject phrase.
    pub subject: String,
    /// The relation phrase.
    pub predicate: String,
    /// The first argument after the relation ("" when the clause has none).
    pub object: String,
    /// Every argument after the relation: the object, then obliques with their prepositions.
    pub args: Vec<String>,
    /// Whether it is negated.
    pub negated: bool,
    /// Whether it is hedged.
    pub hedged: bool,
    /// The sentence's index.
    pub sentence: usize,
    /// The sentence.
    pub evidence: String,
    /// The sentence's character span in the cleaned text.
    pub span: (usize, usize),
    /// The extraction's confidence.
    pub confidence: f32,
}

/// The rows of one document's open triples.
pub fn rows(doc: &Document, facts: &[OpenFact]) -> Vec<OpenRow> {
    let spans = doc.sentence_char_spans();
    facts
        .iter()
        .map(|f| OpenRow {
            doc: doc.id.clone(),
            subject: f.subject.clone(),
            predicate: f.relation.clone(),
            object: f.args.first().cloned().unwrap_or_default(),
            args: f.args.clone(),
            negated: f.negated,
            hedged: f.hedged,
            sentence: f.sentence,
            evidence: doc.sentence_text(f.sentence).to_string(),
            span: spans[f.sentence].0,
            confidence: f.confidence,
        })
        .collect()
}

/// JSON Lines: one row object per line.
pub fn to_jsonl(rows: &[OpenRow]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in rows {
        serde_json::to_writer(&mut out, r).expect("row serialises");
        out.push(b'\n');
    }
    out
}

/// Tab-separated values with a header line (arguments after the first joined by " | "), quoted
/// where a cell needs it (see [`super::triples::tsv_writer`]).
pub fn to_tsv(rows: &[OpenRow]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = super::triples::tsv_writer(&mut out);
        w.write_record([
            "doc",
            "subject",
            "predicate",
            "object",
            "more_args",
            "negated",
            "hedged",
            "sentence",
            "confidence",
            "evidence",
        ])
        .expect("write to memory");
        for r in rows {
            let more: Vec<&str> = r.args.iter().skip(1).map(String::as_str).collect();
            w.write_record([
                r.doc.as_str(),
                &r.subject,
                &r.predicate,
                &r.object,
                &more.join(" | "),
                &r.negated.to_string(),
                &r.hedged.to_string(),
                &r.sentence.to_string(),
                &r.confidence.to_string(),
                &r.evidence,
            ])
            .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}

/// CaRB's tab format (one line per row by `eval::carb::tab_line`, as `eval carb --predictions`
/// writes it), which its scorer reads with `--tabbed`: sentence, confidence, relation,
/// subject, arguments.
pub fn to_carb(rows: &[OpenRow]) -> Vec<u8> {
    let mut out = String::new();
    for r in rows {
        let mut args = vec![r.subject.clone()];
        args.extend(r.args.iter().cloned());
        let e = Extraction {
            relation: r.predicate.clone(),
            args,
            confidence: r.confidence,
        };
        out.push_str(&tab_line(&r.evidence, &e));
    }
    out.into_bytes()
}

/// One extraction: relation and arguments as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The relation phrase.
    pub relation: String,
    /// The arguments, the subject first.
    pub args: Vec<String>,
    /// The confidence.
    pub confidence: f32,
}

/// One extraction in CaRB's tab format: sentence, confidence, relation, arguments.
pub fn tab_line(sentence: &str, e: &Extraction) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut line = format!(
        "{}\t{:.2}\t{}",
        clean(sentence),
        e.confidence,
        clean(&e.relation)
    );
    for a in &e.args {
        line.push('\t');
        line.push_str(&clean(a));
    }
    line.push('\n');
    line
}
