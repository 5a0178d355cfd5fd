//! Integration tests of corpus mode: manifests (JSONL, CSV, directory, stdin), bad lines,
//! `corpus terms` (equal to `terms`, grouping, the same output for any `--jobs`) and the Spark
//! example.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::common::{ok, run, run_spark_example, run_with_stdin, spark_python};

/// The seed fixtures, each with its event (folder) and outlet (file stem).
const FIXTURES: [(&str, &str, &str); 7] = [
    ("hostile", "border-daily", "txt"),
    ("hostile", "frontier-post", "txt"),
    ("html", "article", "html"),
    ("khamenei-assad-2024", "almasirah", "txt"),
    ("shamkhani-patrushev-2018", "iran-project", "txt"),
    ("velayati-mekdad-2022", "al-ahed", "txt"),
    ("velayati-mekdad-2022", "iran-front-page", "txt"),
];
const SANA: (&str, &str, &str) = ("velayati-mikdad-2017", "sana", "txt");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut v = FIXTURES.to_vec();
    v.push(SANA);
    v
}

fn fixture_path(f: &(&str, &str, &str)) -> PathBuf {
    root()
        .join("fixtures")
        .join(f.0)
        .join(format!("{}.{}", f.1, f.2))
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write_jsonl(path: &Path, rows: &[Value]) {
    let text: String = rows.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// A JSONL manifest of the fixtures by path (relative to the manifest), dated.
fn fixture_manifest(dir: &Path) -> PathBuf {
    let rows: Vec<Value> = fixtures()
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let rel = pathdiff(&fixture_path(f), dir);
            json!({"id": format!("{}/{}", f.0, f.1), "outlet": f.1, "event": f.0,
                   "date": format!("2020-0{}-1{}", 1 + i % 3, i), "path": rel})
        })
        .collect();
    let m = dir.join("corpus.jsonl");
    write_jsonl(&m, &rows);
    m
}

