"""Run the examples in docstrings, so they never go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "assistant.web_wording",
    "channels.notify.client",
    "channels.notify.pacing",
    "channels.notify.payloads",
    "channels.notify.tables",
    "channels.providers",
    "channels.segments",
    "channels.text",
    "health.access",
    "messaging.assistant",
    "messaging.conversation_lock",
    "messaging.statuses",
    "signpost.env",
    "signpost.production",
    "signpost.shared_secret",
    "audit.chain",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
