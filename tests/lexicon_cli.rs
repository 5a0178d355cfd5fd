//! `framediff lexicon …` end to end: every subcommand, the error table, edit safety and the
//! import/export round trips.

use std::path::{Path, PathBuf};

use framediff::lexicon::{self, Lexicon};

use crate::common::cmd;

const DATA: &str = "tests/data/lexicons";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA).join(name)
}

/// A temp dir holding copies of the test lexicons (so edits never touch the originals).
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(data("")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("broken.toml"),
        "name = \"x\"\n[categories.a]\nterms = [\"ok\",\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("latin.toml"), b"name = \"\xff\"\n").unwrap();
    std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
    dir
}

/// Every category id with its set of term forms (term and variants), sorted.
fn forms(lex: &Lexicon) -> Vec<(String, Vec<String>)> {
    lex.categories
        .iter()
        .map(|c| {
            let mut f: Vec<String> = c
                .terms
                .iter()
                .flat_map(|t| t.forms())
                .map(str::to_string)
                .collect();
            f.sort();
            (c.id.clone(), f)
        })
        .collect()
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn errors_are_one_line_name_the_file_and_change_nothing() {
    // (arguments, exit code, start of stderr)
    let table: &[(&[&str], i32, &str)] = &[
        (&["check", "missing.toml"], 1, "framediff: missing.toml: no such file\n"),
        (&["check", "folder.toml"], 1, "framediff: folder.toml: is a directory"),
        (&["check", "latin.toml"], 1, "framediff: latin.toml: is not UTF-8 text"),
        (&["check", "broken.toml"], 1, "framediff: broken.toml:3:15: invalid TOML"),
        (&["show", "broken.toml"], 1, "framediff: broken.toml:3:15: invalid TOML"),
        (&["show", "nope"], 1, "framediff: nope: no such file, and no built-in lexicon"),
        (&["list", "--lexicon", "broken.toml"], 1, "framediff: broken.toml:3:15:"),
        (&["add", "broken.toml", "a", "term"], 1, "framediff: broken.toml:3:15: invalid TOML"),
        (&["add", "missing.toml", "a", "term"], 1, "framediff: missing.toml: no such file"),
        (&["add", "folder.toml", "a", "term"], 1, "framediff: folder.toml: is a directory"),
        (&["add", "latin.toml", "a", "term"], 1, "framediff: latin.toml: is not UTF-8"),
        (&["add", "small.toml", "conflict", ""], 2, "framediff: small.toml: cannot add empty term"),
        (&["add", "small.toml", "conflict", "!!"], 2, "framediff: small.toml: cannot add term `!!` has no letters"),
        (&["add", "small.toml", "conflict", "*"], 2, "framediff: small.toml: cannot add term `*` has no letters"),
        (&["add", "small.toml", "conflict", "a*"], 2, "framediff: small.toml: cannot add wildcard word `a*`"),
        (&["add", "small.toml", "a/b/c", "term"], 2, "framediff: category `a/b/c` must be"),
        (&["add", "small.toml", "conflict", "SIEGE"], 1, "framediff: small.toml: `SIEGE` is already in the lexicon as `siege` (category `conflict`)"),
        (&["add", "small.toml", "conflict", "x y", "X-Y"], 2, "framediff: small.toml: term `X-Y` given twice"),
        (&["remove", "small.toml", "absent"], 1, "framediff: small.toml: no term `absent`; nothing removed"),
        (&["remove", "small.toml", "siege", "absent"], 1, "framediff: small.toml: no term `absent`"),
        (&["remove", "small.toml", "siege", "--category", "nope"], 1, "framediff: small.toml: no category `nope` (categories: delegitimising, conflict, conflict/casualties)"),
        (&["remove", "small.toml", "Zionist regimes"], 1, "framediff: small.toml: no term `Zionist regimes` (`Zionist regimes` is a variant of `Zionist regime`"),
        (&["remove", "broken.toml", "ok"], 1, "framediff: broken.toml:3:15:"),
        (&["import", "missing.dic"], 1, "framediff: missing.dic: no such file"),
        (&["check", "small.dic"], 2, "framediff: small.dic: `lexicon check` works on lexicon TOML, this is a LIWC .dic dictionary; convert it first"),
        (&["add", "small.yml", "a", "x"], 2, "framediff: small.yml: `lexicon add/remove` works on lexicon TOML"),
        (&["remove", "small.yml", "siege"], 2, "framediff: small.yml: `lexicon add/remove` works on lexicon TOML"),
        (&["import", "small.toml.txt"], 2, "framediff: small.toml.txt: cannot tell the dictionary format"),
        (&["import", "small.dic", "-o", "small.dic"], 2, "framediff: refusing to write output over input file small.dic"),
        (&["import", "small.dic", "--name", " "], 2, "framediff: --name must not be empty"),
        (&["export", "small.toml", "--to", "yaml", "-o", "small.toml"], 2, "framediff: refusing to write output over input file"),
        (&["export", "broken.toml", "--to", "dic"], 1, "framediff: broken.toml:3:15:"),
    ];
    let dir = workdir();
    let before = snapshot(dir.path());
    for (args, code, stderr) in table {
        let out = cmd()
            .current_dir(dir.path())
            .arg("lexicon")
            .args(*args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.starts_with(stderr), "{args:?}:\n{err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: not one line:\n{err}");
        assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed a file");
    }
}

#[test]
fn add_then_remove_leaves_a_commented_file_byte_identical() {
    let dir = workdir();
    let file = dir.path().join("commented.toml");
    let original = std::fs::read(&file).unwrap();
    for category in ["loaded", "plain", "inline", "blocs/self-labels"] {
        cmd()
            .arg("lexicon")
            .arg("add")
            .arg(&file)
            .arg(category)
            .args(["hybrid warfare", "proxy militia"])
            .assert()
            .success();
        let text = std::fs::read_to_string(&file).unwrap();
        let lex = lexicon::load(&file).unwrap();
        let terms = &lex.category(category).unwrap().terms;
        assert_eq!(terms[terms.len() - 2].term, "hybrid warfare", "{text}");
        assert!(text.starts_with("# A hand-curated lexicon"), "{text}");
        cmd()
            .arg("lexicon")
            .arg("remove")
            .arg(&file)
            .args(["proxy militia", "Hybrid-Warfare"])
            .assert()
            .success();
        assert_eq!(
            String::from_utf8(std::fs::read(&file).unwrap()).unwrap(),
            String::from_utf8(original.clone()).unwrap(),
            "{category}"
        );
    }
}

#[test]
fn removing_the_last_term_leaves_an_empty_array() {
    // `blocs` has no `terms` key: add creates one, remove empties it (it cannot know the key
    // was not there before), so the file differs from the original by `terms = []` only
    let dir = workdir();
    let file = dir.path().join("commented.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    for (verb, args) in [
        ("add", &["blocs", "x term"][..]),
        ("remove", &["x term"][..]),
    ] {
        cmd()
            .arg("lexicon")
            .arg(verb)
            .arg(&file)
            .args(args)
            .assert()
            .success();
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        original.replace(
            "description = \"Bloc labels\"\n",
            "description = \"Bloc labels\"\nterms = []\n"
        )
    );
}

#[test]
fn add_keeps_the_array_style_and_creates_categories() {
    let dir = workdir();
    let file = dir.path().join("commented.toml");
    cmd()
        .arg("lexicon")
        .arg("add")
        .arg(&file)
        .args(["plain", "gamma"])
        .assert()
        .success();
    cmd()
        .arg("lexicon")
        .arg("add")
        .arg(&file)
        .args(["fresh/kid", "new term"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("    \"alpha\",\n    \"beta\",\n    \"gamma\"\n]"),
        "{text}"
    );
    assert!(
        text.ends_with("\n[categories.fresh.kid]\nterms = [\n  \"new term\",\n]\n"),
        "{text}"
    );
    cmd()
        .arg("lexicon")
        .arg("check")
        .arg(&file)
        .assert()
        .success();
}

#[test]
fn add_warns_about_a_term_a_glob_already_matches() {
    let dir = workdir();
    let file = dir.path().join("small.toml");
    cmd()
        .arg("lexicon")
        .arg("add")
        .arg(&file)
        .args(["delegitimising", "occupied"])
        .assert()
        .success()
        .stderr(
            predicates::str::contains(
                "framediff: warning: ".to_string() + &file.display().to_string() + ":12:",
            )
            .and(predicates::str::contains(
                "`occupied` is shadowed: the glob `occupi*`",
            )),
        );
}

#[test]
fn remove_restricted_to_a_category() {
    let dir = workdir();
    let file = dir.path().join("small.toml");
    cmd()
        .arg("lexicon")
        .arg("remove")
        .arg(&file)
        .args(["killed", "--category", "conflict/casualties"])
        .assert()
        .success()
        .stderr(predicates::str::contains("removed `killed`"));
    let lex = lexicon::load(&file).unwrap();
    assert_eq!(lex.term_count(), 5);
}

#[test]
fn check_reports_problems_with_positions() {
    let out = cmd()
        .args(["lexicon", "check"])
        .arg(format!("{DATA}/problems.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let f = format!("{DATA}/problems.toml");
    for want in [
        format!("{f}:8:34: problem: variant `Regime` is the same as its term `regime`"),
        format!("{f}:10:3: warning: `resistance` occurs inside the longer `axis of resistance`"),
        format!("{f}:11:51: problem: exception `reign of fear` does not contain the term `terror`"),
        format!("{f}:16:3: problem: duplicate `hamas run`: already listed as `Hamas-run` at 7:3"),
        format!("{f}:17:3: problem: `occupied` is shadowed: the glob `occupi*` at 9:3"),
        format!("{f}:21:13: problem: category `empty` is empty"),
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(&want)),
            "{want}\n{stdout}"
        );
    }
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("framediff: {f}: 3 categories, 8 terms, 5 problems, 1 warning\n")
    );
}

#[test]
fn check_clean_file_and_strict_warnings() {
    cmd()
        .args(["lexicon", "check", &format!("{DATA}/small.toml")])
        .assert()
        .success()
        .stdout(format!(
            "{DATA}/small.toml: 3 categories, 6 terms, no problems\n"
        ));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.toml");
    std::fs::write(
        &file,
        "name = \"w\"\n[categories.a]\nterms = [\"resistance\"]\n[categories.b]\nterms = [\"axis of resistance\"]\n",
    )
    .unwrap();
    cmd()
        .arg("lexicon")
        .arg("check")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("no problems, 1 warning"));
    cmd()
        .arg("lexicon")
        .arg("check")
        .arg("--strict")
        .arg(&file)
        .assert()
        .code(1);
    let out = cmd()
        .arg("lexicon")
        .arg("check")
        .args(["--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["severity"], "warning");
    assert_eq!(v["findings"][0]["line"], 3);
}

#[test]
fn imports_of_the_small_dictionaries_match_the_toml() {
    let toml = lexicon::load(&data("small.toml")).unwrap();
    for file in ["small.yml", "small.dic"] {
        let out = cmd()
            .args(["lexicon", "import"])
            .arg(data(file))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with(&format!(
                "# Imported by `framediff lexicon import` from {file} ("
            )),
            "{text}"
        );
        let lex = lexicon::parse(&text, Path::new(file)).unwrap();
        assert_eq!(lex.name, "small");
        assert_eq!(forms(&lex), forms(&toml), "{file}");
        // and through --lexicon / load_any directly
        let direct = lexicon::import::load_any(&data(file)).unwrap();
        assert_eq!(forms(&direct), forms(&toml), "{file}");
    }
}

#[test]
fn imports_the_other_formats() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("small.lc3", "small", &["delegitimising", "conflict"]),
        (
            "small.cat",
            "small",
            &["delegitimising", "conflict", "conflict/casualties"],
        ),
        (
            "small.ykd",
            "small-yoshikoder",
            &["delegitimising", "conflict", "conflict/casualties"],
        ),
    ];
    for (file, name, ids) in cases {
        let lex = lexicon::import::load_any(&data(file)).unwrap();
        assert_eq!(lex.name, *name);
        let got: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(got, *ids, "{file}");
        assert!(
            lex.categories[0]
                .terms
                .iter()
                .any(|t| t.term == "zionist entity" || t.term == "Zionist entity"),
            "{file}"
        );
    }
}

