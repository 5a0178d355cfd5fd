//! How far the article body reaches. The highest-scoring run of paragraphs ([`super::boilerplate`])
//! is the core of the article, but it starts and ends with prose by construction, and page chrome
//! in the middle of an article cuts it in two. Article text is never dropped for its shape alone,
//! so the core is grown:
//!
//! * over adjacent paragraphs that read as sentences too short to score as prose (a lead such as
//!   "Joe Biden knew Lloyd Bentsen.", a closing "Its forces left."), and at the end over one
//!   paragraph cut short ("…", "[…]", "Read more"): the last paragraph of an excerpt is article
//!   text whose last sentence is incomplete;
//! * across a block of page chrome (a teaser list, share row, navigation, a subscribe box) to the
//!   article text that resumes after it, when that text continues the article's vocabulary. A
//!   comment section ends the article; a block that holds what may be the headline starts it.
//!
//! Everything here is a linear scan; the vocabulary check reads each paragraph at most twice.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

use super::classify::{self, Chrome, Features, Kind};
use super::vocab::{floor_boundary, key, NEARBY};
use super::Span;

/// Most paragraphs a block of page chrome inside an article may have.
const BLOCK_MAX: usize = 40;
/// How many copies of a repeated paragraph are looked at to tell a site string.
const REPEAT_STEPS: usize = 16;
/// Text after a block of chrome continues the article when this share of its content words
/// occurs in the article, or at least [`CONTINUES_MIN_WORDS`] of them do.
const CONTINUES_MIN: f32 = 0.15;
const CONTINUES_MIN_WORDS: usize = 2;
/// Below this many distinct content words, text is too short to tell by its vocabulary that
/// it is not the article's ("Rossi declined."), and it is kept.
const JUDGE_MIN_WORDS: usize = 5;

/// What the growth needs to know about every paragraph.
pub(crate) struct Paragraphs<'a> {
    pub text: &'a str,
    pub spans: &'a [Span],
    pub kinds: &'a [Kind],
    pub feats: &'a [Features],
    /// Items of a teaser list (see [`super::boilerplate`]).
    pub in_list: &'a [bool],
    /// Paragraphs already judged not to be about the article (an about box, a site blurb).
    pub off_topic: &'a [bool],
    /// The earlier and the next paragraph with the same wording, if any.
    pub first_of: &'a [Option<usize>],
    pub next_of: &'a [Option<usize>],
}

impl Paragraphs<'_> {
    fn len(&self) -> usize {
        self.kinds.len()
    }

    fn get(&self, i: usize) -> &str {
        &self.text[self.spans[i].start..self.spans[i].end]
    }

    fn is_text(&self, i: usize) -> bool {
        is_text(self.kinds[i], &self.feats[i])
    }

    /// [`is_cut_text`], and not a teaser directly above a date or timestamp.
    fn is_truncated_text(&self, i: usize) -> bool {
        let next_is_stamp = matches!(
            self.kinds.get(i + 1),
            Some(Kind::Chrome(Chrome::Timestamp | Chrome::Date))
        );
        is_cut_text(self.kinds[i], &self.feats[i]) && !next_is_stamp
    }

    /// A paragraph printed on the other side of the body too, and not in it: a site string
    /// (a blurb at top and bottom), not the article repeating itself. Copies are followed
    /// along their chain for at most [`REPEAT_STEPS`] steps (a paragraph printed thousands of
    /// times must not make this quadratic); undecided counts as the article's.
    fn site_repeat(&self, i: usize, bs: usize, be: usize) -> bool {
        let Some(first) = self.first_of[i].or(self.next_of[i].map(|_| i)) else {
            return false;
        };
        let mut other_side = false;
        let mut j = Some(first);
        for _ in 0..REPEAT_STEPS {
            let Some(k) = j else { break };
            if k != i {
                if (bs..=be).contains(&k) {
                    return false;
                }
                other_side |= (k < bs) != (i < bs);
            }
            j = self.next_of[k];
        }
        other_side
    }

    /// May be taken into the body next to it: not a teaser-list item nor off the article's
    /// topic. Text next to the body is the article's even when printed twice.
    fn adjoins(&self, i: usize) -> bool {
        !self.in_list[i] && !self.off_topic[i]
    }

    /// May be taken into the body across a block of chrome: [`Self::adjoins`] and no site
    /// string.
    fn joinable(&self, i: usize, bs: usize, be: usize) -> bool {
        self.adjoins(i) && !self.site_repeat(i, bs, be)
    }
}

