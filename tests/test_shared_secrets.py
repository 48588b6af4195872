"""Rasa's REST channel and the action server refuse calls without the shared secret (the guards
run as request middleware; tests/test_stack_e2e.py replays the calls against the real servers)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from signpost.action_server import guard
from signpost.shared_secret import ACTION_HEADER, REST_HEADER


@dataclass
class FakeRequest:
    path: str = "/webhook"
    method: str = "POST"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeApp:
    middleware_added: list[Any] = field(default_factory=list)

    def middleware(self, function: Any, attach_to: str) -> None:
        assert attach_to == "request"
        self.middleware_added.append(function)


def _status(check: Any, request: FakeRequest) -> int | None:
    answer = asyncio.run(check(request))
    return None if answer is None else int(answer.status)


def test_the_action_server_refuses_calls_without_its_secret_but_not_health() -> None:
    app = FakeApp()
    guard(app, token="action-secret")
    [check] = app.middleware_added
    assert _status(check, FakeRequest()) == 401
    assert _status(check, FakeRequest(headers={ACTION_HEADER: "guess"})) == 401
    assert _status(check, FakeRequest(path="/actions")) == 401
    assert _status(check, FakeRequest(headers={ACTION_HEADER: "action-secret"})) is None
    assert _status(check, FakeRequest(path="/health", method="GET")) is None


def test_an_action_server_with_no_secret_refuses_everything() -> None:
    app = FakeApp()
    guard(app, token="")
    assert _status(app.middleware_added[0], FakeRequest(headers={ACTION_HEADER: ""})) == 401


def test_the_rest_channel_refuses_posts_without_the_secret() -> None:
    from signpost.rasa_channel import TokenRestInput

    async def on_new_message(message: Any) -> None:
        raise AssertionError("never reached in this test")

    channel = TokenRestInput.from_credentials({"token": "rasa-secret"})
    assert channel.name() == "rest"
    blueprint = channel.blueprint(on_new_message)
    checks = [future.middleware for future in blueprint._future_middleware]
    assert len(checks) == 1
    assert _status(checks[0], FakeRequest()) == 401
    assert _status(checks[0], FakeRequest(headers={REST_HEADER: "guess"})) == 401
    assert _status(checks[0], FakeRequest(headers={REST_HEADER: "rasa-secret"})) is None
    assert TokenRestInput.from_credentials(None).token == ""
