//! `framediff align` and `framediff compare`.

use clap::{Args, ValueEnum};
use framediff::analysis::framing::LexiconFraming;
use framediff::report::{align as render, document};
use framediff::Result;

use super::{comparison, print, DisplayArgs, LexiconArgs, ModelArgs, ReadArgs};

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// The first report (a path, or - for stdin).
    #[arg(value_name = "A")]
    pub a: String,
    /// The second report.
    #[arg(value_name = "B")]
    pub b: String,
    /// Minimum similarity (0–1) for two sentences to be paired (default 0.21; 0.32 with a
    /// sentence encoder, `--model`, whose cosine rates unrelated sentences higher).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AlignFormat::Text)]
    pub format: AlignFormat,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// One line per pair or unpaired sentence.
    Text,
    /// `framediff.align/2` JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more reports of the same event (paths, or - for one of them from stdin).
    #[arg(value_name = "REPORT", num_args = 2.., required = true)]
    pub files: Vec<String>,
    /// Minimum similarity (0–1) for two sentences to be paired (default 0.21; 0.32 with a
    /// sentence encoder, `--model`, whose cosine rates unrelated sentences higher).
    #[arg(long)]
    pub threshold: Option<f64>,
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
    pub model: ModelArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Side-by-side terminal tables.
    Table,
    /// `framediff.compare/2` JSON.
    Json,
}

pub fn run_align(args: AlignArgs) -> Result<()> {
    let cmp = comparison(
        &[args.a, args.b],
        &args.read,
        None,
        args.threshold,
        &args.model,
    )?;
    let pair = cmp.pair()?;
    print(|w| match args.format {
        AlignFormat::Text => render::text(w, &cmp, pair),
        AlignFormat::Json => render::json(w, &cmp, pair),
    })
}

pub fn run_compare(args: CompareArgs) -> Result<()> {
    // a bad --lexicon fails before any article is read, whatever the output format
    let lexicons = args.lexicon.load()?;
    let cmp = comparison(
        &args.files,
        &args.read,
        args.pivot.as_deref(),
        args.threshold,
        &args.model,
    )?;
    match args.format {
        CompareFormat::Table => {
            let framing = LexiconFraming::new(&cmp, lexicons)?;
            let style = args.display.style();
            print(|w| document::terminal(w, &cmp, &framing, &style))
        }
        CompareFormat::Json => print(|w| render::compare_json(w, &cmp)),
    }
}
