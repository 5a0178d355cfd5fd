//! Bytes → text. Scraped pages arrive in UTF-8, in legacy Windows code pages, in UTF-16 from
//! Windows tools, or with a few stray invalid bytes from a bad copy-paste. None of these may
//! crash the tool or silently change words, so every non-trivial decision is reported as a
//! warning and binary files are refused before they turn into pages of mojibake.
//!
//! Offsets downstream are byte offsets into the text this module returns, and users read them
//! as byte offsets into their file. For UTF-8 input the two are kept identical: a byte-order mark
//! is blanked to three spaces rather than removed, and a bare CR line ending (old Mac exports,
//! some scrapers) becomes LF, one byte for one byte, so that every later stage sees `\n` line
//! breaks. Input that had to be decoded (UTF-16, legacy code pages, damaged UTF-8 with
//! replacement characters) has no such correspondence: offsets then index the decoded text.

use encoding_rs::{Encoding, UTF_8};

use crate::bytescan;
use crate::{Error, Result};

/// How much of the input is inspected for NUL bytes and control characters.
const SNIFF_LEN: usize = 8 * 1024;
/// How much of a non-UTF-8 input is fed to the encoding detector; detection needs far less,
/// and bounding it keeps a 200 MB file from being scanned twice.
const DETECT_LEN: usize = 1 << 20;

/// The decoded text plus any warnings about how it was obtained.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// File signatures of formats people plausibly pass by mistake (images, PDFs, archives,
/// office documents, executables). Checked before anything else so the user gets a clear
/// message instead of garbage sentences.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh9", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office document"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"),
    (b"RIFF", "media file"),
    (b"OggS", "media file"),
    (b"fLaC", "media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"wOFF", "font file"),
    (b"wOF2", "font file"),
    (b"SQLite format 3\x00", "SQLite database"),
];

/// What one pass over the head of the input (its first [`SNIFF_LEN`] bytes) finds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Head {
    /// A NUL byte.
    nul: bool,
    /// Control characters other than tab, line feed, carriage return, form feed and escape.
    controls: usize,
    /// A carriage return.
    cr: bool,
}

/// Scan `head` for [`Head`], sixteen bytes at a time: text has a control character (a line
/// feed) only every few hundred bytes, so almost every chunk is passed over whole, and the few
/// others are looked at as bit masks too. One byte at a time, with a search each for NUL and
/// CR, this was 3% of `corpus terms`; sixteen at a time but with a byte loop for every chunk
/// holding a line feed, 1.4% (callgrind).
fn scan_head(head: &[u8]) -> Head {
    let mut h = Head::default();
    // `real`: the lanes that are bytes of `head` (the zero padding past its end is no NUL)
    let mut look = |chunk: &[u8; 16], real: u32| {
        let controls = bytescan::controls16(chunk) & real;
        if controls != 0 {
            h.nul |= bytescan::set16(chunk, [0]) & real != 0;
            h.cr |= bytescan::set16(chunk, [b'\r']) & real != 0;
            let allowed = bytescan::set16(chunk, [b'\t', b'\n', b'\r', 0x0c, 0x1b]);
            h.controls += (controls & !allowed).count_ones() as usize;
        }
    };
    let mut chunks = head.chunks_exact(16);
    for chunk in &mut chunks {
        look(chunk.try_into().expect("a chunk of sixteen bytes"), 0xffff);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let (chunk, n) = bytescan::load16(rest, 0);
        look(&chunk, (1u32 << n) - 1);
    }
    h
}

/// [`scan_head`] one byte at a time: the tests' reference.
#[cfg(test)]
fn scan_head_scalar(head: &[u8]) -> Head {
    let mut h = Head::default();
    for &b in head {
        h.nul |= b == 0;
        h.cr |= b == b'\r';
        h.controls += usize::from(b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b));
    }
    h
}

