//! GUM's CoNLL-U documents: their words and gold coreference chains (the MISC `Entity=`
//! column), and the documents a path names.
use super::Span;
use crate::doc::Document;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One GUM document: its words and the gold chains.
#[derive(Debug, Clone, Default)]
pub struct GoldDoc {
    /// The document's name.
    pub name: String,
    /// Its words, in order.
    pub words: Vec<String>,
    /// Whether a space follows each word.
    pub space_after: Vec<bool>,
    /// The UPOS tag of each word.
    pub upos: Vec<String>,
    /// The word each word hangs from in the treebank's parse (`usize::MAX` for a root).
    pub heads: Vec<usize>,
    /// The relation of each word to its head in the treebank's parse, without its subtype
    /// ("flat", "appos", "nmod").
    pub deps: Vec<String>,
    /// Chains by GUM entity id, each its mentions in order.
    pub chains: BTreeMap<String, Vec<Span>>,
    /// GUM's entity type of each chain ("person", "place", "organization", ...).
    pub kinds: BTreeMap<String, String>,
    /// Where the speaker changes in a transcript (GUM's `# speaker` comments): the first word of
    /// each turn and its speaker's name as a label ("" where a stretch with no speaker starts).
    pub turns: Vec<(usize, String)>,
}

impl GoldDoc {
    /// The word of a mention (first and last word) that hangs from outside it: its head.
    pub fn head_of(&self, (a, b): (usize, usize)) -> usize {
        (a..=b)
            .find(|&i| self.heads.get(i).is_none_or(|&h| h < a || h > b))
            .unwrap_or(b)
    }

    /// The text of the words (a space after each unless `SpaceAfter=No`) and the character
    /// offset where each word starts and ends. A transcript is written as one: each turn on a
    /// line of its own that opens with its speaker's name and a colon ("Christopher Hill: I
    /// ..."); those labels are no words.
    pub fn text(&self) -> (String, Vec<(usize, usize)>) {
        self.write(true)
    }

    /// The text of the words as one running text, with no speakers' labels (what the
    /// coreference model is trained on: a transcript's "I" and "you" are no decisions of its).
    pub fn running_text(&self) -> (String, Vec<(usize, usize)>) {
        self.write(false)
    }

    fn write(&self, labels: bool) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut at = Vec::with_capacity(self.words.len());
        let mut chars = 0;
        let mut turns = self.turns.iter().filter(|_| labels).peekable();
        for (i, (w, &sp)) in self.words.iter().zip(&self.space_after).enumerate() {
            if let Some((_, speaker)) = turns.next_if(|&&(first, _)| first == i) {
                let label = if speaker.is_empty() {
                    "\n".to_string()
                } else {
                    format!("\n{speaker}: ")
                };
                chars += label.chars().count();
                text.push_str(&label);
            }
            let n = w.chars().count();
            at.push((chars, chars + n));
            text.push_str(w);
            chars += n;
            if sp {
                text.push(' ');
                chars += 1;
            }
        }
        (text, at)
    }
}

/// Reads the documents of GUM CoNLL-U files (one document per file).
pub fn read_gum(path: &Path) -> Result<GoldDoc> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut d = GoldDoc {
        name: path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        ..Default::default()
    };
    // open mentions by entity id: their first words (a stack: nested mentions of one entity)
    let mut open: HashMap<String, Vec<usize>> = HashMap::new();
    // the speaker of the sentence being read, and whether its first word is still to come
    let (mut speaker, mut sentence_start) = (String::new(), true);
    let mut any_speaker = false;
    // the first word of the sentence being read (heads count from it)
    let mut first_word = 0;
    // the sentence's text and how much of it the words so far cover: the spacing comes from it
    // (GUM leaves `SpaceAfter=No` off some words, "Bernoulli 's" for "Bernoulli's")
    let mut sentence: Option<(String, usize)> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(c) = line.strip_prefix('#') {
            if let Some(t) = c.trim().strip_prefix("text = ") {
                sentence = Some((t.to_string(), 0));
            } else if let Some(name) = c.trim().strip_prefix("speaker = ") {
                speaker = spell_speaker(name.trim());
                any_speaker = true;
            } else if c.trim().starts_with("sent_id") {
                speaker.clear();
            }
            continue;
        }
        if line.trim().is_empty() {
            if let Some(last) = d.space_after.last_mut() {
                *last = true;
            }
            sentence_start = true;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(Error::Data {
                path: path.into(),
                line: n + 1,
                reason: "a CoNLL-U line has 10 columns".into(),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let i = d.words.len();
        if std::mem::take(&mut sentence_start) {
            first_word = i;
            let last = d.turns.last().map_or("", |(_, s)| s.as_str());
            if any_speaker && last != speaker {
                d.turns.push((i, speaker.clone()));
            }
        }
        d.words.push(cols[1].to_string());
        d.upos.push(cols[3].to_string());
        d.heads.push(match cols[6].parse::<usize>() {
            Ok(h) if h > 0 => first_word + h - 1,
            _ => usize::MAX,
        });
        d.deps
            .push(cols[7].split(':').next().unwrap_or_default().to_string());
        let misc = cols[9];
        let spaced = sentence.as_mut().and_then(|(t, at)| {
            let rest = &t[*at..];
            let skip = rest.len() - rest.trim_start().len();
            let after = rest[skip..].strip_prefix(cols[1])?;
            *at += skip + cols[1].len();
            Some(after.is_empty() || after.starts_with(char::is_whitespace))
        });
        if spaced.is_none() {
            // the words do not spell the text: MISC says the spacing from here on
            sentence = None;
        }
        d.space_after
            .push(spaced.unwrap_or_else(|| !misc.split('|').any(|f| f == "SpaceAfter=No")));
        if let Some(ent) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) {
            parse_entity(ent, i, &mut open, &mut d.chains, &mut d.kinds);
        }
    }
    for spans in d.chains.values_mut() {
        spans.sort_unstable();
        spans.dedup();
    }
    Ok(d)
}

