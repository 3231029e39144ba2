//! Triples: one row per (edge, evidence), for `kgraph extract` and the jsonl/tsv outputs; the
//! JSONL fields are what the project's facts scorer (facts.py) reads.
use crate::graph::Graph;
use serde::Serialize;

/// One extracted fact with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Triple {
    pub doc: String,
    pub subject: String,
    pub subject_type: &'static str,
    pub subject_aliases: Vec<String>,
    pub predicate: String,
    pub object: String,
    pub object_type: &'static str,
    pub object_aliases: Vec<String>,
    pub negated: bool,
    pub hedged: bool,
    pub attributed_to: Option<String>,
    pub sentence: usize,
    pub evidence: String,
    pub span: (usize, usize),
    pub source_span: (usize, usize),
    pub confidence: f32,
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

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Tab-separated values with a header line.
pub fn to_tsv(rows: &[Triple]) -> Vec<u8> {
    let mut out = String::from("doc\tsubject\tsubject_type\tpredicate\tobject\tobject_type\tnegated\thedged\tsentence\tconfidence\tevidence\n");
    for t in rows {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            tsv_field(&t.doc),
            tsv_field(&t.subject),
            t.subject_type,
            tsv_field(&t.predicate),
            tsv_field(&t.object),
            t.object_type,
            t.negated,
            t.hedged,
            t.sentence,
            t.confidence,
            tsv_field(&t.evidence)
        ));
    }
    out.into_bytes()
}
