//! The mentions of the coreference walks: the anaphors of a document (pronouns and definite
//! descriptions), the noun phrases that may open a chain of an unnamed thing, and what is read
//! off them (inside a quotation, an "it" that stands for nothing, a phrase's extent, plurality).
use crate::doc::{Dep, Document, Pos};
use crate::lexicon::{Lexicon, WordClass};
use std::ops::Range;

/// The kind of an anaphor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnaphorKind {
    /// A pronoun ("he", "its").
    Pronoun,
    /// "the" + a noun phrase headed by a common noun.
    Description,
}

/// A pronoun or definite description that may stand for an entity.
#[derive(Debug, Clone)]
pub struct Anaphor {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Its head token.
    pub head: usize,
    /// Its sentence.
    pub sentence: usize,
    /// Pronoun or description.
    pub kind: AnaphorKind,
    /// The pronoun in lower case, or the description's head lemma.
    pub form: String,
    /// Inside a quotation.
    pub quoted: bool,
}

/// Whether each token is inside a quotation of its sentence (between its quotation marks): what
/// the coreference model is trained and run on.
pub fn quoted(doc: &Document) -> Vec<bool> {
    quotations(doc, false)
}

/// Whether each token is inside a quotation (between its quotation marks), with `across`
/// sentences: a quotation goes on to its closing mark ("X said, \"... . ... . I am
/// disappointed.\""), and a paragraph ends it; else within each sentence.
pub fn quotations(doc: &Document, across: bool) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    let mut inside = false;
    for sent in &doc.sentences {
        let start = sent.tokens.start;
        if !across || (start > 0 && doc.tokens[start - 1].newline_after) {
            inside = false;
        }
        for i in sent.tokens.clone() {
            if matches!(doc.token_text(i), "\"" | "\u{201c}" | "\u{201d}") {
                inside = !inside;
            } else {
                out[i] = inside;
            }
        }
    }
    out
}

/// Whether each token of the document is covered by a mention (a name).
fn covered(doc: &Document) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    for m in &doc.mentions {
        for c in &mut out[m.tokens.clone()] {
            *c = true;
        }
    }
    out
}

/// A noun phrase of sentence `s` from token `k` to its noun `i`, read as a description.
fn description(doc: &Document, k: usize, i: usize, s: usize, quoted: bool) -> Anaphor {
    Anaphor {
        tokens: k..i + 1,
        head: i,
        sentence: s,
        kind: AnaphorKind::Description,
        form: doc.lemma(i).to_lowercase(),
        quoted,
    }
}

/// The anaphors of a document, in token order: personal and possessive pronouns, and nouns with
/// "the" that no name covers.
pub fn anaphors(doc: &Document, lx: &Lexicon) -> Vec<Anaphor> {
    anaphors_and_named_descriptions(doc, lx).0
}

/// [`anaphors`], and the descriptions a name is inside ("the former Democratic National
/// Committee chairman"), which the anaphors leave out, each in token order: the model never
/// weighs those (it learnt from descriptions without a name), but their sentence may say what
/// they are (`said_to_be`).
pub fn anaphors_and_named_descriptions(
    doc: &Document,
    lx: &Lexicon,
) -> (Vec<Anaphor>, Vec<Anaphor>) {
    let covered = covered(doc);
    let (mut out, mut named) = (Vec::new(), Vec::new());
    let quotes = quoted(doc);
    for (s, sent) in doc.sentences.iter().enumerate() {
        for i in sent.tokens.clone() {
            let text = doc.token_text(i);
            let quoted = quotes[i];
            if covered[i] || matches!(text, "\"" | "\u{201c}" | "\u{201d}") {
                continue;
            }
            let t = &doc.tokens[i];
            if t.pos == Pos::PRON {
                let lower = text.to_lowercase();
                if !lx.in_class(WordClass::AnaphoricPronoun, &lower)
                    || (lower == "it" && pleonastic(doc, sent.tokens.clone(), i))
                {
                    continue;
                }
                out.push(Anaphor {
                    tokens: i..i + 1,
                    head: i,
                    sentence: s,
                    kind: AnaphorKind::Pronoun,
                    form: lower,
                    quoted,
                });
            } else if t.pos == Pos::NOUN && !t.dep.is(Dep::Compound) {
                // its determiner "the", a few words before it
                let det = (sent.tokens.start.max(i.saturating_sub(6))..i).find(|&k| {
                    doc.tokens[k].head == Some(i as u32)
                        && doc.tokens[k].dep == Dep::Det
                        && doc.token_text(k).eq_ignore_ascii_case("the")
                });
                if let Some(k) = det {
                    let d = description(doc, k, i, s, quoted);
                    if covered[k..i].iter().any(|&c| c) {
                        named.push(d);
                    } else {
                        out.push(d);
                    }
                }
            }
        }
    }
    (out, named)
}

