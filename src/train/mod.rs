//! Training commands: derive the lexicon files in `data/lexicon/` from open data.
pub mod conllu;
pub mod lexicon;
pub mod models;
