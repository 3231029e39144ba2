//! The features of a candidate fact that the confidence model weighs: the pattern that made it
//! and its own confidence, the predicate and its words, the entity types, how each end was
//! resolved (its name, a pronoun, a default owner), the dependency path between the two ends
//! (its shape, the relations it crosses, the verbs on it), whether an end's name is cut out of a
//! longer name, their distance, the sentence's position and crowding, and how often the article
//! repeats it.
use super::candidates::{covered, ends, End, EndSource, LONG_PATH, PATH};
use super::paths::path;
use crate::doc::{Document, Pos, Relation};
use crate::hash::FastMap;
use crate::lexicon::Lexicon;
use crate::model::confidence::{emit, feat, number, sigmoid, FactModel, FeatureSink, Score};
use crate::pipeline::clauses::Tree;

fn bucket(n: usize, edges: &[usize]) -> usize {
    edges.iter().take_while(|&&e| n >= e).count()
}

/// The kind of a resolution reason ("\"he\" refers to ...", "... acts for ...").
fn reason_kind(reason: &str) -> &'static str {
    if reason.contains("refers to") {
        "pronoun"
    } else if reason.contains("is the speaker") {
        "speaker"
    } else if reason.contains("stands for") {
        "stands-for"
    } else if reason.contains("acts for") {
        "capital"
    } else if reason.contains("with no owner") {
        "default-owner"
    } else if reason.contains("named before") {
        "anaphor"
    } else {
        "other"
    }
}

/// The shape of a dependency path (`top`: the index of its highest token), as relations (↑
/// towards the top, ↓ away from it) and the tags of the tokens in between: "nsubj↑VERB↓obj".
fn path_shape(doc: &Document, p: &[usize], top: usize) -> String {
    if p.len() > 6 {
        return "long".into();
    }
    let mut out = String::new();
    for (k, &i) in p.iter().enumerate() {
        if k > 0 && k < p.len() - 1 {
            out.push_str(doc.tokens[i].pos.as_str());
        }
        if k < top {
            out.push_str(doc.tokens[i].dep.as_str());
            out.push('↑');
        } else if k < p.len() - 1 {
            out.push('↓');
            out.push_str(doc.tokens[p[k + 1]].dep.as_str());
        }
    }
    out
}

/// Whether the name of an end is cut out of a longer name: the word right after it (a capital
/// or a number: "Area" of "Area 51") or right before it (a proper noun that is no title:
/// "Storm" before "Area 51") is joined to it by the parse.
fn cut(doc: &Document, e: &End) -> bool {
    let Some(m) = e.mention else {
        return false;
    };
    let m = &doc.mentions[m];
    let sent = &doc.sentences[m.sentence].tokens;
    let (a, b) = (m.tokens.start, m.tokens.end);
    // x hangs from the name, or a word of the name hangs from x
    let joined = |x: usize| {
        doc.tokens[x]
            .head
            .is_some_and(|h| (a..b).contains(&(h as usize)))
            || (a..b).any(|i| doc.tokens[i].head == Some(x as u32))
    };
    let after = b < sent.end && {
        let t = &doc.tokens[b];
        let w = doc.token_text(b);
        (t.pos == Pos::NUM || (t.pos == Pos::PROPN && w.starts_with(char::is_uppercase)))
            && joined(b)
    };
    let in_title = |x: usize| m.title_span.as_ref().is_some_and(|r| r.contains(&x));
    let before = a > sent.start && {
        let x = a - 1;
        doc.tokens[x].pos == Pos::PROPN
            && doc.token_text(x).starts_with(char::is_uppercase)
            && !in_title(x)
            && joined(x)
    };
    after || before
}

