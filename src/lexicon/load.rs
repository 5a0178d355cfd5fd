//! Reading a lexicon TOML file into a [`Lexicon`].
//!
//! The file is parsed with `toml_edit`, which keeps the byte span of every key and value, and then
//! walked by hand rather than through serde: that way every *semantic* problem (a number where a
//! string belongs, an empty term, a term made only of punctuation, a wildcard with nothing around
//! it, an unknown key) is reported at its own `file:line:column`, not just syntax errors.
//!
//! Format (full description in `lexicons/README.md`):
//!
//! ```toml
//! name = "mideast-framing"
//! description = "…"
//! version = "1.0.0"
//!
//! [categories.delegitimising]
//! description = "…"
//! terms = ["Zionist entity", { term = "Zionist regime", neutral = "Israel" }]
//!
//! [categories.blocs.self-labels]      # a subcategory: id "blocs/self-labels"
//! description = "…"
//! terms = ["axis of resistance"]
//!
//! [categories.neutral]
//! role = "reference"                  # context, not framing (default "loaded"; inherited)
//! terms = ["Israel"]
//! ```

use std::ops::Range;
use std::path::Path;

use toml_edit::{Item, Table, Value};

use super::model::{Category, Lexicon, Role, Term};
use crate::{Error, Result};

/// Keys a term written as an inline table may have.
const TERM_KEYS: &[&str] = &["term", "variants", "note", "except", "neutral"];

/// Read and parse a lexicon file.
pub fn load(path: &Path) -> Result<Lexicon> {
    let text = crate::text::read_utf8_file(path, "lexicon file")?;
    parse(&text, path)
}

/// Parse lexicon TOML. `path` is used only in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
    let p = Parser { text, path };
    let doc = toml_edit::Document::parse(text).map_err(|e| {
        let at = e.span().map(|s| s.start).unwrap_or(0);
        let msg = e.message().trim().trim_end_matches('.').to_string();
        p.error_at(at, format!("invalid TOML: {msg}"))
    })?;
    p.lexicon(doc.as_table())
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = text[line_start..at].chars().count() + 1;
    (line, column)
}

