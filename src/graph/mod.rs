//! The knowledge graph over petgraph, knowing nothing of file formats: one node per entity (merged
//! across documents by name, with aliases, mention counts, documents and merge reasons) and one edge
//! per (subject, predicate, object, polarity) with every piece of evidence.
pub mod analysis;
pub mod parts;

use crate::doc::{Document, EntityType, MentionSource};
use crate::tokens::phrase_key;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An entity node.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Node {
    /// Stable id derived from the label ("jens-stoltenberg").
    pub id: String,
    /// The name shown: the most complete name of the entity.
    pub label: String,
    #[serde(rename = "type")]
    /// The entity type (most mentions' vote).
    pub kind: EntityType,
    /// Every other name it was mentioned by.
    pub aliases: BTreeSet<String>,
    /// Mentions across all documents.
    pub mentions: usize,
    /// The documents that mention it.
    pub documents: BTreeSet<String>,
    /// Why mentions or nodes were merged into this one.
    pub merge_reasons: BTreeSet<String>,
    /// A stable identifier from a gazetteer, so graphs built apart merge on it: a country's ISO
    /// 3166-1 alpha-3 code as `iso3166:GBR`, a city's GeoNames id as `geonames:2988507`, a party's
    /// Party Facts id as `partyfacts:1565`, an international organisation's acronym in the World
    /// Factbook's list as `intlorg:NATO`, a listed company's SEC Central Index Key as `cik:320193`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// PageRank in the whole graph (see [`analysis::pagerank`]), rounded to six decimals.
    #[serde(default)]
    pub pagerank: f64,
    /// Community number (Louvain, 0 the largest; see [`analysis::communities`]).
    #[serde(default)]
    pub community: usize,
    /// The earliest and latest dates of the articles that name the node (none when no article has
    /// a date; dates are compared as text, so write them as ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The latest date of the documents that mention it.
    pub last_seen: Option<String>,
    #[serde(skip)]
    type_votes: BTreeMap<EntityType, usize>,
}

/// One sentence supporting an edge.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    /// The document id.
    pub doc: String,
    /// Sentence index in the document.
    pub sentence: usize,
    /// The sentence text.
    pub text: String,
    /// Character offsets of the sentence in the cleaned text.
    pub span: (usize, usize),
    /// Character offsets of the sentence in the original text.
    pub source_span: (usize, usize),
    /// Whether this sentence states the fact as negated.
    pub negated: bool,
    /// Whether this sentence hedges it.
    pub hedged: bool,
    /// Who the statement is attributed to ("X said that ...").
    pub attributed_to: Option<String>,
    /// The confidence of this sentence's fact (0 to 1).
    pub confidence: f32,
    /// The construction that found it (a pattern id, a rule's name, or "path").
    pub rule: String,
    /// Why the subject or object was resolved to its node, when that took more than its name.
    pub reason: Option<String>,
}

/// A relation edge.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Edge {
    /// The predicate ("warn", "secretary general of").
    pub predicate: String,
    /// Whether the fact is negated (a negated fact is its own edge).
    pub negated: bool,
    /// True when every piece of evidence is hedged.
    pub hedged: bool,
    /// How many sentences state it.
    pub count: usize,
    /// Noisy-or of the evidence confidences.
    pub confidence: f32,
    /// Every sentence that states it, by document and sentence.
    pub evidence: Vec<Evidence>,
    /// The earliest and latest dates of the articles that state the fact (as for nodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The latest date of those articles.
    pub last_seen: Option<String>,
}

/// The merged knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// The directed multigraph: entities and facts.
    pub graph: DiGraph<Node, Edge>,
    /// Document ids, sorted.
    pub documents: Vec<String>,
    /// What each document contributed, kept so that graphs built apart merge into the graph of
    /// all their documents ([`Graph::merge`]) and a document can be replaced without reading the
    /// others again ([`Graph::update`]); none for a sub-graph.
    pub parts: Option<Vec<parts::DocParts>>,
}

