//! The developers' subcommands: `kgraph train` (models and word lists from open data) and
//! `kgraph eval` (accuracy on the standard files).
use super::{EvalArgs, EvalWhat, Outcome, TrainArgs, TrainWhat};
use anyhow::{Context, Result};
use kgraph::export;
use std::io::Write;
use std::path::{Path, PathBuf};

fn conllu_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            // a GUM folder: only the documents of its official training split
            let split: Option<Vec<String>> = std::fs::read_to_string(p.join("files.train"))
                .ok()
                .map(|t| t.lines().map(|l| format!("{}.conllu", l.trim())).collect());
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
                .filter(|p| {
                    split.as_ref().is_none_or(|s| {
                        p.file_name()
                            .is_some_and(|n| s.iter().any(|x| *x == n.to_string_lossy()))
                    })
                })
                .collect();
            v.sort();
            out.extend(v);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// `kgraph train countries|organisations|parties|companies`: a word list of `data/lexicon/` derived from
/// one open file (`--data`), with its origin (`--source`) in the header.
fn open_list(args: &TrainArgs, out: &Path) -> Result<()> {
    use kgraph::dev::train::{companies, countries, organisations, parties};
    let (file, what, input) = match args.what {
        TrainWhat::Countries => ("countries_open.tsv", "countries", "countries.json"),
        TrainWhat::Organisations => (
            "organisations_open.tsv",
            "organisations",
            "CountrycodesOrgs.csv",
        ),
        TrainWhat::Companies => ("companies_open.tsv", "companies", "constituents.csv"),
        _ => ("parties_open.tsv", "parties", "partyfacts-core-parties.csv"),
    };
    let (Some(data), Some(source)) = (args.data.first(), &args.source) else {
        anyhow::bail!("train {what} needs --data {input} and --source TEXT");
    };
    let lx = &kgraph::lexicon::Lexicon::embedded();
    let text = match args.what {
        TrainWhat::Countries => countries::derive(data, source, lx)?,
        TrainWhat::Organisations => organisations::derive(data, source, lx)?,
        TrainWhat::Companies => companies::derive(data, source, lx)?,
        _ => parties::to_tsv(&parties::read(data)?, source),
    };
    let path = out.join(file);
    export::write_atomic(&path, text.as_bytes())?;
    eprintln!(
        "kgraph: wrote {} ({} {what})",
        path.display(),
        text.lines().filter(|l| !l.starts_with('#')).count()
    );
    Ok(())
}

