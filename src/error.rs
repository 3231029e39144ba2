//! The library's error type: every failure names the file (or input) and the cause.
use std::path::PathBuf;

/// An error from reading, processing or writing one input or output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input path does not exist or cannot be opened or read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The input was read but cannot be used as an article.
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    /// An output could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A graph format could not be produced (Graphviz missing or failing for SVG, a format that is
    /// several files asked for as one).
    #[error("{format}: {reason}")]
    Export {
        format: &'static str,
        reason: String,
    },
    /// A training or evaluation data file is malformed.
    #[error("{path}:{line}: {reason}")]
    Data {
        path: PathBuf,
        line: usize,
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
