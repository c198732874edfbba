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
    """What a test tried that it is not marked for (each attempt is refused, and the test fails on it)."""

    def __init__(self, embedded: bool, network: bool) -> None:
        self.embedded, self.network = embedded, network
        self.refused: list[str] = []

    def refuse(self, what: str) -> RuntimeError:
        self.refused.append(what)
        return RuntimeError(f"refused in tests: {what}")  # raised where it was tried; the test fails at teardown


@pytest.fixture(autouse=True)
def _no_model_and_no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    guard = _Guard(request.node.get_closest_marker("embedded") is not None,
                   request.node.get_closest_marker("network") is not None)
    if not guard.embedded:
        import llama_cpp

        def no_model(self: Any, *args: Any, **kwargs: Any) -> None:
            self._stack = contextlib.ExitStack()  # what Llama.__del__ closes
            raise guard.refuse(f"loading the embedded model {kwargs.get('model_path', '')!r} (mark the test embedded)")

        monkeypatch.setattr(llama_cpp.Llama, "__init__", no_model)
    if not guard.network:
        connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

        def checked(method: Any) -> Any:
            def call(sock: socket.socket, address: Any) -> Any:
                if not _is_local(address, sock.family):
                    raise guard.refuse(f"a connection to {address!r} (mark the test network)")
                return method(sock, address)

            return call

        monkeypatch.setattr(socket.socket, "connect", checked(connect))
        monkeypatch.setattr(socket.socket, "connect_ex", checked(connect_ex))
    yield
    if guard.refused:  # also when the code under test turned the refusal into an error of its own
        pytest.fail("refused in tests: " + "; ".join(dict.fromkeys(guard.refused)), pytrace=False)


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
