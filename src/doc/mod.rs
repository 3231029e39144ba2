//! The document model every pipeline stage reads and annotates: cleaned text with a map back to
//! the original, sentences, tokens, entity mentions, entities and relations (all spans are offsets
//! into the cleaned text, convertible to characters of the cleaned and of the original text).
use serde::Serialize;
use std::ops::Range;

mod tags;

pub use tags::{dep_label, Dep, EntityType, Pos};

/// A token: a byte range of the cleaned text with its annotations.
#[derive(Debug, Clone, Default)]
pub struct Token {
    /// Byte offsets into [`Document::text`].
    pub start: usize,
    /// End byte offset (exclusive) into [`Document::text`].
    pub end: usize,
    /// Universal POS tag.
    pub pos: Pos,
    /// The tag the tagger nearly chose instead (the same as `pos` when it was sure).
    pub pos_alt: Pos,
    /// Lemma, when it differs from the lower-cased form (None: the lower-cased form is the lemma).
    pub lemma: Option<std::borrow::Cow<'static, str>>,
    /// Index of the syntactic head in the document's tokens (None: root or not parsed).
    pub head: Option<u32>,
    /// Universal dependency relation to the head ([`Dep::None`] when not parsed).
    pub dep: Dep,
    /// Whether a line break lies between this token and the next one.
    pub newline_after: bool,
}

/// A sentence: a range of tokens.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence's tokens (indices into [`Document::tokens`]).
    pub tokens: Range<usize>,
    /// Byte offsets into [`Document::text`].
    pub start: usize,
    /// End byte offset (exclusive) into [`Document::text`].
    pub end: usize,
    /// Whether the sentence is a headline or title line (no final punctuation).
    pub headline: bool,
}

/// A mention of an entity: a token range in one sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The mention's tokens (indices into [`Document::tokens`]).
    pub tokens: Range<usize>,
    /// Index of its sentence.
    pub sentence: usize,
    /// The type the entity stage gave it.
    pub kind: EntityType,
    /// Index into [`Document::entities`] once coreference has run.
    pub entity: Option<usize>,
    /// Title or role words in front of the name ("Secretary General"), lower case.
    pub title: Option<String>,
    /// Tokens of that title.
    pub title_span: Option<Range<usize>>,
    /// Mention index of the organisation or country the title belongs to ("NATO" in
    /// "NATO Secretary General Jens Stoltenberg").
    pub title_of: Option<usize>,
    /// How the mention was found (gazetteer, capitalised run, demonym, pronoun, ...).
    pub source: MentionSource,
    /// For demonyms and capital references: the country they point to.
    pub refers_to: Option<String>,
}

impl Mention {
    /// A name found as such, not yet resolved to an entity, with no title.
    pub fn name(tokens: Range<usize>, sentence: usize, kind: EntityType) -> Mention {
        Mention {
            tokens,
            sentence,
            kind,
            entity: None,
            title: None,
            title_span: None,
            title_of: None,
            source: MentionSource::Name,
            refers_to: None,
        }
    }
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionSource {
    /// A gazetteer entry (a country, city, organisation or party of the word lists).
    Gazetteer,
    /// The statistical recogniser or a title rule.
    Name,
    /// A demonym standing for its country ("Chinese" for China).
    Demonym,
    /// A group named by a plural ("Democrats").
    Group,
    /// A capital standing for its government ("Beijing" for China).
    Capital,
    /// A pronoun the coreference stage linked.
    Pronoun,
}

/// A document-level entity: mentions merged by coreference.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    /// The entity's name: its longest or most complete mention.
    pub name: String,
    /// Its type.
    pub kind: EntityType,
    /// The other names it goes by in the document.
    pub aliases: Vec<String>,
    /// How many mentions name it.
    pub mentions: usize,
    /// Why mentions were merged into this entity ("short name of Jens Stoltenberg", ...).
    pub reasons: Vec<String>,
}

/// A relation between two document entities, with its evidence.
#[derive(Debug, Clone)]
pub struct Relation {
    /// The subject entity (index into [`Document::entities`]).
    pub subject: usize,
    /// The predicate: a lemma or a short phrase ("warn", "secretary general of").
    pub predicate: String,
    /// The object entity (index into [`Document::entities`]).
    pub object: usize,
    /// The sentence that states it (index into [`Document::sentences`]).
    pub sentence: usize,
    /// Whether the text states it as negated ("did not meet").
    pub negated: bool,
    /// Whether the text hedges it ("may", "is considering", "reportedly").
    pub hedged: bool,
    /// Entity the statement is attributed to ("X said that ...").
    pub attributed_to: Option<usize>,
    /// The chance it is right: the confidence model's probability (0 to 1).
    pub confidence: f32,
    /// Name of the rule that produced the relation.
    pub rule: &'static str,
    /// Why the subject or object was resolved to its entity, when that needed more than its name.
    pub reason: Option<String>,
}

/// A pronoun ("he", "its") or a definite description ("the company", "the president") that the
/// coreference stage linked to a document entity, with the model's probability and its reason.
#[derive(Debug, Clone)]
pub struct Referent {
    /// The tokens of the anaphor ("the Ukrainian capital"; one token for a pronoun).
    pub tokens: Range<usize>,
    /// Its head token (the pronoun, or the description's noun).
    pub head: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// Index into [`Document::entities`].
    pub entity: usize,
    /// The linking model's probability.
    pub score: f32,
    /// Why, in a reader's terms ("\"the president\" = Donald Trump: ...").
    pub reason: String,
}

