//! Candidate facts beyond the named patterns: every two entity mentions of a sentence (a pronoun
//! counts as the person it refers to) joined by a short dependency path through a verb, a role
//! noun or a chain of prepositional phrases make a candidate whose predicate is the path's words
//! ("X, a reporter for Y" → reporter for; "X was taken to a clinic in Y" → taken to clinic in).
use super::paths::{
    case_word, first_is_subject, into_a_coordinate, is_modifier, is_subject_edge, path,
    stray_agent, takes_the_subject, through_a_person,
};
use super::patterns::{self, Sent};
use crate::doc::Dep;
use crate::doc::{Document, MentionSource, Pos, Relation};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::clauses::{self, Tree};
use std::ops::Range;
use std::rc::Rc;

/// The longest path a candidate may take, in dependency edges (docs/facts.md, pooled held out: 4
/// edges 0.511 / 0.804 at 0.46, best F1 0.635; 5, those of 5 as "path long", 0.519 / 0.805 at
/// 0.45, 0.641; 6, those of 5 and 6 as "path long", 0.519 / 0.815 at 0.46, 0.641).
const MAX_EDGES: usize = 6;

/// Paths longer than this are the rule [`LONG_PATH`]: the confidence model weighs them apart, so
/// that the many wrong long ones do not lower the short ones.
const SHORT_EDGES: usize = 4;

/// The rule of a path candidate of up to [`SHORT_EDGES`] edges.
pub(super) const PATH: &str = "path";
/// The rule of a longer path candidate.
pub(super) const LONG_PATH: &str = "path long";

/// One end of a candidate: an entity and the tokens that name it in the sentence.
#[derive(Debug, Clone)]
pub(super) struct End {
    pub entity: usize,
    pub tokens: Range<usize>,
    /// The token of the phrase the parse hangs the mention from.
    pub head: usize,
    /// The token the mention's phrase hangs from with its title: the title's head when the parse
    /// made the title the head of the name ("Foreign Secretary Dominic Raab urged ...":
    /// "Secretary" is the subject), else `head`. Paths start there.
    pub top: usize,
    pub source: EndSource,
    /// The mention (index into the document's), None for a pronoun.
    pub mention: Option<usize>,
}

impl End {
    /// How the entity stage found the mention (None for a pronoun).
    pub fn found_by(&self, doc: &Document) -> Option<MentionSource> {
        self.mention.map(|m| doc.mentions[m].source)
    }
    /// The title in front of the name ("professor" of "Professor Greg Barton").
    fn title<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        self.mention.and_then(|m| doc.mentions[m].title.as_deref())
    }
}

/// How an end names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EndSource {
    Name,
    Demonym,
    /// A pronoun of a person ("he", "her").
    Pronoun,
    /// "it", "its", "they": of an organisation or place as often as of a person.
    ThingPronoun,
}

/// The token of a span whose head lies outside it (its last token when the parse says nothing).
fn span_head(doc: &Document, t: &Tree, tokens: Range<usize>) -> usize {
    tokens
        .clone()
        .find(|&i| t.head(doc, i).is_none_or(|h| !tokens.contains(&h)))
        .unwrap_or(tokens.end - 1)
}

