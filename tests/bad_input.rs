//! Bad, hostile and big input (issue 6): framediff never crashes and never damages user files.
//!
//! Table-driven: every command that reads articles × every kind of bad input. Each case checks
//! the contract documented in `docs/robustness.md`:
//!
//! * the exit status is 0 (with a sensible result: JSON that parses, a non-empty table, a
//!   report file) or 1 (with exactly one error line on stderr, naming the bad file, and nothing
//!   on stdout), never a panic or a signal;
//! * stderr never mentions `panicked` or `RUST_BACKTRACE`;
//! * after a failure no output file (and no `.framediff-*.tmp` temporary) is left behind.
//!
//! Every case asserts its real outcome: an exit 2 (a renamed flag, an unknown option) fails it
//! like any other wrong status. Run with
//! `cargo test --test integration bad_input:: -- --nocapture` to see the table.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;

use crate::common;

/// A real article every two-input command pairs with the bad one.
const GOOD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/velayati-mekdad-2022/iran-front-page.txt"
);
/// A second real article (same event) for the output-file tests.
const OTHER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/velayati-mekdad-2022/al-ahed.txt"
);

/// Size of the single-line input. The 100 MB case is measured by `scripts/peak-rss`; 20 MB keeps
/// a debug-build test run fast while still being far beyond any real article.
const LONG_LINE_BYTES: usize = 20 << 20;
/// Size of the word without spaces.
const LONG_WORD_BYTES: usize = 1 << 20;
/// No single invocation may take longer than this (debug build, shared CI machine).
const TIMEOUT: Duration = Duration::from_secs(300);

fn cmd() -> Command {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("framediff");
    c.env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .write_stdin("")
        .timeout(TIMEOUT);
    c
}

/// What a bad input must produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Exit 1 with one error line naming the file.
    Fail,
    /// Exit 0 with a sensible result (the input is odd but it is text).
    Work,
    /// Either of the above (e.g. an HTML page with no article: empty result or "no article").
    Either,
}

/// How one invocation went.
enum Outcome {
    Pass(String),
    Fail(String),
}

/// One command line to run against a bad input.
struct Invocation {
    name: String,
    args: Vec<String>,
    /// The output file (`report -o`), which must exist after success and not after failure.
    out_file: Option<PathBuf>,
    /// stdout must parse as JSON after success.
    json: bool,
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Every command that reads articles, with `bad` in every position (paired with `good`).
fn invocations(bad: &Path, good: &str, dir: &Path) -> Vec<Invocation> {
    let bad = s(bad);
    let good = good.to_string();
    let mut v = Vec::new();
    let add = |v: &mut Vec<Invocation>, name: &str, args: Vec<&str>, json: bool| {
        v.push(Invocation {
            name: name.to_string(),
            args: args.into_iter().map(str::to_string).collect(),
            out_file: None,
            json,
        })
    };
    add(&mut v, "segment", vec!["segment", &bad], false);
    add(
        &mut v,
        "segment --format json",
        vec!["segment", "--format", "json", &bad],
        true,
    );
    add(&mut v, "terms", vec!["terms", &bad], false);
    add(
        &mut v,
        "terms --format csv",
        vec!["terms", "--format", "csv", &bad],
        false,
    );
    for (order, a, b) in [("bad good", &bad, &good), ("good bad", &good, &bad)] {
        add(
            &mut v,
            &format!("align {order}"),
            vec!["align", a, b],
            false,
        );
        add(
            &mut v,
            &format!("compare {order}"),
            vec!["compare", a, b],
            false,
        );
        add(
            &mut v,
            &format!("compare --format json {order}"),
            vec!["compare", "--format", "json", a, b],
            true,
        );
        let out = dir.join(format!("out-{}.html", order.replace(' ', "-")));
        v.push(Invocation {
            name: format!("report -o {order}"),
            args: vec!["report".into(), a.clone(), b.clone(), "-o".into(), s(&out)],
            out_file: Some(out),
            json: false,
        });
    }
    v
}

/// Non-warning lines of stderr.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.starts_with("framediff: warning:") && !l.trim().is_empty())
        .collect()
}

fn leftover_temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".framediff-"))
                .collect()
        })
        .unwrap_or_default()
}

