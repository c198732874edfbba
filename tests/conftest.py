"""Tests never reach a model: HTTP replays from cassettes (record mode none), a fake key, a fake backend.

A guard holds it: a test that would load the embedded model, or open a connection to anything but
this machine's loopback, fails unless it is marked ``embedded`` or ``network`` (pyproject's markers).
It covers this process (threads included); worker processes a test starts are its own business.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
SERVER = "http://127.0.0.1:8765/v1"
FAKE_KEY = "sk-test-not-a-real-key"


@pytest.fixture(autouse=True)
def _no_real_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.delenv("FACTX_MODEL", raising=False)


_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(address: Any, family: int) -> bool:
    """A Unix socket, or a loopback address or name."""
    if family == getattr(socket, "AF_UNIX", None) or not isinstance(address, tuple):
        return True
    host = str(address[0]).split("%")[0].lower()
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Guard:
    """What the running test may do, and what it tried that it may not (each attempt is refused there)."""

    def __init__(self) -> None:
        self.embedded = self.network = True  # outside a test (collection, the session's own fixtures)
        self.refused: list[str] = []
        self._patches = pytest.MonkeyPatch()

    def refuse(self, what: str) -> RuntimeError:
        self.refused.append(what)
        return RuntimeError(f"refused in tests: {what}")  # raised where it was tried; the test fails at teardown

    def install(self) -> None:
        """Patch the model's constructor and the socket's connect once for the session."""
        import llama_cpp

        guard, build = self, llama_cpp.Llama.__init__

        def model(llm: Any, *args: Any, **kwargs: Any) -> None:
            if not guard.embedded:
                llm._stack = contextlib.ExitStack()  # what Llama.__del__ closes
                raise guard.refuse(f"loading the embedded model {kwargs.get('model_path', '')!r} (mark it embedded)")
            build(llm, *args, **kwargs)

        def checked(method: Any) -> Any:
            def call(sock: socket.socket, address: Any) -> Any:
                if not guard.network and not _is_local(address, sock.family):
                    raise guard.refuse(f"a connection to {address!r} (mark the test network)")
                return method(sock, address)

            return call

        self._patches.setattr(llama_cpp.Llama, "__init__", model)
        self._patches.setattr(socket.socket, "connect", checked(socket.socket.connect))
        self._patches.setattr(socket.socket, "connect_ex", checked(socket.socket.connect_ex))

    def uninstall(self) -> None:
        self._patches.undo()


_GUARD = _Guard()


def pytest_configure(config: pytest.Config) -> None:
    _GUARD.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    _GUARD.uninstall()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A test's own markers hold from its setup (module fixtures it is the first to need included) to its teardown."""
    _GUARD.embedded = item.get_closest_marker("embedded") is not None
    _GUARD.network = item.get_closest_marker("network") is not None
    _GUARD.refused = []
    yield
    _GUARD.embedded = _GUARD.network = True


@pytest.fixture(autouse=True)
def _no_model_and_no_network() -> Iterator[None]:
    yield
    if _GUARD.refused:  # also when the code under test turned the refusal into an error of its own
        pytest.fail("refused in tests: " + "; ".join(dict.fromkeys(_GUARD.refused)), pytrace=False)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"],
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.split(".")[-1])


@pytest.fixture
def sample_text() -> str:
    return (Path(__file__).resolve().parent.parent / "examples" / "sample_article.txt").read_text(encoding="utf-8")


def recording() -> bool:
    return os.environ.get("FACTX_RECORD") == "1"
