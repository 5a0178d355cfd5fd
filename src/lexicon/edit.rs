//! `framediff lexicon add` / `remove`: edit a lexicon file in place without disturbing it.
//!
//! Lexicons are hand-curated: comments explain why a term is there, blank lines group terms, and
//! reviewers read `git diff`s. So edits go through `toml_edit::DocumentMut`, which keeps every
//! byte it is not asked to change, and the array surgery below keeps the array's own style:
//! the new term copies the indentation of the last one, a one-per-line array stays one per line,
//! a trailing comma stays (or stays absent), and a comment on the last term's line stays on that
//! line. Removal undoes exactly what addition does, so `add` then `remove` of one term gives back
//! the original file byte for byte.
//!
//! The pure functions [`add_terms`] and [`remove_terms`] compute the new text; [`apply`] reads the
//! file, refuses one that does not load, checks the result loads too, and writes atomically.

use std::io::Write;
use std::path::Path;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, TableLike, Value};

use super::load;
use super::model::{fold, Lexicon};
use crate::{output, Error, Result};

/// Append `terms` to `category` (`name` or `parent/child`) in lexicon TOML `text`.
///
/// Creates the category (with `terms = […]`) after the last table if it does not exist. Refuses a
/// term that is not a valid form (usage error) or whose folded form ([`fold`]) is already in the
/// lexicon as a term or variant.
pub fn add_terms(text: &str, path: &Path, category: &str, terms: &[String]) -> Result<String> {
    let lex = load::parse(text, path)?;
    let parts = category_path(category)?;
    let terms = validate_terms(terms, path)?;
    for t in &terms {
        if let Some((cat, existing, _)) = find_form(&lex, t) {
            return Err(Error::input(
                path,
                format!("`{t}` is already in the lexicon as `{existing}` (category `{cat}`)"),
            ));
        }
    }
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        Error::input(path, format!("invalid TOML: {}", e.message().trim()))
    })?;
    let next_position = max_position(doc.as_table()) + 1;
    let root = doc.as_table_mut();
    if !root.contains_key("categories") {
        let mut t = Table::new();
        t.set_implicit(true);
        root.insert("categories", Item::Table(t));
    }
    let cats = table_like_mut(root.get_mut("categories"), path, "categories")?;
    let new_table = |implicit: bool| {
        let mut t = Table::new();
        t.set_implicit(implicit);
        t.set_position(Some(next_position));
        t.decor_mut().set_prefix("\n");
        Item::Table(t)
    };
    let table: &mut dyn TableLike = match parts.as_slice() {
        [name] => {
            if !cats.contains_key(name) {
                cats.insert(name, new_table(false));
            }
            table_like_mut(cats.get_mut(name), path, category)?
        }
        [parent, child] => {
            let parent_existed = cats.contains_key(parent);
            if !parent_existed {
                cats.insert(parent, new_table(true));
            }
            // a new subcategory goes right after its parent's last table, not at the very end:
            // tables with equal positions keep document-tree order, so it follows its siblings
            let sibling_position = cats
                .get(parent)
                .and_then(Item::as_table)
                .filter(|_| parent_existed)
                .map(max_position);
            let p = table_like_mut(cats.get_mut(parent), path, parent)?;
            if !p.contains_key(child) {
                let mut t = new_table(false);
                if let (Some(pos), Item::Table(t)) = (sibling_position, &mut t) {
                    t.set_position(Some(pos));
                }
                p.insert(child, t);
            }
            table_like_mut(p.get_mut(child), path, category)?
        }
        _ => return Err(Error::Usage(format!("bad category `{category}`"))),
    };
    match table.get_mut("terms") {
        None => {
            let mut arr = Array::new();
            arr.set_trailing_comma(true);
            arr.set_trailing("\n");
            for t in &terms {
                let mut v = Value::from(t.as_str());
                v.decor_mut().set_prefix("\n  ");
                v.decor_mut().set_suffix("");
                arr.push_formatted(v);
            }
            table.insert("terms", toml_edit::value(arr));
        }
        Some(Item::Value(Value::Array(arr))) => {
            for t in &terms {
                append(arr, t);
            }
        }
        Some(Item::ArrayOfTables(aot)) => {
            for t in &terms {
                append_table(aot, t);
            }
        }
        Some(_) => {
            return Err(Error::input(
                path,
                format!("`terms` of category `{category}` is not an array"),
            ))
        }
    }
    Ok(keep_line_endings(text, doc.to_string()))
}

