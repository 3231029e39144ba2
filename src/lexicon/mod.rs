//! Word lists and gazetteers kept in `data/lexicon/`, embedded in the binary and parsed once per
//! [`crate::Pipeline`]:
//! word tags and lemmas, name statistics, countries, organisations, titles and rule word classes.
use crate::doc::{EntityType, Pos};
use crate::hash::FnvBuild;
pub use crate::tokens::phrase_key;
use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};

mod load;

type HashMap<K, V> = StdHashMap<K, V, FnvBuild>;
type HashSet<K> = StdHashSet<K, FnvBuild>;

/// One reading of a word: tag, lemma and how often the training data had it.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// The tag of this reading.
    pub pos: Pos,
    /// The lemma of this reading.
    pub lemma: &'static str,
    /// How often the training data tagged the form so.
    pub count: u32,
}

/// What a gazetteer phrase names.
#[derive(Debug, Clone)]
pub struct GazEntry {
    /// Canonical name ("United States" for "U.S.").
    pub name: &'static str,
    /// The type of what the entry names.
    pub kind: EntityType,
    /// For a demonym or a capital: the country.
    pub country: Option<&'static str>,
    /// Whether the phrase is a demonym of `country`.
    pub demonym: bool,
    /// Whether the phrase is a capital of `country`.
    pub capital: bool,
}

/// A party of `parties_open.tsv`: its Party Facts id, country (ISO 3166-1 alpha-3) and whether
/// it still exists.
#[derive(Debug, Clone, Copy)]
pub struct PartyRef {
    /// The Party Facts id.
    pub id: &'static str,
    /// The party's country (ISO 3166-1 alpha-3).
    pub country: &'static str,
    /// Whether the party still exists.
    pub current: bool,
}

/// A city of `cities_open.tsv`: the most populous of its name.
#[derive(Debug, Clone, Copy)]
pub struct OpenCity {
    /// GeoNames id.
    pub id: &'static str,
    /// ISO 3166-1 alpha-3 code of its country ("" when unknown).
    pub country: &'static str,
    /// The city's population.
    pub population: u64,
    /// Population of the next city of the same name (0 when none).
    pub next: u64,
}

/// How an event noun maps onto a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominalKind {
    /// "X's invasion of Y"
    Possessive,
    /// "supplies from X to Y"
    Flow,
    /// "the X-Y meeting"
    Pair,
}

macro_rules! word_classes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// A closed class of words in `data/lexicon/classes.tsv`. A class the rules ask for must
        /// exist here, so a misspelt class fails to compile instead of matching nothing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum WordClass {
            $( $(#[$doc])* $variant, )*
        }
        impl WordClass {
            /// Every class, in file order.
            pub const ALL: &'static [WordClass] = &[$(WordClass::$variant),*];
            /// The class's name in `classes.tsv`.
            pub fn name(self) -> &'static str {
                match self { $(WordClass::$variant => $name,)* }
            }
            /// The class of a name in `classes.tsv`.
            pub fn parse(s: &str) -> Option<WordClass> {
                match s { $($name => Some(WordClass::$variant),)* _ => None }
            }
        }
    };
}

