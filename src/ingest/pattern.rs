//! Chrome patterns that cost nothing until a paragraph could match them.
//!
//! The classifier's regexes are Unicode-aware and case-insensitive, and compiling them was a
//! third of `compare`'s start-up (issue 15): about a dozen of them, most never matching an
//! article's paragraph. Each [`Pattern`] therefore pairs its regex with a cheap *necessary*
//! condition on the paragraph (a word it must start with, a literal it must contain), and the
//! regex is compiled on first use only, when a paragraph passes that condition. Because the
//! condition only rules out paragraphs the regex could never match, results are exactly the
//! regex's; a test checks every condition against its regex on every fixture paragraph.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// A paragraph lowercased as a case-insensitive regex compares letters with ASCII ones: ASCII
/// case, and the two non-ASCII letters whose simple case folding is an ASCII letter (KELVIN
/// SIGN `K` is `k`, LONG S `ſ` is `s`). Every other character is kept as it is, so a literal
/// of ASCII letters occurs here exactly where `(?i)` could match it in the original.
pub(crate) struct Folded(String);

impl Folded {
    pub(crate) fn new(t: &str) -> Folded {
        // KELVIN SIGN is E2 84 AA in UTF-8 and LONG S is C5 BF: without a 0x84 or a 0xC5 byte
        // neither is there, and lowercasing the ASCII bytes of the whole string is what the
        // loop below does (a curly quote in most paragraphs sent them through it, a character
        // and a push at a time).
        if !crate::bytescan::contains_any(t.as_bytes(), [0x84, 0xC5]) {
            return Folded(t.to_ascii_lowercase());
        }
        Folded(
            t.chars()
                .map(|c| match c {
                    '\u{212A}' => 'k',
                    'ſ' => 's',
                    c => c.to_ascii_lowercase(),
                })
                .collect(),
        )
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it starts with any of `prefixes` (ASCII lowercase).
    pub(crate) fn starts_with_any(&self, prefixes: &[&str]) -> bool {
        prefixes.iter().any(|p| self.0.starts_with(p))
    }

    /// Whether it contains `needle` (ASCII lowercase).
    pub(crate) fn contains(&self, needle: &str) -> bool {
        self.0.contains(needle)
    }

    /// Its length in bytes without the characters at its end that are neither letters nor
    /// ASCII digits. Those include every `\W` character (in either regex mode), so a pattern
    /// `^(?:…)\W*$` whose alternatives are at most `n` ASCII bytes long can only match a
    /// paragraph for which this is at most `n`: a length bound that rules out prose paragraphs
    /// which merely start with one of its words ("Advisor to…" for "ad").
    pub(crate) fn len_without_trailing_nonword(&self) -> usize {
        self.0
            .trim_end_matches(|c: char| !c.is_alphabetic() && !c.is_ascii_digit())
            .len()
    }

    /// Whether it contains any of the characters `chars`.
    pub(crate) fn contains_any(&self, chars: &[char]) -> bool {
        self.0.contains(chars)
    }
}

/// A built-in regex with a necessary condition: [`Pattern::is_match`] answers as the regex
/// does, but compiles and runs it only for paragraphs that pass `might_match` (given the
/// paragraph and its folded form).
///
/// An ASCII paragraph is matched with the regex compiled in ASCII mode (`(?-u)`, on bytes), which
/// compiles several times faster: on ASCII text `\s`, `\d`, `\w`, `\b`, `.` and `(?i)` mean the
/// same in both modes. Patterns with non-ASCII characters or Unicode classes (`\p{…}`) always use
/// the Unicode regex.
pub(crate) struct Pattern {
    regex: &'static str,
    might_match: fn(&str, &Folded) -> bool,
    unicode: OnceLock<Regex>,
    ascii: OnceLock<Option<regex::bytes::Regex>>,
}

impl Pattern {
    pub(crate) const fn new(
        regex: &'static str,
        might_match: fn(&str, &Folded) -> bool,
    ) -> Pattern {
        Pattern {
            regex,
            might_match,
            unicode: OnceLock::new(),
            ascii: OnceLock::new(),
        }
    }