/// `kgraph train`
pub fn train(args: &TrainArgs) -> Result<Outcome> {
    let files = conllu_files(&args.data);
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let models = PathBuf::from("data/models");
    let lexicon = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("data/lexicon"));
    match args.what {
        TrainWhat::Lexicon => {
            let out = &lexicon;
            if args.uner.is_empty() {
                anyhow::bail!("train lexicon needs --uner FILE (IOB2 entities for names.tsv)");
            }
            let words = kgraph::dev::train::lexicon::words_tsv(&refs, 2)?;
            let uner: Vec<&Path> = args.uner.iter().map(PathBuf::as_path).collect();
            let names = kgraph::dev::train::lexicon::names_tsv(&uner)?;
            export::write_atomic(&out.join("words.tsv"), words.as_bytes())?;
            export::write_atomic(&out.join("names.tsv"), names.as_bytes())?;
            eprintln!(
                "kgraph: wrote words.tsv and names.tsv in {} from {} file(s)",
                out.display(),
                files.len()
            );
        }
        TrainWhat::Gazetteer => {
            let out = &lexicon;
            let dirs: Vec<&Path> = args.data.iter().map(PathBuf::as_path).collect();
            let text = kgraph::dev::train::gazetteer::open_gazetteer_tsv(&dirs)?;
            export::write_atomic(&out.join("open_gazetteer.tsv"), text.as_bytes())?;
            let cities = kgraph::dev::train::gazetteer::cities_tsv(&dirs)?;
            export::write_atomic(&out.join("cities_open.tsv"), cities.as_bytes())?;
            let first = kgraph::dev::train::gazetteer::first_names_tsv(&dirs)?;
            export::write_atomic(&out.join("first_names.tsv"), first.as_bytes())?;
            let rows = |t: &str| t.lines().filter(|l| !l.starts_with('#')).count();
            eprintln!(
                "kgraph: wrote open_gazetteer.tsv ({} entries), cities_open.tsv ({} cities) and first_names.tsv ({} names) in {}",
                rows(&text),
                rows(&cities),
                rows(&first),
                out.display()
            );
        }
        TrainWhat::Tagger => {
            let out = args.out.clone().unwrap_or(models);
            let (model, second, rules) = kgraph::dev::train::models::tagger(
                &kgraph::lexicon::Lexicon::embedded(),
                &refs,
                args.iterations,
                args.seed,
            )?;
            export::write_atomic(&out.join("tagger.kgm"), &model)?;
            export::write_atomic(&out.join("tagger2.kgm"), &second)?;
            export::write_atomic(&out.join("lemma_rules.tsv"), rules.as_bytes())?;
            eprintln!(
                "kgraph: wrote tagger.kgm ({} bytes) and lemma_rules.tsv in {} from {} file(s)",
                model.len(),
                out.display(),
                files.len()
            );
        }
        TrainWhat::Facts => return super::facts::train(args, &models),
        TrainWhat::Coref => return super::facts::train_coref(args, &models),
        TrainWhat::Parser => {
            let out = args.out.clone().unwrap_or(models);
            if args.beam > 1 {
                let pipeline = super::load_pipeline(Default::default())?;
                if pipeline.models().parser.labels.is_empty() {
                    anyhow::bail!(
                        "the beam parser uses the greedy parser's labeller: train the greedy parser first"
                    );
                }
                let moves = kgraph::dev::train::models::beam_parser(
                    &pipeline,
                    &refs,
                    args.iterations,
                    args.seed,
                    args.prune,
                    args.beam,
                )?;
                export::write_atomic(&out.join("parser-beam.kgm"), &moves)?;
                eprintln!(
                    "kgraph: wrote parser-beam.kgm ({} bytes) in {}",
                    moves.len(),
                    out.display()
                );
            } else {
                let (moves, labels) = kgraph::dev::train::models::parser(
                    &kgraph::lexicon::Lexicon::embedded(),
                    &refs,
                    args.iterations,
                    args.seed,
                    args.prune,
                )?;
                export::write_atomic(&out.join("parser.kgm"), &moves)?;
                export::write_atomic(&out.join("labeler.kgm"), &labels)?;
                eprintln!(
                    "kgraph: wrote parser.kgm ({} bytes) and labeler.kgm ({} bytes) in {}",
                    moves.len(),
                    labels.len(),
                    out.display()
                );
            }
        }
        TrainWhat::Countries
        | TrainWhat::Organisations
        | TrainWhat::Parties
        | TrainWhat::Companies => {
            open_list(args, &lexicon)?;
        }
        TrainWhat::Clusters => {
            let Some(source) = &args.source else {
                anyhow::bail!("train clusters needs --source TEXT (what the text is)");
            };
            let files: Vec<&Path> = args.data.iter().map(PathBuf::as_path).collect();
            let sentences = kgraph::dev::train::clusters::read(&files)?;
            let text =
                kgraph::dev::train::clusters::clusters_tsv(&sentences, 2, (64, 512), 20, source);
            let path = args.out.clone().unwrap_or(lexicon).join("clusters.tsv");
            export::write_atomic(&path, text.as_bytes())?;
            eprintln!("kgraph: wrote {}", path.display());
        }
        TrainWhat::NerData => {
            let (Some(out), Some(name), Some(source)) = (&args.out, &args.name, &args.source)
            else {
                anyhow::bail!("train ner-data needs --out DIR, --name NAME and --source TEXT");
            };
            let files: Vec<&Path> = args.data.iter().map(PathBuf::as_path).collect();
            let sentences = kgraph::dev::train::ner_data::read(&files)?;
            let (train, dev) = kgraph::dev::train::ner_data::split(sentences);
            std::fs::create_dir_all(out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            for (part, s) in [("train", &train), ("dev", &dev)] {
                let path = out.join(format!("{name}.{part}.iob2"));
                let text = kgraph::dev::train::ner_data::to_iob2(s, source);
                export::write_atomic(&path, text.as_bytes())?;
                eprintln!("kgraph: wrote {} ({} sentences)", path.display(), s.len());
            }
        }
        TrainWhat::Ner => {
            let out = args.out.clone().unwrap_or(models);
            let mut files: Vec<PathBuf> =
                args.data.iter().filter(|p| !p.is_dir()).cloned().collect();
            files.extend(conllu_files(
                &args
                    .data
                    .iter()
                    .filter(|p| p.is_dir())
                    .cloned()
                    .collect::<Vec<_>>(),
            ));
            let data: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let pipeline = super::load_pipeline(Default::default())?;
            let model = kgraph::dev::train::models::ner(
                &pipeline,
                &data,
                args.iterations,
                args.seed,
                args.lowercase,
            )?;
            let name = if args.lowercase {
                "ner-lower.kgm"
            } else {
                "ner.kgm"
            };
            export::write_atomic(&out.join(name), &model)?;
            eprintln!(
                "kgraph: wrote {name} ({} bytes) in {}",
                model.len(),
                out.display()
            );
        }
    }
    Ok(Outcome { skipped: 0 })
}

