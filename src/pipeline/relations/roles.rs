//! Role relations from the titles the entity stage attached to names: "NATO Secretary General
//! Jens Stoltenberg" is secretary general of NATO; a title with no owner takes the article's
//! default (titles set beside a name by punctuation are read in `appositions.rs`).
use super::Arg;
use super::{arg, ent_of, entity_named, push, Ctx, Flags};
use crate::doc::Dep;
use crate::doc::{Document, EntityType, MentionSource};
use crate::lexicon::Lexicon;
use crate::lexicon::WordClass;

/// Roles from titles: "NATO Secretary General Jens Stoltenberg", "Spanish Prime Minister Pedro
/// Sanchez", "Representative Ilhan Omar of Minnesota", "Britain's Prime Minister Boris Johnson".
pub(super) fn roles(doc: &mut Document, cx: &mut Ctx) {
    let s = cx.s;
    let ms: Vec<usize> = doc.mentions_in(s).collect();
    let sent_end = doc.sentences[s].tokens.end;
    for &m in &ms {
        let Some(title) = doc.mentions[m]
            .title
            .clone()
            .or_else(|| shared_title(doc, &ms, m))
            .or_else(|| listed_title(doc, cx, m))
        else {
            continue;
        };
        // "Mr.", "Ms.": a courtesy title is no role ("N.M. Ms. Calico" is nobody's "ms.")
        if cx.lx.in_class(WordClass::CourtesyTitle, &title) {
            continue;
        }
        let Some(p) = ent_of(doc, m) else { continue };
        let title = singular_title(cx.lx, &title);
        let mut owner = doc.mentions[m].title_of;
        // "Britain's Prime Minister Boris Johnson", "Trump's national security advisor John
        // Bolton": the possessor owns the title
        if owner.is_none() {
            if let Some(ts) = doc.mentions[m].title_span.clone() {
                let poss =
                    ts.start >= 2 && matches!(doc.token_text(ts.start - 1), "'s" | "’s" | "'");
                if poss {
                    owner = ms
                        .iter()
                        .copied()
                        .find(|&o| o != m && doc.mentions[o].tokens.end == ts.start - 1);
                }
            }
        }
        // "President Macron of France", "Representative Ilhan Omar of Minnesota"
        let after = doc.mentions[m].tokens.end;
        if owner.is_none() && after + 1 < sent_end && doc.token_text(after) == "of" {
            owner = ms.iter().copied().find(|&t| {
                doc.mentions[t].tokens.start == after + 1
                    && matches!(
                        doc.mentions[t].kind,
                        EntityType::GPE | EntityType::ORG | EntityType::LOC
                    )
            });
        }
        let flags = Flags {
            negated: false,
            hedged: false,
            attributed: None,
        };
        let mut party = false;
        if let Some(of) = owner {
            let Some(o) = ent_of(doc, of) else { continue };
            let reason = (doc.mentions[of].source == MentionSource::Demonym).then(|| {
                format!(
                    "\"{}\" refers to {}",
                    doc.span_text(doc.mentions[of].tokens.clone()),
                    doc.entities[o].name
                )
            });
            let obj = Arg {
                entity: o,
                reason,
                indirect: false,
            };
            // "Republican Senator Ted Cruz": a legislator is a member of his party
            party = cx.lx.is_party(&doc.entities[o].name);
            let predicate = if party && cx.lx.in_class(WordClass::MemberTitle, &title) {
                "member of".to_string()
            } else if party && !cx.lx.in_class(WordClass::PartyRole, &title) {
                continue;
            } else {
                format!("{title} of")
            };
            push(cx, &arg(p), predicate, &obj, flags, 0.9, "title");
            if !party {
                continue;
            }
        }
        // no owner in the sentence: the owner named elsewhere in the article, else the body
        // the title has by default in the article's country ("Speaker" → House)
        if owner.is_some() && !party {
            continue;
        }
        let former = is_former(doc, cx.lx, m);
        if let Some(obj) = default_owner_as(doc, cx, p, &title, !former) {
            push(
                cx,
                &arg(p),
                format!("{title} of"),
                &obj,
                flags,
                0.7,
                "title",
            );
        }
    }
}

