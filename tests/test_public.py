"""The published surface agrees with the README's "Use it": every name it uses is exported, every field
it reads exists, every value it lists for a closed set is in that set's Literal."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pydantic
import pytest

import factx
import factx.types

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
USE_IT = README.split("\n## Use it\n", 1)[1].split("\n## ", 1)[0]
CODE = "\n".join(re.findall(r"```python\n(.*?)```", USE_IT, re.S))
LOOPS = {"d": factx.DateFact, "f": factx.FigureFact, "e": factx.EventFact, "sheet": factx.FactSheet}


def _literal(annotation: object) -> set[str]:
    """The values of a Literal, also inside ``X | None``."""
    values: set[str] = set()
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            values |= set(typing.get_args(arg))
    return values


def test_the_section_is_found_and_has_code() -> None:
    assert "factx.extract_facts(" in CODE and "for d in sheet.dates" in CODE


@pytest.mark.parametrize("name", sorted(set(re.findall(r"\bfactx\.(\w+)", CODE))))
def test_every_factx_name_is_exported(name: str) -> None:
    assert name in factx.__all__ and hasattr(factx, name)


@pytest.mark.parametrize("name", sorted(set(re.findall(r"\b([A-Z]\w+)\(", CODE))))
def test_every_type_shown_is_a_public_type(name: str) -> None:
    assert name in factx.types.__all__, f"{name} is shown in the README but not in factx.types"
    assert issubclass(getattr(factx.types, name), pydantic.BaseModel)


@pytest.mark.parametrize(("var", "field"), sorted(set(re.findall(r"\b(d|f|e|sheet)\.(\w+)", CODE))))
def test_every_field_read_exists(var: str, field: str) -> None:
    model = LOOPS[var]
    assert field in model.model_fields or hasattr(model, field), f"{model.__name__}.{field}"


def test_the_result_table_names_fields_of_the_sheet() -> None:
    table = USE_IT.split("### The result: `FactSheet`", 1)[1]
    names = [n for cell in re.findall(r"^\| (`[^|]*) \|", table, re.M) for n in re.findall(r"`(\w+)(?:\[\])?`", cell)]
    assert {"dates", "figures", "events", "zones", "usage"} <= set(names)
    assert set(names) <= set(factx.FactSheet.model_fields)


def test_values_listed_for_closed_sets_are_in_their_literals() -> None:
    fields = {**factx.DateFact.model_fields, **factx.FigureFact.model_fields}
    mods = re.search(r"`mod` \(([^)]*)\)", USE_IT)
    bounds = re.search(r"`bound` \(([^)]*)\)", USE_IT)
    zones = re.search(r"`zones\[\]` \| `kind` \(([^)]*)\)", USE_IT)
    sources = re.search(r"`given`, `dateline` or `none`", USE_IT)
    assert mods and bounds and zones and sources
    assert set(re.findall(r"[A-Z_]{3,}", mods.group(1))) <= _literal(fields["mod"].annotation)
    assert set(re.findall(r"`(\w+)`", bounds.group(1))) == _literal(fields["bound"].annotation)
    assert set(re.findall(r"`(\w+)`", zones.group(1))) == set(typing.get_args(factx.types.ZoneKind))
    assert set(typing.get_args(factx.types.ReferenceSource)) == {"given", "dateline", "none"}


def test_the_detectors_number_their_facts_as_extract_facts_does() -> None:
    dates = factx.find_dates("Talks began on Monday and ended on March 3, 2026.", "2026-03-04")
    figures = factx.find_figures("About 400 workers and $2 million were involved.")
    assert [d.id for d in dates] == ["d1", "d2"]
    assert [f.id for f in figures] == ["f1", "f2"]


def test_errors_type_their_usage() -> None:
    hints = typing.get_type_hints(factx.FactxBackendError.__init__)
    assert hints["usage"] == factx.Usage | None
