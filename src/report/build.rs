//! From pipeline results to the report view model.
//!
//! [`crate::compare::Comparison`] holds what the aligner and the diff stage found, pair by pair
//! against the pivot; [`crate::report::view::Report`] holds what a reader sees: one row per group
//! of pivot sentences in reading order with a cell per outlet, pieces of text marked as deleted,
//! inserted, quoted or a lexicon hit. This module is the only place that knows both shapes, so
//! the HTML and Markdown renderers never see pipeline types and the pipeline never sees layout.

use std::borrow::Cow;

use crate::align::{reading_order, ReadingRow};
use crate::analysis::framing::{Framing, Hit};
use crate::compare::Comparison;
use crate::diff::{DiffOp, Op};
use crate::report::view::{
    self, Cell, Change, DiscrepancyValue, Elsewhere, Outlet, OutletSummary, Piece, Report, RowKind,
    RowStream, SentenceRow as Row, Summary,
};
use crate::segment::Sentence;

/// How many substitutions the summary lists.
const TOP_SUBSTITUTIONS: usize = 8;
/// How many categories the summary's keyness list shows.
const TOP_KEYNESS: usize = 6;

/// Build the report view of a comparison. `words` holds each document's word count (the same
/// count the term rates use).
pub fn build(cmp: &Comparison, words: &[usize], framing: &dyn Framing) -> Report {
    let layout = Layout::new(cmp);
    let mut report = build_without_rows(cmp, words, framing, &layout);
    report.rows.reserve_exact(layout.len());
    layout.rows(framing, &mut |row| report.rows.push(row));
    report
}

/// The row layout of a comparison's side-by-side view: the pivot sentences of each row, the
/// pairs of each outlet that land in it, and where the sentences only one outlet carries go.
///
/// The layout holds indices only; [`Layout::rows`] makes the rows (text cut into marked pieces)
/// one at a time, so a renderer can consume them without holding the whole view: the pieces of
/// a row cost several times the row's text, and a 200 MB report has millions of rows.
pub struct Layout<'a> {
    cmp: &'a Comparison,
    /// Pivot sentence groups: `joined_with_next[i]` when pivot sentences `i` and `i + 1` are in
    /// one group (every pair of every outlet lies inside one group). One byte per sentence
    /// instead of a `(first, last)` per group: see [`Layout::groups`].
    joined_with_next: Vec<bool>,
    /// `[comparison]`, by group: the pairs (indices into the alignment) starting in the group.
    pairs_in_group: Vec<Slots>,
    /// `[comparison]`, by slot: sentences only that outlet carries, placed after group
    /// `slot - 1` (slot 0: before everything).
    after_group: Vec<Slots>,
    /// `[comparison][pair]`: index of the pair's stored diff in `differences.diffs`.
    diff_of: Vec<Vec<Option<usize>>>,
    /// `[comparison][pair]`: the row the pair is shown in.
    pair_row: Vec<Vec<Option<usize>>>,
    /// `[comparison][sentence of the other report]`: its best pair, where it is shown in full
    /// (see [`crate::align::Alignment::best_pairs`]); `u32::MAX` when unpaired.
    best_b: Vec<Vec<u32>>,
    len: usize,
}

/// [`Layout`] and a [`Framing`] as the [`RowStream`] of the terminal table
/// ([`crate::report::side_by_side`]) and of the HTML and Markdown renderers, which read the
/// rows as they are made.
pub struct StreamedRows<'a> {
    pub layout: Layout<'a>,
    pub framing: &'a dyn Framing,
}

impl RowStream for StreamedRows<'_> {
    fn count(&self) -> usize {
        self.layout.len()
    }
    fn shapes(&self, f: &mut dyn FnMut(&Row)) {
        self.layout.shapes(&mut |row| f(&row));
    }
    fn each(&self, f: &mut dyn FnMut(&Row)) {
        self.layout.rows(self.framing, &mut |row| f(&row));
    }
}