/// Judge one finished invocation against the contract.
fn judge(inv: &Invocation, bad: &Path, expect: Expect, out: &Output, dir: &Path) -> Outcome {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Outcome::Fail(format!("panic: {}", stderr.trim()));
    }
    let tmp = leftover_temporaries(dir);
    if !tmp.is_empty() {
        return Outcome::Fail(format!("temporary files left behind: {tmp:?}"));
    }
    let Some(code) = out.status.code() else {
        return Outcome::Fail(format!("killed by a signal: {:?}", out.status));
    };
    let first_line = || {
        error_lines(&stderr)
            .first()
            .copied()
            .unwrap_or("")
            .to_string()
    };
    match code {
        0 => {
            if expect == Expect::Fail {
                return Outcome::Fail(format!(
                    "exit 0 but the input must be refused (stdout {} bytes)",
                    out.stdout.len()
                ));
            }
            if let Some(f) = &inv.out_file {
                match std::fs::metadata(f) {
                    Ok(m) if m.len() > 0 => {}
                    _ => return Outcome::Fail(format!("exit 0 but {} is missing/empty", s(f))),
                }
                return Outcome::Pass("0 (report written)".into());
            }
            if inv.json {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(&out.stdout) {
                    return Outcome::Fail(format!("exit 0 but stdout is not JSON: {e}"));
                }
            } else if stdout.trim().is_empty() {
                return Outcome::Fail("exit 0 with empty output".into());
            }
            Outcome::Pass("0".into())
        }
        1 => {
            if expect == Expect::Work {
                return Outcome::Fail(format!("exit 1 on usable text: {}", first_line()));
            }
            let lines = error_lines(&stderr);
            if lines.len() != 1 {
                return Outcome::Fail(format!(
                    "exit 1 with {} error lines: {stderr:?}",
                    lines.len()
                ));
            }
            let name = bad
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !lines[0].contains(&name) {
                return Outcome::Fail(format!("error does not name {name}: {}", lines[0]));
            }
            if !out.stdout.is_empty() {
                return Outcome::Fail(format!("exit 1 but {} bytes on stdout", out.stdout.len()));
            }
            if let Some(f) = &inv.out_file {
                if f.exists() {
                    return Outcome::Fail(format!("exit 1 but {} was written", s(f)));
                }
            }
            Outcome::Pass(format!("1 `{}`", lines[0]))
        }
        c => Outcome::Fail(format!("exit {c}: {}", first_line())),
    }
}

/// Run every command against the input made by `make` and check the contract; prints a table
/// and fails with every broken case listed.
fn run_table(input: &str, expect: Expect, make: impl FnOnce(&Path) -> PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    run_table_in(&dir, input, expect, make, GOOD, &cmd);
}

/// [`run_table`] in `dir`, pairing the bad input with `good`, each command made by `cmd`.
fn run_table_in(
    dir: &tempfile::TempDir,
    input: &str,
    expect: Expect,
    make: impl FnOnce(&Path) -> PathBuf,
    good: &str,
    cmd: &dyn Fn() -> Command,
) {
    let bad = make(dir.path());
    let mut failures = Vec::new();
    let mut table = String::new();
    for inv in invocations(&bad, good, dir.path()) {
        if let Some(f) = &inv.out_file {
            let _ = std::fs::remove_file(f);
        }
        let started = Instant::now();
        let result = cmd().args(&inv.args).output();
        let took = started.elapsed();
        let outcome = match result {
            Ok(out) => judge(&inv, &bad, expect, &out, dir.path()),
            Err(e) => Outcome::Fail(format!("did not finish: {e}")),
        };
        let shown = match &outcome {
            Outcome::Pass(s) => s.clone(),
            Outcome::Fail(s) => format!("FAILED: {s}"),
        };
        table.push_str(&format!(
            "| {input} | {} | {shown} | {:.1}s |\n",
            inv.name,
            took.as_secs_f64()
        ));
        if let Outcome::Fail(why) = outcome {
            failures.push(format!("{input} × {}: {why}", inv.name));
        }
    }
    println!("{table}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write input");
    p
}

