//! The learning machinery shared by the statistical stages: the averaged perceptron, word views,
//! and the trained models (tagger, lemmatizer, entity recogniser, parser) embedded from
//! `data/models/` and loaded once for all threads.
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::sync::OnceLock;

pub mod beam;
pub mod confidence;
pub mod lemmatizer;
pub mod ner;
pub mod oracle;
pub mod parser;
pub mod perceptron;
pub mod table;
pub mod tagger;
pub mod text;

macro_rules! model_file {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/", $name))
    };
}

const TAGGER: &[u8] = model_file!("tagger.kgm");
const TAGGER2: &[u8] = model_file!("tagger2.kgm");
const NER: &[u8] = model_file!("ner.kgm");
const NER_LOWER: &[u8] = model_file!("ner-lower.kgm");
const PARSER: &[u8] = model_file!("parser.kgm");
const LABELER: &[u8] = model_file!("labeler.kgm");
const LEMMA_RULES: &[u8] = model_file!("lemma_rules.tsv");
const BEAM_PARSER: &[u8] = model_file!("parser-beam.kgm");
const FACTS: &[u8] = model_file!("facts.tsv");
const COREF: &[u8] = model_file!("coref.tsv");
const COREF_UNNAMED: &[u8] = model_file!("coref-unnamed.tsv");

/// Every trained model.
pub struct Models {
    /// The part-of-speech tagger.
    pub tagger: tagger::Tagger,
    /// The lemmatizer's suffix rules.
    pub lemmatizer: lemmatizer::Lemmatizer,
    /// The entity recogniser (and its model for text without capitals).
    pub ner: ner::Ner,
    /// The recogniser for text written without capitals (trained on lower-cased sentences),
    /// loaded on first use: most text never needs it.
    ner_lower: OnceLock<ner::Ner>,
    /// The greedy dependency parser.
    pub parser: parser::Parser,
    /// The transition model for beam search (it shares the greedy parser's labeller), loaded on
    /// first use so that greedy runs do not pay for it.
    beam: OnceLock<perceptron::Model>,
    /// The confidence of candidate facts (empty: the patterns' own confidences stand).
    pub facts: confidence::FactModel,
    /// The linking of pronouns and descriptions to entities (empty: none are linked).
    pub coref: confidence::FactModel,
    /// The linking of the pronouns and descriptions left over into chains of unnamed things
    /// ("the document ... it"; empty: none are).
    pub coref_unnamed: confidence::FactModel,
}

impl Models {
    /// The recogniser for a text of this casing, and whether it reads the words lower-cased:
    /// a text without capitals, or in capitals throughout, goes lower-cased to the recogniser
    /// trained on lower-cased sentences (`ner-lower.kgm`) when it is present; other text to the
    /// main one as written.
    pub fn ner_for(&self, casing: ner::Casing) -> (&ner::Ner, bool) {
        if casing != ner::Casing::Mixed {
            let lower = self.ner_lower.get_or_init(|| ner::Ner {
                model: Source::Embedded
                    .model("ner-lower.kgm", NER_LOWER)
                    .unwrap_or_default(),
            });
            if !lower.is_empty() {
                return (lower, casing == ner::Casing::Upper);
            }
        }
        (&self.ner, false)
    }

    /// Heads (index, or `n` for the root) and relation indices (into the labeller's classes) of
    /// a tagged sentence, parsed with beam width `beam`: greedily at 1; above 1 with the model
    /// trained for beam search, or greedily when that model is missing.
    /// `alts`: the tagger's runner-up tags ([`tagger::Tagger::tag_alt`]; may be empty).
    pub fn parse(
        &self,
        w: &text::Words,
        tags: &[crate::doc::Pos],
        alts: &[crate::doc::Pos],
        beam: usize,
    ) -> (Vec<usize>, Vec<usize>) {
        // the beam model is loaded only when asked for
        match (beam > 1).then(|| self.beam_moves()).flatten() {
            Some(moves) => beam::parse(moves, &self.parser.labels, w, tags, alts, beam),
            None => self.parser.parse(w, tags, alts),
        }
    }
    /// The transition model for beam search (loaded now if not yet); None when it is missing.
    pub fn beam_moves(&self) -> Option<&perceptron::Model> {
        let m = self.beam.get_or_init(|| {
            Source::Embedded
                .model("parser-beam.kgm", BEAM_PARSER)
                .unwrap_or_default()
        });
        (!m.is_empty()).then_some(m)
    }
}

/// Where the models come from: the copies embedded in the binary, or a folder whose files replace
/// them (a retrained model tried before it is committed).
enum Source<'a> {
    Embedded,
    Dir(&'a std::path::Path),
}

