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

/// Whether `s` has a character of a quote family ([`quote_family`] not 0), found on bytes:
/// `'` `"`, `‘ ’ ‚ ‛ “ ” „ ‟` (E2 80 98–9F), `‹ ›` (E2 80 B9–BA) and `« »` (C2 AB, C2 BB).
/// Both kinds of scare quote need one before the hit, so a sentence without any has no scare-
/// quoted hit, and its hits skip the per-hit walk of [`scare_quoted`]. Plain ASCII between
/// candidates is skipped sixteen bytes at a time ([`crate::bytescan::find_set_or_high`]): the
/// test was a loop over every byte of every sentence with a hit.
pub(super) fn has_quote_char(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        i = crate::bytescan::find_set_or_high(b, i, [b'\'', b'"']);
        match b.get(i) {
            None => return false,
            Some(b'\'' | b'"') => return true,
            Some(0xE2)
                if b.get(i + 1) == Some(&0x80)
                    && matches!(b.get(i + 2), Some(0x98..=0x9F | 0xB9 | 0xBA)) =>
            {
                return true
            }
            Some(0xC2) if matches!(b.get(i + 1), Some(0xAB | 0xBB)) => return true,
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
pub(super) fn scare_quoted(text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
    let before = &text[lo..start];
    let after = &text[end..hi];
    let hit_words = word_count(&text[start..end]).max(1);
    let limit = SCARE_WORDS.max(hit_words);
    // wrapped
    if let Some((fam, extra_before)) = open_quote_before(before) {
        if let Some(extra_after) = close_quote_after(after, fam) {
            if hit_words + extra_before + extra_after <= limit {
                return true;
            }
        }
    }
    // modifier
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    let trimmed = trimmed
        .strip_suffix(['-', '‐', '‑'])
        .unwrap_or(trimmed)
        .trim_end_matches([' ', '\u{a0}']);
    let mut rev = trimmed.chars().rev();
    if let (Some(q), Some(prev)) = (rev.next(), rev.next()) {
        let fam = quote_family(q);
        if fam != 0 && (is_word_char(prev) || prev == '.') {
            let inner = &trimmed[..trimmed.len() - q.len_utf8()];
            if let Some((f2, words)) = open_quote_before(inner) {
                if f2 == fam && (1..=SCARE_WORDS).contains(&words) {
                    return true;
                }
            }
        }
    }
    false
}

/// Walk left over at most three words from the end of `s` looking for an opening quote that
/// starts them; returns its family and the number of whole words between it and the end.
fn open_quote_before(s: &str) -> Option<(u8, usize)> {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().rev() {
        let prev = s[..i].chars().next_back();
        if is_word_char(c) {
            in_word = true;
            continue;
        }
        let fam = quote_family(c);
        let next = s[i + c.len_utf8()..].chars().next();
        let apostrophe =
            fam == 1 && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
        if apostrophe || c == '-' || c == '.' {
            continue;
        }
        if fam != 0 && !prev.is_some_and(is_word_char) {
            // an opening quote: nothing but the words we crossed between it and the hit
            return Some((fam, words + usize::from(in_word)));
        }
        if c == ' ' || c == '\u{a0}' {
            if in_word {
                words += 1;
                in_word = false;
            }
            if words >= SCARE_WORDS {
                return None;
            }
            continue;
        }
        return None;
    }
    None
}

/// Walk right over at most three words from the start of `s` looking for a closing quote of
/// family `fam`; returns the number of words crossed.
fn close_quote_after(s: &str, fam: u8) -> Option<usize> {
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
        let f = quote_family(c);
        let apostrophe = f == 1 && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
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
            if words >= SCARE_WORDS {
                return None;
            }
            prev = Some(c);
            continue;
        }
        return None;
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
            ] {
                assert_eq!(
                    super::has_quote_char(&s),
                    s.chars().any(|c| super::quote_family(c) != 0),
                    "{c:?} in {s:?}"
                );
            }
        }
        assert!(!super::has_quote_char(
            "Iran\u{2014}the \u{2026} regime \u{2013} x"
        ));
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
