//! Paragraph classifier: what a block of scraped text *is*, judged by its shape alone.
//!
//! Page chrome has a recognisable shape whatever the site: it is short, rarely ends with a
//! full stop, lacks the lowercase function words of running prose, and follows a handful of
//! web conventions (relative timestamps, truncated teasers, hashtag runs, icon-font ligature
//! names glued to labels, `©` lines, form labels, share-button rows). Each rule below is a
//! general rule about such shapes; the few word lists are generic web vocabulary ("Recent
//! Posts", "Advertisement"), never phrases of particular articles. Where a paragraph sits
//! relative to the article body is decided in `boilerplate`, not here.

use super::pattern::{Folded, Pattern};
use crate::bytescan;

/// Paragraphs longer than this (bytes) are never page chrome by shape alone; skipping the
/// pattern checks for them also keeps a 100 MB single-line input cheap.
const CHROME_MAX_LEN: usize = 400;

/// What a paragraph looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Running prose: a sentence or more.
    Prose,
    /// A short capitalised line without a full stop: headline, subheading, kicker, teaser title.
    Title,
    /// Anything else that is short and not recognisably chrome.
    Short,
    /// Recognisable page chrome.
    Chrome(Chrome),
}

/// Kinds of page chrome, each with the reason shown to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chrome {
    SectionHeader,
    Timestamp,
    Teaser,
    Icon,
    Url,
    Hashtags,
    Tags,
    ReadingTime,
    Copyright,
    FormLabel,
    Byline,
    Date,
    Share,
    Advert,
    ReadMore,
    Cookie,
    Ui,
    Nav,
    Attribution,
    PhotoCredit,
    Separator,
}

impl Chrome {
    /// The reason recorded in [`crate::ingest::Dropped::reason`].
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Chrome::SectionHeader => "section header",
            Chrome::Timestamp => "relative timestamp",
            Chrome::Teaser => "truncated teaser",
            Chrome::Icon => "icon-font residue",
            Chrome::Url => "url",
            Chrome::Hashtags => "hashtags",
            Chrome::Tags => "tags",
            Chrome::ReadingTime => "reading time",
            Chrome::Copyright => "copyright",
            Chrome::FormLabel => "form label",
            Chrome::Byline => "byline",
            Chrome::Date => "date line",
            Chrome::Share => "share buttons",
            Chrome::Advert => "advertisement",
            Chrome::ReadMore => "read-more link",
            Chrome::Cookie => "cookie notice",
            Chrome::Ui => "site chrome",
            Chrome::Attribution => "source credit",
            Chrome::PhotoCredit => "photo credit",
            Chrome::Separator => "separator",
            Chrome::Nav => "navigation",
        }
    }

    /// Whether a paragraph of this kind is evidence that the text is a scraped page rather than
    /// an article body. A truncated teaser alone is not (an excerpt's last paragraph looks the
    /// same), nor is a wordless separator (articles use `* * *` too); every other kind is a shape
    /// article text does not take.
    pub(crate) fn is_evidence(self) -> bool {
        !matches!(self, Chrome::Teaser | Chrome::Separator)
    }

    /// Whether this chrome is dropped even inside the article body. Bylines, credits and
    /// teaser-shaped lines inside the body may be content, so they are only dropped outside.
    pub(crate) fn drop_in_body(self) -> bool {
        !matches!(self, Chrome::Teaser | Chrome::Attribution)
    }

    /// Contribution to the body score: strongly negative for chrome that marks the end of an
    /// article (lists, timestamps), zero for chrome sites inject *inside* articles (ads,
    /// read-more links), so that an ad never cuts an article short.
    pub(crate) fn score(self) -> f32 {
        match self {
            Chrome::SectionHeader => -4.0,
            Chrome::Timestamp | Chrome::Icon | Chrome::Hashtags | Chrome::Copyright => -3.0,
            Chrome::Tags => -3.0,
            Chrome::FormLabel => -3.0,
            Chrome::Teaser | Chrome::Url => -2.0,
            Chrome::Ui => -1.5,
            // Head furniture between a standfirst and the first paragraph must not cut the
            // standfirst off the body.
            Chrome::Byline
            | Chrome::Date
            | Chrome::Attribution
            | Chrome::ReadingTime
            | Chrome::PhotoCredit => -0.3,
            Chrome::Nav => -1.5,
            Chrome::Share | Chrome::Advert | Chrome::ReadMore | Chrome::Cookie => 0.0,
            Chrome::Separator => 0.0,
        }
    }
}

/// Shape measurements of a paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Features {
    /// Whitespace-separated tokens containing a letter or digit.
    pub words: usize,
    /// Words starting with a lowercase letter.
    pub lower: usize,
    /// Words starting with an uppercase letter.
    pub upper: usize,
    /// Ends with sentence punctuation (after closing quotes/brackets).
    pub terminal: bool,
    /// Ends with `…` or `...` (also inside brackets: `[…]`).
    pub ellipsis: bool,
    /// Ends with a "Read more" / "Continue reading" link after some text: an excerpt cut short.
    pub read_more: bool,
    /// First letter-like character is uppercase, a digit, or caseless (Arabic, CJK…).
    pub starts_capital: bool,
    /// Ends with a colon (a sentence introducing a list or a quote).
    pub colon: bool,
    /// Starts with a list bullet (`-`, `•`, `*`, `1.`, `2)`).
    pub bullet: bool,
    /// Bytes of its letters and digits lowercased: the length of what the repeat finder's
    /// fingerprint hashes, so paragraphs of different `folded_len` are never repeats of each
    /// other and only those sharing one need a fingerprint.
    pub folded_len: usize,
}

impl Features {
    /// Share of cased words that start lowercase; prose has many (function words), titles few.
    pub(crate) fn lower_ratio(&self) -> f32 {
        let cased = self.lower + self.upper;
        if cased == 0 {
            0.0
        } else {
            self.lower as f32 / cased as f32
        }
    }

    /// Cut short: ends with an ellipsis or a "Read more" link.
    pub(crate) fn truncated(&self) -> bool {
        self.ellipsis || self.read_more
    }

    /// True when the text is in a script without case (then case rules do not apply).
    pub(crate) fn caseless(&self) -> bool {
        self.words > 0 && self.lower + self.upper == 0
    }
}

/// Class bits of a character for [`features`]' word count.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const LOWER: u8 = 4;
/// Uppercase and not lowercase (the count takes lowercase first).
const UPPER: u8 = 8;

/// `m` when `b` holds, else no bits.
const fn bit(b: bool, m: u8) -> u8 {
    if b {
        m
    } else {
        0
    }
}

/// Class bits of a non-ASCII character for [`count_words`]. The dashes, curly quotes, bullets
/// and `…` of news text (U+2010 to U+2027) are neither spaces, letters nor digits, which is
/// answered here without Unicode's tables: `is_alphanumeric` alone is a table search for
/// each of them, and a curly quote or two is in most paragraphs.
#[inline]
fn char_class(c: char) -> u8 {
    if ('\u{2010}'..='\u{2027}').contains(&c) {
        return 0;
    }
    let lo = c.is_lowercase();
    bit(c.is_whitespace(), SPACE)
        | bit(c.is_alphanumeric(), ALNUM)
        | bit(lo, LOWER)
        | bit(c.is_uppercase() && !lo, UPPER)
}

