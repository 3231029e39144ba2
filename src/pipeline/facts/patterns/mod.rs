//! Relation patterns kept as data (`data/patterns/relations.kgp`): each pattern names tokens of
//! the dependency parse with constraints (entity type, lemma, tag, relation to an earlier token,
//! word class, preposition) and the fact a match yields, with an id, a one-line description and
//! example sentences. Read once and checked (an unknown relation, tag, type or class is an error,
//! not a pattern that silently matches nothing); a match is a candidate fact whose pattern id is
//! its rule, weighed by the confidence model like every other candidate.
use super::candidates::End;
use crate::doc::{Dep, Document, EntityType, Pos};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::clauses::Tree;
use std::borrow::Cow;
use std::sync::LazyLock;

mod parse;
pub use parse::parse;

/// The patterns shipped with kgraph.
pub const PATTERNS: &str = include_str!("../../../../data/patterns/relations.kgp");

/// Where a node sits relative to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Link {
    /// The first node: any token.
    Free,
    /// Its head is the earlier node's token.
    ChildOf(usize),
    /// It is the earlier node's head.
    HeadOf(usize),
}

/// One token of a pattern and what it must be.
#[derive(Debug, Clone)]
struct Node {
    name: &'static str,
    link: Link,
    entity: Option<Vec<EntityType>>,
    lemma: Vec<&'static str>,
    pos: Vec<Pos>,
    dep: Vec<Dep>,
    class: Option<WordClass>,
    case: Vec<&'static str>,
    title: bool,
    /// Whether it must be an event noun of `nominalizations.tsv` ("invasion").
    event: bool,
    /// Whether it must be an agent noun of `nominalizations.tsv` ("assassin").
    agent: bool,
    /// Whether its mention must not be followed by another name after a comma, "and" or "or"
    /// (an item of a list: "Alabama, Arkansas, California").
    notlist: bool,
    /// Whether its entity must be (Some(true)) or must not be (Some(false)) a country.
    country: Option<bool>,
    /// Whether its entity must be (Some(true)) or must not be (Some(false)) a state, province or
    /// territory of the gazetteer (`cities.tsv`).
    state: Option<bool>,
    /// The token its mention (or the token itself) must follow ("," of "Gdansk, Poland").
    prev: Vec<&'static str>,
    /// The earlier node whose mention (or token) ends one token before this one's starts.
    after: Option<usize>,
}

/// A piece of a predicate template: a word, or the lemma of a node's token.
#[derive(Debug, Clone)]
enum Piece {
    Word(&'static str),
    Lemma(usize),
    /// The verb an event noun stands for ("invasion" → "invade") or an agent noun's agent
    /// does ("assassin" → "assassinate"), else its lemma.
    Verb(usize),
}

/// One example sentence and the fact it must give (subject, predicate, object).
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence.
    pub text: &'static str,
    /// The fact the pattern must give: subject, predicate, object.
    pub fact: (&'static str, &'static str, &'static str),
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern's id, recorded in each fact's evidence.
    pub id: &'static str,
    /// What the pattern reads, in a line.
    pub about: &'static str,
    nodes: Vec<Node>,
    subject: usize,
    predicate: Vec<Piece>,
    object: usize,
    /// Its example sentences, checked by the tests.
    pub examples: Vec<Example>,
}

/// The embedded patterns, compiled once.
pub fn embedded() -> &'static [Pattern] {
    static P: LazyLock<Vec<Pattern>> =
        LazyLock::new(|| parse(PATTERNS).expect("the embedded patterns are checked by the tests"));
    &P
}

/// The patterns of a text, compiled once per text: the embedded ones, or those of a data folder
/// read by `Lexicon::from_dir` (a text that does not compile gives none; the command line checks
/// it with [`parse`] when it loads the folder).
pub fn compiled(text: Option<&'static str>) -> &'static [Pattern] {
    let Some(text) = text else {
        return embedded();
    };
    type Compiled = Vec<(usize, &'static [Pattern])>;
    static OTHERS: LazyLock<std::sync::Mutex<Compiled>> = LazyLock::new(Default::default);
    let mut others = OTHERS.lock().unwrap_or_else(|e| e.into_inner());
    let key = text.as_ptr() as usize;
    if let Some((_, p)) = others.iter().find(|(k, _)| *k == key) {
        return p;
    }
    let p: &'static [Pattern] = Box::leak(parse(text).unwrap_or_default().into_boxed_slice());
    others.push((key, p));
    p
}

/// What a sentence offers the matcher.
pub(super) struct Sent<'a> {
    doc: &'a Document,
    lx: &'a Lexicon,
    tree: &'a Tree,
    /// The entity end each token heads, if any.
    end_at: Vec<Option<&'a End>>,
    /// Each token's words, made when a node first asks for them (every pattern's first node
    /// tries every token: a word is then looked up once, not once per pattern).
    words: Vec<std::cell::OnceCell<Word<'a>>>,
}

/// What the nodes ask of a token's words.
struct Word<'a> {
    lemma: Cow<'a, str>,
    /// Whether its lemma, in lower case, is an event noun of `nominalizations.tsv`.
    event: bool,
    /// Whether its lemma, in lower case, is an agent noun of `nominalizations.tsv`.
    agent: bool,
}

