//! Integration tests of `corpus events` (date window, one report per outlet, determinism, the
//! B-cubed floor on the shared development data) and `corpus compare` (JSONL shape, the same
//! output for any `--jobs`, summary counts equal to the per-event ones, `--reports`, `--html`,
//! `--group-events`, the Spark example; texts read back from the manifest by offset give the
//! same lines whatever the layout: inline or by path, an event's lines together or spread,
//! a file or stdin).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::{json, Value};

use crate::common::{ok, run, run_spark_example, spark_python};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write_jsonl(path: &Path, rows: &[Value]) {
    let text: String = rows.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(path, text).unwrap();
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `corpus events` on `rows` (written as a manifest): the event of each document, by id.
fn events_of(rows: &[Value], extra: &[&str]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("c.jsonl");
    write_jsonl(&m, rows);
    let mut args = vec!["corpus", "events", m.to_str().unwrap()];
    args.extend(extra);
    jsonl(&ok(&args))
        .into_iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["event"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const FLOOD: &str = "Heavy rain flooded the Tarvel valley and Mayor Ostrander closed the schools of Brennick.\n\nRescuers from Halvard reached the Tarvel farms by boat.";
const FLOOD2: &str = "Schools in Brennick stayed shut as the Tarvel valley flooded, Mayor Ostrander said.\n\nBoats from Halvard carried rescuers to the farms.";
const SUMMIT: &str = "Minister Quellan met President Sorvik in Halmstead to discuss grain tariffs.\n\nThe Halmstead talks ended without a deal on the Dravin pipeline.";
const SUMMIT2: &str = "President Sorvik hosted Minister Quellan in Halmstead, where grain tariffs topped the talks.\n\nNo deal was reached on the Dravin pipeline.";

fn doc(id: &str, outlet: &str, date: &str, text: &str) -> Value {
    json!({"id": id, "outlet": outlet, "date": date, "text": text})
}

#[test]
fn events_group_the_same_story_within_the_window() {
    let rows = [
        doc("a1", "a", "2024-05-01", FLOOD),
        doc("a2", "a", "2024-05-01", SUMMIT),
        doc("b1", "b", "2024-05-02", SUMMIT2),
        doc("b2", "b", "2024-05-03", FLOOD2),
        doc("c1", "c", "2024-05-20", FLOOD2),
    ];
    let e = events_of(&rows, &[]);
    assert_eq!(e["a1"], "e0001");
    assert_eq!(e["a2"], "e0002");
    assert_eq!(e["b1"], "e0002");
    assert_eq!(e["b2"], "e0001");
    assert_eq!(e["c1"], "e0003", "19 days later: another event");
    let wide = events_of(&rows, &["--window", "30"]);
    assert_eq!(wide["c1"], "e0001");
}

#[test]
fn events_keep_one_report_per_outlet_and_are_deterministic() {
    let rows = [
        doc("a1", "a", "2024-05-01", FLOOD),
        doc("a2", "a", "2024-05-01", FLOOD2),
        doc("b1", "b", "2024-05-01", SUMMIT),
    ];
    let e = events_of(&rows, &[]);
    assert_ne!(
        e["a1"], e["a2"],
        "one outlet, two similar reports: two events"
    );
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("c.jsonl");
    let many: Vec<Value> = (0..40)
        .map(|i| {
            let text = [FLOOD, FLOOD2, SUMMIT, SUMMIT2][i % 4];
            doc(
                &format!("d{i}"),
                &format!("o{}", i % 5),
                &format!("2024-05-{:02}", 1 + i / 4),
                text,
            )
        })
        .collect();
    write_jsonl(&m, &many);
    let m = m.to_str().unwrap();
    let one = ok(&["corpus", "events", m, "--jobs", "1"]);
    let two = ok(&["corpus", "events", m, "--jobs", "2"]);
    assert_eq!(one, two);
    let csv = ok(&["corpus", "events", m, "--format", "csv"]);
    assert!(csv.starts_with("id,event\r\nd0,e0001\r\n"), "{csv}");
    assert_eq!(csv.lines().count(), 41);
}

/// Where the shared development data is (`$FRAMEDIFF_DATA`, else `../shared/data` beside the
/// package, else `/work/shared/data`); `None` when absent, unless `FRAMEDIFF_REQUIRE_DATA=1`.
fn basil_dev() -> Option<PathBuf> {
    let found = [
        std::env::var_os("FRAMEDIFF_DATA").map(PathBuf::from),
        Some(root().join("../shared/data")),
        Some(PathBuf::from("/work/shared/data")),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.join("basil-dev"))
    .find(|d| d.join("events").is_dir());
    if found.is_none() && std::env::var("FRAMEDIFF_REQUIRE_DATA").as_deref() == Ok("1") {
        panic!(
            "FRAMEDIFF_REQUIRE_DATA=1 but no basil-dev data at $FRAMEDIFF_DATA or ../shared/data"
        );
    }
    found
}

/// B-cubed precision and recall of `got` against `truth` (one label per document).
fn bcubed(got: &[&str], truth: &[&str]) -> (f64, f64) {
    let n = got.len();
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let both = (0..n)
            .filter(|&j| got[j] == got[i] && truth[j] == truth[i])
            .count() as f64;
        p += both / (0..n).filter(|&j| got[j] == got[i]).count() as f64;
        r += both / (0..n).filter(|&j| truth[j] == truth[i]).count() as f64;
    }
    (p / n as f64, r / n as f64)
}

/// The 150 BASIL development articles, shuffled, with titles and dates but no events, grouped
/// by `corpus events`: B-cubed F1 at least 0.9 (measured: 1.000; `examples/eval_events.rs`).
#[test]
fn events_on_the_development_data() {
    let Some(dir) = basil_dev() else {
        eprintln!("skipped: no basil-dev data (set FRAMEDIFF_DATA)");
        return;
    };
    let mut rows = Vec::new();
    let mut truth = BTreeMap::new();
    let mut events: Vec<PathBuf> = std::fs::read_dir(dir.join("events"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    events.sort();
    for e in &events {
        let meta: Value =
            serde_json::from_str(&std::fs::read_to_string(e.join("event.json")).unwrap()).unwrap();
        let name = e.file_name().unwrap().to_str().unwrap().to_string();
        for o in ["fox", "nyt", "hpo"] {
            let id = format!("{}-{o}", rows.len());
            truth.insert(id.clone(), name.clone());
            rows.push(
                json!({"id": id, "outlet": o, "date": meta["outlets"][o]["date"],
                "title": meta["outlets"][o]["title"],
                "path": e.join(format!("{o}.txt")).to_str().unwrap()}),
            );
        }
    }
    // a fixed shuffle: a step coprime with the count
    let n = rows.len();
    let shuffled: Vec<Value> = (0..n).map(|i| rows[(i * 67) % n].clone()).collect();
    let got = events_of(&shuffled, &[]);
    let ids: Vec<&String> = got.keys().collect();
    let g: Vec<&str> = ids.iter().map(|id| got[*id].as_str()).collect();
    let t: Vec<&str> = ids.iter().map(|id| truth[*id].as_str()).collect();
    let (p, r) = bcubed(&g, &t);
    let f = 2.0 * p * r / (p + r);
    eprintln!("basil-dev events: B-cubed P {p:.3} R {r:.3} F1 {f:.3}");
    assert!(f >= 0.9, "B-cubed F1 {f:.3} (P {p:.3}, R {r:.3})");
}

/// The documents of [`compare_manifest`]: id, outlet, event and fixture, one event of three
/// outlets (the two reports of the 2022 meeting and SANA's 2017 report put in with them), one
/// of two, and one of one.
const COMPARE_DOCS: [(&str, &str, &str, &str); 6] = [
    (
        "ahed",
        "al-ahed",
        "meeting",
        "velayati-mekdad-2022/al-ahed.txt",
    ),
    (
        "ifp",
        "ifp",
        "meeting",
        "velayati-mekdad-2022/iran-front-page.txt",
    ),
    (
        "bd",
        "border-daily",
        "border/talks",
        "hostile/border-daily.txt",
    ),
    ("sana", "sana", "meeting", "velayati-mikdad-2017/sana.txt"),
    (
        "fp",
        "frontier-post",
        "border/talks",
        "hostile/frontier-post.txt",
    ),
    (
        "alm",
        "almasirah",
        "alone",
        "khamenei-assad-2024/almasirah.txt",
    ),
];

/// A manifest of [`COMPARE_DOCS`] naming each report by its path.
fn compare_manifest(dir: &Path) -> PathBuf {
    let rows: Vec<Value> = COMPARE_DOCS
        .iter()
        .map(|&(id, outlet, event, fixture)| {
            let path = root().join("fixtures").join(fixture);
            json!({"id": id, "outlet": outlet, "event": event, "path": path.to_str().unwrap()})
        })
        .collect();
    let m = dir.join("corpus.jsonl");
    write_jsonl(&m, &rows);
    m
}

#[test]
fn compare_lines_are_one_per_event_and_the_same_for_any_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let m = compare_manifest(dir.path());
    let m = m.to_str().unwrap();
    let one = ok(&["corpus", "compare", m, "--jobs", "1"]);
    let two = ok(&["corpus", "compare", m, "--jobs", "2"]);
    assert_eq!(one, two);
    let lines = jsonl(&one);
    let events: Vec<&str> = lines.iter().map(|l| l["event"].as_str().unwrap()).collect();
    assert_eq!(
        events,
        ["meeting", "border/talks"],
        "events with two or more outlets, in order"
    );
    let meeting = &lines[0];
    assert_eq!(meeting["schema"], "framediff.corpus-compare/1");
    let pairs: Vec<(&str, &str)> = meeting["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [("al-ahed", "ifp"), ("al-ahed", "sana"), ("ifp", "sana")]
    );
    let p = &meeting["pairs"][0];
    for key in [
        "coverage",
        "aligned",
        "sentences",
        "substitutions",
        "discrepancies",
        "only_a",
        "only_b",
        "warnings",
    ] {
        assert!(p.get(key).is_some(), "{key} missing in {p}");
    }
    assert!(p["substitutions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["a"] == "Zionist regime" && s["b"] == "Israeli regime"));
    // every pair lists its warnings (the same-event check), maybe none
    assert!(meeting["pairs"][1]["warnings"].is_array());
    let pivot = jsonl(&ok(&["corpus", "compare", m, "--pivot", "ifp"]));
    assert_eq!(pivot.len(), 2);
    let pairs: Vec<&str> = pivot[0]["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["b"].as_str().unwrap())
        .collect();
    assert_eq!(pairs, ["al-ahed", "sana"]);
    assert!(
        pivot[1]["pairs"].as_array().unwrap().is_empty(),
        "no ifp in the border talks"
    );
}

#[test]
fn summary_counts_are_the_sums_of_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let m = compare_manifest(dir.path());
    let m = m.to_str().unwrap();
    let lines = jsonl(&ok(&["corpus", "compare", m]));
    let csv = ok(&["corpus", "compare", m, "--format", "csv"]);
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "outlet_a,outlet_b,shared_events,measure,a,b,events,count,total,rate,examples"
    );
    let mut omitted: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    let mut substitutions = 0;
    let mut discrepancies = 0;
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        match f[3] {
            "omitted_by_b" | "omitted_by_a" => {
                omitted.insert(
                    (f[0].into(), f[1].into(), f[3].into()),
                    f[7].parse().unwrap(),
                );
            }
            "substitution" => {
                substitutions += row.rsplit(',').nth(3).unwrap().parse::<usize>().unwrap()
            }
            "discrepancy" => discrepancies += f[7].parse::<usize>().unwrap(),
            m => panic!("measure {m}"),
        }
    }
    let (mut subs, mut discs) = (0, 0);
    for l in &lines {
        for p in l["pairs"].as_array().unwrap() {
            let key = |m: &str| {
                (
                    p["a"].as_str().unwrap().to_string(),
                    p["b"].as_str().unwrap().to_string(),
                    m.to_string(),
                )
            };
            assert_eq!(
                omitted[&key("omitted_by_b")],
                p["only_a"].as_array().unwrap().len()
            );
            assert_eq!(
                omitted[&key("omitted_by_a")],
                p["only_b"].as_array().unwrap().len()
            );
            subs += p["substitutions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["count"].as_u64().unwrap() as usize)
                .sum::<usize>();
            discs += p["discrepancies"].as_array().unwrap().len();
        }
    }
    assert_eq!((substitutions, discrepancies), (subs, discs));
    assert!(subs > 0 && discs > 0);
    let table = ok(&["corpus", "compare", m, "--format", "table", "--width", "80"]);
    assert!(
        table.starts_with("3 events, 2 with two or more outlets compared"),
        "{table}"
    );
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
}

#[test]
fn reports_are_written_and_the_overview_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let m = compare_manifest(dir.path());
    let reports = dir.path().join("reports");
    let html = dir.path().join("overview.html");
    let summary = dir.path().join("summary.csv");
    ok(&[
        "corpus",
        "compare",
        m.to_str().unwrap(),
        "--reports",
        reports.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--summary-csv",
        summary.to_str().unwrap(),
        "--format",
        "table",
    ]);
    let mut files: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files.contains(&"meeting.html".to_string()));
    let border = files
        .iter()
        .find(|f| f.starts_with("border_talks-"))
        .expect("safe name");
    let page = std::fs::read_to_string(&html).unwrap();
    for f in &files {
        assert!(
            page.contains(&format!("href=\"reports/{f}\"")),
            "{f} not linked"
        );
        assert!(std::fs::read_to_string(reports.join(f))
            .unwrap()
            .starts_with("<!DOCTYPE html>"));
    }
    assert!(border.ends_with(".html"));
    assert!(std::fs::read_to_string(summary)
        .unwrap()
        .starts_with("outlet_a,"));
}

#[test]
fn group_events_compares_a_manifest_without_events() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("c.jsonl");
    let rows = [
        doc("a1", "a", "2024-05-01", FLOOD),
        doc("a2", "a", "2024-05-01", SUMMIT),
        doc("b1", "b", "2024-05-02", SUMMIT2),
        doc("b2", "b", "2024-05-02", FLOOD2),
    ];
    write_jsonl(&m, &rows);
    let m = m.to_str().unwrap();
    let (code, _, err) = run(&["corpus", "compare", m]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("c.jsonl:1:") && err.contains("--group-events"),
        "{err}"
    );
    let lines = jsonl(&ok(&["corpus", "compare", m, "--group-events"]));
    let events: Vec<&str> = lines.iter().map(|l| l["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["e0001", "e0002"]);
    let ids: Vec<&str> = lines[0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "b2"]);
}

/// `framediff ARGS` with `stdin` as standard input: (exit code, stdout, stderr).
fn framediff_stdin(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = cargo_bin_cmd!("framediff")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(stdin.to_string())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The rows of [`compare_manifest`] with each text inline instead of its path, and a fourth
/// event of two outlets (the 2024 reports).
fn inline_rows() -> Vec<Value> {
    let f = |p: &str| std::fs::read_to_string(root().join("fixtures").join(p)).unwrap();
    let mut rows: Vec<Value> = COMPARE_DOCS
        .iter()
        .map(|&(id, outlet, event, fixture)| {
            json!({"id": id, "outlet": outlet, "event": event, "text": f(fixture)})
        })
        .collect();
    rows.push(json!({"id": "alm2", "outlet": "almasirah", "event": 2024, "text": f("khamenei-assad-2024/almasirah.txt")}));
    rows.push(json!({"id": "ifp2", "outlet": "ifp", "event": 2024, "text": f("velayati-mekdad-2022/iran-front-page.txt")}));
    rows
}

/// Texts dropped after the first reading and read back by offset per event: the lines are those
/// of the same corpus given by path (each report read when its event is compared, as ever), for
/// contiguous and interleaved events, a file and stdin, any `--jobs`; bad lines are still named
/// by their line.
#[test]
fn texts_read_back_give_the_same_lines_whatever_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let by_path = compare_manifest(dir.path());
    let mut want = ok(&["corpus", "compare", by_path.to_str().unwrap()]);
    let rows = inline_rows();
    let contiguous: Vec<Value> = [0, 1, 3, 2, 4, 5, 6, 7]
        .iter()
        .map(|&i| rows[i].clone())
        .collect();
    // every event's lines apart, and a bad line between them
    let interleaved = [0, 2, 5, 6, 1, 4, 7, 3].map(|i| rows[i].clone());
    let text = |rows: &[Value]| -> String { rows.iter().map(|r| format!("{r}\n")).collect() };
    let mut bad = text(&interleaved);
    bad.insert_str(bad.find('\n').unwrap() + 1, "{\"id\": \"broken\"}\n\n");
    std::fs::write(dir.path().join("contiguous.jsonl"), text(&contiguous)).unwrap();
    std::fs::write(dir.path().join("interleaved.jsonl"), &bad).unwrap();
    let one = |m: &str, jobs: &str| -> (String, String) {
        let path = dir.path().join(m);
        let (code, out, err) = run(&[
            "corpus",
            "compare",
            path.to_str().unwrap(),
            "--on-error",
            "skip",
            "--jobs",
            jobs,
        ]);
        assert_eq!(code, 0, "{m}: {err}");
        (out, err)
    };
    let (first, _) = one("contiguous.jsonl", "1");
    // the path corpus has no 2024 event: its lines are the first three
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines.len(), 3, "{first}");
    assert_eq!(
        lines[..2].join("\n") + "\n",
        want,
        "inline texts read back = paths"
    );
    want = first;
    for jobs in ["1", "2"] {
        assert_eq!(
            one("contiguous.jsonl", jobs).0,
            want,
            "contiguous, --jobs {jobs}"
        );
        let (out, err) = one("interleaved.jsonl", jobs);
        assert_eq!(out, want, "interleaved, --jobs {jobs}");
        assert!(
            err.contains("interleaved.jsonl:2: no `outlet` (skipped)"),
            "bad line named: {err}"
        );
        for (name, input) in [
            ("contiguous", text(&contiguous)),
            ("interleaved", bad.clone()),
        ] {
            let (code, out, err) = framediff_stdin(
                &[
                    "corpus",
                    "compare",
                    "-",
                    "--on-error",
                    "skip",
                    "--jobs",
                    jobs,
                ],
                &input,
            );
            assert_eq!(code, 0, "{err}");
            assert_eq!(out, want, "stdin, {name}, --jobs {jobs}");
        }
    }
    // a manifest path that cannot seek (here /dev/stdin, a pipe; `<(zcat …)` is another) is
    // copied first, as `-` is
    #[cfg(target_os = "linux")]
    {
        let (code, out, err) =
            framediff_stdin(&["corpus", "compare", "/dev/stdin"], &text(&contiguous));
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, want, "/dev/stdin");
    }
    let (code, _, err) = framediff_stdin(&["corpus", "compare", "-"], &bad);
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>:2: no `outlet`"), "{err}");
    // --group-events reads the texts back too: stdin and file agree
    let grouped = ok(&[
        "corpus",
        "compare",
        dir.path().join("contiguous.jsonl").to_str().unwrap(),
        "--group-events",
    ]);
    assert!(!grouped.is_empty());
    let (code, out, err) = framediff_stdin(
        &["corpus", "compare", "-", "--group-events", "--jobs", "2"],
        &text(&contiguous),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, grouped);
}