/// One article: its text and every annotation the pipeline added.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Identifier: file name, or the `id` of a JSONL record.
    pub id: String,
    /// The article's title, when the input gave one.
    pub title: Option<String>,
    /// The article's date (ISO 8601), when the input or its id gave one.
    pub date: Option<String>,
    /// The article's address, when the input gave one.
    pub url: Option<String>,
    /// The text as read (after HTML text extraction).
    pub original: String,
    /// The cleaned text every annotation points into.
    pub text: String,
    /// For each byte of `text`, the byte offset in `original` it came from (plus one end entry).
    pub offsets: Vec<u32>,
    /// The tokens of `text`, in order.
    pub tokens: Vec<Token>,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Sorted by first token (so by sentence) once the entity stage has run.
    pub mentions: Vec<Mention>,
    /// The document's entities (mentions merged by coreference).
    pub entities: Vec<Entity>,
    /// Pronouns and descriptions linked to entities, sorted by head token (the coreference
    /// stage's chains: an entity's mentions plus its referents).
    pub referents: Vec<Referent>,
    /// Chains of pronouns and descriptions that stand for one unnamed thing ("the document ...
    /// it ... the papers"), each a list of anaphors' tokens in text order; no fact reads them.
    pub nominal_chains: Vec<Vec<Range<usize>>>,
    /// The facts found, with their evidence.
    pub relations: Vec<Relation>,
}

impl Document {
    /// The text of a token.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }
    /// The lemma of a token (lower case unless the treebank keeps a capital, as for names).
    pub fn lemma(&self, i: usize) -> std::borrow::Cow<'_, str> {
        match &self.tokens[i].lemma {
            Some(l) => std::borrow::Cow::Borrowed(l),
            None => {
                let t = self.token_text(i);
                if t.chars().any(|c| c.is_uppercase()) {
                    std::borrow::Cow::Owned(t.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(t)
                }
            }
        }
    }
    /// The text covered by a token range, as written.
    pub fn span_text(&self, tokens: Range<usize>) -> &str {
        if tokens.is_empty() {
            return "";
        }
        &self.text[self.tokens[tokens.start].start..self.tokens[tokens.end - 1].end]
    }
    /// The text of a sentence.
    pub fn sentence_text(&self, s: usize) -> &str {
        let s = &self.sentences[s];
        &self.text[s.start..s.end]
    }
    /// The indices of the mentions of sentence `s` (the mentions are sorted by sentence): found
    /// by binary search, so reading a sentence's mentions does not cost the whole document's.
    pub fn mentions_in(&self, s: usize) -> Range<usize> {
        debug_assert!(self
            .mentions
            .windows(2)
            .all(|w| w[0].sentence <= w[1].sentence));
        let a = self.mentions.partition_point(|m| m.sentence < s);
        let b = a + self.mentions[a..].partition_point(|m| m.sentence <= s);
        a..b
    }
    /// The referent whose head is token `i` (a resolved pronoun or description).
    pub fn referent(&self, i: usize) -> Option<&Referent> {
        self.referents
            .binary_search_by_key(&i, |r| r.head)
            .ok()
            .map(|k| &self.referents[k])
    }
    /// The indices of the mentions whose first token is in `tokens`.
    pub fn mentions_starting_in(&self, tokens: Range<usize>) -> Range<usize> {
        debug_assert!(self
            .mentions
            .windows(2)
            .all(|w| w[0].tokens.start <= w[1].tokens.start));
        let a = self
            .mentions
            .partition_point(|m| m.tokens.start < tokens.start);
        let b = a + self.mentions[a..].partition_point(|m| m.tokens.start < tokens.end);
        a..b
    }
    /// Character offsets, in the cleaned and the original text, of every sentence: counted in one
    /// pass (asking [`Document::char_span`] for each would count from the start every time).
    pub fn sentence_char_spans(&self) -> Vec<((usize, usize), (usize, usize))> {
        let (mut clean, mut clean_at) = (0usize, 0usize);
        let (mut orig, mut orig_at) = (0usize, 0usize);
        // moves a (byte, character) position to byte `to`, counting only the text in between
        let count = |text: &str, pos: &mut usize, at: &mut usize, to: usize| {
            if to >= *at {
                *pos += text[*at..to].chars().count();
            } else {
                *pos -= text[to..*at].chars().count();
            }
            *at = to;
            *pos
        };
        self.sentences
            .iter()
            .map(|s| {
                let a = count(&self.text, &mut clean, &mut clean_at, s.start);
                let b = count(&self.text, &mut clean, &mut clean_at, s.end);
                let (oa, ob) = self.source_bytes(s.start, s.end);
                let c = count(&self.original, &mut orig, &mut orig_at, oa);
                let d = count(&self.original, &mut orig, &mut orig_at, ob.max(oa));
                ((a, b), (c, d))
            })
            .collect()
    }
    /// Character offsets in the cleaned text of a byte range of it.
    pub fn char_span(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.text[..start].chars().count();
        (a, a + self.text[start..end].chars().count())
    }
    /// Byte offsets in the original text of a byte range of the cleaned text.
    pub fn source_bytes(&self, start: usize, end: usize) -> (usize, usize) {
        let a = self.offsets.get(start).map_or(0, |&o| o as usize);
        let b = if end == 0 {
            a
        } else {
            self.offsets.get(end - 1).map_or(a, |&o| {
                let o = o as usize;
                o + self.original[o..].chars().next().map_or(0, char::len_utf8)
            })
        };
        (a, b)
    }
    /// Character offsets in the original text of a byte range of the cleaned text.
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        let (a, b) = self.source_bytes(start, end);
        let ca = self.original[..a].chars().count();
        (ca, ca + self.original[a..b.max(a)].chars().count())
    }
    /// Number of word tokens (tokens with at least one alphanumeric character).
    pub fn word_count(&self) -> usize {
        (0..self.tokens.len())
            .filter(|&i| self.token_text(i).chars().any(char::is_alphanumeric))
            .count()
    }
}