/// Whether a mention's title is held in the past: "former president George W. Bush",
/// "then-prime-minister Thaksin Shinawatra".
fn is_former(doc: &Document, lx: &Lexicon, m: usize) -> bool {
    doc.mentions[m].title_span.clone().is_some_and(|ts| {
        let first = doc.token_text(ts.start).to_lowercase();
        let a = doc.sentences[doc.mentions[m].sentence].tokens.start;
        let mut b = ts.start;
        // "then-prime-minister"
        if b > a + 1 && doc.token_text(b - 1) == "-" {
            b -= 1;
        }
        let before = (b > a).then(|| doc.token_text(b - 1).to_lowercase());
        let past = |w: &str| lx.in_class(WordClass::PastModifier, w);
        before.as_deref().is_some_and(past)
            || past(&first)
            || first.split_once('-').is_some_and(|(w, _)| past(w))
    })
}

/// The owner a title with no owner in its sentence takes: none when the article names one for
/// this person elsewhere, else the body of `role_defaults.tsv` for the article's country, unless
/// the article names another holder of that title there.
pub(super) fn default_owner(doc: &mut Document, cx: &Ctx, p: usize, title: &str) -> Option<Arg> {
    default_owner_as(doc, cx, p, title, true)
}

/// [`default_owner`] for a title held now (`current`) or in the past ("former president George
/// W. Bush"): a past holder shares the title with the present one, so another holder named in
/// the article does not take the default away.
fn default_owner_as(
    doc: &mut Document,
    cx: &Ctx,
    p: usize,
    title: &str,
    current: bool,
) -> Option<Arg> {
    if cx
        .roles
        .holders
        .iter()
        .any(|(t, _, q, _)| t == title && *q == p)
    {
        return None;
    }
    let state = cx.roles.state.as_deref();
    let home = cx.roles.home.as_deref();
    let (home_name, body) = match home.and_then(|h| cx.lx.role_default(h, state, title)) {
        Some(body) => (home?.to_string(), body.to_string()),
        // no home country, or one without the office (a "prime minister" in an article about
        // the United States and the United Kingdom): the one country of the article that has it
        None => {
            let mut having = cx.roles.countries.iter().filter_map(|c| {
                cx.lx
                    .role_default(c, None, title)
                    .map(|b| (c.to_string(), b.to_string()))
            });
            match (having.next(), having.next()) {
                (Some(one), None) => one,
                _ => return None,
            }
        }
    };
    // a country has one president: one named as such elsewhere (and not as a former one:
    // "Former president of France Jacques Chirac" leaves "President Mitterrand" France's)
    // leaves no default
    if body == home_name
        && current
        && cx
            .roles
            .holders
            .iter()
            .any(|(t, o, q, past)| t == title && *o == home_name && *q != p && !past)
    {
        return None;
    }
    let kind = if body == home_name || Some(body.as_str()) == state {
        EntityType::GPE
    } else {
        EntityType::ORG
    };
    let o = entity_named(doc, &body, kind);
    Some(super::via(
        o,
        format!("a \"{title}\" with no owner in an article about {home_name} is of {body}"),
    ))
}

/// The title a person shares with the titled person he is coordinated with: "Senators Marco
/// Rubio of Florida, Mike Lee of Utah, and David Perdue" (Lee and Perdue are senators too).
fn shared_title(doc: &Document, ms: &[usize], m: usize) -> Option<String> {
    let men = &doc.mentions[m];
    if men.kind != EntityType::PER {
        return None;
    }
    // the mention's token whose head lies outside it
    let inside = |i: usize| men.tokens.contains(&i);
    let head = men
        .tokens
        .clone()
        .find(|&i| doc.tokens[i].head.is_none_or(|h| !inside(h as usize)))?;
    if !matches!(doc.tokens[head].dep, Dep::Conj | Dep::List | Dep::Appos) {
        return None;
    }
    let h = doc.tokens[head].head? as usize;
    // the list hangs from the titled name, or from the plural title itself
    let other = ms.iter().copied().find(|&o| {
        o != m
            && (doc.mentions[o].tokens.contains(&h)
                || doc.mentions[o]
                    .title_span
                    .as_ref()
                    .is_some_and(|t| t.contains(&h)))
    })?;
    let o = &doc.mentions[other];
    // only a title written in the plural ("Senators") is shared
    let title = o.title.as_deref()?;
    (o.kind == EntityType::PER && title.ends_with('s')).then(|| title.to_string())
}