/// The key two names share when they are one node: the phrase key of the name spelt without
/// accents and without a leading "the" ("Jarosław Kaczyński" and "Jaroslaw Kaczynski" are one
/// person, "The Associated Press" and "Associated Press" one agency).
pub(crate) fn node_key(label: &str) -> String {
    let key = phrase_key(&deunicode::deunicode(label));
    match key.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => key,
    }
}

/// What the graph asks of the world outside it when it merges documents: which nodes name one
/// entity, and each node's identifier in an open gazetteer. The graph knows no word list: the
/// pipeline's word lists answer (the `kgraph::link` module implements this trait for them), and
/// [`NoResolver`] merges nothing across documents and links nothing.
pub trait Resolver: Sync {
    /// For each node, the node it is one entity with (itself when none), and the reason of each
    /// merge, by node ("'Erdogan' = 'Recep Tayyip Erdoğan': ...").
    fn resolve(&self, nodes: &[Node]) -> (Vec<usize>, Vec<(usize, String)>);
    /// For each node (its type already voted), its identifier in an open gazetteer: a country's
    /// ISO code, a city's GeoNames id, a party's Party Facts id, or none.
    fn identifiers(&self, nodes: &[Node]) -> Vec<Option<String>>;
}

/// A [`Resolver`] that merges no nodes across documents and gives no identifiers: the graph of
/// the documents' own entities only.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoResolver;

impl Resolver for NoResolver {
    fn resolve(&self, nodes: &[Node]) -> (Vec<usize>, Vec<(usize, String)>) {
        ((0..nodes.len()).collect(), Vec::new())
    }
    fn identifiers(&self, nodes: &[Node]) -> Vec<Option<String>> {
        vec![None; nodes.len()]
    }
}

impl Node {
    /// The type most of the node's mentions gave it (the lower type on a tie), or its own.
    pub fn voted_kind(&self) -> EntityType {
        self.type_votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or(self.kind, |(k, _)| *k)
    }

    /// Counts `n` more mentions of the node as of type `kind`.
    pub(crate) fn vote(&mut self, kind: EntityType, n: usize) {
        *self.type_votes.entry(kind).or_default() += n;
    }

    /// A node with this label and type and nothing else yet (no id, mentions or documents).
    pub(crate) fn new(label: &str, kind: EntityType) -> Node {
        Node {
            id: String::new(),
            label: label.to_string(),
            kind,
            aliases: BTreeSet::new(),
            mentions: 0,
            documents: BTreeSet::new(),
            merge_reasons: BTreeSet::new(),
            type_votes: BTreeMap::new(),
            link: None,
            pagerank: 0.0,
            community: 0,
            first_seen: None,
            last_seen: None,
        }
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-').to_string();
    if t.is_empty() {
        "entity".into()
    } else {
        t
    }
}

/// A graph built one document at a time: add each document as soon as it is annotated (and drop
/// it), merge the builders of parallel workers, and finish once. Each document is kept as what it
/// contributes ([`parts::DocParts`]); the order of documents and of merges does not change the
/// result, which equals [`Graph::from_documents`] of all of them. Memory is that of the graph, not
/// of the annotated documents.
#[derive(Default)]
pub struct GraphBuilder {
    docs: Vec<parts::DocParts>,
}

impl GraphBuilder {
    /// An empty graph.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }
    /// Adds an annotated document's entities and relations.
    pub fn add(&mut self, doc: &Document) {
        let mut b = Builder::default();
        b.add(doc);
        self.docs.push(parts::DocParts {
            doc: doc.id.clone(),
            date: doc.date.clone(),
            parts: b.parts(),
        });
    }
    /// Adds everything another builder holds.
    pub fn merge(&mut self, other: GraphBuilder) {
        self.docs.extend(other.docs);
    }
    /// Number of documents added.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }
    /// The ids of the documents added.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().map(|d| d.doc.as_str())
    }
    /// The merged graph: `r` says which nodes of different documents are one entity and gives
    /// their identifiers (`pipeline.lexicon()` for kgraph's own, [`NoResolver`] for none).
    pub fn finish(self, r: &dyn Resolver) -> Graph {
        parts::build(self.docs, r)
    }
}

