"""Tests never reach a model: HTTP replays from cassettes (record mode none), a fake key, a fake backend."""

from __future__ import annotations

import os
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