word_classes! {
    /// "not", "never", "no": the clause is negated.
    Negation = "negation",
    /// "may", "would": the clause is hedged.
    ModalHedge = "modal_hedge",
    /// "reportedly", "alleged": the clause or noun is hedged.
    HedgeAdv = "hedge_adv",
    /// "have", "hold", "launch", "file": verbs that lend an event noun their clause ("had
    /// disagreements with X" is "disagree with X").
    SupportVerb = "support_verb",
    /// "deny", "refute": the finite complement ("denied that ...") is negated.
    DenialVerb = "denial_verb",
    /// "forces", "government": a demonym before it acts for the country.
    Group = "group",
    /// "capital": "the Ukrainian capital" is the country's capital city.
    Capital = "capital",
    /// Prepositions that join a verb to its second argument ("supply arms to").
    VerbPrep = "verb_prep",
    /// Prepositions that join an event noun to its argument ("sanctions against").
    NpPrep = "np_prep",
    /// Last words of organisation names ("Ministry").
    OrgSuffix = "org_suffix",
    /// Last words of place names ("River").
    LocSuffix = "loc_suffix",
    /// Prepositions of place ("in", "at"): the argument is where, not whom.
    LocPrep = "loc_prep",
    /// Words that may join the parts of a name ("of", "de").
    Connector = "connector",
    /// Lower-case particles inside a person's name ("al", "von der", "dela").
    NameParticle = "name_particle",
    /// Words in front of a title that do not change it ("former").
    TitleModifier = "title_modifier",
    /// Conjunctions that open an adverbial clause ("when", "after"): a name before one is not the
    /// subject of the verb after it, and a participle after one is passive ("when elected").
    Subordinator = "subordinator",
    /// Title modifiers of a past holder ("former", "then", "late", "ex").
    PastModifier = "past_modifier",
    /// Nouns that name a kind of place ("city").
    PlaceNoun = "place_noun",
    /// Last words of event names ("Day").
    MiscSuffix = "misc_suffix",
    /// Titles of legislators, whose party is membership ("Senator").
    MemberTitle = "member_title",
    /// Last words of party names ("Party").
    PartySuffix = "party_suffix",
    /// Titles a party in front of them owns ("Conservative leader", "Democratic chairman").
    PartyRole = "party_role",
    /// Nouns of an office, named after its title ("presidency" → "president").
    OfficeNoun = "office_noun",
    /// Verbs of place: "X died in Y", "X was born in Y" relate X to the place.
    PlaceVerb = "place_verb",
    /// Nouns of a speech event: "said in an interview with the BBC".
    SpeechNoun = "speech_noun",
    /// Nouns of a relative: "X, son of Y".
    KinNoun = "kin_noun",
    /// Nouns besides titles that relate a person to an organisation or person ("member",
    /// "spokeswoman", "reporter"): a role in an apposition or copula.
    MemberNoun = "member_noun",
    /// Words that may stand between an apposition's comma and its title: "the", "former".
    AppositionFiller = "apposition_filler",
    /// Forms of "be" after "who" ("Tom Brand, who is the secretary of state").
    BeAfterWho = "be_after_who",
    /// Words before a gerund that state it did not happen as such ("withdrew from using X",
    /// "left without meeting Y").
    GerundBlocker = "gerund_blocker",
    /// Relative pronouns that can be a relative clause's object ("the deal that X signed").
    RelativeObject = "relative_object",
    /// Relative pronouns that stand for the noun modified as subject ("X, who visited Y").
    RelativeSubject = "relative_subject",
    /// Third-person pronouns that stand for a person.
    PersonPronoun = "person_pronoun",
    /// Nouns that stand for an organisation already named ("the company", "the alliance").
    OrgAnaphor = "org_anaphor",
    /// Personal and possessive pronouns the coreference stage links to an entity ("he", "its",
    /// "they", "we").
    AnaphoricPronoun = "anaphoric_pronoun",
    /// Pronouns of the first and second person, whose antecedent is the speaker or the one
    /// spoken to, named anywhere before ("I", "we", "you").
    SpeakerPronoun = "speaker_pronoun",
    /// Pronouns of a man or a woman, which stand for a person only ("he", "her", "himself").
    GenderedPronoun = "gendered_pronoun",
    /// Words before a second name of a person that the text states ("born Peter Smith",
    /// "known as X"; "known" is followed by "as").
    AliasTrigger = "alias_trigger",
    /// Words in front of a storm's name ("Hurricane", "Tropical Storm").
    StormTitle = "storm_title",
    /// Words after a place's name that name the same place ("Atlantic Ocean", "Abaco Islands").
    PlaceSuffix = "place_suffix",
    /// Words in front of a name that say it was so before ("former", "ex").
    FormerWord = "former_word",
    /// Words after a person's name that tell generations apart ("Jr.", "III").
    NameSuffix = "name_suffix",
    /// Verbs that give their object a role: "was elected Speaker", "named him adviser".
    RoleVerb = "role_verb",
    /// Nouns of a programme or publication that stand for the outlet named in front of them
    /// ("told the Fox News program").
    MediaNoun = "media_noun",
    /// Nouns of a place that is part of another, for the place patterns ("Yerevan, the capital of
    /// Armenia", "Sumatra, an island in Indonesia"); wider than `place_noun`, which the
    /// coreference model's features read.
    RegionNoun = "region_noun",
    /// Nouns of a company, for the patterns of its country ("Codelco, a Chilean copper company",
    /// "German carmaker Volkswagen").
    CompanyNoun = "company_noun",
    /// Courtesy titles that say nothing of a role ("Mr.", "Mrs."): no open "be" triple.
    CourtesyTitle = "courtesy_title",
    /// A company's legal form ("Co.", "Inc."): "of" and a place after it is where the company
    /// is based, not more of its name ("Acme Co. of New York").
    CorporateForm = "corporate_form",
    /// What a one-word organisation's name may end in ("Commerzbank", "Rabobank").
    OrgWordEnd = "org_word_end",
    /// Nouns of a time ("morning", "day"): "This morning Jacques Chirac died" says no one is a
    /// morning, however the parse joins the two.
    TimeNoun = "time_noun",
    /// Conjunctions that open an adverbial clause of time, cause or concession ("when", "because",
    /// "although"): the subject "it" of such a clause can stand for the subject of the clause
    /// above ("Challenger was lost when it exploded").
    AdverbialOpener = "adverbial_opener",
}

