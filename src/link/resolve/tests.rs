//! Tests of the resolution across documents: what merges and what stays apart.
use super::*;

fn node(label: &str, kind: EntityType, docs: &[&str]) -> Node {
    let mut n = Node::new(label, kind);
    n.documents = docs.iter().map(|d| d.to_string()).collect();
    n.mentions = 1;
    n.vote(kind, 1);
    n
}

/// The labels of the node each of `labels` ends in.
fn resolved(nodes: &[Node]) -> Vec<String> {
    let (target, reasons) = resolve(nodes, crate::testing::lexicon());
    for (i, r) in &reasons {
        assert!(r.contains(&nodes[*i].label), "{r}");
    }
    target.iter().map(|&t| nodes[t].label.clone()).collect()
}

#[test]
fn variants_titles_countries_surnames_storms_and_places_merge() {
    use EntityType::*;
    let nodes = vec![
        node("Organization of Islamic Cooperation", ORG, &["a"]),
        node("Organisation of Islamic Cooperation", ORG, &["b"]),
        node("Supreme Court of the United Kingdom", ORG, &["a"]),
        node("United Kingdom Supreme Court", ORG, &["b"]),
        node("Cosmonaut Alexei Leonov", MISC, &["c"]),
        node("Alexei Leonov", PER, &["d"]),
        node("United States Department of Justice", ORG, &["a"]),
        node("Department of Justice", ORG, &["e"]),
        node("United States", GPE, &["a", "e"]),
        node("Ricardo Rosselló Nevares", PER, &["f"]),
        node("Rosselló", PER, &["g"]),
        node("John R. Bolton", PER, &["f"]),
        node("John Bolton", PER, &["g"]),
        node("Hurricane Lorenzo", MISC, &["h"]),
        node("Storm Lorenzo", MISC, &["i"]),
        node("Lorenzo", PER, &["h"]),
        node("Atlantic Ocean", LOC, &["h"]),
        node("Atlantic", LOC, &["i"]),
    ];
    let r = resolved(&nodes);
    assert_eq!(r[0], r[1]);
    assert_eq!(r[2], r[3]);
    assert_eq!(r[4], "Alexei Leonov");
    assert_eq!(r[7], "United States Department of Justice");
    assert_eq!(r[10], "Ricardo Rosselló Nevares");
    assert_eq!(r[12], "John R. Bolton");
    assert_eq!(r[14], r[13]);
    assert_eq!(r[15], r[13]);
    assert_eq!(r[17], r[16]);
    let nodes = vec![
        node("Jacques Chirac", PER, &["a"]),
        node("Chriac", PER, &["a"]),
        node("DR Congo", GPE, &["b"]),
        node("DRC", ORG, &["b"]),
        node("European Court of Justice", ORG, &["c", "d"]),
        node("Court of Justice", ORG, &["c"]),
        node("Muslim-majority Mindanao", LOC, &["e"]),
        node("Mindanao", LOC, &["f"]),
        // a misspelt place the recogniser typed LOC, its spelling from the gazetteer a GPE
        node("Louisiana", GPE, &["g"]),
        node("Lousiana", LOC, &["g"]),
        // "the State of Virginia" is Virginia, under the state's own name
        node("State of Virginia", LOC, &["h"]),
        node("Virginia", GPE, &["h", "i"]),
        // a body's name without its "and": both forms of one article
        node("House Oversight and Reform Committee", ORG, &["j"]),
        node("Oversight Committee", ORG, &["j"]),
        // ... but never a name that only shares the last word
        node("Ethics Committee", ORG, &["j"]),
    ];
    let mut nodes = nodes;
    nodes[8].mentions = 3;
    let r = resolved(&nodes);
    assert_eq!(r[9], "Louisiana");
    assert_eq!(r[1], "Jacques Chirac");
    assert_eq!(r[3], "DR Congo");
    assert_eq!(r[5], "European Court of Justice");
    assert_eq!(r[6], "Mindanao");
    assert_eq!(r[10], "Virginia");
    assert_eq!(r[11], "Virginia");
    assert_eq!(r[13], "House Oversight and Reform Committee");
    assert_eq!(r[14], "Ethics Committee");
    // a party's first word its articles gave it, typed an organisation in an article of its own
    let mut party = node("Conservative Party", ORG, &["k", "l", "m"]);
    party.aliases.insert("Conservative".to_string());
    let nodes = vec![
        party,
        node("Conservative", ORG, &["n"]),
        node("Labour Party", ORG, &["k"]),
        node("Labour", MISC, &["o"]),
    ];
    let r = resolved(&nodes);
    assert_eq!(r[1], "Conservative Party");
    // with no article giving the party that name, a word in other articles stays apart
    assert_eq!(r[3], "Labour");
}

#[test]
fn what_a_reader_keeps_apart_stays_apart() {
    use EntityType::*;
    let nodes = vec![
        // a surname two people bear
        node("Boris Johnson", PER, &["a"]),
        node("Andrew Johnson", PER, &["b"]),
        node("Johnson", PER, &["c"]),
        // a first name is not a surname
        node("Francis Rooney", PER, &["a"]),
        node("Francis", PER, &["d"]),
        // a place with a word in front is another place
        node("West Virginia", GPE, &["a"]),
        node("Virginia", GPE, &["b"]),
        node("Tunisian Parliament", ORG, &["e"]),
        node("Parliament", ORG, &["e"]),
        // the bare name in articles that never name the country
        node("Coast Guard", ORG, &["f", "g"]),
        node("United States Coast Guard", ORG, &["a"]),
        node("United States", GPE, &["a"]),
        // an event is not the party named after it
        node("Brexit", ORG, &["h", "i"]),
        node("Brexit Party", ORG, &["j"]),
        // a part of it is not it
        node("Control Centre of the Coast Guard", ORG, &["f"]),
        // a first name is no misspelt surname
        node("Luis Rivera Marín", PER, &["k"]),
        node("Maria", PER, &["k"]),
        // a name most of whose articles do not name the longer one
        node("Democratic Party", ORG, &["k", "l", "m"]),
        node("Maryland Democratic Party", ORG, &["k"]),
    ];
    let r = resolved(&nodes);
    for (i, n) in nodes.iter().enumerate() {
        assert_eq!(r[i], n.label, "{} merged", n.label);
    }
}
