//! The word-start patterns (every pattern that begins at a word start, nearly all of them):
//! which words of the normalised text can begin one, decided from the word alone
//! ([`StartFilter`]), and the patterns that do begin there, looked up by that word and compared
//! byte for byte ([`WordStarts`]). Most words of running text begin no term, so the filter is
//! where the scan saves most of its time.

use super::normalize::{eq_lanes, load8, space_mask16, SEP};
use crate::bytescan;

/// `BELOW[k]`: the low `k` bytes of sixteen set (a table: a variable shift of a `u128` is a
/// dozen instructions).
const BELOW: [u128; 16] = {
    let mut t = [0u128; 16];
    let mut k = 1;
    while k < 16 {
        t[k] = (1u128 << (8 * k)) - 1;
        k += 1;
    }
    t
};

/// Bytes of normalised text whose word starts are filtered in one batch (a multiple of 16).
const BLOCK: usize = 4096;

/// The word-start patterns (each with its leading space), grouped by the text word that can
/// begin them, and their [`StartFilter`].
///
/// A pattern occurs at a space exactly when the bytes there start with it, and the filter's
/// rules say which text word that space must be followed by (the pattern's first word, with a
/// plural ending for a one-word literal, or any word with the head of a one-word glob anchor).
/// So each pattern is listed under those words (hashed: `by_word`, `by_head`), and a text word
/// let through by the filter is checked against its few patterns with a compare of eight
/// bytes and, rarely, a longer one. This finds what an overlapping Aho-Corasick automaton over
/// the same patterns finds (a test checks it), without walking its tables: for the built-in
/// lexicons a DFA of several megabytes, where most steps of a walk missed the first-level
/// cache and one step depended on the one before.
#[derive(Debug)]
pub(super) struct WordStarts {
    filter: StartFilter,
    /// Pattern `k` is `bytes[at[k]..at[k + 1]]`.
    bytes: Vec<u8>,
    at: Vec<u32>,
    /// The patterns of word bucket `b` are `word_ids[by_word[b]..by_word[b + 1]]`, each with
    /// its first bytes, so a bucket's compares read one or two cache lines.
    by_word: Vec<u32>,
    word_ids: Vec<Probe>,
    /// The patterns of several words whose first word is followed by at least two bytes
    /// (`the west bank`), by the bucket of their first word's slot and the byte after its
    /// separator ([`WordStarts::pair_bucket`]): first words like `the` or `iranian` begin
    /// many patterns, and the second word tells them apart.
    by_pair: Vec<u32>,
    pair_ids: Vec<Probe>,
    /// Bit `b` set when word bucket `b` has patterns in `by_pair` (2 KiB).
    paired: Box<[u64; (1 << WordStarts::WORD_BUCKET_BITS) / 64]>,
    /// The same for one-word glob anchors, by head bucket.
    by_head: Vec<u32>,
    head_ids: Vec<Probe>,
    /// Patterns that may follow any space (a first word that is empty): none in practice.
    always: Vec<Probe>,
}

impl WordStarts {
    /// Bits of the word buckets (of the filter's slot): 16,384 buckets, a 64 KiB index.
    const WORD_BUCKET_BITS: u32 = 14;
    /// Bits of the head buckets: globs are few.
    const HEAD_BUCKET_BITS: u32 = 10;
    /// Bits of the pair buckets.
    const PAIR_BUCKET_BITS: u32 = 13;
    /// First words up to this long have their patterns put in pair buckets (the scan hands
    /// a word's length over in eight bits).
    const MAX_PAIRED_WORD: usize = 255;

