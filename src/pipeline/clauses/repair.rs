//! Repairs of the parse that the clause layer makes from word order: a name right before a
//! finite verb with no subject, a relative pronoun the parse did not read as one, a gerund
//! after a hedge verb read as an adjective, and a phrase between commas after the subject read
//! as the subject's modifier; and, on the document itself, a name and an indefinite phrase set off
//! by a comma read as coordinated ("a Republican, Mark Amodei,"): an apposition; and the "of"
//! phrase after a person's age ("Ulf Merbold, 47, of the European Space Agency"): the person's.
use super::{form_of, preposition, Clause, Form, Link, Oblique, SubjectVia, Tree};
use crate::doc::{Dep, Document, EntityType, Pos};
use crate::lexicon::{Lexicon, VerbClass, WordClass};

/// Two parse errors that leave a finite verb without its subject, mended from word order:
/// - a name right before the verb that the parse attached elsewhere ("came days after U.S.
///   Secretary of State Antony Blinken warned China", with "Blinken" read as a modifier of
///   "days"): the name is the subject;
/// - a relative pronoun subject in a clause the parse did not read as relative ("..., with
///   Pedro Sanchez, who is visiting the capital"): the name before the pronoun is the subject.
pub(super) fn repair_adjacent_subjects(doc: &Document, lx: &Lexicon, t: &Tree, out: &mut [Clause]) {
    let sentence_start = t.start;
    let mention_ending = |end: usize| {
        doc.mentions[doc.mentions_starting_in(sentence_start..end)]
            .iter()
            .find(|m| m.tokens.end == end)
            .map(|m| m.tokens.end - 1)
    };
    for c in out.iter_mut() {
        let h = c.head;
        if c.copula {
            continue;
        }
        if c.subjects.is_empty()
            && matches!(c.link, Link::Advcl | Link::Ccomp | Link::Root | Link::Other)
        {
            let lower = doc.token_text(h).to_lowercase();
            let finite = !lower.ends_with("ing")
                && (h == 0 || !doc.token_text(h - 1).eq_ignore_ascii_case("to"))
                && form_of(doc, h) != Form::Gerund;
            // skip auxiliaries and adverbs between the name and the verb ("Blinken has warned")
            let mut k = h;
            // (not over a subordinator: "moved to Berlin when elected")
            while k > sentence_start
                && matches!(doc.tokens[k - 1].pos, Pos::AUX | Pos::ADV | Pos::PART)
                && !lx.in_class(
                    WordClass::Subordinator,
                    &doc.token_text(k - 1).to_lowercase(),
                )
            {
                k -= 1;
            }
            if finite && k > sentence_start {
                if let Some(s) = mention_ending(k) {
                    c.subjects = vec![s];
                    c.subject_via = SubjectVia::Own;
                }
            }
        }
        if c.link != Link::Relcl && c.subject_via == SubjectVia::Own && c.subjects.len() == 1 {
            let s = c.subjects[0];
            let rel = matches!(doc.token_text(s).to_lowercase().as_str(), "who" | "which");
            let mut k = s;
            while k > sentence_start && doc.tokens[k - 1].pos == Pos::PUNCT {
                k -= 1;
            }
            if rel && k > sentence_start && k < s {
                if let Some(a) = mention_ending(k) {
                    c.subjects = vec![a];
                    c.subject_via = SubjectVia::Modified;
                }
            }
        }
    }
}

/// "is considering supplying arms to Russia" is often parsed with "supplying" as an adjective of
/// "arms": the gerund after a hedge verb becomes the clause's verb, taking its object and
/// obliques, with the hedge verb as its governing clause.
pub(super) fn repair_gerund_objects(doc: &Document, lx: &Lexicon, t: &Tree, out: &mut Vec<Clause>) {
    let n = out.len();
    for c in 0..n {
        if lx.verb_class(&out[c].lemma) != Some(VerbClass::Hedge) {
            continue;
        }
        let h = out[c].head;
        let Some(&o) = out[c].objects.first() else {
            continue;
        };
        let Some(g) = t
            .kids(o)
            .iter()
            .copied()
            .find(|&k| k == h + 1 && doc.token_text(k).to_lowercase().ends_with("ing"))
        else {
            continue;
        };
        let lemma = crate::pipeline::tagger::verb_lemma(lx, &doc.token_text(g).to_lowercase());
        if !lx.is_lemma(Pos::VERB, &lemma) {
            continue;
        }
        let obliques = std::mem::take(&mut out[c].obliques);
        let objects = std::mem::take(&mut out[c].objects);
        out.push(Clause {
            head: g,
            lemma,
            particle: None,
            copula: false,
            subjects: Vec::new(),
            subject_via: SubjectVia::None,
            passive: false,
            objects,
            iobjects: Vec::new(),
            obliques,
            negated: false,
            hedged: false,
            parent: Some(c),
            link: Link::Xcomp,
        });
    }
}

