"""NLU evaluation: train on bot/data/nlu, score on the held-out bot/nlu_eval (never trained on).

    .venv/bin/python -m benchmarks.nlu_eval                  # train into a temp dir, evaluate
    .venv/bin/python -m benchmarks.nlu_eval --model M.tar.gz # evaluate an existing NLU model
    .venv/bin/python -m benchmarks.nlu_eval --cross-validation 3   # k-fold on the training data

Prints, per language (one eval file each): examples, intent accuracy, macro F1; then danger recall
and precision over all files (model + safety net, and the lexicon alone), and how often the
offline language identifier names the file's language. docs/assistant-nlu.md records the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from benchmarks.stats import heading, line

REPO = Path(__file__).resolve().parent.parent
DANGER = "danger"


@dataclass(frozen=True)
class Example:
    language: str
    text: str
    intent: str


@dataclass(frozen=True)
class Scores:
    examples: int
    accuracy: float
    macro_f1: float


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean of per-intent F1 over the intents present in ``gold``.

    >>> round(macro_f1(["a", "a", "b"], ["a", "b", "b"]), 3)
    0.667
    """
    scores = []
    for intent in sorted(set(gold)):
        true_pos = sum(g == p == intent for g, p in zip(gold, predicted, strict=True))
        predicted_n = sum(p == intent for p in predicted)
        gold_n = sum(g == intent for g in gold)
        precision = true_pos / predicted_n if predicted_n else 0.0
        recall = true_pos / gold_n
        scores.append(2 * precision * recall / (precision + recall) if true_pos else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return Scores(examples=len(gold), accuracy=correct / len(gold) if gold else 0.0,
                  macro_f1=macro_f1(gold, predicted))


def recall_precision(gold: Sequence[str], predicted: Sequence[str], intent: str) -> tuple[
        float, float]:
    """Recall and precision of one intent (1.0 where nothing was expected or predicted)."""
    true_pos = sum(g == p == intent for g, p in zip(gold, predicted, strict=True))
    gold_n = sum(g == intent for g in gold)
    predicted_n = sum(p == intent for p in predicted)
    return (true_pos / gold_n if gold_n else 1.0, true_pos / predicted_n if predicted_n else 1.0)


def load_examples(folder: Path) -> list[Example]:
    """Every example of every ``<language>.yml`` in the folder (Rasa's NLU YAML format)."""
    examples = []
    for path in sorted(folder.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for raw in block["examples"].splitlines():
                text = raw.strip().removeprefix("- ").strip()
                if text:
                    examples.append(Example(path.stem, _plain(text), block["intent"]))
    return examples


def _plain(text: str) -> str:
    """The text without Rasa's entity mark-up: "[Polish](language)" → "Polish"."""
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)


@dataclass(frozen=True)
class Miss:
    language: str
    intent: str
    predicted: str


@dataclass(frozen=True)
class Report:
    per_language: dict[str, Scores]
    overall: Scores
    danger_recall: float
    danger_precision: float
    lexicon_recall: float
    lexicon_precision: float
    language_id_rate: float  # share of examples identified as their file's language
    parse_ms: float  # mean time to understand one message
    confusions: dict[str, int]  # "language: gold -> predicted" counts, texts left out


def evaluate(examples: Sequence[Example], parse: Callable[[str], dict[str, object]]) -> Report:
    from assistant.nlu.danger import danger_match
    from assistant.nlu.detection import detect_language

    start = time.perf_counter()
    predicted = [_intent_name(parse(e.text)) for e in examples]
    parse_ms = (time.perf_counter() - start) * 1000 / max(1, len(examples))
    gold = [e.intent for e in examples]
    per_language = {}
    for language in sorted({e.language for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.language == language]
        per_language[language] = score([gold[i] for i in idx], [predicted[i] for i in idx])
    lexicon = [DANGER if danger_match(e.text) else "other" for e in examples]
    recall, precision = recall_precision(gold, predicted, DANGER)
    lex_recall, lex_precision = recall_precision(gold, lexicon, DANGER)
    identified = sum(
        (d := detect_language(e.text)) is not None and d.code == e.language for e in examples)
    return Report(per_language=per_language, overall=score(gold, predicted),
                  danger_recall=recall, danger_precision=precision, lexicon_recall=lex_recall,
                  lexicon_precision=lex_precision,
                  language_id_rate=identified / len(examples) if examples else 0.0,
                  parse_ms=parse_ms, confusions=_confusions(examples, predicted))


def _confusions(examples: Sequence[Example], predicted: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for example, intent in zip(examples, predicted, strict=True):
        if intent != example.intent:
            key = f"{example.language}: {example.intent} -> {intent}"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _intent_name(result: dict[str, object]) -> str:
    intent = result.get("intent")
    return str(intent.get("name")) if isinstance(intent, dict) else "None"


def print_report(report: Report, *, verbose: bool = False) -> None:
    heading("NLU on held-out data (bot/nlu_eval)")
    for language, scores in report.per_language.items():
        line(language, f"n={scores.examples:<4} accuracy {scores.accuracy:.3f}  "
                       f"macro F1 {scores.macro_f1:.3f}")
    line("all", f"n={report.overall.examples:<4} accuracy {report.overall.accuracy:.3f}  "
                f"macro F1 {report.overall.macro_f1:.3f}")
    line("danger (model + safety net)",
         f"recall {report.danger_recall:.3f}  precision {report.danger_precision:.3f}")
    line("danger (lexicon alone)",
         f"recall {report.lexicon_recall:.3f}  precision {report.lexicon_precision:.3f}")
    line("language identified as the file's", f"{report.language_id_rate:.3f} of examples")
    line("parse time", f"{report.parse_ms:.1f} ms per message (mean)")
    if verbose:
        heading("Confusions (language: expected -> predicted)")
        for key, count in report.confusions.items():
            line(key, str(count))


def training_config(config: Path, epochs: int | None, folder: Path) -> Path:
    """The bot's config, with DIET's epochs overridden when asked (for quick runs)."""
    if epochs is None:
        return config
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for component in data["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["epochs"] = epochs
    out = folder / "config.yml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


def rasa_env() -> dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(REPO)}


def train(config: Path, data: Path, folder: Path) -> tuple[Path, float]:
    """Train an NLU-only model into ``folder``; the model path and the seconds it took."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config), "--nlu",
         str(data), "--out", str(folder), "--fixed-model-name", "nlu-eval"],
        check=True, cwd=REPO, env=rasa_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return folder / "nlu-eval.tar.gz", time.perf_counter() - start


def model_parser(model: Path) -> Callable[[str], dict[str, object]]:
    import logging

    import structlog
    from rasa.core.agent import Agent

    # Rasa logs every parse, text included, at debug level: keep the figures readable.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()

    def parse(text: str) -> dict[str, object]:
        result: dict[str, object] = loop.run_until_complete(agent.parse_message(text))
        return result

    return parse


def cross_validate(config: Path, data: Path, folds: int, folder: Path) -> None:
    """k-fold cross-validation on the training data with ``rasa test nlu`` (slow: k trainings)."""
    subprocess.run(
        [sys.executable, "-m", "rasa", "test", "nlu", "--config", str(config), "--nlu",
         str(data), "--cross-validation", "--folds", str(folds), "--out", str(folder)],
        check=True, cwd=REPO, env=rasa_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    report = json.loads((folder / "intent_report.json").read_text(encoding="utf-8"))
    heading(f"NLU {folds}-fold cross-validation on bot/data/nlu")
    line("accuracy", f"{report['accuracy']:.3f}")
    line("macro F1", f"{report['macro avg']['f1-score']:.3f}")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=REPO / "bot" / "config.yml")
    parser.add_argument("--data", type=Path, default=REPO / "bot" / "data" / "nlu")
    parser.add_argument("--eval", type=Path, default=REPO / "bot" / "nlu_eval")
    parser.add_argument("--model", type=Path, help="evaluate this NLU model instead of training")
    parser.add_argument("--epochs", type=int, help="override DIET's epochs (quick runs)")
    parser.add_argument("--cross-validation", type=int, metavar="FOLDS")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--confusions", action="store_true", help="list the wrong predictions")
    args = parser.parse_args(list(argv) if argv is not None else None)
    with tempfile.TemporaryDirectory(prefix="nlu-eval-") as tmp:
        folder = Path(tmp)
        config = training_config(args.config, args.epochs, folder)
        if args.cross_validation:
            cross_validate(config, args.data, args.cross_validation, folder / "cv")
            return
        model = args.model
        if model is None:
            model, seconds = train(config, args.data, folder)
            heading("NLU training")
            line("rasa train nlu", f"{seconds:.0f} s")
        report = evaluate(load_examples(args.eval), model_parser(model))
    print_report(report, verbose=args.confusions)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