/// The features of the dependency path `p` between a candidate's two ends (`top`: the index of
/// its highest token): its shape alone and with the rule, its length in edges alone and with
/// the rule, what it crosses whatever its length (each relation on it once: a clause boundary,
/// "ccomp", "advcl", "acl:relcl", most of all) and how many verbs lie between the ends.
fn path_features(doc: &Document, p: &[usize], top: usize, rule: &str, f: &mut impl FeatureSink) {
    let shape = path_shape(doc, p, top);
    feat!(f, "rule-path=", rule, "|", shape);
    feat!(f, "path=", shape);
    // the path's length, which a rare shape shares with the others of its length
    let edges = (p.len() - 1).min(7);
    feat!(f, "edges=", number(edges));
    feat!(f, "rule-edges=", rule, "|", number(edges));
    let mut deps: Vec<&str> = p
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != top)
        .map(|(_, &i)| doc.tokens[i].dep.as_str())
        .collect();
    deps.sort_unstable();
    deps.dedup();
    for d in deps {
        feat!(f, "pdep=", d);
    }
    // between the ends: none when both ends hang from the same token (a path of one)
    let verbs = p
        .get(1..p.len().saturating_sub(1))
        .unwrap_or_default()
        .iter()
        .filter(|&&i| doc.tokens[i].pos == Pos::VERB)
        .count();
    feat!(f, "pverbs=", number(verbs.min(3)));
}

/// Feature strings of every relation of a document, in the order of `doc.relations` (what the
/// model is trained on).
pub fn features(doc: &Document, lx: &Lexicon) -> Vec<Vec<String>> {
    each_relation(doc, lx, Vec::new(), || Vec::with_capacity(32))
}

/// Each sentence's tree and entity ends, where already built (None: built when needed).
pub(super) type Trees = Vec<Option<(std::rc::Rc<Tree>, Vec<End>)>>;

/// The model's probability of every relation of a document, in the order of `doc.relations`:
/// [`FactModel::probability`] of its [`features`], summed from their hashes without building
/// their text. `trees`: the sentences' trees and ends the candidates were found with.
pub(super) fn probabilities(
    doc: &Document,
    lx: &Lexicon,
    model: &FactModel,
    trees: Trees,
) -> Vec<f32> {
    each_relation(doc, lx, trees, || Score { model, z: 0.0 })
        .into_iter()
        .map(|s| sigmoid(model.bias() + s.z))
        .collect()
}

/// The features of every relation of a document, each handed to a new sink of `sink`.
fn each_relation<S: FeatureSink>(
    doc: &Document,
    lx: &Lexicon,
    mut trees: Trees,
    sink: impl Fn() -> S,
) -> Vec<S> {
    trees.resize_with(doc.sentences.len(), || None);
    let mut mentions = vec![0usize; doc.entities.len()];
    for m in &doc.mentions {
        if let Some(e) = m.entity {
            mentions[e] += 1;
        }
    }
    let mut repeats: FastMap<(usize, &str, usize), usize> = FastMap::default();
    let mut pairs: FastMap<(usize, usize, usize), usize> = FastMap::default();
    for r in &doc.relations {
        *repeats
            .entry((r.subject, r.predicate.as_str(), r.object))
            .or_default() += 1;
        *pairs.entry(pair_key(r)).or_default() += 1;
    }
    let counts = Counts { repeats, pairs };
    let mut out = Vec::with_capacity(doc.relations.len());
    for r in &doc.relations {
        let s = r.sentence;
        if trees[s].is_none() {
            let range = doc.sentences[s].tokens.clone();
            let t = std::rc::Rc::new(Tree::new(doc, range.start, range.end));
            let e = ends(doc, lx, &t, s, &covered(doc, &t, s));
            trees[s] = Some((t, e));
        }
        let (t, es) = trees[s].as_ref().expect("filled above");
        let mut f = sink();
        one(doc, lx, r, (t, es.as_slice()), &mentions, &counts, &mut f);
        out.push(f);
    }
    out
}

/// How often each (subject, predicate, object) occurs in the article, and how many relations
/// each sentence gives each pair of entities.
struct Counts<'a> {
    repeats: FastMap<(usize, &'a str, usize), usize>,
    pairs: FastMap<(usize, usize, usize), usize>,
}

fn pair_key(r: &Relation) -> (usize, usize, usize) {
    (r.sentence, r.subject.min(r.object), r.subject.max(r.object))
}

