//! Reported speech: who a clause is attributed to. A clause under a verb of saying ("Stoltenberg
//! said (that) China is considering ...", "..., Zelenskiy said") is attributed to that verb's
//! subject; a clause in a quotation to the quotation's speaker. The addressee of a verb of
//! saying ("told Reuters", "said in an interview with the BBC") is an ordinary object of the verb
//! relations.
use super::Ctx;
use crate::doc::{Dep, Document, EntityType};
use crate::lexicon::{Lexicon, VerbClass, WordClass};
use crate::pipeline::clauses::{Clause, Link};

impl Ctx<'_> {
    /// The entity clause `c` is attributed to: the subject of the nearest verb of saying that
    /// governs it through a complement or a loose attachment, else the quotation's speaker.
    pub(super) fn attribution(&self, doc: &Document, cs: &[Clause], c: usize) -> Option<usize> {
        let mut k = c;
        for _ in 0..6 {
            let Some(p) = cs[k].parent else { break };
            let reported = matches!(cs[k].link, Link::Ccomp | Link::Parataxis)
                && self.lx.verb_class(&cs[p].lemma) == Some(VerbClass::Report);
            // "..., he said": the speech verb hangs from the clause it reports
            let inverted = cs[p].link == Link::Parataxis
                && cs[p].parent == Some(k)
                && self.lx.verb_class(&cs[p].lemma) == Some(VerbClass::Report);
            if reported || inverted {
                if let Some(a) = cs[p]
                    .subjects
                    .iter()
                    .find_map(|&s| self.args(doc, s).first().cloned())
                {
                    return Some(a.entity);
                }
            }
            k = p;
        }
        self.speaker
    }
}

/// The speaker of each sentence's quotation, if any: `"...," X said`, `"...," said X`,
/// `X said: "..."`, `X said, "..."`; a quotation spanning sentences takes the speaker named where
/// it opens or closes, and one that opens its sentence with no speaker named goes on from the
/// sentence before: from its quotation's speaker, or from a person who spoke there with no
/// quotation ("Senator Jane Roe issued a statement. \"I am disappointed ...\"").
pub(crate) fn quote_speakers(doc: &Document, lx: &Lexicon) -> Vec<Option<usize>> {
    let n = doc.sentences.len();
    let mut out = vec![None; n];
    let mut open_since: Option<usize> = None;
    for s in 0..n {
        let r = doc.sentences[s].tokens.clone();
        // a paragraph ends any quotation (the next one opens with a quote mark of its own)
        if r.start > 0 && doc.tokens[r.start - 1].newline_after {
            open_since = None;
        }
        let quotes: Vec<usize> = r.clone().filter(|&i| doc.token_text(i) == "\"").collect();
        let mut speaker = None;
        for &q in &quotes {
            // after the closing quote: [,] X said / said X
            let mut k = q + 1;
            while k < r.end && matches!(doc.token_text(k), "," | "\"") {
                k += 1;
            }
            let who = |i: usize| -> Option<usize> {
                if let Some(m) = doc.mentions[doc.mentions_starting_in(i..i + 1)]
                    .iter()
                    .find(|m| m.kind == EntityType::PER)
                {
                    return m.entity;
                }
                doc.referent(i).map(|r| r.entity)
            };
            let is_report =
                |i: usize| i < r.end && lx.verb_class(&doc.lemma(i)) == Some(VerbClass::Report);
            // before an opening quote: X said[,:] "..."
            let mut v = q;
            while v > r.start && matches!(doc.token_text(v - 1), "," | ":") {
                v -= 1;
            }
            if speaker.is_none() && v < q && v > r.start && is_report(v - 1) {
                speaker = subject_of(doc, lx, v - 1);
            }
            if k < r.end {
                if let Some(e) = who(k) {
                    let after = doc.mentions[doc.mentions_starting_in(k..k + 1)]
                        .first()
                        .map_or(k + 1, |m| m.tokens.end);
                    if is_report(after) {
                        speaker = Some(e);
                    }
                } else if is_report(k) && k + 1 < r.end {
                    speaker = who(k + 1);
                }
            }
        }
        // a quotation that opens its sentence with no speaker of its own goes on from the
        // quotation before it ("\"We will not let Russia win,\" said X. \"I have asked China to
        // help.\"": X asked), or from one who spoke there unquoted
        let opens_with_quote = quotes.first() == Some(&r.start);
        if speaker.is_none() && opens_with_quote && s > 0 {
            speaker = out[s - 1].or_else(|| spoke_unquoted(doc, lx, s - 1));
        }
        match open_since {
            // a quotation spans sentences: its sentences take the speaker named where it opens
            // or where it closes
            Some(o) if quotes.len() % 2 == 1 => {
                speaker = speaker.or(out[o]);
                for x in out.iter_mut().take(s).skip(o) {
                    *x = x.or(speaker);
                }
                open_since = None;
            }
            Some(o) if quotes.is_empty() => speaker = out[o],
            None if quotes.len() % 2 == 1 => open_since = Some(s),
            _ => {}
        }
        out[s] = speaker;
    }
    out
}

