//! Quoting around a hit, read from the original text: quoted speech (a hit inside one of the
//! segmenter's quoted spans of more than [`SCARE_WORDS`] words, [`in_speech`]) and scare
//! quotes (a short quoted span around the hit or right before it, [`scare_quoted`]).
//! Apostrophes (`Iran’s`) are told apart from quotes by the word characters around them.

use super::normalize::is_word_char;

/// The spans of `spans` that are quoted speech (longer than three words), into `out`: worked
/// out once per sentence, not once per hit, since a sentence of quoted speech often holds
/// several hits and counting a span's words walks it character by character.
pub(super) fn speech_spans(text: &str, spans: &[[usize; 2]], out: &mut Vec<[usize; 2]>) {
    out.clear();
    out.extend(spans.iter().copied().filter(|q| {
        q[0] <= q[1]
            && q[1] <= text.len()
            && text.is_char_boundary(q[0])
            && text.is_char_boundary(q[1])
            && words_up_to(&text[q[0]..q[1]], SCARE_WORDS + 1) > SCARE_WORDS
    }));
}

/// Whether `pos` lies in quoted speech: one of `speech` (from [`speech_spans`]).
pub(super) fn in_speech(speech: &[[usize; 2]], pos: usize) -> bool {
    speech.iter().any(|q| q[0] <= pos && pos < q[1])
}

/// Quoted spans of at most this many words are scare quotes, not speech.
const SCARE_WORDS: usize = 3;

/// Words of `s`: the runs of word characters, `'` and `’` with a word character in them.
///
/// One pass with a class per byte and no branch for ASCII, where splitting the text at every
/// other character and scanning each piece for a word character took a quarter more
/// instructions; other characters are classed by [`is_word_char`] as before. (Taking eight
/// ASCII bytes at a time saved nothing more: the spans are short and end in quote marks.)
fn word_count(s: &str) -> usize {
    words_up_to(s, usize::MAX)
}

/// [`word_count`], but counting stops at `limit`: whether a quoted span is speech needs its
/// first four words, not all of a long quotation's.
fn words_up_to(s: &str, limit: usize) -> usize {
    #[inline(always)]
    fn step(x: u8, n: &mut usize, seen: &mut u8) {
        let word = x & WORD;
        *n += usize::from(word & !*seen);
        *seen = (*seen | word) & (x >> 1);
    }
    let b = s.as_bytes();
    let mut n = 0usize;
    // 1 while in a run that has a word character already
    let mut seen = 0u8;
    let mut i = 0;
    while i < b.len() && n < limit {
        if b[i] < 0x80 {
            step(ASCII_CLASS[b[i] as usize], &mut n, &mut seen);
            i += 1;
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            let x = if is_word_char(c) {
                WORD | IN_WORD
            } else if c == '’' {
                IN_WORD
            } else {
                0
            };
            step(x, &mut n, &mut seen);
            i += c.len_utf8();
        }
    }
    n
}

/// A word character (it also keeps a word going).
const WORD: u8 = 1;
/// Keeps a word going: word characters, `'` and `’`.
const IN_WORD: u8 = 2;

