//! The in-memory form of a framing lexicon, shared by the TOML loader, the importers and
//! exporters, the matcher and the `lexicon` subcommands.
//!
//! On disk a lexicon is TOML (see `lexicons/README.md`); categories may nest one level. In memory
//! categories are flattened in file order: a subcategory's `id` is `parent/child`, and its parent
//! comes right before it.

use serde::Serialize;

/// A framing lexicon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lexicon {
    /// Short name, unique among loaded lexicons (e.g. `mideast-framing`).
    pub name: String,
    /// What the lexicon measures, for readers.
    pub description: String,
    /// Version string of the lexicon (e.g. `1.0.0`), so results can cite which one was used.
    pub version: String,
    /// Categories in file order, subcategories flattened right after their parent.
    pub categories: Vec<Category>,
}

/// A category of terms. Subcategories have ids of the form `parent/child`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    /// Category id: the TOML key, `parent/child` for subcategories.
    pub id: String,
    /// What the category measures, for readers.
    pub description: String,
    /// The terms, in file order.
    pub terms: Vec<Term>,
}

/// One term and the forms it may take.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Term {
    /// The canonical form, reported in tables (e.g. `Zionist regime`).
    pub term: String,
    /// Other spellings and forms that count as this term (e.g. `Zionist regimes`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// A free-text note for users (sources, usage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Contexts in which a hit does not count (e.g. `antimicrobial resistance` for `resistance`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    /// The neutral counterpart of a loaded label (e.g. `Israel` for `Zionist regime`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub neutral: Option<String>,
}

impl Term {
    /// A term with no variants, note, exceptions or counterpart.
    pub fn new(term: impl Into<String>) -> Self {
        Term {
            term: term.into(),
            ..Term::default()
        }
    }

    /// The canonical form followed by its variants.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

impl Lexicon {
    /// Total number of terms across all categories.
    pub fn term_count(&self) -> usize {
        self.categories.iter().map(|c| c.terms.len()).sum()
    }

    /// The category with this id, if any.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }
}

/// The comparison form of a term or variant: normalised ([`crate::text::normalize`]) with
/// hyphens read as spaces and whitespace collapsed, so `Hamas-run`, `hamas run` and
/// `Hamas  Run` are one form. Every lexicon command that asks "is this the same form?"
/// (`check`'s duplicates, `import`'s de-duplication, `add`/`remove`, `export`) asks it here, so
/// they agree; it sits with the model so none of them imports another to share it.
///
/// Not the matcher's key: the matcher compiles `matcher::normalize_form`, which must equal the
/// normalised text byte for byte (punctuation as a separator byte, wildcards kept).
pub fn fold(form: &str) -> String {
    let n = crate::text::normalize(form).replace('-', " ");
    crate::text::collapse_whitespace(&n)
}
