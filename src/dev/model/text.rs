//! Word views shared by the statistical models: lower case, shape, suffixes, computed once per
//! sentence into one buffer (no allocation per token in the hot loop).

/// The words of one sentence with their lower-case forms and shapes.
#[derive(Default)]
pub struct Words {
    buf: String,
    /// (start, end) of the lower-case form and of the shape in `buf`, and the original word.
    spans: Vec<(u32, u32, u32, u32)>,
    originals: Vec<(u32, u32)>,
    orig_buf: String,
    /// Whether most letters of the sentence are upper case (a headline in capitals).
    pub all_caps: bool,
}

impl Words {
    /// Fills the view from the words of a sentence.
    pub fn fill<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        self.fill_cased(words, false);
    }
    /// Fills the view from the words of a sentence read lower-cased (as the recogniser for text
    /// without capitals reads a text in capitals): [`Words::word`] gives the lower-case word too.
    pub fn fill_lower<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        self.fill_cased(words, true);
    }
    fn fill_cased<'a>(&mut self, words: impl Iterator<Item = &'a str>, lower: bool) {
        self.buf.clear();
        self.spans.clear();
        self.originals.clear();
        self.orig_buf.clear();
        let (mut upper, mut letters) = (0usize, 0usize);
        for w in words {
            let o0 = self.orig_buf.len() as u32;
            if lower {
                self.orig_buf.extend(w.chars().flat_map(char::to_lowercase));
            } else {
                self.orig_buf.push_str(w);
            }
            self.originals.push((o0, self.orig_buf.len() as u32));
            let w = &self.orig_buf[o0 as usize..];
            let a = self.buf.len() as u32;
            for c in w.chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        upper += 1;
                    }
                }
                self.buf.extend(c.to_lowercase());
            }
            let b = self.buf.len() as u32;
            // shape: X x d and other characters, runs longer than 2 collapsed
            let mut last = '\0';
            let mut run = 0;
            for c in w.chars() {
                let s = if c.is_uppercase() {
                    'X'
                } else if c.is_lowercase() {
                    'x'
                } else if c.is_ascii_digit() {
                    'd'
                } else {
                    c
                };
                if s == last {
                    run += 1;
                    if run >= 2 {
                        continue;
                    }
                } else {
                    run = 0;
                }
                self.buf.push(s);
                last = s;
            }
            self.spans.push((a, b, b, self.buf.len() as u32));
        }
        self.all_caps = letters >= 8 && upper * 10 >= letters * 8;
    }
    /// Number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }
    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
    /// The word as written.
    pub fn word(&self, i: usize) -> &str {
        let (a, b) = self.originals[i];
        &self.orig_buf[a as usize..b as usize]
    }
    /// The lower-case word.
    pub fn lower(&self, i: usize) -> &str {
        let s = self.spans[i];
        &self.buf[s.0 as usize..s.1 as usize]
    }
    /// The word's shape ("Xx", "d.d", "XX").
    pub fn shape(&self, i: usize) -> &str {
        let s = self.spans[i];
        &self.buf[s.2 as usize..s.3 as usize]
    }
}

/// The last `n` characters of a word (the whole word when shorter).
pub fn suffix(w: &str, n: usize) -> &str {
    let mut it = w.char_indices().rev();
    let mut start = 0;
    for _ in 0..n {
        match it.next() {
            Some((i, _)) => start = i,
            None => return w,
        }
    }
    &w[start..]
}

/// The first `n` characters of a word.
pub fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views() {
        let mut w = Words::default();
        w.fill(["Stoltenberg", "said", "800,000", "U.S."].into_iter());
        assert_eq!(w.lower(0), "stoltenberg");
        assert_eq!(w.shape(0), "Xxx");
        assert_eq!(w.shape(2), "dd,dd");
        assert_eq!(w.shape(3), "X.X.");
        assert_eq!(suffix("émigré", 3), "gré");
        assert_eq!(prefix("émigré", 1), "é");
        assert!(!w.all_caps);
        w.fill(["JAPAN", "GET", "LUCKY", "WIN"].into_iter());
        assert!(w.all_caps);
    }

    #[test]
    fn a_lower_cased_view_is_the_view_of_the_lower_cased_words() {
        let words = ["JAPAN", "GET", "LUCKY", "WIN", "İstanbul", "U.S."];
        let (mut a, mut b) = (Words::default(), Words::default());
        a.fill_lower(words.into_iter());
        let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        b.fill(lowered.iter().map(String::as_str));
        for i in 0..words.len() {
            assert_eq!(
                (a.word(i), a.lower(i), a.shape(i)),
                (b.word(i), b.lower(i), b.shape(i))
            );
        }
        assert_eq!(a.word(0), "japan");
        assert!(!a.all_caps && !b.all_caps);
    }
}
