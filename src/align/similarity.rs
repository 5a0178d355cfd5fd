//! How alike two sentences (or two runs of sentences) are: several signals mixed into one score,
//! and the candidate pairs worth scoring.
//!
//! Signals, each in 0..=1:
//!
//! * **word**: weighted Dice of the content terms ([`super::profile`]): stems, IDF weights, name
//!   variants folded. Sharp on wire copies and shared names.
//! * **char**: cosine of character 3–5-gram TF-IDF vectors ([`super::chargrams`]). Catches what
//!   a retelling keeps of a word when it changes its form.
//! * **embedding**: the cosine of the two sentences' vectors from a sentence encoder
//!   ([`super::encoder`], `--model DIR`), when one is given: it sees a paraphrase that changes
//!   every word, or a translation. Without a model the signal is missing, and a missing signal
//!   is left out of the mix rather than counted as 0.
//!
//! The mix is the weighted mean of the signals that exist for the pair ([`Mix`]): the word
//! signal does not exist when either sentence has no content terms ("He did it."), so such a
//! sentence is judged by its characters alone instead of being pulled towards 0. Two sentences
//! with the same normalised text score exactly 1, and only they ([`MAX_DIFFERENT`]), so a report
//! aligned with itself pairs every sentence with score 1.
//!
//! **Candidates.** Scoring every sentence of A against every sentence of B is quadratic, so
//! inverted indexes (term → sentences of B, gram → sentences of B) give each sentence of A the
//! sentences of B it shares something uncommon with, with an estimate of the score; terms and
//! grams that occur in more than a cap of B's sentences are too common to say anything and are
//! skipped while estimating (they still count in the exact score). Only the best few estimates
//! per sentence are scored exactly, so the cost grows roughly linearly with the reports.

use std::ops::Range;

use super::chargrams::{self, CharGrams};
use super::encoder::Embeddings;
use super::profile::Profiles;
use crate::segment::Sentence;

/// The highest score of two different texts. The signals ignore case, punctuation, word order
/// and repetition ("talks." and "Talks, talks!" have the same words), but a score of 1 promises
/// the same text: a report against a copy of itself, however reordered, must pair each sentence
/// with its own copy rather than with a look-alike.
pub const MAX_DIFFERENT: f64 = 0.999;

/// Weights of the signals in the mix. Only their ratios matter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mix {
    pub word: f64,
    pub char: f64,
    /// For a sentence encoder's cosine (its weight applies only when a model is given).
    pub embedding: f64,
}

/// One pair's signals; `None` where a signal does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Signals {
    pub word: Option<f64>,
    pub char: Option<f64>,
    pub embedding: Option<f64>,
}

