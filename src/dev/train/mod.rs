//! Training commands: derive the lexicon files in `data/lexicon/` from open data.
pub mod clusters;
pub mod companies;
pub mod conllu;
pub mod coref;
pub mod countries;
pub mod facts;
pub mod gazetteer;
pub mod lexicon;
pub mod models;
pub mod ner_data;
pub mod organisations;
pub mod parties;

use crate::error::{Error, Result};
use std::path::Path;

/// The rows of a CSV file with a header line (RFC 4180 quoting), each as the cells of the named
/// columns in the order asked (a missing cell is empty). An error names the file and the line:
/// a column that is not in the header, or a row the reader cannot read.
pub fn csv_columns(path: &Path, columns: &[&str]) -> Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |line: usize, reason: String| Error::Data {
        path: path.into(),
        line,
        reason,
    };
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = rdr.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let cols = columns
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|h| h == *name)
                .ok_or_else(|| bad(1, format!("no column {name}")))
        })
        .collect::<Result<Vec<usize>>>()?;
    let mut out = Vec::new();
    for (n, row) in rdr.records().enumerate() {
        let row = row.map_err(|e| bad(n + 2, e.to_string()))?;
        out.push(
            cols.iter()
                .map(|&c| row.get(c).unwrap_or("").to_string())
                .collect(),
        );
    }
    Ok(out)
}
