//! Character n-gram TF-IDF vectors of sentences, and their cosine.
//!
//! Two tellings of one thing share *parts* of words more often than whole words: inflections
//! ("expel" / "expulsion"), compounds, transliterations ("Mekdad" / "Mikdad") and derived forms
//! that a stemmer keeps apart. A sentence is therefore also described by the 3-, 4- and 5-grams
//! of its normalised words, each word padded with a space on both sides so grams at word starts
//! and ends are told apart from grams inside words (`" exp"`, `"pel "`). A word shorter than a
//! gram length counts once, whole (the padded `" he "` stands for itself at lengths 4 and 5).
//!
//! Weights are the usual TF-IDF: sublinear term frequency `1 + ln tf` (a gram repeated in one
//! sentence says little more than once), times the smoothed inverse document frequency
//! `1 + ln((1 + N) / (1 + df))` over the sentences of *both* reports, so grams every sentence has
//! (`" the "`) weigh little. The similarity of two sentences is the cosine of their vectors: 1
//! for the same grams, 0 for none shared.
//!
//! Storage is flat (one id and one count per distinct gram of a sentence, in arrays shared by
//! all sentences of a side), because a long report has a few hundred grams per sentence.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Shortest gram, in characters.
pub const MIN_N: usize = 3;
/// Longest gram, in characters.
pub const MAX_N: usize = 5;

/// A gram packed into an integer: up to five characters of 21 bits each, every character stored
/// plus one so that grams of different lengths never collide. Exact, no hashing of strings.
type Key = u128;

