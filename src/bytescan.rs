//! Sixteen bytes at a time for the per-byte loops of ingest and segmentation.
//!
//! Reading a corpus, every byte of every paragraph passes the paragraph classifier's word
//! count, the sentence splitter's search for terminators and the quote finder's search for
//! quotation marks. One byte per iteration those loops cost five to thirty instructions a byte
//! (callgrind, a 5 MB corpus slice); on x86-64 SSE2 (baseline there, so always present) looks
//! at sixteen bytes in a handful of instructions. Other targets take the plain byte loop, which
//! is also the reference the tests compare the SSE2 code with.

/// Bit `k` of each mask describes byte `k` of a sixteen-byte chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lanes {
    /// Bytes of 0x80 and above (part of a non-ASCII character).
    pub high: u32,
    /// ASCII letters and digits.
    pub alnum: u32,
    /// ASCII whitespace as [`u8::is_ascii_whitespace`] has it (not the vertical tab).
    pub space: u32,
    /// ASCII lowercase letters.
    pub lower: u32,
    /// ASCII uppercase letters.
    pub upper: u32,
}

/// The [`Lanes`] of `chunk`.
#[inline(always)]
pub(crate) fn lanes16(chunk: &[u8; 16]) -> Lanes {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 CPU has it and every x86-64
        // Rust target enables it, so calling an SSE2 function is always sound here.
        unsafe { lanes16_sse2(chunk) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        lanes16_scalar(chunk)
    }
}

/// [`Lanes`] of sixteen-byte chunks side by side: bit `k` of each mask describes byte `k` of a
/// sixteen-byte-aligned block of sixty-four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lanes64 {
    pub high: u64,
    pub alnum: u64,
    pub space: u64,
    pub lower: u64,
    pub upper: u64,
}

/// The [`Lanes64`] of `block`: [`lanes16`] of each of its four quarters.
#[inline(always)]
pub(crate) fn lanes64(block: &[u8; 64]) -> Lanes64 {
    let mut l = Lanes64 {
        high: 0,
        alnum: 0,
        space: 0,
        lower: 0,
        upper: 0,
    };
    for q in 0..4 {
        let chunk: &[u8; 16] = block[16 * q..16 * q + 16]
            .try_into()
            .expect("sixteen bytes");
        let m = lanes16(chunk);
        let shift = 16 * q;
        l.high |= u64::from(m.high) << shift;
        l.alnum |= u64::from(m.alnum) << shift;
        l.space |= u64::from(m.space) << shift;
        l.lower |= u64::from(m.lower) << shift;
        l.upper |= u64::from(m.upper) << shift;
    }
    l
}

/// [`lanes64`] with AVX2 (32 bytes per instruction, three-operand): half the instructions
/// of four SSE2 quarters and none of their register copies. ASCII whitespace is one table look-up
/// by the low four bits (`vpshufb`, which gives 0 for bytes of 0x80 and above): each of the five
/// whitespace bytes has its own low four bits, so a byte is whitespace when it equals its entry.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub(crate) unsafe fn lanes64_avx2(block: &[u8; 64]) -> Lanes64 {
    // SAFETY: `block` is sixty-four readable bytes; the loads are unaligned.
    let (a, b) = unsafe {
        (
            lanes32_avx2(block.as_ptr()),
            lanes32_avx2(block.as_ptr().add(32)),
        )
    };
    let join = |lo: u32, hi: u32| u64::from(lo) | u64::from(hi) << 32;
    Lanes64 {
        high: join(a.high, b.high),
        alnum: join(a.alnum, b.alnum),
        space: join(a.space, b.space),
        lower: join(a.lower, b.lower),
        upper: join(a.upper, b.upper),
    }
}

/// The [`Lanes`] of the 32 bytes at `p` (bit `k` for byte `k`).
///
/// # Safety
/// The CPU must have AVX2, and `p` must point to 32 readable bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn lanes32_avx2(p: *const u8) -> Lanes {
    use std::arch::x86_64::*;
    // SAFETY: the caller's: 32 readable bytes at `p`; the load is unaligned.
    let v = unsafe { _mm256_loadu_si256(p.cast()) };
    let within = |lo: u8, hi: u8| {
        _mm256_and_si256(
            _mm256_cmpgt_epi8(v, _mm256_set1_epi8((lo - 1) as i8)),
            _mm256_cmpgt_epi8(_mm256_set1_epi8((hi + 1) as i8), v),
        )
    };
    let upper = within(b'A', b'Z');
    let lower = within(b'a', b'z');
    let digit = within(b'0', b'9');
    #[rustfmt::skip]
    let spaces = _mm256_setr_epi8(
        b' ' as i8, 0, 0, 0, 0, 0, 0, 0, 0, b'\t' as i8, b'\n' as i8, 0, 0x0c, b'\r' as i8, 0, 0,
        b' ' as i8, 0, 0, 0, 0, 0, 0, 0, 0, b'\t' as i8, b'\n' as i8, 0, 0x0c, b'\r' as i8, 0, 0,
    );
    let space = _mm256_cmpeq_epi8(v, _mm256_shuffle_epi8(spaces, v));
    let mask = |m: __m256i| _mm256_movemask_epi8(m) as u32;
    Lanes {
        high: mask(v),
        alnum: mask(_mm256_or_si256(_mm256_or_si256(upper, lower), digit)),
        space: mask(space),
        lower: mask(lower),
        upper: mask(upper),
    }
}

