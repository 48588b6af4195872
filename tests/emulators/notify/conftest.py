"""The Notify emulator in-process on a free port, posting its callbacks to the test receiver."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from notifications_python_client.notifications import NotificationsAPIClient

from emulators.common.background import BackgroundServer
from emulators.common.webhooks import RetryPolicy
from emulators.notify.app import make_app
from emulators.notify.config import NotifyEmulatorConfig

FAST_RETRY = RetryPolicy(attempts=3, backoff=0.05, timeout=2.0)


@dataclass
class RunningNotify:
    server: BackgroundServer
    config: NotifyEmulatorConfig

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def client(self, api_key: str | None = None) -> Any:
        """The official client, pointed at the emulator."""
        client = NotificationsAPIClient(  # type: ignore[no-untyped-call]
            api_key or self.config.api_key, base_url=self.base_url, timeout=5)
        client.request_session.trust_env = False
        return client

    def get(self, path: str) -> Any:
        response = requests.get(self.base_url + path, timeout=5)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, payload: dict[str, Any]) -> Any:
        response = requests.post(self.base_url + path, json=payload, timeout=10)
        response.raise_for_status()
        return response.json()


@pytest.fixture
def notify(receiver: Any) -> Iterator[RunningNotify]:
    config = NotifyEmulatorConfig(
        port=0, receipt_url=receiver.url("/receipts"), inbound_url=receiver.url("/inbound"),
        callback_delay=0.01, fault_hold=1.0, webhook_retry=FAST_RETRY,
    )
    server = BackgroundServer(make_app(config)).start()
    yield RunningNotify(server, config)
    server.stop()
