"""Fixtures for the gateway tests: the real emulators in-process, a bridge that hands their
webhooks to Django's test client, a fake assistant, and a queue that records instead of sending.

The emulators post their signed webhooks to a small receiver on a free port; ``PUBLIC_BASE_URL``
is set to that receiver, so the signatures the emulators computed are checked exactly as
Twilio's would be behind a proxy. Tests then forward the posts, in the order they choose, to the
Django test client (all database work stays in the test's thread).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from aiohttp import web
from django.test import Client

from emulators.common.background import BackgroundServer, wait_until
from emulators.common.webhooks import RetryPolicy
from emulators.notify.app import make_app as make_notify_app
from emulators.notify.config import NotifyEmulatorConfig
from emulators.smtp_sink.app import make_app as make_sink_app
from emulators.smtp_sink.config import SinkConfig
from emulators.twilio.app import make_app as make_twilio_app
from emulators.twilio.config import TwilioEmulatorConfig

INBOUND_SECRET = "test-inbound-secret"
ONE_TRY = RetryPolicy(attempts=1, backoff=0.01, timeout=5.0)


@dataclass
class Post:
    path: str
    headers: dict[str, str]
    body: bytes
    content_type: str


@dataclass
class Bridge:
    """Receives the emulators' webhooks; ``forward`` replays one into Django."""

    server: BackgroundServer | None = None
    posts: list[Post] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return self.server.base_url

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        post = Post(request.path_qs, dict(request.headers), body, request.content_type)
        with self.lock:
            self.posts.append(post)
        return web.Response(status=200, text="<Response/>", content_type="text/xml")

    def wait(self, count: int, prefix: str = "", timeout: float = 10.0) -> list[Post]:
        wait_until(lambda: len(self.matching(prefix)) >= count, timeout)
        return self.matching(prefix)

    def matching(self, prefix: str) -> list[Post]:
        with self.lock:
            return [post for post in self.posts if post.path.startswith(prefix)]

    @staticmethod
    def forward(client: Client, post: Post) -> Any:
        extra: dict[str, Any] = {
            f"HTTP_{name.upper().replace('-', '_')}": value
            for name, value in post.headers.items()
            if name.lower().startswith("x-") or name.lower() == "authorization"
        }
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            return client.generic("POST", post.path, post.body,
                                  content_type=post.content_type, **extra)


@dataclass
class Emulator:
    server: BackgroundServer

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def get(self, path: str, **params: str) -> Any:
        response = requests.get(self.base_url + path, params=params, timeout=5)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, payload: dict[str, Any]) -> Any:
        response = requests.post(self.base_url + path, json=payload, timeout=15)
        response.raise_for_status()
        return response.json()

    def accepted_sends(self) -> int:
        requests_log = self.get("/_emulator/requests")["requests"]
        return sum(
            1 for r in requests_log if r["endpoint"] == "send" and r["outcome"] == "accepted"
        )


@dataclass
class Sink(Emulator):
    smtp_port: int = 0


@dataclass
class FakeQueue:
    sends: list[str] = field(default_factory=list)
    delayed: list[tuple[str, float]] = field(default_factory=list)
    relays: list[Any] = field(default_factory=list)  # messaging.queue.RelayDispatch

    @property
    def conversations(self) -> list[int]:
        """The recipients whose relay turn is queued to run now, in queue order."""
        return [relay.recipient_id for relay in self.relays if not relay.delay]


@pytest.fixture
def fake_queue(monkeypatch: pytest.MonkeyPatch) -> FakeQueue:
    from messaging import queue

    recorded = FakeQueue()

    def enqueue_send(message_id: object, *, delay: float | None = None,
                     after_attempt: int | None = None) -> None:
        if delay:
            recorded.delayed.append((str(message_id), delay))
        else:
            recorded.sends.append(str(message_id))

    def enqueue_relay(dispatch: queue.RelayDispatch) -> None:
        recorded.relays.append(dispatch)

    monkeypatch.setattr(queue, "enqueue_send", enqueue_send)
    monkeypatch.setattr(queue, "enqueue_relay", enqueue_relay)
    return recorded


def run_relays(fake_queue: FakeQueue) -> list[int]:
    """Run the relay turns the fake queue holds as Huey would (urgent first, then in the order
    queued, a turn queued again going to the back) until none is due now; the delayed ones
    (retries) stay. The recipients whose turns ran, in order."""
    from django.test import TestCase

    from messaging.inbound import relay_turn

    ran: list[int] = []
    while ready := [relay for relay in fake_queue.relays if not relay.delay]:
        turn = max(ready, key=lambda relay: relay.urgent)  # the first of the highest
        fake_queue.relays.remove(turn)
        with TestCase.captureOnCommitCallbacks(execute=True):
            relay_turn(recipient_id=turn.recipient_id, token=turn.token)
        ran.append(turn.recipient_id)
    return ran


