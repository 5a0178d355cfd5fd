//! `framediff completions SHELL` and `framediff man`: non-empty, naming every subcommand, and
//! (where `man` is installed) a page that man renders without complaint.

use assert_cmd::cargo::cargo_bin_cmd;

const SUBCOMMANDS: &[&str] = &[
    "segment",
    "align",
    "compare",
    "terms",
    "lexicon",
    "report",
    "completions",
    "man",
];
const LEXICON_SUBCOMMANDS: &[&str] = &[
    "list", "show", "check", "add", "remove", "import", "export", "suggest", "evaluate",
];

fn stdout(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("framediff").args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    assert!(out.stderr.is_empty(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_name_every_subcommand_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for sub in SUBCOMMANDS.iter().chain(LEXICON_SUBCOMMANDS) {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
        assert!(script.contains("keep-boilerplate"), "{shell}");
    }
}

#[test]
fn completions_of_an_unknown_shell_are_a_usage_error() {
    let out = cargo_bin_cmd!("framediff")
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn man_page_covers_every_subcommand_and_renders() {
    let page = stdout(&["man"]);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH framediff 1"));
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!(".SH \"FRAMEDIFF {}\"", sub.to_uppercase())),
            "{sub}"
        );
    }
    for sub in LEXICON_SUBCOMMANDS {
        let heading = format!(".SH \"FRAMEDIFF LEXICON {}\"", sub.to_uppercase());
        assert!(page.contains(&heading), "{sub}");
    }
    assert!(page.contains("keep\\-boilerplate"));
    // the same bytes every time (no date in the page)
    assert_eq!(page, stdout(&["man"]));

    if std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("framediff.1");
    std::fs::write(&file, &page).unwrap();
    let out = std::process::Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "100")
        .env("MAN_KEEP_FORMATTING", "0")
        .env("PAGER", "cat")
        .env("MANPAGER", "cat")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("framediff"), "{text}");
    assert!(text.len() > page.len() / 2, "{text}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
