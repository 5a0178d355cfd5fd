//! Page-chrome detection: which paragraphs are the article and which are the page around it.
//!
//! 1. Every paragraph is classified by shape ([`classify`]) and paragraphs printed more than
//!    once are found (a site blurb at top and bottom, a headline printed twice).
//! 2. Each paragraph gets a score: prose counts for the article, chrome that marks the end of
//!    an article (timestamps, teaser lists, section headers such as "Related") counts
//!    strongly against, short lines slightly against. The article body is the highest-scoring
//!    contiguous run (maximum subarray, linear time), so it starts and ends with prose and may
//!    contain subheadings and even ads, which are dropped individually.
//! 3. A short section at the end of that run whose heading is restated by its paragraph and
//!    which shares little vocabulary with the article (an author box, a staff blurb) is cut.
//! 4. The run is grown into the article body ([`extent`]): over short sentences and a
//!    truncated last paragraph next to it, and across chrome blocks to article text resuming
//!    after them.
//! 5. The headline is the nearest title-shaped line above the body that is not an item of a
//!    teaser list; it is kept, its repeats are dropped. Everything else before and after the
//!    body is dropped with a reason, as is chrome inside it; text inside it never is (an article
//!    may repeat a sentence).
//! 6. All of this only when the document shows page chrome ([`Chrome::is_evidence`]): a
//!    document without any is an article body as given, and nothing of it is dropped.

use std::hash::{DefaultHasher, Hasher};

use rustc_hash::FxHashMap;

use super::classify::{self, Chrome, Kind};
use super::extent;
use super::vocab::cohesion;
use super::Span;

/// Below this share of shared vocabulary, an edge section is not about the article.
const COHESION_MIN: f32 = 0.2;
/// Edge sections with more prose paragraphs than this are always kept.
const EDGE_MAX_PROSE: usize = 2;

/// The verdict on every paragraph of a document.
#[derive(Debug, Clone)]
pub(crate) struct Analysis {
    /// First and last paragraph (inclusive) of the article body, if one was found.
    pub body: Option<(usize, usize)>,
    /// Where the page head ends: the first paragraph of the body's core, before it was grown
    /// upwards (a date printed above it is the page's date, whatever the body took in).
    pub head_end: Option<usize>,
    /// Index of the kept headline paragraph.
    pub headline: Option<usize>,
    /// Why each paragraph is dropped (`None`: kept).
    pub drop: Vec<Option<&'static str>>,
}

impl Analysis {
    /// The verdict "keep everything", for input taken as given.
    pub(crate) fn keep_all(n: usize) -> Self {
        Analysis {
            body: None,
            head_end: None,
            headline: None,
            drop: vec![None; n],
        }
    }
}

/// From this many paragraphs on, [`analyse`] classifies them in parallel.
const PARALLEL_PARAGRAPHS: usize = 2048;