/// What [`count_words`] measures of a paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WordCounts {
    words: usize,
    lower: usize,
    upper: usize,
    /// Bytes of its letters and digits lowercased (see [`Features::folded_len`]).
    folded: usize,
}

/// Words, and of them those starting lowercase and uppercase: a word is a whitespace-separated
/// token with a letter or digit, judged by its first one. Also the length of the letters and
/// digits lowercased, which the repeat finder needs and this pass reads anyway.
///
/// Sixty-four bytes at a time as bit masks (one bit per byte, see [`crate::bytescan`]): a letter
/// or digit starts a word when the bytes before it back to the previous letter or digit include
/// whitespace. With `r` the bytes that are not letters or digits, adding the whitespace bits to
/// `r` carries, from the first whitespace of each run of `r`, past the run's end into the letter
/// after it, and into nowhere else; the carry out of the block is the state the next one starts
/// in. A non-ASCII character is classed with Unicode's tables and its class put in the masks at
/// its first byte; its other bytes (and the zero padding after the text) are neither letters nor
/// whitespace, which changes no word start. The counts are then a population count each, with
/// the `popcnt` instruction where the CPU has it (x86-64's baseline does not: there
/// `count_ones` is a dozen instructions), and the masks with AVX2 where it has that (checked
/// at run time, as `popcnt` is). Sixteen bytes at a time, a popcount of four 16-bit fields in
/// one and a stop at each non-ASCII character, this was 7 % of `corpus terms` (callgrind).
fn count_words(t: &str) -> WordCounts {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("popcnt")
        {
            // SAFETY: the CPU has AVX2 and `popcnt`, checked just above.
            return unsafe { count_words_avx2(t) };
        }
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has `popcnt`, checked just above.
            return unsafe { count_words_popcnt(t) };
        }
    }
    // SAFETY: without AVX2 (`false`), nothing to check
    unsafe { count_words_blocks::<false>(t) }
}

/// [`count_words_blocks`] compiled with AVX2 and the `popcnt` instruction.
///
/// # Safety
/// The CPU must have AVX2 and `popcnt`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
unsafe fn count_words_avx2(t: &str) -> WordCounts {
    // SAFETY: the CPU has AVX2 (the caller's promise)
    unsafe { count_words_blocks::<true>(t) }
}

/// [`count_words_blocks`] compiled with the `popcnt` instruction.
///
/// # Safety
/// The CPU must have `popcnt`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn count_words_popcnt(t: &str) -> WordCounts {
    // SAFETY: without AVX2 (`false`), nothing to check
    unsafe { count_words_blocks::<false>(t) }
}

/// [`count_words`] for any CPU (`count_ones` as the caller's target features have it), with
/// [`bytescan::lanes64_avx2`] when `AVX2`.
///
/// # Safety
/// With `AVX2` the CPU must have AVX2.
#[inline(always)]
unsafe fn count_words_blocks<const AVX2: bool>(t: &str) -> WordCounts {
    let bytes = t.as_bytes();
    let mut out = WordCounts::default();
    // 1 while no word has started since the last whitespace (the next letter or digit starts one)
    let mut open = 1u64;
    let mut i = 0;
    while i < bytes.len() {
        let block = bytescan::load64(bytes, i);
        #[cfg(target_arch = "x86_64")]
        let l = if AVX2 {
            // SAFETY: with `AVX2` the CPU has AVX2 (the caller's promise)
            unsafe { bytescan::lanes64_avx2(&block) }
        } else {
            bytescan::lanes64(&block)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let l = bytescan::lanes64(&block);
        let (mut alnum, mut space, mut lower, mut upper) = (l.alnum, l.space, l.lower, l.upper);
        out.folded += alnum.count_ones() as usize;
        // the first bytes of the non-ASCII characters (a continuation byte at the start of the
        // block belongs to a character the block before classed)
        let mut high = l.high;
        while high != 0 {
            let k = high.trailing_zeros() as usize;
            if block[k] & 0xc0 == 0x80 {
                high &= high - 1;
                continue;
            }
            let c = t[i + k..].chars().next().unwrap_or(' ');
            let x = char_class(c);
            let bit = 1u64 << k;
            if x & ALNUM != 0 {
                alnum |= bit;
                out.folded += c.to_lowercase().map(char::len_utf8).sum::<usize>();
            }
            space |= if x & SPACE != 0 { bit } else { 0 };
            lower |= if x & LOWER != 0 { bit } else { 0 };
            upper |= if x & UPPER != 0 { bit } else { 0 };
            high &= high - 1;
        }
        let (sum, c1) = (!alnum).overflowing_add(space);
        let (sum, c2) = sum.overflowing_add(open);
        open = u64::from(c1 | c2);
        let starts = sum & alnum;
        out.words += starts.count_ones() as usize;
        out.lower += (starts & lower).count_ones() as usize;
        out.upper += (starts & upper).count_ones() as usize;
        i += 64;
    }
    out
}

/// Measure `t` (already trimmed) in one pass.
pub(crate) fn features(t: &str) -> Features {
    let mut f = Features::default();
    let c = count_words(t);
    (f.words, f.lower, f.upper, f.folded_len) = (c.words, c.lower, c.upper, c.folded);
    f.starts_capital = t
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_lowercase());
    let end = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
    });
    f.ellipsis = end.ends_with('…') || end.ends_with("...");
    f.read_more = ends_with_read_more(end);
    f.terminal = !f.ellipsis && end.ends_with(['.', '!', '?', '。', '؟', '!', '?', '։', '।']);
    f.colon = end.ends_with([':', '：']);
    f.bullet = t.starts_with(['-', '•', '*', '–', '—', '·', '▪', '◦', '‣', '►']) || {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0
            && digits <= 3
            && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
            && t.as_bytes()
                .get(digits + 1)
                .is_some_and(u8::is_ascii_whitespace)
    };
    f
}

/// Links that end an excerpt ("… the minister said. Read more"), lowercase.
const READ_MORE_SUFFIXES: &[&str] = &[
    "read more",
    "continue reading",
    "read the full story",
    "read the full article",
    "read full story",
    "read full article",
];

