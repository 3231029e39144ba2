//! Clauses read off the dependency parse: for every predicate of a sentence, its subject
//! (its own, or shared through coordination, control, a relative clause or a participle), its
//! objects, its obliques with their prepositions, its particle, copula, voice, polarity, hedging,
//! and the clause that governs it (so reported speech can be attributed to its speaker).
//!
//! Every relation extractor reads these clauses instead of walking the parse itself. Arguments
//! are token indices (heads of phrases; each conjunct is its own argument), so extractors decide
//! for themselves what an argument stands for (an entity, a pronoun, a noun phrase).
use crate::doc::Dep;
use crate::doc::{Document, Pos};
use crate::lexicon::{Lexicon, VerbClass, WordClass};

mod repair;
mod tree;
use repair::{repair_adjacent_subjects, repair_gerund_objects, repair_parenthetical_obliques};
pub use repair::{
    repair_age_of, repair_comma_conjuncts, repair_conj_tense, repair_sibling_appositions,
};
pub use tree::Tree;

/// How a clause hangs from the clause that governs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// The sentence's main clause.
    Root,
    /// A coordinated verb: "said ... and warned".
    Conj,
    /// A controlled complement: "wants to meet", "is considering supplying".
    Xcomp,
    /// A finite complement: "said (that) ...".
    Ccomp,
    /// An adverbial clause: "..., saying ...".
    Advcl,
    /// A relative clause: "X, who visited Y".
    Relcl,
    /// A participle modifying a noun: "troops stationed in Syria".
    Acl,
    /// A clause loosely attached: "..., he said".
    Parataxis,
    /// Anything else (a clause inside a noun phrase's modifier, a subject clause).
    Other,
}

impl Link {
    fn of(dep: Dep) -> Link {
        match dep.base() {
            Dep::Root => Link::Root,
            Dep::Conj => Link::Conj,
            Dep::Xcomp => Link::Xcomp,
            Dep::Ccomp => Link::Ccomp,
            Dep::Advcl => Link::Advcl,
            Dep::Acl if dep == Dep::AclRelcl => Link::Relcl,
            Dep::Acl => Link::Acl,
            Dep::Parataxis => Link::Parataxis,
            _ => Link::Other,
        }
    }
}

/// How a clause's subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectVia {
    /// Its own `nsubj`.
    Own,
    /// Shared from the clause it is coordinated with or complements.
    Shared,
    /// The noun a relative clause or participle modifies.
    Modified,
    /// No subject.
    None,
}

/// An oblique argument: a preposition (possibly after a particle) and the argument's head token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oblique {
    /// Lower-case preposition ("to", "out of"); empty when the parse gave none.
    pub prep: String,
    /// The argument's head token.
    pub token: usize,
}

/// A sentence's tree and clauses, as the relations found them: the candidate facts read them
/// again (the parse does not change between the two stages).
pub type Parsed = (std::rc::Rc<Tree>, Vec<Clause>);

/// One clause: a predicate and its arguments (document token indices).
#[derive(Debug, Clone)]
pub struct Clause {
    /// The predicate's head token: the verb, or the predicate noun or adjective of a copula.
    pub head: usize,
    /// Lemma of the verb ("pull"); "be" for a copula.
    pub lemma: String,
    /// Particle of a phrasal verb ("out" in "pulled out of").
    pub particle: Option<String>,
    /// Whether the predicate is a noun or adjective with a copula ("X is the chairman of Y").
    pub copula: bool,
    /// Subject heads, conjuncts expanded.
    pub subjects: Vec<usize>,
    /// How the subject was found.
    pub subject_via: SubjectVia,
    /// Whether the verb is passive.
    pub passive: bool,
    /// Direct objects (`obj`), conjuncts expanded.
    pub objects: Vec<usize>,
    /// Indirect objects (`iobj`: "told Reuters").
    pub iobjects: Vec<usize>,
    /// Obliques with their prepositions, conjuncts expanded; a passive's agent has "by".
    pub obliques: Vec<Oblique>,
    /// "not", "never", "n't" on the predicate or a governing complement-taking verb.
    pub negated: bool,
    /// A modal (may, would), a hedge adverb (reportedly), or a governing hedge verb (consider).
    pub hedged: bool,
    /// The clause that governs this one, and how.
    pub parent: Option<usize>,
    /// How the parent governs it.
    pub link: Link,
}

impl Clause {
    /// The predicate lemma with its particle: "pull out".
    pub fn verb_phrase(&self) -> String {
        match &self.particle {
            Some(p) => format!("{} {p}", self.lemma),
            None => self.lemma.clone(),
        }
    }
}

/// Coarse tense class of a verb form, used to pair coordinated verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Past,
    Gerund,
    Other,
}

