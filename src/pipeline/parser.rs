//! Dependency parsing stage: fills each token's head and Universal Dependencies relation from the
//! trained parser (reads: tokens, tags, sentences; assigns: head, dep). Without a model it leaves
//! tokens unparsed.
use crate::doc::Dep;
use crate::doc::Document;
use crate::model::{text::Words, Models};

/// Pipeline stage: assigns `head` (document token index; None for the sentence root) and `dep`,
/// parsing with beam width `beam` (1: greedy).
pub fn parse(doc: &mut Document, m: &Models, beam: usize) {
    if m.parser.is_empty() {
        return;
    }
    let mut w = Words::default();
    let (mut tags, mut alts) = (Vec::new(), Vec::new());
    // the labeller's classes as relations, read once (not one name lookup per token)
    let deps: Vec<Dep> = m
        .parser
        .labels
        .classes
        .iter()
        .map(|l| crate::doc::dep_label(l))
        .collect();
    for s in 0..doc.sentences.len() {
        let r = doc.sentences[s].tokens.clone();
        w.fill(
            r.clone()
                .map(|i| &doc.text[doc.tokens[i].start..doc.tokens[i].end]),
        );
        tags.clear();
        tags.extend(r.clone().map(|i| doc.tokens[i].pos));
        alts.clear();
        alts.extend(r.clone().map(|i| doc.tokens[i].pos_alt));
        let (heads, labels) = m.parse(&w, &tags, &alts, beam);
        let n = r.len();
        for (k, i) in r.clone().enumerate() {
            doc.tokens[i].head = (heads[k] < n).then(|| (r.start + heads[k]) as u32);
            doc.tokens[i].dep = deps.get(labels[k]).copied().unwrap_or(Dep::None);
        }
        lift_pictures(doc, r);
    }
}

/// An emoji is no word of the sentence: when the parser made one the head of words ("visited
/// Kyiv 🙏🏽" with Kyiv under the emoji), its nearest dependent takes its place and relation,
/// the others hang from that one, and the emoji becomes a `discourse` dependent.
fn lift_pictures(doc: &mut Document, r: std::ops::Range<usize>) {
    for p in r.clone() {
        let t = &doc.text[doc.tokens[p].start..doc.tokens[p].end];
        if !super::tokenize::is_picture(t) {
            continue;
        }
        let kids: Vec<usize> = r
            .clone()
            .filter(|&k| doc.tokens[k].head == Some(p as u32))
            .collect();
        let Some(&first) = kids.iter().min_by_key(|&&k| k.abs_diff(p)) else {
            doc.tokens[p].dep = Dep::Discourse;
            continue;
        };
        let (head, dep) = (doc.tokens[p].head, doc.tokens[p].dep);
        doc.tokens[first].head = head;
        doc.tokens[first].dep = dep;
        for &k in &kids {
            if k != first {
                doc.tokens[k].head = Some(first as u32);
            }
        }
        doc.tokens[p].head = Some(first as u32);
        doc.tokens[p].dep = Dep::Discourse;
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::from_text;

    #[test]
    fn every_token_gets_a_head_in_its_sentence_and_one_root() {
        let mut d = from_text(
            "t",
            "Blinken warned China about the consequences. It rained.",
        );
        crate::testing::annotate(&mut d);
        for s in &d.sentences {
            let roots = s
                .tokens
                .clone()
                .filter(|&i| d.tokens[i].head.is_none())
                .count();
            assert!(roots >= 1);
            for i in s.tokens.clone() {
                if let Some(h) = d.tokens[i].head {
                    assert!(s.tokens.contains(&(h as usize)));
                }
            }
        }
        let warned = (0..d.tokens.len())
            .find(|&i| d.token_text(i) == "warned")
            .unwrap();
        let blinken = 0;
        assert_eq!(d.tokens[blinken].head, Some(warned as u32));
        assert_eq!(d.tokens[blinken].dep, crate::doc::Dep::Nsubj);
    }
}

#[cfg(test)]
mod label_tests {
    #[test]
    fn every_relation_of_the_embedded_labeller_is_stored_as_spelt() {
        let deps = crate::doc::Dep::ALL;
        assert!(
            deps.windows(2).all(|w| w[0].as_str() < w[1].as_str()),
            "Dep::ALL must stay sorted by name (parse searches it)"
        );
        let labels = &crate::testing::pipeline().models().parser.labels.classes;
        assert!(!labels.is_empty());
        for l in labels {
            assert_eq!(crate::doc::dep_label(l).as_str(), l.as_str());
        }
    }
}
