//! The matcher's normaliser: a text becomes the bytes the automaton runs on ([`normalize_into`],
//! [`Normalized`]) with a sparse map back to the original, and a lexicon form the same bytes
//! ([`normalize_form`]), so form and text compare byte for byte. Also what a word character is
//! in those bytes ([`is_word_char`], [`word_before`], [`word_after`]), which the normaliser
//! decides first and verification reads afterwards.
//!
//! Normalising is most of a scan's work on real text, so runs of plain ASCII take a sixteen-byte
//! step: SSE2 on x86-64 (the two `unsafe` blocks below; SSE2 is baseline there), SWAR elsewhere.
//! The SWAR helpers ([`load8`], [`eq_lanes`]) serve the word-start filter too.

use unicode_normalization::char::is_combining_mark;

use crate::text::fold_char;

/// Normalised text plus a sparse map back to the original.
///
/// `anchors` holds `(normalised offset, original offset)` pairs; between two anchors the map is
/// the identity shifted by a constant, which is what ASCII text is almost everywhere. An
/// anchor is added only where that shift changes (a collapsed whitespace run, a non-ASCII
/// character), so plain English text costs one comparison per byte and almost no memory.
#[derive(Debug, Default)]
pub struct Normalized {
    /// The normalised text; always valid UTF-8 (only whole characters are pushed).
    pub bytes: Vec<u8>,
    anchors: Vec<(usize, usize)>,
}

/// A text being matched, as verification reads it: the original (capitals of acronyms, spans
/// to report), its normalised bytes (where the automaton matched, where word boundaries are
/// checked) and the map between the two. They always travel together, so they are one value.
#[derive(Debug, Clone, Copy)]
pub(super) struct Haystack<'a> {
    /// The original text.
    pub(super) text: &'a str,
    /// Its normalisation, with the map back to `text`.
    pub(super) norm: &'a Normalized,
    /// `norm.bytes`, borrowed once for the hot loops.
    pub(super) bytes: &'a [u8],
}

impl<'a> Haystack<'a> {
    pub(super) fn new(text: &'a str, norm: &'a Normalized) -> Haystack<'a> {
        Haystack {
            text,
            norm,
            bytes: &norm.bytes,
        }
    }

    /// Original span of the normalised span `s..e` (see [`Normalized::original_span`]).
    #[inline]
    pub(super) fn original_span(&self, s: usize, e: usize) -> (usize, usize) {
        self.norm.original_span(self.text, s, e)
    }
}

impl Normalized {
    /// Original offset of the character that produced normalised byte `p`: the plain lookup,
    /// the reference the tests pin [`Normalized::original_from`] and the fast path to.
    #[cfg(test)]
    fn original(&self, p: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= p);
        let (n, o) = if i == 0 { (0, 0) } else { self.anchors[i - 1] };
        o + (p - n)
    }

    /// Like `Normalized::original`, starting the search at anchor `*hint` and leaving it
    /// there: a scan maps hits in text order, so the next lookup is usually a step or two away.
    #[inline]
    fn original_from(&self, p: usize, hint: &mut usize) -> usize {
        let a = &self.anchors;
        if *hint >= a.len() || a[*hint].0 > p {
            *hint = a.partition_point(|x| x.0 <= p).saturating_sub(1);
        } else {
            while *hint + 1 < a.len() && a[*hint + 1].0 <= p {
                *hint += 1;
            }
        }
        match a.get(*hint) {
            Some(&(n, o)) if n <= p => o + (p - n),
            _ => p,
        }
    }

    /// Original span of the normalised span `s..e`: from the start of the character that
    /// produced byte `s` to the end of the character that produced byte `e - 1`.
    pub(super) fn original_span(&self, orig: &str, s: usize, e: usize) -> (usize, usize) {
        let mut hint = usize::MAX;
        self.original_span_from(orig, s, e, &mut hint)
    }

    #[inline]
    pub(super) fn original_span_from(
        &self,
        orig: &str,
        s: usize,
        e: usize,
        hint: &mut usize,
    ) -> (usize, usize) {
        let a = self.original_from(s, hint).min(orig.len());
        if e <= s {
            return (a, a);
        }
        let mut h2 = *hint;
        let last = self.original_from(e - 1, &mut h2).min(orig.len());
        // Bytes `e - 1` and `e` in one stretch of the map (no anchor starts at `e`): both
        // were copied one to one from single-byte characters, so the last character is one
        // byte long. Deciding it from the map spares reading the original text there, a
        // cache miss per hit on a long text.
        let one_to_one = e < self.bytes.len()
            && match self.anchors.get(h2) {
                Some(&(n, _)) if n < e => self.anchors.get(h2 + 1).is_none_or(|x| x.0 > e),
                _ => self.anchors.first().is_none_or(|x| x.0 > e),
            };
        if one_to_one && last < orig.len() {
            return (a, last + 1);
        }
        let b = match orig.as_bytes().get(last) {
            // ASCII, nearly always: no decoding
            Some(&c) if c < 0x80 => last + 1,
            _ => orig
                .get(last..)
                .and_then(|t| t.chars().next())
                .map(|c| last + c.len_utf8())
                .unwrap_or(orig.len()),
        };
        (a, b.max(a))
    }
}