impl<'a> Layout<'a> {
    pub fn new(cmp: &'a Comparison) -> Layout<'a> {
        let np = cmp.sentences[cmp.pivot].len();
        let mut joined_with_next = vec![false; np];
        for p in &cmp.pairs {
            for pair in &p.alignment.pairs {
                for w in pair.a.windows(2) {
                    if w[0] < np {
                        joined_with_next[w[0]] = true;
                    }
                }
            }
        }
        // (first, last) of every group, while the layout is made
        let groups: Vec<(usize, usize)> = groups(&joined_with_next).collect();
        let group_of = |i: usize| groups.partition_point(|g| g.1 < i);
        let n_groups = groups.len();

        let mut pairs_in_group = Vec::with_capacity(cmp.pairs.len());
        let mut after_group = Vec::with_capacity(cmp.pairs.len());
        let mut diff_of = Vec::with_capacity(cmp.pairs.len());
        for p in &cmp.pairs {
            let al = &p.alignment;
            let by_group: Vec<(usize, usize)> = al
                .pairs
                .iter()
                .enumerate()
                .filter_map(|(k, pair)| Some((group_of(*pair.a.first()?), k)))
                .collect();
            // Sentences only this report carries go after the group of the pair they follow in
            // `reading_order` (the one rule for their placement); slot 0 is before everything.
            let mut after = Vec::new();
            let mut slot = 0;
            for row in reading_order(al, np, cmp.sentences[p.other].len()) {
                match row {
                    ReadingRow::Pair(k) => {
                        if let Some(&first) = al.pairs.get(k).and_then(|pr| pr.a.first()) {
                            slot = group_of(first) + 1;
                        }
                    }
                    ReadingRow::OnlyB(j) => after.push((slot, j)),
                    ReadingRow::OnlyA(_) => {}
                }
            }
            // the first stored diff of each pair (looking it up per pair was quadratic)
            let mut diffs = vec![None; al.pairs.len()];
            for (x, d) in p.differences.diffs.iter().enumerate() {
                if let Some(slot @ None) = diffs.get_mut(d.pair) {
                    *slot = Some(x);
                }
            }
            pairs_in_group.push(Slots::new(n_groups, &by_group));
            after_group.push(Slots::new(n_groups + 1, &after));
            diff_of.push(diffs);
        }

        // Row numbers, counted the way `emit` makes the rows.
        let only_rows =
            |slot: usize| -> usize { after_group.iter().map(|a| a.get(slot).len()).sum() };
        let mut pair_row: Vec<Vec<Option<usize>>> = cmp
            .pairs
            .iter()
            .map(|p| vec![None; p.alignment.pairs.len()])
            .collect();
        let mut row = only_rows(0);
        for g in 0..n_groups {
            for (c, in_group) in pairs_in_group.iter().enumerate() {
                for &k in in_group.get(g) {
                    pair_row[c][k] = Some(row);
                }
            }
            row += 1 + only_rows(g + 1);
        }
        let best_b = cmp
            .pairs
            .iter()
            .map(|p| {
                let (_, best) = p.alignment.best_pairs(0, cmp.sentences[p.other].len());
                best.into_iter()
                    .map(|k| k.and_then(|k| u32::try_from(k).ok()).unwrap_or(u32::MAX))
                    .collect()
            })
            .collect();
        Layout {
            cmp,
            joined_with_next,
            best_b,
            pairs_in_group,
            after_group,
            diff_of,
            pair_row,
            len: row,
        }
    }

    /// The pivot sentence groups, `(first, last)` inclusive, in order.
    fn groups(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        groups(&self.joined_with_next)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Make every row in reading order and hand it to `f`.
    pub fn rows(&self, framing: &dyn Framing, f: &mut dyn FnMut(Row)) {
        self.emit(Some(framing), f);
    }

    /// The rows without their text: kinds, sentence numbers and scores as [`Layout::rows`]
    /// makes them, every `pieces` empty. Cheap; for sizing columns before the rows are made.
    pub fn shapes(&self, f: &mut dyn FnMut(Row)) {
        self.emit(None, f);
    }

    /// The rows, with pieces when `framing` is given.
    fn emit(&self, framing: Option<&dyn Framing>, f: &mut dyn FnMut(Row)) {
        let cmp = self.cmp;
        let n = cmp.documents.len();
        let pv = cmp.pivot;
        self.only_rows(0, framing, f);
        for (g, (first, last)) in self.groups().enumerate() {
            let ids: Vec<usize> = (first..=last).collect();
            let mut cells: Vec<Option<Cell>> = vec![None; n];
            let mut any_partner = false;
            for (c, p) in cmp.pairs.iter().enumerate() {
                let ks = self.pairs_in_group[c].get(g);
                if ks.is_empty() {
                    continue;
                }
                any_partner = true;
                let mut pieces = Vec::new();
                let mut b_ids = Vec::new();
                let mut also: Vec<Elsewhere> = Vec::new();
                let mut score_sum = 0.0;
                let mut used = 0;
                for &k in ks {
                    let pair = &p.alignment.pairs[k];
                    // A sentence in two pairs of this group (a further partner) is shown once.
                    if pair.b.iter().all(|j| b_ids.contains(j)) {
                        continue;
                    }
                    // ... and a pair whose sentences are all shown in full in other rows (their
                    // best pairs) is a pointer to those rows.
                    let row_here = self.pair_row[c].get(k).copied().flatten();
                    let elsewhere: Vec<Elsewhere> = pair
                        .b
                        .iter()
                        .filter_map(|&j| self.shown_in(c, j))
                        .filter(|e| Some(e.row) != row_here)
                        .collect();
                    if elsewhere.len() == pair.b.len() {
                        also.extend(elsewhere);
                        score_sum += pair.score;
                        used += 1;
                        continue;
                    }
                    if let Some(framing) = framing {
                        let a_side = Side::new(cmp, pv, &pair.a);
                        let b_side = Side::new(cmp, p.other, &pair.b);
                        if !pieces.is_empty() {
                            pieces.push(Piece::same(" "));
                        }
                        pieces.extend(diff_pieces(
                            &self.diff_ops(c, k),
                            &a_side,
                            &b_side,
                            framing,
                            Target::Other,
                        ));
                    }
                    b_ids.extend(pair.b.iter().copied());
                    score_sum += pair.score;
                    used += 1;
                }
                also.sort_by_key(|e| (e.row, e.sentence));
                also.dedup();
                cells[p.other] = Some(Cell {
                    sentence_ids: b_ids,
                    score: Some(score_sum / used as f64),
                    pieces,
                    also,
                });
            }
            // The pivot cell: with one partner, mark the words the partner dropped (unless a
            // pivot sentence has two partners in the group, which would show it twice).
            let pivot_pieces = match framing {
                None => Vec::new(),
                Some(framing)
                    if cmp.pairs.len() == 1
                        && !self.pairs_in_group[0].get(g).is_empty()
                        && !self.shares_pivot_sentences(g) =>
                {
                    let mut pieces = Vec::new();
                    let other = cmp.pairs[0].other;
                    for (x, &k) in self.pairs_in_group[0].get(g).iter().enumerate() {
                        let pair = &cmp.pairs[0].alignment.pairs[k];
                        let a_side = Side::new(cmp, pv, &pair.a);
                        let b_side = Side::new(cmp, other, &pair.b);
                        if x > 0 {
                            pieces.push(Piece::same(" "));
                        }
                        pieces.extend(diff_pieces(
                            &self.diff_ops(0, k),
                            &a_side,
                            &b_side,
                            framing,
                            Target::Pivot,
                        ));
                    }
                    pieces
                }
                Some(framing) => plain_pieces(&Side::new(cmp, pv, &ids), framing),
            };
            cells[pv] = Some(Cell {
                sentence_ids: ids,
                score: None,
                pieces: pivot_pieces,
                also: Vec::new(),
            });
            f(Row {
                kind: if any_partner {
                    RowKind::Aligned
                } else {
                    RowKind::OnlyIn(pv)
                },
                cells,
            });
            self.only_rows(g + 1, framing, f);
        }
    }

    /// Where sentence `j` of comparison `c`'s other report is shown in full: the row of its best
    /// pair and that row's pivot sentences.
    fn shown_in(&self, c: usize, j: usize) -> Option<Elsewhere> {
        let k = *self.best_b.get(c)?.get(j)?;
        let k = usize::try_from(k).ok()?;
        let row = self.pair_row.get(c)?.get(k).copied().flatten()?;
        let first = *self.cmp.pairs[c].alignment.pairs.get(k)?.a.first()?;
        // the pivot group holding `first`
        let mut lo = first;
        while lo > 0 && self.joined_with_next.get(lo - 1) == Some(&true) {
            lo -= 1;
        }
        let mut hi = first;
        while self.joined_with_next.get(hi) == Some(&true) {
            hi += 1;
        }
        Some(Elsewhere {
            sentence: j,
            row,
            pivot: (lo..=hi).collect(),
        })
    }

    /// Whether two pairs of group `g` (of the only comparison) hold the same pivot sentence.
    fn shares_pivot_sentences(&self, g: usize) -> bool {
        let mut seen: Vec<usize> = Vec::new();
        for &k in self.pairs_in_group[0].get(g) {
            for &i in &self.cmp.pairs[0].alignment.pairs[k].a {
                if seen.contains(&i) {
                    return true;
                }
                seen.push(i);
            }
        }
        false
    }

    /// The rows of the sentences only one outlet carries, placed in `slot`.
    fn only_rows(&self, slot: usize, framing: Option<&dyn Framing>, f: &mut dyn FnMut(Row)) {
        let cmp = self.cmp;
        for (c, p) in cmp.pairs.iter().enumerate() {
            for &j in self.after_group[c].get(slot) {
                let mut cells = vec![None; cmp.documents.len()];
                let pieces = match framing {
                    Some(framing) => plain_pieces(&Side::new(cmp, p.other, &[j]), framing),
                    None => Vec::new(),
                };
                cells[p.other] = Some(Cell {
                    sentence_ids: vec![j],
                    score: None,
                    pieces,
                    also: Vec::new(),
                });
                f(Row {
                    kind: RowKind::OnlyIn(p.other),
                    cells,
                });
            }
        }
    }

    /// The stored diff of pair `k` of comparison `c` (computed again if absent).
    fn diff_ops(&self, c: usize, k: usize) -> Cow<'a, [DiffOp]> {
        let cmp = self.cmp;
        let p = &cmp.pairs[c];
        let stored = self.diff_of[c]
            .get(k)
            .copied()
            .flatten()
            .and_then(|x| p.differences.diffs.get(x));
        match stored {
            Some(d) => Cow::Borrowed(&d.ops),
            None => {
                let pair = &p.alignment.pairs[k];
                Cow::Owned(crate::diff::diff_texts(
                    &crate::diff::joined(&cmp.sentences[cmp.pivot], &pair.a),
                    &crate::diff::joined(&cmp.sentences[p.other], &pair.b),
                ))
            }
        }
    }
}

/// Runs of pivot sentences joined to the next one: `(first, last)` inclusive.
fn groups(joined_with_next: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let n = joined_with_next.len();
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= n {
            return None;
        }
        let mut j = i;
        while j + 1 < n && joined_with_next[j] {
            j += 1;
        }
        let g = (i, j);
        i = j + 1;
        Some(g)
    })
}

