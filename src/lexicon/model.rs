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

/// What a category's hits are: the framing being measured, or context shown beside it.
///
/// Loaded hits make every framing total, rate and keyness summary; reference hits (neutral
/// counterparts, plain attribution such as "said", the plain names of actors) are counted and
/// shown apart, never added in: an outlet that quotes a lot, or names Israel a lot, is not for
/// that more loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The framing being measured (the default).
    #[default]
    Loaded,
    /// Context: neutral counterparts, plain wording, actor names.
    Reference,
}

impl Role {
    /// `loaded` or `reference`, as written in the lexicon format and every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Loaded => "loaded",
            Role::Reference => "reference",
        }
    }

    /// The role named `s` (`loaded` or `reference`), if it is one.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "loaded" => Some(Role::Loaded),
            "reference" => Some(Role::Reference),
            _ => None,
        }
    }
}

/// A category of terms. Subcategories have ids of the form `parent/child`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    /// Category id: the TOML key, `parent/child` for subcategories.
    pub id: String,
    /// What the category measures, for readers.
    pub description: String,
    /// The category's effective role: its own `role =`, else its parent's, else loaded (a
    /// subcategory is a finer cut of its parent, so it measures the same kind of thing unless
    /// it says otherwise).
    pub role: Role,
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

    /// The lexicon as it is counted: with every neutral counterpart (`neutral = "…"` of a
    /// loaded term) that is not itself a term or variant of this lexicon added as a reference
    /// term, in one reference category appended at the end ([`COUNTERPARTS`], or that id with
    /// `-2`, `-3`… if the lexicon already uses it). So a table can put "Zionist regime 3" next to
    /// "Israel 12" without every lexicon author listing "Israel" twice; a counterpart the
    /// lexicon already lists keeps the role its own category gives it. Unchanged when there is
    /// nothing to add. The matcher counts this form; `lexicon show` and the editors see the file.
    pub fn with_counterparts(mut self) -> Lexicon {
        let mut known: std::collections::BTreeSet<String> = self
            .categories
            .iter()
            .flat_map(|c| c.terms.iter())
            .flat_map(|t| t.forms().map(fold).collect::<Vec<_>>())
            .collect();
        // counterpart (folded) → index in `added`
        let mut added: Vec<Term> = Vec::new();
        let mut index: std::collections::BTreeMap<String, usize> = Default::default();
        for cat in self.categories.iter().filter(|c| c.role == Role::Loaded) {
            for t in &cat.terms {
                let Some(n) = t.neutral.as_deref().map(str::trim) else {
                    continue;
                };
                let key = fold(n);
                if !n.chars().any(char::is_alphanumeric) || n.contains(['*', '?']) {
                    continue;
                }
                if let Some(&i) = index.get(&key) {
                    let note = added[i].note.get_or_insert_with(String::new);
                    note.push_str(&format!(", {}", t.term));
                    continue;
                }
                if !known.insert(key.clone()) {
                    continue;
                }
                index.insert(key, added.len());
                added.push(Term {
                    term: n.to_string(),
                    note: Some(format!("neutral counterpart of {}", t.term)),
                    ..Term::default()
                });
            }
        }
        if added.is_empty() {
            return self;
        }
        let mut id = COUNTERPARTS.to_string();
        let mut k = 1;
        while self.category(&id).is_some() {
            k += 1;
            id = format!("{COUNTERPARTS}-{k}");
        }
        self.categories.push(Category {
            id,
            description: "Reference: neutral counterparts named by `neutral =` that are not terms of their own, counted for context".to_string(),
            role: Role::Reference,
            terms: added,
        });
        self
    }

    /// The role a category would inherit: its parent's for a subcategory, else loaded.
    pub fn inherited_role(&self, id: &str) -> Role {
        id.rsplit_once('/')
            .and_then(|(parent, _)| self.category(parent))
            .map_or(Role::Loaded, |p| p.role)
    }
}

/// Id of the reference category [`Lexicon::with_counterparts`] adds.
pub const COUNTERPARTS: &str = "counterparts";

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
