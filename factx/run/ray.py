"""Past one machine: a callable class for ``ray.data.Dataset.map_batches`` (the ``factx[ray]`` extra).

Ray builds one ``FactxMapper`` per actor from a picklable ``RayConfig``, so each actor loads its
backend (and the embedded model) once in ``__init__``. A batch comes back with an ``id``, a ``sheet``
(FactSheet JSON) and an ``error`` column: a failed document fills its row's error, never raises the
batch. See the README for a recipe from JSONL on disk to Parquet::

    ds = ray.data.read_json("docs.jsonl")
    out = ds.map_batches(FactxMapper, fn_constructor_kwargs={"config": RayConfig(model="local")},
                         batch_size=8, compute=ray.data.ActorPoolStrategy(size=2))
    out.write_parquet("facts/")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from factx._errors import FactxError
from factx.backends import Backend, resolve_backend
from factx.backends.cache import CachedBackend
from factx.backends.threads import limit_cores
from factx.interpret.strategies import Strategy
from factx.run.batch import extract_many

__all__ = ["FactxMapper", "RayConfig"]


@dataclass(frozen=True)
class RayConfig:
    """What each actor needs to build its backend and run ``extract_facts``; picklable.

    ``backend_factory`` (a picklable callable returning a backend) takes the place of ``model`` /
    ``base_url`` (e.g. a ``FakeBackend`` in tests). The API key is best left to the actors'
    ``OPENAI_API_KEY``; one given here travels with the pickled config.
    """

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    strategy: Strategy | None = None
    reference_date: str | None = None
    max_retries: int = 2
    concurrency: int = 1
    cache: str | None = None
    text_column: str = "text"
    id_column: str = "id"
    reference_column: str = "reference_date"
    backend_factory: Callable[[], Backend] | None = None


class FactxMapper:
    """``map_batches`` callable: one backend per actor; one output row per input row, errors as data."""

    def __init__(self, config: RayConfig) -> None:
        self.config = config
        cores = _actor_cores()
        if cores is not None:  # an embedded model loaded here keeps to this actor's CPUs
            limit_cores(cores)
        base = config.backend_factory() if config.backend_factory else None
        self.backend: Backend = base or resolve_backend(config.model, base_url=config.base_url, api_key=config.api_key)
        if config.cache:
            self.backend = CachedBackend(self.backend, config.cache)

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[Any]]:
        c = self.config
        texts = list(batch[c.text_column])
        ids = list(batch[c.id_column]) if c.id_column in batch else list(range(len(texts)))
        refs = list(batch[c.reference_column]) if c.reference_column in batch else [None] * len(texts)
        docs = [
            {"id": _scalar(i), "text": t, "reference_date": _scalar(r) or c.reference_date}
            for i, t, r in zip(ids, texts, refs, strict=True)
        ]
        results = extract_many(
            docs,
            concurrency=c.concurrency,
            backend=self.backend,
            strategy=c.strategy,
            max_retries=c.max_retries,
        )
        out: dict[str, list[Any]] = {"id": [], "sheet": [], "error": []}
        for doc, result in zip(docs, results, strict=True):
            out["id"].append(str(doc["id"]))
            if isinstance(result, FactxError):
                out["sheet"].append(None)
                out["error"].append(f"{type(result).__name__}: {result}")
            else:
                out["sheet"].append(result.model_dump_json())
                out["error"].append(None)
        return out


def _actor_cores() -> int | None:
    """The CPUs Ray assigned to this actor (``num_cpus``, 1 by default); None outside a Ray worker."""
    try:
        import ray

        if not ray.is_initialized():
            return None
        assigned: dict[str, float] = ray.get_runtime_context().get_assigned_resources()  # type: ignore[no-untyped-call]
        cpus = assigned.get("CPU")
    except Exception:  # no Ray, or not in a task/actor: no share to keep to
        return None
    return max(1, int(cpus)) if cpus else None


def _scalar(value: Any) -> Any:
    """A numpy scalar or missing value from a Ray batch as a plain Python value (None when missing)."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    plain = item() if callable(item) else value
    return None if isinstance(plain, float) and plain != plain else plain
