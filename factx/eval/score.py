"""Score factx (or any pipeline that returns a FactSheet) against gold facts in factx's JSONL format.

The format and the matching rules are documented in docs/eval-format.md; ``MATCHING_RULES`` repeats
them so every report states how it was scored.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

from factx._errors import FactxError
from factx._types import DateFact, EventFact, FactSheet, FigureFact, Usage
from factx.eval.gold import FACT_TYPES, FactType, GoldDocument, GoldFigure, _Gold, load_dataset

Extract = Callable[[str, "dt.date | None"], FactSheet]

MATCHING_RULES: dict[str, str] = {
    "dates": "predicted DATE/TIME facts only; spans overlap and TIMEX3 value equal (any of a gold list)",
    "figures": "spans overlap, value equal (rel. tol. 1e-6), unit equal when the gold has one "
    "(case-insensitive, with aliases such as $ = dollar = USD)",
    "events": "trigger (else evidence span) overlaps the gold trigger; a gold event with a date also "
    "needs a linked date (date_ids) with that value",
    "counting": "one-to-one, greedy by overlap size; P=tp/(tp+fp), R=tp/(tp+fn), F1 harmonic; "
    "0 if undefined; a fact type absent from a document is not scored on it",
}

_GROUNDING_WORDS = ("ground", "not found", "not in the text", "not in text")


# ------------------------------------------------------------------------------------------- scoring
class Counts(BaseModel):
    """True/false positives and false negatives for one fact type, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    documents: int = Field(default=0, description="documents on which this fact type was scored")

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            tp=self.tp + other.tp,
            fp=self.fp + other.fp,
            fn=self.fn + other.fn,
            documents=self.documents + other.documents,
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "usd": ("$", "us$", "dollar", "united states dollar", "us dollar", "u.s. dollar"),
    "eur": ("€", "euro"),
    "gbp": ("£", "pound sterling", "british pound", "sterling"),
    "jpy": ("¥", "yen", "japanese yen"),
    "cny": ("yuan", "chinese yuan", "renminbi", "rmb"),
    "cent": ("cents", "¢"),
    "percent": ("%", "percentage", "pct", "per cent"),
    "km": ("kilometre", "kilometer"),
    "m": ("metre", "meter"),
    "cm": ("centimetre", "centimeter"),
    "mm": ("millimetre", "millimeter"),
    "mi": ("mile",),
    "ft": ("foot", "feet"),
    "in": ("inch", "inches"),
    "kg": ("kilogram",),
    "g": ("gram",),
    "mg": ("milligram",),
    "lb": ("pound-mass", "lbs"),
    "l": ("litre", "liter"),
    "ml": ("millilitre", "milliliter", "cubic centimetre", "cubic centimeter", "cc"),
    "t": ("ton", "tonne", "metric ton"),
    "celsius": ("c", "°c", "degree celsius"),
    "fahrenheit": ("f", "°f", "degree fahrenheit"),
    "year": ("yr",),
    "btc": ("bitcoin",),
    "ev": ("electronvolt", "electron volt"),
    "barrel": ("oil barrel", "bbl"),
}
_UNIT_CANON = {alias: canon for canon, aliases in _UNIT_ALIASES.items() for alias in (canon, *aliases)}


def _canon(word: str) -> str | None:
    if word in _UNIT_CANON:
        return _UNIT_CANON[word]
    for singular in (word[:-2] if word.endswith("es") else "", word[:-1] if word.endswith("s") else ""):
        if singular in _UNIT_CANON:
            return _UNIT_CANON[singular]
    return None


