//! Paragraph splitting. Blank lines always separate paragraphs. Inside a block, a single
//! newline is either a hard wrap (a line filled up to the wrap width, or a sentence that
//! continues in lowercase on the next line) or a paragraph break (scraped pages often put one
//! paragraph per line with no blank line between). The decision is made per line break from
//! the shape of the two lines, in one linear pass with no per-line allocation.

use super::classify::{self, Kind};
use super::Span;

/// Widest line (in characters) still considered hard-wrapped text.
const WRAP_MAX: usize = 100;
/// Narrowest block (widest line, in characters) taken as possibly hard-wrapped: narrower
/// blocks are menus and labels, not wrapped prose.
const WRAP_MIN: usize = 50;
/// A wrapped line plus the next word must reach this share of the block's widest line.
const FULL_SHARE: f32 = 0.85;

/// Paragraph spans of `text`: trimmed, non-empty, in order. With `segmented`, every non-empty
/// line is its own paragraph.
pub(crate) fn split(text: &str, segmented: bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let mut pos = 0;
    // the lines of `text.split_inclusive('\n')`, found sixteen bytes at a time: `split` looks
    // for each line feed with a word-at-a-time `memchr` and a searcher around it, and this
    // loop reads every byte of every document
    while pos < text.len() {
        let end = (crate::bytescan::find_set(text.as_bytes(), pos, [b'\n']) + 1).min(text.len());
        let span = trim_span(text, pos, end);
        pos = end;
        match span {
            None => flush(text, &mut block, &mut out, segmented),
            Some(s) => block.push(s),
        }
    }
    flush(text, &mut block, &mut out, segmented);
    out
}

/// The trimmed span of `text[start..end]`, or `None` when it is blank.
pub(crate) fn trim_span(text: &str, start: usize, end: usize) -> Option<Span> {
    let s = &text[start..end];
    let t = s.trim_start();
    let start = start + (s.len() - t.len());
    let t = t.trim_end();
    if t.is_empty() {
        None
    } else {
        Some(Span {
            start,
            end: start + t.len(),
        })
    }
}

fn flush(text: &str, block: &mut Vec<Span>, out: &mut Vec<Span>, segmented: bool) {
    if block.is_empty() {
        return;
    }
    if segmented || block.len() == 1 {
        out.append(block);
        return;
    }
    let width = block
        .iter()
        .map(|s| text[s.start..s.end].chars().count())
        .max()
        .unwrap_or(0);
    let mut start = block[0].start;
    for i in 0..block.len() - 1 {
        let a = &text[block[i].start..block[i].end];
        let b = &text[block[i + 1].start..block[i + 1].end];
        if !joins(a, b, width) {
            out.push(Span {
                start,
                end: block[i].end,
            });
            start = block[i + 1].start;
        }
    }
    if let Some(last) = block.last() {
        out.push(Span {
            start,
            end: last.end,
        });
    }
    block.clear();
}

/// Whether the newline between lines `a` and `b` (both trimmed) is a hard wrap inside one
/// paragraph. `width` is the widest line of the block, in characters.
pub(crate) fn joins(a: &str, b: &str, width: usize) -> bool {
    // A list item starts a new paragraph.
    if classify::features(b).bullet {
        return false;
    }
    let first = b.split_whitespace().next().unwrap_or("");
    let a_ends_sentence = ends_sentence(a);
    // A sentence continuing in lowercase ("… the\nregime said") is one paragraph.
    let continuation = !a_ends_sentence && plain_lowercase_word(first);
    // A line filled up to the wrap width: the next word would not have fitted.
    let full = (WRAP_MIN..=WRAP_MAX).contains(&width)
        && (a.chars().count() + 1 + first.chars().count()) as f32 > FULL_SHARE * width as f32;
    if !(continuation || full) {
        return false;
    }
    // Never glue chrome or a headline onto prose.
    let ka = classify::classify(a);
    let kb = classify::classify(b);
    if matches!(ka, Kind::Chrome(_)) || matches!(kb, Kind::Chrome(_)) {
        return false;
    }
    if continuation {
        return true;
    }
    // A filled line joins unless it is a title-cased headline.
    let fa = classify::features(a);
    !(ka == Kind::Title && fa.upper >= fa.lower)
}