/// The entity ends of sentence `s`: its mentions (the owners of titles aside: the rules read
/// those), and the third-person pronouns with an antecedent (`covered`: the sentence's tokens
/// some mention covers, [`covered`]).
pub(super) fn ends(doc: &Document, lx: &Lexicon, t: &Tree, s: usize, covered: &[bool]) -> Vec<End> {
    let ms = doc.mentions_in(s);
    let owners: Vec<usize> = doc.mentions[ms.clone()]
        .iter()
        .filter_map(|m| m.title_of)
        .collect();
    let mut out: Vec<End> = Vec::new();
    for m in ms {
        let men = &doc.mentions[m];
        let Some(e) = men.entity else { continue };
        if owners.contains(&m) || men.tokens.end > t.range().end {
            continue;
        }
        let head = span_head(doc, t, men.tokens.clone());
        let mut top = head;
        if let Some(ts) = &men.title_span {
            while let Some(h) = t.head(doc, top).filter(|h| ts.contains(h)) {
                top = h;
            }
        }
        out.push(End {
            entity: e,
            tokens: men.tokens.clone(),
            head,
            top,
            mention: Some(m),
            source: if men.source == MentionSource::Demonym {
                EndSource::Demonym
            } else {
                EndSource::Name
            },
        });
    }
    // the coreference stage's links of the sentence's pronouns (its descriptions, "the company",
    // are left out: as ends they lowered the held-out F1, docs/facts.md)
    let first = doc.referents.partition_point(|r| r.head < t.range().start);
    for r in doc.referents[first..]
        .iter()
        .take_while(|r| r.head < t.range().end)
    {
        if r.tokens.start < t.range().start || r.tokens.clone().any(|i| covered[i - t.start]) {
            continue;
        }
        if doc.tokens[r.head].pos != Pos::PRON {
            continue;
        }
        let source = if lx.in_class(
            WordClass::PersonPronoun,
            &doc.token_text(r.head).to_lowercase(),
        ) {
            EndSource::Pronoun
        } else {
            EndSource::ThingPronoun
        };
        out.push(End {
            entity: r.entity,
            tokens: r.tokens.clone(),
            head: r.head,
            top: r.head,
            source,
            mention: None,
        });
    }
    out.sort_by_key(|e| e.tokens.start);
    out
}

/// A word of the predicate for an inner token of the path: a verb's lemma (a passive
/// participle as written: "born", "taken") with its particle, a noun's or adjective's lemma
/// after the nouns compounded in front of it ("vice president"), or a title the tagger took for
/// a name but no mention covers ("Army colonel").
fn inner_word(
    doc: &Document,
    lx: &Lexicon,
    t: &Tree,
    covered: &[bool],
    i: usize,
) -> Option<String> {
    let tok = &doc.tokens[i];
    let free = |k: usize| !covered.get(k - t.start).copied().unwrap_or(true);
    match tok.pos {
        Pos::VERB => {
            let passive = t.with(doc, i, Dep::AuxPass).next().is_some();
            let mut w = if passive {
                doc.token_text(i).to_lowercase()
            } else {
                doc.lemma(i).into_owned()
            };
            if let Some(p) = t.with(doc, i, Dep::CompoundPrt).next() {
                w.push(' ');
                w.push_str(&doc.token_text(p).to_lowercase());
            }
            Some(w)
        }
        Pos::NOUN | Pos::ADJ => {
            let mut w = String::new();
            for c in t.with(doc, i, Dep::Compound) {
                if c < i && doc.tokens[c].pos == Pos::NOUN && free(c) {
                    w.push_str(&doc.lemma(c));
                    w.push(' ');
                }
            }
            w.push_str(&doc.lemma(i));
            Some(w)
        }
        Pos::PROPN if free(i) => {
            let lower = doc.token_text(i).to_lowercase();
            (lx.is_title(&lower) && !lx.in_class(WordClass::CourtesyTitle, &lower)).then_some(lower)
        }
        _ => None,
    }
}

/// Which tokens of the tree's sentence some mention covers.
pub(super) fn covered(doc: &Document, t: &Tree, s: usize) -> Vec<bool> {
    let mut out = vec![false; t.range().len()];
    for m in &doc.mentions[doc.mentions_in(s)] {
        for k in m.tokens.clone() {
            if let Some(c) = out.get_mut(k.wrapping_sub(t.start)) {
                *c = true;
            }
        }
    }
    out
}

/// What the candidates of one sentence share: its tree, the tokens its mentions cover, its
/// clauses and the heads of the people it names.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    t: &'a Tree,
    covered: &'a [bool],
    cs: &'a [clauses::Clause],
    people: &'a [usize],
}

