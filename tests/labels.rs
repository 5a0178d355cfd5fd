//! Report labels are unique: reports sharing a file name are labelled by the shortest path
//! suffix that tells them apart, said once on stderr; a `--label` given twice is a usage error.

use framediff::ingest::unique_labels;
use predicates::prelude::*;
use predicates::str::contains;

use crate::common::{cmd, AHED, IFP, SANA};

fn labels(paths: &[&str], given: &[Option<&str>]) -> Vec<String> {
    unique_labels(paths, given)
}

#[test]
fn distinct_file_names_keep_their_stem() {
    assert_eq!(
        labels(&["x/iran.txt", "y/ahed.html", "-"], &[]),
        ["iran", "ahed", "stdin"]
    );
}

#[test]
fn shared_file_names_take_the_shortest_distinguishing_suffix() {
    assert_eq!(labels(&["a/fox.txt", "b/fox.txt"], &[]), ["a/fox", "b/fox"]);
    // only the clashing ones grow, each as far as it needs
    assert_eq!(
        labels(&["x/a/fox.txt", "y/a/fox.txt", "b/fox.md", "hen.txt"], &[]),
        ["x/a/fox", "y/a/fox", "b/fox", "hen"]
    );
    // `.` components say nothing; a path that runs out keeps what it has
    assert_eq!(labels(&["./fox.txt", "a/fox.txt"], &[]), ["fox", "a/fox"]);
    assert_eq!(
        labels(&["/data/nyt/fox.txt", "/data/hpo/fox.txt"], &[]),
        ["nyt/fox", "hpo/fox"]
    );
}

#[test]
fn the_same_file_twice_is_numbered() {
    assert_eq!(
        labels(&["a/fox.txt", "a/fox.txt", "a/fox.txt"], &[]),
        ["fox", "fox#2", "fox#3"]
    );
}

#[test]
fn given_labels_are_kept_and_derived_ones_avoid_them() {
    assert_eq!(
        labels(&["a/x.txt", "b/fox.txt"], &[Some("fox")]),
        ["fox", "b/fox"]
    );
    assert_eq!(
        labels(&["fox.txt", "fox.txt"], &[Some("fox")]),
        ["fox", "fox#2"]
    );
}

/// Two seed reports copied as `a/fox.txt` and `b/fox.txt`, and a third as `c/hen.txt`.
fn fox_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (sub, name, src) in [
        ("a", "fox.txt", IFP),
        ("b", "fox.txt", AHED),
        ("c", "hen.txt", SANA),
    ] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(src, dir.path().join(sub).join(name)).unwrap();
    }
    dir
}

#[test]
fn compare_labels_shared_names_by_path_and_warns_once() {
    let dir = fox_dir();
    let out = cmd()
        .current_dir(dir.path())
        .args(["compare", "a/fox.txt", "b/fox.txt", "c/hen.txt"])
        .args(["--pivot", "b/fox", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let got: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["a/fox", "b/fox", "hen"]);
    assert_eq!(v["pivot"], 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.matches("share a file name").count(),
        1,
        "one warning: {err}"
    );
    assert!(
        err.contains("reports share a file name; labelled a/fox, b/fox"),
        "{err}"
    );
    assert!(!err.contains("fox and fox"), "{err}");
    // the bare name is no longer a label
    cmd()
        .current_dir(dir.path())
        .args(["compare", "a/fox.txt", "b/fox.txt", "--pivot", "fox"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("labels: a/fox, b/fox"));
}

#[test]
fn distinct_names_say_nothing() {
    cmd()
        .args(["align", IFP, AHED])
        .assert()
        .success()
        .stderr(contains("share a file name").not());
}

#[test]
fn an_explicit_duplicate_label_is_a_usage_error() {
    cmd()
        .args(["compare", IFP, AHED, "--label", "fox", "--label", "fox"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("--label fox is given twice"));
}

#[test]
fn a_given_label_wins_over_a_file_name() {
    let dir = fox_dir();
    let out = cmd()
        .current_dir(dir.path())
        .args([
            "terms",
            "c/hen.txt",
            "a/fox.txt",
            "--label",
            "fox",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("labelled a/fox"), "{err}");
}
