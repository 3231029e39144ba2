//! Evaluation against standard files: POS and lemma accuracy and parse attachment scores on
//! CoNLL-U with gold tokenisation, entity precision/recall/F1 (conlleval rules) on IOB files, and
//! open triples on the CaRB benchmark.
pub mod carb;
pub mod conll04;
pub mod coref;
pub mod facts;

use crate::doc::Pos;
use crate::error::Result;
use crate::model::{text::Words, Models};
use crate::train::conllu::read_conllu;
use crate::Pipeline;
use std::path::Path;

/// POS tagging and lemma figures.
#[derive(Debug, Clone, Copy)]
pub struct PosScores {
    /// Tokens scored.
    pub tokens: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// Lemma accuracy.
    pub lemma: f64,
}

/// The models, when they include a usable tagger: the scores of the other stages mean nothing
/// without one.
fn usable_tagger(p: &Pipeline) -> Result<&Models> {
    let m = p.models();
    if m.tagger.is_empty() {
        return Err(crate::Error::bad(
            "tagger.kgm",
            "no usable tagger model, and eval needs one",
        ));
    }
    Ok(m)
}

/// Tags and lemmatises every sentence of a CoNLL-U file with its gold tokens, calling `each`
/// with the gold row, the predicted tag and the predicted lemma of every token.
fn tag_file(
    p: &Pipeline,
    path: &Path,
    mut each: impl FnMut(&crate::train::conllu::Row, Pos, String),
) -> Result<()> {
    let sents = read_conllu(path)?;
    let m = usable_tagger(p)?;
    let mut w = Words::default();
    let mut tags = Vec::new();
    for s in &sents {
        w.fill(s.iter().map(|r| r.form.as_str()));
        m.tagger.tag(p.lexicon(), &w, &mut tags);
        for (i, r) in s.iter().enumerate() {
            each(r, tags[i], lemma_string(p, &w, i, &tags));
        }
    }
    Ok(())
}

/// Tags and lemmatises a CoNLL-U file with gold tokens and scores the result.
pub fn pos(p: &Pipeline, path: &Path) -> Result<PosScores> {
    let (mut n, mut ok_pos, mut ok_lemma) = (0usize, 0usize, 0usize);
    tag_file(p, path, |r, tag, lemma| {
        n += 1;
        ok_pos += (tag.as_str() == r.upos) as usize;
        ok_lemma += (lemma == r.lemma) as usize;
    })?;
    let d = n.max(1) as f64;
    Ok(PosScores {
        tokens: n,
        upos: ok_pos as f64 / d,
        lemma: ok_lemma as f64 / d,
    })
}

/// The lemma of word `i` as a string (as the pipeline gives it).
pub fn lemma_string(p: &Pipeline, w: &Words, i: usize, tags: &[Pos]) -> String {
    p.models()
        .lemmatizer
        .lemma_text_at(p.lexicon(), w, i, tags)
        .map_or_else(|| w.lower(i).to_string(), |l| l.into_owned())
}

/// One lemma error: (form, gold tag, predicted tag, gold lemma, predicted lemma).
pub type LemmaError = (String, String, String, String, String);

/// Lemma errors of a CoNLL-U file.
pub fn lemma_errors(p: &Pipeline, path: &Path) -> Result<Vec<LemmaError>> {
    let mut out = Vec::new();
    tag_file(p, path, |r, tag, lemma| {
        if lemma != r.lemma {
            out.push((
                r.form.clone(),
                r.upos.clone(),
                tag.as_str().to_string(),
                r.lemma.clone(),
                lemma,
            ));
        }
    })?;
    Ok(out)
}

/// Entity precision, recall and F1.
#[derive(Debug, Clone, Default)]
pub struct NerScores {
    /// Sentences scored.
    pub sentences: usize,
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities with the gold span and type.
    pub correct: usize,
    /// Per type: (type, gold, predicted, correct).
    pub per_type: Vec<(String, usize, usize, usize)>,
}

