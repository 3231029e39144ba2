//! The developer subcommands' arguments: `kgraph train` (what to train from which open data) and
//! `kgraph eval` (which stage to score on which gold file).
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    pub what: TrainWhat,
    /// Training files or folders: CoNLL-U for lexicon, tagger and parser; IOB2 for ner. A GUM
    /// folder contributes the documents listed in its files.train; name files to take others.
    /// Several may follow one --data.
    #[arg(long, alias = "ud", required = true, num_args = 1.., value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// IOB2 entity files (for the lexicon's name statistics).
    #[arg(long, value_name = "FILE")]
    pub uner: Vec<PathBuf>,
    /// Folder to write to (default: data/lexicon for the lexicon and the open lists, data/models for
    /// models; ner-data needs it).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 5)]
    pub iterations: usize,
    /// Seed of the shuffling: the same data and seed give the same model bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Parser only: drop features updated fewer times than this, and small weights, to keep the
    /// model file small (0 keeps everything; for tiny training sets).
    #[arg(long, default_value_t = 3)]
    pub prune: u32,
    /// Parser only: train the transition model for beam search of this width (global learning;
    /// writes parser-beam.kgm; arcs are labelled by the current greedy parser's labeller).
    /// 1 trains the greedy parser.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub beam: usize,
    /// ner only: train the recogniser for text written without capitals (`ner-lower.kgm`) on
    /// every sentence lower-cased, instead of `ner.kgm`.
    #[arg(long)]
    pub lowercase: bool,
    /// ner-data only: the base name of the files written (NAME.train.iob2, NAME.dev.iob2).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// ner-data and countries: where the data comes from (and its licence), written at the top of
    /// each file.
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// facts only: the gold facts, a `.facts.tsv` file or a folder of them (repeat for more);
    /// --data then names the articles (a.txt goes with a.facts.tsv).
    #[arg(long, value_name = "PATH")]
    pub gold: Vec<PathBuf>,
    /// facts only: folds of the cross-validation by article that chooses the default minimum
    /// confidence and reports the held-out figures.
    #[arg(long, default_value_t = 6, value_name = "K")]
    pub folds: usize,
    /// facts only: runs of that cross-validation, each with the articles shuffled into other
    /// folds and another training order (the first keeps the sorted order); the default minimum
    /// confidence is chosen on their pooled curve, steadier than one run's.
    #[arg(long, default_value_t = 8, value_name = "R")]
    pub repeats: usize,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum TrainWhat {
    /// data/lexicon/words.tsv (tags, lemmas) and names.tsv (name statistics)
    Lexicon,
    /// data/lexicon/open_gazetteer.tsv (person names and places) and cities_open.tsv (cities with
    /// GeoNames ids); --data takes the folders of the census name lists and the GeoNames JSON files
    Gazetteer,
    /// data/lexicon/countries_open.tsv (countries and territories with ISO codes; --data takes
    /// countries.json of mledoze/countries, --source names it)
    Countries,
    /// data/lexicon/organisations_open.tsv (international organisations with acronyms; --data
    /// takes outputs/CountrycodesOrgs.csv of dieghernan/Country-Codes-and-International-Organizations,
    /// --source names it)
    Organisations,
    /// data/lexicon/parties_open.tsv (political parties with Party Facts ids; --data takes
    /// partyfacts-core-parties.csv of hdigital/partyfactsdata, --source names it)
    Parties,
    /// data/lexicon/companies_open.tsv (S&P 500 companies with SEC Central Index Keys; --data
    /// takes data/constituents.csv of datasets/s-and-p-500-companies, --source names it)
    Companies,
    /// data/lexicon/clusters.tsv (word classes learnt from unlabelled text: --data takes CoNLL-U
    /// and IOB files, whose words are used, and folders of .txt articles; --source names them)
    Clusters,
    /// data/models/tagger.kgm, tagger2.kgm and lemma_rules.tsv
    Tagger,
    /// data/models/ner.kgm (entity recogniser; --data takes IOB2 files)
    Ner,
    /// entity training files from other open corpora: --data takes CoNLL/IOB files of any tag set
    /// or Re-DocRED JSON; writes NAME.train.iob2 and NAME.dev.iob2 (every tenth sentence) in --out
    NerData,
    /// data/models/parser.kgm and labeler.kgm (greedy dependency parser), or with --beam N
    /// parser-beam.kgm (the transition model for beam search)
    Parser,
    /// data/models/facts.tsv (the confidence of facts; --gold takes the gold facts, --data the
    /// articles; the default minimum confidence is chosen by cross-validation by article)
    Facts,
    /// data/models/coref.tsv (the linking of pronouns and descriptions to entities; --data takes
    /// the GUM folder: trained on its files.train documents, the thresholds of pronouns and of
    /// descriptions chosen by cross-validation by document over files.train and files.dev)
    Coref,
}

