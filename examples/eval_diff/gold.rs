//! A word-edit gold set built from real sentences, and changed-token scoring.
//!
//! There is no public gold of word edits we may ship, so the gold is made: each sentence gets
//! one to three known edits (a word substituted, inserted or deleted; two words joined by a
//! hyphen or run together; a hyphenated word split; punctuation added, removed or changed; two
//! neighbouring words swapped), and every token an edit touches is marked changed, on the side
//! it is on. Joining and splitting words change the whole words on both sides (a reader sees
//! "well known" replaced by "well-known"); punctuation added or removed changes only the token
//! that holds it (`said[-,-]`), a swap both words on both sides. Tokens are whitespace-separated
//! words with their punctuation, the unit a reader (and `difflib` on `str.split()`) sees: a
//! system marks a token changed when any of its characters is inside a deleted or inserted run.
//! Precision, recall and F1 are summed over the tokens of both sides of every pair.
//!
//! Two conventions favour a character-level diff over a whole-token one and should be kept in
//! mind when reading difflib's score: punctuation added to a word marks only B's token (A's
//! bare word lost nothing), where difflib replaces the token on both sides; and a swap marks
//! both words, where difflib moves one.
//!
//! Shared by `examples/eval_diff` (measures on the seeds and `basil-dev`) and the integration
//! test that holds a floor on the seeds.

use framediff::diff::{DiffOp, Op};
use serde::Serialize;

/// One constructed pair: A (the sentence), B (A edited) and which whitespace tokens of each
/// the edits touched.
#[derive(Debug, Clone, Serialize)]
pub struct GoldPair {
    pub a: String,
    pub b: String,
    pub gold_a: Vec<bool>,
    pub gold_b: Vec<bool>,
    /// The edits applied, by kind, for per-kind scores.
    pub kinds: Vec<&'static str>,
}

/// Every kind of edit the generator makes.
pub const KINDS: [&str; 8] = [
    "substitute",
    "insert",
    "delete",
    "hyphen-join",
    "closed-join",
    "hyphen-split",
    "punctuation",
    "swap",
];

/// A small deterministic generator (xorshift64*), so the gold set is the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Debug, Clone)]
struct Tok {
    text: String,
    /// Index of the A token this came from unchanged; `None` once an edit touched it.
    origin: Option<usize>,
    /// Whether the gold marks this B token changed.
    gold: bool,
}

fn is_alpha_word(t: &str) -> bool {
    !t.is_empty() && t.chars().all(char::is_alphabetic)
}

/// Split a token into its word and trailing punctuation ("said," → "said", ",").
fn split_trailing(t: &str) -> (&str, &str) {
    let end = t
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    t.split_at(end)
}

