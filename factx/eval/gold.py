"""The gold side of evaluation: factx's JSONL dataset format, validated as it is read."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from factx._errors import FactxInputError

FactType = Literal["dates", "figures", "events"]
FACT_TYPES: tuple[FactType, ...] = ("dates", "figures", "events")


class _Gold(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class GoldDate(_Gold):
    """A gold date: its span and TIMEX3 value (or a list of acceptable values, e.g. past/future readings)."""

    value: str | tuple[str, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return (self.value,) if isinstance(self.value, str) else self.value


class GoldFigure(_Gold):
    """A gold figure: its span, numeric value and optional unit."""

    value: float
    unit: str | None = None


class GoldEvent(_Gold):
    """A gold event: the span of its trigger word, and optionally the TIMEX3 value of its date."""

    date: str | None = None


class GoldDocument(BaseModel):
    """One line of a dataset. A fact list left out (None) is not scored; an empty list is (as 'none')."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    id: str | None = None
    text: str
    reference_date: dt.date | None = None
    dates: tuple[GoldDate, ...] | None = None
    figures: tuple[GoldFigure, ...] | None = None
    events: tuple[GoldEvent, ...] | None = None

    @model_validator(mode="after")
    def _offsets_fit(self) -> GoldDocument:
        for kind in FACT_TYPES:
            for fact in getattr(self, kind) or ():
                if not fact.start < fact.end <= len(self.text):
                    raise ValueError(
                        f"{kind}: span ({fact.start}, {fact.end}) does not fit the text ({len(self.text)} characters)"
                    )
        return self


def _parse_document(raw: Any, where: str) -> GoldDocument:
    if not isinstance(raw, Mapping):
        raise FactxInputError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    if "text" not in raw:
        raise FactxInputError(f"{where}: missing 'text'")
    try:
        return GoldDocument.model_validate(dict(raw))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        cause = first.get("ctx", {}).get("error")  # a validator's own message, without pydantic's "Value error, "
        message = str(cause) if first["type"] == "value_error" and cause else first["msg"]
        raise FactxInputError(f"{where}: {loc}: {message}" if loc else f"{where}: {message}") from None


def load_dataset(dataset: str | Path | Iterable[Mapping[str, Any]]) -> list[GoldDocument]:
    """Read and validate a dataset (a JSONL path or mappings); errors name the line or index."""
    if isinstance(dataset, (str, Path)):
        path = Path(dataset)
        if not path.is_file():
            raise FactxInputError(f"dataset not found: {path}")
        docs: list[GoldDocument] = []
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise FactxInputError(f"{path}: line {lineno}: invalid JSON ({exc.msg})") from None
                docs.append(_parse_document(raw, f"{path}: line {lineno}"))
        return docs
    return [_parse_document(raw, f"document {i}") for i, raw in enumerate(dataset)]