/// `toml_edit` renders line breaks between items as `\n`; in a file written with Windows line
/// endings throughout, turn them back into `\r\n` so an edit changes only the edited lines.
fn keep_line_endings(original: &str, new: String) -> String {
    let crlf = original.contains("\r\n");
    let lone_lf = original
        .bytes()
        .enumerate()
        .any(|(i, b)| b == b'\n' && (i == 0 || original.as_bytes()[i - 1] != b'\r'));
    if !crlf || lone_lf {
        return new;
    }
    let mut out = String::with_capacity(new.len() + 16);
    let mut prev = '\0';
    for c in new.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Remove every term whose canonical form folds like one of `terms` (plain string, inline table
/// or `[[…terms]]` table), in all categories or only in `category`. Every term must be found.
pub fn remove_terms(
    text: &str,
    path: &Path,
    terms: &[String],
    category: Option<&str>,
) -> Result<String> {
    let lex = load::parse(text, path)?;
    let terms = validate_terms(terms, path)?;
    if let Some(c) = category {
        if lex.category(c).is_none() {
            let ids: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
            return Err(Error::input(
                path,
                format!("no category `{c}` (categories: {})", ids.join(", ")),
            ));
        }
    }
    let wanted: Vec<String> = terms.iter().map(|t| fold(t)).collect();
    let mut found = vec![false; wanted.len()];
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        Error::input(path, format!("invalid TOML: {}", e.message().trim()))
    })?;
    if let Some(cats) = doc
        .as_table_mut()
        .get_mut("categories")
        .and_then(Item::as_table_like_mut)
    {
        visit_categories(cats, None, &mut |id, terms_item| {
            if category.is_some_and(|c| c != id) {
                return;
            }
            let mut hit = |term: Option<&str>| {
                let Some(t) = term else { return false };
                let f = fold(t);
                let mut any = false;
                for (k, w) in wanted.iter().enumerate() {
                    if *w == f {
                        found[k] = true;
                        any = true;
                    }
                }
                any
            };
            match terms_item {
                Item::Value(Value::Array(arr)) => {
                    for i in (0..arr.len()).rev() {
                        if hit(arr.get(i).and_then(term_of_value)) {
                            remove_at(arr, i);
                        }
                    }
                }
                Item::ArrayOfTables(aot) => {
                    for i in (0..aot.len()).rev() {
                        let t = aot
                            .get(i)
                            .and_then(|t| t.get("term"))
                            .and_then(Item::as_str);
                        if hit(t) {
                            aot.remove(i);
                        }
                    }
                }
                _ => {}
            }
        });
    }
    for (k, t) in terms.iter().enumerate() {
        if found[k] {
            continue;
        }
        let scope = category
            .map(|c| format!(" in category `{c}`"))
            .unwrap_or_default();
        let hint = match find_form(&lex, t) {
            Some((cat, form, owner)) if form != owner => format!(
                " (`{form}` is a variant of `{owner}` in category `{cat}`: edit that term by hand, or remove `{owner}`)"
            ),
            Some((cat, _, _)) => format!(" (it is in category `{cat}`)"),
            None => String::new(),
        };
        return Err(Error::input(
            path,
            format!("no term `{t}`{scope}{hint}; nothing removed"),
        ));
    }
    Ok(keep_line_endings(text, doc.to_string()))
}

/// Read the lexicon at `path`, compute the edited text with `f`, check it still loads, and write
/// it atomically. A file that does not load is refused with the loader's error, untouched.
pub fn apply(path: &Path, f: impl FnOnce(&str) -> Result<String>) -> Result<()> {
    apply_with(path, f, output::persist)
}