/// The class of a verb lemma in `data/lexicon/verbs.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbClass {
    /// Introduces what someone said (its clause is attributed to the subject).
    Report,
    /// Makes the verb after it uncertain ("considering supplying").
    Hedge,
    /// "X and Y VERB" means X VERB with Y.
    Reciprocal,
    /// Too general to make a relation on its own.
    Light,
    /// A capital city after it stays a place ("visited Beijing").
    Motion,
    /// Relates its subject to its object ("urged Turkey"); what it asks for is hedged ("asked
    /// Zelensky to investigate Biden").
    Request,
}

impl VerbClass {
    /// The class of a name in `verbs.tsv`.
    pub fn parse(s: &str) -> Option<VerbClass> {
        Some(match s {
            "report" => VerbClass::Report,
            "hedge" => VerbClass::Hedge,
            "reciprocal" => VerbClass::Reciprocal,
            "light" => VerbClass::Light,
            "motion" => VerbClass::Motion,
            "request" => VerbClass::Request,
            _ => return None,
        })
    }
}

/// Every word list the pipeline uses.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// The text of the relation patterns read from a data folder, compiled by the facts stage
    /// (none: the embedded `data/patterns/relations.kgp`).
    patterns: Option<&'static str>,
    words: HashMap<&'static str, Vec<Reading>>,
    ambiguity: HashMap<&'static str, Box<str>>,
    lemmas: HashSet<(Pos, &'static str)>,
    names: HashMap<&'static str, [u32; 3]>,
    gazetteer: HashMap<String, GazEntry>,
    /// Longest gazetteer phrase, in tokens.
    pub gazetteer_max: usize,
    titles: HashSet<String>,
    /// (country or "*", title) → body ("=" for the country itself, "^" its state).
    role_defaults: HashMap<String, &'static str>,
    /// The states, provinces and territories of `cities.tsv` (third column "state").
    states: HashSet<&'static str>,
    /// The longest title, in words.
    pub titles_max: usize,
    /// Longest gazetteer phrase and longest title starting with each first word.
    gaz_first: HashMap<String, usize>,
    title_first: HashMap<String, usize>,
    nonentities: HashSet<&'static str>,
    nominals: HashMap<&'static str, (&'static str, NominalKind)>,
    /// Agent nouns and the verb of what their agent does ("assassin" → "assassinate").
    agents: HashMap<&'static str, &'static str>,
    /// The spelt-out word of each abbreviation in a title ("gov." → "governor").
    title_words: HashMap<String, String>,
    /// Irregular past forms of verbs and their lemma (`irregular_verbs.tsv`).
    irregular: HashMap<&'static str, &'static str>,
    verbs: HashMap<&'static str, VerbClass>,
    classes: HashMap<WordClass, HashSet<&'static str>>,
    capitals: HashMap<&'static str, &'static str>,
    /// ISO 3166-1 alpha-3 code of a country, by canonical name (`countries_open.tsv`).
    country_codes: HashMap<&'static str, &'static str>,
    /// First names borne mostly by one sex (`first_names.tsv`): true for women.
    first_names: HashMap<&'static str, bool>,
    /// The most populous city of each name in `cities_open.tsv`.
    cities_open: HashMap<&'static str, OpenCity>,
    /// ISO 3166-1 alpha-3 code of an alpha-2 code.
    alpha2: HashMap<&'static str, &'static str>,
    /// Identifier of an international organisation by each of its names
    /// (`organisations_open.tsv`).
    org_ids: HashMap<&'static str, &'static str>,
    /// company name -> `cik:` identifier (companies_open.tsv)
    company_ids: HashMap<&'static str, &'static str>,
    /// Party Facts parties by each of their names.
    parties: HashMap<&'static str, Vec<PartyRef>>,
    /// Person-name and place classes of phrases ("paris" → "city1,city3,first,last2").
    open: HashMap<&'static str, &'static str>,
    /// Longest open-gazetteer phrase starting with each first word.
    open_first: HashMap<&'static str, usize>,
    /// word classes learnt from unlabelled text (coarse, fine), by clustering key
    clusters: HashMap<&'static str, (&'static str, &'static str)>,
    /// Verb lemmas of the hand-written lists (verb classes, event nouns' verbs).
    listed_verbs: HashSet<&'static str>,
}

