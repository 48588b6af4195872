#!/usr/bin/env bash
# Re-resolve requirements/lock.txt in a scratch venv from requirements/*.in (needs the registry).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3.11 -m venv "$tmp/venv"
pip="$tmp/venv/bin/python -m pip"
$pip install -q "pip==24.2"
$pip install -q --no-deps --ignore-requires-python rasa==3.6.21 rasa-sdk==3.6.2
$pip install -q -r requirements/rasa-deps.in -c requirements/rasa-constraints.txt
$pip freeze > "$tmp/rasa.txt"
$pip install -q -r requirements/app.in -r requirements/dev.in -c "$tmp/rasa.txt"
{ echo "# The full pinned set, as resolved on Python 3.11 by scripts/lock.sh. Every install step uses it"
  echo "# as a constraints file; regenerate with 'make lock' after changing requirements/*.in."
  $pip freeze | grep -ivE '^(rasa|rasa-sdk)==' | sort -f; } > requirements/lock.txt
echo "lock: wrote requirements/lock.txt"
