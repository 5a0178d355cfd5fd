//! `framediff._framediff`: the Python binding of the framediff library.
//!
//! No logic lives here or in the Python package: every function reads its inputs the way the CLI
//! reads files, calls the same library functions as the matching CLI command, and hands Python
//! what the CLI's JSON renderer writes (parsed by Python's own `json`), so a result is equal to
//! the CLI's JSON by construction rather than by a second implementation kept in step. The GIL
//! is released while the library works, so a thread pool runs reports in parallel.

use std::path::{Path, PathBuf};

use framediff::align::AlignOptions;
use framediff::analysis::framing::LexiconFraming;
use framediff::analysis::{evaluate as eval, gold, terms as count};
use framediff::compare::Comparison;
use framediff::ingest::{self, Document, IngestOptions};
use framediff::lexicon::{self as lex, check, Matcher};
use framediff::output::{self, AtomicFile};
use framediff::report::document::{self, ReportFormat};
use framediff::report::terms as render_terms;
use framediff::report::{align as render_align, evaluate as render_eval, lexicon as render_lex};
use framediff::Error;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

create_exception!(
    _framediff,
    FramediffError,
    PyException,
    "Base class of every error framediff raises."
);
create_exception!(
    _framediff,
    InputError,
    FramediffError,
    "A report or other input could not be read or used; `.file` names it."
);
create_exception!(
    _framediff,
    LexiconError,
    FramediffError,
    "A lexicon file is malformed; `.file`, `.line` and `.column` (1-based) say where."
);
create_exception!(
    _framediff,
    OutputError,
    FramediffError,
    "A report file could not be written; `.file` names it."
);

/// A library error as the Python exception a caller can catch: arguments that cannot be
/// (`Error::Usage`, an unknown pivot) are `ValueError`s, like any bad argument in Python.
fn py_err(py: Python<'_>, e: Error) -> PyErr {
    let message = e.to_string();
    let (err, file, at) = match e {
        Error::Usage(_) | Error::UnknownLabel { .. } | Error::NoLexicon => {
            return PyValueError::new_err(message)
        }
        Error::Lexicon {
            path, line, column, ..
        } => (
            LexiconError::new_err(message),
            Some(path),
            Some((line, column)),
        ),
        Error::Io { path, .. } | Error::Input { path, .. } => {
            (InputError::new_err(message), Some(path), None)
        }
        Error::Output { path, .. } => (OutputError::new_err(message), Some(path), None),
        _ => (FramediffError::new_err(message), None, None),
    };
    let value = err.value(py);
    let file = file.map(|p| p.to_string_lossy().into_owned());
    let (line, column) = at.unzip();
    // setting attributes on a fresh exception object cannot fail in practice; if it did, the
    // message still says everything
    let _ = value.setattr("file", file);
    let _ = value.setattr("line", line);
    let _ = value.setattr("column", column);
    err
}

/// One report as given from Python: text, raw bytes (decoded as the CLI decodes files), or a
/// path read as the CLI reads it.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl Input {
    fn extract(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Input::Text(s.to_cow()?.into_owned()));
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Input::Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(p) = obj.extract::<PathBuf>() {
            return Ok(Input::Path(p));
        }
        Err(PyTypeError::new_err(format!(
            "a report must be str (text), bytes or a path (os.PathLike), not {}",
            obj.get_type().name()?
        )))
    }

    /// Read it into a [`Document`]; the `n`th report (0-based) of text or bytes is named
    /// `<report n+1>` in messages and labelled `report n+1` unless a label is given.
    fn read(self, n: usize, opts: &IngestOptions) -> framediff::Result<Document> {
        match self {
            Input::Path(p) => {
                // `-` means stdin to the CLI; from Python it is a file of that name
                let name = p.to_string_lossy().into_owned();
                let name = if name == "-" { "./-".to_string() } else { name };
                ingest::read_document(&name, opts)
            }
            Input::Text(t) => Self::unnamed(t.into_bytes(), n, opts),
            Input::Bytes(b) => Self::unnamed(b, n, opts),
        }
    }

    fn unnamed(bytes: Vec<u8>, n: usize, opts: &IngestOptions) -> framediff::Result<Document> {
        let mut opts = opts.clone();
        opts.label
            .get_or_insert_with(|| format!("report {}", n + 1));
        ingest::from_vec(bytes, &format!("<report {}>", n + 1), &opts)
    }
}

