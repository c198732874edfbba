"""Verify: tie every proposal to an exact span of the source, recompute values by code, merge and link.

Pure functions over code's facts and plain proposals; no model calls and no prompts here.
"""