/// Analyse `paras` (spans into `text`).
pub(crate) fn analyse(text: &str, paras: &[Span]) -> Analysis {
    let n = paras.len();
    let get = |i: usize| &text[paras[i].start..paras[i].end];
    // Classifying and fingerprinting a paragraph reads it alone, so a long text (one big
    // file: thousands of paragraphs) does it on every core; a corpus document, a few dozen
    // paragraphs, is one of many read in parallel already.
    let (kinds, feats): (Vec<Kind>, Vec<classify::Features>);
    if n >= PARALLEL_PARAGRAPHS {
        use rayon::prelude::*;
        (kinds, feats) = (0..n)
            .into_par_iter()
            .map(|i| classify::classify_with_features(get(i)))
            .unzip();
    } else {
        (kinds, feats) = (0..n)
            .map(|i| classify::classify_with_features(get(i)))
            .unzip();
    }
    // Equal fingerprints need equal folded text, hence equal `folded_len`: a paragraph whose
    // length no other paragraph shares repeats nothing, and is not hashed (most paragraphs of a
    // document; hashing every one was a twentieth of `corpus terms`).
    let mut lengths: FxHashMap<usize, u32> = FxHashMap::default();
    for f in &feats {
        *lengths.entry(f.folded_len).or_default() += 1;
    }
    let print = |i: usize| {
        if lengths[&feats[i].folded_len] > 1 {
            fingerprint(get(i))
        } else {
            None
        }
    };
    let prints: Vec<Option<u64>> = if n >= PARALLEL_PARAGRAPHS {
        use rayon::prelude::*;
        (0..n).into_par_iter().map(print).collect()
    } else {
        (0..n).map(print).collect()
    };

    // Repeats: `first_of[i]` is the first paragraph with the same wording, `next_of[i]` the
    // next one.
    let mut first_of: Vec<Option<usize>> = vec![None; n];
    let mut next_of: Vec<Option<usize>> = vec![None; n];
    let mut repeated = vec![false; n];
    // fingerprint → (first, latest) paragraph with it
    // (FxHash: the keys are hashes already, and a local tool's input is no attack on it)
    let mut seen: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    for (i, &h) in prints.iter().enumerate() {
        let Some(h) = h else {
            continue;
        };
        match seen.get_mut(&h) {
            Some((first, latest)) => {
                first_of[i] = Some(*first);
                next_of[*latest] = Some(i);
                repeated[i] = true;
                repeated[*first] = true;
                *latest = i;
            }
            None => {
                seen.insert(h, (i, i));
            }
        }
    }
    let evidence = kinds
        .iter()
        .any(|k| matches!(k, Kind::Chrome(c) if c.is_evidence()));
    let in_list = teaser_lists(&kinds);

    let prose = |i: usize| if feats[i].words >= 30 { 2.0 } else { 1.0 };
    let score = |i: usize, repeats_count: bool| {
        let s = match kinds[i] {
            Kind::Prose => prose(i),
            // Text cut short ("…", "Read more") outside a teaser list is an excerpt's
            // last paragraph: text.
            _ if extent::is_cut_text(kinds[i], &feats[i]) => prose(i),
            // List items (bulleted, or running on in lowercase) are neutral, so a list
            // inside an article does not split it; capitalised short lines (menus,
            // kickers, teaser titles) count slightly against.
            Kind::Title | Kind::Short if feats[i].bullet || !feats[i].starts_capital => 0.0,
            Kind::Title | Kind::Short => -0.2,
            Kind::Chrome(c) => c.score(),
        };
        // A repeat is neutral: a site blurb printed at top and bottom must not attract
        // the body, but a pull quote repeated inside an article must not split it. So is a
        // teaser list item, which is never the article.
        if (repeated[i] && !repeats_count) || in_list[i] {
            s.min(0.0)
        } else {
            s
        }
    };
    let scores: Vec<f32> = (0..n).map(|i| score(i, false)).collect();
    // When the only text is repeated, the repeats are the article.
    let mut body =
        max_run(&scores).or_else(|| max_run(&(0..n).map(|i| score(i, true)).collect::<Vec<_>>()));
    let mut off_topic = vec![false; n];
    if let Some((bs, be)) = body {
        body = trim_about_box(text, paras, &kinds, bs, be, &mut off_topic);
    }
    if let Some((bs, be)) = body {
        body = trim_leading_blurb(text, paras, &kinds, bs, be, &mut off_topic);
    }
    let head_end = body.map(|(bs, _)| bs);
    if let Some((bs, be)) = body {
        let p = extent::Paragraphs {
            text,
            spans: paras,
            kinds: &kinds,
            feats: &feats,
            in_list: &in_list,
            off_topic: &off_topic,
            first_of: &first_of,
            next_of: &next_of,
        };
        body = Some(extent::grow(&p, bs, be));
    }

    let headline = body.and_then(|(bs, _)| {
        find_headline(&kinds, &feats, &in_list, bs).map(|i| first_of[i].unwrap_or(i))
    });

    let mut drop: Vec<Option<&'static str>> = vec![None; n];
    let Some((bs, be)) = body else {
        return Analysis {
            body,
            head_end,
            headline,
            drop,
        };
    };
    if !evidence {
        return Analysis {
            body,
            head_end,
            headline,
            drop,
        };
    }
    // Text, or text cut short: an article's, inside the body.
    let is_text =
        |i: usize| extent::is_text(kinds[i], &feats[i]) || extent::is_cut_text(kinds[i], &feats[i]);
    let is_headline =
        |i: usize| headline.is_some() && (Some(i) == headline || first_of[i] == headline);
    let listish = |i: usize| {
        !is_headline(i)
            && matches!(
                kinds[i],
                Kind::Title
                    | Kind::Short
                    | Kind::Chrome(
                        Chrome::Teaser | Chrome::Timestamp | Chrome::ReadMore | Chrome::Date
                    )
            )
    };
    // Length of the run of list-like paragraphs each paragraph belongs to.
    let mut run_len = vec![0usize; n];
    let mut i = 0;
    while i < n {
        if listish(i) {
            let start = i;
            while i < n && listish(i) {
                i += 1;
            }
            run_len[start..i].fill(i - start);
        } else {
            i += 1;
        }
    }

    // A standfirst: prose between the headline and the body, with only head furniture
    // (dates, bylines, share rows) between it and the body, is content.
    let standfirst = headline.and_then(|h| {
        let i = (h + 1..bs).find(|&i| kinds[i] == Kind::Prose && !in_list[i])?;
        (i + 1..bs)
            .all(|j| matches!(kinds[j], Kind::Chrome(_)) || !feats[j].starts_capital)
            .then_some(i)
    });

    let mut in_link_list = false;
    for i in 0..n {
        if Some(i) == headline || Some(i) == standfirst {
            continue;
        }
        let repeat_reason = match first_of[i] {
            Some(j) if Some(j) == headline => Some("repeated headline"),
            Some(_) => Some("repeated paragraph"),
            None => None,
        };
        if (bs..=be).contains(&i) {
            drop[i] = match kinds[i] {
                Kind::Chrome(Chrome::SectionHeader) => {
                    in_link_list = true;
                    Some(Chrome::SectionHeader.reason())
                }
                // The body's last paragraph introducing what follows ("… at the following
                // addresses:") introduces page chrome, which is dropped.
                Kind::Prose if i == be && feats[i].colon && i + 1 < n => {
                    Some("lead-in to page chrome")
                }
                Kind::Chrome(c) if in_list[i] => Some(c.reason()),
                _ if in_list[i] => Some("link list"),
                // Text inside the body is the article's, repeated or not.
                _ if is_text(i) => {
                    in_link_list = false;
                    None
                }
                _ if in_link_list => Some("link list"),
                Kind::Chrome(c) if c.drop_in_body() => Some(c.reason()),
                _ => repeat_reason,
            };
            continue;
        }
        drop[i] = Some(match kinds[i] {
            _ if repeat_reason.is_some() => repeat_reason.unwrap_or("repeated paragraph"),
            Kind::Chrome(c) => c.reason(),
            _ if off_topic[i] && i < bs => "site description",
            _ if off_topic[i] => "about box after the article",
            Kind::Title | Kind::Short if run_len[i] >= 3 => "link list",
            Kind::Title
                if i + 1 == headline.unwrap_or(usize::MAX)
                    && classify::features(get(i)).words <= 4 =>
            {
                "kicker"
            }
            Kind::Prose if i > be => "after the article",
            _ => "site chrome",
        });
    }
    Analysis {
        body,
        head_end,
        headline,
        drop,
    }
}

