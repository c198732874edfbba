"""Serve the bundled SmolLM2 over the OpenAI API on 127.0.0.1 (``python -m llama_cpp.server``).

The JSON-string grammar fix that the embedded backend applies is applied here too, so recorded
cassettes show what factx's own path would do. Usage: python scripts/serve_local.py [--port 8765]
"""

from __future__ import annotations

import argparse
import runpy
import sys

from factx.backends import bundled_model_path, fix_grammar_strings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    fix_grammar_strings()
    sys.argv = [
        "llama_cpp.server",
        "--model",
        str(bundled_model_path()),
        "--model_alias",
        "smollm2",
        "--host",
        "127.0.0.1",
        "--port",
        str(args.port),
        "--n_threads",
        str(args.threads),
        "--n_ctx",
        "4096",
        "--seed",
        "0",
        "--verbose",
        "False",
    ]
    runpy.run_module("llama_cpp.server", run_name="__main__")


if __name__ == "__main__":
    main()