/// Refuse input that is not text: a known file signature, a NUL byte in the first few KB, or
/// a high share of control characters. Returns the error message to attach to the path.
/// ([`decode`] scans the head once for this and for CR, with [`binary_reason_scanned`].)
#[cfg(test)]
fn binary_reason(bytes: &[u8]) -> Option<String> {
    binary_reason_scanned(bytes, &scan_head(&bytes[..bytes.len().min(SNIFF_LEN)]))
}

/// [`binary_reason`] given the [`scan_head`] of `bytes`.
fn binary_reason_scanned(bytes: &[u8], h: &Head) -> Option<String> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(format!("looks like a binary file, not text ({what})"));
        }
    }
    let head_len = bytes.len().min(SNIFF_LEN);
    if h.nul {
        return Some("looks like a binary file, not text (contains NUL bytes)".to_string());
    }
    if head_len > 0 && h.controls * 10 > head_len {
        return Some("looks like a binary file, not text (control characters)".to_string());
    }
    None
}

/// Decode `bytes` to text. `html` says the input is an HTML page, whose `<meta charset>` is
/// honoured when the bytes are not valid UTF-8. `name` is only used in warnings.
pub(crate) fn decode(mut bytes: Vec<u8>, path: &str, html: bool) -> Result<Decoded> {
    let mut warnings = Vec::new();
    // UTF-16 (with BOM) first: it is full of NUL bytes and would otherwise look binary.
    let mut bom = 0;
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if enc != UTF_8 {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            if had_errors {
                warnings.push(format!(
                    "invalid {} sequences replaced with U+FFFD",
                    enc.name()
                ));
            }
            let mut text = text.into_owned().into_bytes();
            bare_cr_to_lf(&mut text);
            return Ok(Decoded {
                text: String::from_utf8(text)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                warnings,
            });
        }
        bom = bom_len;
    }
    let body_len = bytes.len() - bom;
    let head = scan_head(&bytes[bom..bom + body_len.min(SNIFF_LEN)]);
    if let Some(why) = binary_reason_scanned(&bytes[bom..], &head) {
        return Err(Error::input(path, why));
    }
    // Same length, so offsets stay file offsets (see the module docs). CR is ASCII and never
    // part of a multi-byte sequence in UTF-8 or in the legacy encodings detected below. The
    // head was searched for CR already; only the rest of a longer input is searched here.
    bytes[..bom].fill(b' ');
    if head.cr || bytescan::contains_any(&bytes[bom + body_len.min(SNIFF_LEN)..], [b'\r']) {
        replace_bare_cr(&mut bytes);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded { text, warnings }),
        Err(e) => e.into_bytes(),
    };

    let (valid_multibyte, invalid, first_bad) = utf8_stats(&bytes);
    if html {
        if let Some(enc) = declared_charset(&bytes) {
            if enc != UTF_8 {
                let (text, _, had_errors) = enc.decode(&bytes);
                let mut w = format!(
                    "not valid UTF-8; decoded as {} (declared in the page)",
                    enc.name()
                );
                if had_errors {
                    w.push_str(", some bytes replaced with U+FFFD");
                }
                warnings.push(w);
                return Ok(Decoded {
                    text: text.into_owned(),
                    warnings,
                });
            }
        }
    }
    // Mostly valid UTF-8 with a few stray bytes: a damaged UTF-8 file, not a legacy encoding.
    if valid_multibyte > 0 && invalid <= valid_multibyte {
        return Ok(lossy(&bytes, invalid, first_bad, warnings));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_LEN)];
    det.feed(sample, sample.len() == bytes.len());
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    if enc != UTF_8 {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        if !had_errors && plausible(&text) {
            warnings.push(format!(
                "not valid UTF-8; decoded as {} (detected)",
                enc.name().to_ascii_lowercase()
            ));
            return Ok(Decoded {
                text: text.into_owned(),
                warnings,
            });
        }
    }
    // Detection unconvincing: keep the valid UTF-8 and mark the rest.
    Ok(lossy(&bytes, invalid, first_bad, warnings))
}