/// The person the subject of verb `v` names (a name or a resolved pronoun).
fn subject_of(doc: &Document, lx: &Lexicon, v: usize) -> Option<usize> {
    let sent = doc.sentences.partition_point(|s| s.tokens.end <= v);
    let r = doc.sentences[sent].tokens.clone();
    let j = r
        .clone()
        .find(|&j| doc.tokens[j].head == Some(v as u32) && doc.tokens[j].dep.is(Dep::Nsubj))?;
    let ms = &doc.mentions[doc.mentions_in(sent)];
    ms.iter()
        .find(|m| m.kind == EntityType::PER && m.tokens.contains(&j))
        .and_then(|m| m.entity)
        .or_else(|| doc.referent(j).map(|x| x.entity))
        .or_else(|| named_at_end_of(doc, r.clone(), j, ms))
        .or_else(|| owner_of_speech(doc, lx, r, j, ms))
}

/// The person whose statement, letter or message the subject `j` is: "Cornyn's statement
/// added, \"...\"", "His letter said ...".
fn owner_of_speech(
    doc: &Document,
    lx: &Lexicon,
    r: std::ops::Range<usize>,
    j: usize,
    ms: &[crate::doc::Mention],
) -> Option<usize> {
    if !lx.in_class(WordClass::SpeechNoun, &doc.lemma(j)) {
        return None;
    }
    let k = r
        .clone()
        .find(|&k| doc.tokens[k].head == Some(j as u32) && doc.tokens[k].dep == Dep::NmodPoss)?;
    // the possessor's phrase: "Cornyn's", "Senator John Cornyn's" (the title its head)
    ms.iter()
        .find(|m| {
            m.kind == EntityType::PER && m.tokens.clone().all(|i| descends(doc, i, k, r.len()))
        })
        .and_then(|m| m.entity)
        .or_else(|| doc.referent(k).map(|x| x.entity))
}

/// Whether token `i` is `j` or hangs from it, within `limit` steps up the parse.
fn descends(doc: &Document, mut i: usize, j: usize, limit: usize) -> bool {
    for _ in 0..=limit {
        if i == j {
            return true;
        }
        match doc.tokens[i].head {
            Some(h) => i = h as usize,
            None => return false,
        }
    }
    false
}

/// The person named at the end of the phrase headed by `j`, right after other names or a title,
/// not after a preposition or a determiner: "Governor of Washington Chris Gregoire", parsed with
/// the title as the subject and the name hanging from the place; not "the lawyer of John Smith".
fn named_at_end_of(
    doc: &Document,
    r: std::ops::Range<usize>,
    j: usize,
    ms: &[crate::doc::Mention],
) -> Option<usize> {
    let under = |i: usize| descends(doc, i, j, r.len());
    let last = r
        .clone()
        .filter(|&i| under(i) && doc.tokens[i].pos != crate::doc::Pos::PUNCT)
        .max()?;
    let m = ms
        .iter()
        .find(|m| m.kind == EntityType::PER && m.tokens.end == last + 1)?;
    let before = m.tokens.start.checked_sub(1).filter(|&b| b >= j)?;
    let open = doc.tokens[before].pos == crate::doc::Pos::PROPN;
    (open && m.tokens.clone().all(under))
        .then_some(m.entity)
        .flatten()
}

/// The person who speaks in sentence `s` with no quotation: the subject of its verb of saying
/// ("X said on Monday.") or of a verb with a speech noun for object ("X issued a statement").
fn spoke_unquoted(doc: &Document, lx: &Lexicon, s: usize) -> Option<usize> {
    let r = doc.sentences[s].tokens.clone();
    if r.clone()
        .any(|i| matches!(doc.token_text(i), "\"" | "\u{201c}" | "\u{201d}"))
    {
        return None;
    }
    let root = r.clone().find(|&i| doc.tokens[i].head.is_none())?;
    let speaks = lx.verb_class(&doc.lemma(root)) == Some(VerbClass::Report)
        || r.clone().any(|i| {
            doc.tokens[i].head == Some(root as u32)
                && doc.tokens[i].dep.is(Dep::Obj)
                && lx.in_class(WordClass::SpeechNoun, &doc.lemma(i))
        });
    speaks.then(|| subject_of(doc, lx, root)).flatten()
}

