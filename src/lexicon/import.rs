//! Reading the dictionaries researchers already have: quanteda YAML, LIWC `.dic`, Lexicoder
//! `.lc3`, WordStat `.cat` and Yoshikoder `.ykd`.
//!
//! Every format is parsed into one small tree of named categories holding terms (with the line each
//! came from), and `build` turns that tree into a [`Lexicon`] the same way for all of them:
//!
//! * category ids are readable slugs of the names ([`slug`]: lowercase, spaces to `-`, other
//!   punctuation dropped), made unique with `-2`, `-3`…; the original name becomes the
//!   description;
//! * the first level of nesting becomes subcategories (`parent/child`); deeper levels are
//!   flattened into their level-1 ancestor's subcategory (`parent/child-grandchild`), with a note
//!   in the description, because lexicon TOML nests one level;
//! * terms are trimmed and checked exactly as the TOML loader checks them; a term the loader would
//!   reject (`:)`, a lone `*`) or a repeat within one category is skipped with a warning naming
//!   its `file:line`, rather than failing a thousand-term import on one emoticon;
//! * all-capital terms from Lexicoder and WordStat (their convention) are lower-cased; matching
//!   is case-insensitive either way, this only makes tables readable.
//!
//! Syntax errors stop the import with `file:line[:column]: reason`.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::load::{self, form_problem, line_column};
use super::model::{fold, Category, Lexicon, Term};
use crate::{Error, Result};

/// A lexicon file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// framediff's own lexicon TOML.
    Toml,
    /// quanteda dictionary YAML (`.yml`, `.yaml`).
    Quanteda,
    /// LIWC dictionary (`.dic`).
    Liwc,
    /// Lexicoder dictionary (`.lc3`).
    Lexicoder,
    /// WordStat categorisation dictionary (`.cat`).
    Wordstat,
    /// Yoshikoder dictionary XML (`.ykd`).
    Yoshikoder,
}

impl Format {
    /// The format a file's extension says it is, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "toml" => Format::Toml,
            "yml" | "yaml" => Format::Quanteda,
            "dic" => Format::Liwc,
            "lc3" => Format::Lexicoder,
            "cat" => Format::Wordstat,
            "ykd" => Format::Yoshikoder,
            _ => return None,
        })
    }

    /// Human name, used in messages and the header of imported files.
    pub fn label(self) -> &'static str {
        match self {
            Format::Toml => "framediff lexicon TOML",
            Format::Quanteda => "quanteda YAML dictionary",
            Format::Liwc => "LIWC .dic dictionary",
            Format::Lexicoder => "Lexicoder .lc3 dictionary",
            Format::Wordstat => "WordStat .cat dictionary",
            Format::Yoshikoder => "Yoshikoder .ykd dictionary",
        }
    }
}

/// The result of an import: the lexicon plus what was skipped or changed on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The converted lexicon.
    pub lexicon: Lexicon,
    /// The format it was read as (given, or guessed from the extension).
    pub format: Format,
    /// `file:line: …` messages about skipped terms, flattened categories and the like.
    pub warnings: Vec<String>,
}

/// Load a lexicon in any supported format: TOML (also any unknown extension) through the loader,
/// the others through [`import`]. Import warnings are dropped; use [`import`] to show them.
pub fn load_any(path: &Path) -> Result<Lexicon> {
    match Format::from_path(path) {
        None | Some(Format::Toml) => load::load(path),
        Some(f) => Ok(import(path, Some(f), None)?.lexicon),
    }
}

/// Refuse to `check` or edit a dictionary in a foreign format: those commands work on lexicon
/// TOML (positions, comments), so point the user at `import` instead of a baffling TOML error.
pub fn require_toml(path: &Path, command: &str) -> Result<()> {
    match Format::from_path(path) {
        None | Some(Format::Toml) => Ok(()),
        Some(f) => Err(Error::Usage(format!(
            "{}: `lexicon {command}` works on lexicon TOML, this is a {}; convert it first with `framediff lexicon import {} -o NAME.toml`",
            path.display(),
            f.label(),
            path.display()
        ))),
    }
}

/// Import the dictionary at `path`. `format` None means "by extension"; `name` overrides the
/// lexicon name (default: the dictionary's own name, else the file stem).
pub fn import(path: &Path, format: Option<Format>, name: Option<&str>) -> Result<Imported> {
    let format = match format.or_else(|| Format::from_path(path)) {
        Some(f) => f,
        None => {
            return Err(Error::Usage(format!(
                "{}: cannot tell the dictionary format from the file name; use --format quanteda|liwc|lexicoder|wordstat|yoshikoder",
                path.display()
            )))
        }
    };
    let bytes = crate::text::read_user_file(path, "dictionary file")?;
    let mut warnings = Vec::new();
    let text = decode(&bytes, path, format, &mut warnings)?;
    let mut imported = import_text(&text, path, format, name)?;
    warnings.append(&mut imported.warnings);
    imported.warnings = warnings;
    Ok(imported)
}

