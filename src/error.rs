//! The library's error type: every failure names the file (or input) and the cause.
use std::path::PathBuf;

/// An error from reading, processing or writing one input or output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input path does not exist or cannot be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The input.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: std::io::Error,
    },
    /// The input was read but cannot be used as an article.
    #[error("{path}: {reason}")]
    BadInput {
        /// The input.
        path: PathBuf,
        /// Why it is not an article ("is binary", "is empty", ...).
        reason: String,
    },
    /// An output could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output.
        path: PathBuf,
        /// Why it could not be written.
        #[source]
        source: std::io::Error,
    },
    /// A graph format could not be produced (Graphviz missing or failing for SVG, a format that is
    /// several files asked for as one).
    #[error("{format}: {reason}")]
    Export {
        /// The format's name.
        format: &'static str,
        /// Why it could not be produced.
        reason: String,
    },
    /// Graphs to merge share a document (each document may be in one graph only).
    #[error("document {doc:?} is in graphs {first} and {second}: each document may be in one graph only")]
    DocumentTwice {
        /// The document's id.
        doc: String,
        /// The first graph that has it (1-based).
        first: usize,
        /// The second graph that has it.
        second: usize,
    },
    /// A graph to merge or update has no build parts (a query's sub-graph, or a graph.json of an
    /// older kgraph).
    #[error("graph {graph} has no build parts (a query's sub-graph or a graph.json of an older kgraph): rebuild it")]
    NoParts {
        /// The graph among the inputs (1-based).
        graph: usize,
    },
    /// Annotating an article hit an internal error (a bug in kgraph, never the article's fault):
    /// that article is skipped and the others are processed.
    #[error(
        "{doc}: internal error while annotating ({message}); please report it with the article"
    )]
    Annotate {
        /// The document's id (its path relative to the input that named it).
        doc: String,
        /// The panic's message and where in kgraph it was raised.
        message: String,
    },
    /// A training or evaluation data file is malformed.
    #[error("{path}:{line}: {reason}")]
    Data {
        /// The file.
        path: PathBuf,
        /// The line (1-based).
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

impl Error {
    pub(crate) fn bad(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            reason: reason.into(),
        }
    }
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
