"""Recall and precision of the danger safety net per language (assistant/nlu/danger.py).

Run: ``.venv/bin/python -m benchmarks.safety_lexicon``. For each development set
(tests/nlu/data/safety_cases.tsv and safety_cases_2.tsv, written for testing, not the blind set),
per language: threats recognised as danger, self-harm recognised as self-harm, and leaflet/safe
messages flagged. Then the lexicon's
precision on every non-danger example of bot/data/nlu and bot/nlu_eval (11 languages).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from benchmarks.nlu_eval import load_examples
from benchmarks.safety_cases import CASES_2_TSV, CASES_TSV, REPO, SafetyCase, safety_cases

DANGER_KINDS = ("danger", "self_harm")


def report(title: str, cases: list[SafetyCase]) -> None:
    from assistant.nlu.danger import danger_match

    counts: dict[str, dict[str, list[int]]] = defaultdict(
        lambda: {"danger": [0, 0], "self_harm": [0, 0], "safe": [0, 0]})
    for case in cases:
        found = danger_match(case.text)
        if case.kind in DANGER_KINDS:
            hit = found is not None and found.kind == case.kind
            counts[case.language][case.kind][0] += int(hit)
            counts[case.language][case.kind][1] += 1
        else:
            counts[case.language]["safe"][0] += int(found is not None)
            counts[case.language]["safe"][1] += 1
    print(title)
    print("language  threats  self-harm  safe flagged")
    totals = {"danger": [0, 0], "self_harm": [0, 0], "safe": [0, 0]}
    for language in sorted(counts):
        row = counts[language]
        for key in totals:
            totals[key][0] += row[key][0]
            totals[key][1] += row[key][1]
        print(f"{language:<9} " + "  ".join(f"{row[k][0]}/{row[k][1]}".rjust(8) for k in totals))
    print("all       " + "  ".join(f"{totals[k][0]}/{totals[k][1]}".rjust(8) for k in totals))


def main() -> int:
    from assistant.nlu.danger import danger_match

    report("set 1 (tests/nlu/data/safety_cases.tsv)", safety_cases(CASES_TSV))
    report("set 2 (tests/nlu/data/safety_cases_2.tsv)", safety_cases(CASES_2_TSV))
    for name, folders in (("bot/data/nlu", sorted((REPO / "bot/data/nlu").iterdir())),
                          ("bot/nlu_eval", [REPO / "bot/nlu_eval"])):
        examples = [e for folder in folders for e in load_examples(folder)]
        others = [e for e in examples if e.intent != "danger"]
        dangers = [e for e in examples if e.intent == "danger"]
        flagged = sum(1 for e in others if danger_match(e.text))
        caught = sum(1 for e in dangers if danger_match(e.text))
        print(f"{name}: danger examples caught {caught} of {len(dangers)}; "
              f"other examples flagged {flagged} of {len(others)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
