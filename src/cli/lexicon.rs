//! `framediff lexicon …`: list, show, check, add, remove, import, export, suggest, evaluate.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use framediff::analysis::{evaluate, gold, suggest};
use framediff::lexicon::import::{self, Format};
use framediff::lexicon::{self as lex, check, edit, export, Matcher};
use framediff::report::style::{ColorChoice, Style};
use framediff::report::{
    evaluate as render_evaluate, lexicon as render, suggest as render_suggest,
};
use framediff::{output, Error, Result};

use super::{comparison, emit, print, DisplayArgs, LexiconArgs, ReadArgs};

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// List the built-in lexicons (and any given with --lexicon) with their counts.
    List(ListArgs),
    /// Show a lexicon's categories and terms.
    Show(ShowArgs),
    /// Check a lexicon file: duplicates, shadowed terms, empty categories, useless exceptions.
    ///
    /// Exit status 0 when there are no problems (warnings alone do not fail unless --strict),
    /// 1 when the file is malformed or has problems.
    Check(CheckArgs),
    /// Add terms to a category of a lexicon file, keeping its comments and layout.
    Add(AddArgs),
    /// Remove terms from a lexicon file, keeping its comments and layout.
    Remove(RemoveArgs),
    /// Convert a quanteda, LIWC, Lexicoder, WordStat or Yoshikoder dictionary to lexicon TOML.
    Import(ImportArgs),
    /// Write a lexicon as a quanteda YAML or LIWC .dic dictionary.
    Export(ExportArgs),
    /// Suggest terms the lexicons miss, from the differences between reports of one event.
    ///
    /// Candidates come from substitutions (one report's wording swapped for another's in
    /// aligned sentences: when the lexicons cover one side, the other side is suggested for the
    /// covered term's category) and from keyness (word n-grams markedly more frequent in one
    /// report). Each comes with the sentences that show it; `--format toml` prints
    /// `lexicon add` commands and snippets to apply the ones you accept.
    Suggest(SuggestArgs),
    /// Measure a lexicon against annotated text: precision, recall and F1 by hit and by token,
    /// per category and per term, and the correlation of per-document rates.
    ///
    /// The gold file has one JSON object per line: {"id", "text" or "path", "spans":
    /// [{"start", "end", "label"?}]} with character offsets (see docs/lexicon-evaluate.md).
    Evaluate(EvaluateArgs),
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Lexicon files or built-in lexicon names; several are evaluated together (each is an
    /// independent instrument, so their hits add up).
    #[arg(value_name = "FILE|NAME", num_args = 1.., required = true)]
    pub lexicons: Vec<String>,
    /// The annotation: JSONL, one document per line.
    #[arg(long, value_name = "FILE.jsonl", required = true)]
    pub gold: PathBuf,
    /// Which hits count: loaded terms only (default), or reference terms too.
    #[arg(long, value_enum, default_value_t = RoleArg::Loaded)]
    pub role: RoleArg,
    /// Keep only gold spans with this label (repeatable; default: every span).
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvaluateFormat::Table)]
    pub format: EvaluateFormat,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Loaded terms only.
    Loaded,
    /// Loaded and reference terms.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvaluateFormat {
    /// Summary, categories and terms as terminal tables.
    Table,
    /// `framediff.evaluate/1` JSON.
    Json,
    /// One row per category and term, after a total row.
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A built-in lexicon's name, or a lexicon file (TOML or any format `import` reads).
    #[arg(value_name = "NAME|FILE")]
    pub lexicon: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
    Toml,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The lexicon TOML file to check (or a built-in lexicon's name).
    #[arg(value_name = "FILE|NAME")]
    pub file: PathBuf,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Line width in columns: longer findings continue on indented lines (default: the
    /// terminal's width; piped, one line per finding).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `file:line:column: problem: …` lines and a summary.
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The lexicon TOML file to edit in place.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The category: `name` or `parent/child`; created if missing.
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    /// Terms to add (quote multi-word terms).
    #[arg(value_name = "TERM", required = true, num_args = 1..)]
    pub terms: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The lexicon TOML file to edit in place.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Terms to remove (compared case- and hyphen-insensitively).
    #[arg(value_name = "TERM", required = true, num_args = 1..)]
    pub terms: Vec<String>,
    /// Remove only from this category (`name` or `parent/child`).
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The dictionary to convert.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the lexicon TOML here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT.toml")]
    pub output: Option<PathBuf>,
    /// Lexicon name (default: the dictionary's own name, else the file name).
    #[arg(long)]
    pub name: Option<String>,
    /// Dictionary format (default: from the file extension).
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// By extension: .yml/.yaml, .dic, .lc3, .cat, .ykd.
    Auto,
    Quanteda,
    Liwc,
    Lexicoder,
    Wordstat,
    Yoshikoder,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A built-in lexicon's name, or a lexicon file.
    #[arg(value_name = "NAME|FILE")]
    pub lexicon: String,
    /// Target format.
    #[arg(long, value_enum)]
    pub to: ExportFormat,
    /// Write here (atomically) instead of to stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// quanteda dictionary YAML.
    Yaml,
    /// LIWC dictionary.
    Dic,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Two or more reports of the same event (paths, or - for one of them from stdin).
    #[arg(value_name = "REPORT", num_args = 2.., required = true)]
    pub files: Vec<String>,
    /// Show at most this many candidates (the best ones).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Minimum occurrences in one report for an n-gram to be suggested by keyness.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_count: usize,
    /// Minimum log-likelihood G² for an n-gram to be suggested by keyness (3.84: p < 0.05).
    #[arg(long, value_name = "G2", default_value_t = 3.84)]
    pub min_g2: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Table)]
    pub format: SuggestFormat,
    /// Minimum similarity (0–1) for two sentences to be paired (default 0.21).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// With three or more reports: the label of the report the others are aligned to
    /// (default: the first).
    #[arg(long, value_name = "LABEL")]
    pub pivot: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// Ranked terminal table with evidence.
    Table,
    /// `framediff.suggest/1` JSON.
    Json,
    /// `lexicon add` commands and `[categories.…]` snippets to paste.
    Toml,
}

