//! End-to-end tests of `framediff report`: real fixtures through the whole pipeline into HTML,
//! Markdown and JSON files, checked for structure, for agreement with `compare --format json`
//! and `terms --format json`, for escaping of hostile article text (also in headless Chromium
//! when it is installed), and for safe file handling.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::str::contains;
use serde_json::Value;

use crate::common::{self, AHED, IFP, SANA};

const HOSTILE_A: &str = "fixtures/hostile/border-daily.txt";
const HOSTILE_B: &str = "fixtures/hostile/frontier-post.txt";

fn cmd() -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("framediff");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn stdout(args: &[&str]) -> String {
    let out = cmd().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Run `report INPUTS -o DIR/NAME` and return the file's content.
fn report(dir: &Path, inputs: &[&str], name: &str) -> String {
    let out = dir.join(name);
    let mut args: Vec<&str> = vec!["report"];
    args.extend_from_slice(inputs);
    let out_s = out.to_str().unwrap().to_string();
    args.extend_from_slice(&["-o", &out_s]);
    cmd().args(&args).assert().success().stdout("");
    std::fs::read_to_string(&out).expect("report written")
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

#[test]
fn seed_pair_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), &[IFP, AHED], "pair.html");
    let md = report(dir.path(), &[IFP, AHED], "pair.md");
    let js = report(dir.path(), &[IFP, AHED], "pair.json");

    // HTML: a complete page with every section, one column per outlet, lexicon legend
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    for id in [
        "reports",
        "summary",
        "sentences",
        "substitutions",
        "discrepancies",
        "variants",
        "terms",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    assert!(html.contains("iran-front-page") && html.contains("al-ahed"));
    assert!(html.contains("Wednesday") && html.contains("Thursday"));
    assert!(html.contains("<mark"), "lexicon hits are highlighted");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );

    // Markdown: headings, tables, changes marked
    assert!(md.starts_with("# "));
    assert!(md.contains("~~") && md.contains("**"));
    assert!(md.contains("| "));

    // JSON: the compare JSON plus the terms, numbers identical to the other commands
    let r = json(&js);
    assert_eq!(r["schema"], "framediff.report/3");
    let mut c = json(&stdout(&["compare", IFP, AHED, "--format", "json"]));
    c.as_object_mut().unwrap().remove("schema");
    for (k, v) in c.as_object().unwrap() {
        assert_eq!(&r[k], v, "field {k} matches compare --format json");
    }
    let t = json(&stdout(&["terms", IFP, AHED, "--format", "json"]));
    assert_eq!(r["terms"], t, "terms match terms --format json");
}

#[test]
fn three_outlets_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = [IFP, AHED, SANA];
    let html = report(dir.path(), &inputs, "three.html");
    let md = report(dir.path(), &inputs, "three.md");
    let js = report(dir.path(), &inputs, "three.json");
    // one column per outlet in the side-by-side table
    let table = &html[html.find("id=\"sentences-table\"").unwrap()..];
    let head = &table[..table.find("</thead>").unwrap()];
    for label in ["iran-front-page", "al-ahed", "sana"] {
        assert!(head.contains(label), "column for {label}");
        assert!(md.contains(label));
    }
    let r = json(&js);
    let mut c = json(&stdout(&["compare", IFP, AHED, SANA, "--format", "json"]));
    c.as_object_mut().unwrap().remove("schema");
    for (k, v) in c.as_object().unwrap() {
        assert_eq!(&r[k], v, "field {k} matches compare --format json");
    }
    assert_eq!(r["comparisons"].as_array().unwrap().len(), 2);
    // three documents: keyness per document against the rest
    let t = &r["terms"]["terms"][0];
    assert_eq!(t["counts"].as_array().unwrap().len(), 3);
    assert!(t["log_likelihood"].is_array());
    // the pivot can be any report
    let js = stdout(&[
        "report", IFP, AHED, SANA, "--format", "json", "--pivot", "sana",
    ]);
    assert_eq!(json(&js)["pivot"], 2);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.html", "a.md", "a.json"] {
        let one = report(dir.path(), &[IFP, AHED], name);
        let two = report(dir.path(), &[IFP, AHED], name);
        assert_eq!(one, two, "{name}");
    }
}

#[test]
fn hostile_articles_show_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), &[HOSTILE_A, HOSTILE_B], "hostile.html");
    let lower = html.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "only the report's own script"
    );
    // tags and links from the articles must not exist; their text ("onerror=…") may
    for bad in ["<img", "<svg", "<iframe", "<textarea", "href=\"javascript"] {
        assert!(!lower.contains(bad), "{bad} must not appear unescaped");
    }
    assert!(
        html.contains("&lt;script&gt;"),
        "the article's script shows as text"
    );
    let md = report(dir.path(), &[HOSTILE_A, HOSTILE_B], "hostile.md");
    // Markdown shows raw HTML as text by backslash-escaping it: `\<script\>`
    let md = md.to_ascii_lowercase();
    for (i, _) in md.match_indices("<script") {
        assert!(i > 0 && &md[i - 1..i] == "\\", "unescaped <script at {i}");
    }
    assert!(md.contains("\\<script\\>"));
}

