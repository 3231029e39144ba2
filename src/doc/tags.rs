//! The tags of the document model: universal POS tags, entity types and dependency relations,
//! with their names as the data files and CoNLL-U write them.
use serde::Serialize;

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
    /// Whether the tag is a function word's: an adposition, determiner, pronoun, conjunction,
    /// auxiliary or particle.
    pub fn is_function(self) -> bool {
        matches!(
            self,
            Pos::ADP | Pos::DET | Pos::PRON | Pos::CCONJ | Pos::SCONJ | Pos::AUX | Pos::PART
        )
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
    #[inline]
    pub fn is(self, rel: Dep) -> bool {
        self == rel || self.base() == rel
    }
    /// The relation without its subtype (`nmod` of `nmod:poss`): a match, not a look at the
    /// name, as the later stages ask it of most tokens (a test checks it against the names).
    #[inline]
    pub fn base(self) -> Dep {
        match self {
            Dep::AclRelcl => Dep::Acl,
            Dep::AdvclRelcl => Dep::Advcl,
            Dep::AuxPass => Dep::Aux,
            Dep::CcPreconj => Dep::Cc,
            Dep::CompoundPrt => Dep::Compound,
            Dep::CsubjOuter | Dep::CsubjPass => Dep::Csubj,
            Dep::DetPredet => Dep::Det,
            Dep::FlatForeign => Dep::Flat,
            Dep::NmodDesc | Dep::NmodNpmod | Dep::NmodPoss | Dep::NmodTmod | Dep::NmodUnmarked => {
                Dep::Nmod
            }
            Dep::NsubjOuter | Dep::NsubjPass => Dep::Nsubj,
            Dep::OblAgent | Dep::OblNpmod | Dep::OblTmod | Dep::OblUnmarked => Dep::Obl,
            d => d,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relations_base_and_subtypes_agree_with_its_name() {
        let all = || Dep::ALL.iter().copied().chain([Dep::None]);
        for d in all() {
            let by_name = match d.as_str().split_once(':') {
                Some((b, _)) => Dep::parse(b).expect("every subtype's base is a relation"),
                None => d,
            };
            assert_eq!(d.base(), by_name, "{d}");
            for rel in all() {
                let name_is = d == rel
                    || d.as_str()
                        .strip_prefix(rel.as_str())
                        .is_some_and(|r| r.starts_with(':'));
                assert_eq!(d.is(rel), name_is, "{d} is {rel}");
            }
        }
        assert!(Dep::NmodPoss.is(Dep::Nmod) && !Dep::Nmod.is(Dep::NmodPoss));
    }
}
