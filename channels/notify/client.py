"""The official ``notifications-python-client``, built on first use from settings, one per thread.

The library's client is not thread-safe (one ``requests`` session), so each worker thread has
its own. ``NOTIFY_API_BASE_URL`` points it at the Notify-API emulator in local and test mode.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from notifications_python_client.notifications import NotificationsAPIClient

_local = threading.local()
REF_PREFIX = "notify:"


def _quiet_library() -> None:
    # It logs every failed request's URL and Notify's message at WARNING; we log our own line.
    logging.getLogger("notifications_python_client").setLevel(logging.ERROR)


def notify_client() -> Any:
    """This thread's client for the configured key (rebuilt if the settings change)."""
    key = (settings.NOTIFY_API_KEY, settings.NOTIFY_API_BASE_URL,
           settings.SIGNPOST_PROVIDER_TIMEOUT_S)
    cached = getattr(_local, "client", None)
    if cached is None or cached[0] != key:
        _quiet_library()
        client = NotificationsAPIClient(  # type: ignore[no-untyped-call]  # no annotations
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_API_BASE_URL,
            timeout=settings.SIGNPOST_PROVIDER_TIMEOUT_S,
        )
        host = urlsplit(settings.NOTIFY_API_BASE_URL).hostname or ""
        if host in {"127.0.0.1", "localhost", "::1"}:
            client.request_session.trust_env = False  # a loopback emulator: never through a proxy
        cached = (key, client)
        _local.client = cached
    return cached[1]


def provider_ref(notification_id: str) -> str:
    """What we store as the message's provider reference: Notify's id, marked as Notify's (the
    poller finds Notify's messages by it).

    >>> provider_ref("740e5834-3a29-46b4-9a6f-16142fde533a")
    'notify:740e5834-3a29-46b4-9a6f-16142fde533a'
    """
    return f"{REF_PREFIX}{notification_id}"


def notification_id(ref: str) -> str:
    return ref.removeprefix(REF_PREFIX)
