//! Chunking for the relation rules: turns a tagged sentence with mentions into a sequence of
//! units (entity, pronoun, verb group, preposition, noun chunk, conjunction, ...), each verb group
//! with its negation and hedging.
use crate::doc::{Document, MentionSource, Pos};
use crate::lexicon::Lexicon;
use crate::lexicon::{VerbClass, WordClass};

/// What a unit is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A mention (index into `doc.mentions`).
    Ent(usize),
    /// A personal pronoun (lower case).
    Pron(String),
    /// A verb group.
    Verb(VerbGroup),
    /// A preposition (lower case).
    Prep(String),
    /// A noun chunk; the head lemma with its compound nouns ("press conference").
    Noun(String),
    /// "and", "or", "but" (lower case).
    Conj(String),
    /// "who", "which", "that" after a noun.
    Rel,
    /// "that" introducing a complement clause.
    Comp,
    /// The possessive "'s".
    Poss,
    /// A comma.
    Comma,
    /// A quotation mark.
    Quote,
    /// Clause-ending punctuation (; : ( ) -).
    Stop,
    /// Anything else.
    Other,
}

/// A group of auxiliaries, adverbs and verbs read as one predicate: "is considering supplying";
/// the event nouns read its polarity and modality.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbGroup {
    /// "not", "never" or "n't" in the group.
    pub negated: bool,
    /// A modal or hedge word in the group.
    pub hedged: bool,
}

/// A unit: a kind over a token range.
#[derive(Debug, Clone)]
pub struct Unit {
    /// What the unit is.
    pub kind: Kind,
    /// Its first token.
    pub start: usize,
    /// Its end token (exclusive).
    pub end: usize,
}

const PRONOUNS: &[&str] = &[
    "he", "she", "we", "i", "they", "it", "him", "her", "us", "them", "you",
];
/// Chunks the tokens `a..b` of a sentence into units.
pub fn chunk(doc: &Document, lx: &Lexicon, a: usize, b: usize) -> Vec<Unit> {
    // mention starting at each token
    let mut starts: Vec<Option<usize>> = vec![None; b - a];
    // titles and the demonyms that own them are read as part of the name they precede
    let mut skip = vec![false; b - a];
    for m in doc.mentions_starting_in(a..b) {
        let men = &doc.mentions[m];
        if men.tokens.end > b {
            continue;
        }
        if men.source != MentionSource::Demonym {
            starts[men.tokens.start - a] = Some(m);
        }
        if let Some(t) = &men.title_span {
            t.clone().for_each(|k| skip[k - a] = true);
            if let Some(owner) = men.title_of.map(|o| &doc.mentions[o]) {
                if owner.source == MentionSource::Demonym && owner.tokens.end == t.start {
                    owner.tokens.clone().for_each(|k| skip[k - a] = true);
                }
            }
        }
    }
    let mut units = Vec::new();
    let mut i = a;
    while i < b {
        if let Some(m) = starts[i - a] {
            let e = doc.mentions[m].tokens.end;
            units.push(Unit {
                kind: Kind::Ent(m),
                start: i,
                end: e,
            });
            i = e;
            continue;
        }
        if skip[i - a] {
            i += 1;
            continue;
        }
        let t = doc.token_text(i);
        let lower = t.to_lowercase();
        let pos = doc.tokens[i].pos;
        let kind = match (pos, lower.as_str()) {
            (_, "'s") if pos != Pos::AUX && pos != Pos::VERB => Kind::Poss,
            (_, "'")
                if i > a
                    && doc.token_text(i - 1).ends_with('s')
                    && doc.tokens[i].start == doc.tokens[i - 1].end =>
            {
                Kind::Poss
            }
            (_, ",") => Kind::Comma,
            (_, "\"") => Kind::Quote,
            (_, ";" | ":" | "(" | ")" | "-" | "--") => Kind::Stop,
            (_, "and" | "or" | "but" | "nor") => Kind::Conj(lower.clone()),
            (_, "who" | "which") => Kind::Rel,
            (_, "that") => {
                let prev_noun = units
                    .last()
                    .is_some_and(|u: &Unit| matches!(u.kind, Kind::Noun(_) | Kind::Ent(_)));
                let prev_verb = units
                    .last()
                    .is_some_and(|u: &Unit| matches!(u.kind, Kind::Verb(_)));
                let next_verbal = i + 1 < b && doc.tokens[i + 1].pos.is_verbal();
                if prev_noun && next_verbal {
                    Kind::Rel
                } else if prev_verb
                    || prev_noun
                    || units
                        .last()
                        .is_none_or(|u| matches!(u.kind, Kind::Comma | Kind::Conj(_) | Kind::Other))
                {
                    Kind::Comp
                } else {
                    Kind::Other
                }
            }
            (Pos::PRON, p) if PRONOUNS.contains(&p) => Kind::Pron(lower.clone()),
            (Pos::VERB | Pos::AUX, _) | (Pos::PART, "to") if starts_verb_group(doc, i, b) => {
                let (g, e) = verb_group(doc, lx, i, b);
                units.push(Unit {
                    kind: Kind::Verb(g),
                    start: i,
                    end: e,
                });
                i = e;
                continue;
            }
            (Pos::ADP | Pos::SCONJ, _) if lower != "that" => Kind::Prep(lower.clone()),
            (Pos::PART, "to") => Kind::Prep(lower.clone()),
            (Pos::DET | Pos::ADJ | Pos::NOUN | Pos::NUM | Pos::PROPN, _)
            | (Pos::PRON, "its" | "his" | "her" | "their" | "our" | "my" | "your") => {
                let e = noun_end(doc, &starts, &skip, a, i, b);
                let heads: Vec<String> = (i..e)
                    .filter(|&k| matches!(doc.tokens[k].pos, Pos::NOUN | Pos::PROPN))
                    .map(|k| doc.lemma(k).into_owned())
                    .collect();
                let kind = if heads.is_empty() && (i..e).all(|k| doc.tokens[k].pos == Pos::DET) {
                    Kind::Other
                } else if heads.is_empty() {
                    Kind::Noun(lower.clone())
                } else {
                    Kind::Noun(heads[heads.len().saturating_sub(2)..].join(" "))
                };
                units.push(Unit {
                    kind,
                    start: i,
                    end: e,
                });
                i = e;
                continue;
            }
            (Pos::ADV, _) if !lx.in_class(WordClass::Negation, &lower) => {
                i += 1;
                continue;
            }
            _ => Kind::Other,
        };
        units.push(Unit {
            kind,
            start: i,
            end: i + 1,
        });
        i += 1;
    }
    units
}

