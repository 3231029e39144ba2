//! Every export format loaded by the tool its users load it with: networkx (JSON node-link,
//! GraphML, GEXF), pandas with its default settings (TSV, CSV), rdflib with a SPARQL query
//! (N-Triples, Turtle), the embedded graph database Kùzu with Cypher queries (CSV, Cypher script),
//! and a syntax check of Mermaid; node and edge counts and a sample of attributes must equal
//! kgraph's own.
mod common;

use common::kgraph;
use std::path::Path;

/// Whether python3 can import these modules: a missing one fails the test with the command
/// that installs it.
fn python_has(modules: &str) -> bool {
    let pip = modules.replace(',', "");
    common::require_python(modules, &format!("python3 -m pip install {pip}"));
    true
}

fn build_all(dir: &Path) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut inputs = vec![data.join("nato-china-russia.txt")];
    inputs.extend(common::wikinews_files().into_iter().take(4));
    kgraph()
        .args([
            "build",
            "--format",
            "json,jsonl,tsv,csv,graphml,gexf,mermaid,nt,ttl,cypher",
            "-o",
        ])
        .arg(dir)
        .args(&inputs)
        .assert()
        .success();
}

const CHECK: &str = r#"
import json, sys, os
import networkx as nx, pandas as pd
d = sys.argv[1]
g = nx.node_link_graph(json.load(open(os.path.join(d, "graph.json"))))
n, e = g.number_of_nodes(), g.number_of_edges()
assert n > 10 and e > 10, (n, e)
triples = sum(1 for _ in open(os.path.join(d, "graph.jsonl")))

h = nx.read_graphml(os.path.join(d, "graph.graphml"))
assert (h.number_of_nodes(), h.number_of_edges()) == (n, e), ("graphml", h.number_of_nodes(), h.number_of_edges(), n, e)
assert h.is_directed() and h.is_multigraph()
js = h.nodes["jens-stoltenberg"]
assert js["label"] == g.nodes["jens-stoltenberg"]["label"] and js["type"] == "PER", js
assert isinstance(js["mentions"], int) and js["mentions"] == g.nodes["jens-stoltenberg"]["mentions"], js
for u, v, k, a in h.edges(keys=True, data=True):
    assert isinstance(a["negated"], bool) and isinstance(a["count"], int) and isinstance(a["confidence"], float), a
    assert any(x["predicate"] == a["predicate"] and x["count"] == a["count"] for x in g.get_edge_data(u, v).values()), (u, v, a)

x = nx.read_gexf(os.path.join(d, "graph.gexf"))
assert (x.number_of_nodes(), x.number_of_edges()) == (n, e), ("gexf", x.number_of_nodes(), x.number_of_edges())
assert x.nodes["jens-stoltenberg"]["label"] == "Jens Stoltenberg"
assert x.nodes["jens-stoltenberg"]["mentions"] == js["mentions"]
labels = sorted(a["label"] for _, _, a in x.edges(data=True))
assert labels == sorted(k for _, _, k in g.edges(keys=True)), "gexf edge labels"

t = pd.read_csv(os.path.join(d, "graph.tsv"), sep="\t")
assert len(t) == triples, ("tsv", len(t), triples)
assert list(t.columns[:5]) == ["doc", "subject", "subject_type", "predicate", "object"]
nodes = pd.read_csv(os.path.join(d, "graph.nodes.csv"))
edges = pd.read_csv(os.path.join(d, "graph.edges.csv"))
assert (len(nodes), len(edges)) == (n, e), ("csv", len(nodes), len(edges))
assert set(edges["source"]) | set(edges["target"]) <= set(nodes["id"])
assert nodes.set_index("id").loc["jens-stoltenberg", "mentions"] == js["mentions"]
assert abs(nodes.set_index("id").loc["jens-stoltenberg", "pagerank"] - g.nodes["jens-stoltenberg"]["pagerank"]) < 1e-9
assert isinstance(js["pagerank"], float) and js["community"] == g.nodes["jens-stoltenberg"]["community"]
print(n, e, triples)
"#;

