//! Helpers shared by the integration tests that open reports in headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

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
