"""The package layout promises: stage folders that say what they do, the public surface unchanged."""

from __future__ import annotations

from pathlib import Path

import factx
import factx.testing

PACKAGE = Path(factx.__file__).resolve().parent


def test_stage_folders_each_say_what_they_do() -> None:
    for stage in ("detect", "build", "interpret", "backends", "verify", "linking", "run", "view", "eval", "cli"):
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), stage
        assert (getattr(__import__(f"factx.{stage}", fromlist=["_"]), "__doc__", None) or "").strip(), stage


def test_public_surface_is_importable_from_the_top() -> None:
    for name in factx.__all__:
        assert getattr(factx, name) is not None, name
    assert {"FakeBackend", "FakeCall"} <= set(factx.testing.__all__)
