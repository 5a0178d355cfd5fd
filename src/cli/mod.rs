//! Command-line definitions (clap derive) and dispatch. Handlers only read arguments, call the
//! library and hand its renderers a destination ([`emit`]): stdout gets the output once it is
//! completely rendered, so a failure never leaves partial output behind; `-o FILE` gets it
//! through an atomic file. The library's typed errors become the flag messages here.

mod align;
mod corpus;
mod corpus_compare;
mod lexicon;
mod report;
mod segment;
mod shell;
mod terms;

use std::io::{self, Write};
use std::path::Path;

use clap::{Args, Parser, Subcommand, ValueEnum};
use framediff::align::AlignOptions;
use framediff::compare::Comparison;
use framediff::ingest::{self, Document, IngestOptions};
use framediff::output::{self, AtomicFile};
use framediff::report::style::{ColorChoice, Style};
use framediff::{Error, Result};

/// Compare how news outlets frame the same event.
#[derive(Debug, Parser)]
#[command(name = "framediff", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a report's kept sentences, one per line (or as JSON).
    Segment(segment::SegmentArgs),
    /// Pair the corresponding sentences of two reports.
    Align(align::AlignArgs),
    /// Show two or more reports side by side with word differences and framing terms.
    Compare(align::CompareArgs),
    /// Count framing-lexicon terms in reports.
    Terms(terms::TermsArgs),
    /// List, show, check, edit, import and export framing lexicons.
    #[command(subcommand)]
    Lexicon(lexicon::LexiconCommand),
    /// Work on a whole corpus (a manifest or a directory of EVENT/OUTLET files), in parallel.
    #[command(subcommand)]
    Corpus(corpus::CorpusCommand),
    /// Write a comparison as an HTML, Markdown or JSON report file.
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish or PowerShell) on stdout.
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff) of framediff and every subcommand: `framediff man | man -l -`.
    Man(shell::ManArgs),
}

/// Dispatch a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Segment(a) => segment::run(a),
        Command::Align(a) => align::run_align(a),
        Command::Compare(a) => align::run_compare(a),
        Command::Terms(a) => terms::run(a),
        Command::Lexicon(c) => lexicon::run(c),
        Command::Report(a) => report::run(a),
        Command::Corpus(c) => corpus::run(c),
        Command::Completions(a) => shell::completions(a),
        Command::Man(a) => shell::man(a),
    }
}

/// `--model DIR` (or `FRAMEDIFF_MODEL`), shared by the commands that align sentences.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelArgs {
    /// A sentence-transformers model directory (BERT family: config.json, model.safetensors,
    /// tokenizer.json; e.g. all-MiniLM-L6-v2) whose sentence embeddings join the similarity, so
    /// paraphrases and translations can pair. Default: $FRAMEDIFF_MODEL, else none.
    #[arg(long, value_name = "DIR")]
    pub model: Option<std::path::PathBuf>,
}

impl ModelArgs {
    /// The model asked for, loaded; `None` without `--model` and `FRAMEDIFF_MODEL` (an empty
    /// variable counts as unset).
    pub fn load(&self) -> Result<Option<std::sync::Arc<framediff::align::Encoder>>> {
        let dir = self.model.clone().or_else(|| {
            std::env::var_os("FRAMEDIFF_MODEL")
                .filter(|v| !v.is_empty())
                .map(std::path::PathBuf::from)
        });
        dir.map(|d| framediff::align::Encoder::load(&d).map(std::sync::Arc::new))
            .transpose()
    }
}

/// Options shared by every command that reads articles.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Label for each report, in the order the files are given (default: the file name).
    #[arg(long = "label", value_name = "LABEL")]
    pub labels: Vec<String>,
    /// Keep page chrome (navigation, "Recent Posts", timestamps, …) instead of dropping it.
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// The inputs are already one sentence per line: each non-empty line is one sentence.
    #[arg(long)]
    pub segmented: bool,
}

