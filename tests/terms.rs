//! Integration tests of `framediff terms`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{ok, run, AHED, IFP};

fn term<'a>(j: &'a Value, name: &str) -> &'a Value {
    j["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["term"] == name)
        .unwrap_or_else(|| panic!("no term {name}"))
}

fn counts(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

#[test]
fn fixture_pair_counts_and_keyness() {
    let j: Value = serde_json::from_str(&ok(&["terms", IFP, AHED, "--format", "json"])).unwrap();
    assert_eq!(j["schema"], "framediff.terms/2");
    let rf = term(&j, "resistance front");
    assert_eq!(counts(&rf["counts"]), [6, 4]);
    let occ = term(&j, "occupation regime");
    assert_eq!(counts(&occ["counts"]), [0, 2]);
    assert_eq!(counts(&occ["scare_quoted"]), [0, 2]);
    assert_eq!(counts(&term(&j, "Zionist regime")["counts"]), [0, 1]);
    assert_eq!(term(&j, "Zionist regime")["neutral"], "Israel");

    // Hand computation of the four-cell G² for "resistance front": a = 6 in n1 words,
    // b = 4 in n2 words; cells a, b, n1 − a, n2 − b; E = row total × column total / N.
    let n1 = j["documents"][0]["words"].as_f64().unwrap();
    let n2 = j["documents"][1]["words"].as_f64().unwrap();
    let (a, b) = (6.0f64, 4.0f64);
    let n = n1 + n2;
    let e11 = (a + b) * n1 / n;
    let e12 = (a + b) * n2 / n;
    let e21 = (n - a - b) * n1 / n;
    let e22 = (n - a - b) * n2 / n;
    let g2 = 2.0
        * (a * (a / e11).ln()
            + b * (b / e12).ln()
            + (n1 - a) * ((n1 - a) / e21).ln()
            + (n2 - b) * ((n2 - b) / e22).ln());
    let signed = if a > e11 { g2 } else { -g2 };
    let got = rf["log_likelihood"].as_f64().unwrap();
    assert!((got - signed).abs() < 1e-4, "{got} vs {signed}");
    let lr = ((a / n1) / (b / n2)).log2();
    assert!((rf["log_ratio"].as_f64().unwrap() - lr).abs() < 1e-4);
    let per = rf["per_1000"][0].as_f64().unwrap();
    assert!((per - a * 1000.0 / n1).abs() < 1e-4);

    // "occupation regime": a = 0, so the a-cell is 0·ln 0 = 0 and G² is negative.
    let (a, b) = (0.0f64, 2.0f64);
    let e12 = (a + b) * n2 / n;
    let e21 = (n - a - b) * n1 / n;
    let e22 = (n - a - b) * n2 / n;
    let g2 = 2.0 * (b * (b / e12).ln() + n1 * (n1 / e21).ln() + (n2 - b) * ((n2 - b) / e22).ln());
    let got = occ["log_likelihood"].as_f64().unwrap();
    assert!((got + g2).abs() < 1e-4, "{got} vs -{g2}");
    // log ratio with 0.5 for the zero count
    let lr = ((0.5 / n1) / (2.0 / n2)).log2();
    assert!((occ["log_ratio"].as_f64().unwrap() - lr).abs() < 1e-4);
}

#[test]
fn one_and_three_documents_shape_the_statistics() {
    let j: Value = serde_json::from_str(&ok(&["terms", IFP, "--format", "json"])).unwrap();
    assert!(term(&j, "resistance front")["log_likelihood"].is_null());
    let sana = "fixtures/velayati-mikdad-2017/sana.txt";
    let j: Value =
        serde_json::from_str(&ok(&["terms", IFP, AHED, sana, "--format", "json"])).unwrap();
    let ll = &term(&j, "resistance front")["log_likelihood"];
    assert_eq!(ll.as_array().unwrap().len(), 3);
}

/// A small, stable pair of reports and a user lexicon, so snapshots don't depend on the
/// fixtures' page chrome.
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("outlet-a.txt");
    let b = dir.path().join("outlet-b.txt");
    let lex = dir.path().join("mine.toml");
    std::fs::write(
        &a,
        "The Zionist regime attacked the camp again.\n\nOfficials said the resistance front will respond, and the “resistance” says so too.\n\nThe regime's forces left.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Israel attacked the camp again.\n\nOfficials claimed the Iran-backed militants will respond.\n\nIsraeli forces left, Israel said.\n",
    )
    .unwrap();
    std::fs::write(
        &lex,
        r#"name = "mine"
version = "0.1"
[categories.israel]
description = "Names for Israel"
terms = [{ term = "Zionist regime", neutral = "Israel" }, "Israel", "Israeli forces", "Zionist entity"]
[categories.blocs]
description = "Blocs"
terms = ["resistance front", "resistance"]
[categories.blocs.backing]
description = "Sponsors"
terms = ["Iran-backed", "militants"]
[categories.attribution]
description = "Attribution"
terms = ["said", { term = "claimed", neutral = "said" }, "regime"]
"#,
    )
    .unwrap();
    (dir, a, b, lex)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn mine(format: &str, extra: &[&str]) -> String {
    let (_d, a, b, lex) = workspace();
    let mut args = vec![
        "terms",
        s(&a),
        s(&b),
        "--no-default-lexicons",
        "--lexicon",
        s(&lex),
        "--label",
        "A",
        "--label",
        "B",
        "--format",
        format,
        "--width",
        "110",
    ];
    args.extend_from_slice(extra);
    let out = ok(&args);
    out.replace(s(_d.path()), "<tmp>")
}

#[test]
fn table_format() {
    insta::assert_snapshot!(mine("table", &[]));
}

#[test]
fn csv_format() {
    let out = mine("csv", &[]);
    assert!(out.starts_with("level,lexicon,category,role,term,neutral,document,label,words,count,"));
    assert!(out.contains("\r\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn markdown_format() {
    insta::assert_snapshot!(mine("markdown", &[]));
}

#[test]
fn json_format() {
    let out = mine("json", &[]);
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["lexicons"][0]["name"], "mine");
    insta::assert_snapshot!(out);
}

#[test]
fn by_category() {
    let out = mine("table", &["--by", "category"]);
    assert!(out.contains("blocs/backing"));
    assert!(!out.contains("· Iran-backed"));
    insta::assert_snapshot!(out);
    let csv = mine("csv", &["--by", "category"]);
    assert!(csv.lines().skip(1).all(|l| l.starts_with("category,")));
}

#[test]
fn all_lists_terms_without_hits() {
    let without = mine("csv", &[]);
    let with = mine("csv", &["--all"]);
    assert!(!without.contains(",Zionist entity,"));
    assert!(with.contains(",Zionist entity,"));
    let j: Value = serde_json::from_str(&mine("json", &["--all"])).unwrap();
    assert_eq!(j["terms"].as_array().unwrap().len(), 11);
    assert!(mine("table", &["--all"]).contains("Zionist entity"));
}

#[test]
fn kwic_in_every_format() {
    let t = mine("table", &["--kwic"]);
    assert!(t.contains("scare"), "{t}");
    insta::assert_snapshot!("kwic_table", t);
    let md = mine("markdown", &["--kwic"]);
    assert!(md.contains("**resistance front**"));
    let csv = mine("csv", &["--kwic"]);
    assert!(csv.starts_with("label,document,lexicon,category,role,term,left,match,right,"));
    let j: Value = serde_json::from_str(&mine("json", &["--kwic"])).unwrap();
    assert_eq!(j["schema"], "framediff.kwic/2");
    let hits = j["hits"].as_array().unwrap();
    let scare = hits
        .iter()
        .find(|h| h["match"] == "resistance" && h["scare_quoted"] == true)
        .expect("scare-quoted resistance");
    assert_eq!(scare["label"], "A");
    let line = format!(
        "{}{}{}",
        scare["left"].as_str().unwrap(),
        scare["match"].as_str().unwrap(),
        scare["right"].as_str().unwrap()
    );
    assert!(line.contains("the “resistance” says so too."), "{line}");
}

#[test]
fn user_lexicon_adds_to_the_builtins() {
    let (_d, a, _b, lex) = workspace();
    let j: Value = serde_json::from_str(&ok(&[
        "terms",
        s(&a),
        "--lexicon",
        s(&lex),
        "--format",
        "json",
    ]))
    .unwrap();
    let names: Vec<_> = j["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["mideast-framing", "loaded-language", "mine"]);
}

#[test]
fn no_default_lexicons_needs_a_lexicon() {
    let (code, out, err) = run(&["terms", IFP, "--no-default-lexicons"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--lexicon"), "{err}");
}

#[test]
fn duplicate_lexicon_names_are_a_usage_error() {
    let (_d, a, _b, lex) = workspace();
    let (code, _, err) = run(&[
        "terms",
        s(&a),
        "--no-default-lexicons",
        "--lexicon",
        s(&lex),
        "--lexicon",
        s(&lex),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`mine`"), "{err}");
}

#[test]
fn broken_lexicon_is_one_line_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "name = \"bad\"\n[categories.a]\nterms = [\"ok\", 5]\n",
    )
    .unwrap();
    let (code, out, err) = run(&["terms", IFP, "--lexicon", s(&bad)]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    let line = err.trim_end();
    assert_eq!(line.lines().count(), 1, "{err}");
    assert!(line.contains(&format!("{}:3:", bad.display())), "{err}");
}

/// Regression (issue 10): `terms --format markdown --kwic` put the words around each hit into
/// the table with only `|` escaped, so a link `[x](javascript:…)` or raw HTML from an article
/// came out live. Every term below sits next to hostile markup in the hostile fixtures; parsed
/// as GitHub would (pulldown-cmark with tables), the listing has no HTML, link, image or code
/// from the articles, and the markup shows as text.
#[test]
fn kwic_markdown_of_hostile_articles_is_inert() {
    use pulldown_cmark::{Event, Options, Parser, Tag};

    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("hostile.toml");
    std::fs::write(
        &lexicon,
        "name = \"hostile\"\nversion = \"1\"\n[categories.near-markup]\nterms = [\"security\", \
         \"posted\", \"ministry website\", \"hands\", \"territory\", \"border\", \"said\", \
         \"neighbours\", \"Residents\", \"closure\", \"ministers\"]\n",
    )
    .unwrap();
    let md = ok(&[
        "terms",
        "--kwic",
        "--format",
        "markdown",
        "--no-default-lexicons",
        "--lexicon",
        lexicon.to_str().unwrap(),
        "fixtures/hostile/border-daily.txt",
        "fixtures/hostile/frontier-post.txt",
    ]);
    let mut text = String::new();
    let mut rows = 0;
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in Markdown: {h:?}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("link in Markdown: {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image in Markdown: {dest_url}"),
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => panic!("code in Markdown"),
            Event::Start(Tag::TableRow) => rows += 1,
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert!(rows >= 11, "{rows} hits listed:\n{md}");
    // the articles' markup is shown, as text
    for shown in [
        "<script>document.title='pwned'</script>",
        "[the ministry website](javascript:alert(1))",
        "<a href=\"javascript:document.title='pwned'\">",
        "<img src=x onerror=",
        "\"><svg onload=",
        "</textarea>",
        "<!--",
    ] {
        assert!(text.contains(shown), "{shown} not shown as text:\n{md}");
    }
}
