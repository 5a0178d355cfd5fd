//! Diff: what changed inside aligned sentences, and which facts disagree.
//!
//! For every aligned pair the joined texts of both sides are diffed word by word, as a reader
//! would mark them (see `words`): a compound ("well-known", "and/or") is one word, so joining
//! or splitting words changes the whole words; punctuation is a token of its own. Runs of
//! changed words separated only by spaces are gathered into one *change block*, shown as the
//! deleted text followed by the inserted text, and an unchanged scrap no longer than the changes
//! on both sides of it ("the" between two rewritten clauses) joins them (diff-match-patch's
//! semantic cleanup), so a rewritten sentence reads as one deletion and one insertion, not
//! confetti.
//!
//! From the change blocks the stage collects, over all pairs:
//!
//! * **substitutions**: a short phrase of A replaced by a short phrase of B ("cronies" →
//!   "puppets"). Stop words and punctuation at the edges are trimmed. Only swaps that sit in
//!   shared context count (an unchanged neighbour holds a content word): in loosely paired
//!   sentences most changes are rewrites, not word choices. Phrases longer than
//!   [`MAX_SUBSTITUTION_WORDS`] words or spanning punctuation are rewrites too. When both
//!   sides are one or two words and the next unchanged word is a lower-case content word, that
//!   word is appended to both sides as context, so a modifier swap is reported with its head
//!   noun ("Israeli regime" → "Zionist regime"). Case- or punctuation-only changes and
//!   spelling variants of names are not substitutions.
//! * **discrepancies**: facts of one type with a different value on each side of a pair:
//!   numbers (digits or number words), years, weekdays, months, and names (a change block whose
//!   two sides are both capitalised words, not spelling variants of each other and not a
//!   modifier of a shared noun). A fact told by only one side is an omission, not a
//!   discrepancy.
//! * **variants**: spelling variants of names (see [`crate::align::names`]) on the two sides of a
//!   pair ("Mekdad" / "Mikdad"), including one side writing as one word what the other writes
//!   as two ("Aliakbar" / "Ali Akbar").
//!
//! Pair numbers (`pair`, `pairs`) index [`Alignment::pairs`], from 0.

mod words;

pub use words::coalesce;

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::align::{names, Alignment};
use crate::segment::{is_stop_word, Sentence};
use crate::text::normalize;

/// Longest phrase (in words, after trimming) reported as a substitution.
pub const MAX_SUBSTITUTION_WORDS: usize = 4;
/// Longest name (in words) compared in a name discrepancy.
pub const MAX_NAME_WORDS: usize = 3;
/// Time allowed for diffing one pair; past it `similar` returns a coarser diff.
pub const PAIR_DEADLINE: Duration = Duration::from_millis(200);

/// What a diff operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Text on both sides.
    Equal,
    /// Text only in A.
    Delete,
    /// Text only in B.
    Insert,
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// Whether the text is shared, only in A or only in B.
    pub op: Op,
    /// The text of this run, spaces included.
    pub text: String,
}

/// The word diff of one aligned pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairDiff {
    /// Index into [`Alignment::pairs`].
    pub pair: usize,
    /// Runs of text; see [`Op`] for how they join into each side.
    pub ops: Vec<DiffOp>,
}

/// A phrase of A replaced by a phrase of B, merged over all pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Substitution {
    /// The phrase in A (the pivot).
    pub a: String,
    /// The phrase B wrote in its place.
    pub b: String,
    /// How many times the replacement occurs.
    pub count: usize,
    /// The pairs it occurs in, ascending.
    pub pairs: Vec<usize>,
}

/// The type of a fact that differs between the two sides of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A number other than a year (digits or a number word).
    Number,
    /// A year (four digits, 1800–2100).
    Year,
    /// A day of the week.
    Weekday,
    /// A month.
    Month,
    /// A capitalised name that is not a spelling variant of the other.
    Name,
}

