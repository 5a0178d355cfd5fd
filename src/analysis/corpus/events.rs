//! `corpus events`: group the documents of a corpus into same-event clusters when the manifest
//! does not say which event each one reports.
//!
//! Three signals, each cheap enough for a corpus of many thousands of documents:
//!
//! 1. **Content**: every document becomes a TF-IDF vector over its content-word stems and the
//!    names it mentions (capitalised words count twice: reports of one event share their
//!    people and places far more reliably than their verbs). Similarity is the cosine.
//! 2. **Date**: two reports more than `window` days apart are never one event (when both have
//!    a date); a cluster never spans more than twice the window.
//! 3. **Outlets**: an outlet rarely carries two reports of one event, so two documents of one
//!    outlet join a cluster only when they are far more alike than reports of one event from
//!    different outlets usually are (a follow-up or a corrected version).
//!
//! Candidate pairs come from an inverted index of each document's most distinctive terms,
//! never from all pairs: a pair is scored only when it shares one of the rare terms that weigh
//! most in either document. Clusters are then built greedily from the most similar pair down
//! (average link: a document joins a cluster only if it is similar enough to the cluster as a
//! whole, which stops chains of loosely related stories). Everything is sorted with explicit
//! tie-breaks, so the same input always gives the same events and the same ids.

use std::collections::{BTreeMap, HashMap};

use crate::ingest::Document;
use crate::segment::Analyzer;

/// How documents are grouped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventOptions {
    /// Reports more than this many days apart are never one event (when both are dated).
    pub window: u32,
    /// Least average cosine similarity for a document (or cluster) to join another.
    pub threshold: f64,
    /// Least similarity for two reports of one outlet to be put in one event.
    pub same_outlet_threshold: f64,
}

impl Default for EventOptions {
    /// Measured on the BASIL development half (150 reports of 50 events by three outlets,
    /// shuffled, see `examples/eval_events.rs`): B-cubed F1 1.000 for any threshold from 0.05
    /// to 0.16, with or without the dates; 0.986 at 0.20 and 0.966 at 0.25 (events split as the
    /// bar rises). 0.12 sits inside that plateau rather than at its edge. Reports of one outlet
    /// about one event are rare enough that only near-duplicates are merged.
    fn default() -> Self {
        EventOptions {
            window: 3,
            threshold: 0.12,
            same_outlet_threshold: 0.6,
        }
    }
}

/// What grouping needs to know of one document: its outlet, its day and its weighted terms.
/// Built per document ([`Profile::new`], in parallel if wished); the text itself is not kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    outlet: String,
    day: Option<i64>,
    /// Term and raw count, sorted by term.
    terms: Vec<(String, u32)>,
}

/// How many distinct terms of a document are kept (the most frequent ones): enough to tell
/// events apart, and a bound on memory per document whatever its length.
const MAX_TERMS: usize = 300;

/// How many of a document's highest-weighted terms are looked up in the index for candidates.
const PROBE_TERMS: usize = 40;

/// Terms in more documents than this are not used to find candidate pairs (they still count in
/// the similarity): a posting list this long would make the candidates quadratic again.
const MAX_POSTINGS: usize = 200;

/// Prefix that marks a name feature (a capitalised word) apart from a stem.
const NAME: &str = "@";

impl Profile {
    /// The profile of a report: `title` (counted twice: a headline names the event) and the
    /// kept paragraphs' `text`, `date` as `YYYY-MM-DD` (anything else counts as undated).
    pub fn new(outlet: &str, date: Option<&str>, title: Option<&str>, text: &str) -> Profile {
        let mut counts: HashMap<String, u32> = HashMap::new();
        if let Some(t) = title {
            add_terms(t, 2, &mut counts);
        }
        add_terms(text, 1, &mut counts);
        let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
        // The most frequent terms, ties by term, so the cut is deterministic.
        terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(MAX_TERMS);
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Profile {
            outlet: outlet.to_string(),
            day: date.and_then(day_number),
            terms,
        }
    }
}