/// `kgraph eval`
pub fn eval(args: &EvalArgs) -> Result<Outcome> {
    let pipeline = super::load_pipeline(kgraph::pipeline::Options {
        beam: args.beam,
        unnamed_chains: true,
        ..Default::default()
    })?;
    if let EvalWhat::Facts = args.what {
        return super::facts::eval(args);
    }
    let Some(data) = args.data.as_deref() else {
        anyhow::bail!("eval needs --data FILE (the gold file)");
    };
    match args.what {
        EvalWhat::Facts => unreachable!("handled above"),
        EvalWhat::Coref => {
            let files = kgraph::dev::eval::coref::gum_files(data)?;
            if files.is_empty() {
                anyhow::bail!("{}: no GUM CoNLL-U documents", data.display());
            }
            let run = kgraph::dev::eval::coref::coref(
                &pipeline,
                &files,
                args.gold_mentions,
                !args.no_speakers,
            )?;
            if let Some(dir) = &args.predictions {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot write {}", dir.display()))?;
                let side = |key: bool| {
                    let cs: Vec<_> = run
                        .chains
                        .iter()
                        .map(|(d, k, r)| (d.clone(), if key { k.clone() } else { r.clone() }))
                        .collect();
                    kgraph::dev::eval::coref::scorch_json(&cs)
                };
                export::write_atomic(&dir.join("key.json"), side(true).as_bytes())?;
                export::write_atomic(&dir.join("response.json"), side(false).as_bytes())?;
            }
            let s = &run.scores;
            outln!(
                "documents {}  key chains {}  response chains {} (two or more mentions each)",
                s.documents,
                s.key_chains,
                s.response_chains
            );
            for (name, m) in [("MUC", s.muc), ("B3", s.b3), ("CEAF-e", s.ceafe)] {
                outln!(
                    "  {name}: recall {:.3}  precision {:.3}  f1 {:.3}",
                    m.recall,
                    m.precision,
                    m.f1()
                );
            }
            outln!("CoNLL F1 {:.3}", s.conll());
            for (name, (ok, n)) in [("pronouns", s.pronouns), ("descriptions", s.descriptions)] {
                outln!(
                    "named-antecedent accuracy, {name}: {ok} of {n} ({:.3})",
                    ok as f64 / n.max(1) as f64
                );
            }
            let [(po, pn), (d_ok, dn)] = s.holding_a_name;
            outln!(
                "  (any mention holding a proper noun taken as a name: pronouns {po} of {pn} ({:.3}), descriptions {d_ok} of {dn} ({:.3}))",
                po as f64 / pn.max(1) as f64,
                d_ok as f64 / dn.max(1) as f64
            );
            if args.verbose {
                outln!("not linked to their named antecedent (document, kind, [anaphor], gold names, kgraph's chain):");
                for m in &run.misses {
                    outln!("{}", m.line);
                }
                for line in kgraph::dev::eval::coref::miss_summary(&run.misses).lines() {
                    outln!("{line}");
                }
            }
        }
        EvalWhat::Conll04 => {
            let mapping = match &args.mapping {
                Some(m) => std::fs::read_to_string(m)
                    .with_context(|| format!("cannot read {}", m.display()))?,
                None => kgraph::dev::eval::conll04::MAPPING.to_string(),
            };
            let pipeline = pipeline.with(kgraph::pipeline::Options {
                min_confidence: args.min_confidence,
                ..pipeline.options()
            });
            let s = kgraph::dev::eval::conll04::conll04(&pipeline, data, &mapping)?;
            let f = kgraph::dev::eval::conll04::prf;
            let (g, p, c) = s.total();
            let (pr, rc, f1) = f((g, p, c));
            outln!(
                "sentences {}  gold {g}  predicted {p}  correct {c}  precision {pr:.3}  recall {rc:.3}  f1 {f1:.3}",
                s.sentences
            );
            for (t, &x) in &s.per_type {
                let (pr, rc, f1) = f(x);
                outln!(
                    "  {t}: gold {}  predicted {}  correct {}  precision {pr:.3}  recall {rc:.3}  f1 {f1:.3}",
                    x.0,
                    x.1,
                    x.2
                );
            }
        }
        EvalWhat::Pos => {
            let s = kgraph::dev::eval::pos(&pipeline, data)?;
            outln!(
                "tokens {}  upos {:.2}%  lemma {:.2}%",
                s.tokens,
                100.0 * s.upos,
                100.0 * s.lemma
            );
        }
        EvalWhat::Carb => {
            let mut file = predictions_file(args.predictions.as_deref())?;
            let s = kgraph::dev::eval::carb(
                &pipeline,
                data,
                file.as_mut().map(|f| f as &mut dyn Write),
            )?;
            if let Some(mut f) = file {
                f.flush().context("cannot write predictions")?;
            }
            outln!(
                "sentences {}  gold {}  extractions {}  precision {:.3}  recall {:.3}  F1 {:.3}  AUC {:.3}",
                s.sentences,
                s.gold,
                s.predicted,
                s.precision,
                s.recall,
                s.f1,
                s.auc
            );
        }
        EvalWhat::Parse => {
            let mut file = predictions_file(args.predictions.as_deref())?;
            let s = kgraph::dev::eval::parse(
                &pipeline,
                data,
                args.beam,
                file.as_mut().map(|f| f as &mut dyn Write),
            )?;
            if let Some(mut f) = file {
                f.flush().context("cannot write predictions")?;
            }
            outln!(
                "tokens {}  UAS {:.2}%  LAS {:.2}%  (LAS with relation subtypes {:.2}%)",
                s.tokens,
                100.0 * s.uas,
                100.0 * s.las,
                100.0 * s.las_full
            );
        }
        EvalWhat::Ner => {
            let mut file = predictions_file(args.predictions.as_deref())?;
            let mode = if args.model_only {
                kgraph::dev::eval::NerMode::Model
            } else {
                kgraph::dev::eval::NerMode::Pipeline
            };
            let s = kgraph::dev::eval::ner(
                &pipeline,
                data,
                mode,
                args.case,
                file.as_mut().map(|f| f as &mut dyn Write),
            )?;
            if let Some(mut f) = file {
                f.flush().context("cannot write predictions")?;
            }
            outln!(
                "sentences {}  gold {}  predicted {}  correct {}  precision {:.3}  recall {:.3}  f1 {:.3}",
                s.sentences, s.gold, s.predicted, s.correct, s.precision(), s.recall(), s.f1()
            );
            for (t, g, p, c) in &s.per_type {
                let (pr, rc) = (
                    *c as f64 / (*p).max(1) as f64,
                    *c as f64 / (*g).max(1) as f64,
                );
                let f = if pr + rc > 0.0 {
                    2.0 * pr * rc / (pr + rc)
                } else {
                    0.0
                };
                outln!("  {t}: gold {g}  predicted {p}  correct {c}  f1 {f:.3}");
            }
        }
    }
    Ok(Outcome { skipped: 0 })
}

/// The file `--predictions` names, opened for writing.
fn predictions_file(path: Option<&Path>) -> Result<Option<std::io::BufWriter<std::fs::File>>> {
    path.map(|p| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .with_context(|| format!("cannot write {}", p.display()))
    })
    .transpose()
}
