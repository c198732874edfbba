"""Eval: the gold JSONL format and the scorer that reports precision, recall and F1 per fact type."""

from factx.eval.score import EvalReport, evaluate

__all__ = ["EvalReport", "evaluate"]