impl ReadArgs {
    /// Read every input (a path or `-`), printing non-fatal warnings on stderr and, when all
    /// were read, a note for each one that had page chrome set aside.
    pub fn read_all(&self, paths: &[String]) -> Result<Vec<Document>> {
        if self.labels.len() > paths.len() {
            return Err(Error::Usage(format!(
                "{} --label values given for {} reports",
                self.labels.len(),
                paths.len()
            )));
        }
        if paths.iter().filter(|p| *p == "-").count() > 1 {
            return Err(Error::Usage("stdin (-) can be read only once".into()));
        }
        let labels = self.unique_labels(paths)?;
        paths
            .iter()
            .zip(labels)
            .map(|(p, label)| {
                let opts = IngestOptions {
                    label: Some(label),
                    keep_boilerplate: self.keep_boilerplate,
                    segmented: self.segmented,
                };
                let doc = ingest::read_document(p, &opts)?;
                for w in &doc.warnings {
                    eprintln!("framediff: warning: {}: {w}", doc.path);
                }
                Ok(doc)
            })
            .collect::<Result<Vec<_>>>()
            .inspect(|docs| {
                // Once every input was read: an input that fails is then the one line on stderr.
                for doc in docs {
                    if let Some(note) = set_aside_note(doc) {
                        eprintln!("framediff: note: {}: {note}", doc.path);
                    }
                }
            })
    }
}

impl ReadArgs {
    /// One distinct label per report (see [`ingest::unique_labels`]): a `--label` given twice is
    /// a usage error; file names shared by several reports become path suffixes (`a/fox`,
    /// `b/fox`), said once on stderr.
    fn unique_labels(&self, paths: &[String]) -> Result<Vec<String>> {
        for (i, l) in self.labels.iter().enumerate() {
            if self.labels[..i].contains(l) {
                return Err(Error::Usage(format!(
                    "--label {l} is given twice; every report needs its own label"
                )));
            }
        }
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let given: Vec<Option<&str>> = (0..paths.len())
            .map(|i| self.labels.get(i).map(String::as_str))
            .collect();
        let labels = ingest::unique_labels(&paths, &given);
        let renamed: Vec<&str> = labels
            .iter()
            .enumerate()
            .filter(|&(i, l)| given[i].is_none() && *l != ingest::label_from_path(paths[i]))
            .map(|(_, l)| l.as_str())
            .collect();
        if !renamed.is_empty() {
            eprintln!(
                "framediff: warning: reports share a file name; labelled {} (use --label to name them)",
                renamed.join(", ")
            );
        }
        Ok(labels)
    }
}

/// The note printed when page chrome was set aside, so that text left out of a comparison never
/// goes unmentioned: how much, and how to see or keep it.
fn set_aside_note(doc: &Document) -> Option<String> {
    let s = doc.set_aside();
    (!doc.dropped.is_empty()).then(|| {
        format!(
            "{} line{} ({} byte{}) of page chrome set aside; see them with \
             `framediff segment --format json`, keep them with --keep-boilerplate",
            s.lines,
            if s.lines == 1 { "" } else { "s" },
            s.bytes,
            if s.bytes == 1 { "" } else { "s" },
        )
    })
}

/// Options for commands that use framing lexicons.
#[derive(Debug, Clone, Args)]
pub struct LexiconArgs {
    /// A lexicon file (TOML, or a format `lexicon import` reads), or a built-in lexicon's name
    /// when no such file exists; repeatable.
    #[arg(long = "lexicon", value_name = "FILE|NAME")]
    pub lexicons: Vec<String>,
    /// Do not use the built-in lexicons.
    #[arg(long)]
    pub no_default_lexicons: bool,
}

