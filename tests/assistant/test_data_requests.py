"""Deleting data and withdrawing consent ask first; nothing is done by the asking action."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.data import (
    ActionAskDataRequestConfirmation,
    ActionRequestErasure,
    ActionWithdrawConsent,
)
from actions.menu import ActionChoose
from actions.safety import ActionDangerReply
from tests.assistant.trackers import tracker

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(("action", "request_value", "question"), [
    (ActionRequestErasure, "erase", "utter_confirm_erasure"),
    (ActionWithdrawConsent, "withdraw", "utter_confirm_withdrawal"),
])
async def test_asking_only_sets_the_request_and_the_question_names_it(
        action, request_value, question) -> None:
    dispatcher = CollectingDispatcher()
    events = await action().run(dispatcher, tracker("delete my data"), {})
    assert events == [SlotSet("data_request", request_value),
                      SlotSet("data_request_confirmation", None)]
    assert dispatcher.messages == []  # nothing done, nothing said: the form asks
    await ActionAskDataRequestConfirmation().run(
        dispatcher, tracker(slots={"data_request": request_value}), {})
    assert [m["response"] for m in dispatcher.messages] == [question]


async def test_menu_6_asks_for_confirmation_instead_of_deleting() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker(
        "6", intent="choose", slots={"menu": "main"},
        entities=[{"entity": "number", "value": "6"}]), {})
    assert events == [SlotSet("menu", None), SlotSet("data_request", "erase"),
                      SlotSet("data_request_confirmation", None),
                      FollowupAction("data_request_form")]
    assert dispatcher.messages == []


async def test_stop_all_is_only_the_answer_to_the_question_just_asked() -> None:
    dispatcher = CollectingDispatcher()
    later = tracker("1", intent="choose", slots={"menu": "stop_all"},
                    entities=[{"entity": "number", "value": "1"}],
                    events=[{"event": "user", "text": "what are my rights",
                             "parse_data": {"intent": {"name": "ask_rights"}}}])
    await ActionChoose().run(dispatcher, later, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_menu"]


@pytest.mark.parametrize(("kind", "response"), [
    ("self_harm", "utter_self_harm"), ("danger", "utter_danger"), (None, "utter_danger")])
async def test_the_danger_reply_follows_the_kind(kind, response) -> None:
    dispatcher = CollectingDispatcher()
    message = tracker("I don't want to be alive", intent="danger")
    if kind is not None:
        message.latest_message["danger_kind"] = kind
    await ActionDangerReply().run(dispatcher, message, {})
    assert [m["response"] for m in dispatcher.messages] == [response]