/// Deterministic news-like filler: `n` bytes of sentences on one line or many.
fn news_like(n: usize, newline_every: Option<usize>) -> String {
    const WORDS: &[&str] = &[
        "the",
        "minister",
        "said",
        "talks",
        "in",
        "Tehran",
        "were",
        "constructive",
        "and",
        "both",
        "sides",
        "agreed",
        "to",
        "expand",
        "cooperation",
        "against",
        "sanctions",
        "officials",
        "reported",
        "on",
        "Wednesday",
        "regional",
        "security",
        "delegation",
    ];
    let mut out = String::with_capacity(n + 64);
    let mut i = 0usize;
    let mut sentence = 0usize;
    while out.len() < n {
        let len = 8 + (i % 13);
        for k in 0..len {
            let w = WORDS[(i * 7 + k * 3) % WORDS.len()];
            if k == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
            }
        }
        out.push('.');
        sentence += 1;
        match newline_every {
            Some(k) if sentence % k == 0 => out.push_str("\n\n"),
            _ => out.push(' '),
        }
        i += 1;
    }
    out
}

const PROSE: &str = "The foreign minister met his counterpart in Tehran on Wednesday. \
Both sides said the talks were constructive.\n\nOfficials did not comment on the sanctions.\n";

#[test]
fn missing_path() {
    run_table("missing path", Expect::Fail, |d| {
        d.join("no-such-article.txt")
    });
}

#[test]
fn directory() {
    run_table("directory", Expect::Fail, |d| {
        let p = d.join("a-folder.txt");
        std::fs::create_dir(&p).expect("mkdir");
        p
    });
}

/// An unreadable file. chmod 000 denies nothing to root (CI runs as root), so there the
/// commands run as `nobody` (see [`common::unprivileged_cmd`]), with the good article copied
/// where that user can read it.
#[test]
fn no_permission() {
    let dir = common::shared_tempdir();
    let good = write(dir.path(), "good.txt", std::fs::read(GOOD).expect("read"));
    let as_user = || {
        let mut c = common::unprivileged_cmd();
        c.env("NO_COLOR", "1")
            .env_remove("RUST_BACKTRACE")
            .write_stdin("")
            .timeout(TIMEOUT);
        c
    };
    run_table_in(
        &dir,
        "no permission",
        Expect::Fail,
        |d| {
            let p = write(d, "locked.txt", PROSE);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).expect("chmod");
            p
        },
        &s(&good),
        &as_user,
    );
}

#[test]
fn empty_file() {
    run_table("empty file", Expect::Fail, |d| write(d, "empty.txt", ""));
}

#[test]
fn whitespace_only() {
    run_table("whitespace only", Expect::Fail, |d| {
        write(d, "blank.txt", " \n\t\n   \r\n\u{a0}\u{2003}\u{3000}\n\n")
    });
}

#[test]
fn binary_nul_bytes() {
    run_table("binary (NUL bytes)", Expect::Fail, |d| {
        let mut b: Vec<u8> = Vec::new();
        for i in 0..4096u32 {
            b.push((i.wrapping_mul(2654435761) >> 13) as u8);
            if i % 7 == 0 {
                b.push(0);
            }
        }
        write(d, "data.bin", b)
    });
}

#[test]
fn png_image() {
    run_table("PNG image", Expect::Fail, |d| {
        let mut b = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00".to_vec();
        b.extend((0..2048u32).map(|i| (i * 31 % 251) as u8));
        write(d, "photo.png", b)
    });
}

#[test]
fn png_image_named_txt() {
    run_table("PNG image named .txt", Expect::Fail, |d| {
        let mut b = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        b.extend((0..2048u32).map(|i| (i * 17 % 253) as u8));
        write(d, "article.txt", b)
    });
}

#[test]
fn invalid_utf8() {
    run_table("invalid UTF-8", Expect::Work, |d| {
        let mut b = b"The minister said the talks were \xff\xfe constructive. ".to_vec();
        b.extend_from_slice(b"Officials reported progress on \xc3 Wednesday.\n\n");
        b.extend_from_slice(b"Both sides agreed to meet again \xed\xa0\x80 soon.\n");
        write(d, "broken-utf8.txt", b)
    });
}

#[test]
fn single_very_long_line() {
    run_table("20 MB single line", Expect::Work, |d| {
        write(d, "long-line.txt", news_like(LONG_LINE_BYTES, None))
    });
}

#[test]
fn no_sentence_punctuation() {
    run_table("no sentence punctuation", Expect::Work, |d| {
        let text = news_like(40_000, Some(5)).replace('.', "");
        write(d, "unpunctuated.txt", text)
    });
}

#[test]
fn ten_thousand_one_word_lines() {
    run_table("10,000 one-word lines", Expect::Work, |d| {
        let words = ["sanctions", "Tehran", "talks", "minister", "security"];
        let text: String = (0..10_000)
            .map(|i| format!("{}\n", words[i % words.len()]))
            .collect();
        write(d, "one-word-lines.txt", text)
    });
}