/// The byte every non-word, non-space character (punctuation, quotes, symbols) becomes in the
/// matching buffer, in text and forms alike: `Iran’s` and `Iran's` both read `iran\x01 s`, and
/// a comma never equals a space, so `resistance, front` does not match `resistance front`.
pub(super) const SEP: u8 = 0x01;
/// Table marker for `-` (decided by context).
const HYPH: u8 = 0x02;

/// ASCII byte → matching byte: letters lowercased, digits kept, whitespace → space, `-` → HYPH,
/// everything else → SEP.
static MAP: [u8; 128] = {
    let mut t = [SEP; 128];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            t[b as usize] = b;
        } else if b.is_ascii_uppercase() {
            t[b as usize] = b + 32;
        }
        b += 1;
    }
    t[b' ' as usize] = b' ';
    t[b'\t' as usize] = b' ';
    t[b'\n' as usize] = b' ';
    t[b'\r' as usize] = b' ';
    t[0x0b] = b' ';
    t[0x0c] = b' ';
    t[b'-' as usize] = HYPH;
    t
};

/// Normalise `src` for matching into `out` (buffers reused): the folding of
/// [`crate::text::normalize`], plus: every run of whitespace (newlines included) becomes one
/// space; a hyphen or dash (not an em dash) between two word characters becomes a space, so
/// `anti-Palestinian` matches `anti Palestinian` and terms match across line breaks; every other
/// non-word character becomes `SEP` (0x01), followed by an inserted space when a word follows it.
/// The buffer starts with a space. So **every word starts right after a space**, which lets the
/// automaton look for `" " + term` and never report matches that start inside a word.
///
/// Plain ASCII costs one table lookup per byte; the byte map to the original is recorded only
/// where the correspondence shifts (see [`Normalized`]).
pub fn normalize_into(src: &str, out: &mut Normalized) {
    normalize_impl(src, out, true, true);
}

