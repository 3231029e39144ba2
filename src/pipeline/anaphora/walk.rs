//! The coreference walk: goes through a document's anaphors in order with the entities
//! mentioned before each (or, in the second walk, the unnamed things opened before each) as
//! candidates and the features of every pair; the caller decides (the model at run time, the
//! gold at training).
use super::mentions::{plural, Anaphor, AnaphorKind};
use crate::doc::{Dep, Document, EntityType, Pos};
use crate::hash::FastMap;
use crate::lexicon::{Lexicon, WordClass};
use std::ops::Range;

use crate::model::confidence::feat;
pub use crate::model::confidence::{FeatureSink, Score};

/// How far back (in sentences) a pronoun's and a description's candidates may be.
const PRONOUN_WINDOW: usize = 3;
const DESCRIPTION_WINDOW: usize = 8;
/// The most candidates an anaphor is compared with (the nearest ones).
const MAX_CANDIDATES: usize = 30;

/// A candidate antecedent: an entity with what the walk knows of it so far.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The entity (index into the document's entities).
    pub entity: usize,
    /// Its latest mention (a name, or an anaphor already linked to it) before the anaphor.
    pub last: Range<usize>,
    /// The sentence of that latest mention.
    pub last_sentence: usize,
    /// The index (among the walk's anaphors) of that latest mention, when it was an anaphor.
    pub last_anaphor: Option<usize>,
    /// The index of the latest pronoun linked to it.
    pub last_pronoun: Option<usize>,
    /// Mentions so far.
    pub count: usize,
    /// Rank by recency among the candidates (0: the nearest), and among those of its type.
    pub rank: usize,
    /// Rank by recency among the candidates of its type.
    pub type_rank: usize,
    /// Rank by mentions so far among the candidates (0: the most mentioned).
    pub salience_rank: usize,
    /// The sentence of its first mention.
    pub first_sentence: usize,
}

impl Candidate {
    /// An entity first met at `tokens` of sentence `sentence`, with no mention counted yet.
    fn new(entity: usize, tokens: Range<usize>, sentence: usize) -> Candidate {
        Candidate {
            entity,
            last: tokens,
            last_sentence: sentence,
            last_anaphor: None,
            last_pronoun: None,
            count: 0,
            rank: 0,
            type_rank: 0,
            salience_rank: 0,
            first_sentence: sentence,
        }
    }
    /// Makes anaphor `a` (the walk's `n`th) its latest mention.
    fn follow(&mut self, a: &Anaphor, n: usize) {
        self.last = a.tokens.clone();
        self.last_sentence = a.sentence;
        self.last_anaphor = Some(n);
        if a.kind == AnaphorKind::Pronoun {
            self.last_pronoun = Some(n);
        }
        self.count += 1;
    }

    /// The reader's reason for a link to this candidate.
    pub fn why(&self, a: &Anaphor, doc: &Document) -> String {
        let kind = doc.entities[self.entity].kind;
        let dist = match a.sentence - self.last_sentence {
            0 => "in the same sentence".to_string(),
            1 => "1 sentence before".to_string(),
            n => format!("{n} sentences before"),
        };
        let nth = match self.type_rank {
            0 => "the nearest",
            1 => "the second nearest",
            _ => "a",
        };
        format!(
            "{nth} {} mentioned, {dist} (coreference model)",
            kind.as_str()
        )
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        _ => "5+",
    }
}

/// Per entity: its title words (lower case, the first title's first) and name words, for
/// descriptions; the sex of a person's first name.
struct EntityWords {
    titles: Vec<String>,
    words: Vec<String>,
    sex: Option<&'static str>,
    /// The nouns that say what it is ([`super::classes::entity_classes`]: "city", "neighborhood").
    classes: Vec<String>,
}