    /// Pair bucket of the word with filter slot `slot` followed by a separator and `next`.
    #[inline(always)]
    fn pair_bucket(slot: usize, next: u8) -> usize {
        let h = ((slot as u64) << 8 | next as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - Self::PAIR_BUCKET_BITS)) as usize
    }

    /// The word-start patterns `patterns` (each with its leading space), pattern `k` with
    /// `glob[k]` when some form it anchors is a glob.
    pub(super) fn new<'a>(patterns: impl IntoIterator<Item = (&'a [u8], bool)>) -> WordStarts {
        let mut filter = StartFilter::new();
        let (mut bytes, mut at) = (Vec::new(), vec![0u32]);
        let (mut words, mut heads, mut always) = (Vec::new(), Vec::new(), Vec::new());
        let mut pairs = Vec::new();
        let mut paired = Box::new([0u64; (1 << Self::WORD_BUCKET_BITS) / 64]);
        for (k, (p, glob)) in patterns.into_iter().enumerate() {
            let k = k as u32;
            bytes.extend_from_slice(p);
            at.push(bytes.len() as u32);
            let word = |from: usize| {
                let piece = p.get(from..).unwrap_or_default();
                let n = piece.len().min(8);
                let mut h = [0u8; 8];
                h[..n].copy_from_slice(&piece[..n]);
                let mask = if n == 8 {
                    u64::MAX
                } else {
                    (1u64 << (8 * n)) - 1
                };
                (u64::from_le_bytes(h), mask)
            };
            let ((a, ma), (b, mb)) = (word(0), word(8));
            let k = Probe {
                k,
                len: p.len() as u32,
                head: [a, ma, b, mb],
            };
            let after_space = p.get(1..).unwrap_or_default();
            let word_len = after_space
                .iter()
                .position(|&b| b == b' ' || b == SEP)
                .unwrap_or(after_space.len());
            // the byte after the first word's separator, when the pattern goes on that far
            let next = after_space
                .get(word_len + 1)
                .filter(|_| word_len <= Self::MAX_PAIRED_WORD);
            match filter.insert(after_space, glob) {
                Keys::Words(slots) if next.is_some() && slots.len() == 1 => {
                    let (slot, next) = (slots[0], next.copied().unwrap_or_default());
                    let b = slot >> (StartFilter::BITS - Self::WORD_BUCKET_BITS);
                    paired[b / 64] |= 1 << (b % 64);
                    pairs.push((Self::pair_bucket(slot, next), k));
                }
                Keys::Words(slots) => words.extend(
                    slots
                        .into_iter()
                        .map(|x| (x >> (StartFilter::BITS - Self::WORD_BUCKET_BITS), k)),
                ),
                Keys::Head(x) => heads.push((x >> (StartFilter::BITS - Self::HEAD_BUCKET_BITS), k)),
                Keys::Any => always.push(k),
            }
        }
        let (by_word, word_ids) = buckets(words, Self::WORD_BUCKET_BITS);
        let (by_head, head_ids) = buckets(heads, Self::HEAD_BUCKET_BITS);
        let (by_pair, pair_ids) = buckets(pairs, Self::PAIR_BUCKET_BITS);
        WordStarts {
            filter,
            bytes,
            at,
            by_word,
            word_ids,
            by_pair,
            pair_ids,
            paired,
            by_head,
            head_ids,
            always,
        }
    }

    /// Whether pattern `p.k` starts at `hay[c..]`, whose first sixteen bytes (zero past the
    /// end of the text) are `x`; its length if so. One compare of sixteen bytes decides for
    /// every pattern that is not longer: the patterns of a bucket often share their first
    /// eight bytes (`criminal`, `criminal justice`, `criminal record`, ...).
    #[inline(always)]
    fn at_space(&self, hay: &[u8], c: usize, x: [u64; 2], p: &Probe) -> Option<usize> {
        let [a, ma, b, mb] = p.head;
        if ((x[0] ^ a) & ma) | ((x[1] ^ b) & mb) != 0 {
            return None;
        }
        let len = p.len as usize;
        if len <= 16 {
            return (c + len <= hay.len()).then_some(len);
        }
        let k = p.k as usize;
        let p = &self.bytes[self.at[k] as usize..self.at[k + 1] as usize];
        hay[c..].starts_with(p).then_some(len)
    }

    /// `on(pattern, c, end)` for each of `probes` that starts at the space `c` (whose sixteen
    /// bytes are `x`). Inlined: as a closure it was a call per bucket, most of them to find
    /// nothing.
    #[inline(always)]
    fn check(
        &self,
        hay: &[u8],
        c: usize,
        x: [u64; 2],
        probes: &[Probe],
        on: &mut impl FnMut(usize, usize, usize),
    ) {
        for p in probes {
            if let Some(len) = self.at_space(hay, c, x, p) {
                on(p.k as usize, c, c + len);
            }
        }
    }

    /// Every occurrence of a pattern in `hay`, as `on(pattern, start, end)` (the start is the
    /// space before the word), word start by word start. `cands` is a reusable buffer (the
    /// word starts the filter lets through, and their words' slots).
    #[inline]
    pub(super) fn scan(
        &self,
        hay: &[u8],
        cands: &mut Vec<u32>,
        mut on: impl FnMut(usize, usize, usize),
    ) {
        let n = hay.len();
        cands.resize(2 * BLOCK, 0);
        let (starts, slots) = cands.split_at_mut(BLOCK);
        let (Ok(block), Ok(slots)) = (
            <&mut [u32; BLOCK]>::try_from(starts),
            <&mut [u32; BLOCK]>::try_from(&mut slots[..BLOCK]),
        ) else {
            return;
        };
        let mut lo = 0;
        while lo < n {
            let hi = (lo + BLOCK).min(n);
            let found = self.filter.candidates(hay, lo, hi, block, slots);
            for (&c, &slot) in block[..found].iter().zip(&slots[..found]) {
                let c = lo + c as usize;
                // the sixteen bytes at the space, zero past the end of the text
                let x = match (load8(hay, c), load8(hay, c + 8)) {
                    (Some(a), Some(b)) => [a, b],
                    _ => {
                        let mut t = [0u8; 16];
                        let r = &hay[c..];
                        t[..r.len().min(16)].copy_from_slice(&r[..r.len().min(16)]);
                        let (a, b) = t.split_at(8);
                        [a, b].map(|h| u64::from_le_bytes(h.try_into().unwrap_or_default()))
                    }
                };
                let (slot, len) = (slot as usize & 0xff_ffff, (slot >> 24) as usize);
                let b = slot >> (StartFilter::BITS - Self::WORD_BUCKET_BITS);
                self.check(hay, c, x, bucket(&self.by_word, &self.word_ids, b), &mut on);
                // a pattern of several words needs the text's word to be its first word, so
                // of the same length, and the byte after the separator to be its own
                if len != 0 && (self.paired[b / 64] >> (b % 64)) & 1 != 0 {
                    if let Some(&next) = hay.get(c + 2 + len) {
                        let pb = Self::pair_bucket(slot, next);
                        self.check(
                            hay,
                            c,
                            x,
                            bucket(&self.by_pair, &self.pair_ids, pb),
                            &mut on,
                        );
                    }
                }
                if self.filter.any_heads
                    && StartFilter::three_in(&self.filter.glob_three, hay, c + 1)
                {
                    let mut seen = [usize::MAX; 4];
                    for (i, h) in self.filter.head_slots(hay, c + 1).enumerate() {
                        let b = h >> (StartFilter::BITS - Self::HEAD_BUCKET_BITS);
                        if !seen[..i].contains(&b) {
                            seen[i.min(3)] = b;
                            self.check(
                                hay,
                                c,
                                x,
                                bucket(&self.by_head, &self.head_ids, b),
                                &mut on,
                            );
                        }
                    }
                }
                if !self.always.is_empty() {
                    self.check(hay, c, x, &self.always, &mut on);
                }
            }
            lo = hi;
        }
    }
}

