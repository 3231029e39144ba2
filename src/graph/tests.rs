//! Tests of the graph model: merging, resolution and what it keeps.
use super::*;
use crate::ingest::from_text;
use crate::testing::annotate;

fn doc(id: &str, text: &str) -> Document {
    let mut d = from_text(id, text);
    annotate(&mut d);
    d
}

#[test]
fn without_a_resolver_nothing_is_merged_across_documents_or_linked() {
    let docs = [
        doc("a", "Recep Tayyip Erdogan visited China."),
        doc("b", "Erdogan met Xi Jinping in China."),
    ];
    let linked = Graph::from_documents(&docs, crate::testing::lexicon());
    assert_eq!(
        linked.node_by_label("China").unwrap().link.as_deref(),
        Some("iso3166:CHN")
    );
    assert!(linked.node_by_label("Erdogan").is_none());
    let plain = Graph::from_documents(&docs, &NoResolver);
    assert_eq!(plain.node_by_label("China").unwrap().link, None);
    assert!(plain.node_by_label("Erdogan").is_some(), "kept apart");
}

#[test]
fn a_party_node_carries_the_id_of_the_party_of_its_articles_country() {
    let g = Graph::from_documents(
        &[
            doc(
                "a",
                "Senator Ann Hale of the Republican Party spoke in the United States.",
            ),
            doc(
                "b",
                "Donald Tusk founded Civic Platform in Poland. Poland voted.",
            ),
        ],
        crate::testing::lexicon(),
    );
    let rep = g
        .node_by_label("Republican Party")
        .expect("Republican Party");
    assert_eq!(
        rep.link.as_deref(),
        Some("partyfacts:809"),
        "USA, not Namibia"
    );
    let po = g.node_by_label("Civic Platform").expect("Civic Platform");
    assert_eq!(po.link.as_deref(), Some("partyfacts:1117"));
    // an international organisation by its acronym or name
    let g2 = Graph::from_documents(
        &[doc("d", "The OPEC ministers met the IMF in Vienna.")],
        crate::testing::lexicon(),
    );
    assert!(
        g2.graph
            .node_weights()
            .any(|n| n.link.as_deref() == Some("intlorg:OPEC")),
        "{:?}",
        g2.graph
            .node_weights()
            .map(|n| (&n.label, &n.link))
            .collect::<Vec<_>>()
    );
    // a listed company by its short name: its SEC Central Index Key
    let g3 = Graph::from_documents(
        &[doc(
            "m",
            "Shares of Microsoft rose after Adobe reported its results.",
        )],
        crate::testing::lexicon(),
    );
    for (label, id) in [("Microsoft", "cik:789019"), ("Adobe Inc.", "cik:796343")] {
        assert_eq!(
            g3.node_by_label(label).and_then(|n| n.link.as_deref()),
            Some(id),
            "{label}: {:?}",
            g3.graph
                .node_weights()
                .map(|n| (&n.label, &n.link))
                .collect::<Vec<_>>()
        );
    }
    // an acronym of a party of a country the articles do not name is not that party
    let g = Graph::from_documents(
        &[doc("c", "The PKK attacked a Turkish base in Syria.")],
        crate::testing::lexicon(),
    );
    assert!(g.node_by_label("PKK").is_some_and(|n| n.link.is_none()));
}

#[test]
fn a_country_node_carries_its_iso_code() {
    let g = Graph::from_documents(
        &[doc("a", "France and Kenya signed a deal in Paris.")],
        crate::testing::lexicon(),
    );
    let france = g.node_by_label("France").expect("France");
    assert_eq!(france.link.as_deref(), Some("iso3166:FRA"));
    // a city has its GeoNames id when one city of that name stands out
    assert_eq!(
        g.node_by_label("Paris").and_then(|n| n.link.as_deref()),
        Some("geonames:2988507")
    );
}

#[test]
fn documents_merge_into_one_node_per_entity() {
    let a = doc("a", "U.S. Secretary of State Antony Blinken warned China.");
    let b = doc(
        "b",
        "Blinken warned China again. The United States said so.",
    );
    let g = Graph::from_documents(&[b.clone(), a.clone()], crate::testing::lexicon());
    let us = g.node_by_label("United States").unwrap();
    assert!(us.aliases.contains("U.S."));
    let blinken = g.node_by_label("Antony Blinken").unwrap();
    assert_eq!(blinken.documents.len(), 2, "{blinken:?}");
    let warn: Vec<&Edge> = g
        .graph
        .edge_weights()
        .filter(|e| e.predicate == "warn")
        .collect();
    assert_eq!(warn.len(), 1);
    assert_eq!(warn[0].count, 2);
    // order of input does not matter
    let g2 = Graph::from_documents(&[a, b], crate::testing::lexicon());
    let ids: Vec<&str> = g.graph.node_weights().map(|n| n.id.as_str()).collect();
    let ids2: Vec<&str> = g2.graph.node_weights().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ids2);
}
