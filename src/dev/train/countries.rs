//! `data/lexicon/countries_open.tsv` from the open country list of mledoze/countries
//! (`countries.json`, ODbL 1.0): every country and territory with its official name, longer
//! alternative spellings, English demonyms and ISO 3166-1 alpha-3 code, under the canonical name
//! the hand-written `countries.tsv` already uses for it.
use crate::doc::EntityType;
use crate::error::{Error, Result};
use crate::lexicon::{phrase_key, Lexicon};
use std::path::Path;

/// Whether a spelling is written in Latin letters a news text would use ("Côte d'Ivoire", not
/// IPA or Cyrillic), with no comma ("Palestine, State of" is a catalogue form).
fn usable(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, ' ' | '\'' | '-' | '.' | '(' | ')' | '’')
            || ('\u{c0}'..='\u{24f}').contains(&c)
    })
}

/// A demonym and its plural ("Afghan", "Afghans"; "British" stays as it is).
fn with_plural(d: &str) -> Vec<String> {
    let mut v = vec![d.to_string()];
    let lower = d.to_lowercase();
    if !(lower.ends_with('s')
        || lower.ends_with("sh")
        || lower.ends_with("ese")
        || lower.ends_with("ch"))
    {
        v.push(format!("{d}s"));
    }
    v
}

/// The TSV text of the derived list. A spelling of four letters or fewer (codes such as "GB",
/// "IN") is left out, since words of text would match it; so is a new country name that is also a
/// common first name ("Chad") and any spelling another country already has.
pub fn derive(path: &Path, source: &str, lx: &Lexicon) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bad = |reason: String| Error::Data {
        path: path.into(),
        line: 0,
        reason,
    };
    let list: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("not countries.json: {e}")))?;
    let list = list
        .as_array()
        .ok_or_else(|| bad("expected a list of countries".into()))?;
    let first_name = |s: &str| {
        lx.open_classes(&phrase_key(s))
            .is_some_and(|c| c.split(',').any(|x| x == "first"))
    };
    let known = |s: &str| {
        lx.gazetteer(&phrase_key(s))
            .filter(|g| g.kind == EntityType::GPE && !g.capital && !g.demonym)
    };
    // name, aliases, demonyms, alpha-3, alpha-2
    type Row = (String, Vec<String>, Vec<String>, String, String);
    let mut rows: Vec<Row> = Vec::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for c in list {
        let common = c["name"]["common"].as_str().unwrap_or_default();
        let official = c["name"]["official"].as_str().unwrap_or_default();
        let code = c["cca3"].as_str().unwrap_or_default();
        let code2 = c["cca2"].as_str().unwrap_or_default();
        if common.is_empty() || code.is_empty() {
            continue;
        }
        let mut spellings: Vec<&str> = vec![common, official];
        spellings.extend(
            c["altSpellings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str()),
        );
        // the canonical name: the one the hand-written list gives any of these spellings
        let canonical = spellings
            .iter()
            .find_map(|s| known(s).map(|g| g.name.to_string()));
        let name = match &canonical {
            Some(n) => n.clone(),
            None if first_name(common) => continue,
            None => common.to_string(),
        };
        let mut aliases: Vec<String> = Vec::new();
        for s in spellings {
            let key = phrase_key(s);
            if s.chars().filter(|ch| ch.is_alphabetic()).count() <= 4
                || !usable(s)
                || s == name
                || s.contains(['\t', '|'])
                || taken.contains(&key)
                || (canonical.is_none() && first_name(s))
            {
                continue;
            }
            // a spelling the hand list gives another country stays that country's
            if known(s).is_some_and(|g| g.name != name) {
                continue;
            }
            taken.insert(key);
            if !aliases.iter().any(|a| a == s) {
                aliases.push(s.to_string());
            }
        }
        let mut demonyms: Vec<String> = Vec::new();
        let eng = &c["demonyms"]["eng"];
        for g in ["m", "f"] {
            if let Some(d) = eng[g].as_str() {
                for d in with_plural(d) {
                    let key = phrase_key(&d);
                    let other = lx
                        .gazetteer(&key)
                        .is_some_and(|e| e.demonym && e.country != Some(name.as_str()));
                    if d.len() > 4 && !other && usable(&d) && !demonyms.contains(&d) {
                        demonyms.push(d);
                    }
                }
            }
        }
        taken.insert(phrase_key(&name));
        rows.push((name, aliases, demonyms, code.to_string(), code2.to_string()));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = format!(
        "# Countries and territories: name <TAB> aliases <TAB> demonyms <TAB> ISO 3166-1 alpha-3 <TAB> alpha-2\n\
         # Derived by `kgraph train countries` from {source} (ODbL 1.0: this list is a derived\n\
         # database under the ODbL); names follow the hand-written countries.tsv where it has them.\n"
    );
    for (name, aliases, demonyms, code, code2) in rows {
        out.push_str(&format!(
            "{name}\t{}\t{}\t{code}\t{code2}\n",
            aliases.join("|"),
            demonyms.join("|")
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_keep_the_hand_lists_names_and_gain_codes() {
        let dir = std::env::temp_dir().join(format!("kgraph-countries-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("countries.json");
        let json = serde_json::json!([
            {"name": {"common": "United Kingdom",
                      "official": "United Kingdom of Great Britain and Northern Ireland"},
             "cca3": "GBR", "altSpellings": ["GB", "UK", "Great Britain"],
             "demonyms": {"eng": {"m": "British", "f": "British"}}},
            {"name": {"common": "Czechia", "official": "Czech Republic"}, "cca3": "CZE",
             "altSpellings": ["CZ", "Česká republika"],
             "demonyms": {"eng": {"m": "Czech", "f": "Czech"}}},
            {"name": {"common": "Eswatini", "official": "Kingdom of Eswatini"}, "cca3": "SWZ",
             "altSpellings": ["SZ", "Swaziland"], "demonyms": {"eng": {"m": "Swazi", "f": "Swazi"}}},
            {"name": {"common": "Chad", "official": "Republic of Chad"}, "cca3": "TCD",
             "altSpellings": ["TD"], "demonyms": {"eng": {"m": "Chadian", "f": "Chadian"}}}
        ]);
        std::fs::write(&p, json.to_string()).unwrap();
        let out = derive(&p, "test", crate::testing::lexicon()).unwrap();
        let row = |name: &str| {
            out.lines()
                .find(|l| l.split('\t').next() == Some(name))
                .map(str::to_string)
        };
        let uk = row("United Kingdom").expect("the hand list's name");
        assert!(
            uk.contains("United Kingdom of Great Britain and Northern Ireland"),
            "{uk}"
        );
        assert!(
            uk.contains("\tGBR\t") && !uk.contains("|GB|") && !uk.contains("\tGB|"),
            "{uk}"
        );
        assert!(
            row("Czech Republic").is_some_and(|r| r.contains("\tCZE\t")),
            "{out}"
        );
        let sw = row("Eswatini").expect("a country the hand list lacks");
        assert!(sw.contains("Swaziland") && sw.contains("Swazis"), "{sw}");
        assert!(
            row("Chad").is_none(),
            "a first name is no new country name: {out}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
