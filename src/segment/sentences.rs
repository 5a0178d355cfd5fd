//! Sentence boundary disambiguation for English news prose.
//!
//! # How it works
//!
//! One left-to-right pass over the bytes of a paragraph. Only a handful of bytes can start a
//! terminator (`.`, `!`, `?`, and the lead bytes of `…`, `‼`, `⁇`, `。`, `！`, `？`, `؟`); every
//! other byte is skipped with a table lookup, so the cost is linear and allocation-free. At a
//! terminator the decision uses only a small window around it:
//!
//! * the terminator *run* (`?!`, `...`, `. . . .`, `…`) and the closing quotes and brackets
//!   glued to it (`.”`, `.)`, `?'`): the sentence ends after them;
//! * the next token: a lowercase word never starts a sentence ("Yahoo! in", "'great.' she
//!   said"), so no break;
//! * for a period, the word before it: ordinary words and numbers end a sentence before a
//!   capital; abbreviations, dotted acronyms ("U.S.") and single letters ("E.") only end one
//!   before a typical sentence starter ("The", "He", "How") — see [`super::abbreviations`].
//!
//! Line structure inside a paragraph adds *forced* breaks before the scan: a line starting with
//! a list marker, a line after a title-shaped line without final punctuation (a headline or
//! dateline), every line of a block of short unpunctuated lines (a tag list), and inline list
//! items when the paragraph itself starts with a marker ("1.) first 2.) second").
//!
//! # Limits
//!
//! A sentence never exceeds [`MAX_SENTENCE`] bytes: text without usable punctuation (a table
//! dump, a 100 MB single line) is cut at the last whitespace in the second half of the window
//! (or at a character boundary if there is none), which keeps every step linear.

use super::abbreviations::{classify, is_preposition, is_starter, Abbrev};
use crate::bytescan;

/// Longest sentence in bytes; longer runs without a boundary are cut at whitespace.
pub const MAX_SENTENCE: usize = 4096;

/// How far back (bytes) the word before a period is looked for.
const WINDOW: usize = 64;

/// Bytes that may start a terminator.
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true; // … ‼ ⁇ ⁈ ⁉
    t[0xE3] = true; // 。
    t[0xEF] = true; // ！ ？ ｡
    t[0xD8] = true; // ؟
    t
};

/// The first offset at or after `i` whose byte may start a terminator ([`CANDIDATE`]), or
/// `bytes.len()` (or `i` when past it). Runs of ASCII without `.`, `!` or `?` (most of a
/// sentence) are skipped sixteen bytes at a time: one byte per step, this loop was most of the
/// splitter's cost.
#[inline]
fn next_candidate(bytes: &[u8], i: usize) -> usize {
    bytescan::find_lead(bytes, i, [b'.', b'!', b'?'], &CANDIDATE)
}

/// Split one paragraph into sentences, pushing byte spans (relative to `p`) that are trimmed,
/// non-empty, ordered, non-overlapping and on character boundaries.
pub(crate) fn split_paragraph(p: &str, out: &mut Vec<(usize, usize)>) {
    let mut forced = Vec::new();
    list_item_starts(p, &mut forced);
    // sixteen bytes at a time: most paragraphs have no line break, and `[u8]::contains` (a
    // word-at-a-time `memchr`) read each of them whole at twice the cost
    if bytescan::contains_any(p.as_bytes(), [b'\n']) {
        line_break_starts(p, &mut forced);
    }
    forced.sort_unstable();
    forced.dedup();
    let mut a = 0;
    for f in forced {
        if f > a && f < p.len() {
            scan(&p[..f], a, out);
            a = f;
        }
    }
    scan(p, a, out);
}

/// What to do after looking at a candidate terminator.
enum Step {
    /// No boundary; continue scanning at this byte offset.
    Continue(usize),
    /// The sentence ends at this byte offset.
    Break(usize),
}

/// Scan `s[a..]` (where `s` is cut at the region end) and push its sentences.
fn scan(s: &str, a: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut start = skip_ws(s, a);
    let mut i = skip_marker(s, start);
    loop {
        i = next_candidate(bytes, i);
        while i.min(n) - start > MAX_SENTENCE {
            let cut = cap_cut(s, start);
            push(s, start, cut, out);
            start = skip_ws(s, cut);
        }
        if i >= n {
            break;
        }
        i = i.max(start);
        match decide(s, start, i) {
            Step::Continue(next) => i = next.max(i + 1),
            Step::Break(end) => {
                let end = end.max(i + 1).min(n);
                push(s, start, end, out);
                start = skip_ws(s, end);
                i = skip_marker(s, start);
            }
        }
    }
    push(s, start, n, out);
}

