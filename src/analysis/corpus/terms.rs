//! `corpus terms`: lexicon term counts per group of documents (outlet, and month or event),
//! and each group's keyness against the rest of the corpus.
//!
//! Each document is counted exactly as `framediff terms` counts it ([`count`]: segment, then
//! [`tally_terms`], the nonzero term tallies of [`tally_sentences`]), and a group's counts are
//! plain sums of its documents' counts ([`Groups::add`]): so the counts equal `terms` on the same files, and partial results
//! (one per Spark partition, say) can be summed in any order to the same totals. Keyness is
//! computed only at the end ([`Groups::finish`]), from the summed counts, with the same
//! statistics as `terms` ([`keyness::each_vs_rest`]: G² and log ratio of the group against
//! all other documents).

use std::hash::{Hash, Hasher};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::super::round;
use super::super::terms::LexInfo;
use crate::ingest::manifest::CorpusDoc;
use crate::ingest::Document;
#[cfg(doc)]
use crate::lexicon::count::tally_sentences;
use crate::lexicon::count::{tally_terms, Tally};
use crate::lexicon::keyness;
use crate::lexicon::{Matcher, Role};
use crate::segment::segment_spans;
use crate::{Error, Result};

/// Version tag of the JSON document and of each JSONL row's shape (see `docs/corpus.md`).
pub const SCHEMA: &str = "framediff.corpus-terms/1";

/// A document field that groups are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The outlet.
    Outlet,
    /// `YYYY-MM` of the date (no month when the document has no date).
    Month,
    /// The event id (none when the manifest gives none).
    Event,
}

impl Field {
    /// The field's name in `--by` and in output.
    pub fn name(self) -> &'static str {
        match self {
            Field::Outlet => "outlet",
            Field::Month => "month",
            Field::Event => "event",
        }
    }

    fn of(self, doc: &CorpusDoc) -> Option<&str> {
        match self {
            Field::Outlet => Some(&doc.outlet),
            Field::Month => doc.month(),
            Field::Event => doc.event.as_deref(),
        }
    }
}

/// Parse `--by`: field names separated by commas, each at most once (`outlet,month`).
pub fn parse_by(spec: &str) -> Result<Vec<Field>> {
    let mut out = Vec::new();
    for name in spec.split(',').map(str::trim) {
        let f = match name {
            "outlet" => Field::Outlet,
            "month" => Field::Month,
            "event" => Field::Event,
            _ => {
                return Err(Error::Usage(format!(
                    "--by {spec}: `{name}` is not outlet, month or event"
                )))
            }
        };
        if out.contains(&f) {
            return Err(Error::Usage(format!("--by {spec}: `{name}` given twice")));
        }
        out.push(f);
    }
    Ok(out)
}

/// One document's counts: words, and the tally of every term with a hit (matcher entry
/// index, tally), in entry order. Sparse, because most documents have a handful of the
/// lexicons' hundreds of terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocCounts {
    /// Words in the kept sentences.
    pub words: usize,
    /// `(entry, tally)` for each term with at least one hit.
    pub terms: Vec<(usize, Tally)>,
}

/// Count the matcher's terms in one document, as `framediff terms` does: the same words and
/// term tallies as [`tally_sentences`] ([`tally_terms`] makes only the nonzero ones).
pub fn count(m: &Matcher, doc: &Document) -> DocCounts {
    let c = tally_terms(m, &doc.text, &segment_spans(doc));
    DocCounts {
        words: c.words,
        terms: c.terms,
    }
}

#[derive(Debug, Clone, Default)]
struct Group {
    documents: u64,
    words: u64,
    /// Per matcher entry with a hit: (hits, quoted). Hashed, not ordered: it is updated for
    /// every term of every document (a B-tree search there was 2.5 % of `corpus terms`) and
    /// read only at the end, entry by entry.
    terms: rustc_hash::FxHashMap<usize, (u64, u64)>,
}