impl Lexicon {
    /// Adds a title (a lower-cased token key) and indexes it by its first word.
    fn add_title(&mut self, key: String) {
        // "prime-minister" is tokenised as "prime - minister"
        if key.contains(' ') && !key.contains(" - ") {
            self.add_title(key.replace(' ', " - "));
        }
        let len = key.split(' ').count();
        self.titles_max = self.titles_max.max(len);
        let first = key.split(' ').next().unwrap_or("").to_string();
        let e = self.title_first.entry(first).or_insert(0);
        *e = (*e).max(len);
        self.titles.insert(key);
    }

    fn add_gaz(&mut self, phrase: &str, e: GazEntry) {
        if phrase.is_empty() {
            return;
        }
        let key = phrase_key(phrase);
        let len = key.split(' ').count();
        self.gazetteer_max = self.gazetteer_max.max(len);
        let first = key.split(' ').next().unwrap_or("").to_string();
        let longest = self.gaz_first.entry(first).or_insert(0);
        *longest = (*longest).max(len);
        // the first entry wins (countries before cities before organisations)
        self.gazetteer.entry(key).or_insert(e);
    }

    /// Readings of a word (lower case), most frequent first.
    pub fn readings(&self, lower: &str) -> &[Reading] {
        self.words.get(lower).map_or(&[], Vec::as_slice)
    }
    /// The tags a word was seen with, sorted and joined by spaces ("NOUN VERB").
    pub fn ambiguity(&self, lower: &str) -> Option<&str> {
        self.ambiguity.get(lower).map(|b| &**b)
    }
    /// Whether the treebank had this lemma for this tag (for verbs, or the hand-written verb
    /// lists have it: "invade" from "invasion").
    pub fn is_lemma(&self, pos: Pos, lemma: &str) -> bool {
        self.lemmas.contains(&(pos, lemma))
            || (pos == Pos::VERB && self.listed_verbs.contains(lemma))
    }
    /// How often a token was inside a PER, ORG and LOC name in the training data.
    pub fn name_counts(&self, token: &str) -> [u32; 3] {
        self.names.get(token).copied().unwrap_or_default()
    }
    /// Person-name and place classes of a lower-cased, space-joined token sequence, as
    /// `open_gazetteer.tsv` lists them ("city2,last1").
    pub fn open_classes(&self, key: &str) -> Option<&'static str> {
        self.open.get(key).copied()
    }
    /// The word classes (coarse, fine) of a word, by its clustering key (lower case, digits as
    /// 0; see `train::clusters::key`), as `clusters.tsv` lists them.
    pub fn clusters(&self, key: &str) -> Option<(&'static str, &'static str)> {
        self.clusters.get(key).copied()
    }
    /// Longest open-gazetteer phrase (in words) that starts with this lower-case word.
    pub fn open_len(&self, first_lower: &str) -> usize {
        self.open_first.get(first_lower).copied().unwrap_or(0)
    }
    /// The gazetteer entry of a lower-cased, space-joined token sequence.
    pub fn gazetteer(&self, key: &str) -> Option<&GazEntry> {
        self.gazetteer.get(key)
    }
    /// Longest gazetteer phrase (in words) that starts with this lower-case word; 0 when none.
    pub fn gazetteer_len(&self, first_lower: &str) -> usize {
        self.gaz_first.get(first_lower).copied().unwrap_or(0)
    }
    /// Longest title (in words) that starts with this lower-case word; 0 when none.
    pub fn title_len(&self, first_lower: &str) -> usize {
        self.title_first.get(first_lower).copied().unwrap_or(0)
    }
    /// The text of the relation patterns these word lists go with, when read from a data folder
    /// (none: the embedded ones).
    pub fn patterns_text(&self) -> Option<&'static str> {
        self.patterns
    }
    /// A title key with its abbreviations spelt out ("lt. gen." → "lieutenant general").
    pub fn spell_title(&self, key: &str) -> String {
        key.split(' ')
            .map(|w| self.title_words.get(w).map_or(w, String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// Whether a lower-cased, space-joined token sequence is a title ("secretary general").
    pub fn is_title(&self, key: &str) -> bool {
        self.titles.contains(key)
    }
    /// The body a title with no owner belongs to in an article about `country`
    /// (`role_defaults.tsv`): "United States Senate" for a US "senator", the country itself for a
    /// "president", none for a title the country does not have (a US "prime minister").
    /// A state's title ("governor", "state senator": body "^") is of the article's `state`.
    pub fn role_default<'a>(
        &self,
        country: &'a str,
        state: Option<&'a str>,
        title: &str,
    ) -> Option<&'a str>
    where
        'static: 'a,
    {
        let body = self
            .role_defaults
            .get(&format!("{country}\t{title}"))
            .or_else(|| self.role_defaults.get(&format!("*\t{title}")))?;
        match *body {
            "=" => Some(country),
            "^" => state,
            // a title the country does not have (the United States has no prime minister)
            "-" => None,
            _ => Some(body),
        }
    }
    /// Whether a place is a state, a province or a territory of its country (`cities.tsv`).
    pub fn is_state(&self, name: &str) -> bool {
        self.states.contains(name)
    }
    /// Whether a lower-case word is never an entity by itself (weekdays, months, "admin").
    pub fn is_nonentity(&self, lower: &str) -> bool {
        self.nonentities.contains(lower)
    }
    /// The lemma of an irregular past form of a verb ("fled" → "flee"), from
    /// `irregular_verbs.tsv`.
    pub fn irregular_verb(&self, lower: &str) -> Option<&'static str> {
        self.irregular.get(lower).copied()
    }
    /// The verb and kind an event noun stands for ("invasion" → "invade").
    pub fn nominal(&self, lower: &str) -> Option<(&'static str, NominalKind)> {
        self.nominals.get(lower).copied()
    }
    /// The verb an agent noun's agent does ("assassin" → "assassinate": "X, the assassin of
    /// Y" is X assassinating Y), from the `agent` rows of `nominalizations.tsv`.
    pub fn agent_verb(&self, lower: &str) -> Option<&'static str> {
        self.agents.get(lower).copied()
    }
    /// The class of a verb lemma.
    pub fn verb_class(&self, lemma: &str) -> Option<VerbClass> {
        self.verbs.get(lemma).copied()
    }
    /// Whether a lower-case word is mostly a function word in the treebank (its most frequent
    /// reading is an adposition, determiner, pronoun, conjunction, auxiliary or particle).
    pub fn is_function_word(&self, lower: &str) -> bool {
        self.readings(lower)
            .first()
            .is_some_and(|r| r.pos.is_function())
    }
    /// Whether a lower-case word belongs to a class of `data/lexicon/classes.tsv`.
    pub fn in_class(&self, class: WordClass, lower: &str) -> bool {
        self.classes.get(&class).is_some_and(|s| s.contains(lower))
    }
    /// Whether a name is a political party's: "Labour Party", or "Republican" (the adjective of
    /// a known "Republican Party").
    pub fn is_party(&self, name: &str) -> bool {
        if self.parties.contains_key(name) {
            return true;
        }
        let name = name.to_lowercase();
        self.ends_with_party_word(&name)
            || self
                .gazetteer(&format!("{name} party"))
                .is_some_and(|g| g.kind == EntityType::ORG)
    }
    /// Whether a name's last word is one that ends parties' names ("Party" of "Conservative
    /// Party"; class `party_suffix`), in any case.
    pub fn ends_with_party_word(&self, name: &str) -> bool {
        name.rsplit(' ')
            .next()
            .is_some_and(|w| self.in_class(WordClass::PartySuffix, &w.to_lowercase()))
    }
    /// The ISO 3166-1 alpha-3 code of a country, by canonical name ("GBR" for "United Kingdom").
    pub fn country_code(&self, country: &str) -> Option<&'static str> {
        self.country_codes.get(country).copied()
    }
    /// The Party Facts id of the party with this name: the one that still exists, when only one
    /// of the parties so named does (or the only one so named).
    pub fn party_id(&self, name: &str) -> Option<&'static str> {
        let all = self.parties.get(name)?;
        let current: Vec<&str> = all.iter().filter(|p| p.current).map(|p| p.id).collect();
        match (&current[..], &all[..]) {
            ([id], _) => Some(id),
            ([], [p]) => Some(p.id),
            _ => None,
        }
    }
    /// "m" or "f" for a first name (lower case) borne mostly by men or by women
    /// (`first_names.tsv`, from the census lists).
    pub fn first_name_sex(&self, lower: &str) -> Option<&'static str> {
        self.first_names
            .get(lower)
            .map(|&f| if f { "f" } else { "m" })
    }
    /// The most populous city of this name in `cities_open.tsv` (GeoNames cities of 100,000
    /// people or more).
    pub fn open_city(&self, name: &str) -> Option<OpenCity> {
        self.cities_open.get(name).copied()
    }
    /// The identifier of the international organisation with this name (its acronym in the
    /// World Factbook's list: "NATO").
    pub fn org_id(&self, name: &str) -> Option<&'static str> {
        self.org_ids.get(name).copied()
    }
    /// The identifier (`cik:` and the SEC Central Index Key) of the listed company with this name.
    pub fn company_id(&self, name: &str) -> Option<&'static str> {
        self.company_ids.get(name).copied()
    }
    /// Every party of `parties_open.tsv` with this name.
    pub fn parties_named(&self, name: &str) -> &[PartyRef] {
        self.parties.get(name).map_or(&[], Vec::as_slice)
    }
    /// The capital of a country, by canonical country name.
    pub fn capital_of(&self, country: &str) -> Option<&'static str> {
        self.capitals.get(country).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_aliases_resolve() {
        let lx = crate::testing::lexicon();
        assert_eq!(lx.gazetteer("u.s.").unwrap().name, "United States");
        let d = lx.gazetteer("spanish").unwrap();
        assert!(d.demonym);
        assert_eq!(d.country, Some("Spain"));
        assert_eq!(lx.gazetteer("kiev").unwrap().name, "Kyiv");
        assert_eq!(lx.capital_of("China"), Some("Beijing"));
    }

    #[test]
    fn titles_and_classes() {
        let lx = crate::testing::lexicon();
        assert!(lx.is_title("secretary general"));
        assert!(lx.is_title("prime minister"));
        assert!(lx.in_class(WordClass::Negation, "not"));
        assert_eq!(lx.nominal("invasion").unwrap().0, "invade");
        assert_eq!(lx.verb_class("say"), Some(VerbClass::Report));
    }
}