/// [`word_count`]'s class of each ASCII byte.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphanumeric() {
            WORD | IN_WORD
        } else if c == b'\'' {
            IN_WORD
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Quote family of a character: 1 single, 2 double, 0 not a quote.
fn quote_family(c: char) -> u8 {
    match c {
        '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' => 1,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' => 2,
        _ => 0,
    }
}

/// Where the first opening quote of `s` starts: a quote character ([`quote_family`] not 0) at
/// the start of `s` or after a character that is not a word character. Both kinds of scare
/// quote need one before the hit (the wrapped kind opens with one, the modifier kind's quoted
/// span too), so a hit that starts at or before it (or in a sentence without one) is not
/// scare-quoted and skips the per-hit walk of [`scare_quoted`]. An apostrophe inside or at the
/// end of a word (`Iran’s`, `countries'`) opens nothing: on the benchmark corpus, testing for
/// any quote character in the sentence let 65k hits per 3000 documents through to the walk,
/// any quote character before the hit 56k, an opening quote before the hit 47k.
///
/// `s` is searched up to `limit` (a character boundary; a quote starting there or after is
/// not reported): the caller needs nothing after its last hit.
pub(super) fn first_open_quote(s: &str, limit: usize) -> Option<usize> {
    let b = &s.as_bytes()[..limit.min(s.len())];
    let mut from = 0;
    loop {
        let p = next_quote_char(b, from)?;
        if p == 0 || step_before(s, p).0 != Step::Word {
            return Some(p);
        }
        from = p + 1;
    }
}

/// Where the first character of a quote family ([`quote_family`] not 0) starts in `b[from..]`,
/// found on bytes: `'` `"`, `‘ ’ ‚ ‛ “ ” „ ‟` (E2 80 98–9F), `‹ ›` (E2 80 B9–BA) and `« »`
/// (C2 AB, C2 BB). Plain ASCII between candidates is skipped sixteen bytes at a time
/// ([`crate::bytescan::find_set_or_high`]). `from` may be inside a character: only lead bytes
/// are reported.
fn next_quote_char(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i = crate::bytescan::find_set_or_high(b, i, [b'\'', b'"']);
        match b.get(i) {
            None => return None,
            Some(b'\'' | b'"') => return Some(i),
            Some(0xE2)
                if b.get(i + 1) == Some(&0x80)
                    && matches!(b.get(i + 2), Some(0x98..=0x9F | 0xB9 | 0xBA)) =>
            {
                return Some(i)
            }
            Some(0xC2) if matches!(b.get(i + 1), Some(0xAB | 0xBB)) => return Some(i),
            Some(_) => i += 1,
        }
    }
}

/// Scare quotes around or just before the hit `start..end`, looking only inside `lo..hi`.
///
/// * wrapped: an opening quote right before the hit's words and a closing quote of the same
///   family right after, enclosing at most `max(3, words in the hit)` words
///   (`the “resistance”`, `“resistance front”`);
/// * modifier: the hit is preceded (across spaces or one hyphen) by a closing quote whose
///   quoted span has 1–3 words (`the ‘Israeli’ occupation regime`).
///
/// An opening quote must not follow a word character and a closing quote must not be followed
/// by one, so apostrophes (`Iran’s`) are never taken for quotes.
///
/// Both need an opening quote before `start`: the caller checks that once per sentence
/// ([`first_open_quote`]) rather than walking back from every hit.
pub(super) fn scare_quoted(text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
    let before = &text[lo..start];
    // wrapped; the hit's words are counted only when there are quotes on both sides
    if let Some((fam, extra_before)) = open_quote_before(before) {
        if let Some(extra_after) = close_quote_after(&text[end..hi], fam) {
            let hit_words = word_count(&text[start..end]).max(1);
            if hit_words + extra_before + extra_after <= SCARE_WORDS.max(hit_words) {
                return true;
            }
        }
    }
    // modifier: a closing quote after a word (or an abbreviation's dot), then spaces or one
    // hyphen, then the hit
    let trimmed = trim_spaces_end(before);
    let trimmed = trim_spaces_end(strip_hyphen_end(trimmed).unwrap_or(trimmed));
    if trimmed.is_empty() {
        return false;
    }
    if let (Step::Quote(fam), i) = step_before(trimmed, trimmed.len()) {
        let word_or_dot =
            i > 0 && (trimmed.as_bytes()[i - 1] == b'.' || step_before(trimmed, i).0 == Step::Word);
        if word_or_dot {
            if let Some((f2, words)) = open_quote_before(&trimmed[..i]) {
                if f2 == fam && (1..=SCARE_WORDS).contains(&words) {
                    return true;
                }
            }
        }
    }
    false
}

/// `s` without the spaces and no-break spaces it ends with: `trim_end_matches([' ', '\u{a0}'])`
/// on bytes.
fn trim_spaces_end(s: &str) -> &str {
    let mut b = s.as_bytes();
    loop {
        match b {
            [rest @ .., b' '] | [rest @ .., 0xC2, 0xA0] => b = rest,
            // a suffix of a `str` cut at a whole character: `b` is a prefix at a boundary
            _ => return &s[..b.len()],
        }
    }
}

/// `s` without the `-`, `‐` (U+2010) or `‑` (U+2011) it ends with, if it ends with one.
fn strip_hyphen_end(s: &str) -> Option<&str> {
    match s.as_bytes() {
        [rest @ .., b'-'] | [rest @ .., 0xE2, 0x80, 0x90 | 0x91] => Some(&s[..rest.len()]),
        _ => None,
    }
}

