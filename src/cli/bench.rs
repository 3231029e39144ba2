//! `kgraph bench`: words per second of the whole pipeline, and how time and memory grow with the
//! corpus (`--scale`) and with one document's size (`--doc-sizes`).
use super::{load_pipeline, pool, BenchArgs, Outcome};
use anyhow::{Context, Result};
use kgraph::ingest;
use kgraph::{Document, Pipeline};
use rayon::prelude::*;
use std::io::Write;
use std::time::Instant;

macro_rules! outln {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*).context("cannot write to stdout")?
    };
}

/// `kgraph bench`
pub fn bench(args: &BenchArgs) -> Result<Outcome> {
    let (sources, errors) = ingest::expand(&args.input.inputs);
    for e in &errors {
        eprintln!("kgraph: skipped {e}");
    }
    // read once, so the benchmark measures the pipeline, not the disk
    let mut base: Vec<Document> = Vec::new();
    let mut skipped = errors.len();
    for s in &sources {
        match ingest::read(s, args.input.max_bytes) {
            Ok(read) => {
                for e in &read.skipped {
                    eprintln!("kgraph: skipped {e}");
                }
                skipped += read.skipped.len();
                base.extend(read.docs);
            }
            Err(e) => {
                eprintln!("kgraph: skipped {e}");
                skipped += 1;
            }
        }
    }
    if base.is_empty() {
        anyhow::bail!("no article could be read (see the messages above)");
    }
    let pool = pool(args.input.threads)?;
    // models and word lists load once per process; timed apart from the pipeline
    let load = Instant::now();
    let pipeline = load_pipeline(args.input.options())?;
    if pipeline.options().beam > 1 {
        let _ = pipeline.models().beam_moves();
    }
    let load_secs = load.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let mut words = 0usize;
    let mut relations = 0usize;
    let scaling_only = !args.scale.is_empty() || !args.doc_sizes.is_empty();
    for _ in 0..if scaling_only { 0 } else { args.repeat.max(1) } {
        // as `extract` does: in batches, each annotated stage by stage
        let docs: Vec<Document> = pool.install(|| {
            let mut docs: Vec<Document> = base
                .par_iter()
                .map(|d| ingest::from_text(&d.id, &d.original))
                .collect();
            for e in pipeline.annotate_all(&mut docs, || {}) {
                eprintln!("kgraph: bench: {e}");
            }
            docs
        });
        words += docs.iter().map(Document::word_count).sum::<usize>();
        let g = pipeline.graph(&docs);
        relations = g.edge_count();
    }
    let secs = t0.elapsed().as_secs_f64();
    if !args.scale.is_empty() || !args.doc_sizes.is_empty() {
        return scaling(args, &pipeline, &pool, &base, skipped);
    }
    outln!(
        "documents {} x{}  words {}  threads {}  seconds {:.3}  words/s {:.0}  relations {}  (models loaded in {:.3} s)",
        base.len(),
        args.repeat.max(1),
        words,
        pool.current_num_threads(),
        secs,
        words as f64 / secs.max(1e-9),
        relations,
        load_secs
    );
    Ok(Outcome { skipped })
}

/// The process's peak resident memory so far, in MB (Linux; None elsewhere).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Times one step; returns (seconds, words, relations).
fn run(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    docs: &[(String, String)],
) -> (f64, usize, usize) {
    let t0 = Instant::now();
    // as `build` does: each document goes into its worker's graph and is dropped
    let (builder, words, failed) = pool.install(|| {
        let read: Vec<Document> = docs
            .par_iter()
            .map(|(id, text)| ingest::from_text(id, text))
            .collect();
        pipeline.annotate_into_graph(read, || {})
    });
    let relations = builder.finish(pipeline.lexicon()).edge_count();
    for e in &failed {
        eprintln!("kgraph: bench: {e}");
    }
    (t0.elapsed().as_secs_f64(), words, relations)
}

/// `--scale` and `--doc-sizes`: one line per step, the time per word relative to the first step,
/// and a failure when it grows past `--max-ratio`.
fn scaling(
    args: &BenchArgs,
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    base: &[Document],
    skipped: usize,
) -> Result<Outcome> {
    let texts: Vec<&str> = base.iter().map(|d| d.original.as_str()).collect();
    let mut steps: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for &k in &args.scale {
        let docs = (0..k.max(1))
            .flat_map(|r| {
                base.iter()
                    .map(move |d| (format!("{}#{r}", d.id), d.original.clone()))
            })
            .collect();
        steps.push((format!("corpus x{k}"), docs));
    }
    for &mb in &args.doc_sizes {
        let want = (mb * 1_000_000.0) as usize;
        let mut text = String::with_capacity(want + 100_000);
        'fill: loop {
            for t in &texts {
                if text.len() >= want {
                    break 'fill;
                }
                text.push_str(t);
                text.push_str("\n\n");
            }
        }
        steps.push((
            format!("one document of {mb} MB"),
            vec![("doc".to_string(), text)],
        ));
    }
    let mut first: Option<f64> = None;
    let mut worst = 1.0f64;
    for (what, docs) in &steps {
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        let (secs, words, relations) = run(pipeline, pool, docs);
        let per_word = secs / words.max(1) as f64;
        let ratio = per_word / *first.get_or_insert(per_word);
        worst = worst.max(ratio);
        outln!(
            "{what}: documents {}  bytes {bytes}  words {words}  seconds {secs:.3}  words/s {:.0}  us/word {:.2}  ratio {ratio:.2}  relations {relations}  peak MB {}",
            docs.len(),
            words as f64 / secs.max(1e-9),
            per_word * 1e6,
            peak_mb().map_or("n/a".to_string(), |m| format!("{m:.0}"))
        );
    }
    if let Some(r) = args.max_ratio {
        if worst > r {
            anyhow::bail!("time per word grew {worst:.2} times (more than --max-ratio {r})");
        }
    }
    Ok(Outcome { skipped })
}
