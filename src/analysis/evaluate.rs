//! `framediff lexicon evaluate`: how well a lexicon finds spans that people annotated (gold,
//! read by [`super::gold`]). Every figure is defined in `docs/lexicon-evaluate.md`; in short:
//!
//! * **by hit**: a hit is *right* when it overlaps a gold span (shares at least one byte with
//!   it); precision = right hits / hits. A span is *found* when some hit overlaps it; recall =
//!   found spans / spans. F1 is their harmonic mean.
//! * **by token**: the word tokens ([`unicode_segmentation`] words, the tokens framediff counts)
//!   that overlap a hit, against those that overlap a gold span: precision, recall, F1 over the
//!   tokens, each token counted once however many hits or spans cover it.
//! * **per category and per term**: hits, right hits, precision; a term whose hits are never
//!   right fires only where the annotators saw nothing: a candidate to drop or to give an
//!   exception.
//! * **correlation**: per document, hits per 1,000 words against gold spans per 1,000 words
//!   (words as `framediff terms` counts them), Pearson and Spearman (average ranks for ties).
//!
//! Documents are read as annotated: no page chrome is set aside (gold spans anywhere in the
//! text must be findable), so every rate has the whole text's words as its denominator.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::gold::GoldDoc;
use super::round;
use crate::ingest::{self, IngestOptions};
use crate::lexicon::count::{self, count_sentences};
use crate::lexicon::{Hit, Matcher, Role};
use crate::segment::segment;
use crate::Result;

/// Version tag of the evaluation JSON.
pub const SCHEMA: &str = "framediff.evaluate/1";

/// What to evaluate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Count reference hits too (by default only loaded ones: reference terms do not claim to
    /// find loaded wording).
    pub all_roles: bool,
    /// Keep only gold spans with one of these labels (empty: every span).
    pub labels: Vec<String>,
}

/// Precision, recall and F1 of one way of counting (absent where a denominator is zero).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Share of what was found that is right.
    pub precision: Option<f64>,
    /// Share of the gold that was found.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

impl Prf {
    fn new(right: usize, found: usize, gold_found: usize, gold: usize) -> Prf {
        let p = ratio(right, found);
        let r = ratio(gold_found, gold);
        let f1 = match (p, r) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Prf {
            precision: p.map(|x| round(x, 4)),
            recall: r.map(|x| round(x, 4)),
            f1: f1.map(|x| round(x, 4)),
        }
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Hit counts of a category or a term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Lexicon name.
    pub lexicon: String,
    /// Category id.
    pub category: String,
    /// `loaded` or `reference`.
    pub role: Role,
    /// The term (absent on category rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Hits.
    pub hits: usize,
    /// Hits that overlap a gold span.
    pub right: usize,
    /// right / hits.
    pub precision: Option<f64>,
    /// Gold spans overlapped by the row's hits.
    pub spans_found: usize,
    /// Documents with a hit.
    pub documents: usize,
}

/// The per-document rates the correlation is computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRow {
    /// The gold document's id.
    pub id: String,
    /// Words, as `framediff terms` counts them.
    pub words: usize,
    /// Hits counted.
    pub hits: usize,
    /// Gold spans (after the label filter).
    pub spans: usize,
    /// Hits per 1,000 words.
    pub hit_rate: f64,
    /// Gold spans per 1,000 words.
    pub gold_rate: f64,
}

/// Correlation of the per-document rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Correlation {
    /// Pearson's r (absent with fewer than two documents or a constant rate).
    pub pearson: Option<f64>,
    /// Spearman's ρ: Pearson's r of the ranks, ties given their average rank.
    pub spearman: Option<f64>,
}

/// A lexicon as listed in the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexInfo {
    /// The lexicon's `name`.
    pub name: String,
    /// Its `version`.
    pub version: String,
}

/// Everything `lexicon evaluate` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The lexicons evaluated.
    pub lexicons: Vec<LexInfo>,
    /// `loaded` or `all`: which hits were counted.
    pub roles: &'static str,
    /// The gold labels kept (empty: all).
    pub labels: Vec<String>,
    /// Documents in the gold file.
    pub documents: usize,
    /// Words in all documents.
    pub words: usize,
    /// Hits counted.
    pub hits: usize,
    /// Hits overlapping a gold span.
    pub hits_right: usize,
    /// Gold spans (after the label filter).
    pub spans: usize,
    /// Gold spans overlapped by a hit.
    pub spans_found: usize,
    /// Word tokens overlapping a hit.
    pub hit_tokens: usize,
    /// Word tokens overlapping a gold span.
    pub gold_tokens: usize,
    /// Word tokens overlapping both.
    pub tokens_both: usize,
    /// Precision, recall, F1 by hit.
    pub by_hit: Prf,
    /// Precision, recall, F1 by token.
    pub by_token: Prf,
    /// Correlation of per-document hit rates with gold rates.
    pub correlation: Correlation,
    /// One row per category with a hit (subtotals count their subcategories' hits too), in
    /// lexicon order.
    pub categories: Vec<Row>,
    /// One row per term with a hit, most hits never right first (then by hits, descending;
    /// then lexicon order): the terms to look at first.
    pub terms: Vec<Row>,
    /// One row per document, in gold file order.
    pub per_document: Vec<DocRow>,
}

