"""The test guard (tests/conftest.py): a test that loads the embedded model or reaches past the loopback
fails unless it is marked for it, even when the code under test swallows the refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

HERE = Path(__file__).resolve().parent

INNER = """
import socket

import pytest
from pydantic import BaseModel

from factx.backends import LlamaCppBackend


class Answer(BaseModel):
    city: str


def _try(action):
    try:
        action()
    except Exception:  # the code under test may turn any failure into its own error, or ignore it
        pass


def _remote():
    socket.create_connection(("192.0.2.1", 9), timeout=0.05)  # TEST-NET-1: never a real host


def _embedded():
    LlamaCppBackend().complete(Answer, [{"role": "user", "content": "Where?"}])  # it loads on the first request


def test_remote_unmarked():
    _try(_remote)


@pytest.mark.network
def test_remote_marked():
    _try(_remote)


def test_embedded_unmarked():
    _try(_embedded)


@pytest.fixture(scope="module")
def loaded():
    _try(_embedded)


def test_module_fixture_unmarked(loaded):
    pass


def test_loopback_unmarked():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    with server, socket.create_connection(server.getsockname(), timeout=1):
        pass
"""


@pytest.mark.network
@pytest.mark.embedded  # the outer guard stands aside: the inner session's guard is under test
def test_unmarked_tests_fail_on_the_model_or_a_remote_host_and_marked_ones_pass(pytester: pytest.Pytester) -> None:
    pytester.makeconftest((HERE / "conftest.py").read_text(encoding="utf-8"))
    pytester.makeini(
        "[pytest]\nmarkers =\n    embedded: may load the embedded model\n    network: may leave the loopback\n"
    )
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:recording")
    outcomes = {
        r.nodeid.split("::")[-1]: r.outcome
        for r in result.reprec.getreports("pytest_runtest_logreport")
        if r.when == "call" or r.failed
    }  # type: ignore[attr-defined]
    assert outcomes["test_remote_unmarked"] == "failed"
    assert outcomes["test_embedded_unmarked"] == "failed"
    assert outcomes["test_module_fixture_unmarked"] == "failed"  # the first test that needs it answers for it
    assert outcomes["test_remote_marked"] == "passed"
    assert outcomes["test_loopback_unmarked"] == "passed"
    result.stdout.fnmatch_lines(
        ["*refused in tests: a connection to ('192.0.2.1', 9)*", "*refused in tests: loading the embedded model*"]
    )