impl LexiconArgs {
    /// The lexicons to use: the built-ins (unless `--no-default-lexicons`) and every
    /// `--lexicon FILE` in any format `lexicon import` reads.
    pub fn load(&self) -> Result<Vec<framediff::lexicon::Lexicon>> {
        framediff::lexicon::resolve(&self.lexicons, self.no_default_lexicons).map_err(|e| match e {
            Error::NoLexicon => Error::Usage(
                "no lexicon to use: --no-default-lexicons needs at least one --lexicon FILE|NAME"
                    .into(),
            ),
            e => e,
        })
    }
}

/// Options for terminal rendering.
#[derive(Debug, Clone, Args)]
pub struct DisplayArgs {
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Table width in columns (default: the terminal's width, else $COLUMNS, else 100).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
}

impl DisplayArgs {
    pub fn style(&self) -> Style {
        let choice = match self.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        Style::detect(choice, self.width)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// `--threshold`, when given, is a similarity between 0 and 1.
pub fn check_threshold(threshold: Option<f64>) -> Result<()> {
    match threshold {
        Some(t) if !(0.0..=1.0).contains(&t) => Err(Error::Usage(format!(
            "--threshold must be between 0 and 1, got {t}"
        ))),
        _ => Ok(()),
    }
}

/// Read the reports, segment, align and diff them against the pivot (`--pivot LABEL`, else the
/// first), printing the comparison's warnings on stderr.
pub fn comparison(
    files: &[String],
    read: &ReadArgs,
    pivot: Option<&str>,
    threshold: Option<f64>,
    model: &ModelArgs,
) -> Result<Comparison> {
    check_threshold(threshold)?;
    let model = model.load()?;
    let docs = read.read_all(files)?;
    let pivot = match pivot {
        Some(label) => Comparison::find_label(&docs, label).map_err(|e| match e {
            Error::UnknownLabel { label, known } => Error::Usage(format!(
                "--pivot {label}: no report has that label (labels: {})",
                known.join(", ")
            )),
            e => e,
        })?,
        None => 0,
    };
    let cmp = Comparison::new(docs, pivot, &AlignOptions::new(threshold, model))?;
    for w in cmp.warnings() {
        eprintln!("framediff: warning: {w}");
    }
    Ok(cmp)
}

/// Render to stdout: into a buffer first, written once the renderer succeeded, so a failure
/// prints nothing. A closed pipe (`| head`) is not an error.
pub fn print(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let mut held = Held::default();
    render(&mut held).map_err(|e| output::render_error(Path::new("<stdout>"), e))?;
    let mut stdout = io::stdout().lock();
    match held
        .chunks
        .iter()
        .try_for_each(|c| stdout.write_all(c))
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("<stdout>", e)),
    }
}

/// Output held until it is complete, in chunks of [`HELD_CHUNK`] bytes. A long report's output
/// is several times its input (the HTML page of a 50 MB comparison is 330 MB); chunks this
/// small come from the heap that alignment freed, where one growing buffer needs that many
/// fresh pages on top of it (measured with `scripts/peak-rss 50`: HTML to stdout 682 MB with a
/// `Vec<u8>`, 597 MB in chunks).
#[derive(Default)]
struct Held {
    chunks: Vec<Vec<u8>>,
}

/// Below glibc's smallest mmap threshold (128 KB), so chunks are carved from the heap.
const HELD_CHUNK: usize = 64 * 1024;

impl Write for Held {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.chunks.last_mut() {
                Some(c) if c.len() < HELD_CHUNK => {
                    let n = (HELD_CHUNK - c.len()).min(buf.len());
                    c.extend_from_slice(&buf[..n]);
                    buf = &buf[n..];
                }
                _ => self.chunks.push(Vec::with_capacity(HELD_CHUNK)),
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Render into `out` (`-o FILE`) atomically, each part written into the temporary file as it
/// is rendered (none of the output is held) and the file renamed into place only when all of
/// it was; without `out`, to stdout ([`print`]).
pub fn emit(
    out: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let Some(path) = out else {
        return print(render);
    };
    let mut file = AtomicFile::create(path)?;
    render(&mut file).map_err(|e| output::render_error(path, e))?;
    file.commit()
}
