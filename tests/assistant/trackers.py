"""Tracker fixtures for action unit tests: a small dict in, a rasa_sdk Tracker out."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def tracker(
    text: str = "",
    *,
    intent: str = "nlu_fallback",
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    sender: str = "test-conversation",
    active_loop: str | None = None,
    requested_slot: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    all_slots = {**(slots or {})}
    if requested_slot:
        all_slots["requested_slot"] = requested_slot
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
              "entities": entities or [], "message_id": "m-latest"}
    return Tracker(
        sender_id=sender,
        slots=all_slots,
        latest_message=latest,
        events=[*(events or []), {"event": "action", "name": "action_listen"},
                {"event": "user", "text": text, "parse_data": latest, "message_id": "m-latest"}],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )
