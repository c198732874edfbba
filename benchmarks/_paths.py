"""Where benchmarks find things on any clone: the gold at ../shared/eval, the peers' venvs in .peers/.

The gold folder is ``$FACTX_EVAL_DIR`` if set, else ``shared/eval`` beside the repository root;
peers' separate venvs are built by ``benchmarks/setup_peers.sh`` under ``.peers/`` (git-ignored).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("FACTX_EVAL_DIR", ROOT.parent / "shared" / "eval"))
PEERS = ROOT / ".peers"


def peer_python(name: str) -> Path:
    """The python of the peer venv ``name`` ("rec" for Recognizers-Text, "lx" for LangExtract)."""
    env = os.environ.get(f"FACTX_{name.upper()}_PYTHON")
    return Path(env) if env else PEERS / f"venv-{name}" / "bin" / "python"


def gold(name: str) -> Path:
    """A gold file of ../shared/eval, with a clear message when the folder is not there."""
    path = EVAL_DIR / name
    if not path.is_file():
        sys.exit(f"gold file {path} not found: put the shared eval folder at {EVAL_DIR} or set FACTX_EVAL_DIR")
    return path