impl Kind {
    /// The word shown in tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Year => "year",
            Kind::Weekday => "weekday",
            Kind::Month => "month",
            Kind::Name => "name",
        }
    }
}

/// A fact with a different value on each side of one pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discrepancy {
    /// What kind of fact differs.
    pub kind: Kind,
    /// The value in A.
    pub a: String,
    /// The value in B.
    pub b: String,
    /// Index of the pair (into the alignment's pairs) where they face each other.
    pub pair: usize,
}

/// Two spellings of one name, merged over all pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// The wording in A.
    pub a: String,
    /// The wording in B.
    pub b: String,
    /// In how many pairs the two spellings face each other.
    pub count: usize,
    /// Indices of the pairs where it occurs.
    pub pairs: Vec<usize>,
}

/// Everything the diff stage finds for one alignment.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Differences {
    /// One word diff per pair, in the order of the alignment's pairs.
    pub diffs: Vec<PairDiff>,
    /// Phrases of A replaced by phrases of B, most frequent first.
    pub substitutions: Vec<Substitution>,
    /// Facts with a different value on each side of a pair.
    pub discrepancies: Vec<Discrepancy>,
    /// Spelling variants of names facing each other, most frequent first.
    pub variants: Vec<Variant>,
}

/// The text of one side of a pair: its sentences joined by spaces.
pub fn joined(sentences: &[Sentence], idx: &[usize]) -> String {
    idx.iter()
        .filter_map(|&i| sentences.get(i))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Word diff of two texts as coalesced operations (see the module docs). Concatenating the
/// `Equal` and `Delete` texts gives `a` back, the `Equal` and `Insert` texts give `b`.
pub fn diff_texts(a: &str, b: &str) -> Vec<DiffOp> {
    words::cleanup(words::precise(a, b))
}

/// Diff every aligned pair and collect substitutions, discrepancies and name variants.
pub fn differences(a: &[Sentence], b: &[Sentence], alignment: &Alignment) -> Differences {
    let mut out = Differences::default();
    let mut subs: BTreeMap<(String, String), Substitution> = BTreeMap::new();
    let mut vars: BTreeMap<(String, String), Variant> = BTreeMap::new();
    for (k, pair) in alignment.pairs.iter().enumerate() {
        let (ta, tb) = (joined(a, &pair.a), joined(b, &pair.b));
        // Word choices are read off the precise diff, where every shared word still anchors
        // them; the cleaned-up diff is what readers see.
        let precise = words::precise(&ta, &tb);
        for (sa, sb) in substitutions_in(&precise) {
            let key = (normalize(&sa), normalize(&sb));
            let e = subs.entry(key).or_insert_with(|| Substitution {
                a: sa,
                b: sb,
                count: 0,
                pairs: Vec::new(),
            });
            e.count += 1;
            if e.pairs.last() != Some(&k) {
                e.pairs.push(k);
            }
        }
        for (va, vb) in variants_in(&ta, &tb) {
            let key = (normalize(&va), normalize(&vb));
            let e = vars.entry(key).or_insert_with(|| Variant {
                a: va,
                b: vb,
                count: 0,
                pairs: Vec::new(),
            });
            e.count += 1;
            e.pairs.push(k);
        }
        out.discrepancies
            .extend(discrepancies_in(&ta, &tb, &precise, k));
        out.diffs.push(PairDiff {
            pair: k,
            ops: words::cleanup(precise),
        });
    }
    out.substitutions = subs.into_values().collect();
    out.substitutions.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| normalize(&x.a).cmp(&normalize(&y.a)))
            .then_with(|| normalize(&x.b).cmp(&normalize(&y.b)))
    });
    out.variants = vars.into_values().collect();
    out.variants.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| normalize(&x.a).cmp(&normalize(&y.a)))
    });
    out
}

/// Whether a token is a word (has a letter or digit).
fn is_word(t: &str) -> bool {
    t.chars().any(char::is_alphanumeric)
}

/// Word tokens of a text with their original spelling.
fn word_tokens(s: &str) -> Vec<&str> {
    s.unicode_words().collect()
}

