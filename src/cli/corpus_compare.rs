//! `framediff corpus events` and `framediff corpus compare`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use framediff::align::AlignOptions;
use framediff::analysis::corpus::compare::{compare_event, EventDoc, Pairing, Summary};
use framediff::analysis::corpus::events::{self, EventOptions, Profile};
use framediff::analysis::corpus::{self, OnError};
use framediff::analysis::framing::LexiconFraming;
use framediff::compare::Comparison;
use framediff::ingest::manifest::reread::{self, Texts};
use framediff::ingest::manifest::{self, CorpusDoc, Manifest, Source};
use framediff::ingest::Document;
use framediff::output::{self, AtomicFile};
use framediff::report::corpus_compare as render;
use framediff::report::document::{self, ReportFormat};
use framediff::{Error, Result};

use super::corpus::CorpusArgs;
use super::{emit, DisplayArgs, LexiconArgs};

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub grouping: GroupingArgs,
    /// Output format: one {"id", "event"} per document, in manifest order.
    #[arg(long, value_enum, default_value_t = EventsFormat::Jsonl)]
    pub format: EventsFormat,
}

/// How documents are grouped into events.
#[derive(Debug, Clone, Args)]
pub struct GroupingArgs {
    /// Reports more than DAYS days apart are never one event (when both are dated).
    #[arg(long, value_name = "DAYS", default_value_t = EventOptions::default().window)]
    pub window: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Jsonl,
    Csv,
}

/// The documents of a corpus grouped into events.
struct Grouped {
    /// Every document, in manifest order, without its text ([`slim`]).
    docs: Vec<CorpusDoc>,
    /// The event id of each.
    events: Vec<String>,
}

/// Read every document of `reader`, profile it (in parallel) and group. Only the profiles (at
/// most a few hundred terms each) and the documents without their texts are kept: the texts
/// are read again when their event is compared.
fn group(args: &CorpusArgs, reader: Manifest, grouping: &GroupingArgs) -> Result<Grouped> {
    let mut docs = Vec::new();
    let mut profiles = Vec::new();
    args.each_document_of(
        reader,
        |cd, doc| Profile::of_document(&cd.outlet, cd.date.as_deref(), cd.title.as_deref(), doc),
        |cd, p| {
            docs.push(slim(cd));
            profiles.push(p);
            Ok(())
        },
    )?;
    let opts = EventOptions {
        window: grouping.window,
        ..EventOptions::default()
    };
    let events = events::group(&profiles, &opts)
        .into_iter()
        .map(events::event_id)
        .collect();
    Ok(Grouped { docs, events })
}

/// A document as `corpus compare` holds it until its event's turn: its inline text dropped
/// (read again by its span), and what the comparison does not use (title, url) too.
fn slim(mut cd: CorpusDoc) -> CorpusDoc {
    reread::drop_text(&mut cd);
    cd.title = None;
    cd.url = None;
    cd
}

pub fn run_events(args: EventsArgs) -> Result<()> {
    let reader = manifest::open(&args.corpus.manifest)?;
    let g = group(&args.corpus, reader, &args.grouping)?;
    let rows: Vec<(String, String)> = g.docs.into_iter().map(|d| d.id).zip(g.events).collect();
    emit(args.corpus.output.as_deref(), |w| match args.format {
        EventsFormat::Jsonl => render::events_jsonl(w, &rows),
        EventsFormat::Csv => render::events_csv(w, &rows),
    })
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Compare each outlet against this one only (default: every pair of outlets).
    #[arg(long, value_name = "OUTLET")]
    pub pivot: Option<String>,
    /// Minimum similarity (0–1) for two sentences to be paired (default 0.21; 0.32 with a
    /// sentence encoder, `--model`, whose cosine rates unrelated sentences higher).
    #[arg(long)]
    pub threshold: Option<f64>,
    #[command(flatten)]
    pub model: super::ModelArgs,
    /// Group the documents into events first (as `corpus events` does), ignoring the
    /// manifest's events: for manifests without them.
    #[arg(long)]
    pub group_events: bool,
    #[command(flatten)]
    pub grouping: GroupingArgs,
    /// What goes to stdout (or -o): one framediff.corpus-compare/1 line per event, or the
    /// corpus summary as a table or CSV.
    #[arg(long, value_enum, default_value_t = CompareFormat::Jsonl)]
    pub format: CompareFormat,
    /// Also write the summary as CSV to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary_csv: Option<PathBuf>,
    /// Also write an HTML overview page to FILE (linking the --reports pages).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write one HTML report per event into DIR (created if missing), named after the event.
    #[arg(long, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Jsonl,
    Table,
    Csv,
}

/// One event's documents, their texts not read yet ([`slim`]).
struct EventWork {
    event: String,
    docs: Vec<CorpusDoc>,
}

