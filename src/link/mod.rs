//! Entity resolution and linking, the step the graph builder is handed: which nodes of different
//! documents name one entity (each merge with its reason: `resolve/`) and each node's identifier
//! in an open gazetteer (`ids.rs`), both read off the word lists. The graph model itself knows no
//! word list: it asks a [`Resolver`], which the [`Lexicon`] is.
mod ids;
mod resolve;

use crate::doc::Document;
use crate::error::Error;
use crate::graph::{Graph, GraphBuilder, Node, Resolver};
use crate::lexicon::Lexicon;
use crate::pipeline::batch::batches;
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
    /// the builder (finish it with `pipeline.lexicon()`, or hand it to [`Graph::update`]), the
    /// documents' words, and one [`Error::Annotate`] per document whose annotation failed (a bug
    /// in kgraph: that document is left out of the graph, the others are in it), sorted by
    /// document. What `kgraph build` and `extract` run.
    ///
    /// ```
    /// let pipeline = kgraph::Pipeline::new();
    /// let docs = vec![
    ///     kgraph::ingest::from_text("a", "Jens Stoltenberg warned China."),
    ///     kgraph::ingest::from_text("b", "Antony Blinken met Jens Stoltenberg in Brussels."),
    /// ];
    /// let (builder, words, failed) = pipeline.annotate_into_graph(docs, || {});
    /// let graph = builder.finish(pipeline.lexicon());
    /// assert_eq!(graph.documents.len(), 2);
    /// assert!(words >= 10 && failed.is_empty());
    /// ```
    pub fn annotate_into_graph(
        &self,
        docs: Vec<Document>,
        done: impl Fn() + Sync + Send,
    ) -> (GraphBuilder, usize, Vec<Error>) {
        annotate_into(docs, |b| self.annotate_batch(b), done)
    }

    /// Annotates documents in place, in parallel on the current rayon pool (`done` is called once
    /// per document), for callers that keep the annotated documents. A document whose annotation
    /// fails (a bug in kgraph) is removed from `docs` and returned as an [`Error::Annotate`],
    /// sorted by document; the others stay in their order.
    pub fn annotate_all(
        &self,
        docs: &mut Vec<Document>,
        done: impl Fn() + Sync + Send,
    ) -> Vec<Error> {
        annotate_each(docs, |b| self.annotate_batch(b), done)
    }

    /// The open triples of an annotated document: every clause with its subject, relation and
    /// arguments as phrases of the sentence (`kgraph extract --open`).
    pub fn open_facts(&self, doc: &Document) -> Vec<crate::pipeline::open::OpenFact> {
        crate::pipeline::open::extract(doc, self.lexicon())
    }
}

/// Annotates a batch of documents in place: each document's error (or None).
type Batch<'a> = dyn Fn(&mut [Document]) -> Vec<Option<Error>> + Sync + Send + 'a;

/// The documents in [`batches`], each batch annotated by `annotate` in parallel: every document
/// with its error (or None), in their order, `done` called once for each.
fn annotated<'a>(
    docs: Vec<Document>,
    annotate: &'a Batch<'a>,
    done: &'a (dyn Fn() + Sync + Send),
) -> impl rayon::iter::IndexedParallelIterator<Item = Vec<(Document, Option<Error>)>> + 'a {
    use rayon::prelude::*;
    batches(docs).into_par_iter().map(move |mut b| {
        let failed = annotate(&mut b);
        b.into_iter().zip(failed).inspect(|_| done()).collect()
    })
}

