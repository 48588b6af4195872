"""Run the examples in the shared limiter's docstrings, so they never go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["ratelimits.counters", "ratelimits.keys",
                                  "ratelimits.client_address"])
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
