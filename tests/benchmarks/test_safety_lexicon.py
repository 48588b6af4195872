"""The safety-lexicon figures script runs and reports every language."""

from __future__ import annotations

import pytest

from benchmarks import safety_lexicon


def test_prints_a_row_per_language_and_the_training_data_precision(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert safety_lexicon.main() == 0
    out = capsys.readouterr().out
    assert "\nku " in out
    assert "\nall " in out
    assert "bot/nlu_eval: danger examples caught" in out
