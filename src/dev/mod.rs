//! The machinery behind the command line's `train`, `eval` and `bench`: the statistical models'
//! internals ([`model`]: perceptrons, feature tables, the tagger, parser, recogniser and
//! confidence models), training them ([`train`]) and scoring against gold files ([`eval`]).
//! Public for the `kgraph` binary and for those who retrain models; not part of the small API
//! at the crate's top, and it changes when the models do.
pub mod eval;
pub mod model;
pub mod train;
