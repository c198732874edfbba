"""The package's metadata is complete where users look: the wheel's METADATA, and ``pip show``."""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import zipfile
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This tree built as a wheel, offline: pip with the installed build backend (hatchling, the test extra)."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (built,) = out.glob("factx-*.whl")
    return built


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def test_the_wheel_metadata_names_license_home_page_authors_and_classifiers(wheel: Path) -> None:
    meta = _metadata(wheel)
    assert meta["License-Expression"] == "MIT" and meta.get_all("License-File") == ["LICENSE"]
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL") or [])
    assert urls["Homepage"].startswith("https://")
    assert meta["Author"] or meta["Author-email"]
    classifiers = meta.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3" in classifiers and "Typing :: Typed" in classifiers
    assert meta["Requires-Python"] == ">=3.10" and meta["Summary"]
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "factx/py.typed" in names and any(n.endswith("licenses/LICENSE") for n in names)


def test_pip_show_gives_license_and_home_page(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}  # found before any other install of factx
    shown = subprocess.run([*pip, "show", "factx"], env=env, check=True, capture_output=True, text=True, timeout=120)
    fields = dict(line.split(": ", 1) for line in shown.stdout.splitlines() if ": " in line)
    assert Path(fields["Location"]) == target, shown.stdout
    assert fields.get("License-Expression", fields.get("License")) == "MIT", shown.stdout
    assert fields["Home-page"].startswith("https://"), shown.stdout
    assert fields["Author"], shown.stdout
