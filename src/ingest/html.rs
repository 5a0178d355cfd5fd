//! HTML pages: recognise them and extract the article text with `dom_smoothie` (a port of
//! Mozilla's readability.js). The result is plain text with blank lines between paragraphs:
//! entities are decoded by the HTML parser, scripts and styles never reach the text, and
//! nothing downstream ever interprets the text as HTML again.

use dom_smoothie::{Config, Readability, TextMode};

/// Extensions that mark a file as HTML whatever its content.
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml"];

/// Below this many characters, readability's result is treated as a miss and the plain
/// text-of-body fallback is tried.
const MIN_ARTICLE_CHARS: usize = 80;

/// Whether `path` has an HTML extension.
pub(crate) fn has_html_extension(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| HTML_EXTENSIONS.iter().any(|h| e.eq_ignore_ascii_case(h)))
}

/// Whether the first KB of `bytes` looks like HTML: a doctype or `<html>`, `<head>`, `<body>`
/// tag near the start, or a high density of tags.
pub(crate) fn sniff(bytes: &[u8]) -> bool {
    // Every sign below is a `<`: a page without one in its first KB (every plain-text article,
    // nearly) is told from HTML by one search instead of a lowercased copy and three scans.
    crate::bytescan::contains_any(&bytes[..bytes.len().min(1024)], [b'<']) && sniff_markup(bytes)
}

/// [`sniff`] without its shortcut.
fn sniff_markup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let trimmed = lower
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&lower[..0], |i| &lower[i..]);
    let trimmed = trimmed.strip_prefix(b"\xef\xbb\xbf").unwrap_or(trimmed);
    if trimmed.starts_with(b"<!doctype html")
        || trimmed.starts_with(b"<?xml") && contains(&lower, b"<html")
    {
        return true;
    }
    // `<html>` etc. count only in a file that starts with markup: a plain-text article may
    // well mention a tag in its first KB.
    if trimmed.first() == Some(&b'<')
        && [&b"<html"[..], b"<head", b"<body"]
            .iter()
            .any(|t| contains(&lower, t))
    {
        return true;
    }
    // Tag density: many `<tag` / `</tag` sequences in the first KB.
    let tags = lower
        .windows(2)
        .filter(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        .count();
    tags >= 10 || (trimmed.first() == Some(&b'<') && tags >= 3)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Text and metadata extracted from a page.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    /// Paragraphs separated by blank lines, starting with the title when there is one.
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub warnings: Vec<String>,
}