def due_retries(fake_queue: FakeQueue) -> list[float]:
    """Make the delayed relay turns (retries after the assistant failed) due now, as when their
    time comes; their delays."""
    from dataclasses import replace

    delays = [relay.delay for relay in fake_queue.relays if relay.delay]
    fake_queue.relays = [replace(relay, delay=None) for relay in fake_queue.relays]
    return delays


@pytest.fixture
def bridge() -> Iterator[Bridge]:
    found = Bridge()
    app = web.Application()
    app.router.add_post("/{tail:.*}", found.handle)
    found.server = BackgroundServer(app).start()
    yield found
    found.server.stop()


@pytest.fixture
def gateway_settings(settings: Any, bridge: Bridge) -> Any:
    settings.PUBLIC_BASE_URL = bridge.base_url
    settings.TWILIO_ACCOUNT_SID = "ACdev00000000000000000000000000000"
    settings.TWILIO_AUTH_TOKEN = "dev-auth-token"
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    settings.TWILIO_FROM_NUMBER = "+447700900000"
    settings.SIGNPOST_PROVIDER_TIMEOUT_S = 1.0
    settings.SIGNPOST_INBOUND_EMAIL_SECRET = INBOUND_SECRET
    settings.SIGNPOST_ALLOW_DRAMA_NUMBERS = True
    settings.SIGNPOST_SEND_MAX_ATTEMPTS = 4
    settings.EMAIL_FROM = "signpost@signpost.test"
    settings.SMTP_TLS = "none"
    settings.SIGNPOST_SMS_PROVIDER = "twilio"
    settings.SIGNPOST_EMAIL_PROVIDER = "smtp"
    return settings


@pytest.fixture
def twilio(tmp_path: Path, bridge: Bridge, gateway_settings: Any) -> Iterator[Emulator]:
    config = TwilioEmulatorConfig(
        port=0,
        db_path=str(tmp_path / "twilio.sqlite3"),
        inbound_sms_url=bridge.base_url + "/webhooks/twilio/sms",
        callback_delay=0.02,
        fault_hold=3.0,
        webhook_retry=ONE_TRY,
        seed=1,
    )
    server = BackgroundServer(make_twilio_app(config)).start()
    gateway_settings.TWILIO_API_BASE_URL = server.base_url
    yield Emulator(server)
    server.stop()


@pytest.fixture
def notify(tmp_path: Path, bridge: Bridge, gateway_settings: Any) -> Iterator[Emulator]:
    """The Notify emulator, with Signpost set to send texts and emails through it."""
    config = NotifyEmulatorConfig(
        port=0,
        receipt_url=bridge.base_url + "/webhooks/notify/status",
        inbound_url=bridge.base_url + "/webhooks/notify/sms",
        callback_delay=0.02,
        fault_hold=3.0,
        webhook_retry=ONE_TRY,
    )
    server = BackgroundServer(make_notify_app(config)).start()
    gateway_settings.NOTIFY_API_BASE_URL = server.base_url
    gateway_settings.NOTIFY_API_KEY = config.api_key
    gateway_settings.NOTIFY_SMS_TEMPLATE_ID = config.sms_template_id
    gateway_settings.NOTIFY_EMAIL_TEMPLATE_ID = config.email_template_id
    gateway_settings.NOTIFY_CALLBACK_TOKEN = config.callback_token
    gateway_settings.NOTIFY_SMS_SENDER_ID = ""
    gateway_settings.NOTIFY_EMAIL_REPLY_TO_ID = ""
    gateway_settings.SIGNPOST_SMS_PROVIDER = "notify"
    gateway_settings.SIGNPOST_EMAIL_PROVIDER = "notify"
    yield Emulator(server)
    server.stop()


@pytest.fixture
def sink(tmp_path: Path, bridge: Bridge, gateway_settings: Any) -> Iterator[Sink]:
    config = SinkConfig(
        smtp_port=0,
        http_port=0,
        db_path=str(tmp_path / "smtp.sqlite3"),
        inbound_email_url=bridge.base_url + "/webhooks/email/inbound",
        inbound_email_secret=INBOUND_SECRET,
        bounce_delay=0.0,
        webhook_retry=ONE_TRY,
    )
    server = BackgroundServer(make_sink_app(config)).start()
    info = requests.get(server.base_url + "/_sink/info", timeout=5).json()
    gateway_settings.SMTP_HOST = "127.0.0.1"
    gateway_settings.SMTP_PORT = int(info["smtp_port"])
    yield Sink(server, smtp_port=int(info["smtp_port"]))
    server.stop()


@dataclass
class FakeAssistant:
    server: BackgroundServer | None = None
    replies: list[str] = field(default_factory=lambda: ["Hello, I am the assistant."])
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        if self.status != 200:
            return web.Response(status=self.status, text="down")
        return web.json_response(
            [{"recipient_id": "x", "text": text} for text in self.replies]
        )