#[test]
fn html_without_article_body() {
    run_table("HTML with no article body", Expect::Either, |d| {
        write(
            d,
            "empty-page.html",
            "<!DOCTYPE html><html><head><title>Home</title>\
             <script>var x = '<p>not text</p>';</script><style>p{}</style></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav>\
             <div class=\"ad\"></div></body></html>",
        )
    });
}

#[test]
fn extremely_long_word() {
    run_table("1 MB word without spaces", Expect::Work, |d| {
        let mut text = String::from("The report opens normally. ");
        text.extend(std::iter::repeat_n('x', LONG_WORD_BYTES / 2));
        text.extend(std::iter::repeat_n('é', LONG_WORD_BYTES / 4));
        text.push_str(" ends here.\n\nA second paragraph follows.\n");
        write(d, "long-word.txt", text)
    });
}

#[test]
fn right_to_left_and_mixed_scripts() {
    run_table("RTL + mixed scripts", Expect::Work, |d| {
        write(
            d,
            "rtl.txt",
            "وزير الخارجية الإيراني التقى نظيره السوري في طهران. وقال إن المحادثات كانت بناءة.\n\n\
             وزیر امور خارجه گفت که این دیدار «سازنده» بود. او به تحریم‌ها اشاره کرد.\n\n\
             שר החוץ אמר כי השיחות היו חיוביות. The minister said (في طهران) the talks were \
             “constructive” — כך נמסר. Mekdad/مقداد met Velayati/ولایتی on Wednesday.\n",
        )
    });
}

#[test]
fn emoji() {
    run_table("emoji", Expect::Work, |d| {
        write(
            d,
            "emoji.txt",
            "Breaking 🚨: the minister 👨🏽‍💼 met his counterpart 🇮🇷🤝🇸🇾 in Tehran. \
             Talks were “great” 👍👍👍! Family 👨‍👩‍👧‍👦 and flags 🏳️‍🌈 too.\n\n\
             🔥🔥🔥\n\nOfficials said 🙏 nothing else.\n",
        )
    });
}

#[test]
fn zero_width_and_bidi_controls() {
    run_table("zero-width + bidi controls", Expect::Work, |d| {
        write(
            d,
            "zero-width.txt",
            "The\u{200b}minister\u{200c}said the\u{200d}talks were con\u{00ad}structive.\u{2060} \
             Officials\u{feff} reported \u{202e}progress\u{202c} on Wednesday.\n\n\
             \u{200b}\u{200b}\u{200b}\n\n\
             تحریم\u{200c}ها ادامه دارد. Sanctions\u{2066} continue\u{2069}.\n",
        )
    });
}

#[test]
fn crlf_and_bare_cr_line_endings() {
    run_table("CRLF / bare CR", Expect::Work, |d| {
        write(
            d,
            "crlf.txt",
            "The minister met his counterpart.\r\nTalks were constructive.\r\n\r\n\
             Officials said nothing.\rSanctions continue.\r\r",
        )
    });
}

#[test]
fn utf16_with_bom() {
    run_table("UTF-16LE with BOM", Expect::Work, |d| {
        let mut b = vec![0xff, 0xfe];
        for u in PROSE.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        write(d, "utf16.txt", b)
    });
}

// ---------------------------------------------------------------------------------------------
// Lexicon files

/// A lexicon with a problem, the 1-based line the error must point at, and a regex for the reason.
const BAD_LEXICONS: &[(&str, &str, usize, &str)] = &[
    (
        "broken TOML",
        "name = \"broken\"\n[categories.a\nterms = [\"siege\"]\n",
        2,
        "TOML",
    ),
    (
        "wrong type",
        "name = \"typed\"\n[categories.a]\nterms = [\"siege\", 42]\n",
        3,
        "string",
    ),
    (
        "wrong type (table)",
        "name = \"typed2\"\ncategories = 7\n",
        2,
        "table",
    ),
    (
        "empty term",
        "name = \"empty\"\n[categories.a]\nterms = [\"siege\",\n  \"\"]\n",
        4,
        "empty",
    ),
    (
        "punctuation-only term",
        "name = \"punct\"\n[categories.a]\nterms = [\"siege\", \"--!?\"]\n",
        3,
        "letters",
    ),
    (
        "lone wildcard",
        "name = \"wild\"\n[categories.a]\ndescription = \"x\"\nterms = [\"*\"]\n",
        4,
        "wildcard|letters",
    ),
    (
        "wildcard with one letter",
        "name = \"wild1\"\n[categories.a]\nterms = [\"siege\", \"a* attack\"]\n",
        3,
        "wildcard",
    ),
];

