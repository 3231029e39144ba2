//! Reading the embedded word lists and gazetteers of `data/lexicon/` into a [`Lexicon`].
use super::*;

macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $name))
    };
}

const WORDS: &str = lexicon_file!("words.tsv");
const NAMES: &str = lexicon_file!("names.tsv");
const COUNTRIES: &str = lexicon_file!("countries.tsv");
const COUNTRIES_OPEN: &str = lexicon_file!("countries_open.tsv");
const CITIES: &str = lexicon_file!("cities.tsv");
const ORGANISATIONS: &str = lexicon_file!("organisations.tsv");
const PARTIES_OPEN: &str = lexicon_file!("parties_open.tsv");
const ORGANISATIONS_OPEN: &str = lexicon_file!("organisations_open.tsv");
const CITIES_OPEN: &str = lexicon_file!("cities_open.tsv");
const TITLES: &str = lexicon_file!("titles.list");
const ROLE_DEFAULTS: &str = lexicon_file!("role_defaults.tsv");
const NONENTITIES: &str = lexicon_file!("nonentities.list");
const NOMINALIZATIONS: &str = lexicon_file!("nominalizations.tsv");
const VERBS: &str = lexicon_file!("verbs.tsv");
const CLASSES: &str = lexicon_file!("classes.tsv");
const OPEN_GAZETTEER: &str = lexicon_file!("open_gazetteer.tsv");
const CLUSTERS: &str = lexicon_file!("clusters.tsv");
const COMPANIES_OPEN: &str = lexicon_file!("companies_open.tsv");
const FIRST_NAMES: &str = lexicon_file!("first_names.tsv");
const IRREGULAR_VERBS: &str = lexicon_file!("irregular_verbs.tsv");

/// The files of `data/lexicon/` the word lists are read from, by name.
pub const FILES: [&str; 20] = [
    "words.tsv",
    "names.tsv",
    "countries.tsv",
    "countries_open.tsv",
    "cities.tsv",
    "organisations.tsv",
    "parties_open.tsv",
    "organisations_open.tsv",
    "cities_open.tsv",
    "titles.list",
    "role_defaults.tsv",
    "nonentities.list",
    "nominalizations.tsv",
    "verbs.tsv",
    "classes.tsv",
    "open_gazetteer.tsv",
    "clusters.tsv",
    "companies_open.tsv",
    "first_names.tsv",
    "irregular_verbs.tsv",
];

