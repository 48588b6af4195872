"""The official ``twilio`` client, built on first use from settings, one per thread.

``TWILIO_API_BASE_URL`` (local and test mode only) sends every request to the Twilio-API
emulator instead of api.twilio.com; the library offers its HTTP client as the one seam for
that. The library's request logging (which would print numbers and bodies) is switched off.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

_local = threading.local()


def _silent_logger() -> logging.Logger:
    """A logger outside the logging tree that drops everything: the library would otherwise log
    request parameters (numbers, bodies) at INFO."""
    return logging.Logger("channels.twilio.http", level=logging.CRITICAL + 1)  # noqa: LOG001


def rewrite_url(url: str, base_url: str) -> str:
    """Point a ``*.twilio.com`` URL at ``base_url``, keeping path and query.

    >>> rewrite_url("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
    ...             "http://127.0.0.1:8010")
    'http://127.0.0.1:8010/2010-04-01/Accounts/AC1/Messages.json'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not base_url or (host != "twilio.com" and not host.endswith(".twilio.com")):
        return url
    base = urlsplit(base_url)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


class SignpostHttpClient(TwilioHttpClient):  # type: ignore[misc]  # twilio ships no types
    def __init__(self, *, base_url: str, timeout: float) -> None:
        super().__init__(pool_connections=True, timeout=timeout, logger=_silent_logger())
        self.base_url = base_url
        if base_url:
            self.session.trust_env = False  # a loopback emulator: never through a proxy

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(method, rewrite_url(url, self.base_url), *args, **kwargs)


def twilio_client() -> Any:
    """This thread's client for the configured account (rebuilt if the settings change)."""
    key = (
        settings.TWILIO_ACCOUNT_SID,
        settings.TWILIO_AUTH_TOKEN,
        settings.TWILIO_API_BASE_URL,
        settings.SIGNPOST_PROVIDER_TIMEOUT_S,
    )
    cached = getattr(_local, "client", None)
    if cached is None or cached[0] != key:
        http = SignpostHttpClient(
            base_url=settings.TWILIO_API_BASE_URL, timeout=settings.SIGNPOST_PROVIDER_TIMEOUT_S
        )
        cached = (key, Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN,
                              http_client=http))
        _local.client = cached
    return cached[1]