fn noun_end(
    doc: &Document,
    starts: &[Option<usize>],
    skip: &[bool],
    a: usize,
    i: usize,
    b: usize,
) -> usize {
    let mut e = i + 1;
    while e < b
        && starts[e - a].is_none()
        && !skip[e - a]
        && matches!(
            doc.tokens[e].pos,
            Pos::DET | Pos::ADJ | Pos::NOUN | Pos::NUM | Pos::PROPN
        )
        && doc.token_text(e) != "that"
    {
        e += 1;
    }
    // a chunk ends on its head: keep at least one token
    e
}

fn starts_verb_group(doc: &Document, i: usize, b: usize) -> bool {
    if doc.token_text(i).eq_ignore_ascii_case("to") {
        return i + 1 < b && doc.tokens[i + 1].pos.is_verbal();
    }
    true
}

/// The lemma of a verb token, by rule when the lexicon does not know the form.
fn lemma_of(doc: &Document, lx: &Lexicon, i: usize) -> String {
    match &doc.tokens[i].lemma {
        Some(l) => l.to_string(),
        None => crate::pipeline::tagger::verb_lemma(lx, &doc.token_text(i).to_lowercase()),
    }
}

/// Reads a verb group starting at `i`; returns it and its end.
fn verb_group(doc: &Document, lx: &Lexicon, i: usize, b: usize) -> (VerbGroup, usize) {
    let mut e = i;
    let mut main = i;
    let mut negated = false;
    let mut hedged = false;
    while e < b {
        let lower = doc.token_text(e).to_lowercase();
        let pos = doc.tokens[e].pos;
        let after_aux = e > i && doc.tokens[e - 1].pos == Pos::AUX;
        // "considering supplying": a gerund after a hedge verb is the verb it hedges
        let after_hedge = e > i
            && doc.tokens[e - 1].pos.is_verbal()
            && lx.verb_class(&lemma_of(doc, lx, e - 1)) == Some(VerbClass::Hedge)
            && lower.ends_with("ing");
        let verbal = pos.is_verbal()
            || after_hedge
            || after_aux && lx.readings(&lower).iter().any(|r| r.pos == Pos::VERB);
        let to_before_verb = lower == "to" && e + 1 < b && doc.tokens[e + 1].pos.is_verbal();
        let adv = (pos == Pos::ADV || pos == Pos::PART)
            && e + 1 < b
            && (doc.tokens[e + 1].pos.is_verbal()
                || doc.tokens[e + 1].pos == Pos::ADV
                || doc.tokens[e + 1].pos == Pos::PART);
        // "considering and may be planning": a conjunction between verbs of one group
        if !(verbal || to_before_verb || adv) {
            break;
        }
        if lx.in_class(WordClass::Negation, &lower) {
            negated = true;
        }
        if lx.in_class(WordClass::ModalHedge, &lower) || lx.in_class(WordClass::HedgeAdv, &lower) {
            hedged = true;
        }
        if verbal {
            if main != e {
                let prev_lemma = lemma_of(doc, lx, main);
                if lx.verb_class(&prev_lemma) == Some(VerbClass::Hedge) {
                    hedged = true;
                }
            }
            main = e;
        }
        e += 1;
    }
    if e == i {
        e = i + 1;
    }
    (VerbGroup { negated, hedged }, e)
}