/// A fast hasher for [`Key`]s: std's default SipHash is several times slower here, and gram keys
/// are not attacker-chosen in a way that matters (the worst case is a slower map). The state is
/// mixed with the splitmix64 finaliser, as the map takes its bucket from the low bits.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u128(&mut self, x: u128) {
        self.0 = (x as u64) ^ ((x >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// The grams of one side: for sentence `k`, `ids[spans[k]]` are its distinct gram ids
/// (ascending), `tf[spans[k]]` how often each occurs (saturating at 255) and `w[spans[k]]` its
/// TF-IDF weight in the sentence's vector, normalised to length 1 (kept, so scoring a pair is
/// one merge of two sorted lists with no logarithms).
#[derive(Debug, Default)]
pub struct Side {
    spans: Vec<Range<u32>>,
    ids: Vec<u32>,
    tf: Vec<u8>,
    w: Vec<f32>,
}

impl Side {
    fn range(&self, k: usize) -> Range<usize> {
        self.spans[k].start as usize..self.spans[k].end as usize
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the side has no sentences.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// Character-gram vectors of the sentences of two reports.
#[derive(Debug, Default)]
pub struct CharGrams {
    pub a: Side,
    pub b: Side,
    /// IDF of each gram id.
    idf: Vec<f64>,
    /// In how many sentences of B each gram id occurs.
    df_b: Vec<u32>,
}

/// A weighted gram vector, normalised to length 1, ids ascending.
pub type Vector = Vec<(u32, f64)>;

/// Sublinear term frequency, `1 + ln tf`.
fn sublinear(tf: f64) -> f64 {
    1.0 + tf.max(1.0).ln()
}

/// Append the padded grams of normalised text `norm` to `out` as keys. `word` is scratch space.
fn keys(norm: &str, word: &mut Vec<char>, out: &mut Vec<Key>) {
    // `word` holds the padding space and the letters so far.
    let flush = |word: &mut Vec<char>, out: &mut Vec<Key>| {
        if word.len() <= 1 {
            return;
        }
        word.push(' ');
        let padded = &word[..];
        for n in MIN_N..=MAX_N {
            if padded.len() <= n {
                // A short word is one gram, counted once (at the first length it fits in).
                out.push(pack(padded));
                break;
            }
            out.extend(padded.windows(n).map(pack));
        }
        word.clear();
        word.push(' ');
    };
    word.clear();
    word.push(' ');
    for c in norm.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(word, out);
        }
    }
    flush(word, out);
}

fn pack(chars: &[char]) -> Key {
    chars
        .iter()
        .fold(0, |k, &c| (k << 21) | Key::from(u32::from(c) + 1))
}

impl CharGrams {
    /// Gram vectors of the normalised sentences of A and B.
    pub fn new(norm_a: &[String], norm_b: &[String]) -> CharGrams {
        let mut vocab: HashMap<Key, u32, BuildHasherDefault<KeyHasher>> = HashMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut df_b: Vec<u32> = Vec::new();
        let mut buf: Vec<Key> = Vec::new();
        let mut word: Vec<char> = Vec::new();
        let mut ids: Vec<u32> = Vec::new();
        let mut build = |norms: &[String], is_b: bool| -> Side {
            let mut side = Side::default();
            for s in norms {
                buf.clear();
                keys(s, &mut word, &mut buf);
                ids.clear();
                for &k in &buf {
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(k).or_insert(next);
                    if id == next {
                        df.push(0);
                        df_b.push(0);
                    }
                    ids.push(id);
                }
                ids.sort_unstable();
                let start = side.ids.len() as u32;
                for run in ids.chunk_by(|x, y| x == y) {
                    let id = run[0];
                    side.ids.push(id);
                    side.tf.push(run.len().min(255) as u8);
                    df[id as usize] += 1;
                    if is_b {
                        df_b[id as usize] += 1;
                    }
                }
                side.spans.push(start..side.ids.len() as u32);
            }
            side
        };
        let mut a = build(norm_a, false);
        let mut b = build(norm_b, true);
        let n = (norm_a.len() + norm_b.len()) as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| 1.0 + ((1.0 + n) / (1.0 + f64::from(d))).ln())
            .collect();
        let table: Vec<f64> = (0..=255).map(|t| sublinear(f64::from(t))).collect();
        for side in [&mut a, &mut b] {
            side.w = Vec::with_capacity(side.ids.len());
            for k in 0..side.len() {
                let r = side.range(k);
                let raw = |x: usize| table[side.tf[x] as usize] * idf[side.ids[x] as usize];
                let norm = r.clone().map(|x| raw(x) * raw(x)).sum::<f64>().sqrt();
                for x in r {
                    let w = if norm > 0.0 { raw(x) / norm } else { 0.0 };
                    side.w.push(w as f32);
                }
            }
        }
        CharGrams { a, b, idf, df_b }
    }

    /// The normalised weight vector of sentence `k` of `side`.
    pub fn vector(&self, side: &Side, k: usize) -> Vector {
        self.weights(side, k).collect()
    }

    /// The normalised vector of consecutive sentences `range` of `side` read as one text (their
    /// gram counts added before weighting).
    pub fn group_vector(&self, side: &Side, range: Range<usize>) -> Vector {
        if range.len() == 1 {
            return self.vector(side, range.start);
        }
        let mut counts: Vec<(u32, u32)> = range
            .flat_map(|k| side.range(k))
            .map(|x| (side.ids[x], u32::from(side.tf[x])))
            .collect();
        counts.sort_unstable_by_key(|c| c.0);
        let mut merged: Vec<(u32, f64)> = Vec::with_capacity(counts.len());
        for run in counts.chunk_by(|x, y| x.0 == y.0) {
            let tf: u32 = run.iter().map(|c| c.1).sum();
            let g = run[0].0;
            merged.push((g, sublinear(f64::from(tf)) * self.idf[g as usize]));
        }
        let norm = merged.iter().map(|m| m.1 * m.1).sum::<f64>().sqrt();
        if norm > 0.0 {
            merged.iter_mut().for_each(|m| m.1 /= norm);
        }
        merged
    }

    /// Cosine of sentence `i` of A and sentence `j` of B.
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (ra, rb) = (self.a.range(i), self.b.range(j));
        let (ia, wa) = (&self.a.ids[ra.clone()], &self.a.w[ra]);
        let (ib, wb) = (&self.b.ids[rb.clone()], &self.b.w[rb]);
        let (mut x, mut y, mut dot) = (0, 0, 0.0f64);
        while x < ia.len() && y < ib.len() {
            match ia[x].cmp(&ib[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    dot += f64::from(wa[x]) * f64::from(wb[y]);
                    x += 1;
                    y += 1;
                }
            }
        }
        dot.clamp(0.0, 1.0)
    }

    /// In how many sentences of B gram `g` occurs.
    pub fn df_b(&self, g: u32) -> u32 {
        self.df_b[g as usize]
    }

    /// The distinct grams of sentence `k` of `side` with their normalised weights.
    pub fn weights<'s>(
        &'s self,
        side: &'s Side,
        k: usize,
    ) -> impl Iterator<Item = (u32, f64)> + 's {
        side.range(k)
            .map(move |x| (side.ids[x], f64::from(side.w[x])))
    }

    /// Number of distinct grams over both sides.
    pub fn vocabulary(&self) -> usize {
        self.idf.len()
    }
}

