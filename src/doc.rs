//! The document model every pipeline stage reads and annotates: cleaned text with a map back to
//! the original, sentences, tokens, entity mentions, entities and relations (all spans are offsets
//! into the cleaned text, convertible to characters of the cleaned and of the original text).
use serde::Serialize;
use std::ops::Range;

/// Universal POS tags (UD v2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[allow(clippy::upper_case_acronyms)]
pub enum Pos {
    /// Adjective.
    ADJ,
    /// Adposition (preposition).
    ADP,
    /// Adverb.
    ADV,
    /// Auxiliary verb.
    AUX,
    /// Coordinating conjunction.
    CCONJ,
    /// Determiner.
    DET,
    /// Interjection.
    INTJ,
    /// Common noun.
    NOUN,
    /// Numeral.
    NUM,
    /// Particle.
    PART,
    /// Pronoun.
    PRON,
    /// Proper noun.
    PROPN,
    /// Punctuation.
    PUNCT,
    /// Subordinating conjunction.
    SCONJ,
    /// Symbol.
    SYM,
    /// Verb.
    VERB,
    #[default]
    /// Other (unknown word).
    X,
}

impl Pos {
    /// All tags, in a fixed order (the index of a tag is stable).
    pub const ALL: [Pos; 17] = [
        Pos::ADJ,
        Pos::ADP,
        Pos::ADV,
        Pos::AUX,
        Pos::CCONJ,
        Pos::DET,
        Pos::INTJ,
        Pos::NOUN,
        Pos::NUM,
        Pos::PART,
        Pos::PRON,
        Pos::PROPN,
        Pos::PUNCT,
        Pos::SCONJ,
        Pos::SYM,
        Pos::VERB,
        Pos::X,
    ];
    /// Parses a UD tag name such as `NOUN`.
    pub fn parse(s: &str) -> Option<Pos> {
        Pos::ALL.iter().copied().find(|p| p.as_str() == s)
    }
    /// The UD tag name.
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::ADJ => "ADJ",
            Pos::ADP => "ADP",
            Pos::ADV => "ADV",
            Pos::AUX => "AUX",
            Pos::CCONJ => "CCONJ",
            Pos::DET => "DET",
            Pos::INTJ => "INTJ",
            Pos::NOUN => "NOUN",
            Pos::NUM => "NUM",
            Pos::PART => "PART",
            Pos::PRON => "PRON",
            Pos::PROPN => "PROPN",
            Pos::PUNCT => "PUNCT",
            Pos::SCONJ => "SCONJ",
            Pos::SYM => "SYM",
            Pos::VERB => "VERB",
            Pos::X => "X",
        }
    }
    /// Whether the tag is a verb or auxiliary.
    pub fn is_verbal(self) -> bool {
        matches!(self, Pos::VERB | Pos::AUX)
    }
}

/// Entity types.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[allow(clippy::upper_case_acronyms)]
pub enum EntityType {
    /// A person.
    PER,
    /// An organisation: company, party, ministry, court, agency, team, news agency.
    ORG,
    /// A country, state or city: a place with a government.
    GPE,
    /// A place that is not a political entity: region, river, sea, mountain, building.
    LOC,
    /// Anything else named: events, laws, products, nationalities.
    MISC,
}

impl EntityType {
    /// The type name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::GPE => "GPE",
            EntityType::LOC => "LOC",
            EntityType::MISC => "MISC",
        }
    }
    /// Parses a type name (`LOC`, `PER`, ...).
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "PER" => EntityType::PER,
            "ORG" => EntityType::ORG,
            "GPE" => EntityType::GPE,
            "LOC" => EntityType::LOC,
            "MISC" => EntityType::MISC,
            _ => return None,
        })
    }
    /// The coarse PER/ORG/LOC/MISC type (GPE counts as LOC).
    pub fn coarse(self) -> EntityType {
        if self == EntityType::GPE {
            EntityType::LOC
        } else {
            self
        }
    }
}

