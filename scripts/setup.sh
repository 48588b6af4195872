#!/usr/bin/env bash
# Sets up .venv/ on Python 3.11 with the pinned install recipe (see docs/install.md).
# Idempotent: a stamp of the requirement files makes a re-run on an up-to-date venv a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
VENV=.venv
STAMP="$VENV/.signpost-install-stamp"

# Rasa 3.6 pins matplotlib<3.6, which has no wheel for Python 3.11; 3.7 works (only `rasa test`
# plots use it, docs/install.md). pip reports that one known conflict as an ERROR on every
# install: it is hidden here, and `pip check` below fails the set-up on any other conflict.
KNOWN_CONFLICT="rasa 3.6.21 (requires|has requirement) matplotlib<3.6"

quiet_pip() {
    # The machine's pip config lists local indexes that may be absent; hide only that warning.
    "$VENV/bin/python" -m pip "$@" 2> >(grep -vE "Location 'file:|^ERROR: pip's dependency resolver|$KNOWN_CONFLICT" >&2)
}

want=$( { "$PYTHON" --version; cat requirements/*.in requirements/lock.txt scripts/setup.sh; } | sha256sum | cut -c1-16)
if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    exit 0
fi

echo "setup: installing into $VENV (first run takes a few minutes)"
start=$(date +%s)
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
quiet_pip install -q --upgrade "pip==24.2"
# 1. Rasa and rasa-sdk declare Python <3.11: install them alone, without their metadata's deps.
quiet_pip install -q --no-deps --ignore-requires-python rasa==3.6.21 rasa-sdk==3.6.2
# 2. Their dependency list as it resolves on 3.10, pinned by the lock file.
quiet_pip install -q -r requirements/rasa-deps.in -c requirements/lock.txt
# 3. Everything else, under the same constraints so nothing upgrades a package Rasa needs.
quiet_pip install -q -r requirements/app.in -r requirements/dev.in -c requirements/lock.txt
# 4. Our own top-level packages importable from any working directory (rasa, the action server).
site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
pwd > "$site/signpost-repo.pth"
if conflicts=$("$VENV/bin/python" -m pip check 2>&1 | grep -vE "$KNOWN_CONFLICT|No broken requirements"); then
    echo "setup: dependency conflicts besides Rasa's matplotlib pin:" >&2
    echo "$conflicts" >&2
    exit 1
fi
echo "$want" > "$STAMP"
echo "setup: done in $(( $(date +%s) - start ))s"