/// Teaser lists: two or more items in a row, or items right under a section header ("Recent
/// Posts"), each a title-shaped line followed by a date or relative timestamp, by a truncated
/// teaser, or by a one-paragraph teaser and then a date or timestamp. One title with a date under
/// it is how an article's own head looks, so it takes two items (or a header) to make a list.
/// Returns which paragraphs are list items.
fn teaser_lists(kinds: &[Kind]) -> Vec<bool> {
    // Titles only: a sentence ("Its forces left.") above a truncated paragraph is an excerpt's
    // text, not a list item.
    let n = kinds.len();
    let stamp = |i: usize| {
        matches!(
            kinds.get(i),
            Some(Kind::Chrome(Chrome::Timestamp | Chrome::Date))
        )
    };
    let item_len = |i: usize| -> Option<usize> {
        if kinds[i] != Kind::Title {
            return None;
        }
        match kinds.get(i + 1) {
            _ if stamp(i + 1) => Some(2),
            Some(Kind::Chrome(Chrome::Teaser)) => Some(if stamp(i + 2) { 3 } else { 2 }),
            Some(Kind::Prose | Kind::Short) if stamp(i + 2) => Some(3),
            _ => None,
        }
    };
    let mut in_list = vec![false; n];
    let mut i = 0;
    while i < n {
        let (start, mut items) = (i, 0);
        while i < n {
            match item_len(i) {
                Some(len) => {
                    i += len;
                    items += 1;
                }
                None => break,
            }
        }
        let under_header = start > 0 && kinds[start - 1] == Kind::Chrome(Chrome::SectionHeader);
        if items >= 2 || (items == 1 && under_header) {
            in_list[start..i.min(n)].fill(true);
        }
        if items == 0 {
            i += 1;
        }
    }
    in_list
}

