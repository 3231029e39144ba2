//! Sentence splitting over tokens: ends a sentence at . ! ? (with any closing quote) before a
//! capitalised word, at line breaks, and at a length cap; abbreviations such as "U.S." and "Gen."
//! are single tokens and so never end a sentence by themselves.
use crate::doc::{Document, Sentence};

/// Longest sentence, in tokens; longer runs are cut so later stages stay linear.
pub const MAX_SENTENCE_TOKENS: usize = 150;

fn is_terminal(t: &str) -> bool {
    matches!(
        t,
        "." | "!" | "?" | "..." | "?!" | "!?" | "\u{3002}" | "\u{FF01}" | "\u{FF1F}" | "\u{FF0E}"
    ) || t.chars().all(|c| c == '.') && !t.is_empty()
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | ")" | "]")
}

/// Pipeline stage: fills `doc.sentences` (reads: tokens; assigns: sentences).
pub fn split(doc: &mut Document) {
    let n = doc.tokens.len();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let mut end = None;
        let t = doc.token_text(i);
        if is_terminal(t) {
            let mut j = i + 1;
            // closing quotes or brackets glued to the punctuation belong to this sentence
            while j < n
                && is_closer(doc.token_text(j))
                && doc.tokens[j].start == doc.tokens[j - 1].end
            {
                j += 1;
            }
            let next_starts = j >= n
                || doc.tokens[j - 1].newline_after
                || !t.is_ascii()
                || doc.token_text(j).chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '(' || c == '\''
                });
            if next_starts {
                end = Some(j);
            }
        }
        if end.is_none() && (doc.tokens[i].newline_after || i + 1 - start >= MAX_SENTENCE_TOKENS) {
            end = Some(i + 1);
        }
        match end {
            Some(e) => {
                sentences.push(make(doc, start, e));
                start = e;
                i = e;
            }
            None => i += 1,
        }
    }
    if start < n {
        sentences.push(make(doc, start, n));
    }
    doc.sentences = sentences;
}

fn make(doc: &Document, a: usize, b: usize) -> Sentence {
    let last = doc.token_text(b - 1);
    let headline = !(is_terminal(last) || is_closer(last) || last == ":" || last == ";");
    Sentence {
        tokens: a..b,
        start: doc.tokens[a].start,
        end: doc.tokens[b - 1].end,
        headline,
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::from_text;
    use crate::pipeline::tokenize::tokenize;

    fn sents(text: &str) -> Vec<String> {
        let mut d = from_text("t", text);
        tokenize(&mut d);
        super::split(&mut d);
        (0..d.sentences.len())
            .map(|s| d.sentence_text(s).to_string())
            .collect()
    }

    #[test]
    fn a_state_abbreviation_keeps_its_period_unless_a_sentence_may_follow() {
        assert_eq!(
            sents("He lives in Rockville, Md., with his wife. She grew up in Nashville, Tenn. He did not."),
            vec![
                "He lives in Rockville, Md., with his wife.",
                "She grew up in Nashville, Tenn.",
                "He did not."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("U.S. Secretary of State Antony Blinken met Gen. Smith. Then he left."),
            vec![
                "U.S. Secretary of State Antony Blinken met Gen. Smith.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("\"We will go.\" He said \"no,\" she added. Ok"),
            vec!["\"We will go.\"", "He said \"no,\" she added.", "Ok"]
        );
    }

    #[test]
    fn headlines_are_their_own_sentence() {
        let mut d = from_text("t", "Big headline here\n\nBody starts now.");
        tokenize(&mut d);
        super::split(&mut d);
        assert_eq!(d.sentences.len(), 2);
        assert!(d.sentences[0].headline);
        assert!(!d.sentences[1].headline);
    }
}