/// How reports are read: the CLI's `--label`, `--keep-boilerplate` and `--segmented`.
struct Reading {
    labels: Vec<String>,
    keep_boilerplate: bool,
    segmented: bool,
}

impl Reading {
    fn read_all(&self, inputs: Vec<Input>) -> framediff::Result<Vec<Document>> {
        if self.labels.len() > inputs.len() {
            return Err(Error::Usage(format!(
                "{} labels given for {} reports",
                self.labels.len(),
                inputs.len()
            )));
        }
        inputs
            .into_iter()
            .enumerate()
            .map(|(i, input)| {
                let opts = IngestOptions {
                    label: self.labels.get(i).cloned(),
                    keep_boilerplate: self.keep_boilerplate,
                    segmented: self.segmented,
                };
                input.read(i, &opts)
            })
            .collect()
    }
}

/// The lexicons named from Python (file paths, built-in names or `Lexicon` objects), as the
/// CLI's `--lexicon` strings.
fn lexicon_names(lexicons: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(seq) = lexicons else {
        return Ok(Vec::new());
    };
    if seq.is_instance_of::<PyString>() || seq.extract::<PyRef<'_, Lexicon>>().is_ok() {
        return lexicon_names(Some(&PyList::new(seq.py(), [seq])?.into_any()));
    }
    seq.try_iter()?
        .map(|item| {
            let item = item?;
            if let Ok(l) = item.extract::<PyRef<'_, Lexicon>>() {
                return Ok(l.spec.clone());
            }
            let p: PathBuf = item.extract().map_err(|_| {
                PyTypeError::new_err("a lexicon must be a path, a built-in name or a Lexicon")
            })?;
            Ok(p.to_string_lossy().into_owned())
        })
        .collect()
}

fn load_lexicons(names: &[String], default_lexicons: bool) -> framediff::Result<Vec<lex::Lexicon>> {
    lex::resolve(names, !default_lexicons).map_err(|e| match e {
        Error::NoLexicon => Error::Usage(
            "no lexicon to use: default_lexicons=False needs at least one lexicon".into(),
        ),
        e => e,
    })
}

fn inputs(reports: &Bound<'_, PyTuple>) -> PyResult<Vec<Input>> {
    reports.iter().map(|r| Input::extract(&r)).collect()
}

fn labels_of(labels: Option<Vec<String>>) -> Vec<String> {
    labels.unwrap_or_default()
}

/// Python's `json.loads` of what a renderer wrote: the same objects a caller gets from the
/// CLI's output.
fn parse_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

fn render(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> framediff::Result<String> {
    let mut buf = Vec::new();
    f(&mut buf).map_err(|e| output::render_error(Path::new("<memory>"), e))?;
    String::from_utf8(buf).map_err(|e| Error::Internal(e.to_string()))
}

/// Non-fatal problems (the CLI prints them on stderr) as Python warnings.
fn warn(py: Python<'_>, messages: &[String]) -> PyResult<()> {
    if messages.is_empty() {
        return Ok(());
    }
    let warnings = py.import("warnings")?;
    for m in messages {
        warnings.call_method1(
            "warn",
            (format!("framediff: {m}"), py.get_type::<PyUserWarningT>()),
        )?;
    }
    Ok(())
}

type PyUserWarningT = pyo3::exceptions::PyUserWarning;

fn doc_warnings(docs: &[Document]) -> Vec<String> {
    docs.iter()
        .flat_map(|d| d.warnings.iter().map(move |w| format!("{}: {w}", d.path)))
        .collect()
}

/// Segment, align and diff against the pivot, as the CLI's `comparison` does.
fn comparison(
    docs: Vec<Document>,
    pivot: Option<&str>,
    threshold: Option<f64>,
    model: Option<std::path::PathBuf>,
) -> framediff::Result<Comparison> {
    if let Some(t) = threshold.filter(|t| !(0.0..=1.0).contains(t)) {
        return Err(Error::Usage(format!(
            "threshold must be between 0 and 1, got {t}"
        )));
    }
    let pivot = match pivot {
        Some(label) => Comparison::find_label(&docs, label)?,
        None => 0,
    };
    // The model is loaded before anything is aligned, so a bad directory fails first.
    let model = model
        .map(|d| framediff::align::Encoder::load(&d).map(std::sync::Arc::new))
        .transpose()?;
    Comparison::new(docs, pivot, &AlignOptions::new(threshold, model))
}

/// Run `f` without the GIL, turning its error into the Python exception.
fn detached<T: Send>(
    py: Python<'_>,
    f: impl Send + FnOnce() -> framediff::Result<T>,
) -> PyResult<T> {
    py.detach(f).map_err(|e| py_err(py, e))
}

/// One sentence: its text on one line, its byte span in the decoded document text, the
/// 0-based paragraph it belongs to and the byte spans of its quoted speech.
#[pyclass(frozen, module = "framediff", get_all)]
struct Sentence {
    text: String,
    start: usize,
    end: usize,
    paragraph: usize,
    quoted: Vec<(usize, usize)>,
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!(
            "Sentence(start={}, end={}, text={:?})",
            self.start, self.end, self.text
        )
    }

    /// The sentence as the `framediff segment --format json` object.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.text)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("paragraph", self.paragraph)?;
        let quoted: Vec<[usize; 2]> = self.quoted.iter().map(|&(s, e)| [s, e]).collect();
        d.set_item("quoted", quoted)?;
        Ok(d)
    }
}

