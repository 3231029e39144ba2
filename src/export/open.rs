//! Open triples as rows for `kgraph extract --open`: JSON Lines, TSV, and CaRB's tab format
//! (sentence, confidence, relation, subject, arguments), in document and sentence order.
use crate::doc::Document;
use crate::pipeline::open::OpenFact;
use serde::Serialize;

/// One open triple with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct OpenRow {
    pub doc: String,
    pub subject: String,
    pub predicate: String,
    /// The first argument after the relation ("" when the clause has none).
    pub object: String,
    /// Every argument after the relation: the object, then obliques with their prepositions.
    pub args: Vec<String>,
    pub negated: bool,
    pub hedged: bool,
    pub sentence: usize,
    pub evidence: String,
    pub span: (usize, usize),
    pub confidence: f32,
}

/// The rows of one document's open triples.
pub fn rows(doc: &Document, facts: &[OpenFact]) -> Vec<OpenRow> {
    facts
        .iter()
        .map(|f| {
            let s = &doc.sentences[f.sentence];
            OpenRow {
                doc: doc.id.clone(),
                subject: f.subject.clone(),
                predicate: f.relation.clone(),
                object: f.args.first().cloned().unwrap_or_default(),
                args: f.args.clone(),
                negated: f.negated,
                hedged: f.hedged,
                sentence: f.sentence,
                evidence: doc.sentence_text(f.sentence).to_string(),
                span: doc.char_span(s.start, s.end),
                confidence: f.confidence,
            }
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

fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Tab-separated values with a header line (arguments after the first joined by " | ").
pub fn to_tsv(rows: &[OpenRow]) -> Vec<u8> {
    let mut out = String::from(
        "doc\tsubject\tpredicate\tobject\tmore_args\tnegated\thedged\tsentence\tconfidence\tevidence\n",
    );
    for r in rows {
        let more = r.args.iter().skip(1).map(|a| field(a)).collect::<Vec<_>>();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            field(&r.doc),
            field(&r.subject),
            field(&r.predicate),
            field(&r.object),
            more.join(" | "),
            r.negated,
            r.hedged,
            r.sentence,
            r.confidence,
            field(&r.evidence)
        ));
    }
    out.into_bytes()
}

/// CaRB's tab format (one line per row by `eval::carb::tab_line`, as `eval carb --predictions`
/// writes it), which its scorer reads with `--tabbed`: sentence, confidence, relation,
/// subject, arguments.
pub fn to_carb(rows: &[OpenRow]) -> Vec<u8> {
    let mut out = String::new();
    for r in rows {
        let mut args = vec![r.subject.clone()];
        args.extend(r.args.iter().cloned());
        let e = crate::eval::carb::Extraction {
            relation: r.predicate.clone(),
            args,
            confidence: r.confidence,
        };
        out.push_str(&crate::eval::carb::tab_line(&r.evidence, &e));
    }
    out.into_bytes()
}
