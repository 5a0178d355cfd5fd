//! `framediff report`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use framediff::analysis::framing::LexiconFraming;
use framediff::output::refuse_input_overwrite;
use framediff::report::document::{self, ReportFormat};
use framediff::Result;

use super::{emit, LexiconArgs, ModelArgs, ReadArgs};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Two or more reports of the same event (paths, or - for one of them from stdin).
    #[arg(value_name = "REPORT", num_args = 2.., required = true)]
    pub files: Vec<String>,
    /// Write the report to this file (format from its extension: .html, .md, .json), atomically.
    /// Without it the report goes to stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else markdown).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// The label of the report the others are aligned to (default: the first).
    #[arg(long, value_name = "LABEL")]
    pub pivot: Option<String>,
    /// Minimum similarity (0–1) for two sentences to be paired (default 0.21; 0.32 with a
    /// sentence encoder, `--model`, whose cosine rates unrelated sentences higher).
    #[arg(long)]
    pub threshold: Option<f64>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Html,
    Markdown,
    Json,
}

pub fn run(args: ReportArgs) -> Result<()> {
    let format = match (args.format, &args.output) {
        (Some(FormatArg::Html), _) => ReportFormat::Html,
        (Some(FormatArg::Markdown), _) => ReportFormat::Markdown,
        (Some(FormatArg::Json), _) => ReportFormat::Json,
        (None, Some(path)) => ReportFormat::from_extension(path)?,
        (None, None) => ReportFormat::Markdown,
    };
    if let Some(out) = &args.output {
        let inputs: Vec<&str> = args.files.iter().map(String::as_str).collect();
        refuse_input_overwrite(out, &inputs)?;
    }
    let lexicons = args.lexicon.load()?;
    let cmp = super::comparison(
        &args.files,
        &args.read,
        args.pivot.as_deref(),
        args.threshold,
        &args.model,
    )?;
    let framing = LexiconFraming::new(&cmp, lexicons)?;
    emit(args.output.as_deref(), |w| {
        document::render(w, &cmp, &framing, format)
    })
}