/// `fast`: take the eight-byte fast path (always, but in the test that pins it to the
/// byte-by-byte path).
fn normalize_impl(src: &str, out: &mut Normalized, sentinel: bool, fast: bool) {
    out.anchors.clear();
    out.bytes.clear();
    out.bytes.reserve(2 * src.len() + 8);
    let buf = &mut out.bytes;
    let anchors = &mut out.anchors;
    let bytes = src.as_bytes();
    let n = bytes.len();
    // next byte written needs an anchor (the byte ↔ offset correspondence shifted)
    let mut dirty = false;
    let mut last: u8 = 0;
    if sentinel {
        buf.push(b' ');
        last = b' ';
        dirty = true;
    }
    let mut fold = String::new();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        // Fast path: a run of ASCII letters, digits and single spaces, the bulk of any text,
        // is lowercased and copied eight bytes at a time (see `fold8`); only the bytes that
        // need a decision (punctuation, other whitespace, a second space, non-ASCII) take the
        // byte-by-byte path below. The offset shift is constant along such a run.
        if fast && (b.is_ascii_alphanumeric() || (b == b' ' && last != b' ')) {
            if dirty {
                anchors.push((buf.len(), i));
                dirty = false;
            }
            let mut j = i;
            let mut prev_space = last == b' ';
            let mut stopped = false;
            while let Some(chunk) = bytes.get(j..j + 16) {
                let Ok(chunk) = <&[u8; 16]>::try_from(chunk) else {
                    break;
                };
                let (folded, stop) = fold16(chunk, prev_space);
                buf.extend_from_slice(&folded);
                if stop != 0 {
                    let k = stop.trailing_zeros() as usize;
                    buf.truncate(buf.len() - (16 - k));
                    j += k;
                    stopped = true;
                    break;
                }
                prev_space = chunk[15] == b' ';
                j += 16;
            }
            while let Some(x) = load8(bytes, j).filter(|_| !stopped) {
                let (lowered, stop) = fold8(x, prev_space, false);
                buf.extend_from_slice(&lowered.to_le_bytes());
                if stop != 0 {
                    let k = (stop.trailing_zeros() / 8) as usize;
                    buf.truncate(buf.len() - (8 - k));
                    j += k;
                    break;
                }
                prev_space = x >> 56 == b' ' as u64;
                j += 8;
            }
            while j < n {
                let c = bytes[j];
                // (`j == i`: a piece of a glob form may start with its space, with no byte
                // before it)
                if !(c.is_ascii_alphanumeric() || (c == b' ' && (j == i || bytes[j - 1] != b' '))) {
                    break;
                }
                buf.push(c.to_ascii_lowercase());
                j += 1;
            }
            // `j > i`: byte `i` qualified above
            last = buf.last().copied().unwrap_or(b' ');
            i = j;
            continue;
        }
        if b < 0x80 {
            let mut o = MAP[b as usize];
            if o == b' ' {
                if last == b' ' {
                    i += 1;
                    dirty = true;
                    continue;
                }
            } else if o <= HYPH {
                let next_word = next_is_word(bytes, src, i + 1);
                if o == HYPH {
                    o = if next_word && word_before(buf, buf.len()) {
                        b' '
                    } else {
                        SEP
                    };
                }
                if o == SEP && next_word {
                    if dirty {
                        anchors.push((buf.len(), i));
                    }
                    buf.push(SEP);
                    buf.push(b' ');
                    last = b' ';
                    dirty = true;
                    i += 1;
                    continue;
                }
            }
            if dirty {
                anchors.push((buf.len(), i));
                dirty = false;
            }
            buf.push(o);
            last = o;
            i += 1;
            continue;
        }
        let Some(c) = src[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        dirty = true;
        match c {
            // hyphens and en dashes join words like `-`; em dashes and bars separate clauses
            '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => {
                let next_word = next_is_word(bytes, src, i + len);
                anchors.push((buf.len(), i));
                if next_word && word_before(buf, buf.len()) {
                    buf.push(b' ');
                    last = b' ';
                } else {
                    buf.push(SEP);
                    last = SEP;
                    if next_word {
                        buf.push(b' ');
                        last = b' ';
                    }
                }
            }
            '\u{0085}'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => {
                if last != b' ' {
                    anchors.push((buf.len(), i));
                    buf.push(b' ');
                    last = b' ';
                }
            }
            // curly quotes and apostrophes, frequent in news text: `fold_char` makes them an
            // ASCII quote, a separator here; spelled out to skip the Unicode tables
            '\u{2018}'..='\u{201F}' => {
                let next_word = next_is_word(bytes, src, i + len);
                anchors.push((buf.len(), i));
                buf.push(SEP);
                last = SEP;
                if next_word {
                    anchors.push((buf.len(), i));
                    buf.push(b' ');
                    last = b' ';
                }
            }
            _ => {
                fold.clear();
                fold_char(c, &mut fold);
                let next_word = next_is_word(bytes, src, i + len);
                for fc in fold.chars() {
                    if is_word_char(fc) {
                        let mut tmp = [0u8; 4];
                        for &fb in fc.encode_utf8(&mut tmp).as_bytes() {
                            anchors.push((buf.len(), i));
                            buf.push(fb);
                        }
                        last = b'a';
                    } else if fc == ' ' {
                        if last != b' ' {
                            anchors.push((buf.len(), i));
                            buf.push(b' ');
                            last = b' ';
                        }
                    } else {
                        anchors.push((buf.len(), i));
                        buf.push(SEP);
                        last = SEP;
                    }
                }
                if last == SEP && next_word {
                    anchors.push((buf.len(), i));
                    buf.push(b' ');
                    last = b' ';
                }
            }
        }
        i += len;
    }
}