#[pyfunction]
#[pyo3(signature = (text, keep_boilerplate = false, *, segmented = false, label = None))]
fn segment(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    keep_boilerplate: bool,
    segmented: bool,
    label: Option<String>,
) -> PyResult<Vec<Sentence>> {
    let input = Input::extract(text)?;
    let reading = Reading {
        labels: label.into_iter().collect(),
        keep_boilerplate,
        segmented,
    };
    let (docs, sentences) = detached(py, move || {
        let docs = reading.read_all(vec![input])?;
        let s = framediff::segment::segment(&docs[0]);
        Ok((docs, s))
    })?;
    warn(py, &doc_warnings(&docs))?;
    Ok(sentences
        .into_iter()
        .map(|s| Sentence {
            text: s.text,
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
            quoted: s.quoted.into_iter().map(|[a, b]| (a, b)).collect(),
        })
        .collect())
}

/// The JSON of a comparison-like result, with `.to_dict()` and attribute/item access to its
/// top-level fields. Each result type is its own class, so stubs and `isinstance` can tell
/// them apart.
macro_rules! json_record {
    ($name:ident, $pyname:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyclass(frozen, module = "framediff", name = $pyname)]
        struct $name {
            json: String,
            data: Py<PyDict>,
        }

        impl $name {
            fn new(py: Python<'_>, json: String) -> PyResult<Self> {
                let data = parse_json(py, &json)?.cast_into::<PyDict>()?.unbind();
                Ok($name { json, data })
            }
        }

        #[pymethods]
        impl $name {
            /// A fresh dict equal to the CLI's JSON output (`json.loads` of it).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                parse_json(py, &self.json)
            }

            /// The JSON text exactly as the CLI prints it.
            fn to_json(&self) -> &str {
                &self.json
            }

            fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
                self.data.bind(py).as_any().get_item(key)
            }

            fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
                match self.data.bind(py).get_item(name)? {
                    Some(v) => Ok(v),
                    None => Err(pyo3::exceptions::PyAttributeError::new_err(format!(
                        "{} has no field {name:?}",
                        $pyname
                    ))),
                }
            }

            fn keys<'py>(&self, py: Python<'py>) -> Bound<'py, PyList> {
                self.data.bind(py).keys()
            }

            fn __repr__(&self, py: Python<'_>) -> String {
                let keys: Vec<String> = self
                    .data
                    .bind(py)
                    .keys()
                    .iter()
                    .map(|k| k.to_string())
                    .collect();
                format!("{}({})", $pyname, keys.join(", "))
            }
        }
    };
}

json_record!(
    Alignment,
    "Alignment",
    "Two reports' sentence alignment: `framediff align --format json` (documents, pairs, \
     only_a, only_b, coverage, warnings)."
);
json_record!(
    ComparisonResult,
    "Comparison",
    "A comparison: `framediff compare --format json` (the alignment plus diffs, \
     substitutions, discrepancies and variants; with three or more reports, one comparison per \
     report other than the pivot)."
);
json_record!(
    CheckReport,
    "CheckReport",
    "`framediff lexicon check --format json` of a lexicon: its findings."
);
json_record!(
    Evaluation,
    "Evaluation",
    "`framediff lexicon evaluate --format json`: precision, recall and F1 of a lexicon against \
     annotated text."
);