/// Where to cut a sentence that reached [`MAX_SENTENCE`] bytes without a boundary.
fn cap_cut(s: &str, start: usize) -> usize {
    let hi = floor_boundary(s, start + MAX_SENTENCE);
    let lo = start + MAX_SENTENCE / 2;
    let bytes = s.as_bytes();
    let mut j = hi;
    while j > lo {
        j -= 1;
        if matches!(bytes[j], b' ' | b'\n' | b'\t' | b'\r') {
            return j;
        }
    }
    hi
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// Push the trimmed span `s[a..e]` if it is not empty.
fn push(s: &str, a: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    if a >= e {
        return;
    }
    let t = &s[a..e];
    let ts = t.trim_start();
    let lead = t.len() - ts.len();
    let tt = ts.trim_end();
    if !tt.is_empty() {
        out.push((a + lead, a + lead + tt.len()));
    }
}

/// First offset at or after `i` that is not whitespace.
pub(crate) fn skip_ws(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_whitespace() && b != 0x0B {
                return i;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => return i,
            }
        }
    }
    i
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|r| r.chars().next_back())
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '„' | '¿' | '¡'
    )
}

/// Offset after the closing quotes/brackets starting at `i`.
fn closers(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i) {
        if !is_closer(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// A run of terminator characters starting at a candidate byte.
struct Run {
    end: usize,
    dots: usize,
    bangs: usize,
    /// Dots separated by single spaces (". . .").
    spaced: bool,
    /// A space right after the first dot ("word. . . .").
    first_gap: bool,
}

fn run(bytes: &[u8], i: usize) -> Run {
    let mut r = Run {
        end: i,
        dots: 0,
        bangs: 0,
        spaced: false,
        first_gap: false,
    };
    let mut j = i;
    loop {
        match bytes.get(j) {
            Some(b'.') => {
                r.dots += 1;
                j += 1;
            }
            Some(b'!' | b'?') => {
                r.bangs += 1;
                j += 1;
            }
            Some(0xE2) => match bytes.get(j + 1..j + 3) {
                Some([0x80, 0xA6]) => {
                    r.dots += 3;
                    j += 3;
                }
                Some([0x80, 0xBC]) | Some([0x81, 0x87..=0x89]) => {
                    r.bangs += 1;
                    j += 3;
                }
                _ => break,
            },
            Some(0xD8) if bytes.get(j + 1) == Some(&0x9F) => {
                r.bangs += 1;
                j += 2;
            }
            Some(b' ') if r.dots > 0 && r.bangs == 0 && bytes.get(j + 1) == Some(&b'.') => {
                if r.dots == 1 {
                    r.first_gap = true;
                }
                r.spaced = true;
                j += 1;
            }
            _ => break,
        }
    }
    r.end = j;
    r
}

/// Kind of the first word after a terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    End,
    Lower,
    Upper,
    Digit,
    Other,
}

struct Next<'a> {
    kind: Kind,
    /// The alphabetic word (for starter lookups).
    word: &'a str,
    /// An opening quote or bracket came first.
    opened: bool,
}

/// Look at the first token after whitespace at `k`.
fn next_token(s: &str, k: usize) -> Next<'_> {
    let mut w = skip_ws(s, k);
    let mut opened = false;
    while let Some(c) = char_at(s, w) {
        if !is_opener(c) || w - k > 16 {
            break;
        }
        opened = true;
        w += c.len_utf8();
    }
    let Some(c) = char_at(s, w) else {
        return Next {
            kind: if opened { Kind::Other } else { Kind::End },
            word: "",
            opened,
        };
    };
    let kind = if c.is_lowercase() {
        Kind::Lower
    } else if c.is_uppercase() {
        Kind::Upper
    } else if c.is_ascii_digit() {
        Kind::Digit
    } else {
        Kind::Other
    };
    let rest = &s[w..];
    let len = word_len_ascii(rest.as_bytes()).unwrap_or_else(|| word_len(rest));
    let len = floor_boundary(rest, len);
    Next {
        kind,
        word: &rest[..len],
        opened,
    }
}

/// Where the word at the start of `rest` ends for [`next_token`]: at its first character (of the
/// first 24) that is not a letter; when there is none, after 96 bytes or at the end (to be
/// floored to a character boundary).
fn word_len(rest: &str) -> usize {
    rest.char_indices()
        .take(24)
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len().min(96), |(p, _)| p)
}

/// [`word_len`] when its first 24 bytes, up to the first byte that is not a letter, are ASCII
/// (a byte loop instead of decoding characters and Unicode's letter test); `None` at a
/// non-ASCII byte before that.
#[inline]
fn word_len_ascii(rest: &[u8]) -> Option<usize> {
    for (p, &b) in rest.iter().take(24).enumerate() {
        if !b.is_ascii_alphabetic() {
            return if b < 0x80 { Some(p) } else { None };
        }
    }
    Some(rest.len().min(96))
}

