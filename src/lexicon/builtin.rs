//! PLACEHOLDER: the built-in lexicons compiled into the binary.
//!
//! This file only stands in for the real one (issue 4, part 1, written in parallel) so the
//! `lexicon` subcommands compile and can be tested; it keeps exactly the same public API and is
//! replaced wholesale at merge.

use super::model::Lexicon;
use crate::Result;

/// (file name, TOML source) of each built-in lexicon, in display order.
pub const SOURCES: &[(&str, &str)] = &[(
    "placeholder.toml",
    include_str!("../../lexicons/placeholder.toml"),
)];

/// All built-in lexicons, parsed.
pub fn lexicons() -> Result<Vec<Lexicon>> {
    SOURCES
        .iter()
        .map(|(file, src)| super::load::parse(src, std::path::Path::new(file)))
        .collect()
}

/// The built-in lexicon called `name`, if there is one.
pub fn find(name: &str) -> Result<Option<Lexicon>> {
    Ok(lexicons()?.into_iter().find(|l| l.name == name))
}