/// Extract the article from an HTML page; `None` when the page has no text at all.
pub(crate) fn extract(html: &str) -> Option<Extracted> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut out = Extracted::default();
    let flattened = flatten_deep(html);
    if flattened.is_some() {
        out.warnings.push(format!(
            "elements nest more than {MAX_NESTING} levels deep; the deeper tags were ignored"
        ));
    }
    let html = flattened.as_deref().unwrap_or(html);
    let mut title = None;
    let mut body = None;
    if let Ok(mut r) = Readability::new(html, None, Some(cfg)) {
        let meta = r.get_article_metadata(None);
        title = non_empty(&meta.title);
        out.published = meta.published_time.as_deref().and_then(non_empty);
        if let Ok(article) = r.parse() {
            if let Some(t) = non_empty(&article.title) {
                title = Some(t);
            }
            if out.published.is_none() {
                out.published = article.published_time.as_deref().and_then(non_empty);
            }
            let text = article.text_content.to_string();
            if text.trim().chars().count() >= MIN_ARTICLE_CHARS {
                body = Some(text);
            }
        }
    }
    let body = match body {
        Some(b) => b,
        None => {
            let b = body_text(html)?;
            out.warnings
                .push("no article found by readability; used the text of the whole page".into());
            b
        }
    };
    let mut text = String::with_capacity(body.len() + 256);
    if let Some(t) = &title {
        let first_line = body.trim_start().lines().next().unwrap_or("");
        let starts_with_title = crate::text::collapse_whitespace(first_line) == *t;
        if !starts_with_title {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    text.push_str(body.trim());
    text.push('\n');
    out.title = title;
    out.text = text;
    Some(out)
}

/// Deepest element nesting handed to the HTML parser. The parser and readability both do work
/// proportional to the depth for every element, so a hostile page of 200,000 nested `<div>`s
/// never finished (3,000 took 18 s); real articles nest a few dozen levels.
const MAX_NESTING: usize = 256;

/// Elements that never have an end tag, so they do not nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text (may contain `<`), skipped to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// `html` without the start and end tags nested deeper than [`MAX_NESTING`] (their text is
/// kept), or `None` when the page is not that deep. Depth is estimated from the tags alone (void
/// elements and `<x/>` do not nest; unclosed `<p>` or `<li>` make it over-estimate, which only
/// matters for pages that are near the limit anyway). One linear pass when nothing is deep.
fn flatten_deep(html: &str) -> Option<String> {
    // Tags deeper than the limit, as byte ranges, in order.
    let mut deep: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    scan_tags(html, |start, end, kind| match kind {
        Tag::Open => {
            depth += 1;
            if depth > MAX_NESTING {
                deep.push((start, end));
            }
        }
        Tag::Close => {
            if depth > MAX_NESTING {
                deep.push((start, end));
            }
            depth = depth.saturating_sub(1);
        }
        Tag::Other => {}
    });
    if deep.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    for (start, end) in deep {
        out.push_str(&html[pos..start]);
        pos = end;
    }
    out.push_str(&html[pos..]);
    Some(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Open,
    Close,
    /// Void, self-closing, comment, doctype, processing instruction.
    Other,
}

/// Call `out(start, end, kind)` for the byte range of every tag of `html`, in order (a lenient
/// tokenizer: quotes inside attributes are not tracked, raw-text elements are skipped to their
/// end tag). Streaming, so a 200 MB page costs no extra memory.
fn scan_tags(html: &str, mut out: impl FnMut(usize, usize, Tag)) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        let start = i + off;
        let next = b.get(start + 1).copied().unwrap_or(0);
        if b[start..].starts_with(b"<!--") {
            let end = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            out(start, end, Tag::Other);
            i = end;
            continue;
        }
        let Some(gt) = b[start..]
            .iter()
            .position(|&c| c == b'>')
            .map(|g| start + g)
        else {
            break;
        };
        let end = gt + 1;
        let (close, name_at) = if next == b'/' {
            (true, start + 2)
        } else {
            (false, start + 1)
        };
        let name_end = b[name_at..gt]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/')
            .map_or(gt, |n| name_at + n);
        let name = html[name_at..name_end].to_ascii_lowercase();
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            out(start, end, Tag::Other);
            i = end;
            continue;
        }
        if close {
            out(start, end, Tag::Close);
            i = end;
        } else if VOID.contains(&name.as_str()) || b[gt - 1] == b'/' {
            out(start, end, Tag::Other);
            i = end;
        } else if RAW_TEXT.contains(&name.as_str()) {
            // the element cannot nest: skip its text, count it as one void tag
            let close_tag = format!("</{name}");
            let stop = find_ascii_ci(b, end, close_tag.as_bytes()).unwrap_or(b.len());
            let stop_end = b[stop..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |g| stop + g + 1);
            out(start, end, Tag::Other);
            i = stop_end;
        } else {
            out(start, end, Tag::Open);
            i = end;
        }
    }
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ascii_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Fallback: the text of `<body>` without scripts, styles, navigation, headers, footers,
/// asides and forms. `None` when nothing is left.
fn body_text(html: &str) -> Option<String> {
    let r = Readability::new(html, None, None).ok()?;
    r.doc
        .select(
            "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, \
             button, select, textarea, object, embed, canvas, [hidden], [aria-hidden=true]",
        )
        .remove();
    let body = r.doc.select("body");
    let text = if body.exists() {
        body.formatted_text().to_string()
    } else {
        r.doc.formatted_text().to_string()
    };
    non_empty(&text)
}