/// `path` relative to `base` (both absolute), so the manifest's relative paths are exercised.
fn pathdiff(path: &Path, base: &Path) -> String {
    let ups = base.components().count();
    let mut s = "../".repeat(ups);
    s.push_str(path.strip_prefix("/").unwrap().to_str().unwrap());
    s
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn directory_jsonl_csv_and_stdin_manifests_give_the_same_rows() {
    let dir = tmp();
    let fixtures_dir = root().join("fixtures");
    let by_dir = ok(&[
        "corpus",
        "terms",
        fixtures_dir.to_str().unwrap(),
        "--by",
        "outlet,event",
        "--format",
        "jsonl",
    ]);
    assert!(by_dir.lines().count() > 20, "{by_dir}");
    let m = fixture_manifest(dir.path());
    let by_jsonl = ok(&[
        "corpus",
        "terms",
        m.to_str().unwrap(),
        "--by",
        "outlet,event",
        "--format",
        "jsonl",
    ]);
    assert_eq!(by_dir, by_jsonl);

    // CSV: a header with an extra column, quoted fields, a field with a comma
    let mut csv = String::from("id,outlet,notes,event,path\n");
    for f in fixtures() {
        let rel = pathdiff(&fixture_path(&f), dir.path());
        csv.push_str(&format!(
            "{}/{},{},\"a note, with a comma\",{},\"{}\"\n",
            f.0, f.1, f.1, f.0, rel
        ));
    }
    std::fs::write(dir.path().join("corpus.csv"), csv).unwrap();
    let by_csv = ok(&[
        "corpus",
        "terms",
        dir.path().join("corpus.csv").to_str().unwrap(),
        "--by",
        "outlet,event",
        "--format",
        "jsonl",
    ]);
    assert_eq!(by_dir, by_csv);

    // stdin: JSONL with the texts inline
    let inline: String = fixtures()
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(fixture_path(f)).unwrap();
            // an HTML page is recognised by its content as well as by its name
            format!(
                "{}\n",
                json!({"id": f.1, "outlet": f.1, "event": f.0, "text": text})
            )
        })
        .collect();
    let (code, by_stdin, err) = run_with_stdin(
        &[
            "corpus",
            "terms",
            "-",
            "--by",
            "outlet,event",
            "--format",
            "jsonl",
        ],
        Some(inline.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(by_dir, by_stdin);
}

#[test]
fn counts_equal_terms_on_the_same_files() {
    let files: Vec<String> = fixtures()
        .iter()
        .map(|f| fixture_path(f).to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["terms", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let terms: Value = serde_json::from_str(&ok(&args)).unwrap();
    let fixtures_dir = root().join("fixtures");
    let corpus: Value = serde_json::from_str(&ok(&[
        "corpus",
        "terms",
        fixtures_dir.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(corpus["schema"], "framediff.corpus-terms/1");
    // every outlet has one document here, so each group is one document of `terms`
    let labels: Vec<String> = terms["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label"].as_str().unwrap().to_string())
        .collect();
    let words: BTreeMap<&str, u64> = terms["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["label"].as_str().unwrap(), d["words"].as_u64().unwrap()))
        .collect();
    let mut want = BTreeMap::new();
    for t in terms["terms"].as_array().unwrap() {
        for (d, label) in labels.iter().enumerate() {
            let count = t["counts"][d].as_u64().unwrap();
            if count == 0 {
                continue;
            }
            let key = (
                label.clone(),
                t["lexicon"].as_str().unwrap().to_string(),
                t["term"].as_str().unwrap().to_string(),
            );
            let v = json!({
                "count": count,
                "quoted": t["quoted"][d],
                "words": words[label.as_str()],
                "per_1000": t["per_1000"][d],
                "g2": t["log_likelihood"][d],
                "log_ratio": t["log_ratio"][d],
                "role": t["role"],
                "category": t["category"],
            });
            want.insert(key, v);
        }
    }
    let mut got = BTreeMap::new();
    for r in corpus["rows"].as_array().unwrap() {
        let key = (
            r["outlet"].as_str().unwrap().to_string(),
            r["lexicon"].as_str().unwrap().to_string(),
            r["term"].as_str().unwrap().to_string(),
        );
        let v = json!({
            "count": r["count"], "quoted": r["quoted"], "words": r["words"],
            "per_1000": r["per_1000"], "g2": r["g2"], "log_ratio": r["log_ratio"],
            "role": r["role"], "category": r["category"],
        });
        got.insert(key, v);
    }
    assert!(want.len() > 50, "{}", want.len());
    assert_eq!(got, want);
}

/// A generated corpus of inline documents: `n` documents over three outlets and several
/// months and events, made of the fixtures' sentences.
fn generated(n: usize) -> Vec<Value> {
    let mut sentences = Vec::new();
    for f in FIXTURES.iter().filter(|f| f.2 == "txt") {
        let text = std::fs::read_to_string(fixture_path(f)).unwrap();
        sentences.extend(
            text.split(". ")
                .map(|s| s.trim().replace('\n', " "))
                .filter(|s| s.len() > 30)
                .map(|s| format!("{s}.")),
        );
    }
    let outlets = ["fox", "cnn", "nyt"];
    (0..n)
        .map(|i| {
            let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let body: Vec<&str> = (0..8)
                .map(|_| {
                    x ^= x >> 13;
                    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
                    sentences[(x as usize) % sentences.len()].as_str()
                })
                .collect();
            json!({
                "id": format!("doc{i}"),
                "outlet": outlets[i % 3],
                "event": format!("e{}", i / 3 % 7),
                "date": format!("2020-{:02}-{:02}T08:00:00Z", 1 + i % 4, 1 + i % 28),
                "title": format!("Report {i}"),
                "text": body.join(" "),
            })
        })
        .collect()
}

#[test]
fn output_is_identical_for_one_and_two_jobs_and_month_groups_sum_documents() {
    let dir = tmp();
    let m = dir.path().join("gen.jsonl");
    let docs = generated(150);
    write_jsonl(&m, &docs);
    let m = m.to_str().unwrap();
    for format in ["jsonl", "csv", "json", "table"] {
        let one = ok(&[
            "corpus",
            "terms",
            m,
            "--by",
            "outlet,month",
            "--format",
            format,
            "--jobs",
            "1",
        ]);
        let two = ok(&[
            "corpus",
            "terms",
            m,
            "--by",
            "outlet,month",
            "--format",
            format,
            "--jobs",
            "2",
        ]);
        assert_eq!(one, two, "--format {format}");
    }
    // a month group's counts are the sums of its documents' counts (each counted alone)
    let rows = jsonl(&ok(&[
        "corpus",
        "terms",
        m,
        "--by",
        "outlet,month",
        "--format",
        "jsonl",
    ]));
    let fox_march: Vec<&Value> = docs
        .iter()
        .filter(|d| d["outlet"] == "fox" && d["date"].as_str().unwrap().starts_with("2020-03"))
        .collect();
    assert!(fox_march.len() > 5);
    let sub = dir.path().join("fox-march.jsonl");
    let sub_docs: Vec<Value> = fox_march.into_iter().cloned().collect();
    write_jsonl(&sub, &sub_docs);
    let alone = jsonl(&ok(&[
        "corpus",
        "terms",
        sub.to_str().unwrap(),
        "--by",
        "outlet,month",
        "--format",
        "jsonl",
    ]));
    let pick = |rows: &[Value]| -> BTreeMap<String, (u64, u64, u64)> {
        rows.iter()
            .filter(|r| r["outlet"] == "fox" && r["month"] == "2020-03")
            .map(|r| {
                (
                    format!("{}/{}", r["lexicon"], r["term"]),
                    (
                        r["count"].as_u64().unwrap(),
                        r["quoted"].as_u64().unwrap(),
                        r["words"].as_u64().unwrap(),
                    ),
                )
            })
            .collect()
    };
    assert!(!alone.is_empty());
    assert_eq!(pick(&rows), pick(&alone));
    // a single group has no rest to compare with: no keyness
    assert!(alone.iter().all(|r| r["g2"].is_null()));
    // groups: 3 outlets × 4 months, named as given in --by
    let j: Value = serde_json::from_str(&ok(&[
        "corpus",
        "terms",
        m,
        "--by",
        "month,outlet",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(j["by"], json!(["month", "outlet"]));
    assert_eq!(j["groups"].as_array().unwrap().len(), 12);
    assert_eq!(j["groups"][0]["month"], "2020-01");
    let docs_total: u64 = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["documents"].as_u64().unwrap())
        .sum();
    assert_eq!(docs_total, 150);
}

#[test]
fn event_grouping_and_missing_values() {
    let dir = tmp();
    let m = dir.path().join("m.jsonl");
    write_jsonl(
        &m,
        &[
            json!({"id": 1, "outlet": "a", "event": "e1", "text": "The regime said the rebels left."}),
            json!({"id": 2, "outlet": "a", "event": "e1", "text": "The regime fell."}),
            json!({"id": 3, "outlet": "a", "text": "The regime is gone."}),
        ],
    );
    let out = ok(&[
        "corpus",
        "terms",
        m.to_str().unwrap(),
        "--by",
        "outlet,event",
        "--format",
        "jsonl",
        "--no-default-lexicons",
        "--lexicon",
        "mideast-framing",
    ]);
    // the group fields come first, named and ordered as in --by
    assert!(
        out.lines()
            .all(|l| l.starts_with(r#"{"outlet":"a","event":"#)),
        "{out}"
    );
    let rows = jsonl(&out);
    let regime: Vec<&Value> = rows.iter().filter(|r| r["term"] == "regime").collect();
    assert_eq!(regime.len(), 2, "{rows:?}");
    // no event sorts first, as null
    assert_eq!(regime[0]["event"], Value::Null);
    assert_eq!(regime[0]["count"], 1);
    assert_eq!(regime[1]["event"], "e1");
    assert_eq!(regime[1]["count"], 2);
    // --by refuses what it cannot group by
    let (code, _, err) = run_with_stdin(
        &["corpus", "terms", m.to_str().unwrap(), "--by", "outlet,day"],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("`day` is not outlet, month or event"), "{err}");
}

#[test]
fn bad_lines_are_named_and_fail_or_are_skipped() {
    let dir = tmp();
    let m = dir.path().join("bad.jsonl");
    std::fs::write(
        &m,
        [
            r#"{"id":"a","outlet":"x","date":"2021-05-01","text":"The regime spoke."}"#,
            "",
            r#"{"id":"a","outlet":"x","text":"A repeat."}"#,
            r#"{"id":"b","outlet":"x","date":"May 1","text":"Bad date."}"#,
            r#"{"id":"c","text":"No outlet."}"#,
            r#"{"id":"d","outlet":"x","text":"Both.","path":"x.txt"}"#,
            "{not json",
            r#"{"id":"e","outlet":"x","path":"missing.txt"}"#,
            r#"{"id":"f","outlet":"y","text":"The regime answered."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = dir.path().join("out.csv");
    let (m, out_s) = (m.to_str().unwrap(), out.to_str().unwrap());
    let (code, stdout, err) = run_with_stdin(
        &["corpus", "terms", m, "--format", "csv", "-o", out_s],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert!(stdout.is_empty());
    assert_eq!(err.trim(), format!("framediff: {m}:3: id `a` already used"));
    assert!(!out.exists(), "nothing is written on failure");

    let (code, _, err) = run_with_stdin(
        &[
            "corpus",
            "terms",
            m,
            "--format",
            "csv",
            "-o",
            out_s,
            "--on-error",
            "skip",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    for want in [
        format!("{m}:3: id `a` already used (skipped)"),
        format!("{m}:4: date `May 1` is not YYYY-MM-DD"),
        format!("{m}:5: no `outlet` (skipped)"),
        format!("{m}:6: both `path` and `text`"),
        format!("{m}:7: not JSON"),
        format!("{m}:8: "),
        format!("{m}: 6 of 8 documents skipped"),
    ] {
        assert!(err.contains(&want), "missing {want:?} in\n{err}");
    }
    assert!(err.contains("missing.txt: no such file"), "{err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(
        csv.starts_with("outlet,lexicon,category,term,role,count"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\nx,mideast-framing,state-labels,regime,loaded,1,"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\ny,mideast-framing,state-labels,regime,loaded,1,"),
        "{csv}"
    );

    // a CSV manifest without the columns it needs is refused as a whole
    let c = dir.path().join("nocols.csv");
    std::fs::write(&c, "id,name,text\n1,x,hello\n").unwrap();
    let (code, _, err) = run(&["corpus", "terms", c.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("the CSV header has no `outlet` column"),
        "{err}"
    );
    // a missing manifest names itself
    let (code, _, err) = run(&["corpus", "terms", "no/such/manifest.jsonl"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "framediff: no/such/manifest.jsonl: no such file"
    );
    // --jobs 0 is a usage error
    let (code, _, _) = run(&["corpus", "terms", m, "--jobs", "0"]);
    assert_eq!(code, 2);
}

/// The PySpark example (examples/spark/terms_by_outlet_month.py) in `local[2]`, on a generated
/// corpus split into several partitions, gives the rows `corpus terms` gives on one machine.
/// Runs when `FRAMEDIFF_REQUIRE_SPARK=1` (.ci/run sets it after installing a JRE and pyspark;
/// `FRAMEDIFF_SPARK_PYTHON` names the Python that has pyspark); skipped with a notice otherwise.
#[test]
fn spark_example_equals_corpus_terms() {
    let Some(python) = spark_python() else {
        return;
    };
    let dir = tmp();
    let m = dir.path().join("corpus.jsonl");
    write_jsonl(&m, &generated(120));
    let out = dir.path().join("spark-out");
    let lines = run_spark_example(&python, "terms_by_outlet_month.py", &m, &out, 5);
    let spark = jsonl(&lines.join("\n"));
    let local = jsonl(&ok(&[
        "corpus",
        "terms",
        m.to_str().unwrap(),
        "--by",
        "outlet,month",
        "--format",
        "jsonl",
    ]));
    assert!(local.len() > 100, "{}", local.len());
    let key = |r: &Value| r.to_string();
    let mut spark_sorted: Vec<String> = spark.iter().map(key).collect();
    let mut local_sorted: Vec<String> = local.iter().map(key).collect();
    spark_sorted.sort();
    local_sorted.sort();
    assert_eq!(spark_sorted, local_sorted);
}
