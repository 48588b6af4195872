"""Twilio's default keyword handling on long codes: opt-out, opt-in and help words.

Only a single-word message counts, in any case.

>>> classify("stop"), classify(" Start! "), classify("stop please")
(<Keyword.OPT_OUT: 'opt-out'>, <Keyword.OPT_IN: 'opt-in'>, None)
"""

from __future__ import annotations

from enum import StrEnum


class Keyword(StrEnum):
    OPT_OUT = "opt-out"
    OPT_IN = "opt-in"
    HELP = "help"


KEYWORDS: dict[str, Keyword] = {
    **dict.fromkeys(
        ("STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL"),
        Keyword.OPT_OUT,
    ),
    **dict.fromkeys(("START", "YES", "UNSTOP"), Keyword.OPT_IN),
    **dict.fromkeys(("HELP", "INFO"), Keyword.HELP),
}

AUTO_REPLIES: dict[Keyword, str] = {
    Keyword.OPT_OUT: (
        "You have successfully been unsubscribed. You will not receive any more messages "
        "from this number. Reply START to resubscribe."
    ),
    Keyword.OPT_IN: (
        "You have successfully been re-subscribed to messages from this number. Reply HELP for "
        "help. Reply STOP to unsubscribe. Msg&Data Rates May Apply."
    ),
    Keyword.HELP: "Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
}


def classify(body: str) -> Keyword | None:
    word = body.strip().strip(".!?").strip().upper()
    return KEYWORDS.get(word)
