"""One error root, with subclasses by who must act: the caller, the model, or the network."""

from __future__ import annotations

from typing import Any

from factx._types import Usage


class FactxError(Exception):
    """Root of every error factx raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Picklable with its context (``attempts``, ``usage`` ...), e.g. back from a worker process."""
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[FactxError], args: tuple[Any, ...], state: dict[str, Any]) -> FactxError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class FactxInputError(FactxError, ValueError):
    """The caller passed something factx cannot work with (empty text, bad date, bad document)."""

    def __init__(self, message: str, *, index: int | None = None) -> None:
        super().__init__(message if index is None else f"document {index}: {message}")
        self.index = index


class FactxConfigError(FactxError):
    """The caller's configuration is wrong: unknown model name, missing key, missing extra."""


class FactxModelError(FactxError):
    """The model kept answering with output that fails validation, after every re-ask.

    ``last_output`` is its last answer (cut, secrets removed); ``usage`` every request it took.
    """

    def __init__(
        self, message: str, *, attempts: int, last_output: str | None = None, usage: Usage | None = None
    ) -> None:
        super().__init__(f"{message} (after {attempts} attempt{'' if attempts == 1 else 's'})")
        self.attempts = attempts
        self.last_output = last_output
        self.usage = usage


class FactxBackendError(FactxError):
    """The model endpoint could not be reached or kept failing (network, 429, 5xx, timeout).

    ``usage`` is what was spent (when the error ends a document: on the whole document so far).
    """

    def __init__(
        self, message: str, *, attempts: int, status_code: int | None = None, usage: Usage | None = None
    ) -> None:
        super().__init__(f"{message} (after {attempts} attempt{'' if attempts == 1 else 's'})")
        self.attempts = attempts
        self.status_code = status_code
        self.usage = usage


class FactxTimeoutError(FactxBackendError):
    """The time budget (``timeout=`` of the document, or one call's) ran out; ``usage`` is what was spent."""

    def __init__(
        self,
        message: str,
        *,
        attempts: int,
        seconds: float | None = None,
        status_code: int | None = None,
        usage: Usage | None = None,
    ) -> None:
        super().__init__(message, attempts=attempts, status_code=status_code, usage=usage)
        self.seconds = seconds
