//! Transcript turns: a line that opens with a name and a colon ("Christopher Hill: I am ...",
//! "Wikinews: How do you ...") is a turn of that speaker, as in interviews and transcripts; its
//! "I" is the speaker and its "you" the one the speaker talks to.
use crate::doc::{Document, EntityType};

/// The speaker of a sentence's turn, and the one addressed (the nearest other speaker, the
/// next turn's before the previous one's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    /// The speaker's entity.
    pub speaker: usize,
    /// The addressee's entity, when another speaker takes a turn before or after.
    pub addressee: Option<usize>,
}

/// Per sentence, the turn it belongs to. A turn opens at a line whose first tokens are a
/// person's or an organisation's name followed by ":" and lasts to the end of that line; a text
/// is a transcript when two lines or more open so, or one line of three sentences or more (a
/// monologue: a vlog, a speech) when `monologues` is set (the links after the model; the model is
/// trained, and decides, with transcripts of several turns only).
pub fn turns(doc: &Document, monologues: bool) -> Vec<Option<Turn>> {
    // per sentence, the speaker of its line and whether the label names a person or an
    // organisation
    let mut speaker_of: Vec<Option<(usize, bool)>> = vec![None; doc.sentences.len()];
    // the turns in order: (first sentence, speaker, whether a person or an organisation)
    let mut opened: Vec<(usize, usize, bool)> = Vec::new();
    let mut current = None;
    for (s, sent) in doc.sentences.iter().enumerate() {
        let f = sent.tokens.start;
        if sent.tokens.is_empty() {
            continue;
        }
        if f == 0 || doc.tokens[f - 1].newline_after {
            current = crate::pipeline::entities::speaker_label(doc, s).and_then(|m| {
                let e = doc.mentions[m].entity?;
                let who = matches!(doc.mentions[m].kind, EntityType::PER | EntityType::ORG);
                opened.push((s, e, who));
                Some((e, who))
            });
        }
        speaker_of[s] = current;
    }
    let mut out = vec![None; doc.sentences.len()];
    // a transcript has two turns or more of a person or an organisation (a label that is
    // neither is a field: "ISSUER: Bay Co Building Authority"); one label is a heading ("Frank
    // Messina: An Interview with ..."), unless its line goes on for three sentences or more: a
    // monologue ("Kharma Medic: What is up guys? ..."), whose speaker the recogniser may have
    // taken for a thing
    let who: Vec<(usize, usize)> = opened.iter().filter(|o| o.2).map(|o| (o.0, o.1)).collect();
    let opened = if who.len() >= 2 {
        who
    } else if let ([(first, e, _)], true) = (&opened[..], monologues) {
        let (first, e) = (*first, *e);
        let lines = speaker_of[first..]
            .iter()
            .take_while(|x| x.is_some_and(|x| x.0 == e));
        if lines.count() < 3 {
            return out;
        }
        vec![(first, e)]
    } else {
        return out;
    };
    let speaker_of: Vec<Option<usize>> = speaker_of
        .iter()
        .map(|x| x.filter(|&(_, w)| w || opened.len() == 1).map(|x| x.0))
        .collect();
    for (k, &(first, speaker)) in opened.iter().enumerate() {
        let next = opened[k + 1..].first().map(|&(_, e)| e);
        let prev = k.checked_sub(1).map(|j| opened[j].1);
        let addressee = next
            .filter(|&e| e != speaker)
            .or(prev.filter(|&e| e != speaker));
        let end = opened.get(k + 1).map_or(out.len(), |&(s, _)| s);
        for s in first..end {
            if speaker_of[s] == Some(speaker) {
                out[s] = Some(Turn { speaker, addressee });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;

    #[test]
    fn a_name_and_a_colon_at_a_line_start_open_a_turn_to_the_line_end() {
        let mut doc = from_text(
            "iv",
            "Wikinews: How do you plan to win?\nChristopher Hill: I am skeptical. I hope to \
             win.\nThe campaign: it goes on.\n",
        );
        crate::testing::annotate(&mut doc);
        let t = turns(&doc, true);
        let name = |e: usize| doc.entities[e].name.as_str();
        assert_eq!(t.len(), doc.sentences.len());
        let first = t[0].expect("the interviewer's turn");
        assert_eq!(name(first.speaker), "Wikinews");
        assert_eq!(first.addressee.map(name), Some("Christopher Hill"));
        let answer: Vec<_> = t[1..3].iter().map(|x| x.map(|x| name(x.speaker))).collect();
        assert_eq!(answer, vec![Some("Christopher Hill"); 2]);
        assert_eq!(t[1].and_then(|x| x.addressee).map(name), Some("Wikinews"));
        // a line with no name before its colon is no turn
        assert!(t[3..].iter().all(Option::is_none));
    }

    #[test]
    fn one_label_over_a_line_of_sentences_is_a_monologue_and_over_one_sentence_a_heading() {
        let mut doc = from_text(
            "vlog",
            "Ana Ruiz: Hello everyone. I am back. Today I show you my room.\n",
        );
        crate::testing::annotate(&mut doc);
        let t = turns(&doc, true);
        assert!(t
            .iter()
            .all(|x| x.is_some_and(|x| doc.entities[x.speaker].name == "Ana Ruiz")));
        assert!(t.iter().all(|x| x.is_some_and(|x| x.addressee.is_none())));
        let mut doc = from_text(
            "heading",
            "Frank Messina: An interview with the poet.\nHe spoke to us. He was kind.\n",
        );
        crate::testing::annotate(&mut doc);
        assert!(turns(&doc, true).iter().all(Option::is_none));
    }
}
