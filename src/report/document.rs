//! `framediff report`: a comparison written as one shareable document (HTML, Markdown or JSON).
//!
//! The lexicon stage's results (term counts, keyness, hits) are joined to the comparison here
//! through [`LexiconFraming`], the [`Framing`] the view builder asks for categories, the term
//! table and hits inside any sentence.

use std::collections::BTreeMap;

use crate::compare::Comparison;
use crate::lexicon::count::tally_sentences;
use crate::lexicon::keyness;
use crate::lexicon::{Lexicon, Matcher};
use crate::report::build::{build, build_without_rows, Framing, Hit, Layout, StreamedRows};
use crate::report::compare::{self, compare_json};
use crate::report::style::Style;
use crate::report::terms::{self, Stat, TermsReport};
use crate::report::view::{self, CategoryInfo, KeynessItem, TermRow, TermTable};
use crate::report::{html, markdown};
use crate::{Error, Result};

/// Version tag of the report JSON.
pub const SCHEMA: &str = "framediff.report/1";

/// The formats `framediff report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

/// Count the lexicons' terms in every report of `cmp` and render the whole report.
pub fn render(cmp: &Comparison, lexicons: Vec<Lexicon>, format: ReportFormat) -> Result<String> {
    Ok(render_parts(cmp, lexicons, format)?.concat())
}

/// [`render`] in parts to be written one after the other. The HTML and Markdown renderers
/// read the side-by-side rows as [`Layout`] makes them, never holding them all (the rows of a
/// long comparison cost several times its text), and their output is never one string: a
/// 200 MB comparison's HTML page is over a gigabyte.
pub fn render_parts(
    cmp: &Comparison,
    lexicons: Vec<Lexicon>,
    format: ReportFormat,
) -> Result<Vec<String>> {
    let mut parts = Vec::new();
    render_into(cmp, lexicons, format, &mut |p| parts.push(p))?;
    Ok(parts)
}

/// [`render_parts`], each part handed to `sink` as soon as it is complete (HTML and Markdown;
/// the JSON's parts all come at the end), so that a caller writing into a temporary file holds
/// none of the output. On an error, some parts may have been handed over already.
pub fn render_into(
    cmp: &Comparison,
    lexicons: Vec<Lexicon>,
    format: ReportFormat,
    sink: &mut dyn FnMut(String),
) -> Result<()> {
    let matcher = Matcher::new(lexicons)?;
    let terms = term_stats(cmp, &matcher);
    let as_html = match format {
        ReportFormat::Json => {
            json(cmp, &terms)?.into_iter().for_each(sink);
            return Ok(());
        }
        ReportFormat::Html => true,
        ReportFormat::Markdown => false,
    };
    let framing = LexiconFraming::new(&matcher, &terms);
    let words: Vec<usize> = terms.documents.iter().map(|d| d.words).collect();
    let layout = Layout::new(cmp);
    let view = build_without_rows(cmp, &words, &framing, &layout);
    let rows = StreamedRows {
        layout,
        framing: &framing,
    };
    if as_html {
        html::render_into(&view, &rows, sink);
    } else {
        markdown::render_into(&view, &rows, sink);
    }
    Ok(())
}

/// The terminal report of `framediff compare`: the side-by-side table with lexicon hits marked,
/// then the term-frequency table of the same reports.
pub fn terminal(cmp: &Comparison, lexicons: Vec<Lexicon>, style: &Style) -> Result<String> {
    Ok(terminal_parts(cmp, lexicons, style)?.concat())
}

/// [`terminal`] in parts to be written one after the other (see
/// [`compare::table_parts`]): a long report's terminal table is several times its size, and
/// as one string it would need that much fresh memory on top of everything else.
pub fn terminal_parts(
    cmp: &Comparison,
    lexicons: Vec<Lexicon>,
    style: &Style,
) -> Result<Vec<String>> {
    let matcher = Matcher::new(lexicons)?;
    let terms = term_stats(cmp, &matcher);
    let framing = LexiconFraming::new(&matcher, &terms);
    let words: Vec<usize> = terms.documents.iter().map(|d| d.words).collect();
    // The rows are rendered as they are made, never held together: see `Layout`.
    let layout = Layout::new(cmp);
    let view = build_without_rows(cmp, &words, &framing, &layout);
    let rows = StreamedRows {
        layout,
        framing: &framing,
    };
    let mut parts = compare::table_parts(cmp, &view, &rows, style);
    let mut out = String::from("\nFraming terms\n");
    out.push_str(&terms::table(&terms, terms::Options::default(), style));
    parts.push(out);
    Ok(parts)
}