/// [`apply`] with the final rename supplied by the caller (tests simulate a failed rename).
pub fn apply_with(
    path: &Path,
    f: impl FnOnce(&str) -> Result<String>,
    rename: impl FnOnce(tempfile::NamedTempFile, &Path) -> std::io::Result<()>,
) -> Result<()> {
    super::import::require_toml(path, "add/remove")?;
    load::load(path)?; // missing, directory, not UTF-8, broken: the loader's one-line errors
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let new = f(&text)?;
    if let Err(e) = load::parse(&new, path) {
        return Err(Error::Output {
            path: path.to_path_buf(),
            message: format!("edit refused, it would make the file invalid ({e}); file unchanged"),
        });
    }
    if new == text {
        return Ok(());
    }
    let mut file = output::AtomicFile::create(path)?;
    file.write_all(new.as_bytes())
        .map_err(|e| Error::io(path, e))?;
    file.commit_with(rename)
}

/// What `lexicon check` now says about freshly added `terms` in the file at `path` (as
/// `file:line:column: …` lines), so `add` can warn that `occupied` is shadowed by `occupi*`
/// without refusing it.
pub fn findings_for(path: &Path, terms: &[String]) -> Result<Vec<String>> {
    let report = super::check::check_file(path)?;
    let starts: Vec<String> = terms
        .iter()
        .map(|t| format!("`{}` ", crate::text::collapse_whitespace(t)))
        .collect();
    Ok(report
        .findings
        .iter()
        .filter(|f| starts.iter().any(|s| f.message.starts_with(s.as_str())))
        .map(|f| format!("{}:{}:{}: {}", path.display(), f.line, f.column, f.message))
        .collect())
}

/// Split and check a `CATEGORY` argument: `name` or `parent/child`.
fn category_path(category: &str) -> Result<Vec<&str>> {
    let parts: Vec<&str> = category.split('/').collect();
    if parts.len() > 2 || parts.iter().any(|p| p.trim().is_empty()) {
        return Err(Error::Usage(format!(
            "category `{category}` must be `name` or `parent/child` (categories nest one level)"
        )));
    }
    Ok(parts)
}

/// Trim command-line terms and reject what the loader would reject, and repeats among them.
fn validate_terms(terms: &[String], path: &Path) -> Result<Vec<String>> {
    if terms.is_empty() {
        return Err(Error::Usage(format!("{}: no terms given", path.display())));
    }
    let mut out: Vec<String> = Vec::new();
    for t in terms {
        let t = crate::text::collapse_whitespace(t);
        if let Some(problem) = load::form_problem(&t) {
            return Err(Error::Usage(format!(
                "{}: cannot add {problem}",
                path.display()
            )));
        }
        if out.iter().any(|o| fold(o) == fold(&t)) {
            return Err(Error::Usage(format!(
                "{}: term `{t}` given twice",
                path.display()
            )));
        }
        out.push(t);
    }
    Ok(out)
}

/// The (category, form, owning term) already in `lex` that folds like `term`.
fn find_form(lex: &Lexicon, term: &str) -> Option<(String, String, String)> {
    let f = fold(term);
    lex.categories.iter().find_map(|c| {
        c.terms.iter().find_map(|t| {
            t.forms()
                .find(|form| fold(form) == f)
                .map(|form| (c.id.clone(), form.to_string(), t.term.clone()))
        })
    })
}

fn table_like_mut<'a>(
    item: Option<&'a mut Item>,
    path: &Path,
    what: &str,
) -> Result<&'a mut dyn TableLike> {
    item.and_then(Item::as_table_like_mut)
        .ok_or_else(|| Error::input(path, format!("`{what}` is not a table")))
}

/// Largest table position in the document, so a new category goes after every existing table.
fn max_position(table: &Table) -> isize {
    let mut max = table.position().unwrap_or(0);
    for (_, item) in table.iter() {
        match item {
            Item::Table(t) => max = max.max(max_position(t)),
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    max = max.max(max_position(t));
                }
            }
            _ => {}
        }
    }
    max
}

