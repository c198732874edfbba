"""Ray Data past one machine: FactxMapper on a local Ray gives what extract_many gives, errors as rows."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import factx
from factx.testing import FakeBackend, answer_choices

ray = pytest.importorskip("ray")
from factx.run.ray import FactxMapper, RayConfig  # noqa: E402

WORDS = [
    "Dockworkers walked out on Monday, halting about 3,000 containers, the operator said.",
    "The union demanded a 9% pay rise after talks that ended last week.",
    "Officials said the port would reopen on Friday if the strike ends.",
]


_decline_all = answer_choices(False)


def _fake() -> FakeBackend:
    return FakeBackend(responder=_decline_all)


def _documents() -> list[dict[str, Any]]:
    docs = [
        {
            "id": f"doc-{n}",
            "text": " ".join(WORDS[(n + k) % 3] for k in range(1 + n % 3)),
            "reference_date": f"2026-03-{1 + n % 28:02d}",
        }
        for n in range(19)
    ]
    return [*docs, {"id": "doc-empty", "text": "   ", "reference_date": "2026-03-01"}]


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    os.environ.setdefault("RAY_raylet_start_wait_time_s", "300")  # a loaded CI machine starts the raylet slowly
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": ":".join(p for p in sys.path if p)}},
    )
    yield
    ray.shutdown()


def test_map_batches_equals_extract_many(local_ray: None) -> None:
    docs = _documents()
    config = RayConfig(strategy="choose", backend_factory=_fake)
    rows = (
        ray.data.from_items(docs)
        .map_batches(
            FactxMapper,
            fn_constructor_kwargs={"config": config},
            batch_size=5,
            compute=ray.data.ActorPoolStrategy(size=2),
        )
        .take_all()
    )
    by_id = {row["id"]: row for row in rows}
    assert sorted(by_id) == sorted(d["id"] for d in docs) and len(rows) == len(docs)
    expected = factx.extract_many(docs, backend=_fake(), strategy="choose")
    for doc, result in zip(docs, expected, strict=True):
        row = by_id[doc["id"]]
        if isinstance(result, factx.FactxError):
            assert row["sheet"] is None and "empty" in row["error"]
        else:
            assert row["error"] is None
            assert factx.FactSheet.model_validate_json(row["sheet"]) == result
            assert json.loads(row["sheet"])["reference_date"] == doc["reference_date"]
