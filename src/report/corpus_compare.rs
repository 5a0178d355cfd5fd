//! Output of `corpus events` and `corpus compare`: the event of every document (JSONL, CSV),
//! one `framediff.corpus-compare/1` JSONL line per event, and the corpus summary as a terminal
//! table, CSV and an HTML overview page linking the per-event reports. Field meanings are in
//! `docs/corpus.md`.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};

use super::format::{self, fmt_int, fmt_pct};
use super::style::{wrap, Style};
use crate::analysis::corpus::compare::{EventComparison, PairSummary, Summary};

/// `corpus events --format jsonl`: `{"id": …, "event": …}` per document, in the given order.
pub fn events_jsonl(w: &mut dyn Write, rows: &[(String, String)]) -> io::Result<()> {
    for (id, event) in rows {
        serde_json::to_writer(&mut *w, &serde_json::json!({ "id": id, "event": event }))?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// `corpus events --format csv`: `id,event` per document, in the given order.
pub fn events_csv(w: &mut dyn Write, rows: &[(String, String)]) -> io::Result<()> {
    w.write_all(b"id,event\r\n")?;
    for (id, event) in rows {
        write!(w, "{},{}\r\n", format::csv(id), format::csv(event))?;
    }
    Ok(())
}

/// One event's comparisons as one JSONL line (`framediff.corpus-compare/1`).
pub fn compare_line(w: &mut dyn Write, e: &EventComparison) -> io::Result<()> {
    serde_json::to_writer(&mut *w, e)?;
    w.write_all(b"\n")
}

/// How many substitutions of each pair the table shows (the CSV has them all).
const TABLE_SUBSTITUTIONS: usize = 10;

/// The corpus summary for a terminal: per outlet pair, a line of omission and discrepancy
/// figures, then its most widespread substitutions, fitted to the width.
pub fn summary_table(w: &mut dyn Write, s: &Summary, style: &Style) -> io::Result<()> {
    let width = style.width as usize;
    let mut out = String::new();
    out.push_str(&wrap(
        &format!(
            "{} events, {} with two or more outlets compared",
            fmt_int(s.events as u64),
            fmt_int(s.compared as u64)
        ),
        width,
        2,
    ));
    out.push('\n');
    let pairs = s.pairs();
    if pairs.is_empty() {
        out.push_str("\nNo event has reports of two outlets to compare.\n");
        return w.write_all(out.as_bytes());
    }
    let mut t = table_of(style);
    t.set_header(vec![
        "A",
        "B",
        "events",
        "B omits of A",
        "A omits of B",
        "discrepancies",
        "low coverage",
    ]);
    for p in &pairs {
        t.add_row(vec![
            Cell::new(&p.a),
            Cell::new(&p.b),
            right(fmt_int(p.events as u64)),
            right(omission(p.only.a, p.sentences.a, p.omitted_by_b())),
            right(omission(p.only.b, p.sentences.b, p.omitted_by_a())),
            right(fmt_int(p.discrepancy_total() as u64)),
            right(fmt_int(p.low_coverage as u64)),
        ]);
    }
    out.push('\n');
    out.push_str(&t.to_string());
    out.push('\n');
    for p in &pairs {
        out.push('\n');
        out.push_str(&wrap(
            &format!(
                "{} → {}: substitutions over {} shared events",
                p.a,
                p.b,
                fmt_int(p.events as u64)
            ),
            width,
            2,
        ));
        out.push('\n');
        if p.substitutions.is_empty() {
            out.push_str("  none\n");
            continue;
        }
        let mut t = table_of(style);
        t.set_header(vec![
            format!("{} wrote", p.a),
            format!("{} wrote", p.b),
            "events".into(),
            "times".into(),
            "e.g.".into(),
        ]);
        for x in p.substitutions.iter().take(TABLE_SUBSTITUTIONS) {
            t.add_row(vec![
                Cell::new(&x.a),
                Cell::new(&x.b),
                right(format!(
                    "{} of {}",
                    fmt_int(x.events as u64),
                    fmt_int(p.events as u64)
                )),
                right(fmt_int(x.count as u64)),
                Cell::new(x.examples.join(" ")),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
        if p.substitutions.len() > TABLE_SUBSTITUTIONS {
            out.push_str(&format!(
                "  … and {} more (--summary-csv FILE has them all)\n",
                fmt_int((p.substitutions.len() - TABLE_SUBSTITUTIONS) as u64)
            ));
        }
    }
    w.write_all(out.as_bytes())
}

fn omission(part: usize, whole: usize, rate: Option<f64>) -> String {
    format!(
        "{} of {} ({})",
        fmt_int(part as u64),
        fmt_int(whole as u64),
        fmt_pct(rate)
    )
}

fn table_of(style: &Style) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t
}

fn right(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

/// The corpus summary as CSV, one row per figure (long format, for R and pandas).
///
/// Columns: `outlet_a,outlet_b,shared_events,measure,a,b,events,count,total,rate,examples`.
/// `measure` is `substitution` (`a` replaced by `b`; `events` it occurs in, `count` times,
/// `rate` = events / shared events), `omitted_by_b` / `omitted_by_a` (sentences of one side the
/// other lacks: `count` of `total` sentences, `rate` their share) or `discrepancy` (`a` holds
/// the kind: number, year, weekday, month, name); `examples` are up to three event ids.
pub fn summary_csv(w: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let mut out = String::from(
        "outlet_a,outlet_b,shared_events,measure,a,b,events,count,total,rate,examples\r\n",
    );
    let rate = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
    for p in s.pairs() {
        let mut line = |fields: [String; 8]| {
            let head = [p.a.clone(), p.b.clone(), p.events.to_string()];
            let f: Vec<String> = head
                .iter()
                .chain(fields.iter())
                .map(|x| format::csv(x))
                .collect();
            out.push_str(&f.join(","));
            out.push_str("\r\n");
        };
        line([
            "omitted_by_b".into(),
            String::new(),
            String::new(),
            String::new(),
            p.only.a.to_string(),
            p.sentences.a.to_string(),
            rate(p.omitted_by_b()),
            String::new(),
        ]);
        line([
            "omitted_by_a".into(),
            String::new(),
            String::new(),
            String::new(),
            p.only.b.to_string(),
            p.sentences.b.to_string(),
            rate(p.omitted_by_a()),
            String::new(),
        ]);
        for (kind, n) in &p.discrepancies {
            line([
                "discrepancy".into(),
                kind.as_str().into(),
                String::new(),
                String::new(),
                n.to_string(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for x in &p.substitutions {
            line([
                "substitution".into(),
                x.a.clone(),
                x.b.clone(),
                x.events.to_string(),
                x.count.to_string(),
                p.events.to_string(),
                rate(Some(crate::analysis::round(
                    x.events as f64 / p.events.max(1) as f64,
                    4,
                ))),
                x.examples.join(" "),
            ]);
        }
    }
    w.write_all(out.as_bytes())
}

/// The HTML overview page: the summary per outlet pair, and the list of events, each linked to
/// its report when `links` has one (`(event, relative file name)` in output order).
pub fn overview_html(
    w: &mut dyn Write,
    s: &Summary,
    events: &[(String, Option<String>)],
) -> io::Result<()> {
    let h = format::html;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>framediff corpus comparison</title>\n<style>\n\
         body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}\n\
         table{border-collapse:collapse;margin:.5em 0 1.5em}\n\
         th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\n\
         td.n{text-align:right;font-variant-numeric:tabular-nums}\n</style>\n</head>\n<body>\n\
         <h1>Corpus comparison</h1>\n",
    );
    out.push_str(&format!(
        "<p>{} events, {} with two or more outlets compared.</p>\n",
        fmt_int(s.events as u64),
        fmt_int(s.compared as u64)
    ));
    let pairs = s.pairs();
    if !pairs.is_empty() {
        out.push_str(
            "<h2>Outlet pairs</h2>\n<table>\n<thead><tr><th>A</th><th>B</th><th>events</th>\
             <th>B omits of A</th><th>A omits of B</th><th>discrepancies</th><th>low coverage</th></tr></thead>\n<tbody>\n",
        );
        for p in &pairs {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                h(&p.a),
                h(&p.b),
                fmt_int(p.events as u64),
                h(&omission(p.only.a, p.sentences.a, p.omitted_by_b())),
                h(&omission(p.only.b, p.sentences.b, p.omitted_by_a())),
                fmt_int(p.discrepancy_total() as u64),
                fmt_int(p.low_coverage as u64),
            ));
        }
        out.push_str("</tbody>\n</table>\n");
        for p in &pairs {
            substitutions_html(&mut out, p, events);
        }
    }
    out.push_str("<h2>Events</h2>\n<ul>\n");
    for (event, link) in events {
        match link {
            Some(file) => out.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                h(&href(file)),
                h(event)
            )),
            None => out.push_str(&format!("<li>{}</li>\n", h(event))),
        }
    }
    out.push_str("</ul>\n</body>\n</html>\n");
    w.write_all(out.as_bytes())
}

fn substitutions_html(out: &mut String, p: &PairSummary, events: &[(String, Option<String>)]) {
    let h = format::html;
    out.push_str(&format!(
        "<h3>{} → {}: substitutions over {} shared events</h3>\n",
        h(&p.a),
        h(&p.b),
        fmt_int(p.events as u64)
    ));
    if p.substitutions.is_empty() {
        out.push_str("<p>None.</p>\n");
        return;
    }
    out.push_str(&format!(
        "<table>\n<thead><tr><th>{} wrote</th><th>{} wrote</th><th>events</th><th>times</th><th>e.g.</th></tr></thead>\n<tbody>\n",
        h(&p.a),
        h(&p.b)
    ));
    for x in &p.substitutions {
        let examples: Vec<String> = x
            .examples
            .iter()
            .map(|e| match events.iter().find(|(id, _)| id == e) {
                Some((_, Some(file))) => format!("<a href=\"{}\">{}</a>", h(&href(file)), h(e)),
                _ => h(e),
            })
            .collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{} of {}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
            h(&x.a),
            h(&x.b),
            fmt_int(x.events as u64),
            fmt_int(p.events as u64),
            fmt_int(x.count as u64),
            examples.join(" ")
        ));
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A relative file name as a link target: path segments percent-encoded where needed.
fn href(file: &str) -> String {
    let mut out = String::new();
    for b in file.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A safe, deterministic file name for an event's report: the id's letters, digits, `-`, `_`
/// and `.` kept (others become `_`, no leading dot, at most 80 characters), plus a short hash
/// of the full id whenever anything was changed, so two ids never share a file.
pub fn report_file_name(event: &str) -> String {
    let mut base: String = event
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    while base.starts_with('.') {
        base.replace_range(..1, "_");
    }
    if base != event || base.is_empty() {
        let hash = super::html::sha256(event.as_bytes());
        base.push_str(&format!(
            "-{:02x}{:02x}{:02x}{:02x}",
            hash[0], hash[1], hash[2], hash[3]
        ));
    }
    base.push_str(".html");
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        assert_eq!(report_file_name("e0001"), "e0001.html");
        let a = report_file_name("../etc/passwd");
        let b = report_file_name("__etc_passwd");
        assert!(!a.contains('/') && !a.starts_with('.'), "{a}");
        assert_ne!(a, b);
        assert!(report_file_name("").ends_with(".html"));
        assert!(report_file_name(".hidden").starts_with('_'));
        assert_eq!(href("a b.html"), "a%20b.html");
    }
}