def normalize_unit(unit: str) -> str:
    """Case-folded canonical unit name, so that naming conventions do not count as errors.

    "$", "Dollar", "USD" -> "usd"; "miles" -> "mi"; pint-style names read as words:
    "degree_Celsius" -> "celsius", "kilometer/hour" -> "km per hour", "kilometer**2" -> "square km".
    """
    u = " ".join(unit.strip().lower().replace("_", " ").split())
    u = re.sub(r"\s*/\s*", " per ", u)
    power = re.fullmatch(r"(.+?)\s*\*\*\s*([23])", u)
    if power:
        u = ("square " if power.group(2) == "2" else "cubic ") + power.group(1)
    whole = _canon(u)
    if whole is not None:
        return whole
    words = [_canon(w) or (w[:-1] if w.endswith("s") and len(w) > 3 else w) for w in u.split()]
    return " ".join(words)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _match(gold: Sequence[_Gold], preds: Sequence[tuple[int, int]], ok: Callable[[int, int], bool]) -> Counts:
    """One-to-one matching, greedy by overlap size (ties by position), of spans that pass ``ok``."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, (ps, pe) in enumerate(preds):
            size = _overlap(g.start, g.end, ps, pe)
            if size > 0 and ok(gi, pi):
                pairs.append((-size, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    tp = len(used_g)
    return Counts(tp=tp, fp=len(preds) - tp, fn=len(gold) - tp, documents=1)


def _figure_ok(g: GoldFigure, p: FigureFact) -> bool:
    if not math.isclose(g.value, p.value, rel_tol=1e-6, abs_tol=1e-12):
        return False
    if g.unit is None:
        return True
    return p.unit is not None and normalize_unit(g.unit) == normalize_unit(p.unit)


def _event_span(e: EventFact) -> tuple[int, int]:
    span = e.trigger or e.span
    return (span.start, span.end)


def score_document(sheet: FactSheet, gold: GoldDocument) -> dict[FactType, Counts]:
    """Counts per fact type for one document; types whose gold key is absent are left out."""
    out: dict[FactType, Counts] = {}
    if gold.dates is not None:
        gd = gold.dates
        dates = [d for d in sheet.dates if d.type in ("DATE", "TIME")]
        out["dates"] = _match(
            gd, [(d.span.start, d.span.end) for d in dates], lambda gi, pi: dates[pi].value in gd[gi].values
        )
    if gold.figures is not None:
        gf, figs = gold.figures, sheet.figures
        out["figures"] = _match(
            gf, [(f.span.start, f.span.end) for f in figs], lambda gi, pi: _figure_ok(gf[gi], figs[pi])
        )
    if gold.events is not None:
        ge, events = gold.events, sheet.events
        by_id: dict[str, DateFact] = {d.id: d for d in sheet.dates if d.id}

        def event_ok(gi: int, pi: int) -> bool:
            want = ge[gi].date
            return want is None or any(by_id[i].value == want for i in events[pi].date_ids if i in by_id)

        out["events"] = _match(ge, [_event_span(e) for e in events], event_ok)
    return out


# ---------------------------------------------------------------------------------------- the runner
class EvalReport(BaseModel):
    """Scores over a dataset, with cost (usage, wall time) and verification statistics."""

    dataset: str
    model: str | None = None
    documents: int = 0
    errors: int = Field(default=0, description="documents whose extraction raised; their gold counts as fn")
    error_messages: list[str] = Field(default_factory=list, description="the first few errors")
    scores: dict[FactType, Counts] = Field(default_factory=dict)
    wall_seconds: float = 0.0
    usage: Usage = Usage()
    proposed: int = Field(default=0, description="facts accepted + facts rejected by verification")
    rejected: dict[str, int] = Field(default_factory=dict, description="rejections by reason")
    ungrounded: int = 0
    rules: dict[str, str] = Field(default_factory=lambda: dict(MATCHING_RULES))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ungrounded_rate(self) -> float:
        """Share of proposed facts rejected because their span or quote is not in the text."""
        return self.ungrounded / self.proposed if self.proposed else 0.0


def is_grounding_rejection(reason: str) -> bool:
    """Whether a rejection reason says the fact's span/quote could not be found in the source."""
    r = reason.lower()
    return any(w in r for w in _GROUNDING_WORDS)


def _default_extract(model: str | None, base_url: str | None, api_key: str | None, backend: Any) -> Extract:
    """factx.extract_facts with the caller's model settings; the backend is resolved once, not per document."""
    from factx.backends import resolve_backend  # late: keeps `import factx` light and acyclic
    from factx.pipeline import extract_facts

    engine = backend or resolve_backend(model, base_url=base_url, api_key=api_key)

    def run(text: str, reference_date: dt.date | None) -> FactSheet:
        return extract_facts(text, reference_date=reference_date, backend=engine)

    return run


