//! Lexicon files: bytes as lexicon TOML through `lexicon::parse`, and as every foreign format
//! through `lexicon::import::import_text`. A loaded lexicon must also survive `check`.
#![no_main]

use std::path::Path;

use framediff::lexicon::check::check_text;
use framediff::lexicon::import::{import_text, Format};
use framediff::lexicon::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.toml");
    if parse(text, path).is_ok() {
        let _ = check_text(text, path);
    }
    for format in [
        Format::Quanteda,
        Format::Liwc,
        Format::Lexicoder,
        Format::Wordstat,
        Format::Yoshikoder,
    ] {
        let _ = import_text(text, Path::new("fuzz.dic"), format, None);
    }
});
