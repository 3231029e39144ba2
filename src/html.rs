//! HTML to text: keeps the visible article text, drops scripts, styles, navigation, headers,
//! footers and forms, decodes character references, and turns block elements into line breaks.

const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "head", "svg",
    "iframe", "template", "button", "select",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "blockquote",
    "title",
    "ul",
    "ol",
    "table",
    "hr",
    "main",
    "figcaption",
    "dd",
    "dt",
];

/// The title (from `<title>` or the first `<h1>`) and the visible text of an HTML page.
pub fn to_text(html: &str) -> (Option<String>, String) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title: Option<String> = None;
    let mut skip_depth: Vec<String> = Vec::new();
    let mut in_title = false;
    let mut title_buf = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_depth.is_empty() {
                push_text(&mut out, rest);
            }
            break;
        };
        let (text, after) = rest.split_at(lt);
        if skip_depth.is_empty() {
            push_text(&mut out, text);
        }
        if in_title {
            title_buf.push_str(text);
        }
        // a "<" that opens no tag ("rose by <5%", "a < b") is text
        let opens_tag = after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !opens_tag {
            if skip_depth.is_empty() {
                push_text(&mut out, "<");
            }
            if in_title {
                title_buf.push('<');
            }
            rest = &after[1..];
            continue;
        }
        // comments and declarations
        if after.starts_with("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        // a tag that never closes: the rest is text, not lost
        let Some(gt) = after.find('>') else {
            if skip_depth.is_empty() {
                push_text(&mut out, after);
            }
            break;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.ends_with('/');
        if name == "title" || name == "h1" {
            if closing && in_title {
                in_title = false;
                let t = decode_entities(title_buf.trim());
                if title.is_none() && !t.is_empty() {
                    title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                title_buf.clear();
            } else if !closing {
                in_title = true;
            }
        }
        if SKIP.contains(&name.as_str()) && !self_closing {
            if closing {
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                }
            } else {
                skip_depth.push(name.clone());
            }
            continue;
        }
        if skip_depth.is_empty() && BLOCK.contains(&name.as_str()) && !out.ends_with("\n\n") {
            out.push_str(if out.is_empty() { "" } else { "\n\n" });
        }
    }
    let mut text = decode_entities(&out);
    // collapse runs of blank lines and trim spaces at line ends
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut joined = String::with_capacity(text.len());
    let mut blank = true;
    for l in lines {
        if l.is_empty() {
            if !blank {
                joined.push('\n');
            }
            blank = true;
        } else {
            if !joined.is_empty() && !blank {
                joined.push('\n');
            }
            joined.push_str(l);
            joined.push('\n');
            blank = false;
        }
    }
    text = joined;
    (title, text)
}

fn push_text(out: &mut String, text: &str) {
    // whitespace inside HTML text collapses to one space
    let mut last_space = out.ends_with([' ', '\n']);
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

/// Decodes `&amp;`, `&#39;`, `&#x2019;` and the common named character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find('&') {
        out.push_str(&rest[..a]);
        let after = &rest[a + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                named(name)
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201D}',
        "ldquo" => '\u{201C}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "eacute" => 'é',
        "aacute" => 'á',
        "oacute" => 'ó',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_text_only() {
        let html = "<html><head><title>T &amp; U</title><script>var x=1;</script></head>\
            <body><nav>Home | News</nav><h1>T</h1><p>Hello&nbsp;<b>world</b> &#8217;s</p>\
            <footer>(c) site</footer></body></html>";
        let (title, text) = to_text(html);
        assert_eq!(title.as_deref(), Some("T & U"));
        assert!(text.contains("Hello\u{a0}world \u{2019}s"), "{text:?}");
        assert!(!text.contains("var x"));
        assert!(!text.contains("Home"));
        assert!(!text.contains("(c) site"));
    }

    #[test]
    fn broken_html_does_not_panic() {
        for s in [
            "<",
            "<p",
            "&",
            "&#xZZ;",
            "<!-- x",
            "<script>",
            "</p></p>",
            "&#99999999;",
        ] {
            let _ = to_text(s);
        }
    }

    #[test]
    fn a_bare_less_than_sign_is_text() {
        let (_, text) = to_text("<p>Profits rose by <5% as X bought Y.</p><p>a < b and c</p>");
        assert!(
            text.contains("Profits rose by <5% as X bought Y."),
            "{text:?}"
        );
        assert!(text.contains("a < b and c"), "{text:?}");
        // a tag that never closes keeps the text after it
        let (_, text) = to_text("<p>Shares fell.</p><p>More <b text that never closes");
        assert!(
            text.contains("Shares fell.") && text.contains("text that never closes"),
            "{text:?}"
        );
    }
}
