//! Rendering of the `framediff report` HTML and Markdown from a synthetic view model: structure,
//! escaping of hostile article text, determinism, the CSP hash, and (when Chromium is installed)
//! what a real browser makes of a hostile report.

use std::path::{Path, PathBuf};
use std::process::Command;

use framediff::report::view::{
    CategoryInfo, Cell, Change, Discrepancy, DiscrepancyValue, KeynessItem, Outlet, OutletSummary,
    Piece, Report, RowKind, SentenceRow as Row, Substitution, Summary, TermRow, TermTable, Variant,
};
use framediff::report::{html, markdown};

/// The renderers write to an `io::Write`; these tests read the whole page.
fn html_page(r: &Report) -> String {
    let mut out = Vec::new();
    html::render(&mut out, r, &r.rows).unwrap();
    String::from_utf8(out).unwrap()
}

fn markdown_doc(r: &Report) -> String {
    let mut out = Vec::new();
    markdown::render(&mut out, r, &r.rows).unwrap();
    String::from_utf8(out).unwrap()
}

fn report_json(r: &Report) -> String {
    let mut out = Vec::new();
    framediff::report::view::json(&mut out, r).unwrap();
    String::from_utf8(out).unwrap()
}
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::common;

// ---------------------------------------------------------------------------------------------
// A synthetic but realistic report.

/// Cell text in a small diff notation: `[-dropped-]`, `{+added+}`, `((term:N))` a hit of
/// category N (also inside `[-…-]` / `{+…+}`). Text between “ and ” is quoted speech.
fn cell(ids: &[usize], score: Option<f64>, dsl: &str) -> Option<Cell> {
    let mut pieces = Vec::new();
    let mut rest = dsl;
    while !rest.is_empty() {
        let next = ["[-", "{+", "(("]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min();
        let Some((i, m)) = next else {
            pieces.push(Piece::same(rest));
            break;
        };
        if i > 0 {
            pieces.push(Piece::same(&rest[..i]));
        }
        let (close, change) = match m {
            "[-" => ("-]", Change::Deleted),
            "{+" => ("+}", Change::Inserted),
            _ => ("))", Change::Same),
        };
        let body_start = if m == "((" { i } else { i + 2 };
        let end = rest[i + 2..].find(close).expect("closed marker") + i + 2;
        let body = &rest[body_start..if m == "((" { end + 2 } else { end }];
        pieces.push(hit_or_text(body, change));
        rest = &rest[end + 2..];
    }
    let mut quoted = false;
    for p in &mut pieces {
        if p.text.contains('“') {
            quoted = true;
        }
        p.quoted = quoted;
        if p.text.contains('”') {
            quoted = false;
        }
    }
    Some(Cell {
        sentence_ids: ids.to_vec(),
        score,
        pieces,
        also: Vec::new(),
    })
}

fn hit_or_text(body: &str, change: Change) -> Piece {
    if let Some(inner) = body.strip_prefix("((").and_then(|b| b.strip_suffix("))")) {
        let (text, cat) = inner.rsplit_once(':').expect("term:category");
        Piece {
            text: text.into(),
            change,
            category: Some(cat.parse().expect("category number")),
            quoted: false,
        }
    } else {
        Piece {
            text: body.into(),
            change,
            category: None,
            quoted: false,
        }
    }
}

fn outlet(
    label: &str,
    title: &str,
    date: &str,
    words: usize,
    sentences: usize,
    cov: Option<f64>,
) -> Outlet {
    Outlet {
        label: label.into(),
        title: Some(title.into()),
        date: Some(date.into()),
        path: format!("reports/{}.html", label.to_lowercase().replace(' ', "-")),
        words,
        sentences,
        coverage: cov,
        set_aside: Default::default(),
    }
}

#[allow(clippy::too_many_arguments)] // a table row literal: one argument per column
fn term(
    cat: &str,
    idx: usize,
    term: &str,
    neutral: Option<&str>,
    counts: &[u64],
    words: &[u64],
    g2: f64,
    lr: f64,
    mark: &str,
) -> TermRow {
    let n = counts.len();
    TermRow {
        lexicon: "conflict-framing".into(),
        category: cat.into(),
        role: Default::default(),
        category_index: Some(idx),
        term: term.into(),
        neutral: neutral.map(Into::into),
        is_subtotal: false,
        counts: counts.to_vec(),
        per_1000: counts
            .iter()
            .zip(words)
            .map(|(&c, &w)| c as f64 * 1000.0 / w as f64)
            .collect(),
        quoted: counts.iter().map(|&c| c / 2).collect(),
        g2: (0..n)
            .map(|i| if i == 0 { Some(g2) } else { Some(g2 / 2.0) })
            .collect(),
        log_ratio: (0..n)
            .map(|i| if i == 0 { Some(lr) } else { Some(-lr) })
            .collect(),
        mark: (0..n)
            .map(|i| {
                if i == 0 {
                    mark.to_string()
                } else {
                    String::new()
                }
            })
            .collect(),
    }
}

