//! Counting lexicon terms in one document, and keyword-in-context lines.
//!
//! * **Words**: the number of tokens [`crate::segment::words`] finds in the document's kept
//!   sentences (page chrome set aside by ingest is neither searched nor counted), so rates per
//!   1,000 words use the same text the hits come from.
//! * **Terms**: per term, all hits, hits inside quoted speech (`quoted`) and scare-quoted hits.
//! * **Categories**: the number of distinct hit spans of the category's terms *and* of its
//!   subcategories' terms (a subcategory's hits count toward its parent's subtotal; a span
//!   counted under two terms of one category counts once in the subtotal).

use serde::Serialize;

use super::matcher::{Hit, Matcher};
use crate::ingest::Document;
use crate::segment::{self, Sentence};

/// Counts for one term or category in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub hits: usize,
    /// Hits inside quoted speech (someone else's words, not the outlet's own voice).
    pub quoted: usize,
    /// Hits in scare quotes.
    pub scare_quoted: usize,
}

/// A category of one loaded lexicon, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRef {
    pub lexicon: usize,
    /// Index in that lexicon's `categories`.
    pub category: usize,
    /// Index (in [`categories`]) of the parent category, for subcategories.
    pub parent: Option<usize>,
}

/// Every category of every lexicon of the matcher, lexicon by lexicon, in file order.
pub fn categories(m: &Matcher) -> Vec<CategoryRef> {
    let mut out: Vec<CategoryRef> = Vec::new();
    for (li, lex) in m.lexicons().iter().enumerate() {
        let base = out.len();
        for (ci, c) in lex.categories.iter().enumerate() {
            let parent = c.id.rsplit_once('/').and_then(|(p, _)| {
                lex.categories
                    .iter()
                    .position(|x| x.id == p)
                    .map(|pi| base + pi)
            });
            out.push(CategoryRef {
                lexicon: li,
                category: ci,
                parent,
            });
        }
    }
    out
}

/// All counts for one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentCounts {
    /// Word tokens in the kept sentences.
    pub words: usize,
    /// One tally per [`Matcher::entries`] entry.
    pub terms: Vec<Tally>,
    /// One tally per [`categories`] entry.
    pub categories: Vec<Tally>,
    /// Every hit, in text order.
    pub hits: Vec<Hit>,
}

/// Segment `doc` and count.
pub fn count_document(m: &Matcher, doc: &Document) -> DocumentCounts {
    let sentences = segment::segment(doc);
    count_sentences(m, &doc.text, &sentences)
}

/// Count the terms of `m` in the given sentences of `text`.
pub fn count_sentences(m: &Matcher, text: &str, sentences: &[Sentence]) -> DocumentCounts {
    let words = sentences
        .iter()
        .filter(|s| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start))
        .filter(|s| text.is_char_boundary(s.end))
        .map(|s| segment::words(&text[s.start..s.end], s.start).len())
        .sum();
    let hits = m.find_in_sentences(text, sentences);
    let cats = categories(m);
    let mut terms = vec![Tally::default(); m.entries().len()];
    for h in &hits {
        add(&mut terms[h.entry], h);
    }
    // category index of each (lexicon, category)
    let mut cat_index = std::collections::BTreeMap::new();
    for (i, c) in cats.iter().enumerate() {
        cat_index.insert((c.lexicon, c.category), i);
    }
    let mut categories = vec![Tally::default(); cats.len()];
    let mut seen: std::collections::BTreeSet<(usize, usize, usize)> = Default::default();
    for h in &hits {
        let Some(&ci) = cat_index.get(&(h.lexicon, h.category)) else {
            continue;
        };
        let mut at = Some(ci);
        while let Some(c) = at {
            if seen.insert((c, h.start, h.end)) {
                add(&mut categories[c], h);
            }
            at = cats[c].parent;
        }
    }
    DocumentCounts {
        words,
        terms,
        categories,
        hits,
    }
}

fn add(t: &mut Tally, h: &Hit) {
    t.hits += 1;
    t.quoted += usize::from(h.quoted);
    t.scare_quoted += usize::from(h.scare_quoted);
}