#[test]
fn import_writes_atomically_with_options() {
    let dir = workdir();
    let out = dir.path().join("out.toml");
    cmd()
        .args([
            "lexicon", "import", "--format", "liwc", "--name", "renamed", "-o",
        ])
        .arg(&out)
        .arg(dir.path().join("small.dic"))
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("wrote"));
    let lex = lexicon::load(&out).unwrap();
    assert_eq!(lex.name, "renamed");
    assert_eq!(lex.term_count(), 7);
}

#[test]
fn export_round_trips_through_yaml_and_dic() {
    let dir = tempfile::tempdir().unwrap();
    let original = lexicon::load(&data("small.toml")).unwrap();
    // variants become separate terms: compare sets of forms per category
    for (to, file) in [("yaml", "x.yml"), ("dic", "x.dic")] {
        let out = dir.path().join(file);
        cmd()
            .args(["lexicon", "export", "--to", to, "-o"])
            .arg(&out)
            .arg(data("small.toml"))
            .assert()
            .success();
        let back = lexicon::import::load_any(&out).unwrap();
        assert_eq!(forms(&back), forms(&original), "{to}");
    }
    // .dic says what it dropped; YAML keeps it as comments
    cmd()
        .args(["lexicon", "export", "--to", "dic"])
        .arg(data("commented.toml"))
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "framediff: note: a LIWC .dic has no place for 1 note, 1 neutral counterpart",
        ));
    cmd()
        .args(["lexicon", "export", "--to", "yaml"])
        .arg(data("commented.toml"))
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "- \"Zionist regime\"  # neutral: Israel",
        ));
}

