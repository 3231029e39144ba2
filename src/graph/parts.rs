//! What a graph is built from, before nodes of different documents are joined (short names,
//! type votes): kept in graph.json so that graphs built apart merge into exactly the graph that one
//! build of all their documents gives ([`Graph::merge`], `kgraph merge`).
use super::{Builder, Evidence, Graph, Node, Resolver};
use crate::doc::EntityType;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The build state of a graph: its nodes as the documents named them, and its facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parts {
    /// The nodes as the documents named them.
    pub nodes: Vec<PartNode>,
    /// The facts between them.
    pub edges: Vec<PartEdge>,
}

/// What one document contributed to a graph: its id, its date (when it has one) and its parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocParts {
    /// The document id.
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The document's date, when it has one.
    pub date: Option<String>,
    #[serde(flatten)]
    /// What the document contributed.
    pub parts: Parts,
}

/// The graph of these documents' parts (any order; a document given twice counts once, the
/// first given).
pub(super) fn build(mut docs: Vec<DocParts>, r: &dyn Resolver) -> Graph {
    docs.sort_by(|a, b| a.doc.cmp(&b.doc));
    docs.dedup_by(|a, b| a.doc == b.doc);
    let mut b = Builder::default();
    let mut dates = BTreeMap::new();
    for d in &docs {
        b.absorb(&d.parts);
        b.documents.insert(d.doc.clone());
        if let Some(date) = &d.date {
            dates.insert(d.doc.clone(), date.clone());
        }
    }
    b.finish(r, docs, &dates)
}

/// A node as the documents named it, before the graph joins it with others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartNode {
    /// The name.
    pub label: String,
    #[serde(rename = "type")]
    /// The type the first document gave it.
    pub kind: EntityType,
    /// The document (first by id) whose name for the node is its label.
    pub first_doc: String,
    /// Its mentions.
    pub mentions: usize,
    /// The documents that mention it.
    pub documents: BTreeSet<String>,
    /// The other names it went by.
    pub aliases: BTreeSet<String>,
    /// Why mentions were merged into it.
    pub merge_reasons: BTreeSet<String>,
    /// Mentions of each type, for the node's final type.
    pub votes: BTreeMap<EntityType, usize>,
}

/// A fact between two part nodes (indices into [`Parts::nodes`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartEdge {
    /// The subject (index into [`Parts::nodes`]).
    pub subject: usize,
    /// The predicate.
    pub predicate: String,
    /// The object (index into [`Parts::nodes`]).
    pub object: usize,
    /// Whether the fact is negated.
    pub negated: bool,
    /// The sentences that state it.
    pub evidence: Vec<Evidence>,
}

