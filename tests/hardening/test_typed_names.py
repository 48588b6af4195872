"""Names a victim types are nowhere in plain text at rest: recognised by the phrases that give
them in each language the assistant understands, and, whatever the words, when a message answers
a question asking for a name; kept out of Rasa's tracker events and sealed in the web chat."""

# ruff: noqa: RUF001  (names in Turkish and other scripts on purpose)
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from assistant.names import find_names
from assistant.redaction import redact
from chat import web
from retention.trackers import TrackerStore
from tests.hardening.test_typed_contacts import _redacting_store, _tracker_rows

NAME = "Amara Okafor"


@pytest.mark.parametrize(("typed", "name"), [
    ("my name is amara okafor and I need help", "amara okafor"),
    ("Hello. My name's Amara", "Amara"),
    ("I'm Amara Okafor, he hit me", "Amara Okafor"),
    ("please call me Ami", "Ami"),
    ("name: Amara", "Amara"),
    ("Nazywam się Katarzyna Nowak", "Katarzyna Nowak"),
    ("mam na imię kasia", "kasia"),
    ("Mă numesc Ioana Popescu", "Ioana Popescu"),
    ("O meu nome é Ana Silva", "Ana Silva"),
    ("me llamo José García y tengo miedo", "José García"),
    ("Benim adım Ayşe Yılmaz", "Ayşe Yılmaz"),
    ("magacaygu waa Hodan", "Hodan"),
    ("اسمي أمارا", "أمارا"),
    ("আমার নাম আমারা", "আমারা"),
    ("میرا نام عامرہ ہے", "عامرہ"),
    ("ਮੇਰਾ ਨਾਮ ਅਮਰਾ ਹੈ", "ਅਮਰਾ"),
    ("mera naam amara hai", "amara"),
])
def test_a_name_given_in_any_of_the_assistants_languages_is_found(typed: str, name: str) -> None:
    assert [typed[start:end] for start, end in find_names(typed)] == [name]
    assert name not in redact(typed)
    assert "[name]" in redact(typed)


@pytest.mark.parametrize("typed", [
    "I'm scared", "I am OK", "I'm at home now", "call me on 07700 900123", "call me later",
    "This is the third time", "he said his name is on the list", "I was burgled on 12/03/2026",
    "jestem sama w domu", "soy de Leeds",
])
def test_ordinary_sentences_keep_their_words(typed: str) -> None:
    assert "[name]" not in redact(typed), redact(typed)


def _events(*, asked: str | None, text: str) -> list[Any]:
    from rasa.shared.core.events import (
        ActionExecuted,
        ActiveLoop,
        BotUttered,
        SlotSet,
        UserUttered,
    )

    before: list[Any] = []
    if asked is not None:
        before = [ActiveLoop("needs_form"), SlotSet("requested_slot", asked),
                  BotUttered("What should we call you?")]
    parse = {"text": text, "intent": {"name": "inform", "confidence": 0.9},
             "entities": [{"entity": "name", "value": text.split()[0], "start": 0,
                           "end": len(text.split()[0])}]}
    after: list[Any] = [ActionExecuted("validate_needs_form")]
    if asked is not None:
        after += [SlotSet(asked, text), SlotSet("requested_slot", None), ActiveLoop(None)]
    return [*before, UserUttered(text, parse["intent"], parse["entities"], parse), *after,
            BotUttered("Thank you.")]


def _save(rasa: Any, sender: str, events: list[Any]) -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    asyncio.run(rasa.save(DialogueStateTracker.from_events(sender, events)))


def test_the_answer_to_a_name_question_is_stored_as_name_whatever_it_says(
        tmp_path: Path) -> None:
    """"Ami" alone is no recognisable name: the question it answers makes it one."""
    rasa = _redacting_store(TrackerStore(db=str(tmp_path / "tracker.sqlite3")))
    _save(rasa, "c1", _events(asked="called_name", text="Ami"))
    stored = [json.loads(row) for row in _tracker_rows(rasa)]
    assert "Ami" not in json.dumps(stored)
    said = next(event for event in stored if event["event"] == "user")
    assert (said["text"], said["parse_data"]["text"]) == ("[name]", "[name]")
    assert [entity["value"] for entity in said["parse_data"]["entities"]] == ["[name]"]
    assert said["parse_data"]["intent"]["name"] == "inform"
    slot = next(event for event in stored if event["event"] == "slot"
                and event["name"] == "called_name")
    assert slot["value"] == "[name]"


def test_a_later_turn_that_answers_another_question_is_kept_as_typed(tmp_path: Path) -> None:
    rasa = _redacting_store(TrackerStore(db=str(tmp_path / "tracker.sqlite3")))
    first = _events(asked="called_name", text="Ami")
    _save(rasa, "c1", first)
    _save(rasa, "c1", [*first, *_events(asked="needs_safe_times", text="Evenings")])
    said = [json.loads(row)["text"] for row in _tracker_rows(rasa)
            if json.loads(row)["event"] == "user"]
    assert said == ["[name]", "Evenings"]


def test_a_name_typed_anywhere_is_kept_out_of_the_tracker(tmp_path: Path) -> None:
    rasa = _redacting_store(TrackerStore(db=str(tmp_path / "tracker.sqlite3")))
    _save(rasa, "c1", _events(asked=None, text=f"hi, my name is {NAME}"))
    rows = " ".join(_tracker_rows(rasa)).lower()
    assert "amara" not in rows
    assert "okafor" not in rows
    tracker = asyncio.run(rasa.retrieve("c1"))
    assert tracker.latest_message.text == "hi, my name is [name]"


def test_everything_the_visitor_types_in_the_web_chat_is_sealed() -> None:
    transcript = web.Transcript(conversation_id="c1", turns=[
        web.Turn(web.YOU, "Ami"), web.Turn(web.ASSISTANT, "Thank you."),
        web.Turn(web.ASSISTANT, "We will text 07700 900456.")])
    stored = transcript.as_session()
    assert "Ami" not in json.dumps(stored)
    assert "900456" not in json.dumps(stored)
    assert stored["turns"][1] == ["assistant", "Thank you.", []]  # nothing to hide: as it was
    again = web.Transcript.from_session(json.loads(json.dumps(stored)), "en")
    assert [turn.text for turn in again.turns] == ["Ami", "Thank you.",
                                                   "We will text 07700 900456."]


@pytest.mark.django_db
def test_the_stack_tests_scan_finds_a_string_left_in_plain_text() -> None:
    """``personal_scan`` (what the whole-stack test runs) is not blind: a name in a column and
    in a session is found."""
    from django.contrib.sessions.backends.db import SessionStore

    from organisations.models import Organisation, OrganisationKind
    from tests.hardening.personal_scan import scan

    Organisation.objects.create(slug="care", name="Ifeoma's Care",
                                kind=OrganisationKind.SUPPORT_SERVICE)
    session = SessionStore()
    session["chat"] = {"turns": [["you", "ifeoma here", []]]}
    session.save()
    found = scan(["ifeoma"])
    assert "organisations_organisation" in found
    assert "django_session (decoded)" in found