/// Whether the character starting at byte `i` of `src` is a word character.
#[inline]
fn next_is_word(bytes: &[u8], src: &str, i: usize) -> bool {
    match bytes.get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => src
            .get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_word_char),
    }
}

/// Normalise a lexicon form the way text is normalised, trimmed; the wildcards `*` and `?`
/// are kept as they are.
pub(super) fn normalize_form(form: &str) -> String {
    let mut out = String::new();
    let mut n = Normalized::default();
    for (k, piece) in form.trim().split(['*', '?']).enumerate() {
        if k > 0 {
            // the wildcard that ended the previous piece
            let at: usize = form
                .trim()
                .split(['*', '?'])
                .take(k)
                .map(|p| p.len() + 1)
                .sum();
            out.push(form.trim().as_bytes()[at - 1] as char);
        }
        normalize_impl(piece, &mut n, false, true);
        out.push_str(&String::from_utf8_lossy(&n.bytes));
    }
    out.trim_matches(' ').to_string()
}

/// Letters, digits and combining marks make words, in every script.
#[inline]
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General Punctuation (spaces, dashes, curly quotes, ...) holds no letter, digit or mark,
    // and its characters are the ones that most often stand next to a word in news text:
    // answered without a search of the Unicode tables (a few hundred instructions each)
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether the character ending at byte `p` of `hay` is a word character.
#[inline]
pub(super) fn word_before(hay: &[u8], p: usize) -> bool {
    if p == 0 {
        return false;
    }
    let b = hay[p - 1];
    if b < 0x80 {
        return b.is_ascii_alphanumeric();
    }
    let mut s = p - 1;
    while s > 0 && hay[s] & 0xC0 == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&hay[s..p])
        .ok()
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char)
}

/// Whether the character starting at byte `p` of `hay` is a word character.
#[inline]
pub(super) fn word_after(hay: &[u8], p: usize) -> bool {
    let Some(&b) = hay.get(p) else { return false };
    if b < 0x80 {
        return b.is_ascii_alphanumeric();
    }
    let end = (p + 4).min(hay.len());
    let t = match std::str::from_utf8(&hay[p..end]) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&hay[p..p + e.valid_up_to()]).unwrap_or(""),
    };
    t.chars().next().is_some_and(is_word_char)
}

