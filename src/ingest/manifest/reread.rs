//! Reading a manifest twice: once line by line through [`Manifest`], then each document's
//! inline text again, by the byte [`Span`] of its line, when the document is needed.
//!
//! `corpus compare` must see every document before it knows an event's reports (an event's
//! lines may be anywhere in the manifest), but it needs the texts of one event at a time. So it
//! keeps each document without its text (id, outlet, event, span: a few dozen bytes) and reads
//! the text back here: memory follows the largest event, not the corpus. Stdin, a pipe or any
//! other file that cannot seek (`<(zcat corpus.jsonl.gz)`, a FIFO) is first copied into a
//! temporary file (deleted when [`Texts`] is dropped). A text read back must hash as it did the
//! first time ([`text_hash`]): a manifest edited in between is an error, not another text.

use std::fs::File;
use std::hash::Hasher;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Mutex;

use serde::Deserialize;

use super::{open_from, CorpusDoc, Format, Manifest, Rows, Source, Span};
use crate::{Error, Result};

/// Where the texts of a manifest's documents are read back from.
pub struct Texts {
    /// The manifest's bytes (`None` for a directory, whose documents are files), one reader at
    /// a time: a read is a seek and one `read_exact`, tiny next to comparing the texts.
    file: Option<Mutex<File>>,
    /// Keeps a spooled stdin on disk until the texts are no longer needed.
    _spool: Option<tempfile::NamedTempFile>,
    /// The manifest's name in messages.
    name: String,
    /// The `text` column of a CSV manifest; `None` for JSONL.
    csv_text: Option<usize>,
}

/// Open the manifest `path` as [`super::open`] does, and a second handle on its bytes to read
/// texts back with. `-` (JSONL on stdin), and a path that is not a regular file (a pipe, a
/// FIFO, a character device), are copied to a temporary file first: they cannot seek.
pub fn open(path: &str) -> Result<(Manifest, Texts)> {
    let format = Format::of(path);
    // a path that does not exist is left to the plain open below, whose message names it
    let seekable = path != "-"
        && (format == Format::Dir || std::fs::metadata(path).map_or(true, |m| m.is_file()));
    let (mut manifest, file, spool) = if !seekable {
        let (name, format) = if path == "-" {
            ("<stdin>", Format::Jsonl)
        } else {
            (path, format)
        };
        let mut spool = tempfile::NamedTempFile::new().map_err(|e| Error::io(name, e))?;
        let copied = if path == "-" {
            io::copy(&mut io::stdin().lock(), spool.as_file_mut())
        } else {
            File::open(path).and_then(|mut f| io::copy(&mut f, spool.as_file_mut()))
        };
        copied.map_err(|e| Error::io(name, e))?;
        let reread = spool.reopen().map_err(|e| Error::io(name, e))?;
        let first = spool.reopen().map_err(|e| Error::io(name, e))?;
        let manifest = open_from(path, format, || Ok(Box::new(first)))?;
        (manifest, Some(reread), Some(spool))
    } else {
        let manifest = super::open(path)?;
        let file = match format {
            Format::Dir => None,
            _ => Some(File::open(path).map_err(|e| Error::io(path, e))?),
        };
        (manifest, file, None)
    };
    manifest.hash_texts = true;
    let csv_text = match &manifest.rows {
        Rows::Csv { columns, .. } => columns.text,
        _ => None,
    };
    let texts = Texts {
        file: file.map(Mutex::new),
        _spool: spool,
        name: manifest.name.clone(),
        csv_text,
    };
    Ok((manifest, texts))
}

/// Drop `doc`'s inline text, to be read again with [`Texts::text`] (its span keeps the text's
/// hash, taken when the line was read). A document without an inline text is left as is.
pub fn drop_text(doc: &mut CorpusDoc) {
    if let Source::Text(t) = &mut doc.source {
        *t = String::new();
    }
}

/// The hash of an inline text kept in its [`Span`]: FxHash, fixed, the same in every run (it
/// detects edits, not attacks).
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

/// Only the text of a JSONL line.
#[derive(Deserialize)]
struct TextField {
    #[serde(default)]
    text: Option<String>,
}

impl Texts {
    /// The manifest's name in messages (`<stdin>` for `-`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The inline text of `doc`'s manifest line, read again. An error (naming `file:line`)
    /// means the manifest changed after it was read.
    pub fn text(&self, doc: &CorpusDoc) -> Result<String> {
        let changed = || Error::Manifest {
            path: self.name.clone(),
            line: doc.line,
            message: "the line changed while the manifest was being read".into(),
        };
        let (Some(file), Some(span)) = (&self.file, doc.span) else {
            return Err(changed());
        };
        let bytes = match read(file, span) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(changed()),
            Err(e) => return Err(Error::io(&self.name, e)),
        };
        let text = match self.csv_text {
            None => serde_json::from_slice::<TextField>(&bytes)
                .ok()
                .and_then(|f| f.text),
            Some(column) => {
                // The csv reader drops a byte order mark that starts its input, which here
                // would be the start of this record's first field: a field in front keeps it.
                let mut line = b"_,".to_vec();
                line.extend_from_slice(&bytes);
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(&line[..]);
                let mut record = csv::ByteRecord::new();
                match reader.read_byte_record(&mut record) {
                    Ok(true) => record
                        .get(column + 1)
                        .and_then(|b| std::str::from_utf8(b).ok())
                        .map(str::to_string),
                    _ => None,
                }
            }
        };
        match text {
            Some(t) if span.text_hash.is_none_or(|h| h == text_hash(&t)) => Ok(t),
            _ => Err(changed()),
        }
    }
}