/// Apply one edit of `kind` to `b` (tokens of the sentence being edited) at a random place
/// that no earlier edit touched; `gold_a` collects the A tokens it changes. Returns false when
/// the sentence offers no place for this kind.
fn apply(
    kind: &str,
    b: &mut Vec<Tok>,
    gold_a: &mut [bool],
    vocab: &[String],
    rng: &mut Rng,
) -> bool {
    let n = b.len();
    let free = |b: &[Tok], i: usize| b.get(i).is_some_and(|t| t.origin.is_some());
    // candidate positions for single-token and two-token edits
    let singles: Vec<usize> = (0..n).filter(|&i| free(b, i)).collect();
    let doubles: Vec<usize> = (0..n.saturating_sub(1))
        .filter(|&i| free(b, i) && free(b, i + 1))
        .collect();
    let pick = |v: &[usize], rng: &mut Rng| v.get(rng.below(v.len())).copied();
    let word = |rng: &mut Rng| vocab[rng.below(vocab.len())].clone();
    let mut touch = |b: &mut Vec<Tok>, i: usize, on_b: bool| {
        if let Some(o) = b[i].origin.take() {
            gold_a[o] = true;
        }
        b[i].gold = on_b;
    };
    match kind {
        "substitute" => {
            let cands: Vec<usize> = singles
                .iter()
                .copied()
                .filter(|&i| is_alpha_word(split_trailing(&b[i].text).0))
                .collect();
            let Some(i) = pick(&cands, rng) else {
                return false;
            };
            let (w, p) = split_trailing(&b[i].text);
            let mut new = word(rng);
            if new.eq_ignore_ascii_case(w) {
                return false;
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                new = capitalise(&new);
            }
            let text = format!("{new}{p}");
            touch(b, i, true);
            b[i].text = text;
        }
        "insert" => {
            // only between words: before a free token, never at the start (capitals)
            let Some(i) = pick(
                &singles
                    .iter()
                    .copied()
                    .filter(|&i| i > 0)
                    .collect::<Vec<_>>(),
                rng,
            ) else {
                return false;
            };
            b.insert(
                i,
                Tok {
                    text: word(rng),
                    origin: None,
                    gold: true,
                },
            );
        }
        "delete" => {
            let cands: Vec<usize> = singles
                .iter()
                .copied()
                .filter(|&i| i > 0 && i + 1 < n && is_alpha_word(&b[i].text))
                .collect();
            let Some(i) = pick(&cands, rng) else {
                return false;
            };
            touch(b, i, true);
            b.remove(i);
        }
        "hyphen-join" | "closed-join" => {
            let cands: Vec<usize> = doubles
                .iter()
                .copied()
                .filter(|&i| {
                    is_alpha_word(&b[i].text) && is_alpha_word(split_trailing(&b[i + 1].text).0)
                })
                .collect();
            let Some(i) = pick(&cands, rng) else {
                return false;
            };
            let sep = if kind == "hyphen-join" { "-" } else { "" };
            let second = if kind == "closed-join" {
                b[i + 1].text.to_lowercase()
            } else {
                b[i + 1].text.clone()
            };
            let text = format!("{}{sep}{second}", b[i].text);
            touch(b, i, true);
            touch(b, i + 1, true);
            b[i].text = text;
            b.remove(i + 1);
        }
        "hyphen-split" => {
            let cands: Vec<usize> = singles
                .iter()
                .copied()
                .filter(|&i| {
                    let (w, _) = split_trailing(&b[i].text);
                    w.split_once('-')
                        .is_some_and(|(x, y)| is_alpha_word(x) && is_alpha_word(y))
                })
                .collect();
            let Some(i) = pick(&cands, rng) else {
                return false;
            };
            let text = b[i].text.clone();
            let (x, y) = text.split_once('-').expect("a hyphen");
            touch(b, i, true);
            b[i].text = x.to_string();
            b.insert(
                i + 1,
                Tok {
                    text: y.to_string(),
                    origin: None,
                    gold: true,
                },
            );
        }
        "punctuation" => {
            let cands: Vec<usize> = singles.iter().copied().filter(|&i| i + 1 < n).collect();
            let Some(i) = pick(&cands, rng) else {
                return false;
            };
            let (w, p) = split_trailing(&b[i].text);
            if w.is_empty() {
                return false;
            }
            let new_p = match p {
                "" => [",", ";", ":"][rng.below(3)],
                "," => ["", ";"][rng.below(2)],
                _ => "",
            };
            let text = format!("{w}{new_p}");
            // Only a token holding changed punctuation is changed: `said[-,-]` is what a
            // reader wants to see for a dropped comma, not `[-said,-]{+said+}`.
            match (p.is_empty(), new_p.is_empty()) {
                (false, true) => touch(b, i, false), // removed: A's token only
                (true, false) => {
                    // added: B's token only
                    b[i].origin = None;
                    b[i].gold = true;
                }
                _ => touch(b, i, true),
            }
            b[i].text = text;
        }
        "swap" => {
            let cands: Vec<usize> = doubles
                .iter()
                .copied()
                .filter(|&i| {
                    i > 0
                        && is_alpha_word(&b[i].text)
                        && is_alpha_word(&b[i + 1].text)
                        && b[i].text != b[i + 1].text
                })
                .collect();
            let Some(i) = pick(&cands, rng) else {
                return false;
            };
            touch(b, i, true);
            touch(b, i + 1, true);
            b.swap(i, i + 1);
        }
        _ => return false,
    }
    true
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Build the gold set: for every sentence of at least six words, up to three edits of random
/// kinds (the first of each sentence cycles through every kind, so each is well represented).
/// `vocab` holds the replacement and inserted words.
pub fn build(sentences: &[String], vocab: &[String], seed: u64) -> Vec<GoldPair> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (k, s) in sentences.iter().enumerate() {
        let a: Vec<&str> = s.split_whitespace().collect();
        if a.len() < 6 {
            continue;
        }
        let mut b: Vec<Tok> = a
            .iter()
            .enumerate()
            .map(|(i, t)| Tok {
                text: t.to_string(),
                origin: Some(i),
                gold: false,
            })
            .collect();
        let mut gold_a = vec![false; a.len()];
        let mut kinds = Vec::new();
        let edits = 1 + rng.below(3);
        for e in 0..edits {
            let kind = if e == 0 {
                KINDS[k % KINDS.len()]
            } else {
                KINDS[rng.below(KINDS.len())]
            };
            if apply(kind, &mut b, &mut gold_a, vocab, &mut rng) {
                kinds.push(kind);
            }
        }
        if kinds.is_empty() {
            continue;
        }
        let gold_b = b.iter().map(|t| t.gold).collect();
        let btext = b
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(GoldPair {
            a: a.join(" "),
            b: btext,
            gold_a,
            gold_b,
            kinds,
        });
    }
    out
}

