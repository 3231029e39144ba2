//! The links of pronouns that grammar decides, not the model: a reflexive is its clause's
//! subject ("Congress has proven itself ineffective"), the subject "it" of a subordinate clause is
//! the subject above ("Challenger was lost when it exploded"), and an object pronoun is not its
//! own verb's subject ("Johnson succeeding her").
use super::mentions::{head_of, Anaphor, AnaphorKind};
use super::walk::Candidate;
use crate::doc::{Dep, Document, EntityType, Pos};
use crate::lexicon::{Lexicon, WordClass};

/// Whether a pronoun is the object of the verb whose subject is the candidate's latest mention
/// in the same sentence ("Johnson succeeding her"): then it is not that candidate ("himself"
/// would be, and "his" may be).
pub fn object_of_its_subject(doc: &Document, a: &Anaphor, c: &Candidate) -> bool {
    // what the pronoun alone decides first: this runs for every candidate of every pronoun
    if a.kind != AnaphorKind::Pronoun
        || a.form.ends_with("self")
        || a.form.ends_with("selves")
        || !matches!(
            doc.tokens[a.head].dep.base(),
            Dep::Obj | Dep::Iobj | Dep::Obl
        )
        || c.last_sentence != a.sentence
    {
        return false;
    }
    // a name in apposition to the subject is the subject ("The leader, Carlos Vidal, thanked
    // her")
    let mut ch = head_of(doc, c.last.clone());
    if doc.tokens[ch].dep == Dep::Appos {
        if let Some(h) = doc.tokens[ch].head {
            ch = h as usize;
        }
    }
    doc.tokens[ch].dep.base() == Dep::Nsubj
        && doc.tokens[ch].head.is_some()
        && doc.tokens[ch].head == doc.tokens[a.head].head
}

/// The head of the clause a token stands in: the nearest token above it (itself excluded) that
/// is a verb or heads a clause (the root, a clausal dependant, a copula's predicate).
fn clause_of(doc: &Document, i: usize) -> Option<usize> {
    let mut i = doc.tokens[i].head? as usize;
    for _ in 0..doc.tokens.len() {
        let t = &doc.tokens[i];
        let clausal = matches!(
            t.dep.base(),
            Dep::Root | Dep::Ccomp | Dep::Xcomp | Dep::Advcl | Dep::Acl | Dep::Parataxis
        );
        match t.head {
            Some(h) if t.pos != Pos::VERB && !clausal => i = h as usize,
            _ => return Some(i),
        }
    }
    None
}

/// The candidate a reflexive pronoun ("himself", "itself", "themselves") stands for: the one
/// whose latest mention is the subject of the pronoun's clause ("Congress has proven itself
/// ineffective"), or of the clause above one with no subject of its own ("X wanted to prove
/// himself"); None for other pronouns, or when no candidate is that subject.
pub fn reflexive_subject(doc: &Document, a: &Anaphor, cands: &[Candidate]) -> Option<usize> {
    if a.kind != AnaphorKind::Pronoun || !(a.form.ends_with("self") || a.form.ends_with("selves")) {
        return None;
    }
    let mut clause = clause_of(doc, a.head)?;
    for _ in 0..2 {
        let subject = cands
            .iter()
            .position(|c| subject_of_clause(doc, a, c, clause));
        if subject.is_some() {
            return subject;
        }
        let has_subject = doc.sentences[a.sentence].tokens.clone().any(|i| {
            doc.tokens[i].dep.base() == Dep::Nsubj
                && doc.tokens[i].head.map(|h| h as usize) == Some(clause)
        });
        if has_subject || doc.tokens[clause].dep.base() != Dep::Xcomp {
            return None;
        }
        clause = clause_of(doc, clause)?;
    }
    None
}

/// Whether candidate `c`'s latest mention is in anaphor `a`'s sentence and is the subject of
/// `clause` (the clause's head token).
fn subject_of_clause(doc: &Document, a: &Anaphor, c: &Candidate, clause: usize) -> bool {
    c.last_sentence == a.sentence && {
        let ch = head_of(doc, c.last.clone());
        doc.tokens[ch].dep.base() == Dep::Nsubj
            && doc.tokens[ch].head.map(|h| h as usize) == Some(clause)
    }
}

/// The candidate the subject "it" of a subordinate clause stands for: the one whose latest
/// mention is the subject of the clause it hangs on, when a subordinating conjunction opens it
/// (a marker, or "when" and "while" as the parse's adverbs; the class `adverbial_opener`) and
/// that subject is no person ("Space Shuttle Challenger was lost when it exploded"); None
/// otherwise ("However it is dressed up, it is obvious ...": no conjunction opens it).
pub fn subordinate_subject(
    doc: &Document,
    lx: &Lexicon,
    a: &Anaphor,
    cands: &[Candidate],
) -> Option<usize> {
    if a.kind != AnaphorKind::Pronoun || a.form != "it" {
        return None;
    }
    let t = &doc.tokens[a.head];
    let verb = t.head.filter(|_| t.dep.base() == Dep::Nsubj)? as usize;
    if doc.tokens[verb].dep.base() != Dep::Advcl {
        return None;
    }
    let sent = doc.sentences[a.sentence].tokens.clone();
    let opened = sent.clone().any(|k| {
        doc.tokens[k].head == Some(verb as u32)
            && matches!(doc.tokens[k].dep.base(), Dep::Mark | Dep::Advmod)
            && lx.in_class(WordClass::AdverbialOpener, &doc.lemma(k))
    });
    if !opened {
        return None;
    }
    let main = doc.tokens[verb].head? as usize;
    cands.iter().position(|c| {
        doc.entities
            .get(c.entity)
            .is_some_and(|e| e.kind != EntityType::PER)
            && subject_of_clause(doc, a, c, main)
    })
}
