//! graph.graphml (GraphML: Gephi, yEd, Cytoscape, networkx, igraph) and graph.gexf (GEXF 1.2:
//! Gephi), written with quick-xml: flat, typed attributes (lists joined by "|"), so that
//! `networkx.read_graphml` and `networkx.read_gexf` read them without conversion code.
use crate::graph::{Edge, Graph, Node};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

type W = Writer<Vec<u8>>;

/// Text XML 1.0 can hold: the characters it forbids (controls other than tab and line breaks,
/// U+FFFE, U+FFFF) become U+FFFD, so that the file stays well-formed.
pub fn xml_text(s: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    if s.chars().all(allowed) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

fn start(w: &mut W, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, xml_text(v).as_ref()));
    }
    w.write_event(Event::Start(e)).expect("write to memory");
}

fn empty(w: &mut W, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute((*k, xml_text(v).as_ref()));
    }
    w.write_event(Event::Empty(e)).expect("write to memory");
}

fn end(w: &mut W, name: &str) {
    w.write_event(Event::End(BytesEnd::new(name)))
        .expect("write to memory");
}

fn text_element(w: &mut W, name: &str, attrs: &[(&str, &str)], text: &str) {
    start(w, name, attrs);
    w.write_event(Event::Text(BytesText::new(&xml_text(text))))
        .expect("write to memory");
    end(w, name);
}

/// The nodes' attributes: (name, GraphML type).
const NODE_KEYS: [(&str, &str); 8] = [
    ("label", "string"),
    ("type", "string"),
    ("mentions", "int"),
    ("link", "string"),
    ("aliases", "string"),
    ("documents", "string"),
    ("pagerank", "double"),
    ("community", "int"),
];

/// A node's values, in the order of [`NODE_KEYS`].
fn node_values(n: &Node) -> [String; 8] {
    [
        n.label.clone(),
        n.kind.as_str().to_string(),
        n.mentions.to_string(),
        n.link.clone().unwrap_or_default(),
        super::csv::join(&n.aliases),
        super::csv::join(&n.documents),
        n.pagerank.to_string(),
        n.community.to_string(),
    ]
}

/// The edges' attributes: (name, GraphML type).
const EDGE_KEYS: [(&str, &str); 6] = [
    ("predicate", "string"),
    ("negated", "boolean"),
    ("hedged", "boolean"),
    ("count", "int"),
    ("confidence", "double"),
    ("evidence", "string"),
];

/// An edge's values, in the order of [`EDGE_KEYS`] (the evidence is its first sentence).
fn edge_values(e: &Edge) -> [String; 6] {
    [
        e.predicate.clone(),
        e.negated.to_string(),
        e.hedged.to_string(),
        e.count.to_string(),
        e.confidence.to_string(),
        e.evidence
            .first()
            .map_or(String::new(), |ev| ev.text.clone()),
    ]
}

fn writer() -> W {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect("write to memory");
    w
}

fn finish(w: W) -> Vec<u8> {
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// GraphML with typed keys; edges have unique ids (`e0`, `e1`, ...) and their predicate and
/// polarity as attributes.
pub fn graphml(g: &Graph) -> Vec<u8> {
    let mut w = writer();
    start(
        &mut w,
        "graphml",
        &[("xmlns", "http://graphml.graphdrawing.org/xmlns")],
    );
    // the node keys ("n_mentions"), then the edge keys ("e_count")
    for (class, keys) in [("node", &NODE_KEYS[..]), ("edge", &EDGE_KEYS[..])] {
        for (name, ty) in keys {
            let id = format!("{}_{name}", &class[..1]);
            empty(
                &mut w,
                "key",
                &[
                    ("id", &id),
                    ("for", class),
                    ("attr.name", name),
                    ("attr.type", ty),
                ],
            );
        }
    }
    start(
        &mut w,
        "graph",
        &[("id", "kgraph"), ("edgedefault", "directed")],
    );
    for n in g.graph.node_weights() {
        start(&mut w, "node", &[("id", &n.id)]);
        for ((name, _), v) in NODE_KEYS.iter().zip(node_values(n)) {
            text_element(&mut w, "data", &[("key", &format!("n_{name}"))], &v);
        }
        end(&mut w, "node");
    }
    for e in g.graph.edge_indices() {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
        let edge = &g.graph[e];
        // edge ids are unique in the file, as GraphML asks
        let id = format!("e{}", e.index());
        start(
            &mut w,
            "edge",
            &[
                ("id", &id),
                ("source", &g.graph[s].id),
                ("target", &g.graph[t].id),
            ],
        );
        for ((name, _), v) in EDGE_KEYS.iter().zip(edge_values(edge)) {
            text_element(&mut w, "data", &[("key", &format!("e_{name}"))], &v);
        }
        end(&mut w, "edge");
    }
    end(&mut w, "graph");
    end(&mut w, "graphml");
    finish(w)
}

/// GEXF 1.2 with typed attributes; an edge's `label` is its predicate.
pub fn gexf(g: &Graph) -> Vec<u8> {
    let mut w = writer();
    start(
        &mut w,
        "gexf",
        &[
            ("xmlns", "http://www.gexf.net/1.2draft"),
            ("version", "1.2"),
        ],
    );
    start(&mut w, "meta", &[]);
    text_element(
        &mut w,
        "creator",
        &[],
        concat!("kgraph ", env!("CARGO_PKG_VERSION")),
    );
    end(&mut w, "meta");
    start(
        &mut w,
        "graph",
        &[("mode", "static"), ("defaultedgetype", "directed")],
    );
    fn gexf_type(t: &str) -> &str {
        match t {
            "int" => "integer",
            other => other,
        }
    }
    for (class, keys) in [("node", &NODE_KEYS[..]), ("edge", &EDGE_KEYS[..])] {
        start(&mut w, "attributes", &[("class", class)]);
        for (k, (name, ty)) in keys.iter().enumerate().skip(1) {
            empty(
                &mut w,
                "attribute",
                &[
                    ("id", &k.to_string()),
                    ("title", name),
                    ("type", gexf_type(ty)),
                ],
            );
        }
        end(&mut w, "attributes");
    }
    start(&mut w, "nodes", &[]);
    for n in g.graph.node_weights() {
        start(&mut w, "node", &[("id", &n.id), ("label", &n.label)]);
        start(&mut w, "attvalues", &[]);
        for (k, v) in node_values(n).iter().enumerate().skip(1) {
            empty(&mut w, "attvalue", &[("for", &k.to_string()), ("value", v)]);
        }
        end(&mut w, "attvalues");
        end(&mut w, "node");
    }
    end(&mut w, "nodes");
    start(&mut w, "edges", &[]);
    for (i, e) in g.graph.edge_indices().enumerate() {
        let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
        let edge = &g.graph[e];
        let weight = edge.count.to_string();
        start(
            &mut w,
            "edge",
            &[
                ("id", &i.to_string()),
                ("source", &g.graph[s].id),
                ("target", &g.graph[t].id),
                ("label", &super::json::edge_key(edge)),
                ("weight", &weight),
            ],
        );
        start(&mut w, "attvalues", &[]);
        for (k, v) in edge_values(edge).iter().enumerate().skip(1) {
            empty(&mut w, "attvalue", &[("for", &k.to_string()), ("value", v)]);
        }
        end(&mut w, "attvalues");
        end(&mut w, "edge");
    }
    end(&mut w, "edges");
    end(&mut w, "graph");
    end(&mut w, "gexf");
    finish(w)
}
