"""framediff: compare how news outlets frame the same event.

The Rust library does all the work; this package only re-exports the native module
(``framediff._framediff``). Results equal the ``framediff`` CLI's JSON: ``compare(...).to_dict()``
is ``json.loads`` of ``framediff compare --format json``, ``terms(...).to_pandas()`` is the
table of ``framediff terms --format csv``. See docs/python.md.
"""

from ._framediff import (
    Alignment,
    CheckReport,
    Comparison,
    Evaluation,
    FramediffError,
    InputError,
    Lexicon,
    LexiconError,
    OutputError,
    Sentence,
    TermTable,
    __version__,
    align,
    compare,
    report,
    segment,
    terms,
)

__all__ = [
    "Alignment",
    "CheckReport",
    "Comparison",
    "Evaluation",
    "FramediffError",
    "InputError",
    "Lexicon",
    "LexiconError",
    "OutputError",
    "Sentence",
    "TermTable",
    "__version__",
    "align",
    "compare",
    "report",
    "segment",
    "terms",
]
