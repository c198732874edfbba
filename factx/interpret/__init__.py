"""Interpret: the model's part, through a backend: small constrained choices or quoted proposals.

It asks and checks answers against the source while instructor can still re-ask; it never builds
facts itself (that is ``verify``) and never imports a model client (that is ``backends``).
"""