fn form_of(doc: &Document, i: usize) -> Form {
    let lower = doc.token_text(i).to_lowercase();
    if lower.ends_with("ing") {
        Form::Gerund
    } else if lower.ends_with("ed")
        || matches!(
            lower.as_str(),
            "said" | "told" | "met" | "made" | "took" | "gave" | "sent" | "held" | "left" | "won"
        )
    {
        Form::Past
    } else {
        Form::Other
    }
}

/// The lemma of a verb token, by rule when the tagger gave none.
fn verb_lemma(doc: &Document, lx: &Lexicon, i: usize) -> String {
    match &doc.tokens[i].lemma {
        Some(l) => l.to_string(),
        None => crate::pipeline::tagger::verb_lemma(lx, &doc.token_text(i).to_lowercase()),
    }
}

/// Whether token `h` heads a clause: a verb, or a noun/adjective with a copula and a subject.
fn is_predicate(doc: &Document, t: &Tree, h: usize) -> bool {
    let tok = &doc.tokens[h];
    match tok.pos {
        Pos::VERB => true,
        Pos::NOUN | Pos::PROPN | Pos::ADJ | Pos::PRON | Pos::NUM => {
            t.with(doc, h, Dep::Cop).next().is_some() && t.with(doc, h, Dep::Nsubj).next().is_some()
        }
        _ => false,
    }
}

/// The clauses of the sentence whose tree is `t`, in the order of their heads; parents come before children when
/// the parse is a tree.
pub fn clauses(doc: &Document, lx: &Lexicon, t: &Tree) -> Vec<Clause> {
    let r = t.range();
    if r.is_empty() || doc.tokens[r.clone()].iter().all(|t| t.dep == Dep::None) {
        return Vec::new();
    }
    let heads: Vec<usize> = r.clone().filter(|&h| is_predicate(doc, t, h)).collect();
    let mut out: Vec<Clause> = heads.iter().map(|&h| own_clause(doc, lx, t, h)).collect();
    link_parents(doc, t, &heads, &mut out);
    repair_gerund_objects(doc, lx, t, &mut out);
    repair_adjacent_subjects(doc, lx, t, &mut out);
    repair_parenthetical_obliques(doc, t, &mut out);
    // subjects that are shared or modified, resolved in head order a few times so chains settle
    for _ in 0..3 {
        for c in 0..out.len() {
            if out[c].subjects.is_empty() {
                share_subject(doc, lx, t, &mut out, c);
            }
        }
    }
    relative_pronoun_subjects(doc, lx, t, &mut out);
    carry_polarity(doc, lx, t, &mut out);
    out
}

/// Each clause's parent (the nearest predicate above) and how it hangs from it.
fn link_parents(doc: &Document, t: &Tree, heads: &[usize], out: &mut [Clause]) {
    let index = |h: usize| heads.iter().position(|&x| x == h);
    for (c, &h) in heads.iter().enumerate() {
        let mut up = t.head(doc, h);
        let mut link = Link::of(doc.tokens[h].dep);
        let mut steps = 0;
        while let Some(u) = up {
            if let Some(p) = index(u) {
                out[c].parent = Some(p);
                break;
            }
            // a relative clause or participle keeps its link through the noun it modifies;
            // a complement or conjunct of a non-predicate does not
            if !matches!(link, Link::Relcl | Link::Acl) {
                link = Link::Other;
            }
            up = t.head(doc, u);
            steps += 1;
            if steps > 12 {
                break;
            }
        }
        out[c].link = if out[c].parent.is_some() {
            link
        } else {
            Link::Root
        };
    }
}