/// A candidate between two ends of one sentence: (subject, predicate, object, negated, hedged,
/// the path's edges), or None when the path is too long, crosses punctuation or names nothing.
fn candidate(
    doc: &Document,
    lx: &Lexicon,
    sc: &Sentence,
    a: &End,
    b: &End,
) -> Option<(usize, String, usize, bool, bool, usize)> {
    let Sentence {
        t,
        covered,
        cs,
        people,
    } = *sc;
    let (p, top) = path(doc, t, a.top, b.top)?;
    let edges = p.len() - 1;
    if edges == 0 || edges > MAX_EDGES {
        return None;
    }
    let inner = &p[1..p.len() - 1];
    if inner
        .iter()
        .any(|&i| doc.tokens[i].pos == Pos::PUNCT || a.tokens.contains(&i) || b.tokens.contains(&i))
    {
        return None;
    }
    if through_a_person(doc, t, &p, people) || into_a_coordinate(doc, t, &p) {
        return None;
    }
    // "according to X, Y ...": X is the source of what the sentence says of Y (X's phrase
    // hangs from the clause the path goes up to, not from a noun of Y's: "according to Yale
    // University historian Ann Lee")
    let according = |i: usize| case_word(doc, t, i).as_deref() == Some("according");
    let (acc_a, acc_b) = (
        top > 0 && according(p[0]),
        top < edges && according(p[edges]),
    );
    let attribution = acc_a != acc_b;
    let stray = stray_agent(doc, t, &p, top);
    let a_subject = if attribution {
        acc_a
    } else {
        first_is_subject(doc, t, &p, top, stray)
    };
    let ordered: Vec<usize> = if a_subject {
        p.clone()
    } else {
        p.iter().rev().copied().collect()
    };
    let top_tok = p[top];
    let mut words: Vec<String> = Vec::new();
    let mut below = false;
    for (k, &i) in ordered.iter().enumerate() {
        if i == top_tok {
            below = true;
        }
        let last = k == ordered.len() - 1;
        if k == 0 {
            continue;
        }
        if below && i != top_tok {
            // the object as a modifier in front of its noun: "an Emery employee", "Britain's
            // Duchess", "Atlanta businessman" are of the object
            if last && is_modifier(doc.tokens[i].dep) {
                words.push("of".to_string());
            } else if let Some(c) = case_word(doc, t, i) {
                words.push(c);
            }
        }
        // the subject of the first of two coordinated verbs is the second's: "Raab urged the
        // embassy to reconsider and spoke with Pompeo" → speak with, not urge speak with
        // and so is that of a participle clause after it: "Amodei voiced support, telling the
        // Nevada Independent ..." → tell, not voice tell
        let shared_subject = i == top_tok
            && doc.tokens[i].pos == Pos::VERB
            && ordered
                .get(k + 1)
                .is_some_and(|&n| takes_the_subject(doc, t, i, n))
            && is_subject_edge(doc.tokens[ordered[k - 1]].dep);
        if !last && !shared_subject {
            if let Some(w) = inner_word(doc, lx, t, covered, i) {
                words.push(w);
            }
        }
    }
    if attribution {
        words = vec!["according".into(), "to".into()];
    } else if stray.is_some() {
        // the passive's verb alone: the nouns its agent was hung from are not the predicate's
        words = inner_word(doc, lx, t, covered, top_tok)
            .into_iter()
            .collect();
    }
    // a direct link: only a prepositional phrase or a modifier (a place beside its place is
    // the pattern place-beside-place)
    if edges == 1 {
        let lower = if top == 0 { p[1] } else { p[0] };
        let dep = doc.tokens[lower].dep;
        if !(dep.is(Dep::Nmod) || is_modifier(dep)) || words.is_empty() {
            return None;
        }
    }
    if words.is_empty() || words.iter().all(|w| w.len() < 2) {
        return None;
    }
    let (mut neg, mut hedged) = (false, false);
    for c in cs.iter().filter(|c| p.contains(&c.head)) {
        neg |= c.negated;
        hedged |= c.hedged;
    }
    let (s, o) = if a_subject { (a, b) } else { (b, a) };
    if s.source == EndSource::Demonym {
        return None;
    }
    // only prepositions between them: the subject's title says what it is of the object
    // ("Professor Ann Lee, at Yale University" → professor at); with no title, a person's
    // country named by its demonym is the person's nationality ("Australian Tim Wu")
    let prep = |w: &String| {
        [
            WordClass::VerbPrep,
            WordClass::LocPrep,
            WordClass::Connector,
        ]
        .iter()
        .any(|&c| lx.in_class(c, w))
    };
    if words.iter().all(prep) {
        let title = s
            .title(doc)
            .filter(|t| !lx.in_class(WordClass::CourtesyTitle, t));
        if let Some(title) = title {
            words.insert(0, title.to_string());
        } else if o.source == EndSource::Demonym
            && doc.entities[s.entity].kind == crate::doc::EntityType::PER
        {
            words = vec!["national".into(), "of".into()];
        }
    }
    // lemmas keep the capital the treebank's names gave some words ("a Chilean national" has the
    // lemma "National" of "National Guard"); a predicate is lower case
    let predicate = words.join(" ").to_lowercase();
    Some((s.entity, predicate, o.entity, neg, hedged, edges))
}

