//! The lexicons shipped inside the binary (`lexicons/*.toml`, compiled in with `include_str!`),
//! so `framediff terms` works out of the box and results cite a known lexicon version.

use std::path::Path;

use super::load::parse;
use super::model::Lexicon;
use crate::Result;

/// (file name, TOML source) of every lexicon compiled into the binary, in display order.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "mideast-framing.toml",
        include_str!("../../lexicons/mideast-framing.toml"),
    ),
    (
        "loaded-language.toml",
        include_str!("../../lexicons/loaded-language.toml"),
    ),
];

/// Parse all built-in lexicons (a parse error here is a bug, surfaced as Error::Lexicon).
pub fn lexicons() -> Result<Vec<Lexicon>> {
    SOURCES
        .iter()
        .map(|(file, src)| parse(src, &Path::new("<built-in>").join(file)))
        .collect()
}

/// The file name and TOML source of the built-in lexicon with this name, if any.
pub fn source(name: &str) -> Option<(&'static str, &'static str)> {
    SOURCES
        .iter()
        .find(|(file, src)| parse(src, Path::new(file)).is_ok_and(|l| l.name == name))
        .copied()
}

/// The built-in lexicon with this name, if any.
pub fn find(name: &str) -> Result<Option<Lexicon>> {
    Ok(lexicons()?.into_iter().find(|l| l.name == name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_and_are_large_enough() {
        let lex = lexicons().unwrap();
        assert_eq!(lex.len(), SOURCES.len());
        let mideast = find("mideast-framing").unwrap().unwrap();
        assert!(
            mideast.categories.len() >= 8,
            "{}",
            mideast.categories.len()
        );
        assert!(mideast.term_count() >= 150, "{}", mideast.term_count());
        for c in &mideast.categories {
            assert!(!c.description.is_empty(), "{} has no description", c.id);
        }
        let loaded = find("loaded-language").unwrap().unwrap();
        assert!(loaded.term_count() >= 60, "{}", loaded.term_count());
        assert!(find("nope").unwrap().is_none());
    }

    #[test]
    fn builtin_names_are_unique() {
        let lex = lexicons().unwrap();
        let mut names: Vec<_> = lex.iter().map(|l| l.name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), lex.len());
    }

    /// What we ship must pass our own `framediff lexicon check` with nothing to say: no
    /// duplicate or redundant forms, no shadowed terms, no empty categories, no exception that
    /// can never apply — not even a warning.
    #[test]
    fn built_in_lexicons_pass_lexicon_check() {
        for (file, source) in SOURCES {
            let report =
                crate::lexicon::check::check_text(source, std::path::Path::new(file)).unwrap();
            assert_eq!(report.problems(), 0, "{}", report.render_findings());
            assert_eq!(report.warnings(), 0, "{}", report.render_findings());
        }
    }

    /// Reference categories are marked as such: the ones the content phase described as
    /// reference ("Reference: …") carry `role = "reference"`, and no other does.
    #[test]
    fn reference_categories_have_the_reference_role() {
        use crate::lexicon::model::Role;
        for lex in lexicons().unwrap() {
            for c in &lex.categories {
                let described = c.description.starts_with("Reference:");
                assert_eq!(
                    c.role == Role::Reference,
                    described,
                    "{} › {}",
                    lex.name,
                    c.id
                );
            }
        }
    }
}

#[cfg(test)]
mod neutral_tests {
    use super::*;
    use crate::lexicon::model::fold;

    /// Every `neutral = "…"` of the Middle East lexicon names a term (or variant) of the same
    /// lexicon, so tables can put the loaded label and its counterpart side by side.
    #[test]
    fn every_neutral_counterpart_is_itself_a_term() {
        let lex = find("mideast-framing").unwrap().unwrap();
        let forms: std::collections::BTreeSet<String> = lex
            .categories
            .iter()
            .flat_map(|c| c.terms.iter())
            .flat_map(|t| t.forms().map(fold).collect::<Vec<_>>())
            .collect();
        let mut missing = Vec::new();
        for t in lex.categories.iter().flat_map(|c| c.terms.iter()) {
            if let Some(n) = &t.neutral {
                if !forms.contains(&fold(n)) {
                    missing.push(format!("{} → {n}", t.term));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }
}