/// How far above the body a headline is looked for when a closer candidate is only a short
/// label.
const HEADLINE_WINDOW: usize = 6;

/// The headline: the nearest title-shaped line above the body that is not a teaser-list item.
/// A one- or two-word line right above the body ("WORLD", "Exclusive") is a section label when
/// a longer title-shaped line sits just above it.
fn find_headline(
    kinds: &[Kind],
    feats: &[classify::Features],
    in_list: &[bool],
    bs: usize,
) -> Option<usize> {
    let mut short = None;
    for (steps, i) in (0..bs).rev().enumerate() {
        if kinds[i] != Kind::Title || feats[i].words < 2 || in_list[i] {
            if short.is_some() && (steps >= HEADLINE_WINDOW || kinds[i] == Kind::Prose) {
                break;
            }
            continue;
        }
        if feats[i].words >= 3 {
            return Some(i);
        }
        short.get_or_insert(i);
        if steps >= HEADLINE_WINDOW {
            break;
        }
    }
    short
}

/// A hash of a paragraph's letters and digits, case-folded, so repeats that differ only in
/// spacing or punctuation match. Very short paragraphs ("Share", "9 hours ago") are skipped:
/// their repetition means nothing.
fn fingerprint(t: &str) -> Option<u64> {
    let mut h = DefaultHasher::new();
    // Folded bytes are hashed in blocks: per-character hashing dominated the run time.
    let mut buf = [0u8; 512];
    let mut len = 0;
    let mut alnum = 0usize;
    let mut words = 0usize;
    let mut in_word = 0usize;
    // `is`: 1 for a letter or digit, 0 for anything else; no branch
    let mut count = |is: usize| {
        alnum += is;
        words += is & (in_word ^ 1);
        in_word = is;
    };
    // an ASCII byte's folded letter or digit (never 0) is kept, anything else (0) is not
    let ascii = |buf: &mut [u8; 512], len: &mut usize, f: u8| {
        let is = usize::from(f != 0);
        buf[*len] = f;
        *len += is;
        is
    };
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if len + 16 > buf.len() {
            h.write(&buf[..len]);
            len = 0;
        }
        // eight ASCII bytes at once (at most eight more bytes in `buf`, under the 16 kept free)
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            if u64::from_ne_bytes(w) & 0x8080_8080_8080_8080 == 0 {
                for b in w {
                    count(ascii(&mut buf, &mut len, ASCII_FOLD[b as usize]));
                }
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            count(ascii(&mut buf, &mut len, ASCII_FOLD[b as usize]));
        } else {
            let c = t[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    len += l.encode_utf8(&mut buf[len..]).len();
                }
                count(1);
            } else {
                count(0);
            }
        }
    }
    h.write(&buf[..len]);
    (words >= 3 && alnum >= 12).then(|| h.finish())
}

/// An ASCII letter or digit lower-cased, anything else 0: what [`fingerprint`] keeps of a byte.
static ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Maximum-scoring contiguous run (Kadane). `None` when no run scores above zero, i.e. there
/// is no prose at all.
fn max_run(scores: &[f32]) -> Option<(usize, usize)> {
    let mut best = 0.0f32;
    let mut best_run = None;
    let mut cur = 0.0f32;
    let mut cur_start = 0;
    for (i, &s) in scores.iter().enumerate() {
        if cur <= 0.0 {
            cur = s;
            cur_start = i;
        } else {
            cur += s;
        }
        if cur > best {
            best = cur;
            best_run = Some((cur_start, i));
        }
    }
    best_run
}

