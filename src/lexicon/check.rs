//! `framediff lexicon check`: find the mistakes that make a well-formed lexicon count wrongly.
//!
//! The loader already rejects what cannot be a lexicon (bad TOML, wrong types, empty terms, lone
//! wildcards). This module looks for what loads fine but counts wrong, each reported at the
//! `file:line:column` of the offending string:
//!
//! * **duplicates** (problem): two forms with the same folded form ([`fold`]: normalised text,
//!   hyphens and spaces alike) in the same or different categories, as term or variant; one
//!   occurrence would steal every hit from the other. A variant equal to its own term is the
//!   same-term case.
//! * **shadowed by a glob** (problem): a literal form that another term's glob also matches
//!   (`occupied` next to `occupi*`), or a glob inside a broader one (`occupi*` next to
//!   `occup*`): the matcher can give each hit to one term only. Within one term it is only
//!   redundant (warning).
//! * **shadowed by a longer term** (warning): a form that occurs inside a longer form of a term
//!   in *another* category (`resistance` in `a`, `axis of resistance` in `b`): the matcher takes
//!   the longest match, so hits inside the longer phrase count for `b` only. Often intended, so it
//!   does not fail the check unless `--strict`. Not a finding at all when the shorter form is a
//!   *reference* term and the longer one *loaded* (`Iran` inside `Iran-backed`): the loaded
//!   phrase absorbing the neutral word is what roles are for — the phrase is the framing, and
//!   counting `Iran` there too would credit the outlet with a plain mention it did not make.
//!   The other way round (a loaded word inside a reference phrase: the reference phrase hides
//!   framing) and within one role it stays a warning.
//! * **empty categories** (problem): no terms and no subcategory with terms.
//! * **useless exceptions** (problem): an `except` phrase that does not contain its term or a
//!   variant, so it can never apply.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use toml_edit::{Item, Table, Value};

use super::load;
use super::model::{fold, Role};
use crate::{Error, Result};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Makes counts wrong or misleading; fails the check.
    Problem,
    /// Worth a look; fails the check only with `--strict`.
    Warning,
}

/// One finding, located in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based line in the lexicon file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Problem (the lexicon counts wrongly) or warning (probably intended).
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
}

/// The result of checking one well-formed lexicon file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The lexicon file checked.
    pub path: PathBuf,
    /// Number of categories (subcategories included).
    pub categories: usize,
    /// Number of terms.
    pub terms: usize,
    /// Sorted by position in the file.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of findings of severity problem.
    pub fn problems(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Problem)
            .count()
    }

    /// Number of findings of severity warning.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.problems()
    }

    /// One `file:line:column: severity: message` line per finding.
    pub fn render_findings(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let sev = match f.severity {
                Severity::Problem => "problem",
                Severity::Warning => "warning",
            };
            out.push_str(&format!(
                "{}:{}:{}: {sev}: {}\n",
                self.path.display(),
                f.line,
                f.column,
                f.message
            ));
        }
        out
    }

    /// `FILE: N categories, M terms, …` — the summary line.
    pub fn summary(&self) -> String {
        format!("{}: {}", self.path.display(), self.counts())
    }

    /// `N categories, M terms, K problems…` — the summary without the file name.
    pub fn counts(&self) -> String {
        let counts = match (self.problems(), self.warnings()) {
            (0, 0) => "no problems".to_string(),
            (0, w) => format!("no problems, {}", plural(w, "warning")),
            (p, 0) => plural(p, "problem"),
            (p, w) => format!("{}, {}", plural(p, "problem"), plural(w, "warning")),
        };
        format!(
            "{}, {}, {counts}",
            plural(self.categories, "category"),
            plural(self.terms, "term")
        )
    }
}

fn plural(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "category") => format!("{n} categories"),
        _ => format!("{n} {what}s"),
    }
}

/// Words of a folded form or phrase, with punctuation around each word dropped (wildcards kept).
fn words(form: &str) -> Vec<String> {
    fold(form)
        .split(' ')
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '*' || c == '?'))
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_glob(form: &str) -> bool {
    form.contains(['*', '?'])
}

