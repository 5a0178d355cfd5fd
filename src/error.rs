//! One error type for the library. Every variant renders as a single line that names the file
//! involved, because users run framediff over folders of scraped pages and need to know which one
//! failed. [`Error::exit_code`] maps the error to the documented exit status.

use std::path::PathBuf;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong, each carrying enough context for a one-line message.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line was wrong (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// A file could not be read or written.
    #[error("{}: {}", path.display(), describe_io(source))]
    Io {
        /// The file (`<stdin>`/`<stdout>` for the standard streams).
        path: PathBuf,
        /// What the operating system reported.
        #[source]
        source: std::io::Error,
    },
    /// An input file was readable but unusable (binary, empty, …).
    #[error("{}: {message}", path.display())]
    Input {
        /// The input file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A lexicon file is malformed; `line` and `column` are 1-based.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A line of a corpus manifest that describes no document (`--on-error skip` skips it);
    /// `line` is 1-based.
    #[error("{path}:{line}: {message}")]
    Manifest {
        /// The manifest (`<stdin>` for `-`).
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// Writing output failed or was refused.
    #[error("{}: {message}", path.display())]
    Output {
        /// The output file.
        path: PathBuf,
        /// Why it was not written.
        message: String,
    },
    /// No report carries the label asked for (as the pivot, say); `known` lists the labels.
    #[error("no report has the label {label} (labels: {})", known.join(", "))]
    UnknownLabel {
        /// The label asked for.
        label: String,
        /// The labels the reports have, in order.
        known: Vec<String>,
    },
    /// Every lexicon was left out: there is nothing to count terms with.
    #[error("no lexicon to use")]
    NoLexicon,
    /// An output that shows exactly two reports was asked of a comparison of `given`.
    #[error(
        "this output compares two reports, {given} were given (several-report views are not \
         available yet)"
    )]
    NotTwoReports {
        /// How many reports the comparison has.
        given: usize,
    },
    /// A bug rather than a bad input or a failed write: output that could not be serialised.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// Exit status: 2 for usage errors (the caller asked for something that cannot be), 1 for
    /// every other failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_)
            | Error::UnknownLabel { .. }
            | Error::NoLexicon
            | Error::NotTwoReports { .. } => 2,
            _ => 1,
        }
    }

    /// Shorthand for an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Shorthand for an [`Error::Input`].
    pub fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// `std::io::Error`'s Display includes "(os error 2)"; users want plain words.
fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "is a directory, not a file".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