/// The embedded text of a file of `data/lexicon/`.
fn embedded_file(name: &str) -> &'static str {
    match name {
        "words.tsv" => WORDS,
        "names.tsv" => NAMES,
        "countries.tsv" => COUNTRIES,
        "countries_open.tsv" => COUNTRIES_OPEN,
        "cities.tsv" => CITIES,
        "organisations.tsv" => ORGANISATIONS,
        "parties_open.tsv" => PARTIES_OPEN,
        "organisations_open.tsv" => ORGANISATIONS_OPEN,
        "cities_open.tsv" => CITIES_OPEN,
        "titles.list" => TITLES,
        "role_defaults.tsv" => ROLE_DEFAULTS,
        "nonentities.list" => NONENTITIES,
        "nominalizations.tsv" => NOMINALIZATIONS,
        "verbs.tsv" => VERBS,
        "classes.tsv" => CLASSES,
        "open_gazetteer.tsv" => OPEN_GAZETTEER,
        "clusters.tsv" => CLUSTERS,
        "companies_open.tsv" => COMPANIES_OPEN,
        "first_names.tsv" => FIRST_NAMES,
        "irregular_verbs.tsv" => IRREGULAR_VERBS,
        _ => "",
    }
}

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The rows of an open list written as `name <TAB> other names <TAB> identifier` (other names
/// joined by "|"): the name, every name of the row (the name first) and the identifier.
fn named_rows(
    text: &'static str,
) -> impl Iterator<Item = (&'static str, Vec<&'static str>, &'static str)> {
    lines(text).filter_map(|line| {
        let c: Vec<&'static str> = line.split('\t').collect();
        let (&name, &id) = (c.first()?, c.get(2)?);
        let others = c.get(1).into_iter().flat_map(|s| s.split('|'));
        let names = std::iter::once(name)
            .chain(others.filter(|s| !s.is_empty()))
            .collect();
        Some((name, names, id))
    })
}

impl Lexicon {
    /// The word lists embedded in the binary (`data/lexicon/`), parsed.
    pub fn embedded() -> Lexicon {
        Lexicon::from_texts(None, embedded_file)
    }

    /// The word lists of a data folder laid out as the project's `data/` (`lexicon/*.tsv`,
    /// `lexicon/*.list`, `patterns/relations.kgp`), each file missing there taken from the
    /// binary: to try a changed word list or pattern without rebuilding. The texts are kept for
    /// the life of the process.
    pub fn from_dir(dir: &std::path::Path) -> crate::error::Result<Lexicon> {
        let read = |p: std::path::PathBuf| -> crate::error::Result<Option<&'static str>> {
            match std::fs::read_to_string(&p) {
                Ok(t) => Ok(Some(Box::leak(t.into_boxed_str()))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::error::Error::io(p, e)),
            }
        };
        if !dir.is_dir() {
            return Err(crate::error::Error::bad(dir, "is not a data folder"));
        }
        let mut texts: StdHashMap<&'static str, &'static str> = StdHashMap::new();
        for name in FILES {
            if let Some(t) = read(dir.join("lexicon").join(name))? {
                texts.insert(name, t);
            }
        }
        let patterns = read(dir.join("patterns/relations.kgp"))?;
        Ok(Lexicon::from_texts(patterns, |name| {
            texts
                .get(name)
                .copied()
                .unwrap_or_else(|| embedded_file(name))
        }))
    }

    /// The word lists of these texts (`get` gives a file of `data/lexicon/` by name).
    fn from_texts(patterns: Option<&'static str>, get: impl Fn(&str) -> &'static str) -> Lexicon {
        let mut lx = Lexicon {
            patterns,
            ..Lexicon::default()
        };
        for line in lines(get("words.tsv")) {
            let mut cols = line.split('\t');
            let Some(form) = cols.next() else { continue };
            let readings: Vec<Reading> = cols
                .filter_map(|c| {
                    let mut p = c.split(' ');
                    let pos = Pos::parse(p.next()?)?;
                    let lemma = p.next()?;
                    let count = p.next()?.parse().ok()?;
                    Some(Reading { pos, lemma, count })
                })
                .collect();
            let mut tags: Vec<&str> = readings.iter().map(|r: &Reading| r.pos.as_str()).collect();
            tags.sort();
            lx.ambiguity.insert(form, tags.join(" ").into_boxed_str());
            for r in &readings {
                lx.lemmas.insert((r.pos, r.lemma));
            }
            lx.words.insert(form, readings);
        }
        for line in lines(get("names.tsv")) {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() == 4 {
                let n = |i: usize| c[i].parse().unwrap_or(0);
                lx.names.insert(c[0], [n(1), n(2), n(3)]);
            }
        }
        for line in lines(get("countries.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            let name = c[0];
            let entry = |kind, country, demonym, capital| GazEntry {
                name,
                kind,
                country,
                demonym,
                capital,
            };
            lx.add_gaz(name, entry(EntityType::GPE, None, false, false));
            for a in c.get(1).into_iter().flat_map(|s| s.split('|')) {
                lx.add_gaz(a, entry(EntityType::GPE, None, false, false));
            }
            for d in c.get(2).into_iter().flat_map(|s| s.split('|')) {
                lx.add_gaz(d, entry(EntityType::MISC, Some(name), true, false));
            }
            let caps: Vec<&'static str> = c
                .get(3)
                .into_iter()
                .flat_map(|s| s.split('|'))
                .filter(|s| !s.is_empty())
                .collect();
            if let Some(&first) = caps.first() {
                lx.capitals.insert(name, first);
                for cap in caps {
                    lx.add_gaz(
                        cap,
                        GazEntry {
                            name: first,
                            kind: EntityType::GPE,
                            country: Some(name),
                            demonym: false,
                            capital: true,
                        },
                    );
                }
            }
        }
        // the open list after the hand-written one: its entries never replace the hand list's
        for line in lines(get("countries_open.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            let name = c[0];
            let entry = |kind, country, demonym| GazEntry {
                name,
                kind,
                country,
                demonym,
                capital: false,
            };
            lx.add_gaz(name, entry(EntityType::GPE, None, false));
            for a in c.get(1).into_iter().flat_map(|s| s.split('|')) {
                lx.add_gaz(a, entry(EntityType::GPE, None, false));
            }
            for d in c.get(2).into_iter().flat_map(|s| s.split('|')) {
                lx.add_gaz(d, entry(EntityType::MISC, Some(name), true));
            }
            if let Some(code) = c.get(3).filter(|s| !s.is_empty()) {
                lx.country_codes.insert(name, code);
                if let Some(code2) = c.get(4).filter(|s| !s.is_empty()) {
                    lx.alpha2.insert(code2, code);
                }
            }
        }
        for line in lines(get("cities.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            let country = c.get(1).copied().filter(|s| !s.is_empty());
            if c.get(2) == Some(&"state") {
                lx.states.insert(c[0]);
            }
            let e = GazEntry {
                name: c[0],
                kind: EntityType::GPE,
                country,
                demonym: false,
                capital: false,
            };
            lx.add_gaz(c[0], e.clone());
            // abbreviations ("Md.", "N.M."): the place under its own name
            for a in c.get(3).into_iter().flat_map(|s| s.split('|')) {
                lx.add_gaz(a, e.clone());
            }
        }
        for line in lines(get("organisations.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            let kind = c
                .get(2)
                .and_then(|t| EntityType::parse(t))
                .unwrap_or(EntityType::ORG);
            let name = c[0];
            let e = GazEntry {
                name,
                kind,
                country: None,
                demonym: false,
                capital: false,
            };
            lx.add_gaz(name, e.clone());
            for a in c.get(1).into_iter().flat_map(|s| s.split('|')) {
                lx.add_gaz(a, e.clone());
            }
        }
        // parties of Party Facts: every name is a party's (for membership and links; they are
        // not added to the gazetteer: many common phrases name some party somewhere)
        for line in lines(get("parties_open.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            let (Some(&country), Some(&id), Some(&current)) = (c.get(2), c.get(3), c.get(4)) else {
                continue;
            };
            let party = PartyRef {
                id,
                country,
                current: current == "1",
            };
            let names = std::iter::once(c[0]).chain(
                c.get(1)
                    .into_iter()
                    .flat_map(|s| s.split('|'))
                    .filter(|s| !s.is_empty()),
            );
            for n in names {
                lx.parties.entry(n).or_default().push(party);
            }
        }
        for line in lines(get("cities_open.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            if let [name, id, country, pop, next] = c[..] {
                if let (Ok(population), Ok(next)) = (pop.parse::<u64>(), next.parse::<u64>()) {
                    let country = lx.alpha2.get(country).copied().unwrap_or("");
                    lx.cities_open.insert(
                        name,
                        OpenCity {
                            id,
                            country,
                            population,
                            next,
                        },
                    );
                }
            }
        }
        // international organisations, after the hand list (whose entries win): names of two
        // words or more and acronyms are organisations' names
        for (name, names, id) in named_rows(get("organisations_open.tsv")) {
            for n in names {
                lx.org_ids.insert(n, id);
                let acronym =
                    n.len() >= 3 && !n.contains(' ') && n.chars().all(|c| !c.is_lowercase());
                if n.contains(' ') || acronym {
                    lx.add_gaz(
                        n,
                        GazEntry {
                            name,
                            kind: EntityType::ORG,
                            country: None,
                            demonym: false,
                            capital: false,
                        },
                    );
                }
            }
        }
        for line in lines(get("first_names.tsv")) {
            if let Some((name, g)) = line.split_once('\t') {
                lx.first_names.insert(name, g == "f");
            }
        }
        for line in lines(get("role_defaults.tsv")) {
            let c: Vec<&str> = line.split('\t').collect();
            if let [country, title, body] = c[..] {
                lx.role_defaults.insert(format!("{country}\t{title}"), body);
            }
        }
        for t in lines(get("titles.list")) {
            // a title, or an abbreviation and its words spelt out, word for word
            let (short, long) = t.split_once('\t').unwrap_or((t, ""));
            let key = phrase_key(short);
            if !long.is_empty() {
                for (s, l) in key.split(' ').zip(long.split(' ')) {
                    if s != l {
                        lx.title_words.insert(s.to_string(), l.to_string());
                    }
                }
            }
            lx.add_title(key);
        }
        lx.nonentities = lines(get("nonentities.list")).map(str::trim).collect();
        for line in lines(get("nominalizations.tsv")) {
            let c: Vec<&'static str> = line.split('\t').collect();
            if c.len() == 3 && c[2] == "agent" {
                lx.agents.insert(c[0], c[1]);
            } else if c.len() == 3 {
                let kind = match c[2] {
                    "flow" => NominalKind::Flow,
                    "pair" => NominalKind::Pair,
                    _ => NominalKind::Possessive,
                };
                lx.nominals.insert(c[0], (c[1], kind));
            }
        }
        for line in lines(get("irregular_verbs.tsv")) {
            if let Some((form, lemma)) = line.split_once('\t') {
                lx.irregular.insert(form, lemma);
            }
        }
        for line in lines(get("verbs.tsv")) {
            if let Some((v, class)) = line.split_once('\t') {
                let class = VerbClass::parse(class)
                    .unwrap_or_else(|| panic!("verbs.tsv: unknown class {class:?}"));
                lx.verbs.insert(v, class);
            }
        }
        lx.listed_verbs = lx
            .verbs
            .keys()
            .copied()
            .chain(lx.nominals.values().map(|(v, _)| *v))
            .collect();
        for line in lines(get("clusters.tsv")) {
            let mut c = line.split('\t');
            if let (Some(w), Some(coarse), Some(fine)) = (c.next(), c.next(), c.next()) {
                lx.clusters.insert(w, (coarse, fine));
            }
        }
        for line in lines(get("open_gazetteer.tsv")) {
            if let Some((phrase, classes)) = line.split_once('\t') {
                lx.open.insert(phrase, classes);
                let len = phrase.split(' ').count();
                let first = phrase.split(' ').next().unwrap_or("");
                let e = lx.open_first.entry(first).or_insert(0);
                *e = (*e).max(len);
            }
        }
        // S&P 500 companies, after the open gazetteer: names of two words or more, and one-word
        // names that are no person's name or place ("Microsoft", not "Dover" or "Fox"), unless
        // they open with a function word or a letter
        for (name, names, id) in named_rows(get("companies_open.tsv")) {
            for n in names {
                lx.company_ids.insert(n, id);
                let key = phrase_key(n);
                // a name opening with a function word or a letter ("ON Semiconductor",
                // "O'Reilly") would make "On Friday" or "Beto O" look like its start
                let first = key.split(' ').next().unwrap_or("");
                let function_word = first.chars().count() < 2 || lx.is_function_word(first);
                let single_known = !key.contains(' ') && lx.open.contains_key(key.as_str());
                if !function_word && !single_known && lx.gazetteer(&key).is_none() {
                    lx.add_gaz(
                        n,
                        GazEntry {
                            name,
                            kind: EntityType::ORG,
                            country: None,
                            demonym: false,
                            capital: false,
                        },
                    );
                }
            }
        }
        for line in lines(get("classes.tsv")) {
            if let Some((class, w)) = line.split_once('\t') {
                // the file is embedded and checked by a test: an unknown class is a build error
                let class = WordClass::parse(class)
                    .unwrap_or_else(|| panic!("classes.tsv: unknown class {class:?}"));
                lx.classes.entry(class).or_default().insert(w);
            }
        }
        // "Senators Marco Rubio and Mike Lee", "Foreign Ministers Ana Ruiz of Chile and Tomas
        // Vidal of Peru": the plural of a title (its last word) titles a list of names
        let plural = |w: &str| match w.strip_suffix('y') {
            Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
            _ => format!("{w}s"),
        };
        let plurals: Vec<String> = lx
            .titles
            .iter()
            .filter(|t| !t.contains(" - ") && !t.ends_with('s') && !t.contains(" of "))
            .map(|t| match t.rsplit_once(' ') {
                Some((head, last)) => format!("{head} {}", plural(last)),
                None => plural(t),
            })
            .collect();
        for p in plurals {
            lx.add_title(p);
        }
        lx
    }
}
