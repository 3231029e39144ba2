//! HTML to text with html5ever's tokenizer: keeps the visible article text, drops scripts,
//! styles, navigation, headers, footers and forms, decodes character references, and turns block
//! elements into line breaks.
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

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

/// What the tokenizer's tokens make: the visible text, the title, what is being skipped.
#[derive(Default)]
struct Sink {
    out: String,
    title: Option<String>,
    skip_depth: Vec<String>,
    in_title: bool,
    title_buf: String,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&mut self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(t) => {
                if self.skip_depth.is_empty() {
                    push_text(&mut self.out, &t);
                }
                if self.in_title {
                    self.title_buf.push_str(&t);
                }
            }
            Token::TagToken(tag) => return self.tag(&tag),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Sink {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let closing = tag.kind == TagKind::EndTag;
        if name == "title" || name == "h1" {
            if closing && self.in_title {
                self.in_title = false;
                let t = self.title_buf.trim().to_string();
                if self.title.is_none() && !t.is_empty() {
                    self.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                self.title_buf.clear();
            } else if !closing {
                self.in_title = true;
            }
        }
        if SKIP.contains(&name) && !tag.self_closing {
            if closing {
                if let Some(pos) = self.skip_depth.iter().rposition(|n| n == name) {
                    self.skip_depth.truncate(pos);
                }
            } else {
                self.skip_depth.push(name.to_string());
            }
        }
        if self.skip_depth.is_empty() && BLOCK.contains(&name) && !self.out.ends_with("\n\n") {
            self.out
                .push_str(if self.out.is_empty() { "" } else { "\n\n" });
        }
        // the contents of these elements are raw text for the tokenizer, as in a browser
        if !closing {
            let raw = match name {
                "script" => Some(RawKind::ScriptData),
                "style" | "iframe" | "noscript" | "xmp" | "noembed" | "noframes" => {
                    Some(RawKind::Rawtext)
                }
                "title" | "textarea" => Some(RawKind::Rcdata),
                _ => None,
            };
            if let Some(k) = raw {
                return TokenSinkResult::RawData(k);
            }
        }
        TokenSinkResult::Continue
    }
}

/// The title (from `<title>` or the first `<h1>`) and the visible text of an HTML page, read by
/// the HTML5 tokenizer of html5ever (tags, quoted attributes, character references, raw text as
/// a browser reads them). A tag that never closes at the end of the page keeps the text after it.
pub fn to_text(html: &str) -> (Option<String>, String) {
    // the tokenizer drops a tag left open at the end: that text is kept as text
    let cut = html
        .rfind('<')
        .filter(|&i| {
            !html[i..].contains('>')
                && html[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .unwrap_or(html.len());
    let mut queue = BufferQueue::new();
    queue.push_back(StrTendril::from_slice(&html[..cut]));
    let mut tok = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tok.feed(&mut queue);
    tok.end();
    let mut sink = tok.sink;
    if cut < html.len() && sink.skip_depth.is_empty() {
        push_text(&mut sink.out, &html[cut..]);
    }
    let (out, title) = (sink.out, sink.title);
    let mut text = out;
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
        // character references decoded; a no-break space is a space of the text
        assert!(text.contains("Hello world \u{2019}s"), "{text:?}");
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
    fn a_greater_than_sign_inside_an_attribute_stays_in_the_tag() {
        let (_, text) = to_text("<div title=\"a > b\">Xi Jinping met Vladimir Putin.</div>");
        assert_eq!(text.trim(), "Xi Jinping met Vladimir Putin.");
        let (_, text) =
            to_text("<p>a</p><script>if (a < b) { x = \"<p>no</p>\"; }</script><p>c</p>");
        assert!(!text.contains("no") && text.contains('c'), "{text:?}");
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
