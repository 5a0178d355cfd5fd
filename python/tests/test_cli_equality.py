"""For every fixture, the Python result equals the CLI's JSON (the CLI is the reference)."""

import csv
import json
import io
import itertools
from pathlib import Path

import pytest

import framediff
from conftest import FIXTURES

PAIR = [
    Path("fixtures/velayati-mekdad-2022/iran-front-page.txt"),
    Path("fixtures/velayati-mekdad-2022/al-ahed.txt"),
]
FIVE = PAIR + [
    Path("fixtures/velayati-mikdad-2017/sana.txt"),
    Path("fixtures/khamenei-assad-2024/almasirah.txt"),
    Path("fixtures/shamkhani-patrushev-2018/iran-project.txt"),
]


@pytest.mark.parametrize("path", FIXTURES, ids=str)
@pytest.mark.parametrize("keep", [False, True])
def test_segment(cli, path, keep):
    args = ["segment", "--format", "json", path] + (["--keep-boilerplate"] if keep else [])
    want = cli(*args)["sentences"]
    got = [s.to_dict() for s in framediff.segment(path, keep_boilerplate=keep)]
    assert got == want


@pytest.mark.parametrize("path", FIXTURES, ids=str)
def test_align_with_every_other_fixture(cli, path):
    other = PAIR[0] if path != PAIR[0] else PAIR[1]
    want = cli("align", "--format", "json", path, other)
    assert framediff.align(path, other).to_dict() == want


@pytest.mark.parametrize("path", FIXTURES, ids=str)
def test_compare_with_every_other_fixture(cli, path):
    other = PAIR[0] if path != PAIR[0] else PAIR[1]
    want = cli("compare", "--format", "json", path, other)
    got = framediff.compare(path, other)
    assert got.to_dict() == want
    assert got.to_json() == cli("compare", "--format", "json", path, other, parse=False)


def test_compare_many_with_pivot_labels_threshold(cli):
    labels = ["ifp", "ahed", "sana"]
    args = sum((["--label", l] for l in labels), [])
    want = cli("compare", "--format", "json", *FIVE[:3], *args, "--pivot", "ahed", "--threshold", "0.3")
    got = framediff.compare(*FIVE[:3], labels=labels, pivot="ahed", threshold=0.3)
    assert got.to_dict() == want
    assert got.schema == "framediff.compare/2"
    assert got["pivot"] == 1


@pytest.mark.parametrize("path", FIXTURES, ids=str)
def test_terms_one_fixture(cli, path):
    assert framediff.terms([path]).to_dict() == cli("terms", "--format", "json", path)


@pytest.mark.parametrize("by", ["term", "category"])
def test_terms_csv_and_pandas(cli, by):
    want = cli("terms", "--format", "csv", "--all", "--by", by, *FIVE, parse=False)
    table = framediff.terms(FIVE, all=True, by=by)
    assert table.to_csv() == want
    df = table.to_pandas()
    rows = list(csv.DictReader(io.StringIO(want)))
    assert list(df.columns) == list(rows[0].keys())
    assert len(df) == len(rows)
    assert df["count"].sum() == sum(int(r["count"]) for r in rows)
    assert ["" if isinstance(t, float) else t for t in df["term"]] == [r["term"] for r in rows]


def test_terms_with_lexicon_file_and_no_defaults(cli):
    lexicon = "tests/data/lexicons/" + sorted(
        p.name for p in Path("tests/data/lexicons").glob("*.toml")
    )[0]
    want = cli("terms", "--format", "json", "--no-default-lexicons", "--lexicon", lexicon, *PAIR)
    got = framediff.terms(PAIR, lexicons=[lexicon], default_lexicons=False)
    assert got.to_dict() == want
    by_object = framediff.terms(PAIR, lexicons=[framediff.Lexicon.load(lexicon)], default_lexicons=False)
    assert by_object.to_dict() == want


@pytest.mark.parametrize("fmt,ext", [("json", "json"), ("markdown", "md"), ("html", "html")])
def test_report_writes_the_cli_file(cli, tmp_path, fmt, ext):
    cli("report", *PAIR, "-o", tmp_path / f"cli.{ext}", parse=False)
    framediff.report(*PAIR, path=tmp_path / f"py.{ext}")
    assert (tmp_path / f"py.{ext}").read_bytes() == (tmp_path / f"cli.{ext}").read_bytes()
    text = framediff.report(*PAIR, format=fmt)
    assert text == (tmp_path / f"cli.{ext}").read_text()


def test_lexicon_show_check_evaluate(cli):
    for name in framediff.Lexicon.builtins():
        lex = framediff.Lexicon.load(name)
        assert lex.builtin and lex.name == name
        assert lex.to_dict() == cli("lexicon", "show", "--format", "json", name)
        assert lex.check().to_dict() == cli("lexicon", "check", "--format", "json", name)
        terms = lex.terms()
        assert len(terms) == sum(len(c["terms"]) for c in lex.to_dict()["categories"])
        assert {"category", "role", "term", "variants", "neutral"} <= terms[0].keys()


def test_lexicon_evaluate(cli, tmp_path):
    text = "Officials of the Zionist regime met. The government of Israel said so."
    start = text.index("Zionist regime")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "d1", "text": text, "spans": [{"start": start, "end": start + 14}]})
        + "\n"
    )
    name = "mideast-framing"
    want = cli("lexicon", "evaluate", name, "--gold", gold, "--format", "json")
    assert framediff.Lexicon.load(name).evaluate(gold).to_dict() == want
    want = cli("lexicon", "evaluate", name, "--gold", gold, "--format", "json", "--role", "all")
    assert framediff.Lexicon.load(name).evaluate(gold, role="all").to_dict() == want


def test_inputs_str_bytes_path_agree():
    path = PAIR[0]
    by_path = framediff.segment(path)
    by_bytes = framediff.segment(path.read_bytes())
    by_str = framediff.segment(path.read_text())
    assert [s.to_dict() for s in by_path] == [s.to_dict() for s in by_bytes]
    assert [s.to_dict() for s in by_path] == [s.to_dict() for s in by_str]
    # a str is text, never a file name
    assert framediff.segment(str(path))[0].text == str(path)


def test_html_bytes_are_extracted_as_the_cli_does(cli):
    page = Path("fixtures/html/article.html")
    want = cli("segment", "--format", "json", page)["sentences"]
    assert [s.to_dict() for s in framediff.segment(page.read_bytes())] == want


def test_labels_default_for_text_inputs():
    a, b = (p.read_text() for p in PAIR)
    got = framediff.compare(a, b).to_dict()
    assert [d["label"] for d in got["documents"]] == ["report 1", "report 2"]
    got = framediff.compare(a, b, labels=["ifp", "ahed"]).to_dict()
    assert [d["label"] for d in got["documents"]] == ["ifp", "ahed"]


def test_align_with_a_model_equals_the_cli(cli):
    """`model=` is `--model` (runs where CI fetched the test model, FRAMEDIFF_TEST_MODEL)."""
    import os

    model = os.environ.get("FRAMEDIFF_TEST_MODEL")
    if not model:
        pytest.skip("FRAMEDIFF_TEST_MODEL is not set (.ci/run sets it)")
    want = cli("align", "--format", "json", "--model", model, *PAIR)
    assert framediff.align(*PAIR, model=model).to_dict() == want
