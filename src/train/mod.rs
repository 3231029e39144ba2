//! Training commands: derive the lexicon files in `data/lexicon/` from open data.
pub mod conllu;
pub mod countries;
pub mod gazetteer;
pub mod lexicon;
pub mod models;
pub mod ner_data;
pub mod organisations;
pub mod parties;
