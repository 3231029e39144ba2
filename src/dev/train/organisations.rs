//! `data/lexicon/organisations_open.tsv` from the international organisations of
//! dieghernan/Country-Codes-and-International-Organizations (`outputs/CountrycodesOrgs.csv`, MIT;
//! the CIA World Factbook's list): each organisation's name and acronym under the name the
//! hand-written `organisations.tsv` uses for it, with the list's identifier.
use crate::doc::EntityType;
use crate::error::Result;
use crate::lexicon::{phrase_key, Lexicon};
use std::collections::BTreeMap;
use std::path::Path;

/// Whether an identifier of the list is an acronym a text would use ("NATO", "G-20"), not a
/// made-up key ("ARCTIC_COUNCIL") or a one- or two-letter code ("C", "AL").
fn acronym(id: &str) -> bool {
    id.len() >= 3
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && id.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// The TSV text: name, tab, other names, tab, identifier, one organisation a line, by name.
pub fn derive(path: &Path, source: &str, lx: &Lexicon) -> Result<String> {
    // identifier -> name (every member country repeats the organisation)
    let mut orgs: BTreeMap<String, String> = BTreeMap::new();
    for row in super::csv_columns(path, &["org_name", "org_id"])? {
        let (name, id) = (row[0].trim(), row[1].trim());
        if !name.is_empty() && !id.is_empty() && !name.contains(['\t', '|']) {
            orgs.entry(id.to_string())
                .or_insert_with(|| name.to_string());
        }
    }
    let known = |s: &str| {
        lx.gazetteer(&phrase_key(s))
            .filter(|g| g.kind == EntityType::ORG)
            .map(|g| g.name.to_string())
    };
    let mut rows: Vec<(String, Vec<String>, String)> = Vec::new();
    for (id, name) in orgs {
        let mut spellings = vec![name.clone()];
        if acronym(&id) {
            spellings.push(id.clone());
        }
        let canonical = spellings.iter().find_map(|s| known(s)).unwrap_or(name);
        let aliases: Vec<String> = spellings
            .into_iter()
            .filter(|s| *s != canonical && known(s).is_none_or(|k| k == canonical))
            .collect();
        rows.push((canonical, aliases, id));
    }
    rows.sort();
    let mut out = format!(
        "# International organisations: name <TAB> other names <TAB> identifier (the list's acronym)\n\
         # Derived by `kgraph train organisations` from {source} (MIT); names follow the\n\
         # hand-written organisations.tsv where it has them.\n"
    );
    for (name, aliases, id) in rows {
        out.push_str(&format!("{name}\t{}\t{id}\n", aliases.join("|")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_keep_the_hand_lists_names_and_real_acronyms() {
        let dir = std::env::temp_dir().join(format!("kgraph-orgs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("orgs.csv");
        std::fs::write(
            &p,
            "\"ISO_3166_2\",\"ISO_3166_3\",\"NAME.EN\",\"source\",\"org_name\",\"org_id\",\"org_member\"\n\
             \"TR\",\"TUR\",\"Turkey\",\"CIAFactbook\",\"North Atlantic Treaty Organization \",\"NATO\",\"member\"\n\
             \"FR\",\"FRA\",\"France\",\"CIAFactbook\",\"North Atlantic Treaty Organization \",\"NATO\",\"member\"\n\
             \"NO\",\"NOR\",\"Norway\",\"CIAFactbook\",\"Arctic Council\",\"ARCTIC_COUNCIL\",\"member\"\n\
             \"GH\",\"GHA\",\"Ghana\",\"CIAFactbook\",\"African Union\",\"AU\",\"member\"\n",
        )
        .unwrap();
        let out = derive(&p, "test", crate::testing::lexicon()).unwrap();
        assert!(
            out.lines()
                .any(|l| l.starts_with("North Atlantic Treaty Organization\t")
                    && l.ends_with("\tNATO")),
            "the hand list's name for NATO: {out}"
        );
        assert!(
            out.contains("\nArctic Council\t\tARCTIC_COUNCIL\n"),
            "{out}"
        );
        assert!(
            out.contains("\nAfrican Union\t\tAU\n"),
            "AU is too short: {out}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
