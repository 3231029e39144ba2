//! `kgraph eval facts` and `kgraph train facts`: score facts against gold facts (from articles,
//! or a triples file), per pattern and cross-validated by article; train the confidence model.
use super::{EvalArgs, InputArgs, Outcome, TrainArgs};
use anyhow::{Context, Result};
use kgraph::dev::eval::facts::{self as score, SystemTriple};
use kgraph::dev::model::confidence::{FactModel, TrainOptions};
use kgraph::dev::train::facts as cv;
use kgraph::pipeline::anaphora::{AnaphorKind, DESCRIPTION_THRESHOLD};
use std::io::Write;
use std::path::PathBuf;

/// Writes text to stdout.
fn out(text: &str) -> Result<()> {
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("cannot write to stdout")
}

/// `kgraph eval facts`
pub fn eval(args: &EvalArgs) -> Result<Outcome> {
    if args.gold.is_empty() {
        anyhow::bail!("eval facts needs --gold (the .facts.tsv files or their folder)");
    }
    let gold = score::load_gold(&args.gold)?;
    if let Some(k) = args.cross_validate {
        return cross_validate(args, gold, k);
    }
    // a triples file's candidates are all its triples; those scored, the ones at the minimum
    // confidence when one is given
    let mut from_file = Vec::new();
    let (triples, skipped) = match &args.system {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            from_file = score::read_triples(path, &text)?;
            let min = args.min_confidence.unwrap_or(0.0);
            let kept = from_file
                .iter()
                .filter(|t| t.confidence >= min)
                .cloned()
                .collect();
            (kept, 0)
        }
        None => {
            if args.inputs.is_empty() {
                anyhow::bail!("eval facts needs the articles (INPUT) or --system FILE.jsonl");
            }
            extract(args)?
        }
    };
    let s = score::score(&gold, &triples);
    if args.verbose {
        for &(i, v) in &s.verdicts {
            let t = &triples[i];
            let tag = match v {
                score::Verdict::Correct => continue,
                score::Verdict::Polarity => "POLARITY",
                score::Verdict::Extra => "EXTRA   ",
            };
            outln!(
                "{tag} {}: {} | {} | {}{}",
                t.doc,
                t.subject,
                t.predicate,
                t.object,
                if t.negated { " (negated)" } else { "" }
            );
        }
        // every candidate of the articles, whatever its confidence, says where each miss was
        // lost (a triples file is its own candidates)
        let candidates = match &args.system {
            Some(_) => std::mem::take(&mut from_file),
            None => {
                let all = EvalArgs {
                    min_confidence: Some(0.0),
                    ..args.clone()
                };
                extract(&all)?.0
            }
        };
        let missed = score::missed_with_reasons(&gold, &triples, &candidates);
        let mut counts = [0usize; 3];
        for (line, why) in &missed {
            counts[match why {
                score::Miss::Below(..) => 0,
                score::Miss::OtherPredicate(_) => 1,
                score::Miss::Unrelated => 2,
            }] += 1;
            outln!("MISSED  {line}\t[{}]", why.describe());
        }
        outln!(
            "missed {}: {} with a candidate below the minimum confidence, {} with the two entities related otherwise, {} with no candidate relating them",
            missed.len(),
            counts[0],
            counts[1],
            counts[2]
        );
    }
    if args.by_pattern {
        outln!("pattern\ttriples\tcorrect\tprecision\trequired facts found");
        for r in score::by_pattern(&gold, &triples) {
            outln!(
                "{}\t{}\t{}\t{:.3}\t{}",
                r.pattern,
                r.triples,
                r.correct,
                r.correct as f64 / r.triples.max(1) as f64,
                r.found
            );
        }
    }
    out(&s.scores.report())?;
    Ok(Outcome { skipped })
}

/// The triples `kgraph extract` gives for the inputs.
fn extract(args: &EvalArgs) -> Result<(Vec<SystemTriple>, usize)> {
    let input = InputArgs {
        inputs: args.inputs.clone(),
        skip_dir: None,
        max_bytes: kgraph::ingest::DEFAULT_MAX_BYTES,
        threads: None,
        beam: args.beam,
        min_confidence: args.min_confidence,
    };
    let (builder, _, _, skipped, pipeline) = super::process_graph(&input)?;
    let graph = builder.finish(pipeline.lexicon());
    let rows = kgraph::export::triples::triples(&graph);
    let triples = rows.into_iter().map(SystemTriple::from).collect();
    Ok((triples, skipped))
}