#[test]
fn list_and_show() {
    let out = cmd()
        .args(["lexicon", "list", "--format", "json", "--lexicon"])
        .arg(data("small.yml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows[0]["source"], "built-in");
    let last = &rows[rows.len() - 1];
    assert_eq!(last["name"], "small");
    assert_eq!(last["categories"], 3);
    assert_eq!(last["terms"], 7);

    cmd()
        .args([
            "lexicon",
            "list",
            "--no-default-lexicons",
            "--width",
            "80",
            "--lexicon",
        ])
        .arg(data("small.toml"))
        .assert()
        .success()
        .stdout(predicates::str::contains("small").and(predicates::str::contains("1.0.0")));

    let out = cmd()
        .args(["lexicon", "show", "--format", "json"])
        .arg(data("commented.toml"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "commented");
    assert_eq!(v["version"], "0.3.0");
    assert_eq!(v["categories"][0]["id"], "loaded");
    assert_eq!(v["categories"][0]["description"], "Loaded labels");
    assert_eq!(
        v["categories"][0]["terms"][1],
        serde_json::json!({"term": "Zionist regime", "variants": ["Zionist regimes"], "neutral": "Israel"})
    );
    assert_eq!(v["categories"][4]["id"], "blocs/self-labels");

    // every built-in by name, in each format
    for lex in lexicon::builtin::lexicons().unwrap() {
        for format in ["table", "json", "toml"] {
            cmd()
                .args(["lexicon", "show", &lex.name, "--format", format])
                .assert()
                .success();
        }
    }
    let toml = cmd()
        .args(["lexicon", "show", "--format", "toml"])
        .arg(data("small.dic"))
        .output()
        .unwrap();
    let lex = lexicon::parse(&String::from_utf8(toml.stdout).unwrap(), Path::new("x")).unwrap();
    assert_eq!(lex.term_count(), 7);
}

use predicates::prelude::PredicateBooleanExt;

/// The outputs people read, pinned so changes to them are reviewed.
#[test]
fn snapshots_of_readable_outputs() {
    let run = |args: &[&str]| {
        let out = cmd()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("lexicon")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    insta::assert_snapshot!(
        "import_small_yml",
        run(&["import", &format!("{DATA}/small.yml")])
    );
    insta::assert_snapshot!(
        "show_commented",
        run(&["show", &format!("{DATA}/commented.toml"), "--width", "100"])
    );
    insta::assert_snapshot!(
        "export_commented_yaml",
        run(&["export", "--to", "yaml", &format!("{DATA}/commented.toml")])
    );
    insta::assert_snapshot!(
        "export_commented_dic",
        run(&["export", "--to", "dic", &format!("{DATA}/commented.toml")])
    );
}

/// Importing a quanteda YAML or a LIWC `.dic` dictionary counts exactly what the equivalent TOML
/// counts, used directly with `--lexicon` on every fixture. Per category: the importers turn a
/// TOML term's variants into terms of their own, so per-term rows differ by design, but category
/// subtotals count distinct hit spans and must agree.
#[test]
fn imported_dictionaries_count_like_the_toml() {
    let fixtures = [
        "fixtures/velayati-mekdad-2022/iran-front-page.txt",
        "fixtures/velayati-mekdad-2022/al-ahed.txt",
        "fixtures/velayati-mikdad-2017/sana.txt",
        "fixtures/khamenei-assad-2024/almasirah.txt",
        "fixtures/shamkhani-patrushev-2018/iran-project.txt",
    ];
    let categories = |lexicon: &str| -> Vec<(String, Vec<u64>)> {
        let mut args = vec![
            "terms",
            "--format",
            "json",
            "--all",
            "--no-default-lexicons",
        ];
        args.extend(["--lexicon", lexicon]);
        args.extend(fixtures);
        let out = assert_cmd::cargo::cargo_bin_cmd!("framediff")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).expect("terms JSON");
        v["categories"]
            .as_array()
            .expect("categories")
            .iter()
            .map(|c| {
                let counts = c["counts"]
                    .as_array()
                    .expect("counts")
                    .iter()
                    .map(|n| n.as_u64().expect("count"))
                    .collect();
                (c["category"].as_str().expect("id").to_string(), counts)
            })
            .collect()
    };
    let toml = categories("tests/data/lexicons/small.toml");
    let total: u64 = toml.iter().flat_map(|(_, c)| c.iter()).sum();
    assert!(total >= 5, "the fixtures exercise the lexicon: {toml:?}");
    assert_eq!(
        categories("tests/data/lexicons/small.yml"),
        toml,
        "quanteda YAML"
    );
    assert_eq!(
        categories("tests/data/lexicons/small.dic"),
        toml,
        "LIWC .dic"
    );
}