fn entity_words(doc: &Document, lx: &Lexicon) -> Vec<EntityWords> {
    let mut out: Vec<EntityWords> = doc
        .entities
        .iter()
        .zip(super::classes::entity_classes(doc, lx))
        .map(|(e, classes)| EntityWords {
            titles: Vec::new(),
            classes,
            sex: (e.kind == EntityType::PER)
                .then(|| {
                    let first = e.name.split(' ').next().unwrap_or("").to_lowercase();
                    lx.first_name_sex(&first)
                })
                .flatten(),
            words: e
                .name
                .split(' ')
                .chain(e.aliases.iter().flat_map(|a| a.split(' ')))
                .map(str::to_lowercase)
                .collect(),
        })
        .collect();
    for m in &doc.mentions {
        if let (Some(e), Some(t)) = (m.entity, &m.title) {
            out[e].titles.extend(t.split(' ').map(str::to_string));
        }
    }
    out
}

/// The class of a description's head: a title, an organisation noun, a place noun, or other.
fn noun_class(lx: &Lexicon, lemma: &str) -> &'static str {
    if lx.is_title(lemma) {
        "title"
    } else if lx.in_class(WordClass::OrgAnaphor, lemma) {
        "org"
    } else if lx.in_class(WordClass::PlaceNoun, lemma) {
        "place"
    } else {
        "other"
    }
}

/// The features of linking anaphor `a` to candidate `c`.
/// The features of the pairs of one document's anaphors and candidates, written one by one to
/// a sink (no list is built at run time: the model adds up their weights as they come).
pub struct Pairs<'a> {
    doc: &'a Document,
    lx: &'a Lexicon,
    ans: &'a [Anaphor],
    words: Vec<EntityWords>,
    /// Per sentence, how many sentences of four words or more end before it: distances count
    /// those ("Oh." and "Mhm." of a conversation add none).
    reach: Vec<usize>,
    /// Per anaphor, its phrase's words after its determiner, lower case ("rule of law" of "the
    /// rule of law"), and the kind of that determiner ([`determiner`]).
    phrases: Vec<(String, &'static str)>,
}

impl Pairs<'_> {
    /// How far back sentence `from` lies from sentence `to`, in sentences of four words or more.
    fn distance(&self, from: usize, to: usize) -> usize {
        self.reach[to] - self.reach[from]
    }

    /// The anaphor that opened a candidate's chain when the candidate is no named entity but
    /// an unnamed thing ("the document", then "it"): [`Candidate::entity`] is then the
    /// document's number of entities plus that anaphor's index.
    pub fn founder(&self, c: &Candidate) -> Option<(usize, &Anaphor)> {
        let n = c.entity.checked_sub(self.doc.entities.len())?;
        Some((n, &self.ans[n]))
    }

    /// The index of anaphor `a` among the walk's anaphors.
    fn at(&self, a: &Anaphor) -> usize {
        self.ans
            .partition_point(|x| (x.head, x.tokens.start) < (a.head, a.tokens.start))
    }

    /// The type of a candidate's entity (None for an unnamed thing).
    pub fn entity_kind(&self, c: &Candidate) -> Option<EntityType> {
        self.doc.entities.get(c.entity).map(|e| e.kind)
    }
}

/// The grammatical person of an anaphor: "1" ("I", "my"), "1p" ("we", "our"), "2" ("you"), or
/// "3" (every other pronoun and every noun phrase).
fn person(a: &Anaphor) -> &'static str {
    match a.form.as_str() {
        "i" | "me" | "my" | "mine" | "myself" => "1",
        "we" | "us" | "our" | "ours" | "ourselves" => "1p",
        "you" | "your" | "yours" | "yourself" | "yourselves" => "2",
        _ => "3",
    }
}

