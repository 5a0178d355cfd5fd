//! Output of `framediff lexicon suggest`: the ranked terminal table with evidence excerpts, the
//! `framediff.suggest/1` JSON, and `lexicon add` commands with TOML snippets to paste.

use std::collections::BTreeMap;
use std::io::{self, Write};

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table,
    Width,
};

use super::fit;
use super::style::Style;
use crate::analysis::suggest::{Candidate, Evidence, Suggestions};
use crate::lexicon::keyness;
use crate::lexicon::write;
use crate::lexicon::Term;

/// `framediff.suggest/1` JSON (pretty, newline-terminated).
pub fn json(w: &mut dyn Write, s: &Suggestions) -> io::Result<()> {
    super::json::pretty(w, s)
}

/// Longest evidence excerpt in the table, in characters (the phrase is always kept whole).
const EXCERPT: usize = 90;

/// The sentence shortened to about `EXCERPT` (90) characters around the phrase, cut at spaces
/// and marked with `…`; the phrase in bold when `color`.
pub fn excerpt(e: &Evidence, color: bool) -> String {
    let s = e.sentence.as_str();
    let (Some(a), Some(b)) = (e.start, e.end) else {
        return shorten_end(s, EXCERPT);
    };
    if a > b || b > s.len() || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
        return shorten_end(s, EXCERPT);
    }
    let phrase_len = s[a..b].chars().count();
    let room = EXCERPT.saturating_sub(phrase_len) / 2;
    let before = &s[..a];
    let after = &s[b..];
    let left = if before.chars().count() > room {
        let skip = before.chars().count() - room;
        let cut = before.char_indices().nth(skip).map_or(0, |(i, _)| i);
        // start at the next word
        let cut = before[cut..].find(' ').map_or(cut, |j| cut + j + 1);
        format!("…{}", &before[cut..])
    } else {
        before.to_string()
    };
    let right = if after.chars().count() > room {
        let cut = after
            .char_indices()
            .nth(room)
            .map_or(after.len(), |(i, _)| i);
        let cut = after[..cut].rfind(' ').unwrap_or(cut);
        format!("{}…", &after[..cut])
    } else {
        after.to_string()
    };
    let phrase = &s[a..b];
    let phrase = if color {
        use owo_colors::OwoColorize;
        phrase.bold().to_string()
    } else {
        phrase.to_string()
    };
    format!("{left}{phrase}{right}")
}

fn shorten_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let cut = s[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &s[..cut])
}

fn category_text(c: &Candidate, many_lexicons: bool) -> String {
    match (&c.category, &c.lexicon) {
        (Some(cat), Some(lex)) if many_lexicons => format!("{cat}\n({lex})"),
        (Some(cat), _) => cat.clone(),
        _ => "—".into(),
    }
}

/// Terminal table, best candidate first, fitted to `style.width`.
pub fn table(w: &mut dyn Write, s: &Suggestions, style: &Style, lexicons: usize) -> io::Result<()> {
    w.write_all(table_text(s, style, lexicons).as_bytes())
}