/// The noun phrases that take part in the walk of unnamed things beside the anaphors: a common
/// noun that no name covers and no anaphor heads, with the determiner "a", "an", "this", "that",
/// "these" or "those" or a possessive pronoun ("a sensitive document", "his wife"); its tokens
/// from that word to the noun, in token order.
pub fn openers(doc: &Document, ans: &[Anaphor]) -> Vec<Anaphor> {
    let covered = covered(doc);
    let heads: std::collections::HashSet<usize> = ans.iter().map(|a| a.head).collect();
    let quotes = quoted(doc);
    let mut out = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        for i in sent.tokens.clone() {
            let t = &doc.tokens[i];
            if t.pos != Pos::NOUN || t.dep.is(Dep::Compound) || covered[i] || heads.contains(&i) {
                continue;
            }
            let opener = (sent.tokens.start.max(i.saturating_sub(6))..i).find(|&k| {
                doc.tokens[k].head == Some(i as u32)
                    && match doc.tokens[k].dep {
                        Dep::Det => matches!(
                            doc.token_text(k).to_lowercase().as_str(),
                            "a" | "an" | "this" | "that" | "these" | "those"
                        ),
                        Dep::NmodPoss => doc.tokens[k].pos == Pos::PRON,
                        _ => false,
                    }
            });
            if let Some(k) = opener.filter(|&k| !covered[k..i].iter().any(|&c| c)) {
                out.push(description(doc, k, i, s, quotes[i]));
            }
        }
    }
    out
}

/// Whether an "it" stands for no entity but for a clause or nothing: the parse's expletive ("It
/// seems that ..."), or the subject of a predicate whose own subject or complement clause
/// follows, where the predicate is an adjective or noun after a copula ("It is hard to say ...",
/// "It is likely that ..."), a passive with a that-clause ("It was reported that ...") or a verb
/// of seeming. "It plans to open a factory" and "It is expected to close" keep their referent.
fn pleonastic(doc: &Document, sent: Range<usize>, i: usize) -> bool {
    let t = &doc.tokens[i];
    if t.dep == Dep::Expl {
        return true;
    }
    let Some(h) = t.head.map(|h| h as usize) else {
        return false;
    };
    if !t.dep.is(Dep::Nsubj) || h < i {
        return false;
    }
    let kid = |k: usize, deps: &[Dep]| {
        doc.tokens[k].head == Some(h as u32) && deps.contains(&doc.tokens[k].dep)
    };
    let clause = |deps: &[Dep]| (h + 1..sent.end).any(|k| kid(k, deps));
    let before = |deps: &[Dep]| (sent.start..h).any(|k| kid(k, deps));
    match doc.tokens[h].pos {
        Pos::ADJ | Pos::NOUN => before(&[Dep::Cop]) && clause(&[Dep::Csubj, Dep::Ccomp]),
        Pos::VERB if before(&[Dep::AuxPass]) => clause(&[Dep::Ccomp]),
        Pos::VERB => {
            matches!(doc.lemma(h).as_ref(), "seem" | "appear" | "happen")
                && clause(&[Dep::Ccomp, Dep::Xcomp])
        }
        _ => false,
    }
}

/// The whole phrase of a description or noun phrase `tokens` (its determiner to its noun): the
/// tokens its noun heads in the parse, with what follows it ("the islands of Vava'u", "the
/// only candidate who ..."), without punctuation at either end; a pronoun is itself. What hangs
/// on the noun as the clause it predicates is not the phrase's: a conjunct, a clause beside it,
/// a copula's oblique ("Brahms was [the leading member of the jury] and was impressed"; "I am
/// [the only candidate who has studied law], and the only candidate ...").
pub fn phrase(doc: &Document, tokens: Range<usize>) -> Range<usize> {
    let head = tokens.end - 1;
    if tokens.len() == 1 && doc.tokens[head].pos == Pos::PRON {
        return tokens;
    }
    let Some(sent) = doc
        .sentences
        .get(doc.sentences.partition_point(|s| s.tokens.end <= head))
    else {
        return tokens;
    };
    let under = |mut k: usize| {
        for _ in 0..64 {
            if k == head {
                return true;
            }
            match doc.tokens[k].head {
                Some(h) if h as usize == head && beside(doc.tokens[k].dep.base()) => return false,
                Some(h) if sent.tokens.contains(&(h as usize)) => k = h as usize,
                _ => return false,
            }
        }
        false
    };
    let mut end = tokens.end;
    // the noun's dependents of the clause, not of the phrase
    fn beside(d: Dep) -> bool {
        matches!(
            d,
            Dep::Conj
                | Dep::Cc
                | Dep::Parataxis
                | Dep::Advcl
                | Dep::Obl
                | Dep::Punct
                | Dep::Discourse
                | Dep::Vocative
        )
    }
    for k in head + 1..sent.tokens.end {
        if under(k) {
            end = k + 1;
        }
    }
    while end > tokens.end && doc.tokens[end - 1].pos == Pos::PUNCT {
        end -= 1;
    }
    tokens.start..end
}

/// The head of a token range: its token whose syntactic head lies outside it (the last token
/// when the parse says nothing).
pub fn head_of(doc: &Document, r: Range<usize>) -> usize {
    r.clone()
        .find(|&i| {
            doc.tokens[i]
                .head
                .is_none_or(|h| !r.contains(&(h as usize)))
        })
        .unwrap_or(r.end - 1)
}

/// Whether a pronoun or a description's noun is plural ("they", "the papers").
pub(super) fn plural(doc: &Document, a: &Anaphor) -> bool {
    match a.kind {
        AnaphorKind::Pronoun => matches!(
            a.form.as_str(),
            "they" | "them" | "their" | "theirs" | "themselves" | "we" | "us" | "our" | "ours"
        ),
        AnaphorKind::Description => {
            let t = doc.token_text(a.head).to_lowercase();
            t.ends_with('s') && t != a.form
        }
    }
}
