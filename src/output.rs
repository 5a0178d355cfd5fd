//! Writing files safely.
//!
//! Lexicons and reports are user data: a crash or a full disk must never leave a half-written
//! file in place of a good one. [`AtomicFile`] is written like any `io::Write` (renderers write
//! into it as they go, so a long report is never held in memory), into a temporary file in the
//! same directory; [`AtomicFile::commit`] flushes it to disk and renames it over the target, so
//! readers see either the old file or the new one, and a file dropped before its commit leaves
//! nothing behind. A new file gets mode 0666 minus the umask, like any file a shell creates,
//! and a file replaced keeps its mode. [`refuse_input_overwrite`] stops `-o` from clobbering an input article.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::{Error, Result};

/// The mode of a new output file before the umask, as `touch`, shells and editors use: the
/// user's umask decides who may read a report or a lexicon, not this program.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o666;

/// A file written atomically: a temporary file beside `path` until [`AtomicFile::commit`]
/// renames it over `path`. Dropped without a commit (a failed render, say), the temporary file
/// is removed and `path` is untouched.
///
/// Two kinds of target are not replaced by a rename, because a rename would destroy them:
/// - a symbolic link: the file it points to is replaced (atomically, in that file's
///   directory), and the link stays a link (a lexicon kept in a shared folder and linked from
///   a project stays shared);
/// - a device, a FIFO or a socket (`-o /dev/null`, a named pipe), and `/dev/stdout`,
///   `/dev/stderr`, `/dev/fd/N` or `/proc/…`: written in place (appended to), as a shell
///   redirection would. Run as root, a rename over `/dev/null` would turn the
///   system's null device into a regular file that every later program reads from and writes
///   into. Such targets cannot be written atomically; a failed render may leave part of its
///   output in them, as it would in a pipe.
pub struct AtomicFile {
    /// The path as the user gave it (error messages name it).
    path: PathBuf,
    /// Where the bytes go: the temporary file and the file it will replace, or the special file.
    sink: BufWriter<Sink>,
}

/// The two ways of writing an [`AtomicFile`].
enum Sink {
    /// A temporary file, renamed over `dest` (the resolved target) at the commit.
    Replace { tmp: NamedTempFile, dest: PathBuf },
    /// A device, FIFO or socket, opened for writing.
    InPlace(std::fs::File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Replace { tmp, .. } => tmp.write(buf),
            Sink::InPlace(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Replace { tmp, .. } => tmp.flush(),
            Sink::InPlace(f) => f.flush(),
        }
    }
}

/// The file a write to `path` must replace: `path` itself, or, when `path` is a symbolic link
/// (or a chain of them), the file at the end of the links, which may not exist yet (a dangling
/// link is a promise of a file: the write creates it).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // the kernel's own limit on links followed in one lookup (ELOOP beyond it)
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether `path` names one of the process's open files (`/dev/stdout`, `/dev/stderr`,
/// `/dev/fd/N`, anything in `/proc`): links to whatever that file is, a regular file too when
/// the output is redirected to one (`-o /dev/stdout >> log`), which must be written where it
/// leads (appended to, as the shell opened it), never replaced.
fn names_an_open_file(path: &Path) -> bool {
    path == Path::new("/dev/stdout")
        || path == Path::new("/dev/stderr")
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc")
}

