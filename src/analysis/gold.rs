//! Gold annotation for `lexicon evaluate`: one JSON object per line,
//!
//! ```text
//! {"id": "e01-fox", "text": "…" | "path": "e01/fox.txt", "spans": [{"start": 10, "end": 22, "label": "lex"}]}
//! ```
//!
//! `start`/`end` are **character** offsets (Unicode scalar values, what Python's `str` indexes)
//! into the text, end exclusive: annotation tools and corpora count characters, not UTF-8
//! bytes. `path` is relative to the gold file. Offsets are turned into byte offsets here, once,
//! so the evaluation compares them with hits directly. Any line that is not such an object is
//! an error naming `file:line`; blank lines are skipped. Full description:
//! `docs/lexicon-evaluate.md`.

use std::path::Path;

use serde::Deserialize;

use crate::{Error, Result};

/// One annotated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    /// The document's `id`.
    pub id: String,
    /// Its text (given inline, or read from `path`).
    pub text: String,
    /// The annotated spans, as byte ranges into `text`, in file order.
    pub spans: Vec<GoldSpan>,
}

/// One annotated span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSpan {
    /// First byte in the document's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The annotation's label, if it has one (e.g. `lex`).
    pub label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    path: Option<String>,
    spans: Vec<SpanLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpanLine {
    start: usize,
    end: usize,
    #[serde(default)]
    label: Option<String>,
}

/// Read a gold file. Errors are `file:line: message` (a document's own file: `file: message`).
pub fn read(path: &Path) -> Result<Vec<GoldDoc>> {
    let text = crate::text::read_utf8_file(path, "gold JSONL file")?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse(&text, path, base)
}

/// Parse gold JSONL `text`; `path` names it in errors, `base` is where `path` entries are
/// looked up.
pub fn parse(text: &str, path: &Path, base: &Path) -> Result<Vec<GoldDoc>> {
    let mut out = Vec::new();
    let mut ids = std::collections::BTreeMap::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let at = |msg: String| Error::input(format!("{}:{n}", path.display()), msg);
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| {
            // serde's message carries its own "at line 1 column N": keep the column only
            let msg = e.to_string();
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.clone(), |(m, _)| format!("{m} (column {})", e.column()));
            at(format!("not a gold document: {msg}"))
        })?;
        if line.id.trim().is_empty() {
            return Err(at("`id` is empty".into()));
        }
        if let Some(prev) = ids.insert(line.id.clone(), n) {
            return Err(at(format!(
                "id `{}` is already used on line {prev}",
                line.id
            )));
        }
        let doc_text = match (line.text, line.path) {
            (Some(t), None) => t,
            (None, Some(p)) => {
                let file = base.join(&p);
                let bytes = std::fs::read(&file).map_err(|e| at(format!("{p}: {e}")))?;
                String::from_utf8(bytes).map_err(|e| {
                    at(format!(
                        "{p}: not UTF-8 text (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ))
                })?
            }
            (Some(_), Some(_)) => return Err(at("give `text` or `path`, not both".into())),
            (None, None) => return Err(at("no `text` and no `path`".into())),
        };
        // character offset → byte offset, for every character boundary and the end
        let bytes: Vec<usize> = doc_text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(doc_text.len()))
            .collect();
        let chars = bytes.len() - 1;
        let mut spans = Vec::with_capacity(line.spans.len());
        for (k, s) in line.spans.into_iter().enumerate() {
            if s.start >= s.end || s.end > chars {
                return Err(at(format!(
                    "span {}: {}..{} is not a non-empty range inside the text ({chars} characters)",
                    k + 1,
                    s.start,
                    s.end
                )));
            }
            spans.push(GoldSpan {
                start: bytes[s.start],
                end: bytes[s.end],
                label: s.label,
            });
        }
        out.push(GoldDoc {
            id: line.id,
            text: doc_text,
            spans,
        });
    }
    if out.is_empty() {
        return Err(Error::input(path, "has no gold documents"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Vec<GoldDoc>> {
        parse(s, Path::new("g.jsonl"), Path::new("."))
    }

    #[test]
    fn character_offsets_become_byte_offsets() {
        // Ḥ (3 bytes) and ā (2 bytes) put the byte offsets after them 3 bytes past the characters
        let g = p(r#"{"id":"a","text":"Ḥizbullāh slammed “them”","spans":[{"start":10,"end":17,"label":"lex"},{"start":0,"end":9}]}"#).unwrap();
        let d = &g[0];
        assert_eq!(&d.text[d.spans[0].start..d.spans[0].end], "slammed");
        assert_eq!(&d.text[d.spans[1].start..d.spans[1].end], "Ḥizbullāh");
        assert_eq!(d.spans[0].label.as_deref(), Some("lex"));
        assert_eq!(d.spans[1].label, None);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = |s: &str| p(s).unwrap_err().to_string();
        assert_eq!(
            e("\n{\"id\":\"a\",\"text\":\"abc\",\"spans\":[{\"start\":2,\"end\":9}]}"),
            "g.jsonl:2: span 1: 2..9 is not a non-empty range inside the text (3 characters)"
        );
        assert!(e("{\"id\":\"a\",\"spans\":[]}").starts_with("g.jsonl:1: no `text`"));
        assert!(
            e("{\"id\":\"a\",\"text\":\"x\",\"path\":\"y\",\"spans\":[]}")
                .starts_with("g.jsonl:1: give `text` or `path`")
        );
        assert!(e("not json").starts_with("g.jsonl:1: not a gold document:"));
        assert!(e("{\"id\":\"a\",\"text\":\"x\",\"spans\":[],\"extra\":1}")
            .contains("unknown field `extra`"));
        assert_eq!(
            e("{\"id\":\"a\",\"text\":\"x\",\"spans\":[]}\n{\"id\":\"a\",\"text\":\"y\",\"spans\":[]}"),
            "g.jsonl:2: id `a` is already used on line 1"
        );
        assert_eq!(e("\n\n"), "g.jsonl: has no gold documents");
        assert!(e("{\"id\":\"a\",\"path\":\"no/such.txt\",\"spans\":[]}")
            .starts_with("g.jsonl:1: no/such.txt: "));
    }
}
