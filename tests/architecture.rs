//! The pipeline's shape, checked from the source: imports run one way, down the stages of
//! `docs/architecture.md`, and no two files import each other, directly or around a circle.
//!
//! The check reads every `src/**/*.rs` file of the library (not the `cli`, which sits on top
//! and uses the library as any user would), keeps the code before its `#[cfg(test)]` module
//! (tests may build whatever they check), and collects the modules each file names through
//! `crate::…` and `super::…` paths, in `use` declarations and inline alike.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in pipeline order, with the stages each may import (besides itself and the
/// utilities). `align`, `diff` and `compare` on one side and `lexicon` on the other are
/// parallel branches: neither may import the other.
const STAGES: &[(&str, &[&str])] = &[
    ("ingest", &[]),
    ("segment", &["ingest"]),
    ("align", &["ingest", "segment"]),
    ("diff", &["ingest", "segment", "align"]),
    ("compare", &["ingest", "segment", "align", "diff"]),
    ("lexicon", &["ingest", "segment"]),
    (
        "analysis",
        &["ingest", "segment", "align", "diff", "compare", "lexicon"],
    ),
    (
        "report",
        &[
            "ingest", "segment", "align", "diff", "compare", "lexicon", "analysis",
        ],
    ),
];

/// Modules below every stage: any stage may use them; they use no stage.
const UTILITIES: &[&str] = &["bytescan", "error", "output", "text"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library source file (the `cli` folder and `main.rs` excluded), as module paths
/// (`["report", "html"]`) with their code before any `#[cfg(test)]`.
fn library_files() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src folder reads") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = src();
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap();
        let mut parts: Vec<String> = rel
            .iter()
            .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if parts[0] == "cli" || parts[0] == "main" {
            continue;
        }
        if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
            parts.pop();
        }
        let text = std::fs::read_to_string(&f).expect("source reads");
        let code = match text.find("#[cfg(test)]") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        out.insert(parts, code);
    }
    out
}

/// The code with comments and string literals blanked, so doc comments that mention
/// `crate::report` do not count as imports.
fn strip(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.lines() {
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            out.push(if in_str { ' ' } else { c });
            prev = c;
        }
        out.push('\n');
    }
    out
}

/// The module paths a file refers to: `crate::a::b` → `[a, b]`, `super::x` resolved against
/// the file's own module, `use crate::a::{b, c}` → `[a, b]` and `[a, c]`.
fn references(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let code = strip(code);
    let mut out = BTreeSet::new();
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", module[..module.len().saturating_sub(1)].to_vec()),
    ] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut path = base.clone();
            let mut tail = rest;
            loop {
                let ident: String = tail
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if ident.is_empty() {
                    // `crate::{a, b}`: each name in braces is a path of its own
                    if let Some(inner) = tail.strip_prefix('{') {
                        let end = inner.find('}').unwrap_or(inner.len());
                        for item in inner[..end].split(',') {
                            let name: String = item
                                .trim()
                                .chars()
                                .take_while(|c| c.is_alphanumeric() || *c == '_')
                                .collect();
                            if !name.is_empty() && name != "self" {
                                let mut p = path.clone();
                                p.push(name);
                                out.insert(p);
                            }
                        }
                    }
                    break;
                }
                tail = &tail[ident.len()..];
                path.push(ident);
                match tail.strip_prefix("::") {
                    Some(t) => tail = t,
                    None => break,
                }
            }
            if !path.is_empty() {
                out.insert(path);
            }
        }
    }
    out
}

/// The longest known module that is a prefix of `path` (an item path ends in a type or a
/// function, not a file).
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// File-level import graph: module → modules it refers to (itself and its own descendants
/// excluded: a parent re-exporting its children is not an upward import).
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = library_files();
    let modules: BTreeSet<Vec<String>> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(m, code)| {
            let targets = references(m, code)
                .iter()
                .filter_map(|p| resolve(p, &modules))
                .filter(|t| !t.starts_with(m))
                .collect();
            (m.clone(), targets)
        })
        .collect()
}

#[test]
fn imports_run_down_the_pipeline() {
    let rank: BTreeMap<&str, &[&str]> = STAGES.iter().copied().collect();
    let mut wrong = Vec::new();
    let g = graph();
    assert!(g.len() > 40, "found only {} library files", g.len());
    for (from, targets) in &g {
        let Some(stage) = from.first() else { continue };
        for to in targets {
            let Some(target) = to.first() else { continue };
            if target == stage || UTILITIES.contains(&target.as_str()) {
                continue;
            }
            let ok = if UTILITIES.contains(&stage.as_str()) {
                false
            } else {
                rank.get(stage.as_str())
                    .is_some_and(|allowed| allowed.contains(&target.as_str()))
            };
            if !ok {
                wrong.push(format!("{} imports {}", from.join("::"), to.join("::")));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline (see docs/architecture.md):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_circles() {
    let g = graph();
    // Depth-first search for a back edge; report the circle it closes.
    fn visit(
        n: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
        circles: &mut Vec<String>,
    ) {
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for t in g.get(n).into_iter().flatten() {
            // a child naming its parent module (`super::Item` re-exported there) is reading
            // the parent's interface, not an edge of a circle through the parent's file
            if n.starts_with(t) {
                continue;
            }
            match state.get(t).copied().unwrap_or(0) {
                0 => visit(t, g, state, stack, circles),
                1 => {
                    let from = stack.iter().position(|s| s == t).unwrap();
                    let names: Vec<String> = stack[from..]
                        .iter()
                        .chain(std::iter::once(t))
                        .map(|s| s.join("::"))
                        .collect();
                    circles.push(names.join(" → "));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for n in g.keys() {
        if state.get(n).copied().unwrap_or(0) == 0 {
            visit(n, &g, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_check_sees_real_imports() {
    // The parser itself: a doc comment is not an import, braces expand, `super` resolves.
    let m = vec!["report".to_string(), "html".to_string()];
    let refs = references(
        &m,
        "/// see crate::cli::Thing\nuse crate::analysis::{framing, terms::Row};\nuse super::view::Report;\nlet x = crate::align::align(a);\n",
    );
    let want: BTreeSet<Vec<String>> = [
        vec!["analysis", "framing"],
        vec!["analysis", "terms"],
        vec!["report", "view", "Report"],
        vec!["align", "align"],
        vec!["analysis"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(refs, want);
}
