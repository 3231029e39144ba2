//! Relations from event nouns: "Russia's invasion of Ukraine", "supplies from China to Russia",
//! "the Ukraine-China meeting", with the polarity of the clause that governs them.
use super::{arg, as_actor, push, unit_ent, Ctx, Flags};
use crate::doc::Document;
use crate::lexicon::WordClass;
use crate::lexicon::{Lexicon, NominalKind};
use crate::pipeline::units::{Kind, Unit, VerbGroup};

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
    (u.start..u.end).any(|i| lx.in_class(WordClass::HedgeAdv, &doc.token_text(i).to_lowercase()))
}

/// Event nouns: "X's invasion of Y", "supplies from X to Y", "the X-Y meeting".
pub(super) fn nominals(doc: &mut Document, cx: &mut Ctx) {
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
        let flags = Flags {
            negated: neg,
            hedged: hedge,
            attributed: cx.speaker,
        };
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
                            push(cx, &sx, verb.to_string(), &sy, flags, 0.75, "event noun");
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
                        push(cx, &sx, verb.to_string(), &sy, flags, 0.7, "event noun");
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
                            flags,
                            0.6,
                            "event noun",
                        );
                    }
                }
            }
        }
    }
}
