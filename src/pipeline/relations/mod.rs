//! Relations between entities: verb relations read off the clause layer ("Blinken warned China",
//! "supplying arms to Russia"), roles from titles ("Secretary General of NATO"), event nouns
//! ("Russia's invasion of Ukraine", "supplies from China to Russia"); each with negation, hedging
//! and attribution (reported speech and quotations).
use crate::doc::Dep;
use crate::lexicon::{VerbClass, WordClass};
mod appositions;
mod events;
mod nominals;
mod parties;
mod roles;
mod speech;
mod verbs;

use super::clauses;
use super::units::{chunk, Kind, Unit};
use crate::doc::{Document, Entity, EntityType, MentionSource, Pos, Relation};
use crate::lexicon::{self, Lexicon};
pub(crate) use speech::quote_speakers;

/// An argument of a relation: an entity, and why it was chosen when that was not its own name.
#[derive(Debug, Clone)]
struct Arg {
    entity: usize,
    reason: Option<String>,
    /// Whether it was found through a pronoun, a conjunct or a quote.
    indirect: bool,
}

/// Polarity, modality and attribution of a relation.
#[derive(Clone, Copy)]
struct Flags {
    negated: bool,
    hedged: bool,
    attributed: Option<usize>,
}

struct Ctx<'a> {
    lx: &'a Lexicon,
    s: usize,
    units: Vec<Unit>,
    speaker: Option<usize>,
    out: Vec<Relation>,
    /// First token of the sentence, the mention covering each of its tokens, and its parse.
    start: usize,
    mention_at: Vec<Option<usize>>,
    /// For each mention, the first mention whose title belongs to it (the person of "NATO
    /// Secretary General Jens Stoltenberg" for NATO).
    title_holder: &'a [Option<usize>],
    tree: std::rc::Rc<clauses::Tree>,
    /// The article's country and owned titles, for roles.
    roles: std::rc::Rc<roles::RoleContext>,
}

