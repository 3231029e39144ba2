//! The fact scorer: triples against hand-made gold facts (`<article>.facts.tsv`: subject
//! aliases, predicate alternatives, object aliases, flags `opt`/`neg`/`sym`), with exactly the
//! matching rules of the project's reference scorer `facts.py`: recall over required facts,
//! precision over the triples of the scored articles, polarity errors; and the same per pattern.
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

mod read;
pub use read::{gold_files, load_gold, parse_gold, read_triples};

const SUFFIXES: [&str; 10] = [
    "ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s", "e",
];

/// The light stemmer of the scorer: "warned" → "warn", "parties" → "party".
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let n = w.chars().count();
    for suf in SUFFIXES {
        if w.ends_with(suf) && n - suf.len() >= 3 {
            let mut s = w[..w.len() - suf.len()].to_string();
            if suf == "ied" || suf == "ies" {
                s.push('y');
            }
            return s;
        }
    }
    w
}

static NON_WORD: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"[^\w\s]").expect("valid regex"));
static SPACES: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\s+").expect("valid regex"));
static WORDS: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"[\w']+").expect("valid regex"));

/// An entity name as the scorer compares it: lower case, no possessive 's, punctuation as
/// spaces, no leading "the".
pub fn norm_entity(text: &str) -> String {
    let t = text.to_lowercase().replace('\u{2019}', "'");
    let t = t.strip_suffix("'s").unwrap_or(&t);
    let t = NON_WORD.replace_all(t, " ");
    let t = SPACES.replace_all(&t, " ");
    let t = t.trim();
    t.strip_prefix("the ").unwrap_or(t).to_string()
}

/// The stemmed words of a predicate.
pub fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    WORDS.find_iter(&lower).map(|m| stem(m.as_str())).collect()
}

/// An article's key: its file name without folder and without one of the known extensions.
pub fn doc_key(doc: &str) -> String {
    let mut base = doc.rsplit(['/', '\\']).next().unwrap_or(doc).to_string();
    for ext in [".facts.tsv", ".txt", ".html", ".htm", ".md", ".json"] {
        if let Some(b) = base.strip_suffix(ext) {
            base = b.to_string();
        }
    }
    base
}

/// One gold fact.
#[derive(Debug, Clone)]
pub struct GoldFact {
    /// The subject's aliases, normalised.
    pub subjects: BTreeSet<String>,
    /// The predicate alternatives, each as stemmed words.
    pub predicates: Vec<Vec<String>>,
    /// The object's aliases, normalised.
    pub objects: BTreeSet<String>,
    /// A correct fact that never lowers recall (`opt`).
    pub optional: bool,
    /// The text states it negated (`neg`).
    pub negated: bool,
    /// Either direction matches (`sym`).
    pub symmetric: bool,
    /// `file:line: text`, for listings.
    pub line: String,
}

/// A triple as the scorer sees it.
#[derive(Debug, Clone, Default)]
pub struct SystemTriple {
    /// The document id.
    pub doc: String,
    /// The subject's name.
    pub subject: String,
    /// The predicate.
    pub predicate: String,
    /// The object's name.
    pub object: String,
    /// Whether it is negated.
    pub negated: bool,
    /// Normalised names and aliases of each end, and the stemmed predicate words.
    subjects: BTreeSet<String>,
    objects: BTreeSet<String>,
    pred_words: BTreeSet<String>,
    /// The pattern (rule) that produced it, when known.
    pub pattern: Option<String>,
    /// Its confidence.
    pub confidence: f32,
}

impl SystemTriple {
    /// A triple from its names, aliases and predicate.
    pub fn new(
        doc: &str,
        subject: &str,
        subject_aliases: &[String],
        predicate: &str,
        object: &str,
        object_aliases: &[String],
        negated: bool,
    ) -> SystemTriple {
        let set = |name: &str, aliases: &[String]| {
            std::iter::once(name)
                .chain(aliases.iter().map(String::as_str))
                .map(norm_entity)
                .collect()
        };
        SystemTriple {
            doc: doc_key(doc),
            subject: subject.to_string(),
            predicate: predicate.to_string(),
            object: object.to_string(),
            negated,
            subjects: set(subject, subject_aliases),
            objects: set(object, object_aliases),
            pred_words: words(predicate).into_iter().collect(),
            pattern: None,
            confidence: 1.0,
        }
    }
}