/// The whitespace tokens of a text as byte ranges.
fn token_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// Which whitespace tokens of A and of B a framediff diff marks changed: those with a
/// non-space character inside a deleted (A) or inserted (B) run.
pub fn changed_by_ops(a: &str, b: &str, ops: &[DiffOp]) -> (Vec<bool>, Vec<bool>) {
    let mark = |text: &str, side: Op| -> Vec<bool> {
        let spans = token_spans(text);
        let mut changed = vec![false; spans.len()];
        let mut pos = 0;
        for o in ops {
            if o.op != Op::Equal && o.op != side {
                continue;
            }
            if o.op == side {
                for (off, c) in o.text.char_indices() {
                    if c.is_whitespace() {
                        continue;
                    }
                    let at = pos + off;
                    if let Some(t) = spans.iter().position(|&(s, e)| s <= at && at < e) {
                        changed[t] = true;
                    }
                }
            }
            pos += o.text.len();
        }
        changed
    };
    (mark(a, Op::Delete), mark(b, Op::Insert))
}

/// True positives, false positives and false negatives of a system's changed tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn add(&mut self, gold: &[bool], got: &[bool]) {
        for (g, s) in gold.iter().zip(got) {
            match (g, s) {
                (true, true) => self.tp += 1,
                (false, true) => self.fp += 1,
                (true, false) => self.fn_ += 1,
                _ => {}
            }
        }
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Score a diff function on a gold set: overall, and per edit kind (over the pairs whose only
/// edits are of that kind).
pub fn score(
    gold: &[GoldPair],
    diff: impl Fn(&str, &str) -> Vec<DiffOp>,
) -> (Counts, Vec<(&'static str, Counts)>) {
    let mut all = Counts::default();
    let mut by_kind: Vec<(&'static str, Counts)> =
        KINDS.iter().map(|k| (*k, Counts::default())).collect();
    for g in gold {
        let ops = diff(&g.a, &g.b);
        let (ca, cb) = changed_by_ops(&g.a, &g.b, &ops);
        let mut c = Counts::default();
        c.add(&g.gold_a, &ca);
        c.add(&g.gold_b, &cb);
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        for (k, kc) in by_kind.iter_mut() {
            if g.kinds.iter().all(|x| x == k) {
                kc.tp += c.tp;
                kc.fp += c.fp;
                kc.fn_ += c.fn_;
            }
        }
    }
    (all, by_kind)
}