/// Call `f(category id, terms item)` for every category and subcategory.
fn visit_categories(
    cats: &mut dyn TableLike,
    parent: Option<&str>,
    f: &mut dyn FnMut(&str, &mut Item),
) {
    for (key, item) in cats.iter_mut() {
        let id = match parent {
            Some(p) => format!("{p}/{}", key.get()),
            None => key.get().to_string(),
        };
        let Some(cat) = item.as_table_like_mut() else {
            continue;
        };
        if let Some(terms) = cat.get_mut("terms") {
            f(&id, terms);
        }
        // with no `[[…terms]]` table left the category itself would vanish: keep it, empty
        if cat
            .get("terms")
            .and_then(Item::as_array_of_tables)
            .is_some_and(ArrayOfTables::is_empty)
        {
            cat.remove("terms");
            cat.insert("terms", toml_edit::value(Array::new()));
        }
        if parent.is_none() {
            visit_categories(cat, Some(&id), f);
        }
    }
}

fn term_of_value(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.value()),
        Value::InlineTable(t) => t.get("term").and_then(Value::as_str),
        _ => None,
    }
}

fn raw_prefix(v: &Value) -> String {
    v.decor()
        .prefix()
        .and_then(|r| r.as_str())
        .unwrap_or("")
        .to_string()
}

fn raw_suffix(v: &Value) -> String {
    v.decor()
        .suffix()
        .and_then(|r| r.as_str())
        .unwrap_or("")
        .to_string()
}

/// Split decor at its first newline: (same-line part, rest starting with the newline).
fn split_line(s: &str) -> (&str, &str) {
    match s.find('\n') {
        Some(i) => s.split_at(i),
        None => (s, ""),
    }
}

/// The comments in a removed element's prefix (a same-line comment of the element before it and
/// comment lines above it), without the final indentation; empty when there are none.
fn kept_comments(prefix: &str) -> &str {
    match prefix.rfind('\n') {
        Some(i) if prefix[..i].contains('#') => &prefix[..i],
        _ => "",
    }
}

/// Append a string to an array in the array's own style (see the module docs).
fn append(arr: &mut Array, term: &str) {
    let mut v = Value::from(term);
    let n = arr.len();
    let trailing = arr.trailing().as_str().unwrap_or("").to_string();
    let trailing_comma = arr.trailing_comma();
    let Some(last) = n.checked_sub(1).and_then(|i| arr.get_mut(i)) else {
        // empty array: `[]` stays on one line, `[\n]` becomes one-per-line
        if trailing.contains('\n') {
            v.decor_mut().set_prefix("\n  ");
            arr.set_trailing_comma(true);
        } else {
            v.decor_mut().set_prefix("");
        }
        v.decor_mut().set_suffix("");
        arr.push_formatted(v);
        return;
    };
    let last_prefix = raw_prefix(last);
    let indent = match last_prefix.rfind('\n') {
        Some(i) => format!("\n{}", &last_prefix[i + 1..]),
        None if n > 1 && last_prefix.trim().is_empty() => last_prefix.clone(),
        None => " ".to_string(),
    };
    if trailing_comma {
        // a comment after the last comma, on the last term's line, stays on that line
        let (same, rest) = split_line(&trailing);
        if same.contains('#') {
            v.decor_mut().set_prefix(format!("{same}{indent}"));
            let rest = rest.to_string();
            arr.set_trailing(rest);
        } else {
            v.decor_mut().set_prefix(indent);
        }
        v.decor_mut().set_suffix("");
    } else {
        // without a trailing comma, what precedes `]` is the last element's suffix: hand it on
        let suffix = raw_suffix(last);
        last.decor_mut().set_suffix("");
        let (same, rest) = split_line(&suffix);
        if same.contains('#') {
            v.decor_mut().set_prefix(format!("{same}{indent}"));
            v.decor_mut().set_suffix(rest.to_string());
        } else {
            v.decor_mut().set_prefix(indent);
            v.decor_mut().set_suffix(suffix.clone());
        }
    }
    arr.push_formatted(v);
}

