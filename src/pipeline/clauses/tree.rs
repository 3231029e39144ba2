//! The children of each token of a sentence, read off the parse once for every stage that walks
//! it: a token's dependants, those of one relation, its conjuncts, whether a coordinator joins
//! them, and whether one token reaches another.
use crate::doc::Dep;
use crate::doc::{Document, Pos};

/// Children of each token of one sentence (document indices), in order: one flat list, each
/// token's children a slice of it (built for every sentence by several stages: two allocations,
/// not one per token).
pub struct Tree {
    /// The sentence's first token.
    pub start: usize,
    /// Where each token's children start in `kids` (one more entry than tokens).
    offsets: Vec<u32>,
    kids: Vec<usize>,
}

impl Tree {
    /// The tree of the sentence covering tokens `a..b`.
    pub fn new(doc: &Document, a: usize, b: usize) -> Tree {
        let head = |i: usize| {
            doc.tokens[i]
                .head
                .map(|h| h as usize)
                .filter(|&h| (a..b).contains(&h) && h != i)
        };
        let mut offsets = vec![0u32; b - a + 1];
        for i in a..b {
            if let Some(h) = head(i) {
                offsets[h - a + 1] += 1;
            }
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut next: Vec<u32> = offsets[..b - a].to_vec();
        let mut kids = vec![0usize; offsets[b - a] as usize];
        for i in a..b {
            if let Some(h) = head(i) {
                kids[next[h - a] as usize] = i;
                next[h - a] += 1;
            }
        }
        Tree {
            start: a,
            offsets,
            kids,
        }
    }
    /// The sentence's tokens.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.offsets.len() - 1
    }
    /// The children of token `i`.
    pub fn kids(&self, i: usize) -> &[usize] {
        let k = i - self.start;
        &self.kids[self.offsets[k] as usize..self.offsets[k + 1] as usize]
    }
    /// The head of token `i` inside the sentence.
    pub fn head(&self, doc: &Document, i: usize) -> Option<usize> {
        let h = doc.tokens[i].head? as usize;
        (self.range().contains(&h) && h != i).then_some(h)
    }
    /// Children of `i` whose relation is `rel` (subtypes included: "nsubj" finds "nsubj:pass").
    pub fn with<'a>(
        &'a self,
        doc: &'a Document,
        i: usize,
        rel: Dep,
    ) -> impl Iterator<Item = usize> + 'a {
        self.kids(i)
            .iter()
            .copied()
            .filter(move |&k| doc.tokens[k].dep.is(rel))
    }
    /// Whether a coordinating conjunction in front of `c` hangs in its phrase ("and" of "and
    /// Turkish President Erdoğan", however deep the parser hung it).
    pub(crate) fn has_coordinator(&self, doc: &Document, c: usize) -> bool {
        (self.start..c)
            .rev()
            .take(6)
            .any(|k| doc.tokens[k].dep == Dep::Cc && self.reaches(doc, k, c, 5))
    }
    /// Whether `c` is among the first `steps` heads above `k`.
    pub(crate) fn reaches(&self, doc: &Document, k: usize, c: usize, steps: usize) -> bool {
        let mut x = k;
        for _ in 0..steps {
            match self.head(doc, x) {
                Some(h) if h == c => return true,
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    }
    /// `i` and the heads coordinated with it ("China and Russia"), in order.
    pub fn conjuncts(&self, doc: &Document, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let x = out[k];
            // a "conjunct" with its own copula or subject is a clause ("Anna Berg, who is from
            // Kenya, ..." parsed as a coordination), not a coordinated argument
            // a "list" dependent with its own "and" is a conjunct the parser mislabelled ("US
            // President Donald Trump and Turkish President Recep Tayyip Erdoğan spoke")
            let listed = self
                .with(doc, x, Dep::List)
                .filter(|&c| self.has_coordinator(doc, c));
            out.extend(self.with(doc, x, Dep::Conj).chain(listed).filter(|&c| {
                doc.tokens[c].pos != Pos::VERB
                    && !self.kids(c).iter().any(|&k| {
                        matches!(doc.tokens[k].dep, Dep::Cop | Dep::Nsubj | Dep::NsubjPass)
                    })
            }));
            k += 1;
        }
        out
    }
}
