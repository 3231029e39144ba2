//! Tokenizer: splits cleaned text into word, number, abbreviation and punctuation tokens with byte
//! offsets ("U.S." and "Mr." stay whole; "Russia's" is "Russia" + "'s"; "don't" is "do" + "n't").
use crate::doc::{Document, Token};
pub use crate::tokens::{is_picture, tokenize_str};

/// Abbreviations that keep their final period (lower case, without the period).
/// Pipeline stage: fills `doc.tokens` from `doc.text` (reads: text; assigns: tokens).
pub fn tokenize(doc: &mut Document) {
    doc.tokens = tokenize_str(&doc.text)
        .into_iter()
        .map(|(start, end, newline_after)| Token {
            start,
            end,
            newline_after,
            ..Token::default()
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize_str(s)
            .into_iter()
            .map(|(a, b, _)| &s[a..b])
            .collect()
    }

    #[test]
    fn an_elided_particle_stays_with_its_name() {
        assert_eq!(
            toks("O'Brien met d'Estaing at L\u{2019}Oréal; he'd said it's the Smiths' d'"),
            vec![
                "O'Brien",
                "met",
                "d'Estaing",
                "at",
                "L\u{2019}Oréal",
                ";",
                "he",
                "'d",
                "said",
                "it",
                "'s",
                "the",
                "Smiths",
                "'",
                "d",
                "'"
            ]
        );
    }

    #[test]
    fn abbreviations_and_clitics() {
        assert_eq!(
            toks("U.S. Secretary Mr. Blinken said Russia's war isn't over."),
            vec![
                "U.S.",
                "Secretary",
                "Mr.",
                "Blinken",
                "said",
                "Russia",
                "'s",
                "war",
                "is",
                "n't",
                "over",
                "."
            ]
        );
    }

    #[test]
    fn clitics_of_text_tokenised_before_are_clitics_not_quotes() {
        // the Penn Treebank's spacing, as CaRB and CoNLL04 write their sentences
        assert_eq!(
            toks("Du Pont 's plan is n't over , he said 'twas not ."),
            vec![
                "Du", "Pont", "'s", "plan", "is", "n't", "over", ",", "he", "said", "'", "twas",
                "not", "."
            ]
        );
    }

    #[test]
    fn numbers_and_hyphens() {
        assert_eq!(
            toks("800,000 people, 3.5 km, one-year"),
            vec!["800,000", "people", ",", "3.5", "km", ",", "one", "-", "year"]
        );
    }

    #[test]
    fn initials_and_sentence_periods() {
        assert_eq!(
            toks("Stefan W. ran. Then"),
            vec!["Stefan", "W.", "ran", ".", "Then"]
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "", " ", "'", "'s", "...", "a'", "é.", "\u{0301}", "Ü.S.", "n't", "x\ny", "Kus'šoj",
            "d'é", "l'ñ",
        ] {
            let _ = tokenize_str(s);
        }
    }
}