/// [`lanes16`] one byte at a time: the fallback, and the tests' reference.
#[cfg(any(test, not(target_arch = "x86_64")))]
pub(crate) fn lanes16_scalar(chunk: &[u8; 16]) -> Lanes {
    let mut l = Lanes {
        high: 0,
        alnum: 0,
        space: 0,
        lower: 0,
        upper: 0,
    };
    for (k, &b) in chunk.iter().enumerate() {
        let bit = 1u32 << k;
        l.high |= if b >= 0x80 { bit } else { 0 };
        l.alnum |= if b.is_ascii_alphanumeric() { bit } else { 0 };
        l.space |= if b.is_ascii_whitespace() { bit } else { 0 };
        l.lower |= if b.is_ascii_lowercase() { bit } else { 0 };
        l.upper |= if b.is_ascii_uppercase() { bit } else { 0 };
    }
    l
}

/// [`lanes16`] with SSE2. Bytes of 0x80 and above are negative as `i8`, so every range test
/// below (all against positive bounds) rejects them.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
unsafe fn lanes16_sse2(chunk: &[u8; 16]) -> Lanes {
    use std::arch::x86_64::*;
    // SAFETY (of the load): `chunk` is sixteen readable bytes; the load is unaligned.
    let v = _mm_loadu_si128(chunk.as_ptr().cast());
    let set = |c: u8| _mm_set1_epi8(c as i8);
    let within = |lo: u8, hi: u8| in_range_sse2(v, lo, hi);
    let upper = within(b'A', b'Z');
    let lower = within(b'a', b'z');
    let digit = within(b'0', b'9');
    // '\t' '\n' (not 0x0b) '\x0c' '\r' and ' '
    let space = _mm_or_si128(
        _mm_andnot_si128(_mm_cmpeq_epi8(v, set(0x0b)), within(b'\t', b'\r')),
        _mm_cmpeq_epi8(v, set(b' ')),
    );
    let mask = |m: __m128i| _mm_movemask_epi8(m) as u32;
    Lanes {
        high: mask(v),
        alnum: mask(_mm_or_si128(_mm_or_si128(upper, lower), digit)),
        space: mask(space),
        lower: mask(lower),
        upper: mask(upper),
    }
}

/// The lanes (all ones) of `v` whose byte lies in `lo..=hi`, for `1 <= lo` and `hi <= 0x7e`.
/// Bytes of 0x80 and above are negative as `i8`, so they are never in range. The range test of
/// every SSE2 loop of the crate (ingest's word counts, the matcher's normaliser, the
/// sentences' word counts).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
pub(crate) fn in_range_sse2(
    v: std::arch::x86_64::__m128i,
    lo: u8,
    hi: u8,
) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::*;
    _mm_and_si128(
        _mm_cmpgt_epi8(v, _mm_set1_epi8((lo - 1) as i8)),
        _mm_cmplt_epi8(v, _mm_set1_epi8((hi + 1) as i8)),
    )
}

/// Bit `k` set where `chunk[k]` is below 0x20 (an ASCII control character other than DEL).
#[inline(always)]
pub(crate) fn controls16(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as in `lanes16`, SSE2 is always present on x86-64.
        unsafe { controls16_sse2(chunk) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        controls16_scalar(chunk)
    }
}

/// [`controls16`] one byte at a time: the fallback, and the tests' reference.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn controls16_scalar(chunk: &[u8; 16]) -> u32 {
    (0..16).filter(|&k| chunk[k] < 0x20).map(|k| 1 << k).sum()
}

/// [`controls16`] with SSE2: a byte is below 0x20 when the unsigned minimum of it and 0x1f is
/// itself.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
unsafe fn controls16_sse2(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY (of the load): `chunk` is sixteen readable bytes; the load is unaligned.
    let v = _mm_loadu_si128(chunk.as_ptr().cast());
    _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v)) as u32
}

