//! Verb relations: subject-verb-object with prepositions, coordinated and reciprocal subjects,
//! relative and inverted subjects ("..., says Zelenskiy"), pronouns and quotation speakers.
use super::{arg, as_actor, ent_of, push, unit_ent, Arg, Ctx, Flags};
use crate::doc::Document;
use crate::pipeline::coref::pronoun_antecedent;
use crate::pipeline::units::{Form, Kind, Unit, VerbGroup};

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

pub(super) fn verbs(doc: &mut Document, cx: &mut Ctx) {
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
