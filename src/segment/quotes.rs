//! Quoted speech: which parts of a paragraph are inside quotation marks.
//!
//! Spans cover the text *between* the marks, excluding the marks themselves, so a word inside
//! “…” is quoted and the marks are not. Rules:
//!
//! * Double quotes — curly “…”, low „…“/„…”, guillemets «…», straight "…" (paired in order) —
//!   are always taken as quotation marks. A paragraph that opens a double quote and never closes
//!   it is quoted to its end: the news convention for a quote running over several paragraphs
//!   (each paragraph re-opens the quote, only the last closes it).
//! * Single quotes ‘…’, '…' and ‹…› must *clearly bracket words*, because the same characters
//!   are apostrophes (Iran’s, don't, ’90s, Jones’, rock 'n' roll). An opening single quote must
//!   follow whitespace or an opening bracket/quote and precede a letter that does not start an
//!   elision; a closing one must follow a non-space and precede a non-alphanumeric. A single
//!   quote still open at the end of the paragraph (or of its enclosing double quote) is
//!   dropped.
//!
//! Scare quotes (the ‘Israeli’ regime) are quotation marks too and are reported like speech:
//! telling a quoted term from a quoted source needs attribution analysis, which belongs to the
//! stages that consume these spans.
//!
//! The result is sorted, with nested and overlapping spans merged.

/// Bytes that may start a quotation mark: `"`, `'`, and the lead bytes of the curly quotes
/// (E2) and guillemets (C2).
static QUOTE_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0xE2] = true;
    t[0xC2] = true;
    t
};

/// The first offset at or after `i` whose byte may start a quotation mark ([`QUOTE_LEAD`]), or
/// `bytes.len()` (or `i` when past it). Runs of ASCII without `"` or `'` are skipped sixteen
/// bytes at a time: one byte per step, this loop was the quote finder's whole cost.
#[inline]
fn next_quote_lead(bytes: &[u8], i: usize) -> usize {
    crate::bytescan::find_lead(bytes, i, [b'"', b'\''], &QUOTE_LEAD)
}

/// Push the quoted spans of paragraph `p` (byte offsets relative to `p`) onto `out`: sorted,
/// non-overlapping, non-empty, excluding the quotation marks.
pub(crate) fn quote_spans(p: &str, out: &mut Vec<[usize; 2]>) {
    let first = out.len();
    let bytes = p.as_bytes();
    // (content start, opened by a low „ quote)
    let mut dbl: Option<(usize, bool)> = None;
    let mut sgl: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        i = next_quote_lead(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let Some(c) = p[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        match c {
            '“' | '„' | '«' => match dbl {
                None => dbl = Some((i + len, c == '„')),
                Some((o, true)) if c == '“' => {
                    out.push([o, i]);
                    dbl = None;
                    sgl = None;
                }
                Some(_) => {}
            },
            '”' | '»' => {
                if let Some((o, _)) = dbl.take() {
                    out.push([o, i]);
                    sgl = None;
                }
            }
            '"' => match dbl {
                Some((o, _)) => {
                    out.push([o, i]);
                    dbl = None;
                    sgl = None;
                }
                None => {
                    if p[i + len..]
                        .chars()
                        .next()
                        .is_some_and(|n| !n.is_whitespace())
                    {
                        dbl = Some((i + len, false));
                    }
                }
            },
            '‘' | '‹' | '’' | '›' | '\'' => {
                let can_open = matches!(c, '‘' | '‹' | '\'');
                let can_close = matches!(c, '’' | '›' | '\'');
                match sgl {
                    Some(o) if can_close && closes_single(p, i, len) => {
                        out.push([o, i]);
                        sgl = None;
                    }
                    None if can_open && opens_single(p, i, len) => sgl = Some(i + len),
                    _ => {}
                }
            }
            _ => {}
        }
        i += len;
    }
    if let Some((o, _)) = dbl {
        out.push([o, p.len()]);
    }
    normalise(&mut out[first..]);
    // Merge in place, dropping empty spans.
    let mut w = first;
    for r in first..out.len() {
        let q = out[r];
        if q[0] >= q[1] {
            continue;
        }
        if w > first && q[0] <= out[w - 1][1] {
            out[w - 1][1] = out[w - 1][1].max(q[1]);
        } else {
            out[w] = q;
            w += 1;
        }
    }
    out.truncate(w);
}

fn normalise(spans: &mut [[usize; 2]]) {
    spans.sort_unstable();
}

/// Words that start with an apostrophe (elisions), not with an opening quote.
fn is_elision(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(6)
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        word.as_str(),
        "tis" | "twas" | "em" | "cause" | "til" | "n" | "s" | "t" | "d" | "ll" | "re" | "ve" | "m"
    )
}