/// Import dictionary `text` in `format`; `path` names the source in messages.
pub fn import_text(
    text: &str,
    path: &Path,
    format: Format,
    name: Option<&str>,
) -> Result<Imported> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut tree = Tree::default();
    match format {
        Format::Toml => {
            let lexicon = load::parse(text, path)?;
            let lexicon = match name {
                Some(n) => Lexicon {
                    name: n.to_string(),
                    ..lexicon
                },
                None => lexicon,
            };
            return Ok(Imported {
                lexicon,
                format,
                warnings: Vec::new(),
            });
        }
        Format::Quanteda => parse_quanteda(text, path, &mut tree)?,
        Format::Liwc => parse_liwc(text, path, &mut tree)?,
        Format::Lexicoder => parse_lexicoder(text, path, &mut tree)?,
        Format::Wordstat => parse_wordstat(text, path, &mut tree)?,
        Format::Yoshikoder => parse_yoshikoder(text, path, &mut tree)?,
    }
    Ok(build(tree, path, format, name))
}

/// The imported lexicon as TOML, with a comment header saying where it came from.
pub fn to_toml_with_header(imported: &Imported, source: &Path) -> String {
    let file = source
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.display().to_string());
    let mut header = vec![
        format!(
            "Imported by `framediff lexicon import` from {file} ({}).",
            imported.format.label()
        ),
        "Category ids are made from the dictionary's names; the names are kept as descriptions."
            .to_string(),
        "Check with `framediff lexicon check`; formats are described in docs/lexicon-formats.md."
            .to_string(),
    ];
    let skipped = imported
        .warnings
        .iter()
        .filter(|w| w.contains(": skipped "))
        .count();
    if skipped > 0 {
        header.push(format!(
            "{skipped} entries were skipped during import (see the warnings it printed)."
        ));
    }
    super::write::to_toml(&imported.lexicon, &header)
}

/// UTF-8 (BOM allowed) for every format; the line-based ones (.dic, .lc3, .cat) are often saved
/// as Windows-1252 by older tools, so those are decoded as such with a warning instead of failing.
fn decode(bytes: &[u8], path: &Path, format: Format, warnings: &mut Vec<String>) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) if matches!(format, Format::Liwc | Format::Lexicoder | Format::Wordstat) => {
            warnings.push(format!(
                "{}: not UTF-8 (invalid byte at offset {}); read as Windows-1252",
                path.display(),
                e.valid_up_to()
            ));
            Ok(encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned())
        }
        Err(e) => Err(Error::input(
            path,
            format!(
                "is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )),
    }
}

/// A readable category id from a dictionary's category name.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "category".to_string()
    } else {
        out
    }
}

/// Categories as parsed, before ids are made.
#[derive(Default)]
struct Tree {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    /// A name the dictionary gives itself (Yoshikoder).
    name: Option<String>,
    warnings: Vec<String>,
}

struct Node {
    name: String,
    terms: Vec<(String, usize)>,
    children: Vec<usize>,
}

impl Tree {
    fn add(&mut self, parent: Option<usize>, name: &str) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            name: name.trim().to_string(),
            terms: Vec::new(),
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.nodes[p].children.push(id),
            None => self.roots.push(id),
        }
        id
    }

    fn term(&mut self, node: usize, term: &str, line: usize) {
        self.nodes[node].terms.push((term.to_string(), line));
    }
}