impl NerScores {
    /// Correct over predicted.
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    /// Correct over gold.
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// IOB2 tags to spans (start, end, type); an I- without a matching B- starts a span (conlleval).
pub fn iob_spans(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, ty) = match t.split_once('-') {
            Some((p, ty)) => (p, ty),
            None => ("O", ""),
        };
        let continues = p == "I" && cur.as_ref().is_some_and(|(_, c)| c == ty);
        if !continues {
            if let Some((s, c)) = cur.take() {
                out.push((s, i, c));
            }
            if p == "B" || p == "I" {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, c)) = cur {
        out.push((s, tags.len(), c));
    }
    out
}

/// How `eval ner` cases the gold file's words before the recogniser reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Case {
    /// As written.
    #[default]
    AsIs,
    /// Every word in lower case ("flew to london").
    Lower,
    /// Every word in upper case ("FLEW TO LONDON").
    Upper,
}

impl Case {
    /// `word` in this case.
    pub fn apply(self, word: &str) -> String {
        match self {
            Case::AsIs => word.to_string(),
            Case::Lower => word.to_lowercase(),
            Case::Upper => word.to_uppercase(),
        }
    }
}

/// What `eval ner` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NerMode {
    /// The product's entity stage: gazetteers, title rules and the statistical recogniser
    /// together, over whole documents (as `build` runs it).
    #[default]
    Pipeline,
    /// The statistical recogniser alone, sentence by sentence.
    Model,
}

/// Runs the recogniser on an IOB file with gold tokens (UNER: tag in the third column; CoNLL:
/// tag last, IOB1) and scores PER/ORG/LOC spans (gold MISC is dropped). When `predictions` is
/// given, writes `TOKEN GOLD PRED` lines (the input of the conlleval-style scorer ner.py).
pub fn ner(
    p: &Pipeline,
    path: &Path,
    mode: NerMode,
    case: Case,
    mut predictions: Option<&mut dyn std::io::Write>,
) -> Result<NerScores> {
    let mut docs = crate::train::conllu::read_iob_docs(path)?;
    if case != Case::AsIs {
        for (word, _) in docs.iter_mut().flatten().flatten() {
            *word = case.apply(word);
        }
    }
    let mut s = NerScores::default();
    let types = ["PER", "ORG", "LOC"];
    let mut per: Vec<(String, usize, usize, usize)> =
        types.iter().map(|t| (t.to_string(), 0, 0, 0)).collect();
    for doc in &docs {
        let preds = match mode {
            NerMode::Model => {
                let casing = crate::model::ner::casing(
                    doc.iter().map(|s| s.iter().map(|(w, _)| w.as_str())),
                );
                doc.iter().map(|s| model_labels(p, s, casing)).collect()
            }
            NerMode::Pipeline => pipeline_labels(p, doc),
        };
        for (sent, pred) in doc.iter().zip(preds) {
            s.sentences += 1;
            let gold_tags: Vec<String> = sent
                .iter()
                .map(|(_, t)| {
                    if t.ends_with("MISC") {
                        "O".to_string()
                    } else {
                        t.clone()
                    }
                })
                .collect();
            let gold = iob_spans(&gold_tags);
            let predicted = iob_spans(&pred);
            s.gold += gold.len();
            s.predicted += predicted.len();
            for g in &gold {
                if let Some(p) = per.iter_mut().find(|p| p.0 == g.2) {
                    p.1 += 1;
                }
            }
            for p in &predicted {
                let hit = gold.contains(p);
                s.correct += hit as usize;
                if let Some(t) = per.iter_mut().find(|t| t.0 == p.2) {
                    t.2 += 1;
                    t.3 += hit as usize;
                }
            }
            if let Some(out) = predictions.as_mut() {
                for (i, (word, _)) in sent.iter().enumerate() {
                    writeln!(out, "{word} {} {}", gold_tags[i], pred[i])
                        .map_err(|e| crate::Error::io("<predictions>", e))?;
                }
                writeln!(out).map_err(|e| crate::Error::io("<predictions>", e))?;
            }
        }
    }
    s.per_type = per;
    Ok(s)
}

