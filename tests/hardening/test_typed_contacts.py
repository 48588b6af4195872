"""Phone numbers and email addresses a victim types are nowhere in plain text at rest: not in
the stored texts, not in Rasa's tracker events, not in the web chat's session, not in any
Django table, while the turn that gets them still works with the real value."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.test import Client, TestCase

from chat import web
from chat.services import save_safe_number
from messaging.assistant import AssistantReply
from messaging.inbound import receive_sms
from messaging.models import InboundMessage, Recipient
from retention.trackers import TrackerStore
from tests.messaging.support import run_relays
from tests.retention.trackerstore import postgres_available, tracker_store

NUMBER, EMAIL = "07700 900456", "amara.okafor@example.org"
TYPED = f"my safe number is {NUMBER}, or mail me at {EMAIL}"
NEEDLES = ("900456", "900 456", "okafor")


def _plain(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in text.lower()]


def _redacting_store(store: TrackerStore) -> Any:
    """Rasa's store as the endpoint files configure it (``tests.retention.trackerstore``)."""
    from assistant.tracker_store import RedactingSQLTrackerStore

    if store.dialect == "sqlite":
        return RedactingSQLTrackerStore(dialect="sqlite", db=store.db)
    return RedactingSQLTrackerStore(dialect="postgresql", host=store.host, port=store.port,
                                    db=store.db, username=store.user or None,
                                    password=store.password or None, login_db="postgres")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.scaled)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TrackerStore]:
    if request.param == "postgresql" and not postgres_available():
        pytest.skip("PostgreSQL tracker store: run by scripts/test_scaled.sh")
    with tracker_store(request.param, tmp_path) as found:
        yield found


def _turn(text: str, *, slot: str | None = None) -> list[Any]:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    # The NLU finds a number in pieces (as DIET does: "07700", then "900456").
    at = text.find(NUMBER)
    pieces = [{"entity": "number", "value": piece, "start": at + offset,
               "end": at + offset + len(piece)}
              for piece, offset in ((NUMBER[:5], 0), (NUMBER[6:], 6))] if at >= 0 else []
    parse = {"text": text, "intent": {"name": "inform", "confidence": 0.9},
             "entities": [*pieces, {"entity": "language", "value": "en", "start": 0,
                                    "end": len(text)}]}
    events: list[Any] = [UserUttered(text, parse["intent"], parse["entities"], parse),
                         ActionExecuted("validate_needs_form")]
    if slot is not None:
        events.append(SlotSet("needs_notes", slot))
    return [*events, BotUttered(f"Thank you. We will text {NUMBER}.")]


def _save(store: Any, sender: str, events: list[Any]) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def _tracker_rows(rasa: Any) -> list[str]:
    """The ``data`` column of Rasa's ``events`` table, as stored."""
    with rasa.session_scope() as session:
        return [row[0] for row in session.query(rasa.SQLEvent.data).order_by(rasa.SQLEvent.id)]


def test_the_tracker_store_keeps_the_redacted_form_of_every_typed_contact(store: TrackerStore):
    rasa = _redacting_store(store)
    first = _turn(TYPED, slot=f"ring {NUMBER} after 6pm")
    _save(rasa, "c1", first)
    _save(rasa, "c1", [*first, *_turn("thanks, and my email is " + EMAIL)])  # a second turn

    rows = _tracker_rows(rasa)
    assert len(rows) == 7  # each event once: the second save added only the new turn's
    assert _plain(" ".join(rows)) == []
    stored = [json.loads(row) for row in rows]
    assert stored[0]["text"] == "my safe number is [phone], or mail me at [email]"
    assert [entity["value"] for entity in stored[0]["parse_data"]["entities"]] == [
        "[phone]", "[phone]", "en"]
    assert stored[0]["parse_data"]["intent"]["name"] == "inform"
    assert stored[2]["value"] == "ring [phone] after 6pm"
    assert stored[4]["text"] == "thanks, and my email is [email]"

    tracker = asyncio.run(rasa.retrieve("c1"))  # what the next turn starts from
    assert tracker.latest_message.text == "thanks, and my email is [email]"


