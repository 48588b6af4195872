#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it. Stops at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
step() { printf '\n==> %s\n' "$*"; }

step "lint (ruff, import contracts)"; .venv/bin/ruff check .; .venv/bin/lint-imports
step "types (mypy --strict)";        .venv/bin/mypy $(cat scripts/typed-packages.txt) tests
step "bot data (rasa data validate)"
(cd bot && ../$PY -m rasa data validate --config config.yml --domain domain --data data \
    --fail-on-warnings >/dev/null 2>&1) || { echo "rasa data validate failed: run 'make validate'"; exit 1; }
echo "ok"
step "assistant model (train if the bot data changed)"; $PY -m signpost.launcher.model
step "bot conversation tests";       scripts/test_bot.sh
step "browser tools (Chromium, axe-core)"; scripts/browser.sh
step "Schemathesis (its own virtual environment)"; scripts/schemathesis.sh
step "PostgreSQL and Redis";         scripts/services.sh
step "pytest, scaled mode (PostgreSQL + Redis)"; scripts/test_scaled.sh
step "pytest, embedded default (SQLite + Huey on SQLite)"; $PY -m pytest -m "not scaled and not faults and not hosts"
step "fault tests (real processes, a few minutes)"; $PY -m pytest -m faults -s -p no:cacheprovider
step "hosts tests (the scaled layout on network namespaces, as root)"
$PY -m pytest tests/hosts -m hosts -s -p no:cacheprovider
