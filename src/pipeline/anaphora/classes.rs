//! What kind of thing each named entity is, in the nouns a description of it would use: "city"
//! for a city the gazetteer lists, "country", "state", "party", "company", and the nouns its own
//! document says of it ("Temescal is a neighborhood", "Rockridge, a neighborhood mixed with ...",
//! "the first place to visit is Downtown"). A description whose noun is one of these ("the
//! neighborhood", "the city's") is more likely that entity's than another's.
use crate::doc::{Dep, Document, Pos};
use crate::lexicon::{Lexicon, WordClass};
use crate::pipeline::clauses::Tree;

/// The nouns the gazetteers give a name: a state's, a country's, a city's, a party's, a listed
/// company's or one whose name ends in a corporate form ("Acme Corp").
fn listed(lx: &Lexicon, name: &str) -> &'static [&'static str] {
    let last = name.rsplit(' ').next().unwrap_or("").to_lowercase();
    if lx.is_state(name) {
        &["state", "province", "territory"]
    } else if lx.country_code(name).is_some() || lx.capital_of(name).is_some() {
        &["country", "nation"]
    } else if lx.open_city(name).is_some() {
        &["city", "town"]
    } else if lx.party_id(name).is_some() {
        &["party"]
    } else if lx.company_id(name).is_some()
        || (name.contains(' ') && lx.in_class(WordClass::CorporateForm, &last))
    {
        &["company", "firm"]
    } else {
        &[]
    }
}

/// Per entity of `doc`, the nouns that say what it is (lower case lemmas, sorted, once each):
/// those of the gazetteers ([`listed`]) and those its document predicates of one of its names
/// by a copula or an apposition, either way round.
pub fn entity_classes(doc: &Document, lx: &Lexicon) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = doc
        .entities
        .iter()
        .map(|e| listed(lx, &e.name).iter().map(|w| w.to_string()).collect())
        .collect();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let tree = Tree::new(doc, sentence.tokens.start, sentence.tokens.end);
        let child = |h: usize, dep: Dep| tree.with(doc, h, dep).next();
        let named = |i: usize| super::named_at(doc, s, i);
        let no_adposition = |x: usize, y: usize| super::no_adposition_between(doc, x, y);
        for t in tree.range() {
            let tok = &doc.tokens[t];
            if tok.pos != Pos::NOUN || named(t).is_some() {
                continue;
            }
            let head = tree.head(doc, t);
            // "X is a neighborhood"
            let e = child(t, Dep::Cop)
                .and(child(t, Dep::Nsubj))
                .and_then(named)
                // "X, a neighborhood"
                .or_else(|| {
                    head.filter(|&g| tok.dep == Dep::Appos && no_adposition(g, t))
                        .and_then(named)
                })
                // "a neighborhood, X"
                .or_else(|| {
                    child(t, Dep::Appos)
                        .filter(|&d| no_adposition(d, t))
                        .and_then(named)
                })
                // "the first place to visit is X"
                .or_else(|| {
                    head.filter(|&p| tok.dep.is(Dep::Nsubj) && child(p, Dep::Cop).is_some())
                        .and_then(named)
                });
            if let Some(e) = e {
                out[e].push(doc.lemma(t).to_lowercase());
            }
        }
    }
    for c in out.iter_mut() {
        c.sort();
        c.dedup();
    }
    out
}

#[cfg(test)]
mod tests {
    /// The classes of the entity named `name` in `text`.
    fn classes_of(text: &str, name: &str) -> Vec<String> {
        let d = crate::testing::pipeline().annotate("t", text);
        let lx = crate::testing::lexicon();
        let e = d
            .entities
            .iter()
            .position(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {:?}", d.entities));
        super::entity_classes(&d, lx).swap_remove(e)
    }

    #[test]
    fn an_entity_is_what_its_sentence_says_and_what_the_gazetteers_list() {
        let text = "Temescal is a neighborhood north of Downtown. Northeast of it lies \
                    Rockridge, a neighborhood with many shops. The first place to visit is \
                    Chicago. Mary Smith went to France.";
        assert_eq!(classes_of(text, "Temescal"), ["neighborhood"]);
        assert_eq!(classes_of(text, "Rockridge"), ["neighborhood"]);
        // a city of the gazetteer, and what the copula says it is
        assert_eq!(classes_of(text, "Chicago"), ["city", "place", "town"]);
        assert_eq!(classes_of(text, "France"), ["country", "nation"]);
        // nothing is said of her
        assert!(classes_of(text, "Mary Smith").is_empty());
        let text = "Acme Corp said it would close a factory.";
        assert_eq!(classes_of(text, "Acme Corp"), ["company", "firm"]);
    }
}
