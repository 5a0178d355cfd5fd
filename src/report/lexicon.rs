//! Output of `framediff lexicon list`, `lexicon show` and `lexicon check`: terminal tables,
//! TOML, text findings and JSON.
//!
//! The JSON of `show` is the [`Lexicon`] model itself (`name`, `description`, `version`,
//! `categories[].{id, description, terms}`, each term an object with `term` and, when present,
//! `variants`, `neutral`, `except`, `note`), so scripts read exactly what the matcher uses.

use std::io::{self, Write};

use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;

use super::fit;
use super::json::pretty;
use crate::lexicon::check;
use crate::lexicon::write;
use crate::lexicon::{Lexicon, Role};
use crate::report::style::Style;

/// One row of `lexicon list`.
#[derive(Debug, Clone, Serialize)]
struct ListRow {
    pub name: String,
    pub version: String,
    /// `built-in` or the path the lexicon was read from.
    pub source: String,
    pub categories: usize,
    pub terms: usize,
    pub description: String,
}

impl ListRow {
    fn new(lex: &Lexicon, source: impl Into<String>) -> ListRow {
        ListRow {
            name: lex.name.clone(),
            version: lex.version.clone(),
            source: source.into(),
            categories: lex.categories.len(),
            terms: lex.term_count(),
            description: lex.description.clone(),
        }
    }
}

fn table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t
}

fn rows(lexicons: &[(Lexicon, String)]) -> Vec<ListRow> {
    lexicons
        .iter()
        .map(|(lex, source)| ListRow::new(lex, source.as_str()))
        .collect()
}

/// `lexicon list` as a table: each lexicon with where it comes from (`built-in` or its path).
pub fn list_table(
    w: &mut dyn Write,
    lexicons: &[(Lexicon, String)],
    style: Style,
) -> io::Result<()> {
    let mut t = table(style);
    t.set_header(vec![
        "name",
        "version",
        "source",
        "categories",
        "terms",
        "description",
    ]);
    for r in rows(lexicons) {
        t.add_row(vec![
            r.name.clone(),
            r.version.clone(),
            r.source.clone(),
            r.categories.to_string(),
            r.terms.to_string(),
            r.description.clone(),
        ]);
    }
    writeln!(w, "{}", fit::table(&t, usize::from(style.width)))
}

/// `lexicon list` as JSON (an array of rows).
pub fn list_json(w: &mut dyn Write, lexicons: &[(Lexicon, String)]) -> io::Result<()> {
    pretty(w, &rows(lexicons))
}

/// `lexicon show` as JSON.
pub fn show_json(w: &mut dyn Write, lex: &Lexicon) -> io::Result<()> {
    pretty(w, lex)
}

/// `lexicon show` as TOML: a built-in lexicon's own `source` text, else the lexicon written
/// as TOML (a file in another format shows what `lexicon import` would write).
pub fn show_toml(w: &mut dyn Write, lex: &Lexicon, source: Option<&str>) -> io::Result<()> {
    match source {
        Some(src) => w.write_all(src.as_bytes()),
        None => w.write_all(write::to_toml(lex, &[]).as_bytes()),
    }
}

/// `lexicon check` as text: the findings as `file:line:column: …` lines, then, unless the
/// check `failed`, the summary line. A finding longer than `width` continues on lines
/// indented by two, so each still starts with its `file:line:column:` (what editors and grep
/// look for) and the output fits the terminal like every table.
pub fn check_text(
    w: &mut dyn Write,
    report: &check::Report,
    failed: bool,
    width: usize,
) -> io::Result<()> {
    w.write_all(fit::lines(&report.render_findings(), width).as_bytes())?;
    if !failed {
        w.write_all(fit::lines(&report.summary(), width).as_bytes())?;
    }
    Ok(())
}

/// `lexicon check` as JSON.
pub fn check_json(w: &mut dyn Write, report: &check::Report) -> io::Result<()> {
    pretty(w, report)
}