/// A Universal Dependencies relation (with the English treebanks' subtypes): a typed label, so
/// that a misspelt relation in the code does not compile (and one in a pattern file does not load).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Dep {
    /// No relation: the token is not parsed.
    #[default]
    None,
    /// `acl`
    Acl,
    /// `acl:relcl`
    AclRelcl,
    /// `advcl`
    Advcl,
    /// `advcl:relcl`
    AdvclRelcl,
    /// `advmod`
    Advmod,
    /// `amod`
    Amod,
    /// `appos`
    Appos,
    /// `aux`
    Aux,
    /// `aux:pass`
    AuxPass,
    /// `case`
    Case,
    /// `cc`
    Cc,
    /// `cc:preconj`
    CcPreconj,
    /// `ccomp`
    Ccomp,
    /// `clf`
    Clf,
    /// `compound`
    Compound,
    /// `compound:prt`
    CompoundPrt,
    /// `conj`
    Conj,
    /// `cop`
    Cop,
    /// `csubj`
    Csubj,
    /// `csubj:outer`
    CsubjOuter,
    /// `csubj:pass`
    CsubjPass,
    /// `dep`
    Dep,
    /// `det`
    Det,
    /// `det:predet`
    DetPredet,
    /// `discourse`
    Discourse,
    /// `dislocated`
    Dislocated,
    /// `expl`
    Expl,
    /// `fixed`
    Fixed,
    /// `flat`
    Flat,
    /// `flat:foreign`
    FlatForeign,
    /// `goeswith`
    Goeswith,
    /// `iobj`
    Iobj,
    /// `list`
    List,
    /// `mark`
    Mark,
    /// `nmod`
    Nmod,
    /// `nmod:desc`
    NmodDesc,
    /// `nmod:npmod`
    NmodNpmod,
    /// `nmod:poss`
    NmodPoss,
    /// `nmod:tmod`
    NmodTmod,
    /// `nmod:unmarked`
    NmodUnmarked,
    /// `nsubj`
    Nsubj,
    /// `nsubj:outer`
    NsubjOuter,
    /// `nsubj:pass`
    NsubjPass,
    /// `nummod`
    Nummod,
    /// `obj`
    Obj,
    /// `obl`
    Obl,
    /// `obl:agent`
    OblAgent,
    /// `obl:npmod`
    OblNpmod,
    /// `obl:tmod`
    OblTmod,
    /// `obl:unmarked`
    OblUnmarked,
    /// `orphan`
    Orphan,
    /// `parataxis`
    Parataxis,
    /// `punct`
    Punct,
    /// `reparandum`
    Reparandum,
    /// `root`
    Root,
    /// `vocative`
    Vocative,
    /// `xcomp`
    Xcomp,
}

