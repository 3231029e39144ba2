//! Role relations from titles: "NATO Secretary General Jens Stoltenberg" is secretary general of
//! NATO; appositions such as "Donald Tusk, former Prime Minister of Poland".
use super::Arg;
use super::{arg, ent_of, push, Ctx, Flags};
use crate::doc::{Document, EntityType, MentionSource};
use crate::lexicon::Lexicon;
use crate::lexicon::WordClass;

/// Roles from titles: "NATO Secretary General Jens Stoltenberg", "Spanish Prime Minister Pedro
/// Sanchez", "Donald Tusk, former Prime Minister of Poland", "the mayor of Gdańsk, Paweł Adamowicz".
pub(super) fn roles(doc: &mut Document, cx: &mut Ctx) {
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
        // "Republican Senator Ted Cruz": a legislator is a member of his party
        let predicate = if cx.lx.in_class(WordClass::MemberTitle, &title)
            && is_party(cx.lx, &doc.entities[o].name)
        {
            "member of".to_string()
        } else {
            format!("{title} of")
        };
        push(
            cx,
            &subj,
            predicate,
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

/// Whether an entity name is a party's: "Labour Party", or "Republican" (the adjective of a known
/// "Republican Party").
fn is_party(lx: &Lexicon, name: &str) -> bool {
    let name = name.to_lowercase();
    name.rsplit(' ')
        .next()
        .is_some_and(|w| lx.in_class(WordClass::PartySuffix, w))
        || lx
            .gazetteer(&format!("{name} party"))
            .is_some_and(|g| g.kind == EntityType::ORG)
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
                && lx.in_class(WordClass::PlaceNoun, &doc.token_text(a + 1).to_lowercase())
                && doc.token_text(a + 2).eq_ignore_ascii_case("of")
            {
                a += 3;
            }
            return Some((key, a));
        }
    }
    None
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
            has(&f, "Francis Rooney", "member of", "Republican"),
            "{f:?}"
        );
        assert!(!f.iter().any(|x| x.1 == "representative of"), "{f:?}");
        assert!(
            has(&f, "Pedro Sanchez", "prime minister of", "Spain"),
            "{f:?}"
        );
    }
}