/// The sixteen bytes of `bytes` from `i`, zero-padded past its end, and how many are real.
#[inline(always)]
pub(crate) fn load16(bytes: &[u8], i: usize) -> ([u8; 16], usize) {
    match bytes.get(i..i + 16) {
        Some(s) => {
            let mut chunk = [0u8; 16];
            chunk.copy_from_slice(s);
            (chunk, 16)
        }
        None => load16_tail(bytes, i),
    }
}

/// [`load16`] at the end of `bytes`. Out of line so that the compiler does not merge the two
/// copies into one of variable length: that was a `memcpy` call for every chunk (callgrind: a
/// third of the decoder's head scan).
#[inline(never)]
fn load16_tail(bytes: &[u8], i: usize) -> ([u8; 16], usize) {
    let mut chunk = [0u8; 16];
    let rest = bytes.get(i..).unwrap_or(&[]);
    chunk[..rest.len()].copy_from_slice(rest);
    (chunk, rest.len())
}

/// The sixty-four bytes of `bytes` from `i`, zero-padded past its end ([`load16`] for
/// [`lanes64`]).
#[inline(always)]
pub(crate) fn load64(bytes: &[u8], i: usize) -> [u8; 64] {
    match bytes.get(i..i + 64) {
        Some(s) => {
            let mut block = [0u8; 64];
            block.copy_from_slice(s);
            block
        }
        None => load64_tail(bytes, i),
    }
}

/// [`load64`] at the end of `bytes`, out of line for the reason [`load16_tail`] is.
#[inline(never)]
fn load64_tail(bytes: &[u8], i: usize) -> [u8; 64] {
    let mut block = [0u8; 64];
    let rest = bytes.get(i..).unwrap_or(&[]);
    block[..rest.len()].copy_from_slice(rest);
    block
}

/// Bit `k` set where `chunk[k]` is one of `set`.
#[inline(always)]
pub(crate) fn set16<const N: usize>(chunk: &[u8; 16], set: [u8; N]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as in `lanes16`, SSE2 is always present on x86-64.
        unsafe { set16_sse2(chunk, &set) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        (0..16)
            .filter(|&k| set.contains(&chunk[k]))
            .map(|k| 1 << k)
            .sum()
    }
}

/// Bit `k` set where `chunk[k]` is one of `set` or is 0x80 or above.
#[inline(always)]
fn set_or_high16<const N: usize>(chunk: &[u8; 16], set: [u8; N]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as in `lanes16`, SSE2 is always present on x86-64.
        unsafe { set_or_high16_sse2(chunk, &set) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        (0..16)
            .filter(|&k| chunk[k] >= 0x80 || set.contains(&chunk[k]))
            .map(|k| 1 << k)
            .sum()
    }
}

/// The first offset at or after `from` whose byte `mask16` marks (`is` says the same of one
/// byte), or `bytes.len()` (`from` when past it), sixteen bytes at a time. The last few bytes
/// too: the input's last sixteen are read again, the lanes before `i` shifted out. Most
/// searches end at the end of a paragraph, and a byte loop over its last fifteen bytes cost
/// more than the rest of the search; only an input shorter than sixteen bytes goes one byte at
/// a time.
#[inline(always)]
fn find_by(
    bytes: &[u8],
    from: usize,
    mask16: impl Fn(&[u8; 16]) -> u32,
    is: impl Fn(u8) -> bool,
) -> usize {
    let mut i = from;
    while let Some(s) = bytes.get(i..i + 16) {
        let m = mask16(s.try_into().expect("sixteen bytes"));
        if m != 0 {
            return i + m.trailing_zeros() as usize;
        }
        i += 16;
    }
    if i >= bytes.len() {
        return i;
    }
    let Some(base) = bytes.len().checked_sub(16) else {
        return bytes[i..]
            .iter()
            .position(|&b| is(b))
            .map_or(bytes.len(), |k| i + k);
    };
    let m = mask16(bytes[base..].try_into().expect("sixteen bytes")) >> (i - base);
    if m != 0 {
        return i + m.trailing_zeros() as usize;
    }
    bytes.len()
}

/// The first offset at or after `from` whose byte is one of `set` or is 0x80 or above (any
/// byte of a non-ASCII character), or `bytes.len()` (`from` when past it): where a scan for
/// ASCII punctuation and the lead bytes of a few non-ASCII characters has to look closer.
/// Plain ASCII text in between is skipped sixteen bytes at a time ([`find_by`]).
#[inline]
pub(crate) fn find_set_or_high<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> usize {
    find_by(
        bytes,
        from,
        |c| set_or_high16(c, set),
        |b| b >= 0x80 || set.contains(&b),
    )
}

