//! The coreference walk: finds the anaphors of a document (pronouns and definite descriptions),
//! and goes through them in order with the entities mentioned before each as candidates and
//! the features of every pair; the caller decides (the model at run time, the gold at training).
use crate::doc::{Dep, Document, EntityType, Pos};
use crate::lexicon::{Lexicon, WordClass};
use std::collections::HashMap;
use std::ops::Range;

/// How far back (in sentences) a pronoun's and a description's candidates may be.
const PRONOUN_WINDOW: usize = 3;
const DESCRIPTION_WINDOW: usize = 8;

/// The kind of an anaphor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnaphorKind {
    Pronoun,
    /// "the" + a noun phrase headed by a common noun.
    Description,
}

/// A pronoun or definite description that may stand for an entity.
#[derive(Debug, Clone)]
pub struct Anaphor {
    pub tokens: Range<usize>,
    pub head: usize,
    pub sentence: usize,
    pub kind: AnaphorKind,
    /// The pronoun in lower case, or the description's head lemma.
    pub form: String,
    /// Inside a quotation.
    pub quoted: bool,
}

/// A candidate antecedent: an entity with what the walk knows of it so far.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub entity: usize,
    /// Its latest mention (a name, or an anaphor already linked to it) before the anaphor.
    pub last: Range<usize>,
    pub last_sentence: usize,
    /// The pronoun or description form of that latest mention, when it was an anaphor.
    pub last_form: Option<String>,
    /// The latest pronoun linked to it.
    pub last_pronoun: Option<String>,
    /// Mentions so far.
    pub count: usize,
    /// Rank by recency among the candidates (0: the nearest), and among those of its type.
    pub rank: usize,
    pub type_rank: usize,
    /// Rank by mentions so far among the candidates (0: the most mentioned).
    pub salience_rank: usize,
    /// The sentence of its first mention.
    pub first_sentence: usize,
}

