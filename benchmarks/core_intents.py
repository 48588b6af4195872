"""Core intents in many languages: the model alone against the model with the phrase layer.

``python -m benchmarks.core_intents MODEL.tar.gz`` parses every message of
``benchmarks/data/core_intents.tsv`` (a first message: no conversation language is sent) and
prints intent accuracy per language, before (the trained model, keywords and danger net) and
after (the same, with ``PhraseNavigator``). One run gives both: when the phrase layer overrides
the model it keeps the model's intent in the parse data (``model_intent``), which is "before".
Figures: docs/assistant-nlu.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.nlu.language_names import FREE_TEXT_LANGUAGES

DATA = Path(__file__).resolve().parent / "data" / "core_intents.tsv"


@dataclass(frozen=True)
class Case:
    language: str
    intent: str
    text: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    before: str
    after: str


def load_cases(path: Path = DATA) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, intent, text = line.split("\t")
            cases.append(Case(language=language, intent=intent, text=text))
    return cases


def before_and_after(result: dict[str, object]) -> tuple[str, str]:
    """The model's own intent and the final one, from one parse result."""
    intent = result.get("intent") or {}
    after = str(intent.get("name")) if isinstance(intent, dict) else ""
    if result.get("understood_by") != "phrases":
        return after, after
    return str(result.get("model_intent") or ""), after


def evaluate(cases: Sequence[Case],
             parse: Callable[[str], dict[str, object]]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        before, after = before_and_after(parse(case.text))
        outcomes.append(Outcome(case=case, before=before, after=after))
    return outcomes


def table(outcomes: Iterable[Outcome]) -> dict[str, tuple[int, int, int]]:
    """Per language (and "all"): examples, right before, right after."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for outcome in outcomes:
        for key in (outcome.case.language, "all"):
            counts[key][0] += 1
            counts[key][1] += outcome.before == outcome.case.intent
            counts[key][2] += outcome.after == outcome.case.intent
    return {key: (n, before, after) for key, (n, before, after) in counts.items()}


def model_parser(model: Path) -> Callable[[str], dict[str, object]]:
    import logging

    import structlog
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    processor = agent.processor
    if processor is None:
        raise RuntimeError(f"{model} has no dialogue model")

    def parse(text: str) -> dict[str, object]:
        result: dict[str, object] = loop.run_until_complete(
            processor.parse_message(UserMessage(text)))
        return result

    return parse


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    outcomes = evaluate(load_cases(args.data), model_parser(args.model))
    figures = table(outcomes)
    print("language  trained  n   before  after")
    for key, (n, before, after) in sorted(figures.items(), key=lambda kv: kv[0] == "all"):
        trained = "yes" if key in FREE_TEXT_LANGUAGES else ("" if key == "all" else "no")
        print(f"{key:9} {trained:7} {n:3} {before / n:6.2f} {after / n:6.2f}")
    for outcome in outcomes:
        if outcome.after != outcome.case.intent:
            print(f"  miss {outcome.case.language}: {outcome.case.intent} -> {outcome.after}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
