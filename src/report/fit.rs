//! Terminal tables that fit `--width`.
//!
//! comfy-table wraps cell text to the width it is given, but never below the lower bounds a
//! renderer sets (numbers that must not wrap, identifiers) nor below a few columns per column,
//! so a table with many reports or long labels can still come out wider than the terminal,
//! where the terminal wraps every line and the grid falls apart. Renderers therefore offer
//! their layouts from richest to plainest and print the first that [`fits`]; the last resort,
//! [`table`]'s fallback [`blocks`], always fits: one block per row, each cell on its own line
//! as `header: value`, wrapped, a word longer than the line broken.

use comfy_table::Table;
use unicode_width::UnicodeWidthChar;

use super::style::{visible_width, wrap};

/// Whether every line of `text` is at most `width` columns wide (ANSI colour codes aside).
pub fn fits(text: &str, width: usize) -> bool {
    text.lines().all(|l| visible_width(l) <= width)
}

/// `t` drawn as a grid when that fits `width`, else as [`blocks`]; no final newline (like
/// comfy-table's own `to_string`).
pub fn table(t: &Table, width: usize) -> String {
    let grid = t.to_string();
    if fits(&grid, width) {
        grid
    } else {
        blocks(t, width)
    }
}

/// The rows of `t` as blocks separated by blank lines: the first non-empty cell as
/// `header: value` at the margin, the others indented by two, continuation lines by four.
/// Header texts that comfy-table would draw on two lines (`used by\n(instead of)`) are joined.
/// No final newline.
pub fn blocks(t: &Table, width: usize) -> String {
    let header: Vec<String> = t
        .header()
        .map(|h| {
            h.cell_iter()
                .map(|c| c.content().split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for row in t.row_iter() {
        let mut block = String::new();
        for (j, cell) in row.cell_iter().enumerate() {
            let value = cell.content();
            if value.trim().is_empty() {
                continue;
            }
            let indent = if block.is_empty() { 0 } else { 2 };
            let name = header.get(j).map_or("", String::as_str);
            let mut lines = value.lines().map(str::trim);
            let first = lines.next().unwrap_or("");
            let mut text = if name.is_empty() {
                first.to_string()
            } else {
                format!("{name}: {first}")
            };
            for more in lines.filter(|l| !l.is_empty()) {
                // a cell's own lines stay lines, indented under the cell's first
                text.push('\n');
                text.push_str(more);
            }
            for (k, line) in text.lines().enumerate() {
                let lead = if k == 0 { indent } else { indent + 2 };
                block.push_str(&indented(line, width, lead));
                block.push('\n');
            }
        }
        out.push(block.trim_end_matches('\n').to_string());
    }
    out.join("\n\n")
}

/// [`wrap`] that never overflows: a word longer than the line is broken across lines (by
/// visible width, ANSI colour codes kept whole). Continuation lines are indented by `indent`.
pub fn wrap_hard(text: &str, width: usize, indent: usize) -> String {
    let width = width.max(indent + 1);
    let wrapped = wrap(text, width, indent);
    if fits(&wrapped, width) {
        return wrapped;
    }
    let mut out = String::new();
    for (k, line) in wrapped.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if visible_width(line) <= width {
            out.push_str(line);
            continue;
        }
        // break the over-long line character by character
        let mut col = 0;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                out.push(c);
                for e in chars.by_ref() {
                    out.push(e);
                    if e == 'm' {
                        break;
                    }
                }
                continue;
            }
            let w = c.width().unwrap_or(0);
            if col + w > width && col > indent {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
                if c == ' ' {
                    continue;
                }
            }
            out.push(c);
            col += w;
        }
    }
    out
}

/// `text` wrapped to `width` with every line indented by `lead` spaces, continuation lines by
/// two more. No final newline.
pub fn indented(text: &str, width: usize, lead: usize) -> String {
    let pad = " ".repeat(lead);
    wrap_hard(text, width.saturating_sub(lead), 2)
        .lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each line of `text` wrapped to `width` (continuation lines indented by two), so a legend or
/// a list of reports fits like the table above it. Lines that fit are left as they are.
pub fn lines(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if visible_width(line) <= width {
            out.push_str(line);
        } else {
            out.push_str(&wrap_hard(line, width, 2));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use comfy_table::{presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Width};

    #[test]
    fn long_words_are_broken_and_colour_codes_kept_whole() {
        let s = wrap_hard("ab abcdefghijkl", 5, 1);
        assert!(fits(&s, 5), "{s}");
        assert_eq!(s.replace(['\n', ' '], ""), "ababcdefghijkl");
        let red = format!("\x1b[31m{}\x1b[0m", "x".repeat(12));
        let s = wrap_hard(&red, 5, 0);
        assert!(fits(&s, 5), "{s:?}");
        assert!(s.contains("\x1b[31m") && s.contains("\x1b[0m"));
    }

    #[test]
    fn a_table_too_wide_for_its_bounds_becomes_blocks_that_fit() {
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(40);
        t.set_header(vec!["name", "count\n(quoted)", "note"]);
        t.add_row(vec![
            "a-very-long-identifier",
            "12",
            "first line\nsecond line",
        ]);
        t.add_row(vec!["b", "", "x"]);
        for col in t.column_iter_mut() {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(30)));
        }
        assert!(!fits(&t.to_string(), 40));
        let s = table(&t, 40);
        assert!(fits(&s, 40), "{s}");
        assert_eq!(
            s,
            "name: a-very-long-identifier\n  count (quoted): 12\n  note: first line\n    second line\n\nname: b\n  note: x"
        );
        // a table that fits is drawn as it is
        let mut small = Table::new();
        small.set_header(vec!["a"]).add_row(vec!["b"]);
        assert_eq!(table(&small, 40), small.to_string());
    }
}
