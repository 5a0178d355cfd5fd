//! Frequency statistics for comparing term use between documents.
//!
//! * **Rate** per 1,000 words: `count / words × 1000`.
//! * **Log-likelihood G²** (Dunning 1993) in the four-cell form of the 2×2 contingency table,
//!   as AntConc computes it and as quanteda's `textstat_keyness(measure = "lr",
//!   correction = "none")` does: with `a`, `b` the term's counts and `n1`, `n2` the word counts
//!   of the target and the reference,
//!
//!   ```text
//!   cells     O = a, b, n1 − a, n2 − b
//!   expected  E = row total × column total / N      (N = n1 + n2)
//!   G²        = 2 · Σ O · ln(O / E)                  (0 · ln 0 = 0)
//!   ```
//!
//!   It is *signed*: positive when the term is relatively more frequent in the target
//!   (`a > E₁₁`), negative when less. (quanteda adds 1e-9 inside the logarithm; the difference
//!   is below 1e-6.) The two-cell shortcut `2·(a·ln(a/E1) + b·ln(b/E2))` found in some tools
//!   differs slightly; the four-cell form is the proper G² of the table.
//! * **Log ratio** (Hardie 2014): `log2((a/n1) / (b/n2))`, with 0.5 in place of a zero count so
//!   it stays finite; 0 when both counts are zero. +1 means twice as frequent in the target.
//! * **Significance**: G² ≥ 3.84 `*` (p < 0.05), ≥ 6.63 `**` (p < 0.01), ≥ 10.83 `***`
//!   (p < 0.001), the χ² critical values with one degree of freedom.
//!
//! With three or more documents each one is compared with all the others combined.

use serde::Serialize;

/// Critical values of χ² with 1 degree of freedom and their marks.
pub const THRESHOLDS: [(f64, &str); 3] = [(10.83, "***"), (6.63, "**"), (3.84, "*")];

/// Occurrences per 1,000 words (0 for an empty document).
pub fn per_1000(count: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        count as f64 * 1000.0 / words as f64
    }
}

fn xlnx(o: f64, e: f64) -> f64 {
    if o <= 0.0 || e <= 0.0 {
        0.0
    } else {
        o * (o / e).ln()
    }
}

/// Signed four-cell log-likelihood G² of `a` hits in `n1` words against `b` hits in `n2`
/// words; `None` when either document has no words.
pub fn log_likelihood(a: usize, b: usize, n1: usize, n2: usize) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (a, b) = (a as f64, b as f64);
    let (n1, n2) = (n1 as f64, n2 as f64);
    let (c, d) = ((n1 - a).max(0.0), (n2 - b).max(0.0));
    let n = a + b + c + d;
    let (r1, r2) = (a + b, c + d);
    let (k1, k2) = (a + c, b + d);
    let e11 = r1 * k1 / n;
    let g2 =
        2.0 * (xlnx(a, e11) + xlnx(b, r1 * k2 / n) + xlnx(c, r2 * k1 / n) + xlnx(d, r2 * k2 / n));
    let g2 = g2.max(0.0);
    Some(if a >= e11 { g2 } else { -g2 })
}

/// Hardie's log ratio (binary log of the ratio of relative frequencies, 0.5 for zero counts);
/// `None` when either document has no words.
pub fn log_ratio(a: usize, b: usize, n1: usize, n2: usize) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    if a == 0 && b == 0 {
        return Some(0.0);
    }
    let fa = if a == 0 { 0.5 } else { a as f64 };
    let fb = if b == 0 { 0.5 } else { b as f64 };
    Some(((fa / n1 as f64) / (fb / n2 as f64)).log2())
}

/// The significance mark for a G² value (sign ignored): `***`, `**`, `*` or empty.
pub fn mark(g2: f64) -> &'static str {
    let g = g2.abs();
    THRESHOLDS
        .iter()
        .find(|(t, _)| g >= *t)
        .map(|(_, m)| *m)
        .unwrap_or("")
}

/// G² and log ratio of one document against a reference.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Keyness {
    /// Signed Dunning log-likelihood G² (positive: relatively more in the first corpus).
    pub log_likelihood: f64,
    /// Hardie's log ratio: binary log of the ratio of the two rates (0.5 for a zero count).
    pub log_ratio: f64,
}

