//! Writing a [`Lexicon`] as lexicon TOML (the format [`mod@super::load`] reads).
//!
//! Used by `lexicon import` and `lexicon show --format toml`. The output is meant to be read and
//! edited by people: a comment header saying where it came from, the lexicon's own fields, then one
//! `[categories.…]` table per category in model order with one term per line and a trailing
//! comma, so later `lexicon add`/`remove` edits and `git diff`s stay one line each. A term with
//! nothing but its canonical form is a plain string; anything richer is an inline table with keys
//! in a fixed order. The same model always gives the same bytes.

use super::model::{Lexicon, Term};

/// Render `lex` as lexicon TOML. Each line of `header` becomes a `# ` comment at the top.
pub fn to_toml(lex: &Lexicon, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    if !header.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("name = {}\n", string(&lex.name)));
    if !lex.description.is_empty() {
        out.push_str(&format!("description = {}\n", string(&lex.description)));
    }
    out.push_str(&format!("version = {}\n", string(&lex.version)));

    for (i, cat) in lex.categories.iter().enumerate() {
        let path: Vec<String> = cat.id.split('/').map(key).collect();
        out.push_str(&format!("\n[categories.{}]\n", path.join(".")));
        if !cat.description.is_empty() {
            out.push_str(&format!("description = {}\n", string(&cat.description)));
        }
        // `role` only where it is not what the category would inherit, so a loaded lexicon
        // reads as before and a subcategory repeats nothing its parent says
        if cat.role != lex.inherited_role(&cat.id) {
            out.push_str(&format!("role = {}\n", string(cat.role.as_str())));
        }
        // A parent whose terms all live in its subcategories needs no `terms` line; a leaf
        // always gets one so users see where to add terms.
        let has_children = lex
            .categories
            .get(i + 1)
            .is_some_and(|next| next.id.starts_with(&format!("{}/", cat.id)));
        if cat.terms.is_empty() {
            if !has_children {
                out.push_str("terms = []\n");
            }
            continue;
        }
        out.push_str("terms = [\n");
        for t in &cat.terms {
            out.push_str("  ");
            out.push_str(&term(t));
            out.push_str(",\n");
        }
        out.push_str("]\n");
    }
    out
}

/// One term: a plain string, or an inline table when it carries more than its canonical form.
pub fn term(t: &Term) -> String {
    if t.variants.is_empty() && t.note.is_none() && t.except.is_empty() && t.neutral.is_none() {
        return string(&t.term);
    }
    let mut parts = vec![format!("term = {}", string(&t.term))];
    if !t.variants.is_empty() {
        parts.push(format!("variants = {}", array(&t.variants)));
    }
    if let Some(n) = &t.neutral {
        parts.push(format!("neutral = {}", string(n)));
    }
    if !t.except.is_empty() {
        parts.push(format!("except = {}", array(&t.except)));
    }
    if let Some(n) = &t.note {
        parts.push(format!("note = {}", string(n)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// A TOML basic string with everything that needs it escaped.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A table key: bare when TOML allows it, quoted otherwise.
pub fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        k.to_string()
    } else {
        string(k)
    }
}

fn array(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load::parse;
    use crate::lexicon::model::{Category, Role};
    use std::path::Path;

    fn sample() -> Lexicon {
        Lexicon {
            name: "t".into(),
            description: "A \"quoted\" description".into(),
            version: "1.0.0".into(),
            categories: vec![
                Category {
                    id: "loaded labels".into(),
                    description: "Loaded".into(),
                    role: Role::Loaded,
                    terms: vec![
                        Term::new("Zionist entity"),
                        Term {
                            term: "Zionist regime".into(),
                            variants: vec!["Zionist regimes".into()],
                            note: Some("back\\slash".into()),
                            except: vec!["not the Zionist regime".into()],
                            neutral: Some("Israel".into()),
                        },
                    ],
                },
                Category {
                    id: "blocs".into(),
                    description: String::new(),
                    role: Role::Reference,
                    terms: vec![],
                },
                Category {
                    id: "blocs/self".into(),
                    description: "Self labels".into(),
                    role: Role::Loaded,
                    terms: vec![Term::new("axis of resistance")],
                },
                Category {
                    id: "empty".into(),
                    description: String::new(),
                    role: Role::Loaded,
                    terms: vec![],
                },
            ],
        }
    }

    #[test]
    fn output_loads_back_to_the_same_model() {
        let lex = sample();
        let text = to_toml(&lex, &["made by a test".into()]);
        assert!(
            text.starts_with("# made by a test\n\nname = \"t\"\n"),
            "{text}"
        );
        let back = parse(&text, Path::new("x.toml")).unwrap();
        assert_eq!(back, lex);
    }

    #[test]
    fn is_stable_and_one_term_per_line() {
        let a = to_toml(&sample(), &[]);
        assert_eq!(a, to_toml(&sample(), &[]));
        assert!(a.contains("[categories.\"loaded labels\"]\n"), "{a}");
        assert!(a.contains("terms = [\n  \"Zionist entity\",\n  { term = \"Zionist regime\", variants = [\"Zionist regimes\"], neutral = \"Israel\""), "{a}");
        // parent with only subcategory terms has no terms line; an empty leaf has `terms = []`
        // a role only where it differs from the inherited one
        assert!(
            a.contains("[categories.blocs]\nrole = \"reference\"\n\n[categories.blocs.self]\ndescription = \"Self labels\"\nrole = \"loaded\"\n"),
            "{a}"
        );
        assert_eq!(a.matches("role =").count(), 2, "{a}");
        assert!(a.ends_with("[categories.empty]\nterms = []\n"), "{a}");
    }
}
