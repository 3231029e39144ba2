//! graph.nt (N-Triples) and graph.ttl (Turtle), written with Oxigraph's oxrdf and oxttl. Each
//! entity is `urn:kgraph:entity:ID` with its type, label, aliases, mention count and link; each
//! fact that is not negated is asserted as a plain triple `entity rel:PREDICATE entity`, and every
//! edge, negated or not, is also described by a reified statement (`rdf:Statement` with
//! `rdf:subject`, `rdf:predicate`, `rdf:object`) that carries its provenance: negation, hedging,
//! count, confidence and each evidence sentence with its document.
use crate::graph::Graph;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Literal, NamedNode, Triple};

/// The namespaces of the vocabulary.
pub const ENTITY: &str = "urn:kgraph:entity:";
/// Prefix of the predicate IRIs (`urn:kgraph:rel:warn`).
pub const REL: &str = "urn:kgraph:rel:";
/// Prefix of kgraph's vocabulary (types, evidence properties).
pub const VOCAB: &str = "urn:kgraph:vocab:";
/// Prefix of the reified statements that carry each fact's evidence.
pub const STATEMENT: &str = "urn:kgraph:statement:";
const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";

/// `iri` with every character `keep` refuses percent-encoded (its UTF-8 bytes as `%XX`).
fn percent_encode(iri: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(iri.len() + 8);
    for c in iri.chars() {
        if keep(c) {
            out.push(c);
        } else {
            let mut b = [0u8; 4];
            for byte in c.encode_utf8(&mut b).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// An IRI of kgraph's namespaces; the characters an IRI cannot hold (spaces, braces, quotes,
/// controls: an id read from a graph.json may have them) are percent-encoded.
fn node(iri: String) -> NamedNode {
    let ok = |c: char| {
        !(c.is_control()
            || c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`' | '%'
            ))
    };
    let iri = if iri.chars().all(ok) {
        iri
    } else {
        percent_encode(&iri, ok)
    };
    NamedNode::new(&iri).unwrap_or_else(|_| {
        // anything else it refuses: every character but letters and digits encoded
        NamedNode::new_unchecked(percent_encode(&iri, |c| {
            c.is_ascii_alphanumeric() || c == ':'
        }))
    })
}

fn vocab(term: &str) -> NamedNode {
    node(format!("{VOCAB}{term}"))
}

/// The IRI piece of a predicate: letters and digits, other characters as "-" ("secretary
/// general of" is `secretary-general-of`).
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn typed(value: String, datatype: oxrdf::NamedNodeRef<'_>) -> Literal {
    Literal::new_typed_literal(value, datatype)
}

/// The graph as RDF triples, in a stable order.
pub fn triples(g: &Graph) -> Vec<Triple> {
    let mut out = Vec::new();
    let mut push = |s: &NamedNode, p: NamedNode, o: oxrdf::Term| {
        out.push(Triple::new(s.clone(), p, o));
    };
    let entity = |id: &str| node(format!("{ENTITY}{id}"));
    for n in g.graph.node_weights() {
        let s = entity(&n.id);
        push(&s, rdf::TYPE.into(), vocab(n.kind.as_str()).into());
        push(
            &s,
            rdfs::LABEL.into(),
            Literal::new_simple_literal(&n.label).into(),
        );
        push(
            &s,
            vocab("mentions"),
            typed(n.mentions.to_string(), xsd::INTEGER).into(),
        );
        for a in &n.aliases {
            push(
                &s,
                node(SKOS_ALT_LABEL.into()),
                Literal::new_simple_literal(a).into(),
            );
        }
        push(
            &s,
            vocab("pagerank"),
            typed(format!("{:?}", n.pagerank), xsd::DOUBLE).into(),
        );
        push(
            &s,
            vocab("community"),
            typed(n.community.to_string(), xsd::INTEGER).into(),
        );
        if let Some(link) = &n.link {
            push(&s, vocab("link"), Literal::new_simple_literal(link).into());
        }
    }
    let mut predicates = std::collections::BTreeSet::new();
    for e in g.graph.edge_indices() {
        let (a, b) = g.graph.edge_endpoints(e).expect("edge has endpoints");
        let edge = &g.graph[e];
        let (s, o) = (entity(&g.graph[a].id), entity(&g.graph[b].id));
        let p = node(format!("{REL}{}", slug(&edge.predicate)));
        predicates.insert((p.clone(), edge.predicate.clone()));
        if !edge.negated {
            push(&s, p.clone(), o.clone().into());
        }
        let st = node(format!("{STATEMENT}{}", e.index()));
        push(&st, rdf::TYPE.into(), rdf::STATEMENT.into_owned().into());
        push(&st, rdf::SUBJECT.into(), s.into());
        push(&st, rdf::PREDICATE.into(), p.into());
        push(&st, rdf::OBJECT.into(), o.into());
        let flag = |b: bool| typed(b.to_string(), xsd::BOOLEAN).into();
        push(&st, vocab("negated"), flag(edge.negated));
        push(&st, vocab("hedged"), flag(edge.hedged));
        push(
            &st,
            vocab("count"),
            typed(edge.count.to_string(), xsd::INTEGER).into(),
        );
        push(
            &st,
            vocab("confidence"),
            typed(edge.confidence.to_string(), xsd::DOUBLE).into(),
        );
        for ev in &edge.evidence {
            push(
                &st,
                vocab("evidence"),
                Literal::new_simple_literal(&ev.text).into(),
            );
            push(
                &st,
                vocab("document"),
                Literal::new_simple_literal(&ev.doc).into(),
            );
        }
    }
    for (p, label) in predicates {
        push(
            &p,
            rdfs::LABEL.into(),
            Literal::new_simple_literal(label).into(),
        );
    }
    out
}

/// N-Triples: one triple a line.
pub fn to_ntriples(g: &Graph) -> Vec<u8> {
    let mut w = oxttl::NTriplesSerializer::new().for_writer(Vec::new());
    for t in triples(g) {
        w.serialize_triple(&t).expect("write to memory");
    }
    w.finish()
}

/// Turtle with the kgraph prefixes (`e:`, `rel:`, `kg:`, `st:`).
pub fn to_turtle(g: &Graph) -> Vec<u8> {
    let mut w = oxttl::TurtleSerializer::new();
    for (name, iri) in [
        ("e", ENTITY),
        ("rel", REL),
        ("kg", VOCAB),
        ("st", STATEMENT),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ] {
        w = w.with_prefix(name, iri).expect("valid prefix");
    }
    let mut w = w.for_writer(Vec::new());
    for t in triples(g) {
        w.serialize_triple(&t).expect("write to memory");
    }
    w.finish().expect("write to memory")
}