#[test]
fn bad_lexicon_files_name_file_line_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    let mut table = String::new();
    for (i, (what, text, line, reason)) in BAD_LEXICONS.iter().enumerate() {
        let path = write(dir.path(), &format!("bad-{i}.toml"), text);
        let p = s(&path);
        let runs: [(&str, Vec<&str>); 3] = [
            ("terms --lexicon", vec!["terms", "--lexicon", &p, GOOD]),
            ("lexicon check", vec!["lexicon", "check", &p]),
            ("lexicon show", vec!["lexicon", "show", &p]),
        ];
        let pattern = regex::Regex::new(&format!(
            r"{}:(\d+):(\d+): .*(?:{})",
            regex::escape(&p),
            reason
        ))
        .expect("regex");
        for (name, args) in runs {
            let out = cmd().args(&args).output().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let code = out.status.code();
            let shown;
            if stderr.contains("panicked") {
                shown = format!("FAILED: panic {stderr}");
            } else if code != Some(1) {
                shown = format!("FAILED: exit {code:?}: {stderr}");
            } else {
                // `lexicon check` may list the problem on stdout before its one-line summary.
                let both = format!("{stderr}\n{stdout}");
                match pattern.captures(&both) {
                    Some(c) if c[1].parse::<usize>().ok() == Some(*line) => {
                        shown = format!(
                            "1 `{}`",
                            both.lines()
                                .find(|l| pattern.is_match(l))
                                .unwrap_or("")
                                .replace(&p, "F")
                        );
                    }
                    Some(c) => shown = format!("FAILED: line {} instead of {line}", &c[1]),
                    None => shown = format!("FAILED: no `{p}:{line}:col: …{reason}…` in {both:?}"),
                }
            }
            if shown.starts_with("FAILED") {
                failures.push(format!("{what} × {name}: {shown}"));
            }
            table.push_str(&format!("| {what} | {name} | {shown} |\n"));
        }
    }
    println!("{table}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Missing, directory and non-UTF-8 lexicon files: exit 1 naming the file, never a panic.
#[test]
fn unreadable_lexicon_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.toml");
    let folder = dir.path().join("folder.toml");
    std::fs::create_dir(&folder).expect("mkdir");
    let latin = write(dir.path(), "latin1.toml", b"name = \"caf\xe9\"\n");
    let binary = write(dir.path(), "image.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00");
    let mut failures = Vec::new();
    for path in [&missing, &folder, &latin, &binary] {
        let p = s(path);
        for args in [
            vec!["terms", "--lexicon", &p, GOOD],
            vec!["lexicon", "check", &p],
            vec!["lexicon", "show", &p],
        ] {
            let out = cmd().args(&args).output().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            let ok = !stderr.contains("panicked")
                && code == Some(1)
                && error_lines(&stderr).len() == 1
                && stderr.contains(&p)
                && out.stdout.is_empty();
            if !ok {
                failures.push(format!("{args:?}: exit {code:?}: {stderr}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A lexicon of `n` distinct terms in 100 categories: single words, two-word phrases and a few
/// wildcards, all made of invented syllables so none shadows another.
fn big_lexicon(n: usize) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "vu", "we", "ba", "de", "fi", "go", "hu",
        "je", "ko", "la", "me", "no",
    ];
    let word = |mut i: usize| {
        let mut w = String::new();
        for _ in 0..4 {
            w.push_str(SYL[i % SYL.len()]);
            i /= SYL.len();
        }
        w
    };
    let mut out = String::from("name = \"big\"\ndescription = \"generated\"\n");
    let per = n.div_ceil(100);
    for c in 0..100 {
        out.push_str(&format!("\n[categories.c{c}]\nterms = [\n"));
        for i in c * per..((c + 1) * per).min(n) {
            let t = if i % 1000 == 7 {
                format!("zq{}*", word(i))
            } else if i % 3 == 0 {
                format!("{} {}", word(i), word((i * 7 + 1) % n))
            } else {
                word(i)
            };
            out.push_str(&format!("  \"{t}\",\n"));
        }
        out.push_str("]\n");
    }
    out
}

#[test]
fn hundred_thousand_term_lexicon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lex = write(dir.path(), "big.toml", big_lexicon(100_000));
    let p = s(&lex);
    let mut failures = Vec::new();
    let mut table = String::new();
    for (name, args, json) in [
        ("lexicon check", vec!["lexicon", "check", &p], false),
        (
            "lexicon show --format json",
            vec!["lexicon", "show", "--format", "json", &p],
            true,
        ),
        (
            "terms --format json",
            vec![
                "terms",
                "--no-default-lexicons",
                "--lexicon",
                &p,
                "--format",
                "json",
                GOOD,
            ],
            true,
        ),
    ] {
        let started = Instant::now();
        let out = cmd().args(&args).output();
        let took = started.elapsed().as_secs_f64();
        let shown = match out {
            Err(e) => format!("FAILED: did not finish: {e}"),
            Ok(out) => {
                let stderr = String::from_utf8_lossy(&out.stderr);
                match out.status.code() {
                    Some(0)
                        if !json
                            || serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok() =>
                    {
                        "0".into()
                    }
                    c => format!("FAILED: exit {c:?}: {}", stderr.trim()),
                }
            }
        };
        table.push_str(&format!(
            "| 100,000 terms | {name} | {shown} | {took:.1}s |\n"
        ));
        if shown.starts_with("FAILED") {
            failures.push(format!("{name}: {shown}"));
        }
    }
    println!("{table}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Output files

/// `report -o` onto one of its inputs (directly or through a symlink) is refused with exit 2
/// and the input is untouched.
#[test]
fn report_refuses_to_overwrite_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::copy(GOOD, &a).expect("copy");
    std::fs::copy(OTHER, &b).expect("copy");
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&b, &link).expect("symlink");
    let before_a = std::fs::read(&a).expect("read");
    let before_b = std::fs::read(&b).expect("read");
    for target in [&a, &b, &link] {
        let out = cmd()
            .args([
                "report",
                "--format",
                "html",
                &s(&a),
                &s(&b),
                "-o",
                &s(target),
            ])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(2), "-o {}: {stderr}", s(target));
        assert!(stderr.contains("refus"), "{stderr}");
        assert!(!stderr.contains("unexpected argument"), "{stderr}");
        assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(std::fs::read(&a).expect("read"), before_a);
        assert_eq!(std::fs::read(&b).expect("read"), before_b);
        assert!(leftover_temporaries(dir.path()).is_empty());
    }
}

/// `report -o` replaces an existing file as a whole (no temporaries left), and a failure (an
/// unwritable destination, a bad input) leaves an existing output file exactly as it was.
#[test]
fn report_writes_atomically() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("report.html");
    std::fs::write(&out_path, "previous report").expect("write");
    let out = cmd()
        .args(["report", GOOD, OTHER, "-o", &s(&out_path)])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let html = std::fs::read_to_string(&out_path).expect("read");
    assert!(
        html.contains("<html") || html.contains("<!DOCTYPE"),
        "not HTML"
    );
    assert!(leftover_temporaries(dir.path()).is_empty());

    // A failing run (bad second input) must leave the previous report untouched.
    std::fs::write(&out_path, "previous report").expect("write");
    let empty = write(dir.path(), "empty.txt", "");
    let out = cmd()
        .args(["report", GOOD, &s(&empty), "-o", &s(&out_path)])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&out_path).expect("read"),
        "previous report"
    );

    // A destination in a missing folder, a folder as destination (exit 1, naming it), and a
    // folder without a format to tell from its extension (exit 2, usage): one error line each.
    let folder = s(dir.path());
    for (target, format, code, says) in [
        (
            s(&dir.path().join("no/such/dir/r.html")),
            None,
            1,
            "no such file",
        ),
        (folder.clone(), Some("html"), 1, "is a directory"),
        (folder.clone(), None, 2, "cannot tell the report format"),
    ] {
        let mut c = cmd();
        c.arg("report");
        if let Some(f) = format {
            c.args(["--format", f]);
        }
        let out = c.args([GOOD, OTHER, "-o", &target]).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(code), "{target}: {stderr}");
        assert_eq!(error_lines(&stderr).len(), 1, "{stderr}");
        assert!(
            stderr.contains(&target) && stderr.contains(says),
            "{stderr}"
        );
    }
    assert!(leftover_temporaries(dir.path()).is_empty());
}