impl Source<'_> {
    /// The bytes of model file `name`: the folder's file when it has one, else the embedded copy.
    fn bytes(&self, name: &str, embedded: &'static [u8]) -> Result<Cow<'static, [u8]>> {
        match self {
            Source::Dir(d) if d.join(name).exists() => std::fs::read(d.join(name))
                .map(Cow::Owned)
                .map_err(|e| Error::io(d.join(name), e)),
            _ => Ok(Cow::Borrowed(embedded)),
        }
    }

    /// Model file `name`, parsed.
    fn model(&self, name: &str, embedded: &'static [u8]) -> Result<perceptron::Model> {
        let b = self.bytes(name, embedded)?;
        perceptron::Model::from_bytes(&b).map_err(|e| self.bad(name, e))
    }

    fn bad(&self, name: &str, reason: impl std::fmt::Display) -> Error {
        let path = match self {
            Source::Dir(d) => d.join(name),
            Source::Embedded => std::path::PathBuf::from(format!("embedded {name}")),
        };
        Error::bad(path, format!("unusable model: {reason}"))
    }
}

impl Models {
    /// The models embedded in the binary (trained from the open data by `kgraph train`).
    pub fn embedded() -> Models {
        Models::load(&Source::Embedded).expect("the embedded models are checked by the tests")
    }

    /// The embedded models with each file that folder `dir` holds (`tagger.kgm`, `tagger2.kgm`,
    /// `ner.kgm`, `ner-lower.kgm`, `parser.kgm`, `labeler.kgm`, `parser-beam.kgm`, `lemma_rules.tsv`, `facts.tsv`, `coref.tsv`, `coref-unnamed.tsv`)
    /// used instead.
    /// A file there that cannot be read or parsed is an error naming it.
    pub fn from_dir(dir: &std::path::Path) -> Result<Models> {
        let m = Models::load(&Source::Dir(dir))?;
        // the beam and lower-case models are read at once here, so that a bad file is reported
        // now
        let beam = Source::Dir(dir).model("parser-beam.kgm", BEAM_PARSER)?;
        let _ = m.beam.set(beam);
        let lower = Source::Dir(dir).model("ner-lower.kgm", NER_LOWER)?;
        let _ = m.ner_lower.set(ner::Ner { model: lower });
        Ok(m)
    }

    /// No trained model: every stage falls back on its rules (the tagger on the lexicon's
    /// readings, the recogniser on gazetteers and name shapes; sentences stay unparsed).
    pub fn none() -> Models {
        Models {
            tagger: tagger::Tagger::new(perceptron::Model::default(), perceptron::Model::default()),
            ner: ner::Ner {
                model: perceptron::Model::default(),
            },
            ner_lower: OnceLock::from(ner::Ner {
                model: perceptron::Model::default(),
            }),
            parser: parser::Parser {
                moves: perceptron::Model::default(),
                labels: perceptron::Model::default(),
            },
            lemmatizer: lemmatizer::Lemmatizer::default(),
            beam: OnceLock::from(perceptron::Model::default()),
            facts: confidence::FactModel::default(),
            coref: confidence::FactModel::default(),
            coref_unnamed: confidence::FactModel::default(),
        }
    }

    fn load(src: &Source) -> Result<Models> {
        let rules = src.bytes("lemma_rules.tsv", LEMMA_RULES)?;
        let rules = std::str::from_utf8(&rules).map_err(|e| src.bad("lemma_rules.tsv", e))?;
        let logistic = |name: &str, embedded: &'static [u8]| -> Result<confidence::FactModel> {
            let bytes = src.bytes(name, embedded)?;
            std::str::from_utf8(&bytes)
                .map_err(|e| src.bad(name, e))
                .and_then(|t| confidence::FactModel::from_tsv(t).map_err(|e| src.bad(name, e)))
        };
        let facts = logistic("facts.tsv", FACTS)?;
        let coref = logistic("coref.tsv", COREF)?;
        let coref_unnamed = logistic("coref-unnamed.tsv", COREF_UNNAMED)?;
        Ok(Models {
            tagger: tagger::Tagger::new(
                src.model("tagger.kgm", TAGGER)?,
                src.model("tagger2.kgm", TAGGER2)?,
            ),
            ner: ner::Ner {
                model: src.model("ner.kgm", NER)?,
            },
            ner_lower: OnceLock::new(),
            parser: parser::Parser {
                moves: src.model("parser.kgm", PARSER)?,
                labels: src.model("labeler.kgm", LABELER)?,
            },
            lemmatizer: lemmatizer::Lemmatizer::from_tsv(rules),
            beam: OnceLock::new(),
            facts,
            coref,
            coref_unnamed,
        })
    }
}
