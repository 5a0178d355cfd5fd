//! Every `-o` output and every lexicon rewritten in place gets the mode any new file gets
//! (0666 minus the umask) and a file replaced keeps its own: a report written to share must
//! not come out private because the temporary file behind the atomic write was.
//!
//! The umask is per process, so each case runs the binary from `sh -c 'umask …; exec …'`
//! instead of changing the test process's umask under the other tests' feet.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::common::{ok, AHED, IFP};

const BIN: &str = env!("CARGO_BIN_EXE_framediff");
const LEXICONS: &str = "tests/data/lexicons";
const OUT: &str = "out.html";

/// Run `framediff ARGS` under `umask`; the command must succeed.
fn run_with_umask(umask: &str, args: &[&str]) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .output()
        .expect("run sh");
    assert!(
        out.status.success(),
        "umask {umask} framediff {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .expect("output exists")
        .permissions()
        .mode()
        & 0o7777
}

/// Each way of writing `dir/out.html` as framediff arguments (the extension picks the report
/// format; the lexicon commands take any name).
fn writers(dir: &Path) -> Vec<(&'static str, Vec<String>)> {
    let s = |x: &str| x.to_string();
    let lex = |name: &str| format!("{LEXICONS}/{name}");
    let out = dir.join(OUT).to_str().unwrap().to_string();
    vec![
        (
            "report -o",
            vec![s("report"), s(IFP), s(AHED), s("-o"), out.clone()],
        ),
        (
            "lexicon export -o",
            vec![
                s("lexicon"),
                s("export"),
                lex("small.toml"),
                s("--to"),
                s("yaml"),
                s("-o"),
                out.clone(),
            ],
        ),
        (
            "lexicon import -o",
            vec![s("lexicon"), s("import"), lex("small.yml"), s("-o"), out],
        ),
    ]
}

#[test]
fn new_files_get_0666_minus_the_umask() {
    for (umask, want) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let dir = tempfile::tempdir().unwrap();
        for (k, (what, args)) in writers(dir.path()).into_iter().enumerate() {
            let out = dir.path().join(OUT);
            let _ = std::fs::remove_file(&out);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run_with_umask(umask, &args);
            assert_eq!(mode(&out), want, "{what} under umask {umask} (case {k})");
        }
        // nothing else is left in the directory (no temporary file)
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

#[test]
fn replaced_files_keep_their_mode() {
    // 0640 is kept under either umask; 0666 keeps even the bits umask 022 would clear.
    for (umask, existing) in [("022", 0o640), ("077", 0o640), ("022", 0o666)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(OUT);
        for (what, args) in writers(dir.path()) {
            std::fs::write(&out, "old").unwrap();
            std::fs::set_permissions(&out, std::fs::Permissions::from_mode(existing)).unwrap();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run_with_umask(umask, &args);
            assert_ne!(std::fs::read_to_string(&out).unwrap(), "old", "{what}");
            assert_eq!(mode(&out), existing, "{what} under umask {umask}");
        }
    }
}

#[test]
fn lexicon_edits_keep_the_file_mode() {
    for umask in ["022", "077"] {
        let dir = tempfile::tempdir().unwrap();
        let lex = dir.path().join("small.toml");
        std::fs::copy(format!("{LEXICONS}/small.toml"), &lex).unwrap();
        std::fs::set_permissions(&lex, std::fs::Permissions::from_mode(0o640)).unwrap();
        let path = lex.to_str().unwrap();
        let before = std::fs::read_to_string(&lex).unwrap();
        run_with_umask(
            umask,
            &["lexicon", "add", path, "fm-test", "brand new term"],
        );
        assert_ne!(std::fs::read_to_string(&lex).unwrap(), before);
        assert_eq!(mode(&lex), 0o640, "lexicon add under umask {umask}");
        run_with_umask(umask, &["lexicon", "remove", path, "brand new term"]);
        assert_eq!(mode(&lex), 0o640, "lexicon remove under umask {umask}");
    }
}

/// `-o` through a symbolic link replaces the file it points to and leaves the link a link;
/// `lexicon add` on a linked lexicon edits the shared file.
#[test]
fn links_stay_links() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let out = dir.path().join(OUT);
    for (what, args) in writers(dir.path()) {
        let target = shared.join(OUT);
        std::fs::write(&target, "old").unwrap();
        let _ = std::fs::remove_file(&out);
        std::os::unix::fs::symlink(format!("shared/{OUT}"), &out).unwrap();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_with_umask("022", &args);
        let meta = std::fs::symlink_metadata(&out).unwrap();
        assert!(meta.file_type().is_symlink(), "{what}: the link is kept");
        assert_ne!(std::fs::read_to_string(&target).unwrap(), "old", "{what}");
        assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 1, "{what}");
    }
    let lex = shared.join("small.toml");
    std::fs::copy(format!("{LEXICONS}/small.toml"), &lex).unwrap();
    let link = dir.path().join("linked.toml");
    std::os::unix::fs::symlink(&lex, &link).unwrap();
    let before = std::fs::read_to_string(&lex).unwrap();
    run_with_umask(
        "022",
        &[
            "lexicon",
            "add",
            link.to_str().unwrap(),
            "fm-test",
            "linked term",
        ],
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let after = std::fs::read_to_string(&lex).unwrap();
    assert!(after.contains("linked term") && after.len() > before.len());
}

/// A named pipe given to `-o` is written in place and stays a pipe (as `/dev/null` or
/// `/dev/stdout` must: a rename over `/dev/null` as root replaced the null device with a
/// regular file).
#[test]
fn pipes_and_devices_are_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(OUT);
    for (what, args) in writers(dir.path()) {
        let _ = std::fs::remove_file(&out);
        let made = Command::new("mkfifo").arg(&out).status().expect("mkfifo");
        assert!(made.success());
        let reader = {
            let out = out.clone();
            std::thread::spawn(move || std::fs::read(out).unwrap())
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_with_umask("022", &args);
        // checked before waiting for the reader, which a rename would leave blocked forever
        let meta = std::fs::symlink_metadata(&out).unwrap();
        assert!(meta.file_type().is_fifo(), "{what}: still a pipe");
        assert!(!reader.join().unwrap().is_empty(), "{what}: written");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "{what}");
    }
    // `-o /dev/stdout`: the report arrives on standard output
    let out = ok(&["report", IFP, AHED, "--format", "json", "-o", "/dev/stdout"]);
    assert!(out.starts_with('{'));
    // `-o /dev/stdout >> log`: appended to the log, which stays the same file
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "before\n").unwrap();
    let status = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" report \"$1\" \"$2\" --format json -o /dev/stdout >> \"$3\"")
        .args([BIN, IFP, AHED, log.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("before\n{"), "{}", &text[..40]);
}