struct Parser<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Parser<'_> {
    fn error_at(&self, at: usize, message: impl Into<String>) -> Error {
        let (line, column) = line_column(self.text, at);
        Error::Lexicon {
            path: self.path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    fn err(&self, span: Option<Range<usize>>, message: impl Into<String>) -> Error {
        self.error_at(span.map(|s| s.start).unwrap_or(0), message)
    }

    fn lexicon(&self, root: &Table) -> Result<Lexicon> {
        let mut name = None;
        let mut description = String::new();
        let mut version = None;
        let mut categories = None;
        for (key, item) in root.iter() {
            let kspan = root.key(key).and_then(|k| k.span());
            match key {
                "name" => name = Some(self.string(item, "name", kspan)?),
                "description" => description = self.string(item, "description", kspan)?,
                "version" => version = Some(self.string(item, "version", kspan)?),
                "language" => {
                    self.string(item, "language", kspan)?;
                }
                "categories" => categories = Some(self.categories(item, kspan)?),
                other => {
                    return Err(self.err(
                        kspan,
                        format!("unknown key `{other}` (expected name, description, version, language, categories)"),
                    ))
                }
            }
        }
        let name = name.ok_or_else(|| self.error_at(0, "missing `name = \"…\"`"))?;
        if name.trim().is_empty() {
            return Err(self.err(root.get("name").and_then(Item::span), "`name` is empty"));
        }
        Ok(Lexicon {
            name,
            description,
            version: version.unwrap_or_else(|| "0".to_string()),
            categories: categories
                .ok_or_else(|| self.error_at(self.text.len(), "no `[categories.…]` defined"))?,
        })
    }

    fn string(&self, item: &Item, what: &str, kspan: Option<Range<usize>>) -> Result<String> {
        match item.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(self.err(
                item.span().or(kspan),
                format!("`{what}` must be a string, found {}", item.type_name()),
            )),
        }
    }

    fn categories(&self, item: &Item, kspan: Option<Range<usize>>) -> Result<Vec<Category>> {
        let table = as_table_like(item).ok_or_else(|| {
            self.err(
                item.span().or(kspan),
                format!("`categories` must be a table, found {}", item.type_name()),
            )
        })?;
        let mut out = Vec::new();
        for (id, item, kspan) in table {
            self.category(&id, item, kspan, None, &mut out)?;
        }
        Ok(out)
    }

    fn category(
        &self,
        id: &str,
        item: &Item,
        kspan: Option<Range<usize>>,
        parent: Option<(&str, Role)>,
        out: &mut Vec<Category>,
    ) -> Result<()> {
        let full_id = match parent {
            Some((p, _)) => format!("{p}/{id}"),
            None => id.to_string(),
        };
        if id.trim().is_empty() || id.contains('/') {
            return Err(self.err(
                kspan,
                format!("category name `{id}` must be non-empty and contain no `/`"),
            ));
        }
        let table = as_table_like(item).ok_or_else(|| {
            self.err(
                item.span().or(kspan.clone()),
                format!(
                    "category `{full_id}` must be a table, found {}",
                    item.type_name()
                ),
            )
        })?;
        let mut cat = Category {
            id: full_id.clone(),
            description: String::new(),
            role: parent.map_or(Role::Loaded, |(_, r)| r),
            terms: Vec::new(),
        };
        let mut subs = Vec::new();
        for (key, item, kspan) in table {
            match key.as_str() {
                "description" => cat.description = self.string(item, "description", kspan)?,
                "role" => {
                    let vspan = item.span().or(kspan.clone());
                    let r = self.string(item, "role", kspan)?;
                    cat.role = Role::parse(&r).ok_or_else(|| {
                        self.err(
                            vspan,
                            format!("`role` must be \"loaded\" or \"reference\", found \"{r}\""),
                        )
                    })?;
                }
                "terms" => cat.terms = self.terms(item, kspan)?,
                _ if as_table_like(item).is_some() => {
                    if parent.is_some() {
                        return Err(self.err(
                            kspan,
                            format!("category `{full_id}/{key}` nests too deep: categories nest only one level"),
                        ));
                    }
                    subs.push((key, item, kspan));
                }
                other => {
                    return Err(self.err(
                        kspan,
                        format!("unknown key `{other}` in category `{full_id}` (expected description, role, terms, or a subcategory table)"),
                    ))
                }
            }
        }
        let role = cat.role;
        out.push(cat);
        for (key, item, kspan) in subs {
            self.category(&key, item, kspan, Some((&full_id, role)), out)?;
        }
        Ok(())
    }

    fn terms(&self, item: &Item, kspan: Option<Range<usize>>) -> Result<Vec<Term>> {
        let mut out = Vec::new();
        match item {
            Item::Value(Value::Array(arr)) => {
                for v in arr.iter() {
                    out.push(self.term_value(v)?);
                }
            }
            Item::ArrayOfTables(aot) => {
                for t in aot.iter() {
                    let entries = t.iter().map(|(k, it)| {
                        (
                            k.to_string(),
                            it.as_value(),
                            t.key(k).and_then(|k| k.span()),
                            it.span(),
                        )
                    });
                    out.push(self.term_table(entries, t.span())?);
                }
            }
            _ => {
                return Err(self.err(
                    item.span().or(kspan),
                    format!(
                        "`terms` must be an array of strings or tables, found {}",
                        item.type_name()
                    ),
                ))
            }
        }
        Ok(out)
    }

    fn term_value(&self, v: &Value) -> Result<Term> {
        match v {
            Value::String(s) => {
                let term = s.value().to_string();
                self.check_form(&term, v.span())?;
                Ok(Term::new(term))
            }
            Value::InlineTable(t) => {
                let entries = t.iter().map(|(k, v)| {
                    (
                        k.to_string(),
                        Some(v),
                        t.key(k).and_then(|k| k.span()),
                        v.span(),
                    )
                });
                self.term_table(entries, v.span())
            }
            other => Err(self.err(
                other.span(),
                format!(
                    "a term must be a string or a table, found {}",
                    other.type_name()
                ),
            )),
        }
    }

    fn term_table<'v>(
        &self,
        entries: impl Iterator<
            Item = (
                String,
                Option<&'v Value>,
                Option<Range<usize>>,
                Option<Range<usize>>,
            ),
        >,
        span: Option<Range<usize>>,
    ) -> Result<Term> {
        let mut term = Term::default();
        let mut seen_term = false;
        for (key, value, kspan, vspan) in entries {
            let Some(value) = value else {
                return Err(self.err(kspan, format!("`{key}` must be a value, not a table")));
            };
            let vspan = vspan.or(kspan.clone());
            match key.as_str() {
                "term" => {
                    term.term = self.value_str(value, "term", vspan.clone())?;
                    self.check_form(&term.term, vspan)?;
                    seen_term = true;
                }
                "variants" => {
                    term.variants = self.value_strings(value, "variants", vspan)?;
                    for (i, f) in term.variants.iter().enumerate() {
                        let span = value
                            .as_array()
                            .and_then(|a| a.get(i))
                            .and_then(|v| v.span());
                        self.check_form(f, span)?;
                    }
                }
                "except" => term.except = self.value_strings(value, "except", vspan)?,
                "note" => term.note = Some(self.value_str(value, "note", vspan)?),
                "neutral" => term.neutral = Some(self.value_str(value, "neutral", vspan)?),
                other => {
                    return Err(self.err(
                        kspan,
                        format!(
                            "unknown key `{other}` in term (expected {})",
                            TERM_KEYS.join(", ")
                        ),
                    ))
                }
            }
        }
        if !seen_term {
            return Err(self.err(span, "term table has no `term = \"…\"`"));
        }
        Ok(term)
    }

    fn value_str(&self, v: &Value, what: &str, span: Option<Range<usize>>) -> Result<String> {
        v.as_str().map(str::to_string).ok_or_else(|| {
            self.err(
                span,
                format!("`{what}` must be a string, found {}", v.type_name()),
            )
        })
    }

    fn value_strings(
        &self,
        v: &Value,
        what: &str,
        span: Option<Range<usize>>,
    ) -> Result<Vec<String>> {
        let arr = v.as_array().ok_or_else(|| {
            self.err(
                span,
                format!(
                    "`{what}` must be an array of strings, found {}",
                    v.type_name()
                ),
            )
        })?;
        arr.iter()
            .map(|x| self.value_str(x, what, x.span()))
            .collect()
    }

    /// Reject a form that [`form_problem`] objects to, at its own position.
    fn check_form(&self, form: &str, span: Option<Range<usize>>) -> Result<()> {
        match form_problem(form) {
            Some(problem) => Err(self.err(span, problem)),
            None => Ok(()),
        }
    }
}

