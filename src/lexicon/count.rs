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
use unicode_segmentation::UnicodeSegmentation;

use super::matcher::{Hit, Matcher};
use crate::ingest::Document;
use crate::segment::{self, Sentence};

/// Counts for one term or category in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// All hits.
    pub hits: usize,
    /// Hits inside quoted speech (someone else's words, not the outlet's own voice).
    pub quoted: usize,
    /// Hits in scare quotes.
    pub scare_quoted: usize,
}

/// A category of one loaded lexicon, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRef {
    /// Index of the lexicon (in the matcher's order).
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
    /// Every hit, in text order ([`count_sentences`]); empty from [`tally_sentences`].
    pub hits: Vec<Hit>,
}

/// Segment `doc` and count.
pub fn count_document(m: &Matcher, doc: &Document) -> DocumentCounts {
    let sentences = segment::segment(doc);
    count_sentences(m, &doc.text, &sentences)
}

/// Count the terms of `m` in the given sentences of `text`, keeping every hit (for the
/// keyword-in-context view).
pub fn count_sentences(m: &Matcher, text: &str, sentences: &[Sentence]) -> DocumentCounts {
    count(m, text, sentences, true)
}

/// [`count_sentences`] without keeping the hits (`hits` is empty): the same tallies in memory
/// that does not grow with the number of hits. A `Hit` carries a copy of its text (about
/// 110 bytes in all), and a text with a framing term in most sentences has about one hit per
/// 100 bytes, so keeping them costs about the size of the text again.
pub fn tally_sentences(m: &Matcher, text: &str, sentences: &[Sentence]) -> DocumentCounts {
    count(m, text, sentences, false)
}

/// Sentences searched at a time: the hits of one batch are tallied and dropped before the next.
/// A text of more than one batch (a long file) has its batches counted in parallel.
const BATCH: usize = 512;

fn count(m: &Matcher, text: &str, sentences: &[Sentence], keep_hits: bool) -> DocumentCounts {
    let cats = categories(m);
    // index in `cats` of each lexicon's first category (they are listed lexicon by lexicon)
    let mut base = vec![cats.len(); m.lexicons().len()];
    for (i, c) in cats.iter().enumerate().rev() {
        base[c.lexicon] = i;
    }
    let batch = |b: &[Sentence]| count_batch(m, text, b, &cats, &base, keep_hits);
    if sentences.len() <= BATCH {
        return batch(sentences);
    }
    // Batches are independent (hits never cross a sentence), and every count is a sum, so
    // summing them in parallel gives the same counts; `reduce` joins neighbouring batches
    // only, so kept hits stay in text order. One document of a corpus is one batch or a few:
    // this is for one long file (`terms` on a book), which otherwise runs on one core.
    use rayon::prelude::*;
    sentences
        .par_chunks(BATCH)
        .map(batch)
        .reduce_with(|mut a, b| {
            a.words += b.words;
            for (x, y) in a.terms.iter_mut().zip(&b.terms) {
                sum(x, y);
            }
            for (x, y) in a.categories.iter_mut().zip(&b.categories) {
                sum(x, y);
            }
            a.hits.extend(b.hits);
            a
        })
        .unwrap_or_else(|| batch(&[]))
}

/// The counts of one batch of sentences; `cats` and `base` as in [`count`].
fn count_batch(
    m: &Matcher,
    text: &str,
    sentences: &[Sentence],
    cats: &[CategoryRef],
    base: &[usize],
    keep_hits: bool,
) -> DocumentCounts {
    let words = sentences
        .iter()
        .filter(|s| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start))
        .filter(|s| text.is_char_boundary(s.end))
        // the tokens `segment::words` makes, counted without normalising and stemming them
        .map(|s| word_count(&text[s.start..s.end]))
        .sum();
    let mut terms = vec![Tally::default(); m.entries().len()];
    let mut categories = vec![Tally::default(); cats.len()];
    let hits = if keep_hits {
        m.find_in_sentences(text, sentences)
    } else {
        m.tally_in_sentences(text, sentences)
    };
    for h in &hits {
        add(&mut terms[h.entry], h);
    }
    // A category counts a span once however many of its terms (or its subcategories'
    // terms) match it, with the flags of the first such hit. Hits never cross a sentence
    // boundary, so equal spans are always in the same batch.
    // (category, start, end, hit index): one per hit and each of its category's ancestors
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (x, h) in hits.iter().enumerate() {
        let mut at = Some(base[h.lexicon] + h.category).filter(|&c| c < cats.len());
        while let Some(c) = at {
            spans.push((c, h.start, h.end, x));
            at = cats[c].parent;
        }
    }
    spans.sort_unstable();
    spans.dedup_by_key(|&mut (c, start, end, _)| (c, start, end));
    for &(c, _, _, x) in &spans {
        add(&mut categories[c], &hits[x]);
    }
    DocumentCounts {
        words,
        terms,
        categories,
        hits: if keep_hits { hits } else { Vec::new() },
    }
}

fn sum(a: &mut Tally, b: &Tally) {
    a.hits += b.hits;
    a.quoted += b.quoted;
    a.scare_quoted += b.scare_quoted;
}