/// Three outlets (or the first two): pivot "Tehran Daily", "Levant Wire", "Gulf Monitor".
fn sample(n: usize) -> Report {
    assert!(n == 2 || n == 3);
    let words = [412u64, 388, 301];
    let mut outlets = vec![
        outlet(
            "Tehran Daily",
            "Advisor: foreign forces must leave the region",
            "2024-05-08",
            412,
            14,
            Some(0.79),
        ),
        outlet(
            "Levant Wire",
            "Resistance states must join forces, says advisor",
            "2024-05-09",
            388,
            15,
            Some(0.73),
        ),
        outlet(
            "Gulf Monitor",
            "Ministers meet in Tehran",
            "8 May 2024",
            301,
            11,
            Some(0.82),
        ),
    ];
    outlets.truncate(n);
    let categories = vec![
        CategoryInfo {
            id: "delegitimizing".into(),
            label: "Delegitimising labels".into(),
            lexicon: "conflict-framing".into(),
            description: "names that deny an actor's legitimacy".into(),
            colour: 0,
        },
        CategoryInfo {
            id: "resistance".into(),
            label: "Resistance framing".into(),
            lexicon: "conflict-framing".into(),
            description: "the 'axis of resistance' vocabulary".into(),
            colour: 1,
        },
        CategoryInfo {
            id: "interference".into(),
            label: "Foreign interference".into(),
            lexicon: "conflict-framing".into(),
            description: "outside powers cast as intruders".into(),
            colour: 2,
        },
    ];
    // (pivot, levant, gulf)
    #[allow(clippy::type_complexity)]
    let rows: Vec<(RowKind, [Option<Cell>; 3])> = vec![
        (
            RowKind::Aligned,
            [
                cell(&[0], None, "Foreign Minister Karim Haddad met his counterpart Omid Rahimi in Tehran on [-Wednesday-] to discuss regional security."),
                cell(&[1], Some(0.86), "Foreign Minister Karim Haddad met his counterpart Omid Rahimi in Tehran on [-Wednesday-]{+Thursday+} to discuss regional security."),
                cell(&[0], Some(0.71), "[-Foreign Minister Karim -]Haddad met [-his counterpart Omid -]Rahimi in Tehran on Wednesday[- to discuss regional security-]."),
            ],
        ),
        (
            RowKind::OnlyIn(1),
            [None, cell(&[2], None, "Haddad arrived in Tehran after a two-day visit to Baghdad, his ministry said."), None],
        ),
        (
            RowKind::Aligned,
            [
                cell(&[1], None, "Rahimi said the ((resistance front:1)) would deepen its cooperation against [-((foreign interference:2))-]."),
                cell(&[3, 4], Some(0.64), "Rahimi said the ((resistance front:1)) would deepen its cooperation against [-((foreign interference:2))-]{+((American occupation:2))+}, adding that the region belongs to its peoples."),
                cell(&[1], Some(0.77), "Rahimi said the [-((resistance front:1))-]{+two countries+} would deepen [-its -]cooperation against [-foreign-]{+Western+} interference."),
            ],
        ),
        (
            RowKind::Aligned,
            [
                cell(&[2], None, "“The [-((occupation regime:0))-] and its [-allies-] are too weak to stop us,” he said."),
                cell(&[5], Some(0.69), "“The [-((occupation regime:0))-]{+((Zionist regime:0))+} and its [-allies-]{+((puppets:0))+} are too weak to stop us,” he said."),
                cell(&[2], Some(0.93), "“The [-((occupation regime:0))-]{+Israeli government+} and its allies are too weak to stop us,” he said."),
            ],
        ),
        (
            RowKind::Aligned,
            [
                cell(&[3], None, "The ministers also discussed trade worth 3 billion dollars a year."),
                None,
                cell(&[3], Some(0.88), "The ministers also discussed trade worth [-3-]{+4+} billion dollars a year."),
            ],
        ),
        (
            RowKind::Aligned,
            [
                cell(&[4], None, "Haddad thanked Iran for its support during the war."),
                cell(&[6], Some(1.0), "Haddad thanked Iran for its support during the war."),
                cell(&[4], Some(1.0), "Haddad thanked Iran for its support during the war."),
            ],
        ),
        (
            RowKind::OnlyIn(0),
            [cell(&[5], None, "The visit was the minister's third to Tehran this year."), None, None],
        ),
    ];
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|(k, _)| !matches!(k, RowKind::OnlyIn(o) if *o >= n))
        .map(|(kind, cells)| {
            let mut cells: Vec<Option<Cell>> = cells.into_iter().take(n).collect();
            // With two outlets the pivot cell marks what its partner dropped (the pivot cells
            // above are written against Levant Wire); with more it shows its own text.
            if n > 2 || cells[1].is_none() {
                for piece in cells[0].iter_mut().flat_map(|c| c.pieces.iter_mut()) {
                    piece.change = Change::Same;
                }
            }
            let kind = match kind {
                RowKind::Aligned if cells.iter().skip(1).all(Option::is_none) => RowKind::OnlyIn(0),
                k => k,
            };
            Row { kind, cells }
        })
        .collect();
    let sub = |from: &str, to: &str, count, outlet, fc, tc| Substitution {
        from: from.into(),
        to: to.into(),
        count,
        outlet,
        from_category: fc,
        to_category: tc,
    };
    let mut substitutions = vec![
        sub(
            "occupation regime",
            "Zionist regime",
            2,
            1,
            Some(0),
            Some(0),
        ),
        sub("allies", "puppets", 1, 1, None, Some(0)),
        sub(
            "foreign interference",
            "American occupation",
            1,
            1,
            Some(2),
            Some(2),
        ),
        sub(
            "occupation regime",
            "Israeli government",
            1,
            2,
            Some(0),
            None,
        ),
        sub("foreign", "Western", 1, 2, None, None),
    ];
    substitutions.retain(|s| s.outlet < n);
    let mut discrepancies = vec![
        Discrepancy {
            kind: "weekday".into(),
            values: vec![
                DiscrepancyValue {
                    outlet: 0,
                    value: "Wednesday".into(),
                },
                DiscrepancyValue {
                    outlet: 1,
                    value: "Thursday".into(),
                },
            ],
            row: Some(0),
        },
        Discrepancy {
            kind: "number".into(),
            values: vec![
                DiscrepancyValue {
                    outlet: 0,
                    value: "3 billion dollars".into(),
                },
                DiscrepancyValue {
                    outlet: 2,
                    value: "4 billion dollars".into(),
                },
            ],
            row: Some(4),
        },
    ];
    discrepancies.retain(|d| d.values.iter().all(|v| v.outlet < n));
    let w = &words[..n];
    let c = |v: [u64; 3]| v[..n].to_vec();
    let mut sub0 = term(
        "delegitimizing",
        0,
        "",
        None,
        &c([2, 5, 0]),
        w,
        7.9,
        -1.4,
        "**",
    );
    sub0.is_subtotal = true;
    let mut sub2 = term("interference", 2, "", None, &c([1, 1, 0]), w, 0.2, 0.1, "");
    sub2.is_subtotal = true;
    let terms = TermTable {
        rows: vec![
            term(
                "delegitimizing",
                0,
                "occupation regime",
                Some("Israel"),
                &c([2, 0, 0]),
                w,
                3.1,
                2.2,
                "",
            ),
            term(
                "delegitimizing",
                0,
                "Zionist regime",
                Some("Israel"),
                &c([0, 3, 0]),
                w,
                4.4,
                -3.0,
                "*",
            ),
            term(
                "delegitimizing",
                0,
                "puppets",
                Some("allies"),
                &c([0, 2, 0]),
                w,
                2.9,
                -2.5,
                "",
            ),
            sub0,
            term(
                "interference",
                2,
                "foreign interference",
                None,
                &c([1, 0, 0]),
                w,
                1.4,
                1.0,
                "",
            ),
            term(
                "interference",
                2,
                "American occupation",
                Some("US troops"),
                &c([0, 1, 0]),
                w,
                1.3,
                -1.0,
                "",
            ),
            sub2,
        ],
    };
    let per_outlet = vec![
        OutletSummary {
            shared: 11,
            added: 3,
            omitted: 0,
        },
        OutletSummary {
            shared: 11,
            added: 4,
            omitted: 2,
        },
        OutletSummary {
            shared: 9,
            added: 2,
            omitted: 5,
        },
    ][..n]
        .to_vec();
    let top_keyness = vec![KeynessItem {
        category: 0,
        outlet: 1,
        g2: 7.9,
        log_ratio: 1.4,
        mark: "**".into(),
    }];
    let variants = vec![Variant {
        a: "Rahimi".into(),
        b: "Rahimy".into(),
        count: 3,
        a_outlets: vec![0],
        b_outlets: vec![1],
    }];
    Report {
        title: format!("Haddad meets Rahimi — {n} reports"),
        generated_by: "framediff 0.1.0".into(),
        outlets,
        pivot: 0,
        summary: Summary {
            per_outlet,
            top_substitutions: substitutions.iter().take(3).cloned().collect(),
            top_keyness,
        },
        rows,
        substitutions,
        discrepancies,
        variants,
        categories,
        terms,
        warnings: if n > 2 {
            vec!["Gulf Monitor shares few sentences with the pivot; check that it reports the same meeting.".into()]
        } else {
            Vec::new()
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile text.

const HOSTILE: &[&str] = &[
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "\"><svg onload=\"document.title='pwned'\">",
    "' onmouseover='document.title=1' x='",
    "</style><script>document.title='pwned'</script>",
    "</textarea><script>document.title='pwned'</script>",
    "<a href=\"javascript:document.title='pwned'\">click</a>",
    "[click](javascript:alert(1)) ![x](http://example.com/x.png)",
    "<!-- comment",
    "| a | b |\n# Heading\n\n- list",
    "*star* _under_ `code` ~~strike~~ $x$ &amp; &lt;b&gt; \\",
];

/// Append hostile text to every text field of the report.
fn poison(r: &mut Report) {
    let mut k = 0usize;
    let mut next = || {
        k += 1;
        format!(" {} ", HOSTILE[k % HOSTILE.len()])
    };
    r.title.push_str(&next());
    r.generated_by.push_str(&next());
    for o in &mut r.outlets {
        o.label.push_str(&next());
        o.title.get_or_insert_default().push_str(&next());
        o.date.get_or_insert_default().push_str(&next());
        o.path.push_str(&next());
    }
    for row in &mut r.rows {
        for c in row.cells.iter_mut().flatten() {
            for p in &mut c.pieces {
                p.text.push_str(&next());
            }
            c.pieces.push(Piece::same(next()));
        }
    }
    for s in r
        .substitutions
        .iter_mut()
        .chain(&mut r.summary.top_substitutions)
    {
        s.from.push_str(&next());
        s.to.push_str(&next());
    }
    for k in &mut r.summary.top_keyness {
        k.mark.push_str(&next());
    }
    for d in &mut r.discrepancies {
        d.kind.push_str(&next());
        for v in &mut d.values {
            v.value.push_str(&next());
        }
    }
    for v in &mut r.variants {
        v.a.push_str(&next());
        v.b.push_str(&next());
    }
    for c in &mut r.categories {
        c.id.push_str(&next());
        c.label.push_str(&next());
        c.lexicon.push_str(&next());
        c.description.push_str(&next());
    }
    for t in &mut r.terms.rows {
        t.lexicon.push_str(&next());
        t.category.push_str(&next());
        t.term.push_str(&next());
        t.neutral.get_or_insert_default().push_str(&next());
        for m in &mut t.mark {
            m.push_str(&next());
        }
    }
    r.warnings.push(next());
}

/// A plain two-outlet report straight from `fixtures/hostile/`: paragraph i of each file side by
/// side, some words marked deleted/inserted and some as lexicon hits.
fn fixture_report() -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile");
    let read = |f: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join(f))
            .unwrap()
            .split("\n\n")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    let (a, b) = (read("border-daily.txt"), read("frontier-post.txt"));
    let mut r = sample(2);
    r.title = a[0].clone();
    let files = [("border-daily.txt", &a), ("frontier-post.txt", &b)];
    for (o, (f, paras)) in r.outlets.iter_mut().zip(files) {
        o.title = Some(paras[0].clone());
        o.path = format!("fixtures/hostile/{f}");
    }
    r.rows = (1..a.len().max(b.len()))
        .map(|i| {
            let cell = |p: Option<&String>, change| {
                p.map(|t| Cell {
                    sentence_ids: vec![i],
                    score: None,
                    pieces: t
                        .split_inclusive(' ')
                        .enumerate()
                        .map(|(k, w)| Piece {
                            text: w.to_string(),
                            change: if k % 5 == 3 { change } else { Change::Same },
                            category: (k % 7 == 2).then_some(k % 3),
                            quoted: w.contains('"'),
                        })
                        .collect(),
                    also: Vec::new(),
                })
            };
            let cells = vec![
                cell(a.get(i), Change::Deleted),
                cell(b.get(i), Change::Inserted),
            ];
            let kind = match (&cells[0], &cells[1]) {
                (Some(_), None) => RowKind::OnlyIn(0),
                (None, Some(_)) => RowKind::OnlyIn(1),
                _ => RowKind::Aligned,
            };
            Row { kind, cells }
        })
        .collect();
    r.discrepancies.clear();
    r
}

