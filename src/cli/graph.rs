//! `kgraph export`, `kgraph query` and `kgraph stats`: working with a graph.json that was built
//! before (another format, the neighbourhood of an entity or a path, counts and centrality).
use super::{formats, write_graph, FormatArg, Outcome};
use anyhow::{Context, Result};
use clap::Args;
use kgraph::doc::EntityType;
use kgraph::export::json;
use kgraph::graph::analysis::{self, EdgeFilter};
use kgraph::graph::Graph;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// A graph.json written by `kgraph build`.
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,
    /// Output folder, or - to write the (single) format to stdout.
    #[arg(short, long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Formats to write (comma-separated). Default: json,dot and svg when Graphviz is installed.
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<FormatArg>,
    /// Base name of the output files (a plain file name).
    #[arg(long, default_value = "graph", value_parser = super::file_name)]
    pub name: String,
    /// Keep only the N most central entities (PageRank) and the facts between them.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// Draw (DOT, SVG) the entities without any fact too; by default the drawing shows the
    /// connected graph.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// graph.json files written by `kgraph build` from different articles.
    #[arg(required = true, num_args = 2.., value_name = "GRAPH")]
    pub graphs: Vec<PathBuf>,
    /// The merged graph.json, or - for stdout.
    #[arg(short, long, default_value = "output/graph.json", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    /// A graph.json written by `kgraph build`.
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,
    /// The entity at the centre: its name, an alias or its id (without case).
    #[arg(long, value_name = "NAME", required_unless_present = "path")]
    pub entity: Option<String>,
    /// How many edges away from the entity to go.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub depth: usize,
    /// The shortest path between two entities instead of a neighbourhood.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "entity")]
    pub path: Option<Vec<String>>,
    /// Only edges with this predicate ("warn", "member of").
    #[arg(long, value_name = "P")]
    pub relation: Option<String>,
    /// Only neighbours of these types (comma-separated: PER, ORG, GPE, LOC, MISC).
    #[arg(long = "type", value_delimiter = ',', value_name = "T")]
    pub types: Vec<String>,
    /// Only edges with at least this much evidence.
    #[arg(long, default_value_t = 0, value_name = "K")]
    pub min_count: usize,
    /// Only edges seen on this date or later (2019, 2019-10 or 2019-10-01): the latest date of
    /// their articles (undated articles: a date their names start with, 2019-10-01_...).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Write the sub-graph in these formats instead of printing a table.
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    pub format: Vec<FormatArg>,
    /// Output folder for --format, or - for stdout.
    #[arg(short, long, default_value = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Base name of the output files (a plain file name).
    #[arg(long, default_value = "query", value_parser = super::file_name)]
    pub name: String,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// A graph.json written by `kgraph build`.
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,
    /// How many entities, communities and predicates to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Output: text for people, json for programs.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    Text,
    Json,
}

/// `kgraph export`
pub fn export(args: &ExportArgs) -> Result<Outcome> {
    let fs = formats(&args.format);
    super::output::refuse_overwriting(
        &[&args.graph],
        &super::output::output_files(&fs, &args.output, &args.name),
    )?;
    let mut g = json::read(&args.graph)?;
    if let Some(n) = args.max_nodes {
        g = g.most_central(n);
    }
    let what = args.graph.display().to_string();
    let draw = kgraph::export::dot::DotOptions {
        isolated: args.isolated,
    };
    write_graph(&g, &fs, &args.output, &args.name, &what, &draw)?;
    Ok(Outcome { skipped: 0 })
}

