"""Ordered rules: a decision written as a tuple of small named rules, the first that answers decides."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def first(rules: Iterable[Callable[P, T | None]], *args: P.args, **kwargs: P.kwargs) -> T | None:
    """The answer of the first rule that gives one (not None), in order; None when none does."""
    for rule in rules:
        found = rule(*args, **kwargs)
        if found is not None:
            return found
    return None