fn hostile_report() -> Report {
    let mut r = sample(3);
    poison(&mut r);
    r
}

// ---------------------------------------------------------------------------------------------
// HTML inspection helpers.

const TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "div", "header", "footer", "nav", "section",
    "h1", "h2", "h3", "p", "ul", "li", "a", "strong", "span", "table", "colgroup", "col", "thead",
    "tbody", "tr", "th", "td", "del", "ins", "mark", "label", "input", "script",
];
const ATTRS: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "class",
    "id",
    "href",
    "title",
    "scope",
    "colspan",
    "rowspan",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-live",
    "data-cat",
    "type",
    "hidden",
];

/// Every tag in `html`, outside the contents of `<style>` and `<script>`, as (name, attributes).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let tag = Regex::new(r#"<(/?)([A-Za-z!][A-Za-z0-9-]*)((?:\s+[A-Za-z-]+(?:="[^"]*")?)*)\s*>"#)
        .unwrap();
    let attr = Regex::new(r#"([A-Za-z-]+)(?:="([^"]*)")?"#).unwrap();
    let any_lt = Regex::new(r"<[/!A-Za-z?]").unwrap();
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(m) = any_lt.find(rest) {
        let c = tag
            .captures(&rest[m.start()..])
            .filter(|c| c.get(0).unwrap().start() == 0)
            .unwrap_or_else(|| {
                panic!(
                    "malformed tag at: {}",
                    &rest[m.start()..(m.start() + 80).min(rest.len())]
                )
            });
        let name = c[2].to_ascii_lowercase();
        let attrs = attr
            .captures_iter(&c[3])
            .map(|a| {
                (
                    a[1].to_ascii_lowercase(),
                    a.get(2).map_or("", |v| v.as_str()).to_string(),
                )
            })
            .collect();
        let closing = !c[1].is_empty();
        out.push((
            if closing {
                format!("/{name}")
            } else {
                name.clone()
            },
            attrs,
        ));
        rest = &rest[m.start() + c[0].len()..];
        if !closing && (name == "style" || name == "script") {
            let end = rest
                .find(&format!("</{name}>"))
                .expect("raw text element closed");
            rest = &rest[end..];
        }
    }
    out
}