/// "senators" → "senator", "foreign secretaries" → "foreign secretary" when the singular is a
/// title.
fn singular_title(lx: &Lexicon, title: &str) -> String {
    let ies = title.strip_suffix("ies").map(|t| format!("{t}y"));
    let s = title.strip_suffix('s').map(str::to_string);
    [ies, s]
        .into_iter()
        .flatten()
        .find(|t| lx.is_title(t))
        .unwrap_or_else(|| title.to_string())
}

/// The plural title a list of names shares, read off the words whatever the parse: "Ministers
/// Ana Ruiz of Chile and Tomas Vidal of Peru" (Vidal's title is "ministers"). The nearest earlier
/// name of the list ([`super::parties::list_before`]: names, their "of" owners, commas and
/// "and") that has a title gives it, when it is a plural.
fn listed_title(doc: &Document, cx: &Ctx, m: usize) -> Option<String> {
    let start = doc.mentions[m].tokens.start;
    // the list goes on only over a comma or "and"
    if start <= cx.start || !matches!(doc.token_text(start - 1), "and" | ",") {
        return None;
    }
    let titled = super::parties::list_before(doc, cx, start)
        .into_iter()
        .find_map(|p| doc.mentions[p].title.as_deref())?;
    titled.ends_with('s').then(|| titled.to_string())
}

/// What roles need to know of the whole article: its country, and who holds which title with an
/// owner somewhere in it.
#[derive(Default)]
pub(super) struct RoleContext {
    /// The country the article mentions most: at least twice, and twice as often as any other.
    pub home: Option<String>,
    /// (title, owner's name, person, whether held in the past) of every title with an owner in
    /// the article.
    pub holders: Vec<(String, String, usize, bool)>,
    /// The countries the article mentions twice or more, the most mentioned first.
    pub countries: Vec<String>,
    /// The state (province, territory) of the home country the article mentions most, and more
    /// than any other: the body of a state's title with no owner ("Governor X").
    pub state: Option<String>,
}

