//! Dates printed in a page head or dateline. The date is reported *as printed* ("24 Nov 2024"),
//! because outlets disagree about dates and researchers want to see what each one said.

use super::pattern::Pattern;
use std::ops::Range;

/// Month names and abbreviations, as a regex group (a macro so the date regex is a literal).
macro_rules! month {
    () => {
        r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    };
}

/// An absolute date. Every form has four digits in a row (`\d{4}`, decimal digits of any
/// script), which [`find_date`] checks first; the condition here is always true.
pub(crate) static DATE: Pattern = Pattern::new(
    concat!(
        r"(?i)\b(?:\d{4}-\d{1,2}-\d{1,2}(?:T|\b)|(?:\d{1,2}(?:st|nd|rd|th)?\s+",
        month!(),
        r"\.?,?\s+\d{4}|",
        month!(),
        r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}/\d{1,2}/\d{1,2})\b)"
    ),
    |_, _| true,
);

/// The first absolute date in `s` (ISO `2024-11-24`, `24 Nov 2024`, `November 24, 2024`,
/// `24/11/2024`), as a byte range. Weekdays alone and relative times are not dates.
pub(crate) fn find_date(s: &str) -> Option<Range<usize>> {
    // Every form has four decimal digits in a row (`\d{4}`, digits of any script): without
    // them, neither compile the regex (start-up, issue 15) nor run it.
    if !four_digits_in_a_row(s) {
        return None;
    }
    DATE.find_unguarded(s).map(|r| {
        // An ISO timestamp's `T` is matched to stand in for a word boundary; not part of the date.
        if s[r.clone()].ends_with(['T', 't']) {
            r.start..r.end - 1
        } else {
            r
        }
    })
}

/// Whether `s` has four digits in a row, as every date [`DATE`] matches has (a year): a scan
/// of the bytes that spares running the pattern over the many head and dateline paragraphs
/// without one (4 % of `corpus terms` on text without digits). `\d` is any Unicode decimal
/// digit, and `char::is_numeric` accepts all of them, so no match is ever skipped.
fn four_digits_in_a_row(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        if c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()) {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Whether a lowercase word is a weekday name or abbreviation.
pub(crate) fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<&str> {
        find_date(s).map(|r| &s[r])
    }

    #[test]
    fn digit_precheck_never_hides_a_date() {
        let arabic = "\u{662}\u{660}\u{662}\u{664}-\u{660}\u{661}-\u{660}\u{662}";
        for s in [
            "Posted 12 Nov 2024 by staff",
            arabic,
            "12/11/2024",
            "no digits here at all",
            "123 456 7890",
            "May 5, 202",
        ] {
            if !four_digits_in_a_row(s) {
                assert!(DATE.find_unguarded(s).is_none(), "{s}");
            }
        }
        assert_eq!(d(&format!("{arabic} report")), Some(arabic));
    }

    #[test]
    fn finds_printed_dates() {
        assert_eq!(d("24 Nov 2024"), Some("24 Nov 2024"));
        assert_eq!(
            d("Posted November 24, 2024 at 10:00"),
            Some("November 24, 2024")
        );
        assert_eq!(d("2024-11-24T10:00:00Z"), Some("2024-11-24"));
        assert_eq!(d("Published: 12 March 2023 14:05"), Some("12 March 2023"));
        assert_eq!(d("Tehran, 3rd Sept. 2017 (SANA)"), Some("3rd Sept. 2017"));
    }

    #[test]
    fn weekdays_and_relative_times_are_not_dates() {
        assert_eq!(d("on Wednesday"), None);
        assert_eq!(d("4 months ago"), None);
        assert_eq!(d("in 2024"), None);
    }
}
