//! Writing files safely.
//!
//! Lexicons and reports are user data: a crash or a full disk must never leave a half-written
//! file in place of a good one. [`write_atomic`] writes to a temporary file in the same
//! directory, flushes it to disk and renames it over the target, so readers see either the old
//! file or the new one. [`refuse_input_overwrite`] stops `-o` from clobbering an input article.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Write `contents` to `path` atomically (temporary file in the same directory, then rename).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, contents, |tmp, dest| {
        tmp.persist(dest).map(|_| ()).map_err(|e| e.error)
    })
}

/// [`write_atomic`] of contents held in parts (a long report is rendered in parts rather than
/// as one string of several times its input): the parts are written one after the other.
pub fn write_atomic_parts<S: AsRef<[u8]>>(path: &Path, parts: &[S]) -> Result<()> {
    write_atomic_from(
        path,
        |file| {
            parts
                .iter()
                .try_for_each(|p| file.write_all(p.as_ref()))
                .map_err(|e| Error::io(path, e))
        },
        persist,
    )
}

/// Write to `path` atomically the parts `produce` hands to its sink, each written into the
/// temporary file as it comes, so that none of the output is held: the file appears, complete,
/// only when `produce` succeeded and every write did. After a failed write the remaining parts
/// are dropped and the write error is returned; an error of `produce` is returned as it is.
pub fn write_atomic_streamed(
    path: &Path,
    produce: impl FnOnce(&mut dyn FnMut(String)) -> Result<()>,
) -> Result<()> {
    write_atomic_from(
        path,
        |file| {
            let mut failed: Option<std::io::Error> = None;
            produce(&mut |part: String| {
                if failed.is_none() {
                    failed = file.write_all(part.as_bytes()).err();
                }
            })?;
            failed.map_or(Ok(()), |e| Err(Error::io(path, e)))
        },
        persist,
    )
}

fn persist(tmp: tempfile::NamedTempFile, dest: &Path) -> std::io::Result<()> {
    tmp.persist(dest).map(|_| ()).map_err(|e| e.error)
}

/// Like [`write_atomic`] but with the final rename step supplied by the caller, so tests can
/// simulate a failure at the last moment and check the original file is untouched.
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    rename: impl FnOnce(tempfile::NamedTempFile, &Path) -> std::io::Result<()>,
) -> Result<()> {
    write_atomic_from(
        path,
        |file| file.write_all(contents).map_err(|e| Error::io(path, e)),
        rename,
    )
}

/// The atomic write: `write` fills the temporary file, `rename` puts it in place.
fn write_atomic_from(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<()>,
    rename: impl FnOnce(tempfile::NamedTempFile, &Path) -> std::io::Result<()>,
) -> Result<()> {
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
    let mut tmp = tempfile::Builder::new()
        .prefix(".framediff-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    // keep the permissions of a file we replace
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    rename(tmp, path).map_err(|e| Error::io(path, e))
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
        let r = write_atomic_with(&p, b"new", |_, _| Err(std::io::Error::other("simulated")));
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "original");
        // no temporary file left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn parts_are_written_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.html");
        write_atomic(&p, b"old").unwrap();
        write_atomic_parts(&p, &["<p>", "one", "", "two</p>\n"]).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "<p>onetwo</p>\n");
        write_atomic_parts::<&str>(&p, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn streamed_parts_appear_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"old").unwrap();
        write_atomic_streamed(&p, |sink| {
            sink("a".into());
            // not yet visible
            assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
            sink("b".into());
            Ok(())
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "ab");
        // a failure after some parts: the old file stays, no temporary file is left
        let r = write_atomic_streamed(&p, |sink| {
            sink("partial".into());
            Err(Error::Usage("simulated".into()))
        });
        assert!(matches!(r, Err(Error::Usage(_))));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "ab");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "x").unwrap();
        let s = p.to_str().unwrap();
        assert!(refuse_input_overwrite(&p, &[s]).is_err());
        assert!(refuse_input_overwrite(&dir.path().join("b.txt"), &[s]).is_ok());
    }
}
