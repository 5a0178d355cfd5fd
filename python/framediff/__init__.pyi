"""Type stubs of framediff (the native module framediff._framediff, re-exported)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union

__version__: str

Report = Union[str, bytes, "os.PathLike[str]"]
"""A report: ``str`` is the article text, ``bytes`` are decoded as the CLI decodes a file (HTML,
legacy encodings, UTF-16), a path (``pathlib.Path``) is read as the CLI reads that file."""

LexiconSpec = Union[str, "os.PathLike[str]", "Lexicon"]
"""A lexicon file, a built-in lexicon's name, or a loaded ``Lexicon``."""

class FramediffError(Exception):
    """Base class of every error framediff raises."""

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]

class InputError(FramediffError):
    """A report or other input could not be read or used; ``file`` names it."""

class LexiconError(FramediffError):
    """A lexicon file is malformed; ``file``, ``line`` and ``column`` (1-based) say where."""

    file: str
    line: int
    column: int

class OutputError(FramediffError):
    """A report file could not be written; ``file`` names it."""

class Sentence:
    """One sentence of a report. ``start``/``end`` and ``quoted`` are UTF-8 byte offsets into
    the decoded (for HTML: extracted) document text, as in ``framediff segment --format json``."""

    text: str
    start: int
    end: int
    paragraph: int
    quoted: List[Tuple[int, int]]
    def to_dict(self) -> Dict[str, Any]: ...

class _Record:
    def to_dict(self) -> Dict[str, Any]:
        """A fresh dict equal to ``json.loads`` of the CLI's JSON output."""
    def to_json(self) -> str:
        """The JSON text exactly as the CLI prints it."""
    def keys(self) -> List[str]: ...
    def __getitem__(self, key: str) -> Any: ...
    def __getattr__(self, name: str) -> Any: ...

class Alignment(_Record):
    """``framediff align --format json``: documents, pairs, only_a, only_b, coverage, warnings."""

    documents: List[Dict[str, Any]]
    pairs: List[Dict[str, Any]]
    only_a: List[int]
    only_b: List[int]
    coverage: Dict[str, float]
    warnings: List[str]

class Comparison(_Record):
    """``framediff compare --format json``."""

class CheckReport(_Record):
    """``framediff lexicon check --format json``."""

class Evaluation(_Record):
    """``framediff lexicon evaluate --format json``."""

class TermTable:
    """Term counts: the tidy table of ``framediff terms --format csv``."""

    def to_csv(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]:
        """``framediff terms --format json`` as Python objects."""
    def to_pandas(self) -> Any:
        """The tidy table as a ``pandas.DataFrame``; raises ImportError without pandas."""

class Lexicon:
    """A framing lexicon: a file (TOML or any format ``lexicon import`` reads) or a built-in."""

    name: str
    description: str
    version: str
    builtin: bool
    @staticmethod
    def load(path_or_name: Union[str, "os.PathLike[str]"]) -> "Lexicon": ...
    @staticmethod
    def builtins() -> List[str]: ...
    def check(self) -> CheckReport: ...
    def evaluate(
        self,
        gold: Union[str, "os.PathLike[str]"],
        role: Literal["loaded", "all"] = "loaded",
        labels: Optional[Sequence[str]] = None,
    ) -> Evaluation: ...
    def terms(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]: ...

def segment(
    text: Report,
    keep_boilerplate: bool = False,
    *,
    segmented: bool = False,
    label: Optional[str] = None,
) -> List[Sentence]: ...
def align(
    a: Report,
    b: Report,
    threshold: Optional[float] = None,
    model: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    labels: Optional[Sequence[str]] = None,
    keep_boilerplate: bool = False,
    segmented: bool = False,
) -> Alignment: ...
def compare(
    *reports: Report,
    labels: Optional[Sequence[str]] = None,
    pivot: Optional[str] = None,
    lexicons: Optional[Iterable[LexiconSpec]] = None,
    threshold: Optional[float] = None,
    default_lexicons: bool = True,
    keep_boilerplate: bool = False,
    segmented: bool = False,
) -> Comparison: ...
def terms(
    texts: Union[Report, Iterable[Report]],
    labels: Optional[Sequence[str]] = None,
    lexicons: Optional[Iterable[LexiconSpec]] = None,
    *,
    all: bool = False,
    by: Literal["term", "category"] = "term",
    default_lexicons: bool = True,
    keep_boilerplate: bool = False,
    segmented: bool = False,
) -> TermTable: ...
def report(
    *reports: Report,
    path: Optional[Union[str, "os.PathLike[str]"]] = None,
    format: Optional[Literal["html", "markdown", "md", "json"]] = None,
    labels: Optional[Sequence[str]] = None,
    pivot: Optional[str] = None,
    lexicons: Optional[Iterable[LexiconSpec]] = None,
    threshold: Optional[float] = None,
    default_lexicons: bool = True,
    keep_boilerplate: bool = False,
    segmented: bool = False,
) -> Optional[str]:
    """Write the report file (format from ``format``, else the extension of ``path``) as
    ``framediff report -o PATH`` does, atomically; without ``path``, return its text."""
