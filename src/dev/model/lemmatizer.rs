//! Lemmatizer: the lexicon's lemma for a (word, tag) pair, else a suffix rule learnt from the
//! treebank for that tag ("-ied" → "-y" for VERB), proper nouns as written.
use super::text::{suffix, Words};
use crate::doc::Pos;
use crate::lexicon::Lexicon;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Suffix rewrite rules per tag: (tag, suffix) → (characters to strip, string to add).
#[derive(Debug, Default)]
pub struct Lemmatizer {
    rules: HashMap<(Pos, String), (usize, String)>,
    max_suffix: usize,
}

impl Lemmatizer {
    /// Reads rules written by [`rules_tsv`].
    pub fn from_tsv(text: &str) -> Lemmatizer {
        let mut l = Lemmatizer::default();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() == 4 {
                if let (Some(p), Ok(strip)) = (Pos::parse(c[0]), c[2].parse()) {
                    l.max_suffix = l.max_suffix.max(c[1].chars().count());
                    l.rules
                        .insert((p, c[1].to_string()), (strip, c[3].to_string()));
                }
            }
        }
        l
    }

    /// The lemma of a word with a tag. `None` means the lower-case form is the lemma.
    /// The lemma of word `i` of a tagged sentence: [`Lemmatizer::lemma`] with the conventions that
    /// need context or the word's spelling: possessive "her" stays "her" while object "her" is
    /// "she"; "'s" before a participle is "have"; "800,000" is "800000".
    pub fn lemma_at(&self, lx: &Lexicon, w: &Words, i: usize, tags: &[Pos]) -> Option<Lemma> {
        let (word, lower, pos) = (w.word(i), w.lower(i), tags[i]);
        let next = tags.get(i + 1).copied();
        match (lower, pos) {
            ("her", Pos::PRON) => {
                let possessive = matches!(next, Some(Pos::NOUN | Pos::ADJ | Pos::PROPN | Pos::NUM));
                return Some(Lemma::Lexicon(if possessive { "her" } else { "she" }));
            }
            ("'s", Pos::AUX) => {
                let participle = w.len() > i + 1 && matches!(next, Some(Pos::VERB | Pos::AUX)) && {
                    let n = w.lower(i + 1);
                    n == "been" || n == "got" || (n.ends_with("ed") || n.ends_with("en"))
                };
                return Some(Lemma::Lexicon(if participle { "have" } else { "be" }));
            }
            _ => {}
        }
        if pos == Pos::NUM
            && word.contains(',')
            && word
                .split(',')
                .skip(1)
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some(Lemma::Rule(word.replace(',', "")));
        }
        let lemma = self.lemma(lx, word, lower, pos, i == 0);
        // a capitalised adjective inside a sentence is mostly part of a name and keeps its
        // capital, as the treebank writes it ("New", "Greater" → "Great"); not at the start of a
        // sentence or quote, nor in a title-case headline
        let title_case = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(|c| !c.is_uppercase())
            && word.chars().count() > 1;
        if pos != Pos::ADJ
            || !title_case
            || i == 0
            || matches!(w.word(i - 1), "\"" | "'" | "(" | "-" | ":" | "*")
            || headline(w)
        {
            return lemma;
        }
        let text = match &lemma {
            None => lower,
            Some(Lemma::Lexicon(l)) => l,
            Some(Lemma::Rule(l)) => l.as_str(),
            Some(Lemma::AsWritten) => return lemma,
        };
        Some(Lemma::Rule(upper_first(text)))
    }

    /// The lemma of word `i` as text, or None when the lower-case word is its own lemma.
    pub fn lemma_text_at(
        &self,
        lx: &Lexicon,
        w: &Words,
        i: usize,
        tags: &[Pos],
    ) -> Option<Cow<'static, str>> {
        match self.lemma_at(lx, w, i, tags) {
            Some(Lemma::Lexicon(l)) => Some(Cow::Borrowed(l)),
            Some(Lemma::Rule(l)) => Some(Cow::Owned(l)),
            Some(Lemma::AsWritten) if w.word(i) != w.lower(i) => {
                Some(Cow::Owned(w.word(i).to_string()))
            }
            _ => None,
        }
    }

    /// `initial`: the word starts its sentence (its capital says nothing).
    pub fn lemma(
        &self,
        lx: &Lexicon,
        word: &str,
        lower: &str,
        pos: Pos,
        initial: bool,
    ) -> Option<Lemma> {
        // unknown capitalised words inside a sentence keep their capital ("CPA", "Kerala")
        let capital_inside = !initial && word.chars().next().is_some_and(char::is_uppercase);
        let rs = lx.readings(lower);
        if pos == Pos::VERB {
            if let Some(l) = lx.irregular_verb(lower) {
                return Some(Lemma::Lexicon(l));
            }
        }
        if pos == Pos::PROPN {
            // proper nouns keep their spelling; a known plural takes its singular ("Hills")
            return match rs.iter().find(|r| r.pos == Pos::PROPN) {
                Some(r) if r.lemma.to_lowercase() != lower => Some(Lemma::Lexicon(r.lemma)),
                // a name of five or more letters in capitals is written in title case
                // ("CHERNOBYL" → "Chernobyl"); shorter ones are mostly acronyms ("NATO")
                _ if word.chars().count() >= 5 && word.chars().all(char::is_uppercase) => {
                    Some(Lemma::Rule(upper_first(lower)))
                }
                _ => Some(Lemma::AsWritten),
            };
        }
        if let Some(r) = rs.iter().find(|r| r.pos == pos).or_else(|| {
            // a tag the lexicon did not see for this word: a reading of the same family
            rs.iter().find(|r| {
                r.pos.is_verbal() == pos.is_verbal() && matches!(pos, Pos::VERB | Pos::AUX)
            })
        }) {
            // the treebank's lemma with its case ("the" for "The", "I" for "me", "Iraqi")
            return (r.lemma != lower).then_some(Lemma::Lexicon(r.lemma));
        }
        if capital_inside && rs.is_empty() && !matches!(pos, Pos::NOUN | Pos::VERB) {
            return Some(Lemma::AsWritten);
        }
        if !matches!(pos, Pos::NOUN | Pos::VERB | Pos::ADJ | Pos::ADV | Pos::AUX) {
            return None;
        }
        // only a word that looks inflected is rewritten ("suspend" stays "suspend")
        let inflected = match pos {
            Pos::VERB | Pos::AUX => ["s", "ed", "ing", "en", "t"]
                .iter()
                .any(|x| lower.ends_with(x)),
            Pos::NOUN => lower.ends_with('s') || lower.ends_with("men") || lower.ends_with("ae"),
            _ => lower.ends_with("er") || lower.ends_with("est"),
        };
        if !inflected {
            return None;
        }
        // inflections undone, kept when the result is a lemma the treebank knows ("violating")
        if let Some(l) = morphy(lower, pos).into_iter().find(|c| lx.is_lemma(pos, c)) {
            return Some(Lemma::Rule(l));
        }
        let n = lower.chars().count();
        for k in (1..=self.max_suffix.min(n.saturating_sub(1))).rev() {
            if let Some((strip, add)) = self.rules.get(&(pos, suffix(lower, k).to_string())) {
                let keep = lower
                    .char_indices()
                    .nth(n - strip)
                    .map_or(lower.len(), |(i, _)| i);
                let lemma = format!("{}{}", &lower[..keep], add);
                return (lemma != lower).then_some(Lemma::Rule(lemma));
            }
        }
        None
    }
}

