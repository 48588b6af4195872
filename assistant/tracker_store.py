"""Rasa's SQL tracker store, keeping no phone number, email address or name a victim typed.

Rasa keeps every event of a conversation for as long as the tracker store keeps them (90 days
here), and a victim's messages may hold a safe number, an address or a name. This store writes
each event with the phone numbers, email addresses and names in its free text replaced by
``[phone]``, ``[email]`` and ``[name]`` (``assistant.redaction``): the text of what the victim
said (also as the NLU parsed it, with its entities), the text of the assistant's replies, and
the values of slots.

The conversation's state is a surer sign than any phrase: a message that answers a question
asking for a name (the form's requested slot is one of ``PERSONAL_SLOTS``) is personal data as a
whole, so its text, its entities and that slot's value are stored as ``[name]`` whatever they
say. (None of today's forms asks a victim's name: officers type it in the portal, where it is
encrypted. A question that does gets this for nothing; its action keeps the value the way the
safe number's does, encrypted, with the slot saying only "given".)

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

from collections.abc import Iterable, Iterator
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from assistant.redaction import ContactKind, find_contacts, redact

# Slots whose answer is a name (the needs assessment's ``victim_name`` and ``called_name``).
PERSONAL_SLOTS = frozenset({"victim_name", "called_name"})
REQUESTED_SLOT = "requested_slot"
WHOLE = f"[{ContactKind.NAME}]"

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


def answers_to_personal_questions(events: Iterable[Event]) -> set[int]:
    """The ids (``id()``) of the user events that answered a question asking for a name: the
    form's requested slot was one of ``PERSONAL_SLOTS`` when they came."""
    asked: object = None
    found = set()
    for event in events:
        if isinstance(event, SlotSet) and event.key == REQUESTED_SLOT:
            asked = event.value
        elif isinstance(event, ActiveLoop) and event.name is None:
            asked = None
        elif isinstance(event, UserUttered) and asked in PERSONAL_SLOTS:
            found.add(id(event))
    return found


def _wholly_redacted(data: dict[str, Any]) -> dict[str, Any]:
    """A user event whose text, as typed and as parsed, and every entity value say ``[name]``."""
    parse = data.get("parse_data")
    if isinstance(parse, dict):
        entities = [{**entity, "value": WHOLE} for entity in parse.get("entities") or []
                    if isinstance(entity, dict)]
        parse = {**parse, "text": WHOLE, "entities": entities}
    return {**data, "text": WHOLE, **({"parse_data": parse} if parse is not None else {})}


class _RedactedEvent:
    """What ``SQLTrackerStore.save`` reads of an event (its type and dict), redacted."""

    def __init__(self, event: Event, *, personal: bool) -> None:
        self.type_name = event.type_name
        self._event = event
        self._personal = personal

    def as_dict(self) -> dict[str, Any]:
        data = self._event.as_dict()
        if self._personal:
            data = _wholly_redacted(data)
        elif (data.get("event") == SlotSet.type_name and data.get("name") in PERSONAL_SLOTS
              and data.get("value") not in (None, "")):
            data = {**data, "value": WHOLE}
        redacted_data: dict[str, Any] = redacted(_entities_redacted(data))
        return redacted_data


class RedactingSQLTrackerStore(SQLTrackerStore):  # type: ignore[misc]
    """``SQLTrackerStore`` whose stored events hold ``[phone]``, ``[email]`` and ``[name]``,
    never the values."""

    def _additional_events(self, session: Any,
                           tracker: DialogueStateTracker) -> Iterator[_RedactedEvent]:
        personal = answers_to_personal_questions(tracker.events)
        for event in super()._additional_events(session, tracker):
            yield _RedactedEvent(event, personal=id(event) in personal)