/// [`crate::Pipeline::annotate_into_graph`] with its annotation of a batch as a parameter (tests
/// hand it one that fails); the documents go in [`batches`], each annotated stage by stage.
fn annotate_into(
    docs: Vec<Document>,
    annotate: impl Fn(&mut [Document]) -> Vec<Option<Error>> + Sync + Send,
    done: impl Fn() + Sync + Send,
) -> (GraphBuilder, usize, Vec<Error>) {
    use rayon::prelude::*;
    let (builder, words, mut failed) = annotated(docs, &annotate, &done)
        .flatten_iter()
        .fold(
            || (GraphBuilder::new(), 0usize, Vec::new()),
            |(mut b, words, mut failed), (d, e)| match e {
                None => {
                    b.add(&d);
                    (b, words + d.word_count(), failed)
                }
                Some(e) => {
                    failed.push(e);
                    (b, words, failed)
                }
            },
        )
        .reduce(
            || (GraphBuilder::new(), 0, Vec::new()),
            |(mut a, wa, mut fa), (b, wb, fb)| {
                a.merge(b);
                fa.extend(fb);
                (a, wa + wb, fa)
            },
        );
    failed.sort_by_cached_key(|e| e.to_string());
    (builder, words, failed)
}

/// [`crate::Pipeline::annotate_all`] with its annotation of a batch as a parameter: the
/// documents go in [`batches`] as [`annotate_into`]'s do, and come back in their order.
fn annotate_each(
    docs: &mut Vec<Document>,
    annotate: impl Fn(&mut [Document]) -> Vec<Option<Error>> + Sync + Send,
    done: impl Fn() + Sync + Send,
) -> Vec<Error> {
    use rayon::prelude::*;
    let results: Vec<Vec<(Document, Option<Error>)>> =
        annotated(std::mem::take(docs), &annotate, &done).collect();
    let mut failed = Vec::new();
    for (d, r) in results.into_iter().flatten() {
        match r {
            Some(e) => failed.push(e),
            None => docs.push(d),
        }
    }
    failed.sort_by_cached_key(|e| e.to_string());
    failed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;
    use crate::lexicon::Lexicon;

    /// An annotation that panics on one document, as a bug would: the tokenizer's spans are
    /// enough for the graph builder to count words. Run over a batch as the pipeline's stages
    /// are, each document under the guard.
    fn annotate_or_panic(docs: &mut [Document]) -> Vec<Option<Error>> {
        let mut failed: Vec<Option<Error>> = docs.iter().map(|_| None).collect();
        crate::pipeline::batch::each(docs, &mut failed, |_, d| {
            if d.text.contains("boom") {
                let empty: Vec<usize> = Vec::new();
                let _ = empty[d.text.len()];
            }
        });
        crate::pipeline::batch::each(docs, &mut failed, |_, d| {
            crate::pipeline::tokenize::tokenize(d)
        });
        failed
    }

    fn docs() -> Vec<Document> {
        vec![
            from_text("a.txt", "Jens Stoltenberg warned China."),
            from_text("b.txt", "This one goes boom."),
            from_text("c.txt", "Antony Blinken met him."),
        ]
    }

    #[test]
    fn a_failing_article_is_reported_and_left_out_of_the_graph_and_the_rest_are_in_it() {
        crate::pipeline::guard::install_quiet_hook();
        let (builder, words, failed) = annotate_into(docs(), annotate_or_panic, || {});
        assert_eq!(failed.len(), 1);
        let line = failed[0].to_string();
        assert!(
            line.starts_with("b.txt: internal error while annotating (index out of bounds"),
            "{line}"
        );
        let graph = builder.finish(&Lexicon::embedded());
        let ids: Vec<&str> = graph.documents.iter().map(String::as_str).collect();
        assert_eq!(ids, ["a.txt", "c.txt"]);
        assert_eq!(words, 4 + 4);
    }

    #[test]
    fn a_failing_article_is_removed_from_the_kept_documents_and_the_rest_keep_their_order() {
        crate::pipeline::guard::install_quiet_hook();
        let mut kept = docs();
        let failed = annotate_each(&mut kept, annotate_or_panic, || {});
        assert_eq!(failed.len(), 1);
        assert!(failed[0].to_string().starts_with("b.txt: "));
        let ids: Vec<&str> = kept.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "c.txt"]);
        assert!(!kept[0].tokens.is_empty());
    }
}
