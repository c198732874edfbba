#!/usr/bin/env bash
# Build the benchmark peers on a fresh clone: factx with its bench extra in .venv, and the peers that
# must live apart (Recognizers-Text, LangExtract) in their own venvs under .peers/ (git-ignored).
# The gold is read from ../shared/eval (or $FACTX_EVAL_DIR). Usage: bash benchmarks/setup_peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_ARGS="${CMAKE_ARGS:--DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[test,bench]'
[ -x .peers/venv-rec/bin/python ] || python3 -m venv .peers/venv-rec
.peers/venv-rec/bin/pip install -q recognizers-text-suite 'emoji<1.0'   # it imports emoji.UNICODE_EMOJI, gone in emoji 1.0
[ -x .peers/venv-lx/bin/python ] || python3 -m venv .peers/venv-lx
.peers/venv-lx/bin/pip install -q langextract openai
echo "peers ready: .venv (factx, dateparser, quantulum3), .peers/venv-rec, .peers/venv-lx"