/// Lists of indices for consecutive slots, stored flat: one offset per slot however many lists
/// are empty (a long report's rows mostly hold no pair, or no only-in sentence, and a `Vec` per
/// slot costs three words even empty).
struct Slots {
    /// `items[starts[s]..starts[s + 1]]` is slot `s`.
    starts: Vec<usize>,
    items: Vec<usize>,
}

impl Slots {
    /// `entries` are `(slot, item)`; items keep their order within a slot, and entries of a slot
    /// out of range are left out.
    fn new(slots: usize, entries: &[(usize, usize)]) -> Slots {
        let mut starts = vec![0usize; slots + 1];
        for &(s, _) in entries {
            if s < slots {
                starts[s + 1] += 1;
            }
        }
        for s in 0..slots {
            starts[s + 1] += starts[s];
        }
        let mut next = starts.clone();
        let mut items = vec![0; starts[slots]];
        for &(s, item) in entries {
            if s < slots {
                items[next[s]] = item;
                next[s] += 1;
            }
        }
        Slots { starts, items }
    }

    /// The items of `slot` (none when out of range).
    fn get(&self, slot: usize) -> &[usize] {
        match (self.starts.get(slot), self.starts.get(slot + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Everything of the report view but its rows (`rows` is empty): for renderers that read the
/// rows from `layout` as they are made.
pub fn build_without_rows(
    cmp: &Comparison,
    words: &[usize],
    framing: &dyn Framing,
    layout: &Layout<'_>,
) -> Report {
    let n = cmp.documents.len();
    let pv = cmp.pivot;
    let np = cmp.sentences[pv].len();
    let pair_row = &layout.pair_row;

    // Outlets and the sentence summary.
    let mut paired_pivot = vec![false; np];
    for p in &cmp.pairs {
        for pair in &p.alignment.pairs {
            for &i in &pair.a {
                if let Some(x) = paired_pivot.get_mut(i) {
                    *x = true;
                }
            }
        }
    }
    let shared_pivot = paired_pivot.iter().filter(|x| **x).count();
    let mut outlets = Vec::with_capacity(n);
    let mut per_outlet = Vec::with_capacity(n);
    for (d, doc) in cmp.documents.iter().enumerate() {
        let ns = cmp.sentences[d].len();
        let (coverage, summary) = if d == pv {
            (
                ratio(shared_pivot, np),
                OutletSummary {
                    shared: shared_pivot,
                    added: np - shared_pivot,
                    omitted: 0,
                },
            )
        } else {
            let p = cmp
                .pairs
                .iter()
                .find(|p| p.other == d)
                .expect("every non-pivot has a pair");
            let al = &p.alignment;
            (
                Some(al.coverage.b),
                OutletSummary {
                    shared: ns - al.only_b.len(),
                    added: al.only_b.len(),
                    omitted: al.only_a.len(),
                },
            )
        };
        outlets.push(Outlet {
            label: doc.label.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
            path: doc.path.clone(),
            words: words.get(d).copied().unwrap_or(0),
            sentences: ns,
            coverage,
            set_aside: doc.set_aside(),
        });
        per_outlet.push(summary);
    }

    // Substitutions, discrepancies and variants, from every outlet against the pivot.
    let categories = framing.categories();
    let category_of = |text: &str| {
        let hits = framing.hits(text);
        hits.first().map(|h| h.category)
    };
    let mut substitutions = Vec::new();
    let mut discrepancies = Vec::new();
    let mut variants: Vec<view::Variant> = Vec::new();
    for (c, p) in cmp.pairs.iter().enumerate() {
        for s in &p.differences.substitutions {
            substitutions.push(view::Substitution {
                from: s.a.clone(),
                to: s.b.clone(),
                count: s.count,
                outlet: p.other,
                from_category: category_of(&s.a),
                to_category: category_of(&s.b),
            });
        }
        for d in &p.differences.discrepancies {
            discrepancies.push(view::Discrepancy {
                kind: d.kind.as_str().to_string(),
                values: vec![
                    DiscrepancyValue {
                        outlet: pv,
                        value: d.a.clone(),
                    },
                    DiscrepancyValue {
                        outlet: p.other,
                        value: d.b.clone(),
                    },
                ],
                row: pair_row[c].get(d.pair).copied().flatten(),
            });
        }
        for v in &p.differences.variants {
            match variants.iter_mut().find(|x| x.a == v.a && x.b == v.b) {
                Some(x) => {
                    x.count += v.count;
                    if !x.b_outlets.contains(&p.other) {
                        x.b_outlets.push(p.other);
                    }
                }
                None => variants.push(view::Variant {
                    a: v.a.clone(),
                    b: v.b.clone(),
                    count: v.count,
                    a_outlets: vec![pv],
                    b_outlets: vec![p.other],
                }),
            }
        }
    }
    let mut top_substitutions = substitutions.clone();
    // framing-relevant swaps first, then the most frequent
    top_substitutions.sort_by(|x, y| {
        let fx = x.from_category.is_some() || x.to_category.is_some();
        let fy = y.from_category.is_some() || y.to_category.is_some();
        fy.cmp(&fx).then(y.count.cmp(&x.count))
    });
    top_substitutions.truncate(TOP_SUBSTITUTIONS);
    let mut top_keyness = framing.top_keyness();
    top_keyness.truncate(TOP_KEYNESS);

    let pivot_doc = &cmp.documents[pv];
    let mut warnings = cmp.warnings();
    for doc in &cmp.documents {
        warnings.extend(doc.warnings.iter().map(|w| format!("{}: {w}", doc.label)));
    }
    Report {
        title: format!(
            "{} — {} reports",
            pivot_doc.title.as_deref().unwrap_or(&pivot_doc.label),
            n
        ),
        generated_by: format!("framediff {}", env!("CARGO_PKG_VERSION")),
        outlets,
        pivot: pv,
        summary: Summary {
            per_outlet,
            top_substitutions,
            top_keyness,
        },
        rows: Vec::new(),
        substitutions,
        discrepancies,
        variants,
        categories,
        terms: framing.term_table(),
        warnings,
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Map a sentence's quoted spans (document offsets) into its whitespace-collapsed `text`.
fn quoted_in_sentence_text(s: &Sentence, doc_text: &str) -> Vec<(usize, usize)> {
    if s.quoted.is_empty() {
        return Vec::new();
    }
    let Some(orig) = doc_text.get(s.start..s.end) else {
        return Vec::new();
    };
    // (original offset, text offset, length) of each word; the text joins words with one space
    let mut words = Vec::new();
    let mut t = 0;
    let mut pos = 0;
    for w in orig.split_whitespace() {
        let o = pos + orig[pos..].find(w).unwrap_or(0);
        words.push((s.start + o, t, w.len()));
        t += w.len() + 1;
        pos = o + w.len();
    }
    let map = |x: usize| -> usize {
        let k = words.partition_point(|w| w.0 <= x);
        if k == 0 {
            return 0;
        }
        let (o, tt, len) = words[k - 1];
        tt + (x - o).min(len)
    };
    s.quoted
        .iter()
        .map(|q| (map(q[0]), map(q[1])))
        .filter(|(a, b)| a < b)
        .collect()
}

/// One side of a cell's text: the joined sentence texts, with hits and quoted ranges in the
/// joined coordinates.
struct Side {
    text: String,
    quoted: Vec<(usize, usize)>,
}

impl Side {
    /// The sentences `ids` of document `d`, joined by spaces, with their quoted speech.
    fn new(cmp: &Comparison, d: usize, ids: &[usize]) -> Side {
        let doc_text = &cmp.documents[d].text;
        let mut text = String::new();
        let mut quoted = Vec::new();
        for &i in ids {
            let Some(s) = cmp.sentences[d].get(i) else {
                continue;
            };
            if !text.is_empty() {
                text.push(' ');
            }
            let base = text.len();
            quoted.extend(
                quoted_in_sentence_text(s, doc_text)
                    .into_iter()
                    .map(|(a, b)| (base + a, base + b)),
            );
            text.push_str(&s.text);
        }
        Side { text, quoted }
    }
}

/// Which cell a diff is rendered into.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The pivot's cell: equal and deleted text (the partner's insertions are not shown).
    Pivot,
    /// The other outlet's cell: its own text plus the pivot's words it dropped.
    Other,
}

/// The pieces of an unchanged text with hits and quotes marked.
fn plain_pieces(side: &Side, framing: &dyn Framing) -> Vec<Piece> {
    let hits = framing.hits(&side.text);
    split_marked(&side.text, 0, Change::Same, &hits, &side.quoted)
}

/// The pieces of a diff for one cell.
fn diff_pieces(
    ops: &[DiffOp],
    a: &Side,
    b: &Side,
    framing: &dyn Framing,
    target: Target,
) -> Vec<Piece> {
    let hits_a = framing.hits(&a.text);
    let hits_b = framing.hits(&b.text);
    let (mut pa, mut pb) = (0usize, 0usize);
    let mut out = Vec::new();
    for op in ops {
        let len = op.text.len();
        match (op.op, target) {
            (Op::Equal, Target::Pivot) => {
                out.extend(split_marked(&op.text, pa, Change::Same, &hits_a, &a.quoted))
            }
            (Op::Equal, Target::Other) => {
                out.extend(split_marked(&op.text, pb, Change::Same, &hits_b, &b.quoted))
            }
            (Op::Delete, _) => out.extend(split_marked(
                &op.text,
                pa,
                Change::Deleted,
                &hits_a,
                &a.quoted,
            )),
            (Op::Insert, Target::Other) => out.extend(split_marked(
                &op.text,
                pb,
                Change::Inserted,
                &hits_b,
                &b.quoted,
            )),
            (Op::Insert, Target::Pivot) => {}
        }
        match op.op {
            Op::Equal => {
                pa += len;
                pb += len;
            }
            Op::Delete => pa += len,
            Op::Insert => pb += len,
        }
    }
    merge_adjacent(out)
}

/// Cut `text` (which starts at `base` in the side's coordinates) at hit and quote boundaries.
fn split_marked(
    text: &str,
    base: usize,
    change: Change,
    hits: &[Hit],
    quoted: &[(usize, usize)],
) -> Vec<Piece> {
    let end = base + text.len();
    let mut cuts = vec![base, end];
    for h in hits {
        cuts.extend([h.start, h.end]);
    }
    for &(a, b) in quoted {
        cuts.extend([a, b]);
    }
    cuts.retain(|&c| c >= base && c <= end && text.is_char_boundary(c - base));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s == e {
            continue;
        }
        let category = hits
            .iter()
            .find(|h| h.start <= s && e <= h.end)
            .map(|h| h.category);
        let quoted = quoted.iter().any(|&(a, b)| a <= s && e <= b);
        out.push(Piece {
            text: text[s - base..e - base].to_string(),
            change,
            category,
            quoted,
        });
    }
    out
}

/// Join neighbouring pieces that look the same, so renderers emit fewer elements.
fn merge_adjacent(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match out.last_mut() {
            Some(last)
                if last.change == p.change
                    && last.category == p.category
                    && last.quoted == p.quoted =>
            {
                last.text.push_str(&p.text)
            }
            _ => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignOptions;
    use crate::analysis::framing::{CategoryInfo, KeynessItem, TermTable};
    use crate::ingest::{from_bytes, IngestOptions};

    fn doc(text: &str, label: &str) -> crate::ingest::Document {
        let opts = IngestOptions {
            label: Some(label.into()),
            ..IngestOptions::default()
        };
        from_bytes(text.as_bytes(), label, &opts).unwrap()
    }

    struct Words(&'static str, usize);
    impl Framing for Words {
        fn categories(&self) -> Vec<CategoryInfo> {
            vec![CategoryInfo {
                id: "x".into(),
                label: "x".into(),
                ..CategoryInfo::default()
            }]
        }
        fn term_table(&self) -> TermTable {
            TermTable::default()
        }
        fn top_keyness(&self) -> Vec<KeynessItem> {
            Vec::new()
        }
        fn hits(&self, text: &str) -> Vec<Hit> {
            text.match_indices(self.0)
                .map(|(i, m)| Hit {
                    start: i,
                    end: i + m.len(),
                    category: self.1,
                })
                .collect()
        }
    }

    #[test]
    fn rows_cells_and_pieces_reconstruct_the_texts() {
        let a = doc(
            "The minister met his counterpart in Tehran on Wednesday to discuss trade.\n\nThe talks were described as \"very positive\" by both sides.\n\nOnly the first outlet reports this detail about the weather in the capital.\n",
            "a",
        );
        let b = doc(
            "The minister met his counterpart in Tehran on Thursday to discuss trade.\n\nAn unrelated sentence about football scores appears here for readers.\n\nThe talks were described as \"very positive\" by both sides.\n",
            "b",
        );
        let cmp = Comparison::new(vec![a, b], 0, &AlignOptions::default()).unwrap();
        let r = build(&cmp, &[10, 10], &Words("minister", 0));
        assert!(r.problems().is_empty(), "{:?}", r.problems());
        assert_every_sentence_once(&r, &cmp);
        let first = &r.rows[0];
        assert_eq!(first.kind, RowKind::Aligned);
        let b_cell = first.cells[1].as_ref().unwrap();
        let b_text: String = b_cell
            .pieces
            .iter()
            .filter(|p| p.change != Change::Deleted)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(b_text, cmp.sentences[1][0].text);
        assert!(b_cell
            .pieces
            .iter()
            .any(|p| p.change == Change::Deleted && p.text.contains("Wednesday")));
        assert!(b_cell
            .pieces
            .iter()
            .any(|p| p.change == Change::Inserted && p.text.contains("Thursday")));
        assert!(b_cell
            .pieces
            .iter()
            .any(|p| p.category == Some(0) && p.text == "minister"));
        // quoted speech is marked
        let quoted: Vec<&str> = r
            .rows
            .iter()
            .filter_map(|row| row.cells[0].as_ref())
            .flat_map(|c| c.pieces.iter())
            .filter(|p| p.quoted)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(quoted, ["very positive"]);
        assert!(r.rows.iter().any(|row| row.kind == RowKind::OnlyIn(1)));
        assert!(r.rows.iter().any(|row| row.kind == RowKind::OnlyIn(0)));
        assert_eq!(r.discrepancies.len(), 1);
        assert_eq!(r.discrepancies[0].row, Some(0));
        assert_eq!(r.summary.per_outlet[1].added, 1);
        assert_eq!(r.summary.per_outlet[1].omitted, 1);
    }

    /// Every sentence of every outlet appears in exactly one row's cell.
    fn assert_every_sentence_once(r: &Report, cmp: &Comparison) {
        for (d, sentences) in cmp.sentences.iter().enumerate() {
            let mut seen: Vec<usize> = r
                .rows
                .iter()
                .filter_map(|row| row.cells[d].as_ref())
                .flat_map(|c| c.sentence_ids.clone())
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..sentences.len()).collect::<Vec<_>>());
        }
    }

    /// A sentence of the other report linked to two pivot sentences (a further partner) is
    /// shown in full once, in its best pair's row; the other row points to it.
    #[test]
    fn a_further_partner_is_shown_once_and_pointed_to() {
        let a = doc(
            "The finance minister announced a new budget for schools on Monday.\n\nOpposition lawmakers criticised the plan as too little, too late.\n\nThe parliament will vote on the proposal next month.\n\nTeachers' unions welcomed the extra funding for rural districts.\n",
            "a",
        );
        let b = doc(
            "The finance minister announced a new budget for schools on Monday.\n\nOpposition lawmakers criticised the plan as too little, and teachers' unions welcomed the extra funding.\n\nThe parliament will vote on the proposal next month.\n",
            "b",
        );
        let cmp = Comparison::new(vec![a, b], 0, &AlignOptions::default()).unwrap();
        assert_eq!(
            cmp.pairs[0].alignment.links(),
            vec![(0, 0), (1, 1), (2, 2), (3, 1)],
            "{:?}",
            cmp.pairs[0].alignment.pairs
        );
        let r = build(&cmp, &[10, 10], &Words("minister", 0));
        assert!(r.problems().is_empty(), "{:?}", r.problems());
        assert_every_sentence_once(&r, &cmp);
        let pointers: Vec<(usize, &Cell)> = r
            .rows
            .iter()
            .enumerate()
            .filter_map(|(k, row)| Some((k, row.cells[1].as_ref()?)))
            .filter(|(_, c)| !c.also.is_empty())
            .collect();
        assert_eq!(pointers.len(), 1, "{:?}", r.rows);
        let (k, cell) = pointers[0];
        assert!(cell.pieces.is_empty() && cell.sentence_ids.is_empty());
        assert_eq!(cell.also.len(), 1);
        let e = &cell.also[0];
        assert_eq!(e.sentence, 1);
        assert_ne!(e.row, k);
        let home = r.rows[e.row].cells[1].as_ref().unwrap();
        assert_eq!(home.sentence_ids, vec![1]);
        assert_eq!(
            r.rows[e.row].cells[0].as_ref().unwrap().sentence_ids,
            e.pivot
        );
    }

    /// `Layout::shapes` (what the terminal table sizes its columns by) are the rows of
    /// `build` without their text, and `len` counts them.
    #[test]
    fn layout_shapes_are_the_rows_without_text() {
        let a = doc(
            "The minister met his counterpart in Tehran on Wednesday.\n\nA sentence only the first outlet has about the weather today.\n\nThe talks were described as \"very positive\" by both sides.\n",
            "a",
        );
        let b = doc(
            "A preface only the second outlet carries about football.\n\nThe minister met his counterpart in Tehran on Thursday.\n\nThe talks were described as \"very positive\" by both sides.\n\nA closing line only the second outlet carries.\n",
            "b",
        );
        let c = doc(
            "The minister met his counterpart in Tehran on Wednesday.\n\nSomething else entirely about markets and prices.\n",
            "c",
        );
        let cmp = Comparison::new(vec![a, b, c], 0, &AlignOptions::default()).unwrap();
        let r = build(&cmp, &[10, 10, 10], &Words("minister", 0));
        let layout = Layout::new(&cmp);
        assert_eq!(layout.len(), r.rows.len());
        let mut shapes = Vec::new();
        layout.shapes(&mut |row| shapes.push(row));
        let stripped: Vec<Row> = r
            .rows
            .iter()
            .cloned()
            .map(|mut row| {
                row.cells
                    .iter_mut()
                    .flatten()
                    .for_each(|c| c.pieces.clear());
                row
            })
            .collect();
        assert_eq!(shapes, stripped);
        assert!(r.rows.iter().any(|row| row.kind == RowKind::OnlyIn(1)));
    }

    #[test]
    fn slots_keep_item_order_within_a_slot() {
        let s = Slots::new(4, &[(2, 7), (0, 1), (2, 3), (9, 9), (0, 5)]);
        assert_eq!(s.get(0), [1, 5]);
        assert!(s.get(1).is_empty());
        assert_eq!(s.get(2), [7, 3]);
        assert!(s.get(3).is_empty());
        assert!(s.get(4).is_empty());
        let g: Vec<_> = groups(&[false, true, true, false, false]).collect();
        assert_eq!(g, [(0, 0), (1, 3), (4, 4)]);
    }

    #[test]
    fn quoted_spans_map_into_collapsed_text() {
        let text = "He said  \"a\n b\" today.";
        let s = Sentence {
            text: crate::text::collapse_whitespace(text),
            start: 0,
            end: text.len(),
            paragraph: 0,
            quoted: vec![[10, 14]],
        };
        let q = quoted_in_sentence_text(&s, text);
        assert_eq!(&s.text[q[0].0..q[0].1], "a b");
    }
}