/// Trim stop words, punctuation and spaces from both ends of a phrase.
fn trim_phrase(s: &str) -> String {
    let toks: Vec<&str> = s.split_word_bounds().collect();
    let keep = |t: &&str| is_word(t) && !is_stop_word(&normalize(t));
    let first = toks.iter().position(&keep);
    let last = toks.iter().rposition(&keep);
    match (first, last) {
        (Some(f), Some(l)) => toks[f..=l].concat(),
        _ => String::new(),
    }
}

/// A phrase of A replaced by a phrase of B in one pair's diff.
#[derive(Debug, Clone, PartialEq)]
struct Replacement {
    /// Trimmed phrases (see [`trim_phrase`]).
    a: String,
    b: String,
    /// An unchanged neighbour of the block holds a content word: the swap sits in shared
    /// context, not in a rewritten clause.
    anchored: bool,
    /// The shared content word right after a one- or two-word swap (its head noun), if any.
    head: Option<String>,
}

fn has_content_word(s: &str) -> bool {
    s.unicode_words()
        .any(|w| w.chars().any(char::is_alphabetic) && !is_stop_word(&normalize(w)))
}

/// Every delete-then-insert block of a pair's diff, trimmed; blocks that are empty on either
/// side after trimming are skipped.
fn replacements(ops: &[DiffOp]) -> Vec<Replacement> {
    let mut out = Vec::new();
    for (k, w) in ops.windows(2).enumerate() {
        if w[0].op != Op::Delete || w[1].op != Op::Insert {
            continue;
        }
        let (a, b) = (trim_phrase(&w[0].text), trim_phrase(&w[1].text));
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let before = k.checked_sub(1).and_then(|x| ops.get(x));
        let after = ops.get(k + 2).filter(|o| o.op == Op::Equal);
        let anchored = before.is_some_and(|o| has_content_word(&o.text))
            || after.is_some_and(|o| has_content_word(&o.text));
        let short = word_tokens(&a).len() <= 2 && word_tokens(&b).len() <= 2;
        let head = after
            .filter(|_| short && w[1].text.trim_end() == w[1].text.as_str())
            .and_then(|next| {
                let mut toks = next.text.split_word_bounds();
                match (toks.next(), toks.next()) {
                    (Some(" "), Some(head))
                        if head.chars().next().is_some_and(char::is_lowercase)
                            && head.chars().all(char::is_alphabetic)
                            && !is_stop_word(&normalize(head)) =>
                    {
                        Some(head.to_string())
                    }
                    _ => None,
                }
            });
        out.push(Replacement {
            a,
            b,
            anchored,
            head,
        });
    }
    out
}

/// Whether a phrase has punctuation between its words (a clause boundary, not one phrase).
fn has_inner_punctuation(s: &str) -> bool {
    s.split_word_bounds().any(|t| {
        t.chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')'))
    })
}

/// Substitutions in one pair's diff (see the module docs).
fn substitutions_in(ops: &[DiffOp]) -> Vec<(String, String)> {
    replacements(ops)
        .into_iter()
        .filter(|r| {
            r.anchored
                && word_tokens(&r.a).len() <= MAX_SUBSTITUTION_WORDS
                && word_tokens(&r.b).len() <= MAX_SUBSTITUTION_WORDS
                && !has_inner_punctuation(&r.a)
                && !has_inner_punctuation(&r.b)
                && letters(&r.a) != letters(&r.b)
                && !is_name_variant(&r.a, &r.b)
        })
        .map(|r| match &r.head {
            Some(h) => (format!("{} {h}", r.a), format!("{} {h}", r.b)),
            None => (r.a, r.b),
        })
        .collect()
}