/// The PySpark example (examples/spark/compare_events.py) in `local[2]` gives the lines
/// `corpus compare` gives on one machine (sorted by event). Runs when
/// `FRAMEDIFF_REQUIRE_SPARK=1` (.ci/run sets it), skipped with a notice otherwise.
#[test]
fn spark_compare_example_equals_corpus_compare() {
    let Some(python) = spark_python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("inline.jsonl");
    let mut rows = Vec::new();
    for (ev, o) in [
        ("hostile", "border-daily"),
        ("velayati-mekdad-2022", "al-ahed"),
        ("hostile", "frontier-post"),
        ("velayati-mekdad-2022", "iran-front-page"),
        ("khamenei-assad-2024", "almasirah"),
    ] {
        let text =
            std::fs::read_to_string(root().join("fixtures").join(ev).join(format!("{o}.txt")))
                .unwrap();
        rows.push(json!({"id": format!("{ev}/{o}"), "outlet": o, "event": ev, "text": text}));
    }
    write_jsonl(&m, &rows);
    let out = dir.path().join("spark-out");
    let spark = run_spark_example(&python, "compare_events.py", &m, &out, 3);
    let mut local: Vec<String> = ok(&["corpus", "compare", m.to_str().unwrap()])
        .lines()
        .map(String::from)
        .collect();
    local.sort();
    assert_eq!(local.len(), 2);
    assert_eq!(spark, local);
}
