//! `framediff report` and the terminal report of `framediff compare`: a comparison with its
//! lexicon framing ([`LexiconFraming`]) written as one shareable document (HTML, Markdown or
//! JSON) or as terminal tables.

use std::io::{self, Write};

use crate::analysis::framing::LexiconFraming;
use crate::compare::Comparison;
use crate::report::build::{build, build_without_rows, Layout, StreamedRows};
use crate::report::style::Style;
use crate::report::view;
use crate::report::{align, html, json, markdown, side_by_side, terms};

/// Version tag of the report JSON (one constant for the view model's JSON and this one).
pub use crate::report::view::SCHEMA;

/// The formats `framediff report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// GitHub/Pandoc Markdown.
    Markdown,
    /// The `framediff.report/3` JSON.
    Json,
}

impl ReportFormat {
    /// The format a report file's extension asks for (`.html`/`.htm`, `.md`/`.markdown`,
    /// `.json`, any case): here rather than in the CLI so that every front end (the CLI's
    /// `-o FILE`, the Python package's `report(path=…)`) picks the same format for a name.
    pub fn from_extension(path: &std::path::Path) -> crate::Result<ReportFormat> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" => Ok(ReportFormat::Html),
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "json" => Ok(ReportFormat::Json),
            _ => Err(crate::Error::Usage(format!(
                "{}: cannot tell the report format from the extension; use .html, .md or .json, or --format",
                path.display()
            ))),
        }
    }
}

/// Write the report of `cmp` in `format`. The HTML and Markdown renderers read the
/// side-by-side rows as [`Layout`] makes them, never holding them all (the rows of a long
/// comparison cost several times its text), and write them as they go: a 200 MB comparison's
/// HTML page is over a gigabyte, and `w` decides whether it is held (stdout: printed once
/// complete) or not (`-o`: a temporary file).
pub fn render(
    w: &mut dyn Write,
    cmp: &Comparison,
    framing: &LexiconFraming,
    format: ReportFormat,
) -> io::Result<()> {
    if format == ReportFormat::Json {
        return report_json(w, cmp, framing);
    }
    let words: Vec<usize> = framing.terms().documents.iter().map(|d| d.words).collect();
    let layout = Layout::new(cmp);
    let view = build_without_rows(cmp, &words, framing, &layout);
    let rows = StreamedRows { layout, framing };
    match format {
        ReportFormat::Html => html::render(w, &view, &rows),
        _ => markdown::render(w, &view, &rows),
    }
}

/// The terminal report of `framediff compare`: the side-by-side table with lexicon hits
/// marked, then the term-frequency table of the same reports. The rows are rendered as they
/// are made, never held together: see [`Layout`].
pub fn terminal(
    w: &mut dyn Write,
    cmp: &Comparison,
    framing: &LexiconFraming,
    style: &Style,
) -> io::Result<()> {
    let words: Vec<usize> = framing.terms().documents.iter().map(|d| d.words).collect();
    let layout = Layout::new(cmp);
    let view = build_without_rows(cmp, &words, framing, &layout);
    let rows = StreamedRows { layout, framing };
    side_by_side::render(w, cmp, &view, &rows, style)?;
    w.write_all(b"\nFraming terms\n")?;
    terms::table(w, framing.terms(), Default::default(), style)
}

/// The complete view model of a comparison (for callers that render it themselves).
pub fn view(cmp: &Comparison, framing: &LexiconFraming) -> view::Report {
    let words: Vec<usize> = framing.terms().documents.iter().map(|d| d.words).collect();
    build(cmp, &words, framing)
}

/// The `framediff.compare/2` JSON with the schema set to `framediff.report/3` and the
/// `framediff.terms/2` JSON added as `"terms"`, every object's keys sorted.
///
/// The output is exactly what parsing the compare JSON into a `serde_json::Value` (whose
/// objects sort their keys), adding the two keys and pretty-printing gives: that is how it was
/// made at first. But a `Value` of a 200 MB comparison costs several times the JSON text (a
/// B-tree node per object), so the compare JSON is instead re-read as a stream
/// ([`json::object_entries`]): arrays are written as they are read and only each object's
/// entries are held until they are sorted. Numbers go through the same parser, so they print
/// exactly as before.
fn report_json(w: &mut dyn Write, cmp: &Comparison, framing: &LexiconFraming) -> io::Result<()> {
    let mut text = Vec::new();
    align::compare_json(&mut text, cmp)?;
    let mut entries = json::object_entries(&text)?;
    drop(text);
    // the terms table is small: as a `Value`, printed one level in
    let terms_text = serde_json::to_string_pretty(&serde_json::to_value(framing.terms())?)?
        .replace('\n', "\n  ");
    let schema = serde_json::to_string(SCHEMA)?;
    entries.retain(|(k, _)| k != "schema" && k != "terms");
    entries.push(("schema".into(), json::Rope::from(schema)));
    entries.push(("terms".into(), json::Rope::from(terms_text)));
    json::write_object(w, entries)
}