/// Why `form` cannot be a term or variant, if it cannot. A form must contain a letter or digit,
/// and a word with a wildcard must keep at least two literal characters, otherwise it would match
/// everything. Public so the editor and importers validate exactly as the loader does.
pub fn form_problem(form: &str) -> Option<String> {
    if form.trim().is_empty() {
        return Some("empty term".to_string());
    }
    if !form.chars().any(char::is_alphanumeric) {
        return Some(format!("term `{form}` has no letters or digits"));
    }
    for word in form.split_whitespace() {
        if word.contains(['*', '?']) && word.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return Some(format!(
                "wildcard word `{word}` in `{form}` needs at least two letters (e.g. `occupi*`)"
            ));
        }
    }
    None
}

/// A table entry: key, value and the key's span.
type Entry<'a> = (String, &'a Item, Option<Range<usize>>);

/// Entries of a table or inline table with their key spans, in document order.
fn as_table_like(item: &Item) -> Option<Vec<Entry<'_>>> {
    match item {
        Item::Table(t) => {
            let mut v: Vec<_> = t
                .iter()
                .map(|(k, it)| {
                    (
                        k.to_string(),
                        it,
                        t.key(k).and_then(|k| k.span()),
                        position(it),
                    )
                })
                .collect();
            // header tables ([categories.x]) keep document order by their position
            v.sort_by_key(|e| e.3);
            Some(v.into_iter().map(|(k, it, s, _)| (k, it, s)).collect())
        }
        Item::Value(Value::InlineTable(_)) => {
            // Inline tables hold Values, not Items; convert by re-wrapping is not possible without
            // cloning, so callers see them through `as_inline_items`.
            None
        }
        _ => None,
    }
}