fn pipeline(beam: usize) -> Result<kgraph::Pipeline> {
    super::load_pipeline(kgraph::pipeline::Options {
        beam,
        ..Default::default()
    })
}

/// `kgraph eval facts --cross-validate K`: held-out figures of the confidence model.
fn cross_validate(args: &EvalArgs, gold: score::Gold, k: usize) -> Result<Outcome> {
    let p = pipeline(args.beam)?;
    let corpus = cv::corpus(&p, gold, &args.inputs)?;
    let report = held_out(&corpus, k, args.repeats, &p);
    if let Some(path) = &args.predictions {
        // the held-out triples of the first run at the chosen minimum, as extract writes them
        let min = args.min_confidence.unwrap_or(report.threshold);
        let docs = cv::with_confidences(&corpus, &report.probabilities, min);
        let g = kgraph::graph::Graph::from_documents(&docs, p.lexicon());
        let rows = kgraph::export::triples::triples(&g);
        kgraph::export::write_atomic(path, &kgraph::export::triples::to_jsonl(&rows))?;
    }
    out(&report.text)?;
    Ok(Outcome { skipped: 0 })
}

/// The held-out report of a cross-validation, and the minimum confidence it chose.
struct HeldOut {
    text: String,
    threshold: f32,
    /// Per article, per candidate: the held-out confidence.
    probabilities: Vec<Vec<f32>>,
}

fn held_out(corpus: &cv::Corpus, k: usize, repeats: usize, p: &kgraph::Pipeline) -> HeldOut {
    let opt = TrainOptions::default();
    let mut cvs: Vec<cv::CrossValidation> = (0..repeats.max(1) as u64)
        .map(|seed| cv::cross_validate_repeat(corpus, k, opt, seed))
        .collect();
    let runs: Vec<Vec<cv::CurvePoint>> = cvs
        .iter()
        .map(|one| cv::curve(corpus, one, p.lexicon()))
        .collect();
    let curve = cv::pool(&runs);
    let threshold = cv::choose_threshold(&curve, cv::MIN_PRECISION);
    let n: usize = corpus.examples.iter().map(Vec::len).sum();
    let pos: usize = corpus.examples.iter().flatten().filter(|e| e.1).count();
    let mut text = format!(
        "cross-validation by article: {} articles in {} folds, {n} candidates ({pos} correct)\n",
        corpus.docs.len(),
        cvs[0].folds
    );
    if cvs.len() > 1 {
        text.push_str(&format!(
            "{} runs, the articles shuffled into other folds each time; figures pooled over the runs\n",
            cvs.len()
        ));
    }
    text.push_str("held-out curve (the graph's triples, scored as facts.py does):\n");
    text.push_str("min-confidence\trecall\tprecision\tf1\ttriples\n");
    let percent = |x: f32| (x * 100.0).round() as u32;
    for c in &curve {
        if percent(c.min) % 5 != 0 && percent(c.min) != percent(threshold) {
            continue;
        }
        text.push_str(&format!(
            "{:.2}\t{:.3}\t{:.3}\t{:.3}\t{}\n",
            c.min,
            c.scores.recall(),
            c.scores.precision(),
            c.scores.f1(),
            c.scores.system
        ));
    }
    text.push_str(
        "reliability (candidates by held-out confidence):\nband\tcandidates\tcorrect share\n",
    );
    for (b, n, share) in cv::reliability(corpus, &cvs) {
        text.push_str(&format!("{b:.1}-{:.1}\t{n}\t{share:.3}\n", b + 0.1));
    }
    let best = curve
        .iter()
        .find(|c| percent(c.min) == percent(threshold))
        .map(|c| c.scores.report())
        .unwrap_or_default();
    text.push_str(&format!(
        "default min-confidence {threshold:.2} (best held-out F1 with precision at least {:.2}):\n{best}",
        cv::MIN_PRECISION
    ));
    if cvs.len() > 1 {
        text.push_str(&spread(&runs, threshold));
    }
    HeldOut {
        text,
        threshold,
        probabilities: cvs.swap_remove(0).probabilities,
    }
}

