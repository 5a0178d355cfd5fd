//! A JSONL manifest line read without serde: the common case only, everything else left to
//! `serde_json`.
//!
//! A line of a JSONL manifest is almost always one flat object of string fields (`id`, `outlet`,
//! `text`, ...), maybe with numbers or `null`s. [`fields`] reads exactly such a line, finding
//! the end of each string and its escapes sixteen bytes at a time
//! ([`crate::bytescan::find_set_or_control`]); `serde_json` looked at the bytes of the texts
//! eight at a time and a string's pieces between escapes one call each (callgrind: about 4 % of
//! `corpus terms`). Anything else — another shape, a nested value among the fields, a number
//! with a sign, fraction or exponent where the field wants one, an escaped key, a lone
//! surrogate, a duplicate field, invalid UTF-8, any syntax error — is `None`, and the caller
//! parses the line with `serde_json`, which gives the same fields or its own error. So a line
//! this module reads is one `serde_json` reads to the same [`Fields`] (the tests compare the two
//! on random lines), and errors and their messages are `serde_json`'s.

use super::Fields;
use crate::bytescan;

/// The fields of `line` (a JSON object and JSON whitespace after it), or `None` when it is
/// anything but a plain flat object (see the module documentation). `scratch` is reused for the
/// strings with escapes.
pub(super) fn fields(line: &[u8], scratch: &mut Vec<u8>) -> Option<Fields> {
    let mut p = Parser { b: line, i: 0 };
    let mut f = Fields::default();
    // which of the eight fields were seen (`serde` rejects a field given twice, even as `null`)
    let mut seen = 0u8;
    p.ws();
    p.eat(b'{')?;
    p.ws();
    if p.peek() == Some(b'}') {
        p.i += 1;
    } else {
        loop {
            p.eat(b'"')?;
            let key = p.key()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            let (slot, number_ok) = match key {
                b"id" => (0, true),
                b"outlet" => (1, false),
                b"event" => (2, true),
                b"date" => (3, false),
                b"title" => (4, false),
                b"url" => (5, false),
                b"path" => (6, false),
                b"text" => (7, false),
                _ => {
                    p.skip_value(scratch)?;
                    (8, false)
                }
            };
            if slot < 8 {
                if seen & (1 << slot) != 0 {
                    return None;
                }
                seen |= 1 << slot;
                let v = p.value(number_ok, scratch)?;
                *match slot {
                    0 => &mut f.id,
                    1 => &mut f.outlet,
                    2 => &mut f.event,
                    3 => &mut f.date,
                    4 => &mut f.title,
                    5 => &mut f.url,
                    6 => &mut f.path,
                    _ => &mut f.text,
                } = v;
            }
            p.ws();
            match p.next()? {
                b',' => p.ws(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.ws();
    (p.i == line.len()).then_some(f)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    /// JSON's whitespace (space, tab, line feed, carriage return).
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// `lit` (after its first byte, already seen).
    fn literal(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.i + lit.len();
        (self.b.get(self.i..end)? == lit).then(|| self.i = end)
    }

    /// A key (after its opening quote): printable ASCII without escapes, else `None`.
    fn key(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        loop {
            match self.next()? {
                b'"' => return Some(&self.b[start..self.i - 1]),
                b'\\' | 0..=0x1f | 0x80.. => return None,
                _ => {}
            }
        }
    }

    /// A known field's value: a string, `null`, or (for `id` and `event`, which take numbers)
    /// an integer from 0 to 18 digits without a sign, fraction or exponent, which `i64` holds
    /// and `to_string` writes as it is written here.
    fn value(&mut self, number_ok: bool, scratch: &mut Vec<u8>) -> Option<Option<String>> {
        match self.next()? {
            b'"' => self.string(scratch).map(Some),
            b'n' => self.literal(b"ull").map(|()| None),
            b'0'..=b'9' if number_ok => {
                let start = self.i - 1;
                if self.b[start] != b'0' {
                    while matches!(self.peek(), Some(b'0'..=b'9')) {
                        self.i += 1;
                    }
                }
                if self.i - start > 18
                    || matches!(self.peek(), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
                {
                    return None;
                }
                // ASCII digits
                Some(Some(
                    String::from_utf8(self.b[start..self.i].to_vec()).ok()?,
                ))
            }
            _ => None,
        }
    }

    /// An unknown field's value, which `serde` skips: a string, number, `true`, `false` or
    /// `null` (an object or array: `None`).
    fn skip_value(&mut self, scratch: &mut Vec<u8>) -> Option<()> {
        match self.next()? {
            b'"' => self.string(scratch).map(drop),
            b'n' => self.literal(b"ull"),
            b't' => self.literal(b"rue"),
            b'f' => self.literal(b"alse"),
            b'-' | b'0'..=b'9' => {
                self.i -= 1;
                self.number()
            }
            _ => None,
        }
    }

    /// A number as JSON has it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digit()?;
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.digit()?;
            self.digits();
        }
        Some(())
    }

    fn digit(&mut self) -> Option<()> {
        self.next()?.is_ascii_digit().then_some(())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    /// A string (after its opening quote), unescaped: raw control characters, an unknown
    /// escape, a lone or unpaired surrogate, a missing closing quote or invalid UTF-8 are `None`.
    fn string(&mut self, scratch: &mut Vec<u8>) -> Option<String> {
        let start = self.i;
        let mut at = bytescan::find_set_or_control(self.b, start, [b'"', b'\\']);
        if self.b.get(at) == Some(&b'"') {
            self.i = at + 1;
            return std::str::from_utf8(&self.b[start..at])
                .ok()
                .map(str::to_string);
        }
        scratch.clear();
        let mut from = start;
        loop {
            let c = *self.b.get(at)?;
            scratch.extend_from_slice(&self.b[from..at]);
            self.i = at + 1;
            match c {
                b'"' => break,
                b'\\' => self.escape(scratch)?,
                _ => return None,
            }
            from = self.i;
            at = bytescan::find_set_or_control(self.b, from, [b'"', b'\\']);
        }
        std::str::from_utf8(scratch).ok().map(str::to_string)
    }

    /// The escape after a backslash, appended to `out` as UTF-8.
    fn escape(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let c = match self.next()? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let mut u = u32::from(self.hex4()?);
                if (0xdc00..0xe000).contains(&u) {
                    return None;
                }
                if (0xd800..0xdc00).contains(&u) {
                    self.literal(b"\\u")?;
                    let lo = u32::from(self.hex4()?);
                    if !(0xdc00..0xe000).contains(&lo) {
                        return None;
                    }
                    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                }
                let ch = char::from_u32(u)?;
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                return Some(());
            }
            _ => return None,
        };
        out.push(c);
        Some(())
    }

    /// Four hex digits (either case).
    fn hex4(&mut self) -> Option<u16> {
        let h = self.b.get(self.i..self.i + 4)?;
        let mut v = 0u16;
        for &d in h {
            v = v << 4 | char::from(d).to_digit(16)? as u16;
        }
        self.i += 4;
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(line: &[u8]) -> Option<Fields> {
        serde_json::from_slice::<Fields>(line).ok()
    }

    fn check(line: &[u8]) -> Result<(), TestCaseError> {
        if let Some(f) = fields(line, &mut Vec::new()) {
            prop_assert_eq!(Some(f), serde(line), "{:?}", String::from_utf8_lossy(line));
        }
        Ok(())
    }

    /// Typical lines take the fast path, and give what `serde_json` gives.
    #[test]
    fn plain_lines_are_read() {
        for line in [
            &br#"{"id": "d0", "outlet": "fox", "event": "e0", "date": "2019-01-01", "text": "In SANA.\n\n\u201cIt\u201d \"q\" \\ \/ \b\f\r\t \ud83d\ude00 caf\u00e9 \u00E9"}"#[..],
            br#"{"id":17,"outlet":"bbc","event":0,"title":null,"url":"u","path":"a/b.txt"}"#,
            b" {\"id\": \"x\", \"extra\": [1], \"text\": \"t\"}",
            b"{\"id\":\"x\",\"n\":-1.5e+3,\"b\":true,\"c\":false,\"d\":null,\"s\":\"\\u0041\",\"text\":\"\xc3\xa9\"}\r\n",
            b"{}",
            b"{ }\n",
            br#"{"id": 123456789012345678}"#,
        ] {
            let fast = fields(line, &mut Vec::new());
            let nested = line.windows(3).any(|w| w == b"[1]");
            assert_eq!(fast.is_some(), !nested, "{:?}", String::from_utf8_lossy(line));
            if fast.is_some() {
                assert_eq!(fast, serde(line));
            }
        }
    }

    /// Lines `serde_json` rejects or reads differently are left to it.
    #[test]
    fn unusual_lines_are_left_to_serde() {
        for line in [
            &br#"{"id": "a", "id": "b"}"#[..],
            br#"{"id": null, "id": "b"}"#,
            br#"{"id": -1}"#,
            br#"{"id": 1.0}"#,
            br#"{"id": 1e3}"#,
            br#"{"id": 01}"#,
            br#"{"id": 1234567890123456789}"#,
            br#"{"outlet": 5}"#,
            br#"{"id": "\ud800"}"#,
            br#"{"id": "\udc00\ud800"}"#,
            br#"{"id": "\ud800\u0041"}"#,
            br#"{"id": "\x"}"#,
            br#"{"i\u0064": "a"}"#,
            br#"{"id": "a",}"#,
            br#"{"id": "a"} x"#,
            br#"["a", "b"]"#,
            b"{\"id\": \"a\tb\"}",
            b"{\"id\": \"\xff\"}",
            b"\xef\xbb\xbf{}",
            br#"{"x": {"id": "a"}}"#,
            br#"{"x": 01}"#,
            br#"{"x": 1.}"#,
            br#"{"x": -}"#,
            br#"{"id": "a""#,
            br#"{"id": "a"#,
            br#"{"id" "a"}"#,
            b"{\x0b\"id\": \"a\"}",
            b"{\x0c\"id\": \"a\"}",
            b"{\"id\": \"a\"}\x0b",
            b"{\"id\":\xc2\xa0\"a\"}",
            br#"{"id": nul}"#,
        ] {
            assert_eq!(
                fields(line, &mut Vec::new()),
                None,
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
    }

    /// Pieces of JSON strings: plain text, every escape, \u escapes of ASCII, BMP characters,
    /// surrogate pairs, lone and reversed surrogates, bad hex, raw non-ASCII, control characters,
    /// invalid UTF-8, quotes and backslashes.
    fn string_piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            4 => "[a-zA-Z0-9 .,'’“”é東]{0,40}".prop_map(String::into_bytes),
            4 => prop::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u0041", r"\u00e9",
                r"\u00E9", r"\u201C", r"\ud83d\ude00", r"\uD83D\uDE00", r"\u0000", "\u{7f}",
                "\u{a0}",
            ]).prop_map(|s| s.as_bytes().to_vec()),
            1 => prop::sample::select(vec![
                r"\ud800", r"\udc00", r"\ud800\u0041", r"\ud800x", r"\u12", r"\uzzzz", r"\x",
                r"\", "\"", "\u{1}", "\t", "\n",
            ]).prop_map(|s| s.as_bytes().to_vec()),
            1 => prop::sample::select(vec![vec![0xffu8], vec![0xc3], vec![0x80], vec![0xed, 0xa0, 0x80]]),
        ]
    }

    fn json_string() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(string_piece(), 0..8).prop_map(|v| {
            let mut s = b"\"".to_vec();
            s.extend(v.concat());
            s.push(b'"');
            s
        })
    }

    fn json_value() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            8 => json_string(),
            3 => prop::sample::select(vec![
                "null", "true", "false", "0", "7", "17", "-1", "-0", "1.5", "1e5", "1E+5", "1e-5",
                "2.5E3", "-0.0e-0", "123456789012345678", "1234567890123456789",
                "99999999999999999999", "9223372036854775807", "9223372036854775808",
            ]).prop_map(|s| s.as_bytes().to_vec()),
            1 => prop::sample::select(vec![
                "nul", "01", "1.", "-", "1e", "+1", ".5", "[]", "[1, \"a\"]", "{}", "{\"id\": 1}",
                "\"a\" \"b\"", "NaN", "tru",
            ]).prop_map(|s| s.as_bytes().to_vec()),
        ]
    }

    fn key() -> impl Strategy<Value = Vec<u8>> {
        prop::sample::select(vec![
            "id", "outlet", "event", "date", "title", "url", "path", "text", "extra", "ID",
            "i\\u0064", "t\\\"", "", "é",
        ])
        .prop_map(|s| format!("\"{s}\"").into_bytes())
    }

    fn ws() -> impl Strategy<Value = Vec<u8>> {
        prop::sample::select(vec!["", "", "", "", " ", " ", "\t", "\r\n", "\n ", "\r"])
            .prop_map(|s| s.as_bytes().to_vec())
    }

    /// A line: an object of members (keys repeated, values of every kind), with JSON's
    /// whitespace anywhere (other whitespace: the changed lines and the unusual ones above),
    /// sometimes a trailing comma or bytes after it.
    fn line() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec((ws(), key(), ws(), ws(), json_value(), ws()), 0..5),
            ws(),
            ws(),
            prop::sample::select(vec!["", "", "", "", "", ",", "x", "}", "\n", "\r\n"]),
        )
            .prop_map(|(members, w0, w1, tail)| {
                let mut s = w0;
                s.push(b'{');
                for (n, (a, k, b, c, v, d)) in members.into_iter().enumerate() {
                    if n > 0 {
                        s.push(b',');
                    }
                    s.extend(a);
                    s.extend(k);
                    s.extend(b);
                    s.push(b':');
                    s.extend(c);
                    s.extend(v);
                    s.extend(d);
                }
                s.push(b'}');
                s.extend(w1);
                s.extend(tail.as_bytes());
                s
            })
    }

    /// The random lines exercise the fast path: of those `serde_json` reads, it reads many
    /// (the others have nested values, numbers where a string is wanted, ...), and it also
    /// rejects lines `serde_json` rejects.
    #[test]
    fn random_lines_take_the_fast_path() {
        use proptest::strategy::ValueTree;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut ok, mut fast, mut rejected) = (0, 0, 0);
        for _ in 0..3000 {
            let l = line().new_tree(&mut runner).unwrap().current();
            let f = fields(&l, &mut Vec::new());
            match serde(&l) {
                Some(_) => ok += 1,
                None => rejected += 1,
            }
            fast += usize::from(f.is_some());
        }
        eprintln!("serde reads {ok}, fast path {fast}, serde rejects {rejected}");
        assert!(fast * 4 > ok && rejected > 300, "{ok} {fast} {rejected}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fast_path_equals_serde(l in line()) {
            check(&l)?;
        }

        #[test]
        fn cut_or_changed_lines_equal_serde(l in line(), at in any::<prop::sample::Index>(), b in any::<u8>()) {
            let k = at.index(l.len() + 1);
            check(&l[..k])?;
            let mut m = l.clone();
            if k < m.len() {
                m[k] = b;
            } else {
                m.push(b);
            }
            check(&m)?;
        }

        #[test]
        fn long_strings_equal_serde(pieces in prop::collection::vec(string_piece(), 0..60)) {
            let text = pieces.concat();
            let mut l = b"{\"id\": \"a\", \"outlet\": \"b\", \"text\": \"".to_vec();
            l.extend(&text);
            l.extend(b"\"}\n");
            check(&l)?;
        }
    }
}
