//! `data/lexicon/parties_open.tsv` from Party Facts (hdigital/partyfactsdata,
//! `import/elecglob/partyfacts-core-parties.csv`, MIT): every political party of the core list
//! with its English and native names, short name, country and Party Facts id.
use crate::error::Result;
use std::path::Path;

/// One party: English name, other names, ISO 3166-1 alpha-3 country, Party Facts id, whether
/// it still exists (no last year).
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// The English name.
    pub name: String,
    /// Native and short names.
    pub aliases: Vec<String>,
    /// The country (ISO 3166-1 alpha-3).
    pub country: String,
    /// The Party Facts id.
    pub id: u32,
    /// Whether the party still exists.
    pub current: bool,
}

/// Whether a name can be written in the TSV and matched in text: no separators, brackets or
/// catalogue forms, and some letter.
fn clean(s: &str) -> Option<String> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.chars().any(char::is_alphabetic)
        && !s.contains(['\t', '|', '[', ']', '(', ')', '/', ';'])
        && !s.contains("--");
    ok.then(|| s.to_string())
}

/// The parties of the core CSV, in its order; the technical rows (other, independent, ...) are
/// left out.
pub fn read(path: &Path) -> Result<Vec<Party>> {
    let rows = super::csv_columns(
        path,
        &[
            "country",
            "partyfacts_id",
            "technical",
            "name_short",
            "name",
            "name_english",
            "year_last",
        ],
    )?;
    let mut out = Vec::new();
    for row in &rows {
        let [country, id, technical, short, native, english, last] = &row[..] else {
            continue;
        };
        if !technical.is_empty() {
            continue;
        }
        let Ok(id) = id.parse::<u32>() else {
            continue;
        };
        // "Thai Nation Party / Chart Thai Party": each form a name
        let mut names: Vec<String> = english.split(" / ").filter_map(clean).collect();
        names.extend(native.split(" / ").filter_map(clean));
        let short = short.trim();
        // a short name is kept when it is an acronym of three or more letters ("SPD", "PiS")
        if short.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && short.chars().filter(|c| c.is_uppercase()).count() >= 2
        {
            names.extend(clean(short));
        }
        let mut uniq: Vec<String> = Vec::new();
        for n in names {
            if !uniq.contains(&n) {
                uniq.push(n);
            }
        }
        let Some((name, aliases)) = uniq.split_first() else {
            continue;
        };
        out.push(Party {
            name: name.clone(),
            aliases: aliases.to_vec(),
            country: country.clone(),
            id,
            current: last.trim().is_empty(),
        });
    }
    Ok(out)
}

/// The TSV text of `parties_open.tsv`: name, aliases, country, id, current (1 or 0).
pub fn to_tsv(parties: &[Party], source: &str) -> String {
    let mut out = format!(
        "# Political parties: name <TAB> other names <TAB> country (ISO 3166-1 alpha-3) <TAB> Party Facts id <TAB> 1 if it still exists\n\
         # Derived by `kgraph train parties` from {source} (Party Facts, MIT licence).\n"
    );
    let mut sorted: Vec<&Party> = parties.iter().collect();
    sorted.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.country.cmp(&b.country))
            .then(a.id.cmp(&b.id))
    });
    for p in sorted {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            p.name,
            p.aliases.join("|"),
            p.country,
            p.id,
            u8::from(p.current)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_list_becomes_parties_with_ids() {
        let dir = std::env::temp_dir().join(format!("kgraph-parties-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("core.csv");
        std::fs::write(
            &p,
            "country,partyfacts_id,technical,name_short,name,name_english,year_last\n\
             POL,1565,,PiS,Prawo i Sprawiedliwość,Law and Justice,\n\
             THA,2373,,PCT,Phak Chat Thai,\"Thai Nation Party / Chart Thai Party\",2008\n\
             POL,2888,8,indep,independent,independent,\n",
        )
        .unwrap();
        let parties = read(&p).unwrap();
        assert_eq!(parties.len(), 2, "{parties:?}");
        assert_eq!(parties[0].name, "Law and Justice");
        assert_eq!(parties[0].aliases, ["Prawo i Sprawiedliwość", "PiS"]);
        assert!(parties[0].current && !parties[1].current);
        assert_eq!(parties[1].aliases[0], "Chart Thai Party");
        let tsv = to_tsv(&parties, "test");
        assert!(
            tsv.contains("Law and Justice\tPrawo i Sprawiedliwość|PiS\tPOL\t1565\t1\n"),
            "{tsv}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