/// Each run's figures at the default minimum confidence and its best F1 (from the runs' own
/// curves), and their mean and standard deviation.
fn spread(runs: &[Vec<cv::CurvePoint>], threshold: f32) -> String {
    let mut text = format!(
        "each run at {threshold:.2}, and its best F1:\nrun\trecall\tprecision\tf1\tbest f1\n"
    );
    let mut at = Vec::new();
    let mut best = Vec::new();
    for (r, c) in runs.iter().enumerate() {
        let s = c
            .iter()
            .find(|x| (x.min - threshold).abs() < 1e-4)
            .map(|x| x.scores.clone())
            .unwrap_or_default();
        let b = c.iter().map(|x| x.scores.f1()).fold(0.0, f64::max);
        text.push_str(&format!(
            "{}\t{:.3}\t{:.3}\t{:.3}\t{b:.3}\n",
            r + 1,
            s.recall(),
            s.precision(),
            s.f1()
        ));
        at.push(s.f1());
        best.push(b);
    }
    let stats = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / v.len() as f64;
        (m, var.sqrt())
    };
    let ((am, asd), (bm, bsd)) = (stats(&at), stats(&best));
    text.push_str(&format!(
        "f1 at {threshold:.2} over {} runs: mean {am:.3} sd {asd:.3}; best f1 mean {bm:.3} sd {bsd:.3}\n",
        runs.len()
    ));
    text
}

/// `kgraph train facts`: cross-validates, then trains on every article and writes facts.tsv.
pub fn train(args: &TrainArgs, models: &std::path::Path) -> Result<Outcome> {
    if args.gold.is_empty() {
        anyhow::bail!("train facts needs --gold (the .facts.tsv files or their folder)");
    }
    let gold = score::load_gold(&args.gold)?;
    let p = pipeline(1)?;
    let corpus = cv::corpus(&p, gold, &args.data)?;
    let report = held_out(&corpus, args.folds, args.repeats, &p);
    eprint!("{}", report.text);
    let model = cv::train_all(&corpus, TrainOptions::default(), report.threshold);
    let names: Vec<String> = args
        .gold
        .iter()
        .chain(&args.data)
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>();
    let comment = format!(
        "kgraph fact confidence model: logistic regression over candidate features\n\
         trained by `kgraph train facts` on {} gold articles ({})\n\
         threshold: the minimum confidence of best F1 with precision >= 0.80 in {} runs of a {}-fold cross-validation by article (pooled)",
        corpus.docs.len(),
        names.join(" "),
        args.repeats.max(1),
        args.folds
    );
    let out: PathBuf = args.out.clone().unwrap_or_else(|| models.to_path_buf());
    let path = out.join("facts.tsv");
    kgraph::export::write_atomic(&path, model.to_tsv(&comment).as_bytes())?;
    eprintln!(
        "kgraph: wrote {} (default min-confidence {:.2})",
        path.display(),
        report.threshold
    );
    Ok(Outcome { skipped: 0 })
}

/// The folds of the cross-validation that chooses the coreference thresholds.
const FOLDS: usize = 5;

