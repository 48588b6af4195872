"""The portal's, audit's and organisations' docstring examples."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["audit.chain", "organisations.services", "portal.charts", "portal.dashboard",
           "portal.dashboard_trend", "portal.failures", "portal.force_forms", "portal.issue_status",
           "portal.reference_patterns", "portal.security",
           "portal.summaries", "referrals.labels", "referrals.timeliness"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