/// A word-start pattern as a bucket lists it: its number and its first sixteen bytes as two
/// little-endian words (zero past its end) with the masks of the bytes it has. Most patterns
/// are shorter than that, and most compares fail in the first eight.
#[derive(Debug, Clone, Copy)]
struct Probe {
    k: u32,
    /// The pattern's length.
    len: u32,
    head: [u64; 4],
}

/// The `(bucket, probe)` pairs as an index of `1 << bits` buckets plus one and the probes in
/// bucket order (in pattern order within a bucket, each once).
fn buckets(mut pairs: Vec<(usize, Probe)>, bits: u32) -> (Vec<u32>, Vec<Probe>) {
    pairs.sort_by_key(|&(b, p)| (b, p.k));
    // a pattern whose word and plural fall into one bucket is listed there once
    pairs.dedup_by_key(|&mut (b, p)| (b, p.k));
    let mut index = vec![0u32; (1 << bits) + 1];
    for &(b, _) in &pairs {
        index[b + 1] += 1;
    }
    for b in 0..1 << bits {
        index[b + 1] += index[b];
    }
    (index, pairs.into_iter().map(|(_, k)| k).collect())
}

/// The probes of bucket `b` (empty past the index).
#[inline(always)]
fn bucket<'a>(index: &[u32], ids: &'a [Probe], b: usize) -> &'a [Probe] {
    match (index.get(b), index.get(b + 1)) {
        (Some(&s), Some(&e)) => ids.get(s as usize..e as usize).unwrap_or_default(),
        _ => &[],
    }
}

/// Where [`StartFilter::insert`] put a pattern: the filter slots of the whole words that can
/// begin it, the head slot of a one-word glob anchor, or every word.
enum Keys {
    Words(Vec<usize>),
    Head(usize),
    Any,
}

/// Which words of the normalised text can begin a word-start pattern, decided from the word
/// itself: most words of running text begin no term, and each one let through costs a DFA walk
/// whose tables for thousands of terms are far larger than the CPU caches. False positives only
/// cost a walk; there are no false negatives.
///
/// A *word* here is what the normaliser leaves between separators: the bytes after a space up
/// to the next space or [`SEP`] (every other byte of normalised text is a word byte). A
/// pattern's first word must appear in the text as follows:
///
/// * when more of the pattern follows it (a space or a separator: `the zionist entity`,
///   `u\x01 s\x01`), the text's word **is** that word;
/// * when the pattern is one word of a literal form (`regime`), the text's word is it or it
///   with a plural `s` or `es` (a possessive `'s` is a separator and a word of its own): what
///   [`super::form::verify`] accepts, and nothing else can be accepted;
/// * when the pattern is one word of a glob's anchor (`occupi` of `occupi*`), the text's word
///   only **starts** with it.
///
/// The first two go into `words`, a hashed set of whole words (one probe per text word); the
/// third, rare, into `bits`, hashed heads of one to four bytes probed at the head lengths that
/// exist (`lens`). Before them, a table of three-byte heads (4 KiB, indexed by the low five
/// bits of each byte, no hashing) turns away most words with one load: in running text most
/// words are function words, whose first three bytes (the space after `of` or `in` included)
/// rarely begin a framing term. Each probe is hashed on its own so the loads are independent
/// and the CPU overlaps them.
#[derive(Debug)]
pub(super) struct StartFilter {
    /// Hashed whole words (see above). Fixed-size, so indexing by a slot needs no bounds check.
    words: Box<[u64; (1 << StartFilter::BITS) / 64]>,
    /// Hashed 1- to 4-byte heads of glob anchors' one-word patterns.
    bits: Box<[u64; (1 << StartFilter::BITS) / 64]>,
    /// Bit [`StartFilter::three_index`] of `b0 b1 b2`: some pattern's first word starts
    /// with bytes equal to them in their low five bits (letters are told apart exactly; the
    /// other collisions only let a word through), or is one or two bytes long and starts
    /// with `b0` / `b0 b1` (then any byte may follow it in the text).
    three: Box<[u64; 1 << 9]>,
    /// Entry `b0 | b1 << 8`: bit `k - 1` set when some `k`-byte head in `bits` starts with
    /// `b0 b1` (`b0` for `k = 1`), so a word is only probed at the head lengths that exist.
    lens: Box<[u8; 1 << 16]>,
    /// Whether `bits` holds anything: most lexicons have no glob anchored at a word start.
    any_heads: bool,
    /// [`StartFilter::three`] of the glob anchors alone: a word probed in `bits` must pass
    /// it, so the few words that may begin a glob's match are the only ones probed there.
    glob_three: Box<[u64; 1 << 9]>,
}

