"""Errors are Python exceptions naming the file, never a crash of the interpreter."""

from pathlib import Path

import pytest

import framediff

PAIR = [
    Path("fixtures/velayati-mekdad-2022/iran-front-page.txt"),
    Path("fixtures/velayati-mekdad-2022/al-ahed.txt"),
]


def test_missing_file_is_input_error():
    with pytest.raises(framediff.InputError) as e:
        framediff.segment(Path("no/such/file.txt"))
    assert e.value.file == "no/such/file.txt"
    assert "no/such/file.txt" in str(e.value)
    assert isinstance(e.value, framediff.FramediffError)


def test_directory_empty_and_binary_inputs():
    with pytest.raises(framediff.InputError, match="directory"):
        framediff.segment(Path("fixtures"))
    with pytest.raises(framediff.InputError, match="empty"):
        framediff.segment("   \n ")
    with pytest.raises(framediff.InputError):
        framediff.segment(b"\x00\x01\x02binary\x00" * 100)


def test_malformed_lexicon_has_file_line_column(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nversion = "1"\n[categories.a]\nterms = [1, 2\n')
    with pytest.raises(framediff.LexiconError) as e:
        framediff.Lexicon.load(bad)
    assert e.value.file == str(bad)
    assert isinstance(e.value.line, int) and e.value.line >= 1
    assert isinstance(e.value.column, int) and e.value.column >= 1
    with pytest.raises(framediff.LexiconError):
        framediff.terms(PAIR, lexicons=[bad])


def test_unknown_lexicon_name():
    with pytest.raises(framediff.InputError, match="no built-in lexicon"):
        framediff.Lexicon.load("no-such-lexicon")


def test_bad_arguments_are_value_or_type_errors(tmp_path):
    with pytest.raises(ValueError, match="pivot|label"):
        framediff.compare(*PAIR, pivot="nobody")
    with pytest.raises(ValueError, match="threshold"):
        framediff.align(*PAIR, threshold=1.5)
    with pytest.raises(ValueError):
        framediff.compare(PAIR[0])
    with pytest.raises(ValueError):
        framediff.compare(*PAIR, labels=["a", "b", "c"])
    with pytest.raises(ValueError):
        framediff.terms(PAIR, default_lexicons=False)
    with pytest.raises(ValueError, match="extension"):
        framediff.report(*PAIR, path=tmp_path / "out.pdf")
    with pytest.raises(TypeError):
        framediff.segment(42)
    with pytest.raises(ValueError):
        framediff.terms(PAIR, by="outlet")


def test_report_refuses_to_overwrite_an_input(tmp_path):
    a = tmp_path / "a.md"
    a.write_text(PAIR[0].read_text())
    with pytest.raises(ValueError, match="over input file"):
        framediff.report(a, PAIR[1], path=a)
    assert a.read_text() == PAIR[0].read_text()


def test_report_failure_leaves_no_file(tmp_path):
    out = tmp_path / "r.html"
    with pytest.raises(framediff.InputError):
        framediff.report(PAIR[0], Path("missing.txt"), path=out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_warnings_are_python_warnings():
    with pytest.warns(UserWarning, match="may not describe the same event"):
        framediff.compare(PAIR[0], Path("fixtures/velayati-mikdad-2017/sana.txt"))
    with pytest.warns(UserWarning, match="windows-1252|decoded"):
        framediff.segment(Path("tests/data/cp1252.txt"))


def test_bad_model_directory_names_it(tmp_path):
    with pytest.raises(framediff.FramediffError) as e:
        framediff.align(PAIR[0], PAIR[1], model=tmp_path / "no-such-model")
    assert "no-such-model" in str(e.value)
