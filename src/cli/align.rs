//! `framediff align` and `framediff compare`.

use clap::{Args, ValueEnum};
use framediff::{Error, Result};

use super::{DisplayArgs, LexiconArgs, ReadArgs};

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The first report (a path, or - for stdin).
    #[arg(value_name = "A")]
    pub a: String,
    /// The second report.
    #[arg(value_name = "B")]
    pub b: String,
    /// Minimum similarity (0–1) for two sentences to be paired.
    #[arg(long, default_value_t = framediff::align::AlignOptions::default().threshold)]
    pub threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Text)]
    pub format: AlignFormat,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more reports of the same event (paths, or - for one of them from stdin).
    #[arg(value_name = "REPORT", num_args = 2.., required = true)]
    pub files: Vec<String>,
    /// Minimum similarity (0–1) for two sentences to be paired.
    #[arg(long, default_value_t = framediff::align::AlignOptions::default().threshold)]
    pub threshold: f64,
    /// With three or more reports: the label of the report the others are aligned to
    /// (default: the first).
    #[arg(long, value_name = "LABEL")]
    pub pivot: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
}

pub fn run_align(_args: AlignArgs) -> Result<()> {
    Err(Error::Usage("align: not implemented yet".into()))
}

pub fn run_compare(_args: CompareArgs) -> Result<()> {
    Err(Error::Usage("compare: not implemented yet".into()))
}
