//! Resolution across documents: which nodes of the merged graph name one entity, each merge with
//! a reason a reader would accept. Spellings that differ only in British and American endings, a
//! storm's name with and without "Hurricane", "Supreme Court of the United Kingdom" and "United
//! Kingdom Supreme Court"; a title or "former" glued in front of a name; an organisation named
//! with and without its country in the articles of that country; a surname or a name without
//! its middle names that one person of the corpus bears; a misspelling by one letter; an
//! acronym and an organisation's name without its first words in an article naming the whole;
//! a place with and without "Ocean" or "State of", a party with and without "Party". What is
//! ambiguous in the corpus stays apart.
use crate::doc::EntityType;
use crate::doc::Pos;
use crate::graph::Node;
use crate::lexicon::{Lexicon, WordClass};
use std::collections::{BTreeMap, HashMap};

mod rules;
use rules::{acronyms, people, suffixes, tails, typos};

/// Nodes joined so far: each points at the node it merged into.
struct Sets {
    parent: Vec<usize>,
    reasons: Vec<(usize, String)>,
}

impl Sets {
    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }
    fn join(&mut self, i: usize, into: usize, reason: String) {
        let (a, b) = (self.find(i), self.find(into));
        if a != b {
            self.parent[a] = b;
            self.reasons.push((i, reason));
        }
    }
}

/// The nodes named in each document.
type ByDocument<'a> = HashMap<&'a str, Vec<usize>>;

fn by_document(nodes: &[Node]) -> ByDocument<'_> {
    let mut by_doc: ByDocument = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        for d in &n.documents {
            by_doc.entry(d.as_str()).or_default().push(i);
        }
    }
    by_doc
}