/// The word before a period at `i` (not before `start`), without opening/closing punctuation.
/// Returns its start offset and text. An ASCII word after ASCII whitespace (or after the
/// window's start) is found by [`prev_token_ascii`].
fn prev_token(s: &str, start: usize, i: usize) -> (usize, &str) {
    prev_token_ascii(s, start, i).unwrap_or_else(|| prev_token_chars(s, start, i))
}

/// [`prev_token`] one byte at a time back from `i`, when the bytes back to the whitespace before
/// the word (or to the window's start) are ASCII; `None` at a non-ASCII byte. Decoding the
/// characters backwards and trimming with `char` patterns cost twice the rest of the decision.
#[inline]
fn prev_token_ascii(s: &str, start: usize, i: usize) -> Option<(usize, &str)> {
    let bytes = s.as_bytes();
    let lo = start.max(i.saturating_sub(WINDOW));
    let mut ts = i;
    while ts > lo {
        let b = bytes[ts - 1];
        if b >= 0x80 {
            return None;
        }
        // `char::is_whitespace` of ASCII: with the vertical tab, unlike `u8`'s
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            break;
        }
        ts -= 1;
    }
    let mut a = ts;
    while a < i && matches!(bytes[a], b'"' | b'\'' | b'(' | b'[' | b'{') {
        a += 1;
    }
    let mut e = i;
    while e > a && matches!(bytes[e - 1], b'"' | b'\'' | b')' | b']' | b'}') {
        e -= 1;
    }
    Some((a, &s[a..e]))
}

/// [`prev_token`] by characters: any text.
fn prev_token_chars(s: &str, start: usize, i: usize) -> (usize, &str) {
    let lo = ceil_boundary(s, start.max(i.saturating_sub(WINDOW)));
    let seg = &s[lo..i];
    let ts = seg
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let tok = &seg[ts..];
    let t1 = tok.trim_start_matches(is_opener);
    let lead = tok.len() - t1.len();
    let t2 = t1.trim_end_matches(is_closer);
    (lo + ts + lead, t2)
}

/// "U.S", "a.m", "Ph.D", "U.S.A": letters in groups of one or two separated by periods.
fn is_dotted(tok: &str) -> bool {
    tok.contains('.')
        && tok.split('.').all(|g| {
            let n = g.chars().count();
            (1..=2).contains(&n) && g.chars().all(char::is_alphabetic)
        })
}

/// The sentence so far is a short prepositional phrase ("At 5 a.m."), which cannot be a
/// sentence on its own.
fn short_prepositional(s: &str, start: usize, tok_start: usize) -> bool {
    let Some(pre) = s.get(start..tok_start) else {
        return false;
    };
    if pre.len() > 40 {
        return false;
    }
    let mut words = pre.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    is_preposition(first.trim_start_matches(is_opener)) && words.count() < 2
}

fn decide(s: &str, start: usize, i: usize) -> Step {
    let bytes = s.as_bytes();
    match bytes[i] {
        b'.' => period(s, start, i),
        b'!' | b'?' | 0xD8 => bang(s, i),
        0xE2 => match bytes.get(i + 1..i + 3) {
            Some([0x80, 0xA6]) => period(s, start, i),
            Some([0x80, 0xBC]) | Some([0x81, 0x87..=0x89]) => bang(s, i),
            _ => Step::Continue(i + 1),
        },
        0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => strong(s, i + 3),
        0xEF => match bytes.get(i + 1..i + 3) {
            Some([0xBC, 0x81]) | Some([0xBC, 0x9F]) | Some([0xBD, 0xA1]) => strong(s, i + 3),
            _ => Step::Continue(i + 1),
        },
        _ => Step::Continue(i + 1),
    }
}

/// CJK full stops end a sentence whatever follows (those scripts use no spaces).
fn strong(s: &str, after: usize) -> Step {
    Step::Break(closers(s, after))
}

/// `!`, `?` and mixtures: a break unless a lowercase word follows ("Yahoo! in").
fn bang(s: &str, i: usize) -> Step {
    let r = run(s.as_bytes(), i);
    if r.bangs == 0 {
        return Step::Continue(i + 1);
    }
    after_run(s, r.end)
}

/// After a terminator run ending at `end`: break unless glued to a word or followed by a
/// lowercase word.
fn after_run(s: &str, end: usize) -> Step {
    let k = closers(s, end);
    match char_at(s, k) {
        None => Step::Break(k),
        Some(c) if !c.is_whitespace() => Step::Continue(k),
        Some(_) => match next_token(s, k).kind {
            Kind::Lower => Step::Continue(k),
            _ => Step::Break(k),
        },
    }
}

