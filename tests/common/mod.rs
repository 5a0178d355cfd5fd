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

/// The `framediff` binary with the test's environment and working directory as they are.
/// Modules that need a fixed directory or environment (no colour, no `COLUMNS`) build their own.
pub fn cmd() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("framediff")
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