impl Candidate {
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

/// The anaphors of a document, in token order: personal and possessive pronouns, and nouns with
/// "the" that no name covers.
pub fn anaphors(doc: &Document, lx: &Lexicon) -> Vec<Anaphor> {
    let mut covered = vec![false; doc.tokens.len()];
    for m in &doc.mentions {
        for c in &mut covered[m.tokens.clone()] {
            *c = true;
        }
    }
    let mut out = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let mut quoted = false;
        for i in sent.tokens.clone() {
            let text = doc.token_text(i);
            if matches!(text, "\"" | "\u{201c}" | "\u{201d}") {
                quoted = !quoted;
                continue;
            }
            if covered[i] {
                continue;
            }
            let t = &doc.tokens[i];
            let lower = text.to_lowercase();
            if t.pos == Pos::PRON && lx.in_class(WordClass::AnaphoricPronoun, &lower) {
                out.push(Anaphor {
                    tokens: i..i + 1,
                    head: i,
                    sentence: s,
                    kind: AnaphorKind::Pronoun,
                    form: lower,
                    quoted,
                });
            } else if t.pos == Pos::NOUN && !t.dep.is(Dep::Compound) {
                // its determiner "the", before it in the sentence
                let det = (sent.tokens.start..i).find(|&k| {
                    doc.tokens[k].head == Some(i as u32)
                        && doc.tokens[k].dep == Dep::Det
                        && doc.token_text(k).eq_ignore_ascii_case("the")
                });
                if let Some(k) = det {
                    if !covered[k..i].iter().any(|&c| c) {
                        out.push(Anaphor {
                            tokens: k..i + 1,
                            head: i,
                            sentence: s,
                            kind: AnaphorKind::Description,
                            form: doc.lemma(i).to_lowercase(),
                            quoted,
                        });
                    }
                }
            }
        }
    }
    out
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

/// Per entity: its title words (lower case) and name words, for descriptions.
struct EntityWords {
    titles: Vec<String>,
    words: Vec<String>,
}

fn entity_words(doc: &Document) -> Vec<EntityWords> {
    let mut out: Vec<EntityWords> = doc
        .entities
        .iter()
        .map(|e| EntityWords {
            titles: Vec::new(),
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
fn features(
    doc: &Document,
    lx: &Lexicon,
    words: &[EntityWords],
    a: &Anaphor,
    c: &Candidate,
) -> Vec<String> {
    let kind = doc.entities[c.entity].kind.as_str();
    let g = match a.kind {
        AnaphorKind::Pronoun => a.form.as_str(),
        AnaphorKind::Description => "the-noun",
    };
    let sd = bucket(a.sentence - c.last_sentence);
    let head = c.last.end - 1;
    let cdep = doc.tokens[head].dep.base();
    let adep = doc.tokens[a.head].dep.base();
    let mut f = vec![
        format!("g={g}"),
        format!("gk={g}|{kind}"),
        format!("sd={sd}|{g}"),
        format!("sdk={sd}|{kind}|{g}"),
        format!("r={}|{g}", bucket(c.rank)),
        format!("rt={}|{kind}|{g}", bucket(c.type_rank)),
        format!("cd={cdep}|{g}"),
        format!("ad={adep}|{g}"),
        format!("par={cdep}|{adep}"),
        format!("n={}|{g}", bucket(c.count)),
        format!("sr={}|{g}", bucket(c.salience_rank)),
        format!("sr={}|{kind}|{g}", bucket(c.salience_rank)),
        format!("fs={}|{g}", bucket(c.first_sentence)),
        format!("q={}|{kind}|{g}", a.quoted),
        format!(
            "via={}|{g}",
            c.last_form.as_deref().map_or("name", |_| "anaphor")
        ),
    ];
    // the first name of its sentence (its subject, most often)
    let first = doc.mentions[doc.mentions_in(c.last_sentence)]
        .iter()
        .find(|m| m.entity.is_some())
        .is_some_and(|m| m.tokens == c.last);
    f.push(format!("cfirst={first}|{sd}|{g}"));
    if let Some(p) = &c.last_pronoun {
        f.push(format!("prev={p}|{g}"));
    }
    // the candidate's mention is the subject of a verb of saying in this sentence
    if c.last_sentence == a.sentence {
        if let Some(h) = doc.tokens[head].head {
            let verb = doc.lemma(h as usize);
            if cdep == Dep::Nsubj && lx.verb_class(&verb) == Some(crate::lexicon::VerbClass::Report)
            {
                f.push(format!("speaker|{}|{g}", a.quoted));
            }
        }
    }
    if a.kind == AnaphorKind::Description {
        let cls = noun_class(lx, &a.form);
        f.push(format!("dk={}|{kind}", a.form));
        f.push(format!("dc={cls}|{kind}"));
        f.push(format!("dcs={cls}|{sd}"));
        let w = &words[c.entity];
        if w.titles.contains(&a.form) {
            f.push(format!("title|{kind}"));
        }
        if w.words.contains(&a.form) {
            f.push("inname".into());
        }
        for k in a.tokens.start + 1..a.head {
            if doc.tokens[k].pos == Pos::ADJ {
                f.push(format!("adj|{cls}|{kind}"));
            }
        }
    } else if doc.entities[c.entity].kind == EntityType::PER {
        let name = &doc.entities[c.entity].name;
        let first = name.split(' ').next().unwrap_or("").to_lowercase();
        let sex = lx.first_name_sex(&first).unwrap_or("?");
        f.push(format!("sex={sex}|{g}"));
        for m in &doc.mentions {
            if m.entity == Some(c.entity) {
                if let Some(t) = &m.title {
                    let first = t.split(' ').next().unwrap_or("");
                    f.push(format!("ttl={first}|{g}"));
                    break;
                }
            }
        }
    }
    f
}

/// Goes through the anaphors in order; for each, `decide(anaphor, candidates, features)` picks
/// the candidate it stands for (or none), which then counts as that entity's latest mention.
pub fn walk(
    doc: &Document,
    lx: &Lexicon,
    ans: &[Anaphor],
    mut decide: impl FnMut(&Anaphor, &[Candidate], &[Vec<String>]) -> Option<usize>,
) {
    let words = entity_words(doc);
    let mut state: HashMap<usize, Candidate> = HashMap::new();
    let mut mentions = doc
        .mentions
        .iter()
        .filter(|m| m.entity.is_some())
        .peekable();
    for a in ans {
        // the names before this anaphor
        while let Some(m) = mentions.next_if(|m| m.tokens.end <= a.head) {
            let e = m.entity.unwrap_or_default();
            let c = state.entry(e).or_insert_with(|| Candidate {
                entity: e,
                last: m.tokens.clone(),
                last_sentence: m.sentence,
                last_form: None,
                last_pronoun: None,
                count: 0,
                rank: 0,
                type_rank: 0,
                salience_rank: 0,
                first_sentence: m.sentence,
            });
            c.last = m.tokens.clone();
            c.last_sentence = m.sentence;
            c.last_form = None;
            c.count += 1;
        }
        let window = match a.kind {
            AnaphorKind::Pronoun if lx.in_class(WordClass::SpeakerPronoun, &a.form) => usize::MAX,
            AnaphorKind::Pronoun => PRONOUN_WINDOW,
            AnaphorKind::Description => DESCRIPTION_WINDOW,
        };
        let mut cands: Vec<Candidate> = state
            .values()
            .filter(|c| {
                c.last_sentence.saturating_add(window) >= a.sentence && c.last.end <= a.head
            })
            .cloned()
            .collect();
        cands.sort_by_key(|c| (std::cmp::Reverse(c.last.start), c.entity));
        let mut per_type: HashMap<EntityType, usize> = HashMap::new();
        for (k, c) in cands.iter_mut().enumerate() {
            c.rank = k;
            let t = per_type.entry(doc.entities[c.entity].kind).or_default();
            c.type_rank = *t;
            *t += 1;
        }
        if cands.is_empty() {
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
        let feats: Vec<Vec<String>> = cands
            .iter()
            .map(|c| features(doc, lx, &words, a, c))
            .collect();
        if let Some(k) = decide(a, &cands, &feats) {
            let c = state
                .get_mut(&cands[k].entity)
                .expect("a candidate has a state");
            c.last = a.tokens.clone();
            c.last_sentence = a.sentence;
            c.last_form = Some(a.form.clone());
            if a.kind == AnaphorKind::Pronoun {
                c.last_pronoun = Some(a.form.clone());
            }
            c.count += 1;
        }
    }
}