/// Does glob word `pattern` (`*` any run of characters, `?` one character) match `word`?
/// A `?` never matches a literal `*` in `word`, so a glob is only said to cover another glob when
/// it really matches everything the other does.
pub fn glob_match(pattern: &str, word: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let w: Vec<char> = word.chars().collect();
    let (mut pi, mut wi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while wi < w.len() {
        if pi < p.len() && (p[pi] == w[wi] && p[pi] != '*' || p[pi] == '?' && w[wi] != '*') {
            pi += 1;
            wi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, wi));
            pi += 1;
        } else if let Some((sp, sw)) = star {
            pi = sp + 1;
            wi = sw + 1;
            star = Some((sp, sw + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Does the word sequence `pattern` match `words` exactly, word by word?
fn words_match(pattern: &[String], words: &[String]) -> bool {
    pattern.len() == words.len() && pattern.iter().zip(words).all(|(p, w)| glob_match(p, w))
}

/// Does `pattern` match some window of `words`?
fn occurs_in(pattern: &[String], words: &[String]) -> bool {
    !pattern.is_empty()
        && pattern.len() <= words.len()
        && words
            .windows(pattern.len())
            .any(|win| words_match(pattern, win))
}

/// A term or variant string with where it is.
#[derive(Debug, Clone)]
struct Form {
    category: String,
    /// Index of the owning term across the whole file.
    term: usize,
    text: String,
    at: usize,
}

/// An `except` phrase with its term.
struct Except {
    term: usize,
    text: String,
    at: usize,
}

/// Everything located in one file.
#[derive(Default)]
struct Located {
    /// (category id, key offset, own term count)
    categories: Vec<(String, usize, usize)>,
    forms: Vec<Form>,
    excepts: Vec<Except>,
    /// canonical text of each term, by term index
    term_names: Vec<String>,
}

/// Check the lexicon file at `path`. A file the loader rejects is an `Err` with its
/// `file:line:column`; otherwise the findings (possibly none) are in the [`Report`].
pub fn check_file(path: &Path) -> Result<Report> {
    super::import::require_toml(path, "check")?;
    load::load(path)?; // every read/format error, exactly as `--lexicon` would report it
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    check_text(&text, path)
}

/// Check lexicon TOML `text`; `path` is used in messages.
pub fn check_text(text: &str, path: &Path) -> Result<Report> {
    let lex = load::parse(text, path)?;
    let doc = toml_edit::Document::parse(text).map_err(|e| Error::Lexicon {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("invalid TOML: {}", e.message().trim()),
    })?;
    let mut loc = Located::default();
    if let Some(cats) = doc.as_table().get("categories").and_then(Item::as_table) {
        walk_categories(cats, None, &mut loc);
    }
    let mut findings = Vec::new();
    // line starts, so each finding's line:column is a binary search, not a scan of the file
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let pos = |at: usize| {
        let at = at.min(text.len());
        let line = starts.partition_point(|&s| s <= at);
        let start = starts[line - 1];
        let column = text.get(start..at).map(|s| s.chars().count()).unwrap_or(0);
        (line, column + 1)
    };
    let mut push = |at: usize, severity, message: String| {
        let (line, column) = pos(at);
        findings.push(Finding {
            line,
            column,
            severity,
            message,
        });
    };

    // duplicates
    let mut first: BTreeMap<String, &Form> = BTreeMap::new();
    for f in &loc.forms {
        let key = fold(&f.text);
        match first.get(&key) {
            None => {
                first.insert(key, f);
            }
            Some(prev) if prev.term == f.term => push(
                f.at,
                Severity::Problem,
                format!(
                    "variant `{}` is the same as its term `{}`",
                    f.text, loc.term_names[f.term]
                ),
            ),
            Some(prev) => {
                let (l, c) = pos(prev.at);
                let where_ = if prev.category == f.category {
                    "in the same category".to_string()
                } else {
                    format!("in category `{}`", prev.category)
                };
                push(
                    f.at,
                    Severity::Problem,
                    format!(
                        "duplicate `{}`: already listed as `{}` at {l}:{c} {where_}",
                        f.text, prev.text
                    ),
                )
            }
        }
    }

    // shadowed by globs, and by longer terms in other categories
    let folded: Vec<String> = loc.forms.iter().map(|f| fold(&f.text)).collect();
    let wordss: Vec<Vec<String>> = loc.forms.iter().map(|f| words(&f.text)).collect();
    let globs: Vec<usize> = (0..loc.forms.len())
        .filter(|&j| is_glob(&loc.forms[j].text))
        .collect();
    // forms by each literal word they contain, so a form is compared only with the longer forms
    // that could contain it (lexicons run to thousands of forms)
    let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (j, ws) in wordss.iter().enumerate() {
        for w in ws.iter().collect::<BTreeSet<_>>() {
            by_word.entry(w.as_str()).or_default().push(j);
        }
    }
    let everyone: Vec<usize> = (0..loc.forms.len()).collect();
    let role_of = |category: &str| lex.category(category).map_or(Role::Loaded, |c| c.role);
    for (i, f) in loc.forms.iter().enumerate() {
        let fw = &wordss[i];
        for &j in &globs {
            let g = &loc.forms[j];
            if i == j || folded[i] == folded[j] || !words_match(&wordss[j], fw) {
                continue;
            }
            let (l, c) = pos(g.at);
            let (severity, what) = if g.term == f.term {
                (Severity::Warning, "is redundant: its term's glob")
            } else {
                (Severity::Problem, "is shadowed: the glob")
            };
            push(
                f.at,
                severity,
                format!(
                    "`{}` {what} `{}` at {l}:{c} already matches it",
                    f.text, g.text
                ),
            );
        }
        let candidates = match fw.iter().find(|w| !is_glob(w)) {
            Some(w) => by_word.get(w.as_str()).unwrap_or(&everyone),
            None => &everyone,
        };
        for &j in candidates {
            let g = &loc.forms[j];
            let gw = &wordss[j];
            if g.category == f.category || gw.len() <= fw.len() || !occurs_in(fw, gw) {
                continue;
            }
            if role_of(&f.category) == Role::Reference && role_of(&g.category) == Role::Loaded {
                continue; // the loaded phrase absorbs the neutral word, as intended
            }
            let (l, c) = pos(g.at);
            push(
                f.at,
                Severity::Warning,
                format!(
                    "`{}` occurs inside the longer `{}` at {l}:{c} (category `{}`): hits there count only for the longer term",
                    f.text, g.text, g.category
                ),
            );
        }
    }

    // empty categories
    for (idx, (id, at, own)) in loc.categories.iter().enumerate() {
        let prefix = format!("{id}/");
        let in_children: usize = loc.categories[idx + 1..]
            .iter()
            .take_while(|(c, _, _)| c.starts_with(&prefix))
            .map(|(_, _, n)| n)
            .sum();
        if own + in_children == 0 {
            push(
                *at,
                Severity::Problem,
                format!("category `{id}` is empty: it has no terms"),
            );
        }
    }

    // exceptions that cannot apply
    for e in &loc.excepts {
        let ew = words(&e.text);
        let forms: Vec<usize> = (0..loc.forms.len())
            .filter(|&k| loc.forms[k].term == e.term)
            .collect();
        if !forms.iter().any(|&k| occurs_in(&wordss[k], &ew)) {
            push(
                e.at,
                Severity::Problem,
                format!(
                    "exception `{}` does not contain the term `{}` (or a variant), so it never applies",
                    e.text, loc.term_names[e.term]
                ),
            );
        }
    }

    findings.sort_by(|a, b| {
        (a.line, a.column, a.severity, &a.message).cmp(&(b.line, b.column, b.severity, &b.message))
    });
    findings.dedup();
    Ok(Report {
        path: path.to_path_buf(),
        categories: lex.categories.len(),
        terms: lex.term_count(),
        findings,
    })
}

/// Header tables in document order, then values, as the loader orders them.
fn ordered(table: &Table) -> Vec<(&str, &Item, usize)> {
    let mut v: Vec<_> = table
        .iter()
        .map(|(k, it)| {
            let key_at = table
                .key(k)
                .and_then(|k| k.span())
                .map(|s| s.start)
                .unwrap_or(0);
            let order = match it {
                Item::Table(t) => (t.position().unwrap_or(isize::MAX), key_at),
                _ => (isize::MIN, key_at),
            };
            (k, it, key_at, order)
        })
        .collect();
    v.sort_by_key(|e| e.3);
    v.into_iter().map(|(k, it, at, _)| (k, it, at)).collect()
}

fn walk_categories(table: &Table, parent: Option<&str>, loc: &mut Located) {
    for (key, item, at) in ordered(table) {
        let Item::Table(cat) = item else { continue };
        let id = match parent {
            Some(p) => format!("{p}/{key}"),
            None => key.to_string(),
        };
        let before = loc.term_names.len();
        if let Some(terms) = cat.get("terms") {
            walk_terms(&id, terms, loc);
        }
        loc.categories
            .push((id.clone(), at, loc.term_names.len() - before));
        if parent.is_none() {
            walk_categories(cat, Some(&id), loc);
        }
    }
}

fn start(span: Option<Range<usize>>) -> usize {
    span.map(|s| s.start).unwrap_or(0)
}

fn walk_terms(category: &str, item: &Item, loc: &mut Located) {
    match item {
        Item::Value(Value::Array(arr)) => {
            for v in arr.iter() {
                match v {
                    Value::String(s) => {
                        add_term(loc, category, s.value(), start(v.span()));
                    }
                    Value::InlineTable(t) => {
                        let entries: Vec<(&str, &Value)> = t.iter().collect();
                        add_table_term(loc, category, &entries, start(v.span()));
                    }
                    _ => {}
                }
            }
        }
        Item::ArrayOfTables(aot) => {
            for t in aot.iter() {
                let entries: Vec<(&str, &Value)> = t
                    .iter()
                    .filter_map(|(k, it)| Some((k, it.as_value()?)))
                    .collect();
                add_table_term(loc, category, &entries, start(t.span()));
            }
        }
        _ => {}
    }
}

fn add_term(loc: &mut Located, category: &str, text: &str, at: usize) -> usize {
    let idx = loc.term_names.len();
    loc.term_names.push(text.to_string());
    loc.forms.push(Form {
        category: category.to_string(),
        term: idx,
        text: text.to_string(),
        at,
    });
    idx
}

fn add_table_term(loc: &mut Located, category: &str, entries: &[(&str, &Value)], at: usize) {
    let Some((_, term)) = entries.iter().find(|(k, _)| *k == "term") else {
        return;
    };
    let Some(text) = term.as_str() else { return };
    let idx = add_term(loc, category, text, start(term.span()).max(at));
    for (k, v) in entries {
        let Some(arr) = v.as_array() else { continue };
        for x in arr.iter() {
            let Some(s) = x.as_str() else { continue };
            match *k {
                "variants" => loc.forms.push(Form {
                    category: category.to_string(),
                    term: idx,
                    text: s.to_string(),
                    at: start(x.span()),
                }),
                "except" => loc.excepts.push(Except {
                    term: idx,
                    text: s.to_string(),
                    at: start(x.span()),
                }),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Report {
        check_text(s, Path::new("l.toml")).unwrap()
    }

    fn lines(r: &Report) -> Vec<String> {
        r.render_findings().lines().map(str::to_string).collect()
    }

    #[test]
    fn clean_file_has_no_findings() {
        let r = check("name = \"x\"\n[categories.a]\nterms = [\"occupation\", { term = \"regime\", except = [\"regime change\"] }]\n");
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.summary(), "l.toml: 1 category, 2 terms, no problems");
    }

    #[test]
    fn duplicates_across_categories_and_forms() {
        let r = check(
            "name = \"x\"\n[categories.a]\nterms = [\"Hamas-run\", { term = \"regime\", variants = [\"Regime\"] }]\n[categories.b]\nterms = [\"hamas run\"]\n",
        );
        let l = lines(&r);
        assert!(
            l.iter()
                .any(|x| x
                    .starts_with("l.toml:3:54: problem: variant `Regime` is the same as its term")),
            "{l:?}"
        );
        assert!(l.iter().any(|x| x == "l.toml:5:10: problem: duplicate `hamas run`: already listed as `Hamas-run` at 3:10 in category `a`"), "{l:?}");
        assert_eq!(r.problems(), 2);
    }

    #[test]
    fn glob_shadowing() {
        let r = check("name = \"x\"\n[categories.a]\nterms = [\"occupi*\"]\n[categories.b]\nterms = [\"occupied\", \"occup*\"]\n");
        let l = lines(&r);
        assert!(l.iter().any(|x| x == "l.toml:5:10: problem: `occupied` is shadowed: the glob `occupi*` at 3:10 already matches it"), "{l:?}");
        assert!(
            l.iter()
                .any(|x| x
                    .starts_with("l.toml:3:10: problem: `occupi*` is shadowed: the glob `occup*`")),
            "{l:?}"
        );
    }

    #[test]
    fn longer_terms_in_other_categories_warn() {
        let r = check("name = \"x\"\n[categories.a]\nterms = [\"resistance\"]\n[categories.b]\nterms = [\"axis of resistance\"]\n");
        assert_eq!(r.problems(), 0);
        assert_eq!(r.warnings(), 1);
        assert!(r.findings[0]
            .message
            .contains("inside the longer `axis of resistance`"));
        assert_eq!((r.findings[0].line, r.findings[0].column), (3, 10));
    }

    /// A reference word inside a loaded phrase is what roles are for; every other pairing of
    /// roles still warns.
    #[test]
    fn reference_inside_loaded_is_not_a_warning() {
        let lex = |inner: &str, outer: &str| {
            format!("name = \"x\"\n[categories.a]\nrole = \"{inner}\"\nterms = [\"Iran\"]\n[categories.b]\nrole = \"{outer}\"\nterms = [\"Iran-backed\"]\n")
        };
        assert!(check(&lex("reference", "loaded")).findings.is_empty());
        for (inner, outer) in [
            ("loaded", "reference"),
            ("loaded", "loaded"),
            ("reference", "reference"),
        ] {
            let r = check(&lex(inner, outer));
            assert_eq!(r.warnings(), 1, "{inner} in {outer}: {:?}", r.findings);
        }
        // inherited: a subcategory of a reference category is reference
        let r = check("name = \"x\"\n[categories.ref]\nrole = \"reference\"\nterms = []\n[categories.ref.states]\nterms = [\"Iran\"]\n[categories.b]\nterms = [\"backed by Iran\"]\n");
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }

    #[test]
    fn empty_categories_and_useless_exceptions() {
        let r = check("name = \"x\"\n[categories.p]\n[categories.p.c]\nterms = []\n[categories.q]\nterms = [{ term = \"resistance\", except = [\"antimicrobial resistance\", \"drug tolerance\"] }]\n");
        let l = lines(&r);
        assert!(
            l.contains(&"l.toml:2:13: problem: category `p` is empty: it has no terms".to_string()),
            "{l:?}"
        );
        assert!(
            l.contains(
                &"l.toml:3:15: problem: category `p/c` is empty: it has no terms".to_string()
            ),
            "{l:?}"
        );
        assert!(
            l.iter()
                .any(|x| x.starts_with("l.toml:6:71: problem: exception `drug tolerance`")),
            "{l:?}"
        );
        assert_eq!(r.problems(), 3);
    }

    #[test]
    fn glob_matching() {
        assert!(glob_match("occupi*", "occupied"));
        assert!(glob_match("occup*", "occupi*"));
        assert!(!glob_match("occupi*", "occup*"));
        assert!(glob_match("col?r", "color"));
        assert!(!glob_match("ab?", "ab*"));
        assert!(glob_match("*ism", "zionism"));
    }
}