#[test]
fn every_graph_format_loads_in_its_tool_with_the_same_counts() {
    if !python_has("networkx, pandas") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    build_all(d.path());
    let o = std::process::Command::new("python3")
        .args(["-c", CHECK])
        .arg(d.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // Mermaid: one node line per node and one arrow per edge of the JSON
    let mmd = std::fs::read_to_string(d.path().join("graph.mmd")).unwrap();
    let counts: Vec<usize> = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(mmd.starts_with("flowchart LR\n"));
    let arrows = mmd
        .lines()
        .filter(|l| l.contains("-->|") || l.contains("-.->|"))
        .count();
    assert_eq!(mmd.lines().count() - 1 - arrows, counts[0]);
    assert_eq!(arrows, counts[1]);
}

/// Runs a Python check script on the folder; it fails the test with its output.
fn run_check(script: &str, dir: &Path) -> String {
    let o = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const RDF_CHECK: &str = r#"
import json, sys, os, rdflib
d = sys.argv[1]
j = json.load(open(os.path.join(d, "graph.json")))
n, e = len(j["nodes"]), len(j["edges"])
nt = rdflib.Graph().parse(os.path.join(d, "graph.nt"), format="nt")
ttl = rdflib.Graph().parse(os.path.join(d, "graph.ttl"), format="turtle")
assert len(nt) == len(ttl) and nt.isomorphic(ttl), "N-Triples and Turtle differ"
P = "PREFIX e: <urn:kgraph:entity:> PREFIX kg: <urn:kgraph:vocab:> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
ents = list(ttl.query(P + "SELECT (COUNT(DISTINCT ?s) AS ?c) WHERE { ?s a ?t . FILTER(STRSTARTS(STR(?t), 'urn:kgraph:vocab:')) }"))[0][0]
stmts = list(ttl.query(P + "SELECT (COUNT(?st) AS ?c) WHERE { ?st a rdf:Statement }"))[0][0]
assert (int(ents), int(stmts)) == (n, e), ("rdf counts", ents, stmts, n, e)
# the facts asserted about Stoltenberg are the JSON's edges that are not negated
got = sorted((str(p).split(":")[-1], str(l)) for p, l in ttl.query(P + "SELECT ?p ?l WHERE { e:jens-stoltenberg ?p ?o . ?o rdfs:label ?l . ?st rdf:subject e:jens-stoltenberg ; rdf:predicate ?p ; rdf:object ?o }"))
label = {x["id"]: x["label"] for x in j["nodes"]}
want = sorted((x["predicate"].replace(" ", "-"), label[x["target"]]) for x in j["edges"] if x["source"] == "jens-stoltenberg" and not x["negated"])
assert got == want and got, (got, want)
# a negated fact is described, never asserted
for st, s, p, o in ttl.query(P + "SELECT ?st ?s ?p ?o WHERE { ?st kg:negated true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"):
    assert (s, p, o) not in ttl, ("negated fact asserted", s, p, o)
ev = list(ttl.query(P + "SELECT ?t WHERE { ?st rdf:subject e:jens-stoltenberg ; kg:evidence ?t }"))
assert ev and all(len(str(t)) > 20 for (t,) in ev)
print(n, e, len(ttl))
"#;

const KUZU_CHECK: &str = r#"
import json, sys, os, tempfile, kuzu
d = sys.argv[1]
j = json.load(open(os.path.join(d, "graph.json")))
n, e = len(j["nodes"]), len(j["edges"])
schema = [l[4:].rstrip().rstrip(";") for l in open(os.path.join(d, "graph.cypher")) if l.startswith("//   CREATE")]
assert len(schema) == 2, schema
label = {x["id"]: x["label"] for x in j["nodes"]}
want = sorted((x["predicate"], label[x["target"]], x["negated"]) for x in j["edges"] if x["source"] == "jens-stoltenberg")
for how in ("csv", "cypher"):
    c = kuzu.Connection(kuzu.Database(os.path.join(tempfile.mkdtemp(), "db")))
    for s in schema:
        c.execute(s)
    if how == "csv":
        c.execute("COPY Entity FROM '%s' (HEADER=true)" % os.path.join(d, "graph.nodes.csv"))
        c.execute("COPY Fact FROM '%s' (HEADER=true)" % os.path.join(d, "graph.edges.csv"))
    else:
        for line in open(os.path.join(d, "graph.cypher")):
            if line.strip() and not line.startswith("//"):
                c.execute(line)
    count = lambda q: c.execute(q).get_next()[0]
    assert (count("MATCH (a:Entity) RETURN count(*)"), count("MATCH ()-[f:Fact]->() RETURN count(*)")) == (n, e), how
    r = c.execute("MATCH (a:Entity {id: 'jens-stoltenberg'})-[f:Fact]->(b:Entity) RETURN f.predicate, b.label, f.negated")
    got = []
    while r.has_next():
        got.append(tuple(r.get_next()))
    assert sorted(got) == want and got, (how, got, want)
print(n, e)
"#;

#[test]
fn rdf_loads_in_rdflib_and_sparql_finds_the_facts() {
    if !python_has("rdflib") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    build_all(d.path());
    run_check(RDF_CHECK, d.path());
}

#[test]
fn kuzu_loads_the_csv_files_and_runs_the_cypher_script() {
    if !python_has("kuzu") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    build_all(d.path());
    run_check(KUZU_CHECK, d.path());
}

#[test]
fn a_format_that_fails_is_reported_and_the_others_are_written() {
    // a Graphviz that fails after reading a little (as dot did on a tooltip over its limit)
    let bin = tempfile::tempdir().unwrap();
    let fake = bin.path().join("dot");
    std::fs::write(
        &fake,
        "#!/bin/sh\n[ \"$1\" = -V ] && exit 0\nhead -c 10 >/dev/null\necho 'syntax error in line 1' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let d = tempfile::tempdir().unwrap();
    let out = kgraph()
        .env("PATH", path)
        .args(["build", "--format", "json,svg,jsonl", "-o"])
        .arg(d.path())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nato-china-russia.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("graph.svg not written") && err.contains("syntax error"),
        "{err}"
    );
    assert!(d.path().join("graph.json").exists() && d.path().join("graph.jsonl").exists());
    assert!(!d.path().join("graph.svg").exists());
    // -o - takes one file; csv is two, so it is refused
    kgraph()
        .args(["build", "--format", "csv", "-o", "-"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nato-china-russia.txt"))
        .assert()
        .code(2);
}

#[test]
fn a_fact_with_hundreds_of_sentences_still_renders() {
    // Graphviz stops on a string over 16,384 characters: 400 articles repeating one fact used to
    // make such a tooltip
    common::require_tool("dot", "-V", "apt install graphviz");
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("many.jsonl");
    let lines: String = (0..400)
        .map(|i| {
            format!(
                "{{\"id\": \"a{i:03}\", \"text\": \"On day {i}, NATO Secretary General Jens Stoltenberg warned China against supplying arms to Russia, officials in Brussels said.\"}}\n"
            )
        })
        .collect();
    std::fs::write(&input, lines).unwrap();
    kgraph()
        .args(["build", "--format", "json,dot,svg", "-o"])
        .arg(d.path())
        .arg(&input)
        .assert()
        .success();
    let svg = std::fs::read_to_string(d.path().join("graph.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("Stoltenberg"));
    let json = std::fs::read_to_string(d.path().join("graph.json")).unwrap();
    assert!(
        json.contains("\"count\": 400"),
        "one fact with 400 pieces of evidence"
    );
}
