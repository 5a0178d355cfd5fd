//! `framediff corpus …`: commands over a whole corpus (a manifest or a directory), sharing
//! [`CorpusArgs`]: which manifest, how many threads, progress, what to do with bad lines.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use super::{emit, DisplayArgs, LexiconArgs};
use framediff::analysis::corpus::terms::{self as corpus_terms, Groups};
use framediff::analysis::corpus::{self, CorpusOptions, OnError, Parallel, Summary};
use framediff::ingest::manifest::{self, CorpusDoc};
use framediff::ingest::{Document, IngestOptions};
use framediff::lexicon::Matcher;
use framediff::report::corpus as render;
use framediff::{Error, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Count framing-lexicon terms per outlet (and month or event) over a whole corpus.
    Terms(TermsArgs),
    /// Group documents into same-event clusters (when the manifest gives no events).
    Events(super::corpus_compare::EventsArgs),
    /// Compare every outlet pair of every event; summary over events.
    Compare(super::corpus_compare::CompareArgs),
}

pub fn run(c: CorpusCommand) -> Result<()> {
    match c {
        CorpusCommand::Terms(a) => run_terms(a),
        CorpusCommand::Events(a) => super::corpus_compare::run_events(a),
        CorpusCommand::Compare(a) => super::corpus_compare::run_compare(a),
    }
}

/// What every `corpus` command reads and how.
#[derive(Debug, Clone, Args)]
pub struct CorpusArgs {
    /// The corpus: a JSONL or CSV manifest (one document per line: id, outlet, event, date,
    /// title, url, and path or text), `-` for JSONL on stdin, or a directory of
    /// EVENT/OUTLET.txt|.html files.
    #[arg(value_name = "MANIFEST")]
    pub manifest: String,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// What to do with a manifest line that is not a document, or a document that cannot be
    /// read: stop with an error (nothing is written), or skip it with a warning.
    #[arg(long, value_enum, default_value_t = OnErrorArg::Fail, value_name = "WHAT")]
    pub on_error: OnErrorArg,
    /// Keep page chrome (navigation, "Recent Posts", timestamps, …) instead of dropping it.
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// The documents are already one sentence per line.
    #[arg(long)]
    pub segmented: bool,
    /// Write the output to FILE (atomically: complete or not at all) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnErrorArg {
    Fail,
    Skip,
}

impl CorpusArgs {
    /// The library's options for these arguments.
    pub fn options(&self) -> Result<CorpusOptions> {
        if self.jobs == Some(0) {
            return Err(Error::Usage("--jobs must be at least 1".into()));
        }
        Ok(CorpusOptions {
            ingest: IngestOptions {
                label: None,
                keep_boilerplate: self.keep_boilerplate,
                segmented: self.segmented,
            },
            parallel: Parallel {
                jobs: self.jobs.unwrap_or(0),
                ..Parallel::default()
            },
            on_error: match self.on_error {
                OnErrorArg::Fail => OnError::Fail,
                OnErrorArg::Skip => OnError::Skip,
            },
        })
    }

    /// Run `work` on every document of the manifest in parallel, `sink` getting the results in
    /// manifest order, with a progress bar on a terminal and warnings on stderr.
    pub fn each_document<R: Send>(
        &self,
        work: impl Fn(&CorpusDoc, &Document) -> R + Sync,
        sink: impl FnMut(CorpusDoc, R) -> Result<()>,
    ) -> Result<Summary> {
        self.each_document_of(manifest::open(&self.manifest)?, work, sink)
    }

    /// [`CorpusArgs::each_document`] over a manifest already open (`corpus compare` opens it
    /// so that it can read the texts again, [`manifest::reread`]).
    pub fn each_document_of<R: Send>(
        &self,
        reader: manifest::Manifest,
        work: impl Fn(&CorpusDoc, &Document) -> R + Sync,
        sink: impl FnMut(CorpusDoc, R) -> Result<()>,
    ) -> Result<Summary> {
        let opts = self.options()?;
        let name = reader.name().to_string();
        let bar = self.progress_bar();
        let progress = |n: u64| bar.inc(n);
        let mut warn = |w: &str| bar.suspend(|| eprintln!("framediff: warning: {w}"));
        let result = corpus::documents(reader, &name, &opts, work, &progress, &mut warn, sink);
        bar.finish_and_clear();
        let summary = result?;
        if summary.skipped > 0 {
            eprintln!(
                "framediff: warning: {name}: {} of {} documents skipped",
                summary.skipped,
                summary.skipped + summary.documents
            );
        }
        Ok(summary)
    }

    /// A bar on stderr when it is a terminal and `--quiet` is not given (hidden otherwise):
    /// documents done of the total (counted first when the manifest is a file), rate, ETA.
    fn progress_bar(&self) -> ProgressBar {
        self.progress_bar_of("documents", || manifest::count(&self.manifest))
    }

    /// [`CorpusArgs::progress_bar`] counting other `unit`s (`corpus compare` counts events);
    /// `total` is only asked for when the bar is shown.
    pub(super) fn progress_bar_of(
        &self,
        unit: &str,
        total: impl FnOnce() -> Option<u64>,
    ) -> ProgressBar {
        if self.quiet || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = match total() {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(&format!(
                        "{{bar:30}} {{human_pos}}/{{human_len}} {unit}  {{per_sec}}  ETA {{eta}}"
                    ))
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template(&format!(
                    "{{spinner}} {{human_pos}} {unit}  {{per_sec}}"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    }
}

#[derive(Debug, Args)]
pub struct TermsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Group documents by these fields, comma-separated: outlet, month (of the date), event.
    #[arg(long, default_value = "outlet", value_name = "FIELDS")]
    pub by: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CorpusTermsFormat::Table)]
    pub format: CorpusTermsFormat,
    /// Also list terms with no hit in a group (every group then has every term: partial
    /// results summed elsewhere keep each group's word count).
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusTermsFormat {
    Table,
    Csv,
    Jsonl,
    Json,
}

fn run_terms(args: TermsArgs) -> Result<()> {
    let by = corpus_terms::parse_by(&args.by)?;
    let matcher = Matcher::new(args.lexicon.load()?)?;
    let mut groups = Groups::new(by);
    args.corpus.each_document(
        |_, doc| corpus_terms::count(&matcher, doc),
        |doc, counts| {
            groups.add(&doc, &counts);
            Ok(())
        },
    )?;
    let report = groups.finish(&matcher, args.all);
    let style = args.display.style();
    emit(args.corpus.output.as_deref(), |w| match args.format {
        CorpusTermsFormat::Table => render::table(w, &report, &style),
        CorpusTermsFormat::Csv => render::csv(w, &report),
        CorpusTermsFormat::Jsonl => render::jsonl(w, &report),
        CorpusTermsFormat::Json => render::json(w, &report),
    })
}