/// Eight bytes from `hay[p..]` as a little-endian word, if there are eight.
#[inline(always)]
pub(super) fn load8(hay: &[u8], p: usize) -> Option<u64> {
    let s = hay.get(p..p.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Byte `c` in every lane of a u64.
#[inline(always)]
const fn lanes(c: u8) -> u64 {
    c as u64 * 0x0101_0101_0101_0101
}

/// Bit 7 set in exactly the lanes of `x` equal to `c` (any byte values; no carries between
/// lanes, so unlike the classic `(x - 0x01..) & !x & 0x80..` trick there are no false flags).
#[inline(always)]
pub(super) fn eq_lanes(x: u64, c: u8) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let y = x ^ lanes(c);
    !(((y & LO7) + LO7) | y) & lanes(0x80)
}

/// First position `>= i` of a space in `hay`, or `hay.len()`; eight bytes per step.
#[cfg(test)]
fn next_space(hay: &[u8], mut i: usize) -> usize {
    while let Some(x) = load8(hay, i) {
        let m = eq_lanes(x, b' ');
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < hay.len() && hay[i] != b' ' {
        i += 1;
    }
    i
}

/// SWAR test of eight ASCII bytes: `Some(space flags)` when every byte is a lowercase letter,
/// a digit or a space and no two spaces are adjacent (the flags have bit 7 of each space byte
/// set), `None` otherwise. Each byte is below 0x80 before the additions, so no carry crosses
/// byte lanes. The normaliser's fast path used to stop at capitals with this test; kept as the
/// reference for the test that pins the lane arithmetic (see [`fold8`] for what runs now).
#[cfg(test)]
#[inline(always)]
fn plain8(x: u64) -> Option<u64> {
    const HI: u64 = 0x8080_8080_8080_8080;
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    if x & HI != 0 {
        return None;
    }
    let lane = |c: u64| c * 0x0101_0101_0101_0101;
    let lower = (x + lane(0x80 - 0x61)) & !(x + lane(0x80 - 0x7b)) & HI;
    let digit = (x + lane(0x80 - 0x30)) & !(x + lane(0x80 - 0x3a)) & HI;
    let sp = x ^ lane(0x20);
    let space = !(((sp & LO7) + LO7) | sp) & HI;
    if lower | digit | space != HI || space & (space << 8) != 0 {
        return None;
    }
    Some(space)
}

/// SWAR step of the normaliser's fast path over eight bytes `x`: returns the eight matching
/// bytes (ASCII capitals lowercased; ASCII punctuation other than `-` that a space follows
/// made [`SEP`], as the byte-by-byte path would: the space keeps the correspondence with the
/// original one to one, so no anchor is needed), and a mask with bit 7 set in every lane that
/// the fast path must not take (anything else: other punctuation, other whitespace, a space
/// following a space, non-ASCII; `prev_space`: the byte before lane 0 is a space;
/// `next_space`: the byte after lane 7 is one). Only lanes
/// before the first flagged one are meaningful. Each lane is reduced to 7 bits before the
/// additions, so no carry crosses lanes; non-ASCII lanes are flagged from their original high
/// bit.
#[inline(always)]
fn fold8(x: u64, prev_space: bool, next_space: bool) -> (u64, u64) {
    const HI: u64 = lanes(0x80);
    let x7 = x & !HI;
    // bit 7 of each lane: lane >= lo (for `ge(lo)`), computed without inter-lane carries
    let ge = |lo: u8| x7 + lanes(0x80 - lo);
    let upper = ge(b'A') & !ge(b'Z' + 1) & HI;
    let lower = ge(b'a') & !ge(b'z' + 1) & HI;
    let digit = ge(b'0') & !ge(b'9' + 1) & HI;
    let space = eq_lanes(x, b' ');
    // printable ASCII but a letter, a digit or `-`, with a space in the next lane
    let printable = ge(b'!') & !ge(0x7f) & HI;
    let after = (space >> 8) | if next_space { 1 << 63 } else { 0 };
    let punct = printable & !(upper | lower | digit | eq_lanes(x, b'-')) & after;
    let ok = (upper | lower | digit | space | punct) & !(x & HI);
    let double = space & ((space << 8) | if prev_space { 0x80 } else { 0 });
    // a whole lane of ones where `punct` (0 or 1 per lane times 0xff: no carries)
    let pm = (punct >> 7) * 0xff;
    let folded = ((x | (upper >> 2)) & !pm) | (pm & lanes(SEP));
    (folded, (HI & !ok) | double)
}

/// Sixteen-byte step of the normaliser's fast path, by the rules of [`fold8`]: the matching
/// bytes of `chunk`, and a mask with bit `k` set when lane `k` must not be taken. On x86-64
/// the lanes are classified with SSE2 (a handful of instructions for all sixteen, against
/// some fifty per eight with SWAR), elsewhere by two [`fold8`] steps.
#[inline(always)]
fn fold16(chunk: &[u8; 16], prev_space: bool) -> ([u8; 16], u32) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 CPU has it and every
        // x86-64 Rust target enables it, so calling an SSE2 function is always sound here.
        unsafe { fold16_sse2(chunk, prev_space) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        fold16_swar(chunk, prev_space)
    }
}

/// Bit `k` set where `chunk[k]` is a space (SSE2 on x86-64, SWAR elsewhere).
#[inline(always)]
pub(super) fn space_mask16(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as in `fold16`, SSE2 is always present on x86-64.
        unsafe { space_mask16_sse2(chunk) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        space_mask16_swar(chunk)
    }
}

/// `#[inline]`: the word-start filter in `prefilter.rs` calls this once per sixteen bytes, and
/// without the hint a call from another module (codegen unit) is not inlined (7% more
/// instructions in `StartFilter::candidates`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn space_mask16_sse2(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    let (lo, hi) = halves(chunk);
    let v = _mm_set_epi64x(hi as i64, lo as i64);
    _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8))) as u32
}

