#!/usr/bin/env bash
# Regenerate docs/view.png: the sample article extracted with the embedded default model, its HTML
# view (factx view), and a 1200x900 screenshot from headless Chromium with one event's tooltip open.
# Needs the package installed (README, first command) and Debian's chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/view.png}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
factx extract examples/sample_article.txt --reference-date 2025-10-08 > "$tmp/sample_article.json"
factx view "$tmp/sample_article.json" -o "$tmp/sample_article.html"
# Open the tooltip of the first event that has both a place and a date (the link #f=ID focuses it).
focus="$(python - "$tmp/sample_article.json" <<'PY'
import sys
import factx
sheet = factx.FactSheet.model_validate_json(open(sys.argv[1], encoding="utf-8").read())
print(next((e.id for e in sheet.events if e.location and e.date_ids), sheet.events[0].id if sheet.events else ""))
PY
)"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1200,900 \
  --screenshot="$PWD/$out" "file://$tmp/sample_article.html#f=1:$focus" 2>/dev/null
echo "wrote $out (tooltip of event $focus)"