fn period(s: &str, start: usize, i: usize) -> Step {
    let bytes = s.as_bytes();
    let r = run(bytes, i);
    if r.bangs > 0 {
        return after_run(s, r.end);
    }
    // "[...]" and "(...)" mark an omission inside a quotation.
    if r.dots >= 2 && i > 0 && matches!(bytes[i - 1], b'[' | b'(') {
        return Step::Continue(r.end);
    }
    let attached = i > start && char_before(s, i).is_some_and(|c| !c.is_whitespace());
    if r.spaced {
        // "word. . . . Next": the first period ends the sentence and the spaced ellipsis opens
        // the next one (MLA style for an omission after a full sentence).
        if attached && r.first_gap && r.dots >= 4 {
            let k = closers(s, r.end);
            if char_at(s, k).is_some_and(char::is_whitespace) {
                let nx = next_token(s, k);
                if matches!(nx.kind, Kind::Upper | Kind::Digit) {
                    return Step::Break(i + 1);
                }
            }
        }
        // ". . ." inside a sentence is an omission; ". . . ." ends one.
        if r.dots <= 3 {
            return Step::Continue(r.end);
        }
        return after_run(s, r.end);
    }
    if r.dots >= 3 {
        return after_run(s, r.end);
    }
    // A single period (or a doubled one, a typo).
    let after = r.end;
    let k = closers(s, after);
    let Some(c) = char_at(s, k) else {
        return Step::Break(k);
    };
    if !c.is_whitespace() {
        if k == after && r.dots == 1 && c.is_alphabetic() && glued_break(s, start, i) {
            return Step::Break(after);
        }
        return Step::Continue(k);
    }
    let nx = next_token(s, k);
    match nx.kind {
        Kind::End => return Step::Break(k),
        Kind::Lower => return Step::Continue(k),
        _ => {}
    }
    let (tok_start, tok) = prev_token(s, start, i);
    if word_ends_sentence(s, start, tok_start, tok, &nx) {
        Step::Break(k)
    } else {
        Step::Continue(k)
    }
}

/// Whether a period after `tok` ends the sentence, given a non-lowercase next token.
fn word_ends_sentence(s: &str, start: usize, tok_start: usize, tok: &str, nx: &Next) -> bool {
    let Some(last) = tok.chars().next_back() else {
        return true;
    };
    // A token is short (at most [`WINDOW`] bytes): `str::contains("://")` set up a two-way
    // searcher for each one (0.6% of `corpus terms`, callgrind), a byte loop does not.
    let b = tok.as_bytes();
    if last.is_ascii_digit() || b.contains(&b'@') || b.windows(3).any(|w| w == b"://") {
        return true;
    }
    let digit = nx.kind == Kind::Digit;
    let starter =
        (nx.opened && nx.kind != Kind::Other) || (nx.kind == Kind::Upper && is_starter(nx.word));
    let fragment = || short_prepositional(s, start, tok_start);
    if let Some(class) = classify(tok) {
        return match class {
            Abbrev::Title | Abbrev::Never => false,
            Abbrev::Numeric => !digit,
            Abbrev::Month | Abbrev::General => !digit && starter && !fragment(),
        };
    }
    let mut chars = tok.chars();
    let single = chars
        .next()
        .filter(|c| c.is_alphabetic() && chars.next().is_none());
    if let Some(c) = single {
        if c.is_lowercase() && digit {
            return false;
        }
        return starter && !fragment();
    }
    if is_dotted(tok) {
        return !digit && starter && !fragment();
    }
    true
}

/// "world.Today", "Tuesday.Mr.", "1,000.That": a missing space after a period still ends a
/// sentence when a lowercase word or number meets a capitalised word — unless the token is an
/// e-mail address, a URL, a file name or an abbreviation.
fn glued_break(s: &str, start: usize, i: usize) -> bool {
    let mut ahead = s[i + 1..].chars();
    let (Some(c1), Some(c2)) = (ahead.next(), ahead.next()) else {
        return false;
    };
    if !(c1.is_uppercase() && c2.is_lowercase()) {
        return false;
    }
    if !char_before(s, i).is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return false;
    }
    let (_, tok) = prev_token(s, start, i);
    if tok.chars().nth(1).is_none()
        || tok.contains(['.', '@', '/', ':'])
        || tok.eq_ignore_ascii_case("www")
        || classify(tok).is_some()
    {
        return false;
    }
    let hi = floor_boundary(s, (i + 1 + WINDOW).min(s.len()));
    let fwd = &s[i + 1..hi];
    let fwd = fwd.split(char::is_whitespace).next().unwrap_or("");
    !fwd.contains(['@', '/', ':'])
}

// ---------------------------------------------------------------------------------------------
// List markers and line structure

/// What starts a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Bullet(char),
    Number(u32, &'static str),
    Letter(char, &'static str),
}

struct Marker {
    kind: MarkerKind,
    /// Offset after the marker and the whitespace after it.
    end: usize,
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '⁃' | '‣' | '▪' | '●' | '◦' | '·' | '■' | '►' | '-' | '*' | '–' | '—'
    )
}

/// Bullets that mark items even in the middle of a line (not dashes or asterisks, which also
/// occur inside sentences).
fn is_inline_bullet(c: char) -> bool {
    is_bullet(c) && !matches!(c, '-' | '*' | '–' | '—')
}

