//! The dependency paths of candidate facts: the path between two tokens, and what decides a
//! path's direction (which end is the subject: a passive's agent, a subject, the upper end, an
//! event noun's agent) and which paths relate nothing (through another person's name, into a
//! noun coordinated with an end).
use crate::doc::{Dep, Document, Pos};
use crate::pipeline::clauses::Tree;

/// The path between two tokens: the tokens from `a` up to their lowest common ancestor and from
/// there down to `b` (both ends included), and the index of the ancestor in it.
pub(super) fn path(doc: &Document, t: &Tree, a: usize, b: usize) -> Option<(Vec<usize>, usize)> {
    let up = |mut x: usize| {
        let mut v = vec![x];
        while let Some(h) = t.head(doc, x) {
            if v.len() > 40 {
                break;
            }
            v.push(h);
            x = h;
        }
        v
    };
    let (ua, ub) = (up(a), up(b));
    let (ia, ib) = ua
        .iter()
        .enumerate()
        .find_map(|(i, x)| ub.iter().position(|y| y == x).map(|j| (i, j)))?;
    let mut p: Vec<usize> = ua[..=ia].to_vec();
    p.extend(ub[..ib].iter().rev());
    Some((p, ia))
}

/// The relation of the first edge an end takes on the path (empty when the end is the top).
fn first_edge(doc: &Document, path: &[usize], top: usize, at_start: bool) -> Dep {
    match (at_start, top) {
        (true, 0) => Dep::None,
        (true, _) => doc.tokens[path[0]].dep,
        (false, t) if t == path.len() - 1 => Dep::None,
        (false, _) => doc.tokens[path[path.len() - 1]].dep,
    }
}

/// A modifier in front of a noun that names what the noun belongs to or comes from.
pub(super) fn is_modifier(dep: Dep) -> bool {
    matches!(dep, Dep::Compound | Dep::NmodPoss | Dep::Amod)
}

pub(super) fn is_subject_edge(dep: Dep) -> bool {
    dep.is(Dep::Nsubj) || dep.is(Dep::Csubj) || dep == Dep::OblAgent
}

/// The lower-case preposition of a nominal ("to" of "to a clinic").
pub(super) fn case_word(doc: &Document, t: &Tree, i: usize) -> Option<String> {
    t.with(doc, i, Dep::Case)
        .find(|&c| c < i)
        .map(|c| doc.token_text(c).to_lowercase())
}

/// Whether a token is a noun or name (the top of a path through a role noun).
fn is_nominal(doc: &Document, i: usize) -> bool {
    matches!(doc.tokens[i].pos, Pos::NOUN | Pos::PROPN)
}

/// Whether a path runs through another person's name down to what hangs from that name: it
/// relates that person, not the far end ("Senators Marco Rubio of Florida, ... and David Perdue
/// of Georgia": Georgia is Perdue's); a list of names goes on through them ("collaborated with
/// Bob Dylan and Bruce Hornsby"). `people`: the heads of the sentence's people.
pub(super) fn through_a_person(doc: &Document, t: &Tree, p: &[usize], people: &[usize]) -> bool {
    (1..p.len() - 1).any(|k| {
        people.contains(&p[k])
            && [p[k - 1], p[k + 1]].iter().any(|&n| {
                t.head(doc, n) == Some(p[k]) && !matches!(doc.tokens[n].dep, Dep::Conj | Dep::List)
            })
    })
}

/// Whether a path steps from an end to a common noun coordinated with it: that noun is another
/// item of the list ("fashion designer Tim Gunn and Grateful Dead drummer Mickey Hart": Tim Gunn
/// is no drummer of Mickey Hart's).
pub(super) fn into_a_coordinate(doc: &Document, t: &Tree, p: &[usize]) -> bool {
    let n = p.len();
    let coordinate = |end: usize, next: usize| {
        doc.tokens[next].pos == Pos::NOUN
            && ((doc.tokens[next].dep == Dep::Conj && t.head(doc, next) == Some(end))
                || (doc.tokens[end].dep == Dep::Conj && t.head(doc, end) == Some(next)))
    };
    n > 2 && (coordinate(p[0], p[1]) || coordinate(p[n - 1], p[n - 2]))
}

/// Whether verb `n` below verb `i` has `i`'s subject: a coordinated verb, or a participle clause
/// after it with no subject and no marker of its own ("..., telling the Nevada Independent").
pub(super) fn takes_the_subject(doc: &Document, t: &Tree, i: usize, n: usize) -> bool {
    let tok = &doc.tokens[n];
    tok.pos == Pos::VERB
        && (tok.dep == Dep::Conj
            || (tok.dep == Dep::Advcl
                && n > i
                && doc.token_text(n).ends_with("ing")
                && t.with(doc, n, Dep::Nsubj).next().is_none()
                && t.with(doc, n, Dep::Mark).next().is_none()))
}

/// A passive's "by" phrase that the parse hung from a noun of the verb's other phrase ("Lennon
/// was shot in the courtyard of his building by Mark Chapman"), with the passive's subject at
/// the other end: still the passive's agent. Whether the first end is that agent.
pub(super) fn stray_agent(doc: &Document, t: &Tree, p: &[usize], top: usize) -> Option<bool> {
    let agent = |i: usize| case_word(doc, t, i).as_deref() == Some("by");
    let (ea, eb) = (
        first_edge(doc, p, top, true),
        first_edge(doc, p, top, false),
    );
    let passive_top = t.with(doc, p[top], Dep::AuxPass).next().is_some();
    (passive_top
        && top > 0
        && top < p.len() - 1
        && agent(p[0]) != agent(p[p.len() - 1])
        && (ea == Dep::NsubjPass) != (eb == Dep::NsubjPass)
        && (ea == Dep::NsubjPass) == agent(p[p.len() - 1]))
    .then(|| agent(p[0]))
}

/// Whether the path's first end is the subject of its fact (`top`: the index of the path's
/// highest token): with a passive verb at the top and its agent on one side, the agent ("Jo
/// Swinson was defeated by an SNP candidate": the SNP candidate defeats); else the end that is
/// a subject; else the one above; else, under a noun, an event noun's agent ("the recognition
/// of Kosovo by Serbia": Serbia recognises), then the end that is not the noun's modifier
/// ("Rutgers University scholar Kelly Dittmar": Dittmar is the scholar); else the first.
/// `stray`: [`stray_agent`] of the path.
pub(super) fn first_is_subject(
    doc: &Document,
    t: &Tree,
    p: &[usize],
    top: usize,
    stray: Option<bool>,
) -> bool {
    let (ea, eb) = (
        first_edge(doc, p, top, true),
        first_edge(doc, p, top, false),
    );
    let agent = |i: usize| case_word(doc, t, i).as_deref() == Some("by");
    let passive_top = t.with(doc, p[top], Dep::AuxPass).next().is_some();
    let agent_a = top > 0 && doc.tokens[p[top - 1]].dep == Dep::OblAgent;
    let agent_b = top + 1 < p.len() && doc.tokens[p[top + 1]].dep == Dep::OblAgent;
    if passive_top && agent_a != agent_b {
        agent_a
    } else if let Some(first) = stray {
        first
    } else if is_subject_edge(ea) != is_subject_edge(eb) {
        is_subject_edge(ea)
    } else if top == 0 || top == p.len() - 1 {
        top == 0
    } else if is_nominal(doc, p[top]) && agent(p[0]) != agent(p[p.len() - 1]) {
        agent(p[0])
    } else if is_nominal(doc, p[top]) && is_modifier(ea) != is_modifier(eb) {
        !is_modifier(ea)
    } else {
        true
    }
}
