"""The HTML view: every fact highlighted in a real browser (headless Chromium), article text never run."""

from __future__ import annotations

import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from headless import CHROMIUM, FLAGS
from typer.testing import CliRunner

import factx
from factx.cli import app
from factx.cli.app import render as render_lines
from factx.testing import FakeBackend, answer_choices
from factx.view.marks import Mark, highlight
from factx.view.timeline import build, clock, event_time
from factx.view.words import counted

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "examples" / "sample_article.txt").read_text(encoding="utf-8")
HOSTILE = (
    "<script>alert(1)</script> The council approved the budget on Monday, "
    "<script>document.documentElement.setAttribute('data-injected', 'script')</script>"
    "cutting 300 jobs. <img src=x onerror=\"document.documentElement.setAttribute('data-injected', 'img')\"> "
    "</article></script><b>Talks</b> resume next week & end in May."
)


_choose_all = answer_choices(True)


def _sheet(text: str) -> factx.FactSheet:
    backend = FakeBackend(responder=_choose_all)
    return factx.extract_facts(text, backend=backend, strategy="choose", reference_date="2025-10-08")


@pytest.fixture(scope="module")
def sample() -> factx.FactSheet:
    return _sheet(SAMPLE)


@pytest.fixture(scope="module")
def hostile() -> factx.FactSheet:
    return _sheet(HOSTILE)


