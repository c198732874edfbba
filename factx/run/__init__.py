"""Run: many documents and long ones (batches, bounded concurrency, rate limits, cache, resume).

Built on ``factx.pipeline``; nothing below it may import this package. ``factx.run.ray`` (the
``factx[ray]`` extra) takes the same documents past one machine with Ray Data.
"""

from factx.run.batch import Outcome, aextract_many, extract_many, run_sync
from factx.run.documents import Document, as_document

__all__ = ["Document", "Outcome", "aextract_many", "as_document", "extract_many", "run_sync"]
