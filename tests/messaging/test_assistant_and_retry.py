"""The assistant client against a fake Rasa, and the retry policy."""

from __future__ import annotations

import random

import pytest

from emulators.common.background import BackgroundServer
from messaging.assistant import AssistantUnavailable, ask_assistant
from messaging.retry import backoff_seconds
from tests.stack import free_port


def test_replies_with_text_are_returned(assistant):
    assistant.replies = ["One", "Two"]
    replies = ask_assistant(base_url=assistant.server.base_url, sender="abc", text="hi",
                            timeout=2)
    assert [r.text for r in replies] == ["One", "Two"]
    assert assistant.received == [{"sender": "abc", "message": "hi"}]


def test_the_conversations_language_goes_as_metadata(assistant):
    assistant.replies = ["Nie"]
    ask_assistant(base_url=assistant.server.base_url, sender="abc", text="ne", timeout=2,
                  metadata={"language": "cs"})
    assert assistant.received == [{"sender": "abc", "message": "ne",
                                   "metadata": {"language": "cs"}}]


@pytest.mark.parametrize("status", [500, 503, 404])
def test_an_error_answer_is_unavailable(assistant, status):
    assistant.status = status
    with pytest.raises(AssistantUnavailable):
        ask_assistant(base_url=assistant.server.base_url, sender="a", text="b", timeout=2)


def test_nobody_listening_is_unavailable():
    with pytest.raises(AssistantUnavailable):
        ask_assistant(base_url=f"http://127.0.0.1:{free_port()}", sender="a", text="b",
                      timeout=1)


def test_a_slow_assistant_is_unavailable():
    import asyncio

    from aiohttp import web

    async def slow(request):
        await asyncio.sleep(2)
        return web.json_response([])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", slow)
    with BackgroundServer(app) as server, pytest.raises(AssistantUnavailable):
        ask_assistant(base_url=server.base_url, sender="a", text="b", timeout=0.2)


def test_backoff_grows_with_jitter_and_respects_the_cap():
    rng = random.Random(7)
    waits = [backoff_seconds(attempt=n, base=2, cap=60, rng=rng) for n in range(1, 10)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(60, 2 * 2 ** (n - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert len({round(w, 6) for w in waits}) == len(waits)
