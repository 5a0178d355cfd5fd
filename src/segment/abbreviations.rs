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
//! into integers so a lookup is a hash-table probe comparing integers.

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
/// integer instead of calling `memcmp` (the lookups run at every period of the input): byte `n`
/// in bits `8 * (15 - n)`, zeros after the word. Built from two overlapping loads of eight
/// (or four) bytes and lowercased eight bytes at a time ([`lowercase_ascii`]): a byte at a time,
/// packing was most of a lookup.
fn pack(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let n = b.len();
    if n == 0 || n > 16 {
        return None;
    }
    let be8 = |at: usize| u128::from(u64::from_be_bytes(b[at..at + 8].try_into().expect("8")));
    let be4 = |at: usize| u128::from(u32::from_be_bytes(b[at..at + 4].try_into().expect("4")));
    // the last load's first byte `j` belongs at bits `8 * (15 - j)`
    let k = if n >= 8 {
        be8(0) << 64 | be8(n - 8) << (8 * (16 - n))
    } else if n >= 4 {
        be4(0) << 96 | be4(n - 4) << (8 * (16 - n))
    } else {
        let byte = |j: usize| u128::from(b[j]) << (8 * (15 - j));
        byte(0) | byte(n / 2) | byte(n - 1)
    };
    Some(lowercase_ascii(k))
}

/// The bytes of `k` with `A`..=`Z` lowercased and every other byte (0x80 and above too) kept.
#[inline]
fn lowercase_ascii(k: u128) -> u128 {
    const LOW7: u128 = 0x7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f_7f7f;
    const HIGH: u128 = !LOW7;
    let low = k & LOW7;
    // bit 7 of each byte: its low seven bits are at least `A`, at least `[` (no carries: a
    // byte's low seven bits plus 0x3f stay below 0x100)
    let from_a = low + 0x3f3f_3f3f_3f3f_3f3f_3f3f_3f3f_3f3f_3f3f;
    let past_z = low + 0x2525_2525_2525_2525_2525_2525_2525_2525;
    let upper = from_a & !past_z & !k & HIGH;
    k | upper >> 2
}

/// A set of packed words (with a value each) in an open-addressing hash table: a lookup is a
/// multiply and, mostly, one compare, where a binary search over the sorted keys took eight
/// compares and as many hard-to-predict branches. An empty slot holds 0, which no listed word
/// packs to.
struct Table<V> {
    keys: Vec<u128>,
    vals: Vec<V>,
    /// 64 minus the table's size in bits: a hash's top bits are the first slot.
    shift: u32,
}

impl<V: Copy + Default> Table<V> {
    fn new(entries: impl IntoIterator<Item = (u128, V)>) -> Self {
        let entries: Vec<(u128, V)> = entries.into_iter().collect();
        // at most a quarter full
        let bits = (entries.len() * 4)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let size = 1usize << bits;
        let mut t = Table {
            keys: vec![0; size],
            vals: vec![V::default(); size],
            shift: 64 - bits,
        };
        for (k, v) in entries {
            assert_ne!(k, 0, "no listed word packs to 0");
            let mut i = t.slot(k);
            while t.keys[i] != 0 && t.keys[i] != k {
                i = (i + 1) & (size - 1);
            }
            t.keys[i] = k;
            t.vals[i] = v;
        }
        t
    }

    #[inline]
    fn slot(&self, k: u128) -> usize {
        const K1: u64 = 0x9e37_79b9_7f4a_7c15;
        const K2: u64 = 0xc2b2_ae3d_27d4_eb4f;
        let h = ((k >> 64) as u64).wrapping_mul(K1) ^ (k as u64).wrapping_mul(K2);
        (h >> self.shift) as usize
    }

    #[inline]
    fn get(&self, k: u128) -> Option<V> {
        let mask = self.keys.len() - 1;
        let mut i = self.slot(k);
        loop {
            let e = self.keys[i & mask];
            if e == 0 {
                return None;
            }
            if e == k {
                return Some(self.vals[i & mask]);
            }
            i += 1;
        }
    }
}

/// Each list of abbreviations with its class.
const CLASSES: [(&[&str], Abbrev); 5] = [
    (TITLES, Abbrev::Title),
    (NUMERIC, Abbrev::Numeric),
    (MONTHS, Abbrev::Month),
    (NEVER, Abbrev::Never),
    (GENERAL, Abbrev::General),
];

/// All abbreviations, packed, with their class.
static ABBREVIATIONS: LazyLock<Table<Option<Abbrev>>> = LazyLock::new(|| {
    let mut v = Vec::new();
    for (list, class) in CLASSES {
        v.extend(list.iter().filter_map(|w| Some((pack(w)?, Some(class)))));
    }
    Table::new(v)
});

static STARTER_KEYS: LazyLock<Table<()>> = LazyLock::new(|| packed(STARTERS));
static PREPOSITION_KEYS: LazyLock<Table<()>> = LazyLock::new(|| packed(PREPOSITIONS));

fn packed(list: &[&str]) -> Table<()> {
    Table::new(list.iter().filter_map(|w| Some((pack(w)?, ()))))
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
    if longer_than(word, LONGEST_ABBREVIATION) {
        return None;
    }
    ABBREVIATIONS.get(pack(word)?).flatten()
}

/// Whether a capitalised `word` usually opens a sentence.
pub(crate) fn is_starter(word: &str) -> bool {
    !longer_than(word, LONGEST_STARTER) && pack(word).is_some_and(|k| STARTER_KEYS.get(k).is_some())
}

