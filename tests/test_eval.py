"""The scorer on small hand-made cases (invented sentences, no third-party data)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from factx._errors import FactxInputError, FactxModelError
from factx._types import DateFact, EventFact, FactSheet, FigureFact, Rejection, Span, Usage
from factx.eval.gold import GoldDocument, load_dataset
from factx.eval.score import (
    Counts,
    evaluate,
    is_grounding_rejection,
    normalize_unit,
    render_report,
    score_document,
)

TEXT = "The mill closed on 3 March 2021 after losing $4 million, and 120 workers left."


def span(text: str, part: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span.of(text, start, start + len(part))


def gold(**kw: Any) -> GoldDocument:
    return GoldDocument.model_validate({"text": TEXT, **kw})


def g(part: str, **kw: Any) -> dict[str, Any]:
    s = span(TEXT, part)
    return {"start": s.start, "end": s.end, **kw}


def date(part: str, value: str, id_: str = "", type_: str = "DATE") -> DateFact:
    return DateFact(id=id_, span=span(TEXT, part), value=value, type=type_)  # type: ignore[arg-type]


def figure(part: str, value: float, unit: str | None = None) -> FigureFact:
    return FigureFact(span=span(TEXT, part), value=value, unit=unit)


def sheet(**kw: Any) -> FactSheet:
    return FactSheet(text=TEXT, model="test", **kw)


def test_exact_match_date() -> None:
    c = score_document(
        sheet(dates=(date("3 March 2021", "2021-03-03"),)), gold(dates=[g("3 March 2021", value="2021-03-03")])
    )
    assert c["dates"] == Counts(tp=1, fp=0, fn=0, documents=1)
    assert c["dates"].f1 == 1.0


def test_overlap_match_counts() -> None:
    c = score_document(
        sheet(dates=(date("March 2021", "2021-03-03"),)), gold(dates=[g("on 3 March 2021", value="2021-03-03")])
    )
    assert (c["dates"].tp, c["dates"].fp, c["dates"].fn) == (1, 0, 0)


def test_wrong_value_is_fp_and_fn() -> None:
    c = score_document(
        sheet(dates=(date("3 March 2021", "2021-03-04"),)), gold(dates=[g("3 March 2021", value="2021-03-03")])
    )
    assert (c["dates"].tp, c["dates"].fp, c["dates"].fn) == (0, 1, 1)
    assert c["dates"].precision == 0.0 and c["dates"].f1 == 0.0


def test_gold_value_list_accepts_any() -> None:
    c = score_document(
        sheet(dates=(date("3 March 2021", "2021-03-03"),)),
        gold(dates=[g("3 March 2021", value=["XXXX-03-03", "2021-03-03"])]),
    )
    assert c["dates"].tp == 1


def test_missing_is_fn() -> None:
    c = score_document(sheet(), gold(dates=[g("3 March 2021", value="2021-03-03")]))
    assert (c["dates"].tp, c["dates"].fp, c["dates"].fn) == (0, 0, 1)
    assert c["dates"].recall == 0.0 and c["dates"].precision == 0.0


def test_duplicate_prediction_second_is_fp() -> None:
    d = date("3 March 2021", "2021-03-03")
    c = score_document(sheet(dates=(d, d)), gold(dates=[g("3 March 2021", value="2021-03-03")]))
    assert (c["dates"].tp, c["dates"].fp, c["dates"].fn) == (1, 1, 0)
    assert c["dates"].precision == 0.5 and c["dates"].recall == 1.0
    assert c["dates"].f1 == pytest.approx(2 / 3)


def test_greedy_by_overlap_size() -> None:
    # Two gold dates and one long prediction: it goes to the gold it overlaps most.
    text = "From May 2020 to June 2020"
    doc = GoldDocument(
        text=text,
        dates=[
            {"start": 5, "end": 13, "value": "2020-05"},  # type: ignore[list-item]
            {"start": 17, "end": 26, "value": "2020-05"},
        ],
    )
    pred = FactSheet(text=text, model="t", dates=(DateFact(span=Span.of(text, 10, 26), value="2020-05"),))
    c = score_document(pred, doc)["dates"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 1)


def test_durations_and_sets_are_not_scored() -> None:
    c = score_document(sheet(dates=(date("3 March 2021", "P1D", type_="DURATION"),)), gold(dates=[]))
    assert (c["dates"].tp, c["dates"].fp, c["dates"].fn) == (0, 0, 0)


def test_absent_key_not_scored() -> None:
    s = sheet(figures=(figure("$4 million", 4e6, "USD"),), dates=(date("3 March 2021", "2021-03-03"),))
    c = score_document(s, gold(dates=[g("3 March 2021", value="2021-03-03")]))
    assert set(c) == {"dates"}
    # an empty list, unlike an absent key, is scored: predictions are false positives
    c = score_document(s, gold(figures=[]))
    assert set(c) == {"figures"} and c["figures"].fp == 1


def test_figure_unit_aliases_and_tolerance() -> None:
    s = sheet(figures=(figure("$4 million", 4_000_000.000001, "$"),))
    for unit in ("USD", "dollar", "Dollars", "United States dollar"):
        c = score_document(s, gold(figures=[g("$4 million", value=4e6, unit=unit)]))
        assert c["figures"].tp == 1, unit


def test_figure_unit_mismatch() -> None:
    s = sheet(figures=(figure("$4 million", 4e6, "EUR"),))
    c = score_document(s, gold(figures=[g("$4 million", value=4e6, unit="USD")]))
    assert (c["figures"].tp, c["figures"].fp, c["figures"].fn) == (0, 1, 1)


def test_figure_without_gold_unit_ignores_unit() -> None:
    s = sheet(figures=(figure("120 workers", 120, "workers"),))
    c = score_document(s, gold(figures=[g("120", value=120)]))
    assert c["figures"].tp == 1


def test_figure_wrong_value() -> None:
    c = score_document(
        sheet(figures=(figure("$4 million", 4.0, "USD"),)), gold(figures=[g("$4 million", value=4e6, unit="USD")])
    )
    assert c["figures"].tp == 0


def test_event_trigger_preferred_over_evidence() -> None:
    ev = EventFact(
        span=span(TEXT, "The mill closed on 3 March 2021"), trigger=span(TEXT, "closed"), description="mill closed"
    )
    c = score_document(sheet(events=(ev,)), gold(events=[g("closed"), g("losing")]))
    assert (c["events"].tp, c["events"].fp, c["events"].fn) == (1, 0, 1)
    # without a trigger the evidence span is used: a sentence can still match only one gold
    ev2 = EventFact(span=span(TEXT, "The mill closed on 3 March 2021 after losing"), description="x")
    c = score_document(sheet(events=(ev2,)), gold(events=[g("closed"), g("losing")]))
    assert (c["events"].tp, c["events"].fp, c["events"].fn) == (1, 0, 1)


def test_event_with_date_needs_the_link() -> None:
    d = date("3 March 2021", "2021-03-03", id_="d1")
    linked = EventFact(span=span(TEXT, "closed"), trigger=span(TEXT, "closed"), description="closed", date_ids=("d1",))
    unlinked = linked.model_copy(update={"date_ids": ()})
    wrong = linked.model_copy(update={"date_ids": ("d2",)})
    d2 = date("3 March 2021", "2021-03-04", id_="d2")
    gd = gold(events=[g("closed", date="2021-03-03")])
    assert score_document(sheet(dates=(d,), events=(linked,)), gd)["events"].tp == 1
    c = score_document(sheet(dates=(d,), events=(unlinked,)), gd)["events"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)
    assert score_document(sheet(dates=(d, d2), events=(wrong,)), gd)["events"].tp == 0


def test_normalize_unit() -> None:
    assert normalize_unit("$") == normalize_unit("USD") == normalize_unit(" Dollar ") == "usd"
    assert normalize_unit("%") == normalize_unit("Percent") == "percent"
    assert normalize_unit("miles") == normalize_unit("mi")
    assert normalize_unit("troops") == normalize_unit("troop")
    assert normalize_unit("degree_Celsius") == normalize_unit("C") == normalize_unit("degree Celsius")
    assert normalize_unit("kilometer/hour") == normalize_unit("Kilometer per hour") == "km per hour"
    assert normalize_unit("kilometer**2") == normalize_unit("square kilometres")
    assert normalize_unit("centimeter**3") == normalize_unit("ml")
    assert normalize_unit("metric_ton") == normalize_unit("Metric ton")
    assert normalize_unit("EUR") != normalize_unit("USD")


def test_gold_offsets_validated() -> None:
    with pytest.raises(ValueError):
        GoldDocument.model_validate({"text": "abc", "dates": [{"start": 1, "end": 9, "value": "2020"}]})


def _write(tmp_path: Path, rows: list[Any]) -> Path:
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return p


def test_load_dataset_errors_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(FactxInputError, match="not found"):
        load_dataset(tmp_path / "nope.jsonl")
    with pytest.raises(FactxInputError, match="line 2: invalid JSON"):
        load_dataset(_write(tmp_path, [{"text": "a"}, "{oops"]))
    with pytest.raises(FactxInputError, match="line 1: missing 'text'"):
        load_dataset(_write(tmp_path, [{"id": "x"}]))
    with pytest.raises(FactxInputError, match="document 0"):
        load_dataset([{"text": "a", "reference_date": "not a date"}])


def test_evaluate_with_custom_extract(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "text": TEXT,
            "reference_date": "2021-03-10",
            "dates": [g("3 March 2021", value="2021-03-03")],
            "figures": [g("$4 million", value=4e6, unit="USD")],
        },
        {"id": "b", "text": TEXT, "dates": [g("3 March 2021", value="2021-03-03")]},
        {"id": "c", "text": "nothing here"},
    ]
    seen: list[dt.date | None] = []

    def extract(text: str, ref: dt.date | None) -> FactSheet:
        seen.append(ref)
        if text == "nothing here":
            raise FactxModelError("bad output", attempts=3)
        return FactSheet(
            text=text,
            model="m",
            dates=(date("3 March 2021", "2021-03-03"),),
            figures=(figure("$4 million", 4e6, "USD"),),
            rejected=(
                Rejection(kind="figure", reason="quote not found in text", proposed="9"),
                Rejection(kind="date", reason="value mismatch", proposed="x"),
            ),
            usage=Usage(requests=2, retries=1, prompt_tokens=10, completion_tokens=5),
        )

    report = evaluate(_write(tmp_path, rows), extract=extract, progress=False)
    assert seen == [dt.date(2021, 3, 10), None, None]
    assert report.documents == 3 and report.errors == 1 and report.model == "m"
    assert report.scores["dates"] == Counts(tp=2, fp=0, fn=0, documents=2)
    assert report.scores["figures"] == Counts(tp=1, fp=0, fn=0, documents=1)
    assert report.usage == Usage(requests=4, retries=2, prompt_tokens=20, completion_tokens=10)
    assert report.proposed == 8 and report.ungrounded == 2 and report.ungrounded_rate == 0.25
    assert report.rejected == {"quote not found in text": 2, "value mismatch": 2}
    limited = evaluate(rows, extract=extract, progress=False, limit=1)
    assert limited.documents == 1

    table = render_report(report, "table")
    assert "dates" in table and "1.000" in table and "matching rules" in table
    data = json.loads(render_report(report, "json"))
    assert data["scores"]["dates"]["f1"] == 1.0 and data["ungrounded_rate"] == 0.25
    assert "rules" in data


def test_grounding_reason_detection() -> None:
    assert is_grounding_rejection("ungrounded: quote not found")
    assert not is_grounding_rejection("value mismatch")


def test_evaluate_default_pipeline_with_fake_backend() -> None:
    """Without ``extract``, evaluate runs factx.extract_facts on the given backend (here answering {})."""
    from factx.testing import FakeBackend

    fake = FakeBackend(name="fake")
    rows = [{"text": TEXT, "reference_date": "2021-03-10", "dates": [g("3 March 2021", value="2021-03-03")]}]
    report = evaluate(rows, backend=fake, progress=False)
    assert report.documents == 1 and report.errors == 0
    assert report.scores["dates"].tp == 1  # dates are found by code, whatever the model says
    assert report.model == "fake" and report.usage.requests == len(fake.calls)