pub fn run(cmd: LexiconCommand) -> Result<()> {
    match cmd {
        LexiconCommand::List(a) => list(a),
        LexiconCommand::Show(a) => show(a),
        LexiconCommand::Check(a) => check(a),
        LexiconCommand::Add(a) => {
            let (path, category, terms) = (&a.file, &a.category, &a.terms);
            edit::apply(path, |text| edit::add_terms(text, path, category, terms))?;
            eprintln!(
                "framediff: {}: added {} to category `{category}`",
                path.display(),
                quoted(terms)
            );
            for w in edit::findings_for(path, terms)? {
                eprintln!("framediff: warning: {w}");
            }
            Ok(())
        }
        LexiconCommand::Remove(a) => {
            let (path, category, terms) = (&a.file, a.category.as_deref(), &a.terms);
            edit::apply(path, |text| edit::remove_terms(text, path, terms, category))?;
            eprintln!("framediff: {}: removed {}", path.display(), quoted(terms));
            Ok(())
        }
        LexiconCommand::Import(a) => import_cmd(a),
        LexiconCommand::Export(a) => export_cmd(a),
        LexiconCommand::Suggest(a) => suggest_cmd(a),
        LexiconCommand::Evaluate(a) => evaluate_cmd(a),
    }
}

fn quoted(terms: &[String]) -> String {
    let v: Vec<String> = terms.iter().map(|t| format!("`{}`", t.trim())).collect();
    v.join(", ")
}

fn list(a: ListArgs) -> Result<()> {
    let lexicons = lex::listed(&a.lexicon.lexicons, a.lexicon.no_default_lexicons)?;
    let style = a.display.style();
    print(|w| match a.format {
        ListFormat::Table => render::list_table(w, &lexicons, style),
        ListFormat::Json => render::list_json(w, &lexicons),
    })
}

fn show(a: ShowArgs) -> Result<()> {
    let (lexicon, source) = lex::open(&a.lexicon)?;
    let style = a.display.style();
    print(|w| match a.format {
        ShowFormat::Table => render::show_table(w, &lexicon, style),
        ShowFormat::Json => render::show_json(w, &lexicon),
        ShowFormat::Toml => render::show_toml(w, &lexicon, source),
    })
}

fn check(a: CheckArgs) -> Result<()> {
    // a built-in by name when no such file exists, as everywhere a lexicon is accepted
    let builtin = (!a.file.exists())
        .then(|| lex::builtin::source(&a.file.to_string_lossy()))
        .flatten();
    let report = match builtin {
        Some((file, src)) => check::check_text(src, &Path::new("<built-in>").join(file))?,
        None => check::check_file(&a.file)?,
    };
    let failed = report.problems() > 0 || (a.strict && report.warnings() > 0);
    print(|w| match a.format {
        CheckFormat::Json => render::check_json(w, &report),
        CheckFormat::Text => {
            // Piped without --width, each finding stays one line, as grep and editors read
            // them; on a terminal (or with --width) long findings wrap like every table.
            use std::io::IsTerminal;
            let width = if a.width.is_some() || std::io::stdout().is_terminal() {
                usize::from(Style::detect(ColorChoice::Never, a.width).width)
            } else {
                usize::MAX
            };
            render::check_text(w, &report, failed, width)
        }
    })?;
    if failed {
        return Err(Error::input(&a.file, report.counts()));
    }
    Ok(())
}

