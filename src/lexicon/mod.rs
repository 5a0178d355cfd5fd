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
//! * [`suggest`]: candidate terms the lexicons miss, from substitutions and keyness.

pub mod builtin;
pub mod check;
pub mod count;
pub mod edit;
pub mod export;
pub mod import;
pub mod keyness;
pub mod load;
pub mod matcher;
pub mod model;
pub mod show;
pub mod suggest;
pub mod write;

pub use load::{load, parse};
pub use matcher::{Hit, Matcher};
pub use model::{Category, Lexicon, Term};

/// The lexicons a command uses: the built-ins (unless `no_defaults`) followed by every file in
/// `paths`, in order. Two lexicons with the same name are a usage error, because results are
/// reported by lexicon name; so is ending up with no lexicon at all.
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
        return Err(crate::Error::Usage(
            "no lexicon to use: --no-default-lexicons needs at least one --lexicon FILE".into(),
        ));
    }
    Ok(out.into_iter().map(|(l, _)| l).collect())
}
