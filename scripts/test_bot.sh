#!/usr/bin/env bash
# Conversation tests (bot/tests/test_*.yml) against the current model; any wrong prediction fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 RASA_CACHE_DIRECTORY=var/rasa-cache
model=$($PY -m signpost.launcher.model | tail -n 1)
out=var/bot-results
rm -rf "$out"
if ! $PY -m rasa test core --model "$model" --stories bot/tests --e2e \
        --fail-on-prediction-errors --out "$out" > var/bot-test.log 2>&1; then
    grep -vE "Location 'file|Warning|warn" var/bot-test.log | tail -n 40
    [[ -f "$out/failed_test_stories.yml" ]] && cat "$out/failed_test_stories.yml"
    echo "bot conversation tests FAILED (full log: var/bot-test.log)"
    exit 1
fi
$PY - "$out/story_report.json" <<'PYEOF'
import json, sys
report = json.load(open(sys.argv[1]))["conversation_accuracy"]
print(f"bot conversation tests: {report['correct']} of {report['total']} conversations correct")
if report["total"] == 0 or report["correct"] != report["total"]:
    sys.exit(1)
PYEOF
