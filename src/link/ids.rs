//! A node's open identifier: a country's ISO code, a city's GeoNames id, a party's Party Facts
//! id (of the party so named in the country its articles name), an international
//! organisation's acronym, a listed company's SEC key.
use crate::doc::EntityType;
use crate::graph::Node;
use crate::lexicon::Lexicon;
use std::collections::{BTreeSet, HashMap};

/// A node's identifier from a gazetteer: a country's ISO code; a city's GeoNames id; a party's
/// Party Facts id, of the
/// party so named whose country the node's documents name most (the one that still exists when
/// they name none of them).
pub(super) fn link(
    lx: &Lexicon,
    n: &Node,
    country_docs: &HashMap<&'static str, BTreeSet<String>>,
) -> Option<String> {
    match n.kind {
        EntityType::GPE | EntityType::LOC => {
            if let Some(c) = lx.country_code(&n.label) {
                return Some(format!("iso3166:{c}"));
            }
            // a city: when its articles name its country, or it is a big city that no other
            // of its name comes near ("Paris"); never a name that is also a state ("Virginia")
            let city = lx.open_city(&n.label)?;
            let state = lx
                .open_classes(&crate::lexicon::phrase_key(&n.label))
                .is_some_and(|c| {
                    c.split(',')
                        .any(|x| matches!(x, "state" | "country" | "continent"))
                });
            let named = country_docs
                .get(city.country)
                .is_some_and(|d| !d.is_disjoint(&n.documents));
            let big = city.population >= 1_000_000 && city.population >= 5 * city.next;
            (!state && (named || big)).then(|| format!("geonames:{}", city.id))
        }
        EntityType::ORG => {
            if let Some(id) = lx.org_id(&n.label) {
                return Some(format!("intlorg:{id}"));
            }
            if let Some(id) = lx.company_id(&n.label) {
                return Some(id.to_string());
            }
            let candidates = lx.parties_named(&n.label);
            let score = |country: &str| {
                country_docs
                    .get(country)
                    .map_or(0, |d| d.intersection(&n.documents).count())
            };
            let best = candidates
                .iter()
                .map(|p| score(p.country))
                .max()
                .unwrap_or(0);
            let top: Vec<_> = candidates
                .iter()
                .filter(|p| score(p.country) == best && (best > 0 || p.current))
                .collect();
            // an acronym ("PKK", "SDF") names many things: only with its country named too
            let acronym = n
                .label
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if acronym && best == 0 {
                return None;
            }
            let id = match top[..] {
                [p] => Some(p.id),
                // several current parties of that country: the name alone decides, if it can
                _ if best == 0 => lx.party_id(&n.label),
                _ => None,
            };
            id.map(|id| format!("partyfacts:{id}"))
        }
        _ => None,
    }
}
