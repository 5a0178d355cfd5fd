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
pub use matcher::{normalize_into, Hit, Matcher, Normalized, Scratch, Tuning};
pub use model::{Category, Lexicon, Role, Term, COUNTERPARTS};

/// The lexicons a command uses: the built-ins (unless `no_defaults`) followed by every
/// lexicon named in `paths` ([`locate`]: a file, or a built-in by name), in order. Two
/// lexicons with the same name are a usage error, because results are reported by lexicon
/// name — except a built-in named again while the built-ins are in use, which is already
/// there; ending up with no lexicon at all is [`crate::Error::NoLexicon`].
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
        let (lex, builtin) = locate(p)?;
        let origin = if builtin {
            "a built-in lexicon".to_string()
        } else {
            p.clone()
        };
        if let Some((_, prev)) = out.iter().find(|(l, _)| l.name == lex.name) {
            if builtin && prev == &origin {
                continue; // the same built-in twice: one instrument, counted once
            }
            return Err(crate::Error::Usage(format!(
                "{p}: lexicon name `{}` is already used by {prev}; give one of them another `name`",
                lex.name
            )));
        }
        out.push((lex, origin));
    }
    if out.is_empty() {
        return Err(crate::Error::NoLexicon);
    }
    Ok(out.into_iter().map(|(l, _)| l).collect())
}

/// The lexicon `name` stands for wherever a lexicon is accepted (`--lexicon`, `lexicon show`,
/// `export`, `evaluate`): the file at that path when one exists (in any format `lexicon
/// import` reads), else the built-in lexicon of that name; `true` when it is the built-in.
/// A file wins so that a lexicon saved as `./loaded-language` is never silently replaced by
/// the built-in; `./loaded-language.toml` and the bare name do not collide.
pub fn locate(name: &str) -> crate::Result<(Lexicon, bool)> {
    let path = std::path::Path::new(name);
    if path.exists() {
        return Ok((import::load_any(path)?, false));
    }
    if let Some(lex) = builtin::find(name)? {
        return Ok((lex, true));
    }
    let names: Vec<String> = builtin::lexicons()?.into_iter().map(|l| l.name).collect();
    Err(crate::Error::input(
        path,
        format!(
            "no such file, and no built-in lexicon of that name (built-in: {})",
            names.join(", ")
        ),
    ))
}

/// The file each lexicon named in `paths` came from, by lexicon name (what [`resolve`] read
/// from files; a built-in named in `paths` has no file). Reads those files again: lexicons are
/// small, and a caller needs this only to say which file to edit.
pub fn files_of(paths: &[String]) -> std::collections::BTreeMap<String, String> {
    paths
        .iter()
        .filter_map(|p| match locate(p) {
            Ok((l, false)) => Some((l.name, p.clone())),
            _ => None,
        })
        .collect()
}

/// A lexicon by name ([`locate`]: a file, else a built-in). A built-in comes with its TOML
/// source text (what `lexicon show --format toml` prints).
pub fn open(name: &str) -> crate::Result<(Lexicon, Option<&'static str>)> {
    let (lex, builtin) = locate(name)?;
    if !builtin {
        return Ok((lex, None));
    }
    // the source text: the built-in file whose lexicon has this name
    let src = builtin::source(&lex.name).map(|(_, src)| src);
    Ok((lex, src))
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
