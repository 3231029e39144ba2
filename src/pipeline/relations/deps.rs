//! Verb relations read off the dependency parse: a verb's subject (`nsubj`, or the subject it
//! shares through `conj` and `xcomp`) and its objects (`obj`, and `obl` with its preposition), so
//! that arguments far from their verb are found ("NATO Secretary General Jens Stoltenberg said on
//! Thursday the alliance has seen signs ... and warned Beijing against any such move").
use super::{arg, as_actor, push, Arg, Ctx, Flags};
use crate::doc::{Document, MentionSource, Pos};
use crate::pipeline::coref::pronoun_antecedent;
use crate::pipeline::units::{Kind, VerbGroup};

/// The sentence's tree: children of each token (sentence-relative indices).
struct Tree {
    start: usize,
    kids: Vec<Vec<usize>>,
    /// Mention index covering each token.
    mention: Vec<Option<usize>>,
}

impl Tree {
    fn new(doc: &Document, a: usize, b: usize) -> Tree {
        let mut kids = vec![Vec::new(); b - a];
        for i in a..b {
            if let Some(h) = doc.tokens[i].head.map(|h| h as usize) {
                if (a..b).contains(&h) && h != i {
                    kids[h - a].push(i - a);
                }
            }
        }
        let mut mention = vec![None; b - a];
        for (m, men) in doc.mentions.iter().enumerate() {
            if men.tokens.start >= a && men.tokens.end <= b {
                for k in men.tokens.clone() {
                    mention[k - a] = Some(m);
                }
            }
        }
        Tree {
            start: a,
            kids,
            mention,
        }
    }
    fn dep<'d>(&self, doc: &'d Document, i: usize) -> &'d str {
        doc.tokens[self.start + i].dep
    }
    fn head(&self, doc: &Document, i: usize) -> Option<usize> {
        let h = doc.tokens[self.start + i].head? as usize;
        (h >= self.start && h - self.start < self.kids.len()).then(|| h - self.start)
    }
    /// Children of `i` whose relation is `rel` (subtypes included: "nsubj" finds "nsubj:pass").
    fn with<'a>(
        &'a self,
        doc: &'a Document,
        i: usize,
        rel: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.kids[i].iter().copied().filter(move |&k| {
            let d = self.dep(doc, k);
            d == rel || d.strip_prefix(rel).is_some_and(|r| r.starts_with(':'))
        })
    }
}

/// The entity a token stands for: the mention it is part of, a pronoun's antecedent, or a
/// coordination of them ("China and Russia").
fn args(doc: &Document, t: &Tree, cx: &Ctx, i: usize) -> Vec<Arg> {
    let mut out = Vec::new();
    let one = |k: usize| -> Option<Arg> {
        let mut m = t.mention[k]?;
        // the country or organisation of a title stands for the titled person in the parse
        // ("U.S. Secretary of State Antony Blinken warned"): the person is the argument
        if let Some(p) = doc.mentions.iter().position(|x| x.title_of == Some(m)) {
            m = p;
        }
        let men = &doc.mentions[m];
        let e = men.entity?;
        if men.source == MentionSource::Pronoun {
            return Some(Arg {
                entity: e,
                reason: Some(format!(
                    "\"{}\" refers to {}",
                    doc.token_text(t.start + k).to_lowercase(),
                    doc.entities[e].name
                )),
                indirect: true,
            });
        }
        Some(arg(e))
    };
    let lower = doc.token_text(t.start + i).to_lowercase();
    if let Some(a) = one(i) {
        out.push(a);
    } else if matches!(lower.as_str(), "he" | "she") {
        if let Some(e) = pronoun_antecedent(doc, cx.s, t.start + i) {
            out.push(Arg {
                entity: e,
                reason: Some(format!("\"{lower}\" refers to {}", doc.entities[e].name)),
                indirect: true,
            });
        }
    } else {
        return out;
    }
    for c in t.with(doc, i, "conj") {
        if let Some(a) = one(c) {
            out.push(a);
        }
    }
    out
}

/// The verb group of the chunker that holds token `i` of the document (for its lemma, negation,
/// hedging and voice).
fn group<'a>(cx: &'a Ctx, i: usize) -> Option<&'a VerbGroup> {
    cx.units.iter().find_map(|u| match &u.kind {
        Kind::Verb(g) if (u.start..u.end).contains(&i) => Some(g),
        _ => None,
    })
}

/// Subjects of verb `v`: its own, else the subject of the verb it is coordinated with or
/// complements ("said ... and warned", "is considering supplying").
fn subjects(doc: &Document, t: &Tree, cx: &Ctx, v: usize, depth: usize) -> (Vec<Arg>, bool) {
    if let Some(s) = t.with(doc, v, "nsubj").next() {
        let passive = t.dep(doc, s) == "nsubj:pass";
        return (args(doc, t, cx, s), passive);
    }
    let d = t.dep(doc, v);
    // an adverbial clause without a subordinator shares the subject too ("..., saying ...",
    // "criticised X, and later met Y" when "met" is read as such a clause)
    let shares =
        d == "conj" || d == "xcomp" || (d == "advcl" && t.with(doc, v, "mark").next().is_none());
    if depth < 3 && shares {
        if let Some(h) = t.head(doc, v) {
            if doc.tokens[t.start + h].pos.is_verbal() {
                let (s, passive) = subjects(doc, t, cx, h, depth + 1);
                let s = s
                    .into_iter()
                    .map(|a| Arg {
                        indirect: true,
                        ..a
                    })
                    .collect();
                return (s, passive && d == "conj");
            }
        }
    }
    (Vec::new(), false)
}