/// Whether `end` (trimmed, closing quotes and brackets removed) is text followed by one of
/// [`READ_MORE_SUFFIXES`], optionally with an arrow or `»`. A line that is only "Read more" is a
/// link, not a cut-off excerpt.
fn ends_with_read_more(end: &str) -> bool {
    let end = end.trim_end_matches(|c: char| c.is_whitespace() || "»›>→".contains(c));
    let b = end.as_bytes();
    READ_MORE_SUFFIXES.iter().any(|s| {
        b.len() > s.len() + 1
            && b[b.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
            && !b[b.len() - s.len() - 1].is_ascii_alphanumeric()
            && end[..end.len() - s.len()]
                .chars()
                .any(char::is_alphanumeric)
    })
}

/// Whether the measurements describe running prose.
pub(crate) fn is_prose(f: &Features) -> bool {
    let lowish = f.lower_ratio() >= 0.25 || f.caseless();
    (f.words >= 5 && (f.terminal || f.colon) && lowish)
        || (f.words >= 20 && (f.lower_ratio() >= 0.3 || f.caseless()) && !f.ellipsis)
}

/// Classify one paragraph (or line).
pub(crate) fn classify(text: &str) -> Kind {
    classify_with_features(text).0
}

/// [`classify`], also returning the measurements it was based on.
pub(crate) fn classify_with_features(text: &str) -> (Kind, Features) {
    let t = text.trim();
    let f = features(t);
    if t.len() <= CHROME_MAX_LEN {
        if let Some(c) = chrome(t, &f) {
            return (Kind::Chrome(c), f);
        }
    }
    let kind = if is_prose(&f) {
        Kind::Prose
    } else if is_title(t, &f) {
        Kind::Title
    } else {
        Kind::Short
    };
    (kind, f)
}

/// Title-shaped: a short line that starts with a capital and does not end like a sentence.
pub(crate) fn is_title(t: &str, f: &Features) -> bool {
    (1..=25).contains(&f.words)
        && t.chars().count() <= 200
        && f.starts_capital
        && !t.ends_with(['.', ',', ';', ':'])
        && !f.truncated()
}

// Each pattern's condition is one every match must pass (a word the regex anchors at the start,
// a literal it needs), checked on the folded paragraph; see `pattern`.

static URL: Pattern = Pattern::new(
    r"(?i)^(?:<?(?:https?://|www\.)\S+>?|[a-z0-9.-]+\.[a-z]{2,}/\S*)$",
    |_, f| f.contains("/") || f.contains("www."),
);
static TIMESTAMP: Pattern = Pattern::new(
    r"(?i)(?:\d+|\ban?|\bone|\bfew)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mo|mos|months?|y|yrs?|years?)\s+ago\b|^(?:just now|yesterday|today|about \d+ (?:minutes?|hours?|days?|weeks?|months?|years?))$",
    |_, f| f.contains("ago") || f.starts_with_any(&["just now", "yesterday", "today", "about "]),
);
static TAGS: Pattern = Pattern::new(
    r"(?i)^(?:tags?|topics?|keywords?|filed under|categories|category)\s*:\s*\S",
    |_, f| {
        f.starts_with_any(&["tag", "topic", "keyword", "filed under", "categor"]) && f.contains(":")
    },
);
static READING_TIME: Pattern = Pattern::new(
    r"(?i)^(?:\d+|one|two|three|four|five|ten)\s*(?:-|\s)?(?:min(?:ute)?s?|m)\.?\s+(?:read|reading time|listen)$|^reading time\s*:?\s*\d+\s*min",
    |_, f| f.contains("read") || f.contains("listen"),
);
static ICON: Pattern = Pattern::new(
    r"(?:^|\s)[a-z]{2,}(?:_[a-z]+)+[A-Z0-9]|^[a-z]{3,}[A-Z][a-z]|^[a-z]{3,}\d$",
    // case-sensitive: the other branches start with three lowercase ASCII letters of the text
    |t, f| f.contains("_") || (t.len() >= 3 && t.bytes().take(3).all(|b| b.is_ascii_lowercase())),
);
static COPYRIGHT: Pattern = Pattern::new(
    r"(?i)©|\(c\)\s*\d{4}|^copyright\b|\ball rights reserved\b",
    |_, f| {
        f.contains("©")
            || f.contains("(c)")
            || f.starts_with_any(&["copyright"])
            || f.contains("all rights reserved")
    },
);
static BYLINE: Pattern = Pattern::new(
    r"^(?i:by|written by|reporting by|words by|author:|authors:)\s+[\p{Lu}@]",
    |_, f| f.starts_with_any(&["by", "written by", "reporting by", "words by", "author"]),
);
static DATE_PREFIX: Pattern = Pattern::new(
    r"(?i)^(?:published|updated|posted|last updated|last modified|date|first published)\b\s*(?:on|at)?\s*:?",
    |_, f| {
        f.starts_with_any(&[
            "published",
            "updated",
            "posted",
            "last updated",
            "last modified",
            "date",
            "first published",
        ])
    },
);
static ADVERT: Pattern = Pattern::new(
    r"(?i)^(?:advertisement|advertising|sponsored(?: content)?|promoted(?: content)?|ad|ads|story continues below(?: advertisement)?|continue reading below|scroll to continue(?: with content)?)\W*$",
    |_, f| {
        f.starts_with_any(&[
            "ad",
            "sponsored",
            "promoted",
            "story continues below",
            "continue reading below",
            "scroll to continue",
        ]) && f.len_without_trailing_nonword() <= ADVERT_LONGEST
    },
);
/// The longest of [`ADVERT`]'s alternatives: "story continues below advertisement".
const ADVERT_LONGEST: usize = 35;
static READ_MORE: Pattern = Pattern::new(
    r"(?i)^(?:read more|read also|also read|see also|related|more|watch|listen|recommended|more on this|suggested)\s*[:|–—-]\s*\S",
    |_, f| {
        f.starts_with_any(&[
            "read",
            "also read",
            "see also",
            "related",
            "more",
            "watch",
            "listen",
            "recommended",
            "suggested",
        ]) && f.contains_any(&[':', '|', '–', '—', '-'])
    },
);
static SECTION: Pattern = Pattern::new(
    r"(?i)^(?:recent posts|recent news|related(?: posts| articles| stories| news| content| coverage| topics)?|read more|more (?:news|stories|articles|in|on|from)(?: .{1,30})?|check also|see also|also read|you may (?:also )?like|you might (?:also )?like|you may have missed|don'?t miss|most (?:read|popular|viewed|shared|recent)|trending(?: now| news| stories)?|latest(?: news| posts| stories| articles)?|popular(?: posts| news| stories)?|top stories|editor'?s picks|recommended(?: for you| stories)?|comments?|\d+ comments?|leave a (?:reply|comment)|post a comment|tags|topics|keywords|share this(?: article| story| post)?|about the author|more like this|in case you missed it)\s*:?$",
    |_, f| {
        f.starts_with_any(&[
            "recent ",
            "related",
            "read more",
            "more ",
            "check also",
            "see also",
            "also read",
            "you ",
            "don",
            "most ",
            "trending",
            "latest",
            "popular",
            "top stories",
            "editor",
            "recommended",
            "comment",
            "leave a ",
            "post a comment",
            "tags",
            "topics",
            "keywords",
            "share this",
            "about the author",
            "in case you missed it",
        ]) && f.len_without_trailing_nonword() <= SECTION_LONGEST
            || f.as_str().starts_with(char::is_numeric)
    },
);
/// The longest text [`SECTION`]'s alternatives other than `\d+ comments?` can match, in bytes of
/// the folded paragraph: "more articles " and 30 characters of up to four bytes (its trailing
/// `\s*:?` is not counted, see [`Folded::len_without_trailing_nonword`]).
const SECTION_LONGEST: usize = 14 + 30 * 4;
static COOKIE: Pattern = Pattern::new(
    r"(?i)\bcookies?\b.*\b(?:accept|consent|agree|privacy|experience|browsing|continu|use of|settings|preferences)|\b(?:accept|consent|agree)\b.*\bcookies?\b",
    |_, f| f.contains("cookie"),
);
static UI: Pattern = Pattern::new(
    r"(?i)^(?:no ?script|please wait|loading|close(?: gallery| menu| window)?|contact(?: us)?|about(?: us)?|who (?:are )?we(?: are)?|home(?:page)?|menu|main menu|search|log ?in|log ?out|sign ?in|sign ?up|register|subscribe(?: now| to (?:our|the) newsletters?)?|newsletter|sign ?up (?:for|to) (?:our|the) newsletters?|skip(?: to)?(?: main)? (?:content|links|navigation)|navigation(?: menu)?|live|save|toggle navigation|back to top|go to top|next(?: article| post)?|prev(?:ious)?(?: article| post)?|print(?: this)?|add to favou?rites|bookmark|font size|a\+? ?a-?|javascript is (?:disabled|required).*|(?:please )?enable javascript.*|privacy policy|terms(?: of (?:use|service))?|all rights reserved|rss|sitemap|archive|view (?:all|more|gallery)|load more|show more|open in app|download (?:the )?app|follow us.*|join us.*)\W*$",
    |_, f| {
        f.starts_with_any(&[
            "noscript",
            "no script",
            "please ",
            "loading",
            "close",
            "contact",
            "about",
            "who ",
            "home",
            "menu",
            "main menu",
            "search",
            "log",
            "sign",
            "register",
            "subscribe",
            "newsletter",
            "skip",
            "navigation",
            "live",
            "save",
            "toggle navigation",
            "back to top",
            "go to top",
            "next",
            "prev",
            "print",
            "add to favo",
            "bookmark",
            "font size",
            "aa",
            "a a",
            "a+a",
            "a+ a",
            "javascript",
            "enable javascript",
            "privacy policy",
            "terms",
            "all rights reserved",
            "rss",
            "sitemap",
            "archive",
            "view ",
            "load more",
            "show more",
            "open in app",
            "download ",
            "follow us",
            "join us",
        ])
    },
);
static ATTRIBUTION: Pattern = Pattern::new(r"(?i)^(?:sources?|via)\s*:\s*\S.{0,60}$", |_, f| {
    f.starts_with_any(&["source", "via"]) && f.contains(":")
});
static PHOTO_CREDIT: Pattern = Pattern::new(
    r"(?i)^(?:photo|image|picture|photo credit|image credit|credits?|file photo|photograph|illustration)\s*(?::|by|/)\s*\S.{0,60}$",
    |_, f| {
        f.starts_with_any(&[
            "photo",
            "image",
            "picture",
            "credit",
            "file photo",
            "illustration",
        ])
    },
);

/// Every pattern, for the test that checks each condition against its regex.
#[cfg(test)]
static PATTERNS: &[(&str, &Pattern)] = &[
    ("URL", &URL),
    ("TIMESTAMP", &TIMESTAMP),
    ("TAGS", &TAGS),
    ("READING_TIME", &READING_TIME),
    ("ICON", &ICON),
    ("COPYRIGHT", &COPYRIGHT),
    ("BYLINE", &BYLINE),
    ("DATE_PREFIX", &DATE_PREFIX),
    ("ADVERT", &ADVERT),
    ("READ_MORE", &READ_MORE),
    ("SECTION", &SECTION),
    ("COOKIE", &COOKIE),
    ("UI", &UI),
    ("ATTRIBUTION", &ATTRIBUTION),
    ("PHOTO_CREDIT", &PHOTO_CREDIT),
    ("ENDS_ARTICLE", &ENDS_ARTICLE),
];

/// Form-field vocabulary: a short line made only of these words is a form label.
const FORM_WORDS: &[&str] = &[
    "your", "name", "email", "e-mail", "mail", "address", "comment", "comments", "message",
    "website", "url", "phone", "subject", "password", "submit", "send", "required", "full",
    "first", "last", "post", "reply", "leave", "a", "username", "captcha", "code", "security",
    "country", "city", "company",
];

/// Words that make a short line a form field on their own; other form vocabulary ("Security",
/// "Message", "Country") is also a plausible subheading and needs a `*`, `:` or "your".
const FORM_FIELDS: &[&str] = &[
    "your", "email", "e-mail", "name", "website", "password", "submit", "username", "captcha",
];

fn is_form_field(t: &str) -> bool {
    t.ends_with(['*', ':'])
        || t.split_whitespace()
            .any(|w| FORM_FIELDS.contains(&bare_word(w).as_str()))
}

/// Social networks and share actions, for share-button rows.
const SHARE_WORDS: &[&str] = &[
    "share",
    "click",
    "here",
    "to",
    "social",
    "media",
    "networks",
    "save",
    "this",
    "on",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "email",
    "e-mail",
    "print",
    "copy",
    "link",
    "messenger",
    "vk",
    "instagram",
    "youtube",
    "tumblr",
    "tweet",
    "mastodon",
    "bluesky",
    "threads",
    "pocket",
    "flipboard",
    "sms",
    "viber",
    "line",
    "weibo",
    "wechat",
    "article",
    "story",
    "via",
];

/// Social networks whose name alone on a line is a share button ("Share this article" /
/// "Facebook" / "Twitter"): brand names, not words an article would set on a line by itself.
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "instagram",
    "youtube",
    "tumblr",
    "mastodon",
    "bluesky",
    "flipboard",
    "weibo",
    "wechat",
    "viber",
];

