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
/// is a transcript when two lines or more open so.
pub fn turns(doc: &Document) -> Vec<Option<Turn>> {
    let mut speaker_of: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    // the turns in order: (first sentence, speaker)
    let mut opened: Vec<(usize, usize)> = Vec::new();
    let mut current = None;
    for (s, sent) in doc.sentences.iter().enumerate() {
        let f = sent.tokens.start;
        if sent.tokens.is_empty() {
            continue;
        }
        if f == 0 || doc.tokens[f - 1].newline_after {
            current = crate::pipeline::entities::speaker_label(doc, s)
                .filter(|&m| matches!(doc.mentions[m].kind, EntityType::PER | EntityType::ORG))
                .and_then(|m| doc.mentions[m].entity);
            if let Some(e) = current {
                opened.push((s, e));
            }
        }
        speaker_of[s] = current;
    }
    let mut out = vec![None; doc.sentences.len()];
    // one label is a heading ("Frank Messina: An Interview with ..."), not a transcript
    if opened.len() < 2 {
        return out;
    }
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
        let t = turns(&doc);
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
}