fn assert_html_safe(html: &str) {
    let mut scripts = 0;
    for (name, attrs) in tags(html) {
        let bare = name.trim_start_matches('/');
        if name == "!doctype" {
            continue;
        }
        assert!(TAGS.contains(&bare), "unexpected tag <{name}>");
        if name == "script" {
            scripts += 1;
        }
        for (a, v) in attrs {
            assert!(
                ATTRS.contains(&a.as_str()),
                "unexpected attribute {a} on <{name}>"
            );
            if a == "href" {
                assert!(v.starts_with('#'), "external link {v}");
            }
        }
    }
    assert_eq!(scripts, 1, "exactly one script: ours");
    let lower = html.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1);
    assert_eq!(lower.matches("</script").count(), 1);
    assert_eq!(lower.matches("</style").count(), 1);
    assert!(!lower.contains("<img") && !lower.contains("<svg") && !lower.contains("<!--"));
    assert!(!lower.contains("</textarea") && !lower.contains("<textarea"));
    assert!(!lower.contains("<a href=\"javascript"));
}

fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("section {id}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

// ---------------------------------------------------------------------------------------------
// HTML tests.

#[test]
fn sample_model_is_consistent() {
    for n in [2, 3] {
        assert_eq!(sample(n).problems(), Vec::<String>::new());
        assert_eq!(hostile_report().problems(), Vec::<String>::new());
    }
}

#[test]
fn html_has_every_section_and_a_column_per_outlet() {
    let r = sample(3);
    let h = html_page(&r);
    assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for id in [
        "reports",
        "summary",
        "sentences",
        "substitutions",
        "discrepancies",
        "variants",
        "terms",
    ] {
        section(&h, id);
        assert!(
            h.contains(&format!("href=\"#{id}\"")),
            "table of contents links {id}"
        );
    }
    // Header: every outlet with its counts.
    let reports = section(&h, "reports");
    for o in &r.outlets {
        assert!(reports.contains(&o.label));
        assert!(reports.contains(o.title.as_deref().unwrap()));
        assert!(reports.contains(&o.sentences.to_string()));
    }
    assert!(reports.contains("79%"));
    // Side by side: a header per outlet, a cell per outlet in each row.
    let s = section(&h, "sentences");
    let thead = &s[s.find("<thead>").unwrap()..s.find("</thead>").unwrap()];
    assert_eq!(
        thead.matches("<th scope=\"col\"").count(),
        1 + r.outlets.len()
    );
    let body = &s[s.find("<tbody>").unwrap()..];
    assert_eq!(body.matches("<tr id=\"row-").count(), r.rows.len());
    let cells = body.matches("<td").count();
    assert_eq!(cells, r.rows.len() * r.outlets.len());
    let missing: usize = r
        .rows
        .iter()
        .map(|r| r.cells.iter().filter(|c| c.is_none()).count())
        .sum();
    assert_eq!(s.matches("— not reported —").count(), missing);
    assert!(s.contains("<del class=\"del\">Wednesday</del>"));
    assert!(s.contains("<ins class=\"ins\">Thursday</ins>"));
    assert!(s.contains("<ins class=\"ins\"><mark class=\"cat-0\" data-cat=\"1\" title=\"Category: Delegitimising labels (conflict-framing)\">Zionist regime</mark></ins>"));
    assert!(s.contains("<span class=\"q\">"), "quoted speech styled");
    assert!(
        s.contains("class=\"row aligned same\""),
        "identical row classed for the filter"
    );
    assert!(s.contains("class=\"row only changed partial\""));
    // Legend: every category.
    for c in &r.categories {
        assert!(
            s.contains(&format!(">{}</mark>", c.label)),
            "legend lists {}",
            c.label
        );
    }
    // Summary numbers and lists.
    let sum = section(&h, "summary");
    assert!(sum.contains("Discrepancies <span class=\"muted\">(2)</span>"));
    assert!(sum.contains("href=\"#row-1\""));
    assert!(sum.contains("uses it more"));
    // Tables.
    assert_eq!(
        section(&h, "substitutions").matches("<tr><td>").count(),
        r.substitutions.len()
    );
    let terms = section(&h, "terms");
    assert_eq!(terms.matches("class=\"subtotal\"").count(), 2);
    assert_eq!(
        terms.matches("<th scope=\"colgroup\"").count(),
        r.outlets.len()
    );
    assert!(terms.contains("4.4&nbsp;*"));
    assert!(h.contains("Gulf Monitor shares few sentences"));
    assert_html_safe(&h);
}

#[test]
fn html_head_is_locked_down() {
    let h = html_page(&sample(2));
    let csp_at = h
        .find("http-equiv=\"Content-Security-Policy\"")
        .expect("CSP meta");
    assert!(
        csp_at < h.find("<style>").unwrap(),
        "CSP precedes every style and script"
    );
    assert!(h.contains(
        "default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; script-src &#39;sha256-"
    ));
    assert!(
        !h.contains("http://") && !h.contains("https://"),
        "no external resource"
    );
    assert!(!h.contains(" style=\""), "no inline style attributes");
    assert!(h.contains("print-color-adjust: exact"));
    assert!(h.contains("@media print"));
    // Without JavaScript the filter controls stay hidden despite `.filters { display: flex }`.
    assert!(h.contains("<div class=\"filters\" id=\"filters\" hidden>"));
    assert!(h.contains("[hidden] { display: none !important; }"));
}

/// Extract the script body and check the CSP hash with an independent tool when present.
#[test]
fn csp_hash_matches_the_inline_script() {
    let h = html_page(&sample(3));
    let start = h.find("<script>").unwrap() + "<script>".len();
    let end = h.find("</script>").unwrap();
    let body = &h[start..end];
    assert_eq!(body, html::SCRIPT);
    let expected = html::base64(&html::sha256(body.as_bytes()));
    assert!(h.contains(&format!("script-src &#39;sha256-{expected}&#39;")));
    // Cross-check the hand-written SHA-256 against coreutils.
    let tmp = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(tmp.path(), body).unwrap();
    if let Ok(out) = Command::new("sha256sum").arg(tmp.path()).output() {
        let hex = String::from_utf8_lossy(&out.stdout);
        let ours: String = html::sha256(body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(hex.split_whitespace().next().unwrap_or(""), ours);
    }
}

#[test]
fn html_escapes_every_hostile_field() {
    let r = hostile_report();
    let h = html_page(&r);
    assert_html_safe(&h);
    for s in HOSTILE {
        let raw_tag = s.contains('<') && !s.starts_with('|');
        if raw_tag {
            assert!(!h.contains(s), "raw hostile text in output: {s}");
        }
    }
    assert!(h.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(h.contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"));
    // The <title> holds the escaped title and nothing else.
    let t0 = h.find("<title>").unwrap() + 7;
    let t1 = h.find("</title>").unwrap();
    assert_eq!(&h[t0..t1], html::escape(&r.title));
}

#[test]
fn hostile_fixtures_render_as_text() {
    let r = fixture_report();
    assert_eq!(r.problems(), Vec::<String>::new());
    let h = html_page(&r);
    assert_html_safe(&h);
    assert!(h.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(h.contains("&lt;iframe"));
    let m = markdown_doc(&r);
    assert_markdown_safe(&m);
    assert!(md_text(&m).contains("<iframe src=\"https://example.com/track\"></iframe>"));
}

#[test]
fn html_and_markdown_survive_inconsistent_models() {
    let mut r = sample(3);
    r.pivot = 9;
    r.rows[0].cells.truncate(1);
    r.rows[2].cells[0].as_mut().unwrap().pieces[1].category = Some(42);
    r.summary.top_keyness[0].category = 7;
    r.substitutions[0].outlet = 5;
    r.discrepancies[0].row = Some(99);
    r.terms.rows[0].counts.clear();
    r.terms.rows[0].g2 = vec![Some(f64::NAN)];
    r.variants[0].a_outlets = vec![12];
    assert!(!r.problems().is_empty());
    let h = html_page(&r);
    assert_html_safe(&h);
    let m = markdown_doc(&r);
    assert!(m.contains("## Framing terms"));
    html_page(&Report::default());
    markdown_doc(&Report::default());
}

#[test]
fn many_outlets_scroll_sideways() {
    let mut r = sample(3);
    for i in 0..3 {
        let mut o = r.outlets[i].clone();
        o.label = format!("{} copy", o.label);
        r.outlets.push(o);
        r.summary.per_outlet.push(r.summary.per_outlet[i]);
        for row in &mut r.rows {
            row.cells.push(row.cells[i].clone());
        }
        for t in &mut r.terms.rows {
            t.counts.push(t.counts[i]);
            t.per_1000.push(t.per_1000[i]);
            t.quoted.push(t.quoted[i]);
            t.g2.push(t.g2[i]);
            t.log_ratio.push(t.log_ratio[i]);
            t.mark.push(t.mark[i].clone());
        }
    }
    assert_eq!(r.problems(), Vec::<String>::new());
    let h = html_page(&r);
    assert!(h.contains("<div class=\"scroll\"><table class=\"sentences many\""));
    assert_html_safe(&h);
    let m = markdown_doc(&r);
    assert!(md_tables(&m).iter().any(|t| t[0] == 7));
    assert!(!html_page(&sample(3)).contains("sentences many"));
}

#[test]
fn output_is_deterministic() {
    let r = sample(3);
    assert_eq!(html_page(&r), html_page(&r.clone()));
    assert_eq!(markdown_doc(&r), markdown_doc(&r.clone()));
    let h = hostile_report();
    assert_eq!(html_page(&h), html_page(&h));
}

// ---------------------------------------------------------------------------------------------
// Markdown tests.

fn md_events(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).collect()
}

const MD_TAGS: &[&str] = &["<del>", "</del>", "<ins>", "</ins>", "<em>", "</em>"];

fn assert_markdown_safe(md: &str) {
    for e in md_events(md) {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => {
                assert!(MD_TAGS.contains(&h.as_ref()), "raw HTML in Markdown: {h:?}");
            }
            Event::Start(Tag::Link { dest_url, .. }) => panic!("link in Markdown: {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image in Markdown: {dest_url}"),
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => panic!("code in Markdown"),
            _ => {}
        }
    }
}

/// Rows of each table: number of cells per row.
fn md_tables(md: &str) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    let mut cells = 0;
    for e in md_events(md) {
        match e {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                tables.last_mut().unwrap().push(cells)
            }
            _ => {}
        }
    }
    tables
}

fn md_text(md: &str) -> String {
    md_events(md)
        .into_iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            Event::SoftBreak => Some(" ".into()),
            _ => None,
        })
        .collect()
}

