//! Cleaning of scraped news text: normalises quotes, dashes and spaces, removes a title glued to
//! itself, datelines ("(Reuters) –"), bylines ("By admin") and Markdown markup, joins the lines of
//! text wrapped at a fixed width, and keeps for every byte of the cleaned text the offset in the
//! original text it came from.
use regex::Regex;
use std::sync::OnceLock;

/// What markup the original text carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Plain,
    Markdown,
    /// Text taken out of HTML: its line breaks are the page's blocks, never a wrap.
    Html,
}

/// Cleaned text and, for each of its bytes, the byte offset in the original text (plus one
/// final entry for the end).
pub struct Cleaned {
    pub text: String,
    pub offsets: Vec<u32>,
}

fn normalise(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2015}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => ' ',
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\r' => return None,
        '\n' => '\n',
        c if c.is_control() => ' ',
        c => c,
    })
}

struct Regexes {
    dateline: Regex,
    byline: Regex,
    credits: Regex,
    md_link: Regex,
    md_prefix: Regex,
    md_emphasis: Regex,
}

fn regexes() -> &'static Regexes {
    static R: OnceLock<Regexes> = OnceLock::new();
    R.get_or_init(|| Regexes {
        // "(Reuters) - ", "WASHINGTON, Feb 23 (Reuters) - "
        dateline: Regex::new(
            r"^\s*(?:[A-Z][A-Za-z.,' ]{0,60}?\s*)?\([A-Z][A-Za-z. ]{1,30}\)\s*-{1,2}\s+",
        )
        .expect("valid regex"),
        // "By admin", "By Jane Doe and John Roe"
        byline: Regex::new(r"^\s*[Bb]y\s+[A-Za-z][\w.'-]*(?:\s+(?:and\s+)?[A-Z][\w.'-]*){0,4}\s*$")
            .expect("valid regex"),
        credits: Regex::new(
            r"^\s*\(?(?:Reporting|Editing|Writing|Additional reporting) by .{0,200}$",
        )
        .expect("valid regex"),
        md_link: Regex::new(r"!?\[([^\]\n]*)\]\([^)\n]*\)").expect("valid regex"),
        md_prefix: Regex::new(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[*+-]\s+|\d+\.\s+)")
            .expect("valid regex"),
        md_emphasis: Regex::new(r"\*+|__").expect("valid regex"),
    })
}

/// Whether a line starts a list item, a heading or a transcript's turn ("- ", "* ", "1. ", "# ",
/// "Jane Roe: ").
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['-', '*', '•', '#', '>', '|'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        })
        || speaker_label(t)
}

/// Whether a line opens with a speaker's label: one to four capitalised words and ": ".
fn speaker_label(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(name, _)| {
        let words: Vec<&str> = name.split(' ').collect();
        words.len() <= 4
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Text wrapped at a fixed width (mail, Project Gutenberg, fixed-width exports) breaks lines in
/// the middle of sentences. When at least two lines of a text end without a sentence's final
/// punctuation and go on on the next line, the text is taken as wrapped: a single line break
/// between two lines of a paragraph becomes a space (same byte length, so offsets stay); a blank
/// line, a list item or a heading still ends a paragraph.
fn unwrap_lines(norm: &mut String) {
    let lines: Vec<&str> = norm.split('\n').collect();
    let ends_sentence = |l: &str| {
        l.trim_end()
            .ends_with(['.', '!', '?', ':', ';', '"', '\'', ')', ']'])
    };
    let goes_on = |k: usize| {
        k + 1 < lines.len()
            && !lines[k].trim().is_empty()
            && !lines[k + 1].trim().is_empty()
            && !starts_block(lines[k + 1])
            && !lines[k].trim_start().starts_with('#')
    };
    let wraps = (0..lines.len())
        .filter(|&k| goes_on(k) && !ends_sentence(lines[k]))
        .count();
    if wraps < 2 {
        return;
    }
    let mut at = Vec::new();
    let mut pos = 0;
    for (k, line) in lines.iter().enumerate() {
        pos += line.len();
        if goes_on(k) {
            at.push(pos);
        }
        pos += 1;
    }
    for i in at {
        norm.replace_range(i..i + 1, " ");
    }
}

/// The characters of a text in Unicode NFC (a decomposed "c" + combining cedilla is "ç"), each
/// with the byte offset in the text of the character its composition starts at. Text already in
/// NFC (nearly all) is passed through as it is.
fn nfc_chars(text: &str) -> Box<dyn Iterator<Item = (usize, char)> + '_> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Box::new(text.char_indices());
    }
    // segments: a character that combines with nothing before it, and the marks after it
    let mut out = Vec::with_capacity(text.len());
    let mut start = 0;
    let flush = |a: usize, b: usize, out: &mut Vec<(usize, char)>| {
        out.extend(text[a..b].nfc().map(|c| (a, c)));
    };
    for (i, c) in text.char_indices() {
        if i > start && canonical_combining_class(c) == 0 {
            flush(start, i, &mut out);
            start = i;
        }
    }
    flush(start, text.len(), &mut out);
    Box::new(out.into_iter())
}