fn table_text(s: &Suggestions, style: &Style, lexicons: usize) -> String {
    let docs: Vec<String> = s
        .documents
        .iter()
        .map(|d| format!("{} ({} words)", d.label, d.words))
        .collect();
    let mut out = fit::lines(
        &format!("Documents: {}", docs.join(", ")),
        usize::from(style.width),
    );
    if s.candidates.is_empty() {
        out.push_str(
            "No candidate terms: every swapped or distinctive wording is already in the lexicons.\n",
        );
        return out;
    }
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t.set_header(vec![
        "#",
        "candidate\n(source)",
        "category",
        "used by\n(instead of)",
        "score",
        "G²",
        "evidence",
    ]);
    let many = lexicons > 1;
    for (i, c) in s.candidates.iter().enumerate() {
        let mut term = c.term.clone();
        if c.name {
            term.push_str(" (name?)");
        }
        if c.substitutions > 1 {
            term.push_str(&format!("\n({} ×{})", c.source.as_str(), c.substitutions));
        } else {
            term.push_str(&format!("\n({})", c.source.as_str()));
        }
        let mut who = c.outlet.clone();
        if let Some(cp) = &c.counterpart {
            who.push_str(&format!("\n({cp})"));
        }
        let g2 =
            c.g2.map(|g| format!("{g:.2}{}", keyness::mark(g)))
                .unwrap_or_default();
        let ev: Vec<String> = c
            .evidence
            .iter()
            .map(|e| format!("{}: {}", e.label, excerpt(e, style.color)))
            .collect();
        t.add_row(vec![
            Cell::new(i + 1).set_alignment(CellAlignment::Right),
            Cell::new(term),
            Cell::new(category_text(c, many)),
            Cell::new(who),
            Cell::new(format!("{:.1}", c.score)).set_alignment(CellAlignment::Right),
            Cell::new(g2).set_alignment(CellAlignment::Right),
            Cell::new(ev.join("\n")),
        ]);
    }
    // Numbers never wrap, category ids only when very long; the evidence gets the room the
    // short text columns leave.
    let cat_width = s
        .candidates
        .iter()
        .filter_map(|c| c.category.as_deref())
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(1)
        .clamp(8, 24) as u16
        + 2;
    let bounds = |lo: u16, hi: u16| ColumnConstraint::Boundaries {
        lower: Width::Fixed(lo),
        upper: Width::Fixed(hi),
    };
    let width = usize::from(style.width);
    // The roomy bounds first; on a narrow terminal the text columns may wrap sooner; when even
    // that is too wide, one block per candidate.
    let mut grid = String::new();
    for (candidate, category, used_by, evidence) in
        [(14, cat_width, 12, 28), (10, cat_width.min(12), 10, 16)]
    {
        for (i, col) in t.column_iter_mut().enumerate() {
            match i {
                0 | 4 | 5 => col.set_constraint(ColumnConstraint::ContentWidth),
                1 => col.set_constraint(bounds(candidate, 24)),
                2 => col.set_constraint(bounds(category, cat_width)),
                3 => col.set_constraint(bounds(used_by, 20)),
                _ => col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(evidence))),
            };
        }
        grid = t.to_string();
        if fit::fits(&grid, width) {
            break;
        }
    }
    if !fit::fits(&grid, width) {
        grid = fit::blocks(&t, width);
    }
    out.push_str(&grid);
    out.push('\n');
    out.push_str(&fit::lines(
        "score: substitutions whose counterpart the lexicons cover first (100 × coverage), other\n\
         substitutions 20; + 10 per substitution + G²; names without a category ÷ 4.\n\
         G²: log-likelihood of the candidate in the report using it against the others;\n\
         * p<0.05 ** p<0.01 *** p<0.001\n",
        width,
    ));
    out
}

/// Lines to paste: per suggested category a `framediff lexicon add` command (commented) and a
/// `[categories.…]` snippet, then the candidates with no known category under a placeholder
/// category. `files` maps a lexicon name to the file it was loaded from (`--lexicon FILE`); a
/// built-in lexicon is shown as `NAME.toml`, the file `lexicon show NAME --format toml` writes.
/// The output is valid TOML.
pub fn toml(
    w: &mut dyn Write,
    s: &Suggestions,
    files: &BTreeMap<String, String>,
) -> io::Result<()> {
    w.write_all(toml_text(s, files).as_bytes())
}

fn toml_text(s: &Suggestions, files: &BTreeMap<String, String>) -> String {
    let labels: Vec<&str> = s.documents.iter().map(|d| d.label.as_str()).collect();
    let mut out = format!(
        "# framediff lexicon suggest: {} candidate(s) from {}\n\
         # Review each one. Apply the ones you accept with the `lexicon add` command shown, or paste\n\
         # the snippet into a lexicon file. Built-in lexicons are read-only: copy one first with\n\
         #   framediff lexicon show NAME --format toml > NAME.toml\n",
        s.candidates.len(),
        labels.join(", ")
    );
    if s.candidates.is_empty() {
        return out;
    }
    // (lexicon, category) → candidates, in rank order of their best candidate
    type Group<'a> = ((Option<String>, Option<String>), Vec<&'a Candidate>);
    let mut groups: Vec<Group> = Vec::new();
    for c in &s.candidates {
        let k = (c.lexicon.clone(), c.category.clone());
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(c),
            None => groups.push((k, vec![c])),
        }
    }
    // known categories first, the unknown group last
    groups.sort_by_key(|((l, _), _)| l.is_none());
    for ((lex, cat), cands) in groups {
        out.push('\n');
        let quoted: Vec<String> = cands.iter().map(|c| shell_quote(&c.term)).collect();
        let (table_key, file, category) = match (&lex, &cat) {
            (Some(l), Some(c)) => {
                let file = files.get(l).cloned().unwrap_or_else(|| format!("{l}.toml"));
                let key: Vec<String> = c.split('/').map(write::key).collect();
                (key.join("."), file, c.clone())
            }
            _ => {
                out.push_str("# Category unknown: choose one (rename `CHOOSE`) or drop these.\n");
                (
                    "CHOOSE".to_string(),
                    "FILE".to_string(),
                    "CHOOSE".to_string(),
                )
            }
        };
        out.push_str(&format!(
            "# framediff lexicon add {} {} {}\n",
            shell_quote(&file),
            shell_quote(&category),
            quoted.join(" ")
        ));
        out.push_str(&format!("[categories.{table_key}]\nterms = [\n"));
        for c in cands {
            let why = match &c.counterpart {
                Some(cp) => format!("{} wrote it where {} wrote: {}", c.outlet, others(s, c), cp),
                None => format!(
                    "distinctive of {} (G² {:.2})",
                    c.outlet,
                    c.g2.unwrap_or(0.0)
                ),
            };
            let term = Term {
                neutral: c.neutral.clone(),
                ..Term::new(c.term.clone())
            };
            let mut line = format!("  {},", write::term(&term));
            line.push_str(&format!(
                "  # score {:.1}{}; {}",
                c.score,
                if c.name { ", probably a name" } else { "" },
                why.replace('\n', " ")
            ));
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("]\n");
    }
    out
}