/// "1.", "1)", "1.)", "a.", "a)" followed by whitespace, at `i`.
fn enumerator(s: &str, i: usize) -> Option<Marker> {
    let bytes = s.as_bytes();
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_digit() && j - i < 4 {
        j += 1;
    }
    let digits = j - i;
    let kind_of = |suffix: &'static str| -> Option<MarkerKind> {
        if digits > 0 {
            if digits > 3 {
                return None;
            }
            let n: u32 = s[i..i + digits].parse().ok()?;
            Some(MarkerKind::Number(n, suffix))
        } else {
            let c = *bytes.get(i)?;
            c.is_ascii_alphabetic()
                .then_some(MarkerKind::Letter(c as char, suffix))
        }
    };
    let j = if digits == 0 { i + 1 } else { j };
    let rest = s.get(j..)?;
    let suffix: &'static str = if rest.starts_with(".)") {
        ".)"
    } else if rest.starts_with(')') {
        ")"
    } else if rest.starts_with('.') {
        "."
    } else {
        return None;
    };
    let e = j + suffix.len();
    if !char_at(s, e).is_some_and(char::is_whitespace) {
        return None;
    }
    Some(Marker {
        kind: kind_of(suffix)?,
        end: skip_ws(s, e),
    })
}

/// A list marker at `i`: a bullet (optionally followed by an enumerator) or an enumerator.
fn parse_marker(s: &str, i: usize) -> Option<Marker> {
    let c = char_at(s, i)?;
    if is_bullet(c) {
        let e = i + c.len_utf8();
        let next = char_at(s, e);
        let ok = next.is_some_and(char::is_whitespace)
            || (is_inline_bullet(c) && next.is_some_and(|d| d.is_ascii_digit()));
        if !ok {
            return None;
        }
        let e = skip_ws(s, e);
        let end = enumerator(s, e).map_or(e, |m| m.end);
        return Some(Marker {
            kind: MarkerKind::Bullet(c),
            end,
        });
    }
    enumerator(s, i)
}

/// Where scanning starts in a sentence starting at `i`: after a list marker, so the period of
/// "2. The second item" is not taken for a sentence end.
fn skip_marker(s: &str, i: usize) -> usize {
    parse_marker(s, i).map_or(i, |m| m.end)
}

/// Inline list items ("1.) The first item 2.) The second item", "• 9. first • 10. second"):
/// only when the paragraph itself starts with a marker, and only for the next marker in
/// sequence (or the same bullet), so "in 2. The" elsewhere is not mistaken for an item.
fn list_item_starts(p: &str, forced: &mut Vec<usize>) {
    let Some(m) = parse_marker(p, 0) else {
        return;
    };
    let preceded_by_ws = |pos: usize| char_before(p, pos).is_some_and(char::is_whitespace);
    match m.kind {
        MarkerKind::Bullet(c) => {
            if is_inline_bullet(c) {
                forced.extend(
                    p.match_indices(c)
                        .map(|(pos, _)| pos)
                        .filter(|&pos| pos > 0 && preceded_by_ws(pos)),
                );
            }
        }
        MarkerKind::Number(mut n, suffix) => {
            let mut from = m.end;
            'items: loop {
                n += 1;
                let pat = format!("{n}{suffix}");
                while let Some(off) = p.get(from..).and_then(|r| r.find(&pat)) {
                    let pos = from + off;
                    from = pos + pat.len();
                    if preceded_by_ws(pos) && char_at(p, from).is_some_and(char::is_whitespace) {
                        forced.push(pos);
                        continue 'items;
                    }
                }
                break;
            }
        }
        MarkerKind::Letter(mut c, suffix) => {
            let mut from = m.end;
            'items: while let Some(next) = (c as u8).checked_add(1).filter(u8::is_ascii_alphabetic)
            {
                c = next as char;
                let mut pat = String::with_capacity(3);
                pat.push(c);
                pat.push_str(suffix);
                while let Some(off) = p.get(from..).and_then(|r| r.find(&pat)) {
                    let pos = from + off;
                    from = pos + pat.len();
                    if preceded_by_ws(pos) && char_at(p, from).is_some_and(char::is_whitespace) {
                        forced.push(pos);
                        continue 'items;
                    }
                }
                break;
            }
        }
    }
}

/// The line ends with punctuation that makes a line break inside a sentence plausible or ends
/// the sentence itself.
fn ends_with_punct(line: &str) -> bool {
    line.trim_end_matches(is_closer)
        .chars()
        .next_back()
        .is_some_and(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '…' | ':' | ';' | ',' | '-' | '–' | '—' | '‼' | '⁇' | '/' | '&'
            )
        })
}

/// Short words a headline leaves lowercase ("Talks on Iran Stall at the UN").
fn is_minor(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "nor"
            | "but"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
            | "as"
            | "vs"
            | "from"
            | "into"
            | "over"
            | "per"
            | "via"
            | "up"
            | "off"
            | "out"
    )
}

