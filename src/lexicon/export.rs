//! `framediff lexicon export`: write a lexicon as a quanteda YAML dictionary or a LIWC `.dic`,
//! so lexicons curated here travel back to R and LIWC users.
//!
//! Neither format has room for everything a framediff lexicon holds:
//!
//! * **YAML**: subcategories become nested maps (a parent with terms of its own lists them first,
//!   then `- child:` maps, which quanteda reads as nested keys). Variants become separate terms.
//!   Notes, neutral counterparts, exceptions, descriptions and a category's `reference` role are
//!   kept as YAML comments, which quanteda ignores (and so does `lexicon import`: a re-imported
//!   category is loaded until its TOML says `role = "reference"` again).
//! * **.dic**: categories are numbered in lexicon order, subcategories named `parent/child`
//!   (framediff's importer nests them again). Every form (term and variants) is one entry; a form
//!   in several categories is one line with several ids. Notes, neutral counterparts, exceptions,
//!   descriptions and reference roles are dropped, and [`Exported::lost`] says so.

use super::model::{fold, Lexicon, Role};

/// An exported text and what it could not carry.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The dictionary in the target format.
    pub text: String,
    /// One line per kind of information left out (empty when nothing was lost).
    pub lost: Vec<String>,
}

/// quanteda dictionary YAML.
pub fn to_yaml(lex: &Lexicon) -> Exported {
    let mut out = String::new();
    out.push_str(&format!(
        "# quanteda dictionary exported by framediff from lexicon `{}` version {}.\n",
        one_line(&lex.name),
        one_line(&lex.version)
    ));
    out.push_str("# Load in R with: quanteda::dictionary(file = \"this-file.yml\")\n");
    out.push_str(
        "# Variants are listed as separate terms; notes, neutral counterparts and exceptions\n",
    );
    out.push_str("# have no place in quanteda dictionaries and are kept only as comments.\n");
    if !lex.description.is_empty() {
        out.push_str(&format!("# Lexicon: {}\n", one_line(&lex.description)));
    }
    out.push('\n');
    let cats = &lex.categories;
    let mut i = 0;
    while i < cats.len() {
        let cat = &cats[i];
        let prefix = format!("{}/", cat.id);
        let children: Vec<_> = cats[i + 1..]
            .iter()
            .take_while(|c| c.id.starts_with(&prefix))
            .collect();
        if !cat.description.is_empty() {
            out.push_str(&format!("# {}\n", one_line(&cat.description)));
        }
        role_comment(&mut out, cat, "");
        let key = yaml_key(&cat.id);
        if children.is_empty() {
            if cat.terms.is_empty() {
                out.push_str(&format!("{key}: []\n"));
            } else {
                out.push_str(&format!("{key}:\n"));
                terms(&mut out, cat, "  ");
            }
        } else if cat.terms.is_empty() {
            out.push_str(&format!("{key}:\n"));
            for c in &children {
                child(&mut out, c, &c.id[prefix.len()..], "  ", "    ");
            }
        } else {
            out.push_str(&format!("{key}:\n"));
            terms(&mut out, cat, "  ");
            for c in &children {
                child(&mut out, c, &c.id[prefix.len()..], "  - ", "      ");
            }
        }
        i += 1 + children.len();
    }
    Exported {
        text: out,
        lost: Vec::new(),
    }
}

/// `# role: reference` above a reference category (loaded is the default and says nothing).
fn role_comment(out: &mut String, c: &super::model::Category, pad: &str) {
    if c.role == Role::Reference {
        out.push_str(&format!(
            "{pad}# role: reference (framediff counts it for context, not as framing)\n"
        ));
    }
}

fn child(out: &mut String, c: &super::model::Category, name: &str, lead: &str, indent: &str) {
    let pad = " ".repeat(lead.trim_end_matches("- ").len());
    if !c.description.is_empty() {
        out.push_str(&format!("{pad}# {}\n", one_line(&c.description)));
    }
    role_comment(out, c, &pad);
    if c.terms.is_empty() {
        out.push_str(&format!("{lead}{}: []\n", yaml_key(name)));
    } else {
        out.push_str(&format!("{lead}{}:\n", yaml_key(name)));
        terms(out, c, indent);
    }
}

fn terms(out: &mut String, cat: &super::model::Category, indent: &str) {
    for t in &cat.terms {
        let mut extra = Vec::new();
        if let Some(n) = &t.neutral {
            extra.push(format!("neutral: {n}"));
        }
        if !t.except.is_empty() {
            extra.push(format!("except: {}", t.except.join(" | ")));
        }
        if let Some(n) = &t.note {
            extra.push(format!("note: {n}"));
        }
        let comment = if extra.is_empty() {
            String::new()
        } else {
            format!("  # {}", one_line(&extra.join("; ")))
        };
        out.push_str(&format!("{indent}- {}{comment}\n", yaml_str(&t.term)));
        for v in &t.variants {
            out.push_str(&format!(
                "{indent}- {}  # variant of {}\n",
                yaml_str(v),
                one_line(&t.term)
            ));
        }
    }
}