impl EventWork {
    /// Bytes of the event's inline texts, for [`corpus::ordered`]'s chunks: a chunk of events
    /// then holds a bounded amount of text (and of results) whatever the events' sizes.
    fn weight(&self) -> usize {
        self.docs
            .iter()
            .map(|d| d.span.map_or(0, |s| s.len))
            .sum::<usize>()
            .max(1)
    }
}

/// What a worker hands back for one event.
struct EventDone {
    line: Vec<u8>,
    comparison: framediff::analysis::corpus::compare::EventComparison,
    report: Option<Vec<u8>>,
    warnings: Vec<String>,
}

pub fn run_compare(args: CompareArgs) -> Result<()> {
    super::check_threshold(args.threshold)?;
    let opts = args.corpus.options()?;
    let lexicons = match args.reports {
        Some(_) => Some(args.lexicon.load()?),
        None => None,
    };
    let (events, texts) = events_of(&args, opts.on_error)?;
    let name = texts.name().to_string();
    let pairing = match &args.pivot {
        Some(p) => Pairing::Pivot(p.clone()),
        None => Pairing::All,
    };
    let align_opts = AlignOptions::new(args.threshold, args.model.load()?);
    if let Some(dir) = &args.reports {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let style = args.display.style();
    let mut summary = Summary::default();
    let mut links: Vec<(String, Option<String>)> = Vec::new();
    let mut failure: Option<Error> = None;
    let mut single = Vec::new();
    let to_compare: Vec<EventWork> = events
        .into_iter()
        .filter_map(|e| {
            let mut outlets: Vec<&str> = e.docs.iter().map(|d| d.outlet.as_str()).collect();
            outlets.sort_unstable();
            outlets.dedup();
            if outlets.len() < 2 {
                single.push(e.event);
                None
            } else {
                Some(e)
            }
        })
        .collect();
    let work = |e: EventWork| -> Result<EventDone> {
        let mut warnings = Vec::new();
        let mut docs = Vec::new();
        for mut cd in e.docs {
            // the inline text, dropped after the first reading, is read back from the manifest
            let text = match &cd.source {
                Source::Text(_) => texts.text(&cd).map(|t| cd.source = Source::Text(t)),
                Source::Path(_) => Ok(()),
            };
            match text.and_then(|()| cd.ingest(&name, &opts.ingest)) {
                Ok(document) => {
                    warnings.extend(
                        document
                            .warnings
                            .iter()
                            .map(|w| format!("{}: {w}", document.path)),
                    );
                    docs.push(EventDoc {
                        id: cd.id,
                        outlet: cd.outlet,
                        document,
                    });
                }
                Err(err) if opts.on_error == OnError::Skip => {
                    warnings.push(format!("{err} (skipped)"));
                }
                Err(err) => return Err(err),
            }
        }
        let (comparison, kept) = compare_event(&e.event, docs, &pairing, &align_opts);
        let mut line = Vec::new();
        render::compare_line(&mut line, &comparison)
            .map_err(|e| output::render_error(Path::new("<stdout>"), e))?;
        let report = match (&lexicons, kept.len() >= 2 && !comparison.pairs.is_empty()) {
            (Some(lex), true) => Some(event_report(kept, &pairing, &align_opts, lex.clone())?),
            _ => None,
        };
        Ok(EventDone {
            line,
            comparison,
            report,
            warnings,
        })
    };
    // events compared of those with two or more outlets, as `corpus terms` shows documents
    let total = to_compare.len() as u64;
    let bar = args.corpus.progress_bar_of("events", || Some(total));
    let progress = |n: u64| bar.inc(n);
    emit(args.corpus.output.as_deref(), |w| {
        let sink = |done: Result<EventDone>| -> Result<()> {
            let done = done?;
            bar.suspend(|| {
                for warning in done.warnings.iter().chain(&done.comparison.warnings) {
                    eprintln!("framediff: warning: {warning}");
                }
                for p in &done.comparison.pairs {
                    for warning in &p.warnings {
                        eprintln!(
                            "framediff: warning: event {}: {warning}",
                            done.comparison.event
                        );
                    }
                }
            });
            if args.format == CompareFormat::Jsonl {
                w.write_all(&done.line)
                    .map_err(|e| Error::io("<stdout>", e))?;
            }
            summary.add(&done.comparison);
            let file = match (&args.reports, done.report) {
                (Some(dir), Some(bytes)) => {
                    let file = render::report_file_name(&done.comparison.event);
                    output::write_atomic(&dir.join(&file), &bytes)?;
                    Some(file)
                }
                _ => None,
            };
            links.push((done.comparison.event.clone(), file));
            Ok(())
        };
        let res = corpus::ordered(
            to_compare.into_iter(),
            &opts.parallel,
            EventWork::weight,
            work,
            &progress,
            sink,
        );
        bar.finish_and_clear();
        if let Err(e) = res {
            failure = Some(e);
            return Err(std::io::Error::other("corpus compare failed"));
        }
        for _ in &single {
            summary.add_uncompared();
        }
        match args.format {
            CompareFormat::Jsonl => Ok(()),
            CompareFormat::Table => render::summary_table(w, &summary, &style),
            CompareFormat::Csv => render::summary_csv(w, &summary),
        }
    })
    .map_err(|e| failure.take().unwrap_or(e))?;
    if let Some(path) = &args.summary_csv {
        let mut f = AtomicFile::create(path)?;
        render::summary_csv(&mut f, &summary).map_err(|e| output::render_error(path, e))?;
        f.commit()?;
    }
    if let Some(path) = &args.html {
        // links are relative to the overview page's folder
        let base = path.parent().unwrap_or(Path::new(""));
        let rel: Vec<(String, Option<String>)> = links
            .iter()
            .map(|(e, f)| {
                let f = f.as_ref().and_then(|f| {
                    let dir = args.reports.as_deref()?;
                    Some(relative(&dir.join(f), base))
                });
                (e.clone(), f)
            })
            .collect();
        let mut f = AtomicFile::create(path)?;
        render::overview_html(&mut f, &summary, &rel).map_err(|e| output::render_error(path, e))?;
        f.commit()?;
    }
    Ok(())
}

/// `target` as a link from a page in `base`: relative when `target` lies under `base`, else as
/// given (made absolute when possible).
fn relative(target: &Path, base: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (t, b) = (abs(target), abs(base));
    match t.strip_prefix(&b) {
        Ok(r) => r.to_string_lossy().replace('\\', "/"),
        Err(_) => t.to_string_lossy().into_owned(),
    }
}

/// The HTML report of one event, as `framediff report` writes it, the pivot (when given and
/// present) first.
fn event_report(
    kept: Vec<EventDoc>,
    pairing: &Pairing,
    opts: &AlignOptions,
    lexicons: Vec<framediff::lexicon::Lexicon>,
) -> Result<Vec<u8>> {
    let pivot = match pairing {
        Pairing::Pivot(p) => kept.iter().position(|d| &d.outlet == p).unwrap_or(0),
        Pairing::All => 0,
    };
    let documents: Vec<Document> = kept.into_iter().map(|d| d.document).collect();
    let cmp = Comparison::new(documents, pivot, opts)?;
    let framing = LexiconFraming::new(&cmp, lexicons)?;
    let mut out = Vec::new();
    document::render(&mut out, &cmp, &framing, ReportFormat::Html)
        .map_err(|e| output::render_error(Path::new("<report>"), e))?;
    Ok(out)
}

/// The events of the manifest in order of their first document, each with its documents in
/// manifest order, their texts left to read again from the returned [`Texts`]: from the
/// manifest's `event` fields, or grouped (`--group-events`). A document without an event is an
/// error (skipped under `--on-error skip`).
fn events_of(args: &CompareArgs, on_error: OnError) -> Result<(Vec<EventWork>, Texts)> {
    let mut order: Vec<EventWork> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut push = |event: String, doc: CorpusDoc| {
        let i = *index.entry(event.clone()).or_insert_with(|| {
            order.push(EventWork {
                event,
                docs: Vec::new(),
            });
            order.len() - 1
        });
        order[i].docs.push(doc);
    };
    let (reader, texts) = reread::open(&args.corpus.manifest)?;
    if args.group_events {
        let g = group(&args.corpus, reader, &args.grouping)?;
        for (d, e) in g.docs.into_iter().zip(g.events) {
            push(e, d);
        }
        return Ok((order, texts));
    }
    let name = reader.name().to_string();
    let mut skipped = 0;
    for item in reader {
        let doc = match item {
            Ok(d) => slim(d),
            Err(e @ Error::Manifest { .. }) if on_error == OnError::Skip => {
                eprintln!("framediff: warning: {e} (skipped)");
                skipped += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        match doc.event.clone() {
            Some(e) => push(e, doc),
            None => {
                let e = Error::Manifest {
                    path: name.clone(),
                    line: doc.line,
                    message: format!(
                        "document {} has no event (give events in the manifest, or --group-events)",
                        doc.id
                    ),
                };
                if on_error == OnError::Fail {
                    return Err(e);
                }
                eprintln!("framediff: warning: {e} (skipped)");
                skipped += 1;
            }
        }
    }
    if skipped > 0 {
        eprintln!("framediff: warning: {name}: {skipped} documents skipped");
    }
    Ok((order, texts))
}
