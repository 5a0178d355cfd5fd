//! Word lists the sentence splitter consults around a period.
//!
//! A period after an abbreviation is the hard case of English sentence splitting: "Mr. Smith"
//! never ends a sentence, "Jan. 5" does not, "Pitt, Briggs & Co. It closed" does. Instead of one
//! flat list we keep *classes* with different behaviour (see [`Abbrev`]), and decide ambiguous
//! cases by looking at the next word: a capitalised function word ("The", "He", "How") almost
//! always opens a sentence, while a capitalised content word after an abbreviation ("U.S.
//! Government", "Mt. Fuji", "Albert I. Jones") usually continues it.
//!
//! All lookups take a word without its final period, ASCII-case-insensitively; words are packed
//! into integers so a lookup is a binary search over a small sorted table of integers.

use std::sync::LazyLock;

/// How a known abbreviation behaves before a capitalised word or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Titles written before a name ("Mr.", "Gen.", "Sen."): never end a sentence.
    Title,
    /// Written before a number ("No. 5", "Vol. 3", "pp. 10"): no break before a digit;
    /// before anything else they are ordinary words ("The answer is no.").
    Numeric,
    /// Month names ("Jan. 5"): no break before a digit, otherwise like [`Abbrev::General`].
    Month,
    /// Never end a sentence whatever follows ("vs.", "cf.", "e.g.").
    Never,
    /// Everything else ("Inc.", "Co.", "Jr.", "etc."): a break only before a sentence starter.
    General,
}

/// Titles and other prepositive abbreviations (sorted).
const TITLES: &[&str] = &[
    "adm", "amb", "brig", "capt", "cdr", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon",
    "insp", "lt", "maj", "messrs", "mlle", "mme", "mr", "mrs", "ms", "msgr", "mt", "pres", "prof",
    "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "supt",
];

/// Abbreviations written before a number (sorted).
const NUMERIC: &[&str] = &[
    "art", "arts", "ch", "chap", "eq", "fig", "figs", "nn", "no", "nos", "nr", "n°", "nº", "op",
    "para", "paras", "pp", "pt", "pts", "sec", "secs", "vol", "vols",
];

/// Month abbreviations (sorted).
const MONTHS: &[&str] = &[
    "apr", "aug", "dec", "feb", "jan", "jul", "jun", "mar", "nov", "oct", "sep", "sept",
];

/// Abbreviations that never end a sentence (sorted; dotted ones without the final period).
const NEVER: &[&str] = &["cf", "e.g", "i.e", "viz", "vs"];

/// Other common abbreviations (sorted).
const GENERAL: &[&str] = &[
    "abbr", "al", "approx", "apt", "assn", "assoc", "asst", "ave", "bldg", "blvd", "bros", "ca",
    "cie", "co", "comdr", "corp", "ct", "dept", "dist", "div", "esq", "est", "etc", "ft", "govt",
    "hr", "hrs", "hwy", "inc", "intl", "jr", "lb", "lbs", "ltd", "min", "mins", "misc", "mph",
    "mssrs", "natl", "oz", "pl", "plc", "pty", "rd", "sq", "sr", "st", "sta", "ste", "univ", "yr",
    "yrs",
];

/// Capitalised words that typically open an English sentence (sorted, lowercase): pronouns,
/// determiners, conjunctions, common prepositions and sentence adverbs, plus the personal
/// honorifics that start so many news sentences ("Mr. Smith said ...").
const STARTERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anyway",
    "are",
    "as",
    "at",
    "because",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "dr",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "few",
    "finally",
    "first",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "let",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "my",
    "neither",
    "nevertheless",
    "no",
    "nobody",
    "none",
    "nor",
    "not",
    "nothing",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "over",
    "perhaps",
    "please",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "unlike",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Prepositions that open a short adverbial phrase ("At 5 a.m. Mr. Smith ...", "On Jan. The").
const PREPOSITIONS: &[&str] = &[
    "about", "after", "around", "at", "before", "by", "during", "from", "in", "near", "on",
    "since", "until",
];

