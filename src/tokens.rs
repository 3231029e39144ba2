//! Splitting text into tokens, on the ground floor beside the document model: the word lists
//! (which key phrases by their tokens) and the tokenizer stage both use it. "U.S." and "Mr." stay
//! whole, clitics ("'s", "n't") split off, an emoji keeps its marks.

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "approx", "dept", "univ", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "brig", "atty",
    "amb",
];

/// The AP style abbreviations of US states ("Md.", "Calif."): their period stays on the word
/// unless a capitalised word follows (then it may end the sentence: "in Nashville, Tenn. He").
const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ill", "Ind", "Kan", "Kans", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore",
    "Oreg", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wis", "Wisc", "Wyo",
];

/// Splits `text` into token byte ranges `(start, end, newline_after)`.
pub fn tokenize_str(text: &str) -> Vec<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize, bool)> = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            if c == '\n' {
                if let Some(last) = out.last_mut() {
                    last.2 = true;
                }
            }
            chars.next();
            continue;
        }
        if c.is_alphanumeric() {
            // a run of letters/digits, with inner periods (U.S., 3.5), commas in numbers (800,000)
            // and apostrophes handled below
            let mut end = i;
            let mut last_c = c;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || d == '\u{0301}' {
                    end = j + d.len_utf8();
                    last_c = d;
                    chars.next();
                } else if matches!(d, '\'' | '\u{2019}')
                    && end == i + 1
                    && matches!(c, 'd' | 'D' | 'l' | 'L' | 'O')
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    // an elided particle of a name: "O'Brien", "d'Estaing", "L'Oréal"
                    end = j + d.len_utf8();
                    last_c = d;
                    chars.next();
                } else if (d == '.' || d == ',') && last_c.is_alphanumeric() {
                    // inner period or comma: keep if followed by alphanumeric (U.S, 3.5, 800,000)
                    let next = text[j + 1..].chars().next();
                    let keep = match next {
                        Some(n) if d == '.' => {
                            n.is_alphanumeric()
                                && (last_c.is_ascii_digit() && n.is_ascii_digit()
                                    || (is_single_letter_before(text, i, j) && n.is_uppercase()))
                        }
                        Some(n) => last_c.is_ascii_digit() && n.is_ascii_digit(),
                        None => false,
                    };
                    if keep {
                        chars.next();
                        end = j + 1;
                        last_c = d;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // trailing period of an abbreviation: U.S. / Mr. / single initial "W."
            if end < bytes.len() && bytes[end] == b'.' {
                let word = &text[i..end];
                let is_acronym = word.contains('.');
                let single_initial = word.chars().count() == 1 && c.is_uppercase();
                let lower = word.to_ascii_lowercase();
                let known = ABBREVIATIONS.contains(&lower.as_str());
                let next = text[end + 1..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .next();
                let next_lower = next.is_some_and(|n| n.is_lowercase() || n.is_ascii_digit());
                // "No. 5" is an abbreviation, "said no." is not
                let state = STATE_ABBREVIATIONS.contains(&word)
                    && !next.is_some_and(|n| n.is_uppercase() || n == '"');
                if is_acronym || single_initial || state || (known && (lower != "no" || next_lower))
                {
                    end += 1;
                }
            }
            // text tokenised before ("is n't", as the Penn Treebank writes it): "n't" one token
            if &text[i..end] == "n"
                && text[end..].starts_with("'t")
                && !text[end + 2..].starts_with(char::is_alphanumeric)
            {
                out.push((i, end + 2, false));
                while chars.peek().is_some_and(|&(j, _)| j < end + 2) {
                    chars.next();
                }
                continue;
            }
            // "isn't", "can't": the n belongs to the clitic
            if text[end..].starts_with("'t")
                && text[i..end].ends_with(['n', 'N'])
                && end - i >= 2
                && !text[end + 2..].starts_with(char::is_alphanumeric)
            {
                out.push((i, end - 1, false));
                out.push((end - 1, end + 2, false));
                while chars.peek().is_some_and(|&(j, _)| j < end + 2) {
                    chars.next();
                }
                continue;
            }
            // contractions written without an apostrophe split ("dont" stays)
            let word = &text[i..end];
            if let Some(pos) = contraction_split(word) {
                out.push((i, i + pos, false));
                out.push((i + pos, end, false));
            } else {
                out.push((i, end, false));
            }
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
            // possessive / clitic after the word: 's, 're, 'll ...
            if end < bytes.len() && (bytes[end] == b'\'') {
                let rest = &text[end + 1..];
                if let Some(l) = clitic_len(rest) {
                    out.push((end, end + 1 + l, false));
                    while chars.peek().is_some_and(|&(j, _)| j < end + 1 + l) {
                        chars.next();
                    }
                } else if text[..end].ends_with('s') && !rest.starts_with(char::is_alphanumeric) {
                    // plural possessive: "allies' plans"
                    out.push((end, end + 1, false));
                    chars.next();
                }
            }
            continue;
        }
        // punctuation: "..." and "--" stay together, everything else is one char; a symbol keeps
        // the marks that make one picture with it (a skin tone, a joiner and the next symbol, a
        // variation selector: "🙏🏽", "👨‍👩‍👧" are one token)
        let mut end = i + c.len_utf8();
        // a clitic set apart by a space after a word ("Du Pont 's", as the Penn Treebank
        // writes it) is the clitic, not a quote
        if c == '\'' && i > 0 && bytes[i - 1] == b' ' {
            let after_word = text[..i - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if let Some(l) = clitic_len(&text[i + 1..]).filter(|_| after_word) {
                end += l;
            }
        }
        if c == '.' || c == '-' {
            while end < bytes.len() && bytes[end] == c as u8 {
                end += 1;
            }
        } else if !c.is_ascii() {
            // the whole grapheme cluster (Unicode's extended grapheme rules)
            use unicode_segmentation::UnicodeSegmentation;
            if let Some(g) = text[i..].graphemes(true).next() {
                end = i + g.len();
            }
        }
        out.push((i, end, false));
        while chars.peek().is_some_and(|&(j, _)| j < end) {
            chars.next();
        }
    }
    out
}

/// The length of the clitic ("s", "re", "ve", "ll", "d", "m", any case) that `rest` (the text
/// after an apostrophe) starts with, when no letter or digit follows it.
fn clitic_len(rest: &str) -> Option<usize> {
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .find(|c| {
            rest.len() >= c.len()
                && rest.as_bytes()[..c.len()].eq_ignore_ascii_case(c.as_bytes())
                && !rest[c.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
        .map(|c| c.len())
}

/// Marks that belong to the symbol before them: skin tones, the zero-width joiner, variation
/// selectors, the keycap and tag characters.
fn is_picture_mark(c: char) -> bool {
    matches!(c,
        '\u{1F3FB}'..='\u{1F3FF}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{20E3}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Whether a token is a picture (emoji and other symbols, with their marks), not a word.
pub fn is_picture(token: &str) -> bool {
    let mut cs = token.chars();
    cs.next().is_some_and(|c| {
        !c.is_alphanumeric()
            && !c.is_ascii()
            && matches!(c, '\u{2190}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}')
    }) && cs.all(|c| is_picture_mark(c) || !c.is_alphanumeric())
}

fn is_single_letter_before(text: &str, start: usize, dot: usize) -> bool {
    // "U.S": the segment before this dot is a single letter
    let seg = &text[start..dot];
    let last = seg.rsplit('.').next().unwrap_or(seg);
    last.chars().count() == 1
}

fn contraction_split(word: &str) -> Option<usize> {
    let lower = word.to_ascii_lowercase();
    if lower.len() > 3 && lower.ends_with("n't") {
        return Some(word.len() - 3);
    }
    None
}

/// Lower-cased token key of a phrase, as the tokenizer splits it.
pub fn phrase_key(phrase: &str) -> String {
    tokenize_str(phrase)
        .into_iter()
        .map(|(a, b, _)| phrase[a..b].to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}