/// The bytes of `span` in `file`.
fn read(file: &Mutex<File>, span: Span) -> io::Result<Vec<u8>> {
    let mut bytes = vec![0; span.len];
    // a worker that panicked while holding the lock left the file as good as any
    let mut f = file.lock().unwrap_or_else(|p| p.into_inner());
    f.seek(SeekFrom::Start(span.offset))?;
    f.read_exact(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::manifest::Source;

    /// Every document's text read back by its span equals the text read the first time, for
    /// JSONL (blank lines, a bad line, multi-byte characters, no final newline) and CSV (quoted
    /// newlines).
    #[test]
    fn texts_read_back_by_offset_equal_the_first_reading() {
        let dir = tempfile::tempdir().unwrap();
        let jsonl = dir.path().join("m.jsonl");
        std::fs::write(
            &jsonl,
            "{\"id\":\"a\",\"outlet\":\"x\",\"event\":\"e1\",\"text\":\"One. Two.\"}\n\n\
             not json\n\
             {\"id\":\"b\",\"outlet\":\"y\",\"event\":\"e2\",\"text\":\"Caf\u{e9} \u{201c}q\u{201d}\\nL2\"}\n\
             {\"id\":\"c\",\"outlet\":\"z\",\"event\":\"e1\",\"path\":\"c.txt\"}\n\
             {\"id\":\"d\",\"outlet\":\"z\",\"event\":\"e1\",\"text\":\"Last\"}",
        )
        .unwrap();
        let csv = dir.path().join("m.csv");
        std::fs::write(
            &csv,
            "id,outlet,text,event\na,x,\"One,\n\"\"two\"\"\",e1\nb,y,Plain,e2\n",
        )
        .unwrap();
        // the text first, one starting with a byte order mark
        let bom = dir.path().join("bom.csv");
        std::fs::write(&bom, "text,id,outlet\n\u{feff}Marked,a,x\nPlain,b,y\n").unwrap();
        for (path, want) in [
            (
                &jsonl,
                vec!["One. Two.", "Caf\u{e9} \u{201c}q\u{201d}\nL2", "Last"],
            ),
            (&csv, vec!["One,\n\"two\"", "Plain"]),
            (&bom, vec!["\u{feff}Marked", "Plain"]),
        ] {
            let (manifest, texts) = open(path.to_str().unwrap()).unwrap();
            let mut got = Vec::new();
            for doc in manifest.flatten() {
                let Source::Text(first) = &doc.source else {
                    continue;
                };
                assert_eq!(&texts.text(&doc).unwrap(), first, "{}", doc.id);
                got.push(first.clone());
            }
            assert_eq!(got, want);
        }
    }

    /// An edit that keeps every line's span (same length) is caught by the text's hash, for
    /// JSONL and CSV; the unedited document still reads back.
    #[test]
    fn a_text_edited_in_place_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        // (file, its first document's line, before, after)
        for (name, line, before, after) in [
            (
                "m.jsonl",
                1,
                "{\"id\":\"a\",\"outlet\":\"x\",\"text\":\"Hello\"}\n{\"id\":\"b\",\"outlet\":\"y\",\"text\":\"Same\"}\n",
                "{\"id\":\"a\",\"outlet\":\"x\",\"text\":\"Hallo\"}\n{\"id\":\"b\",\"outlet\":\"y\",\"text\":\"Same\"}\n",
            ),
            (
                "m.csv",
                2,
                "id,outlet,text\na,x,Hello\nb,y,Same\n",
                "id,outlet,text\na,x,Hallo\nb,y,Same\n",
            ),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, before).unwrap();
            let (manifest, texts) = open(path.to_str().unwrap()).unwrap();
            let mut docs: Vec<CorpusDoc> = manifest.flatten().collect();
            docs.iter_mut().for_each(drop_text);
            assert!(docs.iter().all(|d| d.span.unwrap().text_hash.is_some()));
            std::fs::write(&path, after).unwrap();
            let err = texts.text(&docs[0]).unwrap_err().to_string();
            assert!(err.contains(&format!("{name}:{line}:")), "{err}");
            assert_eq!(texts.text(&docs[1]).unwrap(), "Same", "{name}");
        }
    }

    /// A manifest that cannot seek (here a FIFO) is copied first, so its texts read back.
    #[cfg(unix)]
    #[test]
    fn a_manifest_that_cannot_seek_is_copied_first() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("m.jsonl");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                std::fs::write(
                    fifo,
                    "{\"id\":\"a\",\"outlet\":\"x\",\"text\":\"One. Two.\"}\n",
                )
            })
        };
        let (manifest, texts) = open(fifo.to_str().unwrap()).unwrap();
        writer.join().unwrap().unwrap();
        let mut doc = manifest.flatten().next().unwrap();
        drop_text(&mut doc);
        assert_eq!(texts.text(&doc).unwrap(), "One. Two.");
    }

    #[test]
    fn a_line_that_changed_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"outlet\":\"x\",\"text\":\"Hello\"}\n",
        )
        .unwrap();
        let (manifest, texts) = open(path.to_str().unwrap()).unwrap();
        let doc = manifest.flatten().next().unwrap();
        std::fs::write(&path, "{\"id\":\"a\",\"outlet\":\"x\",\"path\":\"p\"}\n").unwrap();
        let err = texts.text(&doc).unwrap_err().to_string();
        assert!(err.contains("m.jsonl:1"), "{err}");
    }
}