impl<'a> Sent<'a> {
    /// The matcher's view of the sentence `tree` covers, with the entity end each token heads.
    pub fn new(
        doc: &'a Document,
        lx: &'a Lexicon,
        tree: &'a Tree,
        end_at: Vec<Option<&'a End>>,
    ) -> Sent<'a> {
        let words = (0..end_at.len()).map(|_| Default::default()).collect();
        Sent {
            doc,
            lx,
            tree,
            end_at,
            words,
        }
    }

    /// Token `i`'s words.
    fn words(&self, i: usize) -> &Word<'a> {
        self.words[i - self.tree.start].get_or_init(|| {
            let lemma = self.doc.lemma(i);
            let lower = if lemma.chars().any(char::is_uppercase) {
                Cow::Owned(lemma.to_lowercase())
            } else {
                Cow::Borrowed(lemma.as_ref())
            };
            let event = self.lx.nominal(&lower).is_some();
            let agent = self.lx.agent_verb(&lower).is_some();
            Word {
                lemma,
                event,
                agent,
            }
        })
    }

    fn fits(&self, n: &Node, i: usize) -> bool {
        let (doc, tok) = (self.doc, &self.doc.tokens[i]);
        // the tag and the relation first: most tokens fail there, before any word is looked up
        if !(n.pos.is_empty() || n.pos.contains(&tok.pos))
            || !(n.dep.is_empty() || n.dep.iter().any(|&d| tok.dep.is(d)))
        {
            return false;
        }
        let end = self.end_at[i - self.tree.start];
        if let Some(types) = &n.entity {
            match end {
                Some(e) if types.contains(&doc.entities[e.entity].kind) => {}
                _ => return false,
            }
        }
        if let Some(want) = n.country {
            let is =
                end.is_some_and(|e| self.lx.country_code(&doc.entities[e.entity].name).is_some());
            if is != want {
                return false;
            }
        }
        if let Some(want) = n.state {
            if end.is_some_and(|e| self.lx.is_state(&doc.entities[e.entity].name)) != want {
                return false;
            }
        }
        if !n.prev.is_empty() {
            let first = end.map_or(i, |e| e.tokens.start);
            if first <= self.tree.start || !n.prev.contains(&doc.token_text(first - 1)) {
                return false;
            }
        }
        if n.notlist {
            // past the mention: a comma, then "and" or "or", then another name
            let mut k = end.map_or(i + 1, |e| e.tokens.end);
            let sep = k;
            let stop = self.tree.range().end;
            if k < stop && doc.token_text(k) == "," {
                k += 1;
            }
            if k < stop && matches!(doc.token_text(k), "and" | "or") {
                k += 1;
            }
            if k > sep && k < stop && !doc.mentions_starting_in(k..k + 1).is_empty() {
                return false;
            }
        }
        let words = !n.lemma.is_empty() || n.class.is_some() || n.title || n.event || n.agent;
        let fits_words = || {
            let w = self.words(i);
            let lemma = w.lemma.as_ref();
            (n.lemma.is_empty() || n.lemma.contains(&lemma))
                && (!n.event || w.event)
                && (!n.agent || w.agent)
                && n.class.is_none_or(|c| self.lx.in_class(c, lemma))
                && (!n.title || self.lx.is_title(lemma))
        };
        (!words || fits_words())
            && (n.case.is_empty()
                || self.tree.with(doc, i, Dep::Case).any(|c| {
                    let w = doc.token_text(c).to_lowercase();
                    n.case.iter().any(|x| *x == w)
                }))
    }

    /// Every binding of the pattern's nodes to tokens.
    fn matches(&self, p: &Pattern) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut bound = Vec::with_capacity(p.nodes.len());
        self.extend(p, &mut bound, &mut out);
        out
    }

    fn extend(&self, p: &Pattern, bound: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        let k = bound.len();
        if k == p.nodes.len() {
            out.push(bound.clone());
            return;
        }
        let n = &p.nodes[k];
        match n.link {
            // any token: no list built for the first node of every pattern of every sentence
            Link::Free => {
                // a node of an entity fits only a token that heads one
                let start = self.tree.start;
                for i in self.tree.range() {
                    if n.entity.is_none() || self.end_at[i - start].is_some() {
                        self.bind(p, i, bound, out);
                    }
                }
            }
            // under a name: under any of its words ("Ohio" hangs from "Lee" of "Ann Lee")
            Link::ChildOf(j) => match self.end_at[bound[j] - self.tree.start] {
                Some(e) if p.nodes[j].entity.is_some() => {
                    for t in e.tokens.clone() {
                        for &k in self.tree.kids(t) {
                            if !e.tokens.contains(&k) {
                                self.bind(p, k, bound, out);
                            }
                        }
                    }
                }
                _ => {
                    for &k in self.tree.kids(bound[j]) {
                        self.bind(p, k, bound, out);
                    }
                }
            },
            Link::HeadOf(j) => {
                if let Some(h) = self.tree.head(self.doc, bound[j]) {
                    self.bind(p, h, bound, out);
                }
            }
        }
    }

    /// Binds the pattern's next node to token `i` when it fits, and goes on to the next.
    fn bind(&self, p: &Pattern, i: usize, bound: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        let n = &p.nodes[bound.len()];
        // where a token's mention starts and ends (the token itself when it heads none)
        let span =
            |i: usize| self.end_at[i - self.tree.start].map_or(i..i + 1, |e| e.tokens.clone());
        let adjacent = n
            .after
            .is_none_or(|j| span(bound[j]).end + 1 == span(i).start);
        if !bound.contains(&i) && adjacent && self.fits(n, i) {
            bound.push(i);
            self.extend(p, bound, out);
            bound.pop();
        }
    }

    /// The (subject end, predicate, object end) of every match of the patterns, with the id.
    pub fn facts(&self, patterns: &[Pattern]) -> Vec<(&'static str, usize, String, usize)> {
        let mut out = Vec::new();
        for p in patterns {
            for b in self.matches(p) {
                let end = |x: usize| self.end_at[b[x] - self.tree.start].map(|e| e.entity);
                let (Some(s), Some(o)) = (end(p.subject), end(p.object)) else {
                    continue;
                };
                let pred: Vec<String> = p
                    .predicate
                    .iter()
                    .map(|x| match x {
                        Piece::Word(w) => w.to_string(),
                        Piece::Lemma(j) => self.doc.lemma(b[*j]).into_owned(),
                        Piece::Verb(j) => {
                            let lemma = self.doc.lemma(b[*j]).to_lowercase();
                            match self.lx.nominal(&lemma) {
                                Some((v, _)) => v.to_string(),
                                None => self.lx.agent_verb(&lemma).map_or(lemma, str::to_string),
                            }
                        }
                    })
                    .collect();
                out.push((p.id, s, pred.join(" "), o));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_patterns_compile() {
        let ps = embedded();
        assert!(ps.len() >= 5);
        assert!(ps.iter().all(|p| !p.examples.is_empty()));
    }

    #[test]
    fn mistakes_in_a_pattern_are_errors_naming_the_line() {
        let bad = [
            (
                "pattern a\nabout x\nnode x ent=GPE\nnode y ent=GPE dep=apos head=x\n",
                "unknown relation",
            ),
            ("pattern a\nabout x\nnode x ent=GEO\n", "unknown type"),
            ("pattern a\nabout x\nnode x pos=NOUNS\n", "unknown tag"),
            (
                "pattern a\nabout x\nnode x ent=GPE\nnode y ent=GPE\n",
                "needs head=",
            ),
            (
                "pattern a\nabout x\nnode x ent=GPE\nfact x \"in\" z\n",
                "no node",
            ),
            (
                "pattern a\nabout x\nnode x ent=GPE\nnode y ent=GPE head=x\nfact x \"in\" y\n",
                "at least one example",
            ),
            ("node x\n", "before the first"),
        ];
        for (text, want) in bad {
            let e = parse(text).unwrap_err();
            assert!(e.contains(want), "{text}: {e}");
        }
    }

    #[test]
    fn the_places_of_a_list_are_not_in_each_other() {
        let p = crate::testing::pipeline();
        let mut d = crate::ingest::from_text(
            "t",
            "Members were from Alabama, Arkansas, California, Texas, Utah and Virginia. \
             Arrests were made in Australia, Brazil, Canada and Spain. Protesters marched \
             through Lyon, France, on Monday.",
        );
        p.annotate_candidates(&mut d);
        let places: Vec<(&str, &str)> = d
            .relations
            .iter()
            .filter(|r| r.rule == "place-beside-place" || r.rule == "place-comma-country")
            .map(|r| {
                (
                    d.entities[r.subject].name.as_str(),
                    d.entities[r.object].name.as_str(),
                )
            })
            .collect();
        assert_eq!(places, vec![("Lyon", "France")]);
    }

    #[test]
    fn every_example_gives_its_fact_through_the_whole_pipeline() {
        let p = crate::testing::pipeline();
        let mut failed = Vec::new();
        for pat in embedded() {
            for ex in &pat.examples {
                let mut d = crate::ingest::from_text("t", ex.text);
                p.annotate_candidates(&mut d);
                let found = d.relations.iter().any(|r| {
                    r.rule == pat.id
                        && d.entities[r.subject].name == ex.fact.0
                        && r.predicate == ex.fact.1
                        && d.entities[r.object].name == ex.fact.2
                });
                let got: Vec<String> = d
                    .relations
                    .iter()
                    .map(|r| {
                        format!(
                            "{} | {} | {} ({})",
                            d.entities[r.subject].name,
                            r.predicate,
                            d.entities[r.object].name,
                            r.rule
                        )
                    })
                    .collect();
                if !found {
                    failed.push(format!("pattern {}: {:?} gave {got:?}", pat.id, ex.text));
                }
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }
}