/// The letters and digits of a phrase, case-folded: equal for case- or punctuation-only changes.
fn letters(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether two phrases are the same name spelled differently, word by word or joined.
fn is_name_variant(a: &str, b: &str) -> bool {
    let (wa, wb) = (word_tokens(a), word_tokens(b));
    if !wa.iter().chain(wb.iter()).all(|w| names::is_capitalised(w)) {
        return false;
    }
    let (la, lb) = (letters(a), letters(b));
    if la == lb || names::is_variant(&la, &lb) {
        return true;
    }
    wa.len() == wb.len()
        && wa.iter().zip(&wb).all(|(x, y)| {
            let (x, y) = (normalize(x), normalize(y));
            x == y || names::is_variant(&x, &y)
        })
}

/// Spelling variants of names facing each other in one pair.
fn variants_in(a: &str, b: &str) -> Vec<(String, String)> {
    let caps = |s: &str| -> Vec<(String, String)> {
        word_tokens(s)
            .into_iter()
            .filter(|w| names::is_capitalised(w) && w.chars().all(char::is_alphabetic))
            .map(|w| (normalize(w), w.to_string()))
            .collect()
    };
    let (ca, cb) = (caps(a), caps(b));
    let in_a: std::collections::BTreeSet<&str> = ca.iter().map(|x| x.0.as_str()).collect();
    let in_b: std::collections::BTreeSet<&str> = cb.iter().map(|x| x.0.as_str()).collect();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |x: String, y: String| {
        if !out.contains(&(x.clone(), y.clone())) {
            out.push((x, y));
        }
    };
    for (na, oa) in ca.iter().filter(|x| !in_b.contains(x.0.as_str())) {
        for (nb, ob) in cb.iter().filter(|x| !in_a.contains(x.0.as_str())) {
            if names::is_variant(na, nb) {
                add(oa.clone(), ob.clone());
            }
        }
        // One word on one side, two on the other ("Aliakbar" / "Ali Akbar").
        for w in cb.windows(2) {
            if format!("{}{}", w[0].0, w[1].0) == *na {
                add(oa.clone(), format!("{} {}", w[0].1, w[1].1));
            }
        }
    }
    for (nb, ob) in cb.iter().filter(|x| !in_a.contains(x.0.as_str())) {
        for w in ca.windows(2) {
            if format!("{}{}", w[0].0, w[1].0) == *nb {
                add(format!("{} {}", w[0].1, w[1].1), ob.clone());
            }
        }
    }
    out
}

/// Weekday names (normalised), shared with `lexicon::suggest`, which never proposes them.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Month names (normalised).
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Number words with their values. "one" is left out: it is far more often a pronoun
/// ("one of the most important") than a count.
const NUMBER_WORDS: [(&str, u32); 27] = [
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

/// The typed facts of a text: (kind, comparison value, original spelling), in reading order.
fn facts(s: &str) -> Vec<(Kind, String, String)> {
    let mut out = Vec::new();
    for w in s.unicode_words() {
        let n = normalize(w);
        let fact = if WEEKDAYS.contains(&n.as_str()) {
            Some((Kind::Weekday, n.clone()))
        } else if MONTHS.contains(&n.as_str()) && (n != "may" || names::is_capitalised(w)) {
            Some((Kind::Month, n.clone()))
        } else if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(x, _)| *x == n) {
            Some((Kind::Number, v.to_string()))
        } else {
            let digits: String = n.chars().filter(|c| *c != ',').collect();
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
                let year = digits.len() == 4
                    && digits
                        .parse::<u32>()
                        .is_ok_and(|y| (1800..=2100).contains(&y));
                let kind = if year { Kind::Year } else { Kind::Number };
                Some((kind, digits.trim_start_matches('0').to_string()))
            } else {
                None
            }
        };
        if let Some((k, v)) = fact {
            out.push((k, v, w.to_string()));
        }
    }
    out
}

