"""Menus and language: numbers mean what the last menu shown said they mean."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionSetLanguage, ValidateSlotMappings
from actions.menu import ActionChoose, ActionShowMenu
from tests.assistant.trackers import tracker

pytestmark = pytest.mark.asyncio


def _number(n: str) -> list[dict[str, object]]:
    return [{"entity": "number", "value": n}]


async def test_menu_then_a_number_runs_the_chosen_action() -> None:
    dispatcher = CollectingDispatcher()
    assert await ActionShowMenu().run(dispatcher, tracker("menu"), {}) == [SlotSet("menu", "main")]
    assert dispatcher.messages[0]["response"] == "utter_menu"
    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker("1", intent="choose",
                                      entities=_number("1"), slots={"menu": "main"}), {})
    assert events == [SlotSet("menu", None), SlotSet("menu", "rights")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_rights"]
    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker("3", intent="choose",
                                      entities=_number("3"), slots={"menu": "main"}), {})
    assert FollowupAction("needs_form") in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_needs_intro"]


async def test_a_number_with_no_menu_shows_the_menu() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker("7", intent="choose"), {})
    assert events == [SlotSet("menu", "main")]


async def test_rights_menu_numbers_give_one_right() -> None:
    dispatcher = CollectingDispatcher()
    await ActionChoose().run(dispatcher, tracker("12", intent="choose", entities=_number("12"),
                                                 slots={"menu": "rights"}), {})
    assert dispatcher.messages[0]["response"] == "utter_right_12"
    dispatcher = CollectingDispatcher()
    await ActionChoose().run(dispatcher, tracker("13", slots={"menu": "rights"}), {})
    assert dispatcher.messages[0]["response"] == "utter_choose_again"


async def test_language_menu_pages_on_zero() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker("0", slots={"menu": "language",
                                                                     "menu_page": 0}), {})
    assert SlotSet("menu_page", 1) in events
    assert "11 " in dispatcher.messages[0]["options"]


@pytest.mark.django_db(transaction=True)
async def test_choosing_polish_switches_and_answers_in_polish() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker("2", slots={"menu": "language"}), {})
    assert SlotSet("language", "pl") in events
    message, note = dispatcher.messages
    assert note["response"] == "utter_machine_draft"  # the Polish replies are machine drafts
    assert message["response"] == "utter_language_set"
    assert message["language"] == "pl"  # rendered in Polish although the slot changes after
    assert message["language_name"] == "Polski"


@pytest.mark.django_db(transaction=True)
async def test_asking_for_a_language_by_name() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionSetLanguage().run(dispatcher, tracker(
        "arabic please", intent="change_language",
        entities=[{"entity": "language", "value": "ar"}]), {})
    assert SlotSet("language", "ar") in events
    dispatcher = CollectingDispatcher()
    events = await ActionSetLanguage().run(dispatcher, tracker("language",
                                                               intent="change_language"), {})
    assert SlotSet("menu", "language") in events
    assert dispatcher.messages[0]["response"] == "utter_language_menu"


@pytest.mark.django_db(transaction=True)
async def test_detected_language_is_taken_once() -> None:
    action = ValidateSlotMappings()
    detected = [{"entity": "language", "role": "detected", "value": "ro"}]
    assert await action.extract_language(CollectingDispatcher(), tracker(
        "Bună ziua", entities=detected), {}) == {"language": "ro"}
    assert await action.extract_language(CollectingDispatcher(), tracker(
        "Bună ziua", entities=detected, slots={"language": "en"}), {}) == {}
    assert await action.extract_language(CollectingDispatcher(), tracker("hi"), {}) == {}
    keyword = tracker("change language", entities=[{"entity": "language", "role": "detected",
                                                    "value": "fr"}])
    keyword.latest_message["understood_by"] = "keywords"
    assert await action.extract_language(CollectingDispatcher(), keyword, {}) == {}


@pytest.mark.django_db(transaction=True)
async def test_without_detection_the_recipients_language_is_used() -> None:
    from asgiref.sync import sync_to_async

    from messaging.models import Recipient

    victim = await sync_to_async(Recipient.objects.create)(phone="+447700900123", language="ro")
    assert await ValidateSlotMappings().extract_language(
        CollectingDispatcher(), tracker("hi", sender=victim.conversation_id), {}) == {
        "language": "ro"}


async def test_every_page_of_the_language_menu_ends_with_the_emergency_number() -> None:
    """The language menu answers a first text nobody could read, which may have been someone
    in danger writing in a language the danger net missed: 999 is on it, in no language."""
    from assistant.languages import menu_options, page_count

    for page in range(page_count()):
        assert menu_options(page).splitlines()[-1] == "🆘 999"
