"""benchmarks/nlu_eval.py on a tiny sample: the figures it prints are computed right.

Training a real model is left to the benchmark itself (minutes on two shared cores): here the
model is a stand-in parser, so the test checks loading, scoring and printing end to end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import nlu_eval
from benchmarks.nlu_eval import load_examples, macro_f1, recall_precision, score

TINY = {
    "en.yml": """version: "3.1"
nlu:
  - intent: danger
    examples: |
      - he is hitting me
      - I want to kill myself
  - intent: menu
    examples: |
      - menu
      - show me the [main](x) menu
""",
    "pl.yml": """version: "3.1"
nlu:
  - intent: danger
    examples: |
      - on mnie bije
  - intent: stop
    examples: |
      - koniec
""",
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    for name, text in TINY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def stand_in_parser(_model: Path) -> Any:
    from assistant.nlu.danger import danger_match
    from assistant.nlu.keywords import match_navigation

    def parse(text: str) -> dict[str, object]:
        found = match_navigation(text)
        intent = "danger" if danger_match(text) else found.intent if found else "nlu_fallback"
        return {"intent": {"name": intent, "confidence": 1.0}}
    return parse


def test_examples_lose_their_entity_markup(tiny):
    examples = load_examples(tiny)
    assert [(e.language, e.intent) for e in examples][:2] == [("en", "danger"), ("en", "danger")]
    assert "show me the main menu" in [e.text for e in examples]


def test_scores():
    assert score(["a", "b"], ["a", "b"]).macro_f1 == 1.0
    assert score(["a", "b"], ["b", "a"]).accuracy == 0.0
    assert macro_f1([], []) == 0.0
    assert recall_precision(["d", "x", "x"], ["d", "d", "x"], "d") == (1.0, 0.5)
    assert recall_precision(["x"], ["x"], "d") == (1.0, 1.0)


def test_the_script_runs_on_a_tiny_sample(tiny, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(nlu_eval, "train", lambda config, data, folder: (folder / "m", 1.0))
    monkeypatch.setattr(nlu_eval, "model_parser", stand_in_parser)
    figures = tmp_path / "figures.json"
    nlu_eval.main(["--eval", str(tiny), "--epochs", "1", "--json", str(figures)])
    out = capsys.readouterr().out
    assert "rasa train nlu" in out
    assert "danger (model + safety net)" in out
    report = json.loads(figures.read_text())
    assert report["danger_recall"] == 1.0
    assert report["danger_precision"] == 1.0
    assert report["per_language"]["pl"]["accuracy"] == 1.0
    assert report["per_language"]["en"]["accuracy"] == 0.75  # "show me the main menu" missed
    assert report["overall"]["examples"] == 6


def test_the_epochs_override_keeps_the_rest_of_the_config(tmp_path):
    import yaml

    config = nlu_eval.training_config(nlu_eval.REPO / "bot" / "config.yml", 3, tmp_path)
    data = yaml.safe_load(config.read_text())
    diet = next(c for c in data["pipeline"] if c["name"] == "DIETClassifier")
    assert diet["epochs"] == 3
    assert data["pipeline"][-1]["name"] == "assistant.nlu.components.DangerSafetyNet"