#[test]
fn markdown_has_every_section_and_renders_changes() {
    let r = sample(3);
    let m = markdown_doc(&r);
    for h in [
        "# Haddad meets Rahimi — 3 reports",
        "## Reports",
        "## Summary",
        "### Sentences",
        "### Main substitutions",
        "### Discrepancies (2)",
        "### Framing categories with the largest keyness",
        "## Sentences side by side",
        "## Substitutions",
        "## Discrepancies",
        "## Name variants",
        "## Framing terms",
    ] {
        assert!(m.lines().any(|l| l == h), "heading {h}");
    }
    // Tables are well formed: every row has as many cells as its header.
    let tables = md_tables(&m);
    assert_eq!(tables.len(), 8, "{tables:?}");
    for t in &tables {
        assert!(t.iter().all(|&c| c == t[0]), "ragged table {t:?}");
    }
    let side = tables
        .iter()
        .find(|t| t[0] == 1 + r.outlets.len() && t.len() == 1 + r.rows.len());
    assert!(side.is_some(), "side-by-side table: {tables:?}");
    // Changes and hits parse as strikethrough, strong and emphasis.
    let events = md_events(&m);
    let count = |want: &Tag| {
        events.iter().filter(|e| matches!(e, Event::Start(t) if std::mem::discriminant(t) == std::mem::discriminant(want))).count()
    };
    assert!(count(&Tag::Strikethrough) >= 8);
    assert!(count(&Tag::Emphasis) >= 8);
    assert!(m.contains("~~Wednesday~~**Thursday**"));
    assert!(
        m.contains("~~*occupation regime*¹~~***Zionist regime*¹**"),
        "{m}"
    );
    assert!(m.contains("¹ **Delegitimising labels** (conflict-framing): names that deny"));
    assert!(m.contains("*— not reported —*"));
    assert_markdown_safe(&m);
    assert!(md_text(&m).contains("the 'axis of resistance' vocabulary"));
    // Every delimiter in the side-by-side and substitution tables was parsed as markup.
    let from = m.find("## Sentences side by side").unwrap();
    let to = m.find("## Discrepancies\n").unwrap();
    let text = md_text(&m[from..to]);
    assert!(
        !text.contains('*') && !text.contains('~'),
        "stray delimiters: {text}"
    );
}