/// Cosine of two normalised vectors.
pub fn cosine(x: &[(u32, f64)], y: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(s: &str) -> Vec<String> {
        let mut k = Vec::new();
        keys(s, &mut Vec::new(), &mut k);
        k.iter()
            .map(|&key| {
                let mut chars = Vec::new();
                let mut x = key;
                while x != 0 {
                    chars.push(char::from_u32((x & 0x1f_ffff) as u32 - 1).unwrap());
                    x >>= 21;
                }
                chars.iter().rev().collect()
            })
            .collect()
    }

    #[test]
    fn grams_are_padded_at_word_boundaries() {
        let g = grams("expel us");
        assert_eq!(
            g,
            [
                " ex", "exp", "xpe", "pel", "el ", " exp", "expe", "xpel", "pel ", " expe",
                "expel", "xpel ", " us", "us ", " us "
            ]
        );
        // A one-letter word is one gram.
        assert_eq!(grams("a"), [" a "]);
        assert!(grams("").is_empty() && grams(" , ").is_empty());
    }

    fn sents(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| crate::text::normalize(s)).collect()
    }

    #[test]
    fn identical_sentences_have_cosine_one() {
        let a = sents(&["The Islamic Republic has always supported the front."]);
        let g = CharGrams::new(&a, &a);
        assert!((g.cosine(0, 0) - 1.0).abs() < 1e-6);
        let v = g.vector(&g.a, 0);
        assert!((cosine(&v, &g.vector(&g.b, 0)) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn inflections_share_grams_that_stems_miss() {
        let a = sents(&["They want to expel the forces.", "The weather was fine."]);
        let b = sents(&["They want the expulsion of the forces."]);
        let g = CharGrams::new(&a, &b);
        assert!(g.cosine(0, 0) > 0.4, "{}", g.cosine(0, 0));
        assert!(g.cosine(1, 0) < 0.2, "{}", g.cosine(1, 0));
    }

    #[test]
    fn group_vector_of_one_sentence_is_its_vector() {
        let a = sents(&["One two three.", "Four five six."]);
        let g = CharGrams::new(&a, &a);
        assert_eq!(g.group_vector(&g.a, 1..2), g.vector(&g.a, 1));
        let both = g.group_vector(&g.a, 0..2);
        assert!(cosine(&both, &g.vector(&g.b, 0)) > 0.5);
        assert!(cosine(&both, &g.vector(&g.b, 0)) < 1.0);
    }

    #[test]
    fn empty_sentences_score_zero() {
        let a = sents(&["", "..."]);
        let b = sents(&["Words here."]);
        let g = CharGrams::new(&a, &b);
        assert_eq!(g.cosine(0, 0), 0.0);
        assert_eq!(g.cosine(1, 0), 0.0);
        assert!(g.vector(&g.a, 0).is_empty());
    }
}
