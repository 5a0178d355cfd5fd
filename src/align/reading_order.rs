//! The reading order of an alignment: A's sentences in order, each pair at its first A
//! sentence, and every sentence only B has placed after the pair of its nearest preceding
//! paired B sentence. One rule, used by the align listing, the side-by-side table and the
//! report, so that all of them place an unpaired sentence in the same spot.

use super::Alignment;

/// One row of the reading-order view of an alignment: what the align listing, the
/// side-by-side table and the report place, in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingRow {
    /// A pair (index into [`Alignment::pairs`]).
    Pair(usize),
    /// A sentence only A has.
    OnlyA(usize),
    /// A sentence only B has.
    OnlyB(usize),
}

/// The alignment in A's reading order, with every sentence only B has placed right after the
/// pair that holds its nearest preceding paired B sentence (or first, when there is none).
///
/// A sentence may be in several pairs (further partners): every pair gets its row, after the
/// others starting at the same sentence of A, and a sentence of B counts as held by the first
/// pair that holds it.
pub fn reading_order(al: &Alignment, len_a: usize, len_b: usize) -> Vec<ReadingRow> {
    let mut pair_of_b: Vec<Option<usize>> = vec![None; len_b];
    let mut first_of_a: Vec<Vec<usize>> = vec![Vec::new(); len_a];
    for (k, p) in al.pairs.iter().enumerate() {
        for &j in &p.b {
            if let Some(slot @ None) = pair_of_b.get_mut(j) {
                *slot = Some(k);
            }
        }
        if let Some(slot) = p.a.first().and_then(|&i| first_of_a.get_mut(i)) {
            slot.push(k);
        }
    }
    // The pair holding the nearest paired B sentence before each B index, in one forward pass:
    // searching backwards from every only-B sentence is quadratic when B is long and mostly
    // unpaired (a 20 MB page against a short report took minutes).
    let mut preceding: Vec<Option<usize>> = Vec::with_capacity(len_b);
    let mut last = None;
    for owner in &pair_of_b {
        preceding.push(last);
        if owner.is_some() {
            last = *owner;
        }
    }
    // Only-B sentences grouped by the pair they follow (None: before everything).
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); al.pairs.len()];
    let mut leading = Vec::new();
    for &j in &al.only_b {
        match preceding.get(j).copied().unwrap_or(last) {
            Some(k) => after[k].push(j),
            None => leading.push(j),
        }
    }
    let mut rows: Vec<ReadingRow> = leading.into_iter().map(ReadingRow::OnlyB).collect();
    let mut only_a = vec![false; len_a];
    for &i in &al.only_a {
        if let Some(x) = only_a.get_mut(i) {
            *x = true;
        }
    }
    for (i, first) in first_of_a.iter().enumerate() {
        for &k in first {
            rows.push(ReadingRow::Pair(k));
            rows.extend(after[k].iter().map(|&j| ReadingRow::OnlyB(j)));
        }
        if first.is_empty() && only_a[i] {
            rows.push(ReadingRow::OnlyA(i));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Coverage, Pair};

    /// The definition `reading_order` implements: an only-B sentence follows the pair of the
    /// nearest paired B sentence before it.
    fn naive_follows(al: &Alignment, len_b: usize, j: usize) -> Option<usize> {
        let mut pair_of_b = vec![None; len_b];
        for (k, p) in al.pairs.iter().enumerate() {
            for &x in &p.b {
                pair_of_b[x] = Some(k);
            }
        }
        (0..j)
            .rev()
            .find_map(|x| pair_of_b.get(x).copied().flatten())
    }

    #[test]
    fn only_b_placement_matches_the_definition() {
        // B of 12: pairs at B 3 and B 7-8 (crossing A order), the rest only-B.
        let al = Alignment {
            pairs: vec![
                Pair {
                    a: vec![0],
                    b: vec![7, 8],
                    score: 1.0,
                },
                Pair {
                    a: vec![1],
                    b: vec![3],
                    score: 1.0,
                },
            ],
            only_a: vec![],
            only_b: vec![0, 1, 2, 4, 5, 6, 9, 10, 11],
            coverage: Coverage { a: 1.0, b: 0.25 },
        };
        let rows = reading_order(&al, 2, 12);
        let mut current = None;
        for row in rows {
            match row {
                ReadingRow::Pair(k) => current = Some(k),
                ReadingRow::OnlyB(j) => assert_eq!(current, naive_follows(&al, 12, j), "B {j}"),
                ReadingRow::OnlyA(_) => {}
            }
        }
    }

    /// Regression (issue 6): a long, almost entirely unpaired B made this quadratic (minutes
    /// for a 20 MB single-line page); 200,000 only-B sentences must be placed in one pass.
    #[test]
    fn long_unpaired_b_is_linear() {
        let n = 200_000;
        let al = Alignment {
            pairs: vec![Pair {
                a: vec![0],
                b: vec![n - 1],
                score: 1.0,
            }],
            only_a: vec![],
            only_b: (0..n - 1).collect(),
            coverage: Coverage { a: 1.0, b: 0.0 },
        };
        let rows = reading_order(&al, 1, n);
        assert_eq!(rows.len(), n);
        assert_eq!(rows[n - 2], ReadingRow::OnlyB(n - 2));
        assert_eq!(rows[n - 1], ReadingRow::Pair(0));
    }

    #[test]
    fn only_b_sentences_follow_their_neighbours_partner() {
        // B: 0 paired with A 1, 1 only-B, 2 paired with A 0, 3 only-B; A 2 only-A.
        let al = Alignment {
            pairs: vec![
                Pair {
                    a: vec![0],
                    b: vec![2],
                    score: 1.0,
                },
                Pair {
                    a: vec![1],
                    b: vec![0],
                    score: 1.0,
                },
            ],
            only_a: vec![2],
            only_b: vec![1, 3],
            coverage: Coverage { a: 0.67, b: 0.5 },
        };
        assert_eq!(
            reading_order(&al, 3, 4),
            vec![
                ReadingRow::Pair(0),
                ReadingRow::OnlyB(3),
                ReadingRow::Pair(1),
                ReadingRow::OnlyB(1),
                ReadingRow::OnlyA(2)
            ]
        );
    }

    #[test]
    fn leading_only_b_comes_first() {
        let al = Alignment {
            pairs: vec![Pair {
                a: vec![0],
                b: vec![1],
                score: 1.0,
            }],
            only_a: vec![],
            only_b: vec![0],
            coverage: Coverage { a: 1.0, b: 0.5 },
        };
        assert_eq!(
            reading_order(&al, 1, 2),
            vec![ReadingRow::OnlyB(0), ReadingRow::Pair(0)]
        );
    }

    #[test]
    fn a_sentence_in_two_pairs_keeps_both_rows() {
        // A 0 is linked to B 0 and, as a further partner, to B 2; A 1 to B 2 as well.
        let pair = |a: usize, b: usize| Pair {
            a: vec![a],
            b: vec![b],
            score: 0.5,
        };
        let al = Alignment {
            pairs: vec![pair(0, 0), pair(0, 2), pair(1, 2)],
            only_a: vec![],
            only_b: vec![1, 3],
            coverage: Coverage { a: 1.0, b: 0.5 },
        };
        assert_eq!(
            reading_order(&al, 2, 4),
            vec![
                ReadingRow::Pair(0),
                ReadingRow::OnlyB(1),
                ReadingRow::Pair(1),
                ReadingRow::OnlyB(3),
                ReadingRow::Pair(2)
            ]
        );
    }
}
