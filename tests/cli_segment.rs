//! `framediff segment` end to end: every fixture in text and JSON, and every kind of bad
//! input. Each run must exit 0 with a result, or exit 1 with one line on stderr; never panic.

use std::io::Write;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const FIXTURES: &[&str] = &[
    "fixtures/velayati-mekdad-2022/iran-front-page.txt",
    "fixtures/velayati-mekdad-2022/al-ahed.txt",
    "fixtures/velayati-mikdad-2017/sana.txt",
    "fixtures/khamenei-assad-2024/almasirah.txt",
    "fixtures/shamkhani-patrushev-2018/iran-project.txt",
    "tests/data/share-related.txt",
    "tests/data/comments-form.txt",
    "tests/data/wrapped-newsletter.txt",
    "tests/data/also-read-box.txt",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = cargo_bin_cmd!("framediff");
    cmd.arg("segment").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().expect("framediff runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!r.stderr.contains("panicked"), "panic: {}", r.stderr);
    r
}

/// Exit 1 with a single stderr line containing `what`, nothing on stdout.
fn assert_fails(r: &Run, what: &str) {
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {:?}", r.stderr);
    assert!(
        r.stderr.contains(what),
        "{:?} should contain {what:?}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

fn json(path: &str) -> Value {
    let r = run(&["--format", "json", path], None);
    assert_eq!(r.code, 0, "{path}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{path}: bad JSON: {e}"))
}

fn sentences(v: &Value) -> Vec<String> {
    v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn text_output_for_every_fixture() {
    for path in FIXTURES.iter().chain(&["fixtures/html/article.html"]) {
        let r = run(&[path], None);
        assert_eq!(r.code, 0, "{path}: {}", r.stderr);
        assert!(r.stdout.lines().count() >= 5, "{path}: {}", r.stdout);
    }
}

#[test]
fn json_schema_and_spans_for_every_fixture() {
    for path in FIXTURES {
        let v = json(path);
        let original = std::fs::read_to_string(path).unwrap();
        assert_eq!(v["schema"], "framediff.segment/1");
        assert_eq!(v["path"], *path);
        assert!(v["title"].is_string(), "{path}: no title");
        let sents = v["sentences"].as_array().unwrap();
        assert!(!sents.is_empty());
        for s in sents {
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let text = s["text"].as_str().unwrap();
            let span = original.get(a..b).expect("span on char boundaries");
            assert_eq!(
                span.split_whitespace().collect::<Vec<_>>().join(" "),
                text,
                "{path}: sentence span"
            );
            assert!(s["paragraph"].is_u64());
            assert!(s["quoted"].is_array());
        }
        for d in v["dropped"].as_array().unwrap() {
            let (a, b) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &original[a..b],
                d["text"].as_str().unwrap(),
                "{path}: dropped span"
            );
            assert!(!d["reason"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn acceptance_iran_front_page() {
    let v = json("fixtures/velayati-mekdad-2022/iran-front-page.txt");
    assert_eq!(
        v["title"],
        "Advisor to Iran Leader: Foreign forces must leave region"
    );
    let s = sentences(&v);
    for bad in ["Recent Posts", "hours ago", "IFP Editorial Staff"] {
        assert!(s.iter().all(|x| !x.contains(bad)), "{bad} kept");
    }
    assert!(s
        .iter()
        .any(|x| x == "He said Syria takes it upon itself to obey the Iranian Leader."));
}

#[test]
fn acceptance_al_ahed() {
    let v = json("fixtures/velayati-mekdad-2022/al-ahed.txt");
    let s = sentences(&v);
    for bad in ["Please Wait", "Add to favorites", "access_time"] {
        assert!(s.iter().all(|x| !x.contains(bad)), "{bad} kept");
    }
    let reasons: Vec<&str> = v["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"repeated headline"));
}

#[test]
fn acceptance_subheadings_kept() {
    let s = sentences(&json("fixtures/khamenei-assad-2024/almasirah.txt"));
    assert!(s.iter().any(|x| x == "'Strategic relationship'"));
    let s = sentences(&json("fixtures/shamkhani-patrushev-2018/iran-project.txt"));
    assert!(s.iter().any(|x| x == "Russia backs Iran deal"));
}

#[test]
fn html_article_is_extracted() {
    let v = json("fixtures/html/article.html");
    assert_eq!(v["title"], "Envoys agree on prisoner exchange");
    let s = sentences(&v).join("\n");
    assert!(!s.contains("alert") && !s.contains("dataLayer"), "{s}");
    assert!(s.contains("Families wait for news"));
}

#[test]
fn keep_boilerplate_and_label() {
    let r = run(
        &[
            "--keep-boilerplate",
            "--label",
            "Al-Ahed",
            "--format",
            "json",
            "fixtures/velayati-mekdad-2022/al-ahed.txt",
        ],
        None,
    );
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["label"], "Al-Ahed");
    assert_eq!(v["dropped"].as_array().unwrap().len(), 0);
    assert!(sentences(&v).iter().any(|x| x.contains("Please Wait")));
}

#[test]
fn stdin_dash() {
    let input = std::fs::read("fixtures/velayati-mikdad-2017/sana.txt").unwrap();
    let r = run(&["--format", "json", "-"], Some(&input));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["path"], "-");
    assert_eq!(v["label"], "stdin");
    assert!(sentences(&v).len() > 10);
    assert_fails(&run(&["-"], Some(b"")), "<stdin>: is empty");
}

fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let p = path.to_string_lossy().into_owned();
    (dir, p)
}

#[test]
fn missing_file_and_directory() {
    assert_fails(
        &run(&["no/such/file.txt"], None),
        "no/such/file.txt: no such file",
    );
    assert_fails(&run(&["fixtures"], None), "fixtures: is a directory");
}

#[test]
fn empty_and_whitespace_only() {
    let (_d, p) = temp_file("empty.txt", b"");
    assert_fails(&run(&[&p], None), "is empty");
    let (_d, p) = temp_file("blank.txt", b"  \n\n\t \r\n");
    assert_fails(&run(&[&p], None), "is empty");
}

#[test]
fn binary_files() {
    let (_d, p) = temp_file("nul.txt", b"Some text\x00\x01\x02 and more");
    assert_fails(&run(&[&p], None), "looks like a binary file, not text");
    let (_d, p) = temp_file("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    assert_fails(&run(&[&p], None), "looks like a binary file, not text");
    let (_d, p) = temp_file("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    assert_fails(&run(&[&p], None), "looks like a binary file, not text");
}

#[test]
fn html_without_article() {
    let (_d, p) = temp_file("empty.html", b"<html><head><title></title></head><body><nav>Home</nav><script>x()</script></body></html>");
    assert_fails(&run(&[&p], None), "no article text found");
}

#[test]
fn invalid_utf8_works_with_warning() {
    let r = run(&["tests/data/invalid-utf8.txt"], None);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("invalid"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("constructive"));
}

#[test]
fn windows_1252_decoded_with_warning() {
    let r = run(&["tests/data/cp1252.txt"], None);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("café") && r.stdout.contains("Jürgen Müller"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("windows-1252"), "{}", r.stderr);
}

/// As root (CI) the binary runs as `nobody`: chmod 000 denies nothing to root.
#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = crate::common::shared_tempdir();
    let p = dir.path().join("secret.txt");
    std::fs::write(&p, b"Some text.").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = crate::common::unprivileged_cmd()
        .args(["segment", p.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_fails(&r, "permission denied");
}