/// A headline, dateline or label: every content word capitalised (or the line is in capitals),
/// at most 20 words.
fn is_title_shaped(line: &str) -> bool {
    let mut words = 0;
    let mut caps = 0;
    for w in line.split_whitespace() {
        words += 1;
        if words > 20 {
            return false;
        }
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        if first.is_uppercase() {
            caps += 1;
        } else if !is_minor(w) {
            return false;
        }
    }
    caps > 0
}

/// The line starts like a sentence: a capital, a digit or an opening quote.
fn starts_like_sentence(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opener(c))
}

/// Three or more short lines (at most five words) none of which ends in punctuation except
/// perhaps the last: a tag list, menu or address block, one item per line.
fn is_short_line_block(p: &str) -> bool {
    if p.len() > 600 {
        return false;
    }
    let lines: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.len() >= 3
        && lines.iter().all(|l| l.split_whitespace().count() <= 5)
        && lines[..lines.len() - 1].iter().all(|l| !ends_with_punct(l))
}

/// Forced breaks at line starts (see the module docs).
fn line_break_starts(p: &str, forced: &mut Vec<usize>) {
    let short_block = is_short_line_block(p);
    let bytes = p.as_bytes();
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\n' {
            i += 1;
            continue;
        }
        let nl = i;
        i += 1;
        let prev = p[line_start..nl].trim();
        line_start = nl + 1;
        if prev.is_empty() {
            continue;
        }
        let ns = skip_ws(p, nl);
        if ns >= p.len() {
            break;
        }
        let next_end = p[ns..].find('\n').map_or(p.len(), |x| ns + x);
        let next = &p[ns..next_end];
        let brk = short_block
            || parse_marker(p, ns).is_some()
            || (!ends_with_punct(prev) && starts_like_sentence(next) && is_title_shaped(prev));
        if brk {
            forced.push(ns);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`next_candidate`] as it was, one byte at a time: the reference.
    fn next_candidate_reference(bytes: &[u8], mut i: usize) -> usize {
        let n = bytes.len();
        while i < n && !CANDIDATE[bytes[i] as usize] {
            i += 1;
        }
        i
    }

    proptest::proptest! {
        #[test]
        fn next_candidate_equals_reference(
            p in "([a-zA-Z0-9 ,;'\"()\n]{0,24}|[.!?…‼⁇⁈⁉。！？｡؟’“”—–\u{a0}éß\u{301}\u{627}東]){0,16}"
        ) {
            let b = p.as_bytes();
            for i in 0..=b.len() + 1 {
                proptest::prop_assert_eq!(next_candidate(b, i), next_candidate_reference(b, i));
            }
        }
    }

    /// Text around periods: ASCII words, openers and closers, every ASCII whitespace (the
    /// vertical tab too), NBSP and other Unicode spaces, curly quotes, accented and non-Latin
    /// letters, combining marks, long runs without whitespace.
    const AROUND_PERIODS: &str = "([a-zA-Z0-9.'\"()\\[\\]{}@:/]{0,30}|[ \t\n\u{b}\u{c}\r\u{a0}\u{2009}\u{3000}\u{85}’‘“”«»¿—éÉßǅ\u{301}\u{627}東]){0,12}";

    proptest::proptest! {
        #[test]
        fn prev_token_equals_chars(p in AROUND_PERIODS, start in 0usize..200) {
            let start = start.min(p.len());
            for i in start..=p.len() {
                if !p.is_char_boundary(i) || !p.is_char_boundary(start) {
                    continue;
                }
                proptest::prop_assert_eq!(prev_token(&p, start, i), prev_token_chars(&p, start, i));
            }
            // a start that is not on a character boundary (the window's start may not be)
            for i in 0..=p.len() {
                if p.is_char_boundary(i) {
                    proptest::prop_assert_eq!(prev_token(&p, 0, i), prev_token_chars(&p, 0, i));
                }
            }
        }

        #[test]
        fn word_len_ascii_equals_chars(p in AROUND_PERIODS) {
            for w in (0..=p.len()).filter(|&w| p.is_char_boundary(w)) {
                let rest = &p[w..];
                if let Some(n) = word_len_ascii(rest.as_bytes()) {
                    proptest::prop_assert_eq!(n, word_len(rest));
                }
            }
        }
    }

    /// A long ASCII word and a word before a period far back, past the window.
    #[test]
    fn long_words_equal_chars() {
        let long = format!(
            "{}. {} é{}.",
            "x".repeat(100),
            "Y".repeat(30),
            "z".repeat(70)
        );
        for i in (0..=long.len()).filter(|&i| long.is_char_boundary(i)) {
            assert_eq!(prev_token(&long, 0, i), prev_token_chars(&long, 0, i));
            let rest = &long[i..];
            if let Some(n) = word_len_ascii(rest.as_bytes()) {
                assert_eq!(n, word_len(rest));
            }
        }
    }

    fn split(p: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_paragraph(p, &mut v);
        v.into_iter().map(|(a, b)| &p[a..b]).collect()
    }

    macro_rules! cases {
        ($($name:ident: $input:expr => [$($s:expr),* $(,)?];)*) => {
            $(
                #[test]
                fn $name() {
                    let want: Vec<&str> = vec![$($s),*];
                    assert_eq!(split($input), want);
                }
            )*
        };
    }

    cases! {
        // titles and honorifics
        title_mr: "Mr. Smith went to Washington. He spoke." =>
            ["Mr. Smith went to Washington.", "He spoke."];
        title_mrs_dr: "Mrs. Jones met Dr. Brown at noon." => ["Mrs. Jones met Dr. Brown at noon."];
        military_titles: "Gen. Mark Milley and Lt. Col. Vindman testified. Sgt. Jones did not." =>
            ["Gen. Mark Milley and Lt. Col. Vindman testified.", "Sgt. Jones did not."];
        political_titles: "Rep. Ocasio-Cortez and Sen. Paul met Gov. Newsom. Prof. Lee agreed." =>
            ["Rep. Ocasio-Cortez and Sen. Paul met Gov. Newsom.", "Prof. Lee agreed."];
        saint_at_start: "St. Louis is in Missouri. It is big." =>
            ["St. Louis is in Missouri.", "It is big."];
        // dates
        month_before_day: "On Jan. 5 the talks resumed. Sept. 11 changed everything." =>
            ["On Jan. 5 the talks resumed.", "Sept. 11 changed everything."];
        month_at_end: "The vote is due in Feb. The outcome is open." =>
            ["The vote is due in Feb.", "The outcome is open."];
        // numeric abbreviations
        number_abbrev: "He lives at No. 10 and cites Vol. 3, p. 5 and pp. 7-9." =>
            ["He lives at No. 10 and cites Vol. 3, p. 5 and pp. 7-9."];
        no_as_word: "The answer was no. The talks ended." => ["The answer was no.", "The talks ended."];
        // other abbreviations
        versus: "It was Roe vs. Wade. Then came Casey." => ["It was Roe vs. Wade.", "Then came Casey."];
        eg_ie: "Some states, e.g. Texas, and others, i.e. Ohio, objected." =>
            ["Some states, e.g. Texas, and others, i.e. Ohio, objected."];
        etc_end: "They sold apples, pears, etc. The market closed." =>
            ["They sold apples, pears, etc.", "The market closed."];
        time_pm: "The attack began at 6 p.m. The army responded." =>
            ["The attack began at 6 p.m.", "The army responded."];
        time_am_midsentence: "Shelling began at 5 a.m. local time." => ["Shelling began at 5 a.m. local time."];
        company_inc: "Apple Inc. said profits rose. Acme Corp. Chief Executive Jo Li agreed." =>
            ["Apple Inc. said profits rose.", "Acme Corp. Chief Executive Jo Li agreed."];
        company_ltd_end: "He works for Foo Ltd. They pay well." => ["He works for Foo Ltd.", "They pay well."];
        jr_sr: "Martin Luther King Jr. Day is a holiday. Sr. Smith disagrees." =>
            ["Martin Luther King Jr. Day is a holiday.", "Sr. Smith disagrees."];
        // country acronyms
        us_army: "The U.S. Army and the U.N. Security Council met." =>
            ["The U.S. Army and the U.N. Security Council met."];
        us_end: "Sanctions came from the U.S. The next day Iran replied." =>
            ["Sanctions came from the U.S.", "The next day Iran replied."];
        uk_eu: "The U.K. left the E.U. It was 2020." => ["The U.K. left the E.U.", "It was 2020."];
        us_lowercase: "U.S. officials said so." => ["U.S. officials said so."];
        // initials
        tolkien: "J. R. R. Tolkien wrote it. He was British." =>
            ["J. R. R. Tolkien wrote it.", "He was British."];
        bush: "George W. Bush said the war was over." => ["George W. Bush said the war was over."];
        initial_after_by: "The book by J. Smith sold well." => ["The book by J. Smith sold well."];
        // numbers
        percent: "Inflation hit 3.5% in May. Prices rose." => ["Inflation hit 3.5% in May.", "Prices rose."];
        thousands: "It cost $1,000.50 in total. That is a lot." =>
            ["It cost $1,000.50 in total.", "That is a lot."];
        billions: "The deal is worth $2.5bn. Shares rose." => ["The deal is worth $2.5bn.", "Shares rose."];
        version: "They shipped v2.0 today. Users cheered." => ["They shipped v2.0 today.", "Users cheered."];
        year_end: "The war began in 2022. Millions fled." => ["The war began in 2022.", "Millions fled."];
        // quotes
        quote_said: "“We will not back down in the region,” he said. Others agreed." =>
            ["“We will not back down in the region,” he said.", "Others agreed."];
        quote_end_split: "He said it was “the worst so far.” Next came the rain." =>
            ["He said it was “the worst so far.”", "Next came the rain."];
        quote_question_said: "“Why now?” she asked. Nobody knew." => ["“Why now?” she asked.", "Nobody knew."];
        straight_quote_end: "\"We are ready.\" The crowd cheered." => ["\"We are ready.\"", "The crowd cheered."];
        quote_open_next: "He left. \"I am done,\" he said." => ["He left.", "\"I am done,\" he said."];
        single_quote_end: "She called it 'a farce.' Then she left." =>
            ["She called it 'a farce.'", "Then she left."];
        // parentheses
        paren_end: "The army (IDF) struck. The strike (the third.) killed two." =>
            ["The army (IDF) struck.", "The strike (the third.) killed two."];
        paren_sentence: "It rained. (Nobody came.) The end." => ["It rained.", "(Nobody came.)", "The end."];
        // ellipses
        ellipsis_char_upper: "He paused… Then he spoke." => ["He paused…", "Then he spoke."];
        ellipsis_char_lower: "He paused … and then spoke." => ["He paused … and then spoke."];
        // headlines and lists
        headline_line: "Iran Rejects Talks Offer\nTehran said on Monday it would not negotiate." =>
            ["Iran Rejects Talks Offer", "Tehran said on Monday it would not negotiate."];
        wrapped_line: "The president said on Tuesday that\nIran would pay." =>
            ["The president said on Tuesday that\nIran would pay."];
        dash_list: "Demands include:\n- a ceasefire\n- aid access" =>
            ["Demands include:", "- a ceasefire", "- aid access"];
        numbered_lines: "Key points\n1. Talks resume\n2. Aid flows" =>
            ["Key points", "1. Talks resume", "2. Aid flows"];
        letter_lines: "Options:\na) wait\nb) act now" => ["Options:", "a) wait", "b) act now"];
        // punctuation runs and misc
        exclaim_question: "Really?! Yes. No!" => ["Really?!", "Yes.", "No!"];
        email_end: "Write to tips@news.com. We reply." => ["Write to tips@news.com.", "We reply."];
        glued: "It ended.Then it rained." => ["It ended.", "Then it rained."];
        domain: "Visit Example.com for more." => ["Visit Example.com for more."];
        nbsp_title: "Mr.\u{a0}Smith left. Dr.\u{a0}Who stayed." => ["Mr.\u{a0}Smith left.", "Dr.\u{a0}Who stayed."];
        cjk: "你好。世界！" => ["你好。", "世界！"];
        arabic_question: "هل أنت هنا؟ نعم" => ["هل أنت هنا؟", "نعم"];
        no_punctuation: "just words without any end" => ["just words without any end"];
        dc_end: "He flew to Washington, D.C. The talks began." =>
            ["He flew to Washington, D.C.", "The talks began."];
        dc_comma: "In Washington, D.C., on Monday, he spoke." => ["In Washington, D.C., on Monday, he spoke."];
        phd: "She has a Ph.D. in physics. Ph.D. holders earn more." =>
            ["She has a Ph.D. in physics.", "Ph.D. holders earn more."];
        approx_number: "It weighs approx. 5 tons. Ft. Worth agreed." =>
            ["It weighs approx. 5 tons.", "Ft. Worth agreed."];
        jr_end_starter: "The speech was by Martin Luther King Jr. He gave it in 1963." =>
            ["The speech was by Martin Luther King Jr.", "He gave it in 1963."];
        quote_chain: "“We will win.” “We will fight.” He left." =>
            ["“We will win.”", "“We will fight.”", "He left."];
        quote_ellipsis_said: "“We will…” he said." => ["“We will…” he said."];
        company_comma: "The firm, Foo Inc., said so." => ["The firm, Foo Inc., said so."];
        dash_after_period: "It ended. — A new era began." => ["It ended.", "— A new era began."];
    }

    #[test]
    fn long_unpunctuated_text_is_capped_at_whitespace() {
        let p = "word ".repeat(5000);
        let p = p.trim_end();
        let v = split(p);
        assert!(v.len() >= 5);
        assert!(v
            .iter()
            .all(|s| s.len() <= MAX_SENTENCE && !s.starts_with(' ')));
        assert_eq!(v.concat().replace(' ', "").len(), p.replace(' ', "").len());
    }

    #[test]
    fn long_text_without_whitespace_is_cut_on_char_boundaries() {
        let p = "é".repeat(10_000);
        let v = split(&p);
        assert!(v.len() >= 4);
        assert_eq!(v.concat(), p);
    }

    #[test]
    fn many_dots_terminate() {
        let p = ". ".repeat(20_000);
        let _ = split(&p);
        let p = "a.b.".repeat(20_000);
        let _ = split(&p);
    }
}