/// [`find_set_or_high`] one byte at a time: the tests' reference.
#[cfg(test)]
fn find_set_or_high_scalar<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> usize {
    let mut i = from;
    while i < bytes.len() && bytes[i] < 0x80 && !set.contains(&bytes[i]) {
        i += 1;
    }
    i
}

/// The first offset at or after `from` whose byte is one of `set`, or `bytes.len()` (`from`
/// when past it), sixteen bytes at a time ([`find_by`]): e.g. the next line feed, where
/// `str::split('\n')` searches with a word-at-a-time `memchr` and a searcher around it.
#[inline]
pub(crate) fn find_set<const N: usize>(bytes: &[u8], from: usize, set: [u8; N]) -> usize {
    find_by(bytes, from, |c| set16(c, set), |b| set.contains(&b))
}

/// The first offset at or after `from` whose byte is one of `set` or an ASCII control
/// character (below 0x20), or `bytes.len()` (`from` when past it), sixteen bytes at a time
/// ([`find_by`]): where a JSON string ends or has an escape (or a byte it may not hold).
#[inline]
pub(crate) fn find_set_or_control<const N: usize>(
    bytes: &[u8],
    from: usize,
    set: [u8; N],
) -> usize {
    find_by(
        bytes,
        from,
        |c| set16(c, set) | controls16(c),
        |b| b < 0x20 || set.contains(&b),
    )
}

/// The first offset at or after `from` whose byte `lead` marks, or `bytes.len()` (`from` when
/// past it): [`find_set_or_high`] for the ASCII ones, then a look at each non-ASCII byte it
/// stops at. `ascii` must be exactly the ASCII bytes `lead` marks. What the sentence splitter
/// (terminators) and the quote finder (quotation marks) both search for.
#[inline]
pub(crate) fn find_lead<const N: usize>(
    bytes: &[u8],
    from: usize,
    ascii: [u8; N],
    lead: &[bool; 256],
) -> usize {
    let mut i = from;
    loop {
        i = find_set_or_high(bytes, i, ascii);
        if i >= bytes.len() || lead[bytes[i] as usize] {
            return i;
        }
        // a byte of a non-ASCII character that `lead` does not mark
        i += 1;
    }
}

/// Whether any byte of `bytes` is one of `set`, sixteen bytes at a time (the last few too: the
/// input's last sixteen bytes, read again).
#[inline]
pub(crate) fn contains_any<const N: usize>(bytes: &[u8], set: [u8; N]) -> bool {
    let mut chunks = bytes.chunks_exact(16);
    for chunk in &mut chunks {
        if set16(chunk.try_into().expect("sixteen bytes"), set) != 0 {
            return true;
        }
    }
    if chunks.remainder().is_empty() {
        return false;
    }
    match bytes.len().checked_sub(16) {
        Some(base) => set16(bytes[base..].try_into().expect("sixteen bytes"), set) != 0,
        None => bytes.iter().any(|b| set.contains(b)),
    }
}

/// [`set16`] with SSE2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
unsafe fn set16_sse2<const N: usize>(chunk: &[u8; 16], set: &[u8; N]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY (of the load): `chunk` is sixteen readable bytes; the load is unaligned.
    let v = _mm_loadu_si128(chunk.as_ptr().cast());
    let mut m = _mm_setzero_si128();
    for &c in set {
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)));
    }
    _mm_movemask_epi8(m) as u32
}

