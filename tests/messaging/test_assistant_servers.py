"""Several Rasa servers: a conversation sticks to one, and moves only when that one is down."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest

from messaging.assistant import (
    AssistantDown,
    AssistantUnavailable,
    ask_any_assistant,
    servers_for,
)
from tests.stack import free_port


class _Rasa(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        self.server.received.append(body["sender"])  # type: ignore[attr-defined]
        answer = json.dumps([{"recipient_id": body["sender"], "text": self.server.name}])  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def two_servers() -> Iterator[list[ThreadingHTTPServer]]:
    servers = []
    for name in ("first", "second"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Rasa)
        server.name = name  # type: ignore[attr-defined]
        server.received = []  # type: ignore[attr-defined]
        Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield servers
    for server in servers:
        server.shutdown()


def _url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_each_conversation_always_goes_to_the_same_server(
        two_servers: list[ThreadingHTTPServer]) -> None:
    urls = [_url(s) for s in two_servers]
    answered_by = {
        sender: ask_any_assistant(servers=urls, sender=sender, text="hi", timeout=5)[0].text
        for sender in (f"conversation-{n}" for n in range(20))
    }
    again = {
        sender: ask_any_assistant(servers=urls, sender=sender, text="hi", timeout=5)[0].text
        for sender in answered_by
    }
    assert again == answered_by
    assert set(answered_by.values()) == {"first", "second"}  # the load is spread


def test_a_down_server_hands_its_conversations_to_the_next(
        two_servers: list[ThreadingHTTPServer]) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    urls = [dead, _url(two_servers[1])]
    sender = next(s for s in (f"c{n}" for n in range(50)) if servers_for(s, urls)[0] == dead)
    replies = ask_any_assistant(servers=urls, sender=sender, text="hi", timeout=5)
    assert [r.text for r in replies] == ["second"]


def test_when_every_server_is_down_the_caller_is_told() -> None:
    urls = [f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"]
    with pytest.raises(AssistantDown):
        ask_any_assistant(servers=urls, sender="c1", text="hi", timeout=2)
    with pytest.raises(AssistantUnavailable):
        ask_any_assistant(servers=[], sender="c1", text="hi", timeout=2)
