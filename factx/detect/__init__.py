"""Detect: code that finds things in the text (dates, figures, numbers, event candidates), no model.

Everything here is deterministic and span-exact; it must never import a model, a backend or a later
stage (``interpret``, ``verify``, ``run``): the import-linter contracts in ``.ci/run`` enforce it.
"""
