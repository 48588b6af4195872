"""Helpers every action module shares: the victim's language, the number they sent."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

from assistant.translate import language_of

DIGITS = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def language(tracker: Tracker) -> str:
    """The victim's catalog code (English until they chose or wrote in another)."""
    return language_of(tracker.get_slot("language"))


def text_of(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "").strip()


def number_of(tracker: Tracker) -> int | None:
    """The menu number of the latest message: the ``number`` entity, else the bare digits."""
    value = next(tracker.get_latest_entity_values("number"), None)
    if value is None:
        found = DIGITS.match(text_of(tracker))
        value = found.group(1) if found else None
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def requested_language(tracker: Tracker) -> str | None:
    """The language the victim asked for (``language`` entity without a role), as a code."""
    from assistant.nlu.language_names import language_code_for

    for entity in (tracker.latest_message or {}).get("entities", []):
        if entity.get("entity") == "language" and not entity.get("role"):
            value = str(entity.get("value", ""))
            code = value if language_of(value) == value else language_code_for(value)
            if code is not None:
                return code
    return None


def detected_language(tracker: Tracker) -> str | None:
    """The language the latest message is written in, when the NLU was confident.

    Not for an exact keyword or number ("menu", "3"): those say nothing about the language.
    """
    if (tracker.latest_message or {}).get("understood_by") == "keywords":
        return None
    for entity in (tracker.latest_message or {}).get("entities", []):
        if entity.get("entity") == "language" and entity.get("role") == "detected":
            value = language_of(entity.get("value"))
            return value if value == entity.get("value") else None
    return None


def user_turns(tracker: Tracker, count: int) -> list[dict[str, Any]]:
    """The last ``count`` user events, oldest first."""
    found = [event for event in reversed(tracker.events) if event.get("event") == "user"]
    return list(reversed(found[:count]))