impl Dep {
    /// Every relation, in the order of their names.
    pub const ALL: [Dep; 57] = [
        Dep::Acl,
        Dep::AclRelcl,
        Dep::Advcl,
        Dep::AdvclRelcl,
        Dep::Advmod,
        Dep::Amod,
        Dep::Appos,
        Dep::Aux,
        Dep::AuxPass,
        Dep::Case,
        Dep::Cc,
        Dep::CcPreconj,
        Dep::Ccomp,
        Dep::Clf,
        Dep::Compound,
        Dep::CompoundPrt,
        Dep::Conj,
        Dep::Cop,
        Dep::Csubj,
        Dep::CsubjOuter,
        Dep::CsubjPass,
        Dep::Dep,
        Dep::Det,
        Dep::DetPredet,
        Dep::Discourse,
        Dep::Dislocated,
        Dep::Expl,
        Dep::Fixed,
        Dep::Flat,
        Dep::FlatForeign,
        Dep::Goeswith,
        Dep::Iobj,
        Dep::List,
        Dep::Mark,
        Dep::Nmod,
        Dep::NmodDesc,
        Dep::NmodNpmod,
        Dep::NmodPoss,
        Dep::NmodTmod,
        Dep::NmodUnmarked,
        Dep::Nsubj,
        Dep::NsubjOuter,
        Dep::NsubjPass,
        Dep::Nummod,
        Dep::Obj,
        Dep::Obl,
        Dep::OblAgent,
        Dep::OblNpmod,
        Dep::OblTmod,
        Dep::OblUnmarked,
        Dep::Orphan,
        Dep::Parataxis,
        Dep::Punct,
        Dep::Reparandum,
        Dep::Root,
        Dep::Vocative,
        Dep::Xcomp,
    ];
    /// The UD name ("nmod:poss"); "" for [`Dep::None`].
    pub fn as_str(self) -> &'static str {
        match self {
            Dep::None => "",
            Dep::Acl => "acl",
            Dep::AclRelcl => "acl:relcl",
            Dep::Advcl => "advcl",
            Dep::AdvclRelcl => "advcl:relcl",
            Dep::Advmod => "advmod",
            Dep::Amod => "amod",
            Dep::Appos => "appos",
            Dep::Aux => "aux",
            Dep::AuxPass => "aux:pass",
            Dep::Case => "case",
            Dep::Cc => "cc",
            Dep::CcPreconj => "cc:preconj",
            Dep::Ccomp => "ccomp",
            Dep::Clf => "clf",
            Dep::Compound => "compound",
            Dep::CompoundPrt => "compound:prt",
            Dep::Conj => "conj",
            Dep::Cop => "cop",
            Dep::Csubj => "csubj",
            Dep::CsubjOuter => "csubj:outer",
            Dep::CsubjPass => "csubj:pass",
            Dep::Dep => "dep",
            Dep::Det => "det",
            Dep::DetPredet => "det:predet",
            Dep::Discourse => "discourse",
            Dep::Dislocated => "dislocated",
            Dep::Expl => "expl",
            Dep::Fixed => "fixed",
            Dep::Flat => "flat",
            Dep::FlatForeign => "flat:foreign",
            Dep::Goeswith => "goeswith",
            Dep::Iobj => "iobj",
            Dep::List => "list",
            Dep::Mark => "mark",
            Dep::Nmod => "nmod",
            Dep::NmodDesc => "nmod:desc",
            Dep::NmodNpmod => "nmod:npmod",
            Dep::NmodPoss => "nmod:poss",
            Dep::NmodTmod => "nmod:tmod",
            Dep::NmodUnmarked => "nmod:unmarked",
            Dep::Nsubj => "nsubj",
            Dep::NsubjOuter => "nsubj:outer",
            Dep::NsubjPass => "nsubj:pass",
            Dep::Nummod => "nummod",
            Dep::Obj => "obj",
            Dep::Obl => "obl",
            Dep::OblAgent => "obl:agent",
            Dep::OblNpmod => "obl:npmod",
            Dep::OblTmod => "obl:tmod",
            Dep::OblUnmarked => "obl:unmarked",
            Dep::Orphan => "orphan",
            Dep::Parataxis => "parataxis",
            Dep::Punct => "punct",
            Dep::Reparandum => "reparandum",
            Dep::Root => "root",
            Dep::Vocative => "vocative",
            Dep::Xcomp => "xcomp",
        }
    }
    /// The relation of a UD name, if it is one.
    pub fn parse(name: &str) -> Option<Dep> {
        Dep::ALL
            .binary_search_by(|d| d.as_str().cmp(name))
            .ok()
            .map(|i| Dep::ALL[i])
    }
    /// Whether this relation is `rel` or one of its subtypes (`nsubj:pass` is `nsubj`).
    pub fn is(self, rel: Dep) -> bool {
        self == rel
            || self
                .as_str()
                .strip_prefix(rel.as_str())
                .is_some_and(|r| r.starts_with(':'))
    }
    /// The relation without its subtype (`nmod` of `nmod:poss`).
    pub fn base(self) -> Dep {
        let name = self.as_str();
        match name.split_once(':') {
            Some((b, _)) => Dep::parse(b).unwrap_or(self),
            None => self,
        }
    }
}

impl std::fmt::Display for Dep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A relation name as the document stores it: the relation spelt so, else [`Dep::Dep`] (the
/// unspecified relation); "" is [`Dep::None`].
pub fn dep_label(name: &str) -> Dep {
    match Dep::parse(name) {
        Some(d) => d,
        None if name.is_empty() => Dep::None,
        None => Dep::Dep,
    }
}

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
