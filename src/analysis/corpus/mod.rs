//! Corpus mode: the same analysis over thousands of documents, in parallel and streaming.
//!
//! * [`ordered`]: the generic driver. Items are pulled from an iterator a bounded chunk at a
//!   time (by count and by bytes, so memory is bounded by a chunk, not the corpus), each chunk
//!   is processed on a rayon pool while the next one is read, and results reach the caller in
//!   input order, whatever the number of threads: output is byte-identical for any `--jobs`.
//! * [`documents`]: that driver over a manifest ([`crate::ingest::manifest`]): each document
//!   read and ingested on the pool, bad lines and unreadable documents skipped with a warning
//!   or fatal ([`OnError`]).
//! * [`events`]: group documents into same-event clusters when the manifest gives no events.
//! * [`compare`]: every outlet pair of each event compared, and the summary over events.
//!
//! Progress is reported through a callback (`&(dyn Fn(u64) + Sync)`, called with the number of
//! items just finished) so the library knows nothing about terminals.

pub mod compare;
pub mod events;
pub mod terms;

use std::sync::mpsc;

use rayon::prelude::*;

use crate::ingest::manifest::{CorpusDoc, Source};
use crate::ingest::{Document, IngestOptions};
use crate::{Error, Result};

/// How work is spread and how much of the input is held at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parallel {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// At most this many items per chunk.
    pub chunk_items: usize,
    /// A chunk is closed once its items weigh this much (bytes of inline text, say).
    pub chunk_bytes: usize,
}

impl Default for Parallel {
    /// One thread per core; chunks of 256 documents or 32 MB of inline text. Small enough that
    /// two chunks (one being processed, one being read) stay well under a hundred megabytes,
    /// big enough that the threads are rarely waiting for the reader.
    fn default() -> Self {
        Parallel {
            jobs: 0,
            chunk_items: 256,
            chunk_bytes: 32 << 20,
        }
    }
}

/// Apply `work` to every item of `items` on `par.jobs` threads and hand the results to `sink`
/// in input order. The reader runs on its own thread one chunk ahead of the workers; a `sink`
/// error stops everything (the reader is dropped) and is returned. `weight` sizes an item for
/// [`Parallel::chunk_bytes`]; `progress` is called with the number of items finished.
pub fn ordered<T, R, I>(
    items: I,
    par: &Parallel,
    weight: impl Fn(&T) -> usize + Send,
    work: impl Fn(T) -> R + Sync,
    progress: &(dyn Fn(u64) + Sync),
    mut sink: impl FnMut(R) -> Result<()>,
) -> Result<()>
where
    T: Send,
    R: Send,
    I: Iterator<Item = T> + Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(par.jobs)
        .build()
        .map_err(|e| Error::Internal(format!("cannot start worker threads: {e}")))?;
    let (max_items, max_bytes) = (par.chunk_items.max(1), par.chunk_bytes.max(1));
    std::thread::scope(|scope| {
        // one chunk in the channel, one being filled: the reader stays one chunk ahead
        let (tx, rx) = mpsc::sync_channel::<Vec<T>>(1);
        scope.spawn(move || {
            let mut items = items;
            loop {
                let mut chunk = Vec::with_capacity(max_items.min(1024));
                let mut bytes = 0;
                for item in items.by_ref() {
                    bytes += weight(&item);
                    chunk.push(item);
                    if chunk.len() >= max_items || bytes >= max_bytes {
                        break;
                    }
                }
                if chunk.is_empty() || tx.send(chunk).is_err() {
                    return;
                }
            }
        });
        // The pool's results go to the caller's thread through a channel of one chunk, so
        // the sink (summing counts, writing rows) runs while the pool works on the next
        // chunk instead of leaving both cores idle; memory stays at a few chunks.
        let (done_tx, done_rx) = mpsc::sync_channel::<Vec<R>>(1);
        let work = &work;
        scope.spawn(move || {
            for chunk in rx {
                let results: Vec<R> = pool.install(|| {
                    chunk
                        .into_par_iter()
                        .with_max_len(1)
                        .map(|t| {
                            let r = work(t);
                            progress(1);
                            r
                        })
                        .collect()
                });
                if done_tx.send(results).is_err() {
                    return;
                }
            }
        });
        for results in done_rx {
            for r in results {
                sink(r)?;
            }
        }
        Ok(())
    })
}

/// What to do with a manifest line that describes no document, or a document that cannot be
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Stop with that error (the default: a corpus should be clean).
    #[default]
    Fail,
    /// Report it as a warning and go on without the document.
    Skip,
}

/// How [`documents`] reads a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// How each document is ingested (its label is always its outlet).
    pub ingest: IngestOptions,
    /// Threads and chunks.
    pub parallel: Parallel,
    /// Bad lines and unreadable documents.
    pub on_error: OnError,
}

/// What [`documents`] went through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents processed.
    pub documents: u64,
    /// Lines or documents skipped (`OnError::Skip`).
    pub skipped: u64,
}

/// Read every document of a manifest (`manifest`, named `name` in messages), ingest it and
/// apply `work` to it on the pool; `sink` receives each document (its inline text taken out)
/// with its result, in manifest order. Problems with one document (a bad line, a missing or
/// empty file) go to `warn` and are skipped under [`OnError::Skip`], and end the run under
/// [`OnError::Fail`]; a manifest that cannot be read ends it either way. Each document's ingest
/// warnings go to `warn` too, prefixed with its file.
pub fn documents<R: Send>(
    manifest: impl Iterator<Item = Result<CorpusDoc>> + Send,
    name: &str,
    opts: &CorpusOptions,
    work: impl Fn(&CorpusDoc, &Document) -> R + Sync,
    progress: &(dyn Fn(u64) + Sync),
    warn: &mut dyn FnMut(&str),
    mut sink: impl FnMut(CorpusDoc, R) -> Result<()>,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let weight = |item: &Result<CorpusDoc>| match item {
        Ok(CorpusDoc {
            source: Source::Text(t),
            ..
        }) => t.len(),
        _ => 0,
    };
    let one = |item: Result<CorpusDoc>| -> Result<(CorpusDoc, Document, R), Problem> {
        let mut doc = item.map_err(|e| Problem {
            fatal: !matches!(e, Error::Manifest { .. }),
            error: e,
        })?;
        let d = doc.ingest(name, &opts.ingest).map_err(|error| Problem {
            error,
            fatal: false,
        })?;
        let r = work(&doc, &d);
        Ok((doc, d, r))
    };
    ordered(
        manifest,
        &opts.parallel,
        weight,
        |item| {
            // the document itself (its text) is dropped here, on the worker, not held until
            // the sink has seen it; its warnings go along
            one(item).map(|(doc, d, r)| (doc, d.path, d.warnings, r))
        },
        progress,
        |res| match res {
            Ok((doc, path, warnings, r)) => {
                for w in &warnings {
                    warn(&format!("{path}: {w}"));
                }
                summary.documents += 1;
                sink(doc, r)
            }
            Err(p) if p.fatal || opts.on_error == OnError::Fail => Err(p.error),
            Err(p) => {
                summary.skipped += 1;
                warn(&format!("{} (skipped)", p.error));
                Ok(())
            }
        },
    )?;
    Ok(summary)
}

/// A document that could not be processed; `fatal` when the manifest itself failed.
struct Problem {
    error: Error,
    fatal: bool,
}
