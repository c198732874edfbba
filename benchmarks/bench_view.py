"""The HTML view of a ~100 KB article in headless Chromium: page size, marks, and how long the browser takes.

Usage: python benchmarks/bench_view.py [--kb 100] [--runs 3]
The article is the sample article repeated to the size asked (facts found by code, a fake backend
choosing every event candidate: no model). Each run loads the page and, as the baseline of the same
run, an empty page; it prints the wall time of ``chromium --headless --dump-dom`` for both and the
page's own ``performance.now()`` at its load event after forcing layout (navigation start to laid out).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from headless import CHROMIUM, FLAGS

import factx
from factx.testing import FakeBackend, answer_choices

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "sample_article.txt"


_choose_all = answer_choices(True)


def _load(chromium: str, page: Path, profile: Path) -> tuple[float, int | None]:
    """Wall seconds of one headless load, and the page's render-ms marker (None for a page without it)."""
    started = time.perf_counter()
    dom = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    wall = time.perf_counter() - started
    found = re.search(r'data-render-ms="(\d+)"', dom)
    return wall, int(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chromium = CHROMIUM
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install chromium")
    sample = ARTICLE.read_text(encoding="utf-8").strip()
    copies = max(1, round(args.kb * 1000 / (len(sample) + 2)))
    text = "\n\n".join([sample] * copies)
    started = time.perf_counter()
    sheet = factx.extract_facts(
        text, backend=FakeBackend(responder=_choose_all), strategy="choose", reference_date="2025-10-08"
    )
    extract_s = time.perf_counter() - started
    started = time.perf_counter()
    html = sheet.to_html()
    render_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        page, blank = Path(tmp, "view.html"), Path(tmp, "blank.html")
        page.write_text(html, encoding="utf-8")
        blank.write_text("<!DOCTYPE html><title>blank</title><p>blank</p>", encoding="utf-8")
        _load(chromium, blank, Path(tmp, "profile"))  # warm the profile and the disk cache once
        walls, marks_ms, blank_walls = [], [], []
        for _ in range(args.runs):
            blank_walls.append(_load(chromium, blank, Path(tmp, "profile"))[0])
            wall, in_page = _load(chromium, page, Path(tmp, "profile"))
            walls.append(wall)
            marks_ms.append(in_page or 0)
    print(
        f"text {len(text) / 1000:.1f} KB ({copies} copies of the sample): {len(sheet.events)} events, "
        f"{len(sheet.dates)} dates, {len(sheet.figures)} figures; extract {extract_s:.1f} s (fake backend)"
    )
    marks, evidence = html.count('class="m '), html.count('class="ev"')
    page_s, blank_s = statistics.median(walls), statistics.median(blank_walls)
    print(
        f"page {len(html) / 1000:.0f} KB, {marks} marks, {evidence} evidence spans; "
        f"factx.render {render_s * 1000:.0f} ms in Python"
    )
    print(
        f"chromium --dump-dom wall: page {page_s:.2f} s, empty page {blank_s:.2f} s (median of {args.runs}; "
        f"the difference is the page's own cost: {page_s - blank_s:.2f} s)"
    )
    print(
        f"in the browser, navigation start to loaded and laid out: {statistics.median(marks_ms)} ms "
        f"(runs: {', '.join(map(str, marks_ms))}); target < 2000 ms"
    )


if __name__ == "__main__":
    main()
