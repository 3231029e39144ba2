//! The learning machinery shared by the statistical stages: the averaged perceptron, word views,
//! and the trained models (tagger, lemmatizer, entity recogniser, parser) embedded from
//! `data/models/` and loaded once for all threads.
use std::sync::OnceLock;

pub mod beam;
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
const PARSER: &[u8] = model_file!("parser.kgm");
const LABELER: &[u8] = model_file!("labeler.kgm");
const LEMMA_RULES: &[u8] = model_file!("lemma_rules.tsv");
const BEAM_PARSER: &[u8] = model_file!("parser-beam.kgm");

/// Every trained model.
pub struct Models {
    pub tagger: tagger::Tagger,
    pub lemmatizer: lemmatizer::Lemmatizer,
    pub ner: ner::Ner,
    pub parser: parser::Parser,
    /// The transition model for beam search (it shares the greedy parser's labeller), loaded on
    /// first use so that greedy runs do not pay for it.
    beam: OnceLock<perceptron::Model>,
}

impl Models {
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
        let m = self
            .beam
            .get_or_init(|| load("parser-beam.kgm", BEAM_PARSER));
        (!m.is_empty()).then_some(m)
    }
}

static MODELS: OnceLock<Models> = OnceLock::new();

/// The bytes of model file `name`: from the folder named by `KGRAPH_MODELS` when it has that file,
/// else the embedded copy.
fn bytes(name: &str, embedded: &'static [u8]) -> std::borrow::Cow<'static, [u8]> {
    std::env::var_os("KGRAPH_MODELS")
        .and_then(|d| std::fs::read(std::path::Path::new(&d).join(name)).ok())
        .map_or(
            std::borrow::Cow::Borrowed(embedded),
            std::borrow::Cow::Owned,
        )
}

/// Model file `name`, or an empty model (reported) when it cannot be read.
fn load(name: &str, embedded: &'static [u8]) -> perceptron::Model {
    perceptron::Model::from_bytes(&bytes(name, embedded)).unwrap_or_else(|e| {
        eprintln!("kgraph: model {name} is unusable ({e}); using rules");
        perceptron::Model::default()
    })
}

/// The shared models, loaded on first use: embedded in the binary, or read from the folder named
/// by the `KGRAPH_MODELS` environment variable (to try a retrained model before committing it).
/// A model file that cannot be read is reported and treated as absent (the rules take over).
pub fn get() -> &'static Models {
    MODELS.get_or_init(|| {
        let rules = bytes("lemma_rules.tsv", LEMMA_RULES);
        Models {
            tagger: tagger::Tagger::new(load("tagger.kgm", TAGGER), load("tagger2.kgm", TAGGER2)),
            ner: ner::Ner {
                model: load("ner.kgm", NER),
            },
            parser: parser::Parser {
                moves: load("parser.kgm", PARSER),
                labels: load("labeler.kgm", LABELER),
            },
            lemmatizer: lemmatizer::Lemmatizer::from_tsv(std::str::from_utf8(&rules).unwrap_or("")),
            beam: OnceLock::new(),
        }
    })
}
