//! Compiling the pattern text: each pattern's header, nodes and fact line read and checked, an
//! unknown relation, tag, type or class an error naming the line (not a pattern that silently
//! matches nothing).
use super::{Example, Link, Node, Pattern, Piece};
use crate::doc::{Dep, EntityType, Pos};
use crate::lexicon::WordClass;

/// Compiles pattern text; the error names the line and what is wrong.
pub fn parse(text: &'static str) -> Result<Vec<Pattern>, String> {
    let mut out: Vec<Pattern> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |m: String| format!("patterns line {}: {m}", n + 1);
        let (key, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        if key == "pattern" {
            if rest.is_empty() || out.iter().any(|p| p.id == rest) {
                return Err(err(format!("a pattern needs a new id, not {rest:?}")));
            }
            out.push(Pattern {
                id: rest,
                about: "",
                nodes: Vec::new(),
                subject: usize::MAX,
                predicate: Vec::new(),
                object: usize::MAX,
                examples: Vec::new(),
            });
            continue;
        }
        let p = out
            .last_mut()
            .ok_or_else(|| err("a line before the first 'pattern'".into()))?;
        match key {
            "about" => p.about = rest,
            "node" => {
                let node = parse_node(rest, &p.nodes).map_err(err)?;
                p.nodes.push(node);
            }
            "fact" => {
                let (s, pred, o) = three(rest).ok_or_else(|| {
                    err("fact needs: SUBJECT-NODE \"predicate\" OBJECT-NODE".into())
                })?;
                let node = |name: &str| {
                    p.nodes
                        .iter()
                        .position(|x| x.name == name)
                        .ok_or_else(|| err(format!("no node {name:?}")))
                };
                p.subject = node(s)?;
                p.object = node(o)?;
                if p.nodes[p.subject].entity.is_none() || p.nodes[p.object].entity.is_none() {
                    return Err(err("a fact's subject and object must be ent= nodes".into()));
                }
                p.predicate = pred
                    .split_whitespace()
                    .map(
                        |w| match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                            Some(name) => match name.strip_suffix(":verb") {
                                Some(name) => node(name).map(Piece::Verb),
                                None => node(name).map(Piece::Lemma),
                            },
                            None => Ok(Piece::Word(w)),
                        },
                    )
                    .collect::<Result<_, _>>()?;
            }
            "example" => {
                let (text, fact) = rest.split_once("=>").ok_or_else(|| {
                    err("example needs: SENTENCE => subject | predicate | object".into())
                })?;
                let f: Vec<&str> = fact.split('|').map(str::trim).collect();
                if f.len() != 3 {
                    return Err(err(
                        "an example's fact is subject | predicate | object".into()
                    ));
                }
                p.examples.push(Example {
                    text: text.trim(),
                    fact: (f[0], f[1], f[2]),
                });
            }
            _ => return Err(err(format!("unknown line {key:?}"))),
        }
    }
    for p in &out {
        if p.subject == usize::MAX || p.about.is_empty() || p.examples.is_empty() {
            return Err(format!(
                "pattern {}: needs an about line, a fact line and at least one example",
                p.id
            ));
        }
    }
    Ok(out)
}

/// `a "words" b`.
fn three(s: &'static str) -> Option<(&'static str, &'static str, &'static str)> {
    let (a, rest) = s.split_once('"')?;
    let (pred, b) = rest.split_once('"')?;
    Some((a.trim(), pred.trim(), b.trim()))
}

fn parse_node(s: &'static str, before: &[Node]) -> Result<Node, String> {
    let mut parts = s.split_whitespace();
    let name = parts.next().ok_or("a node needs a name")?;
    let mut node = Node {
        name,
        link: Link::Free,
        entity: None,
        lemma: Vec::new(),
        pos: Vec::new(),
        dep: Vec::new(),
        class: None,
        case: Vec::new(),
        title: false,
        event: false,
        agent: false,
        notlist: false,
        country: None,
        state: None,
        prev: Vec::new(),
        after: None,
    };
    let earlier = |v: &str| {
        before
            .iter()
            .position(|n| n.name == v)
            .ok_or(format!("node {name}: no earlier node {v:?}"))
    };
    for part in parts {
        if part == "title" {
            node.title = true;
            continue;
        }
        if part == "event" {
            node.event = true;
            continue;
        }
        if part == "agent" {
            node.agent = true;
            continue;
        }
        if part == "notlist" {
            node.notlist = true;
            continue;
        }
        if part == "country" || part == "notcountry" {
            node.country = Some(part == "country");
            continue;
        }
        if part == "state" || part == "notstate" {
            node.state = Some(part == "state");
            continue;
        }
        let (k, v) = part
            .split_once('=')
            .ok_or(format!("node {name}: {part:?} is not key=value"))?;
        let vals = || v.split(',');
        match k {
            "ent" => {
                node.entity = Some(
                    vals()
                        .map(|t| EntityType::parse(t).ok_or(format!("unknown type {t:?}")))
                        .collect::<Result<_, _>>()?,
                )
            }
            "lemma" => node.lemma = vals().collect(),
            "pos" => {
                node.pos = vals()
                    .map(|t| Pos::parse(t).ok_or(format!("unknown tag {t:?}")))
                    .collect::<Result<_, _>>()?
            }
            "dep" => {
                node.dep = vals()
                    .map(|d| Dep::parse(d).ok_or(format!("unknown relation {d:?}")))
                    .collect::<Result<_, _>>()?
            }
            "class" => {
                node.class = Some(WordClass::parse(v).ok_or(format!("unknown class {v:?}"))?)
            }
            "case" => node.case = vals().collect(),
            // "comma" for "," (a comma separates alternatives)
            "prev" => node.prev = vals().map(|w| if w == "comma" { "," } else { w }).collect(),
            "head" => node.link = Link::ChildOf(earlier(v)?),
            "after" => node.after = Some(earlier(v)?),
            "over" => node.link = Link::HeadOf(earlier(v)?),
            _ => return Err(format!("node {name}: unknown key {k:?}")),
        }
    }
    if !before.is_empty() && node.link == Link::Free && node.after.is_none() {
        return Err(format!(
            "node {name}: needs head=, over= or after= an earlier node"
        ));
    }
    Ok(node)
}
