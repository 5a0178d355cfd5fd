//! From scored candidates to pairs: order as support, one-to-one, neighbour merges, further
//! partners.
//!
//! 1. **Support from order.** A candidate's score is raised by how well its diagonal neighbours
//!    match: `s + γ · max(S[i−1][j−1], S[i+1][j+1]) · (1 − s)`. Runs of corresponding sentences
//!    support each other, so a weak paraphrase between two strong ones is kept. Only *relative*
//!    order is used, never absolute position: outlets reorder, and a moved block keeps its inner
//!    runs. The bonus is scaled by `1 − s` so that only identical text scores 1.
//! 2. **One-to-one**: candidates are taken greedily by descending score, each sentence at most
//!    once; ties go to the pair whose positions in their reports are closest (so exact
//!    duplicates inside one report pair up in order), then to the lower indices.
//! 3. **Neighbour merges**: a pair grows to take in an unpaired neighbour (up to
//!    [`super::MAX_GROUP`] sentences on one side against one on the other) when that raises its
//!    score by the merge gain; two unpaired neighbours that only *together* reach the threshold
//!    against one sentence are paired too.
//! 4. **Further partners**: one sentence often carries parts of two sentences of the other
//!    report, not always neighbours. A candidate link not yet claimed is added as a pair of its
//!    own when it reaches the threshold and its own similarity is within δ of *both* sentences'
//!    best own similarity. Own similarity, not the supported score: a partner whose best link
//!    sits in a well-supported run would otherwise shut out a further partner with as much
//!    shared text. A sentence the one-to-one step left without any partner (its best partner
//!    went to a closer sentence) needs only to be near its *own* best, with a link reaching the
//!    threshold plus [`Params::orphan_margin`]: it tells part of what that partner says. A
//!    sentence in a near-copy pair takes no further partner (a copy is one-to-one), and no
//!    sentence takes more than [`Params::max_partners`] links.

use super::similarity::{Rows, Scorer};
use super::{Pair, Params, MAX_GROUP};

/// A scored candidate pair of single sentences (indices as `u32`: a long report has millions).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    i: u32,
    j: u32,
    /// Similarity of the two sentences alone.
    raw: f64,
    /// With the support of the diagonal neighbours.
    score: f64,
}

impl Candidate {
    fn i(&self) -> usize {
        self.i as usize
    }
    fn j(&self) -> usize {
        self.j as usize
    }
}