/// The view model of a comparison with the given lexicons (for callers that render it
/// themselves).
pub fn view(cmp: &Comparison, lexicons: Vec<Lexicon>) -> Result<view::Report> {
    let matcher = Matcher::new(lexicons)?;
    let terms = term_stats(cmp, &matcher);
    Ok(view_of(cmp, &matcher, &terms))
}

/// Term counts and keyness over the kept sentences of every report.
fn term_stats(cmp: &Comparison, matcher: &Matcher) -> TermsReport {
    let counts: Vec<_> = cmp
        .documents
        .iter()
        .zip(&cmp.sentences)
        .map(|(d, s)| tally_sentences(matcher, &d.text, s))
        .collect();
    terms::build(matcher, &cmp.documents, &counts, terms::Options::default())
}

fn view_of(cmp: &Comparison, matcher: &Matcher, terms: &TermsReport) -> view::Report {
    let framing = LexiconFraming::new(matcher, terms);
    let words: Vec<usize> = terms.documents.iter().map(|d| d.words).collect();
    build(cmp, &words, &framing)
}

/// The `framediff.compare/1` JSON with the schema set to `framediff.report/1` and the
/// `framediff.terms/1` JSON added as `"terms"`, every object's keys sorted, in parts.
///
/// The output is exactly what parsing the compare JSON into a `serde_json::Value` (whose
/// objects sort their keys), adding the two keys and pretty-printing gives: that is how it was
/// made at first. But a `Value` of a 200 MB comparison costs several times the JSON text (a
/// B-tree node per object), so the compare JSON is instead re-read as a stream
/// ([`Pretty`]): arrays are written as they are read and only each object's entries are held
/// until they are sorted. Numbers go through the same parser, so they print exactly as before.
fn json(cmp: &Comparison, terms: &TermsReport) -> Result<Vec<String>> {
    let bad = |e: serde_json::Error| Error::Usage(format!("cannot render JSON: {e}"));
    let text = compare_json(cmp)?;
    let mut de = serde_json::Deserializer::from_str(&text);
    let mut entries = Pretty { indent: 0 }.object_entries(&mut de).map_err(bad)?;
    de.end().map_err(bad)?;
    drop(text);
    // the terms table is small: as a `Value`, printed one level in
    let terms_text = serde_json::to_string_pretty(&serde_json::to_value(terms).map_err(bad)?)
        .map_err(bad)?
        .replace('\n', "\n  ");
    let schema = serde_json::to_string(SCHEMA).map_err(bad)?;
    entries.retain(|(k, _)| k != "schema" && k != "terms");
    entries.push(("schema".into(), Rope::from(schema)));
    entries.push(("terms".into(), Rope::from(terms_text)));
    let mut out = Pretty { indent: 0 }.object(entries);
    out.push_str("\n");
    Ok(out.chunks)
}

/// Text in chunks: the JSON of a long comparison is hundreds of megabytes, and the parts of an
/// object are joined by moving their chunks rather than copying them into one new string.
#[derive(Default)]
struct Rope {
    chunks: Vec<String>,
}

/// A chunk stops growing at this size.
const ROPE_CHUNK: usize = 1 << 20;

impl From<String> for Rope {
    fn from(s: String) -> Rope {
        Rope { chunks: vec![s] }
    }
}

impl Rope {
    fn push_str(&mut self, s: &str) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < ROPE_CHUNK => last.push_str(s),
            _ => {
                if let Some(last) = self.chunks.last_mut() {
                    last.shrink_to_fit();
                }
                self.chunks.push(s.to_string());
            }
        }
    }

    /// Append `other`: small chunks are copied (millions of small objects must not stay
    /// millions of strings), big ones moved.
    fn append(&mut self, other: Rope) {
        for c in other.chunks {
            if c.len() < ROPE_CHUNK / 16 {
                self.push_str(&c);
            } else {
                if let Some(last) = self.chunks.last_mut() {
                    last.shrink_to_fit();
                }
                self.chunks.push(c);
            }
        }
    }
}

/// Reads one JSON value and writes it as `serde_json`'s pretty printer writes a `Value` of it
/// (two-space indent, object keys sorted, a later duplicate key replacing an earlier one) at
/// nesting depth `indent`.
#[derive(Clone, Copy)]
struct Pretty {
    indent: usize,
}

impl Pretty {
    fn inner(self) -> Pretty {
        Pretty {
            indent: self.indent + 1,
        }
    }

    fn newline(self, out: &mut Rope) {
        out.push_str("\n");
        for _ in 0..self.indent {
            out.push_str("  ");
        }
    }