/// `kgraph train coref`: the coreference model from GUM's training documents, its threshold
/// the lowest within one standard error of the best held-out link F1 of a cross-validation by
/// document over the training and development documents.
pub fn train_coref(args: &TrainArgs, models: &std::path::Path) -> Result<Outcome> {
    use kgraph::dev::train::coref;
    let dir = &args.data[0];
    let train = coref::split_files(dir, "train")?;
    let dev = coref::split_files(dir, "dev")?;
    if train.is_empty() || dev.is_empty() {
        anyhow::bail!(
            "{}: no GUM documents of files.train and files.dev here",
            dir.display()
        );
    }
    let p = pipeline(1)?;
    let split = |data: Vec<[Vec<coref::Decision>; 2]>| {
        let (mut named, mut unnamed) = (Vec::new(), Vec::new());
        for [a, b] in data {
            named.push(a);
            unnamed.push(b);
        }
        (named, unnamed)
    };
    let (train_named, train_unnamed) = split(coref::corpus(&p, &train)?);
    let (dev_named, dev_unnamed) = split(coref::corpus(&p, &dev)?);
    let out: PathBuf = args.out.clone().unwrap_or_else(|| models.to_path_buf());
    let what = [
        (
            "coref.tsv",
            "(anaphor, candidate entity)",
            "links of anaphors to entities",
            &train_named,
            &dev_named,
            // pronouns and descriptions, each its own threshold
            &[Some(AnaphorKind::Pronoun), Some(AnaphorKind::Description)][..],
        ),
        (
            "coref-unnamed.tsv",
            "(anaphor left unlinked, chain of an unnamed thing)",
            "links of the anaphors left unlinked to unnamed things",
            &train_unnamed,
            &dev_unnamed,
            &[None][..],
        ),
    ];
    // the thresholds chosen and each kind's fold models, for the free-running figures
    let mut all_chosen: Vec<f32> = Vec::new();
    let mut folds: Vec<Vec<FactModel>> = Vec::new();
    for (file, pairs, links, train_data, dev_data, kinds) in what {
        // the thresholds are chosen on the held-out links of a cross-validation by document
        // over the training and development documents together (a model trained without each
        // fifth scores it): 123 documents rather than the 16 of files.dev alone, whose curve was
        // so flat and noisy near its top that unrelated changes flipped the choice; the links
        // to entities have one for pronouns and one for descriptions (docs/coref.md)
        let docs: Vec<&Vec<coref::Decision>> = train_data.iter().chain(dev_data.iter()).collect();
        let models = coref::fold_models(&docs, FOLDS);
        let (curves, errors) = coref::held_out_curves_and_errors(&docs, &models, kinds);
        folds.push(models);
        let mut chosen = Vec::new();
        for ((&kind, curve), errors) in kinds.iter().zip(&curves).zip(&errors) {
            let of = match kind {
                Some(AnaphorKind::Pronoun) => " of pronouns",
                Some(AnaphorKind::Description) => " of descriptions",
                None => "",
            };
            eprintln!(
                "{file}: threshold  precision  recall  F1   ({links}{of}, held out: {FOLDS}-fold \
                 cross-validation by document over the {} training and development documents)",
                docs.len()
            );
            for &(t, pr, r, f) in curve {
                eprintln!("{t:>9.2}  {pr:>9.3}  {r:>6.3}  {f:.3}");
            }
            chosen.push(coref::lowest_near_best(curve, errors));
        }
        all_chosen.extend(&chosen);
        let mut model = coref::train(train_data, chosen[0]);
        if let Some(&t) = chosen.get(1) {
            model
                .kind_thresholds
                .insert(DESCRIPTION_THRESHOLD.into(), t);
        }
        let n: usize = train_data
            .iter()
            .flatten()
            .map(|d| d.candidates.len())
            .sum();
        let comment = format!(
            "kgraph coreference model: logistic regression over {pairs} features\n\
             trained by `kgraph train coref --data {}` on the {} GUM documents of files.train ({n} pairs; GUM: CC BY 4.0 for these genres, see its LICENSE.txt)\n\
             threshold{}: the lowest within one standard error (over the folds) of the best held-out link F1 of a {FOLDS}-fold cross-validation by document over files.train and files.dev ({} documents)",
            dir.display(),
            train.len(),
            if chosen.len() > 1 { "s (pronouns, descriptions)" } else { "" },
            train.len() + dev.len()
        );
        let path = out.join(file);
        kgraph::export::write_atomic(&path, model.to_tsv(&comment).as_bytes())?;
        let shown: Vec<String> = chosen.iter().map(|t| format!("{t:.2}")).collect();
        eprintln!(
            "kgraph: wrote {} (threshold {})",
            path.display(),
            shown.join(", descriptions ")
        );
    }
    // the same models and thresholds, free-running over held-out documents
    let files: Vec<PathBuf> = train.iter().chain(dev.iter()).cloned().collect();
    let t = [all_chosen[0], all_chosen[1], all_chosen[2]];
    let s = coref::free_running(&p, &files, &folds[0], &folds[1], t)?;
    let rate = |(ok, n): (usize, usize)| ok as f64 / n.max(1) as f64;
    eprintln!(
        "free-running, held out ({FOLDS}-fold cross-validation by document over the {} \
         documents, kgraph's own mentions): CoNLL F1 {:.3}; named antecedents: pronouns {} of {} \
         ({:.3}), descriptions {} of {} ({:.3})",
        files.len(),
        s.conll(),
        s.pronouns.0,
        s.pronouns.1,
        rate(s.pronouns),
        s.descriptions.0,
        s.descriptions.1,
        rate(s.descriptions)
    );
    Ok(Outcome { skipped: 0 })
}