/// [`decode`] for input that is a `String` already (a manifest's inline text, which JSON or the
/// CSV reader has validated): the same refusal of binary input and the same clean-up, without
/// checking the whole text for UTF-8 a second time (a tenth of the decoder's cost per byte).
/// Valid UTF-8 has no UTF-16 byte-order mark (`FE` and `FF` never occur in it), so only the
/// UTF-8 one is blanked; text with a CR (rare, and CRLF too) takes [`decode`]'s byte path.
pub(crate) fn decode_string(mut text: String, path: &str) -> Result<Decoded> {
    let bytes = text.as_bytes();
    let bom = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    let head = scan_head(&body[..body.len().min(SNIFF_LEN)]);
    if let Some(why) = binary_reason_scanned(body, &head) {
        return Err(Error::input(path, why));
    }
    if head.cr || bytescan::contains_any(&body[body.len().min(SNIFF_LEN)..], [b'\r']) {
        // `html` only matters for text that is not UTF-8
        return decode(text.into_bytes(), path, false);
    }
    // the byte-order mark is one character of three bytes: three spaces keep the offsets
    text.replace_range(..bom, &"   "[..bom]);
    Ok(Decoded {
        text,
        warnings: Vec::new(),
    })
}

/// Turn every CR not followed by LF into LF, in place: a file with bare-CR line endings then
/// splits into lines and paragraphs exactly as its LF twin does (CRLF is left alone: CR is
/// whitespace everywhere downstream).
fn bare_cr_to_lf(bytes: &mut [u8]) {
    if bytes.contains(&b'\r') {
        replace_bare_cr(bytes);
    }
}

/// [`bare_cr_to_lf`] without first looking for a CR.
fn replace_bare_cr(bytes: &mut [u8]) {
    let n = bytes.len();
    for i in 0..n {
        if bytes[i] == b'\r' && (i + 1 == n || bytes[i + 1] != b'\n') {
            bytes[i] = b'\n';
        }
    }
}

fn lossy(bytes: &[u8], invalid: usize, first_bad: usize, mut warnings: Vec<String>) -> Decoded {
    warnings.push(format!(
        "not valid UTF-8: {invalid} invalid byte sequence{} (first at byte {first_bad}) replaced with U+FFFD",
        if invalid == 1 { "" } else { "s" }
    ));
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        warnings,
    }
}

/// Counts valid multi-byte UTF-8 characters and invalid sequences, and the offset of the
/// first invalid byte.
fn utf8_stats(bytes: &[u8]) -> (usize, usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    let mut first_bad = None;
    let mut pos = 0;
    for chunk in bytes.utf8_chunks() {
        let v = chunk.valid();
        valid_multibyte += v.chars().filter(|c| !c.is_ascii()).count();
        pos += v.len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first_bad.get_or_insert(pos);
            pos += chunk.invalid().len();
        }
    }
    (valid_multibyte, invalid, first_bad.unwrap_or(0))
}