impl From<crate::export::triples::Triple> for SystemTriple {
    /// A triple as `kgraph extract` writes it, with its pattern and confidence.
    fn from(t: crate::export::triples::Triple) -> SystemTriple {
        let mut s = SystemTriple::new(
            &t.doc,
            &t.subject,
            &t.subject_aliases,
            &t.predicate,
            &t.object,
            &t.object_aliases,
            t.negated,
        );
        s.confidence = t.confidence;
        s.pattern = Some(t.rule);
        s
    }
}

impl GoldFact {
    fn entities_match(&self, t: &SystemTriple) -> bool {
        let meets = |a: &BTreeSet<String>, b: &BTreeSet<String>| a.iter().any(|x| b.contains(x));
        (meets(&t.subjects, &self.subjects) && meets(&t.objects, &self.objects))
            || (self.symmetric
                && meets(&t.subjects, &self.objects)
                && meets(&t.objects, &self.subjects))
    }
    fn pred_match(&self, t: &SystemTriple) -> bool {
        self.predicates
            .iter()
            .any(|p| !p.is_empty() && p.iter().all(|w| t.pred_words.contains(w)))
    }
    /// Whether the triple states this fact (entities and predicate; polarity aside).
    pub fn matches(&self, t: &SystemTriple) -> bool {
        self.entities_match(t) && self.pred_match(t)
    }
}

/// Gold facts by article key.
pub type Gold = BTreeMap<String, Vec<GoldFact>>;

/// How one triple fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It matches a gold fact, polarity included.
    Correct,
    /// It matches a negated gold fact but states it as so.
    Polarity,
    /// It matches no gold fact.
    Extra,
}

/// The figures of one scoring.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactScores {
    /// Documents scored.
    pub documents: usize,
    /// Required gold facts.
    pub required: usize,
    /// Required gold facts found.
    pub found: usize,
    /// System triples.
    pub system: usize,
    /// System triples that match a gold fact.
    pub correct: usize,
    /// Negated gold facts stated as positive.
    pub polarity_errors: usize,
}

impl std::ops::AddAssign<&FactScores> for FactScores {
    /// Adds another scoring's counts (the figures of both scorings together).
    fn add_assign(&mut self, o: &FactScores) {
        self.documents += o.documents;
        self.required += o.required;
        self.found += o.found;
        self.system += o.system;
        self.correct += o.correct;
        self.polarity_errors += o.polarity_errors;
    }
}