/// (source id, predicate, target id, negated)
type EdgeKey = (String, String, String, bool);

#[derive(Default)]
struct Builder {
    nodes: Vec<Node>,
    /// The document that named each node first (documents are added in id order).
    first_doc: Vec<String>,
    by_key: HashMap<String, usize>,
    edges: BTreeMap<(usize, String, usize, bool), Vec<Evidence>>,
    documents: BTreeSet<String>,
}

/// The order in which the names of one node compete for its label: a name as names are written
/// ("Barack Obama", "NATO") before one from a text without capitals ("barack obama") or in
/// capitals ("BARACK OBAMA": several words, no small letter), then the document first by id.
pub(super) fn label_rank<'a>(label: &str, doc: &'a str) -> (bool, &'a str) {
    let upper = label.chars().any(char::is_uppercase);
    let lower = label.chars().any(char::is_lowercase);
    (!upper || !lower && label.contains(' '), doc)
}

impl Builder {
    /// The node of a name: a new node, or the node of the same key, whose label and type are
    /// those of the document first by id (so the order documents are added in does not matter),
    /// a name written with capitals and small letters ("Barack Obama") before one written all in
    /// lower case or all in capitals ("barack obama" from a text typed without capitals).
    fn node(&mut self, label: &str, kind: EntityType, doc: &str) -> usize {
        let key = node_key(label);
        if let Some(&n) = self.by_key.get(&key) {
            if label_rank(label, doc) < label_rank(&self.nodes[n].label, &self.first_doc[n]) {
                self.first_doc[n] = doc.to_string();
                let old = std::mem::replace(&mut self.nodes[n].label, label.to_string());
                self.nodes[n].kind = kind;
                self.nodes[n].aliases.insert(old);
            } else if self.nodes[n].label != label {
                // another spelling of the name ("Jarosław Kaczyński", "Jaroslaw Kaczynski")
                self.nodes[n].aliases.insert(label.to_string());
            }
            let node = &mut self.nodes[n];
            node.aliases.remove(&node.label);
            return n;
        }
        self.first_doc.push(doc.to_string());
        self.nodes.push(Node::new(label, kind));
        self.by_key.insert(key, self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    fn add(&mut self, doc: &Document) {
        self.documents.insert(doc.id.clone());
        let mut in_relation = vec![false; doc.entities.len()];
        for r in &doc.relations {
            in_relation[r.subject] = true;
            in_relation[r.object] = true;
        }
        let mut named = vec![false; doc.entities.len()];
        for m in &doc.mentions {
            if let Some(e) = m.entity {
                named[e] |= m.source != MentionSource::Demonym;
            }
        }
        let mut map = vec![usize::MAX; doc.entities.len()];
        for (i, e) in doc.entities.iter().enumerate() {
            if !(named[i] || in_relation[i]) {
                continue;
            }
            let n = self.node(&e.name, e.kind, &doc.id);
            let node = &mut self.nodes[n];
            node.mentions += e.mentions;
            node.documents.insert(doc.id.clone());
            node.aliases
                .extend(e.aliases.iter().filter(|a| **a != node.label).cloned());
            node.merge_reasons.extend(e.reasons.iter().cloned());
            node.vote(e.kind, e.mentions.max(1));
            map[i] = n;
        }
        let spans = doc.sentence_char_spans();
        for r in &doc.relations {
            let ev = Evidence {
                doc: doc.id.clone(),
                sentence: r.sentence,
                text: doc.sentence_text(r.sentence).to_string(),
                span: spans[r.sentence].0,
                source_span: spans[r.sentence].1,
                negated: r.negated,
                hedged: r.hedged,
                attributed_to: r.attributed_to.map(|a| doc.entities[a].name.clone()),
                confidence: r.confidence,
                rule: r.rule.to_string(),
                reason: r.reason.clone(),
            };
            self.edges
                .entry((
                    map[r.subject],
                    r.predicate.clone(),
                    map[r.object],
                    r.negated,
                ))
                .or_default()
                .push(ev);
        }
    }

    /// Merges the nodes that name one entity across documents ([`resolve`]): each merged
    /// node's names, documents, mentions and reasons join the node it is one with. Returns each
    /// node's target.
    fn merge_across_documents(&mut self, r: &dyn Resolver) -> Vec<usize> {
        let (target, reasons) = r.resolve(&self.nodes);
        for (i, &j) in target.iter().enumerate() {
            if j != i {
                let n = std::mem::take(&mut self.nodes[i].aliases);
                let (label, mentions) = (self.nodes[i].label.clone(), self.nodes[i].mentions);
                let docs = std::mem::take(&mut self.nodes[i].documents);
                let merged = std::mem::take(&mut self.nodes[i].merge_reasons);
                let t = &mut self.nodes[j];
                t.aliases.extend(n);
                t.aliases.insert(label);
                t.mentions += mentions;
                t.documents.extend(docs);
                t.merge_reasons.extend(merged);
            }
        }
        for (i, reason) in reasons {
            self.nodes[target[i]].merge_reasons.insert(reason);
        }
        target
    }

    /// The graph of what was added; `parts` (what each document contributed) and `dates` (each
    /// document's date) are kept in it.
    fn finish(
        mut self,
        r: &dyn Resolver,
        parts: Vec<parts::DocParts>,
        dates: &BTreeMap<String, String>,
    ) -> Graph {
        let target = self.merge_across_documents(r);
        // final ids: sorted labels, slug collisions numbered in order
        let mut order: Vec<usize> = (0..self.nodes.len()).filter(|&i| target[i] == i).collect();
        // each slug made once, not at every comparison (stable, as a sort by both keys)
        order.sort_by_cached_key(|&a| (slug(&self.nodes[a].label), self.nodes[a].label.clone()));
        for n in &mut self.nodes {
            n.kind = n.voted_kind();
        }
        let mut ids = r.identifiers(&self.nodes);
        let mut graph = DiGraph::new();
        let mut index = vec![NodeIndex::end(); self.nodes.len()];
        let mut used: HashMap<String, usize> = HashMap::new();
        for &i in &order {
            let mut n = self.nodes[i].clone();
            n.link = ids.get_mut(i).and_then(Option::take);
            (n.first_seen, n.last_seen) = seen(n.documents.iter(), dates);
            let base = slug(&n.label);
            let c = used.entry(base.clone()).or_default();
            *c += 1;
            n.id = if *c == 1 { base } else { format!("{base}-{c}") };
            n.aliases.remove(&n.label);
            index[i] = graph.add_node(n);
        }
        let mut merged: BTreeMap<EdgeKey, (NodeIndex, NodeIndex, Vec<Evidence>)> = BTreeMap::new();
        for ((s, p, o, neg), ev) in self.edges {
            let (s, o) = (index[target[s]], index[target[o]]);
            if s == o {
                continue;
            }
            let key = (graph[s].id.clone(), p, graph[o].id.clone(), neg);
            merged.entry(key).or_insert((s, o, Vec::new())).2.extend(ev);
        }
        for ((_, p, _, neg), (s, o, mut ev)) in merged {
            ev.sort_by(|a, b| (&a.doc, a.sentence).cmp(&(&b.doc, b.sentence)));
            ev.dedup();
            let miss: f32 = ev.iter().map(|e| 1.0 - e.confidence).product();
            let (first_seen, last_seen) = seen(ev.iter().map(|e| &e.doc), dates);
            let edge = Edge {
                predicate: p,
                negated: neg,
                hedged: ev.iter().all(|e| e.hedged),
                count: ev.len(),
                confidence: ((1.0 - miss) * 100.0).round() / 100.0,
                evidence: ev,
                first_seen,
                last_seen,
            };
            graph.add_edge(s, o, edge);
        }
        let mut g = Graph {
            graph,
            documents: self.documents.into_iter().collect(),
            parts: Some(parts),
        };
        g.rank();
        g
    }
}

impl Graph {
    /// The earliest and latest dates of the articles that state its facts, when they have any.
    pub fn date_range(&self) -> Option<(&str, &str)> {
        let weights = || self.graph.edge_weights();
        let first = weights().filter_map(|e| e.first_seen.as_deref()).min()?;
        let last = weights().filter_map(|e| e.last_seen.as_deref()).max()?;
        Some((first, last))
    }

    /// Sets each node's PageRank and community from the graph as it is.
    pub fn rank(&mut self) {
        let rank = analysis::pagerank(self);
        let comm = analysis::communities(self);
        for (i, n) in self.graph.node_weights_mut().enumerate() {
            n.pagerank = (rank[i] * 1e6).round() / 1e6;
            n.community = comm[i];
        }
    }

    /// The sub-graph of the `max` nodes of highest PageRank (ties by order) and the edges between
    /// them, ranked again; the graph itself when it has no more nodes than that.
    pub fn most_central(&self, max: usize) -> Graph {
        if self.node_count() <= max {
            return self.clone();
        }
        let mut order: Vec<NodeIndex> = self.graph.node_indices().collect();
        order.sort_by(|&a, &b| {
            self.graph[b]
                .pagerank
                .total_cmp(&self.graph[a].pagerank)
                .then(a.cmp(&b))
        });
        let keep: std::collections::HashSet<NodeIndex> = order.into_iter().take(max).collect();
        let mut g = analysis::induced(
            self,
            |i| keep.contains(&i),
            &analysis::EdgeFilter::default(),
        );
        g.rank();
        g
    }

    /// Builds the merged graph of annotated documents (in any order: the result is sorted); `r`
    /// merges entities across documents and gives identifiers (`pipeline.lexicon()` for kgraph's
    /// own, as [`crate::Pipeline::graph`] does).
    pub fn from_documents(docs: &[Document], r: &dyn Resolver) -> Graph {
        let mut b = GraphBuilder::new();
        for d in docs {
            b.add(d);
        }
        b.finish(r)
    }

    /// Number of entity nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }
    /// Number of relation edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
    /// The node with this label, if any.
    pub fn node_by_label(&self, label: &str) -> Option<&Node> {
        self.graph.node_weights().find(|n| n.label == label)
    }
}

/// The earliest and latest of the dates of these documents (those that have one).
fn seen<'a>(
    docs: impl Iterator<Item = &'a String>,
    dates: &BTreeMap<String, String>,
) -> (Option<String>, Option<String>) {
    let mut ds = docs.filter_map(|d| dates.get(d));
    let Some(first) = ds.next() else {
        return (None, None);
    };
    let (lo, hi) = ds.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
    (Some(lo.clone()), Some(hi.clone()))
}

/// A graph built from a few sentences, for the exporters' tests.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::Graph;

    pub fn sample_graph() -> Graph {
        let mut d = crate::ingest::from_text(
            "t.txt",
            "NATO Secretary General Jens Stoltenberg warned China against supplying arms to \
             Russia. Stoltenberg said \"we have not seen\" any supplies. Blinken met Wang Yi in \
             Munich.",
        );
        crate::testing::annotate(&mut d);
        Graph::from_documents(&[d], crate::testing::lexicon())
    }
}

#[cfg(test)]
mod tests;
