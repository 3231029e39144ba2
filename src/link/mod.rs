//! Entity resolution and linking, the step the graph builder is handed: which nodes of different
//! documents name one entity (each merge with its reason: `resolve/`) and each node's identifier
//! in an open gazetteer (`ids.rs`), both read off the word lists. The graph model itself knows no
//! word list: it asks a [`Resolver`], which the [`Lexicon`] is.
mod ids;
mod resolve;

use crate::doc::Document;
use crate::graph::{Graph, GraphBuilder, Node, Resolver};
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

    /// Annotates documents in parallel on the current rayon pool and adds each, as soon as it is
    /// annotated, to its worker's graph, then merges the workers' graphs: memory holds the graph,
    /// not the annotated documents. `done` is called once per document (a progress bar). Returns
    /// the builder (finish it with `pipeline.lexicon()`, or hand it to [`Graph::update`]) and
    /// the documents' words. What `kgraph build` and `extract` run.
    ///
    /// ```
    /// let pipeline = kgraph::Pipeline::new();
    /// let docs = vec![
    ///     kgraph::ingest::from_text("a", "Jens Stoltenberg warned China."),
    ///     kgraph::ingest::from_text("b", "Antony Blinken met Jens Stoltenberg in Brussels."),
    /// ];
    /// let (builder, words) = pipeline.annotate_into_graph(docs, || {});
    /// let graph = builder.finish(pipeline.lexicon());
    /// assert_eq!(graph.documents.len(), 2);
    /// assert!(words >= 10);
    /// ```
    pub fn annotate_into_graph(
        &self,
        docs: Vec<Document>,
        done: impl Fn() + Sync + Send,
    ) -> (GraphBuilder, usize) {
        use rayon::prelude::*;
        docs.into_par_iter()
            .map(|mut d| {
                self.annotate_document(&mut d);
                done();
                d
            })
            .fold(
                || (GraphBuilder::new(), 0usize),
                |(mut b, words), d| {
                    b.add(&d);
                    (b, words + d.word_count())
                },
            )
            .reduce(
                || (GraphBuilder::new(), 0),
                |(mut a, wa), (b, wb)| {
                    a.merge(b);
                    (a, wa + wb)
                },
            )
    }

    /// Annotates documents in place, in parallel on the current rayon pool (`done` is called once
    /// per document), for callers that keep the annotated documents.
    pub fn annotate_all(&self, docs: &mut [Document], done: impl Fn() + Sync + Send) {
        use rayon::prelude::*;
        docs.par_iter_mut().for_each(|d| {
            self.annotate_document(d);
            done();
        });
    }

    /// The open triples of an annotated document: every clause with its subject, relation and
    /// arguments as phrases of the sentence (`kgraph extract --open`).
    pub fn open_facts(&self, doc: &Document) -> Vec<crate::pipeline::open::OpenFact> {
        crate::pipeline::open::extract(doc, self.lexicon())
    }
}
