"""The examples in the emulators' docstrings still hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "emulators.smtp_sink.bounces",
    "emulators.smtp_sink.delivery",
    "emulators.notify.faults",
    "emulators.notify.simulated",
    "emulators.twilio.client",
    "emulators.twilio.faults",
    "emulators.twilio.numbers",
    "emulators.twilio.optout",
    "emulators.twilio.outcomes",
    "emulators.twilio.segments",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))

    assert result.attempted > 0
    assert result.failed == 0