/// What [`open_quote_before`] makes of a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// A word character.
    Word,
    /// A space or a no-break space: between words.
    Space,
    /// `-` or `.`: stepped over.
    Skip,
    /// A character of quote family 1 (`'` `‘` `’` …) or 2 (`"` `“` `”` …).
    Quote(u8),
    /// Anything else: the walk stops.
    Stop,
}

/// The ASCII letters and digits, by byte: one load where `u8::is_ascii_alphanumeric` takes
/// three range tests.
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// [`Step`] of each ASCII character.
const ASCII_STEP: [Step; 128] = {
    let mut t = [Step::Stop; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = match c {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Step::Word,
            b' ' => Step::Space,
            b'-' | b'.' => Step::Skip,
            b'\'' => Step::Quote(1),
            b'"' => Step::Quote(2),
            _ => Step::Stop,
        };
        i += 1;
    }
    t
};

/// The [`Step`] of the character that ends at byte `end` of `s` (not 0, a character
/// boundary) and the byte it starts at: ASCII from a table, without decoding, and quote
/// characters without a look at the Unicode tables (none is a word character).
#[inline(always)]
fn step_before(s: &str, end: usize) -> (Step, usize) {
    let b = s.as_bytes()[end - 1];
    if b < 0x80 {
        return (ASCII_STEP[usize::from(b)], end - 1);
    }
    let c = s[..end]
        .chars()
        .next_back()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    let step = match quote_family(c) {
        0 if c == '\u{a0}' => Step::Space,
        0 if is_word_char(c) => Step::Word,
        0 => Step::Stop,
        fam => Step::Quote(fam),
    };
    (step, end - c.len_utf8())
}

/// Walk left over at most three words from the end of `s` looking for an opening quote that
/// starts them; returns its family and the number of whole words between it and the end.
///
/// One step per character, each classed once ([`step_before`]), and a run of ASCII letters
/// and digits in a tight loop of its own: the character after the current one (to the right)
/// is the one the step before looked at, and the one before it is looked at only for a quote
/// character. (Decoding the characters on both sides at every step, and asking
/// the Unicode tables about each, took about three times the instructions;
/// `tests::open_quote_before_reference` is that walk.)
fn open_quote_before(s: &str) -> Option<(u8, usize)> {
    let mut words = 0;
    let mut in_word = false;
    // whether the character after the current one (to its right) is a word character
    let mut next_word = false;
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 {
        // a run of ASCII letters and digits, the commonest step, without a table or a match
        if ALNUM[usize::from(b[end - 1])] {
            end -= 1;
            while end > 0 && ALNUM[usize::from(b[end - 1])] {
                end -= 1;
            }
            in_word = true;
            next_word = true;
            continue;
        }
        let (step, i) = step_before(s, end);
        end = i;
        match step {
            Step::Word => {
                in_word = true;
                next_word = true;
                continue;
            }
            Step::Space => {
                if in_word {
                    words += 1;
                    in_word = false;
                }
                if words >= SCARE_WORDS {
                    return None;
                }
            }
            Step::Skip => {}
            Step::Quote(fam) => {
                if i == 0 || step_before(s, i).0 != Step::Word {
                    // an opening quote: nothing but the words we crossed between it and the hit
                    return Some((fam, words + usize::from(in_word)));
                }
                // after a word character: an apostrophe inside a word goes on, anything else
                // ends the walk
                if fam != 1 || !next_word {
                    return None;
                }
            }
            Step::Stop => return None,
        }
        next_word = false;
    }
    None
}

/// The [`Step`] of the character that starts at byte `i` of `s` (a character boundary before
/// the end) and the byte after it: [`step_before`] looking right.
#[inline(always)]
fn step_at(s: &str, i: usize) -> (Step, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (ASCII_STEP[usize::from(b)], i + 1);
    }
    let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    let step = match quote_family(c) {
        0 if c == '\u{a0}' => Step::Space,
        0 if is_word_char(c) => Step::Word,
        0 => Step::Stop,
        fam => Step::Quote(fam),
    };
    (step, i + c.len_utf8())
}

