//! Corpus mode: the same analysis over thousands of documents, in parallel and streaming.
//!
//! * [`ordered`]: the generic driver. Items are pulled from an iterator a bounded chunk at a
//!   time (by count and by bytes, so memory is bounded by a few chunks, not the corpus), the
//!   chunks are processed on a rayon pool, a few at once, while the next one is read, and
//!   results reach the caller in input order, whatever the number of threads: output is
//!   byte-identical for any `--jobs`.
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

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
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
    /// the chunks held at once (`IN_FLIGHT` and the one being read) stay around a hundred
    /// megabytes at worst (a few MB for news articles), big enough that the threads are rarely
    /// waiting for the reader.
    fn default() -> Self {
        Parallel {
            jobs: 0,
            chunk_items: 256,
            chunk_bytes: 32 << 20,
        }
    }
}

/// Chunks between the reader and the sink at once: one being processed, one queued behind it
/// so that a thread that finishes its share of a chunk starts on the next one instead of
/// waiting for the chunk's last item, and one finished but waiting for an earlier one.
const IN_FLIGHT: usize = 3;

/// Apply `work` to every item of `items` on `par.jobs` threads and hand the results to `sink`
/// in input order. The reader runs on its own thread, a few chunks ahead of the workers; a
/// `sink` error stops everything (no chunk is started after it; those being worked on are
/// finished and dropped) and is returned, and a panic in `work` reaches the caller's thread.
/// `weight` sizes an item for [`Parallel::chunk_bytes`]; `progress` is called with the number
/// of items finished.
///
/// Chunks are not processed one after another with a barrier between them: each is a task on
/// the pool, and the sink puts their results back in order. With a barrier, the end of every
/// chunk left threads idle while the last item ran, and for longer when the thread running it
/// had lost its core to the reader or the sink (about 7 % of the wall time on two cores).
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
    // set when the sink stops: chunks not yet started are not
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // A chunk goes to the pool only with a permit; the sink returns one per chunk it has
        // consumed, so at most IN_FLIGHT chunks (plus the one being read) are held at once.
        let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(IN_FLIGHT);
        for _ in 0..IN_FLIGHT {
            permit_tx
                .send(())
                .map_err(|_| Error::Internal("chunk permits lost".into()))?;
        }
        // A chunk's results, or the panic of its work: caught in the task, so that the sink
        // still hears of the chunk (otherwise it would wait for it forever) and raises it.
        let (done_tx, done_rx) = mpsc::channel::<(usize, std::thread::Result<Vec<R>>)>();
        let stop = &stop;
        let (work, pool) = (&work, &pool);
        scope.spawn(move || {
            let mut items = items;
            pool.in_place_scope(|tasks| {
                for seq in 0.. {
                    let mut chunk = Vec::with_capacity(max_items.min(1024));
                    let mut bytes = 0;
                    for item in items.by_ref() {
                        bytes += weight(&item);
                        chunk.push(item);
                        if chunk.len() >= max_items || bytes >= max_bytes {
                            break;
                        }
                    }
                    // no more items, or the sink has stopped
                    if chunk.is_empty() || permit_rx.recv().is_err() || stop.load(Ordering::Relaxed)
                    {
                        return;
                    }
                    let done = done_tx.clone();
                    tasks.spawn(move |_| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let results = panic::catch_unwind(AssertUnwindSafe(|| {
                            chunk
                                .into_par_iter()
                                .with_max_len(1)
                                .map(|t| {
                                    let r = work(t);
                                    progress(1);
                                    r
                                })
                                .collect::<Vec<R>>()
                        }));
                        // a closed channel means the sink has stopped: nothing to do
                        let _ = done.send((seq, results));
                    });
                }
            });
        });
        // Results arrive in any order; each chunk waits here until those before it are sunk.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (seq, results) in done_rx {
            waiting.insert(seq, results);
            while let Some(results) = waiting.remove(&next) {
                let results = results.unwrap_or_else(|p| {
                    stop.store(true, Ordering::Relaxed);
                    panic::resume_unwind(p)
                });
                for r in results {
                    if let Err(e) = sink(r) {
                        stop.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                }
                next += 1;
                // never blocks: at most IN_FLIGHT permits exist
                let _ = permit_tx.try_send(());
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Items whose work takes uneven time (so chunks finish out of order), in small chunks.
    /// Returns the sink's outcome, what it saw, and how many items were worked on.
    fn run(
        n: u64,
        jobs: usize,
        chunk_items: usize,
        fail_at: Option<u64>,
    ) -> (Result<()>, Vec<u64>, u64) {
        let par = Parallel {
            jobs,
            chunk_items,
            chunk_bytes: 1 << 20,
        };
        let done = AtomicU64::new(0);
        let mut seen = Vec::new();
        let res = ordered(
            0..n,
            &par,
            |_| 1,
            |i| {
                // later items of a chunk are quicker: a chunk's first item is its last to end
                let spin = (n - i) % 7 * 2_000;
                (0..spin).fold(i, |a, b| std::hint::black_box(a ^ b));
                i * 3
            },
            &|k| {
                done.fetch_add(k, Ordering::Relaxed);
            },
            |r| {
                if Some(r / 3) == fail_at {
                    return Err(Error::Internal(format!("stop at {}", r / 3)));
                }
                seen.push(r);
                Ok(())
            },
        );
        (res, seen, done.load(Ordering::Relaxed))
    }

    #[test]
    fn results_reach_the_sink_in_input_order_whatever_the_threads_and_chunks() {
        let want: Vec<u64> = (0..500).map(|i| i * 3).collect();
        for jobs in [1, 2, 4] {
            for chunk in [1, 3, 64, 1000] {
                let (res, seen, done) = run(500, jobs, chunk, None);
                assert!(res.is_ok(), "jobs {jobs}, chunk {chunk}");
                assert_eq!(done, 500);
                assert_eq!(seen, want, "jobs {jobs}, chunk {chunk}");
            }
        }
        let (res, seen, _) = run(0, 2, 4, None);
        assert!(res.is_ok() && seen.is_empty());
    }

    #[test]
    fn a_sink_error_stops_the_run_and_is_returned() {
        for jobs in [1, 2, 3] {
            let (res, seen, done) = run(10_000, jobs, 2, Some(37));
            let err = res.expect_err("the sink's error");
            assert!(err.to_string().contains("stop at 37"), "{err}");
            assert_eq!(seen, (0..37).map(|i| i * 3).collect::<Vec<_>>());
            // the chunks in flight are finished, no more are started
            assert!(
                done < 38 + 2 * (IN_FLIGHT as u64 + 1),
                "{done} items worked on"
            );
        }
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_instead_of_hanging() {
        for jobs in [1, 2] {
            let par = Parallel {
                jobs,
                chunk_items: 1,
                chunk_bytes: 1 << 20,
            };
            let run = std::panic::catch_unwind(|| {
                ordered(
                    0..100u64,
                    &par,
                    |_| 1,
                    |i| {
                        assert!(i != 5, "work failed on item 5");
                        i
                    },
                    &|_| {},
                    |_| Ok(()),
                )
            });
            let payload = run.expect_err("the panic of item 5");
            let msg = payload
                .downcast_ref::<&str>()
                .map(|m| m.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            assert!(msg.contains("work failed on item 5"), "{msg:?}");
        }
    }
}
