"""The source text as escaped HTML with every fact's span wrapped in a mark, overlaps nested properly.

Spans from different facts overlap freely (a date inside an event's evidence, a participant that is
also a figure, two clauses that cross). HTML needs a tree, so marks are nested by extent and a mark
that crosses the end of an enclosing one is cut there and continued after it: its fragments share
the same ``data-f`` ids, so their joined text is the fact's span text.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

KINDS = ("evidence", "participant", "place", "trigger", "figure", "date")
"""Mark kinds, outermost first when two spans are equal (an evidence clause wraps its trigger)."""

_RANK = {kind: n for n, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Mark:
    """One highlighted span: its kind and the ids of the facts it shows (several when spans coincide)."""

    start: int
    end: int
    kind: str
    ids: tuple[str, ...]


@dataclass
class _Node:
    mark: Mark
    first: bool
    children: list[_Node] = field(default_factory=list)
    level: int = 0


def merge_same(marks: list[Mark]) -> list[Mark]:
    """One mark per (start, end, kind), carrying every fact id it stands for; empty spans dropped."""
    merged: dict[tuple[int, int, str], list[str]] = {}
    for m in marks:
        if m.end > m.start:
            ids = merged.setdefault((m.start, m.end, m.kind), [])
            ids.extend(i for i in m.ids if i not in ids)
    return [Mark(s, e, k, tuple(ids)) for (s, e, k), ids in merged.items()]


def _tree(marks: list[Mark]) -> list[_Node]:
    """Marks as a forest nested by extent; a mark crossing its parent's end is split there."""
    heap = [(m.start, -m.end, _RANK[m.kind], n, m, True) for n, m in enumerate(marks)]
    heapq.heapify(heap)
    serial = len(heap)
    roots: list[_Node] = []
    stack: list[_Node] = []
    while heap:
        _, _, _, _, mark, first = heapq.heappop(heap)
        while stack and stack[-1].mark.end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].mark.end:
            cut = stack[-1].mark.end
            rest = Mark(cut, mark.end, mark.kind, mark.ids)
            heapq.heappush(heap, (cut, -rest.end, _RANK[rest.kind], serial, rest, False))
            serial += 1
            mark = Mark(mark.start, cut, mark.kind, mark.ids)
        node = _Node(mark, first)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _levels(nodes: list[_Node]) -> int:
    """Set each node's level (1 + deepest visible mark inside it) so nested underlines stack apart."""
    deepest = 0
    for node in nodes:
        inner = _levels(node.children)
        node.level = inner + (node.mark.kind != "evidence")
        deepest = max(deepest, node.level)
    return deepest


def highlight(text: str, marks: list[Mark], prefix: str) -> Markup:
    """``text`` escaped, with each mark as a focusable ``<span>``; ids are prefixed per document.

    Blank lines outside every mark split the text into ``<div class="para">`` blocks, so a browser
    can skip laying out the paragraphs off screen (``content-visibility``); the text is unchanged.
    """
    roots = _tree(merge_same(marks))
    _levels(roots)
    out: list[str] = ['<div class="para">']

    def gap(start: int, end: int, depth: int) -> None:
        piece = text[start:end]
        if depth:
            out.append(str(escape(piece)))
            return
        parts = re.split(r"(\n[ \t]*\n\s*)", piece)
        for n, part in enumerate(parts):
            out.append(str(escape(part)))
            if n % 2:
                out.append('</div><div class="para">')

    def emit(nodes: list[_Node], pos: int, end: int, depth: int) -> None:
        for node in nodes:
            m = node.mark
            gap(pos, m.start, depth)
            ids = " ".join(f"{prefix}{i}" for i in m.ids)
            if m.kind == "evidence":
                out.append(f'<span class="ev" data-ev="{escape(ids)}">')
            else:
                focus = ' tabindex="0"' if node.first else ""
                lift = f" l{min(node.level, 4)}" if node.level > 1 else ""
                out.append(f'<span class="m k-{m.kind}{lift}" data-f="{escape(ids)}"{focus}>')
            emit(node.children, m.start, m.end, depth + 1)
            out.append("</span>")
            pos = m.end
        gap(pos, end, depth)

    emit(roots, 0, len(text), 0)
    out.append("</div>")
    return Markup("".join(out))