    /// The entries of the object `de` holds, values written one level in.
    fn object_entries<'de, D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Vec<(String, Rope)>, D::Error> {
        struct Entries(Pretty);
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Vec<(String, Rope)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value_seed(self.0.inner())?;
                    entries.push((key, value));
                }
                Ok(entries)
            }
        }
        de.deserialize_map(Entries(self))
    }

    /// An object of `entries` (values already written one level in), keys sorted.
    fn object(self, mut entries: Vec<(String, Rope)>) -> Rope {
        let mut out = Rope::default();
        if entries.is_empty() {
            out.push_str("{}");
            return out;
        }
        // stable: among equal keys the last one read is last, and it is the one kept
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(String, Rope)> = Vec::with_capacity(entries.len());
        for e in entries {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        out.push_str("{");
        for (i, (key, value)) in kept.into_iter().enumerate() {
            if i > 0 {
                out.push_str(",");
            }
            self.inner().newline(&mut out);
            // a String always serializes
            out.push_str(&serde_json::to_string(&key).unwrap_or_default());
            out.push_str(": ");
            out.append(value);
        }
        self.newline(&mut out);
        out.push_str("}");
        out
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Pretty {
    type Value = Rope;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Rope, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Pretty {
    type Value = Rope;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<Rope, E> {
        Ok(Rope::from(v.to_string()))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Rope, E> {
        Ok(Rope::from(v.to_string()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Rope, E> {
        Ok(Rope::from(v.to_string()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Rope, E> {
        // as `Value` prints it (non-finite numbers never come out of the parser)
        serde_json::to_string(&v).map(Rope::from).map_err(E::custom)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Rope, E> {
        serde_json::to_string(v).map(Rope::from).map_err(E::custom)
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Rope, E> {
        Ok(Rope::from("null".to_string()))
    }
    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Rope, E> {
        self.visit_unit()
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, de: D) -> std::result::Result<Rope, D::Error> {
        de.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Rope, A::Error> {
        let mut out = Rope::from("[".to_string());
        let mut any = false;
        while let Some(item) = seq.next_element_seed(self.inner())? {
            if any {
                out.push_str(",");
            }
            any = true;
            self.inner().newline(&mut out);
            out.append(item);
        }
        if any {
            self.newline(&mut out);
        }
        out.push_str("]");
        Ok(out)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Rope, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.inner())?;
            entries.push((key, value));
        }
        Ok(self.object(entries))
    }
}

/// [`Framing`] backed by a compiled matcher and the term statistics of the compared reports.
pub struct LexiconFraming<'a> {
    matcher: &'a Matcher,
    terms: &'a TermsReport,
    /// (lexicon index, category index in that lexicon) → index into the legend.
    legend: BTreeMap<(usize, usize), usize>,
    categories: Vec<CategoryInfo>,
}

impl<'a> LexiconFraming<'a> {
    /// The legend lists the categories with at least one hit, in lexicon order.
    pub fn new(matcher: &'a Matcher, terms: &'a TermsReport) -> Self {
        let mut legend = BTreeMap::new();
        let mut categories = Vec::new();
        for row in &terms.categories {
            let Some((li, lex)) = matcher
                .lexicons()
                .iter()
                .enumerate()
                .find(|(_, l)| l.name == row.lexicon)
            else {
                continue;
            };
            let Some(ci) = lex.categories.iter().position(|c| c.id == row.category) else {
                continue;
            };
            legend.insert((li, ci), categories.len());
            let c = &lex.categories[ci];
            categories.push(CategoryInfo {
                id: c.id.clone(),
                label: label_of(&c.id),
                lexicon: lex.name.clone(),
                description: c.description.clone(),
                colour: categories.len(),
            });
        }
        LexiconFraming {
            matcher,
            terms,
            legend,
            categories,
        }
    }

    fn legend_index(&self, lexicon: &str, category: &str) -> Option<usize> {
        self.categories
            .iter()
            .position(|c| c.lexicon == lexicon && c.id == category)
    }
}

/// "western-hostility/us" → "Western hostility / us": ids are slugs, the legend is for people.
fn label_of(id: &str) -> String {
    let s = id.replace('/', " / ").replace(['-', '_'], " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// Per-outlet values of a statistic: two reports give one value for the first against the
/// second, shown mirrored for the second; more give one value per report against the rest.
fn per_outlet(stat: &Stat, n: usize) -> Vec<Option<f64>> {
    match stat {
        Stat::None => vec![None; n],
        Stat::One(v) => vec![Some(*v), Some(-*v)],
        Stat::Each(v) => v.clone(),
    }
}

impl Framing for LexiconFraming<'_> {
    fn categories(&self) -> Vec<CategoryInfo> {
        self.categories.clone()
    }

    fn term_table(&self) -> TermTable {
        let n = self.terms.documents.len();
        let row = |r: &terms::Row, subtotal: bool| {
            let g2 = per_outlet(&r.log_likelihood, n);
            TermRow {
                lexicon: r.lexicon.clone(),
                category: r.category.clone(),
                category_index: self.legend_index(&r.lexicon, &r.category),
                term: r.term.clone().unwrap_or_else(|| "all terms".into()),
                neutral: r.neutral.clone(),
                is_subtotal: subtotal,
                counts: r.counts.iter().map(|&c| c as u64).collect(),
                per_1000: r.per_1000.clone(),
                quoted: r.quoted.iter().map(|&c| c as u64).collect(),
                mark: g2
                    .iter()
                    .map(|g| g.map_or(String::new(), |g| keyness::mark(g.abs()).to_string()))
                    .collect(),
                g2,
                log_ratio: per_outlet(&r.log_ratio, n),
            }
        };
        let mut rows = Vec::new();
        for cat in &self.terms.categories {
            rows.extend(
                self.terms
                    .terms
                    .iter()
                    .filter(|t| t.lexicon == cat.lexicon && t.category == cat.category)
                    .map(|t| row(t, false)),
            );
            rows.push(row(cat, true));
        }
        TermTable { rows }
    }

    fn top_keyness(&self) -> Vec<KeynessItem> {
        let n = self.terms.documents.len();
        let mut items: Vec<KeynessItem> = Vec::new();
        for cat in &self.terms.categories {
            let Some(category) = self.legend_index(&cat.lexicon, &cat.category) else {
                continue;
            };
            let g2 = per_outlet(&cat.log_likelihood, n);
            let lr = per_outlet(&cat.log_ratio, n);
            // the outlet that uses the category most, relative to the others
            let best = (0..n)
                .filter_map(|o| {
                    Some((
                        o,
                        g2.get(o).copied().flatten()?,
                        lr.get(o).copied().flatten()?,
                    ))
                })
                .filter(|(_, g, _)| *g > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((outlet, g, r)) = best {
                items.push(KeynessItem {
                    category,
                    outlet,
                    g2: g,
                    log_ratio: r,
                    mark: keyness::mark(g).to_string(),
                });
            }
        }
        items.sort_by(|a, b| b.g2.total_cmp(&a.g2).then(a.category.cmp(&b.category)));
        items
    }

    fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .matcher
            .find(text)
            .into_iter()
            .filter_map(|h| {
                Some(Hit {
                    start: h.start,
                    end: h.end,
                    category: *self.legend.get(&(h.lexicon, h.category))?,
                })
            })
            .collect();
        // Lexicons count independently, so hits may overlap; the view needs one category per
        // piece of text: keep the earliest, then longest, hit.
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the report JSON was before it was streamed: a `Value` pretty-printed.
    fn via_value(text: &str) -> String {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        serde_json::to_string_pretty(&v).unwrap()
    }

    fn streamed(text: &str) -> String {
        let mut de = serde_json::Deserializer::from_str(text);
        let rope = serde::de::DeserializeSeed::deserialize(Pretty { indent: 0 }, &mut de).unwrap();
        de.end().unwrap();
        rope.chunks.concat()
    }

    #[test]
    fn streamed_json_prints_as_a_sorted_value() {
        let text = r#"{"z": [1, -2, 0.1, 1e300, -0.0, 1.0, 18446744073709551615, -9223372036854775808,
            2.5e-8, 0.30000000000000004, 123456789.123456789],
          "b": {"y": null, "x": true, "10": "ten", "2": "two", "": "empty"},
          "dup": 1, "a": [], "o": {}, "nested": [[], [{}], [{"k": [false, "é\"\\\n\u0001<>"]}]],
          "dup": {"last": "wins"}, "ünï": "code", "Z": "upper"}"#;
        assert_eq!(streamed(text), via_value(text));
        for scalar in ["3", "\"s\"", "null", "[]", "{}", "[[[]]]", "-1.5"] {
            assert_eq!(streamed(scalar), via_value(scalar), "{scalar}");
        }
    }

    #[test]
    fn long_arrays_are_chunked_and_join_as_one_text() {
        let items: Vec<String> = (0..60_000)
            .map(|i| {
                format!(
                    r#"{{"text": "sentence number {i} of a long report", "i": {i}, "score": {}}}"#,
                    i as f64 / 7.0
                )
            })
            .collect();
        let text = format!(r#"{{"rows": [{}], "count": 60000}}"#, items.join(","));
        let mut de = serde_json::Deserializer::from_str(&text);
        let rope = serde::de::DeserializeSeed::deserialize(Pretty { indent: 0 }, &mut de).unwrap();
        assert!(rope.chunks.len() > 2, "{}", rope.chunks.len());
        assert!(rope.chunks.iter().all(|c| c.capacity() <= 2 * ROPE_CHUNK));
        assert_eq!(rope.chunks.concat(), via_value(&text));
    }
}
