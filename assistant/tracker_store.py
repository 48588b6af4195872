"""Rasa's SQL tracker store, keeping no phone number or email address a victim typed.

Rasa keeps every event of a conversation for as long as the tracker store keeps them (90 days
here), and a victim's messages may hold a safe number or an address. This store writes each
event with the phone numbers and email addresses in its free text replaced by ``[phone]`` and
``[email]`` (``assistant.redaction``): the text of what the victim said (also as the NLU parsed
it, with its entities), the text of the assistant's replies, and the values of slots.

The turn itself still sees the real text: Rasa saves the tracker after the turn's actions have
run, and the actions get the tracker of the turn, not the stored one. The one value the actions
keep, the needs form's safe number, is stored encrypted by the action itself (a ``Recipient``),
and its slot says only "given". Only later turns read the redacted form.

Rasa's ``SQLTrackerStore.save`` writes ``event.as_dict()`` for the events not yet stored
(``_additional_events``, counted by the number of stored events, which redaction does not
change); this class gives it the same events with their dicts redacted, and nothing else
changes. ``bot/endpoints.yml`` and ``bot/endpoints.scaled.yml`` name it (``tracker_store:
type: assistant.tracker_store.RedactingSQLTrackerStore``) with the settings of Rasa's ``SQL``
type. A class Rasa cannot import falls back to an in-memory store with only a warning, so a
test loads it from the endpoint files.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from assistant.redaction import find_contacts, redact

# Keys whose values are names, ids and times, never what someone typed: left as they are (an
# id of hex digits can look like a number).
_NOT_TYPED = frozenset({"event", "name", "timestamp", "policy", "model_id", "message_id",
                        "input_channel", "action_name", "utter_action", "intent",
                        "intent_ranking", "entity", "extractor", "start", "end",
                        "confidence", "hide_rule_turn", "action_text"})


def redacted(value: Any) -> Any:
    """``value`` with every phone number and email address in its strings redacted.

    >>> redacted({"text": "07700 900123", "message_id": "447700900123",
    ...           "entities": [{"entity": "email", "value": "a@b.org"}]})["entities"]
    [{'entity': 'email', 'value': '[email]'}]
    >>> redacted({"text": "ring 07700 900123", "message_id": "447700900123"})
    {'text': 'ring [phone]', 'message_id': '447700900123'}
    """
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: item if key in _NOT_TYPED else redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redacted(item) for item in value]
    return value


def _entities_redacted(data: dict[str, Any]) -> dict[str, Any]:
    """A user event whose entities that are part of a number or address say ``[phone]`` or
    ``[email]``: the NLU may find a number in pieces ("07700", "900123"), each too short to be
    recognised alone, so they are matched by their place in the text."""
    parse = data.get("parse_data")
    text = data.get("text")
    if not isinstance(parse, dict) or not isinstance(text, str):
        return data
    found = find_contacts(text)
    entities = []
    for entity in parse.get("entities") or []:
        start, end, value = entity.get("start"), entity.get("end"), entity.get("value")
        for contact in found:
            if (isinstance(start, int) and isinstance(end, int) and start < contact.end
                    and contact.start < end and str(value) in text[contact.start:contact.end]):
                entity = {**entity, "value": f"[{contact.kind}]"}
                break
        entities.append(entity)
    return {**data, "parse_data": {**parse, "entities": entities}}


class _RedactedEvent:
    """What ``SQLTrackerStore.save`` reads of an event (its type and dict), redacted."""

    def __init__(self, event: Event) -> None:
        self.type_name = event.type_name
        self._event = event

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = redacted(_entities_redacted(self._event.as_dict()))
        return data


class RedactingSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]
    """``SQLTrackerStore`` whose stored events hold ``[phone]``/``[email]``, never the values."""

    def _additional_events(self, session: Any,
                           tracker: DialogueStateTracker) -> Iterator[_RedactedEvent]:
        for event in super()._additional_events(session, tracker):
            yield _RedactedEvent(event)
