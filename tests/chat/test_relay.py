"""The web chat reaches Rasa by the SMS relay's path: the conversation's server by the same
stable hash, one turn of a conversation at a time, and the cap on requests in flight."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Event, Thread
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from chat.views import SESSION_KEY
from messaging.assistant import _server_slots, servers_for
from messaging.conversation_lock import conversation_turn
from messaging.models import Recipient

pytestmark = pytest.mark.django_db


class _Rasa(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append(body)  # type: ignore[attr-defined]
        answer = [{"recipient_id": body["sender"], "text": self.server.name,  # type: ignore[attr-defined]
                   "buttons": [{"title": "Tak", "payload": "tak"}]}]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def two_servers(settings: Any) -> Iterator[list[ThreadingHTTPServer]]:
    servers = []
    for name in ("first", "second"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Rasa)
        server.name = name  # type: ignore[attr-defined]
        server.received = []  # type: ignore[attr-defined]
        Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    settings.RASA_URLS = [f"http://127.0.0.1:{s.server_address[1]}" for s in servers]
    settings.RASA_URL = "http://127.0.0.1:9"  # the single-server setting is not used
    settings.SIGNPOST_RASA_TIMEOUT_S = 0.5
    settings.SIGNPOST_CHAT_SESSIONS_PER_CLIENT = 100  # these tests open many chats from one client
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


def _chat(text: str = "hello", client: Client | None = None) -> tuple[Client, str]:
    client = client or Client()
    client.post("/chat/en/", {"message": text})
    return client, client.session[SESSION_KEY]["conversation_id"]


def test_each_chat_goes_to_its_servers_by_the_sms_hash(
        two_servers: list[ThreadingHTTPServer], settings: Any) -> None:
    by_name = {s.name: url for s, url in zip(two_servers, settings.RASA_URLS, strict=True)}  # type: ignore[attr-defined]
    answered = set()
    for _ in range(12):
        client, sender = _chat()
        page = client.get("/chat/en/").content.decode()
        [name] = [name for name in by_name if f">{name}<" in page]
        assert by_name[name] == servers_for(sender, settings.RASA_URLS)[0]
        answered.add(name)
        _chat("again", client)  # the same chat stays on its server
    assert answered == {"first", "second"}  # twelve chats, spread over both
    received = [body for server in two_servers for body in server.received]  # type: ignore[attr-defined]
    assert len(received) == 24
    assert all(body["metadata"] == {"channel": "web", "language": "en"} for body in received)
    for server in two_servers:
        senders = [body["sender"] for body in server.received]  # type: ignore[attr-defined]
        assert all(servers_for(s, settings.RASA_URLS)[0].endswith(
            str(server.server_address[1])) for s in senders)


def test_the_replys_buttons_are_offered(two_servers: list[ThreadingHTTPServer]) -> None:
    client, _sender = _chat()
    page = client.get("/chat/en/").content.decode()
    assert 'name="message" value="tak"' in page
    assert ">Tak</button>" in page


def test_a_chat_waits_for_its_own_earlier_turn(two_servers: list[ThreadingHTTPServer]) -> None:
    client, sender = _chat()
    holding, done = Event(), Event()

    def earlier_turn() -> None:
        """An earlier message still with the assistant, in another process's place: another
        thread with its own database connection (PostgreSQL's advisory locks are per session,
        so the test's own connection would take the lock again)."""
        try:
            with conversation_turn(sender, wait_s=1):
                holding.set()
                done.wait(30)
        finally:
            connection.close()

    other = Thread(target=earlier_turn)
    other.start()
    assert holding.wait(10)
    try:
        response = client.post("/chat/en/", {"message": "second"})
    finally:
        done.set()
        other.join(10)
    assert response["Location"] == "/chat/en/?unavailable=1#latest"
    assert [b["message"] for s in two_servers for b in s.received] == ["hello"]  # type: ignore[attr-defined]
    page = client.get(response["Location"]).content.decode()
    assert "not available just now" in page
    assert "second" in page  # what they typed is still shown, not lost


def test_the_in_flight_cap_applies_to_the_chat(two_servers: list[ThreadingHTTPServer],
                                               settings: Any) -> None:
    settings.SIGNPOST_RASA_IN_FLIGHT = 1
    sender = Recipient.objects.create(language="en").conversation_id
    server = servers_for(sender, settings.RASA_URLS)[0]
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"conversation_id": sender, "language": "en", "turns": []}
    session.save()
    slot = _server_slots(server, 1)
    assert slot.acquire(timeout=1)  # another request of this process holds the only slot
    try:
        response = client.post("/chat/en/", {"message": "hello"})
    finally:
        slot.release()
    assert "unavailable=1" in response["Location"]
    assert [b for s in two_servers for b in s.received] == []  # type: ignore[attr-defined]
    client.post("/chat/en/", {"message": "hello"})
    assert len([b for s in two_servers for b in s.received]) == 1  # type: ignore[attr-defined]
