//! `framediff lexicon suggest` end to end: the seed reports with the built-in lexicons, a
//! constructed lexicon where the test controls which side of a swap is covered, the JSON schema,
//! the TOML snippets (applied with `lexicon add`), `--limit`, determinism and errors.

use std::path::{Path, PathBuf};

use framediff::ingest::{read_document, IngestOptions};
use framediff::lexicon::{builtin, Matcher};
use framediff::segment::{segment, words};
use serde_json::Value;

use crate::common::cmd;

const SEED: &str = "fixtures/velayati-mekdad-2022";

fn seed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(SEED)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run_json(args: &[&str]) -> Value {
    let out = cmd()
        .args(["lexicon", "suggest", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn seeds() -> [String; 2] {
    [seed("iran-front-page.txt"), seed("al-ahed.txt")]
}

fn norms(s: &str) -> Vec<String> {
    words(s, 0).into_iter().map(|w| w.norm).collect()
}

fn candidates(v: &Value) -> &Vec<Value> {
    v["candidates"].as_array().unwrap()
}

#[test]
fn seed_candidates_are_new_and_backed_by_real_sentences() {
    let [a, b] = seeds();
    let v = run_json(&[&a, &b]);
    assert_eq!(v["schema"], "framediff.suggest/1");
    let labels: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["iran-front-page", "al-ahed"]);
    let cands = candidates(&v);
    assert!(!cands.is_empty());

    let matcher = Matcher::new(builtin::lexicons().unwrap()).unwrap();
    // every sentence of each report, by label
    let sentences: Vec<(String, Vec<String>)> = [&a, &b]
        .iter()
        .map(|p| {
            let d = read_document(p, &IngestOptions::default()).unwrap();
            let s = segment(&d).into_iter().map(|s| s.text).collect();
            (d.label, s)
        })
        .collect();

    for c in cands {
        let term = c["term"].as_str().unwrap();
        // genuinely absent from the lexicons
        assert!(matcher.find(term).is_empty(), "{term} is already covered");
        for k in [
            "source",
            "category",
            "lexicon",
            "counterpart",
            "outlet",
            "score",
            "g2",
            "counts",
            "evidence",
        ] {
            assert!(c.get(k).is_some(), "{k} missing in {c}");
        }
        assert_eq!(c["counts"].as_array().unwrap().len(), 2);
        let ev = c["evidence"].as_array().unwrap();
        assert!(!ev.is_empty(), "{term}: no evidence");
        // the first evidence sentence is the outlet's and shows the term itself
        assert_eq!(ev[0]["label"], c["outlet"]);
        for e in ev {
            let label = e["label"].as_str().unwrap();
            let sentence = e["sentence"].as_str().unwrap();
            let (_, sents) = sentences.iter().find(|(l, _)| l == label).unwrap();
            assert!(
                sents.iter().any(|s| s == sentence),
                "not a sentence of {label}: {sentence}"
            );
            let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            assert!(sentence.get(s as usize..t as usize).is_some());
        }
        let (s, t) = (
            ev[0]["start"].as_u64().unwrap() as usize,
            ev[0]["end"].as_u64().unwrap() as usize,
        );
        let shown = &ev[0]["sentence"].as_str().unwrap()[s..t];
        assert_eq!(norms(shown), norms(term));
    }

    // The framing swaps in these reports, as found by running the command: "cronies"/"puppets"
    // and "Israeli regime"/"Zionist regime" are covered on both sides (nothing to suggest);
    // "schemes" is covered (western-hostility) and "plans" is not, so "plans" is suggested for
    // that category, used by al-ahed in place of "schemes".
    let terms: Vec<&str> = cands.iter().map(|c| c["term"].as_str().unwrap()).collect();
    for covered in [
        "cronies",
        "puppets",
        "Israeli regime",
        "Zionist regime",
        "schemes",
    ] {
        assert!(!terms.contains(&covered), "{covered} is covered: {terms:?}");
    }
    let plans = cands.iter().find(|c| c["term"] == "plans").unwrap();
    assert_eq!(plans["source"], "substitution");
    assert_eq!(plans["category"], "western-hostility");
    assert_eq!(plans["lexicon"], "mideast-framing");
    assert_eq!(plans["outlet"], "al-ahed");
    assert_eq!(plans["counterpart"], "schemes");
    // ranked first: a known category beats every uncategorised candidate
    assert_eq!(cands[0]["term"], "plans");
    let scores: Vec<f64> = cands.iter().map(|c| c["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let first_unknown = cands.iter().position(|c| c["category"].is_null()).unwrap();
    assert!(cands[first_unknown..]
        .iter()
        .all(|c| c["category"].is_null()));
}

/// Two small reports of one invented event, differing in one framing word in each of two
/// sentences ("savage aggression" twice, so also key), plus a phrase repeated by one outlet in
/// sentences the other does not have.
const TEXT_A: &str = "The minister condemned the cronies of the occupiers in the region on Monday.
Officials met in the capital to discuss the reconstruction of the city.
The talks covered trade, energy and the future of the border crossings.
Analysts said the savage aggression had hurt the economy.
The savage aggression was condemned by several neighbouring states.
Residents described an illegal blockade of the harbour.
Food prices rose because the illegal blockade stopped the ships.
Aid groups asked for the illegal blockade to be lifted.
Fishermen said the illegal blockade kept them ashore.
Doctors blamed the illegal blockade for shortages of medicine.
";
const TEXT_B: &str = "The minister condemned the stooges of the occupiers in the region on Monday.
Officials met in the capital to discuss the reconstruction of the city.
The talks covered trade, energy and the future of the border crossings.
Analysts said the military operation had hurt the economy.
The operation was condemned by several neighbouring states.
";
const LEXICON: &str = r#"name = "test-framing"
description = "constructed for the suggest tests"
version = "1.0.0"

[categories.hostility]
description = "Hostile labels for allies of the other side"
terms = ["cronies"]

[categories.places]
description = "unrelated"
terms = ["capital city"]
"#;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), TEXT_A).unwrap();
        std::fs::write(dir.path().join("b.txt"), TEXT_B).unwrap();
        std::fs::write(dir.path().join("lex.toml"), LEXICON).unwrap();
        Fixture { dir }
    }
    fn path(&self, name: &str) -> String {
        self.path_buf(name).to_string_lossy().into_owned()
    }
    fn path_buf(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn args(&self) -> Vec<String> {
        vec![
            self.path("a.txt"),
            self.path("b.txt"),
            "--segmented".into(),
            "--no-default-lexicons".into(),
            "--lexicon".into(),
            self.path("lex.toml"),
        ]
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn the_uncovered_side_of_a_swap_is_suggested_for_the_covered_category() {
    let f = Fixture::new();
    let v = run_json(&strs(&f.args()));
    let cands = candidates(&v);
    let c = cands.iter().find(|c| c["term"] == "stooges").unwrap();
    assert_eq!(c["source"], "substitution");
    assert_eq!(c["category"], "hostility");
    assert_eq!(c["lexicon"], "test-framing");
    assert_eq!(c["covered_by"], "cronies");
    assert_eq!(c["counterpart"], "cronies");
    assert_eq!(c["outlet"], "b");
    assert_eq!(c["counts"], serde_json::json!([0, 1]));
    assert_eq!(cands[0]["term"], "stooges");
    let ev = c["evidence"].as_array().unwrap();
    assert_eq!(ev[0]["label"], "b");
    assert_eq!(ev[1]["label"], "a");
    assert_eq!(
        ev[1]["sentence"],
        TEXT_A.lines().next().unwrap(),
        "counterpart sentence"
    );
    // the covered side and the neutral/unchanged words never appear
    assert!(cands.iter().all(|c| c["term"] != "cronies"));
    // a swap that is also key keeps its substitution source and carries its G²
    let s = cands
        .iter()
        .find(|c| c["term"] == "savage aggression")
        .unwrap();
    assert_eq!(s["source"], "substitution");
    assert_eq!(s["counts"], serde_json::json!([2, 0]));
    // keyness: the repeated phrase of report a, as a bigram (its words alone are subsumed)
    let k = cands
        .iter()
        .find(|c| c["term"] == "illegal blockade")
        .unwrap();
    assert_eq!(k["source"], "keyness");
    assert_eq!(k["outlet"], "a");
    assert_eq!(k["counts"], serde_json::json!([5, 0]));
    assert_eq!(k["counterpart"], Value::Null);
    assert!(k["g2"].as_f64().unwrap() >= 3.84);
    assert!(k["category"].is_null());
    for part in ["illegal", "blockade", "savage"] {
        assert!(cands.iter().all(|c| c["term"] != part), "{part}");
    }
    // the reports' shared words are never key
    assert!(cands.iter().all(|c| c["term"] != "reconstruction"));

    // Reverse which side is covered: the other word is suggested, by the other outlet.
    std::fs::write(
        f.path_buf("lex.toml"),
        LEXICON.replace("[\"cronies\"]", "[\"stooges\"]"),
    )
    .unwrap();
    let v = run_json(&strs(&f.args()));
    let c = candidates(&v)
        .iter()
        .find(|c| c["term"] == "cronies")
        .unwrap();
    assert_eq!(
        (c["outlet"].as_str(), c["category"].as_str()),
        (Some("a"), Some("hostility"))
    );
    assert!(candidates(&v).iter().all(|c| c["term"] != "stooges"));
}

#[test]
fn toml_output_is_valid_and_its_command_applies_the_suggestion() {
    let f = Fixture::new();
    let out = cmd()
        .args(["lexicon", "suggest", "--format", "toml"])
        .args(f.args())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(
        "suggest_constructed_toml",
        text.replace(&f.path("lex.toml"), "LEX.toml")
    );
    let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
    let terms = parsed["categories"]["hostility"]["terms"]
        .as_array()
        .unwrap();
    assert_eq!(terms[0].as_str(), Some("stooges"));
    let line = text
        .lines()
        .find(|l| l.starts_with("# framediff lexicon add ") && l.contains(" hostility "))
        .unwrap();
    assert!(line.contains(&f.path("lex.toml")), "{line}");
    assert!(line.ends_with(" stooges"), "{line}");

    // apply it as the user would, then the suggestion is gone
    cmd()
        .args([
            "lexicon",
            "add",
            &f.path("lex.toml"),
            "hostility",
            "stooges",
        ])
        .assert()
        .success();
    let v = run_json(&strs(&f.args()));
    assert!(candidates(&v).iter().all(|c| c["term"] != "stooges"));
}

#[test]
fn limit_determinism_and_table() {
    let [a, b] = seeds();
    let all = run_json(&[&a, &b]);
    let three = run_json(&[&a, &b, "--limit", "3"]);
    assert_eq!(candidates(&three).len(), 3);
    assert_eq!(candidates(&three)[..], candidates(&all)[..3]);
    assert_eq!(run_json(&[&a, &b]), all);

    let table = || {
        cmd()
            .args([
                "lexicon", "suggest", &a, &b, "--color", "never", "--width", "120",
            ])
            .output()
            .unwrap()
    };
    let (t1, t2) = (table(), table());
    assert!(t1.status.success());
    assert_eq!(t1.stdout, t2.stdout);
    let text = String::from_utf8(t1.stdout).unwrap();
    insta::assert_snapshot!("suggest_seed_table", text);
    assert!(text.contains("plans"));
    assert!(text.contains("western-hostility"));
    assert!(text.lines().all(|l| l.chars().count() <= 120), "{text}");
}

#[test]
fn a_report_against_itself_gives_no_candidates() {
    let [a, _] = seeds();
    let v = run_json(&[&a, &a]);
    assert!(candidates(&v).is_empty());
    cmd()
        .args(["lexicon", "suggest", &a, &a, "--color", "never"])
        .assert()
        .success()
        .stdout(predicates::str::contains("No candidate terms"));
}

#[test]
fn bad_input_is_a_one_line_error() {
    let [a, b] = seeds();
    let f = Fixture::new();
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (vec![a.clone(), f.path("missing.txt")], 1, "missing.txt"),
        (vec![a.clone()], 2, ""),
        (
            vec![a.clone(), b.clone(), "--min-count".into(), "0".into()],
            2,
            "--min-count",
        ),
        (
            vec![a.clone(), b.clone(), "--min-g2=-1".into()],
            2,
            "--min-g2",
        ),
        (
            vec![a.clone(), b.clone(), "--threshold".into(), "2".into()],
            2,
            "--threshold",
        ),
        (
            vec![a.clone(), b.clone(), "--pivot".into(), "nobody".into()],
            2,
            "nobody",
        ),
        (
            vec![
                a.clone(),
                b.clone(),
                "--lexicon".into(),
                f.path("nope.toml"),
            ],
            1,
            "nope.toml",
        ),
        (
            vec![a.clone(), b.clone(), "--no-default-lexicons".into()],
            2,
            "no lexicon",
        ),
        (
            vec![a.clone(), b.clone(), "--format".into(), "xml".into()],
            2,
            "xml",
        ),
    ];
    for (args, code, needle) in cases {
        let out = cmd()
            .args(["lexicon", "suggest"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        if code == 1 || needle.starts_with("--") || needle == "nobody" {
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        }
    }
}