/// Cut an "about" box off the end of the body: a heading followed by at most
/// [`EDGE_MAX_PROSE`] prose paragraphs that restate the heading (an author box or a staff/site
/// blurb names its subject: "Jane Doe" / "Jane Doe is a reporter…") and share little
/// vocabulary with the article. Both conditions are required, because a short closing
/// section of a short article ("What happens next") naturally shares few words.
/// Marks the cut paragraphs in `off_topic`.
fn trim_about_box(
    text: &str,
    paras: &[Span],
    kinds: &[Kind],
    bs: usize,
    be: usize,
    off_topic: &mut [bool],
) -> Option<(usize, usize)> {
    let prose_in = |a: usize, b: usize| (a..=b).filter(|&i| kinds[i] == Kind::Prose).count();
    let span_text = |a: usize, b: usize| &text[paras[a].start..paras[b].end];
    let Some(t) = (bs + 1..=be).rev().find(|&i| kinds[i] == Kind::Title) else {
        return Some((bs, be));
    };
    if t < be
        && prose_in(t, be) <= EDGE_MAX_PROSE
        && prose_in(bs, t - 1) > prose_in(t, be)
        && restates(span_text(t, t), span_text(t + 1, t + 1))
        && cohesion(span_text(t + 1, be), span_text(bs, t - 1)) < COHESION_MIN
    {
        off_topic[t..=be].fill(true);
        let end = (bs..t).rev().find(|&i| kinds[i] == Kind::Prose)?;
        return Some((bs, end));
    }
    Some((bs, be))
}

/// Cut a site blurb off the start of the body. When nothing title-shaped precedes the body
/// but its first paragraph is followed directly by a heading and then the bulk of the prose,
/// and that first paragraph shares little vocabulary with the rest, it is not the article's
/// lead but a description of the site, and the heading is the headline.
fn trim_leading_blurb(
    text: &str,
    paras: &[Span],
    kinds: &[Kind],
    bs: usize,
    be: usize,
    off_topic: &mut [bool],
) -> Option<(usize, usize)> {
    let t = bs + 1;
    let titled_above = kinds[..bs].contains(&Kind::Title);
    if titled_above || t >= be || kinds[t] != Kind::Title {
        return Some((bs, be));
    }
    let rest_prose = (t..=be).filter(|&i| kinds[i] == Kind::Prose).count();
    let rest = &text[paras[t].start..paras[be].end];
    if rest_prose >= 2 && cohesion(&text[paras[bs].start..paras[bs].end], rest) < COHESION_MIN {
        off_topic[bs] = true;
        let start = (t..=be).find(|&i| kinds[i] == Kind::Prose)?;
        return Some((start, be));
    }
    Some((bs, be))
}