/// Evaluate the matcher's lexicons against `gold`.
pub fn evaluate(m: &Matcher, gold: &[GoldDoc], opts: &Options) -> Result<Evaluation> {
    let cats = count::categories(m);
    let mut cat_index = std::collections::BTreeMap::new();
    for (i, c) in cats.iter().enumerate() {
        cat_index.insert((c.lexicon, c.category), i);
    }
    let n_entries = m.entries().len();
    // per entry / per category: hits, right, spans found (as a set per doc), documents
    let mut term_acc = vec![Acc::default(); n_entries];
    let mut cat_acc = vec![Acc::default(); cats.len()];
    let mut ev = Totals::default();
    let mut per_document = Vec::with_capacity(gold.len());
    let ingest_opts = IngestOptions {
        keep_boilerplate: true,
        ..IngestOptions::default()
    };
    for g in gold {
        let doc = ingest::from_bytes(g.text.as_bytes(), &g.id, &ingest_opts)?;
        if doc.text != g.text {
            return Err(crate::Error::input(
                &g.id,
                "the text changes when read (a byte-order mark?), so its offsets would not fit",
            ));
        }
        let sentences = segment(&doc);
        let counts = count_sentences(m, &doc.text, &sentences);
        let hits: Vec<&Hit> = counts
            .hits
            .iter()
            .filter(|h| opts.all_roles || m.category(h.entry).role == Role::Loaded)
            .collect();
        let spans: Vec<(usize, usize)> = g
            .spans
            .iter()
            .filter(|s| {
                opts.labels.is_empty() || s.label.as_ref().is_some_and(|l| opts.labels.contains(l))
            })
            .map(|s| (s.start, s.end))
            .collect();
        let overlaps = |h: &Hit| -> Vec<usize> {
            (0..spans.len())
                .filter(|&k| spans[k].0 < h.end && h.start < spans[k].1)
                .collect()
        };
        let mut found = vec![false; spans.len()];
        for h in &hits {
            let on = overlaps(h);
            let right = !on.is_empty();
            for &k in &on {
                found[k] = true;
            }
            ev.hits += 1;
            ev.right += usize::from(right);
            term_acc[h.entry].add(right, &on);
            let mut at = cat_index.get(&(h.lexicon, h.category)).copied();
            while let Some(c) = at {
                cat_acc[c].add(right, &on);
                at = cats[c].parent;
            }
        }
        for a in term_acc.iter_mut().chain(cat_acc.iter_mut()) {
            a.end_document();
        }
        ev.spans += spans.len();
        ev.found += found.iter().filter(|&&f| f).count();
        // word tokens covered by hits and by spans
        let (mut in_hit, mut in_gold, mut both) = (0, 0, 0);
        for (start, w) in doc.text.unicode_word_indices() {
            let end = start + w.len();
            let h = hits.iter().any(|h| h.start < end && start < h.end);
            let s = spans.iter().any(|&(a, b)| a < end && start < b);
            in_hit += usize::from(h);
            in_gold += usize::from(s);
            both += usize::from(h && s);
        }
        ev.hit_tokens += in_hit;
        ev.gold_tokens += in_gold;
        ev.both_tokens += both;
        ev.words += counts.words;
        per_document.push(DocRow {
            id: g.id.clone(),
            words: counts.words,
            hits: hits.len(),
            spans: spans.len(),
            hit_rate: round(
                crate::lexicon::keyness::per_1000(hits.len(), counts.words),
                4,
            ),
            gold_rate: round(
                crate::lexicon::keyness::per_1000(spans.len(), counts.words),
                4,
            ),
        });
    }
    let row = |lexicon: usize, category: usize, term: Option<String>, a: &Acc| {
        let lex = &m.lexicons()[lexicon];
        let cat = &lex.categories[category];
        Row {
            lexicon: lex.name.clone(),
            category: cat.id.clone(),
            role: cat.role,
            term,
            hits: a.hits,
            right: a.right,
            precision: ratio(a.right, a.hits).map(|x| round(x, 4)),
            spans_found: a.spans_found,
            documents: a.documents,
        }
    };
    let categories: Vec<Row> = cats
        .iter()
        .zip(&cat_acc)
        .filter(|(_, a)| a.hits > 0)
        .map(|(c, a)| row(c.lexicon, c.category, None, a))
        .collect();
    let mut terms: Vec<(usize, Row)> = m
        .entries()
        .iter()
        .enumerate()
        .zip(&term_acc)
        .filter(|(_, a)| a.hits > 0)
        .map(|((i, e), a)| {
            (
                i,
                row(e.lexicon, e.category, Some(m.term(i).term.clone()), a),
            )
        })
        .collect();
    terms.sort_by(|(i, a), (j, b)| {
        (b.hits - b.right)
            .cmp(&(a.hits - a.right))
            .then(b.hits.cmp(&a.hits))
            .then(i.cmp(j))
    });
    // the correlation from unrounded rates
    let rate = |n: usize, w: usize| crate::lexicon::keyness::per_1000(n, w);
    let hit_rates: Vec<f64> = per_document.iter().map(|d| rate(d.hits, d.words)).collect();
    let gold_rates: Vec<f64> = per_document
        .iter()
        .map(|d| rate(d.spans, d.words))
        .collect();
    Ok(Evaluation {
        schema: SCHEMA,
        lexicons: m
            .lexicons()
            .iter()
            .map(|l| LexInfo {
                name: l.name.clone(),
                version: l.version.clone(),
            })
            .collect(),
        roles: if opts.all_roles { "all" } else { "loaded" },
        labels: opts.labels.clone(),
        documents: gold.len(),
        words: ev.words,
        hits: ev.hits,
        hits_right: ev.right,
        spans: ev.spans,
        spans_found: ev.found,
        hit_tokens: ev.hit_tokens,
        gold_tokens: ev.gold_tokens,
        tokens_both: ev.both_tokens,
        by_hit: Prf::new(ev.right, ev.hits, ev.found, ev.spans),
        by_token: Prf::new(
            ev.both_tokens,
            ev.hit_tokens,
            ev.both_tokens,
            ev.gold_tokens,
        ),
        correlation: Correlation {
            pearson: pearson(&hit_rates, &gold_rates).map(|x| round(x, 4)),
            spearman: pearson(&ranks(&hit_rates), &ranks(&gold_rates)).map(|x| round(x, 4)),
        },
        categories,
        terms: terms.into_iter().map(|(_, r)| r).collect(),
        per_document,
    })
}