fn ends_sentence(a: &str) -> bool {
    let end = a.trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    end.ends_with(['.', '!', '?', '…', ':', '。', '؟'])
}

/// A word written all in lowercase letters (with inner hyphens/apostrophes and trailing
/// punctuation allowed): the sign of a sentence running on. Icon-font residue such as
/// `folder_openAsia` or `starAdd` is not plain.
fn plain_lowercase_word(w: &str) -> bool {
    let w = w.trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…');
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_lowercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '-' | '\'' | '’') {
            return false;
        }
    }
    letters > 0 && w.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(t: &str) -> Vec<&str> {
        split(t, false).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn blank_lines_separate() {
        assert_eq!(paras("One.\n\n  Two.  \n\n\n"), vec!["One.", "Two."]);
    }

    #[test]
    fn hard_wrapped_paragraph_stays_one() {
        let t = "The foreign minister said on Tuesday that the talks had made progress\n\
                 on the question of sanctions. Negotiators will meet again in Vienna\n\
                 next week, according to a statement from the ministry.";
        assert_eq!(paras(t).len(), 1);
    }

    #[test]
    fn one_paragraph_per_line_is_split() {
        let t = "Secretary of the Council made the remarks on Tuesday during a meeting with his counterpart in Sochi, where he is set to attend a security conference.\n\
                 Through their illegitimate military presence in Syria, some countries have only further complicated the circumstances on the ground there, he said.";
        assert_eq!(paras(t).len(), 2);
    }

    #[test]
    fn date_and_title_lines_are_split() {
        let t = "24 Nov 2024\nIllegal foreign presence in Syria serves to revive terrorism front: Iranian official";
        assert_eq!(paras(t).len(), 2);
    }

    #[test]
    fn title_then_wrapped_prose() {
        let t = "Talks Resume In Vienna\n\
                 The foreign minister said on Tuesday that the talks had made progress\n\
                 on the question of sanctions relief and the timetable for it.";
        assert_eq!(paras(t), vec!["Talks Resume In Vienna", "The foreign minister said on Tuesday that the talks had made progress\non the question of sanctions relief and the timetable for it."]);
    }

    #[test]
    fn lowercase_continuation_joins_long_lines() {
        let t = "During a later meeting with the Speaker of the parliament, the minister said that the country, in cooperation with its allies, will continue\ncombating terrorism no matter how much support is provided.";
        assert_eq!(paras(t).len(), 1);
    }

    #[test]
    fn chrome_lines_are_never_glued() {
        let t = "Imam Khamenei’s Advisor: Axis of Resistance States Must Join Forces to Expel US from Region\nfolder_openAsia-Pacific... access_time4 months ago\nstarAdd to favorites";
        assert_eq!(paras(t).len(), 3);
        let t = "#Iran #Syria #Talks About 4 months\nwho are we";
        assert_eq!(paras(t).len(), 2);
    }

    #[test]
    fn narrow_label_blocks_are_split() {
        assert_eq!(
            paras("Click here to share on social media\nshare2").len(),
            2
        );
    }

    #[test]
    fn list_items_are_split() {
        let t = "- faster planning permission for brownfield sites\n- a new fund for social housing\n- tax breaks";
        assert_eq!(paras(t).len(), 3);
    }

    #[test]
    fn segmented_splits_every_line() {
        assert_eq!(split("a b\nc d\n\ne", true).len(), 3);
    }

    #[test]
    fn spans_are_trimmed_with_crlf() {
        let t = "  Hello there.\r\n\r\nSecond one.\r\n";
        assert_eq!(paras(t), vec!["Hello there.", "Second one."]);
    }
}