fn is_network_button(t: &str) -> bool {
    !t.contains(char::is_whitespace) && NETWORKS.contains(&bare_word(t).as_str())
}

fn bare_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

fn all_in(t: &str, list: &[&str], min_hits: usize) -> bool {
    let mut hits = 0;
    for w in t.split_whitespace() {
        let b = bare_word(w);
        if b.is_empty() {
            continue;
        }
        if !list.contains(&b.as_str()) {
            return false;
        }
        hits += 1;
    }
    hits >= min_hits
}

/// The chrome kind of a short, trimmed paragraph, if its shape says it is chrome.
fn chrome(t: &str, f: &Features) -> Option<Chrome> {
    let prose = is_prose(f);
    if f.words == 0 {
        return Some(Chrome::Separator);
    }
    let low = Folded::new(t);
    if !t.contains(char::is_whitespace) && URL.is_match(t, &low) {
        return Some(Chrome::Url);
    }
    let hashtags = if crate::bytescan::contains_any(t.as_bytes(), [b'#']) {
        t.split_whitespace()
            .filter(|w| w.starts_with('#') && w.chars().nth(1).is_some_and(char::is_alphanumeric))
            .count()
    } else {
        0
    };
    if hashtags >= 1 && (hashtags * 3 >= f.words || hashtags >= 3) {
        return Some(Chrome::Hashtags);
    }
    if f.words <= 40 && TAGS.is_match(t, &low) {
        return Some(Chrome::Tags);
    }
    if f.words <= 6 && READING_TIME.is_match(t, &low) {
        return Some(Chrome::ReadingTime);
    }
    if f.words <= 30 && COPYRIGHT.is_match(t, &low) {
        return Some(Chrome::Copyright);
    }
    if f.words <= 10 && !prose && TIMESTAMP.is_match(t, &low) {
        return Some(Chrome::Timestamp);
    }
    if !prose && ICON.is_match(t, &low) {
        return Some(Chrome::Icon);
    }
    if f.words <= 5 && !f.terminal && all_in(t, FORM_WORDS, 1) && is_form_field(t) {
        return Some(Chrome::FormLabel);
    }
    if f.words <= 12 && !f.terminal && BYLINE.is_match(t, &low) {
        return Some(Chrome::Byline);
    }
    if f.words <= 12 && is_date_line(t, &low) {
        return Some(Chrome::Date);
    }
    if f.words <= 15 && (all_in(t, SHARE_WORDS, 2) || is_network_button(t)) {
        return Some(Chrome::Share);
    }
    if ADVERT.is_match(t, &low) {
        return Some(Chrome::Advert);
    }
    if SECTION.is_match(t, &low) {
        return Some(Chrome::SectionHeader);
    }
    if f.words <= 25 && READ_MORE.is_match(t, &low) {
        return Some(Chrome::ReadMore);
    }
    if f.words <= 80 && COOKIE.is_match(t, &low) {
        return Some(Chrome::Cookie);
    }
    if f.words <= 6 && UI.is_match(t, &low) {
        return Some(Chrome::Ui);
    }
    if f.words <= 20 && is_nav(t) {
        return Some(Chrome::Nav);
    }
    if PHOTO_CREDIT.is_match(t, &low) && !f.terminal {
        return Some(Chrome::PhotoCredit);
    }
    if ATTRIBUTION.is_match(t, &low) && !f.terminal {
        return Some(Chrome::Attribution);
    }
    // Cut mid-sentence: the ellipsis (bare or bracketed) or a "Read more" link ends the text (a
    // quotation trailing off ends with a closing quote instead).
    if f.words >= 3 && ((f.ellipsis && t.ends_with(['…', '.', ']'])) || f.read_more) {
        return Some(Chrome::Teaser);
    }
    None
}