impl Mix {
    /// Weighted mean of the signals present; 0 when none is.
    pub fn combine(&self, s: &Signals) -> f64 {
        let mut num = 0.0;
        let mut den = 0.0;
        for (w, x) in [
            (self.word, s.word),
            (self.char, s.char),
            (self.embedding, s.embedding),
        ] {
            if let Some(x) = x {
                if w > 0.0 {
                    num += w * x;
                    den += w;
                }
            }
        }
        if den > 0.0 {
            (num / den).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Limits of candidate generation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateLimits {
    /// Candidates per sentence of A that are scored exactly.
    pub per_sentence: usize,
    /// Terms in more than this many sentences of B are not used to find candidates.
    pub word_postings: usize,
    /// Grams in more than this many sentences of B are not used to find candidates.
    pub gram_postings: usize,
}

/// Past this many bytes of (normalised) text on either side, the char signal is left out and
/// sentences are compared by their words alone. A byte of text gives about 1.7 distinct grams
/// of 9 bytes each, plus their share of the vocabulary: a side at the limit costs some 25 times
/// its size (measured: 124 MB aligning a 3.9 MB file with a fixture, 51 MB with words alone),
/// which is fine for a long article or a short book (1 MiB is about 7,000 sentences) and not
/// for a 200 MB dump, whose word profiles still align it.
pub const CHAR_GRAM_BUDGET: usize = 1 << 20;

/// Scores pairs of sentences (and runs of sentences) of two reports.
#[derive(Debug)]
pub struct Scorer {
    pub words: Profiles,
    /// Empty when a side is over [`CHAR_GRAM_BUDGET`].
    pub grams: CharGrams,
    /// Whether the char signal is used (see [`CHAR_GRAM_BUDGET`]).
    pub with_grams: bool,
    pub mix: Mix,
    /// Shared content terms needed for the word signal to count (see [`Profiles::dice`]).
    pub min_shared: usize,
    /// The sentences' vectors when a sentence encoder is used ([`Scorer::with_embeddings`]).
    pub embeddings: Option<Embeddings>,
    /// Candidates per sentence of A found by embedding alone.
    pub embedding_nearest: usize,
}

/// Exactly scored candidates: for every sentence `i` of A, `(j, score)` ascending by `j`. One
/// flat list, as a long report has millions of candidates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// `entries[starts[i]..starts[i + 1]]` is row `i`.
    starts: Vec<usize>,
    entries: Vec<(u32, f64)>,
}

impl Rows {
    /// An empty list, to be filled row by row with [`Rows::push_row`].
    pub fn with_capacity(rows: usize, entries: usize) -> Rows {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Rows {
            starts,
            entries: Vec::with_capacity(entries),
        }
    }

    /// Append the next row (`j` ascending).
    pub fn push_row(&mut self, row: impl IntoIterator<Item = (usize, f64)>) {
        self.entries
            .extend(row.into_iter().map(|(j, s)| (j as u32, s)));
        self.starts.push(self.entries.len());
    }

    /// Number of rows (sentences of A).
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`: `(j, score)`, `j` ascending (empty when out of range).
    pub fn row(&self, i: usize) -> &[(u32, f64)] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }

    /// The score of `(i, j)`, if it is a candidate.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        let row = self.row(i);
        row.binary_search_by_key(&(j as u32), |x| x.0)
            .ok()
            .map(|k| row[k].1)
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = &[(u32, f64)]> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// The same candidates with every score replaced by `f(i, j, score)`.
    pub fn map(&self, mut f: impl FnMut(usize, usize, f64) -> f64) -> Rows {
        let mut out = self.clone();
        for i in 0..self.len() {
            for k in self.starts[i]..self.starts[i + 1] {
                let (j, s) = self.entries[k];
                out.entries[k].1 = f(i, j as usize, s);
            }
        }
        out
    }
}

impl Scorer {
    pub fn new(a: &[Sentence], b: &[Sentence], mix: Mix, min_shared: usize) -> Scorer {
        let words = Profiles::new(a, b);
        let bytes = |v: &[String]| v.iter().map(String::len).sum::<usize>();
        let with_grams = bytes(&words.norm_a).max(bytes(&words.norm_b)) <= CHAR_GRAM_BUDGET;
        let grams = if with_grams {
            CharGrams::new(&words.norm_a, &words.norm_b)
        } else {
            CharGrams::default()
        };
        Scorer {
            words,
            grams,
            with_grams,
            mix,
            min_shared,
            embeddings: None,
            embedding_nearest: 0,
        }
    }

    /// The same scorer with a sentence encoder's vectors as the embedding signal: `mix`
    /// replaces the mix (a model changes what the other signals should weigh), and each
    /// sentence of A also gets its `nearest` closest sentences of B by embedding as candidates.
    pub fn with_embeddings(mut self, e: Embeddings, mix: Mix, nearest: usize) -> Scorer {
        self.embeddings = Some(e);
        self.mix = mix;
        self.embedding_nearest = nearest;
        self
    }

    /// Similarity of sentence `i` of A and sentence `j` of B.
    pub fn pair(&self, i: usize, j: usize) -> f64 {
        let (na, nb) = (&self.words.norm_a[i], &self.words.norm_b[j]);
        if na == nb && !na.is_empty() {
            return 1.0;
        }
        let (pa, pb) = (&self.words.a[i], &self.words.b[j]);
        let word = (!pa.terms.is_empty() && !pb.terms.is_empty())
            .then(|| self.words.dice(pa, pb, self.min_shared));
        let char = self.with_grams.then(|| self.grams.cosine(i, j));
        self.mix
            .combine(&Signals {
                word,
                char,
                embedding: self.embeddings.as_ref().and_then(|e| e.pair(i, j)),
            })
            .min(MAX_DIFFERENT)
    }

    /// Similarity of consecutive sentences `a` of A, read as one text, and `b` of B.
    pub fn group(&self, a: Range<usize>, b: Range<usize>) -> f64 {
        if a.len() == 1 && b.len() == 1 {
            return self.pair(a.start, b.start);
        }
        let join = |norms: &[String], r: Range<usize>| norms[r].join(" ");
        if join(&self.words.norm_a, a.clone()) == join(&self.words.norm_b, b.clone()) {
            return 1.0;
        }
        let pa = self.words.group(&self.words.a, a.clone());
        let pb = self.words.group(&self.words.b, b.clone());
        let word = (!pa.terms.is_empty() && !pb.terms.is_empty())
            .then(|| self.words.dice(&pa, &pb, self.min_shared));
        let embedding = self
            .embeddings
            .as_ref()
            .and_then(|e| e.group(a.clone(), b.clone()));
        let char = self.with_grams.then(|| {
            let va = self.grams.group_vector(&self.grams.a, a);
            let vb = self.grams.group_vector(&self.grams.b, b);
            chargrams::cosine(&va, &vb)
        });
        self.mix
            .combine(&Signals {
                word,
                char,
                embedding,
            })
            .min(MAX_DIFFERENT)
    }

    /// The candidate pairs of every sentence of A, scored exactly.
    pub fn candidates(&self, lim: &CandidateLimits) -> Rows {
        let (na, nb) = (self.words.a.len(), self.words.b.len());
        let mut rows = Rows::with_capacity(na, na * lim.per_sentence.min(nb));
        if na == 0 || nb == 0 {
            (0..na).for_each(|_| rows.push_row([]));
            return rows;
        }
        let word_index = Postings::new(
            self.words.weights.len(),
            || {
                self.words
                    .b
                    .iter()
                    .enumerate()
                    .flat_map(|(j, p)| p.terms.iter().map(move |&t| (t, j as u32, 1.0f32)))
            },
            lim.word_postings,
        );
        // Past the budget the grams are empty: neither side is looked up in them.
        let gram_rows = |n: usize| if self.with_grams { 0..n } else { 0..0 };
        let gram_index = Postings::new(
            self.grams.vocabulary(),
            || {
                gram_rows(nb).flat_map(|j| {
                    self.grams
                        .weights(&self.grams.b, j)
                        .filter(|&(g, _)| self.grams.df_b(g) as usize <= lim.gram_postings)
                        .map(move |(g, w)| (g, j as u32, w as f32))
                })
            },
            lim.gram_postings,
        );
        let mut exact: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (j, n) in self.words.norm_b.iter().enumerate() {
            if !n.is_empty() {
                exact.entry(n.as_str()).or_default().push(j);
            }
        }
        let wsum = self.mix.word + self.mix.char;
        let (ww, wc) = if wsum > 0.0 {
            (self.mix.word / wsum, self.mix.char / wsum)
        } else {
            (0.5, 0.5)
        };
        let mut word_acc = vec![0.0f64; nb];
        let mut char_acc = vec![0.0f64; nb];
        let mut seen = vec![false; nb];
        let mut touched: Vec<usize> = Vec::new();
        for i in 0..na {
            touched.clear();
            let pa = &self.words.a[i];
            for &t in &pa.terms {
                let w = self.words.weights[t as usize];
                for &(j, _) in word_index.get(t) {
                    let j = j as usize;
                    if !seen[j] {
                        seen[j] = true;
                        touched.push(j);
                    }
                    word_acc[j] += w;
                }
            }
            let grams_a = self
                .with_grams
                .then(|| self.grams.weights(&self.grams.a, i));
            for (g, w) in grams_a.into_iter().flatten() {
                for &(j, wb) in gram_index.get(g) {
                    let j = j as usize;
                    if !seen[j] {
                        seen[j] = true;
                        touched.push(j);
                    }
                    char_acc[j] += w * f64::from(wb);
                }
            }
            let mut local: Vec<(f64, usize)> = touched
                .iter()
                .map(|&j| {
                    let den = pa.weight + self.words.b[j].weight;
                    let word = if den > 0.0 {
                        2.0 * word_acc[j] / den
                    } else {
                        0.0
                    };
                    (ww * word + wc * char_acc[j], j)
                })
                .collect();
            for &j in &touched {
                word_acc[j] = 0.0;
                char_acc[j] = 0.0;
                seen[j] = false;
            }
            let by_score =
                |x: &(f64, usize), y: &(f64, usize)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
            if local.len() > lim.per_sentence {
                local.select_nth_unstable_by(lim.per_sentence, by_score);
                local.truncate(lim.per_sentence);
            }
            let mut js: Vec<usize> = local.into_iter().map(|(_, j)| j).collect();
            if let Some(same) = exact.get(self.words.norm_a[i].as_str()) {
                js.extend(same);
            }
            if let Some(e) = &self.embeddings {
                js.extend(e.nearest(i, self.embedding_nearest));
            }
            js.sort_unstable();
            js.dedup();
            rows.push_row(js.into_iter().map(|j| (j, self.pair(i, j))));
        }
        rows
    }
}

/// An inverted index from a term or gram id to the sentences of B that hold it (with the
/// weight there), leaving out ids held by more than `cap` sentences.
struct Postings {
    /// `entries[starts[id]..starts[id + 1]]` are the postings of `id`.
    starts: Vec<u32>,
    entries: Vec<(u32, f32)>,
}

impl Postings {
    /// `items` yields `(id, sentence of B, weight)`; it is called twice (count, then fill) so
    /// the postings are built without an intermediate list.
    fn new<I: Iterator<Item = (u32, u32, f32)>>(
        ids: usize,
        items: impl Fn() -> I,
        cap: usize,
    ) -> Self {
        let mut count = vec![0u32; ids + 1];
        for (id, _, _) in items() {
            count[id as usize] += 1;
        }
        for c in &mut count {
            if *c as usize > cap {
                *c = 0;
            }
        }
        let mut starts = Vec::with_capacity(ids + 1);
        let mut total = 0u32;
        for &c in &count[..ids] {
            starts.push(total);
            total += c;
        }
        starts.push(total);
        let mut fill: Vec<u32> = starts.clone();
        let mut entries = vec![(0u32, 0f32); total as usize];
        for (id, j, w) in items() {
            let id = id as usize;
            if count[id] > 0 {
                entries[fill[id] as usize] = (j, w);
                fill[id] += 1;
            }
        }
        Postings { starts, entries }
    }

    fn get(&self, id: u32) -> &[(u32, f32)] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&s), Some(&e)) => &self.entries[s as usize..e as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_past_the_budget_is_compared_by_words() {
        let filler = "Officials said the talks on trade and security would continue next week.";
        let mut a: Vec<Sentence> = (0..CHAR_GRAM_BUDGET / filler.len() + 1)
            .map(|k| Sentence::from_text(&format!("{filler} Round {k}.")))
            .collect();
        a.push(Sentence::from_text(
            "The minister expelled the envoys on Monday.",
        ));
        let b = [Sentence::from_text(
            "The minister expelled the envoys on Monday.",
        )];
        let mix = Mix {
            word: 0.3,
            char: 0.7,
            embedding: 0.0,
        };
        let big = Scorer::new(&a, &b, mix, 2);
        assert!(!big.with_grams && big.grams.vocabulary() == 0);
        assert_eq!(big.pair(a.len() - 1, 0), 1.0);
        // Candidates come from the words alone (this panicked on an empty gram side).
        let rows = big.candidates(&crate::align::Params::default().limits);
        assert_eq!(rows.row(a.len() - 1).first().map(|x| x.0), Some(0));
        let small = Scorer::new(&a[a.len() - 3..], &b, mix, 2);
        assert!(small.with_grams);
    }
}