#[derive(Args, Debug, Clone)]
pub struct EvalArgs {
    /// What to evaluate.
    #[arg(value_enum)]
    pub what: EvalWhat,
    /// The gold file: CoNLL-U for pos and parse, IOB (one token per line, tag last) for ner,
    /// CaRB tab-separated extractions (sentence, relation, arguments) for carb.
    #[arg(long, value_name = "FILE", required_unless_present = "gold")]
    pub data: Option<PathBuf>,
    /// facts: the gold facts: a `.facts.tsv` file or a folder of them (repeat for more).
    #[arg(long, value_name = "PATH")]
    pub gold: Vec<PathBuf>,
    /// facts: the articles to extract from (files or folders; those without a gold file are
    /// ignored).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// facts: score this JSON Lines file of triples (as `kgraph extract` writes it) instead of
    /// extracting from INPUT.
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    pub system: Option<PathBuf>,
    /// facts: also the figures of each pattern (the rule that made each triple).
    #[arg(long)]
    pub by_pattern: bool,
    /// facts: list the triples that match no gold fact and the gold facts missed, each miss
    /// with where it was lost (a candidate below the minimum confidence, the two entities
    /// related otherwise, or no candidate relating them: judged against every triple at any
    /// confidence) and the misses counted by reason; coref: list the pronouns and descriptions
    /// not linked to their named antecedent.
    #[arg(long)]
    pub verbose: bool,
    /// facts: train the confidence model on all articles but one fold and score that fold, for
    /// each of K folds of whole articles; prints the held-out curve and reliability table.
    #[arg(long, value_name = "K")]
    pub cross_validate: Option<usize>,
    /// facts --cross-validate: run it R times, the articles shuffled into other folds and the
    /// training in another order each time (the first run keeps the sorted order); prints the
    /// pooled curve and reliability, and the spread of the figures over the runs. The order of
    /// training examples alone moves one run's F1 by 0.01-0.02, so the default is 8 runs, as
    /// `train facts` uses to choose the default minimum confidence.
    #[arg(
        long,
        default_value_t = 8,
        value_name = "R",
        requires = "cross_validate"
    )]
    pub repeats: usize,
    /// facts and conll04: keep only facts of at least this confidence (default: the model's;
    /// with --system, all the file's triples).
    #[arg(long, value_name = "C")]
    pub min_confidence: Option<f32>,
    /// conll04: the mapping from kgraph's facts to the relation types (default: kgraph's own,
    /// data/eval/conll04_relations.tsv).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Also write the predictions here: ner, `TOKEN GOLD PRED` lines (for a conlleval-style
    /// scorer); parse, the parsed sentences as CoNLL-U (predicted tag, head and relation);
    /// carb, the extractions in CaRB's tab format (its scorer reads them with --tabbed);
    /// coref, a folder: key.json and response.json, the chains in scorch's JSON;
    /// facts --cross-validate, the held-out triples at the default minimum confidence (or at
    /// --min-confidence) as JSON
    /// Lines (facts.py or --system can score any subset of articles from them).
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// parse and carb: beam width (1: the greedy parser; above 1: the parser trained for beam
    /// search).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub beam: usize,
    /// ner: score the statistical recogniser alone, sentence by sentence, instead of the whole
    /// entity stage (gazetteers, title rules and the recogniser over each document) that `build` runs.
    #[arg(long)]
    pub model_only: bool,
    /// coref only: cluster GUM's own mentions (its names, pronouns and descriptions) instead of
    /// the mentions kgraph finds, to score the linking apart from the finding.
    #[arg(long)]
    pub gold_mentions: bool,
    /// coref only: give GUM's transcripts (its `# speaker` comments) to kgraph as running text,
    /// without the speakers' labels that open each turn ("Christopher Hill: ...").
    #[arg(long)]
    pub no_speakers: bool,
    /// ner: score on the gold file's words as they are, all lower-cased or all upper-cased (how
    /// the recogniser holds up on text without capitals or in capitals only).
    #[arg(long, value_enum, default_value_t = kgraph::dev::eval::Case::AsIs)]
    pub case: kgraph::dev::eval::Case,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum EvalWhat {
    /// UPOS and lemma accuracy (gold tokens)
    Pos,
    /// entity precision/recall/F1 over PER, ORG, LOC (conlleval rules; gold MISC dropped)
    Ner,
    /// unlabelled and labelled attachment scores (gold tokens, predicted tags, punctuation included)
    Parse,
    /// open triples on the CaRB benchmark: best F1 over the confidence curve and its AUC
    Carb,
    /// facts between named entities against gold facts (`--gold`): recall, precision,
    /// polarity errors, as the reference scorer facts.py gives them
    Facts,
    /// relations between named entities on CoNLL04 (SpERT JSON): kgraph's facts read as Kill,
    /// Work_For, Live_In, OrgBased_In and Located_In by a fixed mapping; per-type and overall F1
    Conll04,
    /// coreference on GUM (a CoNLL-U file, or a GUM folder: its test split): MUC, B³, CEAF-e and
    /// the CoNLL F1 with kgraph's own mentions, and named-antecedent accuracy of pronouns and
    /// definite descriptions
    Coref,
}