/// The number of `s.unicode_word_indices()`: the words of [`crate::segment::words`], counted.
/// Word segmentation (UAX #29) is a tenth of `corpus terms`' run time, so text made of ASCII
/// (and the curly double quotes and dashes of news text) takes [`ascii_word_count`].
fn word_count(s: &str) -> usize {
    ascii_word_count(s.as_bytes()).unwrap_or_else(|| s.unicode_word_indices().count())
}

/// UAX #29 words with a letter or digit in ASCII text, `None` for text with other characters
/// than `“`, `”`, `–` and `—` (word-break class Other, like ASCII punctuation). For ASCII the
/// rules come down to: runs of letters, digits and `_`, joined across one `:`, `.` or `'`
/// between two letters and one `,`, `;`, `.` or `'` between two digits (WB5–WB13b).
fn ascii_word_count(b: &[u8]) -> Option<usize> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            match b.get(i..i + 3) {
                Some([0xe2, 0x80, 0x9c | 0x9d | 0x93 | 0x94]) => i += 3,
                _ => return None,
            }
            continue;
        }
        if !word(c) {
            i += 1;
            continue;
        }
        let mut alnum = false;
        loop {
            while i < b.len() && word(b[i]) {
                alnum |= b[i] != b'_';
                i += 1;
            }
            let (Some(&m), Some(&next)) = (b.get(i), b.get(i + 1)) else {
                break;
            };
            let prev = b[i - 1];
            let letters = prev.is_ascii_alphabetic()
                && next.is_ascii_alphabetic()
                && matches!(m, b':' | b'.' | b'\'');
            let digits = prev.is_ascii_digit()
                && next.is_ascii_digit()
                && matches!(m, b',' | b';' | b'.' | b'\'');
            if !(letters || digits) {
                break;
            }
            i += 1;
        }
        n += usize::from(alnum);
    }
    Some(n)
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

    proptest::proptest! {
        /// The ASCII word count is UAX #29's.
        #[test]
        fn word_count_equals_unicode_words(s in "[a-zA-Z0-9_ \t\n\r.,;:'\"!?()\\-“”—–’é]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), s.unicode_word_indices().count());
        }
    }

    #[test]
    fn word_count_joins_like_uax29() {
        for s in [
            "don't",
            "e.g. a:b",
            "3.14 1,000 2;3 4'5",
            "a.1 1.a a_b __ _a",
            "x“y”z—w–v",
            "a..b",
            "’s",
        ] {
            assert_eq!(word_count(s), s.unicode_word_indices().count(), "{s}");
        }
    }
    use crate::lexicon::load::parse;
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

    /// Tallies do not depend on keeping the hits or on where the sentence batches end, and a
    /// span matched by several terms of a category (or its subcategories) counts once, with
    /// the first hit's flags: the rule as stated, checked over every hit at once.
    #[test]
    fn tallies_match_the_rule_across_batches() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"regime\", \"Zionist regime\"]\n[categories.a.b]\nterms = [\"Zionist regime\", \"entity\"]\n[categories.c]\nterms = [\"regime\"]\n",
            Path::new("t"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let mut text = String::new();
        for i in 0..(BATCH * 2 + 7) {
            text.push_str(&format!(
                "Report {i}: the regime fell. The Zionist regime and the ‘entity’ spoke.\n\n"
            ));
        }
        let doc = crate::ingest::from_bytes(text.as_bytes(), "t", &Default::default()).unwrap();
        let sentences = segment::segment(&doc);
        assert!(sentences.len() > BATCH * 2);
        let kept = count_sentences(&m, &doc.text, &sentences);
        let tallied = tally_sentences(&m, &doc.text, &sentences);
        assert!(tallied.hits.is_empty());
        assert_eq!(kept.words, tallied.words);
        let words: usize = sentences
            .iter()
            .map(|s| segment::words(&doc.text[s.start..s.end], s.start).len())
            .sum();
        assert_eq!(tallied.words, words);
        assert_eq!(kept.terms, tallied.terms);
        assert_eq!(kept.categories, tallied.categories);
        // batches counted in parallel keep the hits in text order
        let one_by_one: Vec<Hit> = sentences
            .chunks(1)
            .flat_map(|s| m.find_in_sentences(&doc.text, s))
            .collect();
        assert_eq!(kept.hits, one_by_one);
        // the rule, over all hits at once
        let cats = categories(&m);
        let mut expected = vec![Tally::default(); cats.len()];
        let mut seen = std::collections::BTreeSet::new();
        for h in &kept.hits {
            let mut at = cats
                .iter()
                .position(|c| (c.lexicon, c.category) == (h.lexicon, h.category));
            while let Some(c) = at {
                if seen.insert((c, h.start, h.end)) {
                    add(&mut expected[c], h);
                }
                at = cats[c].parent;
            }
        }
        assert_eq!(tallied.categories, expected);
        let n = BATCH * 2 + 7;
        // per report: a counts "regime", the "Zionist regime" span (its own term and its
        // subcategory's, once) and "entity"; a/b the span and "entity"; c the lone "regime"
        // (the longer match wins inside "Zionist regime")
        assert_eq!(expected[0].hits, 3 * n);
        assert_eq!(expected[1].hits, 2 * n);
        assert_eq!(expected[2].hits, n);
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
