"""Run the examples in the docstrings of the API, crime-report and transfer modules."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "api.keys",
    "api.scopes",
    "crimes.csvfile",
    "crimes.loading",
    "crimes.references",
    "transfers.signing",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