/// "Cruz, in remarks to ABC, said": a prepositional phrase set off by a comma right after the
/// subject and before the verb modifies the verb, not the subject (the parse often hangs it
/// from the subject).
pub(super) fn repair_parenthetical_obliques(doc: &Document, t: &Tree, out: &mut [Clause]) {
    for c in out.iter_mut() {
        if c.copula || c.subject_via != SubjectVia::Own {
            continue;
        }
        let mut add = Vec::new();
        for &s in &c.subjects {
            for &k in t.kids(s) {
                if k < s || k > c.head || !matches!(doc.tokens[k].dep, Dep::Nmod | Dep::Appos) {
                    continue;
                }
                let Some(case) = t.with(doc, k, Dep::Case).find(|&x| x < k) else {
                    continue;
                };
                if case > t.start && doc.token_text(case - 1) == "," {
                    add.push(Oblique {
                        prep: preposition(doc, t, k),
                        token: k,
                    });
                }
            }
        }
        c.obliques.extend(add);
    }
}

/// The tokens of sentence `s` the parse made conjuncts (`conj`), with the sentence's tree; None
/// when it has none (no tree is built then).
fn conjuncts(doc: &Document, s: usize) -> Option<(Tree, Vec<usize>)> {
    let r = doc.sentences[s].tokens.clone();
    let ds: Vec<usize> = r
        .clone()
        .filter(|&i| doc.tokens[i].dep == Dep::Conj)
        .collect();
    (!ds.is_empty()).then(|| (Tree::new(doc, r.start, r.end), ds))
}

/// A parse error of the document's tokens mended before the relations read them: a name and an
/// indefinite noun phrase set off by a comma, read as coordinated with no "and" ("a Republican,
/// Mark Amodei, said"; "Mark Amodei, a Republican, said"; "Sun Hung Kai Properties, a Hong Kong
/// construction firm, bought ..."), are an apposition; the second is relabelled `appos`. Reads
/// the mentions (one of the two must be a person's or an organisation's name).
pub fn repair_comma_conjuncts(doc: &mut Document) {
    for s in 0..doc.sentences.len() {
        // the sentence's mentions only (a search, not a walk over the document's)
        let name_at = |doc: &Document, i: usize| {
            doc.mentions[doc.mentions_in(s)].iter().any(|m| {
                matches!(m.kind, EntityType::PER | EntityType::ORG) && m.tokens.contains(&i)
            })
        };
        let Some((t, conjuncts)) = conjuncts(doc, s) else {
            continue;
        };
        let mut fix = Vec::new();
        for d in conjuncts {
            let Some(h) = t.head(doc, d) else { continue };
            if h >= d || t.has_coordinator(doc, d) {
                continue;
            }
            // the left edge of d's phrase follows a comma
            let first = (h + 1..d)
                .filter(|&k| doc.tokens[k].pos != Pos::PUNCT)
                .find(|&k| t.reaches(doc, k, d, 6))
                .unwrap_or(d);
            if first == 0 || doc.token_text(first - 1) != "," {
                continue;
            }
            let indefinite = |x: usize| {
                t.kids(x).iter().any(|&k| {
                    doc.tokens[k].dep == Dep::Det
                        && matches!(doc.token_text(k).to_lowercase().as_str(), "a" | "an")
                })
            };
            if (name_at(doc, h) && indefinite(d)) || (name_at(doc, d) && indefinite(h)) {
                fix.push(d);
            }
        }
        for d in fix {
            doc.tokens[d].dep = Dep::Appos;
        }
    }
}

/// A parse error of the document's tokens mended before the relations read them: an indefinite
/// noun phrase set off by a comma right after a name, hung by the parse from the name's own head
/// as a second argument with no preposition ("reducing mortality in Madagascar, an island nation
/// in the Indian Ocean": "nation" an oblique of "reducing"), is the name's apposition: it is
/// hung from the name, `appos`.
pub fn repair_sibling_appositions(doc: &mut Document) {
    for s in 0..doc.sentences.len() {
        let ms = doc.mentions_in(s);
        if ms.is_empty() {
            continue;
        }
        let r = doc.sentences[s].tokens.clone();
        let t = Tree::new(doc, r.start, r.end);
        let mut fix = Vec::new();
        for m in &doc.mentions[ms] {
            let b = m.tokens.end;
            if b + 2 >= r.end || doc.token_text(b) != "," {
                continue;
            }
            let name = crate::pipeline::anaphora::head_of(doc, m.tokens.clone());
            let Some(h) = t.head(doc, name) else { continue };
            // the phrase after the comma: "a"/"an" and its noun, which hangs from the name's head
            if !matches!(doc.token_text(b + 1).to_lowercase().as_str(), "a" | "an") {
                continue;
            }
            let Some(d) = doc.tokens[b + 1].head.map(|x| x as usize) else {
                continue;
            };
            let sibling = d > b + 1
                && t.head(doc, d) == Some(h)
                && matches!(doc.tokens[d].dep.base(), Dep::Obl | Dep::Obj)
                && doc.tokens[d].pos == Pos::NOUN
                && !t.kids(d).iter().any(|&k| doc.tokens[k].dep == Dep::Case);
            if sibling {
                fix.push((d, name));
            }
        }
        for (d, name) in fix {
            doc.tokens[d].head = Some(name as u32);
            doc.tokens[d].dep = Dep::Appos;
        }
    }
}