/// The raw score of `(i, j)` if it was a candidate, else 0 (not a candidate: nothing in common
/// worth scoring).
fn lookup(rows: &Rows, i: Option<usize>, j: Option<usize>) -> f64 {
    match (i, j) {
        (Some(i), Some(j)) => rows.get(i, j).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// `raw` with the support of neighbour score `nb`.
pub fn supported(raw: f64, nb: f64, p: &Params) -> f64 {
    raw + p.support * nb * (1.0 - raw)
}

/// The support a group `a` × `b` (inclusive first/last indices) gets from the pairs diagonally
/// before and after it.
fn neighbour(rows: &Rows, a: (usize, usize), b: (usize, usize)) -> f64 {
    let before = lookup(rows, a.0.checked_sub(1), b.0.checked_sub(1));
    let after = lookup(rows, Some(a.1 + 1), Some(b.1 + 1));
    before.max(after)
}

/// The supported score of every candidate, in the layout of `rows`.
pub fn supported_rows(rows: &Rows, p: &Params) -> Rows {
    rows.map(|i, j, raw| supported(raw, neighbour(rows, (i, i), (j, j)), p))
}

/// Assign pairs. `threshold` is already clamped to 0..=1.
pub fn assign(
    scorer: &Scorer,
    rows: &Rows,
    na: usize,
    nb: usize,
    threshold: f64,
    p: &Params,
) -> Vec<Pair> {
    let drift = |i: usize, j: usize| {
        let pa = (i as f64 + 0.5) / na.max(1) as f64;
        let pb = (j as f64 + 0.5) / nb.max(1) as f64;
        (pa - pb).abs()
    };
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for &(j, raw) in row {
            let score = supported(raw, neighbour(rows, (i, i), (j as usize, j as usize)), p);
            cands.push(Candidate {
                i: i as u32,
                j,
                raw,
                score,
            });
        }
    }
    cands.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| drift(x.i(), x.j()).total_cmp(&drift(y.i(), y.j())))
            .then(x.i.cmp(&y.i))
            .then(x.j.cmp(&y.j))
    });
    let passes = |c: &Candidate| c.score >= threshold && c.score > 0.0;

    // One-to-one.
    let mut owner_a: Vec<Option<usize>> = vec![None; na];
    let mut owner_b: Vec<Option<usize>> = vec![None; nb];
    let mut pairs: Vec<Pair> = Vec::new();
    let mut raws: Vec<f64> = Vec::new();
    for c in cands.iter().take_while(|c| passes(c)) {
        if owner_a[c.i()].is_none() && owner_b[c.j()].is_none() {
            owner_a[c.i()] = Some(pairs.len());
            owner_b[c.j()] = Some(pairs.len());
            pairs.push(Pair {
                a: vec![c.i()],
                b: vec![c.j()],
                score: c.score,
            });
            raws.push(c.raw);
        }
    }

    // Neighbour merges, while they clearly raise the score. Near-copies stay as they are.
    let grower = Grower { scorer, rows, p };
    for k in 0..pairs.len() {
        if raws[k] >= p.near_copy {
            continue;
        }
        while let Some(better) = grower.grow(&pairs[k], &owner_a, &owner_b) {
            for &i in &better.a {
                owner_a[i] = Some(k);
            }
            for &j in &better.b {
                owner_b[j] = Some(k);
            }
            pairs[k] = better;
        }
    }

    // Unpaired sentences that only reach the threshold together with a neighbour.
    for c in &cands {
        if passes(c) || c.score < threshold / 2.0 || c.score <= 0.0 {
            continue;
        }
        if owner_a[c.i()].is_some() || owner_b[c.j()].is_some() {
            continue;
        }
        let single = Pair {
            a: vec![c.i()],
            b: vec![c.j()],
            score: c.score,
        };
        if let Some(g) = grower.grow(&single, &owner_a, &owner_b) {
            if g.score >= threshold {
                let k = pairs.len();
                for &i in &g.a {
                    owner_a[i] = Some(k);
                }
                for &j in &g.b {
                    owner_b[j] = Some(k);
                }
                pairs.push(g);
                raws.push(c.raw);
            }
        }
    }

    // Further partners.
    if p.delta > 0.0 {
        let near_copy_a: Vec<bool> = (0..na)
            .map(|i| owner_a[i].is_some_and(|k| raws[k] >= p.near_copy))
            .collect();
        let near_copy_b: Vec<bool> = (0..nb)
            .map(|j| owner_b[j].is_some_and(|k| raws[k] >= p.near_copy))
            .collect();
        let mut best_a = vec![0.0f64; na];
        let mut best_b = vec![0.0f64; nb];
        for c in &cands {
            best_a[c.i()] = best_a[c.i()].max(c.raw);
            best_b[c.j()] = best_b[c.j()].max(c.raw);
        }
        let mut claimed: std::collections::HashSet<(usize, usize)> = pairs
            .iter()
            .flat_map(|q| {
                q.a.iter()
                    .flat_map(move |&i| q.b.iter().map(move |&j| (i, j)))
            })
            .collect();
        let mut partners_a = vec![0usize; na];
        let mut partners_b = vec![0usize; nb];
        for q in &pairs {
            q.a.iter().for_each(|&i| partners_a[i] += q.b.len());
            q.b.iter().for_each(|&j| partners_b[j] += q.a.len());
        }
        for c in cands.iter().take_while(|c| passes(c)) {
            if near_copy_a[c.i()] || near_copy_b[c.j()] || claimed.contains(&(c.i(), c.j())) {
                continue;
            }
            let near_a = c.raw >= best_a[c.i()] - p.delta;
            let near_b = c.raw >= best_b[c.j()] - p.delta;
            // A sentence left without any partner needs only to be near its own best.
            let orphan = c.score >= threshold + p.orphan_margin
                && ((partners_a[c.i()] == 0 && near_a) || (partners_b[c.j()] == 0 && near_b));
            if !(orphan || near_a && near_b) {
                continue;
            }
            if partners_a[c.i()] >= p.max_partners || partners_b[c.j()] >= p.max_partners {
                continue;
            }
            claimed.insert((c.i(), c.j()));
            partners_a[c.i()] += 1;
            partners_b[c.j()] += 1;
            pairs.push(Pair {
                a: vec![c.i()],
                b: vec![c.j()],
                score: c.score,
            });
        }
    }
    pairs
}

struct Grower<'a> {
    scorer: &'a Scorer,
    rows: &'a Rows,
    p: &'a Params,
}

impl Grower<'_> {
    /// Score of the group `a` × `b` (consecutive runs), with the support of its neighbours.
    fn score(&self, a: &[usize], b: &[usize]) -> f64 {
        let (a0, a1) = (a[0], a[a.len() - 1]);
        let (b0, b1) = (b[0], b[b.len() - 1]);
        let raw = self.scorer.group(a0..a1 + 1, b0..b1 + 1);
        supported(raw, neighbour(self.rows, (a0, a1), (b0, b1)), self.p)
    }

    /// The best way to extend `pair` by one unpaired neighbour (before or after, on the side that
    /// may grow), if it raises the score by at least the merge gain.
    fn grow(
        &self,
        pair: &Pair,
        owner_a: &[Option<usize>],
        owner_b: &[Option<usize>],
    ) -> Option<Pair> {
        let mut best: Option<Pair> = None;
        let mut consider = |a: Vec<usize>, b: Vec<usize>| {
            let score = self.score(&a, &b);
            let bar = best
                .as_ref()
                .map_or(pair.score + self.p.merge_gain, |q| q.score);
            if score >= bar && score > pair.score {
                best = Some(Pair { a, b, score });
            }
        };
        let free = |owner: &[Option<usize>], k: usize| owner.get(k).is_some_and(|o| o.is_none());
        // A single sentence of A may take in more sentences of B, and vice versa; never both.
        if pair.a.len() == 1 && pair.b.len() < MAX_GROUP {
            let (first, last) = (pair.b[0], pair.b[pair.b.len() - 1]);
            if first > 0 && free(owner_b, first - 1) {
                consider(pair.a.clone(), (first - 1..=last).collect());
            }
            if free(owner_b, last + 1) {
                consider(pair.a.clone(), (first..=last + 1).collect());
            }
        }
        if pair.b.len() == 1 && pair.a.len() < MAX_GROUP {
            let (first, last) = (pair.a[0], pair.a[pair.a.len() - 1]);
            if first > 0 && free(owner_a, first - 1) {
                consider((first - 1..=last).collect(), pair.b.clone());
            }
            if free(owner_a, last + 1) {
                consider((first..=last + 1).collect(), pair.b.clone());
            }
        }
        best
    }
}
