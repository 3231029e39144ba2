//! Questions asked of a built graph: which node a name means, the neighbourhood of an entity, the
//! shortest path between two, degree and PageRank centrality, and communities (Louvain).
use super::Graph;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashMap, VecDeque};

/// The node a name means: its label, else an alias, else its id, compared without case; among
/// several, the most mentioned.
pub fn find(g: &Graph, name: &str) -> Option<NodeIndex> {
    let want = name.trim().to_lowercase();
    let score = |i: NodeIndex| {
        let n = &g.graph[i];
        if n.label.to_lowercase() == want {
            Some(3)
        } else if n.aliases.iter().any(|a| a.to_lowercase() == want) {
            Some(2)
        } else if n.id == want {
            Some(1)
        } else {
            None
        }
    };
    g.graph
        .node_indices()
        .filter_map(|i| score(i).map(|s| (s, g.graph[i].mentions, std::cmp::Reverse(i), i)))
        .max()
        .map(|(.., i)| i)
}

/// Which edges a query keeps.
#[derive(Debug, Clone, Default)]
pub struct EdgeFilter {
    /// Only edges with this predicate (without case).
    pub relation: Option<String>,
    /// Only edges with at least this much evidence.
    pub min_count: usize,
    /// Only edges seen on this date or later (an ISO date: 2019, 2019-10 or 2019-10-01): the
    /// latest date of their articles, or for undated articles a date their names start with
    /// ("2019-10-01_...").
    pub since: Option<String>,
}

/// Whether text is an ISO date kgraph compares: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month
/// from 01 to 12 and a day from 01 to 31.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| (lo..=hi).contains(&v))
    };
    match parts[..] {
        [y] => num(y, 4, 0, 9999),
        [y, m] => num(y, 4, 0, 9999) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 0, 9999) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

/// The latest date an edge was seen: its articles' dates, else the dates their names start with.
fn edge_date(e: &super::Edge) -> Option<String> {
    e.last_seen.clone().or_else(|| {
        e.evidence
            .iter()
            .filter_map(|ev| {
                let name = ev.doc.rsplit('/').next().unwrap_or(&ev.doc);
                let head = name.get(..10)?;
                is_iso_date(head).then(|| head.to_string())
            })
            .max()
    })
}

impl EdgeFilter {
    fn keeps(&self, e: &super::Edge) -> bool {
        self.relation
            .as_ref()
            .is_none_or(|r| e.predicate.eq_ignore_ascii_case(r))
            && e.count >= self.min_count
            && self
                .since
                .as_ref()
                .is_none_or(|d| edge_date(e).is_some_and(|seen| seen.as_str() >= d.as_str()))
    }
}

/// The sub-graph of the nodes within `depth` edges of `center` (either direction) over the edges
/// the filter keeps, and of the edges walked to reach them (from a node nearer than `depth`); `types` (when not empty) keeps only nodes of these types
/// besides the center.
pub fn neighbourhood(
    g: &Graph,
    center: NodeIndex,
    depth: usize,
    filter: &EdgeFilter,
    types: &[crate::doc::EntityType],
) -> Graph {
    let node_ok =
        |i: NodeIndex| i == center || types.is_empty() || types.contains(&g.graph[i].kind);
    let mut dist: HashMap<NodeIndex, usize> = HashMap::from([(center, 0)]);
    let mut queue = VecDeque::from([center]);
    while let Some(i) = queue.pop_front() {
        if dist[&i] == depth {
            continue;
        }
        let edges = g
            .graph
            .edges_directed(i, petgraph::Direction::Outgoing)
            .map(|e| (e.target(), e.weight()))
            .chain(
                g.graph
                    .edges_directed(i, petgraph::Direction::Incoming)
                    .map(|e| (e.source(), e.weight())),
            );
        for (j, e) in edges {
            if filter.keeps(e) && node_ok(j) && !dist.contains_key(&j) {
                dist.insert(j, dist[&i] + 1);
                queue.push_back(j);
            }
        }
    }
    // the edges walked: from a node nearer than `depth` (at depth 1, the center's own edges, not
    // those between two of its neighbours)
    let mut out = Graph {
        documents: g.documents.clone(),
        ..Default::default()
    };
    let mut map = HashMap::new();
    for i in g.graph.node_indices().filter(|i| dist.contains_key(i)) {
        map.insert(i, out.graph.add_node(g.graph[i].clone()));
    }
    for e in g.graph.edge_references() {
        if let (Some(&s), Some(&t)) = (map.get(&e.source()), map.get(&e.target())) {
            let near = dist[&e.source()].min(dist[&e.target()]) < depth;
            if near && filter.keeps(e.weight()) {
                out.graph.add_edge(s, t, e.weight().clone());
            }
        }
    }
    out
}