fn one(
    doc: &Document,
    lx: &Lexicon,
    r: &Relation,
    (t, ends): (&Tree, &[End]),
    mentions: &[usize],
    counts: &Counts,
    f: &mut impl FeatureSink,
) {
    let rule = r.rule;
    let (st, ot) = (
        doc.entities[r.subject].kind.as_str(),
        doc.entities[r.object].kind.as_str(),
    );
    let pred = r.predicate.to_lowercase();
    feat!(f, "rule=", rule);
    // the family of the construction ("verb" of "verb oblique"), so that rare ones share what
    // their family learnt
    let family = rule.split([' ', '-']).next().unwrap_or(rule);
    feat!(f, "family=", family);
    feat!(f, "family-types=", family, "|", st, ">", ot);
    if rule != PATH && rule != LONG_PATH {
        emit!(f, "rconf={:.1}", r.confidence);
    }
    feat!(f, "types=", st, ">", ot);
    feat!(f, "rule-types=", rule, "|", st, ">", ot);
    // the words of a long path's predicate are weighed apart: most long paths are wrong, and
    // their words would take the trust of the same words on short paths ("born in")
    let lex = if rule == LONG_PATH { "long-" } else { "" };
    feat!(f, lex, "pred=", pred);
    let words: Vec<&str> = pred.split_whitespace().collect();
    for w in &words {
        feat!(f, lex, "pw=", w);
    }
    feat!(f, "pn=", number(bucket(words.len(), &[2, 3, 4])));
    // a role noun in the predicate ("scholar", "vice president at"): a fact of who holds which
    // role where, whatever the noun
    if words.iter().any(|w| lx.is_title(w)) {
        feat!(f, lex, "role-types=", st, ">", ot);
    }
    if let Some(first) = words.first() {
        if let Some(c) = lx.verb_class(first) {
            emit!(f, "{lex}vclass={c:?}");
        }
        feat!(f, lex, "p1-types=", first, "|", st, ">", ot);
    }
    if let Some(last) = words.last() {
        feat!(f, lex, "plast=", last);
    }
    if r.negated {
        feat!(f, "negated");
    }
    if r.hedged {
        feat!(f, "hedged");
    }
    if r.attributed_to.is_some() {
        feat!(f, "attributed");
    }
    if let Some(reason) = &r.reason {
        for part in reason.split("; ") {
            feat!(f, "why=", reason_kind(part));
        }
    }
    let sent = &doc.sentences[r.sentence];
    feat!(f, "sent=", number(bucket(r.sentence, &[1, 2, 5, 10])));
    if sent.headline {
        feat!(f, "headline");
    }
    feat!(f, "ends=", number(bucket(ends.len(), &[3, 4, 6, 9])));
    for (e, side) in [(r.subject, "s"), (r.object, "o")] {
        feat!(
            f,
            side,
            "men=",
            number(bucket(mentions.get(e).copied().unwrap_or(0), &[1, 2, 4, 8]))
        );
        let name = &doc.entities[e].name;
        if !name.contains(' ') {
            feat!(f, side, "oneword");
        }
    }
    // the two ends in the sentence nearest each other
    let best = ends
        .iter()
        .filter(|a| a.entity == r.subject)
        .flat_map(|a| {
            ends.iter()
                .filter(|b| b.entity == r.object)
                .map(move |b| (a, b))
        })
        .min_by_key(|(a, b)| a.head.abs_diff(b.head));
    match best {
        None => {
            let sin = ends.iter().any(|a| a.entity == r.subject);
            let oin = ends.iter().any(|a| a.entity == r.object);
            feat!(
                f,
                "absent=",
                number(usize::from(!sin)),
                number(usize::from(!oin))
            );
        }
        Some((a, b)) => {
            feat!(
                f,
                "dist=",
                number(bucket(a.head.abs_diff(b.head), &[2, 4, 8, 16]))
            );
            feat!(f, "order=", if a.head < b.head { "so" } else { "os" });
            for (e, side) in [(a, "s"), (b, "o")] {
                if let Some(m) = e.found_by(doc) {
                    emit!(f, "{side}found={m:?}");
                }
                if cut(doc, e) {
                    feat!(f, side, "cut");
                }
                match e.source {
                    EndSource::Pronoun => feat!(f, side, "pron"),
                    EndSource::Demonym => feat!(f, side, "demonym"),
                    EndSource::ThingPronoun => feat!(f, side, "itpron"),
                    EndSource::Name => {}
                }
            }
            if let Some((p, top)) = path(doc, t, a.top, b.top) {
                path_features(doc, &p, top, rule, f);
            }
        }
    }
    let repeats = counts
        .repeats
        .get(&(r.subject, r.predicate.as_str(), r.object))
        .copied()
        .unwrap_or(1);
    feat!(f, "repeat=", number(bucket(repeats, &[2, 3])));
    let pair = counts.pairs.get(&pair_key(r)).copied().unwrap_or(1);
    feat!(f, "pair=", number(bucket(pair, &[2, 3])));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_text;
    use crate::testing::{lexicon, pipeline};

    /// The features of each candidate of a text, by (subject, predicate, object).
    fn features_of(text: &str) -> Vec<((String, String, String), Vec<String>)> {
        let mut d = from_text("t", text);
        pipeline().annotate_candidates(&mut d);
        let fs = features(&d, lexicon());
        d.relations
            .iter()
            .zip(fs)
            .map(|(r, f)| {
                let key = (
                    d.entities[r.subject].name.clone(),
                    r.predicate.clone(),
                    d.entities[r.object].name.clone(),
                );
                (key, f)
            })
            .collect()
    }

    #[test]
    fn a_path_says_which_relations_it_crosses_and_how_many_verbs() {
        // "said" takes a complement clause: a fact across it crosses "ccomp" and two verbs
        let all = features_of("Jane Roe said that Ana Ruiz visited Lima.");
        let (_, f) = all
            .iter()
            .find(|(k, _)| k.0 == "Jane Roe" && k.2 == "Lima")
            .unwrap_or_else(|| panic!("{all:?}"));
        assert!(f.iter().any(|x| x == "pdep=ccomp"), "{f:?}");
        assert!(f.iter().any(|x| x == "pverbs=2"), "{f:?}");
        // a fact of one clause crosses none
        let (_, f) = all
            .iter()
            .find(|(k, _)| k.0 == "Ana Ruiz" && k.2 == "Lima")
            .unwrap_or_else(|| panic!("{all:?}"));
        assert!(!f.iter().any(|x| x == "pdep=ccomp"), "{f:?}");
        assert!(f.iter().any(|x| x == "pverbs=1"), "{f:?}");
    }

    #[test]
    fn a_path_of_one_token_has_no_verbs_between_its_ends() {
        // two ends whose phrases hang from the same token: a path of one token, no edge
        let mut d = from_text("t", "Ana Ruiz visited Lima.");
        pipeline().annotate_candidates(&mut d);
        let mut f = Vec::new();
        path_features(&d, &[2], 0, "path", &mut f);
        assert!(f.iter().any(|x| x == "pverbs=0"), "{f:?}");
        assert!(f.iter().any(|x| x == "edges=0"), "{f:?}");
    }

    #[test]
    fn an_end_whose_name_is_cut_out_of_a_longer_name_is_marked() {
        // the recogniser finds "Area" without its number, a cut name; whole names are not
        let all = features_of("Ana Ruiz visited Area 51 in Nevada.");
        let mut cuts = 0;
        for (k, f) in &all {
            let side = |x: &str| f.iter().any(|y| y == x);
            assert_eq!(side("scut"), k.0 == "Area", "{k:?} {f:?}");
            assert_eq!(side("ocut"), k.2 == "Area", "{k:?} {f:?}");
            cuts += side("scut") as usize + side("ocut") as usize;
        }
        assert!(cuts > 0, "{all:?}");
    }
}