@pytest.fixture
def assistant(gateway_settings: Any) -> Iterator[FakeAssistant]:
    fake = FakeAssistant()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", fake.handle)
    fake.server = BackgroundServer(app).start()
    gateway_settings.RASA_URL = fake.server.base_url
    gateway_settings.RASA_URLS = [fake.server.base_url]
    gateway_settings.SIGNPOST_RASA_TIMEOUT_S = 2.0
    yield fake
    fake.server.stop()


def queue_sms(to: str = "+447700900123", *, key: str = "test-1", text: str = "Your leaflet: "
              "https://sp.example/l/abc", about: tuple[str, str] = ("", "")) -> Any:
    """request_send for an SMS, with the after-commit queueing run (tests use the ``db`` fixture,
    whose transaction never commits)."""
    from django.test import TestCase

    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    with TestCase.captureOnCommitCallbacks(execute=True):
        message = request_send(
            channel=Channel.SMS, to=to, content=Content(template="leaflet", language="en",
                                                        text=text),
            idempotency_key=key, origin=Origin.OFFICER, about=about,
        )
    message.refresh_from_db()
    return message


def run_queue(fake_queue: FakeQueue) -> None:
    """Run the send task body for everything the fake queue holds (not the delayed retries)."""
    from messaging.tasks import send_message_task

    while fake_queue.sends:
        send_message_task.call_local(fake_queue.sends.pop(0))


def forward_all(bridge: Bridge, client: Client, prefix: str, count: int) -> list[Any]:
    posts = bridge.wait(count, prefix)
    return [Bridge.forward(client, post) for post in posts[:count]]


@dataclass
class ProviderUnderTest:
    """One SMS provider and its emulator, driven in the provider's own terms by neutral calls,
    so one gateway test runs on each provider."""

    name: str
    emulator: Emulator
    receipts: str  # the path prefix its status callbacks are posted to
    inbound: str  # the path its inbound texts are posted to
    receipts_when_delivered: int  # Twilio reports sent, then delivered; Notify only delivered

    def receipt_prefix(self, message: Any) -> str:
        return f"{self.receipts}/{message.pk}" if self.name == "twilio" else self.receipts

    def will_fail_permanently(self, to: str) -> None:
        if self.name == "twilio":
            self.emulator.post("/_emulator/outcomes", {"outcome": "undelivered",
                                                       "error_code": 30006, "to": to})
        else:
            self.emulator.post("/_emulator/outcomes", {"to": to, "status": "permanent-failure"})

    def lose_callbacks(self, to: str) -> None:
        """Texts to ``to`` are delivered, but no callback says so."""
        if self.name == "twilio":
            self.emulator.post("/_emulator/outcomes", {"outcome": "no-callback", "to": to})
        else:
            self.emulator.post("/_emulator/outcomes", {"to": to, "status": "delivered",
                                                       "callback": False})

    def statuses_at_provider(self, phone: str) -> list[str]:
        if self.name == "twilio":
            found = self.emulator.get("/_emulator/messages", to=phone)["messages"]
            return [m["status"] for m in found]
        found = self.emulator.get("/_emulator/notifications")["notifications"]
        return [n["status"] for n in found if n["phone_number"] == phone]

    def fault(self, kind: str, count: int = 1) -> None:
        self.emulator.post("/_emulator/faults", {"kind": kind, "count": count})

    def text_in(self, bridge: Bridge, client: Client, phone: str, body: str) -> Post:
        before = len(bridge.matching(self.inbound))
        self.emulator.post("/_emulator/inbound", {"from": phone, "body": body})
        post = bridge.wait(before + 1, self.inbound)[before]
        answer = Bridge.forward(client, post)
        assert answer.status_code in (200, 204), answer.content
        return post

    def sent_to(self, phone: str) -> list[str]:
        """The bodies the provider accepted for ``phone``, oldest first."""
        if self.name == "twilio":
            found = self.emulator.get("/_emulator/messages", to=phone)["messages"]
            return [m["body"] for m in found]
        found = self.emulator.get("/_emulator/notifications")["notifications"]
        return [n["body"] for n in reversed(found) if n["phone_number"] == phone]


@pytest.fixture(params=["twilio", "notify"])
def sms_provider(request: pytest.FixtureRequest) -> ProviderUnderTest:
    """The gateway's SMS tests run once on each provider."""
    if request.param == "twilio":
        return ProviderUnderTest("twilio", request.getfixturevalue("twilio"),
                                 "/webhooks/twilio/status", "/webhooks/twilio/sms", 2)
    return ProviderUnderTest("notify", request.getfixturevalue("notify"),
                             "/webhooks/notify/status", "/webhooks/notify/sms", 1)
