//! Helpers shared by several test modules: the seed fixtures, the plain `framediff` command,
//! and headless Chromium for the modules that open reports in a browser.

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod devdata;
pub mod seeds;

/// The seed reports, relative to the package root (the working directory of `cargo test`).
/// IFP and AHED tell the same event; SANA and ALMASIRAH are other events.
pub const IFP: &str = "fixtures/velayati-mekdad-2022/iran-front-page.txt";
pub const AHED: &str = "fixtures/velayati-mekdad-2022/al-ahed.txt";
pub const ALMASIRAH: &str = "fixtures/khamenei-assad-2024/almasirah.txt";
pub const SANA: &str = "fixtures/velayati-mikdad-2017/sana.txt";
pub const IRAN_PROJECT: &str = "fixtures/shamkhani-patrushev-2018/iran-project.txt";

/// The `framediff` binary with the test's environment and working directory as they are.
/// Modules that need a fixed directory or environment (no colour, no `COLUMNS`) build their own.
pub fn cmd() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("framediff")
}

/// Run `framediff ARGS` from the package root, without colour and without `COLUMNS`, with
/// `stdin` written to its standard input: its exit code, stdout and stderr.
pub fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut c = cmd();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .args(args);
    if let Some(s) = stdin {
        c.write_stdin(s.to_vec());
    }
    let out = c.output().expect("run framediff");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// [`run_with_stdin`] with nothing on standard input.
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_with_stdin(args, None)
}

/// The stdout of `framediff ARGS`, which must succeed.
pub fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// The Python that has pyspark, when the Spark tests are to run: `FRAMEDIFF_REQUIRE_SPARK=1`
/// (.ci/run sets it after installing a JRE and pyspark) with `FRAMEDIFF_SPARK_PYTHON` (else
/// `python3`). `None`, with a notice, otherwise.
pub fn spark_python() -> Option<String> {
    if std::env::var("FRAMEDIFF_REQUIRE_SPARK").as_deref() != Ok("1") {
        eprintln!(
            "note: FRAMEDIFF_REQUIRE_SPARK is not 1; skipping the Spark run (.ci/run sets it)"
        );
        return None;
    }
    Some(std::env::var("FRAMEDIFF_SPARK_PYTHON").unwrap_or_else(|_| "python3".into()))
}

/// Run the PySpark example `examples/spark/SCRIPT` with `python` in `local[2]` on `manifest`
/// split into `partitions`, with this build of framediff, writing into the directory `out`;
/// the lines of its part files, in the files' order.
pub fn run_spark_example(
    python: &str,
    script: &str,
    manifest: &Path,
    out: &Path,
    partitions: usize,
) -> Vec<String> {
    let run = Command::new(python)
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/spark")
                .join(script),
        )
        .arg(manifest)
        .arg(out)
        .args(["--framediff", env!("CARGO_BIN_EXE_framediff")])
        .args(["--partitions", &partitions.to_string()])
        .args(["--master", "local[2]"])
        .env("PYSPARK_PYTHON", python)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .expect("run the Spark example");
    assert!(
        run.status.success(),
        "spark run failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut parts: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("the Spark output directory")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("part-"))
        })
        .collect();
    parts.sort();
    parts
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).expect("a part file");
            text.lines().map(String::from).collect::<Vec<_>>()
        })
        .collect()
}

/// The Chromium binary (`$CHROMIUM`, else Debian's `/usr/bin/chromium`), or `None` when it is
/// not installed. When `FRAMEDIFF_REQUIRE_CHROMIUM` is set (CI installs Chromium and sets it), a
/// missing browser fails the test instead of skipping it.
pub fn chromium() -> Option<PathBuf> {
    let bin = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if bin.exists() {
        return Some(bin);
    }
    assert!(
        std::env::var_os("FRAMEDIFF_REQUIRE_CHROMIUM").is_none(),
        "FRAMEDIFF_REQUIRE_CHROMIUM is set but chromium is missing"
    );
    eprintln!("note: chromium not installed; skipping the browser check (.ci/run installs it)");
    None
}

/// Load `page` in headless Chromium (through `scripts/screenshot --dump-dom`) and return the
/// DOM after the page's scripts ran.
pub fn dump_dom(bin: &Path, page: &Path) -> String {
    let out = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/screenshot"))
        .arg("--dump-dom")
        .arg(page)
        .env("CHROMIUM", bin)
        .output()
        .expect("run scripts/screenshot");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether file permissions apply to this process: chmod 000 denies nothing to root, and CI
/// runs as root.
pub fn permissions_enforced() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "x").expect("write probe");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::read(&probe).is_err()
}

/// A temporary folder every user may enter and write in, for files an unprivileged
/// [`unprivileged_cmd`] reads and writes.
pub fn shared_tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).expect("chmod");
    dir
}

/// The `framediff` binary run by a user that file permissions apply to, so the tests of
/// unreadable files run everywhere, CI (root) included. Not root: the binary as it is. Root:
/// the binary run through `setpriv` as `nobody` (see [`unprivileged_binary`]); without
/// `setpriv` the test fails rather than skip. Files it reads go in a [`shared_tempdir`].
pub fn unprivileged_cmd() -> assert_cmd::Command {
    if permissions_enforced() {
        return cmd();
    }
    let mut c = assert_cmd::Command::new("setpriv");
    c.args(AS_NOBODY).arg(unprivileged_binary());
    c
}

const AS_NOBODY: [&str; 4] = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"];

/// The binary as `nobody` can run it: the build's own when that user can reach it, else a
/// copy in the system temporary folder (one per build, replaced on each run). Checked once by
/// running it, which also waits out "text file busy": a child another test thread forked
/// while the copy was being written holds it open for a moment.
fn unprivileged_binary() -> &'static Path {
    use std::os::unix::fs::PermissionsExt;
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let runs = |bin: &Path| {
            Command::new("setpriv")
                .args(AS_NOBODY)
                .arg(bin)
                .arg("--version")
                .output()
                .expect("run setpriv (util-linux) to drop root for the permission tests")
                .status
                .success()
        };
        let original = PathBuf::from(env!("CARGO_BIN_EXE_framediff"));
        if runs(&original) {
            return original;
        }
        let dir = std::env::temp_dir().join(format!(
            "framediff-unprivileged-{:x}",
            original
                .to_string_lossy()
                .bytes()
                .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
        ));
        std::fs::create_dir_all(&dir).expect("create a folder for the binary");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let copy = dir.join("framediff");
        let _ = std::fs::remove_file(&copy);
        std::fs::copy(&original, &copy).expect("copy the binary");
        for _ in 0..100 {
            if runs(&copy) {
                return copy;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("nobody cannot run {}", copy.display());
    })
}