/// The kind of a noun phrase's first word: "def" ("the"), "indef" ("a", "some"), "demo"
/// ("this"), "poss" ("his", "Jane's" is none), "pron" (a pronoun alone) or "none" ("people").
fn determiner(doc: &Document, a: &Anaphor) -> &'static str {
    if a.kind == AnaphorKind::Pronoun {
        return "pron";
    }
    let first = a.tokens.start;
    if first == a.head {
        return "none";
    }
    match doc.token_text(first).to_lowercase().as_str() {
        "the" => "def",
        "a" | "an" | "some" | "any" | "another" => "indef",
        "this" | "that" | "these" | "those" => "demo",
        _ if doc.tokens[first].pos == Pos::PRON => "poss",
        _ => "none",
    }
}

/// An anaphor's phrase ([`super::phrase`]: "the rule of law") as its words after the
/// determiner, lower case, with the determiner's kind.
fn phrase_key(doc: &Document, a: &Anaphor) -> (String, &'static str) {
    let det = determiner(doc, a);
    // a phrase given whole (a gold mention) is taken as it is
    let r = if a.tokens.end == a.head + 1 {
        super::phrase(doc, a.tokens.clone())
    } else {
        a.tokens.clone()
    };
    let skip = usize::from(!matches!(det, "none" | "pron"));
    let mut key = String::new();
    for i in r.skip(skip) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&doc.token_text(i).to_lowercase());
    }
    (key, det)
}

/// Per sentence, how many sentences of four words or more end before it.
fn reach(doc: &Document) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let mut n = 0;
    for s in &doc.sentences {
        out.push(n);
        let words = s
            .tokens
            .clone()
            .filter(|&i| doc.tokens[i].pos != Pos::PUNCT)
            .count();
        n += usize::from(words >= 4);
    }
    out
}

