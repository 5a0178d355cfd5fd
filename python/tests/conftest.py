"""Shared helpers: the repository root, the CLI binary the Python results are checked against."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(
    p.relative_to(ROOT)
    for p in (ROOT / "fixtures").rglob("*")
    if p.suffix in (".txt", ".html")
)


def _binary() -> Path:
    """The CLI to compare with: $FRAMEDIFF_BIN, else the release build, else the debug one."""
    env = os.environ.get("FRAMEDIFF_BIN")
    candidates = [Path(env)] if env else []
    candidates += [ROOT / "target" / "release" / "framediff", ROOT / "target" / "debug" / "framediff"]
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail("no framediff binary: run `cargo build --release` or set FRAMEDIFF_BIN")


@pytest.fixture(scope="session")
def cli():
    """Run the CLI from the repository root (paths in its JSON are as given) and parse its
    JSON output."""
    binary = _binary()

    def run(*args, parse=True):
        out = subprocess.run(
            [str(binary), *map(str, args)],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        return json.loads(out) if parse else out.decode()

    return run


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    """Relative fixture paths resolve from the repository root, as for the CLI."""
    monkeypatch.chdir(ROOT)