fn non_empty(s: &str) -> Option<String> {
    let t = crate::text::collapse_whitespace(s);
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut never changes the answer: without a `<` in the first KB, no sign of
        /// HTML is there either.
        #[test]
        fn sniff_shortcut_is_exact(s in "[ \n<>!/a-zA-Z?]{0,40}(<!doctype html|<html|<?xml|<body|<head|</p>|<p>|<div>){0,4}[ a-z<>/]{0,1100}") {
            proptest::prop_assert_eq!(sniff(s.as_bytes()), sniff_markup(s.as_bytes()));
        }
    }

    /// Regression (issue 6): 200,000 nested `<div>`s never finished (quadratic in depth in the
    /// parser and in readability).
    #[test]
    fn deep_nesting_is_flattened() {
        let n = 200_000;
        let page = format!(
            "<!DOCTYPE html><html><body>{}<p>The minister met his counterpart in Tehran.</p>{}</body></html>",
            "<div class=\"x\">".repeat(n),
            "</div>".repeat(n)
        );
        let ex = extract(&page).expect("text");
        assert!(
            ex.text.contains("The minister met his counterpart"),
            "{}",
            ex.text
        );
        assert!(
            ex.warnings.iter().any(|w| w.contains("nest")),
            "{:?}",
            ex.warnings
        );
    }

    #[test]
    fn normal_pages_are_not_flattened() {
        let page = "<html><head><script>if (a < b) { x = '<div>'; }</script><title>T</title>\
                    </head><body><!-- <div> --><div><p>One<br>two<img src=x/></p></div></body></html>";
        assert!(flatten_deep(page).is_none());
        let mut tags = Vec::new();
        scan_tags(page, |s, e, k| tags.push((s, e, k)));
        let opens = tags.iter().filter(|t| t.2 == Tag::Open).count();
        let closes = tags.iter().filter(|t| t.2 == Tag::Close).count();
        // html, head, body, div, p open; script and title are skipped with their text
        assert_eq!((opens, closes), (5, 5), "{tags:?}");
    }

    #[test]
    fn sniffs_html() {
        assert!(sniff(b"  <!DOCTYPE html><html>"));
        assert!(sniff(b"<html lang=en><body>x</body></html>"));
        assert!(sniff(b"<div><p>a</p><p>b</p><p>c</p></div>"));
        assert!(!sniff(b"Plain text with a < sign and x<y comparisons."));
        assert!(!sniff(
            b"A story about web pages: every page starts with <html> and a <head>."
        ));
        assert!(has_html_extension("a/b/page.HTM"));
        assert!(!has_html_extension("page.txt"));
    }

    #[test]
    fn extracts_text_and_decodes_entities() {
        let html = "<html><head><title>Talks resume | Example</title><script>var x=1;</script></head>\
            <body><nav><a href=/>Home</a></nav><article><h1>Talks resume</h1>\
            <p>The delegations met in Vienna on Monday &amp; agreed to resume talks, officials said.</p>\
            <p>Diplomats said the talks would last a week and cover &ldquo;all issues&rdquo;.</p>\
            <script>alert(1)</script><img src=x onerror=alert(1)></article>\
            <footer>Copyright 2024</footer></body></html>";
        let e = extract(html).unwrap();
        assert!(e.text.contains("Monday & agreed"), "{}", e.text);
        assert!(e.text.contains("“all issues”"), "{}", e.text);
        assert!(!e.text.contains("alert"), "{}", e.text);
        assert!(!e.text.contains("var x"), "{}", e.text);
        assert!(e.title.is_some());
    }

    #[test]
    fn empty_page_has_no_text() {
        assert!(extract("<html><body><script>x()</script></body></html>").is_none());
    }
}