impl StartFilter {
    const BITS: u32 = 18;

    pub(super) fn new() -> StartFilter {
        StartFilter {
            words: Box::new([0; (1 << Self::BITS) / 64]),
            bits: Box::new([0; (1 << Self::BITS) / 64]),
            three: Box::new([0; 1 << 9]),
            lens: Box::new([0; 1 << 16]),
            any_heads: false,
            glob_three: Box::new([0; 1 << 9]),
        }
    }

    /// Table slot of the `len`-byte head whose bytes (little-endian, zero above `len`) are `v`.
    #[inline(always)]
    fn slot(v: u32, len: usize) -> usize {
        let h = (v as u64 | (len as u64) << 32).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - Self::BITS)) as usize
    }

    /// Table slot in `words` of a word of `len` bytes whose first sixteen are `a` and `b`
    /// (little-endian, zero past the word). Longer words share a slot with the words of their
    /// length and first sixteen bytes: a false positive at worst.
    #[inline(always)]
    fn word_slot(a: u64, b: u64, len: usize) -> usize {
        let h = (a ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        (h.wrapping_mul(0x1656_67B1_9E37_79F9) >> (64 - Self::BITS)) as usize
    }

    /// [`StartFilter::word_slot`] of the word `w` (its bytes, without a separator).
    fn word_slot_of(w: &[u8]) -> usize {
        let mut ab = [0u8; 16];
        let k = w.len().min(16);
        ab[..k].copy_from_slice(&w[..k]);
        let a = u64::from_le_bytes(ab[..8].try_into().unwrap_or_default());
        let b = u64::from_le_bytes(ab[8..].try_into().unwrap_or_default());
        Self::word_slot(a, b, w.len())
    }

    #[inline(always)]
    fn has(table: &[u64; (1 << Self::BITS) / 64], x: usize) -> bool {
        (table[x / 64] >> (x % 64)) & 1 != 0
    }

    /// The first one to four bytes of the word at the start of `bytes` (it ends at a space or
    /// [`SEP`]), little-endian, and how many there are.
    fn word_head(bytes: &[u8]) -> (u32, usize) {
        let mut v = 0u32;
        let mut len = 0;
        for &b in bytes.iter().take(4) {
            if b == b' ' || b == SEP {
                break;
            }
            v |= (b as u32) << (8 * len);
            len += 1;
        }
        (v, len)
    }

    /// Set in a three-byte table (`three`, `glob_three`) the heads whose first `fixed` bytes
    /// are those of `head` (little-endian), any byte after them: all 32 values of the low five
    /// bits.
    fn mark_three(table: &mut [u64; 1 << 9], head: u32, fixed: usize) {
        for w in 0..1u32 << (5 * (3 - fixed)) {
            let mut x = head & (u32::MAX >> (32 - 8 * fixed as u32));
            for k in fixed..3 {
                x |= ((w >> (5 * (k - fixed))) & 31) << (8 * k);
            }
            let t = Self::three_index(x);
            table[t / 64] |= 1 << (t % 64);
        }
    }

    /// Add a word-start pattern (`pattern_after_space`: its bytes after the leading space),
    /// and say where it went. `glob`: some form it anchors is a glob, so when it is one word,
    /// longer text words may match it.
    fn insert(&mut self, pattern_after_space: &[u8], glob: bool) -> Keys {
        let (v, len) = Self::word_head(pattern_after_space);
        if len == 0 {
            // a pattern starting with a separator: let every word through
            self.words.iter_mut().for_each(|w| *w = u64::MAX);
            self.three.iter_mut().for_each(|w| *w = u64::MAX);
            return Keys::Any;
        }
        let b0 = v as usize & 0xff;
        let word_len = pattern_after_space
            .iter()
            .position(|&b| b == b' ' || b == SEP)
            .unwrap_or(pattern_after_space.len());
        let word = &pattern_after_space[..word_len];
        let one_word = word_len == pattern_after_space.len();
        // The first three bytes the text must repeat: a pattern of several words, or of one
        // word of three bytes or more, begins its every occurrence with its own first three
        // (`in name only`: `in `, not `in` and any third byte, which let `int`, `ind`, ...
        // through). Only after a one-word pattern of one or two bytes may any byte follow
        // (its plural, a separator; a glob's letters): wildcards, all 32 values of the
        // five bits.
        let (head, fixed) = match pattern_after_space {
            &[a, b, c, ..] if !(one_word && word_len < 3) => (u32::from_le_bytes([a, b, c, 0]), 3),
            _ => (v, len.min(3)),
        };
        Self::mark_three(&mut self.three, head, fixed);
        if one_word && glob {
            self.any_heads = true;
            // the word only starts with the anchor: any bytes may follow its first one to four
            Self::mark_three(&mut self.glob_three, v, len.min(3));
            if len == 1 {
                // a one-byte word: any second byte may follow it in the text
                for b1 in 0..256 {
                    self.lens[b0 | b1 << 8] |= 1;
                }
            } else {
                self.lens[v as usize & 0xffff] |= 1 << (len - 1);
            }
            let x = Self::slot(v, len);
            self.bits[x / 64] |= 1 << (x % 64);
            return Keys::Head(x);
        }
        let mut slots = vec![Self::word_slot_of(word)];
        if one_word {
            // the plural suffixes `form::verify` accepts
            for suffix in [&b"s"[..], b"es"] {
                slots.push(Self::word_slot_of(&[word, suffix].concat()));
            }
        }
        slots.sort_unstable();
        slots.dedup();
        for &x in &slots {
            self.words[x / 64] |= 1 << (x % 64);
        }
        Keys::Words(slots)
    }

    /// Whether some pattern may start with the word at `hay[p..]`: probes its 1- to 4-byte
    /// prefixes (the word ends at a space or [`SEP`]). What [`StartFilter::candidates`]
    /// computes for many words at once; the reference for its tests.
    #[cfg(test)]
    fn may_start(&self, hay: &[u8], p: usize) -> bool {
        let rest = hay.get(p..).unwrap_or_default();
        let word = &rest[..rest
            .iter()
            .position(|&b| b == b' ' || b == SEP)
            .unwrap_or(rest.len())];
        self.three_ok(hay, p)
            && (Self::has(&self.words, Self::word_slot_of(word)) || self.may_start_glob(hay, p))
    }

    /// Index into `three` of the bytes `x` (`b0 | b1 << 8 | b2 << 16`, higher bits ignored):
    /// the low five bits of each.
    #[inline(always)]
    fn three_index(x: u32) -> usize {
        ((x & 0x1f) | ((x >> 3) & 0x3e0) | ((x >> 6) & 0x7c00)) as usize
    }

    /// The three-byte test of [`StartFilter::may_start`], as 0 or 1, for `b0 b1 b2` in `x`.
    #[inline(always)]
    fn three_bit(&self, x: u32) -> usize {
        Self::bit_of_three(&self.three, x)
    }

    /// Bit [`StartFilter::three_index`] of `x` in a three-byte table, as 0 or 1.
    #[inline(always)]
    fn bit_of_three(table: &[u64; 1 << 9], x: u32) -> usize {
        let t = Self::three_index(x);
        ((table[t / 64] >> (t % 64)) & 1) as usize
    }

    /// The three-byte test at `hay[p..]` (true when fewer than three bytes are left: the
    /// hashed probes decide then). What [`StartFilter::candidates`] computes with the
    /// padding of its last step; the reference for its tests.
    #[cfg(test)]
    fn three_ok(&self, hay: &[u8], p: usize) -> bool {
        Self::three_in(&self.three, hay, p)
    }

    /// The test of a three-byte table at `hay[p..]` (true when fewer than three bytes are
    /// left).
    #[inline(always)]
    fn three_in(table: &[u64; 1 << 9], hay: &[u8], p: usize) -> bool {
        match hay.get(p..p.saturating_add(3)) {
            Some(&[b0, b1, b2]) => {
                Self::bit_of_three(table, u32::from_le_bytes([b0, b1, b2, 0])) != 0
            }
            _ => true,
        }
    }

    /// Whether the word at `hay[p..]` may begin a glob anchor's match: some head in `bits`
    /// begins it.
    #[inline(always)]
    fn may_start_glob(&self, hay: &[u8], p: usize) -> bool {
        self.any_heads
            && Self::three_in(&self.glob_three, hay, p)
            && self.head_slots(hay, p).next().is_some()
    }

    /// The hashed probes of [`StartFilter::may_start`]: the whole word at `hay[p..]`, whose
    /// slot is `slot` ([`StartFilter::word_slot_at`]), in `words`, else its heads in `bits`
    /// (when there are any).
    ///
    /// `|`, not `||`: whether a word of running text is some pattern's first word is a coin
    /// the CPU cannot call, while the glob test is nearly always false and predictable, so
    /// evaluating both costs less than a branch on the first.
    #[inline(always)]
    fn word_ok(&self, hay: &[u8], p: usize, slot: usize) -> bool {
        Self::has(&self.words, slot) | self.may_start_glob(hay, p)
    }

    /// [`StartFilter::word_slot`] of the word at `hay[p..]` (up to a space or [`SEP`]), and
    /// its length; its end found sixteen bytes at a time.
    #[inline(always)]
    fn word_slot_at(&self, hay: &[u8], p: usize) -> (usize, usize) {
        if let Some(chunk) = hay
            .get(p..p.saturating_add(16))
            .and_then(|c| <&[u8; 16]>::try_from(c).ok())
        {
            // the word ends at a space or a separator
            let ends = bytescan::set16(chunk, [b' ', SEP]);
            if ends != 0 {
                // the word's bytes, zero after them (k < 16)
                let k = ends.trailing_zeros();
                let v = u128::from_le_bytes(*chunk) & BELOW[k as usize & 15];
                return (
                    Self::word_slot(v as u64, (v >> 64) as u64, k as usize),
                    k as usize,
                );
            }
        }
        // near the end of the text, or a word of sixteen bytes or more
        let rest = hay.get(p..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| b == b' ' || b == SEP)
            .unwrap_or(rest.len());
        (Self::word_slot_of(&rest[..len]), len)
    }

    /// The slots in `bits` of the 1- to 4-byte heads of the word at `hay[p..]` that are set
    /// (probed only at the head lengths some glob anchor has).
    #[inline(always)]
    fn head_slots<'a>(&'a self, hay: &[u8], p: usize) -> impl Iterator<Item = usize> + 'a {
        let (v, len) = match load8(hay, p) {
            Some(x) => {
                let ends = eq_lanes(x, b' ') | eq_lanes(x, SEP);
                let len = ((ends.trailing_zeros() / 8) as usize).min(4);
                (x as u32, len)
            }
            None => Self::word_head(hay.get(p..).unwrap_or_default()),
        };
        // none for an empty word
        let ks = self.lens[v as usize & 0xffff] & ((1u8 << len) - 1);
        (0..4u32)
            .filter(move |k| ks >> k & 1 != 0)
            .map(move |k| Self::slot(v & (u32::MAX >> (24 - 8 * k)), k as usize + 1))
            .filter(|&x| Self::has(&self.bits, x))
    }

    /// Collect into `out[..count]` (as offsets from `lo`; `count` is returned) every space
    /// `p` in `hay[lo..hi]` whose following word [`StartFilter::may_start`] lets through.
    ///
    /// Two passes without a branch on a word's verdict: the first finds the spaces sixteen
    /// bytes at a time and keeps those whose word passes the three-byte test, the second
    /// keeps those whose word passes the hashed probes. Each writes every word it looks at and
    /// advances its output only when the word passes, so a word's verdict is never a branch
    /// the CPU must guess (on running text most words, function words above all, fail the
    /// first test).
    ///
    /// `slots[..count]` receives the slot of each one's word (the scan looks its patterns up
    /// by it, so it is hashed once) and, in the top eight bits, its length (0 when longer
    /// than [`WordStarts::MAX_PAIRED_WORD`]).
    #[inline]
    fn candidates(
        &self,
        hay: &[u8],
        lo: usize,
        hi: usize,
        out: &mut [u32; BLOCK],
        slots: &mut [u32; BLOCK],
    ) -> usize {
        // A block holds at most BLOCK / 2 + 1 spaces (the normaliser never writes two in a
        // row), so `w` stays below BLOCK and `w % BLOCK` is `w`: the modulo only spares the
        // bounds check.
        let hi = hi.min(hay.len()).min(lo + BLOCK);
        let mut w = 0;
        let mut i = lo;
        // sixteen bytes per step, read with the three after them so that the head of a word
        // after a space in the last lane is at hand without a bounds check
        while i + 16 <= hi {
            let Some(ext) = hay
                .get(i..i + 19)
                .and_then(|c| <&[u8; 19]>::try_from(c).ok())
            else {
                break;
            };
            let Ok(chunk) = <&[u8; 16]>::try_from(&ext[..16]) else {
                break;
            };
            let mut m = space_mask16(chunk);
            while m != 0 {
                let k = (m.trailing_zeros() & 15) as usize;
                let x = u32::from_le_bytes([ext[k + 1], ext[k + 2], ext[k + 3], 0]);
                out[w % BLOCK] = (i + k - lo) as u32;
                w += self.three_bit(x);
                m &= m - 1;
            }
            i += 16;
        }
        // The last bytes (fewer than sixteen before `hi`, or fewer than nineteen before the
        // end of the text): the same step on a zero-padded copy, its lanes past `hi` masked
        // off. A word with fewer than three bytes left in the text passes the three-byte test
        // (`three_ok`): the padding is not text.
        while i < hi {
            let mut ext = [0u8; 19];
            let rest = &hay[i..hay.len().min(i + 19)];
            ext[..rest.len()].copy_from_slice(rest);
            let Ok(chunk) = <&[u8; 16]>::try_from(&ext[..16]) else {
                break;
            };
            let lanes = (hi - i).min(16);
            let mut m = space_mask16(chunk) & (u32::MAX >> (32 - lanes));
            while m != 0 {
                let k = (m.trailing_zeros() & 15) as usize;
                let x = u32::from_le_bytes([ext[k + 1], ext[k + 2], ext[k + 3], 0]);
                out[w % BLOCK] = (i + k - lo) as u32;
                w += self.three_bit(x) | usize::from(i + k + 4 > hay.len());
                m &= m - 1;
            }
            i += lanes;
        }
        let mut kept = 0;
        for r in 0..w.min(BLOCK) {
            let c = out[r];
            let p = lo + c as usize + 1;
            let (slot, len) = self.word_slot_at(hay, p);
            out[kept] = c;
            // the length for the pair buckets, 0 when too long for them
            let len = if len <= WordStarts::MAX_PAIRED_WORD {
                len
            } else {
                0
            };
            slots[kept] = (slot | len << 24) as u32;
            kept += usize::from(self.word_ok(hay, p, slot));
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::super::Matcher;
    use super::*;
    use crate::lexicon::load::parse;
    use std::path::Path;

    #[test]
    fn patterns_of_several_words_are_found_through_their_pair_buckets() {
        // first words short and long (past the eight bits the scan keeps of a length),
        // followed by a space or a separator, at the end of the text or not
        let long = "w".repeat(WordStarts::MAX_PAIRED_WORD + 40);
        let edge = "v".repeat(WordStarts::MAX_PAIRED_WORD);
        let terms = [
            "the west".to_string(),
            "the west bank".to_string(),
            "the wes".to_string(),
            "U.S. forces".to_string(),
            format!("{long} front"),
            format!("{edge} front"),
            "the".to_string(),
        ];
        let list: Vec<String> = terms.iter().map(|t| format!("{t:?}")).collect();
        let toml = format!(
            "name = \"t\"\n[categories.c]\nterms = [{}]\n",
            list.join(", ")
        );
        let lex = parse(&toml, Path::new("t.toml")).unwrap();
        let fast = Matcher::build(
            vec![lex.clone()],
            Some(crate::lexicon::matcher::Tuning::Throughput),
        )
        .unwrap();
        let plain = Matcher::build(vec![lex], None).unwrap();
        let text = format!(
            "The west bank and the West. U.S. forces, the wes {long} front {edge} front {long}s front the west"
        );
        let key = |m: &Matcher| {
            m.find(&text)
                .into_iter()
                .map(|h| (h.start, h.end, h.entry))
                .collect::<Vec<_>>()
        };
        let got = key(&fast);
        assert_eq!(got, key(&plain));
        assert_eq!(got.len(), 7, "{got:?}");
    }

    #[test]
    fn candidates_agree_with_may_start() {
        // `candidates` finds the same word starts as a plain byte loop, whatever the blocks
        let mut f = StartFilter::new();
        f.insert(b"kar", false);
        f.insert(b"ab", true);
        f.insert(b"the zionist", false);
        let mut hay = Vec::new();
        for k in 0..400 {
            // word lengths and spacing vary so every lane and step position is exercised
            let w = [
                "the",
                "kar",
                "of",
                "karibe",
                "a",
                "mokar",
                "ab",
                "abc",
                "ka",
                "x\x01",
                "kars",
                "thesixteenbytess",
                "there",
            ][k % 13];
            hay.push(b' ');
            hay.extend_from_slice(w.as_bytes());
            if k % 7 == 0 {
                hay.extend_from_slice(b"\x01");
            }
        }
        let mut want = Vec::new();
        for (p, &c) in hay.iter().enumerate() {
            if c == b' ' && f.may_start(&hay, p + 1) {
                want.push(p);
            }
        }
        assert!(want.len() > 100);
        let mut buf = Box::new([0u32; BLOCK]);
        let mut slots = Box::new([0u32; BLOCK]);
        for block in [8, 16, 64, 1024, BLOCK] {
            let mut got = Vec::new();
            let mut lo = 0;
            while lo < hay.len() {
                let hi = (lo + block).min(hay.len());
                let k = f.candidates(&hay, lo, hi, &mut buf, &mut slots);
                got.extend(buf[..k].iter().map(|&c| lo + c as usize));
                for (&c, &slot) in buf[..k].iter().zip(&slots[..k]) {
                    let p = lo + c as usize + 1;
                    let (want_slot, len) = f.word_slot_at(&hay, p);
                    let len = if len <= WordStarts::MAX_PAIRED_WORD {
                        len
                    } else {
                        0
                    };
                    assert_eq!(slot as usize, want_slot | len << 24, "slot at {p}");
                }
                lo = hi;
            }
            assert_eq!(got, want, "block {block}");
        }
        // a word of a literal form passes whole or with a plural ending, a glob's anchor as a
        // head, a pattern's first word of several only whole; the same near the end of the
        // text as in the middle (where the word is read eight bytes at a time)
        let mut f = StartFilter::new();
        f.insert(b"kar", false);
        f.insert(b"regime", false);
        f.insert(b"ab\x01c", false);
        f.insert(b"occupi", true);
        f.insert(b"the occupation", false);
        f.insert(b"internationalised", false);
        for (w, want) in [
            ("kar", true),
            ("kars", true),
            ("kares", true),
            ("karibe", false),
            ("ka", false),
            ("regimes", true),
            ("regime\x01", true),
            ("regimen", false),
            ("regi", false),
            ("reg", false),
            ("ab\x01c", true),
            ("ab\x01", true),
            ("abc", false),
            ("a", false),
            ("\x01kar", false),
            ("occupi", true),
            ("occupied", true),
            ("occ", false),
            ("the", true),
            ("there", false),
            ("theocracy", false),
            ("internationalised", true),
            ("internationalised\x01", true),
            ("internationalized", false),
        ] {
            let long = format!(" {w} filler text");
            let short = format!(" {w}");
            assert_eq!(f.may_start(long.as_bytes(), 1), want, "{w}");
            assert_eq!(f.may_start(short.as_bytes(), 1), want, "{w}");
            for t in [&long, &short] {
                let (slot, _) = f.word_slot_at(t.as_bytes(), 1);
                assert_eq!(f.word_ok(t.as_bytes(), 1, slot), want, "{w} (word_ok)");
            }
        }
        // a pattern's first three bytes, its separator included, when it has them: `ab`
        // followed by a space is not `ab\x01c` (at the end of the text the words decide)
        assert!(!f.may_start(b" ab filler", 1));
        assert!(f.may_start(b" ab", 1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The filtered, block-by-block word-start scan finds exactly what a plain
        /// overlapping automaton over the same patterns finds, across block boundaries.
        #[test]
        fn word_start_scan_equals_plain_automaton(
            terms in proptest::collection::vec(proptest::collection::vec(0usize..20, 1..4), 1..30),
            words in proptest::collection::vec((0usize..26, 0usize..8), 1..2500),
        ) {
            // terms are made of the first 20 words, globs among them; the text of every word
            // but the globs, some of which only globs, suffixes or prefixes of terms match
            const VOCAB: [&str; 26] = ["the", "regime", "resistance", "front", "of", "a",
                "axis", "ax", "occupation", "regimes", "U.S.", "Iran's", "ab", "abc",
                "Ḥizbullāh", "ḥizb", "regi*", "occupat?on", "ax*", "front*s",
                "regimen", "fronts", "occupied", "theirs", "Ḥizbullāhs", "حزب"];
            const SEPS: [&str; 8] = [" ", " ", " ", ", ", ".\n\n", " “", "” ", "  "];
            let list: Vec<String> = terms
                .iter()
                .map(|t| format!("{:?}", t.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ")))
                .collect();
            let toml = format!("name = \"t\"\n[categories.c]\nterms = [{}]\n", list.join(", "));
            let lex = parse(&toml, Path::new("t.toml")).unwrap();
            let fast = Matcher::build(vec![lex.clone()], Some(crate::lexicon::matcher::Tuning::Throughput)).unwrap();
            let quick = Matcher::build(vec![lex.clone()], Some(crate::lexicon::matcher::Tuning::QuickStart)).unwrap();
            let plain = Matcher::build(vec![lex], None).unwrap();
            let mut text = String::new();
            for &(w, sep) in &words {
                // no globs in the text
                let w = if (16..20).contains(&w) { w + 6 } else { w };
                text.push_str(VOCAB[w]);
                text.push_str(SEPS[sep]);
            }
            let key = |m: &Matcher| m.find(&text).into_iter().map(|h| (h.start, h.end, h.entry)).collect::<Vec<_>>();
            proptest::prop_assert_eq!(key(&fast), key(&plain));
            proptest::prop_assert_eq!(key(&quick), key(&plain));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// Many terms starting with the same word (large buckets) find what a plain
        /// automaton finds.
        #[test]
        fn large_buckets_equal_plain_automaton(
            terms in proptest::collection::vec((0usize..2, proptest::collection::vec(0usize..9, 0..3)), 10..60),
            words in proptest::collection::vec((0usize..11, 0usize..4), 1..1500),
        ) {
            const VOCAB: [&str; 11] = ["the", "israeli", "regime", "regimes", "occupation",
                "forces", "zionist", "entity", "front", "s", "Iran's"];
            const SEPS: [&str; 4] = [" ", " ", ", ", ". "];
            let list: Vec<String> = terms
                .iter()
                .map(|(first, rest)| {
                    let mut t = vec![VOCAB[*first]];
                    t.extend(rest.iter().map(|&w| VOCAB[w + 2]));
                    format!("{:?}", t.join(" "))
                })
                .collect();
            let toml = format!("name = \"t\"\n[categories.c]\nterms = [{}]\n", list.join(", "));
            let lex = parse(&toml, Path::new("t.toml")).unwrap();
            let fast = Matcher::build(vec![lex.clone()], Some(crate::lexicon::matcher::Tuning::Throughput)).unwrap();
            let plain = Matcher::build(vec![lex], None).unwrap();
            let mut text = String::new();
            for &(w, sep) in &words {
                text.push_str(VOCAB[w]);
                text.push_str(SEPS[sep]);
            }
            let key = |m: &Matcher| m.find(&text).into_iter().map(|h| (h.start, h.end, h.entry)).collect::<Vec<_>>();
            proptest::prop_assert_eq!(key(&fast), key(&plain));
        }
    }
}
