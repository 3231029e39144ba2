//! The learning machinery shared by the statistical stages: the averaged perceptron, word views,
//! and the trained models (tagger, lemmatizer, entity recogniser, parser) embedded from
//! `data/models/` and loaded once for all threads.
use std::sync::OnceLock;

pub mod lemmatizer;
pub mod ner;
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

/// Every trained model.
pub struct Models {
    pub tagger: tagger::Tagger,
    pub lemmatizer: lemmatizer::Lemmatizer,
    pub ner: ner::Ner,
    pub parser: parser::Parser,
}

static MODELS: OnceLock<Models> = OnceLock::new();

/// The shared models, loaded on first use: embedded in the binary, or read from the folder named
/// by the `KGRAPH_MODELS` environment variable (to try a retrained model before committing it).
/// A model file that cannot be read is reported and treated as absent (the rules take over).
pub fn get() -> &'static Models {
    MODELS.get_or_init(|| {
        let dir = std::env::var_os("KGRAPH_MODELS").map(std::path::PathBuf::from);
        let bytes = |name: &str, embedded: &'static [u8]| -> std::borrow::Cow<'static, [u8]> {
            match &dir {
                // a file missing from that folder falls back to the embedded one
                Some(d) => std::fs::read(d.join(name))
                    .map(std::borrow::Cow::Owned)
                    .unwrap_or(std::borrow::Cow::Borrowed(embedded)),
                None => std::borrow::Cow::Borrowed(embedded),
            }
        };
        let load = |name: &str, b: &'static [u8]| {
            perceptron::Model::from_bytes(&bytes(name, b)).unwrap_or_else(|e| {
                eprintln!("kgraph: model {name} is unusable ({e}); using rules");
                perceptron::Model::default()
            })
        };
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
        }
    })
}
