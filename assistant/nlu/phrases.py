"""Core intents in every language by phrases (``data/phrases.tsv``), beside the trained model.

The model (DIET) is trained on eleven languages. For the other 44, and when the model is unsure,
a message that contains one of a language's phrases for a core intent ("ulotkę", "dépliant",
"volem una queixa" …) is understood by the phrase. Phrases are matched as whole words on folded
text (case, punctuation and Latin accents ignored); when several intents match, the first in
``PRIORITY`` wins, so "send me the leaflet about my rights" is a leaflet request, not the rights.
No phrase is ever an erasure, a withdrawal of consent or danger: those are left to the model,
the confirmations that follow it, and the danger lexicon.

>>> match_phrase("Prosím pošlete mi leták o mých právech").intent
'request_leaflet'
>>> match_phrase("nessuno mi ha detto niente del mio caso").intent
'ask_updates'
>>> match_phrase("the weather is nice") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.nlu.normalise import fold

PHRASES_TSV = Path(__file__).resolve().parent / "data" / "phrases.tsv"
# First match wins: specific requests before general ones, greetings last.
PRIORITY = (
    "request_leaflet", "ask_complaint", "ask_review", "ask_compensation", "ask_vps",
    "ask_updates", "help_person", "want_support", "change_language", "ask_rights", "stop",
    "greet",
)
# Acting on these on a guess could lose something: a phrase never overrides the model to them,
# and overrides the model away from them when it matches a harmless intent.
DESTRUCTIVE = frozenset({"delete_data", "withdraw_consent", "stop"})
# The model's answers a phrase of another intent always corrects: a leaflet request that talks
# about rights is the leaflet; a sentence about a core intent is not a bare yes, no, thanks,
# goodbye or greeting (the model took "nadie me ha dicho nada de mi caso" for "no").
CORRECTED = {"ask_rights": frozenset({"request_leaflet"})} | {
    short: frozenset(PRIORITY) - {"greet"}
    for short in ("affirm", "deny", "thank", "goodbye", "greet")}


@dataclass(frozen=True)
class PhraseMatch:
    intent: str
    matched: str  # the folded words that matched


# Scripts written without spaces between words: their phrases match anywhere in the text.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _pattern(phrase: str) -> str:
    """A phrase as a regular expression: whole words, ``word*`` for any ending ("ulotk*")."""
    prefix = phrase.endswith("*")
    body = fold(phrase.rstrip("*"))
    if not body:
        raise ValueError(f"empty phrase {phrase!r}")
    expression = re.escape(body) + (r"\w*" if prefix else "")
    return expression if _UNSPACED.search(body) else rf"(?<!\w){expression}(?!\w)"


def parse_phrases(text: str) -> dict[str, re.Pattern[str]]:
    """Intent → one pattern of all its phrases; ValueError on an unknown intent or an empty
    phrase."""
    phrases: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, intent, words = line.split("\t")
        if intent not in PRIORITY:
            raise ValueError(f"phrases line {number} ({code}): unknown intent {intent!r}")
        try:
            phrases.setdefault(intent, []).extend(_pattern(w) for w in words.split("|"))
        except ValueError as error:
            raise ValueError(f"phrases line {number} ({code}): {error}") from None
    return {intent: re.compile("|".join(sorted(set(found), key=len, reverse=True)))
            for intent, found in phrases.items()}


@cache
def phrase_table() -> dict[str, re.Pattern[str]]:
    return parse_phrases(PHRASES_TSV.read_text(encoding="utf-8"))


def match_phrase(text: str) -> PhraseMatch | None:
    """The core intent a message asks for by one of the phrases, if any."""
    folded = fold(text)
    table = phrase_table()
    for intent in PRIORITY:
        pattern = table.get(intent)
        found = pattern.search(folded) if pattern is not None else None
        if found is not None:
            return PhraseMatch(intent=intent, matched=found.group(0))
    return None


def phrase_decides(*, model_intent: str | None, model_confidence: float,
                   language: str | None, trained: frozenset[str] | tuple[str, ...],
                   phrase_intent: str, min_confidence: float) -> bool:
    """Whether a phrase match overrides the model's intent (docs/assistant-nlu.md):

    - the conversation's or message's language is not one the model was trained on, or
    - the model is unsure (``nlu_fallback`` or below ``min_confidence``), or
    - the model chose a destructive intent (erasure, withdrawal, stop) and the phrase a
      harmless one — "send me the leaflet about my data" must never start an erasure, or
    - the model's intent is one ``CORRECTED`` lists for the phrase's (rights → leaflet; a
      yes, no, thanks, goodbye or greeting → any core intent).
    """
    if model_intent == "danger":
        return False
    if model_intent in DESTRUCTIVE and phrase_intent not in DESTRUCTIVE:
        return True
    if phrase_intent in CORRECTED.get(model_intent or "", frozenset()):
        return True
    if language is not None and language not in trained:
        return True
    return model_intent in (None, "nlu_fallback") or model_confidence < min_confidence