/// The groups being summed, by key (one value per `--by` field).
#[derive(Debug, Clone)]
pub struct Groups {
    by: Vec<Field>,
    /// The groups in the order they were first seen, with their keys (sorted at the end).
    groups: Vec<(Vec<Option<String>>, Group)>,
    /// Indices into `groups` by a hash of the key, so that a document finds its group from
    /// its own fields: building its key (a copy of each field) for every document cost more
    /// than the lookup.
    index: rustc_hash::FxHashMap<u64, Vec<usize>>,
}

impl Groups {
    /// No documents yet, grouped by `by`.
    pub fn new(by: Vec<Field>) -> Groups {
        Groups {
            by,
            groups: Vec::new(),
            index: Default::default(),
        }
    }

    /// Add one document's counts to its group.
    pub fn add(&mut self, doc: &CorpusDoc, c: &DocCounts) {
        let mut h = rustc_hash::FxHasher::default();
        for f in &self.by {
            f.of(doc).hash(&mut h);
        }
        let (by, groups) = (&self.by, &mut self.groups);
        let same = self.index.entry(h.finish()).or_default();
        let found = same.iter().copied().find(|&i| {
            let key = &groups[i].0;
            key.iter().zip(by).all(|(k, f)| k.as_deref() == f.of(doc))
        });
        let gi = found.unwrap_or_else(|| {
            let key = by.iter().map(|f| f.of(doc).map(str::to_string)).collect();
            groups.push((key, Group::default()));
            same.push(groups.len() - 1);
            groups.len() - 1
        });
        let g = &mut groups[gi].1;
        g.documents += 1;
        g.words += c.words as u64;
        for (e, t) in &c.terms {
            let s = g.terms.entry(*e).or_default();
            s.0 += t.hits as u64;
            s.1 += t.quoted as u64;
        }
    }

    /// The rows, group by group (groups sorted by key, a missing month or event first), terms in
    /// lexicon order; terms without a hit in a group are listed only with `all`.
    pub fn finish(self, m: &Matcher, all: bool) -> CorpusTerms {
        let n = m.entries().len();
        // keys are distinct: sorted as a map by key would hold them
        let mut sorted = self.groups;
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total_words: u64 = sorted.iter().map(|(_, g)| g.words).sum();
        let mut total = vec![0u64; n];
        for (_, g) in &sorted {
            for (&e, &(hits, _)) in &g.terms {
                total[e] += hits;
            }
        }
        let mut rows = Vec::new();
        let mut groups = Vec::new();
        for (gi, (key, g)) in sorted.iter().enumerate() {
            groups.push(GroupInfo {
                key: key.clone(),
                documents: g.documents,
                words: g.words,
            });
            for (e, entry) in m.entries().iter().enumerate() {
                let (hits, quoted) = g.terms.get(&e).copied().unwrap_or((0, 0));
                if hits == 0 && !all {
                    continue;
                }
                let lex = &m.lexicons()[entry.lexicon];
                let cat = &lex.categories[entry.category];
                let k = keyness::pair(
                    hits as usize,
                    (total[e] - hits) as usize,
                    g.words as usize,
                    (total_words - g.words) as usize,
                );
                rows.push(Row {
                    group: gi,
                    lexicon: lex.name.clone(),
                    category: cat.id.clone(),
                    term: m.term(e).term.clone(),
                    role: cat.role,
                    count: hits,
                    quoted,
                    words: g.words,
                    per_1000: round(keyness::per_1000(hits as usize, g.words as usize), 4),
                    g2: k.map(|k| round(k.log_likelihood, 4)),
                    log_ratio: k.map(|k| round(k.log_ratio, 4)),
                });
            }
        }
        CorpusTerms {
            schema: SCHEMA,
            by: self.by,
            lexicons: m
                .lexicons()
                .iter()
                .map(|l| LexInfo {
                    name: l.name.clone(),
                    version: l.version.clone(),
                })
                .collect(),
            groups,
            rows,
        }
    }
}

