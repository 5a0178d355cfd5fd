"""docs/python.md's notebook example, run exactly as printed there (issue 15: "the documented
example runs"): the code block is taken from the page itself, so the page cannot drift from
the package.

It needs pandas and matplotlib. With FRAMEDIFF_REQUIRE_DOCS_EXAMPLE=1 (.ci/run installs both in
its venv and sets it) their absence fails; elsewhere the test is skipped without them.
"""

import os
import re
import runpy

import pytest

from conftest import ROOT

REQUIRED = os.environ.get("FRAMEDIFF_REQUIRE_DOCS_EXAMPLE") == "1"


def _example() -> str:
    """The first ```python block under "## Example" in docs/python.md."""
    page = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    section = page.split("\n## Example", 1)
    assert len(section) == 2, "docs/python.md lost its '## Example' section"
    block = re.search(r"```python\n(.*?)```", section[1], re.S)
    assert block, "no ```python block in docs/python.md's example section"
    return block.group(1)


def _require(module):
    try:
        return __import__(module)
    except ImportError:
        if REQUIRED:
            pytest.fail(f"{module} is not installed but FRAMEDIFF_REQUIRE_DOCS_EXAMPLE=1")
        pytest.skip(f"{module} is not installed")


def test_docs_python_example_runs_as_printed(tmp_path, monkeypatch):
    _require("pandas")
    matplotlib = _require("matplotlib")
    matplotlib.use("Agg")  # no display: the example saves a file

    # the example's paths are relative to a clone's root; run it in an empty directory that
    # sees the repository's fixtures, so its picture lands there and not in the clone
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures", target_is_directory=True)
    script = tmp_path / "example.py"
    script.write_text(_example(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    scope = runpy.run_path(str(script), run_name="__main__")

    picture = tmp_path / "term-rates.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rates = scope["rates"]
    # one column per outlet, as labelled; the terms the chart shows are loaded terms the two
    # reports use, sorted by total rate
    assert sorted(rates.columns) == ["Al-Ahed", "Iran Front Page"]
    assert len(rates) > 0
    totals = rates.sum(axis=1).tolist()
    assert totals == sorted(totals, reverse=True)
    loaded = scope["loaded"]
    assert set(loaded["role"]) == {"loaded"} and set(loaded["level"]) == {"term"}
