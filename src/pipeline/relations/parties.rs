//! Party membership from the words around a list of names, read from the tokens: "Senators A of
//! Florida, B of Utah, and C of Georgia, all Republicans" (each is a member), "some Democrats,
//! such as former Representative Beto O'Rourke" and "X and fellow Republican Y" (X is one too).
use super::{arg, push, Ctx, Flags};
use crate::doc::{Document, EntityType};

/// Whether mention `m` names a political party.
fn is_party(doc: &Document, cx: &Ctx, m: usize) -> bool {
    doc.mentions[m].entity.is_some_and(|e| {
        doc.entities[e].kind == EntityType::ORG && cx.lx.is_party(&doc.entities[e].name)
    })
}

/// The people of a list of names that ends right before token `end` (exclusive): names, their
/// titles and "of Place" phrases, commas and "and", read backwards until anything else.
pub(super) fn list_before(doc: &Document, cx: &Ctx, end: usize) -> Vec<usize> {
    let mut people = Vec::new();
    let mut k = end;
    while k > cx.start {
        let i = k - 1;
        if let Some(m) = cx.mention_covering(i) {
            let men = &doc.mentions[m];
            if men.kind == EntityType::PER {
                people.push(m);
            } else if !(men.tokens.start > cx.start
                && doc
                    .token_text(men.tokens.start - 1)
                    .eq_ignore_ascii_case("of"))
            {
                break;
            }
            k = men
                .title_span
                .as_ref()
                .map_or(men.tokens.start, |t| t.start.min(men.tokens.start));
            // "of" before a place ("Marco Rubio of Florida")
            if men.kind != EntityType::PER && k > cx.start {
                k -= 1;
            }
            continue;
        }
        match doc.token_text(i).to_lowercase().as_str() {
            "," | "and" => k -= 1,
            _ => break,
        }
    }
    people
}

/// The people named right after token `k`: "[former] [Title] NAME[, NAME] [and NAME]".
fn list_after(doc: &Document, cx: &Ctx, k: usize) -> Vec<usize> {
    let end = doc.sentences[cx.s].tokens.end;
    let mut people = Vec::new();
    let mut i = k;
    while i < end {
        if let Some(m) = cx.mention_covering(i) {
            if doc.mentions[m].kind != EntityType::PER {
                break;
            }
            people.push(m);
            i = doc.mentions[m].tokens.end;
            continue;
        }
        let w = doc.token_text(i).to_lowercase();
        let title = doc.tokens[i].pos == crate::doc::Pos::PROPN || cx.lx.is_title(&w);
        if matches!(w.as_str(), "," | "and" | "former" | "the") || (title && people.is_empty()) {
            i += 1;
            continue;
        }
        break;
    }
    people
}

/// Party memberships stated around lists of names in sentence `cx.s`.
pub(super) fn parties(doc: &mut Document, cx: &mut Ctx) {
    let r = doc.sentences[cx.s].tokens.clone();
    let ms: Vec<usize> = doc
        .mentions_in(cx.s)
        .filter(|&m| is_party(doc, cx, m))
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for &p in &ms {
        let a = doc.mentions[p].tokens.start;
        let b = doc.mentions[p].tokens.end;
        let before = |n: usize| (a >= r.start + n).then(|| doc.token_text(a - n).to_lowercase());
        // "..., all Republicans", "..., both Democrats"
        if matches!(before(1).as_deref(), Some("all" | "both")) && before(2).as_deref() == Some(",")
        {
            for m in list_before(doc, cx, a - 2) {
                found.push((m, p));
            }
        }
        // "and fellow Republican Y": the name before "and" is one too
        if before(1).as_deref() == Some("fellow") && before(2).as_deref() == Some("and") {
            if let Some(m) = cx.mention_covering(a - 3).filter(|&m| {
                doc.mentions[m].kind == EntityType::PER && doc.mentions[m].tokens.end == a - 2
            }) {
                found.push((m, p));
            }
        }
        // "some Democrats, such as X", "Republicans including X"
        let mut k = b;
        if k < r.end && doc.token_text(k) == "," {
            k += 1;
        }
        let such_as = k + 1 < r.end
            && doc.token_text(k).eq_ignore_ascii_case("such")
            && doc.token_text(k + 1).eq_ignore_ascii_case("as");
        let including = k < r.end && doc.token_text(k).eq_ignore_ascii_case("including");
        let plural = doc.token_text(b - 1).ends_with('s');
        if plural && (such_as || including) {
            let from = if such_as { k + 2 } else { k + 1 };
            for m in list_after(doc, cx, from) {
                found.push((m, p));
            }
        }
    }
    let flags = Flags {
        negated: false,
        hedged: false,
        attributed: None,
    };
    for (m, p) in found {
        if let (Some(pe), Some(pa)) = (doc.mentions[m].entity, doc.mentions[p].entity) {
            push(
                cx,
                &arg(pe),
                "member of".into(),
                &arg(pa),
                flags,
                0.8,
                "party list",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, rels};

    #[test]
    fn all_of_a_list_share_the_party_named_after_it() {
        let f = rels(
            "The letter was signed by Senators John Hale of Ohio, Mary Ross of Iowa, and \
             Tom Reed of Idaho, all Democrats.",
        );
        for who in ["John Hale", "Mary Ross", "Tom Reed"] {
            assert!(has(&f, who, "member of", "Democratic Party"), "{who} {f:?}");
        }
    }

    #[test]
    fn such_as_and_fellow_name_members() {
        let f = rels(
            "Some Republicans, such as former Representative Will Hurd, criticized the plan. \
             Governor Tim Walz and fellow Democrat Senator Amy Klobuchar visited the plant.",
        );
        assert!(
            has(&f, "Will Hurd", "member of", "Republican Party"),
            "{f:?}"
        );
        assert!(
            has(&f, "Tim Walz", "member of", "Democratic Party"),
            "{f:?}"
        );
        assert!(
            has(&f, "Amy Klobuchar", "member of", "Democratic Party"),
            "{f:?}"
        );
    }
}