fn others(s: &Suggestions, c: &Candidate) -> String {
    let v: Vec<&str> = s
        .documents
        .iter()
        .map(|d| d.label.as_str())
        .filter(|l| *l != c.outlet)
        .collect();
    v.join(", ")
}

/// A shell word: bare when safe, else single-quoted.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::suggest::{Source, SCHEMA};

    fn candidate(term: &str, category: Option<&str>) -> Candidate {
        Candidate {
            term: term.into(),
            source: Source::Substitution,
            category: category.map(str::to_string),
            lexicon: category.map(|_| "lex".to_string()),
            covered_by: None,
            neutral: None,
            counterpart: Some("other".into()),
            outlet: "b".into(),
            score: 1.0,
            g2: Some(0.5),
            counts: vec![0, 1],
            substitutions: 1,
            name: false,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn toml_snippets_are_valid_toml_with_nested_and_quoted_keys() {
        let s = Suggestions {
            schema: SCHEMA,
            documents: vec![],
            candidates: vec![
                candidate("Zionist \"entity\"", Some("state-labels/israel")),
                candidate("it's", Some("odd key")),
                candidate("loose", None),
            ],
        };
        let mut files = BTreeMap::new();
        files.insert("lex".to_string(), "my lex.toml".to_string());
        let out = toml_text(&s, &files);
        let t: ::toml::Table = ::toml::from_str(&out).expect("valid TOML");
        let terms = &t["categories"]["state-labels"]["israel"]["terms"];
        assert_eq!(terms[0].as_str(), Some("Zionist \"entity\""));
        assert_eq!(
            t["categories"]["odd key"]["terms"][0].as_str(),
            Some("it's")
        );
        assert_eq!(
            t["categories"]["CHOOSE"]["terms"][0].as_str(),
            Some("loose")
        );
        assert!(
            out.contains("# framediff lexicon add 'my lex.toml' 'odd key' 'it'\\''s'\n"),
            "{out}"
        );
    }

    #[test]
    fn excerpts_keep_the_phrase_and_cut_at_spaces() {
        let sentence = format!(
            "{} the key phrase {}",
            "word ".repeat(40),
            "tail ".repeat(40)
        );
        let start = sentence.find("key phrase").unwrap();
        let e = Evidence {
            label: "a".into(),
            sentence: sentence.clone(),
            start: Some(start),
            end: Some(start + "key phrase".len()),
        };
        let x = excerpt(&e, false);
        assert!(x.starts_with('…') && x.ends_with('…'), "{x}");
        assert!(x.contains("the key phrase tail"), "{x}");
        assert!(x.chars().count() <= EXCERPT + 2, "{x}");
        assert!(!x.contains("wor…") && !x.contains("…ord"), "{x}");
        let short = Evidence {
            sentence: "A short one.".into(),
            start: Some(2),
            end: Some(7),
            ..e
        };
        assert_eq!(excerpt(&short, false), "A short one.");
    }

    /// A candidate filed with loaded labels for the neutral wording it replaces carries that
    /// wording as its `neutral` in the snippet.
    #[test]
    fn a_neutral_counterpart_is_written_into_the_snippet() {
        let mut c = candidate("junta", Some("labels"));
        c.neutral = Some("government".into());
        let s = Suggestions {
            schema: SCHEMA,
            documents: vec![],
            candidates: vec![c],
        };
        let out = toml_text(&s, &BTreeMap::new());
        assert!(
            out.contains(r#"{ term = "junta", neutral = "government" },"#),
            "{out}"
        );
    }
}