/// Remove element `i`, the exact inverse of [`append`] for the last element, and keeping
/// comments that belong to the neighbours for the others.
fn remove_at(arr: &mut Array, i: usize) {
    let removed = arr.remove(i);
    let prefix = raw_prefix(&removed);
    let kept = kept_comments(&prefix).to_string();
    if let Some(next) = arr.get_mut(i) {
        let np = raw_prefix(next);
        let new = match np.find('\n') {
            // the follower's same-line part was on the removed term's line: it goes with it
            Some(nl) => format!("{kept}{}", &np[nl..]),
            None if i == 0 => prefix.clone(),
            None => np,
        };
        next.decor_mut().set_prefix(new);
        return;
    }
    if arr.is_empty() && kept.is_empty() {
        // the last term went: `[]`, not a bracket left dangling on its own line
        let t = arr.trailing().as_str().unwrap_or("").to_string();
        if t.trim().is_empty() {
            arr.set_trailing("");
            arr.set_trailing_comma(false);
        }
    } else if arr.trailing_comma() {
        let t = arr.trailing().as_str().unwrap_or("").to_string();
        arr.set_trailing(format!("{kept}{t}"));
    } else if let Some(prev) = i.checked_sub(1).and_then(|p| arr.get_mut(p)) {
        let s = raw_suffix(prev);
        prev.decor_mut()
            .set_suffix(format!("{s}{kept}{}", raw_suffix(&removed)));
    } else {
        let t = arr.trailing().as_str().unwrap_or("").to_string();
        arr.set_trailing(format!("{kept}{}{t}", raw_suffix(&removed)));
    }
}

