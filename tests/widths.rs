//! Every terminal table fits `--width` (issue 16): `compare` (header, side by side,
//! substitutions, discrepancies, name spellings, framing terms), `terms` and `terms --kwic`,
//! `lexicon list`, `show`, `check`, `suggest` and `evaluate`, at widths 60, 80, 100 and 160, with colour
//! and without, for 1, 2, 3 and 5 reports where the command takes several. No line may be wider
//! than the width, measured in terminal columns (unicode-width) with the ANSI codes stripped:
//! a table wider than the terminal is wrapped by the terminal and its grid falls apart.

use std::sync::LazyLock;

use regex::Regex;
use unicode_width::UnicodeWidthStr;

use crate::common::{self, AHED, ALMASIRAH, IFP, SANA};

const WIDTHS: [u16; 4] = [60, 80, 100, 160];
const IRAN_PROJECT: &str = "fixtures/shamkhani-patrushev-2018/iran-project.txt";

/// 1, 2, 3 and 5 reports.
fn report_sets() -> [Vec<&'static str>; 4] {
    [
        vec![IFP],
        vec![IFP, AHED],
        vec![IFP, AHED, SANA],
        vec![IFP, AHED, SANA, ALMASIRAH, IRAN_PROJECT],
    ]
}

/// Display width in terminal columns, ANSI SGR codes stripped.
fn columns(line: &str) -> usize {
    static ANSI: LazyLock<Regex> = LazyLock::new(|| Regex::new("\x1b\\[[0-9;]*m").unwrap());
    ANSI.replace_all(line, "").width()
}

/// Run `args` at every width, with colour and without; collect every line wider than the
/// width (or a failed run) into `over`.
fn check(args: &[&str], over: &mut Vec<String>) {
    for width in WIDTHS {
        for color in ["never", "always"] {
            let out = common::cmd()
                .args(args)
                .args(["--width", &width.to_string(), "--color", color])
                .env_remove("COLUMNS")
                .output()
                .expect("run framediff");
            let stdout = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || stdout.trim().is_empty() {
                over.push(format!(
                    "{args:?} --width {width} --color {color}: exit {:?}, {} bytes: {}",
                    out.status.code(),
                    stdout.len(),
                    String::from_utf8_lossy(&out.stderr)
                ));
                continue;
            }
            for line in stdout.lines() {
                let n = columns(line);
                if n > usize::from(width) {
                    over.push(format!(
                        "{args:?} --width {width} --color {color}: {n} columns: {line}"
                    ));
                }
            }
        }
    }
}

fn assert_none(over: Vec<String>) {
    assert!(
        over.is_empty(),
        "{} lines wider than --width, first ones:\n{}",
        over.len(),
        over.iter().take(12).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn compare_fits() {
    let mut over = Vec::new();
    for set in report_sets().iter().filter(|s| s.len() > 1) {
        let mut args = vec!["compare"];
        args.extend(set);
        check(&args, &mut over);
    }
    // long labels, which head columns and sections
    check(
        &[
            "compare",
            "--label",
            "Iran Front Page, English edition of the daily",
            "--label",
            "Al-Ahed News, the Lebanese weekly",
            "--label",
            "SANA Syrian Arab News Agency",
            IFP,
            AHED,
            SANA,
        ],
        &mut over,
    );
    assert_none(over);
}

#[test]
fn terms_fits() {
    let mut over = Vec::new();
    for set in report_sets() {
        for extra in [&[][..], &["--all"][..], &["--by", "category"][..]] {
            let mut args = vec!["terms"];
            args.extend(extra);
            args.extend(&set);
            check(&args, &mut over);
        }
    }
    assert_none(over);
}

#[test]
fn kwic_fits() {
    let mut over = Vec::new();
    for set in report_sets() {
        let mut args = vec!["terms", "--kwic"];
        args.extend(&set);
        check(&args, &mut over);
    }
    assert_none(over);
}

#[test]
fn lexicon_tables_fit() {
    let mut over = Vec::new();
    check(&["lexicon", "list"], &mut over);
    check(
        &[
            "lexicon",
            "list",
            "--lexicon",
            "tests/data/lexicons/small.toml",
        ],
        &mut over,
    );
    for name in ["mideast-framing", "loaded-language"] {
        check(&["lexicon", "show", name], &mut over);
    }
    assert_none(over);
}

#[test]
fn lexicon_check_fits() {
    let mut over = Vec::new();
    // a lexicon with long warnings only (exit 0), in a folder with a long name; the file with
    // problems exits 1 after listing them
    let dir = tempfile::Builder::new()
        .prefix("a-folder-with-a-rather-long-name-")
        .tempdir()
        .unwrap();
    let warnings = dir.path().join("warnings-only-lexicon.toml");
    std::fs::write(
        &warnings,
        "name = \"warnings\"\nversion = \"1.0.0\"\n\n[categories.labels]\nterms = [\"resistance\", \"regime\"]\n\n\
         [categories.other]\nterms = [\"axis of resistance\", \"regime change operation\"]\n",
    )
    .unwrap();
    for width in WIDTHS {
        for file in [
            warnings.to_str().unwrap(),
            "tests/data/lexicons/problems.toml",
        ] {
            let out = common::cmd()
                .args(["lexicon", "check", file, "--width", &width.to_string()])
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.lines().count() > 1, "{file}: {stdout}");
            if file == warnings.to_str().unwrap() {
                assert!(out.status.success(), "{file}: {stdout}");
                assert!(stdout.contains("warning:"), "{file}: {stdout}");
            }
            for line in stdout.lines() {
                if columns(line) > usize::from(width) {
                    over.push(format!("check {file} --width {width}: {line}"));
                }
            }
        }
    }
    assert_none(over);
}

#[test]
fn suggest_fits() {
    let mut over = Vec::new();
    for set in report_sets().iter().filter(|s| s.len() > 1) {
        let mut args = vec!["lexicon", "suggest"];
        args.extend(set);
        check(&args, &mut over);
    }
    assert_none(over);
}

#[test]
fn lexicon_evaluate_fits() {
    // two lexicons, so categories are named "lexicon › category", and reference hits too
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let text = "The senator slammed the so-called reforms as a fiasco. Officials said the regime \
                had unleashed a brutal crackdown, according to activists who decried it.";
    std::fs::write(
        &gold,
        format!(
            "{{\"id\":\"a\",\"text\":\"{text}\",\"spans\":[{{\"start\":12,\"end\":19,\"label\":\"lex\"}}]}}\n\
             {{\"id\":\"b\",\"text\":\"{text} {text}\",\"spans\":[]}}\n"
        ),
    )
    .unwrap();
    let gold = gold.to_str().unwrap();
    let mut over = Vec::new();
    for lexicons in [
        &["loaded-language"][..],
        &["loaded-language", "mideast-framing"][..],
    ] {
        let mut args = vec!["lexicon", "evaluate"];
        args.extend(lexicons);
        args.extend(["--gold", gold, "--role", "all"]);
        check(&args, &mut over);
    }
    assert_none(over);
}