/// A parse error of the document's tokens mended before the relations read them: the "of"
/// phrase after a person's name and age between commas ("Ulf Merbold, 47, of the European Space
/// Agency, was chosen"; "Tom Hale, 52, of Lubbock, Texas") is the person's, where the parse hung
/// it elsewhere (a conjunct of the name, or the verb's subject). The phrase's noun becomes an
/// `nmod` of the name's head; a subject the phrase took from the name goes back to the name.
pub fn repair_age_of(doc: &mut Document) {
    let mut fix: Vec<(usize, usize)> = Vec::new();
    for s in 0..doc.sentences.len() {
        let end = doc.sentences[s].tokens.end;
        for m in &doc.mentions[doc.mentions_in(s)] {
            let e = m.tokens.end;
            if m.kind != EntityType::PER
                || e + 4 >= end
                || doc.token_text(e) != ","
                || doc.tokens[e + 1].pos != Pos::NUM
                || doc.token_text(e + 2) != ","
                || !doc.token_text(e + 3).eq_ignore_ascii_case("of")
            {
                continue;
            }
            // the name's head word (its head lies outside the name), and the "of" phrase's noun
            let head = crate::pipeline::anaphora::head_of(doc, m.tokens.clone());
            let Some(noun) = doc.tokens[e + 3].head.map(|h| h as usize) else {
                continue;
            };
            if noun <= e + 3
                || noun >= end
                || doc.tokens[noun].head == Some(head as u32) && doc.tokens[noun].dep == Dep::Nmod
            {
                continue;
            }
            fix.push((noun, head));
        }
    }
    for (noun, head) in fix {
        let (old_head, old_dep) = (doc.tokens[noun].head, doc.tokens[noun].dep);
        if matches!(old_dep, Dep::Nsubj | Dep::NsubjPass)
            && doc.tokens[head].head != old_head
            && old_head.is_some()
        {
            doc.tokens[head].head = old_head;
            doc.tokens[head].dep = old_dep;
        }
        doc.tokens[noun].head = Some(head as u32);
        doc.tokens[noun].dep = Dep::Nmod;
    }
}

/// A parse error of the document's tokens mended before the relations read them: a past-tense
/// verb coordinated with an infinitive or a gerund below a past-tense verb belongs with that
/// verb ("Raab urged the embassy to reconsider and spoke with Pompeo": "spoke" goes with
/// "urged", not "reconsider"); it is hung from it.
pub fn repair_conj_tense(doc: &mut Document, lx: &Lexicon) {
    let past = |doc: &Document, i: usize| {
        let lower = doc.token_text(i).to_lowercase();
        doc.tokens[i].pos == Pos::VERB
            && (lower.ends_with("ed") || lx.irregular_verb(&lower).is_some())
    };
    for s in 0..doc.sentences.len() {
        let Some((t, conjuncts)) = conjuncts(doc, s) else {
            continue;
        };
        let mut fix = Vec::new();
        for d in conjuncts {
            if !past(doc, d) {
                continue;
            }
            let Some(h) = t.head(doc, d) else { continue };
            let infinitive = t
                .with(doc, h, Dep::Mark)
                .any(|m| doc.token_text(m).eq_ignore_ascii_case("to"));
            let gerund = form_of(doc, h) == Form::Gerund;
            if doc.tokens[h].pos != Pos::VERB || !(infinitive || gerund) {
                continue;
            }
            // the nearest past-tense verb above, a few steps up
            let mut k = h;
            for _ in 0..3 {
                let Some(up) = t.head(doc, k) else { break };
                if past(doc, up) && up < h {
                    fix.push((d, up));
                    break;
                }
                k = up;
            }
        }
        for (d, up) in fix {
            doc.tokens[d].head = Some(up as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::doc::Dep;

    /// The head (index) and relation of the first token spelt `word`.
    fn attachment(text: &str, word: &str) -> (Option<String>, Dep) {
        let p = crate::testing::pipeline();
        let mut d = crate::ingest::from_text("t", text);
        p.annotate_mentions(&mut d);
        let i = (0..d.tokens.len())
            .find(|&i| d.token_text(i) == word)
            .expect("the word");
        let t = &d.tokens[i];
        (t.head.map(|h| d.token_text(h as usize).to_string()), t.dep)
    }

    #[test]
    fn the_of_phrase_after_a_persons_age_is_the_persons() {
        assert_eq!(
            attachment(
                "Ulf Merbold, 47, of the European Space Agency was chosen.",
                "Agency"
            ),
            (Some("Ulf".to_string()), Dep::Nmod)
        );
        assert_eq!(
            attachment("Tom Hale, 52, of Lubbock, Texas, was killed.", "Lubbock"),
            (Some("Tom".to_string()), Dep::Nmod)
        );
    }
}