/// Append a `[[…terms]]` table right after the last one.
fn append_table(aot: &mut ArrayOfTables, term: &str) {
    let mut t = Table::new();
    t.insert("term", toml_edit::value(term));
    let last = aot.iter().last();
    t.set_position(last.and_then(Table::position));
    if let Some(prefix) = last
        .and_then(|l| l.decor().prefix())
        .and_then(|p| p.as_str())
    {
        // keep the blank-line rhythm between entries, not any comment above the last one
        let blank: String = prefix.chars().filter(|c| *c == '\n').collect();
        t.decor_mut().set_prefix(blank);
    }
    aot.push(t);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# Hand-made lexicon: keep these comments!
name = "test"   # the name
version = "1.0.0"

# Loaded labels
[categories.loaded]
description = "Loaded"
terms = [
  # the classic ones
  "Zionist entity",
  { term = "Zionist regime", variants = ["Zionist regimes"] }, # with variant
  "occupation forces",
]

[categories.nocomma]
terms = [
    "alpha",
    "beta"
]

[categories.commentlast]
terms = [
  "gamma", # about gamma
]

[categories.nocommacomment]
terms = [
  "delta" # about delta
]

[categories.single]
terms = ["one", "two"]

[categories.empty]
terms = []

[categories.parent]
description = "Parent"

[categories.parent.child]
terms = ["kid"]    # trailing comment

[[categories.aot.terms]]
term = "first"

[[categories.aot.terms]]
term = "second"
note = "n"
"#;

    fn p() -> &'static Path {
        Path::new("l.toml")
    }

    fn add(text: &str, cat: &str, t: &str) -> String {
        add_terms(text, p(), cat, &[t.to_string()]).unwrap()
    }

    fn remove(text: &str, t: &str) -> String {
        remove_terms(text, p(), &[t.to_string()], None).unwrap()
    }

    #[test]
    fn add_then_remove_is_byte_identical_everywhere() {
        for cat in [
            "loaded",
            "nocomma",
            "commentlast",
            "nocommacomment",
            "single",
            "empty",
            "parent/child",
            "aot",
        ] {
            let added = add(FILE, cat, "brand new term");
            assert_ne!(added, FILE);
            let lex = load::parse(&added, p()).unwrap();
            let c = lex.category(cat).unwrap();
            assert_eq!(c.terms.last().unwrap().term, "brand new term", "{cat}");
            assert_eq!(remove(&added, "brand new term"), FILE, "{cat}:\n{added}");
        }
    }

    #[test]
    fn added_term_follows_the_array_style() {
        let a = add(FILE, "loaded", "siege");
        assert!(
            a.contains("  \"occupation forces\",\n  \"siege\",\n]"),
            "{a}"
        );
        let a = add(FILE, "nocomma", "gamma ray");
        assert!(a.contains("    \"beta\",\n    \"gamma ray\"\n]"), "{a}");
        let a = add(FILE, "commentlast", "epsilon");
        assert!(
            a.contains("  \"gamma\", # about gamma\n  \"epsilon\",\n]"),
            "{a}"
        );
        let a = add(FILE, "nocommacomment", "epsilon");
        assert!(
            a.contains("  \"delta\", # about delta\n  \"epsilon\"\n]"),
            "{a}"
        );
        let a = add(FILE, "single", "three");
        assert!(a.contains("terms = [\"one\", \"two\", \"three\"]"), "{a}");
        let a = add(FILE, "empty", "three");
        assert!(a.contains("[categories.empty]\nterms = [\"three\"]"), "{a}");
    }

    #[test]
    fn add_creates_missing_categories_at_the_end() {
        let a = add(FILE, "brand-new", "x term");
        assert!(a.starts_with(FILE), "{a}");
        assert!(
            a.ends_with("\n[categories.brand-new]\nterms = [\n  \"x term\",\n]\n"),
            "{a}"
        );
        let a = add(FILE, "fresh/kid", "y term");
        assert!(
            a.ends_with("\n[categories.fresh.kid]\nterms = [\n  \"y term\",\n]\n"),
            "{a}"
        );
        let lex = load::parse(&a, p()).unwrap();
        assert_eq!(lex.category("fresh/kid").unwrap().terms[0].term, "y term");
        let a = add(FILE, "parent", "own term");
        let lex = load::parse(&a, p()).unwrap();
        assert_eq!(lex.category("parent").unwrap().terms[0].term, "own term");
        // a new subcategory of an existing parent goes after its siblings
        let a = add(FILE, "parent/second", "z term");
        assert!(
            a.contains("terms = [\"kid\"]    # trailing comment\n\n[categories.parent.second]\nterms = [\n  \"z term\",\n]\n\n[[categories.aot.terms]]"),
            "{a}"
        );
    }

    #[test]
    fn add_refuses_duplicates_and_bad_terms() {
        let e = add_terms(FILE, p(), "single", &["zionist-regimes".into()]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.toml: `zionist-regimes` is already in the lexicon as `Zionist regimes` (category `loaded`)"
        );
        for bad in ["", "  ", "--!", "*", "a*"] {
            let e = add_terms(FILE, p(), "single", &[bad.into()]).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}: {e}");
        }
        let e = add_terms(FILE, p(), "a/b/c", &["x".into()]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let e = add_terms(FILE, p(), "single", &["x y".into(), "X-Y".into()]).unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
        let e = add_terms("name = [", p(), "single", &["x".into()]).unwrap_err();
        assert!(e.to_string().starts_with("l.toml:1:"), "{e}");
    }

    #[test]
    fn remove_middle_first_and_inline_table_terms() {
        let r = remove(FILE, "zionist REGIME");
        assert!(
            r.contains("  \"Zionist entity\",\n  \"occupation forces\",\n]"),
            "{r}"
        );
        let r = remove(FILE, "Zionist entity");
        assert!(
            r.contains("terms = [\n  # the classic ones\n  { term = \"Zionist regime\""),
            "{r}"
        );
        let r = remove(FILE, "one");
        assert!(r.contains("terms = [\"two\"]"), "{r}");
        let r = remove(FILE, "second");
        assert!(
            !r.contains("second") && r.contains("term = \"first\""),
            "{r}"
        );
        load::parse(&r, p()).unwrap();
        // removing every `[[…terms]]` table keeps the category, now empty
        let r = remove_terms(FILE, p(), &["first".into(), "second".into()], None).unwrap();
        let lex = load::parse(&r, p()).unwrap();
        assert!(lex.category("aot").unwrap().terms.is_empty(), "{r}");
    }

    #[test]
    fn remove_errors() {
        let e = remove_terms(FILE, p(), &["nothing".into()], None).unwrap_err();
        assert_eq!(e.to_string(), "l.toml: no term `nothing`; nothing removed");
        let e = remove_terms(FILE, p(), &["Zionist regimes".into()], None).unwrap_err();
        assert!(
            e.to_string().contains(
                "(`Zionist regimes` is a variant of `Zionist regime` in category `loaded`"
            ),
            "{e}"
        );
        let e = remove_terms(FILE, p(), &["one".into()], Some("nope")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("l.toml: no category `nope` (categories: loaded,"),
            "{e}"
        );
        let e = remove_terms(FILE, p(), &["one".into()], Some("loaded")).unwrap_err();
        assert_eq!(e.to_string(), "l.toml: no term `one` in category `loaded` (it is in category `single`); nothing removed");
        assert_eq!(
            remove_terms(FILE, p(), &["one".into()], Some("single")).unwrap(),
            remove(FILE, "one")
        );
    }

    #[test]
    fn windows_line_endings_are_kept() {
        let crlf = FILE.replace('\n', "\r\n");
        for cat in ["loaded", "nocomma", "commentlast", "new-one"] {
            let added = add(&crlf, cat, "brand new");
            assert!(
                !added.replace("\r\n", "").contains('\n'),
                "{cat}: {added:?}"
            );
            if cat != "new-one" {
                assert_eq!(remove(&added, "brand new"), crlf, "{cat}");
            }
        }
    }

    #[test]
    fn failed_rename_leaves_the_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lex.toml");
        std::fs::write(&path, FILE).unwrap();
        let r = apply_with(
            &path,
            |t| add_terms(t, &path, "single", &["three".into()]),
            |_, _| Err(std::io::Error::other("simulated failure")),
        );
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        apply(&path, |t| add_terms(t, &path, "single", &["three".into()])).unwrap();
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"three\"]"));
    }

    #[test]
    fn apply_refuses_a_result_that_does_not_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lex.toml");
        std::fs::write(&path, FILE).unwrap();
        let e = apply(&path, |_| Ok("broken = [".into())).unwrap_err();
        assert!(e.to_string().contains("file unchanged"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        /// An array element: a plain string or an inline table, with an optional comment line
        /// above it and an optional comment after it on its line.
        fn element() -> impl Strategy<Value = (bool, bool, bool)> {
            (any::<bool>(), any::<bool>(), any::<bool>())
        }

        /// A `terms` array in one of the styles people write by hand.
        fn array_text(
            multiline: bool,
            indent: usize,
            trailing_comma: bool,
            elements: &[(bool, bool, bool)],
        ) -> String {
            let pad = " ".repeat(indent.max(1));
            let mut s = String::from("terms = [");
            let n = elements.len();
            for (i, &(table, comment_above, comment_after)) in elements.iter().enumerate() {
                let value = if table {
                    format!("{{ term = \"t{i}\", note = \"n{i}\" }}")
                } else {
                    format!("\"t{i}\"")
                };
                let last = i + 1 == n;
                let comma = if !last || trailing_comma { "," } else { "" };
                if multiline {
                    if comment_above {
                        s.push_str(&format!("\n{pad}# about t{i}"));
                    }
                    s.push_str(&format!("\n{pad}{value}{comma}"));
                    if comment_after {
                        s.push_str(&format!(" # after t{i}"));
                    }
                } else {
                    if i > 0 {
                        s.push(' ');
                    }
                    s.push_str(&format!("{value}{comma}"));
                }
            }
            if multiline && n > 0 {
                s.push('\n');
            }
            s.push_str("]\n");
            s
        }

        proptest! {
            #[test]
            fn add_then_remove_is_identity(
                multiline in any::<bool>(),
                indent in 0usize..5,
                trailing_comma in any::<bool>(),
                elements in proptest::collection::vec(element(), 0..5),
                header_comment in any::<bool>(),
            ) {
                let mut text = String::from("name = \"p\"\n\n");
                if header_comment {
                    text.push_str("# the category\n");
                }
                text.push_str("[categories.c]\ndescription = \"d\"\n");
                text.push_str(&array_text(multiline, indent, trailing_comma, &elements));
                text.push_str("\n[categories.after]\nterms = [\"z\"]\n");
                prop_assume!(load::parse(&text, p()).is_ok());
                let added = add(&text, "c", "brand new");
                let lex = load::parse(&added, p()).unwrap();
                prop_assert_eq!(&lex.category("c").unwrap().terms.last().unwrap().term, "brand new");
                prop_assert_eq!(lex.category("after").unwrap().terms.len(), 1);
                prop_assert_eq!(remove(&added, "brand new"), text);
            }
        }
    }
}