/// A word with its first letter in upper case ("new" → "New").
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Whether most words of a sentence start with a capital (a title-case headline).
fn headline(w: &Words) -> bool {
    let (mut words, mut caps) = (0, 0);
    for i in 0..w.len() {
        let word = w.word(i);
        if word.chars().all(char::is_alphabetic) {
            words += 1;
            caps += word.starts_with(char::is_uppercase) as usize;
        }
    }
    2 * caps > words
}

/// Candidate lemmas of an inflected form, most likely first.
fn morphy(lower: &str, pos: Pos) -> Vec<String> {
    let mut out = Vec::new();
    let mut strip = |suf: &str, adds: &[&str]| {
        if let Some(stem) = lower.strip_suffix(suf) {
            if stem.len() >= 2 {
                for a in adds {
                    out.push(format!("{stem}{a}"));
                }
                // doubled consonant: "barring" -> "bar", "digging" -> "dig"
                let b = stem.as_bytes();
                if b.len() >= 3
                    && b[b.len() - 1] == b[b.len() - 2]
                    && !b"aeiouls".contains(&b[b.len() - 1])
                {
                    out.push(stem[..stem.len() - 1].to_string());
                }
            }
        }
    };
    match pos {
        Pos::VERB | Pos::AUX => {
            strip("ies", &["y"]);
            strip("ied", &["y"]);
            strip("ing", &["", "e"]);
            strip("ed", &["", "e"]);
            strip("es", &["", "e"]);
            strip("s", &[""]);
        }
        Pos::NOUN | Pos::PROPN => {
            strip("ies", &["y"]);
            strip("ves", &["f", "fe"]);
            strip("es", &["", "e"]);
            strip("s", &[""]);
        }
        Pos::ADJ | Pos::ADV => {
            strip("iest", &["y"]);
            strip("ier", &["y"]);
            strip("est", &["", "e"]);
            strip("er", &["", "e"]);
        }
        _ => {}
    }
    out
}

/// Where a lemma came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lemma {
    /// The word as written (proper nouns).
    AsWritten,
    /// From the word list's reading.
    Lexicon(&'static str),
    /// From a suffix rule (its text).
    Rule(String),
}

/// Longest suffix a rule looks at.
const MAX_SUFFIX: usize = 6;