impl Pairs<'_> {
    /// Calls `sink` with each feature of linking anaphor `a` to candidate `c`.
    pub fn each(&self, a: &Anaphor, c: &Candidate, sink: &mut impl FeatureSink) {
        let (doc, lx) = (self.doc, self.lx);
        let kind = self.entity_kind(c).map_or("NOM", |k| k.as_str());
        let g = match a.kind {
            AnaphorKind::Pronoun => a.form.as_str(),
            AnaphorKind::Description => "the-noun",
        };
        let sd = bucket(self.distance(c.last_sentence, a.sentence));
        let head = c.last.end - 1;
        let cdep = doc.tokens[head].dep.base();
        let adep = doc.tokens[a.head].dep.base();
        feat!(sink, "g=", g);
        feat!(sink, "gk=", g, "|", kind);
        feat!(sink, "sd=", sd, "|", g);
        feat!(sink, "sdk=", sd, "|", kind, "|", g);
        feat!(sink, "r=", bucket(c.rank), "|", g);
        feat!(sink, "rt=", bucket(c.type_rank), "|", kind, "|", g);
        feat!(sink, "cd=", cdep, "|", g);
        feat!(sink, "ad=", adep, "|", g);
        feat!(sink, "par=", cdep, "|", adep);
        feat!(sink, "n=", bucket(c.count), "|", g);
        feat!(sink, "sr=", bucket(c.salience_rank), "|", g);
        feat!(sink, "sr=", bucket(c.salience_rank), "|", kind, "|", g);
        feat!(sink, "fs=", bucket(c.first_sentence), "|", g);
        feat!(sink, "q=", a.quoted, "|", kind, "|", g);
        let via = c.last_anaphor.map_or("name", |_| "anaphor");
        feat!(sink, "via=", via, "|", g);
        // the first name of its sentence (its subject, most often)
        let first = doc.mentions[doc.mentions_in(c.last_sentence)]
            .iter()
            .find(|m| m.entity.is_some())
            .is_some_and(|m| m.tokens == c.last);
        feat!(sink, "cfirst=", first, "|", sd, "|", g);
        if let Some(p) = c.last_pronoun {
            feat!(sink, "prev=", self.ans[p].form, "|", g);
        }
        // the candidate's mention is the subject of a verb of saying in this sentence
        if c.last_sentence == a.sentence && cdep == Dep::Nsubj {
            if let Some(h) = doc.tokens[head].head {
                let verb = doc.lemma(h as usize);
                if lx.verb_class(&verb) == Some(crate::lexicon::VerbClass::Report) {
                    feat!(sink, "speaker|", a.quoted, "|", g);
                }
            }
        }
        if let Some((f_n, f)) = self.founder(c) {
            // an unnamed thing: what opened its chain, the same word, the same number
            feat!(sink, "nom=", f.form, "|", g);
            feat!(sink, "nomsame=", f.form == a.form, "|", g);
            feat!(sink, "nomnum=", plural(doc, f), "|", plural(doc, a));
            // the same phrase, word for word ("the rule of law" ... "the rule of law"), and how
            // each is determined ("a document" opens more than it follows)
            let (key, det) = &self.phrases[self.at(a)];
            let same = |n: usize| self.phrases[n].0 == *key;
            let last_same = c.last_anaphor.is_some_and(same);
            feat!(sink, "det=", det, "|", self.phrases[f_n].1);
            feat!(sink, "phr=", same(f_n) || last_same, "|", det);
            // and its latest mention's word, number and person ("I" ... "my")
            if let Some(l) = c.last_anaphor.map(|l| &self.ans[l]) {
                feat!(sink, "lastsame=", l.form == a.form, "|", g);
                feat!(sink, "lastnum=", plural(doc, l), "|", plural(doc, a));
                feat!(sink, "lastperson=", person(l), "|", person(a));
            }
        }
        let w = &self.words[c.entity];
        if a.kind == AnaphorKind::Description {
            let cls = noun_class(lx, &a.form);
            feat!(sink, "dk=", a.form, "|", kind);
            feat!(sink, "dc=", cls, "|", kind);
            feat!(sink, "dcs=", cls, "|", sd);
            if w.titles.contains(&a.form) {
                feat!(sink, "title|", kind);
            }
            if w.words.contains(&a.form) {
                feat!(sink, "inname");
            }
            // what its document or the gazetteers say the entity is ("a neighborhood", a city)
            if w.classes.contains(&a.form) {
                feat!(sink, "cls|", kind);
            }
            for k in a.tokens.start + 1..a.head {
                if doc.tokens[k].pos == Pos::ADJ {
                    feat!(sink, "adj|", cls, "|", kind);
                }
            }
        } else if self.entity_kind(c) == Some(EntityType::PER) {
            feat!(sink, "sex=", w.sex.unwrap_or("?"), "|", g);
            if let Some(t) = w.titles.first() {
                feat!(sink, "ttl=", t, "|", g);
            }
        }
    }

    /// The features of a pair as a list (for training).
    pub fn list(&self, a: &Anaphor, c: &Candidate) -> Vec<String> {
        let mut out = Vec::new();
        self.each(a, c, &mut out);
        out
    }
}