/// The sub-graph of the nodes `keep` accepts and the edges between them the filter keeps, in the
/// graph's order.
pub fn induced(g: &Graph, keep: impl Fn(NodeIndex) -> bool, filter: &EdgeFilter) -> Graph {
    let mut out = Graph {
        documents: g.documents.clone(),
        ..Default::default()
    };
    let mut map = HashMap::new();
    for i in g.graph.node_indices().filter(|&i| keep(i)) {
        map.insert(i, out.graph.add_node(g.graph[i].clone()));
    }
    for e in g.graph.edge_references() {
        if let (Some(&s), Some(&t)) = (map.get(&e.source()), map.get(&e.target())) {
            if filter.keeps(e.weight()) {
                out.graph.add_edge(s, t, e.weight().clone());
            }
        }
    }
    out
}

/// The shortest path from `a` to `b` over edges in either direction, as nodes; ties go to the
/// lower node index.
pub fn path(g: &Graph, a: NodeIndex, b: NodeIndex) -> Option<Vec<NodeIndex>> {
    let mut prev: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([a]);
    let mut seen = std::collections::HashSet::from([a]);
    while let Some(i) = queue.pop_front() {
        if i == b {
            let mut p = vec![b];
            while let Some(&q) = prev.get(p.last().expect("non-empty")) {
                p.push(q);
            }
            p.reverse();
            return Some(p);
        }
        let mut next: Vec<NodeIndex> = g.graph.neighbors_undirected(i).collect();
        next.sort();
        for j in next {
            if seen.insert(j) {
                prev.insert(j, i);
                queue.push_back(j);
            }
        }
    }
    None
}

/// Each node's degree (edges in and out).
pub fn degree(g: &Graph) -> Vec<usize> {
    g.graph
        .node_indices()
        .map(|i| g.graph.neighbors_undirected(i).count())
        .collect()
}