/// The preposition of an oblique argument ("to" in "to Russia").
fn preposition(doc: &Document, t: &Tree, o: usize) -> Option<String> {
    t.with(doc, o, "case")
        .map(|c| doc.lemma(t.start + c).into_owned())
        .next()
}

pub(super) fn verbs(doc: &mut Document, cx: &mut Ctx) {
    let r = doc.sentences[cx.s].tokens.clone();
    if r.is_empty() || doc.tokens[r.start..r.end].iter().all(|t| t.dep.is_empty()) {
        return;
    }
    let t = Tree::new(doc, r.start, r.end);
    let lx = cx.lx;
    for v in 0..r.len() {
        let vi = r.start + v;
        if doc.tokens[vi].pos != Pos::VERB {
            continue;
        }
        let g = group(cx, vi).cloned();
        let lemma = match &g {
            Some(g) if g.main == vi => g.lemma.clone(),
            _ => doc.lemma(vi).into_owned(),
        };
        // light verbs say too little; hedge verbs ("considering") only qualify the verb after
        // them, which carries the relation
        match lx.verb_class(&lemma) {
            Some("light") if lemma != "have" => continue,
            Some("hedge") => continue,
            _ => {}
        }
        let (subj, passive_subject) = subjects(doc, &t, cx, v, 0);
        if subj.is_empty() {
            continue;
        }
        let passive = passive_subject
            || g.as_ref().is_some_and(|g| g.passive && g.main == vi)
            || t.with(doc, v, "aux:pass").next().is_some();
        let (mut negated, mut hedged) =
            g.as_ref().map_or((false, false), |g| (g.negated, g.hedged));
        // "did not agree to supply": the governing verb's polarity and modality carry over
        let mut up = v;
        for _ in 0..3 {
            if t.dep(doc, up) != "xcomp" {
                break;
            }
            let Some(h) = t.head(doc, up) else { break };
            if let Some(hg) = group(cx, t.start + h) {
                negated |= hg.negated;
                hedged |= hg.hedged;
            }
            up = h;
        }
        let flags = Flags {
            negated,
            hedged,
            attributed: cx.speaker,
        };
        // a non-entity direct object becomes part of the predicate ("supply arms to")
        let mut noun = None;
        let mut objects: Vec<(String, Vec<Arg>, bool)> = Vec::new();
        // "said California Attorney General Xavier Becerra" names the speaker, not what is said
        let says = lemma == "say";
        for o in t.with(doc, v, "obj").filter(|_| !says) {
            let a = args(doc, &t, cx, o);
            if a.is_empty() {
                if doc.tokens[t.start + o].pos == Pos::NOUN {
                    noun = Some(doc.lemma(t.start + o).into_owned());
                }
            } else {
                objects.push((lemma.clone(), a, false));
            }
        }
        for o in t.with(doc, v, "obl") {
            let Some(p) = preposition(doc, &t, o) else {
                continue;
            };
            if lx.in_class("loc_prep", &p) && p != "to" {
                continue;
            }
            let a = args(doc, &t, cx, o);
            if a.is_empty() {
                continue;
            }
            if p == "by" {
                // the agent of a passive; "by" in an active clause is a means ("won by ...")
                if passive {
                    objects.push((lemma.clone(), a, true));
                }
                continue;
            }
            if !lx.in_class("verb_prep", &p) {
                continue;
            }
            let pred = match &noun {
                Some(n) => format!("{lemma} {n} {p}"),
                None => format!("{lemma} {p}"),
            };
            objects.push((pred, a, false));
        }
        for (pred, objs, by) in objects {
            for o in &objs {
                for s in &subj {
                    // passive: "X was elected by Y" is Y elect X; a passive without an agent
                    // says nothing about who acted
                    let (a, b) = match (passive, by) {
                        (true, true) => (o.clone(), s.clone()),
                        (true, false) => continue,
                        _ => (s.clone(), o.clone()),
                    };
                    let a = if a.indirect {
                        a
                    } else {
                        as_actor(doc, lx, a, Some(&lemma))
                    };
                    let b = if pred == lemma {
                        as_actor(doc, lx, b, Some(&lemma))
                    } else {
                        b
                    };
                    push(cx, &a, pred.clone(), &b, flags, 0.6, "dependency");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, rels};

    #[test]
    fn a_coordinated_verb_shares_the_subject_far_away() {
        let rs = rels(
            "Prime Minister Theresa May on Monday sharply criticised the European Commission, \
             and later met Angela Merkel in Berlin.",
        );
        assert!(has(&rs, "Theresa May", "meet", "Angela Merkel"), "{rs:?}");
    }

    #[test]
    fn hedge_verbs_are_no_predicates() {
        let rs = rels("China is considering supplying arms to Russia.");
        assert!(rs.iter().all(|r| !r.1.starts_with("consider")), "{rs:?}");
        assert!(
            rs.iter().any(|r| r.0 == "China" && r.2 == "Russia" && r.4),
            "{rs:?}"
        );
    }

    #[test]
    fn a_title_is_not_the_subject() {
        let rs = rels("U.S. Secretary of State Antony Blinken warned China.");
        assert!(has(&rs, "Antony Blinken", "warn", "China"), "{rs:?}");
        assert!(!has(&rs, "United States", "warn", "China"), "{rs:?}");
    }
}
