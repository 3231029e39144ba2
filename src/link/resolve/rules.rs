//! The rules of the resolution across documents that look at people's names, spellings,
//! acronyms, the ends of organisations' names and places' and parties' suffixes.
use super::{words, ByDocument, Node, Sets};
use crate::doc::EntityType;
use crate::lexicon::{Lexicon, WordClass};
use std::collections::{BTreeMap, HashMap};

/// Rule 4: the surname of exactly one person of several words ("Rosselló", "Rourke" of "Beto
/// O'Rourke") that is no one's first name; a name of two or more words whose words, in order,
/// are those of exactly one longer name with the same first word ("John Bolton", "John R.
/// Bolton").
pub(super) fn people(nodes: &[Node], kinds: &[EntityType], lx: &Lexicon, sets: &mut Sets) {
    let person = |i: usize| matches!(kinds[i], EntityType::PER);
    let mut later_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut first_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut full: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let ws = words(&n.label);
        if ws.len() < 2 || !(person(i) || kinds[i] == EntityType::MISC) {
            continue;
        }
        first_word.entry(ws[0].clone()).or_default().push(i);
        for w in &ws[1..] {
            let mut forms = vec![w.clone()];
            // "o'rourke" → "rourke", "al-assad" → "assad"
            if let Some((_, b)) = w.split_once(['\'', '-']) {
                if b.len() > 2 {
                    forms.push(b.to_string());
                }
            }
            for f in forms {
                let v = later_word.entry(f).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        if person(i) {
            full.push((i, ws));
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if !matches!(kinds[i], EntityType::PER | EntityType::MISC) {
            continue;
        }
        // a surname alone, or after a title ("Mme Spanton")
        let ws = words(&n.label);
        let w = match &ws[..] {
            [w] => w.clone(),
            [t, w] if lx.is_title(t) => w.clone(),
            _ => continue,
        };
        let longer: Vec<usize> = later_word
            .get(&w)
            .into_iter()
            .flatten()
            .copied()
            // a person's surname; a surname typed otherwise of a person, or of a name typed
            // otherwise ("Vlada Stamenković" taken for a work) whose words are all capitalised
            .filter(|&j| {
                j != i
                    && (person(j)
                        || person(i)
                            && words(&nodes[j].label).last() == Some(&w)
                            && nodes[j]
                                .label
                                .split(' ')
                                .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
            })
            .collect();
        if let [j] = longer[..] {
            if !first_word.contains_key(&w) && words(&nodes[j].label).len() > ws.len() {
                sets.join(
                    i,
                    j,
                    format!(
                        "\"{}\" is a short form of {} (across documents)",
                        n.label, nodes[j].label
                    ),
                );
            }
        }
    }
    let significant = |ws: &[String]| -> Vec<String> {
        ws.iter()
            .filter(|w| !lx.in_class(WordClass::NameSuffix, w) && w.trim_end_matches('.').len() > 1)
            .cloned()
            .collect()
    };
    for (i, ws) in &full {
        let a = significant(ws);
        if a.len() < 2 {
            continue;
        }
        let longer: Vec<usize> = full
            .iter()
            .filter(|(j, b)| {
                j != i && b.len() > ws.len() && b[0] == a[0] && {
                    let b = significant(b);
                    let mut it = b.iter();
                    a.iter().all(|w| it.any(|x| x == w))
                }
            })
            .map(|(j, _)| *j)
            .collect();
        if let [j] = longer[..] {
            sets.join(
                *i,
                j,
                format!(
                    "\"{}\" is {} without a middle name (across documents)",
                    nodes[*i].label, nodes[j].label
                ),
            );
        }
    }
}

/// Whether two words differ by one letter added, dropped, changed, or two letters swapped.
fn one_edit(a: &[char], b: &[char]) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    let s = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (
        &ra[..ra.len() - s.min(ra.len())],
        &rb[..rb.len() - s.min(rb.len())],
    );
    match (ma.len(), mb.len()) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => ma[0] == mb[1] && ma[1] == mb[0],
        _ => false,
    }
}

/// Rule 5: a one-word name of five letters or more that is one letter away from a name of the
/// same type (for places, LOC or GPE; for a person, the surname) named in one of the same
/// articles ("Chriac" in an article about Jacques Chirac; "Lousiana" and "Louisiana"), when
/// exactly one name is so close.
pub(super) fn typos(
    nodes: &[Node],
    kinds: &[EntityType],
    by_doc: &ByDocument,
    lx: &Lexicon,
    sets: &mut Sets,
) {
    let chars = |s: &str| -> Vec<char> { words(s).concat().chars().collect() };
    for (i, n) in nodes.iter().enumerate() {
        if n.label.contains(' ') || n.label.chars().count() < 5 {
            continue;
        }
        // a first name is no misspelt surname ("Maria", "Marín")
        let lower = n.label.to_lowercase();
        if lx.first_name_sex(&lower).is_some() {
            continue;
        }
        let a = chars(&n.label);
        let mut close: Vec<usize> = n
            .documents
            .iter()
            .flat_map(|d| by_doc[d.as_str()].iter().copied())
            .filter(|&j| {
                let plural = n.label.strip_suffix('s') == Some(nodes[j].label.as_str())
                    || nodes[j].label.strip_suffix('s') == Some(n.label.as_str());
                let place = |k: EntityType| matches!(k, EntityType::LOC | EntityType::GPE);
                j != i
                    && (kinds[j] == kinds[i]
                        || place(kinds[i]) && place(kinds[j])
                        || plural && kinds[i] != EntityType::PER && kinds[j] != EntityType::PER)
            })
            .filter(|&j| {
                let label = &nodes[j].label;
                let last = if kinds[j] == EntityType::PER {
                    label.rsplit(' ').next().unwrap_or(label)
                } else {
                    label.as_str()
                };
                one_edit(&a, &chars(last))
            })
            .collect();
        close.sort_unstable();
        close.dedup();
        if let [j] = close[..] {
            // the spelling with more mentions is the right one
            if nodes[j].mentions > n.mentions || nodes[j].label.contains(' ') {
                sets.join(
                    i,
                    j,
                    format!(
                        "\"{}\" is {} misspelt (one letter; named in the same article)",
                        n.label, nodes[j].label
                    ),
                );
            }
        }
    }
}

/// The initials of a name, a word in capitals giving all its letters ("DR Congo" → "DRC"),
/// with and without the small words ("of", "and").
fn initials(label: &str) -> [String; 2] {
    let mut out = [String::new(), String::new()];
    for w in label.split([' ', '-']).filter(|w| !w.is_empty()) {
        let caps = w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
        let part: String = if caps {
            w.to_string()
        } else {
            w.chars()
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default()
        };
        if !matches!(w, "of" | "and" | "the" | "for" | "on" | "in" | "at" | "&") {
            out[0].push_str(&part);
        }
        out[1].push_str(&part);
    }
    out
}

/// Rule 6: an acronym of two to six capitals ("DRC") is the one name of several words, not a
/// person's, named in one of its articles whose initials spell it ("DR Congo").
pub(super) fn acronyms(nodes: &[Node], kinds: &[EntityType], by_doc: &ByDocument, sets: &mut Sets) {
    for (i, n) in nodes.iter().enumerate() {
        let l = &n.label;
        if !(2..=6).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_uppercase() || c == '&') {
            continue;
        }
        let mut found: Vec<usize> = n
            .documents
            .iter()
            .flat_map(|d| by_doc[d.as_str()].iter().copied())
            .filter(|&j| {
                j != i
                    && kinds[j] != EntityType::PER
                    && nodes[j].label.contains(' ')
                    && initials(&nodes[j].label).contains(l)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        if let [j] = found[..] {
            sets.join(
                i,
                j,
                format!(
                    "\"{l}\" is the acronym of {} (named in the same article)",
                    nodes[j].label
                ),
            );
        }
    }
}

/// Rule 7: an organisation's name of two words or more that ends the name of exactly one other
/// organisation named in one of its articles ("Court of Justice" of "European Court of
/// Justice"; "State Department" read as "Department of State" of "United States Department of
/// State"), or that leaves out its "and" ("Oversight Committee" of "House Oversight and Reform
/// Committee").
pub(super) fn tails(
    nodes: &[Node],
    kinds: &[EntityType],
    by_doc: &ByDocument,
    lx: &Lexicon,
    sets: &mut Sets,
) {
    for (i, n) in nodes.iter().enumerate() {
        let ws = words(&n.label);
        if !matches!(kinds[i], EntityType::ORG | EntityType::MISC) || ws.len() < 2 {
            continue;
        }
        let mut forms = vec![ws.clone()];
        if let [a, b] = &ws[..] {
            forms.push(vec![b.clone(), "of".into(), a.clone()]);
        }
        let mut found: Vec<usize> = n
            .documents
            .iter()
            .flat_map(|d| by_doc[d.as_str()].iter().copied())
            .filter(|&j| kinds[j] == EntityType::ORG)
            .filter(|&j| {
                let mut b = words(&nodes[j].label);
                // a party's name without "Party" ("Raksa Chart" of "Thai Raksa Chart Party")
                if b.last()
                    .is_some_and(|w| lx.in_class(WordClass::PartySuffix, w))
                {
                    b.pop();
                }
                // not a part of it: "Control Centre of the Coast Guard" is not the Coast Guard
                j != i
                    && (forms.iter().any(|f| {
                        b.len() > f.len()
                            && b.ends_with(f)
                            && !matches!(b[b.len() - f.len() - 1].as_str(), "of" | "the")
                    }) || without_conjunct(&b, &ws))
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        if let [j] = found[..] {
            // most of its articles name the whole
            let shared = n.documents.intersection(&nodes[j].documents).count();
            if 2 * shared < n.documents.len() {
                continue;
            }
            sets.join(
                i,
                j,
                format!(
                    "\"{}\" is {} without the words in front (named in the same article)",
                    n.label, nodes[j].label
                ),
            );
        }
    }
}

/// "Oversight Committee", "House Oversight Committee" of "House Oversight and Reform Committee":
/// a name of two words or more with the same last word as a longer one whose "and" it leaves
/// out, together with some of the words around it (its words in the longer one's order).
fn without_conjunct(long: &[String], short: &[String]) -> bool {
    if short.len() < 2
        || long.len() <= short.len()
        || long.last() != short.last()
        || !long.iter().any(|w| w == "and" || w == "&")
        || short.iter().any(|w| w == "and" || w == "&")
    {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|x| x == w))
}

/// Rule 8: a storm's bare name ("Dorian") that only the articles naming the storm use; a
/// place and the same place with "Ocean", "Islands" after it (the longer name stays) or "State
/// of" before it (the state's own name stays: "the State of Virginia" is Virginia); a one-word
/// party name and the one party of that name with "Party".
pub(super) fn suffixes(
    nodes: &[Node],
    kinds: &[EntityType],
    lx: &Lexicon,
    sets: &mut Sets,
    groups: &BTreeMap<String, Vec<usize>>,
) {
    let mut by_words: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        by_words
            .entry(words(&n.label).join(" "))
            .or_default()
            .push(i);
    }
    for (key, members) in groups {
        let Some(name) = key.strip_prefix("storm: ") else {
            continue;
        };
        let Some(bare) = by_words.get(name) else {
            continue;
        };
        let head = sets.find(members[0]);
        for &b in bare {
            let shared = nodes[b]
                .documents
                .iter()
                .filter(|d| members.iter().any(|&m| nodes[m].documents.contains(*d)))
                .count();
            let bare_name = matches!(kinds[b], EntityType::PER | EntityType::MISC);
            if bare_name && 2 * shared > nodes[b].documents.len() && !members.contains(&b) {
                sets.join(
                    b,
                    head,
                    format!(
                        "\"{}\" is the storm {}: most articles that name it name the storm",
                        nodes[b].label, nodes[head].label
                    ),
                );
            }
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        let ws = words(&n.label);
        if ws.len() < 2 {
            continue;
        }
        let (short, why) = match kinds[i] {
            EntityType::LOC | EntityType::GPE
                if lx.in_class(WordClass::PlaceSuffix, &ws[ws.len() - 1]) =>
            {
                (ws[..ws.len() - 1].join(" "), "place")
            }
            EntityType::LOC | EntityType::GPE
                if ws.len() > 2 && ws[0] == "state" && ws[1] == "of" =>
            {
                (ws[2..].join(" "), "state")
            }
            EntityType::ORG if lx.in_class(WordClass::PartySuffix, &ws[ws.len() - 1]) => {
                (ws[..ws.len() - 1].join(" "), "party")
            }
            _ => continue,
        };
        let Some(found) = by_words.get(&short) else {
            continue;
        };

        let same: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&j| {
                j != i
                    && match why {
                        "place" | "state" => {
                            matches!(kinds[j], EntityType::LOC | EntityType::GPE)
                        }
                        _ => kinds[j] == EntityType::ORG,
                    }
            })
            .collect();
        // a party's short name only in the articles of that party ("Brexit" is not the Brexit Party),
        // or typed an organisation when articles that name the party have it for the party (the
        // "Conservative" of an article without the "Conservative Party", which other articles
        // joined to the party by its first word)
        let inside = |j: usize| {
            let shared = nodes[j].documents.intersection(&n.documents).count();
            why != "party"
                || 2 * shared >= nodes[j].documents.len()
                || kinds[j] == EntityType::ORG && n.aliases.contains(&nodes[j].label)
        };
        if let [j] = same[..] {
            if !inside(j) {
                continue;
            }
            if why == "state" {
                // "the State of Virginia" is the state named: Virginia, under its own name
                let reason = format!("\"{}\" is {} (the state named)", n.label, nodes[j].label);
                sets.join(i, j, reason);
            } else {
                let reason = format!(
                    "\"{}\" is {} (its name without \"{}\")",
                    nodes[j].label,
                    n.label,
                    n.label.replace(&nodes[j].label, "").trim()
                );
                sets.join(j, i, reason);
            }
        }
    }
}
