"""The danger safety net: a high-recall lexicon per language, in two kinds.

``data/self_harm.tsv`` (suicide, self-harm) is checked first, then ``data/danger.tsv`` (threats,
violence, someone at the door, fear for safety). Any message that matches is understood as
``danger`` whatever else it says, so the assistant gives the 999 guidance first; the kind decides
whether the reply adds Samaritans. Patterns are matched on folded text; a negation ("not in
danger") removes its words before matching, so "I'm not in danger but he threatened me" still
matches.

>>> danger_match("He's outside my house!!") is not None
True
>>> danger_match("Boję się, on mnie BIJE mnie") is not None
True
>>> danger_match("I'm not in danger, I want to know my rights") is None
True
>>> danger_match("999") is not None
True
>>> danger_match("I don't want to be alive any more").kind
<DangerKind.SELF_HARM: 'self_harm'>
>>> danger_match("il est à ma porte et j'ai peur").kind
<DangerKind.DANGER: 'danger'>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from assistant.nlu.normalise import fold, loose_fold

DATA = Path(__file__).resolve().parent / "data"
DANGER_TSV = DATA / "danger.tsv"
SELF_HARM_TSV = DATA / "self_harm.tsv"
_GAP = r"(?: \S+){0,3}"
# Persian and Pashto join a verb's prefix with a zero-width non-joiner ("می‌کشد"); people type
# it, a space or nothing, so it counts as a space.
_ZWNJ = "\u200c"


class DangerKind(StrEnum):
    DANGER = "danger"
    SELF_HARM = "self_harm"


def _fold(text: str) -> str:
    return loose_fold(text.replace(_ZWNJ, " "))


@dataclass(frozen=True)
class DangerPattern:
    language: str  # the lexicon's language, or "*" for universal forms like 999
    kind: DangerKind
    pattern: str  # as written in danger.tsv (never the message: that is not logged)
    regex: re.Pattern[str]
    negation: bool


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A regex over folded, space-separated text for one lexicon pattern.

    >>> bool(compile_pattern("threaten*").search(fold("He THREATENED me")))
    True
    >>> bool(compile_pattern("kill me").search("skill me"))
    False
    >>> bool(compile_pattern("*hdd*").search("yhddni"))
    True
    >>> bool(compile_pattern("attacked me ~ now").search("attacked me again right now"))
    True
    >>> bool(compile_pattern("^ pomogite $").search("pomogite s listovkoi"))
    False
    """
    regex = ""
    start = "(?:^|(?<= ))"
    for word_pattern in pattern.split():
        if word_pattern == "~":
            regex += _GAP
            continue
        if word_pattern == "^":  # the whole message: a lone cry for help, not "help me with…"
            start = "^"
            continue
        if word_pattern == "$":
            regex += "$"
            continue
        prefix = word_pattern.endswith("*")
        infix = word_pattern.startswith("*")  # Arabic clitics: "*انتحار" matches "الانتحار"
        words = _fold(word_pattern.strip("*")).split(" ")
        tail = r"\S*" if prefix else "(?= |$)"
        for n, word in enumerate(words):
            regex += (" " if regex else "") + (r"\S*" if infix and n == 0 else "")
            regex += re.escape(word) + (tail if n == len(words) - 1 else "(?= )")
    return re.compile(start + regex)


def parse_lexicon(text: str,
                  kind: DangerKind = DangerKind.DANGER) -> tuple[DangerPattern, ...]:
    patterns: list[DangerPattern] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, pattern = line.split("\t")
        negation = pattern.startswith("!")
        body = pattern.removeprefix("!").strip()
        if not fold(body.replace("*", "").replace("~", "")):
            raise ValueError(f"danger line {number}: empty pattern")
        patterns.append(DangerPattern(
            language=code, kind=kind, pattern=pattern, regex=compile_pattern(body),
            negation=negation))
    return tuple(patterns)


@cache
def lexicon() -> tuple[DangerPattern, ...]:
    """Self-harm patterns first, so a message with both kinds gets the self-harm reply."""
    return (parse_lexicon(SELF_HARM_TSV.read_text(encoding="utf-8"), DangerKind.SELF_HARM)
            + parse_lexicon(DANGER_TSV.read_text(encoding="utf-8"), DangerKind.DANGER))


def _without_negations(text: str) -> str:
    folded = _fold(text)
    for item in lexicon():
        if item.negation:
            folded = item.regex.sub(" ", folded)
    return " ".join(folded.split())


def danger_match(text: str) -> DangerPattern | None:
    """The first lexicon pattern the message matches, after removing negated phrases."""
    folded = _without_negations(text)
    for item in lexicon():
        if not item.negation and item.regex.search(folded):
            return item
    return None


def danger_languages(text: str) -> frozenset[str]:
    """Every lexicon language with a pattern the message matches ("*" for 999 and the like).

    >>> sorted(danger_languages("ez ditirsim ku ew min bikuje"))
    ['ku']
    """
    folded = _without_negations(text)
    return frozenset(item.language for item in lexicon()
                     if not item.negation and item.regex.search(folded))