/// `kgraph merge`
pub fn merge(args: &MergeArgs) -> Result<Outcome> {
    if args.output.is_dir() {
        anyhow::bail!(
            "{} is a folder: merge writes one graph file; give its name (-o {})",
            args.output.display(),
            args.output.join("graph.json").display()
        );
    }
    if args.output.as_os_str() != "-" {
        let inputs: Vec<&std::path::Path> = args.graphs.iter().map(PathBuf::as_path).collect();
        super::output::refuse_overwriting(&inputs, std::slice::from_ref(&args.output))?;
    }
    let graphs = args
        .graphs
        .iter()
        .map(|p| json::read(p))
        .collect::<kgraph::Result<Vec<Graph>>>()?;
    let merged = Graph::merge(&graphs, &kgraph::lexicon::Lexicon::embedded())
        .map_err(|e| anyhow::anyhow!("cannot merge: {e}"))?;
    let bytes = json::to_bytes(&merged);
    if args.output.as_os_str() == "-" {
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .context("cannot write to stdout")?;
    } else {
        kgraph::export::write_atomic(&args.output, &bytes)?;
        eprintln!(
            "kgraph: {} graphs, {} documents: {} entities, {} relations -> {}",
            graphs.len(),
            merged.documents.len(),
            merged.node_count(),
            merged.edge_count(),
            args.output.display()
        );
    }
    Ok(Outcome { skipped: 0 })
}

fn node_named(g: &Graph, name: &str) -> Result<petgraph::graph::NodeIndex> {
    analysis::find(g, name).ok_or_else(|| anyhow::anyhow!("no entity named {name:?} in the graph"))
}

/// The rows of a table of edges: subject, predicate, object, count, negated.
fn print_edges(g: &Graph) -> Result<()> {
    outln!("subject\tpredicate\tobject\tcount\tnegated");
    let mut rows: Vec<(String, String, String, usize, bool)> = g
        .graph
        .edge_indices()
        .map(|e| {
            let (s, t) = g.graph.edge_endpoints(e).expect("edge has endpoints");
            let w = &g.graph[e];
            (
                g.graph[s].label.clone(),
                w.predicate.clone(),
                g.graph[t].label.clone(),
                w.count,
                w.negated,
            )
        })
        .collect();
    rows.sort();
    for (s, p, o, c, n) in rows {
        outln!("{s}\t{p}\t{o}\t{c}\t{n}");
    }
    Ok(())
}

/// `kgraph query`
pub fn query(args: &QueryArgs) -> Result<Outcome> {
    if let Some(d) = &args.since {
        if !analysis::is_iso_date(d) {
            anyhow::bail!(
                "--since {d:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (2019-10-01)"
            );
        }
    }
    let g = json::read(&args.graph)?;
    let filter = EdgeFilter {
        relation: args.relation.clone(),
        min_count: args.min_count,
        since: args.since.clone(),
    };
    let types = args
        .types
        .iter()
        .map(|t| {
            EntityType::parse(&t.to_uppercase())
                .ok_or_else(|| anyhow::anyhow!("unknown type {t:?} (PER, ORG, GPE, LOC, MISC)"))
        })
        .collect::<Result<Vec<_>>>()?;
    let sub = if let Some(p) = &args.path {
        let (a, b) = (node_named(&g, &p[0])?, node_named(&g, &p[1])?);
        let nodes = analysis::path(&g, a, b)
            .ok_or_else(|| anyhow::anyhow!("no path between {:?} and {:?}", p[0], p[1]))?;
        if args.format.is_empty() {
            let names: Vec<&str> = nodes.iter().map(|&i| g.graph[i].label.as_str()).collect();
            outln!("{}", names.join(" -- "));
        }
        analysis::induced(&g, |i| nodes.contains(&i), &filter)
    } else {
        let name = args.entity.as_deref().unwrap_or_default();
        let center = node_named(&g, name)?;
        analysis::neighbourhood(&g, center, args.depth, &filter, &types)
    };
    if sub.edge_count() == 0 && args.path.is_none() {
        eprintln!(
            "kgraph: no facts of {:?} match the query (depth {}, filters as given)",
            args.entity.as_deref().unwrap_or_default(),
            args.depth
        );
    }
    if args.format.is_empty() {
        print_edges(&sub)?;
    } else {
        let what = format!("query of {}", args.graph.display());
        write_graph(
            &sub,
            &formats(&args.format),
            &args.output,
            &args.name,
            &what,
            &Default::default(),
        )?;
    }
    Ok(Outcome { skipped: 0 })
}

