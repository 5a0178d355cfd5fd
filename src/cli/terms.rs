//! `framediff terms`.

use clap::{Args, ValueEnum};
use framediff::{Error, Result};

use super::{DisplayArgs, LexiconArgs, ReadArgs};

#[derive(Debug, Args)]
pub struct TermsArgs {
    /// One or more reports (paths, or - for one of them from stdin).
    #[arg(value_name = "FILE", num_args = 1.., required = true)]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TermsFormat::Table)]
    pub format: TermsFormat,
    /// Also list terms with no hit in any report.
    #[arg(long)]
    pub all: bool,
    /// Rows per term (default) or per category only.
    #[arg(long, value_enum, default_value_t = TermsBy::Term)]
    pub by: TermsBy,
    /// List every hit in context (keyword in context) instead of the counts.
    #[arg(long)]
    pub kwic: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TermsFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TermsBy {
    Term,
    Category,
}

pub fn run(_args: TermsArgs) -> Result<()> {
    Err(Error::Usage("terms: not implemented yet".into()))
}