/// Whether `para` names `heading` (case-insensitively, ignoring punctuation) near its start.
fn restates(heading: &str, para: &str) -> bool {
    let fold = |s: &str, limit: usize| -> String {
        let mut out = String::new();
        for w in s.split_whitespace().take(limit) {
            let w: String = w
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if !w.is_empty() {
                out.push(' ');
                out.push_str(&w);
            }
        }
        out.push(' ');
        out
    };
    let h = fold(heading, 12);
    h.trim().len() >= 3 && fold(para, 40).contains(&h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::paragraphs;

    /// What [`fingerprint`] hashes, one character at a time: letters and digits lowercased.
    fn folded_reference(t: &str) -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }

    proptest::proptest! {
        /// `analyse` hashes only paragraphs whose `folded_len` another paragraph shares, which
        /// is exact only if equal folded text implies equal `folded_len`: it is that text's
        /// length, and the fingerprint is a hash of that text.
        #[test]
        fn folded_len_is_the_length_of_what_fingerprint_hashes(
            t in "([a-zA-Z0-9 .,'\n]{0,30}|[’“”—…\u{a0}éÉßǅ\u{301}\u{627}\u{661}²İ\u{212a}ſ東]){0,12}"
        ) {
            let folded = folded_reference(&t);
            let f = classify::features(t.trim());
            proptest::prop_assert_eq!(f.folded_len, folded.len());
            let mut h = DefaultHasher::new();
            h.write(folded.as_bytes());
            let words = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).count();
            let expected = (words >= 3 && t.chars().filter(|c| c.is_alphanumeric()).count() >= 12)
                .then(|| h.finish());
            proptest::prop_assert_eq!(fingerprint(&t), expected);
        }
    }

    fn run(t: &str) -> (Analysis, Vec<&str>) {
        let p = paragraphs::split(t, false);
        let a = analyse(t, &p);
        let kept = p
            .iter()
            .zip(&a.drop)
            .filter(|(_, d)| d.is_none())
            .map(|(s, _)| &t[s.start..s.end])
            .collect();
        (a, kept)
    }

    #[test]
    fn max_run_finds_densest_prose() {
        assert_eq!(max_run(&[-1.0, 1.0, -0.2, 1.0, -3.0, 1.0]), Some((1, 3)));
        assert_eq!(max_run(&[-1.0, -0.2]), None);
    }

    #[test]
    fn cohesion_measures_shared_vocabulary() {
        let body = "The minister condemned the sanctions imposed on Tehran by Washington.";
        assert!(cohesion("Washington sanctions condemnation", body) > 0.9);
        assert!(cohesion("Our editors are skilled journalists", body) < 0.1);
    }

    #[test]
    fn head_and_tail_chrome_is_dropped() {
        let t = "Home\n\nWorld Exclusive\n\nMinisters Agree On Grain Corridor\n\nBy Jane Doe\n\n\
                 The ministers agreed on Tuesday to reopen the grain corridor, officials said.\n\n\
                 The deal follows weeks of talks in the capital between the two delegations.\n\n\
                 Next steps\n\n\
                 Officials will meet again next month to review how the corridor is working.\n\n\
                 Related Articles\n\nGrain Prices Fall\n\n2 hours ago\n\nPort Reopens After Storm\n\n3 hours ago";
        let (a, kept) = run(t);
        assert_eq!(
            kept,
            vec![
                "Ministers Agree On Grain Corridor",
                "The ministers agreed on Tuesday to reopen the grain corridor, officials said.",
                "The deal follows weeks of talks in the capital between the two delegations.",
                "Next steps",
                "Officials will meet again next month to review how the corridor is working.",
            ]
        );
        assert_eq!(a.drop[1], Some("kicker"));
        assert_eq!(a.drop[3], Some("byline"));
    }

    #[test]
    fn ads_inside_the_body_do_not_cut_it() {
        let t = "Talks Resume\n\nThe delegations met in Vienna on Monday to resume the talks.\n\n\
                 Advertisement\n\nThe talks are expected to last for at least a week, diplomats said.";
        let (_, kept) = run(t);
        assert_eq!(kept.len(), 3);
        assert!(!kept.contains(&"Advertisement"));
    }

    #[test]
    fn about_box_is_cut_but_closing_section_is_kept() {
        let body = "The ministers agreed on Tuesday to reopen the grain corridor, officials said.\n\n\
                    The deal follows weeks of talks in the capital between the two delegations.\n\n\
                    Exports through the corridor had stopped in July after the ports were shelled.\n\n";
        let t = format!("{body}Jane Doe\n\nJane Doe is a correspondent who has covered trade and shipping for fifteen years.\n\nRecent Posts\n\nA B C");
        let (a, kept) = run(&t);
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert_eq!(a.drop[3], Some("about box after the article"));
        let t = format!("{body}What happens next\n\nThe agreement now goes to parliament for approval within two weeks.");
        let (_, kept) = run(&t);
        assert_eq!(kept.len(), 5, "{kept:?}");
    }

    #[test]
    fn restated_heading() {
        assert!(restates(
            "IFP Editorial Staff",
            "The IFP Editorial Staff is composed of dozens"
        ));
        assert!(!restates(
            "Russia backs Iran deal",
            "Elsewhere in his remarks, the Russian official"
        ));
    }

    #[test]
    fn list_inside_the_body_is_kept() {
        let t = "Government unveils housing plan\n\n\
                 The government on Tuesday announced a plan to build homes, with measures including:\n\n\
                 - faster planning permission\n- a new fund for social housing\n- tax breaks for buyers\n\n\
                 Critics said the targets had been missed before and questioned the funding.\n\n\
                 The minister said the first projects would start within months.";
        let (a, kept) = run(t);
        assert!(a.drop.iter().all(Option::is_none), "{:?}", a.drop);
        assert_eq!(kept.len(), 7);
    }

    #[test]
    fn repeated_pull_quote_keeps_first() {
        let q = "\"I take full responsibility for what happened,\" she said in a statement.";
        let t = format!(
            "Minister resigns\n\nThe transport minister resigned on Friday after a memo leaked.\n\n{q}\n\n\
             The memo was sent to her office six months before the derailment.\n\n{q}\n\n\
             The prime minister accepted the resignation on Friday evening."
        );
        // An article may print a sentence twice (e36 of basil-dev repeats one): both copies
        // are its text.
        let (a, kept) = run(&t);
        assert_eq!(kept.len(), 6, "{kept:?}");
        assert!(a.drop.iter().all(Option::is_none), "{:?}", a.drop);
        // Even on a page with chrome around the article.
        let page = format!(
            "Home | World | Sport | Opinion\n\n{t}\n\nShare this: Facebook Twitter WhatsApp"
        );
        let (a, kept) = run(&page);
        assert_eq!(kept.len(), 6, "{kept:?}");
        assert_eq!(a.drop[0], Some("navigation"));
    }

    #[test]
    fn leading_site_description_is_cut() {
        // On a page (there is navigation): without chrome the text is an article body as given.
        let t = "Home | World | Sport | Opinion\n\n\
                 The Daily Planet is an independent newspaper founded in 1921 and committed to reporting without fear or favour.\n\n\
                 Storm closes schools across the north\n\n\
                 Schools across the north were closed on Thursday as a storm brought heavy snow.\n\n\
                 Forecasters said the worst of the storm would pass by the weekend.\n\n\
                 More than 20,000 homes in the north were left without power, the company said.";
        let (a, kept) = run(t);
        assert_eq!(a.drop[1], Some("site description"));
        assert_eq!(a.headline, Some(2));
        assert_eq!(kept.len(), 4);
    }

    #[test]
    fn headline_above_a_section_label() {
        let t = "Ministers Agree On Grain Corridor\n\nWORLD NEWS\n\n\
                 The ministers agreed on Tuesday to reopen the grain corridor, officials said.\n\n\
                 The deal follows weeks of talks in the capital between the two delegations.";
        let (a, _) = run(t);
        assert_eq!(a.headline, Some(0));
        let (a, _) = run(
            "Home\n\nTalks Resume\n\nThe delegations met in Vienna on Monday to resume the talks.",
        );
        assert_eq!(a.headline, Some(1));
    }

    #[test]
    fn also_read_box_inside_the_body_is_crossed() {
        let t = "Talks in Tehran\n\n\
                 The foreign minister hosted his Syrian counterpart in Tehran for talks on security.\n\n\
                 The ministers discussed regional security and the return of refugees.\n\n\
                 ALSO READ\n\nIran says talks with Europe were frank\n\nBorder crossing reopens\n\n\
                 The Syrian minister said the talks on security would continue next month.\n\n\
                 Refugees and security will top the agenda, the foreign minister added.\n\n\
                 Related\n\nGrain Prices Fall\n\n2 hours ago";
        let (a, kept) = run(t);
        assert_eq!(kept.len(), 5, "{kept:?}");
        assert_eq!(a.drop[3], Some("section header"));
        assert_eq!(a.drop[4], Some("link list"));
    }

    #[test]
    fn standfirst_between_headline_and_body_is_kept() {
        let t = "Talks in Tehran\n\nThe ministers met for three hours and agreed to cooperate.\n\n\
                 Published On 24 Nov 2024\n\nSave\n\n\
                 The foreign minister hosted his Syrian counterpart in Tehran for talks on security.\n\n\
                 The ministers discussed regional security and the return of refugees.";
        let (a, kept) = run(t);
        assert_eq!(a.headline, Some(0));
        assert_eq!(kept.len(), 4, "{kept:?}");
    }

    #[test]
    fn lead_in_to_trailing_chrome_is_dropped() {
        let t = "Talks Resume\n\nThe delegations met in Vienna on Monday to resume the talks.\n\n\
                 The talks are expected to last for at least a week, diplomats said.\n\n\
                 Our website can also be accessed at the following alternate addresses:\n\n\
                 www.example.io\n\nwww.example.tv";
        let (a, kept) = run(t);
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert_eq!(a.drop[3], Some("lead-in to page chrome"));
    }

    #[test]
    fn no_prose_keeps_everything() {
        let (a, kept) = run("Hello World\n\nAnother Line");
        assert!(a.body.is_none());
        assert_eq!(kept.len(), 2);
    }
}
