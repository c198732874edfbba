"""A Story as one self-contained HTML page: one timeline across documents, each event with its sources and conflicts.

Reads the story types only (no model, no network); every text from the documents is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from factx.linking.types import Conflict, Report, Source, Story, StoryEvent

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
main{max-width:980px;margin:0 auto;padding:1.2em}
h1{font-size:1.4em;margin:.2em 0}.meta{color:#555;font-size:.9em}
ol.timeline{list-style:none;padding:0;margin:1em 0;border-left:3px solid #0072b2}
li.event{position:relative;margin:0 0 1.1em 0;padding:.2em 0 .2em 1.1em}
li.event:before{content:"";position:absolute;left:-8px;top:.55em;width:13px;height:13px;border-radius:50%;
background:#0072b2;border:2px solid #fafafa}
li.event.undated:before{background:#fff;border:2px dashed #0072b2}
.when{font-weight:600;color:#0072b2;margin-right:.5em}.type{font-size:.8em;border:1px solid #999;border-radius:3px;
padding:0 .3em;color:#444}.desc{font-size:1.05em}.parts{margin:.25em 0;color:#333;font-size:.92em}
.parts b{font-weight:600}.conflict{background:#fff3e0;border-left:4px dashed #d55e00;padding:.3em .6em;margin:.3em 0}
.conflict b{color:#a33f00}details{margin:.2em 0}summary{cursor:pointer;color:#333}
.report{margin:.25em 0 .25em 1em;font-size:.9em}.doc{font-family:ui-monospace,monospace;background:#eee;
padding:0 .25em;border-radius:3px}mark{background:#cfe8ff;border-bottom:2px solid #0072b2}
table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #ddd;padding:.2em .5em;text-align:left}
"""


def _doc(ident: str) -> str:
    return f'<span class="doc">{escape(ident)}</span>'


def _sources(sources: Iterable[Source]) -> str:
    seen = dict.fromkeys(f"{_doc(s.doc)} “{escape(s.span.text)}”" for s in sources)
    return "; ".join(seen)


def _report(report: Report) -> str:
    sentence = report.span.text
    if (
        report.trigger is not None
        and report.span.start <= report.trigger.start <= report.trigger.end <= report.span.end
    ):
        a = report.trigger.start - report.span.start
        b = report.trigger.end - report.span.start
        body = f"{escape(sentence[:a])}<mark>{escape(sentence[a:b])}</mark>{escape(sentence[b:])}"
    else:
        body = escape(sentence)
    said = f" ({escape(report.factuality)}" + (f", per {escape(report.source)}" if report.source else "") + ")"
    return f'<div class="report">{_doc(report.doc)} {body}{said if report.factuality != "asserted" else ""}</div>'


def _conflict(conflict: Conflict) -> str:
    values = " vs ".join(f"<b>{escape(v.value)}</b> ({_sources(v.sources)})" for v in conflict.values)
    return f'<div class="conflict">reports disagree on {escape(conflict.about)}: {values}</div>'


def _event(event: StoryEvent) -> str:
    when = escape(event.time.value) if event.time else "undated"
    parts = []
    for p in event.participants:
        parts.append(f"<b>{escape(p.role)}</b> {escape(p.name)} <small>({len(p.sources)} mentions)</small>")
    if event.place:
        parts.append(f"<b>place</b> {escape(event.place.name)}")
    if event.figures:
        shown = dict.fromkeys(escape(f.source.span.text) for f in event.figures)
        parts.append("<b>figures</b> " + ", ".join(shown))
    docs = ", ".join(_doc(d) for d in event.documents)
    reports = "".join(_report(r) for r in event.reports)
    return (
        f'<li class="event{"" if event.time else " undated"}" id="{escape(event.id)}">'
        f'<span class="when">{when}</span><span class="type">{escape(event.type)}</span> '
        f'<span class="desc">{escape(event.description)}</span>'
        f'<div class="parts">{" · ".join(parts)}</div>'
        f"{''.join(_conflict(c) for c in event.conflicts)}"
        f"<details><summary>{len(event.reports)} reports in {len(event.documents)} documents: {docs}</summary>"
        f"{reports}</details></li>"
    )


def render_story(story: Story, *, title: str | None = None, min_documents: int = 1) -> str:
    """The page: the timeline (events reported by at least ``min_documents`` documents), then the entities."""
    heading = escape(title or "factx story")
    shown = [e for e in story.events if len(e.documents) >= min_documents]
    conflicts = sum(1 for e in shown if e.conflicts)
    linked = sum(1 for e in shown if len(e.documents) > 1)
    entities = "".join(
        f"<tr><td>{escape(x.name)}</td><td>{escape(', '.join(x.aliases))}</td><td>{len(x.sources)}</td>"
        f"<td>{len({s.doc for s in x.sources})}</td></tr>"
        for x in story.entities
        if len({s.doc for s in x.sources}) > 1
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{heading}</title>'
        f"<style>{_CSS}</style></head><body><main><h1>{heading}</h1>"
        f'<p class="meta">{len(story.documents)} documents, {len(shown)} events ({linked} told by several '
        f"documents, {conflicts} with conflicting reports), {len(story.entities)} entities"
        f"{'; ' + escape(said) if (said := story.votes_said()) else ''}</p>"
        f'<ol class="timeline">{"".join(_event(e) for e in shown)}</ol>'
        f"<h2>Entities named in several documents</h2><table><tr><th>name</th><th>also called</th>"
        f"<th>mentions</th><th>documents</th></tr>{entities}</table></main></body></html>"
    )
