//! Lexicon: framing lexicons (load, check, edit, import/export) and term counting.
//!
//! * [`model`]: the in-memory lexicon and [`model::fold`], the one comparison form of a term;
//!   [`load`](mod@load): the TOML reader; [`builtin`]: the lexicons compiled into the binary.
//! * [`import`]/[`export`]/[`write`](mod@write): other formats in and out; [`check`]: the `lexicon check`
//!   findings; [`edit`]: `lexicon add`/`remove`, keeping the file's comments. Each imports only
//!   files before it in model, load, write, import, export, check, edit; siblings import each
//!   other directly, never through this file's re-exports, so no two files import each other.
//! * [`matcher`]: one automaton for all terms, whole-word matching on normalised text, scare
//!   quotes and quoted speech.
//! * [`count`]: per-document counts and keyword-in-context lines; [`keyness`]: rates, Dunning
//!   log-likelihood and log ratio between documents.

pub mod builtin;
pub mod check;
pub mod count;
pub mod edit;
pub mod export;
pub mod import;
pub mod keyness;
mod load;
mod matcher;
mod model;
pub mod write;

pub use load::{load, parse};
pub use matcher::{normalize_into, Hit, Matcher, Normalized, Scratch};
pub use model::{Category, Lexicon, Term};

/// The lexicons a command uses: the built-ins (unless `no_defaults`) followed by every file in
/// `paths`, in order. Two lexicons with the same name are a usage error, because results are
/// reported by lexicon name; ending up with no lexicon at all is [`crate::Error::NoLexicon`].
pub fn resolve(paths: &[String], no_defaults: bool) -> crate::Result<Vec<Lexicon>> {
    let mut out: Vec<(Lexicon, String)> = if no_defaults {
        Vec::new()
    } else {
        builtin::lexicons()?
            .into_iter()
            .map(|l| (l, "a built-in lexicon".to_string()))
            .collect()
    };
    for p in paths {
        let lex = import::load_any(std::path::Path::new(p))?;
        if let Some((_, origin)) = out.iter().find(|(l, _)| l.name == lex.name) {
            return Err(crate::Error::Usage(format!(
                "{p}: lexicon name `{}` is already used by {origin}; give one of them another `name`",
                lex.name
            )));
        }
        out.push((lex, p.clone()));
    }
    if out.is_empty() {
        return Err(crate::Error::NoLexicon);
    }
    Ok(out.into_iter().map(|(l, _)| l).collect())
}

/// The file each lexicon read from `paths` came from, by lexicon name, for `lexicons` as
/// [`resolve`] returns them (the files' lexicons last, in the order of `paths`); the
/// built-ins have none.
pub fn files_of(
    lexicons: &[Lexicon],
    paths: &[String],
) -> std::collections::BTreeMap<String, String> {
    let first_file = lexicons.len().saturating_sub(paths.len());
    lexicons[first_file..]
        .iter()
        .zip(paths)
        .map(|(l, f)| (l.name.clone(), f.clone()))
        .collect()
}

/// A lexicon by name: a built-in one, else a file in any format `lexicon import` reads. A
/// built-in comes with its TOML source text (what `lexicon show --format toml` prints).
pub fn open(name: &str) -> crate::Result<(Lexicon, Option<&'static str>)> {
    if let Some(lex) = builtin::find(name)? {
        // the source text: the built-in file whose lexicon has this name
        let src = builtin::SOURCES
            .iter()
            .find(|(file, src)| {
                parse(src, std::path::Path::new(file)).is_ok_and(|l| l.name == lex.name)
            })
            .map(|(_, src)| *src);
        return Ok((lex, src));
    }
    let path = std::path::Path::new(name);
    if !path.exists() {
        let names: Vec<String> = builtin::lexicons()?.into_iter().map(|l| l.name).collect();
        return Err(crate::Error::input(
            path,
            format!(
                "no such file, and no built-in lexicon of that name (built-in: {})",
                names.join(", ")
            ),
        ));
    }
    Ok((import::load_any(path)?, None))
}

/// The lexicons `lexicon list` shows, each with where it comes from: the built-ins (unless
/// `no_defaults`) as `built-in`, then every file in `paths` (any format `lexicon import`
/// reads) as its path.
pub fn listed(paths: &[String], no_defaults: bool) -> crate::Result<Vec<(Lexicon, String)>> {
    let mut out = Vec::new();
    if !no_defaults {
        for lex in builtin::lexicons()? {
            out.push((lex, "built-in".to_string()));
        }
    }
    for file in paths {
        out.push((import::load_any(std::path::Path::new(file))?, file.clone()));
    }
    Ok(out)
}