/// A group as listed in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    /// One value per `--by` field (`None`: the documents have no month, or no event).
    pub key: Vec<Option<String>>,
    /// Documents in the group.
    pub documents: u64,
    /// Words in their kept sentences.
    pub words: u64,
}

/// One group × term row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into [`CorpusTerms::groups`].
    pub group: usize,
    /// Name of the lexicon.
    pub lexicon: String,
    /// Category id.
    pub category: String,
    /// The term.
    pub term: String,
    /// `loaded` or `reference`.
    pub role: Role,
    /// Hits in the group's documents.
    pub count: u64,
    /// Of them, inside quoted speech.
    pub quoted: u64,
    /// Words in the group's documents.
    pub words: u64,
    /// Hits per 1,000 words.
    pub per_1000: f64,
    /// Signed G² of the group against all other documents (none with a single group).
    pub g2: Option<f64>,
    /// Log ratio of the group's rate to the others' rate.
    pub log_ratio: Option<f64>,
}

/// Everything `corpus terms` reports.
#[derive(Debug, Clone)]
pub struct CorpusTerms {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The grouping fields, in `--by` order.
    pub by: Vec<Field>,
    /// The lexicons used.
    pub lexicons: Vec<LexInfo>,
    /// The groups, sorted by key.
    pub groups: Vec<GroupInfo>,
    /// The rows, group by group.
    pub rows: Vec<Row>,
}

impl CorpusTerms {
    /// A row as the JSON object it is printed as: the group's fields named as in `--by`, then
    /// the term's.
    pub fn row_json<'a>(&'a self, row: &'a Row) -> RowJson<'a> {
        RowJson { report: self, row }
    }
}

/// See [`CorpusTerms::row_json`].
pub struct RowJson<'a> {
    report: &'a CorpusTerms,
    row: &'a Row,
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let (r, row) = (self.report, self.row);
        let mut m = s.serialize_map(None)?;
        for (f, v) in r.by.iter().zip(&r.groups[row.group].key) {
            m.serialize_entry(f.name(), v)?;
        }
        m.serialize_entry("lexicon", &row.lexicon)?;
        m.serialize_entry("category", &row.category)?;
        m.serialize_entry("term", &row.term)?;
        m.serialize_entry("role", &row.role)?;
        m.serialize_entry("count", &row.count)?;
        m.serialize_entry("quoted", &row.quoted)?;
        m.serialize_entry("words", &row.words)?;
        m.serialize_entry("per_1000", &row.per_1000)?;
        m.serialize_entry("g2", &row.g2)?;
        m.serialize_entry("log_ratio", &row.log_ratio)?;
        m.end()
    }
}

/// A group as the JSON object it is printed as.
pub struct GroupJson<'a> {
    report: &'a CorpusTerms,
    group: &'a GroupInfo,
}

impl Serialize for GroupJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (f, v) in self.report.by.iter().zip(&self.group.key) {
            m.serialize_entry(f.name(), v)?;
        }
        m.serialize_entry("documents", &self.group.documents)?;
        m.serialize_entry("words", &self.group.words)?;
        m.end()
    }
}

impl Serialize for CorpusTerms {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("schema", self.schema)?;
        let by: Vec<&str> = self.by.iter().map(|f| f.name()).collect();
        m.serialize_entry("by", &by)?;
        m.serialize_entry("lexicons", &self.lexicons)?;
        let groups: Vec<GroupJson> = self
            .groups
            .iter()
            .map(|group| GroupJson {
                report: self,
                group,
            })
            .collect();
        m.serialize_entry("groups", &groups)?;
        let rows: Vec<RowJson> = self.rows.iter().map(|r| self.row_json(r)).collect();
        m.serialize_entry("rows", &rows)?;
        m.end()
    }
}