def _dom(html: str, tmp_path: Path, size: str = "1280,3000") -> str:
    """The DOM after the page's scripts ran, from Debian's chromium (offline; fails in CI when missing)."""
    if CHROMIUM is None:
        if os.environ.get("FACTX_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (FACTX_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    command = [
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={size}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.startswith("<!DOCTYPE html>"), done.stderr[-2000:]
    return done.stdout


class _Marks(HTMLParser):
    """Text of every element carrying data-f / data-ev ids (fragments joined), root attributes, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[tuple[str, str], str] = {}
        self.kinds: dict[str, set[str]] = {}
        self.root: dict[str, str | None] = {}
        self.scripts = 0
        self.article = ""
        self._open: list[list[tuple[str, str]]] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = dict(attrs)
        if tag == "html":
            self.root = at
        self.scripts += tag == "script"
        if tag == "article":
            self._in_article += 1
        if tag == "span":
            keys = [("f", i) for i in (at.get("data-f") or "").split()]
            keys += [("ev", i) for i in (at.get("data-ev") or "").split()]
            for _, i in keys:
                self.kinds.setdefault(i, set()).update((at.get("class") or "").split())
            self._open.append(keys)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            self._open.pop()
        if tag == "article":
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        for keys in self._open:
            for key in keys:
                self.text[key] = self.text.get(key, "") + data
        if self._in_article:
            self.article += data


def _parse(dom: str) -> _Marks:
    marks = _Marks()
    marks.feed(dom)
    return marks


def _check_every_fact(sheet: factx.FactSheet, dom: str) -> _Marks:
    marks = _parse(dom)
    assert marks.root.get("data-factx-view") == "ready", "the page's own script ran"
    assert marks.article == sheet.text, "the text shows exactly as given"
    for fact, kind in [*((d, "k-date") for d in sheet.dates), *((f, "k-figure") for f in sheet.figures)]:
        assert marks.text.get(("f", f"1:{fact.id}")) == fact.span.text, fact
        assert kind in marks.kinds[f"1:{fact.id}"]
    for event in sheet.events:
        trigger = event.trigger or event.span
        named = sorted({trigger, *getattr(event, "mentions", ())}, key=lambda m: m.start)  # every mention is marked
        assert marks.text.get(("f", f"1:{event.id}")) == "".join(m.text for m in named), event
        assert "k-trigger" in marks.kinds[f"1:{event.id}"]
        assert marks.text.get(("ev", f"1:{event.id}")) == event.span.text, event
    return marks


def test_every_fact_of_the_sample_is_highlighted_in_the_browser(sample: factx.FactSheet, tmp_path: Path) -> None:
    assert sample.dates and sample.figures and sample.events
    marks = _check_every_fact(sample, _dom(sample.to_html(), tmp_path))
    participants = [i for i, kinds in marks.kinds.items() if "k-participant" in kinds]
    places = [i for i, kinds in marks.kinds.items() if "k-place" in kinds]
    assert participants and places
    for event in sample.events:  # every named actor and place is highlighted where the text names it
        texts = {marks.text[("f", i)] for i in participants if i.startswith(f"1:{event.id}.p")}
        agents = {p.span.text for p in event.participants if p.role == "agent"}  # "Reyes" names Tomas Reyes
        assert agents <= texts, (agents, texts)
        if event.location and event.location in sample.text:
            assert marks.text.get(("f", f"1:{event.id}.loc")) == event.location


def test_a_script_in_the_article_stays_text(hostile: factx.FactSheet, tmp_path: Path) -> None:
    html = factx.render(hostile)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    marks = _check_every_fact(hostile, _dom(html, tmp_path))
    assert "data-injected" not in marks.root, "a script from the article ran"
    assert marks.scripts == 2, "only the page's facts data and its own script"


def test_the_page_makes_no_external_request(sample: factx.FactSheet) -> None:
    linked = _sheet("The agency said on Monday at https://example.org/flood?a=1&b=2 that 300 homes were lost.")
    for sheet in (sample, linked):
        html = factx.render(sheet)
        for url in re.findall(r"(?:https?|ftp|wss?):[^\s\"'<>&\\]*", html, re.I):
            assert url in sheet.text, f"{url}: a URL that is not the article's own text"
        assert not re.search(r"<(link|img|iframe|object|embed|audio|video|source)\b", html, re.I)
        assert not re.search(r"\b(src|href|action|srcset)=\"(?!#)", html), "only in-page anchors"


def test_factx_render_is_the_function_and_factx_view_the_subpackage(sample: factx.FactSheet) -> None:
    import factx.view
    from factx.view import render

    assert factx.render is render and factx.view.render is render  # no function hides the subpackage
    assert factx.render(sample) == sample.to_html() == render(sample)
    assert "render" in factx.__all__ and "view" not in factx.__all__


def test_many_documents_get_an_index_and_failures_are_listed(sample: factx.FactSheet) -> None:
    html = factx.render({"a.txt": sample, "b.txt": factx.FactxInputError("b.txt: the text is empty")})
    assert 'href="#doc1"' in html and 'href="#doc2"' in html
    assert "FactxInputError: b.txt: the text is empty" in html
    assert factx.render([sample, sample]).count('class="doc"') == 2


def test_crossing_spans_nest_as_fragments_that_join_to_the_span() -> None:
    text = "0123456789"
    html = highlight(
        text,
        [
            Mark(0, 6, "evidence", ("e1",)),
            Mark(4, 8, "date", ("d1",)),
            Mark(4, 8, "figure", ("f1",)),
            Mark(2, 3, "participant", ("p1",)),
            Mark(2, 3, "participant", ("p2",)),
        ],
        "1:",
    )
    marks = _parse(f"<article>{html}</article>")
    assert marks.article == text
    assert marks.text[("f", "1:d1")] == "4567" and marks.text[("f", "1:f1")] == "4567"
    assert marks.text[("ev", "1:e1")] == "012345"
    assert 'data-f="1:p1 1:p2"' in html  # one element for two facts on the same span
    assert html.count('data-f="1:d1"') == 2 and html.count('data-f="1:d1" tabindex="0"') == 1  # one tab stop


def test_timeline_puts_a_day_on_a_point_a_month_on_a_band_and_lists_undated(sample: factx.FactSheet) -> None:
    dates = {d.id: d for d in sample.dates}
    line = build([(e.id, e.description, e) for e in sample.events], dates)
    placed = {p.event_id: p for p in line.placed}
    grains = {e.id: dates[e.date_ids[0]].grain for e in sample.events if e.date_ids and dates[e.date_ids[0]].start}
    assert any(g == "month" for g in grains.values()) and any(g == "day" for g in grains.values())
    for event_id, grain in grains.items():
        assert placed[event_id].point == (grain in ("day", "part_of_day")), (event_id, grain)
    starts = [p.left for p in line.placed]
    assert starts == sorted(starts) and all(0 <= p.left <= p.left + p.width <= 100.001 for p in line.placed)
    undated = {event_id for event_id, _, _ in line.undated}
    assert undated == {e.id for e in sample.events} - set(placed)
    assert any(not e.date_ids for e in sample.events if e.id in undated)


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_cli_views_a_sheet_json_and_the_jsonl_lines(sample: factx.FactSheet, tmp_path: Path) -> None:
    sheet_json = tmp_path / "sample.json"
    sheet_json.write_text(sample.model_dump_json(), encoding="utf-8")
    out = tmp_path / "out.html"
    assert _run("view", str(sheet_json), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == factx.render({"sample": sample}, title="factx · sample.json")

    many = tmp_path / "many.jsonl"
    many.write_text(
        json.dumps({"id": "a.txt", "sheet": sample.model_dump(mode="json")})
        + "\n"
        + json.dumps({"id": "b.txt", "error": {"type": "FactxInputError", "message": "b.txt: the text is empty"}})
        + "\n",
        encoding="utf-8",
    )
    result = _run("view", str(many))
    assert result.exit_code == 0 and "a.txt" in result.output and "b.txt: the text is empty" in result.output

    lines = tmp_path / "facts.jsonl"  # `factx extract --format jsonl`: its header has no text, --text gives it
    lines.write_text(render_lines(sample, "jsonl"), encoding="utf-8")
    text = tmp_path / "article.txt"
    text.write_text(SAMPLE, encoding="utf-8")
    result = _run("view", str(lines), "--text", str(text))
    assert result.exit_code == 0 and result.output.count('class="m k-date"') >= len(sample.dates)


def test_cli_reads_the_text_as_extract_does_so_crlf_spans_still_match(tmp_path: Path) -> None:
    article = "Floods hit the valley on Tuesday.\r\nCrews moved 1,200 people out on Wednesday.\r\n"
    text = tmp_path / "article.txt"
    text.write_bytes(article.encode("utf-8"))
    lines = tmp_path / "facts.jsonl"
    lines.write_text(render_lines(_sheet(article), "jsonl"), encoding="utf-8")
    result = _run("view", str(lines), "--text", str(text))
    assert result.exit_code == 0 and 'class="m k-date"' in result.output
    missing = _run("view", str(lines), "--text", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and "nope.txt: no such file" in missing.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("not json at all\n", "not JSON"),
        ('{"text": "x"}', "not a FactSheet"),
        ('{"kind": "sheet", "model": "m"}\n', "no text"),
        ("[1, 2]\n", "expected a JSON object"),
        (
            '{"text": "abc", "model": "m", "dates": [{"span": {"start": 0, "end": 2, "text": "xy"}, "value": "1"}]}',
            "not in the text",
        ),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(content: str | None, message: str, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["view", str(path)])
    assert result.exit_code == 2
    assert message in result.output and result.output.count("\n") == 1


# Measured in the page once it is laid out: the timeline's axis labels, each row's label, mark and
# date, and where the tooltip goes when a timeline row or a text mark is hovered.
_MEASURE = """<script>
(function () {
  function box(el) { var b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }
  function hover(el) { el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true })); }
  var tip = document.getElementById("tip"), line = document.querySelector(".tl");
  var out = { axis: [], rows: [], tips: [] };
  document.querySelectorAll(".tl-axis .tl-tick:not(.crowded), .tl-axis .tl-break").forEach(function (el) {
    out.axis.push({ text: el.textContent, box: box(el) });
  });
  document.querySelectorAll(".tl > .tl-row[data-t]").forEach(function (row) {
    var label = row.querySelector(".tl-label");
    out.rows.push({ id: row.getAttribute("data-t"), label: label.textContent, labelBox: box(label),
      fits: label.scrollWidth <= label.clientWidth + 1, mark: box(row.querySelector(".tl-pt, .tl-band")),
      when: box(row.querySelector(".tl-when code")) });
    hover(row);
    out.tips.push({ what: "row " + row.getAttribute("data-t"), shown: !tip.hidden, tip: box(tip), el: box(line) });
  });
  Array.prototype.slice.call(document.querySelectorAll(".doc-text .m[tabindex]"), 0, 25).forEach(function (mark) {
    hover(mark);
    out.tips.push({ what: "mark " + mark.getAttribute("data-f"), shown: !tip.hidden, tip: box(tip), el: box(mark) });
  });
  document.documentElement.setAttribute("data-geometry", JSON.stringify(out));
})();
</script></body>"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", [1280, 1000])
def test_timeline_geometry_in_the_browser(sample: factx.FactSheet, tmp_path: Path, width: int) -> None:
    html = sample.to_html().replace("</body>", _MEASURE, 1)
    dom = _dom(html, tmp_path, f"{width},3000")
    found = re.search(r'data-geometry="([^"]*)"', dom)
    assert found is not None, "the measuring script did not run"
    geometry = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    axis, rows, tips = geometry["axis"], geometry["rows"], geometry["tips"]
    assert any(a["text"] == "≈" for a in axis) and sum(a["text"] != "≈" for a in axis) >= 2  # the sample has a gap
    for n, a in enumerate(axis):
        for b in axis[n + 1 :]:
            assert not _overlap(a["box"], b["box"]), (a["text"], b["text"])
    events = {e.id: e for e in sample.events}
    for row in rows:
        event = events[row["id"].split(":")[1]]
        assert row["label"] == event.description and row["fits"], row["label"]  # whole, never cut
        assert not _overlap(row["labelBox"], row["mark"]) and not _overlap(row["labelBox"], row["when"]), row["label"]
    dates = {d.id: d for d in sample.dates}
    order = []
    for row in rows:
        when = event_time(events[row["id"].split(":")[1]], dates)
        assert when is not None
        order.append((when[0], clock(when[3])))
    assert order == sorted(order) and len(rows) >= 8  # rows in time order, within a day by the clock
    assert len(tips) == len(rows) + 25
    for shown in tips:
        assert shown["shown"] and not _overlap(shown["tip"], shown["el"]), shown["what"]  # away from what it describes


def test_a_days_rows_follow_the_clock_and_counts_agree_in_number() -> None:
    text = (
        "HAVANA, May 3 (Factx Wire) - Police arrested two men on Monday afternoon after a fire destroyed a "
        "warehouse at 04:12 on Monday, officials said. A storm hit the coast on Monday morning."
    )
    sheet = _sheet(text)
    dates = {d.id: d for d in sheet.dates}
    line = build([(e.id, e.description, e) for e in sheet.events], dates)
    clocks = [clock(p.when) for p in line.placed]
    assert clocks == sorted(clocks) and len({p.when for p in line.placed}) >= 2, [p.when for p in line.placed]
    assert clock("2025-10-07T04:12") < clock("2025-10-07TMO") < clock("2025-10-07TAF") < clock("2025-10-07TNI")
    assert clock("2025-10-07") == -1
    page = sheet.to_html()
    assert "1 events" not in page and "1 dates" not in page and "1 figures" not in page
    assert counted(1, "event") == "1 event" and counted(2, "rejected proposal") == "2 rejected proposals"
    assert counted(3, "person") == "3 people" and counted(1_200, "city") == "1,200 cities"