fn build(tree: Tree, path: &Path, format: Format, name: Option<&str>) -> Imported {
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
    let file = file.unwrap_or_else(|| path.display().to_string());
    let stem = path
        .file_stem()
        .map(|s| slug(&s.to_string_lossy()))
        .unwrap_or_else(|| "imported".to_string());
    let mut b = Builder {
        path,
        caps: matches!(format, Format::Lexicoder | Format::Wordstat),
        categories: Vec::new(),
        used: BTreeSet::new(),
        warnings: tree.warnings.clone(),
    };
    for &root in &tree.roots {
        let node = &tree.nodes[root];
        let id = b.unique(slug(&node.name));
        b.category(&tree, root, id.clone(), node.name.clone());
        for &child in &node.children {
            let c = &tree.nodes[child];
            let cid = b.unique(format!("{id}/{}", slug(&c.name)));
            b.category(&tree, child, cid.clone(), c.name.clone());
            let mut stack: Vec<(usize, String, String)> = c
                .children
                .iter()
                .rev()
                .map(|&g| (g, cid.clone(), c.name.clone()))
                .collect();
            // deeper levels: flattened, depth first, in file order
            while let Some((g, parent_id, parent_path)) = stack.pop() {
                let gn = &tree.nodes[g];
                let gid = b.unique(format!("{parent_id}-{}", slug(&gn.name)));
                let gpath = format!("{parent_path} > {}", gn.name);
                b.warnings.push(format!(
                    "{}: category `{} > {gpath}` nests deeper than one level; flattened into `{gid}`",
                    path.display(),
                    node.name
                ));
                b.category(
                    &tree,
                    g,
                    gid.clone(),
                    format!(
                        "{} > {gpath} (flattened: lexicon TOML nests categories one level)",
                        node.name
                    ),
                );
                for &gg in gn.children.iter().rev() {
                    stack.push((gg, gid.clone(), gpath.clone()));
                }
            }
        }
    }
    let name = name
        .map(str::to_string)
        .or_else(|| tree.name.as_deref().map(slug))
        .unwrap_or(stem);
    Imported {
        lexicon: Lexicon {
            name,
            description: format!("Imported from {file} ({})", format.label()),
            version: "0".to_string(),
            categories: b.categories,
        },
        format,
        warnings: b.warnings,
    }
}

struct Builder<'a> {
    path: &'a Path,
    caps: bool,
    categories: Vec<Category>,
    used: BTreeSet<String>,
    warnings: Vec<String>,
}

impl Builder<'_> {
    fn unique(&mut self, id: String) -> String {
        let mut candidate = id.clone();
        let mut n = 2;
        while self.used.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }

    fn category(&mut self, tree: &Tree, node: usize, id: String, description: String) {
        // a name that is already its own id says nothing more as a description
        let description = if slug(&description) == description {
            String::new()
        } else {
            description
        };
        let mut seen = BTreeSet::new();
        let mut terms = Vec::new();
        for (raw, line) in &tree.nodes[node].terms {
            let mut t = crate::text::collapse_whitespace(raw);
            if self.caps && t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
            {
                t = t.to_lowercase();
            }
            if let Some(problem) = form_problem(&t) {
                self.warnings.push(format!(
                    "{}:{line}: skipped `{raw}`: {problem}",
                    self.path.display()
                ));
                continue;
            }
            if !seen.insert(fold(&t)) {
                self.warnings.push(format!(
                    "{}:{line}: skipped `{raw}`: already in category `{id}`",
                    self.path.display()
                ));
                continue;
            }
            terms.push(Term::new(t));
        }
        // none of these formats has roles: everything they list is what they measure
        self.categories.push(Category {
            id,
            description,
            role: Default::default(),
            terms,
        });
    }
}