#[pyfunction]
#[pyo3(signature = (a, b, threshold = None, model = None, *, labels = None, keep_boilerplate = false, segmented = false))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per CLI option
fn align(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    threshold: Option<f64>,
    model: Option<std::path::PathBuf>,
    labels: Option<Vec<String>>,
    keep_boilerplate: bool,
    segmented: bool,
) -> PyResult<Alignment> {
    let ins = vec![Input::extract(a)?, Input::extract(b)?];
    let reading = Reading {
        labels: labels_of(labels),
        keep_boilerplate,
        segmented,
    };
    let (warnings, json) = detached(py, move || {
        let docs = reading.read_all(ins)?;
        let mut warnings = doc_warnings(&docs);
        let cmp = comparison(docs, None, threshold, model)?;
        warnings.extend(cmp.warnings());
        let pair = cmp.pair()?;
        Ok((warnings, render(|w| render_align::json(w, &cmp, pair))?))
    })?;
    warn(py, &warnings)?;
    Alignment::new(py, json)
}

#[pyfunction]
#[pyo3(signature = (*reports, labels = None, pivot = None, lexicons = None, threshold = None, default_lexicons = true, keep_boilerplate = false, segmented = false))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per CLI option
fn compare(
    py: Python<'_>,
    reports: &Bound<'_, PyTuple>,
    labels: Option<Vec<String>>,
    pivot: Option<String>,
    lexicons: Option<&Bound<'_, PyAny>>,
    threshold: Option<f64>,
    default_lexicons: bool,
    keep_boilerplate: bool,
    segmented: bool,
) -> PyResult<ComparisonResult> {
    let ins = inputs(reports)?;
    if ins.len() < 2 {
        return Err(PyValueError::new_err("compare needs two or more reports"));
    }
    let names = lexicon_names(lexicons)?;
    let reading = Reading {
        labels: labels_of(labels),
        keep_boilerplate,
        segmented,
    };
    let (warnings, json) = detached(py, move || {
        // as in the CLI: a bad lexicon fails before any article is read, though the JSON does
        // not use them
        load_lexicons(&names, default_lexicons)?;
        let docs = reading.read_all(ins)?;
        let mut warnings = doc_warnings(&docs);
        let cmp = comparison(docs, pivot.as_deref(), threshold, None)?;
        warnings.extend(cmp.warnings());
        Ok((warnings, render(|w| render_align::compare_json(w, &cmp))?))
    })?;
    warn(py, &warnings)?;
    ComparisonResult::new(py, json)
}

/// Term counts of reports: the tidy table of `framediff terms --format csv` and the data of
/// `--format json`.
#[pyclass(frozen, module = "framediff")]
struct TermTable {
    csv: String,
    json: String,
}

#[pymethods]
impl TermTable {
    /// The tidy CSV text exactly as `framediff terms --format csv` prints it.
    fn to_csv(&self) -> &str {
        &self.csv
    }

    /// `framediff terms --format json` as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        parse_json(py, &self.json)
    }

    /// The tidy table as a pandas DataFrame (one row per term per report); needs pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py.import("pandas").map_err(|e| {
            pyo3::exceptions::PyImportError::new_err(format!(
                "TermTable.to_pandas needs pandas (pip install pandas): {e}"
            ))
        })?;
        let buffer = py.import("io")?.call_method1("StringIO", (&self.csv,))?;
        // text columns stay text (a term such as "NA" or "null" is not a missing value), and
        // empty cells (no keyness with one report, no neutral counterpart) are missing
        let kwargs = PyDict::new(py);
        kwargs.set_item("keep_default_na", false)?;
        kwargs.set_item("na_values", [""])?;
        pandas.call_method("read_csv", (buffer,), Some(&kwargs))
    }

    fn __repr__(&self) -> String {
        format!(
            "TermTable({} rows)",
            self.csv.lines().count().saturating_sub(1)
        )
    }
}