impl Builder {
    /// The builder's state as parts, in a canonical order (nodes by their key, edges by their
    /// ends, evidence by document and sentence), so that the same documents give the same parts
    /// however they were added.
    pub(super) fn parts(&self) -> Parts {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_cached_key(|&i| super::node_key(&self.nodes[i].label));
        let mut rank = vec![0; self.nodes.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let nodes = order
            .iter()
            .map(|&i| {
                let n = &self.nodes[i];
                PartNode {
                    label: n.label.clone(),
                    kind: n.kind,
                    first_doc: self.first_doc[i].clone(),
                    mentions: n.mentions,
                    documents: n.documents.clone(),
                    aliases: n.aliases.clone(),
                    merge_reasons: n.merge_reasons.clone(),
                    votes: n.type_votes.clone(),
                }
            })
            .collect();
        let mut edges: Vec<PartEdge> = self
            .edges
            .iter()
            .map(|((s, p, o, neg), ev)| {
                let mut evidence = ev.clone();
                evidence.sort_by(|a, b| (&a.doc, a.sentence).cmp(&(&b.doc, b.sentence)));
                PartEdge {
                    subject: rank[*s],
                    predicate: p.clone(),
                    object: rank[*o],
                    negated: *neg,
                    evidence,
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            (a.subject, &a.predicate, a.object, a.negated).cmp(&(
                b.subject,
                &b.predicate,
                b.object,
                b.negated,
            ))
        });
        Parts { nodes, edges }
    }

    /// Adds the parts of another build, as if its documents had been added here: a node named
    /// by both takes the label that ranks first ([`super::label_rank`]).
    pub(super) fn absorb(&mut self, parts: &Parts) {
        let mut map = Vec::with_capacity(parts.nodes.len());
        for p in &parts.nodes {
            let key = super::node_key(&p.label);
            let i = match self.by_key.get(&key) {
                Some(&i) => {
                    if super::label_rank(&p.label, &p.first_doc)
                        < super::label_rank(&self.nodes[i].label, &self.first_doc[i])
                    {
                        self.first_doc[i] = p.first_doc.clone();
                        let old = std::mem::replace(&mut self.nodes[i].label, p.label.clone());
                        self.nodes[i].kind = p.kind;
                        self.nodes[i].aliases.insert(old);
                    } else if self.nodes[i].label != p.label {
                        // another spelling of the name
                        self.nodes[i].aliases.insert(p.label.clone());
                    }
                    i
                }
                None => {
                    self.by_key.insert(key, self.nodes.len());
                    self.first_doc.push(p.first_doc.clone());
                    self.nodes.push(Node::new(&p.label, p.kind));
                    self.nodes.len() - 1
                }
            };
            let n = &mut self.nodes[i];
            n.mentions += p.mentions;
            n.documents.extend(p.documents.iter().cloned());
            n.aliases.extend(p.aliases.iter().cloned());
            n.aliases.remove(&n.label);
            n.merge_reasons.extend(p.merge_reasons.iter().cloned());
            for (k, v) in &p.votes {
                n.vote(*k, *v);
            }
            map.push(i);
        }
        for e in &parts.edges {
            let (Some(&s), Some(&o)) = (map.get(e.subject), map.get(e.object)) else {
                continue;
            };
            self.edges
                .entry((s, e.predicate.clone(), o, e.negated))
                .or_default()
                .extend(e.evidence.iter().cloned());
        }
    }
}

impl Graph {
    /// Merges graphs built apart from different documents into the graph one build of all their
    /// documents gives (the same bytes in every format). The merge is associative and commutative,
    /// so shards of a corpus can be built anywhere and combined in any order. An error says why
    /// not: a graph without its parts (a sub-graph of `query`, or a graph.json of an older
    /// kgraph): [`Error::NoParts`], or a document in two of the graphs:
    /// [`Error::DocumentTwice`]. `r` merges entities and gives identifiers, as in
    /// [`Graph::from_documents`].
    pub fn merge(graphs: &[Graph], r: &dyn Resolver) -> Result<Graph> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (k, g) in graphs.iter().enumerate() {
            for d in &g.documents {
                if let Some(j) = seen.insert(d, k) {
                    return Err(Error::DocumentTwice {
                        doc: d.clone(),
                        first: j + 1,
                        second: k + 1,
                    });
                }
            }
        }
        let mut all = Vec::new();
        for (k, g) in graphs.iter().enumerate() {
            all.extend(g.doc_parts(k + 1)?.iter().cloned());
        }
        Ok(build(all, r))
    }

    /// This graph with the documents of `new` added: a document whose id the graph has already
    /// is replaced by the new one (its facts are not counted twice). Equals building the
    /// remaining old documents and the new ones at once; the old ones are not read again.
    /// Returns the graph and the ids replaced, or [`Error::NoParts`] when this graph has no
    /// build parts.
    pub fn update(
        &self,
        new: super::GraphBuilder,
        r: &dyn Resolver,
    ) -> Result<(Graph, Vec<String>)> {
        let fresh: BTreeSet<String> = new.ids().map(str::to_string).collect();
        let old = self.doc_parts(1)?;
        let replaced: Vec<String> = old
            .iter()
            .filter(|d| fresh.contains(&d.doc))
            .map(|d| d.doc.clone())
            .collect();
        let mut all: Vec<DocParts> = old
            .iter()
            .filter(|d| !fresh.contains(&d.doc))
            .cloned()
            .collect();
        all.extend(new.docs);
        Ok((build(all, r), replaced))
    }

    /// The per-document parts, or why there are none (graph `k` of the inputs).
    fn doc_parts(&self, k: usize) -> Result<&[DocParts]> {
        self.parts.as_deref().ok_or(Error::NoParts { graph: k })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphs_built_apart_merge_into_the_graph_of_all_documents() {
        let texts = [
            (
                "a",
                "Jens Stoltenberg warned China. Stoltenberg spoke in Brussels.",
            ),
            (
                "b",
                "Stoltenberg met Antony Blinken. Blinken warned Russia.",
            ),
            ("c", "NATO said Stoltenberg would visit Kyiv."),
        ];
        let docs: Vec<_> = texts
            .iter()
            .map(|(id, t)| crate::testing::pipeline().annotate(id, t))
            .collect();
        let all = Graph::from_documents(&docs, crate::testing::lexicon());
        let bytes = |g: &Graph| String::from_utf8(crate::export::json::to_bytes(g)).unwrap();
        let ab = Graph::from_documents(&docs[..2], crate::testing::lexicon());
        let c = Graph::from_documents(&docs[2..], crate::testing::lexicon());
        let (a, bc) = (
            Graph::from_documents(&docs[..1], crate::testing::lexicon()),
            Graph::from_documents(&docs[1..], crate::testing::lexicon()),
        );
        assert_eq!(
            bytes(&Graph::merge(&[ab.clone(), c.clone()], crate::testing::lexicon()).unwrap()),
            bytes(&all)
        );
        assert_eq!(
            bytes(&Graph::merge(&[c.clone(), ab], crate::testing::lexicon()).unwrap()),
            bytes(&all)
        );
        assert_eq!(
            bytes(&Graph::merge(&[a.clone(), bc], crate::testing::lexicon()).unwrap()),
            bytes(&all)
        );
        let e = Graph::merge(&[a.clone(), a], crate::testing::lexicon()).unwrap_err();
        assert!(
            matches!(&e, Error::DocumentTwice { doc, first: 1, second: 2 } if doc == "a"),
            "{e}"
        );
    }

    #[test]
    fn a_graph_built_document_by_document_in_any_order_is_the_same() {
        // the same name spelt differently in two documents: the label is the first document's
        let texts = [
            (
                "c",
                "NATO chief Jens Stoltenberg warned China. STOLTENBERG spoke.",
            ),
            (
                "a",
                "Jens STOLTENBERG met Antony Blinken. Blinken warned Russia.",
            ),
            ("b", "Blinken said Stoltenberg would visit Kyiv."),
            (
                "d",
                "Antony Blinken visited Paris, where Blinken met Emmanuel Macron.",
            ),
        ];
        let docs: Vec<_> = texts
            .iter()
            .map(|(id, t)| crate::testing::pipeline().annotate(id, t))
            .collect();
        let lx = crate::testing::lexicon();
        let bytes = |g: &Graph| crate::export::json::to_bytes(g);
        let all = bytes(&Graph::from_documents(&docs, lx));
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            // one builder, documents in this order
            let mut one = super::super::GraphBuilder::new();
            for &i in &order {
                one.add(&docs[i]);
            }
            assert!(bytes(&one.finish(lx)) == all, "order {order:?}");
            // two workers, merged either way
            let (mut x, mut y) = (
                super::super::GraphBuilder::new(),
                super::super::GraphBuilder::new(),
            );
            x.add(&docs[order[0]]);
            x.add(&docs[order[1]]);
            y.add(&docs[order[2]]);
            y.add(&docs[order[3]]);
            y.merge(x);
            assert_eq!(y.documents(), 4);
            assert!(bytes(&y.finish(lx)) == all, "merged, order {order:?}");
        }
    }

    #[test]
    fn a_name_as_names_are_written_labels_the_node_whatever_the_order() {
        let p = crate::testing::pipeline();
        let lx = crate::testing::lexicon();
        // "a" comes first by id but is typed without capitals
        let a = p.annotate("a", "yesterday barack obama met angela merkel in berlin.");
        let b = p.annotate("b", "Barack Obama praised Angela Merkel on Tuesday.");
        for docs in [[a.clone(), b.clone()], [b, a]] {
            let g = Graph::from_documents(&docs, lx);
            for name in ["Barack Obama", "Angela Merkel"] {
                let n = g.node_by_label(name).unwrap_or_else(|| panic!("{name}"));
                assert_eq!(n.documents.len(), 2, "{name}");
            }
        }
        assert!(super::super::label_rank("NATO", "b") < super::super::label_rank("nato", "a"));
        assert!(
            super::super::label_rank("Jens Stoltenberg", "b")
                < super::super::label_rank("JENS STOLTENBERG", "a")
        );
        assert!(super::super::label_rank("NATO", "a") < super::super::label_rank("Nato", "b"));
    }

    #[test]
    fn names_spelt_with_and_without_accents_are_one_node_in_any_order_and_in_shards() {
        let p = crate::testing::pipeline();
        let lx = crate::testing::lexicon();
        let a = p.annotate(
            "a",
            "Jarosław Kaczyński met Recep Tayyip Erdoğan in Warsaw.",
        );
        let b = p.annotate("b", "Jaroslaw Kaczynski praised Erdogan on Tuesday.");
        let bytes = |g: &Graph| String::from_utf8(crate::export::json::to_bytes(g)).unwrap();
        let one = Graph::from_documents(&[a.clone(), b.clone()], lx);
        for (label, other) in [
            ("Jarosław Kaczyński", "Jaroslaw Kaczynski"),
            ("Recep Tayyip Erdoğan", "Erdogan"),
        ] {
            let n = one
                .node_by_label(label)
                .unwrap_or_else(|| panic!("{label}"));
            assert_eq!(n.documents.len(), 2, "{label}");
            assert!(n.aliases.contains(other), "{label}: {:?}", n.aliases);
        }
        assert_eq!(
            bytes(&Graph::from_documents(&[b.clone(), a.clone()], lx)),
            bytes(&one)
        );
        // built apart and merged: the same graph
        let (mut x, mut y) = (
            super::super::GraphBuilder::new(),
            super::super::GraphBuilder::new(),
        );
        x.add(&a);
        y.add(&b);
        x.merge(y);
        assert_eq!(bytes(&x.finish(lx)), bytes(&one));
    }

    #[test]
    fn an_update_equals_a_build_and_replaces_documents_seen_before() {
        let lx = crate::testing::lexicon();
        let doc = |id: &str, t: &str| crate::testing::pipeline().annotate(id, t);
        let a = doc("a", "Jens Stoltenberg warned China.");
        let b = doc("b", "Antony Blinken met Stoltenberg in Brussels.");
        let b2 = doc("b", "Antony Blinken met Wang Yi in Beijing.");
        let bytes = |g: &Graph| String::from_utf8(crate::export::json::to_bytes(g)).unwrap();
        let old = Graph::from_documents(std::slice::from_ref(&a), lx);
        let mut new = super::super::GraphBuilder::new();
        new.add(&b);
        let (g, replaced) = old.update(new, lx).unwrap();
        assert!(replaced.is_empty());
        assert!(bytes(&g) == bytes(&Graph::from_documents(&[a.clone(), b.clone()], lx)));
        // "b" again, with other text: the old "b" is gone, not counted twice
        let mut again = super::super::GraphBuilder::new();
        again.add(&b2);
        let (g2, replaced) = g.update(again, lx).unwrap();
        assert_eq!(replaced, ["b"]);
        assert!(bytes(&g2) == bytes(&Graph::from_documents(&[a, b2], lx)));
        assert!(g2.node_by_label("Wang Yi").is_some());
        assert_eq!(g2.documents, ["a", "b"]);
    }
}
