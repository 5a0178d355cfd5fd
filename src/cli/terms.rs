//! `framediff terms`.

use clap::{Args, ValueEnum};
use framediff::analysis::terms::{count_documents, count_with_hits, Options};
use framediff::lexicon::{Matcher, Tuning};
use framediff::report::terms as render;
use framediff::Result;

use super::{print, DisplayArgs, LexiconArgs, ReadArgs};

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

pub fn run(args: TermsArgs) -> Result<()> {
    let lexicons = args.lexicon.load()?;
    let docs = args.read.read_all(&args.files)?;
    // a few articles do not repay building the fastest automaton (start-up, issue 15)
    let bytes = docs.iter().map(|d| d.text.len()).sum();
    let matcher = Matcher::tuned(lexicons, Tuning::for_bytes(bytes))?;
    let opts = Options {
        all: args.all,
        by_category: args.by == TermsBy::Category,
    };
    let style = args.display.style();
    if args.kwic {
        // the hits themselves are kept only for --kwic
        let (report, rows) = count_with_hits(&matcher, &docs, opts);
        print(|w| match args.format {
            TermsFormat::Table => render::kwic_table(w, &report, &rows, &style),
            TermsFormat::Csv => render::kwic_csv(w, &report, &rows),
            TermsFormat::Json => render::kwic_json(w, &report, &rows),
            TermsFormat::Markdown => render::kwic_markdown(w, &report, &rows),
        })
    } else {
        let report = count_documents(&matcher, &docs, opts);
        print(|w| match args.format {
            TermsFormat::Table => render::table(w, &report, opts, &style),
            TermsFormat::Csv => render::csv(w, &report, opts),
            TermsFormat::Json => render::json(w, &report),
            TermsFormat::Markdown => render::markdown(w, &report, opts),
        })
    }
}
