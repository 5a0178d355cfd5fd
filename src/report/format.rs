//! Escaping and number formatting shared by every renderer: one place to harden, so that no
//! output format escapes article text more weakly than another.
//!
//! Escapers: [`markdown`] (inline Markdown and pipe-table cells), [`html`] / [`push_html`]
//! (element content and quoted attributes), [`csv`] (RFC 4180 fields). Numbers: [`fixed`] and
//! [`fmt_num`] (no "NaN", no "-0.00"), [`fmt_signed`], [`fmt_pct`], [`fmt_int`],
//! [`fmt_sentences`], [`superscript`].

/// Escape text for Markdown inline content, table cells included: backslash before every
/// Markdown-active ASCII character, control characters and newlines as spaces.
///
/// GitHub (and Pandoc's `gfm`) also turn bare `http://…`, `www.…` and e-mail addresses into
/// links; escaping the `:` of `://`, the dot of `www.` and every `@` stops that, so a report's
/// only links are the ones framediff writes (none).
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let url_colon =
            c == ':' && chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/');
        let www_dot = c == '.'
            && i >= 3
            && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'))
            && (i == 3 || !chars[i - 4].is_alphanumeric());
        if url_colon || www_dot {
            out.push('\\');
            out.push(c);
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' | '&' | '!'
            | '{' | '}' | '^' | '@' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for HTML element content and quoted attribute values: `& < > " '`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_html(&mut out, s);
    out
}

/// [`html`], appended to `out`.
pub fn push_html(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are invalid in HTML text; NUL in particular is mangled by
            // parsers. Show them as spaces rather than let them reach the page.
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
pub fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `x` with `decimals` decimals, ASCII minus; "—" for NaN and infinities, which no statistic
/// should show as "NaN" to a reader, and `0.00` for a negative number that rounds to zero.
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// [`fixed`] with a typographic minus (`−1.2`), for the HTML and Markdown reports.
pub fn fmt_num(x: f64, decimals: usize) -> String {
    fixed(x, decimals).replacen('-', "−", 1)
}

/// A signed number with an explicit "+" for positive values (log ratios read as directions).
pub fn fmt_signed(x: f64, decimals: usize) -> String {
    let s = fmt_num(x, decimals);
    if x.is_finite() && x > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// A share in 0..=1 as a whole percentage ("83%"), "—" when unknown or not finite.
pub fn fmt_pct(x: Option<f64>) -> String {
    match x {
        Some(x) if x.is_finite() => format!("{}%", fmt_num(x * 100.0, 0)),
        _ => "—".into(),
    }
}

/// "1,234": thousands separators make word counts readable.
pub fn fmt_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sentence numbers as a reader counts them (1-based): "4", "4–5".
pub fn fmt_sentences(ids: &[usize]) -> String {
    match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a != b => format!("{}–{}", a + 1, b + 1),
        (Some(a), _) => format!("{}", a + 1),
        _ => String::new(),
    }
}

/// `3` → `³`: category tags that need no markup.
pub fn superscript(n: usize) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| SUP[usize::from(b - b'0')])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_specials() {
        assert_eq!(markdown("a*b_c`d"), "a\\*b\\_c\\`d");
        assert_eq!(markdown("<script>"), "\\<script\\>");
        assert_eq!(markdown("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(markdown("a|b\nc"), "a\\|b c");
        assert_eq!(
            markdown("see https://x.org, www.y.org"),
            "see https\\://x.org, www\\.y.org"
        );
        assert_eq!(markdown("awww.b: c"), "awww.b: c");
    }

    #[test]
    fn escape_covers_html_specials() {
        assert_eq!(
            html("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(html("a\0b"), "a b");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn numbers_format_for_readers() {
        assert_eq!(fixed(-1.25, 1), "-1.2");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(f64::INFINITY, 2), "—");
        assert_eq!(fmt_num(f64::NAN, 1), "—");
        assert_eq!(fmt_num(-0.01, 1), "0.0");
        assert_eq!(fmt_num(-1.25, 1), "−1.2");
        assert_eq!(fmt_signed(1.0, 2), "+1.00");
        assert_eq!(fmt_signed(0.001, 2), "0.00");
        assert_eq!(fmt_pct(Some(0.834)), "83%");
        assert_eq!(fmt_pct(None), "—");
        assert_eq!(fmt_int(1234567), "1,234,567");
        assert_eq!(fmt_int(12), "12");
        assert_eq!(fmt_sentences(&[3, 4]), "4–5");
        assert_eq!(fmt_sentences(&[0]), "1");
    }

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(12), "¹²");
    }
}