/// LIWC `.dic`.
pub fn to_dic(lex: &Lexicon) -> Exported {
    let mut out = String::from("%\n");
    for (i, c) in lex.categories.iter().enumerate() {
        out.push_str(&format!("{}\t{}\n", i + 1, one_line(&c.id)));
    }
    out.push_str("%\n");
    // (folded form, first spelling, category numbers), in order of first appearance
    let mut entries: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut index: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut notes, mut neutral, mut except, mut descriptions) = (0, 0, 0, 0);
    let mut references = 0;
    for (i, c) in lex.categories.iter().enumerate() {
        descriptions += usize::from(!c.description.is_empty());
        references += usize::from(c.role == Role::Reference);
        for t in &c.terms {
            notes += usize::from(t.note.is_some());
            neutral += usize::from(t.neutral.is_some());
            except += t.except.len();
            for form in t.forms() {
                let f = fold(form);
                match index.get(&f) {
                    Some(&k) => {
                        if !entries[k].2.contains(&(i + 1)) {
                            entries[k].2.push(i + 1);
                        }
                    }
                    None => {
                        index.insert(f.clone(), entries.len());
                        entries.push((f, one_line(form), vec![i + 1]));
                    }
                }
            }
        }
    }
    for (_, form, ids) in &entries {
        out.push_str(form);
        for id in ids {
            out.push_str(&format!("\t{id}"));
        }
        out.push('\n');
    }
    let mut lost = Vec::new();
    for (n, what) in [
        (notes, "note"),
        (neutral, "neutral counterpart"),
        (except, "exception"),
        (descriptions, "category description"),
        (references, "reference role"),
    ] {
        if n > 0 {
            let s = if n == 1 { "" } else { "s" };
            lost.push(format!("{n} {what}{s}"));
        }
    }
    let lost = if lost.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "a LIWC .dic has no place for {}; they were left out",
            lost.join(", ")
        )]
    };
    Exported { text: out, lost }
}

fn one_line(s: &str) -> String {
    crate::text::collapse_whitespace(s)
}

/// A YAML double-quoted scalar (always quoted: globs like `*ism` would otherwise be aliases).
/// YAML's double-quoted escapes (`\"`, `\\`, `\n`, `\t`, `\r`, `\uXXXX`) are exactly those of
/// a TOML basic string, so the TOML writer's quoting serves both.
fn yaml_str(s: &str) -> String {
    super::write::string(s)
}

/// A mapping key: plain when it is a simple identifier YAML cannot misread, quoted otherwise.
fn yaml_key(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        s.to_string()
    } else {
        yaml_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::import::{import_text, Format};
    use crate::lexicon::load::parse;
    use std::path::Path;

    const TOML: &str = r#"name = "t"
version = "2.0"
[categories.loaded]
description = "Loaded labels"
terms = ["Zionist entity", { term = "Zionist regime", variants = ["Zionist regimes"], neutral = "Israel", note = "n", except = ["x Zionist regime"] }]
[categories.blocs]
terms = ["bloc*"]
[categories.blocs.self]
description = "Self"
terms = ["axis of resistance", "Zionist entity"]
[categories.only-parent]
[categories.only-parent.kid]
terms = ["yes"]
[categories.empty]
terms = []
"#;

    /// (id, all forms) per category: what survives a round trip.
    fn forms(l: &Lexicon) -> Vec<(String, Vec<String>)> {
        l.categories
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.terms
                        .iter()
                        .flat_map(|t| t.forms())
                        .map(str::to_string)
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn yaml_round_trip_keeps_categories_and_forms() {
        let lex = parse(TOML, Path::new("t.toml")).unwrap();
        let y = to_yaml(&lex);
        assert!(
            y.text.contains(
                "  - \"Zionist regime\"  # neutral: Israel; except: x Zionist regime; note: n\n"
            ),
            "{}",
            y.text
        );
        assert!(
            y.text
                .contains("  - self:\n      - \"axis of resistance\"\n"),
            "{}",
            y.text
        );
        let back = import_text(&y.text, Path::new("t.yml"), Format::Quanteda, None).unwrap();
        assert_eq!(forms(&back.lexicon), forms(&lex), "{}", y.text);
    }

    #[test]
    fn dic_round_trip_and_losses() {
        let lex = parse(TOML, Path::new("t.toml")).unwrap();
        let d = to_dic(&lex);
        assert!(d.text.starts_with("%\n1\tloaded\n2\tblocs\n3\tblocs/self\n4\tonly-parent\n5\tonly-parent/kid\n6\tempty\n%\nZionist entity\t1\t3\n"), "{}", d.text);
        assert_eq!(d.lost, ["a LIWC .dic has no place for 1 note, 1 neutral counterpart, 1 exception, 2 category descriptions; they were left out"]);
        let back = import_text(&d.text, Path::new("t.dic"), Format::Liwc, None).unwrap();
        // a .dic lists each form once, so order within a category is by first appearance
        let sorted = |l: &Lexicon| {
            let mut f = forms(l);
            f.iter_mut().for_each(|(_, v)| v.sort());
            f
        };
        assert_eq!(sorted(&back.lexicon), sorted(&lex), "{}", d.text);
    }

    #[test]
    fn yaml_keys_are_quoted_when_needed() {
        assert_eq!(yaml_key("loaded"), "loaded");
        assert_eq!(yaml_key("yes"), "\"yes\"");
        assert_eq!(yaml_key("two words"), "\"two words\"");
        assert_eq!(yaml_str("*ism \"x\""), "\"*ism \\\"x\\\"\"");
    }
}