/// Walk right over at most three words from the start of `s` looking for a closing quote of
/// family `fam`; returns the number of words crossed. Stepped as [`open_quote_before`] walks
/// left (`tests::close_quote_after_reference` decodes every character with both neighbours).
fn close_quote_after(s: &str, fam: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    // whether the character before the current one is a word character
    let mut prev_word = false;
    let mut i = 0;
    while i < b.len() {
        if ALNUM[usize::from(b[i])] {
            i += 1;
            while i < b.len() && ALNUM[usize::from(b[i])] {
                i += 1;
            }
            in_word = true;
            prev_word = true;
            continue;
        }
        let first = b[i];
        let (step, next) = step_at(s, i);
        i = next;
        match step {
            Step::Word => {
                in_word = true;
                prev_word = true;
                continue;
            }
            Step::Quote(f) => {
                let next_word = i < b.len() && step_at(s, i).0 == Step::Word;
                let apostrophe = f == 1 && prev_word && next_word;
                if !apostrophe {
                    // a closing quote of the family, or the end of the walk
                    return (f == fam && !next_word).then_some(words + usize::from(in_word));
                }
            }
            Step::Skip => {}
            Step::Space => {
                if in_word {
                    words += 1;
                    in_word = false;
                }
                if words >= SCARE_WORDS {
                    return None;
                }
            }
            // a comma is stepped over too (`“resistance,” he said`)
            Step::Stop if first == b',' => {}
            Step::Stop => return None,
        }
        prev_word = false;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::one;
    use super::is_word_char;
    use crate::segment::Sentence;

    /// [`super::word_count`] as it was written first: split at the characters that end a word,
    /// keep the pieces with a word character.
    fn word_count_reference(s: &str) -> usize {
        s.split(|c: char| !is_word_char(c) && c != '\'' && c != '’')
            .filter(|w| w.chars().any(is_word_char))
            .count()
    }

    proptest::proptest! {
        /// Over letters and digits of several scripts, a combining mark, apostrophes, quotes,
        /// dashes and `_`.
        #[test]
        fn word_count_equals_reference(s in "[aZ09_ '’‘“”.,\\-—éж٣\u{301}\u{a0}]{0,40}") {
            proptest::prop_assert_eq!(super::word_count(&s), word_count_reference(&s));
        }
    }

    #[test]
    fn words_up_to_stops_at_the_limit() {
        let s = "“Resistance will win over all of them,” he said";
        for limit in 0..12 {
            assert_eq!(super::words_up_to(s, limit), limit.min(9), "{limit}");
        }
    }

    #[test]
    fn word_count_keeps_apostrophes_in_words() {
        for s in [
            "",
            "'",
            "’’",
            "Iran’s ‘Israeli’ regime",
            "a'b 'c' d’ ’e",
            "é\u{301} ж-٣ _x_",
        ] {
            assert_eq!(super::word_count(s), word_count_reference(s), "{s:?}");
        }
        assert_eq!(super::word_count("Iran’s ‘Israeli’ regime"), 3);
    }

    /// The byte test finds exactly the characters `quote_family` knows, in any text.
    #[test]
    fn quote_chars_are_found_on_bytes() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            // short texts and long ones (the sixteen-byte steps)
            let pad = "plain ascii text, twenty";
            for s in [
                c.to_string(),
                format!("ab{c}"),
                format!("{c}x\u{2014}"),
                format!("{pad}{c}{pad}"),
                format!("{pad}\u{e9}{c}“"),
            ] {
                assert_eq!(
                    super::next_quote_char(s.as_bytes(), 0),
                    s.char_indices()
                        .find(|&(_, c)| super::quote_family(c) != 0)
                        .map(|(i, _)| i),
                    "{c:?} in {s:?}"
                );
            }
        }
        assert_eq!(
            super::next_quote_char("Iran\u{2014}the \u{2026} regime \u{2013} x".as_bytes(), 0),
            None
        );
    }

    /// The steps of the walks class every character as the walks first written did.
    #[test]
    fn steps_class_every_character() {
        use super::Step;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = if is_word_char(c) {
                Step::Word
            } else if c == ' ' || c == '\u{a0}' {
                Step::Space
            } else if c == '-' || c == '.' {
                Step::Skip
            } else if super::quote_family(c) != 0 {
                Step::Quote(super::quote_family(c))
            } else {
                Step::Stop
            };
            let s = format!("a{c}b");
            let n = c.len_utf8();
            assert_eq!(super::step_at(&s, 1), (want, 1 + n), "{c:?}");
            assert_eq!(super::step_before(&s, 1 + n), (want, 1), "{c:?}");
            if c.is_ascii() {
                assert_eq!(super::ALNUM[c as usize], want == Step::Word, "{c:?}");
            }
        }
        assert!(!super::ALNUM[0x80..].iter().any(|&x| x));
    }

    /// [`super::open_quote_before`] as it was first written: every character decoded with
    /// both of its neighbours.
    fn open_quote_before_reference(s: &str) -> Option<(u8, usize)> {
        let mut words = 0;
        let mut in_word = false;
        for (i, c) in s.char_indices().rev() {
            let prev = s[..i].chars().next_back();
            if is_word_char(c) {
                in_word = true;
                continue;
            }
            let fam = super::quote_family(c);
            let next = s[i + c.len_utf8()..].chars().next();
            let apostrophe =
                fam == 1 && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
            if apostrophe || c == '-' || c == '.' {
                continue;
            }
            if fam != 0 && !prev.is_some_and(is_word_char) {
                return Some((fam, words + usize::from(in_word)));
            }
            if c == ' ' || c == '\u{a0}' {
                if in_word {
                    words += 1;
                    in_word = false;
                }
                if words >= super::SCARE_WORDS {
                    return None;
                }
                continue;
            }
            return None;
        }
        None
    }

    /// [`super::close_quote_after`] as it was first written.
    fn close_quote_after_reference(s: &str, fam: u8) -> Option<usize> {
        let mut words = 0;
        let mut in_word = false;
        let mut prev: Option<char> = None;
        let mut it = s.char_indices().peekable();
        while let Some((_, c)) = it.next() {
            let next = it.peek().map(|x| x.1);
            if is_word_char(c) {
                in_word = true;
                prev = Some(c);
                continue;
            }
            let f = super::quote_family(c);
            let apostrophe =
                f == 1 && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
            if !apostrophe && f == fam && !next.is_some_and(is_word_char) {
                return Some(words + usize::from(in_word));
            }
            if apostrophe || c == '-' || c == '.' || c == ',' {
                prev = Some(c);
                continue;
            }
            if c == ' ' || c == '\u{a0}' {
                if in_word {
                    words += 1;
                    in_word = false;
                }
                if words >= super::SCARE_WORDS {
                    return None;
                }
                prev = Some(c);
                continue;
            }
            return None;
        }
        None
    }

    /// [`super::scare_quoted`] as it was first written, called for every hit: the hit's words
    /// counted first, no test for a quote character before the hit.
    fn scare_quoted_reference(text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
        let before = &text[lo..start];
        let after = &text[end..hi];
        let hit_words = super::word_count(&text[start..end]).max(1);
        let limit = super::SCARE_WORDS.max(hit_words);
        if let Some((fam, extra_before)) = open_quote_before_reference(before) {
            if let Some(extra_after) = close_quote_after_reference(after, fam) {
                if hit_words + extra_before + extra_after <= limit {
                    return true;
                }
            }
        }
        let trimmed = before.trim_end_matches([' ', '\u{a0}']);
        let trimmed = trimmed
            .strip_suffix(['-', '‐', '‑'])
            .unwrap_or(trimmed)
            .trim_end_matches([' ', '\u{a0}']);
        let mut rev = trimmed.chars().rev();
        if let (Some(q), Some(prev)) = (rev.next(), rev.next()) {
            let fam = super::quote_family(q);
            if fam != 0 && (is_word_char(prev) || prev == '.') {
                let inner = &trimmed[..trimmed.len() - q.len_utf8()];
                if let Some((f2, words)) = open_quote_before_reference(inner) {
                    if f2 == fam && (1..=super::SCARE_WORDS).contains(&words) {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// Scare quotes as the matcher now asks for them: not at all for a hit that starts at or
    /// before the sentence's first opening quote (searched up to the hit, or further).
    fn scare_quoted_fast(text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
        let limits = [start - lo, end - lo, hi - lo];
        let open = super::first_open_quote(&text[lo..hi], limits[(start + end) % 3]);
        open.is_some_and(|q| lo + q < start) && super::scare_quoted(text, lo, hi, start, end)
    }

    /// [`super::first_open_quote`] character by character.
    fn first_open_quote_reference(s: &str) -> Option<usize> {
        s.char_indices()
            .find(|&(i, c)| {
                super::quote_family(c) != 0 && !s[..i].chars().next_back().is_some_and(is_word_char)
            })
            .map(|(i, _)| i)
    }

    /// Every span of `s` between character boundaries, inside `lo..hi` cut at every boundary
    /// too when `s` is short.
    fn check_every_span(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let b: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let outer: Vec<(usize, usize)> = if b.len() <= 12 {
            b.iter()
                .flat_map(|&lo| b.iter().map(move |&hi| (lo, hi)))
                .filter(|(lo, hi)| lo < hi)
                .collect()
        } else {
            vec![(0, s.len()), (b[2], b[b.len() - 3])]
        };
        for &x in &b {
            for fam in [1, 2] {
                proptest::prop_assert_eq!(
                    super::close_quote_after(&s[x..], fam),
                    close_quote_after_reference(&s[x..], fam)
                );
            }
            let open = first_open_quote_reference(s).filter(|&q| q < x);
            proptest::prop_assert_eq!(super::first_open_quote(s, x), open);
            proptest::prop_assert_eq!(
                super::open_quote_before(&s[..x]),
                open_quote_before_reference(&s[..x]),
                "{:?}",
                &s[..x]
            );
        }
        for (lo, hi) in outer {
            for &start in b.iter().filter(|&&x| lo <= x && x < hi) {
                for &end in b.iter().filter(|&&x| start < x && x <= hi) {
                    proptest::prop_assert_eq!(
                        scare_quoted_fast(s, lo, hi, start, end),
                        scare_quoted_reference(s, lo, hi, start, end),
                        "{:?} in {:?}",
                        &s[start..end],
                        &s[lo..hi]
                    );
                }
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Over words of a few scripts, every quote character of both families, apostrophes
        /// between letters, dashes and hyphens, dots, spaces, no-break spaces and a combining
        /// mark: the walk and the scare-quote test as first written.
        #[test]
        fn scare_quotes_equal_reference(
            s in "([aZ9é\u{301}ж٣_.,;!?()\\-‐‑—]|[ \u{a0}]|['\"‘’‚‛“”„‟‹›«»]|Iran’s|a'b|ab){0,24}"
        ) {
            check_every_span(&s)?;
        }
    }

    #[test]
    fn scare_quotes_equal_reference_on_news_phrases() {
        for s in [
            "ties with the ‘Israeli’ occupation regime and the “resistance”, and 'Israeli' occupiers",
            "Iran's occupation regime; the countries' occupation regime; “Resistance will win over all of them,” he said",
            "the so-called \"Islamic State\" and the « résistance » of the ‹axis› — ‘Zionist’-regime",
            "a ‘b c d e’ f “g”h i’j “k l m”. n ‘o’ - p „q“ r",
        ] {
            check_every_span(s).unwrap();
        }
    }

    #[test]
    fn scare_quotes() {
        let m = one(r#""occupation regime", "resistance", "occupiers""#);
        let h = m.find("ties with the ‘Israeli’ occupation regime and the “resistance”, and 'Israeli' occupiers");
        assert_eq!(h.len(), 3);
        assert!(h.iter().all(|h| h.scare_quoted), "{h:?}");
        let h = m.find("Iran's occupation regime; the countries' occupation regime; “Resistance will win over all of them,” he said");
        assert_eq!(h.len(), 3);
        assert!(h.iter().all(|h| !h.scare_quoted), "{h:?}");
    }

    #[test]
    fn quoted_speech_from_sentence_spans() {
        let m = one(r#""resistance""#);
        let text = "“We back the resistance in the region,” he said of the “resistance”.";
        let close = text.find('”').unwrap() + '”'.len_utf8();
        let s2 = text.rfind('“').unwrap();
        let sentence = Sentence {
            text: text.to_string(),
            start: 0,
            end: text.len(),
            paragraph: 0,
            quoted: vec![[0, close], [s2, text.len() - 1]],
        };
        let h = m.find_in_sentences(text, &[sentence]);
        assert_eq!(h.len(), 2);
        assert!(h[0].quoted && !h[0].scare_quoted);
        assert!(!h[1].quoted && h[1].scare_quoted, "{:?}", h[1]);
    }
}