/// `lexicon show` as a heading and one table row per term.
pub fn show_table(w: &mut dyn Write, lex: &Lexicon, style: Style) -> io::Result<()> {
    w.write_all(show_text(lex, style).as_bytes())
}

fn show_text(lex: &Lexicon, style: Style) -> String {
    let mut out = format!(
        "{} {} ({} categories, {} terms)\n",
        lex.name,
        lex.version,
        lex.categories.len(),
        lex.term_count()
    );
    if !lex.description.is_empty() {
        out.push_str(&fit::lines(&lex.description, usize::from(style.width)));
    }
    let mut rows: Vec<[String; 6]> = Vec::new();
    for (ci, c) in lex.categories.iter().enumerate() {
        // a reference category says so next to its id; loaded is the default and says nothing
        let id = match c.role {
            Role::Reference => format!("{} [reference]", c.id),
            Role::Loaded => c.id.clone(),
        };
        let label = if c.description.is_empty() {
            id
        } else {
            format!("{id}\n{}", c.description)
        };
        if c.terms.is_empty() {
            let parent = lex
                .categories
                .get(ci + 1)
                .is_some_and(|n| n.id.starts_with(&format!("{}/", c.id)));
            let what = if parent {
                "(terms in subcategories)"
            } else {
                "(no terms)"
            };
            rows.push([
                label,
                what.into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
            ]);
            continue;
        }
        for (i, term) in c.terms.iter().enumerate() {
            rows.push([
                if i == 0 { label.clone() } else { String::new() },
                term.term.clone(),
                term.variants.join(", "),
                term.neutral.clone().unwrap_or_default(),
                term.except.join("; "),
                term.note.clone().unwrap_or_default(),
            ]);
        }
    }
    // columns nobody uses (no neutral counterparts, say) only take width from the others
    let header = ["category", "term", "variants", "neutral", "except", "note"];
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| i < 2 || rows.iter().any(|r| !r[i].is_empty()))
        .collect();
    let mut t = table(style);
    t.set_header(keep.iter().map(|&i| header[i]).collect::<Vec<_>>());
    for r in &rows {
        t.add_row(keep.iter().map(|&i| r[i].clone()).collect::<Vec<_>>());
    }
    // category ids are identifiers: never break them across lines
    let id_width = lex
        .categories
        .iter()
        .map(|c| unicode_width::UnicodeWidthStr::width(c.id.as_str()))
        .max()
        .unwrap_or(8)
        .min(usize::from(style.width) / 3);
    if let Some(col) = t.column_mut(0) {
        col.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
            comfy_table::Width::Fixed(u16::try_from(id_width + 2).unwrap_or(20)), // + padding
        ));
    }
    out.push_str(&fit::table(&t, usize::from(style.width)));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse;
    use std::path::Path;

    #[test]
    fn json_has_the_documented_shape() {
        let lex = parse(
            "name = \"t\"\nversion = \"1\"\n[categories.a]\nterms = [\"x\", { term = \"y\", neutral = \"z\" }]\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let mut out = Vec::new();
        show_json(&mut out, &lex).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["name"], "t");
        assert_eq!(v["version"], "1");
        assert_eq!(v["categories"][0]["id"], "a");
        assert_eq!(
            v["categories"][0]["terms"][0],
            serde_json::json!({"term": "x"})
        );
        assert_eq!(
            v["categories"][0]["terms"][1],
            serde_json::json!({"term": "y", "neutral": "z"})
        );
    }

    #[test]
    fn table_lists_every_term() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\ndescription = \"Aaa\"\nterms = [\"x\", { term = \"y\", variants = [\"yy\"] }]\n[categories.b]\nterms = []\n",
            Path::new("t.toml"),
        )
        .unwrap();
        let s = show_text(&lex, Style::default());
        assert!(s.starts_with("t 0 (2 categories, 2 terms)\n"), "{s}");
        for want in ["Aaa", "yy", "(no terms)"] {
            assert!(s.contains(want), "{s}");
        }
    }
}
