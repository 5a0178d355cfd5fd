//! `framediff report`.

use clap::Args;
use framediff::{Error, Result};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Two or more reports of the same event.
    #[arg(value_name = "REPORT", num_args = 2.., required = true)]
    pub files: Vec<String>,
}

pub fn run(_args: ReportArgs) -> Result<()> {
    Err(Error::Usage("report: not implemented yet".into()))
}