    /// The Unicode regex (compiled now if it was not yet).
    fn unicode(&self) -> &Regex {
        self.unicode
            .get_or_init(|| Regex::new(self.regex).expect("built-in regex is valid"))
    }

    /// The ASCII-mode regex, if the pattern has one (compiled now if it was not yet).
    fn ascii(&self) -> Option<&regex::bytes::Regex> {
        self.ascii
            .get_or_init(|| {
                if !self.regex.is_ascii() || self.regex.contains(r"\p") {
                    return None;
                }
                regex::bytes::Regex::new(&format!("(?-u){}", self.regex)).ok()
            })
            .as_ref()
    }

    /// Whether the regex matches `t`, whose folded form is `folded`.
    pub(crate) fn is_match(&self, t: &str, folded: &Folded) -> bool {
        (self.might_match)(t, folded) && self.find_unguarded(t).is_some()
    }

    /// The byte range of the regex's first match in `t`, whose folded form is `folded`.
    pub(crate) fn find(&self, t: &str, folded: &Folded) -> Option<Range<usize>> {
        if (self.might_match)(t, folded) {
            self.find_unguarded(t)
        } else {
            None
        }
    }

    /// The regex's first match in `t`, without the condition (for a caller that checked one of
    /// its own).
    pub(crate) fn find_unguarded(&self, t: &str) -> Option<Range<usize>> {
        if t.is_ascii() {
            if let Some(re) = self.ascii() {
                return re.find(t.as_bytes()).map(|m| m.range());
            }
        }
        self.unicode().find(t).map(|m| m.range())
    }

    /// Whether `t` passes the necessary condition (for tests: it must hold wherever the regex
    /// matches).
    #[cfg(test)]
    pub(crate) fn might_match(&self, t: &str) -> bool {
        (self.might_match)(t, &Folded::new(t))
    }

    /// The first match of the Unicode regex and of the ASCII one (if any), for tests: on ASCII
    /// text they must agree.
    #[cfg(test)]
    pub(crate) fn both(&self, t: &str) -> (Option<Range<usize>>, Option<Option<Range<usize>>>) {
        (
            self.unicode().find(t).map(|m| m.range()),
            self.ascii()
                .map(|re| re.find(t.as_bytes()).map(|m| m.range())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Folded::new`] as it was, a character at a time for any non-ASCII text: the reference.
    fn folded_reference(t: &str) -> String {
        t.chars()
            .map(|c| match c {
                '\u{212A}' => 'k',
                'ſ' => 's',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn folded_equals_reference(
            t in "([a-zA-Z0-9 .,:'\"-]{0,20}|[\u{212A}ſſKkÅÄĄąĆŻ„…’“”—\u{a0}\u{301}é東Ж\u{2184}\u{0184}]){0,10}"
        ) {
            let folded = Folded::new(&t);
            proptest::prop_assert_eq!(folded.as_str(), folded_reference(&t));
        }
    }

    /// The premise of [`Folded`]: under `(?i)`, the only non-ASCII characters that match an
    /// ASCII letter are KELVIN SIGN and LONG S.
    #[test]
    fn only_kelvin_and_long_s_fold_to_ascii_letters() {
        let re = Regex::new(r"(?i)^[a-z]$").unwrap();
        let mut buf = [0u8; 4];
        let odd: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && re.is_match(c.encode_utf8(&mut buf)))
            .collect();
        assert_eq!(odd, ['ſ', '\u{212A}']);
    }

    #[test]
    fn folding_keeps_other_characters() {
        assert_eq!(Folded::new("Ad \u{212A}ſ É ’").as_str(), "ad ks É ’");
    }
}
