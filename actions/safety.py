"""Danger first: 999 guidance, and for self-harm or suicide Samaritans as well."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# The parse-data property assistant.nlu.components.DangerSafetyNet sets (no Rasa import here).
DANGER_KIND = "danger_kind"
SELF_HARM = "self_harm"


def is_self_harm(tracker: Tracker) -> bool:
    return (tracker.latest_message or {}).get(DANGER_KIND) == SELF_HARM


class ActionDangerReply(Action):
    """The 999 reply for the kind of danger the lexicon found (the model alone: danger)."""

    def name(self) -> str:
        return "action_danger_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(
            response="utter_self_harm" if is_self_harm(tracker) else "utter_danger")
        return []