/// Whether `word` is longer than `n` bytes as [`pack`] sees it: NUL bytes at its end pack
/// like the padding (`Messrs\0` is `Messrs`), so they do not count.
#[inline]
fn longer_than(word: &str, n: usize) -> bool {
    word.len() > n && word.trim_end_matches('\0').len() > n
}

/// Whether `word` is a preposition that opens a short adverbial phrase.
pub(crate) fn is_preposition(word: &str) -> bool {
    pack(word).is_some_and(|k| PREPOSITION_KEYS.get(k).is_some())
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
        let t = &*REFERENCE_ABBREVIATIONS;
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// [`pack`] as it was first written, one byte at a time: the reference.
    fn pack_bytewise(w: &str) -> Option<u128> {
        if w.is_empty() || w.len() > 16 {
            return None;
        }
        let mut k: u128 = 0;
        for (n, b) in w.bytes().enumerate() {
            k |= u128::from(b.to_ascii_lowercase()) << (8 * (15 - n));
        }
        Some(k)
    }

    /// The lookups as they were before the hash tables: binary searches over sorted keys.
    static REFERENCE_ABBREVIATIONS: LazyLock<Vec<(u128, Abbrev)>> = LazyLock::new(|| {
        let mut v = Vec::new();
        for (list, class) in CLASSES {
            v.extend(list.iter().filter_map(|w| Some((pack_bytewise(w)?, class))));
        }
        v.sort_unstable_by_key(|e| e.0);
        v
    });

    fn sorted_keys(list: &[&str]) -> Vec<u128> {
        let mut v: Vec<u128> = list.iter().filter_map(|w| pack_bytewise(w)).collect();
        v.sort_unstable();
        v
    }

    fn classify_reference(word: &str) -> Option<Abbrev> {
        let k = pack_bytewise(word)?;
        let t = &*REFERENCE_ABBREVIATIONS;
        t.binary_search_by_key(&k, |e| e.0).ok().map(|i| t[i].1)
    }

    fn in_list_reference(list: &[&str], word: &str) -> bool {
        pack_bytewise(word).is_some_and(|k| sorted_keys(list).binary_search(&k).is_ok())
    }

    /// Words near the listed ones: every listed word in other cases, cut, extended, with NUL
    /// bytes (which pack like the zero padding), non-ASCII letters and lengths 0 to 20.
    fn near_word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy as _;
        let listed: Vec<&'static str> = [
            TITLES,
            NUMERIC,
            MONTHS,
            NEVER,
            GENERAL,
            STARTERS,
            PREPOSITIONS,
        ]
        .concat();
        proptest::prop_oneof![
            (
                proptest::sample::select(listed),
                "[a-zA-Z\u{0}.°]{0,3}",
                proptest::bool::ANY,
                0usize..3
            )
                .prop_map(|(w, tail, upper, cut)| {
                    let w = if upper {
                        w.to_ascii_uppercase()
                    } else {
                        w.to_string()
                    };
                    let keep = w.len().saturating_sub(cut);
                    let w = if w.is_char_boundary(keep) {
                        &w[..keep]
                    } else {
                        &w[..]
                    };
                    format!("{w}{tail}")
                }),
            "[a-zA-Z\u{0}@\\[`{.°ºÉé\u{7f}\u{80}]{0,20}",
        ]
    }

    proptest::proptest! {
        #[test]
        fn lookups_equal_reference(w in near_word()) {
            proptest::prop_assert_eq!(pack(&w), pack_bytewise(&w));
            proptest::prop_assert_eq!(classify(&w), classify_reference(&w));
            proptest::prop_assert_eq!(is_starter(&w), in_list_reference(STARTERS, &w));
            proptest::prop_assert_eq!(is_preposition(&w), in_list_reference(PREPOSITIONS, &w));
        }
    }

    #[test]
    fn every_listed_word_is_found() {
        for w in [TITLES, NUMERIC, MONTHS, NEVER, GENERAL].concat() {
            assert_eq!(classify(w), classify_reference(w), "{w}");
            assert!(classify(w).is_some(), "{w}");
        }
        for w in STARTERS {
            assert!(is_starter(w) && is_starter(&w.to_ascii_uppercase()), "{w}");
        }
        for w in PREPOSITIONS {
            assert!(is_preposition(w), "{w}");
        }
        // every byte value in every position of every length
        for n in 1..=16 {
            for b in 0..=255u8 {
                for at in 0..n {
                    let mut v = vec![b'q'; n];
                    v[at] = b;
                    if let Ok(w) = std::str::from_utf8(&v) {
                        assert_eq!(pack(w), pack_bytewise(w), "{w:?}");
                    }
                }
            }
        }
        assert_eq!(pack("\u{0}"), Some(0));
        assert_eq!(classify("\u{0}"), None);
    }

    #[test]
    fn longest_words_are_the_longest() {
        assert_eq!(LONGEST_ABBREVIATION, 6);
        assert_eq!(LONGEST_STARTER, "nevertheless".len());
        assert!(REFERENCE_ABBREVIATIONS.len() > 100 && STARTERS.len() > 100);
        assert_eq!(classify("Messrs"), Some(Abbrev::Title));
        assert!(is_starter("Nevertheless") && !is_starter("Neverthelesss"));
        // NUL bytes at the end pack like the padding: the length limits do not count them
        for w in ["Messrs\0", "Dr\0\0\0\0\0", "approx\0\0", "Messrs\0x"] {
            assert_eq!(classify(w), classify_reference(w), "{w:?}");
        }
        assert_eq!(classify("Messrs\0"), Some(Abbrev::Title));
        assert_eq!(
            is_starter("Nevertheless\0"),
            in_list_reference(STARTERS, "Nevertheless\0")
        );
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