#[test]
fn markdown_escapes_every_hostile_field() {
    let r = hostile_report();
    let m = markdown_doc(&r);
    assert_markdown_safe(&m);
    for t in md_tables(&m) {
        assert!(
            t.iter().all(|&c| c == t[0]),
            "hostile text broke a table: {t:?}"
        );
    }
    // Headings: only ours.
    let headings = md_events(&m)
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    assert_eq!(headings, 12);
    // Hostile markup shows as text.
    let text = md_text(&m);
    assert!(text.contains("<script>document.title='pwned'</script>"));
    assert!(text.contains("[click](javascript:alert(1)) ![x](http://example.com/x.png)"));
    assert!(text.contains("*star* _under_ `code` ~~strike~~ $x$ &amp; &lt;b&gt; \\"));
    // Every `<` is escaped, except the inline tags the renderer itself may use.
    for (i, _) in m.match_indices('<') {
        let ours = MD_TAGS.iter().any(|t| m[i..].starts_with(t));
        assert!(
            ours || m[..i].ends_with('\\'),
            "unescaped < at {}",
            &m[i..(i + 40).min(m.len())]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Example pages (for the screenshot) and the browser check.

fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-example");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes the example pages used by `docs/report.md`'s screenshot instructions.
#[test]
fn write_example_pages() {
    let d = out_dir();
    for n in [2, 3] {
        let r = sample(n);
        std::fs::write(d.join(format!("example-{n}.html")), html_page(&r)).unwrap();
        std::fs::write(d.join(format!("example-{n}.md")), markdown_doc(&r)).unwrap();
    }
    std::fs::write(d.join("hostile.html"), html_page(&hostile_report())).unwrap();
    std::fs::write(d.join("hostile.md"), markdown_doc(&hostile_report())).unwrap();
    // what the screenshot instructions open: complete pages naming every outlet
    for n in [2, 3] {
        let html = std::fs::read_to_string(d.join(format!("example-{n}.html"))).unwrap();
        let md = std::fs::read_to_string(d.join(format!("example-{n}.md"))).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        assert!(md.starts_with("# ") && md.contains("## Framing terms"));
        for o in &sample(n).outlets {
            assert!(
                html.contains(&o.label) && md.contains(&o.label),
                "{}",
                o.label
            );
        }
    }
    let hostile = std::fs::read_to_string(d.join("hostile.html")).unwrap();
    assert_html_safe(&hostile);
    assert_markdown_safe(&std::fs::read_to_string(d.join("hostile.md")).unwrap());
}

#[test]
fn browser_runs_nothing_from_hostile_articles() {
    let Some(bin) = common::chromium() else {
        return;
    };
    for (name, r) in [
        ("poisoned", hostile_report()),
        ("fixtures", fixture_report()),
    ] {
        eprintln!("checking the {name} report in {}", bin.display());
        browser_check(&bin, &r);
    }
}

/// How Chromium serialises a text node: only `&`, `<`, `>` (and no-break spaces) escaped.
fn dom_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

fn browser_check(bin: &Path, r: &Report) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    std::fs::write(&page, html_page(r)).unwrap();
    let dom = common::dump_dom(bin, &page);
    assert!(
        dom.contains("id=\"sentences-table\""),
        "page loaded: {}",
        &dom[..dom.len().min(500)]
    );
    let lower = dom.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "only our script");
    assert!(!lower.contains("<img") && !lower.contains("<svg") && !lower.contains("<textarea"));
    assert!(!lower.contains("<a href=\"javascript"));
    // Every element and attribute in the live DOM is one the renderer writes (no onerror=…).
    assert_html_safe(&dom);
    // The hostile scripts would set document.title to "pwned".
    let t0 = dom.find("<title>").unwrap() + 7;
    let t1 = dom.find("</title>").unwrap();
    assert_eq!(dom[t0..t1], dom_text(&r.title), "the title is unchanged");
    // Our script ran, so the CSP hash is right: it revealed the filters and counted rows.
    assert!(
        dom.contains("<div class=\"filters\" id=\"filters\">"),
        "filters revealed"
    );
    let n = r.rows.len();
    assert!(
        dom.contains(&format!("{n} of {n} rows shown")),
        "script counted rows"
    );
}

/// Pandoc's Markdown dialects (its own, GitHub's, CommonMark with extensions) turn none of the
/// hostile text into markup. Skipped without pandoc, except where `FRAMEDIFF_REQUIRE_PANDOC`
/// is set (`.ci/run` installs Pandoc and sets it): there a missing pandoc fails.
#[test]
fn pandoc_renders_hostile_markdown_as_text() {
    if Command::new("pandoc").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("FRAMEDIFF_REQUIRE_PANDOC").is_none(),
            "FRAMEDIFF_REQUIRE_PANDOC is set but pandoc is missing"
        );
        eprintln!("note: pandoc not installed; skipping the Pandoc check (.ci/run installs it)");
        return;
    }
    for r in [hostile_report(), fixture_report()] {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("report.md");
        std::fs::write(&md, markdown_doc(&r)).unwrap();
        for dialect in ["markdown", "gfm", "commonmark_x"] {
            let out = Command::new("pandoc")
                .args(["--wrap=none", "-f", dialect, "-t", "html"])
                .arg(&md)
                .output()
                .unwrap();
            assert!(out.status.success(), "pandoc -f {dialect} failed");
            let html = String::from_utf8_lossy(&out.stdout).to_ascii_lowercase();
            for bad in [
                "<script",
                "<img",
                "<svg",
                "<iframe",
                "<a ",
                "<!--",
                "<textarea",
                "<h4",
            ] {
                assert!(!html.contains(bad), "pandoc -f {dialect} produced {bad}");
            }
            assert!(html.contains("<del>") && html.contains("<strong>") && html.contains("<table"));
        }
    }
}