/// Words of context shown on each side of a hit.
pub const KWIC_WORDS: usize = 6;

/// One hit in context; `left + matched + right` reads as the text does (spacing kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kwic {
    /// Up to [`KWIC_WORDS`] words before the hit, within its sentence, on one line.
    pub left: String,
    /// The hit as written.
    pub matched: String,
    /// Up to [`KWIC_WORDS`] words after the hit, within its sentence.
    pub right: String,
}

/// The context of `hit` inside its sentence (or the whole text when no sentence holds it).
pub fn kwic(text: &str, sentences: &[Sentence], hit: &Hit) -> Kwic {
    let (lo, hi) = sentences
        .iter()
        .find(|s| s.start <= hit.start && hit.end <= s.end)
        .map(|s| (s.start, s.end))
        .unwrap_or((0, text.len()));
    let left: Vec<&str> = text[lo..hit.start].split_whitespace().collect();
    let right: Vec<&str> = text[hit.end..hi].split_whitespace().collect();
    let l = left.len().saturating_sub(KWIC_WORDS);
    let mut left_s = left[l..].join(" ");
    if l > 0 {
        left_s.insert_str(0, "… ");
    }
    let mut right_s = right[..right.len().min(KWIC_WORDS)].join(" ");
    if right.len() > KWIC_WORDS {
        right_s.push_str(" …");
    }
    // Spacing around the hit is kept as in the text (`the “resistance”,`), so a renderer can
    // print left + matched + right as they read.
    if text[lo..hit.start].ends_with(char::is_whitespace) && !left_s.is_empty() {
        left_s.push(' ');
    }
    if text[hit.end..hi].starts_with(char::is_whitespace) && !right_s.is_empty() {
        right_s.insert(0, ' ');
    }
    Kwic {
        left: left_s,
        matched: crate::text::collapse_whitespace(&text[hit.start..hit.end]),
        right: right_s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse;
    use std::path::Path;

    fn sentence(text: &str, start: usize, end: usize) -> Sentence {
        Sentence {
            text: text[start..end].to_string(),
            start,
            end,
            paragraph: 0,
            quoted: Vec::new(),
        }
    }

    #[test]
    fn counts_terms_categories_and_words() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"regime\"]\n[categories.a.b]\nterms = [\"Zionist regime\", \"entity\"]\n[categories.c]\nterms = [\"regime\"]\n",
            Path::new("t"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let text = "The regime fell. The Zionist regime and the ‘entity’ spoke. Chrome regime";
        let s1 = sentence(text, 0, 16);
        let s2 = sentence(text, 17, text.find(" Chrome").unwrap());
        let c = count_sentences(&m, text, &[s1, s2]);
        assert_eq!(c.words, 3 + 7);
        // entries: a/regime, a/b/Zionist regime, a/b/entity, c/regime
        let hits: Vec<_> = c.terms.iter().map(|t| t.hits).collect();
        assert_eq!(hits, [1, 1, 1, 1]);
        assert_eq!(c.terms[2].scare_quoted, 1);
        // categories: a (own 1 + subcategory 2), a/b (2), c (1)
        let cats: Vec<_> = c.categories.iter().map(|t| t.hits).collect();
        assert_eq!(cats, [3, 2, 1]);
        assert_eq!(c.categories[0].scare_quoted, 1);
    }

    #[test]
    fn kwic_shows_words_around_the_hit_within_its_sentence() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"resistance front\"]\n",
            Path::new("t"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let text = "First one. One two three four five six seven the resistance front, eight nine ten eleven twelve thirteen fourteen. Next.";
        let s = sentence(text, 11, text.rfind(" Next").unwrap());
        let hits = m.find_in_sentences(text, std::slice::from_ref(&s));
        let k = kwic(text, &[s], &hits[0]);
        assert_eq!(k.left, "… three four five six seven the ");
        assert_eq!(k.matched, "resistance front");
        assert_eq!(k.right, ", eight nine ten eleven twelve …");
    }
}