/// Facts of one type with a different value on each side of one pair, plus names swapped for
/// other names in the diff.
fn discrepancies_in(a: &str, b: &str, ops: &[DiffOp], k: usize) -> Vec<Discrepancy> {
    let (fa, fb) = (facts(a), facts(b));
    let mut out = Vec::new();
    for kind in [Kind::Number, Kind::Year, Kind::Weekday, Kind::Month] {
        let only = |x: &[(Kind, String, String)], y: &[(Kind, String, String)]| -> Vec<String> {
            let mut v: Vec<String> = Vec::new();
            for (kx, vx, ox) in x {
                if *kx == kind
                    && !y.iter().any(|(ky, vy, _)| *ky == kind && vy == vx)
                    && !v.contains(ox)
                {
                    v.push(ox.clone());
                }
            }
            v
        };
        let (oa, ob) = (only(&fa, &fb), only(&fb, &fa));
        for (x, y) in oa.into_iter().zip(ob) {
            out.push(Discrepancy {
                kind,
                a: x,
                b: y,
                pair: k,
            });
        }
    }
    for r in replacements(ops) {
        let all_caps = |s: &str| {
            let t = word_tokens(s);
            !t.is_empty()
                && t.len() <= MAX_NAME_WORDS
                && !has_inner_punctuation(s)
                && t.iter().all(|x| {
                    names::is_capitalised(x) && facts(x).is_empty() && !is_stop_word(&normalize(x))
                })
        };
        // A capitalised modifier of a shared noun ("Israeli regime" / "Zionist regime") is a
        // framing choice, reported as a substitution, not a disagreement about a name.
        if r.head.is_none()
            && all_caps(&r.a)
            && all_caps(&r.b)
            && letters(&r.a) != letters(&r.b)
            && !is_name_variant(&r.a, &r.b)
        {
            out.push(Discrepancy {
                kind: Kind::Name,
                a: r.a,
                b: r.b,
                pair: k,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Coverage, Pair};

    fn s(t: &str) -> Sentence {
        Sentence::from_text(t)
    }

    fn one_pair(a: &str, b: &str) -> Differences {
        let al = Alignment {
            pairs: vec![Pair {
                a: vec![0],
                b: vec![0],
                score: 0.5,
            }],
            only_a: vec![],
            only_b: vec![],
            coverage: Coverage { a: 1.0, b: 1.0 },
        };
        differences(&[s(a)], &[s(b)], &al)
    }

    fn render(ops: &[DiffOp]) -> String {
        ops.iter()
            .map(|o| match o.op {
                Op::Equal => o.text.clone(),
                Op::Delete => format!("[-{}-]", o.text),
                Op::Insert => format!("{{+{}+}}", o.text),
            })
            .collect()
    }

    #[test]
    fn diff_ops_coalesce_changed_words() {
        let ops = diff_texts("The big red dog barked.", "The small blue dog barked!");
        assert_eq!(
            render(&ops),
            "The [-big red-]{+small blue+} dog barked[-.-]{+!+}"
        );
    }

    fn rendered(a: &str, b: &str) -> String {
        render(&diff_texts(a, b))
    }

    #[test]
    fn joining_or_splitting_words_changes_the_whole_words() {
        assert_eq!(
            rendered("a well known fact", "a well-known fact"),
            "a [-well known-]{+well-known+} fact"
        );
        assert_eq!(
            rendered("a well-known fact", "a well known fact"),
            "a [-well-known-]{+well known+} fact"
        );
        // a slash, and a word changed inside a compound
        assert_eq!(
            rendered("talks and or threats", "talks and/or threats"),
            "talks [-and or-]{+and/or+} threats"
        );
        assert_eq!(
            rendered("the pro-Iran camp", "the anti-Iran camp"),
            "the [-pro-Iran-]{+anti-Iran+} camp"
        );
    }

    #[test]
    fn space_edits_change_the_whole_words() {
        assert_eq!(
            rendered("it happens every day here", "it happens everyday here"),
            "it happens [-every day-]{+everyday+} here"
        );
        assert_eq!(
            rendered("anyone can come", "any one can come"),
            "[-anyone-]{+any one+} can come"
        );
    }

    #[test]
    fn punctuation_only_changes_mark_only_the_punctuation() {
        assert_eq!(
            rendered("He said, then left.", "He said; then left."),
            "He said[-,-]{+;+} then left."
        );
        assert_eq!(
            rendered("Iran, Syria and Iraq met.", "Iran, Syria, and Iraq met."),
            "Iran, Syria{+,+} and Iraq met."
        );
    }

    #[test]
    fn a_word_inserted_between_identical_words() {
        assert_eq!(
            rendered("They talked and talked.", "They talked and then talked."),
            "They talked and {+then +}talked."
        );
        assert_eq!(
            rendered("very very good", "very much very good"),
            "very {+much +}very good"
        );
    }

    #[test]
    fn swapped_neighbours_read_as_one_replacement() {
        assert_eq!(
            rendered(
                "The ministers of Turkey and Iraq met.",
                "The ministers of Iraq and Turkey met."
            ),
            "The ministers of [-Turkey and Iraq-]{+Iraq and Turkey+} met."
        );
        assert_eq!(
            rendered(
                "Security Council Ali Shamkhani",
                "Security Ali Council Shamkhani"
            ),
            "Security [-Council Ali-]{+Ali Council+} Shamkhani"
        );
    }

    #[test]
    fn a_rewritten_sentence_is_one_deletion_and_one_insertion() {
        let ops = diff_texts(
            "He said that the talks were a great success for all of the region.",
            "Nobody expected anything at all from the meetings in the capital.",
        );
        let changes: Vec<Op> = ops
            .iter()
            .map(|o| o.op)
            .filter(|o| *o != Op::Equal)
            .collect();
        assert_eq!(changes, vec![Op::Delete, Op::Insert], "{}", render(&ops));
        // stop-word islands between rewritten clauses are folded into the change
        assert_eq!(
            rendered(
                "has reiterated the need for troops to leave the West Asia region.",
                "should continue the expulsion of forces from Syria and the whole region."
            ),
            "[-has reiterated the need for troops to leave the West Asia-]{+should continue the \
             expulsion of forces from Syria and the whole+} region."
        );
    }

    #[test]
    fn shared_content_words_between_changes_stay() {
        // "red" and "regime and its" are shared context, not a coincidence
        assert_eq!(
            rendered("The big red dog", "The small red cat"),
            "The [-big-]{+small+} red [-dog-]{+cat+}"
        );
        assert_eq!(
            rendered(
                "The Israeli regime and its cronies are weak.",
                "The Zionist regime and its puppets are weak."
            ),
            "The [-Israeli-]{+Zionist+} regime and its [-cronies-]{+puppets+} are weak."
        );
    }

    #[test]
    fn substitutions_come_from_the_precise_diff() {
        // The display folds "the" into one block; the word choice is still found.
        let d = one_pair(
            "Officials said the West Asia region is calm.",
            "Officials said the whole region is calm.",
        );
        assert!(
            d.substitutions
                .iter()
                .any(|x| x.a == "West Asia region" && x.b == "whole region"),
            "{:?}",
            d.substitutions
        );
    }

    #[test]
    fn identical_texts_are_one_equal_op() {
        let ops = diff_texts("Same text.", "Same text.");
        assert_eq!(
            ops,
            vec![DiffOp {
                op: Op::Equal,
                text: "Same text.".into()
            }]
        );
    }

    #[test]
    fn substitution_with_head_noun() {
        let d = one_pair(
            "The Israeli regime and its cronies are weak.",
            "The Zionist regime and its puppets are weak.",
        );
        let subs: Vec<(&str, &str)> = d
            .substitutions
            .iter()
            .map(|x| (x.a.as_str(), x.b.as_str()))
            .collect();
        assert_eq!(
            subs,
            vec![("cronies", "puppets"), ("Israeli regime", "Zionist regime")]
        );
        assert_eq!(d.substitutions[1].count, 1);
        assert_eq!(d.substitutions[1].pairs, vec![0]);
    }

    #[test]
    fn case_punctuation_and_spelling_are_not_substitutions() {
        let d = one_pair(
            "Mekdad said the Plan failed.",
            "Mikdad said the plan failed!",
        );
        assert!(d.substitutions.is_empty(), "{:?}", d.substitutions);
        assert_eq!(d.variants.len(), 1);
        assert_eq!(
            (d.variants[0].a.as_str(), d.variants[0].b.as_str()),
            ("Mekdad", "Mikdad")
        );
    }

    #[test]
    fn long_rewrites_are_not_substitutions() {
        let d = one_pair(
            "He said that the talks were a great success for everyone.",
            "He said that nobody expected anything at all from these meetings.",
        );
        assert!(d.substitutions.is_empty(), "{:?}", d.substitutions);
    }

    #[test]
    fn weekday_number_and_name_discrepancies() {
        let d = one_pair(
            "The minister arrived in Tehran on Wednesday after eleven years with 300 guards.",
            "The minister arrived in Damascus on Thursday after 11 years with 200 guards.",
        );
        let got: Vec<(Kind, &str, &str)> = d
            .discrepancies
            .iter()
            .map(|x| (x.kind, x.a.as_str(), x.b.as_str()))
            .collect();
        assert!(
            got.contains(&(Kind::Weekday, "Wednesday", "Thursday")),
            "{got:?}"
        );
        assert!(got.contains(&(Kind::Number, "300", "200")), "{got:?}");
        assert!(got.contains(&(Kind::Name, "Tehran", "Damascus")), "{got:?}");
        // "eleven" and "11" are the same number.
        assert!(!got.iter().any(|x| x.1 == "eleven"), "{got:?}");
    }

    #[test]
    fn omissions_are_not_discrepancies() {
        let d = one_pair(
            "The minister arrived on Wednesday in 2022.",
            "The minister arrived.",
        );
        assert!(d.discrepancies.is_empty(), "{:?}", d.discrepancies);
    }

    #[test]
    fn joined_name_variant() {
        let d = one_pair(
            "Aliakbar Vlayati met the minister.",
            "Ali Akbar Velayati met the minister.",
        );
        let got: Vec<(&str, &str)> = d
            .variants
            .iter()
            .map(|x| (x.a.as_str(), x.b.as_str()))
            .collect();
        assert!(got.contains(&("Aliakbar", "Ali Akbar")), "{got:?}");
        assert!(got.contains(&("Vlayati", "Velayati")), "{got:?}");
        assert!(d.discrepancies.is_empty(), "{:?}", d.discrepancies);
        assert!(d.substitutions.is_empty(), "{:?}", d.substitutions);
    }

    #[test]
    fn ops_rebuild_both_texts() {
        let cases = [
            (
                "front,\u{201d} he said.",
                "front, the senior Iranian official said.",
            ),
            (
                "Ali Khamenei, the Leader",
                "Ali Khamenei on affairs said the Leader",
            ),
            ("a x b", "a b"),
            ("", "new text"),
            ("old text", ""),
            ("  spaced   out  ", "spaced out"),
            ("a well known fact", "a well-known, fact"),
            ("x-y-z / - a", "x y-z/ -- a"),
            ("the a the b the", "the c the d the"),
        ];
        for (a, b) in cases {
            let ops = diff_texts(a, b);
            let ra: String = ops
                .iter()
                .filter(|o| o.op != Op::Insert)
                .map(|o| o.text.as_str())
                .collect();
            let rb: String = ops
                .iter()
                .filter(|o| o.op != Op::Delete)
                .map(|o| o.text.as_str())
                .collect();
            assert_eq!((ra.as_str(), rb.as_str()), (a, b), "{ops:?}");
        }
    }

    #[test]
    fn unanchored_rewrites_are_not_substitutions() {
        let d = one_pair(
            "As the flagbearer of the region.",
            "The Islamic Republic of the axis.",
        );
        assert!(d.substitutions.is_empty(), "{:?}", d.substitutions);
    }
}
