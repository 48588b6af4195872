"""Fixtures: the emulators started in-process on free loopback ports, and a webhook receiver
standing in for Signpost."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib
import pytest
import requests
from aiohttp import web

from emulators.common.background import BackgroundServer, wait_until
from emulators.common.webhooks import RetryPolicy
from emulators.smtp_sink.app import make_app as make_sink_app
from emulators.smtp_sink.config import SinkConfig
from emulators.twilio.app import make_app as make_twilio_app
from emulators.twilio.client import emulator_client
from emulators.twilio.config import TwilioEmulatorConfig

FAST_RETRY = RetryPolicy(attempts=3, backoff=0.05, timeout=2.0)


@dataclass
class Received:
    path: str
    url: str  # as the receiver saw it, query included
    headers: dict[str, str]
    body: bytes
    form: dict[str, str]


@dataclass
class Receiver:
    """Records every POST; answers from a script of statuses, then 200 (or ``reply``)."""

    server: BackgroundServer | None = None
    received: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    reply: tuple[str, str] = ("text/plain", "")
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        assert self.server is not None
        return self.server.base_url + path

    def fail_next(self, count: int, status: int = 503) -> None:
        with self.lock:
            self.statuses.extend([status] * count)

    def posts(self, path: str | None = None) -> list[Received]:
        with self.lock:
            return [r for r in self.received if path is None or r.path == path]

    def wait_for(self, count: int, path: str | None = None, timeout: float = 5.0) -> list[Received]:
        wait_until(lambda: len(self.posts(path)) >= count, timeout)
        return self.posts(path)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        # As the sender addressed it (request.url trips over yarl's host check in aiohttp 3.9).
        url = f"http://{request.host}{request.path_qs}"
        form = {}
        if request.content_type == "application/x-www-form-urlencoded":
            form = {k: str(v) for k, v in (await request.post()).items()}
        with self.lock:
            status = self.statuses.pop(0) if self.statuses else 200
            if status == 200:
                self.received.append(Received(request.path, url, dict(request.headers), body, form))
        content_type, text = self.reply
        return web.Response(status=status, text=text, content_type=content_type)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    recv = Receiver()
    app = web.Application()
    app.router.add_post("/{tail:.*}", recv.handle)
    recv.server = BackgroundServer(app).start()
    yield recv
    recv.server.stop()


@dataclass
class RunningTwilio:
    server: BackgroundServer
    config: TwilioEmulatorConfig

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def client(self, **kwargs: Any) -> Any:
        return emulator_client(self.base_url, **kwargs)

    def get(self, path: str, **params: str) -> Any:
        response = requests.get(self.base_url + path, params=params, timeout=30)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, payload: dict[str, Any]) -> Any:
        response = requests.post(self.base_url + path, json=payload, timeout=10)
        response.raise_for_status()
        return response.json()


@pytest.fixture
def twilio_config(tmp_path: Path, receiver: Receiver) -> TwilioEmulatorConfig:
    return TwilioEmulatorConfig(
        port=0,
        db_path=str(tmp_path / "twilio.sqlite3"),
        inbound_sms_url=receiver.url("/webhooks/twilio/sms"),
        callback_delay=0.01,
        fault_hold=1.0,
        webhook_retry=FAST_RETRY,
        seed=1,
    )


@pytest.fixture
def twilio(twilio_config: TwilioEmulatorConfig) -> Iterator[RunningTwilio]:
    server = BackgroundServer(make_twilio_app(twilio_config)).start()
    yield RunningTwilio(server, twilio_config)
    server.stop()


@dataclass
class RunningSink:
    server: BackgroundServer
    config: SinkConfig
    smtp_port: int

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def get(self, path: str, **params: str) -> Any:
        response = requests.get(self.base_url + path, params=params, timeout=30)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, payload: dict[str, Any]) -> Any:
        response = requests.post(self.base_url + path, json=payload, timeout=30)
        response.raise_for_status()
        return response.json()

    def delete(self, path: str) -> Any:
        response = requests.delete(self.base_url + path, timeout=30)
        response.raise_for_status()
        return response.json()

    def send(
        self, message: EmailMessage, sender: str = "bounces@signpost.test", **kwargs: Any
    ) -> tuple[dict[str, Any], str]:
        """Send with aiosmtplib, as Signpost does."""
        return asyncio.run(
            aiosmtplib.send(
                message,
                hostname="127.0.0.1",
                port=self.smtp_port,
                sender=sender,
                timeout=30,  # generous: CI machines can be loaded
                **kwargs,
            )
        )


def build_mail(
    to: str = "victim@example.test", subject: str = "Your leaflet", html: str | None = None
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Signpost <noreply@signpost.test>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = "<leaflet-123@signpost.test>"
    message.set_content("Read your leaflet at https://s.pt/abc")
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


@pytest.fixture
def make_mail() -> Callable[..., EmailMessage]:
    return build_mail


@pytest.fixture
def sink_config(tmp_path: Path, receiver: Receiver) -> SinkConfig:
    return SinkConfig(
        smtp_port=0,
        http_port=0,
        db_path=str(tmp_path / "smtp.sqlite3"),
        inbound_email_url=receiver.url("/webhooks/email/inbound"),
        inbound_email_secret="test-secret",
        bounce_delay=0.0,
        webhook_retry=FAST_RETRY,
    )


@pytest.fixture
def sink(sink_config: SinkConfig) -> Iterator[RunningSink]:
    server = BackgroundServer(make_sink_app(sink_config)).start()
    info = requests.get(server.base_url + "/_sink/info", timeout=30).json()
    yield RunningSink(server, sink_config, int(info["smtp_port"]))
    server.stop()