/// Sort key that keeps `[header]` tables in the order they appear in the file; plain values
/// (description, terms) come first in their own order.
fn position(item: &Item) -> (isize, usize) {
    match item {
        Item::Table(t) => (
            t.position().unwrap_or(isize::MAX),
            t.span().map(|s| s.start).unwrap_or(0),
        ),
        _ => (isize::MIN, item.span().map(|s| s.start).unwrap_or(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"# a comment
name = "test"
description = "A test lexicon"
version = "1.2.0"

[categories.delegitimising]
description = "Labels that deny legitimacy"
terms = [
  "Zionist entity",
  { term = "Zionist regime", variants = ["Zionist regimes"], neutral = "Israel", note = "n" },
]

[categories.blocs]
description = "Bloc labels"
terms = []

[categories.blocs.self-labels]
description = "Self labels"
terms = ["axis of resistance", { term = "resistance", except = ["antimicrobial resistance"] }]

[[categories.honorifics.terms]]
term = "His Eminence"
"#;

    fn parse_str(s: &str) -> Result<Lexicon> {
        parse(s, Path::new("x.toml"))
    }

    fn err_str(s: &str) -> String {
        parse_str(s).unwrap_err().to_string()
    }

    #[test]
    fn parses_the_full_format() {
        let lex = parse_str(SAMPLE).unwrap();
        assert_eq!(lex.name, "test");
        assert_eq!(lex.version, "1.2.0");
        let ids: Vec<_> = lex.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["delegitimising", "blocs", "blocs/self-labels", "honorifics"]
        );
        let t = &lex.categories[0].terms[1];
        assert_eq!(t.term, "Zionist regime");
        assert_eq!(t.variants, ["Zionist regimes"]);
        assert_eq!(t.neutral.as_deref(), Some("Israel"));
        assert_eq!(
            lex.categories[2].terms[1].except,
            ["antimicrobial resistance"]
        );
        assert_eq!(lex.categories[3].terms[0].term, "His Eminence");
        assert_eq!(lex.term_count(), 5);
    }

    #[test]
    fn roles_default_to_loaded_and_are_inherited() {
        let lex = parse_str(
            "name = \"x\"\n[categories.a]\nterms = [\"a\"]\n[categories.r]\nrole = \"reference\"\nterms = [\"r\"]\n[categories.r.sub]\nterms = [\"s\"]\n[categories.r.own]\nrole = \"loaded\"\nterms = [\"o\"]\n",
        )
        .unwrap();
        let roles: Vec<_> = lex
            .categories
            .iter()
            .map(|c| (c.id.as_str(), c.role))
            .collect();
        assert_eq!(
            roles,
            [
                ("a", Role::Loaded),
                ("r", Role::Reference),
                ("r/sub", Role::Reference),
                ("r/own", Role::Loaded)
            ]
        );
        assert_eq!(
            err_str("name = \"x\"\n[categories.a]\nrole = \"neutral\"\nterms = []\n"),
            "x.toml:3:8: `role` must be \"loaded\" or \"reference\", found \"neutral\""
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = err_str("name = \"x\"\n[categories.a]\nterms = [\"ok\",\n");
        assert!(e.starts_with("x.toml:"), "{e}");
        assert!(e.contains("invalid TOML"), "{e}");
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let e = err_str("name = \"x\"\n[categories.a]\ndescription = 5\n");
        assert_eq!(
            e,
            "x.toml:3:15: `description` must be a string, found integer"
        );
    }

    #[test]
    fn empty_and_punctuation_terms_are_rejected() {
        assert_eq!(
            err_str("name = \"x\"\n[categories.a]\nterms = [\"\"]\n"),
            "x.toml:3:10: empty term"
        );
        assert!(err_str("name = \"x\"\n[categories.a]\nterms = [\"--!\"]\n")
            .contains("3:10: term `--!` has no letters"));
    }

    #[test]
    fn lone_wildcard_is_rejected() {
        let e = err_str("name = \"x\"\n[categories.a]\nterms = [\"*\"]\n");
        assert!(e.starts_with("x.toml:3:10:"), "{e}");
        let e = err_str("name = \"x\"\n[categories.a]\nterms = [\"a*\"]\n");
        assert!(e.contains("needs at least two letters"), "{e}");
        assert!(parse_str("name = \"x\"\n[categories.a]\nterms = [\"occupi*\"]\n").is_ok());
    }

    #[test]
    fn unknown_keys_and_deep_nesting_are_rejected() {
        assert!(err_str("name = \"x\"\nnme = 1\n[categories.a]\n")
            .starts_with("x.toml:2:1: unknown key `nme`"));
        assert!(
            err_str("name = \"x\"\n[categories.a]\nterms = [{ trm = \"x\" }]\n")
                .contains("unknown key `trm` in term")
        );
        assert!(
            err_str("name = \"x\"\n[categories.a.b.c]\nterms = []\n").contains("nests too deep")
        );
    }

    #[test]
    fn missing_name_or_categories() {
        assert!(err_str("[categories.a]\n").contains("missing `name"));
        assert!(err_str("name = \"x\"\n").contains("no `[categories"));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
