"""The mapInPandas Spark example (examples/spark/terms_pandas.py), run for real in local[2]: its
per-outlet sums equal `framediff corpus terms --by outlet` on the same manifest (issue 15).

Runs when FRAMEDIFF_REQUIRE_SPARK=1 (.ci/run sets it after installing a JRE and pyspark in the
venv this package is built into); skipped otherwise, since Spark needs Java and a large download.
"""

import json
import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

REQUIRED = os.environ.get("FRAMEDIFF_REQUIRE_SPARK") == "1"
pytestmark = pytest.mark.skipif(not REQUIRED, reason="FRAMEDIFF_REQUIRE_SPARK is not 1 (.ci/run sets it)")

KEYS = ("outlet", "lexicon", "category", "role", "term")


def _rows(lines):
    """(outlet, lexicon, category, role, term) -> (count, quoted, words, per_1000)."""
    out = {}
    for line in lines:
        if line.strip():
            r = json.loads(line)
            out[tuple(r[k] for k in KEYS)] = (r["count"], r["quoted"], r["words"], r["per_1000"])
    return out


def test_terms_pandas_example_equals_corpus_terms(tmp_path, cli):
    # a small corpus: the plain-text fixtures, inline, three outlets (Spark splits it into
    # partitions of its own; sums must not depend on them)
    texts = [p for p in FIXTURES if p.suffix == ".txt"]
    manifest = tmp_path / "corpus.jsonl"
    with manifest.open("w", encoding="utf-8") as f:
        for i, p in enumerate(texts):
            doc = {"id": f"d{i}", "outlet": "abc"[i % 3], "text": (ROOT / p).read_text(encoding="utf-8")}
            f.write(json.dumps(doc) + "\n")
    out = tmp_path / "spark-out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples/spark/terms_pandas.py"), str(manifest), str(out), "--master", "local[2]"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    spark = _rows(
        line for part in sorted(out.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()
    )
    local = _rows(
        cli("corpus", "terms", manifest, "--by", "outlet", "--format", "jsonl", parse=False).splitlines()
    )
    local = {k: v for k, v in local.items() if v[0] > 0}
    assert len(local) > 20, len(local)
    assert sorted(spark) == sorted(local)
    for k, (count, quoted, words, rate) in local.items():
        s = spark[k]
        assert s[:3] == (count, quoted, words), k
        # the CLI rounds rates to 4 decimals, the example to 3
        assert abs(s[3] - rate) < 1e-3, k