/// The subject a subjectless clause `c` takes from the clause above: shared by a coordinated
/// verb or a complement (or its controlling object), by a participle or adjunct, or the noun a
/// relative clause or participle modifies.
fn share_subject(doc: &Document, lx: &Lexicon, t: &Tree, out: &mut [Clause], c: usize) {
    let Some(p) = out[c].parent else { return };
    let h = out[c].head;
    match out[c].link {
        Link::Conj | Link::Xcomp => {
            // a coordinated verb of another tense belongs higher up: "said ... that China
            // is considering ... and warned Beijing" (warned goes with said)
            let mut p = p;
            if out[c].link == Link::Conj {
                let mut k = p;
                for _ in 0..4 {
                    if form_of(doc, out[k].head) == form_of(doc, h)
                        || form_of(doc, h) == Form::Other
                    {
                        p = k;
                        break;
                    }
                    match out[k].parent {
                        Some(q) => k = q,
                        None => break,
                    }
                }
            }
            // "ordered X to leave": an object controls the complement
            let controller = if out[c].link == Link::Xcomp {
                out[p].objects.first().copied()
            } else {
                None
            };
            let subj = match controller {
                Some(o) => vec![o],
                None => out[p].subjects.clone(),
            };
            if !subj.is_empty() {
                if out[c].link == Link::Conj && out[p].passive && !out[c].passive {
                    // "was arrested and charged": the voice carries over
                    out[c].passive = doc.tokens[h].pos == Pos::VERB
                        && form_of(doc, h) == Form::Past
                        && t.with(doc, h, Dep::Obj).next().is_none();
                }
                out[c].subjects = subj;
                out[c].subject_via = SubjectVia::Shared;
            }
        }
        // "when elected in 2001": a subjectless participle after a conjunction is
        // passive, with the subject of its clause
        Link::Advcl
            if form_of(doc, h) == Form::Past
                && doc.tokens[h].pos == Pos::VERB
                && t.with(doc, h, Dep::Aux).next().is_none()
                && t.kids(h).iter().any(|&m| {
                    matches!(doc.tokens[m].dep, Dep::Mark | Dep::Advmod)
                        && m < h
                        && lx.in_class(WordClass::Subordinator, &doc.token_text(m).to_lowercase())
                }) =>
        {
            out[c].subjects = out[p].subjects.clone();
            if !out[c].subjects.is_empty() {
                out[c].subject_via = SubjectVia::Shared;
                out[c].passive = true;
            }
        }
        // "voted to elect Y", "after meeting Y": a subjectless infinitive or gerund
        // adjunct has the subject of its clause (not when the clause above has an
        // object: "saw plans to end the war" is an infinitive of the noun, often hung
        // from the verb by the parse)
        Link::Advcl
            if !purpose(doc, t, h) && t.with(doc, h, Dep::Mark).next().is_none()
                || purpose(doc, t, h) && out[p].objects.is_empty()
                || form_of(doc, h) == Form::Gerund
                    // "by sitting President Trump": a title's modifier, not a verb
                    && !lx.in_class(
                        WordClass::TitleModifier,
                        &doc.token_text(h).to_lowercase(),
                    )
                    && !t.with(doc, h, Dep::Mark).any(|m| {
                        // "withdrew from using X", "left without meeting Y",
                        // "voted against confirming Z" do not state the gerund
                        lx.in_class(
                            WordClass::GerundBlocker,
                            &doc.token_text(m).to_lowercase(),
                        )
                    }) =>
        {
            out[c].subjects = out[p].subjects.clone();
            if !out[c].subjects.is_empty() {
                out[c].subject_via = SubjectVia::Shared;
            }
        }
        Link::Relcl | Link::Acl => {
            if let Some(n) = t.head(doc, h) {
                // a relative pronoun as object ("the deal that X signed") is not the subject
                let rel_obj = t.with(doc, h, Dep::Obj).any(|o| {
                    lx.in_class(WordClass::RelativeObject, &doc.token_text(o).to_lowercase())
                });
                if !rel_obj {
                    out[c].subjects = t.conjuncts(doc, n);
                    out[c].subject_via = SubjectVia::Modified;
                    if out[c].link == Link::Acl && form_of(doc, h) == Form::Past {
                        out[c].passive = true;
                    }
                }
            }
        }
        _ => {}
    }
}

/// A relative pronoun subject stands for the noun it modifies: "X, who visited Y".
fn relative_pronoun_subjects(doc: &Document, lx: &Lexicon, t: &Tree, out: &mut [Clause]) {
    for c in out.iter_mut() {
        if c.link == Link::Relcl && c.subject_via == SubjectVia::Own {
            let rel = c.subjects.iter().any(|&s| {
                lx.in_class(
                    WordClass::RelativeSubject,
                    &doc.token_text(s).to_lowercase(),
                )
            });
            if rel {
                if let Some(n) = t.head(doc, c.head) {
                    c.subjects = t.conjuncts(doc, n);
                    c.subject_via = SubjectVia::Modified;
                }
            }
        }
    }
}

/// Polarity and modality carry down control chains ("did not agree to supply", "plans to
/// visit"): a complement of a hedge verb is hedged, and a finite complement of a denial verb
/// negated ("denied that he met X").
fn carry_polarity(doc: &Document, lx: &Lexicon, t: &Tree, out: &mut [Clause]) {
    // "denied that he made any deal": what a denial verb's complement states is denied (unless
    // the denial is itself negated: "did not deny that ...")
    for c in 0..out.len() {
        if out[c].link != Link::Ccomp {
            continue;
        }
        if let Some(p) = out[c].parent {
            if lx.in_class(WordClass::DenialVerb, &out[p].lemma) && !out[p].negated {
                out[c].negated = true;
            }
        }
    }
    for c in 0..out.len() {
        let mut k = c;
        for _ in 0..4 {
            let purpose_of = out[k].link == Link::Advcl && purpose(doc, t, out[k].head);
            if out[k].link != Link::Xcomp && !purpose_of {
                break;
            }
            let Some(p) = out[k].parent else { break };
            out[c].negated |= out[p].negated;
            out[c].hedged |= out[p].hedged
                || matches!(
                    lx.verb_class(&out[p].lemma),
                    Some(VerbClass::Hedge | VerbClass::Request)
                );
            k = p;
        }
    }
}