/// Learns suffix rules from (word, tag, lemma) triples: for each tag and suffix of 1 to
/// `MAX_SUFFIX` characters, the most frequent rewrite among word types, kept when it explains at
/// least 60% of them.
pub fn rules_tsv(triples: &[(String, String, String)]) -> String {
    let mut counts: BTreeMap<(String, String), BTreeMap<(usize, String), u32>> = BTreeMap::new();
    // rules serve unknown words, which behave like other rare words: count word types, not
    // tokens (a frequent "getting" must not decide for every "-ting")
    let types: std::collections::BTreeSet<(String, &str, String)> = triples
        .iter()
        .filter(|(_, tag, _)| matches!(tag.as_str(), "NOUN" | "VERB" | "ADJ" | "ADV" | "AUX"))
        .map(|(f, t, l)| (f.to_lowercase(), t.as_str(), l.to_lowercase()))
        .collect();
    for (lower, tag, lemma) in types {
        let tag = tag.to_string();
        let common = lower
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = lower.chars().count() - common;
        let add: String = lemma.chars().skip(common).collect();
        let n = lower.chars().count();
        for k in 1..=MAX_SUFFIX.min(n.saturating_sub(1)) {
            if k < strip {
                continue;
            }
            *counts
                .entry((tag.clone(), suffix(&lower, k).to_string()))
                .or_default()
                .entry((strip, add.clone()))
                .or_default() += 1;
        }
    }
    let mut out = String::from("# Derived by `kgraph train tagger` from the treebank lemmas.\n# tag <TAB> suffix <TAB> strip <TAB> add\n");
    for ((tag, suf), rw) in counts {
        let total: u32 = rw.values().sum();
        let Some(((strip, add), c)) = rw
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        if total >= 3 && c * 10 >= total * 6 && (strip > 0 || !add.is_empty()) {
            out.push_str(&format!("{tag}\t{suf}\t{strip}\t{add}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::lexicon as lx;

    #[test]
    fn rules_generalise_to_new_words() {
        let t = |f: &str, l: &str| (f.to_string(), "VERB".to_string(), l.to_string());
        let rules = rules_tsv(&[
            t("carried", "carry"),
            t("worried", "worry"),
            t("buried", "bury"),
            t("walked", "walk"),
            t("jumped", "jump"),
            t("asked", "ask"),
        ]);
        let l = Lemmatizer::from_tsv(&rules);
        assert_eq!(
            l.lemma(lx(), "zorried", "zorried", Pos::VERB, false),
            Some(Lemma::Rule("zorry".into()))
        );
        assert_eq!(
            l.lemma(lx(), "Blinken", "blinken", Pos::PROPN, false),
            Some(Lemma::AsWritten)
        );
        assert_eq!(
            l.lemma(lx(), "CHERNOBYL", "chernobyl", Pos::PROPN, false),
            Some(Lemma::Rule("Chernobyl".into()))
        );
        assert_eq!(
            l.lemma(lx(), "NATO", "nato", Pos::PROPN, false),
            Some(Lemma::AsWritten)
        );
    }

    #[test]
    fn irregular_verbs_take_the_listed_lemma_over_the_treebank_slip() {
        let l = Lemmatizer::default();
        // the treebank reads "fled" as "flead" more often than "flee"
        assert_eq!(
            lx().readings("fled").first().map(|r| r.lemma),
            Some("flead")
        );
        let lemma = |w: &str| match l.lemma(lx(), w, w, Pos::VERB, false) {
            Some(Lemma::Lexicon(x)) => x.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(lemma("fled"), "flee");
        assert_eq!(lemma("withheld"), "withhold");
        assert_eq!(lemma("overthrown"), "overthrow");
        // a form that is a verb of its own stays the treebank's
        assert_eq!(lx().irregular_verb("found"), None);
    }

    #[test]
    fn rules_count_word_types_not_tokens() {
        let t = |f: &str, l: &str| (f.to_string(), "VERB".to_string(), l.to_string());
        // "getting" a hundred times does not outvote three verbs in "-ating"
        let mut data = vec![t("getting", "get"); 100];
        data.extend([
            t("rotating", "rotate"),
            t("creating", "create"),
            t("locating", "locate"),
        ]);
        let l = Lemmatizer::from_tsv(&rules_tsv(&data));
        assert_eq!(
            l.lemma(lx(), "escalating", "escalating", Pos::VERB, false),
            Some(Lemma::Rule("escalate".into()))
        );
    }

    #[test]
    fn capitalised_adjectives_inside_sentences_keep_their_capital() {
        let l = Lemmatizer::default();
        let mut w = Words::default();
        let tags = [
            Pos::PRON,
            Pos::VERB,
            Pos::ADP,
            Pos::ADJ,
            Pos::PROPN,
            Pos::ADJ,
            Pos::NOUN,
        ];
        w.fill(["We", "moved", "to", "New", "Forest", "last", "year"].into_iter());
        let lemma = l.lemma_text_at(lx(), &w, 3, &tags);
        assert_eq!(lemma.as_deref(), Some("New"));
        w.fill(["Cheap", "Flights", "To", "New", "Places", "This", "Year"].into_iter());
        assert_eq!(l.lemma_text_at(lx(), &w, 3, &tags), None);
    }
}