static ENDS_ARTICLE: Pattern = Pattern::new(
    r"(?i)^(?:\d+\s+)?comments?\s*:?$|^(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|(?:show|view) (?:all )?comments)\W*$",
    |_, f| f.contains("comment") || f.starts_with_any(&["leave a ", "join the "]),
);

/// A heading that opens the comment section, after which nothing is the article's text.
pub(crate) fn ends_article(t: &str) -> bool {
    if t.len() > 60 {
        return false;
    }
    let t = t.trim();
    ENDS_ARTICLE.is_match(t, &Folded::new(t))
}

/// A breadcrumb or menu row: three or more short segments separated by `|`, `›`, `»`, `>`,
/// `/`, `•` or `·` ("Home | World | Sport", "News › Europe › Politics").
fn is_nav(t: &str) -> bool {
    let segs: Vec<&str> = t
        .split(['|', '›', '»', '>', '/', '•', '·'])
        .map(str::trim)
        .collect();
    segs.len() >= 3
        && segs
            .iter()
            .all(|s| !s.is_empty() && s.split_whitespace().count() <= 4 && !s.ends_with('.'))
}

/// A line that is a date (possibly with weekday, time, and a "Published:" prefix) and
/// nothing else.
fn is_date_line(t: &str, low: &Folded) -> bool {
    let Some(m) = super::meta::find_date(t) else {
        return false;
    };
    let prefix = DATE_PREFIX.find(t, low).map_or(0, |p| p.end);
    let rest = format!("{} {}", &t[prefix.min(m.start)..m.start], &t[m.end..]);
    rest.split(|c: char| c.is_whitespace() || ",|/-–—()[]".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.trim_matches('.').to_lowercase();
            super::meta::is_weekday(&w)
                || w.chars().all(|c| c.is_ascii_digit() || c == ':')
                || matches!(
                    w.as_str(),
                    "am" | "pm"
                        | "gmt"
                        | "utc"
                        | "est"
                        | "edt"
                        | "cet"
                        | "cest"
                        | "irst"
                        | "at"
                        | "on"
                        | "ast"
                        | "bst"
                        | "pst"
                        | "pdt"
                        | "local"
                        | "time"
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word count as it was written first, one character at a time: the reference for the
    /// eight-bytes-at-a-time [`count_words`].
    fn count_words_reference(t: &str) -> (usize, usize, usize) {
        let (mut words, mut lower, mut upper) = (0, 0, 0);
        let mut counted = false;
        for c in t.chars() {
            // ASCII as `u8` classes it (a vertical tab is no space there)
            let space = if c.is_ascii() {
                (c as u8).is_ascii_whitespace()
            } else {
                c.is_whitespace()
            };
            if space {
                counted = false;
            } else if c.is_alphanumeric() && !counted {
                counted = true;
                words += 1;
                if c.is_lowercase() {
                    lower += 1;
                } else if c.is_uppercase() {
                    upper += 1;
                }
            }
        }
        (words, lower, upper)
    }

    /// The class bits of every ASCII byte, so the count loop does one load per byte, no branches.
    static ASCII_CLASS: [u8; 128] = {
        let mut t = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            t[b] = bit(c.is_ascii_whitespace(), SPACE)
                | bit(c.is_ascii_alphanumeric(), ALNUM)
                | bit(c.is_ascii_lowercase(), LOWER)
                | bit(c.is_ascii_uppercase(), UPPER);
            b += 1;
        }
        t
    };

    /// The word count as it was before [`count_words`] took sixteen bytes as bit masks: eight ASCII
    /// bytes at a time without
    /// branches (this loop was a fifth of `segment`'s run time on a long input, mostly mispredicted
    /// branches at word boundaries); other characters one by one with Unicode's classes.
    fn count_words_swar8(t: &str) -> (usize, usize, usize) {
        let bytes = t.as_bytes();
        let (mut words, mut lower, mut upper) = (0usize, 0usize, 0usize);
        // 1 while inside a word already counted
        let mut counted = 0u8;
        let mut step = |x: u8| {
            let start = (x >> 1) & 1 & (counted ^ 1);
            words += start as usize;
            lower += (start & (x >> 2)) as usize;
            upper += (start & (x >> 3)) as usize;
            counted = (counted | ((x >> 1) & 1)) & ((x & SPACE) ^ 1);
        };
        let mut i = 0;
        while i < bytes.len() {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                if u64::from_ne_bytes(w) & 0x8080_8080_8080_8080 == 0 {
                    for b in w {
                        step(ASCII_CLASS[b as usize]);
                    }
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                step(ASCII_CLASS[b as usize]);
                i += 1;
            } else {
                let c = t[i..].chars().next().unwrap_or(' ');
                let lo = c.is_lowercase();
                step(
                    bit(c.is_whitespace(), SPACE)
                        | bit(c.is_alphanumeric(), ALNUM)
                        | bit(lo, LOWER)
                        | bit(c.is_uppercase() && !lo, UPPER),
                );
                i += c.len_utf8();
            }
        }
        (words, lower, upper)
    }

    /// The number of set bits of each 16-bit field of `x`, in that field (a field holds at most
    /// 16): four counts for the price of one software popcount (x86-64's baseline has no
    /// `popcnt` instruction).
    #[inline(always)]
    fn popcount_fields16(x: u64) -> u64 {
        let x = x - ((x >> 1) & 0x5555_5555_5555_5555);
        let x = (x & 0x3333_3333_3333_3333) + ((x >> 2) & 0x3333_3333_3333_3333);
        let x = (x + (x >> 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        (x + (x >> 8)) & 0x00ff_00ff_00ff_00ff
    }

    /// The word count as it was before [`count_words`] took sixty-four bytes at a time. Words, and of them those starting lowercase and uppercase: a word is a whitespace-separated
    /// token with a letter or digit, judged by its first one. Also the length of the letters and
    /// digits lowercased, which the repeat finder needs and this pass reads anyway.
    ///
    /// ASCII text goes sixteen bytes at a time as bit masks (one bit per byte, see
    /// [`crate::bytescan`]): a letter or digit starts a word when the bytes before it back to the
    /// previous letter or digit include whitespace. With `r` the bytes that are not letters or
    /// digits, adding the whitespace bits to `r` carries, from the first whitespace of each run of
    /// `r`, past the run's end into the letter after it, and into nowhere else; the carry out of
    /// the chunk is the state the next one starts in. Eight bytes at a time through a table and
    /// branch-free steps, this was a tenth of `corpus terms` (callgrind); the masks take a sixth of
    /// that. Other characters go one by one with Unicode's classes.
    fn count_words_masks16(t: &str) -> WordCounts {
        let bytes = t.as_bytes();
        let mut out = WordCounts::default();
        // 1 while no word has started since the last whitespace (the next letter or digit starts one)
        let mut open = 1u32;
        // words, lower, upper, folded: a 16-bit field each, added to `out` before they can overflow
        let mut fields = 0u64;
        let mut chunks = 0u32;
        let flush = |fields: &mut u64, out: &mut WordCounts| {
            out.words += (*fields & 0xffff) as usize;
            out.lower += (*fields >> 16 & 0xffff) as usize;
            out.upper += (*fields >> 32 & 0xffff) as usize;
            out.folded += (*fields >> 48) as usize;
            *fields = 0;
        };
        let mut i = 0;
        while i < bytes.len() {
            let (chunk, avail) = bytescan::load16(bytes, i);
            let l = bytescan::lanes16(&chunk);
            // the ASCII bytes before the first non-ASCII one or the end (`keep` masks them)
            let k = (l.high.trailing_zeros() as usize).min(avail);
            let keep = (1u32 << k) - 1;
            let alnum = l.alnum & keep;
            let sum = (!alnum & keep) + (l.space & keep) + open;
            let starts = sum & alnum;
            open = (sum >> k) & 1;
            fields += popcount_fields16(
                u64::from(starts)
                    | u64::from(starts & l.lower) << 16
                    | u64::from(starts & l.upper) << 32
                    | u64::from(alnum) << 48,
            );
            chunks += 1;
            if chunks == 4095 {
                flush(&mut fields, &mut out);
                chunks = 0;
            }
            i += k;
            if k < avail {
                let c = t[i..].chars().next().unwrap_or(' ');
                let x = char_class(c);
                let start = usize::from(x & ALNUM != 0) & open as usize;
                out.words += start;
                out.lower += start & usize::from(x & LOWER != 0);
                out.upper += start & usize::from(x & UPPER != 0);
                if x & ALNUM != 0 {
                    out.folded += c.to_lowercase().map(char::len_utf8).sum::<usize>();
                    open = 0;
                } else if x & SPACE != 0 {
                    open = 1;
                }
                i += c.len_utf8();
            }
        }
        flush(&mut fields, &mut out);
        out
    }

    /// Lines every pattern must match, written with other cases, KELVIN SIGN and LONG S, so
    /// the condition test below sees each regex match at least once.
    const MATCHING: &[&str] = &[
        "HTTPS://example.com/a",
        "WWW.example.com",
        "example.org/path",
        "3 hours ago",
        "A few weeks AGO",
        "Just now",
        "About 5 days",
        "Yesterday",
        "TAGS: Iran, Syria",
        "\u{212A}eywords: x",
        "Filed under: World",
        "Category : Politics",
        "5 min read",
        "Ten-minute liſten",
        "Reading time: 4 min",
        "© 2024 The Paper",
        "(C) 2023 Press",
        "Copyright 2022",
        "ALL RIGHTS RESERVED.",
        "share_iconF Share",
        "facebookIcon",
        "arrow2",
        "By John Smith",
        "Written BY @press",
        "Author: Jane",
        "Published: 24 November 2024",
        "Last modified on 2 May 2020",
        "Date: 2024-11-24",
        "Advertisement",
        "ADS",
        "Story continues below advertisement",
        "Scroll to continue with content",
        "Read more: The talks",
        "Also read | Another",
        "See also - x",
        "Recommended: y",
        "Suggeſted: z",
        "Recent Posts",
        "More from the region",
        "Don't miss",
        "Editors picks",
        "12 Comments",
        "Advertisement ———",
        "Story continues below advertisement",
        "More from Middle East — Beirut édition",
        "Recent posts :",
        "In case you missed it:",
        "About the author",
        "We use cookies to improve your experience",
        "Accept all COOKIES",
        "No script",
        "Please wait",
        "Who are we",
        "Log in",
        "Sign up for our newsletter",
        "Skip to main content",
        "A+ A-",
        "AA",
        "Enable JavaScript to view",
        "Terms of use",
        "View gallery",
        "Download the app",
        "Follow us on X",
        "Source: IRNA",
        "Via: Reuters",
        "Photo: AFP",
        "Image credit / Getty",
        "File photo by staff",
        "Illustration: x",
        "Comments",
        "Leave a reply",
        "Join the discussion",
        "View all comments",
    ];

    /// Every line and paragraph of the fixtures and test data, and [`MATCHING`].
    fn sample_lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs: Vec<_> = ["fixtures", "tests/data", "tests/regressions"]
            .iter()
            .map(|d| root.join(d))
            .collect();
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt" || x == "html") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() > 10, "{files:?}");
        let mut lines: Vec<String> = MATCHING.iter().map(|s| s.to_string()).collect();
        for f in files {
            let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
            lines.extend(text.lines().map(|l| l.trim().to_string()));
            lines.extend(text.split("\n\n").map(|l| l.trim().to_string()));
        }
        lines
    }

    /// The length bounds let prose that merely starts with a pattern's first word through
    /// without compiling or running the regex.
    #[test]
    fn length_bounds_skip_prose() {
        let advisor = "Advisor to the Leader of the Islamic Revolution said on Wednesday that foreign forces must leave.";
        assert!(!ADVERT.might_match(advisor));
        assert!(ADVERT.might_match("Advertisement ———"));
        let more =
            "More than a hundred people gathered in the square on Friday to hear the speeches of the two ministers, who spoke of the region and its future.";
        assert!(!SECTION.might_match(more));
        assert!(SECTION.might_match("More from Middle East — Beirut édition"));
    }

    /// A pattern's condition must hold wherever its regex matches, or skipping the regex would
    /// change a result; and each regex matches some sample, so the check is not vacuous.
    #[test]
    fn pattern_conditions_hold_wherever_the_regex_matches() {
        let lines = sample_lines();
        let mut patterns = PATTERNS.to_vec();
        patterns.push(("DATE", &super::super::meta::DATE));
        for (name, p) in patterns {
            let mut matched = 0;
            for t in &lines {
                let (unicode, ascii) = p.both(t);
                if t.is_ascii() {
                    if let Some(ascii) = ascii {
                        assert_eq!(ascii, unicode, "{name}: {t:?}");
                    }
                }
                if unicode.is_some() {
                    matched += 1;
                    assert!(p.might_match(t), "{name}: {t:?}");
                }
            }
            assert!(matched > 0, "{name} matched no sample");
        }
    }

    /// Length of the letters and digits of `t` lowercased, one character at a time, as
    /// `boilerplate::fingerprint` folds them: the reference for [`WordCounts::folded`].
    fn folded_len_reference(t: &str) -> usize {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| {
                if c.is_ascii() {
                    1
                } else {
                    c.to_lowercase().map(char::len_utf8).sum()
                }
            })
            .sum()
    }

    /// Edge cases of news text for the word count: ASCII punctuation and whitespace (with the
    /// vertical tab, which `u8` does not count as whitespace), curly quotes, dashes, NBSP and
    /// other Unicode spaces, accented, non-Latin, titlecase and caseless letters, combining
    /// marks, non-ASCII digits, and letters whose lowercase is longer (İ) or ASCII (K).
    const EDGE_CHARS: &str = "aZ09 \t\n\x0b\x0c\r.,;:!?'\"()-_#@*/\u{7f}’‘“”—–…•\u{a0}\u{2009}\u{3000}\u{85}\u{2028}\u{200b}\u{2060}éÉßǅ\u{301}\u{308}\u{627}\u{661}²Ωωİ\u{212a}ſ東Ж";

    fn edge_text() -> impl proptest::strategy::Strategy<Value = String> {
        let chars: Vec<char> = EDGE_CHARS.chars().collect();
        let chars2 = chars.clone();
        proptest::prop_oneof![
            proptest::collection::vec(proptest::sample::select(chars.clone()), 0..80)
                .prop_map(|v| v.into_iter().collect::<String>()),
            // long ASCII stretches, so sixteen-byte chunks are whole and cross word boundaries
            proptest::collection::vec(
                proptest::prop_oneof![
                    4 => "[a-zA-Z0-9 .,'\n]{1,40}",
                    1 => proptest::sample::select(chars).prop_map(String::from),
                ],
                0..20,
            )
            .prop_map(|v| v.concat()),
            // long stretches with a few non-ASCII characters, across sixty-four-byte blocks
            proptest::collection::vec(
                proptest::prop_oneof![
                    6 => "[a-zA-Z0-9 .,'\n]{1,90}",
                    1 => proptest::collection::vec(proptest::sample::select(chars2), 1..4)
                        .prop_map(|v| v.into_iter().collect::<String>()),
                ],
                0..12,
            )
            .prop_map(|v| v.concat()),
        ]
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #[test]
        fn count_words_equals_reference(s in "[a-zA-Z0-9 \t\n\x0b\x0c.,'’“\\-—é\u{1e24}\u{627}\u{3000}\u{85}ǅ]{0,60}") {
            let c = count_words(&s);
            proptest::prop_assert_eq!((c.words, c.lower, c.upper), count_words_reference(&s));
        }

        #[test]
        fn count_words_equals_previous_and_reference(s in edge_text()) {
            let c = count_words(&s);
            proptest::prop_assert_eq!(c, count_words_masks16(&s));
            // SAFETY: without AVX2 (`false`), nothing to check
            proptest::prop_assert_eq!(c, unsafe { count_words_blocks::<false>(&s) });
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2, checked just above.
                proptest::prop_assert_eq!(c, unsafe { count_words_blocks::<true>(&s) });
            }
            proptest::prop_assert_eq!((c.words, c.lower, c.upper), count_words_swar8(&s));
            proptest::prop_assert_eq!((c.words, c.lower, c.upper), count_words_reference(&s));
            proptest::prop_assert_eq!(c.folded, folded_len_reference(&s));
        }
    }

    /// Whitespace before a run of punctuation longer than a block still opens the word after it;
    /// characters split across blocks, a block of only continuation bytes.
    #[test]
    fn count_words_across_blocks() {
        let long = |s: &str, n: usize| s.repeat(n);
        for t in [
            format!("x {}y", long("-", 130)),
            format!("x {}y", long("—", 50)),
            format!("x{}y", long("-", 130)),
            format!("x{} y", long("—", 50)),
            format!("{}Éa b", long("a", 63)),
            format!("{} Éa b", long("a", 62)),
            format!("{}\u{3000}Жa b", long(" ", 61)),
            format!("{}東東 b", long(" ", 63)),
            long("東", 70),
            format!("{} ", long("ab ", 50)),
        ] {
            let c = count_words(&t);
            assert_eq!(
                (c.words, c.lower, c.upper),
                count_words_reference(&t),
                "{t:?}"
            );
            assert_eq!(c, count_words_masks16(&t), "{t:?}");
            // SAFETY: without AVX2 (`false`), nothing to check
            assert_eq!(c, unsafe { count_words_blocks::<false>(&t) }, "{t:?}");
            assert_eq!(c.folded, folded_len_reference(&t), "{t:?}");
        }
    }

    /// The shortcut in [`char_class`] answers as Unicode's tables do for every character.
    #[test]
    fn char_class_shortcut_equals_unicode() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let lo = c.is_lowercase();
            let slow = bit(c.is_whitespace(), SPACE)
                | bit(c.is_alphanumeric(), ALNUM)
                | bit(lo, LOWER)
                | bit(c.is_uppercase() && !lo, UPPER);
            assert_eq!(char_class(c), slow, "{c:?}");
        }
    }

    fn k(s: &str) -> Kind {
        classify(s)
    }

    #[test]
    fn prose_is_prose() {
        assert_eq!(
            k("He said Syria takes it upon itself to obey the Iranian Leader."),
            Kind::Prose
        );
        assert_eq!(
            k("In the era of misinformation imposed by the main stream media in the region and abroad, the network strives to"),
            Kind::Prose
        );
    }

    #[test]
    fn list_lead_in_with_colon_is_prose() {
        assert_eq!(
            k("The government announced a plan with measures including:"),
            Kind::Prose
        );
        assert!(features("- faster planning permission").bullet);
        assert!(features("2. Second point").bullet);
        assert!(!features("2024 was a year").bullet);
    }

    #[test]
    fn titles_are_title_shaped() {
        assert_eq!(k("Russia backs Iran deal"), Kind::Title);
        assert_eq!(k("'Strategic relationship'"), Kind::Title);
        assert_eq!(
            k("Ministers Meet In Geneva To Discuss Grain Exports"),
            Kind::Title
        );
        assert_eq!(k("Is The Ceasefire Holding?"), Kind::Title);
    }

    #[test]
    fn timestamps() {
        for s in [
            "9 hours ago",
            "3h ago",
            "a day ago",
            "2 mins ago",
            "Yesterday",
            "About 4 months",
        ] {
            assert_eq!(k(s), Kind::Chrome(Chrome::Timestamp), "{s}");
        }
        assert_ne!(
            k("Two years ago the talks collapsed after a dispute over sanctions relief."),
            Kind::Chrome(Chrome::Timestamp)
        );
    }

    #[test]
    fn icon_font_ligatures_glued_to_labels() {
        assert_eq!(k("starAdd to favorites"), Kind::Chrome(Chrome::Icon));
        assert_eq!(k("calendar_todayMay 3"), Kind::Chrome(Chrome::Icon));
        assert_ne!(k("The new macOS release"), Kind::Chrome(Chrome::Icon));
    }

    #[test]
    fn urls_hashtags_copyright() {
        assert_eq!(k("https://example.com/a/b.html"), Kind::Chrome(Chrome::Url));
        assert_eq!(k("www.example.org"), Kind::Chrome(Chrome::Url));
        assert_eq!(k("#Iran #Syria #Talks"), Kind::Chrome(Chrome::Hashtags));
        assert_eq!(
            k("copyright by Example News 2024 ©"),
            Kind::Chrome(Chrome::Copyright)
        );
        assert_eq!(
            k("© 2023 Daily Planet. All rights reserved."),
            Kind::Chrome(Chrome::Copyright)
        );
    }

    #[test]
    fn forms_bylines_dates() {
        assert_eq!(k("Your Name"), Kind::Chrome(Chrome::FormLabel));
        assert_eq!(k("Your Email Address"), Kind::Chrome(Chrome::FormLabel));
        assert_eq!(k("Name *"), Kind::Chrome(Chrome::FormLabel));
        assert_eq!(k("Website"), Kind::Chrome(Chrome::FormLabel));
        assert_eq!(k("Security"), Kind::Title, "a plausible subheading");
        assert_eq!(k("Leave a Reply"), Kind::Chrome(Chrome::SectionHeader));
        assert_eq!(k("By Staff, Agencies"), Kind::Chrome(Chrome::Byline));
        assert_eq!(k("By Jane Doe | Reuters"), Kind::Chrome(Chrome::Byline));
        assert_eq!(
            k("Published: 12 March 2023 14:05"),
            Kind::Chrome(Chrome::Date)
        );
        assert_eq!(k("24 Nov 2024"), Kind::Chrome(Chrome::Date));
        assert_eq!(
            k("Wednesday, November 24, 2024"),
            Kind::Chrome(Chrome::Date)
        );
        assert_eq!(k("Wednesday"), Kind::Title);
    }

    #[test]
    fn share_ads_sections_cookies_ui() {
        assert_eq!(
            k("Share this: Facebook Twitter WhatsApp"),
            Kind::Chrome(Chrome::Share)
        );
        assert_eq!(k("Advertisement"), Kind::Chrome(Chrome::Advert));
        assert_eq!(k("Recent Posts"), Kind::Chrome(Chrome::SectionHeader));
        assert_eq!(k("Related Articles"), Kind::Chrome(Chrome::SectionHeader));
        assert_eq!(k("Check Also"), Kind::Chrome(Chrome::SectionHeader));
        assert_eq!(
            k("Read more: Oil prices rise after talks stall"),
            Kind::Chrome(Chrome::ReadMore)
        );
        assert_eq!(
            k("We use cookies to improve your experience. By continuing to browse you agree to our use of cookies."),
            Kind::Chrome(Chrome::Cookie)
        );
        assert_eq!(k("Please Wait..."), Kind::Chrome(Chrome::Ui));
        assert_eq!(k("No Script"), Kind::Chrome(Chrome::Ui));
        assert_eq!(k("Source: Press TV"), Kind::Chrome(Chrome::Attribution));
        assert_eq!(
            k("Tags: Budget, Parliament, Europe"),
            Kind::Chrome(Chrome::Tags)
        );
        assert_eq!(k("5 min read"), Kind::Chrome(Chrome::ReadingTime));
        assert_eq!(k("Photo: AFP"), Kind::Chrome(Chrome::PhotoCredit));
        assert_eq!(k("News › Europe › Politics"), Kind::Chrome(Chrome::Nav));
        assert_eq!(
            k("Home | World | Business | Sport"),
            Kind::Chrome(Chrome::Nav)
        );
        assert_eq!(k("Iran and Syria: the view from Damascus"), Kind::Title);
    }

    #[test]
    fn truncated_teasers() {
        assert_eq!(
            k("Doha could close the political office as part of a broader review of…"),
            Kind::Chrome(Chrome::Teaser)
        );
        assert_ne!(
            k("\"We will see what happens next...\""),
            Kind::Chrome(Chrome::Teaser)
        );
        assert_eq!(
            k("The minister said the talks would resume in Vienna once the […]"),
            Kind::Chrome(Chrome::Teaser)
        );
        assert_eq!(
            k("The minister said the talks would resume in Vienna once the Read more"),
            Kind::Chrome(Chrome::Teaser)
        );
    }

    #[test]
    fn read_more_suffix() {
        assert!(features("The talks went well. Read more »").read_more);
        assert!(features("The talks went well and Continue reading").read_more);
        assert!(!features("Read more").read_more, "a bare link is a link");
        assert!(!features("They asked readers to read more.").read_more);
        assert!(!features("Please Wait...").read_more);
    }

    #[test]
    fn evidence_and_comment_headings() {
        assert!(Chrome::Timestamp.is_evidence());
        assert!(!Chrome::Teaser.is_evidence());
        assert!(ends_article("12 Comments"));
        assert!(ends_article("Leave a Reply"));
        assert!(!ends_article("Related Articles"));
        assert_eq!(k("Subscribe to our newsletter"), Kind::Chrome(Chrome::Ui));
        assert_eq!(k("Facebook"), Kind::Chrome(Chrome::Share));
        assert_eq!(k("Facebook’s new policy"), Kind::Title);
    }
}