/// Keyness of `counts[0]` in `words[0]` against `counts[1]` in `words[1]`.
pub fn pair(a: usize, b: usize, n1: usize, n2: usize) -> Option<Keyness> {
    Some(Keyness {
        log_likelihood: log_likelihood(a, b, n1, n2)?,
        log_ratio: log_ratio(a, b, n1, n2)?,
    })
}

/// Each document against all the others combined (the reference). `counts` and `words` are
/// parallel; the result has one entry per document.
pub fn each_vs_rest(counts: &[usize], words: &[usize]) -> Vec<Option<Keyness>> {
    let total_c: usize = counts.iter().sum();
    let total_w: usize = words.iter().sum();
    counts
        .iter()
        .zip(words)
        .map(|(&c, &w)| pair(c, total_c - c, w, total_w - w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn four_cell_g2_by_hand() {
        // a = 6 of n1 = 500, b = 4 of n2 = 400; N = 900.
        // Row totals: term 10, rest 890. Column totals 500, 400.
        // E11 = 10·500/900 = 5.5556, E12 = 10·400/900 = 4.4444,
        // E21 = 890·500/900 = 494.4444, E22 = 890·400/900 = 395.5556.
        // G² = 2·(6·ln(6/5.5556) + 4·ln(4/4.4444) + 494·ln(494/494.4444) + 396·ln(396/395.5556))
        let e11 = 10.0 * 500.0 / 900.0;
        let e12 = 10.0 * 400.0 / 900.0;
        let e21 = 890.0 * 500.0 / 900.0;
        let e22 = 890.0 * 400.0 / 900.0;
        let g2: f64 = 2.0
            * (6.0f64 * (6.0f64 / e11).ln()
                + 4.0 * (4.0f64 / e12).ln()
                + 494.0 * (494.0f64 / e21).ln()
                + 396.0 * (396.0f64 / e22).ln());
        let got = log_likelihood(6, 4, 500, 400).unwrap();
        assert!(close(got, g2), "{got} vs {g2}");
        assert!(got > 0.0 && got < 0.1, "{got}");
        // swapping the documents flips the sign only
        assert!(close(log_likelihood(4, 6, 400, 500).unwrap(), -g2));
    }

    #[test]
    fn zero_counts_use_zero_log_zero() {
        // a = 0: the a-cell contributes 0·ln 0 = 0.
        // a=0,n1=100; b=5,n2=100: E12 = 5·100/200 = 2.5, E21 = 195·100/200 = 97.5, E22 = 97.5
        // G² = 2·(5·ln(5/2.5) + 100·ln(100/97.5) + 95·ln(95/97.5)), negative sign.
        let want =
            2.0 * (5.0 * 2f64.ln() + 100.0 * (100.0f64 / 97.5).ln() + 95.0 * (95.0f64 / 97.5).ln());
        let got = log_likelihood(0, 5, 100, 100).unwrap();
        assert!(close(got, -want), "{got} vs {want}");
        assert_eq!(mark(got), "**"); // 7.03
        assert_eq!(log_likelihood(0, 0, 10, 10), Some(0.0));
        assert_eq!(log_likelihood(1, 0, 0, 10), None);
    }

    #[test]
    fn log_ratio_and_marks() {
        // (6/500)/(4/400) = 1.2 → log2 = 0.263
        assert!(close(log_ratio(6, 4, 500, 400).unwrap(), 1.2f64.log2()));
        // zero count → 0.5: (2/100)/(0.5/100) = 4 → 2
        assert!(close(log_ratio(2, 0, 100, 100).unwrap(), 2.0));
        assert_eq!(log_ratio(0, 0, 100, 100), Some(0.0));
        assert_eq!(mark(3.83), "");
        assert_eq!(mark(-3.84), "*");
        assert_eq!(mark(6.63), "**");
        assert_eq!(mark(10.83), "***");
        assert!(close(per_1000(3, 600), 5.0));
        assert_eq!(per_1000(3, 0), 0.0);
    }

    #[test]
    fn each_vs_rest_combines_the_others() {
        let k = each_vs_rest(&[6, 4, 0], &[500, 400, 300]);
        assert_eq!(k.len(), 3);
        let first = k[0].unwrap();
        assert!(close(
            first.log_likelihood,
            log_likelihood(6, 4, 500, 700).unwrap()
        ));
        assert!(k[2].unwrap().log_likelihood < 0.0);
    }
}
