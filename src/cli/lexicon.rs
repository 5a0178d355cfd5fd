//! `framediff lexicon …`.

use clap::Subcommand;
use framediff::{Error, Result};

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// List the built-in lexicons (and any given with --lexicon) with their counts.
    List,
}

pub fn run(_cmd: LexiconCommand) -> Result<()> {
    Err(Error::Usage("lexicon: not implemented yet".into()))
}