#[cfg(test)]
mod tests {
    use crate::ingest::from_text;
    use crate::testing::annotate;

    fn attributed(text: &str) -> Vec<(String, String, Option<String>)> {
        let mut d = from_text("t", text);
        annotate(&mut d);
        d.relations
            .iter()
            .map(|r| {
                (
                    d.entities[r.subject].name.clone(),
                    d.entities[r.object].name.clone(),
                    r.attributed_to.map(|a| d.entities[a].name.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn a_complement_of_saying_is_attributed_to_the_speaker() {
        let rs = attributed("Emmanuel Macron said that Brazil had betrayed Argentina.");
        assert!(
            rs.iter().any(|r| r.0 == "Brazil"
                && r.1 == "Argentina"
                && r.2.as_deref() == Some("Emmanuel Macron")),
            "{rs:?}"
        );
    }

    #[test]
    fn the_addressee_of_telling_is_an_object() {
        let rels = crate::pipeline::relations::tests::rels(
            "Ted Cruz told ABC News that the plan would fail. \
             Angela Merkel said in an interview with the BBC that talks went well.",
        );
        assert!(
            rels.iter()
                .any(|r| r.0 == "Ted Cruz" && r.1 == "tell" && r.2 == "ABC News"),
            "{rels:?}"
        );
        assert!(
            rels.iter().any(|r| r.0 == "Angela Merkel"
                && r.1.starts_with("say")
                && r.1.contains("interview")
                && r.2 == "BBC"),
            "{rels:?}"
        );
    }

    #[test]
    fn remarks_to_and_speaking_to_name_the_addressee() {
        let rels = crate::pipeline::relations::tests::rels(
            "Senator Ann Wilson, in remarks to CNN, said the bill would pass. \
             Speaking to Reuters, Peter Mwangi said the roads were closed.",
        );
        assert!(
            rels.iter()
                .any(|r| r.0 == "Ann Wilson" && r.1 == "say in remark to" && r.2 == "CNN"),
            "{rels:?}"
        );
        assert!(
            rels.iter()
                .any(|r| r.0 == "Peter Mwangi" && r.1 == "speak to" && r.2 == "Reuters"),
            "{rels:?}"
        );
    }

    #[test]
    fn on_a_hand_built_parse_the_complement_of_saying_is_attributed() {
        use crate::doc::Pos::*;
        // "Angela Merkel said Russia attacked Ukraine ."
        let d = crate::pipeline::relations::tests::extracted_from_parse(&[
            ("Angela", PROPN, "Angela", 3, "nsubj"),
            ("Merkel", PROPN, "Merkel", 1, "flat"),
            ("said", VERB, "say", 0, "root"),
            ("Russia", PROPN, "Russia", 5, "nsubj"),
            ("attacked", VERB, "attack", 3, "ccomp"),
            ("Ukraine", PROPN, "Ukraine", 5, "obj"),
            (".", PUNCT, ".", 3, "punct"),
        ]);
        let r = d
            .relations
            .iter()
            .find(|r| r.predicate == "attack")
            .expect("the reported fact");
        assert_eq!(d.entities[r.subject].name, "Russia");
        assert_eq!(
            r.attributed_to.map(|a| d.entities[a].name.as_str()),
            Some("Angela Merkel")
        );
    }

    fn speakers(text: &str) -> Vec<Option<String>> {
        let mut d = from_text("t", text);
        annotate(&mut d);
        super::quote_speakers(&d, crate::testing::lexicon())
            .into_iter()
            .map(|e| e.map(|e| d.entities[e].name.clone()))
            .collect()
    }

    #[test]
    fn a_quotation_is_spoken_by_who_introduces_it_before_or_after() {
        let s = |n: &str| Some(n.to_string());
        // named before the quotation, which goes on for two sentences more
        assert_eq!(
            speakers(
                "In a statement, Governor Chris Gregoire said, \"The museum tried hard. Seattle \
                 would have been a fit. I am disappointed.\" The museum opened in 1965."
            ),
            vec![
                s("Chris Gregoire"),
                s("Chris Gregoire"),
                s("Chris Gregoire"),
                None
            ]
        );
        // a quotation with no speaker after a person who spoke unquoted
        assert_eq!(
            speakers(
                "Senator John Cornyn issued a statement on Monday.\n\"Like many Texans, I am \
                 disappointed with the decision.\""
            ),
            vec![None, s("John Cornyn")]
        );
    }
}