impl RoleContext {
    pub(super) fn of(doc: &Document, lx: &Lexicon) -> RoleContext {
        // countries by name: a country's own mentions, and a country's name opening another
        // name ("U.S. Congress", "British Airways")
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut add = |name: &str| match counts.iter_mut().find(|(x, _)| x == name) {
            Some(c) => c.1 += 1,
            None => counts.push((name.to_string(), 1)),
        };
        for m in &doc.mentions {
            let Some(e) = m.entity else { continue };
            let name = &doc.entities[e].name;
            if doc.entities[e].kind == EntityType::GPE && lx.capital_of(name).is_some() {
                add(name);
                continue;
            }
            for l in (1..m.tokens.len().min(4)).rev() {
                let key =
                    crate::lexicon::phrase_key(doc.span_text(m.tokens.start..m.tokens.start + l));
                let country = lx.gazetteer(&key).and_then(|g| {
                    if g.demonym {
                        g.country
                    } else {
                        (g.kind == EntityType::GPE && lx.capital_of(g.name).is_some())
                            .then_some(g.name)
                    }
                });
                if let Some(c) = country {
                    add(c);
                    break;
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let home = counts
            .first()
            .filter(|c| c.1 >= 2 && counts.get(1).is_none_or(|d| 2 * d.1 <= c.1))
            .map(|c| c.0.clone());
        let mut holders: Vec<(String, String, usize, bool)> = doc
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(k, m)| {
                let o = doc.mentions[m.title_of?].entity?;
                // "Republican Senator X": a party is not the body the title is of
                if lx.is_party(&doc.entities[o].name) {
                    return None;
                }
                Some((
                    singular_title(lx, m.title.as_deref()?),
                    doc.entities[o].name.clone(),
                    m.entity?,
                    is_former(doc, lx, k),
                ))
            })
            .collect();
        holders.sort();
        holders.dedup();
        let state = home.as_deref().and_then(|h| home_state(doc, lx, h));
        let countries = counts
            .iter()
            .filter(|c| c.1 >= 2)
            .map(|c| c.0.clone())
            .collect();
        RoleContext {
            home,
            holders,
            countries,
            state,
        }
    }
}

/// The state of country `home` the article's mentions name most, and more often than any
/// other.
fn home_state(doc: &Document, lx: &Lexicon, home: &str) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in &doc.mentions {
        let Some(e) = m.entity else { continue };
        let name = doc.entities[e].name.as_str();
        let of_home = lx
            .gazetteer(&crate::lexicon::phrase_key(name))
            .is_some_and(|g| g.country == Some(home));
        if lx.is_state(name) && of_home {
            match counts.iter_mut().find(|(x, _)| *x == name) {
                Some(c) => c.1 += 1,
                None => counts.push((name, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .first()
        .filter(|c| counts.get(1).is_none_or(|d| d.1 < c.1))
        .map(|c| c.0.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, rels};

    #[test]
    fn a_legislators_party_is_membership_and_other_owners_keep_the_title() {
        let f = rels(
            "Republican Representative Francis Rooney backed the plan. \
             Spanish Prime Minister Pedro Sanchez visited Kyiv.",
        );
        assert!(
            has(&f, "Francis Rooney", "member of", "Republican Party"),
            "{f:?}"
        );
        assert!(!f.iter().any(|x| x.1 == "representative of"), "{f:?}");
        assert!(
            has(&f, "Pedro Sanchez", "prime minister of", "Spain"),
            "{f:?}"
        );
    }

    #[test]
    fn a_courtesy_title_is_no_role_and_no_predicate_word() {
        let f = rels(
            "They grew up in Grants, N.M. Ms. Calico disappeared later. Mrs. Thatcher was in \
             London on Monday.",
        );
        assert!(!f.iter().any(|x| x.1.contains("ms.")), "{f:?}");
    }

    #[test]
    fn a_title_goes_to_the_one_country_of_the_article_that_has_the_office() {
        // two countries, neither the article's home: the United States has no prime minister,
        // the United Kingdom no president
        let f = rels(
            "The United Kingdom asked the United States for help. The United States refused. \
             Prime Minister Boris Johnson spoke. The United Kingdom waited. President Donald \
             Trump answered.",
        );
        assert!(
            has(&f, "Boris Johnson", "prime minister of", "United Kingdom"),
            "{f:?}"
        );
        assert!(
            has(&f, "Donald Trump", "president of", "United States"),
            "{f:?}"
        );
    }

    #[test]
    fn a_states_title_with_no_owner_is_of_the_articles_state() {
        let f = rels(
            "Floods hit the US state of Ohio on Monday. Governor Mike DeWine declared an \
             emergency in Ohio. State Senator Jane Roe and Assemblywoman Ann Lee visited the \
             United States Capitol in the United States.",
        );
        assert!(has(&f, "Mike DeWine", "governor of", "Ohio"), "{f:?}");
        assert!(has(&f, "Jane Roe", "state senator of", "Ohio"), "{f:?}");
        assert!(has(&f, "Ann Lee", "assemblywoman of", "Ohio"), "{f:?}");
        // an article that names no state gives a governor no owner
        let f =
            rels("The United States and Mexico met in the United States. Governor Ann Lee spoke.");
        assert!(!f.iter().any(|x| x.1 == "governor of"), "{f:?}");
    }

    #[test]
    fn a_title_with_no_owner_takes_the_articles_country_or_its_body() {
        let f = rels(
            "The United States and Canada met. U.S. officials said the talks went well. \
             President Joe Biden spoke. Senator Amy Klobuchar agreed with Speaker Mike Johnson.",
        );
        assert!(
            has(&f, "Joe Biden", "president of", "United States"),
            "{f:?}"
        );
        assert!(
            has(&f, "Amy Klobuchar", "senator of", "United States Senate"),
            "{f:?}"
        );
        assert!(
            has(
                &f,
                "Mike Johnson",
                "speaker of",
                "United States House of Representatives"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_country_named_for_a_title_elsewhere_leaves_no_default() {
        let f = rels(
            "Kenya and Kenya's neighbours met. Kenyan President William Ruto spoke in Kenya. \
             President Joe Biden called.",
        );
        assert!(has(&f, "William Ruto", "president of", "Kenya"), "{f:?}");
        assert!(!has(&f, "Joe Biden", "president of", "Kenya"), "{f:?}");
    }

    #[test]
    fn a_former_holder_takes_the_default_beside_the_present_one() {
        let f = rels(
            "The United States and Canada met in the United States. President Joe Biden spoke. \
             He served under former president Barack Obama. A coup removed \
             then-prime-minister Tom Hale in the United States.",
        );
        assert!(
            has(&f, "Barack Obama", "president of", "United States"),
            "{f:?}"
        );
        // the United States has no prime minister: no default (role_defaults.tsv "-")
        assert!(
            !has(&f, "Tom Hale", "prime minister of", "United States"),
            "{f:?}"
        );
        let f = rels(
            "The United Kingdom and Canada met in the United Kingdom. A coup removed \
             then-prime-minister Tom Hale in the United Kingdom.",
        );
        assert!(
            has(&f, "Tom Hale", "prime minister of", "United Kingdom"),
            "{f:?}"
        );
    }

    #[test]
    fn an_of_phrase_after_the_name_owns_the_title() {
        let f = rels("Representative Ilhan Omar of Minnesota voted against the bill.");
        assert!(
            has(&f, "Ilhan Omar", "representative of", "Minnesota"),
            "{f:?}"
        );
    }

    #[test]
    fn an_abbreviated_title_is_spelt_out_and_a_state_owns_it() {
        // "Gov." and "Sen." are the titles' abbreviations; Illinois is a US state
        let f = rels(
            "Illinois Gov. James Thompson signed the bill. Sen. Ann Lee of Ohio voted \
             against it.",
        );
        assert!(
            has(&f, "James Thompson", "governor of", "Illinois"),
            "{f:?}"
        );
        assert!(has(&f, "Ann Lee", "senator of", "Ohio"), "{f:?}");
    }

    #[test]
    fn a_plural_title_is_shared_by_the_names_listed_after_it() {
        let f = rels(
            "The bill was backed by Senators Amy Klobuchar of Minnesota, Tina Smith of \
             Michigan, and Cory Booker of New Jersey.",
        );
        for (who, state) in [
            ("Amy Klobuchar", "Minnesota"),
            ("Tina Smith", "Michigan"),
            ("Cory Booker", "New Jersey"),
        ] {
            assert!(has(&f, who, "senator of", state), "{who} {f:?}");
        }
    }

    #[test]
    fn any_plural_title_is_shared_whatever_the_parse_makes_of_the_list() {
        // "Ministers" is no legislator's title, and the parser hangs the second name anywhere
        let f = rels("Ministers Ana Ruiz of Chile and Tomas Vidal of Peru signed the agreement.");
        assert!(has(&f, "Ana Ruiz", "minister of", "Chile"), "{f:?}");
        assert!(has(&f, "Tomas Vidal", "minister of", "Peru"), "{f:?}");
        let f = rels("Governors Ann Lee of Ohio and Bob Hart of Iowa voted against the bill.");
        assert!(has(&f, "Bob Hart", "governor of", "Iowa"), "{f:?}");
    }

    #[test]
    fn a_party_before_another_body_s_office_gives_membership() {
        let f = rels("Republican council leader Ann Lee criticised the plan.");
        assert!(has(&f, "Ann Lee", "member of", "Republican Party"), "{f:?}");
        assert!(
            !has(&f, "Ann Lee", "leader of", "Republican Party"),
            "{f:?}"
        );
    }

    #[test]
    fn a_possessor_owns_the_title_after_it() {
        let f = rels("Trump's national security advisor John Bolton resigned on Tuesday.");
        assert!(
            f.iter().any(|r| r.0 == "John Bolton"
                && r.1 == "national security advisor of"
                && r.2.contains("Trump")),
            "{f:?}"
        );
    }
}