fn err(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Error {
    Error::Lexicon {
        path: path.to_path_buf(),
        line,
        column,
        message: message.into(),
    }
}

// ---------------------------------------------------------------------------------------------
// quanteda YAML

/// A YAML node in document order, with positions on every child.
enum Yaml {
    Scalar(String),
    Null,
    Seq(Vec<Spanned<Yaml>>),
    Map(Vec<(Spanned<Yaml>, Spanned<Yaml>)>),
}

impl<'de> Deserialize<'de> for Yaml {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Yaml;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a YAML value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Scalar(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Scalar(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Scalar(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Null)
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<Yaml, E> {
                Ok(Yaml::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Yaml, D::Error> {
                Yaml::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> std::result::Result<Yaml, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element::<Spanned<Yaml>>()? {
                    v.push(x);
                }
                Ok(Yaml::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> std::result::Result<Yaml, A::Error> {
                let mut v = Vec::new();
                while let Some(k) = a.next_key::<Spanned<Yaml>>()? {
                    let val = a.next_value::<Spanned<Yaml>>()?;
                    v.push((k, val));
                }
                Ok(Yaml::Map(v))
            }
        }
        d.deserialize_any(V)
    }
}

fn pos<T>(s: &Spanned<T>) -> (usize, usize) {
    (
        (s.referenced.line() as usize).max(1),
        (s.referenced.column() as usize).max(1),
    )
}

fn parse_quanteda(text: &str, path: &Path, tree: &mut Tree) -> Result<()> {
    let root: Spanned<Yaml> = serde_saphyr::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((1, 1));
        let message = e.without_snippet().to_string();
        let message = message.lines().next().unwrap_or("").trim().to_string();
        let message = strip_location(&message);
        err(
            path,
            line.max(1),
            column.max(1),
            format!("invalid YAML: {message}"),
        )
    })?;
    let Yaml::Map(entries) = root.value else {
        let (l, c) = pos(&root);
        return Err(err(
            path,
            l,
            c,
            "a quanteda dictionary must be a map of category names to lists of terms",
        ));
    };
    for (k, v) in entries {
        quanteda_category(path, tree, None, k, v)?;
    }
    Ok(())
}

/// saphyr messages may end in "at line X column Y"; the position is already in front.
fn strip_location(m: &str) -> String {
    match m.find(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m.to_string(),
    }
}

fn quanteda_key(path: &Path, k: &Spanned<Yaml>) -> Result<String> {
    match &k.value {
        Yaml::Scalar(s) => Ok(s.clone()),
        _ => {
            let (l, c) = pos(k);
            Err(err(path, l, c, "a category name must be a plain string"))
        }
    }
}

fn quanteda_category(
    path: &Path,
    tree: &mut Tree,
    parent: Option<usize>,
    key: Spanned<Yaml>,
    value: Spanned<Yaml>,
) -> Result<()> {
    let name = quanteda_key(path, &key)?;
    let node = tree.add(parent, &name);
    let (vl, _) = pos(&value);
    match value.value {
        Yaml::Null => {}
        Yaml::Scalar(s) => tree.term(node, &s, vl),
        Yaml::Map(entries) => {
            for (k, v) in entries {
                quanteda_category(path, tree, Some(node), k, v)?;
            }
        }
        Yaml::Seq(items) => {
            for item in items {
                let (l, c) = pos(&item);
                match item.value {
                    Yaml::Scalar(s) => tree.term(node, &s, l),
                    Yaml::Map(entries) => {
                        for (k, v) in entries {
                            quanteda_category(path, tree, Some(node), k, v)?;
                        }
                    }
                    Yaml::Null => {}
                    Yaml::Seq(_) => {
                        return Err(err(
                            path,
                            l,
                            c,
                            format!("a list inside the term list of `{name}`: expected a term or a `name:` subcategory"),
                        ))
                    }
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// LIWC .dic

fn parse_liwc(text: &str, path: &Path, tree: &mut Tree) -> Result<()> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    // the legend, between the first two `%` lines
    loop {
        match lines.next() {
            None => {
                return Err(err(
                    path,
                    1,
                    1,
                    "empty file: a LIWC dictionary starts with a `%` line",
                ))
            }
            Some((_, l)) if l.trim().is_empty() => continue,
            Some((_, l)) if l.trim() == "%" => break,
            Some((n, _)) => {
                return Err(err(
                    path,
                    n,
                    1,
                    "a LIWC dictionary starts with a `%` line, then `id<TAB>name` lines, then `%`",
                ))
            }
        }
    }
    let mut ids: Vec<(String, usize)> = Vec::new();
    let mut implicit: Vec<usize> = Vec::new();
    let mut closed = false;
    for (n, l) in lines.by_ref() {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        if t == "%" {
            closed = true;
            break;
        }
        let mut parts = t.splitn(2, char::is_whitespace);
        let id = parts.next().unwrap_or("");
        let name = parts.next().unwrap_or("").trim();
        if !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(err(
                path,
                n,
                col(l, id),
                format!("category id `{id}` is not a number (legend lines are `id<TAB>name`)"),
            ));
        }
        if name.is_empty() {
            return Err(err(
                path,
                n,
                col(l, id) + id.len(),
                format!("category {id} has no name"),
            ));
        }
        let id = id.trim_start_matches('0').to_string();
        if ids.iter().any(|(i, _)| *i == id) {
            return Err(err(
                path,
                n,
                1,
                format!("category id {id} is defined twice"),
            ));
        }
        // `parent/child` names (as `lexicon export --to dic` writes them) nest again
        let node = match name.split_once('/') {
            Some((p, c)) if !p.trim().is_empty() && !c.trim().is_empty() && !c.contains('/') => {
                let existing = tree
                    .roots
                    .iter()
                    .copied()
                    .find(|&r| tree.nodes[r].name == p.trim());
                let parent = match existing {
                    Some(r) => r,
                    None => {
                        let r = tree.add(None, p);
                        implicit.push(r);
                        r
                    }
                };
                tree.add(Some(parent), c)
            }
            // a parent first created by a `parent/child` name above: that is this category
            _ => match implicit.iter().position(|&r| tree.nodes[r].name == name) {
                Some(k) => implicit.remove(k),
                None => tree.add(None, name),
            },
        };
        ids.push((id, node));
    }
    if !closed {
        return Err(err(
            path,
            text.lines().count().max(1),
            1,
            "the category legend is not closed by a `%` line",
        ));
    }
    for (n, l) in lines {
        if l.trim().is_empty() {
            continue;
        }
        let (term, cats): (String, Vec<&str>) = if l.contains('\t') {
            let mut f = l.split('\t');
            let term = f.next().unwrap_or("").trim().to_string();
            (term, f.map(str::trim).filter(|s| !s.is_empty()).collect())
        } else {
            // space-separated: the trailing numbers are category ids, the rest is the term
            let toks: Vec<&str> = l.split_whitespace().collect();
            let k = toks
                .iter()
                .rposition(|t| !t.chars().all(|c| c.is_ascii_digit()))
                .map(|i| i + 1)
                .unwrap_or(0);
            (toks[..k].join(" "), toks[k..].to_vec())
        };
        if cats.is_empty() {
            tree.warnings.push(format!(
                "{}:{n}: skipped `{term}`: no category id",
                path.display()
            ));
            continue;
        }
        for c in cats {
            if !c.chars().all(|ch| ch.is_ascii_digit()) {
                tree.warnings.push(format!(
                    "{}:{n}: skipped `{term}` for `{c}`: LIWC conditional entries are not supported",
                    path.display()
                ));
                continue;
            }
            let id = c.trim_start_matches('0');
            match ids.iter().find(|(i, _)| i == id) {
                Some(&(_, node)) => tree.term(node, &term, n),
                None => {
                    return Err(err(
                        path,
                        n,
                        col(l, c),
                        format!("category id {c} is not in the legend"),
                    ))
                }
            }
        }
    }
    Ok(())
}

/// 1-based character column of `needle` (a slice of `line`, or its first occurrence).
fn col(line: &str, needle: &str) -> usize {
    let at = (needle.as_ptr() as usize)
        .checked_sub(line.as_ptr() as usize)
        .filter(|&o| o + needle.len() <= line.len() && line.is_char_boundary(o))
        .or_else(|| line.find(needle))
        .unwrap_or(0);
    line[..at].chars().count() + 1
}

// ---------------------------------------------------------------------------------------------
// Lexicoder .lc3

fn parse_lexicoder(text: &str, path: &Path, tree: &mut Tree) -> Result<()> {
    let mut current = None;
    for (i, l) in text.lines().enumerate() {
        let n = i + 1;
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(name) = t.strip_prefix('+') {
            if name.trim().is_empty() {
                return Err(err(path, n, col(l, t), "`+` with no category name"));
            }
            current = Some(tree.add(None, name));
        } else {
            match current {
                Some(c) => tree.term(c, t, n),
                None => {
                    return Err(err(
                        path,
                        n,
                        col(l, t),
                        "term before the first `+category` line",
                    ))
                }
            }
        }
    }
    if tree.roots.is_empty() {
        return Err(err(
            path,
            1,
            1,
            "no `+category` line: not a Lexicoder dictionary",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// WordStat .cat

/// `TERM (1)`: a term with its weight; anything else is a category.
fn wordstat_term(t: &str) -> Option<&str> {
    let body = t.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let weight = body[open + 1..].trim();
    let numeric = !weight.is_empty()
        && weight
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    numeric.then(|| body[..open].trim_end())
}

fn parse_wordstat(text: &str, path: &Path, tree: &mut Tree) -> Result<()> {
    // open categories by depth
    let mut stack: Vec<usize> = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let n = i + 1;
        if l.trim().is_empty() {
            continue;
        }
        let depth = l.chars().take_while(|&c| c == '\t').count();
        let t = l.trim();
        if let Some(term) = wordstat_term(t) {
            if stack.is_empty() {
                return Err(err(path, n, col(l, t), "term outside any category"));
            }
            let owner = stack[depth.saturating_sub(1).min(stack.len() - 1)];
            tree.term(owner, &term.replace('_', " "), n);
        } else {
            stack.truncate(depth);
            let parent = stack.last().copied();
            let node = tree.add(parent, t);
            stack.push(node);
        }
    }
    if tree.roots.is_empty() {
        return Err(err(
            path,
            1,
            1,
            "no category found: not a WordStat dictionary",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Yoshikoder .ykd

/// Deepest category nesting a Yoshikoder file may have. Real dictionaries nest a few levels;
/// every level below the first is flattened into a name that repeats its ancestors, so a
/// hostile file nesting 100,000 `<cnode>`s would need gigabytes (found by issue 6's tests).
const MAX_DEPTH: usize = 32;

fn parse_yoshikoder(text: &str, path: &Path, tree: &mut Tree) -> Result<()> {
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    let mut reader = Reader::from_str(text);
    let xml_err = |at: u64, m: String| {
        let (l, c) = line_column(text, at as usize);
        err(path, l, c, m)
    };
    let name_of = |e: &BytesStart, at: u64| -> Result<Option<String>> {
        match e.try_get_attribute("name") {
            Ok(Some(a)) => a
                .normalized_value(quick_xml::XmlVersion::default())
                .map(|v| Some(v.into_owned()))
                .map_err(|x| xml_err(at, format!("invalid XML: {x}"))),
            Ok(None) => Ok(None),
            Err(x) => Err(xml_err(at, format!("invalid XML: {x}"))),
        }
    };
    let mut stack: Vec<usize> = Vec::new();
    let mut loose: Option<usize> = None;
    let mut seen_root = false;
    // The reader only moves forward, so the line number is kept up to date incrementally:
    // `line_column` from the start of the text for every event is quadratic in the file size.
    let (mut line_at, mut l) = (0usize, 1usize);
    loop {
        let at = reader.buffer_position();
        let ev = reader
            .read_event()
            .map_err(|e| xml_err(reader.error_position(), format!("invalid XML: {e}")))?;
        let upto = (at as usize).min(text.len());
        if upto > line_at {
            l += text.as_bytes()[line_at..upto]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            line_at = upto;
        }
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().into_inner() {
                    "dictionary" => {
                        seen_root = true;
                        tree.name = name_of(e, at)?;
                    }
                    "cnode" => {
                        let name = name_of(e, at)?.ok_or_else(|| {
                            xml_err(at, "<cnode> without a name attribute".into())
                        })?;
                        if !empty && stack.len() >= MAX_DEPTH {
                            return Err(xml_err(
                                at,
                                format!("categories nest more than {MAX_DEPTH} levels deep"),
                            ));
                        }
                        let node = tree.add(stack.last().copied(), &name);
                        if !empty {
                            stack.push(node);
                        }
                    }
                    "pnode" => {
                        let name = name_of(e, at)?.ok_or_else(|| {
                            xml_err(at, "<pnode> without a name attribute".into())
                        })?;
                        let owner = match stack.last() {
                            Some(&c) => c,
                            None => *loose.get_or_insert_with(|| {
                                tree.warnings.push(format!(
                                    "{}:{l}: patterns outside any category go into `uncategorised`",
                                    path.display()
                                ));
                                tree.add(None, "uncategorised")
                            }),
                        };
                        tree.term(owner, &name, l);
                    }
                    _ => {}
                }
            }
            Event::End(ref e) if e.local_name().into_inner() == "cnode" => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(err(
            path,
            1,
            1,
            "no <dictionary> element: not a Yoshikoder dictionary",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imp(text: &str, file: &str) -> Imported {
        let p = Path::new(file);
        import_text(text, p, Format::from_path(p).unwrap(), None).unwrap()
    }

    /// Regression (issue 6): 100,000 nested `<cnode>`s ran for minutes and took gigabytes.
    #[test]
    fn yoshikoder_nesting_is_bounded() {
        let deep = format!(
            "<dictionary>\n{}<pnode name=\"siege\"/>{}</dictionary>",
            "<cnode name=\"a\">\n".repeat(100_000),
            "</cnode>".repeat(100_000)
        );
        let e = imp_err(&deep, "deep.ykd");
        assert!(
            e.starts_with("deep.ykd:34:1: categories nest more than 32 levels"),
            "{e}"
        );
        let ok = format!(
            "<dictionary>{}<pnode name=\"siege\"/>{}</dictionary>",
            "<cnode name=\"a\">".repeat(32),
            "</cnode>".repeat(32)
        );
        assert_eq!(imp(&ok, "ok.ykd").lexicon.term_count(), 1);
    }

    /// Term lines stay right with the incremental line counter.
    #[test]
    fn yoshikoder_term_lines() {
        let text =
            "<dictionary>\n<cnode name=\"a\">\n\n<pnode name=\":)\"/>\n</cnode>\n</dictionary>\n";
        let w = imp(text, "l.ykd").warnings;
        assert!(w.iter().any(|w| w.starts_with("l.ykd:4:")), "{w:?}");
    }

    fn imp_err(text: &str, file: &str) -> String {
        let p = Path::new(file);
        import_text(text, p, Format::from_path(p).unwrap(), None)
            .unwrap_err()
            .to_string()
    }

    fn summary(l: &Lexicon) -> Vec<(String, Vec<String>)> {
        l.categories
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.terms.iter().map(|t| t.term.clone()).collect(),
                )
            })
            .collect()
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn slugs_are_readable_and_unique() {
        assert_eq!(slug("Negative Emotion"), "negative-emotion");
        assert_eq!(slug("  Anger (ANG)! "), "anger-ang");
        assert_eq!(slug("?!"), "category");
        let i = imp("%\n1\tPosemo\n2\tposemo\n%\ngood\t1\tfine\t2\n", "d.dic");
        let i2 = imp("%\n1\tPosemo\n2\tposemo\n%\ngood\t1\nfine\t2\n", "d.dic");
        assert_eq!(summary(&i2.lexicon)[1].0, "posemo-2");
        assert!(!i.warnings.is_empty());
    }

    #[test]
    fn quanteda_nested_and_flattened() {
        let y = "economy:\n  - tax*\n  - \"jobs\"\nsecurity:\n  military:\n    - army\n    - troops\n  police:\n    local:\n      - sheriff\n  terror: [terror*]\nmixed:\n  - own term\n  - sub:\n      - sub term\n";
        let i = imp(y, "x.yml");
        assert_eq!(
            summary(&i.lexicon),
            vec![
                ("economy".to_string(), s(&["tax*", "jobs"])),
                ("security".to_string(), vec![]),
                ("security/military".to_string(), s(&["army", "troops"])),
                ("security/police".to_string(), vec![]),
                ("security/police-local".to_string(), s(&["sheriff"])),
                ("security/terror".to_string(), s(&["terror*"])),
                ("mixed".to_string(), s(&["own term"])),
                ("mixed/sub".to_string(), s(&["sub term"])),
            ]
        );
        assert!(
            i.warnings[0].contains("flattened into `security/police-local`"),
            "{:?}",
            i.warnings
        );
        assert_eq!(i.lexicon.name, "x");
    }

    #[test]
    fn quanteda_errors_have_positions() {
        let e = imp_err("a:\n  - x\n b: [", "x.yaml");
        assert!(e.starts_with("x.yaml:"), "{e}");
        assert!(e.contains("invalid YAML"), "{e}");
        assert_eq!(
            imp_err("- a\n- b\n", "x.yaml"),
            "x.yaml:1:1: a quanteda dictionary must be a map of category names to lists of terms"
        );
        let e = imp_err("a:\n  - [x, y]\n", "x.yaml");
        assert!(e.starts_with("x.yaml:2:5: a list inside"), "{e}");
    }

    #[test]
    fn liwc_multi_category_and_errors() {
        let d =
            "%\n1\tfunction words\n2\tpronoun\n3\tanger\n%\nI\t1\t2\nhate*\t3\nkind of\t1\n:)\t3\n";
        let i = imp(d, "d.dic");
        assert_eq!(
            summary(&i.lexicon),
            vec![
                ("function-words".to_string(), s(&["I", "kind of"])),
                ("pronoun".to_string(), s(&["I"])),
                ("anger".to_string(), s(&["hate*"])),
            ]
        );
        assert_eq!(
            i.warnings,
            ["d.dic:9: skipped `:)`: term `:)` has no letters or digits"]
        );
        assert_eq!(imp_err("1 a\n%\n", "d.dic"), "d.dic:1:1: a LIWC dictionary starts with a `%` line, then `id<TAB>name` lines, then `%`");
        assert_eq!(
            imp_err("%\n1\ta\n%\nx\t7\n", "d.dic"),
            "d.dic:4:3: category id 7 is not in the legend"
        );
        assert!(imp_err("%\n1\ta\n", "d.dic").contains("not closed"));
        // a child listed before its parent
        let i = imp("%\n1\ta/b\n2\ta\n%\nx\t1\ny\t2\n", "d.dic");
        assert_eq!(
            summary(&i.lexicon),
            vec![("a".to_string(), s(&["y"])), ("a/b".to_string(), s(&["x"]))]
        );
        // space separated
        let i = imp("%\n01 posemo\n%\nvery good 01\n", "d.dic");
        assert_eq!(
            summary(&i.lexicon),
            vec![("posemo".to_string(), s(&["very good"]))]
        );
    }

    #[test]
    fn lexicoder_and_wordstat() {
        let i = imp(
            "+negative\nABANDON*\nABUSE* OF\n\n+positive\nABILITY*\nAbility*\n",
            "l.lc3",
        );
        assert_eq!(
            summary(&i.lexicon),
            vec![
                ("negative".to_string(), s(&["abandon*", "abuse* of"])),
                ("positive".to_string(), s(&["ability*"])),
            ]
        );
        assert!(i.warnings[0].contains("l.lc3:7: skipped `Ability*`: already in category"));
        assert_eq!(
            imp_err("ABANDON\n+neg\n", "l.lc3"),
            "l.lc3:1:1: term before the first `+category` line"
        );

        let c = "ECONOMY\n\tTAXES\n\t\tTAX* (1)\n\t\tINCOME_TAX (1)\n\tJOBS (1)\nSECURITY\n\tARMY (2)\n";
        let i = imp(c, "w.cat");
        assert_eq!(
            summary(&i.lexicon),
            vec![
                ("economy".to_string(), s(&["jobs"])),
                ("economy/taxes".to_string(), s(&["tax*", "income tax"])),
                ("security".to_string(), s(&["army"])),
            ]
        );
        assert_eq!(
            imp_err("\tX (1)\n", "w.cat"),
            "w.cat:1:2: term outside any category"
        );
    }

    #[test]
    fn yoshikoder() {
        let x = r#"<?xml version="1.0" encoding="UTF-8"?>
<dictionary style="088" name="My Dict">
  <cnode name="Positive">
    <pnode name="good"/>
    <cnode name="Strong">
      <pnode name="great*"/>
      <cnode name="Deep"><pnode name="superb"/></cnode>
    </cnode>
  </cnode>
  <cnode name="Negative &amp; bad"><pnode name="bad"></pnode></cnode>
</dictionary>
"#;
        let i = imp(x, "y.ykd");
        assert_eq!(i.lexicon.name, "my-dict");
        assert_eq!(
            summary(&i.lexicon),
            vec![
                ("positive".to_string(), s(&["good"])),
                ("positive/strong".to_string(), s(&["great*"])),
                ("positive/strong-deep".to_string(), s(&["superb"])),
                ("negative-bad".to_string(), s(&["bad"])),
            ]
        );
        assert_eq!(i.lexicon.categories[3].description, "Negative & bad");
        let e = imp_err(
            "<dictionary>\n<cnode name=\"a\">\n</pnode>\n</dictionary>",
            "y.ykd",
        );
        assert!(e.starts_with("y.ykd:3:"), "{e}");
        let e = imp_err("<dictionary>\n<cnode>\n</cnode></dictionary>", "y.ykd");
        assert_eq!(e, "y.ykd:2:1: <cnode> without a name attribute");
    }

    #[test]
    fn imported_lexicons_write_and_load_back() {
        let i = imp("%\n1\tA b\n%\nx y\t1\n", "d.dic");
        let text = super::super::write::to_toml(&i.lexicon, &[]);
        let back = load::parse(&text, Path::new("d.toml")).unwrap();
        assert_eq!(back, i.lexicon);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever the bytes, every importer returns a result (never panics), and whatever
            /// it returns is a lexicon the TOML writer and loader accept.
            #[test]
            fn importers_never_panic(
                text in "[%+\t\n a-zA-Z0-9_*?:()<>/=\"'&;#-]{0,200}",
            ) {
                for (file, f) in [
                    ("x.yml", Format::Quanteda),
                    ("x.dic", Format::Liwc),
                    ("x.lc3", Format::Lexicoder),
                    ("x.cat", Format::Wordstat),
                    ("x.ykd", Format::Yoshikoder),
                ] {
                    if let Ok(i) = import_text(&text, Path::new(file), f, None) {
                        let toml = super::super::super::write::to_toml(&i.lexicon, &[]);
                        prop_assert!(load::parse(&toml, Path::new("x.toml")).is_ok(), "{}", toml);
                    }
                }
            }

            /// Well-formed LIWC files with any names and terms import into a loadable lexicon.
            #[test]
            fn any_liwc_names_and_terms_round_trip_through_toml(
                names in proptest::collection::vec("\\PC{1,12}", 1..5),
                terms in proptest::collection::vec(("\\PC{1,15}", 1usize..5), 0..10),
            ) {
                let names: Vec<String> = names
                    .iter()
                    .map(|n| n.replace(['%', '\t'], "x").trim().to_string())
                    .map(|n| if n.is_empty() { "n".to_string() } else { n })
                    .collect();
                let mut text = String::from("%\n");
                for (i, n) in names.iter().enumerate() {
                    text.push_str(&format!("{}\t{n}\n", i + 1));
                }
                text.push_str("%\n");
                for (t, c) in &terms {
                    let t = t.replace('\t', " ");
                    if t.trim().is_empty() {
                        continue;
                    }
                    text.push_str(&format!("{t}\t{}\n", (c - 1) % names.len() + 1));
                }
                let i = import_text(&text, Path::new("x.dic"), Format::Liwc, None);
                prop_assert!(i.is_ok(), "{:?}\n{}", i.err(), text);
                if let Ok(i) = i {
                    let toml = super::super::super::write::to_toml(&i.lexicon, &[]);
                    let back = load::parse(&toml, Path::new("x.toml"));
                    prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), toml);
                    if let Ok(back) = back {
                        prop_assert_eq!(back, i.lexicon);
                    }
                }
            }
        }
    }
}