#[derive(Default)]
struct Totals {
    words: usize,
    hits: usize,
    right: usize,
    spans: usize,
    found: usize,
    hit_tokens: usize,
    gold_tokens: usize,
    both_tokens: usize,
}

/// Counts of one term or category; spans found are collected per document, then counted.
#[derive(Debug, Clone, Default)]
struct Acc {
    hits: usize,
    right: usize,
    spans_found: usize,
    documents: usize,
    doc_hits: usize,
    doc_spans: std::collections::BTreeSet<usize>,
}

impl Acc {
    fn add(&mut self, right: bool, on: &[usize]) {
        self.hits += 1;
        self.right += usize::from(right);
        self.doc_hits += 1;
        self.doc_spans.extend(on.iter().copied());
    }

    fn end_document(&mut self) {
        self.documents += usize::from(self.doc_hits > 0);
        self.spans_found += self.doc_spans.len();
        self.doc_hits = 0;
        self.doc_spans.clear();
    }
}

/// Pearson's r of `x` and `y` (absent with fewer than two values or no variance in one).
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x[..n].iter().zip(&y[..n]) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// 1-based ranks of `x`, ties given the average of the ranks they span.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            r[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::gold;
    use crate::lexicon::parse;
    use std::path::Path;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), [3.5, 1.0, 3.5, 2.0]);
        assert_eq!(pearson(&[1.0, 2.0], &[5.0, 5.0]), None);
        assert_eq!(pearson(&[1.0], &[1.0]), None);
    }

    /// A small case worked by hand. Lexicon: loaded `slammed`, `regime`; reference `said`.
    ///
    /// * d1 "The regime slammed critics, officials said." (6 words): hits regime, slammed
    ///   (loaded), said (reference, not counted); gold: "slammed critics" → slammed is right,
    ///   regime is not; the span is found.
    /// * d2 "Critics slammed the regime again." (5 words): hits slammed, regime; gold:
    ///   "the regime" and "again" → regime right, slammed not; "the regime" found, "again" not.
    /// * d3 "Nothing here at all." (4 words): no hit; gold: "Nothing" → not found.
    ///
    /// By hit: 4 hits, 2 right → P = .5; 4 spans, 2 found → R = .5; F1 = .5.
    /// By token: tokens under hits: d1 {regime, slammed}, d2 {slammed, regime} = 4; under gold:
    /// d1 {slammed, critics}, d2 {the, regime, again}, d3 {Nothing} = 6; both: d1 {slammed},
    /// d2 {regime} = 2 → P = 2/4 = .5, R = 2/6 = .3333, F1 = 2·.5·.3333/.8333 = .4.
    /// Rates (per 1,000 words): hits 2/6 → 333.33, 2/5 → 400, 0/4 → 0; gold 1/6 → 166.67,
    /// 2/5 → 400, 1/4 → 250. Pearson: means 244.44 and 272.22; deviations x (88.89, 155.56,
    /// −244.44), y (−105.56, 127.78, −22.22); Σxy = −9382.7 + 19876.5 + 5432.1 = 15925.9;
    /// Σx² = 7901.2 + 24197.5 + 59753.1 = 91851.9; Σy² = 11142.0 + 16327.2 + 493.8 = 27963.0;
    /// r = 15925.9 / √(91851.9 · 27963.0) = 15925.9 / 50680.1 = .3142.
    /// Spearman: ranks x (2, 3, 1), y (1, 3, 2): d = (1, 0, −1), ρ = 1 − 6·2/(3·8) = .5.
    #[test]
    fn hand_computed_case() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"slammed\", \"regime\"]\n[categories.r]\nrole = \"reference\"\nterms = [\"said\"]\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let g = gold::parse(
            concat!(
                r#"{"id":"d1","text":"The regime slammed critics, officials said.","spans":[{"start":11,"end":26,"label":"lex"}]}"#,
                "\n",
                r#"{"id":"d2","text":"Critics slammed the regime again.","spans":[{"start":16,"end":26,"label":"lex"},{"start":27,"end":32,"label":"lex"}]}"#,
                "\n",
                r#"{"id":"d3","text":"Nothing here at all.","spans":[{"start":0,"end":7,"label":"lex"},{"start":8,"end":12,"label":"inf"}]}"#,
            ),
            Path::new("g.jsonl"),
            Path::new("."),
        )
        .unwrap();
        let opts = Options {
            all_roles: false,
            labels: vec!["lex".into()],
        };
        let e = evaluate(&m, &g, &opts).unwrap();
        assert_eq!((e.hits, e.hits_right, e.spans, e.spans_found), (4, 2, 4, 2));
        assert_eq!(
            e.by_hit,
            Prf {
                precision: Some(0.5),
                recall: Some(0.5),
                f1: Some(0.5)
            }
        );
        assert_eq!((e.hit_tokens, e.gold_tokens, e.tokens_both), (4, 6, 2));
        assert_eq!(
            e.by_token,
            Prf {
                precision: Some(0.5),
                recall: Some(0.3333),
                f1: Some(0.4)
            }
        );
        assert_eq!(e.words, 15);
        assert_eq!(e.correlation.pearson, Some(0.3142));
        assert_eq!(e.correlation.spearman, Some(0.5));
        // per term: regime and slammed each 2 hits, 1 right
        let t: Vec<_> = e
            .terms
            .iter()
            .map(|r| (r.term.as_deref().unwrap(), r.hits, r.right))
            .collect();
        assert_eq!(t, [("slammed", 2, 1), ("regime", 2, 1)]);
        // the reference hit counts only with --role all, and is never right here
        let all = evaluate(
            &m,
            &g,
            &Options {
                all_roles: true,
                ..opts.clone()
            },
        )
        .unwrap();
        assert_eq!((all.hits, all.hits_right), (5, 2));
        let said = all.terms.iter().find(|r| r.term.as_deref() == Some("said"));
        assert_eq!(
            said.map(|r| (r.hits, r.right, r.role)),
            Some((1, 0, Role::Reference))
        );
        // without the label filter, d3's `inf` span counts too
        let any = evaluate(&m, &g, &Options::default()).unwrap();
        assert_eq!(any.spans, 5);
    }

    /// Offsets count characters: a hit after non-ASCII text lines up with its span.
    #[test]
    fn non_ascii_offsets() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"slammed\"]\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        // “Ḥizbullāh” — 11 characters, 19 bytes — then " slammed"
        let g = gold::parse(
            r#"{"id":"x","text":"“Ḥizbullāh” slammed Israël.","spans":[{"start":12,"end":19}]}"#,
            Path::new("g.jsonl"),
            Path::new("."),
        )
        .unwrap();
        let e = evaluate(&m, &g, &Options::default()).unwrap();
        assert_eq!((e.hits, e.hits_right, e.spans_found), (1, 1, 1));
        assert_eq!((e.hit_tokens, e.gold_tokens, e.tokens_both), (1, 1, 1));
    }
}