/// PageRank of each node (damping 0.85, edges weighted by their evidence count, a dangling node's
/// rank spread evenly), iterated until the ranks move less than 1e-10 or 200 times; they sum to 1.
pub fn pagerank(g: &Graph) -> Vec<f64> {
    let n = g.graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let out_weight: Vec<f64> = g
        .graph
        .node_indices()
        .map(|i| g.graph.edges(i).map(|e| e.weight().count as f64).sum())
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..200 {
        let dangling: f64 = (0..n)
            .filter(|&i| out_weight[i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (0.15 + 0.85 * dangling) / n as f64;
        let mut next = vec![base; n];
        for e in g.graph.edge_references() {
            let s = e.source().index();
            next[e.target().index()] += 0.85 * rank[s] * e.weight().count as f64 / out_weight[s];
        }
        let moved: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if moved < 1e-10 {
            break;
        }
    }
    rank
}

/// Communities by the Louvain method on the undirected graph weighted by evidence counts: nodes
/// move to the neighbouring community that most raises modularity (in index order, so the result
/// is deterministic), then communities become nodes and the moves repeat until nothing moves.
/// Returns each node's community, numbered by size (0 the largest; ties by lowest member).
pub fn communities(g: &Graph) -> Vec<usize> {
    let n = g.graph.node_count();
    // the weighted undirected adjacency of the current level
    let mut adj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for e in g.graph.edge_references() {
        let (s, t, w) = (
            e.source().index(),
            e.target().index(),
            e.weight().count as f64,
        );
        *adj[s].entry(t).or_default() += w;
        *adj[t].entry(s).or_default() += w;
    }
    let mut member: Vec<usize> = (0..n).collect();
    loop {
        let m = adj.len();
        let total: f64 = adj.iter().flat_map(|a| a.values()).sum();
        if total == 0.0 {
            break;
        }
        let k: Vec<f64> = adj.iter().map(|a| a.values().sum()).collect();
        let mut comm: Vec<usize> = (0..m).collect();
        let mut tot = k.clone();
        let mut moved_any = false;
        loop {
            let mut moved = false;
            for v in 0..m {
                let c0 = comm[v];
                let mut links: BTreeMap<usize, f64> = BTreeMap::new();
                for (&u, &w) in &adj[v] {
                    if u != v {
                        *links.entry(comm[u]).or_default() += w;
                    }
                }
                tot[c0] -= k[v];
                let gain = |c: usize, w_in: f64| w_in - tot[c] * k[v] / total;
                let mut best = (c0, gain(c0, links.get(&c0).copied().unwrap_or(0.0)));
                for (&c, &w) in &links {
                    let gn = gain(c, w);
                    if gn > best.1 + 1e-12 {
                        best = (c, gn);
                    }
                }
                tot[best.0] += k[v];
                if best.0 != c0 {
                    comm[v] = best.0;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        if !moved_any {
            break;
        }
        // renumber and fold the level into one node per community
        let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
        for &c in &comm {
            let next = ids.len();
            ids.entry(c).or_insert(next);
        }
        let mut next_adj: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); ids.len()];
        for (v, a) in adj.iter().enumerate() {
            for (&u, &w) in a {
                *next_adj[ids[&comm[v]]].entry(ids[&comm[u]]).or_default() += w;
            }
        }
        for c in member.iter_mut() {
            *c = ids[&comm[*c]];
        }
        adj = next_adj;
    }
    // number by size, largest first
    let mut sizes: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (v, &c) in member.iter().enumerate() {
        let e = sizes.entry(c).or_insert((0, v));
        e.0 += 1;
    }
    let mut order: Vec<(usize, usize, usize)> = sizes
        .into_iter()
        .map(|(c, (size, first))| (c, size, first))
        .collect();
    order.sort_by_key(|&(_, size, first)| (std::cmp::Reverse(size), first));
    let rank: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(r, &(c, ..))| (c, r))
        .collect();
    member.iter().map(|c| rank[c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centrality_communities_paths_and_neighbourhoods() {
        let g = crate::graph::tests_support::sample_graph();
        let pr = pagerank(&g);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-6);
        let js = find(&g, "stoltenberg").expect("an alias finds the node");
        assert_eq!(g.graph[js].label, "Jens Stoltenberg");
        let china = find(&g, "China").unwrap();
        // China, warned and supplied, outranks a node with no incoming edge
        assert!(pr[china.index()] > pr[js.index()]);
        let c = communities(&g);
        assert_eq!(c.len(), g.node_count());
        assert_eq!(
            c[js.index()],
            c[china.index()],
            "linked nodes share a community"
        );
        assert_eq!(path(&g, js, china), Some(vec![js, china]));
        let sub = neighbourhood(&g, js, 1, &EdgeFilter::default(), &[]);
        assert!(sub.node_count() >= 2 && sub.node_count() < g.node_count() + 1);
        assert!(sub.graph.node_weights().any(|n| n.label == "China"));
        let none = neighbourhood(
            &g,
            js,
            1,
            &EdgeFilter {
                relation: Some("no such relation".into()),
                ..Default::default()
            },
            &[],
        );
        assert_eq!((none.node_count(), none.edge_count()), (1, 0));
        assert_eq!(
            degree(&g)[js.index()],
            g.graph.neighbors_undirected(js).count()
        );
    }
}