#[test]
fn json_is_the_view_model_with_a_schema() {
    let r = sample(3);
    let v: serde_json::Value = serde_json::from_str(&report_json(&r)).unwrap();
    assert_eq!(v["schema"], "framediff.report/3");
    assert_eq!(v["outlets"].as_array().unwrap().len(), 3);
    assert_eq!(v["rows"][0]["kind"], "aligned");
    assert_eq!(v["rows"][1]["kind"], serde_json::json!({"only_in": 1}));
    assert_eq!(v["rows"][1]["cells"][0], serde_json::Value::Null);
    assert_eq!(v["rows"][0]["cells"][1]["pieces"][1]["change"], "deleted");
    let mut nan = sample(2);
    nan.terms.rows[0].per_1000[0] = f64::NAN;
    nan.summary.top_keyness[0].g2 = f64::INFINITY;
    let v: serde_json::Value = serde_json::from_str(&report_json(&nan)).unwrap();
    assert_eq!(
        v["terms"]["rows"][0]["per_1000"][0],
        serde_json::Value::Null
    );
    assert_eq!(
        v["summary"]["top_keyness"][0]["g2"],
        serde_json::Value::Null
    );
    let h = hostile_report();
    let v: serde_json::Value = serde_json::from_str(&report_json(&h)).unwrap();
    assert_eq!(v["title"], h.title.as_str());
}

// ---------------------------------------------------------------------------------------------
// The Markdown of a real comparison: statistics from real counts.

/// Two outlets' reports of one meeting (constructed, so every count is known), and a lexicon
/// of the terms they differ in.
const REAL_A: &str = "Advisor: foreign forces must leave the region\n\n\
Foreign Minister Karim Haddad met his counterpart Omid Rahimi in Tehran on Wednesday to discuss regional security.\n\n\
Rahimi said the resistance front would deepen its cooperation against foreign interference.\n\n\
“The occupation regime and its allies are too weak to stop us,” he said. \
The occupation regime has failed in every war it started, Rahimi added.\n\n\
The ministers also discussed trade worth 3 billion dollars a year.\n\n\
Haddad thanked Iran for its support during the war against foreign interference and terrorism.\n\n\
The visit was the minister's third to Tehran this year, and more talks are planned for the autumn.\n";
const REAL_B: &str = "Resistance states must join forces, says advisor\n\n\
Foreign Minister Karim Haddad met his counterpart Omid Rahimi in Tehran on Thursday to discuss regional security.\n\n\
Haddad arrived in Tehran after a two-day visit to Baghdad, his ministry said.\n\n\
Rahimi said the resistance front would deepen its cooperation against American occupation, adding that the region belongs to its peoples.\n\n\
“The Zionist regime and its puppets are too weak to stop us,” he said. \
The resistance front will not retreat, and the Zionist regime knows it, Rahimi added.\n\n\
Haddad thanked Iran for its support during the war against terrorism.\n";
const REAL_LEXICON: &str = r#"name = "conflict-framing"
description = "a test lexicon"
version = "1.0.0"

