"""The examples in the NLU modules' docstrings run, so they never go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "assistant.nlu.normalise",
    "assistant.nlu.keywords",
    "assistant.nlu.language_names",
    "assistant.nlu.danger",
    "assistant.nlu.detection",
    "assistant.nlu.phrases",
    "benchmarks.nlu_eval",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