def test_rasa_loads_the_redacting_store_from_both_endpoint_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from rasa.core.tracker_store import create_tracker_store
    from rasa.core.utils import read_endpoints_from_path
    from rasa.shared.utils.common import class_from_module_path

    from assistant.tracker_store import RedactingSQLTrackerStore

    bot = Path(__file__).resolve().parents[2] / "bot"
    monkeypatch.setenv("RASA_TRACKER_DB", str(tmp_path / "tracker.sqlite3"))
    for name in ("ACTION_SERVER_WEBHOOK_URL", "ACTION_SERVER_TOKEN", "RASA_TRACKER_HOST",
                 "RASA_TRACKER_PORT", "RASA_TRACKER_USER", "RASA_TRACKER_PASSWORD",
                 "RASA_LOCK_REDIS_HOST", "RASA_LOCK_REDIS_PORT", "RASA_LOCK_REDIS_DB",
                 "RASA_LOCK_KEY_PREFIX"):
        monkeypatch.setenv(name, "1")
    for endpoints in ("endpoints.yml", "endpoints.scaled.yml"):
        config = read_endpoints_from_path(bot / endpoints).tracker_store
        assert class_from_module_path(config.type) is RedactingSQLTrackerStore
    # Rasa falls back to an in-memory store, with only a warning, for a class it cannot load.
    store = create_tracker_store(read_endpoints_from_path(bot / "endpoints.yml").tracker_store)
    assert isinstance(store, RedactingSQLTrackerStore)


def test_a_chat_turn_with_a_contact_is_sealed_in_the_session_and_read_back():
    transcript = web.Transcript(conversation_id="c1", turns=[
        web.Turn(web.YOU, TYPED), web.Turn(web.ASSISTANT, "Thank you.")])
    stored = transcript.as_session()
    assert _plain(json.dumps(stored)) == []
    assert stored["turns"][1] == ["assistant", "Thank you.", []]  # nothing to hide: as it was
    again = web.Transcript.from_session(json.loads(json.dumps(stored)), "en")
    assert [turn.text for turn in again.turns] == [TYPED, "Thank you."]


def _text_columns() -> list[tuple[str, str]]:
    return [(model._meta.db_table, field.column) for model in apps.get_models()
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
            and not model._meta.proxy]


def _django_plain() -> dict[str, list[str]]:
    """Each Django text column, and each session decoded, that holds a typed contact."""
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(f'SELECT "{column}" FROM "{table}"')  # noqa: S608 (model names)
            for (value,) in cursor.fetchall():
                if value and _plain(str(value)):
                    found.setdefault(f"{table}.{column}", []).append(str(value))
    for session in Session.objects.all():
        decoded = json.dumps(SessionStore().decode(session.session_data))
        if _plain(decoded):
            found.setdefault("django_session (decoded)", []).append(decoded)
    return found


@pytest.mark.django_db
def test_after_a_journey_no_table_nor_the_tracker_holds_a_typed_contact(
        gateway_settings: Any, fake_queue: Any, assistant: Any, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path):
    # A text with both, relayed to the assistant with the real value.
    with TestCase.captureOnCommitCallbacks(execute=True):
        receive_sms(provider_id="SM-typed", from_phone="+447700900111", body=TYPED)
    run_relays(fake_queue)
    assert [post["message"] for post in assistant.received] == [TYPED]
    assert InboundMessage.objects.get(provider_id="SM-typed").body == TYPED

    # The same in the web chat; the assistant gets the real value there too.
    asked: list[str] = []

    def relay(**kwargs: Any) -> list[AssistantReply]:
        asked.append(kwargs["text"])
        return [AssistantReply("Thank you.")]

    monkeypatch.setattr(web, "relay_to_assistant", relay)
    chat = Client()
    assert chat.post("/chat/en/", {"message": TYPED}).status_code == 302
    assert asked == [TYPED]
    page = chat.get("/chat/en/").content.decode()
    assert NUMBER in page  # the victim sees what they typed
    assert EMAIL in page

    # The needs form's safe number, as its action stores it; and the turn in Rasa's store.
    safe = Recipient.objects.get(pk=save_safe_number(raw=NUMBER))
    assert safe.phone == "+447700900456"
    rasa = _redacting_store(TrackerStore(db=str(tmp_path / "tracker.sqlite3")))
    _save(rasa, "c1", _turn(TYPED, slot="given"))

    assert _django_plain() == {}
    assert _plain(" ".join(_tracker_rows(rasa))) == []