/// Lower-case words without accents.
fn words(label: &str) -> Vec<String> {
    deunicode::deunicode(label)
        .to_lowercase()
        .split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The country a run of words names ("united kingdom", "us"), as the gazetteer spells it.
fn country(lx: &Lexicon, ws: &[String]) -> Option<String> {
    let key = ws.join(" ");
    let g = lx.gazetteer(&key)?;
    lx.country_code(g.name).map(|_| g.name.to_string())
}

/// The key that spelling variants of one organisation or storm share: British endings spelt
/// the American way, "X of (the) C" and "C X" for a country C both as "c x", a storm's name
/// after "Hurricane" or "Tropical Storm" as "storm: name".
fn variant_key(lx: &Lexicon, n: &Node) -> Option<String> {
    let mut ws = words(&n.label);
    let mut changed = false;
    for w in &mut ws {
        if let Some(stem) = w.strip_suffix("isation") {
            *w = format!("{stem}ization");
            changed = true;
        } else if let Some(stem) = w.strip_suffix("isations") {
            *w = format!("{stem}izations");
            changed = true;
        }
    }
    let storm = ws
        .iter()
        .take_while(|w| lx.in_class(WordClass::StormTitle, w))
        .count();
    if storm > 0 && storm < ws.len() {
        return Some(format!("storm: {}", ws[storm..].join(" ")));
    }
    if n.voted_kind() == EntityType::ORG {
        if let Some(of) = ws.iter().position(|w| w == "of") {
            let mut c = of + 1;
            if ws.get(c).is_some_and(|w| w == "the") {
                c += 1;
            }
            if of > 0 && c < ws.len() {
                if let Some(name) = country(lx, &ws[c..]) {
                    return Some(format!("{} {}", words(&name).join(" "), ws[..of].join(" ")));
                }
            }
        }
        for k in (1..ws.len().min(4)).rev() {
            if let Some(name) = country(lx, &ws[..k]) {
                return Some(format!("{} {}", words(&name).join(" "), ws[k..].join(" ")));
            }
        }
    }
    changed.then(|| ws.join(" "))
}

/// Whether a name's first word (lower case) is a title, "former" or a common noun
/// ("Cosmonaut", "Secretary", "Former", "Countryman"), or a word the lexicon does not know that
/// is no first name.
fn leading_title(lx: &Lexicon, first: &str) -> bool {
    if lx.in_class(WordClass::FormerWord, first) || lx.title_len(first) > 0 {
        return true;
    }
    let r = lx.readings(first);
    if lx.gazetteer(first).is_some() {
        return false;
    }
    if r.is_empty() {
        return lx.first_name_sex(first).is_none()
            && !lx
                .open_classes(first)
                .is_some_and(|c| c.contains("first") || c.contains("last"));
    }
    r.iter().all(|r| r.pos == Pos::NOUN)
}

/// The merges across documents: for each node, the node it is one entity with (itself when
/// none), and the reasons of the merges.
pub(super) fn resolve(nodes: &[Node], lx: &Lexicon) -> (Vec<usize>, Vec<(usize, String)>) {
    let mut sets = Sets {
        parent: (0..nodes.len()).collect(),
        reasons: Vec::new(),
    };
    let kinds: Vec<EntityType> = nodes.iter().map(Node::voted_kind).collect();
    let by_key: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (crate::graph::node_key(&n.label), i))
        .collect();
    let named = |label: &str| by_key.get(&crate::graph::node_key(label)).copied();
    // 1. spelling variants of one name
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if let Some(k) = variant_key(lx, n) {
            groups.entry(k).or_default().push(i);
        }
        // the key a name has as it is, so that "Organization of X" meets "Organisation of X"
        let ws = words(&n.label);
        groups.entry(ws.join(" ")).or_default().push(i);
        // written without spaces ("MarineTraffic", "Marine Traffic"), or with the Arabic article
        // ("al-Eryani", "Eryani")
        if ws.len() > 1 || ws[0].len() > 8 {
            groups
                .entry(format!("concat: {}", ws.concat()))
                .or_default()
                .push(i);
        }
        if let [w] = &ws[..] {
            if let Some(rest) = w.strip_prefix("al-").or_else(|| w.strip_prefix("el-")) {
                groups.entry(rest.to_string()).or_default().push(i);
            }
        }
    }
    for members in groups.values() {
        let mut m = members.clone();
        m.sort_unstable();
        m.dedup();
        if m.len() < 2 {
            continue;
        }
        let head = *m
            .iter()
            .max_by_key(|&&i| (nodes[i].mentions, std::cmp::Reverse(i)))
            .expect("two or more");
        for &i in &m {
            if i != head {
                sets.join(
                    i,
                    head,
                    format!(
                        "\"{}\" is another spelling of {} (across documents)",
                        nodes[i].label, nodes[head].label
                    ),
                );
            }
        }
    }
    // 2. a title or "former" glued in front of a name
    for (i, n) in nodes.iter().enumerate() {
        if !matches!(
            kinds[i],
            EntityType::PER | EntityType::ORG | EntityType::MISC
        ) {
            continue;
        }
        let ws: Vec<&str> = n.label.split(' ').collect();
        let first = ws[0].to_lowercase();
        if ws.len() < 2 {
            continue;
        }
        // "Former" before any name; a title or a common noun before a person's name of two
        // words or more
        let former = lx.in_class(WordClass::FormerWord, &first);
        if !former && !leading_title(lx, &first) {
            continue;
        }
        // the shortest front that leaves a name of the corpus
        let found = (1..ws.len()).find_map(|k| {
            let rest = ws[k..].join(" ");
            let j = named(&rest)?;
            let fits = kinds[j] == EntityType::PER && rest.contains(' ')
                || former && kinds[j] == EntityType::ORG;
            (j != i && fits).then_some((k, j))
        });
        if let Some((k, j)) = found {
            sets.join(
                i,
                j,
                format!(
                    "\"{}\" is {} with \"{}\" in front (across documents)",
                    n.label,
                    nodes[j].label,
                    ws[..k].join(" ")
                ),
            );
        }
    }
    // a place with a modifier in front ("Muslim-majority Mindanao", "oil-rich Kirkuk")
    for (i, n) in nodes.iter().enumerate() {
        if !matches!(kinds[i], EntityType::LOC | EntityType::GPE) {
            continue;
        }
        let Some((first, rest)) = n.label.split_once(' ') else {
            continue;
        };
        let modifier = first
            .split_once('-')
            .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase));
        if let Some(j) = named(rest).filter(|&j| modifier && j != i) {
            if matches!(kinds[j], EntityType::LOC | EntityType::GPE) {
                sets.join(
                    i,
                    j,
                    format!(
                        "\"{}\" is {} with \"{first}\" in front",
                        n.label, nodes[j].label
                    ),
                );
            }
        }
    }
    // 3. an organisation named without its country, in the articles of that country only
    let mut prefixed: HashMap<usize, Vec<(usize, String)>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if kinds[i] != EntityType::ORG {
            continue;
        }
        let ws: Vec<&str> = n.label.split(' ').collect();
        for k in (1..ws.len().min(4)).rev() {
            let lower: Vec<String> = ws[..k].iter().map(|w| w.to_lowercase()).collect();
            // a country ("United States Congress") or another organisation or place of the
            // corpus ("House Judiciary Committee")
            let owner = country(lx, &lower).or_else(|| {
                let o = named(&ws[..k].join(" "))?;
                matches!(
                    kinds[o],
                    EntityType::ORG | EntityType::GPE | EntityType::LOC
                )
                .then(|| nodes[o].label.clone())
            });
            if let Some(c) = owner {
                if let Some(j) = named(&ws[k..].join(" ")) {
                    prefixed.entry(j).or_default().push((i, c));
                    break;
                }
            }
        }
    }
    let mut owner_of: HashMap<(usize, usize), String> = HashMap::new();
    let mut bare: Vec<usize> = prefixed.keys().copied().collect();
    bare.sort_unstable();
    for j in bare {
        if !matches!(kinds[j], EntityType::ORG | EntityType::MISC) {
            continue;
        }
        for (i, c) in &prefixed[&j] {
            owner_of.insert((j, *i), c.clone());
        }
        let fitting: Vec<usize> = prefixed[&j]
            .iter()
            .filter(|(_, c)| {
                named(c).is_some_and(|cn| {
                    let shared = nodes[j]
                        .documents
                        .intersection(&nodes[cn].documents)
                        .count();
                    2 * shared > nodes[j].documents.len()
                })
            })
            .map(|&(i, _)| i)
            .collect();
        if let [i] = fitting[..] {
            sets.join(
                j,
                i,
                format!(
                    "\"{}\" is {}: most articles that name it name {}",
                    nodes[j].label,
                    nodes[i].label,
                    owner_of[&(j, i)]
                ),
            );
        }
    }
    // 4. people: a surname, or a name without its middle names, that one person bears
    people(nodes, &kinds, lx, &mut sets);
    // 5. a name misspelt by one letter in an article that spells it right too
    let by_doc = by_document(nodes);
    typos(nodes, &kinds, &by_doc, lx, &mut sets);
    // 6. an acronym and the one name of its articles whose initials spell it
    acronyms(nodes, &kinds, &by_doc, &mut sets);
    // 7. an organisation's name without the words in front, in an article that has both
    tails(nodes, &kinds, &by_doc, lx, &mut sets);
    // 8. a storm's bare name in the articles about it; a place with "Ocean", a party with "Party"
    suffixes(nodes, &kinds, lx, &mut sets, &groups);
    let target = (0..nodes.len()).map(|i| sets.find(i)).collect();
    (target, sets.reasons)
}

#[cfg(test)]
mod tests;
