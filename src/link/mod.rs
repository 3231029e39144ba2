//! Entity resolution and linking, the step the graph builder is handed: which nodes of different
//! documents name one entity (each merge with its reason: `resolve/`) and each node's identifier
//! in an open gazetteer (`ids.rs`), both read off the word lists. The graph model itself knows no
//! word list: it asks a [`Resolver`], which the [`Lexicon`] is.
mod ids;
mod resolve;

use crate::doc::Document;
use crate::graph::{Graph, Node, Resolver};
use crate::lexicon::Lexicon;
use std::collections::{BTreeSet, HashMap};

impl Resolver for Lexicon {
    fn resolve(&self, nodes: &[Node]) -> (Vec<usize>, Vec<(usize, String)>) {
        resolve::resolve(nodes, self)
    }

    fn identifiers(&self, nodes: &[Node]) -> Vec<Option<String>> {
        // the documents that name each country, to tell apart parties of the same name
        let mut country_docs: HashMap<&'static str, BTreeSet<String>> = HashMap::new();
        for n in nodes {
            if let Some(code) = self.country_code(&n.label) {
                country_docs
                    .entry(code)
                    .or_default()
                    .extend(n.documents.iter().cloned());
            }
        }
        nodes
            .iter()
            .map(|n| ids::link(self, n, &country_docs))
            .collect()
    }
}

impl crate::pipeline::Pipeline {
    /// Merges annotated articles into one graph (in any order: the result is sorted), resolving
    /// and linking entities with the pipeline's word lists. Written here, not beside the stages:
    /// the graph is built on the pipeline, not the other way round.
    pub fn graph(&self, docs: &[Document]) -> Graph {
        Graph::from_documents(docs, self.lexicon())
    }
}