/// Reads as article text: prose, or a capitalised sentence too short to score as prose
/// ("Its forces left.").
pub(crate) fn is_text(kind: Kind, f: &Features) -> bool {
    match kind {
        Kind::Prose => true,
        Kind::Short => f.terminal && f.starts_capital,
        _ => false,
    }
}

/// A paragraph cut short ("…", "[…]", "Read more") that is worded like text: capitalised, with
/// the lowercase words of a sentence (not a "Loading…" label).
pub(crate) fn is_cut_text(kind: Kind, f: &Features) -> bool {
    f.truncated()
        && f.starts_capital
        && (f.lower_ratio() >= 0.25 || f.caseless())
        && matches!(
            kind,
            Kind::Chrome(Chrome::Teaser) | Kind::Short | Kind::Prose
        )
}

/// Grow the core `bs..=be` into the article body.
pub(crate) fn grow(p: &Paragraphs, mut bs: usize, mut be: usize) -> (usize, usize) {
    let mut vocab: Option<Vocab> = None;
    // A core ending with a paragraph cut short ends where the excerpt does.
    let mut cut = p.feats[be].truncated();
    // What one end takes in can make text at the other end the article's (a sentence printed
    // at both ends is a site string only while one copy is outside); a few rounds settle it,
    // and the cap keeps the pass linear.
    for _ in 0..ROUNDS {
        let before = (bs, be);
        while !cut {
            (be, cut) = extend_down(p, be);
            if cut {
                break;
            }
            match bridge_down(p, bs, be, &mut vocab) {
                Some(end) => {
                    be = end;
                    cut = p.feats[be].truncated();
                }
                None => break,
            }
        }
        loop {
            bs = extend_up(p, bs);
            match bridge_up(p, bs, be, &mut vocab) {
                Some(start) => bs = start,
                None => break,
            }
        }
        if (bs, be) == before {
            break;
        }
    }
    (bs, be)
}

/// Most rounds of growing both ends.
const ROUNDS: usize = 3;

/// Extend the end of the body over short sentences (and a question or exclamation set on its
/// own line) and at most one paragraph cut short, which closes the article (`true`).
fn extend_down(p: &Paragraphs, mut be: usize) -> (usize, bool) {
    while be + 1 < p.len() {
        let i = be + 1;
        if !p.adjoins(i) {
            break;
        }
        let question = p.kinds[i] == Kind::Title && p.feats[i].terminal;
        if p.is_text(i) || question {
            be = i;
        } else if p.is_truncated_text(i) {
            return (i, true);
        } else {
            break;
        }
    }
    (be, false)
}

/// Extend the start of the body over short sentences. Title-shaped lines are left alone: the
/// one right above the body is the headline.
fn extend_up(p: &Paragraphs, mut bs: usize) -> usize {
    while bs > 0 && p.adjoins(bs - 1) && p.is_text(bs - 1) {
        bs -= 1;
    }
    bs
}

/// The text run after the chrome block that follows `be` (sentences, perhaps ending with a
/// paragraph cut short), if it continues the article: returns its last paragraph.
///
/// A heading that usually closes an article ("Recent Posts", "Related") stops the search
/// unless the text after the block clearly continues the article: long enough to judge by its
/// words, and sharing them. Sidebars are printed in the middle of scraped articles too.
fn bridge_down(p: &Paragraphs, bs: usize, be: usize, vocab: &mut Option<Vocab>) -> Option<usize> {
    let n = p.len();
    let h = be + 1;
    let mut i = h;
    let mut closed = false;
    while i < n && !((p.is_text(i) || p.is_truncated_text(i)) && p.joinable(i, bs, be)) {
        if i - h >= BLOCK_MAX || p.off_topic[i] {
            return None;
        }
        closed |= classify::ends_article(p.get(i));
        i += 1;
    }
    if i == h || i == n {
        return None;
    }
    let first = i;
    while i < n && p.is_text(i) && p.joinable(i, bs, be) {
        i += 1;
    }
    // A last paragraph cut short ends the run (and the article).
    let last = if i < n && p.joinable(i, bs, be) && p.is_truncated_text(i) {
        i
    } else {
        i - 1
    };
    let run_end = floor_boundary(p.text, p.spans[last].end.min(p.spans[first].start + NEARBY));
    let run = &p.text[p.spans[first].start..run_end];
    // Page footers are not cut short: a run ending "…" (outside a teaser list) is the end of
    // an excerpt, whatever its words.
    let ok = if closed {
        continues_clearly(p, bs, be, vocab, run)
    } else {
        p.feats[last].truncated() || continues(p, bs, be, vocab, run)
    };
    ok.then_some(last)
}