/// A word of up to 16 bytes packed into an integer, ASCII-lowercased, so lookups compare one
/// integer instead of calling `memcmp` (the lookups run at every period of the input).
fn pack(w: &str) -> Option<u128> {
    if w.is_empty() || w.len() > 16 {
        return None;
    }
    let mut k: u128 = 0;
    for (n, b) in w.bytes().enumerate() {
        k |= u128::from(b.to_ascii_lowercase()) << (8 * (15 - n));
    }
    Some(k)
}

/// All abbreviations, packed and sorted, with their class.
static ABBREVIATIONS: LazyLock<Vec<(u128, Abbrev)>> = LazyLock::new(|| {
    let mut v = Vec::new();
    for (list, class) in [
        (TITLES, Abbrev::Title),
        (NUMERIC, Abbrev::Numeric),
        (MONTHS, Abbrev::Month),
        (NEVER, Abbrev::Never),
        (GENERAL, Abbrev::General),
    ] {
        v.extend(list.iter().filter_map(|w| Some((pack(w)?, class))));
    }
    v.sort_unstable_by_key(|e| e.0);
    v
});

static STARTER_KEYS: LazyLock<Vec<u128>> = LazyLock::new(|| packed(STARTERS));
static PREPOSITION_KEYS: LazyLock<Vec<u128>> = LazyLock::new(|| packed(PREPOSITIONS));

fn packed(list: &[&str]) -> Vec<u128> {
    let mut v: Vec<u128> = list.iter().filter_map(|w| pack(w)).collect();
    v.sort_unstable();
    v
}

/// The longest word of `lists`, in bytes.
const fn longest(lists: &[&[&str]]) -> usize {
    let mut max = 0;
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            if lists[l][i].len() > max {
                max = lists[l][i].len();
            }
            i += 1;
        }
        l += 1;
    }
    max
}

/// The longest abbreviation in bytes ("messrs", "approx"): a longer word (most words before a
/// period) is none, answered without packing it and searching the table.
const LONGEST_ABBREVIATION: usize = longest(&[TITLES, NUMERIC, MONTHS, NEVER, GENERAL]);

/// The longest sentence starter in bytes ("nevertheless").
const LONGEST_STARTER: usize = longest(&[STARTERS]);

/// The class of `word` (without its final period) if it is a known abbreviation.
pub(crate) fn classify(word: &str) -> Option<Abbrev> {
    if word.len() > LONGEST_ABBREVIATION {
        return None;
    }
    let k = pack(word)?;
    let t = &*ABBREVIATIONS;
    t.binary_search_by_key(&k, |e| e.0).ok().map(|i| t[i].1)
}

/// Whether a capitalised `word` usually opens a sentence.
pub(crate) fn is_starter(word: &str) -> bool {
    word.len() <= LONGEST_STARTER
        && pack(word).is_some_and(|k| STARTER_KEYS.binary_search(&k).is_ok())
}

/// Whether `word` is a preposition that opens a short adverbial phrase.
pub(crate) fn is_preposition(word: &str) -> bool {
    pack(word).is_some_and(|k| PREPOSITION_KEYS.binary_search(&k).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            TITLES,
            NUMERIC,
            MONTHS,
            NEVER,
            GENERAL,
            STARTERS,
            PREPOSITIONS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn lists_have_no_duplicates_across_classes() {
        let t = &*ABBREVIATIONS;
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn longest_words_are_the_longest() {
        assert_eq!(LONGEST_ABBREVIATION, 6);
        assert_eq!(LONGEST_STARTER, "nevertheless".len());
        assert!(ABBREVIATIONS.len() > 100 && STARTER_KEYS.len() > 100);
        assert_eq!(classify("Messrs"), Some(Abbrev::Title));
        assert!(is_starter("Nevertheless") && !is_starter("Neverthelesss"));
    }

    #[test]
    fn classifies_case_insensitively() {
        assert_eq!(classify("Mr"), Some(Abbrev::Title));
        assert_eq!(classify("INC"), Some(Abbrev::General));
        assert_eq!(classify("N°"), Some(Abbrev::Numeric));
        assert_eq!(classify("Sept"), Some(Abbrev::Month));
        assert_eq!(classify("vs"), Some(Abbrev::Never));
        assert_eq!(classify("Government"), None);
        assert!(is_starter("The") && is_starter("How") && !is_starter("Government"));
    }
}
