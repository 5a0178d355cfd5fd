//! `framediff terms`.

use clap::{Args, ValueEnum};
use framediff::lexicon::count::{count_sentences, tally_sentences};
use framediff::lexicon::Matcher;
use framediff::report::terms::{self as render, Options};
use framediff::segment::segment;
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
    let lexicons =
        framediff::lexicon::resolve(&args.lexicon.lexicons, args.lexicon.no_default_lexicons)?;
    let matcher = Matcher::new(lexicons)?;
    let docs = args.read.read_all(&args.files)?;
    let sentences: Vec<_> = docs.iter().map(segment).collect();
    let counts: Vec<_> = docs
        .iter()
        .zip(&sentences)
        .map(|(d, s)| {
            // the hits themselves are kept only for --kwic
            if args.kwic {
                count_sentences(&matcher, &d.text, s)
            } else {
                tally_sentences(&matcher, &d.text, s)
            }
        })
        .collect();
    let opts = Options {
        all: args.all,
        by_category: args.by == TermsBy::Category,
    };
    let report = render::build(&matcher, &docs, &counts, opts);
    let style = args.display.style();
    let out = if args.kwic {
        let rows = render::kwic_rows(&matcher, &docs, &sentences, &counts);
        match args.format {
            TermsFormat::Table => render::kwic_table(&report, &rows, &style),
            TermsFormat::Csv => render::kwic_csv(&report, &rows),
            TermsFormat::Json => render::kwic_json(&report, &rows),
            TermsFormat::Markdown => render::kwic_markdown(&report, &rows),
        }
    } else {
        match args.format {
            TermsFormat::Table => render::table(&report, opts, &style),
            TermsFormat::Csv => render::csv(&report, opts),
            TermsFormat::Json => render::json(&report),
            TermsFormat::Markdown => render::markdown(&report, opts),
        }
    };
    print(&out)
}