impl AtomicFile {
    /// Start writing `path`: a temporary file in the same directory (so the final rename does
    /// not cross file systems), with the permissions of the file it will replace, or those of
    /// any new file (0666 minus the umask) when there is none. A link, a device, a FIFO or a
    /// socket is handled as the type's documentation says.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let existing = std::fs::metadata(path).ok();
        if existing.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(Error::Output {
                path: path.to_path_buf(),
                message: "is a directory, not a file".into(),
            });
        }
        if let Some(meta) = &existing {
            if !meta.is_file() || names_an_open_file(path) {
                // appending: a device or pipe has no position, and a file behind /dev/stdout
                // is written after what the shell or other programs already wrote to it
                let file = std::fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .map_err(|e| Error::io(path, e))?;
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    sink: BufWriter::with_capacity(1 << 16, Sink::InPlace(file)),
                });
            }
        }
        let dest = resolve_links(path).map_err(|e| Error::io(path, e))?;
        let existing = existing.map(|m| m.permissions());
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".framediff-").suffix(".tmp");
        // `tempfile` creates files 0600 by default, right for scratch files but not for a
        // report meant to be shared: ask for what any new file gets (0666, or the mode of the
        // file we replace), which `open(2)` then restricts by the umask. The file is never more
        // permissive than its final mode, not even before the first byte is written.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(
                existing
                    .clone()
                    .unwrap_or_else(|| std::fs::Permissions::from_mode(NEW_FILE_MODE)),
            );
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
        // A file we replace keeps its mode exactly, including bits the umask would clear.
        if let Some(perms) = existing {
            let _ = std::fs::set_permissions(tmp.path(), perms);
        }
        Ok(AtomicFile {
            path: path.to_path_buf(),
            sink: BufWriter::with_capacity(1 << 16, Sink::Replace { tmp, dest }),
        })
    }

    /// The file this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush everything to disk and rename the temporary file over the target.
    pub fn commit(self) -> Result<()> {
        self.commit_with(persist)
    }

    /// [`AtomicFile::commit`] with the final rename supplied by the caller, so tests can
    /// simulate a failure at the last moment and check the original file is untouched. A
    /// device, FIFO or socket is only flushed (no rename, and no `fsync`, which devices refuse).
    pub fn commit_with(
        self,
        rename: impl FnOnce(NamedTempFile, &Path) -> io::Result<()>,
    ) -> Result<()> {
        let path = self.path;
        let sink = self
            .sink
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        match sink {
            Sink::Replace { tmp, dest } => {
                tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
                rename(tmp, &dest).map_err(|e| Error::io(&path, e))
            }
            Sink::InPlace(_) => Ok(()),
        }
    }
}

/// The final step of a commit: rename the temporary file over `dest`.
pub fn persist(tmp: NamedTempFile, dest: &Path) -> io::Result<()> {
    tmp.persist(dest).map(|_| ()).map_err(|e| e.error)
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sink.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.sink.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sink.flush()
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

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_its_target_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        let real = shared.join("lex.toml");
        std::fs::write(&real, "old").unwrap();
        // a relative link, then a link to that link
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("shared/lex.toml", &link).unwrap();
        let link2 = dir.path().join("link2.toml");
        std::os::unix::fs::symlink(&link, &link2).unwrap();
        write_atomic(&link2, b"new").unwrap();
        for l in [&link, &link2] {
            assert!(std::fs::symlink_metadata(l)
                .unwrap()
                .file_type()
                .is_symlink());
        }
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // the temporary file was made beside the target, and is gone
        assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 1);
        // a dangling link: the file it names is created
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink("shared/report.md", &dangling).unwrap();
        write_atomic(&dangling, b"report").unwrap();
        assert_eq!(
            std::fs::read_to_string(shared.join("report.md")).unwrap(),
            "report"
        );
        assert!(std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink());
        // a loop of links is an error naming the path, not a hang
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let err = AtomicFile::create(&a).err().expect("a loop is refused");
        assert!(err.to_string().contains(&*a.to_string_lossy()), "{err}");
    }

    /// `-o /dev/null` as root once turned the null device into a regular file (the rename
    /// replaced it). A FIFO stands in for a device here (making one needs no privilege): it is
    /// written in place, and stays a FIFO.
    #[cfg(unix)]
    #[test]
    fn a_fifo_or_device_is_written_in_place() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo unavailable");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        let mut f = AtomicFile::create(&fifo).unwrap();
        f.write_all(&[b'x'; 200_000]).unwrap();
        f.commit().unwrap();
        // checked before waiting for the reader, which a rename would leave blocked forever
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
        assert_eq!(reader.join().unwrap().len(), 200_000);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file"
        );
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