impl Ctx<'_> {
    /// "the company", "the alliance": the one organisation named in this sentence before the
    /// noun or in the two sentences before; none when two or more were named there.
    fn org_anaphor(&self, doc: &Document, i: usize, lower: &str) -> Option<Arg> {
        let lemma = doc.lemma(i);
        if doc.tokens[i].pos != Pos::NOUN
            || !self.lx.in_class(WordClass::OrgAnaphor, &lemma)
            || i == 0
            || !doc.token_text(i - 1).eq_ignore_ascii_case("the")
        {
            return None;
        }
        let near = doc.mentions_in(self.s.saturating_sub(2)).start..doc.mentions_in(self.s).end;
        let mut orgs: Vec<usize> = doc.mentions[near]
            .iter()
            .filter(|m| {
                m.sentence + 2 >= self.s
                    && (m.sentence < self.s || m.tokens.end <= i)
                    && m.kind == EntityType::ORG
            })
            .filter_map(|m| m.entity)
            .filter(|&e| doc.entities[e].kind == EntityType::ORG)
            .collect();
        orgs.sort_unstable();
        orgs.dedup();
        match orgs[..] {
            [e] => Some(via(
                e,
                format!(
                    "\"the {lower}\" refers to {}, the one organisation named before it",
                    doc.entities[e].name
                ),
            )),
            _ => None,
        }
    }

    /// The entity a token stands for: the mention it is part of (the titled person when the
    /// token is the title's organisation: "U.S. Secretary of State Antony Blinken warned"), or a
    /// pronoun's antecedent. Empty when it stands for none.
    fn args(&self, doc: &Document, i: usize) -> Vec<Arg> {
        let direct = self.mention_args(doc, i);
        if !direct.is_empty() {
            return direct;
        }
        if let Some(a) = self.named_after(doc, i) {
            return vec![a];
        }
        if doc.tokens[i].pos != Pos::NOUN {
            return direct;
        }
        // "the town of Manbij": a place noun stands for the place its "of" names; "the Trump
        // administration": a group noun stands for the name in front of it
        let lemma = doc.lemma(i);
        let place = self.lx.in_class(WordClass::PlaceNoun, &lemma);
        // "the Trump administration", "the Law and Justice party", "the Fox News program"
        // ("members" of a party act for it; "a party member" is a person)
        let state = self.lx.in_class(WordClass::Group, &lemma)
            || self
                .lx
                .in_class(WordClass::Group, &doc.token_text(i).to_lowercase())
            || lemma == "administration";
        let group = state
            || self.lx.in_class(WordClass::OrgAnaphor, &lemma)
            || self.lx.in_class(WordClass::MediaNoun, &lemma);
        // a country's adjective makes its forces, government or officials act for it, not its
        // banks, firms or militias ("French banks such as BNP Paribas left" is no act of France)
        let by_demonym = |k: usize| {
            self.mention_covering(k)
                .is_some_and(|m| doc.mentions[m].source == crate::doc::MentionSource::Demonym)
        };
        let t = &self.tree;
        for &k in t.kids(i) {
            let d = doc.tokens[k].dep;
            let of = place
                && d == Dep::Nmod
                && t.with(doc, k, Dep::Case)
                    .any(|c| c < k && doc.token_text(c) == "of");
            let front = group
                && k < i
                && matches!(d, Dep::Compound | Dep::Amod | Dep::Flat)
                && (state || !by_demonym(k));
            if of || front {
                // "the ports of Lagos and Accra": a place noun stands for each place its "of"
                // names
                let named = if of { t.conjuncts(doc, k) } else { vec![k] };
                let noun = doc.token_text(i).to_lowercase();
                let out: Vec<Arg> = named
                    .into_iter()
                    .filter_map(|c| self.mention_args(doc, c).into_iter().next())
                    .map(|x| {
                        let why = format!("\"{noun}\" stands for {}", doc.entities[x.entity].name);
                        via(x.entity, why)
                    })
                    .collect();
                if !out.is_empty() {
                    return out;
                }
            }
        }
        Vec::new()
    }

    /// The person a role noun names right after it, between commas: "the president of Acme,
    /// John Smith, said", "the minister's spokesperson, Tim Wu, said" (the noun, or the last
    /// word of its "of" phrase, then a comma, then a person's name that a comma or the
    /// sentence's end closes). The parse hangs the name from the noun or from its "of" phrase,
    /// or makes it a clause of its own; the words say it either way.
    fn named_after(&self, doc: &Document, i: usize) -> Option<Arg> {
        if !matches!(doc.tokens[i].pos, Pos::NOUN | Pos::ADJ) {
            return None;
        }
        let sent = doc.sentences[self.s].tokens.clone();
        let end = sent.end;
        let mut k = i + 1;
        // "of [the] X": X a mention, or up to four words that are no comma
        if k < end && doc.token_text(k) == "of" {
            k += 1;
            let stop = (k + 5).min(end);
            while k < stop && doc.token_text(k) != "," {
                k += 1;
            }
        }
        if k + 1 >= end || doc.token_text(k) != "," {
            return None;
        }
        let m = self.mention_covering(k + 1)?;
        let men = &doc.mentions[m];
        if men.tokens.start != k + 1 || men.kind != EntityType::PER {
            return None;
        }
        let after = men.tokens.end;
        if after < end && !matches!(doc.token_text(after), "," | ".") {
            return None;
        }
        // the noun is a title, or ends one ("chief executive"): looked up last, as the words
        // around it rule out most nouns first
        let titled = self.lx.is_title(&doc.lemma(i))
            || crate::pipeline::entities::title_ending_at(doc, self.lx, sent.start, i + 1)
                .is_some();
        if !titled {
            return None;
        }
        let e = men.entity?;
        Some(via(
            e,
            format!(
                "\"{}\" is {}, named after it",
                doc.token_text(i).to_lowercase(),
                doc.entities[e].name
            ),
        ))
    }

    /// The mention covering token `i` of the sentence, if any.
    fn mention_covering(&self, i: usize) -> Option<usize> {
        self.mention_at
            .get(i.checked_sub(self.start)?)
            .copied()
            .flatten()
    }

    /// The entity of the mention covering token `i`, or of the pronoun or anaphor it is.
    fn mention_args(&self, doc: &Document, i: usize) -> Vec<Arg> {
        let Some(mut m) = self.mention_covering(i) else {
            let lower = doc.token_text(i).to_lowercase();
            // "we" and "I" in a quotation are its speaker
            if matches!(lower.as_str(), "we" | "i") {
                if let Some(e) = self.speaker {
                    return vec![via(
                        e,
                        format!("\"{lower}\" is the speaker, {}", doc.entities[e].name),
                    )];
                }
            }
            if let Some(a) = self.org_anaphor(doc, i, &lower) {
                return vec![a];
            }
            if let Some(r) = doc
                .referent(i)
                .filter(|_| self.lx.in_class(WordClass::PersonPronoun, &lower))
            {
                return vec![via(r.entity, r.reason.clone())];
            }
            return Vec::new();
        };
        if let Some(p) = self.title_holder[m] {
            m = p;
        }
        let men = &doc.mentions[m];
        let Some(e) = men.entity else {
            return Vec::new();
        };
        if men.source == MentionSource::Pronoun {
            return vec![via(
                e,
                format!(
                    "\"{}\" refers to {}",
                    doc.token_text(i).to_lowercase(),
                    doc.entities[e].name
                ),
            )];
        }
        vec![arg(e)]
    }
}

