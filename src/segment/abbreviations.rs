//! Word lists the sentence splitter consults around a period.
//!
//! A period after an abbreviation is the hard case of English sentence splitting: "Mr. Smith"
//! never ends a sentence, "Jan. 5" does not, "Pitt, Briggs & Co. It closed" does. Instead of one
//! flat list we keep *classes* with different behaviour (see [`Abbrev`]), and decide ambiguous
//! cases by looking at the next word: a capitalised function word ("The", "He", "How") almost
//! always opens a sentence, while a capitalised content word after an abbreviation ("U.S.
//! Government", "Mt. Fuji", "Albert I. Jones") usually continues it.
//!
//! All lookups take an ASCII-lowercased word without its final period, so they are cheap
//! binary searches over small sorted slices (checked by a unit test).

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

fn contains(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// Lowercase `w` into `buf` when it is short enough to be a listed word; `None` otherwise.
fn lower<'a>(w: &str, buf: &'a mut [u8; 16]) -> Option<&'a str> {
    if w.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    // ASCII lowercasing keeps UTF-8 valid ("N°" stays valid), so this never fails.
    std::str::from_utf8(&buf[..w.len()]).ok()
}

/// The class of `word` (without its final period) if it is a known abbreviation.
pub(crate) fn classify(word: &str) -> Option<Abbrev> {
    let mut buf = [0u8; 16];
    let w = lower(word, &mut buf)?;
    if contains(TITLES, w) {
        Some(Abbrev::Title)
    } else if contains(NUMERIC, w) {
        Some(Abbrev::Numeric)
    } else if contains(MONTHS, w) {
        Some(Abbrev::Month)
    } else if contains(NEVER, w) {
        Some(Abbrev::Never)
    } else if contains(GENERAL, w) {
        Some(Abbrev::General)
    } else {
        None
    }
}

/// Whether a capitalised `word` usually opens a sentence.
pub(crate) fn is_starter(word: &str) -> bool {
    let mut buf = [0u8; 16];
    lower(word, &mut buf).is_some_and(|w| contains(STARTERS, w))
}

/// Whether `word` is a preposition that opens a short adverbial phrase.
pub(crate) fn is_preposition(word: &str) -> bool {
    let mut buf = [0u8; 16];
    lower(word, &mut buf).is_some_and(|w| contains(PREPOSITIONS, w))
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