impl FactScores {
    /// Found over required.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }
    /// Correct over system triples.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    /// The two lines `facts.py` prints.
    pub fn report(&self) -> String {
        format!(
            "documents {}  required facts {}  found {}  system triples {}  correct {}  polarity errors {}\n\
             recall {:.3} precision {:.3} f1 {:.3} polarity_errors {}\n",
            self.documents,
            self.required,
            self.found,
            self.system,
            self.correct,
            self.polarity_errors,
            self.recall(),
            self.precision(),
            self.f1(),
            self.polarity_errors
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A scoring with its details: the verdict of every triple of a scored article (in the order
/// given, with its index), and the required facts missed.
#[derive(Debug, Clone, Default)]
pub struct Scored {
    /// The figures.
    pub scores: FactScores,
    /// Each system triple's verdict, by index.
    pub verdicts: Vec<(usize, Verdict)>,
    /// The required gold facts missed, as their lines.
    pub missed: Vec<String>,
}

/// The verdict of one triple against its article's gold facts.
pub fn verdict(facts: &[GoldFact], t: &SystemTriple) -> Verdict {
    let mut polarity = false;
    for f in facts.iter().filter(|f| f.matches(t)) {
        if f.negated == t.negated {
            return Verdict::Correct;
        }
        polarity |= f.negated && !t.negated;
    }
    if polarity {
        Verdict::Polarity
    } else {
        Verdict::Extra
    }
}

/// The indexes of the triples of each article.
fn by_doc(triples: &[SystemTriple]) -> BTreeMap<&str, Vec<usize>> {
    let mut by_doc: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in triples.iter().enumerate() {
        by_doc.entry(t.doc.as_str()).or_default().push(i);
    }
    by_doc
}

/// The indexes `by_doc` gives an article (none when it has no triples).
fn of_doc<'a>(by_doc: &'a BTreeMap<&str, Vec<usize>>, doc: &str) -> &'a [usize] {
    by_doc.get(doc).map_or(&[][..], Vec::as_slice)
}

impl GoldFact {
    /// Whether one of these triples (indexes into `triples`) states the fact with its polarity.
    fn found_in(&self, triples: &[SystemTriple], these: &[usize]) -> bool {
        these
            .iter()
            .any(|&i| self.matches(&triples[i]) && triples[i].negated == self.negated)
    }
}

/// Scores triples against the gold facts (only the triples of articles with a gold file count).
pub fn score(gold: &Gold, triples: &[SystemTriple]) -> Scored {
    let by_doc = by_doc(triples);
    let mut out = Scored::default();
    out.scores.documents = gold.len();
    for (doc, facts) in gold {
        let mine = of_doc(&by_doc, doc);
        out.scores.system += mine.len();
        for &i in mine {
            let v = verdict(facts, &triples[i]);
            out.scores.correct += (v == Verdict::Correct) as usize;
            out.scores.polarity_errors += (v == Verdict::Polarity) as usize;
            out.verdicts.push((i, v));
        }
        for f in facts.iter().filter(|f| !f.optional) {
            out.scores.required += 1;
            let ok = f.found_in(triples, mine);
            out.scores.found += ok as usize;
            if !ok {
                out.missed.push(f.line.clone());
            }
        }
    }
    out
}

/// Why a required gold fact was missed, judged against every candidate of its article (the
/// triples at any confidence): where the recall was lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    /// A candidate states it, below the minimum confidence: the best one's confidence and
    /// predicate.
    Below(f32, String),
    /// A candidate relates the two entities with another predicate (the surest one's).
    OtherPredicate(String),
    /// No candidate relates the two entities.
    Unrelated,
}

impl Miss {
    /// The reason as a short phrase.
    pub fn describe(&self) -> String {
        match self {
            Miss::Below(c, p) => {
                format!("a candidate below the minimum confidence ({c:.2} \"{p}\")")
            }
            Miss::OtherPredicate(p) => format!("the two related otherwise (\"{p}\")"),
            Miss::Unrelated => "no candidate relates the two".into(),
        }
    }
}

/// The required gold facts that `scored` misses (as [`score`] counts them), each with why,
/// judged against `candidates` (the same articles' triples at any confidence), in gold order.
pub fn missed_with_reasons(
    gold: &Gold,
    scored: &[SystemTriple],
    candidates: &[SystemTriple],
) -> Vec<(String, Miss)> {
    let (mine, cands) = (by_doc(scored), by_doc(candidates));
    let mut out = Vec::new();
    for (doc, facts) in gold {
        let (here, cs) = (of_doc(&mine, doc), of_doc(&cands, doc));
        for f in facts
            .iter()
            .filter(|f| !f.optional && !f.found_in(scored, here))
        {
            let best = |pred: bool| {
                cs.iter()
                    .map(|&i| &candidates[i])
                    .filter(|t| f.entities_match(t) && (!pred || f.pred_match(t)))
                    .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
            };
            let why = if let Some(t) = best(true) {
                Miss::Below(t.confidence, t.predicate.clone())
            } else if let Some(t) = best(false) {
                Miss::OtherPredicate(t.predicate.clone())
            } else {
                Miss::Unrelated
            };
            out.push((f.line.clone(), why));
        }
    }
    out
}

/// Per pattern: triples made, correct, and required facts found by at least one of its triples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatternRow {
    /// The pattern id (or rule name).
    pub pattern: String,
    /// Triples it made.
    pub triples: usize,
    /// Of those, correct.
    pub correct: usize,
    /// Required gold facts only it found.
    pub found: usize,
}

