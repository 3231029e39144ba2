//! The pipeline: each stage is a function over a [`Document`] that reads some annotations and adds
//! its own, taking the models and word lists it uses as arguments; [`Pipeline`] holds them and
//! runs the stages in order.
//!
//! tokenize → sentences → tagger → parser → entities → coref → anaphora → relations → facts (confidence)
use crate::doc::Document;
use crate::lexicon::Lexicon;
use crate::model::Models;
use std::sync::Arc;

pub mod anaphora;
pub mod batch;
pub mod clauses;
pub mod coref;
pub mod entities;
pub mod facts;
pub mod guard;
pub mod open;
pub mod parser;
pub mod relations;
pub mod sentences;
pub mod tagger;
pub mod tokenize;
pub mod units;

/// Choices that trade speed for accuracy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Beam width of the dependency parser: 1 parses greedily (fastest); above 1 the parser
    /// trained for beam search keeps that many candidate parses (more accurate, slower).
    pub beam: usize,
    /// Keep only the facts of at least this confidence (0 to 1); None: the confidence model's
    /// default, chosen by cross-validation on the gold articles.
    pub min_confidence: Option<f32>,
    /// Also link the pronouns and descriptions that stand for no named entity into chains of
    /// unnamed things (`Document::nominal_chains`: "a document ... the document ... it"). No
    /// fact reads them; off by default, as it costs about 5-10% of the pipeline's time.
    pub unnamed_chains: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            beam: 1,
            min_confidence: None,
            unnamed_chains: false,
        }
    }
}

/// The annotation pipeline with its models and word lists loaded: build one, share it across
/// threads (it is `Send + Sync`, and cheap to clone), annotate articles and merge them into a
/// graph. Every stage takes the models and word lists from it; nothing is read from process-wide
/// state or the environment.
#[derive(Clone)]
pub struct Pipeline {
    lexicon: Arc<Lexicon>,
    models: Arc<Models>,
    options: Options,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline with the embedded models and the default options (the greedy parser).
    pub fn new() -> Pipeline {
        Pipeline::with_options(Options::default())
    }

    /// A pipeline with the embedded models and these options (`beam: 8` for the most accurate
    /// parse).
    pub fn with_options(options: Options) -> Pipeline {
        Pipeline::from_parts(Lexicon::embedded(), Models::embedded(), options)
    }

    /// A pipeline with the given word lists and models ([`Models::from_dir`] to try retrained
    /// models, [`Models::none`] for the rules alone).
    pub fn from_parts(lexicon: Lexicon, models: Models, options: Options) -> Pipeline {
        Pipeline {
            lexicon: Arc::new(lexicon),
            models: Arc::new(models),
            options,
        }
    }

    /// The same models and word lists with other options (no reloading).
    pub fn with(&self, options: Options) -> Pipeline {
        Pipeline {
            options,
            ..self.clone()
        }
    }

    /// The same word lists and options with other models (a cross-validation's fold models).
    pub fn with_models(&self, models: Models) -> Pipeline {
        Pipeline {
            models: Arc::new(models),
            ..self.clone()
        }
    }

    /// The options in use.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The word lists and gazetteers.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The trained models.
    pub fn models(&self) -> &Models {
        &self.models
    }

    /// Cleans and annotates one article: tokens, sentences, tags, parse, entities, coreference
    /// and relations, all as character spans into `text`.
    pub fn annotate(&self, id: &str, text: &str) -> Document {
        let mut doc = crate::ingest::from_text(id, text);
        self.annotate_document(&mut doc);
        doc
    }

    /// Runs every stage, in order, on a document whose text is already clean (as
    /// [`crate::ingest`] makes it).
    pub fn annotate_document(&self, doc: &mut Document) {
        let mut parsed = Vec::new();
        for &stage in Stage::ALL {
            self.run(stage, doc, &mut parsed);
        }
    }

    /// Runs one stage on a document; `parsed` carries the sentences' trees and clauses from the
    /// relations to the facts. The one place that says what each stage does: one document at a
    /// time ([`Pipeline::annotate_document`]) and batches ([`Pipeline::annotate_batch`]) both
    /// run the stages through it.
    pub(crate) fn run(&self, stage: Stage, doc: &mut Document, parsed: &mut Vec<clauses::Parsed>) {
        let (lx, m, o) = (self.lexicon(), self.models(), &self.options);
        match stage {
            Stage::Tokens => {
                tokenize::tokenize(doc);
                sentences::split(doc);
            }
            Stage::Tags => tagger::tag(doc, m, lx),
            Stage::Parse => parser::parse(doc, m, o.beam),
            Stage::Entities => entities::recognise(doc, m, lx),
            Stage::Names => {
                clauses::repair_comma_conjuncts(doc);
                clauses::repair_sibling_appositions(doc);
                clauses::repair_conj_tense(doc, lx);
                clauses::repair_age_of(doc);
                coref::resolve(doc, lx);
            }
            Stage::Anaphora => {
                let unnamed = o.unnamed_chains.then_some(&m.coref_unnamed);
                anaphora::resolve(doc, lx, &m.coref, unnamed);
            }
            Stage::Relations => *parsed = relations::extract_keeping_clauses(doc, lx),
            Stage::Facts => {
                let p = std::mem::take(parsed);
                facts::score_parsed(doc, lx, &m.facts, o.min_confidence, p);
            }
        }
    }

    /// Runs every stage but the confidence model: the document keeps every candidate fact (the
    /// patterns' and the path candidates) with the patterns' own confidences, which is what the
    /// confidence model is trained on.
    pub fn annotate_candidates(&self, doc: &mut Document) {
        let parsed = self.annotate_relations(doc);
        facts::add_candidates_parsed(doc, self.lexicon(), parsed);
    }

    /// The stages up to the relations (the named patterns' facts with their own confidences);
    /// each sentence's tree and clauses, which the candidate facts read again.
    pub(crate) fn annotate_relations(&self, doc: &mut Document) -> Vec<clauses::Parsed> {
        let mut parsed = Vec::new();
        for &stage in Stage::UP_TO_RELATIONS {
            self.run(stage, doc, &mut parsed);
        }
        parsed
    }

    /// The stages up to the names' coreference (no pronoun or description linked yet): what
    /// the coreference model is trained on.
    pub fn annotate_mentions(&self, doc: &mut Document) {
        for &stage in Stage::UP_TO_NAMES {
            self.run(stage, doc, &mut Vec::new());
        }
    }
}

/// The pipeline's stages, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Tokens and sentences.
    Tokens,
    /// Part-of-speech tags and lemmas.
    Tags,
    /// The dependency parse.
    Parse,
    /// Names and their types.
    Entities,
    /// The parse repairs, then which names are one entity.
    Names,
    /// Pronouns and descriptions linked to entities.
    Anaphora,
    /// The named patterns' relations.
    Relations,
    /// Candidate facts and the confidence of every fact.
    Facts,
}

impl Stage {
    /// Every stage.
    pub(crate) const ALL: &'static [Stage] = &[
        Stage::Tokens,
        Stage::Tags,
        Stage::Parse,
        Stage::Entities,
        Stage::Names,
        Stage::Anaphora,
        Stage::Relations,
        Stage::Facts,
    ];
    /// The stages up to the names' coreference.
    const UP_TO_NAMES: &'static [Stage] = Stage::ALL.split_at(5).0;
    /// The stages up to the relations.
    const UP_TO_RELATIONS: &'static [Stage] = Stage::ALL.split_at(7).0;
}