[categories.delegitimizing]
description = "names that deny an actor's legitimacy"
terms = [
  { term = "occupation regime", neutral = "Israel" },
  { term = "Zionist regime", neutral = "Israel" },
  { term = "puppets", neutral = "allies" },
]

[categories.resistance]
description = "the 'axis of resistance' vocabulary"
terms = ["resistance front"]

[categories.interference]
description = "outside powers cast as intruders"
terms = ["foreign interference", { term = "American occupation", neutral = "US troops" }]
"#;

/// The Markdown `framediff report` writes for [`REAL_A`] and [`REAL_B`] with [`REAL_LEXICON`]:
/// ingest, segment, align, diff, count and keyness all real.
fn real_markdown() -> String {
    use framediff::align::AlignOptions;
    use framediff::analysis::framing::LexiconFraming;
    use framediff::compare::Comparison;
    use framediff::ingest::{from_bytes, IngestOptions};
    use framediff::report::document::{render, ReportFormat};
    let doc = |text: &str, label: &str| {
        let opts = IngestOptions {
            label: Some(label.into()),
            ..IngestOptions::default()
        };
        from_bytes(text.as_bytes(), &format!("{label}.txt"), &opts).unwrap()
    };
    let docs = vec![doc(REAL_A, "Tehran Daily"), doc(REAL_B, "Levant Wire")];
    let cmp = Comparison::new(docs, 0, &AlignOptions::default()).unwrap();
    let lexicon = framediff::lexicon::parse(REAL_LEXICON, Path::new("conflict.toml")).unwrap();
    let framing = LexiconFraming::new(&cmp, vec![lexicon]).unwrap();
    let mut out = Vec::new();
    render(&mut out, &cmp, &framing, ReportFormat::Markdown).unwrap();
    String::from_utf8(out).unwrap()
}

/// The cells of the Markdown table under `heading`, header row first (separator dropped).
fn md_table_under(md: &str, heading: &str) -> Vec<Vec<String>> {
    let start = md.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter(|l| !l.starts_with("| ---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// Dunning's signed four-cell G² and Hardie's log ratio, written out here independently of
/// the library: `a` hits in `n1` words against `b` in `n2`.
fn g2_and_log_ratio(a: f64, b: f64, n1: f64, n2: f64) -> (f64, f64) {
    let (c, d) = (n1 - a, n2 - b);
    let n = n1 + n2;
    let cell = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g2 = 2.0
        * (cell(a, n1 * (a + b) / n)
            + cell(b, n2 * (a + b) / n)
            + cell(c, n1 * (c + d) / n)
            + cell(d, n2 * (c + d) / n));
    let sign = if a / n1 >= b / n2 { 1.0 } else { -1.0 };
    let lr = (a.max(0.5) / n1 / (b.max(0.5) / n2)).log2();
    (sign * g2, if a == 0.0 && b == 0.0 { 0.0 } else { lr })
}

/// A number as the report prints it (`−` for minus, `+` on log ratios, marks after G²).
fn md_number(cell: &str) -> f64 {
    let plain: String = cell
        .replace('−', "-")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    plain
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

/// Every count, rate, G² and log ratio of the framing-term table, per outlet, against the
/// texts themselves: a renderer that swapped two outlets' columns, or printed one outlet's
/// statistics for the other, fails here (and in the snapshot below).
#[test]
fn markdown_term_table_matches_the_texts() {
    let md = real_markdown();
    let reports = md_table_under(&md, "## Reports");
    let words: Vec<f64> = reports[1..].iter().map(|r| md_number(&r[3])).collect();
    assert_eq!(words.len(), 2, "{reports:?}");
    let table = md_table_under(&md, "## Framing terms");
    let header = &table[0];
    let col = |outlet: &str, what: &str| {
        header
            .iter()
            .position(|h| h == &format!("{outlet} {what}"))
            .unwrap_or_else(|| panic!("no column {outlet} {what} in {header:?}"))
    };
    let mut seen = 0;
    for row in &table[1..] {
        let term = &row[1];
        if term.contains("all terms") {
            continue;
        }
        seen += 1;
        let count = |text: &str| text.matches(term.as_str()).count() as f64;
        let quoted = |text: &str| {
            text.split('“')
                .skip(1)
                .map(|q| q.split('”').next().unwrap_or(""))
                .map(|q| q.matches(term.as_str()).count())
                .sum::<usize>() as f64
        };
        let (a, b) = (count(REAL_A), count(REAL_B));
        assert!(a + b > 0.0, "{term} occurs somewhere");
        let (g2, lr) = g2_and_log_ratio(a, b, words[0], words[1]);
        for (i, (outlet, text, n)) in [("Tehran Daily", REAL_A, a), ("Levant Wire", REAL_B, b)]
            .into_iter()
            .enumerate()
        {
            let cell = &row[col(outlet, "n (quoted)")];
            let q = quoted(text);
            let want = if q > 0.0 {
                format!("{n} ({q})")
            } else {
                format!("{n}")
            };
            assert_eq!(cell, &want, "{term}: {outlet} n (quoted)");
            let rate = md_number(&row[col(outlet, "/1k")]);
            assert!(
                (rate - n * 1000.0 / words[i]).abs() < 0.006,
                "{term}: {outlet} /1k {rate}"
            );
            // each outlet against the other: the second outlet's statistics are the first's
            // with the sign turned
            let sign = if i == 0 { 1.0 } else { -1.0 };
            let got_g2 = md_number(&row[col(outlet, "G²")]);
            assert!(
                (got_g2 - sign * g2).abs() < 0.051,
                "{term}: {outlet} G² {got_g2}, want {}",
                sign * g2
            );
            let got_lr = md_number(&row[col(outlet, "log₂")]);
            assert!(
                (got_lr - sign * lr).abs() < 0.006,
                "{term}: {outlet} log₂ {got_lr}, want {}",
                sign * lr
            );
        }
    }
    assert_eq!(seen, 6, "every term of the lexicon occurs: {table:?}");
}

/// The whole Markdown of a real two-outlet comparison, to review changes to the format.
#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(real_markdown());
}
