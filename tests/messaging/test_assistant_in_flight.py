"""Each process keeps at most ``in_flight`` requests open per Rasa server; the rest wait here."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from aiohttp import web

from emulators.common.background import BackgroundServer, wait_until
from messaging.assistant import AssistantBusy, ask_any_assistant


@dataclass
class SlowRasa:
    """Answers after ``delay`` seconds and remembers the most requests it had open at once."""

    delay: float = 0.1
    open_now: int = 0
    most_open: int = 0
    answered: int = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        try:
            await asyncio.sleep(self.delay)
            body = await request.json()
            self.answered += 1
            return web.json_response([{"recipient_id": body["sender"], "text": "ok"}])
        finally:
            self.open_now -= 1


@pytest.fixture
def slow_rasa() -> Iterator[tuple[SlowRasa, str]]:
    fake = SlowRasa()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", fake.handle)
    with BackgroundServer(app) as server:
        yield fake, server.base_url


def ask_many(url: str, count: int, *, in_flight: int, timeout: float) -> list[object]:
    def ask(n: int) -> object:
        try:
            return [r.text for r in ask_any_assistant(servers=[url], sender=f"c{n}", text="hi",
                                                      timeout=timeout, in_flight=in_flight)]
        except AssistantBusy as error:
            return error

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(ask, range(count)))


def test_no_more_than_in_flight_requests_reach_a_server_at_once(slow_rasa):
    fake, url = slow_rasa
    answers = ask_many(url, 8, in_flight=2, timeout=5)
    assert answers == [["ok"]] * 8
    assert fake.most_open == 2


def test_without_a_limit_every_request_goes_at_once(slow_rasa):
    fake, url = slow_rasa
    assert ask_many(url, 6, in_flight=0, timeout=5) == [["ok"]] * 6
    assert fake.most_open == 6


def test_a_text_that_finds_no_free_slot_in_time_is_not_sent(slow_rasa):
    fake, url = slow_rasa
    fake.delay = 3.0
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(ask_any_assistant, servers=[url], sender="c1", text="hi", timeout=10,
                            in_flight=1)
        wait_until(lambda: fake.open_now == 1, 5)
        with pytest.raises(AssistantBusy):
            ask_any_assistant(servers=[url], sender="c2", text="hi", timeout=0.1, in_flight=1)
        assert [r.text for r in first.result()] == ["ok"]
    assert fake.answered == 1  # the busy one never reached the server
