"""Run the examples in docstrings, so they never go stale.

One collector for the whole code base: every module of the packages in
scripts/typed-packages.txt whose source holds an example (``>>>``) is imported and its examples
run. Finding them by reading the files keeps collection cheap (nothing is imported until the
test runs) and means a new module's examples run without anyone listing it.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_with_examples() -> list[str]:
    names = []
    for package in (ROOT / "scripts" / "typed-packages.txt").read_text().split():
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).with_suffix("")
            if "migrations" in relative.parts or ">>>" not in path.read_text(encoding="utf-8"):
                continue
            names.append(".".join(relative.parts).removesuffix(".__init__"))
    return names


MODULES = modules_with_examples()


def test_the_collector_finds_the_modules_it_must() -> None:
    assert {"messaging.statuses", "assistant.nlu.normalise", "crimes.references",
            "emulators.twilio.segments", "benchmarks.stats"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0
    assert failures == 0
