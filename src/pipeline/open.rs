//! Open triples: every clause of the clause layer as (subject phrase, relation phrase, object
//! phrase, further arguments), in the words of the sentence, whether or not its arguments are
//! named entities ("the French people | rejected | the treaty"). Used by `extract --open` and
//! scored on the CaRB benchmark (`eval carb`).
use crate::doc::{Document, Pos};
use crate::lexicon::Lexicon;
use crate::pipeline::clauses::{clauses, is_rel, Clause, Link, SubjectVia, Tree};
use std::ops::Range;

/// One open triple: phrases are text of the sentence, arguments in order.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFact {
    pub sentence: usize,
    /// The subject phrase.
    pub subject: String,
    /// The relation phrase: auxiliaries, negation, the verb and its particle ("has not seen").
    pub relation: String,
    /// The object phrase, then every oblique with its preposition ("to Russia").
    pub args: Vec<String>,
    pub negated: bool,
    pub hedged: bool,
    /// Higher for a clause with its own subject and a direct object, lower for a shared subject,
    /// a long argument or a clause without an object.
    pub confidence: f32,
}

/// The token range of the phrase headed by `h`: its subtree, without relative clauses,
/// appositions and punctuation at its edges, cut to one contiguous run around `h`.
fn phrase(doc: &Document, t: &Tree, h: usize, skip: &[usize]) -> Range<usize> {
    let mut lo = h;
    let mut hi = h + 1;
    let mut stack = vec![h];
    while let Some(x) = stack.pop() {
        lo = lo.min(x);
        hi = hi.max(x + 1);
        for &k in t.kids(x) {
            let d = doc.tokens[k].dep;
            if skip.contains(&k)
                || is_rel(d, "acl")
                || is_rel(d, "appos")
                || (x == h && matches!(d, "punct" | "cc" | "parataxis"))
                || (x == h && is_rel(d, "conj"))
            {
                continue;
            }
            stack.push(k);
        }
    }
    while lo < hi && doc.tokens[lo].pos == Pos::PUNCT {
        lo += 1;
    }
    while hi > lo && doc.tokens[hi - 1].pos == Pos::PUNCT {
        hi -= 1;
    }
    lo..hi
}

fn words(doc: &Document, r: Range<usize>) -> String {
    r.map(|i| doc.token_text(i)).collect::<Vec<_>>().join(" ")
}

/// The relation phrase of a clause: auxiliaries, negation and the verb with its particle, in
/// sentence order; for a copula, the copula.
fn relation(doc: &Document, t: &Tree, c: &Clause) -> String {
    let h = c.head;
    let mut toks: Vec<usize> = t
        .kids(h)
        .iter()
        .copied()
        .filter(|&k| {
            let d = doc.tokens[k].dep;
            is_rel(d, "aux")
                || is_rel(d, "cop")
                || (d == "advmod"
                    && matches!(
                        doc.token_text(k).to_lowercase().as_str(),
                        "not" | "n't" | "never"
                    ))
                || d == "compound:prt"
        })
        .collect();
    if !c.copula {
        toks.push(h);
    }
    toks.sort_unstable();
    toks.into_iter()
        .map(|k| doc.token_text(k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The open triples of a document.
pub fn extract(doc: &Document, lx: &Lexicon) -> Vec<OpenFact> {
    let mut out = Vec::new();
    for s in 0..doc.sentences.len() {
        let r = doc.sentences[s].tokens.clone();
        if r.is_empty() {
            continue;
        }
        let t = Tree::new(doc, r.start, r.end);
        let cs = clauses(doc, lx, s);
        for c in &cs {
            let Some(&subj) = c.subjects.first() else {
                continue;
            };
            // a relative clause's own words are not part of its subject
            let skip = [c.head];
            let sp = phrase(doc, &t, subj, &skip);
            if sp.is_empty()
                || (sp.start <= c.head && c.head < sp.end && c.subject_via != SubjectVia::Modified)
            {
                continue;
            }
            let mut args = Vec::new();
            if c.copula {
                let mut skip: Vec<usize> = c.subjects.clone();
                skip.extend(t.kids(c.head).iter().copied().filter(|&k| {
                    let d = doc.tokens[k].dep;
                    is_rel(d, "cop")
                        || is_rel(d, "nsubj")
                        || is_rel(d, "aux")
                        || d == "punct"
                        || d == "advmod"
                            && matches!(
                                doc.token_text(k).to_lowercase().as_str(),
                                "not" | "n't" | "never"
                            )
                }));
                let pr = phrase(doc, &t, c.head, &skip);
                args.push(words(doc, pr));
            } else {
                for &o in c.objects.iter().chain(&c.iobjects) {
                    args.push(words(doc, phrase(doc, &t, o, &[])));
                }
            }
            for ob in &c.obliques {
                // the preposition is part of the phrase of the oblique
                args.push(words(doc, phrase(doc, &t, ob.token, &[])));
            }
            if args.is_empty() {
                continue;
            }
            let subject = words(doc, sp);
            let rel = relation(doc, &t, c);
            let mut conf: f32 = 0.9;
            if c.subject_via != SubjectVia::Own {
                conf -= 0.15;
            }
            if c.objects.is_empty() && !c.copula {
                conf -= 0.1;
            }
            if matches!(c.link, Link::Relcl | Link::Acl | Link::Advcl) {
                conf -= 0.05;
            }
            let long = args.iter().map(|a| a.split(' ').count()).sum::<usize>();
            if long > 12 {
                conf -= 0.1;
            }
            if c.hedged {
                conf -= 0.05;
            }
            out.push(OpenFact {
                sentence: s,
                subject,
                relation: rel,
                args,
                negated: c.negated,
                hedged: c.hedged,
                confidence: (conf * 100.0).round() / 100.0,
            });
        }
        // appositions: "Jacques Chirac, the former president, ..." → is
        for i in r.clone() {
            if !is_rel(doc.tokens[i].dep, "appos") {
                continue;
            }
            let Some(h) = t.head(doc, i) else { continue };
            let a = phrase(doc, &t, h, &[i]);
            let b = phrase(doc, &t, i, &[]);
            if a.is_empty() || b.is_empty() {
                continue;
            }
            out.push(OpenFact {
                sentence: s,
                subject: words(doc, a),
                relation: "is".to_string(),
                args: vec![words(doc, b)],
                negated: false,
                hedged: false,
                confidence: 0.7,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::ingest::from_text;
    use crate::pipeline::annotate;

    fn open(text: &str) -> Vec<(String, String, Vec<String>)> {
        let mut d = from_text("t", text);
        annotate(&mut d);
        super::extract(&d, crate::lexicon::get())
            .into_iter()
            .map(|f| (f.subject, f.relation, f.args))
            .collect()
    }

    #[test]
    fn clauses_become_triples_with_noun_phrase_arguments() {
        let f = open("The French farmers have not accepted the new trade agreement.");
        assert!(
            f.iter().any(|x| x.0 == "The French farmers"
                && x.1 == "have not accepted"
                && x.2 == ["the new trade agreement"]),
            "{f:?}"
        );
    }

    #[test]
    fn obliques_keep_their_preposition_and_copulas_are_is() {
        let f = open("The old bridge was built in 1890 by local workers. The mayor is a doctor.");
        assert!(
            f.iter().any(|x| x.0 == "The old bridge"
                && x.1 == "was built"
                && x.2.contains(&"by local workers".to_string())),
            "{f:?}"
        );
        assert!(
            f.iter()
                .any(|x| x.0 == "The mayor" && x.1 == "is" && x.2 == ["a doctor"]),
            "{f:?}"
        );
    }
}
