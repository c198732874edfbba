"""On any input (arbitrary Python objects, any Unicode: lone surrogates, NULs) only FactxErrors escape the
public entries, and the CLI exits 2 with one line on bad input."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factx
from factx.testing import FakeBackend

cli = importlib.import_module("factx.cli.app")  # the module (factx.cli.app is also the Typer app's name)

NASTY = ["\ud800", "\udfff", "\x00", "\x1b", "\ufeff", "\u2028", "\n\n", "Monday", " 5% ", "$3 million", "approved"]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(NASTY) | st.characters(), max_size=30).map("".join),
)
objects = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=50),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(object),
    texts,
)
references = st.one_of(st.none(), st.dates(), st.just("2025-10-07"), objects)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _only_typed(call: Any) -> Any:
    try:
        return call()
    except factx.FactxError:
        return None


@SETTINGS
@given(text=objects, reference=references)
def test_extract_facts_raises_only_factx_errors(text: Any, reference: Any) -> None:
    sheet = _only_typed(lambda: factx.extract_facts(text, reference_date=reference, backend=FakeBackend()))
    if sheet is not None:
        assert sheet.text == text
        assert all(text[f.span.start : f.span.end] == f.span.text for f in (*sheet.dates, *sheet.figures))


@SETTINGS
@given(docs=st.one_of(objects, st.lists(objects, max_size=4)))
def test_extract_many_returns_a_result_or_a_typed_error_per_document(docs: Any) -> None:
    results = _only_typed(lambda: factx.extract_many(docs, backend=FakeBackend()))
    if results is not None:
        assert all(isinstance(r, factx.FactSheet | factx.FactxError) for r in results)
        assert len(results) == len(docs)


@SETTINGS
@given(text=objects, reference=references)
def test_detectors_raise_only_factx_errors(text: Any, reference: Any) -> None:
    for call in (
        lambda: factx.find_dates(text, reference),
        lambda: factx.find_figures(text),
        lambda: factx.resolve_date(text, reference, context=text),
        lambda: factx.parse_figure(text, context=text),
    ):
        _only_typed(call)


@pytest.mark.parametrize("bad", [None, b"5% on Monday", 42, ["a"]])
def test_non_text_is_a_typed_error_not_an_empty_list(bad: Any) -> None:
    with pytest.raises(factx.FactxInputError, match="must be a str"):
        factx.find_dates(bad)
    with pytest.raises(factx.FactxInputError, match="must be a str"):
        factx.find_figures(bad)


@pytest.mark.parametrize("reference", [20250304, 2025.0, True, "20250304", "March 4"])
def test_a_reference_date_must_be_a_date_or_an_iso_string(reference: Any) -> None:
    with pytest.raises(factx.FactxInputError, match="reference_date"):
        factx.extract_facts("Prices rose on Monday.", reference_date=reference, backend=FakeBackend())
    assert factx.find_dates("on Monday", dt.datetime(2025, 3, 4, 12))[0].value == "2025-03-03"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Prices rose\x00 on Monday.", "control character U+0000 at offset 11"),
        ("Prices rose \ud800 on Monday.", "lone surrogate"),
    ],
)
def test_text_the_model_cannot_take_is_refused_before_any_request(text: str, message: str) -> None:
    fake = FakeBackend()
    with pytest.raises(factx.FactxInputError, match=re.escape(message)):
        factx.extract_facts(text, backend=fake)
    assert fake.calls == []


def test_a_string_is_not_a_batch() -> None:
    with pytest.raises(factx.FactxInputError, match="not one str"):
        factx.extract_many("one article, not a list of them", backend=FakeBackend())


@SETTINGS
@given(data=st.one_of(st.binary(max_size=300), texts.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_the_cli_exits_2_with_one_line_on_bad_input(
    data: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = cli.extract_facts
    monkeypatch.setattr(cli, "extract_facts", lambda text, **kw: real(text, **{**kw, "backend": FakeBackend()}))
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(cli.app, ["extract", str(path)])
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("error: ")
    assert result.exception is None or isinstance(result.exception, SystemExit)