/// Pipeline stage: fills `doc.relations` (reads: tokens, tags, mentions, entities).
pub fn extract(doc: &mut Document, lx: &Lexicon) {
    extract_keeping_clauses(doc, lx);
}

/// [`extract`], returning each sentence's tree and clauses (for the candidate facts).
pub(crate) fn extract_keeping_clauses(doc: &mut Document, lx: &Lexicon) -> Vec<clauses::Parsed> {
    let mut parsed = Vec::with_capacity(doc.sentences.len());
    let speakers = quote_speakers(doc, lx);
    let role_cx = std::rc::Rc::new(roles::RoleContext::of(doc, lx));
    let mut title_holder = vec![None; doc.mentions.len()];
    for (x, men) in doc.mentions.iter().enumerate().rev() {
        if let Some(m) = men.title_of {
            title_holder[m] = Some(x);
        }
    }
    let mut all = Vec::new();
    for (s, &speaker) in speakers.iter().enumerate() {
        let r = doc.sentences[s].tokens.clone();
        let units = chunk(doc, lx, r.start, r.end);
        let mut mention_at = vec![None; r.len()];
        for m in doc.mentions_starting_in(r.clone()) {
            let men = &doc.mentions[m];
            if men.tokens.end <= r.end {
                for k in men.tokens.clone() {
                    mention_at[k - r.start] = Some(m);
                }
            }
        }
        let tree = std::rc::Rc::new(clauses::Tree::new(doc, r.start, r.end));
        let mut cx = Ctx {
            lx,
            s,
            units,
            speaker,
            out: Vec::new(),
            start: r.start,
            mention_at,
            title_holder: &title_holder,
            tree: tree.clone(),
            roles: role_cx.clone(),
        };
        let cs = clauses::clauses(doc, lx, &tree);
        roles::roles(doc, &mut cx);
        appositions::appositions(doc, &mut cx);
        parties::parties(doc, &mut cx);
        events::nominals(doc, &mut cx);
        verbs::verbs(doc, &mut cx, &tree, &cs);
        nominals::nominals(doc, &mut cx, &tree, &cs);
        all.append(&mut cx.out);
        parsed.push((tree, cs));
    }
    // one relation per (subject, predicate, object, polarity) and sentence
    all.sort_by(|a, b| {
        (a.sentence, a.subject, &a.predicate, a.object, a.negated)
            .cmp(&(b.sentence, b.subject, &b.predicate, b.object, b.negated))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    all.dedup_by(|a, b| {
        (a.sentence, a.subject, &a.predicate, a.object, a.negated)
            == (b.sentence, b.subject, &b.predicate, b.object, b.negated)
    });
    all.retain(|r| r.subject != r.object);
    doc.relations = all;
    parsed
}

fn ent_of(doc: &Document, m: usize) -> Option<usize> {
    doc.mentions[m].entity
}

fn push(
    cx: &mut Ctx,
    subj: &Arg,
    pred: String,
    obj: &Arg,
    f: Flags,
    conf: f32,
    rule: &'static str,
) {
    let Flags {
        negated: neg,
        hedged,
        attributed,
    } = f;
    let mut reasons: Vec<String> = [&subj.reason, &obj.reason]
        .iter()
        .filter_map(|r| (*r).clone())
        .collect();
    reasons.dedup();
    let mut conf = conf;
    if subj.indirect {
        conf *= 0.9;
    }
    if !reasons.is_empty() {
        conf *= 0.95;
    }
    if hedged {
        conf *= 0.9;
    }
    cx.out.push(Relation {
        subject: subj.entity,
        predicate: pred.trim().to_string(),
        object: obj.entity,
        sentence: cx.s,
        negated: neg,
        hedged,
        attributed_to: attributed.filter(|&a| a != subj.entity),
        confidence: (conf * 100.0).round() / 100.0,
        rule,
        reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
    });
}

fn arg(e: usize) -> Arg {
    Arg {
        entity: e,
        reason: None,
        indirect: false,
    }
}

/// An argument reached through another word than the entity's name (a pronoun, a noun, a
/// default), with the reason.
fn via(e: usize, reason: String) -> Arg {
    Arg {
        entity: e,
        reason: Some(reason),
        indirect: true,
    }
}

/// Finds or adds the document entity with this name.
fn entity_named(doc: &mut Document, name: &str, kind: EntityType) -> usize {
    if let Some(e) = doc.entities.iter().position(|e| e.name == name) {
        return e;
    }
    doc.entities.push(Entity {
        name: name.to_string(),
        kind,
        aliases: Vec::new(),
        mentions: 0,
        reasons: Vec::new(),
    });
    doc.entities.len() - 1
}

/// A capital city acting (as subject, or as direct object of a non-motion verb) stands for its
/// country's government: "Beijing warned ...", "warned Beijing" → China.
fn as_actor(doc: &mut Document, lx: &Lexicon, mut a: Arg, verb: Option<&str>) -> Arg {
    if verb.is_some_and(|v| lx.verb_class(v) == Some(VerbClass::Motion)) {
        return a;
    }
    let name = doc.entities[a.entity].name.clone();
    let key = lexicon::phrase_key(&name);
    if let Some(g) = lx.gazetteer(&key).filter(|g| g.capital) {
        if let Some(country) = g.country {
            a.entity = entity_named(doc, country, EntityType::GPE);
            a.reason = Some(format!(
                "{name} acts for {country} (capital as government actor)"
            ));
        }
    }
    a
}

fn unit_ent(doc: &Document, u: &Unit) -> Option<usize> {
    match u.kind {
        Kind::Ent(m) => ent_of(doc, m),
        _ => None,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::ingest::from_text;
    use crate::testing::annotate;

    /// (subject, predicate, object, negated, hedged) of every relation of a text.
    pub(crate) fn rels(text: &str) -> Vec<(String, String, String, bool, bool)> {
        let mut d = from_text("t", text);
        annotate(&mut d);
        named(&d)
    }

    /// (subject, predicate, object, negated, hedged) of every relation of an annotated document.
    fn named(d: &crate::doc::Document) -> Vec<(String, String, String, bool, bool)> {
        d.relations
            .iter()
            .map(|r| {
                (
                    d.entities[r.subject].name.clone(),
                    r.predicate.clone(),
                    d.entities[r.object].name.clone(),
                    r.negated,
                    r.hedged,
                )
            })
            .collect()
    }

    /// Whether the relations hold this (subject, predicate, object).
    pub(crate) fn has(
        rs: &[(String, String, String, bool, bool)],
        s: &str,
        p: &str,
        o: &str,
    ) -> bool {
        rs.iter().any(|r| r.0 == s && r.1 == p && r.2 == o)
    }

    /// A sentence with a hand-built parse, through the stages after the parser (entities,
    /// coreference, relations).
    pub(crate) fn extracted_from_parse(
        words: &[(&str, crate::doc::Pos, &str, u32, &'static str)],
    ) -> crate::doc::Document {
        let mut d = crate::pipeline::clauses::tests::parsed(words);
        let p = crate::testing::pipeline();
        crate::pipeline::entities::recognise(&mut d, p.models(), p.lexicon());
        crate::pipeline::coref::resolve(&mut d, p.lexicon());
        super::extract(&mut d, crate::testing::lexicon());
        d
    }

    /// The relations of a sentence with a hand-built parse (entities and coreference run as in
    /// the pipeline; the parser does not).
    pub(crate) fn rels_of_parse(
        words: &[(&str, crate::doc::Pos, &str, u32, &'static str)],
    ) -> Vec<(String, String, String)> {
        named(&extracted_from_parse(words))
            .into_iter()
            .map(|(s, p, o, _, _)| (s, p, o))
            .collect()
    }
}
