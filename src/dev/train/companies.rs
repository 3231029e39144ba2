//! `data/lexicon/companies_open.tsv` from the S&P 500 list of datasets/s-and-p-500-companies
//! (`data/constituents.csv`, PDDL): each company's name, the shorter names a text uses for it
//! ("Apple" for "Apple Inc.") and its SEC Central Index Key as identifier.
use crate::doc::Pos;
use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::pipeline::tokenize::tokenize_str;
use std::collections::BTreeMap;
use std::path::Path;

/// Legal-form and share-class endings a text leaves out ("Inc.", "Corporation", "(Class A)").
const ENDINGS: [&str; 14] = [
    " (Class A)",
    " (Class B)",
    " (Class C)",
    ", Inc.",
    " Inc.",
    " Incorporated",
    " Corporation",
    " Corp.",
    " Co.",
    " Company",
    " plc",
    " Holdings",
    " Ltd.",
    " N.V.",
];

/// The name without its legal-form endings, repeatedly ("Meta Platforms, Inc." stays "Meta
/// Platforms").
fn short(name: &str) -> String {
    let mut s = name.trim().to_string();
    loop {
        let before = s.len();
        for e in ENDINGS {
            if let Some(x) = s.strip_suffix(e) {
                s = x.trim_end_matches(',').trim().to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Whether a one-word name is more often a common word than a name in the treebank ("Target",
/// "Visa", "Ball"): such names would make every capitalised "target" a company, so they are left
/// out ("Apple", more often the firm than the fruit there, stays).
fn common_word(name: &str, lx: &Lexicon) -> bool {
    if tokenize_str(name).len() != 1 {
        return false;
    }
    let (mut common, mut proper) = (0, 0);
    for r in lx.readings(&name.to_lowercase()) {
        if r.pos == Pos::PROPN {
            proper += r.count;
        } else {
            common += r.count;
        }
    }
    common >= 2 && common > proper
}

/// The TSV text: name, tab, other names, tab, identifier (`cik:` and the SEC Central Index Key),
/// one company a line, by name; companies whose every name is a common word are left out.
pub fn derive(path: &Path, source: &str, lx: &Lexicon) -> Result<String> {
    let mut rows: BTreeMap<String, (Vec<String>, String)> = BTreeMap::new();
    for row in super::csv_columns(path, &["Security", "CIK"])? {
        let (full, cik) = (row[0].trim(), row[1].trim().trim_start_matches('0'));
        if full.is_empty() || cik.is_empty() || full.contains(['\t', '|']) {
            continue;
        }
        let name = full
            .trim_end_matches(" (Class A)")
            .trim_end_matches(" (Class B)")
            .trim_end_matches(" (Class C)")
            .to_string();
        let s = short(&name);
        let mut names: Vec<String> = vec![name.clone()];
        if s != name && !s.is_empty() {
            names.push(s);
        }
        names.retain(|n| !common_word(n, lx));
        let Some(first) = names.first().cloned() else {
            continue;
        };
        // two share classes of one company are one row
        rows.entry(first)
            .or_insert_with(|| (names[1..].to_vec(), format!("cik:{cik}")));
    }
    let mut out = format!(
        "# Companies of the S&P 500: name <TAB> other names <TAB> identifier (SEC Central Index Key)\n\
         # Derived by `kgraph train companies` from {source} (PDDL); names that are common words\n\
         # (\"Target\", \"Visa\") are left out.\n"
    );
    for (name, (aliases, id)) in rows {
        out.push_str(&format!("{name}\t{}\t{id}\n", aliases.join("|")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companies_get_short_names_and_common_words_are_left_out() {
        assert_eq!(short("Apple Inc."), "Apple");
        assert_eq!(short("Meta Platforms, Inc."), "Meta Platforms");
        assert_eq!(short("Microsoft"), "Microsoft");
        let dir = std::env::temp_dir().join(format!("kgraph-companies-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("constituents.csv");
        std::fs::write(
            &p,
            "Symbol,Security,GICS Sector,CIK\n\
             AAPL,Apple Inc.,Information Technology,320193\n\
             GOOGL,Alphabet Inc. (Class A),Communication Services,1652044\n\
             GOOG,Alphabet Inc. (Class C),Communication Services,1652044\n\
             TGT,Target Corporation,Consumer Staples,27419\n",
        )
        .unwrap();
        let out = derive(&p, "test", crate::testing::lexicon()).unwrap();
        assert!(out.contains("\nApple Inc.\tApple\tcik:320193\n"), "{out}");
        assert!(common_word("Target", crate::testing::lexicon()));
        assert_eq!(out.matches("Alphabet Inc.\t").count(), 1, "{out}");
        // "Target Corporation" stays, its short name "Target" is a common word
        assert!(out.contains("\nTarget Corporation\t\tcik:27419\n"), "{out}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