/// The report of two hostile articles, opened in headless Chromium: the articles' scripts
/// would set `document.title` to "pwned"; the live DOM shows the title unchanged, no element
/// from the articles, and the report's own filter script ran (so the CSP hash is right).
#[test]
fn browser_runs_nothing_from_hostile_reports() {
    let Some(bin) = common::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = report(dir.path(), &[HOSTILE_A, HOSTILE_B], "hostile.html");
    let page = dir.path().join("hostile.html");
    let dom = common::dump_dom(&bin, &page);
    let lower = dom.to_ascii_lowercase();
    assert!(lower.contains("id=\"sentences-table\""), "page loaded");
    assert_eq!(lower.matches("<script").count(), 1);
    assert!(!lower.contains("<img") && !lower.contains("<svg") && !lower.contains("<iframe"));
    assert!(!dom.contains("pwned</title>"), "the title is unchanged");
    let title =
        |s: &str| s[s.find("<title>").unwrap() + 7..s.find("</title>").unwrap()].to_string();
    assert_eq!(title(&dom), title(&html));
    assert!(dom.contains("rows shown"), "the report's own script ran");
}

#[test]
fn refuses_to_write_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.html");
    let original = std::fs::read(IFP).unwrap();
    std::fs::write(&a, &original).unwrap();
    cmd()
        .args([
            "report",
            a.to_str().unwrap(),
            AHED,
            "-o",
            a.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(contains("refusing to write output over input file"));
    assert_eq!(std::fs::read(&a).unwrap(), original, "input untouched");
}

#[test]
fn unknown_extension_and_failures_leave_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.docx");
    cmd()
        .args(["report", IFP, AHED, "-o", out.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(contains("--format"));
    assert!(!out.exists());
    let out = dir.path().join("report.html");
    cmd()
        .args(["report", IFP, "missing.txt", "-o", out.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(contains("missing.txt"));
    assert!(!out.exists());
    // nothing else (no temporary file) was left in the directory
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn format_flag_and_stdout() {
    let md = stdout(&["report", IFP, AHED]);
    assert!(md.starts_with("# "), "Markdown on stdout by default");
    let html = stdout(&["report", IFP, AHED, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
}

/// The CLI renders the side-by-side rows as they are made and writes the page as it goes
/// (`document::render`); the result must be byte-identical to rendering the complete view
/// model, on stdout and in an `-o` file, for HTML and Markdown.
#[test]
fn streamed_report_matches_the_complete_view() {
    use framediff::align::AlignOptions;
    use framediff::analysis::framing::LexiconFraming;
    use framediff::compare::Comparison;
    use framediff::ingest::{read_document, IngestOptions};
    use framediff::report::document::{self, ReportFormat};
    use framediff::report::{html, markdown};

    // the same relative paths as the CLI gets (they are shown in the report)
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for inputs in [
        &[IFP, AHED][..],
        &[IFP, AHED, SANA],
        &[HOSTILE_A, HOSTILE_B],
    ] {
        let docs = inputs
            .iter()
            .map(|p| read_document(p, &IngestOptions::default()).unwrap())
            .collect();
        let cmp = Comparison::new(docs, 0, &AlignOptions::default()).unwrap();
        let lexicons = framediff::lexicon::resolve(&[], false).unwrap();
        let framing = LexiconFraming::new(&cmp, lexicons).unwrap();
        let view = document::view(&cmp, &framing);
        assert!(!view.rows.is_empty());
        let (mut page, mut md) = (Vec::new(), Vec::new());
        html::render(&mut page, &view, &view.rows).unwrap();
        markdown::render(&mut md, &view, &view.rows).unwrap();
        for (format, flag, ext, whole) in [
            (
                ReportFormat::Html,
                "html",
                "html",
                String::from_utf8(page).unwrap(),
            ),
            (
                ReportFormat::Markdown,
                "markdown",
                "md",
                String::from_utf8(md).unwrap(),
            ),
        ] {
            let mut streamed = Vec::new();
            document::render(&mut streamed, &cmp, &framing, format).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                whole,
                "{inputs:?} {flag}"
            );
            let mut args = vec!["report", "--format", flag];
            args.extend_from_slice(inputs);
            assert!(stdout(&args) == whole, "{inputs:?} {flag} on stdout");
            let name = format!("out.{ext}");
            assert!(
                report(dir.path(), inputs, &name) == whole,
                "{inputs:?} -o {name}"
            );
        }
    }
}