fn opens_single(p: &str, i: usize, len: usize) -> bool {
    let before_ok = p[..i].chars().next_back().is_none_or(|c| {
        c.is_whitespace() || matches!(c, '(' | '[' | '{' | '“' | '"' | '—' | '–' | '-' | '/')
    });
    let rest = &p[i + len..];
    before_ok && rest.chars().next().is_some_and(char::is_alphabetic) && !is_elision(rest)
}

fn closes_single(p: &str, i: usize, len: usize) -> bool {
    let before_ok = p[..i]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    let after_ok = p[i + len..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`next_quote_lead`] as it was, one byte at a time: the reference.
    fn next_quote_lead_reference(bytes: &[u8], mut i: usize) -> usize {
        while i < bytes.len() && !QUOTE_LEAD[bytes[i] as usize] {
            i += 1;
        }
        i
    }

    proptest::proptest! {
        #[test]
        fn next_quote_lead_equals_reference(
            p in "([a-zA-Z0-9 .,;()\n]{0,24}|[\"'’‘“”„«»‹›—–…\u{a0}éß\u{301}\u{627}東]){0,16}"
        ) {
            let b = p.as_bytes();
            for i in 0..=b.len() + 1 {
                proptest::prop_assert_eq!(next_quote_lead(b, i), next_quote_lead_reference(b, i));
            }
        }
    }

    fn quoted(p: &str) -> Vec<&str> {
        let mut v = Vec::new();
        quote_spans(p, &mut v);
        v.iter().map(|q| &p[q[0]..q[1]]).collect()
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        assert_eq!(
            quoted("“We will win,” he said. \"Never,\" she said."),
            ["We will win,", "Never,"]
        );
    }

    #[test]
    fn unclosed_double_quote_runs_to_paragraph_end() {
        assert_eq!(
            quoted("“We will fight. We will win."),
            ["We will fight. We will win."]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("Iran’s leaders don't care about the ’90s or Jones’ car.").is_empty());
        assert!(quoted("It's rock 'n' roll, 'tis true.").is_empty());
    }

    #[test]
    fn single_quotes_that_bracket_words() {
        assert_eq!(quoted("She called it ‘a farce’ and left."), ["a farce"]);
        assert_eq!(
            quoted("She turned to him, 'This is great.' she said."),
            ["This is great."]
        );
        assert_eq!(quoted("He said ‘Iran’s turn’ now."), ["Iran’s turn"]);
    }

    #[test]
    fn nested_quotes_merge() {
        assert_eq!(
            quoted("“He called it ‘a farce’ today,” she said."),
            ["He called it ‘a farce’ today,"]
        );
    }

    #[test]
    fn guillemets_and_low_quotes() {
        assert_eq!(quoted("Il a dit «non» hier."), ["non"]);
        assert_eq!(quoted("Er sagte „nein“ gestern."), ["nein"]);
    }

    #[test]
    fn unclosed_single_quote_is_dropped() {
        assert!(quoted("The 'so-called deal is off.").is_empty());
    }
}
