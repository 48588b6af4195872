#!/usr/bin/env bash
# pytest in the scaled mode: the application database on PostgreSQL, Huey on Redis.
# Browser tests run here only when they are themselves `scaled` (a page does not change with the
# database engine; the embedded stage runs every one).
# Fault tests (their scaled variants too) run once, in their own stage (`-m faults`), and the
# network-namespace hosts in theirs.
# SIGNPOST_REQUIRE_SCALED=1 makes the suite stop with an error (never skip) if either is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL=${SCALED_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/signpost}
export REDIS_URL=${SCALED_REDIS_URL:-redis://127.0.0.1:6379/15}
export SIGNPOST_REQUIRE_SCALED=1
exec .venv/bin/python -m pytest -m "(scaled or (not stack and not browser)) and not hosts and not faults" -p no:cacheprovider "$@"