/// IOB2 labels of the statistical recogniser for one sentence.
fn model_labels(
    p: &Pipeline,
    sent: &crate::train::conllu::IobSentence,
    casing: crate::model::ner::Casing,
) -> Vec<String> {
    let (m, lx) = (p.models(), p.lexicon());
    let mut w = Words::default();
    let mut tags = Vec::new();
    w.fill(sent.iter().map(|(x, _)| x.as_str()));
    m.tagger.tag(lx, &w, &mut tags);
    let (ner, lower) = m.ner_for(casing);
    if lower {
        w.fill_lower(sent.iter().map(|(x, _)| x.as_str()));
    }
    ner.labels(lx, &w, &tags)
}

/// IOB2 labels of the pipeline's entity stage for the sentences of one document: the gold tokens
/// become a document (one sentence per line) that is tagged, parsed and searched for names.
fn pipeline_labels(p: &Pipeline, sents: &[crate::train::conllu::IobSentence]) -> Vec<Vec<String>> {
    use crate::doc::{Document, EntityType, MentionSource, Sentence, Token};
    let mut d = Document {
        id: "eval".into(),
        ..Default::default()
    };
    let mut text = String::new();
    for sent in sents {
        let first = d.tokens.len();
        let start = text.len();
        for (k, (word, _)) in sent.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let a = text.len();
            text.push_str(word);
            d.tokens.push(Token {
                start: a,
                end: text.len(),
                ..Default::default()
            });
        }
        if let Some(t) = d.tokens.last_mut() {
            t.newline_after = true;
        }
        let last = sent.last().map_or("", |(w, _)| w.as_str());
        d.sentences.push(Sentence {
            tokens: first..d.tokens.len(),
            start,
            end: text.len(),
            headline: !matches!(last, "." | "!" | "?" | "\"" | "'" | ":" | ";"),
        });
        text.push('\n');
    }
    d.offsets = (0..=text.len() as u32).collect();
    d.original = text.clone();
    d.text = text;
    let (m, lx) = (p.models(), p.lexicon());
    crate::pipeline::tagger::tag(&mut d, m, lx);
    crate::pipeline::parser::parse(&mut d, m, 1);
    crate::pipeline::entities::recognise(&mut d, m, lx);
    crate::pipeline::coref::resolve(&mut d, lx);
    let mut labels: Vec<Vec<String>> = sents
        .iter()
        .map(|s| vec!["O".to_string(); s.len()])
        .collect();
    // names only: pronouns, demonyms, groups ("Russian forces") and descriptions of a capital
    // ("the Ukrainian capital") are mentions of entities but not names
    for men in &d.mentions {
        if matches!(
            men.source,
            MentionSource::Pronoun
                | MentionSource::Demonym
                | MentionSource::Group
                | MentionSource::Capital
        ) {
            continue;
        }
        // the type of the entity the mention joined, as the graph shows it
        let kind = men.entity.map_or(men.kind, |e| d.entities[e].kind);
        let ty = match kind.coarse() {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::LOC => "LOC",
            _ => continue,
        };
        let first = d.sentences[men.sentence].tokens.start;
        let row = &mut labels[men.sentence];
        for (k, i) in men.tokens.clone().enumerate() {
            let p = if k == 0 { "B" } else { "I" };
            row[i - first] = format!("{p}-{ty}");
        }
    }
    labels
}

/// Attachment scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseScores {
    /// Tokens scored.
    pub tokens: usize,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled, comparing the universal relation (the part before ":"), as the UD evaluation does.
    pub las: f64,
    /// Labelled, comparing full relations with subtypes ("obl:tmod").
    pub las_full: f64,
}

