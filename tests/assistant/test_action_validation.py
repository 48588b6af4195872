"""The action-answer check built once (assistant.action_validation) decides exactly as Rasa's."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from assistant import action_validation

ANSWERS: list[Any] = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "language", "value": "pl", "timestamp": None}],
     "responses": [{"response": "utter_greet"}]},
    {"events": [{"event": "bot", "text": "hi"}], "responses": [{"text": "hi"}]},
    {},
    {"events": "not a list"},
    {"events": [{"event": "no-such-event"}]},
    {"events": [{"event": "slot"}]},
    {"responses": ["not an object"]},
    [],
    "text",
]


def _outcome(validate: Any, answer: Any) -> tuple[bool, str]:
    try:
        return validate(RemoteAction("action_x", None), answer), ""
    except ValidationError as error:
        return False, error.message


@pytest.mark.parametrize("answer", ANSWERS)
def test_the_check_built_once_decides_and_explains_as_rasas_own(answer: Any) -> None:
    assert _outcome(action_validation._validate_action_result, answer) == _outcome(
        action_validation.RASA_VALIDATE, answer)


def test_the_rasa_server_uses_it_and_never_rechecks_the_schema() -> None:
    import assistant.nlg  # noqa: F401 (what the Rasa server imports, per bot/endpoints.yml)

    assert RemoteAction._validate_action_result is action_validation._validate_action_result
    with mock.patch.object(type(action_validation._VALIDATOR), "check_schema") as check:
        for answer in ANSWERS[:3]:
            assert RemoteAction("action_x", None)._validate_action_result(answer)
    assert check.call_count == 0
