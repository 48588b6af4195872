#!/usr/bin/env bash
# Makes var/schemathesis/, a virtual environment of its own for Schemathesis (pinned in
# requirements/schemathesis.txt), so Rasa's pins in .venv/ never decide its version. Idempotent:
# a no-op when the environment already matches the pins. Used by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=var/schemathesis
PINS=requirements/schemathesis.txt
STAMP=$VENV/.pins.sha256
wanted=$(sha256sum "$PINS" | cut -d' ' -f1)
if [[ -x $VENV/bin/st && -f $STAMP && $(cat "$STAMP") == "$wanted" ]]; then
    echo "schemathesis: $($VENV/bin/st --version)"
    exit 0
fi
echo "schemathesis: installing into $VENV"
rm -rf "$VENV"
python3 -m venv "$VENV"
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$PINS" \
        > "$VENV.log" 2>&1; then
    cat "$VENV.log"; exit 1
fi
"$VENV/bin/pip" check >/dev/null
echo "$wanted" > "$STAMP"
echo "schemathesis: $($VENV/bin/st --version)"