/// A legacy decoding is implausible when it yields C1 control characters (which real text in
/// windows-125x never contains) in any quantity.
fn plausible(text: &str) -> bool {
    let c1 = text
        .chars()
        .take(DETECT_LEN)
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .count();
    c1 == 0
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
/// in the first KB of an HTML page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let idx = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &head[idx + 8..];
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .map(|i| &rest[i..])?;
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`binary_reason`] as it was, with a search for NUL and a count of control characters
    /// one byte at a time: the reference.
    fn binary_reason_reference(bytes: &[u8]) -> Option<String> {
        for (magic, what) in MAGIC {
            if bytes.starts_with(magic) {
                return Some(format!("looks like a binary file, not text ({what})"));
            }
        }
        let head = &bytes[..bytes.len().min(SNIFF_LEN)];
        if head.contains(&0) {
            return Some("looks like a binary file, not text (contains NUL bytes)".to_string());
        }
        let controls = head
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
            .count();
        if !head.is_empty() && controls * 10 > head.len() {
            return Some("looks like a binary file, not text (control characters)".to_string());
        }
        None
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Control characters, NUL, CR, text and non-ASCII bytes, in runs long and short, and
        /// inputs longer than the head.
        #[test]
        fn binary_reason_equals_reference(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z .\n\t\r\x0c\x1b\x00\x01\x07\x1f’é]{0,40}".prop_map(String::into_bytes),
                    proptest::collection::vec(proptest::num::u8::ANY, 0..20),
                    (0usize..3000).prop_map(|n| vec![b'a'; n]),
                ],
                0..12,
            ),
        ) {
            let bytes = parts.concat();
            proptest::prop_assert_eq!(binary_reason(&bytes), binary_reason_reference(&bytes));
            let head = &bytes[..bytes.len().min(SNIFF_LEN)];
            proptest::prop_assert_eq!(scan_head(head).cr, head.contains(&b'\r'));
            proptest::prop_assert_eq!(scan_head(head), scan_head_scalar(head));
        }

        /// Text that is a `String` already decodes as its bytes do: BOM, CR, CRLF, NUL,
        /// control characters, non-ASCII, and texts longer than the head.
        #[test]
        fn decode_string_equals_decode(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z .\n\t\r\x0c\x1b\x00\x01\x07\x1f’é\u{feff}\u{a0}]{0,40}",
                    (0usize..3000).prop_map(|n| "a".repeat(n)),
                    proptest::sample::select(vec!["\u{feff}", "\r", "\r\n", "%PDF-", "\x00"])
                        .prop_map(str::to_string),
                ],
                0..12,
            ),
        ) {
            let text = parts.concat();
            let by_string = decode_string(text.clone(), "t").map(|d| (d.text, d.warnings));
            let by_bytes = decode(text.into_bytes(), "t", false).map(|d| (d.text, d.warnings));
            proptest::prop_assert_eq!(
                format!("{by_string:?}"),
                format!("{by_bytes:?}")
            );
        }
    }

    fn dec(b: &[u8]) -> Decoded {
        decode(b.to_vec(), "t", false).unwrap()
    }

    #[test]
    fn utf8_passes_through_and_bom_is_blanked() {
        let d = dec("\u{feff}café".as_bytes());
        assert_eq!(
            d.text, "   café",
            "same length as the file, so offsets are file offsets"
        );
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bare_cr_becomes_lf_and_crlf_stays() {
        assert_eq!(
            dec(b"One.\r\rTwo.\r\nThree.\r").text,
            "One.\n\nTwo.\r\nThree.\n"
        );
        let mut b = vec![0xff, 0xfe];
        for u in "A\rB".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(dec(&b).text, "A\nB");
    }

    #[test]
    fn windows_1252_is_detected() {
        let d = dec(b"The caf\xe9 on the corner served cr\xe8me br\xfbl\xe9e to the minister.");
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.warnings[0].contains("windows-1252"), "{:?}", d.warnings);
    }

    #[test]
    fn stray_bytes_in_utf8_are_replaced_with_warning() {
        let d = dec("Iran’s “view” and \u{e9}"
            .bytes()
            .chain(*b" \xff end")
            .collect::<Vec<_>>()
            .as_slice());
        assert!(d.text.contains('\u{fffd}'));
        assert!(
            d.warnings[0].contains("invalid byte sequence"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "Hello Tehran".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(dec(&b).text, "Hello Tehran");
    }

    #[test]
    fn binary_is_refused() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n....").is_some());
        assert!(binary_reason(b"abc\x00def").is_some());
        assert!(binary_reason(b"%PDF-1.4").is_some());
        assert!(binary_reason(b"plain text\n").is_none());
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let page =
            b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8</body></html>";
        let d = decode(page.to_vec(), "t", true).unwrap();
        assert!(d.text.contains("При"), "{}", d.text);
    }
}
