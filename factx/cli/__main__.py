"""``python -m factx.cli``: the ``factx`` command."""

from factx.cli import main

main()