#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn space_mask16_swar(chunk: &[u8; 16]) -> u32 {
    let (lo, hi) = halves(chunk);
    lane_bits(eq_lanes(lo, b' ')) | lane_bits(eq_lanes(hi, b' ')) << 8
}

/// The two little-endian halves of a sixteen-byte chunk.
#[inline(always)]
fn halves(chunk: &[u8; 16]) -> (u64, u64) {
    let mut a = [0u8; 8];
    a.copy_from_slice(&chunk[..8]);
    let lo = u64::from_le_bytes(a);
    a.copy_from_slice(&chunk[8..]);
    (lo, u64::from_le_bytes(a))
}

/// [`fold16`] by two SWAR steps.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn fold16_swar(chunk: &[u8; 16], prev_space: bool) -> ([u8; 16], u32) {
    let (lo, hi) = halves(chunk);
    let (fl, sl) = fold8(lo, prev_space, chunk[8] == b' ');
    let (fh, sh) = fold8(hi, chunk[7] == b' ', false);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&fl.to_le_bytes());
    out[8..].copy_from_slice(&fh.to_le_bytes());
    (out, lane_bits(sl) | lane_bits(sh) << 8)
}

/// Bit 7 of each lane of `m` gathered into bits 0..8 (lane `k` → bit `k`).
#[cfg(any(test, not(target_arch = "x86_64")))]
fn lane_bits(m: u64) -> u32 {
    (((m >> 7) & lanes(1)).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// [`fold16`] with SSE2. Bytes of 0x80 and above are negative as `i8`, so every range test
/// below (all against positive bounds) rejects them.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn fold16_sse2(chunk: &[u8; 16], prev_space: bool) -> ([u8; 16], u32) {
    use std::arch::x86_64::*;
    let (lo, hi) = halves(chunk);
    let v = _mm_set_epi64x(hi as i64, lo as i64);
    let set = |c: u8| _mm_set1_epi8(c as i8);
    let within = |lo: u8, hi: u8| crate::bytescan::in_range_sse2(v, lo, hi);
    let upper = within(b'A', b'Z');
    let alnum = _mm_or_si128(_mm_or_si128(upper, within(b'a', b'z')), within(b'0', b'9'));
    let space = _mm_cmpeq_epi8(v, set(b' '));
    let printable = within(b'!', b'~');
    // printable, not a letter, digit or `-`, and a space in the next lane
    let punct = _mm_and_si128(
        _mm_andnot_si128(_mm_or_si128(alnum, _mm_cmpeq_epi8(v, set(b'-'))), printable),
        _mm_srli_si128::<1>(space),
    );
    let lowered = _mm_or_si128(v, _mm_and_si128(upper, set(0x20)));
    let folded = _mm_or_si128(
        _mm_andnot_si128(punct, lowered),
        _mm_and_si128(punct, set(SEP)),
    );
    let ok = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alnum, space), punct)) as u32;
    let sp = _mm_movemask_epi8(space) as u32;
    let double = sp & ((sp << 1) | u32::from(prev_space));
    let lo = _mm_cvtsi128_si64(folded);
    let hi = _mm_cvtsi128_si64(_mm_unpackhi_epi64(folded, folded));
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&lo.to_le_bytes());
    out[8..].copy_from_slice(&hi.to_le_bytes());
    (out, (!ok & 0xffff) | double)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one, texts};
    use super::*;

    #[test]
    fn folds_case_quotes_and_dashes() {
        let m = one(r#""Iran's Supreme Leader", "anti-Palestinian""#);
        assert_eq!(
            texts(
                &m,
                "IRAN’S SUPREME LEADER and anti‐Palestinian and anti Palestinian"
            ),
            [
                "IRAN’S SUPREME LEADER",
                "anti‐Palestinian",
                "anti Palestinian"
            ]
        );
        // an em dash separates clauses: no join
        assert!(texts(&m, "anti—Palestinian").is_empty());
        let m = one(r#""anti Palestinian""#);
        assert_eq!(texts(&m, "anti-Palestinian"), ["anti-Palestinian"]);
    }

    #[test]
    fn matches_across_line_breaks_and_space_runs() {
        let m = one(r#""resistance front""#);
        let t = "the resistance\n   front and the resistance\r\nfront";
        assert_eq!(
            texts(&m, t),
            ["resistance\n   front", "resistance\r\nfront"]
        );
    }

    #[test]
    fn spans_map_back_through_normalisation() {
        let m = one(r#""regime""#);
        let t = "Ḥ  —  the   Zionist\u{00A0}regime’s army";
        let h = m.find(t);
        assert_eq!(h.len(), 1);
        assert_eq!(&t[h[0].start..h[0].end], "regime’s");
    }

    #[test]
    fn swar_run_test_agrees_with_bytes() {
        for t in [
            "abcdefgh",
            "abc defg",
            "abc  efg",
            "Abcdefgh",
            "abc,defg",
            "0123 xyz",
            "abc\u{e9}fg",
            "{|}~`@[_",
        ] {
            let b = t.as_bytes();
            if b.len() < 8 {
                continue;
            }
            let mut a = [0u8; 8];
            a.copy_from_slice(&b[..8]);
            let want = b[..8]
                .iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b' ')
                && !b[..8].windows(2).any(|w| w == b"  ");
            assert_eq!(plain8(u64::from_le_bytes(a)).is_some(), want, "{t}");
        }
        // long mixed text normalises the same with and without the fast path's help
        let t =
            "the quick brown fox  jumps over the lazy dog and the regime's forces, then 12345 more";
        let m = one(r#""lazy dog", "regime""#);
        assert_eq!(texts(&m, t), ["lazy dog", "regime's"]);
    }

    #[test]
    fn swar_fold_agrees_with_bytes() {
        let texts: [&[u8]; 14] = [
            b"ab, cd. e",
            b"x-, y! z?",
            b"(a) [b] c",
            b"ab,cd  ef",
            b"abcdefg, ",
            b"Abcdefgh",
            b"ABC  xyz",
            b"Zz09 @[`",
            b"a\x01 b c d",
            b"{|}~/:;\x7f",
            b"caf\xc3\xa9 ok",
            b" leading",
            b"  double",
            b"tab\there",
        ];
        for t in texts {
            for prev_space in [false, true] {
                let x = load8(t, 0).unwrap();
                let (low, stop) = fold8(x, prev_space, false);
                let low = low.to_le_bytes();
                let mut want_stop = 8;
                for (k, &c) in t[..8].iter().enumerate() {
                    let before_space = if k == 0 { prev_space } else { t[k - 1] == b' ' };
                    let punct = c.is_ascii_graphic()
                        && !c.is_ascii_alphanumeric()
                        && c != b'-'
                        && t.get(k + 1) == Some(&b' ')
                        && k < 7;
                    if !(c.is_ascii_alphanumeric() || (c == b' ' && !before_space) || punct) {
                        want_stop = k;
                        break;
                    }
                    let want = if punct { SEP } else { c.to_ascii_lowercase() };
                    assert_eq!(low[k], want);
                }
                let got = if stop == 0 {
                    8
                } else {
                    stop.trailing_zeros() as usize / 8
                };
                assert_eq!(got, want_stop, "{t:?} {prev_space}");
                assert_eq!(
                    next_space(t, 0),
                    t.iter().position(|&c| c == b' ').unwrap_or(t.len())
                );
            }
        }
        // the curly-quote shortcut of the normaliser reads them as ASCII quotes
        let (mut a, mut b) = (Normalized::default(), Normalized::default());
        for q in '\u{2018}'..='\u{201F}' {
            let ascii = if q < '\u{201C}' { '\'' } else { '"' };
            for (x, y) in [
                ("", "Iran"),
                ("the", "Iran"),
                ("Iran", "s"),
                ("x", " y"),
                ("x", ""),
            ] {
                normalize_into(&format!("{x}{q}{y}"), &mut a);
                normalize_into(&format!("{x}{ascii}{y}"), &mut b);
                assert_eq!(a.bytes, b.bytes, "{x}{q}{y}");
            }
        }
    }

    #[test]
    fn word_chars_are_letters_digits_and_marks_everywhere() {
        // the shortcuts of `is_word_char` agree with its definition on every character
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    proptest::proptest! {
        /// The eight-byte fast path of the normaliser gives exactly the bytes and the offset
        /// map of the byte-by-byte path.
        #[test]
        fn normaliser_fast_path_is_exact(s in "[a-zA-Z0-9 ,.;:!?()\"'\\-\n\t’“”é—\u{a0}]{0,120}") {
            let (mut fast, mut slow) = (Normalized::default(), Normalized::default());
            normalize_impl(&s, &mut fast, true, true);
            normalize_impl(&s, &mut slow, true, false);
            proptest::prop_assert_eq!(&fast.bytes, &slow.bytes);
            for p in 0..fast.bytes.len() {
                proptest::prop_assert_eq!(fast.original(p), slow.original(p), "at {}", p);
            }
        }
    }

    proptest::proptest! {
        /// Both sixteen-byte steps (SSE2 and SWAR) follow the byte-by-byte rules of the fast
        /// path up to the first lane they refuse.
        #[test]
        fn fold16_follows_the_byte_rules(
            chunk in proptest::collection::vec(proptest::sample::select(
                b"aZ09 ,.-'\x01\n\x7f\xc3\xe2Q?".to_vec()), 16),
            prev_space: bool,
        ) {
            let chunk: [u8; 16] = chunk.try_into().unwrap();
            let mut stop = 16;
            let mut want = [0u8; 16];
            for k in 0..16 {
                let c = chunk[k];
                let prev = if k == 0 { prev_space } else { chunk[k - 1] == b' ' };
                let punct = c.is_ascii_graphic() && !c.is_ascii_alphanumeric() && c != b'-'
                    && k < 15 && chunk[k + 1] == b' ';
                if !(c.is_ascii_alphanumeric() || (c == b' ' && !prev) || punct) {
                    stop = k;
                    break;
                }
                want[k] = if punct { SEP } else { c.to_ascii_lowercase() };
            }
            let spaces = chunk.iter().enumerate().filter(|c| *c.1 == b' ').fold(0u32, |m, (k, _)| m | 1 << k);
            proptest::prop_assert_eq!(space_mask16(&chunk), spaces);
            proptest::prop_assert_eq!(space_mask16_swar(&chunk), spaces);
            let ends = chunk.iter().enumerate().filter(|c| matches!(*c.1, b' ' | SEP)).fold(0u32, |m, (k, _)| m | 1 << k);
            proptest::prop_assert_eq!(crate::bytescan::set16(&chunk, [b' ', SEP]), ends);
            for (name, (got, mask)) in [
                ("fold16", fold16(&chunk, prev_space)),
                ("swar", fold16_swar(&chunk, prev_space)),
            ] {
                proptest::prop_assert_eq!(mask.trailing_zeros().min(16) as usize, stop, "{}", name);
                proptest::prop_assert_eq!(&got[..stop], &want[..stop], "{}", name);
            }
        }
    }

    proptest::proptest! {
        /// Mapping a span back through the normaliser's map gives the span found by decoding
        /// the original text at its last character.
        #[test]
        fn original_span_matches_decoding(s in "[a-zA-Z ,.’“”é\u{1e24}\u{627}\u{df}\n-]{1,60}", a in 0usize..80, len in 1usize..20) {
            let mut n = Normalized::default();
            normalize_into(&s, &mut n);
            let (st, en) = (a.min(n.bytes.len()), (a + len).min(n.bytes.len()));
            proptest::prop_assume!(st < en);
            let got = n.original_span(&s, st, en);
            let last = n.original(en - 1).min(s.len());
            let want_end = s[last..].chars().next().map_or(s.len(), |c| last + c.len_utf8());
            proptest::prop_assert_eq!(got, (n.original(st).min(s.len()), want_end.max(n.original(st).min(s.len()))));
        }
    }
}