fn import_cmd(a: ImportArgs) -> Result<()> {
    let format = match a.format {
        ImportFormat::Auto => None,
        ImportFormat::Quanteda => Some(Format::Quanteda),
        ImportFormat::Liwc => Some(Format::Liwc),
        ImportFormat::Lexicoder => Some(Format::Lexicoder),
        ImportFormat::Wordstat => Some(Format::Wordstat),
        ImportFormat::Yoshikoder => Some(Format::Yoshikoder),
    };
    if let Some(n) = &a.name {
        if n.trim().is_empty() {
            return Err(Error::Usage("--name must not be empty".into()));
        }
    }
    if let Some(out) = &a.output {
        output::refuse_input_overwrite(out, &[&a.file.to_string_lossy()])?;
    }
    let imported = import::import(&a.file, format, a.name.as_deref())?;
    for w in &imported.warnings {
        eprintln!("framediff: warning: {w}");
    }
    let text = import::to_toml_with_header(&imported, &a.file);
    write_or_print(a.output.as_deref(), &text)?;
    if let Some(out) = &a.output {
        eprintln!(
            "framediff: wrote {} ({} categories, {} terms)",
            out.display(),
            imported.lexicon.categories.len(),
            imported.lexicon.term_count()
        );
    }
    Ok(())
}

fn export_cmd(a: ExportArgs) -> Result<()> {
    if let Some(out) = &a.output {
        output::refuse_input_overwrite(out, &[&a.lexicon])?;
    }
    let (lexicon, _) = lex::open(&a.lexicon)?;
    let exported = match a.to {
        ExportFormat::Yaml => export::to_yaml(&lexicon),
        ExportFormat::Dic => export::to_dic(&lexicon),
    };
    for note in &exported.lost {
        eprintln!("framediff: note: {note}");
    }
    write_or_print(a.output.as_deref(), &exported.text)
}

fn write_or_print(out: Option<&Path>, text: &str) -> Result<()> {
    emit(out, |w| w.write_all(text.as_bytes()))
}

fn suggest_cmd(a: SuggestArgs) -> Result<()> {
    if a.min_count == 0 {
        return Err(Error::Usage("--min-count must be at least 1".into()));
    }
    if !a.min_g2.is_finite() || a.min_g2 < 0.0 {
        return Err(Error::Usage(format!(
            "--min-g2 must be a number ≥ 0, got {}",
            a.min_g2
        )));
    }
    let lexicons = a.lexicon.load()?;
    let files = lex::files_of(&a.lexicon.lexicons);
    let n_lexicons = lexicons.len();
    let matcher = Matcher::new(lexicons)?;
    let cmp = comparison(
        &a.files,
        &a.read,
        a.pivot.as_deref(),
        a.threshold,
        &super::ModelArgs::default(),
    )?;
    let opts = suggest::Options {
        min_count: a.min_count,
        min_g2: a.min_g2,
        limit: a.limit,
    };
    let s = suggest::suggest(&cmp, &matcher, &opts);
    let style = a.display.style();
    print(|w| match a.format {
        SuggestFormat::Table => render_suggest::table(w, &s, &style, n_lexicons),
        SuggestFormat::Json => render_suggest::json(w, &s),
        SuggestFormat::Toml => render_suggest::toml(w, &s, &files),
    })
}

fn evaluate_cmd(a: EvaluateArgs) -> Result<()> {
    let lexicons = lex::resolve(&a.lexicons, true)?;
    let gold = gold::read(&a.gold)?;
    let matcher = Matcher::new(lexicons)?;
    let opts = evaluate::Options {
        all_roles: a.role == RoleArg::All,
        labels: a.label.clone(),
    };
    let e = evaluate::evaluate(&matcher, &gold, &opts)?;
    let style = a.display.style();
    print(|w| match a.format {
        EvaluateFormat::Table => render_evaluate::table(w, &e, &style),
        EvaluateFormat::Json => render_evaluate::json(w, &e),
        EvaluateFormat::Csv => render_evaluate::csv(w, &e),
    })
}
