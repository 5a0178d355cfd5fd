//! Writing files safely.
//!
//! Lexicons and reports are user data: a crash or a full disk must never leave a half-written
//! file in place of a good one. [`AtomicFile`] is written like any `io::Write` (renderers write
//! into it as they go, so a long report is never held in memory), into a temporary file in the
//! same directory; [`AtomicFile::commit`] flushes it to disk and renames it over the target, so
//! readers see either the old file or the new one, and a file dropped before its commit leaves
//! nothing behind. [`refuse_input_overwrite`] stops `-o` from clobbering an input article.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::{Error, Result};

/// A file written atomically: a temporary file beside `path` until [`AtomicFile::commit`]
/// renames it over `path`. Dropped without a commit (a failed render, say), the temporary file
/// is removed and `path` is untouched.
pub struct AtomicFile {
    path: PathBuf,
    tmp: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Start writing `path`: a temporary file in the same directory (so the final rename does
    /// not cross file systems), with the permissions of the file it will replace.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if path.is_dir() {
            return Err(Error::Output {
                path: path.to_path_buf(),
                message: "is a directory, not a file".into(),
            });
        }
        let tmp = tempfile::Builder::new()
            .prefix(".framediff-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io(path, e))?;
        // keep the permissions of a file we replace
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
        }
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp: BufWriter::with_capacity(1 << 16, tmp),
        })
    }

    /// The file this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush everything to disk and rename the temporary file over the target.
    pub fn commit(self) -> Result<()> {
        self.commit_with(|tmp, dest| tmp.persist(dest).map(|_| ()).map_err(|e| e.error))
    }

    /// [`AtomicFile::commit`] with the final rename supplied by the caller, so tests can
    /// simulate a failure at the last moment and check the original file is untouched.
    pub fn commit_with(
        self,
        rename: impl FnOnce(NamedTempFile, &Path) -> io::Result<()>,
    ) -> Result<()> {
        let path = self.path;
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
        rename(tmp, &path).map_err(|e| Error::io(&path, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.tmp.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Write `contents` to `path` atomically (an [`AtomicFile`] written and committed).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| Error::io(path, e))?;
    file.commit()
}

/// The error of rendering into `dest` (a file, or `<stdout>`): a write failure names the
/// destination; output that could not be serialised (a `serde_json` error, which the JSON
/// renderers pass on as [`io::ErrorKind::InvalidData`]) is an internal error, not the
/// destination's fault.
pub fn render_error(dest: &Path, e: io::Error) -> Error {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<serde_json::Error>())
    {
        Some(json) if e.kind() == io::ErrorKind::InvalidData => {
            Error::Internal(format!("cannot render JSON: {json}"))
        }
        _ => Error::io(dest, e),
    }
}

/// Refuse to write `output` when it is one of the `inputs` (same file after resolving links).
pub fn refuse_input_overwrite(output: &Path, inputs: &[&str]) -> Result<()> {
    let Ok(out) = std::fs::canonicalize(output) else {
        return Ok(()); // does not exist yet: cannot be an input
    };
    for input in inputs {
        if *input == "-" {
            continue;
        }
        if std::fs::canonicalize(input).is_ok_and(|p| p == out) {
            return Err(Error::Usage(format!(
                "refusing to write output over input file {}",
                output.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_rename_leaves_original_intact() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lex.toml");
        std::fs::write(&p, "original").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"new").unwrap();
        let r = f.commit_with(|_, _| Err(std::io::Error::other("simulated")));
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "original");
        // no temporary file left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"old").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"a").unwrap();
        f.flush().unwrap();
        // not yet visible
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        f.write_all(&[b'b'; 100_000]).unwrap();
        f.commit().unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("ab") && text.len() == 100_001);
        // dropped before the commit (a failed render): the old file stays, no temporary file
        let mut f = AtomicFile::create(&p).unwrap();
        f.write_all(b"partial").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&p).unwrap().len(), 100_001);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            AtomicFile::create(dir.path()),
            Err(Error::Output { .. })
        ));
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
    }

    #[test]
    fn json_failures_are_internal_errors_and_write_failures_name_the_file() {
        let bad: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        let e = serde_json::to_writer(Vec::new(), &bad).unwrap_err();
        let err = render_error(Path::new("out.json"), io::Error::from(e));
        assert!(matches!(err, Error::Internal(_)), "{err}");
        assert_eq!(err.exit_code(), 1);
        let err = render_error(Path::new("out.json"), io::Error::other("disk full"));
        assert_eq!(err.to_string(), "out.json: disk full");
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "x").unwrap();
        let s = p.to_str().unwrap();
        assert!(refuse_input_overwrite(&p, &[s]).is_err());
        assert!(refuse_input_overwrite(&dir.path().join("b.txt"), &[s]).is_ok());
    }
}