/// Tags and parses a CoNLL-U file with gold tokens; every token counts, punctuation included.
pub fn parse(
    p: &Pipeline,
    path: &Path,
    k: usize,
    mut predictions: Option<&mut dyn std::io::Write>,
) -> Result<ParseScores> {
    let sents = read_conllu(path)?;
    let m = usable_tagger(p)?;
    let labels_of = &m.parser.labels.classes;
    let mut w = Words::default();
    let (mut tags, mut alts) = (Vec::new(), Vec::new());
    let (mut n, mut u, mut l, mut lf) = (0usize, 0usize, 0usize, 0usize);
    let io = |e| crate::Error::io("<predictions>", e);
    for s in &sents {
        w.fill(s.iter().map(|r| r.form.as_str()));
        m.tagger.tag_alt(p.lexicon(), &w, &mut tags, &mut alts);
        let (heads, labels) = m.parse(&w, &tags, &alts, k);
        let len = s.len();
        for (i, r) in s.iter().enumerate() {
            n += 1;
            let gold = if r.head == 0 { len } else { r.head - 1 };
            let pred = labels_of.get(labels[i]).map_or("", String::as_str);
            if heads[i] == gold {
                u += 1;
                let uni = |x: &str| x.split(':').next().unwrap_or("").to_string();
                l += (uni(pred) == uni(&r.deprel)) as usize;
                lf += (pred == r.deprel) as usize;
            }
            if let Some(out) = predictions.as_mut() {
                let head = if heads[i] >= len { 0 } else { heads[i] + 1 };
                writeln!(
                    out,
                    "{}\t{}\t_\t{}\t_\t_\t{}\t{}\t_\t_",
                    i + 1,
                    r.form,
                    tags[i].as_str(),
                    head,
                    pred
                )
                .map_err(io)?;
            }
        }
        if let Some(out) = predictions.as_mut() {
            writeln!(out).map_err(io)?;
        }
    }
    let d = n.max(1) as f64;
    Ok(ParseScores {
        tokens: n,
        uas: u as f64 / d,
        las: l as f64 / d,
        las_full: lf as f64 / d,
    })
}

/// Runs the pipeline on every sentence of a CaRB gold file and scores its open triples.
/// With `out`, the extractions are also written in CaRB's tab format (sentence, confidence,
/// relation, arguments).
pub fn carb(
    p: &Pipeline,
    path: &Path,
    out: Option<&mut dyn std::io::Write>,
) -> Result<carb::CarbScores> {
    let gold = carb::read_gold(path)?;
    if gold.is_empty() {
        return Err(crate::error::Error::bad(
            path,
            "no CaRB extractions (sentence, relation, arguments separated by tabs)",
        ));
    }
    let mut predicted = std::collections::HashMap::new();
    let mut lines = String::new();
    for (sentence, _) in &gold {
        let ex = open_extractions(p, sentence);
        for e in &ex {
            lines.push_str(&carb::tab_line(sentence, e));
        }
        predicted.insert(sentence.clone(), ex);
    }
    if let Some(out) = out {
        out.write_all(lines.as_bytes())
            .map_err(|e| crate::error::Error::Write {
                path: "predictions".into(),
                source: e,
            })?;
    }
    Ok(carb::score_all(&gold, &predicted))
}

/// The open triples of one sentence (a document of its own) as CaRB extractions.
pub fn open_extractions(p: &Pipeline, sentence: &str) -> Vec<carb::Extraction> {
    let d = p.annotate("carb", sentence);
    crate::pipeline::open::extract(&d, p.lexicon())
        .into_iter()
        .map(|f| {
            let mut args = vec![f.subject];
            args.extend(f.args);
            carb::Extraction {
                relation: f.relation,
                args,
                confidence: f.confidence,
            }
        })
        .collect()
}
