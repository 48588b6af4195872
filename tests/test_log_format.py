"""SIGNPOST_LOG_FORMAT=json: every line a JSON object a log shipper can read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import logging, django
django.setup()
logging.getLogger("messaging.sending").warning("message %s not sent", 7)
try:
    raise ValueError("bad")
except ValueError:
    logging.getLogger("portal").exception("failed")
"""


def _run(log_format: str) -> list[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "signpost.settings",
           "SIGNPOST_LOG_FORMAT": log_format}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stderr.splitlines()


def test_json_lines_with_the_traceback_in_one_record() -> None:
    lines = [json.loads(line) for line in _run("json")]
    assert [(line["level"], line["logger"], line["message"]) for line in lines] == [
        ("WARNING", "messaging.sending", "message 7 not sent"), ("ERROR", "portal", "failed")]
    assert "ValueError: bad" in lines[1]["exception"]


def test_an_unknown_format_stops_the_start() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "signpost.settings",
           "SIGNPOST_LOG_FORMAT": "xml"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "SIGNPOST_LOG_FORMAT must be one of: plain, json" in done.stderr