/// Adds the candidates of sentence `s` whose two entities no named pattern has related there
/// (`related`: the (sentence, entity, entity) of the patterns' relations, lower entity first).
pub(super) fn add(
    doc: &mut Document,
    lx: &crate::lexicon::Lexicon,
    s: usize,
    related: &mut crate::hash::FastSet<(usize, usize, usize)>,
    parsed: Option<clauses::Parsed>,
) -> Option<(Rc<Tree>, Vec<End>)> {
    let r = doc.sentences[s].tokens.clone();
    if r.is_empty() {
        return None;
    }
    let (t, cs) = match parsed {
        Some((t, cs)) => (t, Some(cs)),
        None => (Rc::new(Tree::new(doc, r.start, r.end)), None),
    };
    let covered = covered(doc, &t, s);
    let ends = ends(doc, lx, &t, s, &covered);
    if ends.len() < 2 {
        return Some((t, ends));
    }
    let cs = cs.unwrap_or_else(|| clauses::clauses(doc, lx, &t));
    // the heads of the people the sentence names
    let people: Vec<usize> = ends
        .iter()
        .filter(|e| {
            e.source == EndSource::Name
                && doc.entities[e.entity].kind == crate::doc::EntityType::PER
        })
        .map(|e| e.top)
        .collect();
    let sc = Sentence {
        t: &t,
        covered: &covered,
        cs: &cs,
        people: &people,
    };
    let mut new = Vec::new();
    // the patterns kept as data first: their facts are candidates named by the pattern
    let mut end_at = vec![None; r.len()];
    for e in &ends {
        end_at[e.head - r.start] = Some(e);
    }
    let sent = Sent::new(doc, lx, &t, end_at);
    for (id, subj, pred, obj) in sent.facts(patterns::compiled(lx.patterns_text())) {
        let pair = (s, subj.min(obj), subj.max(obj));
        if subj == obj || related.contains(&pair) {
            continue;
        }
        related.insert(pair);
        new.push(Relation {
            subject: subj,
            predicate: pred,
            object: obj,
            sentence: s,
            negated: false,
            hedged: false,
            attributed_to: None,
            confidence: 0.5,
            rule: id,
            reason: None,
        });
    }
    for (i, a) in ends.iter().enumerate() {
        for b in &ends[i + 1..] {
            let pair = (s, a.entity.min(b.entity), a.entity.max(b.entity));
            if a.entity == b.entity || related.contains(&pair) {
                continue;
            }
            if let Some((subj, pred, obj, negated, hedged, edges)) = candidate(doc, lx, &sc, a, b) {
                related.insert(pair);
                let reason = [a, b]
                    .iter()
                    .filter(|e| e.mention.is_none())
                    .map(|e| {
                        format!(
                            "\"{}\" refers to {}",
                            doc.span_text(e.tokens.clone()).to_lowercase(),
                            doc.entities[e.entity].name
                        )
                    })
                    .collect::<Vec<_>>();
                new.push(Relation {
                    subject: subj,
                    predicate: pred,
                    object: obj,
                    sentence: s,
                    negated,
                    hedged,
                    attributed_to: None,
                    confidence: 0.3,
                    rule: if edges > SHORT_EDGES { LONG_PATH } else { PATH },
                    reason: (!reason.is_empty()).then(|| reason.join("; ")),
                });
            }
        }
    }
    doc.relations.extend(new);
    Some((t, ends))
}
