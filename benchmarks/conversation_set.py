"""The held-out sets of first texts (``benchmarks/blind/*.tsv``): each message, its language and
the behaviour a victim should get.

A set is read, never written: it was written blind, before any tuning, and must never be tuned
on (see the header of each file).

>>> case = parse_line("en-001\\ten\\tdanger\\the is at my door")
>>> case.behaviour, case.language, case.is_danger
(<Behaviour.DANGER: 'danger'>, 'en', True)
>>> is_short("Bonjour"), is_short("He is outside my door and I am afraid")
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

BLIND_SET = Path(__file__).resolve().parent / "blind" / "blind-2026-12.tsv"
HEADER = ("id", "language", "expected", "message")
SHORT_WORDS, SHORT_CHARS = 3, 24  # a text this short may be answered in English with the menu


class Behaviour(StrEnum):
    DANGER = "danger"
    SELF_HARM = "self_harm"
    GREETING = "greeting"
    LEAFLET = "leaflet"
    RIGHTS = "rights"
    SUPPORT = "support"
    CASE_NEWS = "case_news"
    COMPENSATION = "compensation"
    PERSONAL_STATEMENT = "personal_statement"
    COMPLAINT = "complaint"
    REVIEW = "review"
    CHANGE_LANGUAGE = "change_language"
    STOP = "stop"


DANGER_BEHAVIOURS = frozenset({Behaviour.DANGER, Behaviour.SELF_HARM})


@dataclass(frozen=True)
class Case:
    id: str
    language: str
    behaviour: Behaviour
    text: str

    @property
    def is_danger(self) -> bool:
        return self.behaviour in DANGER_BEHAVIOURS


class SetError(ValueError):
    """A line of a set that cannot be read."""


def is_short(text: str) -> bool:
    """Too short to tell the language from: English with the language menu is a right answer."""
    return len(text.split()) <= SHORT_WORDS and len(text) <= SHORT_CHARS


def parse_line(line: str) -> Case:
    fields = line.rstrip("\n").split("\t")
    if len(fields) != len(HEADER) or not all(fields):
        raise SetError(f"expected {len(HEADER)} tab-separated fields: {fields[0]!r}")
    case_id, language, expected, text = fields
    try:
        behaviour = Behaviour(expected)
    except ValueError as error:
        raise SetError(f"{case_id}: unknown behaviour {expected!r}") from error
    return Case(id=case_id, language=language, behaviour=behaviour, text=text)


def read_set(path: Path = BLIND_SET) -> list[Case]:
    """Every case of a set, in file order (comment lines and the header skipped)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or tuple(line.split("\t")) == HEADER:
            continue
        cases.append(parse_line(line))
    if len({case.id for case in cases}) != len(cases):
        raise SetError(f"{path.name}: an id is used twice")
    return cases