#[pyfunction]
#[pyo3(signature = (texts, labels = None, lexicons = None, *, all = false, by = "term", default_lexicons = true, keep_boilerplate = false, segmented = false))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per CLI option
fn terms(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    labels: Option<Vec<String>>,
    lexicons: Option<&Bound<'_, PyAny>>,
    all: bool,
    by: &str,
    default_lexicons: bool,
    keep_boilerplate: bool,
    segmented: bool,
) -> PyResult<TermTable> {
    let by_category = match by {
        "term" => false,
        "category" => true,
        _ => {
            return Err(PyValueError::new_err(format!(
                "by must be \"term\" or \"category\", not {by:?}"
            )))
        }
    };
    // one report on its own is a list of one
    let ins = if texts.is_instance_of::<PyString>()
        || texts.is_instance_of::<PyBytes>()
        || !texts.hasattr("__iter__")?
    {
        vec![Input::extract(texts)?]
    } else {
        texts
            .try_iter()?
            .map(|t| Input::extract(&t?))
            .collect::<PyResult<_>>()?
    };
    if ins.is_empty() {
        return Err(PyValueError::new_err("terms needs at least one report"));
    }
    let names = lexicon_names(lexicons)?;
    let reading = Reading {
        labels: labels_of(labels),
        keep_boilerplate,
        segmented,
    };
    let opts = count::Options { all, by_category };
    let (warnings, csv, json) = detached(py, move || {
        let matcher = Matcher::new(load_lexicons(&names, default_lexicons)?)?;
        let docs = reading.read_all(ins)?;
        let report = count::count_documents(&matcher, &docs, opts);
        let csv = render(|w| render_terms::csv(w, &report, opts))?;
        let json = render(|w| render_terms::json(w, &report))?;
        Ok((doc_warnings(&docs), csv, json))
    })?;
    warn(py, &warnings)?;
    Ok(TermTable { csv, json })
}

#[pyfunction]
#[pyo3(signature = (*reports, path = None, format = None, labels = None, pivot = None, lexicons = None, threshold = None, default_lexicons = true, keep_boilerplate = false, segmented = false))]
#[allow(clippy::too_many_arguments)] // Python keyword arguments, one per CLI option
fn report(
    py: Python<'_>,
    reports: &Bound<'_, PyTuple>,
    path: Option<PathBuf>,
    format: Option<&str>,
    labels: Option<Vec<String>>,
    pivot: Option<String>,
    lexicons: Option<&Bound<'_, PyAny>>,
    threshold: Option<f64>,
    default_lexicons: bool,
    keep_boilerplate: bool,
    segmented: bool,
) -> PyResult<Option<String>> {
    let ins = inputs(reports)?;
    if ins.len() < 2 {
        return Err(PyValueError::new_err("report needs two or more reports"));
    }
    let format = match (format, &path) {
        (Some("html"), _) => ReportFormat::Html,
        (Some("markdown" | "md"), _) => ReportFormat::Markdown,
        (Some("json"), _) => ReportFormat::Json,
        (Some(other), _) => {
            return Err(PyValueError::new_err(format!(
                "format must be \"html\", \"markdown\" or \"json\", not {other:?}"
            )))
        }
        (None, Some(p)) => ReportFormat::from_extension(p).map_err(|e| py_err(py, e))?,
        (None, None) => ReportFormat::Markdown,
    };
    let names = lexicon_names(lexicons)?;
    let reading = Reading {
        labels: labels_of(labels),
        keep_boilerplate,
        segmented,
    };
    let input_names: Vec<String> = ins
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let (warnings, text) = detached(py, move || {
        if let Some(out) = &path {
            let inputs: Vec<&str> = input_names.iter().map(String::as_str).collect();
            output::refuse_input_overwrite(out, &inputs)?;
        }
        let lexicons = load_lexicons(&names, default_lexicons)?;
        let docs = reading.read_all(ins)?;
        let mut warnings = doc_warnings(&docs);
        let cmp = comparison(docs, pivot.as_deref(), threshold, None)?;
        warnings.extend(cmp.warnings());
        let framing = LexiconFraming::new(&cmp, lexicons)?;
        let text = match &path {
            Some(out) => {
                // streamed into a temporary file renamed into place when complete, as `-o`
                let mut file = AtomicFile::create(out)?;
                document::render(&mut file, &cmp, &framing, format)
                    .map_err(|e| output::render_error(out, e))?;
                file.commit()?;
                None
            }
            None => Some(render(|w| document::render(w, &cmp, &framing, format))?),
        };
        Ok((warnings, text))
    })?;
    warn(py, &warnings)?;
    Ok(text)
}

/// A framing lexicon: a lexicon file (TOML or any format `lexicon import` reads) or a
/// built-in lexicon by name.
#[pyclass(frozen, module = "framediff")]
struct Lexicon {
    /// what it was loaded from, as the CLI's `--lexicon` takes it
    spec: String,
    lexicon: lex::Lexicon,
    builtin_source: Option<&'static str>,
}