/// Goes through the anaphors in order; for each, `decide(anaphor, candidates, features)` picks
/// the candidate it stands for (or none), which then counts as that entity's latest mention.
///
/// With `unnamed` (whether each anaphor is linked to an entity already), the walk is the second
/// one, over the anaphors not so linked: its candidates are the unnamed things opened before
/// (see [`Pairs::founder`]), no entity; an anaphor linked to none opens one.
pub fn walk(
    doc: &Document,
    lx: &Lexicon,
    ans: &[Anaphor],
    unnamed: Option<&[bool]>,
    mut decide: impl FnMut(&Anaphor, &[Candidate], &Pairs) -> Option<usize>,
) {
    let pairs = Pairs {
        doc,
        lx,
        ans,
        words: entity_words(doc, lx)
            .into_iter()
            .chain(ans.iter().map(|a| EntityWords {
                titles: Vec::new(),
                words: vec![a.form.clone()],
                sex: None,
                classes: Vec::new(),
            }))
            .collect(),
        reach: reach(doc),
        // read only by the walk of unnamed things
        phrases: match unnamed {
            Some(_) => ans.iter().map(|a| phrase_key(doc, a)).collect(),
            None => Vec::new(),
        },
    };
    let turns = super::turns(doc, false);
    let mut state: FastMap<usize, Candidate> = FastMap::default();
    let mut mentions = doc
        .mentions
        .iter()
        .filter(|m| m.entity.is_some())
        .peekable();
    for (n, a) in ans.iter().enumerate() {
        if unnamed.is_some_and(|linked| linked[n]) {
            continue;
        }
        // the names before this anaphor (none in the walk of unnamed things)
        while let Some(m) = mentions.next_if(|m| unnamed.is_none() && m.tokens.end <= a.head) {
            let e = m.entity.unwrap_or_default();
            let c = state
                .entry(e)
                .or_insert_with(|| Candidate::new(e, m.tokens.clone(), m.sentence));
            c.last = m.tokens.clone();
            c.last_sentence = m.sentence;
            c.last_anaphor = None;
            c.count += 1;
        }
        // a transcript's "I" and "you" are its speakers (see [`super::turn_person`]), not the
        // model's to decide
        if let Some(e) = super::turn_person(&turns, a) {
            state
                .entry(e)
                .or_insert_with(|| Candidate::new(e, a.tokens.clone(), a.sentence))
                .follow(a, n);
            continue;
        }
        let window = match a.kind {
            AnaphorKind::Pronoun if lx.in_class(WordClass::SpeakerPronoun, &a.form) => usize::MAX,
            AnaphorKind::Pronoun => PRONOUN_WINDOW,
            AnaphorKind::Description => DESCRIPTION_WINDOW,
        };
        let mut cands: Vec<Candidate> = state
            .values()
            .filter(|c| {
                pairs.distance(c.last_sentence, a.sentence) <= window && c.last.end <= a.head
            })
            .cloned()
            .collect();
        // in a transcript's turn, "he" or "they" is neither the speaker nor the one addressed
        if let Some(t) = turns[a.sentence].filter(|_| a.kind == AnaphorKind::Pronoun && !a.quoted) {
            cands.retain(|c| c.entity != t.speaker && Some(c.entity) != t.addressee);
        }
        cands.sort_by_key(|c| (std::cmp::Reverse(c.last.start), c.entity));
        cands.truncate(MAX_CANDIDATES);
        let mut per_type: FastMap<Option<EntityType>, usize> = FastMap::default();
        for (k, c) in cands.iter_mut().enumerate() {
            c.rank = k;
            let t = per_type
                .entry(doc.entities.get(c.entity).map(|e| e.kind))
                .or_default();
            c.type_rank = *t;
            *t += 1;
        }
        if cands.is_empty() {
            if unnamed.is_some() {
                found(&mut state, doc, a, n);
            }
            continue;
        }
        let mut by_count: Vec<(usize, usize)> = cands
            .iter()
            .enumerate()
            .map(|(k, c)| (c.count, k))
            .collect();
        by_count.sort_by_key(|&(n, k)| (std::cmp::Reverse(n), k));
        for (r, &(_, k)) in by_count.iter().enumerate() {
            cands[k].salience_rank = r;
        }
        if let Some(k) = decide(a, &cands, &pairs) {
            let c = state
                .get_mut(&cands[k].entity)
                .expect("a candidate has a state");
            c.follow(a, n);
        } else if unnamed.is_some() {
            found(&mut state, doc, a, n);
        }
    }
}

/// An anaphor linked to nothing opens the chain of an unnamed thing, a candidate for the
/// anaphors after it (see [`Pairs::founder`]).
fn found(state: &mut FastMap<usize, Candidate>, doc: &Document, a: &Anaphor, n: usize) {
    let id = doc.entities.len() + n;
    let mut c = Candidate::new(id, a.tokens.clone(), a.sentence);
    c.follow(a, n);
    state.insert(id, c);
}
