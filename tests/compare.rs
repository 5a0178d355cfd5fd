//! `framediff align` and `framediff compare` end to end.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::str::contains;

use crate::common::{AHED, IFP, IRAN_PROJECT, SANA};

fn cmd() -> assert_cmd::Command {
    let mut c = cargo_bin_cmd!("framediff");
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR");
    c
}

fn stdout(args: &[&str]) -> String {
    let out = cmd().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn compare_table_snapshot() {
    let out = stdout(&["compare", IFP, AHED, "--color", "never", "--width", "100"]);
    assert!(!out.contains('\x1b'));
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 100,
            "line wider than 100: {line}"
        );
    }
    // al-ahed's sentences that the pivot tells twice are shown once, with a pointer in the
    // other row
    assert!(out.contains("also ↔"), "{out}");
    insta::assert_snapshot!("compare_seed_table", out);
}

/// The seed pair's `framediff.align/2` JSON, further partners included (issue 11).
#[test]
fn align_json_snapshot() {
    let out = stdout(&["align", IFP, AHED, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema"], "framediff.align/2");
    // some sentence is in more than one pair
    let pairs = v["pairs"].as_array().expect("pairs");
    let firsts: Vec<&serde_json::Value> = pairs.iter().map(|p| &p["a"]).collect();
    assert!(
        firsts
            .iter()
            .enumerate()
            .any(|(k, a)| firsts[..k].contains(a)),
        "no further partner: {pairs:?}"
    );
    insta::assert_snapshot!("align_seed_json", out);
}

#[test]
fn compare_table_colour_and_width() {
    let out = stdout(&["compare", IFP, AHED, "--color", "always", "--width", "80"]);
    let ansi = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for line in out.lines() {
        let visible = ansi.replace_all(line, "");
        assert!(
            unicode_width::UnicodeWidthStr::width(visible.as_ref()) <= 80,
            "line wider than 80: {visible}"
        );
    }
    assert!(out.contains("\x1b[32m"), "inserted words are green");
    assert!(
        out.contains("\x1b[31;9m"),
        "deleted words are red and struck"
    );
    assert!(!out.contains("{+"), "no text marks when coloured");
}

#[test]
fn compare_json_snapshot() {
    let out = stdout(&["compare", IFP, AHED, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema"], "framediff.compare/2");
    for key in [
        "documents",
        "pairs",
        "only_a",
        "only_b",
        "coverage",
        "warnings",
        "diffs",
        "substitutions",
        "discrepancies",
        "variants",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    insta::assert_snapshot!("compare_seed_json", out);
}

#[test]
fn align_json_shape() {
    let out = stdout(&["align", IFP, AHED, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema"], "framediff.align/2");
    assert!(v.get("diffs").is_none());
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["label"], "iran-front-page");
    assert_eq!(docs[1]["path"], AHED);
    let na = docs[0]["sentences"].as_array().expect("sentences").len();
    let nb = docs[1]["sentences"].as_array().expect("sentences").len();
    let s0 = &docs[0]["sentences"][0];
    assert!(s0["text"].is_string() && s0["start"].is_u64() && s0["end"].is_u64());
    // Every sentence is in a pair (or several: further partners) or listed as unpaired, not
    // both.
    let mut seen_a = vec![0; na];
    let mut seen_b = vec![0; nb];
    for p in v["pairs"].as_array().expect("pairs") {
        for i in p["a"].as_array().expect("a") {
            seen_a[i.as_u64().expect("index") as usize] += 1;
        }
        for j in p["b"].as_array().expect("b") {
            seen_b[j.as_u64().expect("index") as usize] += 1;
        }
        let s = p["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&s));
    }
    for i in v["only_a"].as_array().expect("only_a") {
        seen_a[i.as_u64().expect("index") as usize] += 1;
    }
    for j in v["only_b"].as_array().expect("only_b") {
        seen_b[j.as_u64().expect("index") as usize] += 1;
    }
    let listed = |key: &str, k: usize| {
        v[key]
            .as_array()
            .expect("only list")
            .iter()
            .any(|x| x.as_u64() == Some(k as u64))
    };
    // `seen` counts pairs and the only-list: exactly 1 for an unpaired sentence, and for a
    // paired one its number of pairs.
    for (key, seen) in [("only_a", &seen_a), ("only_b", &seen_b)] {
        for (k, &n) in seen.iter().enumerate() {
            assert!(n >= 1, "{key}: sentence {k} nowhere");
            if listed(key, k) {
                assert_eq!(n, 1, "{key}: sentence {k} both paired and unpaired");
            }
        }
    }
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn align_text_lists_pairs_and_unpaired_sentences() {
    let out = stdout(&["align", IFP, AHED]);
    assert!(out.contains(" ~ B "), "{out}");
    assert!(
        out.contains("only  He said Syria takes it upon itself"),
        "{out}"
    );
    assert!(out
        .lines()
        .any(|l| l.starts_with("B ") && l.contains("only  Spearheaded by the UAE")));
    // IFP 3 is linked to al-ahed 3 and 4: shown in full once, in its best pair (with 4), and
    // pointed to from the other; that line names its further partners.
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}: {out}"))
    };
    assert!(line("A 3 ~ B 3 ").contains("  also ↔ B 4  ~  "), "{out}");
    let best = line("A 3 ~ B 4 ");
    assert!(best.contains("Aliakbar Vlayati told"), "{best}");
    assert!(best.contains("(A 3 also ↔ B 3"), "{best}");
    let told = out.matches("Aliakbar Vlayati told").count();
    assert_eq!(told, 1, "{out}");
}

#[test]
fn align_against_itself() {
    let out = stdout(&["align", AHED, AHED, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["coverage"], serde_json::json!({"a": 1.0, "b": 1.0}));
    assert!(v["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .all(|p| p["score"] == 1.0 && p["a"] == p["b"]));
}

#[test]
fn different_events_warn() {
    for other in [IRAN_PROJECT, SANA] {
        cmd()
            .args(["compare", IFP, other, "--color", "never"])
            .assert()
            .success()
            .stderr(contains("may not describe the same event"));
        let out = stdout(&["align", IFP, other, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["warnings"].as_array().expect("warnings").len(), 1);
    }
}

#[test]
fn threshold_is_checked_and_used() {
    cmd()
        .args(["align", IFP, AHED, "--threshold", "1.5"])
        .assert()
        .code(2)
        .stderr(contains("--threshold"));
    let out = stdout(&["align", IFP, AHED, "--threshold", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(v["pairs"].as_array().expect("pairs").is_empty());
}

#[test]
fn three_reports_one_column_each() {
    let out = stdout(&[
        "compare", IFP, AHED, SANA, "--color", "never", "--width", "120",
    ]);
    let header = out
        .lines()
        .find(|l| l.contains("iran-front-page") && l.contains("al-ahed") && l.contains("sana"))
        .expect("a row naming every report");
    assert!(header.starts_with('│'), "{header}");
    assert!(out.contains("== iran-front-page → al-ahed =="));
    assert!(out.contains("== iran-front-page → sana =="));
    assert!(out
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 120));
    let out = stdout(&[
        "compare", IFP, AHED, SANA, "--format", "json", "--pivot", "al-ahed",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema"], "framediff.compare/2");
    assert_eq!(v["pivot"], 1);
    let c = v["comparisons"].as_array().expect("comparisons");
    assert_eq!(c.len(), 2);
    assert_eq!((c[0]["a"].clone(), c[0]["b"].clone()), (1.into(), 0.into()));
    assert_eq!((c[1]["a"].clone(), c[1]["b"].clone()), (1.into(), 2.into()));
    for key in [
        "pairs",
        "only_a",
        "only_b",
        "coverage",
        "diffs",
        "substitutions",
        "variants",
    ] {
        assert!(c[0].get(key).is_some(), "missing {key}");
    }
    // al-ahed and sana (the same two men, five years apart) share three weak pairs of
    // diplomatic wording: enough evidence that no same-event warning is raised
    assert_eq!(v["warnings"], serde_json::json!([]));
    // against two reports of other events, one warning per pair, each naming its pair
    let out = stdout(&["compare", IFP, IRAN_PROJECT, SANA, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let w = v["warnings"].as_array().expect("warnings");
    assert_eq!(w.len(), 2, "{w:?}");
    for (warning, other) in w.iter().zip(["iran-project", "sana"]) {
        let warning = warning.as_str().expect("a string");
        assert!(
            warning.starts_with(&format!(
                "iran-front-page and {other} have almost no sentences"
            )),
            "{warning}"
        );
    }
}

#[test]
fn bad_pivot_is_a_usage_error() {
    cmd()
        .args(["compare", IFP, AHED, "--pivot", "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("nope"));
}

#[test]
fn pivot_and_labels() {
    let out = stdout(&[
        "compare", IFP, AHED, "--label", "IFP", "--label", "Ahed", "--pivot", "Ahed", "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["documents"][0]["label"], "Ahed");
    assert_eq!(v["documents"][1]["label"], "IFP");
}

#[test]
fn missing_file_fails_without_output() {
    cmd()
        .args(["compare", IFP, "fixtures/nope.txt"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("nope.txt"));
}

/// A malformed `--lexicon` file is an error in every output format (not only the table, which
/// uses the lexicons), reported with its position before any article is read.
#[test]
fn broken_lexicon_fails_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("broken.toml");
    std::fs::write(&lex, "name = \"x\"\n[categories.a]\nterms = [\"\"]\n").unwrap();
    for format in ["table", "json"] {
        cmd()
            .args(["compare", IFP, AHED, "--format", format, "--lexicon"])
            .arg(&lex)
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains("broken.toml:3:10: empty term"));
    }
}
