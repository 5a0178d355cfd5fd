//! Content words and text windows shared by the chrome analysis ([`super::boilerplate`]) and the
//! body growth ([`super::extent`]): what counts as a topic word, how much two texts share, and
//! how much nearby text is compared (so comparisons stay linear on huge pages).

use std::collections::HashMap;

/// How many bytes of text on either side of a chrome block are compared.
pub(crate) const NEARBY: usize = 16 * 1024;

/// The largest char boundary of `text` at or below `i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Function words of four letters or more, which say nothing about a text's topic.
const COMMON: &[&str] = &[
    "that", "with", "from", "have", "this", "were", "been", "will", "their", "they", "which",
    "said", "also", "would", "about", "there", "after", "other", "more", "into", "some", "than",
    "them", "these", "such", "only", "over", "being", "what", "when", "where", "while", "your",
    "just", "like", "most", "each", "very", "could", "should", "through", "those",
];

/// Content-word key: lowercase, at least four letters, cut to six characters so that
/// "condemned" and "condemnation", "Russia" and "Russian" meet.
pub(crate) fn key(word: &str, buf: &mut String) -> bool {
    buf.clear();
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
        return false;
    }
    buf.extend(w.chars().flat_map(char::to_lowercase));
    if COMMON.contains(&buf.as_str()) {
        return false;
    }
    if let Some((i, _)) = buf.char_indices().nth(6) {
        buf.truncate(i);
    }
    true
}

/// Share of the distinct content words of `section` that also occur in `rest`.
pub(crate) fn cohesion(section: &str, rest: &str) -> f32 {
    let mut buf = String::new();
    let mut found: HashMap<String, bool> = HashMap::new();
    for w in section.split_whitespace() {
        if key(w, &mut buf) {
            found.entry(buf.clone()).or_insert(false);
        }
    }
    if found.is_empty() {
        return 1.0;
    }
    for w in rest.split_whitespace() {
        if key(w, &mut buf) {
            if let Some(f) = found.get_mut(buf.as_str()) {
                *f = true;
            }
        }
    }
    found.values().filter(|&&f| f).count() as f32 / found.len() as f32
}