/// Whether predicate `h` is an infinitive of purpose: "voted to elect".
fn purpose(doc: &Document, t: &Tree, h: usize) -> bool {
    let mut marks = t.with(doc, h, Dep::Mark).peekable();
    marks.peek().is_some() && marks.all(|m| doc.token_text(m).eq_ignore_ascii_case("to"))
}

/// The clause of predicate `h` with only what the parse gives it directly.
fn own_clause(doc: &Document, lx: &Lexicon, t: &Tree, h: usize) -> Clause {
    let copula = doc.tokens[h].pos != Pos::VERB;
    let lemma = if copula {
        "be".to_string()
    } else {
        verb_lemma(doc, lx, h)
    };
    let mut c = Clause {
        head: h,
        lemma,
        particle: None,
        copula,
        subjects: Vec::new(),
        subject_via: SubjectVia::None,
        passive: false,
        objects: Vec::new(),
        iobjects: Vec::new(),
        obliques: Vec::new(),
        negated: false,
        hedged: false,
        parent: None,
        link: Link::Other,
    };
    for &k in t.kids(h) {
        let dep = doc.tokens[k].dep;
        let lower = doc.token_text(k).to_lowercase();
        match dep.base() {
            Dep::Nsubj => {
                c.subjects.extend(t.conjuncts(doc, k));
                c.subject_via = SubjectVia::Own;
                if dep == Dep::NsubjPass {
                    c.passive = true;
                }
            }
            Dep::Obj => c.objects.extend(t.conjuncts(doc, k)),
            Dep::Iobj => c.iobjects.extend(t.conjuncts(doc, k)),
            // "Speaking to Agence France-Presse" parsed with the preposition as the oblique and
            // the name as its object: the name is the oblique
            Dep::Obl if doc.tokens[k].pos == Pos::ADP => {
                if let Some(o) = t
                    .kids(k)
                    .iter()
                    .copied()
                    .find(|&o| o > k && doc.tokens[o].dep.is(Dep::Obj))
                {
                    c.obliques.push(Oblique {
                        prep: lower.clone(),
                        token: o,
                    });
                }
            }
            Dep::Obl => {
                let prep = preposition(doc, t, k);
                for a in t.conjuncts(doc, k) {
                    c.obliques.push(Oblique {
                        prep: prep.clone(),
                        token: a,
                    });
                }
            }
            Dep::Compound if dep == Dep::CompoundPrt => c.particle = Some(lower),
            Dep::Aux => {
                if dep == Dep::AuxPass {
                    c.passive = true;
                }
                if lx.in_class(WordClass::ModalHedge, &lower) {
                    c.hedged = true;
                }
            }
            Dep::Advmod if lx.in_class(WordClass::Negation, &lower) => c.negated = true,
            Dep::Advmod if lx.in_class(WordClass::HedgeAdv, &lower) => c.hedged = true,
            _ => {}
        }
    }
    // a passive subject with a direct object and no passive auxiliary is a parse error: the
    // clause is active ("Turkey, which has banned the PKK")
    if c.passive && !c.objects.is_empty() && t.with(doc, h, Dep::AuxPass).next().is_none() {
        c.passive = false;
    }
    // "was elected Speaker by the House": the agent the parse hung on the predicate noun
    if c.passive && !c.obliques.iter().any(|o| o.prep == "by") {
        let objects = c.objects.clone();
        for o in objects {
            for k in t.with(doc, o, Dep::Nmod) {
                if preposition(doc, t, k) == "by" {
                    c.obliques.push(Oblique {
                        prep: "by".to_string(),
                        token: k,
                    });
                }
            }
        }
    }
    c
}

/// The preposition of an oblique or nominal modifier: its `case` children joined ("out of",
/// "according to"), lower case; empty when there is none.
pub fn preposition(doc: &Document, t: &Tree, o: usize) -> String {
    let parts: Vec<String> = t
        .with(doc, o, Dep::Case)
        .filter(|&c| c < o && doc.token_text(c) != "'s")
        .map(|c| doc.token_text(c).to_lowercase())
        .collect();
    parts.join(" ")
}

#[cfg(test)]
pub(crate) mod tests;
