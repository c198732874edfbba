"""Relative dates left unresolved for want of a reference date are logged, never silently dropped."""

from __future__ import annotations

import logging

import pytest

import factx
from factx.testing import FakeBackend, answer_choices


def _extract(text: str, reference_date: str | None = None) -> factx.FactSheet:
    backend = FakeBackend(responder=answer_choices(False))
    return factx.extract_facts(text, backend=backend, strategy="choose", reference_date=reference_date)


def test_a_warning_names_an_unresolved_date_and_how_to_resolve_it(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="factx"):
        sheet = _extract("Port workers ended their strike on Thursday after talks last week, the union said.")
    assert sheet.reference_source == "none" and any(d.value.startswith("XXXX") for d in sheet.dates)
    (record,) = [r for r in caplog.records if r.name == "factx.pipeline"]
    assert record.levelno == logging.WARNING and "'Thursday'" in record.getMessage()
    assert "reference_date=" in record.getMessage()


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Port workers ended their strike on Thursday, the union said.", "2025-05-14"),
        ("ROTTERDAM, May 15, 2025 (Factx Wire) - Port workers ended their strike on Thursday.", None),
        ("Port workers ended their strike in 2024, the union said.", None),
    ],
)
def test_no_warning_when_every_date_is_resolved(
    text: str, reference: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="factx"):
        _extract(text, reference)
    assert not [r for r in caplog.records if r.name == "factx.pipeline"]