/// The text run before the chrome block that precedes `bs`, if it continues the article: returns
/// its first paragraph. The block must hold recognisable chrome and nothing that may be the
/// headline (a title-shaped line not listed under a section header), or the run above is the
/// page's, not the article's.
fn bridge_up(p: &Paragraphs, bs: usize, be: usize, vocab: &mut Option<Vocab>) -> Option<usize> {
    let mut i = bs;
    while i > 0 && !(p.is_text(i - 1) && p.joinable(i - 1, bs, be)) {
        if bs - (i - 1) > BLOCK_MAX || p.off_topic[i - 1] {
            return None;
        }
        i -= 1;
    }
    if i == bs || i == 0 {
        return None;
    }
    let block = i..bs;
    let mut evidence = false;
    let mut under_header = false;
    for j in block {
        match p.kinds[j] {
            Kind::Chrome(Chrome::SectionHeader) => {
                under_header = true;
                evidence = true;
            }
            Kind::Chrome(c) => evidence |= c.is_evidence(),
            Kind::Title if !p.in_list[j] && !under_header && p.feats[j].words >= 2 => return None,
            _ => {}
        }
    }
    if !evidence {
        return None;
    }
    let last = i - 1;
    let mut k = i;
    while k > 0 && p.is_text(k - 1) && p.joinable(k - 1, bs, be) {
        k -= 1;
    }
    // The part of the run nearest the block; `spans[k].start` is a boundary, so the floor
    // never goes below it.
    let run_start = floor_boundary(
        p.text,
        p.spans[k]
            .start
            .max(p.spans[last].end.saturating_sub(NEARBY)),
    );
    let run = &p.text[run_start..p.spans[last].end];
    continues(p, bs, be, vocab, run).then_some(k)
}

/// Whether `run` continues the article: sharing enough vocabulary with the body, or either of
/// them too short to judge by its words ("Rossi declined.", or a one-line body). If so its
/// words join the vocabulary.
fn continues(p: &Paragraphs, bs: usize, be: usize, vocab: &mut Option<Vocab>, run: &str) -> bool {
    judge(p, bs, be, vocab, run, true)
}

/// [`continues`] without the benefit of the doubt: the run must be long enough to judge by its
/// words, and share them.
fn continues_clearly(
    p: &Paragraphs,
    bs: usize,
    be: usize,
    vocab: &mut Option<Vocab>,
    run: &str,
) -> bool {
    judge(p, bs, be, vocab, run, false)
}

fn judge(
    p: &Paragraphs,
    bs: usize,
    be: usize,
    vocab: &mut Option<Vocab>,
    run: &str,
    lenient: bool,
) -> bool {
    let v = vocab.get_or_insert_with(|| Vocab::of_body(p, bs, be));
    let (known, distinct) = v.known(run);
    let shares = known >= CONTINUES_MIN_WORDS || known as f32 >= CONTINUES_MIN * distinct as f32;
    let ok = if lenient {
        distinct < JUDGE_MIN_WORDS || v.words.len() < JUDGE_MIN_WORDS || shares
    } else {
        distinct >= JUDGE_MIN_WORDS && shares
    };
    if ok {
        v.add(run);
    }
    ok
}

/// The content words of the body (keys as in [`super::vocab::cohesion`], hashed): the
/// [`NEARBY`] bytes at either end when the body is longer, plus every run bridged to.
struct Vocab {
    words: HashSet<u64>,
    hasher: RandomState,
}

impl Vocab {
    fn of_body(p: &Paragraphs, bs: usize, be: usize) -> Vocab {
        let mut v = Vocab {
            words: HashSet::new(),
            hasher: RandomState::new(),
        };
        let (start, end) = (p.spans[bs].start, p.spans[be].end);
        if end - start <= 2 * NEARBY {
            v.add(&p.text[start..end]);
        } else {
            v.add(&p.text[start..floor_boundary(p.text, start + NEARBY)]);
            v.add(&p.text[floor_boundary(p.text, end - NEARBY)..end]);
        }
        v
    }

    fn keys<'t>(&'t self, s: &'t str) -> impl Iterator<Item = u64> + 't {
        let mut buf = String::new();
        s.split_whitespace().filter_map(move |w| {
            if key(w, &mut buf) {
                Some(self.hasher.hash_one(buf.as_str()))
            } else {
                None
            }
        })
    }

    fn add(&mut self, s: &str) {
        let new: Vec<u64> = self.keys(s).collect();
        self.words.extend(new);
    }

    /// How many of the distinct content words of `s` are known, and how many there are.
    fn known(&self, s: &str) -> (usize, usize) {
        let distinct: HashSet<u64> = self.keys(s).collect();
        let known = distinct.iter().filter(|k| self.words.contains(k)).count();
        (known, distinct.len())
    }
}