#[pymethods]
impl Lexicon {
    /// Load a lexicon file, else the built-in lexicon of that name (a file wins, as in the
    /// CLI).
    #[staticmethod]
    fn load(py: Python<'_>, path_or_name: PathBuf) -> PyResult<Lexicon> {
        let spec = path_or_name.to_string_lossy().into_owned();
        let s = spec.clone();
        let (lexicon, builtin_source) = detached(py, move || lex::open(&s))?;
        Ok(Lexicon {
            spec,
            lexicon,
            builtin_source,
        })
    }

    /// The names of the built-in lexicons.
    #[staticmethod]
    fn builtins(py: Python<'_>) -> PyResult<Vec<String>> {
        let all = detached(py, lex::builtin::lexicons)?;
        Ok(all.into_iter().map(|l| l.name).collect())
    }

    #[getter]
    fn name(&self) -> &str {
        &self.lexicon.name
    }

    #[getter]
    fn description(&self) -> &str {
        &self.lexicon.description
    }

    #[getter]
    fn version(&self) -> &str {
        &self.lexicon.version
    }

    /// Whether this is a built-in lexicon rather than a file.
    #[getter]
    fn builtin(&self) -> bool {
        self.builtin_source.is_some()
    }

    /// `framediff lexicon check --format json`: duplicates, shadowed terms, empty categories,
    /// useless exceptions. A malformed file raises `LexiconError`.
    fn check(&self, py: Python<'_>) -> PyResult<CheckReport> {
        let spec = self.spec.clone();
        let json = detached(py, move || {
            // a built-in by name when no such file exists, as the CLI's `lexicon check`
            let path = Path::new(&spec);
            let builtin = (!path.exists())
                .then(|| lex::builtin::source(&spec))
                .flatten();
            let report = match builtin {
                Some((file, src)) => check::check_text(src, &Path::new("<built-in>").join(file))?,
                None => check::check_file(path)?,
            };
            render(|w| render_lex::check_json(w, &report))
        })?;
        CheckReport::new(py, json)
    }

    /// `framediff lexicon evaluate --format json` of this lexicon against a gold JSONL file.
    #[pyo3(signature = (gold, role = "loaded", labels = None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        gold: PathBuf,
        role: &str,
        labels: Option<Vec<String>>,
    ) -> PyResult<Evaluation> {
        let all_roles = match role {
            "loaded" => false,
            "all" => true,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "role must be \"loaded\" or \"all\", not {role:?}"
                )))
            }
        };
        let spec = self.spec.clone();
        let opts = eval::Options {
            all_roles,
            labels: labels.unwrap_or_default(),
        };
        let json = detached(py, move || {
            let lexicons = lex::resolve(&[spec], true)?;
            let gold = gold::read(&gold)?;
            let matcher = Matcher::new(lexicons)?;
            let e = eval::evaluate(&matcher, &gold, &opts)?;
            render(|w| render_eval::json(w, &e))
        })?;
        Evaluation::new(py, json)
    }

    /// One dict per term, in file order: category, role, term, variants, neutral, note,
    /// except.
    fn terms<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let mut out = Vec::with_capacity(self.lexicon.term_count());
        for c in &self.lexicon.categories {
            for t in &c.terms {
                let d = PyDict::new(py);
                d.set_item("category", &c.id)?;
                d.set_item("role", c.role.as_str())?;
                d.set_item("term", &t.term)?;
                d.set_item("variants", &t.variants)?;
                d.set_item("neutral", &t.neutral)?;
                d.set_item("note", &t.note)?;
                d.set_item("except", &t.except)?;
                out.push(d);
            }
        }
        Ok(out)
    }

    /// `framediff lexicon show --format json`: the whole lexicon.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json =
            render(|w| render_lex::show_json(w, &self.lexicon)).map_err(|e| py_err(py, e))?;
        parse_json(py, &json)
    }

    fn __repr__(&self) -> String {
        format!(
            "Lexicon({:?}, version={:?}, terms={})",
            self.lexicon.name,
            self.lexicon.version,
            self.lexicon.term_count()
        )
    }
}

#[pymodule]
fn _framediff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FramediffError", py.get_type::<FramediffError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add("OutputError", py.get_type::<OutputError>())?;
    m.add_class::<Sentence>()?;
    m.add_class::<Alignment>()?;
    m.add_class::<ComparisonResult>()?;
    m.add_class::<CheckReport>()?;
    m.add_class::<Evaluation>()?;
    m.add_class::<TermTable>()?;
    m.add_class::<Lexicon>()?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(terms, m)?)?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    Ok(())
}
