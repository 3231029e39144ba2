//! Triples: one row per (edge, evidence), for `kgraph extract` and the jsonl/tsv outputs; the
//! JSONL fields are what the project's facts scorer (facts.py) reads.
use crate::graph::Graph;
use serde::Serialize;

/// One extracted fact with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Triple {
    /// The document id.
    pub doc: String,
    /// The subject's name.
    pub subject: String,
    /// The subject's type.
    pub subject_type: &'static str,
    /// The subject's other names.
    pub subject_aliases: Vec<String>,
    /// The predicate.
    pub predicate: String,
    /// The object's name.
    pub object: String,
    /// The object's type.
    pub object_type: &'static str,
    /// The object's other names.
    pub object_aliases: Vec<String>,
    /// Whether the text states it negated.
    pub negated: bool,
    /// Whether the text hedges it.
    pub hedged: bool,
    /// Who the text says stated it ("X said that ...").
    pub attributed_to: Option<String>,
    /// The sentence's index in the document.
    pub sentence: usize,
    /// The sentence.
    pub evidence: String,
    /// The sentence's character span in the cleaned text.
    pub span: (usize, usize),
    /// The sentence's character span in the original input.
    pub source_span: (usize, usize),
    /// The fact's confidence (0 to 1).
    pub confidence: f32,
    /// The pattern that made the fact ("path": a path candidate).
    pub rule: String,
}

/// Every triple of the graph, ordered by document, sentence, subject, predicate and object.
pub fn triples(g: &Graph) -> Vec<Triple> {
    let mut out = Vec::new();
    for e in g.graph.edge_indices() {
        let (s, o) = g.graph.edge_endpoints(e).expect("edge has endpoints");
        let (s, o, edge) = (&g.graph[s], &g.graph[o], &g.graph[e]);
        for ev in &edge.evidence {
            out.push(Triple {
                doc: ev.doc.clone(),
                subject: s.label.clone(),
                subject_type: s.kind.as_str(),
                subject_aliases: s.aliases.iter().cloned().collect(),
                predicate: edge.predicate.clone(),
                object: o.label.clone(),
                object_type: o.kind.as_str(),
                object_aliases: o.aliases.iter().cloned().collect(),
                negated: ev.negated,
                hedged: ev.hedged,
                attributed_to: ev.attributed_to.clone(),
                sentence: ev.sentence,
                evidence: ev.text.clone(),
                span: ev.span,
                source_span: ev.source_span,
                confidence: ev.confidence,
                rule: ev.rule.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        (
            &a.doc,
            a.sentence,
            &a.subject,
            &a.predicate,
            &a.object,
            a.negated,
        )
            .cmp(&(
                &b.doc,
                b.sentence,
                &b.subject,
                &b.predicate,
                &b.object,
                b.negated,
            ))
    });
    out
}

/// JSON Lines: one triple object per line.
pub fn to_jsonl(rows: &[Triple]) -> Vec<u8> {
    let mut out = Vec::new();
    for t in rows {
        serde_json::to_writer(&mut out, t).expect("triple serialises");
        out.push(b'\n');
    }
    out
}

/// A tab-separated writer with RFC 4180 quoting: a cell holding a tab, a line break or a double
/// quote is quoted, so pandas' and Python's csv defaults (`sep="\t"`) read every row back.
pub fn tsv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

/// Tab-separated values with a header line.
pub fn to_tsv(rows: &[Triple]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = tsv_writer(&mut out);
        w.write_record([
            "doc",
            "subject",
            "subject_type",
            "predicate",
            "object",
            "object_type",
            "negated",
            "hedged",
            "sentence",
            "confidence",
            "evidence",
        ])
        .expect("write to memory");
        for t in rows {
            w.write_record([
                t.doc.as_str(),
                &t.subject,
                t.subject_type,
                &t.predicate,
                &t.object,
                t.object_type,
                &t.negated.to_string(),
                &t.hedged.to_string(),
                &t.sentence.to_string(),
                &t.confidence.to_string(),
                &t.evidence,
            ])
            .expect("write to memory");
        }
        w.flush().expect("write to memory");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_cells_with_quotes_tabs_or_line_breaks_are_quoted() {
        let g = crate::graph::tests_support::sample_graph();
        let mut rows = triples(&g);
        assert!(!rows.is_empty());
        rows[0].evidence = "\"We have not seen\" it,\tsaid he\nlater".into();
        let bytes = to_tsv(&rows);
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .from_reader(&bytes[..]);
        let back: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(back.len(), rows.len());
        assert_eq!(&back[0][10], rows[0].evidence.as_str());
        assert_eq!(&back[0][1], rows[0].subject.as_str());
    }
}
