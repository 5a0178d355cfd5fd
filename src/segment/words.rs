//! Words of a sentence: UAX#29 word boundaries, normalised, stemmed, stop-flagged.

use std::collections::HashSet;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::Word;
use crate::text::normalize;

/// The NLTK English stop list, built once. `stop_words::lookup` is the non-panicking API; if
/// the list were ever missing (feature disabled), nothing is a stop word rather than a panic.
static STOP_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    stop_words::lookup("en")
        .map(|l| l.iter().copied().collect())
        .unwrap_or_default()
});

/// The shared analyzer used by [`super::words`].
static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);

/// Turns text into [`Word`]s. Holds the Snowball stemmer so it is created once, not per call;
/// it is immutable, `Send + Sync`, and cheap to share across threads (or use
/// [`Analyzer::shared`]).
pub struct Analyzer {
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(English)")
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// An English analyzer (Snowball English stemmer, NLTK stop words).
    pub fn new() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The process-wide analyzer.
    pub fn shared() -> &'static Analyzer {
        &ANALYZER
    }

    /// Split `text` into words (UAX#29 word boundaries; tokens with at least one letter or
    /// digit). `base` is added to every span, so passing a sentence's start gives spans into the
    /// document text. Hyphenated words come out as UAX#29 gives them ("well-known" is two
    /// words); possessives stay one word ("Iran’s" → norm "iran's", stem "iran").
    pub fn words(&self, text: &str, base: usize) -> Vec<Word> {
        text.unicode_word_indices()
            .map(|(i, w)| self.word(w, base + i))
            .collect()
    }

    /// Analyse one word found at byte offset `start`.
    pub fn word(&self, w: &str, start: usize) -> Word {
        // ASCII needs only lowercasing: skip the general normaliser's offset map allocation.
        let norm = if w.is_ascii() {
            w.to_ascii_lowercase()
        } else {
            normalize(w)
        };
        let stem = self.stem(&norm);
        Word {
            start,
            end: start + w.len(),
            stop: is_stop_word(&norm),
            norm,
            stem,
        }
    }

    /// English Snowball stem of an already normalised word.
    pub fn stem(&self, norm: &str) -> String {
        self.stemmer.stem(norm).into_owned()
    }
}

/// Whether a normalised word is an English stop word (NLTK list).
pub fn is_stop_word(norm: &str) -> bool {
    STOP_WORDS.contains(norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        Analyzer::shared()
            .words(text, 0)
            .into_iter()
            .map(|w| w.norm)
            .collect()
    }

    #[test]
    fn normalises_case_quotes_and_diacritics() {
        assert_eq!(
            norms("Ḥizbullāh CAFÉ Naïve"),
            ["hizbullah", "cafe", "naive"]
        );
    }

    #[test]
    fn flags_stop_words() {
        let w = Analyzer::shared().words("The minister said it", 0);
        let stops: Vec<bool> = w.iter().map(|w| w.stop).collect();
        assert_eq!(stops, [true, false, false, true]);
        assert!(is_stop_word("the") && !is_stop_word("said") && !is_stop_word("regime"));
    }

    #[test]
    fn stems_english() {
        let w = Analyzer::shared().words("regimes attacked bombing", 0);
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["regim", "attack", "bomb"]);
    }

    #[test]
    fn possessives_stay_one_word() {
        let w = Analyzer::shared().words("Iran’s regime", 0);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].norm, "iran's");
        assert_eq!(w[0].stem, "iran");
    }

    #[test]
    fn spans_include_base_offset() {
        let text = "“Hello,” Ḥamas said.";
        let w = Analyzer::shared().words(text, 100);
        let got: Vec<&str> = w
            .iter()
            .map(|w| &text[w.start - 100..w.end - 100])
            .collect();
        assert_eq!(got, ["Hello", "Ḥamas", "said"]);
        assert_eq!(w[0].start, 100 + "“".len());
    }

    #[test]
    fn hyphenated_words_follow_uax29() {
        assert_eq!(
            norms("well-known 3.5% U.S."),
            ["well", "known", "3.5", "u.s"]
        );
    }

    #[test]
    fn analyzer_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Analyzer>();
    }
}