def evaluate(
    dataset: str | Path | Iterable[Mapping[str, Any]],
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    backend: Any = None,
    limit: int | None = None,
    progress: bool = True,
    extract: Extract | None = None,
) -> EvalReport:
    """Run a pipeline (factx.extract_facts unless ``extract`` is given) over a dataset and score it.

    A document whose extraction raises a FactxError is counted (its gold as misses) and the run
    goes on, so one bad answer from a model does not lose a long evaluation.
    """
    docs = load_dataset(dataset)
    if limit is not None:
        docs = docs[: max(0, limit)]
    run = extract or _default_extract(model, base_url, api_key, backend)
    name = str(dataset) if isinstance(dataset, (str, Path)) else "<documents>"
    report = EvalReport(dataset=name, model=model)
    totals: dict[FactType, Counts] = {}
    reasons: Counter[str] = Counter()
    models: set[str] = set()
    started = time.perf_counter()

    def one(doc: GoldDocument) -> None:
        try:
            sheet = run(doc.text, doc.reference_date)
        except FactxError as exc:
            report.errors += 1
            if len(report.error_messages) < 5:
                report.error_messages.append(f"{doc.id or report.documents}: {exc}")
            sheet = FactSheet(text=doc.text, model="error", usage=getattr(exc, "usage", None) or Usage())
        else:
            models.add(sheet.model)
        report.documents += 1
        report.usage = report.usage + sheet.usage
        report.proposed += len(sheet.dates) + len(sheet.figures) + len(sheet.events) + len(sheet.rejected)
        for rej in sheet.rejected:
            reasons[rej.reason] += 1
            report.ungrounded += is_grounding_rejection(rej.reason)
        for kind, counts in score_document(sheet, doc).items():
            totals[kind] = totals.get(kind, Counts()) + counts

    if progress and len(docs) > 1:
        from rich.progress import Progress  # only when drawing

        with Progress(transient=True) as bar:
            task = bar.add_task("evaluating", total=len(docs))
            for doc in docs:
                one(doc)
                bar.advance(task)
    else:
        for doc in docs:
            one(doc)
    report.wall_seconds = round(time.perf_counter() - started, 3)
    report.scores = {k: totals[k] for k in FACT_TYPES if k in totals}
    report.rejected = dict(reasons.most_common())
    if report.model is None and len(models) == 1:
        report.model = models.pop()
    return report


def render_report(report: EvalReport, fmt: Literal["table", "json"] = "table") -> str:
    """The report as JSON, or as a rich table followed by cost, verification and the matching rules."""
    if fmt == "json":
        return report.model_dump_json(indent=2)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"factx eval: {report.dataset}" + (f" ({report.model})" if report.model else ""))
    for col in ("fact type", "docs", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "fact type" else "right")
    for kind, c in report.scores.items():
        counts = (str(n) for n in (c.documents, c.tp, c.fp, c.fn))
        table.add_row(kind, *counts, *(f"{x:.3f}" for x in (c.precision, c.recall, c.f1)))
    buf = io.StringIO()
    console = Console(file=buf, width=110, force_terminal=False, color_system=None)
    console.print(table)
    u = report.usage
    console.print(
        f"documents {report.documents} (errors {report.errors}), wall {report.wall_seconds:.1f} s; "
        f"requests {u.requests}, retries {u.retries}, tokens {u.prompt_tokens} prompt + "
        f"{u.completion_tokens} completion"
    )
    console.print(
        f"proposed {report.proposed}, rejected {sum(report.rejected.values())}, "
        f"ungrounded rate {report.ungrounded_rate:.3f}"
    )
    for reason, n in list(report.rejected.items())[:8]:
        console.print(f"  rejected {n} x {reason}", markup=False)
    for msg in report.error_messages:
        console.print(f"  error: {msg}", markup=False)
    console.print("matching rules:")
    for key, rule in report.rules.items():
        console.print(f"  {key}: {rule}", markup=False)
    return buf.getvalue()
