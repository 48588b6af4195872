"""Run the examples in the assistant's and referrals' docstrings, so they never go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["referrals.statuses", "referrals.needs", "referrals.answers", "referrals.references",
           "assistant.translate", "assistant.languages", "leaflets.catalog_check",
           "assistant.first_reply", "assistant.form_questions"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
