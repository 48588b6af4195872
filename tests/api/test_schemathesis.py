"""Schemathesis against the served OpenAPI document, with a key for every scope.

Schemathesis lives in its own virtual environment (``var/schemathesis``, made by
scripts/schemathesis.sh from requirements/schemathesis.txt) so that Rasa's pins never decide its
version. It generates requests from the document — valid and invalid — and checks every answer
against it (``--checks all``: no 5xx, documented status codes, content types and headers, bodies
matching their schemas, refusals of what the schema forbids), then runs the stateful phase that
follows the document's links (create an issue, then read it).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from pytest_django.fixtures import SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from api.keys import create_key
from api.scopes import Scope
from organisations.models import Organisation

REPO = Path(__file__).resolve().parents[2]
SCHEMATHESIS = REPO / "var" / "schemathesis" / "bin" / "st"
CONFIG = Path(__file__).with_name("schemathesis.toml")

pytestmark = pytest.mark.django_db(transaction=True)


def test_schemathesis_finds_nothing_with_every_check(live_server: LiveServer, force: Organisation,
                                                     settings: SettingsWrapper) -> None:
    assert SCHEMATHESIS.exists(), "run scripts/schemathesis.sh first (make test does)"
    # The per-key limit is tested on its own (test_rate_limit.py); here it would answer most
    # generated requests with 429 and leave the logic behind them untested.
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    key = create_key(organisation=force, name="Fuzzing", scopes=list(Scope)).key
    result = subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(CONFIG),
         "run", f"{live_server.url}/api/v1/openapi.json",
         "--checks", "all", "--header", f"Authorization: Bearer {key}",
         "--max-examples", os.environ.get("SIGNPOST_FUZZ_EXAMPLES", "30"),
         "--seed", "20261207", "--no-color", "--workers", "1"],
        # its cache folder (.schemathesis/) goes under var/, not into the checkout
        cwd=REPO / "var", capture_output=True, text=True, timeout=900, check=False)
    (REPO / "var" / "schemathesis-report.txt").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
