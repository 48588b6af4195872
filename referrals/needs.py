"""The needs-assessment question set, as data, and the enhanced-rights rule.

Follows "A needs assessment covers" in the Victims' Code facts. One question at a time; every
question may be skipped. A ``phone`` answer is never stored in the answers: the safe number
becomes a ``messaging.Recipient`` and the answers only say one was given. The English question
and "why we ask" texts are the assistant's responses ``utter_ask_needs_<key>`` and
``utter_why_needs_<key>`` (a test keeps them identical to bot/domain/needs.yml).

>>> enhanced_rights_reasons({"under_18": "yes"}, crime_type="burglary")
['under-18']
>>> enhanced_rights_reasons({}, crime_type="domestic-abuse")
['serious-crime']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

QUESTION_SET_VERSION = "needs-2026.1"
SKIPPED = "skipped"
YES, NO = "yes", "no"
GIVEN = "given"  # the value stored for a phone question: the number itself lives in a Recipient


class Kind(StrEnum):
    YES_NO = "yes-no"
    CHOICE = "choice"
    TEXT = "text"
    PHONE = "phone"
    TIME = "time"


@dataclass(frozen=True)
class Question:
    key: str
    kind: Kind
    options: tuple[str, ...] = ()

    @property
    def slot(self) -> str:
        """The assistant's slot (and form question) for this question."""
        return f"needs_{self.key}"


QUESTIONS: tuple[Question, ...] = (
    Question("contact_method", Kind.CHOICE, ("text", "call", "email", "letter")),
    Question("safe_to_text", Kind.YES_NO),
    Question("safe_number", Kind.PHONE),
    Question("safe_times", Kind.TIME),
    Question("voicemail_safe", Kind.YES_NO),
    Question("interpreter", Kind.YES_NO),
    Question("communication", Kind.CHOICE,
             ("none", "easy-read", "large-print", "braille", "bsl")),
    Question("disability", Kind.YES_NO),
    Question("under_18", Kind.YES_NO),
    Question("afraid", Kind.YES_NO),
    Question("repeat", Kind.YES_NO),
    Question("court_help", Kind.YES_NO),
    Question("support_wanted", Kind.CHOICE,
             ("emotional", "practical", "specialist", "restorative", "none")),
    Question("vps_offered", Kind.YES_NO),
)
BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}

# Crime types (brief codes) whose victims get enhanced rights as "most serious crime".
SERIOUS_CRIME_TYPES = frozenset({
    "domestic-abuse", "hate-crime", "sexual-offence", "human-trafficking", "terrorism",
    "attempted-murder", "arson-endangering-life", "kidnapping", "false-imprisonment",
    "gbh-with-intent", "bereaved",
})
# Answers that make a victim vulnerable, intimidated or persistently targeted.
REASON_BY_ANSWER: tuple[tuple[str, str], ...] = (
    ("under_18", "under-18"),
    ("disability", "disability"),
    ("afraid", "intimidated"),
    ("repeat", "persistently-targeted"),
)


def enhanced_rights_reasons(answers: Mapping[str, object], crime_type: str) -> list[str]:
    """The codes of every reason the victim is entitled to enhanced rights (may be empty)."""
    reasons = []
    if crime_type in SERIOUS_CRIME_TYPES:
        reasons.append("serious-crime")
    for key, reason in REASON_BY_ANSWER:
        if answers.get(key) == YES:
            reasons.append(reason)
    return reasons


def allowed_values(question: Question) -> frozenset[str] | None:
    """The values a question's answer may take (None: free text)."""
    if question.kind is Kind.YES_NO:
        return frozenset({YES, NO, SKIPPED})
    if question.kind is Kind.CHOICE:
        return frozenset({*question.options, SKIPPED})
    if question.kind is Kind.PHONE:
        return frozenset({GIVEN, SKIPPED})
    return None
