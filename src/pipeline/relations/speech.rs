//! Reported speech: who a clause is attributed to. A clause under a verb of saying ("Stoltenberg
//! said (that) China is considering ...", "..., Zelenskiy said") is attributed to that verb's
//! subject; a clause in a quotation to the quotation's speaker. The addressee of a verb of
//! saying ("told Reuters", "said in an interview with the BBC") is an ordinary object of the verb
//! relations.
use super::Ctx;
use crate::doc::Document;
use crate::lexicon::VerbClass;
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
}
