//! Relations between entities, by rules over the chunked sentence: subject-verb-object with
//! prepositions ("Blinken warned China", "supplying arms to Russia"), roles from titles
//! ("Secretary General of NATO"), event nouns ("Russia's invasion of Ukraine", "supplies from China
//! to Russia"), coordinated and reciprocal subjects; each with negation, hedging and attribution.
use super::coref::pronoun_antecedent;
use super::units::{chunk, Form, Kind, Unit, VerbGroup};
use crate::doc::{Document, Entity, EntityType, MentionSource, Relation};
use crate::lexicon::{self, Lexicon, NominalKind};

/// An argument of a relation: an entity, and why it was chosen when that was not its own name.
#[derive(Debug, Clone)]
struct Arg {
    entity: usize,
    reason: Option<String>,
    /// Whether it was found through a pronoun, a conjunct or a quote.
    indirect: bool,
}

/// Polarity, modality and attribution of a relation.
struct Flags {
    negated: bool,
    hedged: bool,
    attributed: Option<usize>,
}

struct Ctx<'a> {
    lx: &'a Lexicon,
    s: usize,
    units: Vec<Unit>,
    speaker: Option<usize>,
    out: Vec<Relation>,
    consumed: Vec<bool>,
}

/// Pipeline stage: fills `doc.relations` (reads: tokens, tags, mentions, entities).
pub fn extract(doc: &mut Document) {
    let lx = lexicon::get();
    let speakers = quote_speakers(doc, lx);
    let mut all = Vec::new();
    for (s, &speaker) in speakers.iter().enumerate() {
        let r = doc.sentences[s].tokens.clone();
        let units = chunk(doc, lx, r.start, r.end);
        if std::env::var_os("KGRAPH_DEBUG").is_some() {
            eprintln!("S{s} speaker={speaker:?}");
            for u in &units {
                eprintln!("   {:?} {:?}", doc.span_text(u.start..u.end), u.kind);
            }
        }
        let n = units.len();
        let mut cx = Ctx {
            lx,
            s,
            units,
            speaker,
            out: Vec::new(),
            consumed: vec![false; n],
        };
        roles(doc, &mut cx);
        nominals(doc, &mut cx);
        verbs(doc, &mut cx);
        all.append(&mut cx.out);
    }
    // one relation per (subject, predicate, object, polarity) and sentence
    all.sort_by(|a, b| {
        (a.sentence, a.subject, &a.predicate, a.object, a.negated)
            .cmp(&(b.sentence, b.subject, &b.predicate, b.object, b.negated))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    all.dedup_by(|a, b| {
        (a.sentence, a.subject, &a.predicate, a.object, a.negated)
            == (b.sentence, b.subject, &b.predicate, b.object, b.negated)
    });
    all.retain(|r| r.subject != r.object);
    doc.relations = all;
}

fn ent_of(doc: &Document, m: usize) -> Option<usize> {
    doc.mentions[m].entity
}

fn push(
    cx: &mut Ctx,
    subj: &Arg,
    pred: String,
    obj: &Arg,
    f: Flags,
    conf: f32,
    rule: &'static str,
) {
    let Flags {
        negated: neg,
        hedged,
        attributed,
    } = f;
    let mut reasons: Vec<String> = [&subj.reason, &obj.reason]
        .iter()
        .filter_map(|r| (*r).clone())
        .collect();
    reasons.dedup();
    let mut conf = conf;
    if subj.indirect {
        conf *= 0.9;
    }
    if !reasons.is_empty() {
        conf *= 0.95;
    }
    if hedged {
        conf *= 0.9;
    }
    cx.out.push(Relation {
        subject: subj.entity,
        predicate: pred.trim().to_string(),
        object: obj.entity,
        sentence: cx.s,
        negated: neg,
        hedged,
        attributed_to: attributed.filter(|&a| a != subj.entity),
        confidence: (conf * 100.0).round() / 100.0,
        rule,
        reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
    });
}

fn arg(e: usize) -> Arg {
    Arg {
        entity: e,
        reason: None,
        indirect: false,
    }
}

/// Finds or adds the document entity with this name.
fn entity_named(doc: &mut Document, name: &str, kind: EntityType) -> usize {
    if let Some(e) = doc.entities.iter().position(|e| e.name == name) {
        return e;
    }
    doc.entities.push(Entity {
        name: name.to_string(),
        kind,
        aliases: Vec::new(),
        mentions: 0,
        reasons: Vec::new(),
    });
    doc.entities.len() - 1
}

/// A capital city acting (as subject, or as direct object of a non-motion verb) stands for its
/// country's government: "Beijing warned ...", "warned Beijing" → China.
fn as_actor(doc: &mut Document, lx: &Lexicon, mut a: Arg, verb: Option<&str>) -> Arg {
    if verb.is_some_and(|v| lx.verb_class(v) == Some("motion")) {
        return a;
    }
    let name = doc.entities[a.entity].name.clone();
    let key = lexicon::phrase_key(&name);
    if let Some(g) = lx.gazetteer(&key).filter(|g| g.capital) {
        if let Some(country) = g.country {
            a.entity = entity_named(doc, country, EntityType::GPE);
            a.reason = Some(format!(
                "{name} acts for {country} (capital as government actor)"
            ));
        }
    }
    a
}

/// The speaker of each sentence's quotation, if any: `"...," X said`, `"...," said X`,
/// `X said: "..."`; a quotation spanning sentences takes the speaker named where it closes.
fn quote_speakers(doc: &Document, lx: &Lexicon) -> Vec<Option<usize>> {
    let n = doc.sentences.len();
    let mut out = vec![None; n];
    let mut open_since: Option<usize> = None;
    for s in 0..n {
        let r = doc.sentences[s].tokens.clone();
        let quotes: Vec<usize> = r.clone().filter(|&i| doc.token_text(i) == "\"").collect();
        let mut speaker = None;
        for &q in &quotes {
            // after the closing quote: [,] X said / said X
            let mut k = q + 1;
            while k < r.end && matches!(doc.token_text(k), "," | "\"") {
                k += 1;
            }
            let who = |i: usize| -> Option<usize> {
                if let Some(m) = doc
                    .mentions
                    .iter()
                    .find(|m| m.tokens.start == i && m.kind == EntityType::PER)
                {
                    return m.entity;
                }
                pronoun_antecedent(doc, s, i)
            };
            let is_report = |i: usize| i < r.end && lx.verb_class(&doc.lemma(i)) == Some("report");
            if k < r.end {
                if let Some(e) = who(k) {
                    let after = doc
                        .mentions
                        .iter()
                        .find(|m| m.tokens.start == k)
                        .map_or(k + 1, |m| m.tokens.end);
                    if is_report(after) {
                        speaker = Some(e);
                    }
                } else if is_report(k) && k + 1 < r.end {
                    speaker = who(k + 1);
                }
            }
        }
        if quotes.len() % 2 == 1 {
            match open_since {
                None => open_since = Some(s),
                Some(o) => {
                    for x in out.iter_mut().take(s).skip(o) {
                        *x = x.or(speaker);
                    }
                    open_since = None;
                }
            }
        }
        out[s] = speaker;
        let _ = (s, r);
    }
    out
}

fn unit_ent(doc: &Document, u: &Unit) -> Option<usize> {
    match u.kind {
        Kind::Ent(m) => ent_of(doc, m),
        _ => None,
    }
}

/// Roles from titles: "NATO Secretary General Jens Stoltenberg", "Spanish Prime Minister Pedro
/// Sanchez", "Donald Tusk, former Prime Minister of Poland", "the mayor of Gdańsk, Paweł Adamowicz".
fn roles(doc: &mut Document, cx: &mut Ctx) {
    let s = cx.s;
    let ms: Vec<usize> = (0..doc.mentions.len())
        .filter(|&m| doc.mentions[m].sentence == s)
        .collect();
    for &m in &ms {
        let (Some(title), Some(of)) = (doc.mentions[m].title.clone(), doc.mentions[m].title_of)
        else {
            continue;
        };
        let (Some(p), Some(o)) = (ent_of(doc, m), ent_of(doc, of)) else {
            continue;
        };
        let reason = (doc.mentions[of].source == MentionSource::Demonym).then(|| {
            format!(
                "\"{}\" refers to {}",
                doc.span_text(doc.mentions[of].tokens.clone()),
                doc.entities[o].name
            )
        });
        let subj = arg(p);
        let obj = Arg {
            entity: o,
            reason,
            indirect: false,
        };
        push(
            cx,
            &subj,
            format!("{title} of"),
            &obj,
            Flags {
                negated: false,
                hedged: false,
                attributed: None,
            },
            0.9,
            "title",
        );
    }
    // apposition: PER , [the|former] TITLE of X   /   TITLE of X , PER
    let lx = cx.lx;
    let sent = doc.sentences[s].tokens.clone();
    for &m in &ms {
        if doc.mentions[m].kind != EntityType::PER {
            continue;
        }
        let e = doc.mentions[m].tokens.end;
        if e < sent.end && doc.token_text(e) == "," {
            let mut k = e + 1;
            while k < sent.end
                && matches!(
                    doc.token_text(k).to_lowercase().as_str(),
                    "the" | "a" | "former" | "then" | "current" | "incumbent" | "acting"
                )
            {
                k += 1;
            }
            if let Some((title, after)) = title_then_of(doc, lx, k, sent.end) {
                if let Some(target) = ms.iter().copied().find(|&t| {
                    doc.mentions[t].tokens.start == after && doc.mentions[t].kind != EntityType::PER
                }) {
                    if let (Some(p), Some(o)) = (ent_of(doc, m), ent_of(doc, target)) {
                        push(
                            cx,
                            &arg(p),
                            format!("{title} of"),
                            &arg(o),
                            Flags {
                                negated: false,
                                hedged: false,
                                attributed: None,
                            },
                            0.8,
                            "apposition",
                        );
                    }
                }
            }
        }
    }
}

/// At token `k`: a title followed by "of [the]"; returns the title and the token after "of [the]".
fn title_then_of(doc: &Document, lx: &Lexicon, k: usize, end: usize) -> Option<(String, usize)> {
    for l in (1..=lx.titles_max.min(end.saturating_sub(k))).rev() {
        let key = (k..k + l)
            .map(|i| doc.token_text(i).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        if lx.is_title(&key) && k + l < end && doc.token_text(k + l).eq_ignore_ascii_case("of") {
            let mut a = k + l + 1;
            if a < end && doc.token_text(a).eq_ignore_ascii_case("the") {
                a += 1;
            }
            // "mayor of the Polish city of Gdańsk": the place after the second "of"
            if a + 2 < end
                && lx
                    .gazetteer(&doc.token_text(a).to_lowercase())
                    .is_some_and(|g| g.demonym)
                && lx.in_class("place_noun", &doc.token_text(a + 1).to_lowercase())
                && doc.token_text(a + 2).eq_ignore_ascii_case("of")
            {
                a += 3;
            }
            return Some((key, a));
        }
    }
    None
}

/// The verb group that governs units around `at` (nearest before, else after).
fn governing<'c>(cx: &'c Ctx, at: usize) -> Option<&'c VerbGroup> {
    let before = cx.units[..at].iter().rev().find_map(|u| match &u.kind {
        Kind::Verb(g) => Some(g),
        _ => None,
    });
    before.or_else(|| {
        cx.units[at..].iter().find_map(|u| match &u.kind {
            Kind::Verb(g) => Some(g),
            _ => None,
        })
    })
}

fn noun_hedged(doc: &Document, lx: &Lexicon, u: &Unit) -> bool {
    (u.start..u.end).any(|i| lx.in_class("hedge_adv", &doc.token_text(i).to_lowercase()))
}

/// Event nouns: "X's invasion of Y", "supplies from X to Y", "the X-Y meeting".
fn nominals(doc: &mut Document, cx: &mut Ctx) {
    let lx = cx.lx;
    let n = cx.units.len();
    for i in 0..n {
        let head = match &cx.units[i].kind {
            Kind::Noun(h) => h.clone(),
            Kind::Verb(_) if cx.units[i].end - cx.units[i].start == 1 => {
                doc.token_text(cx.units[i].start).to_lowercase()
            }
            _ => continue,
        };
        let last = head.rsplit(' ').next().unwrap_or(&head).to_string();
        let Some((verb, kind)) = lx.nominal(&last) else {
            continue;
        };
        let (neg, hedge) = governing(cx, i).map_or((false, false), |g| (g.negated, g.hedged));
        let hedge = hedge || noun_hedged(doc, lx, &cx.units[i]);
        let ent_at = |j: usize| cx.units.get(j).and_then(|u| unit_ent(doc, u));
        let prep_at = |j: usize| match cx.units.get(j).map(|u| &u.kind) {
            Some(Kind::Prep(p)) => Some(p.clone()),
            _ => None,
        };
        match kind {
            NominalKind::Possessive => {
                // X 's NOUN of|against|on|in Y
                if i >= 2 && matches!(cx.units[i - 1].kind, Kind::Poss) {
                    if let (Some(x), Some(p), Some(y)) =
                        (ent_at(i - 2), prep_at(i + 1), ent_at(i + 2))
                    {
                        if matches!(p.as_str(), "of" | "against" | "on" | "in" | "into") {
                            let (sx, sy) = (as_actor(doc, lx, arg(x), None), arg(y));
                            push(
                                cx,
                                &sx,
                                verb.to_string(),
                                &sy,
                                Flags {
                                    negated: neg,
                                    hedged: hedge,
                                    attributed: cx.speaker,
                                },
                                0.75,
                                "event noun",
                            );
                            cx.consumed[i + 2] = true;
                        }
                    }
                }
            }
            NominalKind::Flow => {
                // NOUN from X to Y
                if let (Some(p1), Some(x), Some(p2), Some(y)) =
                    (prep_at(i + 1), ent_at(i + 2), prep_at(i + 3), ent_at(i + 4))
                {
                    if p1 == "from" && p2 == "to" {
                        let (sx, sy) = (
                            as_actor(doc, lx, arg(x), None),
                            as_actor(doc, lx, arg(y), None),
                        );
                        push(
                            cx,
                            &sx,
                            verb.to_string(),
                            &sy,
                            Flags {
                                negated: neg,
                                hedged: hedge,
                                attributed: cx.speaker,
                            },
                            0.7,
                            "event noun",
                        );
                        cx.consumed[i + 2] = true;
                        cx.consumed[i + 4] = true;
                    }
                }
            }
            NominalKind::Pair => {
                // X - Y NOUN
                if i >= 3
                    && matches!(cx.units[i - 2].kind, Kind::Stop)
                    && doc.token_text(cx.units[i - 2].start) == "-"
                {
                    if let (Some(x), Some(y)) = (ent_at(i - 3), ent_at(i - 1)) {
                        push(
                            cx,
                            &arg(x),
                            verb.to_string(),
                            &arg(y),
                            Flags {
                                negated: neg,
                                hedged: hedge,
                                attributed: cx.speaker,
                            },
                            0.6,
                            "event noun",
                        );
                    }
                }
            }
        }
    }
}

/// Entities (one, or a coordination "X and Y") ending at unit `j` going left.
fn coordinated_left(doc: &Document, units: &[Unit], j: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = j as isize;
    while k >= 0 {
        let Some(e) = unit_ent(doc, &units[k as usize]) else {
            break;
        };
        out.push((e, k as usize));
        let joiner = k >= 2
            && match &units[k as usize - 1].kind {
                Kind::Conj(c) => c == "and",
                Kind::Comma => true,
                _ => false,
            };
        if joiner && unit_ent(doc, &units[k as usize - 2]).is_some() {
            k -= 2;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

fn verbs(doc: &mut Document, cx: &mut Ctx) {
    let lx = cx.lx;
    let n = cx.units.len();
    // subject of each verb group found so far: (unit index, form, subjects)
    let mut subjects: Vec<(usize, Form, Vec<Arg>)> = Vec::new();
    let mut reporter: Option<(usize, usize)> = None; // (unit, entity) of a report verb with a named subject
    for v in 0..n {
        let Kind::Verb(g) = cx.units[v].kind.clone() else {
            continue;
        };
        let subj = find_subject(doc, cx, v, &g, &subjects);
        if subj.is_empty() {
            if !g.nonfinite {
                subjects.push((v, g.form, Vec::new()));
            }
            continue;
        }
        subjects.push((v, g.form, subj.clone()));
        let class = lx.verb_class(&g.lemma);
        let attributed = reporter
            .filter(|&(u, _)| u < v)
            .map(|(_, e)| e)
            .or(cx.speaker);
        if class == Some("report") && subj.len() == 1 {
            reporter = Some((v, subj[0].entity));
        }
        if class == Some("light") && g.lemma != "have" {
            continue;
        }
        let subj: Vec<Arg> = subj
            .into_iter()
            .map(|a| {
                if a.indirect {
                    a
                } else {
                    as_actor(doc, lx, a, Some(&g.lemma))
                }
            })
            .collect();
        let objects = find_objects(doc, cx, v, &g);
        if g.passive {
            // "X was elected by Y": Y elect X
            for (pred, obj, by) in &objects {
                if *by {
                    for s in &subj {
                        let o = as_actor(doc, lx, obj.clone(), Some(&g.lemma));
                        push(
                            cx,
                            &o,
                            pred.clone(),
                            s,
                            Flags {
                                negated: g.negated,
                                hedged: g.hedged,
                                attributed,
                            },
                            0.7,
                            "passive",
                        );
                    }
                }
            }
            continue;
        }
        let mut any = false;
        for (pred, obj, by) in &objects {
            if *by {
                continue;
            }
            for s in &subj {
                push(
                    cx,
                    s,
                    pred.clone(),
                    obj,
                    Flags {
                        negated: g.negated,
                        hedged: g.hedged,
                        attributed,
                    },
                    if pred == &g.lemma { 0.8 } else { 0.7 },
                    "verb",
                );
                any = true;
            }
        }
        // "X and Y signed a partnership": X sign with Y
        if !any && subj.len() >= 2 && class == Some("reciprocal") {
            let noun = cx.units[v + 1..]
                .iter()
                .take_while(|u| matches!(u.kind, Kind::Noun(_) | Kind::Quote | Kind::Other))
                .find_map(|u| match &u.kind {
                    Kind::Noun(h) => Some(h.clone()),
                    _ => None,
                });
            let pred = match noun {
                Some(h) => format!("{} {} with", g.lemma, h),
                None => format!("{} with", g.lemma),
            };
            push(
                cx,
                &subj[0].clone(),
                pred,
                &subj[1].clone(),
                Flags {
                    negated: g.negated,
                    hedged: g.hedged,
                    attributed,
                },
                0.6,
                "reciprocal",
            );
        }
    }
}

fn find_subject(
    doc: &Document,
    cx: &Ctx,
    v: usize,
    g: &VerbGroup,
    prior: &[(usize, Form, Vec<Arg>)],
) -> Vec<Arg> {
    let u = &cx.units;
    if v == 0 {
        return inverted(doc, cx, v, g);
    }
    let j = v - 1;
    match &u[j].kind {
        Kind::Ent(_) if !g.nonfinite => {
            if j >= 1 && matches!(u[j - 1].kind, Kind::Prep(_)) {
                return Vec::new();
            }
            coordinated_left(doc, u, j)
                .into_iter()
                .map(|(e, _)| arg(e))
                .collect()
        }
        Kind::Pron(p) if !g.nonfinite => match p.as_str() {
            "he" | "she" => pronoun_antecedent(doc, cx.s, u[j].start)
                .map(|e| {
                    vec![Arg {
                        entity: e,
                        reason: Some(format!("\"{p}\" refers to {}", doc.entities[e].name)),
                        indirect: true,
                    }]
                })
                .unwrap_or_default(),
            "we" | "i" => cx
                .speaker
                .map(|e| {
                    vec![Arg {
                        entity: e,
                        reason: Some(format!("\"{p}\" is the speaker, {}", doc.entities[e].name)),
                        indirect: true,
                    }]
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        },
        Kind::Rel if !g.nonfinite => {
            // "X, who ..." / "X who ..."
            let k = if j >= 2 && matches!(u[j - 1].kind, Kind::Comma) {
                j - 2
            } else {
                j.wrapping_sub(1)
            };
            u.get(k)
                .and_then(|x| unit_ent(doc, x))
                .map(|e| vec![arg(e)])
                .unwrap_or_default()
        }
        Kind::Conj(_) if !g.nonfinite || g.form != Form::Other => {
            // "... said ... and warned ...": the subject of the earlier verb of the same tense
            prior
                .iter()
                .rev()
                .find(|(pv, f, s)| *pv < j && *f == g.form && !s.is_empty())
                .map(|(_, _, s)| {
                    s.iter()
                        .map(|a| Arg {
                            indirect: true,
                            ..a.clone()
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
        Kind::Comma if !g.nonfinite => {
            // "China, of course, should not ...": a short aside between commas
            let mut k = j;
            let mut steps = 0;
            while k > 0 && steps < 5 {
                k -= 1;
                steps += 1;
                match u[k].kind {
                    Kind::Comma => {
                        if k >= 1 {
                            if let Some(e) = unit_ent(doc, &u[k - 1]) {
                                return vec![arg(e)];
                            }
                        }
                        break;
                    }
                    Kind::Verb(_) | Kind::Quote | Kind::Ent(_) => break,
                    _ => {}
                }
            }
            inverted(doc, cx, v, g)
        }
        Kind::Quote => inverted(doc, cx, v, g),
        _ => Vec::new(),
    }
}

/// `"...," says Zelenskiy`: a report verb after a quote takes the subject that follows it.
fn inverted(doc: &Document, cx: &Ctx, v: usize, g: &VerbGroup) -> Vec<Arg> {
    if cx.lx.verb_class(&g.lemma) != Some("report") {
        return Vec::new();
    }
    match cx.units.get(v + 1).map(|u| (&u.kind, u.start)) {
        Some((Kind::Ent(m), _)) => ent_of(doc, *m).map(|e| vec![arg(e)]).unwrap_or_default(),
        Some((Kind::Pron(_), i)) => pronoun_antecedent(doc, cx.s, i)
            .map(|e| {
                vec![Arg {
                    entity: e,
                    reason: None,
                    indirect: true,
                }]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Objects of the verb group at unit `v`: (predicate, object, introduced by "by").
fn find_objects(doc: &mut Document, cx: &Ctx, v: usize, g: &VerbGroup) -> Vec<(String, Arg, bool)> {
    let lx = cx.lx;
    let u = &cx.units;
    let mut out = Vec::new();
    let mut heads: Vec<String> = Vec::new();
    let mut prep: Option<String> = None;
    let mut k = v + 1;
    let start_tok = u[v].end;
    while k < u.len() {
        match &u[k].kind {
            Kind::Verb(_) | Kind::Comp | Kind::Rel | Kind::Quote | Kind::Stop | Kind::Comma => {
                break
            }
            Kind::Conj(_) if out.is_empty() => break,
            Kind::Conj(c) => {
                // "warned China and Russia": a coordinated object
                if c == "and" && u.get(k + 1).is_some_and(|x| unit_ent(doc, x).is_some()) {
                    if let Some((pred, _, by)) = out.last().cloned() {
                        if let Some(e) = unit_ent(doc, &u[k + 1]) {
                            let a = as_actor(doc, lx, arg(e), Some(&g.lemma));
                            out.push((pred, a, by));
                        }
                    }
                }
                break;
            }
            Kind::Ent(_) => {
                if cx.consumed[k] {
                    break;
                }
                let e = unit_ent(doc, &u[k]).expect("entity unit");
                let possessive = u.get(k + 1).is_some_and(|x| matches!(x.kind, Kind::Poss));
                let direct = prep.is_none() && heads.is_empty();
                if direct && possessive {
                    // "support Russia's war": support (war of) Russia
                    let noun = u.get(k + 2).and_then(|x| match &x.kind {
                        Kind::Noun(h) => Some(h.clone()),
                        _ => None,
                    });
                    if let Some(h) = noun {
                        out.push((format!("{} {}", g.lemma, h), arg(e), false));
                    }
                    break;
                }
                if direct {
                    let a = as_actor(doc, lx, arg(e), Some(&g.lemma));
                    out.push((g.lemma.clone(), a, false));
                    k += 1;
                    continue;
                }
                if possessive {
                    break;
                }
                if let Some(p) = prep.clone() {
                    let distance = u[k].start - start_tok;
                    if p == "by" && g.passive && heads.is_empty() {
                        out.push((g.lemma.clone(), arg(e), true));
                        break;
                    }
                    if lx.in_class("loc_prep", &p) && !(p == "from" && heads.is_empty()) {
                        prep = None;
                        k += 1;
                        continue;
                    }
                    let class = if heads.is_empty() {
                        "verb_prep"
                    } else {
                        "np_prep"
                    };
                    if lx.in_class(class, &p)
                        && heads.len() <= 2
                        && distance <= 12
                        && out.is_empty()
                    {
                        let mut pred = g.lemma.clone();
                        for h in &heads {
                            pred.push(' ');
                            pred.push_str(h);
                        }
                        pred.push(' ');
                        pred.push_str(&p);
                        out.push((pred, arg(e), false));
                    }
                }
                break;
            }
            Kind::Noun(h) => {
                if !out.is_empty() {
                    break;
                }
                heads.push(h.clone());
                prep = None;
            }
            Kind::Prep(p) => prep = Some(p.clone()),
            Kind::Pron(_) | Kind::Poss => {
                if !out.is_empty() {
                    break;
                }
                heads.push(String::new());
                heads.pop();
                prep = None;
                if matches!(u[k].kind, Kind::Pron(_)) {
                    break;
                }
            }
            Kind::Other => {}
        }
        k += 1;
    }
    out
}
