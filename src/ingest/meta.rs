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

/// An absolute date. Every form has a digit (`\d`, a decimal digit of any script), which
/// [`find_date`] checks first; the condition here is always true.
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
    // Every form has a digit (`\d`, a decimal digit of any script; `is_numeric` takes a few
    // more): without one, neither compile the regex (start-up, issue 15) nor run it.
    if !s.chars().any(char::is_numeric) {
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