impl Profile {
    /// The profile of an ingested report: its kept paragraphs (page chrome set aside), with the
    /// manifest's title, else the headline ingest found.
    pub fn of_document(
        outlet: &str,
        date: Option<&str>,
        title: Option<&str>,
        doc: &Document,
    ) -> Profile {
        let mut text = String::with_capacity(doc.text.len());
        for p in &doc.paragraphs {
            if let Some(t) = doc.text.get(p.start..p.end) {
                text.push_str(t);
                text.push('\n');
            }
        }
        Profile::new(outlet, date, title.or(doc.title.as_deref()), &text)
    }
}

/// Count the content words of `text` (stems of words that are not stop words, have a letter and
/// at least three characters) and its names (capitalised such words, by their normalised form).
fn add_terms(text: &str, weight: u32, counts: &mut HashMap<String, u32>) {
    let analyzer = Analyzer::shared();
    for w in analyzer.words(text, 0) {
        if w.stop || w.norm.chars().count() < 3 || !w.norm.chars().any(char::is_alphabetic) {
            continue;
        }
        let capital = text
            .get(w.start..w.end)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase);
        *counts.entry(w.stem).or_default() += weight;
        if capital {
            let name = format!("{NAME}{}", w.norm.trim_end_matches("'s"));
            *counts.entry(name).or_default() += weight;
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (a longer timestamp is cut to its day), or
/// `None` when it is not a valid date.
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let mut parts = d.split('-');
    let (y, m, dd) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || dd.len() != 2 {
        return None;
    }
    let (y, m, dd): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, dd.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Unit-length TF-IDF vectors (sublinear term frequency), as (term index, weight) sorted by
/// term index, and the document frequency of every term index.
fn vectors(profiles: &[Profile]) -> (Vec<Vec<(u32, f64)>>, Vec<u32>) {
    // Term ids in sorted term order, so that ids (and every tie-break on them) are stable.
    let mut vocab: BTreeMap<&str, u32> = BTreeMap::new();
    for p in profiles {
        for (t, _) in &p.terms {
            vocab.entry(t.as_str()).or_insert(0);
        }
    }
    for (i, id) in vocab.values_mut().enumerate() {
        *id = i as u32;
    }
    let mut df = vec![0u32; vocab.len()];
    for p in profiles {
        for (t, _) in &p.terms {
            df[vocab[t.as_str()] as usize] += 1;
        }
    }
    let n = profiles.len() as f64;
    let vecs = profiles
        .iter()
        .map(|p| {
            let mut v: Vec<(u32, f64)> = p
                .terms
                .iter()
                .map(|(t, c)| {
                    let id = vocab[t.as_str()];
                    let idf = ((n + 1.0) / (f64::from(df[id as usize]) + 1.0)).ln();
                    (id, (1.0 + f64::from(*c).ln()) * idf)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v.sort_by_key(|&(id, _)| id);
            v
        })
        .collect();
    (vecs, df)
}

/// Cosine of two unit vectors sorted by term index.
fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Whether two documents' dates allow them to be one event (undated documents always do).
fn within(a: Option<i64>, b: Option<i64>, days: i64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= days,
        _ => true,
    }
}

/// Candidate pairs `(i, j)`, `i < j`: documents sharing one of the [`PROBE_TERMS`]
/// highest-weighted terms of either, among terms in at most [`MAX_POSTINGS`] documents, with
/// compatible dates. Sorted and without duplicates.
fn candidates(
    profiles: &[Profile],
    vecs: &[Vec<(u32, f64)>],
    df: &[u32],
    window: i64,
) -> Vec<(usize, usize)> {
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); df.len()];
    for (i, v) in vecs.iter().enumerate() {
        for &(t, _) in v {
            if df[t as usize] >= 2 && df[t as usize] as usize <= MAX_POSTINGS {
                postings[t as usize].push(i);
            }
        }
    }
    let mut pairs = Vec::new();
    for (i, v) in vecs.iter().enumerate() {
        let mut top: Vec<&(u32, f64)> = v.iter().collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for &&(t, _) in top.iter().take(PROBE_TERMS) {
            for &j in &postings[t as usize] {
                if j != i && within(profiles[i].day, profiles[j].day, window) {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// One cluster while grouping: its members (sorted), outlets and date range.
#[derive(Debug, Clone)]
struct Cluster {
    members: Vec<usize>,
    first: Option<i64>,
    last: Option<i64>,
}

/// Group `profiles` into events: the event index of every document, events numbered in the
/// order of their first document.
pub fn group(profiles: &[Profile], opts: &EventOptions) -> Vec<usize> {
    let n = profiles.len();
    let (vecs, df) = vectors(profiles);
    let window = i64::from(opts.window);
    let mut scored: Vec<(f64, usize, usize)> = candidates(profiles, &vecs, &df, window)
        .into_iter()
        .map(|(i, j)| (cosine(&vecs[i], &vecs[j]), i, j))
        .filter(|&(s, i, j)| {
            let floor = if profiles[i].outlet == profiles[j].outlet {
                opts.same_outlet_threshold
            } else {
                opts.threshold
            };
            s >= floor
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    let mut owner: Vec<usize> = (0..n).collect();
    let mut clusters: Vec<Option<Cluster>> = profiles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Some(Cluster {
                members: vec![i],
                first: p.day,
                last: p.day,
            })
        })
        .collect();
    for &(_, i, j) in &scored {
        let (ci, cj) = (owner[i], owner[j]);
        if ci == cj {
            continue;
        }
        let (Some(a), Some(b)) = (&clusters[ci], &clusters[cj]) else {
            continue;
        };
        if !may_merge(a, b, profiles, &vecs, opts) {
            continue;
        }
        let (keep, gone) = (ci.min(cj), ci.max(cj));
        let Some(g) = clusters[gone].take() else {
            continue;
        };
        if let Some(k) = clusters[keep].as_mut() {
            for &m in &g.members {
                owner[m] = keep;
            }
            k.members.extend(g.members);
            k.members.sort_unstable();
            k.first = min_opt(k.first, g.first);
            k.last = max_opt(k.last, g.last);
        }
    }
    // Number events by their first document.
    let mut number: HashMap<usize, usize> = HashMap::new();
    owner
        .iter()
        .map(|&c| {
            let next = number.len();
            *number.entry(c).or_insert(next)
        })
        .collect()
}

/// Whether two clusters may become one event: dates within twice the window end to end, the
/// average similarity of their cross pairs over the threshold, and, for every outlet both
/// carry, the two reports nearly duplicates.
fn may_merge(
    a: &Cluster,
    b: &Cluster,
    profiles: &[Profile],
    vecs: &[Vec<(u32, f64)>],
    opts: &EventOptions,
) -> bool {
    let span = 2 * i64::from(opts.window);
    if let (Some(f), Some(l)) = (min_opt(a.first, b.first), max_opt(a.last, b.last)) {
        if l - f > span {
            return false;
        }
    }
    let mut total = 0.0;
    for &i in &a.members {
        for &j in &b.members {
            let s = cosine(&vecs[i], &vecs[j]);
            if profiles[i].outlet == profiles[j].outlet && s < opts.same_outlet_threshold {
                return false;
            }
            total += s;
        }
    }
    total / (a.members.len() * b.members.len()) as f64 >= opts.threshold
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The id of event number `n` (0-based): `e0001`, `e0002`, …; wider past 9999.
pub fn event_id(n: usize) -> String {
    format!("e{:04}", n + 1)
}

/// B-cubed precision, recall and F1 of a grouping against the true one (both one label per
/// document): for each document, the share of its predicted cluster that truly shares its
/// event (precision) and the share of its true event found in its cluster (recall), averaged.
pub fn bcubed<A: PartialEq, B: PartialEq>(predicted: &[A], truth: &[B]) -> (f64, f64, f64) {
    let n = predicted.len().min(truth.len());
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let same_pred = (0..n).filter(|&j| predicted[j] == predicted[i]);
        let both = same_pred.clone().filter(|&j| truth[j] == truth[i]).count() as f64;
        p += both / same_pred.count() as f64;
        r += both / (0..n).filter(|&j| truth[j] == truth[i]).count() as f64;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(outlet: &str, date: Option<&str>, text: &str) -> Profile {
        Profile::new(outlet, date, None, text)
    }

    const FLOOD: &str =
        "Heavy rain flooded the Tarvel valley and Mayor Ostrander closed schools in Brennick.";
    const FLOOD2: &str =
        "Schools in Brennick stayed shut as the Tarvel valley flooded, Mayor Ostrander said.";
    const SUMMIT: &str =
        "Minister Quellan met President Sorvik in Halmstead to discuss grain tariffs.";
    const SUMMIT2: &str =
        "President Sorvik hosted Minister Quellan in Halmstead; grain tariffs topped talks.";

    #[test]
    fn days_are_counted_from_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2024-02-29T10:00:00Z"), Some(19_782));
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2024-1-1"), None);
    }

    #[test]
    fn same_story_from_two_outlets_is_one_event() {
        let docs = [
            p("a", Some("2024-05-01"), FLOOD),
            p("a", Some("2024-05-01"), SUMMIT),
            p("b", Some("2024-05-02"), SUMMIT2),
            p("b", Some("2024-05-02"), FLOOD2),
        ];
        assert_eq!(group(&docs, &EventOptions::default()), vec![0, 1, 1, 0]);
    }

    #[test]
    fn the_date_window_separates_the_same_words() {
        // two unrelated reports too, so that the shared words are rare enough to weigh
        let docs = [
            p("a", Some("2024-05-01"), FLOOD),
            p("b", Some("2024-05-09"), FLOOD2),
            p("c", None, FLOOD2),
            p("d", Some("2024-05-01"), SUMMIT),
            p("e", Some("2024-05-02"), SUMMIT2),
        ];
        let g = group(&docs, &EventOptions::default());
        assert_ne!(g[0], g[1], "eight days apart");
        let wide = EventOptions {
            window: 10,
            ..EventOptions::default()
        };
        assert_eq!(group(&docs, &wide), vec![0, 0, 0, 1, 1]);
    }

    #[test]
    fn one_outlet_rarely_has_two_reports_of_an_event() {
        let docs = [
            p("a", Some("2024-05-01"), FLOOD),
            p("a", Some("2024-05-01"), FLOOD2),
            p("b", Some("2024-05-01"), SUMMIT),
        ];
        let g = group(&docs, &EventOptions::default());
        assert_ne!(g[0], g[1], "similar but not near-duplicates, same outlet");
        let dup = [
            p("a", Some("2024-05-01"), FLOOD),
            p("a", Some("2024-05-01"), FLOOD),
            p("b", Some("2024-05-01"), SUMMIT),
        ];
        assert_eq!(group(&dup, &EventOptions::default()), vec![0, 0, 1]);
    }

    #[test]
    fn ids_follow_the_first_document() {
        assert_eq!(event_id(0), "e0001");
        assert_eq!(event_id(41), "e0042");
        let docs = [
            p("a", None, SUMMIT),
            p("a", None, FLOOD),
            p("b", None, FLOOD2),
            p("b", None, SUMMIT2),
        ];
        assert_eq!(group(&docs, &EventOptions::default()), vec![0, 1, 1, 0]);
    }

    #[test]
    fn bcubed_scores() {
        assert_eq!(bcubed(&[0, 0, 1], &["x", "x", "y"]), (1.0, 1.0, 1.0));
        let (p, r, _) = bcubed(&[0, 0, 0, 0], &[1, 1, 2, 2]);
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
    }
}