/// Cleans `original`. Never fails; an empty result means there was no text.
pub fn clean(original: &str, markup: Markup) -> Cleaned {
    // 1. normalise characters, remembering where each byte came from
    let mut norm = String::with_capacity(original.len());
    let mut map: Vec<u32> = Vec::with_capacity(original.len() + 1);
    for (i, c) in nfc_chars(original) {
        if let Some(n) = normalise(c) {
            norm.push(n);
            map.extend(std::iter::repeat_n(i as u32, n.len_utf8()));
        }
    }
    map.push(original.len() as u32);
    if markup != Markup::Html {
        unwrap_lines(&mut norm);
    }

    // 2. decide which byte ranges of `norm` to drop and where to insert line breaks
    let mut drop = vec![false; norm.len()];
    let mut breaks: Vec<usize> = Vec::new();
    let r = regexes();
    let mut first_line = true;
    let mut line_start = 0;
    for line in norm.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let base = line_start;
        line_start += line.len();
        if content.trim().is_empty() {
            continue;
        }
        let mut mark =
            |a: usize, b: usize| drop[base + a..base + b].iter_mut().for_each(|d| *d = true);
        if first_line {
            first_line = false;
            if let Some(k) = doubled_prefix(content) {
                mark(0, k);
                if 2 * k < content.len() {
                    breaks.push(base + 2 * k);
                }
            }
        }
        if r.byline.is_match(content) || r.credits.is_match(content) {
            mark(0, line.len());
            continue;
        }
        if let Some(m) = r.dateline.find(content) {
            mark(m.start(), m.end());
        }
        if markup == Markup::Markdown {
            if let Some(m) = r.md_prefix.find(content) {
                mark(m.start(), m.end());
            }
            for c in r.md_link.captures_iter(content) {
                let (all, text) = (c.get(0).expect("match"), c.get(1).expect("group"));
                mark(all.start(), text.start());
                mark(text.end(), all.end());
            }
            for m in r.md_emphasis.find_iter(content) {
                for (j, ch) in content[m.start()..m.end()].char_indices() {
                    if ch == '*' || ch == '_' {
                        mark(m.start() + j, m.start() + j + 1);
                    }
                }
            }
        }
    }

    // 3. build the cleaned text
    let mut text = String::with_capacity(norm.len());
    let mut offsets = Vec::with_capacity(norm.len() + 1);
    let mut next_break = breaks.iter().peekable();
    for (i, c) in norm.char_indices() {
        if next_break.peek().is_some_and(|&&b| b == i) {
            next_break.next();
            text.push('\n');
            offsets.push(map[i]);
        }
        if drop[i] {
            continue;
        }
        text.push(c);
        offsets.extend_from_slice(&map[i..i + c.len_utf8()]);
    }
    offsets.push(original.len() as u32);
    Cleaned { text, offsets }
}

/// If the line starts with some text repeated twice ("TitleTitle..."), the length of one copy.
fn doubled_prefix(line: &str) -> Option<usize> {
    let n = line.len();
    (20..=n / 2)
        .rev()
        .filter(|&k| line.is_char_boundary(k) && line.is_char_boundary(2 * k))
        .find(|&k| line[..k] == line[k..2 * k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_doubled_title_dateline_and_byline() {
        let t = "Big news today says AliceBig news today says Alice\n\n(Reuters) \u{2013} Alice said \u{201C}hi\u{201D}.\n\nBy admin";
        let c = clean(t, Markup::Plain);
        assert_eq!(
            c.text,
            "Big news today says Alice\n\nAlice said \"hi\".\n\n"
        );
        // every cleaned byte maps back to the same character in the original
        let a = c.text.find("Alice said").unwrap();
        let o = c.offsets[a] as usize;
        assert!(t[o..].starts_with("Alice said"));
        assert_eq!(c.offsets.len(), c.text.len() + 1);
    }

    #[test]
    fn glued_title_gets_a_line_break() {
        let c = clean(
            "A title that is long enoughA title that is long enoughBody text.",
            Markup::Plain,
        );
        assert_eq!(c.text, "A title that is long enough\nBody text.");
    }

    #[test]
    fn markdown_markup_is_removed() {
        let c = clean(
            "# Heading\n\nSee **this** [link](http://x.org) now.",
            Markup::Markdown,
        );
        assert_eq!(c.text, "Heading\n\nSee this link now.");
    }

    #[test]
    fn wrapped_lines_join_but_a_speakers_turn_starts_its_own_line() {
        let t =
            "The plant closed and\nthe workers left\nJane Roe: we were\ntold nothing\nJohn Li: No.";
        let c = clean(t, Markup::Plain);
        assert_eq!(
            c.text,
            "The plant closed and the workers left\nJane Roe: we were told nothing\nJohn Li: No."
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "", "\n\n", "By", "\u{FEFF}", "(A) - ", "éé", "**", "[](", "\r\n",
        ] {
            let c = clean(s, Markup::Markdown);
            assert_eq!(c.offsets.len(), c.text.len() + 1);
        }
    }
}
