"""Run the examples in the case-update modules' docstrings."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["caseupdates.deadlines", "caseupdates.kinds", "caseupdates.statuses",
           "caseupdates.ukdates", "caseupdates.workdays"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