#[derive(serde::Serialize)]
struct Central {
    label: String,
    #[serde(rename = "type")]
    kind: &'static str,
    degree: usize,
    pagerank: f64,
    community: usize,
}

#[derive(serde::Serialize)]
struct Stats {
    entities: usize,
    relations: usize,
    documents: usize,
    types: BTreeMap<&'static str, usize>,
    central: Vec<Central>,
    communities: usize,
    largest_communities: Vec<Vec<String>>,
    predicates: Vec<(String, usize)>,
}

fn stats_of(g: &Graph, top: usize) -> Stats {
    let (degree, rank, comm) = (
        analysis::degree(g),
        analysis::pagerank(g),
        analysis::communities(g),
    );
    let mut types = BTreeMap::new();
    for n in g.graph.node_weights() {
        *types.entry(n.kind.as_str()).or_insert(0) += 1;
    }
    let mut order: Vec<usize> = (0..g.node_count()).collect();
    order.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    let node = |i: usize| &g.graph[petgraph::graph::NodeIndex::new(i)];
    let central = order
        .iter()
        .take(top)
        .map(|&i| Central {
            label: node(i).label.clone(),
            kind: node(i).kind.as_str(),
            degree: degree[i],
            pagerank: (rank[i] * 1e6).round() / 1e6,
            community: comm[i],
        })
        .collect();
    let n_comm = comm.iter().max().map_or(0, |m| m + 1);
    let largest_communities = (0..n_comm.min(top))
        .map(|c| {
            // members by PageRank
            order
                .iter()
                .filter(|&&i| comm[i] == c)
                .map(|&i| node(i).label.clone())
                .collect()
        })
        .collect();
    let mut preds: BTreeMap<String, usize> = BTreeMap::new();
    for e in g.graph.edge_weights() {
        *preds.entry(e.predicate.clone()).or_insert(0) += e.count;
    }
    let mut predicates: Vec<(String, usize)> = preds.into_iter().collect();
    predicates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    predicates.truncate(top);
    Stats {
        entities: g.node_count(),
        relations: g.edge_count(),
        documents: g.documents.len(),
        types,
        central,
        communities: n_comm,
        largest_communities,
        predicates,
    }
}

/// `kgraph stats`
pub fn stats(args: &StatsArgs) -> Result<Outcome> {
    let g = json::read(&args.graph)?;
    let s = stats_of(&g, args.top);
    if args.format == StatsFormat::Json {
        outln!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(Outcome { skipped: 0 });
    }
    outln!(
        "{} entities, {} relations, {} documents",
        s.entities,
        s.relations,
        s.documents
    );
    let types: Vec<String> = s.types.iter().map(|(t, n)| format!("{t} {n}")).collect();
    outln!("types: {}", types.join(", "));
    outln!("most central (PageRank; degree; community):");
    for (k, c) in s.central.iter().enumerate() {
        outln!(
            "  {:>2}. {} ({}) {:.4}; {}; {}",
            k + 1,
            c.label,
            c.kind,
            c.pagerank,
            c.degree,
            c.community
        );
    }
    outln!("communities (Louvain): {}", s.communities);
    for (k, members) in s.largest_communities.iter().enumerate() {
        let shown: Vec<&str> = members.iter().take(6).map(String::as_str).collect();
        let more = members.len().saturating_sub(shown.len());
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        outln!(
            "  {k}: {} entities: {}{tail}",
            members.len(),
            shown.join(", ")
        );
    }
    let preds: Vec<String> = s
        .predicates
        .iter()
        .map(|(p, n)| format!("{p} {n}"))
        .collect();
    outln!("most frequent predicates: {}", preds.join(", "));
    Ok(Outcome { skipped: 0 })
}
