//! What README.md and docs/cli.md promise about the command line, each claim run through the
//! binary (issue 16): colour (`NO_COLOR`, only on a terminal), the width (`--width`, the
//! terminal, `$COLUMNS`, 100, never under 60), stdin `-` for `compare`/`terms`/`report` (and
//! the error for `-` twice), exit 2 for an unknown flag on every command, `--segmented` on
//! `align`/`compare`/`report`, `--pivot` with three reports in the table, and every importable
//! dictionary format through `lexicon import` and `--lexicon`, with several categories and
//! terms.
//!
//! The terminal cases run the binary on a pseudo-terminal made by `script` (util-linux, on every
//! Debian system): without one, `--color auto` never colours and the width never comes from
//! the terminal.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{self, AHED, IFP, SANA};

/// The binary with no colour or width settings from the test's environment.
fn cmd() -> assert_cmd::Command {
    let mut c = common::cmd();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    c
}

/// Successful stdout of `args`, with `stdin` as input.
fn stdout(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut c = cmd();
    c.args(args);
    if let Some(input) = stdin {
        c.write_stdin(input.to_vec());
    }
    let out = c.output().expect("run framediff");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// stdout of `framediff ARGS` run on a pseudo-terminal of `cols` columns, with `env` set
/// (`script` joins stdout and stderr; line ends come back as `\r\n` and are turned back).
fn on_terminal(args: &str, cols: u16, env: &[(&str, &str)]) -> String {
    let bin = env!("CARGO_BIN_EXE_framediff");
    let mut c = Command::new("script");
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .args([
            "-qec",
            &format!("stty rows 50 cols {cols}; {bin} {args}"),
            "/dev/null",
        ]);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c
        .output()
        .expect("run script (util-linux) for a pseudo-terminal");
    assert!(out.status.success(), "script {args}: {out:?}");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

#[test]
fn colour_only_on_a_terminal_and_no_color_honoured() {
    let args = format!("compare {IFP} {AHED}");
    assert!(
        on_terminal(&args, 100, &[]).contains("\x1b["),
        "colour on a terminal"
    );
    let no_color = on_terminal(&args, 100, &[("NO_COLOR", "1")]);
    assert!(!no_color.contains("\x1b["), "NO_COLOR=1: no colour");
    assert!(
        no_color.contains("{+"),
        "without colour, changes are marked in text"
    );
    // an empty NO_COLOR is unset (no-color.org), and --color always wins over it
    assert!(on_terminal(&args, 100, &[("NO_COLOR", "")]).contains("\x1b["));
    assert!(
        on_terminal(&format!("{args} --color always"), 100, &[("NO_COLOR", "1")]).contains("\x1b[")
    );
    // piped: no colour, unless asked for
    let piped = stdout(&["compare", IFP, AHED], None);
    assert!(!piped.contains('\x1b') && piped.contains("{+"));
    assert!(stdout(&["compare", IFP, AHED, "--color", "always"], None).contains("\x1b["));
}

#[test]
fn width_from_the_flag_the_terminal_columns_or_100_never_under_60() {
    let terms = |extra: &[&str], columns: Option<&str>| {
        let mut c = cmd();
        c.args(["terms", "--color", "never", IFP, AHED]).args(extra);
        if let Some(cols) = columns {
            c.env("COLUMNS", cols);
        }
        let out = c.output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let at = |w: &str| terms(&["--width", w], None);
    let (w60, w70, w100) = (at("60"), at("70"), at("100"));
    assert!(w60 != w70 && w70 != w100, "the table follows the width");
    assert_eq!(terms(&[], None), w100, "piped, no $COLUMNS: 100");
    assert_eq!(terms(&[], Some("70")), w70, "piped: $COLUMNS");
    assert_eq!(terms(&[], Some("30")), w60, "$COLUMNS under 60: 60");
    assert_eq!(at("20"), w60, "--width under 60: 60");
    assert_eq!(
        terms(&["--width", "70"], Some("100")),
        w70,
        "--width beats $COLUMNS"
    );
    // on a terminal its width beats $COLUMNS
    let tty = on_terminal(
        &format!("terms --color never {IFP} {AHED}"),
        70,
        &[("COLUMNS", "100")],
    );
    // the terminal shows stderr too: the notes on page chrome set aside come first
    let tty: String = tty
        .lines()
        .filter(|l| !l.starts_with("framediff: note:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(tty, w70, "the terminal's width");
}

#[test]
fn stdin_dash_for_compare_terms_and_report() {
    let ifp = std::fs::read(IFP).unwrap();
    let labels = ["--label", "IFP", "--label", "Ahed", "--color", "never"];
    let mut args = vec!["compare", "-", AHED];
    args.extend(labels);
    let from_stdin = stdout(&args, Some(&ifp));
    let mut args = vec!["compare", IFP, AHED];
    args.extend(labels);
    assert_eq!(from_stdin, stdout(&args, None), "compare - B");
    // stdin in second place
    let ahed = std::fs::read(AHED).unwrap();
    let mut args = vec!["compare", IFP, "-"];
    args.extend(labels);
    let second = stdout(&args, Some(&ahed));
    let mut args = vec!["compare", IFP, AHED];
    args.extend(labels);
    assert_eq!(second, stdout(&args, None), "compare A -");

    assert_eq!(
        stdout(&["terms", "--label", "IFP", "-"], Some(&ifp)),
        stdout(&["terms", "--label", "IFP", IFP], None),
        "terms -"
    );

    // report: the same JSON but for the paths
    let report = |a: &str, stdin: Option<&[u8]>| {
        let out = stdout(
            &["report", a, AHED, "--format", "json", "--label", "IFP"],
            stdin,
        );
        let mut v: Value = serde_json::from_str(&out).unwrap();
        drop_paths(&mut v);
        v
    };
    assert!(report("-", Some(&ifp)) == report(IFP, None), "report - B");
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    cmd()
        .args(["report", "-", AHED, "-o", md.to_str().unwrap()])
        .write_stdin(ifp.clone())
        .assert()
        .success();
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .contains("## Framing terms"));
}

/// `v` without its `"path"` keys (stdin's path is `-`).
fn drop_paths(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("path");
            m.values_mut().for_each(drop_paths);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_paths),
        _ => {}
    }
}

#[test]
fn stdin_twice_is_a_clear_usage_error() {
    for args in [
        &["compare", "-", "-"][..],
        &["report", "-", "-", "--format", "json"][..],
        &["terms", "-", "-"][..],
    ] {
        let out = cmd()
            .args(args)
            .write_stdin(std::fs::read(IFP).unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(
            stderr, "framediff: stdin (-) can be read only once\n",
            "{args:?}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn an_unknown_flag_is_exit_2_on_every_command() {
    let lex = "tests/data/lexicons/small.toml";
    let commands: &[&[&str]] = &[
        &["segment", IFP],
        &["align", IFP, AHED],
        &["compare", IFP, AHED],
        &["report", IFP, AHED],
        &["terms", IFP],
        &["lexicon", "list"],
        &["lexicon", "show", "mideast-framing"],
        &["lexicon", "check", lex],
        &["lexicon", "add", lex, "conflict", "siege"],
        &["lexicon", "remove", lex, "siege"],
        &["lexicon", "import", "tests/data/lexicons/small.dic"],
        &["lexicon", "export", "mideast-framing"],
        &["lexicon", "suggest", IFP, AHED],
    ];
    let before = std::fs::read(lex).unwrap();
    for args in commands {
        let out = cmd().args(*args).arg("--no-such-flag").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("unexpected argument '--no-such-flag'"),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(std::fs::read(lex).unwrap(), before, "nothing was edited");
}

/// Lines that are not sentences as the splitter sees them: with `--segmented` each line is one
/// sentence, without it the second line is two.
const SEGMENTED: &str = "The minister met Mr\nSmith in Tehran. Talks went well\nThey agreed.\n";

fn sentence_texts(doc: &Value) -> Vec<String> {
    doc["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn segmented_input_on_align_compare_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lines.txt");
    std::fs::write(&file, SEGMENTED).unwrap();
    let f = file.to_str().unwrap();
    let lines: Vec<String> = SEGMENTED.lines().map(str::to_string).collect();
    for command in [
        &["align", "--format", "json"][..],
        &["compare", "--format", "json"][..],
        &["report", "--format", "json"][..],
    ] {
        let run = |segmented: bool| {
            let mut args = command.to_vec();
            if segmented {
                args.push("--segmented");
            }
            args.extend([f, AHED]);
            let v: Value = serde_json::from_str(&stdout(&args, None)).unwrap();
            sentence_texts(&v["documents"][0])
        };
        assert_eq!(
            run(true),
            lines,
            "{command:?} --segmented: one sentence a line"
        );
        assert_eq!(run(false).len(), 4, "{command:?}: the splitter's sentences");
    }
}

#[test]
fn pivot_with_three_reports_in_the_table() {
    let table = |pivot: Option<&str>| {
        let mut args = vec![
            "compare", "--color", "never", "--width", "160", IFP, AHED, SANA,
        ];
        if let Some(p) = pivot {
            args.extend(["--pivot", p]);
        }
        stdout(&args, None)
    };
    let first = table(None);
    let ahed = table(Some("al-ahed"));
    let pivot_row = |t: &str, label: &str| {
        t.lines()
            .find(|l| l.starts_with(&format!("│ {label} ")))
            .unwrap_or_else(|| panic!("no header row for {label}"))
            .contains("(pivot)")
    };
    assert!(pivot_row(&first, "iran-front-page") && !pivot_row(&first, "al-ahed"));
    assert!(pivot_row(&ahed, "al-ahed") && !pivot_row(&ahed, "iran-front-page"));
    for (t, pivot, others) in [
        (&first, "iran-front-page", ["al-ahed", "sana"]),
        (&ahed, "al-ahed", ["iran-front-page", "sana"]),
    ] {
        for other in others {
            assert!(
                t.contains(&format!("== {pivot} → {other} ==")),
                "{pivot} → {other}"
            );
        }
        assert!(t.contains(&format!("# numbers {pivot}'s sentences")));
        // every report has a column: the side-by-side header row names all three
        let header = t
            .lines()
            .find(|l| l.starts_with("│ #"))
            .expect("side-by-side header");
        for label in ["iran-front-page", "al-ahed", "sana"] {
            assert!(header.contains(label), "{label} column in {header}");
        }
    }
    assert_ne!(first, ahed);
}

/// Each importable format, with several categories of several terms: `lexicon import` writes
/// a lexicon with all of them, and `--lexicon FILE` counts terms of each category.
#[test]
fn every_dictionary_format_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(
        &article,
        "The Zionist entity attacked the occupied territory again on Monday.\n\n\
         Officials said the Zionist regime was behind the siege of the town.\n\n\
         Two martyrs were killed in the raid, local sources said.\n",
    )
    .unwrap();
    for file in [
        "small.yml",
        "small.dic",
        "small.lc3",
        "small.cat",
        "small.ykd",
    ] {
        let path = Path::new("tests/data/lexicons").join(file);
        let p = path.to_str().unwrap();
        let out = dir.path().join(format!("{file}.toml"));
        cmd()
            .args(["lexicon", "import", p, "-o", out.to_str().unwrap()])
            .assert()
            .success();
        let shown: Value = serde_json::from_str(&stdout(
            &["lexicon", "show", "--format", "json", out.to_str().unwrap()],
            None,
        ))
        .unwrap();
        let categories = shown["categories"].as_array().unwrap();
        let with_terms: Vec<usize> = categories
            .iter()
            .map(|c| c["terms"].as_array().map_or(0, Vec::len))
            .filter(|&n| n > 0)
            .collect();
        assert!(
            with_terms.len() >= 2 && with_terms.iter().sum::<usize>() >= 4,
            "{file}: categories with their term counts {with_terms:?}"
        );
        // the dictionary itself with --lexicon: hits in two categories, of several terms
        let v: Value = serde_json::from_str(&stdout(
            &[
                "terms",
                "--format",
                "json",
                "--no-default-lexicons",
                "--lexicon",
                p,
                article.to_str().unwrap(),
            ],
            None,
        ))
        .unwrap();
        let hit_categories = v["categories"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["counts"][0].as_u64().unwrap_or(0) > 0)
            .count();
        let hit_terms = v["terms"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["counts"][0].as_u64().unwrap_or(0) > 0)
            .count();
        assert!(
            hit_categories >= 2 && hit_terms >= 3,
            "{file}: {hit_categories} categories, {hit_terms} terms hit"
        );
    }
}
