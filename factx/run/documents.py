"""What a batch takes as a document: a string, or a mapping with ``id``, ``text`` and ``reference_date``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factx._errors import FactxInputError

DocumentId = str | int
_KEYS = {"id", "text", "reference_date"}


@dataclass(frozen=True)
class Document:
    """One document of a batch: its id (its index when none is given), its text, its own reference date."""

    id: DocumentId
    text: str
    reference_date: dt.date | str | None = None


def as_document(item: object, index: int) -> Document:
    """A batch item as a ``Document``; a typed error (with the index) for anything else."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(id=index, text=item)
    if not isinstance(item, Mapping):
        raise FactxInputError(f"a document is a str or a mapping with 'text', not {type(item).__name__}", index=index)
    unknown = set(item) - _KEYS
    if unknown:
        raise FactxInputError(f"unknown document keys {sorted(map(str, unknown))}; use {sorted(_KEYS)}", index=index)
    text: Any = item.get("text")
    if not isinstance(text, str):
        raise FactxInputError(f"document 'text' must be a str, not {type(text).__name__}", index=index)
    ident: Any = item.get("id", index)
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise FactxInputError(f"document 'id' must be a str or an int, not {type(ident).__name__}", index=index)
    reference: Any = item.get("reference_date")
    if reference is not None and not isinstance(reference, str | dt.date):
        raise FactxInputError(
            f"document 'reference_date' must be an ISO date string, not {type(reference).__name__}", index=index
        )
    return Document(id=ident, text=text, reference_date=reference)