/// The figures of each pattern (triples without one count under "-"), most triples first.
pub fn by_pattern(gold: &Gold, triples: &[SystemTriple]) -> Vec<PatternRow> {
    let name = |t: &SystemTriple| t.pattern.clone().unwrap_or_else(|| "-".into());
    let mut rows: BTreeMap<String, PatternRow> = BTreeMap::new();
    for (i, v) in score(gold, triples).verdicts {
        let r = rows.entry(name(&triples[i])).or_default();
        r.triples += 1;
        r.correct += (v == Verdict::Correct) as usize;
    }
    for (doc, facts) in gold {
        for f in facts.iter().filter(|f| !f.optional) {
            let pats: BTreeSet<String> = triples
                .iter()
                .filter(|t| &t.doc == doc && f.matches(t) && t.negated == f.negated)
                .map(name)
                .collect();
            for p in pats {
                rows.entry(p).or_default().found += 1;
            }
        }
    }
    let mut out: Vec<PatternRow> = rows
        .into_iter()
        .map(|(p, r)| PatternRow { pattern: p, ..r })
        .collect();
    out.sort_by(|a, b| b.triples.cmp(&a.triples).then(a.pattern.cmp(&b.pattern)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn normalisation_follows_the_reference_scorer() {
        assert_eq!(stem("warned"), "warn");
        assert_eq!(stem("parties"), "party");
        assert_eq!(stem("invasions"), "invasion");
        assert_eq!(stem("met"), "met");
        assert_eq!(stem("uses"), "use");
        assert_eq!(norm_entity("The U.S.'s"), "u s");
        assert_eq!(norm_entity("NATO’s"), "nato");
        assert_eq!(norm_entity("the  Jean-Marie Le Pen"), "jean marie le pen");
        assert_eq!(words("Secretary of State"), ["secretary", "of", "stat"]);
        assert_eq!(doc_key("x/y/a.facts.tsv"), "a");
        assert_eq!(doc_key("a.txt"), "a");
    }

    fn gold(text: &str) -> Gold {
        let mut g = Gold::new();
        g.insert(
            "a".into(),
            parse_gold("a.facts.tsv", text, Path::new("a")).unwrap(),
        );
        g
    }

    fn t(s: &str, p: &str, o: &str, neg: bool) -> SystemTriple {
        SystemTriple::new("a.txt", s, &[], p, o, &[], neg)
    }

    #[test]
    fn aliases_stems_symmetry_options_and_polarity() {
        let g = gold(
            "# comment\nJens Stoltenberg|Stoltenberg\twarn\tChina\t\n\
             Biden|Joe Biden\tmeet|talk\tXi\tsym\n\
             NATO\tsupply\tUkraine\tneg\n\
             Oslo\tin\tNorway\topt\n",
        );
        let triples = [
            t("Stoltenberg", "warned", "China", false), // correct
            t("Xi", "meets with", "Biden", false),      // correct (sym)
            t("NATO", "supplies", "Ukraine", false),    // polarity error
            t("Oslo", "located in", "Norway", false),   // correct (optional)
            t("China", "warn", "Stoltenberg", false),   // extra (not sym)
        ];
        let s = score(&g, &triples);
        assert_eq!(
            s.scores,
            FactScores {
                documents: 1,
                required: 3,
                found: 2,
                system: 5,
                correct: 3,
                polarity_errors: 1
            }
        );
        assert_eq!(s.missed.len(), 1);
        assert!(s.missed[0].contains("NATO"));
        assert!(s
            .scores
            .report()
            .ends_with("recall 0.667 precision 0.600 f1 0.632 polarity_errors 1\n"));
    }

    #[test]
    fn a_miss_says_whether_a_candidate_was_below_the_minimum_related_the_two_otherwise_or_none() {
        let g = gold("A\twarn\tB\t\nA\tmeet\tC\t\nA\tvisit\tD\t\nA\tpraise\tE\t\n");
        let with = |mut x: SystemTriple, c: f32| {
            x.confidence = c;
            x
        };
        let candidates = [
            with(t("A", "warn", "B", false), 0.9),
            with(t("A", "meet with", "C", false), 0.2),
            with(t("A", "meet", "C", false), 0.3),
            with(t("A", "leave", "D", false), 0.7),
            with(t("A", "praise", "F", false), 0.9),
        ];
        let scored: Vec<SystemTriple> = candidates
            .iter()
            .filter(|x| x.confidence >= 0.5)
            .cloned()
            .collect();
        let m = missed_with_reasons(&g, &scored, &candidates);
        let why: Vec<&Miss> = m.iter().map(|(_, w)| w).collect();
        assert_eq!(
            why,
            [
                &Miss::Below(0.3, "meet".into()),
                &Miss::OtherPredicate("leave".into()),
                &Miss::Unrelated
            ]
        );
        assert!(m[0].0.contains("meet"));
        // the misses are score()'s
        assert_eq!(m.len(), score(&g, &scored).missed.len());
    }

    #[test]
    fn a_bad_gold_line_names_file_and_line() {
        let e = parse_gold("a.facts.tsv", "x\ty\n", Path::new("a.facts.tsv")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.facts.tsv:1: expected at least 3 tab-separated columns"
        );
    }

    #[test]
    fn patterns_are_counted_apart() {
        let g = gold("A\twarn\tB\t\n");
        let mut a = t("A", "warn", "B", false);
        a.pattern = Some("verb".into());
        let mut b = t("A", "warn", "C", false);
        b.pattern = Some("verb".into());
        let mut c = t("A", "warn", "B", false);
        c.pattern = Some("path".into());
        let rows = by_pattern(&g, &[a, b, c]);
        assert_eq!(rows[0].pattern, "verb");
        assert_eq!((rows[0].triples, rows[0].correct, rows[0].found), (2, 1, 1));
        assert_eq!((rows[1].triples, rows[1].correct, rows[1].found), (1, 1, 1));
    }
}
