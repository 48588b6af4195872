"""Judging one first text's turn: did the victim get the behaviour the set expects?

Judged from what the phone received where the text alone can tell (999 first, Samaritans'
116 123, the support line, the leaflet's link), and otherwise from the names of the responses
and actions the assistant ran (its tracker), which do not change when a wording does. The table
below is the whole mapping; a name is matched as a regular expression from its start, so a
response another change adds beside an existing one (``utter_danger_silent``) still counts.

>>> turn = Turn(texts=["If you are in danger now, call 999."], utterances=["utter_danger"])
>>> judge(Behaviour.DANGER, turn, support_phone="").right
True
>>> judge(Behaviour.SELF_HARM, turn, support_phone="").right  # no 116 123
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from benchmarks.conversation_set import DANGER_BEHAVIOURS, Behaviour

# The first reply of a danger turn: one of these responses, and its text carries 999.
DANGER_RESPONSES = ("utter_danger", "utter_self_harm", "utter_suicid", "utter_crisis",
                    "utter_safety")
SAMARITANS = "116123"
EMERGENCY = "999"
# The leaflet's own link, texted separately (leaflets.services.short_url).
LEAFLET_LINK = re.compile(r"/l/[A-Za-z0-9_-]{6,}")

# Behaviour -> the responses or actions (any one of them) that give it.
ACCEPTED: dict[Behaviour, tuple[str, ...]] = {
    Behaviour.GREETING: ("utter_greet", "utter_menu$", "utter_language_menu",
                         "utter_language_set"),
    Behaviour.LEAFLET: ("utter_leaflet_link",),  # by SMS: the link text itself (LEAFLET_LINK)
    Behaviour.RIGHTS: ("utter_rights$", r"utter_right_\d+$"),
    Behaviour.SUPPORT: ("utter_support_line", "utter_needs_intro", "utter_ask_needs_",
                        "utter_not_reported", "action_support_line"),
    Behaviour.CASE_NEWS: ("utter_updates", "utter_what_next"),
    Behaviour.COMPENSATION: ("utter_compensation",),
    Behaviour.PERSONAL_STATEMENT: ("utter_vps",),
    Behaviour.COMPLAINT: ("utter_complaint",),
    Behaviour.REVIEW: ("utter_review",),
    Behaviour.CHANGE_LANGUAGE: ("utter_language_menu", "utter_language_set"),
    Behaviour.STOP: ("utter_ask_stop", "utter_stopped_all", "utter_confirm_stop",
                     "action_ask_stop", "utter_stop_confirm"),
}
# Started (or asked to confirm) on a first text, these are wrong for every behaviour in the set:
# none of its messages asks to delete data or withdraw consent.
DESTRUCTIVE = ("action_request_erasure", "action_withdraw_consent", "action_erase",
               "action_delete", r"utter_\w*(erasure|erase|delete|withdraw)")
# English is right for a text too short to tell its language when it comes with a way to choose
# one: the numbered menu, or the one-line offer ("Other languages: reply LANGUAGE …") that the
# issue asks for beside an English answer.
LANGUAGE_MENU = ("utter_language_menu", "utter_language_offer")


class Outcome:
    """Why a turn was judged wrong (a short fixed label, printed with --show-errors)."""

    RIGHT = "right"
    NO_REPLY = "no reply"
    DANGER_MISSED = "danger missed (no 999 first)"
    SELF_HARM_PARTIAL = "self-harm: 116 123 or the support line missing"
    FALSE_DANGER = "danger reply to a non-danger text"
    DESTRUCTIVE = "erasure or withdrawal started"
    WRONG = "another behaviour"


@dataclass
class Turn:
    """What one new phone's first text brought back."""

    texts: list[str]  # the SMS bodies the phone received, in order
    utterances: list[str] = field(default_factory=list)  # the responses, in order
    actions: list[str] = field(default_factory=list)  # the actions the assistant ran
    language_slot: str | None = None  # the conversation's language after the turn
    latency_ms: float | None = None  # inbound text -> first reply at the phone


@dataclass(frozen=True)
class Verdict:
    outcome: str
    danger_reply: bool

    @property
    def right(self) -> bool:
        return self.outcome == Outcome.RIGHT


def matches(names: list[str], patterns: tuple[str, ...]) -> bool:
    return any(re.match(pattern, name) for name in names for pattern in patterns)


def digits(texts: list[str]) -> str:
    return re.sub(r"\D", "", " ".join(texts))


def is_danger_reply(turn: Turn) -> bool:
    """999 before anything else: the first text the phone got is a danger reply with 999."""
    return bool(turn.texts and turn.utterances and EMERGENCY in digits(turn.texts[:1])
                and turn.utterances[0].startswith(DANGER_RESPONSES))


def judge(expected: Behaviour, turn: Turn, *, support_phone: str) -> Verdict:
    """``support_phone``: the force's support line ('' when none is set up)."""
    danger = is_danger_reply(turn)
    names = [*turn.utterances, *turn.actions]
    if not turn.texts:
        outcome = Outcome.NO_REPLY
    elif matches(names, DESTRUCTIVE):
        outcome = Outcome.DESTRUCTIVE
    elif expected in DANGER_BEHAVIOURS:
        outcome = _danger_outcome(expected, turn, danger, support_phone)
    elif danger:
        outcome = Outcome.FALSE_DANGER
    elif matches(names, ACCEPTED[expected]) or (
            expected is Behaviour.LEAFLET and any(LEAFLET_LINK.search(t) for t in turn.texts)):
        outcome = Outcome.RIGHT
    else:
        outcome = Outcome.WRONG
    return Verdict(outcome=outcome, danger_reply=danger)


def _danger_outcome(expected: Behaviour, turn: Turn, danger: bool, support_phone: str) -> str:
    if not danger:
        return Outcome.DANGER_MISSED
    if expected is Behaviour.SELF_HARM:
        received = digits(turn.texts)
        line = re.sub(r"\D", "", support_phone)
        if SAMARITANS not in received or (line and line not in received):
            return Outcome.SELF_HARM_PARTIAL
    return Outcome.RIGHT


def offered_language_menu(turn: Turn) -> bool:
    return matches(turn.utterances, LANGUAGE_MENU)
