//! Text normalisation shared by every stage.
//!
//! Scraped news text writes the same word many ways: curly or straight apostrophes, en or em
//! dashes, "Ḥizbullāh" or "Hizbullah", "Regime" or "regime". Comparison and lexicon matching
//! happen on a *normalised* form: case-folded, quotes and dashes folded to ASCII, diacritics
//! (combining marks) removed, Arabic/Persian letter variants unified, zero-width characters
//! dropped. [`normalize_with_offsets`] also returns, for every byte of the normalised string, the
//! byte offset in the original it came from, so matches found in normalised text map back to
//! exact spans of the article.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Fold one already-decomposed, non-combining character to its comparison form, pushing the
/// result onto `out`. Returns nothing: characters that vanish (zero-width) push nothing.
#[inline]
fn push_folded(c: char, out: &mut String) {
    match c {
        // apostrophes and single quotes
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{02BB}' | '\u{FF07}' | '`' | '\u{00B4}' => out.push('\''),
        // double quotes
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => out.push('"'),
        // dashes and hyphens
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        // zero-width and formatting characters: invisible, so they must not split or join words
        '\u{200B}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => {}
        // non-breaking and other spaces
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            out.push(' ')
        }
        // Arabic/Persian letter variants and tatweel
        '\u{06CC}' | '\u{0649}' => out.push('\u{064A}'), // Farsi yeh, alef maksura → yeh
        '\u{06A9}' => out.push('\u{0643}'),              // keheh → kaf
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => out.push('\u{0627}'), // alef forms
        '\u{0640}' => {}                                 // tatweel
        'ß' => out.push_str("ss"),
        'ı' => out.push('i'),
        'ø' | 'Ø' => out.push('o'),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// Fold one character of the original text exactly as [`normalize`] does (decompose, drop
/// combining marks, fold quotes/dashes/letter variants, lowercase), appending the result to
/// `out`. Lets fast scanners (the lexicon matcher) keep their own ASCII path while producing
/// byte-for-byte the same normalised text for everything else.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            push_folded(d, out);
        }
    });
}

/// Normalise `s` for comparison: see the module docs for what is folded.
pub fn normalize(s: &str) -> String {
    normalize_with_offsets(s).0
}

/// Normalise `s` and map every byte of the result back to the byte offset in `s` of the
/// character it came from. The returned vector has one entry per byte of the normalised string
/// plus a final entry equal to `s.len()`, so a normalised span `a..b` maps to the original span
/// `map[a]..map_end(b)` where the end is the start of the next original character.
pub fn normalize_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut tmp = String::new();
    for (i, c) in s.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(i);
            continue;
        }
        tmp.clear();
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                push_folded(d, &mut tmp);
            }
        });
        out.push_str(&tmp);
        map.extend(std::iter::repeat_n(i, tmp.len()));
    }
    map.push(s.len());
    (out, map)
}

/// Collapse every run of whitespace (including newlines) to one space and trim the ends.
/// Used wherever a sentence is printed on one line.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The bytes of a file the user named as a `kind` ("lexicon file", "dictionary file", …): a
/// directory or an unreadable file is a one-line error naming it, before any parsing starts.
pub(crate) fn read_user_file(path: &std::path::Path, kind: &str) -> crate::Result<Vec<u8>> {
    use crate::Error;
    if path.is_dir() {
        return Err(Error::input(path, format!("is a directory, not a {kind}")));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Read a user's UTF-8 text file (a lexicon, a gold file): a directory or a non-UTF-8 file is a
/// one-line error naming the file and saying what it should have been (`kind`).
pub(crate) fn read_utf8_file(path: &std::path::Path, kind: &str) -> crate::Result<String> {
    use crate::Error;
    let bytes = read_user_file(path, kind)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::input(
            path,
            format!(
                "is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_dashes_and_diacritics() {
        assert_eq!(
            normalize("Iran’s “Zionist” Ḥizbullāh — Café"),
            "iran's \"zionist\" hizbullah - cafe"
        );
    }

    #[test]
    fn drops_zero_width_characters() {
        assert_eq!(normalize("re\u{200B}gime"), "regime");
    }

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(normalize("\u{06A9}\u{06CC}"), "\u{0643}\u{064A}");
    }

    /// The original text's byte range of a normalised range, from the offset map.
    fn original_span(map: &[usize], original: &str, start: usize, end: usize) -> (usize, usize) {
        let s = map[start.min(map.len() - 1)];
        if end == 0 {
            return (s, s);
        }
        let last = map[(end - 1).min(map.len() - 1)];
        let e = original[last..]
            .chars()
            .next()
            .map(|c| last + c.len_utf8())
            .unwrap_or(original.len());
        (s, e.max(s))
    }

    #[test]
    fn offsets_map_back_to_original_characters() {
        let s = "Ḥizb’s X";
        let (n, map) = normalize_with_offsets(s);
        assert_eq!(n, "hizb's x");
        assert_eq!(map.len(), n.len() + 1);
        let (a, b) = original_span(&map, s, 0, 4);
        assert_eq!(&s[a..b], "Ḥizb");
        let (a, b) = original_span(&map, s, 4, 6);
        assert_eq!(&s[a..b], "’s");
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(collapse_whitespace("  a \n b\t c "), "a b c");
    }
}