/// Bit `k` set where `chunk[k]` is in `set` or is 0x80 or above.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
unsafe fn set_or_high16_sse2<const N: usize>(chunk: &[u8; 16], set: &[u8; N]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY (of the load): `chunk` is sixteen readable bytes; the load is unaligned.
    let v = _mm_loadu_si128(chunk.as_ptr().cast());
    let mut m = v;
    for &c in set {
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)));
    }
    _mm_movemask_epi8(m) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes the classes and searches tell apart: every ASCII class boundary, the vertical tab,
    /// and the lead and continuation bytes of the quotes and dashes of news text.
    fn byte() -> impl proptest::strategy::Strategy<Value = u8> {
        proptest::prop_oneof![
            proptest::sample::select(vec![
                0u8, b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', b'!', b'"', b'\'', b'.', b'/', b'0',
                b'9', b':', b'?', b'@', b'A', b'Z', b'[', b'\\', b'`', b'a', b'z', b'{', 0x7f,
                0x80, 0x9c, 0xa0, 0xbf, 0xc2, 0xc3, 0xd8, 0xe2, 0xe3, 0xef, 0xff,
            ]),
            proptest::num::u8::ANY,
        ]
    }

    proptest::proptest! {
        #[test]
        fn lanes16_equals_scalar(v in proptest::collection::vec(byte(), 16)) {
            let mut chunk = [0u8; 16];
            chunk.copy_from_slice(&v);
            proptest::prop_assert_eq!(lanes16(&chunk), lanes16_scalar(&chunk));
        }

        #[test]
        fn lanes64_equals_scalar(v in proptest::collection::vec(byte(), 0..70), i in 0usize..72) {
            let block = load64(&v, i);
            let real = v.get(i..).unwrap_or(&[]);
            let n = real.len().min(64);
            proptest::prop_assert_eq!(&block[..n], &real[..n]);
            proptest::prop_assert!(block[n..].iter().all(|&b| b == 0));
            let l = lanes64(&block);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2, checked just above.
                proptest::prop_assert_eq!(unsafe { lanes64_avx2(&block) }, l);
            }
            for q in 0..4 {
                let chunk: [u8; 16] = block[16 * q..16 * q + 16].try_into().unwrap();
                let s = lanes16_scalar(&chunk);
                let part = |m: u64| (m >> (16 * q)) as u16 as u32;
                proptest::prop_assert_eq!(
                    (part(l.high), part(l.alnum), part(l.space), part(l.lower), part(l.upper)),
                    (s.high, s.alnum, s.space, s.lower, s.upper)
                );
            }
        }

        #[test]
        fn contains_any_equals_scalar(v in proptest::collection::vec(byte(), 0..70)) {
            proptest::prop_assert_eq!(
                contains_any(&v, [0x84, 0xc5]),
                v.iter().any(|&b| b == 0x84 || b == 0xc5)
            );
            // the zero padding of the last chunk is not part of the input
            proptest::prop_assert_eq!(contains_any(&v, [0, b'\n']), v.contains(&0) || v.contains(&b'\n'));
        }

        #[test]
        fn load16_pads_with_zeros(v in proptest::collection::vec(byte(), 0..40), i in 0usize..45) {
            let (chunk, avail) = load16(&v, i);
            let real = v.get(i..).unwrap_or(&[]);
            proptest::prop_assert_eq!(avail, real.len().min(16));
            proptest::prop_assert_eq!(&chunk[..avail], &real[..avail]);
            proptest::prop_assert!(chunk[avail..].iter().all(|&b| b == 0));
        }

        #[test]
        fn controls16_equals_scalar(v in proptest::collection::vec(byte(), 16)) {
            let mut chunk = [0u8; 16];
            chunk.copy_from_slice(&v);
            proptest::prop_assert_eq!(controls16(&chunk), controls16_scalar(&chunk));
        }

        #[test]
        fn find_set_or_high_equals_scalar(
            v in proptest::collection::vec(byte(), 0..70),
            from in 0usize..80,
        ) {
            let from = from.min(v.len());
            proptest::prop_assert_eq!(
                find_set_or_high(&v, from, [b'.', b'!', b'?']),
                find_set_or_high_scalar(&v, from, [b'.', b'!', b'?'])
            );
            proptest::prop_assert_eq!(
                find_set_or_high(&v, from, [b'"', b'\'']),
                find_set_or_high_scalar(&v, from, [b'"', b'\''])
            );
            proptest::prop_assert_eq!(
                find_set_or_high(&v, from, [0]),
                find_set_or_high_scalar(&v, from, [0])
            );
            let from_past = from + usize::from(from == v.len()) * 3;
            proptest::prop_assert_eq!(
                find_set_or_high(&v, from_past, [b'.']),
                find_set_or_high_scalar(&v, from_past, [b'.'])
            );
        }

        #[test]
        fn find_set_or_control_equals_scalar(
            v in proptest::collection::vec(byte(), 0..70),
            from in 0usize..80,
        ) {
            let set = [b'"', b'\\'];
            let scalar = v.iter().skip(from).position(|&b| b < 0x20 || set.contains(&b))
                .map_or(from.max(v.len()), |k| from + k);
            proptest::prop_assert_eq!(find_set_or_control(&v, from, set), scalar);
        }

        #[test]
        fn find_set_equals_scalar(
            v in proptest::collection::vec(byte(), 0..70),
            from in 0usize..80,
        ) {
            for set in [[b'\n', b'\n'], [0, 0xe2], [b'.', 0x80]] {
                let scalar = v.iter().skip(from).position(|b| set.contains(b))
                    .map_or(from.max(v.len()), |k| from + k);
                proptest::prop_assert_eq!(find_set(&v, from, set), scalar);
            }
        }
    }
}
