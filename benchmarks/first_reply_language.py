"""The language a new phone's first reply would be in, offline: no Rasa server, no Django.

Run: ``.venv/bin/python -m benchmarks.first_reply_language`` (``--show`` lists each case).
For each message of the development set (tests/nlu/data/reply_language_cases.tsv, written by the
tuner, not the blind set) it runs the NLU components that decide the language
(``LanguageIdentifier``, ``KeywordNavigator``, ``DangerSafetyNet``; the trained model never sets
it) and then the action's choice (``actions.common.detected_language``,
``actions.language.starting_language``, a language asked for by name), as a first text with
nothing stored. Each reply is then:
- right: in the message's language (Dari and Farsi count as one, as do a script's variants);
- English: nothing was decided, so the reply is English with the language menu or its offer
  line — right for a text too short to tell, a miss for a longer one, never a third language;
- wrong: in a language the victim neither wrote in nor chose.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES_TSV = REPO / "tests" / "nlu" / "data" / "reply_language_cases.tsv"
# Variants a reader of one reads as the other.
SAME = {"fa_AF": "fa"}


@dataclass(frozen=True)
class Case:
    label: str  # the set's language column: a catalog code, maybe with a script suffix
    text: str

    @property
    def language(self) -> str:
        return self.label.split("-")[0]


def read_cases(path: Path = CASES_TSV) -> list[Case]:
    return [Case(*line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def first_reply_language(text: str) -> str | None:
    """The first reply's language for this first text (None: English, the menu offered)."""
    from rasa.shared.nlu.training_data.message import Message
    from rasa_sdk import Tracker

    from actions.common import detected_language, requested_language
    from actions.language import starting_language
    from assistant.nlu import components

    message = Message(data={"text": text})
    for cls in (components.LanguageIdentifier, components.KeywordNavigator,
                components.DangerSafetyNet):
        cls(cls.get_default_config()).process([message])
    parse = {"text": text, **message.as_dict(only_output_properties=True)}
    tracker = Tracker("offline", {}, parse, [], False, None, {}, "action_listen")
    if (parse.get("intent") or {}).get("name") == "change_language":
        chosen = requested_language(tracker)
        if chosen is not None:
            return chosen
    return starting_language(detected=detected_language(tracker), stored=None)


def verdict(case: Case, reply: str | None) -> str:
    if reply is None or reply == "en":
        return "right" if case.language == "en" else "english"
    return "right" if SAME.get(reply, reply) == SAME.get(case.language, case.language) else "wrong"


def main(argv: list[str]) -> int:
    show = "--show" in argv
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong_to: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in read_cases():
        reply = first_reply_language(case.text)
        outcome = verdict(case, reply)
        counts[case.label][outcome] += 1
        if outcome == "wrong":
            wrong_to[case.label][str(reply)] += 1
        if show:
            print(f"{case.label:<8} {outcome:<7} {reply or '-':<7} {case.text}")
    print(f"{'language':<9} {'n':>3} {'right':>6} {'English':>8} {'wrong':>6}  wrong replies in")
    totals: dict[str, int] = defaultdict(int)
    for label in sorted(counts):
        row = counts[label]
        n = sum(row.values())
        totals["n"] += n
        for key in ("right", "english", "wrong"):
            totals[key] += row[key]
        into = ", ".join(f"{code} {k}" for code, k in sorted(wrong_to[label].items()))
        print(f"{label:<9} {n:>3} {row['right']:>6} {row['english']:>8} {row['wrong']:>6}  {into}")
    print(f"{'all':<9} {totals['n']:>3} {totals['right']:>6} {totals['english']:>8} "
          f"{totals['wrong']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
