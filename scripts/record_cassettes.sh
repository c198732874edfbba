#!/usr/bin/env bash
# Re-record the HTTP cassettes under cassettes/ from a real llama.cpp server running the bundled
# SmolLM2 on 127.0.0.1. Run after any change to a prompt, a response model or instructor.
# Usage: scripts/record_cassettes.sh   (uses the active python; needs pip install -e '.[test]')
set -euo pipefail
cd "$(dirname "$0")/.."
port=8765
if curl -fsS "http://127.0.0.1:$port/v1/models" > /dev/null 2>&1; then
  echo "something already listens on 127.0.0.1:$port; stop it first (cassettes store host and port)" >&2
  exit 1
fi
log=$(mktemp -t factx-server.XXXXXX)
python scripts/serve_local.py --port "$port" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do  # up to 2 minutes: a loaded machine loads the model slowly
  curl -fsS "http://127.0.0.1:$port/v1/models" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/v1/models" > /dev/null
rm -rf cassettes/test_cassettes
FACTX_RECORD=1 python -m pytest tests/test_cassettes.py --record-mode=all -q -p no:randomly
if grep -rEil 'bearer [a-z0-9]|sk-[A-Za-z0-9]{20}|authorization' cassettes/; then
  echo "a cassette holds a credential header: refusing" >&2
  exit 1
fi
echo "recorded: $(find cassettes -name '*.yaml' | wc -l) cassettes"
