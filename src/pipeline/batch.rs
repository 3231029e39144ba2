//! Several documents annotated stage by stage: each stage runs over every document of a batch
//! before the next stage starts, so its models and word lists stay in the processor's caches
//! from one document to the next instead of being pushed out by the other stages' at every
//! document (on news articles, batches of 8 to 16 take about a tenth less time than one document
//! at a time; `docs/accuracy.md`). The result is what [`Pipeline::annotate_document`] gives each
//! document.
use super::guard::guarded;
use super::{clauses, Pipeline, Stage};
use crate::doc::Document;
use crate::error::Error;

/// Most documents in a batch.
pub const BATCH_DOCS: usize = 8;
/// Most text in a batch (bytes): a long document goes alone, so that a batch's annotations take
/// little memory.
pub const BATCH_BYTES: usize = 256 * 1024;

/// Splits documents, in their order, into batches of at most [`BATCH_DOCS`] documents and
/// [`BATCH_BYTES`] of text (a longer document is a batch of its own).
pub fn batches(docs: Vec<Document>) -> Vec<Vec<Document>> {
    let mut out: Vec<Vec<Document>> = Vec::new();
    let mut bytes = 0;
    for d in docs {
        let size = d.text.len();
        match out.last_mut() {
            Some(b) if b.len() < BATCH_DOCS && bytes + size <= BATCH_BYTES => {
                bytes += size;
                b.push(d);
            }
            _ => {
                bytes = size;
                out.push(vec![d]);
            }
        }
    }
    out
}

/// Runs `step` on each document of `docs` that has not failed yet, under the guard: a document
/// whose step panics (a bug in kgraph) gets its error in `failed` and no later step.
pub(crate) fn each(
    docs: &mut [Document],
    failed: &mut [Option<Error>],
    mut step: impl FnMut(usize, &mut Document),
) {
    for (k, d) in docs.iter_mut().enumerate() {
        if failed[k].is_none() {
            let id = d.id.clone();
            if let Err(e) = guarded(&id, || step(k, d)) {
                failed[k] = Some(e);
            }
        }
    }
}

impl Pipeline {
    /// Annotates documents (clean text, as [`crate::ingest`] makes it) stage by stage; what
    /// [`Pipeline::annotate_document`] does to each, in less time. Returns, for each document,
    /// the error of the stage that failed on it ([`Error::Annotate`], a bug in kgraph; the
    /// document is then half annotated and must be left out), or None.
    pub fn annotate_batch(&self, docs: &mut [Document]) -> Vec<Option<Error>> {
        let mut failed: Vec<Option<Error>> = docs.iter().map(|_| None).collect();
        let mut parsed: Vec<Vec<clauses::Parsed>> = docs.iter().map(|_| Vec::new()).collect();
        for &stage in Stage::ALL {
            each(docs, &mut failed, |k, d| self.run(stage, d, &mut parsed[k]));
        }
        failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;

    #[test]
    fn a_batch_annotates_each_document_as_one_at_a_time_does() {
        let p = crate::testing::pipeline();
        let texts = [
            "Jens Stoltenberg warned China on Monday. He said it was a threat.",
            "",
            "Ana Ruiz was taken to a clinic in Lima. The Peruvian minister visited her.",
            "Antony Blinken, the U.S. Secretary of State, met Stoltenberg in Brussels.",
        ];
        let mut batch: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(k, t)| from_text(&format!("{k}.txt"), t))
            .collect();
        let failed = p.annotate_batch(&mut batch);
        assert!(failed.iter().all(Option::is_none));
        for (k, t) in texts.iter().enumerate() {
            let mut one = from_text(&format!("{k}.txt"), t);
            p.annotate_document(&mut one);
            let d = &batch[k];
            assert_eq!(d.tokens.len(), one.tokens.len());
            assert_eq!(format!("{:?}", d.entities), format!("{:?}", one.entities));
            assert_eq!(format!("{:?}", d.relations), format!("{:?}", one.relations));
            assert_eq!(format!("{:?}", d.referents), format!("{:?}", one.referents));
        }
        assert!(!batch[0].relations.is_empty());
    }

    #[test]
    fn batches_keep_the_order_and_hold_at_most_their_documents_and_bytes() {
        let long: String = (0..BATCH_BYTES / 4).map(|k| format!("w{k} ")).collect();
        let docs: Vec<Document> = (0..40)
            .map(|k| from_text(&k.to_string(), if k == 20 { &long } else { "A short one." }))
            .collect();
        assert!(docs[20].text.len() > BATCH_BYTES);
        let bs = batches(docs);
        let ids: Vec<String> = bs.iter().flatten().map(|d| d.id.clone()).collect();
        let want: Vec<String> = (0..40).map(|k: usize| k.to_string()).collect();
        assert_eq!(ids, want);
        assert!(bs.iter().all(|b| !b.is_empty() && b.len() <= BATCH_DOCS));
        // the long document is a batch of its own
        assert!(bs.iter().any(|b| b.len() == 1 && b[0].id == "20"));
        assert_eq!(bs.iter().map(Vec::len).sum::<usize>(), 40);
    }
}