/// A GUM speaker id as a name: "ChristopherHill" → "Christopher Hill", "WilliamSSaturn" →
/// "William S Saturn".
fn spell_speaker(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let mut out = String::new();
    for (k, &c) in chars.iter().enumerate() {
        // a capital right after a letter starts a word
        let after_letter = k > 0 && (chars[k - 1].is_lowercase() || chars[k - 1].is_uppercase());
        if c.is_uppercase() && after_letter {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Reads one `Entity=` value at word `i`: "(1-person-...-Name" opens, "1)" closes, "(1-...)"
/// opens and closes.
fn parse_entity(
    ent: &str,
    i: usize,
    open: &mut HashMap<String, Vec<usize>>,
    chains: &mut BTreeMap<String, Vec<Span>>,
    kinds: &mut BTreeMap<String, String>,
) {
    let b = ent.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'(' {
            let rest = &ent[k + 1..];
            let end = rest.find(['(', ')']).unwrap_or(rest.len());
            let mut fields = rest[..end].split('-');
            let id = fields.next().unwrap_or("").to_string();
            if let Some(kind) = fields.next() {
                kinds.entry(id.clone()).or_insert_with(|| kind.to_string());
            }
            if rest[end..].starts_with(')') {
                chains.entry(id).or_default().push((i, i));
                k += 1 + end + 1;
            } else {
                open.entry(id).or_default().push(i);
                k += 1 + end;
            }
        } else if b[k] == b')' {
            k += 1;
        } else {
            let rest = &ent[k..];
            let end = rest.find(')').unwrap_or(rest.len());
            let id = rest[..end].to_string();
            if let Some(start) = open.get_mut(&id).and_then(Vec::pop) {
                chains.entry(id).or_default().push((start, i));
            }
            k += end + 1;
        }
    }
}

/// The GUM documents a path names: a CoNLL-U file, or a folder (the documents its `files.test`
/// lists, else all of its `.conllu` files).
pub fn gum_files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    if path.join("files.test").exists() {
        return split_files(path, "test");
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    out.sort();
    Ok(out)
}

/// The documents a GUM folder lists in `files.<split>` (those present), sorted.
pub fn split_files(dir: &Path, split: &str) -> Result<Vec<PathBuf>> {
    let list = dir.join(format!("files.{split}"));
    let text = std::fs::read_to_string(&list).map_err(|e| Error::io(&list, e))?;
    let mut out: Vec<PathBuf> = text
        .lines()
        .map(|n| dir.join(format!("{}.conllu", n.trim())))
        .filter(|p| p.exists())
        .collect();
    out.sort();
    Ok(out)
}

/// The gold words each token starts and ends in, given where each word lies in the text `doc`
/// was made from (as [`GoldDoc::text`] or [`GoldDoc::running_text`] wrote it);
/// `(usize::MAX, usize::MAX)` for a token of a speaker's label, which is no word.
pub fn token_words(doc: &Document, at: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // the character index of each byte of the original text
    let mut char_of = vec![0u32; doc.original.len() + 1];
    let mut c = 0u32;
    for (b, ch) in doc.original.char_indices() {
        for k in 0..ch.len_utf8() {
            char_of[b + k] = c;
        }
        c += 1;
    }
    char_of[doc.original.len()] = c;
    let word_at = |c: usize| {
        at.partition_point(|&(_, e)| e <= c)
            .min(at.len().saturating_sub(1))
    };
    doc.tokens
        .iter()
        .map(|t| {
            let (a, b) = doc.source_bytes(t.start, t.end);
            let (ca, cb) = (char_of[a] as usize, char_of[b.max(a)] as usize);
            let w = word_at(ca);
            if at.get(w).is_some_and(|&(s, _)| ca < s) {
                return (usize::MAX, usize::MAX);
            }
            (w, word_at(cb.saturating_sub(1).max(ca)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gum_entity_brackets_open_close_and_nest() {
        let mut open = HashMap::new();
        let mut chains = BTreeMap::new();
        let mut kinds = BTreeMap::new();
        parse_entity(
            "(1-person-new-x-Name",
            0,
            &mut open,
            &mut chains,
            &mut kinds,
        );
        parse_entity(
            "(2-place-new-x-Paris)",
            1,
            &mut open,
            &mut chains,
            &mut kinds,
        );
        parse_entity("1)", 2, &mut open, &mut chains, &mut kinds);
        parse_entity(
            "(1-person-giv-x-Name)",
            4,
            &mut open,
            &mut chains,
            &mut kinds,
        );
        assert_eq!(kinds["2"], "place");
        assert_eq!(chains["1"], vec![(0, 2), (4, 4)]);
        assert_eq!(chains["2"], vec![(1, 1)]);
    }

    #[test]
    fn the_words_are_spaced_as_the_sentence_text_writes_them() {
        let row =
            |i: usize, w: &str, misc: &str| format!("{i}\t{w}\t{w}\tX\tX\t_\t0\troot\t_\t{misc}\n");
        // GUM leaves SpaceAfter=No off "Bernoulli"; the second sentence's words do not spell its
        // text, so MISC says its spacing
        let mut conllu = String::from("# text = Bernoulli's law.\n");
        conllu += &row(1, "Bernoulli", "Entity=(1-person-giv-x-B)");
        conllu += &row(2, "'s", "Entity=1)");
        conllu += &row(3, "law", "SpaceAfter=No");
        conllu += &row(4, ".", "_");
        conllu += "\n# text = Something else\n";
        conllu += &row(1, "It", "_");
        conllu += &row(2, "ends", "SpaceAfter=No");
        conllu += &row(3, ".", "_");
        let path =
            std::env::temp_dir().join(format!("kgraph-gum-text-{}.conllu", std::process::id()));
        std::fs::write(&path, conllu).unwrap();
        let d = read_gum(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(d.text().0, "Bernoulli's law. It ends. ");
    }

    #[test]
    fn a_transcripts_turns_are_written_as_lines_with_their_speakers_label() {
        let row =
            |i: usize, w: &str, misc: &str| format!("{i}\t{w}\t{w}\tX\tX\t_\t0\troot\t_\t{misc}\n");
        let mut conllu = String::from("# sent_id = d-1\n# speaker = ChristopherHill\n");
        conllu += &row(1, "I", "Entity=(1-person-giv-x-I)");
        conllu += &row(2, "won", "SpaceAfter=No");
        conllu += &row(3, ".", "_");
        conllu += "\n# sent_id = d-2\n# speaker = WilliamSSaturn\n";
        conllu += &row(1, "Why", "SpaceAfter=No");
        conllu += &row(2, "?", "_");
        conllu += "\n# sent_id = d-3\n";
        conllu += &row(1, "End", "_");
        let path = std::env::temp_dir().join(format!("kgraph-gum-{}.conllu", std::process::id()));
        std::fs::write(&path, conllu).unwrap();
        let d = read_gum(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(
            d.turns,
            vec![
                (0, "Christopher Hill".to_string()),
                (3, "William S Saturn".to_string()),
                (5, String::new())
            ]
        );
        let (text, at) = d.text();
        assert_eq!(
            text,
            "\nChristopher Hill: I won. \nWilliam S Saturn: Why? \nEnd "
        );
        let word = |k: usize| {
            text.chars()
                .skip(at[k].0)
                .take(at[k].1 - at[k].0)
                .collect::<String>()
        };
        assert_eq!(
            (word(0), word(3), word(5)),
            ("I".into(), "Why".into(), "End".into())
        );
        assert_eq!(d.running_text().0, "I won. Why? End ");
    }
}
